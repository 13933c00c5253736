// stdlib/syscall_os.cpp: the members of package os that are thin layers
// over process-level system calls: the Signal interface, Interrupt and
// Kill, FindProcess and the Process type (Pid, Signal, Kill, Release),
// ErrProcessDone, and Pipe. Registered alongside the rest of os
// (vm::registerPackage accumulates members).
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

#include "stdlib/error_values.h"
#include "stdlib/fs.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "stdlib/syscall.h"
#include "vm/object.h"
#include "vm/type.h"

namespace gsl::stdlib {

namespace {

using vm::Value;

const vm::Type* osSignalInterface() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms = {vm::IMethod{"Signal", nullptr}, vm::IMethod{"String", nullptr}};
    return defineNamed("os", "Signal", vm::interfaceOf(ms));
  }();
  return t;
}

constexpr char kProcessDone[] = "os: process already finished";
constexpr char kProcessReleased[] = "os: process already released";
constexpr char kUnsupportedSignal[] = "os: unsupported signal type";

Value processDone() { return sentinelError<kProcessDone>(); }

// p.signal(sig): Go's os.(*Process).signal on Unix.
Value signalProcess(vm::StructObj* p, Value sig) {
  int64_t pid = vm::toInt64(p->fields()[0]);
  if (pid == -1) return newError(kProcessReleased);
  if (pid == 0) return newError("os: process not initialized");
  int n;
  if (!signalNumber(sig, &n)) return newError(kUnsupportedSignal);
  if (::kill(static_cast<pid_t>(pid), n) != 0) {
    if (errno == ESRCH) return processDone();
    return makeErrno(errno);
  }
  return Value();
}

int processSignal(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = signalProcess(receiverStruct(args), arg(args, nargs, 1));
  return 1;
}

int processKill(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = signalProcess(receiverStruct(args), makeSignal(SIGKILL));
  return 1;
}

int processRelease(vm::Thread&, const Value* args, int, Value* out) {
  receiverStruct(args)->fields()[0] = vm::makeInt(-1);
  out[0] = Value();
  return 1;
}

const vm::Type* processType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("os", "Process", {field("Pid", vm::types::intType())});
    defineMethod(named, "Signal", processSignal, true);
    defineMethod(named, "Kill", processKill, true);
    defineMethod(named, "Release", processRelease, true);
    return named;
  }();
  return t;
}

// os.FindProcess(pid int) (*Process, error): on Unix it always succeeds.
int findProcess(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* p = vm::newStruct(processType());
  p->fields()[0] = vm::makeInt(argInt(args, nargs, 0));
  out[0] = Value::ref(p);
  out[1] = Value();
  return 2;
}

// os.Pipe() (r *File, w *File, err error), named "|0" and "|1" as Go's.
int pipeNative(vm::Thread&, const Value*, int, Value* out) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    int e = errno;
    out[0] = vm::nilOf(vm::pointerTo(fileType()));
    out[1] = vm::nilOf(vm::pointerTo(fileType()));
    out[2] = makeSyscallError("pipe2", e);
    return 3;
  }
  out[0] = newFile(fds[0], "|0");
  out[1] = newFile(fds[1], "|1");
  out[2] = Value();
  return 3;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "os",
      "os",
      {
          typeMember("Signal", osSignalInterface),
          typeMember("Process", processType),
          varMember("Interrupt", [] { return makeSignal(SIGINT); }),
          varMember("Kill", [] { return makeSignal(SIGKILL); }),
          varMember("ErrProcessDone", processDone),
          funcMember("FindProcess", findProcess),
          funcMember("Pipe", pipeNative),
      },
  });
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
