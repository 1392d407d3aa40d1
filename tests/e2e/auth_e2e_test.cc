// Authentication as a caller meets it: every bad token is UNAUTHENTICATED; keys rotate through a
// JWKS file; TLS and mutual TLS; plaintext only on loopback.

#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <jwt.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "directory_fixture.h"
#include "test_certs.h"
#include "test_keys.h"
#include "tokens.h"

namespace rinnalla::testing {
namespace {

grpc::Status ListGuidesWith(v1::Directory::Stub& stub, const std::string& authorization) {
  grpc::ClientContext context;
  if (!authorization.empty()) context.AddMetadata("authorization", authorization);
  v1::ListGuidesRequest request;
  request.set_parent(kParent);
  v1::ListGuidesResponse response;
  grpc::Status status = stub.ListGuides(&context, request, &response);
  EXPECT_EQ(response.guides_size(), 0);
  return status;
}

TokenClaims Claims(absl::Time issued, absl::Duration ttl) {
  return {"users/koordinaattori", "paijat-hame", "coordinator", kTestIssuer, kTestAudience,
          issued, issued + ttl};
}

std::string Signed(const TokenClaims& claims, const std::string& private_pem = "") {
  auto token = SignToken(private_pem.empty() ? TestKeys().private_pem : private_pem, claims);
  EXPECT_TRUE(token.ok()) << token.status();
  return token.value_or("");
}

std::string Base64Url(const std::string& text) { return absl::WebSafeBase64Escape(text); }

const std::string kPayload = Base64Url(absl::StrCat(
    R"({"sub":"users/koordinaattori","org":"paijat-hame","role":"coordinator","iss":")",
    kTestIssuer, R"(","aud":")", kTestAudience, R"(","exp":)",
    absl::ToUnixSeconds(absl::Now() + absl::Hours(1)), "}"));

// HS256 keyed with the server's public key: the classic algorithm-confusion forgery.
std::string Hs256WithPublicKeyAsSecret() {
  jwt_t* jwt = nullptr;
  jwt_new(&jwt);
  jwt_add_grant(jwt, "sub", "users/koordinaattori");
  jwt_add_grant(jwt, "org", "paijat-hame");
  jwt_add_grant(jwt, "role", "coordinator");
  jwt_add_grant(jwt, "iss", kTestIssuer);
  jwt_add_grant(jwt, "aud", kTestAudience);
  jwt_add_grant_int(jwt, "exp", absl::ToUnixSeconds(absl::Now() + absl::Hours(1)));
  const std::string& secret = TestKeys().public_pem;
  jwt_set_alg(jwt, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret.data()),
              static_cast<int>(secret.size()));
  char* encoded = jwt_encode_str(jwt);
  std::string token = encoded;
  free(encoded);
  jwt_free(jwt);
  return token;
}

class AuthTest : public ::testing::Test {
 protected:
  TestServer server_;
  std::unique_ptr<v1::Directory::Stub> stub_ = v1::Directory::NewStub(server_.channel());
};

TEST_F(AuthTest, AGoodTokenIsAccepted) {
  EXPECT_TRUE(ListGuidesWith(*stub_, "Bearer " + Signed(Claims(absl::Now(), absl::Hours(1)))).ok());
}

TEST_F(AuthTest, EveryBadTokenIsUnauthenticated) {
  const absl::Time now = absl::Now();
  auto other_key = GenerateKeyPair();
  ASSERT_TRUE(other_key.ok());
  TokenClaims wrong_issuer = Claims(now, absl::Hours(1));
  wrong_issuer.issuer = "someone-else";
  TokenClaims wrong_audience = Claims(now, absl::Hours(1));
  wrong_audience.audience = "another-service";
  TokenClaims unknown_role = Claims(now, absl::Hours(1));
  unknown_role.role = "superuser";
  const std::string good = Signed(Claims(now, absl::Hours(1)));
  const std::string header_none = Base64Url(R"({"alg":"none","typ":"JWT"})");

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"missing", ""},
      {"not bearer", "Basic dXNlcjpwYXNz"},
      {"empty bearer", "Bearer "},
      {"expired", "Bearer " + Signed(Claims(now - absl::Hours(3), absl::Hours(1)))},
      {"not yet valid", "Bearer " + Signed(Claims(now + absl::Hours(2), absl::Hours(1)))},
      {"wrong issuer", "Bearer " + Signed(wrong_issuer)},
      {"wrong audience", "Bearer " + Signed(wrong_audience)},
      {"unknown role", "Bearer " + Signed(unknown_role)},
      {"wrong key", "Bearer " + Signed(Claims(now, absl::Hours(1)), other_key->private_pem)},
      {"alg none, no signature", "Bearer " + header_none + "." + kPayload + "."},
      {"alg none, any signature", "Bearer " + header_none + "." + kPayload + ".c2ln"},
      {"HS256 keyed with the public key", "Bearer " + Hs256WithPublicKeyAsSecret()},
      {"truncated", "Bearer " + good.substr(0, good.size() - 10)},
      {"a character appended to the signature", "Bearer " + good + "x"},
      {"a byte appended to the signature", "Bearer " + good + "AA"},
      {"signature of another token",
       "Bearer " + good.substr(0, good.rfind('.')) +
           Signed(Claims(now, absl::Hours(2))).substr(good.rfind('.'))},
      {"garbage", "Bearer not.a.token"},
      {"two parts", "Bearer abc.def"},
  };
  for (const auto& [label, authorization] : cases) {
    grpc::Status status = ListGuidesWith(*stub_, authorization);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << label;
    EXPECT_EQ(status.error_message().find("BEGIN"), std::string::npos) << "no key material";
  }
}

