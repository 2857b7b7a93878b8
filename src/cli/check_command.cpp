// xborder check --spec SPEC FILE...: each transaction checked against a conformance specification; one JSON
// report a line (file, spec, tot, conformant, findings, diagnostics). Exit 0 when every file conforms, 1 when
// one does not (or cannot be read), 2 for a usage error.

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>

#include "commands.hpp"
#include "xborder/check.hpp"

namespace xborder::cli {
namespace {

std::string file_member(const std::string& name) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  out.String(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  return std::string("{\"file\":") + buffer.GetString() + ",";
}

}  // namespace

Command add_check_command(CLI::App& app) {
  auto* check = app.add_subcommand(
      "check", "Check ANSI/NIST-ITL transactions against a specification (ebts-9.1, an2k-2011, or a CSV file "
               "that extends one): JSON findings, exit 1 if one does not conform");
  auto spec = std::make_shared<std::string>();
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto list = std::make_shared<bool>(false);
  check->add_option("--spec", *spec, "Specification id (mappings/specs/) or CSV file");
  check->add_flag("--list", *list, "List the built-in specifications");
  check->add_option("inputs", *inputs, "Transaction files or directories; - for standard input");
  return {check, [spec, inputs, list](const Registry&) {
            if (*list) {
              for (const auto& id : Specification::available()) std::cout << id << "\n";
              return kOk;
            }
            if (spec->empty() || inputs->empty()) throw UsageError("check needs --spec SPEC and at least one input");
            const auto specification = Specification::load(*spec);
            bool any_directory = false;
            int status = kOk;
            for (const auto& file : expand_inputs(*inputs, any_directory)) {
              const auto report = specification.check(read_input(file));
              std::cout << file_member(file) << report.to_json().substr(1) << "\n";
              if (!report.conformant()) status = kRejected;
            }
            return status;
          }};
}

}  // namespace xborder::cli
