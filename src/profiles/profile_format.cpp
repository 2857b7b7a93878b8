#include "profiles/profile_format.hpp"

#include "core/xes_recycle.hpp"
#include "formats/an2k/an2k_format.hpp"
#include "formats/json/json_codec.hpp"
#include "formats/xml/xml_codec.hpp"
#include "formats/tabular/tabular_codec.hpp"

namespace xborder::detail {
namespace {

class ProfileWriter final : public RecordWriter {
 public:
  ProfileWriter(std::shared_ptr<const Profile> profile, const TabularCodec& codec)
      : profile_(std::move(profile)), writer_(codec) {}

  bool write(const xes::Message& message, Diagnostics& diagnostics, std::string& out) override {
    const auto tree = profile_->from_xes(message, diagnostics);
    if (!tree) return false;
    const auto text = writer_.write(*tree, diagnostics);
    if (text) out += *text;
    return text.has_value();
  }

 private:
  std::shared_ptr<const Profile> profile_;
  TabularCodec::Writer writer_;
};

// A codec's records mapped by a profile. The codec reads FieldTrees; a codec with a Writer writes them too.
template <class Codec, class Layout>
class ProfileFormat final : public Format {
 public:
  static constexpr bool kWritable = requires { typename Codec::Writer; };

  ProfileFormat(std::shared_ptr<const Profile> profile, Layout layout)
      : profile_(std::move(profile)),
        codec_(std::move(layout), profile_->format_id),
        info_{profile_->format_id, profile_->description, true, kWritable} {}

  const FormatInfo& info() const override { return info_; }
  int sniff(std::string_view head) const override { return profile_->sniff(head); }

  void read(std::istream& input, const ConvertOptions& options, const RecordSink& sink) const override {
    std::vector<xes::Message> batch;
    codec_.read(input, [&](const FieldTree& tree, Diagnostics&& diagnostics) {
      if (diagnostics.has_errors() ||
          !profile_->to_xes(tree, options, diagnostics, reuse_in_place(batch), {}, FieldOrder::columns)) {
        batch.clear();
      }
      return sink(batch, std::move(diagnostics));
    });
  }

  std::unique_ptr<RecordWriter> writer(const ConvertOptions&) const override {
    if constexpr (kWritable) {
      return std::make_unique<ProfileWriter>(profile_, codec_);
    } else {
      return nullptr;  // not reached: the registry refuses a format that cannot be written
    }
  }

  bool inspect(std::istream& input, const FieldTreeSink& sink) const override {
    codec_.read(input, sink);
    return true;
  }

 private:
  std::shared_ptr<const Profile> profile_;
  Codec codec_;
  FormatInfo info_;
};

}  // namespace

std::unique_ptr<Format> make_profile_format(std::shared_ptr<const Profile> profile, const MappingStore& store) {
  if (profile->codec == "an2k") return make_an2k_format(std::move(profile), store);
  std::string why;  // layouts were checked when the profile was loaded
  if (profile->codec == "json") {
    auto layout = profile->source ? JsonLayout::parse(*profile->source, why) : JsonLayout{};
    if (!layout) throw ProfileError(profile->file, 1, why);
    return std::make_unique<ProfileFormat<JsonCodec, JsonLayout>>(std::move(profile), std::move(*layout));
  }
  if (profile->codec == "xml") {
    auto layout = profile->source ? XmlLayout::parse(*profile->source, why) : XmlLayout{};
    if (!layout) throw ProfileError(profile->file, 1, why);
    return std::make_unique<ProfileFormat<XmlCodec, XmlLayout>>(std::move(profile), std::move(*layout));
  }
  auto layout = TabularLayout::parse(*profile->source, why);
  if (!layout) throw ProfileError(profile->file, 1, why);
  return std::make_unique<ProfileFormat<TabularCodec, TabularLayout>>(std::move(profile), std::move(*layout));
}

}  // namespace xborder::detail
