#pragma once
// The NCIC codec: US NCIC 2000 messages as the NCIC 2000 Operating Manual and the Nlets documents spell them.
// A message is an optional header (1N01HEADER), the message key (EW, QW, ...), the ORI, then fields each
// written as a message field code and its value (NAM/SMITH, JOHN J), separated by periods; a response (a hit)
// carries the same field codes on lines, several a line, separated by blanks. Fields are named by their code:
// "MKE", "ORI", "HDR", "NAM", the second AKA "AKA[2]"; a value without a code is "#n" (its place among the
// fields), a line of free text in a response "TXT", "TXT[2]", ... Messages are separated by a blank line, or
// begin on a line of their own with a header or a message key and ORI. Written back as an entry message:
// HDR.MKE.ORI.CODE/value....

#include "core/codec.hpp"

namespace xborder::detail {

const Codec& ncic_codec();

}  // namespace xborder::detail
