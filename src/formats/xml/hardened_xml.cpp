#include "formats/xml/hardened_xml.hpp"

#include <unicode/ustring.h>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/XMLString.hpp>
#include <xercesc/util/XMLUni.hpp>
#include <xercesc/validators/common/Grammar.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/utf8.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder::detail {

using namespace xercesc;

namespace {

void ensure_xerces() {
  static const bool initialized = [] {
    XMLPlatformUtils::Initialize();
    return true;
  }();
  (void)initialized;
}

}  // namespace

void xml_to_utf8(const XMLCh* text, std::size_t length, std::string& out) {
  // Most text of most documents is ASCII: copied as it is; the first other character hands the whole to ICU.
  out.resize(length);
  char* ascii = out.data();
  std::size_t i = 0;
  while (i < length && text[i] < 0x80) {
    ascii[i] = static_cast<char>(text[i]);
    ++i;
  }
  if (i == length) return;
  out.resize(length * 3);
  int32_t written = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out.data(), static_cast<int32_t>(out.size()), &written, text, static_cast<int32_t>(length),
                     0xFFFD, nullptr, &status);
  out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(written) : 0);
}

std::string xml_to_utf8(const XMLCh* text) {
  std::string out;
  xml_to_utf8(text, XMLString::stringLen(text), out);
  return out;
}

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y)); });
}

bool starts_ignoring_case(std::string_view text, std::string_view start) {
  return text.size() >= start.size() && equals_ignoring_case(text.substr(0, start.size()), start);
}

// UTF-8 and US-ASCII by the names Xerces knows them by.
bool names_utf8(std::string_view encoding) {
  for (const std::string_view name : {"UTF-8", "UTF8", "US-ASCII", "USASCII", "US_ASCII", "ASCII"}) {
    if (equals_ignoring_case(encoding, name)) return true;
  }
  return false;
}

// Encodings in which ASCII bytes mean what they mean in UTF-8: a document of ASCII bytes alone declaring one
// reads the same as UTF-8 (many systems declare ISO-8859-1 whatever they write).
bool extends_ascii(std::string_view encoding) {
  for (const std::string_view family : {"ISO-8859-", "ISO8859-", "ISO_8859-", "LATIN", "WINDOWS-125", "CP125"}) {
    if (starts_ignoring_case(encoding, family)) return true;
  }
  return false;
}

// The value of a pseudo-attribute (`version`, `encoding`) of the XML declaration at the start of `text`
// (XML 1.0, 2.8 and 4.3.3), with its offset; nothing without one.
std::optional<std::pair<std::string_view, std::size_t>> declaration_value(std::string_view text,
                                                                          std::string_view name) {
  constexpr std::size_t kDeclarationReach = 1024;  // a declaration is a few dozen bytes; no input makes this scan long
  if (!text.starts_with("<?xml") || text.size() < 6 || !std::isspace(static_cast<unsigned char>(text[5]))) {
    return std::nullopt;
  }
  const std::size_t close = text.substr(0, kDeclarationReach).find("?>");
  if (close == std::string_view::npos) return std::nullopt;  // malformed: Xerces says so
  const std::string_view declaration = text.substr(0, close);
  std::size_t at = declaration.find(name);
  if (at == std::string_view::npos) return std::nullopt;
  at = declaration.find_first_not_of(" \t\r\n", at + name.size());
  if (at == std::string_view::npos || declaration[at] != '=') return std::nullopt;
  at = declaration.find_first_not_of(" \t\r\n", at + 1);
  if (at == std::string_view::npos || (declaration[at] != '"' && declaration[at] != '\'')) return std::nullopt;
  const std::size_t end = declaration.find(declaration[at], at + 1);
  if (end == std::string_view::npos) return std::nullopt;
  return std::pair{declaration.substr(at + 1, end - at - 1), at + 1};
}

}  // namespace

std::optional<XmlDocumentProblem> check_xml_document(std::string_view text) {
  const std::size_t start = text.starts_with(kUtf8ByteOrderMark) ? kUtf8ByteOrderMark.size() : 0;
  // A byte order mark, or '<' beside a zero byte: UTF-16 or UTF-32 (XML 1.0, appendix F).
  if (text.starts_with("\xFE\xFF") || text.starts_with("\xFF\xFE") || text.starts_with(std::string_view("\0\0\xFE\xFF", 4)) ||
      text.starts_with(std::string_view("<\0", 2)) || text.starts_with(std::string_view("\0<", 2)) ||
      text.starts_with(std::string_view("\0\0\0<", 4))) {
    return XmlDocumentProblem{"xml.encoding",
                              "the document is UTF-16 or UTF-32 (its first bytes say so); XML is read as UTF-8", 0, 0};
  }
  if (const auto encoding = declaration_value(text.substr(start), "encoding")) {
    const auto [name, at] = *encoding;
    if (!names_utf8(name) && !(extends_ascii(name) && is_ascii(text))) {
      return XmlDocumentProblem{"xml.encoding",
                                "the document declares the encoding '" + escape_invalid_utf8(name) +
                                    "'; XML is read as UTF-8 (convert it first, e.g. with iconv)",
                                start + at, 0};
    }
  }
  if (const auto version = declaration_value(text.substr(start), "version"); version && version->first != "1.0") {
    return XmlDocumentProblem{"xml.version",
                              "the document declares XML version '" + escape_invalid_utf8(version->first) +
                                  "'; documents are read as XML 1.0, which every format read here is",
                              start + version->second, 0};
  }
  const std::size_t valid = start + valid_utf8_prefix(text.substr(start));
  if (valid == text.size()) return std::nullopt;
  return XmlDocumentProblem{"xml.encoding",
                            "byte " + escape_invalid_utf8(text.substr(valid, 1)) +
                                " does not begin a well-formed UTF-8 sequence; XML is read as UTF-8",
                            valid, valid};
}

