#ifndef RINNALLA_TESTS_E2E_ROLE_MATRIX_H_
#define RINNALLA_TESTS_E2E_ROLE_MATRIX_H_

// API.md's role table as a test: every RPC called as every role of the own organization and of
// another one; allowed calls succeed, every other is PERMISSION_DENIED and returns no data.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "test_server.h"

namespace rinnalla::testing {

inline const std::vector<std::string> kRoles = {"coordinator", "social_worker", "guide",
                                                "integration", "auditor"};

// One RPC called as a caller: its status, and whether any data came back.
using RoleCall = std::function<std::pair<grpc::Status, bool>(const Caller&)>;

template <typename Response>
std::pair<grpc::Status, bool> CallResult(const grpc::Status& status, const Response& out) {
  return {status, out.ByteSizeLong() > 0};
}

// `allowed`: for each RPC of `rpcs`, the roles that may call it in their own organization
// ("paijat-hame"); `caller_of(role, org)` makes the caller.
inline void ExpectRoleMatrix(
    const std::map<std::string, RoleCall>& rpcs,
    const std::map<std::string, std::set<std::string>>& allowed,
    const std::function<Caller(const std::string&, const std::string&)>& caller_of) {
  ASSERT_EQ(rpcs.size(), allowed.size());
  for (const auto& [method, call] : rpcs) {
    for (const std::string& role : kRoles) {
      for (const std::string& org : {std::string("paijat-hame"), std::string("helsinki")}) {
        const bool expect_ok = org == "paijat-hame" && allowed.at(method).contains(role);
        auto [status, returned_data] = call(caller_of(role, org));
        const std::string where = method + " as " + role + " of " + org;
        if (expect_ok) {
          EXPECT_TRUE(status.ok()) << where << ": " << status.error_message();
        } else {
          EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << where;
          EXPECT_FALSE(returned_data) << where << " returned data";
        }
      }
    }
  }
}

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_ROLE_MATRIX_H_
