// Legal categories: the examples that must come out right, coverage floors, and tables that must be refused.

#include <gtest/gtest.h>

#include <algorithm>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "xborder/categories.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder {
namespace {

const Categories& categories() { return Categories::builtin(); }

bool reaches(const std::vector<CategoryCandidate>& candidates, std::string_view code) {
  return std::any_of(candidates.begin(), candidates.end(), [&](const auto& c) { return c.code == code; });
}

TEST(Categories, Nibrs09AIsIntentionalHomicideExactly) {
  const auto candidates = categories().translate("nibrs", "09A", "iccs");
  ASSERT_FALSE(candidates.empty());
  EXPECT_EQ(candidates[0].code, "0101");
  EXPECT_EQ(candidates[0].title, "Intentional homicide");
  EXPECT_EQ(candidates[0].relation, Relation::exact);
}

TEST(Categories, IntentionalHomicideIsOnTheEawList) {
  const auto items = categories().on_eaw_list("iccs", "0101");
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].title, "murder, grievous bodily injury");
  EXPECT_NE(categories().explain(items[0]).find("iccs:0101 'Intentional homicide'"), std::string::npos);
}

TEST(Categories, DrugTraffickingOfEverySystemReachesTheEawItem) {
  const std::pair<const char*, const char*> trafficking[] = {
      {"iccs", "06012"}, {"nibrs", "35A"}, {"ncic", "3503"}, {"de-pks", "732000"}, {"cl-cnp", "7007"},
      {"ph-psccs", "06012"}};
  for (const auto& [system, code] : trafficking) {
    ASSERT_TRUE(categories().has(system, code)) << system << ":" << code;
    const auto items = categories().on_eaw_list(system, code);
    EXPECT_TRUE(reaches(items, "5")) << system << ":" << code;
    if (!items.empty()) {
      EXPECT_EQ(categories().title("eaw", "5"), "illicit trafficking in narcotic drugs and psychotropic substances");
    }
  }
}

TEST(Categories, TheftFromAMotorVehicleGoesThroughIccsTheft) {
  const auto iccs = categories().translate("nibrs", "23F", "iccs");
  ASSERT_FALSE(iccs.empty());
  EXPECT_EQ(iccs[0].code, "0502");
  EXPECT_EQ(iccs[0].relation, Relation::broad);
  EXPECT_TRUE(categories().on_eaw_list("nibrs", "23F").empty());  // theft is not on the list: double criminality
}

TEST(Categories, RelationsComposeAlongThePath) {
  // NCIC 3503 -broad-> NIBRS 35A -close-> ICCS 0601 -related-> EAW 5: related overall.
  const auto items = categories().on_eaw_list("ncic", "3503");
  ASSERT_TRUE(reaches(items, "5"));
  EXPECT_EQ(items[0].relation, Relation::related);
  EXPECT_EQ(items[0].path.size(), 4u);
  // A code without a correspondence of its own takes its broader code's, weakened to broadMatch.
  const auto secuestro = categories().on_eaw_list("cl-cnp", "202");
  ASSERT_TRUE(reaches(secuestro, "16"));
  EXPECT_EQ(secuestro[0].relation, Relation::broad);
  EXPECT_EQ(secuestro[0].path[2].via, "hierarchy");
}

TEST(Categories, MisprintedCodesAreAcceptedAsAliases) {
  EXPECT_TRUE(categories().has("ph-psccs", "2044"));
  EXPECT_EQ(categories().title("ph-psccs", "2044"), categories().title("ph-psccs", "02044"));
  EXPECT_EQ(categories().translate("ph-psccs", "2044", "iccs").at(0).code, "02044");
}

TEST(Categories, HierarchyQueries) {
  EXPECT_EQ(categories().ancestors("iccs", "05021"), (std::vector<std::string>{"0502", "05"}));
  const auto below = categories().descendants("iccs", "0502");
  EXPECT_EQ(below.front(), "05021");
  EXPECT_EQ(below.size(), 16u);  // 7 codes of level 3 and their 9 of level 4
  EXPECT_THROW(categories().translate("iccs", "9999", "eaw"), Error);
  EXPECT_THROW(categories().translate("iccs", "0101", "klingon"), Error);
}

