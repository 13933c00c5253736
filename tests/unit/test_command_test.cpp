// Unit tests of `gsl test`'s command line and example-output reading
// (cli/test_command.h). The behaviour of whole runs is covered by the golden
// tests in tests/gsltest/.
#include <doctest/doctest.h>

#include "cli/test_command.h"

using gsl::cli::exampleOutput;
using gsl::cli::parseTestFlags;
using gsl::cli::TestFlags;

TEST_SUITE("test_command") {
  TEST_CASE("flags and packages may come in any order, in either spelling") {
    TestFlags f = parseTestFlags({"-v", "x.gsl", "-run=A|B", "x_test.gsl", "--count", "3", "-test.short"});
    CHECK(f.error.empty());
    CHECK(f.verbose);
    CHECK(f.shortMode);
    CHECK(f.run == "A|B");
    CHECK(f.count == 3);
    CHECK(f.targets == std::vector<std::string>{"x.gsl", "x_test.gsl"});
  }

  TEST_CASE("benchmark flags keep their values and defaults") {
    TestFlags f = parseTestFlags({"-bench", ".", "-benchmem"});
    CHECK(f.bench == ".");
    CHECK(f.benchmem);
    CHECK(f.benchtime == "1s");
    CHECK(f.count == 1);
    CHECK(parseTestFlags({"-benchtime=100x"}).benchtime == "100x");
    CHECK_FALSE(parseTestFlags({"-v=false"}).verbose);
  }

  TEST_CASE("bad flags are reported in the flag package's words") {
    CHECK(parseTestFlags({"-nope"}).error == "flag provided but not defined: -nope");
    CHECK(parseTestFlags({"-run"}).error == "flag needs an argument: -run");
    CHECK(parseTestFlags({"-count", "x"}).error == "invalid value \"x\" for flag -count: parse error");
    CHECK(parseTestFlags({"-v=maybe"}).error == "invalid boolean value \"maybe\" for -v: parse error");
  }

  TEST_CASE("an example's output is the comment that ends its body") {
    std::string out;
    bool unordered = true;
    REQUIRE(exampleOutput("\n\tfmt.Println(1)\n\t// Output: 1\n", &out, &unordered));
    CHECK(out == "1\n");
    CHECK_FALSE(unordered);
    REQUIRE(exampleOutput("\n\tf()\n\t// Output:\n\t// a\n\t//   b  \n\n", &out, &unordered));
    CHECK(out == "a\n  b\n");
  }

  TEST_CASE("unordered output is recognised whatever its case") {
    std::string out;
    bool unordered = false;
    REQUIRE(exampleOutput("\n\tf()\n\t// unordered Output:\n\t// b\n\t// a\n", &out, &unordered));
    CHECK(unordered);
    CHECK(out == "b\na\n");
  }

  TEST_CASE("an example without an output comment is not run") {
    std::string out;
    bool unordered = false;
    CHECK_FALSE(exampleOutput("\n\tfmt.Println(1)\n", &out, &unordered));
    CHECK_FALSE(exampleOutput("\n\tf()\n\t// just a comment\n", &out, &unordered));
    CHECK_FALSE(exampleOutput("\n\t// Output: 1\n\tf() // a later comment\n", &out, &unordered));
  }

  TEST_CASE("the last comment group counts even with code after it, as in Go") {
    std::string out;
    bool unordered = false;
    REQUIRE(exampleOutput("\n\t// Output: 1\n\tfmt.Println(1)\n", &out, &unordered));
    CHECK(out == "1\n");
  }

  TEST_CASE("comment markers inside strings and block comments are not comments") {
    std::string out;
    bool unordered = false;
    REQUIRE(exampleOutput("\n\t// Output: x\n\ts := \"// Output: y\"\n", &out, &unordered));
    CHECK(out == "x\n");
    CHECK_FALSE(exampleOutput("\n\t// Output: x\n\t/* // Output: z */\n", &out, &unordered));
    CHECK_FALSE(exampleOutput("\n\ts := `a\n// Output: y\n`\n", &out, &unordered));
  }
}
