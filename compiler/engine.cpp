// compiler/engine.cpp: runProgram (declared in vm/engine.h): parse, compile,
// run as goroutine 1 of the scheduler (vm/goroutine.h).
//
// It lives in compiler/ rather than vm/ because it drives the front end
// (parser/, compiler/), which vm/ may not include; compiler/ may include
// both the front end and vm/.
#include "vm/engine.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "compiler/compiler.h"
#include "parser/parser.h"
#include "vm/builtins.h"
#include "vm/call.h"
#include "vm/disasm.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/native.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::vm {

namespace {

// Standard output goes through one large buffer (scripts that print a lot
// would otherwise make a system call per line); a terminal keeps line
// buffering so interactive output appears as it is written.
char gStdoutBuffer[1 << 16];

std::vector<std::string> gProgramArgs;

void reportDiagnostics(const std::string& path, std::vector<parser::Diagnostic>& diags) {
  std::stable_sort(diags.begin(), diags.end(), [](const parser::Diagnostic& a, const parser::Diagnostic& b) {
    if (a.pos.line != b.pos.line) return a.pos.line < b.pos.line;
    return a.pos.col < b.pos.col;
  });
  std::string out;
  int n = 0;
  for (const parser::Diagnostic& d : diags) {
    if (n == parser::kMaxReportedErrors) {
      // Go names the position of the last error it printed.
      const parser::Diagnostic& last = diags[n - 1];
      out += path + ":" + std::to_string(last.pos.line) + ":" + std::to_string(last.pos.col) +
             ": too many errors\n";
      break;
    }
    out += parser::formatDiagnostic(path, d) + "\n";
    n++;
  }
  writeStderr(out);
}

// The file of a several-file program that a diagnostic points into (a Pos
// does not name its file): the first file whose text has pos.offset at
// pos.line:pos.col; the first file when none does.
size_t fileOfDiagnostic(const std::vector<SourceFile>& files, const parser::Diagnostic& d) {
  for (size_t i = 0; i < files.size(); i++) {
    const std::string& text = files[i].source;
    if (!d.pos.valid() || d.pos.offset < 0 || static_cast<size_t>(d.pos.offset) > text.size()) continue;
    size_t offset = static_cast<size_t>(d.pos.offset);
    int32_t line = 1 + static_cast<int32_t>(std::count(text.begin(), text.begin() + offset, '\n'));
    size_t lineStart = text.rfind('\n', offset == 0 ? std::string::npos : offset - 1);
    lineStart = lineStart == std::string::npos || offset == 0 ? 0 : lineStart + 1;
    int32_t col = static_cast<int32_t>(offset - lineStart) + 1;
    if (line == d.pos.line && col == d.pos.col) return i;
  }
  return 0;
}

// Reports the diagnostics of a several-file program, each file's under its
// own name, files in the order given.
void reportFileDiagnostics(const std::vector<SourceFile>& files, std::vector<parser::Diagnostic>& diags) {
  std::vector<std::vector<parser::Diagnostic>> perFile(files.size());
  for (parser::Diagnostic& d : diags) perFile[fileOfDiagnostic(files, d)].push_back(std::move(d));
  for (size_t i = 0; i < files.size(); i++) {
    if (!perFile[i].empty()) reportDiagnostics(files[i].path, perFile[i]);
  }
}

}  // namespace

const std::vector<std::string>& programArgs() { return gProgramArgs; }

void setProgramArgs(std::vector<std::string> args) { gProgramArgs = std::move(args); }

int runProgram(const RunOptions& opts) {
  heapInit();
  gProgramArgs = opts.args;
  std::setvbuf(stdout, gStdoutBuffer, isatty(1) ? _IOLBF : _IOFBF, sizeof gStdoutBuffer);

  std::vector<parser::Diagnostic> diags;
  parser::ResolveOptions resolveOptions;
  resolveOptions.packageForName = packagePathForName;
  auto report = [&] {
    if (!opts.errorHeader.empty()) writeStderr(opts.errorHeader);
    if (opts.files.empty()) {
      reportDiagnostics(opts.path, diags);
    } else {
      reportFileDiagnostics(opts.files, diags);
    }
  };
  std::unique_ptr<parser::Program> prog;
  if (opts.files.empty()) {
    prog = parser::parseProgram(opts.path, opts.source, &diags, resolveOptions);
  } else {
    // Several files of one package: all parsed, then resolved together.
    prog = std::make_unique<parser::Program>();
    for (const SourceFile& f : opts.files) {
      parser::parseFile(*prog, prog->keepSource(f.path), prog->keepSource(f.source), &diags);
    }
    if (diags.empty()) parser::resolveFiles(*prog, prog->files(), &diags, resolveOptions);
  }
  if (!diags.empty()) {
    report();
    return 1;
  }
  compiler::CompileResult compiled;
  if (!compiler::compileProgram(*prog, &compiled, &diags)) {
    report();
    return 1;
  }
  if (opts.disasm) {
    for (const Proto* p : compiled.functions) {
      std::string text = disassemble(p) + "\n";
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
    std::fflush(stdout);
    return 0;
  }

  ProgramState state;
  state.numGlobals = compiled.numGlobals;
  state.globals = static_cast<Value*>(allocRoot(sizeof(Value) * (compiled.numGlobals + 1)));
  state.file = opts.path;
  state.args = opts.args;
  // The program's entry (package initialisation, then main) is goroutine 1.
  // When it returns, os.Exit is called, or a goroutine panics, the process
  // exits from inside the scheduler (vm/goroutine.h); runGoroutines returns
  // only when the program deadlocked.
  Thread* main = newThread(&state);
  main->stack()[0] = Value::object(makeClosure(compiled.entry->sig, compiled.entry, 0));
  main->startPending = true;
  main->startArgs = 0;
  int status = runGoroutines(main);
  std::fflush(stdout);
  return status;
}

}  // namespace gsl::vm
