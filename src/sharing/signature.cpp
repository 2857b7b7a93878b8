// JWS signatures over canonical XES JSON (include/xborder/signature.hpp), through OpenSSL libcrypto.

#include "xborder/signature.hpp"

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstring>

#include "core/base64.hpp"
#include "sharing/canonical_json.hpp"
#include "xborder/xes.hpp"

namespace xborder {
namespace detail {

struct KeyHandle {
  EVP_PKEY* key = nullptr;
  SignatureAlgorithm algorithm = SignatureAlgorithm::ed25519;
  ~KeyHandle() { EVP_PKEY_free(key); }
};

namespace {

constexpr std::size_t kSignatureSize = 64;  // Ed25519, and ES256 as r||s

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct ContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct SignatureDeleter {
  void operator()(ECDSA_SIG* signature) const { ECDSA_SIG_free(signature); }
};

std::shared_ptr<const KeyHandle> load_key(std::string_view pem, bool public_key) {
  if (pem.size() > (std::size_t{1} << 20)) throw Error("a PEM key is not that large");
  auto handle = std::make_shared<KeyHandle>();
  const auto read = [&](bool as_public) {
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    return as_public ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr)
                     : PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
  };
  handle->key = read(public_key);
  if (handle->key == nullptr && public_key) handle->key = read(false);  // its public half
  if (handle->key == nullptr) throw Error(std::string("not a PEM ") + (public_key ? "public" : "private") + " key");
  if (EVP_PKEY_get_base_id(handle->key) == EVP_PKEY_ED25519) {
    handle->algorithm = SignatureAlgorithm::ed25519;
  } else {
    char group[64] = {};
    std::size_t length = 0;
    if (EVP_PKEY_get_base_id(handle->key) != EVP_PKEY_EC ||
        !EVP_PKEY_get_utf8_string_param(handle->key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length) ||
        (std::strcmp(group, "prime256v1") != 0 && std::strcmp(group, "P-256") != 0)) {
      throw Error("the key is neither Ed25519 nor ECDSA P-256");
    }
    handle->algorithm = SignatureAlgorithm::es256;
  }
  return handle;
}

std::string_view protected_header(SignatureAlgorithm algorithm) {
  return algorithm == SignatureAlgorithm::ed25519 ? R"({"alg":"EdDSA"})" : R"({"alg":"ES256"})";
}

std::string signing_input(std::string_view encoded_header, std::string_view canonical) {
  std::string input(encoded_header);
  input += '.';
  input += base64url_encode(canonical);
  return input;
}

std::string sign_bytes(const KeyHandle& key, std::string_view input) {
  std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  const EVP_MD* digest = key.algorithm == SignatureAlgorithm::es256 ? EVP_sha256() : nullptr;
  std::size_t length = 0;
  if (EVP_DigestSignInit(context.get(), nullptr, digest, nullptr, key.key) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    throw Error("signing failed");
  }
  std::string signature(length, '\0');
  auto* out = reinterpret_cast<unsigned char*>(signature.data());
  if (EVP_DigestSign(context.get(), out, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    throw Error("signing failed");
  }
  signature.resize(length);
  if (key.algorithm == SignatureAlgorithm::ed25519) return signature;
  // ES256 (RFC 7518 section 3.4): the DER ECDSA-Sig-Value as r and s, 32 bytes each, big-endian.
  const unsigned char* der = out;
  std::unique_ptr<ECDSA_SIG, SignatureDeleter> parsed(d2i_ECDSA_SIG(nullptr, &der, static_cast<long>(length)));
  std::string raw(kSignatureSize, '\0');
  auto* raw_bytes = reinterpret_cast<unsigned char*>(raw.data());
  if (!parsed || BN_bn2binpad(ECDSA_SIG_get0_r(parsed.get()), raw_bytes, 32) != 32 ||
      BN_bn2binpad(ECDSA_SIG_get0_s(parsed.get()), raw_bytes + 32, 32) != 32) {
    throw Error("signing failed");
  }
  return raw;
}

bool verify_bytes(const KeyHandle& key, std::string_view input, const std::string& signature) {
  if (signature.size() != kSignatureSize) return false;
  std::string der_signature;
  std::string_view checked = signature;
  if (key.algorithm == SignatureAlgorithm::es256) {
    std::unique_ptr<ECDSA_SIG, SignatureDeleter> parsed(ECDSA_SIG_new());
    const auto* raw = reinterpret_cast<const unsigned char*>(signature.data());
    BIGNUM* r = BN_bin2bn(raw, 32, nullptr);
    BIGNUM* s = BN_bin2bn(raw + 32, 32, nullptr);
    if (!parsed || r == nullptr || s == nullptr || ECDSA_SIG_set0(parsed.get(), r, s) != 1) {
      BN_free(r);
      BN_free(s);
      return false;
    }
    unsigned char* der = nullptr;
    const int length = i2d_ECDSA_SIG(parsed.get(), &der);
    if (length <= 0) return false;
    der_signature.assign(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    checked = der_signature;
  }
  std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  const EVP_MD* digest = key.algorithm == SignatureAlgorithm::es256 ? EVP_sha256() : nullptr;
  return EVP_DigestVerifyInit(context.get(), nullptr, digest, nullptr, key.key) == 1 &&
         EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(checked.data()), checked.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

// The canonical JSON of a message as the model holds it, without its signature.
std::optional<std::string> canonical_of(xes::Message& message, Diagnostics& diagnostics, std::string& why) {
  const std::string signature = std::move(message.header.signature);
  message.header.signature.clear();
  const auto json = write_xes(message, XesSyntax::json, diagnostics);
  message.header.signature = signature;
  if (!json) {
    why = "the message cannot be written as XES JSON";
    return std::nullopt;
  }
  rapidjson::Document document;
  std::string canonical;
  if (!parse_for_canonical(*json, document, why) || !append_canonical(document, canonical, why)) return std::nullopt;
  return canonical;
}

// Checks a compact detached JWS against the canonical content.
Verification check_jws(std::string_view jws, std::string_view canonical, const KeyHandle& key) {
  const std::size_t dots = jws.find("..");
  if (dots == std::string_view::npos || jws.find('.', dots + 2) != std::string_view::npos) {
    return {false, "header.signature is not a detached JWS (HEADER..SIGNATURE)"};
  }
  const std::string_view encoded_header = jws.substr(0, dots);
  std::string header_json, signature;
  if (!base64url_decode(encoded_header, header_json) || !base64url_decode(jws.substr(dots + 2), signature)) {
    return {false, "header.signature is not base64url"};
  }
  rapidjson::Document header;
  std::string why;
  if (!parse_for_canonical(header_json, header, why) || !header.IsObject()) {
    return {false, "the JWS protected header is not a JSON object"};
  }
  for (const auto& member : header.GetObject()) {
    const std::string_view name = member.name.GetString();
    if (name != "alg" && name != "kid" && name != "typ") {
      return {false, "the JWS protected header has '" + std::string(name) + "', which xborder does not support"};
    }
  }
  const auto alg = header.FindMember("alg");
  const std::string_view expected = key.algorithm == SignatureAlgorithm::ed25519 ? "EdDSA" : "ES256";
  if (alg == header.MemberEnd() || !alg->value.IsString() || alg->value.GetString() != expected) {
    return {false, "the signature's algorithm is not the key's (" + std::string(expected) + ")"};
  }
  if (!verify_bytes(key, signing_input(encoded_header, canonical), signature)) {
    return {false, "the signature does not match the content"};
  }
  return {true, {}};
}

}  // namespace
}  // namespace detail

SigningKey::SigningKey(std::shared_ptr<const detail::KeyHandle> key) : key_(std::move(key)) {}
SigningKey::~SigningKey() = default;
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey SigningKey::from_pem(std::string_view pem) { return SigningKey(detail::load_key(pem, false)); }
SignatureAlgorithm SigningKey::algorithm() const { return key_->algorithm; }

VerifyingKey::VerifyingKey(std::shared_ptr<const detail::KeyHandle> key) : key_(std::move(key)) {}
VerifyingKey::~VerifyingKey() = default;
VerifyingKey::VerifyingKey(VerifyingKey&&) noexcept = default;
VerifyingKey VerifyingKey::from_pem(std::string_view pem) { return VerifyingKey(detail::load_key(pem, true)); }
SignatureAlgorithm VerifyingKey::algorithm() const { return key_->algorithm; }

std::optional<std::string> sign_xes(std::string_view bytes, XesSyntax syntax, const SigningKey& key,
                                    Diagnostics& diagnostics) {
  auto message = read_xes(bytes, syntax, diagnostics);
  if (!message) return std::nullopt;
  message->header.signature.clear();
  std::string why;
  const auto canonical = detail::canonical_of(*message, diagnostics, why);
  if (!canonical) {
    diagnostics.error("xes.sign", why, "xes", "/header/signature");
    return std::nullopt;
  }
  const std::string encoded_header = detail::base64url_encode(detail::protected_header(key.handle().algorithm));
  message->header.signature =
      encoded_header + ".." + detail::base64url_encode(detail::sign_bytes(key.handle(), detail::signing_input(encoded_header, *canonical)));
  return write_xes(*message, syntax, diagnostics);
}

Verification verify_xes(std::string_view bytes, XesSyntax syntax, const VerifyingKey& key, Diagnostics& diagnostics) {
  auto message = read_xes(bytes, syntax, diagnostics);
  if (!message) return {false, "not a readable XES message"};
  if (message->header.signature.empty()) return {false, "the message has no signature (header.signature)"};
  std::string why;
  std::string canonical;
  if (syntax == XesSyntax::json) {
    // The content as it stands: every member, known to XES or not, is covered.
    rapidjson::Document document;
    if (!detail::parse_for_canonical(bytes, document, why)) return {false, why};
    const rapidjson::Value* signature = nullptr;
    if (const auto header = document.FindMember("header"); header != document.MemberEnd() && header->value.IsObject()) {
      if (const auto found = header->value.FindMember("signature"); found != header->value.MemberEnd()) signature = &found->value;
    }
    if (!detail::append_canonical(document, canonical, why, signature)) return {false, why};
  } else {
    for (const auto& item : diagnostics.all()) {
      if (item.severity == Severity::loss) {
        return {false, "the message has content XES does not know (" + item.path + "), which no signature covers"};
      }
    }
    auto computed = detail::canonical_of(*message, diagnostics, why);
    if (!computed) return {false, why};
    canonical = std::move(*computed);
  }
  return detail::check_jws(message->header.signature, canonical, key.handle());
}

}  // namespace xborder
