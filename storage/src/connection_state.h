#ifndef RINNALLA_STORAGE_SRC_CONNECTION_STATE_H_
#define RINNALLA_STORAGE_SRC_CONNECTION_STATE_H_

// What the server keeps for each pooled connection: the statements prepared on it, and the
// access-log rows of its transaction in progress, which travel with the COMMIT.

#include <soci/soci.h>

#include <string>
#include <vector>

#include "kept_statements.h"

namespace rinnalla::storage {

// An access-log row written with its transaction's COMMIT (access_log_writer.h).
struct PendingAccess {
  std::string org_id;  // the client's organization
  std::string actor_org;
  std::string actor;
  std::string role;
  std::string method;
  std::string client_id;
  std::string outcome;  // OK, DENIED, ERROR
  std::string request_id;
};

// Not thread-safe: used only by the connection's lease holder.
struct ConnectionState {
  KeptStatements statements;
  std::vector<PendingAccess> pending_access;
};

// Registers `session`'s state (the pool does, for each connection it owns), or forgets it
// (`state` null). Thread-safe.
void AttachConnectionState(soci::session& session, ConnectionState* state);
// The state of `session`, or null for a session no pool registered.
ConnectionState* ConnectionStateOf(soci::session& session);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_CONNECTION_STATE_H_
