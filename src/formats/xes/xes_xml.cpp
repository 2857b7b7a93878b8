// XES as XML over Xerces-C++: a SAX2 reader that fills the model directly, hardened against hostile input
// (no DOCTYPE at all, so no entities, external or expanding; no network; bounded depth and size), and a
// writer.

#include "formats/xes/xes_xml.hpp"

#include <unicode/utf8.h>
#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>

#include <memory>

#include "formats/xes/xes_reader_state.hpp"
#include "formats/xml/hardened_xml.hpp"

namespace xborder::detail {
namespace {

using namespace xercesc;

constexpr std::string_view kFormat = "xes-xml";
constexpr std::size_t kMaxReportedErrors = 50;

// Element names of XES are ASCII; anything else cannot match and is kept only for messages.
std::string_view ascii_name(const XMLCh* name, std::string& buffer) {
  buffer.clear();
  for (; *name != 0; ++name) buffer.push_back(*name < 0x80 ? static_cast<char>(*name) : '?');
  return buffer;
}

class XmlHandler : public DefaultHandler {
 public:
  XmlHandler(XesReaderState& state, Diagnostics& diagnostics, bool validating)
      : state_(state), diagnostics_(diagnostics), validating_(validating) {}

  void startDTD(const XMLCh*, const XMLCh*, const XMLCh*) override {
    state_.fail("xml.doctype", "DOCTYPE declarations are not accepted (no DTDs, no entities)", "/", std::nullopt);
    throw StopXmlParse{};
  }

  void startElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const,
                    const Attributes& attributes) override {
    if (skip_depth_ > 0) {
      if (state_.too_deep(++skip_depth_)) stop("xml.depth", "nesting deeper than the limit", state_.path());
      return;
    }
    auto& frames = state_.frames();
    if (state_.too_deep()) stop("xml.depth", "nesting deeper than the limit", state_.path());
    const std::string_view name = ascii_name(localname, name_buffer_);
    if (frames.empty()) {
      if (name != "message" || xml_to_utf8(uri) != kXesNamespace) {
        stop("xes.root", "expected the root element {" + std::string(kXesNamespace) + "}message, found {" +
                             xml_to_utf8(uri) + "}" + xml_to_utf8(localname),
             "/");
      }
      frames.push_back({state_.root(), {}, "message", -1});
      report_attributes(attributes);
      return;
    }
    auto& top = frames.back();
    if (top.record.type->kind != ValueKind::record) {
      stop("xes.type", "element <" + std::string(name) + "> inside a value that takes text only", state_.path());
    }
    const Member member = top.record.type->member(top.record.value, name, true);
    if (!member) {
      state_.lose("unknown element <" + xml_to_utf8(localname) + "> not carried" + at(), state_.path(name), std::nullopt);
      skip_depth_ = 1;
      return;
    }
    if (!state_.first_time(member, member.type->list, std::nullopt)) throw StopXmlParse{};
    std::int64_t item = -1;
    if (member.type->list && member.index < top.repeats.size()) item = ++top.repeats[member.index];
    frames.push_back({member.type->add(member.member), {}, member.name, item});
    text_.clear();
    report_attributes(attributes);
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (skip_depth_ > 0 || state_.frames().empty()) return;
    const auto& top = state_.frames().back();
    if (top.record.type->kind != ValueKind::record) {
      text_.append(chars, chars + length);
      return;
    }
    for (XMLSize_t i = 0; i < length; ++i) {
      if (chars[i] != u' ' && chars[i] != u'\t' && chars[i] != u'\n' && chars[i] != u'\r') {
        stop("xes.type", "text inside an element that takes elements only", state_.path());
      }
    }
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    if (skip_depth_ > 0) {
      --skip_depth_;
      return;
    }
    auto& frames = state_.frames();
    const Node node = frames.back().record;
    if (node.type->kind != ValueKind::record) {
      xml_to_utf8(reinterpret_cast<const XMLCh*>(text_.data()), text_.size(), utf8_);
      if (utf8_.empty()) {
        state_.warn("xes.empty", "empty element: treated as absent", state_.path(), std::nullopt);
      } else if (!state_.assign_text(node, utf8_, [this] { return state_.path(); }, std::nullopt) && !validating_) {
        throw StopXmlParse{};  // validation reads on: the XSD lists what else is wrong
      }
    }
    frames.pop_back();
  }

