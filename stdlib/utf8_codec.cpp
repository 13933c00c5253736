// stdlib/utf8_codec.cpp: see utf8_codec.h.
#include "stdlib/utf8_codec.h"
#include "vm/string.h"

namespace gsl::stdlib::utf8 {

Decoded decodeRune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  auto b0 = static_cast<uint8_t>(s[0]);
  if (b0 < 0x80) return {b0, 1};
  int need;
  int32_t r;
  // The accepted range of the second byte narrows for the first byte values
  // that would otherwise admit overlong forms, surrogates or values past
  // U+10FFFF (the table of Unicode 15, §3.9, D92).
  uint8_t lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    r = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    r = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    r = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return {kRuneError, 1};
  }
  if (s.size() < static_cast<size_t>(need) + 1) return {kRuneError, 1};
  auto b1 = static_cast<uint8_t>(s[1]);
  if (b1 < lo || b1 > hi) return {kRuneError, 1};
  r = (r << 6) | (b1 & 0x3F);
  for (int i = 2; i <= need; i++) {
    auto b = static_cast<uint8_t>(s[i]);
    if (b < 0x80 || b > 0xBF) return {kRuneError, 1};
    r = (r << 6) | (b & 0x3F);
  }
  return {r, need + 1};
}

Decoded decodeLastRune(std::string_view s) {
  if (s.empty()) return {kRuneError, 0};
  size_t end = s.size();
  auto last = static_cast<uint8_t>(s[end - 1]);
  if (last < 0x80) return {last, 1};
  // Back up over at most kUTFMax - 1 continuation bytes to a start byte.
  size_t lim = end >= static_cast<size_t>(kUTFMax) ? end - kUTFMax : 0;
  size_t start = end - 1;
  while (start > lim && (static_cast<uint8_t>(s[start]) & 0xC0) == 0x80) start--;
  Decoded d = decodeRune(s.substr(start));
  if (start + static_cast<size_t>(d.width) != end) return {kRuneError, 1};
  return d;
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

// Encoding is the VM's (vm/string.h), so string(rune) and utf8.AppendRune
// agree by construction.
void appendRune(std::string& dst, int64_t r) { vm::appendRune(dst, r); }

size_t runeCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); n++) {
    if (static_cast<uint8_t>(s[i]) < 0x80) {
      i++;
    } else {
      i += static_cast<size_t>(decodeRune(s.substr(i)).width);
    }
  }
  return n;
}

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
