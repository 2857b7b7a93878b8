#pragma once
// The ANSI/NIST-ITL XML encoding (ANSI/NIST-ITL 1-2011 XML, `itl`/`biom` namespaces with NIEM 2.x `nc`, and the
// FBI EBTS 10/11 form with `ebts` user-defined Type-2 elements), read into the FieldTree the traditional codec
// gives: the same paths ("1.004", "2.014", "1.003[2].2"), so the same checks and profiles apply. Element paths
// are data: mappings/an2k-xml/fields.csv (XMLPath per FieldID of the 2011 field definitions) and
// mappings/an2k-xml/ebts.csv (EBTS elements). Elements neither names stay in the tree under "xml:" and their
// element path. Hardened Xerces, as every XML input: no DTD, no entities, bounded depth and sizes.

#include <map>
#include <tuple>
#include <optional>
#include <vector>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/mapping_store.hpp"
#include "xborder/convert.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/field_tree.hpp"

namespace xborder::detail {

// Where the value of one element goes in the traditional encoding.
struct An2kXmlTarget {
  unsigned type = 0, number = 0, item = 0;  // item 0: the field's only value
  unsigned part = 0;                        // the value is made of parts (1.002 VER: major, minor), joined
  std::string join;
  std::map<std::string, std::string, std::less<>> values;  // XML value -> traditional value ("true" -> "Y")
};

class An2kXmlPaths {
 public:
  // mappings/an2k-xml/ebts.csv and fields.csv; throws ProfileError for a malformed table.
  explicit An2kXmlPaths(const MappingStore& store);
  static const An2kXmlPaths& builtin();

  // The target of an element path written with the tables' prefixes ("itl:PackageInformationRecord/..."), or
  // nullptr.
  const An2kXmlTarget* find(std::string_view path) const;
  // The tables' prefix for a namespace URI; empty if the tables use none.
  std::string_view prefix(std::string_view uri) const;
  // The record type of a record element ("itl:PackageDescriptiveTextRecord" -> 2); 0 if unknown.
  unsigned record_type(std::string_view element) const;

  // For writing: the element path of a field's item and part (the first the tables give), the container that
  // repeats with each subfield, and the record element of a type. Empty when the tables have none.
  struct Placement {
    std::string path;       // of the value
    std::string container;  // the element each subfield repeats (a prefix of `path`)
    const An2kXmlTarget* target = nullptr;
    std::vector<const An2kXmlTarget*> parts;  // all parts of the value, by part number, with their paths
    std::vector<std::string> part_paths;
  };
  const Placement* placement(unsigned type, unsigned number, unsigned item, bool later_subfield) const;
  std::string record_element(unsigned type) const;
  // Every prefix and namespace URI the tables declare.
  const std::map<std::string, std::string, std::less<>>& namespaces() const { return prefixes_; }

 private:
  void build_placements(const std::vector<std::pair<const An2kXmlTarget*, std::string>>& order);
  std::map<std::tuple<unsigned, unsigned, unsigned, bool>, Placement> placements_;
  std::map<unsigned, std::string> record_elements_;
  std::unordered_map<std::string, An2kXmlTarget> paths_;
  std::map<std::string, std::string, std::less<>> prefixes_;  // URI -> prefix
  std::map<std::string, unsigned, std::less<>> records_;
};

// An element path's elements ("itl:A/biom:B" -> "itl:A", "biom:B").
std::vector<std::string_view> an2k_xml_segments(std::string_view path);

// The text of an element as the reader takes it: indentation around a value (whitespace that holds a line
// break) is layout, and a value of whitespace only is nothing; blanks that belong to a value (" A") stay.
std::string an2k_xml_element_text(std::string_view text);

// The traditional value the text of an element reads as: the target's value table ("true" -> "Y"), else a
// date or time without its separators (2015-07-14 -> 20150714, 2015-07-14T10:20:30Z -> 20150714102030Z). The
// writer checks every value it places against it, so that what it writes reads back as it was.
std::string an2k_xml_traditional_value(std::string_view element, const An2kXmlTarget& target, std::string text);

// Whether the first bytes of an input look like an ANSI/NIST-ITL XML transaction (the 2011 package namespace).
bool looks_like_an2k_xml(std::string_view head);

// Reads one XML transaction. False, with errors located by byte offset, if the document cannot be read.
bool read_an2k_xml(std::string_view xml, const An2kXmlPaths& paths, const Limits& limits, FieldTree& tree,
                   Diagnostics& diagnostics);

}  // namespace xborder::detail

namespace xborder::detail {

// Writes a transaction's FieldTree (the traditional codec's paths, or what read_an2k_xml gave) in the XML
// encoding: each value at the first element path the tables give it (dates and versions in their XML form,
// images base64), "xml:" fields at their own path, and traditional fields no table places in
// <xb:Field path="2.020"> elements of xborder's namespace, which read_an2k_xml reads back: nothing is lost.
// Record lengths (n.001) are the traditional encoding's own and are left out. Nothing, with errors naming the
// path, when a value cannot be written in XML 1.0.
std::optional<std::string> write_an2k_xml(const FieldTree& tree, const An2kXmlPaths& paths, Diagnostics& diagnostics);

}  // namespace xborder::detail
