// stdlib/go_math.cpp: see go_math.h.
//
// These are the algorithms Go's math package uses on amd64: the Cephes-
// derived polynomials of its portable code (sin, tan, atan, sinh, tanh,
// cbrt, pow, exp2) and the sequences of its amd64 assembly (exp, log,
// hypot). Every operation is written in the order Go performs it, because
// floating-point rounding depends on that order; the constants are the
// polynomial coefficients of those algorithms.
//
// Go's Exp on amd64 takes a different path when the CPU has FMA (fused
// multiply-add gives different roundings), so this file checks the CPU
// once, as Go's runtime does. The file must not be compiled with floating-
// point contraction into FMA instructions (-ffp-contract=fast together
// with -mfma): the plain paths rely on separately rounded operations.
#include "stdlib/go_math.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

namespace gsl::stdlib::go_math {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr double kPi = 3.14159265358979323846264338327950288419716939937510582097494459;
constexpr double kPi2 = kPi / 2;  // exact: halving a double
constexpr double kPi4 = kPi / 4;
constexpr double k3Pi4 = 2.35619449019234492884698253745962716314787704953132936573120844;
constexpr double k4OverPi = 1.27323954473516268615107010698011489627567716592365404729872363;
constexpr double kLn2 = 0.693147180559945309417232121458176568075500134360255254120680009;
constexpr double kInvLn2 = 1.44269504088896340735992468100189213742664595415298593413544940;
constexpr double kInvLn10 = 0.434294481903251827651128918916605082294397005803666566114453783;

uint64_t bitsOf(double x) { return std::bit_cast<uint64_t>(x); }
double fromBits(uint64_t b) { return std::bit_cast<double>(b); }

bool cpuHasFMA() {
  static const bool has = __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma");
  return has;
}

// x86's CVTSD2SI to a 32-bit integer: round to nearest even, and the
// "integer indefinite" value for anything that does not fit.
int32_t cvtsd2sl(double v) {
  double r = std::nearbyint(v);
  if (!(r >= -2147483648.0 && r <= 2147483647.0)) return INT32_MIN;
  return static_cast<int32_t>(r);
}

// Go's float64 → int64 conversion on amd64 (CVTTSD2SQ): truncation, and
// 0x8000000000000000 when out of range.
int64_t toInt64(double v) {
  if (!(v >= -9223372036854775808.0 && v < 9223372036854775808.0)) return INT64_MIN;
  return static_cast<int64_t>(v);
}

// ---- Trigonometric range reduction (Payne–Hanek, for |x| >= 2^29) ------------

constexpr double kReduceThreshold = 1 << 29;

// The binary digits of 4/π, 64 bits per word, from the most significant.
constexpr uint64_t kFourOverPi[] = {
    0x0000000000000001, 0x45f306dc9c882a53, 0xf84eafa3ea69bb81, 0xb6c52b3278872083,
    0xfca2c757bd778ac3, 0x6e48dc74849ba5c0, 0x0c925dd413a32439, 0xfc3bd63962534e7d,
    0xd1046bea5d768909, 0xd338e04d68befc82, 0x7323ac7306a673e9, 0x3908bf177bf25076,
    0x3ff12fffbc0b301f, 0xde5e2316b414da3e, 0xda6cfd9e4f96136e, 0x9e8c7ecd3cbfd45a,
    0xea4f758fd7cbe2f6, 0x7a0e73ef14a525d4, 0xd7f6bf623f1aba10, 0xac06608df8f6d757,
};

uint64_t shl(uint64_t v, unsigned s) { return s >= 64 ? 0 : v << s; }
uint64_t shr(uint64_t v, unsigned s) { return s >= 64 ? 0 : v >> s; }

// Returns the octant j and the reduced argument z of x in [0, π/4), using
// the bits of 4/π that matter for x's exponent.
void trigReduce(double x, uint64_t& j, double& z) {
  if (x < kPi4) {
    j = 0;
    z = x;
    return;
  }
  constexpr int kShift = 52, kBias = 1023;
  constexpr uint64_t kMask = 0x7FF;
  uint64_t ix = bitsOf(x);
  int exp = static_cast<int>((ix >> kShift) & kMask) - kBias - kShift;
  ix &= ~(kMask << kShift);
  ix |= uint64_t(1) << kShift;
  unsigned digit = static_cast<unsigned>(exp + 61) / 64;
  unsigned bitshift = static_cast<unsigned>(exp + 61) % 64;
  uint64_t z0 = shl(kFourOverPi[digit], bitshift) | shr(kFourOverPi[digit + 1], 64 - bitshift);
  uint64_t z1 = shl(kFourOverPi[digit + 1], bitshift) | shr(kFourOverPi[digit + 2], 64 - bitshift);
  uint64_t z2 = shl(kFourOverPi[digit + 2], bitshift) | shr(kFourOverPi[digit + 3], 64 - bitshift);
  // The 192-bit product of the mantissa and those digits; only its middle
  // 128 bits are needed.
  unsigned __int128 p2 = static_cast<unsigned __int128>(z2) * ix;
  unsigned __int128 p1 = static_cast<unsigned __int128>(z1) * ix;
  uint64_t z2hi = static_cast<uint64_t>(p2 >> 64);
  uint64_t z1hi = static_cast<uint64_t>(p1 >> 64);
  uint64_t z1lo = static_cast<uint64_t>(p1);
  uint64_t z0lo = z0 * ix;
  uint64_t lo = z1lo + z2hi;
  uint64_t carry = lo < z1lo ? 1 : 0;
  uint64_t hi = z0lo + z1hi + carry;
  j = hi >> 61;
  hi = hi << 3 | lo >> 61;
  auto lz = static_cast<unsigned>(std::countl_zero(hi));
  uint64_t e = static_cast<uint64_t>(kBias - static_cast<int>(lz + 1));
  hi = shl(hi, lz + 1) | shr(lo, 64 - (lz + 1));
  hi >>= 64 - kShift;
  hi |= e << kShift;
  z = fromBits(hi);
  if (j & 1) {
    j++;
    j &= 7;
    z--;
  }
  z = z * kPi4;
}

// Pi/4 split into three parts for the extended-precision reduction.
constexpr double kPI4A = 7.85398125648498535156e-1;
constexpr double kPI4B = 3.77489470793079817668e-8;
constexpr double kPI4C = 2.69515142907905952645e-15;

constexpr double kSin[] = {
    1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
    -1.98412698295895385996e-4, 8.33333333332211858878e-3,  -1.66666666666666307295e-1,
};
constexpr double kCos[] = {
    -1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
    2.48015872888517045348e-5,   -1.38888888888730564116e-3, 4.16666666666665929218e-2,
};

double sinPoly(double z, double zz) {
  return z + z * zz * ((((((kSin[0] * zz) + kSin[1]) * zz + kSin[2]) * zz + kSin[3]) * zz + kSin[4]) * zz + kSin[5]);
}
double cosPoly(double zz) {
  return 1.0 - 0.5 * zz + zz * zz * ((((((kCos[0] * zz) + kCos[1]) * zz + kCos[2]) * zz + kCos[3]) * zz + kCos[4]) * zz + kCos[5]);
}

// The octant and reduced argument for |x| (x >= 0).
void reduce(double x, uint64_t& j, double& z) {
  if (x >= kReduceThreshold) {
    trigReduce(x, j, z);
    return;
  }
  j = static_cast<uint64_t>(x * k4OverPi);
  double y = static_cast<double>(j);
  // Map zeros to the origin.
  if (j & 1) {
    j++;
    y++;
  }
  j &= 7;
  z = ((x - y * kPI4A) - y * kPI4B) - y * kPI4C;
}

// ---- Arctangent -------------------------------------------------------------------

double xatan(double x) {
  constexpr double P0 = -8.750608600031904122785e-01;
  constexpr double P1 = -1.615753718733365076637e+01;
  constexpr double P2 = -7.500855792314704667340e+01;
  constexpr double P3 = -1.228866684490136173410e+02;
  constexpr double P4 = -6.485021904942025371773e+01;
  constexpr double Q0 = +2.485846490142306297962e+01;
  constexpr double Q1 = +1.650270098316988542046e+02;
  constexpr double Q2 = +4.328810604912902668951e+02;
  constexpr double Q3 = +4.853903996359136964868e+02;
  constexpr double Q4 = +1.945506571482613964425e+02;
  double z = x * x;
  z = z * ((((P0 * z + P1) * z + P2) * z + P3) * z + P4) /
      (((((z + Q0) * z + Q1) * z + Q2) * z + Q3) * z + Q4);
  z = x * z + x;
  return z;
}

// atan of a non-negative argument, with range reduction.
double satan(double x) {
  constexpr double kMorebits = 6.123233995736765886130e-17;  // π/2 = PIO2 + Morebits
  constexpr double kTan3Pi8 = 2.41421356237309504880;
  if (x <= 0.66) return xatan(x);
  if (x > kTan3Pi8) return kPi2 - xatan(1 / x) + kMorebits;
  return kPi4 + xatan((x - 1) / (x + 1)) + 0.5 * kMorebits;
}

bool isOddInt(double x) {
  double xi = 0;
  double xf = std::modf(x, &xi);
  return xf == 0 && (toInt64(xi) & 1) == 1;
}

}  // namespace

