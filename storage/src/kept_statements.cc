#include "kept_statements.h"

#include <mutex>
#include <shared_mutex>

namespace rinnalla::storage {
namespace {

std::shared_mutex registry_mutex;
std::unordered_map<soci::session*, KeptStatements*>& Registry() {
  static auto* registry = new std::unordered_map<soci::session*, KeptStatements*>();
  return *registry;
}

}  // namespace

soci::statement& KeptStatements::Get(soci::session& session, const std::string& text) {
  auto it = statements_.find(text);
  if (it != statements_.end()) return *it->second;
  auto statement = std::make_unique<soci::statement>(session);
  statement->alloc();
  statement->prepare(text);  // PQprepare, once for the connection
  return *statements_.emplace(text, std::move(statement)).first->second;
}

void KeepStatementsOf(soci::session& session, KeptStatements* statements) {
  std::unique_lock lock(registry_mutex);
  if (statements == nullptr) {
    Registry().erase(&session);
  } else {
    Registry()[&session] = statements;
  }
}

KeptStatements* KeptStatementsOf(soci::session& session) {
  std::shared_lock lock(registry_mutex);
  auto it = Registry().find(&session);
  return it == Registry().end() ? nullptr : it->second;
}

void KeptStatement::Bind(soci::session& session, const std::string& text) {
  if (KeptStatements* kept = KeptStatementsOf(session); kept != nullptr) {
    statement_ = &kept->Get(session, text);
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
