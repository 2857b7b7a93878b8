#include "formats/ftm/ftm_format.hpp"

#include "core/read_bounded.hpp"

#include "formats/ftm/ftm_read.hpp"
#include "formats/ftm/ftm_tables.hpp"
#include "formats/ftm/ftm_write.hpp"

namespace xborder::detail {
namespace {

class FtmFormat final : public Format {
 public:
  explicit FtmFormat(const MappingStore& store)
      : tables_(store),
        info_{"ftm",
              "FollowTheMoney entities, NDJSON (OpenSanctions, Aleph, yente); the delta stream form read too",
              true, true} {}

  const FormatInfo& info() const override { return info_; }

  // An entity a line: {"id": ..., "schema": ..., "properties": {...}}, or a delta line {"op": ..., "entity":
  // {...}}. Judged on the first line's members, which XES and the notice formats do not have together.
  int sniff(std::string_view head) const override {
    if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
    const auto first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || head[first] != '{') return 0;
    const std::string_view line = head.substr(first, head.find('\n', first) - first);
    const auto has = [&](std::string_view member) { return line.find(member) != std::string_view::npos; };
    if (has("\"xes\"")) return 0;
    const bool entity = has("\"schema\"") && (has("\"properties\"") || has("\"id\""));
    if (entity && has("\"op\"") && has("\"entity\"")) return 90;
    return entity && has("\"properties\"") ? 85 : 0;
  }

  void read(std::istream& input, const ConvertOptions& options, const RecordSink& sink) const override {
    std::string text;
    if (!read_bounded(input, options.limits.input_bytes, text)) {
      Diagnostics diagnostics;
      diagnostics.error("input.size", "input exceeds " + std::to_string(options.limits.input_bytes) + " bytes", info_.id,
                        "/", text.size());
      sink(nullptr, std::move(diagnostics));
      return;
    }
    read_ftm(text, tables_, options, sink);
  }

  std::unique_ptr<RecordWriter> writer(const ConvertOptions&) const override { return make_ftm_writer(tables_); }

 private:
  FtmTables tables_;
  FormatInfo info_;
};

}  // namespace

std::unique_ptr<Format> make_ftm_format(const MappingStore& store) { return std::make_unique<FtmFormat>(store); }

}  // namespace xborder::detail
