#pragma once
// XES, the xborder exchange schema, version 1.0: the hub model every format maps to and from.
//
// The published forms are mappings/schema/xes.schema.json (JSON) and mappings/schema/xes.xsd (XML); both
// serialisations carry exactly this model, so JSON -> model -> XML -> model -> JSON is lossless.
//
// Conventions: an empty string, vector or unset optional means "absent" and is not written. Codes stay
// strings (leading zeros matter). Country codes are ISO 3166-1 alpha-3 or the ICAO 9303 codes that are not
// ISO (mappings/codes/countries.csv). Dates are partial ISO 8601 strings: "1981", "1981-03", "1981-03-21",
// with "~" appended for "about" ("1981~") and "start/end" for ranges ("1980/1985-06").

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xborder::xes {

inline constexpr const char* kVersion = "1.0";

using Bytes = std::vector<std::uint8_t>;

// An agency: an ORI, an Interpol NCB, a court.
struct Agency {
  std::string id;       // agency identifier, e.g. an NCIC ORI
  std::string country;  // alpha-3
  std::string name;

  bool operator==(const Agency&) const = default;
};

// Where the message came from: the format and profile that read it and a digest of the source bytes.
struct Source {
  std::string format;   // format id, e.g. "an2k"
  std::string profile;  // profile id, e.g. "ebts"
  std::vector<std::string> record_ids;  // identifiers of the source record(s), e.g. a TCN
  std::string sha256;   // lowercase hex digest of the source bytes: chain of custody
  std::optional<std::int64_t> length;   // byte length of the source

  bool operator==(const Source&) const = default;
};

struct Header {
  std::string message_id;
  std::string created;  // UTC date-time, ISO 8601 ("2026-11-28T05:23:56Z")
  std::optional<Agency> sender;
  std::vector<Agency> receivers;
  std::string purpose;      // why the record is exchanged
  std::string legal_basis;  // the instrument that allows it
  std::vector<std::string> handling;  // handling restrictions, e.g. "law-enforcement-only"
  std::optional<Source> source;
  // A detached JWS (RFC 7515 compact form, "HEADER..SIGNATURE") over the RFC 8785 canonical XES JSON of the
  // message without this member (docs/sharing.md; xborder sign / verify).
  std::string signature;

  bool operator==(const Header&) const = default;
};

// One name of a person or organisation. A transliterated name names its scheme and keeps the original.
struct Name {
  std::string full;
  std::string family;
  std::vector<std::string> given;
  std::string script;    // ISO 15924, e.g. "Cyrl", "Latn"
  std::string language;  // BCP 47
  std::string kind;      // "primary", "alias", "birth", "transliteration", ...
  std::string scheme;    // transliteration scheme id, e.g. "icao9303"
  std::string original;  // the name in its original script

  bool operator==(const Name&) const = default;
};

// Sex as ISO/IEC 5218 (0 not known, 1 male, 2 female, 9 not applicable) with the source's own code.
struct Sex {
  std::optional<std::int64_t> code;
  std::string source;

  bool operator==(const Sex&) const = default;
};

struct Place {
  std::string country;  // alpha-3
  std::string region;
  std::string locality;
  std::string text;     // the place as written in the source

  bool operator==(const Place&) const = default;
};

struct Identifier {
  std::string type;    // e.g. "fbi-number", "state-id", "passport", "national-id"
  std::string value;
  std::string country;    // issuing country, alpha-3
  std::string authority;  // issuing agency, when not a country

  bool operator==(const Identifier&) const = default;
};

struct Mark {  // scar, mark, tattoo
  std::string code;
  std::string description;

  bool operator==(const Mark&) const = default;
};

// Physical description, units normalised to centimetres and kilograms.
struct Description {
  std::optional<std::int64_t> height_cm;
  std::optional<double> weight_kg;
  std::string eye_colour;
  std::string hair_colour;
  std::string skin;
  std::vector<Mark> marks;

  bool operator==(const Description&) const = default;
};

struct Person {
  std::string id;
  std::vector<Name> names;
  std::optional<Sex> sex;
  std::string birth_date;  // partial date
  std::optional<Place> birth_place;
  std::string death_date;
  std::vector<std::string> nationalities;  // alpha-3
  std::vector<Identifier> identifiers;
  std::optional<Description> description;

  bool operator==(const Person&) const = default;
};

struct Document {
  std::string id;
  std::string type;    // e.g. "passport", "id-card", "visa", or an ICAO document code
  std::string number;
  std::string issuer;  // alpha-3
  std::string issued;  // partial date
  std::string expires; // partial date
  std::string holder;  // person id

  bool operator==(const Document&) const = default;
};

// The offence as the national law names it.
struct NationalOffence {
  std::string country;  // alpha-3
  std::string system;   // code system id, e.g. "de-pks", "nibrs"
  std::string code;
  std::string label;
  std::string statute;  // e.g. "§ 242 StGB"

  bool operator==(const NationalOffence&) const = default;
};

// An assignment of the offence to a category of an international system, with its strength and origin.
struct Category {
  std::string system;    // "iccs", "ecris", "eaw", "nibrs", ...
  std::string code;
  std::string label;
  std::string relation;  // SKOS: exactMatch, closeMatch, broadMatch, narrowMatch, relatedMatch
  std::string source;    // the crosswalk table that produced it

  bool operator==(const Category&) const = default;
};

struct Offence {
  std::string id;
  std::optional<NationalOffence> national;
  std::vector<Category> categories;
  std::string date;     // partial date
  std::optional<Place> place;
  std::string description;
  std::string subject;  // person id

  bool operator==(const Offence&) const = default;
};

struct Notice {
  std::string id;
  std::string type;       // "red", "yellow", "blue", "diffusion", ...
  std::string reference;  // e.g. Interpol "2024/12345"
  std::optional<Agency> issuer;
  std::string issued;     // partial date
  std::string subject;    // person id
  std::vector<std::string> offences;  // offence ids
  std::string remarks;

  bool operator==(const Notice&) const = default;
};

struct Warrant {
  std::string id;
  std::string number;
  std::optional<Agency> issuer;
  std::string issued;   // partial date
  std::string subject;  // person id
  std::vector<std::string> offences;  // offence ids
  std::string remarks;

  bool operator==(const Warrant&) const = default;
};

// A biometric sample: what it is and its digest; the bytes travel inline when the source is to be rebuilt.
struct Biometric {
  std::string id;
  std::string subject;   // person id
  std::string modality;  // "fingerprint", "palm", "face", "iris", "signature", "dna", ...
  std::optional<std::int64_t> record_type;  // ANSI/NIST-ITL record type
  std::optional<std::int64_t> idc;          // image designation character
  std::string position;    // finger/palm position or face pose code
  std::string impression;  // impression type code
  std::string encoding;    // "wsq", "jpeg", "jp2", "png", "raw", ...
  std::optional<std::int64_t> resolution_ppi;
  std::optional<std::int64_t> width;
  std::optional<std::int64_t> height;
  std::optional<std::int64_t> length;  // byte length of the sample
  std::string sha256;
  Bytes data;

  bool operator==(const Biometric&) const = default;
};

struct Vehicle {
  std::string id;
  std::string make;
  std::string model;
  std::string colour;
  std::optional<std::int64_t> year;
  std::string vin;
  std::string plate;
  std::string plate_country;  // alpha-3

  bool operator==(const Vehicle&) const = default;
};

// Any other object of interest: a firearm, a work of art, a document not issued to a person.
struct Object {
  std::string id;
  std::string type;
  std::string description;
  std::string make;
  std::string serial;

  bool operator==(const Object&) const = default;
};

struct Organisation {
  std::string id;
  std::vector<Name> names;
  std::string country;  // alpha-3
  std::vector<Identifier> identifiers;

  bool operator==(const Organisation&) const = default;
};

struct Location {
  std::string id;
  std::string country;  // alpha-3
  std::string region;
  std::string locality;
  std::string address;
  std::string postal_code;
  std::optional<double> latitude;
  std::optional<double> longitude;

  bool operator==(const Location&) const = default;
};

// A typed link between two entities, e.g. {"type": "holder-of", "from": "p1", "to": "d1"}.
struct Relation {
  std::string id;
  std::string type;
  std::string from;
  std::string to;

  bool operator==(const Relation&) const = default;
};

// Where one XES value came from in the source.
struct ProvenanceEntry {
  std::string path;         // XES path, e.g. "persons[0].birth_date"
  std::string source_path;  // source field path, e.g. "2.022"
  std::optional<std::int64_t> offset;  // byte offset in the source
  std::optional<std::int64_t> length;

  bool operator==(const ProvenanceEntry&) const = default;
};

// A source value no rule interpreted, carried uninterpreted so that it round-trips.
struct Extension {
  std::string source_path;
  std::optional<std::int64_t> offset;
  std::string value;  // the value as text, when it is text
  Bytes data;         // the raw bytes, when they are not text

  bool operator==(const Extension&) const = default;
};

struct Message {
  std::string xes = kVersion;
  Header header;
  std::vector<Person> persons;
  std::vector<Document> documents;
  std::vector<Offence> offences;
  std::vector<Notice> notices;
  std::vector<Warrant> warrants;
  std::vector<Biometric> biometrics;
  std::vector<Vehicle> vehicles;
  std::vector<Object> objects;
  std::vector<Organisation> organisations;
  std::vector<Location> locations;
  std::vector<Relation> relations;
  std::vector<ProvenanceEntry> provenance;
  std::vector<Extension> extensions;


  bool operator==(const Message&) const = default;
};

}  // namespace xborder::xes
