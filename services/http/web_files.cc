#include "web_files.h"

#include <filesystem>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "addresses.h"

namespace rinnalla::http {
namespace {

struct MediaType {
  const char* extension;
  const char* type;
};
constexpr MediaType kMediaTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".jpg", "image/jpeg"},
    {".webp", "image/webp"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".map", "application/json"},
    {".wasm", "application/wasm"},
};

const char* MediaTypeOf(const std::string& path) {
  for (const MediaType& m : kMediaTypes) {
    if (absl::EndsWith(path, m.extension)) return m.type;
  }
  return "application/octet-stream";
}

// A bundler's content-hashed name: "-" then at least 8 letters and digits before the extension.
bool IsHashed(const std::string& path) {
  std::string name = path.substr(path.rfind('/') + 1);
  size_t dot = name.find('.');
  size_t dash = name.rfind('-', dot);
  if (dot == std::string::npos || dash == std::string::npos || dot - dash - 1 < 8) return false;
  for (size_t i = dash + 1; i < dot; ++i) {
    if (!absl::ascii_isalnum(name[i]) && name[i] != '_') return false;
  }
  return true;
}

std::optional<std::string> ReadFile(const std::filesystem::path& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  return ReadTextFile(path.string());
}

// The file under the root that `path` names; nullopt for any segment that could leave the root.
std::optional<std::filesystem::path> FileOf(const std::string& root, const std::string& path) {
  std::filesystem::path file(root);
  for (absl::string_view segment : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    if (segment == "." || segment == ".." || absl::StrContains(segment, '\\') ||
        absl::StrContains(segment, '\0')) {
      return std::nullopt;
    }
    file /= std::string(segment);
  }
  return file;
}

}  // namespace

bool ServeWebFile(const std::string& web_root, const std::string& path,
                  httplib::Response& response) {
  std::optional<std::filesystem::path> file = FileOf(web_root, path);
  std::optional<std::string> content;
  std::string served = path;
  if (file && path != "/" && !absl::EndsWith(path, "/")) content = ReadFile(*file);
  if (!content) {
    served = "/index.html";
    content = ReadFile(std::filesystem::path(web_root) / "index.html");
  }
  if (!content) return false;
  response.set_header("Cache-Control",
                      IsHashed(served) ? "public, max-age=31536000, immutable" : "no-cache");
  response.set_content(*std::move(content), MediaTypeOf(served));
  return true;
}

}  // namespace rinnalla::http
