// Unit tests for vm/slice.h: indexing and slicing with Go's errors, append
// with Go's capacity growth (the sequences below are what Go 1.19 prints),
// and copy.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/string.h"

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

std::vector<int64_t> capsWhileAppending(const Type* sliceType, Value elem, int n) {
  std::vector<int64_t> caps;
  Value s = nilOf(sliceType);
  int64_t last = -1;
  for (int i = 0; i < n; i++) {
    s = appendValue(s, elem);
    if (sliceCap(s) != last) {
      last = sliceCap(s);
      caps.push_back(last);
    }
  }
  return caps;
}

Value ints(std::initializer_list<int64_t> xs) {
  std::vector<Value> vs;
  for (int64_t x : xs) vs.push_back(makeInt(x));
  return sliceFromValues(sliceOf(types::intType()), vs.data(), static_cast<int64_t>(vs.size()));
}

std::vector<int64_t> contents(Value s) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < sliceLen(s); i++) out.push_back(toInt64(sliceIndex(s, i)));
  return out;
}

}  // namespace

TEST_SUITE("slice") {

TEST_CASE("append grows []int capacity exactly as Go does") {
  std::vector<int64_t> want = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3408, 5120};
  CHECK(capsWhileAppending(sliceOf(types::intType()), makeInt(1), 5000) == want);
}

TEST_CASE("append grows []byte and []string capacities by Go's size classes") {
  std::vector<int64_t> bytes = {8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072, 4096, 5376};
  CHECK(capsWhileAppending(sliceOf(types::uint8Type()), makeIntOfType(types::uint8Type(), int64_t(1)),
                           5000) == bytes);
  std::vector<int64_t> strs = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848, 1280, 1792, 2560, 3584, 5120};
  CHECK(capsWhileAppending(sliceOf(types::stringType()), makeString(""), 5000) == strs);
}

TEST_CASE("appending several values at once rounds the requested capacity") {
  Value s = ints({1, 2, 3});
  Value four = makeInt(4);
  CHECK(sliceCap(appendValue(s, four)) == 6);
  Value more[5] = {makeInt(4), makeInt(5), makeInt(6), makeInt(7), makeInt(8)};
  CHECK(sliceCap(appendValues(s, more, 5)) == 8);
  CHECK(sliceCap(appendValues(nilOf(sliceOf(types::intType())), more, 5)) == 6);
}

TEST_CASE("append shares the backing array while capacity lasts") {
  Value s = makeSlice(sliceOf(types::intType()), 1, 4);
  Value a = appendValue(s, makeInt(10));
  Value b = appendValue(s, makeInt(20));  // overwrites a's element, as in Go
  CHECK(toInt64(sliceIndex(a, 1)) == 20);
  CHECK(toInt64(sliceIndex(b, 1)) == 20);
  CHECK(sliceLen(s) == 1);
}

TEST_CASE("make zero-fills and checks its arguments") {
  Value s = makeSlice(sliceOf(types::stringType()), 2, 5);
  CHECK(sliceLen(s) == 2);
  CHECK(sliceCap(s) == 5);
  CHECK(stringView(sliceIndex(s, 1)).empty());
  CHECK(panicText([] { makeSlice(sliceOf(types::intType()), -1, 0); }) ==
        "runtime error: makeslice: len out of range");
  CHECK(panicText([] { makeSlice(sliceOf(types::intType()), 3, 2); }) ==
        "runtime error: makeslice: cap out of range");
}

TEST_CASE("indexing checks bounds with Go's message") {
  Value s = ints({1, 2, 3});
  CHECK(panicText([&] { sliceIndex(s, 5); }) == "runtime error: index out of range [5] with length 3");
  CHECK(panicText([&] { sliceIndex(nilOf(sliceOf(types::intType())), 0); }) ==
        "runtime error: index out of range [0] with length 0");
}

