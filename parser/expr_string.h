// Go-syntax rendering of expressions and simple statements, as Go's compiler
// writes them inside error messages ("invalid operation: x + y (...)",
// "cannot use x := 1 as value"). Function and composite literal bodies are
// abbreviated to `{…}`, as in cmd/compile's short form.
#pragma once

#include <string>

#include "parser/ast.h"

namespace gsl::parser {

// `a.b[i] + f(x, y...)`, `[]int{…}`, `func(x int) string {…}`, `chan<- int`.
std::string exprString(const Expr* x);

// A simple statement: `x := 1`, `a, b = b, a`, `x++`, `ch <- v`, `f(x)`.
// Other statements render as their keyword.
std::string stmtString(const Stmt* s);

}  // namespace gsl::parser
