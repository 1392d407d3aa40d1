#include "codec.h"

#include <rapidjson/reader.h>

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "json_rows.h"
#include "pipeline.h"

namespace rinnalla::storage {

std::string ToJsonArray(const std::vector<std::string>& values) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteTexts(writer, values);
  return std::string(buffer.GetString(), buffer.GetSize());
}

namespace {

// Takes a JSON array of texts, or null, and refuses anything else (returns false).
class TextsHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TextsHandler> {
 public:
  explicit TextsHandler(std::vector<std::string>& texts) : texts_(texts) {}
  bool Null() { return depth_ == 0; }
  bool StartArray() { return depth_++ == 0; }
  bool EndArray(rapidjson::SizeType) { return depth_-- == 1; }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    if (depth_ != 1) return false;
    texts_.emplace_back(text, length);
    return true;
  }
  bool Default() { return false; }  // any other value

 private:
  std::vector<std::string>& texts_;
  int depth_ = 0;
};

}  // namespace

std::vector<std::string> FromJsonArray(const std::string& json) {
  std::vector<std::string> texts;
  if (json.empty()) return texts;
  // Read as it is parsed, building no document: building RapidJSON's took 60% more
  // instructions, and nlohmann's 2.4 times as many (a timeline page of 50, callgrind).
  TextsHandler handler(texts);
  rapidjson::StringStream stream(json.c_str());
  rapidjson::Reader reader;
  if (!reader.Parse<rapidjson::kParseValidateEncodingFlag>(stream, handler) ||
      stream.Tell() != json.size()) {
    throw std::invalid_argument("not a JSON array of texts");
  }
  return texts;
}

std::string TextArrayOf(const std::string& parameter) {
  return "ARRAY(SELECT json_array_elements_text(CAST(" + parameter + " AS json)))";
}

std::string ToArrayLiteral(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal += ',';
    literal += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

std::string UuidArrayOf(const std::string& parameter) {
  return "CAST(" + TextArrayOf(parameter) + " AS uuid[])";
}

std::string JsonOf(const std::string& column) { return "CAST(to_json(" + column + ") AS text)"; }

std::string MicrosOf(const std::string& column) {
  return "(extract(epoch FROM " + column + ") * 1000000)::bigint";
}

std::string TimeFromMicros(const std::string& parameter) {
  return "(timestamptz 'epoch' + " + parameter + " * interval '1 microsecond')";
}

long long ToMicros(absl::Time t) { return absl::ToUnixMicros(t); }
absl::Time FromMicros(long long micros) { return absl::FromUnixMicros(micros); }

std::optional<std::string> OptionalString(const soci::row& row, size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return row.get<std::string>(column);
}

std::optional<int> OptionalInt(const soci::row& row, size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return row.get<int>(column);
}

std::optional<absl::Time> OptionalTime(const soci::row& row, size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return FromMicros(row.get<long long>(column));
}

std::optional<std::string> OptionalString(const PipelineRow& row, size_t column) {
  if (!row.Value(column)) return std::nullopt;
  return row.get<std::string>(column);
}

std::optional<int> OptionalInt(const PipelineRow& row, size_t column) {
  if (!row.Value(column)) return std::nullopt;
  return row.get<int>(column);
}

std::optional<absl::Time> OptionalTime(const PipelineRow& row, size_t column) {
  if (!row.Value(column)) return std::nullopt;
  return FromMicros(row.get<long long>(column));
}

std::string WithBatchOfOrganization(const std::string& alias, const std::string& parameter,
                                    const std::string& columns) {
  return absl::StrCat("WITH ", alias, " AS (SELECT * FROM json_to_recordset(CAST(:", parameter,
                      " AS json)) AS ", alias, "(", columns, ") LIMIT :count),",
                      " p AS MATERIALIZED (SELECT CAST(:org AS text) AS org_id)");
}

}  // namespace rinnalla::storage
