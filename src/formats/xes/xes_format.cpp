#include "formats/xes/xes_format.hpp"

namespace xborder::detail {
namespace {

std::string_view skip_bom_and_space(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  const auto first = head.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view{} : head.substr(first);
}

class XesFormat final : public Format {
 public:
  explicit XesFormat(XesSyntax syntax)
      : syntax_(syntax),
        info_{syntax == XesSyntax::json ? "xes-json" : "xes-xml",
              syntax == XesSyntax::json ? "XES exchange message, JSON (mappings/schema/xes.schema.json)"
                                        : "XES exchange message, XML (mappings/schema/xes.xsd)",
              true, true} {}

  const FormatInfo& info() const override { return info_; }

  int sniff(std::string_view head) const override {
    const std::string_view text = skip_bom_and_space(head);
    if (syntax_ == XesSyntax::json) {
      if (text.empty() || text.front() != '{') return 0;
      return head.find("\"xes\"") != std::string_view::npos ? 90 : 20;
    }
    if (text.empty() || text.front() != '<') return 0;
    return head.find("urn:xborder:xes:") != std::string_view::npos ? 90 : 10;
  }

  std::optional<xes::Message> read(std::string_view bytes, Diagnostics& diagnostics) const override {
    return read_xes(bytes, syntax_, diagnostics);
  }

  std::optional<std::string> write(const xes::Message& message, const ConvertOptions& options,
                                   Diagnostics& diagnostics) const override {
    return write_xes(message, syntax_, diagnostics, {.pretty = options.pretty});
  }

 private:
  XesSyntax syntax_;
  FormatInfo info_;
};

}  // namespace

std::unique_ptr<Format> make_xes_format(XesSyntax syntax) { return std::make_unique<XesFormat>(syntax); }

}  // namespace xborder::detail
