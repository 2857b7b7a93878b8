// xborder policies / xborder release: the release policies, and a message minimised under one of them.

#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "xborder/release.hpp"

namespace xborder::cli {
namespace {

// The built-in policies, or a mappings directory's over them, with policy files of one's own added.
std::unique_ptr<ReleasePolicies> load_policies(const CLI::App& app, const std::vector<std::string>& files) {
  auto policies = std::make_unique<ReleasePolicies>(root_option(app, "--mappings-dir"));
  for (const auto& file : files) policies->add_file(file);
  return policies;
}

}  // namespace

Command add_policies_command(CLI::App& app) {
  auto* command = app.add_subcommand("policies", "List the release policies: id, version, recipient, handling codes, description");
  auto files = std::make_shared<std::vector<std::string>>();
  command->add_option("--policy-file", *files, "A policy file of one's own (checked like the built-in ones)");
  return {command, [command, files](const Registry&) {
            for (const auto& policy : load_policies(*command, *files)->list()) {
              std::string handling;
              for (const auto& code : policy.handling) handling += (handling.empty() ? "" : ",") + code;
              std::cout << policy.id << "\t" << policy.version << "\t" << policy.recipient << "\t" << handling << "\t"
                        << policy.description << "\n";
            }
            return kOk;
          }};
}

Command add_release_command(CLI::App& app) {
  struct Options {
    std::string policy, record_path, key_file;
    std::vector<std::string> files, inputs;
    ReleaseRequest request;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "release", "Minimise XES messages under a release policy (standard output; one line each for several) and "
                 "record what was withheld and transformed; exit 1 when a condition refuses a message");
  command->add_option("--policy", options->policy, "Policy id (xborder policies)")->required();
  command->add_option("--recipient", options->request.recipient, "Who receives it (default: the policy's recipient)");
  command->add_option("--purpose", options->request.purpose, "Why (default: the policy's purpose)");
  command->add_option("--time", options->request.time, "UTC time of the release for the record (default: now)");
  command->add_option("--record", options->record_path, "Write the release records here (one JSON line a message)");
  command->add_option("--hash-key-file", options->key_file, "The secret the policy's hash rules use (HMAC-SHA-256)");
  command->add_option("--policy-file", options->files, "A policy file of one's own");
  command->add_option("inputs", options->inputs, "XES JSON or XML files or directories; - for standard input")->required();
  return {command, [command, options](const Registry&) {
            const auto policies = load_policies(*command, options->files);
            ReleaseRequest request = options->request;
            if (!options->key_file.empty()) {
              request.hash_key = read_input(options->key_file);
              while (!request.hash_key.empty() && (request.hash_key.back() == '\n' || request.hash_key.back() == '\r')) {
                request.hash_key.pop_back();
              }
              if (request.hash_key.empty()) throw UsageError("the key file '" + options->key_file + "' is empty");
            }
            std::optional<std::ofstream> record_file;
            if (!options->record_path.empty()) {
              record_file.emplace(options->record_path, std::ios::binary);
              if (!*record_file) throw UsageError("cannot write '" + options->record_path + "'");
            }
            bool any_directory = false;
            const auto inputs = expand_inputs(options->inputs, any_directory);
            int status = kOk;
            for (const auto& input : inputs) {
              const std::string bytes = read_input(input);
              const auto messages = xes_messages(input, bytes);
              for (const auto& [label, text] : messages) {
                Diagnostics diagnostics;
                const Release release = policies->release(options->policy, text, xes_syntax_of(text), request, diagnostics);
                print_diagnostics(label, diagnostics);
                if (record_file) *record_file << release.record.to_json() << "\n";
                if (!release.output) {
                  for (const auto& line : release.record.conditions) std::cerr << "xborder: " << label << ": " << line << "\n";
                  std::cerr << "xborder: " << label << ": not released under " << options->policy << "\n";
                  status = kRejected;
                  continue;
                }
                std::cout << *release.output;
                const bool several = inputs.size() > 1 || messages.size() > 1;
                if (several || release.output->empty() || release.output->back() != '\n') std::cout << "\n";
              }
            }
            if (record_file && !record_file->flush()) throw UsageError("cannot write '" + options->record_path + "'");
            return status;
          }};
}

}  // namespace xborder::cli
