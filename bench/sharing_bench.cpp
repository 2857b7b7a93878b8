// Sharing under rules, against in-process baselines over the same messages:
//   release (a policy applied to XES JSON bytes: read, minimise, write, digest) vs XES JSON read + write of the
//   same bytes (target >= 0.50);
//   sign and verify of a 2 KB message (the red-notice example, compact) vs OpenSSL's signature alone over the
//   same signing input (absolute target: >= 10,000 messages/s each; the ratio is our overhead);
//   hit keys of a person vs names::key of the person's name alone (absolute target: >= 100,000 persons/s).

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <map>
#include <sstream>

#include "ratio_reporter.hpp"
#include "xborder/hitkey.hpp"
#include "xborder/names.hpp"
#include "xborder/release.hpp"
#include "xborder/signature.hpp"
#include "xborder/text.hpp"
#include "xborder/xes_io.hpp"

namespace {

using xborder::XesSyntax;

// An example message, compact XES JSON.
const std::string& message_text(const char* name) {
  static std::map<std::string, std::string> texts;
  auto& text = texts[name];
  if (text.empty()) {
    std::ifstream file(std::string(XBORDER_SOURCE_DIR) + "/examples/data/" + name + ".json");
    std::stringstream raw;
    raw << file.rdbuf();
    xborder::Diagnostics diagnostics;
    text = *xborder::write_xes(*xborder::read_xes(raw.str(), XesSyntax::json, diagnostics), XesSyntax::json, diagnostics);
  }
  return text;
}

void BM_XesJsonReadWrite(benchmark::State& state) {
  const std::string& text = message_text("arrest-booking");
  for (auto _ : state) {
    xborder::Diagnostics diagnostics;
    auto message = xborder::read_xes(text, XesSyntax::json, diagnostics);
    auto out = xborder::write_xes(*message, XesSyntax::json, diagnostics);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_Release(benchmark::State& state, const char* policy) {
  const std::string& text = message_text("arrest-booking");
  const auto& policies = xborder::ReleasePolicies::builtin();
  xborder::ReleaseRequest request;
  request.time = "2026-12-05T04:00:00Z";
  for (auto _ : state) {
    xborder::Diagnostics diagnostics;
    auto release = policies.release(policy, text, XesSyntax::json, request, diagnostics);
    if (!release.output) state.SkipWithError("not released");
    benchmark::DoNotOptimize(release);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

EVP_PKEY* generated_key(bool ed25519) {
  static EVP_PKEY* ed = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  static EVP_PKEY* ec = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  return ed25519 ? ed : ec;
}

std::string pem_of(EVP_PKEY* key, bool private_part) {
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
}

void BM_RawSign(benchmark::State& state, bool ed25519) {
  const std::string& text = message_text("red-notice");
  EVP_PKEY* key = generated_key(ed25519);
  unsigned char signature[128];
  for (auto _ : state) {
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    std::size_t length = sizeof signature;
    EVP_DigestSignInit(context, nullptr, ed25519 ? nullptr : EVP_sha256(), nullptr, key);
    EVP_DigestSign(context, signature, &length, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    EVP_MD_CTX_free(context);
    benchmark::DoNotOptimize(signature);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Sign(benchmark::State& state, bool ed25519) {
  const std::string& text = message_text("red-notice");
  const auto key = xborder::SigningKey::from_pem(pem_of(generated_key(ed25519), true));
  for (auto _ : state) {
    xborder::Diagnostics diagnostics;
    auto signed_message = xborder::sign_xes(text, XesSyntax::json, key, diagnostics);
    benchmark::DoNotOptimize(signed_message);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes"] = static_cast<double>(text.size());
}

void BM_RawVerify(benchmark::State& state, bool ed25519) {
  const std::string& text = message_text("red-notice");
  EVP_PKEY* key = generated_key(ed25519);
  unsigned char signature[128];
  std::size_t length = sizeof signature;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestSignInit(context, nullptr, ed25519 ? nullptr : EVP_sha256(), nullptr, key);
  EVP_DigestSign(context, signature, &length, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  EVP_MD_CTX_free(context);
  for (auto _ : state) {
    EVP_MD_CTX* verify = EVP_MD_CTX_new();
    EVP_DigestVerifyInit(verify, nullptr, ed25519 ? nullptr : EVP_sha256(), nullptr, key);
    const int ok = EVP_DigestVerify(verify, signature, length, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    EVP_MD_CTX_free(verify);
    if (ok != 1) state.SkipWithError("raw verify failed");
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Verify(benchmark::State& state, bool ed25519) {
  const std::string& text = message_text("red-notice");
  xborder::Diagnostics diagnostics;
  const auto signed_message = *xborder::sign_xes(
      text, XesSyntax::json, xborder::SigningKey::from_pem(pem_of(generated_key(ed25519), true)), diagnostics);
  const auto key = xborder::VerifyingKey::from_pem(pem_of(generated_key(ed25519), false));
  for (auto _ : state) {
    xborder::Diagnostics each;
    if (!xborder::verify_xes(signed_message, XesSyntax::json, key, each).valid) state.SkipWithError("not valid");
  }
  state.SetItemsProcessed(state.iterations());
}

// Persons as sanctions lists and registers hold them: Cyrillic and Latin names with dates of birth.
std::vector<xborder::xes::Person> persons() {
  static const char* const kNames[] = {"Иванов Иван Иванович", "Щербакова Юлия", "IVANOV IVAN", "Muhammad Ali Khan",
                                       "Жуков Георгий Константинович", "SHCHERBAKOVA IULIIA", "John Quincy Doe",
                                       "Тимошенко Юлия Владимировна"};
  std::vector<xborder::xes::Person> out;
  for (const char* name : kNames) {
    xborder::xes::Person person;
    person.id = "p";
    person.names.push_back({.full = name});
    person.birth_date = "1970-05-17";
    person.identifiers.push_back({"passport", "AB1234567", "", ""});
    out.push_back(person);
  }
  return out;
}

void BM_NamesKey(benchmark::State& state) {
  const auto people = persons();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(xborder::names::key(people[i++ % people.size()].names[0].full));
  state.SetItemsProcessed(state.iterations());
}

void BM_HitKeys(benchmark::State& state) {
  const auto people = persons();
  const xborder::HitKeys hit_keys("bench secret");
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(hit_keys.keys(people[i++ % people.size()]));
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_XesJsonReadWrite);
BENCHMARK_CAPTURE(BM_Release, identification_only, "identification-only")->Name("BM_ReleaseIdentificationOnly");
BENCHMARK_CAPTURE(BM_Release, interpol_diffusion, "interpol-diffusion")->Name("BM_ReleaseInterpolDiffusion");
BENCHMARK_CAPTURE(BM_RawSign, ed25519, true)->Name("BM_RawSignEd25519");
BENCHMARK_CAPTURE(BM_Sign, ed25519, true)->Name("BM_SignEd25519");
BENCHMARK_CAPTURE(BM_RawVerify, ed25519, true)->Name("BM_RawVerifyEd25519");
BENCHMARK_CAPTURE(BM_Verify, ed25519, true)->Name("BM_VerifyEd25519");
BENCHMARK_CAPTURE(BM_RawSign, es256, false)->Name("BM_RawSignES256");
BENCHMARK_CAPTURE(BM_Sign, es256, false)->Name("BM_SignES256");
BENCHMARK_CAPTURE(BM_RawVerify, es256, false)->Name("BM_RawVerifyES256");
BENCHMARK_CAPTURE(BM_Verify, es256, false)->Name("BM_VerifyES256");
BENCHMARK(BM_NamesKey);
BENCHMARK(BM_HitKeys);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  xborder::bench::RatioReporter reporter({{"BM_ReleaseIdentificationOnly", "BM_XesJsonReadWrite", 0.50},
                                          {"BM_ReleaseInterpolDiffusion", "BM_XesJsonReadWrite", 0.50},
                                          {"BM_SignEd25519", "BM_RawSignEd25519", 0},
                                          {"BM_VerifyEd25519", "BM_RawVerifyEd25519", 0},
                                          {"BM_SignES256", "BM_RawSignES256", 0},
                                          {"BM_VerifyES256", "BM_RawVerifyES256", 0},
                                          {"BM_HitKeys", "BM_NamesKey", 0}});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
