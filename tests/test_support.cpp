#include "test_support.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace xborder::test {

ScratchDir::ScratchDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("xborder-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() { std::filesystem::remove_all(path_); }

void ScratchDir::write(const std::string& name, const std::string& text) const {
  std::ofstream(path_ / name, std::ios::binary) << text;
}

namespace {

std::string file_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("missing test file " + path.string());
  std::ostringstream text;
  text << file.rdbuf();
  return std::move(text).str();
}

}  // namespace

std::string source_file(std::string_view relative_path) {
  return file_text(std::filesystem::path(XBORDER_SOURCE_DIR) / relative_path);
}

std::string reference_file(std::string_view relative_path) {
  return file_text(std::filesystem::path(XBORDER_REFERENCE_DIR) / relative_path);
}

std::string xes_json(std::string_view members) {
  rapidjson::Document doc;
  doc.Parse(R"({"xes": "1.0", "header": {"message_id": "m1", "created": "2026-01-01T00:00:00Z"},
    "persons": [], "documents": [], "offences": [], "notices": [], "warrants": [], "biometrics": [],
    "vehicles": [], "objects": [], "organisations": [], "locations": [], "relations": [], "provenance": [],
    "extensions": []})");
  if (!members.empty()) {
    rapidjson::Document extra;
    const std::string text = "{" + std::string(members) + "}";
    extra.Parse(text.data(), text.size());
    if (extra.HasParseError()) throw std::runtime_error("bad test members: " + text);
    for (auto& member : extra.GetObject()) {
      rapidjson::Value key(member.name, doc.GetAllocator());
      rapidjson::Value value(member.value, doc.GetAllocator());
      doc.EraseMember(key);
      doc.AddMember(key, value, doc.GetAllocator());
    }
  }
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

bool same_json(std::string_view a, std::string_view b) {
  rapidjson::Document left, right;
  left.Parse(a.data(), a.size());
  right.Parse(b.data(), b.size());
  return !left.HasParseError() && !right.HasParseError() && left == right;
}

}  // namespace xborder::test
