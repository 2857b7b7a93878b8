#pragma once
// What a Registry holds: its data files, its formats and how XES is validated. Core only keeps them; the
// composition root (src/builtin/) decides what goes in.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/format.hpp"
#include "core/mapping_store.hpp"
#include "xborder/convert.hpp"

namespace xborder::detail {

struct RegistryState {
  explicit RegistryState(const RegistryOptions& options) : store(options.mappings_dir) {}

  MappingStore store;
  std::vector<std::unique_ptr<Format>> formats;
  std::vector<ProfileInfo> profiles;
  // Checks an XES document of the format `format_id` (xes-json or xes-xml); safe to call from many threads.
  std::function<Diagnostics(std::string_view bytes, const std::string& format_id)> validate;

  const Format* find(std::string_view id) const;
  // The format most sure that `head` is its own, or nullptr.
  const Format* sniff(std::string_view head) const;
  // The format of a stream from its first bytes; the stream is rewound. Nothing, with an error, if the
  // stream cannot be rewound or no format claims it.
  const Format* sniff(std::istream& input, Diagnostics& diagnostics) const;
};

// Defined by the composition root: the built-in codecs, formats and profiles, with the options' data.
void assemble_builtin(RegistryState& state, const RegistryOptions& options);

// A registry over a state assembled some other way (tests add codecs of their own).
Registry make_registry(std::shared_ptr<const RegistryState> state);

}  // namespace xborder::detail
