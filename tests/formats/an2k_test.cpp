// ANSI/NIST-ITL traditional encoding: the shared NIST and FBI samples read and come back byte for byte, the
// EBTS profile gives the subject of NISTFile.ebts, and hostile input (truncations, byte flips, lying lengths)
// ends in a clean error with its offset.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "core/digest.hpp"
#include "formats/an2k/an2k_codec.hpp"
#include "test_support.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace {

using detail::An2kPath;
using detail::An2kTransaction;

const std::filesystem::path kSamples = std::filesystem::path(XBORDER_REFERENCE_DIR) / "ansi-nist" / "samples";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::filesystem::path> samples() {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(kSamples)) {
    const auto extension = entry.path().extension();
    if (extension == ".an2" || extension == ".ebts") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A tagged record from its fields ("2.002:00", ...), LEN first and computed.
std::string tagged(unsigned type, const std::vector<std::string>& fields) {
  std::string body;
  for (std::size_t i = 0; i < fields.size(); ++i) body += fields[i] + (i + 1 == fields.size() ? '\x1C' : '\x1D');
  const std::string prefix = std::to_string(type) + ".001:";
  std::size_t length = prefix.size() + 1 + body.size() + 1;
  while (prefix.size() + std::to_string(length).size() + 1 + body.size() != length) ++length;
  return prefix + std::to_string(length) + '\x1D' + body;
}

// A Type-1 record listing `records` ("2\x1F" "00", ...).
std::string header(const std::vector<std::string>& records, const std::string& extra = {}) {
  std::string cnt = "1.003:1\x1F" + std::to_string(records.size());
  for (const auto& record : records) cnt += "\x1E" + record;
  std::vector<std::string> fields{"1.002:0502", cnt, "1.004:CAR", "1.005:20261128", "1.007:DAI", "1.008:ORI",
                                  "1.009:TCN-1", "1.011:19.69", "1.012:19.69"};
  if (!extra.empty()) fields.push_back(extra);
  return tagged(1, fields);
}

std::string binary_type4(std::uint8_t idc, std::uint32_t declared_length, std::size_t image_bytes) {
  std::string record(18, '\0');
  const std::uint32_t length = declared_length ? declared_length : static_cast<std::uint32_t>(18 + image_bytes);
  for (int i = 0; i < 4; ++i) record[i] = static_cast<char>((length >> (8 * (3 - i))) & 0xFF);
  record[4] = static_cast<char>(idc);
  record[5] = 1;  // IMP: live-scan rolled
  record[6] = 2;  // FGP: right index
  for (int i = 7; i < 12; ++i) record[i] = static_cast<char>(0xFF);
  record[13] = 0x01;  // HLL 300
  record[14] = 0x2C;
  record[15] = 0x01;  // VLL 400
  record[16] = static_cast<char>(0x90);
  record[17] = 1;  // WSQ
  return record + std::string(image_bytes, '\x5A');
}

std::optional<std::size_t> parse(std::string_view data, bool strict, An2kTransaction& transaction,
                                 Diagnostics& diagnostics) {
  return detail::parse_an2k(data, 0, strict, transaction, diagnostics);
}

TEST(An2kPath, NamesRecordsSubfieldsAndItems) {
  for (const char* text : {"2.018", "1.003[2].2", "2.047.2", "14[3].013", "2.1003", "10[2].999"}) {
    const auto path = An2kPath::parse(text);
    ASSERT_TRUE(path) << text;
    EXPECT_EQ(path->text(), text);
  }
  EXPECT_EQ(An2kPath::parse("14[3].013")->ordinal, 3u);
  EXPECT_EQ(An2kPath::parse("1.003[2].2")->subfield, 2u);
  for (const char* text : {"", "2", "2.", "2.018[0]", "2.018.", "x.018", "2.018[2", "100.001", "2.018 "}) {
    EXPECT_FALSE(An2kPath::parse(text)) << text;
  }
}

// The quirks of each real sample (warning codes of a lenient read): NIST's own file gives its version as
// "0", the FBI's writes the Type-1 tags with two digits ("1.01:"). The others are spelt as the standard says.
std::set<std::string> quirks_of(const std::string& name) {
  if (name == "rec01_rec02_rec16.nst.an2") return {"an2k.version"};
  if (name == "NISTFile.ebts") return {"an2k.tag"};
  return {};
}

std::set<std::string> warning_codes(const Diagnostics& diagnostics) {
  std::set<std::string> codes;
  for (const auto& warning : diagnostics.warnings()) codes.insert(warning.code);
  return codes;
}

REFERENCE_TEST(An2kSamples, EverySampleParsesWithItsQuirksAndComesBackByteForByte) {
  const auto files = samples();
  ASSERT_GE(files.size(), 20u) << "shared samples missing under " << kSamples;
  for (const auto& file : files) {
    const std::string data = read_file(file);
    const std::string name = file.filename().string();
    An2kTransaction transaction;
    Diagnostics diagnostics;
    const auto consumed = parse(data, false, transaction, diagnostics);
    ASSERT_TRUE(consumed) << file << ": " << diagnostics.to_json();
    EXPECT_EQ(*consumed, data.size()) << file;
    EXPECT_EQ(warning_codes(diagnostics), quirks_of(name)) << file << ": " << diagnostics.to_json();
    // Strict: a quirk is an error; a sample without any reads as well.
    An2kTransaction strict_transaction;
    Diagnostics strict;
    EXPECT_EQ(parse(data, true, strict_transaction, strict).has_value(), quirks_of(name).empty()) << file;
    FieldTree tree;
    ASSERT_TRUE(detail::an2k_to_field_tree(transaction, "t", nullptr, tree, diagnostics)) << file;
    const auto written = detail::write_an2k(tree, diagnostics);
    ASSERT_TRUE(written) << file << ": " << diagnostics.to_json();
    EXPECT_TRUE(*written == data) << file << ": written " << written->size() << " bytes of " << data.size();
  }
}

// an2k -> XES JSON -> an2k, byte for byte, for every real sample: its quirks travel in the message.
REFERENCE_TEST(An2kSamples, EverySampleComesBackThroughXes) {
  const Registry& registry = Registry::builtin();
  for (const auto& file : samples()) {
    const std::string data = read_file(file);
    const std::string format = registry.sniff(data);
    ASSERT_TRUE(format == "an2k" || format == "an2k:ebts") << file << " sniffed as '" << format << "'";
    const Result xes = registry.converter(format).convert(data);
    ASSERT_TRUE(xes.ok()) << file << ": " << xes.diagnostics.to_json();
    EXPECT_EQ(warning_codes(xes.diagnostics), quirks_of(file.filename().string())) << file;
    const Result back = registry.converter("xes-json", format).convert(xes.output);
    ASSERT_TRUE(back.ok()) << file << ": " << back.diagnostics.to_json();
    EXPECT_TRUE(back.output == data) << file << ": " << back.output.size() << " bytes of " << data.size();
    // Strict conversion refuses the quirks.
    const Result strict = registry.converter(format, "xes-json", {.strict = true}).convert(data);
    EXPECT_EQ(strict.ok(), quirks_of(file.filename().string()).empty()) << file;
  }
}

// The header's digest is the file's SHA-256 (sha256sum) and each image's is its own, for records digested in
// line and for the large ones digested on a second thread.
REFERENCE_TEST(An2kSamples, DigestsAreThoseOfTheFileAndOfEachImage) {
  const Registry& registry = Registry::builtin();
  for (const auto& file : samples()) {
    const std::string data = read_file(file);
    const Result xes = registry.converter(registry.sniff(data), "").convert(data);
    ASSERT_TRUE(xes.ok() && xes.messages.size() == 1) << file << ": " << xes.diagnostics.to_json();
    const xes::Message& message = xes.messages.front();
    ASSERT_TRUE(message.header.source.has_value()) << file;
    EXPECT_EQ(message.header.source->sha256, detail::sha256_hex(data)) << file;
    EXPECT_EQ(message.header.message_id, "urn:sha256:" + detail::sha256_hex(data)) << file;
    for (const xes::Biometric& biometric : message.biometrics) {
      if (biometric.data.empty()) continue;
      const std::string_view bytes(reinterpret_cast<const char*>(biometric.data.data()), biometric.data.size());
      EXPECT_EQ(biometric.sha256, detail::sha256_hex(bytes)) << file << " " << biometric.id;
    }
  }
}

// The biometric code lists are data: a mappings directory that renames WSQ changes what XES says, and
// the transaction still comes back byte for byte through it.
REFERENCE_TEST(An2kSamples, BiometricCodeListsComeFromTheRegistrysMappings) {
  const auto dir = std::filesystem::temp_directory_path() / ("xborder-an2k-codes-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "codes");
  std::string lists = read_file(std::filesystem::path(XBORDER_SOURCE_DIR) / "mappings/codes/an2k-biometrics.csv");
  lists.replace(lists.find("compression-binary,1,wsq"), 24, "compression-binary,1,wavelet-scalar");
  std::ofstream(dir / "codes" / "an2k-biometrics.csv") << lists;
  const Registry custom(RegistryOptions{dir});
  const std::string data = read_file(kSamples / "type-4-slaps.an2");
  for (const auto& [registry, expected] : {std::pair{&Registry::builtin(), "wsq"}, {&custom, "wavelet-scalar"}}) {
    const Result xes = registry->converter("an2k").convert(data);
    ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
    ASSERT_FALSE(xes.messages.front().biometrics.empty());
    EXPECT_EQ(xes.messages.front().biometrics.front().encoding, expected);
    const Result back = registry->converter("xes-json", "an2k").convert(xes.output);
    ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
    EXPECT_TRUE(back.output == data);
  }
  std::filesystem::remove_all(dir);
}

REFERENCE_TEST(An2kEbts, NistFileGivesTheSubjectAndAccountsForEveryType2Field) {
  const std::string data = read_file(kSamples / "NISTFile.ebts");
  const Registry& registry = Registry::builtin();
  const Result result = registry.converter("an2k:ebts").convert(data);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 1u);
  const xes::Message& message = result.messages.front();
  ASSERT_EQ(message.persons.size(), 1u);
  const xes::Person& person = message.persons.front();
  ASSERT_FALSE(person.names.empty());
  EXPECT_EQ(person.names[0].family, "LISA");
  EXPECT_EQ(person.names[0].given, (std::vector<std::string>{"MONA", "J"}));
  EXPECT_EQ(person.birth_date, "1975-06-20");
  ASSERT_TRUE(person.sex && person.sex->code);
  EXPECT_EQ(*person.sex->code, 2);
  ASSERT_TRUE(person.description && person.description->height_cm && person.description->weight_kg);
  EXPECT_EQ(*person.description->height_cm, 178);        // 5 ft 10 in
  EXPECT_NEAR(*person.description->weight_kg, 45.4, 0.05);  // 100 lb
  EXPECT_EQ(person.birth_place->country, "ITA");            // NCIC IT
  ASSERT_EQ(message.biometrics.size(), 1u);
  EXPECT_EQ(message.biometrics[0].record_type, 4);
  EXPECT_EQ(message.biometrics[0].encoding, "wsq");

  std::set<std::string> accounted;
  for (const auto& entry : message.provenance) accounted.insert(entry.source_path);
  for (const auto& extension : message.extensions) accounted.insert(extension.source_path);
  std::istringstream stream(data);
  std::size_t type2 = 0;
  registry.inspect(stream, "an2k:ebts", [&](const FieldTree& tree) {
    for (const auto& field : tree.fields) {
      if (!field.path.starts_with("2.") || field.path == "2.001") continue;  // LEN is recomputed
      ++type2;
      EXPECT_TRUE(accounted.count(field.path)) << field.path << " is neither mapped nor kept";
    }
    return true;
  });
  EXPECT_EQ(type2, 15u);  // 2.002 ... 2.073, with 2.047's two items
}

// Interpol's INT-I (or a national AFIS profile) is data: a profile file that extends the generic one.
REFERENCE_TEST(An2kProfiles, AnImplementationProfileIsOneDataFile) {
  test::ScratchDir dir;
  dir.write("int-i-demo.json", R"({
  "profile": "int-i-demo", "description": "INT-I style Type-2, for the test", "codec": "an2k", "extends": "an2k",
  "sniff": {"pattern": "1\\.0*1:[0-9]+\\x1D.*?\\x1D1\\.0*13:INT-I"},
  "rules": [{"from": "2.003", "to": "persons[0].identifiers[0].value"},
            {"value": "domain-text", "to": "persons[0].identifiers[0].type", "when": {"field": "2.003"}}]
})");
  const Registry registry(RegistryOptions{{}, {dir.path()}});
  const std::string data = read_file(kSamples / "rec01_rec02_rec16.nst.an2");  // 1.013 INT-I
  EXPECT_EQ(registry.sniff(data), "an2k:int-i-demo");
  const Result result = registry.converter("an2k:int-i-demo").convert(data);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  EXPECT_EQ(result.messages.at(0).persons.at(0).identifiers.at(0).value, "domain defined text place holder");
  EXPECT_EQ(result.messages.at(0).header.purpose, "ABC");  // the base profile's Type-1 rules come first
  const Result back = registry.converter("xes-json", "an2k:int-i-demo").convert(result.output);
  EXPECT_TRUE(back.output == data);
}

