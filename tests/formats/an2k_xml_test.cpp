// The ANSI/NIST-ITL XML encoding read into the traditional codec's FieldTree (formats/an2k_xml): the FBI EBTS
// 10.0 transactions of ../shared/reference/ansi-nist/xml/ and documents the test writes itself.

#include "formats/an2k_xml/an2k_xml_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "test_support.hpp"
#include "xborder/check.hpp"
#include "xborder/convert.hpp"

namespace xborder::detail {
namespace {

std::string dump(const FieldTree& tree) {
  std::string out;
  for (const auto& f : tree.fields) out += f.path + " @" + std::to_string(f.offset) + " = " + f.text + "\n";
  return out;
}

FieldTree read(const std::string& xml, Diagnostics& diagnostics) {
  FieldTree tree;
  EXPECT_TRUE(read_an2k_xml(xml, An2kXmlPaths::builtin(), Limits{}, tree, diagnostics)) << diagnostics.to_json();
  return tree;
}

std::string text(const FieldTree& tree, std::string_view path) {
  const Field* f = tree.find(path);
  return f ? f->text : "<absent>";
}

constexpr const char* kPackage =
    R"(<itl:NISTBiometricInformationExchangePackage xmlns:itl="http://biometrics.nist.gov/standard/2011" )"
    R"(xmlns:biom="http://niem.gov/niem/biometrics/1.0" xmlns:nc="http://niem.gov/niem/niem-core/2.0">)";

// The 2011 element paths (mappings/an2k-xml/fields.csv), with the forms the traditional encoding writes
// otherwise: dates without hyphens, VER from its major and minor parts, CNT's entries as subfields.
TEST(An2kXml, ElementsBecomeTraditionalFields) {
  const std::string xml = std::string(kPackage) +
      "<itl:PackageInformationRecord><biom:RecordCategoryCode>01</biom:RecordCategoryCode><biom:Transaction>"
      "<biom:TransactionDate><nc:Date>2024-01-31</nc:Date></biom:TransactionDate>"
      "<biom:TransactionOriginatingOrganization><nc:OrganizationIdentification><nc:IdentificationID>ORI000001"
      "</nc:IdentificationID></nc:OrganizationIdentification></biom:TransactionOriginatingOrganization>"
      "<biom:TransactionMajorVersionValue>05</biom:TransactionMajorVersionValue>"
      "<biom:TransactionMinorVersionValue>02</biom:TransactionMinorVersionValue>"
      "<biom:TransactionCategoryCode>CAR</biom:TransactionCategoryCode>"
      "<biom:TransactionContentSummary><biom:ContentFirstRecordCategoryCode>1</biom:ContentFirstRecordCategoryCode>"
      "<biom:ContentRecordQuantity>2</biom:ContentRecordQuantity>"
      "<biom:ContentRecordSummary><biom:ImageReferenceIdentification><nc:IdentificationID>00</nc:IdentificationID>"
      "</biom:ImageReferenceIdentification><biom:RecordCategoryCode>2</biom:RecordCategoryCode></biom:ContentRecordSummary>"
      "<biom:ContentRecordSummary><biom:ImageReferenceIdentification><nc:IdentificationID>01</nc:IdentificationID>"
      "</biom:ImageReferenceIdentification><biom:RecordCategoryCode>10</biom:RecordCategoryCode></biom:ContentRecordSummary>"
      "</biom:TransactionContentSummary><biom:Unknown>kept</biom:Unknown></biom:Transaction></itl:PackageInformationRecord>"
      "</itl:NISTBiometricInformationExchangePackage>";
  Diagnostics diagnostics;
  const FieldTree tree = read(xml, diagnostics);
  EXPECT_EQ(text(tree, "1.005"), "20240131") << dump(tree);
  EXPECT_EQ(text(tree, "1.008"), "ORI000001");
  EXPECT_EQ(text(tree, "1.002"), "0502");
  EXPECT_EQ(text(tree, "1.004"), "CAR");
  EXPECT_EQ(text(tree, "1.003"), "1");
  EXPECT_EQ(text(tree, "1.003.2"), "2");
  EXPECT_EQ(text(tree, "1.003[2]"), "2");
  EXPECT_EQ(text(tree, "1.003[2].2"), "00");
  EXPECT_EQ(text(tree, "1.003[3]"), "10");
  EXPECT_EQ(text(tree, "1.003[3].2"), "01");
  EXPECT_EQ(text(tree, "xml:itl:PackageInformationRecord/biom:Transaction/biom:Unknown"), "kept");
  // Offsets point into the document.
  EXPECT_EQ(xml.compare(tree.find("1.008")->offset, 9, "ORI000001"), 0);
}

// Images travel base64 in XML and as bytes in the FieldTree.
TEST(An2kXml, Base64ImagesBecomeBytes) {
  const std::string xml = std::string(kPackage) +
      "<itl:PackageFacialAndSMTImageRecord><biom:RecordCategoryCode>10</biom:RecordCategoryCode>"
      "<biom:FaceImage><nc:BinaryBase64Object>/9j/4A==</nc:BinaryBase64Object></biom:FaceImage>"
      "</itl:PackageFacialAndSMTImageRecord></itl:NISTBiometricInformationExchangePackage>";
  Diagnostics diagnostics;
  const FieldTree tree = read(xml, diagnostics);
  const Field* data = tree.find("10.999");
  ASSERT_NE(data, nullptr) << dump(tree);
  EXPECT_TRUE(data->binary);
  EXPECT_EQ(data->raw, std::string("\xFF\xD8\xFF\xE0", 4));
  Diagnostics bad;
  FieldTree broken;
  std::string invalid = xml;
  invalid.replace(invalid.find("/9j/4A=="), 8, "not*b64");
  EXPECT_FALSE(read_an2k_xml(invalid, An2kXmlPaths::builtin(), Limits{}, broken, bad));
  EXPECT_EQ(bad.errors().at(0).code, "an2k-xml.base64");
}

TEST(An2kXml, HostileDocumentsAreRefusedWithLocation) {
  Diagnostics doctype;
  FieldTree tree;
  EXPECT_FALSE(read_an2k_xml(R"(<!DOCTYPE x [<!ENTITY a "b">]><x xmlns="http://biometrics.nist.gov/standard/2011"/>)",
                             An2kXmlPaths::builtin(), Limits{}, tree, doctype));
  EXPECT_TRUE(doctype.has_errors());
  Limits shallow;
  shallow.depth = 3;
  Diagnostics deep;
  EXPECT_FALSE(read_an2k_xml(std::string(kPackage) + "<a><b><c><d/></c></b></a></itl:NISTBiometricInformationExchangePackage>",
                             An2kXmlPaths::builtin(), shallow, tree, deep));
  EXPECT_EQ(deep.errors().at(0).code, "xml.depth");
  Diagnostics broken;
  EXPECT_FALSE(read_an2k_xml(std::string(kPackage) + "<a>", An2kXmlPaths::builtin(), Limits{}, tree, broken));
  EXPECT_EQ(broken.errors().at(0).code, "xml.syntax");
  Diagnostics other;
  EXPECT_FALSE(read_an2k_xml("<x xmlns='urn:other'/>", An2kXmlPaths::builtin(), Limits{}, tree, other));
  // Read as UTF-8 (the standard's encoding): another declared, or a byte that is not UTF-8, is refused there.
  const std::string latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + std::string(kPackage) +
                            "<a>\xE9</a></itl:NISTBiometricInformationExchangePackage>";
  Diagnostics declared;
  EXPECT_FALSE(read_an2k_xml(latin, An2kXmlPaths::builtin(), Limits{}, tree, declared));
  EXPECT_EQ(declared.errors().at(0).code, "xml.encoding");
  EXPECT_EQ(declared.errors().at(0).offset, latin.find("ISO-8859-1"));
  const std::string bad = std::string(kPackage) + "<a>\xE9</a></itl:NISTBiometricInformationExchangePackage>";
  Diagnostics bad_byte;
  EXPECT_FALSE(read_an2k_xml(bad, An2kXmlPaths::builtin(), Limits{}, tree, bad_byte));
  EXPECT_EQ(bad_byte.errors().at(0).code, "xml.encoding");
  EXPECT_EQ(bad_byte.errors().at(0).offset, bad.find('\xE9'));
}

// Path -> value (bytes for binary values), without the record lengths the XML encoding does not have.
std::map<std::string, std::string> values(const FieldTree& tree) {
  std::map<std::string, std::string> out;
  for (const auto& f : tree.fields) {
    const auto dot = f.path.find('.');
    if (f.path.compare(dot == std::string::npos ? 0 : dot, 4, ".001") == 0 && f.path.find('.', dot + 1) == std::string::npos) continue;
    out[f.path] = f.binary ? f.raw : f.text;
  }
  return out;
}

FieldTree round_trip(const FieldTree& tree, std::string* xml_out = nullptr) {
  Diagnostics diagnostics;
  const auto xml = write_an2k_xml(tree, An2kXmlPaths::builtin(), diagnostics);
  EXPECT_TRUE(xml.has_value()) << diagnostics.to_json();
  if (xml_out && xml) *xml_out = *xml;
  FieldTree back;
  Diagnostics read_back;
  EXPECT_TRUE(read_an2k_xml(xml.value_or(""), An2kXmlPaths::builtin(), Limits{}, back, read_back))
      << read_back.to_json() << "\n" << xml.value_or("");
  return back;
}

TEST(An2kXml, WrittenAndReadBackKeepsEveryValue) {
  FieldTree tree;
  const auto add = [&](std::string path, std::string text) { tree.set(path, std::move(text)); };
  add("1.002", "0502");
  add("1.003", "1");
  add("1.003.2", "2");
  add("1.003[2]", "2");
  add("1.003[2].2", "00");
  add("1.003[3]", "10");
  add("1.003[3].2", "01");
  add("1.004", "CAR");
  add("1.005", "20240131");
  add("1.008", "ORI<&>\"01");
  add("1.013", "NORAM");
  add("1.013.2", "EBTS 10.0");
  add("1.016", "NIST");
  add("1.016.2", "ProfileA");
  add("1.016.3", "1");
  add("1.016[2]", "FBI");
  add("1.016[2].2", "ProfileB");
  add("1.016[2].3", "2");
  add("2.002", "00");
  add("2.014", "FBI1234567");
  add("2.018", "DOE, JOHN");
  add("2.020", "IT");       // no XML element in the tables: carried in xb:Field
  add("2.019[2]", "ROE, RICHARD");
  add("2.070", "Y");
  Field& image = tree.fields.emplace_back();
  image.path = "10.999";
  image.binary = true;
  image.raw = std::string("\xFF\xD8\x00\x1C", 4);
  add("10.002", "01");
  std::string xml;
  const FieldTree back = round_trip(tree, &xml);
  EXPECT_EQ(values(back), values(tree)) << xml;
  EXPECT_NE(xml.find("<nc:Date>2024-01-31</nc:Date>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<biom:TransactionMajorVersionValue>05</biom:TransactionMajorVersionValue>"), std::string::npos);
  EXPECT_NE(xml.find("<nc:PersonSurName>DOE</nc:PersonSurName>"), std::string::npos);
  EXPECT_NE(xml.find("<biom:RecordRapSheetRequestIndicator>true"), std::string::npos);
  EXPECT_NE(xml.find("xb:Field path=\"2.020\""), std::string::npos);
  // CNT: one content summary, an entry per further subfield; APS: one element per subfield.
  const auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto at = xml.find(what); at != std::string::npos; at = xml.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<biom:TransactionContentSummary>"), 1u) << xml;
  EXPECT_EQ(count("<biom:ContentRecordSummary>"), 2u);
  EXPECT_EQ(count("<biom:TransactionApplicationProfile>"), 2u);
}

// A field whose first subfield travels in xb:Field (a value ending in a line break) takes its later subfields
// along: in their element they would read back in the first one's place (found by fuzz/an2k_xml_roundtrip).
TEST(An2kXml, LaterSubfieldsFollowACarriedFirst) {
  FieldTree tree;
  tree.set("1.002", "0500");
  tree.set("1.004", "CAR\n");
  tree.set("1.004[2]", "1.0045:20261128");
  tree.set("1.007", "D69");
  std::string xml;
  EXPECT_EQ(values(round_trip(tree, &xml)), values(tree)) << xml;
}

// Found by fuzz/an2k_xml_roundtrip once it stopped setting repeated fields aside: a field that comes again in its
// record, and a value of blanks only (which an element would give back as nothing), travel in xb:Field.
TEST(An2kXml, RepeatedFieldsAndBlankValuesAreCarried) {
  FieldTree tree;
  tree.set("1.002", "0500");
  tree.set("1.003", "1");
  tree.set("1.003.2", " ");
  tree.set("2.002", "00");
  tree.set("2.018", "DOE, JOHN");
  tree.set("2.002#2", "00");
  tree.set("2.018#2", "ROE, JO");
  std::string xml;
  EXPECT_EQ(values(round_trip(tree, &xml)), values(tree)) << xml;
  EXPECT_NE(xml.find("xb:Field path=\"2.018#2\""), std::string::npos) << xml;
}

// A value whose XML form would read back as another travels in xb:Field: a time that is not one (its
// separators would be dropped on reading), a date already written with hyphens, a part of a value that would
// read back as layout.
TEST(An2kXml, ValuesThatWouldReadBackAsOthersAreCarried) {
  FieldTree tree;
  tree.set("1.002", "0500");
  tree.set("1.014", "2012072.001:45Z");
  tree.set("1.005", "2012-07-20");
  tree.set("2.002", "00");
  std::string xml;
  EXPECT_EQ(values(round_trip(tree, &xml)), values(tree)) << xml;
  EXPECT_NE(xml.find("xb:Field path=\"1.014\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("xb:Field path=\"1.005\""), std::string::npos) << xml;
  // A value whose part would read back as layout: VER splits into halves, "0\r\r" and "500".
  tree.set("1.002", "0\r\r500");
  EXPECT_EQ(values(round_trip(tree, &xml)), values(tree)) << xml;
  EXPECT_NE(xml.find("xb:Field path=\"1.002\""), std::string::npos) << xml;
  tree.set("1.002", "0500");
  // A real time still goes into its element.
  tree.set("1.014", "20120720001145Z");
  EXPECT_EQ(values(round_trip(tree, &xml)), values(tree)) << xml;
  EXPECT_NE(xml.find("<nc:DateTime>2012-07-20T00:11:45Z</nc:DateTime>"), std::string::npos) << xml;
}

// Traditional -> XML -> traditional for every real sample: every field value comes back (LEN excepted, which the
// traditional writer recomputes).
REFERENCE_TEST(An2kXmlReference, TraditionalSamplesRoundTripThroughXml) {
  const std::filesystem::path dir = std::filesystem::path(XBORDER_REFERENCE_DIR) / "ansi-nist/samples";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().filename() == "NIST-README") continue;
    std::istringstream input(test::reference_file("ansi-nist/samples/" + entry.path().filename().string()));
    Registry::builtin().inspect(input, "an2k", [&](const FieldTree& tree) {
      const auto back = values(round_trip(tree));
      const auto expected = values(tree);
      std::string differences;
      for (const auto& [path, value] : expected) {
        const auto found = back.find(path);
        if (found == back.end()) differences += path + " lost; ";
        else if (found->second != value) differences += path + " '" + value + "' came back '" + found->second + "'; ";
      }
      for (const auto& [path, value] : back)
        if (!expected.count(path)) differences += path + " added; ";
      EXPECT_EQ(differences, "") << entry.path();
      return true;
    });
    ++files;
  }
  EXPECT_GE(files, 20);
}

