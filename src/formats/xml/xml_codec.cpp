#include "formats/xml/xml_codec.hpp"

#include <algorithm>

#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/util/XMLException.hpp>

#include <cstring>
#include <unordered_map>
#include <optional>
#include <string_view>

#include "formats/record_stream.hpp"
#include "formats/xml/hardened_xml.hpp"

namespace xborder::detail {
namespace {

using namespace xercesc;

constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;  // the whole UN list is a few megabytes

// The offset of the last '<' at or before `at` that `then` follows (empty: any), or npos. With glibc, memrchr
// rather than string_view::rfind, which compares byte after byte: this runs twice for every element.
std::size_t last_tag_open(std::string_view text, std::size_t at, std::string_view then = {}) {
#if defined(__GLIBC__)
  std::size_t size = at >= text.size() ? text.size() : at + 1;
  while (const void* found = size == 0 ? nullptr : memrchr(text.data(), '<', size)) {
    const std::size_t open = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
    if (text.substr(open + 1).starts_with(then)) return open;
    size = open;
  }
  return std::string_view::npos;
#else
  return then.empty() ? text.rfind('<', at) : text.rfind(std::string("<").append(then), at);
#endif
}

bool is_blank(std::u16string_view text) {
  return text.find_first_not_of(u" \t\r\n") == std::u16string_view::npos;
}

class RecordReader : public DefaultHandler {
 public:
  RecordReader(const XmlLayout& layout, const Limits& limits, std::string_view text,
               std::shared_ptr<const std::string> owner, const std::string& format, RecordOutput output)
      : layout_(layout),
        limits_(limits),
        document_problem_(check_xml_document(text)),
        text_(document_problem_ ? text.substr(0, document_problem_->readable) : text),
        offsets_(text_),
        records_(format, "xml.outside-records", output, std::move(owner)) {}

  void run() {
    // Readers are costly to build: each thread keeps one. A record handler that reads another document while
    // this one is read (on the same thread) gets a reader of its own.
    thread_local HardenedXmlReader kept;
    thread_local bool kept_in_use = false;
    std::optional<HardenedXmlReader> own;
    if (kept_in_use) own.emplace();
    const bool using_kept = !own;
    if (using_kept) kept_in_use = true;
    struct Release {
      bool active;
      ~Release() {
        if (active) kept_in_use = false;
      }
    } release{using_kept};
    SAX2XMLReader& parser = own ? own->get() : kept.get();
    parser.setContentHandler(this);
    parser.setErrorHandler(this);
    parser.setLexicalHandler(this);
    Utf8XmlSource source(text_);
    try {
      if (!document_problem_ || !text_.empty()) parser.parse(source);
      if (!records_.stopped()) finish();
    } catch (const StopXmlParse&) {
    } catch (const XMLException& e) {
      fail("xml.syntax", xml_to_utf8(e.getMessage()), std::nullopt);
    } catch (const SAXException& e) {
      fail("xml.syntax", xml_to_utf8(e.getMessage()), std::nullopt);
    }
    parser.setContentHandler(nullptr);
    parser.setErrorHandler(nullptr);
    parser.setLexicalHandler(nullptr);
  }

  void setDocumentLocator(const Locator* const locator) override { locator_ = locator; }

  void startDTD(const XMLCh*, const XMLCh*, const XMLCh*) override {
    stop("xml.doctype", "DOCTYPE declarations are not accepted (no DTDs, no entities)");
  }