TEST(An2kCharsets, DeclaredCharacterSetsAreDecodedAndWrittenBack) {
  const Registry& registry = Registry::builtin();
  struct Case {
    const char* dcs;
    std::string name_bytes;
    const char* name_utf8;
  };
  const Case cases[] = {
      {"1.015:3\x1FUTF-8", "\xE6\x9D\x8E\xE5\xB0\x8F\xE9\xBE\x99", "李小龙"},
      {"1.015:1\x1FLATIN-1", "M\xFCLLER, J\xD6RG", "MüLLER, JÖRG"},
      {"1.015:0\x1F" "ASCII\x1F" "1", "DOE, JOHN", "DOE, JOHN"},
  };
  for (const auto& c : cases) {
    const std::string data = header({"2\x1F" "00"}, c.dcs) + tagged(2, {"2.002:00", "2.018:" + c.name_bytes});
    const Result result = registry.converter("an2k:ebts").convert(data);
    ASSERT_TRUE(result.ok()) << c.dcs << ": " << result.diagnostics.to_json();
    EXPECT_EQ(result.messages.at(0).persons.at(0).names.at(0).full, c.name_utf8);
    const Result back = registry.converter("xes-json", "an2k:ebts").convert(result.output);
    ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
    EXPECT_TRUE(back.output == data) << c.dcs;
  }
  // Declared ASCII with 8-bit bytes: read as Latin-1, with a warning.
  const std::string latin = header({"2\x1F" "00"}) + tagged(2, {"2.002:00", "2.018:M\xDCLLER, ANNA"});
  const Result result = registry.converter("an2k:ebts").convert(latin);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  EXPECT_EQ(result.messages.at(0).persons.at(0).names.at(0).family, "MÜLLER");
  EXPECT_NE(result.diagnostics.to_json().find("an2k.charset"), std::string::npos);
}

