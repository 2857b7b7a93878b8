// Release policies: strict loading, the transforms, the EAW condition, and the guarantee that nothing leaves
// that the policy does not allow, checked member by member on every golden message under every policy.

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <set>

#include "test_support.hpp"
#include "xborder/release.hpp"
#include "xborder/xes_io.hpp"

namespace {

using xborder::test::ScratchDir;
using xborder::test::source_file;

const xborder::ReleasePolicies& policies() { return xborder::ReleasePolicies::builtin(); }

// Every golden message: the examples, and each message of the national golden arrays.
std::vector<std::pair<std::string, std::string>> golden_messages() {
  std::vector<std::pair<std::string, std::string>> messages;
  for (const char* folder : {"tests/golden", "tests/golden/national"}) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(XBORDER_SOURCE_DIR) / folder)) {
      if (entry.path().extension() == ".json") files.push_back(std::string(folder) + "/" + entry.path().filename().string());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      const std::string text = source_file(file);
      rapidjson::Document document;
      document.Parse(text.c_str());
      if (!document.IsArray()) {
        messages.emplace_back(file, text);
        continue;
      }
      for (rapidjson::SizeType i = 0; i < document.Size(); ++i) {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
        document[i].Accept(writer);
        messages.emplace_back(file + "[" + std::to_string(i) + "]", buffer.GetString());
      }
    }
  }
  return messages;
}

// The policy as its file says, read here independently of the engine: allowed and transformed paths.
struct PolicyPaths {
  std::vector<std::string> allowed;  // allowed whole, with everything under them
  std::set<std::string> transformed;
  std::string file;
};

PolicyPaths policy_paths(const std::string& id) {
  PolicyPaths paths;
  paths.file = source_file("mappings/policies/" + id + ".json");
  rapidjson::Document document;
  document.Parse(paths.file.c_str());
  for (const auto& path : document["allow"].GetArray()) paths.allowed.emplace_back(path.GetString());
  if (document.HasMember("transform")) {
    for (const auto& entry : document["transform"].GetArray()) {
      const std::string path = entry["path"].GetString();
      if (std::string_view(entry["rule"].GetString()) == "country") {
        paths.allowed.push_back(path + ".country");
      } else {
        paths.transformed.insert(path);
      }
    }
  }
  // The release itself writes these: the schema version and what the header says of the release.
  for (const char* set : {"xes", "header.message_id", "header.created", "header.purpose", "header.legal_basis", "header.handling[]", "header.receivers[]"}) {
    paths.allowed.emplace_back(set);
  }
  return paths;
}

bool covered(const PolicyPaths& policy, const std::string& pattern) {
  if (policy.transformed.contains(pattern)) return true;
  for (const auto& allowed : policy.allowed) {
    if (pattern == allowed || (pattern.size() > allowed.size() && pattern.compare(0, allowed.size(), allowed) == 0 &&
                               pattern[allowed.size()] == '.')) {
      return true;
    }
  }
  return false;
}

// Every value in the released JSON, with its pattern path ("persons[].names[].family").
void leaves(const rapidjson::Value& value, const std::string& pattern, std::vector<std::string>& out) {
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      leaves(member.value, pattern.empty() ? member.name.GetString() : pattern + "." + member.name.GetString(), out);
    }
  } else if (value.IsArray()) {
    for (const auto& item : value.GetArray()) leaves(item, pattern + "[]", out);
  } else {
    out.push_back(pattern);
  }
}

TEST(Release, ListsTheShippedPolicies) {
  std::set<std::string> ids;
  for (const auto& policy : policies().list()) ids.insert(policy.id);
  EXPECT_TRUE(ids.contains("identification-only"));
  EXPECT_TRUE(ids.contains("interpol-diffusion"));
  EXPECT_TRUE(ids.contains("eaw-offence-check"));
}

