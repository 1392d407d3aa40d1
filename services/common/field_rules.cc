#include "field_rules.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "proto_time.h"

namespace rinnalla {
namespace {

// Characters, not bytes: UTF-8 continuation bytes are not counted.
size_t Utf8Length(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Prose may break lines and indent; no other control character is allowed.
bool HasControlCharacter(absl::string_view s, bool prose = false) {
  for (unsigned char c : s) {
    if (prose && (c == '\n' || c == '\r' || c == '\t')) continue;
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

std::string TextProblemOf(absl::string_view value, size_t max_chars, bool prose) {
  if (Utf8Length(value) > max_chars) {
    return absl::StrCat("must be at most ", max_chars, " characters");
  }
  if (HasControlCharacter(value, prose)) {
    return prose ? "must not contain control characters other than line breaks and tabs"
                 : "must not contain control characters";
  }
  return "";
}

void CheckText(absl::string_view value, size_t max_chars, bool prose, const std::string& field,
               FieldViolations& v) {
  if (std::string problem = TextProblemOf(value, max_chars, prose); !problem.empty()) {
    v.Add(field, std::move(problem));
  }
}

bool IsLanguageTag(absl::string_view tag) {
  if (tag.size() > 35) return false;
  std::vector<absl::string_view> parts = absl::StrSplit(tag, '-');
  if (parts[0].size() < 2 || parts[0].size() > 3) return false;
  for (char c : parts[0]) {
    if (!absl::ascii_islower(c)) return false;
  }
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].empty() || parts[i].size() > 8) return false;
    for (char c : parts[i]) {
      if (!absl::ascii_isalnum(c)) return false;
    }
  }
  return true;
}

}  // namespace

std::string TextProblem(absl::string_view value, size_t max_chars) {
  return TextProblemOf(value, max_chars, /*prose=*/false);
}

void CheckOptionalText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldViolations& v) {
  CheckText(value, max_chars, /*prose=*/false, field, v);
}

void CheckOptionalProse(absl::string_view value, size_t max_chars, const std::string& field,
                        FieldViolations& v) {
  CheckText(value, max_chars, /*prose=*/true, field, v);
}

void CheckRequiredText(absl::string_view value, size_t max_chars, const std::string& field,
                       FieldViolations& v) {
  if (absl::StripAsciiWhitespace(value).empty()) {
    v.Add(field, "is required");
    return;
  }
  CheckOptionalText(value, max_chars, field, v);
}

void CheckLanguages(const google::protobuf::RepeatedPtrField<std::string>& languages,
                    bool required, const std::string& field, FieldViolations& v) {
  if (required && languages.empty()) v.Add(field, "at least one language is required");
  if (languages.size() > 20) v.Add(field, "at most 20 languages");
  std::set<absl::string_view> seen;
  for (int i = 0; i < languages.size(); ++i) {
    std::string item = absl::StrCat(field, "[", i, "]");
    if (!IsLanguageTag(languages[i])) {
      v.Add(item, "must be a BCP-47 language code such as fi, sv or en-GB");
    } else if (!seen.insert(languages[i]).second) {
      v.Add(item, "is listed twice");
    }
  }
}

bool IsMunicipalityCode(absl::string_view code) {
  return code.size() == 3 && absl::ascii_isdigit(code[0]) && absl::ascii_isdigit(code[1]) &&
         absl::ascii_isdigit(code[2]);
}

void CheckMunicipalities(const google::protobuf::RepeatedPtrField<std::string>& codes,
                         const std::string& field, FieldViolations& v) {
  if (codes.size() > 50) v.Add(field, "at most 50 municipalities");
  std::set<absl::string_view> seen;
  for (int i = 0; i < codes.size(); ++i) {
    std::string item = absl::StrCat(field, "[", i, "]");
    if (!IsMunicipalityCode(codes[i])) {
      v.Add(item, "must be a three-digit municipality code such as 398");
    } else if (!seen.insert(codes[i]).second) {
      v.Add(item, "is listed twice");
    }
  }
}

void CheckHappened(const google::protobuf::Timestamp& time, absl::Time now,
                   const std::string& field, FieldViolations& v) {
  if (!IsValidTimestamp(time)) {
    v.Add(field, "is not a valid time");
  } else if (FromTimestamp(time) > now + kClockSkew) {
    v.Add(field, "must not be in the future");
  }
}

}  // namespace rinnalla