  void error(const SAXParseException& e) override { report(e, validating_ ? "xsd.invalid" : "xml.error"); }
  void fatalError(const SAXParseException& e) override {
    report(e, "xml.syntax");
    throw StopXmlParse{};
  }
  void warning(const SAXParseException&) override {}

 private:
  void setDocumentLocator(const Locator* const locator) override { locator_ = locator; }

  // Xerces' transcoders cannot report byte offsets, so XML locations are a path plus line and column (in
  // the message).
  std::string at() const {
    if (locator_ == nullptr) return {};
    return " (line " + std::to_string(locator_->getLineNumber()) + ", column " +
           std::to_string(locator_->getColumnNumber()) + ")";
  }

  [[noreturn]] void stop(std::string code, std::string message, std::string path) {
    state_.fail(std::move(code), std::move(message) + at(), std::move(path), std::nullopt);
    throw StopXmlParse{};
  }

  void report_attributes(const Attributes& attributes) {
    for (XMLSize_t i = 0; i < attributes.getLength(); ++i) {
      const std::string qname = xml_to_utf8(attributes.getQName(i));
      if (qname.rfind("xmlns", 0) == 0 || qname.rfind("xsi:", 0) == 0) continue;
      state_.lose("unknown attribute '" + qname + "' not carried" + at(), state_.path("@" + qname), std::nullopt);
    }
  }

  void report(const SAXParseException& e, const char* code) {
    const std::string where = "line " + std::to_string(e.getLineNumber()) + ", column " +
                              std::to_string(e.getColumnNumber());
    const std::string path = state_.frames().empty() ? "/" : state_.path();
    if (validating_ && std::string_view(code) == "xsd.invalid") {
      // Validation lists every breach and reads on, so the message is still built for the checks the XSD
      // cannot make (the caller sees the errors); past the limit, the rest is not listed and read fails.
      if (++reported_ > kMaxReportedErrors) {
        state_.fail(code, "more than " + std::to_string(kMaxReportedErrors) + " breaches of the schema: the rest are not listed",
                    path, std::nullopt);
        throw StopXmlParse{};
      }
      diagnostics_.error(code, xml_to_utf8(e.getMessage()) + " (" + where + ")", std::string(kFormat), path, std::nullopt);
      return;
    }
    if (++reported_ > kMaxReportedErrors) throw StopXmlParse{};
    state_.fail(code, xml_to_utf8(e.getMessage()) + " (" + where + ")", path, std::nullopt);
  }

  XesReaderState& state_;
  Diagnostics& diagnostics_;
  const Locator* locator_ = nullptr;
  bool validating_;
  std::u16string text_;  // character data of the open scalar element
  std::string utf8_;     // the same, converted (reused: no allocation per value)
  std::string name_buffer_;
  std::size_t skip_depth_ = 0;
  std::size_t reported_ = 0;
};

template <class T>
struct OptionalValue {
  using type = T;
};
template <class T>
struct OptionalValue<std::optional<T>> {
  using type = T;
};

class XmlWriter {
 public:
  explicit XmlWriter(bool pretty) : pretty_(pretty) {}

  template <class F>
  void operator()(std::string_view name, const F& field) {
    if (is_present(field)) element(name, field);
  }
  template <class F>
  void operator()(std::string_view, std::string_view item, const F& field) {
    (*this)(item, field);
  }
  template <class F>
  void always(std::string_view name, std::string_view item, const F& field) {
    (*this)(name, item, field);
  }

  void document(const xes::Message& message) {
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<message xmlns=\"";
    out_ += kXesNamespace;
    out_ += "\">";
    ++depth_;
    describe(*this, message);
    --depth_;
    newline();
    out_ += "</message>\n";
  }

  std::string take() { return std::move(out_); }
  const std::string& error() const { return error_; }
  const std::string& error_path() const { return error_path_; }

