#include "formats/ftm/ftm_read.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/digest.hpp"
#include "formats/ftm/ftm_entity.hpp"
#include "formats/ftm/ftm_id.hpp"
#include "formats/ftm/ftm_json.hpp"
#include "profiles/name_scripts.hpp"

namespace xborder::detail {
namespace {

constexpr const char* kFormat = "ftm";
constexpr const char* kUnSecurityCouncil = "United Nations Security Council";  // unscId's authority
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// FtM dates are ISO 8601 of any precision, times included ("2021-02-24T10:00:00"); XES keeps the date part.
// Empty when `text` is no date of that form.
std::string partial_date(std::string_view text) {
  if (text.size() > 10 && text[10] == 'T') text = text.substr(0, 10);
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return {};
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9')) return {};
  }
  const auto number = [&](std::size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
  if (text.size() >= 7 && (number(5) < 1 || number(5) > 12)) return {};
  if (text.size() == 10 && (number(8) < 1 || number(8) > 31)) return {};
  return std::string(text);
}

std::string json_text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return {buffer.GetString(), buffer.GetSize()};
}

class Reader {
 public:
  Reader(const FtmTables& tables, const ConvertOptions& options, const RecordSink& sink)
      : tables_(tables), options_(options), sink_(sink) {}

  void run(std::string_view text) {
    std::size_t start = 0, line = 0;
    while (start < text.size() && !stopped_) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      ++line;
      std::string_view bytes = text.substr(start, end - start);
      if (!bytes.empty() && bytes.back() == '\r') bytes.remove_suffix(1);
      if (bytes.find_first_not_of(" \t") != std::string_view::npos) read_line(bytes, line, start);
      start = end + 1;
    }
    if (!stopped_) emit();
  }

 private:
  // --- reading entities ------------------------------------------------------------------------------

  void fail_line(std::size_t line, std::size_t offset, const std::string& code, const std::string& why) {
    Diagnostics diagnostics;
    diagnostics.error(code, why, kFormat, "line[" + std::to_string(line) + "]", offset);
    if (!sink_(nullptr, std::move(diagnostics))) stopped_ = true;
  }

  void read_line(std::string_view bytes, std::size_t line, std::size_t offset) {
    rapidjson::Document document;
    document.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                   rapidjson::kParseNumbersAsStringsFlag>(bytes.data(), bytes.size());
    if (document.HasParseError()) {
      return fail_line(line, offset + document.GetErrorOffset(), "ftm.syntax",
                       rapidjson::GetParseError_En(document.GetParseError()));
    }
    if (!document.IsObject()) return fail_line(line, offset, "ftm.entity", "a line is not a JSON object");
    if (!nests_within(document, options_.limits.depth)) {
      return fail_line(line, offset, "ftm.depth",
                       "a line nests deeper than " + std::to_string(options_.limits.depth) + " levels");
    }
    const rapidjson::Value* entity = &document;
    std::string_view op = "ADD";
    const auto op_member = document.FindMember("op");
    if (op_member != document.MemberEnd()) {
      const auto entity_member = document.FindMember("entity");
      if (!op_member->value.IsString() || entity_member == document.MemberEnd() || !entity_member->value.IsObject()) {
        return fail_line(line, offset, "ftm.delta", "a delta line needs a string 'op' and an 'entity' object");
      }
      op = {op_member->value.GetString(), op_member->value.GetStringLength()};
      entity = &entity_member->value;
    }
    if (op == "DEL") {
      const auto id = entity->FindMember("id");
      if (id == entity->MemberEnd() || !id->value.IsString()) {
        return fail_line(line, offset, "ftm.delta", "DEL names no entity id");
      }
      const auto found = index_.find(ftm_xes_id({id->value.GetString(), id->value.GetStringLength()}));
      if (found != index_.end()) {
        entities_[found->second].schema.clear();  // gone: made into no message
        index_.erase(found);
      }
      ++deleted_;
      return;
    }
    if (op != "ADD" && op != "MOD") {
      return fail_line(line, offset, "ftm.delta", "unknown op '" + std::string(op) + "' (ADD, MOD or DEL)");
    }
    std::string why;
    if (add_entity(*entity, line, offset, bytes, 0, why).empty()) return fail_line(line, offset, "ftm.entity", why);
  }

