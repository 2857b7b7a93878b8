#ifndef XBORDER_XBORDER_H
#define XBORDER_XBORDER_H
/* The C interface of xborder: what vendors in C, C#, Java, Go and the like bind to.
 *
 *   xb_converter* converter = NULL;
 *   if (xb_converter_new(NULL, "xes-xml", "xes-json", NULL, &converter) != XB_OK) fail(xb_last_error());
 *   xb_result* result = NULL;
 *   xb_convert(converter, bytes, length, &result);      // XB_OK, or XB_REJECTED with the reasons
 *   use(xb_result_output(result, &size));               // the records in the target format
 *   puts(xb_result_diagnostics(result));                // errors, warnings and losses as JSON
 *   xb_result_free(result);
 *   xb_converter_free(converter);
 *
 * Handles are opaque. A registry and a converter may be shared between threads once made; a result
 * belongs to its caller. Text is UTF-8 in and out. Functions return a status; the message of the last
 * failure on the calling thread is xb_last_error(). Strings the library returns are freed with
 * xb_string_free, or live as long as the handle they come from, as each function says. Nothing here
 * throws, prints or aborts. */

#include <stddef.h>

#include "xborder/export.hpp"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xb_status {
  XB_OK = 0,        /* done */
  XB_REJECTED = 1,  /* the input was read and refused: the diagnostics say why, where */
  XB_USAGE = 2,     /* a bad argument: unknown format or scheme, missing directory, NULL where a value is due */
  XB_FAILED = 3     /* the library could not do it (out of memory, a broken mappings file) */
} xb_status;

typedef struct xb_registry xb_registry;
typedef struct xb_converter xb_converter;
typedef struct xb_result xb_result;

/* The library's version ("0.1.0") and the XES version it speaks ("1.1"). Static strings. */
XBORDER_API const char* xb_version(void);
XBORDER_API const char* xb_xes_version(void);

/* The message of the last call on this thread that did not return XB_OK; "" if none. Valid until the next
 * call on this thread. */
XBORDER_API const char* xb_last_error(void);

/* Frees a string the library returned to the caller. NULL is ignored. */
XBORDER_API void xb_string_free(char* text);

/* A registry with a mappings directory over the embedded data and further profile directories (either may
 * be NULL / 0). NULL options: use xb_converter_new with a NULL registry for the built-in one. */
XBORDER_API xb_status xb_registry_new(const char* mappings_dir, const char* const* profile_dirs, size_t profile_dir_count,
                                      xb_registry** out);
XBORDER_API void xb_registry_free(xb_registry* registry);

/* The formats as lines "id<TAB>rw<TAB>description" (r and w where the format reads and writes; "-" where
 * not). Free with xb_string_free. A NULL registry is the built-in one. */
XBORDER_API xb_status xb_formats(const xb_registry* registry, char** out);

/* The id of the format `head` (the first bytes of an input) looks like; "" if none. Free with
 * xb_string_free. */
XBORDER_API xb_status xb_sniff(const xb_registry* registry, const char* head, size_t length, char** out);

/* Bounds on what one conversion reads and keeps (xborder::Limits): input beyond them is refused with an
 * error naming the bound. A member of 0 keeps its default. */
typedef struct xb_limits {
  size_t input_bytes;  /* one input read whole; default 1 GiB */
  size_t records;      /* records of one input; default 100,000,000 */
  size_t fields;       /* fields of one record; default 100,000 */
  size_t value_bytes;  /* one field's value; default 256 MiB */
  size_t path_bytes;   /* one field's path; default 4096 */
  size_t depth;        /* nesting of a document; default 64 */
  size_t diagnostics;  /* diagnostics kept a record, the rest counted in one more; default 1000 */
} xb_limits;

typedef struct xb_convert_options {
  int strict;              /* non-zero: any loss is an error */
  int pretty;              /* non-zero: indented output where the format has such a form */
  const char* created;     /* header.created of new messages (UTC, ISO 8601); NULL: the time of conversion */
  const xb_limits* limits; /* NULL: the defaults */
} xb_convert_options;

/* A converter from `from` (NULL or "": sniffed per input) to `to` (e.g. "xes-json", "tabular:example-de-csv").
 * A NULL registry is the built-in one; the registry must outlive the converter. NULL options: defaults. */
XBORDER_API xb_status xb_converter_new(const xb_registry* registry, const char* from, const char* to,
                                       const xb_convert_options* options, xb_converter** out);
XBORDER_API void xb_converter_free(xb_converter* converter);

