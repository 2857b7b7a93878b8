// xborder._core, sharing under rules: release policies, signatures and hit keys (include/xborder/release.hpp,
// signature.hpp, hitkey.hpp). XES crosses as text (JSON or XML); the GIL is released while the work runs.

#include "sharing_module.hpp"

#include <pybind11/stl.h>

#include <optional>

#include "xborder/hitkey.hpp"
#include "xborder/release.hpp"
#include "xborder/signature.hpp"
#include "xborder/xes_io.hpp"

namespace py = pybind11;

namespace xborder::python {
namespace {

std::string first_error(const Diagnostics& diagnostics, const char* otherwise) {
  for (const auto& item : diagnostics.all()) {
    if (item.severity == Severity::error) return item.path.empty() ? item.message : item.path + ": " + item.message;
  }
  return otherwise;
}

}  // namespace

void register_sharing(py::module_& m) {
  m.def(
      "policies",
      [](const std::optional<std::string>& mappings_dir) {
        std::optional<ReleasePolicies> own;
        if (mappings_dir) own.emplace(*mappings_dir);
        py::list out;
        for (const auto& policy : (own ? *own : ReleasePolicies::builtin()).list()) {
          py::dict item;
          item["id"] = policy.id;
          item["version"] = policy.version;
          item["description"] = policy.description;
          item["recipient"] = policy.recipient;
          item["purpose"] = policy.purpose;
          item["legal_basis"] = policy.legal_basis;
          item["handling"] = policy.handling;
          item["file"] = policy.file;
          out.append(item);
        }
        return out;
      },
      py::arg("mappings_dir") = py::none());
  m.def(
      "release",
      [](const std::string& policy, const std::string& message, const std::string& recipient,
         const std::string& purpose, const std::string& hash_key, const std::string& time) {
        ReleaseRequest request;
        request.recipient = recipient;
        request.purpose = purpose;
        request.hash_key = hash_key;
        request.time = time;
        Diagnostics diagnostics;
        Release release;
        {
          py::gil_scoped_release unlocked;
          release = ReleasePolicies::builtin().release(policy, message, xes_syntax_of(message), request, diagnostics);
        }
        return py::make_tuple(release.output ? py::object(py::str(*release.output)) : py::object(py::none()),
                              release.record.to_json(), first_error(diagnostics, ""));
      },
      py::arg("policy"), py::arg("message"), py::arg("recipient") = "", py::arg("purpose") = "",
      py::arg("hash_key") = "", py::arg("time") = "");
  m.def(
      "sign",
      [](const std::string& key_pem, const std::string& message) {
        const SigningKey key = SigningKey::from_pem(key_pem);
        Diagnostics diagnostics;
        std::optional<std::string> signed_message;
        {
          py::gil_scoped_release unlocked;
          signed_message = sign_xes(message, xes_syntax_of(message), key, diagnostics);
        }
        if (!signed_message) throw Error(first_error(diagnostics, "not a readable XES message"));
        return *signed_message;
      },
      py::arg("key_pem"), py::arg("message"));
  m.def(
      "verify",
      [](const std::string& key_pem, const std::string& message) {
        const VerifyingKey key = VerifyingKey::from_pem(key_pem);
        Diagnostics diagnostics;
        py::gil_scoped_release unlocked;
        const Verification verification = verify_xes(message, xes_syntax_of(message), key, diagnostics);
        return std::make_pair(verification.valid, verification.reason);
      },
      py::arg("key_pem"), py::arg("message"));
  m.def(
      "hit_keys",
      [](const std::string& secret, const std::string& message) {
        const HitKeys hit_keys(secret);
        Diagnostics diagnostics;
        std::vector<std::tuple<std::string, std::string, std::vector<std::string>>> out;
        {
          py::gil_scoped_release unlocked;
          const auto read = read_xes(message, xes_syntax_of(message), diagnostics);
          if (read) {
            for (auto& person : hit_keys.of(*read)) {
              out.emplace_back(std::move(person.person), std::move(person.message), std::move(person.keys));
            }
          }
        }
        if (diagnostics.has_errors()) throw Error(first_error(diagnostics, "not a readable XES message"));
        return out;
      },
      py::arg("secret"), py::arg("message"));
}

}  // namespace xborder::python
