// Fuzz target: arbitrary input (any format xborder sniffs) screened against a small list, and listed itself
// (a list file is input too) and screened against itself. Whatever the input, no crash and no exception:
// matches within the threshold and [0, 1], best first, at most `top`.

#include <cstdint>
#include <string_view>
#include <vector>

#include "xborder/convert.hpp"
#include "xborder/screen.hpp"

namespace {

const xborder::screening::Index& index() {
  static const auto built = [] {
    xborder::screening::Index out;
    const char* names[] = {"SALMAN BIN MUHAMMAD AL-RAWI", "Yulia Tymoshenko", "KIM SOK CHOL", "Юлия Тимошенко",
                           "ABDULHAI SALEK", "习近平"};
    int n = 0;
    for (const char* name : names) {
      xborder::xes::Person person;
      person.id = "L" + std::to_string(++n);
      person.names.push_back({.full = name, .kind = "primary"});
      person.birth_date = "1960";
      out.add(person, "fuzz");
    }
    return out;
  }();
  return built;
}

void check(const std::vector<xborder::screening::Match>& matches, const xborder::screening::Options& screen) {
  if (matches.size() > screen.top) __builtin_trap();
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (matches[i].score < screen.threshold || matches[i].score > 1.0) __builtin_trap();
    if (i > 0 && matches[i].score > matches[i - 1].score) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  xborder::ConvertOptions options;
  options.limits.input_bytes = 1 << 20;
  const auto result = xborder::Registry::builtin().converter("", "", options).convert(input);
  const xborder::screening::Options screen{.threshold = 0.3, .top = 3};
  for (const auto& message : result.messages) {
    for (const auto& person : message.persons) {
      check(index().screen(person, message.documents, screen), screen);
    }
  }
  xborder::screening::Index listed;
  listed.add(result.messages, "input");
  if (listed.size() == 0) return 0;
  for (const auto& matches : listed.screen(result.messages.front(), screen)) check(matches, screen);
  return 0;
}
