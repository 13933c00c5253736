// The `gsl` command: reads the command line (cli/command_line.h), loads the
// program and hands it to the engine (vm/engine.h), whose result is the exit
// status. Usage errors (unknown flags, a missing or unreadable file) print
// a usage hint and exit with 2. `gsl` alone is the REPL (cli/repl.h).
#include <cstdio>
#include <string>
#include <vector>

#include "cli/command_line.h"
#include "cli/repl.h"
#include "cli/test_command.h"
#include "cli/package_list.h"
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
  // `gsl test ...` has a command line of its own (cli/test_command.h).
  if (!words.empty() && words[0] == "test") {
    return gsl::cli::runTestCommand(std::vector<std::string>(words.begin() + 1, words.end()));
  }
  Invocation inv = gsl::cli::parseCommandLine(words);

  switch (inv.action) {
    case Invocation::Action::Help:
      std::fputs(gsl::cli::helpText().c_str(), stdout);
      return 0;
    case Invocation::Action::Version:
      std::printf("gsl version %s\n", std::string(gsl::cli::kVersion).c_str());
      return 0;
    case Invocation::Action::NoArgs:
      return gsl::cli::runRepl();
    case Invocation::Action::Error:
      return usageError(inv.error);
    case Invocation::Action::ListPackages:
      std::fputs(gsl::cli::packageListing().c_str(), stdout);
      return 0;
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
      // A file that cannot be read is a usage error: a hint, status 2.
      return usageError(error);
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
