// Checks the labels and branch statements of one function body (Go spec,
// "Labeled statements", "Break/Continue/Goto/Fallthrough statements"), as
// Go's compiler does before type checking, and resolves label identifiers
// to Label objects. Internal to parser/.
//
// Reported, with cmd/compile's wording: duplicate, unused and undefined
// labels; break/continue outside a loop (switch, select); labels of break
// and continue that do not name an enclosing statement of the right kind;
// misplaced fallthrough. Not checked: gotos that jump over variable
// declarations or into blocks.
#pragma once

#include <string_view>
#include <vector>

#include "parser/ast.h"
#include "parser/diag_sink.h"

namespace gsl::parser {

// `func` is the FuncDecl, FuncLit or File (top-level code) whose body is
// `body`; function literals inside are not entered (they are checked on
// their own). `filename` is used in "already defined at file:line:col".
void checkBranches(Program& prog, DiagSink& sink, std::string_view filename, Node* func,
                   const std::vector<Stmt*>& body);

}  // namespace gsl::parser
