#include "xborder/hitkey.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>

#include "core/digest.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/names.hpp"

namespace xborder {
namespace {

// A document number as both sides would write it: letters and digits, upper case ("ab 12-345" -> "AB12345").
std::string document_number(std::string_view number) {
  std::string out;
  for (const char c : number) {
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += c;
    }
  }
  return out;
}

// The text of a name: its full form, else family and given names.
std::string name_text(const xes::Name& name) {
  if (!name.full.empty()) return name.full;
  std::string text = name.family;
  for (const auto& given : name.given) text.append(text.empty() ? "" : " ").append(given);
  return text;
}

bool is_full_date(std::string_view date) {  // YYYY-MM-DD exactly: ranges and "about" dates give the year only
  return date.size() == 10 && date[4] == '-' && date[7] == '-' &&
         std::all_of(date.begin(), date.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

}  // namespace

HitKeys::HitKeys(std::string_view secret) {
  if (secret.empty()) throw Error("a hit-key secret must not be empty");
  hmac_ = std::make_unique<detail::HmacSha256>(secret);
}
HitKeys::~HitKeys() = default;
HitKeys::HitKeys(HitKeys&&) noexcept = default;

std::vector<std::string> HitKeys::material(const xes::Person& person, const std::vector<xes::Document>& documents) {
  std::vector<std::string> out;
  const std::string_view birth = person.birth_date;
  const bool year = birth.size() >= 4 && std::all_of(birth.begin(), birth.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                    (birth.size() == 4 || birth[4] == '-');  // not a range or an "about" year
  if (year) {
    for (const auto& name : person.names) {
      std::string key;
      try {
        key = names::key(name_text(name));
      } catch (const Error&) {
        continue;  // not UTF-8: no key rather than a wrong one
      }
      if (key.empty()) continue;
      out.push_back("name|" + key + "|" + std::string(birth.substr(0, 4)));
      if (is_full_date(birth)) out.push_back("name|" + key + "|" + std::string(birth));
    }
  }
  const auto add_document = [&](std::string_view number) {
    const std::string normal = document_number(number);
    if (normal.size() >= 4) out.push_back("document|" + normal);
  };
  for (const auto& document : documents) {
    if (!person.id.empty() && document.holder == person.id) add_document(document.number);
  }
  for (const auto& identifier : person.identifiers) {
    if (identifier.type == "passport" || identifier.type == "national-id" || identifier.type == "id-card") {
      add_document(identifier.value);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> HitKeys::keys(const xes::Person& person, const std::vector<xes::Document>& documents) const {
  std::vector<std::string> out;
  for (const auto& material : material(person, documents)) {
    std::string& key = out.emplace_back();
    hmac_->append_hex(material, key);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string PersonHitKeys::to_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.StartObject();
  writer.Key("person");
  writer.String(person.data(), static_cast<rapidjson::SizeType>(person.size()));
  if (!message.empty()) {
    writer.Key("message");
    writer.String(message.data(), static_cast<rapidjson::SizeType>(message.size()));
  }
  writer.Key("keys");
  writer.StartArray();
  for (const auto& key : keys) writer.String(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  writer.EndArray();
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::vector<PersonHitKeys> HitKeys::of(const xes::Message& message) const {
  std::vector<PersonHitKeys> out;
  for (const auto& person : message.persons) {
    out.push_back({person.id, message.header.message_id, keys(person, message.documents)});
  }
  return out;
}

}  // namespace xborder