TEST(An2kFields, NumbersAreComparedAsNumbersAndSpellingsKept) {
  const std::string data = tagged(1, {"1.02:0400", "1.03:1\x1F" "1\x1E" "2\x1F" "0", "1.04:CAR"}) +
                           tagged(2, {"2.02:0", "2.18:DOE, JANE", "2.1003:USER"});  // 18 < 1003 as numbers
  An2kTransaction transaction;
  Diagnostics diagnostics;
  ASSERT_TRUE(parse(data, false, transaction, diagnostics)) << diagnostics.to_json();
  EXPECT_EQ(warning_codes(diagnostics), std::set<std::string>{"an2k.tag"});
  ASSERT_EQ(transaction.records.size(), 2u);
  EXPECT_EQ(transaction.records[1].fields[2].number, 18u);
  EXPECT_EQ(transaction.records[1].fields[3].number, 1003u);
  FieldTree tree;
  ASSERT_TRUE(detail::an2k_to_field_tree(transaction, "t", nullptr, tree, diagnostics));
  ASSERT_NE(tree.find("1.004"), nullptr);
  EXPECT_EQ(tree.find("1.004")->tag, "1.04");
  EXPECT_EQ(tree.find("2.1003")->text, "USER");
  tree.find("2.018")->text = "DOE, JANET";
  const auto written = detail::write_an2k(tree, diagnostics);
  ASSERT_TRUE(written) << diagnostics.to_json();
  EXPECT_LT(written->find("2.18:DOE, JANET"), written->find("2.1003:USER"));
  Diagnostics again;
  ASSERT_TRUE(parse(*written, false, transaction, again)) << again.to_json();  // LEN recomputed
  EXPECT_FALSE(again.has_errors());
  Diagnostics strict;
  EXPECT_FALSE(parse(data, true, transaction, strict));  // "1.02": a quirk, an error when strict

  // Out of order: a quirk, kept. Written from the tree as read, the fields stay as they came; a tree whose
  // fields do not stand as read (made anew, or edited out of place) is written in ascending order.
  const std::string shuffled = tagged(1, {"1.002:0400", "1.003:1\x1F" "0", "1.005:20260101", "1.004:CAR"});
  Diagnostics strict_order, lenient;
  EXPECT_FALSE(parse(shuffled, true, transaction, strict_order));
  ASSERT_TRUE(parse(shuffled, false, transaction, lenient));
  EXPECT_EQ(warning_codes(lenient), std::set<std::string>{"an2k.order"});
  ASSERT_TRUE(detail::an2k_to_field_tree(transaction, "t", nullptr, tree, lenient));
  const auto as_read = detail::write_an2k(tree, lenient);
  ASSERT_TRUE(as_read);
  EXPECT_TRUE(*as_read == shuffled);
  for (Field& field : tree.fields) field.offset = 0;
  const auto ordered = detail::write_an2k(tree, lenient);
  ASSERT_TRUE(ordered);
  EXPECT_LT(ordered->find("1.004:CAR"), ordered->find("1.005:"));
}

