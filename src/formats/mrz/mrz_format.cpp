#include "formats/mrz/mrz_format.hpp"

#include <algorithm>
#include <iterator>

#include "core/clock.hpp"
#include "core/digest.hpp"
#include "core/read_bounded.hpp"
#include "formats/mrz/state_codes.hpp"
#include "xborder/mrz.hpp"

namespace xborder::detail {
namespace {

constexpr const char* kFormat = "mrz";
constexpr std::size_t kMaxInputBytes = 1 << 20;  // a zone with OCR text around it; more is not an MRZ

std::optional<std::int64_t> sex_code(std::string_view sex) {
  if (sex == "M") return 1;
  if (sex == "F") return 2;
  return 0;  // X or '<': not known (ISO/IEC 5218)
}

xes::Message to_xes(std::string_view input, const mrz::Report& report, const ConvertOptions& options) {
  const mrz::Fields& f = report.fields;
  xes::Message message;
  message.header.message_id = "urn:sha256:" + sha256_hex(input);
  stamp_created(message.header.created, options.created);
  xes::Source& source = message.header.source.emplace();
  source.format = kFormat;
  source.profile = std::string(mrz::layout_name(report.layout));
  source.record_ids.push_back("mrz");
  source.sha256 = message.header.message_id.substr(11);
  source.length = static_cast<std::int64_t>(input.size());

  xes::Person& person = message.persons.emplace_back();
  person.id = "p1";
  xes::Name& name = person.names.emplace_back();
  name.family = f.surname;
  for (std::size_t at = 0; at < f.given_names.size();) {
    const auto end = std::min(f.given_names.find_first_of(" ,", at), f.given_names.size());
    if (end > at) name.given.push_back(f.given_names.substr(at, end - at));
    at = end + 1;
  }
  name.full = f.given_names.empty() ? f.surname : f.surname + ", " + f.given_names;
  name.script = "Latn";
  name.kind = "transliteration";  // the MRZ holds the name as ICAO 9303 transliterates it
  name.scheme = "icao9303";
  person.birth_date = f.birth_date_iso;
  if (!f.sex.empty()) person.sex = xes::Sex{sex_code(f.sex), f.sex};
  if (!f.nationality.empty()) person.nationalities.push_back(f.nationality);

  xes::Document& document = message.documents.emplace_back();
  document.id = "d1";
  document.type = f.document_code;
  document.number = f.document_number;
  document.issuer = f.issuing_state;
  document.expires = f.expiry_date_iso;
  document.holder = person.id;

  // What XES has no place for travels as extensions, so that XES -> MRZ gives it back.
  for (const auto& [path, value] : {std::pair{"optional_data", &f.optional_data}, {"optional_data_2", &f.optional_data_2}}) {
    if (!value->empty()) message.extensions.push_back({path, std::nullopt, *value, {}});
  }
  return message;
}


class MrzWriter final : public RecordWriter {
 public:
  explicit MrzWriter(mrz::Layout layout) : layout_(layout) {}

  bool write(const xes::Message& message, Diagnostics& diagnostics, std::string& out_text) override {
    const xes::Document* document = message.documents.empty() ? nullptr : &message.documents.front();
    const xes::Person* person = nullptr;
    for (const auto& candidate : message.persons) {
      if (person == nullptr || (document && candidate.id == document->holder)) person = &candidate;
    }
    if (person == nullptr) {
      diagnostics.error("mrz.write", "an MRZ needs a person (and a document)", kFormat, "persons");
      return false;
    }
    mrz::Document out;
    out.layout = layout_;
    if (document) {
      out.document_code = document_code(document->type);
      out.document_number = document->number;
      out.issuing_state = document->issuer;
      out.expiry_date = document->expires;
    }
    if (out.layout == mrz::Layout::unknown) out.layout = layout_for(out.document_code);
    if (out.document_code.empty()) out.document_code = out.layout == mrz::Layout::td1 ? "I" : out.layout == mrz::Layout::mrva || out.layout == mrz::Layout::mrvb ? "V" : "P";
    // The name as the MRZ had it (an icao9303 transliteration) if there is one, else the first.
    const xes::Name* name = nullptr;
    for (const auto& candidate : person->names) {
      if (name == nullptr || candidate.scheme == "icao9303") name = &candidate;
    }
    if (name != nullptr) {
      out.primary_identifier = name->family.empty() && name->given.empty() ? name->full : name->family;
      for (const auto& given : name->given) out.secondary_identifier += (out.secondary_identifier.empty() ? "" : " ") + given;
    }
    out.birth_date = person->birth_date;
    if (!person->nationalities.empty()) out.nationality = person->nationalities.front();
    if (person->sex && person->sex->code) out.sex = *person->sex->code == 1 ? "M" : *person->sex->code == 2 ? "F" : "X";
    for (const auto& extension : message.extensions) {
      if (extension.source_path == "optional_data") out.optional_data = extension.value;
      if (extension.source_path == "optional_data_2") out.optional_data_2 = extension.value;
    }
    const mrz::Written written = mrz::write(out);
    for (const auto& problem : written.problems) diagnostics.loss("mrz.write", problem, kFormat, "documents[0]");
    if (written.name_truncated) diagnostics.loss("mrz.truncated", "the name was cut to fit the zone", kFormat, "persons[0].names");
    for (const auto& line : written.lines) out_text.append(line).push_back('\n');
    return true;
  }

