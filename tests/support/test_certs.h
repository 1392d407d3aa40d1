#ifndef RINNALLA_TESTS_SUPPORT_TEST_CERTS_H_
#define RINNALLA_TESTS_SUPPORT_TEST_CERTS_H_

// Certificates made in the test: a CA, a server certificate for 127.0.0.1 and localhost, and a
// client certificate (for mutual TLS), all signed by the CA. PEM text.

#include <string>

namespace rinnalla::testing {

struct TestCerts {
  std::string ca_cert;
  std::string server_cert;
  std::string server_key;
  std::string client_cert;
  std::string client_key;
};

// `ca_name` distinguishes two independent CAs.
TestCerts MakeTestCerts(const std::string& ca_name = "Rinnalla Test CA");

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_SUPPORT_TEST_CERTS_H_