// ---- Trigonometric ------------------------------------------------------------------

double sin(double x) {
  if (x == 0 || std::isnan(x)) return x;
  if (std::isinf(x)) return kNaN;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  uint64_t j;
  double z;
  reduce(x, j, z);
  if (j > 3) {
    sign = !sign;
    j -= 4;
  }
  double zz = z * z;
  double y = (j == 1 || j == 2) ? cosPoly(zz) : sinPoly(z, zz);
  return sign ? -y : y;
}

double cos(double x) {
  if (std::isnan(x) || std::isinf(x)) return kNaN;
  bool sign = false;
  x = std::fabs(x);
  uint64_t j;
  double z;
  reduce(x, j, z);
  if (j > 3) {
    j -= 4;
    sign = !sign;
  }
  if (j > 1) sign = !sign;
  double zz = z * z;
  double y = (j == 1 || j == 2) ? sinPoly(z, zz) : cosPoly(zz);
  return sign ? -y : y;
}

double tan(double x) {
  constexpr double P[] = {-1.30936939181383777646e4, 1.15351664838587416140e6,
                          -1.79565251976484877988e7};
  constexpr double Q[] = {1.00000000000000000000e0, 1.36812963470692954678e4,
                          -1.32089234440210967447e6, 2.50083801823357915839e7,
                          -5.38695755929454629881e7};
  if (x == 0 || std::isnan(x)) return x;
  if (std::isinf(x)) return kNaN;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  uint64_t j;
  double z;
  if (x >= kReduceThreshold) {
    trigReduce(x, j, z);
  } else {
    j = static_cast<uint64_t>(x * k4OverPi);
    double y = static_cast<double>(j);
    if (j & 1) {
      j++;
      y++;
    }
    z = ((x - y * kPI4A) - y * kPI4B) - y * kPI4C;
  }
  double zz = z * z;
  double y;
  if (zz > 1e-14) {
    y = z + z * (zz * (((P[0] * zz) + P[1]) * zz + P[2]) /
                 ((((zz + Q[1]) * zz + Q[2]) * zz + Q[3]) * zz + Q[4]));
  } else {
    y = z;
  }
  if (j & 2) y = -1 / y;
  return sign ? -y : y;
}