TEST(Release, NothingLeavesThatThePolicyDoesNotAllow) {
  xborder::ReleaseRequest request;
  request.hash_key = "test-only key";
  request.time = "2026-12-05T04:00:00Z";
  std::size_t released = 0;
  for (const auto& info : policies().list()) {
    const PolicyPaths policy = policy_paths(info.id);
    for (const auto& [file, input] : golden_messages()) {
      SCOPED_TRACE(info.id + " on " + file);
      xborder::Diagnostics diagnostics;
      const auto release = policies().release(info.id, input, xborder::XesSyntax::json, request, diagnostics);
      ASSERT_FALSE(diagnostics.has_errors()) << diagnostics.all().front().message;
      EXPECT_EQ(release.record.input_sha256.size(), 64u);
      if (!release.output) {
        EXPECT_FALSE(release.record.released);
        EXPECT_FALSE(release.record.conditions.empty());
        continue;
      }
      ++released;
      rapidjson::Document output;
      output.Parse(release.output->c_str());
      ASSERT_FALSE(output.HasParseError());
      std::vector<std::string> paths;
      leaves(output, "", paths);
      for (const auto& path : paths) EXPECT_TRUE(covered(policy, path)) << path << " left under " << info.id;
      // Every member of the input that did not leave is in the record, or lies under one that is.
      rapidjson::Document original;
      original.Parse(input.c_str());
      std::vector<std::string> before;
      leaves(original, "", before);
      for (const auto& path : before) {
        if (!covered(policy, path)) {
          const bool recorded = std::any_of(release.record.actions.begin(), release.record.actions.end(), [&](const auto& action) {
            std::string pattern;  // the action's concrete path as a pattern
            for (std::size_t i = 0; i < action.path.size(); ++i) {
              if (action.path[i] == '[') {
                pattern += "[]";
                i = action.path.find(']', i);
              } else {
                pattern += action.path[i];
              }
            }
            return path == pattern || path.rfind(pattern + ".", 0) == 0 || path.rfind(pattern + "[]", 0) == 0;
          });
          EXPECT_TRUE(recorded) << path << " withheld without a record";
        }
      }
      // The output is valid XES carrying the policy's handling codes and legal basis.
      xborder::Diagnostics reread;
      const auto message = xborder::read_xes(*release.output, xborder::XesSyntax::json, reread);
      ASSERT_TRUE(message);
      for (const auto& code : info.handling) {
        EXPECT_NE(std::find(message->header.handling.begin(), message->header.handling.end(), code),
                  message->header.handling.end());
      }
      EXPECT_EQ(message->header.legal_basis, info.legal_basis);
    }
  }
  EXPECT_GE(released, 2 * golden_messages().size());  // two of the three policies have no condition
}

TEST(Release, IdentificationOnlyKeepsIdentityAndRecordsTheRest) {
  const std::string input = source_file("tests/golden/arrest-booking.json");
  xborder::Diagnostics diagnostics;
  const auto release = policies().release("identification-only", input, xborder::XesSyntax::json, {}, diagnostics);
  ASSERT_TRUE(release.output);
  xborder::Diagnostics reread;
  const auto message = xborder::read_xes(*release.output, xborder::XesSyntax::json, reread);
  ASSERT_TRUE(message);
  ASSERT_EQ(message->persons.size(), 1u);
  EXPECT_EQ(message->persons[0].names[0].family, "DOE");
  EXPECT_EQ(message->persons[0].birth_date, "1975/1977");
  EXPECT_TRUE(message->persons[0].identifiers.empty());
  EXPECT_FALSE(message->persons[0].description);
  EXPECT_TRUE(message->offences.empty());
  EXPECT_TRUE(message->biometrics.empty());
  EXPECT_FALSE(message->header.source);
  EXPECT_EQ(message->header.receivers.at(0).id, "any");
  EXPECT_NE(std::find(message->header.handling.begin(), message->header.handling.end(), "tlp:amber"), message->header.handling.end());
  const std::string record = release.record.to_json();
  EXPECT_NE(record.find("\"input_sha256\":\"" + release.record.input_sha256 + "\""), std::string::npos);
  EXPECT_NE(record.find("{\"path\":\"offences\",\"action\":\"withheld\",\"rule\":\"allow-list\"}"), std::string::npos);
  EXPECT_NE(record.find("\"path\":\"persons[0].description\""), std::string::npos);
}

