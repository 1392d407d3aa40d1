#ifndef RINNALLA_TESTS_SUPPORT_HELD_CONNECTION_H_
#define RINNALLA_TESTS_SUPPORT_HELD_CONNECTION_H_

// A libpq connection a test holds open across statements, e.g. to keep a lock or a transaction
// open while the server works. Errors fail the test.

#include <libpq-fe.h>

#include <string>

namespace rinnalla::testing {

class HeldConnection {
 public:
  explicit HeldConnection(const std::string& conninfo);
  ~HeldConnection();
  HeldConnection(const HeldConnection&) = delete;
  HeldConnection& operator=(const HeldConnection&) = delete;

  void Exec(const std::string& sql);
  // The first column of the first row, as a number (-1 and a test failure if there is none).
  long long Number(const std::string& sql);
  // The SQLSTATE `sql` fails with ("" when it succeeds).
  std::string ErrorOf(const std::string& sql);

 private:
  PGconn* conn_;
};

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_HELD_CONNECTION_H_
