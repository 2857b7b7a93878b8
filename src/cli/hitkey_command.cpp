// xborder hitkey: pseudonymised hit/no-hit keys of every person of XES messages, as NDJSON.

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "xborder/convert.hpp"
#include "xborder/hitkey.hpp"

namespace xborder::cli {

Command add_hitkey_command(CLI::App& app) {
  struct Options {
    std::string secret_file, from;
    std::vector<std::string> inputs;
  };
  auto options = std::make_shared<Options>();
  auto* command = app.add_subcommand(
      "hitkey", "Hit/no-hit keys of every person of every record (HMAC-SHA-256 under a shared secret over script-independent name keys "
                "with the date of birth, and document numbers): one JSON line a person, {\"person\", \"keys\"}");
  command->add_option("--secret-file", options->secret_file, "The secret both parties share")->required();
  command->add_option("--from", options->from, "Format of the inputs (default: sniffed per input)");
  command->add_option("inputs", options->inputs, "Files or directories in any readable format (XES, NDJSON, national "
                                                 "exports, EBTS, MRZ, ...); - for standard input")->required();
  return {command, [options](const Registry& registry) {
            std::string secret = read_input(options->secret_file);
            while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
            if (secret.empty()) throw UsageError("the secret file '" + options->secret_file + "' is empty");
            const HitKeys hit_keys(secret);
            const Converter reader = registry.converter(options->from, "");
            bool any_directory = false;
            int status = kOk;
            std::string lines;
            for (const auto& input : expand_inputs(options->inputs, any_directory)) {
              const Result read = reader.convert(read_input(input));
              if (!read.ok()) {  // losses of the conversion do not concern the keys: errors only
                print_diagnostics(input, read.diagnostics);
                status = kRejected;
              }
              lines.clear();
              for (const auto& message : read.messages) {
                for (const auto& person : hit_keys.of(message)) lines.append(person.to_json()).append(1, '\n');
              }
              std::cout << lines;
            }
            return status;
          }};
}

}  // namespace xborder::cli
