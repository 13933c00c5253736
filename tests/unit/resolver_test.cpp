// Unit tests for scope resolution (parser/resolve.cpp and friends): which
// object each identifier denotes, the flags the compiler relies on
// (captured, addressTaken, params/results), free-variable lists, labels,
// and the name errors Go reports, with its texts and positions.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.h"
#include "parser/ast_walk.h"
#include "parser/parser.h"

using namespace gsl::parser;

namespace {

struct Resolved {
  std::unique_ptr<Program> prog;
  File* file = nullptr;
  std::vector<Diagnostic> errors;
};

Resolved resolve(std::string_view src) {
  Resolved r;
  r.prog = parseProgram("t.gsl", src, &r.errors);
  r.file = r.prog->files().at(0);
  return r;
}

// The errors of parsing and resolving `src`, one "line:col: msg" per line.
std::string errorsOf(std::string_view src) {
  Resolved r = resolve(src);
  std::string out;
  for (const Diagnostic& d : r.errors) {
    out += std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + d.msg + "\n";
  }
  return out;
}

// A resolved program that must have no errors.
Resolved ok(std::string_view src) {
  Resolved r = resolve(src);
  std::string msgs;
  for (const Diagnostic& d : r.errors) msgs += formatDiagnostic("t.gsl", d) + "\n";
  REQUIRE_MESSAGE(r.errors.empty(), msgs);
  return r;
}

// The identifier at line:col.
Ident* identAt(File* f, int line, int col) {
  Ident* found = nullptr;
  walkAst(f, [&](Node* n) {
    if (auto* id = as<Ident>(n); id != nullptr && id->pos.line == line && id->pos.col == col) {
      found = id;
    }
    return found == nullptr;
  });
  REQUIRE_MESSAGE(found != nullptr, "no identifier at " << line << ":" << col);
  return found;
}

// The object the identifier at line:col denotes.
Object* objAt(File* f, int line, int col) { return identAt(f, line, col)->obj; }

template <class T>
T* first(File* f) {
  T* found = nullptr;
  walkAst(f, [&](Node* n) {
    if (found == nullptr && is<T>(n)) found = static_cast<T*>(n);
    return found == nullptr;
  });
  REQUIRE(found != nullptr);
  return found;
}

std::vector<std::string> names(const std::vector<Object*>& objs) {
  std::vector<std::string> out;
  for (Object* o : objs) out.emplace_back(o->name);
  return out;
}

}  // namespace

