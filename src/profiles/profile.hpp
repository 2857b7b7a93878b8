#pragma once
// A declarative profile: the rules that map the fields of one format's records to XES and back
// (mappings/schema/profile.schema.json documents the file format).

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <rapidjson/document.h>

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
  std::vector<std::unique_ptr<Transform>> transforms;
  bool writes = false;            // used to write `from` back from XES
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
  std::string codec;
  // "codec:profile", set by the loader; a codec's generic profile, named after the codec, is the codec alone.
  std::string format_id;
  std::string file;
  std::shared_ptr<const rapidjson::Document> source;  // the codec's options
  std::string charset;                                 // of the source bytes (sniff patterns see decoded text)
  std::string sniff_prefix;
  std::shared_ptr<const void> sniff_pattern;           // icu::RegexPattern, compiled once
  bool unmapped_to_extensions = true;
  std::vector<std::shared_ptr<const Rule>> rules;      // inherited rules first
  std::vector<std::string> columns;                    // declared source fields, in order (may be empty)
  bool hints_are_columns = false;  // every rule's field hints are the fields' positions among `columns`
  std::set<std::string> writable;                      // fields some rule writes back

  // Documents others publish (the json and xml codecs): read only, any field path, sniffed anywhere in the head.
  bool reads_documents() const { return codec == "json" || codec == "xml"; }

  // How sure the profile is that `head` is its format's (0 or 80).
  int sniff(std::string_view head) const;

  // One record to XES. Errors go to `diagnostics` (and yield nothing); unmapped fields become extensions or
  // losses as the profile says. The header carries the source digest; entities without ids get p1, d1, ...
  // The message is built in `message`: an empty one (reuse_cleared() or reuse_in_place()), or what a codec that maps
  // some fields itself made so far, with the fields it consumed. False when there were errors.
  bool to_xes(const FieldTree& tree, const ConvertOptions& options, Diagnostics& diagnostics, xes::Message& message,
              std::vector<bool> consumed = {}, FieldOrder order = FieldOrder::any) const;

  // XES back to one record, through the invertible rules and the extensions.
  std::optional<FieldTree> from_xes(const xes::Message& message, Diagnostics& diagnostics) const;

 private:
  void keep_inexact(const Rule& rule, const FieldTree& tree, bool by_position, const Values& values,
                    xes::Message& message, Diagnostics& diagnostics, TransformContext& context) const;
};

struct ProfileSource {
  std::string file;  // for messages: "mappings/profiles/x.json" or a path on disk
  std::string text;
  std::string table_dir;  // where a run-time profile's tables live (empty: embedded only)
};

// Loads profiles with their code tables. `load_table(name, dir)` returns a table's text or nothing;
// `categories` are the classification systems of `category` transforms (empty: the built-in ones).
// Throws ProfileError naming the file, the line and the rule.
std::vector<std::shared_ptr<const Profile>> load_profiles(
    const std::vector<ProfileSource>& sources, const std::string& profile_schema,
    const std::function<std::optional<std::string>(const std::string& name, const std::string& dir)>& load_table,
    std::shared_ptr<const Categories> categories = {});

}  // namespace xborder::detail
