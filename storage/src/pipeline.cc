#include "pipeline.h"

#include <libpq-fe.h>

#include <memory>

#include "pool.h"

namespace rinnalla::storage {
namespace {

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

Result NextResult(PGconn* conn) { return Result(PQgetResult(conn), &PQclear); }

[[noreturn]] void Lost() { throw soci::soci_error("the database connection failed"); }

}  // namespace

std::optional<PipelineFailure> RunPipeline(soci::session& session,
                                           const std::vector<PipelinedStatement>& statements) {
  PGconn* conn = ConnectionOf(session);
  if (conn == nullptr || PQenterPipelineMode(conn) != 1) Lost();
  for (const PipelinedStatement& statement : statements) {
    const char* value = statement.parameter ? statement.parameter->c_str() : nullptr;
    if (PQsendQueryParams(conn, statement.text.c_str(), statement.parameter ? 1 : 0, nullptr,
                          &value, nullptr, nullptr, 0) != 1) {
      Lost();
    }
  }
  if (PQpipelineSync(conn) != 1) Lost();
  // Each statement's results end with a null; the pipeline's with its sync.
  std::optional<PipelineFailure> failure;
  for (size_t i = 0; i < statements.size(); ++i) {
    while (Result result = NextResult(conn)) {
      if (PQresultStatus(result.get()) == PGRES_FATAL_ERROR && !failure) {
        const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
        failure = PipelineFailure{i, state == nullptr ? "" : state};
      }
    }
    if (PQstatus(conn) != CONNECTION_OK) Lost();
  }
  Result sync = NextResult(conn);
  if (sync == nullptr || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) Lost();
  if (PQexitPipelineMode(conn) != 1) Lost();
  return failure;
}

}  // namespace rinnalla::storage
