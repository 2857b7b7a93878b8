// The C ABI (include/xborder/xborder.h) over the C++ API: handles own C++ objects, every entry point catches
// what the C++ side throws and turns it into a status and the thread's last error.

#include "xborder/xborder.h"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "xborder/categories.hpp"
#include "xborder/check.hpp"
#include "xborder/convert.hpp"
#include "xborder/hitkey.hpp"
#include "xborder/mrz.hpp"
#include "xborder/names.hpp"
#include "xborder/release.hpp"
#include "xborder/screen.hpp"
#include "xborder/signature.hpp"
#include "xborder/text.hpp"
#include "xborder/xes.hpp"
#include "xborder/xes_io.hpp"

struct xb_registry {
  xborder::Registry registry;
};

struct xb_converter {
  xborder::Converter converter;
};

struct xb_result {
  xborder::Result result;
  std::string diagnostics;  // the JSON, made once
};

namespace {

thread_local std::string last_error;

// Never throws, so it is safe in the handlers of guarded(): a message that cannot be kept (no memory) is
// replaced by one that needs none.
xb_status fail(xb_status status, std::string_view message) noexcept {
  try {
    last_error.assign(message.data(), message.size());
  } catch (...) {
    last_error = "out of memory";  // fits any string's own buffer (15 bytes at least): no allocation
  }
  return status;
}

// Runs `body`, mapping what it throws to a status: bad arguments and unknown ids are the caller's (XB_USAGE),
// a mappings file that does not load and anything else the library's (XB_FAILED).
template <class Body>
xb_status guarded(Body&& body) {
  try {
    return body();
  } catch (const xborder::ProfileError& e) {
    return fail(XB_FAILED, e.what());
  } catch (const xborder::Error& e) {
    return fail(XB_USAGE, e.what());
  } catch (const std::bad_alloc&) {
    return fail(XB_FAILED, "out of memory");
  } catch (const std::exception& e) {
    return fail(XB_FAILED, e.what());
  } catch (...) {
    return fail(XB_FAILED, "unknown failure");
  }
}

// A copy the caller frees with xb_string_free.
char* c_string(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

const xborder::Registry& registry_of(const xb_registry* registry) {
  return registry ? registry->registry : xborder::Registry::builtin();
}

}  // namespace

extern "C" {

const char* xb_version(void) { return XBORDER_VERSION; }
const char* xb_xes_version(void) { return xborder::xes::kVersion; }
const char* xb_last_error(void) { return last_error.c_str(); }
void xb_string_free(char* text) { std::free(text); }

xb_status xb_registry_new(const char* mappings_dir, const char* const* profile_dirs, size_t profile_dir_count,
                          xb_registry** out) {
  if (out == nullptr || (profile_dir_count > 0 && profile_dirs == nullptr)) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    xborder::RegistryOptions options;
    if (mappings_dir != nullptr) options.mappings_dir = mappings_dir;
    for (size_t i = 0; i < profile_dir_count; ++i) {
      if (profile_dirs[i] == nullptr) return fail(XB_USAGE, "NULL profile directory");
      options.profile_dirs.emplace_back(profile_dirs[i]);
    }
    *out = new xb_registry{xborder::Registry(std::move(options))};
    return XB_OK;
  });
}

void xb_registry_free(xb_registry* registry) { delete registry; }

xb_status xb_formats(const xb_registry* registry, char** out) {
  if (out == nullptr) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    std::string lines;
    for (const auto& info : registry_of(registry).formats()) {
      lines += info.id + "\t" + (info.can_read ? "r" : "-") + (info.can_write ? "w" : "-") + "\t" + info.description + "\n";
    }
    *out = c_string(lines);
    return XB_OK;
  });
}

xb_status xb_sniff(const xb_registry* registry, const char* head, size_t length, char** out) {
  if (out == nullptr || (head == nullptr && length > 0)) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    *out = c_string(registry_of(registry).sniff(std::string_view(head ? head : "", length)));
    return XB_OK;
  });
}

