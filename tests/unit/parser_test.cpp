// Unit tests for parser/: the tree built for each construct of the Go
// grammar (checked through the S-expression dump), operator precedence,
// semicolon and brace subtleties, gsl's top-level statements, and syntax
// errors with the exact texts and positions Go's compiler gives.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.h"
#include "parser/ast_dump.h"
#include "parser/expr_string.h"
#include "parser/parser.h"

using namespace gsl::parser;

namespace {

struct Parsed {
  std::unique_ptr<Program> prog = std::make_unique<Program>();
  File* file = nullptr;
  std::vector<Diagnostic> errors;
};

// Parses without resolving.
Parsed parse(std::string_view src) {
  Parsed p;
  p.file = parseFile(*p.prog, "t.gsl", src, &p.errors);
  return p;
}

// The syntax errors of `src`, one "line:col: msg" per line.
std::string errorsOf(std::string_view src) {
  Parsed p = parse(src);
  std::string out;
  for (const Diagnostic& d : p.errors) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.msg + "\n";
  }
  return out;
}

std::string firstErrors(const Parsed& p) {
  return p.errors.empty() ? "" : p.errors[0].msg;
}

// `src` is one top-level expression statement; returns its expression's dump.
std::string expr(std::string_view src) {
  Parsed p = parse(src);
  REQUIRE_MESSAGE(p.errors.empty(), firstErrors(p));
  REQUIRE(p.file->stmts.size() == 1);
  auto* es = as<ExprStmt>(p.file->stmts[0]);
  REQUIRE(es != nullptr);
  return dumpNode(es->x);
}

// The dump of the single top-level statement (or declaration) of `src`.
std::string item(std::string_view src) {
  Parsed p = parse(src);
  REQUIRE_MESSAGE(p.errors.empty(), firstErrors(p));
  REQUIRE(p.file->items.size() == 1);
  return dumpNode(p.file->items[0]);
}

// The dump of the statements of a function body containing `body`.
std::string body(std::string_view src) {
  Parsed p = parse("func f() {\n" + std::string(src) + "\n}");
  REQUIRE_MESSAGE(p.errors.empty(), firstErrors(p));
  auto* fd = as<FuncDecl>(p.file->decls.at(0));
  REQUIRE(fd != nullptr);
  std::string out;
  for (Stmt* s : fd->body->list) {
    if (!out.empty()) out += "\n";
    out += dumpNode(s);
  }
  return out;
}

}  // namespace

