// ANSI/NIST-ITL quirks of real transactions (issue 19): a version not the standard's, tags spelt with two
// digits or of another record type, fields out of order or repeated, LEN padded with zeros. Each is read with
// a warning and kept: the transaction comes back byte for byte, directly and through XES (JSON and XML). Under
// strict reading each is an error. And the FieldTree's binary values are views into the input, not copies.

#include <gtest/gtest.h>

#include <optional>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/memory_stream.hpp"
#include "formats/an2k/an2k_codec.hpp"
#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

// A tagged record: LEN under `len_tag`, its digits padded to `width`, then `fields` ("2.002:00", ...).
std::string record(const std::string& len_tag, std::size_t width, const std::vector<std::string>& fields) {
  std::string body;
  for (std::size_t i = 0; i < fields.size(); ++i) body += fields[i] + (i + 1 == fields.size() ? '\x1C' : '\x1D');
  const auto text = [&](std::size_t length) {
    std::string digits = std::to_string(length);
    return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
  };
  std::size_t length = len_tag.size() + 2 + body.size() + 1;
  while (len_tag.size() + 2 + text(length).size() + body.size() != length) ++length;
  return len_tag + ":" + text(length) + '\x1D' + body;
}

std::string type1(const std::string& version, const std::string& cnt_tail, const std::string& prefix = "1.00") {
  // prefix "1.0": two-digit tags ("1.01"); "1.00": the standard's three.
  return record(prefix + "1", 0,
                {prefix + "2:" + version, prefix + "3:1\x1F" + cnt_tail, prefix + "4:CAR", prefix + "5:20260101",
                 prefix + "7:DAI", prefix + "8:ORI", prefix + "9:TCN-1", "1.011:19.69", "1.012:19.69"});
}

const std::string kType2 = record("2.001", 0, {"2.002:00", "2.018:DOE, JANE"});

struct Quirky {
  const char* quirk;  // the warning's code
  std::string data;
};

// One transaction a quirk, and one with all of them.
std::vector<Quirky> quirky_transactions() {
  const std::string two = "1\x1E" "2\x1F" "00";
  return {
      {"an2k.version", type1("0", two) + kType2},
      {"an2k.tag", type1("0400", two, "1.0") + kType2},
      {"an2k.padding", type1("0400", two) + record("2.001", 6, {"2.002:00", "2.018:DOE, JANE"})},
      {"an2k.order", type1("0400", two) + record("2.001", 0, {"2.002:00", "2.018:DOE, JANE", "2.005:N"})},
      {"an2k.repeat", type1("0400", two) + record("2.001", 0, {"2.002:00", "2.018:DOE, JANE", "2.018:ROE, JO"})},
      {"an2k.type", type1("0400", "2\x1E" "2\x1F" "00\x1E" "9\x1F" "01") + kType2 +
                        record("9.001", 0, {"9.002:01", "9.003:0", "9.004:U", "13.005:X"})},
      // binary data under another record type's tag (found by fuzz/an2k_roundtrip)
      {"an2k.type", type1("0400", "1\x1E" "10\x1F" "01") +
                        record("10.001", 0, {"10.002:01", "10.003:FACE", std::string("14.999:\xFF\xD8\x00\x1C\x01", 12)})},
      {"all", type1("0", "2\x1E" "2\x1F" "00\x1E" "9\x1F" "01", "1.0") +
                  record("2.001", 5, {"2.002:00", "2.018:DOE, JANE", "2.005:N", "2.018:ROE, JO\x1EJONES, J"}) +
                  record("9.01", 4, {"9.002:01", "9.004:U", "9.003:0", "13.005:X", "9.005:Y"})},
  };
}

std::set<std::string> warning_codes(const Diagnostics& diagnostics) {
  std::set<std::string> codes;
  for (const auto& warning : diagnostics.warnings()) codes.insert(warning.code);
  return codes;
}

TEST(An2kQuirks, EachIsAWarningLenientlyAndAnErrorStrictly) {
  for (const auto& [quirk, data] : quirky_transactions()) {
    detail::An2kTransaction transaction;
    Diagnostics lenient, strict;
    ASSERT_TRUE(detail::parse_an2k(data, 0, false, transaction, lenient)) << quirk << ": " << lenient.to_json();
    EXPECT_FALSE(lenient.has_errors()) << quirk;
    if (std::string(quirk) == "all") {
      EXPECT_EQ(warning_codes(lenient), (std::set<std::string>{"an2k.version", "an2k.tag", "an2k.padding", "an2k.order",
                                                               "an2k.repeat", "an2k.type"}))
          << lenient.to_json();
    } else {
      EXPECT_EQ(warning_codes(lenient), std::set<std::string>{quirk}) << lenient.to_json();
    }
    EXPECT_FALSE(detail::parse_an2k(data, 0, true, transaction, strict)) << quirk;
    ASSERT_FALSE(strict.errors().empty()) << quirk;
    if (std::string(quirk) != "all") EXPECT_EQ(strict.errors().front().code, quirk) << strict.to_json();
    // The converter's strict option (the CLI's --strict) refuses them too.
    const Result refused = Registry::builtin().converter("an2k", "xes-json", {.strict = true}).convert(data);
    EXPECT_FALSE(refused.ok()) << quirk;
  }
}

