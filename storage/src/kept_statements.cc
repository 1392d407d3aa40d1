#include "kept_statements.h"

#include "connection_state.h"

namespace rinnalla::storage {

soci::statement& KeptStatements::Get(soci::session& session, const std::string& text) {
  auto it = statements_.find(text);
  if (it != statements_.end()) return *it->second;
  auto statement = std::make_unique<soci::statement>(session);
  statement->alloc();
  statement->prepare(text);  // PQprepare, once for the connection
  return *statements_.emplace(text, std::move(statement)).first->second;
}

KeptStatements::Named& KeptStatements::NamedFor(const std::string& text) {
  auto [it, added] = named_.try_emplace(text);
  // SOCI names its own statements st_1, st_2...
  if (added) it->second.name = "rinnalla_" + std::to_string(named_.size());
  return it->second;
}

void KeptStatement::Bind(soci::session& session, const std::string& text) {
  if (ConnectionState* state = ConnectionStateOf(session); state != nullptr) {
    statement_ = &state->statements.Get(session, text);
    return;
  }
  own_ = std::make_unique<soci::statement>(session);
  own_->alloc();
  own_->prepare(text);
  statement_ = own_.get();
}

KeptStatement::~KeptStatement() {
  // The kept statement stays prepared; only this execution's bindings go.
  if (statement_ != nullptr) statement_->bind_clean_up();
}

}  // namespace rinnalla::storage