  void startElement(const XMLCh* const, const XMLCh* const localname, const XMLCh* const,
                    const Attributes& attributes) override {
    if (depth_ >= limits_.depth) stop("xml.depth", "nesting deeper than " + std::to_string(limits_.depth) + " levels");
    const std::size_t content_start = here();
    const std::size_t tag_start = last_tag_open(text_, content_start == 0 ? 0 : content_start - 1);
    // Frames are kept when elements close: the next element at their depth reuses their storage.
    if (depth_ == frames_.size()) frames_.emplace_back();
    Frame& frame = frames_[depth_];
    xml_to_utf8(localname, XMLString::stringLen(localname), frame.name);
    std::size_t occurrence = 1;
    if (depth_ > 0) {
      Frame& parent = frames_[depth_ - 1];
      parent.has_children = true;
      occurrence = parent.children.next(frame.name);
      path_.resize(parent.path_size);
      path_ += '/';
    } else {
      path_.clear();
    }
    ++depth_;
    path_ += frame.name;
    if (occurrence > 1) path_.append("[").append(std::to_string(occurrence)).append("]");
    frame.path_size = path_.size();
    frame.content_start = content_start;
    frame.tag_start = tag_start == std::string_view::npos ? 0 : tag_start;
    frame.children.clear();
    frame.text.clear();
    frame.has_children = false;
    frame.record = false;
    if (!records_.in_record() && is_record()) {
      frame.record = true;
      record_name_ = frame.name;  // fields are named from the record's element, without its place among its siblings
      record_path_size_ = path_.size();
      records_.begin(path_, frame.tag_start);
      found_any_ = true;
    }
    for (XMLSize_t i = 0; i < attributes.getLength(); ++i) {
      const std::string qname = xml_to_utf8(attributes.getQName(i));
      if (qname == "xmlns" || qname.starts_with("xmlns:")) continue;  // syntax, not data
      const XMLCh* local = attributes.getLocalName(i);
      const std::string attribute = local != nullptr && *local != 0 ? xml_to_utf8(local) : qname;
      const std::string value = xml_to_utf8(attributes.getValue(i));
      add(path_ + "/@" + attribute, value, value, frame.tag_start, false);
    }
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    if (depth_ > 0) frames_[depth_ - 1].text.append(chars, chars + length);
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    const std::size_t end = here();
    const Frame& frame = frames_[depth_ - 1];
    path_.resize(frame.path_size);
    // An element without children is a field even when empty; mixed content keeps its text too.
    if (!frame.has_children || !is_blank(frame.text)) {
      std::string_view raw;
      if (end > frame.content_start) {
        const std::size_t end_tag = last_tag_open(text_, end - 1, "/");
        if (end_tag != std::string_view::npos && end_tag >= frame.content_start) {
          raw = text_.substr(frame.content_start, end_tag - frame.content_start);
        }
      }
      xml_to_utf8(frame.text.data(), frame.text.size(), utf8_);
      if (records_.in_record() || !utf8_.empty()) add(path_, utf8_, raw, frame.content_start, true);
    }
    --depth_;
    if (frame.record && !records_.end(text_.substr(frame.tag_start, end - frame.tag_start))) throw StopXmlParse{};
  }

  void fatalError(const SAXParseException& e) override { syntax(e); }
  void error(const SAXParseException& e) override { syntax(e); }
  void warning(const SAXParseException&) override {}

 private:
  // How many child elements of each name an element has had so far. Most elements have a few names, looked
  // up in a list; an element with many gets them hashed as well, so that no input makes the count quadratic.
  class SiblingCounts {
   public:
    // The occurrence (1, 2, ...) of the child element `name` just opened.
    std::size_t next(const std::string& name) {
      for (std::size_t i = 0; i < used_; ++i) {
        if (few_[i].first == name) return ++few_[i].second;
      }
      if (used_ < kFew) {
        if (used_ == few_.size()) few_.emplace_back();
        few_[used_].first.assign(name);
        few_[used_].second = 1;
        ++used_;
        return 1;
      }
      return ++many_[name];
    }
    void clear() {
      used_ = 0;
      // Given back whole: clear() would keep (and zero at every later clear) the buckets of a crowd of names.
      if (!many_.empty()) std::unordered_map<std::string, std::size_t>().swap(many_);
    }

   private:
    static constexpr std::size_t kFew = 32;
    std::vector<std::pair<std::string, std::size_t>> few_;  // the first used_ are this element's; the rest storage
    std::size_t used_ = 0;
    std::unordered_map<std::string, std::size_t> many_;
  };

  struct Frame {
    std::string name;
    std::size_t path_size = 0;                 // path_ up to and including this element
    SiblingCounts children;                    // child elements seen, by name: which occurrence comes next
    std::u16string text;                       // character data directly inside
    bool has_children = false;
    bool record = false;
    std::size_t tag_start = 0;      // byte offset of the start tag's '<'
    std::size_t content_start = 0;  // byte offset after the start tag
  };

  // Whether the element just opened is a record: its names from the root match the layout's.
  bool is_record() const {
    if (layout_.records.empty()) return depth_ == 1;
    if (depth_ != layout_.records.size()) return false;
    for (std::size_t i = 0; i < depth_; ++i) {
      if (layout_.records[i] != "*" && layout_.records[i] != frames_[i].name) return false;
    }
    return true;
  }

  std::size_t here() const {
    return locator_ == nullptr ? 0 : offsets_.at(locator_->getLineNumber(), locator_->getColumnNumber());
  }