TEST(An2kQuirks, RepeatedAndForeignFieldsHaveTheirOwnPaths) {
  const std::string data = quirky_transactions().back().data;
  detail::An2kTransaction transaction;
  Diagnostics diagnostics;
  ASSERT_TRUE(detail::parse_an2k(data, 0, false, transaction, diagnostics));
  FieldTree tree;
  ASSERT_TRUE(detail::an2k_to_field_tree(transaction, "t", nullptr, tree, diagnostics));
  ASSERT_NE(tree.find("2.018"), nullptr);
  EXPECT_EQ(tree.find("2.018")->text, "DOE, JANE");
  ASSERT_NE(tree.find("2.018#2"), nullptr);  // the second 2.018, its second subfield "2.018#2[2]"
  EXPECT_EQ(tree.find("2.018#2")->text, "ROE, JO");
  ASSERT_NE(tree.find("2.018#2[2]"), nullptr);
  EXPECT_EQ(tree.find("2.018#2[2]")->text, "JONES, J");
  ASSERT_NE(tree.find("9.005"), nullptr);  // "13.005" stands at field 5 of the Type-9; 9.005 comes after it
  EXPECT_EQ(tree.find("9.005")->tag, "13.005");
  EXPECT_EQ(tree.find("9.005")->text, "X");
  EXPECT_EQ(tree.find("9.005#2")->text, "Y");
  EXPECT_EQ(tree.find("1.002")->tag, "1.02");
  EXPECT_EQ(tree.find("2.001")->raw.view().substr(0, 1), "0");  // LEN as written, padded
  for (const char* text : {"2.018#2", "2.018#2[2].3", "9[2].005#3"}) {
    const auto path = detail::An2kPath::parse(text);
    ASSERT_TRUE(path) << text;
    EXPECT_EQ(path->text(), text);
  }
  for (const char* text : {"2.018#1", "2.018#", "2.018#0", "2.018[2]#2"}) EXPECT_FALSE(detail::An2kPath::parse(text)) << text;
}

// A transaction read into its FieldTree and written from it, without XES; nothing if either step failed.
std::optional<std::string> written_directly(const std::string& data, Diagnostics& diagnostics) {
  detail::An2kTransaction transaction;
  FieldTree tree;
  if (!detail::parse_an2k(data, 0, false, transaction, diagnostics) ||
      !detail::an2k_to_field_tree(transaction, "t", nullptr, tree, diagnostics)) {
    return std::nullopt;
  }
  return detail::write_an2k(tree, diagnostics);
}

TEST(An2kQuirks, EveryQuirkComesBackByteForByteDirectlyAndThroughXes) {
  const Registry& registry = Registry::builtin();
  for (const auto& [quirk, data] : quirky_transactions()) {
    Diagnostics diagnostics;
    const auto written = written_directly(data, diagnostics);
    ASSERT_TRUE(written) << quirk << ": " << diagnostics.to_json();
    EXPECT_TRUE(*written == data) << quirk << ":\n" << *written << "\n" << data;
    for (const char* format : {"an2k", "an2k:ebts"}) {
      for (const char* hub : {"xes-json", "xes-xml"}) {
        const Result xes = registry.converter(format, hub).convert(data);
        ASSERT_TRUE(xes.ok()) << quirk << " " << format << ": " << xes.diagnostics.to_json();
        const Result back = registry.converter(hub, format).convert(xes.output);
        ASSERT_TRUE(back.ok()) << quirk << " " << format << ": " << back.diagnostics.to_json();
        EXPECT_TRUE(back.output == data) << quirk << " " << format << " via " << hub << ":\n"
                                         << back.output << "\n" << data << "\n" << xes.output;
      }
    }
  }
}

