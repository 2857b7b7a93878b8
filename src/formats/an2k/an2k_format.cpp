#include "formats/an2k/an2k_format.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "core/digest.hpp"
#include "core/mapping_store.hpp"
#include "core/read_bounded.hpp"
#include "core/xes_recycle.hpp"
#include "core/data_table.hpp"
#include "formats/an2k/an2k_codec.hpp"

namespace xborder::detail {
namespace {

constexpr const char* kFormat = "an2k";
// A transaction is read whole (the images are views into it); larger inputs are refused, not buffered.
constexpr std::size_t kMaxInputBytes = std::size_t{1} << 30;

// ---- Biometric records: what ANSI/NIST-ITL 1-2011 defines in types 3-17, as XES biometrics -------------

enum class Member { idc, impression, position, width, height, encoding, modality };

// The code lists of mappings/codes/an2k-biometrics.csv: compression of binary image records (a number)
// and of tagged ones (a label), Type-10 image types.
enum class Codes { none, compression_binary, compression_tagged, image_type };

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t value = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

struct BioField {
  unsigned number;
  Member member;
  Codes codes = Codes::none;
};

struct BioRecord {
  unsigned type = 0;
  std::string modality;  // empty: a field says (Type-10 IMT)
  std::string encoding;  // a fixed encoding (Type-9 minutiae)
  bool write_default = false;
  std::vector<BioField> fields;
};

// What the standard defines of the biometric records, from a registry's mappings (a mappings directory may
// override the files): codes/an2k-biometric-records.csv (each record type's modality and the fields that
// fill biometric members) and codes/an2k-biometrics.csv (the code lists those fields hold).
class BiometricTables {
 public:
  explicit BiometricTables(const MappingStore& store) {
    const DataTable lists = DataTable::load(store, "codes/an2k-biometrics.csv");
    const std::size_t list = lists.require("list"), code = lists.require("code"), xes = lists.require("xes");
    for (const auto& row : lists.rows) {
      const Codes which = codes_named(row[list]);
      if (which == Codes::none) lists.fail(row.line, "unknown list '" + row[list] + "'");
      lists_[static_cast<std::size_t>(which)].push_back({row[code], row[xes]});
    }
    const DataTable records = DataTable::load(store, "codes/an2k-biometric-records.csv");
    const std::size_t type = records.require("record_type"), modality = records.require("modality"),
                      encoding = records.require("encoding"), write_default = records.require("write_default"),
                      field = records.require("field"), member = records.require("member"), codes = records.require("codes");
    for (const auto& row : records.rows) {
      const auto number = whole_number(row[type]);
      const auto field_number = whole_number(row[field]);
      if (!number || *number < 3 || *number > 99) records.fail(row.line, "record type '" + row[type] + "' is not 3-99");
      if (!field_number || *field_number < 2 || *field_number > 999) records.fail(row.line, "field '" + row[field] + "' is not 2-999");
      const auto named_member = member_named(row[member]);
      if (!named_member) records.fail(row.line, "unknown member '" + row[member] + "'");
      const Codes list_of_codes = row[codes].empty() ? Codes::none : codes_named(row[codes]);
      if (!row[codes].empty() && list_of_codes == Codes::none) records.fail(row.line, "unknown code list '" + row[codes] + "'");
      BioRecord& record = records_[static_cast<std::size_t>(*number)];
      if (record.type == 0) {
        record = {static_cast<unsigned>(*number), row[modality], row[encoding], row[write_default] == "yes", {}};
      } else if (record.modality != row[modality] || record.encoding != row[encoding] ||
                 record.write_default != (row[write_default] == "yes")) {
        records.fail(row.line, "record type " + row[type] + " has another modality, encoding or write_default above");
      }
      record.fields.push_back({static_cast<unsigned>(*field_number), *named_member, list_of_codes});
    }
  }

  // The layout of a biometric record type, or nullptr.
  const BioRecord* record(unsigned type) const {
    return type < records_.size() && records_[type].type != 0 ? &records_[type] : nullptr;
  }

