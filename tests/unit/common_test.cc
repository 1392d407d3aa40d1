// Pure pieces of services/common: names, field rules, errors, flags.

#include <gtest/gtest.h>

#include "errors.h"
#include "field_rules.h"
#include "flags.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "requests.h"
#include "resource_names.h"
#include "rinnalla/storage/status.h"
#include "rinnalla/storage/status_facts.h"

namespace rinnalla {
namespace {

TEST(ResourceNames, ParseOnlyWellFormedNames) {
  const std::string id = "1b4e28ba-2fa1-41d2-883f-0016d3cca427";
  auto guide = ParseResourceName("organizations/paijat-hame/guides/" + id, "guides");
  ASSERT_TRUE(guide);
  EXPECT_EQ(guide->org_id, "paijat-hame");
  EXPECT_EQ(guide->id, id);
  EXPECT_FALSE(ParseResourceName("organizations/paijat-hame/clients/" + id, "guides"));
  EXPECT_FALSE(ParseResourceName("organizations/Paijat/guides/" + id, "guides"));
  EXPECT_FALSE(ParseResourceName("organizations/x/guides/1B4E28BA-2FA1-41D2-883F-0016D3CCA427",
                                 "guides"));
  EXPECT_FALSE(ParseResourceName("organizations/x/guides/" + id + "/extra", "guides"));
  auto child = ParseChildName("organizations/x/clients/" + id + "/matchExclusions/" + id,
                              "clients", "matchExclusions");
  ASSERT_TRUE(child);
  EXPECT_EQ(child->parent_id, id);
  EXPECT_EQ(ParseOrganizationName("organizations/x"), "x");
  EXPECT_FALSE(ParseOrganizationName("organizations/-x"));
}

TEST(ResourceNames, NewUuidsAreVersionFourAndDiffer) {
  std::string a = NewUuid(), b = NewUuid();
  EXPECT_TRUE(IsUuid(a));
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(a, b);
}

TEST(FieldRules, TextIsCountedInCharactersNotBytes) {
  FieldViolations ok, too_long, control;
  CheckRequiredText(std::string(200 * 2, '\0').replace(0, 400, std::string(200, 'a')), 200, "f", ok);
  std::string finnish;
  for (int i = 0; i < 200; ++i) finnish += "ä";
  CheckRequiredText(finnish, 200, "f", ok);
  EXPECT_TRUE(ok.empty());
  CheckRequiredText(finnish + "ä", 200, "f", too_long);
  EXPECT_FALSE(too_long.empty());
  CheckRequiredText("rivi\nrivi", 200, "f", control);
  EXPECT_FALSE(control.empty());
}

TEST(FieldRules, LanguagesAndMunicipalities) {
  google::protobuf::RepeatedPtrField<std::string> languages;
  for (const char* l : {"fi", "en-GB", "sv", "fi"}) *languages.Add() = l;
  FieldViolations v;
  CheckLanguages(languages, true, "languages", v);
  absl::Status status = v.ToStatus();
  EXPECT_NE(status.message().find("languages[3]"), std::string::npos) << status;
  EXPECT_TRUE(IsMunicipalityCode("091"));
  EXPECT_FALSE(IsMunicipalityCode("91"));
  EXPECT_FALSE(IsMunicipalityCode("09a"));
}

TEST(Errors, EdgeStatusCarriesReasonAndEveryViolatedField) {
  FieldViolations v;
  v.Add("guide.display_name", "is required");
  v.Add("guide.languages[0]", "must be a BCP-47 language code");
  grpc::Status status = ToGrpcStatus(v.ToStatus());
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  google::rpc::ErrorInfo info;
  google::rpc::BadRequest bad_request;
  ASSERT_EQ(details.details_size(), 2);
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  ASSERT_TRUE(details.details(1).UnpackTo(&bad_request));
  EXPECT_EQ(info.reason(), "INVALID_FIELD");
  EXPECT_EQ(info.domain(), "rinnalla.fi");
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(1).field(), "guide.languages[0]");

