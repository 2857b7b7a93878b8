#pragma once
// Profiles as formats: a codec configured by a profile, mapped to XES by the profile's rules, is the format
// "codec:profile".

#include <filesystem>
#include <memory>
#include <vector>

#include "core/format.hpp"
#include "profiles/profile.hpp"
#include "xborder/convert.hpp"

namespace xborder::detail {

std::unique_ptr<Format> make_profile_format(std::shared_ptr<const Profile> profile);

struct ProfileFormats {
  std::vector<ProfileInfo> profiles;
  std::vector<std::unique_ptr<Format>> formats;
};

// The profiles of mappings/profiles/ (embedded or overridden), then of each directory in `profile_dirs`
// (each with its code tables beside it), as formats; a later profile of the same id replaces an earlier
// one. Throws Error for a directory that does not exist, ProfileError for a profile that does not load.
ProfileFormats load_profile_formats(const ProfileContext& context, const std::vector<std::filesystem::path>& profile_dirs);

}  // namespace xborder::detail