  // Where an XES biometric that names no record type goes: the record whose field gives its modality as a
  // code (Type-10 for a face), else the record of its modality, else that of fingerprints.
  unsigned default_record_type(std::string_view modality) const {
    unsigned fallback = 0;
    for (const BioRecord& record : records_) {
      if (!record.write_default) continue;
      for (const BioField& field : record.fields) {
        if (field.member == Member::modality && !code_of(field.codes, modality).empty()) return record.type;
      }
      if (record.modality == modality) return record.type;
      if (record.modality == "fingerprint") fallback = record.type;
    }
    return fallback;
  }

  std::string_view name_of(Codes list, std::string_view code) const {
    for (const auto& entry : lists_[static_cast<std::size_t>(list)]) {
      if (entry.code == code) return entry.name;
    }
    return {};
  }

  std::string_view code_of(Codes list, std::string_view name) const {
    for (const auto& entry : lists_[static_cast<std::size_t>(list)]) {
      if (entry.name == name) return entry.code;
    }
    return {};
  }

 private:
  static Codes codes_named(std::string_view name) {
    return name == "compression-binary"   ? Codes::compression_binary
           : name == "compression-tagged" ? Codes::compression_tagged
           : name == "image-type"         ? Codes::image_type
                                          : Codes::none;
  }

  static std::optional<Member> member_named(std::string_view name) {
    static constexpr std::pair<std::string_view, Member> kMembers[] = {
        {"idc", Member::idc},       {"impression", Member::impression}, {"position", Member::position},
        {"width", Member::width},   {"height", Member::height},         {"encoding", Member::encoding},
        {"modality", Member::modality}};
    for (const auto& [known, member] : kMembers) {
      if (known == name) return member;
    }
    return std::nullopt;
  }

