#pragma once
// XES, the xborder exchange schema, version 1.1: the hub model every format maps to and from.
//
// 1.1 extends 1.0 compatibly: every member 1.0 has keeps its name, type and meaning, and every member 1.1 adds
// is optional, so a 1.0 document is a valid 1.1 document and reads the same. Writers write "1.1"; readers
// accept any 1.x. The members added by 1.1 are marked "1.1" below (docs/xes.md lists them).
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

inline constexpr const char* kVersion = "1.1";

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
  // 1.1: "strong" or "weak", as sanctions lists grade aliases (UN "Good"/"Low", EU "strong" flag).
  std::string quality;
  std::string note;  // 1.1: the source's remark on this name

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
  // 1.1: the issuing country (or place) as the source writes it, kept beside the normalised `country`.
  std::string country_text;
  std::string issued;   // 1.1: partial date
  std::string expires;  // 1.1: partial date
  std::string note;     // 1.1: the source's remark, e.g. "expired", "issued under another name"

  bool operator==(const Identifier&) const = default;
};

struct Mark {  // scar, mark, tattoo
  std::string code;         // e.g. an NCIC SMT code
  std::string description;
  std::string location;     // 1.1: where on the body, as text or a code

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
  std::string build;  // 1.1: e.g. "slim", "medium", "heavy"
  std::string race;   // 1.1: the source's race or ethnic-origin code (NCIC RAC, EBTS 2.025), as given
  std::string remarks;  // 1.1: further description in free text

  bool operator==(const Description&) const = default;
};

// 1.1: one date of birth of several a source may give.
struct BirthDate {
  std::string date;       // partial date
  std::string qualifier;  // "exact", "approximate" or "range"
  std::string source;     // who or what states it, e.g. a document or a list entry
  std::string text;       // the date as the source writes it, when that is not the partial date itself
  std::string note;

  bool operator==(const BirthDate&) const = default;
};

// 1.1: an image of the person (photo, mark, document scan) held elsewhere: a URL or a biometric's id.
struct Image {
  std::string kind;       // "photo", "mark", "document", ...
  std::string url;
  std::string biometric;  // id of a biometric of the message
  std::string caption;

  bool operator==(const Image&) const = default;
};

// birth_date and birth_place are those of 1.0 and stay: they hold the main (first) date and place of birth.
// birth_dates and birth_places (1.1) list every one the source gives, the first mirroring birth_date and
// birth_place when a profile fills both. A receiver of 1.0 reads the first; a 1.1 receiver reads the lists.
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
  std::vector<BirthDate> birth_dates;     // 1.1
  std::vector<Place> birth_places;        // 1.1
  std::vector<std::string> addresses;     // 1.1: ids of locations where the person lives or lived
  std::vector<std::string> titles;        // 1.1: e.g. "Mullah", "Dr."
  std::vector<std::string> occupations;   // 1.1: occupations, functions, designations
  std::vector<std::string> languages;     // 1.1: languages spoken, BCP 47
  std::vector<Image> images;              // 1.1
  std::string remarks;                    // 1.1: further information in free text

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
  std::string issuer_text;  // 1.1: the issuing country or authority as the source writes it
  std::string issue_place;  // 1.1: e.g. the city of issue
  std::string note;         // 1.1

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

// 1.1: a listing or alert: an entry of a sanctions list, a notice's publication. The subject is a person or
// an organisation of the message.
struct Listing {
  std::string id;
  std::string type;        // "sanction", "notice", "alert", ...
  std::string programme;   // programme or regime, e.g. "Al-Qaida", "UKR", "red-notice"
  std::string reference;   // the list's reference number, e.g. "QDi.430"
  std::vector<std::string> other_references;  // the same listing's numbers elsewhere (e.g. the UN's in the EU list)
  std::string listed_on;   // partial date
  std::vector<std::string> updated;  // partial dates of the amendments, oldest first as the source gives them
  std::optional<Agency> authority;   // who issues the list
  std::string legal_basis;      // the instrument, e.g. "Regulation (EU) 269/2014", "UNSC resolution 1267"
  std::string legal_basis_url;  // where it is published
  std::vector<std::string> actions;  // "arrest", "locate", "refuse-entry", "freeze-assets", "travel-ban", ...
  std::string subject;  // person or organisation id
  std::string remarks;

  bool operator==(const Listing&) const = default;
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
  std::vector<std::string> addresses;  // 1.1: location ids
  std::string remarks;                 // 1.1

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
  std::string country_text;  // 1.1: the country as the source writes it
  std::string note;          // 1.1

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
  std::vector<Listing> listings;  // 1.1: written only when there are some
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
