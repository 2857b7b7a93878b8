// xborder: the command-line face of the SDK.
// Exit codes: 0 success, 1 input rejected or invalid, 2 usage error. Messages go to stderr.

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>

#include "xborder/categories.hpp"
#include "xborder/convert.hpp"
#include "xborder/coverage.hpp"
#include "xborder/dates.hpp"
#include "xborder/mrz.hpp"
#include "xborder/names.hpp"
#include "xborder/release.hpp"
#include "xborder/text.hpp"
#include "xborder/xes.hpp"
#include "xborder/xes_io.hpp"

#include "commands.hpp"

namespace fs = std::filesystem;

namespace {

using namespace xborder::cli;

class Progress {
 public:
  explicit Progress(std::size_t total) : total_(total), enabled_(total > 1 && isatty(STDERR_FILENO)) {}
  void step(std::size_t done) const {
    if (!enabled_) return;
    constexpr std::size_t kWidth = 40;
    const std::size_t filled = kWidth * done / total_;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] " << done << "/"
              << total_ << (done == total_ ? "\n" : "") << std::flush;
  }

 private:
  std::size_t total_;
  bool enabled_;
};

void write_text(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  if (!file) throw UsageError("cannot write '" + path + "'");
  file << text;
}

// Entity totals over the converted messages, and each profile's semantic coverage, for --summary.
class Summary {
 public:
  // Each profile's declared list-level metadata: counted apart from the typed share.
  explicit Summary(const xborder::Registry& registry) {
    for (auto& profile : registry.profiles()) metadata_[profile.id] = std::move(profile.metadata);
  }

  void add(const xborder::xes::Message& message) {
    if (message.header.source && !message.header.source->profile.empty()) {
      const std::string& profile = message.header.source->profile;
      static const std::vector<std::string> none;
      const auto declared = metadata_.find(profile);
      coverage_[profile].add(message, declared == metadata_.end() ? none : declared->second);
    }
    const std::size_t counts[] = {message.persons.size(),   message.documents.size(),     message.offences.size(),
                                  message.notices.size(),   message.warrants.size(),      message.biometrics.size(),
                                  message.vehicles.size(),  message.objects.size(),       message.organisations.size(),
                                  message.locations.size(), message.relations.size()};
    for (std::size_t i = 0; i < std::size(counts); ++i) totals_[i] += counts[i];
  }
  // Counts only: a long stream's diagnostics are not kept for the summary.
  void count(const xborder::Diagnostics& diagnostics) {
    for (const auto& item : diagnostics.all()) {
      ++(item.severity == xborder::Severity::error ? errors_ : item.severity == xborder::Severity::warning ? warnings_ : losses_);
    }
  }
  void count_losses(const std::string& profile, const xborder::Diagnostics& diagnostics) {
    if (!profile.empty()) coverage_[profile].add_losses(diagnostics);
  }
  void print(std::size_t inputs, std::size_t rejected) const {
    static constexpr const char* kNames[] = {"persons",  "documents", "offences",      "notices",
                                             "warrants", "biometrics", "vehicles",     "objects",
                                             "organisations", "locations", "relations"};
    std::cerr << "xborder: " << inputs - rejected << " of " << inputs << " records converted; "
              << errors_ << " errors, " << warnings_ << " warnings, " << losses_ << " losses\nxborder: entities:";
    for (std::size_t i = 0; i < std::size(kNames); ++i) {
      if (totals_[i] > 0) std::cerr << " " << kNames[i] << " " << totals_[i];
    }
    std::cerr << "\n";
    for (const auto& [profile, coverage] : coverage_) {
      std::cerr << "xborder: coverage " << profile << ": " << coverage.to_string() << "\n";
    }
  }

 private:
  std::size_t totals_[11] = {};
  std::size_t errors_ = 0, warnings_ = 0, losses_ = 0;

