// Unit tests for compiler/: what bytecode each construct becomes (compared
// as disassembly), how untyped constants fold and adopt types, and the
// compile errors the compiler (rather than the resolver) reports.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "compiler/constant.h"
#include "parser/parser.h"
#include "vm/disasm.h"
#include "vm/heap.h"
#include "vm/native.h"

using namespace gsl;

namespace {

const bool kHeapReady = (vm::heapInit(), true);

struct Compiled {
  std::unique_ptr<parser::Program> prog;
  compiler::CompileResult result;
  std::vector<std::string> errors;
};

Compiled compile(const std::string& src) {
  Compiled c;
  std::vector<parser::Diagnostic> diags;
  c.prog = parser::parseProgram("t.gsl", src, &diags);
  if (diags.empty()) compiler::compileProgram(*c.prog, &c.result, &diags);
  for (const parser::Diagnostic& d : diags) c.errors.push_back(parser::formatDiagnostic("t.gsl", d));
  return c;
}

// The disassembly of the function named `name` ("main.f").
std::string disasm(const std::string& src, const std::string& name) {
  Compiled c = compile(src);
  for (const std::string& e : c.errors) MESSAGE(e);
  REQUIRE(c.errors.empty());
  for (const vm::Proto* p : c.result.functions) {
    if (p->name == name) return vm::disassemble(p);
  }
  FAIL("no function " << name);
  return "";
}

std::string firstError(const std::string& src) {
  Compiled c = compile(src);
  return c.errors.empty() ? "<no error>" : c.errors[0];
}

compiler::ConstValue constOf(const std::string& lit, int kind) {
  compiler::ConstValue c;
  REQUIRE(compiler::constFromLiteral(lit, kind, &c));
  return c;
}

}  // namespace

TEST_SUITE("compiler") {

TEST_CASE("recursive fib compiles to a compare-and-jump, constant calls and one add") {
  std::string got = disasm(R"(package main
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}
)",
                           "main.fib");
  CHECK(got == R"(func main.fib (params 1, results 1, registers 5) at t.gsl:2
     0 [  3] LtK          R0 K0 0             ; K0 = 2
     1 [  3] Jmp          -> 3
     2 [  4] Return       R0 1
     3 [  6] LoadK        R2 K1               ; K1 = func main.fib
     4 [  6] SubK         R3 R0 K2            ; K2 = 1
     5 [  6] Call         R2 1 1
     6 [  6] LoadK        R3 K1               ; K1 = func main.fib
     7 [  6] SubK         R4 R0 K0            ; K0 = 2
     8 [  6] Call         R3 1 1
     9 [  6] Add          R1 R2 R3
    10 [  6] Return       R1 1
    11 [  7] Return       R0 0
)");
}

TEST_CASE("a constant expression beyond 64 bits folds to one load") {
  std::string got = disasm("package main\nfunc f() int { return 1<<100>>98 + 'a' }\n", "main.f");
  CHECK(got == R"(func main.f (params 0, results 1, registers 1) at t.gsl:2
     0 [  2] LoadI        R0 101
     1 [  2] Return       R0 1
     2 [  2] Return       R0 0
)");
}

TEST_CASE("an untyped constant operand takes the other operand's type") {
  std::string got = disasm("package main\nfunc f(x int8) int8 { return x + 1 }\n", "main.f");
  CHECK(got.find("AddK         R1 R0 K0            ; K0 = int8(1)") != std::string::npos);
  // The parameter's type is re-established for callers that passed a constant blind.
  CHECK(got.find("FixType      R0 T0               ; T0 = int8") != std::string::npos);
}

TEST_CASE("a counting loop becomes ForLoop") {
  std::string got = disasm(R"(package main
func count(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}
)",
                           "main.count");
  CHECK(got == R"(func main.count (params 1, results 1, registers 3) at t.gsl:2
     0 [  3] LoadI        R1 0
     1 [  4] LoadI        R2 0
     2 [  4] Lt           R2 R0 0
     3 [  4] Jmp          -> 6
     4 [  5] Add          R1 R1 R2
     5 [  4] ForLoop      R2 R0 -> 4
     6 [  7] Return       R1 1
     7 [  8] Return       R0 0
)");
}

