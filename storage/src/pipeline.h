#ifndef RINNALLA_STORAGE_SRC_PIPELINE_H_
#define RINNALLA_STORAGE_SRC_PIPELINE_H_

// Statements sent together and answered together: one round trip for all (libpq's pipeline
// mode), where SOCI would take one each; the rows they answer are read back as text.

#include <libpq-fe.h>
#include <soci/soci.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rinnalla::storage {

// One statement with its parameters, `$1`, `$2`, ... in its text, sent as text (nullopt: NULL).
// A `kept` one is prepared once per pooled connection and kept (kept_statements.h), so PostgreSQL
// parses and plans it once, not on every call: for statements whose text does not change.
struct PipelinedStatement {
  std::string text;
  std::vector<std::optional<std::string>> parameters;
  bool kept = false;
};

// `text`, written with named binds (`:name`, as SOCI takes them), with each of `names` written as
// libpq's `$1`, `$2`, ... in their order, so that one statement's text serves both. A name in
// quotes, or one not in `names`, is left as it is.
std::string NumberedParameters(std::string_view text, const std::vector<std::string_view>& names);

// The statement that failed; the server skipped those after it.
struct PipelineFailure {
  size_t index;
  std::string sqlstate;
};

// The rows one statement answered, in PostgreSQL's text format.
class PipelineRows {
 public:
  PipelineRows() = default;
  explicit PipelineRows(std::shared_ptr<PGresult> result) : result_(std::move(result)) {}
  int size() const { return result_ == nullptr ? 0 : PQntuples(result_.get()); }
  // The value at `row`, `column`; nullopt for NULL.
  std::optional<std::string_view> Value(int row, int column) const;

  // The rows one by one, each a PipelineRow (a range, as soci::rowset).
  class Iterator;
  Iterator begin() const;
  Iterator end() const;

 private:
  std::shared_ptr<PGresult> result_;
};

// One row of PipelineRows, read as a soci::row is (codec.h's readers take both).
class PipelineRow {
 public:
  PipelineRow(const PipelineRows& rows, int row) : rows_(rows), row_(row) {}
  std::optional<std::string_view> Value(size_t column) const {
    return rows_.Value(row_, static_cast<int>(column));
  }
  // T: std::string, int or long long; throws soci::soci_error for NULL or a value not of T.
  template <typename T>
  T get(size_t column) const;

 private:
  const PipelineRows& rows_;
  int row_;
};
class PipelineRows::Iterator {
 public:
  Iterator(const PipelineRows& rows, int row) : rows_(&rows), row_(row) {}
  PipelineRow operator*() const { return PipelineRow(*rows_, row_); }
  Iterator& operator++() {
    ++row_;
    return *this;
  }
  bool operator!=(const Iterator& other) const { return row_ != other.row_; }

 private:
  const PipelineRows* rows_;
  int row_;
};
inline PipelineRows::Iterator PipelineRows::begin() const { return Iterator(*this, 0); }
inline PipelineRows::Iterator PipelineRows::end() const { return Iterator(*this, size()); }

template <>
std::string PipelineRow::get<std::string>(size_t column) const;
template <>
int PipelineRow::get<int>(size_t column) const;
template <>
long long PipelineRow::get<long long>(size_t column) const;

// How the statements went: each one's rows up to the first failure, which ended the rest.
struct PipelineAnswers {
  std::vector<PipelineRows> rows;
  std::optional<PipelineFailure> failure;
};

// The connection failed after the first `answered` of the statements had succeeded (0: none
// did, so none was applied).
class PipelineLost : public soci::soci_error {
 public:
  explicit PipelineLost(size_t answered)
      : soci::soci_error("the database connection failed"), answered(answered) {}
  size_t answered;
};

// Runs `statements` in order in one round trip on `session`'s connection, which must have no
// statement in progress. Throws PipelineLost when the connection fails.
PipelineAnswers RunPipeline(soci::session& session,
                            const std::vector<PipelinedStatement>& statements);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_PIPELINE_H_
