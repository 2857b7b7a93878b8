#pragma once
// The composition root's parts, for tests that assemble a registry with codecs of their own.

#include <vector>

#include "core/codec.hpp"
#include "core/registry_state.hpp"

namespace xborder::detail {

// The codecs of src/formats/.
std::vector<const Codec*> builtin_codecs();

// Fills `state` with XES, the given codecs' profiles (mappings/profiles/ and options.profile_dirs) and the
// XES validator.
void assemble(RegistryState& state, const RegistryOptions& options, const std::vector<const Codec*>& codecs);

}  // namespace xborder::detail
