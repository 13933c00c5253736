// compiler/constant.h: Go's compile-time constants and their arithmetic.
//
// Untyped constants have more precision than any run-time type (The Go
// Programming Language Specification, "Constants"): integers are kept in 128
// bits (`1 << 100 >> 98` is 4), floats as exact rationals of two 128-bit
// integers whenever they fit (so `0.1 + 0.2` is exactly 3/10 and prints 0.3,
// as in Go), falling back to a long double beyond that. A constant becomes a
// run-time value (toValue) only where it is used, in the type its context
// gives it, or its default type.
#pragma once

#include <cstdint>
#include <string>

#include "lexer/token.h"
#include "vm/type.h"
#include "vm/value.h"

namespace gsl::compiler {

using Int128 = __int128;

// A rational num/den (den > 0, reduced) when `exact`, else `approx`.
struct Rat {
  Int128 num = 0;
  Int128 den = 1;
  bool exact = true;
  long double approx = 0;

  static Rat fromInt(Int128 i);
  static Rat fromDouble(long double d);
  long double toLongDouble() const;
  double toDouble() const;
  bool isInteger() const;
  bool isZero() const { return exact ? num == 0 : approx == 0; }
  int sign() const;
};

struct ConstValue {
  enum class Kind : uint8_t { Invalid, Bool, String, Int, Float, Complex, Nil };
  Kind kind = Kind::Invalid;
  // The type of a typed constant; nullptr while untyped.
  const vm::Type* type = nullptr;
  // An untyped rune constant ('a'): Kind::Int with rune as default type.
  bool isRune = false;
  bool b = false;
  Int128 i = 0;
  Rat f;         // Kind::Float; Kind::Complex: the real part
  Rat im;        // Kind::Complex: the imaginary part
  std::string s;

  bool valid() const { return kind != Kind::Invalid; }
  bool untyped() const { return type == nullptr; }

  static ConstValue makeBool(bool v, const vm::Type* t = nullptr);
  static ConstValue makeInt(Int128 v, const vm::Type* t = nullptr);
  static ConstValue makeFloat(Rat v, const vm::Type* t = nullptr);
  static ConstValue makeString(std::string v, const vm::Type* t = nullptr);
};

// The default type of an untyped constant (bool, rune, int, float64,
// complex128, string); the constant's own type if typed.
const vm::Type* defaultType(const ConstValue& c);

// The constant's value as literal text, as Go's messages quote it
// ("300", "1.5", "\"s\"", "true").
std::string constString(const ConstValue& c);

// Constant from a literal (`0x1F`, `1.5e3`, `'a'`, `"s\n"`, `2i`).
bool constFromLiteral(std::string_view text, int litKind, ConstValue* out);

// Operations. On failure they return false and set *err to Go's message
// ("division by zero", "constant 256 overflows uint8", ...).
bool constUnary(lexer::Tok op, const ConstValue& x, ConstValue* out, std::string* err);
bool constBinary(lexer::Tok op, const ConstValue& x, const ConstValue& y, ConstValue* out,
                 std::string* err);
bool constShift(lexer::Tok op, const ConstValue& x, const ConstValue& y, ConstValue* out,
                std::string* err);
bool constCompare(lexer::Tok op, const ConstValue& x, const ConstValue& y, bool* out,
                  std::string* err);

// T(c) for a basic (or named basic) type T, or the implicit conversion of an
// untyped constant to T (`implicit`: messages say "cannot use"). Checks
// representability like Go ("constant 300 overflows uint8", "constant 1.5
// truncated to integer" / "(truncated)").
bool constConvert(const ConstValue& c, const vm::Type* t, ConstValue* out, std::string* err);

// Whether an untyped constant can take type t (representable without
// truncation or overflow). Used to decide if an untyped operand adopts a
// context type.
bool representable(const ConstValue& c, const vm::Type* t);

// The run-time value of c, in its type (typed) or, for an untyped
// constant, in `want` when that is a basic type it can take, else in its
// default type. An untyped nil gives the nil of `want` when want is nilable.
vm::Value toValue(const ConstValue& c, const vm::Type* want = nullptr);

// Int128 as decimal text.
std::string int128String(Int128 v);

}  // namespace gsl::compiler
