// stdlib/errgroup.cpp: package golang.org/x/sync/errgroup: Group (its zero
// value is usable), WithContext, and the methods Go, TryGo, Wait and
// SetLimit, with the semantics of x/sync's errgroup.go (the version built
// on context.WithCancelCause: the first error is the derived context's
// Cause).
//
// A Group is a struct with one unexported field holding a GroupState (a
// collected object of the unexported type errgroup.groupState), installed
// by the first method call with one compare-and-swap, as sync.WaitGroup
// does. Go and Wait must wait and then go on (Go waits for a slot under
// SetLimit, then starts the goroutine; Wait waits for the goroutines, then
// returns the first error), and every goroutine runs the user's f, which
// may block anywhere; so Go, Wait and the goroutines' body are short
// bytecode functions (stdlib/context_glue.h) whose steps are the natives
// below.
//
// State (guarded by GroupState::mu):
//  * active: goroutines started and not finished (Go's WaitGroup counter);
//    Wait parks on `waiters` while it is non-zero (wait reason
//    sync.WaitGroup.Wait); the goroutine that brings it to zero wakes them.
//  * limit (-1: none) and tokens: how many goroutines hold a slot (Go's
//    len(g.sem)); 0 <= tokens <= limit when limit >= 0. Go under a full
//    limit parks on `slotWaiters` (wait reason "chan send", as Go's send to
//    the semaphore channel). A finishing goroutine hands its slot straight
//    to the first such waiter (tokens unchanged) and counts it active, so
//    Wait cannot return between the handoff and the new goroutine's start.
//  * err / errSet: the first non-nil error; `cancel` (WithContext) is the
//    derived context, cancelled with that error as cause, or by Wait.
// Wakers never wake under mu. Lock order: mu, then the context's locks
// (cancelling happens after mu is released), then the scheduler's.
#include <atomic>
#include <new>
#include <string>

#include "runtime/g.h"
#include "runtime/lock.h"
#include "runtime/park.h"
#include "stdlib/context.h"
#include "stdlib/context_glue.h"
#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

struct GroupState : vm::Object {
  runtime::Mutex mu;
  int64_t active GSL_GUARDED_BY(mu) = 0;
  runtime::WaitQueue waiters GSL_GUARDED_BY(mu);
  int64_t limit GSL_GUARDED_BY(mu) = -1;
  int64_t tokens GSL_GUARDED_BY(mu) = 0;
  runtime::WaitQueue slotWaiters GSL_GUARDED_BY(mu);
  Value err GSL_GUARDED_BY(mu);
  bool errSet GSL_GUARDED_BY(mu) = false;
  Value cancel;  // the WithContext context, or nil; constant
};

const vm::Type* stateType() {
  static const vm::Type* t = defineNamed("errgroup", "groupState", vm::types::unsafePointerType());
  return t;
}

GroupState* newGroupState() {
  auto* s = new (vm::allocObject(sizeof(GroupState))) GroupState();
  s->type = stateType();
  return s;
}

// The state of the Group the receiver points at, created on first use.
GroupState* stateOf(Value recv) {
  if (!recv.isRef() || recv.refTarget()->type->kind != vm::Kind::Struct) vm::throwNilDereference();
  auto* g = static_cast<vm::StructObj*>(recv.refTarget());
  Value* slot = &g->fields()[0];
  std::atomic_ref<uint64_t> word(*reinterpret_cast<uint64_t*>(slot));
  Value cur = Value::fromBits(word.load(std::memory_order_acquire));
  if (cur.isObject() && cur.asObject()->type == stateType()) return static_cast<GroupState*>(cur.asObject());
  GroupState* fresh = newGroupState();
  uint64_t expected = cur.bits();
  if (word.compare_exchange_strong(expected, Value::object(fresh).bits(), std::memory_order_acq_rel)) return fresh;
  return static_cast<GroupState*>(Value::fromBits(expected).asObject());
}

void wakeAll(runtime::Waiter* w) {
  while (w != nullptr) {
    runtime::Waiter* next = w->next;
    w->next = nullptr;
    runtime::wakeWaiter(w);
    w = next;
  }
}

