// A generic pre-order traversal of the AST, for passes that need to visit
// every node (finding closures, collecting identifiers, tests).
#pragma once

#include <functional>

#include "parser/ast.h"

namespace gsl::parser {

// Calls visit(n) for n and then, if it returned true, for each child in
// source order (recursively; long chains of binary operators are followed
// in a loop). Null children are skipped. Function literal
// bodies are entered like any other child. Fields of FieldLists (params,
// struct fields, ...) are visited as Field nodes.
void walkAst(Node* n, const std::function<bool(Node*)>& visit);

}  // namespace gsl::parser