 public:
  // The report's "coverage" member: per profile, {"typed": n, "extensions": n, "losses": n, "metadata": n,
  // "typed_share": x}.
  std::string coverage_json() const {
    std::string out = "{";
    for (const auto& [profile, coverage] : coverage_) {
      char share[32];
      std::snprintf(share, sizeof share, "%.4f", coverage.typed_share());
      out += std::string(out.size() > 1 ? "," : "") + "\"" + profile + "\":{\"typed\":" + std::to_string(coverage.typed) +
             ",\"extensions\":" + std::to_string(coverage.extensions) + ",\"losses\":" + std::to_string(coverage.losses) +
             ",\"metadata\":" + std::to_string(coverage.metadata) + ",\"typed_share\":" + share + "}";
    }
    return out + "}";
  }

 private:
  std::map<std::string, xborder::Coverage> coverage_;  // by profile: source values typed, in extensions, lost
  std::map<std::string, std::vector<std::string>> metadata_;  // by profile: its declared metadata paths
};

// Opens an input as a stream: files directly (seekable, so their format can be sniffed), standard input
// read into memory first.
class Input {
 public:
  explicit Input(const std::string& name) : name_(name) {
    if (name == "-") {
      memory_ = std::make_unique<std::istringstream>(
          std::string{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()});
      return;
    }
    file_ = std::make_unique<std::ifstream>(name, std::ios::binary);
    if (!*file_) throw UsageError("cannot open '" + name + "'");
  }
  std::istream& stream() { return file_ ? static_cast<std::istream&>(*file_) : *memory_; }

 private:
  std::string name_;
  std::unique_ptr<std::ifstream> file_;
  std::unique_ptr<std::istringstream> memory_;
};

// Output of `convert`: XES JSON is NDJSON, one compact message a line, however many messages the inputs
// hold. With --pretty, the first message is held back: if it stays the only one it is written indented;
// once a second one comes, the run is NDJSON after all and it is written as the line it is.
class ConvertOutput {
 public:
  ConvertOutput(std::ostream& out, bool pretty, xborder::XesSyntax syntax) : out_(out), pretty_(pretty), syntax_(syntax) {}

  void write(xborder::Result&& result) {
    if (pretty_ && !streaming_) {
      if (!held_ && result.messages.size() == 1) {
        held_ = std::move(result.messages.front());
        held_output_ = std::move(result.output);
        return;
      }
      if (result.messages.empty()) return;
      streaming_ = true;
      std::cerr << "xborder: --pretty indents a single message; several are written as NDJSON\n";
      flush_held(false);
    }
    put(result.output);
  }

  void finish() {
    flush_held(pretty_);
    // An XES XML document written without a final line break gets one; other formats' bytes stay as written.
    if (syntax_ == xborder::XesSyntax::xml && !last_was_newline_) out_ << '\n';
    if (!out_.flush()) throw std::runtime_error("the output could not be written (disk full?)");
  }

 private:
  void flush_held(bool indented) {
    if (!held_) return;
    std::optional<std::string> text;
    if (indented) {
      xborder::Diagnostics ignored;  // the same message was written compactly without errors
      text = xborder::write_xes(*held_, syntax_, ignored, {.pretty = true});
    }
    put(text ? *text : held_output_);
    held_.reset();
  }
  void put(const std::string& text) {
    if (text.empty()) return;
    out_ << text;
    last_was_newline_ = text.back() == '\n';
  }

  std::ostream& out_;
  bool pretty_;
  xborder::XesSyntax syntax_;
  bool streaming_ = false;
  bool last_was_newline_ = true;
  std::optional<xborder::xes::Message> held_;
  std::string held_output_;
};

