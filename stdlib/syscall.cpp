// stdlib/syscall.cpp: package syscall, the small part scripts use with
// os/signal: the Signal type and its constants (SIGINT, SIGTERM, ...),
// Kill, Getpid, Getppid, and the Errno constants (the Errno type itself is
// stdlib/fs.h's). Interface in stdlib/syscall.h.
#include "stdlib/syscall.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "stdlib/fs.h"
#include "stdlib/native_support.h"
#include "vm/object.h"
#include "vm/type.h"

namespace gsl::stdlib {

namespace {

using vm::Value;

// Go's descriptions (syscall/zerrors_linux_amd64.go), by signal number.
constexpr const char* kSignalNames[] = {
    "",
    "hangup",
    "interrupt",
    "quit",
    "illegal instruction",
    "trace/breakpoint trap",
    "aborted",
    "bus error",
    "floating point exception",
    "killed",
    "user defined signal 1",
    "segmentation fault",
    "user defined signal 2",
    "broken pipe",
    "alarm clock",
    "terminated",
    "stack fault",
    "child exited",
    "continued",
    "stopped (signal)",
    "stopped",
    "stopped (tty input)",
    "stopped (tty output)",
    "urgent I/O condition",
    "CPU time limit exceeded",
    "file size limit exceeded",
    "virtual timer expired",
    "profiling timer expired",
    "window changed",
    "I/O possible",
    "power failure",
    "bad system call",
};

std::string signalString(int64_t n) {
  if (n >= 0 && n < static_cast<int64_t>(std::size(kSignalNames)) && kSignalNames[n][0] != '\0')
    return kSignalNames[n];
  return "signal " + std::to_string(n);
}

int signalStringNative(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(signalString(vm::toInt64(args[0])));
  return 1;
}

int signalSignalNative(vm::Thread&, const Value*, int, Value*) { return 0; }

// syscall.Kill(pid int, sig Signal) error
int killNative(vm::Thread&, const Value* args, int nargs, Value* out) {
  int pid = static_cast<int>(argInt(args, nargs, 0));
  int sig = static_cast<int>(argInt(args, nargs, 1));
  out[0] = ::kill(pid, sig) == 0 ? Value() : makeErrno(errno);  // stdlib/fs.h
  return 1;
}

int getpidNative(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeInt(::getpid());
  return 1;
}

int getppidNative(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeInt(::getppid());
  return 1;
}

template <int N>
Value signalConst() {
  return makeSignal(N);
}

template <int E>
Value errnoConst() {
  return vm::makeIntOfType(errnoType(), int64_t{E});
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "syscall",
      "syscall",
      {
          typeMember("Signal", signalType),
          typeMember("Errno", errnoType),
          funcMember("Kill", killNative),
          funcMember("Getpid", getpidNative),
          funcMember("Getppid", getppidNative),
          constMember("SIGABRT", signalConst<SIGABRT>),
          constMember("SIGALRM", signalConst<SIGALRM>),
          constMember("SIGBUS", signalConst<SIGBUS>),
          constMember("SIGCHLD", signalConst<SIGCHLD>),
          constMember("SIGCLD", signalConst<SIGCHLD>),
          constMember("SIGCONT", signalConst<SIGCONT>),
          constMember("SIGFPE", signalConst<SIGFPE>),
          constMember("SIGHUP", signalConst<SIGHUP>),
          constMember("SIGILL", signalConst<SIGILL>),
          constMember("SIGINT", signalConst<SIGINT>),
          constMember("SIGIO", signalConst<SIGIO>),
          constMember("SIGIOT", signalConst<SIGIOT>),
          constMember("SIGKILL", signalConst<SIGKILL>),
          constMember("SIGPIPE", signalConst<SIGPIPE>),
          constMember("SIGPOLL", signalConst<SIGPOLL>),
          constMember("SIGPROF", signalConst<SIGPROF>),
          constMember("SIGPWR", signalConst<SIGPWR>),
          constMember("SIGQUIT", signalConst<SIGQUIT>),
          constMember("SIGSEGV", signalConst<SIGSEGV>),
          constMember("SIGSTKFLT", signalConst<SIGSTKFLT>),
          constMember("SIGSTOP", signalConst<SIGSTOP>),
          constMember("SIGSYS", signalConst<SIGSYS>),
          constMember("SIGTERM", signalConst<SIGTERM>),
          constMember("SIGTRAP", signalConst<SIGTRAP>),
          constMember("SIGTSTP", signalConst<SIGTSTP>),
          constMember("SIGTTIN", signalConst<SIGTTIN>),
          constMember("SIGTTOU", signalConst<SIGTTOU>),
          constMember("SIGUNUSED", signalConst<31>),
          constMember("SIGURG", signalConst<SIGURG>),
          constMember("SIGUSR1", signalConst<SIGUSR1>),
          constMember("SIGUSR2", signalConst<SIGUSR2>),
          constMember("SIGVTALRM", signalConst<SIGVTALRM>),
          constMember("SIGWINCH", signalConst<SIGWINCH>),
          constMember("SIGXCPU", signalConst<SIGXCPU>),
          constMember("SIGXFSZ", signalConst<SIGXFSZ>),
          constMember("EPERM", errnoConst<EPERM>),
          constMember("ENOENT", errnoConst<ENOENT>),
          constMember("ESRCH", errnoConst<ESRCH>),
          constMember("EINTR", errnoConst<EINTR>),
          constMember("EINVAL", errnoConst<EINVAL>),
          constMember("EAGAIN", errnoConst<EAGAIN>),
          constMember("EEXIST", errnoConst<EEXIST>),
          constMember("EPIPE", errnoConst<EPIPE>),
      },
  });
  return true;
}();

}  // namespace

const vm::Type* signalType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("syscall", "Signal", vm::types::intType());
    defineMethod(named, "Signal", signalSignalNative, false);
    defineMethod(named, "String", signalStringNative, false);
    return named;
  }();
  return t;
}

Value makeSignal(int n) { return vm::makeIntOfType(signalType(), int64_t{n}); }

bool signalNumber(Value v, int* n) {
  if (v.isNil() || vm::typeOf(v) != signalType()) return false;
  *n = static_cast<int>(vm::toInt64(v));
  return true;
}

}  // namespace gsl::stdlib
