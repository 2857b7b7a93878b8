// The parent's program: converts an XES JSON message given on the command line to XES XML.
#include <iostream>

#include "xborder/convert.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const xborder::Result result = xborder::Registry::builtin().converter("xes-json", "xes-xml").convert(argv[1]);
  std::cout << result.output;
  return result.ok() ? 0 : 1;
}
