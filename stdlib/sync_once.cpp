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
// No script code is called back from a native (a nested dispatch loop
// could not park): Do is bytecode (stdlib/context_glue.h), `claim(o)(o, f)`.
// The native claim returns doSlow, `defer finish(o); f()`, when this
// goroutine must run f, else a no-op (f has run, or claim parked the
// goroutine until it has). So f is an ordinary call that parks as usual,
// and finish runs whether f returns, panics or calls Goexit.
//
// OnceFunc / OnceValue / OnceValues return the same shape bound to a
// OnceState that follows the same protocol and also keeps f's results, or
// what recover() gave in the runner's deferred function when f did not
// return; that value is re-panicked at once and by every later call, as
// Go 1.21 specifies. A caller that parked while f ran reads the results
// (or the panic) in its next step, after the wake-up.
#include <atomic>
#include <new>

#include "stdlib/context_glue.h"
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

int noop(vm::Thread&, const Value*, int, Value*) { return 0; }

Value noopFunction() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = Value::object(vm::makeNative("sync.nop", noop));
    return s;
  }();
  return *slot;
}

Value doSlowFunction();
Value runnerFunction(int n);

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
// waits for it (th.parkRequested set; or, when the claim itself runs
// inside a native's callback, it waited in place and f has run).
bool claimOnce(vm::Thread& th, const void* key, std::atomic_ref<uint64_t> done,
               std::atomic_ref<uint64_t> running) {
  SemaBucket& b = semaBucket(key);
  b.mu.lock();
  if (done.load(std::memory_order_acquire) == kDone) {
    b.mu.unlock();
    return false;
  }
  if (running.load(std::memory_order_relaxed) == kRunning) {
    semaWait(th, b, key, runtime::WaitReason::SyncMutexLock);
    return false;
  }
  running.store(kRunning, std::memory_order_relaxed);
  b.mu.unlock();
  return true;
}

// Do's first step: returns the function Do calls next with (o, f):
// doSlow when this goroutine must run f (the Once is now marked running),
// a no-op when f has run, or when the goroutine parks until it has (the
// waker grants "f has run", so after the wake-up the no-op is called too).
int onceClaim(vm::Thread& th, const Value* args, int, Value* out) {
  vm::StructObj* o = receiverStruct(args);
  auto done = fieldWord(o, 0);
  out[0] = noopFunction();
  if (done.load(std::memory_order_acquire) == kDone) return 1;
  Value m = o->fields()[1];
  auto running = fieldWord(static_cast<vm::StructObj*>(m.asObject()), 0);
  if (claimOnce(th, o, done, running)) out[0] = doSlowFunction();
  return 1;
}

// Deferred by doSlow: marks the Once done and wakes the goroutines waiting
// for f, whether f returned, panicked or called Goexit.
int onceFinish(vm::Thread&, const Value* args, int, Value*) {
  vm::StructObj* o = receiverStruct(args);
  Value m = o->fields()[1];
  finishOnce(o, fieldWord(o, 0), fieldWord(static_cast<vm::StructObj*>(m.asObject()), 0));
  return 0;
}

// func (o *Once) doSlow(f func()) { defer finish(o); f() }
Value doSlowFunction() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = deferThenCallFunction("sync.(*Once).doSlow", "sync/once.go", "sync.(*Once).finish", onceFinish, 74, 78, 80);
    return s;
  }();
  return *slot;
}

// func (o *Once) Do(f func()) { claim(o)(o, f) }
Value doMethod() {
  ProtoBuilder b("sync.(*Once).Do", "sync/once.go", 2, 0);
  b.line(66);
  b.loadNative(2, "sync.(*Once).claim", onceClaim);
  b.move(3, 0);
  b.call(2, 1, 1);
  b.line(68);
  b.move(3, 0);
  b.move(4, 1);
  b.call(2, 2, 0);
  b.line(70);
  b.ret(0, 0);
  const vm::Type* any = vm::types::anyType();
  const vm::Type* params[] = {any, vm::funcOf({}, {}, false)};
  return b.finish(vm::funcOf(params, {}, false));
}

const vm::Type* onceType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("sync", "Once", {field("done", vm::types::uint32Type()), field("m", mutexType())});
    vm::addMethod(named, "Do", doMethod(), true);
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
  bool valid = false;  // f returned (set before done)
};

const vm::Type* onceStateType() {
  static const vm::Type* t = defineNamed("sync", "onceState", vm::types::unsafePointerType());
  return t;
}

// The returned function's first step, bound to its OnceState: returns
// the function it calls next with s (as onceClaim does): the runner when
// this goroutine must run f, else a no-op (f has run, or the goroutine
// parks until it has).
int stateClaim(vm::Thread& th, const Value* args, int, Value* out) {
  auto* s = static_cast<OnceState*>(args[0].asObject());
  std::atomic_ref<uint64_t> done(s->doneWord);
  std::atomic_ref<uint64_t> running(s->runningWord);
  out[0] = noopFunction();
  if (done.load(std::memory_order_acquire) == kDone) return 1;
  if (claimOnce(th, s, done, running)) out[0] = runnerFunction(s->nresults);
  return 1;
}

// The runner's first step: f, which the OnceState then drops (Go drops f
// so that what it references can be collected).
int stateTakeF(vm::Thread&, const Value* args, int, Value* out) {
  auto* s = static_cast<OnceState*>(args[0].asObject());
  out[0] = s->f;
  s->f = Value();
  return 1;
}

