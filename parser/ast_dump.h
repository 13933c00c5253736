// S-expression dumps of the AST, for tests and debugging.
//
// Expressions print compactly: identifiers and literals as written,
// operators in prefix form `(+ a (* b c))`, and named forms for the rest:
// `(call f x)`, `(call... f xs)`, `(. x sel)`, `(index x i)`,
// `(slice x lo hi max)`, `(assert x T)`, `(assert x type)`, `(star x)`,
// `(paren x)`, `(lit T e...)`, `(kv k v)`, `(funclit type body)`,
// `(array N T)`, `(slicetype T)`, `(map K V)`, `(chan T)`, `(chan<- T)`,
// `(<-chan T)`, `(struct field...)`, `(interface elem...)`,
// `(functype (params ...) (results ...))`, `(... T)`. An absent optional
// child prints as `nil`.
//
// Statements and declarations print as `(keyword ...)`; dumpAst puts each
// statement of a block on its own line, indented by two spaces per level.
#pragma once

#include <string>

#include "parser/ast.h"

namespace gsl::parser {

// The whole file: the package clause, then each top-level item (declaration
// or statement) in source order, one per line (blocks span several lines).
std::string dumpAst(const File& file);

// One node on a single line.
std::string dumpNode(const Node* n);

}  // namespace gsl::parser