TEST(Release, TransformsYearCountryMaskAndHash) {
  xborder::xes::Message message;
  auto& person = message.persons.emplace_back();
  person.id = "p1";
  person.names.push_back({.full = "Ivan Petrov"});
  person.birth_date = "1981-03-21";
  person.birth_place = xborder::xes::Place{"RUS", "Moscow oblast", "Podolsk", "Podolsk"};
  person.identifiers.push_back({"national-id", "1234567890", "RUS", ""});
  message.documents.push_back({.id = "d1", .type = "passport", .number = "751234567", .holder = "p1"});
  auto& offence = message.offences.emplace_back();
  offence.id = "o1";
  offence.national = xborder::xes::NationalOffence{"DEU", "de-pks", "730000", "", ""};  // drug offences
  xborder::ReleaseRequest request;
  request.hash_key = "k";
  const auto record = policies().apply("eaw-offence-check", message, request);
  ASSERT_TRUE(record.released) << (record.conditions.empty() ? "" : record.conditions[0]);
  EXPECT_EQ(message.persons[0].birth_date, "1981");
  ASSERT_TRUE(message.persons[0].birth_place);
  EXPECT_EQ(*message.persons[0].birth_place, (xborder::xes::Place{"RUS", "", "", ""}));
  EXPECT_EQ(message.documents[0].number, "******567");
  EXPECT_EQ(message.persons[0].identifiers[0].value.rfind("hmac-sha256:", 0), 0u);
  EXPECT_EQ(message.persons[0].identifiers[0].value.size(), 12u + 64u);
  EXPECT_NE(record.conditions.at(0).find("on the EAW list"), std::string::npos);
  // Another key, another hash: the recipient cannot join on identifiers across senders' keys.
  xborder::xes::Message again;
  again.persons.push_back(person);
  again.persons[0].identifiers[0].value = "1234567890";
  again.offences.push_back(offence);
  request.hash_key = "other";
  policies().apply("eaw-offence-check", again, request);
  EXPECT_NE(again.persons[0].identifiers[0].value, message.persons[0].identifiers[0].value);
  EXPECT_THROW(policies().apply("eaw-offence-check", again, {}), xborder::Error);  // no key
}

TEST(Release, EawConditionRefusesAnOffenceOffTheList) {
  xborder::xes::Message message;
  message.persons.push_back({.id = "p1"});
  auto& theft = message.offences.emplace_back();
  theft.national = xborder::xes::NationalOffence{"USA", "nibrs", "23F", "", ""};
  const xborder::xes::Message before = message;
  const auto record = policies().apply("eaw-offence-check", message, {.hash_key = "k"});
  EXPECT_FALSE(record.released);
  EXPECT_EQ(message, before);
  ASSERT_EQ(record.conditions.size(), 1u);
  EXPECT_NE(record.conditions[0].find("not on the EAW list"), std::string::npos);
  message.offences.clear();
  EXPECT_FALSE(policies().apply("eaw-offence-check", message, {.hash_key = "k"}).released);
}

TEST(Release, UnknownPolicyIsAnError) {
  xborder::xes::Message message;
  EXPECT_THROW(policies().apply("no-such-policy", message, {}), xborder::Error);
}

void expect_load_error(const std::string& policy, const std::string& expected, std::size_t line) {
  ScratchDir dir;
  dir.write("p.json", policy);
  xborder::ReleasePolicies own;
  try {
    own.add_file(dir.path() / "p.json");
    ADD_FAILURE() << "loaded: " << policy;
  } catch (const xborder::ProfileError& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    EXPECT_EQ(e.line(), line) << e.what();
  }
}

std::string policy_with(const std::string& extra) {
  return "{\n\"id\": \"p\", \"version\": \"1\", \"description\": \"d\", \"recipient\": \"r\", \"purpose\": \"p\",\n"
         "\"legal_basis\": \"l\", \"handling\": [\"tlp:red\"]" + extra + "\n}";
}

