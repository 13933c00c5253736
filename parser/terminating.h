// Terminating statements (Go spec, "Terminating statements"): a function
// with results must end in one, or Go reports "missing return". The rules
// are purely syntactic, given that `panic` has been resolved. Internal to
// parser/.
#pragma once

#include <vector>

#include "parser/ast.h"

namespace gsl::parser {

// True if the statement list ends in a terminating statement (trailing
// empty statements are ignored).
bool isTerminatingList(const std::vector<Stmt*>& list);

}  // namespace gsl::parser
