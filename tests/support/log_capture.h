#ifndef RINNALLA_TESTS_SUPPORT_LOG_CAPTURE_H_
#define RINNALLA_TESTS_SUPPORT_LOG_CAPTURE_H_

// Every line the in-process server logs while a LogCapture lives, beside its usual output.

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace rinnalla::testing {

class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto capture = std::make_shared<spdlog::sinks::ostream_sink_mt>(lines_);
    capture->set_pattern("%v");
    std::vector<spdlog::sink_ptr> sinks = previous_->sinks();
    sinks.push_back(capture);
    auto logger = std::make_shared<spdlog::logger>("rinnalla-captured", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  // The previous logger stays alive: a server thread may still hold its raw pointer.
  ~LogCapture() { spdlog::set_default_logger(previous_); }
  LogCapture(const LogCapture&) = delete;
  LogCapture& operator=(const LogCapture&) = delete;
  std::string text() const { return lines_.str(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream lines_;
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_LOG_CAPTURE_H_
