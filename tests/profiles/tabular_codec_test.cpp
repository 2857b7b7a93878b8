// The tabular codec on awkward input: quoted cells across lines, bad rows among good ones, a wrong header,
// bytes outside the charset, characters the charset cannot write.

#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "core/csv.hpp"
#include "formats/tabular/tabular_codec.hpp"
#include "xborder/convert.hpp"

namespace xborder::detail {
namespace {

TabularCodec csv_codec(const char* charset = "UTF-8") {
  TabularLayout layout;
  layout.charset = charset;
  layout.header = true;
  layout.newline = "\n";
  layout.columns = {{"A"}, {"B"}};
  return TabularCodec(layout, "tabular:test");
}

struct Read {
  std::vector<FieldTree> trees;
  std::vector<Diagnostics> diagnostics;
};

Read read_all(const TabularCodec& codec, const std::string& input) {
  Read read;
  std::istringstream stream(input);
  codec.read(stream, [&](const FieldTree& tree, Diagnostics&& diagnostics) {
    read.trees.push_back(tree);
    read.diagnostics.push_back(std::move(diagnostics));
    return true;
  });
  return read;
}

// What the writer appends for one record ("<not written>" when it refuses).
std::string written(TabularCodec::Writer& writer, const FieldTree& tree, Diagnostics& diagnostics) {
  std::string out;
  return writer.write(tree, diagnostics, out) ? out : "<not written>";
}

TEST(TabularCodec, QuotedCellsMayHoldDelimitersQuotesAndLineBreaks) {
  const TabularCodec codec = csv_codec();
  const std::string input = "A,B\n\"x,1\",\"say \"\"hi\"\"\nthere\"\r\nplain,2\n";
  const Read read = read_all(codec, input);
  ASSERT_EQ(read.trees.size(), 2u);
  EXPECT_EQ(read.trees[0].fields[0].text, "x,1");
  EXPECT_EQ(read.trees[0].fields[1].text, "say \"hi\"\nthere");
  EXPECT_EQ(read.trees[1].fields[0].offset, input.find("plain"));
  // A quoted cell's raw bytes are those between its quotes, where its offset says (provenance spans them).
  EXPECT_EQ(read.trees[0].fields[0].offset, input.find("x,1"));
  EXPECT_EQ(read.trees[0].fields[0].raw.view(), "x,1");
  EXPECT_EQ(read.trees[0].fields[1].offset, input.find("say"));
  EXPECT_EQ(read.trees[0].fields[1].raw.view(), "say \"\"hi\"\"\nthere");
  TabularCodec::Writer writer(codec);
  Diagnostics diagnostics;
  EXPECT_EQ(written(writer, read.trees[0], diagnostics), "A,B\n\"x,1\",\"say \"\"hi\"\"\nthere\"\n");
  EXPECT_EQ(written(writer, read.trees[1], diagnostics), "plain,2\n");
}

TEST(TabularCodec, ABadRowIsReportedAndTheNextOnesStillRead) {
  const Read read = read_all(csv_codec(), "A,B\n1,2\nonly-one\n\"open,3\n5,6\n");
  ASSERT_EQ(read.trees.size(), 3u);
  EXPECT_FALSE(read.diagnostics[0].has_errors());
  ASSERT_TRUE(read.diagnostics[1].has_errors());
  EXPECT_EQ(read.diagnostics[1].errors()[0].path, "row[2]");
  EXPECT_NE(read.diagnostics[1].errors()[0].message.find("1 cells"), std::string::npos);
  EXPECT_TRUE(read.diagnostics[2].has_errors());  // the quote never closes: the rest is one broken record
}

// A quote that never closes makes the rest of the input one record: it used to be rescanned for quotes at
// every line (400,000 line ends took 47 s). Now each line is looked at once, and the record is refused.
TEST(TabularCodec, AnUnclosedQuoteOverMillionsOfLinesIsRefusedAtOnce) {
  const Converter converter = Registry::builtin().converter("tabular:example-de-csv", "xes-json");
  std::string input =
      "AKTENZEICHEN;NACHNAME;VORNAMEN;GEBURTSNAME;GESCHLECHT;GEBURTSDATUM;GEBURTSORT;STAATSANGEHOERIGKEIT;"
      "PKS_SCHLUESSEL;TATVORWURF;TATZEIT;TATORT;BEMERKUNG\r\n\"";
  input.append(2'000'000, '\n');
  const auto start = std::chrono::steady_clock::now();
  const Result result = converter.convert(input);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(result.messages.empty());
  ASSERT_EQ(result.diagnostics.error_count(), 1u) << result.diagnostics.to_json();
  const Diagnostic error = result.diagnostics.errors()[0];
  EXPECT_EQ(error.code, "tabular.row");
  EXPECT_EQ(error.path, "row[1]");
  EXPECT_NE(error.message.find("does not close"), std::string::npos) << error.message;
  EXPECT_LT(elapsed.count(), 5.0);  // a guard against hanging only; it takes a fraction of a second
}

// A record continued over lines may not outgrow the row limit (16 MiB) in all, however short each line is.
TEST(TabularCodec, ARecordLongerThanTheRowLimitIsRefused) {
  std::string input = "A,B\n\"";
  const std::string line(1 << 20, 'x');
  for (int i = 0; i < 17; ++i) input += line + "\n";
  input += "\"after,1\n3,4\n";
  const Read read = read_all(csv_codec(), input);
  ASSERT_EQ(read.diagnostics.size(), 1u);  // and reading stops there
  ASSERT_TRUE(read.diagnostics[0].has_errors());
  EXPECT_EQ(read.diagnostics[0].errors()[0].code, "tabular.row");
  EXPECT_NE(read.diagnostics[0].errors()[0].message.find("row longer than"), std::string::npos);
  EXPECT_LE(read.trees[0].raw.size(), std::size_t{1} << 24);
}

TEST(CsvRecords, QuoteStateFollowsEachNewPieceOnly) {
  const CsvDialect dialect;
  EXPECT_TRUE(csv_quote_open("a,\"b", dialect));
  EXPECT_FALSE(csv_quote_open("c\"\"d\",e", dialect, true));  // "" inside the cell, then the closing quote
  EXPECT_TRUE(csv_quote_open("c\"\"d", dialect, true));
  EXPECT_TRUE(csv_quote_open("no quotes here", dialect, true));
  EXPECT_FALSE(csv_quote_open("closes\",x", dialect, true));
}

TEST(TabularCodec, AWrongHeaderStopsTheRead) {
  const Read read = read_all(csv_codec(), "A,C\n1,2\n");
  ASSERT_EQ(read.diagnostics.size(), 1u);
  EXPECT_EQ(read.diagnostics[0].errors().at(0).code, "tabular.header");
}

TEST(TabularCodec, BytesOutsideTheCharsetAreErrorsWithOffsets) {
  const std::string input = std::string("A,B\nok,\xFF\xFE") + "\n";
  const Read read = read_all(csv_codec("UTF-8"), input);
  ASSERT_TRUE(read.diagnostics.at(0).has_errors());
  EXPECT_EQ(read.diagnostics[0].errors()[0].offset, input.find('\xFF'));
}

TEST(TabularCodec, CharactersTheCharsetCannotWriteAreErrors) {
  const TabularCodec codec = csv_codec("windows-1252");
  FieldTree tree;
  tree.set("A", "Łódź");  // Ł is not in Windows-1252
  TabularCodec::Writer writer(codec);
  Diagnostics diagnostics;
  std::string out;
  EXPECT_FALSE(writer.write(tree, diagnostics, out));
  EXPECT_EQ(diagnostics.errors().at(0).path, "A");
  // The refused first row did not use up the header: the next row written brings it.
  FieldTree next;
  next.set("A", "Lodz");
  EXPECT_EQ(written(writer, next, diagnostics), "A,B\nLodz,\n");
}

TEST(TabularCodec, FixedWidthPadsAndAligns) {
  TabularLayout layout;
  layout.fixed = true;
  layout.newline = "\n";
  layout.columns = {{"NAME", 6}, {"NUMBER", 4, true, '0'}};
  const TabularCodec codec(layout, "tabular:test");
  const Read read = read_all(codec, "ANNA  0042\nBO    0000\nTOOLONGLINE\n");
  ASSERT_EQ(read.trees.size(), 3u);
  EXPECT_EQ(read.trees[0].fields[0].text, "ANNA");
  EXPECT_EQ(read.trees[0].fields[1].text, "42");
  EXPECT_EQ(read.trees[0].fields[1].offset, 8u);
  EXPECT_EQ(read.trees[1].fields[1].text, "");
  EXPECT_TRUE(read.diagnostics[2].has_errors());
  TabularCodec::Writer writer(codec);
  Diagnostics diagnostics;
  EXPECT_EQ(written(writer, read.trees[0], diagnostics), "ANNA  0042\n");
  FieldTree wide;
  wide.set("NAME", "ALEXANDRA");
  std::string out;
  EXPECT_FALSE(writer.write(wide, diagnostics, out));
  EXPECT_EQ(out, "");
}

// Plain cells are views of the record, quoted ones their own unescaped text: many quoted cells (the list
// grows, moving them) and a reused list (quoted cells after plain ones and back) give every value right.
TEST(CsvRecords, QuotedAndPlainCellsKeepTheirValuesAsTheListGrowsAndIsReused) {
  std::vector<CsvCell> cells;
  std::string why, record;
  for (int i = 0; i < 40; ++i) record += (i ? "," : "") + (i % 2 ? "\"q" + std::to_string(i) + "\"\"\"" : "p" + std::to_string(i));
  ASSERT_TRUE(split_csv_record(record, {}, cells, why)) << why;
  ASSERT_EQ(cells.size(), 40u);
  for (int i = 0; i < 40; ++i) {
    EXPECT_EQ(cells[i].value, i % 2 ? "q" + std::to_string(i) + "\"" : "p" + std::to_string(i)) << i;
  }
  EXPECT_EQ(cells[1].offset, 3u);
  ASSERT_TRUE(split_csv_record("\"a\",b,,\"\"", {}, cells, why)) << why;
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0].value, "a");
  EXPECT_EQ(cells[1].value, "b");
  EXPECT_EQ(cells[2].value, "");
  EXPECT_EQ(cells[3].value, "");
  EXPECT_FALSE(split_csv_record("x,\"open", {}, cells, why));
  EXPECT_NE(why.find("does not close"), std::string::npos) << why;
}

}  // namespace
}  // namespace xborder::detail