/* Converts every record of one input. XB_OK: all converted (warnings and losses may still be reported);
 * XB_REJECTED: something was refused (the result still holds what could be converted). */
XBORDER_API xb_status xb_convert(const xb_converter* converter, const char* input, size_t length, xb_result** out);

/* Streams a file (or "-" for standard input), one record at a time in bounded memory: `on_record` gets each
 * record's output, its diagnostics as JSON and whether it converted; it returns non-zero to go on, 0 to stop.
 * The pointers it gets are valid during the call only. XB_REJECTED if any record was refused. */
typedef int (*xb_record_callback)(void* context, const char* output, size_t length, const char* diagnostics_json,
                                  int ok);
XBORDER_API xb_status xb_convert_file(const xb_converter* converter, const char* path, xb_record_callback on_record,
                                      void* context);

/* The converted records in the target format (length in *length when not NULL), and the diagnostics as JSON
 * ({"errors": [...], "warnings": [...], "losses": [...]}, each with code, message, format, path, offset).
 * Valid while the result lives. */
XBORDER_API const char* xb_result_output(const xb_result* result, size_t* length);
XBORDER_API const char* xb_result_diagnostics(const xb_result* result);
XBORDER_API size_t xb_result_records(const xb_result* result); /* records read into XES */
XBORDER_API int xb_result_ok(const xb_result* result);          /* non-zero: no errors */
XBORDER_API void xb_result_free(xb_result* result);

/* Checks an XES document (format "xes-json" or "xes-xml"; NULL: sniffed) against the schema and code
 * tables. XB_OK if valid, XB_REJECTED if not; the diagnostics as JSON in *diagnostics_json (free with
 * xb_string_free). */
XBORDER_API xb_status xb_validate(const xb_registry* registry, const char* input, size_t length, const char* format,
                                  char** diagnostics_json);

/* `text` in a transliteration scheme's Latin form ("icao9303", "bgn-pcgn-ru", an ICU id, ...). Free *out with
 * xb_string_free. XB_USAGE for an unknown scheme or text that is not UTF-8. */
XBORDER_API xb_status xb_transliterate(const char* text, const char* scheme, char** out);

/* Name matching across scripts: the key that transliteration variants share (free with xb_string_free),
 * and a similarity in [0, 1] (about 0.9 and above: variants of one name; 0.65 and above: a match). */
XBORDER_API xb_status xb_name_key(const char* name, char** out);
XBORDER_API xb_status xb_name_similarity(const char* a, const char* b, double* out);

/* The validation report of a machine-readable zone as JSON (free with xb_string_free). XB_OK if the zone is
 * valid, XB_REJECTED if not. `reference_date` (YYYY-MM-DD) resolves two-digit years; NULL: today. */
XBORDER_API xb_status xb_mrz_check(const char* text, int lenient, const char* reference_date, char** report_json);

/* The profiles a registry loaded, one a line: "format id<TAB>codec<TAB>description<TAB>file". Free *out with
 * xb_string_free. */
XBORDER_API xb_status xb_profiles(const xb_registry* registry, char** out);

/* The syntax-level view of each record of `input` in a codec-based format (NULL: sniffed), what a profile
 * author maps: *records_json is [{"label", "offset", "fields": [{"path", "text", "offset"}]}], binary values
 * as {"path", "offset", "length"}. The reading's diagnostics in *diagnostics_json (NULL to ignore). Free both
 * with xb_string_free. XB_REJECTED when reading found errors (what was read is still given); XB_USAGE for an
 * unknown format or one without fields (XES). */
XBORDER_API xb_status xb_inspect(const xb_registry* registry, const char* input, size_t length, const char* format,
                                 char** records_json, char** diagnostics_json);

/* The categories engine (offence classification systems and their crosswalks) of `mappings_dir`'s tables
 * over the built-in ones (NULL: the built-in ones alone). Answers are JSON, freed with xb_string_free:
 *   xb_categories_systems: [{"id", "name", "version", "source", "codes"}]
 *   xb_categories_translate: the candidates of `code` of `system` in `target` (ICCS, ECRIS, EAW, NIBRS, ...),
 *     [{"system", "code", "title", "relation", "explanation"}], the relation composed along the crosswalks;
 *   xb_categories_eaw: the European arrest warrant list categories the code falls under (double criminality
 *     waived), the same shape; [] when none.
 * XB_USAGE for an unknown system or code. */
XBORDER_API xb_status xb_categories_systems(const char* mappings_dir, char** out_json);
XBORDER_API xb_status xb_categories_translate(const char* mappings_dir, const char* system, const char* code,
                                              const char* target, char** out_json);
