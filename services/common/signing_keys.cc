#include "signing_keys.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "fingerprint.h"

namespace rinnalla {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

Bio MemoryBio(absl::string_view text = {}) {
  return Bio(text.empty() ? BIO_new(BIO_s_mem())
                          : BIO_new_mem_buf(text.data(), static_cast<int>(text.size())),
             &BIO_free);
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long length = BIO_get_mem_data(bio, &data);
  return std::string(data, length);
}

std::string PublicPem(EVP_PKEY* key) {
  Bio bio = MemoryBio();
  PEM_write_bio_PUBKEY(bio.get(), key);
  return BioText(bio.get());
}

// The public key as a JWK: EC P-256 (crv, x, y) or RSA (n, e), numbers big-endian, base64url.
std::string PublicJwk(EVP_PKEY* key) {
  auto number = [&](const char* name, size_t width) {
    BIGNUM* value = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &value) <= 0) return std::string();
    std::string bytes(width == 0 ? static_cast<size_t>(BN_num_bytes(value)) : width, '\0');
    BN_bn2binpad(value, reinterpret_cast<unsigned char*>(bytes.data()),
                 static_cast<int>(bytes.size()));
    BN_free(value);
    std::string encoded;
    absl::WebSafeBase64Escape(bytes, &encoded);
    return encoded;
  };
  google::protobuf::Struct jwk;
  auto set = [&](const char* field, std::string value) {
    (*jwk.mutable_fields())[field].set_string_value(std::move(value));
  };
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {
    set("kty", "EC");
    set("crv", "P-256");
    set("x", number(OSSL_PKEY_PARAM_EC_PUB_X, 32));
    set("y", number(OSSL_PKEY_PARAM_EC_PUB_Y, 32));
  } else {
    set("kty", "RSA");
    set("n", number(OSSL_PKEY_PARAM_RSA_N, 0));
    set("e", number(OSSL_PKEY_PARAM_RSA_E, 0));
  }
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(jwk, &json);
  return json;
}

std::string Thumbprint(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  int length = i2d_PUBKEY(key, &der);
  std::string id = Sha256Hex(absl::string_view(reinterpret_cast<char*>(der), length)).substr(0, 16);
  OPENSSL_free(der);
  return id;
}

absl::StatusOr<TokenAlgorithm> AlgorithmOf(EVP_PKEY* key) {
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA) {
    if (EVP_PKEY_get_bits(key) < 2048) {
      return absl::InvalidArgumentError("RSA keys must have at least 2048 bits");
    }
    return TokenAlgorithm::kRS256;
  }
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {
    char group[64] = {0};
    size_t length = 0;
    EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length);
    if (std::string(group) == "prime256v1") return TokenAlgorithm::kES256;
    return absl::InvalidArgumentError("EC keys must be on the P-256 curve (ES256)");
  }
  return absl::InvalidArgumentError("keys must be EC P-256 (ES256) or RSA (RS256)");
}

std::string Field(const google::protobuf::Struct& object, const std::string& name) {
  auto it = object.fields().find(name);
  return it == object.fields().end() ? "" : it->second.string_value();
}

absl::StatusOr<std::string> Base64UrlField(const google::protobuf::Struct& jwk,
                                           const std::string& name) {
  std::string decoded;
  if (!absl::WebSafeBase64Unescape(Field(jwk, name), &decoded) || decoded.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("JWK field \"", name, "\" is missing or bad"));
  }
  return decoded;
}