double asin(double x) {
  if (x == 0) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x > 1) return kNaN;
  double temp = std::sqrt(1 - x * x);
  if (x > 0.7) {
    temp = kPi2 - satan(temp / x);
  } else {
    temp = satan(x / temp);
  }
  return sign ? -temp : temp;
}

double acos(double x) { return kPi2 - asin(x); }

double atan(double x) {
  if (x == 0) return x;
  if (x > 0) return satan(x);
  return -satan(-x);
}

double atan2(double y, double x) {
  if (std::isnan(y) || std::isnan(x)) return kNaN;
  if (y == 0) {
    if (x >= 0 && !std::signbit(x)) return std::copysign(0.0, y);
    return std::copysign(kPi, y);
  }
  if (x == 0) return std::copysign(kPi2, y);
  if (std::isinf(x)) {
    if (x > 0) return std::isinf(y) ? std::copysign(kPi4, y) : std::copysign(0.0, y);
    return std::isinf(y) ? std::copysign(k3Pi4, y) : std::copysign(kPi, y);
  }
  if (std::isinf(y)) return std::copysign(kPi2, y);
  double q = atan(y / x);
  if (x < 0) {
    if (q <= 0) return q + kPi;
    return q - kPi;
  }
  return q;
}

// ---- Exponential and logarithm (amd64 assembly sequences) ----------------------------

double exp(double x) {
  constexpr double kLog2E = 1.4426950408889634073599246810018920;
  constexpr double kLn2U = 0.69314718055966295651160180568695068359375;
  constexpr double kLn2L = 0.28235290563031577122588448175013436025525412068e-12;
  constexpr double kOverflow = 7.09782712893384e+02;
  // Taylor coefficients 1/n! for the reduced argument.
  constexpr double c2 = 0.5, c3 = 1.6666666666666666667e-1, c4 = 4.1666666666666666667e-2,
                   c5 = 8.3333333333333333333e-3, c6 = 1.3888888888888888889e-3,
                   c7 = 1.9841269841269841270e-4, c8 = 2.4801587301587301587e-5;
  uint64_t b = bitsOf(x);
  if ((b & ~(uint64_t(1) << 63)) >= 0x7FF0000000000000) {
    if (b == 0xFFF0000000000000) return 0;  // -Inf
    return x;                               // NaN or +Inf
  }
  if (x > kOverflow) return kInf;
  int32_t k = cvtsd2sl(kLog2E * x);
  double fk = static_cast<double>(k);
  double r;
  if (cpuHasFMA()) {
    r = std::fma(-kLn2U, fk, x);
    r = std::fma(-kLn2L, fk, r);
    r *= 0.0625;
    double p = c8;
    p = std::fma(p, r, c7);
    p = std::fma(p, r, c6);
    p = std::fma(p, r, c5);
    p = std::fma(p, r, c4);
    p = std::fma(p, r, c3);
    p = std::fma(p, r, c2);
    p = std::fma(p, r, 1.0);
    r = r * p;
    // (e^(r/16))^16 through four squarings of 1 + r: (1+r)^2 - 1 = r*(r+2).
    for (int i = 0; i < 3; i++) r *= r + 2.0;
    r = std::fma(r, r + 2.0, 1.0);
  } else {
    r = x - fk * kLn2U;
    r = r - fk * kLn2L;
    r *= 0.0625;
    double p = c8;
    p = p * r + c7;
    p = p * r + c6;
    p = p * r + c5;
    p = p * r + c4;
    p = p * r + c3;
    p = p * r + c2;
    p = p * r + 1.0;
    r = r * p;
    for (int i = 0; i < 4; i++) r *= 2.0 + r;
    r += 1.0;
  }
  // r * 2^k, with the denormal range taken in two steps as Go's code does.
  int64_t biased = static_cast<int64_t>(k) + 0x3FF;
  if (biased <= 0) {
    if (biased < -52) return 0;
    r *= fromBits(static_cast<uint64_t>(biased + 0x3FE) << 52);
    biased = 1;
  } else if (biased >= 0x7FF) {
    return kInf;
  }
  return r * fromBits(static_cast<uint64_t>(biased) << 52);
}

double log(double x) {
  constexpr double kHSqrt2 = 7.07106781186547524401e-01;
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double L1 = 6.666666666666735130e-01, L2 = 3.999999999940941908e-01,
                   L3 = 2.857142874366239149e-01, L4 = 2.222219843214978396e-01,
                   L5 = 1.818357216161805012e-01, L6 = 1.531383769920937332e-01,
                   L7 = 1.479819860511658591e-01;
  uint64_t b = bitsOf(x);
  if ((b & ~(uint64_t(1) << 63)) == 0) return -kInf;
  if (static_cast<int64_t>(b) < 0) return fromBits(0x7FF8000000000001);
  if (b >= 0x7FF0000000000000) return x;
  // The mantissa as a fraction in [0.5, 1) and the exponent, read from the
  // bits directly (denormals are not normalised, as in Go's assembly).
  double f1 = fromBits((b & 0x000FFFFFFFFFFFFF) | bitsOf(0.5));
  double k = static_cast<double>(static_cast<int32_t>((b >> 52) & 0x7FF) - 0x3FE);
  if (!(kHSqrt2 < f1)) {
    k -= 1;
    f1 *= 2;
  }
  double f = f1 - 1;
  double s = f / (2.0 + f);
  double s2 = s * s;
  double s4 = s2 * s2;
  double t1 = s2 * (L1 + s4 * (L3 + s4 * (L5 + s4 * L7)));
  double t2 = s4 * (L2 + s4 * (L4 + s4 * L6));
  double R = t1 + t2;
  double hfsq = 0.5 * f * f;
  return k * kLn2Hi - ((hfsq - (s * (hfsq + R) + k * kLn2Lo)) - f);
}