 private:
  template <class T>
  void element(std::string_view name, const std::vector<T>& items) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      path_.push(name, i);
      single(name, items[i]);
      path_.pop();
    }
  }
  void element(std::string_view name, const xes::Bytes& bytes) { named(name, bytes); }
  template <class T>
  void element(std::string_view name, const T& value) {
    named(name, value);
  }
  template <class T>
  void named(std::string_view name, const T& value) {
    path_.push(name);
    single(name, value);
    path_.pop();
  }

  // Writes <name>value</name>.
  template <class T>
  void single(std::string_view name, const T& value) {
    newline();
    out_ += '<';
    out_ += name;
    out_ += '>';
    content(value);
    if constexpr (xes_record<T> || xes_record<typename OptionalValue<T>::type>) newline();
    out_ += "</";
    out_ += name;
    out_ += '>';
  }

  template <class T>
  void content(const std::optional<T>& value) {
    content(*value);
  }
  template <xes_record T>
  void content(const T& record) {
    ++depth_;
    describe(*this, record);
    --depth_;
  }
  void content(const std::string& text) { escape(text); }
  void content(const xes::Bytes& bytes) { out_ += base64_encode(bytes); }
  void content(std::int64_t number) { out_ += std::to_string(number); }
  void content(double number) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, number);
    if (!std::isfinite(number)) fail("not a finite number");
    out_.append(buffer, end);
  }

  // Escapes markup characters and CR (which XML parsers would normalise away); rejects what XML 1.0 cannot
  // carry at all (most C0 controls, U+FFFE, U+FFFF) and ill-formed UTF-8.
  void escape(const std::string& text) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
      const int32_t start = i;
      UChar32 c = 0;
      U8_NEXT(bytes, i, length, c);
      if (c < 0) return fail("not valid UTF-8");
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
        return fail("character U+" + hex(c) + " cannot be written in XML 1.0");
      }
      switch (c) {
        case '&': out_ += "&amp;"; break;
        case '<': out_ += "&lt;"; break;
        case '>': out_ += "&gt;"; break;
        case '\r': out_ += "&#13;"; break;
        default: out_.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
      }
    }
  }

  static std::string hex(UChar32 c) {
    char buffer[8];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, c, 16);
    std::string digits(buffer, end);
    for (auto& d : digits) d = static_cast<char>(std::toupper(static_cast<unsigned char>(d)));
    return std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
  }

  void newline() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(2 * depth_, ' ');
  }

  void fail(std::string why) {
    if (!error_.empty()) return;
    error_ = std::move(why);
    error_path_ = path_.str();
  }

  bool pretty_;
  std::size_t depth_ = 0;
  std::string out_;
  WritePath path_{"message"};
  std::string error_;
  std::string error_path_;
};

}  // namespace

std::optional<xes::Message> read_xes_xml(std::string_view bytes, Diagnostics& diagnostics,
                                         const XesReadLimits& limits, std::string_view schema) {
  xes::Message message;
  message.xes.clear();  // must come from the input
  XesReaderState state(message, diagnostics, kFormat, limits.max_depth);
  if (const auto problem = check_xml_document(bytes)) {
    state.fail(problem->code, problem->message, "/", problem->offset);
    return std::nullopt;
  }
  const bool validating = !schema.empty();
  // Parsers are costly to build: each thread keeps its non-validating one. Validating parsers are built per
  // call (validation is not on the hot path and the schema may differ between registries).
  thread_local HardenedXmlReader cached_reader{std::string_view{}};
  std::optional<HardenedXmlReader> validating_reader;
  if (validating) validating_reader.emplace(schema);
  SAX2XMLReader& reader = validating ? validating_reader->get() : cached_reader.get();

  XmlHandler handler(state, diagnostics, validating);
  reader.setContentHandler(&handler);
  reader.setErrorHandler(&handler);
  reader.setLexicalHandler(&handler);
  Utf8XmlSource source(bytes);
  bool stopped = true;
  try {
    reader.parse(source);
    stopped = false;
  } catch (const StopXmlParse&) {
  } catch (const XMLException& e) {
    state.fail("xml.syntax", xml_to_utf8(e.getMessage()), "/", std::nullopt);
  } catch (const SAXException& e) {
    state.fail("xml.syntax", xml_to_utf8(e.getMessage()), "/", std::nullopt);
  }
  reader.setContentHandler(nullptr);
  reader.setErrorHandler(nullptr);
  reader.setLexicalHandler(nullptr);
  // Validation reads on past values of the wrong type (the reader's error, the XSD's too): what was read is
  // returned with the errors, for the checks the XSD cannot make. Only a read that had to stop gives nothing.
  if (state.failed() && (stopped || !validating)) return std::nullopt;
  state.finish(bytes.size());
  if (state.failed() && !validating) return std::nullopt;
  return message;
}

std::optional<std::string> write_xes_xml(const xes::Message& message, Diagnostics& diagnostics, bool pretty) {
  XmlWriter writer(pretty);
  writer.document(message);
  if (!writer.error().empty()) {
    diagnostics.error("xes.write", "cannot write value as XML: " + writer.error(), std::string(kFormat),
                      writer.error_path());
    return std::nullopt;
  }
  return writer.take();
}

}  // namespace xborder::detail
