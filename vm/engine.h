// vm/engine.h: the one entry point that runs a gsl program: parse, compile,
// then run on the main goroutine (or disassemble with --disasm).
//
// Contract: compile errors print `file:line:col: msg` lines to stderr (at
// most 10, then "too many errors") and return 1. The program then runs as
// goroutine 1 of the scheduler (vm/goroutine.h). As in Go, the process
// exits at once, from inside the scheduler, when main returns (status 0),
// when any goroutine calls os.Exit(n) (status n, no deferred calls), or
// after an unrecovered panic in any goroutine (Go's report: panic values,
// "goroutine N [running]:", the stack; status 2). runProgram itself returns
// only after --disasm, a compile error, or a deadlock (Go's report; 2).
// Standard output is buffered and flushed before anything is written to
// standard error and before exiting.
//
// The implementation is compiler/engine.cpp: it needs the front end, which
// vm/ may not include.
#pragma once

#include <string>
#include <vector>

namespace gsl::vm {

// One file of a program made of several files.
struct SourceFile {
  std::string path;    // as given; names the file in messages and stack traces
  std::string source;
};

struct RunOptions {
  std::string path;              // file name as given (used in messages and stack traces), or "-e" for -e
  std::string source;            // the program text
  std::vector<std::string> args; // os.Args: args[0] is the script path, then the user's arguments
  bool disasm = false;           // print bytecode instead of running
  // A program of several files, one package (`gsl test`): when not empty,
  // these are parsed and compiled together and path/source are unused.
  // Each error names the file it is in.
  std::vector<SourceFile> files;
  // Written to standard error before compile errors, if there are any
  // (`gsl test` prints "# package" there, as go test does).
  std::string errorHeader;
};

int runProgram(const RunOptions& opts);  // returns the process exit status

// The running program's command line (RunOptions::args), which os.Args
// reports. Set by runProgram before anything is compiled, because package
// variables of native packages are evaluated when the program is compiled.
const std::vector<std::string>& programArgs();
// Sets what programArgs() returns, for a program not started by runProgram
// (the REPL's session).
void setProgramArgs(std::vector<std::string> args);

}  // namespace gsl::vm
