// Unit tests for compiler/session.h: what the REPL's persistent program
// accepts as complete inputs, and what persists between compiled inputs.
// (Running inputs needs the scheduler: tests/repl/ covers that.)
#include <doctest/doctest.h>

#include <string>

#include "compiler/session.h"
#include "vm/heap.h"

namespace {

using gsl::compiler::Session;

const bool kHeapReady = (gsl::vm::heapInit(), true);

bool compiles(Session& s, const std::string& text, std::string* errors = nullptr) {
  Session::Compiled c = s.compile(text, gsl::vm::Value());
  if (errors != nullptr) *errors = c.errors;
  return c.outcome == Session::Outcome::Ok;
}

}  // namespace

TEST_SUITE("session") {
  TEST_CASE("the parser decides when an input needs more lines") {
    (void)kHeapReady;
    CHECK(Session::isIncomplete("func f() {\n"));
    CHECK(Session::isIncomplete("x := 1 +\n"));
    CHECK(Session::isIncomplete("fmt.Println(1,\n"));
    CHECK(Session::isIncomplete("s := `raw\n"));
    CHECK(Session::isIncomplete("if x {\n} else\n"));
    CHECK_FALSE(Session::isIncomplete("x := 1\n"));
    CHECK_FALSE(Session::isIncomplete("func f() {}\n"));
    // Errors that more input cannot fix are complete inputs.
    CHECK_FALSE(Session::isIncomplete("x := )\n"));
    CHECK_FALSE(Session::isIncomplete("s := \"abc\n"));
  }

  TEST_CASE("variables, functions and types persist between inputs") {
    Session s;
    CHECK(compiles(s, "x := 1\n"));
    CHECK(compiles(s, "func f() int { return x + 1 }\n"));
    CHECK(compiles(s, "type P struct{ X int }\n"));
    CHECK(compiles(s, "p := P{X: f()}\n"));
    CHECK(compiles(s, "p.X + x\n"));
    gsl::vm::Value v;
    CHECK(s.lookupVar("x", &v));
    CHECK_FALSE(s.lookupVar("nosuch", &v));
  }

  TEST_CASE("a name can be declared again") {
    Session s;
    CHECK(compiles(s, "func f() int { return 1 }\n"));
    CHECK(compiles(s, "func f() string { return \"two\" }\n"));
    CHECK(compiles(s, "x := 1\n"));
    CHECK(compiles(s, "x := \"now a string\"\n"));
    CHECK(compiles(s, "func x() {}\n"));
  }

  TEST_CASE("a redeclared variable's initializer sees the old one") {
    Session s;
    CHECK(compiles(s, "n := 1\n"));
    CHECK(compiles(s, "n := n + 1\n"));
  }

  TEST_CASE("an input that does not compile changes nothing") {
    Session s;
    std::string errors;
    CHECK_FALSE(compiles(s, "y := undefinedName\n", &errors));
    CHECK(errors == "repl:1:6: undefined: undefinedName\n");
    CHECK_FALSE(compiles(s, "y\n", &errors));
    CHECK(errors == "repl:1:1: undefined: y\n");
  }

  TEST_CASE("explicit imports apply to later inputs, with columns kept") {
    Session s;
    CHECK(compiles(s, "import m \"math\"\n"));
    CHECK(compiles(s, "m.Sqrt(4)\n"));
    std::string errors;
    CHECK_FALSE(compiles(s, "m.Sqrt(nope)\n", &errors));
    CHECK(errors == "repl:1:8: undefined: nope\n");
  }

  TEST_CASE("standard packages are imported by first use") {
    Session s;
    CHECK(compiles(s, "strings.ToUpper(\"a\")\n"));
  }

  TEST_CASE("reset forgets every definition") {
    Session s;
    CHECK(compiles(s, "x := 1\n"));
    s.reset();
    CHECK_FALSE(compiles(s, "x\n"));
  }
}