xb_status xb_converter_new(const xb_registry* registry, const char* from, const char* to,
                           const xb_convert_options* options, xb_converter** out) {
  if (out == nullptr || to == nullptr) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    xborder::ConvertOptions convert_options;
    if (options != nullptr) {
      convert_options.strict = options->strict != 0;
      convert_options.pretty = options->pretty != 0;
      if (options->created != nullptr) convert_options.created = options->created;
      if (const xb_limits* limits = options->limits) {
        xborder::Limits& set = convert_options.limits;
        for (const auto& [given, bound] : {std::pair{limits->input_bytes, &set.input_bytes}, {limits->records, &set.records},
                                           {limits->fields, &set.fields}, {limits->value_bytes, &set.value_bytes},
                                           {limits->path_bytes, &set.path_bytes}, {limits->depth, &set.depth},
                                           {limits->diagnostics, &set.diagnostics}}) {
          if (given != 0) *bound = given;
        }
      }
    }
    *out = new xb_converter{registry_of(registry).converter(from ? from : "", to, std::move(convert_options))};
    return XB_OK;
  });
}

void xb_converter_free(xb_converter* converter) { delete converter; }

xb_status xb_convert(const xb_converter* converter, const char* input, size_t length, xb_result** out) {
  if (converter == nullptr || out == nullptr || (input == nullptr && length > 0)) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    auto made = std::make_unique<xb_result>(
        xb_result{converter->converter.convert(std::string_view(input ? input : "", length)), {}});
    made->diagnostics = made->result.diagnostics.to_json();
    const bool ok = made->result.ok();
    *out = made.release();
    return ok ? XB_OK : fail(XB_REJECTED, "the input was refused: see the result's diagnostics");
  });
}

xb_status xb_convert_file(const xb_converter* converter, const char* path, xb_record_callback on_record, void* context) {
  if (converter == nullptr || path == nullptr || on_record == nullptr) return fail(XB_USAGE, "NULL argument");
  return guarded([&] {
    std::ifstream file;
    const bool standard_input = std::strcmp(path, "-") == 0;
    if (!standard_input) {
      file.open(path, std::ios::binary);
      if (!file) return fail(XB_USAGE, std::string("cannot open '") + path + "'");
    }
    bool refused = false;
    converter->converter.convert(standard_input ? std::cin : file, [&](xborder::Result&& record) {
      refused = refused || !record.ok();
      const std::string diagnostics = record.diagnostics.to_json();
      return on_record(context, record.output.c_str(), record.output.size(), diagnostics.c_str(), record.ok() ? 1 : 0) != 0;
    });
    return refused ? fail(XB_REJECTED, "a record was refused: see its diagnostics") : XB_OK;
  });
}

const char* xb_result_output(const xb_result* result, size_t* length) {
  if (result == nullptr) return nullptr;
  if (length != nullptr) *length = result->result.output.size();
  return result->result.output.c_str();
}

const char* xb_result_diagnostics(const xb_result* result) { return result ? result->diagnostics.c_str() : nullptr; }
size_t xb_result_records(const xb_result* result) { return result ? result->result.messages.size() : 0; }
int xb_result_ok(const xb_result* result) { return result != nullptr && result->result.ok() ? 1 : 0; }
void xb_result_free(xb_result* result) { delete result; }

xb_status xb_validate(const xb_registry* registry, const char* input, size_t length, const char* format,
                      char** diagnostics_json) {
  if (diagnostics_json == nullptr || (input == nullptr && length > 0)) return fail(XB_USAGE, "NULL argument");
  *diagnostics_json = nullptr;
  return guarded([&] {
    const auto diagnostics =
        registry_of(registry).validate(std::string_view(input ? input : "", length), format ? format : "");
    *diagnostics_json = c_string(diagnostics.to_json());
    return diagnostics.has_errors() ? fail(XB_REJECTED, "the document is not valid XES: see the diagnostics") : XB_OK;
  });
}

