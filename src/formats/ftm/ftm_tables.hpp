#pragma once
// What xborder knows of the FollowTheMoney schemata, loaded from mappings/ftm/ and mappings/codes/countries.csv.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/mapping_store.hpp"

namespace xborder::detail {

// The XES list an FtM schema maps to.
enum class FtmRole { none, person, organisation, document, notice, location, relation };

struct FtmSchema {
  FtmRole role = FtmRole::none;
  std::string subject;  // the property naming the entity it belongs to (a Passport's holder)
  std::string object;   // a relation's other end
};

class FtmTables {
 public:
  explicit FtmTables(const MappingStore& store);  // throws Error or ProfileError

  const FtmSchema* schema(std::string_view name) const;
  // FtM country codes are ISO 3166-1 alpha-2, lowercase ("af"); XES's alpha-3. Empty when unknown.
  std::string alpha3(std::string_view ftm_code) const;
  std::string alpha2(std::string_view alpha3) const;
  // Identifier property -> XES identifier type and back (empty when unknown).
  std::string identifier_type(std::string_view property) const;
  std::string identifier_property(std::string_view type) const;
  // gender -> ISO/IEC 5218 and back (empty when unknown).
  std::string iso5218(std::string_view gender) const;
  std::string gender(std::string_view iso5218) const;

 private:
  std::map<std::string, FtmSchema, std::less<>> schemata_;
  std::map<std::string, std::string, std::less<>> alpha3_, alpha2_, id_types_, id_properties_, iso5218_, genders_;
};

}  // namespace xborder::detail