double log2(double x) {
  int e = 0;
  double frac = std::frexp(x, &e);
  if (std::isinf(x) || std::isnan(x)) e = 0;
  // Exact for powers of two.
  if (frac == 0.5) return static_cast<double>(e - 1);
  return log(frac) * kInvLn2 + static_cast<double>(e);
}

double log10(double x) { return log(x) * kInvLn10; }

double log1p(double x) {
  constexpr double kSqrt2M1 = 4.142135623730950488017e-01;
  constexpr double kSqrt2HalfM1 = -2.928932188134524755992e-01;
  constexpr double kSmall = 1.0 / (1 << 29);
  constexpr double kTiny = 1.0 / (uint64_t(1) << 54);
  constexpr double kTwo53 = static_cast<double>(uint64_t(1) << 53);
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double Lp1 = 6.666666666666735130e-01, Lp2 = 3.999999999940941908e-01,
                   Lp3 = 2.857142874366239149e-01, Lp4 = 2.222219843214978396e-01,
                   Lp5 = 1.818357216161805012e-01, Lp6 = 1.531383769920937332e-01,
                   Lp7 = 1.479819860511658591e-01;
  if (x < -1 || std::isnan(x)) return kNaN;
  if (x == -1) return -kInf;
  if (std::isinf(x)) return kInf;
  double absx = std::fabs(x);
  double f = 0;
  uint64_t iu = 0;
  int64_t k = 1;
  if (absx < kSqrt2M1) {
    if (absx < kSmall) {
      if (absx < kTiny) return x;
      return x - x * x * 0.5;
    }
    if (x > kSqrt2HalfM1) {
      k = 0;
      f = x;
      iu = 1;
    }
  }
  double c = 0;
  if (k != 0) {
    double u;
    if (absx < kTwo53) {
      u = 1.0 + x;
      iu = bitsOf(u);
      k = static_cast<int64_t>((iu >> 52) - 1023);
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      iu = bitsOf(u);
      k = static_cast<int64_t>((iu >> 52) - 1023);
      c = 0;
    }
    iu &= 0x000fffffffffffff;
    if (iu < 0x0006a09e667f3bcd) {
      u = fromBits(iu | 0x3ff0000000000000);  // normalize u
    } else {
      k++;
      u = fromBits(iu | 0x3fe0000000000000);  // normalize u/2
      iu = (0x0010000000000000 - iu) >> 2;
    }
    f = u - 1.0;
  }
  double hfsq = 0.5 * f * f;
  double fk = static_cast<double>(k);
  if (iu == 0) {  // |f| < 2**-20
    if (f == 0) {
      if (k == 0) return 0;
      c += fk * kLn2Lo;
      return fk * kLn2Hi + c;
    }
    double R = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k == 0) return f - R;
    return fk * kLn2Hi - ((R - (fk * kLn2Lo + c)) - f);
  }
  double s = f / (2.0 + f);
  double z = s * s;
  double R = z * (Lp1 + z * (Lp2 + z * (Lp3 + z * (Lp4 + z * (Lp5 + z * (Lp6 + z * Lp7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + R));
  return fk * kLn2Hi - ((hfsq - (s * (hfsq + R) + (fk * kLn2Lo + c))) - f);
}

double expm1(double x) {
  constexpr double kOthreshold = 7.09782712893383973096e+02;
  constexpr double kLn2X56 = 3.88162421113569373274e+01;
  constexpr double kLn2HalfX3 = 1.03972077083991796413e+00;
  constexpr double kLn2Half = 3.46573590279972654709e-01;
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kInvLn2Const = 1.44269504088896338700e+00;
  constexpr double kTiny = 1.0 / (uint64_t(1) << 54);
  constexpr double Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03,
                   Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06,
                   Q5 = -2.01099218183624371326e-07;
  if ((std::isinf(x) && x > 0) || std::isnan(x)) return x;
  if (std::isinf(x)) return -1;
  double absx = x;
  bool sign = false;
  if (x < 0) {
    absx = -absx;
    sign = true;
  }
  if (absx >= kLn2X56) {
    if (sign) return -1;
    if (absx >= kOthreshold) return kInf;
  }
  double c = 0;
  int64_t k = 0;
  if (absx > kLn2Half) {
    double hi, lo;
    if (absx < kLn2HalfX3) {
      if (!sign) {
        hi = x - kLn2Hi;
        lo = kLn2Lo;
        k = 1;
      } else {
        hi = x + kLn2Hi;
        lo = -kLn2Lo;
        k = -1;
      }
    } else {
      k = sign ? toInt64(kInvLn2Const * x - 0.5) : toInt64(kInvLn2Const * x + 0.5);
      double t = static_cast<double>(k);
      hi = x - t * kLn2Hi;
      lo = t * kLn2Lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (absx < kTiny) {
    return x;
  }
  double hfx = 0.5 * x;
  double hxs = x * hfx;
  double r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  double t = 3 - r1 * hfx;
  double e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  if (k <= -2 || k > 56) {
    double y = 1 - (e - x);
    y = fromBits(bitsOf(y) + (static_cast<uint64_t>(k) << 52));
    return y - 1;
  }
  if (k < 20) {
    double tt = fromBits(0x3ff0000000000000 - (uint64_t(0x20000000000000) >> k));  // 1-2**-k
    double y = tt - (e - x);
    return fromBits(bitsOf(y) + (static_cast<uint64_t>(k) << 52));
  }
  double tt = fromBits(static_cast<uint64_t>(0x3ff - k) << 52);  // 2**-k
  double y = x - (e + tt);
  y++;
  return fromBits(bitsOf(y) + (static_cast<uint64_t>(k) << 52));
}

namespace {

double expmulti(double hi, double lo, int k) {
  constexpr double P1 = 1.66666666666666657415e-01;
  constexpr double P2 = -2.77777777770155933842e-03;
  constexpr double P3 = 6.61375632143793436117e-05;
  constexpr double P4 = -1.65339022054652515390e-06;
  constexpr double P5 = 4.13813679705723846039e-08;
  double r = hi - lo;
  double t = r * r;
  double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  double y = 1 - ((lo - (r * c) / (2 - c)) - hi);
  return std::ldexp(y, k);
}

}  // namespace

double exp2(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kOverflow = 1.0239999999999999e+03;
  constexpr double kUnderflow = -1.0740e+03;
  if (std::isnan(x) || (std::isinf(x) && x > 0)) return x;
  if (std::isinf(x)) return 0;
  if (x > kOverflow) return kInf;
  if (x < kUnderflow) return 0;
  int k = 0;
  if (x > 0) {
    k = static_cast<int>(x + 0.5);
  } else if (x < 0) {
    k = static_cast<int>(x - 0.5);
  }
  double t = x - static_cast<double>(k);
  double hi = t * kLn2Hi;
  double lo = -t * kLn2Lo;
  return expmulti(hi, lo, k);
}

// ---- Hyperbolic ---------------------------------------------------------------------

double sinh(double x) {
  constexpr double P0 = -0.6307673640497716991184787251e+6;
  constexpr double P1 = -0.8991272022039509355398013511e+5;
  constexpr double P2 = -0.2894211355989563807284660366e+4;
  constexpr double P3 = -0.2630563213397497062819489e+2;
  constexpr double Q0 = -0.6307673640497716991212077277e+6;
  constexpr double Q1 = 0.1521517378790019070696485176e+5;
  constexpr double Q2 = -0.173678953558233699533450911e+3;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double temp;
  if (x > 21) {
    temp = exp(x) * 0.5;
  } else if (x > 0.5) {
    double ex = exp(x);
    temp = (ex - 1 / ex) * 0.5;
  } else {
    double sq = x * x;
    temp = (((P3 * sq + P2) * sq + P1) * sq + P0) * x;
    temp = temp / (((sq + Q2) * sq + Q1) * sq + Q0);
  }
  return sign ? -temp : temp;
}

double cosh(double x) {
  x = std::fabs(x);
  if (x > 21) return exp(x) * 0.5;
  double ex = exp(x);
  return (ex + 1 / ex) * 0.5;
}

double tanh(double x) {
  constexpr double P[] = {-9.64399179425052238628e-1, -9.92877231001918586564e1,
                          -1.61468768441708447952e3};
  constexpr double Q[] = {1.12811678491632931402e2, 2.23548839060100448583e3,
                          4.84406305325125486048e3};
  constexpr double kMaxLog = 8.8029691931113054295988e+01;  // log(2**127)
  double z = std::fabs(x);
  if (z > 0.5 * kMaxLog) return x < 0 ? -1 : 1;
  if (z >= 0.625) {
    double s = exp(2 * z);
    z = 1 - 2 / (s + 1);
    return x < 0 ? -z : z;
  }
  if (x == 0) return x;
  double s = x * x;
  return x + x * s * ((P[0] * s + P[1]) * s + P[2]) / (((s + Q[0]) * s + Q[1]) * s + Q[2]);
}

double asinh(double x) {
  constexpr double kLn2Const = 6.93147180559945286227e-01;
  constexpr double kNearZero = 1.0 / (1 << 28);
  constexpr double kLarge = 1 << 28;
  if (std::isnan(x) || std::isinf(x)) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double temp;
  if (x > kLarge) {
    temp = log(x) + kLn2Const;
  } else if (x > 2) {
    temp = log(2 * x + 1 / (std::sqrt(x * x + 1) + x));
  } else if (x < kNearZero) {
    temp = x;
  } else {
    temp = log1p(x + x * x / (1 + std::sqrt(1 + x * x)));
  }
  return sign ? -temp : temp;
}

double acosh(double x) {
  constexpr double kLarge = 1 << 28;
  if (x < 1 || std::isnan(x)) return kNaN;
  if (x == 1) return 0;
  if (x >= kLarge) return log(x) + kLn2;
  if (x > 2) return log(2 * x - 1 / (x + std::sqrt(x * x - 1)));
  double t = x - 1;
  return log1p(t + std::sqrt(2 * t + t * t));
}

double atanh(double x) {
  constexpr double kNearZero = 1.0 / (1 << 28);
  if (x < -1 || x > 1 || std::isnan(x)) return kNaN;
  if (x == 1) return kInf;
  if (x == -1) return -kInf;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  double temp;
  if (x < kNearZero) {
    temp = x;
  } else if (x < 0.5) {
    temp = x + x;
    temp = 0.5 * log1p(temp + temp * x / (1 - x));
  } else {
    temp = 0.5 * log1p((x + x) / (1 - x));
  }
  return sign ? -temp : temp;
}

// ---- Powers and roots ------------------------------------------------------------------

double pow(double x, double y) {
  if (y == 0 || x == 1) return 1;
  if (y == 1) return x;
  if (std::isnan(x) || std::isnan(y)) return kNaN;
  if (x == 0) {
    if (y < 0) return isOddInt(y) ? std::copysign(kInf, x) : kInf;
    if (y > 0) return isOddInt(y) ? x : 0;
  }
  if (std::isinf(y)) {
    if (x == -1) return 1;
    if ((std::fabs(x) < 1) == (y > 0)) return 0;
    return kInf;
  }
  if (std::isinf(x)) {
    if (x < 0) return pow(1 / x, -y);  // Pow(-0, -y)
    if (y < 0) return 0;
    if (y > 0) return kInf;
  }
  if (y == 0.5) return std::sqrt(x);
  if (y == -0.5) return 1 / std::sqrt(x);

  double yi = 0;
  double yf = std::modf(std::fabs(y), &yi);
  if (yf != 0 && x < 0) return kNaN;
  if (yi >= 9223372036854775808.0) {
    // yi is a large even integer: the result underflows or overflows.
    if (x == -1) return 1;
    if ((std::fabs(x) < 1) == (y > 0)) return 0;
    return kInf;
  }
  // ans = a1 * 2^ae (= 1 for now).
  double a1 = 1.0;
  int64_t ae = 0;
  // ans *= x^yf
  if (yf != 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = exp(yf * log(x));
  }
  // ans *= x^yi by repeated squaring, tracking the exponent separately to
  // avoid overflow.
  int xe = 0;
  double x1 = std::frexp(x, &xe);
  int64_t bigXe = xe;
  for (int64_t i = static_cast<int64_t>(yi); i != 0; i >>= 1) {
    if (bigXe < -(1 << 12) || (1 << 12) < bigXe) {
      // Catastrophic over- or underflow: ldexp will settle it.
      ae += bigXe;
      break;
    }
    if (i & 1) {
      a1 *= x1;
      ae += bigXe;
    }
    x1 *= x1;
    bigXe <<= 1;
    if (x1 < .5) {
      x1 += x1;
      bigXe--;
    }
  }
  // ans = a1 * 2^ae; 1/ans for a negative y.
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  if (ae > 100000) ae = 100000;
  if (ae < -100000) ae = -100000;
  return std::ldexp(a1, static_cast<int>(ae));
}

double cbrt(double x) {
  constexpr uint64_t B1 = 715094163;  // (682-0.03306235651)*2**20
  constexpr uint64_t B2 = 696219795;  // (664-0.03306235651)*2**20
  constexpr double C = 5.42857142857142815906e-01;   // 19/35
  constexpr double D = -7.05306122448979611050e-01;  // -864/1225
  constexpr double E = 1.41428571428571436819e+00;   // 99/70
  constexpr double F = 1.60714285714285720630e+00;   // 45/28
  constexpr double G = 3.57142857142857150787e-01;   // 5/14
  constexpr double kSmallestNormal = 2.22507385850720138309e-308;
  if (x == 0 || std::isnan(x) || std::isinf(x)) return x;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  // A rough cube root from the exponent bits.
  double t = fromBits(bitsOf(x) / 3 + (B1 << 32));
  if (x < kSmallestNormal) {
    t = static_cast<double>(uint64_t(1) << 54);
    t *= x;
    t = fromBits(bitsOf(t) / 3 + (B2 << 32));
  }
  // New cube root to 23 bits.
  double r = t * t / x;
  double s = C + r * t;
  t *= G + F / (s + E + D / s);
  // Chop to 22 bits and make larger than the cube root.
  t = fromBits((bitsOf(t) & (uint64_t(0xFFFFFFFFC) << 28)) + (uint64_t(1) << 30));
  // One step of Newton iteration to 53 bits.
  s = t * t;
  r = x / s;
  double w = t + t;
  r = (r - t) / (w + r);
  t = t + t * r;
  return sign ? -t : t;
}

double hypot(double p, double q) {
  p = std::fabs(p);
  q = std::fabs(q);
  if (std::isinf(p) || std::isinf(q)) return kInf;
  if (std::isnan(p) || std::isnan(q)) return fromBits(0x7FF8000000000001);
  if (p == 0 && q == 0) return 0;
  double big = p > q ? p : q;
  double small = p > q ? q : p;
  double r = small / big;
  r *= r;
  r += 1.0;
  r = std::sqrt(r);
  return big * r;
}

namespace {

// Stirling's formula for Gamma, as two factors (their product may
// overflow when each does not).
void stirling(double x, double& y1, double& y2) {
  constexpr double S[] = {7.87311395793093628397e-04, -2.29549961613378126380e-04,
                          -2.68132617805781232825e-03, 3.47222221605458667310e-03,
                          8.33333333333482257126e-02};
  constexpr double kSqrtTwoPi = 2.506628274631000502417;
  constexpr double kMaxStirling = 143.01608;
  if (x > 200) {
    y1 = kInf;
    y2 = 1;
    return;
  }
  double w = 1 / x;
  w = 1 + w * ((((S[0] * w + S[1]) * w + S[2]) * w + S[3]) * w + S[4]);
  y1 = exp(x);
  y2 = 1.0;
  if (x > kMaxStirling) {  // avoid Pow() overflow
    double v = pow(x, 0.5 * x - 0.25);
    y2 = v / y1;
    y1 = v;
  } else {
    y1 = pow(x, x - 0.5) / y1;
  }
  y2 = kSqrtTwoPi * w * y2;
}

bool isNegInt(double x) {
  if (x < 0) {
    double ip = 0;
    return std::modf(x, &ip) == 0;
  }
  return false;
}

}  // namespace

double gamma(double x) {
  constexpr double P[] = {1.60119522476751861407e-04, 1.19135147006586384913e-03,
                          1.04213797561761569935e-02, 4.76367800457137231464e-02,
                          2.07448227648435975150e-01, 4.94214826801497100753e-01,
                          9.99999999999999996796e-01};
  constexpr double Q[] = {-2.31581873324120129819e-05, 5.39605580493303397842e-04,
                          -4.45641913851797240494e-03, 1.18139785222060435552e-02,
                          3.58236398605498653373e-02,  -2.34591795718243348568e-01,
                          7.14304917030273074085e-02,  1.00000000000000000320e+00};
  constexpr double kEuler = 0.57721566490153286060651209008240243104215933593992;
  if (isNegInt(x) || (std::isinf(x) && x < 0) || std::isnan(x)) return kNaN;
  if (std::isinf(x)) return kInf;
  if (x == 0) return std::signbit(x) ? -kInf : kInf;
  double q = std::fabs(x);
  double p = std::floor(q);
  if (q > 33) {
    double s1, s2;
    if (x >= 0) {
      stirling(x, s1, s2);
      return s1 * s2;
    }
    int signgam = (toInt64(p) & 1) == 0 ? -1 : 1;
    double z = q - p;
    if (z > 0.5) {
      p = p + 1;
      z = q - p;
    }
    z = q * sin(kPi * z);
    if (z == 0) return signgam < 0 ? -kInf : kInf;
    stirling(q, s1, s2);
    double absz = std::fabs(z);
    double d = absz * s1 * s2;
    if (std::isinf(d)) {
      z = kPi / absz / s1 / s2;
    } else {
      z = kPi / d;
    }
    return signgam * z;
  }
  double z = 1.0;
  auto small = [&](double v) {
    if (v == 0) return kInf;
    return z / ((1 + kEuler * v) * v);
  };
  while (x >= 3) {
    x = x - 1;
    z = z * x;
  }
  while (x < 0) {
    if (x > -1e-09) return small(x);
    z = z / x;
    x = x + 1;
  }
  while (x < 2) {
    if (x < 1e-09) return small(x);
    z = z / x;
    x = x + 1;
  }
  if (x == 2) return z;
  x = x - 2;
  p = (((((x * P[0] + P[1]) * x + P[2]) * x + P[3]) * x + P[4]) * x + P[5]) * x + P[6];
  q = ((((((x * Q[0] + Q[1]) * x + Q[2]) * x + Q[3]) * x + Q[4]) * x + Q[5]) * x + Q[6]) * x + Q[7];
  return z * p / q;
}

// ---- Error function (FreeBSD's s_erf.c coefficients, as Go's erf.go) ----------

namespace {

constexpr double erx = 8.45062911510467529297e-01;
constexpr double efx = 1.28379167095512586316e-01;
constexpr double efx8 = 1.02703333676410069053e+00;
constexpr double pp0 = 1.28379167095512558561e-01, pp1 = -3.25042107247001499370e-01,
                 pp2 = -2.84817495755985104766e-02, pp3 = -5.77027029648944159157e-03,
                 pp4 = -2.37630166566501626084e-05;
constexpr double qq1 = 3.97917223959155352819e-01, qq2 = 6.50222499887672944485e-02,
                 qq3 = 5.08130628187576562776e-03, qq4 = 1.32494738004321644526e-04,
                 qq5 = -3.96022827877536812320e-06;
constexpr double pa0 = -2.36211856075265944077e-03, pa1 = 4.14856118683748331666e-01,
                 pa2 = -3.72207876035701323847e-01, pa3 = 3.18346619901161753674e-01,
                 pa4 = -1.10894694282396677476e-01, pa5 = 3.54783043256182359371e-02,
                 pa6 = -2.16637559486879084300e-03;
constexpr double qa1 = 1.06420880400844228286e-01, qa2 = 5.40397917702171048937e-01,
                 qa3 = 7.18286544141962662868e-02, qa4 = 1.26171219808761642112e-01,
                 qa5 = 1.36370839120290507362e-02, qa6 = 1.19844998467991074170e-02;
constexpr double ra0 = -9.86494403484714822705e-03, ra1 = -6.93858572707181764372e-01,
                 ra2 = -1.05586262253232909814e+01, ra3 = -6.23753324503260060396e+01,
                 ra4 = -1.62396669462573470355e+02, ra5 = -1.84605092906711035994e+02,
                 ra6 = -8.12874355063065934246e+01, ra7 = -9.81432934416914548592e+00;
constexpr double sa1 = 1.96512716674392571292e+01, sa2 = 1.37657754143519042600e+02,
                 sa3 = 4.34565877475229228821e+02, sa4 = 6.45387271733267880336e+02,
                 sa5 = 4.29008140027567833386e+02, sa6 = 1.08635005541779435134e+02,
                 sa7 = 6.57024977031928170135e+00, sa8 = -6.04244152148580987438e-02;
constexpr double rb0 = -9.86494292470009928597e-03, rb1 = -7.99283237680523006574e-01,
                 rb2 = -1.77579549177547519889e+01, rb3 = -1.60636384855821916062e+02,
                 rb4 = -6.37566443368389627722e+02, rb5 = -1.02509513161107724954e+03,
                 rb6 = -4.83519191608651397019e+02;
constexpr double sb1 = 3.03380607434824582924e+01, sb2 = 3.25792512996573918826e+02,
                 sb3 = 1.53672958608443695994e+03, sb4 = 3.19985821950859553908e+03,
                 sb5 = 2.55305040643316442583e+03, sb6 = 4.74528541206955367215e+02,
                 sb7 = -2.24409524465858183362e+01;

// The polynomials of the interval [0.84375, 1.25).
void erfMiddle(double x, double& P, double& Q) {
  double s = x - 1;
  P = pa0 + s * (pa1 + s * (pa2 + s * (pa3 + s * (pa4 + s * (pa5 + s * pa6)))));
  Q = 1 + s * (qa1 + s * (qa2 + s * (qa3 + s * (qa4 + s * (qa5 + s * qa6)))));
}

// exp(-x*x - 0.5625 + R/S) / x for the tails, with x*x split for accuracy.
double erfTail(double x, bool nearRange) {
  double s = 1 / (x * x);
  double R, S;
  if (nearRange) {
    R = ra0 + s * (ra1 + s * (ra2 + s * (ra3 + s * (ra4 + s * (ra5 + s * (ra6 + s * ra7))))));
    S = 1 + s * (sa1 + s * (sa2 + s * (sa3 + s * (sa4 + s * (sa5 + s * (sa6 + s * (sa7 + s * sa8)))))));
  } else {
    R = rb0 + s * (rb1 + s * (rb2 + s * (rb3 + s * (rb4 + s * (rb5 + s * rb6)))));
    S = 1 + s * (sb1 + s * (sb2 + s * (sb3 + s * (sb4 + s * (sb5 + s * (sb6 + s * sb7))))));
  }
  double z = fromBits(bitsOf(x) & 0xffffffff00000000);  // pseudo-single precision x
  return exp(-z * z - 0.5625) * exp((z - x) * (z + x) + R / S);
}

}  // namespace

double erf(double x) {
  constexpr double kVeryTiny = 2.848094538889218e-306;
  constexpr double kSmall = 1.0 / (1 << 28);
  if (std::isnan(x)) return kNaN;
  if (std::isinf(x)) return x > 0 ? 1 : -1;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x < 0.84375) {
    double temp;
    if (x < kSmall) {
      temp = x < kVeryTiny ? 0.125 * (8.0 * x + efx8 * x) : x + efx * x;
    } else {
      double z = x * x;
      double r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)));
      double s = 1 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))));
      double y = r / s;
      temp = x + x * y;
    }
    return sign ? -temp : temp;
  }
  if (x < 1.25) {
    double P, Q;
    erfMiddle(x, P, Q);
    return sign ? -erx - P / Q : erx + P / Q;
  }
  if (x >= 6) return sign ? -1 : 1;
  double r = erfTail(x, x < 1 / 0.35);
  return sign ? r / x - 1 : 1 - r / x;
}