int run_convert(const xborder::Registry& registry, const std::string& from, const std::string& to,
                const std::string& out_path, const std::string& report_path, bool strict, bool summarise,
                bool pretty, const std::string& created, const std::vector<std::string>& limit_settings,
                const std::vector<std::string>& names) {
  bool any_directory = false;
  const std::vector<std::string> inputs = expand_inputs(names.empty() ? std::vector<std::string>{"-"} : names,
                                                        any_directory);
  const bool stream = inputs.size() > 1 || any_directory;
  if (stream && to != "xes-json" && to.rfind("tabular:", 0) != 0) {
    throw UsageError("several inputs stream as NDJSON or rows: use --to xes-json or a tabular format");
  }
  if (pretty && to != "xes-json" && to != "xes-xml") throw UsageError("--pretty indents XES only (xes-json, xes-xml)");
  xborder::Limits limits;
  for (const auto& setting : limit_settings) {  // NAME=N
    const auto equals = setting.find('=');
    std::size_t value = 0;
    const char* const end = setting.data() + setting.size();
    const bool number = equals != std::string::npos && equals + 1 < setting.size() &&
                        std::from_chars(setting.data() + equals + 1, end, value).ptr == end;
    if (!number || !limits.set(std::string_view(setting).substr(0, equals), value)) {
      throw UsageError("--limit takes NAME=N with NAME one of input_bytes, records, fields, value_bytes, path_bytes, "
                       "depth, diagnostics; not '" + setting + "'");
    }
  }
  const xborder::Converter converter =
      registry.converter(from, to, {.strict = strict, .pretty = false, .created = created, .limits = limits});

  std::ofstream out_file;
  if (!out_path.empty() && out_path != "-") {
    out_file.open(out_path, std::ios::binary);
    if (!out_file) throw UsageError("cannot write '" + out_path + "'");
  }
  ConvertOutput out(out_file.is_open() ? out_file : std::cout, pretty,
                    to == "xes-xml" ? xborder::XesSyntax::xml : xborder::XesSyntax::json);  // json: any non-XML

  xborder::Diagnostics report;
  const Progress progress(inputs.size());
  std::size_t records = 0, rejected = 0;
  Summary summary(registry);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Input input(inputs[i]);
    converter.convert(input.stream(), [&](xborder::Result&& result) {
      ++records;
      print_diagnostics(inputs[i], result.diagnostics);
      summary.count(result.diagnostics);
      if (!report_path.empty()) {  // kept only for --report: a long stream's would grow without bound
        for (auto item : result.diagnostics.all()) {
          if (stream) item.path = inputs[i] + "#" + item.path;
          report.add(std::move(item));
        }
      }
      if (result.ok()) {
        for (const auto& message : result.messages) summary.add(message);
        if (!result.messages.empty() && result.messages[0].header.source) {
          summary.count_losses(result.messages[0].header.source->profile, result.diagnostics);
        }
        out.write(std::move(result));
      } else {
        ++rejected;
      }
      return true;
    });
    progress.step(i + 1);
  }
  out.finish();
  if (!report_path.empty()) {  // the diagnostics, and each profile's semantic coverage
    std::string json = report.to_json();
    json.pop_back();  // the closing brace of the diagnostics' object
    write_text(report_path, json + ",\"coverage\":" + summary.coverage_json() + "}\n");
  }
  if (summarise) summary.print(records, rejected);
  return rejected == 0 ? kOk : kRejected;
}

int run_inspect(const xborder::Registry& registry, const std::string& from, const std::string& name) {
  Input input(name);
  const auto diagnostics = registry.inspect(input.stream(), from, [](const xborder::FieldTree& tree) {
    std::cout << tree.label << "\t@" << tree.offset << "\t" << tree.raw.size() << " bytes\n";
    for (const auto& field : tree.fields) {
      std::cout << "  " << field.path << "\t@" << field.offset << "\t" << field.raw.size() << "\t";
      if (field.binary) {
        std::cout << "<" << field.raw.size() << " bytes binary>";
      } else {
        std::cout << field.text;
      }
      std::cout << "\n";
    }
    return true;
  });
  print_diagnostics(name, diagnostics);
  return diagnostics.has_errors() ? kRejected : kOk;
}

// `mrz check`: the validation report as JSON; exit 0 when the zone is valid, 1 when not.
int run_mrz_check(const std::string& name, bool lenient, const std::string& reference_date) {
  Input input(name);
  const std::string text{std::istreambuf_iterator<char>(input.stream()), std::istreambuf_iterator<char>()};
  if (text.size() > (1u << 20)) throw UsageError("'" + name + "' is larger than 1 MiB: not a machine-readable zone");
  const auto report = xborder::mrz::read(text, {.lenient = lenient, .reference_date = reference_date, .positions = false});
  std::cout << report.to_json() << "\n";
  return report.valid() ? kOk : kRejected;
}