  struct CodeName {
    std::string code;
    std::string name;
  };
  std::array<std::vector<CodeName>, 4> lists_;
  std::array<BioRecord, 100> records_;
};


// Sets one member from a field's text. True when writing the member back gives the same text, so the
// field is accounted for; otherwise the field also goes to the extensions, which keep it exactly.
bool read_member(const BioField& field, std::string_view text, xes::Biometric& biometric, const BiometricTables& codes) {
  const auto number = [&](std::optional<std::int64_t>& out) {
    out = whole_number(text);
    return out && std::to_string(*out) == text;
  };
  const auto coded = [&](std::string& out) {
    out = codes.name_of(field.codes, text);
    return !out.empty();
  };
  switch (field.member) {
    case Member::idc: return number(biometric.idc);
    case Member::width: return number(biometric.width);
    case Member::height: return number(biometric.height);
    case Member::impression: biometric.impression = text; return true;
    case Member::position: biometric.position = text; return true;
    case Member::encoding: return coded(biometric.encoding);
    case Member::modality: return coded(biometric.modality);
  }
  return false;
}

std::string write_member(const BioField& field, const xes::Biometric& biometric, const BiometricTables& codes) {
  const auto number = [](const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string();
  };
  switch (field.member) {
    case Member::idc: return number(biometric.idc);
    case Member::width: return number(biometric.width);
    case Member::height: return number(biometric.height);
    case Member::impression: return biometric.impression;
    case Member::position: return biometric.position;
    case Member::encoding: return std::string(codes.code_of(field.codes, biometric.encoding));
    case Member::modality: return std::string(codes.code_of(field.codes, biometric.modality));
  }
  return {};
}

// Pixels per inch from a tagged image record's scale units (1 inch, 2 centimetre) and horizontal pixel scale.
std::optional<std::int64_t> resolution_ppi(std::string_view units, std::string_view scale) {
  const auto value = whole_number(scale);
  if (!value || *value == 0) return std::nullopt;
  if (units == "1") return *value;
  if (units == "2") return std::llround(static_cast<double>(*value) * 2.54);
  return std::nullopt;
}

// The biometrics of a transaction. Marks the leaves the entities represent exactly as consumed, and every
// record's LEN, which the writer computes; the others stay for the profile (and its extensions).
// The paths of a tree's leaves, parsed once for the codec's part of the conversion.
using LeafPaths = std::vector<std::optional<An2kPath>>;

void read_biometrics(const FieldTree& tree, const LeafPaths& paths, const BiometricTables& codes,
                     xes::Message& message, std::vector<bool>& consumed) {
  std::map<std::pair<unsigned, unsigned>, std::size_t> entities;
  std::map<std::size_t, std::string> scale_units;  // per entity, until its pixel scale comes
  for (std::size_t i = 0; i < tree.fields.size(); ++i) {
    const Field& leaf = tree.fields[i];
    const auto& path = paths[i];
    if (path && path->field == 1 && path->occurrence == 1) consumed[i] = true;  // LEN of any record: written anew
    const BioRecord* layout = path ? codes.record(path->type) : nullptr;
    if (layout == nullptr) continue;
    auto [slot, added] = entities.try_emplace({path->type, path->ordinal}, message.biometrics.size());
    if (added) {
      xes::Biometric& created = message.biometrics.emplace_back();
      created.record_type = path->type;
      created.modality = layout->modality;
      created.encoding = layout->encoding;
    }
    xes::Biometric& biometric = message.biometrics[slot->second];
    // A member comes from the first item of a field's first occurrence; a repeat (a quirk) travels as it is.
    const bool first_item = path->subfield == 1 && path->item == 1 && path->occurrence == 1;
    if (path->field == 1 && path->occurrence == 1) {
      continue;
    } else if (path->field == an2k_data_field(path->type) && leaf.binary) {
      // The one copy of the image (a memmove: bytes to bytes, not char by char).
      const auto* bytes = reinterpret_cast<const std::uint8_t*>(leaf.raw.data());
      biometric.data.assign(bytes, bytes + leaf.raw.size());
      biometric.length = static_cast<std::int64_t>(leaf.raw.size());
      biometric.sha256 = sha256_hex(leaf.raw);
      consumed[i] = true;
      message.provenance.push_back({"/biometrics/" + std::to_string(slot->second) + "/data", leaf.path,
                                    static_cast<std::int64_t>(leaf.offset), static_cast<std::int64_t>(leaf.raw.size())});
    } else if (an2k_binary_type(path->type) && path->field == 4 && !first_item) {
      consumed[i] = leaf.text == "255";  // an unused finger position, which the writer fills in
    } else if (!an2k_binary_type(path->type) && first_item && (path->field == 8 || path->field == 9)) {
      // SLC and HPS of types 13-17 give the resolution; the fields themselves travel as extensions.
      if (path->field == 8) scale_units[slot->second] = leaf.text;
      if (path->field == 9) biometric.resolution_ppi = resolution_ppi(scale_units[slot->second], leaf.text);
    } else if (first_item) {
      for (const BioField& field : layout->fields) {
        // An empty field is no member's value: it travels in the extensions, which keep its place.
        if (field.number == path->field) {
          consumed[i] = read_member(field, leaf.text, biometric, codes) && !leaf.text.empty();
        }
      }
    }
  }
}

// The leaves of the biometric records, from the XES biometrics. Fields already in the tree (from the
// extensions, which hold the source's own text) are kept.
void write_biometrics(const xes::Message& message, const BiometricTables& codes, FieldTree& tree,
                      Diagnostics& diagnostics) {
  std::array<unsigned, 100> ordinals{};
  for (std::size_t b = 0; b < message.biometrics.size(); ++b) {
    const xes::Biometric& biometric = message.biometrics[b];
    const std::string where = "biometrics[" + std::to_string(b) + "]";
    const unsigned type = biometric.record_type ? static_cast<unsigned>(std::clamp<std::int64_t>(*biometric.record_type, 0, 99))
                                                : codes.default_record_type(biometric.modality);
    const BioRecord* layout = codes.record(type);
    if (layout == nullptr) {
      diagnostics.loss("an2k.biometric", "record type " + std::to_string(type) + " is not a biometric record", kFormat, where);
      continue;
    }
    const unsigned ordinal = ++ordinals[type];
    const auto put = [&](unsigned number, std::string text) -> Field* {
      const std::string path = An2kPath{type, ordinal, number}.text();
      if (tree.find(path) != nullptr || text.empty()) return nullptr;
      return &tree.set(path, std::move(text));
    };
    if (!an2k_binary_type(type)) put(1, "0");  // LEN leads the record; its value is computed
    for (const BioField& field : layout->fields) {
      const std::string text = write_member(field, biometric, codes);
      if (field.member == Member::encoding && text.empty() && !biometric.encoding.empty() &&
          biometric.encoding != layout->encoding) {
        diagnostics.loss("an2k.encoding", "encoding '" + biometric.encoding + "' has no ANSI/NIST code", kFormat,
                         where + ".encoding");
      }
      put(field.number, text);
    }
    const unsigned data_field = an2k_data_field(type);
    if (biometric.data.empty()) {
      if (type != 9) {
        diagnostics.loss("an2k.biometric", "the biometric carries no bytes; its record has no image", kFormat, where);
      }
      continue;
    }
    const std::string path = An2kPath{type, ordinal, data_field}.text();
    if (tree.find(path) == nullptr) {
      Field& data = tree.set(path, {});
      // A view of the message's bytes, which outlive the tree (written at once): no copy.
      data.raw = FieldBytes::view_of({reinterpret_cast<const char*>(biometric.data.data()), biometric.data.size()}, nullptr);
      data.binary = true;
    }
  }
}

// ---- The layout of a transaction read: what a profile does not carry and a byte-exact copy needs ---------
//
// A tagged record spelt as the standard writes it (3-digit tags of its own type, fields once each and in
// ascending order, LEN unpadded) comes back byte for byte from its values alone. Records that real files spell
// otherwise travel in one extension, kLayoutPath, whose value lists each field of those records in source
// order: "path@offset", then "=tag" if the tag is spelt otherwise, then ":text" for a LEN written so
// ("1.001@6=1.01 1.002@13=1.02 ... 9.005#2@1234=13.005 9[2].001@5000:0367").

constexpr std::string_view kLayoutPath = "an2k:layout";

struct LayoutField {
  std::uint64_t offset = 0;
  std::string_view tag;
  std::string_view len;
};

using LayoutKey = std::tuple<unsigned, unsigned, unsigned, unsigned>;  // type, ordinal, field, occurrence

LayoutKey layout_key(const An2kPath& path) { return {path.type, path.ordinal, path.field, path.occurrence}; }

// The layout of the records of `tree` that are not spelt as the standard writes them; empty if none.
std::string layout_of(const FieldTree& tree, const LeafPaths& paths) {
  // Which tagged records are spelt otherwise, and whether the records come in ascending type (the order a
  // transaction built from XES would take): most transactions need no layout, and cost one pass.
  std::vector<std::pair<unsigned, unsigned>> quirky;
  std::vector<std::size_t> record_leaves;  // the first leaf of each record, in order
  bool ascending = true;
  const An2kPath* previous = nullptr;
  for (std::size_t i = 0; i < tree.fields.size(); ++i) {
    const auto& path = paths[i];
    if (!path) continue;
    const bool same_record = previous && previous->type == path->type && previous->ordinal == path->ordinal;
    if (!same_record) {
      ascending = ascending && (!previous || previous->type <= path->type);
      record_leaves.push_back(i);
    }
    const Field& leaf = tree.fields[i];
    const bool backwards = same_record && std::pair(previous->field, previous->occurrence) >
                                              std::pair(path->field, path->occurrence);
    const bool padded = !an2k_binary_type(path->type) && path->field == 1 && path->subfield == 1 &&
                        path->item == 1 && std::to_string(whole_number(leaf.raw).value_or(-1)) != leaf.raw.view();
    if ((!leaf.tag.empty() || path->occurrence != 1 || backwards || padded) &&
        std::find(quirky.begin(), quirky.end(), std::pair(path->type, path->ordinal)) == quirky.end()) {
      quirky.emplace_back(path->type, path->ordinal);
    }
    previous = &*path;
  }
  std::string layout;
  if (quirky.empty() && ascending) return layout;
  // Every record in source order: a record spelt otherwise with each of its fields once, at its first leaf;
  // any other by its first field alone, which gives its place.
  const auto token = [&](std::size_t i, const An2kPath& path) {
    const Field& first = tree.fields[i];
    if (!layout.empty()) layout += ' ';
    layout += An2kPath{path.type, path.ordinal, path.field, path.occurrence}.text();
    layout += '@';
    layout += std::to_string(first.offset);
    if (!first.tag.empty()) layout.append("=").append(first.tag);
    if (path.field == 1 && path.occurrence == 1 && !an2k_binary_type(path.type)) {
      layout.append(":").append(first.raw.view());
    }
  };
  for (std::size_t r = 0; r < record_leaves.size(); ++r) {
    const std::size_t begin = record_leaves[r];
    const std::size_t end = r + 1 < record_leaves.size() ? record_leaves[r + 1] : tree.fields.size();
    const An2kPath& record = *paths[begin];
    if (std::find(quirky.begin(), quirky.end(), std::pair(record.type, record.ordinal)) == quirky.end()) {
      token(begin, record);
      continue;
    }
    const An2kPath* last = nullptr;
    for (std::size_t i = begin; i < end; ++i) {
      if (!paths[i] || (last && layout_key(*last) == layout_key(*paths[i]))) continue;
      last = &*paths[i];
      token(i, *last);
    }
  }
  return layout;
}

// Puts the fields of `tree` back as `layout` says they stood: tags, LEN as written, and the source order (the
// fields of a record listed there stand at increasing offsets, which the writer keeps). False if the layout
// does not parse.
bool apply_layout(std::string_view layout, FieldTree& tree) {
  std::map<LayoutKey, LayoutField> fields;
  std::set<std::pair<unsigned, unsigned>> records;
  while (!layout.empty()) {
    const std::string_view token = layout.substr(0, layout.find(' '));
    layout.remove_prefix(std::min(layout.size(), token.size() + 1));
    const auto at = token.find('@');
    const auto path = An2kPath::parse(token.substr(0, at));
    if (at == std::string_view::npos || !path || path->subfield != 1 || path->item != 1) return false;
    std::string_view rest = token.substr(at + 1);
    const std::size_t digits = std::min(rest.find_first_of("=:"), rest.size());
    const auto offset = whole_number(rest.substr(0, digits));
    if (!offset) return false;
    LayoutField field{static_cast<std::uint64_t>(*offset), {}, {}};
    rest.remove_prefix(digits);
    if (!rest.empty() && rest.front() == '=') {
      field.tag = rest.substr(1, rest.find(':') - 1);
      rest.remove_prefix(field.tag.size() + 1);
    }
    if (!rest.empty()) {  // ":text" of a LEN, digits
      field.len = rest.substr(1);
      if (path->field != 1 || rest.front() != ':' || !whole_number(field.len)) return false;
    }
    fields[layout_key(*path)] = field;
    records.insert({path->type, path->ordinal});
  }
  // LEN as it was written (the biometric records put a placeholder; the writer keeps a text still right).
  for (const auto& [key, field] : fields) {
    const auto& [type, ordinal, number, occurrence] = key;
    if (number == 1 && !field.len.empty()) tree.set(An2kPath{type, ordinal, 1}.text(), std::string(field.len));
  }
  // Source order: each leaf of a listed field at its field's offset (items after it, one byte apart at least,
  // as they stood), listed records' other fields last, records in the order they first appear.
  // Records where the source had them (the least offset listed of each); records the layout does not list
  // (added to the message since) after them, in the order they first appear.
  std::map<std::pair<unsigned, unsigned>, std::uint64_t> record_place;
  for (const auto& [key, field] : fields) {
    const auto [place, added] = record_place.try_emplace({std::get<0>(key), std::get<1>(key)}, field.offset);
    if (!added) place->second = std::min(place->second, field.offset);
  }
  std::map<std::pair<unsigned, unsigned>, std::uint64_t> record_rank;
  std::vector<std::tuple<std::uint64_t, std::uint64_t, std::size_t>> order(tree.fields.size());
  LayoutKey previous{};
  std::uint64_t step = 0;
  for (std::size_t i = 0; i < tree.fields.size(); ++i) {
    Field& leaf = tree.fields[i];
    const auto path = An2kPath::parse(leaf.path);
    std::uint64_t place = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t rank = std::numeric_limits<std::uint64_t>::max();
    if (path) {
      const std::pair record{path->type, path->ordinal};
      const auto listed = record_place.find(record);
      rank = listed != record_place.end()
                 ? listed->second
                 : record_rank.try_emplace(record, (std::uint64_t{1} << 62) + record_rank.size()).first->second;
      if (const auto found = fields.find(layout_key(*path)); found != fields.end()) {
        place = found->second.offset;
        if (!found->second.tag.empty()) leaf.tag = found->second.tag;
      }
    }
    order[i] = {rank, place, i};
  }
  std::sort(order.begin(), order.end());
  std::vector<Field> sorted;
  sorted.reserve(tree.fields.size());
  for (const auto& [rank, place, index] : order) {
    Field& leaf = sorted.emplace_back(std::move(tree.fields[index]));
    const auto path = An2kPath::parse(leaf.path);
    if (!path || !records.contains({path->type, path->ordinal})) continue;
    if (place == std::numeric_limits<std::uint64_t>::max()) {
      leaf.offset = 0;  // not where the source had it: the writer goes back to ascending order
      continue;
    }
    const LayoutKey key = layout_key(*path);
    step = key == previous ? step + 1 : 0;
    previous = key;
    leaf.offset = place + step;
  }
  tree.fields = std::move(sorted);
  return true;
}

class An2kWriter final : public FieldTreeWriter {
 public:
  bool write(const FieldTree& tree, Diagnostics& diagnostics, std::string& out) override {
    const auto text = write_an2k(tree, diagnostics);
    if (text) out += *text;
    return text.has_value();
  }
};

class An2kInstance final : public CodecInstance {
 public:
  explicit An2kInstance(std::shared_ptr<const BiometricTables> codes) : codes_(std::move(codes)) {}