// Found by generated transactions: records out of ascending type order, a biometric record's member field
// repeated (the second is no member: it travels as it is), a member field left empty (it holds its place).
TEST(An2kQuirks, RecordOrderRepeatedAndEmptyMembersComeBackThroughXes) {
  const Registry& registry = Registry::builtin();
  const std::string cnt = "3\x1E" "16\x1F" "00\x1E" "10\x1F" "01\x1E" "9\x1F" "02";
  const std::string data =
      type1("0400", cnt) + record("16.001", 0, {"16.002:00", "16.003:X"}) +
      record("10.001", 0, {"10.002:01", "10.020:", "10.021:A"}) +
      record("9.001", 0, {"9.002:02", "9.003:", "9.004:U", "9.003:DOE\x1EJ"});
  const Result xes = registry.converter("an2k").convert(data);
  ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
  const Result back = registry.converter("xes-json", "an2k").convert(xes.output);
  ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
  EXPECT_TRUE(back.output == data) << back.output << "\n" << data;
}

// Names go back to the fields of their kind (found by fuzz/an2k_roundtrip): an alias with no primary name is the
// message's first name, and returns to 2.019, not 2.018; names given in another order are sorted the same way.
TEST(An2kEbts, NamesGoBackToTheFieldsOfTheirKind) {
  const Registry& registry = Registry::builtin();
  const std::string data = type1("0400", "1\x1E" "2\x1F" "00") + record("2.001", 0, {"2.002:00", "2.019:ROE, JO"});
  const Result xes = registry.converter("an2k:ebts", "xes-json").convert(data);
  ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
  ASSERT_EQ(xes.messages.at(0).persons.at(0).names.size(), 1u);
  EXPECT_EQ(xes.messages[0].persons[0].names[0].kind, "alias");
  for (const char* hub : {"xes-json", "xes-xml"}) {
    const Result back = registry.converter("an2k:ebts", hub).convert(data);
    const Result written = registry.converter(hub, "an2k:ebts").convert(back.output);
    ASSERT_TRUE(written.ok()) << written.diagnostics.to_json();
    EXPECT_TRUE(written.output == data) << hub << ":\n" << written.output;
  }
  xes::Message message = xes.messages[0];
  message.extensions.clear();
  message.persons[0].names.insert(message.persons[0].names.begin(), {.full = "ALIAS, ONE", .kind = "alias"});
  message.persons[0].names.push_back({.full = "DOE, JANE", .kind = "primary"});
  Diagnostics diagnostics;
  const auto json = write_xes(message, XesSyntax::json, diagnostics);
  const Result written = registry.converter("xes-json", "an2k:ebts").convert(*json);
  ASSERT_TRUE(written.ok()) << written.diagnostics.to_json();
  EXPECT_NE(written.output.find("2.018:DOE, JANE\x1D" "2.019:ALIAS, ONE\x1E" "ROE, JO"), std::string::npos) << written.output;
}

// A field of names that an extension restores (an empty 2.019 with a second item) keeps its place: the alias
// after it goes back to 2.019[2], not into it (found by fuzz/an2k_roundtrip).
TEST(An2kEbts, NamesSkipAFieldAnExtensionRestores) {
  const Registry& registry = Registry::builtin();
  const std::string data = type1("0400", "1\x1E" "2\x1F" "00") +
                           record("2.001", 0, {"2.002:00", "2.018:DOE, JOHN", "2.019:\x1F" "SMITH,JOHN\x1E" "DOE,JACK"});
  const Result xes = registry.converter("an2k:ebts", "xes-json").convert(data);
  ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
  ASSERT_EQ(xes.messages.at(0).persons.at(0).names.size(), 2u);
  EXPECT_EQ(xes.messages[0].persons[0].names[1].full, "DOE,JACK");
  const Result written = registry.converter("xes-json", "an2k:ebts").convert(xes.output);
  ASSERT_TRUE(written.ok()) << written.diagnostics.to_json();
  EXPECT_TRUE(written.output == data) << written.output;
}

// Items of a list the rules address by place go back to the places their provenance names: a mark after an
// empty one is marks[1] in XES and 2.026[3] again on the way back (found by fuzz/an2k_roundtrip).
TEST(An2kEbts, ListItemsGoBackToThePlacesTheyWereReadFrom) {
  const Registry& registry = Registry::builtin();
  const std::string data = type1("0400", "1\x1E" "2\x1F" "00") +
                           record("2.001", 0, {"2.002:00", "2.026:SC R HND\x1E\x1E" "TAT L ARM"});
  const Result xes = registry.converter("an2k:ebts", "xes-json").convert(data);
  ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
  const auto& marks = xes.messages.at(0).persons.at(0).description->marks;
  ASSERT_EQ(marks.size(), 2u);
  EXPECT_EQ(marks[1].code, "TAT L ARM");
  for (const char* hub : {"xes-json", "xes-xml"}) {
    const Result back = registry.converter("an2k:ebts", hub).convert(data);
    const Result written = registry.converter(hub, "an2k:ebts").convert(back.output);
    ASSERT_TRUE(written.ok()) << written.diagnostics.to_json();
    EXPECT_TRUE(written.output == data) << hub << ":\n" << written.output;
  }
}

