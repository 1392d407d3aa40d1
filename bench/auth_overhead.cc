// rinnalla-auth-bench: what authentication, authorization and the access-log write add to
// GetClient, measured in one run. It times GetClient end to end over gRPC (all three on), then
// each part on its own: verifying the caller's token, the policy decision, and the access-log row
// (the same read transaction with and without the row). Without = with - the three parts.

#include <grpcpp/create_channel.h>
#include <libpq-fe.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "flags.h"
#include "policy.h"
#include "resource_names.h"
#include "rinnalla/v1/directory.grpc.pb.h"
#include "signing_keys.h"
#include "tokens.h"

namespace {

double Median(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

template <typename Work>
double MedianMicros(int rounds, Work work) {
  std::vector<double> samples;
  for (int i = 0; i < rounds; ++i) {
    absl::Time start = absl::Now();
    work();
    samples.push_back(absl::ToDoubleMicroseconds(absl::Now() - start));
  }
  return Median(samples);
}

void Exec(PGconn* conn, const std::string& sql) {
  PGresult* r = PQexec(conn, sql.c_str());
  if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
    std::cerr << "rinnalla-auth-bench: " << PQresultErrorMessage(r);
    std::exit(1);
  }
  PQclear(r);
}

}  // namespace

int main(int argc, char** argv) {
  std::string server, token, client, database, public_keys;
  int rounds = 3000;
  rinnalla::Flags flags("rinnalla-auth-bench", "times GetClient with its auth and log parts.");
  flags.AddString("server", &server, "Server address.");
  flags.AddString("token", &token, "A social worker's token.");
  flags.AddString("client", &client, "A client's resource name.");
  flags.AddString("database", &database, "The server's database (for the log-row timing).");
  flags.AddString("jwt-public-keys", &public_keys, "The server's public key file.");
  flags.AddInt("rounds", &rounds, "Calls per measurement.");
  int exit_code = 0;
  if (!flags.ParseCommandLine(argc, argv, &exit_code)) return exit_code;
  auto name = rinnalla::ParseResourceName(client, "clients");
  if (!name) {
    std::cerr << "rinnalla-auth-bench: --client must be a client resource name\n";
    return 2;
  }

  // 1. GetClient end to end, one caller at a time.
  auto stub = rinnalla::v1::Directory::NewStub(
      grpc::CreateChannel(server, grpc::InsecureChannelCredentials()));
  rinnalla::v1::GetClientRequest request;
  request.set_name(client);
  auto get_client = [&] {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    rinnalla::v1::Client out;
    if (!stub->GetClient(&context, request, &out).ok()) std::exit(1);
  };
  for (int i = 0; i < 200; ++i) get_client();  // warm up
  const double with_all = MedianMicros(rounds, get_client);

  // 2. Verifying the token, as the server does: the first time (signature) and again (cached).
  std::ifstream in(public_keys);
  std::stringstream text;
  text << in.rdbuf();
  auto keys = rinnalla::ParsePublicKeys(text.str());
  if (!keys.ok()) return 1;
  rinnalla::Principal principal;
  const double first_verify = MedianMicros(rounds, [&] {
    rinnalla::TokenVerifier fresh(*keys, {"rinnalla-local", "rinnalla"});
    principal = *fresh.Verify(token, absl::Now());
  });
  rinnalla::TokenVerifier verifier(*keys, {"rinnalla-local", "rinnalla"});
  const double verify = MedianMicros(rounds, [&] { principal = *verifier.Verify(token, absl::Now()); });

  // 3. The policy decision.
  rinnalla::NoAssignments assignments;
  rinnalla::AccessPolicy policy(assignments);
  rinnalla::Call call;
  call.principal = principal;
  const double authorize = MedianMicros(rounds, [&] {
    (void)policy.Authorize(call, rinnalla::Action::kReadClient, name->org_id, client, name->id);
  });

  // 4. The access-log row: the read transaction with and without it, alternating.
  PGconn* conn = PQconnectdb(database.c_str());
  if (PQstatus(conn) != CONNECTION_OK) return 1;
  const std::string select = absl::StrFormat(
      "SELECT display_name FROM clients WHERE org_id = '%s' AND id = '%s'", name->org_id, name->id);
  const std::string log_row = absl::StrFormat(
      "INSERT INTO access_log (org_id, actor_org, actor, role, method, client_id, resource, "
      "outcome, request_id) VALUES ('%s', '%s', 'users/bench', 'social_worker', "
      "'/rinnalla.v1.Directory/GetClient', '%s', '%s', 'OK', 'bench')",
      name->org_id, name->org_id, name->id, client);
  std::vector<double> without_row, with_row;
  for (int i = 0; i < rounds; ++i) {
    without_row.push_back(MedianMicros(1, [&] {
      Exec(conn, "BEGIN");
      Exec(conn, select);
      Exec(conn, "COMMIT");
    }));
    with_row.push_back(MedianMicros(1, [&] {
      Exec(conn, "BEGIN");
      Exec(conn, select);
      Exec(conn, log_row);
      Exec(conn, "COMMIT");
    }));
  }
  PQfinish(conn);
  const double log_write = Median(with_row) - Median(without_row);
  const double overhead = verify + authorize + log_write;

  std::cout << absl::StrFormat(
      "GetClient median with authentication, authorization and access log: %.3f ms\n"
      "  token verification: %.3f ms (a token's first use: %.3f ms), policy: %.4f ms, "
      "access-log row: %.3f ms "
      "(transaction %.3f ms with the row, %.3f ms without)\n"
      "GetClient median without them (with - parts): %.3f ms; added: %.3f ms (limit 0.3 ms)\n",
      with_all / 1000, verify / 1000, first_verify / 1000, authorize / 1000, log_write / 1000,
      Median(with_row) / 1000, Median(without_row) / 1000, (with_all - overhead) / 1000,
      overhead / 1000);
  return 0;
}
