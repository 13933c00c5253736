// stdlib/utf8_codec.cpp: see utf8_codec.h.
#include "stdlib/utf8_codec.h"
#include "vm/string.h"

namespace gsl::stdlib::utf8 {

// Decoding, counting and encoding are the VM's (vm/string.h), so `for range`
// over a string, string(rune) and package utf8 agree by construction.
Decoded decodeRune(std::string_view s) {
  vm::DecodedRune d = vm::decodeRune(s, 0);
  return {d.rune, d.size};
}

Decoded decodeLastRune(std::string_view s) {
  vm::DecodedRune d = vm::decodeLastRune(s);
  return {d.rune, d.size};
}

int runeLen(int64_t r) {
  if (r < 0) return -1;
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (r >= 0xD800 && r <= 0xDFFF) return -1;
  if (r < 0x10000) return 3;
  if (r <= kMaxRune) return 4;
  return -1;
}

void appendRune(std::string& dst, int64_t r) { vm::appendRune(dst, r); }

size_t runeCount(std::string_view s) { return static_cast<size_t>(vm::runeCount(s)); }

bool validString(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<uint8_t>(s[i]) < 0x80) {
      i++;
      continue;
    }
    Decoded d = decodeRune(s.substr(i));
    if (d.rune == kRuneError && d.width == 1) return false;
    i += static_cast<size_t>(d.width);
  }
  return true;
}

}  // namespace gsl::stdlib::utf8
