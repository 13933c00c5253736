// Unit tests for vm/convert.h: Go's conversions. Every expected value was
// printed by the same conversion in Go 1.19 on amd64.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "vm/convert.h"
#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/string.h"

using namespace gsl::vm;

namespace {

const bool kHeapReady = (heapInit(), true);

int64_t convInt(const Type* t, Value v) { return toInt64(convertTo(t, v)); }
uint64_t convUint(const Type* t, Value v) { return toUint64(convertTo(t, v)); }

std::string panicText(auto f) {
  try {
    f();
  } catch (const GoPanic& p) {
    return runtimeErrorMessage(p.value());
  }
  return "<no panic>";
}

}  // namespace

TEST_SUITE("convert") {

TEST_CASE("wrapToKind sign- or zero-extends to the kind's width") {
  CHECK(static_cast<int64_t>(wrapToKind(Kind::Int8, 300)) == 44);
  CHECK(static_cast<int64_t>(wrapToKind(Kind::Int8, 200)) == -56);
  CHECK(wrapToKind(Kind::Uint8, static_cast<uint64_t>(-1)) == 255);
  CHECK(static_cast<int64_t>(wrapToKind(Kind::Int16, 90000)) == 24464);
  CHECK(wrapToKind(Kind::Uint32, static_cast<uint64_t>(-1)) == 4294967295u);
  CHECK(wrapToKind(Kind::Int64, 12345) == 12345);
}

TEST_CASE("integer conversions wrap as Go's do") {
  Value n = makeInt(300);
  Value m = makeInt(-1);
  CHECK(convInt(types::int8Type(), n) == 44);
  CHECK(convInt(types::uint8Type(), n) == 44);
  CHECK(convInt(types::int16Type(), makeInt(90000)) == 24464);
  CHECK(convInt(types::uint16Type(), m) == 65535);
  CHECK(convInt(types::int32Type(), makeInt(int64_t(1) << 40)) == 0);
  CHECK(convInt(types::uint32Type(), m) == 4294967295);
  CHECK(convUint(types::uint64Type(), m) == 18446744073709551615ull);
  Value u = makeIntOfType(types::uint64Type(), ~uint64_t(0));
  CHECK(convInt(types::int64Type(), u) == -1);
  CHECK(convInt(types::int8Type(), u) == -1);
  CHECK(convInt(types::intType(), u) == -1);
  CHECK(typeOf(convertTo(types::int8Type(), n)) == types::int8Type());
}

TEST_CASE("integer to float, including values past 2^53 and uint64 max") {
  Value u = makeIntOfType(types::uint64Type(), ~uint64_t(0));
  CHECK(toDouble(convertTo(types::float64Type(), u)) == 1.8446744073709552e+19);
  CHECK(toDouble(convertTo(types::float32Type(), u)) == static_cast<double>(1.8446744e+19f));
  Value big = makeIntOfType(types::int64Type(), (int64_t(1) << 53) + 1);
  CHECK(toDouble(convertTo(types::float64Type(), big)) == 9007199254740992.0);
}

TEST_CASE("float to integer truncates toward zero") {
  CHECK(convInt(types::intType(), makeFloat(2.9)) == 2);
  CHECK(convInt(types::intType(), makeFloat(-2.9)) == -2);
  CHECK(convInt(types::uint8Type(), makeFloat(2.9)) == 2);
  CHECK(convInt(types::int8Type(), makeFloat(-2.9)) == -2);
}

TEST_CASE("out-of-range float to integer gives amd64 Go's results") {
  Value f = makeFloat(3.9e19);
  CHECK(convInt(types::int64Type(), f) == std::numeric_limits<int64_t>::min());
  CHECK(convUint(types::uint64Type(), f) == 9223372036854775808ull);
  CHECK(convInt(types::int32Type(), f) == -2147483648);
  CHECK(convInt(types::uint8Type(), f) == 0);
  Value g = makeFloat(-1.5);
  CHECK(convInt(types::int64Type(), g) == -1);
  CHECK(convUint(types::uint64Type(), g) == 18446744073709551615ull);
  CHECK(convInt(types::uint32Type(), g) == 4294967295);
  CHECK(convInt(types::uint8Type(), g) == 255);
  Value nan = makeFloat(std::nan(""));
  CHECK(convInt(types::int64Type(), nan) == std::numeric_limits<int64_t>::min());
  CHECK(convUint(types::uint64Type(), nan) == 9223372036854775808ull);
  CHECK(convInt(types::int32Type(), nan) == -2147483648);
  Value h = makeFloat(1e300);
  CHECK(convInt(types::int64Type(), h) == std::numeric_limits<int64_t>::min());
  CHECK(convUint(types::uint64Type(), h) == 9223372036854775808ull);
  CHECK(convInt(types::int8Type(), h) == 0);
  CHECK(convInt(types::uint32Type(), h) == 0);
}

TEST_CASE("float conversions round to float32") {
  Value f32 = convertTo(types::float32Type(), makeFloat(0.1));
  CHECK(toDouble(convertTo(types::float64Type(), f32)) == 0.10000000149011612);
  CHECK(toDouble(convertTo(types::float32Type(), makeFloat(1.0 / 3.0))) ==
        static_cast<double>(0.33333334f));
}

TEST_CASE("integer to string is the rune's UTF-8, U+FFFD when invalid") {
  CHECK(stringView(convertTo(types::stringType(), makeInt(65))) == "A");
  CHECK(stringView(convertTo(types::stringType(), makeInt(-1))) == "\uFFFD");
  CHECK(stringView(convertTo(types::stringType(), makeInt(0x110000))) == "\uFFFD");
  CHECK(stringView(convertTo(types::stringType(), makeInt(0xD800))) == "\uFFFD");
  CHECK(stringView(convertTo(types::stringType(), makeInt(0x4E16))).size() == 3);
  Value huge = makeIntOfType(types::uint64Type(), (uint64_t(1) << 32) + 65);
  CHECK(stringView(convertTo(types::stringType(), huge)) == "\uFFFD");
}

TEST_CASE("string to and from []byte and []rune") {
  const Type* bytes = sliceOf(types::uint8Type());
  const Type* runes = sliceOf(types::int32Type());
  Value s = makeString("h\u00e9llo");
  Value b = convertTo(bytes, s);
  CHECK(sliceLen(b) == 6);
  CHECK(toInt64(sliceIndex(b, 1)) == 0xC3);
  CHECK(typeOf(sliceIndex(b, 0)) == types::uint8Type());
  CHECK(stringView(convertTo(types::stringType(), b)) == "h\u00e9llo");
  Value r = convertTo(runes, s);
  CHECK(sliceLen(r) == 5);
  CHECK(toInt64(sliceIndex(r, 1)) == 0xE9);
  CHECK(stringView(convertTo(types::stringType(), r)) == "h\u00e9llo");
  Value bad = convertTo(runes, makeString("a\xFF"));
  CHECK(toInt64(sliceIndex(bad, 1)) == 0xFFFD);
  CHECK(stringView(convertTo(types::stringType(), nilOf(bytes))).empty());
  // The bytes are a copy: changing the slice does not change the string.
  sliceStore(b, 0, makeIntOfType(types::uint8Type(), int64_t('j')));
  CHECK(stringView(s) == "h\u00e9llo");
}

TEST_CASE("between named and underlying types the value is kept and retyped") {
  Type* dur = newNamed("time", "time", "Duration", types::int64Type());
  Value d = convertTo(dur, makeInt(1500));
  CHECK(typeOf(d) == dur);
  CHECK(toInt64(d) == 1500);
  CHECK(typeOf(convertTo(types::int64Type(), d)) == types::int64Type());

  Type* name = newNamed("main", "main", "Name", types::stringType());
  std::string longText(40, 'n');
  Value n = convertTo(name, makeString(longText));
  CHECK(typeOf(n) == name);
  CHECK(stringView(n) == longText);

  Field fs[1] = {{"X", types::intType()}};
  const Type* st = structOf(fs);
  Type* pt = newNamed("main", "main", "P", st);
  StructObj* s = newStruct(st);
  s->fields()[0] = makeInt(3);
  Value p = convertTo(pt, Value::object(s));
  CHECK(typeOf(p) == pt);
  CHECK_FALSE(p.sameBits(Value::object(s)));  // a copy

  Type* ints = newNamed("main", "main", "Ints", sliceOf(types::intType()));
  Value sl = makeSlice(sliceOf(types::intType()), 2, 2);
  Value ni = convertTo(ints, sl);
  CHECK(typeOf(ni) == ints);
  sliceStore(ni, 0, makeInt(9));
  CHECK(toInt64(sliceIndex(sl, 0)) == 9);  // shares the elements
}

TEST_CASE("conversion to an interface is the identity; nil converts to typed nils") {
  Value v = makeInt(5);
  CHECK(convertTo(types::anyType(), v).sameBits(v));
  CHECK(convertTo(types::errorType(), Value()).isNil());
  Value np = convertTo(pointerTo(types::intType()), Value());
  CHECK(typeOf(np) == pointerTo(types::intType()));
  CHECK(isNilValue(np));
}

TEST_CASE("slice to array copies, and panics when too short") {
  Value sl = makeSlice(sliceOf(types::intType()), 3, 3);
  sliceStore(sl, 2, makeInt(7));
  Value a = convertTo(arrayOf(types::intType(), 3), sl);
  CHECK(toInt64(static_cast<ArrayObj*>(a.asObject())->elems()[2]) == 7);
  CHECK(panicText([&] { convertTo(arrayOf(types::intType(), 4), sl); }) ==
        "runtime error: cannot convert slice with length 3 to array or pointer to array with length 4");
}

TEST_CASE("assignConvert converts default-typed constants into typed locations") {
  Value x = assignConvert(types::int8Type(), makeInt(3));
  CHECK(typeOf(x) == types::int8Type());
  Type* dur = newNamed("time", "time", "Duration", types::int64Type());
  CHECK(typeOf(assignConvert(dur, makeInt(5))) == dur);
  Value f = assignConvert(types::float32Type(), makeInt(1));
  CHECK(typeOf(f) == types::float32Type());
  CHECK(toDouble(f) == 1.0);
  Value b = assignConvert(types::uint8Type(), makeIntOfType(types::runeType(), int64_t('a')));
  CHECK(typeOf(b) == types::uint8Type());
  Value c = assignConvert(types::complex128Type(), makeFloat(2.5));
  CHECK(toComplex(c) == std::complex<double>(2.5, 0));
  // Interface locations keep the dynamic type.
  CHECK(typeOf(assignConvert(types::anyType(), makeInt(3))) == types::intType());
  // Untyped nil becomes the location's typed nil.
  CHECK(typeOf(assignConvert(sliceOf(types::intType()), Value())) == sliceOf(types::intType()));
  // Values of non-default types are left alone.
  Value i16 = makeIntOfType(types::int16Type(), int64_t(1));
  CHECK(assignConvert(types::int8Type(), i16).sameBits(i16));
  // An unnamed composite takes the named type of the location.
  Type* ints = newNamed("main", "main", "Ints", sliceOf(types::intType()));
  CHECK(typeOf(assignConvert(ints, makeSlice(sliceOf(types::intType()), 0, 0))) == ints);
}

}  // TEST_SUITE
