// stdlib/fmt_formatter.cpp: see fmt_formatter.h. The rules below are Go's
// (fmt/format.go and the verb switches of fmt/print.go); comments explain
// the ones that are not obvious from the output.
#include "stdlib/fmt_formatter.h"

#include "stdlib/format_float.h"
#include "stdlib/quote.h"
#include "stdlib/unicode_props.h"
#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::fmt {
namespace {

constexpr char kLowerDigits[] = "0123456789abcdefx";
constexpr char kUpperDigits[] = "0123456789ABCDEFX";

}  // namespace

void Formatter::writePadding(int n) {
  if (n <= 0) return;
  buf_.append(static_cast<size_t>(n), flags.zero ? '0' : ' ');
}

void Formatter::pad(std::string_view s) {
  if (!flags.widPresent || wid == 0) {
    buf_ += s;
    return;
  }
  int width = wid - static_cast<int>(utf8::runeCount(s));
  if (!flags.minus) {
    writePadding(width);
    buf_ += s;
  } else {
    buf_ += s;
    writePadding(width);
  }
}

void Formatter::fmtBoolean(bool v) { pad(v ? "true" : "false"); }

void Formatter::fmtUnicode(uint64_t u) {
  const uint64_t value = u;
  int precision = 4;
  if (flags.precPresent && prec > 4) precision = prec;
  std::string rev;
  while (u >= 16) {
    rev += kUpperDigits[u & 0xF];
    u >>= 4;
  }
  rev += kUpperDigits[u];
  std::string s = "U+";
  for (int i = static_cast<int>(rev.size()); i < precision; i++) s += '0';
  s.append(rev.rbegin(), rev.rend());
  // %#U adds the character itself when it is printable.
  if (flags.sharp && value <= static_cast<uint64_t>(utf8::kMaxRune) &&
      unicode::isPrint(static_cast<int32_t>(value))) {
    s += " '";
    utf8::appendRune(s, static_cast<int64_t>(value));
    s += '\'';
  }
  bool oldZero = flags.zero;
  flags.zero = false;
  pad(s);
  flags.zero = oldZero;
}

void Formatter::fmtInteger(uint64_t u, int base, bool isSigned, char32_t verb,
                           bool upper) {
  const char* digits = upper ? kUpperDigits : kLowerDigits;
  bool negative = isSigned && static_cast<int64_t>(u) < 0;
  if (negative) u = 0 - u;

  // Two ways to ask for leading zeros: %.3d or %03d. If both are given the
  // zero flag is ignored and the width pads with spaces.
  int precision = 0;
  if (flags.precPresent) {
    precision = prec;
    // Precision 0 and value 0 print nothing but the padding.
    if (precision == 0 && u == 0) {
      bool oldZero = flags.zero;
      flags.zero = false;
      writePadding(wid);
      flags.zero = oldZero;
      return;
    }
  } else if (flags.zero && flags.widPresent) {
    precision = wid;
    if (negative || flags.plus || flags.space) precision--;  // room for the sign
  }

  // Digits are produced right to left.
  std::string rev;
  switch (base) {
    case 10:
      while (u >= 10) {
        rev += static_cast<char>('0' + u % 10);
        u /= 10;
      }
      break;
    case 16:
      while (u >= 16) {
        rev += digits[u & 0xF];
        u >>= 4;
      }
      break;
    case 8:
      while (u >= 8) {
        rev += static_cast<char>('0' + (u & 7));
        u >>= 3;
      }
      break;
    case 2:
      while (u >= 2) {
        rev += static_cast<char>('0' + (u & 1));
        u >>= 1;
      }
      break;
  }
  rev += digits[u];
  while (static_cast<int>(rev.size()) < precision) rev += '0';

  if (flags.sharp) {
    switch (base) {
      case 2:
        rev += "b0";
        break;
      case 8:
        if (rev.back() != '0') rev += '0';
        break;
      case 16:
        rev += digits[16];
        rev += '0';
        break;
    }
  }
  if (verb == 'O') rev += "o0";
  if (negative) {
    rev += '-';
  } else if (flags.plus) {
    rev += '+';
  } else if (flags.space) {
    rev += ' ';
  }
  std::string s(rev.rbegin(), rev.rend());
  // Zero padding was done above as precision (or is overridden by it).
  bool oldZero = flags.zero;
  flags.zero = false;
  pad(s);
  flags.zero = oldZero;
}

