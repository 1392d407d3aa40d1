#include "test_cluster.h"

#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "process.h"

namespace rinnalla::testing {
namespace {

// Debian's server binaries (initdb, pg_ctl): the newest installed version.
std::string ServerBinaries() {
  std::string found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
    std::string bin = entry.path().string() + "/bin";
    if (std::filesystem::exists(bin + "/initdb") && bin > found) found = bin;
  }
  return found;
}

void MustRun(const std::vector<std::string>& argv) {
  ProcessResult result = RunProcess(argv, absl::Seconds(60));
  if (result.exit_code != 0) {
    ADD_FAILURE() << argv[0] << " failed (" << result.exit_code << "): " << result.err
                  << result.out;
    std::abort();
  }
}

pid_t ParentOf(pid_t pid) {
  std::ifstream stat(absl::StrCat("/proc/", pid, "/stat"));
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
  size_t close = text.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(text.substr(close + 1));
  std::string state;
  pid_t parent = -1;
  rest >> state >> parent;
  return parent;
}

}  // namespace

TestCluster::TestCluster() : bin_(ServerBinaries()) {
  if (bin_.empty()) {
    ADD_FAILURE() << "no PostgreSQL server binaries under /usr/lib/postgresql";
    std::abort();
  }
  char pattern[] = "/tmp/rinnalla-cluster-XXXXXX";
  if (mkdtemp(pattern) == nullptr) std::abort();
  dir_ = pattern;
  if (geteuid() == 0) {
    // PostgreSQL refuses to run as root.
    passwd* owner = getpwnam("postgres");
    if (owner == nullptr || chown(dir_.c_str(), owner->pw_uid, owner->pw_gid) != 0) {
      ADD_FAILURE() << "cannot hand " << dir_ << " to the postgres user";
      std::abort();
    }
  }
  MustRun(AsOwner({bin_ + "/initdb", "--pgdata=" + dir_ + "/data", "--auth=trust",
                   "--username=postgres", "--no-sync", "--encoding=UTF8", "--locale=C"}));
  Start();
}

TestCluster::~TestCluster() {
  Thaw();
  if (running_) {
    RunProcess(AsOwner({bin_ + "/pg_ctl", "stop", "--pgdata=" + dir_ + "/data", "--mode=immediate",
                        "--wait"}),
               absl::Seconds(30));
  }
  std::error_code error;
  std::filesystem::remove_all(dir_, error);
}

std::vector<std::string> TestCluster::AsOwner(std::vector<std::string> argv) const {
  if (geteuid() != 0) return argv;
  std::vector<std::string> as = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  as.insert(as.end(), argv.begin(), argv.end());
  return as;
}

void TestCluster::PgCtl(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {bin_ + "/pg_ctl", "--pgdata=" + dir_ + "/data", "--wait"};
  argv.insert(argv.end(), args.begin(), args.end());
  MustRun(AsOwner(argv));
}

void TestCluster::Start() {
  PgCtl({"--log=" + dir_ + "/server.log",
         "--options=-c listen_addresses='' -c unix_socket_directories='" + dir_ +
             "' -c port=5432 -c fsync=off -c max_connections=100",
         "start"});
  running_ = true;
}

void TestCluster::Stop() {
  PgCtl({"--mode=fast", "stop"});
  running_ = false;
}

std::string TestCluster::ConnectionString(const std::string& name) const {
  return absl::StrCat("host=", dir_, " port=5432 user=postgres dbname=", name);
}

std::vector<pid_t> TestCluster::Processes() const {
  std::vector<pid_t> pids;
  std::ifstream pid_file(dir_ + "/data/postmaster.pid");
  pid_t postmaster = -1;
  if (!(pid_file >> postmaster) || postmaster <= 0) return pids;
  pids.push_back(postmaster);
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    pid_t pid = std::atoi(name.c_str());
    if (ParentOf(pid) == postmaster) pids.push_back(pid);
  }
  return pids;
}

void TestCluster::Freeze() {
  // The postmaster first, so it starts no new process while its children are stopped.
  for (pid_t pid : Processes()) kill(pid, SIGSTOP);
  frozen_ = true;
  // A child forked in the meantime is stopped too.
  for (pid_t pid : Processes()) kill(pid, SIGSTOP);
}

void TestCluster::Thaw() {
  if (!frozen_) return;
  for (pid_t pid : Processes()) kill(pid, SIGCONT);
  frozen_ = false;
}

}  // namespace rinnalla::testing