  int sniff(std::string_view head) const override { return looks_like_an2k(head) ? 50 : 0; }

  // Reads the input and hands over each transaction as a FieldTree. A file normally holds one; further
  // transactions may follow back to back.
  void read(std::istream& input, const ConvertOptions& options, const FieldTreeSink& sink) const override {
    // The input whole, without a copy when it is in memory already: every leaf is a view into it.
    Diagnostics diagnostics;
    const std::size_t limit = std::min(kMaxInputBytes, options.limits.input_bytes);
    std::shared_ptr<const std::string> owner;
    const auto whole = read_whole(input, limit, owner);
    if (!whole) {
      diagnostics.error("an2k.size", "the input exceeds " + std::to_string(limit) + " bytes (the largest transaction read)",
                        kFormat, "", limit);
      sink(FieldTree{}, std::move(diagnostics));
      return;
    }
    const std::string_view data = *whole;
    An2kTransaction transaction;
    FieldTree tree;
    std::size_t pos = 0;
    for (std::size_t number = 1; pos < data.size(); ++number) {
      const std::string_view rest = data.substr(pos);
      const auto consumed = parse_an2k(rest, pos, options.strict, transaction, diagnostics);
      const std::string label = "transaction[" + std::to_string(number) + "]";
      if (!consumed || !an2k_to_field_tree(transaction, label, owner, tree, diagnostics)) {
        sink(FieldTree{}, std::move(diagnostics));
        return;
      }
      pos += *consumed;
      bool more = pos < data.size() && looks_like_an2k(data.substr(pos));
      if (pos < data.size() && !more) {
        const std::string message = std::to_string(data.size() - pos) + " bytes follow the last record CNT lists";
        if (options.strict) {
          diagnostics.error("an2k.trailing", message, kFormat, label, pos);
        } else {
          diagnostics.warning("an2k.trailing", message, kFormat, label, pos);
        }
      }
      if (!sink(tree, std::move(diagnostics)) || !more) return;
      diagnostics = Diagnostics();
    }
    if (data.empty()) {
      diagnostics.error("an2k.empty", "the input is empty; a transaction starts with a Type-1 record", kFormat, "1", 0);
      sink(FieldTree{}, std::move(diagnostics));
    }
  }