double erfc(double x) {
  constexpr double kTiny = 1.0 / (uint64_t(1) << 56);
  if (std::isnan(x)) return kNaN;
  if (std::isinf(x)) return x > 0 ? 0 : 2;
  bool sign = false;
  if (x < 0) {
    x = -x;
    sign = true;
  }
  if (x < 0.84375) {
    double temp;
    if (x < kTiny) {
      temp = x;
    } else {
      double z = x * x;
      double r = pp0 + z * (pp1 + z * (pp2 + z * (pp3 + z * pp4)));
      double s = 1 + z * (qq1 + z * (qq2 + z * (qq3 + z * (qq4 + z * qq5))));
      double y = r / s;
      temp = x < 0.25 ? x + x * y : 0.5 + (x * y + (x - 0.5));
    }
    return sign ? 1 + temp : 1 - temp;
  }
  if (x < 1.25) {
    double P, Q;
    erfMiddle(x, P, Q);
    return sign ? 1 + erx + P / Q : 1 - erx - P / Q;
  }
  if (x < 28) {
    bool nearRange = x < 1 / 0.35;
    if (!nearRange && sign && x > 6) return 2;
    double r = erfTail(x, nearRange);
    return sign ? 2 - r / x : r / x;
  }
  return sign ? 2 : 0;
}

double pow10(int64_t n) {
  static constexpr double kTab[] = {
      1e00, 1e01, 1e02, 1e03, 1e04, 1e05, 1e06, 1e07, 1e08, 1e09, 1e10,
      1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
      1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
  };
  static constexpr double kPos32[] = {1e00,  1e32,  1e64,  1e96,  1e128,
                                      1e160, 1e192, 1e224, 1e256, 1e288};
  static constexpr double kNeg32[] = {1e-00,  1e-32,  1e-64,  1e-96,  1e-128, 1e-160,
                                      1e-192, 1e-224, 1e-256, 1e-288, 1e-320};
  if (n >= 0 && n <= 308) return kPos32[n / 32] * kTab[n % 32];
  if (n >= -323 && n <= 0) return kNeg32[(-n) / 32] / kTab[(-n) % 32];
  return n > 0 ? kInf : 0;
}

}  // namespace gsl::stdlib::go_math
