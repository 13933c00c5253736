// Unit tests for package math/rand (stdlib/rand.cpp): the generator must
// produce Go's sequence for a seed. The expected numbers were printed by
// Go 1.19's math/rand.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "tests/unit/stdlib_test_support.h"

using namespace gsl::vm;
using gsl::stdlib::testing::call;
using gsl::stdlib::testing::callMethod;

namespace {

Value newSource(int64_t seed) {
  return call("math/rand", "NewSource", {makeIntOfType(types::int64Type(), seed)})[0];
}

}  // namespace

TEST_SUITE("stdlib math/rand") {
  TEST_CASE("a seeded source yields Go's first numbers") {
    struct Case {
      int64_t seed;
      int64_t first, second;
      uint64_t third;  // Uint64, the raw 64-bit draw
    } const cases[] = {
        {1, 5577006791947779410, 8674665223082153551, 15352856648520921629u},
        {42, 3440579354231278675, 608747136543856411, 5571782338101878760u},
        {-5, 1811683815564572222, 4427849682616757295, 188166459856594692u},
    };
    for (const Case& c : cases) {
      Value src = newSource(c.seed);
      CHECK(toInt64(callMethod(src, "Int63", {})) == c.first);
      CHECK(toInt64(callMethod(src, "Int63", {})) == c.second);
      CHECK(toUint64(callMethod(src, "Uint64", {})) == c.third);
    }
  }

  TEST_CASE("the sequence stays Go's after the lagged state has turned over") {
    Value src = newSource(1);
    for (int i = 0; i < 700; i++) callMethod(src, "Int63", {});
    CHECK(toInt64(callMethod(src, "Int63", {})) == 666503982731773378);
  }

  TEST_CASE("reseeding restarts the sequence") {
    Value src = newSource(99);
    int64_t a = toInt64(callMethod(src, "Int63", {}));
    callMethod(src, "Int63", {});
    callMethod(src, "Seed", {makeIntOfType(types::int64Type(), int64_t{99})});
    CHECK(toInt64(callMethod(src, "Int63", {})) == a);
  }

  TEST_CASE("Perm returns a permutation and Intn stays in range") {
    Value r = call("math/rand", "New", {newSource(3)})[0];
    Value p = callMethod(r, "Perm", {makeInt(50)});
    std::vector<bool> seen(50);
    for (int64_t i = 0; i < 50; i++) {
      int64_t v = toInt64(sliceIndex(p, i));
      REQUIRE(v >= 0);
      REQUIRE(v < 50);
      CHECK(!seen[v]);
      seen[v] = true;
    }
    for (int i = 0; i < 1000; i++) {
      int64_t v = toInt64(callMethod(r, "Intn", {makeInt(7)}));
      CHECK(v >= 0);
      CHECK(v < 7);
    }
  }
}