  std::unique_ptr<FieldTreeWriter> writer() const override { return std::make_unique<An2kWriter>(); }

  // ANSI/NIST headers are ASCII: sniff patterns see them as Latin-1.
  std::string charset() const override { return "ISO-8859-1"; }

  void to_xes(const FieldTree& tree, xes::Message& message, std::vector<bool>& consumed) const override {
    message.biometrics.clear();  // made anew, not filled in place
    thread_local LeafPaths paths;
    paths.clear();
    for (const Field& leaf : tree.fields) paths.push_back(An2kPath::parse(leaf.path));
    read_biometrics(tree, paths, *codes_, message, consumed);
    std::string layout = layout_of(tree, paths);
    if (!layout.empty()) message.extensions.push_back({std::string(kLayoutPath), std::nullopt, std::move(layout), {}});
  }

  void finish_xes(xes::Message& message) const override {
    if (message.persons.empty()) return;
    for (auto& biometric : message.biometrics) biometric.subject = message.persons.front().id;
  }

  void from_xes(const xes::Message& message, FieldTree& tree, Diagnostics& diagnostics) const override {
    write_biometrics(message, *codes_, tree, diagnostics);
    // The layout's extension became a field of the tree like any other: it is no field of a transaction.
    std::erase_if(tree.fields, [](const Field& field) { return field.path == kLayoutPath; });
    for (const xes::Extension& extension : message.extensions) {
      if (extension.source_path == kLayoutPath && !apply_layout(extension.value, tree)) {
        diagnostics.error("an2k.layout", "the transaction's layout does not read", kFormat, std::string(kLayoutPath));
      }
    }
  }

