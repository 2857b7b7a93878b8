#include "xborder/field_tree.hpp"

#include <algorithm>

namespace xborder {

const Field* FieldTree::find(std::string_view path) const {
  const auto found = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.path == path; });
  return found == fields.end() ? nullptr : &*found;
}

Field* FieldTree::find(std::string_view path) {
  return const_cast<Field*>(static_cast<const FieldTree&>(*this).find(path));
}

Field& FieldTree::set(std::string_view path, std::string text) {
  Field* field = find(path);
  if (field == nullptr) {
    field = &fields.emplace_back();
    field->path = path;
  }
  field->text = std::move(text);
  return *field;
}

}  // namespace xborder