  // Adds the entity (and the entities nested in its properties, FtM's nested form); its XES id, or empty
  // with `why`.
  std::string add_entity(const rapidjson::Value& value, std::size_t line, std::size_t offset, std::string_view raw,
                         std::size_t depth, std::string& why) {
    if (depth >= options_.limits.depth) {
      why = "entities nested deeper than " + std::to_string(options_.limits.depth) + " levels";
      return {};
    }
    FtmEntity entity;
    entity.line = line;
    entity.offset = offset;
    entity.raw = raw;
    std::size_t count = 0;
    for (const auto& member : value.GetObject()) {
      const std::string_view key(member.name.GetString(), member.name.GetStringLength());
      if (key == "id" && member.value.IsString()) {
        entity.id.assign(member.value.GetString(), member.value.GetStringLength());
      } else if (key == "schema" && member.value.IsString()) {
        entity.schema.assign(member.value.GetString(), member.value.GetStringLength());
      } else if (key == "properties" && member.value.IsObject()) {
        for (const auto& property : member.value.GetObject()) {
          if (!property.value.IsArray()) {
            why = "property '" + std::string(property.name.GetString()) + "' is not a list";
            return {};
          }
          auto& list = entity.property({property.name.GetString(), property.name.GetStringLength()});
          for (const auto& item : property.value.GetArray()) {
            if (++count > options_.limits.fields) {
              why = "an entity has more than " + std::to_string(options_.limits.fields) + " values";
              return {};
            }
            if (item.IsObject()) {  // a nested entity: the property holds its id
              std::string id = add_entity(item, line, offset, raw, depth + 1, why);
              if (id.empty()) return {};
              list.push_back(std::move(id));
            } else if (item.IsString()) {
              if (item.GetStringLength() > options_.limits.value_bytes) {
                why = "a value is longer than " + std::to_string(options_.limits.value_bytes) + " bytes";
                return {};
              }
              list.emplace_back(item.GetString(), item.GetStringLength());
            } else {
              list.push_back(json_text(item));
            }
          }
        }
      } else {
        entity.members.emplace_back(std::string(key), json_text(member.value));
      }
    }
    if (entity.id.empty() || entity.schema.empty()) {
      why = "an entity needs a string 'id' and 'schema'";
      return {};
    }
    std::string original = entity.id;
    entity.id = ftm_xes_id(entity.id);
    if (entity.id != original) entity.members.emplace_back("id", json_text(rapidjson::Value(
                                                                     rapidjson::StringRef(original.data(), original.size()))));
    std::string id = entity.id;
    const auto [at, added] = index_.emplace(id, entities_.size());
    if (added) {
      entities_.push_back(std::move(entity));
    } else {
      entities_[at->second] = std::move(entity);  // MOD, or the same entity again: the last one counts
    }
    return id;
  }

  // --- grouping ----------------------------------------------------------------------------------------

  FtmRole role(const FtmEntity& entity) const {
    const FtmSchema* schema = tables_.schema(entity.schema);
    return schema ? schema->role : FtmRole::none;
  }
  std::size_t find(std::string_view ftm_id) const {
    const auto it = index_.find(ftm_xes_id(ftm_id));
    return it == index_.end() ? kNone : it->second;
  }

