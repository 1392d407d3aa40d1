#ifndef RINNALLA_STORAGE_RECORDS_H_
#define RINNALLA_STORAGE_RECORDS_H_

// Plain records as stored. Code lists (experience areas, states) are kept by their names, so the
// database stays readable and independent of protobuf enum numbers.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace rinnalla::storage {

struct GuideRecord {
  std::string org_id;
  std::string id;  // UUID
  std::string display_name;
  std::vector<std::string> experience_areas;
  std::vector<std::string> languages;
  std::vector<std::string> municipalities;
  int max_active_clients = 0;
  std::string state;
  int active_client_count = 0;  // ACTIVE + PAUSED assignments; kept by the matching storage
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;

  // Whether the fields a caller can change are equal.
  bool SameContent(const GuideRecord& other) const;
  // The names of the fields a caller can change that differ from `before`.
  std::vector<std::string> ChangedFields(const GuideRecord& before) const;
};

struct ExternalRefRecord {
  std::string system;
  std::string id;
  bool operator==(const ExternalRefRecord&) const = default;
};

struct ClientRecord {
  std::string org_id;
  std::string id;
  std::string display_name;
  std::vector<ExternalRefRecord> external_refs;
  std::optional<int> birth_year;
  std::optional<std::string> municipality;
  std::vector<std::string> languages;
  std::string state;
  int64_t revision = 0;
  absl::Time create_time;
  absl::Time update_time;

  bool SameContent(const ClientRecord& other) const;
  std::vector<std::string> ChangedFields(const ClientRecord& before) const;
};

// A position in a list ordered by (create_time, id): the last row of the previous page.
struct PageCursor {
  absl::Time create_time;
  std::string id;
  // A list merged from several kinds of rows (a client's timeline) orders equal times by kind
  // too; empty otherwise.
  std::string kind;
};

struct PageRequest {
  int page_size = 50;
  std::optional<PageCursor> after;
};

template <typename Record>
struct Page {
  std::vector<Record> items;
  std::optional<PageCursor> next;  // set when more rows may follow
};

// An AIP-155 request id bound to what was asked: the same id with another fingerprint is
// ALREADY_EXISTS.
struct IdempotencyKey {
  std::string request_id;   // UUID
  std::string method;       // e.g. "CreateGuide"
  std::string fingerprint;  // hash of the request
};

// Turns the record just written into the bytes of the RPC's response, inside the writing
// transaction, so a retried request gets exactly the first response.
template <typename Record>
using ResponseEncoder = std::function<std::string(const Record&)>;

// The result of an idempotent Create: the new record, or the first call's stored response.
template <typename Record>
struct CreateOutcome {
  std::optional<Record> created;
  std::string replayed_response;
  std::string replayed_id;  // the id of the resource the replayed response shows
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_RECORDS_H_