// A CNT that ends in a record separator (an empty last entry) is written back so, directly and through XES
// (found by fuzz/an2k_roundtrip).
TEST(An2kQuirks, ACountEndingInASeparatorComesBack) {
  const std::string data = type1("0400", "1\x1E" "2\x1F" "00\x1E") + kType2;
  Diagnostics diagnostics;
  const auto written = written_directly(data, diagnostics);
  ASSERT_TRUE(written) << diagnostics.to_json();
  EXPECT_TRUE(*written == data) << *written;
  const Result xes = Registry::builtin().converter("an2k").convert(data);
  ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
  const Result back = Registry::builtin().converter("xes-json", "an2k").convert(xes.output);
  ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
  EXPECT_TRUE(back.output == data) << back.output;
}

// A transaction spelt as the standard writes it carries no layout in XES: the message says only what it must.
TEST(An2kQuirks, AStandardTransactionCarriesNoLayout) {
  const std::string data = type1("0400", "1\x1E" "2\x1F" "00") + kType2;
  const Result xes = Registry::builtin().converter("an2k").convert(data);
  ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
  EXPECT_EQ(xes.output.find("an2k:layout"), std::string::npos) << xes.output;
  const Result quirky = Registry::builtin().converter("an2k").convert(quirky_transactions().back().data);
  EXPECT_NE(quirky.output.find("an2k:layout"), std::string::npos);
}

// The layout comes from the message, which may be anyone's: a tag it gives that is no tag of its field, or
// that would smuggle separators into the transaction, is refused with its path; a layout that does not parse
// is an error.
TEST(An2kQuirks, ALayoutFromTheMessageIsCheckedBeforeItIsWritten) {
  const Registry& registry = Registry::builtin();
  const Result xes = registry.converter("an2k").convert(quirky_transactions()[1].data);  // 2-digit tags
  ASSERT_TRUE(xes.ok());
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"=1.04", "=1.04:X\\u001d1.099"},
                                 {"=1.04", "=1.05"},
                                 {"1.004@", "1.004#"}}) {
    std::string edited = xes.output;
    const auto at = edited.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    edited.replace(at, from.size(), to);
    const Result back = registry.converter("xes-json", "an2k").convert(edited);
    EXPECT_FALSE(back.ok()) << to << ": " << back.output;
    const std::string said = back.diagnostics.to_json();
    EXPECT_TRUE(said.find("an2k.write") != std::string::npos || said.find("an2k.layout") != std::string::npos) << said;
  }
}

REFERENCE_TEST(An2kZeroCopy, BinaryValuesAreViewsIntoTheInput) {
  const std::filesystem::path file =
      std::filesystem::path(XBORDER_REFERENCE_DIR) / "ansi-nist" / "samples" / "type-14-tpcard-nqm.an2";
  std::ifstream in(file, std::ios::binary);
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const Registry& registry = Registry::builtin();
  // Bytes in memory: the tree's values point into them.
  detail::MemoryStream memory(data);
  std::size_t binary = 0;
  registry.inspect(memory, "an2k", [&](const FieldTree& tree) {
    EXPECT_EQ(tree.raw.data(), data.data());
    for (const Field& field : tree.fields) {
      EXPECT_TRUE(field.raw.data() >= data.data() && field.raw.data() + field.raw.size() <= data.data() + data.size())
          << field.path;
      binary += field.binary ? 1 : 0;
    }
    return true;
  });
  EXPECT_GE(binary, 14u);
  // A stream: read once into a buffer the views share, which a copy of the tree keeps alive.
  FieldTree kept;
  {
    std::istringstream stream(data);
    registry.inspect(stream, "an2k", [&](const FieldTree& tree) {
      kept = tree;
      return true;
    });
  }
  ASSERT_FALSE(kept.fields.empty());
  for (const Field& field : kept.fields) {
    EXPECT_TRUE(field.raw.shared()) << field.path;
    EXPECT_EQ(field.raw.view(), std::string_view(data).substr(field.offset, field.raw.size())) << field.path;
  }
  EXPECT_TRUE(kept.raw == data);
}

}  // namespace
}  // namespace xborder
