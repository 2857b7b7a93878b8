/* The C ABI from C (compiled as C11 against the shared library): conversion, its refusals with diagnostics,
 * streaming, validation, registries with data of their own, the text functions, and misuse. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_check.h"
#include "xborder/xborder.h"

struct Counts {
  int records;
  int refused;
};

static int count_record(void* context, const char* output, size_t length, const char* diagnostics, int ok) {
  struct Counts* counts = context;
  counts->records += 1;
  counts->refused += ok ? 0 : 1;
  return output != NULL && diagnostics != NULL && (ok == 0 || length > 0);
}

static void conversion(void) {
  size_t length = 0;
  char* input = read_file(XBORDER_SOURCE_DIR "/examples/data/red-notice.json", &length);
  CHECK(input != NULL);
  xb_converter* converter = NULL;
  CHECK(xb_converter_new(NULL, "xes-json", "xes-xml", NULL, &converter) == XB_OK);
  xb_result* result = NULL;
  CHECK(xb_convert(converter, input, length, &result) == XB_OK);
  size_t size = 0;
  const char* xml = xb_result_output(result, &size);
  CHECK(size > 0 && strstr(xml, "urn:xborder:xes:") != NULL);
  CHECK(xb_result_ok(result) && xb_result_records(result) == 1);
  CHECK(strcmp(xb_result_diagnostics(result), "{\"errors\":[],\"warnings\":[],\"losses\":[]}") == 0);
  xb_result_free(result);

  /* Refused input: a status, and diagnostics that say where. */
  CHECK(xb_convert(converter, "{\"xes\": ", 8, &result) == XB_REJECTED);
  CHECK(result != NULL && !xb_result_ok(result) && xb_result_records(result) == 0);
  CHECK(strstr(xb_result_diagnostics(result), "json.syntax") != NULL);
  xb_result_free(result);
  xb_converter_free(converter);

  /* Sniffed, with options; the output depends on nothing but the input and the options. */
  xb_convert_options options = {0, 1, "2026-01-01T00:00:00Z", NULL};
  CHECK(xb_converter_new(NULL, NULL, "xes-json", &options, &converter) == XB_OK);
  CHECK(xb_convert(converter, input, length, &result) == XB_OK);
  CHECK(strstr(xb_result_output(result, NULL), "\n  \"persons\"") != NULL);
  xb_result_free(result);
  xb_converter_free(converter);

  /* Limits: an input larger than the bound is refused with an error that names it. */
  xb_limits limits = {0};
  limits.input_bytes = 16;
  options.limits = &limits;
  CHECK(xb_converter_new(NULL, "xes-json", "xes-json", &options, &converter) == XB_OK);
  CHECK(xb_convert(converter, input, length, &result) == XB_REJECTED);
  CHECK(strstr(xb_result_diagnostics(result), "input.size") != NULL);
  xb_result_free(result);
  xb_converter_free(converter);
  free(input);
}

static void streaming(void) {
  xb_converter* converter = NULL;
  CHECK(xb_converter_new(NULL, "tabular:example-de-csv", "xes-json", NULL, &converter) == XB_OK);
  struct Counts counts = {0, 0};
  CHECK(xb_convert_file(converter, XBORDER_SOURCE_DIR "/examples/data/tabular/de-register.csv", count_record, &counts) ==
        XB_OK);
  CHECK(counts.records >= 3 && counts.refused == 0);
  CHECK(xb_convert_file(converter, "/no/such/file.csv", count_record, &counts) == XB_USAGE);
  CHECK(strstr(xb_last_error(), "/no/such/file.csv") != NULL);
  xb_converter_free(converter);
}

static void registries_and_validation(void) {
  char* text = NULL;
  CHECK(xb_formats(NULL, &text) == XB_OK && strstr(text, "xes-json\trw\t") != NULL);
  xb_string_free(text);
  CHECK(xb_sniff(NULL, "<?xml version=\"1.0\"?><message xmlns=\"urn:xborder:xes:1.0\">", 58, &text) == XB_OK);
  CHECK(strcmp(text, "xes-xml") == 0);
  xb_string_free(text);

  xb_registry* registry = NULL;
  CHECK(xb_registry_new("/no/such/mappings", NULL, 0, &registry) == XB_USAGE && registry == NULL);
  CHECK(strstr(xb_last_error(), "/no/such/mappings") != NULL);
  const char* profile_dirs[] = {XBORDER_SOURCE_DIR "/examples/data/tabular"};
  CHECK(xb_registry_new(NULL, profile_dirs, 1, &registry) == XB_OK);
  xb_converter* converter = NULL;
  CHECK(xb_converter_new(registry, "no-such-format", "xes-json", NULL, &converter) == XB_USAGE && converter == NULL);
  CHECK(strstr(xb_last_error(), "no-such-format") != NULL);

  /* The example is valid XES; with a country code that does not exist it is not. */
  size_t length = 0;
  char* document = read_file(XBORDER_SOURCE_DIR "/examples/data/red-notice.json", &length);
  CHECK(document != NULL);
  char* diagnostics = NULL;
  CHECK(xb_validate(registry, document, length, "xes-json", &diagnostics) == XB_OK);
  CHECK(strstr(diagnostics, "\"errors\":[]") != NULL);
  xb_string_free(diagnostics);
  for (char* at = document; (at = strstr(at, "\"UKR\"")) != NULL; at += 5) memcpy(at + 1, "ZZZ", 3);
  CHECK(xb_validate(registry, document, length, NULL, &diagnostics) == XB_REJECTED);
  CHECK(diagnostics != NULL && strstr(diagnostics, "xes.country") != NULL);
  xb_string_free(diagnostics);
  free(document);
  xb_registry_free(registry);
}

