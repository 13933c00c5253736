// stdlib/sync_once.cpp: sync.Once, OnceFunc, OnceValue and OnceValues.
//
// Once has Go's fields, `done uint32` and `m Mutex`. done is 1 once f has
// returned or panicked (Go: a panicking f counts as done, and later Do
// calls return at once). The mutex's locked bit says that some goroutine is
// running f; the others wait under the Once's address in the sync wait
// table (stdlib/sync_sema.h), with Go's wait reason `sync.Mutex.Lock`, and
// are all woken, after done is set, when f finishes. So a woken waiter has
// nothing left to do: it was granted "f has run".
//
// Invariants (the Once's bucket lock held): running ⇔ some goroutine is in
// f; waiters queued ⇒ running; done is set (release) before running is
// cleared, and read with acquire on the fast path, so whoever sees done
// sees f's effects.
//
// f runs as a callback of the Do native (a nested dispatch loop): an
// operation in f that must wait waits in place (runtime/park.h).
//
// OnceFunc / OnceValue / OnceValues return a native closure bound to a
// onceState object that follows the same protocol and also keeps f's
// results, or the value f panicked with, which every call re-panics with,
// as Go 1.21 specifies.
#include <atomic>
#include <new>

#include "stdlib/native_support.h"
#include "stdlib/sync_mutex.h"
#include "stdlib/sync_sema.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

constexpr uint64_t kDone = Value::scalar(static_cast<uint16_t>(vm::Kind::Uint32), 1).bits();
constexpr uint64_t kNotDone = Value::scalar(static_cast<uint16_t>(vm::Kind::Uint32), 0).bits();
constexpr uint64_t kIdle = Value::scalar(static_cast<uint16_t>(vm::Kind::Int32), 0).bits();
constexpr uint64_t kRunning = Value::scalar(static_cast<uint16_t>(vm::Kind::Int32), 1).bits();

// Marks the Once at `key` done (done word, running word) and wakes its
// waiters.
void finishOnce(const void* key, std::atomic_ref<uint64_t> done, std::atomic_ref<uint64_t> running) {
  done.store(kDone, std::memory_order_release);
  SemaBucket& b = semaBucket(key);
  runtime::Waiter* wake = nullptr;
  runtime::Waiter** tail = &wake;
  {
    runtime::MutexLock lock(b.mu);
    running.store(kIdle, std::memory_order_relaxed);
    while (runtime::Waiter* w = semaFirst(b, key)) {
      b.queue.remove(w);
      *tail = w;
      tail = &w->next;
    }
  }
  while (wake != nullptr) {
    runtime::Waiter* next = wake->next;
    wake->next = nullptr;
    semaWake(wake);
    wake = next;
  }
}

// The common slow path: returns true when the caller must run f now (it
// is marked running); false when f has run, or when the goroutine now
// waits for it (th.parkRequested set, or it waited in place and f has run;
// inPlace forces the latter).
bool claimOnce(vm::Thread& th, const void* key, std::atomic_ref<uint64_t> done,
               std::atomic_ref<uint64_t> running, bool inPlace) {
  SemaBucket& b = semaBucket(key);
  b.mu.lock();
  if (done.load(std::memory_order_acquire) == kDone) {
    b.mu.unlock();
    return false;
  }
  if (running.load(std::memory_order_relaxed) == kRunning) {
    semaWait(th, b, key, runtime::WaitReason::SyncMutexLock, Value(), -1, inPlace);
    return false;
  }
  running.store(kRunning, std::memory_order_relaxed);
  b.mu.unlock();
  return true;
}

int onceDo(vm::Thread& th, const Value* args, int nargs, Value*) {
  vm::StructObj* o = receiverStruct(args);
  auto done = fieldWord(o, 0);
  if (done.load(std::memory_order_acquire) == kDone) return 0;
  Value m = o->fields()[1];
  auto running = fieldWord(static_cast<vm::StructObj*>(m.asObject()), 0);
  if (!claimOnce(th, o, done, running, false)) return 0;
  try {
    vm::callFunction(th, arg(args, nargs, 1), nullptr, 0, nullptr, 0);
  } catch (...) {
    finishOnce(o, done, running);
    throw;
  }
  finishOnce(o, done, running);
  return 0;
}

const vm::Type* onceType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("sync", "Once", {field("done", vm::types::uint32Type()), field("m", mutexType())});
    defineMethod(named, "Do", onceDo, true);
    return named;
  }();
  return t;
}

// ---- OnceFunc, OnceValue, OnceValues ---------------------------------------

struct OnceState : vm::Object {
  Value f;
  Value results[2];
  Value panicValue;
  uint64_t doneWord = kNotDone;
  uint64_t runningWord = kIdle;
  int nresults = 0;
  bool panicked = false;
};

const vm::Type* onceStateType() {
  static const vm::Type* t = defineNamed("sync", "onceState", vm::types::unsafePointerType());
  return t;
}

// The bound native of the returned function: args[0] is its OnceState.
int onceCall(vm::Thread& th, const Value* args, int, Value* out) {
  auto* s = static_cast<OnceState*>(args[0].asObject());
  std::atomic_ref<uint64_t> done(s->doneWord);
  std::atomic_ref<uint64_t> running(s->runningWord);
  if (done.load(std::memory_order_acquire) != kDone) {
    // A caller that finds f running waits in place: it must return f's
    // results (or panic) once woken, which a parked native cannot do.
    if (claimOnce(th, s, done, running, true)) {
      Value results[2];
      int n = 0;
      Value pv;
      bool ok = vm::callFunctionRecover(th, s->f, nullptr, 0, results, 2, &n, &pv);
      if (ok) {
        s->nresults = n < 2 ? n : 2;
        for (int i = 0; i < s->nresults; i++) s->results[i] = vm::copyValue(results[i]);
      } else {
        s->panicked = true;
        s->panicValue = pv;
      }
      s->f = Value();  // Go drops f so that what it references can be collected
      finishOnce(s, done, running);
    }
  }
  if (s->panicked) vm::throwPanic(s->panicValue);
  for (int i = 0; i < s->nresults; i++) out[i] = s->results[i];
  return s->nresults;
}

Value makeOnce(vm::Thread&, Value f, std::string_view name) {
  if (!f.isObject() || f.asObject()->type->kind != vm::Kind::Func) vm::throwNilDereference();
  auto* s = new (vm::allocObject(sizeof(OnceState))) OnceState();
  s->type = onceStateType();
  s->f = f;
  const vm::Type* ft = f.asObject()->type;
  const vm::Type* sig = vm::funcOf({}, ft->results, false);
  vm::FuncObj* native = vm::makeNative(name, onceCall, sig);
  return Value::object(vm::bindReceiver(native, Value::object(s)));
}

int onceFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  out[0] = makeOnce(th, arg(args, nargs, 0), "sync.OnceFunc.func1");
  return 1;
}
int onceValue(vm::Thread& th, const Value* args, int nargs, Value* out) {
  out[0] = makeOnce(th, arg(args, nargs, 0), "sync.OnceValue.func1");
  return 1;
}
int onceValues(vm::Thread& th, const Value* args, int nargs, Value* out) {
  out[0] = makeOnce(th, arg(args, nargs, 0), "sync.OnceValues.func1");
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"sync",
                                        "sync",
                                        {typeMember("Once", onceType), funcMember("OnceFunc", onceFunc),
                                         funcMember("OnceValue", onceValue), funcMember("OnceValues", onceValues)}});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
