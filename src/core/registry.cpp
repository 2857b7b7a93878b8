#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>

#include "core/format.hpp"
#include "core/mapping_store.hpp"
#include "core/memory_stream.hpp"
#include "core/xes_validator.hpp"
#include "formats/xes/xes_format.hpp"
#include "formats/mrz/mrz_format.hpp"
#include "profiles/profile_format.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace detail {

// How much of an input sniffing looks at.
constexpr std::size_t kSniffBytes = 4096;

struct RegistryState {
  explicit RegistryState(const RegistryOptions& options) : store(options.mappings_dir) {
    formats.push_back(make_xes_format(XesSyntax::json));
    formats.push_back(make_xes_format(XesSyntax::xml));
    for (auto& format : make_mrz_formats(store)) formats.push_back(std::move(format));
    // A mappings directory may override the classification tables too: profiles look codes up in those.
    if (!options.mappings_dir.empty()) categories = std::make_shared<const Categories>(options.mappings_dir);
    load_profiles_from(options.profile_dirs);
  }

  std::shared_ptr<const Categories> categories;  // empty: the built-in systems

  // Profiles: mappings/profiles/ (embedded or overridden), then each profile directory; a later profile of
  // the same id replaces an earlier one.
  void load_profiles_from(const std::vector<std::filesystem::path>& profile_dirs) {
    std::vector<ProfileSource> sources;
    for (const std::string& path : store.list("profiles/")) {
      if (path.size() > 5 && path.substr(path.size() - 5) == ".json") {
        sources.push_back({"mappings/" + path, *store.load(path), {}});
      }
    }
    for (const auto& dir : profile_dirs) {
      if (!std::filesystem::is_directory(dir)) throw Error("profile directory '" + dir.string() + "' does not exist");
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) sources.push_back({file.string(), read_file(file), dir.string()});
    }
    const auto schema = store.load("schema/profile.schema.json");
    if (!schema) throw Error("mapping file 'schema/profile.schema.json' is missing");
    const auto load_table = [this](const std::string& name, const std::string& dir) -> std::optional<std::string> {
      if (name.find('/') != std::string::npos || name.find("..") != std::string::npos) return std::nullopt;
      if (!dir.empty() && std::filesystem::is_regular_file(std::filesystem::path(dir) / name)) {
        return read_file(std::filesystem::path(dir) / name);
      }
      return store.load("codes/" + name);
    };
    for (auto& profile : load_profiles(sources, *schema, load_table, categories)) {
      profiles.push_back(profile);
      formats.push_back(make_profile_format(std::move(profile), store));
    }
  }

  static std::string read_file(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return std::move(text).str();
  }

  const Format* find(std::string_view id) const {
    for (const auto& format : formats) {
      if (format->info().id == id) return format.get();
    }
    return nullptr;
  }

  const Format* sniff(std::string_view head) const {
    const Format* best = nullptr;
    int best_score = 0;
    for (const auto& format : formats) {
      const int score = format->info().can_read ? format->sniff(head) : 0;
      if (score > best_score) {
        best = format.get();
        best_score = score;
      }
    }
    return best;
  }

  // The format of a stream from its first bytes; the stream is rewound. Nothing, with an error, if the
  // stream cannot be rewound or no format claims it.
  const Format* sniff(std::istream& input, Diagnostics& diagnostics) const {
    std::string head(kSniffBytes, '\0');
    input.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(input.gcount()));
    input.clear();
    input.seekg(0);
    const Format* found = sniff(head);
    if (!input) {
      diagnostics.error("sniff.stream", "the input cannot be read twice to sniff its format; name it", "", "/", 0);
    } else if (found == nullptr) {
      diagnostics.error("sniff.unknown", "the input matches no known format; name one with --from", "", "/", 0);
    }
    return diagnostics.has_errors() ? nullptr : found;
  }

  // Built on first use: most programs never validate.
  const XesValidator& validator() const {
    std::call_once(validator_once, [this] { validator_instance = std::make_unique<XesValidator>(store); });
    return *validator_instance;
  }

  MappingStore store;
  std::vector<std::unique_ptr<Format>> formats;
  std::vector<std::shared_ptr<const Profile>> profiles;
  mutable std::once_flag validator_once;
  mutable std::unique_ptr<XesValidator> validator_instance;
};

struct ConverterState {
  std::shared_ptr<const RegistryState> registry;
  const Format* from = nullptr;  // nullptr: sniff each input
  const Format* to = nullptr;
  std::string from_id;
  std::string to_id;
  ConvertOptions options;
};

}  // namespace detail


Registry::Registry(RegistryOptions options) : state_(std::make_shared<detail::RegistryState>(options)) {}

const Registry& Registry::builtin() {
  static const Registry registry;
  return registry;
}

