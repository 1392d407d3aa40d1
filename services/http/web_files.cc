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

// A bundler's content-hashed name: the part before the first dot ends in "-" and a hash of at
// least 8 characters. Vite's hashes are 8 characters of base64url, so "-" and "_" may be inside
// them ("index-B3x-9aF_.js"); other bundlers write longer hex. A hash holds a digit or a capital
// letter, so a plain name such as "web-manifest.json" is never taken for one (being revalidated
// is only slower; an unhashed file kept for a year would be stale).
bool IsHashedPart(absl::string_view hash) {
  bool marked = false;
  for (char c : hash) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '-') return false;
    marked = marked || absl::ascii_isdigit(c) || absl::ascii_isupper(c);
  }
  return marked;
}

bool IsHashed(const std::string& path) {
  absl::string_view name(path);
  name.remove_prefix(name.rfind('/') + 1);
  const size_t dot = name.find('.');
  if (dot == absl::string_view::npos) return false;
  absl::string_view stem = name.substr(0, dot);
  constexpr size_t kViteHash = 8;
  // Vite's: the last 8 characters, after a "-".
  if (stem.size() > kViteHash && stem[stem.size() - kViteHash - 1] == '-' &&
      IsHashedPart(stem.substr(stem.size() - kViteHash))) {
    return true;
  }
  // Longer hashes without "-" inside: everything after the last "-".
  const size_t dash = stem.rfind('-');
  return dash != absl::string_view::npos && stem.size() - dash - 1 >= kViteHash &&
         IsHashedPart(stem.substr(dash + 1));
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
    if (segment == "." || segment == ".." ||
        segment.find_first_of(std::string("\\\0", 2)) != absl::string_view::npos) {
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
  // The listener gzips text when the browser accepts it; caches must keep both forms apart.
  response.set_header("Vary", "Accept-Encoding");
  response.set_content(*std::move(content), MediaTypeOf(served));
  return true;
}

}  // namespace rinnalla::http
