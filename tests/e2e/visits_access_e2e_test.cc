// Who may log, amend and read visits, across every Visits RPC, role and organization; the
// assignment, its late-sync window, the assignment's dates and the client's goals, checked with
// the write; the access log of each.

#include <functional>
#include <iostream>
#include <map>

#include "role_matrix.h"
#include "test_keys.h"
#include "visits_fixture.h"

namespace rinnalla::testing {
namespace {

class VisitsAccessTest : public VisitsTest {
 protected:
  void SetUp() override {
    g_ = MakeGuidance("A-matrix");
    visit_ = MustLog(g_, ValidVisit(g_));
  }

  Caller CallerOf(const std::string& role, const std::string& org) {
    if (role == "guide") {
      return {
          org, role,
          org == "paijat-hame" ? g_.guide.name() : "organizations/" + org + "/guides/" + NewUuid()};
    }
    return {org, role, "users/" + role};
  }

  static std::string Method(const std::string& rpc) { return "/rinnalla.v1.Visits/" + rpc; }

  std::map<std::string, MatrixRpc> Rpcs() {
    const std::set<std::string> staff = {"coordinator", "social_worker"};
    const std::set<std::string> readers = {"coordinator", "social_worker", "guide"};
    const std::string client = g_.client.name();
    using enum RefusalFiled;
    return {
        {"LogVisit",
         {.method = Method("LogVisit"),
          .call =
              [&](const Caller& c) {
                v1::Visit out;
                grpc::Status status = LogVisit(c, LogRequest(g_, ValidVisit(g_)), &out);
                return CallResultOf(status, out, {out.name()}, g_.client.name());
              },
          .allowed = {"guide"},
          .returns = client + "/visits/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"GetVisit",
         {.method = Method("GetVisit"),
          .call =
              [&](const Caller& c) {
                v1::Visit out;
                grpc::Status status = GetVisit(c, visit_.name(), &out);
                return CallResultOf(status, out, {out.name()}, g_.client.name());
              },
          .allowed = readers,
          .returns = visit_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListVisits",
         {.method = Method("ListVisits"),
          .call =
              [&](const Caller& c) {
                v1::ListVisitsResponse out;
                grpc::Status s = ListVisits(c, g_.client.name(), "", &out);
                std::vector<std::string> names;
                for (const auto& v : out.visits()) names.push_back(v.name());
                return CallResultOf(s, out, names, g_.client.name());
              },
          .allowed = readers,
          .returns = visit_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListVisits (a guide's, across clients)",
         {.method = Method("ListVisits"),
          .call =
              [&](const Caller& c) {
                v1::ListVisitsResponse out;
                grpc::Status s =
                    ListVisits(c, kParent, "guide = \"" + g_.guide.name() + "\"", &out);
                std::vector<std::string> names;
                for (const auto& v : out.visits()) names.push_back(v.name());
                return CallResultOf(s, out, names, g_.client.name());
              },
          .allowed = readers,
          .returns = visit_.name(),
          .logs_client = true}},  // a row per client listed: the guide has one
        {"AmendVisit",
         {.method = Method("AmendVisit"),
          .call =
              [&](const Caller& c) {
                v1::Visit change;
                change.set_name(visit_.name());
                change.set_duration_minutes(++amendments_);
                v1::Visit out;
                grpc::Status status = Amend(c, change, {"duration_minutes"}, "korjaus", &out);
                return CallResultOf(status, out, {out.name()}, g_.client.name());
              },
          .allowed = {"guide"},
          .returns = visit_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"ListVisitRevisions",
         {.method = Method("ListVisitRevisions"),
          .call =
              [&](const Caller& c) {
                v1::ListVisitRevisionsRequest r;
                r.set_name(visit_.name());
                v1::ListVisitRevisionsResponse out;
                grpc::Status s =
                    visits_->ListVisitRevisions(TestServer::ContextFor(c).get(), r, &out);
                std::vector<std::string> names;
                for (const auto& revision : out.revisions())
                  names.push_back(revision.visit().name());
                return CallResultOf(s, out, names, g_.client.name());
              },
          .allowed = readers,
          .returns = visit_.name(),
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"AddVisitCorrectionNote",
         {.method = Method("AddVisitCorrectionNote"),
          .call =
              [&](const Caller& c) {
                v1::AddVisitCorrectionNoteRequest r;
                r.set_parent(visit_.name());
                r.mutable_correction_note()->set_text("Tarkista kesto.");
                v1::VisitCorrectionNote out;
                grpc::Status status =
                    visits_->AddVisitCorrectionNote(TestServer::ContextFor(c).get(), r, &out);
                return CallResultOf(status, out, {out.name()}, g_.client.name());
              },
          .allowed = staff,
          .returns = visit_.name() + "/correctionNotes/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
        {"SummarizeVisits",
         {.method = Method("SummarizeVisits"),
          .call =
              [&](const Caller& c) {
                v1::SummarizeVisitsRequest r;
                r.set_parent(kParent);
                SetTimestamp(absl::Now() - absl::Hours(24), r.mutable_start_time());
                SetTimestamp(absl::Now(), r.mutable_end_time());
                v1::SummarizeVisitsResponse out;
                grpc::Status s = visits_->SummarizeVisits(TestServer::ContextFor(c).get(), r, &out);
                std::vector<std::string> clients;
                for (const auto& totals : out.clients()) clients.push_back(totals.client());
                return CallResultOf(s, out, clients, g_.client.name());
              },
          .allowed = staff,
          .returns = client,
          .logs_client = true}},  // a row per client summed: all visits are this client's
        {"SyncVisits",
         {.method = Method("SyncVisits"),
          .call =
              [&](const Caller& c) {
                // The stream itself is accepted from anyone authenticated; each visit is refused
                // like LogVisit's.
                grpc::ClientContext context;
                context.AddMetadata("authorization", "Bearer " + TestToken(c.org, c.role, c.sub));
                v1::SyncVisitsResponse out;
                auto writer = visits_->SyncVisits(&context, &out);
                writer->Write(LogRequest(g_, ValidVisit(g_)));
                writer->WritesDone();
                grpc::Status stream = writer->Finish();
                EXPECT_TRUE(stream.ok()) << stream.error_message();
                EXPECT_EQ(out.results_size(), 1);
                CallResult result{stream, false, {}, g_.client.name()};
                if (out.results_size() == 1 && out.results(0).has_error()) {
                  const auto& e = out.results(0).error();
                  result.status =
                      grpc::Status(static_cast<grpc::StatusCode>(e.code()), e.message());
                } else if (out.results_size() == 1) {
                  result.returned_data = true;
                  result.returned = {out.results(0).visit().name()};
                }
                return result;
              },
          .allowed = {"guide"},
          .returns = client + "/visits/*",
          .logs_client = true,
          .refusal = kUnderTheClient}},
    };
  }

  GuideAndClient g_;
  v1::Visit visit_;
  int amendments_ = 10;
};

TEST_F(VisitsAccessTest, EveryRpcEveryRoleOwnAndOtherOrganization) {
  auto rpcs = Rpcs();
  const auto* service = v1::Visit::descriptor()->file()->FindServiceByName("Visits");
  ASSERT_EQ(static_cast<size_t>(service->method_count()), rpcs.size() - 1)
      << "every Visits RPC (ListVisits twice)";
  const MatrixTally tally = ExpectRoleMatrix(
      server_.database(), rpcs,
      [&](const std::string& role, const std::string& org) { return CallerOf(role, org); });
  std::cout << "visits role matrix: " << rpcs.size() << " RPC cases, " << tally.calls << " calls, "
            << tally.denied_rows << " DENIED rows and " << tally.ok_rows << " OK rows asserted\n";
}

TEST_F(VisitsAccessTest, WithTheLogUnwritableEveryReadOfAVisitReturnsNoData) {
  const auto rpcs = Rpcs();
  MakeTheAccessLogUnwritable(server_.database());
  ExpectNoDataWithoutTheLog(rpcs,
                            {"GetVisit", "ListVisits", "ListVisits (a guide's, across clients)",
                             "ListVisitRevisions", "SummarizeVisits"},
                            [&](const std::string& role) { return CallerOf(role, "paijat-hame"); });
}

TEST_F(VisitsAccessTest, AGuideLogsOnlyForTheirOwnClientsAndRefusalsAreLogged) {
  GuideAndClient other = MakeGuidance("A-other", "Eino");
  const long long written = VisitsWritten();
  v1::Visit out;
  // Another guide's client, with that guide's assignment.
  grpc::Status status = LogVisit(g_.caller, LogRequest(other, ValidVisit(other)), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // Their own assignment, but another client.
  v1::LogVisitRequest mixed = LogRequest(other, ValidVisit(g_));
  status = LogVisit(g_.caller, mixed, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  // An assignment that does not exist looks the same.
  v1::Visit ghost = ValidVisit(g_);
  ghost.set_assignment("organizations/paijat-hame/assignments/" + NewUuid());
  status = LogVisit(g_.caller, LogRequest(g_, ghost), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(ErrorReason(status), "NOT_PERMITTED");
  // A guide of another organization.
  status = LogVisit(CallerOf("guide", "helsinki"), LogRequest(g_, ValidVisit(g_)), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(VisitsWritten(), written);
  // Each attempt is in the client's log, the other organization's included.
  EXPECT_EQ(
      Count("access_log WHERE outcome = 'DENIED' AND client_id = '" + other.client_id() + "'"), 2);
  EXPECT_EQ(Count("access_log WHERE outcome = 'DENIED' AND client_id = '" + g_.client_id() + "'"),
            2);
  EXPECT_EQ(Count("access_log WHERE outcome = 'DENIED' AND actor_org = 'helsinki'"), 1);
}

TEST_F(VisitsAccessTest, LateSyncsAreAcceptedForThirtyDaysAfterTheEnd) {
  v1::EndAssignmentRequest end;
  end.set_name(g_.assignment.name());
  end.set_end_reason(v1::Assignment::GOALS_REACHED);
  v1::Assignment ended;
  ASSERT_TRUE(
      matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &ended).ok());
  // The phone syncs a visit from before the end: accepted; reading the client is over.
  const v1::LogVisitRequest late_request =
      LogRequest(g_, ValidVisit(g_, absl::Hours(1)), NewUuid());
  v1::Visit late;
  ASSERT_TRUE(LogVisit(g_.caller, late_request, &late).ok());
  v1::Visit read;
  EXPECT_EQ(GetVisit(g_.caller, late.name(), &read).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ListVisitsResponse listed;
  EXPECT_EQ(ListVisits(g_.caller, g_.client.name(), "", &listed).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  // Amending within the window too.
  v1::Visit change;
  change.set_name(late.name());
  change.set_duration_minutes(45);
  v1::Visit amended;
  ASSERT_TRUE(Amend(g_.caller, change, {"duration_minutes"}, "kesto", &amended).ok());
  // A visit that started after the end is not of this assignment.
  v1::Visit after = ValidVisit(g_, absl::ZeroDuration());
  SqlOnAssignment(g_, "end_time = now() - interval '1 hour'");
  v1::Visit refused;
  grpc::Status status = LogVisit(g_.caller, LogRequest(g_, after), &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "VISIT_OUTSIDE_ASSIGNMENT");

  // 31 days after the end: the window has closed, for logging and amending.
  SqlOnAssignment(g_, "end_time = now() - interval '31 days'");
  const long long written = VisitsWritten();
  status = LogVisit(g_.caller, LogRequest(g_, ValidVisit(g_, absl::Hours(24 * 32))), &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "LATE_SYNC_WINDOW_CLOSED");
  change.set_duration_minutes(50);
  status = Amend(g_.caller, change, {"duration_minutes"}, "kesto", &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "LATE_SYNC_WINDOW_CLOSED");
  EXPECT_EQ(VisitsWritten(), written);
  // A phone re-sending a visit it logged in time still learns that it is stored.
  v1::Visit again;
  ASSERT_TRUE(LogVisit(g_.caller, late_request, &again).ok());
  EXPECT_EQ(again.name(), late.name());
  EXPECT_EQ(VisitsWritten(), written);
}

TEST_F(VisitsAccessTest, VisitsFitTheirAssignmentAndItsClientsGoals) {
  SqlOnAssignment(g_, "start_time = now() - interval '10 days'");
  const long long written = VisitsWritten();
  v1::Visit out;
  grpc::Status status =
      LogVisit(g_.caller, LogRequest(g_, ValidVisit(g_, absl::Hours(24 * 12))), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "VISIT_OUTSIDE_ASSIGNMENT");

  GuideAndClient other = MakeGuidance("A-goals", "Eino");
  v1::Visit with_goals = ValidVisit(g_);
  with_goals.add_goals(MakeGoal(g_));
  // Named under this client, but the goal is another client's.
  const std::string others_goal = MakeGoal(other);
  with_goals.add_goals(g_.client.name() + others_goal.substr(others_goal.find("/goals/")));
  status = LogVisit(g_.caller, LogRequest(g_, with_goals), &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "UNKNOWN_GOAL");
  EXPECT_NE(status.error_message().find("goals[1]"), std::string::npos);
  EXPECT_EQ(VisitsWritten(), written);

  with_goals.mutable_goals()->RemoveLast();
  ASSERT_TRUE(LogVisit(g_.caller, LogRequest(g_, with_goals), &out).ok());
  EXPECT_EQ(out.goals_size(), 1);
  EXPECT_EQ(Count("visit_goals"), 1);
}

TEST_F(VisitsAccessTest, TheLateSyncWindowTakesDay29AndRefusesDay31) {
  v1::EndAssignmentRequest end;
  end.set_name(g_.assignment.name());
  end.set_end_reason(v1::Assignment::GOALS_REACHED);
  v1::Assignment ended;
  ASSERT_TRUE(
      matching_->EndAssignment(TestServer::ContextFor(kSocialWorker).get(), end, &ended).ok());
  // The guidance ran from 60 days ago until 29 days ago; a visit of its last day syncs late.
  SqlOnAssignment(g_, "end_time = now() - interval '29 days'");
  v1::Visit stored;
  grpc::Status status =
      LogVisit(g_.caller, LogRequest(g_, ValidVisit(g_, absl::Hours(24 * 29 + 2))), &stored);
  EXPECT_TRUE(status.ok()) << status.error_message();

  SqlOnAssignment(g_, "end_time = now() - interval '31 days'");
  const long long written = VisitsWritten();
  v1::Visit refused;
  status = LogVisit(g_.caller, LogRequest(g_, ValidVisit(g_, absl::Hours(24 * 31 + 2))), &refused);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(ErrorReason(status), "LATE_SYNC_WINDOW_CLOSED");
  EXPECT_EQ(VisitsWritten(), written);
}

TEST_F(VisitsAccessTest, AVisitStartsNoEarlierThanTheAssignmentsFirstDayInFinnishTime) {
  // Started at noon in Helsinki on 10 March 2025 (UTC+2): the first day began at 22:00 UTC on
  // 9 March, so a day counted in UTC would refuse the first visit below and take the second.
  SqlOnAssignment(g_, "start_time = timestamptz '2025-03-10 12:00 Europe/Helsinki'");
  auto at = [&](absl::CivilMinute utc) {
    v1::Visit v = ValidVisit(g_);
    SetTimestamp(absl::FromCivil(utc, absl::UTCTimeZone()), v.mutable_start_time());
    return LogRequest(g_, v);
  };
  v1::Visit first_morning;
  grpc::Status status =
      LogVisit(g_.caller, at(absl::CivilMinute(2025, 3, 9, 22, 30)), &first_morning);
  EXPECT_TRUE(status.ok()) << "00:30 in Helsinki on the first day: " << status.error_message();

  const long long written = VisitsWritten();
  v1::Visit evening_before;
  status = LogVisit(g_.caller, at(absl::CivilMinute(2025, 3, 9, 21, 30)), &evening_before);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << "23:30 in Helsinki the day before";
  EXPECT_EQ(ErrorReason(status), "VISIT_OUTSIDE_ASSIGNMENT");
  EXPECT_EQ(VisitsWritten(), written);
}

}  // namespace
}  // namespace rinnalla::testing
