// NIEM justice documents as the Open Justice Broker Consortium publishes them: every shared sample is
// sniffed by its own profile and converts with its person's names, dates and identifiers typed.

#include <gtest/gtest.h>

#include <string>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

xes::Message convert_sample(const std::string& file, const std::string& format) {
  const Registry& registry = Registry::builtin();
  const std::string document = test::reference_file("niem/" + file);
  EXPECT_EQ(registry.sniff(document), format) << file;
  const Result result = registry.converter("", "", {.created = "2026-01-01T00:00:00Z"}).convert(document);
  EXPECT_TRUE(result.ok()) << result.diagnostics.to_json();
  EXPECT_TRUE(result.diagnostics.warnings().empty()) << result.diagnostics.to_json();
  if (result.messages.size() != 1) {
    ADD_FAILURE() << file << ": " << result.messages.size() << " messages";
    return {};
  }
  Diagnostics writing;
  const auto json = write_xes(result.messages[0], XesSyntax::json, writing);
  EXPECT_TRUE(json && !registry.validate(*json, "xes-json").has_errors()) << file;
  return result.messages[0];
}

REFERENCE_TEST(Niem, CriminalHistoryRapSheet) {
  const xes::Message message = convert_sample("CriminalHistory__sample-1317952838494200780.xml", "xml:niem-ojbc-criminal-history");
  const xes::Person& person = message.persons.at(0);
  EXPECT_EQ(person.names.at(0).family, "Trombley");
  EXPECT_EQ(person.names[0].given, (std::vector<std::string>{"James", "D"}));
  EXPECT_EQ(person.birth_date, "1980-01-22");
  ASSERT_EQ(person.birth_dates.size(), 4u);  // the subject's, and the request's primary and two alias dates
  EXPECT_EQ(person.birth_dates[2].date, "1980-01-15");
  EXPECT_EQ(person.sex->code, 1);
  EXPECT_EQ(person.description->race, "I");
  EXPECT_EQ(person.identifiers.at(1).type, "fbi-number");  // appended in document order
  EXPECT_EQ(person.identifiers[1].value, "830420WX6");
  EXPECT_EQ(person.addresses, (std::vector<std::string>{"l1"}));
  ASSERT_EQ(message.offences.size(), 2u);
  EXPECT_EQ(message.offences[1].date, "2010-09-01");
  EXPECT_EQ(message.offences[1].subject, "p1");
}

REFERENCE_TEST(Niem, StateRapSheetTextDocument) {
  const xes::Message message =
      convert_sample("StateRapsheet__Criminal_History_Text_Document_State.xml", "xml:niem-ojbc-criminal-history-text");
  EXPECT_TRUE(message.persons.empty());
  EXPECT_EQ(message.objects.at(0).type, "criminal-history-text");
  ASSERT_FALSE(message.extensions.empty());
  EXPECT_EQ(message.extensions.back().value, "VGhpcyBpcyBhIGNyaW1pbmFsIGhpc3Rvcnk=");
}

REFERENCE_TEST(Niem, BookingReport) {
  const xes::Message message = convert_sample("bookingReport__BookingReport-Adams.xml", "xml:niem-ojbc-booking");
  const xes::Person& person = message.persons.at(0);
  EXPECT_EQ(person.names.at(0).family, "Strong");
  ASSERT_EQ(person.names.size(), 4u);  // three alias identities
  EXPECT_EQ(person.names[3].family, "White");
  EXPECT_EQ(person.birth_date, "1968-12-17");
  ASSERT_EQ(person.birth_dates.size(), 4u);
  EXPECT_EQ(person.birth_dates[1].date, "1960-10-07");
  EXPECT_EQ(person.sex->code, 2);
  EXPECT_EQ(person.occupations, (std::vector<std::string>{"Truck Driver"}));
  EXPECT_EQ(message.locations.at(0).postal_code, "05408");
  EXPECT_EQ(message.offences.size(), 2u);
}

REFERENCE_TEST(Niem, IncidentReportWithArrest) {
  const xes::Message message = convert_sample("incidentReport__IncidentReportWithArrest.xml", "xml:niem-ojbc-incident");
  ASSERT_EQ(message.persons.size(), 2u);
  const xes::Person& person = message.persons[0];
  EXPECT_EQ(person.names.at(0).family, "Last");
  EXPECT_EQ(person.birth_date, "1980-01-27");
  EXPECT_EQ(person.description->eye_colour, "brown");  // NCIC BRO
  EXPECT_EQ(person.description->race, "W");
  // No SSN in this document: the FBI number is the first identifier, with no empty one before it.
  ASSERT_EQ(person.identifiers.size(), 2u);
  EXPECT_EQ(person.identifiers[0].type, "fbi-number");
  EXPECT_EQ(person.identifiers[0].value, "9876541");
  EXPECT_EQ(message.persons[1].birth_date, "1980-05-30");
  ASSERT_EQ(message.offences.size(), 3u);
  EXPECT_EQ(message.offences[1].national->statute, "13V3017");
  EXPECT_EQ(message.offences[1].national->code, "Violation of a Court Order");
  EXPECT_EQ(message.vehicles.at(0).make, "CHEV");
  EXPECT_EQ(message.locations.size(), 4u);
}

// The warrant sample declares the criminal-history namespace too: it stays a warrant.
REFERENCE_TEST(Niem, WarrantIsNotTakenForACriminalHistory) {
  const xes::Message message = convert_sample("Warrant__sample-1074396079055969810.xml", "xml:niem-ojbc-warrant");
  EXPECT_EQ(message.warrants.size(), 1u);
}

}  // namespace
}  // namespace xborder
