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

// SQL fragments: a column read as epoch microseconds, and a parameter written as timestamptz.
std::string MicrosOf(const std::string& column);
std::string TimeFromMicros(const std::string& parameter);
long long ToMicros(absl::Time t);
absl::Time FromMicros(long long micros);

// Reading a nullable column of a row.
std::optional<std::string> OptionalString(const soci::row& row, size_t column);
std::optional<int> OptionalInt(const soci::row& row, size_t column);
// The same of a row a pipeline answered (pipeline.h).
std::optional<std::string> OptionalString(const PipelineRow& row, size_t column);
std::optional<int> OptionalInt(const PipelineRow& row, size_t column);

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_CODEC_H_
