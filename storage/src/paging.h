#ifndef RINNALLA_STORAGE_SRC_PAGING_H_
#define RINNALLA_STORAGE_SRC_PAGING_H_

// Keyset pagination over (create_time, id): stable under concurrent inserts, unlike OFFSET.

#include <soci/soci.h>

#include <string>

#include "codec.h"
#include "rinnalla/storage/records.h"

namespace rinnalla::storage {

// The bound parameters of a keyset condition; one row more than the page is read to know whether
// another page follows.
struct KeysetBounds {
  explicit KeysetBounds(const PageRequest& page)
      : has_cursor(page.after ? 1 : 0),
        micros(page.after ? ToMicros(page.after->create_time) : 0),
        id(page.after ? page.after->id : "00000000-0000-0000-0000-000000000000"),
        limit(page.page_size + 1) {}

  // "(time, id) > cursor" (or "<" for newest-first lists), or true without a cursor; binds
  // :has_cursor, :micros and :cursor_id (a statement that binds by position: in that order).
  static std::string Condition(const std::string& time_column, const std::string& id_column,
                               bool newest_first = false) {
    return "(:has_cursor = 0 OR (" + time_column + ", " + id_column + ")" +
           (newest_first ? " < (" : " > (") + TimeFromMicros(":micros") +
           ", CAST(:cursor_id AS uuid)))";
  }

  int has_cursor;
  long long micros;
  std::string id;
  int limit;
};

// Reads up to a page of `rows` (a soci::rowset<soci::row>, KeptRows or PipelineRows); `cursor_of`
// gives a record's keyset position.
template <typename Record, typename Rows, typename Read, typename CursorOf>
Page<Record> CollectPage(Rows& rows, const PageRequest& page, Read read, CursorOf cursor_of) {
  Page<Record> result;
  for (const auto& row : rows) {
    if (static_cast<int>(result.items.size()) == page.page_size) {
      result.next = cursor_of(result.items.back());
      break;
    }
    result.items.push_back(read(row));
  }
  return result;
}

// For records ordered by (create_time, id).
template <typename Record, typename Rows, typename Read>
Page<Record> CollectPage(Rows& rows, const PageRequest& page, Read read) {
  return CollectPage<Record>(rows, page, read, [](const Record& r) {
    return PageCursor{r.create_time, r.id};
  });
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_PAGING_H_
