// The screening index: listed persons prepared once, candidates by token keys, full matches of the best.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <memory_resource>
#include <mutex>
#include <shared_mutex>
#include <new>
#include <span>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>

#include <sys/mman.h>

#include "matching/person_record.hpp"
#include "text/name_tokens.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/screen.hpp"

namespace xborder::screening {

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t in_huge_pages(std::size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

// Memory for the index's large arrays (the entries, the key runs, the postings) and the listed persons' arenas:
// from 2 MiB up, mapped on its own and advised as huge pages, which the kernel then gives where it offers them
// on request. A list of a million persons otherwise faults in a quarter of a million 4 KiB pages, a dear trap
// on a virtual machine.
void* allocate_large(std::size_t bytes, std::size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
  if (bytes < kHugePage) return ::operator new(bytes, std::align_val_t{alignment});
  if (bytes > std::numeric_limits<std::size_t>::max() - 2 * kHugePage) throw std::bad_array_new_length();
  // Mapped a huge page more than asked, so that the memory can start on a huge page's boundary (which also
  // meets any alignment below it); the rest is given back.
  const std::size_t used = in_huge_pages(bytes), mapped = used + kHugePage;
  void* const area = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(area);
  const std::uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
  const std::size_t head = aligned - start, tail = mapped - head - used;
  if (head > 0) munmap(area, head);
  if (tail > 0) munmap(reinterpret_cast<void*>(aligned + used), tail);
#ifdef MADV_HUGEPAGE
  madvise(reinterpret_cast<void*>(aligned), used, MADV_HUGEPAGE);  // a hint: refused, pages stay small
#endif
  return reinterpret_cast<void*>(aligned);
}

void deallocate_large(void* memory, std::size_t bytes,
                      std::size_t alignment = __STDCPP_DEFAULT_NEW_ALIGNMENT__) noexcept {
  if (bytes < kHugePage) {
    ::operator delete(memory, std::align_val_t{alignment});
  } else {
    munmap(memory, in_huge_pages(bytes));
  }
}

template <class T>
struct LargeArrayAllocator {
  using value_type = T;

  LargeArrayAllocator() = default;
  template <class U>
  LargeArrayAllocator(const LargeArrayAllocator<U>&) noexcept {}  // NOLINT: rebinding converts implicitly

  T* allocate(std::size_t count) {
    if (count > std::numeric_limits<std::size_t>::max() / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(allocate_large(count * sizeof(T)));
  }
  void deallocate(T* array, std::size_t count) noexcept { deallocate_large(array, count * sizeof(T)); }

  friend bool operator==(const LargeArrayAllocator&, const LargeArrayAllocator&) = default;
};

// Where the listed persons' arenas take their buffers (which grow geometrically, so a large list's soon reach
// mapped huge pages).
class LargeMemoryResource final : public std::pmr::memory_resource {
  void* do_allocate(std::size_t bytes, std::size_t alignment) override { return allocate_large(bytes, alignment); }
  void do_deallocate(void* memory, std::size_t bytes, std::size_t alignment) override {
    deallocate_large(memory, bytes, alignment);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

std::pmr::memory_resource& large_memory() {
  static LargeMemoryResource resource;
  return resource;
}

template <class T>
using LargeArray = std::vector<T, LargeArrayAllocator<T>>;

}  // namespace

struct IndexState {
  // The listed persons' names, tokens and dates: an arena for each thread add() runs, kept for later adds and
  // freed with the index. Declared before the entries, which give their memory back on destruction.
  std::vector<std::unique_ptr<std::pmr::monotonic_buffer_resource>> arenas;
  struct Entry {
    std::string id;
    std::uint32_t list = 0;
    std::string record;
    detail::PreparedPerson person;
    int year = 0;  // of birth, 0 when not known
  };
  // Moved, never copied, when the array grows: a copy would leave the arena for the heap.
  static_assert(std::is_nothrow_move_constructible_v<Entry>);
  LargeArray<Entry> entries;
  std::vector<std::string> lists;
  // Token keys by their 64-bit hash (two keys of one hash only add candidates, which the full match weighs).
  // add() appends (key, entry) pairs to runs, one a thread that prepared persons; the first query after sorts
  // the runs (each on a thread) and merges them into postings: the keys sorted, each key's entries at
  // postings[offsets[k]] up to postings[offsets[k + 1]]. No node or vector per key.
  using KeyRun = LargeArray<std::pair<std::uint64_t, std::uint32_t>>;
  std::vector<KeyRun> runs;
  LargeArray<std::uint64_t> keys;
  LargeArray<std::uint32_t> offsets, postings;
  std::mutex build_mutex;
  std::atomic<bool> built{true};
  // Adds hold the index alone; queries share it (an add waits for the queries running, and they for it). An
  // add waiting holds the gate, so that queries arriving meanwhile wait behind it: a steady stream of queries
  // would otherwise keep it waiting for ever (readers come first in glibc's lock).
  std::shared_mutex access;
  std::mutex gate;

  [[nodiscard]] std::shared_lock<std::shared_mutex> for_reading() {
    { const std::lock_guard passed(gate); }
    return std::shared_lock(access);
  }

  // A query's hold on the index, the keys added since the last query sorted first.
  [[nodiscard]] std::shared_lock<std::shared_mutex> for_queries() {
    auto lock = for_reading();
    build();
    return lock;
  }

  // An add's hold on the index.
  [[nodiscard]] std::unique_lock<std::shared_mutex> for_adding() {
    const std::lock_guard waiting(gate);
    return std::unique_lock(access);
  }

  void build() {
    if (built.load(std::memory_order_acquire)) return;
    const std::lock_guard lock(build_mutex);
    if (built.load(std::memory_order_relaxed)) return;
    if (!keys.empty()) {  // postings of earlier adds join the new ones
      KeyRun& earlier = runs.emplace_back();
      earlier.reserve(postings.size());
      for (std::size_t k = 0; k < keys.size(); ++k) {
        for (auto i = offsets[k]; i < offsets[k + 1]; ++i) earlier.emplace_back(keys[k], postings[i]);
      }
    }
    {
      std::vector<std::jthread> sorters;
      for (std::size_t r = 1; r < runs.size(); ++r) {
        try {
          sorters.emplace_back([run = &runs[r]] { std::sort(run->begin(), run->end()); });
        } catch (const std::system_error&) {  // no thread to be had: this one sorts
          std::sort(runs[r].begin(), runs[r].end());
        }
      }
      if (!runs.empty()) std::sort(runs[0].begin(), runs[0].end());
    }
    std::size_t total = 0;
    for (const auto& run : runs) total += run.size();
    keys.clear();
    offsets.clear();
    postings.clear();
    postings.reserve(total);
    // The runs merged, each pair once: the smallest head next (runs are few, one a core).
    std::vector<std::size_t> at(runs.size(), 0);
    for (;;) {
      std::size_t least = runs.size();
      for (std::size_t r = 0; r < runs.size(); ++r) {
        if (at[r] < runs[r].size() && (least == runs.size() || runs[r][at[r]] < runs[least][at[least]])) least = r;
      }
      if (least == runs.size()) break;
      const auto [key, entry] = runs[least][at[least]++];
      if (!keys.empty() && keys.back() == key) {
        if (postings.back() == entry) continue;
      } else {
        keys.push_back(key);
        offsets.push_back(static_cast<std::uint32_t>(postings.size()));
      }
      postings.push_back(entry);
    }
    offsets.push_back(static_cast<std::uint32_t>(postings.size()));
    keys.shrink_to_fit();
    offsets.shrink_to_fit();
    postings.shrink_to_fit();
    std::vector<KeyRun>().swap(runs);
    built.store(true, std::memory_order_release);
  }

  // The entries listed under a key, empty when none.
  std::span<const std::uint32_t> posting(std::uint64_t key) const {
    const auto found = std::lower_bound(keys.begin(), keys.end(), key);
    if (found == keys.end() || *found != key) return {};
    const auto k = static_cast<std::size_t>(found - keys.begin());
    return {postings.data() + offsets[k], offsets[k + 1] - offsets[k]};
  }
};

namespace {

constexpr float kNearKey = 0.6F;   // a key one consonant apart counts this much of an exact one
constexpr int kYearSlack = 1;      // a year of birth this close lifts a candidate
constexpr float kLeastShare = 0.4F;  // of the query's token weight a candidate must meet
constexpr std::size_t kMaxExactPosting = 50'000;  // keys shared by more listed persons are not followed
constexpr std::size_t kMaxNearPosting = 5'000;

// A token's keys (their hashes): its skeleton, and the skeleton with each consonant left out (from three
// consonants on), so that a typo or another romanisation of one consonant still meets the listed token.
template <typename Visit>
void token_keys(const detail::CompareToken& token, Visit&& visit) {
  if (token.particle || token.latin.size() < 2) return;
  const auto hash = [](std::string_view text) {
    return static_cast<std::uint64_t>(std::hash<std::string_view>{}(text));
  };
  for (const std::string* latin : {&token.latin, &token.alternative()}) {
    if (latin->empty()) continue;
    std::string computed;
    const std::string& key = latin == &token.latin ? token.key : (computed = detail::token_key(*latin));
    if (key.empty()) continue;
    visit(hash(key), true);
    if (key.size() < 3) continue;
    thread_local std::string near;  // one buffer for the keys one consonant off: no allocation a key
    for (std::size_t i = 0; i < key.size(); ++i) {
      near.assign(1, '~');
      near.append(key, 0, i);
      near.append(key, i + 1);
      visit(hash(near), false);
    }
  }
}

int birth_year(const detail::PreparedPerson& person) {
  return person.births.empty() ? 0 : person.births.front().first.year;
}

}  // namespace

Index::Index() : state_(std::make_unique<IndexState>()) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

namespace {

// A listed person's entry and its keys (at `position`), made apart from the index so that many can be made at
// once; the strings a name shares with others come from thread-local caches, so each thread keeps its own.
void prepare_entry(const xes::Person& person, std::span<const xes::Document* const> documents, std::string_view record,
                   std::uint32_t list, std::uint32_t position, std::pmr::memory_resource& arena,
                   IndexState::Entry& entry, IndexState::KeyRun& keys) {
  auto prepared = detail::prepare_person(person, documents, &arena);
  // Made anew in place, by a move that keeps the arena (an assignment would copy into the entry's own memory).
  std::destroy_at(&entry.person);
  std::construct_at(&entry.person, std::move(prepared));
  entry.id = person.id;
  entry.record = std::string(record);
  entry.list = list;
  entry.year = birth_year(entry.person);
  for (const auto& name : entry.person.names) {
    for (const auto& token : detail::PreparedAccess::tokens(name.name).comparable) {
      token_keys(token, [&](std::uint64_t key, bool) { keys.emplace_back(key, position); });
    }
  }
}

// Lists that many persons are worth a thread of their own.
constexpr std::size_t kPersonsPerThread = 4096;
// An arena's first buffer (of the heap); the next ones grow from it.
constexpr std::size_t kFirstArenaBytes = std::size_t{64} << 10;
// The keys a listed person has, about (a name's tokens, each with its keys one consonant off): room made ahead.
constexpr std::size_t kKeysPerPerson = 24;

struct Listed {
  const xes::Person* person;
  std::span<const xes::Document* const> documents;  // those the person holds
  std::string_view record;
};

// Each thread prepares a run of the persons into their own entries, and their keys apart; then the keys join
// the index's. Should any person fail, the index stays as it was.
void add_listed(IndexState& state, std::span<const Listed> listed, std::string_view list) {
  if (listed.empty()) return;
  const auto alone = state.for_adding();
  const auto found = std::find(state.lists.begin(), state.lists.end(), list);
  const auto list_number = static_cast<std::uint32_t>(found - state.lists.begin());
  const std::size_t base = state.entries.size();
  if (base + listed.size() >= std::numeric_limits<std::uint32_t>::max()) throw Error("screening: the index is full");
  state.entries.resize(base + listed.size());
  const std::size_t threads = std::clamp<std::size_t>(listed.size() / kPersonsPerThread, 1,
                                                      std::max(1U, std::thread::hardware_concurrency()));
  while (state.arenas.size() < threads) {
    state.arenas.push_back(std::make_unique<std::pmr::monotonic_buffer_resource>(kFirstArenaBytes, &large_memory()));
  }
  // Each thread collects its keys in a run of its own, room made for as many as a person usually has.
  std::vector<IndexState::KeyRun> keys(threads);
  std::vector<std::exception_ptr> failures(threads);
  const auto prepare_run = [&](std::size_t t) {
    try {
      const std::size_t begin = listed.size() * t / threads, end = listed.size() * (t + 1) / threads;
      keys[t].reserve((end - begin) * kKeysPerPerson);
      for (std::size_t i = begin; i < end; ++i) {
        prepare_entry(*listed[i].person, listed[i].documents, listed[i].record, list_number,
                      static_cast<std::uint32_t>(base + i), *state.arenas[t], state.entries[base + i], keys[t]);
      }
    } catch (...) {
      failures[t] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) {
      try {
        workers.emplace_back(prepare_run, t);
      } catch (const std::system_error&) {  // no thread to be had: this one does the run
        prepare_run(t);
      }
    }
    prepare_run(0);
  }
  for (const auto& failure : failures) {
    if (!failure) continue;
    state.entries.resize(base);
    std::rethrow_exception(failure);
  }
  if (found == state.lists.end()) state.lists.emplace_back(list);
  // No more runs than cores (the merge looks at every run's head): a thread's keys make a run of their own
  // while there are fewer, else join run t.
  const std::size_t most_runs = std::max<std::size_t>(threads, std::thread::hardware_concurrency());
  for (std::size_t t = 0; t < threads; ++t) {
    if (state.runs.size() < most_runs) {
      state.runs.push_back(std::move(keys[t]));
    } else {
      auto& run = state.runs[t % most_runs];
      run.insert(run.end(), keys[t].begin(), keys[t].end());
    }
  }
  state.built.store(false, std::memory_order_release);
}

}  // namespace

void Index::add(std::span<const xes::Message> messages, std::string_view list) {
  std::vector<detail::HeldDocuments> held;
  held.reserve(messages.size());
  std::vector<Listed> listed;
  for (const auto& message : messages) {
    const auto& documents = held.emplace_back(message.documents);
    for (const auto& person : message.persons) {
      listed.push_back({&person, documents.of(person), message.header.message_id});
    }
  }
  add_listed(*state_, listed, list);
}

void Index::add(const xes::Message& message, std::string_view list) { add(std::span(&message, 1), list); }

void Index::add(const xes::Person& person, std::string_view list, std::string_view record) {
  const Listed listed{&person, {}, record};
  add_listed(*state_, std::span(&listed, 1), list);
}

std::size_t Index::size() const {
  const auto held = state_->for_reading();
  return state_->entries.size();
}

namespace {

std::vector<std::size_t> rank_candidates(const IndexState& state, const detail::PreparedPerson& query,
                                         std::size_t limit) {
  // Each query token adds its rarity to the listed persons it meets (once a person, exact keys first). The
  // sums live in arrays as long as the list, kept per thread; only the entries touched are reset.
  thread_local std::vector<float> totals, token_best;
  thread_local std::vector<std::uint32_t> touched, token_touched;
  totals.resize(state.entries.size(), 0.0F);
  token_best.resize(state.entries.size(), 0.0F);
  touched.clear();
  const auto entries = static_cast<float>(std::max<std::size_t>(state.entries.size(), 2));
  // The most a listed person could gather from each query name: what the share below is of.
  float query_weight = 0.0F;
  for (const auto& name : query.names) {
    float name_weight = 0.0F;
    for (const auto& token : detail::PreparedAccess::tokens(name.name).comparable) {
      token_touched.clear();
      float token_most = 0.0F;  // the best hit of the token on any listed person
      token_keys(token, [&](std::uint64_t key, bool exact) {
        const auto posting = state.posting(key);
        if (posting.empty()) return;
        // Rarity within this list: a key most listed names share says little, and costs most to follow.
        const auto size = posting.size();
        if (size > (exact ? kMaxExactPosting : kMaxNearPosting)) return;
        const float rarity = std::log1p(entries / static_cast<float>(size)) / std::log1p(entries);
        const float hit = token.weight * rarity * (exact ? 1.0F : kNearKey);
        token_most = std::max(token_most, hit);
        for (const auto entry : posting) {
          if (token_best[entry] == 0.0F) token_touched.push_back(entry);
          token_best[entry] = std::max(token_best[entry], hit);
        }
      });
      for (const auto entry : token_touched) {
        if (totals[entry] == 0.0F) touched.push_back(entry);
        totals[entry] += token_best[entry];
        token_best[entry] = 0.0F;
      }
      name_weight += token_most;
    }
    query_weight = std::max(query_weight, name_weight);
  }
  // A listed person who shares less than a share of the query's weight cannot reach a match: left out.
  const int year = birth_year(query);
  std::vector<std::pair<float, std::uint32_t>> ranked;
  ranked.reserve(touched.size());
  for (const auto entry : touched) {
    const float total = totals[entry];
    totals[entry] = 0.0F;
    if (total < kLeastShare * query_weight) continue;
    const int listed = state.entries[entry].year;
    const bool near_year = year != 0 && listed != 0 && std::abs(year - listed) <= kYearSlack;
    ranked.emplace_back(total + (near_year ? 0.5F : 0.0F), entry);
  }
  const std::size_t keep = std::min(limit, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < keep; ++i) out.push_back(ranked[i].second);
  return out;
}

}  // namespace

std::vector<std::size_t> Index::candidates(const xes::Person& query, std::size_t limit) const {
  const auto held = state_->for_queries();
  return rank_candidates(*state_, detail::prepare_person(query), limit);
}

namespace {

std::vector<Match> screen_prepared(const IndexState& state, const detail::PreparedPerson& prepared,
                                   const Options& options) {
  std::vector<std::pair<double, std::size_t>> scored;
  for (const auto candidate : rank_candidates(state, prepared, options.candidates)) {
    const double score = detail::match_prepared(prepared, state.entries[candidate].person, false).score;
    if (score >= options.threshold) scored.emplace_back(score, candidate);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (scored.size() > options.top) scored.resize(options.top);
  std::vector<Match> out;
  for (const auto& [score, candidate] : scored) {
    const auto& entry = state.entries[candidate];
    auto result = detail::match_prepared(prepared, entry.person, options.explain);
    out.push_back({entry.id, state.lists[entry.list], entry.record, result.score, result.decision,
                   std::move(result.explanation)});
  }
  return out;
}

}  // namespace

std::vector<Match> Index::screen(const xes::Person& query, const Options& options) const {
  const auto held = state_->for_queries();
  return screen_prepared(*state_, detail::prepare_person(query), options);
}

std::vector<Match> Index::screen(const xes::Person& query, const std::vector<xes::Document>& documents,
                                 const Options& options) const {
  const auto held = state_->for_queries();
  return screen_prepared(*state_, detail::prepare_person(query, detail::HeldDocuments(documents).of(query)), options);
}

std::vector<std::vector<Match>> Index::screen(const xes::Message& message, const Options& options) const {
  const auto held = state_->for_queries();
  const detail::HeldDocuments documents(message.documents);
  std::vector<std::vector<Match>> out;
  out.reserve(message.persons.size());
  for (const auto& person : message.persons) {
    out.push_back(screen_prepared(*state_, detail::prepare_person(person, documents.of(person)), options));
  }
  return out;
}

namespace {

template <class String>
std::size_t heap(const String& text) {
  return text.capacity() > 15 ? text.capacity() + 1 : 0;
}

}  // namespace

std::size_t Index::memory_bytes() const {
  const auto held = state_->for_queries();
  std::size_t bytes = sizeof(IndexState) + state_->entries.capacity() * sizeof(IndexState::Entry);
  bytes += state_->keys.capacity() * sizeof(std::uint64_t) +
           (state_->offsets.capacity() + state_->postings.capacity()) * sizeof(std::uint32_t);
  for (const auto& entry : state_->entries) {
    bytes += heap(entry.id) + heap(entry.record) + entry.person.names.capacity() * sizeof(entry.person.names[0]) +
             entry.person.births.capacity() * sizeof(dates::PartialDate);
    for (const auto& name : entry.person.names) {
      bytes += heap(name.text) + sizeof(names::PreparedTokens) + 32;
      const auto& tokens = detail::PreparedAccess::tokens(name.name);
      bytes += tokens.tokens.capacity() * sizeof(detail::NameToken) +
               tokens.comparable.capacity() * sizeof(detail::CompareToken);
      for (const auto& token : tokens.tokens) {
        bytes += heap(token.latin) + heap(token.alternative) + heap(token.key) + heap(token.sound) + heap(token.native);
      }
      for (const auto& token : tokens.comparable) {
        bytes += heap(token.latin) + heap(token.key) + heap(token.sound);
        if (token.extra) {
          bytes += sizeof(detail::CompareToken::Extra) + 32 + heap(token.alternative()) +
                   heap(token.alternative_sound()) + heap(token.native());
        }
      }
    }
  }
  return bytes;
}

}  // namespace xborder::screening
