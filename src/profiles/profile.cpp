#include "profiles/profile.hpp"

#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <unicode/regex.h>

#include <charconv>
#include <future>
#include <map>
#include <set>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include "core/charset.hpp"
#include "core/clock.hpp"
#include "core/digest.hpp"
#include "core/located_json.hpp"
#include "core/utf8.hpp"
#include "core/xes_gaps.hpp"
#include "core/xes_recycle.hpp"
#include "profiles/name_scripts.hpp"

namespace xborder::detail {
namespace {

// Entities a profile created without an id get one: p1, d1, o1, ... in list order.
void assign_ids(xes::Message& message) {
  const auto number = [](auto& entities, char prefix) {
    for (std::size_t i = 0; i < entities.size(); ++i) {
      if (!entities[i].id.empty()) continue;
      char id[24] = {prefix};
      entities[i].id.assign(id, std::to_chars(id + 1, id + sizeof id, i + 1).ptr);
    }
  };
  number(message.persons, 'p');
  number(message.documents, 'd');
  number(message.offences, 'o');
  number(message.notices, 'n');
  number(message.warrants, 'w');
  number(message.biometrics, 'b');
  number(message.vehicles, 'v');
  number(message.objects, 'x');
  number(message.organisations, 'g');
  number(message.locations, 'l');
}

// The field at `path` of a tree being written (from_xes): columns come in declared order, so try the hint first.
const Field* field_at(const FieldTree& tree, const std::string& path, std::size_t hint, std::size_t& index) {
  if (hint < tree.fields.size() && tree.fields[hint].path == path) {
    index = hint;
    return &tree.fields[hint];
  }
  for (index = 0; index < tree.fields.size(); ++index) {
    if (tree.fields[index].path == path) return &tree.fields[index];
  }
  return nullptr;
}

// The fields of one record found by the numbers of their paths (Profile::path_ids): each field's path is
// hashed once, and the rules look their fields up by number. The first field of a path wins, as in a walk.
// `by_position`: the fields are the profile's columns in order, found by their hints.
class FieldLookup {
 public:
  FieldLookup(const FieldTree& tree, bool by_position, const Profile& profile)
      : tree_(tree), by_position_(by_position), kept_(kept()) {
    if (by_position) return;
    std::vector<std::uint32_t>& slots = kept_.slots;
    if (slots.size() < profile.path_ids.size()) slots.resize(profile.path_ids.size(), 0);
    kept_.found.reserve(tree.fields.size());  // no allocation (and so no throw) once slots are being set
    for (std::size_t i = 0; i < tree.fields.size(); ++i) {
      const auto found = profile.path_ids.find(std::string_view(tree.fields[i].path));
      if (found == profile.path_ids.end() || slots[found->second] != 0) continue;
      slots[found->second] = static_cast<std::uint32_t>(i + 1);
      kept_.found.push_back(found->second);
    }
  }
  ~FieldLookup() {
    for (const std::uint32_t id : kept_.found) kept_.slots[id] = 0;
    kept_.found.clear();
  }
  FieldLookup(const FieldLookup&) = delete;
  FieldLookup& operator=(const FieldLookup&) = delete;

  // The numbers of the paths found in the record, in the order of their first fields.
  const std::vector<std::uint32_t>& found() const { return kept_.found; }

  const Field* operator()(std::uint32_t id, std::size_t hint, std::size_t& index) const {
    if (by_position_) {
      if (hint >= tree_.fields.size()) return nullptr;
      index = hint;
      return &tree_.fields[hint];
    }
    if (id == Profile::kNoPath || kept_.slots[id] == 0) return nullptr;
    index = kept_.slots[id] - 1;
    return &tree_.fields[index];
  }

 private:
  // Kept per thread from record to record (a record is mapped by one thread, one record at a time).
  struct Kept {
    std::vector<std::uint32_t> slots;  // by path number: the index + 1 of its first field, or 0 (all 0 between records)
    std::vector<std::uint32_t> found;  // the numbers set in `slots`
  };
  static Kept& kept() {
    thread_local Kept kept;
    return kept;
  }

  const FieldTree& tree_;
  bool by_position_;
  Kept& kept_;
};

// Whether a rule's condition holds. `find(path, number, hint, index)` finds a field: a FieldLookup by
// number, or field_at by path where the fields change between calls.
template <class Find>
bool condition_holds(const Rule& rule, const Profile::RulePaths& paths, const Find& find) {
  if (rule.when_field.empty()) return true;
  std::size_t index = 0;
  if (!rule.and_field.empty()) {
    const Field* also = find(rule.and_field, paths.also, rule.and_hint, index);
    if (also == nullptr || also->text.empty()) return false;
  }
  const Field* field = find(rule.when_field, paths.when, rule.when_hint, index);
  const std::string_view text = field ? std::string_view(field->text) : std::string_view();
  if (rule.when_values.empty()) return !text.empty();
  return std::find(rule.when_values.begin(), rule.when_values.end(), text) != rule.when_values.end();
}

}  // namespace

// A writing rule must give back its source fields exactly. Where it would not for this value (a trailing
// space dropped by a split, a code written two ways), the original text is kept in the extensions, which
// the writer prefers, and a warning says so.
void Profile::keep_inexact(const Rule& rule, const FieldTree& tree, std::span<const Field* const> sources,
                           const Values& values, xes::Message& message, Diagnostics& diagnostics,
                           TransformContext& context) const {
  thread_local Values back;
  std::size_t kept = 0;
  for (const auto& value : values) {
    if (value.empty()) continue;
    if (back.size() <= kept) back.emplace_back();
    back[kept++].assign(value);
  }
  back.resize(kept);
  Diagnostics quiet;
  TransformContext inverse{quiet, context.format, context.record, context.field, context.offset};
  bool ok = true;
  for (auto transform = rule.transforms.rbegin(); ok && transform != rule.transforms.rend(); ++transform) {
    ok = (*transform)->backward(back, inverse);
  }
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const Field* field = sources[i];
    if (field == nullptr) continue;
    const bool exact = ok && back.size() == rule.from.size() && back[i] == field->text;
    if (exact || (field->text.empty() && (back.empty() || back[i].empty()))) continue;
    message.extensions.push_back({field->path, static_cast<std::int64_t>(field->offset), field->text, {}});
    diagnostics.warning("profile.inexact",
                        "rule " + rule.id + " would not write '" + field->text + "' back exactly; the original is "
                        "kept in extensions",
                        std::string(context.format), tree.label + "." + field->path, field->offset);
  }
}

