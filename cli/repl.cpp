// cli/repl.cpp: the REPL's core (cli/repl_impl.h): evaluating inputs, the
// echo of expression statements, the `:` commands, and the front end that
// reads standard input to its end (cli/repl.h).
#include "cli/repl.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "cli/command_line.h"
#include "cli/repl_impl.h"
#include "runtime/g.h"
#include "runtime/sched.h"
#include "runtime/signal.h"
#include "vm/builtins.h"
#include "vm/engine.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/native.h"
#include "vm/object.h"

namespace gsl::cli {

int runTerminalRepl(Repl& repl);  // cli/repl_terminal.cpp

namespace {

vm::NativeFn fmtFunction(std::string_view name) {
  const vm::NativePackage* fmt = vm::findPackage("fmt");
  if (fmt == nullptr) return nullptr;
  for (const vm::NativeMember& m : fmt->members) {
    if (m.name == name && m.kind == vm::NativeMember::Kind::Func) return m.fn;
  }
  return nullptr;
}

// v as fmt.Sprint prints it.
std::string sprint(vm::Thread& th, vm::Value v) {
  static vm::NativeFn fn = fmtFunction("Sprint");
  vm::Value out[vm::kMaxNativeResults];
  if (fn == nullptr || fn(th, &v, 1, out) < 1) return "?";
  return std::string(vm::stringView(out[0]));
}

void writeOut(const std::string& s) {
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
}

// The echo of an expression statement (CompileOptions::echo): one value
// as %v, several as a tuple.
int echoNative(vm::Thread& th, const vm::Value* args, int nargs, vm::Value*) {
  if (nargs == 0) return 0;
  std::string s;
  if (nargs == 1) {
    s = sprint(th, args[0]);
  } else {
    s = "(";
    for (int i = 0; i < nargs; i++) {
      if (i > 0) s += ", ";
      s += sprint(th, args[i]);
    }
    s += ")";
  }
  writeOut(s + "\n");
  return 0;
}

// :type: the dynamic type as %T prints it.
int typeNative(vm::Thread& th, const vm::Value* args, int nargs, vm::Value*) {
  static vm::NativeFn fn = fmtFunction("Sprintf");
  vm::Value in[2] = {vm::makeString("%T"), nargs > 0 ? args[0] : vm::Value()};
  vm::Value out[vm::kMaxNativeResults];
  if (fn != nullptr && fn(th, in, 2, out) >= 1) writeOut(std::string(vm::stringView(out[0])) + "\n");
  return 0;
}

vm::Value gEcho;  // also in a hidden global, which keeps it alive

const char* kHelp =
    "Type Go statements, declarations and expressions; an expression's value is printed.\n"
    "Definitions persist; goroutines keep running between inputs.\n"
    "Standard packages are imported when first used (strings.ToUpper(\"a\")).\n"
    "\n"
    "Commands:\n"
    "  :help           this text\n"
    "  :quit           leave (also Ctrl-D on an empty line)\n"
    "  :goroutines     every goroutine with its state and top frame\n"
    "  :stack N        the full stack of goroutine N\n"
    "  :type EXPR      the dynamic type of EXPR\n"
    "  :disasm FUNC    the bytecode of function FUNC\n"
    "  :load FILE      run a file in the session (its main() too)\n"
    "  :reset          forget every definition\n"
    "  :time EXPR      run EXPR (or a statement) and print the time it took\n"
    "  :env            the names defined so far\n"
    "\n"
    "Ctrl-C interrupts the running input; history is kept in ~/.gsl_history.\n";

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string formatSeconds(double s) {
  char buf[64];
  if (s < 1e-3) {
    std::snprintf(buf, sizeof buf, "%.1fµs", s * 1e6);
  } else if (s < 1) {
    std::snprintf(buf, sizeof buf, "%.3fms", s * 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.3fs", s);
  }
  return buf;
}

struct GoroutineInfo {
  uint64_t id;
  std::string header;
  vm::Thread* th;
};

void collect(runtime::G* g, void* ctx) {
  auto* out = static_cast<std::vector<GoroutineInfo>*>(ctx);
  out->push_back({g->id.load(std::memory_order_relaxed), runtime::goroutineHeader(g),
                  static_cast<vm::Thread*>(g->task)});
}

}  // namespace

Repl::Repl() : runner_(session_) {
  gEcho = vm::Value::object(vm::makeNative("repl.echo", echoNative));
  session_.defineHidden("__gslReplEcho", gEcho);
  session_.defineHidden("__gslReplType", vm::Value::object(vm::makeNative("repl.type", typeNative)));
}

bool Repl::needsMore(const std::string& text) {
  std::string t = trim(text);
  if (t.empty() || t[0] == ':') return false;
  return compiler::Session::isIncomplete(text);
}

void Repl::eval(const std::string& text, const std::function<void()>& idle) {
  std::string t = trim(text);
  if (t.empty()) return;
  if (t[0] == ':') {
    command(t, idle);
    return;
  }
  runCode(text, true, idle);
}

bool Repl::runCompiled(compiler::Session::Compiled& c, const std::function<void()>& idle, double* seconds) {
  if (c.outcome != compiler::Session::Outcome::Ok) {
    std::fflush(stdout);
    vm::writeStderr(c.errors);
    fail(1);
    return false;
  }
  auto start = std::chrono::steady_clock::now();
  ReplRunner::End end = runner_.run(c.entry, idle);
  auto stop = std::chrono::steady_clock::now();
  if (seconds) *seconds = std::chrono::duration<double>(stop - start).count();
  std::fflush(stdout);
  switch (end) {
    case ReplRunner::End::Returned: break;
    case ReplRunner::End::Panicked: fail(2); break;
    case ReplRunner::End::Deadlocked:
      vm::writeStderr("(the blocked goroutines were stopped; definitions and variables remain)\n");
      fail(2);
      break;
    case ReplRunner::End::Interrupted:
      vm::writeStderr(runner_.abandoned()
                          ? "interrupted (the input was blocked; it stays blocked in the background)\n"
                          : "interrupted\n");
      break;
  }
  return true;
}

bool Repl::runCode(const std::string& code, bool echo, const std::function<void()>& idle, double* seconds) {
  compiler::Session::Compiled c = session_.compile(code, echo ? gEcho : vm::Value());
  return runCompiled(c, idle, seconds);
}

void Repl::command(const std::string& line, const std::function<void()>& idle) {
  size_t sp = line.find_first_of(" \t");
  std::string name = line.substr(0, sp);
  std::string arg = sp == std::string::npos ? "" : trim(line.substr(sp));
  auto needArg = [&](const char* what) {
    if (!arg.empty()) return true;
    vm::writeStderr(name + ": missing " + what + "\n");
    fail(1);
    return false;
  };
  if (name == ":help" || name == ":h" || name == ":?") {
    writeOut(kHelp);
  } else if (name == ":quit" || name == ":q" || name == ":exit") {
    quit_ = true;
  } else if (name == ":env") {
    std::string out;
    for (const std::string& d : session_.describe()) out += d + "\n";
    writeOut(out);
  } else if (name == ":reset") {
    session_.reset();
  } else if (name == ":type") {
    if (!needArg("expression")) return;
    compiler::Session::Compiled c = session_.compileScratch("__gslReplType(" + arg + ")");
    runCompiled(c, idle, nullptr);
  } else if (name == ":time") {
    if (!needArg("expression")) return;
    double seconds = 0;
    if (runCode(arg, true, idle, &seconds)) writeOut("elapsed: " + formatSeconds(seconds) + "\n");
  } else if (name == ":disasm") {
    if (!needArg("function name")) return;
    std::string text = session_.disassemble(arg);
    if (text.empty()) {
      vm::writeStderr(":disasm: no function " + arg + "\n");
      fail(1);
      return;
    }
    writeOut(text);
  } else if (name == ":load") {
    if (!needArg("file name")) return;
    std::string source, error;
    if (!readSourceFile(arg, &source, &error)) {
      vm::writeStderr(":load: " + error + "\n");
      fail(1);
      return;
    }
    compiler::Session::Compiled c = session_.compileFile(arg, source);
    runCompiled(c, idle, nullptr);
  } else if (name == ":goroutines" || name == ":stack") {
    uint64_t want = 0;
    if (name == ":stack") {
      if (!needArg("goroutine number")) return;
      want = std::strtoull(arg.c_str(), nullptr, 10);
    }
    std::vector<GoroutineInfo> gs;
    runtime::forEachG(collect, &gs);
    std::sort(gs.begin(), gs.end(), [](const GoroutineInfo& a, const GoroutineInfo& b) { return a.id < b.id; });
    std::string out;
    bool found = false;
    for (const GoroutineInfo& g : gs) {
      if (g.th == nullptr || g.id == 1) continue;  // 1: the session's own goroutine
      // A running goroutine's frames change under us: as Go's dumps say,
      // its stack is unavailable.
      bool running = g.header.find("[running]") != std::string::npos;
      std::string trace = running ? "\tgoroutine running on other thread; stack unavailable\n"
                                  : vm::goroutineTrace(*g.th);
      if (trace.empty()) continue;  // the session's own goroutine
      if (want != 0) {
        if (g.id != want) continue;
        found = true;
        out += g.header + "\n" + trace;
        continue;
      }
      // The header and the top frame (its two lines).
      size_t nl = trace.find('\n');
      if (nl != std::string::npos) nl = trace.find('\n', nl + 1);
      out += g.header + "\n" + trace.substr(0, nl == std::string::npos ? trace.size() : nl + 1);
    }
    if (want != 0 && !found) {
      vm::writeStderr(":stack: no goroutine " + arg + "\n");
      fail(1);
      return;
    }
    if (want == 0 && out.empty()) out = "no goroutines\n";
    writeOut(out);
  } else {
    vm::writeStderr("unknown command " + name + " (:help lists them)\n");
    fail(1);
  }
}

namespace {

// Reads standard input to its end and runs it as a sequence of inputs.
int runPiped(Repl& repl) {
  std::string all;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(0, buf, sizeof buf);
    if (n <= 0) break;
    all.append(buf, static_cast<size_t>(n));
  }
  std::string pending;
  size_t pos = 0;
  while (pos < all.size() && !repl.quitRequested()) {
    size_t nl = all.find('\n', pos);
    std::string line = all.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? all.size() : nl + 1;
    pending += line + "\n";
    if (Repl::needsMore(pending) && pos < all.size()) continue;
    repl.eval(pending);
    pending.clear();
  }
  std::fflush(stdout);
  return repl.status();
}

}  // namespace

int runRepl() {
  vm::heapInit();
  static char stdoutBuffer[1 << 16];
  bool terminal = isatty(0) && isatty(1);
  std::setvbuf(stdout, stdoutBuffer, terminal ? _IOLBF : _IOFBF, sizeof stdoutBuffer);
  if (terminal) {
    // The runtime's signal thread would end the process on Ctrl-C; on a
    // terminal the REPL takes SIGINT itself (cli/repl_terminal.cpp), so
    // the runtime is told to ignore it, before the scheduler starts.
    runtime::initSignals();
    runtime::setSignalAction(SIGINT, runtime::SignalAction::Ignore);
  }
  vm::setProgramArgs({"gsl"});
  Repl repl;
  int status = terminal ? runTerminalRepl(repl) : runPiped(repl);
  std::fflush(stdout);
  std::fflush(stderr);
  // Goroutines may still be running: leave without running destructors
  // under their feet.
  std::_Exit(status);
}

}  // namespace gsl::cli
