#ifndef RINNALLA_TESTS_STORAGE_PROTOCOL_TRACE_H_
#define RINNALLA_TESTS_STORAGE_PROTOCOL_TRACE_H_

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace rinnalla::storage {

// What the client sent on a connection while it was watched, from libpq's protocol trace: one
// line per message, "F" for the client's, "B" for the server's.
class ProtocolTrace {
 public:
  explicit ProtocolTrace(PGconn* conn) : conn_(conn), file_(open_memstream(&buffer_, &size_)) {
    PQtrace(conn_, file_);
    PQsetTraceFlags(conn_, PQTRACE_SUPPRESS_TIMESTAMPS);
  }
  ~ProtocolTrace() { Stop(); }
  // The messages of `type` ("Query", "Parse", "ReadyForQuery"...) of one side, in order.
  std::vector<std::string> Messages(char side, const std::string& type) {
    Stop();
    std::vector<std::string> found;
    for (absl::string_view line : absl::StrSplit(text_, '\n')) {
      std::vector<absl::string_view> fields = absl::StrSplit(line, absl::MaxSplits('\t', 3));
      if (fields.size() >= 3 && fields[0] == std::string(1, side) && fields[2] == type) {
        found.emplace_back(fields.size() > 3 ? fields[3] : "");
      }
    }
    return found;
  }

 private:
  void Stop() {
    if (file_ == nullptr) return;
    PQuntrace(conn_);
    fclose(file_);
    file_ = nullptr;
    text_.assign(buffer_, size_);
    free(buffer_);
  }

  PGconn* conn_;
  char* buffer_ = nullptr;
  size_t size_ = 0;
  FILE* file_;
  std::string text_;
};

}  // namespace rinnalla::storage

#endif  // RINNALLA_TESTS_STORAGE_PROTOCOL_TRACE_H_
