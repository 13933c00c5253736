// Decoding of literal text; see literal.h.
#include "lexer/literal.h"

#include <charconv>
#include <cmath>
#include <system_error>

#include "lexer/unicode.h"

namespace gsl::lexer {

namespace {

inline char lower(char c) { return static_cast<char>(c | 0x20); }
inline bool isDecimal(char c) { return c >= '0' && c <= '9'; }

// The value of a hexadecimal digit, or 16 if `c` is not one.
inline uint32_t hexValue(char c) {
  if (isDecimal(c)) return static_cast<uint32_t>(c - '0');
  if (lower(c) >= 'a' && lower(c) <= 'f') return static_cast<uint32_t>(lower(c) - 'a' + 10);
  return 16;
}

// Decodes the escape starting at body[*i] (just after the backslash) of a
// literal quoted by `quote`. A byte escape (\ooo, \xhh) stores its value in
// *value with *isByte set; every other escape stores a code point. Advances
// *i past the escape.
bool decodeEscape(std::string_view body, size_t* i, char quote, uint32_t* value, bool* isByte) {
  if (*i >= body.size()) return false;
  char c = body[(*i)++];
  *isByte = false;
  switch (c) {
    case 'a': *value = '\a'; return true;
    case 'b': *value = '\b'; return true;
    case 'f': *value = '\f'; return true;
    case 'n': *value = '\n'; return true;
    case 'r': *value = '\r'; return true;
    case 't': *value = '\t'; return true;
    case 'v': *value = '\v'; return true;
    case '\\': *value = '\\'; return true;
    case '\'':
    case '"':
      *value = static_cast<uint32_t>(c);
      return c == quote;
    default:
      break;
  }
  int digits;
  uint32_t base;
  if (c >= '0' && c <= '7') {
    digits = 3, base = 8;
    (*i)--;  // the first octal digit is part of the value
  } else if (c == 'x') {
    digits = 2, base = 16;
  } else if (c == 'u') {
    digits = 4, base = 16;
  } else if (c == 'U') {
    digits = 8, base = 16;
  } else {
    return false;
  }
  if (body.size() - *i < static_cast<size_t>(digits)) return false;
  uint32_t x = 0;
  for (int k = 0; k < digits; k++) {
    uint32_t d = hexValue(body[(*i)++]);
    if (d >= base) return false;
    x = x * base + d;
  }
  *value = x;
  if (c == 'u' || c == 'U') return isValidRune(x);
  *isByte = true;
  return x <= 255;
}

// Accumulates the digits of `digits` (underscores already validated or
// absent) in `base`; false on a bad digit or past 128 bits.
bool accumulate(std::string_view digits, unsigned base, unsigned __int128* out) {
  constexpr unsigned __int128 kMax = ~static_cast<unsigned __int128>(0);
  unsigned __int128 v = 0;
  bool any = false;
  for (char c : digits) {
    if (c == '_') continue;
    uint32_t d = hexValue(c);
    if (d >= base) return false;
    if (v > (kMax - d) / base) return false;
    v = v * base + d;
    any = true;
  }
  if (!any) return false;
  *out = v;
  return true;
}

}  // namespace

int firstMisplacedUnderscore(std::string_view lit) {
  char prefix = ' ';
  // The class of the previous character: '0' a digit, '_', '.' anything else.
  char prev = '.';
  size_t i = 0;
  if (lit.size() >= 2 && lit[0] == '0') {
    prefix = lower(lit[1]);
    if (prefix == 'x' || prefix == 'o' || prefix == 'b') {
      prev = '0';  // a base prefix counts as a digit
      i = 2;
    }
  }
  for (; i < lit.size(); i++) {
    char c = lit[i];
    if (c == '_') {
      if (prev != '0') return static_cast<int>(i);
      prev = '_';
    } else if (isDecimal(c) || (prefix == 'x' && hexValue(c) < 16)) {
      prev = '0';
    } else {
      if (prev == '_') return static_cast<int>(i) - 1;
      prev = '.';
    }
  }
  return prev == '_' ? static_cast<int>(lit.size()) - 1 : -1;
}

bool unquoteString(std::string_view lit, std::string* out) {
  out->clear();
  if (lit.size() < 2) return false;
  char quote = lit.front();
  if (lit.back() != quote) return false;
  std::string_view body = lit.substr(1, lit.size() - 2);

  if (quote == '`') {
    out->reserve(body.size());
    for (char c : body) {
      if (c == '`') return false;
      if (c != '\r') out->push_back(c);
    }
    return true;
  }
  if (quote != '"') return false;

  out->reserve(body.size());
  size_t i = 0;
  while (i < body.size()) {
    // Copy the run of plain bytes up to the next escape in one go.
    size_t run = i;
    while (run < body.size() && body[run] != '\\' && body[run] != '"' && body[run] != '\n') run++;
    out->append(body.data() + i, run - i);
    i = run;
    if (i == body.size()) break;
    if (body[i] != '\\') return false;  // an unescaped quote or a newline
    i++;
    uint32_t value;
    bool isByte;
    if (!decodeEscape(body, &i, '"', &value, &isByte)) return false;
    if (isByte) {
      out->push_back(static_cast<char>(value));
    } else {
      appendRune(out, value);
    }
  }
  return true;
}

bool unquoteChar(std::string_view lit, int32_t* out) {
  if (lit.size() < 3 || lit.front() != '\'' || lit.back() != '\'') return false;
  std::string_view body = lit.substr(1, lit.size() - 2);
  uint32_t value;
  size_t i = 0;
  if (body[0] == '\\') {
    i = 1;
    bool isByte;
    if (!decodeEscape(body, &i, '\'', &value, &isByte)) return false;
  } else {
    if (body[0] == '\'' || body[0] == '\n') return false;
    int width;
    char32_t r = decodeRune(body, &width);
    if (r == kRuneError && width == 1) return false;
    value = r;
    i = static_cast<size_t>(width);
  }
  if (i != body.size()) return false;  // more than one character
  *out = static_cast<int32_t>(value);
  return true;
}

bool parseIntLiteral(std::string_view lit, unsigned __int128* out) {
  if (lit.empty() || !isDecimal(lit[0])) return false;
  if (firstMisplacedUnderscore(lit) >= 0) return false;
  unsigned base = 10;
  std::string_view digits = lit;
  if (lit.size() >= 2 && lit[0] == '0') {
    switch (lower(lit[1])) {
      case 'x': base = 16, digits = lit.substr(2); break;
      case 'o': base = 8, digits = lit.substr(2); break;
      case 'b': base = 2, digits = lit.substr(2); break;
      default: base = 8;  // legacy octal: the leading 0 is a digit
    }
  }
  return accumulate(digits, base, out);
}

bool parseFloatLiteral(std::string_view lit, double* out) {
  if (!lit.empty() && lit.back() == 'i') lit.remove_suffix(1);
  if (lit.empty() || firstMisplacedUnderscore(lit) >= 0) return false;
  bool hex = false;
  if (lit.size() >= 2 && lit[0] == '0') {
    char p = lower(lit[1]);
    if (p == 'o' || p == 'b') {
      unsigned __int128 v;
      if (!parseIntLiteral(lit, &v)) return false;
      *out = static_cast<double>(v);  // correctly rounded by the conversion
      return true;
    }
    if (p == 'x') {
      hex = true;
      lit.remove_prefix(2);
    }
  }

  // from_chars is correctly rounded and, unlike strtod, ignores the locale.
  std::string text;
  text.reserve(lit.size());
  for (char c : lit) {
    if (c == '_') continue;
    // from_chars would accept a sign, "inf" or "nan"; Go's literals have
    // none of them (an exponent's sign follows its 'e' or 'p').
    if (!isDecimal(c) && c != '.' && !(hex && hexValue(c) < 16) && lower(c) != (hex ? 'p' : 'e') &&
        !((c == '+' || c == '-') && !text.empty() && lower(text.back()) == (hex ? 'p' : 'e'))) {
      return false;
    }
    text.push_back(c);
  }
  if (text.empty()) return false;
  auto format = hex ? std::chars_format::hex : std::chars_format::general;
  const char* end = text.data() + text.size();
  double d;
  auto [ptr, ec] = std::from_chars(text.data(), end, d, format);
  if (ptr != end) return false;
  if (ec == std::errc()) {
    *out = d;
    return true;
  }
  if (ec != std::errc::result_out_of_range) return false;
  // Out of range: a value whose magnitude is below 1 has underflowed and
  // rounds to zero; anything else has overflowed. The wider long double
  // tells the two apart unless it is out of range as well, in which case the
  // exponent's sign does.
  long double wide;
  auto [widePtr, wideEc] = std::from_chars(text.data(), end, wide, format);
  bool underflow;
  if (wideEc == std::errc() && widePtr == end) {
    underflow = std::fabs(wide) < 1;
  } else {
    size_t e = text.find_first_of(hex ? "pP" : "eE");
    underflow = e != std::string::npos && e + 1 < text.size() && text[e + 1] == '-';
  }
  if (!underflow) return false;
  *out = 0;
  return true;
}

}  // namespace gsl::lexer