std::vector<FormatInfo> Registry::formats() const {
  std::vector<FormatInfo> out;
  for (const auto& format : state_->formats) out.push_back(format->info());
  return out;
}

std::vector<ProfileInfo> Registry::profiles() const {
  std::vector<ProfileInfo> out;
  for (const auto& profile : state_->profiles) {
    out.push_back({profile->id, profile->codec, profile->description, profile->file});
  }
  return out;
}

Diagnostics Registry::inspect(std::istream& input, std::string_view format,
                              const std::function<bool(const FieldTree&)>& on_record) const {
  Diagnostics all;
  const detail::Format* found = format.empty() ? state_->sniff(input, all) : state_->find(format);
  if (format.empty() && found == nullptr) return all;
  if (found == nullptr) throw FormatError("unknown format '" + std::string(format) + "'");
  const bool supported = found->inspect(input, [&](const FieldTree& tree, Diagnostics&& diagnostics) {
    all.append(diagnostics);
    return on_record(tree);
  });
  if (!supported) throw FormatError("format '" + found->info().id + "' has no field view to inspect");
  return all;
}

std::string Registry::sniff(std::string_view head) const {
  const detail::Format* format = state_->sniff(head.substr(0, detail::kSniffBytes));
  return format ? format->info().id : std::string();
}

Converter Registry::converter(std::string_view from, std::string_view to, ConvertOptions options) const {
  auto state = std::make_shared<detail::ConverterState>();
  state->registry = state_;
  state->options = options;
  if (!from.empty()) {
    state->from = state_->find(from);
    if (state->from == nullptr) throw FormatError("unknown source format '" + std::string(from) + "'");
    if (!state->from->info().can_read) throw FormatError("format '" + std::string(from) + "' cannot be read");
    state->from_id = from;
  }
  if (!to.empty()) {  // empty: read only, results carry messages and no output
    state->to = state_->find(to);
    if (state->to == nullptr) throw FormatError("unknown target format '" + std::string(to) + "'");
    if (!state->to->info().can_write) throw FormatError("format '" + std::string(to) + "' cannot be written");
    state->to_id = to;
  }
  return Converter(std::move(state));
}

Diagnostics Registry::validate(std::string_view bytes, std::string_view format) const {
  std::string id(format.empty() ? sniff(bytes) : std::string(format));
  if (id != "xes-json" && id != "xes-xml") {
    Diagnostics diagnostics;
    diagnostics.error("validate.format",
                      id.empty() ? "input is neither XES JSON nor XES XML" : "validation covers XES only, not '" + id + "'",
                      id, "/", 0);
    return diagnostics;
  }
  return state_->validator().validate(bytes, id == "xes-json" ? XesSyntax::json : XesSyntax::xml);
}

Converter::Converter(std::shared_ptr<const detail::ConverterState> state) : state_(std::move(state)) {}

const std::string& Converter::from() const noexcept { return state_->from_id; }
const std::string& Converter::to() const noexcept { return state_->to_id; }

void Converter::convert(std::istream& input, const std::function<bool(Result&&)>& on_record) const {
  const detail::Format* from = state_->from;
  if (from == nullptr) {
    Result failed;
    from = state_->registry->sniff(input, failed.diagnostics);
    if (from == nullptr) {
      on_record(std::move(failed));
      return;
    }
  }
  const auto writer = state_->to ? state_->to->writer(state_->options) : nullptr;
  // One result serves every record: what the caller leaves in it (a message not moved out, the output's
  // buffer) goes back to the format, to be reused for the next record rather than freed and made again.
  Result result;
  from->read(input, state_->options, [&](std::vector<xes::Message>& batch, Diagnostics&& diagnostics) {
    result.output.clear();
    result.diagnostics = std::move(diagnostics);
    if (state_->options.strict) result.diagnostics.make_losses_errors();
    const bool taken = !result.diagnostics.has_errors();
    if (taken) {
      result.messages.swap(batch);
      for (const xes::Message& message : result.messages) {
        if (writer) writer->write(message, result.diagnostics, result.output);
      }
      // Writing may lose values too (a name cut to fit a zone): strict refuses the record then, output and all.
      if (state_->options.strict) {
        result.diagnostics.make_losses_errors();
        if (result.diagnostics.has_errors()) result.output.clear();
      }
    }
    const bool more = on_record(std::move(result));
    if (taken) result.messages.swap(batch);
    result.messages.clear();
    return more;
  });
}

Result Converter::convert(std::string_view input) const {
  detail::MemoryStream stream(input);
  Result all;
  convert(stream, [&](Result&& record) {
    for (auto& message : record.messages) all.messages.push_back(std::move(message));
    all.output += record.output;
    all.diagnostics.append(record.diagnostics);
    return true;
  });
  return all;
}

}  // namespace xborder