// The coverage report: how much of each national or US system reaches ICCS, ECRIS and the EAW list.
// ECRIS transmits parameters beside the category code: level of completion, level of participation,
// exemption from criminal responsibility.
TEST(Categories, EcrisParametersAreQualifiersOfTheSystem) {
  EXPECT_EQ(categories().qualifier_meaning("ecris", "completion", "A"), "Attempt or preparation");
  EXPECT_EQ(categories().qualifier_meaning("ecris", "completion", "C"), "Completed act");
  EXPECT_EQ(categories().qualifier_meaning("ecris", "participation", "H"),
            "Aider and abettor or instigator/organiser, conspirator");
  EXPECT_EQ(categories().qualifier_meaning("ecris", "exemption", "S"), "Insanity or diminished responsibility");
  EXPECT_EQ(categories().qualifier_meaning("ecris", "participation", "S"), "");  // S belongs to another qualifier
  EXPECT_EQ(categories().qualifier_meaning("iccs", "completion", "A"), "");      // ICCS has none
  const auto all = categories().qualifiers("ecris");
  ASSERT_EQ(all.size(), 7u);
  EXPECT_EQ(all.front().qualifier, "completion");
  EXPECT_EQ(all.back().qualifier, "exemption");
  EXPECT_TRUE(categories().qualifiers("nibrs").empty());
}

TEST(Categories, CoverageReportMeetsItsFloors) {
  struct Floor {
    const char* system;
    double iccs;
  };
  const Floor floors[] = {{"nibrs", 0.95}, {"ncic", 0.95}, {"cl-cnp", 0.95}, {"de-pks", 0.90}, {"ph-psccs", 0.95}};
  std::printf("\n%-9s %6s %10s %10s %10s\n", "system", "codes", "-> iccs", "-> ecris", "-> eaw");
  for (const auto& floor : floors) {
    std::size_t codes = 0, to_iccs = 0, to_ecris = 0, to_eaw = 0;
    std::vector<std::string> missing;
    for (const auto& info : categories().systems()) {
      if (info.id != floor.system) continue;
      codes = info.codes;
    }
    // Every code of the system, as its file lists them.
    std::vector<std::string> all;
    std::ifstream file(std::string(XBORDER_SOURCE_DIR) + "/mappings/categories/systems/" + floor.system + ".csv");
    std::string line;
    bool header = true;
    while (std::getline(file, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (header) {
        header = false;
        continue;
      }
      all.push_back(line.substr(0, line.find(',')));
    }
    ASSERT_EQ(all.size(), codes) << floor.system;
    for (const auto& code : all) {
      const bool iccs = !categories().translate(floor.system, code, "iccs").empty();
      to_iccs += iccs;
      to_ecris += !categories().translate(floor.system, code, "ecris").empty();
      to_eaw += !categories().on_eaw_list(floor.system, code).empty();
      if (!iccs) missing.push_back(code);
    }
    const auto share = [&](std::size_t n) { return 100.0 * static_cast<double>(n) / static_cast<double>(codes); };
    std::printf("%-9s %6zu %9.1f%% %9.1f%% %9.1f%%\n", floor.system, codes, share(to_iccs), share(to_ecris), share(to_eaw));
    if (!missing.empty() && missing.size() <= 12) {
      std::printf("          without ICCS:");
      for (const auto& code : missing) std::printf(" %s", code.c_str());
      std::printf("\n");
    }
    EXPECT_GE(static_cast<double>(to_iccs) / static_cast<double>(codes), floor.iccs) << floor.system;
  }
}

class TablesFromADirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("xborder-categories-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "categories" / "systems");
    std::filesystem::create_directories(dir_ / "categories" / "crosswalks");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& path, const std::string& text) { std::ofstream(dir_ / path) << text; }
  std::string refusal() {
    try {
      Categories loaded(dir_);
      return "";
    } catch (const ProfileError& e) {
      return e.what();
    }
  }
  std::filesystem::path dir_;
};

