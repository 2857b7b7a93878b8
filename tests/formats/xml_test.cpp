// The XML codec (records of an XML document as fields) and the UN sanctions list profile over it: every
// individual and entity of the shared list converts, every value lands in XES or the record's extensions,
// the document's own values are reported as losses, and hostile or broken input is refused with its place.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>

#include "formats/document_records.hpp"
#include "formats/record_stream.hpp"
#include "formats/xml/xml_codec.hpp"
#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

test::Records read_xml(const std::string& text, std::vector<std::string> records = {}) {
  return test::read_records<detail::XmlCodec>(text, detail::XmlLayout{std::move(records)}, "xml:test");
}

TEST(XmlCodec, ElementsAndAttributesAreFieldsNamedByTheirPath) {
  const std::string text =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<LIST generated=\"2026\">\n"
      "  <ITEM id=\"7\"><NAME>M&#xFC;ller &amp; S\xC3\xB6hne</NAME><ALIAS><N>A</N></ALIAS><ALIAS><N>B</N></ALIAS>"
      "<EMPTY/><BLANK></BLANK><MIXED>text<B>bold</B></MIXED></ITEM>\n"
      "  <ITEM id=\"8\"><NAME>Zweiter</NAME></ITEM>\n"
      "</LIST>\n";
  const test::Records read = read_xml(text, {"LIST", "ITEM"});
  ASSERT_EQ(read.trees.size(), 2u);
  ASSERT_FALSE(read.diagnostics[0].has_errors()) << read.diagnostics[0].to_json();
  const FieldTree& first = read.trees[0];
  EXPECT_EQ(first.label, "LIST/ITEM");
  EXPECT_EQ(read.trees[1].label, "LIST/ITEM[2]");
  EXPECT_EQ(first.offset, text.find("<ITEM"));
  EXPECT_EQ(first.raw, text.substr(text.find("<ITEM"), text.find("</ITEM>") + 7 - text.find("<ITEM")));
  const auto field = [&](const FieldTree& tree, std::string_view path) -> const Field& {
    const Field* found = tree.find(path);
    if (found == nullptr) throw std::runtime_error("no field " + std::string(path));
    return *found;
  };
  EXPECT_EQ(field(first, "ITEM/@id").text, "7");
  EXPECT_EQ(field(first, "ITEM/NAME").text, "M\xC3\xBCller & S\xC3\xB6hne");  // references decoded
  EXPECT_EQ(field(first, "ITEM/NAME").raw, "M&#xFC;ller &amp; S\xC3\xB6hne");   // as it stood
  EXPECT_EQ(field(first, "ITEM/NAME").offset, text.find("M&#xFC;"));
  EXPECT_EQ(field(first, "ITEM/ALIAS/N").text, "A");
  EXPECT_EQ(field(first, "ITEM/ALIAS[2]/N").text, "B");  // the second of its name among its siblings
  EXPECT_EQ(field(first, "ITEM/EMPTY").text, "");         // empty elements are fields too
  EXPECT_EQ(field(first, "ITEM/BLANK").raw, "");
  EXPECT_EQ(field(first, "ITEM/MIXED").text, "text");     // mixed content keeps its text
  EXPECT_EQ(field(first, "ITEM/MIXED/B").text, "bold");
  EXPECT_EQ(field(read.trees[1], "ITEM/NAME").text, "Zweiter");
  // The document's own attribute is a loss, with the record after it.
  ASSERT_EQ(read.diagnostics[0].losses().size(), 1u);
  EXPECT_EQ(read.diagnostics[0].losses()[0].path, "LIST/@generated");
  EXPECT_EQ(read.diagnostics[0].losses()[0].offset, text.find("<LIST"));
}

