#include "profiles/name_scripts.hpp"

#include "xborder/diagnostics.hpp"
#include "xborder/names.hpp"

namespace xborder::detail {
namespace {

void fill(std::vector<xes::Name>& names) {
  for (xes::Name& name : names) {
    if (!name.script.empty()) continue;
    std::string joined;
    if (name.full.empty()) {
      joined = name.family;
      for (const std::string& given : name.given) joined.append(1, ' ').append(given);
    }
    const std::string_view text = name.full.empty() ? std::string_view(joined) : std::string_view(name.full);
    if (text.empty()) continue;
    try {
      name.script = names::script(text).code;
    } catch (const Error&) {
      // not UTF-8: the codec has reported it; no script is better than a wrong one
    }
  }
}

}  // namespace

void fill_name_scripts(xes::Message& message) {
  for (xes::Person& person : message.persons) fill(person.names);
  for (xes::Organisation& organisation : message.organisations) fill(organisation.names);
}

}  // namespace xborder::detail
