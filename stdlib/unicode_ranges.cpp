// stdlib/unicode_ranges.cpp: package unicode's range tables: the types
// RangeTable, Range16 and Range32, the tables of the Unicode categories
// (unicode.Lu, unicode.L, unicode.Letter, ...), scripts (unicode.Han,
// unicode.Latin, ...) and properties (unicode.White_Space, ...), the maps
// Categories, Scripts and Properties, GraphicRanges and PrintRanges, and
// the functions over tables: Is, In, IsOneOf; and the fold tables
// (FoldCategory, FoldScript). It registers into package
// "unicode" alongside unicode.cpp.
//
// A table is Go's *RangeTable{R16 []Range16; R32 []Range32; LatinOffset
// int}, built from stdlib/unicode_range_tables.inc (Unicode 15.0.0) the
// first time a script names it, and then shared: unicode.Han is the same
// pointer wherever it is used, as in Go. The tables hold exactly Go's code
// points, but as runs of stride 1 (Go's generator packs some runs with a
// larger stride), so len(unicode.Lu.R16) is not Go's. Is works on any
// RangeTable, including one a script builds, by Go's algorithm on its
// fields. Building a table happens under a lock; tables are immutable
// afterwards (a script could write to their fields, as in Go, at its own
// risk).
#include <algorithm>
#include <iterator>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stdlib/native_support.h"
#include "stdlib/unicode_props.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/type.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

struct RangeTableEntry {
  const char* name;
  int kind;  // 0 category, 1 script, 2 property
  uint32_t offset;
  uint32_t count;
};

#include "stdlib/unicode_range_tables.inc"

constexpr int kNumTables = static_cast<int>(sizeof(kRangeTables) / sizeof(kRangeTables[0]));

// ---- Types -------------------------------------------------------------------

const vm::Type* range16Type() {
  static const vm::Type* t = defineStruct("unicode", "Range16",
                                          {field("Lo", vm::types::uint16Type()), field("Hi", vm::types::uint16Type()),
                                           field("Stride", vm::types::uint16Type())});
  return t;
}

const vm::Type* range32Type() {
  static const vm::Type* t = defineStruct("unicode", "Range32",
                                          {field("Lo", vm::types::uint32Type()), field("Hi", vm::types::uint32Type()),
                                           field("Stride", vm::types::uint32Type())});
  return t;
}

const vm::Type* rangeTableType() {
  static const vm::Type* t = defineStruct("unicode", "RangeTable",
                                          {field("R16", vm::sliceOf(range16Type())),
                                           field("R32", vm::sliceOf(range32Type())),
                                           field("LatinOffset", vm::types::intType())});
  return t;
}

const vm::Type* tablePtrType() { return vm::pointerTo(rangeTableType()); }

// ---- Building tables -----------------------------------------------------------

using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;

Ranges rangesOf(int i) {
  Ranges out;
  const RangeTableEntry& e = kRangeTables[i];
  for (uint32_t k = 0; k < e.count; k++) {
    out.emplace_back(kRangeData[2 * (e.offset + k)], kRangeData[2 * (e.offset + k) + 1]);
  }
  return out;
}