void Formatter::fmtFloat(double v, int size, char verb, int precision) {
  if (flags.precPresent) precision = prec;
  // num[0] is the sign slot: '+' unless the number is negative.
  std::string num = "+";
  appendFloat(num, v, verb, precision, size);
  if (num[1] == '-' || num[1] == '+') {
    num.erase(0, 1);
  }
  // The space flag puts a space where a '+' would go, unless plus wins.
  if (flags.space && num[0] == '+' && !flags.plus) num[0] = ' ';

  // Infinities and NaN are not numbers to pad with zeros.
  if (num[1] == 'I' || num[1] == 'N') {
    bool oldZero = flags.zero;
    flags.zero = false;
    // NaN gets a sign only when one is asked for.
    if (num[1] == 'N' && !flags.space && !flags.plus) num.erase(0, 1);
    pad(num);
    flags.zero = oldZero;
    return;
  }

  // The sharp flag forces a decimal point and, for %g/%G/%x, keeps trailing
  // zeros up to the precision (6 when not given).
  if (flags.sharp && verb != 'b') {
    int digits = 0;
    if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') {
      digits = precision == -1 ? 6 : precision;
    }
    std::string tail;
    bool hasDecimalPoint = false;
    bool sawNonzeroDigit = false;
    for (size_t i = 1; i < num.size(); i++) {
      char c = num[i];
      if (c == '.') {
        hasDecimalPoint = true;
        continue;
      }
      if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
        tail = num.substr(i);
        num.resize(i);
        break;
      }
      if (c != '0') sawNonzeroDigit = true;
      // Count significant digits after the first non-zero digit.
      if (sawNonzeroDigit) digits--;
    }
    if (!hasDecimalPoint) {
      // A lone leading 0 counts once as a digit.
      if (num.size() == 2 && num[1] == '0') digits--;
      num += '.';
    }
    for (; digits > 0; digits--) num += '0';
    num += tail;
  }

  if (flags.plus || num[0] != '+') {
    // With zero padding the sign goes before the zeros.
    if (flags.zero && flags.widPresent && wid > static_cast<int>(num.size())) {
      buf_ += num[0];
      writePadding(wid - static_cast<int>(num.size()));
      buf_.append(num, 1);
      return;
    }
    pad(num);
    return;
  }
  // A positive number without a requested sign.
  pad(std::string_view(num).substr(1));
}

std::string_view Formatter::truncate(std::string_view s) const {
  if (flags.precPresent) {
    int n = prec;
    for (size_t i = 0; i < s.size();) {
      n--;
      if (n < 0) return s.substr(0, i);
      i += static_cast<uint8_t>(s[i]) < 0x80
               ? 1
               : static_cast<size_t>(utf8::decodeRune(s.substr(i)).width);
    }
  }
  return s;
}

void Formatter::fmtS(std::string_view s) { pad(truncate(s)); }

void Formatter::fmtSbx(std::string_view s, bool upper) {
  const char* digits = upper ? kUpperDigits : kLowerDigits;
  int length = static_cast<int>(s.size());
  // The precision limits the number of input bytes encoded.
  if (flags.precPresent && prec < length) length = prec;
  // The width of the encoding, given the sharp and space flags.
  int width = 2 * length;
  if (width > 0) {
    if (flags.space) {
      // Each byte gets its own 0x with sharp; bytes are space-separated.
      if (flags.sharp) width *= 2;
      width += length - 1;
    } else if (flags.sharp) {
      width += 2;  // one 0x for the whole string
    }
  } else {
    if (flags.widPresent) writePadding(wid);
    return;
  }
  if (flags.widPresent && wid > width && !flags.minus) writePadding(wid - width);
  if (flags.sharp) {
    buf_ += '0';
    buf_ += digits[16];
  }
  for (int i = 0; i < length; i++) {
    if (flags.space && i > 0) {
      buf_ += ' ';
      if (flags.sharp) {
        buf_ += '0';
        buf_ += digits[16];
      }
    }
    auto c = static_cast<uint8_t>(s[static_cast<size_t>(i)]);
    buf_ += digits[c >> 4];
    buf_ += digits[c & 0xF];
  }
  if (flags.widPresent && wid > width && flags.minus) writePadding(wid - width);
}

