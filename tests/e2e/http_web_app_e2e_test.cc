// The built web app as the HTTP listener serves it to browsers: content-hashed files (Vite's
// names, whose hashes may hold "-" and "_") cached for a year, the shell and the service worker
// revalidated, and text files gzip-compressed when the browser asks for it.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "http_client.h"
#include "test_server.h"

namespace rinnalla::testing {
namespace {

constexpr char kImmutable[] = "public, max-age=31536000, immutable";

// A web root with what Vite builds: index.html, sw.js, the manifest, and hashed assets.
class WebApp {
 public:
  WebApp() : root_(absl::StrCat(::testing::TempDir(), "rinnalla-web-app-", getpid())) {
    std::filesystem::create_directories(root_ + "/assets");
    Write("index.html", "<!doctype html><title>Rinnalla</title>" + Filler("<p>Rinnalla</p>"));
    Write("sw.js", "self.addEventListener('install', () => {});" + Filler("// shell\n"));
    Write("manifest.webmanifest", R"({"name":"Rinnalla"})");
    Write("web-manifest.json", R"({"name":"Rinnalla"})");
    Write("assets/index-B3x-9aF_.js", script());
    Write("assets/index--q8Zk1wP.js", "console.log(2)");
    Write("assets/index-TkkHbRH6.css", "main{margin:0}" + Filler("p{color:#000}\n"));
    Write("assets/oidc-CvRydnjj.js", "console.log(3)");
    Write("assets/chunk-0123456789abcdef0123.js", "console.log(4)");
  }
  ~WebApp() { std::filesystem::remove_all(root_); }

  const std::string& root() const { return root_; }
  static std::string script() { return "export const a = 1;" + Filler("console.log(1);\n"); }

 private:
  static std::string Filler(const std::string& line) {
    std::string text;
    for (int i = 0; i < 200; ++i) text += line;
    return text;
  }
  void Write(const std::string& name, const std::string& content) {
    std::ofstream(root_ + "/" + name) << content;
  }
  std::string root_;
};

HttpReply GetWith(int port, const std::string& path, const std::string& accept_encoding) {
  HttpRequest request{"GET", path};
  request.headers.emplace("Accept-Encoding", accept_encoding);
  return Http(port, request);
}

// Whether one of the reply's Vary headers names `header` (the listener adds one for CORS, too).
bool Varies(const HttpReply& reply, const std::string& header) {
  for (const auto& [name, value] : reply.headers) {
    if (absl::EqualsIgnoreCase(name, "Vary") && absl::StrContains(value, header)) return true;
  }
  return false;
}

TEST(HttpWebAppTest, HashedFilesAreImmutableAndTheShellIsRevalidated) {
  WebApp app;
  TestServer server([&](ServerOptions& o) { o.http.web_root = app.root(); });
  const int port = server.http_port();
  for (const char* hashed :
       {"/assets/index-B3x-9aF_.js", "/assets/index--q8Zk1wP.js", "/assets/index-TkkHbRH6.css",
        "/assets/oidc-CvRydnjj.js", "/assets/chunk-0123456789abcdef0123.js"}) {
    HttpReply reply = HttpGet(port, hashed);
    EXPECT_EQ(reply.status, 200) << hashed;
    EXPECT_EQ(reply.header("Cache-Control"), kImmutable) << hashed;
  }
  for (const char* revalidated :
       {"/", "/index.html", "/sw.js", "/manifest.webmanifest", "/web-manifest.json", "/clients"}) {
    HttpReply reply = HttpGet(port, revalidated);
    EXPECT_EQ(reply.status, 200) << revalidated;
    EXPECT_EQ(reply.header("Cache-Control"), "no-cache") << revalidated;
  }
}

TEST(HttpWebAppTest, TextFilesAreGzippedWhenTheBrowserAsks) {
  WebApp app;
  TestServer server([&](ServerOptions& o) { o.http.web_root = app.root(); });
  const int port = server.http_port();
  for (const char* path :
       {"/", "/sw.js", "/assets/index-B3x-9aF_.js", "/assets/index-TkkHbRH6.css"}) {
    HttpReply plain = GetWith(port, path, "identity");
    ASSERT_EQ(plain.status, 200) << path;
    EXPECT_EQ(plain.header("Content-Encoding"), "") << path;
    // The client decompresses: the body is the file itself, the headers say how it came.
    HttpReply gzipped = GetWith(port, path, "gzip, deflate");
    ASSERT_EQ(gzipped.status, 200) << path;
    EXPECT_EQ(gzipped.header("Content-Encoding"), "gzip") << path;
    EXPECT_EQ(gzipped.body, plain.body) << path;
    EXPECT_TRUE(Varies(gzipped, "Accept-Encoding")) << path;
  }
  EXPECT_EQ(GetWith(port, "/assets/index-B3x-9aF_.js", "gzip").body, WebApp::script());
}

TEST(HttpWebAppTest, TheGzippedBytesAreSmallerThanTheFile) {
  WebApp app;
  TestServer server([&](ServerOptions& o) { o.http.web_root = app.root(); });
  RawConnection connection(server.http_port());
  ASSERT_TRUE(connection.Send(
      "GET /assets/index-B3x-9aF_.js HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n"
      "Connection: close\r\n\r\n"));
  bool closed = false;
  const std::string answer = connection.ReadUntilClosed(absl::Seconds(20), closed);
  ASSERT_TRUE(closed);
  const size_t body = answer.find("\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  EXPECT_NE(answer.substr(0, body).find("Content-Encoding: gzip"), std::string::npos);
  EXPECT_EQ(answer.substr(body + 4, 2), "\x1f\x8b");  // gzip's magic number
  EXPECT_LT(answer.size() - body - 4, WebApp::script().size() / 4);
}

}  // namespace
}  // namespace rinnalla::testing
