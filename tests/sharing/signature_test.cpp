// Signed XES: RFC 8785 canonical form, JWS with Ed25519 and ES256 keys generated here, and every changed
// byte of content detected.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cctype>
#include <memory>

#include "sharing/canonical_json.hpp"
#include "test_support.hpp"
#include "xborder/signature.hpp"

namespace {

using xborder::test::source_file;

struct Pem {
  std::string private_key;
  std::string public_key;
};

// A fresh key pair (test-only: generated for the run, never stored).
Pem generate(bool ed25519) {
  EVP_PKEY* key = ed25519 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                          : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  const auto pem = [&](bool private_part) {
    BIO* bio = BIO_new(BIO_s_mem());
    if (private_part) {
      PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    } else {
      PEM_write_bio_PUBKEY(bio, key);
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    std::string text(data, static_cast<std::size_t>(size));
    BIO_free(bio);
    return text;
  };
  Pem pair{pem(true), pem(false)};
  EVP_PKEY_free(key);
  return pair;
}

std::string canonical(std::string_view json) {
  std::string why;
  const auto out = xborder::canonical_json(json, why);
  EXPECT_TRUE(out) << why;
  return out.value_or("");
}

TEST(CanonicalJson, SortsByUtf16AndEscapesMinimally) {
  // RFC 8785 section 3.2.3's sorting example: by UTF-16 code units, so U+1F600 (D83D DE00) before U+FB33.
  EXPECT_EQ(canonical(R"({"\u20ac":"Euro","\r":"CR","\ufb33":"H","1":"One","\ud83d\ude00":"Smiley","\u0080":"Ctl","\u00f6":"o"})"),
            "{\"\\r\":\"CR\",\"1\":\"One\",\"\xC2\x80\":\"Ctl\",\"\xC3\xB6\":\"o\",\"\xE2\x82\xAC\":\"Euro\","
            "\"\xF0\x9F\x98\x80\":\"Smiley\",\"\xEF\xAC\xB3\":\"H\"}");
  EXPECT_EQ(canonical("{ \"b\" : [ 1 , \"\\u001f\\/\\t\" ], \"a\" : null }"), "{\"a\":null,\"b\":[1,\"\\u001f/\\t\"]}");
}

TEST(CanonicalJson, NumbersAsEcmascriptWritesThem) {
  // RFC 8785 appendix B and ECMAScript's Number.prototype.toString.
  EXPECT_EQ(canonical("[0, -0, 1, -1, 83.9, 1e21, 1e20, 1e-7, 0.000001, 123456789012345678901, 4.5e-5, 1.5e300, 9007199254740993]"),
            "[0,0,1,-1,83.9,1e+21,100000000000000000000,1e-7,0.000001,123456789012345680000,0.000045,1.5e+300,"
            "9007199254740992]");
  std::string out;
  xborder::detail::append_ecmascript_number(333333333.33333329, out);
  EXPECT_EQ(out, "333333333.3333333");
  out.clear();
  xborder::detail::append_ecmascript_number(5e-324, out);
  EXPECT_EQ(out, "5e-324");
  // Numbers are read from their text exactly: a zero with a large exponent (undefined behaviour in RapidJSON's
  // full-precision reader, found by fuzz/signature_verify), the double nearest a long decimal, and the largest
  // and smallest doubles.
  EXPECT_EQ(canonical(R"({"b":0e+213,"c":-0.0e-400})"), R"({"b":0,"c":0})");
  EXPECT_EQ(canonical("[0.1000000000000000055511151231257827, 1.7976931348623157e308, 4.9406564584124654e-324]"),
            "[0.1,1.7976931348623157e+308,5e-324]");
  std::string why;
  EXPECT_FALSE(xborder::canonical_json("[1e400]", why));
  EXPECT_NE(why.find("(byte 1)"), std::string::npos) << why;
}

TEST(CanonicalJson, RefusesDuplicatesAndDepth) {
  std::string why;
  EXPECT_FALSE(xborder::canonical_json(R"({"a":1,"a":2})", why));
  EXPECT_NE(why.find("duplicate"), std::string::npos);
  EXPECT_FALSE(xborder::canonical_json(std::string(100000, '['), why));
  EXPECT_FALSE(xborder::canonical_json("{\"a\":\"\xff\"}", why));  // not UTF-8
}

class Signature : public ::testing::TestWithParam<bool> {};

TEST_P(Signature, SignedMessageVerifiesAndAnyChangedContentByteDoesNot) {
  const Pem pem = generate(GetParam());
  const auto signer = xborder::SigningKey::from_pem(pem.private_key);
  const auto verifier = xborder::VerifyingKey::from_pem(pem.public_key);
  xborder::Diagnostics diagnostics;
  const auto signed_json = xborder::sign_xes(source_file("tests/golden/red-notice.json"), xborder::XesSyntax::json,
                                             signer, diagnostics);
  ASSERT_TRUE(signed_json);
  const auto verification = xborder::verify_xes(*signed_json, xborder::XesSyntax::json, verifier, diagnostics);
  EXPECT_TRUE(verification.valid) << verification.reason;

  const std::size_t signature_at = signed_json->find("\"signature\":\"");
  ASSERT_NE(signature_at, std::string::npos);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < signed_json->size(); ++i) {
    const char c = (*signed_json)[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) continue;
    std::string tampered = *signed_json;
    tampered[i] = c == '1' ? '2' : std::isdigit(static_cast<unsigned char>(c)) ? '1' : c == 'x' ? 'y' : 'x';
    xborder::Diagnostics ignored;
    EXPECT_FALSE(xborder::verify_xes(tampered, xborder::XesSyntax::json, verifier, ignored).valid)
        << "byte " << i << " changed and still valid";
    ++changed;
  }
  EXPECT_GT(changed, 500u);
  // Pretty-printed or reordered, the content is the same: still valid.
  const auto pretty = xborder::write_xes(*xborder::read_xes(*signed_json, xborder::XesSyntax::json, diagnostics),
                                         xborder::XesSyntax::json, diagnostics, {.pretty = true});
  EXPECT_TRUE(xborder::verify_xes(*pretty, xborder::XesSyntax::json, verifier, diagnostics).valid);
}

TEST_P(Signature, XmlCarriesTheSameSignature) {
  const Pem pem = generate(GetParam());
  const auto verifier = xborder::VerifyingKey::from_pem(pem.public_key);
  xborder::Diagnostics diagnostics;
  const auto signed_json = xborder::sign_xes(source_file("tests/golden/arrest-booking.json"), xborder::XesSyntax::json,
                                             xborder::SigningKey::from_pem(pem.private_key), diagnostics);
  ASSERT_TRUE(signed_json);
  const auto xml = xborder::write_xes(*xborder::read_xes(*signed_json, xborder::XesSyntax::json, diagnostics),
                                      xborder::XesSyntax::xml, diagnostics);
  ASSERT_TRUE(xml);
  EXPECT_NE(xml->find("<signature>"), std::string::npos);
  EXPECT_TRUE(xborder::verify_xes(*xml, xborder::XesSyntax::xml, verifier, diagnostics).valid);
  std::string tampered = *xml;
  tampered.replace(tampered.find("DOE"), 3, "DOF");
  EXPECT_FALSE(xborder::verify_xes(tampered, xborder::XesSyntax::xml, verifier, diagnostics).valid);
  // Signed as XML, verified as JSON.
  const auto signed_xml = xborder::sign_xes(source_file("tests/golden/arrest-booking.xml"), xborder::XesSyntax::xml,
                                            xborder::SigningKey::from_pem(pem.private_key), diagnostics);
  ASSERT_TRUE(signed_xml);
  const auto json = xborder::write_xes(*xborder::read_xes(*signed_xml, xborder::XesSyntax::xml, diagnostics),
                                       xborder::XesSyntax::json, diagnostics);
  EXPECT_TRUE(xborder::verify_xes(*json, xborder::XesSyntax::json, verifier, diagnostics).valid);
}

TEST_P(Signature, WrongKeyMissingSignatureAndUnknownMembersFail) {
  const Pem pem = generate(GetParam());
  const Pem other = generate(GetParam());
  const Pem other_kind = generate(!GetParam());
  xborder::Diagnostics diagnostics;
  const std::string input = source_file("tests/golden/red-notice.json");
  const auto signed_json = xborder::sign_xes(input, xborder::XesSyntax::json, xborder::SigningKey::from_pem(pem.private_key), diagnostics);
  ASSERT_TRUE(signed_json);
  const auto wrong = xborder::verify_xes(*signed_json, xborder::XesSyntax::json, xborder::VerifyingKey::from_pem(other.public_key), diagnostics);
  EXPECT_FALSE(wrong.valid);
  EXPECT_EQ(wrong.reason, "the signature does not match the content");
  EXPECT_FALSE(xborder::verify_xes(*signed_json, xborder::XesSyntax::json, xborder::VerifyingKey::from_pem(other_kind.public_key), diagnostics).valid);
  const auto verifier = xborder::VerifyingKey::from_pem(pem.public_key);
  EXPECT_EQ(xborder::verify_xes(input, xborder::XesSyntax::json, verifier, diagnostics).reason,
            "the message has no signature (header.signature)");
  // A member XES does not know, added after signing, is content too.
  std::string extended = *signed_json;
  extended.insert(extended.find("\"persons\""), "\"smuggled\":\"x\",");
  xborder::Diagnostics losses;
  EXPECT_FALSE(xborder::verify_xes(extended, xborder::XesSyntax::json, verifier, losses).valid);
  EXPECT_THROW(xborder::SigningKey::from_pem("not a key"), xborder::Error);
  EXPECT_THROW(xborder::SigningKey::from_pem(pem.public_key), xborder::Error);  // a public key cannot sign
}

INSTANTIATE_TEST_SUITE_P(Algorithms, Signature, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Ed25519" : "ES256"; });

}  // namespace
