// Parsing the `gsl` command line (see cli/command_line.h for the rules).
#include "cli/command_line.h"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace gsl::cli {

namespace {

Invocation failure(std::string message) {
  Invocation inv;
  inv.action = Invocation::Action::Error;
  inv.error = std::move(message);
  return inv;
}

// Go prints errno values as lower-case phrases ("no such file or
// directory"); glibc's strerror capitalises the first letter.
std::string errnoText(int err) {
  std::string text = std::strerror(err);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

Invocation parseCommandLine(const std::vector<std::string>& words) {
  Invocation inv;
  if (words.empty()) {
    inv.action = Invocation::Action::NoArgs;
    return inv;
  }
  size_t i = 0;
  if (words.size() == 1 && words[0] == "version") {
    inv.action = Invocation::Action::Version;
    return inv;
  }
  if (words[0] == "help") {
    inv.action = Invocation::Action::Help;
    return inv;
  }
  if (words[0] == "run") i = 1;

  // Flags, until the first word that is not one.
  for (; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "--") {
      ++i;
      break;
    }
    if (word.size() < 2 || word[0] != '-') break;  // the file ("-" included)
    std::string_view name(word);
    name.remove_prefix(1);
    if (name[0] == '-') name.remove_prefix(1);
    if (name.empty() || name[0] == '-' || name[0] == '=') {
      return failure("bad flag syntax: " + word);
    }
    std::string_view value;
    bool hasValue = false;
    if (size_t eq = name.find('='); eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      hasValue = true;
    }
    std::string flag = "-" + std::string(name);

    if (name == "h" || name == "help") {
      inv.action = Invocation::Action::Help;
      return inv;
    }
    if (name == "list-packages" && !hasValue) {
      // Not in the help text: a tool for generating docs/stdlib.md.
      inv.action = Invocation::Action::ListPackages;
      return inv;
    }
    if (name == "version" || name == "disasm") {
      // Boolean flags, as in Go: -disasm, -disasm=true, -disasm=false.
      bool on = true;
      if (hasValue) {
        if (value == "true" || value == "1") {
          on = true;
        } else if (value == "false" || value == "0") {
          on = false;
        } else {
          return failure("invalid boolean value \"" + std::string(value) + "\" for " + flag +
                         ": parse error");
        }
      }
      if (name == "disasm") {
        inv.disasm = on;
      } else if (on) {
        inv.action = Invocation::Action::Version;
        return inv;
      }
      continue;
    }
    if (name == "e") {
      if (!hasValue) {
        if (i + 1 >= words.size()) return failure("flag needs an argument: " + flag);
        value = words[++i];
      }
      inv.hasCode = true;
      inv.code = std::string(value);
      ++i;
      break;  // everything after -e CODE is the program's
    }
    return failure("flag provided but not defined: " + flag);
  }

  if (!inv.hasCode) {
    if (i >= words.size()) return failure("no file to run");
    inv.file = words[i++];
  }
  inv.args.assign(words.begin() + static_cast<std::ptrdiff_t>(i), words.end());
  inv.action = Invocation::Action::Run;
  return inv;
}

std::string_view shortUsage() {
  return "usage: gsl [-e CODE | FILE] [arguments...]\n"
         "Run 'gsl -h' for details.\n";
}

std::string helpText() {
  std::string text = R"(gsl runs programs written in Go's syntax as scripts.

Usage:
  gsl                           start the interactive REPL (:help inside
                                lists its commands); with standard input
                                not a terminal, run it as REPL inputs
  gsl FILE [arguments...]       run FILE (a .gsl or .go file)
  gsl run FILE [arguments...]   the same, as with `go run`
  gsl -e CODE [arguments...]    run CODE given on the command line
  gsl test [flags] [DIR | FILE...]
                                run a package's tests as `go test` does
                                (-v, -run, -bench, -benchtime, -count, ...;
                                see docs/testing.md)
  gsl --disasm FILE             print FILE's bytecode instead of running it
  gsl --disasm -e CODE          print CODE's bytecode
  gsl --version                 print gsl's version
  gsl -h, --help                print this help

Flags:
  -e CODE     the program text, instead of a file
  --disasm    print the compiled bytecode and do not run the program
  --version   print "gsl version )";
  text += kVersion;
  text += R"(" and exit
  -h, --help  print this help and exit

Flags come before FILE and may be written with one dash or two. The program
sees its arguments in os.Args: os.Args[0] is FILE (or "-e"), then the words
after FILE (after CODE for -e), even those that look like flags.

The exit status is the program's: 0 when main returns, the argument of
os.Exit, 1 for compile errors, 2 for an unrecovered panic or a fatal error
such as a deadlock; gsl's own usage errors exit with 2.

Environment:
  GOMAXPROCS  how many goroutines may run at the same time, as in Go
              (default: the number of CPUs)
  GSLDEBUG    runtime debugging settings, like Go's GODEBUG; for example
              GSLDEBUG=schedtrace=1000 prints the scheduler's state every
              1000 ms

The REPL keeps its history in ~/.gsl_history.

Documentation: README.md and docs/ in gsl's source tree.
)";
  return text;
}

bool readSourceFile(const std::string& path, std::string* text, std::string* error) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    *error = "open " + path + ": " + errnoText(errno);
    return false;
  }
  text->clear();
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      *error = "read " + path + ": " + errnoText(err);
      return false;
    }
    if (n == 0) break;
    text->append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

}  // namespace gsl::cli