TEST_F(AuthTest, SmallClockSkewIsTolerated) {
  // Expired 30 s ago: within the default 60 s skew.
  EXPECT_TRUE(ListGuidesWith(*stub_, "Bearer " + Signed(Claims(absl::Now() - absl::Minutes(10),
                                                               absl::Minutes(10) - absl::Seconds(30))))
                  .ok());
}

TEST(TokenVerifierCache, ARememberedTokenStillExpires) {
  auto keys = ParsePublicKeys(TestKeys().public_pem);
  ASSERT_TRUE(keys.ok());
  TokenVerifier verifier(*keys, {kTestIssuer, kTestAudience});
  const absl::Time issued = absl::FromUnixSeconds(1'900'000'000);
  const std::string token = Signed(Claims(issued, absl::Hours(1)));
  EXPECT_TRUE(verifier.Verify(token, issued + absl::Minutes(1)).ok());
  EXPECT_TRUE(verifier.Verify(token, issued + absl::Minutes(59)).ok()) << "remembered";
  EXPECT_EQ(verifier.Verify(token, issued + absl::Hours(2)).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(verifier.Verify(token, issued - absl::Hours(1)).status().code(),
            absl::StatusCode::kUnauthenticated)
      << "nor before nbf";
}

TEST(TokenVerifierCache, AFailedTokenIsNeverRemembered) {
  auto keys = ParsePublicKeys(TestKeys().public_pem);
  ASSERT_TRUE(keys.ok());
  TokenVerifier verifier(*keys, {kTestIssuer, kTestAudience});
  const absl::Time issued = absl::FromUnixSeconds(1'900'000'000);
  const std::string token = Signed(Claims(issued, absl::Hours(1)));
  // Presented too early first: refused, and not remembered as good or bad.
  EXPECT_FALSE(verifier.Verify(token, issued - absl::Hours(1)).ok());
  EXPECT_TRUE(verifier.Verify(token, issued + absl::Minutes(1)).ok());
  const std::string tampered = token.substr(0, token.size() - 4) + "AAAA";
  EXPECT_FALSE(verifier.Verify(tampered, issued + absl::Minutes(1)).ok());
  EXPECT_FALSE(verifier.Verify(tampered, issued + absl::Minutes(2)).ok());
}

// A JWK of a P-256 public key, with a kid.
std::string Jwk(const std::string& public_pem, const std::string& kid) {
  BIO* bio = BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  unsigned char point[65];
  size_t length = 0;
  EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &length);
  EVP_PKEY_free(key);
  std::string x(reinterpret_cast<char*>(point) + 1, 32), y(reinterpret_cast<char*>(point) + 33, 32);
  auto b64 = [](const std::string& s) {
    std::string out = absl::WebSafeBase64Escape(s);
    return out;
  };
  return absl::StrCat(R"({"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":")", kid,
                      R"(","x":")", b64(x), R"(","y":")", b64(y), R"("})");
}

TEST(AuthKeys, KeysRotateThroughAJwksFileChosenByKid) {
  auto old_key = GenerateKeyPair();
  auto new_key = GenerateKeyPair();
  auto retired_key = GenerateKeyPair();
  ASSERT_TRUE(old_key.ok() && new_key.ok() && retired_key.ok());
  const std::string jwks = absl::StrCat(R"({"keys":[)", Jwk(old_key->public_pem, old_key->kid),
                                        ",", Jwk(new_key->public_pem, new_key->kid), "]}");
  const std::string path = WriteTempFile("jwks.json", jwks);
  TestServer server([&](ServerOptions& o) { o.jwt_public_keys = path; });
  auto stub = v1::Directory::NewStub(server.channel());
  const TokenClaims claims = Claims(absl::Now(), absl::Hours(1));
  EXPECT_TRUE(ListGuidesWith(*stub, "Bearer " + Signed(claims, old_key->private_pem)).ok());
  EXPECT_TRUE(ListGuidesWith(*stub, "Bearer " + Signed(claims, new_key->private_pem)).ok());
  EXPECT_EQ(ListGuidesWith(*stub, "Bearer " + Signed(claims, retired_key->private_pem)).error_code(),
            grpc::StatusCode::UNAUTHENTICATED)
      << "unknown kid";
}

