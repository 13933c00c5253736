// stdlib/parse_number.cpp: see parse_number.h.
//
// The integer parsers follow Go's algorithm step by step, because the
// observable details (which error wins when a string both overflows and
// has a bad digit later, what value comes back with a range error) are part
// of the contract. The float parser checks Go's syntax itself and leaves
// the correctly rounded conversion to strtod/strtof, which round exactly as
// Go's parser does (to nearest, ties to even, for decimal and hex input).
#include "stdlib/parse_number.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "stdlib/quote.h"

namespace gsl::stdlib {
namespace {

constexpr int kIntSize = 64;

char lower(char c) { return static_cast<char>(c | ('x' - 'X')); }

NumError makeError(NumErrorKind kind, std::string_view func, int arg = 0) {
  NumError e;
  e.kind = kind;
  e.func = func;
  e.arg = arg;
  return e;
}

// Go's underscoreOK: underscores may only separate digits, and only in a
// number with a base prefix (a leading 0 counts as the octal prefix).
bool underscoreOK(std::string_view s) {
  // saw tracks the last character class: '^' start, '0' digit or prefix,
  // '_' underscore, '!' anything else.
  char saw = '^';
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';  // the prefix counts as a digit for separator purposes
    hex = lower(s[1]) == 'x';
  }
  for (; i < s.size(); i++) {
    char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

size_t commonPrefixLenIgnoreCase(std::string_view s, std::string_view prefix) {
  size_t n = std::min(s.size(), prefix.size());
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = lower(c);
    if (c != prefix[i]) return i;
  }
  return n;
}

// Go's special(): "inf", "infinity" (optionally signed) and "nan", any case.
// Returns the number of bytes consumed, 0 if s does not start with one.
size_t special(std::string_view s, double& f) {
  if (s.empty()) return 0;
  double sign = 1;
  size_t nsign = 0;
  char c = s[0];
  if (c == '+' || c == '-') {
    if (c == '-') sign = -1;
    nsign = 1;
    s.remove_prefix(1);
    c = s.empty() ? 0 : s[0];
    if (c != 'i' && c != 'I') return 0;
  }
  if (c == 'i' || c == 'I') {
    size_t n = commonPrefixLenIgnoreCase(s, "infinity");
    if (n > 3 && n < 8) n = 3;
    if (n == 3 || n == 8) {
      f = sign * std::numeric_limits<double>::infinity();
      return nsign + n;
    }
  } else if (c == 'n' || c == 'N') {
    if (commonPrefixLenIgnoreCase(s, "nan") == 3) {
      f = std::numeric_limits<double>::quiet_NaN();
      return 3;
    }
  }
  return 0;
}

// Scans the longest prefix of s that is a Go floating-point literal (Go's
// readFloat) and copies it, without underscores, into `clean`. Returns the
// length consumed, or 0 if there is no valid literal.
size_t scanFloat(std::string_view s, std::string& clean) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) clean += s[i++];
  int base = 10;
  char expChar = 'e';
  if (i + 2 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    base = 16;
    expChar = 'p';
    clean += "0x";
    i += 2;
  }
  bool sawDot = false, sawDigits = false, underscores = false;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c == '_') {
      underscores = true;
      continue;
    }
    if (c == '.') {
      if (sawDot) break;
      sawDot = true;
      clean += c;
      continue;
    }
    if ((c >= '0' && c <= '9') ||
        (base == 16 && lower(c) >= 'a' && lower(c) <= 'f')) {
      sawDigits = true;
      clean += c;
      continue;
    }
    break;
  }
  if (!sawDigits) return 0;
  if (i < s.size() && lower(s[i]) == expChar) {
    clean += s[i];
    i++;
    if (i >= s.size()) return 0;
    if (s[i] == '+' || s[i] == '-') clean += s[i++];
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return 0;
    for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++) {
      if (s[i] == '_') {
        underscores = true;
        continue;
      }
      clean += s[i];
    }
  } else if (base == 16) {
    return 0;  // a hexadecimal mantissa needs a 'p' exponent
  }
  if (underscores && !underscoreOK(s.substr(0, i))) return 0;
  return i;
}

}  // namespace

std::string NumError::errText() const {
  switch (kind) {
    case NumErrorKind::None: return "";
    case NumErrorKind::Syntax: return "invalid syntax";
    case NumErrorKind::Range: return "value out of range";
    case NumErrorKind::Base: return "invalid base " + std::to_string(arg);
    case NumErrorKind::BitSize: return "invalid bit size " + std::to_string(arg);
  }
  return "";
}

std::string NumError::message(std::string_view num) const {
  std::string m = "strconv.";
  m += func;
  m += ": parsing ";
  appendQuote(m, num);
  m += ": ";
  m += errText();
  return m;
}

