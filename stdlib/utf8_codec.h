// stdlib/utf8_codec.h: Go's UTF-8 rules (package unicode/utf8) for the C++ side
// of the standard library.
//
// Contract: decoding follows Go exactly. An invalid encoding (a stray
// continuation byte, a truncated sequence, an overlong form, a surrogate, a
// value past U+10FFFF) decodes as RuneError (U+FFFD) with width 1, so a loop
// always advances. Encoding a value that is not a valid rune (negative, a
// surrogate, past U+10FFFF) writes U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gsl::stdlib::utf8 {

constexpr int32_t kRuneError = 0xFFFD;
constexpr int32_t kMaxRune = 0x10FFFF;
constexpr int32_t kRuneSelf = 0x80;
constexpr int kUTFMax = 4;

struct Decoded {
  int32_t rune;
  int width;
};

// The rune starting at s[0]; {RuneError, 0} for an empty s.
Decoded decodeRune(std::string_view s);
// The rune ending at the end of s; {RuneError, 0} for an empty s.
Decoded decodeLastRune(std::string_view s);

// True if r is a Unicode scalar value (not a surrogate, in range).
inline bool validRune(int64_t r) {
  return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= kMaxRune);
}

// Bytes needed to encode r, or -1 if r is not a valid rune.
int runeLen(int64_t r);

// Appends the UTF-8 encoding of r (U+FFFD if r is not valid).
void appendRune(std::string& dst, int64_t r);

// Number of runes in s, counting each invalid byte as one.
size_t runeCount(std::string_view s);

// True if s is entirely valid UTF-8.
bool validString(std::string_view s);

}  // namespace gsl::stdlib::utf8
