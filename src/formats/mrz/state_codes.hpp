#pragma once
// The codes an MRZ may hold for the issuing state and the nationality: ISO 3166-1 alpha-3 and ICAO 9303's
// own (D, XXA, UTO, ...), from codes/countries.csv. A registry reads them from its mappings, which a
// mappings directory may override; mrz::read uses the embedded table.

#include <bitset>
#include <string_view>

#include "core/mapping_store.hpp"
#include "xborder/mrz.hpp"

namespace xborder::detail {

class MrzStateCodes {
 public:
  explicit MrzStateCodes(const MappingStore& store);
  static const MrzStateCodes& builtin();
  bool known(std::string_view code) const { return codes_.test(index(code)); }

 private:
  // Codes of one to three letters as numbers in base 27, a bit each; 0 for anything else (never known).
  static std::size_t index(std::string_view code);
  std::bitset<27 * 27 * 27> codes_;
};

// mrz::read, checking state codes against `states`.
void read_mrz(std::string_view text, const mrz::ReadOptions& options, mrz::Report& into, const MrzStateCodes& states);

}  // namespace xborder::detail