Parsed<uint64_t> parseUint(std::string_view s, int base, int bitSize) {
  constexpr std::string_view kFn = "ParseUint";
  if (s.empty()) return {0, makeError(NumErrorKind::Syntax, kFn)};
  bool base0 = base == 0;
  std::string_view s0 = s;
  if (base == 0) {
    base = 10;
    if (s[0] == '0') {
      if (s.size() >= 3 && lower(s[1]) == 'b') {
        base = 2;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'o') {
        base = 8;
        s.remove_prefix(2);
      } else if (s.size() >= 3 && lower(s[1]) == 'x') {
        base = 16;
        s.remove_prefix(2);
      } else {
        base = 8;
        s.remove_prefix(1);
      }
    }
  } else if (base < 2 || base > 36) {
    return {0, makeError(NumErrorKind::Base, kFn, base)};
  }
  if (bitSize == 0) {
    bitSize = kIntSize;
  } else if (bitSize < 0 || bitSize > 64) {
    return {0, makeError(NumErrorKind::BitSize, kFn, bitSize)};
  }
  // cutoff is the smallest number such that cutoff*base overflows 64 bits.
  uint64_t cutoff = std::numeric_limits<uint64_t>::max() / static_cast<uint64_t>(base) + 1;
  uint64_t maxVal = bitSize == 64 ? std::numeric_limits<uint64_t>::max()
                                  : (uint64_t(1) << bitSize) - 1;
  bool underscores = false;
  uint64_t n = 0;
  for (char c : s) {
    unsigned d;
    if (c == '_' && base0) {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') {
      d = static_cast<unsigned>(c - '0');
    } else if (lower(c) >= 'a' && lower(c) <= 'z') {
      d = static_cast<unsigned>(lower(c) - 'a' + 10);
    } else {
      return {0, makeError(NumErrorKind::Syntax, kFn)};
    }
    if (d >= static_cast<unsigned>(base)) return {0, makeError(NumErrorKind::Syntax, kFn)};
    if (n >= cutoff) return {maxVal, makeError(NumErrorKind::Range, kFn)};
    n *= static_cast<uint64_t>(base);
    uint64_t n1 = n + d;
    if (n1 < n || n1 > maxVal) return {maxVal, makeError(NumErrorKind::Range, kFn)};
    n = n1;
  }
  if (underscores && !underscoreOK(s0)) return {0, makeError(NumErrorKind::Syntax, kFn)};
  return {n, {}};
}

Parsed<int64_t> parseInt(std::string_view s, int base, int bitSize) {
  constexpr std::string_view kFn = "ParseInt";
  if (s.empty()) return {0, makeError(NumErrorKind::Syntax, kFn)};
  bool neg = false;
  if (s[0] == '+') {
    s.remove_prefix(1);
  } else if (s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  Parsed<uint64_t> u = parseUint(s, base, bitSize);
  if (u.err && u.err.kind != NumErrorKind::Range) {
    u.err.func = kFn;
    return {0, u.err};
  }
  if (bitSize == 0) bitSize = kIntSize;
  uint64_t cutoff = uint64_t(1) << (bitSize - 1);
  if (!neg && u.value >= cutoff) {
    return {static_cast<int64_t>(cutoff - 1), makeError(NumErrorKind::Range, kFn)};
  }
  if (neg && u.value > cutoff) {
    return {static_cast<int64_t>(-cutoff), makeError(NumErrorKind::Range, kFn)};
  }
  auto n = static_cast<int64_t>(u.value);
  return {neg ? static_cast<int64_t>(0 - u.value) : n, {}};
}

Parsed<int64_t> parseAtoi(std::string_view s) {
  constexpr std::string_view kFn = "Atoi";
  // Fast path for short strings of plain decimal digits, which cannot
  // overflow; it is also where Go reports syntax errors of short strings.
  if (!s.empty() && s.size() < 19) {
    std::string_view s0 = s;
    if (s[0] == '-' || s[0] == '+') {
      s.remove_prefix(1);
      if (s.empty()) return {0, makeError(NumErrorKind::Syntax, kFn)};
    }
    int64_t n = 0;
    for (char c : s) {
      auto d = static_cast<unsigned char>(c - '0');
      if (d > 9) return {0, makeError(NumErrorKind::Syntax, kFn)};
      n = n * 10 + d;
    }
    return {s0[0] == '-' ? -n : n, {}};
  }
  Parsed<int64_t> r = parseInt(s, 10, 0);
  if (r.err) r.err.func = kFn;
  return r;
}

Parsed<double> parseFloat(std::string_view s, int bitSize) {
  constexpr std::string_view kFn = "ParseFloat";
  double special_value;
  if (size_t n = special(s, special_value); n != 0) {
    if (n != s.size()) return {0, makeError(NumErrorKind::Syntax, kFn)};
    return {special_value, {}};
  }
  std::string clean;
  size_t n = scanFloat(s, clean);
  if (n == 0 || n != s.size()) return {0, makeError(NumErrorKind::Syntax, kFn)};
  errno = 0;
  double v;
  if (bitSize == 32) {
    v = std::strtof(clean.c_str(), nullptr);
  } else {
    v = std::strtod(clean.c_str(), nullptr);
  }
  // strtod reports ERANGE for underflow too; Go only reports overflow.
  if (std::isinf(v)) return {v, makeError(NumErrorKind::Range, kFn)};
  return {v, {}};
}

Parsed<bool> parseBool(std::string_view s) {
  if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True") {
    return {true, {}};
  }
  if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False") {
    return {false, {}};
  }
  return {false, makeError(NumErrorKind::Syntax, "ParseBool")};
}

}  // namespace gsl::stdlib
