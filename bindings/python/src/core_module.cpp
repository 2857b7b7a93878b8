// xborder._core: the C++ SDK for Python. The GIL is released around every conversion; XES messages cross
// as Python dicts built straight from the model (the same describe() lists the serialisers use).

#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <exception>
#include <mutex>
#include <thread>
#include <utility>

#include "check_module.hpp"
#include "core/xes_fields.hpp"
#include "messages.hpp"
#include "screening_module.hpp"
#include "core/memory_stream.hpp"
#include "sharing_module.hpp"
#include "xborder/categories.hpp"
#include "profiles/transform.hpp"
#include "xborder/convert.hpp"
#include "xborder/dates.hpp"
#include "xborder/mrz.hpp"
#include "xborder/names.hpp"
#include "xborder/text.hpp"
#include "xborder/xes_io.hpp"

namespace py = pybind11;

namespace xborder::python {
namespace {

// XES model -> Python objects, through describe(): absent values are left out, as in XES JSON.
class ToPython {
 public:
  explicit ToPython(py::dict& out) : out_(out) {}

  template <class F>
  void operator()(std::string_view name, const F& field) {
    if (detail::is_present(field)) out_[py::str(name.data(), name.size())] = value(field);
  }
  template <class F>
  void operator()(std::string_view name, std::string_view, const F& field) {
    (*this)(name, field);
  }
  template <class F>
  void always(std::string_view name, std::string_view, const F& field) {
    out_[py::str(name.data(), name.size())] = value(field);
  }

  static py::object value(const std::string& text) { return py::str(text); }
  static py::object value(std::int64_t number) { return py::int_(number); }
  static py::object value(double number) { return py::float_(number); }
  static py::object value(const xes::Bytes& bytes) {
    return py::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
  template <class T>
  static py::object value(const std::optional<T>& optional) {
    return value(*optional);
  }
  template <class T>
  static py::object value(const std::vector<T>& items) {
    py::list list;
    for (const auto& item : items) list.append(value(item));
    return std::move(list);
  }
  template <detail::xes_record T>
  static py::object value(const T& record) {
    py::dict dict;
    ToPython visitor(dict);
    detail::describe(visitor, record);
    return std::move(dict);
  }

 private:
  py::dict& out_;
};

py::list diagnostics_to_python(const Diagnostics& diagnostics) {
  py::list list;
  for (const auto& item : diagnostics.all()) {
    const char* severity = item.severity == Severity::error ? "error" : item.severity == Severity::warning ? "warning" : "loss";
    list.append(py::make_tuple(severity, item.code, item.message, item.format, item.path,
                               item.offset ? py::object(py::int_(*item.offset)) : py::object(py::none())));
  }
  return list;
}

// (messages, output bytes, diagnostics tuples)
py::tuple result_to_python(Result&& result) {
  auto messages = std::make_shared<Messages>(Messages{std::move(result.messages)});
  return py::make_tuple(messages, py::bytes(result.output), diagnostics_to_python(result.diagnostics));
}

Registry make_registry(std::optional<std::filesystem::path> mappings_dir, std::vector<std::filesystem::path> profile_dirs) {
  return Registry(RegistryOptions{mappings_dir.value_or(std::filesystem::path()), std::move(profile_dirs)});
}

// Pulls records from a streaming conversion of a file: a thread converts, a bounded queue hands records
// over, so a large input is read in bounded memory while Python iterates. Whatever the thread throws
// (std::bad_alloc, ...) is caught there and raised by next() once the records before it are taken: an
// exception leaving a thread would end the interpreter.
class FileReader {
 public:
  FileReader(const Converter& converter, const std::string& path) : converter_(converter), file_(path, std::ios::binary) {
    if (!file_) throw Error("cannot open '" + path + "'");
    worker_ = std::thread([this] {
      std::exception_ptr failure;
      try {
        converter_.convert(file_, [this](Result&& result) {
          std::unique_lock lock(mutex_);
          space_.wait(lock, [this] { return queue_.size() < kCapacity || stopped_; });
          if (stopped_) return false;
          queue_.push_back(std::move(result));
          ready_.notify_one();
          return true;
        });
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard lock(mutex_);
      failure_ = failure;
      finished_ = true;
      ready_.notify_one();
    });
  }
  ~FileReader() {
    {
      std::lock_guard lock(mutex_);
      stopped_ = true;
      space_.notify_all();
    }
    worker_.join();
  }

  std::optional<Result> next() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return !queue_.empty() || finished_; });
    if (queue_.empty()) {
      if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
      return std::nullopt;
    }
    Result result = std::move(queue_.front());
    queue_.pop_front();
    space_.notify_one();
    return result;
  }

