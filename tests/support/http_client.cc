#include "http_client.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "test_keys.h"

namespace rinnalla::testing {

std::string HttpReply::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

nlohmann::json HttpReply::json() const { return nlohmann::json::parse(body, nullptr, false); }

std::string HttpReply::reason() const {
  nlohmann::json error = json();
  if (!error.is_object() || !error["details"].is_array()) return "";
  for (const nlohmann::json& detail : error["details"]) {
    if (detail.value("@type", "") == "type.googleapis.com/google.rpc.ErrorInfo") {
      return detail.value("reason", "");
    }
  }
  return "";
}

std::set<std::string> HttpReply::violated_fields() const {
  std::set<std::string> fields;
  nlohmann::json error = json();
  if (!error.is_object() || !error["details"].is_array()) return fields;
  for (const nlohmann::json& detail : error["details"]) {
    if (detail.value("@type", "") != "type.googleapis.com/google.rpc.BadRequest") continue;
    for (const nlohmann::json& v : detail["fieldViolations"]) fields.insert(v.value("field", ""));
  }
  return fields;
}

HttpReply Http(int port, HttpRequest request, const Caller* caller) {
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  httplib::Headers headers(request.headers.begin(), request.headers.end());
  if (caller != nullptr) {
    headers.emplace("Authorization", "Bearer " + TestToken(caller->org, caller->role, caller->sub));
  }
  httplib::Result result(nullptr, httplib::Error::Unknown);
  const std::string& path = request.path;
  const std::string& type = request.content_type;
  if (request.method == "GET") {
    result = client.Get(path, headers);
  } else if (request.method == "POST") {
    result = client.Post(path, headers, request.body, type);
  } else if (request.method == "PATCH") {
    result = client.Patch(path, headers, request.body, type);
  } else if (request.method == "PUT") {
    result = client.Put(path, headers, request.body, type);
  } else if (request.method == "DELETE") {
    result = client.Delete(path, headers, request.body, type);
  } else if (request.method == "OPTIONS") {
    result = client.Options(path, headers);
  }
  HttpReply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.headers.insert(result->headers.begin(), result->headers.end());
  reply.body = result->body;
  return reply;
}

HttpReply ConnectCall(int port, const std::string& method, const std::string& json,
                      const Caller* caller) {
  HttpRequest request{"POST", "/rinnalla.v1." + method, json, "application/json"};
  request.headers.emplace("Connect-Protocol-Version", "1");
  return Http(port, request, caller);
}

std::string ConnectEnvelope(const std::string& data, uint8_t flags) {
  std::string out(1, static_cast<char>(flags));
  const uint32_t size = static_cast<uint32_t>(data.size());
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(size >> shift));
  return out + data;
}

std::vector<std::pair<uint8_t, std::string>> ConnectEnvelopes(const std::string& body) {
  std::vector<std::pair<uint8_t, std::string>> out;
  size_t at = 0;
  while (at + 5 <= body.size()) {
    uint32_t size = 0;
    for (int i = 1; i <= 4; ++i) size = (size << 8) | static_cast<uint8_t>(body[at + i]);
    if (at + 5 + size > body.size()) break;
    out.emplace_back(static_cast<uint8_t>(body[at]), body.substr(at + 5, size));
    at += 5 + size;
  }
  return out;
}

RawConnection::RawConnection(int port) {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

RawConnection::~RawConnection() {
  if (fd_ >= 0) close(fd_);
}

bool RawConnection::Send(const std::string& bytes) {
  return fd_ >= 0 &&
         send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
}

std::string RawConnection::ReadUntilClosed(absl::Duration limit, bool& closed) {
  std::string received;
  closed = false;
  const absl::Time end = absl::Now() + limit;
  while (fd_ >= 0 && absl::Now() < end) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(absl::ToInt64Milliseconds(end - absl::Now()))) <= 0) break;
    char buffer[4096];
    ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) {
      closed = true;
      break;
    }
    received.append(buffer, static_cast<size_t>(n));
  }
  return received;
}

}  // namespace rinnalla::testing
