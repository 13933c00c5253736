// vm/arith.h: arithmetic on every numeric kind, with Go's semantics.
//
// These are the general (slow) paths; the interpreter inlines the int fast
// path and calls these for everything else.
//
// Semantics:
//  * Integer kinds wrap exactly at their width (int8 … uint64; int, uint and
//    uintptr are 64 bits). MinInt64 / -1 == MinInt64 and MinInt64 % -1 == 0.
//    Integer division or remainder by zero panics "runtime error: integer
//    divide by zero". Division truncates toward zero.
//  * Shifts: the count may be any integer kind; a negative count panics
//    "runtime error: negative shift amount"; counts >= the width give 0 (or
//    -1 for >> of a negative signed value). The result has the left
//    operand's type (the mixing rule does not apply to shifts).
//  * float64 is IEEE double; float32 results are rounded to float32 after
//    every operation. Division by zero gives ±Inf or NaN. Complex numbers as
//    in Go (complex64 rounded per part).
//  * `+` on strings concatenates (vm/string.h).
//
// The mixing rule. Valid Go never mixes two typed operands of different
// types; a mismatch at run time can only come from an untyped constant that
// was given its default type (int, float64, rune = int32, string, bool, or
// complex128) because the compiler did not know the other operand's type. So
// when the operands' types differ and exactly one of them is a default type,
// that operand is converted to the other's type first: `x + 1` with x int8
// computes in int8; `d * 2` with d time.Duration gives a Duration; `f * 2`
// with f float32 is float32; `s + "x"` with s of a named string type keeps
// the named type. When both are default types (an int and a float64), the
// int converts to float64. A float constant converted to an integer type
// must be integral (`i * 2.0` works; 2.5 would not have compiled). The
// compiler can avoid the guess entirely by converting a constant operand
// itself: convertUntypedConst(c, other).
#pragma once

#include "vm/object.h"

namespace gsl::vm {

enum class ArithOp : uint8_t { Add, Sub, Mul, Div, Rem, And, Or, Xor, AndNot, Shl, Shr };

// a op b with the semantics above. Operands of a kind that does not support
// op are a compiler bug (GSL_ASSERT).
Value arith(ArithOp op, Value a, Value b);
inline Value arithAdd(Value a, Value b) { return arith(ArithOp::Add, a, b); }
inline Value arithSub(Value a, Value b) { return arith(ArithOp::Sub, a, b); }
inline Value arithMul(Value a, Value b) { return arith(ArithOp::Mul, a, b); }
inline Value arithDiv(Value a, Value b) { return arith(ArithOp::Div, a, b); }
inline Value arithRem(Value a, Value b) { return arith(ArithOp::Rem, a, b); }
inline Value arithAnd(Value a, Value b) { return arith(ArithOp::And, a, b); }
inline Value arithOr(Value a, Value b) { return arith(ArithOp::Or, a, b); }
inline Value arithXor(Value a, Value b) { return arith(ArithOp::Xor, a, b); }
inline Value arithAndNot(Value a, Value b) { return arith(ArithOp::AndNot, a, b); }
inline Value arithShl(Value a, Value b) { return arith(ArithOp::Shl, a, b); }
inline Value arithShr(Value a, Value b) { return arith(ArithOp::Shr, a, b); }

// -a (numeric kinds, wrapping), ^a (integer kinds), !a (bool kinds).
Value arithNeg(Value a);
Value arithBitNot(Value a);
Value logicalNot(Value a);

// The pair (a, b) after the mixing rule: both of one type when they
// differ only by an untyped constant's default type.
struct OperandPair {
  Value a;
  Value b;
};
OperandPair unifyOperands(Value a, Value b);

// Whether t is the default type of an untyped constant (int, float64, int32,
// string, bool, complex128 themselves, not named types over them).
bool isDefaultConstType(const Type* t);

// Converts c, an untyped constant in its default type, to the type of
// `other` when other has a basic type that c may take (numeric ↔ numeric,
// string kinds, bool kinds); otherwise returns c unchanged. For the compiler
// to emit when exactly one operand of a binary operator is constant.
Value convertUntypedConst(Value c, Value other);

}  // namespace gsl::vm