xb_status xb_transliterate(const char* text, const char* scheme, char** out) {
  if (text == nullptr || scheme == nullptr || out == nullptr) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    *out = c_string(xborder::transliterate(text, scheme));
    return XB_OK;
  });
}

xb_status xb_name_key(const char* name, char** out) {
  if (name == nullptr || out == nullptr) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    *out = c_string(xborder::names::key(name));
    return XB_OK;
  });
}

xb_status xb_name_similarity(const char* a, const char* b, double* out) {
  if (a == nullptr || b == nullptr || out == nullptr) return fail(XB_USAGE, "NULL argument");
  return guarded([&] {
    *out = xborder::names::similarity(a, b);
    return XB_OK;
  });
}

xb_status xb_mrz_check(const char* text, int lenient, const char* reference_date, char** report_json) {
  if (text == nullptr || report_json == nullptr) return fail(XB_USAGE, "NULL argument");
  *report_json = nullptr;
  return guarded([&] {
    const auto report = xborder::mrz::read(text, {.lenient = lenient != 0, .reference_date = reference_date ? reference_date : ""});
    *report_json = c_string(report.to_json());
    return report.valid() ? XB_OK : fail(XB_REJECTED, "the zone is not valid: see the report");
  });
}

xb_status xb_profiles(const xb_registry* registry, char** out) {
  if (out == nullptr) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    std::string lines;
    for (const auto& info : registry_of(registry).profiles()) {
      const std::string id = info.id == info.codec ? info.codec : info.codec + ":" + info.id;
      lines += id + "\t" + info.codec + "\t" + info.description + "\t" + info.file + "\n";
    }
    *out = c_string(lines);
    return XB_OK;
  });
}

xb_status xb_check(const char* spec, const char* input, size_t length, char** report_json) {
  if (spec == nullptr || (input == nullptr && length > 0) || report_json == nullptr) {
    return fail(XB_USAGE, "NULL argument");
  }
  *report_json = nullptr;
  return guarded([&] {
    const auto report =
        xborder::Specification::load(spec).check(std::string_view(input == nullptr ? "" : input, length));
    *report_json = c_string(report.to_json());
    return report.conformant() ? XB_OK : fail(XB_REJECTED, "the transaction does not conform: see the report");
  });
}

xb_status xb_policies(const char* mappings_dir, char** out) {
  if (out == nullptr) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    std::optional<xborder::ReleasePolicies> own;
    if (mappings_dir != nullptr) own.emplace(mappings_dir);
    std::string lines;
    for (const auto& policy : (own ? *own : xborder::ReleasePolicies::builtin()).list()) {
      std::string handling;
      for (const auto& code : policy.handling) handling.append(handling.empty() ? "" : ",").append(code);
      lines.append(policy.id).append("\t").append(policy.version).append("\t").append(policy.recipient).append("\t");
      lines.append(handling).append("\t").append(policy.description).append("\n");
    }
    *out = c_string(lines);
    return XB_OK;
  });
}

xb_status xb_release(const char* policy, const char* input, size_t length, const char* recipient, const char* purpose,
                     const char* hash_key, char** output, char** record_json) {
  if (policy == nullptr || input == nullptr || output == nullptr || record_json == nullptr) {
    return fail(XB_USAGE, "NULL argument");
  }
  *output = nullptr;
  *record_json = nullptr;
  return guarded([&] {
    const std::string_view bytes(input, length);
    xborder::ReleaseRequest request;
    request.recipient = recipient ? recipient : "";
    request.purpose = purpose ? purpose : "";
    request.hash_key = hash_key ? hash_key : "";
    xborder::Diagnostics diagnostics;
    const auto release = xborder::ReleasePolicies::builtin().release(policy, bytes, xborder::xes_syntax_of(bytes),
                                                                     request, diagnostics);
    *record_json = c_string(release.record.to_json());
    if (!release.output) {
      return fail(XB_REJECTED, diagnostics.has_errors() ? diagnostics.all().front().message : "not released under the policy: see the record");
    }
    *output = c_string(*release.output);
    return XB_OK;
  });
}

