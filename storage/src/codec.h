#ifndef RINNALLA_STORAGE_SRC_CODEC_H_
#define RINNALLA_STORAGE_SRC_CODEC_H_

// Conversions between records and what SOCI can exchange: SOCI has no arrays, booleans or
// optionals, so arrays and batches of rows travel as JSON and times as epoch microseconds.

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace rinnalla::storage {

class PipelineRow;

// Arrays as JSON, so that any text round-trips: a text[] or uuid[] parameter is one JSON array
// (ToJsonArray), turned into an array in SQL by TextArrayOf or UuidArrayOf; an array column is
// read as JSON (JsonOf) and parsed by FromJsonArray ("" and "null" are empty). Batches of rows
// are one JSON array of objects, read by json_to_recordset.
std::string ToJsonArray(const std::vector<std::string>& values);
std::vector<std::string> FromJsonArray(const std::string& json);
std::string TextArrayOf(const std::string& parameter);
// A text[] as PostgreSQL's own array literal (every element quoted, `"` and `\` escaped, so any
// text round-trips), for a batch's per-row array: PostgreSQL reads it with CAST(... AS text[])
// several times faster than json_to_recordset converts a nested JSON array.
std::string ToArrayLiteral(const std::vector<std::string>& values);
std::string UuidArrayOf(const std::string& parameter);
std::string JsonOf(const std::string& column);

// The head of a statement that looks up rows of one organization by a batch:
//   WITH <alias> AS (SELECT * FROM json_to_recordset(CAST(:<parameter> AS json))
//                    AS <alias>(<columns>) LIMIT :count),
//        p AS MATERIALIZED (SELECT CAST(:org AS text) AS org_id)
// The statement joins `p` and reads the organization as p.org_id; it binds :<parameter>,
// :count (the batch's size) and :org. So planned, it looks the batch's rows up whatever the
// statistics say:
//  - the LIMIT tells the planner how many rows json_to_recordset returns; it guesses 100, and
//    rather than look up 100 it hashed every row of a table that was still small;
//  - the organization is MATERIALIZED, so that no plan depends on the bound organization's
//    statistics. Inlined, an organization they did not know yet (one new to a database last
//    analyzed with others, or one growing faster than autoanalyze runs) was expected to have a
//    single row, and every call hashed all of its rows: LogVisit's check took 20 ms at 14,000
//    visits.
std::string WithBatchOfOrganization(const std::string& alias, const std::string& parameter,
                                    const std::string& columns);

// SQL fragments: a column read as epoch microseconds, and a parameter written as timestamptz.
std::string MicrosOf(const std::string& column);
std::string TimeFromMicros(const std::string& parameter);
long long ToMicros(absl::Time t);
absl::Time FromMicros(long long micros);

// Reading a nullable column of a row.
std::optional<std::string> OptionalString(const soci::row& row, size_t column);
std::optional<int> OptionalInt(const soci::row& row, size_t column);
std::optional<absl::Time> OptionalTime(const soci::row& row, size_t column);  // MicrosOf's
// The same of a row a pipeline answered (pipeline.h).
std::optional<std::string> OptionalString(const PipelineRow& row, size_t column);
std::optional<int> OptionalInt(const PipelineRow& row, size_t column);
std::optional<absl::Time> OptionalTime(const PipelineRow& row, size_t column);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_CODEC_H_