 private:
  static std::string document_code(const std::string& type) {
    if (type == "passport") return "P";
    if (type == "id-card") return "ID";
    if (type == "visa") return "V";
    return type.size() <= 2 ? type : std::string();
  }

  static mrz::Layout layout_for(const std::string& code) {
    if (code.empty() || code[0] == 'P') return mrz::Layout::td3;
    if (code[0] == 'V') return mrz::Layout::mrva;
    return mrz::Layout::td1;
  }

  mrz::Layout layout_;
};

class MrzFormat final : public Format {
 public:
  MrzFormat(std::string id, std::string description, mrz::Layout layout, bool reads,
            std::shared_ptr<const MrzStateCodes> states)
      : info_{std::move(id), std::move(description), reads, true}, layout_(layout), states_(std::move(states)) {}

  const FormatInfo& info() const override { return info_; }

  int sniff(std::string_view head) const override {
    if (!info_.can_read) return 0;
    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < head.size() && lines.size() < 4;) {
      auto end = std::min(head.find('\n', at), head.size());
      std::string_view line = head.substr(at, end - at);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) lines.push_back(line);
      at = end + 1;
    }
    const bool shaped = (lines.size() == 2 && lines[0].size() == lines[1].size() &&
                         (lines[0].size() == 36 || lines[0].size() == 44)) ||
                        (lines.size() == 3 && lines[0].size() == 30 && lines[1].size() == 30 && lines[2].size() == 30);
    const bool charset = std::all_of(lines.begin(), lines.end(), [](std::string_view line) {
      return std::all_of(line.begin(), line.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; });
    });
    return shaped && charset ? 70 : 0;
  }

  void read(std::istream& input, const ConvertOptions& options, const RecordSink& sink) const override {
    std::vector<xes::Message> batch;
    Diagnostics diagnostics;
    std::string text;
    if (!read_bounded(input, kMaxInputBytes, text)) {
      diagnostics.error("mrz.size", "more than 1 MiB of text is not a machine-readable zone", kFormat, "", text.size());
      deliver(sink, batch, std::nullopt, std::move(diagnostics));
      return;
    }
    mrz::Report report;
    read_mrz(text, {.lenient = !options.strict, .reference_date = {}}, report, *states_);
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
      if (check.outcome == mrz::Outcome::fail && (options.strict || report.layout == mrz::Layout::unknown)) {
        diagnostics.error("mrz." + std::string(check.name), message, kFormat, where);
      } else {
        diagnostics.warning("mrz." + std::string(check.name), message, kFormat, where);
      }
    }
    std::optional<xes::Message> message;
    if (!diagnostics.has_errors()) message = to_xes(text, report, options);
    deliver(sink, batch, std::move(message), std::move(diagnostics));
  }

  std::unique_ptr<RecordWriter> writer(const ConvertOptions&) const override { return std::make_unique<MrzWriter>(layout_); }

 private:
  FormatInfo info_;
  mrz::Layout layout_;
  std::shared_ptr<const MrzStateCodes> states_;
};

}  // namespace

std::vector<std::unique_ptr<Format>> make_mrz_formats(const MappingStore& store) {
  const auto states = std::make_shared<const MrzStateCodes>(store);
  std::vector<std::unique_ptr<Format>> formats;
  formats.push_back(std::make_unique<MrzFormat>(
      "mrz", "ICAO 9303 machine-readable zone (TD1, TD2, TD3, MRV-A, MRV-B, French ID 1988); writes the layout of the document code",
      mrz::Layout::unknown, true, states));
  for (const auto layout : {mrz::Layout::td1, mrz::Layout::td2, mrz::Layout::td3, mrz::Layout::mrva, mrz::Layout::mrvb}) {
    std::string id = "mrz:" + std::string(mrz::layout_name(layout));
    formats.push_back(std::make_unique<MrzFormat>(id, "ICAO 9303 machine-readable zone, written as " + id.substr(4),
                                                  layout, false, states));
  }
  return formats;
}

}  // namespace xborder::detail
