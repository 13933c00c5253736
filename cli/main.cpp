// The `gsl` command: reads the command line (cli/command_line.h), loads the
// program and hands it to the engine (vm/engine.h), whose result is the exit
// status. Usage errors exit with 2, an unreadable file with 1, as Go's tools
// do.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command_line.h"
#include "vm/engine.h"

namespace {

int usageError(const std::string& message) {
  std::fprintf(stderr, "gsl: %s\n", message.c_str());
  std::fputs(std::string(gsl::cli::shortUsage()).c_str(), stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using gsl::cli::Invocation;
  std::vector<std::string> words(argv + 1, argv + argc);
  Invocation inv = gsl::cli::parseCommandLine(words);

  switch (inv.action) {
    case Invocation::Action::Help:
      std::fputs(gsl::cli::helpText().c_str(), stdout);
      return 0;
    case Invocation::Action::Version:
      std::printf("gsl version %s\n", std::string(gsl::cli::kVersion).c_str());
      return 0;
    case Invocation::Action::NoArgs:
      // The REPL will live here; until it does, `gsl` alone explains itself.
      std::fputs(gsl::cli::helpText().c_str(), stderr);
      return 2;
    case Invocation::Action::Error:
      return usageError(inv.error);
    case Invocation::Action::Run:
      break;
  }

  gsl::vm::RunOptions opts;
  opts.disasm = inv.disasm;
  if (inv.hasCode) {
    opts.path = "-e";
    opts.source = std::move(inv.code);
  } else {
    opts.path = inv.file;
    std::string error;
    if (!gsl::cli::readSourceFile(inv.file, &opts.source, &error)) {
      std::fprintf(stderr, "gsl: %s\n", error.c_str());
      return 1;
    }
  }
  opts.args.reserve(inv.args.size() + 1);
  opts.args.push_back(opts.path);
  for (std::string& a : inv.args) opts.args.push_back(std::move(a));
  // Whatever the program wrote through C stdio must be out before exit.
  int status = gsl::vm::runProgram(opts);
  std::fflush(stdout);
  return status;
}
