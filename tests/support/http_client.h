#ifndef RINNALLA_TESTS_SUPPORT_HTTP_CLIENT_H_
#define RINNALLA_TESTS_SUPPORT_HTTP_CLIENT_H_

// Calls to the server's HTTP listener over real HTTP/1.1 (cpp-httplib's client), as a record
// system or a browser would make them.

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "absl/time/time.h"
#include "test_server.h"

namespace rinnalla::testing {

struct HttpReply {
  int status = 0;  // 0: no response (the connection failed)
  std::multimap<std::string, std::string> headers;
  std::string body;
  std::string header(const std::string& name) const;
  // The body as JSON (null when it is none).
  nlohmann::json json() const;
  // A REST error body's ErrorInfo reason, or "".
  std::string reason() const;
  // The fields a REST error body's BadRequest names.
  std::set<std::string> violated_fields() const;
};

struct HttpRequest {
  std::string method = "GET";
  std::string path;
  std::string body;
  std::string content_type = "application/json";
  std::multimap<std::string, std::string> headers;
};

// `headers` gets `Authorization: Bearer <token for caller>` when `caller` is given.
HttpReply Http(int port, HttpRequest request, const Caller* caller = nullptr);
inline HttpReply HttpGet(int port, const std::string& path, const Caller* caller = nullptr) {
  return Http(port, {"GET", path}, caller);
}
inline HttpReply HttpSend(int port, const std::string& method, const std::string& path,
                          const std::string& body, const Caller* caller = nullptr) {
  return Http(port, {method, path, body}, caller);
}

// Connect: a unary call with a JSON body, to "/rinnalla.v1.<Service>/<Method>".
HttpReply ConnectCall(int port, const std::string& method, const std::string& json,
                      const Caller* caller = nullptr);
// A Connect envelope (flags, then the length, big-endian) around `data`.
std::string ConnectEnvelope(const std::string& data, uint8_t flags = 0);
// The envelopes of a Connect stream's body: (flags, data) each.
std::vector<std::pair<uint8_t, std::string>> ConnectEnvelopes(const std::string& body);

// A raw connection to 127.0.0.1:port, for what a well-behaved client never sends.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  bool Send(const std::string& bytes);
  // Everything until the server closes the connection or `limit` passes; sets `closed`.
  std::string ReadUntilClosed(absl::Duration limit, bool& closed);

 private:
  int fd_ = -1;
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_HTTP_CLIENT_H_
