// cli/test_command.h: `gsl test`, which runs a package's tests the way
// `go test` does (docs/testing.md, "gsl test").
//
// Contract:
//   * `gsl test [flags] [DIR... | FILE...] [flags]`: with no DIR or FILE the
//     package is the current directory ("local directory mode": everything
//     the tests print is shown as it comes, as go test streams it); with
//     DIRs each is one package; FILEs (ending in .gsl or .go) make one
//     package, named "command-line-arguments" as Go names it. In the last
//     two ("package list mode") the output of a passing package is shown
//     only with -v, as go test does.
//   * A package is its .gsl and .go files (not those starting with "." or
//     "_"), sorted by name; the tests are the `func TestXxx(t *testing.T)`,
//     `func BenchmarkXxx(b *testing.B)` and `func ExampleXxx()` (those with
//     an output comment) of its *_test files, in that order; a
//     `func TestMain(m *testing.M)` runs them through m.Run, as in Go. A generated file holding the runner (testHarnessSource) and
//     the list of tests is compiled with them, as go test's generated main
//     is. The package's own main (and any top-level statements' later
//     effects) does not run: the runner exits first.
//   * Like go test, the tests run in a child process (a fork of this one),
//     with its standard output and standard error merged; the parent prints
//     "exit status N" when the child fails, then "ok  \tPKG\t0.012s" or
//     "FAIL\tPKG\t0.012s". A package that does not compile prints
//     "# PKG [PKG.test]", the errors, and "FAIL\tPKG [build failed]".
//   * Flags (Go's, with or without "test."): -v, -run RE, -bench RE,
//     -benchtime D|Nx, -benchmem, -count N, -short, -failfast; -timeout,
//     -cpu and -parallel are accepted and ignored. Bad flags are usage
//     errors (status 2).
//   * Returns the exit status: 0 when every package passed, 1 when one
//     failed, 2 for a usage error or a package that did not build.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gsl::cli {

// Runs `gsl test` with the words after "test".
int runTestCommand(const std::vector<std::string>& words);

// ---- The parts runTestCommand is made of (exposed for unit tests) ----------

// The command line of `gsl test`: flags anywhere among the package
// arguments, as go test takes them.
struct TestFlags {
  bool verbose = false;
  bool shortMode = false;
  bool failfast = false;
  bool benchmem = false;
  std::string run;
  std::string bench;
  std::string benchtime = "1s";
  int count = 1;
  std::vector<std::string> targets;  // directories or files, as given
  std::string error;                 // a usage error (flag package wording), or ""
};
TestFlags parseTestFlags(const std::vector<std::string>& words);

// The expected output of an example function whose body (the text between
// its braces) is `body`: the text after "Output:" or "Unordered output:"
// in the comment group that ends the body, as go test reads it. False when
// there is no such comment (go test then compiles the example but does not
// run it).
bool exampleOutput(std::string_view body, std::string* output, bool* unordered);

// The runner's gsl source (cli/test_command_harness.cpp).
std::string_view testHarnessSource();

}  // namespace gsl::cli
