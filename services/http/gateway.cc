#include "gateway.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "http_status.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"

namespace rinnalla::http {
namespace {

// gRPC metadata carries printable ASCII only; anything else is dropped, not passed on.
bool Printable(absl::string_view value) {
  for (char c : value) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return !value.empty();
}

absl::Status BadTimeout(absl::string_view header) {
  return WithReason(absl::InvalidArgumentError(
                        absl::StrCat(header,
                                     " must be a positive number (X-Server-Timeout in seconds, "
                                     "Connect-Timeout-Ms in milliseconds)")),
                    "INVALID_TIMEOUT");
}

}  // namespace

Gateway::Gateway(grpc::Server& server, const HttpOptions& options)
    : options_(options),
      channel_(server.InProcessChannel(grpc::ChannelArguments())),
      stub_(std::make_unique<grpc::GenericStub>(channel_)) {}

std::unique_ptr<InProcessCall> Gateway::Start(const google::protobuf::MethodDescriptor& method,
                                              const CallMetadata& metadata,
                                              const std::vector<std::string>& requests) {
  return std::make_unique<InProcessCall>(
      *stub_, absl::StrCat("/", method.service()->full_name(), "/", method.name()), metadata,
      requests, !method.client_streaming() && !method.server_streaming());
}

absl::StatusOr<CallMetadata> Gateway::MetadataOf(const httplib::Request& request,
                                                 bool server_streaming) const {
  CallMetadata metadata;
  for (const char* name : {"authorization", "x-request-id", "traceparent"}) {
    if (!request.has_header(name)) continue;
    std::string value = request.get_header_value(name);
    if (Printable(value)) metadata.headers.emplace_back(name, std::move(value));
  }
  if (!request.has_header("x-request-id")) {
    metadata.made_request_id = NewUuid();
    metadata.headers.emplace_back("x-request-id", metadata.made_request_id);
  }
  std::optional<absl::Duration> asked;
  if (request.has_header("X-Server-Timeout")) {
    double seconds = 0;
    if (!absl::SimpleAtod(request.get_header_value("X-Server-Timeout"), &seconds) ||
        !(seconds > 0)) {
      return BadTimeout("X-Server-Timeout");
    }
    asked = absl::Seconds(std::min(seconds, 1e9));
  } else if (request.has_header("Connect-Timeout-Ms")) {
    int64_t milliseconds = 0;
    if (!absl::SimpleAtoi(request.get_header_value("Connect-Timeout-Ms"), &milliseconds) ||
        milliseconds <= 0) {
      return BadTimeout("Connect-Timeout-Ms");
    }
    asked = absl::Milliseconds(milliseconds);
  }
  if (asked) {
    metadata.timeout = server_streaming ? *asked : std::min(*asked, options_.call_timeout);
  } else if (!server_streaming) {
    metadata.timeout = options_.call_timeout;
  }
  return metadata;
}

absl::Duration Gateway::settle_time() const {
  return std::min(options_.stream_keepalive, absl::Seconds(1));
}

void Gateway::Stream(std::unique_ptr<InProcessCall> call, std::optional<std::string> first,
                     const std::string& content_type, StreamFormat format,
                     httplib::Response& response) const {
  struct State {
    std::unique_ptr<InProcessCall> call;
    std::optional<std::string> pending;
    StreamFormat format;
    absl::Duration keepalive;
  };
  auto state = std::make_shared<State>(
      State{std::move(call), std::move(first), std::move(format), options_.stream_keepalive});
  SetCallHeaders(*state->call, response);
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Accel-Buffering", "no");  // proxies pass each message on at once
  response.set_chunked_content_provider(
      content_type,
      [state](size_t, httplib::DataSink& sink) {
        std::string message;
        InProcessCall::Next next = InProcessCall::Next::kMessage;
        if (state->pending) {
          message = *std::move(state->pending);
          state->pending.reset();
        } else {
          next = state->call->Read(message, state->keepalive);
        }
        std::string out;
        switch (next) {
          case InProcessCall::Next::kMessage:
            out = state->format.message(message);
            break;
          case InProcessCall::Next::kQuiet:
            out = state->format.keepalive;
            break;
          case InProcessCall::Next::kDone:
            out = state->format.end(*state->call);
            if (!out.empty()) sink.write(out.data(), out.size());
            sink.done();
            return true;
        }
        if (!out.empty() && !sink.write(out.data(), out.size())) {
          state->call->Cancel();  // the caller went away
          return false;
        }
        return true;
      },
      [state](bool) { state->call.reset(); });
}

void SetCallHeaders(const InProcessCall& call, httplib::Response& response) {
  if (std::string id = call.request_id(); !id.empty()) response.set_header("X-Request-Id", id);
}

void SetRetryAfter(const grpc::Status& status, httplib::Response& response) {
  if (std::optional<int> seconds = RetryAfterOf(status.error_code())) {
    response.set_header("Retry-After", std::to_string(*seconds));
  }
}

}  // namespace rinnalla::http
