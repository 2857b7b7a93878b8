// Fuzz target: a transaction read without complaint, or with no more than the quirks of real files (which
// are kept), must come back byte for byte from its FieldTree and through XES, survive bytes -> FieldTree ->
// bytes -> FieldTree with the same fields, and an2k -> XES -> an2k -> XES with the same content.

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <vector>

#include "formats/an2k/an2k_codec.hpp"
#include "xborder/convert.hpp"

namespace {

using Leaves = std::vector<std::tuple<std::string, std::string, std::string>>;

// Each leaf's path, text and (binary) bytes; LEN is computed by the writer and left out.
Leaves leaves(const xborder::FieldTree& tree) {
  Leaves out;
  for (const auto& field : tree.fields) {
    if (field.path.ends_with(".001")) continue;
    out.emplace_back(field.path, field.text, field.binary ? std::string(field.raw) : std::string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool read_cleanly(std::string_view bytes, xborder::FieldTree& tree) {
  xborder::detail::An2kTransaction transaction;
  xborder::Diagnostics diagnostics;
  const auto consumed = xborder::detail::parse_an2k(bytes, 0, false, transaction, diagnostics);
  if (!consumed || *consumed != bytes.size() ||
      !xborder::detail::an2k_to_field_tree(transaction, "t", nullptr, tree, diagnostics)) {
    return false;
  }
  static constexpr std::string_view kQuirks[] = {"an2k.version", "an2k.tag", "an2k.type",
                                                 "an2k.order", "an2k.repeat", "an2k.padding"};
  return diagnostics.errors().empty() && diagnostics.losses().empty() &&
         std::all_of(diagnostics.all().begin(), diagnostics.all().end(), [](const xborder::Diagnostic& d) {
           return std::find(std::begin(kQuirks), std::end(kQuirks), d.code) != std::end(kQuirks);
         });
}

xborder::xes::Message content(xborder::xes::Message message) {
  message.header = {};  // digests, lengths and offsets change when tags are written in standard form
  message.provenance.clear();
  for (auto& extension : message.extensions) extension.offset.reset();
  return message;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  xborder::FieldTree first;
  if (!read_cleanly(bytes, first)) return 0;
  xborder::Diagnostics diagnostics;
  const auto written = xborder::detail::write_an2k(first, diagnostics);
  if (!written) return 0;  // e.g. a value its declared charset cannot write back: reported, fine
  if (*written != bytes) __builtin_trap();  // as read, quirks and all
  xborder::FieldTree second;
  if (!read_cleanly(*written, second) || leaves(first) != leaves(second)) __builtin_trap();

  const auto& registry = xborder::Registry::builtin();
  static const auto read = registry.converter("an2k:ebts", "xes-json", {.created = "2026-01-01T00:00:00Z"});
  static const auto write = registry.converter("xes-json", "an2k:ebts");
  const xborder::Result xes = read.convert(bytes);
  if (!xes.ok() || xes.messages.size() != 1) return 0;  // a value the profile refuses (a bad date): reported
  const xborder::Result back = write.convert(xes.output);
  if (!back.ok()) __builtin_trap();
  if (back.output != bytes) __builtin_trap();  // byte for byte through XES too
  const xborder::Result again = read.convert(back.output);
  if (!again.ok() || again.messages.size() != 1 || !(content(again.messages[0]) == content(xes.messages[0]))) {
    __builtin_trap();
  }
  return 0;
}