static void text_functions(void) {
  char* out = NULL;
  CHECK(xb_transliterate("Юлия Тимошенко", "icao9303", &out) == XB_OK && strcmp(out, "IULIIA TIMOSHENKO") == 0);
  xb_string_free(out);
  CHECK(xb_transliterate("x", "no-such-scheme", &out) == XB_USAGE && out == NULL);
  CHECK(xb_transliterate("\xC3\x28", "icao9303", &out) == XB_USAGE);
  CHECK(xb_name_key("Мохаммед", &out) == XB_OK && strcmp(out, "MHMD") == 0);
  xb_string_free(out);
  double score = 0;
  CHECK(xb_name_similarity("Юлия Тимошенко", "Yulia Tymoshenko", &score) == XB_OK && score > 0.9);
  const char* zone = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
  CHECK(xb_mrz_check(zone, 0, "2024-01-01", &out) == XB_OK && strstr(out, "\"valid\":true") != NULL);
  xb_string_free(out);
  CHECK(xb_mrz_check("not a zone", 1, NULL, &out) == XB_REJECTED && strstr(out, "\"valid\":false") != NULL);
  xb_string_free(out);
}

static void screening(void) {
  double score = 0;
  int match = 1;
  char* out = NULL;
  CHECK(xb_name_compare("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI", &score, &match, &out) == XB_OK &&
        match == 0 && score < 0.7 && out != NULL && out[0] == '[');
  xb_string_free(out);
  CHECK(xb_name_compare("Putin, Vladimir", "Vladimir Putin", &score, &match, NULL) == XB_OK && match == 1);
  const char* list = "list_id,full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n"
                     "L1,Yulia Tymoshenko,,,,,1960-11-27,,ua\n";
  const char* queries = "query_id,expected_list_id,full_name,first_name,middle_name,last_name,gender,date_of_birth,"
                        "place_of_birth,nationality\nQ1,L1,\"Timoshenko, Yuliya\",,,,,1960,,ua\nQ2,,Maria Garcia,,,,,,,\n";
  xb_screening_index* index = NULL;
  CHECK(xb_screening_index_new(&index) == XB_OK);
  CHECK(xb_screening_index_add(index, NULL, list, strlen(list), NULL, "un") == XB_OK);
  CHECK(xb_screening_index_size(index) == 1);
  CHECK(xb_screen(index, NULL, queries, strlen(queries), NULL, 0, 0, &out) == XB_OK &&
        strstr(out, "\"person\":\"Q1\",") != NULL && strstr(out, "\"id\":\"L1\",\"list\":\"un\"") != NULL &&
        strstr(out, "\"person\":\"Q2\",\"record\":") != NULL && strstr(out, "\"matches\":[]}") != NULL);
  xb_string_free(out);
  xb_screening_index_free(index);
}

static void misuse(void) {
  xb_result* result = NULL;
  CHECK(xb_convert(NULL, "x", 1, &result) == XB_USAGE && result == NULL);
  CHECK(xb_converter_new(NULL, "xes-json", NULL, NULL, NULL) == XB_USAGE);
  CHECK(strcmp(xb_version(), "") != 0 && strcmp(xb_xes_version(), "1.1") == 0);
  CHECK(xb_result_output(NULL, NULL) == NULL && xb_result_ok(NULL) == 0);
  xb_result_free(NULL);
  xb_converter_free(NULL);
  xb_registry_free(NULL);
  xb_string_free(NULL);
}

#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* Memory running out inside a conversion is a status with a message, never an abort or an exception
 * across the ABI: in a child process whose address space is capped a little above what it uses, one
 * message of 600,000 persons (30 MB, far more as a model) is converted. */
