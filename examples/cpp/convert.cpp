// Converts one record file to XES JSON and prints its diagnostics: the smallest complete use of the SDK.
//   xborder_convert_example INPUT [TARGET_FORMAT]

#include <xborder/convert.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " INPUT [TARGET_FORMAT]\n";
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();

  try {
    // Build the converter once; it is immutable and may be shared by many threads.
    const xborder::Converter converter =
        xborder::Registry::builtin().converter(/*from: sniffed*/ "", argc > 2 ? argv[2] : "xes-json");
    const xborder::Result result = converter.convert(bytes.str());
    for (const auto& item : result.diagnostics.all()) {
      std::cerr << item.code << " at " << item.path << ": " << item.message << "\n";
    }
    if (!result.ok()) return 1;
    std::cout << result.output;
    std::cerr << result.messages.at(0).persons.size() << " person(s)\n";
    return 0;
  } catch (const xborder::Error& e) {  // caller mistakes (an unknown format id) throw; bad input never does
    std::cerr << e.what() << "\n";
    return 2;
  }
}
