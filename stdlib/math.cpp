// stdlib/math.cpp: package math.
//
// The special cases are Go's, which sometimes differ from C's: Max and Min
// propagate NaN and order -0 before +0 (C's fmax/fmin drop NaN), Pow(1,
// NaN) and Pow(x, ±Inf) follow Go's table, Round rounds half away from
// zero. The transcendental functions whose Go implementation is not
// correctly rounded are computed by Go's own algorithms (go_math.h), so
// that results agree to the last bit with Go's on amd64. Known difference:
// Lgamma and the Bessel functions (J0, J1, Jn, Y0, Y1, Yn) come from the C
// library and can differ from Go's in the last bit.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "stdlib/go_math.h"
#include "stdlib/native_support.h"
#include "vm/object.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double goMax(double x, double y) {
  if (std::isinf(x) && x > 0) return x;
  if (std::isinf(y) && y > 0) return y;
  if (std::isnan(x) || std::isnan(y)) return kNaN;
  if (x == 0 && x == y) return std::signbit(x) ? y : x;
  return x > y ? x : y;
}

double goMin(double x, double y) {
  if (std::isinf(x) && x < 0) return x;
  if (std::isinf(y) && y < 0) return y;
  if (std::isnan(x) || std::isnan(y)) return kNaN;
  if (x == 0 && x == y) return std::signbit(x) ? x : y;
  return x < y ? x : y;
}

double goDim(double x, double y) {
  double v = x - y;
  return v <= 0 ? 0 : v;
}

// Go's Round: half away from zero (std::round does the same); kept as a
// named function so the table below reads like Go's API.
double goRound(double x) { return std::round(x); }

double goRoundToEven(double x) {
  // nearbyint honours the current rounding mode, which gsl never changes
  // from round-to-nearest-even.
  return std::nearbyint(x);
}

// ---- Natives ---------------------------------------------------------------

template <double (*F)(double)>
int unary(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeFloat(F(argFloat(args, nargs, 0)));
  return 1;
}

template <double (*F)(double, double)>
int binary(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeFloat(F(argFloat(args, nargs, 0), argFloat(args, nargs, 1)));
  return 1;
}

double absD(double x) { return std::fabs(x); }
double ceilD(double x) { return std::ceil(x); }
double floorD(double x) { return std::floor(x); }
double truncD(double x) { return std::trunc(x); }
double sqrtD(double x) { return std::sqrt(x); }
double copysignD(double x, double y) { return std::copysign(x, y); }
double modD(double x, double y) { return std::fmod(x, y); }
double remainderD(double x, double y) { return std::remainder(x, y); }
double logbD(double x) { return std::logb(x); }
double nextafterD(double x, double y) { return std::nextafter(x, y); }
double j0D(double x) { return ::j0(x); }
double j1D(double x) { return ::j1(x); }
double y0D(double x) { return ::y0(x); }
double y1D(double x) { return ::y1(x); }

int nInf(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeFloat(argInt(args, nargs, 0) >= 0 ? kInf : -kInf);
  return 1;
}

int nNaN(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeFloat(kNaN);
  return 1;
}

int nIsNaN(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(std::isnan(argFloat(args, nargs, 0)));
  return 1;
}

int nIsInf(vm::Thread&, const Value* args, int nargs, Value* out) {
  double f = argFloat(args, nargs, 0);
  int64_t sign = argInt(args, nargs, 1);
  out[0] = vm::makeBool((sign >= 0 && f == kInf) || (sign <= 0 && f == -kInf));
  return 1;
}

int nSignbit(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(std::signbit(argFloat(args, nargs, 0)));
  return 1;
}

int nFloat64bits(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeIntOfType(vm::types::uint64Type(),
                             std::bit_cast<uint64_t>(argFloat(args, nargs, 0)));
  return 1;
}

int nFloat64frombits(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value v = arg(args, nargs, 0);
  uint64_t b = v.isNil() ? 0 : vm::toUint64(v);
  out[0] = vm::makeFloat(std::bit_cast<double>(b));
  return 1;
}

int nFloat32bits(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto f = static_cast<float>(argFloat(args, nargs, 0));
  out[0] = vm::makeIntOfType(vm::types::uint32Type(),
                             static_cast<uint64_t>(std::bit_cast<uint32_t>(f)));
  return 1;
}

int nFloat32frombits(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value v = arg(args, nargs, 0);
  auto b = static_cast<uint32_t>(v.isNil() ? 0 : vm::toUint64(v));
  out[0] = vm::makeFloatOfType(vm::types::float32Type(), std::bit_cast<float>(b));
  return 1;
}

int nFrexp(vm::Thread&, const Value* args, int nargs, Value* out) {
  int e = 0;
  double f = std::frexp(argFloat(args, nargs, 0), &e);
  out[0] = vm::makeFloat(f);
  out[1] = vm::makeInt(e);
  return 2;
}

