#ifndef RINNALLA_STORAGE_SRC_PIPELINE_H_
#define RINNALLA_STORAGE_SRC_PIPELINE_H_

// Statements sent together and answered together: one round trip for all (libpq's pipeline
// mode), where SOCI would take one each.

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

namespace rinnalla::storage {

// One statement with at most one parameter, `$1` in its text, sent as text.
struct PipelinedStatement {
  std::string text;
  std::optional<std::string> parameter;
};

// The statement that failed; the server skipped those after it.
struct PipelineFailure {
  size_t index;
  std::string sqlstate;
};

// Runs `statements` in order in one round trip on `session`'s connection, which must have no
// statement in progress. Throws soci::soci_error when the connection fails.
std::optional<PipelineFailure> RunPipeline(soci::session& session,
                                           const std::vector<PipelinedStatement>& statements);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_PIPELINE_H_