TEST_CASE("slice expressions: results and Go's bound errors") {
  Value s = ints({0, 1, 2, 3, 4});
  Value t = sliceExpr(s, 1, 3, 0, false);
  CHECK(contents(t) == std::vector<int64_t>{1, 2});
  CHECK(sliceCap(t) == 4);
  Value u = sliceExpr(s, 1, 2, 3, true);
  CHECK(sliceCap(u) == 2);
  CHECK(panicText([&] { sliceExpr(s, 0, 6, 0, false); }) ==
        "runtime error: slice bounds out of range [:6] with capacity 5");
  CHECK(panicText([&] { sliceExpr(s, 3, 2, 0, false); }) ==
        "runtime error: slice bounds out of range [3:2]");
  CHECK(panicText([&] { sliceExpr(s, 0, 1, 9, true); }) ==
        "runtime error: slice bounds out of range [::9] with capacity 5");
  CHECK(panicText([&] { sliceExpr(s, 0, 4, 3, true); }) ==
        "runtime error: slice bounds out of range [:4:3]");
  CHECK(panicText([&] { sliceExpr(s, 3, 2, 4, true); }) ==
        "runtime error: slice bounds out of range [3:2:]");
  CHECK(panicText([&] { sliceExpr(s, 0, -1, 0, false); }) ==
        "runtime error: slice bounds out of range [:-1]");
  Value nilS = nilOf(sliceOf(types::intType()));
  CHECK(isNilValue(sliceExpr(nilS, 0, 0, 0, false)));
}

TEST_CASE("slicing an array shares its storage and reports length") {
  ArrayObj* a = newArray(arrayOf(types::intType(), 3));
  Value s = sliceExpr(Value::ref(a), 1, 3, 0, false);
  CHECK(typeOf(s) == sliceOf(types::intType()));
  sliceStore(s, 0, makeInt(42));
  CHECK(toInt64(a->elems()[1]) == 42);
  CHECK(panicText([&] { sliceExpr(Value::ref(a), 0, 4, 0, false); }) ==
        "runtime error: slice bounds out of range [:4] with length 3");
}

TEST_CASE("append(s, t...) handles overlap and strings") {
  Value s = makeSlice(sliceOf(types::intType()), 0, 10);
  s = appendValues(s, std::vector<Value>{makeInt(1), makeInt(2), makeInt(3)}.data(), 3);
  Value head = sliceExpr(s, 0, 1, 0, false);
  Value r = appendSlice(head, s);  // writes over s[1:] while reading s
  CHECK(contents(r) == std::vector<int64_t>{1, 1, 2, 3});
  Value b = appendSlice(nilOf(sliceOf(types::uint8Type())), makeString("hi"));
  CHECK(sliceLen(b) == 2);
  CHECK(toInt64(sliceIndex(b, 1)) == 'i');
  CHECK(typeOf(sliceIndex(b, 1)) == types::uint8Type());
}

TEST_CASE("copy is overlap-safe and accepts a string source") {
  Value s = ints({1, 2, 3, 4, 5});
  CHECK(copySlice(sliceExpr(s, 1, 5, 0, false), s) == 4);
  CHECK(contents(s) == std::vector<int64_t>{1, 1, 2, 3, 4});
  Value t = ints({1, 2, 3, 4, 5});
  CHECK(copySlice(t, sliceExpr(t, 2, 5, 0, false)) == 3);
  CHECK(contents(t) == std::vector<int64_t>{3, 4, 5, 4, 5});
  Value b = makeSlice(sliceOf(types::uint8Type()), 3, 3);
  CHECK(copySlice(b, makeString("hello")) == 3);
  CHECK(toInt64(sliceIndex(b, 2)) == 'l');
  CHECK(copySlice(nilOf(sliceOf(types::intType())), s) == 0);
}

TEST_CASE("growing a slice of structs copies the elements") {
  Field fs[1] = {{"N", types::intType()}};
  const Type* st = structOf(fs);
  const Type* sst = sliceOf(st);
  Value s = makeSlice(sst, 1, 1);
  Value grown = appendValue(s, zeroValue(st));
  static_cast<StructObj*>(sliceIndex(grown, 0).asObject())->fields()[0] = makeInt(5);
  CHECK(toInt64(static_cast<StructObj*>(sliceIndex(s, 0).asObject())->fields()[0]) == 0);
}

TEST_CASE("growCapacity uses Go's element sizes") {
  CHECK(growCapacity(types::intType(), 0, 0, 5) == 6);
  CHECK(growCapacity(types::uint8Type(), 0, 0, 1) == 8);
  CHECK(growCapacity(structOf({}), 0, 0, 100) == 100);
  CHECK(goRoundUpSize(33000) == 40960);
  CHECK(goRoundUpSize(1) == 8);
  CHECK(goRoundUpSize(32768) == 32768);
}

