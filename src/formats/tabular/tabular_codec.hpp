#pragma once
// The tabular codec: CSV (RFC 4180, any delimiter and quote, optional header row) and fixed-width layouts,
// in any ICU character set, one record per row. Configured by a profile's "source" section.

#include <rapidjson/document.h>

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/charset.hpp"
#include "core/codec.hpp"
#include "core/csv.hpp"

namespace xborder::detail {

struct TabularColumn {
  std::string name;
  std::size_t width = 0;  // fixed layout: bytes
  bool right_aligned = false;
  char pad = ' ';
};

struct TabularLayout {
  bool fixed = false;
  std::string charset = "UTF-8";
  CsvDialect dialect;
  bool header = false;
  std::string newline = "\r\n";
  std::vector<TabularColumn> columns;

  // From a profile's "source" object (shape checked by the profile schema). Nothing, with `why`, if wrong.
  static std::optional<TabularLayout> parse(const rapidjson::Value& source, std::string& why);
};

class TabularCodec {
 public:
  explicit TabularCodec(TabularLayout layout, std::string format_id);

  const TabularLayout& layout() const { return layout_; }

  // Reads rows one at a time. Problems of the whole input (a header that does not match) go to the first
  // record's diagnostics, and reading stops.
  void read(std::istream& input, const FieldTreeSink& sink) const;

  class Writer final : public FieldTreeWriter {
   public:
    explicit Writer(const TabularCodec& codec) : codec_(codec) {}
    // Appends the row for `tree` (after the header row, the first time); false if a value cannot be written.
    bool write(const FieldTree& tree, Diagnostics& diagnostics, std::string& out) override;

   private:
    const TabularCodec& codec_;
    bool header_written_ = false;
  };

 private:
  // The fields of `tree`, whose raw bytes are the row.
  bool split_row(std::uint64_t offset, FieldTree& tree, std::vector<CsvCell>& cells_scratch,
                 Diagnostics& diagnostics) const;

  TabularLayout layout_;
  Charset charset_;
  std::string format_id_;
};

// The codec's description: "codec": "tabular" in a profile, whose "source" gives the layout.
const Codec& tabular_codec();

}  // namespace xborder::detail