  grpc::Status capacity = ToGrpcStatus(
      WithReason(absl::FailedPreconditionError("full"), "GUIDE_AT_CAPACITY"));
  EXPECT_EQ(capacity.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  ASSERT_TRUE(details.ParseFromString(capacity.error_details()));
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "GUIDE_AT_CAPACITY");
  EXPECT_TRUE(FieldViolations().ToStatus().ok());
}

TEST(Errors, RefusalFactsReachTheErrorInfoMetadata) {
  absl::Status refused =
      WithFacts(WithReason(absl::FailedPreconditionError("the guide's caseload is full"),
                           "GUIDE_AT_CAPACITY"),
                {{"max_active_clients", "5"}, {"active_client_count", "4"}});
  refused = WithFacts(refused, {{"active_client_count", "5"}});
  EXPECT_EQ(FactsOf(refused),
            (StatusFacts{{"max_active_clients", "5"}, {"active_client_count", "5"}}));
  google::rpc::Status details = ToRpcStatus(refused);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "GUIDE_AT_CAPACITY");
  EXPECT_EQ(info.metadata().size(), 2u);
  EXPECT_EQ(info.metadata().at("max_active_clients"), "5");
  EXPECT_EQ(info.metadata().at("active_client_count"), "5");
  EXPECT_TRUE(FactsOf(absl::FailedPreconditionError("x")).empty());
  EXPECT_TRUE(ToRpcStatus(absl::NotFoundError("x")).details_size() == 1);
}

TEST(Requests, EtagsAndUpdateMasks) {
  EXPECT_FALSE(ReadEtag("")->has_value());
  EXPECT_EQ(**ReadEtag("3"), 3);
  EXPECT_EQ(ReadEtag("W/\"x\"").status().code(), absl::StatusCode::kAborted);
  google::protobuf::FieldMask mask;
  EXPECT_EQ(ReadUpdateMask(mask, {"a", "b"})->size(), 2u) << "empty mask: every field";
  mask.add_paths("a");
  EXPECT_EQ(*ReadUpdateMask(mask, {"a", "b"}), std::set<std::string>{"a"});
  mask.add_paths("name");
  EXPECT_EQ(ReadUpdateMask(mask, {"a", "b"}).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Flags, ReadsEveryFormAndRefusesTheRest) {
  std::string listen = "default";
  int size = 1;
  bool insecure = false;
  absl::Duration timeout = absl::Seconds(1);
  Flags flags("prog", "a test");
  flags.AddString("listen", &listen, "where");
  flags.AddInt("pool-size", &size, "how many");
  flags.AddBool("allow-insecure", &insecure, "switch");
  flags.AddDuration("timeout", &timeout, "how long");
  const char* argv[] = {"prog", "--listen=0.0.0.0:1", "--pool-size", "9", "--allow-insecure",
                        "--timeout=30s", "migrate"};
  auto args = flags.Parse(7, argv);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(listen, "0.0.0.0:1");
  EXPECT_EQ(size, 9);
  EXPECT_TRUE(insecure);
  EXPECT_EQ(timeout, absl::Seconds(30));
  EXPECT_EQ(*args, std::vector<std::string>{"migrate"});
  EXPECT_NE(flags.Usage().find("--pool-size"), std::string::npos);

  const char* unknown[] = {"prog", "--colour=blue"};
  EXPECT_NE(flags.Parse(2, unknown).status().message().find("unknown flag --colour"),
            std::string::npos);
  const char* bad_int[] = {"prog", "--pool-size=many"};
  EXPECT_FALSE(flags.Parse(2, bad_int).ok());
  const char* missing[] = {"prog", "--listen"};
  EXPECT_FALSE(flags.Parse(2, missing).ok());
}

}  // namespace
}  // namespace rinnalla
