#include <algorithm>
#include <mutex>

#include "core/format.hpp"
#include "core/mapping_store.hpp"
#include "core/xes_validator.hpp"
#include "formats/xes/xes_format.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace detail {

struct RegistryState {
  explicit RegistryState(const RegistryOptions& options) : store(options.mappings_dir) {
    formats.push_back(make_xes_format(XesSyntax::json));
    formats.push_back(make_xes_format(XesSyntax::xml));
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

  // Built on first use: most programs never validate.
  const XesValidator& validator() const {
    std::call_once(validator_once, [this] { validator_instance = std::make_unique<XesValidator>(store); });
    return *validator_instance;
  }

  MappingStore store;
  std::vector<std::unique_ptr<Format>> formats;
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

namespace {
constexpr std::size_t kSniffBytes = 4096;
}

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

std::string Registry::sniff(std::string_view head) const {
  const detail::Format* format = state_->sniff(head.substr(0, kSniffBytes));
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
  state->to = state_->find(to);
  if (state->to == nullptr) throw FormatError("unknown target format '" + std::string(to) + "'");
  if (!state->to->info().can_write) throw FormatError("format '" + std::string(to) + "' cannot be written");
  state->to_id = to;
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

Result Converter::convert(std::string_view input) const {
  Result result;
  const detail::Format* from = state_->from ? state_->from : state_->registry->sniff(input.substr(0, kSniffBytes));
  if (from == nullptr) {
    result.diagnostics.error("sniff.unknown", "the input matches no known format; name one with --from", "", "/", 0);
    return result;
  }
  result.message = from->read(input, result.diagnostics);
  if (state_->options.strict) result.diagnostics.make_losses_errors();
  if (!result.message || result.diagnostics.has_errors()) return result;
  if (auto output = state_->to->write(*result.message, state_->options, result.diagnostics)) {
    result.output = std::move(*output);
  }
  return result;
}

}  // namespace xborder