// After f returned: keeps its results (args[1..]).
int stateStore(vm::Thread&, const Value* args, int nargs, Value*) {
  auto* s = static_cast<OnceState*>(args[0].asObject());
  for (int i = 0; i < s->nresults && i + 1 < nargs; i++) s->results[i] = vm::copyValue(args[i + 1]);
  s->valid = true;
  return 0;
}

// Called by the runner's deferred function with what recover() gave: when
// f did not return (it panicked, or called Goexit) that value is what every
// call panics with, this one first (re-panicking at once, as Go does, so
// that the first caller's trace goes into f). Marks the state done and
// wakes the waiting callers.
int stateFinish(vm::Thread&, const Value* args, int nargs, Value*) {
  auto* s = static_cast<OnceState*>(args[0].asObject());
  if (!s->valid) s->panicValue = arg(args, nargs, 1);
  s->f = Value();
  finishOnce(s, std::atomic_ref<uint64_t>(s->doneWord), std::atomic_ref<uint64_t>(s->runningWord));
  if (!s->valid) vm::throwPanic(s->panicValue);
  return 0;
}

// The returned function's last step: f's results, or its panic again.
int stateResults(vm::Thread&, const Value* args, int, Value* out) {
  auto* s = static_cast<OnceState*>(args[0].asObject());
  if (!s->valid) vm::throwPanic(s->panicValue);
  for (int i = 0; i < s->nresults; i++) out[i] = s->results[i];
  return s->nresults;
}

const vm::Type* anyParams1() {
  static const vm::Type* t = [] {
    const vm::Type* params[] = {vm::types::anyType()};
    return vm::funcOf(params, {}, false);
  }();
  return t;
}

// func(s) { finish(s, recover()) }, deferred by the runner.
Value recoverFunction() {
  static Value* slot = [] {
    ProtoBuilder b("sync.OnceFunc.func1.1", "sync/oncefunc.go", 1, 0);
    b.line(27);
    b.recover(1);
    b.loadNative(2, "sync.onceFinish", stateFinish);
    b.move(3, 0);
    b.move(4, 1);
    b.call(2, 2, 0);
    b.ret(0, 0);
    Value* s = permanentSlot();
    *s = b.finish(anyParams1());
    return s;
  }();
  return *slot;
}

// func(s) { defer recoverer(s); r... := takeF(s)(); store(s, r...) }, for
// f with n results.
Value buildRunner(int n) {
  ProtoBuilder b("sync.OnceFunc.func1", "sync/oncefunc.go", 1, 0);
  b.line(25);
  b.loadConst(1, recoverFunction());
  b.move(2, 0);
  b.deferCall(1, 1);
  b.line(34);
  b.loadNative(1, "sync.onceTakeF", stateTakeF);
  b.move(2, 0);
  b.call(1, 1, 1);
  b.call(1, 0, n);
  b.line(35);
  b.loadNative(4, "sync.onceStore", stateStore);
  b.move(5, 0);
  for (int i = 0; i < n; i++) b.move(6 + i, 1 + i);
  b.call(4, 1 + n, 0);
  b.line(36);
  b.exitWithDefers();
  return b.finish(anyParams1());
}

Value runnerFunction(int n) {
  static Value* slots[3] = {permanentSlot(), permanentSlot(), permanentSlot()};
  static const bool built = [] {
    for (int i = 0; i < 3; i++) *slots[i] = buildRunner(i);
    return true;
  }();
  (void)built;
  return *slots[n];
}

// The returned function, for f with n results: func(s) (r...) {
// claim(s)(s); return results(s) } with s bound.
const vm::Proto* buildCaller(int n) {
  ProtoBuilder b("sync.OnceFunc.func2", "sync/oncefunc.go", 1, n);
  b.line(40);
  b.loadNative(1, "sync.onceClaim", stateClaim);
  b.move(2, 0);
  b.call(1, 1, 1);
  b.move(2, 0);
  b.call(1, 1, 0);
  b.line(41);
  b.loadNative(1, "sync.onceResults", stateResults);
  b.move(2, 0);
  b.call(1, 1, n);
  b.ret(1, n);
  Value* s = permanentSlot();
  *s = b.finish(anyParams1());
  return static_cast<vm::FuncObj*>(s->asObject())->proto;
}

const vm::Proto* callerProto(int n) {
  static const vm::Proto* protos[3] = {buildCaller(0), buildCaller(1), buildCaller(2)};
  return protos[n];
}

Value makeOnce(Value f) {
  if (!f.isObject() || f.asObject()->type->kind != vm::Kind::Func) vm::throwNilDereference();
  auto* s = new (vm::allocObject(sizeof(OnceState))) OnceState();
  s->type = onceStateType();
  s->f = f;
  const vm::Type* ft = f.asObject()->type;
  int n = static_cast<int>(ft->results.size());
  s->nresults = n < 2 ? n : 2;
  const vm::Type* sig = vm::funcOf({}, ft->results, false);
  vm::FuncObj* fn = vm::makeClosure(sig, const_cast<vm::Proto*>(callerProto(s->nresults)), 0);
  return Value::object(vm::bindReceiver(fn, Value::object(s)));
}

int onceFunc(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeOnce(arg(args, nargs, 0));
  return 1;
}
int onceValue(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeOnce(arg(args, nargs, 0));
  return 1;
}
int onceValues(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeOnce(arg(args, nargs, 0));
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