TEST(AuthKeys, ServerRefusesToStartWithoutUsableKeys) {
  TestDatabase database;
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.database.connection_string = database.server_connection_string();
  EXPECT_EQ(RinnallaServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument)
      << "no keys";
  options.jwt_public_keys = WriteTempFile("garbage.pem", "-----BEGIN PUBLIC KEY-----\nxx\n");
  EXPECT_EQ(RinnallaServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.jwt_public_keys = WriteTempFile("empty.json", R"({"keys":[]})");
  EXPECT_EQ(RinnallaServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
}

// A new RSA private key of `bits` (PEM).
std::string RsaPrivatePem(int bits) {
  EVP_PKEY* key = EVP_RSA_gen(bits);
  EXPECT_NE(key, nullptr);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, length);
  BIO_free(bio);
  EVP_PKEY_free(key);
  return pem;
}

// A JWK of an RSA public key, with a kid.
std::string RsaJwk(const std::string& public_pem, const std::string& kid) {
  BIO* bio = BIO_new_mem_buf(public_pem.data(), static_cast<int>(public_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  auto number = [&](const char* name) {
    BIGNUM* bn = nullptr;
    EVP_PKEY_get_bn_param(key, name, &bn);
    std::string bytes(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(bn);
    return absl::WebSafeBase64Escape(bytes);
  };
  std::string jwk = absl::StrCat(R"({"kty":"RSA","alg":"RS256","use":"sig","kid":")", kid,
                                 R"(","n":")", number(OSSL_PKEY_PARAM_RSA_N), R"(","e":")",
                                 number(OSSL_PKEY_PARAM_RSA_E), R"("})");
  EVP_PKEY_free(key);
  return jwk;
}

// The `alg` of a token's header.
std::string AlgorithmOf(const std::string& token) {
  std::string header;
  EXPECT_TRUE(absl::WebSafeBase64Unescape(token.substr(0, token.find('.')), &header));
  return header;
}

TEST(AuthKeys, Rs256TokensOfA2048BitKeyAreAccepted) {
  const std::string private_pem = RsaPrivatePem(2048);
  auto public_key = PublicKeyOfPrivate(private_pem);
  ASSERT_TRUE(public_key.ok()) << public_key.status();
  EXPECT_EQ(public_key->algorithm, TokenAlgorithm::kRS256);
  const std::string other_rsa = RsaPrivatePem(2048);
  for (const std::string& file :
       {WriteTempFile("rsa.pem", public_key->pem),
        WriteTempFile("rsa.json", absl::StrCat(R"({"keys":[)",
                                               RsaJwk(public_key->pem, public_key->kid), "]}"))}) {
    TestServer server([&](ServerOptions& o) { o.jwt_public_keys = file; });
    auto stub = v1::Directory::NewStub(server.channel());
    const TokenClaims claims = Claims(absl::Now(), absl::Hours(1));
    const std::string token = Signed(claims, private_pem);
    EXPECT_NE(AlgorithmOf(token).find(R"("alg":"RS256")"), std::string::npos) << AlgorithmOf(token);
    EXPECT_TRUE(ListGuidesWith(*stub, "Bearer " + token).ok()) << file;
    EXPECT_EQ(ListGuidesWith(*stub, "Bearer " + Signed(claims, other_rsa)).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << "another RSA key";
    EXPECT_EQ(ListGuidesWith(*stub, "Bearer " + Signed(claims)).error_code(),
              grpc::StatusCode::UNAUTHENTICATED)
        << "an ES256 token against an RSA key";
  }
}

TEST(AuthKeys, RsaKeysUnder2048BitsAreRefused) {
  const std::string weak_private = RsaPrivatePem(1024);
  EXPECT_EQ(PublicKeyOfPrivate(weak_private).status().code(), absl::StatusCode::kInvalidArgument);
  // Its public part, written out by OpenSSL, as an identity provider might publish it.
  BIO* in = BIO_new_mem_buf(weak_private.data(), static_cast<int>(weak_private.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(in, nullptr, nullptr, nullptr);
  BIO_free(in);
  BIO* out = BIO_new(BIO_s_mem());
  PEM_write_bio_PUBKEY(out, key);
  EVP_PKEY_free(key);
  char* data = nullptr;
  long length = BIO_get_mem_data(out, &data);
  const std::string weak_public(data, length);
  BIO_free(out);

  TestDatabase database;
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.database.connection_string = database.server_connection_string();
  options.jwt_issuer = kTestIssuer;
  for (const std::string& file :
       {WriteTempFile("weak.pem", weak_public),
        WriteTempFile("weak.json",
                      absl::StrCat(R"({"keys":[)", RsaJwk(weak_public, "weak"), "]}"))}) {
    options.jwt_public_keys = file;
    absl::Status refused = RinnallaServer::Start(options).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << file;
    EXPECT_NE(refused.message().find("2048"), std::string::npos) << refused;
  }
  // One weak key spoils the file: it is not silently skipped.
  auto strong = PublicKeyOfPrivate(RsaPrivatePem(2048));
  ASSERT_TRUE(strong.ok());
  options.jwt_public_keys = WriteTempFile("mixed.pem", strong->pem + weak_public);
  EXPECT_EQ(RinnallaServer::Start(options).status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(Transport, ServesTls) {
  TestCerts certs = MakeTestCerts();
  const std::string cert = WriteTempFile("tls-server.pem", certs.server_cert);
  const std::string key = WriteTempFile("tls-server.key", certs.server_key);
  grpc::SslCredentialsOptions client;
  client.pem_root_certs = certs.ca_cert;
  TestServer server(
      [&](ServerOptions& o) {
        o.tls_cert = cert;
        o.tls_key = key;
      },
      grpc::SslCredentials(client), "localhost");
  auto stub = v1::Directory::NewStub(server.channel());
  const std::string token = "Bearer " + Signed(Claims(absl::Now(), absl::Hours(1)));
  EXPECT_TRUE(ListGuidesWith(*stub, token).ok());

  auto plaintext = v1::Directory::NewStub(server.ChannelWith(grpc::InsecureChannelCredentials()));
  EXPECT_EQ(ListGuidesWith(*plaintext, token).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST(Transport, MutualTlsRequiresAClientCertificateFromTheCa) {
  TestCerts certs = MakeTestCerts();
  TestCerts stranger = MakeTestCerts("Another CA");
  const std::string cert = WriteTempFile("mtls-server.pem", certs.server_cert);
  const std::string key = WriteTempFile("mtls-server.key", certs.server_key);
  const std::string ca = WriteTempFile("mtls-ca.pem", certs.ca_cert);
  grpc::SslCredentialsOptions with_cert;
  with_cert.pem_root_certs = certs.ca_cert;
  with_cert.pem_cert_chain = certs.client_cert;
  with_cert.pem_private_key = certs.client_key;
  TestServer server(
      [&](ServerOptions& o) {
        o.tls_cert = cert;
        o.tls_key = key;
        o.tls_client_ca = ca;
      },
      grpc::SslCredentials(with_cert), "localhost");
  const std::string token = "Bearer " + Signed(Claims(absl::Now(), absl::Hours(1)));
  auto stub = v1::Directory::NewStub(server.channel());
  EXPECT_TRUE(ListGuidesWith(*stub, token).ok());

  grpc::SslCredentialsOptions without_cert;
  without_cert.pem_root_certs = certs.ca_cert;
  auto anonymous =
      v1::Directory::NewStub(server.ChannelWith(grpc::SslCredentials(without_cert), "localhost"));
  EXPECT_EQ(ListGuidesWith(*anonymous, token).error_code(), grpc::StatusCode::UNAVAILABLE);

  grpc::SslCredentialsOptions foreign_cert = with_cert;
  foreign_cert.pem_cert_chain = stranger.client_cert;
  foreign_cert.pem_private_key = stranger.client_key;
  auto foreign =
      v1::Directory::NewStub(server.ChannelWith(grpc::SslCredentials(foreign_cert), "localhost"));
  EXPECT_EQ(ListGuidesWith(*foreign, token).error_code(), grpc::StatusCode::UNAVAILABLE);
}

TEST(Transport, PlaintextOnlyOnLoopback) {
  TestDatabase database;
  ServerOptions options;
  options.database.connection_string = database.server_connection_string();
  options.jwt_public_keys = TestPublicKeyFile();
  options.jwt_issuer = kTestIssuer;
  options.listen = "0.0.0.0:0";
  auto refused = RinnallaServer::Start(options);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("--allow-insecure"), std::string::npos);
  options.allow_insecure = true;
  auto allowed = RinnallaServer::Start(options);
  EXPECT_TRUE(allowed.ok()) << allowed.status();
}

}  // namespace
}  // namespace rinnalla::testing
