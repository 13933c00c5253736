// compiler/compiler.h: turns a parsed, resolved program (parser/ast.h) into
// register bytecode (vm/proto.h, vm/opcodes.def).
//
// Contract:
//  * Input is a Program whose files parsed and resolved without errors.
//  * Output is one entry Proto that, called with no arguments, runs the
//    program in Go's order: package-level variables in dependency order
//    (Go's initialization rule), then init() functions in source order, then
//    the top-level statements (a gsl extension) in source order, then main()
//    if it is declared. Every function of the program is reachable from it.
//  * Errors the resolver cannot see (types, constants, unsupported features)
//    are appended to `errors` with Go's wording; compilation continues after
//    an error to report more, and the result must not be run.
//  * Types declared by the program are created (vm/type.h) and their methods
//    attached during compilation, so the types exist before any value does.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parser/ast.h"
#include "parser/parser.h"
#include "vm/proto.h"

namespace gsl::compiler {

struct CompileResult {
  vm::Proto* entry = nullptr;         // runs the whole program
  uint32_t numGlobals = 0;            // package-level variable slots the entry expects
  std::vector<vm::Proto*> functions;  // every compiled function, in source order
};

// Compiles `prog` (one package). Returns false if any error was reported.
bool compileProgram(parser::Program& prog, CompileResult* out,
                    std::vector<parser::Diagnostic>* errors);

}  // namespace gsl::compiler
