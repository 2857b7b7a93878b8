#include "formats/ftm/ftm_write.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <set>

#include "core/digest.hpp"
#include "formats/ftm/ftm_entity.hpp"
#include "formats/ftm/ftm_json.hpp"

namespace xborder::detail {
namespace {

constexpr const char* kFormat = "ftm";
constexpr const char* kUnSecurityCouncil = "United Nations Security Council";  // a Sanction's unscId

std::string number_text(double value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : std::string();
}

// Sanctions: the listings of a sanctions type (1.1), and the notices of one (1.0 messages).
template <class Entry>
bool is_sanction(const Entry& entry) { return entry.type.find("sanction") != std::string::npos; }

// The entities of one message, kept from message to message so that their lists keep their memory.
class EntityPool {
 public:
  FtmEntity& next() {
    FtmEntity& entity = used_ < items_.size() ? items_[used_] : items_.emplace_back();
    ++used_;
    entity.reset();
    return entity;
  }
  void clear() { used_ = 0; }
  std::size_t size() const { return used_; }
  FtmEntity& operator[](std::size_t index) { return items_[index]; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.begin() + static_cast<std::ptrdiff_t>(used_); }

 private:
  std::vector<FtmEntity> items_;
  std::size_t used_ = 0;
};

class FtmWriter final : public RecordWriter {
 public:
  explicit FtmWriter(const FtmTables& tables) : tables_(tables) {}

  bool write(const xes::Message& message, Diagnostics& diagnostics, std::string& out) override {
    entities_.clear();
    extra_.clear();
    by_xes_id_.clear();
    prefix_ = id_prefix(message);
    for (const auto& person : message.persons) write_person(person, diagnostics);
    for (const auto& organisation : message.organisations) write_organisation(organisation, diagnostics);
    for (const auto& document : message.documents) write_document(document, diagnostics);
    for (const auto& listing : message.listings) {
      if (is_sanction(listing)) write_sanction(listing, diagnostics);
    }
    for (const auto& notice : message.notices) {
      if (is_sanction(notice)) write_sanction(notice, diagnostics);
    }
    for (const auto& location : message.locations) write_location(location, diagnostics);
    for (const auto& relation : message.relations) write_relation(relation);
    apply_extensions(message, diagnostics);
    report_unwritten(message, diagnostics);
    buffer_.Clear();
    for (const auto& entity : entities_) serialise(entity);
    for (const auto& entity : extra_) serialise(entity);
    out.append(buffer_.GetString(), buffer_.GetSize());
    return true;
  }

 private:
  // Ids read from FtM stay; others get the record's digest before them, so that "p1" of one message is not
  // "p1" of the next.
  std::string id_prefix(const xes::Message& message) {
    const auto& source = message.header.source;
    if (source && source->format == kFormat) return {};
    std::string digest = source && !source->sha256.empty() ? source->sha256
                         : !message.header.message_id.empty() ? sha256_hex(message.header.message_id)
                                                               : sha256_hex(std::to_string(++anonymous_));
    return "xb-" + digest.substr(0, 16) + "-";
  }
  std::string id(const std::string& xes_id) const { return xes_id.empty() ? xes_id : prefix_ + xes_id; }

  FtmEntity& entity(const std::string& xes_id, std::string schema) {
    FtmEntity& made = entities_.next();
    made.id = id(xes_id);
    made.schema = std::move(schema);
    by_xes_id_.emplace_back(xes_id, entities_.size() - 1);
    return made;
  }

  void country(FtmEntity& entity, std::string_view property, const std::string& alpha3, Diagnostics& diagnostics) {
    if (alpha3.empty()) return;
    const std::string code = tables_.alpha2(alpha3);
    if (code.empty()) {
      diagnostics.loss("ftm.country", "country '" + alpha3 + "' has no ISO alpha-2 code in FtM", kFormat,
                       entity.id + ".properties." + std::string(property));
      return;
    }
    entity.add(property, code);
  }

  void names(FtmEntity& entity, const std::vector<xes::Name>& names, bool person) {
    bool primary_done = false;
    for (const auto& name : names) {
      std::string full = name.full;
      if (full.empty()) {
        for (const auto& given : name.given) full += given + " ";
        full += name.family;
        while (!full.empty() && full.back() == ' ') full.pop_back();
      }
      const bool primary = !primary_done && (name.kind.empty() || name.kind == "primary");
      if (primary) {
        primary_done = true;
        entity.add("name", full);
        if (person) {
          for (std::size_t i = 0; i < name.given.size(); ++i) entity.add(i == 0 ? "firstName" : "middleName", name.given[i]);
          entity.add("lastName", name.family);
        }
      } else {
        entity.add(name.quality == "weak" ? "weakAlias" : name.kind == "former" ? "previousName" : "alias", full);
      }
      if (!name.original.empty() && name.original != full) entity.add("alias", name.original);
    }
  }

