// Every Timestamp of every request of every method, nested ones too, set to what
// google.protobuf.Timestamp and PostgreSQL cannot hold: each is INVALID_ARGUMENT naming the
// field, for every role, never INTERNAL or UNKNOWN, and nothing is written.

#include <google/protobuf/message.h>
#include <google/protobuf/timestamp.pb.h>

#include <limits>

#include "absl/strings/str_cat.h"
#include "api_calls.h"
#include "directory_fixture.h"
#include "error_details.h"
#include "google/rpc/status.pb.h"
#include "rinnalla/v1/notes.pb.h"
#include "rinnalla/v1/visits.pb.h"
#include "role_matrix.h"

namespace rinnalla::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// The fields from the request down to one Timestamp.
using FieldPath = std::vector<const FieldDescriptor*>;

bool IsTimestamp(const Descriptor& type) {
  return type.full_name() == google::protobuf::Timestamp::descriptor()->full_name();
}

// Every Timestamp reachable from `type` (a type already on the way down is not entered again).
void TimestampPaths(const Descriptor& type, FieldPath& path, std::vector<const Descriptor*>& seen,
                    std::vector<FieldPath>& out) {
  for (int i = 0; i < type.field_count(); ++i) {
    const FieldDescriptor* field = type.field(i);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const Descriptor& inner = *field->message_type();
    path.push_back(field);
    if (IsTimestamp(inner)) {
      out.push_back(path);
    } else if (std::find(seen.begin(), seen.end(), &inner) == seen.end()) {
      seen.push_back(&inner);
      TimestampPaths(inner, path, seen, out);
      seen.pop_back();
    }
    path.pop_back();
  }
}

// "visit.place_outcomes[0].time": the AIP path the server names.
std::string PathName(const FieldPath& path) {
  std::string name;
  for (const FieldDescriptor* f : path) {
    absl::StrAppend(&name, name.empty() ? "" : ".", f->name(), f->is_repeated() ? "[0]" : "");
  }
  return name;
}

// A request of `type` with only the Timestamp at `path` set.
std::unique_ptr<Message> RequestWith(const Descriptor& type, const FieldPath& path, int64_t seconds,
                                     int32_t nanos) {
  std::unique_ptr<Message> request(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type)->New());
  Message* at = request.get();
  for (const FieldDescriptor* f : path) {
    at = f->is_repeated() ? at->GetReflection()->AddMessage(at, f)
                          : at->GetReflection()->MutableMessage(at, f);
  }
  const Descriptor& ts = *at->GetDescriptor();
  at->GetReflection()->SetInt64(at, ts.FindFieldByName("seconds"), seconds);
  at->GetReflection()->SetInt32(at, ts.FindFieldByName("nanos"), nanos);
  return request;
}

