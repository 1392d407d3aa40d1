#ifndef RINNALLA_STORAGE_SRC_LOCKABLE_SELECT_H_
#define RINNALLA_STORAGE_SRC_LOCKABLE_SELECT_H_

// How the repositories write their SQL: each statement a named constant beside the code that runs
// it, with named binds (`:org`, bound by soci::use(value, "org"); a name may appear more than
// once). An optional filter is one pattern, `(:state = '' OR state = :state)`, bound to "" when
// the filter is absent (a number or time: `(:has_from = 0 OR start_time >= ...)` with a flag), so
// PostgreSQL folds an absent filter away when it plans the statement with the values bound.
//
// A select of rows by their key comes in two forms, plain and taking the rows' locks: one
// LockableSelect holds both, so no caller assembles `FOR UPDATE` itself.

#include <string>
#include <utility>

namespace rinnalla::storage {

class LockableSelect {
 public:
  // `select` ends where a locking clause may follow; `lock` is that clause.
  explicit LockableSelect(std::string select, const std::string& lock = " FOR UPDATE")
      : plain_(std::move(select)), locking_(plain_ + lock) {}
  // The statement text, locking the rows it reads when `for_update`.
  const std::string& operator()(bool for_update) const { return for_update ? locking_ : plain_; }

 private:
  std::string plain_;
  std::string locking_;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_LOCKABLE_SELECT_H_
