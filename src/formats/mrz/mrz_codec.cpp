#include "formats/mrz/mrz_codec.hpp"

#include <algorithm>
#include <array>

#include "core/read_bounded.hpp"
#include "formats/mrz/state_codes.hpp"
#include "xborder/mrz.hpp"

namespace xborder::detail {
namespace {

constexpr const char* kFormat = "mrz";
constexpr std::size_t kMaxInputBytes = 1 << 20;  // a zone with OCR text around it; more is not an MRZ
constexpr std::array kWritableLayouts{mrz::Layout::td1, mrz::Layout::td2, mrz::Layout::td3, mrz::Layout::mrva,
                                      mrz::Layout::mrvb};

// The lines of `head` that are not empty, at most four.
std::vector<std::string_view> first_lines(std::string_view head) {
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < head.size() && lines.size() < 4;) {
    const auto end = std::min(head.find('\n', at), head.size());
    std::string_view line = head.substr(at, end - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) lines.push_back(line);
    at = end + 1;
  }
  return lines;
}

// The layout a zone of these lines has by shape alone (two-line layouts of one width are told apart by
// the document code).
mrz::Layout shape_of(const std::vector<std::string_view>& lines) {
  const bool charset = std::all_of(lines.begin(), lines.end(), [](std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; });
  });
  if (!charset) return mrz::Layout::unknown;
  if (lines.size() == 3 && lines[0].size() == 30 && lines[1].size() == 30 && lines[2].size() == 30) return mrz::Layout::td1;
  if (lines.size() != 2 || lines[0].size() != lines[1].size()) return mrz::Layout::unknown;
  const bool visa = lines[0][0] == 'V';
  if (lines[0].size() == 44) return visa ? mrz::Layout::mrva : mrz::Layout::td3;
  if (lines[0].size() == 36) return visa ? mrz::Layout::mrvb : mrz::Layout::td2;
  return mrz::Layout::unknown;
}

mrz::Layout layout_named(std::string_view name) {
  for (const auto layout : kWritableLayouts) {
    if (mrz::layout_name(layout) == name) return layout;
  }
  return mrz::Layout::unknown;
}

// The layout a document code asks for, when the profile fixes none.
mrz::Layout layout_for(std::string_view code) {
  if (code.empty() || code[0] == 'P') return mrz::Layout::td3;
  if (code[0] == 'V') return mrz::Layout::mrva;
  return mrz::Layout::td1;
}

class MrzWriter final : public FieldTreeWriter {
 public:
  explicit MrzWriter(mrz::Layout layout) : layout_(layout) {}

  bool write(const FieldTree& tree, Diagnostics& diagnostics, std::string& out) override {
    const auto text = [&](std::string_view path) {
      const Field* field = tree.find(path);
      return field ? field->text : std::string();
    };
    mrz::Document document;
    document.document_code = text("document_code");
    document.layout = layout_ != mrz::Layout::unknown ? layout_ : layout_for(document.document_code);
    if (document.document_code.empty()) {
      document.document_code = document.layout == mrz::Layout::td1                                      ? "I"
                               : document.layout == mrz::Layout::mrva || document.layout == mrz::Layout::mrvb ? "V"
                                                                                                          : "P";
    }
    document.issuing_state = text("issuing_state");
    document.document_number = text("document_number");
    document.nationality = text("nationality");
    document.birth_date = text("birth_date");
    document.sex = text("sex");
    document.expiry_date = text("expiry_date");
    document.optional_data = text("optional_data");
    document.optional_data_2 = text("optional_data_2");
    document.primary_identifier = text("surname");
    document.secondary_identifier = text("given_names");
    if (document.primary_identifier.empty() && document.secondary_identifier.empty()) {
      diagnostics.error("mrz.write", "an MRZ needs a name", kFormat, "surname");
      return false;
    }
    const mrz::Written written = mrz::write(document);
    for (const auto& problem : written.problems) diagnostics.loss("mrz.write", problem, kFormat, tree.label);
    if (written.name_truncated) diagnostics.loss("mrz.truncated", "the name was cut to fit the zone", kFormat, "surname");
    for (const auto& line : written.lines) out.append(line).push_back('\n');
    return true;
  }

 private:
  mrz::Layout layout_;
};

class MrzInstance final : public CodecInstance {
 public:
  MrzInstance(mrz::Layout layout, std::shared_ptr<const MrzStateCodes> states)
      : layout_(layout), states_(std::move(states)) {}

  // A zone's shape: any layout (50), or the one the profile fixes (40, so that the generic profile wins).
  int sniff(std::string_view head) const override {
    const mrz::Layout shape = shape_of(first_lines(head));
    if (shape == mrz::Layout::unknown) return 0;
    if (layout_ == mrz::Layout::unknown) return 50;
    return shape == layout_ ? 40 : 0;
  }

