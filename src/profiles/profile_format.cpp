#include "profiles/profile_format.hpp"

#include <algorithm>

#include "core/xes_recycle.hpp"

namespace xborder::detail {
namespace {

class ProfileWriter final : public RecordWriter {
 public:
  explicit ProfileWriter(std::shared_ptr<const Profile> profile)
      : profile_(std::move(profile)), writer_(profile_->reader->writer()) {}

  bool write(const xes::Message& message, Diagnostics& diagnostics, std::string& out) override {
    const auto tree = profile_->from_xes(message, diagnostics);
    return tree && writer_->write(*tree, diagnostics, out);
  }

 private:
  std::shared_ptr<const Profile> profile_;
  std::unique_ptr<FieldTreeWriter> writer_;
};

// The bounds every codec's records keep, whatever the codec: fields a record, bytes of a path and of a value.
bool within_limits(const FieldTree& tree, const Limits& limits, const std::string& format, Diagnostics& diagnostics) {
  const auto refuse = [&](const char* code, const std::string& what, std::uint64_t offset) {
    diagnostics.error(code, what, format, tree.label, offset);
    return false;
  };
  if (tree.fields.size() > limits.fields) {
    return refuse("limits.fields", "the record has more than " + std::to_string(limits.fields) + " fields", tree.offset);
  }
  for (const Field& field : tree.fields) {
    if (field.path.size() > limits.path_bytes) {
      return refuse("limits.path", "a field's path is longer than " + std::to_string(limits.path_bytes) + " bytes", field.offset);
    }
    if (std::max(field.raw.size(), field.text.size()) > limits.value_bytes) {
      return refuse("limits.value", "field " + field.path + " is longer than " + std::to_string(limits.value_bytes) + " bytes",
                    field.offset);
    }
  }
  return true;
}

// A codec's records mapped by a profile. Whatever the codec, it plugs in the same way: bytes -> FieldTree
// (CodecInstance::read) -> XES (Profile::to_xes), and back.
class ProfileFormat final : public Format {
 public:
  explicit ProfileFormat(std::shared_ptr<const Profile> profile)
      : profile_(std::move(profile)),
        info_{profile_->format_id, profile_->description, true, profile_->syntax->can_write, profile_->syntax->binary} {}

  const FormatInfo& info() const override { return info_; }
  int sniff(std::string_view head) const override { return profile_->sniff(head); }

  void read(std::istream& input, const ConvertOptions& options, const RecordSink& sink) const override {
    // Each record is built in the storage of the one before, as far as the sink left it (core/xes_recycle.hpp):
    // a stream of rows then allocates next to nothing a row.
    xes::Message message;
    profile_->reader->read(input, options, [&](const FieldTree& tree, Diagnostics&& diagnostics) {
      const bool read = !diagnostics.has_errors() && within_limits(tree, options.limits, info_.id, diagnostics) &&
                        profile_->to_xes(tree, options, diagnostics, reuse_in_place(message), FieldOrder::columns);
      return sink(read ? &message : nullptr, std::move(diagnostics));
    });
  }

  std::unique_ptr<RecordWriter> writer(const ConvertOptions&) const override {
    return info_.can_write ? std::make_unique<ProfileWriter>(profile_) : nullptr;
  }

  bool inspect(std::istream& input, const FieldTreeSink& sink) const override {
    profile_->reader->read(input, ConvertOptions{}, sink);
    return true;
  }

 private:
  std::shared_ptr<const Profile> profile_;
  FormatInfo info_;
};

}  // namespace

std::unique_ptr<Format> make_profile_format(std::shared_ptr<const Profile> profile) {
  return std::make_unique<ProfileFormat>(std::move(profile));
}

ProfileFormats load_profile_formats(const ProfileContext& context, const std::vector<std::filesystem::path>& profile_dirs) {
  std::vector<ProfileSource> sources;
  for (const std::string& path : context.store.list("profiles/")) {
    if (path.ends_with(".json")) sources.push_back({"mappings/" + path, *context.store.load(path), {}});
  }
  for (const auto& dir : profile_dirs) {
    if (!std::filesystem::is_directory(dir)) throw Error("profile directory '" + dir.string() + "' does not exist");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) sources.push_back({file.string(), read_text_file(file), dir.string()});
  }
  ProfileFormats out;
  for (auto& profile : load_profiles(sources, context)) {
    out.profiles.push_back({profile->id, profile->codec, profile->description, profile->file, profile->metadata});
    out.formats.push_back(make_profile_format(std::move(profile)));
  }
  return out;
}

}  // namespace xborder::detail
