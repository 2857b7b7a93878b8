// Fuzz target: the release-policy loader on arbitrary policy text (policies are data users supply at run
// time). A policy loads, or is refused with a ProfileError naming the line; anything else is a finding. A
// policy that loads is applied to a golden-like message, so the compiled rules are exercised too.

#include <cstdint>
#include <string>

#include "xborder/release.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  xborder::ReleasePolicies policies;  // fresh: the policies loaded do not pile up across inputs
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    policies.add("fuzz.json", text);
  } catch (const xborder::ProfileError&) {
    return 0;
  }
  xborder::xes::Message message;
  auto& person = message.persons.emplace_back();
  person.id = "p1";
  person.names.push_back({.full = "Иванов Иван", .family = "Иванов", .given = {"Иван"}});
  person.birth_date = "1970-05-17";
  person.birth_place = xborder::xes::Place{"RUS", "", "Moscow", "Moscow"};
  person.identifiers.push_back({"passport", "751234567", "RUS", ""});
  message.documents.push_back({.id = "d1", .type = "passport", .number = "751234567", .holder = "p1"});
  message.relations.push_back({"r1", "holder-of", "p1", "d1"});
  auto& offence = message.offences.emplace_back();
  offence.id = "o1";
  offence.national = xborder::xes::NationalOffence{"DEU", "de-pks", "730000", "", ""};
  xborder::ReleaseRequest request;
  request.hash_key = "fuzz";
  request.time = "2026-12-05T04:00:00Z";
  for (const auto& info : policies.list()) {
    if (info.file != "fuzz.json") continue;
    xborder::xes::Message copy = message;
    const auto record = policies.apply(info.id, copy, request);
    (void)record.to_json();
  }
  return 0;
}
