// Unit tests for the interpreter (vm/interp.cpp, vm/call.cpp, vm/thread.cpp):
// script functions are compiled, then called from C++ with callFunction and
// their results checked, so each test states one behaviour of the language
// or of the machine (stackless calls, defers, panics, preemption).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "parser/parser.h"
#include "vm/call.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

using namespace gsl;
using vm::Value;

namespace {

const bool kHeapReady = (vm::heapInit(), true);

// A compiled program whose package-level code has run, ready for calls.
// Keep it on the C++ stack: the collector finds the Thread's stacks there.
struct Script {
  std::unique_ptr<parser::Program> prog;
  compiler::CompileResult compiled;
  vm::ProgramState state;
  vm::Thread th{&state};

  explicit Script(const std::string& src) {
    std::vector<parser::Diagnostic> diags;
    prog = parser::parseProgram("t.gsl", src, &diags);
    if (diags.empty()) compiler::compileProgram(*prog, &compiled, &diags);
    for (const parser::Diagnostic& d : diags) MESSAGE(parser::formatDiagnostic("t.gsl", d));
    REQUIRE(diags.empty());
    state.numGlobals = compiled.numGlobals;
    state.globals = static_cast<Value*>(vm::allocRoot(sizeof(Value) * (compiled.numGlobals + 1)));
    th.stack()[0] = Value::object(vm::makeClosure(compiled.entry->sig, compiled.entry, 0));
    if (vm::startCall(th, 0, 0)) {
      while (vm::execute(th) == vm::ExecStatus::Preempted) {
      }
    }
  }

  Value fn(const std::string& name) {
    for (vm::Proto* p : compiled.functions) {
      if (p->name == name) return Value::object(vm::makeClosure(p->sig, p, 0));
    }
    FAIL("no function " << name);
    return Value();
  }

  Value call(const std::string& name, std::initializer_list<Value> args = {}) {
    return vm::callFunction1(th, fn(name), args);
  }

  // The report of the panic a call ends with, or "<no panic>".
  std::string panicOf(const std::string& name) {
    try {
      call(name);
    } catch (const vm::UnwindingPanic&) {
      std::string report = vm::panicReport(th);
      th.panic = nullptr;
      return report;
    }
    return "<no panic>";
  }
};

std::string str(Value v) { return std::string(vm::stringView(v)); }

}  // namespace

TEST_SUITE("interp") {

TEST_CASE("recursive calls return their results") {
  Script s(R"(package main
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}
)");
  CHECK(vm::toInt64(s.call("main.fib", {vm::makeInt(20)})) == 6765);
}

TEST_CASE("calls do not recurse on the C++ stack") {
  Script s("package main\nfunc depth(n int) int {\n\tif n == 0 {\n\t\treturn 0\n\t}\n\treturn 1 + depth(n-1)\n}\n");
  CHECK(vm::toInt64(s.call("main.depth", {vm::makeInt(200000)})) == 200000);
}

TEST_CASE("int arithmetic wraps at 64 bits past the immediate range") {
  Script s(R"(package main
func f() int {
	x := 9223372036854775807
	return x + 1
}
func g() int8 {
	var x int8 = 127
	x++
	return x
}
)");
  CHECK(vm::toInt64(s.call("main.f")) == INT64_MIN);
  Value g = s.call("main.g");
  CHECK(vm::typeOf(g) == vm::types::int8Type());
  CHECK(vm::toInt64(g) == -128);
}

TEST_CASE("closures share captured variables by reference") {
  Script s(R"(package main
func f() int {
	c := 0
	inc := func() { c++ }
	inc()
	inc()
	return c
}
)");
  CHECK(vm::toInt64(s.call("main.f")) == 2);
}

TEST_CASE("each loop iteration has its own variable") {
  Script s(R"(package main
func f() int {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	r := 0
	for _, g := range fs {
		r = r*10 + g()
	}
	return r
}
)");
  CHECK(vm::toInt64(s.call("main.f")) == 12);
}

TEST_CASE("struct values copy on assignment and pointers alias") {
  Script s(R"(package main
type P struct{ X int }
func copies() int {
	a := P{1}
	b := a
	b.X = 2
	return a.X*10 + b.X
}
func aliases() int {
	a := P{1}
	p := &a
	p.X = 5
	r := a.X
	a = P{7}
	return r*10 + p.X
}
)");
  CHECK(vm::toInt64(s.call("main.copies")) == 12);
  CHECK(vm::toInt64(s.call("main.aliases")) == 57);
}

TEST_CASE("deferred calls run last-in first-out and may change named results") {
  Script s(R"(package main
func f() (s string) {
	defer func() { s += "1" }()
	defer func() { s += "2" }()
	return "x"
}
)");
  CHECK(str(s.call("main.f")) == "x21");
}

