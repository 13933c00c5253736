// cli/repl_impl.h: the REPL's core, shared by its two front ends (the
// terminal one with line editing, cli/repl_terminal.cpp, and the one that
// reads standard input to its end, cli/repl.cpp). Not a public header.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/repl_runner.h"
#include "compiler/session.h"

namespace gsl::cli {

class Repl {
 public:
  Repl();

  // Runs one complete input or command. `idle` is passed on to the runner
  // (the terminal front end copies output and watches for Ctrl-C there).
  void eval(const std::string& text, const std::function<void()>& idle = nullptr);
  // Whether the text typed so far needs more lines (never for a command).
  static bool needsMore(const std::string& text);

  bool quitRequested() const { return quit_; }
  int status() const { return status_; }
  void interrupt() { runner_.interrupt(); }

  // Completion candidates for the word ending at the cursor: `prefix` is
  // the text of the line before the cursor. Returns full replacements of
  // the word (`strings.Split`), sorted.
  std::vector<std::string> complete(std::string_view prefix);

 private:
  void command(const std::string& line, const std::function<void()>& idle);
  // Compiles and runs; returns false if it did not compile.
  bool runCode(const std::string& code, bool echo, const std::function<void()>& idle, double* seconds = nullptr);
  bool runCompiled(compiler::Session::Compiled& c, const std::function<void()>& idle, double* seconds);
  void fail(int status) {
    if (status > status_) status_ = status;
  }

  compiler::Session session_;
  ReplRunner runner_;
  bool quit_ = false;
  int status_ = 0;
};

}  // namespace gsl::cli
