// Fuzz target: a zone read as valid, written again from its fields, reads back valid with the same fields.

#include <cstdint>
#include <string_view>

#include "xborder/mrz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace xborder::mrz;
  const ReadOptions options{.lenient = false, .reference_date = "2026-11-28"};
  const Report first = read(std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (!first.valid() || first.layout == Layout::fra_id_1988) return 0;
  const Fields& f = first.fields;
  // Names are written from their MRZ form: split at the separators the reader turned into spaces.
  Document document{.layout = first.layout, .document_code = f.document_code, .issuing_state = f.issuing_state,
                    .document_number = f.document_number, .nationality = f.nationality, .birth_date = f.birth_date,
                    .sex = f.sex, .expiry_date = f.expiry_date, .optional_data = f.optional_data,
                    .optional_data_2 = f.optional_data_2, .primary_identifier = f.surname,
                    .secondary_identifier = f.given_names};
  const Written written = write(document);
  std::string text;
  for (const auto& line : written.lines) text += line + "\n";
  const Report second = read(text, options);
  if (!second.valid()) __builtin_trap();
  const Fields& g = second.fields;
  if (g.document_number != f.document_number || g.birth_date != f.birth_date || g.expiry_date != f.expiry_date ||
      g.nationality != f.nationality || g.issuing_state != f.issuing_state) {
    __builtin_trap();
  }
  return 0;
}
