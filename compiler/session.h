// compiler/session.h: the REPL's persistent program. Each input is compiled
// once, into a function that runs only what the input adds, against the
// state the earlier inputs left (compiler.h, "Incremental compilation").
//
// What persists, and how:
//  * Package-level variables (`x := 1`, `var x = 1` at the top level) live
//    in global slots of one ProgramState that never moves (each in a cell
//    unless a struct or array, so a later input may take its address);
//    later inputs see them as variables in a scope around the package's.
//    Declaring a name again makes a new variable (a new slot), as a
//    redefinition should, whose initializer still sees the old one
//    (`x := x + 1`).
//  * Functions, methods, types and constants are kept as their source
//    text, and every input is compiled together with the ones still in
//    force, so a redefined function is what every other function calls
//    from then on. A type keeps its identity (the same vm::Type) as long as
//    its declaration is not redefined, so values made earlier still have it.
//  * Explicit imports are kept and apply to every later input; standard
//    packages are also imported by first use, as in a script.
//  * An input is committed (its declarations kept) only if it compiled; a
//    failed input changes nothing.
//
// Names: inputs are compiled as file "repl" (errors read "repl:1:5: ...",
// lines counted from the input's first line). Declarations keep the
// positions of the input that made them.
//
// Not thread-safe: one thread (the REPL's) compiles; the compiled code runs
// on the scheduler and reads and writes the globals while the next input is
// compiled, which is safe because compiling only appends slots.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vm/thread.h"
#include "vm/value.h"

namespace gsl::compiler {

class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Whether `text` is the beginning of an input rather than a whole one:
  // the parser ran out of input (an open brace, paren or raw string, a
  // trailing operator). Whole inputs with errors are not incomplete.
  static bool isIncomplete(std::string_view text);

  enum class Outcome { Ok, Error };
  struct Compiled {
    Outcome outcome = Outcome::Error;
    std::string errors;  // Go-style diagnostics, one per line
    vm::Value entry;     // Ok: a func() that runs the input
  };
  // Compiles an input and commits its declarations. With `echo`, top-level
  // expression statements pass their values to that function.
  Compiled compile(std::string_view text, vm::Value echo);

  // A global the runner needs (the keeper's hooks): a variable named `name`
  // holding `value`, hidden from names().
  void defineHidden(std::string_view name, vm::Value value);

  // Compiles `text` without echo or commit, e.g. a helper expression for a
  // command; `out` gets its entry.
  Compiled compileScratch(std::string_view text);

  // Compiles a file's contents into the session (:load): like an input,
  // but a package clause is dropped and main() is called if declared.
  Compiled compileFile(std::string_view path, std::string_view text);

  // Forgets every definition (:reset); goroutines already running go on
  // with what they hold.
  void reset();

  // What the session defines: "var x int", "func f(int) string",
  // "type T struct{...}", "const c", "import m \"math\"", in definition order.
  std::vector<std::string> describe() const;
  // Names defined so far (for completion).
  std::vector<std::string> names() const;
  // The current value of a variable defined so far; false if there is none.
  bool lookupVar(std::string_view name, vm::Value* value) const;
  // Marks the functions of the latest compile as glue that tracebacks
  // skip (the session's own code).
  void hideLatestFromTraces();
  // The bytecode of a function defined so far ("" if there is none).
  std::string disassemble(std::string_view name);

  vm::ProgramState* program() { return &state_; }

  struct Impl;  // defined in session.cpp

 private:
  std::unique_ptr<Impl> impl_;
  vm::ProgramState state_;
};

}  // namespace gsl::compiler
