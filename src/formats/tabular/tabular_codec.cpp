#include "formats/tabular/tabular_codec.hpp"

#include <algorithm>
#include <charconv>

#include "core/line_reader.hpp"

namespace xborder::detail {
namespace {

// Longest row read; longer input is rejected rather than buffered without bound.
constexpr std::size_t kMaxRowBytes = 1 << 24;

std::string string_member(const rapidjson::Value& object, const char* name, std::string fallback) {
  const auto found = object.FindMember(name);
  return found != object.MemberEnd() && found->value.IsString() ? found->value.GetString() : fallback;
}

}  // namespace

std::optional<TabularLayout> TabularLayout::parse(const rapidjson::Value& source, std::string& why) {
  TabularLayout layout;
  layout.fixed = string_member(source, "layout", "csv") == "fixed";
  layout.charset = string_member(source, "charset", "UTF-8");
  layout.dialect.delimiter = string_member(source, "delimiter", ",")[0];
  layout.dialect.quote = string_member(source, "quote", "\"")[0];
  layout.newline = string_member(source, "newline", "\r\n");
  const auto header = source.FindMember("header");
  layout.header = header != source.MemberEnd() && header->value.IsBool() && header->value.GetBool();
  if (layout.dialect.delimiter == layout.dialect.quote) {
    why = "the delimiter and the quote are the same character";
    return std::nullopt;
  }
  for (const auto& column : source["columns"].GetArray()) {
    TabularColumn parsed;
    if (column.IsString()) {
      parsed.name = column.GetString();
    } else {
      parsed.name = column["name"].GetString();
      parsed.width = column["width"].GetUint();
      parsed.right_aligned = string_member(column, "align", "left") == "right";
      parsed.pad = string_member(column, "pad", " ")[0];
    }
    if (layout.fixed != (parsed.width > 0)) {
      why = "column '" + parsed.name + (layout.fixed ? "' needs a width (fixed layout)" : "' has a width (csv layout)");
      return std::nullopt;
    }
    for (const auto& other : layout.columns) {
      if (other.name == parsed.name) {
        why = "column '" + parsed.name + "' is declared twice";
        return std::nullopt;
      }
    }
    layout.columns.push_back(std::move(parsed));
  }
  if (layout.fixed && layout.header) {
    why = "a fixed-width layout has no header row";
    return std::nullopt;
  }
  return layout;
}

TabularCodec::TabularCodec(TabularLayout layout, std::string format_id)
    : layout_(std::move(layout)), charset_(layout_.charset), format_id_(std::move(format_id)) {}

bool TabularCodec::split_row(std::uint64_t offset, FieldTree& tree, std::vector<CsvCell>& cells_scratch,
                             Diagnostics& diagnostics) const {
  const std::string_view row = tree.raw;
  // The tree is reused row after row: its strings keep their capacity, so a row costs no allocations. Field i
  // is always column i's, so its path is set only when the field is first made.
  std::size_t used = 0;
  tree.offset = offset;
  const auto bad = [&](const std::string& message, std::uint64_t at) {
    tree.fields.resize(used);
    diagnostics.error("tabular.row", message, format_id_, tree.label, at);
    return false;
  };
  // `value`: the bytes decoded into the text; `raw`: those at `at` (a quoted cell's between its quotes).
  const auto add = [&](const TabularColumn& column, std::string_view value, std::string_view raw, std::uint64_t at) {
    if (tree.fields.size() <= used) tree.fields.emplace_back().path = column.name;
    Field& field = tree.fields[used++];
    field.raw.assign(raw);
    field.offset = at;
    if (!charset_.decode(value, field.text)) {
      return bad("column " + column.name + ": bytes that are not valid " + layout_.charset, at);
    }
    return true;
  };
  if (layout_.fixed) {
    std::size_t at = 0;
    for (const auto& column : layout_.columns) {
      if (at + column.width > row.size()) {
        return bad("row of " + std::to_string(row.size()) + " bytes ends inside column " + column.name, offset + row.size());
      }
      std::string_view raw = row.substr(at, column.width);
      const auto kept = column.right_aligned ? raw.find_first_not_of(column.pad) : raw.find_last_not_of(column.pad);
      if (kept == std::string_view::npos) {
        raw = {};
      } else {
        raw = column.right_aligned ? raw.substr(kept) : raw.substr(0, kept + 1);
      }
      if (!add(column, raw, raw, offset + at + (column.right_aligned && kept != std::string_view::npos ? kept : 0))) return false;
      at += column.width;
    }
    if (at != row.size()) return bad("row has " + std::to_string(row.size() - at) + " bytes after the last column", offset + at);
    tree.fields.resize(used);
    return true;
  }
  std::vector<CsvCell>& cells = cells_scratch;
  std::string why;
  if (!split_csv_record(row, layout_.dialect, cells, why)) return bad(why, offset);
  if (cells.size() != layout_.columns.size()) {
    return bad(std::to_string(cells.size()) + " cells, the profile declares " + std::to_string(layout_.columns.size()) + " columns", offset);
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const CsvCell& cell = cells[i];
    if (!add(layout_.columns[i], cell.value, cell.raw, offset + cell.offset + (cell.quoted ? 1 : 0))) return false;
  }
  tree.fields.resize(used);
  return true;
}

void TabularCodec::read(std::istream& input, const FieldTreeSink& sink) const {
  std::string line;
  std::size_t consumed = 0, rows = 0;
  bool too_long = false;
  bool header_pending = layout_.header;
  FieldTree tree;
  std::string& row = tree.raw.own();  // each row is read into the tree that carries it
  std::vector<CsvCell> cells;
  while (true) {
    const std::uint64_t start = consumed;
    if (!read_line(input, row, consumed, kMaxRowBytes, too_long)) return;
    // A quoted CSV cell may hold line breaks: the record continues on the next line. Only each new line is
    // looked at for quotes (rescanning the whole record each time made an unclosed quote quadratic), and the
    // record may not grow past kMaxRowBytes in all.
    bool open = !layout_.fixed && !too_long && csv_quote_open(row, layout_.dialect);
    while (open && !too_long) {
      if (row.size() >= kMaxRowBytes) {
        too_long = true;
        break;
      }
      if (!read_line(input, line, consumed, kMaxRowBytes - row.size() - 1, too_long)) break;
      row += '\n';
      row += line;
      open = csv_quote_open(line, layout_.dialect, open);
    }
    if (!row.empty() && row.back() == '\r') row.pop_back();
    Diagnostics diagnostics;
    if (too_long || row.size() > kMaxRowBytes) {
      diagnostics.error("tabular.row", "row longer than " + std::to_string(kMaxRowBytes) + " bytes", format_id_,
                        "row[" + std::to_string(rows + 1) + "]", start);
      sink(tree, std::move(diagnostics));
      return;
    }
    if (header_pending) {
      header_pending = false;
      std::string why;
      bool matches = split_csv_record(row, layout_.dialect, cells, why) && cells.size() == layout_.columns.size();
      for (std::size_t i = 0; matches && i < cells.size(); ++i) matches = cells[i].value == layout_.columns[i].name;
      if (!matches) {
        std::string expected;
        for (const auto& column : layout_.columns) expected += (expected.empty() ? "" : std::string(1, layout_.dialect.delimiter)) + column.name;
        diagnostics.error("tabular.header", "the header row does not name the profile's columns: expected '" +
                                                expected + "'", format_id_, "header", start);
        sink(tree, std::move(diagnostics));
        return;
      }
      continue;
    }
    if (row.empty() && input.rdbuf()->sgetc() == std::char_traits<char>::eof()) return;  // a final empty line
    char label[32] = "row[";
    char* const end = std::to_chars(label + 4, label + sizeof label - 1, ++rows).ptr;
    *end = ']';
    tree.label.assign(label, end + 1);
    split_row(start, tree, cells, diagnostics);
    if (!sink(tree, std::move(diagnostics))) return;
  }
}

bool TabularCodec::Writer::write(const FieldTree& tree, Diagnostics& diagnostics, std::string& written) {
  const TabularLayout& layout = codec_.layout_;
  std::string out, encoded;
  if (!header_written_ && layout.header) {
    for (std::size_t i = 0; i < layout.columns.size(); ++i) {
      if (i > 0) out += layout.dialect.delimiter;
      codec_.charset_.encode(layout.columns[i].name, encoded);
      append_csv_cell(out, encoded, layout.dialect);
    }
    out += layout.newline;
  }
  for (std::size_t i = 0; i < layout.columns.size(); ++i) {
    const TabularColumn& column = layout.columns[i];
    const Field* field = tree.find(column.name);
    const std::string_view text = field ? std::string_view(field->text) : std::string_view();
    if (!codec_.charset_.encode(text, encoded)) {
      diagnostics.error("tabular.write",
                        std::string(1, '\'').append(text).append("' has characters ").append(layout.charset).append(
                            " cannot represent"),
                        codec_.format_id_, column.name);
      return false;
    }
    if (layout.fixed) {
      if (encoded.size() > column.width) {
        diagnostics.error("tabular.write", "'" + std::string(text) + "' is longer than the column's " +
                                               std::to_string(column.width) + " bytes",
                          codec_.format_id_, column.name);
        return false;
      }
      const std::string padding(column.width - encoded.size(), column.pad);
      out += column.right_aligned ? padding + encoded : encoded + padding;
    } else {
      if (i > 0) out += layout.dialect.delimiter;
      append_csv_cell(out, encoded, layout.dialect);
    }
  }
  out += layout.newline;
  header_written_ = true;  // only with a row that is written: a refused first row takes the header with it
  written += out;
  return true;
}

namespace {

class TabularInstance final : public CodecInstance {
 public:
  TabularInstance(TabularLayout layout, const std::string& format_id) : codec_(std::move(layout), format_id) {
    for (const auto& column : codec_.layout().columns) columns_.push_back(column.name);
  }
  void read(std::istream& input, const ConvertOptions&, const FieldTreeSink& sink) const override {
    codec_.read(input, sink);
  }
  std::unique_ptr<FieldTreeWriter> writer() const override { return std::make_unique<TabularCodec::Writer>(codec_); }
  const std::vector<std::string>& columns() const override { return columns_; }
  std::string charset() const override { return codec_.layout().charset; }

 private:
  TabularCodec codec_;
  std::vector<std::string> columns_;
};

std::shared_ptr<const CodecInstance> configure(const rapidjson::Value* source, const std::string& format_id,
                                               const MappingStore&, std::string& why) {
  if (source == nullptr) {
    why = "no \"source\" (the codec's layout), own or inherited";
    return nullptr;
  }
  auto layout = TabularLayout::parse(*source, why);
  if (!layout) return nullptr;
  try {
    return std::make_shared<TabularInstance>(std::move(*layout), format_id);
  } catch (const Error& e) {  // a charset ICU does not know
    why = e.what();
    return nullptr;
  }
}

bool is_column(std::string_view path, const std::vector<std::string>& columns) {
  return std::find(columns.begin(), columns.end(), path) != columns.end();
}

}  // namespace

const Codec& tabular_codec() {
  static const Codec codec{
      .name = "tabular",
      .description = "CSV (RFC 4180, any delimiter and quote) and fixed-width rows in any charset",
      .can_write = true,
      .shape = RecordShape::rows,
      .source_schema = "schema/source/tabular.schema.json",
      .field_paths = "a column of the source",
      .is_field = is_column,
      .configure = configure,
  };
  return codec;
}

}  // namespace xborder::detail