// A JWK (RFC 7517) as an OpenSSL key.
absl::StatusOr<Key> KeyFromJwk(const google::protobuf::Struct& jwk) {
  using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)>;
  using Params = std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)>;
  using Bignum = std::unique_ptr<BIGNUM, decltype(&BN_free)>;
  ParamBuilder builder(OSSL_PARAM_BLD_new(), &OSSL_PARAM_BLD_free);
  const std::string kty = Field(jwk, "kty");
  std::string point;
  std::vector<Bignum> numbers;
  const char* type = nullptr;
  if (kty == "EC") {
    if (Field(jwk, "crv") != "P-256") return absl::InvalidArgumentError("EC keys must be P-256");
    absl::StatusOr<std::string> x = Base64UrlField(jwk, "x"), y = Base64UrlField(jwk, "y");
    if (!x.ok()) return x.status();
    if (!y.ok()) return y.status();
    point = "\x04" + *x + *y;  // uncompressed point
    OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                     point.size());
    type = "EC";
  } else if (kty == "RSA") {
    for (const char* name : {"n", "e"}) {
      absl::StatusOr<std::string> bytes = Base64UrlField(jwk, name);
      if (!bytes.ok()) return bytes.status();
      numbers.emplace_back(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->data()),
                                     static_cast<int>(bytes->size()), nullptr),
                           &BN_free);
    }
    OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, numbers[0].get());
    OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, numbers[1].get());
    type = "RSA";
  } else {
    return absl::InvalidArgumentError("JWK \"kty\" must be EC or RSA");
  }
  Params params(OSSL_PARAM_BLD_to_param(builder.get()), &OSSL_PARAM_free);
  using Context = std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)>;
  Context context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr), &EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (context == nullptr || EVP_PKEY_fromdata_init(context.get()) <= 0 ||
      EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return absl::InvalidArgumentError("a JWK does not describe a usable public key");
  }
  return Key(key, &EVP_PKEY_free);
}

absl::StatusOr<std::vector<PublicKey>> ParseJwks(absl::string_view text) {
  google::protobuf::Struct document;
  if (!google::protobuf::util::JsonStringToMessage(std::string(text), &document).ok()) {
    return absl::InvalidArgumentError("the key file is neither PEM nor JSON (JWKS)");
  }
  auto keys = document.fields().find("keys");
  if (keys == document.fields().end() || keys->second.list_value().values().empty()) {
    return absl::InvalidArgumentError("the JWKS document has no \"keys\"");
  }
  std::vector<PublicKey> result;
  for (const auto& value : keys->second.list_value().values()) {
    const google::protobuf::Struct& jwk = value.struct_value();
    std::string use = Field(jwk, "use");
    if (!use.empty() && use != "sig") continue;  // encryption keys are not for us
    absl::StatusOr<Key> key = KeyFromJwk(jwk);
    if (!key.ok()) return key.status();
    absl::StatusOr<TokenAlgorithm> alg = AlgorithmOf(key->get());
    if (!alg.ok()) return alg.status();
    std::string kid = Field(jwk, "kid");
    bool declared = !kid.empty();
    if (!declared) kid = Thumbprint(key->get());
    result.push_back({kid, *alg, PublicPem(key->get()), declared, PublicJwk(key->get())});
  }
  if (result.empty()) return absl::InvalidArgumentError("the JWKS document has no signing keys");
  return result;
}

}  // namespace

absl::string_view AlgorithmName(TokenAlgorithm alg) {
  return alg == TokenAlgorithm::kES256 ? "ES256" : "RS256";
}

absl::StatusOr<KeyPair> GenerateKeyPair() {
  Key key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  if (key == nullptr) return absl::InternalError("could not generate a P-256 key");
  Bio bio = MemoryBio();
  PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return KeyPair{BioText(bio.get()), PublicPem(key.get()), Thumbprint(key.get())};
}

absl::StatusOr<PublicKey> PublicKeyOfPrivate(absl::string_view private_pem) {
  Bio bio = MemoryBio(private_pem);
  Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (key == nullptr) return absl::InvalidArgumentError("not a PEM private key");
  absl::StatusOr<TokenAlgorithm> alg = AlgorithmOf(key.get());
  if (!alg.ok()) return alg.status();
  return PublicKey{Thumbprint(key.get()), *alg, PublicPem(key.get()), false, PublicJwk(key.get())};
}

absl::StatusOr<std::vector<PublicKey>> ParsePublicKeys(absl::string_view text) {
  if (text.find("-----BEGIN") == absl::string_view::npos) return ParseJwks(text);
  std::vector<PublicKey> result;
  Bio bio = MemoryBio(text);
  while (EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)) {
    Key key(raw, &EVP_PKEY_free);
    absl::StatusOr<TokenAlgorithm> alg = AlgorithmOf(key.get());
    if (!alg.ok()) return alg.status();
    result.push_back(
        {Thumbprint(key.get()), *alg, PublicPem(key.get()), false, PublicJwk(key.get())});
  }
  if (result.empty()) return absl::InvalidArgumentError("the PEM file has no public keys");
  return result;
}

}  // namespace rinnalla