TEST(An2kInconsistencies, StrictRefusesWhatLenientRecoversWithAWarning) {
  // LEN of the Type-2 record says 99; the record is shorter.
  std::string bad_len = header({"2\x1F" "00"}) + "2.001:99\x1D" "2.002:00\x1C";
  // CNT lists two records; one is present.
  std::string missing = header({"2\x1F" "00", "2\x1F" "01"}) + tagged(2, {"2.002:00"});
  // IDC differs from CNT.
  std::string idc = header({"2\x1F" "05"}) + tagged(2, {"2.002:00"});
  for (const std::string* data : {&bad_len, &missing, &idc}) {
    An2kTransaction transaction;
    Diagnostics strict, lenient;
    EXPECT_FALSE(parse(*data, true, transaction, strict)) << *data;
    EXPECT_TRUE(strict.has_errors());
    EXPECT_TRUE(parse(*data, false, transaction, lenient)) << lenient.to_json();
    EXPECT_FALSE(lenient.has_errors());
    EXPECT_NE(lenient.to_json().find("\"warnings\":[{"), std::string::npos);
  }
  Diagnostics diagnostics;
  An2kTransaction transaction;
  ASSERT_FALSE(parse(bad_len, true, transaction, diagnostics));
  EXPECT_NE(diagnostics.to_json().find("\"path\":\"2.001\""), std::string::npos) << diagnostics.to_json();
}