TEST_F(TablesFromADirectory, UnknownCodeInACrosswalk) {
  write("categories/crosswalks/nibrs-to-iccs.csv", "# crosswalk: nibrs -> iccs\nfrom,to,relation,note,source\n09A,0199,exactMatch,,x\n");
  const std::string why = refusal();
  EXPECT_NE(why.find("nibrs-to-iccs.csv:3: 0199 is not a code of iccs"), std::string::npos) << why;
}

// Fuzzer finding: a header comment with nothing after its colon threw std::out_of_range from the loader.
TEST_F(TablesFromADirectory, HeaderCommentWithoutValue) {
  write("categories/crosswalks/x.csv", "# crosswalk:\nfrom,to,relation\n");
  EXPECT_NE(refusal().find("'# crosswalk: FROM -> TO' expected"), std::string::npos);
}

TEST_F(TablesFromADirectory, CycleInAHierarchy) {
  write("categories/systems/eaw.csv", "# system: eaw\ncode,parent,level,title\n1,2,1,a\n2,1,1,b\n");
  EXPECT_NE(refusal().find("form a cycle"), std::string::npos);
}

TEST_F(TablesFromADirectory, InconsistentInverse) {
  write("categories/crosswalks/eaw-to-iccs.csv", "# crosswalk: eaw -> iccs\nfrom,to,relation,note,source\n14,0101,broadMatch,,x\n");
  const std::string why = refusal();  // iccs-to-eaw says 0101 broadMatch 14, so 14 -> 0101 must be narrowMatch
  EXPECT_NE(why.find("is broadMatch here but narrowMatch"), std::string::npos) << why;
}

TEST_F(TablesFromADirectory, UnknownRelationMissingParentDuplicateCodeAndUnknownSystem) {
  write("categories/crosswalks/x.csv", "# crosswalk: nibrs -> iccs\nfrom,to,relation\n09A,0101,sameAs\n");
  EXPECT_NE(refusal().find("relation 'sameAs'"), std::string::npos);
  std::filesystem::remove(dir_ / "categories/crosswalks/x.csv");
  write("categories/systems/eaw.csv", "# system: eaw\ncode,parent,level,title\n1,99,1,a\n");
  EXPECT_NE(refusal().find("parent 99 is not a code of eaw"), std::string::npos);
  write("categories/systems/eaw.csv", "# system: eaw\ncode,parent,level,title\n1,,1,a\n1,,1,b\n");
  EXPECT_NE(refusal().find("code 1 occurs twice"), std::string::npos);
  std::filesystem::remove(dir_ / "categories/systems/eaw.csv");
  write("categories/crosswalks/y.csv", "# crosswalk: nibrs -> atlantis\nfrom,to,relation\n");
  EXPECT_NE(refusal().find("unknown classification system 'atlantis'"), std::string::npos);
}

TEST_F(TablesFromADirectory, BrokenQualifierFiles) {
  std::filesystem::create_directories(dir_ / "categories" / "qualifiers");
  write("categories/qualifiers/atlantis.csv", "# system: atlantis\nqualifier,value,meaning\ncompletion,C,done\n");
  EXPECT_NE(refusal().find("atlantis.csv:1: unknown classification system 'atlantis'"), std::string::npos) << refusal();
  std::filesystem::remove(dir_ / "categories/qualifiers/atlantis.csv");
  write("categories/qualifiers/ecris.csv", "# system: ecris\nqualifier,value,meaning\ncompletion,C,done\ncompletion,C,again\n");
  EXPECT_NE(refusal().find("ecris.csv:4: completion C occurs twice"), std::string::npos) << refusal();
  write("categories/qualifiers/ecris.csv", "# system: ecris\nqualifier,value\ncompletion,C\n");
  EXPECT_NE(refusal().find("columns qualifier, value and meaning are required"), std::string::npos) << refusal();
  write("categories/qualifiers/ecris.csv", "# system: ecris\nqualifier,value,meaning\ncompletion,,done\n");
  EXPECT_NE(refusal().find("ecris.csv:3: a qualifier, its value and their meaning are all required"), std::string::npos);
  write("categories/qualifiers/ecris.csv", "# system: iccs\nqualifier,value,meaning\ncompletion,C,done\n");
  EXPECT_NE(refusal().find("'# system: ecris' expected"), std::string::npos) << refusal();
  // A directory's file replaces the built-in one whole.
  write("categories/qualifiers/ecris.csv", "# system: ecris\nqualifier,value,meaning\ncompletion,C,done\n");
  const Categories replaced(dir_);
  EXPECT_EQ(replaced.qualifiers("ecris").size(), 1u);
  EXPECT_EQ(replaced.qualifier_meaning("ecris", "completion", "C"), "done");
}

