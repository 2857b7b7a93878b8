// A codec added from its own folder, without editing the profile engine: registered with the built-in
// codecs, it reads, inspects, converts with provenance and writes back like any other.

#include <gtest/gtest.h>

#include <sstream>

#include "builtin/builtin_registry.hpp"
#include "toy_codec.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace {

Registry toy_registry() {
  RegistryOptions options;
  options.profile_dirs = {std::filesystem::path(XBORDER_SOURCE_DIR) / "tests/toy_codec/profiles"};
  auto state = std::make_shared<detail::RegistryState>(options);
  std::vector<const detail::Codec*> codecs = detail::builtin_codecs();
  codecs.push_back(&test::toy_codec());
  detail::assemble(*state, options, codecs);
  return detail::make_registry(std::move(state));
}

TEST(ToyCodec, PlugsInFromItsOwnFolder) {
  const Registry registry = toy_registry();
  const std::string input = "toy:people=1\nfamily=Rossi\nborn=02.03.1980\nnote=kept\n\ntoy:people=1\nfamily=Bianchi\n";
  EXPECT_EQ(registry.sniff(input), "toy:toy-people");

  std::istringstream stream(input);
  std::vector<std::string> labels;
  const Diagnostics read = registry.inspect(stream, "toy:toy-people", [&](const FieldTree& tree) {
    labels.push_back(tree.label);
    return true;
  });
  EXPECT_FALSE(read.has_errors());
  EXPECT_EQ(labels, (std::vector<std::string>{"block[1]", "block[2]"}));

  const Result result = registry.converter("", "toy:toy-people").convert(input);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 2u);
  const xes::Message& first = result.messages[0];
  EXPECT_EQ(first.persons.at(0).names.at(0).family, "Rossi");
  EXPECT_EQ(first.persons[0].birth_date, "1980-03-02");
  const auto born = std::find_if(first.provenance.begin(), first.provenance.end(),
                                 [](const xes::ProvenanceEntry& entry) { return entry.source_path == "born"; });
  ASSERT_NE(born, first.provenance.end());
  EXPECT_EQ(born->offset, static_cast<std::int64_t>(input.find("02.03.1980")));
  // Unmapped keys travel as extensions and come back on writing.
  EXPECT_NE(result.output.find("note=kept\n"), std::string::npos);
  EXPECT_NE(result.output.find("born=02.03.1980\n"), std::string::npos);
  EXPECT_EQ(first.header.source->format, "toy");
}

TEST(ToyCodec, AProfileOfAnUnregisteredCodecIsRefused) {
  RegistryOptions options;
  options.profile_dirs = {std::filesystem::path(XBORDER_SOURCE_DIR) / "tests/toy_codec/profiles"};
  EXPECT_THROW(Registry{options}, ProfileError);
}

}  // namespace
}  // namespace xborder
