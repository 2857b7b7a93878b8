// xborder sign / xborder verify: XES messages signed as detached JWS in header.signature.

#include <functional>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "xborder/signature.hpp"

namespace xborder::cli {
namespace {

struct Options {
  std::string key;
  std::vector<std::string> inputs;
};

void declare(CLI::App* command, Options& options, const char* key_help) {
  command->add_option("--key", options.key, key_help)->required();
  command->add_option("inputs", options.inputs, "XES JSON or XML files or directories; - for standard input")->required();
}

// Runs `one` on each message of the inputs (each line of NDJSON) and writes what it gives, a line end closing it; an input it gives nothing
// for (it has said why) makes the exit status kRejected.
using OneMessage = std::function<std::optional<std::string>(const std::string& input, std::string bytes)>;
int each_message(const Options& options, const OneMessage& one) {
  bool any_directory = false;
  int status = kOk;
  for (const auto& input : expand_inputs(options.inputs, any_directory)) {
    const std::string bytes = read_input(input);
    for (const auto& [label, text] : xes_messages(input, bytes)) {
      const auto out = one(label, std::string(text));
      if (!out) {
        status = kRejected;
        continue;
      }
      std::cout << *out;
      if (out->empty() || out->back() != '\n') std::cout << "\n";
    }
  }
  return status;
}

}  // namespace

Command add_sign_command(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("sign", "Sign XES messages (Ed25519 or ECDSA P-256): each written with header.signature set, "
                                             "a detached JWS over its RFC 8785 canonical JSON");
  declare(command, *options, "PEM private key (Ed25519 or P-256)");
  return {command, [options](const Registry&) {
            const SigningKey key = SigningKey::from_pem(read_input(options->key));
            return each_message(*options, [&](const std::string& input, std::string bytes) {
              Diagnostics diagnostics;
              auto signed_message = sign_xes(bytes, xes_syntax_of(bytes), key, diagnostics);
              print_diagnostics(input, diagnostics);
              return signed_message;
            });
          }};
}

Command add_verify_command(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("verify", "Check the signature of XES messages: each valid one is written out (exit 0); "
                                               "exit 1 with the reason for any that is not");
  declare(command, *options, "PEM public key (Ed25519 or P-256)");
  return {command, [options](const Registry&) {
            const VerifyingKey key = VerifyingKey::from_pem(read_input(options->key));
            return each_message(*options, [&](const std::string& input, std::string bytes) -> std::optional<std::string> {
              Diagnostics diagnostics;
              const Verification verification = verify_xes(bytes, xes_syntax_of(bytes), key, diagnostics);
              if (verification.valid) return bytes;
              print_diagnostics(input, diagnostics);
              std::cerr << "xborder: " << input << ": signature not valid: " << verification.reason << "\n";
              return std::nullopt;
            });
          }};
}

}  // namespace xborder::cli