// The adopted ECRIS table (Directive (EU) 2019/884 annex) replaces the partial one as data: a mappings
// directory with a fuller systems/ecris.csv and its crosswalk, no code. The rows beyond 01-04 here are a test
// fixture, not the annex.
TEST_F(TablesFromADirectory, AFullerEcrisTableDropsIn) {
  std::ifstream shipped(std::string(XBORDER_SOURCE_DIR) + "/mappings/categories/systems/ecris.csv");
  std::string table{std::istreambuf_iterator<char>(shipped), std::istreambuf_iterator<char>()};
  table.replace(table.find("# version: "), table.find('\n', table.find("# version: ")) - table.find("# version: "),
                "# version: test fixture standing for the adopted annex");
  table += "0700 00,,1,(test fixture) category 07,en,2022-06-28,\n0701 00,0700 00,2,(test fixture) 07 01,en,2022-06-28,\n";
  write("categories/systems/ecris.csv", table);
  write("categories/crosswalks/iccs-to-ecris.csv",
        "# crosswalk: iccs -> ecris\n# source: test\nfrom,to,relation,note,source\n0601,0701 00,closeMatch,,test\n");
  EXPECT_EQ(refusal(), "");
  const Categories fuller(dir_);
  const auto systems = fuller.systems();
  const auto ecris = std::find_if(systems.begin(), systems.end(), [](const SystemInfo& s) { return s.id == "ecris"; });
  ASSERT_NE(ecris, systems.end());
  EXPECT_EQ(ecris->version, "test fixture standing for the adopted annex");
  const auto found = fuller.translate("iccs", "0601", "ecris");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().code, "0701 00");
  // And on from a national code, through ICCS.
  EXPECT_FALSE(fuller.translate("de-pks", "730000", "ecris").empty());
}

// A vendor's own table set, checked without the built-in tables around it.
TEST_F(TablesFromADirectory, ADirectoryAloneLoadsOnlyItsTables) {
  write("categories/systems/xx.csv", "# system: xx\ncode,parent,level,title\n1,,1,theft\n");
  write("categories/systems/yy.csv", "# system: yy\ncode,parent,level,title\nT,,1,stealing\n");
  write("categories/crosswalks/xx-to-yy.csv", "# crosswalk: xx -> yy\nfrom,to,relation\n1,T,exactMatch\n");
  const Categories alone(dir_, Categories::Tables::directory_only);
  const auto systems = alone.systems();
  ASSERT_EQ(systems.size(), 2u);
  EXPECT_EQ(systems[0].id, "xx");
  EXPECT_FALSE(alone.has("iccs", "0101"));
  ASSERT_EQ(alone.translate("xx", "1", "yy").size(), 1u);
  EXPECT_EQ(alone.translate("xx", "1", "yy")[0].relation, Relation::exact);
  // Beside the built-in tables the same files add two systems.
  EXPECT_EQ(Categories(dir_).systems().size(), categories().systems().size() + 2);
  // A crosswalk to a built-in system does not load alone.
  write("categories/crosswalks/xx-to-iccs.csv", "# crosswalk: xx -> iccs\nfrom,to,relation\n1,0502,broadMatch\n");
  EXPECT_THROW(Categories(dir_, Categories::Tables::directory_only), ProfileError);
}

}  // namespace
}  // namespace xborder