int nLdexp(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t e = argInt(args, nargs, 1);
  if (e > 100000) e = 100000;
  if (e < -100000) e = -100000;
  out[0] = vm::makeFloat(std::ldexp(argFloat(args, nargs, 0), static_cast<int>(e)));
  return 1;
}

int nModf(vm::Thread&, const Value* args, int nargs, Value* out) {
  double x = argFloat(args, nargs, 0);
  double ip = 0;
  double frac = std::modf(x, &ip);
  // Go: Modf(±Inf) = ±Inf, NaN; the fractional part keeps x's sign.
  if (std::isinf(x)) frac = kNaN;
  out[0] = vm::makeFloat(ip);
  out[1] = vm::makeFloat(frac);
  return 2;
}

int nSincos(vm::Thread&, const Value* args, int nargs, Value* out) {
  double x = argFloat(args, nargs, 0);
  out[0] = vm::makeFloat(go_math::sin(x));
  out[1] = vm::makeFloat(go_math::cos(x));
  return 2;
}

int nLgamma(vm::Thread&, const Value* args, int nargs, Value* out) {
  double x = argFloat(args, nargs, 0);
  int sign = 1;
  double r = ::lgamma_r(x, &sign);
  out[0] = vm::makeFloat(r);
  out[1] = vm::makeInt(sign < 0 ? -1 : 1);
  return 2;
}

int nIlogb(vm::Thread&, const Value* args, int nargs, Value* out) {
  double x = argFloat(args, nargs, 0);
  // Go's sentinels: Ilogb(0) = MinInt32, Ilogb(±Inf) and Ilogb(NaN) = MaxInt32.
  int64_t r;
  if (x == 0) {
    r = INT32_MIN;
  } else if (std::isnan(x) || std::isinf(x)) {
    r = INT32_MAX;
  } else {
    r = std::ilogb(x);
  }
  out[0] = vm::makeInt(r);
  return 1;
}

int nFMA(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeFloat(std::fma(argFloat(args, nargs, 0), argFloat(args, nargs, 1),
                                  argFloat(args, nargs, 2)));
  return 1;
}

int nNextafter32(vm::Thread&, const Value* args, int nargs, Value* out) {
  float x = static_cast<float>(argFloat(args, nargs, 0));
  float y = static_cast<float>(argFloat(args, nargs, 1));
  out[0] = vm::makeFloatOfType(vm::types::float32Type(), std::nextafter(x, y));
  return 1;
}

int nPow10(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeFloat(go_math::pow10(argInt(args, nargs, 0)));
  return 1;
}

int nJn(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeFloat(::jn(static_cast<int>(argInt(args, nargs, 0)), argFloat(args, nargs, 1)));
  return 1;
}

int nYn(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeFloat(::yn(static_cast<int>(argInt(args, nargs, 0)), argFloat(args, nargs, 1)));
  return 1;
}

// ---- Constants -------------------------------------------------------------

template <int64_t V>
Value intConst() {
  return vm::makeInt(V);
}

