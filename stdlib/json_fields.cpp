// stdlib/json_fields.cpp: see json_fields.h. fieldsOf follows Go's
// encoding/json typeFields: a breadth-first walk over embedded structs,
// then a sort by name, depth, taggedness and index to pick the dominant
// field of each name, then a sort back into index order.
#include "stdlib/json_fields.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_set>

#include "stdlib/json_scanner.h"
#include "stdlib/quote.h"
#include "stdlib/unicode_props.h"
#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::json {

namespace {

// isValidTag: a tag name may use letters, digits and this punctuation
// (backslash and quotes are reserved).
bool isValidTagName(std::string_view s) {
  if (s.empty()) return false;
  static constexpr std::string_view kAllowed = "!#$%&()*+-./:;<=>?@[]^_{|}~ ";
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::decodeRune(s.substr(i));
    i += static_cast<size_t>(d.width);
    if (d.rune < 0x80 && kAllowed.find(static_cast<char>(d.rune)) != std::string_view::npos) continue;
    if (!unicode::isLetter(d.rune) && !unicode::isDigit(d.rune)) return false;
  }
  return true;
}

// The tag's name and whether its comma-separated options contain `opt`.
bool hasOption(std::string_view opts, std::string_view opt) {
  while (!opts.empty()) {
    size_t comma = opts.find(',');
    std::string_view cur = opts.substr(0, comma);
    if (cur == opt) return true;
    if (comma == std::string_view::npos) break;
    opts.remove_prefix(comma + 1);
  }
  return false;
}

bool isQuotableKind(vm::Kind k) {
  return k == vm::Kind::Bool || vm::isIntegerKind(k) || vm::isFloatKind(k) || k == vm::Kind::String;
}

// One embedded struct waiting to be explored.
struct Pending {
  const vm::Type* type;
  std::vector<int> index;
};

std::unique_ptr<StructFields> computeFields(const vm::Type* t) {
  std::vector<Pending> current;
  std::vector<Pending> next{{t, {}}};
  std::map<const vm::Type*, int> count;
  std::map<const vm::Type*, int> nextCount;
  std::unordered_set<const vm::Type*> visited;
  std::vector<FieldInfo> fields;

  while (!next.empty()) {
    current.swap(next);
    next.clear();
    count.swap(nextCount);
    nextCount.clear();

    for (const Pending& f : current) {
      if (!visited.insert(f.type).second) continue;
      for (size_t i = 0; i < f.type->fields.size(); i++) {
        const vm::Field& sf = f.type->fields[i];
        if (sf.embedded) {
          const vm::Type* et = sf.type;
          if (et && et->kind == vm::Kind::Pointer) et = et->elem;
          // Embedded fields of unexported non-struct types are ignored;
          // unexported struct types may still promote exported fields.
          if (!sf.exported && (!et || et->kind != vm::Kind::Struct)) continue;
        } else if (!sf.exported) {
          continue;
        }
        std::string tag;
        lookupTag(sf.tag, "json", &tag);
        if (tag == "-") continue;
        std::string_view tagView = tag;
        size_t comma = tagView.find(',');
        std::string name(tagView.substr(0, comma));
        std::string_view opts = comma == std::string_view::npos ? std::string_view() : tagView.substr(comma + 1);
        if (!isValidTagName(name)) name.clear();

        std::vector<int> index = f.index;
        index.push_back(static_cast<int>(i));

        // A pointer to an unnamed type is followed, as Go does.
        const vm::Type* ft = sf.type;
        if (ft && !ft->isNamed() && ft->kind == vm::Kind::Pointer) ft = ft->elem;
        bool quoted = hasOption(opts, "string") && ft && isQuotableKind(ft->kind);

        if (!name.empty() || !sf.embedded || !ft || ft->kind != vm::Kind::Struct) {
          FieldInfo fi;
          fi.tagged = !name.empty();
          fi.name = name.empty() ? std::string(sf.name) : name;
          fi.index = std::move(index);
          fi.type = sf.type ? sf.type : vm::types::anyType();
          fi.omitEmpty = hasOption(opts, "omitempty");
          fi.quoted = quoted;
          fi.keyPlain.append("\"").append(fi.name).append("\":");
          fi.keyHTML.push_back('"');
          htmlEscape(fi.keyHTML, fi.name);
          fi.keyHTML.append("\":");
          fields.push_back(fi);
          // Two instances of the embedding type at this depth make each of
          // its fields ambiguous: a duplicate lets the dominance rule see it.
          if (count[f.type] > 1) {
            FieldInfo dup = fields.back();
            fields.push_back(std::move(dup));
          }
          continue;
        }
        // An embedded struct without a name of its own: explore it next.
        if (++nextCount[ft] == 1) next.push_back(Pending{ft, std::move(index)});
      }
    }
  }

  std::sort(fields.begin(), fields.end(), [](const FieldInfo& a, const FieldInfo& b) {
    if (a.name != b.name) return a.name < b.name;
    if (a.index.size() != b.index.size()) return a.index.size() < b.index.size();
    if (a.tagged != b.tagged) return a.tagged;
    return a.index < b.index;
  });

  // For each name keep the dominant field, if there is one.
  std::vector<FieldInfo> out;
  for (size_t i = 0; i < fields.size();) {
    size_t j = i + 1;
    while (j < fields.size() && fields[j].name == fields[i].name) j++;
    if (j - i == 1 || fields[i].index.size() != fields[i + 1].index.size() ||
        fields[i].tagged != fields[i + 1].tagged) {
      out.push_back(std::move(fields[i]));
    }
    i = j;
  }
  std::sort(out.begin(), out.end(),
            [](const FieldInfo& a, const FieldInfo& b) { return a.index < b.index; });

  auto result = std::make_unique<StructFields>();
  result->list = std::move(out);
  for (size_t i = 0; i < result->list.size(); i++) result->byName.emplace(result->list[i].name, i);
  return result;
}

}  // namespace

