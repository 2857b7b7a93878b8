#pragma once
// A codec written the way a new format is added: one folder, one description, its profiles as data.
// "toy" records are blocks of "key=value" lines separated by a blank line.

#include "core/codec.hpp"

namespace xborder::test {

const detail::Codec& toy_codec();

}  // namespace xborder::test
