// Unit tests for vm/map.h: Go map semantics, keys of every comparable kind,
// growth, and iteration's rules under mutation.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "vm/compare.h"
#include "vm/heap.h"
#include "vm/map.h"
#include "vm/panic.h"
#include "vm/slice.h"

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

const Type* strInt() { return mapOf(types::stringType(), types::intType()); }
const Type* intInt() { return mapOf(types::intType(), types::intType()); }
const Type* anyInt() { return mapOf(types::anyType(), types::intType()); }

std::vector<int64_t> keysOf(Value m) {
  std::vector<int64_t> out;
  MapIter it;
  mapIterInit(it, m);
  Value k;
  while (mapIterNext(it, &k, nullptr)) out.push_back(toInt64(k));
  return out;
}

}  // namespace

TEST_SUITE("map") {

TEST_CASE("set, get with comma-ok, len and delete") {
  Value m = makeMap(strInt());
  CHECK(mapLen(m) == 0);
  mapSet(m, makeString("a"), makeInt(1));
  mapSet(m, makeString("b"), makeInt(2));
  mapSet(m, makeString("a"), makeInt(3));
  CHECK(mapLen(m) == 2);
  bool ok = false;
  CHECK(toInt64(mapGet(m, makeString("a"), &ok)) == 3);
  CHECK(ok);
  Value missing = mapGet(m, makeString("zz"), &ok);
  CHECK_FALSE(ok);
  CHECK(missing.sameBits(makeInt(0)));
  mapDelete(m, makeString("a"));
  mapDelete(m, makeString("nothing"));
  CHECK(mapLen(m) == 1);
  CHECK(mapFind(m, makeString("a")) == nullptr);
}

TEST_CASE("a missing key gives the element type's zero value") {
  Value ms = makeMap(mapOf(types::intType(), types::stringType()));
  CHECK(stringView(mapGet(ms, makeInt(1))).empty());
  Field fs[1] = {{"N", types::intType()}};
  const Type* st = structOf(fs);
  Value mst = makeMap(mapOf(types::intType(), st));
  Value z = mapGet(mst, makeInt(1));
  CHECK(typeOf(z) == st);
}

TEST_CASE("a nil map reads as empty and panics on write") {
  Value nilMap = nilOf(strInt());
  CHECK(mapLen(nilMap) == 0);
  bool ok = true;
  CHECK(mapGet(nilMap, makeString("x"), &ok).sameBits(makeInt(0)));
  CHECK_FALSE(ok);
  mapDelete(nilMap, makeString("x"));
  CHECK(panicText([&] { mapSet(nilMap, makeString("x"), makeInt(1)); }) ==
        "assignment to entry in nil map");
  MapIter it;
  mapIterInit(it, nilMap);
  CHECK_FALSE(mapIterNext(it, nullptr, nullptr));
}

TEST_CASE("keys are compared by Go's ==, not by identity") {
  Value m = makeMap(strInt());
  std::string k = "some-longer-key-that-is-not-copied-small";
  mapSet(m, makeString(k), makeInt(7));
  CHECK(toInt64(mapGet(m, makeString(std::string(k)))) == 7);
  Value sub = makeSubstring(makeString("xx" + k), 2, static_cast<int64_t>(k.size()));
  CHECK(toInt64(mapGet(m, sub)) == 7);
}

TEST_CASE("interface keys distinguish dynamic types") {
  Value m = makeMap(anyInt());
  mapSet(m, makeInt(1), makeInt(10));
  mapSet(m, makeIntOfType(types::int8Type(), int64_t(1)), makeInt(20));
  mapSet(m, makeString("1"), makeInt(30));
  CHECK(mapLen(m) == 3);
  CHECK(toInt64(mapGet(m, makeInt(1))) == 10);
  CHECK(toInt64(mapGet(m, makeIntOfType(types::int8Type(), int64_t(1)))) == 20);
  CHECK(panicText([&] { mapSet(m, zeroValue(sliceOf(types::intType())), makeInt(1)); }) ==
        "runtime error: hash of unhashable type []int");
  CHECK(panicText([&] { mapGet(nilOf(anyInt()), makeSlice(sliceOf(types::intType()), 1, 1)); }) ==
        "runtime error: hash of unhashable type []int");
}

TEST_CASE("float keys: +0 and -0 are one key, every NaN is a new key") {
  Value m = makeMap(mapOf(types::float64Type(), types::intType()));
  mapSet(m, makeFloat(0.0), makeInt(1));
  mapSet(m, makeFloat(-0.0), makeInt(2));
  CHECK(mapLen(m) == 1);
  CHECK(toInt64(mapGet(m, makeFloat(0.0))) == 2);
  Value nan = makeFloat(std::nan(""));
  mapSet(m, nan, makeInt(3));
  mapSet(m, nan, makeInt(4));
  CHECK(mapLen(m) == 3);
  bool ok = true;
  mapGet(m, nan, &ok);
  CHECK_FALSE(ok);
  int count = 0;
  MapIter it;
  mapIterInit(it, m);
  while (mapIterNext(it, nullptr, nullptr)) count++;
  CHECK(count == 3);
}

TEST_CASE("struct and array keys compare field-wise and are copied on insert") {
  Field fs[2] = {{"X", types::intType()}, {"Y", types::stringType()}};
  const Type* st = structOf(fs);
  Value m = makeMap(mapOf(st, types::intType()));
  StructObj* k = newStruct(st);
  k->fields()[0] = makeInt(1);
  k->fields()[1] = makeString("a");
  mapSet(m, Value::object(k), makeInt(5));
  k->fields()[0] = makeInt(2);  // mutating the variable must not move the stored key
  StructObj* probe = newStruct(st);
  probe->fields()[0] = makeInt(1);
  probe->fields()[1] = makeString("a");
  CHECK(toInt64(mapGet(m, Value::object(probe))) == 5);
  bool ok = true;
  mapGet(m, Value::object(k), &ok);
  CHECK_FALSE(ok);
}

TEST_CASE("many keys: growth, deletion of half, reinsertion") {
  Value m = makeMap(intInt());
  const int n = 100000;
  for (int i = 0; i < n; i++) mapSet(m, makeInt(i * 7), makeInt(i));
  CHECK(mapLen(m) == n);
  bool all = true;
  for (int i = 0; i < n; i++) all = all && toInt64(mapGet(m, makeInt(i * 7))) == i;
  CHECK(all);
  for (int i = 0; i < n; i += 2) mapDelete(m, makeInt(i * 7));
  CHECK(mapLen(m) == n / 2);
  bool ok = true;
  mapGet(m, makeInt(0), &ok);
  CHECK_FALSE(ok);
  for (int i = 0; i < n; i += 2) mapSet(m, makeInt(i * 7), makeInt(-i));
  CHECK(mapLen(m) == n);
  CHECK(toInt64(mapGet(m, makeInt(14))) == -2);
  CHECK(toInt64(mapGet(m, makeInt(21))) == 3);
}

TEST_CASE("mapSlot inserts the zero value once for m[k]++") {
  Value m = makeMap(strInt());
  for (int i = 0; i < 5; i++) {
    Value* slot = mapSlot(m, makeString("w"));
    *slot = makeInt(toInt64(*slot) + 1);
  }
  CHECK(mapLen(m) == 1);
  CHECK(toInt64(mapGet(m, makeString("w"))) == 5);
}

TEST_CASE("iteration produces every entry exactly once") {
  Value m = makeMap(intInt());
  for (int i = 0; i < 1000; i++) mapSet(m, makeInt(i), makeInt(i * 2));
  std::set<int64_t> seen;
  MapIter it;
  mapIterInit(it, m);
  Value k, v;
  bool valuesMatch = true;
  while (mapIterNext(it, &k, &v)) {
    seen.insert(toInt64(k));
    valuesMatch = valuesMatch && toInt64(v) == 2 * toInt64(k);
  }
  CHECK(seen.size() == 1000);
  CHECK(valuesMatch);
}

TEST_CASE("iteration order varies between loops") {
  Value m = makeMap(intInt());
  for (int i = 0; i < 20; i++) mapSet(m, makeInt(i), makeInt(i));
  std::set<int64_t> firsts;
  for (int round = 0; round < 50; round++) firsts.insert(keysOf(m)[0]);
  CHECK(firsts.size() > 1);
}

TEST_CASE("entries deleted during iteration before being reached are not produced") {
  Value m = makeMap(intInt());
  for (int i = 0; i < 100; i++) mapSet(m, makeInt(i), makeInt(i));
  MapIter it;
  mapIterInit(it, m);
  Value k;
  std::set<int64_t> seen;
  REQUIRE(mapIterNext(it, &k, nullptr));
  seen.insert(toInt64(k));
  // Delete everything else.
  for (int i = 0; i < 100; i++) {
    if (i != toInt64(k)) mapDelete(m, makeInt(i));
  }
  while (mapIterNext(it, &k, nullptr)) seen.insert(toInt64(k));
  CHECK(seen.size() == 1);
}

TEST_CASE("insertions during iteration never duplicate entries, even across growth") {
  Value m = makeMap(intInt());
  for (int i = 0; i < 50; i++) mapSet(m, makeInt(i), makeInt(i));
  MapIter it;
  mapIterInit(it, m);
  Value k, v;
  std::multiset<int64_t> seen;
  int next = 1000;
  while (mapIterNext(it, &k, &v)) {
    seen.insert(toInt64(k));
    for (int j = 0; j < 20; j++) mapSet(m, makeInt(next++), makeInt(0));  // forces growth
    mapDelete(m, makeInt(49 - toInt64(k) % 50));
  }
  bool unique = true;
  for (int64_t key : seen) unique = unique && seen.count(key) == 1;
  CHECK(unique);
  // Every original key not deleted before it was reached was produced.
  CHECK(seen.size() >= 25);
}

TEST_CASE("updates during iteration are seen with their new values after growth") {
  Value m = makeMap(intInt());
  for (int i = 0; i < 10; i++) mapSet(m, makeInt(i), makeInt(0));
  MapIter it;
  mapIterInit(it, m);
  for (int i = 0; i < 200; i++) mapSet(m, makeInt(100 + i), makeInt(0));  // grow
  for (int i = 0; i < 10; i++) mapSet(m, makeInt(i), makeInt(i + 1));
  Value k, v;
  bool fresh = true;
  int count = 0;
  while (mapIterNext(it, &k, &v)) {
    if (toInt64(k) < 10) {
      count++;
      fresh = fresh && toInt64(v) == toInt64(k) + 1;
    }
  }
  CHECK(count == 10);
  CHECK(fresh);
}

TEST_CASE("clear empties the map, also for a running iteration") {
  Value m = makeMap(intInt());
  for (int i = 0; i < 10; i++) mapSet(m, makeInt(i), makeInt(i));
  MapIter it;
  mapIterInit(it, m);
  mapClear(m);
  CHECK(mapLen(m) == 0);
  CHECK_FALSE(mapIterNext(it, nullptr, nullptr));
  mapSet(m, makeInt(1), makeInt(1));
  CHECK(mapLen(m) == 1);
}

TEST_CASE("a converted map shares its contents") {
  Type* named = newNamed("main", "main", "Counts", strInt());
  Value m = makeMap(strInt());
  Value n = mapWithType(named, m);
  mapSet(n, makeString("x"), makeInt(1));
  CHECK(mapLen(m) == 1);
  CHECK(typeOf(n) == named);
}

TEST_CASE("a heap iterator can live in a register") {
  Value m = makeMap(intInt(), 10);
  mapSet(m, makeInt(3), makeInt(4));
  MapIter* it = newMapIter(m);
  Value k, v;
  REQUIRE(mapIterNext(*it, &k, &v));
  CHECK(toInt64(k) == 3);
  CHECK_FALSE(mapIterNext(*it, &k, &v));
  CHECK(typeOf(Value::object(it)) != nullptr);
}

TEST_CASE("a store right after a lookup of the same key updates that entry") {
  Value m = makeMap(strInt());
  Value k = makeString("word");
  mapSet(m, k, makeInt(1));
  CHECK(toInt64(mapGet(m, k)) == 1);
  mapSet(m, k, makeInt(2));  // reuses the lookup just made
  CHECK(toInt64(mapGet(m, makeString("word"))) == 2);
  CHECK(mapLen(m) == 1);
}

TEST_CASE("a remembered lookup is not reused after the map changed under it") {
  Value m = makeMap(strInt());
  Value k = makeString("k");
  mapSet(m, k, makeInt(1));
  mapGet(m, k);
  mapDelete(m, k);  // the remembered entry is gone
  mapSet(m, k, makeInt(5));
  CHECK(mapLen(m) == 1);
  CHECK(toInt64(mapGet(m, k)) == 5);
  mapGet(m, k);
  mapClear(m);  // and now the whole table
  mapSet(m, makeString("other"), makeInt(7));
  mapSet(m, k, makeInt(9));
  CHECK(mapLen(m) == 2);
  CHECK(toInt64(mapGet(m, k)) == 9);
  CHECK(toInt64(mapGet(m, makeString("other"))) == 7);
  mapGet(m, k);
  for (int i = 0; i < 100; i++) mapSet(m, makeString("g" + std::to_string(i)), makeInt(i));  // grows
  mapSet(m, k, makeInt(11));
  CHECK(mapLen(m) == 102);
  CHECK(toInt64(mapGet(m, k)) == 11);
  // A lookup in one map is never reused for another.
  Value m2 = makeMap(strInt());
  mapGet(m, k);
  mapSet(m2, k, makeInt(3));
  CHECK(toInt64(mapGet(m, k)) == 11);
  CHECK(toInt64(mapGet(m2, k)) == 3);
}

}  // TEST_SUITE