  void read(std::istream& input, const ConvertOptions& options, const FieldTreeSink& sink) const override {
    FieldTree tree;
    tree.label = "mrz";
    Diagnostics diagnostics;
    if (!read_bounded(input, std::min(kMaxInputBytes, options.limits.input_bytes), tree.raw.own())) {
      diagnostics.error("mrz.size", "more text than a machine-readable zone (1 MiB) or than limits.input_bytes", kFormat, "",
                        tree.raw.size());
      sink(FieldTree{}, std::move(diagnostics));
      return;
    }
    mrz::Report report;
    read_mrz(tree.raw, {.lenient = !options.strict, .reference_date = {}, .positions = true}, report, *states_);
    report_checks(report, options.strict, diagnostics);
    if (layout_ != mrz::Layout::unknown && report.layout != layout_ && report.layout != mrz::Layout::unknown) {
      diagnostics.error("mrz.layout", "the zone is " + std::string(mrz::layout_name(report.layout)) + ", this format reads " +
                                          std::string(mrz::layout_name(layout_)), kFormat, "zone");
    }
    if (!diagnostics.has_errors()) fields_of(report, tree);
    sink(tree, std::move(diagnostics));
  }

  std::unique_ptr<FieldTreeWriter> writer() const override { return std::make_unique<MrzWriter>(layout_); }

 private:
  // The zone's fields, each where it stands: its line's offset in the input plus its column.
  static void fields_of(const mrz::Report& report, FieldTree& tree) {
    tree.offset = report.line_offsets.empty() ? 0 : report.line_offsets.front();
    report.fields.each([&](std::string_view name, const std::string& value) {
      if (name == "birth_date_iso" || name == "expiry_date_iso" || value.empty()) return;
      Field& field = tree.fields.emplace_back();
      field.path = name;
      field.text = name == "birth_date"    ? report.fields.birth_date_iso
                   : name == "expiry_date" ? report.fields.expiry_date_iso
                                           : value;
      field.offset = tree.offset;
      const auto span = std::find_if(report.spans.begin(), report.spans.end(),
                                     [&](const mrz::Span& s) { return s.field == name; });
      if (span == report.spans.end() || span->line > report.lines.size()) return;  // not in the zone (the French card's nationality)
      const std::string& line = report.lines[span->line - 1];
      field.raw = line.substr(std::min(span->column - 1, line.size()), span->length);
      field.offset = report.line_offsets[span->line - 1] + span->column - 1;
    });
  }

  static void report_checks(const mrz::Report& report, bool strict, Diagnostics& diagnostics) {
    for (const auto& correction : report.corrections) {
      diagnostics.warning("mrz.corrected", correction.reason + (correction.found.empty() ? "" : ": '" + correction.found +
                                                                    "' read as '" + correction.read_as + "'"),
                          kFormat, "line " + std::to_string(correction.line) + " column " + std::to_string(correction.column));
    }
    for (const auto& check : report.checks) {
      if (check.outcome == mrz::Outcome::pass) continue;
      const std::string where = check.line == 0 ? std::string("zone")
                                                : "line " + std::to_string(check.line) + " column " + std::to_string(check.column);
      const std::string message = std::string(check.name) + (check.field.empty() ? "" : " of " + std::string(check.field)) +
                                  ": " + check.message;
      if (check.outcome == mrz::Outcome::fail && (strict || report.layout == mrz::Layout::unknown)) {
        diagnostics.error("mrz." + std::string(check.name), message, kFormat, where);
      } else {
        diagnostics.warning("mrz." + std::string(check.name), message, kFormat, where);
      }
    }
  }

  mrz::Layout layout_;
  std::shared_ptr<const MrzStateCodes> states_;
};

std::shared_ptr<const CodecInstance> configure(const rapidjson::Value* source, const std::string&, const MappingStore& store,
                                               std::string&) {
  mrz::Layout layout = mrz::Layout::unknown;
  if (source != nullptr && source->HasMember("layout")) layout = layout_named((*source)["layout"].GetString());
  // A broken or missing table throws (ProfileError with its file and line).
  return std::make_shared<MrzInstance>(layout, std::make_shared<const MrzStateCodes>(store));
}

bool is_zone_field(std::string_view path, const std::vector<std::string>&) {
  bool known = false;
  mrz::Fields().each([&](std::string_view name, const std::string&) {
    known = known || (name == path && name != "birth_date_iso" && name != "expiry_date_iso");
  });
  return known;
}

}  // namespace

const Codec& mrz_codec() {
  static const Codec codec{
      .name = "mrz",
      .description = "ICAO 9303 machine-readable zones (TD1, TD2, TD3, MRV-A, MRV-B; the French card of 1988 read only)",
      .can_write = true,
      .shape = RecordShape::transactions,
      .source_schema = "schema/source/mrz.schema.json",
      .field_paths = "a field of the zone (document_code, issuing_state, document_number, optional_data, "
                     "optional_data_2, birth_date, expiry_date, sex, nationality, surname, given_names)",
      .is_field = is_zone_field,
      .configure = configure,
  };
  return codec;
}

}  // namespace xborder::detail
