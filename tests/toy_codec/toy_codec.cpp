#include "toy_codec.hpp"

#include <string>

namespace xborder::test {
namespace {

using detail::CodecInstance;
using detail::FieldTreeSink;
using detail::FieldTreeWriter;

class ToyWriter final : public FieldTreeWriter {
 public:
  bool write(const FieldTree& tree, Diagnostics&, std::string& out) override {
    for (const Field& field : tree.fields) out += field.path + "=" + field.text + "\n";
    out += "\n";
    return true;
  }
};

class ToyInstance final : public CodecInstance {
 public:
  int sniff(std::string_view head) const override { return head.starts_with("toy:") ? 50 : 0; }

  void read(std::istream& input, const ConvertOptions&, const FieldTreeSink& sink) const override {
    FieldTree tree;
    std::uint64_t offset = 0;
    std::size_t records = 0;
    const auto flush = [&] {
      if (tree.fields.empty()) return true;
      tree.label = "block[" + std::to_string(++records) + "]";
      const bool more = sink(tree, Diagnostics{});
      tree = FieldTree{};
      return more;
    };
    for (std::string line; std::getline(input, line); offset += line.size() + 1) {
      if (line.empty()) {
        if (!flush()) return;
        continue;
      }
      if (tree.fields.empty()) tree.offset = offset;
      tree.raw.own() += line + "\n";
      const auto equals = line.find('=');
      Field& field = tree.fields.emplace_back();
      field.path = line.substr(0, equals);
      field.text = equals == std::string::npos ? "" : line.substr(equals + 1);
      field.raw = field.text;
      field.offset = offset + (equals == std::string::npos ? line.size() : equals + 1);
    }
    flush();
  }

  std::unique_ptr<FieldTreeWriter> writer() const override { return std::make_unique<ToyWriter>(); }
};

std::shared_ptr<const CodecInstance> configure(const rapidjson::Value*, const std::string&, const detail::MappingStore&,
                                               std::string&) {
  return std::make_shared<ToyInstance>();
}

}  // namespace

const detail::Codec& toy_codec() {
  static const detail::Codec codec{
      .name = "toy",
      .description = "key=value blocks (a test codec)",
      .can_write = true,
      .shape = detail::RecordShape::transactions,
      .field_paths = "a key",
      .configure = configure,
  };
  return codec;
}

}  // namespace xborder::test
