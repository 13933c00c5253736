// stdlib/sync_waitgroup.cpp: sync.WaitGroup (Add, Done, Wait, Go) on the
// runtime's park/resume protocol (runtime/park.h). It registers into
// package "sync"; the rest of sync (stdlib/sync_*.cpp) registers its
// members alongside (vm::registerPackage accumulates).
//
// The struct has one unexported field holding a WaitGroupState (a
// collected object of the unexported named type sync.waitGroupState over
// unsafe.Pointer). The zero WaitGroup holds a typed nil there; the first
// Add or Wait installs a fresh state with one compare-and-swap on the
// field's word, so racing first uses agree on one state. A copied
// WaitGroup shares its state (Go's vet forbids the copy anyway).
//
// State (guarded by WaitGroupState::mu): the counter and the queue of
// goroutines in Wait. Add that brings the counter to zero dequeues every
// waiter under the lock and wakes them after releasing it; Wait with a
// non-zero counter enqueues and parks with the lock held, which the
// scheduler releases once the goroutine is Waiting (wait reason
// "sync.WaitGroup.Wait"). Inside a native's callback Wait waits in place.
//
// Go(f) (Go 1.25) is Add(1) and `go func() { defer wg.Done(); f() }()`. The
// new goroutine's body is that function in bytecode (stdlib/context_glue.h),
// so f is an ordinary call: it parks like any other code, and a deadlock
// in it is reported.
#include <atomic>
#include <new>

#include "runtime/g.h"
#include "runtime/lock.h"
#include "runtime/park.h"
#include "stdlib/context_glue.h"
#include "stdlib/native_support.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

struct WaitGroupState : vm::Object {
  runtime::Mutex mu;
  int64_t count GSL_GUARDED_BY(mu) = 0;
  runtime::WaitQueue waiters GSL_GUARDED_BY(mu);
};

const vm::Type* stateType() {
  static const vm::Type* t = defineNamed("sync", "waitGroupState", vm::types::unsafePointerType());
  return t;
}

// The state of the WaitGroup the receiver points at, created on first use.
WaitGroupState* stateOf(const Value* args) {
  vm::StructObj* wg = receiverStruct(args);
  Value* slot = &wg->fields()[0];
  std::atomic_ref<uint64_t> word(*reinterpret_cast<uint64_t*>(slot));
  Value cur = Value::fromBits(word.load(std::memory_order_acquire));
  if (cur.isObject() && cur.asObject()->type == stateType()) return static_cast<WaitGroupState*>(cur.asObject());
  auto* fresh = new (vm::allocObject(sizeof(WaitGroupState))) WaitGroupState();
  fresh->type = stateType();
  uint64_t expected = cur.bits();
  if (word.compare_exchange_strong(expected, Value::object(fresh).bits(), std::memory_order_acq_rel)) return fresh;
  // Another goroutine installed one first.
  return static_cast<WaitGroupState*>(Value::fromBits(expected).asObject());
}

void add(WaitGroupState* s, int64_t delta) {
  runtime::Waiter* wake = nullptr;
  runtime::Waiter** tail = &wake;
  {
    runtime::MutexLock lock(s->mu);
    s->count += delta;
    if (s->count < 0) {
      s->count -= delta;
      vm::throwPanic(vm::makeString("sync: negative WaitGroup counter"));
    }
    if (s->count == 0) {
      while (runtime::Waiter* w = s->waiters.dequeue()) {
        *tail = w;
        tail = &w->next;
      }
    }
  }
  // Never wake while holding the lock; read each link before waking.
  while (wake != nullptr) {
    runtime::Waiter* next = wake->next;
    wake->next = nullptr;
    runtime::wakeWaiter(wake);
    wake = next;
  }
}

int wgAdd(vm::Thread&, const Value* args, int nargs, Value*) {
  add(stateOf(args), argInt(args, nargs, 1));
  return 0;
}

int wgDone(vm::Thread&, const Value* args, int, Value*) {
  add(stateOf(args), -1);
  return 0;
}

// The lock stays held on the parking path; the scheduler releases it.
int wgWait(vm::Thread& th, const Value* args, int, Value*) GSL_NO_THREAD_SAFETY_ANALYSIS {
  WaitGroupState* s = stateOf(args);
  s->mu.lock();
  if (s->count == 0) {
    s->mu.unlock();
    return 0;
  }
  runtime::G* g = vm::goroutineOf(th);
  runtime::Waiter* w = &g->waiter;
  *w = runtime::Waiter();
  w->g = g;
  w->object = s;
  if (vm::canPark(th)) {
    s->waiters.pushBack(w);
    runtime::preparePark(g, runtime::WaitReason::SyncWaitGroupWait, runtime::unlockMutex, &s->mu);
    th.parkRequested = true;
    return 0;
  }
  runtime::Blocker blocker;
  w->blocker = &blocker;
  s->waiters.pushBack(w);
  s->mu.unlock();
  blocker.wait();
  return 0;
}

// Done on the state itself (args[0]), deferred by Go's goroutine body.
int wgDoneState(vm::Thread&, const Value* args, int, Value*) {
  add(static_cast<WaitGroupState*>(args[0].asObject()), -1);
  return 0;
}

// func(s, f) { defer done(s); f() }: the body of a goroutine started by
// Go, in bytecode so that f runs as an ordinary call and parks as usual.
Value goBodyFunction() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = deferThenCallFunction("sync.(*WaitGroup).Go.func1", "sync/waitgroup.go", "sync.(*WaitGroup).Done",
                               wgDoneState, 157, 158, 159);
    return s;
  }();
  return *slot;
}

// Add(1), then starts the body in a new goroutine (spawnCall records the
// calling script function as its creator).
int wgGo(vm::Thread& th, const Value* args, int nargs, Value*) {
  WaitGroupState* s = stateOf(args);
  Value f = arg(args, nargs, 1);
  add(s, 1);
  spawnCall(th, goBodyFunction(), Value::object(s), f);
  return 0;
}

const vm::Type* waitGroupType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("sync", "WaitGroup", {field("state", stateType())});
    defineMethod(named, "Add", wgAdd, true);
    defineMethod(named, "Done", wgDone, true);
    defineMethod(named, "Wait", wgWait, true);
    defineMethod(named, "Go", wgGo, true);
    return named;
  }();
  return t;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"sync", "sync", {typeMember("WaitGroup", waitGroupType)}});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
