// Release policies: loading (strict: every path, code, rule and condition checked against the model and the
// tables) and applying them to a message by walking its describe() lists, so that every member XES has, now
// or later, meets the policy: what the policy does not name is withheld.

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "core/clock.hpp"
#include "core/data_table.hpp"
#include "core/digest.hpp"
#include "core/located_json.hpp"
#include "core/mapping_store.hpp"
#include "core/xes_fields.hpp"
#include "core/xes_recycle.hpp"
#include "xborder/categories.hpp"
#include "xborder/release.hpp"

namespace xborder {
namespace detail {
namespace {

// ---- The model's paths, as policies write them: "persons[].names[].family" ----------------------------

template <class F>
struct Element {
  using type = F;
};
template <class I>
struct Element<std::vector<I>> {
  using type = I;
};
template <class R>
struct Element<std::optional<R>> {
  using type = R;
};
template <>
struct Element<xes::Bytes> {
  using type = xes::Bytes;
};

struct PatternInfo {
  bool record = false;
  bool text = false;  // a string (or list of strings): the transforms apply to it
};
using Catalogue = std::map<std::string, PatternInfo, std::less<>>;

std::string child_path(const std::string& prefix, std::string_view name, bool list) {
  std::string path = prefix;
  if (!path.empty()) path += '.';
  path.append(name);
  if (list) path += "[]";
  return path;
}

struct CatalogueBuilder {
  Catalogue& out;
  std::string prefix;
  template <class F>
  void operator()(std::string_view name, F&) {
    add<F>(name, false);
  }
  template <class F>
  void operator()(std::string_view name, std::string_view, F&) {
    add<F>(name, true);
  }
  template <class F>
  void always(std::string_view name, std::string_view, F&) {
    add<F>(name, true);
  }
  template <class F>
  void add(std::string_view name, bool list) {
    using E = typename Element<F>::type;
    const std::string path = child_path(prefix, name, list);
    if constexpr (xes_record<E>) {
      E probe{};
      CatalogueBuilder child{out, path};
      describe(child, probe);
    }
    out.emplace(path, PatternInfo{xes_record<E>, std::is_same_v<E, std::string>});
  }
};

const Catalogue& catalogue() {
  static const Catalogue built = [] {
    Catalogue paths;
    CatalogueBuilder builder{paths, {}};
    xes::Message probe;
    describe(builder, probe);
    return paths;
  }();
  return built;
}

// ---- A policy compiled against the model: one node per member, in describe() order -------------------

enum class Decision { withhold, keep, transform, descend };
enum class Transform { none, year, mask, hash };

struct PolicyNode {
  Decision decision = Decision::withhold;
  Transform transform = Transform::none;
  std::size_t keep = 0;  // mask: the characters left visible at the end
  std::string rule = "allow-list";
  std::vector<PolicyNode> children;
};

struct TransformRule {
  std::string rule;  // "year", "country", "mask", "hash"
  std::size_t keep = 0;
};

struct Rules {
  std::set<std::string, std::less<>> allowed;
  std::map<std::string, TransformRule, std::less<>> transforms;

  bool anything_under(const std::string& path) const {
    const auto under = [&](const std::string& other) {
      return other.size() > path.size() && other.compare(0, path.size(), path) == 0 && other[path.size()] == '.';
    };
    return std::any_of(allowed.begin(), allowed.end(), under) ||
           std::any_of(transforms.begin(), transforms.end(), [&](const auto& entry) { return under(entry.first); });
  }
  bool transform_under(const std::string& path) const {
    return std::any_of(transforms.begin(), transforms.end(), [&](const auto& entry) {
      return entry.first.size() > path.size() && entry.first.compare(0, path.size(), path) == 0 &&
             entry.first[path.size()] == '.';
    });
  }
};

struct Compiler {
  const Rules& rules;
  std::string prefix;
  PolicyNode& node;
  bool inherited = false;             // an ancestor is allowed whole
  std::string_view withhold_rule = "allow-list";
  std::string_view only_member;       // under a "country" transform: the one member released

