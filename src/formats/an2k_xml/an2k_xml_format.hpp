#pragma once
// The codec "an2k-xml": ANSI/NIST-ITL transactions in the XML encoding (an2k_xml_reader.hpp), read into and
// written from the traditional codec's FieldTrees, so that an an2k-xml profile extends an an2k one and the
// XML transaction becomes the same XES (biometric records included) as the traditional one.

#include "core/codec.hpp"

namespace xborder::detail {

const Codec& an2k_xml_codec();

}  // namespace xborder::detail
