#ifndef RINNALLA_TESTS_STORAGE_PLAN_ROWS_H_
#define RINNALLA_TESTS_STORAGE_PLAN_ROWS_H_

// What a statement's plan reads, from EXPLAIN (ANALYZE, FORMAT JSON): for tests that a statement
// looks up its batch's rows instead of scanning an organization's or a table's.

#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/str_cat.h"
#include "test_database.h"

namespace rinnalla::storage {

// The rows that the plan's nodes read from table `relation` (returned or filtered out), over all
// their loops.
inline double RowsReadFrom(const nlohmann::json& node, const std::string& relation) {
  double rows = 0;
  if (node.value("Relation Name", "") == relation) {
    rows += (node.at("Actual Rows").get<double>() + node.value("Rows Removed by Filter", 0.0)) *
            node.at("Actual Loops").get<double>();
  }
  if (node.contains("Plans")) {
    for (const nlohmann::json& child : node.at("Plans")) rows += RowsReadFrom(child, relation);
  }
  return rows;
}

// The root of `statement`'s plan, as run (EXPLAIN ANALYZE) with its values written in: the plan
// PostgreSQL makes for these values, as for the first executions of a kept statement and for as
// long as such a custom plan stays the cheaper.
inline nlohmann::json PlanAsRun(testing::TestDatabase& db, const std::string& statement) {
  return nlohmann::json::parse(db.QueryText("EXPLAIN (ANALYZE, FORMAT JSON) " + statement))
      .at(0)
      .at("Plan");
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_TESTS_STORAGE_PLAN_ROWS_H_