TEST(An2kHostile, LengthsThatOverrunTheInputAreReportedWithTheirOffset) {
  const std::string head = header({"4\x1F" "01"});
  const std::string data = head + binary_type4(1, 4000000000u, 100);
  An2kTransaction transaction;
  Diagnostics diagnostics;
  EXPECT_FALSE(parse(data, false, transaction, diagnostics));
  const std::string json = diagnostics.to_json();
  EXPECT_NE(json.find("overruns the input"), std::string::npos) << json;
  EXPECT_NE(json.find("\"offset\":" + std::to_string(head.size())), std::string::npos) << json;

  // A tagged image record whose LEN puts the end of its .999 data past the input.
  const std::string tagged_head = header({"14\x1F" "01"});
  const std::string image = "14.001:999999\x1D" "14.002:01\x1D" "14.999:" + std::string(50, 'x') + "\x1C";
  Diagnostics tagged_diagnostics;
  EXPECT_FALSE(parse(tagged_head + image, false, transaction, tagged_diagnostics));
  EXPECT_NE(tagged_diagnostics.to_json().find("\"offset\":" + std::to_string(tagged_head.size() + 7)),
            std::string::npos)
      << tagged_diagnostics.to_json();
}

// Reads whatever the bytes are: a clean parse or a clean error, never a crash, a hang or a sanitizer report.
// Small transactions also go through the FieldTree and the writer (large ones would only copy images).
void read_anything(std::string_view data) {
  An2kTransaction transaction;
  Diagnostics diagnostics;
  if (parse(data, false, transaction, diagnostics)) {
    FieldTree tree;
    if (data.size() <= 64 * 1024 && detail::an2k_to_field_tree(transaction, "t", nullptr, tree, diagnostics)) {
      (void)detail::write_an2k(tree, diagnostics);
    }
  } else {
    EXPECT_TRUE(diagnostics.has_errors());
  }
}