TEST_CASE("a captured variable lives in a cell shared with the closure") {
  std::string src = R"(package main
func counter() func() int {
	c := 0
	return func() int { c++; return c }
}
)";
  CHECK(disasm(src, "main.counter") == R"(func main.counter (params 0, results 1, registers 2) at t.gsl:2
     0 [  3] LoadI        R0 0
     1 [  3] NewCell      R0 R0 T0            ; T0 = int
     2 [  4] Closure      R1 P0               ; main.counter.func1
     3 [  4] Return       R1 1
     4 [  5] Return       R0 0
)");
  CHECK(disasm(src, "main.counter.func1") == R"(func main.counter.func1 (params 0, results 1, registers 1) at t.gsl:4
     0 [  4] GetUpval     R0 U0               ; c
     1 [  4] AddK         R0 R0 K0            ; K0 = 1
     2 [  4] SetUpval     R0 U0               ; c
     3 [  4] GetUpval     R0 U0               ; c
     4 [  4] Return       R0 1
     5 [  4] Return       R0 0
)");
}

TEST_CASE("a function with defer returns through its exit sequence") {
  std::string got = disasm(R"(package main
func f() (r int) {
	defer func() { r++ }()
	return 1
}
)",
                           "main.f");
  CHECK(got == R"(func main.f (params 0, results 1, registers 2) at t.gsl:2
     0 [  2] LoadZero     R0 T0               ; T0 = int
     1 [  2] NewCell      R0 R0 T0            ; T0 = int
     2 [  3] Closure      R1 P0               ; main.f.func1
     3 [  3] Defer        R1 0 0
     4 [  4] LoadI        R1 1
     5 [  4] SetCell      R0 R1
     6 [  4] Jmp          -> 7
     7 [  5] RunDefers
     8 [  5] GetCell      R1 R0
     9 [  5] Return       R1 1
)");
}

TEST_CASE("a method call on a pointer resolves through a selector site") {
  std::string got = disasm(R"(package main
type T struct{ n int }
func (t *T) Inc() { t.n++ }
func f(t *T) { t.Inc() }
)",
                           "main.f");
  CHECK(got.find("Method       R1 R0 S0            ; .Inc") != std::string::npos);
  CHECK(got.find("Call         R1 1 0") != std::string::npos);
  std::string inc = disasm("package main\ntype T struct{ n int }\nfunc (t *T) Inc() { t.n++ }\n", "main.(*T).Inc");
  CHECK(inc.find("GetField     R1 R0 S0            ; .n") != std::string::npos);
  CHECK(inc.find("SetField     R0 R1 S0            ; .n") != std::string::npos);
}

TEST_CASE("untyped float constants are exact rationals") {
  compiler::ConstValue a = constOf("0.1", 1), b = constOf("0.2", 1), sum;
  std::string err;
  REQUIRE(compiler::constBinary(lexer::Tok::Add, a, b, &sum, &err));
  REQUIRE(sum.f.exact);
  CHECK(sum.f.num == 3);
  CHECK(sum.f.den == 10);
  CHECK(sum.f.toDouble() == 0.3);
}

TEST_CASE("a typed constant that overflows its type is an error") {
  compiler::ConstValue c = compiler::ConstValue::makeInt(300), out;
  std::string err;
  CHECK_FALSE(compiler::constConvert(c, vm::types::uint8Type(), &out, &err));
  CHECK(err == "constant 300 overflows uint8");
  CHECK(compiler::constConvert(c, vm::types::int16Type(), &out, &err));
}

TEST_CASE("selecting a missing field of a known struct type is a compile error") {
  CHECK(firstError("package main\ntype T struct{ A int }\nfunc main() {\n\tt := T{1}\n\tprintln(t.B)\n}\n") ==
        "t.gsl:5:12: t.B undefined (type T has no field or method B)");
}

TEST_CASE("importing a package that does not exist names it") {
  CHECK(firstError("package main\nimport \"nosuch\"\nfunc main() { nosuch.F() }\n") ==
        "t.gsl:2:8: package nosuch is not in std");
}

TEST_CASE("integer division by a constant zero is a compile error") {
  CHECK(firstError("package main\nfunc f(x int) int { return x / 0 }\n") ==
        "t.gsl:2:32: invalid operation: division by zero");
}

TEST_CASE("package variables initialise in dependency order") {
  std::string got = disasm(R"(package main
var a = b + 1
var b = f()
func f() int { return 2 }
)",
                           "main.main");
  // b (G1) is initialised before a (G0).
  size_t setB = got.find("SetGlobal    R0 G1\n     ");
  size_t lastSetA = got.rfind("SetGlobal    R0 G0");
  REQUIRE(setB != std::string::npos);
  REQUIRE(lastSetA != std::string::npos);
  CHECK(got.find("Call", 0) < lastSetA);
  CHECK(got.rfind("SetGlobal    R0 G1") < lastSetA);
}

}  // TEST_SUITE
