#include "formats/xes/xes_format.hpp"

#include <algorithm>

#include <iterator>

#include "core/line_reader.hpp"
#include "formats/xes/xes_json.hpp"
#include "formats/xes/xes_xml.hpp"

namespace xborder::detail {
namespace {

std::string_view skip_bom_and_space(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const auto first = head.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view{} : head.substr(first);
}

// Whether the head holds the member "xes" with a string value starting "1." (whitespace around the colon).
bool has_version_member(std::string_view head) {
  constexpr std::string_view kKey = "\"xes\"";
  for (std::size_t at = head.find(kKey); at != std::string_view::npos; at = head.find(kKey, at + 1)) {
    std::string_view rest = skip_bom_and_space(head.substr(at + kKey.size()));
    if (rest.empty() || rest.front() != ':') continue;
    rest = skip_bom_and_space(rest.substr(1));
    if (rest.substr(0, 3) == "\"1.") return true;
  }
  return false;
}

class XesWriter final : public RecordWriter {
 public:
  XesWriter(XesSyntax syntax, bool pretty) : syntax_(syntax), pretty_(pretty) {}
  bool write(const xes::Message& message, Diagnostics& diagnostics, std::string& out) override {
    if (syntax_ == XesSyntax::json) {
      if (!write_xes_json(message, diagnostics, pretty_, out)) return false;
      if (!pretty_) out.push_back('\n');  // NDJSON: a message per line
      return true;
    }
    if (written_++ > 0) {
      diagnostics.error("xes.write", "an XES XML document holds one message; write several as xes-json (NDJSON)",
                        "xes-xml", "/");
      return false;
    }
    const auto text = write_xes_xml(message, diagnostics, pretty_);
    if (text) out += *text;
    return text.has_value();
  }

 private:
  XesSyntax syntax_;
  bool pretty_;
  std::size_t written_ = 0;
};

class XesFormat final : public Format {
 public:
  explicit XesFormat(XesSyntax syntax)
      : syntax_(syntax),
        info_{syntax == XesSyntax::json ? "xes-json" : "xes-xml",
              syntax == XesSyntax::json ? "XES exchange message, JSON (mappings/schema/xes.schema.json); NDJSON for several"
                                        : "XES exchange message, XML (mappings/schema/xes.xsd)",
              true, true} {}

  const FormatInfo& info() const override { return info_; }

  int sniff(std::string_view head) const override {
    const std::string_view text = skip_bom_and_space(head);
    if (syntax_ == XesSyntax::json) {
      // Only XES's own marker says a JSON object is XES: a member "xes" holding a version "1.x". Other
      // JSON (an Interpol notice) is not XES however it starts.
      if (text.empty() || text.front() != '{') return 0;
      return has_version_member(head) ? 90 : 0;
    }
    if (text.empty() || text.front() != '<') return 0;
    return head.find("urn:xborder:xes:") != std::string_view::npos ? 90 : 0;
  }

  // XES JSON input holds one message, several concatenated, or NDJSON (one a line: read line by line, in
  // bounded memory, when the first line is a whole message). XML holds one.
  void read(std::istream& input, const ConvertOptions& options, const RecordSink& sink) const override {
    const XesReadLimits limits = read_limits(options.limits);
    std::string bytes;
    if (syntax_ == XesSyntax::json) {
      std::size_t consumed = 0;
      bool too_long = false;
      read_line(input, bytes, consumed, limits.max_bytes, too_long);
      Diagnostics probe;
      std::size_t used = 0;
      if (!too_long && detail::read_xes_json(bytes, probe, limits, &used) &&
          bytes.find_first_not_of(" \t\r", used) == std::string::npos) {
        read_ndjson(input, bytes, consumed, sink, limits);
        return;
      }
      if (consumed > bytes.size()) bytes += '\n';  // the line's LF, consumed by read_line
    }
    bytes.append(std::istreambuf_iterator<char>(input), std::istreambuf_iterator<char>());
    if (bytes.size() > limits.max_bytes) {
      Diagnostics diagnostics;
      diagnostics.error("input.size", "input exceeds " + std::to_string(limits.max_bytes) + " bytes", info_.id, "/", 0);
      sink(nullptr, std::move(diagnostics));
      return;
    }
    if (syntax_ == XesSyntax::xml) {
      Diagnostics diagnostics;
      auto message = read_xes(bytes, syntax_, diagnostics, limits);
      sink(message ? &*message : nullptr, std::move(diagnostics));
      return;
    }
    std::size_t at = 0;
    do {
      Diagnostics diagnostics;
      std::size_t consumed = 0;
      const std::string_view rest = std::string_view(bytes).substr(at);
      auto message = detail::read_xes_json(rest, diagnostics, limits, &consumed);
      if (!message) {  // after a syntax error there is no telling where the next message starts
        sink(nullptr, std::move(diagnostics));
        return;
      }
      at += consumed;
      if (!sink(&*message, std::move(diagnostics))) return;
      at = std::min(bytes.find_first_not_of(" \t\r\n", at), bytes.size());
    } while (at < bytes.size());
  }

 private:
  // One message a line; a bad line is reported with its line number and the next one is read.
  static XesReadLimits read_limits(const Limits& limits) {
    return {.max_bytes = limits.input_bytes, .max_depth = std::min(XesReadLimits{}.max_depth, limits.depth)};
  }

  void read_ndjson(std::istream& input, std::string& line, std::size_t consumed, const RecordSink& sink,
                   const XesReadLimits& limits) const {
    std::size_t number = 1;
    std::uint64_t start = 0;
    bool too_long = false;
    do {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines between messages
      Diagnostics diagnostics;
      std::optional<xes::Message> message;
      if (too_long) {
        diagnostics.error("input.size", "line longer than " + std::to_string(limits.max_bytes) + " bytes", info_.id,
                          "line[" + std::to_string(number) + "]", start);
      } else {
        Diagnostics line_diagnostics;
        message = read_xes(line, syntax_, line_diagnostics, limits);
        for (Diagnostic item : line_diagnostics.all()) {  // locate within the whole input
          item.path = "line[" + std::to_string(number) + "]" + item.path;
          if (item.offset) *item.offset += start;
          diagnostics.add(std::move(item));
        }
      }
      if (!sink(message ? &*message : nullptr, std::move(diagnostics))) return;
    } while ((start = consumed, ++number, read_line(input, line, consumed, limits.max_bytes, too_long)));
  }

 public:
  std::unique_ptr<RecordWriter> writer(const ConvertOptions& options) const override {
    return std::make_unique<XesWriter>(syntax_, options.pretty);
  }

 private:
  XesSyntax syntax_;
  FormatInfo info_;
};

}  // namespace

std::unique_ptr<Format> make_xes_format(XesSyntax syntax) { return std::make_unique<XesFormat>(syntax); }

}  // namespace xborder::detail