Value floatConst(double d) { return vm::makeFloat(d); }

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "math",
      "math",
      {
          // Mathematical constants, rounded to float64 as Go's untyped
          // constants are when used as float64 values.
          constMember("E", [] { return floatConst(2.71828182845904523536028747135266249775724709369995957496696763); }),
          constMember("Pi", [] { return floatConst(3.14159265358979323846264338327950288419716939937510582097494459); }),
          constMember("Phi", [] { return floatConst(1.61803398874989484820458683436563811772030917980576286213544862); }),
          constMember("Sqrt2", [] { return floatConst(1.41421356237309504880168872420969807856967187537694807317667974); }),
          constMember("SqrtE", [] { return floatConst(1.64872127070012814684865078831848487563975989658935553083734540); }),
          constMember("SqrtPi", [] { return floatConst(1.77245385090551602729816748334114518279754945612238712821380779); }),
          constMember("SqrtPhi", [] { return floatConst(1.27201964951406896425242246173749149171560804184009624861664038); }),
          constMember("Ln2", [] { return floatConst(0.693147180559945309417232121458176568075500134360255254120680009); }),
          constMember("Log2E", [] { return floatConst(1.44269504088896340735992468100189213742664595415298593413544940); }),
          constMember("Ln10", [] { return floatConst(2.30258509299404568401799145468436420760110148862877297603332790); }),
          constMember("Log10E", [] { return floatConst(0.434294481903251827651128918916605082294397005803666566114453783); }),
          constMember("MaxFloat32", [] { return floatConst(0x1p127 * (1 + (1 - 0x1p-23))); }),
          constMember("SmallestNonzeroFloat32", [] { return floatConst(0x1p-126 * 0x1p-23); }),
          constMember("MaxFloat64", [] { return floatConst(0x1p1023 * (1 + (1 - 0x1p-52))); }),
          constMember("SmallestNonzeroFloat64", [] { return floatConst(0x1p-1022 * 0x1p-52); }),
          constMember("MaxInt", intConst<INT64_MAX>),
          constMember("MinInt", intConst<INT64_MIN>),
          constMember("MaxInt8", intConst<INT8_MAX>),
          constMember("MinInt8", intConst<INT8_MIN>),
          constMember("MaxInt16", intConst<INT16_MAX>),
          constMember("MinInt16", intConst<INT16_MIN>),
          constMember("MaxInt32", intConst<INT32_MAX>),
          constMember("MinInt32", intConst<INT32_MIN>),
          constMember("MaxInt64", intConst<INT64_MAX>),
          constMember("MinInt64", intConst<INT64_MIN>),
          constMember("MaxUint8", intConst<UINT8_MAX>),
          constMember("MaxUint16", intConst<UINT16_MAX>),
          constMember("MaxUint32", intConst<UINT32_MAX>),
          // Beyond int's range: typed uint64 / uint values.
          constMember("MaxUint64", [] { return vm::makeIntOfType(vm::types::uint64Type(), UINT64_MAX); }),
          constMember("MaxUint", [] { return vm::makeIntOfType(vm::types::uintType(), UINT64_MAX); }),

          funcMember("Abs", unary<absD>),
          funcMember("Acos", unary<go_math::acos>),
          funcMember("Acosh", unary<go_math::acosh>),
          funcMember("Asin", unary<go_math::asin>),
          funcMember("Asinh", unary<go_math::asinh>),
          funcMember("Atan", unary<go_math::atan>),
          funcMember("Atan2", binary<go_math::atan2>),
          funcMember("Atanh", unary<go_math::atanh>),
          funcMember("Cbrt", unary<go_math::cbrt>),
          funcMember("Ceil", unary<ceilD>),
          funcMember("Copysign", binary<copysignD>),
          funcMember("Cos", unary<go_math::cos>),
          funcMember("Cosh", unary<go_math::cosh>),
          funcMember("Dim", binary<goDim>),
          funcMember("Erf", unary<go_math::erf>),
          funcMember("Erfc", unary<go_math::erfc>),
          funcMember("Exp", unary<go_math::exp>),
          funcMember("Exp2", unary<go_math::exp2>),
          funcMember("Expm1", unary<go_math::expm1>),
          funcMember("FMA", nFMA),
          funcMember("Float32bits", nFloat32bits),
          funcMember("Float32frombits", nFloat32frombits),
          funcMember("Float64bits", nFloat64bits),
          funcMember("Float64frombits", nFloat64frombits),
          funcMember("Floor", unary<floorD>),
          funcMember("Frexp", nFrexp),
          funcMember("Gamma", unary<go_math::gamma>),
          funcMember("Hypot", binary<go_math::hypot>),
          funcMember("Ilogb", nIlogb),
          funcMember("Inf", nInf),
          funcMember("IsInf", nIsInf),
          funcMember("IsNaN", nIsNaN),
          funcMember("J0", unary<j0D>),
          funcMember("J1", unary<j1D>),
          funcMember("Jn", nJn),
          funcMember("Ldexp", nLdexp),
          funcMember("Lgamma", nLgamma),
          funcMember("Log", unary<go_math::log>),
          funcMember("Log10", unary<go_math::log10>),
          funcMember("Log1p", unary<go_math::log1p>),
          funcMember("Log2", unary<go_math::log2>),
          funcMember("Logb", unary<logbD>),
          funcMember("Max", binary<goMax>),
          funcMember("Min", binary<goMin>),
          funcMember("Mod", binary<modD>),
          funcMember("Modf", nModf),
          funcMember("NaN", nNaN),
          funcMember("Nextafter", binary<nextafterD>),
          funcMember("Nextafter32", nNextafter32),
          funcMember("Pow", binary<go_math::pow>),
          funcMember("Pow10", nPow10),
          funcMember("Remainder", binary<remainderD>),
          funcMember("Round", unary<goRound>),
          funcMember("RoundToEven", unary<goRoundToEven>),
          funcMember("Signbit", nSignbit),
          funcMember("Sin", unary<go_math::sin>),
          funcMember("Sincos", nSincos),
          funcMember("Sinh", unary<go_math::sinh>),
          funcMember("Sqrt", unary<sqrtD>),
          funcMember("Tan", unary<go_math::tan>),
          funcMember("Tanh", unary<go_math::tanh>),
          funcMember("Trunc", unary<truncD>),
          funcMember("Y0", unary<y0D>),
          funcMember("Y1", unary<y1D>),
          funcMember("Yn", nYn),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
