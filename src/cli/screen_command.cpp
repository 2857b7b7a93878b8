// `xborder screen --list FILE... [--threshold T] [--top N] INPUT...`: every person of the inputs against
// the persons of the lists (any format xborder reads, converted to XES), one NDJSON line a person:
//   {"person": ID, "record": MESSAGE-ID, "matches": [{"id": ..., "list": ..., "score": s, "decision": ...,
//    "explanation": [...]}]}
// with the matches at or above the threshold, best first.

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "xborder/convert.hpp"
#include "xborder/screen.hpp"

namespace xborder::cli {
namespace {

struct ScreenSettings {
  std::vector<std::string> lists;
  std::vector<std::string> inputs;
  std::string from;  // format of the inputs and lists; empty: sniffed
  double threshold = kPersonMatch;
  std::size_t top = 10;
  bool explain = true;
};

// Reads every record of the named files (directories expanded) and hands each message on.
void read_messages(const Registry& registry, const std::string& from, const std::vector<std::string>& names,
                   const std::function<void(const std::string& file, const xes::Message&)>& on_message) {
  bool any_directory = false;
  const Converter converter = registry.converter(from, "");
  for (const auto& file : expand_inputs(names, any_directory)) {
    std::istringstream input(read_input(file));
    converter.convert(input, [&](Result&& result) {
      for (const auto& item : result.diagnostics.all()) {
        if (item.severity == Severity::error) std::cerr << "xborder: " << file << ": " << item.message << "\n";
      }
      for (const auto& message : result.messages) on_message(file, message);
      return true;
    });
  }
}

int run_screen(const Registry& registry, const ScreenSettings& settings) {
  screening::Index index;
  // The list's messages go into the index in batches, which it prepares on all cores.
  std::vector<xes::Message> batch;
  std::string batch_list;
  const auto add_batch = [&] {
    index.add(batch, batch_list);
    batch.clear();
  };
  read_messages(registry, settings.from, settings.lists, [&](const std::string& file, const xes::Message& message) {
    if (file != batch_list || batch.size() >= 16384) add_batch();
    batch_list = file;
    batch.push_back(message);
  });
  add_batch();
  const screening::Options options{.threshold = settings.threshold, .top = settings.top, .explain = settings.explain};
  std::string line;
  read_messages(registry, settings.from, settings.inputs.empty() ? std::vector<std::string>{"-"} : settings.inputs,
                [&](const std::string&, const xes::Message& message) {
                  const auto results = index.screen(message, options);
                  for (std::size_t p = 0; p < message.persons.size(); ++p) {
                    line = "{\"person\": " + json_string(message.persons[p].id) + ", \"record\": " +
                           json_string(message.header.message_id) + ", \"matches\": [";
                    const auto& matches = results[p];
                    for (std::size_t i = 0; i < matches.size(); ++i) {
                      const auto& match = matches[i];
                      char score[32];
                      std::snprintf(score, sizeof score, "%.4f", match.score);
                      line += std::string(i == 0 ? "" : ", ") + "{\"id\": " + json_string(match.id) +
                              ", \"list\": " + json_string(match.list) + ", \"score\": " + score +
                              ", \"decision\": " + json_string(to_string(match.decision)) + ", \"explanation\": [";
                      for (std::size_t j = 0; j < match.explanation.size(); ++j) {
                        line += (j == 0 ? "" : ", ") + json_string(match.explanation[j]);
                      }
                      line += "]}";
                    }
                    line += "]}\n";
                    std::cout << line;
                  }
                });
  return kOk;
}

}  // namespace

Command add_screen_command(CLI::App& app) {
  auto settings = std::make_shared<ScreenSettings>();
  auto* screen = app.add_subcommand("screen", "Screen the persons of records against lists of persons (NDJSON)");
  screen->add_option("--list", settings->lists,
                     "A file (or directory) of listed persons, any format xborder reads; repeat for more lists")
      ->required()
      ->allow_extra_args(false);
  screen->add_option("--threshold", settings->threshold, "Leave out matches scoring below (default 0.7)")
      ->check(CLI::Range(0.0, 1.0));
  screen->add_option("--top", settings->top, "At most this many matches a person (default 10)");
  screen->add_option("--from", settings->from, "Format of the lists and inputs (default: sniffed)");
  screen->add_flag("!--no-explain", settings->explain, "Leave the explanations out");
  screen->add_option("inputs", settings->inputs, "Records to screen (files or directories; - or none: stdin)");
  return {screen, [settings](const Registry& registry) { return run_screen(registry, *settings); }};
}

}  // namespace xborder::cli
