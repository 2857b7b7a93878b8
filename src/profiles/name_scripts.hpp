#pragma once
// XES 1.1 says every name has its script: a name whose source did not say gets the ISO 15924 code of its
// letters (xborder::names::script), once for every profile, after the rules have run.

#include "xborder/xes.hpp"

namespace xborder::detail {

void fill_name_scripts(xes::Message& message);

}  // namespace xborder::detail
