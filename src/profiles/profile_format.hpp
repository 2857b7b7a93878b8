#pragma once

#include <memory>

#include "core/format.hpp"
#include "profiles/profile.hpp"

namespace xborder::detail {

// A codec configured by a profile, mapped to XES by the profile's rules: the format "codec:profile".
std::unique_ptr<Format> make_profile_format(std::shared_ptr<const Profile> profile);

}  // namespace xborder::detail
