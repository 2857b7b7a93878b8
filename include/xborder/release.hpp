#pragma once
// Releasing XES under rules: a release policy (mappings/policies/*.json, schema
// mappings/schema/policy.schema.json) says, for a recipient, a purpose and a legal basis, which members of a
// message may leave (an allow-list of XES paths), which leave transformed (a date of birth as its year, a
// place as its country, a document number masked, an identifier hashed with a key), which handling codes
// the released message carries, and which conditions must hold for any release (every offence on the EAW
// list). What the policy does not name is withheld: a member XES gains later is withheld until a policy
// allows it. Every release leaves a record (schema mappings/schema/release-record.schema.json).
//
//   const auto& policies = xborder::ReleasePolicies::builtin();
//   xborder::Diagnostics diagnostics;
//   const auto release = policies.release("identification-only", bytes, xborder::XesSyntax::json, {}, diagnostics);
//   if (release.output) send(*release.output);
//   archive(release.record.to_json());

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/diagnostics.hpp"
#include "xborder/export.hpp"
#include "xborder/xes.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {

namespace detail {
struct PolicySet;
}

struct PolicyInfo {
  std::string id;
  std::string version;
  std::string description;
  std::string recipient;    // the recipient the policy is written for ("interpol", "any", a country)
  std::string purpose;
  std::string legal_basis;
  std::vector<std::string> handling;  // the handling codes a released message carries
  std::string file;         // where it was loaded from
};

struct ReleaseRequest {
  std::string recipient;  // who receives the message (empty: the policy's); written to header.receivers
  std::string purpose;    // why (empty: the policy's purpose)
  std::string time;       // UTC ISO 8601 time of the release (empty: now)
  std::string hash_key;   // the secret of the policy's "hash" rules (HMAC-SHA-256); required when it has any
};

// One member that did not leave as it was: "withheld" or "transformed", with the rule that decided.
struct ReleaseAction {
  std::string path;    // concrete XES path, e.g. "persons[0].birth_place.locality"
  std::string action;  // "withheld", "transformed"
  std::string rule;    // e.g. "allow-list", "year", "mask", "hash", "country", "dangling-relation"
};

struct ReleaseRecord {
  std::string policy;
  std::string policy_version;
  std::string recipient;
  std::string purpose;
  std::string legal_basis;
  std::vector<std::string> handling;
  std::string time;
  std::string input_sha256;   // of the input bytes (release()) — empty after apply()
  std::string output_sha256;  // of the output bytes; empty when nothing was released
  bool released = false;
  std::vector<std::string> conditions;  // how each condition was decided, with the category path
  std::vector<ReleaseAction> actions;

  std::string to_json() const;  // the published record form, one JSON object
};

struct Release {
  std::optional<std::string> output;  // the released message, in the input's syntax; none if refused
  ReleaseRecord record;
};

class XBORDER_API ReleasePolicies {
 public:
  // Loads and checks every policy (the built-in ones with a mappings directory's policies/ over them, file by
  // file). A path XES does not have, an unknown handling code, rule or condition throws ProfileError with
  // the file and line.
  explicit ReleasePolicies(const std::filesystem::path& mappings_dir = {});
  ~ReleasePolicies();
  ReleasePolicies(ReleasePolicies&&) noexcept;
  static const ReleasePolicies& builtin();

  // Adds a policy file of one's own (or replaces the policy of the same id); checked as above.
  void add_file(const std::filesystem::path& file);
  // The same from the policy's text; `name` is what errors call it.
  void add(std::string_view name, std::string_view text);

  std::vector<PolicyInfo> list() const;

  // Minimises `message` in place under the policy: withheld members removed, transforms applied, purpose,
  // legal basis, handling codes and receiver set in the header. When a condition fails the message is left
  // as it was and the record says released = false, with why. Throws Error for an unknown policy or a
  // "hash" rule without a key.
  ReleaseRecord apply(std::string_view policy, xes::Message& message, const ReleaseRequest& request) const;

  // Reads an XES message (errors in `diagnostics`: nothing released), applies the policy and writes the
  // result in the same syntax; the record has the SHA-256 of the input and output bytes.
  Release release(std::string_view policy, std::string_view input, XesSyntax syntax, const ReleaseRequest& request,
                  Diagnostics& diagnostics) const;

 private:
  std::unique_ptr<detail::PolicySet> set_;
};

}  // namespace xborder