  void emit() {
    const std::size_t count = entities_.size();
    std::vector<std::size_t> owner(count, kNone);
    std::vector<std::vector<std::size_t>> parts(count);
    std::vector<bool> claimed(count, false);
    const auto is_root = [&](std::size_t i) {
      const FtmRole r = role(entities_[i]);
      return !entities_[i].schema.empty() && (r == FtmRole::person || r == FtmRole::organisation);
    };
    for (std::size_t i = 0; i < count; ++i) {
      if (entities_[i].schema.empty() || is_root(i)) continue;
      const FtmSchema* schema = tables_.schema(entities_[i].schema);
      if (schema == nullptr || schema->subject.empty()) continue;
      const auto* subjects = entities_[i].values(schema->subject);
      if (subjects == nullptr) continue;
      for (const auto& subject : *subjects) {
        const std::size_t root = find(subject);
        if (root != kNone && is_root(root)) {
          owner[i] = root;
          parts[root].push_back(i);
          break;
        }
      }
    }
    for (std::size_t i = 0; i < count; ++i) {
      if (!is_root(i)) continue;
      if (const auto* addresses = entities_[i].values("addressEntity")) {
        for (const auto& address : *addresses) {
          const std::size_t at = find(address);
          if (at != kNone && role(entities_[at]) == FtmRole::location && !entities_[at].schema.empty()) {
            parts[i].push_back(at);
            claimed[at] = true;
          }
        }
      }
    }
    bool first = true;
    for (std::size_t i = 0; i < count && !stopped_; ++i) {
      if (entities_[i].schema.empty() || owner[i] != kNone || (claimed[i] && !is_root(i))) continue;
      std::vector<std::size_t> group{i};
      group.insert(group.end(), parts[i].begin(), parts[i].end());
      Diagnostics diagnostics;
      if (first && deleted_ > 0) {
        diagnostics.warning("ftm.deleted", std::to_string(deleted_) + " entities deleted by the stream's DEL lines",
                            kFormat, "/");
      }
      first = false;
      xes::Message message;
      map_group(group, message, diagnostics);
      if (!sink_(&message, std::move(diagnostics))) stopped_ = true;
    }
  }

  // --- mapping -----------------------------------------------------------------------------------------

  void keep(const FtmEntity& entity, std::string_view property, const std::string& value, xes::Message& message) {
    message.extensions.push_back(
        {entity.id + ".properties." + std::string(property), static_cast<std::int64_t>(entity.offset), value, {}});
  }
  void keep_all(const FtmEntity& entity, std::string_view property, const std::vector<std::string>& values,
                xes::Message& message, std::size_t from = 0) {
    for (std::size_t i = from; i < values.size(); ++i) keep(entity, property, values[i], message);
  }
  std::string where(const FtmEntity& entity, std::string_view property) const {
    return "line[" + std::to_string(entity.line) + "]." + entity.id + ".properties." + std::string(property);
  }

  // The first value that is a date; the rest, and what is none, kept.
  std::string first_date(const FtmEntity& entity, std::string_view property, const std::vector<std::string>& values,
                         xes::Message& message, Diagnostics& diagnostics) {
    std::string date;
    for (const auto& value : values) {
      std::string parsed = date.empty() ? partial_date(value) : std::string();
      if (!parsed.empty()) {
        date = std::move(parsed);
        continue;
      }
      if (date.empty()) {
        diagnostics.warning("ftm.date", "'" + value + "' is no date; kept in extensions", kFormat,
                            where(entity, property), entity.offset);
      }
      keep(entity, property, value, message);
    }
    return date;
  }

  // The value as alpha-3, or empty (kept, with a warning).
  std::string country(const FtmEntity& entity, std::string_view property, const std::string& value,
                      xes::Message& message, Diagnostics& diagnostics) {
    std::string code = tables_.alpha3(value);
    if (code.empty()) {
      diagnostics.warning("ftm.country", "unknown country code '" + value + "'; kept in extensions", kFormat,
                          where(entity, property), entity.offset);
      keep(entity, property, value, message);
    }
    return code;
  }

  void add_name(std::vector<xes::Name>& names, std::string_view property, const std::string& value) {
    xes::Name name;
    name.full = value;
    if (property == "name") {
      const bool primary = std::none_of(names.begin(), names.end(), [](const auto& n) { return n.kind == "primary"; });
      name.kind = primary ? "primary" : "alias";
    } else if (property == "weakAlias") {
      name.kind = "alias";
      name.quality = "weak";
    } else if (property == "previousName") {
      name.kind = "former";
    } else {
      name.kind = "alias";
    }
    // The primary name first, whatever the order of the properties.
    names.insert(name.kind == "primary" ? names.begin() : names.end(), std::move(name));
  }
  static bool is_name(std::string_view property) {
    return property == "name" || property == "alias" || property == "weakAlias" || property == "previousName";
  }

