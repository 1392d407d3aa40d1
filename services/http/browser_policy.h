#ifndef RINNALLA_SERVICES_HTTP_BROWSER_POLICY_H_
#define RINNALLA_SERVICES_HTTP_BROWSER_POLICY_H_

// What browsers are told: security headers on every response, and CORS, off unless an origin is
// on the allow-list.

#include <httplib.h>

#include <set>
#include <string>

namespace rinnalla::http {

// nosniff, no referrer, no framing, a strict Content-Security-Policy for the web app (its own
// origin only, plus the identity provider's for sign-in), Cache-Control: no-store unless the
// response set its own, and HSTS under TLS.
void AddSecurityHeaders(bool tls, const std::string& csp, httplib::Response& response);
// The web app's policy; `identity_provider` (an OIDC issuer URL, or "") may be connected to.
std::string ContentSecurityPolicy(const std::string& identity_provider);

class CorsPolicy {
 public:
  // `origins`: comma-separated, e.g. "https://a.example,https://b.example"; empty: none.
  explicit CorsPolicy(const std::string& origins);

  // A preflight (OPTIONS with Access-Control-Request-Method): 204 with what may be sent when
  // the origin is allowed, else 403 without any CORS header.
  void AnswerPreflight(const httplib::Request& request, httplib::Response& response) const;
  // On any other response: allows an allowed origin to read it.
  void AddHeaders(const httplib::Request& request, httplib::Response& response) const;

 private:
  bool Allowed(const httplib::Request& request) const;
  std::set<std::string> origins_;
};

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_BROWSER_POLICY_H_
