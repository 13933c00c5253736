// vm/string.h: operations on string values (StringObj, vm/object.h).
//
// Go strings are immutable byte sequences, UTF-8 by convention. Indexing
// gives bytes; `for range` and []rune conversions decode UTF-8 with Go's
// rules: an invalid or truncated sequence decodes as U+FFFD (RuneError) of
// width 1. Strings built in C++ go through a std::string and makeString().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vm/object.h"

namespace gsl::vm {

constexpr int32_t kRuneError = 0xFFFD;
constexpr int32_t kMaxRune = 0x10FFFF;

// a + b. The result has a's type (if a is a string) else b's; the operands
// of valid Go have the same type, or one is an untyped constant (see
// vm/arith.h for the mixing rule).
Value stringConcat(Value a, Value b);
// Concatenation of n string values, of type t (one allocation).
Value stringConcatN(const Type* t, const Value* parts, int n);

// Byte-wise three-way comparison: <0, 0, >0 (Go's string ordering).
int compareStrings(std::string_view a, std::string_view b);

// s[i] as a byte (uint8); panics "index out of range [i] with length n".
Value stringIndex(Value s, int64_t i);
// s[lo:hi] sharing s's bytes, of s's type; panics with Go's slice bounds
// messages (strings report "with length n").
Value stringSlice(Value s, int64_t lo, int64_t hi);

// One decoded rune and its width in bytes.
struct DecodedRune {
  int32_t rune;
  int size;
};
// Decodes the rune starting at byte i of s (Go's utf8.DecodeRuneInString on
// s[i:]): invalid/truncated/overlong/surrogate encodings give {0xFFFD, 1};
// i at or past the end gives {0xFFFD, 0}.
DecodedRune decodeRune(std::string_view s, size_t i);
// The last rune of s (utf8.DecodeLastRuneInString).
DecodedRune decodeLastRune(std::string_view s);
// Number of runes (utf8.RuneCountInString).
int64_t runeCount(std::string_view s);
// Appends r encoded as UTF-8; invalid runes (negative, surrogates, past
// U+10FFFF) append U+FFFD, as Go's string(rune) does.
void appendRune(std::string& out, int64_t r);
// Width in bytes of r's encoding; -1 if r is not a valid rune (utf8.RuneLen).
int runeLength(int64_t r);
// Whether s is valid UTF-8.
bool validUtf8(std::string_view s);

}  // namespace gsl::vm