Utf8XmlSource::Utf8XmlSource(std::string_view text)
    : MemBufInputSource(reinterpret_cast<const XMLByte*>(text.data()), text.size(), "input", false) {
  static const XMLCh kUtf8[] = {u'U', u'T', u'F', u'-', u'8', 0};
  setEncoding(kUtf8);
  setCopyBufToStream(false);  // the bytes outlive the parse
}

HardenedXmlReader::HardenedXmlReader(std::string_view schema) {
  ensure_xerces();
  reader_.reset(XMLReaderFactory::createXMLReader());
  security_.setEntityExpansionLimit(16);
  reader_->setProperty(XMLUni::fgXercesSecurityManager, &security_);
  reader_->setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  reader_->setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  reader_->setFeature(XMLUni::fgXercesDisableDefaultEntityResolution, true);
  reader_->setFeature(XMLUni::fgXercesLoadSchema, false);  // never follow xsi:schemaLocation
  const bool validating = !schema.empty();
  reader_->setFeature(XMLUni::fgSAX2CoreValidation, validating);
  reader_->setFeature(XMLUni::fgXercesSchema, validating);
  if (validating) {
    reader_->setFeature(XMLUni::fgXercesDynamic, false);
    reader_->setFeature(XMLUni::fgXercesUseCachedGrammarInParse, true);
    MemBufInputSource source(reinterpret_cast<const XMLByte*>(schema.data()), schema.size(), "schema.xsd", false);
    if (reader_->loadGrammar(source, Grammar::SchemaGrammarType, true) == nullptr) {
      throw Error("the XML schema could not be loaded");
    }
  }
}

HardenedXmlReader::~HardenedXmlReader() = default;

std::size_t ByteOffsets::at(XMLFileLoc line, XMLFileLoc column) {
  if (line < line_ || (line == line_ && column < column_)) {  // not expected: start over rather than go wrong
    line_ = 1, column_ = 1, offset_ = start_, feed_ = std::string_view::npos;
  }
  while (line_ < line && offset_ < text_.size()) {
    offset_ = next_line(offset_);
    ++line_, column_ = 1;
  }
  // Columns count characters: a stretch of ASCII without a line end is as many bytes.
  if (column_ < column && offset_ < text_.size()) {
    const std::string_view stretch = text_.substr(offset_, std::min<std::size_t>(column - column_, text_.size() - offset_));
    if (is_ascii(stretch) && std::memchr(stretch.data(), '\n', stretch.size()) == nullptr &&
        std::memchr(stretch.data(), '\r', stretch.size()) == nullptr) {
      offset_ += stretch.size();
      column_ += stretch.size();
    }
  }
  // Xerces counts UTF-16 units: a character beyond U+FFFF (four bytes of UTF-8) is two columns.
  while (column_ < column && offset_ < text_.size() && text_[offset_] != '\n' && text_[offset_] != '\r') {
    const auto lead = static_cast<unsigned char>(text_[offset_]);
    ++offset_;
    while (offset_ < text_.size() && (static_cast<unsigned char>(text_[offset_]) & 0xC0) == 0x80) ++offset_;
    column_ += lead >= 0xF0 ? 2 : 1;
  }
  return offset_;
}

// XML ends a line at a line feed, a carriage return, or both together (XML 1.0, 2.11): a document with bare
// carriage returns has more lines than line feeds. The next line feed is found with memchr and kept (a
// document whose lines all end in carriage returns would otherwise be searched to its end for every line),
// then a carriage return before it, if any, in the same way.
std::size_t ByteOffsets::next_line(std::size_t from) {
  if (feed_ == std::string_view::npos || feed_ < from) {
    const void* feed = std::memchr(text_.data() + from, '\n', text_.size() - from);
    feed_ = feed == nullptr ? text_.size() : static_cast<std::size_t>(static_cast<const char*>(feed) - text_.data());
  }
  const void* ret = std::memchr(text_.data() + from, '\r', feed_ - from);
  if (ret != nullptr) {
    const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(ret) - text_.data());
    if (at + 1 != feed_) return at + 1;  // a bare carriage return
  }
  return std::min(feed_ + 1, text_.size());
}

}  // namespace xborder::detail
