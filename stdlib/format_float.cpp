// stdlib/format_float.cpp: strconv.AppendFloat (see format_float.h).
//
// Go's ftoa works on a "decimal slice": the significant digits d[0..nd)
// with no trailing zeros, and the decimal point position dp, so that the
// value is 0.d[0]d[1]... × 10^dp. Zero has nd == 0 and dp == 0. The layout
// functions below (fmtE, fmtF, formatDigits) follow Go's rules on that
// representation; only the digit generation differs (std::to_chars).
#include "stdlib/format_float.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace gsl::stdlib {
namespace {

struct Decimal {
  char d[800];  // a double's exact expansion needs at most 767 digits
  int nd = 0;
  int dp = 0;
};

// Layout of a binary floating-point format, as in Go's floatInfo.
struct FloatInfo {
  int mantBits;
  int expBits;
  int bias;
};
constexpr FloatInfo kFloat32Info{23, 8, -127};
constexpr FloatInfo kFloat64Info{52, 11, -1023};

// Reads the digits of to_chars' output ("1.2345e+06", "0.00120", "120.5")
// into a Decimal, dropping leading and trailing zeros. Zeros are stored only
// once a non-zero digit follows them, so long runs of trailing zeros (from
// large precisions) never need room in the digit buffer.
void readDigits(const char* first, const char* last, Decimal& out) {
  out.nd = 0;
  out.dp = 0;
  int exp10 = 0;
  int pendingZeros = 0;
  bool seenPoint = false;
  bool seenNonZero = false;
  for (const char* p = first; p < last; ++p) {
    char c = *p;
    if (c == '.') {
      seenPoint = true;
    } else if (c == 'e' || c == 'E') {
      std::from_chars(p + (p[1] == '+' ? 2 : 1), last, exp10);
      break;
    } else if (c >= '0' && c <= '9') {
      if (!seenPoint) out.dp++;
      if (c == '0') {
        // A leading zero carries no digit; it only moves the point.
        if (!seenNonZero) out.dp--;
        else pendingZeros++;
        continue;
      }
      seenNonZero = true;
      for (; pendingZeros > 0; pendingZeros--) out.d[out.nd++] = '0';
      out.d[out.nd++] = c;
    }
  }
  if (out.nd == 0) {
    out.dp = 0;
    return;
  }
  out.dp += exp10;
}

// Shortest digits that identify |f| at the given size.
void shortestDigits(double f, int bitSize, Decimal& out) {
  char buf[64];
  std::to_chars_result r;
  if (bitSize == 32) {
    r = std::to_chars(buf, buf + sizeof buf, std::fabs(static_cast<float>(f)),
                      std::chars_format::scientific);
  } else {
    r = std::to_chars(buf, buf + sizeof buf, std::fabs(f),
                      std::chars_format::scientific);
  }
  readDigits(buf, r.ptr, out);
}

// |f| correctly rounded to `digits` significant digits.
void significantDigits(double f, int digits, Decimal& out) {
  char buf[900];
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(f),
                         std::chars_format::scientific, digits - 1);
  readDigits(buf, r.ptr, out);
}

// |f| correctly rounded to `prec` digits after the decimal point.
void fixedDigits(double f, int prec, Decimal& out) {
  // 308 integer digits + the point + up to 1074 fraction digits needed to be
  // exact; larger precisions only append zeros, which carry no information.
  static thread_local char buf[1500];
  int p = std::min(prec, 1100);
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(f),
                         std::chars_format::fixed, p);
  readDigits(buf, r.ptr, out);
}

// %e: -d.ddddde±dd
void fmtE(std::string& dst, bool neg, const Decimal& d, int prec, char fmt) {
  if (neg) dst += '-';
  dst += d.nd != 0 ? d.d[0] : '0';
  if (prec > 0) {
    dst += '.';
    int i = 1;
    int m = std::min(d.nd, prec + 1);
    if (i < m) {
      dst.append(d.d + i, d.d + m);
      i = m;
    }
    for (; i <= prec; i++) dst += '0';
  }
  dst += fmt;
  int exp = d.dp - 1;
  if (d.nd == 0) exp = 0;  // zero is 0e+00
  if (exp < 0) {
    dst += '-';
    exp = -exp;
  } else {
    dst += '+';
  }
  // At least two exponent digits, as Go (and C) print.
  if (exp < 10) {
    dst += '0';
    dst += static_cast<char>('0' + exp);
  } else if (exp < 100) {
    dst += static_cast<char>('0' + exp / 10);
    dst += static_cast<char>('0' + exp % 10);
  } else {
    dst += static_cast<char>('0' + exp / 100);
    dst += static_cast<char>('0' + (exp / 10) % 10);
    dst += static_cast<char>('0' + exp % 10);
  }
}

// %f: -ddddddd.ddddd
void fmtF(std::string& dst, bool neg, const Decimal& d, int prec) {
  if (neg) dst += '-';
  if (d.dp > 0) {
    int m = std::min(d.nd, d.dp);
    dst.append(d.d, d.d + m);
    for (; m < d.dp; m++) dst += '0';
  } else {
    dst += '0';
  }
  if (prec > 0) {
    dst += '.';
    for (int i = 1; i <= prec; i++) {
      int j = d.dp + i - 1;
      dst += (j < 0 || j >= d.nd) ? '0' : d.d[j];
    }
  }
}

