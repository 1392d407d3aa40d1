#ifndef RINNALLA_TESTS_SUPPORT_TEST_CLUSTER_H_
#define RINNALLA_TESTS_SUPPORT_TEST_CLUSTER_H_

// A PostgreSQL cluster of one test's own (initdb in a temporary folder, a Unix socket there and
// no TCP), for tests that stop, freeze or kill the database, which they must not do to the
// cluster the other tests share. As root, the cluster runs as the `postgres` user.

#include <sys/types.h>

#include <string>
#include <vector>

namespace rinnalla::testing {

class TestCluster {
 public:
  // Creates and starts the cluster; fails the test (and aborts) when it cannot.
  TestCluster();
  // Thaws, stops and removes the cluster, whatever state the test left it in.
  ~TestCluster();
  TestCluster(const TestCluster&) = delete;
  TestCluster& operator=(const TestCluster&) = delete;

  // The libpq connection string of database `name` of this cluster.
  std::string ConnectionString(const std::string& name = "postgres") const;

  // SIGSTOP to the postmaster and every process of the cluster (as a stuck storage or a
  // partition that still acknowledges packets would look), and SIGCONT to all of them.
  void Freeze();
  void Thaw();
  bool frozen() const { return frozen_; }
  // Stops the cluster (fast shutdown) and starts it again.
  void Stop();
  void Start();
  // The postmaster and its children.
  std::vector<pid_t> Processes() const;

 private:
  std::vector<std::string> AsOwner(std::vector<std::string> argv) const;
  void PgCtl(const std::vector<std::string>& args) const;

  std::string dir_;
  std::string bin_;
  bool frozen_ = false;
  bool running_ = false;
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_TEST_CLUSTER_H_
