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
#include <unordered_map>
#include <vector>

#include "parser/ast.h"
#include "parser/parser.h"
#include "vm/proto.h"
#include "vm/value.h"

namespace gsl::compiler {

struct CompileResult {
  vm::Proto* entry = nullptr;         // runs the whole program
  uint32_t numGlobals = 0;            // package-level variable slots the entry expects
  std::vector<vm::Proto*> functions;  // every compiled function, in source order
};

// Compiles `prog` (one package). Returns false if any error was reported.
bool compileProgram(parser::Program& prog, CompileResult* out,
                    std::vector<parser::Diagnostic>* errors);

// ---- Incremental compilation (the REPL's session, compiler/session.h) -------
//
// A session compiles each input as a new program that shares the state of
// the ones before: package-level variables of earlier inputs keep their
// slots (the resolver sees them as Objects the session put in the universe
// scope, around the package's, before resolving), named types declared by earlier inputs keep
// their identity (so values made earlier still match them), and the entry
// runs only what is new: the input's variable initializers and statements.

// A package-level variable and the global slot that holds it.
struct SessionGlobal {
  parser::Object* obj = nullptr;
  uint32_t index = 0;
  const vm::Type* type = nullptr;  // static type; nullptr when unknown
  bool cell = false;               // the slot holds a cell (GlobalCell)
};

struct CompileOptions {
  // Variables declared by earlier compilations (their objects are in the
  // universe scope); the entry neither zeroes nor initializes them.
  std::vector<SessionGlobal> externals;
  // The first slot for this compilation's own package-level variables.
  uint32_t firstGlobal = 0;
  // Whether the entry calls main() when the program declares it.
  bool callMain = true;
  // Whether every package-level variable that is not a struct or array
  // lives in a cell, so that a later compilation may take its address.
  bool globalsInCells = false;
  // When not nil: every top-level expression statement of the last file
  // passes its values to this function (a call passes all its results),
  // except calls of the fmt/log print functions and of builtins without
  // results, which run as statements.
  vm::Value echo;
  // Named types already created for these declarations by an earlier
  // compilation: reused instead of made anew.
  std::unordered_map<const parser::TypeSpec*, const vm::Type*> knownTypes;
};

struct SessionResult {
  std::vector<SessionGlobal> globals;  // this compilation's package-level variables
  std::unordered_map<const parser::TypeSpec*, const vm::Type*> types;  // named types declared
};

bool compileSessionProgram(parser::Program& prog, const CompileOptions& options, CompileResult* out,
                           SessionResult* session, std::vector<parser::Diagnostic>* errors);

}  // namespace gsl::compiler