  template <class F>
  void operator()(std::string_view name, F&) {
    compile<F>(name, false);
  }
  template <class F>
  void operator()(std::string_view name, std::string_view, F&) {
    compile<F>(name, true);
  }
  template <class F>
  void always(std::string_view name, std::string_view, F&) {
    compile<F>(name, true);
  }

  template <class F>
  void compile(std::string_view name, bool list) {
    using E = typename Element<F>::type;
    const std::string path = child_path(prefix, name, list);
    PolicyNode& child = node.children.emplace_back();
    child.rule = withhold_rule;
    if (!only_member.empty()) {
      if (name == only_member) child.decision = Decision::keep;
      return;
    }
    if (const auto found = rules.transforms.find(path); found != rules.transforms.end()) {
      child.rule = found->second.rule;
      if (found->second.rule == "country") {
        child.decision = Decision::descend;
        if constexpr (xes_record<E>) descend<E>(child, path, false, "country", "country");
        return;
      }
      child.decision = Decision::transform;
      child.transform = found->second.rule == "year" ? Transform::year
                        : found->second.rule == "mask" ? Transform::mask
                                                       : Transform::hash;
      child.keep = found->second.keep;
      return;
    }
    const bool allowed = inherited || rules.allowed.contains(path);
    if constexpr (xes_record<E>) {
      if (allowed ? rules.transform_under(path) : rules.anything_under(path)) {
        child.decision = Decision::descend;
        descend<E>(child, path, allowed, withhold_rule, {});
        return;
      }
    }
    child.decision = allowed ? Decision::keep : Decision::withhold;
  }

  template <class E>
  void descend(PolicyNode& child, const std::string& path, bool allowed, std::string_view rule, std::string_view only) {
    E probe{};
    Compiler inner{rules, path, child, allowed, rule, only};
    describe(inner, probe);
  }
};

// ---- Applying a compiled policy ------------------------------------------------------------------------

struct Walk {
  std::vector<std::pair<std::string_view, std::size_t>> path;  // member names and list indices
  std::vector<ReleaseAction>& actions;
  const HmacSha256* hmac = nullptr;

  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

