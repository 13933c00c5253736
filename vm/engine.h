// vm/engine.h: the one entry point that runs a gsl program: parse, compile,
// then run on the main goroutine (or disassemble with --disasm).
//
// Contract: compile errors print `file:line:col: msg` lines to stderr (at
// most 10, then "too many errors") and return 1; an unrecovered panic prints
// Go's report (panic values, "goroutine 1 [running]:", the stack) and
// returns 2; os.Exit(n) returns n without running deferred calls. Standard
// output is buffered and flushed before anything is written to standard
// error and before returning.
//
// The implementation is compiler/engine.cpp: it needs the front end, which
// vm/ may not include.
#pragma once

#include <string>
#include <vector>

namespace gsl::vm {

struct RunOptions {
  std::string path;              // file name as given (used in messages and stack traces), or "-e" for -e
  std::string source;            // the program text
  std::vector<std::string> args; // os.Args: args[0] is the script path, then the user's arguments
  bool disasm = false;           // print bytecode instead of running
};

int runProgram(const RunOptions& opts);  // returns the process exit status

// The running program's command line (RunOptions::args), which os.Args
// reports. Set by runProgram before anything is compiled, because package
// variables of native packages are evaluated when the program is compiled.
const std::vector<std::string>& programArgs();

}  // namespace gsl::vm
