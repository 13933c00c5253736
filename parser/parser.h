// The front end's public entry points: parse gsl/Go source into an AST
// (parser/ast.h) and resolve its names, collecting errors in Go's formats.
//
// Contract:
//   * Never throws and never crashes on bad input; always terminates. Errors
//     are collected as Diagnostics in source order of discovery. Go's
//     compiler stops after 10 errors and prints "too many errors": that cap
//     is the caller's job (see kMaxReportedErrors).
//   * Syntax errors use cmd/compile's wording ("syntax error: unexpected
//     newline, expected comma or )"); resolution errors use types2's
//     ("undefined: x", "x redeclared in this block", "declared and not used:
//     x", `"os" imported and not used`, "no new variables on left side of
//     :=", "label L declared and not used").
//   * Resolution runs only when parsing found no syntax error (as in Go).
//   * Every AST node, name and source text is owned by the Program.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.h"

namespace gsl::parser {

// One error. `note`, when not empty, is a second line Go prints under the
// message (e.g. "other declaration of x" at notePos). `hint`, when not
// empty, is extra help Go does not print (e.g. where an unclosed bracket
// was opened): formatDiagnostic leaves it out so output matches Go's; a
// REPL or verbose mode may show it as "file:line:col: hint".
struct Diagnostic {
  Pos pos;
  std::string msg;
  Pos notePos;
  std::string note;
  Pos hintPos;
  std::string hint;
};

// Go's compiler prints at most this many errors, then "too many errors".
constexpr int kMaxReportedErrors = 10;

// The parser rejects input nested deeper than this ("exceeded max nesting
// depth"): parenthesized or unary expressions, types, blocks and
// statements, else-if chains. It bounds the depth of the tree, except along
// the left operands of binary expressions (below), so passes over the tree
// may recurse: one level of nesting adds at most a few levels of tree.
// Sanitizer builds spend several KiB of stack per recursive call, so this
// keeps parsing, resolution and tree walks within a few MiB. Real programs
// nest a few dozen levels.
constexpr int kMaxNestingDepth = 500;

// A chain `a + b + ... + z` nests to the left, one BinaryExpr per
// operator, and real code has chains thousands long (generated tables of
// string concatenations). Such chains are accepted up to this length, so a
// pass must not recurse on BinaryExpr::x: follow the left spine in a loop
// (recursing on BinaryExpr::y is fine; its depth is bounded as above).
constexpr int kMaxBinaryChain = 100000;

// "prog.gsl:12:5: undefined: x"; with a note, a second line
// "\tprog.gsl:10:2: other declaration of x". No trailing newline.
std::string formatDiagnostic(std::string_view filename, const Diagnostic& d);

// Formats one run's diagnostics the way `go build` prints them: the first
// kMaxReportedErrors found, sorted by position, exact duplicates dropped,
// then "<pos of the 10th>: too many errors" if there were that many. Each
// line ends with a newline.
std::string formatDiagnostics(std::string_view filename,
                              const std::vector<Diagnostic>& diags);

// A parsed and resolved program: the arena, the files, and the universe and
// package scopes. One package for now; several files may be added.
class Program {
 public:
  Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  ~Program();

  Arena& arena() { return arena_; }
  const std::vector<File*>& files() const { return files_; }
  Scope* universe() const { return universe_; }
  Scope* packageScope() const { return package_; }

  // The universe object for a predeclared identifier (never nullptr for a
  // value other than None).
  Object* predeclared(Predeclared p) const;

  // Copies `text` into storage owned by the program.
  std::string_view keepSource(std::string_view text);

  // Used by the parser and resolver.
  void addFile(File* f) { files_.push_back(f); }
  Scope* newScope(ScopeKind kind, Scope* parent, Node* node);
  Object* newObject(ObjKind kind, std::string_view name, Pos pos);

 private:
  Arena arena_;
  std::vector<std::unique_ptr<std::string>> sources_;
  std::vector<File*> files_;
  Scope* universe_ = nullptr;
  Scope* package_ = nullptr;
  std::vector<Object*> predeclared_;
};

// Parses one source file into `prog` (not resolved). Appends syntax errors
// (and the lexer's errors) to `errors`. Returns the File, which is also
// added to prog.files(); on errors the tree is still complete (with Bad
// nodes where parsing failed).
File* parseFile(Program& prog, std::string_view filename,
                std::string_view source, std::vector<Diagnostic>* errors);

// Resolves names in `files`, which all belong to prog's package: declares
// every package-level name of every file first, then resolves bodies and
// top-level statements. Fills Ident::obj, Object flags, FuncInfo and
// CaseClause::implicitObj. Appends resolution errors to `errors`.
struct ResolveOptions {
  // Go rejects unused imports and unused local variables; a REPL may not.
  bool reportUnusedImports = true;
  bool reportUnusedVars = true;
  // Scripting extension: in a file without a package clause, `X.sel` with
  // an undefined X imports the standard package named X, as if the file
  // said `import "path"`. The function maps a package name to its import
  // path ("rand" -> "math/rand"), or returns "" when there is no such
  // package (or more than one). Unset: no automatic imports.
  std::function<std::string(std::string_view name)> packageForName;
};
void resolveFiles(Program& prog, const std::vector<File*>& files,
                  std::vector<Diagnostic>* errors,
                  const ResolveOptions& options = ResolveOptions());

// Parses and resolves a one-file program. Returns the Program even when
// there are errors (check `errors->empty()`); resolution is skipped when
// parsing failed.
std::unique_ptr<Program> parseProgram(std::string_view filename,
                                      std::string_view source,
                                      std::vector<Diagnostic>* errors,
                                      const ResolveOptions& options = ResolveOptions());

}  // namespace gsl::parser