// XML ends lines at a line feed, a carriage return or both (XML 1.0, 2.11), and Xerces counts lines so: byte
// offsets are right whichever a document uses, in records that follow lines ended each way.
TEST(XmlCodec, OffsetsHoldWithLinesEndedByCarriageReturns) {
  for (const std::string end : {"\n", "\r", "\r\n", "\r\r\n\n"}) {
    const std::string text = "<?xml version=\"1.0\"?>" + end + "<L>" + end + "<R><A>one</A>" + end + "<B>two</B></R>" + end +
                             "<R>" + end + "<A>\xC3\xBC" + end + "x</A></R>" + end + "</L>" + end;
    const test::Records read = read_xml(text, {"L", "R"});
    ASSERT_EQ(read.trees.size(), 2u) << read.error_code();
    const FieldTree& second = read.trees[1];
    EXPECT_EQ(read.trees[0].offset, text.find("<R>")) << testing::PrintToString(end);
    EXPECT_EQ(read.trees[0].fields.at(1).offset, text.find("two")) << testing::PrintToString(end);
    EXPECT_EQ(second.offset, text.rfind("<R>")) << testing::PrintToString(end);
    EXPECT_EQ(second.raw, text.substr(text.rfind("<R>"), text.rfind("</R>") + 4 - text.rfind("<R>")));
    EXPECT_EQ(second.fields.at(0).offset, text.find("\xC3\xBC")) << testing::PrintToString(end);
  }
}

// Siblings are counted by name however many names an element has (past 32 they are hashed), and afresh in
// every element: each record's first child of a name has no index.
TEST(XmlCodec, ManySiblingNamesAreCountedInEachElementAfresh) {
  std::string record = "<R>";
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 40; ++i) record += "<N" + std::to_string(i) + ">" + std::to_string(round) + "</N" + std::to_string(i) + ">";
  }
  record += "</R>";
  const test::Records records = read_xml("<L>" + record + record + "</L>", {"L", "R"});
  ASSERT_EQ(records.trees.size(), 2u) << records.error_code();
  for (const FieldTree& tree : records.trees) {
    ASSERT_EQ(tree.fields.size(), 80u);
    EXPECT_EQ(tree.fields[0].path, "R/N0");
    EXPECT_EQ(tree.fields[39].path, "R/N39");
    EXPECT_EQ(tree.fields[40].path, "R/N0[2]");
    EXPECT_EQ(tree.fields[79].path, "R/N39[2]");
    EXPECT_EQ(tree.fields[79].text, "1");
  }
}

TEST(XmlCodec, RecordsByPatternAndTheDocumentAsARecord) {
  const std::string text = "<R><A><X>1</X></A><B><Y>2</Y><Y>3</Y></B><C>4</C></R>";
  const test::Records any = read_xml(text, {"R", "*"});
  ASSERT_EQ(any.trees.size(), 3u);
  EXPECT_EQ(any.trees[1].fields.at(1).path, "B/Y[2]");
  const test::Records whole = read_xml(text);
  ASSERT_EQ(whole.trees.size(), 1u);
  EXPECT_EQ(whole.trees[0].find("R/C")->text, "4");
  const test::Records none = read_xml(text, {"R", "D"});
  EXPECT_EQ(none.error_code(), "xml.no-records");
}

TEST(XmlCodec, HostileAndBrokenInputIsRefused) {
  // No DOCTYPE at all: no entity expansion (billion laughs), no external entities (XXE).
  EXPECT_EQ(read_xml("<!DOCTYPE r [<!ENTITY a \"aaaa\">]><r>&a;</r>").error_code(), "xml.doctype");
  EXPECT_EQ(read_xml("<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r/>").error_code(), "xml.doctype");
  EXPECT_EQ(read_xml(std::string(100, '<') + "a>").error_code(), "xml.syntax");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  EXPECT_EQ(read_xml(deep).error_code(), "xml.depth");
  // The record before the break arrives whole; the broken one says where.
  const std::string text = "<R><I><N>1</N></I>\n<I><N>2</M></I></R>";
  const test::Records broken = read_xml(text, {"R", "I"});
  ASSERT_EQ(broken.trees.size(), 2u);
  EXPECT_FALSE(broken.diagnostics[0].has_errors());
  const auto errors = broken.diagnostics[1].errors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "xml.syntax");
  EXPECT_NE(errors[0].message.find("line 2"), std::string::npos) << errors[0].message;
  EXPECT_GE(*errors[0].offset, text.find("</M>"));
  EXPECT_EQ(read_xml("<r>\xC3</r>").error_code(), "xml.encoding");  // not UTF-8
}

