#pragma once
// Signed XES: a detached JWS (RFC 7515) over the RFC 8785 (JCS) canonical form of the message's XES JSON,
// carried in header.signature ("BASE64URL(protected header)..BASE64URL(signature)"); the canonical form is
// computed without that member. XES XML carries the same signature in <signature> of its header, over the
// canonical JSON of the same message, so a message signed in one syntax verifies in the other.
// Keys: Ed25519 ("alg": "EdDSA") and ECDSA P-256 ("alg": "ES256", the signature raw r||s), PEM, through
// OpenSSL.
//
//   const auto key = xborder::SigningKey::from_pem(read("private.pem"));
//   auto signed_message = xborder::sign_xes(bytes, xborder::XesSyntax::json, key, diagnostics);
//   const auto check = xborder::verify_xes(*signed_message, xborder::XesSyntax::json,
//                                          xborder::VerifyingKey::from_pem(read("public.pem")), diagnostics);

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/export.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {

namespace detail {
struct KeyHandle;
}

enum class SignatureAlgorithm { ed25519, es256 };

// A private key (PKCS #8 or traditional PEM). Throws Error for anything but an Ed25519 or P-256 key.
class XBORDER_API SigningKey {
 public:
  static SigningKey from_pem(std::string_view pem);
  ~SigningKey();
  SigningKey(SigningKey&&) noexcept;
  SignatureAlgorithm algorithm() const;
  const detail::KeyHandle& handle() const { return *key_; }

 private:
  explicit SigningKey(std::shared_ptr<const detail::KeyHandle> key);
  std::shared_ptr<const detail::KeyHandle> key_;
};

// A public key (SubjectPublicKeyInfo PEM); a private key's PEM is accepted too (its public half is used).
class XBORDER_API VerifyingKey {
 public:
  static VerifyingKey from_pem(std::string_view pem);
  ~VerifyingKey();
  VerifyingKey(VerifyingKey&&) noexcept;
  SignatureAlgorithm algorithm() const;
  const detail::KeyHandle& handle() const { return *key_; }

 private:
  explicit VerifyingKey(std::shared_ptr<const detail::KeyHandle> key);
  std::shared_ptr<const detail::KeyHandle> key_;
};

// The message with header.signature set (replacing any), written in its own syntax. Nothing if the input is
// not a readable XES message (the errors in `diagnostics`).
XBORDER_API std::optional<std::string> sign_xes(std::string_view message, XesSyntax syntax, const SigningKey& key,
                                                Diagnostics& diagnostics);

struct Verification {
  bool valid = false;
  std::string reason;  // why not, when not: "no signature", "the signature does not match the content", ...
};

// Whether header.signature holds for the message's content under `key`. JSON is canonicalised as it stands
// (every member counts, known to XES or not); XML through the model, and a member XES does not know makes
// the message unverifiable (the signature could not cover it).
XBORDER_API Verification verify_xes(std::string_view message, XesSyntax syntax, const VerifyingKey& key,
                                    Diagnostics& diagnostics);

// RFC 8785 canonical form of a JSON text: members sorted by their UTF-16 code units, no insignificant
// whitespace, numbers as ECMAScript writes them, strings with the minimal escapes. Nothing (with `why`) for
// text that is not JSON, has duplicate member names, or nests deeper than 64.
XBORDER_API std::optional<std::string> canonical_json(std::string_view json, std::string& why);

}  // namespace xborder
