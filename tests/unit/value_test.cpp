// Unit tests for the value encoding (vm/value.h) and the constructors,
// readers and copy rules of vm/object.h, plus equality and hashing
// (vm/compare.h).
#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <string>

#include "vm/compare.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"

using namespace gsl::vm;

namespace {

const bool kHeapReady = (heapInit(), true);

std::string panicText(auto f) {
  try {
    f();
  } catch (const GoPanic& p) {
    return runtimeErrorMessage(p.value());
  }
  return "<no panic>";
}

const Type* pointStruct() {
  static const Type* t = [] {
    Field fs[2] = {{"X", types::intType()}, {"Y", types::intType()}};
    return newNamed("main", "main", "Point", structOf(fs));
  }();
  return t;
}

}  // namespace

TEST_SUITE("value") {

TEST_CASE("ints round-trip, using the immediate within 63 bits and a box outside") {
  for (int64_t i : {int64_t(0), int64_t(1), int64_t(-1), int64_t(42), (int64_t(1) << 62) - 1,
                    -(int64_t(1) << 62)}) {
    Value v = makeInt(i);
    CHECK(v.isInt());
    CHECK(toInt64(v) == i);
    CHECK(typeOf(v) == types::intType());
  }
  for (int64_t i : {int64_t(1) << 62, -(int64_t(1) << 62) - 1, std::numeric_limits<int64_t>::max(),
                    std::numeric_limits<int64_t>::min()}) {
    Value v = makeInt(i);
    CHECK(v.isObject());
    CHECK(toInt64(v) == i);
    CHECK(typeOf(v) == types::intType());
  }
}

TEST_CASE("float64 values round-trip bit-exactly, boxed when not a flonum") {
  double cases[] = {0.0, 1.5, -2.25, 3.141592653589793, 1e-300, 1e300, -0.0,
                    std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                    std::numeric_limits<double>::denorm_min(), 1e77, 1e-77};
  for (double d : cases) {
    Value v = makeFloat(d);
    CHECK(typeOf(v) == types::float64Type());
    CHECK(std::bit_cast<uint64_t>(toDouble(v)) == std::bit_cast<uint64_t>(d));
  }
  CHECK(makeFloat(1.5).isFlonum());
  CHECK(makeFloat(0.0).isFlonum());
  CHECK(makeFloat(-0.0).isObject());
  Value nan = makeFloat(std::nan(""));
  CHECK(std::isnan(toDouble(nan)));
}

TEST_CASE("sized integer kinds are scalars with their type id, boxed past 44 bits") {
  Value a = makeIntOfType(types::int8Type(), int64_t(-5));
  CHECK(a.isScalar());
  CHECK(a.scalarTypeId() == static_cast<uint16_t>(Kind::Int8));
  CHECK(toInt64(a) == -5);
  CHECK(typeOf(a) == types::int8Type());

  Value big = makeIntOfType(types::int64Type(), int64_t(1) << 43);
  CHECK(big.isObject());
  CHECK(toInt64(big) == (int64_t(1) << 43));
  Value edge = makeIntOfType(types::int64Type(), (int64_t(1) << 43) - 1);
  CHECK(edge.isScalar());
  CHECK(toInt64(edge) == (int64_t(1) << 43) - 1);

  Value u = makeIntOfType(types::uint64Type(), ~uint64_t(0));
  CHECK(u.isObject());
  CHECK(toUint64(u) == ~uint64_t(0));
  CHECK(typeOf(u) == types::uint64Type());
  Value u32 = makeIntOfType(types::uint32Type(), uint64_t(0xFFFFFFFF));
  CHECK(u32.isScalar());
  CHECK(toUint64(u32) == 0xFFFFFFFFu);
  CHECK(toDouble(u32) == 4294967295.0);
}

TEST_CASE("a named int type keeps its type even for values that would fit an int") {
  Type* myInt = newNamed("main", "main", "MyInt", types::intType());
  Value v = makeIntOfType(myInt, int64_t(7));
  CHECK(v.isScalar());
  CHECK(typeOf(v) == myInt);
  CHECK(toInt64(v) == 7);
}

TEST_CASE("float32 values are scalars holding their 32 bits") {
  Value f = makeFloatOfType(types::float32Type(), 0.1);
  CHECK(f.isScalar());
  CHECK(typeOf(f) == types::float32Type());
  CHECK(toDouble(f) == static_cast<double>(0.1f));
  Value n = makeFloatOfType(types::float32Type(), -0.0);
  CHECK(std::signbit(toDouble(n)));
}

TEST_CASE("named float64 values are scalars when the low mantissa bits are zero") {
  Type* celsius = newNamed("main", "main", "Celsius", types::float64Type());
  Value a = makeFloatOfType(celsius, 1.5);
  CHECK(a.isScalar());
  CHECK(toDouble(a) == 1.5);
  Value b = makeFloatOfType(celsius, 0.1);
  CHECK(b.isObject());
  CHECK(toDouble(b) == 0.1);
  CHECK(typeOf(a) == celsius);
  CHECK(typeOf(b) == celsius);
  Value m = makeFloatOfType(celsius, -2.0);
  CHECK(toDouble(m) == -2.0);
}

TEST_CASE("bools are compile-time scalars") {
  CHECK(makeBool(true).sameBits(kTrue));
  CHECK(makeBool(false).sameBits(kFalse));
  CHECK(toBool(kTrue));
  CHECK_FALSE(toBool(kFalse));
  CHECK(typeOf(kTrue) == types::boolType());
}

TEST_CASE("complex values keep both parts; complex64 rounds them") {
  Value c = makeComplexOfType(types::complex128Type(), {1.5, -2.0});
  CHECK(toComplex(c) == std::complex<double>(1.5, -2.0));
  Value c64 = makeComplexOfType(types::complex64Type(), {0.1, 0.2});
  CHECK(toComplex(c64).real() == static_cast<double>(0.1f));
  CHECK(typeOf(c64) == types::complex64Type());
}

TEST_CASE("strings: the empty string is shared per type and never null") {
  Value e1 = makeString("");
  Value e2 = makeString(std::string());
  CHECK(e1.sameBits(e2));
  CHECK(stringView(e1).empty());
  CHECK(stringView(e1).data() != nullptr);
  Type* named = newNamed("main", "main", "Name", types::stringType());
  Value e3 = makeStringOfType(named, "");
  CHECK_FALSE(e3.sameBits(e1));
  CHECK(typeOf(e3) == named);
  CHECK(typeOf(zeroValue(types::stringType())) == types::stringType());
}

TEST_CASE("strings hold their bytes, including NULs, and substrings share long parents") {
  std::string raw("a\0b", 3);
  Value s = makeString(raw);
  CHECK(stringView(s) == raw);
  std::string longText(100, 'x');
  longText[50] = 'y';
  Value parent = makeString(longText);
  Value sub = makeSubstring(parent, 40, 30);
  CHECK(stringView(sub) == longText.substr(40, 30));
  auto* so = static_cast<StringObj*>(sub.asObject());
  CHECK(so->owner == parent.asObject());
  Value small = makeSubstring(parent, 48, 4);
  CHECK(stringView(small) == "xxyx");
  CHECK(static_cast<StringObj*>(small.asObject())->owner == nullptr);
  CHECK(makeSubstring(parent, 0, 100).sameBits(parent));
}

TEST_CASE("typed nils are scalars with payload zero and differ from untyped nil") {
  const Type* ps = sliceOf(types::intType());
  Value n = nilOf(ps);
  CHECK(n.isScalar());
  CHECK(typeOf(n) == ps);
  CHECK(isNilValue(n));
  CHECK(isNilValue(Value()));
  CHECK_FALSE(n.isNil());
  CHECK(typeOf(Value()) == nullptr);
  CHECK_FALSE(isNilValue(makeIntOfType(types::int8Type(), int64_t(0))));
}

TEST_CASE("zero values of every kind") {
  CHECK(zeroValue(types::intType()).sameBits(makeInt(0)));
  CHECK(toInt64(zeroValue(types::uint16Type())) == 0);
  CHECK(typeOf(zeroValue(types::uint16Type())) == types::uint16Type());
  CHECK(toDouble(zeroValue(types::float64Type())) == 0.0);
  CHECK_FALSE(std::signbit(toDouble(zeroValue(types::float32Type()))));
  CHECK(zeroValue(types::boolType()).sameBits(kFalse));
  CHECK(stringView(zeroValue(types::stringType())).empty());
  CHECK(zeroValue(types::anyType()).isNil());
  CHECK(zeroValue(types::errorType()).isNil());
  CHECK(isNilValue(zeroValue(mapOf(types::stringType(), types::intType()))));
  CHECK(isNilValue(zeroValue(pointerTo(types::intType()))));
  CHECK(toComplex(zeroValue(types::complex128Type())) == std::complex<double>(0, 0));

  Value p = zeroValue(pointStruct());
  CHECK(p.isObject());
  CHECK(typeOf(p) == pointStruct());
  auto* so = static_cast<StructObj*>(p.asObject());
  CHECK(so->numFields() == 2);
  CHECK(so->fields()[1].sameBits(makeInt(0)));

  const Type* arr = arrayOf(pointStruct(), 3);
  Value a = zeroValue(arr);
  auto* ao = static_cast<ArrayObj*>(a.asObject());
  CHECK(ao->len == 3);
  CHECK(ao->elems()[0].isObject());
  CHECK_FALSE(ao->elems()[0].sameBits(ao->elems()[1]));  // distinct struct values
}

TEST_CASE("a Ref's type is the pointer to its target's type") {
  StructObj* s = newStruct(pointStruct());
  Value r = Value::ref(s);
  CHECK(r.isRef());
  CHECK(r.refTarget() == s);
  CHECK(typeOf(r) == pointerTo(pointStruct()));
  CHECK(kindOf(r) == Kind::Pointer);
  CHECK(typeString(typeOf(r)) == "*main.Point");
}

TEST_CASE("new(T) gives a Ref for structs and a PointerObj to a fresh cell otherwise") {
  Value ps = newPointee(pointStruct());
  CHECK(ps.isRef());
  Value pi = newPointee(types::intType());
  CHECK(pi.isObject());
  CHECK(typeOf(pi) == pointerTo(types::intType()));
  auto* po = static_cast<PointerObj*>(pi.asObject());
  CHECK(po->slot->sameBits(makeInt(0)));
  *po->slot = makeInt(5);
  CHECK(toInt64(static_cast<CellObj*>(const_cast<Object*>(po->base))->value) == 5);
}

TEST_CASE("copyValue copies structs deeply and shares reference kinds") {
  Field inner[1] = {{"N", types::intType()}};
  const Type* innerT = structOf(inner);
  Field outer[2] = {{"In", innerT}, {"S", sliceOf(types::intType())}};
  const Type* outerT = structOf(outer);
  Value o = zeroValue(outerT);
  auto* oo = static_cast<StructObj*>(o.asObject());
  static_cast<StructObj*>(oo->fields()[0].asObject())->fields()[0] = makeInt(1);
  Value c = copyValue(o);
  CHECK_FALSE(c.sameBits(o));
  auto* co = static_cast<StructObj*>(c.asObject());
  CHECK_FALSE(co->fields()[0].sameBits(oo->fields()[0]));  // nested struct copied
  CHECK(co->fields()[1].sameBits(oo->fields()[1]));        // slice shared
  static_cast<StructObj*>(co->fields()[0].asObject())->fields()[0] = makeInt(2);
  CHECK(toInt64(static_cast<StructObj*>(oo->fields()[0].asObject())->fields()[0]) == 1);
  CHECK(copyValue(makeInt(3)).sameBits(makeInt(3)));
}

TEST_CASE("storeValue assigns structs in place so earlier Refs keep aliasing") {
  Value var = zeroValue(pointStruct());
  Value ref = Value::ref(var.asObject());  // p := &s
  StructObj* lit = newStruct(pointStruct());
  lit->fields()[0] = makeInt(10);
  lit->fields()[1] = makeInt(20);
  Value slot = var;
  storeValue(&slot, Value::object(lit));  // s = Point{10, 20}
  CHECK(slot.sameBits(var));               // same object
  auto* seen = static_cast<StructObj*>(ref.refTarget());
  CHECK(toInt64(seen->fields()[0]) == 10);
  CHECK(toInt64(seen->fields()[1]) == 20);
  lit->fields()[0] = makeInt(99);          // the source stays independent
  CHECK(toInt64(seen->fields()[0]) == 10);

  Value empty;                              // storing into a fresh slot copies
  storeValue(&empty, Value::object(lit));
  CHECK_FALSE(empty.sameBits(Value::object(lit)));
}

TEST_CASE("native and closure function values, and bound receivers") {
  auto fn = [](Thread&, const Value*, int, Value*) { return 0; };
  FuncObj* f = makeNative("strings.ToUpper", fn);
  bool isNative = f->native != nullptr;
  CHECK(isNative);
  CHECK(f->name == "strings.ToUpper");
  CHECK(typeString(typeOf(Value::object(f))) == "func()");
  FuncObj* c = makeClosure(nullptr, nullptr, 2);
  CHECK(c->ncaptures == 2);
  CHECK(c->captures()[1].isNil());
  c->captures()[0] = makeInt(4);
  FuncObj* b = bindReceiver(c, makeInt(9));
  CHECK(b->hasBound);
  CHECK(toInt64(b->bound) == 9);
  CHECK(toInt64(b->captures()[0]) == 4);
  CHECK_FALSE(c->hasBound);
}

TEST_CASE("valuesEqual follows Go's == with interface semantics") {
  CHECK(valuesEqual(makeInt(3), makeInt(3)));
  CHECK_FALSE(valuesEqual(makeInt(3), makeIntOfType(types::int8Type(), int64_t(3))));
  CHECK(valuesEqual(makeString("abc"), makeString(std::string("ab") + "c")));
  CHECK(valuesEqual(makeFloat(0.0), makeFloat(-0.0)));
  Value nan = makeFloat(std::nan(""));
  CHECK_FALSE(valuesEqual(nan, nan));
  CHECK(valuesEqual(makeInt(std::numeric_limits<int64_t>::min()),
                    makeInt(std::numeric_limits<int64_t>::min())));
  StructObj* a = newStruct(pointStruct());
  StructObj* b = newStruct(pointStruct());
  CHECK(valuesEqual(Value::object(a), Value::object(b)));
  b->fields()[1] = makeInt(1);
  CHECK_FALSE(valuesEqual(Value::object(a), Value::object(b)));
  CHECK_FALSE(valuesEqual(Value::ref(a), Value::ref(b)));
  CHECK(valuesEqual(Value::ref(a), Value::ref(a)));
  CHECK(valuesEqual(Value(), Value()));
  CHECK_FALSE(valuesEqual(Value(), nilOf(pointerTo(types::intType()))));
}

TEST_CASE("pointers to the same slot are equal even as different objects") {
  CellObj* cell = newCell(types::intType(), makeInt(1));
  const Type* pt = pointerTo(types::intType());
  Value p1 = makePointer(pt, cell, &cell->value);
  Value p2 = makePointer(pt, cell, &cell->value);
  CHECK(valuesEqual(p1, p2));
  CHECK(hashValue(p1, 7) == hashValue(p2, 7));
}

TEST_CASE("comparing uncomparable types panics like Go") {
  const Type* st = sliceOf(types::intType());
  Value s = zeroValue(st);
  CHECK(panicText([&] { valuesEqual(s, s); }) ==
        "runtime error: comparing uncomparable type []int");
  CHECK(panicText([&] { hashValue(s, 1); }) == "runtime error: hash of unhashable type []int");
}

TEST_CASE("hashes agree with equality") {
  uint64_t seed = randomSeed();
  CHECK(hashValue(makeString("hello"), seed) == hashValue(makeString(std::string("hel") + "lo"), seed));
  CHECK(hashValue(makeFloat(0.0), seed) == hashValue(makeFloat(-0.0), seed));
  CHECK(hashValue(makeInt(1), seed) != hashValue(makeInt(2), seed));
  StructObj* a = newStruct(pointStruct());
  StructObj* b = newStruct(pointStruct());
  CHECK(hashValue(Value::object(a), seed) == hashValue(Value::object(b), seed));
}

TEST_CASE("the == operator treats untyped nil as the other operand's nil") {
  CHECK(opEqual(nilOf(sliceOf(types::intType())), Value()));
  CHECK(opEqual(Value(), nilOf(mapOf(types::intType(), types::intType()))));
  CHECK_FALSE(opEqual(makeInt(0), Value()));
  CHECK(opEqual(makeIntOfType(types::int8Type(), int64_t(3)), makeInt(3)));
  CHECK(opLess(makeString("abc"), makeString("abd")));
  CHECK(opLess(makeIntOfType(types::uint64Type(), int64_t(1)),
               makeIntOfType(types::uint64Type(), ~uint64_t(0))));
  Value nan = makeFloat(std::nan(""));
  CHECK_FALSE(opLess(nan, makeFloat(1)));
  CHECK_FALSE(opLessEqual(nan, nan));
  CHECK(compareValues(nan, makeFloat(-1e300)) == -1);
}

}  // TEST_SUITE