  // Identifier properties and names, shared by persons and organisations: true when `property` was one.
  bool legal_entity(const std::string& property, const std::vector<std::string>& values,
                    std::vector<xes::Name>& names, std::vector<xes::Identifier>& identifiers) {
    if (is_name(property)) {
      for (const auto& value : values) add_name(names, property, value);
      return true;
    }
    const std::string type = tables_.identifier_type(property);
    if (type.empty()) return false;
    for (const auto& value : values) {
      xes::Identifier& identifier = identifiers.emplace_back();
      identifier.type = type;
      identifier.value = value;
    }
    return true;
  }

  void map_person(const FtmEntity& entity, xes::Message& message, Diagnostics& diagnostics) {
    xes::Person& person = message.persons.emplace_back();
    person.id = entity.id;
    const std::vector<std::string>* first = nullptr;
    const std::vector<std::string>* middle = nullptr;
    const std::vector<std::string>* last = nullptr;
    for (const auto& [property, values] : entity.properties) {
      if (values.empty()) continue;
      if (legal_entity(property, values, person.names, person.identifiers)) continue;
      if (property == "firstName") {
        first = &values;
      } else if (property == "middleName") {
        middle = &values;
      } else if (property == "lastName") {
        last = &values;
      } else if (property == "birthDate") {
        for (const auto& value : values) {
          std::string date = partial_date(value);
          if (date.empty()) {
            diagnostics.warning("ftm.date", "'" + value + "' is no date; kept in extensions", kFormat,
                                where(entity, property), entity.offset);
            keep(entity, property, value, message);
            continue;
          }
          if (person.birth_date.empty()) person.birth_date = date;
          xes::BirthDate& birth = person.birth_dates.emplace_back();
          birth.date = std::move(date);
          birth.qualifier = "exact";
        }
      } else if (property == "deathDate") {
        person.death_date = first_date(entity, property, values, message, diagnostics);
      } else if (property == "birthPlace") {
        person.birth_place.emplace().text = values[0];
        for (const auto& value : values) person.birth_places.emplace_back().text = value;
      } else if (property == "nationality" || property == "citizenship") {
        for (const auto& value : values) {
          std::string code = country(entity, property, value, message, diagnostics);
          if (code.empty()) continue;
          if (std::find(person.nationalities.begin(), person.nationalities.end(), code) == person.nationalities.end()) {
            person.nationalities.push_back(std::move(code));
          } else if (property == "citizenship") {
            keep(entity, property, value, message);  // said twice: written back as citizenship too
          }
        }
      } else if (property == "gender") {
        const std::string code = tables_.iso5218(values[0]);
        auto& sex = person.sex.emplace();
        sex.source = values[0];
        if (!code.empty()) sex.code = std::stoll(code);
        keep_all(entity, property, values, message, 1);
      } else if (property == "height" || property == "weight") {
        double number = 0;
        const auto [end, error] = std::from_chars(values[0].data(), values[0].data() + values[0].size(), number);
        // A typed member takes a plausible measure (centimetres and kilograms under 1000) and a height only in
        // whole centimetres (XES keeps it so); anything else stays as written.
        const bool plausible = error == std::errc() && end == values[0].data() + values[0].size() && number >= 0 &&
                               number < 1000 && (property == "weight" || number == std::floor(number));
        if (!plausible) {
          keep_all(entity, property, values, message);
          continue;
        }
        auto& description = person.description ? *person.description : person.description.emplace();
        if (property == "height") {
          description.height_cm = static_cast<std::int64_t>(number);
        } else {
          description.weight_kg = number;
        }
        keep_all(entity, property, values, message, 1);
      } else if (property == "eyeColor" || property == "hairColor") {
        auto& description = person.description ? *person.description : person.description.emplace();
        (property == "eyeColor" ? description.eye_colour : description.hair_colour) = values[0];
        keep_all(entity, property, values, message, 1);
      } else if (property == "addressEntity") {
        addresses(entity, values, person.addresses, message);
      } else if (property == "title" || property == "position") {
        auto& list = property == "title" ? person.titles : person.occupations;
        list.insert(list.end(), values.begin(), values.end());
      } else if (property == "notes" && values.size() == 1) {
        person.remarks = values[0];
      } else {
        keep_all(entity, property, values, message);
      }
    }
    // One first and last name (and at most one middle name) are the primary name's parts; more cannot be
    // told apart (which first name goes with which last name) and are kept.
    const bool parts = first && last && first->size() == 1 && last->size() == 1 && (!middle || middle->size() == 1);
    if (parts) {
      if (person.names.empty()) {
        std::string full = (*first)[0] + (middle ? " " + (*middle)[0] : "") + " " + (*last)[0];
        xes::Name& name = person.names.emplace_back();
        name.full = std::move(full);
        name.kind = "primary";
      }
      xes::Name& name = person.names.front();
      name.given.push_back((*first)[0]);
      if (middle) name.given.push_back((*middle)[0]);
      name.family = (*last)[0];
    } else {
      if (first) keep_all(entity, "firstName", *first, message);
      if (middle) keep_all(entity, "middleName", *middle, message);
      if (last) keep_all(entity, "lastName", *last, message);
    }
  }

