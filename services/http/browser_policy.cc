#include "browser_policy.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "http_status.h"

namespace rinnalla::http {
namespace {

// The scheme and host of a URL: "https://idp.example/realms/x" → "https://idp.example".
std::string OriginOf(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t path = url.find('/', scheme + 3);
  return url.substr(0, path);
}

}  // namespace

void AddSecurityHeaders(bool tls, const std::string& csp, httplib::Response& response) {
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Content-Security-Policy", csp);
  if (!response.has_header("Cache-Control")) response.set_header("Cache-Control", "no-store");
  if (tls) response.set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

std::string ContentSecurityPolicy(const std::string& identity_provider) {
  std::string idp = OriginOf(identity_provider);
  std::string extra = idp.empty() ? "" : absl::StrCat(" ", idp);
  return absl::StrCat(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      "font-src 'self'; connect-src 'self'",
      extra, "; form-action 'self'", extra,
      "; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
      "frame-ancestors 'none'");
}

CorsPolicy::CorsPolicy(const std::string& origins) {
  for (absl::string_view origin : absl::StrSplit(origins, ',', absl::SkipWhitespace())) {
    origins_.insert(std::string(absl::StripAsciiWhitespace(origin)));
  }
}

bool CorsPolicy::Allowed(const httplib::Request& request) const {
  return request.has_header("Origin") && origins_.count(request.get_header_value("Origin")) > 0;
}

void CorsPolicy::AnswerPreflight(const httplib::Request& request,
                                 httplib::Response& response) const {
  if (!Allowed(request)) {
    response.status = 403;
    response.set_content(
        RestErrorJson(HttpError(absl::StatusCode::kPermissionDenied, "ORIGIN_NOT_ALLOWED",
                                "this origin may not call the API from a browser")),
        "application/json");
    return;
  }
  response.status = 204;
  AddHeaders(request, response);
  response.set_header("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE");
  response.set_header("Access-Control-Allow-Headers",
                      "Authorization, Content-Type, X-Request-Id, traceparent, X-Server-Timeout, "
                      "Connect-Protocol-Version, Connect-Timeout-Ms, Connect-Content-Encoding");
  response.set_header("Access-Control-Max-Age", "600");
}

void CorsPolicy::AddHeaders(const httplib::Request& request, httplib::Response& response) const {
  response.set_header("Vary", "Origin");
  if (!Allowed(request)) return;
  response.set_header("Access-Control-Allow-Origin", request.get_header_value("Origin"));
  response.set_header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After");
}

}  // namespace rinnalla::http
