// `gsl test` (see cli/test_command.h): the command line, finding the
// package's files and tests, generating the runner's file, and running it in
// a child process as go test runs its test binary.
#include "cli/test_command.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "cli/command_line.h"
#include "parser/parser.h"
#include "vm/engine.h"

namespace gsl::cli {

namespace {

// The name of the generated runner file; files starting with "_" are never
// part of a package, so it cannot be one of the package's.
constexpr std::string_view kRunnerFile = "_testmain.gsl";

// One package to test.
struct Package {
  std::string name;        // what the summary lines print
  std::string importPath;  // the benchmark header's "pkg:" ("" for files)
  std::vector<std::string> files;
};

bool parseBool(std::string_view value, bool* out) {
  if (value == "true" || value == "1" || value == "t" || value == "T" || value == "TRUE" || value == "True") {
    *out = true;
    return true;
  }
  if (value == "false" || value == "0" || value == "f" || value == "F" || value == "FALSE" || value == "False") {
    *out = false;
    return true;
  }
  return false;
}

}  // namespace

TestFlags parseTestFlags(const std::vector<std::string>& words) {
  TestFlags flags;
  for (size_t i = 0; i < words.size(); i++) {
    const std::string& word = words[i];
    if (word.size() < 2 || word[0] != '-') {
      flags.targets.push_back(word);
      continue;
    }
    std::string_view name(word);
    name.remove_prefix(name[1] == '-' ? 2 : 1);
    std::string_view value;
    bool hasValue = false;
    if (size_t eq = name.find('='); eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      hasValue = true;
    }
    if (name.substr(0, 5) == "test.") name.remove_prefix(5);
    std::string flag = "-" + std::string(name);
    bool* boolFlag = name == "v"          ? &flags.verbose
                     : name == "short"    ? &flags.shortMode
                     : name == "failfast" ? &flags.failfast
                     : name == "benchmem" ? &flags.benchmem
                                          : nullptr;
    if (boolFlag != nullptr) {
      if (hasValue && !parseBool(value, boolFlag)) {
        flags.error = "invalid boolean value \"" + std::string(value) + "\" for " + flag + ": parse error";
        return flags;
      }
      if (!hasValue) *boolFlag = true;
      continue;
    }
    bool known = name == "run" || name == "bench" || name == "benchtime" || name == "count" ||
                 name == "timeout" || name == "cpu" || name == "parallel";
    if (!known) {
      flags.error = "flag provided but not defined: " + flag;
      return flags;
    }
    if (!hasValue) {
      if (i + 1 >= words.size()) {
        flags.error = "flag needs an argument: " + flag;
        return flags;
      }
      value = words[++i];
    }
    if (name == "run") {
      flags.run = std::string(value);
    } else if (name == "bench") {
      flags.bench = std::string(value);
    } else if (name == "benchtime") {
      flags.benchtime = std::string(value);
    } else if (name == "count") {
      char* end = nullptr;
      std::string v(value);
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 0) {
        flags.error = "invalid value \"" + v + "\" for flag " + flag + ": parse error";
        return flags;
      }
      flags.count = static_cast<int>(n);
    }
  }
  return flags;
}

namespace {

bool hasSuffix(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool isSourceFile(std::string_view name) { return hasSuffix(name, ".gsl") || hasSuffix(name, ".go"); }

bool isTestFile(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return hasSuffix(base, "_test.gsl") || hasSuffix(base, "_test.go");
}

// The package in directory `dir`: its source files, sorted by name.
bool packageOfDir(const std::string& dir, Package* pkg, std::string* error) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    *error = "stat " + dir + ": " + std::strerror(errno);
    return false;
  }
  std::vector<std::string> names;
  while (dirent* e = ::readdir(d)) {
    std::string name = e->d_name;
    if (name.empty() || name[0] == '.' || name[0] == '_' || !isSourceFile(name)) continue;
    std::string path = dir == "." ? name : dir + "/" + name;
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) names.push_back(path);
  }
  ::closedir(d);
  std::sort(names.begin(), names.end());
  if (names.empty()) {
    *error = "no Go files in " + dir;
    return false;
  }
  pkg->files = std::move(names);
  pkg->name = dir;
  pkg->importPath = dir;
  return true;
}

// Go's rule for a test's name: the prefix, then nothing or a character
// that is not a lower-case letter.
bool isTestName(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) != prefix) return false;
  if (name.size() == prefix.size()) return true;
  return !std::islower(static_cast<unsigned char>(name[prefix.size()]));
}

bool startsWithFold(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); i++) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

