#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <utility>

#include "absl/time/clock.h"

namespace rinnalla::testing {
namespace {

// Starts argv with stdout (and optionally stderr) on pipes. The pipes are close-on-exec, so only
// the child's own stdout and stderr hold them: a daemon it starts (pg_ctl's postgres) would
// otherwise keep them open, and the end of its output, which RunProcess waits for, never came
// (every TestCluster start waited out RunProcess's 60 s).
pid_t Spawn(const std::vector<std::string>& argv, int* out_fd, int* err_fd) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) std::abort();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(err[0]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(out[1]);
  close(err[1]);
  *out_fd = out[0];
  if (err_fd != nullptr) {
    *err_fd = err[0];
  } else {
    close(err[0]);
  }
  return pid;
}

// Reads what is available within `timeout`; false at end of output or timeout.
bool ReadSome(int fd, std::string& into, absl::Duration timeout) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(absl::ToInt64Milliseconds(timeout))) <= 0) return false;
  char buf[4096];
  ssize_t n = read(fd, buf, sizeof buf);
  if (n <= 0) return false;
  into.append(buf, n);
  return true;
}

int ExitCodeOf(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

}  // namespace

ProcessResult RunProcess(const std::vector<std::string>& argv, absl::Duration timeout) {
  ProcessResult result;
  int out_fd, err_fd;
  pid_t pid = Spawn(argv, &out_fd, &err_fd);
  absl::Time deadline = absl::Now() + timeout;
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open = 2;
  while (open > 0) {
    absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration()) break;
    poll(fds, 2, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1);
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, n);
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open;
      }
    }
  }
  for (const pollfd& f : fds) {
    if (f.fd >= 0) close(f.fd);
  }
  if (open > 0) kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = ExitCodeOf(status);
  return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  pid_ = Spawn(argv, &out_fd_, nullptr);
}

ChildProcess::~ChildProcess() {
  if (!exit_code_) {
    kill(pid_, SIGKILL);
    int status;
    waitpid(pid_, &status, 0);
  }
  close(out_fd_);
}

std::optional<std::string> ChildProcess::WaitForLine(const std::string& needle,
                                                     absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    size_t newline;
    while ((newline = buffer_.find('\n')) != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      if (line.find(needle) != std::string::npos) return line;
    }
    absl::Duration left = deadline - absl::Now();
    if (left <= absl::ZeroDuration() || !ReadSome(out_fd_, buffer_, left)) return std::nullopt;
  }
}

void ChildProcess::Signal(int signal) { kill(pid_, signal); }

std::optional<int> ChildProcess::Wait(absl::Duration timeout) {
  if (exit_code_) return exit_code_;
  absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = ExitCodeOf(status);
      return exit_code_;
    }
    if (absl::Now() >= deadline) return std::nullopt;
    // Drain output so the child never blocks on a full pipe while stopping.
    ReadSome(out_fd_, buffer_, absl::Milliseconds(20));
  }
}

std::string ChildProcess::RestOfOutput(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  for (absl::Duration left = timeout; left > absl::ZeroDuration(); left = deadline - absl::Now()) {
    if (!ReadSome(out_fd_, buffer_, left)) break;
  }
  return std::exchange(buffer_, "");
}

}  // namespace rinnalla::testing
