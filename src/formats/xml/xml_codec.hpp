#pragma once
// The XML codec: records of an XML document as FieldTrees, for profiles of XML formats (the UN Security
// Council consolidated sanctions list, NIEM documents). A field is an element's text or an attribute, named
// by its path from the record's element, the record's own name first: "INDIVIDUAL/FIRST_NAME",
// "INDIVIDUAL/INDIVIDUAL_ALIAS[2]/ALIAS_NAME" (the second of its name among its siblings; the first has no
// index), "INDIVIDUAL/@id". Names are local names (prefixes dropped). An element without child elements is a
// field even when empty, so nothing of the record is left out; `raw` keeps its content as it stood in the
// source, `text` the decoded characters. Configured by a profile's "source" section.

#include <rapidjson/document.h>

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/codec.hpp"

namespace xborder::detail {

struct XmlLayout {
  // The element names from the document element to the record elements; "*" stands for any name
  // ("CONSOLIDATED_LIST/*/*": each individual and each entity). Empty: the document element is the record.
  std::vector<std::string> records;

  // From a profile's "source" object (shape checked by the profile schema). Nothing, with `why`, if wrong.
  static std::optional<XmlLayout> parse(const rapidjson::Value& source, std::string& why);
};

class XmlCodec {
 public:
  XmlCodec(XmlLayout layout, std::string format_id);

  // Reads the records one at a time. Text and attributes outside the records are reported as losses with
  // the record that follows them (or, at the end, with the last record). A document that is not well formed
  // (or declares a DOCTYPE) is an error of the record it breaks in, and reading stops there. Byte offsets are
  // exact for UTF-8 input.
  void read(std::istream& input, const Limits& limits, const FieldTreeSink& sink) const;

 private:
  XmlLayout layout_;
  std::string format_id_;
};

// The codec's description: "codec": "xml" in a profile, whose "source" says where the records are.
const Codec& xml_codec();

}  // namespace xborder::detail
