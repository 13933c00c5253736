// UTF-8 and character classes for the lexer; see unicode.h.
#include "lexer/unicode.h"

#include <algorithm>
#include <cstdint>

namespace gsl::lexer {

namespace {

// An inclusive range of code points.
struct CodeRange {
  char32_t first;
  char32_t last;
};

#include "lexer/unicode_tables.inc"

template <size_t N>
bool inTable(const CodeRange (&table)[N], char32_t r) {
  // The first range that ends at or after r is the only one that can hold it.
  const CodeRange* it = std::lower_bound(
      table, table + N, r,
      [](const CodeRange& range, char32_t value) { return range.last < value; });
  return it != table + N && it->first <= r;
}

constexpr char kLowerHex[] = "0123456789abcdef";
constexpr char kUpperHex[] = "0123456789ABCDEF";

}  // namespace

char32_t decodeRune(std::string_view s, int* width) {
  auto byte = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  auto isCont = [&](size_t i) { return i < s.size() && (byte(i) & 0xC0) == 0x80; };
  uint8_t b0 = byte(0);
  *width = 1;
  if (b0 < 0x80) return b0;
  if (b0 < 0xC2 || b0 > 0xF4) return kRuneError;  // continuation, overlong lead, or too large
  if (b0 < 0xE0) {
    if (!isCont(1)) return kRuneError;
    *width = 2;
    return (char32_t(b0 & 0x1F) << 6) | (byte(1) & 0x3F);
  }
  if (b0 < 0xF0) {
    // The second byte's range excludes overlong forms (after E0) and
    // surrogate halves (after ED).
    uint8_t lo = b0 == 0xE0 ? 0xA0 : 0x80;
    uint8_t hi = b0 == 0xED ? 0x9F : 0xBF;
    if (s.size() < 2 || byte(1) < lo || byte(1) > hi || !isCont(2)) return kRuneError;
    *width = 3;
    return (char32_t(b0 & 0x0F) << 12) | (char32_t(byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
  }
  // Four bytes: the second byte's range excludes overlong forms (after F0)
  // and values past U+10FFFF (after F4).
  uint8_t lo = b0 == 0xF0 ? 0x90 : 0x80;
  uint8_t hi = b0 == 0xF4 ? 0x8F : 0xBF;
  if (s.size() < 2 || byte(1) < lo || byte(1) > hi || !isCont(2) || !isCont(3)) return kRuneError;
  *width = 4;
  return (char32_t(b0 & 0x07) << 18) | (char32_t(byte(1) & 0x3F) << 12) |
         (char32_t(byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
}

void appendRune(std::string* out, char32_t r) {
  if (!isValidRune(r)) r = kRuneError;
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (r >> 6)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (r >> 12)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (r >> 18)));
    out->push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

bool isLetter(char32_t r) {
  if (r < 0x80) return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
  return inTable(kLetterRanges, r);
}

bool isDigit(char32_t r) {
  if (r < 0x80) return r >= '0' && r <= '9';
  return inTable(kDigitRanges, r);
}

bool isPrint(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  return inTable(kPrintRanges, r);
}

std::string quoteRune(char32_t r) {
  if (!isValidRune(r)) r = kRuneError;
  std::string out = "'";
  auto hex = [&](char32_t v, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(kLowerHex[(v >> shift) & 0xF]);
  };
  if (r == '\'' || r == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(r));
  } else if (isPrint(r)) {
    appendRune(&out, r);
  } else {
    switch (r) {
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (r < ' ' || r == 0x7F) {
          out += "\\x";
          hex(r, 2);
        } else if (r < 0x10000) {
          out += "\\u";
          hex(r, 4);
        } else {
          out += "\\U";
          hex(r, 8);
        }
    }
  }
  out.push_back('\'');
  return out;
}

std::string formatCodePoint(char32_t r) {
  std::string out = "U+";
  int digits = 4;
  while (digits < 8 && (r >> (4 * digits)) != 0) digits++;
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(kUpperHex[(r >> shift) & 0xF]);
  if (r <= kMaxRune && isPrint(r)) {
    out += " '";
    appendRune(&out, r);
    out.push_back('\'');
  }
  return out;
}

}  // namespace gsl::lexer
