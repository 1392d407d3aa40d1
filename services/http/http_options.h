#ifndef RINNALLA_SERVICES_HTTP_HTTP_OPTIONS_H_
#define RINNALLA_SERVICES_HTTP_HTTP_OPTIONS_H_

#include <string>

#include "absl/time/time.h"

namespace rinnalla::http {

// The HTTP listener's settings (flags of rinnalla-server, see README "HTTP").
struct HttpOptions {
  // host:port; empty: no HTTP listener. Port 0 picks a free one.
  std::string listen;
  // Requests whose body is larger are refused with 413.
  int max_body_bytes = 4 << 20;
  // Requests whose headers (names and values) are larger in total are refused with 431.
  int max_header_bytes = 16 << 10;
  // A client that sends nothing for this long while a request is read, or reads nothing of a
  // response for this long, is cut off.
  absl::Duration read_timeout = absl::Seconds(10);
  absl::Duration write_timeout = absl::Seconds(10);
  // How long an idle keep-alive connection is kept.
  absl::Duration idle_timeout = absl::Seconds(5);
  // Connections served at once (threads); more wait until one is free.
  int max_connections = 64;
  // The deadline of a call that names none, and the longest one a caller may ask for
  // (X-Server-Timeout, Connect-Timeout-Ms). Server streams have none unless asked for.
  absl::Duration call_timeout = absl::Seconds(30);
  // How often a quiet server stream sends a keepalive line (and notices a vanished caller).
  absl::Duration stream_keepalive = absl::Seconds(15);
  // Origins allowed to call from a browser on another origin (CORS); empty: none.
  std::string cors_origins;
  // The built web app, served at `/`; empty: none.
  std::string web_root;
  // Development sign-in (loopback only): a JSON file with the signing key's path and the users.
  std::string dev_sign_in;
  // OpenID Connect for the web app's sign-in, published in /app-config.json.
  std::string oidc_issuer;
  std::string oidc_client_id;
  // The scopes the web app asks for: enough for the ID token to carry the caller's claims.
  std::string oidc_scope = "openid profile";
};

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_HTTP_OPTIONS_H_