TEST_CASE("byte slices store one byte per element and read back typed bytes") {
  Value b = makeByteSlice("abc");
  CHECK(isByteSlice(b));
  CHECK_FALSE(isByteSlice(ints({1})));
  CHECK(isByteSlice(nilOf(sliceOf(types::uint8Type()))));
  SliceObj* h = asSlice(b);
  CHECK(h->byteElems);
  CHECK(h->bytes[1] == 'b');
  CHECK(static_cast<ArrayData*>(h->data)->bytes() == h->bytes);
  Value e = sliceIndex(b, 2);
  CHECK(e.isScalar());
  CHECK(typeOf(e) == types::uint8Type());
  CHECK(toInt64(e) == 'c');
  sliceStore(b, 0, makeIntOfType(types::uint8Type(), int64_t{0xFF}));
  CHECK(h->bytes[0] == 0xFF);
  CHECK(panicText([&] { sliceIndex(b, 3); }) == "runtime error: index out of range [3] with length 3");
}

TEST_CASE("byteSliceView and byteSliceData alias the slice's bytes") {
  Value b = makeByteSlice("hello");
  Value tail = sliceExpr(b, 1, 4, 0, false);
  CHECK(byteSliceView(tail) == "ell");
  size_t n = 0;
  uint8_t* p = byteSliceData(tail, &n);
  REQUIRE(n == 3);
  p[0] = 'E';
  CHECK(byteSliceView(b) == "hEllo");
  CHECK(byteSliceView(nilOf(sliceOf(types::uint8Type()))).empty());
  CHECK(byteSliceData(nilOf(sliceOf(types::uint8Type())), &n) == nullptr);
  CHECK(n == 0);
  CHECK(byteSliceData(sliceExpr(b, 2, 2, 0, false), &n) == nullptr);
  CHECK(n == 0);
}

TEST_CASE("bytesView reads byte arrays, pointers to them and slices of them") {
  const Type* at = arrayOf(types::uint8Type(), 4);
  ArrayObj* a = newArray(at);
  CHECK(a->byteElems());
  CHECK(bytesView(Value::object(a)) == std::string_view("\0\0\0\0", 4));
  Value s = sliceExpr(Value::ref(a), 1, 3, 0, false);
  CHECK(isByteSlice(s));
  sliceStore(s, 0, makeIntOfType(types::uint8Type(), int64_t{'x'}));
  CHECK(a->bytes()[1] == 'x');
  CHECK(bytesView(Value::ref(a)).substr(1, 1) == "x");
  CHECK(bytesView(s) == std::string_view("x\0", 2));
  CHECK(bytesView(Value()).empty());
}

TEST_CASE("byte slices of a named byte type keep the element type") {
  Type* named = newNamed("main", "main", "B", types::uint8Type());
  const Type* st = sliceOf(named);
  Value b = makeByteSliceOfType(st, "xy");
  CHECK(typeOf(b) == st);
  CHECK(typeOf(sliceIndex(b, 0)) == named);
  CHECK(toInt64(sliceIndex(b, 1)) == 'y');
  Value vals[2] = {makeIntOfType(named, int64_t{1}), makeIntOfType(named, int64_t{2})};
  Value c = sliceFromValues(st, vals, 2);
  CHECK(byteSliceView(c) == std::string_view("\1\2", 2));
}

TEST_CASE("newByteSlice zero-fills and hands out the bytes to fill") {
  uint8_t* p = nullptr;
  Value b = newByteSlice(sliceOf(types::uint8Type()), 3, 10, &p);
  CHECK(sliceLen(b) == 3);
  CHECK(sliceCap(b) == 10);
  REQUIRE(p != nullptr);
  CHECK(std::string_view(reinterpret_cast<char*>(p), 10) == std::string(10, '\0'));
  p[2] = 'z';
  CHECK(toInt64(sliceIndex(b, 2)) == 'z');
  CHECK(panicText([&] { newByteSlice(sliceOf(types::uint8Type()), 5, 3, nullptr); }) ==
        "runtime error: makeslice: cap out of range");
}