// The acceptance case of the issue: both EBTS 10 samples, fields at the right numbers.
REFERENCE_TEST(An2kXmlReference, EbtsSamplesGiveFieldsAtTheirNumbers) {
  Diagnostics d1;
  const FieldTree ihs = read(test::reference_file("ansi-nist/xml/ebts10-identity-history-summary-request.xml"), d1);
  EXPECT_EQ(text(ihs, "1.004"), "RBIHS") << dump(ihs);
  EXPECT_EQ(text(ihs, "1.008"), "HI002595Y");
  EXPECT_EQ(text(ihs, "1.007"), "WVIAFIS0Z");
  EXPECT_EQ(text(ihs, "1.005"), "20150714");
  EXPECT_EQ(text(ihs, "1.002"), "0500");
  EXPECT_EQ(text(ihs, "1.013"), "NORAM");
  EXPECT_EQ(text(ihs, "1.013.2"), "EBTS 10.0");
  EXPECT_EQ(text(ihs, "2.002"), "00");
  EXPECT_EQ(text(ihs, "2.014"), "FBI1234567");
  EXPECT_EQ(text(ihs, "2.007"), "HI002595Y");

  Diagnostics d2;
  const FieldTree rb = read(test::reference_file("ansi-nist/xml/ebts10-rapback-subscription-request.xml"), d2);
  EXPECT_EQ(text(rb, "1.004"), "RBSCRM") << dump(rb);
  EXPECT_EQ(text(rb, "2.014"), "123456789");
  EXPECT_EQ(text(rb, "2.018"), "Doe, John");
  EXPECT_EQ(text(rb, "2.022"), "19720802");
  EXPECT_EQ(text(rb, "2.038"), "19950324");
  EXPECT_EQ(text(rb, "2.009"), "0123ABC");
  EXPECT_EQ(text(rb, "2.073"), "2345576");
  EXPECT_EQ(text(rb, "2.070"), "Y");

  // Written back, they give the same element values: read again, the same tree.
  EXPECT_EQ(values(round_trip(ihs)), values(ihs));
  EXPECT_EQ(values(round_trip(rb)), values(rb));
}

// An XML transaction is checked like a traditional one: both samples are EBTS 10 rap back transactions, types of
// transaction EBTS 9.1 does not know, and the report says that first.
REFERENCE_TEST(An2kXmlReference, XmlTransactionsAreChecked) {
  const auto spec = Specification::load("ebts-9.1");
  const auto report = spec.check(test::reference_file("ansi-nist/xml/ebts10-rapback-subscription-request.xml"));
  ASSERT_FALSE(report.findings.empty()) << report.to_json();
  EXPECT_EQ(report.transaction_type, "RBSCRM");
  EXPECT_EQ(report.findings[0].rule, "transaction.type");
  EXPECT_TRUE(report.diagnostics.errors().empty()) << report.diagnostics.to_json();
}

}  // namespace
}  // namespace xborder::detail