  // A field: `raw` is a part of the document (viewed), or a value of its own (copied).
  void add(const std::string& path, std::string_view text, std::string_view raw, std::size_t offset, bool raw_in_document) {
    if (!records_.in_record()) {
      records_.outside(path, offset);
      return;
    }
    if (records_.field_count() >= limits_.fields) {
      stop("xml.fields", "a record has more than " + std::to_string(limits_.fields) + " values");
    }
    // Each field keeps its path: a long path is refused before it is copied into field after field.
    if (record_name_.size() + path.size() - std::min(record_path_size_, path.size()) > limits_.path_bytes) {
      stop("xml.path", "a value's path is longer than " + std::to_string(limits_.path_bytes) + " bytes");
    }
    if (raw.size() > limits_.value_bytes) {
      stop("xml.value", "a value is longer than " + std::to_string(limits_.value_bytes) + " bytes");
    }
    Field& field = records_.add_field();
    field.path.assign(record_name_).append(path, record_path_size_);
    field.text.assign(text);
    if (raw_in_document) {
      field.raw = records_.view(raw);
    } else {
      field.raw.assign(raw);
    }
    field.offset = offset;
  }

  std::string where() const {
    return locator_ == nullptr ? std::string()
                               : " (line " + std::to_string(locator_->getLineNumber()) + ", column " +
                                     std::to_string(locator_->getColumnNumber()) + ")";
  }

  void fail(const std::string& code, const std::string& message, std::optional<std::uint64_t> offset) {
    records_.fail(code, message, path_.empty() ? "/" : path_, offset, path_.empty() ? "input" : path_);
  }

  [[noreturn]] void stop(const std::string& code, const std::string& message) {
    fail(code, message + where(), here());
    throw StopXmlParse{};
  }

  [[noreturn]] void syntax(const SAXParseException& e) {
    const std::size_t offset = offsets_.at(e.getLineNumber(), e.getColumnNumber());
    // Met the end of the bytes before a bad one: Xerces places that at the end, or where the markup it cut
    // began (an end tag, a comment).
    if (document_problem_ && offset >= std::min(text_.size(), text_.find_last_of("<&"))) {
      fail_on_document();
      throw StopXmlParse{};
    }
    fail("xml.syntax", xml_to_utf8(e.getMessage()) + " (line " + std::to_string(e.getLineNumber()) + ", column " +
                           std::to_string(e.getColumnNumber()) + ")",
         offset);
    throw StopXmlParse{};
  }

  void fail_on_document() {
    fail(document_problem_->code, document_problem_->message, document_problem_->offset);
  }

  // No record at all means the layout does not fit the document: an error, not an empty result.
  void finish() {
    if (document_problem_) {
      fail_on_document();
      return;
    }
    if (!layout_.records.empty() && !found_any_) {
      std::string where;
      for (const auto& name : layout_.records) where += (where.empty() ? "" : "/") + name;
      fail("xml.no-records", "no element at '" + where + "' (the profile's source.records)", 0);
      return;
    }
    records_.finish();
  }

  const XmlLayout& layout_;
  const Limits& limits_;
  std::optional<XmlDocumentProblem> document_problem_;
  std::string_view text_;  // the bytes parsed: the document's, or those before its problem (check_xml_document)
  mutable ByteOffsets offsets_;  // a cache of the walk: finding an offset changes no result
  RecordStream records_;
  const Locator* locator_ = nullptr;
  std::vector<Frame> frames_;  // the first depth_ are the open elements, the document element first
  std::size_t depth_ = 0;
  std::string path_;             // from the document element
  std::string record_name_;          // the record element's name, which begins its fields' paths
  std::size_t record_path_size_ = 0; // path_ up to the record element (its fields follow)
  std::string utf8_;
  bool found_any_ = false;
};

}  // namespace

std::optional<XmlLayout> XmlLayout::parse(const rapidjson::Value& source, std::string& why) {
  auto records = record_path(source, '/', "CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL", why);
  if (!records) return std::nullopt;
  return XmlLayout{std::move(*records)};
}

XmlCodec::XmlCodec(XmlLayout layout, std::string format_id) : layout_(std::move(layout)), format_id_(std::move(format_id)) {}

void XmlCodec::read(std::istream& input, const Limits& limits, const FieldTreeSink& sink) const {
  std::shared_ptr<const std::string> owner;
  const auto text = read_document(input, std::min(kMaxInputBytes, limits.input_bytes), owner, format_id_, "xml.size", sink);
  if (!text) return;
  read_records(text->size(), sink, [&](RecordOutput output) {
    RecordReader(layout_, limits, *text, owner, format_id_, output).run();
  });
}

const Codec& xml_codec() {
  static const Codec codec{
      .name = "xml",
      .description = "XML documents others publish (read only): a record's fields are its elements' text and attributes",
      .shape = RecordShape::documents,
      .source_schema = kDocumentSourceSchema,
      .field_paths = "an element path from the record element ('INDIVIDUAL/FIRST_NAME', 'INDIVIDUAL/INDIVIDUAL_ALIAS[2]/ALIAS_NAME', 'INDIVIDUAL/@id')",
      .configure = configure_document_codec<XmlCodec, XmlLayout>,
  };
  return codec;
}

}  // namespace xborder::detail