xb_status xb_sign(const char* private_key_pem, const char* input, size_t length, char** output) {
  if (private_key_pem == nullptr || input == nullptr || output == nullptr) return fail(XB_USAGE, "NULL argument");
  *output = nullptr;
  return guarded([&] {
    const std::string_view bytes(input, length);
    xborder::Diagnostics diagnostics;
    const auto signed_message = xborder::sign_xes(bytes, xborder::xes_syntax_of(bytes),
                                                  xborder::SigningKey::from_pem(private_key_pem), diagnostics);
    if (!signed_message) return fail(XB_REJECTED, "not a readable XES message");
    *output = c_string(*signed_message);
    return XB_OK;
  });
}

xb_status xb_verify(const char* public_key_pem, const char* input, size_t length, char** reason) {
  if (public_key_pem == nullptr || input == nullptr) return fail(XB_USAGE, "NULL argument");
  if (reason != nullptr) *reason = nullptr;
  return guarded([&] {
    const std::string_view bytes(input, length);
    xborder::Diagnostics diagnostics;
    const auto verification = xborder::verify_xes(bytes, xborder::xes_syntax_of(bytes),
                                                  xborder::VerifyingKey::from_pem(public_key_pem), diagnostics);
    if (verification.valid) return XB_OK;
    if (reason != nullptr) *reason = c_string(verification.reason);
    return fail(XB_REJECTED, verification.reason);
  });
}

xb_status xb_hit_keys(const char* secret, size_t secret_length, const char* input, size_t length, char** ndjson) {
  if (secret == nullptr || input == nullptr || ndjson == nullptr) return fail(XB_USAGE, "NULL argument");
  *ndjson = nullptr;
  return guarded([&] {
    const std::string_view bytes(input, length);
    xborder::Diagnostics diagnostics;
    const auto message = xborder::read_xes(bytes, xborder::xes_syntax_of(bytes), diagnostics);
    if (!message) return fail(XB_REJECTED, diagnostics.all().empty() ? "not a readable XES message" : diagnostics.all().front().message);
    std::string lines;
    for (const auto& person : xborder::HitKeys(std::string_view(secret, secret_length)).of(*message)) {
      lines.append(person.to_json()).append(1, '\n');
    }
    *ndjson = c_string(lines);
    return XB_OK;
  });
}

}  // extern "C"

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void json_string(JsonWriter& out, std::string_view text) {
  out.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void json_string(JsonWriter& json, const char* key, std::string_view value) {
  json.Key(key);
  json_string(json, value);
}

// Candidates as [{"system", "code", "title", "relation", "explanation"}].
std::string candidates_json(const xborder::Categories& categories, const std::vector<xborder::CategoryCandidate>& found) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartArray();
  for (const auto& candidate : found) {
    json.StartObject();
    json_string(json, "system", candidate.system);
    json_string(json, "code", candidate.code);
    json_string(json, "title", candidate.title);
    json_string(json, "relation", xborder::relation_name(candidate.relation));
    json_string(json, "explanation", categories.explain(candidate));
    json.EndObject();
  }
  json.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

// The built-in engine, or one over a directory's tables (built for the call: tables load in milliseconds).
template <class Body>
xb_status with_categories(const char* mappings_dir, Body&& body) {
  if (mappings_dir == nullptr) return body(xborder::Categories::builtin());
  const xborder::Categories categories{std::filesystem::path(mappings_dir)};
  return body(categories);
}

xb_status check_code(const xborder::Categories& categories, const char* system, const char* code) {
  if (!categories.has(system, code)) {
    return fail(XB_USAGE, std::string("no code '") + code + "' in system '" + system + "'");
  }
  return XB_OK;
}

}  // namespace

