// stdlib/strconv_complex.cpp: strconv.FormatComplex, ParseComplex and
// AppendQuoteRuneToGraphic (registered into package strconv next to the
// members of stdlib/strconv.cpp).
//
// ParseComplex accepts what Go's does: "N", "Ni", "N±Ni", each optionally
// in parentheses, where N is any float ParseFloat accepts (including Inf
// and NaN, hexadecimal floats and underscores after a base prefix). Like
// Go, it finds where the real part ends by scanning Go's float grammar,
// parses each part with ParseFloat's rules, and reports a syntax error for
// anything else or a range error (with the value ±Inf) when a part
// overflows.
#include <cctype>
#include <complex>
#include <string>
#include <string_view>

#include "stdlib/format_float.h"
#include "stdlib/native_support.h"
#include "stdlib/parse_number.h"
#include "stdlib/quote.h"
#include "stdlib/strconv_errors.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool hasPrefixFold(std::string_view s, std::string_view word) {
  if (s.size() < word.size()) return false;
  for (size_t i = 0; i < word.size(); i++) {
    if (lower(s[i]) != word[i]) return false;
  }
  return true;
}

// The length of an infinity or NaN at the start of s (Go's special), or 0.
size_t specialPrefix(std::string_view s) {
  size_t sign = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) sign = 1;
  std::string_view rest = s.substr(sign);
  if (hasPrefixFold(rest, "infinity")) return sign + 8;
  if (hasPrefixFold(rest, "inf")) return sign + 3;
  if (sign == 0 && hasPrefixFold(rest, "nan")) return 3;
  return 0;
}

// The length of the float at the start of s under Go's readFloat grammar
// (sign, decimal or 0x-hexadecimal mantissa with at most one point,
// exponent e or p), or 0 if there is none. Underscores are accepted here
// and judged by ParseFloat itself on the prefix.
size_t floatPrefix(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) i++;
  int base = 10;
  if (i + 2 < s.size() && s[i] == '0' && lower(s[i + 1]) == 'x') {
    base = 16;
    i += 2;
  }
  bool sawDot = false, sawDigits = false;
  for (; i < s.size(); i++) {
    char c = s[i];
    if (c == '_') continue;
    if (c == '.') {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    if ((c >= '0' && c <= '9') || (base == 16 && lower(c) >= 'a' && lower(c) <= 'f')) {
      sawDigits = true;
      continue;
    }
    break;
  }
  if (!sawDigits) return 0;
  bool sawExp = false;
  if (i < s.size() && lower(s[i]) == (base == 10 ? 'e' : 'p')) {
    i++;
    if (i >= s.size()) return 0;
    if (s[i] == '+' || s[i] == '-') i++;
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return 0;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_')) i++;
    sawExp = true;
  }
  if (base == 16 && !sawExp) return 0;
  return i;
}

// One part of a complex number: its value, how much of s it used, and
// whether it overflowed. False for a syntax error.
bool parsePart(std::string_view s, int bitSize, double* value, size_t* n, bool* overflow) {
  size_t len = specialPrefix(s);
  if (len == 0) len = floatPrefix(s);
  if (len == 0) return false;
  Parsed<double> p = parseFloat(s.substr(0, len), bitSize);
  if (p.err && p.err.kind != NumErrorKind::Range) return false;
  *overflow = p.err.kind == NumErrorKind::Range;
  *value = p.value;
  *n = len;
  return true;
}

// ParseComplex always returns a complex128 (for bitSize 64 one that
// converts to complex64 without change).
Value complexValue(double re, double im) {
  return vm::makeComplexOfType(vm::types::complex128Type(), std::complex<double>(re, im));
}

int nParseComplex(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view orig = argString(args, nargs, 0);
  int size = argInt(args, nargs, 1) == 64 ? 32 : 64;  // complex64 has float32 parts
  std::string_view s = orig;
  auto syntax = [&] {
    out[0] = complexValue(0, 0);
    out[1] = makeNumError(NumError{NumErrorKind::Syntax, "ParseComplex", 0}, orig);
    return 2;
  };
  auto result = [&](double re, double im, bool overflow) {
    out[0] = complexValue(re, im);
    out[1] = overflow ? makeNumError(NumError{NumErrorKind::Range, "ParseComplex", 0}, orig) : Value();
    return 2;
  };
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
  double re = 0, im = 0;
  size_t n = 0;
  bool overflow = false, imOverflow = false;
  if (!parsePart(s, size, &re, &n, &overflow)) return syntax();
  s.remove_prefix(n);
  if (s.empty()) return result(re, 0, overflow);
  switch (s[0]) {
    case '+':
      // Keep "++" an error; otherwise drop the sign so "+NaNi" parses.
      if (s.size() > 1 && s[1] != '+') s.remove_prefix(1);
      break;
    case '-':
      break;
    case 'i':
      if (s.size() == 1) return result(0, re, overflow);  // only an imaginary part
      return syntax();
    default:
      return syntax();
  }
  if (!parsePart(s, size, &im, &n, &imOverflow)) return syntax();
  s.remove_prefix(n);
  if (s != "i") return syntax();
  return result(re, im, overflow || imOverflow);
}

int nFormatComplex(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::complex<double> c = nargs > 0 ? vm::toComplex(args[0]) : std::complex<double>();
  auto fmt = static_cast<char>(argInt(args, nargs, 1));
  auto prec = static_cast<int>(argInt(args, nargs, 2));
  int64_t bitSize = argInt(args, nargs, 3);
  if (bitSize != 64 && bitSize != 128) vm::throwPanic(vm::makeString("invalid bitSize"));
  int partBits = static_cast<int>(bitSize >> 1);  // complex64 has float32 parts
  std::string im = formatFloat(c.imag(), fmt, prec, partBits);
  if (im[0] != '+' && im[0] != '-') im = "+" + im;
  out[0] = vm::makeString("(" + formatFloat(c.real(), fmt, prec, partBits) + im + "i)");
  return 1;
}

int nAppendQuoteRuneToGraphic(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string s;
  appendQuoteRuneToGraphic(s, argInt(args, nargs, 1));
  Value dst = arg(args, nargs, 0);
  if (dst.isNil()) dst = vm::nilOf(vm::sliceOf(vm::types::byteType()));
  out[0] = vm::appendBytes(dst, s);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "strconv",
      "strconv",
      {
          funcMember("ParseComplex", nParseComplex),
          funcMember("FormatComplex", nFormatComplex),
          funcMember("AppendQuoteRuneToGraphic", nAppendQuoteRuneToGraphic),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
