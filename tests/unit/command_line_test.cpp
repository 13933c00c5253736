// The `gsl` command line: which words mean what (cli/command_line.h).
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "cli/command_line.h"

using gsl::cli::Invocation;
using gsl::cli::parseCommandLine;
using Action = Invocation::Action;
using Words = std::vector<std::string>;

TEST_SUITE("cli") {
  TEST_CASE("no words at all asks for the interactive mode") {
    CHECK(parseCommandLine({}).action == Action::NoArgs);
  }

  TEST_CASE("a file runs with the words after it as the program's arguments") {
    Invocation inv = parseCommandLine({"prog.gsl", "a", "-x", "--disasm"});
    CHECK(inv.action == Action::Run);
    CHECK(inv.file == "prog.gsl");
    CHECK_FALSE(inv.hasCode);
    CHECK_FALSE(inv.disasm);
    CHECK(inv.args == Words{"a", "-x", "--disasm"});
  }

  TEST_CASE("run as the first word is the same as no run") {
    Invocation inv = parseCommandLine({"run", "prog.go", "1"});
    CHECK(inv.action == Action::Run);
    CHECK(inv.file == "prog.go");
    CHECK(inv.args == Words{"1"});
  }

  TEST_CASE("run with no file is a usage error") {
    Invocation inv = parseCommandLine({"run"});
    CHECK(inv.action == Action::Error);
    CHECK(inv.error == "no file to run");
  }

  TEST_CASE("-e takes the program text and leaves every later word to the program") {
    Invocation inv = parseCommandLine({"-e", "println(1)", "x", "-h"});
    CHECK(inv.action == Action::Run);
    CHECK(inv.hasCode);
    CHECK(inv.code == "println(1)");
    CHECK(inv.file.empty());
    CHECK(inv.args == Words{"x", "-h"});
  }

  TEST_CASE("-e=CODE and --e CODE are spellings of -e") {
    CHECK(parseCommandLine({"-e=a := 1"}).code == "a := 1");
    CHECK(parseCommandLine({"--e", "b"}).code == "b");
  }

  TEST_CASE("-e without its argument is the flag package's error") {
    Invocation inv = parseCommandLine({"-e"});
    CHECK(inv.action == Action::Error);
    CHECK(inv.error == "flag needs an argument: -e");
  }

  TEST_CASE("--disasm and -disasm ask for bytecode instead of running") {
    Invocation inv = parseCommandLine({"--disasm", "f.gsl"});
    CHECK(inv.action == Action::Run);
    CHECK(inv.disasm);
    CHECK(inv.file == "f.gsl");
    CHECK(parseCommandLine({"-disasm", "-e", "x"}).disasm);
    CHECK_FALSE(parseCommandLine({"-disasm=false", "f.gsl"}).disasm);
  }

  TEST_CASE("a boolean flag with a value that is not a boolean is an error") {
    Invocation inv = parseCommandLine({"--disasm=maybe", "f.gsl"});
    CHECK(inv.action == Action::Error);
    CHECK(inv.error == "invalid boolean value \"maybe\" for -disasm: parse error");
  }

  TEST_CASE("version is asked for by --version, -version and the word version") {
    CHECK(parseCommandLine({"--version"}).action == Action::Version);
    CHECK(parseCommandLine({"-version"}).action == Action::Version);
    CHECK(parseCommandLine({"version"}).action == Action::Version);
  }

  TEST_CASE("a file named version runs when it has arguments or a path") {
    CHECK(parseCommandLine({"./version"}).action == Action::Run);
    CHECK(parseCommandLine({"version", "x"}).file == "version");
  }

  TEST_CASE("help is asked for by -h, --help, -help and the word help") {
    for (const char* w : {"-h", "--help", "-help", "help"}) {
      CAPTURE(w);
      CHECK(parseCommandLine({w}).action == Action::Help);
    }
    CHECK(parseCommandLine({"run", "-h", "f.gsl"}).action == Action::Help);
  }

  TEST_CASE("an unknown flag is named as Go's flag package names it") {
    Invocation inv = parseCommandLine({"--bogus", "f.gsl"});
    CHECK(inv.action == Action::Error);
    CHECK(inv.error == "flag provided but not defined: -bogus");
  }

  TEST_CASE("three dashes are bad flag syntax") {
    Invocation inv = parseCommandLine({"---x"});
    CHECK(inv.action == Action::Error);
    CHECK(inv.error == "bad flag syntax: ---x");
  }

  TEST_CASE("-- ends the flags so a file may start with a dash") {
    Invocation inv = parseCommandLine({"--", "-odd.gsl", "--version"});
    CHECK(inv.action == Action::Run);
    CHECK(inv.file == "-odd.gsl");
    CHECK(inv.args == Words{"--version"});
  }

  TEST_CASE("a lone dash is a file name, not a flag") {
    Invocation inv = parseCommandLine({"-"});
    CHECK(inv.action == Action::Run);
    CHECK(inv.file == "-");
  }

  TEST_CASE("the help text names every flag and the environment variables") {
    std::string help = gsl::cli::helpText();
    for (const char* s : {"-e CODE", "--disasm", "--version", "-h, --help", "run FILE",
                          "GOMAXPROCS", "GSLDEBUG"}) {
      CAPTURE(s);
      CHECK(help.find(s) != std::string::npos);
    }
  }

  TEST_CASE("the hidden --list-packages flag asks for the package listing") {
    CHECK(parseCommandLine({"--list-packages"}).action == Action::ListPackages);
    CHECK(parseCommandLine({"-list-packages"}).action == Action::ListPackages);
    CHECK(parseCommandLine({"prog.gsl", "--list-packages"}).action == Action::Run);
  }

  TEST_CASE("a missing file is reported in Go's words") {
    std::string text, error;
    CHECK_FALSE(gsl::cli::readSourceFile("/nonexistent/x.gsl", &text, &error));
    CHECK(error == "open /nonexistent/x.gsl: no such file or directory");
  }

  TEST_CASE("a directory is reported as Go's os.ReadFile reports it") {
    std::string text, error;
    CHECK_FALSE(gsl::cli::readSourceFile("/", &text, &error));
    CHECK(error == "read /: is a directory");
  }

  TEST_CASE("a file is read whole, bytes unchanged") {
    char path[] = "/tmp/gsl_cli_test_XXXXXX";
    int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    close(fd);
    std::string content = "#!/usr/bin/env gsl\npackage main\n";
    content += std::string(100000, 'x');
    content.push_back('\0');
    content += "\xff\n";
    {
      std::ofstream f(path, std::ios::binary);
      f << content;
    }
    std::string text, error;
    CHECK(gsl::cli::readSourceFile(path, &text, &error));
    CHECK(text == content);
    std::remove(path);
  }
}