TEST_CASE("recover in a deferred call stops the panic and yields its value") {
  Script s(R"(package main
func f() (r int) {
	defer func() { r = recover().(int) }()
	panic(42)
}
)");
  CHECK(vm::toInt64(s.call("main.f")) == 42);
}

TEST_CASE("recover returns nil unless called directly by the deferred function") {
  Script s(R"(package main
func helper() any { return recover() }
func f() (got any) {
	defer func() { recover() }()
	defer func() { got = helper() }()
	panic("p")
}
)");
  CHECK(s.call("main.f").isNil());
}

TEST_CASE("a panic nobody recovers leaves callFunction with Go's report") {
  Script s("package main\nfunc boom() {\n\tpanic(\"boom\")\n}\n");
  std::string report = s.panicOf("main.boom");
  CHECK(report.rfind("panic: boom\n\ngoroutine 1 [running]:\nmain.boom()\n\tt.gsl:3\n", 0) == 0);
}

TEST_CASE("a re-panic after recover is reported as Go reports it") {
  Script s(R"(package main
func f() {
	defer func() {
		panic(recover())
	}()
	panic("first")
}
)");
  CHECK(s.panicOf("main.f").rfind("panic: first [recovered]\n\tpanic: first\n", 0) == 0);
}

TEST_CASE("run-time errors carry Go's messages") {
  Script s(R"(package main
func index() int {
	s := []int{1, 2, 3}
	i := 5
	return s[i]
}
func nilMap() {
	var m map[string]int
	m["a"] = 1
}
func divide() int {
	a, b := 1, 0
	return a / b
}
func assert() int {
	var x any = "s"
	return x.(int)
}
)");
  CHECK(s.panicOf("main.index").rfind("panic: runtime error: index out of range [5] with length 3\n", 0) == 0);
  CHECK(s.panicOf("main.nilMap").rfind("panic: assignment to entry in nil map\n", 0) == 0);
  CHECK(s.panicOf("main.divide").rfind("panic: runtime error: integer divide by zero\n", 0) == 0);
  CHECK(s.panicOf("main.assert").rfind("panic: interface conversion: interface {} is string, not int\n", 0) == 0);
}

TEST_CASE("callFunctionRecover stops a panic escaping a callback") {
  Script s("package main\nfunc bad() int {\n\tvar m map[int]int\n\tm[1] = 1\n\treturn 1\n}\nfunc good() int { return 7 }\n");
  Value out[1];
  int n = 0;
  Value pv;
  CHECK_FALSE(vm::callFunctionRecover(s.th, s.fn("main.bad"), nullptr, 0, out, 1, &n, &pv));
  CHECK(vm::runtimeErrorMessage(pv) == "assignment to entry in nil map");
  CHECK(s.th.panic == nullptr);
  // The Thread is usable afterwards.
  REQUIRE(vm::callFunctionRecover(s.th, s.fn("main.good"), nullptr, 0, out, 1, &n, &pv));
  CHECK(n == 1);
  CHECK(vm::toInt64(out[0]) == 7);
}

TEST_CASE("interface method calls dispatch on the dynamic type") {
  Script s(R"(package main
type Shape interface{ Area() int }
type Sq struct{ s int }
type Rect struct{ w, h int }
func (q Sq) Area() int { return q.s * q.s }
func (r *Rect) Area() int { return r.w * r.h }
func total() int {
	shapes := []Shape{Sq{3}, &Rect{2, 5}}
	t := 0
	for _, x := range shapes {
		t += x.Area()
	}
	return t
}
)");
  CHECK(vm::toInt64(s.call("main.total")) == 19);
}

TEST_CASE("a method value binds its receiver when it is evaluated") {
  Script s(R"(package main
type C struct{ n int }
func (c C) Get() int { return c.n }
func f() int {
	c := C{1}
	g := c.Get
	c.n = 2
	return g()
}
)");
  CHECK(vm::toInt64(s.call("main.f")) == 1);
}

TEST_CASE("a long loop is preempted at back-edges and resumes where it stopped") {
  Script s("package main\nfunc spin() int {\n\tn := 0\n\tfor i := 0; i < 100000; i++ {\n\t\tn += i\n\t}\n\treturn n\n}\n");
  vm::Thread& th = s.th;
  th.stack()[0] = s.fn("main.spin");
  int slices = 0;
  if (vm::startCall(th, 0, 0)) {
    while (vm::execute(th) == vm::ExecStatus::Preempted) slices++;
  }
  CHECK(slices >= 100000 / vm::kTimeSliceBudget);
  CHECK(th.top == 1);
  CHECK(vm::toInt64(th.stack()[0]) == 4999950000);
}

}  // TEST_SUITE
