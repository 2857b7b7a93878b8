// Classification systems and crosswalks as a graph: codes are nodes; crosswalk rows are edges (with their
// inverses); a code's broader code is reachable as a weaker (broadMatch) step. Translation is a bounded
// best-first walk that composes the relations along the path.

#include "xborder/categories.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <array>
#include <map>
#include <unordered_map>

#include "core/mapping_store.hpp"
#include "core/data_table.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder {

std::string_view relation_name(Relation relation) {
  static constexpr std::array<std::string_view, 5> kNames = {"exactMatch", "closeMatch", "broadMatch", "narrowMatch",
                                                             "relatedMatch"};
  return kNames[static_cast<std::size_t>(relation)];
}

namespace detail {
namespace {

constexpr std::size_t kMaxSteps = 5;  // climbs and crosswalk steps together: national -> ICCS -> target

std::optional<Relation> parse_relation(std::string_view name) {
  for (int r = 0; r < 5; ++r) {
    if (relation_name(static_cast<Relation>(r)) == name) return static_cast<Relation>(r);
  }
  return std::nullopt;
}

Relation inverse(Relation relation) {
  switch (relation) {
    case Relation::broad: return Relation::narrow;
    case Relation::narrow: return Relation::broad;
    default: return relation;
  }
}

// Relation along two steps (SKOS semantics): exact is neutral, related absorbs, broad then narrow (or the
// reverse) leaves only relatedness, close yields to the other.
Relation compose(Relation first, Relation second) {
  if (first == Relation::exact) return second;
  if (second == Relation::exact) return first;
  if (first == Relation::related || second == Relation::related) return Relation::related;
  if (first == Relation::close) return second;
  if (second == Relation::close) return first;
  return first == second ? first : Relation::related;
}

int rank(Relation relation) {
  switch (relation) {
    case Relation::exact: return 0;
    case Relation::close: return 1;
    case Relation::broad:
    case Relation::narrow: return 2;
    case Relation::related: return 3;
  }
  return 3;
}

}  // namespace

class CategoryGraph {
 public:
  struct Edge {
    int to;
    Relation relation;
    int file;  // index into files_
  };
  struct Node {
    int system;
    std::string code;
    std::string title;
    int parent = -1;
    std::vector<int> children;
    std::vector<Edge> edges;
  };

  explicit CategoryGraph(const MappingStore& store) {
    for (const std::string& path : store.list("categories/systems/")) load_system(path, *store.load(path));
    if (const auto aliases = store.load("categories/aliases.csv")) load_aliases(*aliases);
    for (const std::string& path : store.list("categories/crosswalks/")) load_crosswalk(path, *store.load(path));
    for (const std::string& path : store.list("categories/qualifiers/")) load_qualifiers(path, *store.load(path));
    memo_ = std::vector<std::atomic<const std::vector<CategoryCandidate>*>>(nodes_.size() * systems_.size());
  }

  int find(std::string_view system, std::string_view code) const {
    const auto found = index_.find(key(system, code));
    return found == index_.end() ? -1 : found->second;
  }

