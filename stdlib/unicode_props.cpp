// stdlib/unicode_props.cpp: see unicode_props.h.
#include "stdlib/unicode_props.h"

#include <algorithm>
#include <iterator>

namespace gsl::stdlib::unicode {
namespace {

struct RuneRange {
  int32_t lo, hi;
};
// A run of code points whose upper, lower and title case mappings are
// r + delta, or an alternating run (all deltas kUpperLower) in which even
// offsets are upper (and title) case and odd offsets their lower case.
struct CaseRange {
  int32_t lo, hi;
  int32_t dUpper, dLower, dTitle;
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

enum class Case { Upper, Lower, Title };

int32_t mapCase(int32_t r, Case c) {
  const CaseRange* cr = findRange(kCaseRanges, r);
  if (!cr) return r;
  int32_t d = c == Case::Upper ? cr->dUpper : c == Case::Lower ? cr->dLower : cr->dTitle;
  if (d == kUpperLower) {
    int32_t off = r - cr->lo;
    return cr->lo + (c == Case::Lower ? (off | 1) : (off & ~1));
  }
  return r + d;
}

template <size_t N>
bool inTable(const RuneRange (&table)[N], int32_t r) {
  return findRange(table, r) != nullptr;
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

bool isLetter(int32_t r) { return inTable(kLetterRanges, r); }
bool isUpper(int32_t r) { return inTable(kUpperRanges, r); }
bool isLower(int32_t r) { return inTable(kLowerRanges, r); }
bool isTitle(int32_t r) { return inTable(kTitleRanges, r); }
bool isMark(int32_t r) { return inTable(kMarkRanges, r); }
bool isNumber(int32_t r) { return inTable(kNumberRanges, r); }
bool isDigit(int32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return inTable(kDigitRanges, r);
}
bool isPunct(int32_t r) { return inTable(kPunctRanges, r); }
bool isSymbol(int32_t r) { return inTable(kSymbolRanges, r); }
bool isControl(int32_t r) { return (r >= 0 && r < 0x20) || (r >= 0x7F && r <= 0x9F); }

int32_t toUpper(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  return mapCase(r, Case::Upper);
}

int32_t toLower(int32_t r) {
  if (r < 0x80) return (r >= 'A' && r <= 'Z') ? r + 32 : r;
  return mapCase(r, Case::Lower);
}

int32_t toTitle(int32_t r) {
  if (r < 0x80) return (r >= 'a' && r <= 'z') ? r - 32 : r;
  return mapCase(r, Case::Title);
}

int caseRangeCount() { return static_cast<int>(std::size(kCaseRanges)); }

CaseRun caseRangeAt(int i) {
  const CaseRange& c = kCaseRanges[i];
  return CaseRun{c.lo, c.hi, c.dUpper, c.dLower, c.dTitle};
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
