#ifndef RINNALLA_STORAGE_SRC_PAGE_BINDS_H_
#define RINNALLA_STORAGE_SRC_PAGE_BINDS_H_

// The named binds of a page of a keyset list: KeysetBounds::Condition's :has_cursor, :micros and
// :cursor_id, and the statement's LIMIT :limit. For statements whose binds are all named.

#include <soci/soci.h>

#include "paging.h"

namespace rinnalla::storage {

// Binds `bounds` (which must outlive the statement's rows) to a statement being prepared:
//   soci::rowset<soci::row> rows = (WithPage(sql.prepare << kList, bounds), soci::use(...));
inline soci::details::prepare_temp_type& WithPage(soci::details::prepare_temp_type&& statement,
                                                  const KeysetBounds& bounds) {
  return (statement, soci::use(bounds.has_cursor, "has_cursor"), soci::use(bounds.micros, "micros"),
          soci::use(bounds.id, "cursor_id"), soci::use(bounds.limit, "limit"));
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_PAGE_BINDS_H_