// The union of several tables, as sorted, merged runs.
Ranges unionOf(const std::vector<int>& tables) {
  Ranges all;
  for (int i : tables) {
    Ranges r = rangesOf(i);
    all.insert(all.end(), r.begin(), r.end());
  }
  std::sort(all.begin(), all.end());
  Ranges out;
  for (const auto& r : all) {
    if (!out.empty() && out.back().second + 1 >= r.first) {
      out.back().second = std::max(out.back().second, r.second);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

Value rangeStruct(const vm::Type* t, const vm::Type* elem, uint32_t lo, uint32_t hi) {
  vm::StructObj* s = vm::newStruct(t);
  s->fields()[0] = vm::makeIntOfType(elem, static_cast<uint64_t>(lo));
  s->fields()[1] = vm::makeIntOfType(elem, static_cast<uint64_t>(hi));
  s->fields()[2] = vm::makeIntOfType(elem, uint64_t{1});
  return Value::object(s);
}

// A new *RangeTable holding `ranges`: the runs below U+10000 in R16 (a run
// crossing it is split), the rest in R32.
Value newTable(const Ranges& ranges) {
  std::vector<Value> r16, r32;
  int64_t latinOffset = 0;
  for (auto [lo, hi] : ranges) {
    if (lo <= 0xFFFF) {
      uint32_t top = std::min<uint32_t>(hi, 0xFFFF);
      r16.push_back(rangeStruct(range16Type(), vm::types::uint16Type(), lo, top));
      if (top <= 0xFF) latinOffset++;
      if (hi <= 0xFFFF) continue;
      lo = 0x10000;
    }
    r32.push_back(rangeStruct(range32Type(), vm::types::uint32Type(), lo, hi));
  }
  vm::StructObj* t = vm::newStruct(rangeTableType());
  const vm::Type* s16 = vm::sliceOf(range16Type());
  const vm::Type* s32 = vm::sliceOf(range32Type());
  t->fields()[0] = r16.empty() ? vm::nilOf(s16) : vm::sliceFromValues(s16, r16.data(), static_cast<int64_t>(r16.size()));
  t->fields()[1] = r32.empty() ? vm::nilOf(s32) : vm::sliceFromValues(s32, r32.data(), static_cast<int64_t>(r32.size()));
  t->fields()[2] = vm::makeInt(latinOffset);
  return Value::ref(t);
}

int tableIndex(std::string_view name) {
  for (int i = 0; i < kNumTables; i++) {
    if (name == kRangeTables[i].name) return i;
  }
  return -1;
}

// The one-letter categories (Go's L, M, N, P, S, Z, C), as unions of the
// two-letter ones.
constexpr std::string_view kMajorCategories = "CLMNPSZ";

std::mutex gTablesMu;

// The table named `name` (a two-letter or one-letter category, script or
// property), built on first use; the same pointer every time.
Value namedTable(std::string_view name) {
  static std::vector<std::pair<std::string, Value*>> built;  // guarded by gTablesMu
  std::lock_guard<std::mutex> lock(gTablesMu);
  for (const auto& [n, slot] : built) {
    if (n == name) return *slot;
  }
  Ranges ranges;
  if (name.size() == 1 && kMajorCategories.find(name[0]) != std::string_view::npos) {
    std::vector<int> parts;
    for (int i = 0; i < kNumTables; i++) {
      if (kRangeTables[i].kind == 0 && kRangeTables[i].name[0] == name[0]) parts.push_back(i);
    }
    ranges = unionOf(parts);
  } else {
    int i = tableIndex(name);
    if (i < 0) vm::throwPlainError("unicode: no range table " + std::string(name));
    ranges = rangesOf(i);
  }
  Value* slot = permanentSlot();
  *slot = newTable(ranges);
  built.emplace_back(std::string(name), slot);
  return *slot;
}

// ---- Package variables -----------------------------------------------------------

// Go's exported names of the category tables besides the categories' own:
// Letter = L, Upper = Lu, ... (unicode/tables.go).
struct Alias {
  const char* name;
  const char* target;
};
constexpr Alias kAliases[] = {
    {"Letter", "L"}, {"Upper", "Lu"},  {"Lower", "Ll"},  {"Title", "Lt"},  {"Mark", "M"},
    {"Number", "N"}, {"Digit", "Nd"},  {"Punct", "P"},   {"Symbol", "S"},  {"Space", "Z"},
    {"Other", "C"},  {"STerm", "Sentence_Terminal"},
};
constexpr int kNumAliases = static_cast<int>(sizeof(kAliases) / sizeof(kAliases[0]));

template <int I>
Value makeTableVar() {
  return namedTable(kRangeTables[I].name);
}
template <int I>
Value makeMajorVar() {
  return namedTable(kMajorCategories.substr(I, 1));
}
template <int I>
Value makeAliasVar() {
  return namedTable(kAliases[I].target);
}

// map[string]*RangeTable of one kind of table (0 categories, 1 scripts, 2
// properties); the categories' map also has the one-letter unions.
Value tableMap(int kind) {
  static Value* slots[3] = {nullptr, nullptr, nullptr};
  {
    std::lock_guard<std::mutex> lock(gTablesMu);
    if (slots[kind] != nullptr) return *slots[kind];
  }
  Value m = vm::makeMap(vm::mapOf(vm::types::stringType(), tablePtrType()));
  for (int i = 0; i < kNumTables; i++) {
    if (kRangeTables[i].kind != kind) continue;
    vm::mapSet(m, vm::makeString(kRangeTables[i].name), namedTable(kRangeTables[i].name));
  }
  if (kind == 0) {
    for (size_t k = 0; k < kMajorCategories.size(); k++) {
      std::string_view name = kMajorCategories.substr(k, 1);
      vm::mapSet(m, vm::makeString(name), namedTable(name));
    }
  }
  std::lock_guard<std::mutex> lock(gTablesMu);
  if (slots[kind] == nullptr) {
    slots[kind] = permanentSlot();
    *slots[kind] = m;
  }
  return *slots[kind];
}

// []*RangeTable{L, M, N, P, S} (PrintRanges), plus Zs for GraphicRanges.
Value rangeList(bool graphic) {
  std::vector<Value> tables;
  for (std::string_view name : {"L", "M", "N", "P", "S"}) tables.push_back(namedTable(name));
  if (graphic) tables.push_back(namedTable("Zs"));
  return vm::sliceFromValues(vm::sliceOf(tablePtrType()), tables.data(), static_cast<int64_t>(tables.size()));
}

// ---- FoldCategory, FoldScript ------------------------------------------------------
//
// Go's fold tables: for a category or script X, the code points outside X
// that are case-equivalent to one inside it (its simple upper and lower
// case, and the members of its SimpleFold orbit). The maps hold the tables
// that are not empty, computed from the same data on first use.

bool inSorted(const Ranges& ranges, uint32_t r) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), r,
                             [](uint32_t v, const std::pair<uint32_t, uint32_t>& x) { return v < x.first; });
  return it != ranges.begin() && r <= std::prev(it)->second;
}

