#ifndef RINNALLA_STORAGE_SRC_KEPT_STATEMENTS_H_
#define RINNALLA_STORAGE_SRC_KEPT_STATEMENTS_H_

// Statements prepared once per pooled connection and kept, keyed by their SQL text: a read is then
// one round trip (SOCI's own prepared statement prepares, executes and deallocates: three), and
// PostgreSQL plans it from its prepared form instead of parsing it on every call.

#include <soci/soci.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace rinnalla::storage {

// The kept statements of one connection. Not thread-safe: used only by the connection's lease
// holder. Cleared (the statements deallocated) before the connection is closed or replaced, since
// a statement prepared on a connection does not outlive it.
class KeptStatements {
 public:
  // The statement for `text`, prepared on `session` the first time it is asked for.
  soci::statement& Get(soci::session& session, const std::string& text);

  // The same for statements sent in a pipeline (pipeline.h), which prepares them itself: the
  // name `text` is prepared under on the connection, and whether it has been yet.
  struct Named {
    std::string name;
    bool prepared = false;
  };
  Named& NamedFor(const std::string& text);

  void Clear() {
    statements_.clear();
    named_.clear();
  }
  size_t size() const { return statements_.size() + named_.size(); }

 private:
  std::unordered_map<std::string, std::unique_ptr<soci::statement>> statements_;
  std::unordered_map<std::string, Named> named_;
};

// One execution of a kept statement: binds `elements` (soci::use and soci::into), executes,
// and fetches the first row (or bulk into vectors); the bindings end with the object. On a
// session no pool registered (connection_state.h) the statement is prepared for this execution
// only.
class KeptStatement {
 public:
  template <typename... Elements>
  KeptStatement(soci::session& session, const std::string& text, Elements&&... elements) {
    Bind(session, text);
    try {
      (statement_->exchange(std::forward<Elements>(elements)), ...);
      statement_->define_and_bind();
      got_data_ = statement_->execute(true);
    } catch (...) {
      statement_->bind_clean_up();  // the destructor does not run for a throwing constructor
      throw;
    }
  }
  ~KeptStatement();
  KeptStatement(const KeptStatement&) = delete;
  KeptStatement& operator=(const KeptStatement&) = delete;

  // Whether the execution (or the last fetch) gave a row.
  bool got_data() const { return got_data_; }
  // The next row into the same elements.
  bool fetch() { return got_data_ = statement_->fetch(); }
  long long affected_rows() { return statement_->get_affected_rows(); }

 private:
  void Bind(soci::session& session, const std::string& text);

  std::unique_ptr<soci::statement> own_;  // without kept statements
  soci::statement* statement_ = nullptr;
  bool got_data_ = false;
};

// The rows of one execution of a kept statement, read one by one (a range, like soci::rowset).
class KeptRows {
 public:
  template <typename... Uses>
  KeptRows(soci::session& session, const std::string& text, Uses&&... uses)
      : statement_(session, text, std::forward<Uses>(uses)..., soci::into(row_)) {}

  struct End {};
  class Iterator {
   public:
    explicit Iterator(KeptRows& rows) : rows_(rows) {}
    const soci::row& operator*() const { return rows_.row_; }
    Iterator& operator++() {
      rows_.statement_.fetch();
      return *this;
    }
    bool operator!=(End) const { return rows_.statement_.got_data(); }

   private:
    KeptRows& rows_;
  };
  Iterator begin() { return Iterator(*this); }
  End end() { return {}; }

 private:
  soci::row row_;  // before statement_, which binds it
  KeptStatement statement_;
};

// Runs a kept statement once; whether it gave a row (as soci::session::got_data()).
template <typename... Elements>
bool RunKept(soci::session& session, const std::string& text, Elements&&... elements) {
  return KeptStatement(session, text, std::forward<Elements>(elements)...).got_data();
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_KEPT_STATEMENTS_H_
