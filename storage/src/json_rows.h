#ifndef RINNALLA_STORAGE_SRC_JSON_ROWS_H_
#define RINNALLA_STORAGE_SRC_JSON_ROWS_H_

// Rows sent as one JSON parameter and read in SQL by json_to_recordset, so any text round-trips
// (codec.h): `[{"field": value, ...}, ...]`, written field by field straight to text by
// RapidJSON's writer. No document is built: building nlohmann's and dumping it took over a
// quarter of the server's instructions per LogVisit (625,000 a call against 459,000 now, from
// one caller). Text must be UTF-8, as the API admits no other; any other throws
// std::invalid_argument.

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rinnalla::storage {

// Writes UTF-8 as UTF-8, and refuses any other.
using JsonWriter =
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                      rapidjson::CrtAllocator, rapidjson::kWriteValidateEncodingFlag>;

// Writes `text` as a JSON string, `texts` as a JSON array of them; throws std::invalid_argument
// for text that is not UTF-8.
void WriteText(JsonWriter& writer, std::string_view text);
void WriteTexts(JsonWriter& writer, const std::vector<std::string>& texts);

class JsonRows {
 public:
  JsonRows();

  // Starts the next row: the fields added after it are its.
  JsonRows& Row();

  JsonRows& Add(std::string_view field, std::string_view value);
  JsonRows& Add(std::string_view field, const char* value) {
    return Add(field, std::string_view(value));
  }
  JsonRows& Add(std::string_view field, bool value);
  template <std::integral T>
  JsonRows& Add(std::string_view field, T value) {
    Field(field);
    if constexpr (std::signed_integral<T>) {
      writer_.Int64(value);
    } else {
      writer_.Uint64(value);
    }
    return *this;
  }
  // A JSON array of the texts.
  JsonRows& Add(std::string_view field, const std::vector<std::string>& values);
  // null when empty.
  template <typename T>
  JsonRows& Add(std::string_view field, const std::optional<T>& value) {
    if (value) return Add(field, *value);
    Field(field);
    writer_.Null();
    return *this;
  }

  // Rows started so far.
  size_t size() const { return rows_; }
  bool empty() const { return rows_ == 0; }

  // The rows as JSON text, the same at every call; add nothing after the first.
  std::string Text();

 private:
  void Field(std::string_view name);

  rapidjson::StringBuffer buffer_;
  JsonWriter writer_;
  size_t rows_ = 0;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_STORAGE_SRC_JSON_ROWS_H_
