// Unit tests for vm/arith.h: arithmetic on every numeric kind with Go's
// wrapping, division and shift rules, and the untyped-constant mixing rule.
// Expected values were printed by the same expressions in Go 1.19.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "vm/arith.h"
#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/string.h"

using namespace gsl::vm;

namespace {

const bool kHeapReady = (heapInit(), true);

Value u8(int64_t v) { return makeIntOfType(types::uint8Type(), v); }
Value i8(int64_t v) { return makeIntOfType(types::int8Type(), v); }

std::string panicText(auto f) {
  try {
    f();
  } catch (const GoPanic& p) {
    return runtimeErrorMessage(p.value());
  }
  return "<no panic>";
}

}  // namespace

TEST_SUITE("arith") {

TEST_CASE("uint8 arithmetic wraps at 8 bits") {
  Value b = u8(200);
  CHECK(toInt64(arithAdd(b, u8(100))) == 44);
  CHECK(toInt64(arithMul(b, u8(2))) == 144);
  CHECK(toInt64(arithNeg(b)) == 56);
  CHECK(toInt64(arithBitNot(b)) == 55);
  CHECK(toInt64(arithShr(b, makeInt(1))) == 100);
  CHECK(toInt64(arithShl(b, makeInt(1))) == 144);
  CHECK(typeOf(arithAdd(b, u8(1))) == types::uint8Type());
}

TEST_CASE("int8 arithmetic wraps, and MinInt8 / -1 is MinInt8") {
  Value m = i8(-128);
  CHECK(toInt64(arithDiv(m, i8(-1))) == -128);
  CHECK(toInt64(arithRem(m, i8(-1))) == 0);
  CHECK(toInt64(arithNeg(m)) == -128);
  CHECK(toInt64(arithSub(m, i8(1))) == 127);
  CHECK(toInt64(arithMul(m, m)) == 0);
  Value s = i8(-7);
  CHECK(toInt64(arithDiv(s, i8(2))) == -3);
  CHECK(toInt64(arithRem(s, i8(2))) == -1);
  CHECK(toInt64(arithShr(s, makeInt(1))) == -4);
  CHECK(toInt64(arithShr(s, makeInt(10))) == -1);
  CHECK(toInt64(arithShl(s, makeInt(5))) == 32);
}

TEST_CASE("int64 and int wrap at 64 bits, boxing results past 63 bits") {
  Value mi = makeIntOfType(types::int64Type(), std::numeric_limits<int64_t>::min());
  CHECK(toInt64(arithDiv(mi, makeIntOfType(types::int64Type(), int64_t(-1)))) ==
        std::numeric_limits<int64_t>::min());
  CHECK(toInt64(arithRem(mi, makeIntOfType(types::int64Type(), int64_t(-1)))) == 0);
  CHECK(toInt64(arithNeg(mi)) == std::numeric_limits<int64_t>::min());
  Value big = makeInt(std::numeric_limits<int64_t>::max());
  Value wrapped = arithAdd(big, makeInt(1));
  CHECK(toInt64(wrapped) == std::numeric_limits<int64_t>::min());
  CHECK(typeOf(wrapped) == types::intType());
  Value h = makeInt(10);
  CHECK(toInt64(arithShl(h, makeInt(63))) == 0);
  CHECK(toInt64(arithShl(h, makeInt(64))) == 0);
  CHECK(toInt64(arithShr(makeInt(-10), makeInt(100))) == -1);
  CHECK(toInt64(arithDiv(makeInt(-7), makeInt(2))) == -3);
  CHECK(toInt64(arithRem(makeInt(-7), makeInt(2))) == -1);
  CHECK(toInt64(arithShl(makeInt(1), makeInt(62))) == (int64_t(1) << 62));
}

TEST_CASE("uint32 shifts and subtraction wrap") {
  Value x = makeIntOfType(types::uint32Type(), int64_t(1));
  CHECK(toUint64(arithShl(x, makeInt(31))) == 2147483648u);
  CHECK(toUint64(arithShl(x, makeInt(32))) == 0);
  CHECK(toUint64(arithSub(x, makeInt(2))) == 4294967295u);
  Value u = makeIntOfType(types::uint64Type(), ~uint64_t(0));
  CHECK(toUint64(arithShr(u, makeIntOfType(types::uint8Type(), int64_t(60)))) == 15);
  CHECK(toUint64(arithDiv(u, makeIntOfType(types::uint64Type(), int64_t(2)))) == (~uint64_t(0)) / 2);
}

TEST_CASE("bitwise operators including and-not") {
  CHECK(toInt64(arithAnd(makeInt(12), makeInt(10))) == 8);
  CHECK(toInt64(arithOr(makeInt(12), makeInt(10))) == 14);
  CHECK(toInt64(arithXor(makeInt(12), makeInt(10))) == 6);
  CHECK(toInt64(arithAndNot(makeInt(12), makeInt(10))) == 4);
  CHECK(toInt64(arithBitNot(makeInt(0))) == -1);
}

TEST_CASE("integer division by zero and negative shifts panic") {
  CHECK(panicText([] { arithDiv(makeInt(1), makeInt(0)); }) == "runtime error: integer divide by zero");
  CHECK(panicText([] { arithRem(u8(1), u8(0)); }) == "runtime error: integer divide by zero");
  CHECK(panicText([] { arithShl(makeInt(1), makeInt(-1)); }) == "runtime error: negative shift amount");
}

TEST_CASE("float64 follows IEEE; float32 rounds every result") {
  CHECK(toDouble(arithDiv(makeFloat(1), makeFloat(0))) == std::numeric_limits<double>::infinity());
  CHECK(std::isnan(toDouble(arithDiv(makeFloat(0), makeFloat(0)))));
  CHECK(std::signbit(toDouble(arithNeg(makeFloat(0.0)))));
  Value ff = makeFloatOfType(types::float32Type(), 16777216.0);
  Value sum = arithAdd(ff, makeFloatOfType(types::float32Type(), 1.0));
  CHECK(toDouble(sum) == 16777216.0);
  CHECK(typeOf(sum) == types::float32Type());
  Value third = arithDiv(makeFloatOfType(types::float32Type(), 1.0), makeFloatOfType(types::float32Type(), 3.0));
  CHECK(toDouble(third) == static_cast<double>(1.0f / 3.0f));
}

TEST_CASE("complex arithmetic") {
  Value a = makeComplexOfType(types::complex128Type(), {1, 2});
  Value b = makeComplexOfType(types::complex128Type(), {3, -1});
  CHECK(toComplex(arithMul(a, b)) == std::complex<double>(5, 5));
  CHECK(toComplex(arithAdd(a, b)) == std::complex<double>(4, 1));
}

TEST_CASE("string + concatenates") {
  CHECK(stringView(arithAdd(makeString("ab"), makeString("cd"))) == "abcd");
}

TEST_CASE("mixing rule: a default-typed operand adopts the other operand's type") {
  Value x = i8(100);
  Value r = arithAdd(x, makeInt(100));  // x + 100 with x int8
  CHECK(typeOf(r) == types::int8Type());
  CHECK(toInt64(r) == -56);
  CHECK(typeOf(arithAdd(makeInt(1), x)) == types::int8Type());
  Type* dur = newNamed("time", "time", "Duration", types::int64Type());
  Value d = makeIntOfType(dur, int64_t(1500));
  Value d2 = arithMul(d, makeInt(2));
  CHECK(typeOf(d2) == dur);
  CHECK(toInt64(d2) == 3000);
  Value f = makeFloatOfType(types::float32Type(), 1.5);
  CHECK(typeOf(arithMul(f, makeInt(2))) == types::float32Type());
  CHECK(typeOf(arithMul(f, makeFloat(0.5))) == types::float32Type());
  // An integral float constant next to an int: the int's type.
  Value i = arithMul(makeIntOfType(types::int16Type(), int64_t(3)), makeFloat(2.0));
  CHECK(typeOf(i) == types::int16Type());
  CHECK(toInt64(i) == 6);
  // Two default types: int converts to float64.
  Value mixed = arithDiv(makeFloat(3.0), makeInt(2));
  CHECK(typeOf(mixed) == types::float64Type());
  CHECK(toDouble(mixed) == 1.5);
  // rune constant next to a byte: byte.
  Value c = arithSub(u8('7'), makeIntOfType(types::runeType(), int64_t('0')));
  CHECK(typeOf(c) == types::uint8Type());
  CHECK(toInt64(c) == 7);
  // Named string type with a plain string constant.
  Type* name = newNamed("main", "main", "Name", types::stringType());
  CHECK(typeOf(arithAdd(makeStringOfType(name, "a"), makeString("b"))) == name);
}

TEST_CASE("convertUntypedConst converts only what a constant could become") {
  Value other = makeIntOfType(types::uint16Type(), int64_t(1));
  CHECK(typeOf(convertUntypedConst(makeInt(5), other)) == types::uint16Type());
  CHECK(typeOf(convertUntypedConst(makeFloat(2.5), other)) == types::float64Type());
  CHECK(typeOf(convertUntypedConst(makeString("s"), other)) == types::stringType());
}

TEST_CASE("logical not on bool kinds keeps the type") {
  CHECK(logicalNot(kTrue).sameBits(kFalse));
  Type* flag = newNamed("main", "main", "Flag", types::boolType());
  Value f = makeBoolOfType(flag, false);
  CHECK(typeOf(logicalNot(f)) == flag);
  CHECK(toBool(logicalNot(f)));
}

}  // TEST_SUITE
