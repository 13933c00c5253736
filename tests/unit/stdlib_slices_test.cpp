// Unit tests for packages slices, maps and cmp (stdlib/slices.cpp,
// stdlib/maps.cpp, stdlib/cmp.cpp) and the native iterators they share
// (stdlib/seq.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "stdlib/seq.h"
#include "tests/unit/stdlib_test_support.h"
#include "vm/map.h"

using namespace gsl::vm;
using gsl::stdlib::testing::call;
using gsl::stdlib::testing::env;
using gsl::stdlib::testing::sliceOfValues;

namespace {

Value ints(std::vector<int64_t> xs) {
  std::vector<Value> vals;
  for (int64_t x : xs) vals.push_back(makeInt(x));
  return sliceOfValues(types::intType(), vals);
}

std::vector<int64_t> intsOf(Value s) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < sliceLen(s); i++) out.push_back(toInt64(sliceIndex(s, i)));
  return out;
}

}  // namespace

TEST_SUITE("stdlib slices and maps") {
  TEST_CASE("Index converts an untyped constant to the element type") {
    Value s = sliceOfValues(types::int8Type(), {makeIntOfType(types::int8Type(), int64_t{4}),
                                                makeIntOfType(types::int8Type(), int64_t{9})});
    CHECK(toInt64(call("slices", "Index", {s, makeInt(9)})[0]) == 1);
    CHECK(toInt64(call("slices", "Index", {s, makeInt(5)})[0]) == -1);
  }

  TEST_CASE("Delete zeroes the elements it leaves behind, as Go 1.22 does") {
    Value s = ints({1, 2, 3, 4, 5});
    Value r = call("slices", "Delete", {s, makeInt(1), makeInt(3)})[0];
    CHECK(intsOf(r) == std::vector<int64_t>{1, 4, 5});
    CHECK(intsOf(s) == std::vector<int64_t>{1, 4, 5, 0, 0});
  }

  TEST_CASE("Insert within capacity keeps inserted values that alias the slice") {
    Value backing = ints({1, 2, 3, 4, 0, 0});
    Value s = sliceExpr(backing, 0, 4, 0, false);
    Value r = call("slices", "Insert", {s, makeInt(1), sliceIndex(s, 2), sliceIndex(s, 3)})[0];
    CHECK(intsOf(r) == std::vector<int64_t>{1, 3, 4, 2, 3, 4});
  }

  TEST_CASE("a native iterator collects with its element type") {
    Value seq = call("slices", "Values", {ints({3, 1, 2})})[0];
    Value got = call("slices", "Collect", {seq})[0];
    CHECK(typeOf(got) == sliceOf(types::intType()));
    CHECK(intsOf(got) == std::vector<int64_t>{3, 1, 2});
    Value sorted = call("slices", "Sorted", {seq})[0];
    CHECK(intsOf(sorted) == std::vector<int64_t>{1, 2, 3});
  }

  TEST_CASE("maps.Keys yields every key once") {
    Value m = makeMap(mapOf(types::stringType(), types::intType()));
    for (const char* k : {"a", "b", "c", "d"}) mapSet(m, makeString(k), makeInt(1));
    gsl::stdlib::ValueVector keys =
        gsl::stdlib::collectSeq(env().th, call("maps", "Keys", {m})[0], 1);
    std::vector<std::string> names;
    for (Value k : keys) names.emplace_back(stringView(k));
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"a", "b", "c", "d"});
  }

  TEST_CASE("cmp.Compare orders NaN first and unifies an untyped constant") {
    double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(toInt64(call("cmp", "Compare", {makeFloat(nan), makeFloat(-1e300)})[0]) == -1);
    CHECK(toInt64(call("cmp", "Compare", {makeFloat(nan), makeFloat(nan)})[0]) == 0);
    CHECK(toInt64(call("cmp", "Compare", {makeFloat(2.5), makeInt(2)})[0]) == 1);
  }
}
