// vm/arith.cpp: the general arithmetic paths for every numeric kind.
#include "vm/arith.h"

#include <cmath>
#include <string>

#include "vm/convert.h"
#include "vm/panic.h"
#include "vm/string.h"

namespace gsl::vm {

bool isDefaultConstType(const Type* t) {
  if (!t) return false;
  switch (t->id) {
    case static_cast<uint16_t>(Kind::Int):
    case static_cast<uint16_t>(Kind::Float64):
    case static_cast<uint16_t>(Kind::Int32):
    case static_cast<uint16_t>(Kind::String):
    case static_cast<uint16_t>(Kind::Bool):
    case static_cast<uint16_t>(Kind::Complex128):
      return true;
    default:
      return false;
  }
}

Value convertUntypedConst(Value c, Value other) {
  const Type* tc = typeOf(c);
  const Type* to = typeOf(other);
  if (!tc || !to || tc == to) return c;
  Kind kc = tc->kind, ko = to->kind;
  if (isNumericKind(kc) && isNumericKind(ko)) {
    if (isComplexKind(kc) && !isComplexKind(ko)) {
      std::complex<double> z = toComplex(c);
      if (z.imag() != 0) return c;
      c = makeFloat(z.real());
      kc = Kind::Float64;
    }
    if (isFloatKind(kc) && isIntegerKind(ko)) {
      // Only an integral constant can have taken an integer type.
      double d = toDouble(c);
      if (d != std::trunc(d)) return c;
    }
    if (isComplexKind(ko) && !isComplexKind(kc)) {
      return makeComplexOfType(to, {toDouble(c), 0.0});
    }
    return convertTo(to, c);
  }
  if (kc == Kind::String && ko == Kind::String) return convertTo(to, c);
  if (kc == Kind::Bool && ko == Kind::Bool) return makeBoolOfType(to, toBool(c));
  return c;
}

namespace {

// Rank of a default type when both operands have one: the lower-ranked
// operand converts to the higher one's type (int → rune → float64 →
// complex128). An int next to a rune is ambiguous (i + 'a' vs r + 1); the
// rune wins because rune variables are typed while small int literals are
// the commoner constant.
int defaultRank(const Type* t) {
  switch (t->kind) {
    case Kind::Int: return 0;
    case Kind::Int32: return 1;
    case Kind::Float64: return 2;
    case Kind::Complex128: return 3;
    default: return -1;
  }
}

}  // namespace

OperandPair unifyOperands(Value a, Value b) {
  if (a.isInt() && b.isInt()) return {a, b};
  const Type* ta = typeOf(a);
  const Type* tb = typeOf(b);
  if (ta == tb || !ta || !tb) return {a, b};
  bool da = isDefaultConstType(ta);
  bool db = isDefaultConstType(tb);
  if (da && !db) return {convertUntypedConst(a, b), b};
  if (db && !da) return {a, convertUntypedConst(b, a)};
  if (da && db) {
    int ra = defaultRank(ta), rb = defaultRank(tb);
    if (ra < 0 || rb < 0) return {a, b};
    if (ra < rb) return {convertUntypedConst(a, b), b};
    return {a, convertUntypedConst(b, a)};
  }
  return {a, b};
}

namespace {

[[noreturn]] void mismatched(ArithOp op, Value a, Value b) {
  (void)op;
  throwRuntimeError("invalid operation: mismatched types " + typeString(typeOf(a)) + " and " +
                    typeString(typeOf(b)));
}

[[noreturn]] void badOperand(const char* what, Value a) {
  throwRuntimeError(std::string("invalid operation: operator ") + what +
                    " not defined on value of type " + typeString(typeOf(a)));
}

// The shift count as an unsigned number; a negative signed count panics.
uint64_t shiftCount(Value b) {
  Kind k = kindOf(b);
  if (isFloatKind(k)) {
    // An untyped float constant used as a count (1 << 2.0) is integral.
    double d = toDouble(b);
    if (d < 0) throwRuntimeError("negative shift amount");
    return static_cast<uint64_t>(d);
  }
  GSL_ASSERT(isIntegerKind(k));
  if (isSignedKind(k)) {
    int64_t c = toInt64(b);
    if (c < 0) throwRuntimeError("negative shift amount");
    return static_cast<uint64_t>(c);
  }
  return toUint64(b);
}

Value shift(ArithOp op, Value a, Value b) {
  uint64_t c = shiftCount(b);
  const Type* t = typeOf(a);
  GSL_ASSERT(t && isIntegerKind(t->kind));
  if (op == ArithOp::Shl) {
    uint64_t x = toUint64(a);
    return makeIntOfType(t, c >= 64 ? 0 : x << c);
  }
  if (isSignedKind(t->kind)) {
    int64_t x = toInt64(a);  // sign-extended from the kind's width
    return makeIntOfType(t, static_cast<uint64_t>(x >> (c >= 64 ? 63 : c)));
  }
  uint64_t x = toUint64(a);  // zero-extended
  return makeIntOfType(t, c >= 64 ? 0 : x >> c);
}

Value intArith(ArithOp op, const Type* t, Value a, Value b) {
  uint64_t x = toUint64(a), y = toUint64(b);
  uint64_t r = 0;
  switch (op) {
    case ArithOp::Add: r = x + y; break;
    case ArithOp::Sub: r = x - y; break;
    case ArithOp::Mul: r = x * y; break;
    case ArithOp::And: r = x & y; break;
    case ArithOp::Or: r = x | y; break;
    case ArithOp::Xor: r = x ^ y; break;
    case ArithOp::AndNot: r = x & ~y; break;
    case ArithOp::Div:
    case ArithOp::Rem:
      if (y == 0) throwDivideByZero();
      if (isSignedKind(t->kind)) {
        int64_t sx = static_cast<int64_t>(x), sy = static_cast<int64_t>(y);
        if (sy == -1) {
          // x / -1 is -x (MinInt64 / -1 == MinInt64 by wrapping); x % -1 == 0.
          r = op == ArithOp::Div ? 0 - x : 0;
        } else {
          r = static_cast<uint64_t>(op == ArithOp::Div ? sx / sy : sx % sy);
        }
      } else {
        r = op == ArithOp::Div ? x / y : x % y;
      }
      break;
    default:
      GSL_ASSERT(false);
  }
  return makeIntOfType(t, r);
}

Value floatArith(ArithOp op, const Type* t, Value a, Value b) {
  double x = toDouble(a), y = toDouble(b);
  double r;
  switch (op) {
    case ArithOp::Add: r = x + y; break;
    case ArithOp::Sub: r = x - y; break;
    case ArithOp::Mul: r = x * y; break;
    case ArithOp::Div: r = x / y; break;
    default: badOperand(op == ArithOp::Rem ? "%" : "bitwise", a);
  }
  // For float32, computing in double and rounding once to float gives the
  // correctly rounded float result for +, -, * and / (53 >= 2*24 + 2, so
  // the double rounding is innocuous), which is what Go computes.
  return makeFloatOfType(t, r);
}

Value complexArith(ArithOp op, const Type* t, Value a, Value b) {
  std::complex<double> x = toComplex(a), y = toComplex(b);
  std::complex<double> r;
  switch (op) {
    case ArithOp::Add: r = x + y; break;
    case ArithOp::Sub: r = x - y; break;
    case ArithOp::Mul: r = x * y; break;
    case ArithOp::Div: r = x / y; break;
    default: badOperand("%", a);
  }
  return makeComplexOfType(t, r);
}

}  // namespace

Value arith(ArithOp op, Value a, Value b) {
  if (op == ArithOp::Shl || op == ArithOp::Shr) return shift(op, a, b);
  OperandPair p = unifyOperands(a, b);
  const Type* t = typeOf(p.a);
  if (!t || t != typeOf(p.b)) mismatched(op, p.a, p.b);
  Kind k = t->kind;
  if (isIntegerKind(k)) return intArith(op, t, p.a, p.b);
  if (isFloatKind(k)) return floatArith(op, t, p.a, p.b);
  if (isComplexKind(k)) return complexArith(op, t, p.a, p.b);
  if (k == Kind::String && op == ArithOp::Add) return stringConcat(p.a, p.b);
  badOperand("+", p.a);
}

Value arithNeg(Value a) {
  const Type* t = typeOf(a);
  GSL_ASSERT(t);
  Kind k = t->kind;
  if (isIntegerKind(k)) return makeIntOfType(t, 0 - toUint64(a));
  if (isFloatKind(k)) return makeFloatOfType(t, -toDouble(a));
  if (isComplexKind(k)) return makeComplexOfType(t, -toComplex(a));
  badOperand("-", a);
}

Value arithBitNot(Value a) {
  const Type* t = typeOf(a);
  GSL_ASSERT(t && isIntegerKind(t->kind));
  return makeIntOfType(t, ~toUint64(a));
}

Value logicalNot(Value a) {
  const Type* t = typeOf(a);
  GSL_ASSERT(t && t->kind == Kind::Bool);
  return makeBoolOfType(t, !toBool(a));
}

}  // namespace gsl::vm
