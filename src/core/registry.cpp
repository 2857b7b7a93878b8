#include <algorithm>

#include "core/format.hpp"
#include "core/memory_stream.hpp"
#include "core/registry_state.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace detail {

// How much of an input sniffing looks at.
constexpr std::size_t kSniffBytes = 4096;

const Format* RegistryState::find(std::string_view id) const {
  for (const auto& format : formats) {
    if (format->info().id == id) return format.get();
  }
  return nullptr;
}

const Format* RegistryState::sniff(std::string_view head) const {
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

const Format* RegistryState::sniff(std::istream& input, Diagnostics& diagnostics) const {
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

Registry make_registry(std::shared_ptr<const RegistryState> state) { return Registry(std::move(state)); }

}  // namespace detail

bool Limits::set(std::string_view name, std::size_t value) {
  const std::pair<std::string_view, std::size_t Limits::*> members[] = {
      {"input_bytes", &Limits::input_bytes}, {"records", &Limits::records},       {"fields", &Limits::fields},
      {"value_bytes", &Limits::value_bytes}, {"path_bytes", &Limits::path_bytes}, {"depth", &Limits::depth},
      {"diagnostics", &Limits::diagnostics}};
  for (const auto& [known, member] : members) {
    if (known == name) {
      this->*member = value;
      return true;
    }
  }
  return false;
}

namespace detail {

struct ConverterState {
  std::shared_ptr<const RegistryState> registry;
  const Format* from = nullptr;  // nullptr: sniff each input
  const Format* to = nullptr;
  std::string from_id;
  std::string to_id;
  ConvertOptions options;
};

}  // namespace detail


Registry::Registry(RegistryOptions options) {
  auto state = std::make_shared<detail::RegistryState>(options);
  detail::assemble_builtin(*state, options);
  state_ = std::move(state);
}

Registry::Registry(std::shared_ptr<const detail::RegistryState> state) : state_(std::move(state)) {}

const Registry& Registry::builtin() {
  static const Registry registry;
  return registry;
}

std::vector<FormatInfo> Registry::formats() const {
  std::vector<FormatInfo> out;
  for (const auto& format : state_->formats) out.push_back(format->info());
  return out;
}

std::vector<ProfileInfo> Registry::profiles() const { return state_->profiles; }

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
  const std::string id(format.empty() ? sniff(bytes) : std::string(format));
  if (!state_->validate || (id != "xes-json" && id != "xes-xml")) {
    Diagnostics diagnostics;
    diagnostics.error("validate.format",
                      id.empty() ? "input is neither XES JSON nor XES XML" : "validation covers XES only, not '" + id + "'",
                      id, "/", 0);
    return diagnostics;
  }
  return state_->validate(bytes, id);
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
  const Limits& limits = state_->options.limits;
  std::size_t records = 0;
  from->read(input, state_->options, [&](xes::Message* message, Diagnostics&& diagnostics) {
    if (++records > limits.records) {
      Result refused;
      refused.diagnostics.error("limits.records", "the input holds more than " + std::to_string(limits.records) +
                                                      " records (ConvertOptions::limits.records)",
                                from->info().id, "record[" + std::to_string(records) + "]");
      on_record(std::move(refused));
      return false;
    }
    result.output.clear();
    result.diagnostics = std::move(diagnostics);
    if (state_->options.strict) result.diagnostics.make_losses_errors();
    const bool taken = message != nullptr && !result.diagnostics.has_errors();
    if (taken) {
      result.messages.resize(1);  // the one message a record has, kept from record to record
      result.messages.front() = std::move(*message);
      if (writer) writer->write(result.messages.front(), result.diagnostics, result.output);
      // Writing may lose values too (a name cut to fit a zone): strict refuses the record then, output and all.
      if (state_->options.strict) {
        result.diagnostics.make_losses_errors();
        if (result.diagnostics.has_errors()) result.output.clear();
      }
    }
    result.diagnostics.keep_at_most(limits.diagnostics);
    if (!taken) result.messages.clear();
    const bool more = on_record(std::move(result));
    // What the caller left of the message goes back to the format, which builds the next record in it.
    if (taken && result.messages.size() == 1) *message = std::move(result.messages.front());
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
