// The `gsl` command line: what the words after `gsl` ask for, and the help
// text that explains them. Parsing is separate from main() so that it can be
// tested without running anything.
//
// Contract:
//   * Flags follow Go's flag package: `-name` and `--name` are the same flag,
//     `-e CODE` and `-e=CODE` the same, `--` ends the flags, and the messages
//     for a bad flag are the flag package's ("flag provided but not defined:
//     -x", "flag needs an argument: -e").
//   * Flags come before the file; the first word that is not a flag is the
//     file, and every word after it belongs to the program (os.Args[1:]),
//     even if it looks like a flag. After `-e CODE` every word belongs to
//     the program.
//   * `run` as the first word is accepted and ignored, like `go run`; so are
//     `version` and `help` as the only word, like `go version`.
//   * Nothing here prints or exits: main() acts on the returned Invocation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gsl::cli {

// The version `gsl --version` prints.
inline constexpr std::string_view kVersion = "0.1.0";

// What one command line asks for.
struct Invocation {
  enum class Action {
    Run,      // run (or disassemble) a file or -e code
    Help,     // print the help text, exit 0
    Version,  // print "gsl version X", exit 0
    NoArgs,   // `gsl` alone: the REPL (cli/repl.h)
    ListPackages,  // hidden --list-packages: print the native packages' API (cli/package_list.h)
    Error,    // a usage error: print `gsl: <error>` and a hint, exit 2
  };
  Action action = Action::NoArgs;
  std::string file;               // the script's path as given (Run, no -e)
  bool hasCode = false;           // -e was given
  std::string code;               // the program text of -e
  bool disasm = false;            // --disasm: print bytecode instead of running
  std::vector<std::string> args;  // the program's own arguments (os.Args[1:])
  std::string error;              // Error: the message, without "gsl: "
};

// Parses the words after the command's name (argv[1..]).
Invocation parseCommandLine(const std::vector<std::string>& words);

// The full text of `gsl -h`.
std::string helpText();

// The one-line usage printed after a usage error.
std::string_view shortUsage();

// Reads a whole file into `text`. On failure sets `error` to Go's wording
// ("open x.gsl: no such file or directory", "read dir: is a directory") and
// returns false.
bool readSourceFile(const std::string& path, std::string* text, std::string* error);

}  // namespace gsl::cli
