#ifndef RINNALLA_TESTS_E2E_ROLE_MATRIX_H_
#define RINNALLA_TESTS_E2E_ROLE_MATRIX_H_

// API.md's role table as a test: every RPC called as every role of the own organization and of
// another one. An allowed call succeeds, returns the resource it should, and adds exactly its
// access-log rows; every other call is PERMISSION_DENIED, returns no data, and adds exactly the
// DENIED row of its refusal, under the client the call was about.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "error_details.h"
#include "test_server.h"

namespace rinnalla::testing {

inline const std::vector<std::string> kRoles = {"coordinator", "social_worker", "guide",
                                                "integration", "auditor"};
inline const std::string kOwnOrganization = "paijat-hame";
inline const std::string kOtherOrganization = "helsinki";

// What one call did.
struct CallResult {
  grpc::Status status;
  bool returned_data = false;
  // The names of the resources that came back (for a list, its items').
  std::vector<std::string> returned;
  // The client the call is about (its resource, or the one it names), "" when none.
  std::string client;
  // Other clients an allowed call reads (a figure over many): an OK row each.
  std::vector<std::string> also_read = {};
};

// One RPC called as a caller.
using RoleCall = std::function<CallResult(const Caller&)>;

template <typename Response>
CallResult CallResultOf(const grpc::Status& status, const Response& out,
                        std::vector<std::string> returned = {}, std::string client = "") {
  return {status, out.ByteSizeLong() > 0, std::move(returned), std::move(client)};
}

// Where a refusal of the RPC is filed in the access log.
enum class RefusalFiled {
  kNowhere,  // the call is about no client (guides, collections, the feed)
  // Under the client the call names (its resource, or the client in its body), whatever the
  // caller's organization: the client may learn who tried.
  kUnderTheClient,
  // Under the client of the referral or assignment the call names, when the caller is of that
  // organization (it is looked up there); a stranger's attempt names nothing of theirs.
  kUnderTheClientForTheOrganization,
};

struct MatrixRpc {
  std::string method;  // as the access log names it, e.g. /rinnalla.v1.Directory/GetClient
  RoleCall call;
  std::set<std::string> allowed;  // the roles that may call it in their own organization
  // A name an allowed call returns among CallResult::returned ("" for none, as for an Empty); a
  // trailing '*' matches any name that starts with what comes before it.
  std::string returns;
  bool logs_client = false;  // an allowed call adds an OK row under CallResult::client
  RefusalFiled refusal = RefusalFiled::kNowhere;
};

// What the matrix covered, for the report.
struct MatrixTally {
  int calls = 0;
  int denied_rows = 0;  // DENIED rows asserted (and found)
  int ok_rows = 0;
};

// The access log's rows of `method` added after `mark` (microseconds since the epoch), oldest
// first, one "OUTCOME resource" per row.
inline std::vector<std::string> AccessRowsSince(TestDatabase& db, long long mark,
                                                const std::string& method) {
  const std::string rows = db.QueryText(absl::StrCat(
      "SELECT coalesce(string_agg(outcome || ' ' || resource, E'\\n' ORDER BY time, id), '') "
      "FROM access_log WHERE method = '",
      method, "' AND (extract(epoch FROM time) * 1000000)::bigint > ", mark));
  if (rows.empty()) return {};
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end; (end = rows.find('\n', start)) != std::string::npos; start = end + 1) {
    out.push_back(rows.substr(start, end - start));
  }
  out.push_back(rows.substr(start));
  return out;
}

inline long long AccessLogMark(TestDatabase& db) {
  return db.QueryNumber("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint");
}

inline bool Returns(const std::vector<std::string>& returned, const std::string& expected) {
  for (const std::string& name : returned) {
    if (absl::EndsWith(expected, "*")
            ? absl::StartsWith(name, expected.substr(0, expected.size() - 1))
            : name == expected) {
      return true;
    }
  }
  return false;
}

