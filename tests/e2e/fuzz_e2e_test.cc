// A bounded fuzz run over the whole API: every method of every service (streams too), as every
// role, another organization's caller and no caller at all, with random bytes as the request
// and with valid messages full of hostile values (1 MB strings, control characters, invalid
// UTF-8, "../", SQL fragments, right-to-left marks, 10,000-element repeated fields, extreme
// numbers, impossible times). Nothing may crash, nothing may answer INTERNAL or UNKNOWN, and a
// refused call writes nothing (the rows of every table but the access log, before and after).
// The seed is printed; RINNALLA_FUZZ_SEED and RINNALLA_FUZZ_ROUNDS repeat or lengthen a run.

#include <google/protobuf/message.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <limits>
#include <map>
#include <random>

#include "absl/strings/str_cat.h"
#include "api_calls.h"
#include "memory_return.h"
#include "visits_fixture.h"

namespace rinnalla::testing {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

uint64_t FromEnvironment(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoull(value, nullptr, 10) : fallback;
}

// Builds hostile requests of any message type from one seeded generator.
class HostileValues {
 public:
  HostileValues(uint64_t seed, std::vector<std::string> real_names)
      : random_(seed), real_names_(std::move(real_names)) {}

  std::mt19937_64& random() { return random_; }
  bool OneIn(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_) == 0; }
  template <typename T>
  const T& Pick(const std::vector<T>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(random_)];
  }

  std::string RandomBytes(size_t max) {
    std::string bytes(std::uniform_int_distribution<size_t>(0, max)(random_), '\0');
    for (char& c : bytes) c = static_cast<char>(random_());
    return bytes;
  }

  // A short hostile string, or a real resource name so that some calls get past validation.
  std::string Text(bool short_only) {
    static const std::vector<std::string> kTexts = {
        "",
        " ",
        "\x01\x02\x1b[31mred\x7f",
        "line\nbreak\ttab\r",
        std::string("nul\0byte", 8),
        "\xff\xfe\xc0\xaf",  // not UTF-8
        "../../../etc/passwd",
        "organizations/../clients/..",
        "organizations/paijat-hame/clients/../../helsinki/clients/x",
        "'; DROP TABLE clients; --",
        "\" OR 1=1 --",
        "%' OR '%'='",
        "\\",
        "\xe2\x80\xae\xe2\x80\x8fgnihtemos",  // right-to-left override and mark
        "🙂🙂🙂",
        "state = ACTIVE AND",
        "start_time >= \"99999-01-01T00:00:00Z\"",
        "start_time < \"-0001-01-01T00:00:00Z\"",
        "guide = \"organizations/paijat-hame/guides/\" AND state = \"",
        "AAAA",
        "====",
        "00000000-0000-0000-0000-000000000000",
        "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
        "organizations/paijat-hame",
        "organizations/helsinki",
        "organizations/paijat-hame/clients/00000000-0000-4000-8000-000000000000",
        "-1",
        "9223372036854775808",
        "W/\"1\"",
    };
    if (!short_only && OneIn(40)) return std::string(1'000'000, OneIn(2) ? 'a' : '\x01');
    if (!short_only && OneIn(20)) return std::string(10'000, 'x');
    if (!real_names_.empty() && OneIn(3)) return Pick(real_names_);
    return Pick(kTexts);
  }

  int64_t Number() {
    static const std::vector<int64_t> kNumbers = {0,
                                                  1,
                                                  -1,
                                                  50,
                                                  501,
                                                  1440,
                                                  std::numeric_limits<int32_t>::max(),
                                                  std::numeric_limits<int32_t>::min(),
                                                  std::numeric_limits<int64_t>::max(),
                                                  std::numeric_limits<int64_t>::min(),
                                                  10'000'000'000'000,
                                                  -10'000'000'000'000};
    return OneIn(4) ? static_cast<int64_t>(random_()) : Pick(kNumbers);
  }

  double Real() {
    static const std::vector<double> kReals = {0.0,
                                               -0.0,
                                               1e308,
                                               -1e308,
                                               std::numeric_limits<double>::quiet_NaN(),
                                               std::numeric_limits<double>::infinity(),
                                               -std::numeric_limits<double>::infinity()};
    return Pick(kReals);
  }

  // Fills some fields of `message`; `depth` bounds the nesting.
  void Fill(Message& message, int depth, bool short_only = false) {
    const Descriptor& type = *message.GetDescriptor();
    const Reflection& r = *message.GetReflection();
    for (int i = 0; i < type.field_count(); ++i) {
      const FieldDescriptor* field = type.field(i);
      if (OneIn(2)) continue;
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && depth <= 0) continue;
      if (!field->is_repeated()) {
        SetOne(message, r, field, depth, short_only);
        continue;
      }
      // Now and then 10,000 elements; otherwise a few.
      const bool many = OneIn(12);
      const int n = many ? 10'000 : std::uniform_int_distribution<int>(0, 3)(random_);
      for (int k = 0; k < n; ++k) AddOne(message, r, field, depth, short_only || many);
    }
  }

  // A message of `type` full of hostile values.
  std::string Request(const Descriptor& type) {
    std::unique_ptr<Message> message(
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(&type)->New());
    Fill(*message, 3);
    return message->SerializeAsString();
  }

 private:
  void SetOne(Message& m, const Reflection& r, const FieldDescriptor* f, int depth,
              bool short_only) {
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        r.SetString(&m, f, Text(short_only));
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        r.SetInt32(&m, f, static_cast<int32_t>(Number()));
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        r.SetInt64(&m, f, Number());
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        r.SetUInt32(&m, f, static_cast<uint32_t>(Number()));
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        r.SetUInt64(&m, f, static_cast<uint64_t>(Number()));
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r.SetDouble(&m, f, Real());
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        r.SetFloat(&m, f, static_cast<float>(Real()));
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        r.SetBool(&m, f, OneIn(2));
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        r.SetEnumValue(&m, f, EnumValue(*f));
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        Fill(*r.MutableMessage(&m, f), depth - 1, short_only);
        break;
    }
  }

  void AddOne(Message& m, const Reflection& r, const FieldDescriptor* f, int depth,
              bool short_only) {
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        r.AddString(&m, f, Text(short_only));
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        r.AddInt32(&m, f, static_cast<int32_t>(Number()));
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        r.AddInt64(&m, f, Number());
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        r.AddUInt32(&m, f, static_cast<uint32_t>(Number()));
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        r.AddUInt64(&m, f, static_cast<uint64_t>(Number()));
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        r.AddDouble(&m, f, Real());
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        r.AddFloat(&m, f, static_cast<float>(Real()));
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        r.AddBool(&m, f, OneIn(2));
        break;
      case FieldDescriptor::CPPTYPE_ENUM:
        r.AddEnumValue(&m, f, EnumValue(*f));
        break;
      case FieldDescriptor::CPPTYPE_MESSAGE:
        // Many elements stay shallow, so the message stays within the receive limit.
        Fill(*r.AddMessage(&m, f), short_only ? 0 : depth - 1, short_only);
        break;
    }
  }

  int EnumValue(const FieldDescriptor& f) {
    if (OneIn(4)) return OneIn(2) ? 999 : -5;  // values the API does not have
    const auto& e = *f.enum_type();
    return e.value(std::uniform_int_distribution<int>(0, e.value_count() - 1)(random_))->number();
  }

  std::mt19937_64 random_;
  std::vector<std::string> real_names_;
};