static void out_of_memory(void) {
  fflush(NULL);
  const pid_t child = fork();
  if (child == 0) {
    static const char head[] = "{\"xes\": \"1.0\", \"header\": {\"message_id\": \"m1\", "
                               "\"created\": \"2026-01-01T00:00:00Z\"}, \"persons\": [";
    static const char person[] = "{\"id\": \"p1\", \"names\": [{\"full\": \"ANNA MUSTERFRAU\"}]},";
    const size_t count = 600000, length = sizeof head - 1 + count * (sizeof person - 1) + 2;
    char* input = malloc(length + 1);
    if (input == NULL) _exit(2);
    char* at = input;
    memcpy(at, head, sizeof head - 1);
    at += sizeof head - 1;
    for (size_t i = 0; i < count; ++i, at += sizeof person - 1) memcpy(at, person, sizeof person - 1);
    memcpy(at - 1, "]}\n", 4);  /* over the last comma */
    xb_converter* converter = NULL;
    if (xb_converter_new(NULL, "xes-json", "xes-json", NULL, &converter) != XB_OK) _exit(3);
    long size_kib = 0;
    char line[256];
    FILE* status = fopen("/proc/self/status", "r");
    while (status != NULL && fgets(line, sizeof line, status) != NULL) {
      if (strncmp(line, "VmSize:", 7) == 0) size_kib = strtol(line + 7, NULL, 10);
    }
    if (status != NULL) fclose(status);
    const struct rlimit limit = {(rlim_t)(size_kib + 256 * 1024) * 1024, (rlim_t)(size_kib + 256 * 1024) * 1024};
    if (size_kib == 0 || setrlimit(RLIMIT_AS, &limit) != 0) _exit(4);
    xb_result* result = NULL;
    const xb_status converted = xb_convert(converter, input, strlen(input), &result);
    _exit(converted == XB_FAILED && result == NULL && strcmp(xb_last_error(), "out of memory") == 0 ? 0 : 5);
  }
  int status = 0;
  CHECK(child > 0 && waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
#else
static void out_of_memory(void) {}
#endif

/* Profiles, inspect and the categories engine. */
static void profiles_inspect_categories(void) {
  char* text = NULL;
  CHECK(xb_profiles(NULL, &text) == XB_OK);
  CHECK(text != NULL && strstr(text, "ncic:ew\tncic\t") != NULL && strstr(text, "xml:un-sanctions\txml\t") != NULL);
  xb_string_free(text);

  const char* entry = "EW.MD1012600.NAM/DOE, JANE.SEX/F.DOB/19800101.\n";
  char* records = NULL;
  char* diagnostics = NULL;
  CHECK(xb_inspect(NULL, entry, strlen(entry), NULL, &records, &diagnostics) == XB_OK);
  CHECK(records != NULL && strstr(records, "{\"path\":\"NAM\",\"text\":\"DOE, JANE\",\"offset\":17}") != NULL);
  CHECK(diagnostics != NULL && strstr(diagnostics, "\"errors\":[]") != NULL);
  xb_string_free(records);
  xb_string_free(diagnostics);
  records = NULL;
  CHECK(xb_inspect(NULL, "{}", 2, "xes-json", &records, NULL) == XB_USAGE); /* XES has no fields */
  CHECK(records == NULL);

  CHECK(xb_categories_systems(NULL, &text) == XB_OK);
  CHECK(text != NULL && strstr(text, "\"id\":\"iccs\"") != NULL);
  xb_string_free(text);
  CHECK(xb_categories_translate(NULL, "ncic", "1201", "iccs", &text) == XB_OK);
  CHECK(text != NULL && strstr(text, "\"code\":\"0401\"") != NULL && strstr(text, "\"relation\":\"broadMatch\"") != NULL);
  xb_string_free(text);
  CHECK(xb_categories_eaw(NULL, "ncic", "1201", &text) == XB_OK);
  CHECK(text != NULL && text[0] == '[');
  xb_string_free(text);
  text = NULL;
  CHECK(xb_categories_translate(NULL, "ncic", "no-such-code", "iccs", &text) == XB_USAGE);
  CHECK(text == NULL && strstr(xb_last_error(), "no-such-code") != NULL);
  CHECK(xb_categories_translate(NULL, "ncic", "1201", NULL, &text) == XB_USAGE);
}

static void conformance_checks(void) {
  char* report = NULL;
  /* A Type-1 record that is cut short: not conformant, and the report says so. */
  const char input[] = "1.001:99\x1D" "1.002:0400\x1C";
  CHECK(xb_check("ebts-9.1", input, sizeof input - 1, &report) == XB_REJECTED);
  CHECK(report != NULL && strstr(report, "\"conformant\":false") != NULL);
  xb_string_free(report);
  report = NULL;
  CHECK(xb_check("no-such-spec", input, sizeof input - 1, &report) == XB_USAGE);
  CHECK(report == NULL);
  CHECK(xb_check(NULL, input, sizeof input - 1, &report) == XB_USAGE);
}

int main(void) {
  conversion();
  profiles_inspect_categories();
  streaming();
  registries_and_validation();
  text_functions();
  screening();
  misuse();
  out_of_memory();
  conformance_checks();
  if (failures > 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  puts("ok");
  return 0;
}