// `translit`: each text (or each line of standard input) in the scheme's form, one line each.
int run_translit(const xborder::Transliteration& transliteration, const std::string& scheme,
                 const std::vector<std::string>& texts) {
  if (!texts.empty()) {
    for (const auto& text : texts) std::cout << transliteration.apply(text, scheme) << "\n";
    return kOk;
  }
  for (std::string line; std::getline(std::cin, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::cout << transliteration.apply(line, scheme) << "\n";
  }
  return kOk;
}

// `charset detect|decode`: guesses with confidence, or the text as UTF-8 with each invalid byte sequence's
// offset on stderr (exit 1 when decoding stopped at one).
int run_charset(const std::string& action, const std::string& charset, bool replace, const std::string& replacement,
                const std::string& input) {
  const std::string bytes = read_input(input);
  if (action == "detect") {
    for (const auto& guess : xborder::detect_charsets(bytes)) std::cout << guess.name << "\t" << guess.confidence << "\n";
    return kOk;
  }
  if (action != "decode") throw UsageError("charset takes detect or decode, not '" + action + "'");
  if (charset.empty()) throw UsageError("charset decode needs --from CHARSET");
  const auto decoded = xborder::decode(
      bytes, charset, {replace ? xborder::OnInvalid::replace : xborder::OnInvalid::stop, replacement});
  std::cout << decoded.text;
  for (const auto offset : decoded.invalid) {
    std::cerr << input << ": byte offset " << offset << ": not valid " << charset << (replace ? ", replaced" : "") << "\n";
  }
  return decoded.complete() || replace ? kOk : kRejected;
}

struct NameMatching {
  std::string list;  // file of candidate names, one a line
  double threshold = 0.65;
  std::size_t top = 5;
};

// `names match --list FILE NAME...`: each name's best candidates of the list, "score<TAB>name<TAB>candidate",
// strongest first. The list is prepared once, so a long list costs its romanisation once.
int run_names_match(const NameMatching& matching, const std::vector<std::string>& queries) {
  namespace names = xborder::names;
  Input input(matching.list);
  std::vector<std::pair<std::string, names::Prepared>> candidates;
  for (std::string line; std::getline(input.stream(), line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) candidates.emplace_back(line, names::Prepared(line));
  }
  for (const auto& query : queries) {
    const names::Prepared prepared(query);
    std::vector<std::pair<double, const std::string*>> found;
    for (const auto& [name, candidate] : candidates) {
      const double score = names::similarity(prepared, candidate);
      if (score >= matching.threshold) found.emplace_back(score, &name);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (found.size() > matching.top) found.resize(matching.top);
    for (const auto& [score, name] : found) std::printf("%.3f\t%s\t%s\n", score, query.c_str(), name->c_str());
  }
  return kOk;
}

// `names key|variants|compare|script|match`.
int run_names(const std::string& action, const std::vector<std::string>& texts, const NameMatching& matching) {
  namespace names = xborder::names;
  if (action == "compare") {
    if (texts.size() != 2) throw UsageError("names compare takes two names");
    // {"score": ..., "match": ..., "explanation": [...]}: the structured comparison (docs/matching.md)
    const auto result = names::compare(texts[0], texts[1]);
    std::printf("{\"score\": %.4f, \"match\": %s, \"explanation\": [", result.score, result.match ? "true" : "false");
    for (std::size_t i = 0; i < result.explanation.size(); ++i) {
      std::cout << (i == 0 ? "" : ", ") << json_string(result.explanation[i]);
    }
    std::cout << "]}\n";
    return kOk;
  }
  if (action == "match") {
    if (matching.list.empty()) throw UsageError("names match needs --list FILE");
    return run_names_match(matching, texts);
  }
  for (const auto& text : texts) {
    if (action == "key") {
      std::cout << names::key(text) << "\n";
    } else if (action == "variants") {
      for (const auto& variant : names::variants(text)) std::cout << variant << "\n";
    } else if (action == "script") {
      const auto info = names::script(text);
      std::cout << info.code << (info.mixed ? " mixed" : "") << "\n";
    } else {
      throw UsageError("names: key, variants, compare, script or match");
    }
  }
  return kOk;
}

// `date --calendar C Y-M-D`: the Gregorian date; `--to C` the other way.
int run_date(const std::string& calendar, const std::string& era, const std::string& target, const std::string& layout,
             const std::string& date) {
  namespace dates = xborder::dates;
  if (!layout.empty()) {
    // A national layout: the XES partial date (a range for a year or month of another calendar).
    std::string why;
    const auto parsed = dates::DateLayout(layout, 30, calendar == "gregorian" ? "" : calendar).parse(date, &why);
    if (!parsed) {
      std::cerr << "xborder: '" << date << "' does not fit " << layout << ": " << why << "\n";
      return kRejected;
    }
    std::cout << parsed->to_string() << "\n";
    return kOk;
  }
  if (!target.empty()) {
    const auto converted = dates::from_gregorian(date, target);
    std::cout << (converted.era.empty() ? "" : converted.era + " ") << converted.year << "-" << converted.month << "-"
              << converted.day << "\n";
    return kOk;
  }
  int year = 0, month = 0, day = 0;
  if (std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day) != 3) throw UsageError("a date is YEAR-MONTH-DAY");
  std::cout << dates::to_gregorian({calendar, era, year, month, day}) << "\n";
  return kOk;
}

int run_category(const xborder::Categories& categories, const std::string& query, const std::string& target,
                 bool explain) {
  const auto colon = query.find(':');
  if (colon == std::string::npos) throw UsageError("give SYSTEM:CODE, e.g. nibrs:09A");
  const std::string system = query.substr(0, colon), code = query.substr(colon + 1);
  if (!categories.has(system, code)) {
    std::cerr << "xborder: " << query << " is not a known code\n";
    return kRejected;
  }
  std::vector<std::string> targets{target};
  if (target.empty()) targets = {"iccs", "ecris", "eaw"};
  for (const auto& to : targets) {
    if (to == system) continue;
    for (const auto& candidate : categories.translate(system, code, to)) {
      if (explain) {
        std::cout << categories.explain(candidate) << "\n";
        continue;
      }
      std::cout << "{\"system\":" << json_string(candidate.system) << ",\"code\":" << json_string(candidate.code)
                << ",\"title\":" << json_string(candidate.title) << ",\"relation\":"
                << json_string(xborder::relation_name(candidate.relation)) << ",\"path\":[";
      for (std::size_t i = 0; i < candidate.path.size(); ++i) {
        const auto& step = candidate.path[i];
        std::cout << (i ? "," : "") << "{\"system\":" << json_string(step.system) << ",\"code\":"
                  << json_string(step.code) << ",\"relation\":" << json_string(xborder::relation_name(step.relation))
                  << ",\"via\":" << json_string(step.via) << "}";
      }
      std::cout << "]}\n";
    }
  }
  return kOk;
}

// Loads every data file the way the library does: profiles with their code tables, classification systems
// and crosswalks, transliteration tables and rule files. The build runs it over the embedded mappings, so a
// broken table fails the build; vendors run it over their own directory before shipping it.
int run_check_mappings(const std::string& mappings_dir, const std::vector<std::string>& profile_dirs) {
  try {
    const xborder::Registry registry(xborder::RegistryOptions{mappings_dir, {profile_dirs.begin(), profile_dirs.end()}});
    const xborder::Categories categories(mappings_dir);
    const xborder::Transliteration transliteration(mappings_dir);
    const xborder::ReleasePolicies policies(mappings_dir);
    std::size_t codes = 0;
    for (const auto& system : categories.systems()) codes += system.codes;
    std::cout << "mappings" << (mappings_dir.empty() ? "" : " " + mappings_dir) << ": " << registry.profiles().size()
              << " profiles, " << categories.systems().size() << " classification systems (" << codes << " codes), "
              << transliteration.schemes().size() << " transliteration schemes, " << policies.list().size()
              << " release policies: valid\n";
    return kOk;
  } catch (const xborder::Error& e) {
    std::cerr << "xborder: mappings: " << e.what() << "\n";
    return kRejected;
  }
}

int run_validate(const xborder::Registry& registry, const std::vector<std::string>& names) {
  bool any_directory = false;
  int status = kOk;
  for (const auto& input : expand_inputs(names, any_directory)) {
    const xborder::Diagnostics diagnostics = registry.validate(read_input(input));
    print_diagnostics(input, diagnostics);
    if (diagnostics.has_errors()) {
      status = kRejected;
    } else {
      std::cout << input << ": valid\n";
    }
  }
  return status;
}

int run(int argc, char** argv) {
  CLI::App app{"xborder: convert law-enforcement records between national and international formats"};
  app.require_subcommand(1);
  std::string mappings_dir;
  std::vector<std::string> profile_dirs;
  app.add_option("--mappings-dir", mappings_dir, "Directory whose files override the embedded mappings/")
      ->check(CLI::ExistingDirectory);
  app.add_option("--profile-dir", profile_dirs, "Directory of further profiles (*.json) and their code tables")
      ->check(CLI::ExistingDirectory);

  auto* formats = app.add_subcommand("formats", "List the formats: id, read/write, description");
  auto* profiles = app.add_subcommand("profiles", "List the profiles: format id, description, file");

  auto* inspect = app.add_subcommand("inspect", "Print each record's fields with paths and byte offsets");
  std::string inspect_from, inspect_input;
  inspect->add_option("--from", inspect_from, "Format id (codec:profile); default: sniffed");
  inspect->add_option("input", inspect_input, "Input file; - for standard input")->required();

  auto* convert = app.add_subcommand("convert", "Convert records; XES JSON is written as NDJSON, one message a line");
  std::string from, to = "xes-json", out_path, report_path, created;
  bool strict = false, summarise = false, ndjson = false, pretty = false;
  std::vector<std::string> convert_inputs;
  convert->add_option("--from", from, "Source format id[:profile] (default: sniffed)");
  convert->add_option("--to", to, "Target format id[:profile]")->capture_default_str();
  convert->add_option("-o,--output", out_path, "Output file (default: standard output)");
  convert->add_option("--report", report_path, "Write the diagnostics (errors, warnings, losses) as JSON");
  convert->add_flag("--strict", strict, "Treat every loss as an error");
  convert->add_flag("--summary", summarise, "Print counts of records, diagnostics and entities to stderr");
  auto* ndjson_flag = convert->add_flag("--ndjson", ndjson, "One compact XES message a line (the default)");
  convert->add_flag("--pretty", pretty, "Indent the message when there is only one (XES JSON or XML)")->excludes(ndjson_flag);
  convert->add_option("--created", created, "header.created for new messages (UTC, ISO 8601; default: now)");
  std::vector<std::string> limit_settings;
  convert->add_option("--limit", limit_settings,
                      "NAME=N: a bound on what is read (input_bytes, records, fields, value_bytes, path_bytes, depth, "
                      "diagnostics); repeatable")
      ->allow_extra_args(false);
  convert->add_option("inputs", convert_inputs, "Input files or directories; - for standard input");

  auto* category = app.add_subcommand("category", "Translate an offence code between classification systems");
  std::string category_query, category_target;
  bool category_explain = false;
  category->add_option("code", category_query, "SYSTEM:CODE, e.g. nibrs:09A")->required();
  category->add_option("--to", category_target, "Target system (default: iccs, ecris and eaw)");
  category->add_flag("--explain", category_explain, "Print each path in words instead of JSON lines");
  auto* categories_command = app.add_subcommand("categories", "List the classification systems with their code counts");
  bool list_qualifiers = false;
  categories_command->add_flag("--qualifiers", list_qualifiers,
                               "List what each system transmits beside its codes (ECRIS: completion, participation, exemption)");

  auto* mrz = app.add_subcommand("mrz", "Machine-readable zones of travel documents (ICAO 9303)");
  auto* mrz_check = mrz->add_subcommand("check", "Print the validation report as JSON (exit 0 valid, 1 invalid)");
  mrz->require_subcommand(1);
  std::string mrz_input = "-", mrz_reference;
  bool mrz_lenient = false;
  mrz_check->add_option("input", mrz_input, "Text file with the zone (OCR text around it with --lenient); - for standard input");
  mrz_check->add_flag("--lenient", mrz_lenient, "Repair and report OCR confusions, spaces, swapped lines; find the zone in noise");
  mrz_check->add_option("--reference-date", mrz_reference, "YYYY-MM-DD two-digit years are resolved against (default: today)");

  auto* translit = app.add_subcommand("translit", "Transliterate names (arguments, or standard input line by line)");
  std::string translit_scheme = "icao9303";
  std::vector<std::string> translit_texts;
  translit->add_option("--scheme", translit_scheme, "icao9303[-uk|-be|-bg|-sr|-mk|-latin-base|...], bgn-pcgn-ru, iso9, ua-kmu55, an ICU id")
      ->capture_default_str();
  translit->add_option("text", translit_texts, "Texts; none: standard input");

  auto* names_command = app.add_subcommand("names", "Name keys, variants, similarity and script");
  std::string names_action;
  std::vector<std::string> names_texts;
  NameMatching name_matching;
  names_command->add_option("action", names_action, "key, variants, compare (two names), script or match")->required();
  names_command->add_option("names", names_texts, "Names")->required();
  names_command->add_option("--list", name_matching.list, "match: file of candidate names, one a line (- for standard input)");
  names_command->add_option("--threshold", name_matching.threshold, "match: the least score reported")->capture_default_str();
  names_command->add_option("--top", name_matching.top, "match: the most candidates reported per name")->capture_default_str();

  auto* date_command = app.add_subcommand("date", "Convert a date of another calendar to the Gregorian one (or back)");
  std::string date_calendar = "gregorian", date_era, date_target, date_value;
  date_command->add_option("--calendar", date_calendar, "ICU calendar id of DATE: persian, islamic-umalqura, japanese, ...");
  date_command->add_option("--era", date_era, "Era of a Japanese (showa, heisei, ...) or ROC (minguo) date");
  date_command->add_option("--to", date_target, "Convert the Gregorian DATE to this calendar instead");
  std::string date_layout;
  date_command->add_option("--layout", date_layout, "Read DATE in a national layout (DD.MM.YYYY, YYMMDD, ...; 00 for unknown parts)");
  date_command->add_option("date", date_value, "YEAR-MONTH-DAY (or text in --layout)")->required();

  auto* charset_command = app.add_subcommand("charset", "Detect the charset of legacy bytes, or decode them to UTF-8");
  std::string charset_action, charset_from, charset_input = "-", charset_replacement = "\xEF\xBF\xBD";
  bool charset_replace = false;
  charset_command->add_option("action", charset_action, "detect, or decode (to standard output)")->required();
  charset_command->add_option("input", charset_input, "File; - for standard input")->capture_default_str();
  charset_command->add_option("--from", charset_from, "ICU charset name of the input: windows-1251, Shift_JIS, ...");
  charset_command->add_flag("--replace", charset_replace, "Replace invalid bytes instead of stopping at the first");
  charset_command->add_option("--replacement", charset_replacement, "Text that replaces them (default U+FFFD)");

  app.add_subcommand("check-mappings",
                     "Load and check every data file (--mappings-dir over the built-in ones): profiles, code tables, "
                     "classification systems, crosswalks, transliteration rules; exit 1 naming the first broken file and line");

  auto* validate = app.add_subcommand("validate", "Check XES JSON or XML against the published schemas");
  std::vector<std::string> validate_inputs;
  validate->add_option("inputs", validate_inputs, "XES files or directories")->required();

  // Subcommands kept in files of their own (commands.hpp), in the order of `xborder --help`.
  const std::vector<Command> commands = {
      add_check_command(app),    add_screen_command(app), add_policies_command(app), add_release_command(app),
      add_sign_command(app),     add_verify_command(app), add_hitkey_command(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }

  // Before any registry is made: a broken file is this command's answer, not an error of start-up.
  if (app.got_subcommand("check-mappings")) return run_check_mappings(mappings_dir, profile_dirs);

  try {
    std::optional<xborder::Registry> custom_registry;
    if (!mappings_dir.empty() || !profile_dirs.empty()) {
      custom_registry.emplace(xborder::RegistryOptions{mappings_dir, {profile_dirs.begin(), profile_dirs.end()}});
    }
    const xborder::Registry& registry = custom_registry ? *custom_registry : xborder::Registry::builtin();
    if (*formats) {
      for (const auto& info : registry.formats()) {
        std::cout << info.id << "\t" << (info.can_read ? "r" : "-") << (info.can_write ? "w" : "-") << "\t"
                  << info.description << "\n";
      }
      return kOk;
    }
    if (*profiles) {
      for (const auto& profile : registry.profiles()) {
        std::cout << profile.codec << ":" << profile.id << "\t" << profile.description << "\t" << profile.file << "\n";
      }
      return kOk;
    }
    if (*inspect) return run_inspect(registry, inspect_from, inspect_input);
    if (*category || *categories_command) {
      std::optional<xborder::Categories> custom_categories;
      if (!mappings_dir.empty()) custom_categories.emplace(mappings_dir);
      const xborder::Categories& categories = custom_categories ? *custom_categories : xborder::Categories::builtin();
      if (*category) return run_category(categories, category_query, category_target, category_explain);
      for (const auto& system : categories.systems()) {
        if (!list_qualifiers) {
          std::cout << system.id << "\t" << system.codes << "\t" << system.name << "\t" << system.version << "\n";
          continue;
        }
        for (const auto& q : categories.qualifiers(system.id)) {
          std::cout << system.id << "\t" << q.qualifier << "\t" << q.value << "\t" << q.meaning << "\n";
        }
      }
      return kOk;
    }
    if (*convert) {
      return run_convert(registry, from, to, out_path, report_path, strict, summarise, pretty, created, limit_settings,
                         convert_inputs);
    }
    if (*validate) return run_validate(registry, validate_inputs);
    if (*mrz_check) return run_mrz_check(mrz_input, mrz_lenient, mrz_reference);
    if (*translit) {
      // A mappings directory may hold rule files and tables of its own (translit/*.txt, *.csv).
      std::optional<xborder::Transliteration> custom_transliteration;
      if (!mappings_dir.empty()) custom_transliteration.emplace(mappings_dir);
      return run_translit(custom_transliteration ? *custom_transliteration : xborder::Transliteration::builtin(),
                          translit_scheme, translit_texts);
    }
    if (*names_command) return run_names(names_action, names_texts, name_matching);
    if (*charset_command) {
      return run_charset(charset_action, charset_from, charset_replace, charset_replacement, charset_input);
    }
    if (*date_command) return run_date(date_calendar, date_era, date_target, date_layout, date_value);
    for (const auto& command : commands) {
      if (*command.app) return command.run(registry);
    }
  } catch (const UsageError& e) {
    std::cerr << "xborder: " << e.what() << "\n";
    return kUsage;
  } catch (const xborder::ProfileError& e) {
    std::cerr << "xborder: profile: " << e.what() << "\n";
    return kUsage;
  } catch (const xborder::FormatError& e) {
    std::cerr << "xborder: " << e.what() << "\n";
    return kUsage;
  } catch (const xborder::Error& e) {
    std::cerr << "xborder: " << e.what() << "\n";
    return kRejected;
  }
  return kUsage;
}

}  // namespace

// Whatever else ends a command (memory running out, a failure of the system or of the library) is reported
// and exits 1, "failed", like refused input: never an abort. Usage errors exit 2 (run() reports them).
int main(int argc, char** argv) {
  int status = kRejected;
  try {
    status = run(argc, argv);
    if (!std::cout.flush()) {
      std::cerr << "xborder: the output could not be written (disk full?)\n";
      status = status == kOk ? kRejected : status;
    }
    return status;
  } catch (const std::bad_alloc&) {
    std::cerr << "xborder: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "xborder: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "xborder: unknown failure\n";
  }
  return kRejected;
}
