// The comments of the protos, as descriptions: what integrators read in the OpenAPI document.
#pragma once

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace rinnalla::openapi {

// Joins the lines of a comment into paragraphs: lines are trimmed and joined by spaces, blank
// lines separate paragraphs.
std::string Reflow(absl::string_view comment);

// Whether a comment marks a field as set by the server only ("Output only", AIP-203).
bool IsOutputOnly(absl::string_view comment);

// The leading and trailing comments of a declaration, reflowed; empty when the pool was built
// without source info or there is no comment.
template <typename Declaration>
std::string CommentOf(const Declaration& declaration) {
  google::protobuf::SourceLocation location;
  if (!declaration.GetSourceLocation(&location)) return "";
  return Reflow(location.leading_comments + "\n\n" + location.trailing_comments);
}

}  // namespace rinnalla::openapi