  int system_index(std::string_view id) const {
    for (std::size_t i = 0; i < systems_.size(); ++i) {
      if (systems_[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }

  const Node& node(int index) const { return nodes_[static_cast<std::size_t>(index)]; }
  const std::vector<SystemInfo>& systems() const { return systems_; }
  const std::string& file(int index) const { return files_[static_cast<std::size_t>(index)]; }
  const std::vector<CategoryQualifier>& qualifiers(std::string_view system) const {
    static const std::vector<CategoryQualifier> none;
    const auto found = qualifiers_.find(system);
    return found == qualifiers_.end() ? none : found->second;
  }

  // Memoised per (code, target system): the first call walks the graph, later ones copy the answer.
  // Slots are filled lock-free; a thread that loses the race to fill one drops its own copy.
  std::vector<CategoryCandidate> translate(int start, int target) const {
    auto& slot = memo_[static_cast<std::size_t>(start) * systems_.size() + static_cast<std::size_t>(target)];
    const std::vector<CategoryCandidate>* known = slot.load(std::memory_order_acquire);
    if (known == nullptr) {
      auto computed = std::make_unique<std::vector<CategoryCandidate>>(walk(start, target));
      const std::vector<CategoryCandidate>* expected = nullptr;
      if (slot.compare_exchange_strong(expected, computed.get(), std::memory_order_acq_rel)) {
        known = computed.release();
      } else {
        known = expected;
      }
    }
    return *known;
  }

  ~CategoryGraph() {
    for (auto& slot : memo_) delete slot.load();
  }
  CategoryGraph(const CategoryGraph&) = delete;
  CategoryGraph& operator=(const CategoryGraph&) = delete;

  // Best-first walk from `start` to codes of `target`. States keep their predecessor, so a path is built
  // only for the codes found.
  std::vector<CategoryCandidate> walk(int start, int target) const {
    struct State {
      int node;
      Relation relation;   // composed from the start
      Relation step;       // of the last step
      int via;             // crosswalk file of the last step, -1 for a hierarchy step
      int previous;        // index in `states`, -1 for the start
      std::size_t steps;
      std::uint64_t systems;  // systems the path has passed through: it never returns to one (no detours)
    };
    std::vector<State> states{{start, Relation::exact, Relation::exact, -1, -1, 0, bit(node(start).system)}};
    std::unordered_map<int, std::pair<int, std::size_t>> best;  // node -> (rank, steps) already reached
    std::vector<std::size_t> found;
    for (std::size_t at = 0; at < states.size(); ++at) {
      const State state = states[at];
      const Node& here = node(state.node);
      if (here.system == target && state.node != start) {
        found.push_back(at);
        continue;
      }
      if (state.steps >= kMaxSteps) continue;
      const auto follow = [&](int next, Relation relation, int via) {
        const int next_system = node(next).system;
        if (next_system != here.system && (state.systems & bit(next_system)) != 0) return;
        const Relation composed = compose(state.relation, relation);
        const std::pair<int, std::size_t> score{rank(composed), state.steps + 1};
        const auto [it, inserted] = best.try_emplace(next, score);
        if (!inserted) {
          if (it->second <= score) return;
          it->second = score;
        }
        states.push_back({next, composed, relation, via, static_cast<int>(at), state.steps + 1,
                          state.systems | bit(next_system)});
      };
      for (const Edge& edge : here.edges) follow(edge.to, edge.relation, edge.file);
      if (here.parent >= 0) follow(here.parent, Relation::broad, -1);
    }
    std::vector<CategoryCandidate> candidates;
    for (const std::size_t index : found) {
      const State& last = states[index];
      CategoryCandidate candidate;
      const Node& n = node(last.node);
      candidate.system = systems_[static_cast<std::size_t>(n.system)].id;
      candidate.code = n.code;
      candidate.title = n.title;
      candidate.relation = last.relation;
      for (int at = static_cast<int>(index); at >= 0; at = states[static_cast<std::size_t>(at)].previous) {
        const State& s = states[static_cast<std::size_t>(at)];
        candidate.path.push_back(step(s.node, s.step, s.previous < 0 ? "" : s.via < 0 ? "hierarchy" : "crosswalk " + file(s.via)));
      }
      std::reverse(candidate.path.begin(), candidate.path.end());
      candidates.push_back(std::move(candidate));
    }
    std::sort(candidates.begin(), candidates.end(), [](const CategoryCandidate& a, const CategoryCandidate& b) {
      return std::forward_as_tuple(rank(a.relation), a.path.size(), a.code) <
             std::forward_as_tuple(rank(b.relation), b.path.size(), b.code);
    });
    // One candidate per target code: the best path to it.
    std::vector<CategoryCandidate> unique;
    for (auto& candidate : candidates) {
      if (std::none_of(unique.begin(), unique.end(), [&](const auto& u) { return u.code == candidate.code; })) {
        unique.push_back(std::move(candidate));
      }
    }
    return unique;
  }

 private:
  static std::uint64_t bit(int system) { return std::uint64_t{1} << (system % 64); }

  static std::string key(std::string_view system, std::string_view code) {
    std::string out(system);
    out += '\x1f';
    out += code;
    return out;
  }

  CategoryStep step(int index, Relation relation, std::string via) const {
    const Node& n = node(index);
    return {systems_[static_cast<std::size_t>(n.system)].id, n.code, n.title, relation, std::move(via)};
  }

  void load_system(const std::string& path, std::string_view text) {
    const DataTable file = DataTable::parse("mappings/" + path, text);
    const std::string id = file.metadata.count("system") ? file.metadata.at("system") : "";
    const std::string expected = path.substr(path.rfind('/') + 1, path.size() - path.rfind('/') - 5);
    if (id != expected) file.fail(1, "'# system: " + expected + "' expected (the id is the file name)");
    const int code = file.column("code"), parent = file.column("parent"), title = file.column("title");
    if (code < 0 || parent < 0 || title < 0) file.fail(1, "columns code, parent and title are required");
    const int system = static_cast<int>(systems_.size());
    systems_.push_back({id, file.metadata.count("name") ? file.metadata.at("name") : "",
                        file.metadata.count("version") ? file.metadata.at("version") : "",
                        file.metadata.count("source") ? file.metadata.at("source") : "", file.rows.size()});
    std::vector<std::pair<int, const DataTable::Row*>> pending;  // parents, resolved once every code is known
    for (const DataTable::Row& row : file.rows) {
      const std::string& value = row.cells[static_cast<std::size_t>(code)];
      if (value.empty()) file.fail(row.line, "empty code");
      const int index = static_cast<int>(nodes_.size());
      if (!index_.emplace(key(id, value), index).second) file.fail(row.line, "code " + value + " occurs twice");
      nodes_.push_back({system, value, row.cells[static_cast<std::size_t>(title)], -1, {}, {}});
      pending.emplace_back(index, &row);
    }
    for (const auto& [index, row] : pending) {
      const std::string& parent_code = row->cells[static_cast<std::size_t>(parent)];
      if (parent_code.empty()) continue;
      const int parent_index = find(id, parent_code);
      if (parent_index < 0) file.fail(row->line, "parent " + parent_code + " is not a code of " + id);
      nodes_[static_cast<std::size_t>(index)].parent = parent_index;
      nodes_[static_cast<std::size_t>(parent_index)].children.push_back(index);
    }
    for (const auto& [index, row] : pending) {  // no cycles: every chain of parents ends
      std::size_t steps = 0;
      for (int at = node(index).parent; at >= 0; at = node(at).parent) {
        if (++steps > file.rows.size()) file.fail(row->line, "the parents of " + node(index).code + " form a cycle");
      }
    }
  }

  // The qualifiers a system transmits beside its codes; the file is named by the system, which must exist.
  void load_qualifiers(const std::string& path, std::string_view text) {
    const DataTable file = DataTable::parse("mappings/" + path, text);
    const std::string id = file.metadata.count("system") ? file.metadata.at("system") : "";
    const std::string expected = path.substr(path.rfind('/') + 1, path.size() - path.rfind('/') - 5);
    if (id != expected) file.fail(1, "'# system: " + expected + "' expected (the id is the file name)");
    if (system_index(id) < 0) file.fail(1, "unknown classification system '" + id + "'");
    const int qualifier = file.column("qualifier"), value = file.column("value"), meaning = file.column("meaning");
    if (qualifier < 0 || value < 0 || meaning < 0) file.fail(1, "columns qualifier, value and meaning are required");
    auto& values = qualifiers_[id];
    for (const DataTable::Row& row : file.rows) {
      CategoryQualifier entry{row.cells[static_cast<std::size_t>(qualifier)], row.cells[static_cast<std::size_t>(value)],
                              row.cells[static_cast<std::size_t>(meaning)]};
      if (entry.qualifier.empty() || entry.value.empty() || entry.meaning.empty()) {
        file.fail(row.line, "a qualifier, its value and their meaning are all required");
      }
      const auto same = [&](const CategoryQualifier& known) {
        return known.qualifier == entry.qualifier && known.value == entry.value;
      };
      if (std::any_of(values.begin(), values.end(), same)) {
        file.fail(row.line, entry.qualifier + " " + entry.value + " occurs twice");
      }
      values.push_back(std::move(entry));
    }
  }

  // Misprinted codes seen in real tables, each read as the code it stands for.
  void load_aliases(std::string_view text) {
    const DataTable file = DataTable::parse("mappings/categories/aliases.csv", text);
    const int system = file.column("system"), alias = file.column("alias"), code = file.column("code");
    if (system < 0 || alias < 0 || code < 0) file.fail(1, "columns system, alias and code are required");
    for (const DataTable::Row& row : file.rows) {
      const auto& cells = row.cells;
      const int target = find(cells[static_cast<std::size_t>(system)], cells[static_cast<std::size_t>(code)]);
      if (target < 0) file.fail(row.line, "alias of an unknown code " + cells[static_cast<std::size_t>(code)]);
      if (!index_.emplace(key(cells[static_cast<std::size_t>(system)], cells[static_cast<std::size_t>(alias)]), target).second) {
        file.fail(row.line, cells[static_cast<std::size_t>(alias)] + " is already a code or an alias");
      }
    }
  }

  void load_crosswalk(const std::string& path, std::string_view text) {
    const DataTable file = DataTable::parse("mappings/" + path, text);
    const std::string declared = file.metadata.count("crosswalk") ? file.metadata.at("crosswalk") : "";
    const auto arrow = declared.find(" -> ");
    if (arrow == std::string::npos) file.fail(1, "'# crosswalk: FROM -> TO' expected");
    const std::string from_system = declared.substr(0, arrow), to_system = declared.substr(arrow + 4);
    for (const auto& system : {from_system, to_system}) {
      if (system_index(system) < 0) file.fail(1, "unknown classification system '" + system + "'");
    }
    const int from = file.column("from"), to = file.column("to"), relation = file.column("relation");
    if (from < 0 || to < 0 || relation < 0) file.fail(1, "columns from, to and relation are required");
    const int file_index = static_cast<int>(files_.size());
    files_.push_back(path.substr(path.rfind('/') + 1));
    for (const DataTable::Row& row : file.rows) {
      const std::string& a = row.cells[static_cast<std::size_t>(from)];
      const std::string& b = row.cells[static_cast<std::size_t>(to)];
      const int source = find(from_system, a), target = find(to_system, b);
      if (source < 0) file.fail(row.line, a + " is not a code of " + from_system);
      if (target < 0) file.fail(row.line, b + " is not a code of " + to_system);
      const auto parsed = parse_relation(row.cells[static_cast<std::size_t>(relation)]);
      if (!parsed) {
        file.fail(row.line, "relation '" + row.cells[static_cast<std::size_t>(relation)] +
                                "' is not exactMatch, closeMatch, broadMatch, narrowMatch or relatedMatch");
      }
      add_edge(source, target, *parsed, file_index, file, row.line);
      add_edge(target, source, inverse(*parsed), file_index, file, row.line);
    }
  }

  // A pair stated twice must be stated consistently (A broadMatch B, B narrowMatch A).
  void add_edge(int from, int to, Relation relation, int file_index, const DataTable& file, std::size_t line) {
    auto& edges = nodes_[static_cast<std::size_t>(from)].edges;
    for (const Edge& edge : edges) {
      if (edge.to != to) continue;
      if (edge.relation != relation) {
        file.fail(line, node(from).code + " -> " + node(to).code + " is " + std::string(relation_name(relation)) +
                            " here but " + std::string(relation_name(edge.relation)) + " in " + files_[static_cast<std::size_t>(edge.file)]);
      }
      return;
    }
    edges.push_back({to, relation, file_index});
  }

  std::vector<SystemInfo> systems_;
  std::vector<Node> nodes_;
  std::unordered_map<std::string, int> index_;
  std::vector<std::string> files_;
  std::map<std::string, std::vector<CategoryQualifier>, std::less<>> qualifiers_;
  mutable std::vector<std::atomic<const std::vector<CategoryCandidate>*>> memo_;  // sized once loading is done
};

}  // namespace detail

Categories::Categories(const std::filesystem::path& mappings_dir, Tables tables)
    : graph_(std::make_unique<detail::CategoryGraph>(
          detail::MappingStore(mappings_dir, tables == Tables::builtin_and_directory))) {}
Categories::~Categories() = default;
Categories::Categories(Categories&&) noexcept = default;

const Categories& Categories::builtin() {
  static const Categories categories;
  return categories;
}

std::vector<SystemInfo> Categories::systems() const { return graph_->systems(); }

bool Categories::has(std::string_view system, std::string_view code) const { return graph_->find(system, code) >= 0; }

std::string Categories::title(std::string_view system, std::string_view code) const {
  const int index = graph_->find(system, code);
  return index < 0 ? std::string() : graph_->node(index).title;
}

std::vector<CategoryCandidate> Categories::translate(std::string_view system, std::string_view code,
                                                     std::string_view target) const {
  const int start = graph_->find(system, code);
  const int target_system = graph_->system_index(target);
  if (start < 0) throw Error("unknown code " + std::string(system) + ":" + std::string(code));
  if (target_system < 0) throw Error("unknown classification system '" + std::string(target) + "'");
  return graph_->translate(start, target_system);
}

std::string Categories::explain(const CategoryCandidate& candidate) const {
  std::string out;
  for (std::size_t i = 0; i < candidate.path.size(); ++i) {
    const CategoryStep& step = candidate.path[i];
    out += i == 0 ? "" : "  " + std::string(relation_name(step.relation)) + " (" + step.via + ")\n";
    out += step.system + ":" + step.code + " '" + step.title + "'\n";
  }
  out += "=> " + std::string(relation_name(candidate.relation)) + "\n";
  return out;
}

std::vector<CategoryCandidate> Categories::on_eaw_list(std::string_view system, std::string_view code) const {
  return translate(system, code, "eaw");
}

std::vector<CategoryQualifier> Categories::qualifiers(std::string_view system) const {
  return graph_->qualifiers(system);
}

std::string Categories::qualifier_meaning(std::string_view system, std::string_view qualifier,
                                          std::string_view value) const {
  for (const auto& known : graph_->qualifiers(system)) {
    if (known.qualifier == qualifier && known.value == value) return known.meaning;
  }
  return {};
}

std::vector<std::string> Categories::ancestors(std::string_view system, std::string_view code) const {
  std::vector<std::string> out;
  const int start = graph_->find(system, code);
  if (start < 0) return out;
  for (int at = graph_->node(start).parent; at >= 0; at = graph_->node(at).parent) out.push_back(graph_->node(at).code);
  return out;
}

std::vector<std::string> Categories::descendants(std::string_view system, std::string_view code) const {
  std::vector<std::string> out;
  const int start = graph_->find(system, code);
  if (start < 0) return out;
  std::vector<int> stack(graph_->node(start).children.rbegin(), graph_->node(start).children.rend());
  while (!stack.empty()) {  // iterative: the depth is the data's, not bounded by the call stack
    const int at = stack.back();
    stack.pop_back();
    out.push_back(graph_->node(at).code);
    const auto& children = graph_->node(at).children;
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  return out;
}

}  // namespace xborder
