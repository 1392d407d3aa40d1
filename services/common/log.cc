#include "log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace rinnalla {
namespace {

thread_local const storage::TraceIds* current_trace = nullptr;

// `,"trace_id":"..."` on every line written while a call's trace is current (see rpc.h).
class TraceIdFlag : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    const storage::TraceIds* trace = current_trace;
    if (trace == nullptr) return;
    constexpr absl::string_view kKey = R"(,"trace_id":")";
    dest.append(kKey.data(), kKey.data() + kKey.size());
    dest.append(trace->trace_id.data(), trace->trace_id.data() + trace->trace_id.size());
    dest.push_back('"');
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<TraceIdFlag>();
  }
};

}  // namespace

ScopedLogTrace::ScopedLogTrace(const storage::TraceIds& trace) : previous_(current_trace) {
  current_trace = &trace;
}
ScopedLogTrace::~ScopedLogTrace() { current_trace = previous_; }

void ConfigureJsonLogging() {
  auto logger = spdlog::stdout_logger_mt("rinnalla");
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<TraceIdFlag>('*').set_pattern(
      R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l"%*,%v})");
  logger->set_formatter(std::move(formatter));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out += "\"";
  return out;
}

void LogCall(absl::string_view method, absl::StatusCode code, absl::Duration latency,
             absl::string_view request_id, std::optional<int> messages) {
  auto level = code == absl::StatusCode::kInternal || code == absl::StatusCode::kUnknown ||
                       code == absl::StatusCode::kDataLoss
                   ? spdlog::level::err
                   : spdlog::level::info;
  spdlog::log(level, R"("method":{},"code":"{}","latency_ms":{:.3f},"request_id":{}{})",
              JsonString(method), absl::StatusCodeToString(code),
              absl::ToDoubleMilliseconds(latency), JsonString(request_id),
              messages ? absl::StrFormat(R"(,"messages":%d)", *messages) : "");
}

}  // namespace rinnalla
