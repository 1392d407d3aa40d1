#include "connection_state.h"

#include <mutex>
#include <shared_mutex>
#include <unordered_map>

namespace rinnalla::storage {
namespace {

std::shared_mutex registry_mutex;
std::unordered_map<soci::session*, ConnectionState*>& Registry() {
  static auto* registry = new std::unordered_map<soci::session*, ConnectionState*>();
  return *registry;
}

}  // namespace

void AttachConnectionState(soci::session& session, ConnectionState* state) {
  std::unique_lock lock(registry_mutex);
  if (state == nullptr) {
    Registry().erase(&session);
  } else {
    Registry()[&session] = state;
  }
}

ConnectionState* ConnectionStateOf(soci::session& session) {
  std::shared_lock lock(registry_mutex);
  auto it = Registry().find(&session);
  return it == Registry().end() ? nullptr : it->second;
}

}  // namespace rinnalla::storage
