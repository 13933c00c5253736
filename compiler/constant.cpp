// compiler/constant.cpp: constant arithmetic (see compiler/constant.h).
#include "compiler/constant.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "lexer/literal.h"
#include "vm/object.h"
#include "vm/string.h"

namespace gsl::compiler {

using vm::Kind;
using vm::Type;

namespace {

constexpr Int128 kInt128Max = static_cast<Int128>((static_cast<unsigned __int128>(1) << 127) - 1);

Int128 gcd128(Int128 a, Int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    Int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

Rat reduce(Int128 num, Int128 den) {
  Rat r;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  Int128 g = gcd128(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  r.num = num;
  r.den = den;
  r.exact = true;
  return r;
}

Rat inexact(long double v) {
  Rat r;
  r.exact = false;
  r.approx = v;
  return r;
}

bool mul128(Int128 a, Int128 b, Int128* out) { return !__builtin_mul_overflow(a, b, out); }
bool add128(Int128 a, Int128 b, Int128* out) { return !__builtin_add_overflow(a, b, out); }

Rat ratAdd(const Rat& a, const Rat& b, bool subtract) {
  if (a.exact && b.exact) {
    Int128 x, y, d, n;
    Int128 bn = subtract ? -b.num : b.num;
    if (mul128(a.num, b.den, &x) && mul128(bn, a.den, &y) && mul128(a.den, b.den, &d) &&
        add128(x, y, &n)) {
      return reduce(n, d);
    }
  }
  long double r = subtract ? a.toLongDouble() - b.toLongDouble() : a.toLongDouble() + b.toLongDouble();
  return inexact(r);
}

Rat ratMul(const Rat& a, const Rat& b) {
  if (a.exact && b.exact) {
    Int128 g1 = gcd128(a.num, b.den), g2 = gcd128(b.num, a.den);
    if (g1 == 0) g1 = 1;
    if (g2 == 0) g2 = 1;
    Int128 n, d;
    if (mul128(a.num / g1, b.num / g2, &n) && mul128(a.den / g2, b.den / g1, &d)) return reduce(n, d);
  }
  return inexact(a.toLongDouble() * b.toLongDouble());
}

Rat ratDiv(const Rat& a, const Rat& b) {
  if (a.exact && b.exact && b.num != 0) {
    Rat inv = reduce(b.den, b.num);
    return ratMul(a, inv);
  }
  return inexact(a.toLongDouble() / b.toLongDouble());
}

int ratCompare(const Rat& a, const Rat& b) {
  if (a.exact && b.exact) {
    Int128 x, y;
    if (mul128(a.num, b.den, &x) && mul128(b.num, a.den, &y)) return x < y ? -1 : x > y ? 1 : 0;
  }
  long double x = a.toLongDouble(), y = b.toLongDouble();
  return x < y ? -1 : x > y ? 1 : 0;
}

// 10^n, or false if it does not fit.
bool pow10(int n, Int128* out) {
  Int128 r = 1;
  for (int i = 0; i < n; i++) {
    if (!mul128(r, 10, &r)) return false;
  }
  *out = r;
  return true;
}

// A decimal float literal as an exact rational when it fits.
bool parseDecimalRat(std::string_view text, Rat* out) {
  std::string t;
  for (char c : text) {
    if (c != '_') t += c;
  }
  if (t.size() > 1 && (t[1] == 'x' || t[1] == 'X')) return false;
  Int128 mant = 0;
  int digits = 0;
  int exp10 = 0;
  size_t i = 0;
  bool seenPoint = false;
  for (; i < t.size(); i++) {
    char c = t[i];
    if (c == '.') {
      seenPoint = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    if (mant == 0 && c == '0') {
      if (seenPoint) exp10--;
      continue;
    }
    if (digits >= 36) {
      if (!seenPoint) exp10++;
      continue;  // beyond the exact range: fall back below
    }
    mant = mant * 10 + (c - '0');
    digits++;
    if (seenPoint) exp10--;
  }
  if (digits >= 36) return false;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    exp10 += std::atoi(t.c_str() + i + 1);
  }
  if (mant == 0) {
    *out = Rat::fromInt(0);
    return true;
  }
  Int128 p;
  if (exp10 >= 0) {
    Int128 n;
    if (!pow10(exp10, &p) || !mul128(mant, p, &n)) return false;
    *out = reduce(n, 1);
    return true;
  }
  if (!pow10(-exp10, &p)) return false;
  *out = reduce(mant, p);
  return true;
}

bool isUntypedNumeric(const ConstValue& c) {
  return c.kind == ConstValue::Kind::Int || c.kind == ConstValue::Kind::Float ||
         c.kind == ConstValue::Kind::Complex;
}

int rank(ConstValue::Kind k) {
  switch (k) {
    case ConstValue::Kind::Int: return 1;
    case ConstValue::Kind::Float: return 2;
    case ConstValue::Kind::Complex: return 3;
    default: return 0;
  }
}

// c as a rational (Int or Float).
Rat asRat(const ConstValue& c) {
  if (c.kind == ConstValue::Kind::Int) return Rat::fromInt(c.i);
  return c.f;
}

// Raises an untyped numeric constant to kind k (Int → Float → Complex).
ConstValue promote(const ConstValue& c, ConstValue::Kind k) {
  ConstValue r = c;
  if (c.kind == k) return r;
  if (k == ConstValue::Kind::Float) {
    r.kind = k;
    r.f = asRat(c);
  } else if (k == ConstValue::Kind::Complex) {
    r.kind = k;
    r.f = asRat(c);
    r.im = Rat::fromInt(0);
  }
  r.isRune = false;
  return r;
}

Int128 minOfKind(Kind k) {
  switch (k) {
    case Kind::Int8: return INT8_MIN;
    case Kind::Int16: return INT16_MIN;
    case Kind::Int32: return INT32_MIN;
    case Kind::Int:
    case Kind::Int64: return INT64_MIN;
    default: return 0;
  }
}

Int128 maxOfKind(Kind k) {
  switch (k) {
    case Kind::Int8: return INT8_MAX;
    case Kind::Int16: return INT16_MAX;
    case Kind::Int32: return INT32_MAX;
    case Kind::Int:
    case Kind::Int64: return INT64_MAX;
    case Kind::Uint8: return UINT8_MAX;
    case Kind::Uint16: return UINT16_MAX;
    case Kind::Uint32: return UINT32_MAX;
    default: return UINT64_MAX;
  }
}

std::string typeName(const Type* t) { return vm::typeString(t); }

}  // namespace

// ---- Rat ---------------------------------------------------------------------------

Rat Rat::fromInt(Int128 i) {
  Rat r;
  r.num = i;
  r.den = 1;
  return r;
}

Rat Rat::fromDouble(long double d) {
  if (d == 0) return fromInt(0);
  if (!std::isfinite(d)) return inexact(d);
  int e;
  long double m = std::frexp(d, &e);  // d = m * 2^e, 0.5 <= |m| < 1
  // 64 bits of mantissa as an integer.
  Int128 mi = static_cast<Int128>(std::ldexp(m, 64));
  e -= 64;
  if (e >= 0) {
    if (e > 60) return inexact(d);
    Int128 n;
    if (!mul128(mi, static_cast<Int128>(1) << e, &n)) return inexact(d);
    return reduce(n, 1);
  }
  if (-e > 125) return inexact(d);
  return reduce(mi, static_cast<Int128>(1) << (-e));
}

long double Rat::toLongDouble() const {
  if (!exact) return approx;
  return static_cast<long double>(num) / static_cast<long double>(den);
}

double Rat::toDouble() const {
  if (!exact) return static_cast<double>(approx);
  if (den == 1) return static_cast<double>(num);
  constexpr Int128 k53 = static_cast<Int128>(1) << 53;
  if (num > -k53 && num < k53 && den < k53) {
    // Both operands exact in a double: IEEE division rounds correctly.
    return static_cast<double>(num) / static_cast<double>(den);
  }
  return static_cast<double>(toLongDouble());
}

bool Rat::isInteger() const {
  if (exact) return den == 1;
  return std::floor(approx) == approx;
}

int Rat::sign() const {
  if (exact) return num < 0 ? -1 : num > 0 ? 1 : 0;
  return approx < 0 ? -1 : approx > 0 ? 1 : 0;
}

// ---- ConstValue ----------------------------------------------------------------

ConstValue ConstValue::makeBool(bool v, const Type* t) {
  ConstValue c;
  c.kind = Kind::Bool;
  c.b = v;
  c.type = t;
  return c;
}
ConstValue ConstValue::makeInt(Int128 v, const Type* t) {
  ConstValue c;
  c.kind = Kind::Int;
  c.i = v;
  c.type = t;
  return c;
}
ConstValue ConstValue::makeFloat(Rat v, const Type* t) {
  ConstValue c;
  c.kind = Kind::Float;
  c.f = v;
  c.type = t;
  return c;
}
ConstValue ConstValue::makeString(std::string v, const Type* t) {
  ConstValue c;
  c.kind = Kind::String;
  c.s = std::move(v);
  c.type = t;
  return c;
}

const Type* defaultType(const ConstValue& c) {
  if (c.type != nullptr) return c.type;
  switch (c.kind) {
    case ConstValue::Kind::Bool: return vm::types::boolType();
    case ConstValue::Kind::String: return vm::types::stringType();
    case ConstValue::Kind::Int: return c.isRune ? vm::types::runeType() : vm::types::intType();
    case ConstValue::Kind::Float: return vm::types::float64Type();
    case ConstValue::Kind::Complex: return vm::types::complex128Type();
    default: return nullptr;
  }
}

std::string int128String(Int128 v) {
  if (v == 0) return "0";
  bool neg = v < 0;
  unsigned __int128 u = neg ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
  std::string s;
  while (u > 0) {
    s += static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  }
  if (neg) s += '-';
  return std::string(s.rbegin(), s.rend());
}

namespace {

std::string floatText(const Rat& r) {
  if (r.exact && r.den == 1) return int128String(r.num);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", r.toDouble());
  return buf;
}

}  // namespace

std::string constString(const ConstValue& c) {
  switch (c.kind) {
    case ConstValue::Kind::Bool: return c.b ? "true" : "false";
    case ConstValue::Kind::String: {
      std::string s = "\"";
      for (char ch : c.s) {
        if (ch == '"' || ch == '\\') s += '\\';
        if (ch == '\n') {
          s += "\\n";
          continue;
        }
        s += ch;
      }
      return s + "\"";
    }
    case ConstValue::Kind::Int: return int128String(c.i);
    case ConstValue::Kind::Float: return floatText(c.f);
    case ConstValue::Kind::Complex: return "(" + floatText(c.f) + " + " + floatText(c.im) + "i)";
    case ConstValue::Kind::Nil: return "nil";
    default: return "?";
  }
}

bool constFromLiteral(std::string_view text, int litKind, ConstValue* out) {
  // litKind follows parser::LitKind: Int, Float, Imag, Char, String.
  switch (litKind) {
    case 0: {
      unsigned __int128 v;
      if (!lexer::parseIntLiteral(text, &v)) return false;
      if (v > static_cast<unsigned __int128>(kInt128Max)) return false;
      *out = ConstValue::makeInt(static_cast<Int128>(v));
      return true;
    }
    case 1: {
      Rat r;
      if (!parseDecimalRat(text, &r)) {
        std::string t;
        for (char c : text) {
          if (c != '_') t += c;
        }
        long double d = std::strtold(t.c_str(), nullptr);
        r = Rat::fromDouble(d);
        if (!r.exact) r = inexact(d);
      }
      *out = ConstValue::makeFloat(r);
      return true;
    }
    case 2: {
      std::string_view mag = text.substr(0, text.size() - 1);
      Rat r;
      if (!parseDecimalRat(mag, &r)) {
        double d;
        if (!lexer::parseFloatLiteral(text, &d)) return false;
        r = Rat::fromDouble(d);
      }
      ConstValue c;
      c.kind = ConstValue::Kind::Complex;
      c.f = Rat::fromInt(0);
      c.im = r;
      *out = c;
      return true;
    }
    case 3: {
      int32_t r;
      if (!lexer::unquoteChar(text, &r)) return false;
      *out = ConstValue::makeInt(r);
      out->isRune = true;
      return true;
    }
    case 4: {
      std::string s;
      if (!lexer::unquoteString(text, &s)) return false;
      *out = ConstValue::makeString(std::move(s));
      return true;
    }
  }
  return false;
}

// ---- Conversion ----------------------------------------------------------------------

bool constConvert(const ConstValue& c, const Type* t, ConstValue* out, std::string* err) {
  if (t == nullptr || !vm::isBasicKind(t->kind)) return false;
  Kind k = t->kind;
  ConstValue r;
  r.type = t;
  using CK = ConstValue::Kind;
  auto overflow = [&](const std::string& val) {
    *err = "cannot use " + val + " (untyped constant) as " + typeName(t) + " value (overflows)";
    if (c.type != nullptr || true) *err = "constant " + val + " overflows " + typeName(t);
    return false;
  };
  if (k == Kind::Bool) {
    if (c.kind != CK::Bool) goto mismatch;
    r.kind = CK::Bool;
    r.b = c.b;
    *out = r;
    return true;
  }
  if (k == Kind::String) {
    if (c.kind == CK::String) {
      r.kind = CK::String;
      r.s = c.s;
      *out = r;
      return true;
    }
    if (c.kind == CK::Int && (c.type == nullptr || vm::isIntegerKind(c.type->kind))) {
      // string(rune)
      r.kind = CK::String;
      Int128 v = c.i;
      int64_t rv = (v < 0 || v > 0x10FFFF) ? 0xFFFD : static_cast<int64_t>(v);
      vm::appendRune(r.s, rv);
      *out = r;
      return true;
    }
    goto mismatch;
  }
  if (vm::isIntegerKind(k)) {
    Int128 v;
    if (c.kind == CK::Int) {
      v = c.i;
    } else if (c.kind == CK::Float || (c.kind == CK::Complex && c.im.isZero())) {
      if (!c.f.isInteger()) {
        *err = "cannot convert " + constString(c) + " (untyped float constant) to type " + typeName(t) +
               " (truncated)";
        if (c.type != nullptr) *err = "constant " + constString(c) + " truncated to integer";
        return false;
      }
      if (c.f.exact) {
        v = c.f.num;
      } else {
        long double d = c.f.approx;
        if (d > 1.7e38L || d < -1.7e38L) return overflow(constString(c));
        v = static_cast<Int128>(d);
      }
    } else {
      goto mismatch;
    }
    if (v < minOfKind(k) || v > maxOfKind(k)) return overflow(int128String(v));
    r.kind = CK::Int;
    r.i = v;
    *out = r;
    return true;
  }
  if (vm::isFloatKind(k)) {
    Rat f;
    if (c.kind == CK::Int) {
      f = Rat::fromInt(c.i);
    } else if (c.kind == CK::Float || (c.kind == CK::Complex && c.im.isZero())) {
      f = c.f;
    } else {
      goto mismatch;
    }
    // Typed float constants hold values of their type's precision.
    double d = f.toDouble();
    if (std::isinf(d)) return overflow(constString(c));
    if (k == Kind::Float32) {
      float fl = static_cast<float>(d);
      if (std::isinf(fl)) return overflow(constString(c));
      d = fl;
    }
    Rat rounded = Rat::fromDouble(d);
    r.kind = CK::Float;
    r.f = rounded;
    *out = r;
    return true;
  }
  if (vm::isComplexKind(k)) {
    if (!isUntypedNumeric(c)) goto mismatch;
    ConstValue p = promote(c, CK::Complex);
    r.kind = CK::Complex;
    double re = p.f.toDouble(), im = p.im.toDouble();
    if (k == Kind::Complex64) {
      re = static_cast<float>(re);
      im = static_cast<float>(im);
    }
    r.f = Rat::fromDouble(re);
    r.im = Rat::fromDouble(im);
    *out = r;
    return true;
  }
mismatch:
  *err = "cannot convert " + constString(c) + " to type " + typeName(t);
  return false;
}

bool representable(const ConstValue& c, const Type* t) {
  ConstValue tmp;
  std::string err;
  return constConvert(c, t, &tmp, &err);
}

// ---- Operations ----------------------------------------------------------------------

namespace {

// Brings x and y to a common type/kind. Returns false with *err on mismatch.
bool unify(const ConstValue& x, const ConstValue& y, ConstValue* ux, ConstValue* uy, std::string* err) {
  if (x.type != nullptr && y.type != nullptr) {
    if (x.type != y.type) {
      *err = "invalid operation: mismatched types " + typeName(x.type) + " and " + typeName(y.type);
      return false;
    }
    *ux = x;
    *uy = y;
    return true;
  }
  if (x.type != nullptr || y.type != nullptr) {
    const Type* t = x.type ? x.type : y.type;
    const ConstValue& u = x.type ? y : x;
    ConstValue conv;
    if (!constConvert(u, t, &conv, err)) return false;
    *ux = x.type ? x : conv;
    *uy = x.type ? conv : y;
    return true;
  }
  if (isUntypedNumeric(x) && isUntypedNumeric(y)) {
    ConstValue::Kind k = rank(x.kind) >= rank(y.kind) ? x.kind : y.kind;
    *ux = promote(x, k);
    *uy = promote(y, k);
    if (k == ConstValue::Kind::Int) {
      ux->isRune = uy->isRune = x.isRune || y.isRune;
    }
    return true;
  }
  if (x.kind != y.kind) {
    *err = "invalid operation: mismatched constant kinds";
    return false;
  }
  *ux = x;
  *uy = y;
  return true;
}

// Re-checks a typed result against its type (overflow) and rounds floats.
bool finish(ConstValue r, ConstValue* out, std::string* err) {
  if (r.type == nullptr) {
    *out = r;
    return true;
  }
  const Type* t = r.type;
  if (vm::isIntegerKind(t->kind) && r.kind == ConstValue::Kind::Int) {
    if (r.i < minOfKind(t->kind) || r.i > maxOfKind(t->kind)) {
      *err = "constant " + int128String(r.i) + " overflows " + typeName(t);
      return false;
    }
    *out = r;
    return true;
  }
  ConstValue u = r;
  u.type = nullptr;
  return constConvert(u, t, out, err);
}

}  // namespace

bool constUnary(lexer::Tok op, const ConstValue& x, ConstValue* out, std::string* err) {
  using CK = ConstValue::Kind;
  ConstValue r = x;
  switch (op) {
    case lexer::Tok::Add:
      if (!isUntypedNumeric(x)) break;
      *out = r;
      return true;
    case lexer::Tok::Sub:
      if (x.kind == CK::Int) {
        r.i = -x.i;
      } else if (x.kind == CK::Float) {
        r.f = ratMul(x.f, Rat::fromInt(-1));
      } else if (x.kind == CK::Complex) {
        r.f = ratMul(x.f, Rat::fromInt(-1));
        r.im = ratMul(x.im, Rat::fromInt(-1));
      } else {
        break;
      }
      return finish(r, out, err);
    case lexer::Tok::Xor:
      if (x.kind != CK::Int) break;
      if (x.type != nullptr && vm::isUnsignedKind(x.type->kind)) {
        r.i = maxOfKind(x.type->kind) ^ x.i;
      } else {
        r.i = ~x.i;
      }
      return finish(r, out, err);
    case lexer::Tok::Not:
      if (x.kind != CK::Bool) break;
      r.b = !x.b;
      *out = r;
      return true;
    default:
      break;
  }
  *err = "invalid operation: operator " + std::string(lexer::tokenSpelling(op)) + " not defined on " +
         constString(x);
  return false;
}

bool constBinary(lexer::Tok op, const ConstValue& x, const ConstValue& y, ConstValue* out,
                 std::string* err) {
  using CK = ConstValue::Kind;
  using lexer::Tok;
  if (op == Tok::Shl || op == Tok::Shr) return constShift(op, x, y, out, err);
  ConstValue a, b;
  if (!unify(x, y, &a, &b, err)) return false;
  ConstValue r = a;
  bool intDiv = a.kind == CK::Int;
  switch (a.kind) {
    case CK::Bool:
      if (op == Tok::LAnd) {
        r.b = a.b && b.b;
      } else if (op == Tok::LOr) {
        r.b = a.b || b.b;
      } else {
        break;
      }
      *out = r;
      return true;
    case CK::String:
      if (op != Tok::Add) break;
      r.s = a.s + b.s;
      *out = r;
      return true;
    case CK::Int:
      switch (op) {
        case Tok::Add:
          if (!add128(a.i, b.i, &r.i)) goto overflow;
          break;
        case Tok::Sub:
          if (__builtin_sub_overflow(a.i, b.i, &r.i)) goto overflow;
          break;
        case Tok::Mul:
          if (!mul128(a.i, b.i, &r.i)) goto overflow;
          break;
        case Tok::Quo:
          if (b.i == 0) {
            *err = "invalid operation: division by zero";
            return false;
          }
          if (!intDiv) break;
          r.i = a.i / b.i;
          break;
        case Tok::Rem:
          if (b.i == 0) {
            *err = "invalid operation: division by zero";
            return false;
          }
          r.i = a.i % b.i;
          break;
        case Tok::And: r.i = a.i & b.i; break;
        case Tok::Or: r.i = a.i | b.i; break;
        case Tok::Xor: r.i = a.i ^ b.i; break;
        case Tok::AndNot: r.i = a.i & ~b.i; break;
        default: goto bad;
      }
      return finish(r, out, err);
    case CK::Float:
      switch (op) {
        case Tok::Add: r.f = ratAdd(a.f, b.f, false); break;
        case Tok::Sub: r.f = ratAdd(a.f, b.f, true); break;
        case Tok::Mul: r.f = ratMul(a.f, b.f); break;
        case Tok::Quo:
          if (b.f.isZero()) {
            *err = "invalid operation: division by zero";
            return false;
          }
          r.f = ratDiv(a.f, b.f);
          break;
        default: goto bad;
      }
      return finish(r, out, err);
    case CK::Complex: {
      Rat ar = a.f, ai = a.im, br = b.f, bi = b.im;
      switch (op) {
        case Tok::Add:
          r.f = ratAdd(ar, br, false);
          r.im = ratAdd(ai, bi, false);
          break;
        case Tok::Sub:
          r.f = ratAdd(ar, br, true);
          r.im = ratAdd(ai, bi, true);
          break;
        case Tok::Mul:
          r.f = ratAdd(ratMul(ar, br), ratMul(ai, bi), true);
          r.im = ratAdd(ratMul(ar, bi), ratMul(ai, br), false);
          break;
        case Tok::Quo: {
          Rat d = ratAdd(ratMul(br, br), ratMul(bi, bi), false);
          if (d.isZero()) {
            *err = "invalid operation: division by zero";
            return false;
          }
          r.f = ratDiv(ratAdd(ratMul(ar, br), ratMul(ai, bi), false), d);
          r.im = ratDiv(ratAdd(ratMul(ai, br), ratMul(ar, bi), true), d);
          break;
        }
        default: goto bad;
      }
      return finish(r, out, err);
    }
    default:
      break;
  }
bad:
  *err = "invalid operation: operator " + std::string(lexer::tokenSpelling(op)) + " not defined on " +
         constString(x);
  return false;
overflow:
  *err = "constant overflow";
  return false;
}

bool constShift(lexer::Tok op, const ConstValue& x, const ConstValue& y, ConstValue* out,
                std::string* err) {
  using CK = ConstValue::Kind;
  ConstValue a = x;
  if (a.kind == CK::Float && a.type == nullptr && a.f.isInteger() && a.f.exact) {
    a = ConstValue::makeInt(a.f.num);
  }
  if (a.kind != CK::Int) {
    *err = "invalid operation: shifted operand " + constString(x) + " must be integer";
    return false;
  }
  Int128 s;
  if (y.kind == CK::Int) {
    s = y.i;
  } else if (y.kind == CK::Float && y.f.isInteger() && y.f.exact) {
    s = y.f.num;
  } else {
    *err = "invalid shift count " + constString(y);
    return false;
  }
  if (s < 0) {
    *err = "invalid shift count " + constString(y) + " (must be non-negative)";
    return false;
  }
  ConstValue r = a;
  if (op == lexer::Tok::Shl) {
    if (a.i == 0) {
      r.i = 0;
    } else {
      if (s >= 127) {
        *err = "shift count too large: " + int128String(s);
        return false;
      }
      Int128 v = a.i;
      for (Int128 k = 0; k < s; k++) {
        if (!mul128(v, 2, &v)) {
          *err = "constant shift overflow";
          return false;
        }
      }
      r.i = v;
    }
  } else {
    r.i = s >= 127 ? (a.i < 0 ? -1 : 0) : a.i >> static_cast<int>(s);
  }
  return finish(r, out, err);
}

bool constCompare(lexer::Tok op, const ConstValue& x, const ConstValue& y, bool* out, std::string* err) {
  using CK = ConstValue::Kind;
  using lexer::Tok;
  ConstValue a, b;
  if (!unify(x, y, &a, &b, err)) return false;
  int c = 0;
  switch (a.kind) {
    case CK::Bool:
      if (op != Tok::Eql && op != Tok::Neq) goto bad;
      c = a.b == b.b ? 0 : 1;
      break;
    case CK::String:
      c = a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
      break;
    case CK::Int:
      c = a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
      break;
    case CK::Float:
      c = ratCompare(a.f, b.f);
      break;
    case CK::Complex:
      if (op != Tok::Eql && op != Tok::Neq) goto bad;
      c = (ratCompare(a.f, b.f) == 0 && ratCompare(a.im, b.im) == 0) ? 0 : 1;
      break;
    default:
      goto bad;
  }
  switch (op) {
    case Tok::Eql: *out = c == 0; return true;
    case Tok::Neq: *out = c != 0; return true;
    case Tok::Lss: *out = c < 0; return true;
    case Tok::Leq: *out = c <= 0; return true;
    case Tok::Gtr: *out = c > 0; return true;
    case Tok::Geq: *out = c >= 0; return true;
    default: break;
  }
bad:
  *err = "invalid operation: operator " + std::string(lexer::tokenSpelling(op)) + " not defined on " +
         constString(x);
  return false;
}

// ---- Run-time values ---------------------------------------------------------------

vm::Value toValue(const ConstValue& c, const Type* want) {
  using CK = ConstValue::Kind;
  if (c.kind == CK::Nil) {
    if (want != nullptr && vm::isNilableKind(want->kind)) return vm::nilOf(want);
    return vm::Value();
  }
  const Type* t = c.type;
  if (t == nullptr) {
    t = defaultType(c);
    if (want != nullptr && vm::isBasicKind(want->kind) && representable(c, want)) t = want;
  }
  ConstValue v = c;
  if (c.type != t) {
    std::string err;
    ConstValue conv;
    if (constConvert(c, t, &conv, &err)) v = conv;
  }
  Kind k = t->kind;
  switch (v.kind) {
    case CK::Bool: return vm::makeBoolOfType(t, v.b);
    case CK::String: return vm::makeStringOfType(t, v.s);
    case CK::Int:
      if (t == vm::types::intType()) return vm::makeInt(static_cast<int64_t>(v.i));
      if (vm::isIntegerKind(k)) return vm::makeIntOfType(t, static_cast<uint64_t>(v.i));
      if (vm::isFloatKind(k)) return vm::makeFloatOfType(t, static_cast<double>(v.i));
      if (vm::isComplexKind(k)) return vm::makeComplexOfType(t, {static_cast<double>(v.i), 0.0});
      break;
    case CK::Float:
      if (vm::isFloatKind(k)) {
        return t == vm::types::float64Type() ? vm::makeFloat(v.f.toDouble()) : vm::makeFloatOfType(t, v.f.toDouble());
      }
      if (vm::isIntegerKind(k)) return vm::makeIntOfType(t, static_cast<int64_t>(v.f.toDouble()));
      if (vm::isComplexKind(k)) return vm::makeComplexOfType(t, {v.f.toDouble(), 0.0});
      break;
    case CK::Complex:
      if (vm::isComplexKind(k)) return vm::makeComplexOfType(t, {v.f.toDouble(), v.im.toDouble()});
      if (vm::isFloatKind(k)) return vm::makeFloatOfType(t, v.f.toDouble());
      break;
    default:
      break;
  }
  return vm::Value();
}

}  // namespace gsl::compiler
