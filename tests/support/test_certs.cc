#include "test_certs.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdlib>
#include <memory>

namespace rinnalla::testing {
namespace {

using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Cert = std::unique_ptr<X509, decltype(&X509_free)>;

std::string Pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, n);
  BIO_free(bio);
  return out;
}

std::string Pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, n);
  BIO_free(bio);
  return out;
}

void AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) std::abort();
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

// A certificate for `subject_key`, signed by `issuer_key` (self-signed when issuer is null).
Cert MakeCert(const std::string& common_name, EVP_PKEY* subject_key, X509* issuer,
              EVP_PKEY* issuer_key, bool is_ca, const char* alt_names, long serial) {
  Cert cert(X509_new(), &X509_free);
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), subject_key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  AddExtension(cert.get(), signer, NID_basic_constraints, is_ca ? "critical,CA:TRUE" : "CA:FALSE");
  if (is_ca) AddExtension(cert.get(), signer, NID_key_usage, "critical,keyCertSign,cRLSign");
  if (alt_names != nullptr) AddExtension(cert.get(), signer, NID_subject_alt_name, alt_names);
  X509_sign(cert.get(), issuer_key, EVP_sha256());
  return cert;
}

}  // namespace

TestCerts MakeTestCerts(const std::string& ca_name) {
  Key ca_key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  Key server_key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  Key client_key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
  Cert ca = MakeCert(ca_name, ca_key.get(), nullptr, ca_key.get(), true, nullptr, 1);
  Cert server = MakeCert("rinnalla-server", server_key.get(), ca.get(), ca_key.get(), false,
                         "DNS:localhost,IP:127.0.0.1", 2);
  Cert client = MakeCert("apotti-integration", client_key.get(), ca.get(), ca_key.get(), false,
                         nullptr, 3);
  return {Pem(ca.get()), Pem(server.get()), Pem(server_key.get()), Pem(client.get()),
          Pem(client_key.get())};
}

}  // namespace rinnalla::testing