// The expected output of an example whose body's text is `body`: as go test
// reads it, the text after "Output:" or "Unordered output:" in the comment
// group that ends the body (comment markers, the first space of each line,
// trailing spaces and surrounding empty lines removed). False when there is
// no such comment (the example is compiled but not run).
bool exampleOutput(std::string_view body, std::string* output, bool* unordered) {
  // The line comments of the body, outside strings, runes and block
  // comments, grouped as Go groups them: a comment continues the previous
  // group when it is alone on the next line.
  std::vector<std::vector<std::string_view>> groups;
  int line = 1;
  int lastLine = -1;
  bool codeOnLine = false;
  for (size_t i = 0; i < body.size(); i++) {
    char c = body[i];
    if (c == '\n') {
      line++;
      codeOnLine = false;
      continue;
    }
    if (c == '/' && i + 1 < body.size() && body[i + 1] == '/') {
      size_t end = body.find('\n', i);
      if (end == std::string_view::npos) end = body.size();
      if (groups.empty() || codeOnLine || line != lastLine + 1) groups.emplace_back();
      groups.back().push_back(body.substr(i, end - i));
      lastLine = line;
      i = end - 1;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    codeOnLine = true;
    if (c == '/' && i + 1 < body.size() && body[i + 1] == '*') {
      // A block comment is a group of its own; gsl does not read output
      // from one (Go does, but examples write `// Output:`).
      size_t end = body.find("*/", i + 2);
      end = end == std::string_view::npos ? body.size() : end + 2;
      groups.emplace_back().push_back(body.substr(i, end - i));
      line += static_cast<int>(std::count(body.begin() + i, body.begin() + end, '\n'));
      lastLine = -1;
      i = end - 1;
    } else if (c == '"' || c == '\'' || c == '`') {
      size_t j = i + 1;
      while (j < body.size() && body[j] != c && (c == '`' || body[j] != '\n')) {
        if (body[j] == '\n') line++;
        if (c != '`' && body[j] == '\\') j++;
        j++;
      }
      i = j < body.size() && body[j] == c ? j : j - 1;
    }
  }
  if (groups.empty() || groups.back().front().substr(0, 2) == "/*") return false;
  auto trimLeft = [](std::string_view l) {
    size_t i = l.find_first_not_of(" \t\r");
    return i == std::string_view::npos ? std::string_view() : l.substr(i);
  };
  std::vector<std::string> text;
  for (std::string_view comment : groups.back()) {
    std::string_view l = comment.substr(2);
    if (!l.empty() && l[0] == ' ') l.remove_prefix(1);
    size_t last = l.find_last_not_of(" \t\r");
    text.emplace_back(last == std::string_view::npos ? std::string_view() : l.substr(0, last + 1));
  }
  while (!text.empty() && text.front().empty()) text.erase(text.begin());
  while (!text.empty() && text.back().empty()) text.pop_back();
  std::string joined;
  for (const std::string& l : text) joined += l + "\n";
  std::string_view rest = trimLeft(joined);
  *unordered = false;
  if (startsWithFold(rest, "unordered output:")) {
    *unordered = true;
    rest.remove_prefix(17);
  } else if (startsWithFold(rest, "output:")) {
    rest.remove_prefix(7);
  } else {
    return false;
  }
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  if (!rest.empty() && rest[0] == '\n') rest.remove_prefix(1);
  *output = std::string(rest);
  return true;
}

namespace {

// A Go string literal for s.
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

// The runner's file for the package whose files were read into `sources`.
std::string runnerSource(const std::vector<vm::SourceFile>& sources, const Package& pkg, const TestFlags& flags) {
  parser::Program scratch;
  std::vector<parser::Diagnostic> ignored;
  std::string packageName = "main";
  std::vector<std::string> tests;
  std::vector<std::string> benchmarks;
  std::vector<std::string> examples;  // gsltExample literals
  bool hasTestMain = false;
  for (size_t i = 0; i < sources.size(); i++) {
    parser::File* f = parser::parseFile(scratch, sources[i].path, sources[i].source, &ignored);
    if (f == nullptr) continue;
    if (i == 0 && f->packageName != nullptr) packageName = std::string(f->packageName->name);
    if (!isTestFile(sources[i].path)) continue;
    for (parser::Decl* d : f->decls) {
      auto* fd = parser::as<parser::FuncDecl>(d);
      if (fd == nullptr || fd->name == nullptr || (fd->recv != nullptr && !fd->recv->list.empty())) continue;
      if (fd->type == nullptr) continue;
      std::string name(fd->name->name);
      if (isTestName(name, "Example") && fd->type->params.list.empty() && fd->body != nullptr) {
        const std::string& src = sources[i].source;
        size_t from = static_cast<size_t>(fd->body->pos.offset) + 1;
        size_t to = static_cast<size_t>(fd->body->rbrace.offset);
        std::string output;
        bool unordered = false;
        if (from <= to && to <= src.size() &&
            exampleOutput(std::string_view(src).substr(from, to - from), &output, &unordered)) {
          examples.push_back("{" + quote(name) + ", " + name + ", " + quote(output) + ", " +
                             (unordered ? "true" : "false") + "}");
        }
        continue;
      }
      if (fd->type->params.list.size() != 1) continue;
      if (name == "TestMain") {
        hasTestMain = true;
      } else if (isTestName(name, "Test")) {
        tests.push_back(name);
      } else if (isTestName(name, "Benchmark")) {
        benchmarks.push_back(name);
      }
    }
  }
  std::string text = "package " + packageName + "\n";
  text += testHarnessSource();
  text += "\nconst gsltRunnerFile = " + quote(kRunnerFile) + "\n\n";
  text += "gsltMain(gsltOptions{run: " + quote(flags.run) + ", bench: " + quote(flags.bench) +
          ", benchTime: " + quote(flags.benchtime) + ", importPath: " + quote(pkg.importPath) +
          ", count: " + std::to_string(flags.count) + ", verbose: " + (flags.verbose ? "true" : "false") +
          ", short: " + (flags.shortMode ? "true" : "false") + ", failfast: " +
          (flags.failfast ? "true" : "false") + ", benchmem: " + (flags.benchmem ? "true" : "false") + "},\n";
  text += "\t[]gsltTest{";
  for (const std::string& t : tests) text += "\n\t\t{" + quote(t) + ", " + t + "},";
  text += "},\n\t[]gsltBench{";
  for (const std::string& b : benchmarks) text += "\n\t\t{" + quote(b) + ", " + b + "},";
  text += "},\n\t[]gsltExample{";
  for (const std::string& e : examples) text += "\n\t\t" + e + ",";
  text += std::string("},\n\t") + (hasTestMain ? "TestMain" : "nil") + ")\n";
  return text;
}

// What precedes a package's compile errors, as go test prints it.
std::string errorHeader(const Package& pkg) { return "# " + pkg.name + " [" + pkg.name + ".test]\n"; }

// The child process: compiles the package with the runner and runs it. It
// exits from inside the scheduler when the runner calls os.Exit (or a test
// panics); if runProgram returns, compilation failed (status 1, reported
// on statusFd) or the program deadlocked (2).
[[noreturn]] void runChild(const Package& pkg, const TestFlags& flags, int statusFd) {
  vm::RunOptions opts;
  for (const std::string& path : pkg.files) {
    vm::SourceFile f;
    f.path = path;
    std::string error;
    if (!readSourceFile(path, &f.source, &error)) {
      std::fprintf(stderr, "%s\n", error.c_str());
      std::fflush(stderr);
      _exit(1);
    }
    opts.files.push_back(std::move(f));
  }
  vm::SourceFile runner;
  runner.path = std::string(kRunnerFile);
  runner.source = runnerSource(opts.files, pkg, flags);
  opts.files.push_back(std::move(runner));
  opts.path = opts.files[0].path;
  opts.args = {pkg.name + ".test"};
  opts.errorHeader = errorHeader(pkg);
  int status = vm::runProgram(opts);
  std::fflush(stdout);
  std::fflush(stderr);
  if (status == 1) {
    char b = 'B';
    ssize_t ignored = ::write(statusFd, &b, 1);
    (void)ignored;
  }
  _exit(status);
}

void writeAll(int fd, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, data, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
}

void writeOut(std::string_view s) { writeAll(1, s.data(), s.size()); }

enum class Outcome { Ok, Failed, BuildFailed };

// Runs one package's tests in a child process. Like go test: `buffered`
// keeps the child's output to look at (and, unless `echo`, to print only
// if the package fails or -v was given); `echo` copies it to standard
// output as it comes. "exit status N" is printed only when nothing of the
// output was kept, as go test does.
Outcome runPackage(const Package& pkg, const TestFlags& flags, bool buffered, bool echo) {
  std::fflush(stdout);
  int out[2];
  int status[2];
  if (::pipe(out) != 0 || ::pipe(status) != 0) {
    std::fprintf(stderr, "gsl test: pipe: %s\n", std::strerror(errno));
    return Outcome::Failed;
  }
  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid < 0) {
    std::fprintf(stderr, "gsl test: fork: %s\n", std::strerror(errno));
    return Outcome::Failed;
  }
  if (pid == 0) {
    ::close(out[0]);
    ::close(status[0]);
    ::dup2(out[1], 1);
    ::dup2(out[1], 2);
    ::close(out[1]);
    runChild(pkg, flags, status[1]);
  }
  ::close(out[1]);
  ::close(status[1]);
  std::string captured;
  size_t echoed = 0;
  std::string header = errorHeader(pkg);
  char buf[1 << 14];
  for (;;) {
    ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    captured.append(buf, static_cast<size_t>(n));
    // Compile errors (which start with the header) go to standard error
    // once the child has ended; anything else is echoed as it comes.
    std::string_view seen(captured);
    bool mayBeErrors = seen.substr(0, header.size()) == std::string_view(header).substr(0, seen.size());
    if (echo && !mayBeErrors) {
      writeOut(seen.substr(echoed));
      echoed = captured.size();
    }
  }
  ::close(out[0]);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char mark = 0;
  bool buildFailed = ::read(status[0], &mark, 1) == 1 && mark == 'B';
  ::close(status[0]);

  if (buildFailed) {
    // go test prints the compiler's errors on standard error.
    writeAll(2, captured.data(), captured.size());
    writeOut("FAIL\t" + pkg.name + " [build failed]\n");
    return Outcome::BuildFailed;
  }
  if (echo) writeOut(std::string_view(captured).substr(echoed));
  std::string kept = buffered ? captured : std::string();
  char timeText[32];
  std::snprintf(timeText, sizeof timeText, "%.3fs", elapsed);
  bool passed = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
  if (passed) {
    if (!echo && flags.verbose) writeOut(kept);
    std::string line = "ok  \t" + pkg.name + "\t" + timeText;
    if (kept.find("testing: warning: no tests to run") != std::string::npos) line += " [no tests to run]";
    if (!kept.empty() && kept.back() != '\n') writeOut("\n");
    writeOut(line + "\n");
    return Outcome::Ok;
  }
  if (!echo) writeOut(kept);
  if (kept.empty()) {
    std::string how;
    if (WIFEXITED(wstatus)) {
      how = "exit status " + std::to_string(WEXITSTATUS(wstatus));
    } else if (WIFSIGNALED(wstatus)) {
      how = std::string("signal: ") + strsignal(WTERMSIG(wstatus));
      if (how.size() > 8) how[8] = static_cast<char>(std::tolower(static_cast<unsigned char>(how[8])));
    }
    writeOut(how + "\n");
  } else if (kept.back() != '\n') {
    writeOut("\n");
  }
  writeOut("FAIL\t" + pkg.name + "\t" + timeText + "\n");
  return Outcome::Failed;
}

}  // namespace