  // addressEntity: the addresses that travel in the message; others kept.
  void addresses(const FtmEntity& entity, const std::vector<std::string>& values, std::vector<std::string>& ids,
                 xes::Message& message) {
    for (const auto& value : values) {
      const std::size_t at = find(value);
      if (at == kNone || role(entities_[at]) != FtmRole::location) {
        keep(entity, "addressEntity", value, message);
        continue;
      }
      ids.push_back(entities_[at].id);
    }
  }

  void map_organisation(const FtmEntity& entity, xes::Message& message, Diagnostics& diagnostics) {
    xes::Organisation& organisation = message.organisations.emplace_back();
    organisation.id = entity.id;
    if (entity.schema != "Organization") {
      message.extensions.push_back({entity.id + ".schema", static_cast<std::int64_t>(entity.offset), entity.schema, {}});
    }
    for (const auto& [property, values] : entity.properties) {
      if (values.empty()) continue;
      if (legal_entity(property, values, organisation.names, organisation.identifiers)) continue;
      if (property == "country") {
        organisation.country = country(entity, property, values[0], message, diagnostics);
        keep_all(entity, property, values, message, 1);
      } else if (property == "addressEntity") {
        addresses(entity, values, organisation.addresses, message);
      } else if (property == "notes" && values.size() == 1) {
        organisation.remarks = values[0];
      } else {
        keep_all(entity, property, values, message);
      }
    }
  }

  // A linked entity's subject or object: taken when the property names one entity.
  static bool link(const std::vector<std::string>& values, std::string& target) {
    if (values.size() != 1) return false;
    target = ftm_xes_id(values[0]);
    return true;
  }

  void map_document(const FtmEntity& entity, xes::Message& message, Diagnostics& diagnostics) {
    xes::Document& document = message.documents.emplace_back();
    document.id = entity.id;
    for (const auto& [property, values] : entity.properties) {
      if (values.empty()) continue;
      const bool one = values.size() == 1;
      if (property == "holder" && link(values, document.holder)) continue;
      if (property == "type" && one) {
        document.type = values[0];
      } else if ((property == "number" || property == "passportNumber") && one &&
                 (document.number.empty() || document.number == values[0])) {
        document.number = values[0];
      } else if (property == "country" && one) {
        document.issuer = country(entity, property, values[0], message, diagnostics);
      } else if ((property == "startDate" || property == "endDate") && one && !partial_date(values[0]).empty()) {
        (property == "startDate" ? document.issued : document.expires) = partial_date(values[0]);
      } else {
        keep_all(entity, property, values, message);
      }
    }
    if (document.type.empty()) document.type = entity.schema == "Passport" ? "passport" : "identification";
    if (entity.schema == "Identification" && document.type == "passport") {
      message.extensions.push_back({entity.id + ".schema", static_cast<std::int64_t>(entity.offset), entity.schema, {}});
    }
  }