  // Identifiers FtM has a property for go into it; others (and those with an issuer) become Identification
  // entities of their own, written after the message's entities.
  void identifiers(FtmEntity& entity, const std::vector<xes::Identifier>& identifiers, const std::string& holder,
                   Diagnostics& diagnostics) {
    std::size_t other = 0;
    for (const auto& identifier : identifiers) {
      const std::string property = tables_.identifier_property(identifier.type);
      if (!property.empty() && identifier.country.empty() && identifier.authority.empty()) {
        entity.add(property, identifier.value);
        continue;
      }
      FtmEntity& made = extra_.next();
      made.id = id(holder) + "-identification-" + std::to_string(++other);
      made.schema = "Identification";
      made.add("holder", id(holder));
      made.add("type", identifier.type);
      made.add("number", identifier.value);
      made.add("authority", identifier.authority);
      country(made, "country", identifier.country, diagnostics);
    }
  }

  void write_person(const xes::Person& person, Diagnostics& diagnostics) {
    FtmEntity& made = entity(person.id, "Person");
    names(made, person.names, true);
    if (person.sex) {
      const std::string gender = person.sex->code ? tables_.gender(std::to_string(*person.sex->code)) : std::string();
      made.add("gender", gender.empty() ? person.sex->source : gender);
    }
    if (person.birth_dates.empty()) date(made, "birthDate", person.birth_date, diagnostics);
    for (const auto& birth : person.birth_dates) date(made, "birthDate", birth.date, diagnostics);
    for (const auto& place : person.birth_places) birth_place(made, place, diagnostics);
    if (person.birth_places.empty() && person.birth_place) birth_place(made, *person.birth_place, diagnostics);
    date(made, "deathDate", person.death_date, diagnostics);
    for (const auto& nationality : person.nationalities) country(made, "nationality", nationality, diagnostics);
    for (const auto& address : person.addresses) made.add("addressEntity", id(address));
    for (const auto& title : person.titles) made.add("title", title);
    for (const auto& occupation : person.occupations) made.add("position", occupation);
    made.add("notes", person.remarks);
    if (person.description) {
      const auto& description = *person.description;
      if (description.height_cm) made.add("height", std::to_string(*description.height_cm));
      if (description.weight_kg) made.add("weight", number_text(*description.weight_kg));
      made.add("eyeColor", description.eye_colour);
      made.add("hairColor", description.hair_colour);
      if (!description.skin.empty() || !description.marks.empty()) {
        diagnostics.loss("ftm.description", "skin and scars, marks and tattoos have no FtM property", kFormat,
                         made.id + ".properties");
      }
    }
    identifiers(made, person.identifiers, person.id, diagnostics);
  }

  void birth_place(FtmEntity& made, const xes::Place& place, Diagnostics& diagnostics) {
    std::string text = place.text;
    if (text.empty()) {
      for (const std::string* part : {&place.locality, &place.region}) {
        if (!part->empty()) text += (text.empty() ? "" : ", ") + *part;
      }
    }
    made.add("birthPlace", text);
    country(made, "birthCountry", place.country, diagnostics);
  }

  void write_organisation(const xes::Organisation& organisation, Diagnostics& diagnostics) {
    FtmEntity& made = entity(organisation.id, "Organization");
    names(made, organisation.names, false);
    country(made, "country", organisation.country, diagnostics);
    for (const auto& address : organisation.addresses) made.add("addressEntity", id(address));
    made.add("notes", organisation.remarks);
    identifiers(made, organisation.identifiers, organisation.id, diagnostics);
  }

  // FtM dates have no ranges and no "about": a range is written as its two ends, "about" is lost.
  void date(FtmEntity& entity, std::string_view property, std::string_view value, Diagnostics& diagnostics) {
    if (value.find('~') != std::string_view::npos) {
      diagnostics.loss("ftm.date", "'" + std::string(value) + "' is approximate; FtM dates cannot say so", kFormat,
                       entity.id + ".properties." + std::string(property));
    }
    std::string text;
    for (const char c : value) {
      if (c != '~') text += c;
    }
    const std::size_t slash = text.find('/');
    entity.add(property, text.substr(0, slash));
    if (slash != std::string::npos) entity.add(property, text.substr(slash + 1));
  }

  void write_document(const xes::Document& document, Diagnostics& diagnostics) {
    if (document.number.empty()) {  // FtM requires a number (and a holder)
      diagnostics.loss("ftm.document", "document " + document.id + " has no number; FtM requires one", kFormat,
                       "documents." + document.id);
      return;
    }
    const bool passport = document.type == "passport" || document.type == "P" ||
                          (document.type.size() == 2 && document.type[0] == 'P');
    FtmEntity& made = entity(document.id, passport ? "Passport" : "Identification");
    made.add("holder", id(document.holder));
    made.add("type", document.type);
    made.add("number", document.number);
    country(made, "country", document.issuer, diagnostics);
    date(made, "startDate", document.issued, diagnostics);
    date(made, "endDate", document.expires, diagnostics);
  }