int runTestCommand(const std::vector<std::string>& words) {
  TestFlags flags = parseTestFlags(words);
  if (!flags.error.empty()) {
    std::fprintf(stderr, "gsl test: %s\nusage: gsl test [flags] [DIR... | FILE...]\nRun 'gsl -h' for details.\n",
                 flags.error.c_str());
    return 2;
  }
  std::vector<Package> packages;
  bool listMode = !flags.targets.empty();
  if (!listMode) flags.targets.push_back(".");
  bool files = std::any_of(flags.targets.begin(), flags.targets.end(),
                           [](const std::string& t) { return isSourceFile(t); });
  if (files) {
    Package pkg;
    pkg.name = "command-line-arguments";
    for (const std::string& t : flags.targets) {
      if (!isSourceFile(t)) {
        std::fprintf(stderr, "gsl test: named files must all be .gsl or .go files; %s is not\n", t.c_str());
        return 2;
      }
      pkg.files.push_back(t);
    }
    packages.push_back(std::move(pkg));
  } else {
    for (const std::string& dir : flags.targets) {
      Package pkg;
      std::string error;
      if (!packageOfDir(dir, &pkg, &error)) {
        std::fprintf(stderr, "gsl test: %s\n", error.c_str());
        return 1;
      }
      packages.push_back(std::move(pkg));
    }
  }
  // go test streams the output when it tests the current directory's
  // package implicitly, and when it runs benchmarks; otherwise it keeps it,
  // and with -v and one package shows it as well.
  bool buffered = listMode && flags.bench.empty();
  bool echo = !buffered || (flags.verbose && packages.size() == 1);
  int exitStatus = 0;
  bool anyFailed = false;
  for (const Package& pkg : packages) {
    switch (runPackage(pkg, flags, buffered, echo)) {
      case Outcome::Ok:
        break;
      case Outcome::Failed:
        anyFailed = true;
        exitStatus = std::max(exitStatus, 1);
        break;
      case Outcome::BuildFailed:
        anyFailed = true;
        exitStatus = 2;
        break;
    }
  }
  if (anyFailed && listMode) writeOut("FAIL\n");
  return exitStatus;
}

}  // namespace gsl::cli
