#include "json_rows.h"

#include <stdexcept>

namespace rinnalla::storage {

namespace {

// Printable ASCII with nothing JSON escapes: most texts written (ids, names, codes) are.
bool IsPlain(std::string_view text) {
  for (const unsigned char c : text) {
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

void WriteText(JsonWriter& writer, std::string_view text) {
  if (IsPlain(text)) {
    // Written as it is: the writer checks and escapes a character at a time, which was a fifth of
    // the server's instructions per LogVisit.
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted.append(1, '"').append(text).append(1, '"');
    writer.RawValue(quoted.data(), quoted.size(), rapidjson::kStringType);
    return;
  }
  if (!writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()))) {
    throw std::invalid_argument("a text is not UTF-8");
  }
}

void WriteTexts(JsonWriter& writer, const std::vector<std::string>& texts) {
  writer.StartArray();
  for (const std::string& text : texts) WriteText(writer, text);
  writer.EndArray();
}

JsonRows::JsonRows() : writer_(buffer_) { writer_.StartArray(); }

JsonRows& JsonRows::Row() {
  if (rows_ > 0) writer_.EndObject();
  writer_.StartObject();
  ++rows_;
  return *this;
}

void JsonRows::Field(std::string_view name) {
  writer_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
}

JsonRows& JsonRows::Add(std::string_view field, std::string_view value) {
  Field(field);
  WriteText(writer_, value);
  return *this;
}

JsonRows& JsonRows::Add(std::string_view field, bool value) {
  Field(field);
  writer_.Bool(value);
  return *this;
}

JsonRows& JsonRows::Add(std::string_view field, const std::vector<std::string>& values) {
  Field(field);
  WriteTexts(writer_, values);
  return *this;
}

std::string JsonRows::Text() {
  if (!writer_.IsComplete()) {
    if (rows_ > 0) writer_.EndObject();
    writer_.EndArray();
  }
  return std::string(buffer_.GetString(), buffer_.GetSize());
}

}  // namespace rinnalla::storage
