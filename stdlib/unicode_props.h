// stdlib/unicode_props.h: the Unicode properties the standard library needs
// (Go's unicode.IsLetter, IsPrint, IsSpace, ToUpper, SimpleFold, ...), over
// the tables in stdlib/unicode_tables.inc (Unicode 15.0.0, as Go 1.21+).
//
// Contract: each function returns what the Go function of the same name
// returns for every int32 input, including negative values and values past
// U+10FFFF (which have no properties and map to themselves).
#pragma once

#include <cstdint>

namespace gsl::stdlib::unicode {

// Letters, marks, numbers, punctuation, symbols and U+0020 (strconv.IsPrint).
bool isPrint(int32_t r);
// isPrint plus the Unicode space separators (unicode.IsGraphic).
bool isGraphic(int32_t r);
// White space as unicode.IsSpace defines it.
bool isSpace(int32_t r);
// General categories: L, Lu, Ll, Lt, M, N, Nd, P, S; control is Cc.
bool isLetter(int32_t r);
bool isUpper(int32_t r);
bool isLower(int32_t r);
bool isTitle(int32_t r);
bool isMark(int32_t r);
bool isNumber(int32_t r);
bool isDigit(int32_t r);
bool isPunct(int32_t r);
bool isSymbol(int32_t r);
bool isControl(int32_t r);
int32_t toUpper(int32_t r);
int32_t toLower(int32_t r);
int32_t toTitle(int32_t r);
// The next code point, cyclically upwards, that case-folds like r.
int32_t simpleFold(int32_t r);

// The case mapping table itself, in Go's unicode.CaseRanges encoding: runs
// [lo, hi] sorted by lo, each with the deltas r+d of its upper, lower and
// title case, or all three 0x110000 (MaxRune+1, Go's UpperLower) for a run
// alternating upper case (even offsets) and lower case (odd offsets).
struct CaseRun {
  int32_t lo, hi;
  int32_t dUpper, dLower, dTitle;
};
int caseRangeCount();
CaseRun caseRangeAt(int i);

}  // namespace gsl::stdlib::unicode
