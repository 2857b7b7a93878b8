// Writing the ANSI/NIST-ITL XML encoding from a FieldTree (formats/an2k_xml/an2k_xml_reader.hpp).

#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <set>

#include "core/base64.hpp"
#include "formats/an2k/an2k_codec.hpp"
#include "formats/an2k_xml/an2k_xml_reader.hpp"

namespace xborder::detail {
namespace {

constexpr const char* kFormat = "an2k-xml";
constexpr const char* kXborderNamespace = "urn:xborder:an2k-xml";

struct Node {
  std::string name;
  std::string text;
  std::string attributes;  // already escaped, with their leading space
  std::vector<std::unique_ptr<Node>> children;

  Node& child(std::string_view element, bool fresh) {
    if (!fresh) {
      for (auto it = children.rbegin(); it != children.rend(); ++it)
        if ((*it)->name == element) return **it;
    }
    auto& made = children.emplace_back(std::make_unique<Node>());
    made->name = element;
    return *made;
  }
};

// Escapes markup and CR; false for what XML 1.0 cannot carry (C0 controls but tab and line feed, ill-formed
// UTF-8, U+FFFE, U+FFFF).
bool escape(std::string_view text, std::string& out) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) return false;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\r': out += "&#13;"; break;
      default: out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return true;
}

void serialise(const Node& node, std::string& out) {
  out.append("<").append(node.name).append(node.attributes);
  if (node.children.empty() && node.text.empty()) {
    out += "/>";
    return;
  }
  out += ">";
  out += node.text;
  for (const auto& child : node.children) serialise(*child, out);
  out.append("</").append(node.name).append(">");
}

// The XML form of a traditional value at an element: dates with hyphens, the value table read backwards.
std::string xml_value(std::string_view element, const An2kXmlTarget& target, std::string text) {
  for (const auto& [xml, traditional] : target.values)
    if (traditional == text) return xml;
  const bool digits = std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (element == "nc:Date" && text.size() == 8 && digits) {
    return text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2);
  }
  if (element == "nc:DateTime" && text.size() == 15 && text.back() == 'Z') {
    return text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2) + "T" + text.substr(8, 2) + ":" +
           text.substr(10, 2) + ":" + text.substr(12, 2) + "Z";
  }
  return text;
}

// A value made of parts: split at the join text (NAM "Doe, John"), or in equal halves without one (VER "0500").
std::vector<std::string> split_parts(const std::string& value, const std::string& join, std::size_t parts) {
  std::vector<std::string> out;
  if (parts <= 1) return {value};
  if (!join.empty()) {
    const auto at = value.find(join);
    if (at == std::string::npos) return {value};
    return {value.substr(0, at), value.substr(at + join.size())};
  }
  const std::size_t half = value.size() / 2;
  return {value.substr(0, half), value.substr(half)};
}

std::string_view last_element(std::string_view path) { return path.substr(path.rfind('/') + 1); }


}  // namespace

