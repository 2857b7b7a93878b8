// Fuzz target: verify_xes on arbitrary messages (JSON, or XML when the input starts with '<'), which reads
// the message, canonicalises it (RFC 8785) and checks its JWS; and canonical_json on the same bytes. A
// verification that holds on fuzzed input would be a forgery: a finding.

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "xborder/signature.hpp"

namespace {

const xborder::VerifyingKey& key() {
  static const xborder::VerifyingKey verifying = [] {
    EVP_PKEY* pair = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");  // fresh each run: no input can be signed
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, pair);
    char* pem = nullptr;
    const long size = BIO_get_mem_data(bio, &pem);
    auto loaded = xborder::VerifyingKey::from_pem(std::string(pem, static_cast<std::size_t>(size)));
    BIO_free(bio);
    EVP_PKEY_free(pair);
    return loaded;
  }();
  return verifying;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  xborder::Diagnostics diagnostics;
  if (xborder::verify_xes(bytes, xborder::xes_syntax_of(bytes), key(), diagnostics).valid) std::abort();
  std::string why;
  (void)xborder::canonical_json(bytes, why);
  return 0;
}