 private:
  static constexpr std::size_t kCapacity = 64;
  Converter converter_;
  std::ifstream file_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Result> queue_;
  std::exception_ptr failure_;  // what the thread threw, raised after the records before it
  bool finished_ = false;
  bool stopped_ = false;
  std::thread worker_;
};

}  // namespace
}  // namespace xborder::python

PYBIND11_MODULE(_core, m) {
  using namespace xborder;
  using namespace xborder::python;
  m.doc() = "xborder C++ core: format registry, converters, XES validation";
  register_sharing(m);

  static py::exception<Error> error(m, "Error");
  static py::exception<FormatError> format_error(m, "FormatError", error.ptr());
  static py::exception<ProfileError> profile_error(m, "ProfileError", error.ptr());
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const ProfileError& e) {
      PyErr_SetObject(profile_error.ptr(), py::make_tuple(e.what(), e.file(), e.line()).ptr());
    } catch (const FormatError& e) {
      PyErr_SetString(format_error.ptr(), e.what());
    } catch (const Error& e) {
      PyErr_SetString(error.ptr(), e.what());
    }
  });

  py::class_<Messages, std::shared_ptr<Messages>>(m, "Messages", "XES messages held in C++ until needed.")
      .def("__len__", [](const Messages& held) { return held.messages.size(); })
      .def("to_python", [](const Messages& held) {
        py::list out;
        for (const auto& message : held.messages) out.append(ToPython::value(message));
        return out;
      }, "The messages as dicts (the XES JSON form).");

  py::class_<Converter>(m, "Converter", "Converts records between two formats; immutable, shareable across threads.")
      .def_property_readonly("source", &Converter::from)
      .def_property_readonly("target", &Converter::to)
      .def(
          "convert",
          [](const Converter& converter, py::bytes data) {
            std::string_view input = data;  // the bytes object stays alive (and unchanged) during the call
            Result result;
            {
              py::gil_scoped_release release;
              result = converter.convert(input);
            }
            return result_to_python(std::move(result));
          },
          py::arg("data"), "Converts every record of `data`: (messages, output, diagnostics).")
      .def(
          "convert_many",
          [](const Converter& converter, std::vector<std::string> inputs, unsigned threads) {
            std::vector<Result> results(inputs.size());
            std::exception_ptr failure;
            {
              py::gil_scoped_release release;
              std::atomic<std::size_t> next = 0;
              std::mutex failure_mutex;
              // Nothing may leave a thread (an exception there ends the interpreter): the first failure is
              // kept, the workers stop taking inputs, and it is raised in Python once all have joined.
              const auto work = [&]() noexcept {
                try {
                  for (std::size_t i = next++; i < inputs.size(); i = next++) results[i] = converter.convert(inputs[i]);
                } catch (...) {
                  next = inputs.size();
                  const std::lock_guard lock(failure_mutex);
                  if (!failure) failure = std::current_exception();
                }
              };
              std::vector<std::thread> pool;
              try {
                for (unsigned t = 1; t < std::max(1u, threads); ++t) pool.emplace_back(work);
              } catch (...) {  // std::system_error: no more threads to be had; those started and this one share the work
              }
              work();
              for (auto& thread : pool) thread.join();
            }
            if (failure) std::rethrow_exception(failure);
            py::list out;
            for (auto& result : results) out.append(result_to_python(std::move(result)));
            return out;
          },
          py::arg("inputs"), py::arg("threads") = 1, "Converts inputs in parallel in C++ (the GIL released).")
      .def(
          "_time_convert",
          [](const Converter& converter, std::vector<std::string> inputs) {
            py::gil_scoped_release release;
            const auto start = std::chrono::steady_clock::now();
            std::size_t records = 0;
            for (const auto& input : inputs) records += converter.convert(input).messages.size();
            const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
            return std::make_pair(elapsed.count(), records);
          },
          py::arg("inputs"),
          "Benchmark aid: (seconds, records) for converting `inputs` in C++ alone, no Python objects made.");

  py::class_<FileReader>(m, "FileReader", "Streams the records of a file, converting in a background thread.")
      .def(py::init([](const Converter& converter, const std::string& path) {
             return std::make_unique<FileReader>(converter, path);
           }),
           py::arg("converter"), py::arg("path"))
      .def("next", [](FileReader& reader) -> py::object {
        std::optional<Result> result;
        {
          py::gil_scoped_release release;
          result = reader.next();
        }
        if (!result) return py::none();
        return result_to_python(std::move(*result));
      });

  py::class_<Registry>(m, "Registry", "Formats, profiles and mappings; builtin() serves the embedded data.")
      .def(py::init(&make_registry), py::arg("mappings_dir") = py::none(), py::arg("profile_dirs") = std::vector<std::filesystem::path>{})
      .def_static("builtin", &Registry::builtin, py::return_value_policy::reference)
      .def("formats",
           [](const Registry& registry) {
             py::list out;
             for (const auto& info : registry.formats()) {
               out.append(py::make_tuple(info.id, info.description, info.can_read, info.can_write, info.binary));
             }
             return out;
           })
      .def("profiles",
           [](const Registry& registry) {
             py::list out;
             for (const auto& profile : registry.profiles()) {
               out.append(py::make_tuple(profile.id, profile.codec, profile.description, profile.file, profile.metadata));
             }
             return out;
           })
      .def("sniff", [](const Registry& registry, py::bytes head) { return registry.sniff(std::string_view(head)); })
      .def(
          "converter",
          [](const Registry& registry, const std::string& source, const std::string& target, bool strict,
             const std::string& created, const py::dict& limits) {
            ConvertOptions options{.strict = strict, .pretty = false, .created = created, .limits = {}};
            for (const auto& [key, value] : limits) {
              const std::string name = py::str(key);
              if (!options.limits.set(name, value.cast<std::size_t>())) throw py::value_error("unknown limit '" + name + "'");
            }
            return registry.converter(source, target, options);
          },
          py::arg("source") = "", py::arg("target") = "xes-json", py::arg("strict") = false, py::arg("created") = "",
          py::arg("limits") = py::dict())
      .def(
          "validate",
          [](const Registry& registry, py::bytes data, const std::string& format) {
            std::string_view input = data;
            Diagnostics diagnostics;
            {
              py::gil_scoped_release release;
              diagnostics = registry.validate(input, format);
            }
            return diagnostics_to_python(diagnostics);
          },
          py::arg("data"), py::arg("format") = "")
      .def(
          "inspect",
          [](const Registry& registry, py::bytes data, const std::string& format) {
            detail::MemoryStream stream{std::string_view(data)};
            py::list records;
            const Diagnostics diagnostics = registry.inspect(stream, format, [&](const FieldTree& tree) {
              py::list fields;
              for (const auto& field : tree.fields) {
                fields.append(py::make_tuple(field.path, field.binary ? py::object(py::none()) : py::object(py::str(field.text)),
                                             py::bytes(field.raw.data(), field.raw.size()), field.offset));
              }
              records.append(py::make_tuple(tree.label, tree.offset, fields));
              return true;
            });
            return py::make_tuple(records, diagnostics_to_python(diagnostics));
          },
          py::arg("data"), py::arg("format"));

  py::class_<Categories>(m, "Categories", "Offence classification systems and their crosswalks (ICCS pivot).")
      .def(py::init([](const std::string& mappings_dir, bool directory_only) {
             return Categories(mappings_dir, directory_only ? Categories::Tables::directory_only
                                                            : Categories::Tables::builtin_and_directory);
           }),
           py::arg("mappings_dir"), py::arg("directory_only") = false, py::call_guard<py::gil_scoped_release>())
      .def_static("builtin", &Categories::builtin, py::return_value_policy::reference)
      .def("systems",
           [](const Categories& categories) {
             py::list out;
             for (const auto& s : categories.systems()) out.append(py::make_tuple(s.id, s.name, s.version, s.source, s.codes));
             return out;
           })
      .def("title", &Categories::title, py::arg("system"), py::arg("code"))
      .def(
          "translate",
          [](const Categories& categories, const std::string& system, const std::string& code, const std::string& target) {
            std::vector<CategoryCandidate> candidates;
            {
              py::gil_scoped_release release;
              candidates = categories.translate(system, code, target);
            }
            py::list out;
            for (const auto& c : candidates) {
              py::list path;
              for (const auto& step : c.path) {
                path.append(py::make_tuple(step.system, step.code, step.title, std::string(relation_name(step.relation)), step.via));
              }
              out.append(py::make_tuple(c.system, c.code, c.title, std::string(relation_name(c.relation)), path,
                                        categories.explain(c)));
            }
            return out;
          },
          py::arg("system"), py::arg("code"), py::arg("target"))
      .def("qualifiers",
           [](const Categories& categories, const std::string& system) {
             py::list out;
             for (const auto& q : categories.qualifiers(system)) out.append(py::make_tuple(q.qualifier, q.value, q.meaning));
             return out;
           },
           py::arg("system"))
      .def("ancestors", &Categories::ancestors, py::arg("system"), py::arg("code"))
      .def("descendants", &Categories::descendants, py::arg("system"), py::arg("code"));

  py::class_<Transliteration>(m, "Transliteration", "Transliteration schemes: ICAO 9303 tables, ICU ids, rule files.")
      .def_static("builtin", &Transliteration::builtin, py::return_value_policy::reference)
      .def("schemes", &Transliteration::schemes)
      .def("apply", &Transliteration::apply, py::arg("text"), py::arg("scheme"), py::call_guard<py::gil_scoped_release>())
      .def(
          "mrz_name",
          [](const Transliteration& t, const std::string& primary, const std::string& secondary, std::size_t width,
             const std::string& scheme) {
            MrzName name;
            {
              py::gil_scoped_release release;
              name = t.mrz_name(primary, secondary, width, scheme);
            }
            return py::make_tuple(name.field, name.truncated, name.dropped);
          },
          py::arg("primary"), py::arg("secondary"), py::arg("width"), py::arg("scheme"));

  // The report stays a C++ object; Python reads what it asks for (a parse costs about 2 us from Python).
  static constexpr const char* kOutcomes[] = {"pass", "fail", "warning"};
  py::class_<mrz::Report>(m, "MrzReport", "The validation report of a machine-readable zone.")
      .def_property_readonly("layout", [](const mrz::Report& r) { return std::string(mrz::layout_name(r.layout)); })
      .def_property_readonly("valid", &mrz::Report::valid)
      .def_property_readonly("lines", [](const mrz::Report& r) { return r.lines; })
      .def_property_readonly("fields",
                             [](const mrz::Report& r) {
                               py::dict out;
                               r.fields.each([&](const char* name, const std::string& value) { out[name] = value; });
                               return out;
                             })
      .def_property_readonly("checks",
                             [](const mrz::Report& r) {
                               py::list out;
                               for (const auto& c : r.checks) {
                                 out.append(py::make_tuple(std::string(c.name), std::string(c.field), c.line, c.column,
                                                           c.length, kOutcomes[static_cast<int>(c.outcome)], c.message));
                               }
                               return out;
                             })
      .def_property_readonly("corrections",
                             [](const mrz::Report& r) {
                               py::list out;
                               for (const auto& c : r.corrections) {
                                 out.append(py::make_tuple(c.line, c.column, c.found, c.read_as, c.reason));
                               }
                               return out;
                             })
      .def("to_json", &mrz::Report::to_json);
  m.def(
      "mrz_read",
      [](std::string_view text, bool lenient, const std::string& reference_date) {
        py::gil_scoped_release release;
        return mrz::read(text, {.lenient = lenient, .reference_date = reference_date, .positions = false});
      },
      py::arg("text"), py::arg("lenient"), py::arg("reference_date"), "The validation report of a zone.");
  m.def(
      "mrz_write",
      [](const std::string& layout, const std::map<std::string, std::string>& values) {
        mrz::Document document;
        static const std::map<std::string, mrz::Layout> kLayouts{{"td1", mrz::Layout::td1}, {"td2", mrz::Layout::td2},
                                                                 {"td3", mrz::Layout::td3}, {"mrva", mrz::Layout::mrva},
                                                                 {"mrvb", mrz::Layout::mrvb}};
        const auto found = kLayouts.find(layout);
        if (found == kLayouts.end()) throw Error("an MRZ of layout '" + layout + "' cannot be written");
        document.layout = found->second;
        const std::map<std::string, std::string mrz::Document::*> members{
            {"document_code", &mrz::Document::document_code}, {"issuing_state", &mrz::Document::issuing_state},
            {"document_number", &mrz::Document::document_number}, {"nationality", &mrz::Document::nationality},
            {"birth_date", &mrz::Document::birth_date}, {"sex", &mrz::Document::sex},
            {"expiry_date", &mrz::Document::expiry_date}, {"optional_data", &mrz::Document::optional_data},
            {"optional_data_2", &mrz::Document::optional_data_2}, {"primary_identifier", &mrz::Document::primary_identifier},
            {"secondary_identifier", &mrz::Document::secondary_identifier}, {"scheme", &mrz::Document::scheme}};
        for (const auto& [name, value] : values) {
          const auto member = members.find(name);
          if (member == members.end()) throw Error("an MRZ document has no field '" + name + "'");
          document.*(member->second) = value;
        }
        mrz::Written written;
        {
          py::gil_scoped_release release;
          written = mrz::write(document);
        }
        return py::make_tuple(written.lines, written.name_truncated, written.problems);
      },
      py::arg("layout"), py::arg("values"), "Lines of a zone written from the document's fields.");

  m.def(
      "to_gregorian",
      [](const std::string& calendar, const std::string& era, int year, int month, int day) {
        return dates::to_gregorian({calendar, era, year, month, day});
      },
      py::arg("calendar"), py::arg("era"), py::arg("year"), py::arg("month"), py::arg("day"));
  m.def(
      "from_gregorian",
      [](const std::string& iso_date, const std::string& calendar) {
        const auto date = dates::from_gregorian(iso_date, calendar);
        return py::make_tuple(date.calendar, date.era, date.year, date.month, date.day);
      },
      py::arg("iso_date"), py::arg("calendar"));
  m.def(
      "year_range",
      [](const std::string& calendar, int year, const std::string& era) {
        const auto range = dates::year_range(calendar, year, era);
        return py::make_tuple(range.first, range.last);
      },
      py::arg("calendar"), py::arg("year"), py::arg("era"));
  m.def(
      "parse_date",
      [](const std::string& text, const std::string& layout, const std::string& calendar, int pivot) {
        std::string why;
        const auto date = dates::DateLayout(layout, pivot, calendar).parse(text, &why);
        if (!date) throw Error("'" + text + "' does not fit the date layout " + layout + ": " + why);
        return date->to_string();
      },
      py::arg("text"), py::arg("layout"), py::arg("calendar"), py::arg("pivot"));
  m.def(
      "format_date",
      [](const std::string& text, const std::string& layout, const std::string& calendar, int pivot) {
        const auto date = dates::PartialDate::parse(text);
        if (!date) throw Error("'" + text + "' is not a partial date (YYYY, YYYY-MM, YYYY-MM-DD, ~, first/last)");
        std::string why;
        const auto written = dates::DateLayout(layout, pivot, calendar).format(*date, &why);
        if (!written) throw Error("'" + text + "' cannot be written as " + layout + ": " + why);
        return *written;
      },
      py::arg("date"), py::arg("layout"), py::arg("calendar"), py::arg("pivot"));
  m.def(
      "dates_may_equal",
      [](const std::string& a, const std::string& b) {
        const auto first = dates::PartialDate::parse(a), second = dates::PartialDate::parse(b);
        if (!first || !second) throw Error("'" + (first ? b : a) + "' is not a partial date");
        return first->may_equal(*second);
      },
      py::arg("a"), py::arg("b"));

  m.def(
      "detect_charsets",
      [](const py::bytes& data) {
        const std::string bytes = data;
        py::list out;
        for (const auto& guess : detect_charsets(bytes)) out.append(py::make_tuple(guess.name, guess.confidence));
        return out;
      },
      py::arg("data"));
  m.def(
      "decode",
      [](const py::bytes& data, const std::string& charset, bool replace, const std::string& replacement) {
        const std::string bytes = data;
        Decoded decoded;
        {
          py::gil_scoped_release release;
          decoded = decode(bytes, charset, {replace ? OnInvalid::replace : OnInvalid::stop, replacement});
        }
        return py::make_tuple(decoded.text, decoded.invalid);
      },
      py::arg("data"), py::arg("charset"), py::arg("replace"), py::arg("replacement"));
  m.def("name_script", [](const std::string& name) {
    const auto info = names::script(name);
    return py::make_tuple(info.code, info.mixed);
  }, py::arg("name"));
  m.def("name_normalise", &names::normalise, py::arg("name"), py::call_guard<py::gil_scoped_release>());
  m.def("name_tokens", &names::tokens, py::arg("name"), py::call_guard<py::gil_scoped_release>());
  m.def("name_key", &names::key, py::arg("name"), py::call_guard<py::gil_scoped_release>());
  m.def("name_variants", &names::variants, py::arg("name"), py::call_guard<py::gil_scoped_release>());
  m.def("name_similarity", py::overload_cast<std::string_view, std::string_view>(&names::similarity), py::arg("a"),
        py::arg("b"), py::call_guard<py::gil_scoped_release>());
  py::class_<names::Prepared>(m, "PreparedName", "A name romanised once, to be compared with many.")
      .def(py::init<std::string_view>(), py::arg("name"), py::call_guard<py::gil_scoped_release>())
      .def("tokens", &names::Prepared::tokens);
  m.def("prepared_similarity", py::overload_cast<const names::Prepared&, const names::Prepared&>(&names::similarity),
        py::arg("a"), py::arg("b"), py::call_guard<py::gil_scoped_release>());

  m.attr("XES_VERSION") = xes::kVersion;
  python::add_check(m);
  register_screening(m);
}