// Xerces decodes bytes ahead of its parse: a bad byte used to be reported where the parse stood (line 1), with
// no record at all when it was in the first block, or with the records before it when the document ended
// inside its sequence.
TEST(XmlCodec, ABadByteBreaksTheRecordItIsInAndIsReportedWhereItIs) {
  const std::string text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<R><I><N>1</N></I>\n<I><N>\xC3\xA9</N></I>\n"
                           "<I><N>a\xFA\x80\x80\x80\x80" "b</N></I>\n<I><N>4</N></I></R>";
  const test::Records read = read_xml(text, {"R", "I"});
  ASSERT_EQ(read.trees.size(), 3u);
  EXPECT_FALSE(read.diagnostics[0].has_errors());
  EXPECT_EQ(read.trees[1].fields.at(0).text, "\xC3\xA9");
  const auto errors = read.diagnostics[2].errors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "xml.encoding");
  EXPECT_EQ(*errors[0].offset, text.find('\xFA'));
  EXPECT_NE(errors[0].message.find("byte \\xfa"), std::string::npos) << errors[0].message;
  // Xerces places a cut in markup where the markup began: still the bad byte, where it is.
  for (const std::string cut_markup : {"<R><I><N>x</N\xFF" "E></I></R>", "<R><I><!-\xFF- c --><N>2</N></I></R>",
                                       "<R><I><N>1</N></I></R>\n<\xFF"}) {
    const test::Records read_cut_markup = read_xml(cut_markup, {"R", "I"});
    ASSERT_FALSE(read_cut_markup.diagnostics.empty());
    const auto cut_errors = read_cut_markup.diagnostics.back().errors();
    ASSERT_EQ(cut_errors.size(), 1u) << cut_markup;
    EXPECT_EQ(cut_errors[0].code, "xml.encoding") << cut_markup;
    EXPECT_EQ(cut_errors[0].offset, cut_markup.find('\xFF')) << cut_markup;
  }
  // Cut inside its sequence at the end of the input, or followed by more, a bad byte reads the same.
  const std::string cut = text.substr(0, text.find('\xFA') + 2);
  const test::Records read_cut = read_xml(cut, {"R", "I"});
  ASSERT_EQ(read_cut.trees.size(), 3u);
  EXPECT_EQ(*read_cut.diagnostics[2].errors().at(0).offset, text.find('\xFA'));
  // After the document's end, it is reported after the last record.
  const std::string after = "<R><I><N>1</N></I></R>\n<!-- \xFF -->";
  const test::Records read_after = read_xml(after, {"R", "I"});
  ASSERT_EQ(read_after.trees.size(), 2u);
  EXPECT_FALSE(read_after.diagnostics[0].has_errors());
  EXPECT_EQ(read_after.error_code(), "xml.encoding");
  EXPECT_EQ(*read_after.diagnostics[1].errors().at(0).offset, after.find('\xFF'));
}

// Xerces' columns count UTF-16 units: a character beyond U+FFFF is two of them, one of four bytes.
TEST(XmlCodec, OffsetsHoldAfterCharactersBeyondTheBasicPlane) {
  const std::string text = "<R><I a=\"\xF0\x9F\x98\x80\"><N>a\xF0\x9F\x98\x80\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" "b</N><M>x</M></I></R>";
  const test::Records read = read_xml(text, {"R", "I"});
  ASSERT_EQ(read.trees.size(), 1u);
  ASSERT_FALSE(read.diagnostics[0].has_errors()) << read.diagnostics[0].to_json();
  const FieldTree& tree = read.trees[0];
  ASSERT_NE(tree.find("I/N"), nullptr);
  EXPECT_EQ(tree.find("I/N")->offset, text.find(">a") + 1);
  EXPECT_EQ(tree.find("I/N")->raw.view(), "a\xF0\x9F\x98\x80\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" "b");
  ASSERT_NE(tree.find("I/M"), nullptr);
  EXPECT_EQ(tree.find("I/M")->offset, text.find(">x<") + 1);
  EXPECT_EQ(tree.find("I/M")->raw.view(), "x");
  EXPECT_EQ(tree.raw.view(), text.substr(3, text.size() - 7));
}