extern "C" {

xb_status xb_inspect(const xb_registry* registry, const char* input, size_t length, const char* format,
                     char** records_json, char** diagnostics_json) {
  if ((input == nullptr && length > 0) || records_json == nullptr) return fail(XB_USAGE, "NULL argument");
  *records_json = nullptr;
  if (diagnostics_json != nullptr) *diagnostics_json = nullptr;
  return guarded([&] {
    std::istringstream stream(std::string(input ? input : "", length));
    rapidjson::StringBuffer buffer;
    JsonWriter json(buffer);
    json.StartArray();
    const xborder::Diagnostics diagnostics =
        registry_of(registry).inspect(stream, format ? format : "", [&](const xborder::FieldTree& tree) {
          json.StartObject();
          json_string(json, "label", tree.label);
          json.Key("offset");
          json.Uint64(tree.offset);
          json.Key("fields");
          json.StartArray();
          for (const auto& field : tree.fields) {
            json.StartObject();
            json_string(json, "path", field.path);
            if (field.binary) {
              json.Key("length");
              json.Uint64(field.raw.size());
            } else {
              json_string(json, "text", field.text);
            }
            json.Key("offset");
            json.Uint64(field.offset);
            json.EndObject();
          }
          json.EndArray();
          json.EndObject();
          return true;
        });
    json.EndArray();
    *records_json = c_string({buffer.GetString(), buffer.GetSize()});
    if (diagnostics_json != nullptr) *diagnostics_json = c_string(diagnostics.to_json());
    return diagnostics.has_errors() ? fail(XB_REJECTED, "the input has errors: see the diagnostics") : XB_OK;
  });
}

xb_status xb_categories_systems(const char* mappings_dir, char** out_json) {
  if (out_json == nullptr) return fail(XB_USAGE, "NULL argument");
  *out_json = nullptr;
  return guarded([&] {
    return with_categories(mappings_dir, [&](const xborder::Categories& categories) {
      rapidjson::StringBuffer buffer;
      JsonWriter json(buffer);
      json.StartArray();
      for (const auto& system : categories.systems()) {
        json.StartObject();
        json_string(json, "id", system.id);
        json_string(json, "name", system.name);
        json_string(json, "version", system.version);
        json_string(json, "source", system.source);
        json.Key("codes");
        json.Uint64(system.codes);
        json.EndObject();
      }
      json.EndArray();
      *out_json = c_string({buffer.GetString(), buffer.GetSize()});
      return XB_OK;
    });
  });
}

xb_status xb_categories_translate(const char* mappings_dir, const char* system, const char* code, const char* target,
                                  char** out_json) {
  if (system == nullptr || code == nullptr || target == nullptr || out_json == nullptr) {
    return fail(XB_USAGE, "NULL argument");
  }
  *out_json = nullptr;
  return guarded([&] {
    return with_categories(mappings_dir, [&](const xborder::Categories& categories) {
      if (const xb_status status = check_code(categories, system, code); status != XB_OK) return status;
      *out_json = c_string(candidates_json(categories, categories.translate(system, code, target)));
      return XB_OK;
    });
  });
}

xb_status xb_categories_eaw(const char* mappings_dir, const char* system, const char* code, char** out_json) {
  if (system == nullptr || code == nullptr || out_json == nullptr) return fail(XB_USAGE, "NULL argument");
  *out_json = nullptr;
  return guarded([&] {
    return with_categories(mappings_dir, [&](const xborder::Categories& categories) {
      if (const xb_status status = check_code(categories, system, code); status != XB_OK) return status;
      *out_json = c_string(candidates_json(categories, categories.on_eaw_list(system, code)));
      return XB_OK;
    });
  });
}

}  // extern "C"

