#pragma once
// Xerces-C++ as every XML reader of xborder uses it: initialised once, SAX2 readers hardened against hostile
// input (no DOCTYPE is accepted by the handlers, no external DTD or schema is loaded, no entity resolution,
// a low entity-expansion limit), and UTF-16 text turned into UTF-8.

#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/XercesDefs.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace xborder::detail {

// Xerces delivers UTF-16; xborder holds UTF-8. Unpaired surrogates (which Xerces rejects anyway) become U+FFFD.
void xml_to_utf8(const XMLCh* text, std::size_t length, std::string& out);
std::string xml_to_utf8(const XMLCh* text);

inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

// Xerces locates events by line and column; fields carry byte offsets. Events come in document order, so
// the walk goes on from the last position found (a document on one long line is walked once).
class ByteOffsets {
 public:
  // A UTF-8 byte order mark is no column of line 1.
  explicit ByteOffsets(std::string_view text)
      : text_(text), start_(text.starts_with(kUtf8ByteOrderMark) ? kUtf8ByteOrderMark.size() : 0) {
    offset_ = start_;
  }

  std::size_t at(XMLFileLoc line, XMLFileLoc column);

 private:
  std::size_t next_line(std::size_t from);  // the offset after the line end that follows `from`

  std::string_view text_;
  std::size_t start_;  // of line 1, column 1
  XMLFileLoc line_ = 1, column_ = 1;
  std::size_t offset_ = 0;
  std::size_t feed_ = std::string_view::npos;  // the next line feed at or after the lines walked (or the end)
};

// Documents are read as XML 1.0 in UTF-8, as every format read here prescribes (US-ASCII is a part of UTF-8;
// XML 1.1 ends lines where Xerces does not count them alike, so its offsets would be wrong). Xerces decodes a
// block of bytes ahead of its parse and reports a byte that is not UTF-8 where the parse stands, before the
// records that precede the byte in that block; so readers check the bytes first, parse those before the first
// bad one, and report it where it is.
struct XmlDocumentProblem {
  std::string code;  // xml.encoding, xml.version
  std::string message;
  std::size_t offset = 0;    // where it is
  std::size_t readable = 0;  // how many bytes before it may be parsed (none if the declaration is refused)
};
// Nothing if `text` is an XML 1.0 document in UTF-8: no byte order mark or declaration of another encoding or
// version, every byte well-formed UTF-8.
std::optional<XmlDocumentProblem> check_xml_document(std::string_view text);

// Bytes parsed in place as UTF-8, whatever their first bytes suggest or they declare (check_xml_document
// refuses documents declaring another encoding).
class Utf8XmlSource : public xercesc::MemBufInputSource {
 public:
  explicit Utf8XmlSource(std::string_view text);
};

// Thrown from a handler to stop the parse at once (Xerces unwinds and cleans up).
struct StopXmlParse {};

// A SAX2 reader with the hardening every parse gets. With `schema` (XSD text) it also validates against it.
class HardenedXmlReader {
 public:
  explicit HardenedXmlReader(std::string_view schema = {});
  ~HardenedXmlReader();
  HardenedXmlReader(const HardenedXmlReader&) = delete;
  HardenedXmlReader& operator=(const HardenedXmlReader&) = delete;

  xercesc::SAX2XMLReader& get() { return *reader_; }

 private:
  xercesc::SecurityManager security_;
  std::unique_ptr<xercesc::SAX2XMLReader> reader_;
};

}  // namespace xborder::detail
