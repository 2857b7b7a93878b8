#pragma once
// A declarative profile: the rules that map the fields of one format's records to XES and back
// (mappings/schema/profile.schema.json documents the file format).

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include <rapidjson/document.h>

#include "core/codec.hpp"
#include "core/mapping_store.hpp"
#include "core/xes_path.hpp"
#include "profiles/transform.hpp"
#include "xborder/convert.hpp"
#include "xborder/field_tree.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

struct Rule {
  std::string id;                 // as written, or "#N" (its position)
  std::size_t line = 0;           // in the profile file that declares it
  std::vector<std::string> from;  // source field paths (none for a constant)
  std::vector<std::size_t> from_hints;  // their column positions: where the codec puts them
  std::optional<std::string> value;
  XesPath to;
  std::string when_field;         // condition: apply only when this field's text is one of when_values
  std::size_t when_hint = 0;      // its column position
  std::vector<std::string> when_values;
  std::string and_field;          // and, when set, only when this field has text ("when": {..., "and": {"field"}})
  std::size_t and_hint = 0;
  std::vector<std::unique_ptr<Transform>> transforms;
  bool writes = false;            // used to write `from` back from XES
  // A constant that tells what a list item is (a name's kind): on writing, each item goes to the place whose
  // identifying constant it matches, wherever reading had put it (see Profile::placed_lists).
  bool identifies = false;
  // One source field, and every transform tells_exactness(): the rule's record need only be checked to be
  // written back exactly when a transform says it would not be.
  bool exactness_told = false;
};

// How a codec lays out a record's fields.
enum class FieldOrder {
  any,      // each field is found by its path
  columns,  // the profile's columns, one field each, in their order (the tabular codec)
};

class Profile {
 public:
  std::string id;
  std::string description;
  std::string codec;                                   // the codec's name
  const Codec* syntax = nullptr;                       // its description
  std::shared_ptr<const CodecInstance> reader;         // configured by `source`
  // "codec:profile", set by the loader; a codec's generic profile, named after the codec, is the codec alone.
  std::string format_id;
  std::string file;
  std::shared_ptr<const rapidjson::Document> source;  // the codec's options
  std::string sniff_prefix;
  std::shared_ptr<const void> sniff_pattern;           // icu::RegexPattern, compiled once
  bool unmapped_to_extensions = true;
  std::vector<std::string> metadata;                   // source path parts that are list-level metadata
  std::vector<std::shared_ptr<const Rule>> rules;      // inherited rules first
  std::vector<std::string> columns;                    // declared source fields, in order (may be empty)
  bool hints_are_columns = false;  // every rule's field hints are the fields' positions among `columns`
  // Every field path the rules name, numbered: a record's fields are hashed once each, to the number of their
  // path, and the rules then find their fields by number (profiles generated for nested lists, the UN list's,
  // have well over a thousand rules, each looking up its fields).
  struct PathHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view path) const noexcept { return std::hash<std::string_view>{}(path); }
  };
  std::unordered_map<std::string, std::uint32_t, PathHash, std::equal_to<>> path_ids;
  static constexpr std::uint32_t kNoPath = UINT32_MAX;
  struct RulePaths {  // the numbers of a rule's paths (kNoPath: the rule has none there)
    std::vector<std::uint32_t> from;
    std::uint32_t when = kNoPath;
    std::uint32_t also = kNoPath;  // the "and" field
  };
  std::vector<RulePaths> rule_paths;  // of each rule, in order
  // Rules that do nothing unless a field of this path is in the record (their condition's field, or one of
  // their source fields), by the path's number, and the rules that may do something in any record: a record of
  // a profile with thousands of rules (the UN list's, one a list item) runs only those its fields can set off.
  std::vector<std::vector<std::uint32_t>> rules_by_path;
  std::vector<std::uint32_t> rules_always;
  std::set<std::string> writable;                      // fields some rule writes back
  // Lists whose items the rules address by place ("marks[1]", "names[2]"): reading closes the gaps of places
  // the source left empty (a mark after an empty one is marks[1]); writing opens them again, each item at the
  // place of the field its provenance names, else, in a list whose places a member identifies, at the first
  // free place of its kind (an alias without a primary name goes to the alias fields). Innermost lists first.
  struct PlacedList {
    std::string pointer;                                     // of the list, "/persons/0/names"
    std::map<std::string, std::size_t, std::less<>> places;  // source field -> the place it is read into
    std::string member;                                      // that identifies places ("kind"); empty: none
    std::map<std::size_t, std::string> values;  // place -> the constant that identifies it
    std::map<std::size_t, std::string> fields;  // place -> the field its identifying rule is conditional on
  };
  std::vector<PlacedList> placed_lists;

  // How sure the profile is that `head` is its format's: the codec's judgement of the syntax, then the
  // profile's own sniff (80 when it matches, 90 when the codec agrees).
  int sniff(std::string_view head) const;

  // One record to XES. Errors go to `diagnostics` (and yield nothing); unmapped fields become extensions or
  // losses as the profile says. The header carries the source digest; entities without ids get p1, d1, ...
  // The message is built in `message`, an empty one (reuse_in_place()); what the codec maps itself comes
  // first. False when there were errors.
  bool to_xes(const FieldTree& tree, const ConvertOptions& options, Diagnostics& diagnostics, xes::Message& message,
              FieldOrder order = FieldOrder::any) const;

  // XES back to one record, through the invertible rules, the extensions and what the codec writes itself.
  std::optional<FieldTree> from_xes(const xes::Message& message, Diagnostics& diagnostics) const;

 private:
  bool own_sniff(std::string_view head) const;
  // `sources`: the field of each of the rule's source paths in this record (nullptr: none).
  void keep_inexact(const Rule& rule, const FieldTree& tree, std::span<const Field* const> sources,
                    const Values& values, xes::Message& message, Diagnostics& diagnostics,
                    TransformContext& context) const;
};

struct ProfileSource {
  std::string file;  // for messages: "mappings/profiles/x.json" or a path on disk
  std::string text;
  std::string table_dir;  // where a run-time profile's tables live (empty: embedded only)
};

// What profiles are loaded against: the codecs they may name, the data files (schemas, code tables) and the
// classification systems of `category` transforms (empty: the built-in ones).
struct ProfileContext {
  const MappingStore& store;
  std::vector<const Codec*> codecs;
  std::shared_ptr<const Categories> categories;
};

// Loads profiles with their code tables: a profile's own table directory first, then mappings/codes/.
// Throws ProfileError naming the file, the line and the rule.
std::vector<std::shared_ptr<const Profile>> load_profiles(const std::vector<ProfileSource>& sources,
                                                         const ProfileContext& context);

}  // namespace xborder::detail