std::optional<std::string> write_an2k_xml(const FieldTree& tree, const An2kXmlPaths& paths, Diagnostics& diagnostics) {
  Node root;
  root.name = "itl:NISTBiometricInformationExchangePackage";
  for (const auto& [uri, prefix] : paths.namespaces()) {
    root.attributes.append(" xmlns:").append(prefix).append("=\"").append(uri).append("\"");
  }
  root.attributes.append(" xmlns:xb=\"").append(kXborderNamespace).append("\"");
  std::map<std::pair<unsigned, unsigned>, Node*> records;  // (type, ordinal) -> record element
  std::map<std::string, Node*> xml_records;                // "itl:PackageX[2]" -> record element
  std::map<std::tuple<Node*, unsigned, unsigned>, Node*> containers;  // (record, field, subfield) -> element
  const std::size_t errors_before = diagnostics.error_count();
  std::set<std::string> written;  // paths placed in elements: a repeated one is carried
  // Fields with a subfield carried in xb:Field: their later subfields follow it there, or one would read back
  // in the place of the first.
  std::set<std::pair<const Node*, unsigned>> carried_fields;

  const auto record_node = [&](unsigned type, unsigned ordinal) -> Node& {
    auto& node = records[{type, ordinal}];
    if (node == nullptr) {
      std::string element = paths.record_element(type);
      if (element.empty()) element = "xb:Record";
      node = &root.child(element, true);
      std::string key = element;
      if (ordinal > 1) key.append("[").append(std::to_string(ordinal)).append("]");
      xml_records.emplace(key, node);
      // Every record says its type first.
      if (const auto* category = paths.placement(type, 1, 0, false)) {
        Node& code = node->child(last_element(category->path), false);
        code.text = std::to_string(type);
        if (type < 10) code.text.insert(0, 1, '0');  // "01", as the category codes are written
      } else {
        node->attributes = " xb:type=\"" + std::to_string(type) + "\"";
      }
    }
    return *node;
  };
  const auto carry = [&](Node& record, const Field& field) {
    Node& carried = record.child("xb:Field", true);
    carried.attributes = " path=\"";
    escape(field.path, carried.attributes);
    carried.attributes += "\"";
    if (field.binary) {
      carried.attributes += " encoding=\"base64\"";
      carried.text = base64_encode({field.raw.begin(), field.raw.end()});
    } else if (an2k_xml_element_text(field.text) != field.text) {  // the reader would take it for layout
      carried.attributes += " encoding=\"base64-text\"";
      carried.text = base64_encode({field.text.begin(), field.text.end()});
    } else if (!escape(field.text, carried.text)) {
      diagnostics.error("an2k-xml.character", "a character XML 1.0 cannot carry", kFormat, field.path, field.offset);
    }
  };

  for (const auto& field : tree.fields) {
    if (field.path.rfind("xml:", 0) == 0) {
      // An element read from XML that no table names: back at its own path.
      const std::string_view path = std::string_view(field.path).substr(4);
      const auto parts = an2k_xml_segments(path);
      if (parts.empty()) continue;
      Node*& record = xml_records[std::string(parts.front())];
      if (record == nullptr) record = &root.child(std::string(parts.front().substr(0, parts.front().find('['))), true);
      Node* at = record;
      for (std::size_t i = 1; i < parts.size(); ++i) at = &at->child(parts[i], i + 1 == parts.size());
      if (!escape(field.text, at->text))
        diagnostics.error("an2k-xml.character", "a character XML 1.0 cannot carry", kFormat, field.path, field.offset);
      continue;
    }
    const auto path = An2kPath::parse(field.path);
    if (!path) {
      diagnostics.loss("an2k-xml.path", "not an ANSI/NIST-ITL field path", kFormat, field.path, field.offset);
      continue;
    }
    // LEN is the traditional encoding's own; whatever else a malformed LEN field held, and a LEN that comes
    // again in its record, is carried.
    if (path->field == 1 && path->occurrence == 1 && path->subfield == 1 && path->item == 1) continue;
    Node& record = record_node(path->type, path->ordinal);
    if (path->field == 1) {
      carry(record, field);
      continue;
    }
    const auto* placement = paths.placement(path->type, path->field, path->item, path->subfield > 1);
    // What an element cannot hold as it is travels in xb:Field: a field no table places, a value (or a part of
    // one) that would read back as another (around indentation, a date that is not one, a value table's XML
    // side), a value short of the parts its elements split it into, a repeated field.
    const auto values = field.binary ? std::vector<std::string>{base64_encode({field.raw.begin(), field.raw.end()})}
                         : placement ? split_parts(field.text, placement->target->join, placement->parts.size())
                                     : std::vector<std::string>{};
    std::vector<std::string> xml_values;
    bool reads_back = placement != nullptr && (field.binary || values.size() == placement->parts.size());
    for (std::size_t p = 0; reads_back && p < values.size() && p < placement->parts.size(); ++p) {
      const auto element = last_element(placement->part_paths[p]);
      if (field.binary) {
        xml_values.push_back(values[p]);
        continue;
      }
      xml_values.push_back(xml_value(element, *placement->parts[p], values[p]));
      reads_back = an2k_xml_traditional_value(element, *placement->parts[p],
                                              an2k_xml_element_text(xml_values.back())) == values[p];
    }
    if (!reads_back || placement->path.empty() ||
        path->occurrence > 1 || carried_fields.contains({&record, path->field}) || !written.insert(field.path).second) {
      carry(record, field);
      carried_fields.insert({&record, path->field});
      continue;
    }
    // The container of this subfield: made fresh for every further subfield, shared by its items.
    Node*& container = containers[{&record, path->field, path->subfield}];
    const auto container_parts = an2k_xml_segments(placement->container);
    if (container == nullptr) {
      Node* at = &record;
      for (std::size_t i = 1; i < container_parts.size(); ++i) {
        at = &at->child(container_parts[i], i + 1 == container_parts.size() && path->subfield > 1);
      }
      container = at;
    }
    for (std::size_t p = 0; p < xml_values.size(); ++p) {
      const auto leaf_parts = an2k_xml_segments(placement->part_paths[p]);
      Node* at = container;
      for (std::size_t i = container_parts.size(); i < leaf_parts.size(); ++i) at = &at->child(leaf_parts[i], false);
      at->text.clear();
      if (!escape(xml_values[p], at->text))
        diagnostics.error("an2k-xml.character", "a character XML 1.0 cannot carry", kFormat, field.path, field.offset);
    }
  }
  if (diagnostics.error_count() > errors_before) return std::nullopt;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  serialise(root, out);
  out += "\n";
  return out;
}

}  // namespace xborder::detail