struct Tally {
  int calls = 0;
  int internal = 0;
  std::map<grpc::StatusCode, int> codes;
};

class FuzzTest : public VisitsTest {
 protected:
  GuideAndClient g_ = MakeGuidance("A100");
};

TEST_F(FuzzTest, NoMethodCrashesAnswersInternalOrWritesWhenRefused) {
  const uint64_t seed = FromEnvironment("RINNALLA_FUZZ_SEED", 20261201);
  const int rounds = static_cast<int>(FromEnvironment("RINNALLA_FUZZ_ROUNDS", 1));
  const std::string goal = MakeGoal(g_);
  v1::Visit visit = MustLog(g_, ValidVisit(g_));
  HostileValues values(seed, {g_.client.name(), g_.guide.name(), g_.assignment.name(), goal,
                              visit.name(), "organizations/paijat-hame", g_.client_id()});
  const std::vector<Caller> callers = {Staff("coordinator"),
                                       Staff("social_worker"),
                                       g_.caller,
                                       Caller{"paijat-hame", "integration", "systems/apotti"},
                                       Caller{"paijat-hame", "auditor", "users/auditor"},
                                       Caller{"helsinki", "coordinator", "users/muu"},
                                       Caller{}};
  // The server logs one line per call; only warnings and errors are kept for this run.
  const spdlog::level::level_enum level = spdlog::default_logger()->level();
  spdlog::default_logger()->set_level(spdlog::level::warn);

  const long rss_before = ResidentBytes();
  std::cout << "fuzz: seed " << seed << ", " << rounds << " rounds, RSS before "
            << rss_before / (1024 * 1024) << " MiB" << std::endl;
  Tally tally;
  long long rows = server_.database().RowsBesideTheAccessLog();
  const std::vector<const google::protobuf::MethodDescriptor*> methods = ApiMethods();
  for (int round = 0; round < rounds; ++round) {
    for (const google::protobuf::MethodDescriptor* method : methods) {
      for (const Caller& caller : callers) {
        for (int kind = 0; kind < 4; ++kind) {
          // Random bytes, a hostile message with some bytes flipped, or two hostile messages.
          std::vector<std::string> messages;
          const int n = method->client_streaming()
                            ? std::uniform_int_distribution<int>(1, 4)(values.random())
                            : 1;
          for (int k = 0; k < n; ++k) {
            if (kind == 0) {
              messages.push_back(values.RandomBytes(64));
            } else {
              std::string bytes = values.Request(*method->input_type());
              if (kind == 1 && !bytes.empty()) {
                bytes[values.random()() % bytes.size()] ^=
                    static_cast<char>(1 + values.random()() % 255);
              }
              messages.push_back(std::move(bytes));
            }
          }
          // A feed that is followed ends only at its deadline.
          const absl::Duration deadline =
              method->server_streaming() ? absl::Milliseconds(300) : absl::Seconds(30);
          BytesCall call = CallWithBytes(server_, caller, MethodPath(*method), messages, deadline);
          ++tally.calls;
          ++tally.codes[call.status.error_code()];
          const grpc::StatusCode code = call.status.error_code();
          const std::string where = absl::StrCat(
              MethodPath(*method), " as ", caller.role.empty() ? "nobody" : caller.role, " of ",
              caller.org, ", round ", round, ", kind ", kind);
          if (code == grpc::StatusCode::INTERNAL || code == grpc::StatusCode::UNKNOWN) {
            ++tally.internal;
            ADD_FAILURE() << where << ": " << code << " " << call.status.error_message();
          }
          const long long now = server_.database().RowsBesideTheAccessLog();
          if (!call.status.ok()) {
            EXPECT_EQ(now, rows) << where << " was refused (" << code << ") but wrote rows";
          }
          rows = now;
        }
      }
    }
  }
  const long rss_after = ResidentBytes();
  // The server gives freed memory back every few seconds: wait for one pass (bounded).
  long rss_trimmed = rss_after;
  for (int i = 0; i < 100 && rss_trimmed >= rss_after; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
    rss_trimmed = ResidentBytes();
  }
  spdlog::default_logger()->set_level(level);
  std::cout << "fuzz: " << tally.calls << " calls, 0 crashes, " << tally.internal
            << " INTERNAL or UNKNOWN; RSS before " << rss_before / (1024 * 1024) << " MiB, after "
            << rss_after / (1024 * 1024) << " MiB, after trimming " << rss_trimmed / (1024 * 1024)
            << " MiB; codes:";
  for (const auto& [code, n] : tally.codes) std::cout << " " << code << "=" << n;
  std::cout << std::endl;
  EXPECT_EQ(tally.internal, 0);
  EXPECT_GT(tally.calls, 1000);
}

}  // namespace
}  // namespace rinnalla::testing
