#pragma once
// The JSON codec: records of a JSON document as FieldTrees, for profiles of JSON formats (Interpol notices).
// A field is a leaf value, named by its path from the record: "forename", "nationalities[0]",
// "arrest_warrants[1].charge", "_links.self.href" (0-based indexes; '.', '[' and '\' in a key escaped by '\').
// Strings are decoded into `text` and keep their quoted source bytes in `raw`; numbers, true and false keep
// their source text in both; null and empty arrays or objects are fields with empty text, so nothing of the
// record is left out. Configured by a profile's "source" section.

#include <rapidjson/document.h>

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "core/codec.hpp"

namespace xborder::detail {

struct JsonLayout {
  // The keys leading to the array whose items are the records ("_embedded", "notices"). Empty: each
  // top-level value of the input (a document, or NDJSON lines) is a record.
  std::vector<std::string> records;

  // From a profile's "source" object (shape checked by the profile schema). Nothing, with `why`, if wrong.
  static std::optional<JsonLayout> parse(const rapidjson::Value& source, std::string& why);
};

class JsonCodec {
 public:
  JsonCodec(JsonLayout layout, std::string format_id);

  // Reads the records one at a time. Values outside the records (a page's total, its links) are reported as
  // losses with the first record after them (or, at the end, with the last record). A syntax error is an
  // error of the record it falls in, and reading stops there.
  void read(std::istream& input, const Limits& limits, const FieldTreeSink& sink) const;

 private:
  JsonLayout layout_;
  std::string format_id_;
};

// The codec's description: "codec": "json" in a profile, whose "source" says where the records are.
const Codec& json_codec();

}  // namespace xborder::detail