// Parks (or waits in place) on queue q of s with reason r; s->mu is held
// and stays held on the parking path (the scheduler releases it).
void waitOn(vm::Thread& th, GroupState* s, runtime::WaitQueue& q, runtime::WaitReason r) GSL_NO_THREAD_SAFETY_ANALYSIS {
  runtime::G* g = vm::goroutineOf(th);
  runtime::Waiter* w = &g->waiter;
  *w = runtime::Waiter();
  w->g = g;
  // No object: deadlock reports read `object` by wait reason (as a channel
  // for "chan send"), and a GroupState is neither a channel nor a sync
  // primitive of package sync.
  w->object = nullptr;
  if (vm::canPark(th)) {
    q.pushBack(w);
    runtime::preparePark(g, r, runtime::unlockMutex, &s->mu);
    th.parkRequested = true;
    return;
  }
  runtime::Blocker blocker;
  w->blocker = &blocker;
  q.pushBack(w);
  s->mu.unlock();
  blocker.wait();
}

// ---- The goroutines' body -------------------------------------------------------------

// Deferred: the goroutine is finished (Go's g.done()).
int groupDone(vm::Thread&, const Value* args, int, Value*) {
  auto* s = static_cast<GroupState*>(args[0].asObject());
  runtime::Waiter* wake = nullptr;
  runtime::Waiter** tail = &wake;
  {
    runtime::MutexLock lock(s->mu);
    s->active--;
    if (s->limit >= 0 && s->tokens > 0) {
      if (runtime::Waiter* w = s->slotWaiters.dequeue()) {
        // The slot passes to a waiting Go, which now counts as active.
        s->active++;
        *tail = w;
        tail = &w->next;
      } else {
        s->tokens--;
      }
    }
    if (s->active == 0) {
      while (runtime::Waiter* w = s->waiters.dequeue()) {
        *tail = w;
        tail = &w->next;
      }
    }
  }
  wakeAll(wake);
  return 0;
}

// f returned err.
int groupRecord(vm::Thread&, const Value* args, int nargs, Value*) {
  Value err = arg(args, nargs, 1);
  if (err.isNil()) return 0;
  auto* s = static_cast<GroupState*>(args[0].asObject());
  bool first = false;
  {
    runtime::MutexLock lock(s->mu);
    if (!s->errSet) {
      s->errSet = true;
      s->err = err;
      first = true;
    }
  }
  if (first && !s->cancel.isNil()) cancelContext(s->cancel, Value(), err);
  return 0;
}

// func(s groupState, f func() error) { defer groupDone(s); groupRecord(s, f()) }
Value runnerFunction() {
  static Value* slot = [] {
    ProtoBuilder b("golang.org/x/sync/errgroup.(*Group).Go.func1", "golang.org/x/sync/errgroup/errgroup.go", 2, 0);
    b.line(73);
    b.loadNative(2, "golang.org/x/sync/errgroup.(*Group).done", groupDone);
    b.move(3, 0);
    b.deferCall(2, 1);
    b.line(75);
    b.move(2, 1);
    b.call(2, 0, 1);
    b.line(76);
    b.loadNative(3, "golang.org/x/sync/errgroup.record", groupRecord);
    b.move(4, 0);
    b.move(5, 2);
    b.call(3, 2, 0);
    b.line(84);
    b.exitWithDefers();
    Value* s = permanentSlot();
    const vm::Type* any = vm::types::anyType();
    const vm::Type* params[] = {any, any};
    *s = b.finish(vm::funcOf(params, {}, false));
    return s;
  }();
  return *slot;
}

// Starts the goroutine running f for s (already counted active).
void startRunner(vm::Thread& th, GroupState* s, Value f) { spawnCall(th, runnerFunction(), Value::object(s), f); }

// ---- Go ----------------------------------------------------------------------------------

// Takes a slot (parking until one is free) and counts the goroutine active.
int goAcquire(vm::Thread& th, const Value* args, int, Value*) GSL_NO_THREAD_SAFETY_ANALYSIS {
  GroupState* s = stateOf(args[0]);
  s->mu.lock();
  if (s->limit < 0 || s->tokens < s->limit) {
    if (s->limit >= 0) s->tokens++;
    s->active++;
    s->mu.unlock();
    return 0;
  }
  // A finishing goroutine hands its slot over and counts us active.
  waitOn(th, s, s->slotWaiters, runtime::WaitReason::ChanSend);
  return 0;
}

int goStart(vm::Thread& th, const Value* args, int nargs, Value*) {
  GroupState* s = stateOf(args[0]);
  startRunner(th, s, arg(args, nargs, 1));
  return 0;
}

