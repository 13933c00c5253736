// stdlib/runtime_pkg.cpp: package runtime: Gosched, Goexit, NumGoroutine,
// NumCPU, GOMAXPROCS, GC, KeepAlive, the runtime.Error interface, and the
// GOOS / GOARCH / Compiler constants. The scheduler itself is runtime/; this
// is the script-facing surface over it.
#include <string>

#include "runtime/sched.h"
#include "stdlib/native_support.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

// runtime.Gosched(): the goroutine yields its P and stays runnable. Inside
// a native's callback it cannot leave the loop; there it does nothing,
// which Go's contract (a hint) allows.
int nGosched(vm::Thread& th, const Value*, int, Value*) {
  if (vm::canPark(th)) {
    th.parkRequested = true;
    th.yieldRequested = true;
  }
  return 0;
}

// runtime.Goexit(): runs the goroutine's deferred calls, then ends it.
int nGoexit(vm::Thread&, const Value*, int, Value*) { throw vm::GoexitRequest{}; }

int nNumGoroutine(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeInt(runtime::numGoroutine());
  return 1;
}

int nNumCPU(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeInt(runtime::numCPU());
  return 1;
}

// runtime.GOMAXPROCS(n): sets the number of Ps when n > 0 and returns the
// previous setting.
int nGOMAXPROCS(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t n = argInt(args, nargs, 0);
  int prev = n > 0 ? runtime::setMaxProcs(static_cast<int>(n > runtime::kMaxProcs ? runtime::kMaxProcs : n))
                   : runtime::maxProcs();
  out[0] = vm::makeInt(prev);
  return 1;
}

int nGC(vm::Thread&, const Value*, int, Value*) {
  vm::heapCollect();
  return 0;
}

// runtime.KeepAlive(x): a no-op; the collector is not precise enough for it
// to matter.
int nKeepAlive(vm::Thread&, const Value*, int, Value*) { return 0; }

Value goosConst() { return vm::makeString("linux"); }
Value goarchConst() { return vm::makeString("amd64"); }
Value compilerConst() { return vm::makeString("gc"); }

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "runtime",
      "runtime",
      {
          funcMember("Gosched", nGosched),
          funcMember("Goexit", nGoexit),
          funcMember("NumGoroutine", nNumGoroutine),
          funcMember("NumCPU", nNumCPU),
          funcMember("GOMAXPROCS", nGOMAXPROCS),
          funcMember("GC", nGC),
          funcMember("KeepAlive", nKeepAlive),
          typeMember("Error", vm::runtimeErrorType),
          constMember("GOOS", goosConst),
          constMember("GOARCH", goarchConst),
          constMember("Compiler", compilerConst),
      },
  });
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