  std::string concrete() const {
    std::string out;
    for (const auto& [name, index] : path) {
      if (!out.empty()) out += '.';
      out.append(name);
      if (index != kNoIndex) out.append("[").append(std::to_string(index)).append("]");
    }
    return out;
  }
  void act(std::string_view action, std::string_view rule) {
    actions.push_back({concrete(), std::string(action), std::string(rule)});
  }
};

// A partial date as its year: "1981-03-21" -> "1981", "1980/1985-06" -> "1980/1985", "1981-03~" -> "1981~".
// Nothing when a part does not start with a four-digit year.
std::optional<std::string> year_of(std::string_view date) {
  std::string out;
  while (true) {
    const std::size_t slash = date.find('/');
    const std::string_view part = date.substr(0, slash);
    if (part.size() < 4 || !std::all_of(part.begin(), part.begin() + 4, [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    out.append(part.substr(0, 4));
    if (part.back() == '~') out += '~';
    if (slash == std::string_view::npos) return out;
    out += '/';
    date.remove_prefix(slash + 1);
  }
}

// All but the last `keep` characters (code points) as '*'.
std::string masked(std::string_view value, std::size_t keep) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if ((static_cast<unsigned char>(value[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  if (keep == 0 || starts.size() <= keep) return std::string(starts.size(), '*');
  const std::size_t visible = starts[starts.size() - keep];
  return std::string(starts.size() - keep, '*') + std::string(value.substr(visible));
}

void transform_text(std::string& value, const PolicyNode& node, Walk& walk) {
  switch (node.transform) {
    case Transform::year:
      if (auto year = year_of(value)) {
        if (*year != value) walk.act("transformed", node.rule);
        value = std::move(*year);
      } else {
        walk.act("withheld", "year (not a date)");
        value.clear();
      }
      return;
    case Transform::mask:
      value = masked(value, node.keep);
      walk.act("transformed", node.rule);
      return;
    case Transform::hash: {
      std::string hashed = "hmac-sha256:";
      walk.hmac->append_hex(value, hashed);
      value = std::move(hashed);
      walk.act("transformed", node.rule);
      return;
    }
    case Transform::none: return;
  }
}

template <class T>
void walk_record(T& record, const PolicyNode& node, Walk& walk);

struct Walker {
  const PolicyNode& node;
  Walk& walk;
  std::size_t index = 0;

  template <class F>
  void operator()(std::string_view name, F& field) {
    visit(name, field);
  }
  template <class F>
  void operator()(std::string_view name, std::string_view, F& field) {
    visit(name, field);
  }
  template <class F>
  void always(std::string_view name, std::string_view, F& field) {
    visit(name, field);
  }

  template <class F>
  void visit(std::string_view name, F& field) {
    const PolicyNode& child = node.children[index++];
    if (!is_present(field) || child.decision == Decision::keep) return;
    walk.path.emplace_back(name, Walk::kNoIndex);
    switch (child.decision) {
      case Decision::withhold:
        walk.act("withheld", child.rule);
        field = F{};
        break;
      case Decision::transform:
        if constexpr (std::is_same_v<F, std::string>) {
          transform_text(field, child, walk);
        } else if constexpr (std::is_same_v<F, std::vector<std::string>>) {
          for (std::size_t i = 0; i < field.size(); ++i) {
            walk.path.back().second = i;
            transform_text(field[i], child, walk);
          }
          std::erase(field, std::string());
        }
        break;
      case Decision::descend:
        if constexpr (xes_record<F>) {
          walk_record(field, child, walk);
        } else if constexpr (xes_record<typename Element<F>::type> && !std::is_same_v<F, typename Element<F>::type>) {
          if constexpr (requires { field.has_value(); }) {
            walk_record(*field, child, walk);
            if (holds_nothing(*field)) field.reset();
          } else {
            for (std::size_t i = 0; i < field.size(); ++i) {
              walk.path.back().second = i;
              walk_record(field[i], child, walk);
            }
            std::erase_if(field, [](const auto& item) { return holds_nothing(item); });
          }
        }
        break;
      case Decision::keep: break;
    }
    walk.path.pop_back();
  }
};

template <class T>
void walk_record(T& record, const PolicyNode& node, Walk& walk) {
  Walker walker{node, walk};
  describe(walker, record);
}

// The ids of every entity left in the message (any top-level record with an "id").
struct IdCollector {
  std::unordered_set<std::string>& ids;
  template <class F>
  void operator()(std::string_view name, F& field) {
    if constexpr (std::is_same_v<F, const std::string>) {
      if (name == "id" && !field.empty()) ids.insert(field);
    }
  }
  template <class F>
  void operator()(std::string_view, std::string_view, F&) {}
  template <class F>
  void always(std::string_view, std::string_view, F& items) {
    if constexpr (xes_record<typename Element<std::remove_const_t<F>>::type>) {
      for (const auto& item : items) describe(*this, item);
    }
  }
};

// ---- Conditions -----------------------------------------------------------------------------------------

std::string one_line(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  std::replace(text.begin(), text.end(), '\n', ';');
  return text;
}

// Every offence on the EAW list: its national code, else one of its categories, maps to an EAW item.
bool every_offence_on_eaw_list(const xes::Message& message, const Categories& categories,
                               std::vector<std::string>& explained) {
  if (message.offences.empty()) {
    explained.push_back("every-offence-on-eaw-list: the message has no offence to check");
    return false;
  }
  bool all = true;
  for (std::size_t i = 0; i < message.offences.size(); ++i) {
    const xes::Offence& offence = message.offences[i];
    const std::string at = "every-offence-on-eaw-list: offences[" + std::to_string(i) + "]";
    std::vector<std::pair<std::string, std::string>> codes;  // the national code first, then the categories
    if (offence.national && !offence.national->system.empty()) codes.emplace_back(offence.national->system, offence.national->code);
    for (const auto& category : offence.categories) codes.emplace_back(category.system, category.code);
    std::string found;
    for (const auto& [system, code] : codes) {
      if (system == "eaw" && categories.has("eaw", code)) {
        found = "eaw:" + code + " as the message categorises it";
        break;
      }
      try {
        const auto items = categories.on_eaw_list(system, code);
        if (!items.empty()) {
          found = system + ":" + code + " -> " + one_line(categories.explain(items.front()));
          break;
        }
      } catch (const Error&) {
        // A system the tables do not know: no path from it; the next code may have one.
      }
    }
    if (found.empty()) {
      all = false;
      explained.push_back(at + ": not on the EAW list" +
                          (codes.empty() ? std::string(" (no code to check)") : std::string()));
    } else {
      explained.push_back(at + ": on the EAW list: " + found);
    }
  }
  return all;
}

}  // namespace

// ---- Policies -------------------------------------------------------------------------------------------

struct Policy {
  PolicyInfo info;
  PolicyNode root;
  bool needs_key = false;
  bool eaw_condition = false;
};

struct PolicySet {
  MappingStore store;
  std::unique_ptr<Categories> own_categories;
  const Categories* categories = nullptr;
  std::set<std::string, std::less<>> handling_codes;
  std::map<std::string, Policy, std::less<>> policies;

  explicit PolicySet(const std::filesystem::path& mappings_dir) : store(mappings_dir) {
    if (mappings_dir.empty()) {
      categories = &Categories::builtin();
    } else {
      own_categories = std::make_unique<Categories>(mappings_dir);
      categories = own_categories.get();
    }
    const DataTable codes = DataTable::load(store, "codes/handling-codes.csv");
    const std::size_t code = codes.require("code");
    for (const auto& row : codes.rows) handling_codes.insert(row[code]);
    for (const auto& file : store.list("policies/")) {
      if (file.size() < 5 || file.compare(file.size() - 5, 5, ".json") != 0) continue;
      add(std::string("mappings/") + file, *store.load(file));
    }
  }

  static bool is_duration(std::string_view text) {  // ISO 8601 date duration: P6M, P1Y6M, P30D, P2W
    if (text.size() < 3 || text.front() != 'P') return false;
    bool digits = false;
    for (const char c : text.substr(1)) {
      if (c >= '0' && c <= '9') {
        digits = true;
      } else if ((c == 'Y' || c == 'M' || c == 'W' || c == 'D') && digits) {
        digits = false;
      } else {
        return false;
      }
    }
    return !digits;
  }

  void add(const std::string& file, std::string_view text) {
    LocatedJson json;
    std::string why;
    std::size_t line = 0;
    if (!json.parse(text, why, line)) throw ProfileError(file, line, why);
    const auto fail = [&](const std::string& pointer, const std::string& message) {
      throw ProfileError(file, json.line_of(pointer), message);
    };
    const rapidjson::Value& root = json.document();
    if (!root.IsObject()) fail("", "a policy is a JSON object");
    static const std::set<std::string_view> kMembers = {"$schema", "id", "version", "description", "source", "recipient",
                                                        "purpose", "legal_basis", "handling", "retention", "allow",
                                                        "transform", "conditions"};
    for (const auto& member : root.GetObject()) {
      const std::string_view name(member.name.GetString(), member.name.GetStringLength());
      if (!kMembers.contains(name)) fail("/" + std::string(name), "unknown member '" + std::string(name) + "'");
    }
    const auto text_of = [&](const char* name, bool required) {
      const auto found = root.FindMember(name);
      if (found == root.MemberEnd()) {
        if (required) fail("", std::string("the policy has no '") + name + "'");
        return std::string();
      }
      if (!found->value.IsString() || found->value.GetStringLength() == 0) {
        fail(std::string("/") + name, std::string("'") + name + "' must be a non-empty string");
      }
      return std::string(found->value.GetString(), found->value.GetStringLength());
    };
    const auto array_of = [&](const char* name) -> const rapidjson::Value* {
      const auto found = root.FindMember(name);
      if (found == root.MemberEnd()) return nullptr;
      if (!found->value.IsArray()) fail(std::string("/") + name, std::string("'") + name + "' must be an array");
      return &found->value;
    };

    Policy policy;
    policy.info.file = file;
    policy.info.id = text_of("id", true);
    policy.info.version = text_of("version", true);
    policy.info.description = text_of("description", true);
    policy.info.recipient = text_of("recipient", true);
    policy.info.purpose = text_of("purpose", true);
    policy.info.legal_basis = text_of("legal_basis", true);
    if (const auto* handling = array_of("handling")) {
      for (rapidjson::SizeType i = 0; i < handling->Size(); ++i) {
        const std::string at = "/handling/" + std::to_string(i);
        const auto& code = (*handling)[i];
        if (!code.IsString() || !handling_codes.contains(code.GetString())) {
          fail(at, std::string("unknown handling code") + (code.IsString() ? std::string(" '") + code.GetString() + "'" : "") +
                       " (mappings/codes/handling-codes.csv)");
        }
        policy.info.handling.emplace_back(code.GetString());
      }
    }
    if (root.HasMember("retention")) {
      const std::string retention = text_of("retention", false);
      if (!is_duration(retention)) fail("/retention", "retention must be an ISO 8601 duration such as P6M or P1Y");
      policy.info.handling.push_back("retention:" + retention);
    }
    if (policy.info.handling.empty()) fail("/handling", "a policy sets at least one handling code");

    const Catalogue& paths = catalogue();
    const auto known_path = [&](const std::string& pointer, const rapidjson::Value& value) {
      if (!value.IsString()) fail(pointer, "a path is a string");
      const std::string path = value.GetString();
      if (!paths.contains(path)) {
        fail(pointer, "XES has no member '" + path + "' (paths name lists with [], e.g. persons[].names[].family)");
      }
      return path;
    };
    Rules rules;
    if (const auto* allow = array_of("allow")) {
      for (rapidjson::SizeType i = 0; i < allow->Size(); ++i) {
        rules.allowed.insert(known_path("/allow/" + std::to_string(i), (*allow)[i]));
      }
    }
    if (const auto* transforms = array_of("transform")) {
      for (rapidjson::SizeType i = 0; i < transforms->Size(); ++i) {
        const std::string at = "/transform/" + std::to_string(i);
        const auto& entry = (*transforms)[i];
        if (!entry.IsObject()) fail(at, "a transform is an object {\"path\", \"rule\"}");
        for (const auto& member : entry.GetObject()) {
          const std::string_view name = member.name.GetString();
          if (name != "path" && name != "rule" && name != "keep") fail(at, "unknown member '" + std::string(name) + "'");
        }
        if (!entry.HasMember("path") || !entry.HasMember("rule") || !entry["rule"].IsString()) {
          fail(at, "a transform has a \"path\" and a \"rule\"");
        }
        const std::string path = known_path(at + "/path", entry["path"]);
        TransformRule rule{entry["rule"].GetString()};
        const PatternInfo& info = paths.find(path)->second;
        if (rule.rule == "country") {
          if (!info.record || !paths.contains(path + ".country")) fail(at + "/rule", "'country' applies to a place (a record with a country)");
          rules.allowed.insert(path + ".country");
        } else if (rule.rule == "year" || rule.rule == "mask" || rule.rule == "hash") {
          if (!info.text) fail(at + "/rule", "'" + rule.rule + "' applies to text values, and '" + path + "' is not one");
          policy.needs_key = policy.needs_key || rule.rule == "hash";
        } else {
          fail(at + "/rule", "unknown transform rule '" + rule.rule + "' (year, country, mask, hash)");
        }
        if (entry.HasMember("keep")) {
          if (rule.rule != "mask" || !entry["keep"].IsUint() || entry["keep"].GetUint() > 16) {
            fail(at + "/keep", "'keep' (0 to 16 characters left visible) belongs to a mask");
          }
          rule.keep = entry["keep"].GetUint();
        } else if (rule.rule == "mask") {
          rule.keep = 3;
        }
        if (rules.transforms.contains(path)) fail(at, "'" + path + "' has two transforms");
        rules.transforms.emplace(path, std::move(rule));
      }
    }
    if (const auto* conditions = array_of("conditions")) {
      for (rapidjson::SizeType i = 0; i < conditions->Size(); ++i) {
        const auto& condition = (*conditions)[i];
        if (!condition.IsString() || std::string_view(condition.GetString()) != "every-offence-on-eaw-list") {
          fail("/conditions/" + std::to_string(i), "unknown condition (every-offence-on-eaw-list)");
        }
        policy.eaw_condition = true;
      }
    }
    // What every XES message must have, whatever the policy: the schema version, the message's id and time
    // (the release record and the recipient's reply refer to them).
    for (const char* always : {"xes", "header.message_id", "header.created"}) rules.allowed.insert(always);
    Compiler compiler{rules, {}, policy.root, false, "allow-list", {}};
    xes::Message probe;
    describe(compiler, probe);
    policies.insert_or_assign(policy.info.id, std::move(policy));
  }

  const Policy& find(std::string_view id) const {
    const auto found = policies.find(id);
    if (found == policies.end()) throw Error("unknown release policy '" + std::string(id) + "' (xborder policies lists them)");
    return found->second;
  }
};

}  // namespace detail

ReleasePolicies::ReleasePolicies(const std::filesystem::path& mappings_dir)
    : set_(std::make_unique<detail::PolicySet>(mappings_dir)) {}
ReleasePolicies::~ReleasePolicies() = default;
ReleasePolicies::ReleasePolicies(ReleasePolicies&&) noexcept = default;

const ReleasePolicies& ReleasePolicies::builtin() {
  static const ReleasePolicies policies;
  return policies;
}

void ReleasePolicies::add_file(const std::filesystem::path& file) {
  if (!std::filesystem::is_regular_file(file)) throw Error("cannot read policy file " + file.string());
  set_->add(file.string(), detail::read_text_file(file));
}

void ReleasePolicies::add(std::string_view name, std::string_view text) { set_->add(std::string(name), text); }

std::vector<PolicyInfo> ReleasePolicies::list() const {
  std::vector<PolicyInfo> out;
  for (const auto& [id, policy] : set_->policies) out.push_back(policy.info);
  return out;
}

ReleaseRecord ReleasePolicies::apply(std::string_view id, xes::Message& message, const ReleaseRequest& request) const {
  const detail::Policy& policy = set_->find(id);
  if (policy.needs_key && request.hash_key.empty()) {
    throw Error("release policy '" + policy.info.id + "' hashes identifiers: give the key (ReleaseRequest::hash_key, --hash-key-file)");
  }
  ReleaseRecord record;
  record.policy = policy.info.id;
  record.policy_version = policy.info.version;
  record.recipient = request.recipient.empty() ? policy.info.recipient : request.recipient;
  record.purpose = request.purpose.empty() ? policy.info.purpose : request.purpose;
  record.legal_basis = policy.info.legal_basis;
  detail::stamp_created(record.time, request.time);
  if (policy.eaw_condition && !detail::every_offence_on_eaw_list(message, *set_->categories, record.conditions)) {
    return record;
  }
  std::optional<detail::HmacSha256> hmac;
  if (policy.needs_key) hmac.emplace(request.hash_key);
  detail::Walk walk{{}, record.actions, hmac ? &*hmac : nullptr};
  detail::walk_record(message, policy.root, walk);

  // A relation between entities of which one was withheld would say that it exists.
  if (!message.relations.empty()) {
    std::unordered_set<std::string> ids;
    detail::IdCollector collector{ids};
    detail::describe(collector, std::as_const(message));
    for (std::size_t i = 0; i < message.relations.size(); ++i) {
      const auto& relation = message.relations[i];
      if (!ids.contains(relation.from) || !ids.contains(relation.to)) {
        record.actions.push_back({"relations[" + std::to_string(i) + "]", "withheld", "dangling-relation"});
      }
    }
    std::erase_if(message.relations,
                  [&](const xes::Relation& relation) { return !ids.contains(relation.from) || !ids.contains(relation.to); });
  }

  xes::Header& header = message.header;
  // The sender's own conditions stay when the policy lets them through; the policy's are added.
  for (const auto& code : policy.info.handling) {
    if (std::find(header.handling.begin(), header.handling.end(), code) == header.handling.end()) header.handling.push_back(code);
  }
  header.purpose = record.purpose;
  header.legal_basis = record.legal_basis;
  header.receivers = {xes::Agency{record.recipient, {}, {}}};
  record.handling = header.handling;
  record.released = true;
  return record;
}

Release ReleasePolicies::release(std::string_view id, std::string_view input, XesSyntax syntax,
                                 const ReleaseRequest& request, Diagnostics& diagnostics) const {
  Release result;
  auto message = read_xes(input, syntax, diagnostics);
  if (!message) {
    const detail::Policy& policy = set_->find(id);
    result.record.policy = policy.info.id;
    result.record.policy_version = policy.info.version;
    detail::stamp_created(result.record.time, request.time);
    result.record.conditions.push_back("the input is not a readable XES message");
  } else {
    result.record = apply(id, *message, request);
    // What the reader could not put into the model (members XES does not have) never reaches the output
    // either: withheld, and recorded as such.
    for (const auto& item : diagnostics.all()) {
      if (item.severity == Severity::loss) result.record.actions.push_back({item.path, "withheld", "not-in-xes"});
    }
    if (result.record.released) {
      result.output = write_xes(*message, syntax, diagnostics);
      if (result.output) {
        result.record.output_sha256 = detail::sha256_hex(*result.output);
      } else {
        result.record.released = false;
      }
    }
  }
  result.record.input_sha256 = detail::sha256_hex(input);
  return result;
}

std::string ReleaseRecord::to_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  const auto text = [&](const char* name, const std::string& value) {
    writer.Key(name);
    writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  writer.StartObject();
  text("record", "xborder-release/1");
  text("policy", policy);
  text("policy_version", policy_version);
  text("recipient", recipient);
  text("purpose", purpose);
  text("legal_basis", legal_basis);
  writer.Key("handling");
  writer.StartArray();
  for (const auto& code : handling) writer.String(code.data(), static_cast<rapidjson::SizeType>(code.size()));
  writer.EndArray();
  text("time", time);
  text("input_sha256", input_sha256);
  if (!output_sha256.empty()) text("output_sha256", output_sha256);
  writer.Key("released");
  writer.Bool(released);
  writer.Key("conditions");
  writer.StartArray();
  for (const auto& line : conditions) writer.String(line.data(), static_cast<rapidjson::SizeType>(line.size()));
  writer.EndArray();
  writer.Key("actions");
  writer.StartArray();
  for (const auto& action : actions) {
    writer.StartObject();
    text("path", action.path);
    text("action", action.action);
    text("rule", action.rule);
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace xborder