void formatDigits(std::string& dst, bool shortest, bool neg, const Decimal& d,
                  int prec, char fmt) {
  switch (fmt) {
    case 'e':
    case 'E':
      fmtE(dst, neg, d, prec, fmt);
      return;
    case 'f':
      fmtF(dst, neg, d, prec);
      return;
    case 'g':
    case 'G': {
      int eprec = prec;
      if (eprec > d.nd && d.nd >= d.dp) eprec = d.nd;
      // %e is used if the exponent from the conversion is less than -4 or
      // greater than or equal to the precision; the shortest form decides
      // with precision 6.
      if (shortest) eprec = 6;
      int exp = d.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > d.nd) prec = d.nd;
        fmtE(dst, neg, d, prec - 1, static_cast<char>(fmt + 'e' - 'g'));
        return;
      }
      if (prec > d.dp) prec = d.nd;
      fmtF(dst, neg, d, std::max(prec - d.dp, 0));
      return;
    }
  }
  dst += '%';
  dst += fmt;
}

// %b: -ddddp±ddd, the mantissa and binary exponent in decimal.
void fmtB(std::string& dst, bool neg, uint64_t mant, int exp,
          const FloatInfo& flt) {
  if (neg) dst += '-';
  dst += std::to_string(mant);
  exp -= flt.mantBits;
  dst += 'p';
  if (exp >= 0) dst += '+';
  dst += std::to_string(exp);
}

// %x: -0x1.yyyyyyyyp±dd or -0x0p+00, hexadecimal mantissa and binary
// exponent, rounded to `prec` hex digits (ties to even) when prec >= 0.
void fmtX(std::string& dst, int prec, char fmt, bool neg, uint64_t mant,
          int exp, const FloatInfo& flt) {
  if (mant == 0) exp = 0;
  // Shift so that the leading 1 (if any) is at bit 60.
  mant <<= 60 - flt.mantBits;
  while (mant != 0 && (mant & (uint64_t(1) << 60)) == 0) {
    mant <<= 1;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    unsigned shift = static_cast<unsigned>(prec * 4);
    uint64_t extra = (mant << shift) & ((uint64_t(1) << 60) - 1);
    mant >>= 60 - shift;
    if ((extra | (mant & 1)) > (uint64_t(1) << 59)) mant++;
    mant <<= 60 - shift;
    if (mant & (uint64_t(1) << 61)) {
      // Rounding carried into a new leading digit.
      mant >>= 1;
      exp++;
    }
  }
  const char* hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
  if (neg) dst += '-';
  dst += '0';
  dst += fmt;
  dst += static_cast<char>('0' + ((mant >> 60) & 1));
  mant <<= 4;  // drop the leading digit
  if (prec < 0 && mant != 0) {
    dst += '.';
    while (mant != 0) {
      dst += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  } else if (prec > 0) {
    dst += '.';
    for (int i = 0; i < prec; i++) {
      dst += hex[(mant >> 60) & 15];
      mant <<= 4;
    }
  }
  dst += fmt == 'X' ? 'P' : 'p';
  if (exp < 0) {
    dst += '-';
    exp = -exp;
  } else {
    dst += '+';
  }
  if (exp < 10) dst += '0';
  dst += std::to_string(exp);
}

}  // namespace

void appendFloat(std::string& dst, double f, char fmt, int prec, int bitSize) {
  const FloatInfo& flt = bitSize == 32 ? kFloat32Info : kFloat64Info;
  uint64_t bits;
  if (bitSize == 32) {
    bits = std::bit_cast<uint32_t>(static_cast<float>(f));
  } else {
    bits = std::bit_cast<uint64_t>(f);
  }
  bool neg = (bits >> (flt.expBits + flt.mantBits)) != 0;
  int exp = static_cast<int>(bits >> flt.mantBits) & ((1 << flt.expBits) - 1);
  uint64_t mant = bits & ((uint64_t(1) << flt.mantBits) - 1);

  if (exp == (1 << flt.expBits) - 1) {
    if (mant != 0) {
      dst += "NaN";
    } else {
      dst += neg ? "-Inf" : "+Inf";
    }
    return;
  }
  if (exp == 0) {
    exp++;  // denormal
  } else {
    mant |= uint64_t(1) << flt.mantBits;
  }
  exp += flt.bias;

  if (fmt == 'b') {
    fmtB(dst, neg, mant, exp, flt);
    return;
  }
  if (fmt == 'x' || fmt == 'X') {
    fmtX(dst, prec, fmt, neg, mant, exp, flt);
    return;
  }

  double v = bitSize == 32 ? static_cast<double>(static_cast<float>(f)) : f;
  static thread_local Decimal digs;
  bool shortest = prec < 0;
  if (shortest) {
    shortestDigits(v, bitSize, digs);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = std::max(digs.nd - 1, 0);
        break;
      case 'f':
        prec = std::max(digs.nd - digs.dp, 0);
        break;
      case 'g':
      case 'G':
        prec = digs.nd;
        break;
    }
  } else {
    switch (fmt) {
      case 'e':
      case 'E':
        significantDigits(v, std::min(prec + 1, 800), digs);
        break;
      case 'f':
        fixedDigits(v, prec, digs);
        break;
      case 'g':
      case 'G':
        if (prec == 0) prec = 1;
        significantDigits(v, std::min(prec, 800), digs);
        break;
      default:
        significantDigits(v, 1, digs);
        break;
    }
  }
  formatDigits(dst, shortest, neg, digs, prec, fmt);
}

std::string formatFloat(double f, char fmt, int prec, int bitSize) {
  std::string s;
  appendFloat(s, f, fmt, prec, bitSize);
  return s;
}

}  // namespace gsl::stdlib