// func (g *Group) Go(f func() error) { goAcquire(g); goStart(g, f) }
Value goMethod() {
  ProtoBuilder b("golang.org/x/sync/errgroup.(*Group).Go", "golang.org/x/sync/errgroup/errgroup.go", 2, 0);
  b.line(68);
  b.loadNative(2, "golang.org/x/sync/errgroup.acquire", goAcquire);
  b.move(3, 0);
  b.call(2, 1, 0);
  b.line(72);
  b.loadNative(2, "golang.org/x/sync/errgroup.start", goStart);
  b.move(3, 0);
  b.move(4, 1);
  b.call(2, 2, 0);
  b.line(84);
  b.ret(0, 0);
  const vm::Type* any = vm::types::anyType();
  const vm::Type* params[] = {any, any};
  return b.finish(vm::funcOf(params, {}, false));
}

int groupTryGo(vm::Thread& th, const Value* args, int nargs, Value* out) {
  GroupState* s = stateOf(args[0]);
  Value f = arg(args, nargs, 1);
  {
    runtime::MutexLock lock(s->mu);
    if (s->limit >= 0) {
      if (s->tokens >= s->limit) {
        out[0] = vm::kFalse;
        return 1;
      }
      s->tokens++;
    }
    s->active++;
  }
  startRunner(th, s, f);
  out[0] = vm::kTrue;
  return 1;
}

// ---- Wait --------------------------------------------------------------------------------

int waitGoroutines(vm::Thread& th, const Value* args, int, Value*) GSL_NO_THREAD_SAFETY_ANALYSIS {
  GroupState* s = stateOf(args[0]);
  s->mu.lock();
  if (s->active == 0) {
    s->mu.unlock();
    return 0;
  }
  waitOn(th, s, s->waiters, runtime::WaitReason::SyncWaitGroupWait);
  return 0;
}

int waitResult(vm::Thread&, const Value* args, int, Value* out) {
  GroupState* s = stateOf(args[0]);
  Value err;
  {
    runtime::MutexLock lock(s->mu);
    err = s->err;
  }
  if (!s->cancel.isNil()) cancelContext(s->cancel, Value(), err);
  out[0] = err;
  return 1;
}

// func (g *Group) Wait() error { waitGoroutines(g); return waitResult(g) }
Value waitMethod() {
  ProtoBuilder b("golang.org/x/sync/errgroup.(*Group).Wait", "golang.org/x/sync/errgroup/errgroup.go", 1, 1);
  b.line(53);
  b.loadNative(1, "golang.org/x/sync/errgroup.wait", waitGoroutines);
  b.move(2, 0);
  b.call(1, 1, 0);
  b.line(54);
  b.loadNative(1, "golang.org/x/sync/errgroup.result", waitResult);
  b.move(2, 0);
  b.call(1, 1, 1);
  b.ret(1, 1);
  const vm::Type* any = vm::types::anyType();
  const vm::Type* params[] = {any};
  const vm::Type* results[] = {vm::types::errorType()};
  return b.finish(vm::funcOf(params, results, false));
}

// ---- SetLimit ----------------------------------------------------------------------------

int groupSetLimit(vm::Thread&, const Value* args, int nargs, Value*) {
  GroupState* s = stateOf(args[0]);
  int64_t n = argInt(args, nargs, 1);
  int64_t busy = 0;
  {
    runtime::MutexLock lock(s->mu);
    if (n < 0) {
      s->limit = -1;
      s->tokens = 0;
      return 0;
    }
    if (s->limit >= 0 && s->tokens != 0) {
      busy = s->tokens;
    } else {
      s->limit = n;
      s->tokens = 0;
      return 0;
    }
  }
  vm::throwPanic(newError("errgroup: modify limit while " + std::to_string(busy) +
                          " goroutines in the group are still active"));
}

// ---- Types and WithContext --------------------------------------------------------------

const vm::Type* groupType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("errgroup", "Group", {field("state", stateType())});
    vm::addMethod(named, "Go", goMethod(), true);
    vm::addMethod(named, "Wait", waitMethod(), true);
    defineMethod(named, "TryGo", groupTryGo, true);
    defineMethod(named, "SetLimit", groupSetLimit, true);
    return named;
  }();
  return t;
}

int nWithContext(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value ctx = newCancelContext(th, arg(args, nargs, 0), nullptr);
  vm::StructObj* g = vm::newStruct(groupType());
  GroupState* s = newGroupState();
  s->cancel = ctx;
  g->fields()[0] = Value::object(s);
  out[0] = Value::ref(g);
  out[1] = ctx;
  return 2;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "golang.org/x/sync/errgroup",
      "errgroup",
      {
          typeMember("Group", groupType),
          funcMember("WithContext", nWithContext),
      },
  });
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