  // An identifier xborder wrote as an Identification of its own ("<holder>-identification-<n>": FtM persons
  // have no property for most identifier types) goes back to its holder. False for any other entity.
  bool map_identifier(const FtmEntity& entity, xes::Message& message, Diagnostics& diagnostics) {
    const auto* holder = entity.values("holder");
    if (entity.schema != "Identification" || holder == nullptr || holder->size() != 1) return false;
    const std::string owner = ftm_xes_id((*holder)[0]);
    const std::string marker = owner + "-identification-";
    if (entity.id.compare(0, marker.size(), marker) != 0) return false;
    std::vector<xes::Identifier>* identifiers = nullptr;
    for (auto& person : message.persons) {
      if (person.id == owner) identifiers = &person.identifiers;
    }
    for (auto& organisation : message.organisations) {
      if (organisation.id == owner) identifiers = &organisation.identifiers;
    }
    if (identifiers == nullptr) return false;
    xes::Identifier& identifier = identifiers->emplace_back();
    for (const auto& [property, values] : entity.properties) {
      if (values.empty() || property == "holder") continue;
      std::string* text = property == "type" ? &identifier.type : property == "number" ? &identifier.value
                          : property == "authority" ? &identifier.authority : nullptr;
      if (text && values.size() == 1) {
        *text = values[0];
      } else if (property == "country" && values.size() == 1) {
        identifier.country = country(entity, property, values[0], message, diagnostics);
      } else {
        keep_all(entity, property, values, message);
      }
    }
    return true;
  }

  // A Sanction is a listing (XES 1.1) of its entity.
  void map_sanction(const FtmEntity& entity, xes::Message& message, Diagnostics& diagnostics) {
    xes::Listing& listing = message.listings.emplace_back();
    listing.id = entity.id;
    listing.type = "sanction";
    const auto authority = [&]() -> xes::Agency& { return listing.authority ? *listing.authority : listing.authority.emplace(); };
    for (const auto& [property, values] : entity.properties) {
      if (values.empty()) continue;
      const bool one = values.size() == 1;
      if (property == "entity" && link(values, listing.subject)) continue;
      if (property == "authorityId" && one && listing.reference.empty()) {
        listing.reference = values[0];
      } else if (property == "unscId" && one) {
        (listing.reference.empty() ? listing.reference : listing.other_references.emplace_back()) = values[0];
        if (!listing.authority) authority().name = kUnSecurityCouncil;
      } else if (property == "authority" && one) {
        authority().name = values[0];
      } else if (property == "country" && one) {
        std::string code = country(entity, property, values[0], message, diagnostics);
        if (!code.empty()) authority().country = std::move(code);
      } else if ((property == "listingDate" || property == "startDate") && one && listing.listed_on.empty() &&
                 !partial_date(values[0]).empty()) {
        listing.listed_on = partial_date(values[0]);
      } else if (property == "modifiedAt") {
        for (const auto& value : values) {
          std::string date = partial_date(value);
          if (date.empty()) keep(entity, property, value, message);
          else listing.updated.push_back(std::move(date));
        }
      } else if (property == "program" && one) {
        listing.programme = values[0];
      } else if (property == "programUrl" && one) {
        listing.legal_basis_url = values[0];
      } else if (property == "provisions") {
        listing.actions.insert(listing.actions.end(), values.begin(), values.end());
      } else if (property == "reason" && one) {
        listing.remarks = values[0];
      } else {
        keep_all(entity, property, values, message);
      }
    }
  }