// Cuts a valid transaction at record boundaries and at random, and flips bytes of its headers and tags.
void truncate_and_flip(const std::filesystem::path& file) {
  std::mt19937 random(20261128);
  const std::string name = file.filename().string();
  const std::string data = read_file(file);
  An2kTransaction transaction;
  Diagnostics diagnostics;
  ASSERT_TRUE(parse(data, false, transaction, diagnostics)) << name;
  std::vector<std::size_t> cuts;
  for (const auto& record : transaction.records) {
    cuts.push_back(record.offset);
    cuts.push_back(record.offset + 1);
    cuts.push_back(record.offset + record.bytes.size() - 1);
  }
  for (int i = 0; i < 200; ++i) cuts.push_back(random() % data.size());
  for (const std::size_t cut : cuts) {
    // Cut at a record boundary, a lenient read keeps the records before it and warns; anywhere else the
    // record cut short is an error. Never silence.
    An2kTransaction truncated;
    Diagnostics said;
    const bool read = parse(std::string_view(data).substr(0, cut), false, truncated, said).has_value();
    const std::string json = said.to_json();
    EXPECT_TRUE(read ? json.find("\"warnings\":[{") != std::string::npos : said.has_errors())
        << name << " cut at " << cut << ": " << json;
  }
  // Flips land in the structured parts: the first few kilobytes hold every header and tag.
  const std::size_t window = std::min<std::size_t>(data.size(), 4096);
  std::string flipped = data;
  for (int i = 0; i < 1000; ++i) {
    const std::size_t at = random() % window;
    const char saved = flipped[at];
    flipped[at] = static_cast<char>(random() & 0xFF);
    read_anything(flipped);
    if (i % 4 != 0) flipped[at] = saved;  // every fourth flip stays: damage accumulates
  }
}

TEST(An2kHostile, TruncationsAndByteFlipsOfTheExampleEndCleanly) {
  truncate_and_flip(std::filesystem::path(XBORDER_SOURCE_DIR) / "examples/data/an2k/ebts-arrest.an2");
}

REFERENCE_TEST(An2kHostile, TruncationsAndByteFlipsOfEverySampleEndCleanly) {
  for (const auto& file : samples()) truncate_and_flip(file);
}

// The biometric records' layout is data: a mappings directory may change it, and a broken row is refused
// with its file and line.
TEST(An2kBiometricTables, ABrokenRowIsRefusedWithItsLine) {
  test::ScratchDir dir;
  std::filesystem::create_directories(dir.path() / "codes");
  dir.write("codes/an2k-biometric-records.csv",
            "# a table with a member XES biometrics do not have\n"
            "record_type,modality,encoding,write_default,field,member,codes\n"
            "14,fingerprint,,yes,2,idc,\n"
            "14,fingerprint,,yes,3,colour,\n");
  try {
    Registry registry(RegistryOptions{.mappings_dir = dir.path()});
    FAIL() << "a broken table was accepted";
  } catch (const ProfileError& e) {
    EXPECT_EQ(e.file(), "mappings/codes/an2k-biometric-records.csv");
    EXPECT_EQ(e.line(), 4u);
    EXPECT_NE(std::string(e.what()).find("colour"), std::string::npos);
  }
}

}  // namespace
}  // namespace xborder