  void write_sanction(const xes::Notice& notice, Diagnostics& diagnostics) {
    FtmEntity& made = entity(notice.id, "Sanction");
    made.add("entity", id(notice.subject));
    made.add("authorityId", notice.reference);
    if (notice.type == "un-sanctions") made.add("unscId", notice.reference);
    if (notice.issuer) {
      made.add("authority", notice.issuer->name);
      country(made, "country", notice.issuer->country, diagnostics);
    }
    date(made, "listingDate", notice.issued, diagnostics);
    made.add("reason", notice.remarks);
  }

  void write_sanction(const xes::Listing& listing, Diagnostics& diagnostics) {
    FtmEntity& made = entity(listing.id, "Sanction");
    made.add("entity", id(listing.subject));
    made.add("authorityId", listing.reference);
    const bool un = listing.authority && listing.authority->name == kUnSecurityCouncil;
    if (un) made.add("unscId", listing.reference);
    for (const auto& other : listing.other_references) made.add(un ? "authorityId" : "unscId", other);
    if (listing.authority) {
      made.add("authority", listing.authority->name);
      country(made, "country", listing.authority->country, diagnostics);
    }
    made.add("program", listing.programme);
    made.add("programUrl", listing.legal_basis_url);
    for (const auto& action : listing.actions) made.add("provisions", action);
    date(made, "listingDate", listing.listed_on, diagnostics);
    for (const auto& updated : listing.updated) date(made, "modifiedAt", updated, diagnostics);
    made.add("reason", listing.remarks);
    if (!listing.legal_basis.empty()) {
      diagnostics.loss("ftm.legal-basis", "a Sanction has no property for its legal basis", kFormat, made.id);
    }
  }

  void write_location(const xes::Location& location, Diagnostics& diagnostics) {
    FtmEntity& made = entity(location.id, "Address");
    made.add("full", location.address);
    made.add("city", location.locality);
    made.add("region", location.region);
    made.add("postalCode", location.postal_code);
    country(made, "country", location.country, diagnostics);
    if (location.latitude) made.add("latitude", number_text(*location.latitude));
    if (location.longitude) made.add("longitude", number_text(*location.longitude));
  }

  void write_relation(const xes::Relation& relation) {
    const bool family = relation.type == "family", associate = relation.type == "associate";
    FtmEntity& made = entity(relation.id.empty() ? relation.from + "-" + relation.type + "-" + relation.to : relation.id,
                             family ? "Family" : associate ? "Associate" : "UnknownLink");
    made.add(family || associate ? "person" : "subject", id(relation.from));
    made.add(family ? "relative" : associate ? "associate" : "object", id(relation.to));
    if (!family && !associate) made.add("role", relation.type);
  }

  // Extensions named "<id>.properties.<property>" or "<id>.<member>" go back into the entity of that id;
  // the rest (a source's own fields) are losses, one a path.
  void apply_extensions(const xes::Message& message, Diagnostics& diagnostics) {
    std::set<std::string> lost;
    for (const auto& extension : message.extensions) {
      const std::string& path = extension.source_path;
      const std::size_t properties = path.find(".properties.");
      const std::size_t dot = properties != std::string::npos ? properties : path.rfind('.');
      const std::size_t found = dot == std::string::npos ? kNoEntity : index_of(std::string_view(path).substr(0, dot));
      if (found == kNoEntity || !extension.data.empty()) {
        lost.insert(path);
        continue;
      }
      FtmEntity& target = entities_[found];
      if (properties != std::string::npos) {
        target.property(path.substr(properties + 12)).push_back(extension.value);
      } else if (const std::string member = path.substr(dot + 1); member == "schema") {
        target.schema = extension.value;
      } else if (member == "id") {
        rapidjson::Document original;
        original.Parse<rapidjson::kParseIterativeFlag>(extension.value.c_str());
        if (!original.HasParseError() && original.IsString()) target.id = original.GetString();
      } else if (member != "properties") {
        target.members.emplace_back(member, extension.value);
      }
    }
    for (const auto& path : lost) {
      diagnostics.loss("ftm.extension", "no FtM property holds the source's '" + path + "'", kFormat, path);
    }
  }

