#pragma once
// Xerces-C++ as every XML reader of xborder uses it: initialised once, SAX2 readers hardened against hostile
// input (no DOCTYPE is accepted by the handlers, no external DTD or schema is loaded, no entity resolution,
// a low entity-expansion limit), and UTF-16 text turned into UTF-8.

#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/util/SecurityManager.hpp>
#include <xercesc/util/XercesDefs.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace xborder::detail {

// Xerces delivers UTF-16; xborder holds UTF-8. Unpaired surrogates (which Xerces rejects anyway) become U+FFFD.
void xml_to_utf8(const XMLCh* text, std::size_t length, std::string& out);
std::string xml_to_utf8(const XMLCh* text);

// Xerces locates events by line and column; fields carry byte offsets. Events come in document order, so
// the walk goes on from the last position found (a document on one long line is walked once).
class ByteOffsets {
 public:
  explicit ByteOffsets(std::string_view text) : text_(text) {}

  std::size_t at(XMLFileLoc line, XMLFileLoc column);

 private:
  std::size_t next_line(std::size_t from);  // the offset after the line end that follows `from`

  std::string_view text_;
  XMLFileLoc line_ = 1, column_ = 1;
  std::size_t offset_ = 0;
  std::size_t feed_ = std::string_view::npos;  // the next line feed at or after the lines walked (or the end)
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
