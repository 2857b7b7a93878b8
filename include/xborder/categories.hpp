#pragma once
// Legal categories: offence classification systems (ICCS, ECRIS, the EAW list, NIBRS, NCIC, national
// catalogues) and the crosswalks between them, with ICCS as the pivot. Data in mappings/categories/.
//
//   const auto& categories = xborder::Categories::builtin();
//   for (const auto& c : categories.translate("nibrs", "23F", "iccs")) std::cout << categories.explain(c);
//   categories.on_eaw_list("de-pks", "732000");   // double criminality waived? with the path that says so

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/export.hpp"

namespace xborder {

namespace detail {
class CategoryGraph;
}

// SKOS mapping relations, strongest first. "broad": the target is broader than the source.
enum class Relation { exact, close, broad, narrow, related };
XBORDER_API std::string_view relation_name(Relation relation);  // "exactMatch", ...

struct CategoryStep {
  std::string system;
  std::string code;
  std::string title;
  Relation relation = Relation::exact;  // from the previous step to this one
  std::string via;                      // "crosswalk FILE" or "hierarchy" (a broader code of the same system)
};

struct CategoryCandidate {
  std::string system;
  std::string code;
  std::string title;
  Relation relation = Relation::exact;  // composed along the path
  std::vector<CategoryStep> path;       // from the source code (first) to the candidate (last)
};

// A value of a qualifier a system transmits beside its code: ECRIS's level of completion (C, A), level of
// participation (M, H) and exemption from criminal responsibility (S).
struct CategoryQualifier {
  std::string qualifier;  // "completion", "participation", "exemption"
  std::string value;      // "A"
  std::string meaning;    // "Attempt or preparation"
};

struct SystemInfo {
  std::string id;
  std::string name;
  std::string version;
  std::string source;
  std::size_t codes = 0;
};

class XBORDER_API Categories {
 public:
  // Which tables are loaded: the built-in ones with a mappings directory's over them, or the directory's
  // alone (to check a set of one's own tables in isolation).
  enum class Tables { builtin_and_directory, directory_only };

  // Loads and validates every system and crosswalk (throws ProfileError naming the file and row). A
  // mappings directory overrides the embedded files, file by file.
  explicit Categories(const std::filesystem::path& mappings_dir = {}, Tables tables = Tables::builtin_and_directory);
  ~Categories();
  Categories(Categories&&) noexcept;
  static const Categories& builtin();

  std::vector<SystemInfo> systems() const;
  bool has(std::string_view system, std::string_view code) const;
  std::string title(std::string_view system, std::string_view code) const;

  // Codes of `target` that `system:code` corresponds to, strongest relation and shortest path first.
  // A code without a correspondence of its own takes that of its nearest broader code (broadMatch).
  std::vector<CategoryCandidate> translate(std::string_view system, std::string_view code,
                                           std::string_view target) const;
  // The path in words: one line per step.
  std::string explain(const CategoryCandidate& candidate) const;
  // The EAW Art. 2(2) items the offence falls under (empty: not on the list, double criminality applies).
  std::vector<CategoryCandidate> on_eaw_list(std::string_view system, std::string_view code) const;

  // The qualifiers of `system` with every value they take (mappings/categories/qualifiers/SYSTEM.csv), in the
  // file's order; empty for a system without any.
  std::vector<CategoryQualifier> qualifiers(std::string_view system) const;
  // The meaning of `value` for `qualifier` of `system`; empty if the system does not define that value.
  std::string qualifier_meaning(std::string_view system, std::string_view qualifier, std::string_view value) const;

  std::vector<std::string> ancestors(std::string_view system, std::string_view code) const;    // nearest first
  std::vector<std::string> descendants(std::string_view system, std::string_view code) const;  // depth first

 private:
  std::unique_ptr<detail::CategoryGraph> graph_;
};

}  // namespace xborder