// Offsets are byte offsets of UTF-8: a document in another encoding is refused, not read with wrong offsets.
TEST(XmlCodec, ADocumentInAnotherEncodingIsRefusedWhereItSaysSo) {
  const std::string utf7 = "<?xml version=\"1.0\" encoding=\"UTF-7\"?><R><I><N>+AOk-</N></I></R>";
  const test::Records declared = read_xml(utf7, {"R", "I"});
  ASSERT_EQ(declared.trees.size(), 1u);
  EXPECT_EQ(declared.error_code(), "xml.encoding");
  EXPECT_EQ(*declared.diagnostics[0].errors().at(0).offset, utf7.find("UTF-7"));
  // UTF-16 and UTF-32, by their byte order marks or the zero bytes beside the first '<'.
  for (const std::string_view wide : {std::string_view("\xFF\xFE<\0R\0/\0>\0", 10), std::string_view("<\0R\0/\0>\0", 8),
                                      std::string_view("\0\0\xFE\xFF\0\0\0<", 8), std::string_view("\0<\0R\0/\0>", 8)}) {
    const test::Records read = read_xml(std::string(wide));
    ASSERT_EQ(read.trees.size(), 1u);
    const auto errors = read.diagnostics[0].errors();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].code, "xml.encoding");
    EXPECT_NE(errors[0].message.find("UTF-16 or UTF-32"), std::string::npos) << errors[0].message;
    EXPECT_EQ(errors[0].offset, 0u);
  }
  // A single-byte encoding: refused once a byte beyond ASCII needs it; ASCII alone reads the same as UTF-8.
  EXPECT_EQ(read_xml("<?xml version='1.0' encoding = 'iso-8859-1'?><R>\xE9</R>").error_code(), "xml.encoding");
  EXPECT_EQ(read_xml("<?xml version='1.0' encoding='ISO-8859-1'?><R>e</R>").error_code(), "none");
  // XML 1.1 ends lines at NEL and LS, which Xerces counts only in some places: refused, not given wrong offsets.
  const std::string xml11 = "<?xml version=\"1.1\" encoding=\"UTF-8\"?><R><I><N>x</N></I></R>";
  const test::Records version = read_xml(xml11, {"R", "I"});
  EXPECT_EQ(version.error_code(), "xml.version");
  EXPECT_EQ(*version.diagnostics.at(0).errors().at(0).offset, xml11.find("1.1"));
  // UTF-8 (with or without a byte order mark) and US-ASCII, in any case, are read.
  for (const std::string head : {"<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<?xml version=\"1.0\" encoding=\"UTF8\"?>",
                                 "<?xml version=\"1.0\" encoding=\"windows-1252\"?>", "\xEF\xBB\xBF",
                                 "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                                 "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>"}) {
    const std::string text = head + "<R><I><N>x</N></I></R>";
    const test::Records read = read_xml(text, {"R", "I"});
    ASSERT_EQ(read.trees.size(), 1u) << head;
    EXPECT_FALSE(read.diagnostics[0].has_errors()) << read.diagnostics[0].to_json();
    EXPECT_EQ(read.trees[0].fields.at(0).offset, text.find(">x<") + 1) << head;
  }
}

// Sniffing looks at the first 4 KiB, which may end inside a character.
TEST(UnSanctionsList, IsSniffedWhereverTheHeadEnds) {
  const std::string start = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CONSOLIDATED_LIST><!--";
  for (const std::size_t cut : {4094u, 4095u, 4096u}) {
    const std::string text = start + std::string(cut - start.size(), 'a') + "\xC3\xA9\xE2\x82\xAC--></CONSOLIDATED_LIST>";
    EXPECT_EQ(Registry::builtin().sniff(text), "xml:un-sanctions") << cut;
  }
}

