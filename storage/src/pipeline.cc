#include "pipeline.h"

#include <sys/socket.h>

#include <algorithm>
#include <charconv>
#include <memory>

#include "connection_state.h"
#include "pool.h"

namespace rinnalla::storage {
namespace {

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

Result NextResult(PGconn* conn) { return Result(PQgetResult(conn), &PQclear); }

[[noreturn]] void NotOfType(size_t column) {
  throw soci::soci_error("column " + std::to_string(column) + " is not of the type read");
}

template <typename T>
T Number(std::optional<std::string_view> value, size_t column) {
  T number{};
  if (!value) NotOfType(column);
  const char* end = value->data() + value->size();
  auto [parsed_to, error] = std::from_chars(value->data(), end, number);
  if (error != std::errc() || parsed_to != end) NotOfType(column);
  return number;
}

// Ends a connection whose state libpq and the server no longer agree on: one that failed the
// pipeline without the server's word for it (an error with no SQLSTATE is libpq's own), or one
// left in pipeline mode. libpq then sees it lost, so the pool replaces it instead of lending it
// out again to fail every call.
[[noreturn]] void Abandon(PGconn* conn, size_t answered) {
  if (PQstatus(conn) == CONNECTION_OK) {
    ::shutdown(PQsocket(conn), SHUT_RDWR);
    PQconsumeInput(conn);
  }
  throw PipelineLost(answered);
}

// Sends `statement`, preceded by its preparation when it is kept and not yet prepared on the
// connection; returns that preparation's name (null: none sent), or abandons the connection.
KeptStatements::Named* Send(PGconn* conn, ConnectionState* state,
                            const PipelinedStatement& statement) {
  std::vector<const char*> values;
  for (const std::optional<std::string>& parameter : statement.parameters) {
    values.push_back(parameter ? parameter->c_str() : nullptr);
  }
  const int count = static_cast<int>(values.size());
  if (!statement.kept || state == nullptr) {
    if (PQsendQueryParams(conn, statement.text.c_str(), count, nullptr, values.data(), nullptr,
                          nullptr, 0) != 1) {
      Abandon(conn, 0);
    }
    return nullptr;
  }
  KeptStatements::Named& named = state->statements.NamedFor(statement.text);
  const bool preparing = !named.prepared;
  if (preparing) {
    if (PQsendPrepare(conn, named.name.c_str(), statement.text.c_str(), count, nullptr) != 1) {
      Abandon(conn, 0);
    }
    // Taken as prepared from here on, so the same text later in this pipeline is not prepared
    // twice under one name; RunPipeline sets it back when the preparation fails or is skipped.
    named.prepared = true;
  }
  if (PQsendQueryPrepared(conn, named.name.c_str(), count, values.data(), nullptr, nullptr, 0) !=
      1) {
    Abandon(conn, 0);
  }
  return preparing ? &named : nullptr;
}

// Reads the results of one message up to its null; the rows, if any. Sets `failure` to the first
// error, as `index`.
PipelineRows ReadAnswer(PGconn* conn, size_t index, std::optional<PipelineFailure>& failure) {
  PipelineRows rows;
  while (Result result = NextResult(conn)) {
    ExecStatusType status = PQresultStatus(result.get());
    if (status == PGRES_FATAL_ERROR && !failure) {
      const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
      failure = PipelineFailure{index, state == nullptr ? "" : state};
    } else if (status == PGRES_TUPLES_OK) {
      rows = PipelineRows(std::shared_ptr<PGresult>(result.release(), &PQclear));
    }
  }
  return rows;
}

bool IsNameCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string NumberedParameters(std::string_view text, const std::vector<std::string_view>& names) {
  std::string out;
  out.reserve(text.size());
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') quoted = !quoted;
    if (c != ':' || quoted) {
      out += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == ':') {  // a cast
      out += "::";
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < text.size() && IsNameCharacter(text[end])) ++end;
    const auto named = std::find(names.begin(), names.end(), text.substr(i + 1, end - i - 1));
    if (named == names.end()) {
      out += c;
      continue;
    }
    out += "$" + std::to_string(named - names.begin() + 1);
    i = end - 1;
  }
  return out;
}

std::optional<std::string_view> PipelineRows::Value(int row, int column) const {
  if (row >= size() || column >= PQnfields(result_.get())) NotOfType(column);
  if (PQgetisnull(result_.get(), row, column) == 1) return std::nullopt;
  return std::string_view(PQgetvalue(result_.get(), row, column),
                          PQgetlength(result_.get(), row, column));
}

template <>
std::string PipelineRow::get<std::string>(size_t column) const {
  std::optional<std::string_view> value = Value(column);
  if (!value) NotOfType(column);
  return std::string(*value);
}

template <>
int PipelineRow::get<int>(size_t column) const {
  return Number<int>(Value(column), column);
}

template <>
long long PipelineRow::get<long long>(size_t column) const {
  return Number<long long>(Value(column), column);
}

PipelineAnswers RunPipeline(soci::session& session,
                            const std::vector<PipelinedStatement>& statements) {
  PGconn* conn = ConnectionOf(session);
  if (conn == nullptr || PQenterPipelineMode(conn) != 1) throw PipelineLost(0);
  ConnectionState* state = ConnectionStateOf(session);
  std::vector<KeptStatements::Named*> preparing;
  for (const PipelinedStatement& statement : statements) {
    preparing.push_back(Send(conn, state, statement));
  }
  if (PQpipelineSync(conn) != 1) Abandon(conn, 0);
  // Each message's results end with a null; the pipeline's with its sync. A preparation that
  // fails fails its statement; one the server skipped is sent again next time.
  PipelineAnswers answers;
  for (size_t i = 0; i < statements.size(); ++i) {
    if (preparing[i] != nullptr) {
      ReadAnswer(conn, i, answers.failure);
      preparing[i]->prepared = !answers.failure;
    }
    PipelineRows rows = ReadAnswer(conn, i, answers.failure);
    if (!answers.failure) answers.rows.push_back(std::move(rows));
    if (PQstatus(conn) != CONNECTION_OK) throw PipelineLost(answers.rows.size());
  }
  Result sync = NextResult(conn);
  if (sync == nullptr || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC ||
      PQexitPipelineMode(conn) != 1 || (answers.failure && answers.failure->sqlstate.empty())) {
    Abandon(conn, answers.rows.size());
  }
  return answers;
}

}  // namespace rinnalla::storage
