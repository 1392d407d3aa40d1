#ifndef RINNALLA_TESTS_STORAGE_EVERY_BYTE_H_
#define RINNALLA_TESTS_STORAGE_EVERY_BYTE_H_

// Text for round-trip tests of storage: every byte value of UTF-8 text, 0x01-0x7F (control
// characters too: storage must not depend on validation refusing them) and characters whose
// encodings hold every byte 0x80-0xF4.

#include <string>
#include <vector>

namespace rinnalla::storage {

inline std::string EveryByte() {
  std::string text;
  for (int c = 1; c < 0x80; ++c) text.push_back(static_cast<char>(c));
  auto append = [&](char32_t cp) {
    if (cp < 0x800) {
      text.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      text.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      text.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      text.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      text.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      text.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      text.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      text.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      text.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  };
  for (char32_t cp = 0x80; cp < 0xC0; ++cp) append(cp);         // C2 and every continuation byte
  for (char32_t cp = 0xC0; cp < 0x800; cp += 0x40) append(cp);  // leads C3-DF
  for (char32_t cp = 0x800; cp < 0x10000; cp += 0x1000) {       // leads E0-EF
    append(cp == 0xD800 ? 0xD7FF : cp);                         // (not a surrogate)
  }
  for (char32_t cp : {0x10000, 0x40000, 0x80000, 0xC0000, 0x100000, 0x10FFFF}) append(cp);
  return text;  // about 240 characters: within every column's bound
}

// Array values a separator-joined encoding would break: separators, quotes, braces, commas,
// backslashes, an empty value, NULL spelled out, and every byte.
inline std::vector<std::string> AwkwardValues() {
  return {
      "a\x1f"
      "b",
      "c\x1e,d",
      "{\"e\"}",
      "f\\g",
      "",
      "NULL",
      " h ",
      EveryByte()};
}

}  // namespace rinnalla::storage

#endif  // RINNALLA_TESTS_STORAGE_EVERY_BYTE_H_
