#pragma once
// The field list of every XES type, written once and used by every serialiser: the JSON and XML readers
// and writers walk these descriptions instead of repeating the model four times.
//
// describe(visitor, object) calls, in schema order,
//   visitor(name, member)             for a single value (string, optional number, optional record)
//   visitor(name, item_name, member)  for a list; JSON writes it as an array under `name`, XML as repeated
//                                     elements named `item_name`
// `object` may be const (writers) or not (readers).

#include <algorithm>
#include <array>
#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <type_traits>

#include "xborder/xes.hpp"

namespace xborder::detail {

template <class T, class U>
concept xes_type = std::same_as<std::remove_const_t<T>, U>;

template <class V, xes_type<xes::Agency> T>
void describe(V& v, T& o) { v("id", o.id); v("country", o.country); v("name", o.name); }

template <class V, xes_type<xes::Source> T>
void describe(V& v, T& o) {
  v("format", o.format); v("profile", o.profile); v("record_ids", "record_id", o.record_ids);
  v("sha256", o.sha256); v("length", o.length);
}

template <class V, xes_type<xes::Header> T>
void describe(V& v, T& o) {
  v("message_id", o.message_id); v("created", o.created); v("sender", o.sender);
  v("receivers", "receiver", o.receivers); v("purpose", o.purpose); v("legal_basis", o.legal_basis);
  v("handling", "handling", o.handling); v("source", o.source);
  v("signature", o.signature);
}

template <class V, xes_type<xes::Name> T>
void describe(V& v, T& o) {
  v("full", o.full); v("family", o.family); v("given", "given", o.given); v("script", o.script);
  v("language", o.language); v("kind", o.kind); v("scheme", o.scheme); v("original", o.original);
  v("quality", o.quality); v("note", o.note);
}

template <class V, xes_type<xes::Sex> T>
void describe(V& v, T& o) { v("code", o.code); v("source", o.source); }

template <class V, xes_type<xes::Place> T>
void describe(V& v, T& o) {
  v("country", o.country); v("region", o.region); v("locality", o.locality); v("text", o.text);
}

template <class V, xes_type<xes::Identifier> T>
void describe(V& v, T& o) {
  v("type", o.type); v("value", o.value); v("country", o.country); v("authority", o.authority);
  v("country_text", o.country_text); v("issued", o.issued); v("expires", o.expires); v("note", o.note);
}

template <class V, xes_type<xes::Mark> T>
void describe(V& v, T& o) { v("code", o.code); v("description", o.description); v("location", o.location); }

template <class V, xes_type<xes::Description> T>
void describe(V& v, T& o) {
  v("height_cm", o.height_cm); v("weight_kg", o.weight_kg); v("eye_colour", o.eye_colour);
  v("hair_colour", o.hair_colour); v("skin", o.skin); v("marks", "mark", o.marks);
  v("build", o.build); v("race", o.race); v("remarks", o.remarks);
}

template <class V, xes_type<xes::BirthDate> T>
void describe(V& v, T& o) {
  v("date", o.date); v("qualifier", o.qualifier); v("source", o.source); v("text", o.text); v("note", o.note);
}

template <class V, xes_type<xes::Image> T>
void describe(V& v, T& o) { v("kind", o.kind); v("url", o.url); v("biometric", o.biometric); v("caption", o.caption); }

template <class V, xes_type<xes::Person> T>
void describe(V& v, T& o) {
  v("id", o.id); v("names", "name", o.names); v("sex", o.sex); v("birth_date", o.birth_date);
  v("birth_place", o.birth_place); v("death_date", o.death_date);
  v("nationalities", "nationality", o.nationalities); v("identifiers", "identifier", o.identifiers);
  v("description", o.description);
  // 1.1. In XML the items of birth_dates and birth_places are not named birth_date and birth_place, the
  // elements 1.0 already has.
  v("birth_dates", "dated_birth", o.birth_dates); v("birth_places", "place_of_birth", o.birth_places);
  v("addresses", "address", o.addresses); v("titles", "title", o.titles);
  v("occupations", "occupation", o.occupations); v("languages", "language", o.languages);
  v("images", "image", o.images); v("remarks", o.remarks);
}

template <class V, xes_type<xes::Document> T>
void describe(V& v, T& o) {
  v("id", o.id); v("type", o.type); v("number", o.number); v("issuer", o.issuer); v("issued", o.issued);
  v("expires", o.expires); v("holder", o.holder);
  v("issuer_text", o.issuer_text); v("issue_place", o.issue_place); v("note", o.note);
}

template <class V, xes_type<xes::NationalOffence> T>
void describe(V& v, T& o) {
  v("country", o.country); v("system", o.system); v("code", o.code); v("label", o.label);
  v("statute", o.statute);
}

template <class V, xes_type<xes::Category> T>
void describe(V& v, T& o) {
  v("system", o.system); v("code", o.code); v("label", o.label); v("relation", o.relation);
  v("source", o.source);
}

template <class V, xes_type<xes::Offence> T>
void describe(V& v, T& o) {
  v("id", o.id); v("national", o.national); v("categories", "category", o.categories); v("date", o.date);
  v("place", o.place); v("description", o.description); v("subject", o.subject);
}

template <class V, xes_type<xes::Notice> T>
void describe(V& v, T& o) {
  v("id", o.id); v("type", o.type); v("reference", o.reference); v("issuer", o.issuer);
  v("issued", o.issued); v("subject", o.subject); v("offences", "offence", o.offences);
  v("remarks", o.remarks);
}

template <class V, xes_type<xes::Listing> T>
void describe(V& v, T& o) {
  v("id", o.id); v("type", o.type); v("programme", o.programme); v("reference", o.reference);
  v("other_references", "other_reference", o.other_references); v("listed_on", o.listed_on);
  v("updated", "updated", o.updated); v("authority", o.authority); v("legal_basis", o.legal_basis);
  v("legal_basis_url", o.legal_basis_url); v("actions", "action", o.actions); v("subject", o.subject);
  v("remarks", o.remarks);
}

template <class V, xes_type<xes::Warrant> T>
void describe(V& v, T& o) {
  v("id", o.id); v("number", o.number); v("issuer", o.issuer); v("issued", o.issued);
  v("subject", o.subject); v("offences", "offence", o.offences); v("remarks", o.remarks);
}

template <class V, xes_type<xes::Biometric> T>
void describe(V& v, T& o) {
  v("id", o.id); v("subject", o.subject); v("modality", o.modality); v("record_type", o.record_type);
  v("idc", o.idc); v("position", o.position); v("impression", o.impression); v("encoding", o.encoding);
  v("resolution_ppi", o.resolution_ppi); v("width", o.width); v("height", o.height);
  v("length", o.length); v("sha256", o.sha256); v("data", o.data);
}

template <class V, xes_type<xes::Vehicle> T>
void describe(V& v, T& o) {
  v("id", o.id); v("make", o.make); v("model", o.model); v("colour", o.colour); v("year", o.year);
  v("vin", o.vin); v("plate", o.plate); v("plate_country", o.plate_country);
}

template <class V, xes_type<xes::Object> T>
void describe(V& v, T& o) {
  v("id", o.id); v("type", o.type); v("description", o.description); v("make", o.make);
  v("serial", o.serial);
}

template <class V, xes_type<xes::Organisation> T>
void describe(V& v, T& o) {
  v("id", o.id); v("names", "name", o.names); v("country", o.country);
  v("identifiers", "identifier", o.identifiers);
  v("addresses", "address", o.addresses); v("remarks", o.remarks);
}

template <class V, xes_type<xes::Location> T>
void describe(V& v, T& o) {
  v("id", o.id); v("country", o.country); v("region", o.region); v("locality", o.locality);
  v("address", o.address); v("postal_code", o.postal_code); v("latitude", o.latitude);
  v("longitude", o.longitude);
  v("country_text", o.country_text); v("note", o.note);
}

template <class V, xes_type<xes::Relation> T>
void describe(V& v, T& o) { v("id", o.id); v("type", o.type); v("from", o.from); v("to", o.to); }

template <class V, xes_type<xes::ProvenanceEntry> T>
void describe(V& v, T& o) {
  v("path", o.path); v("source_path", o.source_path); v("offset", o.offset); v("length", o.length);
}

template <class V, xes_type<xes::Extension> T>
void describe(V& v, T& o) {
  v("source_path", o.source_path); v("offset", o.offset); v("value", o.value); v("data", o.data);
}

// The top-level entity lists are always written, even when empty, so every message has the same shape.
template <class V, xes_type<xes::Message> T>
void describe(V& v, T& o) {
  v("xes", o.xes); v("header", o.header);
  v.always("persons", "person", o.persons); v.always("documents", "document", o.documents);
  v.always("offences", "offence", o.offences); v.always("notices", "notice", o.notices);
  v.always("warrants", "warrant", o.warrants);
  v("listings", "listing", o.listings);  // 1.1: optional, so 1.0 messages keep their shape
  v.always("biometrics", "biometric", o.biometrics);
  v.always("vehicles", "vehicle", o.vehicles); v.always("objects", "object", o.objects);
  v.always("organisations", "organisation", o.organisations); v.always("locations", "location", o.locations);
  v.always("relations", "relation", o.relations); v.always("provenance", "entry", o.provenance);
  v.always("extensions", "extension", o.extensions);
}

// A type with a describe() overload: written as a JSON object / XML element with children.
struct ProbeVisitor {
  template <class... A> void operator()(A&&...) {}
  template <class... A> void always(A&&...) {}
};
template <class T>
concept xes_record = requires(ProbeVisitor& v, T& object) { describe(v, object); };

}  // namespace xborder::detail