TEST(Release, LoadingIsStrict) {
  expect_load_error(policy_with(",\n\"allow\": [\"persons[].names[]\",\n \"persons[].shoe_size\"]"), "no member 'persons[].shoe_size'", 5);
  expect_load_error(policy_with(",\n\"allow\": [\"persons[].names\"]"), "no member", 4);  // a list needs []
  expect_load_error(policy_with(",\n\"handling2\": []"), "unknown member 'handling2'", 4);
  expect_load_error("{\"id\": \"p\", \"version\": \"1\", \"description\": \"d\", \"recipient\": \"r\", \"purpose\": \"p\",\n"
                    "\"legal_basis\": \"l\",\n\"handling\": [\"tlp:red\", \"tlp:purple\"]}", "unknown handling code 'tlp:purple'", 3);
  expect_load_error(policy_with(",\n\"transform\": [{\"path\": \"persons[].birth_date\", \"rule\": \"shuffle\"}]"), "unknown transform rule", 4);
  expect_load_error(policy_with(",\n\"transform\": [{\"path\": \"persons[].sex\", \"rule\": \"year\"}]"), "applies to text", 4);
  expect_load_error(policy_with(",\n\"conditions\": [\"always\"]"), "unknown condition", 4);
  expect_load_error(policy_with(",\n\"retention\": \"6 months\""), "ISO 8601 duration", 4);
}

TEST(Release, MaskKeepingNothingMasksEveryCharacter) {
  // keep 0 (found by fuzz/policy_load): every character a '*', whatever its length in bytes.
  ScratchDir dir;
  dir.write("p.json", policy_with(",\n\"allow\": [\"documents[].number\"],\n"
                                  "\"transform\": [{\"path\": \"documents[].number\", \"rule\": \"mask\", \"keep\": 0}]"));
  xborder::ReleasePolicies own;
  own.add_file(dir.path() / "p.json");
  xborder::xes::Message message;
  message.documents.push_back({.id = "d1", .type = "passport", .number = "\xD0\x9F" "751"});  // "П751"
  own.apply("p", message, {});
  EXPECT_EQ(message.documents.at(0).number, "****");
}

TEST(Release, AnEmptyAllowListReleasesOnlyWhatEveryMessageHas) {
  ScratchDir dir;
  dir.write("p.json", policy_with(""));
  xborder::ReleasePolicies own;
  own.add_file(dir.path() / "p.json");
  xborder::Diagnostics diagnostics;
  const auto release = own.release("p", source_file("tests/golden/red-notice.json"), xborder::XesSyntax::json, {}, diagnostics);
  ASSERT_TRUE(release.output);
  xborder::Diagnostics reread;
  auto message = xborder::read_xes(*release.output, xborder::XesSyntax::json, reread);
  ASSERT_TRUE(message);
  xborder::xes::Message expected;
  expected.xes = "1.0";  // the version the golden message says, kept
  expected.header.message_id = "urn:uuid:6f1c2a9e-8d3b-4c51-9a7e-2b4f0d1e7c33";
  expected.header.created = "2026-11-28T05:23:56Z";
  expected.header.receivers = {{"r", "", ""}};
  expected.header.purpose = "p";
  expected.header.legal_basis = "l";
  expected.header.handling = {"tlp:red"};
  EXPECT_EQ(*message, expected);
}

TEST(Release, MembersXesDoesNotHaveAreWithheldAndRecorded) {
  std::string input = source_file("tests/golden/red-notice.json");
  input.insert(input.find("\"persons\""), "\"smuggled\": {\"secret\": \"x\"},\n  ");
  xborder::Diagnostics diagnostics;
  const auto release = policies().release("interpol-diffusion", input, xborder::XesSyntax::json, {}, diagnostics);
  ASSERT_TRUE(release.output);
  EXPECT_EQ(release.output->find("smuggled"), std::string::npos);
  EXPECT_TRUE(std::any_of(release.record.actions.begin(), release.record.actions.end(), [](const auto& action) {
    return action.rule == "not-in-xes" && action.path.find("smuggled") != std::string::npos;
  })) << release.record.to_json();
}

TEST(Release, XmlInXmlOut) {
  xborder::Diagnostics diagnostics;
  const auto release = policies().release("identification-only", source_file("tests/golden/red-notice.xml"),
                                          xborder::XesSyntax::xml, {}, diagnostics);
  ASSERT_TRUE(release.output);
  EXPECT_EQ(release.output->rfind("<?xml", 0), 0u);
}

}  // namespace
