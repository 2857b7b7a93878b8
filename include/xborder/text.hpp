#pragma once
// Transliteration of names and the ICAO 9303 machine-readable-zone name field.
//
//   xborder::transliterate("Юлия Тимошенко", "icao9303");          // "IULIIA TIMOSHENKO"
//   xborder::transliterate("Юлия Тимошенко", "bgn-pcgn-ru");       // "Yuliya Timoshenko"
//   xborder::Transliteration::builtin().mrz_name("Тимошенко", "Юлия", 39).field
//                                                          // "TIMOSHENKO<<IULIIA<<<<<<<<<<<<<<<<<<<<<"
//
// Schemes:
//   icao9303                 ICAO Doc 9303 Part 3 tables A (Latin), B (Cyrillic, Russian defaults), C (Arabic);
//   icao9303-be, -bg, -mk, -sr, -uk   table B with the language's exceptions;
//   icao9303-latin-base, icao9303-latin-reversible   the issuing state's other choices for Ä Å Ö Ü Ñ;
//   an id of mappings/translit/aliases.csv (bgn-pcgn-ru, iso9, ...) or of a rule file mappings/translit/ID.txt
//   (ICU rule syntax, the subset add_rules reads); any ICU transform id or compound id ("Any-Latin; Latin-ASCII").
// The ICAO schemes run on tables compiled at load (no lock, pure-ASCII input returned upper-cased at once);
// ICU transforms are built once per id and cloned per thread. Of the ids callers name beyond the named schemes,
// at most 64 are kept compiled (shared, and in each thread); the least recently used is rebuilt if named again.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/export.hpp"

namespace xborder {

namespace detail {
class TranslitState;
}

// A name field as the machine-readable zone carries it.
struct MrzName {
  std::string field;       // exactly `width` characters of A-Z and '<'
  bool truncated = false;  // the name did not fit and was cut (ICAO 9303 Part 3 section 4.6)
  std::size_t dropped = 0; // characters the scheme left outside A-Z (digits, other scripts), removed
};

class XBORDER_API Transliteration {
 public:
  // Loads the tables, aliases and rule files (throws ProfileError naming the file and line). A mappings
  // directory overrides the embedded files, file by file.
  explicit Transliteration(const std::filesystem::path& mappings_dir = {});
  ~Transliteration();
  Transliteration(Transliteration&&) noexcept;
  static const Transliteration& builtin();

  // The named schemes (ICU's own ids aside).
  std::vector<std::string> schemes() const;

  // Adds a scheme from ICU transform rules, as a rule file mappings/translit/ID.txt does. The rules are read
  // in a subset of ICU's syntax: conversions with context, cursor and anchors, variables, sets, "::" transforms;
  // no segments, quantifiers, functions or cursor offsets (on which ICU 72's parser crashes or hangs). Throws
  // ProfileError naming `origin` (default: the id) and the line refused, Error if the id is taken. Not while
  // other threads use this object.
  void add_rules(std::string_view id, std::string_view rules, std::string_view origin = {});

  // `text` (UTF-8) in the scheme's Latin form. Characters a table does not cover are kept as they are. Throws
  // Error for an unknown scheme or text that is not UTF-8.
  std::string apply(std::string_view text, std::string_view scheme) const;

  // How many ICU transform ids, other than the named schemes, this object keeps compiled (at most 64).
  std::size_t compiled_transforms() const;

  // The MRZ name field of `width` characters (39 in TD3, 30 in TD1, 31 in TD2 and MRV-B...): the primary
  // identifier, '<<', the secondary identifier, each transliterated by `scheme`, spaces and hyphens as '<',
  // apostrophes dropped, other punctuation and digits removed, '<' filling the rest. Too long a name is cut
  // from the secondary identifier's end, then to initials, then the primary identifier, and flagged.
  MrzName mrz_name(std::string_view primary, std::string_view secondary, std::size_t width,
                   std::string_view scheme = "icao9303") const;

 private:
  std::unique_ptr<detail::TranslitState> state_;
};

// Transliteration::builtin().apply(text, scheme).
XBORDER_API std::string transliterate(std::string_view text, std::string_view scheme);

// Legacy bytes to UTF-8 through ICU's converters ("windows-1251", "ISO-8859-2", "Shift_JIS", "UTF-16LE", ...).
// An invalid byte sequence stops decoding, or becomes the replacement: the caller chooses, and learns the byte
// offset of each.
//
//   auto d = xborder::decode(bytes, "windows-1251");                                   // stops at the first
//   auto d = xborder::decode(bytes, "UTF-8", {.on_invalid = xborder::OnInvalid::replace});  // U+FFFD for each
enum class OnInvalid { stop, replace };
struct DecodeOptions {
  OnInvalid on_invalid = OnInvalid::stop;
  std::string replacement = "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER (UTF-8), or any text
};
struct Decoded {
  std::string text;                  // UTF-8: everything (replace), or what came before the invalid bytes (stop)
  std::vector<std::size_t> invalid;  // byte offsets of the invalid sequences, in order
  bool complete() const { return invalid.empty(); }
};
// Throws Error for a charset ICU does not know; never for the bytes.
XBORDER_API Decoded decode(std::string_view bytes, std::string_view charset, const DecodeOptions& options = {});

// The character sets legacy bytes may be in, most likely first (ICU's detector): name as ICU knows it
// ("windows-1251", "UTF-8", "Shift_JIS", ...) and confidence 0-100. A guess, to be confirmed by a person
// or a profile: a short text fits several charsets.
struct CharsetGuess {
  std::string name;
  int confidence = 0;
};
XBORDER_API std::vector<CharsetGuess> detect_charsets(std::string_view bytes);

}  // namespace xborder