namespace xborder::detail {

// Whether a value is written at all: empty strings, lists and bytes and unset optionals are absent.
inline bool is_present(const std::string& value) { return !value.empty(); }
template <class T>
bool is_present(const std::optional<T>& value) { return value.has_value(); }
template <class T>
bool is_present(const std::vector<T>& value) { return !value.empty(); }
template <xes_record T>
bool is_present(const T&) { return true; }

// The path of the value being written, for the writers' error messages: kept as names and indices, and
// put together only when an error is reported. The model's depth is fixed and small, so the path lives in
// place (it is pushed and popped for every value written); a path deeper than it keeps its first segments.
class WritePath {
 public:
  WritePath() = default;
  explicit WritePath(std::string_view root) { push(root); }
  void push(std::string_view name) { push(name, kNoIndex); }
  void push(std::size_t index) { push({}, index); }
  void push(std::string_view name, std::size_t index) {  // "name[index+1]"
    if (depth_ < segments_.size()) segments_[depth_] = {name, index};
    ++depth_;
  }
  void pop() { --depth_; }
  std::string str() const {
    std::string out;
    for (std::size_t i = 0; i < std::min(depth_, segments_.size()); ++i) {
      const auto& [name, index] = segments_[i];
      out += '/';
      if (name.empty()) {
        out += std::to_string(index);
      } else {
        out += name;
        if (index != kNoIndex) out.append(1, '[').append(std::to_string(index + 1)).append(1, ']');
      }
    }
    return out.empty() ? "/" : out;
  }

 private:
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
  std::array<std::pair<std::string_view, std::size_t>, 16> segments_{};
  std::size_t depth_ = 0;
};

}  // namespace xborder::detail