// Calls every RPC of `rpcs` as every role of the own organization ("paijat-hame") and of another
// ("helsinki"), `caller_of(role, org)` making the caller, and checks each as above.
inline MatrixTally ExpectRoleMatrix(
    TestDatabase& db, const std::map<std::string, MatrixRpc>& rpcs,
    const std::function<Caller(const std::string&, const std::string&)>& caller_of) {
  MatrixTally tally;
  for (const auto& [name, rpc] : rpcs) {
    for (const std::string& role : kRoles) {
      for (const std::string& org : {kOwnOrganization, kOtherOrganization}) {
        const bool expect_ok = org == kOwnOrganization && rpc.allowed.contains(role);
        const long long mark = AccessLogMark(db);
        const CallResult result = rpc.call(caller_of(role, org));
        ++tally.calls;
        const std::string where = name + " as " + role + " of " + org;
        std::vector<std::string> expected_rows;
        if (expect_ok) {
          EXPECT_TRUE(result.status.ok()) << where << ": " << result.status.error_message();
          if (!rpc.returns.empty()) {
            EXPECT_TRUE(Returns(result.returned, rpc.returns))
                << where << " returned [" << absl::StrJoin(result.returned, " ") << "], not "
                << rpc.returns;
          }
          if (rpc.logs_client) expected_rows.push_back("OK " + result.client);
          for (const std::string& other : result.also_read) expected_rows.push_back("OK " + other);
        } else {
          EXPECT_EQ(result.status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
              << where << ": " << result.status.error_message();
          EXPECT_FALSE(result.returned_data) << where << " returned data";
          const bool filed = rpc.refusal == RefusalFiled::kUnderTheClient ||
                             (rpc.refusal == RefusalFiled::kUnderTheClientForTheOrganization &&
                              org == kOwnOrganization);
          if (filed) expected_rows.push_back("DENIED " + result.client);
        }
        for (const std::string& row : expected_rows) {
          EXPECT_FALSE(absl::EndsWith(row, " ")) << where << ": the test names no client";
        }
        std::vector<std::string> rows = AccessRowsSince(db, mark, rpc.method);
        std::sort(rows.begin(), rows.end());
        std::sort(expected_rows.begin(), expected_rows.end());
        EXPECT_EQ(rows, expected_rows) << where << " (" << rpc.method << ")";
        if (rows == expected_rows) {
          for (const std::string& row : rows) {
            ++(absl::StartsWith(row, "DENIED ") ? tally.denied_rows : tally.ok_rows);
          }
        }
      }
    }
  }
  return tally;
}

// Makes every insert into the access log fail, in this test's database only.
inline void MakeTheAccessLogUnwritable(TestDatabase& db) {
  db.Exec(
      "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
      "$$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = 'insufficient_privilege'; END $$;"
      "CREATE TRIGGER refuse BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION refuse()");
}

// Calls each of `reads` of `rpcs` as a role allowed to make it; each must answer
// ACCESS_LOG_UNAVAILABLE and return nothing.
inline void ExpectNoDataWithoutTheLog(const std::map<std::string, MatrixRpc>& rpcs,
                                      const std::vector<std::string>& reads,
                                      const std::function<Caller(const std::string&)>& caller_of) {
  for (const std::string& read : reads) {
    const MatrixRpc& rpc = rpcs.at(read);
    ASSERT_FALSE(rpc.allowed.empty()) << read;
    const std::string role =
        rpc.allowed.contains("social_worker") ? "social_worker" : *rpc.allowed.begin();
    const CallResult result = rpc.call(caller_of(role));
    EXPECT_EQ(result.status.error_code(), grpc::StatusCode::UNAVAILABLE) << read;
    EXPECT_EQ(ErrorReason(result.status), "ACCESS_LOG_UNAVAILABLE") << read;
    EXPECT_FALSE(result.returned_data) << read << " returned data";
  }
}

}  // namespace rinnalla::testing

#endif  // RINNALLA_TESTS_E2E_ROLE_MATRIX_H_
