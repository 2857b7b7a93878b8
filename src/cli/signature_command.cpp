// xborder sign / xborder verify: XES messages signed as detached JWS in header.signature.

#include <iostream>
#include <memory>

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

}  // namespace

Command add_sign_command(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("sign", "Sign XES messages (Ed25519 or ECDSA P-256): each written with header.signature set, "
                                             "a detached JWS over its RFC 8785 canonical JSON");
  declare(command, *options, "PEM private key (Ed25519 or P-256)");
  return {command, [options](const Registry&) {
            const SigningKey key = SigningKey::from_pem(read_input(options->key));
            bool any_directory = false;
            const auto inputs = expand_inputs(options->inputs, any_directory);
            int status = kOk;
            for (const auto& input : inputs) {
              const std::string bytes = read_input(input);
              Diagnostics diagnostics;
              const auto signed_message =
                  sign_xes(bytes, xes_syntax_of(bytes), key, diagnostics);
              print_diagnostics(input, diagnostics);
              if (!signed_message) {
                status = kRejected;
                continue;
              }
              std::cout << *signed_message;
              if (signed_message->empty() || signed_message->back() != '\n') std::cout << "\n";
            }
            return status;
          }};
}

Command add_verify_command(CLI::App& app) {
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand("verify", "Check the signature of XES messages: each valid one is written out (exit 0); "
                                               "exit 1 with the reason for any that is not");
  declare(command, *options, "PEM public key (Ed25519 or P-256)");
  return {command, [options](const Registry&) {
            const VerifyingKey key = VerifyingKey::from_pem(read_input(options->key));
            bool any_directory = false;
            const auto inputs = expand_inputs(options->inputs, any_directory);
            int status = kOk;
            for (const auto& input : inputs) {
              const std::string bytes = read_input(input);
              Diagnostics diagnostics;
              const Verification verification =
                  verify_xes(bytes, xes_syntax_of(bytes), key, diagnostics);
              if (!verification.valid) {
                print_diagnostics(input, diagnostics);
                std::cerr << "xborder: " << input << ": signature not valid: " << verification.reason << "\n";
                status = kRejected;
                continue;
              }
              std::cout << bytes;
              if (bytes.empty() || bytes.back() != '\n') std::cout << "\n";
            }
            return status;
          }};
}

}  // namespace xborder::cli