struct Extreme {
  int64_t seconds;
  int32_t nanos;
};
const Extreme kExtremes[] = {{10'000'000'000'000, 0},
                             {-10'000'000'000'000, 0},
                             {std::numeric_limits<int64_t>::max(), 0},
                             {std::numeric_limits<int64_t>::min(), 0},
                             {253402300800, 0},  // 10000-01-01
                             {0, -1},
                             {0, 1'000'000'000}};

// The error a call answered: its status, or for a client stream the first result's error.
grpc::Status ErrorOf(const google::protobuf::MethodDescriptor& method, const BytesCall& call) {
  if (!call.status.ok() || !method.client_streaming() || call.responses.empty()) {
    return call.status;
  }
  std::unique_ptr<Message> response(google::protobuf::MessageFactory::generated_factory()
                                        ->GetPrototype(method.output_type())
                                        ->New());
  response->ParseFromString(call.responses.front());
  const FieldDescriptor* results = method.output_type()->FindFieldByName("results");
  if (results == nullptr || response->GetReflection()->FieldSize(*response, results) == 0) {
    return call.status;
  }
  const Message& first = response->GetReflection()->GetRepeatedMessage(*response, results, 0);
  google::rpc::Status error;
  error.ParseFromString(first.GetReflection()
                            ->GetMessage(first, first.GetDescriptor()->FindFieldByName("error"))
                            .SerializeAsString());
  return grpc::Status(static_cast<grpc::StatusCode>(error.code()), error.message(),
                      error.SerializeAsString());
}

class TimestampsTest : public DirectoryTest {
 protected:
  long long RowsWritten() { return server_.database().RowsBesideTheAccessLog(); }
};

TEST_F(TimestampsTest, EveryOutOfRangeTimestampOfEveryRequestNamesItsField) {
  MustCreateClient("A100");
  const long long before = RowsWritten();
  int calls = 0;
  std::set<std::string> named;  // "method field" pairs answered INVALID_ARGUMENT naming the field
  for (const google::protobuf::MethodDescriptor* method : ApiMethods()) {
    std::vector<FieldPath> paths;
    FieldPath path;
    std::vector<const Descriptor*> seen = {method->input_type()};
    TimestampPaths(*method->input_type(), path, seen, paths);
    for (const FieldPath& p : paths) {
      for (const Extreme& e : kExtremes) {
        const std::string bytes =
            RequestWith(*method->input_type(), p, e.seconds, e.nanos)->SerializeAsString();
        for (const std::string& role : kRoles) {
          const Caller caller{
              "paijat-hame", role,
              role == "guide" ? "organizations/paijat-hame/guides/x" : "users/" + role};
          BytesCall call =
              CallWithBytes(server_, caller, MethodPath(*method), {bytes}, absl::Seconds(10));
          ++calls;
          const grpc::Status error = ErrorOf(*method, call);
          const std::string where = absl::StrCat(MethodPath(*method), " ", PathName(p), " = ",
                                                 e.seconds, "s ", e.nanos, "ns as ", role);
          // A stream refuses a role that may not use it at all before reading any message.
          if (method->client_streaming() &&
              error.error_code() == grpc::StatusCode::PERMISSION_DENIED) {
            continue;
          }
          EXPECT_EQ(error.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
              << where << ": " << error.error_message();
          EXPECT_TRUE(ViolatedFields(error).contains(PathName(p))) << where;
          named.insert(MethodPath(*method) + " " + PathName(p));
        }
      }
      // Some role reached the check of every field.
      EXPECT_TRUE(named.contains(MethodPath(*method) + " " + PathName(p)))
          << MethodPath(*method) << " " << PathName(p);
    }
  }
  EXPECT_GT(calls, 500);
  EXPECT_EQ(RowsWritten(), before);
}

// The cases first found: a period's end far past what PostgreSQL holds, with everything else
// of the request right.
TEST_F(TimestampsTest, FiguresOfAnImpossiblePeriodAreInvalidArgument) {
  const Caller staff = kSocialWorker;
  v1::SummarizeVisitsRequest visits;
  visits.set_parent("organizations/paijat-hame");
  visits.mutable_start_time()->set_seconds(1'700'000'000);
  visits.mutable_end_time()->set_seconds(10'000'000'000'000);
  BytesCall call = CallWithBytes(server_, staff, "/rinnalla.v1.Visits/SummarizeVisits",
                                 {visits.SerializeAsString()});
  EXPECT_EQ(call.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(call.status), std::set<std::string>{"end_time"});

  visits.mutable_start_time()->set_seconds(-10'000'000'000'000);
  visits.mutable_end_time()->set_seconds(1'700'000'000);
  call = CallWithBytes(server_, staff, "/rinnalla.v1.Visits/SummarizeVisits",
                       {visits.SerializeAsString()});
  EXPECT_EQ(ViolatedFields(call.status), std::set<std::string>{"start_time"});

  v1::SummarizeOutcomesRequest outcomes;
  outcomes.set_parent("organizations/paijat-hame");
  outcomes.mutable_period()->mutable_start_time()->set_seconds(1'700'000'000);
  outcomes.mutable_period()->mutable_end_time()->set_seconds(std::numeric_limits<int64_t>::max());
  call = CallWithBytes(server_, staff, "/rinnalla.v1.Notes/SummarizeOutcomes",
                       {outcomes.SerializeAsString()});
  EXPECT_EQ(call.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(call.status), std::set<std::string>{"period.end_time"});
}

}  // namespace
}  // namespace rinnalla::testing
