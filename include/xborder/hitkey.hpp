#pragma once
// Pseudonymised hit/no-hit: keys two parties compute under a secret they share, so that each can find out
// whether the other holds the same person without either exchanging a name until there is a hit.
//
// For each person: HMAC-SHA-256(secret, material) over
//   "name|KEY|YEAR"       each name's script-independent matching key (names::key: Cyrillic, ICAO Latin and
//   "name|KEY|DATE"       other romanisations of one name meet) with the year, and with the full date, of birth
//   "document|NUMBER"     each identity document number the person holds (documents[].holder, and identifiers
//                         of type passport, national-id or id-card), upper-case letters and digits only
// A name with no date of birth gives no name key (a bare name key would hit every namesake).
// See docs/sharing.md for what a key reveals to a holder of the secret.
//
//   const xborder::HitKeys hit_keys(secret);
//   for (const auto& person : hit_keys.of(message)) send(person.person, person.keys);

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/export.hpp"
#include "xborder/xes.hpp"

namespace xborder {

namespace detail {
class HmacSha256;
}

struct PersonHitKeys {
  std::string person;             // the person's id in the message
  std::string message;            // the message's id (header.message_id): person ids are local to a message
  std::vector<std::string> keys;  // lowercase hex HMAC-SHA-256, sorted, no duplicates

  XBORDER_API std::string to_json() const;  // {"person": ID, "message": ID, "keys": [...]}, one line
};

class XBORDER_API HitKeys {
 public:
  // Throws Error for an empty secret.
  explicit HitKeys(std::string_view secret);
  ~HitKeys();
  HitKeys(HitKeys&&) noexcept;

  // The keys of one person, with the documents of the message (those the person holds count).
  std::vector<std::string> keys(const xes::Person& person, const std::vector<xes::Document>& documents = {}) const;

  // Every person of the message.
  std::vector<PersonHitKeys> of(const xes::Message& message) const;

  // The key material before hashing (tests and the privacy analysis in docs/sharing.md).
  static std::vector<std::string> material(const xes::Person& person, const std::vector<xes::Document>& documents = {});

 private:
  std::unique_ptr<detail::HmacSha256> hmac_;
};

}  // namespace xborder
