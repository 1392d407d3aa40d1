#include "held_connection.h"

#include <gtest/gtest.h>

#include <string>

namespace rinnalla::testing {

HeldConnection::HeldConnection(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  EXPECT_EQ(PQstatus(conn_), CONNECTION_OK) << PQerrorMessage(conn_);
}

HeldConnection::~HeldConnection() { PQfinish(conn_); }

void HeldConnection::Exec(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  EXPECT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK)
      << sql << "\n"
      << PQresultErrorMessage(r);
  PQclear(r);
}

long long HeldConnection::Number(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  long long n = -1;
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
    n = std::stoll(PQgetvalue(r, 0, 0));
  } else {
    ADD_FAILURE() << sql << "\n" << PQresultErrorMessage(r);
  }
  PQclear(r);
  return n;
}

std::string HeldConnection::ErrorOf(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  std::string state;
  if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
    const char* code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    state = code != nullptr ? code : "?";
  }
  PQclear(r);
  return state;
}

}  // namespace rinnalla::testing