  void map_location(const FtmEntity& entity, xes::Message& message, Diagnostics& diagnostics) {
    xes::Location& location = message.locations.emplace_back();
    location.id = entity.id;
    for (const auto& [property, values] : entity.properties) {
      if (values.empty()) continue;
      const bool one = values.size() == 1;
      std::string* text = property == "full"         ? &location.address
                          : property == "city"       ? &location.locality
                          : property == "region"     ? &location.region
                          : property == "postalCode" ? &location.postal_code
                                                     : nullptr;
      if (text && one) {
        *text = values[0];
      } else if (property == "country" && one) {
        location.country = country(entity, property, values[0], message, diagnostics);
      } else if ((property == "latitude" || property == "longitude") && one) {
        double number = 0;
        const auto [end, error] = std::from_chars(values[0].data(), values[0].data() + values[0].size(), number);
        if (error == std::errc() && end == values[0].data() + values[0].size()) {
          (property == "latitude" ? location.latitude : location.longitude) = number;
        } else {
          keep_all(entity, property, values, message);
        }
      } else {
        keep_all(entity, property, values, message);
      }
    }
  }

  void map_relation(const FtmEntity& entity, const FtmSchema& schema, xes::Message& message) {
    xes::Relation& relation = message.relations.emplace_back();
    relation.id = entity.id;
    relation.type = entity.schema == "Family" ? "family" : entity.schema == "Associate" ? "associate" : "link";
    for (const auto& [property, values] : entity.properties) {
      if (values.empty()) continue;
      if (property == schema.subject && link(values, relation.from)) continue;
      if (property == schema.object && link(values, relation.to)) continue;
      if (entity.schema == "UnknownLink" && property == "role" && values.size() == 1) {
        relation.type = values[0];
        continue;
      }
      keep_all(entity, property, values, message);
    }
  }

  void map_group(const std::vector<std::size_t>& group, xes::Message& message, Diagnostics& diagnostics) {
    xes::Source& source = message.header.source.emplace();
    source.format = kFormat;
    std::string bytes;
    std::size_t last_line = 0;
    for (const std::size_t i : group) {
      const FtmEntity& entity = entities_[i];
      if (entity.line != last_line) {  // nested entities share their line
        bytes.append(entity.raw).push_back('\n');
        last_line = entity.line;
      }
    }
    source.record_ids.push_back(entities_[group[0]].id);
    append_sha256_hex(bytes, source.sha256);
    source.length = static_cast<std::int64_t>(bytes.size());
    message.header.message_id = "urn:sha256:" + source.sha256;
    stamp_created(message.header.created, options_.created);
    for (const std::size_t i : group) {
      const FtmEntity& entity = entities_[i];
      const FtmSchema* schema = tables_.schema(entity.schema);
      switch (schema ? schema->role : FtmRole::none) {
        case FtmRole::person: map_person(entity, message, diagnostics); break;
        case FtmRole::organisation: map_organisation(entity, message, diagnostics); break;
        case FtmRole::document:
          if (!map_identifier(entity, message, diagnostics)) map_document(entity, message, diagnostics);
          break;
        case FtmRole::notice: map_sanction(entity, message, diagnostics); break;
        case FtmRole::location: map_location(entity, message, diagnostics); break;
        case FtmRole::relation: map_relation(entity, *schema, message); break;
        case FtmRole::none:
          diagnostics.warning("ftm.schema", "schema '" + entity.schema + "' has no XES counterpart; kept in extensions",
                              kFormat, "line[" + std::to_string(entity.line) + "]." + entity.id, entity.offset);
          message.extensions.push_back({entity.id + ".schema", static_cast<std::int64_t>(entity.offset), entity.schema, {}});
          for (const auto& [property, values] : entity.properties) keep_all(entity, property, values, message);
          break;
      }
      for (const auto& [member, text] : entity.members) {
        message.extensions.push_back({entity.id + "." + member, static_cast<std::int64_t>(entity.offset), text, {}});
      }
    }
    fill_name_scripts(message);  // FtM names do not say their script
  }

  const FtmTables& tables_;
  const ConvertOptions& options_;
  const RecordSink& sink_;
  std::vector<FtmEntity> entities_;
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t deleted_ = 0;
  bool stopped_ = false;
};

}  // namespace

void read_ftm(std::string_view text, const FtmTables& tables, const ConvertOptions& options, const RecordSink& sink) {
  Reader(tables, options, sink).run(text);
}

}  // namespace xborder::detail