REFERENCE_TEST(UnSanctionsList, EveryIndividualAndEntityConverts) {
  const Registry& registry = Registry::builtin();
  const std::string list = test::reference_file("sanctions/un_consolidated_dev_subset.xml");
  EXPECT_EQ(registry.sniff(list), "xml:un-sanctions");
  const Result result = registry.converter("xml:un-sanctions", "", {.created = "2026-01-01T00:00:00Z"}).convert(list);
  ASSERT_FALSE(result.diagnostics.has_errors()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 33u);  // 23 individuals, 10 entities
  // The second individual: name parts joined, four aliases with their quality, a year of birth, the listing.
  const xes::Message& gaston = result.messages[1];
  const xes::Person& person = gaston.persons.at(0);
  EXPECT_EQ(person.names.at(0).full, "GASTON IYAMUREMYE");
  ASSERT_EQ(person.names.size(), 5u);
  EXPECT_EQ(person.names[2].full, "Byiringiro Victor Rumuli");
  EXPECT_EQ(person.names[2].kind, "alias");
  EXPECT_EQ(person.names[2].quality, "strong");
  EXPECT_EQ(person.names[1].quality, "weak");  // "Rumuli", a Low alias
  EXPECT_EQ(person.birth_date, "1948");
  EXPECT_EQ(person.sex->code, 1);
  EXPECT_EQ(gaston.listings.at(0).type, "sanction");
  EXPECT_EQ(gaston.listings.at(0).programme, "DRC");
  EXPECT_EQ(gaston.listings.at(0).reference, "CDi.003");
  EXPECT_EQ(gaston.listings.at(0).listed_on, "2010-12-01");
  EXPECT_EQ(gaston.listings.at(0).subject, "p1");
  // A range of years of birth, and an entity as an organisation.
  std::set<std::string> birth_dates;
  std::size_t organisations = 0;
  for (const auto& message : result.messages) {
    if (!message.persons.empty()) birth_dates.insert(message.persons[0].birth_date);
    organisations += message.organisations.size();
  }
  EXPECT_TRUE(birth_dates.count("1958/1963"));
  EXPECT_EQ(organisations, 10u);
  EXPECT_EQ(result.messages.back().organisations.at(0).names.at(0).full, "THE HOUTHIS");
  // The document's attributes are the only losses.
  std::set<std::string> lost;
  for (const auto& loss : result.diagnostics.losses()) lost.insert(loss.path);
  EXPECT_EQ(lost, (std::set<std::string>{"CONSOLIDATED_LIST/@dateGenerated", "CONSOLIDATED_LIST/@noNamespaceSchemaLocation"}));
  // Every value of every record reached XES or the record's extensions, and the messages are valid XES.
  std::size_t record = 0;
  std::istringstream stream(list);
  registry.inspect(stream, "xml:un-sanctions", [&](const FieldTree& tree) {
    const xes::Message& message = result.messages.at(record++);
    std::set<std::string> accounted;
    for (const auto& entry : message.provenance) accounted.insert(entry.source_path);
    for (const auto& extension : message.extensions) accounted.insert(extension.source_path);
    for (const auto& f : tree.fields) {
      // "na" (not available) as a nationality is read as no value
      EXPECT_TRUE(accounted.count(f.path) || f.text.empty() || f.text == "na") << tree.label << ": " << f.path << " went nowhere";
    }
    Diagnostics writing;
    const auto json = write_xes(message, XesSyntax::json, writing);
    EXPECT_TRUE(json && !registry.validate(*json, "xes-json").has_errors()) << tree.label;
    return true;
  });
  EXPECT_EQ(record, 33u);
}

// A record handler may read another document while the first is read, on the same thread.
TEST(UnSanctionsList, AHandlerMayReadAnotherDocumentMidway) {
  const Converter converter = Registry::builtin().converter("xml:un-sanctions", "");
  const std::string list = test::source_file("examples/data/documents/un-sanctions-list.xml");
  std::istringstream input(list);
  std::size_t outer = 0, inner = 0;
  converter.convert(input, [&](Result&& result) {
    EXPECT_TRUE(result.ok()) << result.diagnostics.to_json();
    if (outer++ == 0) inner = converter.convert(list).messages.size();
    return true;
  });
  EXPECT_EQ(outer, 2u);  // an individual and an entity
  EXPECT_EQ(inner, 2u);
}

// The example list with its individual and its entity each repeated `copies` times.
std::string repeated_un_list(std::size_t copies) {
  std::string list = test::source_file("examples/data/documents/un-sanctions-list.xml");
  for (const std::string element : {"INDIVIDUAL", "ENTITY"}) {
    const std::size_t start = list.find("<" + element + ">");
    const std::size_t end = list.find("</" + element + ">") + element.size() + 3;
    const std::string one = list.substr(start, end - start) + "\n";
    std::string all;
    for (std::size_t i = 0; i < copies; ++i) all += one;
    list.replace(start, end - start, all);
  }
  return list;
}