TEST_CASE("appendBytes follows Go's growth and shares while capacity lasts") {
  std::vector<int64_t> caps;
  Value s = nilOf(sliceOf(types::uint8Type()));
  int64_t last = -1;
  for (int i = 0; i < 3000; i++) {
    s = appendBytes(s, "x");
    if (sliceCap(s) != last) caps.push_back(last = sliceCap(s));
  }
  // What Go 1.19 prints for append(b, 'x') in a loop.
  CHECK(caps == std::vector<int64_t>{8, 16, 32, 64, 128, 256, 512, 896, 1408, 2048, 3072});
  Value a = makeSlice(sliceOf(types::uint8Type()), 2, 8);
  Value b = appendBytes(a, "cd");
  Value c = appendBytes(a, "XY");  // same array: overwrites what b appended
  CHECK(byteSliceView(b) == std::string_view("\0\0XY", 4));
  CHECK(byteSliceView(c) == std::string_view("\0\0XY", 4));
  Value full = makeByteSlice("ab");
  Value grown = appendBytes(full, byteSliceView(full));  // a view of itself
  CHECK(byteSliceView(grown) == "abab");
  CHECK(byteSliceView(full) == "ab");
  Value inPlace = appendBytes(sliceExpr(grown, 0, 1, 0, false), byteSliceView(sliceExpr(grown, 2, 4, 0, false)));
  CHECK(byteSliceView(inPlace) == "aab");
}

TEST_CASE("appendValues, appendSlice and copySlice work on bytes") {
  const Type* u8 = types::uint8Type();
  Value vals[2] = {makeIntOfType(u8, int64_t{'o'}), makeIntOfType(u8, int64_t{'k'})};
  Value s = appendValues(nilOf(sliceOf(u8)), vals, 2);
  CHECK(byteSliceView(s) == "ok");
  s = appendSlice(s, makeByteSlice("!?"));
  CHECK(byteSliceView(s) == "ok!?");
  Value t = makeByteSlice("0123456789");
  CHECK(copySlice(sliceExpr(t, 2, 10, 0, false), t) == 8);
  CHECK(byteSliceView(t) == "0101234567");
  Value u = makeByteSlice("0123456789");
  CHECK(copySlice(u, sliceExpr(u, 3, 10, 0, false)) == 7);
  CHECK(byteSliceView(u) == "3456789789");
}

TEST_CASE("sliceSwap swaps bytes, words and struct values in place") {
  Value b = makeByteSlice("ab");
  sliceSwap(b, 0, 1);
  CHECK(byteSliceView(b) == "ba");
  Value s = ints({1, 2, 3});
  sliceSwap(s, 0, 2);
  CHECK(contents(s) == std::vector<int64_t>{3, 2, 1});
  Field fs[1] = {{"N", types::intType()}};
  const Type* st = structOf(fs);
  Value ss = makeSlice(sliceOf(st), 2, 2);
  Object* first = sliceIndex(ss, 0).asObject();
  static_cast<StructObj*>(sliceIndex(ss, 1).asObject())->fields()[0] = makeInt(7);
  sliceSwap(ss, 0, 1);
  // The object in slot 0 stays there (a pointer to ss[0] still aliases it).
  CHECK(sliceIndex(ss, 0).asObject() == first);
  CHECK(toInt64(static_cast<StructObj*>(first)->fields()[0]) == 7);
  CHECK(panicText([&] { sliceSwap(b, 0, 2); }) == "runtime error: index out of range [2] with length 2");
}

TEST_CASE("pointers to byte elements load and store the byte") {
  Value b = makeByteSlice("abc");
  Value p = elemPointer(b, 1);
  auto* po = static_cast<PointerObj*>(p.asObject());
  CHECK(po->byteSlot);
  CHECK(typeOf(p) == pointerTo(types::uint8Type()));
  CHECK(toInt64(pointerLoad(po)) == 'b');
  pointerStore(po, makeIntOfType(types::uint8Type(), int64_t{'B'}));
  CHECK(byteSliceView(b) == "aBc");
  Value q = elemPointer(ints({5}), 0);
  auto* qo = static_cast<PointerObj*>(q.asObject());
  CHECK_FALSE(qo->byteSlot);
  CHECK(toInt64(pointerLoad(qo)) == 5);
}

}  // TEST_SUITE
