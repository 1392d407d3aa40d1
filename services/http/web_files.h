#ifndef RINNALLA_SERVICES_HTTP_WEB_FILES_H_
#define RINNALLA_SERVICES_HTTP_WEB_FILES_H_

// The built web app's files (--web-root): hashed assets (a name with a content hash, such as
// Vite's assets/index-B3x-9aF_.js) are cacheable for a year; everything else, index.html and the
// service worker above all, is revalidated on every load. Every answer varies by
// Accept-Encoding: the listener gzips text (HTML, JS, CSS, JSON, SVG) for a browser that asks. A
// GET for a path that is no file is the app's own route: index.html answers it.

#include <httplib.h>

#include <string>

namespace rinnalla::http {

// Answers a GET from the web root; false when there is nothing to answer (no index.html).
bool ServeWebFile(const std::string& web_root, const std::string& path,
                  httplib::Response& response);

}  // namespace rinnalla::http

#endif  // RINNALLA_SERVICES_HTTP_WEB_FILES_H_
