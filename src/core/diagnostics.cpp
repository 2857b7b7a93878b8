#include "xborder/diagnostics.hpp"

#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <rapidjson/writer.h>

#include "core/utf8.hpp"

namespace xborder {
namespace {

// Messages and paths often quote the input, which may be any bytes: what is kept is valid UTF-8, invalid
// bytes written as \xHH, so every report and every JSON made of diagnostics is valid too.
void make_utf8(std::string& text) {
  if (!detail::is_valid_utf8(text)) text = detail::escape_invalid_utf8(text);
}

}  // namespace

void Diagnostics::add(Diagnostic diagnostic) {
  make_utf8(diagnostic.code);
  make_utf8(diagnostic.message);
  make_utf8(diagnostic.format);
  make_utf8(diagnostic.path);
  if (diagnostic.severity == Severity::error) ++error_count_;
  items_.push_back(std::move(diagnostic));
}

void Diagnostics::error(std::string code, std::string message, std::string format, std::string path,
                        std::optional<std::uint64_t> offset) {
  add({Severity::error, std::move(code), std::move(message), std::move(format), std::move(path), offset});
}

void Diagnostics::warning(std::string code, std::string message, std::string format, std::string path,
                          std::optional<std::uint64_t> offset) {
  add({Severity::warning, std::move(code), std::move(message), std::move(format), std::move(path), offset});
}

void Diagnostics::loss(std::string code, std::string message, std::string format, std::string path,
                       std::optional<std::uint64_t> offset) {
  add({Severity::loss, std::move(code), std::move(message), std::move(format), std::move(path), offset});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& item : other.items_) add(item);
}

void Diagnostics::make_losses_errors() {
  for (auto& item : items_) {
    if (item.severity == Severity::loss) {
      item.severity = Severity::error;
      item.message = "strict mode: " + item.message;
      ++error_count_;
    }
  }
}

void Diagnostics::keep_at_most(std::size_t count) {
  if (items_.size() <= count) return;
  std::size_t dropped[3] = {};
  for (std::size_t i = count; i < items_.size(); ++i) ++dropped[static_cast<int>(items_[i].severity)];
  items_.resize(count);
  error_count_ = static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
  const Severity severity = dropped[0] > 0 ? Severity::error : dropped[2] > 0 ? Severity::loss : Severity::warning;
  add({severity, "diagnostics.more",
       std::to_string(dropped[0] + dropped[1] + dropped[2]) + " more diagnostics not kept (" + std::to_string(dropped[0]) +
           " errors, " + std::to_string(dropped[1]) + " warnings, " + std::to_string(dropped[2]) + " losses)",
       {}, {}, std::nullopt});
}

std::vector<Diagnostic> Diagnostics::of(Severity severity) const {
  std::vector<Diagnostic> out;
  for (const auto& item : items_) {
    if (item.severity == severity) out.push_back(item);
  }
  return out;
}

std::string Diagnostics::to_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  const auto string = [&](const std::string& text) {
    out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  };
  out.StartObject();
  for (const auto& [key, severity] : {std::pair{"errors", Severity::error}, std::pair{"warnings", Severity::warning},
                                      std::pair{"losses", Severity::loss}}) {
    out.Key(key);
    out.StartArray();
    for (const auto& item : items_) {
      if (item.severity != severity) continue;
      out.StartObject();
      out.Key("code");
      string(item.code);
      out.Key("message");
      string(item.message);
      out.Key("format");
      string(item.format);
      out.Key("path");
      string(item.path);
      out.Key("offset");
      if (item.offset) {
        out.Uint64(*item.offset);
      } else {
        out.Null();
      }
      out.EndObject();
    }
    out.EndArray();
  }
  out.EndObject();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace xborder