// A list of kReadBesideFrom bytes or more is parsed on a second thread while the rules run on this one, the
// records' storage passed back and forth: the messages are those of its records, in order (a record built
// in the storage of another keeps nothing of it); a handler that stops ends the reading, one that throws is
// thrown to the caller, and a list broken at its end gives its whole records and the error.
TEST(UnSanctionsList, ALargeListReadBesideTheRulesGivesTheMessagesOfItsRecords) {
  const std::string large = repeated_un_list(400);
  ASSERT_GE(large.size(), detail::kReadBesideFrom);
  const Converter converter = Registry::builtin().converter("xml:un-sanctions", "", {.created = "2026-01-01T00:00:00Z"});
  const Result one = converter.convert(repeated_un_list(1));
  const Result all = converter.convert(large);
  ASSERT_FALSE(all.diagnostics.has_errors()) << all.diagnostics.to_json();
  ASSERT_EQ(one.messages.size(), 2u);
  ASSERT_EQ(all.messages.size(), 800u);
  for (std::size_t i = 0; i < all.messages.size(); ++i) {
    const xes::Message& expected = one.messages[i < 400 ? 0 : 1];
    EXPECT_EQ(all.messages[i].persons, expected.persons) << i;
    EXPECT_EQ(all.messages[i].organisations, expected.organisations) << i;
    EXPECT_EQ(all.messages[i].listings, expected.listings) << i;
    ASSERT_EQ(all.messages[i].extensions.size(), expected.extensions.size()) << i;
    for (std::size_t e = 0; e < expected.extensions.size(); ++e) {  // at other offsets: compared by path and value
      EXPECT_EQ(all.messages[i].extensions[e].source_path, expected.extensions[e].source_path) << i;
      EXPECT_EQ(all.messages[i].extensions[e].value, expected.extensions[e].value) << i;
    }
    EXPECT_EQ(all.messages[i].header.source->record_ids,
              std::vector<std::string>{"CONSOLIDATED_LIST/" +
                                       std::string(i < 400 ? "INDIVIDUALS/INDIVIDUAL" : "ENTITIES/ENTITY") +
                                       (i % 400 == 0 ? "" : "[" + std::to_string(i % 400 + 1) + "]")})
        << i;
  }
  std::istringstream stopped(large);
  std::size_t handled = 0;
  converter.convert(stopped, [&](Result&&) { return ++handled < 3; });
  EXPECT_EQ(handled, 3u);
  std::istringstream thrown(large);
  EXPECT_THROW(converter.convert(thrown, [](Result&&) -> bool { throw std::runtime_error("the handler's own"); }),
               std::runtime_error);
  const Result broken = converter.convert(std::string_view(large).substr(0, large.size() - 40));
  EXPECT_EQ(broken.messages.size(), 799u);
  EXPECT_TRUE(broken.diagnostics.has_errors());
  // A byte that is not UTF-8 halfway: the records before it, and the error where it is.
  std::string bad = large;
  const std::size_t at = bad.find("<FIRST_NAME>", bad.size() / 2) + std::string_view("<FIRST_NAME>").size();
  bad[at] = '\xFF';
  std::size_t before = 0;
  for (std::size_t end = bad.find("</INDIVIDUAL>"); end < at; end = bad.find("</INDIVIDUAL>", end + 1)) ++before;
  const Result bad_byte = converter.convert(bad);
  EXPECT_EQ(bad_byte.messages.size(), before);
  ASSERT_EQ(bad_byte.diagnostics.errors().size(), 1u);
  EXPECT_EQ(bad_byte.diagnostics.errors()[0].code, "xml.encoding");
  EXPECT_EQ(bad_byte.diagnostics.errors()[0].offset, at);
}

// What the reader of a large document throws reaches the caller, after the records it had read; a record
// built in the storage of one handed back has only its own fields.
TEST(RecordStream, WhatTheReaderThrowsReachesTheCallerAfterItsRecords) {
  for (const std::size_t bytes : {std::size_t{1}, detail::kReadBesideFrom}) {
    std::vector<std::string> labels;
    bool own_fields = true;
    const detail::FieldTreeSink sink = [&](const FieldTree& tree, Diagnostics&&) {
      labels.push_back(tree.label);
      own_fields = own_fields && tree.fields.size() == labels.size() % 3 &&
                   std::all_of(tree.fields.begin(), tree.fields.end(), [&](const Field& field) { return field.text == tree.label; });
      return true;
    };
    EXPECT_THROW(detail::read_records(bytes, sink, [](detail::RecordOutput output) {
      detail::RecordStream records("test", "test.outside", output, nullptr);
      for (int i = 0; i < 40; ++i) {
        records.begin("r" + std::to_string(i), 0);
        for (int field = 0; field < (i + 1) % 3; ++field) {
          Field& added = records.add_field();
          added.path = "f" + std::to_string(field);
          added.text = "r" + std::to_string(i);
        }
        records.end("");
      }
      throw std::runtime_error("the reader's own");
    }), std::runtime_error) << bytes;
    ASSERT_EQ(labels.size(), 39u) << bytes;  // the last record waits for the one after it, which never comes
    EXPECT_EQ(labels.front(), "r0");
    EXPECT_EQ(labels.back(), "r38");
    EXPECT_TRUE(own_fields) << bytes;
  }
}

