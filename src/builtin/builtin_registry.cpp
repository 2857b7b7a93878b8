// The composition root: which codecs, formats and profiles a Registry is built with. The only place that
// names every codec; core keeps what it is given, the profile engine finds codecs by name.

#include <memory>
#include <mutex>

#include "builtin/builtin_registry.hpp"
#include "formats/an2k/an2k_format.hpp"
#include "formats/ftm/ftm_format.hpp"
#include "formats/an2k_xml/an2k_xml_format.hpp"
#include "formats/json/json_codec.hpp"
#include "formats/mrz/mrz_codec.hpp"
#include "formats/ncic/ncic_codec.hpp"
#include "formats/tabular/tabular_codec.hpp"
#include "formats/xes/xes_format.hpp"
#include "formats/xes/xes_validator.hpp"
#include "formats/xml/xml_codec.hpp"
#include "profiles/profile_format.hpp"

namespace xborder::detail {

std::vector<const Codec*> builtin_codecs() {
  return {&tabular_codec(), &json_codec(), &xml_codec(), &an2k_codec(), &mrz_codec(),
          &an2k_xml_codec(), &ncic_codec()};
}

void assemble(RegistryState& state, const RegistryOptions& options, const std::vector<const Codec*>& codecs) {
  state.formats.push_back(make_xes_format(XesSyntax::json));
  state.formats.push_back(make_xes_format(XesSyntax::xml));
  state.formats.push_back(make_ftm_format(state.store));

  // A mappings directory may override the classification tables too: profiles look codes up in those.
  std::shared_ptr<const Categories> categories;
  if (!options.mappings_dir.empty()) categories = std::make_shared<const Categories>(options.mappings_dir);
  ProfileFormats loaded = load_profile_formats({state.store, codecs, categories}, options.profile_dirs);
  state.profiles = std::move(loaded.profiles);
  for (auto& format : loaded.formats) state.formats.push_back(std::move(format));

  // Built on first use: most programs never validate.
  struct LazyValidator {
    std::once_flag once;
    std::unique_ptr<XesValidator> validator;
  };
  const MappingStore& store = state.store;
  state.validate = [&store, lazy = std::make_shared<LazyValidator>()](std::string_view bytes, const std::string& id) {
    std::call_once(lazy->once, [&] { lazy->validator = std::make_unique<XesValidator>(store); });
    return lazy->validator->validate(bytes, id == "xes-xml" ? XesSyntax::xml : XesSyntax::json);
  };
}

void assemble_builtin(RegistryState& state, const RegistryOptions& options) {
  assemble(state, options, builtin_codecs());
}

}  // namespace xborder::detail