 private:
  std::shared_ptr<const BiometricTables> codes_;
};

// A broken or missing table throws (ProfileError with its file and line).
std::shared_ptr<const CodecInstance> configure(const rapidjson::Value*, const std::string&, const MappingStore& store,
                                               std::string&) {
  return std::make_shared<An2kInstance>(std::make_shared<const BiometricTables>(store));
}

bool is_an2k_path(std::string_view path, const std::vector<std::string>&) { return An2kPath::parse(path).has_value(); }

}  // namespace

bool looks_like_an2k(std::string_view head) {
  std::size_t pos = 0;
  if (head.substr(0, 2) != "1.") return false;
  pos = 2;
  while (pos < head.size() && head[pos] == '0') ++pos;
  if (pos == 2 || pos >= head.size() || head[pos] != '1' || pos + 1 >= head.size() || head[pos + 1] != ':') return false;
  pos += 2;
  const std::size_t digits = pos;
  while (pos < head.size() && head[pos] >= '0' && head[pos] <= '9') ++pos;
  return pos > digits && pos < head.size() && head[pos] == kGroupSeparator;
}

const Codec& an2k_codec() {
  static const Codec codec{
      .name = "an2k",
      .description = "ANSI/NIST-ITL 1-2011 transactions, traditional encoding (tagged and binary records)",
      .can_write = true,
      .binary = true,
      .shape = RecordShape::transactions,
      .empty_fields_hold_place = true,
      .field_paths = "an ANSI/NIST field path ('2.018', '2.047.2', '2.019[2]', '10[2].003')",
      .is_field = is_an2k_path,
      .configure = configure,
  };
  return codec;
}

}  // namespace xborder::detail