  static void report_unwritten(const xes::Message& message, Diagnostics& diagnostics) {
    const auto report = [&](std::size_t count, const char* what) {
      if (count == 0) return;
      diagnostics.loss("ftm.unsupported", std::to_string(count) + " " + what + ": not written, FtM has no place for them",
                       kFormat, "/");
    };
    report(message.offences.size(), "offences");
    report(static_cast<std::size_t>(std::count_if(message.listings.begin(), message.listings.end(),
                                                  [](const auto& listing) { return !is_sanction(listing); })),
           "listings other than sanctions");
    report(static_cast<std::size_t>(std::count_if(message.notices.begin(), message.notices.end(),
                                                  [](const auto& notice) { return !is_sanction(notice); })),
           "notices other than sanctions");
    report(message.warrants.size(), "warrants");
    report(message.biometrics.size(), "biometrics");
    report(message.vehicles.size(), "vehicles");
    report(message.objects.size(), "objects");
    // Members of written entities that no FtM property holds: one loss a member, with how many values.
    std::size_t languages = 0, images = 0, described = 0, document_texts = 0, identifier_details = 0,
                location_texts = 0, name_notes = 0;
    const auto names = [&](const std::vector<xes::Name>& list) {
      for (const auto& name : list) name_notes += name.note.empty() ? 0 : 1;
    };
    const auto identifiers = [&](const std::vector<xes::Identifier>& list) {
      for (const auto& identifier : list) {
        identifier_details += (identifier.issued.empty() && identifier.expires.empty() && identifier.note.empty() &&
                               (identifier.country_text.empty() || !identifier.country.empty())) ? 0 : 1;
      }
    };
    for (const auto& person : message.persons) {
      languages += person.languages.size();
      images += person.images.size();
      if (person.description) {
        const auto& d = *person.description;
        described += (d.build.empty() ? 0 : 1) + (d.race.empty() ? 0 : 1) + (d.remarks.empty() ? 0 : 1);
      }
      names(person.names);
      identifiers(person.identifiers);
    }
    for (const auto& organisation : message.organisations) {
      names(organisation.names);
      identifiers(organisation.identifiers);
    }
    for (const auto& document : message.documents) {
      document_texts += ((document.issuer_text.empty() || !document.issuer.empty()) && document.issue_place.empty() &&
                         document.note.empty()) ? 0 : 1;
    }
    for (const auto& location : message.locations) {
      location_texts += ((location.country_text.empty() || !location.country.empty()) && location.note.empty()) ? 0 : 1;
    }
    report(languages, "languages spoken (FtM's are ISO 639-3, XES's BCP 47)");
    report(images, "images");
    report(described, "build, race or description remarks");
    report(document_texts, "documents' issuing country as text, place of issue or notes");
    report(identifier_details, "identifiers' dates, notes or issuing country as text");
    report(location_texts, "locations' country as text or notes");
    report(name_notes, "notes on names");
  }

  static constexpr std::size_t kNoEntity = static_cast<std::size_t>(-1);
  static constexpr std::size_t kMemberDepth = 64;  // an entity member's JSON deeper than this is written as text

  // The entity made from the XES entity `xes_id` (a message has a handful: a linear search).
  std::size_t index_of(std::string_view xes_id) const {
    for (const auto& [id, index] : by_xes_id_) {
      if (id == xes_id) return index;
    }
    return kNoEntity;
  }

  // One line of NDJSON into buffer_, which keeps its memory from message to message.
  void serialise(const FtmEntity& entity) {
    writer_.Reset(buffer_);
    auto& writer = writer_;
    writer.StartObject();
    writer.Key("id");
    writer.String(entity.id.data(), static_cast<rapidjson::SizeType>(entity.id.size()));
    writer.Key("schema");
    writer.String(entity.schema.data(), static_cast<rapidjson::SizeType>(entity.schema.size()));
    writer.Key("properties");
    writer.StartObject();
    for (const auto& [name, values] : entity.properties) {
      if (values.empty()) continue;
      writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
      writer.StartArray();
      for (const auto& value : values) writer.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
      writer.EndArray();
    }
    writer.EndObject();
    for (const auto& [name, text] : entity.members) {
      writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
      rapidjson::Document value;  // read back as JSON: an extension edited by hand may be any text
      value.Parse<rapidjson::kParseIterativeFlag>(text.c_str());
      if (value.HasParseError() || !nests_within(value, kMemberDepth)) {
        writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      } else {
        value.Accept(writer);
      }
    }
    writer.EndObject();
    buffer_.Put('\n');
  }

  const FtmTables& tables_;
  EntityPool entities_;
  std::vector<std::pair<std::string, std::size_t>> by_xes_id_;  // XES id -> index in entities_
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
  EntityPool extra_;  // Identification entities made from identifiers
  std::string prefix_;
  std::size_t anonymous_ = 0;
};

}  // namespace

std::unique_ptr<RecordWriter> make_ftm_writer(const FtmTables& tables) { return std::make_unique<FtmWriter>(tables); }

}  // namespace xborder::detail
