// stdlib/unicode.cpp: see unicode.h.
#include "stdlib/unicode.h"

#include <algorithm>
#include <iterator>

namespace gsl::stdlib::unicode {
namespace {

struct RuneRange {
  int32_t lo, hi;
};
// A run of code points whose upper and lower case mappings are r + delta,
// or an alternating run (both deltas kUpperLower) in which even offsets are
// upper case and odd offsets are their lower case.
struct CaseRange {
  int32_t lo, hi;
  int32_t dUpper, dLower;
};
struct FoldPair {
  int32_t from, to;
};
constexpr int32_t kUpperLower = 0x110000;

#include "stdlib/unicode_tables.inc"

template <typename T, size_t N>
const T* findRange(const T (&table)[N], int32_t r) {
  auto it = std::upper_bound(std::begin(table), std::end(table), r,
                             [](int32_t v, const T& e) { return v < e.lo; });
  if (it == std::begin(table)) return nullptr;
  --it;
  return r <= it->hi ? &*it : nullptr;
}

int32_t mapCase(int32_t r, bool upper) {
  const CaseRange* cr = findRange(kCaseRanges, r);
  if (!cr) return r;
  int32_t d = upper ? cr->dUpper : cr->dLower;
  if (d == kUpperLower) {
    int32_t off = r - cr->lo;
    return cr->lo + (upper ? (off & ~1) : (off | 1));
  }
  return r + d;
}

}  // namespace

bool isPrint(int32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return findRange(kPrintRanges, r) != nullptr;
}

bool isGraphic(int32_t r) {
  if (isPrint(r)) return true;
  // Category Zs other than U+0020, which isPrint already admits.
  return r == 0x00A0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200A) ||
         r == 0x202F || r == 0x205F || r == 0x3000;
}

bool isSpace(int32_t r) {
  if (r < 0x100) {
    return r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' ||
           r == ' ' || r == 0x85 || r == 0xA0;
  }
  return r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x2028 ||
         r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000;
}

int32_t toUpper(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  return mapCase(r, true);
}

int32_t toLower(int32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  return mapCase(r, false);
}

int32_t simpleFold(int32_t r) {
  if (r < 0 || r > 0x10FFFF) return r;
  auto it = std::lower_bound(
      std::begin(kFoldOrbit), std::end(kFoldOrbit), r,
      [](const FoldPair& e, int32_t v) { return e.from < v; });
  if (it != std::end(kFoldOrbit) && it->from == r) return it->to;
  // Outside the orbit table the orbit is {r} or {upper, lower}.
  int32_t l = toLower(r);
  if (l != r) return l;
  return toUpper(r);
}

}  // namespace gsl::stdlib::unicode