const StructFields& fieldsOf(const vm::Type* t) {
  // Types live forever, so their field lists can be cached by address.
  static std::mutex mu;
  static std::unordered_map<const vm::Type*, std::unique_ptr<StructFields>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(t);
    if (it != cache.end()) return *it->second;
  }
  std::unique_ptr<StructFields> computed = computeFields(t);
  std::lock_guard<std::mutex> lock(mu);
  auto [it, inserted] = cache.emplace(t, std::move(computed));
  return *it->second;
}

const JsonMethods& methodsOf(const vm::Type* t) {
  static std::mutex mu;
  static std::unordered_map<const vm::Type*, JsonMethods> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(t);
    if (it != cache.end()) return it->second;
  }
  auto inSet = [](const vm::Type* x, std::string_view name) {
    vm::MethodLookup lk = vm::lookupMethod(x, name);
    return lk.found && lk.inMethodSet;
  };
  const vm::Type* pt = vm::pointerTo(t);
  JsonMethods m;
  m.marshalJSON = inSet(t, "MarshalJSON");
  m.marshalJSONPtr = inSet(pt, "MarshalJSON");
  m.marshalText = inSet(t, "MarshalText");
  m.marshalTextPtr = inSet(pt, "MarshalText");
  m.unmarshalJSON = inSet(t, "UnmarshalJSON");
  m.unmarshalJSONPtr = inSet(pt, "UnmarshalJSON");
  m.unmarshalText = inSet(t, "UnmarshalText");
  m.unmarshalTextPtr = inSet(pt, "UnmarshalText");
  std::lock_guard<std::mutex> lock(mu);
  // References into an unordered_map stay valid as it grows.
  return cache.emplace(t, m).first->second;
}

bool lookupTag(std::string_view tag, std::string_view key, std::string* value) {
  while (!tag.empty()) {
    size_t i = 0;
    while (i < tag.size() && tag[i] == ' ') i++;
    tag.remove_prefix(i);
    if (tag.empty()) break;
    // The key runs to a colon; a space, quote or control character ends
    // the search (a malformed tag).
    i = 0;
    while (i < tag.size() && static_cast<uint8_t>(tag[i]) > ' ' && tag[i] != ':' && tag[i] != '"' &&
           tag[i] != 0x7f) {
      i++;
    }
    if (i == 0 || i + 1 >= tag.size() || tag[i] != ':' || tag[i + 1] != '"') break;
    std::string_view name = tag.substr(0, i);
    tag.remove_prefix(i + 1);
    i = 1;
    while (i < tag.size() && tag[i] != '"') {
      if (tag[i] == '\\') i++;
      i++;
    }
    if (i >= tag.size()) break;
    std::string_view quoted = tag.substr(0, i + 1);
    tag.remove_prefix(i + 1);
    if (name == key) {
      std::optional<std::string> v = unquote(quoted);
      if (!v) break;
      *value = *v;
      return true;
    }
  }
  value->clear();
  return false;
}

bool equalFold(std::string_view s, std::string_view t) {
  while (!s.empty() && !t.empty()) {
    utf8::Decoded ds = utf8::decodeRune(s);
    utf8::Decoded dt = utf8::decodeRune(t);
    s.remove_prefix(static_cast<size_t>(ds.width));
    t.remove_prefix(static_cast<size_t>(dt.width));
    int32_t sr = ds.rune;
    int32_t tr = dt.rune;
    if (sr == tr) continue;
    if (tr < sr) std::swap(sr, tr);
    if (tr < 0x80) {
      if (sr >= 'A' && sr <= 'Z' && tr == sr + 'a' - 'A') continue;
      return false;
    }
    // SimpleFold walks the orbit of equivalent runes upwards.
    int32_t r = unicode::simpleFold(sr);
    while (r != sr && r < tr) r = unicode::simpleFold(r);
    if (r == tr) continue;
    return false;
  }
  return s.size() == t.size();
}

}  // namespace gsl::stdlib::json
