#pragma once

#include <memory>

#include "core/format.hpp"
#include "core/mapping_store.hpp"
#include "profiles/profile.hpp"

namespace xborder::detail {

// A codec configured by a profile, mapped to XES by the profile's rules: the format "codec:profile". The
// codec's own data (the ANSI/NIST biometric code lists) comes from `store`.
std::unique_ptr<Format> make_profile_format(std::shared_ptr<const Profile> profile, const MappingStore& store);

}  // namespace xborder::detail