TEST_SUITE("resolver") {
  // --- Scopes ---

  TEST_CASE("a use denotes the innermost declaration of its name") {
    Resolved r = ok(
        "func f() {\n"
        "\tx := 1\n"
        "\t{\n"
        "\t\tx := 2\n"
        "\t\tprintln(x)\n"
        "\t}\n"
        "\tprintln(x)\n"
        "}\n");
    Object* outer = objAt(r.file, 2, 2);
    Object* inner = objAt(r.file, 4, 3);
    REQUIRE(outer != nullptr);
    REQUIRE(inner != nullptr);
    CHECK(outer != inner);
    CHECK(objAt(r.file, 5, 11) == inner);
    CHECK(objAt(r.file, 7, 10) == outer);
    CHECK(outer->kind == ObjKind::Var);
    CHECK(outer->decl == first<AssignStmt>(r.file));
  }

  TEST_CASE("a block's declarations end at its closing brace") {
    CHECK(errorsOf("func f() {\n\t{\n\t\ty := 1\n\t\t_ = y\n\t}\n\tprintln(y)\n}\n") ==
          "6:10: undefined: y\n");
  }

  TEST_CASE("if, for and switch headers open a scope around the statement") {
    Resolved r = ok(
        "func f(m map[int]int) {\n"
        "\tif v, ok := m[1]; ok {\n"
        "\t\tprintln(v)\n"
        "\t} else {\n"
        "\t\tprintln(v)\n"
        "\t}\n"
        "\tfor i := 0; i < 3; i++ {\n"
        "\t\ti := i\n"
        "\t\t_ = i\n"
        "\t}\n"
        "\tswitch x := 1; x {\n"
        "\t}\n"
        "}\n");
    CHECK(objAt(r.file, 3, 11) == objAt(r.file, 2, 5));
    CHECK(objAt(r.file, 5, 11) == objAt(r.file, 2, 5));
    // The body is a scope of its own inside the for header's scope.
    Object* loopVar = objAt(r.file, 7, 6);
    Object* copy = objAt(r.file, 8, 3);
    CHECK(loopVar != copy);
    CHECK(objAt(r.file, 8, 8) == loopVar);
    CHECK(objAt(r.file, 9, 7) == copy);
    CHECK(errorsOf("func f() {\n\tif x := 1; x > 0 {\n\t}\n\t_ = x\n}\n") == "4:6: undefined: x\n");
  }

  TEST_CASE("a function's parameters share the scope of its body") {
    CHECK(errorsOf("func f(x int) {\n\tvar x int\n\t_ = x\n}\n") ==
          "2:6: x redeclared in this block\n");
    CHECK(errorsOf("func f(x int) {\n\tx := 2\n}\n") == "2:4: no new variables on left side of :=\n");
  }

  TEST_CASE("a variable's scope starts after its declaration") {
    CHECK(errorsOf("func f() {\n\tx := x + 1\n\t_ = x\n}\n") == "2:7: undefined: x\n");
    Resolved r = ok("var x = 1\nfunc f() {\n\tx := x + 1\n\t_ = x\n}\n");
    CHECK(objAt(r.file, 3, 7)->scope->kind == ScopeKind::Package);
    CHECK(objAt(r.file, 3, 2)->scope->kind == ScopeKind::Func);
  }

  TEST_CASE("package-level names are visible before their declaration") {
    Resolved r = ok(
        "func main() {\n"
        "\tprintln(g(), v, c)\n"
        "\tvar t T\n"
        "\t_ = t\n"
        "}\n"
        "func g() int { return 1 }\n"
        "var v = c * 2\n"
        "const c = 3\n"
        "type T struct{ next *T }\n");
    Object* g = objAt(r.file, 2, 10);
    REQUIRE(g != nullptr);
    CHECK(g->kind == ObjKind::Func);
    CHECK(g->func == nullptr);
    CHECK(objAt(r.file, 2, 15)->kind == ObjKind::Var);
    CHECK(objAt(r.file, 2, 18)->kind == ObjKind::Const);
    CHECK(objAt(r.file, 3, 8)->kind == ObjKind::Type);
    CHECK(objAt(r.file, 9, 22) == objAt(r.file, 9, 6));
  }

  TEST_CASE("a top-level := declares a package variable visible to later top-level code") {
    Resolved r = ok(
        "x := 1\n"
        "func show() { println(x, y) }\n"
        "y := x + 1\n"
        "show()\n");
    Object* x = objAt(r.file, 1, 1);
    REQUIRE(x != nullptr);
    CHECK(x->scope == r.prog->packageScope());
    CHECK(x->func == nullptr);
    CHECK(objAt(r.file, 2, 23) == x);
    CHECK(objAt(r.file, 3, 6) == x);
    CHECK(objAt(r.file, 2, 26) == objAt(r.file, 3, 1));
    CHECK_FALSE(x->captured);
  }

  TEST_CASE("top-level code cannot use a top-level variable before its declaration") {
    CHECK(errorsOf("println(x)\nx := 1\n") == "1:9: undefined: x\n");
    CHECK(errorsOf("f := func() { println(y) }\ny := 2\nf()\n") == "1:23: undefined: y\n");
  }

  TEST_CASE("top-level := redeclares like a short variable declaration") {
    Resolved r = ok("a, err := 1, 2\nb, err := 3, 4\nprintln(a, b, err)\n");
    CHECK(objAt(r.file, 2, 4) == objAt(r.file, 1, 4));
    CHECK(errorsOf("a := 1\na := 2\n") == "2:3: no new variables on left side of :=\n");
  }

  TEST_CASE("variables declared inside top-level statements belong to the script function") {
    Resolved r = ok("for i := 0; i < 3; i++ {\n\tprintln(i)\n}\n");
    Object* i = objAt(r.file, 1, 5);
    CHECK(i->func == r.file);
    CHECK(names(r.file->scriptInfo.locals) == std::vector<std::string>{"i"});
  }

  // --- Errors ---

  TEST_CASE("an undefined name is reported at each use") {
    CHECK(errorsOf("func main() {\n\tfmt.Println(a)\n\tb = 2\n}\n") ==
          "2:2: undefined: fmt\n2:14: undefined: a\n3:2: undefined: b\n");
  }

  TEST_CASE("a redeclaration names the other declaration") {
    Resolved r = resolve("var x int\nfunc x() {}\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(formatDiagnostic("t.gsl", r.errors[0]) ==
          "t.gsl:2:6: x redeclared in this block\n\tt.gsl:1:5: other declaration of x");
  }

  TEST_CASE("short variable declarations need new non-repeated names") {
    CHECK(errorsOf("func f() {\n\ta, a := 1, 2\n}\n") == "2:5: a repeated on left side of :=\n");
    CHECK(errorsOf("func f(p *struct{ x int }) {\n\tp.x := 1\n}\n") ==
          "2:2: non-name p.x on left side of :=\n");
    CHECK(errorsOf("func f() {\n\tx, _ := 1, 2\n\tx, _ := 3, 4\n\t_ = x\n}\n") ==
          "3:7: no new variables on left side of :=\n");
  }

  TEST_CASE("a := that redeclares reuses the existing variable") {
    Resolved r = ok("func f() (int, error) {\n\ta, err := f()\n\tb, err := f()\n\treturn a + b, err\n}\n");
    CHECK(objAt(r.file, 3, 5) == objAt(r.file, 2, 5));
    CHECK(objAt(r.file, 3, 2) != objAt(r.file, 2, 2));
  }

  TEST_CASE("unused local variables are errors, and assignment is not use") {
    CHECK(errorsOf("func f() {\n\tx := 1\n\tvar y int\n\ty = 2\n\tz := 3\n\t_ = z\n}\n") ==
          "2:2: declared and not used: x\n3:6: declared and not used: y\n");
    // Reading through a closure, ++ and op-assignment are uses.
    CHECK(errorsOf("func f() {\n\ta := 1\n\tb := 2\n\tc := 3\n\tfunc() { _ = a }()\n\tb++\n\tc += 1\n}\n") ==
          "");
    // Package-level variables and parameters are never reported.
    CHECK(errorsOf("var g int\nfunc f(p int) (r int) {\n\treturn\n}\n") == "");
  }

  TEST_CASE("a type switch variable unused in every clause is reported once") {
    CHECK(errorsOf("func f(x any) {\n\tswitch v := x.(type) {\n\tcase int:\n\t}\n}\n") ==
          "2:9: v declared and not used\n");
    CHECK(errorsOf("func f(x any) {\n\tswitch v := x.(type) {\n\tcase int:\n\tcase string:\n\t\t_ = v\n\t}\n}\n") ==
          "");
  }

  TEST_CASE("unused imports use Go's wording, with the local name when it differs") {
    CHECK(errorsOf("import \"os\"\n") == "1:8: \"os\" imported and not used\n");
    CHECK(errorsOf("import (\n\tx \"math/rand\"\n\t\"strings\"\n)\nvar _ = strings.ToUpper\n") ==
          "2:2: \"math/rand\" imported as x and not used\n");
    CHECK(errorsOf("import \"math/rand/v2\"\nvar _ = rand.Int\n") == "");
    CHECK(errorsOf("import \"golang.org/x/sync/errgroup\"\nvar g errgroup.Group\n") == "");
    CHECK(errorsOf("import _ \"embed\"\n") == "");
  }

  TEST_CASE("a package name must be followed by a selector") {
    CHECK(errorsOf("import \"fmt\"\nvar x = fmt\n") == "2:9: use of package fmt without selector\n");
  }

  TEST_CASE("an import and a package-level name may not share a name") {
    Resolved r = resolve("import \"fmt\"\nvar fmt = 1\n");
    REQUIRE(r.errors.size() >= 1);
    CHECK(r.errors[0].msg == "fmt already declared through import of package fmt (\"fmt\")");
    CHECK(r.errors[0].pos.line == 2);
    CHECK(r.errors[0].note == "other declaration of fmt");
  }

  TEST_CASE("iota, _ and .(type) are only allowed in their places") {
    CHECK(errorsOf("var x = iota\n") == "1:9: cannot use iota outside constant declaration\n");
    CHECK(errorsOf("var x = _\n") == "1:9: cannot use _ as value or type\n");
    CHECK(errorsOf("func f(x any) {\n\ty := x.(type)\n\t_ = y\n}\n") ==
          "2:7: invalid syntax tree: use of .(type) outside type switch\n");
  }

  TEST_CASE("select cases must be sends or receives") {
    CHECK(errorsOf("func f(x int) {\n\tselect {\n\tcase x > 1:\n\t}\n}\n") ==
          "3:9: select case must be receive, send or assign recv\n");
  }

  TEST_CASE("a function with results must end in a terminating statement") {
    CHECK(errorsOf("func f(n int) int {\n\tif n > 0 {\n\t\treturn 1\n\t}\n}\n") == "5:1: missing return\n");
    CHECK(errorsOf("func f(n int) int {\n\tfor {\n\t}\n}\n") == "");
    CHECK(errorsOf("func f(n int) int {\n\tfor {\n\t\tbreak\n\t}\n}\n") == "5:1: missing return\n");
    CHECK(errorsOf("func f(n int) int {\n\tswitch n {\n\tcase 1:\n\t\treturn 1\n\tdefault:\n\t\tpanic(n)\n\t}\n}\n") ==
          "");
    CHECK(errorsOf("func f(n int) int {\n\tif n > 0 {\n\t\treturn 1\n\t} else {\n\t\treturn 2\n\t}\n}\n") == "");
    CHECK(errorsOf("var f = func() int {\n}\n") == "2:1: missing return\n");
  }

  TEST_CASE("init and main take no arguments and return nothing") {
    CHECK(errorsOf("func main(x int) {}\n") == "1:6: func main must have no arguments and no return values\n");
    CHECK(errorsOf("func init() {}\nfunc init() {}\n") == "");
    CHECK(errorsOf("func f()\n") == "1:6: missing function body\n");
  }

  // --- Flags for the compiler ---

  TEST_CASE("function literals mark what they use from outside as captured") {
    Resolved r = ok(
        "func f() func() int {\n"
        "\tx := 1\n"
        "\ty := 2\n"
        "\tg := func() int { return x }\n"
        "\t_ = y\n"
        "\treturn g\n"
        "}\n");
    Object* x = objAt(r.file, 2, 2);
    Object* y = objAt(r.file, 3, 2);
    CHECK(x->captured);
    CHECK_FALSE(y->captured);
    auto* lit = first<FuncLit>(r.file);
    REQUIRE(lit->info.freeVars.size() == 1);
    CHECK(lit->info.freeVars[0] == x);
    CHECK(x->func == first<FuncDecl>(r.file));
  }

  TEST_CASE("free variables pass through every function between use and declaration") {
    Resolved r = ok(
        "func f() {\n"
        "\ta, b := 1, 2\n"
        "\tfunc() {\n"
        "\t\tc := 3\n"
        "\t\tfunc() {\n"
        "\t\t\tprintln(b, c, a)\n"
        "\t\t}()\n"
        "\t}()\n"
        "}\n");
    std::vector<FuncLit*> lits;
    walkAst(r.file, [&](Node* n) {
      if (auto* l = as<FuncLit>(n)) lits.push_back(l);
      return true;
    });
    REQUIRE(lits.size() == 2);
    CHECK(names(lits[0]->info.freeVars) == std::vector<std::string>{"b", "a"});
    CHECK(names(lits[1]->info.freeVars) == std::vector<std::string>{"b", "c", "a"});
    CHECK(names(lits[0]->info.locals) == std::vector<std::string>{"c"});
    CHECK(objAt(r.file, 4, 3)->captured);
  }

  TEST_CASE("assigning to an outer variable from a closure captures it") {
    Resolved r = ok("func f() int {\n\tn := 0\n\tinc := func() { n = n + 1 }\n\tinc()\n\treturn n\n}\n");
    CHECK(objAt(r.file, 2, 2)->captured);
  }

  TEST_CASE("package-level variables are never captured") {
    Resolved r = ok("var count int\nfunc f() {\n\tfunc() { count++ }()\n}\n");
    CHECK_FALSE(objAt(r.file, 1, 5)->captured);
    CHECK(first<FuncLit>(r.file)->info.freeVars.empty());
  }

  TEST_CASE("closures in top-level code capture the script's locals") {
    Resolved r = ok("for i := range 3 {\n\tgo func() { println(i) }()\n}\n");
    Object* i = objAt(r.file, 1, 5);
    CHECK(i->func == r.file);
    CHECK(i->captured);
    CHECK(names(first<FuncLit>(r.file)->info.freeVars) == std::vector<std::string>{"i"});
  }

  TEST_CASE("taking an address marks the root variable") {
    Resolved r = ok(
        "type P struct{ x int; a [2]int }\n"
        "func f() {\n"
        "\tvar a, b, c, d P\n"
        "\tp := &a\n"
        "\tq := &b.x\n"
        "\tr := &(c.a[1])\n"
        "\t_, _, _ = p, q, r\n"
        "\t_ = d\n"
        "}\n");
    CHECK(objAt(r.file, 3, 6)->addressTaken);
    CHECK(objAt(r.file, 3, 9)->addressTaken);
    CHECK(objAt(r.file, 3, 12)->addressTaken);
    CHECK_FALSE(objAt(r.file, 3, 15)->addressTaken);
  }

  TEST_CASE("parameters, results and receivers are flagged and listed first") {
    Resolved r = ok("type T int\nfunc (t T) m(a, b int) (s string, err error) {\n\tx := 1\n\t_ = x\n\treturn\n}\n");
    Object* t = objAt(r.file, 2, 7);
    CHECK(t->isRecv);
    CHECK(t->isParam);
    CHECK(objAt(r.file, 2, 14)->isParam);
    CHECK_FALSE(objAt(r.file, 2, 14)->isResult);
    CHECK(objAt(r.file, 2, 25)->isResult);
    CHECK_FALSE(objAt(r.file, 2, 25)->isParam);
    auto* fd = as<FuncDecl>(r.file->decls[1]);
    CHECK(names(fd->info.locals) == std::vector<std::string>{"t", "a", "b", "s", "err", "x"});
    CHECK(fd->name->obj->kind == ObjKind::Func);
    CHECK(r.prog->packageScope()->lookupLocal("m") == nullptr);
  }

  TEST_CASE("each type switch clause has its own variable") {
    Resolved r = ok(
        "func f(x any) {\n"
        "\tswitch v := x.(type) {\n"
        "\tcase int:\n"
        "\t\tprintln(v + 1)\n"
        "\tcase string:\n"
        "\t\tprintln(v)\n"
        "\t}\n"
        "}\n");
    auto* ts = first<TypeSwitchStmt>(r.file);
    auto* c0 = as<CaseClause>(ts->body->list[0]);
    auto* c1 = as<CaseClause>(ts->body->list[1]);
    REQUIRE(c0->implicitObj != nullptr);
    REQUIRE(c1->implicitObj != nullptr);
    CHECK(c0->implicitObj != c1->implicitObj);
    CHECK(objAt(r.file, 4, 11) == c0->implicitObj);
    CHECK(objAt(r.file, 6, 11) == c1->implicitObj);
    CHECK(identAt(r.file, 2, 9)->obj == nullptr);
  }

  TEST_CASE("range and select declarations are scoped to their statement and clause") {
    Resolved r = ok(
        "func f(m map[string]int, ch chan int) {\n"
        "\tfor k, v := range m {\n"
        "\t\tprintln(k, v)\n"
        "\t}\n"
        "\tselect {\n"
        "\tcase v, ok := <-ch:\n"
        "\t\tprintln(v, ok)\n"
        "\t}\n"
        "}\n");
    CHECK(objAt(r.file, 3, 11) == objAt(r.file, 2, 6));
    CHECK(objAt(r.file, 2, 6)->decl == first<RangeStmt>(r.file));
    CHECK(objAt(r.file, 7, 11) == objAt(r.file, 6, 7));
  }

  TEST_CASE("predeclared identifiers resolve to the universe and can be shadowed") {
    Resolved r = ok("func f(s []int) int {\n\tn := len(s)\n\tlen := 3\n\treturn n + len\n}\n");
    Object* builtin = objAt(r.file, 2, 7);
    CHECK(builtin->kind == ObjKind::Builtin);
    CHECK(builtin->predeclared == Predeclared::Len);
    CHECK(builtin == r.prog->predeclared(Predeclared::Len));
    Object* shadow = objAt(r.file, 4, 13);
    CHECK(shadow->kind == ObjKind::Var);
    CHECK(shadow->predeclared == Predeclared::None);
    CHECK(objAt(r.file, 1, 12)->predeclared == Predeclared::Int);
    Resolved n = ok("var p *int = nil\nvar b = true\n");
    CHECK(objAt(n.file, 1, 14)->kind == ObjKind::Nil);
    CHECK(objAt(n.file, 2, 9)->predeclared == Predeclared::True);
  }

  TEST_CASE("constants carry their spec's iota") {
    Resolved r = ok("const (\n\ta = iota\n\tb\n\tc\n)\n");
    CHECK(objAt(r.file, 2, 2)->iota == 0);
    CHECK(objAt(r.file, 4, 2)->iota == 2);
    CHECK(objAt(r.file, 4, 2)->kind == ObjKind::Const);
    CHECK(objAt(r.file, 2, 6)->predeclared == Predeclared::Iota);
  }

  TEST_CASE("struct literal keys are field names, map literal keys are expressions") {
    Resolved r = ok(
        "type P struct{ x, y int }\n"
        "func f() {\n"
        "\tx := \"k\"\n"
        "\tp := P{x: 1, y: 2}\n"
        "\tm := map[string]int{x: 1}\n"
        "\tps := []P{{x: 1}}\n"
        "\t_, _, _ = p, m, ps\n"
        "}\n");
    CHECK(identAt(r.file, 4, 9)->obj == nullptr);
    CHECK(identAt(r.file, 5, 22)->obj == objAt(r.file, 3, 2));
    CHECK(identAt(r.file, 6, 13)->obj == nullptr);
    CHECK(errorsOf("func f() {\n\t_ = map[string]int{k: 1}\n}\n") == "2:21: undefined: k\n");
  }

  TEST_CASE("type parameters resolve inside their declaration") {
    Resolved r = ok(
        "type List[T any] struct{ items []T }\n"
        "func (l *List[E]) Push(v E) { l.items = append(l.items, v) }\n"
        "func Map[K comparable, V any](m map[K]V) []V { return nil }\n");
    CHECK(objAt(r.file, 1, 34) == objAt(r.file, 1, 11));
    CHECK(objAt(r.file, 2, 26) == objAt(r.file, 2, 15));
    CHECK(objAt(r.file, 3, 26)->kind == ObjKind::Type);
  }

  // --- Labels ---

  TEST_CASE("labels resolve to label objects") {
    Resolved r = ok("func f() {\nouter:\n\tfor {\n\t\tfor {\n\t\t\tcontinue outer\n\t\t}\n\t}\n}\n");
    Object* l = objAt(r.file, 2, 1);
    REQUIRE(l != nullptr);
    CHECK(l->kind == ObjKind::Label);
    CHECK(objAt(r.file, 5, 13) == l);
  }

  TEST_CASE("labels live in their own namespace") {
    CHECK(errorsOf("func f() {\n\tx := 1\nx:\n\tfor {\n\t\tbreak x\n\t}\n\t_ = x\n}\n") == "");
  }

  TEST_CASE("label and branch errors use Go's wording") {
    CHECK(errorsOf("func f() {\nL:\n\tfor {\n\t}\n}\n") == "2:1: label L defined and not used\n");
    CHECK(errorsOf("func f() {\n\tgoto M\n}\n") == "2:7: label M not defined\n");
    CHECK(errorsOf("func f() {\n\tfor {\n\t\tbreak M\n\t}\n}\n") == "3:9: break label not defined: M\n");
    CHECK(errorsOf("func f() {\nL:\n\t{\n\t}\n\tfor {\n\t\tbreak L\n\t}\n}\n") ==
          "6:9: invalid break label L\n");
    CHECK(errorsOf("func f() {\nL:\n\tswitch {\n\tdefault:\n\t\tcontinue L\n\t}\n}\n") ==
          "5:12: invalid continue label L\n");
    CHECK(errorsOf("func f() {\n\tbreak\n}\n") == "2:2: break is not in a loop, switch, or select\n");
    CHECK(errorsOf("func f() {\n\tcontinue\n}\n") == "2:2: continue is not in a loop\n");
    CHECK(errorsOf("func f() {\nL:\n\tgoto L\nL:\n\tgoto L\n}\n") ==
          "4:1: label L already defined at t.gsl:2:1\n");
  }

  TEST_CASE("fallthrough must end a case that is not the last") {
    CHECK(errorsOf("func f(x int) {\n\tswitch x {\n\tcase 0:\n\t\tfallthrough\n\tcase 1:\n\t}\n}\n") == "");
    CHECK(errorsOf("func f(x int) {\n\tswitch x {\n\tcase 0:\n\t\tfallthrough\n\t}\n}\n") ==
          "4:3: cannot fallthrough final case in switch\n");
    CHECK(errorsOf("func f(x int) {\n\tswitch x {\n\tcase 0:\n\t\tfallthrough\n\t\tprintln()\n\tcase 1:\n\t}\n}\n") ==
          "4:3: fallthrough statement out of place\n");
    CHECK(errorsOf("func f(x any) {\n\tswitch x.(type) {\n\tcase int:\n\t\tfallthrough\n\tdefault:\n\t}\n}\n") ==
          "4:3: cannot fallthrough in type switch\n");
  }

  TEST_CASE("break in a select or switch inside a loop targets the inner statement") {
    CHECK(errorsOf("func f(ch chan int) {\n\tfor {\n\t\tselect {\n\t\tcase <-ch:\n\t\t\tbreak\n\t\t}\n\t}\n}\n") ==
          "");
  }
}
