// Issue 18: documents are recognised without --from. Every file of examples/data and every sample of the
// shared reference data is sniffed; the ones a profile reads must be taken for its format, and no file that
// is not XES may be taken for XES (an Interpol notice once was: "missing member 'xes'").

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "test_support.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace {

std::string head_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head;
}

// What a file is sniffed as ("" for none), checking that only XES is taken for XES.
void check_tree(const std::filesystem::path& root, const std::map<std::string, std::string>& expected,
                const std::set<std::string>& xes_files) {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    const std::string relative = std::filesystem::relative(entry.path(), root).generic_string();
    std::string sniffed;
    try {
      sniffed = Registry::builtin().sniff(head_of(entry.path()));
    } catch (const Error& e) {
      ADD_FAILURE() << relative << ": sniffing threw " << e.what();
      continue;
    }
    ++checked;
    if (const auto found = expected.find(relative); found != expected.end()) {
      EXPECT_EQ(sniffed, found->second) << relative;
    }
    if (!xes_files.count(relative)) {
      EXPECT_TRUE(sniffed != "xes-json" && sniffed != "xes-xml") << relative << " taken for XES";
    }
  }
  EXPECT_GE(checked, expected.size());
}

TEST(SniffSamples, EveryExample) {
  check_tree(std::filesystem::path(XBORDER_SOURCE_DIR) / "examples/data",
             {{"an2k/ebts-arrest.an2", "an2k:ebts"},
              {"tabular/de-register.csv", "tabular:example-de-csv"},
              {"tabular/ru-register.txt", "tabular:example-ru-fixed"},
              {"mrz/passport-td3.txt", "mrz"},
              {"mrz/id-card-td1.txt", "mrz"},
              {"arrest-booking.json", "xes-json"},
              {"red-notice.json", "xes-json"},
              {"documents/un-sanctions-list.xml", "xml:un-sanctions"},
              {"documents/eu-sanctions-list.xml", "xml:eu-sanctions"},
              {"documents/yellow-notice.json", "json:interpol-yellow-notice"},
              {"documents/un-notice.json", "json:interpol-un-notice"}},
             {"arrest-booking.json", "red-notice.json"});
}

REFERENCE_TEST(SniffSamples, EveryReferenceSample) {
  check_tree(std::filesystem::path(XBORDER_REFERENCE_DIR),
             {{"sanctions/un_consolidated_dev_subset.xml", "xml:un-sanctions"},
              {"sanctions/eu_fsf_one_entity_2024-12-11.xml", "xml:eu-sanctions"},
              {"interpol/red_list_page1_2021-12-11.json", "json:interpol-red"},
              {"niem/Warrant__sample-1074396079055969810.xml", "xml:niem-ojbc-warrant"}},
             {});
}

// A single notice as the API's detail endpoint returns it, and the same notice pretty-printed with the
// members in another order: a single notice, not XES, not a list page.
TEST(SniffSamples, ASingleInterpolNotice) {
  const std::string notice = R"({"forename": "ANNA", "date_of_birth": "1958/11/05", "entity_id": "1993/27493",
    "nationalities": ["DE"], "name": "MUSTERFRAU", "_links": {"self": {"href": "x"}}})";
  EXPECT_EQ(Registry::builtin().sniff(notice), "json:interpol-red-notice");
  EXPECT_EQ(Registry::builtin().sniff("\n\n  " + notice), "json:interpol-red-notice");
  // XES is XES only by its own marker.
  EXPECT_EQ(Registry::builtin().sniff(R"({"header": {}, "xes" : "1.1"})"), "xes-json");
  EXPECT_NE(Registry::builtin().sniff(R"({"header": {}, "persons": []})"), "xes-json");
}

}  // namespace
}  // namespace xborder