int Profile::sniff(std::string_view head) const {
  const int syntax = reader->sniff(head);
  if (syntax == 0) return 0;
  const bool judged = syntax != CodecInstance::kSniffUndecided;
  const bool own = !sniff_prefix.empty() || sniff_pattern;
  if (!own) return judged ? syntax : 0;
  if (own_sniff(head)) return judged ? 90 : 80;
  return judged ? std::min(syntax, 30) : 0;
}

bool Profile::own_sniff(std::string_view head) const {
  if (!sniff_prefix.empty()) return head.substr(0, sniff_prefix.size()) == sniff_prefix;
  const auto* pattern = static_cast<const icu::RegexPattern*>(sniff_pattern.get());
  // Rows and transactions say what they are in their first line; documents (JSON, XML) somewhere in their
  // head, after declarations and whitespace.
  // The head of a document (UTF-8) may end inside a character: up to its last whole one.
  const bool document = syntax->shape == RecordShape::documents;
  std::string line;
  if (!Charset::named(reader->charset()).decode(document ? whole_utf8_prefix(head) : head.substr(0, head.find('\n')), line)) {
    return false;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(line);
  std::unique_ptr<icu::RegexMatcher> matcher(pattern->matcher(text, status));
  if (U_FAILURE(status)) return false;
  matcher->setTimeLimit(1000, status);
  const bool found = document ? matcher->find(status) : matcher->lookingAt(status);
  return found && U_SUCCESS(status);
}

namespace {

// The header's digest of a large record is taken on a second thread while the codec and the rules work: the
// codec may digest parts of the record once more (an ANSI/NIST image, for its biometric's own sha256), and
// the two passes one after the other would double the time of a conversion. A thread costs more than the
// digest of a small record, which is taken in line.
constexpr std::size_t kDigestBesideFrom = 128 * 1024;

class RecordDigest {
 public:
  explicit RecordDigest(std::string_view bytes) : bytes_(bytes) {
    if (bytes.size() < kDigestBesideFrom) return;
    try {
      beside_ = std::async(std::launch::async, [bytes] { return sha256_hex(bytes); });
    } catch (const std::system_error&) {  // no thread to be had: taken in line
    }
  }
  RecordDigest(const RecordDigest&) = delete;
  RecordDigest& operator=(const RecordDigest&) = delete;
  ~RecordDigest() = default;  // a future of std::async waits for its thread: the bytes outlive the reading

  void append_hex(std::string& out) {
    if (beside_.valid()) {
      out.append(beside_.get());
    } else {
      append_sha256_hex(bytes_, out);
    }
  }

 private:
  std::string_view bytes_;
  std::future<std::string> beside_;
};

}  // namespace

bool Profile::to_xes(const FieldTree& tree, const ConvertOptions& options, Diagnostics& diagnostics,
                     xes::Message& message, FieldOrder order) const {
  const std::string& format = format_id;
  const bool by_position = order == FieldOrder::columns && hints_are_columns && tree.fields.size() == columns.size();
  const std::size_t errors_before = diagnostics.error_count();
  RecordDigest digest(tree.raw);
  // Which fields the codec or a rule read: one list kept per thread (no allocation a record).
  thread_local std::vector<bool> used;
  used.assign(tree.fields.size(), false);
  reader->to_xes(tree, message, used);
  // Provenance entries are written over those of the last message reused on this thread, when the codec
  // made none; every field of an entry is set.
  std::size_t entries = message.provenance.size();
  if (entries == 0) message.provenance.swap(spare_provenance());
  // Scratch values live on per thread: their strings keep their capacity from row to row.
  thread_local Values values;
  thread_local std::vector<std::size_t> read;  // the fields a rule reads
  thread_local std::vector<const Field*> sources;  // the field of each of its source paths (nullptr: none)
  // Where a rule reports: its first field (or its id for a constant) in this record.
  const auto rule_context = [&](const Rule& rule, const Field* first) {
    return TransformContext{diagnostics, format, tree.label, rule.from.empty() ? rule.id : rule.from[0],
                            first ? std::optional<std::uint64_t>(first->offset) : std::nullopt};
  };
  // Sets one value at the rule's target and says where it came from (a constant comes from nowhere). Inlined
  // where it is called: it runs for every value of every record.
  const auto map = [&](const Rule& rule, std::string_view value, const Field* first) __attribute__((always_inline)) {
    xes::ProvenanceEntry* entry = nullptr;
    if (first != nullptr) {
      entry = entries < message.provenance.size() ? &message.provenance[entries] : &message.provenance.emplace_back();
    }
    if (!rule.to.assign(message, value, entry ? &entry->path : nullptr)) {
      const TransformContext context = rule_context(rule, first);
      diagnostics.error("profile.type", "rule " + rule.id + ": '" + std::string(value) + "' does not fit " + rule.to.text(),
                        format, context.path(), context.offset);
      return;
    }
    if (entry != nullptr) {
      ++entries;
      entry->source_path.assign(first->path);
      entry->offset = static_cast<std::int64_t>(first->offset);
      entry->length = static_cast<std::int64_t>(first->raw.size());
    }
  };
  const FieldLookup lookup(tree, by_position, *this);
  const auto find = [&lookup](const std::string&, std::uint32_t id, std::size_t hint, std::size_t& index) {
    return lookup(id, hint, index);
  };
  // The rules this record's fields can set off, in their order (columns: every rule, each found by position).
  thread_local std::vector<std::uint32_t> active;
  active.clear();
  if (by_position) {
    for (std::uint32_t i = 0; i < rules.size(); ++i) active.push_back(i);
  } else {
    active.assign(rules_always.begin(), rules_always.end());
    // A path met again (a record whose fields repeat one) adds nothing: the rules look up its first field. A
    // rule of several fields is set off by each of them, and runs once.
    for (const std::uint32_t id : lookup.found()) active.insert(active.end(), rules_by_path[id].begin(), rules_by_path[id].end());
    std::sort(active.begin(), active.end());
    active.erase(std::unique(active.begin(), active.end()), active.end());
  }
  // About one entry a field read: seldom a regrowth while mapping, and little more room than the record needs
  // (a message leaves with its entries' storage; a profile may have thousands of rules).
  message.provenance.reserve(entries + tree.fields.size());
  for (const std::uint32_t rule_index : active) {
    const Rule& rule = *rules[rule_index];
    const RulePaths& paths = rule_paths[rule_index];
    if (!condition_holds(rule, paths, find)) continue;
    if (rule.from.size() == 1 && rule.transforms.empty()) {  // the most common rule: a field as it is
      std::size_t index = 0;
      const Field* field = lookup(paths.from[0], rule.from_hints[0], index);
      if (field == nullptr || field->text.empty()) continue;
      used[index] = true;
      map(rule, field->text, field);
      continue;
    }
    const Field* first = nullptr;
    sources.clear();
    if (rule.value) {
      values.resize(1);
      values[0].assign(*rule.value);
    } else {
      bool any = false;
      values.resize(rule.from.size());
      read.clear();
      for (std::size_t i = 0; i < rule.from.size(); ++i) {
        std::size_t index = 0;
        const Field* field = lookup(paths.from[i], rule.from_hints[i], index);
        sources.push_back(field);
        if (field == nullptr) {
          values[i].clear();
          continue;
        }
        read.push_back(index);
        if (first == nullptr) first = field;
        any = any || !field->text.empty();
        values[i].assign(field->text);
      }
      // A rule with nothing to map leaves its fields to the extensions below: an empty ANSI/NIST field still
      // holds its place (and its record's), which no XES value would restore.
      if (!any) continue;
      for (const std::size_t index : read) used[index] = true;
    }
    TransformContext context = rule_context(rule, first);
    bool ok = true;
    for (const auto& transform : rule.transforms) {
      if (!(ok = transform->forward(values, context))) break;
    }
    if (!ok) continue;
    if (rule.writes && !rule.transforms.empty() && (!rule.exactness_told || context.inexact)) {
      keep_inexact(rule, tree, sources, values, message, diagnostics, context);
    }
    const auto non_empty = std::count_if(values.begin(), values.end(), [](const std::string& v) { return !v.empty(); });
    if (non_empty > 1 && !rule.to.appends()) {
      diagnostics.error("profile.values", "rule " + rule.id + " made " + std::to_string(non_empty) + " values for " +
                                              rule.to.text() + ", which holds one",
                        format, context.path(), context.offset);
      continue;
    }
    const std::size_t mapped_from = entries;
    for (const std::string& value : values) {
      if (!value.empty()) map(rule, value, first);
    }
    // A value made of several fields (a name joined from its parts) comes from each of them.
    if (rule.from.size() > 1 && entries > mapped_from) {
      for (const std::size_t index : read) {
        const Field& field = tree.fields[index];
        if (&field == first || field.text.empty()) continue;
        xes::ProvenanceEntry& entry = entries < message.provenance.size() ? message.provenance[entries] : message.provenance.emplace_back();
        entry.path = message.provenance[entries - 1].path;
        entry.source_path.assign(field.path);
        entry.offset = static_cast<std::int64_t>(field.offset);
        entry.length = static_cast<std::int64_t>(field.raw.size());
        ++entries;
      }
    }
  }
  message.provenance.resize(entries);
  for (std::size_t i = 0; i < tree.fields.size(); ++i) {
    const Field& field = tree.fields[i];
    // An empty CSV cell says nothing; an empty ANSI/NIST item holds its place among the items after it.
    if (used[i] || (field.text.empty() && field.raw.empty() && !syntax->empty_fields_hold_place)) continue;
    if (unmapped_to_extensions) {
      xes::Extension& extension = message.extensions.emplace_back();
      extension.source_path.assign(field.path);
      extension.offset = static_cast<std::int64_t>(field.offset);
      if (field.binary) {
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(field.raw.data());
        extension.data.assign(bytes, bytes + field.raw.size());
      } else {
        extension.value.assign(field.text);
      }
    } else {
      diagnostics.loss("profile.unmapped", "no rule of profile " + id + " maps this field", format,
                       tree.label + "." + field.path, field.offset);
    }
  }
  if (diagnostics.error_count() != errors_before) return false;
  finish_in_place(message);  // before ids are given: records kept from the message before and left empty go
  close_gaps(message);        // items a rule skipped (no third alias, but a fourth) leave no empty record
  fill_name_scripts(message);
  assign_ids(message);
  reader->finish_xes(message);
  xes::Source& source = message.header.source.emplace(recycled_source());
  digest.append_hex(source.sha256);
  message.header.message_id.assign("urn:sha256:").append(source.sha256);
  stamp_created(message.header.created, options.created);
  source.format.assign(codec);
  source.profile.assign(id);
  source.record_ids.push_back(tree.label);
  source.length = static_cast<std::int64_t>(tree.raw.size());
  return true;
}

namespace {

// The place of each item of a list, from the fields its provenance names; nothing unless every item has a
// place of its own.
std::optional<std::vector<std::size_t>> places_by_source(const xes::Message& message, const Profile::PlacedList& list,
                                                         std::size_t items) {
  std::vector<std::optional<std::size_t>> found(items);
  const std::string_view pointer = list.pointer;
  for (const xes::ProvenanceEntry& entry : message.provenance) {
    const std::string_view path = entry.path;
    if (path.size() <= pointer.size() || !path.starts_with(pointer) || path[pointer.size()] != '/') continue;
    std::size_t item = 0;
    const char* digits = path.data() + pointer.size() + 1;
    const auto [end, ec] = std::from_chars(digits, path.data() + path.size(), item);
    if (ec != std::errc() || end == digits || (end != path.data() + path.size() && *end != '/') || item >= items) {
      continue;
    }
    const auto place = list.places.find(entry.source_path);
    if (place != list.places.end() && !found[item]) found[item] = place->second;
  }
  std::vector<std::size_t> places;
  std::set<std::size_t> taken;
  for (const auto& place : found) {
    if (!place || !taken.insert(*place).second) return std::nullopt;
    places.push_back(*place);
  }
  return places;
}

// Each item at the first free place of its kind; a place whose field an extension restores is that field's
// (extensions win on writing). Nothing when some item has no place of its kind.
std::optional<std::vector<std::size_t>> places_by_identity(const xes::Message& message, const Profile::PlacedList& list,
                                                           const std::vector<std::string>& kinds) {
  std::set<std::size_t> taken;
  for (const auto& place_field : list.fields) {
    if (std::any_of(message.extensions.begin(), message.extensions.end(), [&](const xes::Extension& extension) {
          return extension.source_path == place_field.second;
        })) {
      taken.insert(place_field.first);
    }
  }
  std::vector<std::size_t> places;
  for (const std::string& kind : kinds) {
    const auto place = std::find_if(list.values.begin(), list.values.end(), [&](const auto& entry) {
      return entry.second == kind && !taken.contains(entry.first);
    });
    if (place == list.values.end()) return std::nullopt;
    taken.insert(place->first);
    places.push_back(place->first);
  }
  return places;
}

// The message with the items of each placed list where the rules will look for them (see
// Profile::PlacedList); nothing when every item is already there.
std::optional<xes::Message> placed_for_writing(const xes::Message& message, const std::vector<Profile::PlacedList>& lists) {
  std::optional<xes::Message> placed;
  for (const auto& list : lists) {
    const auto texts = item_texts(placed ? *placed : message, list.pointer, list.member);
    if (!texts || texts->empty()) continue;
    auto places = places_by_source(message, list, texts->size());
    // Provenance that has an item at a place of another kind is not the message's own (it was edited).
    for (std::size_t i = 0; places && !list.member.empty() && i < places->size(); ++i) {
      const auto kind = list.values.find((*places)[i]);
      if (kind != list.values.end() && kind->second != (*texts)[i]) places.reset();
    }
    if (!places && !list.member.empty()) places = places_by_identity(message, list, *texts);
    if (!places) continue;
    bool moved = false;
    for (std::size_t i = 0; i < places->size(); ++i) moved = moved || (*places)[i] != i;
    if (!moved) continue;
    if (!placed) placed = message;
    spread_items(*placed, list.pointer, *places);
  }
  return placed;
}

}  // namespace

std::optional<FieldTree> Profile::from_xes(const xes::Message& message, Diagnostics& diagnostics) const {
  // The rules read the items where they belong; all else comes from `message` itself, which the tree may
  // view into (binary values are not copied).
  const std::optional<xes::Message> placed = placed_for_writing(message, placed_lists);
  const xes::Message& by_place = placed ? *placed : message;
  const std::string& format = format_id;
  const std::size_t errors_before = diagnostics.error_count();
  FieldTree tree;
  for (const std::string& column : columns) tree.set(column, {});
  Values values;
  std::set<std::string> written;
  const auto find = [&tree](const std::string& path, std::uint32_t, std::size_t hint, std::size_t& index) {
    return field_at(tree, path, hint, index);
  };
  for (std::size_t rule_index = 0; rule_index < rules.size(); ++rule_index) {
    const Rule& rule = *rules[rule_index];
    if (!rule.writes || !condition_holds(rule, rule_paths[rule_index], find)) continue;
    values.clear();
    rule.to.collect(by_place, values);
    if (values.empty()) continue;
    TransformContext context{diagnostics, format, {}, rule.to.text(), std::nullopt};
    bool ok = true;
    for (auto transform = rule.transforms.rbegin(); ok && transform != rule.transforms.rend(); ++transform) {
      ok = (*transform)->backward(values, context);
    }
    if (!ok) continue;
    if (values.size() != rule.from.size()) {
      diagnostics.error("profile.values", "rule " + rule.id + " has " + std::to_string(values.size()) +
                                              " values for " + std::to_string(rule.from.size()) + " field(s)",
                        format, rule.to.text());
      continue;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      tree.set(rule.from[i], std::move(values[i]));
      written.insert(rule.from[i]);
    }
  }
  // Extensions hold source values exactly as they were: they win over what the rules made.
  for (const xes::Extension& extension : message.extensions) {
    Field& field = tree.set(extension.source_path, extension.value);
    if (!extension.data.empty()) {
      field.raw.assign({reinterpret_cast<const char*>(extension.data.data()), extension.data.size()});
      field.binary = true;
    }
    written.insert(extension.source_path);
  }
  // A field that a rule read but that no rule can write, and no extension restores, is lost on the way back.
  for (const auto& rule_pointer : rules) {
    const Rule& rule = *rule_pointer;
    if (rule.writes || rule.from.empty()) continue;
    values.clear();
    rule.to.collect(by_place, values);
    for (const std::string& name : rule.from) {
      if (values.empty() || writable.count(name) > 0 || written.count(name) > 0) continue;
      diagnostics.loss("profile.not-invertible",
                       "rule " + rule.id + " cannot be read backwards: field " + name + " is not written",
                       format, rule.to.text());
      written.insert(name);
    }
  }
  reader->from_xes(message, tree, diagnostics);
  if (diagnostics.error_count() != errors_before) return std::nullopt;
  return tree;
}

namespace {

struct RawProfile {
  const ProfileSource* source;
  std::unique_ptr<LocatedJson> json;
};

// A JSON Schema from the mappings, parsed once.
class Schema {
 public:
  Schema(const MappingStore& store, const std::string& path) {
    const auto text = store.load(path);
    if (!text) throw Error("mapping file '" + path + "' is missing");
    document_.Parse(text->data(), text->size());
    if (document_.HasParseError()) throw Error(path + " is not valid JSON");
    schema_ = std::make_unique<rapidjson::SchemaDocument>(document_);
  }

  // Throws ProfileError at the first place `value` (at `at` in the profile) breaks the schema.
  void check(const rapidjson::Value& value, const std::string& at, const LocatedJson& json, const std::string& file,
             const std::function<std::string(const std::string&)>& label) const {
    rapidjson::SchemaValidator validator(*schema_);
    if (value.Accept(validator)) return;
    rapidjson::StringBuffer where;
    validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
    std::string pointer = where.GetString();
    if (!pointer.empty() && pointer[0] == '#') pointer.erase(0, 1);
    pointer = at + pointer;
    rapidjson::StringBuffer rule;
    validator.GetInvalidSchemaPointer().StringifyUriFragment(rule);
    throw ProfileError(file, json.line_of(pointer),
                       label(pointer) + "breaks schema rule '" + validator.GetInvalidSchemaKeyword() + "' at " +
                           (pointer.empty() ? "/" : pointer) + " (" + rule.GetString() + ")");
  }

 private:
  rapidjson::Document document_;
  std::unique_ptr<rapidjson::SchemaDocument> schema_;
};

class Loader {
 public:
  explicit Loader(const ProfileContext& context)
      : context_(context), schema_(context.store, "schema/profile.schema.json") {}

  void add(const ProfileSource& source) {
    auto json = std::make_unique<LocatedJson>();
    std::string why;
    std::size_t line = 1;
    if (!json->parse(source.text, why, line)) throw ProfileError(source.file, line, why);
    schema_.check(json->document(), "", *json, source.file,
                  [&](const std::string& pointer) { return rule_label(*json, pointer); });
    const std::string id = json->document()["profile"].GetString();
    raw_[id] = RawProfile{&source, std::move(json)};  // a later source replaces an earlier one of the same id
  }

  std::vector<std::shared_ptr<const Profile>> build() {
    std::vector<std::shared_ptr<const Profile>> out;
    for (const auto& [id, raw] : raw_) out.push_back(resolve(id, {}));
    return out;
  }

 private:
  static std::string rule_label(const LocatedJson& json, const std::string& pointer) {
    if (pointer.rfind("/rules/", 0) != 0) return {};
    const std::size_t index = std::stoul(pointer.substr(7));
    const auto& rules = json.document()["rules"];
    if (index < rules.Size() && rules[static_cast<rapidjson::SizeType>(index)].IsObject()) {
      const auto& rule = rules[static_cast<rapidjson::SizeType>(index)];
      if (rule.HasMember("id") && rule["id"].IsString()) return std::string("rule ") + rule["id"].GetString() + ": ";
    }
    return "rule #" + std::to_string(index + 1) + ": ";
  }

  std::shared_ptr<const Profile> resolve(const std::string& id, std::vector<std::string> chain) {
    if (const auto done = built_.find(id); done != built_.end()) return done->second;
    const RawProfile& raw = raw_.at(id);
    const auto& doc = raw.json->document();
    const std::string& file = raw.source->file;
    chain.push_back(id);
    auto profile = std::make_shared<Profile>();
    profile->id = id;
    profile->file = file;
    profile->description = doc["description"].GetString();
    profile->codec = doc["codec"].GetString();
    profile->format_id = id == profile->codec ? id : profile->codec + ":" + id;
    if (doc.HasMember("extends")) {
      const std::string base_id = doc["extends"].GetString();
      if (std::find(chain.begin(), chain.end(), base_id) != chain.end()) {
        std::string cycle;
        for (const auto& step : chain) cycle += step + " -> ";
        throw ProfileError(file, raw.json->line_of("/extends"), "profiles extend each other in a cycle: " + cycle + base_id);
      }
      if (raw_.count(base_id) == 0) {
        throw ProfileError(file, raw.json->line_of("/extends"), "extends unknown profile '" + base_id + "'");
      }
      const auto base = resolve(base_id, chain);
      if (base->codec != profile->codec && trees_of(profile->codec) != base->codec) {
        throw ProfileError(file, raw.json->line_of("/codec"), "codec differs from that of '" + base_id + "'");
      }
      const std::string own_codec = profile->codec;
      *profile = *base;
      profile->codec = own_codec;  // a codec that reads the base codec's FieldTrees keeps its own syntax
      profile->id = id;
      profile->file = file;
      profile->format_id = id == profile->codec ? id : profile->codec + ":" + id;
      profile->description = doc["description"].GetString();
    }
    if (doc.HasMember("source")) {
      auto source = std::make_shared<rapidjson::Document>();
      source->CopyFrom(doc["source"], source->GetAllocator());
      profile->source = std::move(source);
    }
    configure_codec(*profile, *raw.json);
    if (doc.HasMember("unmapped")) profile->unmapped_to_extensions = doc["unmapped"] == "extensions";
    if (doc.HasMember("metadata")) {
      for (const auto& part : doc["metadata"].GetArray()) profile->metadata.emplace_back(part.GetString());
    }
    if (doc.HasMember("sniff")) read_sniff(*profile, doc["sniff"], *raw.json, file);
    const auto& rules = doc["rules"];
    for (rapidjson::SizeType i = 0; i < rules.Size(); ++i) {
      profile->rules.push_back(read_rule(rules[i], i, *raw.json, *raw.source, *profile));
    }
    if (profile->syntax->can_write) check_writers(*profile);
    place_lists(*profile);
    profile->hints_are_columns = hints_are_columns(*profile);
    index_rules(*profile);
    built_[id] = profile;
    return profile;
  }

  // The lists whose items rules address by place: the innermost "[n]" of each rule's target, with the fields
  // read into place n; and the places identifying constants name ("persons[0].names[1].kind": place 1 of
  // /persons/0/names is the item whose kind is the constant).
  static void place_lists(Profile& profile) {
    profile.placed_lists.clear();  // a profile that extends another starts as a copy of it
    for (const auto& rule : profile.rules) {
      const std::string& path = rule->to.text();
      // The innermost place the target names: "persons[0].names[1].full" -> "[1]".
      std::size_t open = std::string::npos, close = path.rfind(']');
      for (; close != std::string::npos && close > 0; close = path.rfind(']', close - 1)) {
        open = path.rfind('[', close);
        if (open != std::string::npos && close > open + 1 && close - open <= 7 &&
            path.find_first_not_of("0123456789", open + 1) == close) {
          break;
        }
        open = std::string::npos;
      }
      const bool direct_member = open != std::string::npos && path.compare(close, 2, "].") == 0 &&
                                 path.find_first_of(".[", close + 2) == std::string::npos;
      if (rule->identifies && (!rule->value || !direct_member)) {
        throw ProfileError(profile.file, rule->line, "rule " + rule->id + ": \"identifies\" needs a constant " +
                                                         "at a member of a list item, e.g. persons[0].names[1].kind");
      }
      if (open == std::string::npos) continue;
      std::string pointer = "/" + path.substr(0, open);
      for (auto& c : pointer) {
        if (c == '.' || c == '[') c = '/';
      }
      std::erase(pointer, ']');
      const std::size_t place = std::stoul(path.substr(open + 1, close - open - 1));
      auto list = std::find_if(profile.placed_lists.begin(), profile.placed_lists.end(),
                               [&](const auto& known) { return known.pointer == pointer; });
      if (list == profile.placed_lists.end()) {
        list = profile.placed_lists.insert(profile.placed_lists.end(), Profile::PlacedList());
        list->pointer = pointer;
      }
      for (const std::string& field : rule->from) list->places.emplace(field, place);
      if (rule->from.empty() && !rule->when_field.empty()) list->places.emplace(rule->when_field, place);
      if (!rule->identifies) continue;
      const std::string member = path.substr(close + 2);
      if (!list->member.empty() && list->member != member) {
        throw ProfileError(profile.file, rule->line, "rule " + rule->id + ": the items of " + path.substr(0, open) +
                                                         " are identified by " + list->member + " already");
      }
      list->member = member;
      list->values[place] = *rule->value;
      if (!rule->when_field.empty()) list->fields[place] = rule->when_field;
    }
    // Inner lists are placed before the lists holding them: their pointers name the outer items as read.
    std::stable_sort(profile.placed_lists.begin(), profile.placed_lists.end(), [](const auto& a, const auto& b) {
      return std::count(a.pointer.begin(), a.pointer.end(), '/') > std::count(b.pointer.begin(), b.pointer.end(), '/');
    });
  }

  // The numbers of the paths rules name, and the field each rule needs to do anything, where there is one
  // (see Profile::path_ids and Profile::rules_by_path).
  static void index_rules(Profile& profile) {
    profile.path_ids.clear();  // a profile that extends another starts as a copy of it
    profile.rule_paths.clear();
    profile.rules_by_path.clear();
    profile.rules_always.clear();
    const auto number = [&](const std::string& path) {
      if (path.empty()) return Profile::kNoPath;
      const auto [at, added] = profile.path_ids.try_emplace(path, static_cast<std::uint32_t>(profile.path_ids.size()));
      if (added) profile.rules_by_path.emplace_back();
      return at->second;
    };
    for (std::uint32_t i = 0; i < profile.rules.size(); ++i) {
      const Rule& rule = *profile.rules[i];
      Profile::RulePaths& paths = profile.rule_paths.emplace_back();
      for (const std::string& from : rule.from) paths.from.push_back(number(from));
      paths.when = number(rule.when_field);
      paths.also = number(rule.and_field);
      const bool when_needs_field = !rule.when_field.empty() && std::find(rule.when_values.begin(), rule.when_values.end(),
                                                                           std::string()) == rule.when_values.end();
      if (when_needs_field) {
        profile.rules_by_path[paths.when].push_back(i);
      } else if (rule.when_field.empty() && !rule.value && !rule.from.empty()) {
        // A rule of source fields does nothing unless one of them is there (a name joined from its parts).
        for (std::size_t f = 0; f < paths.from.size(); ++f) {
          if (std::find(paths.from.begin(), paths.from.begin() + f, paths.from[f]) == paths.from.begin() + f) {
            profile.rules_by_path[paths.from[f]].push_back(i);
          }
        }
      } else {
        profile.rules_always.push_back(i);
      }
    }
  }

  // Whether each rule's hints give its fields' positions among the profile's own columns (an inherited
  // rule's were taken from its base's, which may be laid out otherwise).
  static bool hints_are_columns(const Profile& profile) {
    const auto matches = [&](const std::string& name, std::size_t hint) {
      const auto at = std::find(profile.columns.begin(), profile.columns.end(), name);
      return static_cast<std::size_t>(at - profile.columns.begin()) == hint;
    };
    return !profile.columns.empty() && std::all_of(profile.rules.begin(), profile.rules.end(), [&](const auto& rule) {
      for (std::size_t i = 0; i < rule->from.size(); ++i) {
        if (!matches(rule->from[i], rule->from_hints[i])) return false;
      }
      return (rule->when_field.empty() || matches(rule->when_field, rule->when_hint)) &&
             (rule->and_field.empty() || matches(rule->and_field, rule->and_hint));
    });
  }

  // The codec whose FieldTrees `codec`'s are (Codec::trees_of), or empty.
  std::string trees_of(const std::string& codec) const {
    for (const Codec* known : context_.codecs)
      if (known->name == codec) return known->trees_of;
    return {};
  }

  // The profile's codec, configured by its "source" section (own or inherited), which the codec's schema
  // checks: the columns rules may name and the charset sniff patterns see.
  void configure_codec(Profile& profile, const LocatedJson& json) {
    const auto codec = std::find_if(context_.codecs.begin(), context_.codecs.end(),
                                    [&](const Codec* known) { return known->name == profile.codec; });
    if (codec == context_.codecs.end()) {
      std::string known;
      for (const Codec* each : context_.codecs) known += (known.empty() ? "" : ", ") + each->name;
      throw ProfileError(profile.file, json.line_of("/codec"), "unknown codec '" + profile.codec + "' (known: " + known + ")");
    }
    profile.syntax = *codec;
    const bool own_source = json.document().HasMember("source");
    if (profile.source && !profile.syntax->source_schema.empty() && own_source) {
      source_schema(profile.syntax->source_schema).check(*profile.source, "/source", json, profile.file,
                                                         [](const std::string&) { return std::string(); });
    } else if (own_source && profile.syntax->source_schema.empty()) {
      throw ProfileError(profile.file, json.line_of("/source"), "codec " + profile.codec + " takes no \"source\"");
    }
    std::string why;
    profile.reader = profile.syntax->configure(profile.source.get(), profile.format_id, context_.store, why);
    if (!profile.reader) throw ProfileError(profile.file, json.line_of(own_source ? "/source" : ""), why);
    profile.columns = profile.reader->columns();
  }

  const Schema& source_schema(const std::string& path) {
    auto found = source_schemas_.find(path);
    if (found == source_schemas_.end()) found = source_schemas_.emplace(path, std::make_unique<Schema>(context_.store, path)).first;
    return *found->second;
  }

  void read_sniff(Profile& profile, const rapidjson::Value& sniff, const LocatedJson& json, const std::string& file) {
    profile.sniff_prefix = sniff.HasMember("prefix") ? sniff["prefix"].GetString() : "";
    profile.sniff_pattern.reset();
    if (sniff.HasMember("pattern")) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError where{};
      std::shared_ptr<icu::RegexPattern> pattern(
          icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(sniff["pattern"].GetString()), where, status));
      if (U_FAILURE(status)) throw ProfileError(file, json.line_of("/sniff/pattern"), "invalid regular expression");
      profile.sniff_pattern = std::move(pattern);
    }
  }

  std::shared_ptr<const Rule> read_rule(const rapidjson::Value& value, rapidjson::SizeType index,
                                        const LocatedJson& json, const ProfileSource& source, const Profile& profile) {
    const std::string at = "/rules/" + std::to_string(index);
    auto rule = std::make_shared<Rule>();
    rule->id = value.HasMember("id") ? value["id"].GetString() : "#" + std::to_string(index + 1);
    rule->line = json.line_of(at);
    const auto fail = [&](const std::string& where, const std::string& why) {
      throw ProfileError(source.file, json.line_of(at + where), "rule " + rule->id + ": " + why);
    };
    // Where the codec puts a field: the hint where rules look first.
    const auto column_of = [&](const std::string& name) {
      return static_cast<std::size_t>(std::find(profile.columns.begin(), profile.columns.end(), name) - profile.columns.begin());
    };
    std::string why;
    auto to = XesPath::parse(value["to"].GetString(), why);
    if (!to) fail("/to", why);
    rule->to = std::move(*to);
    if (value.HasMember("from") == value.HasMember("value")) fail("", "give either \"from\" (fields) or \"value\" (a constant)");
    if (value.HasMember("value")) rule->value = value["value"].GetString();
    if (value.HasMember("from")) {
      const auto& from = value["from"];
      if (from.IsString()) {
        rule->from.push_back(from.GetString());
      } else {
        for (const auto& name : from.GetArray()) rule->from.push_back(name.GetString());
      }
    }
    if (value.HasMember("when")) {
      const auto& when = value["when"];
      rule->when_field = when["field"].GetString();
      if (when.HasMember("equals")) rule->when_values.push_back(when["equals"].GetString());
      if (when.HasMember("in")) {
        for (const auto& item : when["in"].GetArray()) rule->when_values.push_back(item.GetString());
      }
      if (when.HasMember("and")) rule->and_field = when["and"]["field"].GetString();
    }
    for (const std::string& name : rule->from) {
      if (!is_field(profile, name)) fail("/from", "field '" + name + "' is not " + field_kind(profile));
      rule->from_hints.push_back(column_of(name));
    }
    if (!rule->when_field.empty() && !is_field(profile, rule->when_field)) {
      fail("/when/field", "field '" + rule->when_field + "' is not " + field_kind(profile));
    }
    rule->when_hint = column_of(rule->when_field);
    if (!rule->and_field.empty() && !is_field(profile, rule->and_field)) {
      fail("/when/and/field", "field '" + rule->and_field + "' is not " + field_kind(profile));
    }
    rule->and_hint = column_of(rule->and_field);
    bool invertible = true;
    bool exactness_told = true;
    if (value.HasMember("transforms")) {
      const auto& transforms = value["transforms"];
      for (rapidjson::SizeType t = 0; t < transforms.Size(); ++t) {
        const auto& member = *transforms[t].MemberBegin();
        const TableLoader tables = [&](std::string_view name, std::string& error) {
          return table(std::string(name), source, error);
        };
        auto transform = make_transform(member.name.GetString(), member.value, tables, why, context_.categories);
        if (!transform) fail("/transforms/" + std::to_string(t), why);
        invertible = invertible && transform->invertible();
        exactness_told = exactness_told && transform->tells_exactness();
        rule->transforms.push_back(std::move(transform));
      }
    }
    rule->identifies = value.HasMember("identifies") && value["identifies"].GetBool();
    const auto write = value.FindMember("write");
    const bool write_asked = write != value.MemberEnd() && write->value.GetBool();
    const bool write_refused = write != value.MemberEnd() && !write->value.GetBool();
    if (write_asked && (!invertible || rule->from.empty())) {
      fail("/write", rule->from.empty() ? "a constant has no field to write" : "a transform of this rule is not invertible");
    }
    // Documents others publish are read only: their rules never write, so neither the writers' exclusivity nor
    // the exactness of values written back concerns them.
    rule->writes = !rule->from.empty() && invertible && !write_refused && profile.syntax->can_write;
    rule->exactness_told = rule->from.size() == 1 && exactness_told;
    return rule;
  }

  static bool is_field(const Profile& profile, const std::string& name) {
    return profile.syntax->is_field == nullptr || profile.syntax->is_field(name, profile.columns);
  }

  static std::string field_kind(const Profile& profile) { return profile.syntax->field_paths; }

  // Each field is written back by one rule at most, else writing would depend on rule order.
  static void check_writers(Profile& profile) {
    std::map<std::string, std::string> writer;
    for (std::size_t i = 0; i < profile.rules.size(); ++i) {
      const Rule& rule = *profile.rules[i];
      if (!rule.writes) continue;
      for (const auto& name : rule.from) {
        profile.writable.insert(name);
        const auto [existing, inserted] = writer.emplace(name, rule.id);
        if (!inserted && rule.when_field.empty()) {
          throw ProfileError(profile.file, rule.line,
                             "rule " + rule.id + ": field " + name + " is already written by rule " + existing->second +
                                 "; mark one of them \"write\": false");
        }
      }
    }
  }

  std::shared_ptr<const CodeTable> table(const std::string& name, const ProfileSource& source, std::string& why) {
    const std::string key = source.table_dir + "|" + name;
    if (const auto cached = tables_.find(key); cached != tables_.end()) return cached->second;
    const auto text = load_table(name, source.table_dir);
    if (!text) {
      why = "code table '" + name + "' not found" + (source.table_dir.empty() ? "" : " in " + source.table_dir) +
            " or in mappings/codes/";
      return nullptr;
    }
    const std::string file = source.table_dir.empty() ? "mappings/codes/" + name
                                                      : (std::filesystem::path(source.table_dir) / name).string();
    return tables_[key] = CodeTable::parse(name, file, *text);
  }

  // A table beside a run-time profile, else mappings/codes/.
  std::optional<std::string> load_table(const std::string& name, const std::string& dir) const {
    if (name.find('/') != std::string::npos || name.find("..") != std::string::npos) return std::nullopt;
    if (!dir.empty() && std::filesystem::is_regular_file(std::filesystem::path(dir) / name)) {
      return read_text_file(std::filesystem::path(dir) / name);
    }
    return context_.store.load("codes/" + name);
  }

  const ProfileContext& context_;
  Schema schema_;
  std::map<std::string, std::unique_ptr<Schema>> source_schemas_;
  std::map<std::string, RawProfile> raw_;
  std::map<std::string, std::shared_ptr<const Profile>> built_;
  std::map<std::string, std::shared_ptr<const CodeTable>> tables_;
};

}  // namespace

std::vector<std::shared_ptr<const Profile>> load_profiles(const std::vector<ProfileSource>& sources,
                                                         const ProfileContext& context) {
  Loader loader(context);
  for (const auto& source : sources) loader.add(source);
  return loader.build();
}

}  // namespace xborder::detail
