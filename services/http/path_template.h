#ifndef RINNALLA_SERVICES_HTTP_PATH_TEMPLATE_H_
#define RINNALLA_SERVICES_HTTP_PATH_TEMPLATE_H_

// A google.api.http path template (google/api/http.proto's grammar):
//   Template = "/" Segments [ ":" Verb ];  Segment = "*" | "**" | LITERAL | Variable;
//   Variable = "{" FieldPath [ "=" Segments ] "}"  (a bare variable is "{field=*}").
// e.g. "/v1/{name=organizations/*/clients/*}:exportCarePlan".

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace rinnalla::http {

// A variable's field path ("guide.name") and the value the path gave it.
using PathBindings = std::vector<std::pair<std::string, std::string>>;

class PathTemplate {
 public:
  // INVALID_ARGUMENT naming what is wrong with `text`.
  static absl::StatusOr<PathTemplate> Parse(absl::string_view text);

  // The variables' values when `path` (decoded, starting with "/") matches, else nullopt.
  std::optional<PathBindings> Match(absl::string_view path) const;

  const std::string& text() const { return text_; }
  bool has_verb() const { return !verb_.empty(); }
  int literal_count() const;
  // The field paths of the variables, in order.
  std::vector<std::string> variables() const;

 private:
  struct Segment {
    std::string literal;  // empty for * and **
    bool any = false;     // *
    bool rest = false;    // **
  };
  struct Variable {
    std::string field_path;
    size_t begin = 0;  // its segments: [begin, end)
    size_t end = 0;
  };
  std::string text_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_PATH_TEMPLATE_H_
