#include "formats/an2k_xml/an2k_xml_format.hpp"

#include "core/read_bounded.hpp"
#include "formats/an2k/an2k_codec.hpp"
#include "formats/an2k/an2k_format.hpp"
#include "formats/an2k_xml/an2k_xml_reader.hpp"

namespace xborder::detail {
namespace {

constexpr const char* kFormat = "an2k-xml";

class Writer final : public FieldTreeWriter {
 public:
  explicit Writer(const An2kXmlPaths& paths) : paths_(paths) {}
  bool write(const FieldTree& tree, Diagnostics& diagnostics, std::string& out) override {
    const auto xml = write_an2k_xml(tree, paths_, diagnostics);
    if (!xml) return false;
    out += *xml;
    return true;
  }

 private:
  const An2kXmlPaths& paths_;
};

// Reads and writes XML; what the standard itself maps (the biometric records) is the traditional codec's.
class Instance final : public CodecInstance {
 public:
  Instance(std::shared_ptr<const CodecInstance> traditional, std::shared_ptr<const An2kXmlPaths> paths)
      : traditional_(std::move(traditional)), paths_(std::move(paths)) {}

  int sniff(std::string_view head) const override { return looks_like_an2k_xml(head) ? 50 : 0; }

  void read(std::istream& input, const ConvertOptions& options, const FieldTreeSink& sink) const override {
    std::string data;
    Diagnostics diagnostics;
    FieldTree tree;
    if (!read_bounded(input, options.limits.input_bytes, data)) {
      diagnostics.error("limits.input_bytes", "the input exceeds " + std::to_string(options.limits.input_bytes) + " bytes",
                        kFormat, "", data.size());
      sink(FieldTree{}, std::move(diagnostics));
      return;
    }
    if (!read_an2k_xml(data, *paths_, options.limits, tree, diagnostics)) {
      sink(FieldTree{}, std::move(diagnostics));
      return;
    }
    sink(tree, std::move(diagnostics));
  }

  std::unique_ptr<FieldTreeWriter> writer() const override { return std::make_unique<Writer>(*paths_); }

  void to_xes(const FieldTree& tree, xes::Message& message, std::vector<bool>& consumed) const override {
    traditional_->to_xes(tree, message, consumed);
  }
  void finish_xes(xes::Message& message) const override { traditional_->finish_xes(message); }
  void from_xes(const xes::Message& message, FieldTree& tree, Diagnostics& diagnostics) const override {
    traditional_->from_xes(message, tree, diagnostics);
  }

 private:
  std::shared_ptr<const CodecInstance> traditional_;
  std::shared_ptr<const An2kXmlPaths> paths_;
};

std::shared_ptr<const CodecInstance> configure(const rapidjson::Value* source, const std::string& format_id,
                                               const MappingStore& store, std::string& why) {
  auto traditional = an2k_codec().configure(source, format_id, store, why);
  if (!traditional) return nullptr;
  return std::make_shared<Instance>(std::move(traditional), std::make_shared<const An2kXmlPaths>(store));
}

bool is_field(std::string_view path, const std::vector<std::string>&) {
  return An2kPath::parse(path).has_value() || path.substr(0, 4) == "xml:";
}

}  // namespace

const Codec& an2k_xml_codec() {
  static const Codec codec{
      .name = "an2k-xml",
      .description = "ANSI/NIST-ITL transactions, XML encoding (2011 itl/biom, EBTS 10/11), as the traditional FieldTree",
      .can_write = true,
      .binary = false,
      .shape = RecordShape::documents,
      .empty_fields_hold_place = true,
      .source_schema = {},  // the profiles of "an2k" read these trees: no source section of its own
      .field_paths = "an ANSI/NIST field path ('2.018', '2.047.2', '2.019[2]', '10[2].003'), or 'xml:' and an element path",
      .trees_of = "an2k",
      .is_field = is_field,
      .configure = configure,
  };
  return codec;
}

}  // namespace xborder::detail