void Formatter::fmtQ(std::string_view s) {
  s = truncate(s);
  if (flags.sharp && canBackquote(s)) {
    std::string q = "`";
    q += s;
    q += '`';
    pad(q);
    return;
  }
  std::string q;
  if (flags.plus) {
    appendQuoteToASCII(q, s);
  } else {
    appendQuote(q, s);
  }
  pad(q);
}

void Formatter::fmtC(uint64_t c) {
  int64_t r = c > static_cast<uint64_t>(utf8::kMaxRune) ? utf8::kRuneError
                                                        : static_cast<int64_t>(c);
  std::string s;
  utf8::appendRune(s, r);
  pad(s);
}

void Formatter::fmtQc(uint64_t c) {
  int64_t r = c > static_cast<uint64_t>(utf8::kMaxRune) ? utf8::kRuneError
                                                        : static_cast<int64_t>(c);
  std::string s;
  if (flags.plus) {
    appendQuoteRuneToASCII(s, r);
  } else {
    appendQuoteRune(s, r);
  }
  pad(s);
}

bool Formatter::formatBool(bool v, char32_t verb) {
  if (verb != 't' && verb != 'v') return false;
  fmtBoolean(v);
  return true;
}

void Formatter::fmt0x64(uint64_t v, bool leading0x) {
  bool sharp = flags.sharp;
  flags.sharp = leading0x;
  fmtInteger(v, 16, false, 'v', false);
  flags.sharp = sharp;
}

bool Formatter::formatInteger(uint64_t v, bool isSigned, char32_t verb) {
  switch (verb) {
    case 'v':
      if (flags.sharpV && !isSigned) {
        fmt0x64(v, true);
      } else {
        fmtInteger(v, 10, isSigned, verb, false);
      }
      return true;
    case 'd':
      fmtInteger(v, 10, isSigned, verb, false);
      return true;
    case 'b':
      fmtInteger(v, 2, isSigned, verb, false);
      return true;
    case 'o':
    case 'O':
      fmtInteger(v, 8, isSigned, verb, false);
      return true;
    case 'x':
      fmtInteger(v, 16, isSigned, verb, false);
      return true;
    case 'X':
      fmtInteger(v, 16, isSigned, verb, true);
      return true;
    case 'c':
      fmtC(v);
      return true;
    case 'q':
      fmtQc(v);
      return true;
    case 'U':
      fmtUnicode(v);
      return true;
  }
  return false;
}

bool Formatter::formatFloat(double v, int size, char32_t verb) {
  switch (verb) {
    case 'v':
      fmtFloat(v, size, 'g', -1);
      return true;
    case 'b':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
      fmtFloat(v, size, static_cast<char>(verb), -1);
      return true;
    case 'f':
    case 'e':
    case 'E':
      fmtFloat(v, size, static_cast<char>(verb), 6);
      return true;
    case 'F':
      fmtFloat(v, size, 'f', 6);
      return true;
  }
  return false;
}

bool Formatter::formatString(std::string_view s, char32_t verb) {
  switch (verb) {
    case 'v':
      if (flags.sharpV) {
        fmtQ(s);
      } else {
        fmtS(s);
      }
      return true;
    case 's':
      fmtS(s);
      return true;
    case 'x':
      fmtSbx(s, false);
      return true;
    case 'X':
      fmtSbx(s, true);
      return true;
    case 'q':
      fmtQ(s);
      return true;
  }
  return false;
}

}  // namespace gsl::stdlib::fmt
