// compiler/session_echo.cpp: the REPL's echo of expression statements
// (CompileOptions::echo in compiler/compiler.h): `x + 1` at the prompt
// compiles to a call of the session's echo function with the value, and a
// call passes all its results, so `strconv.Atoi("7")` shows both.
//
// Calls that are run for their output, not their results, are compiled as
// plain statements: the print functions of fmt and log (`fmt.Println(1)`
// prints `1`, not also `2 <nil>`), and builtins without results (print,
// panic, close, delete, clear). A call of a function without results passes
// nothing, which the echo function shows as nothing.
#include "compiler/compiler_impl.h"

namespace gsl::compiler {

using namespace parser;

namespace {

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

}  // namespace

void Compiler::echoStmt(ExprStmt* es) {
  Expr* x = unparen(es->x);
  auto* ce = as<CallExpr>(x);
  if (ce != nullptr) {
    Expr* fun = unparen(ce->fun);
    switch (builtinOf(fun)) {
      case Predeclared::Print: case Predeclared::Println: case Predeclared::Panic:
      case Predeclared::Close: case Predeclared::Delete: case Predeclared::Clear:
        stmt(es);
        return;
      default:
        break;
    }
    if (auto* se = as<SelectorExpr>(fun)) {
      const vm::NativeMember* m = nullptr;
      if (packageMember(se, &m)) {
        auto* pkgId = as<Ident>(unparen(se->x));
        auto it = pkgId != nullptr ? packages_.find(pkgId->obj) : packages_.end();
        std::string_view path = it != packages_.end() ? it->second->path : std::string_view();
        std::string_view name = se->sel->name;
        if ((path == "fmt" || path == "log") && (startsWith(name, "Print") || startsWith(name, "Fprint"))) {
          stmt(es);
          return;
        }
      }
    }
  }
  int level = fs_->freeReg;
  int base = allocReg();
  loadValue(base, options_->echo);
  int r = allocReg();
  setLine(es->pos);
  bool multi = ce != nullptr && !isTypeExpr(unparen(ce->fun)) && builtinOf(unparen(ce->fun)) == Predeclared::None;
  if (multi) {
    callExpr(ce, r, vm::kMulti);
    setLine(es->pos);
    emitABC(Op::Call, base, vm::kMulti, 0);
  } else {
    exprTo(x, r);
    emitABC(Op::Call, base, 1, 0);
  }
  freeTo(level);
}

}  // namespace gsl::compiler