namespace {

void json_strings(JsonWriter& out, const std::vector<std::string>& texts) {
  out.StartArray();
  for (const auto& text : texts) json_string(out, text);
  out.EndArray();
}

// The messages of one input read into XES; errors of reading go to last_error and make XB_REJECTED.
xb_status read_messages(const xb_registry* registry, const char* input, size_t length, const char* format,
                        std::vector<xborder::xes::Message>& messages) {
  const auto& formats = registry != nullptr ? registry->registry : xborder::Registry::builtin();
  auto result = formats.converter(format ? format : "", "").convert(std::string_view(input, length));
  messages = std::move(result.messages);
  return result.ok() ? XB_OK : fail(XB_REJECTED, result.diagnostics.to_json());
}

}  // namespace

struct xb_screening_index {
  xborder::screening::Index index;
};

xb_status xb_name_compare(const char* a, const char* b, double* score, int* match, char** explanation_json) {
  if (a == nullptr || b == nullptr || score == nullptr || match == nullptr) return fail(XB_USAGE, "NULL argument");
  if (explanation_json != nullptr) *explanation_json = nullptr;
  return guarded([&] {
    const auto result = xborder::names::compare(a, b);
    *score = result.score;
    *match = result.match ? 1 : 0;
    if (explanation_json != nullptr) {
      rapidjson::StringBuffer buffer;
      JsonWriter out(buffer);
      json_strings(out, result.explanation);
      *explanation_json = c_string(buffer.GetString());
    }
    return XB_OK;
  });
}

xb_status xb_screening_index_new(xb_screening_index** out) {
  if (out == nullptr) return fail(XB_USAGE, "NULL argument");
  *out = nullptr;
  return guarded([&] {
    *out = new xb_screening_index{};
    return XB_OK;
  });
}

xb_status xb_screening_index_add(xb_screening_index* index, const xb_registry* registry, const char* input,
                                 size_t length, const char* format, const char* list) {
  if (index == nullptr || list == nullptr || (input == nullptr && length > 0)) {
    return fail(XB_USAGE, "NULL argument");
  }
  return guarded([&] {
    std::vector<xborder::xes::Message> messages;
    const xb_status status = read_messages(registry, input, length, format, messages);
    index->index.add(messages, list);
    return status;
  });
}

size_t xb_screening_index_size(const xb_screening_index* index) { return index ? index->index.size() : 0; }

xb_status xb_screen(const xb_screening_index* index, const xb_registry* registry, const char* input, size_t length,
                    const char* format, double threshold, size_t top, char** ndjson) {
  if (index == nullptr || ndjson == nullptr || (input == nullptr && length > 0)) {
    return fail(XB_USAGE, "NULL argument");
  }
  *ndjson = nullptr;
  return guarded([&] {
    std::vector<xborder::xes::Message> messages;
    const xb_status status = read_messages(registry, input, length, format, messages);
    xborder::screening::Options options;
    if (threshold > 0) options.threshold = threshold;
    if (top > 0) options.top = top;
    std::string lines;
    for (const auto& message : messages) {
      const auto results = index->index.screen(message, options);
      for (std::size_t p = 0; p < message.persons.size(); ++p) {
        rapidjson::StringBuffer buffer;
        JsonWriter out(buffer);
        out.StartObject();
        out.Key("person");
        json_string(out, message.persons[p].id);
        out.Key("record");
        json_string(out, message.header.message_id);
        out.Key("matches");
        out.StartArray();
        for (const auto& match : results[p]) {
          out.StartObject();
          out.Key("id");
          json_string(out, match.id);
          out.Key("list");
          json_string(out, match.list);
          out.Key("score");
          out.Double(match.score);
          out.Key("decision");
          json_string(out, xborder::to_string(match.decision));
          out.Key("explanation");
          json_strings(out, match.explanation);
          out.EndObject();
        }
        out.EndArray();
        out.EndObject();
        lines.append(buffer.GetString(), buffer.GetSize());
        lines += '\n';
      }
    }
    *ndjson = c_string(lines);
    return status;
  });
}

void xb_screening_index_free(xb_screening_index* index) { delete index; }