XBORDER_API xb_status xb_categories_eaw(const char* mappings_dir, const char* system, const char* code, char** out_json);

/* Checks the ANSI/NIST-ITL transactions of `input` against a conformance specification: an id of
 * mappings/specs/ ("ebts-9.1", "an2k-2011") or the path of a CSV file that extends one (docs/check.md). The
 * report as JSON in *report_json (free with xb_string_free): spec, tot, conformant, findings (severity, record,
 * field, offset, rule, expected, found) and the diagnostics of reading. XB_OK if the input conforms,
 * XB_REJECTED if not, XB_USAGE for an unknown specification, XB_FAILED for one that does not load. */
XBORDER_API xb_status xb_check(const char* spec, const char* input, size_t length, char** report_json);

/* Structured name comparison (docs/matching.md): the score in [0, 1] in *score, whether it reaches the one
 * decision threshold in *match, and the explanation as a JSON array of strings in *explanation_json (free
 * with xb_string_free; NULL: not wanted). XB_USAGE for text that is not UTF-8. */
XBORDER_API xb_status xb_name_compare(const char* a, const char* b, double* score, int* match,
                                      char** explanation_json);

/* Screening: persons of records against listed persons. The index is built once (xb_screening_index_add for
 * each list, records in any format the registry reads; format NULL: sniffed; a list of thousands is prepared
 * on every core, in threads that end before the call returns) and queried many times, from many threads at
 * once, also while another thread adds (queries wait for an add, and it for them); a NULL registry is the
 * built-in one. xb_screen writes one JSON line a person of the input, as `xborder screen` does:
 * {"person": ..., "record": ..., "matches": [{"id", "list", "score", "decision", "explanation"}]}, matches at or
 * above `threshold` (<= 0: the default 0.7), at most `top` (0: 10), best first. Free *ndjson with
 * xb_string_free. */
typedef struct xb_screening_index xb_screening_index;
XBORDER_API xb_status xb_screening_index_new(xb_screening_index** out);
XBORDER_API xb_status xb_screening_index_add(xb_screening_index* index, const xb_registry* registry,
                                             const char* input, size_t length, const char* format,
                                             const char* list);
XBORDER_API size_t xb_screening_index_size(const xb_screening_index* index);
XBORDER_API xb_status xb_screen(const xb_screening_index* index, const xb_registry* registry, const char* input,
                                size_t length, const char* format, double threshold, size_t top, char** ndjson);
XBORDER_API void xb_screening_index_free(xb_screening_index* index);

/* Sharing under rules (docs/sharing.md). XES inputs are JSON or XML (XML when the first non-blank byte is '<').
 * Strings returned in *out parameters are freed with xb_string_free. */

/* The release policies (built-in, with a mappings directory's policies/ over them; NULL: built-in only) as
 * lines "id<TAB>version<TAB>recipient<TAB>handling codes, comma-separated<TAB>description". */
XBORDER_API xb_status xb_policies(const char* mappings_dir, char** out);

/* Releases one XES message under a built-in policy: *output the minimised message in the input's syntax (NULL
 * when refused), *record_json the release record (always, when the call gets that far). recipient, purpose
 * and hash_key may be NULL (the policy's recipient and purpose; no key: policies with hash rules fail with
 * XB_USAGE). XB_REJECTED when the input is unreadable or a condition of the policy refuses it. */
XBORDER_API xb_status xb_release(const char* policy, const char* input, size_t length, const char* recipient,
                                 const char* purpose, const char* hash_key, char** output, char** record_json);

/* Signs one XES message with a PEM private key (Ed25519 or P-256): *output the message with header.signature. */
XBORDER_API xb_status xb_sign(const char* private_key_pem, const char* input, size_t length, char** output);

/* Verifies header.signature of one XES message with a PEM public key: XB_OK when it holds, XB_REJECTED when
 * not, with the reason in *reason (NULL when valid; reason may be NULL if not wanted). */
XBORDER_API xb_status xb_verify(const char* public_key_pem, const char* input, size_t length, char** reason);

/* The hit keys of every person of one XES message under a shared secret: NDJSON, one line
 * {"person": ID, "message": MESSAGE ID, "keys": [...]} a person. */
XBORDER_API xb_status xb_hit_keys(const char* secret, size_t secret_length, const char* input, size_t length,
                                  char** ndjson);

#ifdef __cplusplus
}
#endif

#endif /* XBORDER_XBORDER_H */