// A record broken before its end, built in the storage of one handed on before it, has none of that
// record's bytes, and only the fields it had read.
TEST(RecordStream, ABrokenRecordHasNoBytesOrFieldsOfTheRecordItsStorageHeld) {
  struct Handed {
    std::string label, raw;
    std::vector<std::string> texts;
    bool operator==(const Handed&) const = default;
  };
  std::vector<Handed> handed;
  const detail::FieldTreeSink sink = [&](const FieldTree& tree, Diagnostics&&) {
    Handed& one = handed.emplace_back(Handed{tree.label, std::string(tree.raw.view()), {}});
    for (const Field& field : tree.fields) one.texts.push_back(field.text);
    return true;
  };
  const std::string document = "bytes of r0bytes of r1bytes of r2";  // records' bytes are views of it
  detail::RecordStream records("test", "test.outside", sink, nullptr);
  const auto add = [&](const std::string& text) {
    Field& field = records.add_field();
    field.path = "f";
    field.text = text;
  };
  for (int i = 0; i < 3; ++i) {
    records.begin("r" + std::to_string(i), 0);
    add("r" + std::to_string(i) + " first");
    add("r" + std::to_string(i) + " second");
    records.end(std::string_view(document).substr(11 * i, 11));
  }
  records.begin("r3", 0);
  add("r3 first");
  records.fail("test.broken", "broken", "r3", 0, "r3");
  ASSERT_EQ(handed.size(), 4u);
  EXPECT_EQ(handed[2], (Handed{"r2", "bytes of r2", {"r2 first", "r2 second"}}));
  EXPECT_EQ(handed[3], (Handed{"r3", "", {"r3 first"}}));
}

// A NIEM document is one more data file: the consortium's warrant sample, sniffed by its namespace.
REFERENCE_TEST(NiemWarrants, TheSampleConvertsToAPersonAndAWarrant) {
  const Registry& registry = Registry::builtin();
  const std::string document =
      test::reference_file("niem/Warrant__sample-1074396079055969810.xml");
  EXPECT_EQ(registry.sniff(document), "xml:niem-ojbc-warrant");
  const Result result = registry.converter("xml:niem-ojbc-warrant", "").convert(document);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  EXPECT_TRUE(result.diagnostics.empty()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 1u);
  const xes::Message& message = result.messages[0];
  const xes::Person& person = message.persons.at(0);
  EXPECT_EQ(person.names.at(0).family, "McCoy");
  EXPECT_EQ(person.names.at(0).given, (std::vector<std::string>{"Donna", "B"}));
  EXPECT_EQ(person.birth_date, "1955-03-13");
  EXPECT_EQ(person.sex->code, 2);
  EXPECT_EQ(person.description->height_cm, 163);     // 64 in
  EXPECT_EQ(person.description->weight_kg, 64.7);    // 142.6 lb
  const xes::Warrant& warrant = message.warrants.at(0);
  EXPECT_EQ(warrant.number, "WRT3229059349");
  EXPECT_EQ(warrant.issued, "2013-06-27");
  EXPECT_EQ(warrant.subject, "p1");
  // Address, case and bail are kept in extensions, under their element paths.
  std::set<std::string> kept;
  for (const auto& extension : message.extensions) kept.insert(extension.source_path);
  EXPECT_TRUE(kept.count("eBWResults/Location/LocationAddress/StructuredAddress/LocationCityName"));
  EXPECT_TRUE(kept.count("eBWResults/eBWResult/Bail/BailSetAmount"));
}

}  // namespace
}  // namespace xborder
