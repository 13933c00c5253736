// stdlib/json_fields.h: which struct fields encoding/json sees, under what
// names and with which options (Go's typeFields), and the tag and name
// rules around it.
//
// Contract: fieldsOf(t) lists the fields Go's encoder writes for struct
// type t, in Go's order: exported fields and the exported fields promoted
// from embedded structs (also through embedded pointers and unexported
// embedded struct types), renamed by `json:"name"` tags, minus fields tagged
// `json:"-"` and fields hidden by Go's embedding rules (the shallowest
// wins; at equal depth a tagged name wins; two equal candidates both
// vanish). The result is computed once per type and cached; it is
// immutable and lives as long as the process.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vm/type.h"

namespace gsl::stdlib::json {

struct FieldInfo {
  std::string name;        // the JSON object key
  bool tagged = false;     // the name came from the tag
  std::vector<int> index;  // field indices from the outer struct down to this field
  const vm::Type* type = nullptr;  // the field's declared type
  bool omitEmpty = false;
  bool quoted = false;     // the ,string option applies (basic kinds only)
  std::string keyHTML;     // `"name":` with HTML characters escaped
  std::string keyPlain;    // `"name":` as is
};

// A hash that lets a std::string-keyed map be searched with a string_view.
struct NameHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct StructFields {
  std::vector<FieldInfo> list;
  std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> byName;  // exact names
};

// The JSON view of struct type t (named or not).
const StructFields& fieldsOf(const vm::Type* t);

// The methods of a type that encoding/json looks for, in the method set of
// the type itself (T) and of its pointer type (*T). Computed once per type
// and cached (a method added to a type after its first use by this package,
// which only a REPL redefinition can do, is not seen).
struct JsonMethods {
  bool marshalJSON = false;
  bool marshalJSONPtr = false;
  bool marshalText = false;
  bool marshalTextPtr = false;
  bool unmarshalJSON = false;
  bool unmarshalJSONPtr = false;
  bool unmarshalText = false;
  bool unmarshalTextPtr = false;
};
const JsonMethods& methodsOf(const vm::Type* t);

// reflect.StructTag.Lookup: the value of `key:"value"` in a struct tag.
bool lookupTag(std::string_view tag, std::string_view key, std::string* value);

// bytes.EqualFold: equal under Unicode simple case folding (the rule Go's
// decoder uses to match object keys to field names).
bool equalFold(std::string_view a, std::string_view b);

}  // namespace gsl::stdlib::json