TEST_SUITE("parser") {
  // --- Precedence and associativity ---

  TEST_CASE("binary operators of one level associate to the left") {
    CHECK(expr("a - b - c") == "(- (- a b) c)");
    CHECK(expr("a / b * c % d") == "(% (* (/ a b) c) d)");
    CHECK(expr("a || b || c") == "(|| (|| a b) c)");
  }

  TEST_CASE("the five precedence levels bind from || up to the multiplicative operators") {
    CHECK(expr("a || b && c == d + e * f") == "(|| a (&& b (== c (+ d (* e f)))))");
    CHECK(expr("a * b + c == d && e || f") == "(|| (&& (== (+ (* a b) c) d) e) f)");
  }

  TEST_CASE("each operator sits at its level") {
    // Level 5: * / % << >> & &^
    CHECK(expr("a + b << c") == "(+ a (<< b c))");
    CHECK(expr("a | b & c") == "(| a (& b c))");
    CHECK(expr("a ^ b &^ c") == "(^ a (&^ b c))");
    CHECK(expr("a - b >> c") == "(- a (>> b c))");
    // Level 4: + - | ^ ; level 3: comparisons.
    CHECK(expr("a < b | c") == "(< a (| b c))");
    CHECK(expr("a != b ^ c") == "(!= a (^ b c))");
    CHECK(expr("a <= b - c") == "(<= a (- b c))");
    CHECK(expr("a >= b + c") == "(>= a (+ b c))");
    CHECK(expr("a > b && c < d") == "(&& (> a b) (< c d))");
  }

  TEST_CASE("unary operators bind tighter than binary ones") {
    CHECK(expr("-a * b") == "(* (- a) b)");
    CHECK(expr("!a && b") == "(&& (! a) b)");
    CHECK(expr("*p + 1") == "(+ (star p) 1)");
    CHECK(expr("<-ch + 1") == "(+ (<- ch) 1)");
    CHECK(expr("&x.f") == "(& (. x f))");
    CHECK(expr("^x | +y") == "(| (^ x) (+ y))");
    CHECK(expr("- -x") == "(- (- x))");
  }

  TEST_CASE("parentheses are kept in the tree") {
    CHECK(expr("(a + b) * c") == "(* (paren (+ a b)) c)");
  }

  // --- Primary expressions ---

  TEST_CASE("selectors, indexes, slices and calls chain left to right") {
    CHECK(expr("a.b.c") == "(. (. a b) c)");
    CHECK(expr("a[i][j]") == "(index (index a i) j)");
    CHECK(expr("f(x)(y)") == "(call (call f x) y)");
    CHECK(expr("s[1:2]") == "(slice s 1 2)");
    CHECK(expr("s[:]") == "(slice s nil nil)");
    CHECK(expr("s[i:]") == "(slice s i nil)");
    CHECK(expr("s[1:2:3]") == "(slice s 1 2 3)");
    CHECK(expr("s[:2:3]") == "(slice s nil 2 3)");
    CHECK(expr("x.(T)") == "(assert x T)");
    CHECK(expr("x.(*pkg.T)") == "(assert x (star (. pkg T)))");
  }

  TEST_CASE("calls keep a final ... and a trailing comma") {
    CHECK(expr("f(a, b...)") == "(call... f a b)");
    CHECK(expr("f(\n\ta,\n\tb,\n)") == "(call f a b)");
    CHECK(expr("f()") == "(call f)");
  }

  TEST_CASE("conversions and builtin calls take types as operands") {
    CHECK(expr("[]byte(s)") == "(call (slicetype byte) s)");
    CHECK(expr("(func(int) int)(f)") ==
          "(call (paren (functype (params (field int)) (results (field int)))) f)");
    CHECK(expr("make(map[string][]int, 10)") == "(call make (map string (slicetype int)) 10)");
    CHECK(expr("make(chan<- int)") == "(call make (chan<- int))");
    CHECK(expr("new(struct{ x int })") == "(call new (struct (field x int)))");
    CHECK(expr("(*T)(nil)") == "(call (paren (star T)) nil)");
    CHECK(expr("(<-chan int)(ch)") == "(call (paren (<-chan int)) ch)");
  }

  TEST_CASE("a method expression is a selector on a (possibly parenthesized) type") {
    CHECK(expr("(*T).M") == "(. (paren (star T)) M)");
    CHECK(expr("T.M(t, 1)") == "(call (. T M) t 1)");
  }

  TEST_CASE("generic instantiations parse as index expressions") {
    CHECK(expr("F[int](x)") == "(call (index F int) x)");
    CHECK(expr("Map[string, int]{}") == "(lit (index Map string int))");
    CHECK(expr("F[[]int, map[K]V]") == "(index F (slicetype int) (map K V))");
    CHECK(expr("pkg.G[T,]") == "(index (. pkg G) T)");
  }

  TEST_CASE("receive on a channel and receive-only channel types") {
    CHECK(expr("<-ch") == "(<- ch)");
    CHECK(expr("<-<-ch") == "(<- (<- ch))");
    CHECK(expr("(<-chan <-chan int)(nil)") == "(call (paren (<-chan (<-chan int))) nil)");
    CHECK(expr("(chan<- chan int)(nil)") == "(call (paren (chan<- (chan int))) nil)");
    CHECK(expr("(chan (<-chan int))(nil)") == "(call (paren (chan (paren (<-chan int)))) nil)");
  }

  TEST_CASE("composite literals of every kind") {
    CHECK(expr("T{1, 2}") == "(lit T 1 2)");
    CHECK(expr("[]int{1, 2,}") == "(lit (slicetype int) 1 2)");
    CHECK(expr("[...]string{\"a\"}") == "(lit (array ... string) \"a\")");
    CHECK(expr("[2]int{}") == "(lit (array 2 int))");
    CHECK(expr("map[string]int{\"a\": 1}") == "(lit (map string int) (kv \"a\" 1))");
    CHECK(expr("pkg.T{X: 1}") == "(lit (. pkg T) (kv X 1))");
    CHECK(expr("&T{}") == "(& (lit T))");
    CHECK(expr("struct{ x int }{1}") == "(lit (struct (field x int)) 1)");
  }

  TEST_CASE("composite literal elements may elide their type") {
    CHECK(expr("[]Point{{1, 2}, {X: 3}}") == "(lit (slicetype Point) (lit nil 1 2) (lit nil (kv X 3)))");
    CHECK(expr("map[Key]V{{1, 2}: {3}}") == "(lit (map Key V) (kv (lit nil 1 2) (lit nil 3)))");
  }

  TEST_CASE("function literals with parameters and results") {
    CHECK(expr("func(a, b int, s ...string) (int, error) { return a, nil }") ==
          "(funclit (functype (params (field a b int) (field s (... string))) "
          "(results (field int) (field error))) (block (return a nil)))");
    CHECK(expr("func() {}()") == "(call (funclit (functype (params) (results)) (block)))");
  }

  TEST_CASE("a function literal's signature knows it is variadic") {
    Parsed p = parse("f := func(xs ...int) {}");
    REQUIRE(p.errors.empty());
    auto* a = as<AssignStmt>(p.file->stmts[0]);
    auto* lit = as<FuncLit>(a->rhs[0]);
    REQUIRE(lit != nullptr);
    CHECK(lit->type->variadic);
  }

  // --- Composite literal vs. block in statement headers ---

  TEST_CASE("in an if header a brace after a type name opens the block") {
    CHECK(item("if x == T {\n}") == "(if nil (== x T) (block))");
    CHECK(item("for x.y {\n}") == "(for nil (. x y) nil (block))");
    CHECK(item("switch t {\n}") == "(switch nil t)");
  }

  TEST_CASE("composite literals are allowed in headers when bracketed or typed by a literal type") {
    CHECK(item("if x == (T{}) {\n}") == "(if nil (== x (paren (lit T))) (block))");
    CHECK(item("if f(T{}) {\n}") == "(if nil (call f (lit T)) (block))");
    CHECK(item("for _, v := range []int{1, 2} {\n}") ==
          "(range _ v := (lit (slicetype int) 1 2) (block))");
    CHECK(item("if v := m[T{1}]; v {\n}") ==
          "(if (:= (v) ((index m (lit T 1)))) v (block))");
  }

  TEST_CASE("a function literal in a header may contain composite literals") {
    CHECK(item("if func() bool { return T{} == x }() {\n}") ==
          "(if nil (call (funclit (functype (params) (results (field bool))) "
          "(block (return (== (lit T) x))))) (block))");
  }

  // --- Statements ---

  TEST_CASE("simple statements") {
    CHECK(body("x := 1\nx = 2\nx += 3\nx <<= 1\nx++\ny--\nch <- x\nf(x)") ==
          "(:= (x) (1))\n(= (x) (2))\n(+= (x) (3))\n(<<= (x) (1))\n(++ x)\n(-- y)\n"
          "(send ch x)\n(expr (call f x))");
    CHECK(body("a, b = b, a") == "(= (a b) (b a))");
    CHECK(body("v, ok := <-ch") == "(:= (v ok) ((<- ch)))");
  }

  TEST_CASE("go, defer, return and branch statements") {
    CHECK(body("go f(1)\ndefer mu.Unlock()\ngo func() {}()") ==
          "(go (call f 1))\n(defer (call (. mu Unlock)))\n(go (call (funclit (functype (params) (results)) (block))))");
    CHECK(body("return\n") == "(return)");
    CHECK(body("return 1, err") == "(return 1 err)");
    CHECK(body("for {\nbreak\ncontinue\n}") == "(for nil nil nil (block (break) (continue)))");
  }

  TEST_CASE("labels, labeled branches and goto") {
    CHECK(body("L:\nfor {\nbreak L\n}\ngoto L") ==
          "(label L (for nil nil nil (block (break L))))\n(goto L)");
    CHECK(body("{\nL:\n}") == "(block (label L (empty)))");
  }

  TEST_CASE("if, else if and else") {
    CHECK(body("if x := f(); x > 0 {\n} else if x < 0 {\n} else {\n}") ==
          "(if (:= (x) ((call f))) (> x 0) (block) (if nil (< x 0) (block) (block)))");
  }

  TEST_CASE("every form of for loop") {
    CHECK(body("for {\n}") == "(for nil nil nil (block))");
    CHECK(body("for x < 3 {\n}") == "(for nil (< x 3) nil (block))");
    CHECK(body("for i := 0; i < n; i++ {\n}") == "(for (:= (i) (0)) (< i n) (++ i) (block))");
    CHECK(body("for ; ; {\n}") == "(for nil nil nil (block))");
    CHECK(body("for range ch {\n}") == "(range nil nil nil ch (block))");
    CHECK(body("for i := range 10 {\n}") == "(range i nil := 10 (block))");
    CHECK(body("for k, v = range m {\n}") == "(range k v = m (block))");
    CHECK(body("for _, f := range fs {\n}") == "(range _ f := fs (block))");
  }

  TEST_CASE("expression switches with init, tag, several values, default and fallthrough") {
    CHECK(body("switch x := f(); x {\ncase 1, 2:\n\tfallthrough\ncase 3:\ndefault:\n\tg()\n}") ==
          "(switch (:= (x) ((call f))) x (case 1 2 (fallthrough)) (case 3) (default (expr (call g))))");
    CHECK(body("switch {\ncase x > 1:\n}") == "(switch nil nil (case (> x 1)))");
  }

  TEST_CASE("type switches with and without a bound variable") {
    CHECK(body("switch v := x.(type) {\ncase int, string:\ncase nil:\ndefault:\n}") ==
          "(typeswitch nil (:= (v) ((assert x type))) (case int string) (case nil) (default))");
    CHECK(body("switch x.(type) {\ncase []int, map[string]int, func(), *T, chan int:\n}") ==
          "(typeswitch nil (expr (assert x type)) (case (slicetype int) (map string int) "
          "(functype (params) (results)) (star T) (chan int)))");
    CHECK(body("switch y := 1; v := y.(type) {\n}") ==
          "(typeswitch (:= (y) (1)) (:= (v) ((assert y type))))");
  }

  TEST_CASE("a parenthesized .(type) is not a type switch guard") {
    CHECK(body("switch (x.(type)) {\n}") == "(switch nil (paren (assert x type)))");
  }

  TEST_CASE("select with receive, assigned receive, send and default cases") {
    CHECK(body("select {\ncase v, ok := <-ch:\n\tf(v, ok)\ncase x = <-ch:\ncase <-done:\ncase out <- 1:\n"
               "default:\n}") ==
          "(select (comm (:= (v ok) ((<- ch))) (expr (call f v ok))) (comm (= (x) ((<- ch)))) "
          "(comm (expr (<- done))) (comm (send out 1)) (default))");
    CHECK(body("select {}") == "(select)");
  }

  TEST_CASE("declarations inside a function") {
    CHECK(body("var x, y int = 1, 2\nconst c = 3\ntype T struct{}") ==
          "(var (spec x y int (1 2)))\n(const iota=0:(spec c nil (3)))\n(type (typespec T (struct)))");
  }

  // --- Declarations ---

  TEST_CASE("imports: plain, renamed, dot, blank and grouped") {
    Parsed p = parse("import \"fmt\"\nimport (\n\tr \"math/rand\"\n\t. \"strings\"\n\t_ \"os\"\n)");
    REQUIRE(p.errors.empty());
    CHECK(dumpNode(p.file->decls[0]) == "(import (import nil \"fmt\"))");
    CHECK(dumpNode(p.file->decls[1]) ==
          "(import (import r \"math/rand\") (import . \"strings\") (import _ \"os\"))");
    REQUIRE(p.file->imports.size() == 4);
    CHECK(p.file->imports[1]->pathValue == "math/rand");
    CHECK(p.file->importDecls.size() == 2);
  }

  TEST_CASE("const groups record iota and the spec whose values they repeat") {
    Parsed p = parse("const (\n\tA = iota * 10\n\tB\n\t_\n\tC string = \"c\"\n\tD\n)");
    REQUIRE(p.errors.empty());
    auto* g = as<GenDecl>(p.file->decls[0]);
    REQUIRE(g->specs.size() == 5);
    auto spec = [&](int i) { return as<ValueSpec>(g->specs[i]); };
    for (int i = 0; i < 5; ++i) CHECK(spec(i)->iota == i);
    CHECK(spec(0)->source == spec(0));
    CHECK(spec(1)->source == spec(0));
    CHECK(spec(2)->source == spec(0));
    CHECK(spec(3)->source == spec(3));
    CHECK(spec(4)->source == spec(3));
  }

  TEST_CASE("var declarations with type, values, or both") {
    CHECK(item("var x int") == "(var (spec x int ()))");
    CHECK(item("var x = 1") == "(var (spec x nil (1)))");
    CHECK(item("var a, b = f()") == "(var (spec a b nil ((call f))))");
    CHECK(item("var (\n\tx int\n\ty = 2\n)") == "(var (spec x int ()) (spec y nil (2)))");
  }

  TEST_CASE("type definitions, aliases and generic types") {
    CHECK(item("type A = B") == "(type (alias A B))");
    CHECK(item("type N int") == "(type (typespec N int))");
    CHECK(item("type L[T any] struct{ items []T }") ==
          "(type (typespec L (typeparams (field T any)) (struct (field items (slicetype T)))))");
    CHECK(item("type M[K comparable, V any] map[K]V") ==
          "(type (typespec M (typeparams (field K comparable) (field V any)) (map K V)))");
    CHECK(item("type Num[T ~int | ~float64] []T") ==
          "(type (typespec Num (typeparams (field T (| (~ int) (~ float64)))) (slicetype T)))");
    CHECK(item("type P[T *int,] struct{}") == "(type (typespec P (typeparams (field T (star int))) (struct)))");
  }

  TEST_CASE("an array type declaration is not a type parameter list") {
    CHECK(item("type A [N]int") == "(type (typespec A (array N int)))");
    CHECK(item("type B [2 * N]int") == "(type (typespec B (array (* 2 N) int)))");
    CHECK(item("type S []int") == "(type (typespec S (slicetype int)))");
  }

  TEST_CASE("struct types: field lists, tags and embedded fields") {
    CHECK(item("type T struct {\n\ta, b int `json:\"a\"`\n\t*Base\n\tpkg.Iface\n\tG[int]\n\tarr [2]int\n}") ==
          "(type (typespec T (struct (field a b int `json:\"a\"`) (embed (star Base)) "
          "(embed (. pkg Iface)) (embed (index G int)) (field arr (array 2 int)))))");
  }

  TEST_CASE("interface types: methods, embedded interfaces and type sets") {
    CHECK(item("type I interface {\n\tM(x int) error\n\tio.Reader\n\t~int | string\n}") ==
          "(type (typespec I (interface (field M (functype (params (field x int)) (results (field error)))) "
          "(embed (. io Reader)) (embed (| (~ int) string)))))");
  }

  TEST_CASE("functions, methods and generic functions") {
    CHECK(item("func f() {}") == "(func f (functype (params) (results)) (block))");
    CHECK(item("func (p *T) M(x int) (n int, err error) { return }") ==
          "(func (recv (field p (star T))) M (functype (params (field x int)) "
          "(results (field n int) (field err error))) (block (return)))");
    CHECK(item("func (l *List[T]) Push(v T) {}") ==
          "(func (recv (field l (star (index List T)))) Push (functype (params (field v T)) (results)) (block))");
    CHECK(item("func Map[K comparable, V any](m map[K]V) {}") ==
          "(func Map (functype (typeparams (field K comparable) (field V any)) "
          "(params (field m (map K V))) (results)) (block))");
    CHECK(item("func g(int, string) []byte") ==
          "(func g (functype (params (field int) (field string)) (results (field (slicetype byte)))) nil)");
  }

  // --- Semicolons and braces ---

  TEST_CASE("newlines end statements only where Go inserts semicolons") {
    CHECK(body("x := a +\n\tb") == "(:= (x) ((+ a b)))");
    CHECK(body("x := []int{\n\t1,\n\t2,\n}") == "(:= (x) ((lit (slicetype int) 1 2)))");
    CHECK(body("f(a).\n\tg()") == "(expr (call (. (call f a) g)))");
    CHECK(body("a; b; c") == "(expr a)\n(expr b)\n(expr c)");
    CHECK(body("x++; return") == "(++ x)\n(return)");
  }

  TEST_CASE("a block may end without a semicolon after its last statement") {
    CHECK(item("func f() { return }") == "(func f (functype (params) (results)) (block (return)))");
    CHECK(item("func f() { if x { y() } else { z() } }") ==
          "(func f (functype (params) (results)) (block (if nil x (block (expr (call y))) "
          "(block (expr (call z))))))");
  }

  // --- Files and top-level statements ---

  TEST_CASE("the package clause is optional") {
    Parsed p = parse("x := 1");
    REQUIRE(p.errors.empty());
    CHECK(p.file->packageName == nullptr);
    Parsed q = parse("package main\n");
    REQUIRE(q.errors.empty());
    REQUIRE(q.file->packageName != nullptr);
    CHECK(q.file->packageName->name == "main");
  }

  TEST_CASE("top-level statements and declarations stay in source order") {
    Parsed p = parse(
        "import \"fmt\"\nx := 1\nfunc f() int { return x }\nfmt.Println(f())\nvar y = 2\n"
        "for i := range 3 {\n\tfmt.Println(i)\n}\n");
    REQUIRE(p.errors.empty());
    REQUIRE(p.file->items.size() == 6);
    CHECK(is<GenDecl>(p.file->items[0]));
    CHECK(is<AssignStmt>(p.file->items[1]));
    CHECK(is<FuncDecl>(p.file->items[2]));
    CHECK(is<ExprStmt>(p.file->items[3]));
    CHECK(is<GenDecl>(p.file->items[4]));
    CHECK(is<RangeStmt>(p.file->items[5]));
    CHECK(p.file->decls.size() == 3);
    CHECK(p.file->stmts.size() == 3);
  }

  TEST_CASE("a top-level func literal is a statement, a receiver makes a method") {
    Parsed p = parse("func() {\n\tprintln(1)\n}()\nfunc (t T) M() {}\nfunc(x int) int { return x }(2)\n");
    REQUIRE_MESSAGE(p.errors.empty(), firstErrors(p));
    REQUIRE(p.file->items.size() == 3);
    CHECK(is<ExprStmt>(p.file->items[0]));
    CHECK(is<FuncDecl>(p.file->items[1]));
    CHECK(is<ExprStmt>(p.file->items[2]));
  }

  TEST_CASE("a #! first line is ignored") {
    Parsed p = parse("#!/usr/bin/env gsl\nprintln(1)\n");
    REQUIRE(p.errors.empty());
    REQUIRE(p.file->stmts.size() == 1);
    CHECK(p.file->stmts[0]->pos.line == 2);
  }

  // --- Positions ---

  TEST_CASE("nodes record their start and the operator positions Go reports") {
    Parsed p = parse("x := a +\n\tb*c\n");
    REQUIRE(p.errors.empty());
    auto* a = as<AssignStmt>(p.file->stmts[0]);
    CHECK(a->pos.line == 1);
    CHECK(a->pos.col == 1);
    CHECK(a->tokPos.col == 3);
    auto* sum = as<BinaryExpr>(a->rhs[0]);
    REQUIRE(sum != nullptr);
    CHECK(sum->pos.col == 6);
    CHECK(sum->opPos.line == 1);
    CHECK(sum->opPos.col == 8);
    CHECK(syntaxPos(sum).col == 8);
    auto* prod = as<BinaryExpr>(sum->y);
    CHECK(prod->pos.line == 2);
    CHECK(prod->pos.col == 2);
    CHECK(prod->opPos.col == 3);
  }

  TEST_CASE("calls, selectors and composite literals know their bracket positions") {
    Parsed p = parse("pkg.F(T{1})\n");
    REQUIRE(p.errors.empty());
    auto* call = as<CallExpr>(as<ExprStmt>(p.file->stmts[0])->x);
    CHECK(call->pos.col == 1);
    CHECK(call->lparen.col == 6);
    CHECK(call->rparen.col == 11);
    CHECK(as<SelectorExpr>(call->fun)->dot.col == 4);
    auto* lit = as<CompositeLit>(call->args[0]);
    CHECK(lit->pos.col == 7);
    CHECK(lit->lbrace.col == 8);
    CHECK(lit->rbrace.col == 10);
  }

  // --- Go-syntax rendering for messages ---

  TEST_CASE("expressions render in Go syntax with literal bodies abbreviated") {
    Parsed p = parse("f(a.b[i:j], []int{1}, func() { g() }, x.(T), <-ch, m[k]...)\n");
    REQUIRE(p.errors.empty());
    CHECK(exprString(as<ExprStmt>(p.file->stmts[0])->x) ==
          "f(a.b[i:j], []int{…}, func() {…}, x.(T), <-ch, m[k]...)");
  }

  // --- Syntax errors ---

  TEST_CASE("a missing comma in an argument list") {
    CHECK(errorsOf("fmt.Println(\"a\"\nx := 1\n") ==
          "1:16: syntax error: unexpected newline in argument list; possibly missing comma or )\n");
  }

  TEST_CASE("an unexpected token at the end of a statement") {
    CHECK(errorsOf("fmt.Println(x))\n") == "1:15: syntax error: unexpected ) at end of statement\n");
  }

  TEST_CASE("an unclosed brace reports EOF and hints where it was opened") {
    Parsed p = parse("func main() {\n\tif true {\n\t\tprintln(1)\n}\n");
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors[0].msg == "syntax error: unexpected EOF, expected }");
    CHECK(p.errors[0].pos.line == 5);
    CHECK(p.errors[0].pos.col == 1);
    CHECK(p.errors[0].hintPos.line == 1);
    CHECK(p.errors[0].hint == "the { opened here is never closed");
    CHECK(formatDiagnostic("t.gsl", p.errors[0]) == "t.gsl:5:1: syntax error: unexpected EOF, expected }");
  }

  TEST_CASE("else on its own line") {
    CHECK(errorsOf("func f() {\n\tif x {\n\t}\n\telse {\n\t}\n}\n") ==
          "4:2: syntax error: unexpected keyword else, expected }\n");
  }

  TEST_CASE("an assignment used as a condition") {
    CHECK(errorsOf("if x = 1 {\n}\n") == "1:6: syntax error: cannot use assignment x = 1 as value\n");
    CHECK(errorsOf("if x = a + b {\n}\n") ==
          "1:6: syntax error: cannot use assignment x = (a + b) as value\n");
    CHECK(errorsOf("if x := 1 {\n}\n") == "1:6: syntax error: cannot use x := 1 as value\n");
  }

  TEST_CASE("if headers with a missing condition") {
    CHECK(errorsOf("if {\n}\n") == "1:4: syntax error: missing condition in if statement\n");
    CHECK(errorsOf("if x\n{\n}\n") == "1:5: syntax error: unexpected newline, expected { after if clause\n");
  }

  TEST_CASE("a declaration in a for loop's post statement") {
    CHECK(errorsOf("for i := 0; i < 3; j := 1 {\n}\n") ==
          "1:22: syntax error: cannot declare in post statement of for loop\n");
  }

  TEST_CASE("a missing composite literal comma names the literal") {
    CHECK(errorsOf("x := []int{1, 2\n}\n") ==
          "1:16: syntax error: unexpected newline in composite literal; possibly missing comma or }\n");
  }

  TEST_CASE("names, keywords and literals are named as Go names them") {
    CHECK(errorsOf("var x = ;\n") == "1:9: syntax error: unexpected semicolon, expected expression\n");
    CHECK(errorsOf("var x =\n") == "2:1: syntax error: unexpected EOF, expected expression\n");
    CHECK(errorsOf("x := range y\n") == "1:6: syntax error: unexpected keyword range, expected expression\n");
    CHECK(errorsOf("goto 1\n") == "1:6: syntax error: unexpected literal 1, expected name\n");
    CHECK(errorsOf("type T struct { 1 }\n") ==
          "1:17: syntax error: unexpected literal 1, expected field name or embedded type\n");
    CHECK(errorsOf("func 1() {}\n") == "1:6: syntax error: unexpected literal 1, expected name or (\n");
    CHECK(errorsOf("a, b += 1\n") == "1:6: syntax error: unexpected +=, expected := or = or comma\n");
  }

  TEST_CASE("slice expressions need their middle and final indexes") {
    CHECK(errorsOf("y := x[1:2:]\n") == "1:12: final index required in 3-index slice\n");
    CHECK(errorsOf("y := x[::3]\n") == "1:9: middle index required in 3-index slice\n");
  }

  TEST_CASE("go and defer need an unparenthesized call") {
    CHECK(errorsOf("go (f())\n") == "1:4: expression in go must not be parenthesized\n");
    CHECK(errorsOf("defer g\n") == "1:7: expression in defer must be function call\n");
  }

  TEST_CASE("parameter lists may not mix named and unnamed parameters") {
    CHECK(errorsOf("func f(a, b int, c) {}\n") == "1:18: syntax error: mixed named and unnamed parameters\n");
    CHECK(errorsOf("func g[T](x T) {}\n") == "1:9: syntax error: missing type constraint\n");
  }

  TEST_CASE("a function body on the line after its signature") {
    CHECK(errorsOf("func main()\n{\n}\n") == "2:1: syntax error: unexpected semicolon or newline before {\n");
  }

  TEST_CASE("imports after other declarations") {
    CHECK(errorsOf("var x = 1\nimport \"fmt\"\n") ==
          "2:1: syntax error: imports must appear before other declarations\n");
  }

  TEST_CASE("only one syntax error is reported per line") {
    Parsed p = parse("x := (1 + ) * (2 + )\n");
    CHECK(p.errors.size() == 1);
  }

  TEST_CASE("Go's error list format caps at ten errors") {
    std::vector<Diagnostic> ds;
    for (int i = 1; i <= 12; ++i) {
      Diagnostic d;
      d.pos = Pos{i, 2, 0};
      d.msg = "undefined: a" + std::to_string(i);
      ds.push_back(d);
    }
    std::string out = formatDiagnostics("p.gsl", ds);
    CHECK(out.find("p.gsl:1:2: undefined: a1\n") == 0);
    CHECK(out.find("a11") == std::string::npos);
    std::string tail = "\np.gsl:10:2: too many errors\n";
    CHECK(out.substr(out.size() - tail.size()) == tail);
  }

  TEST_CASE("nesting deeper than the limit is an error, not a stack overflow") {
    auto rep = [](const std::string& s, int n) {
      std::string r;
      for (int i = 0; i < n; ++i) r += s;
      return r;
    };
    int deep = kMaxNestingDepth * 100;
    Parsed parens = parse("x := " + rep("(", deep) + "1" + rep(")", deep));
    REQUIRE(parens.errors.size() == 1);
    CHECK(parens.errors[0].msg == "exceeded max nesting depth");
    CHECK(parse("x := 1" + rep(" + 1", kMaxBinaryChain + 1)).errors.at(0).msg ==
          "exceeded max nesting depth");
    CHECK(parse(rep("{", deep) + rep("}", deep)).errors.at(0).msg == "exceeded max nesting depth");
    CHECK(parse("var x " + rep("*", deep) + "int").errors.at(0).msg == "exceeded max nesting depth");
    CHECK(parse("if a {\n}" + rep(" else if a {\n}", deep)).errors.at(0).msg == "exceeded max nesting depth");
    int ok = kMaxNestingDepth - 10;
    CHECK(parse("x := " + rep("(", ok) + "1" + rep(")", ok)).errors.empty());
  }

  TEST_CASE("long chains of binary operators are accepted and walked without deep recursion") {
    std::string src = "var s = \"a\"";
    for (int i = 0; i < 50000; ++i) src += " +\n\t\"b\"";
    src += "\nvar _ = s\n";
    std::vector<Diagnostic> errors;
    auto prog = parseProgram("t.gsl", src, &errors);
    CHECK(errors.empty());
    std::string dump = dumpAst(*prog->files()[0]);
    CHECK(dump.size() > 50000 * 4);
    auto* spec = as<ValueSpec>(as<GenDecl>(prog->files()[0]->decls[0])->specs[0]);
    CHECK(exprString(spec->values[0]).size() == 50000 * 6 + 3);
  }

  TEST_CASE("malformed input always terminates with errors and a complete tree") {
    const char* inputs[] = {
        "func", "func (", "(((((", ")))))", "{{{{", "}}}}", "[[[", "x := ]", "type T struct {",
        "type T interface { M(", "switch { case", "select { case x", "for i := 0; i <", "if x {} else",
        "func f[", "var x = []int{1, 2", "import (", "import", "package", "const (\n a = ",
        "go", "defer", "L:", "x.(", "x[1:", "map[", "chan<-<-", "*", "<-", "f(x...", "case 1:",
        "type T[P", "func (a, b T) m()", "x := func() { return", "\"unterminated", "`raw",
    };
    for (const char* src : inputs) {
      Parsed p = parse(src);
      CHECK_MESSAGE(!p.errors.empty(), src);
      (void)dumpAst(*p.file);
    }
  }
}