Ranges foldExceptions(const Ranges& table) {
  std::vector<uint32_t> out;
  auto consider = [&](int32_t c) {
    if (c >= 0 && !inSorted(table, static_cast<uint32_t>(c))) out.push_back(static_cast<uint32_t>(c));
  };
  for (auto [lo, hi] : table) {
    for (uint32_t c = lo; c <= hi; c++) {
      auto r = static_cast<int32_t>(c);
      consider(unicode::toUpper(r));
      consider(unicode::toLower(r));
      for (int32_t f = unicode::simpleFold(r); f != r; f = unicode::simpleFold(f)) consider(f);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  Ranges merged;
  for (uint32_t c : out) {
    if (!merged.empty() && merged.back().second + 1 == c) {
      merged.back().second = c;
    } else {
      merged.emplace_back(c, c);
    }
  }
  return merged;
}

// kind 0: FoldCategory (two- and one-letter categories); 1: FoldScript.
Value foldMap(int kind) {
  static Value* slots[2] = {nullptr, nullptr};
  {
    std::lock_guard<std::mutex> lock(gTablesMu);
    if (slots[kind] != nullptr) return *slots[kind];
  }
  Value m = vm::makeMap(vm::mapOf(vm::types::stringType(), tablePtrType()));
  auto add = [&](std::string_view name, const Ranges& table) {
    Ranges folds = foldExceptions(table);
    if (!folds.empty()) vm::mapSet(m, vm::makeString(name), newTable(folds));
  };
  for (int i = 0; i < kNumTables; i++) {
    if (kRangeTables[i].kind == kind) add(kRangeTables[i].name, rangesOf(i));
  }
  if (kind == 0) {
    for (size_t k = 0; k < kMajorCategories.size(); k++) {
      std::vector<int> parts;
      for (int i = 0; i < kNumTables; i++) {
        if (kRangeTables[i].kind == 0 && kRangeTables[i].name[0] == kMajorCategories[k]) parts.push_back(i);
      }
      add(kMajorCategories.substr(k, 1), unionOf(parts));
    }
  }
  std::lock_guard<std::mutex> lock(gTablesMu);
  if (slots[kind] == nullptr) {
    slots[kind] = permanentSlot();
    *slots[kind] = m;
  }
  return *slots[kind];
}

// ---- Is, In, IsOneOf -----------------------------------------------------------------

// Go's is16/is32 on a slice of Range16 or Range32 values (linear search;
// the answer is the same as Go's binary search on sorted tables).
bool inRanges(Value ranges, uint32_t r) {
  int64_t n = vm::sliceLen(ranges);
  for (int64_t i = 0; i < n; i++) {
    Value rv = vm::sliceIndex(ranges, i);
    auto* s = static_cast<vm::StructObj*>(rv.asObject());
    auto lo = static_cast<uint32_t>(vm::toInt64(s->fields()[0]));
    auto hi = static_cast<uint32_t>(vm::toInt64(s->fields()[1]));
    auto stride = static_cast<uint32_t>(vm::toInt64(s->fields()[2]));
    if (r < lo) return false;
    if (r <= hi) return stride == 1 || (stride != 0 && (r - lo) % stride == 0);
  }
  return false;
}

uint32_t lastHi(Value ranges) {
  Value rv = vm::sliceIndex(ranges, vm::sliceLen(ranges) - 1);
  return static_cast<uint32_t>(vm::toInt64(static_cast<vm::StructObj*>(rv.asObject())->fields()[1]));
}

uint32_t firstLo(Value ranges) {
  Value rv = vm::sliceIndex(ranges, 0);
  return static_cast<uint32_t>(vm::toInt64(static_cast<vm::StructObj*>(rv.asObject())->fields()[0]));
}

// Go's unicode.Is: a nil table panics as Go's field access does.
bool isIn(Value table, int32_t r) {
  if (!table.isRef()) vm::throwNilDereference();
  auto* t = static_cast<vm::StructObj*>(table.refTarget());
  Value r16 = t->fields()[0];
  auto ur = static_cast<uint32_t>(r);
  if (vm::sliceLen(r16) > 0 && ur <= lastHi(r16)) return ur <= 0xFFFF && inRanges(r16, ur);
  Value r32 = t->fields()[1];
  if (vm::sliceLen(r32) > 0 && r >= static_cast<int64_t>(firstLo(r32))) return inRanges(r32, ur);
  return false;
}

int32_t argRune(const Value* args, int nargs, int i) { return static_cast<int32_t>(argInt(args, nargs, i)); }

// Is(rangeTab *RangeTable, r rune) bool
int nIs(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(isIn(arg(args, nargs, 0), argRune(args, nargs, 1)));
  return 1;
}

// In(r rune, ranges ...*RangeTable) bool
int nIn(vm::Thread&, const Value* args, int nargs, Value* out) {
  int32_t r = argRune(args, nargs, 0);
  bool found = false;
  for (int i = 1; i < nargs && !found; i++) found = isIn(args[i], r);
  out[0] = vm::makeBool(found);
  return 1;
}

// IsOneOf(ranges []*RangeTable, r rune) bool
int nIsOneOf(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value list = arg(args, nargs, 0);
  int32_t r = argRune(args, nargs, 1);
  bool found = false;
  int64_t n = list.isObject() ? vm::sliceLen(list) : 0;
  for (int64_t i = 0; i < n && !found; i++) found = isIn(vm::sliceIndex(list, i), r);
  out[0] = vm::makeBool(found);
  return 1;
}

template <int... I>
void addTableVars(std::vector<vm::NativeMember>& members, std::integer_sequence<int, I...>) {
  (members.push_back(varMember(kRangeTables[I].name, makeTableVar<I>)), ...);
}
template <int... I>
void addMajorVars(std::vector<vm::NativeMember>& members, std::integer_sequence<int, I...>) {
  (members.push_back(varMember(kMajorCategories.substr(I, 1), makeMajorVar<I>)), ...);
}
template <int... I>
void addAliasVars(std::vector<vm::NativeMember>& members, std::integer_sequence<int, I...>) {
  (members.push_back(varMember(kAliases[I].name, makeAliasVar<I>)), ...);
}

const bool kRegistered = [] {
  std::vector<vm::NativeMember> members{
      funcMember("Is", nIs),
      funcMember("In", nIn),
      funcMember("IsOneOf", nIsOneOf),
      typeMember("RangeTable", rangeTableType),
      typeMember("Range16", range16Type),
      typeMember("Range32", range32Type),
      varMember("Categories", [] { return tableMap(0); }),
      varMember("Scripts", [] { return tableMap(1); }),
      varMember("Properties", [] { return tableMap(2); }),
      varMember("FoldCategory", [] { return foldMap(0); }),
      varMember("FoldScript", [] { return foldMap(1); }),
      varMember("PrintRanges", [] { return rangeList(false); }),
      varMember("GraphicRanges", [] { return rangeList(true); }),
      constMember("Version", [] { return vm::makeString("15.0.0"); }),
  };
  addTableVars(members, std::make_integer_sequence<int, kNumTables>());
  addMajorVars(members, std::make_integer_sequence<int, static_cast<int>(kMajorCategories.size())>());
  addAliasVars(members, std::make_integer_sequence<int, kNumAliases>());
  vm::registerPackage(vm::NativePackage{"unicode", "unicode", std::move(members)});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
