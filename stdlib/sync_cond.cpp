// stdlib/sync_cond.cpp: sync.Cond (NewCond, Wait, Signal, Broadcast, the
// field L).
//
// Fields: `L Locker`, then `wait` and `notify`, two uint32 ticket counters
// (Go's notifyList). Wait takes ticket `wait++`, unlocks L, and then waits
// under the Cond's address in the sync wait table (stdlib/sync_sema.h)
// unless its ticket was already notified; Signal notifies ticket `notify++`
// (if any goroutine has a ticket not yet notified), Broadcast every ticket
// up to `wait`. Tickets make a Signal between Wait's Unlock and its
// enqueueing count, as in Go.
//
// Invariants (the Cond's bucket lock held): notify ≤ wait (mod 2^32); a
// queued waiter's ticket (Waiter::caseIndex) is in [notify, wait); the
// counters are read and written only under that lock.
//
// Relocking. Wait must hold L again when it returns, but a native that
// parked cannot run after the wake-up. When L is a *sync.Mutex (NewCond(&mu),
// the common case) the waker relocks it on the waiter's behalf: it hands
// the mutex to the woken goroutine if it is free, else moves the waiter onto
// the mutex's queue, where a later Unlock grants it (wait morphing; the
// goroutine's wait reason becomes `sync.Mutex.Lock`). With any other
// Locker (a script type, an RWMutex) Wait calls L.Lock() itself after the
// wake-up. Wait is bytecode (stdlib/context_glue.h) whose steps are
// natives and, for such a Locker, the calls of its Unlock and Lock, which
// are ordinary calls that park like any other code.
#include "runtime/g.h"
#include "stdlib/context_glue.h"
#include "stdlib/native_support.h"
#include "stdlib/sync_mutex.h"
#include "stdlib/sync_sema.h"
#include "vm/object.h"
#include "vm/panic.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

enum CondField { kL = 0, kWait = 1, kNotify = 2 };

uint32_t counter(vm::StructObj* c, int f) { return static_cast<uint32_t>(vm::toUint64(c->fields()[f])); }
void setCounter(vm::StructObj* c, int f, uint32_t v) {
  c->fields()[f] = vm::makeIntOfType(vm::types::uint32Type(), static_cast<uint64_t>(v));
}

// L itself when it is a *sync.Mutex, else null.
vm::StructObj* mutexLocker(Value l) {
  if (l.isRef() && l.refTarget()->type == mutexType()) return static_cast<vm::StructObj*>(l.refTarget());
  return nullptr;
}

int noop(vm::Thread&, const Value*, int, Value*) { return 0; }

Value noopFunction() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = Value::object(vm::makeNative("sync.nop", noop));
    return s;
  }();
  return *slot;
}

// out[0], out[1] := L's method `name` and the receiver to call it with.
int lockerMethod(Value l, const char* name, Value* out) {
  std::optional<BoundMethod> m = findMethod(l, name);
  if (!m) vm::throwNilDereference();
  out[0] = m->fn;
  out[1] = m->recv;
  return 2;
}

// Wait's first step (Go's runtime_notifyListAdd): takes a ticket.
int condAdd(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* c = receiverStruct(args);
  SemaBucket& b = semaBucket(c);
  runtime::MutexLock lock(b.mu);
  uint32_t ticket = counter(c, kWait);
  setCounter(c, kWait, ticket + 1);
  out[0] = vm::makeIntOfType(vm::types::uint32Type(), static_cast<uint64_t>(ticket));
  return 1;
}

// Wait's second step: unlocks a *sync.Mutex here and returns a no-op, or
// returns L.Unlock for Wait to call as an ordinary (parkable) call.
int condUnlocker(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* c = receiverStruct(args);
  Value l = c->fields()[kL];
  if (vm::StructObj* mu = mutexLocker(l)) {
    mutexUnlock(mu);
    out[0] = noopFunction();
    out[1] = Value();
    return 2;
  }
  return lockerMethod(l, "Unlock", out);
}

// Wait's third step (runtime_notifyListWait): parks unless ticket
// args[1] was notified. For a *sync.Mutex the goroutine holds the mutex
// again when it runs on: the waker relocked it, or this step did.
int condWaitTicket(vm::Thread& th, const Value* args, int, Value*) {
  vm::StructObj* c = receiverStruct(args);
  auto ticket = static_cast<uint32_t>(vm::toUint64(args[1]));
  Value l = c->fields()[kL];
  vm::StructObj* mu = mutexLocker(l);
  SemaBucket& b = semaBucket(c);
  b.mu.lock();
  if (static_cast<int32_t>(ticket - counter(c, kNotify)) < 0) {
    // Notified between the Unlock and now.
    b.mu.unlock();
    if (mu != nullptr) mutexLock(th, mu);
    return 0;
  }
  semaWait(th, b, c, runtime::WaitReason::SyncCondWait, mu != nullptr ? l : Value(), static_cast<int32_t>(ticket),
           false);
  return 0;
}

// Wait's last step: L.Lock, or a no-op when L is a *sync.Mutex (already
// relocked).
int condLocker(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* c = receiverStruct(args);
  Value l = c->fields()[kL];
  if (mutexLocker(l) != nullptr) {
    out[0] = noopFunction();
    out[1] = Value();
    return 2;
  }
  return lockerMethod(l, "Lock", out);
}

// func (c *Cond) Wait() { t := add(c); unlocker(c)(); wait(c, t); locker(c)() }
Value waitMethod() {
  ProtoBuilder b("sync.(*Cond).Wait", "sync/cond.go", 1, 0);
  b.line(70);
  b.loadNative(1, "sync.runtime_notifyListAdd", condAdd);
  b.move(2, 0);
  b.call(1, 1, 1);
  b.line(71);
  b.loadNative(2, "sync.(*Cond).unlocker", condUnlocker);
  b.move(3, 0);
  b.call(2, 1, 2);
  b.call(2, 1, 0);
  b.line(72);
  b.loadNative(2, "sync.runtime_notifyListWait", condWaitTicket);
  b.move(3, 0);
  b.move(4, 1);
  b.call(2, 2, 0);
  b.line(73);
  b.loadNative(2, "sync.(*Cond).locker", condLocker);
  b.move(3, 0);
  b.call(2, 1, 2);
  b.call(2, 1, 0);
  b.line(74);
  b.ret(0, 0);
  const vm::Type* params[] = {vm::types::anyType()};
  return b.finish(vm::funcOf(params, {}, false));
}

// Wakes a waiter removed from the Cond's queue (no lock held).
void wakeCondWaiter(runtime::Waiter* w) {
  vm::StructObj* mu = mutexLocker(w->value);
  if (mu == nullptr || mutexLockFor(mu, w)) semaWake(w);
}

int condSignal(vm::Thread&, const Value* args, int, Value*) {
  vm::StructObj* c = receiverStruct(args);
  SemaBucket& b = semaBucket(c);
  runtime::Waiter* found = nullptr;
  {
    runtime::MutexLock lock(b.mu);
    uint32_t notify = counter(c, kNotify);
    if (counter(c, kWait) == notify) return 0;
    setCounter(c, kNotify, notify + 1);
    for (runtime::Waiter* w = b.queue.front(); w != nullptr; w = w->next) {
      if (w->object == c && static_cast<uint32_t>(w->caseIndex) == notify) {
        found = w;
        break;
      }
    }
    // Not queued yet: it will see its ticket notified and not wait.
    if (found != nullptr) b.queue.remove(found);
  }
  if (found != nullptr) wakeCondWaiter(found);
  return 0;
}

int condBroadcast(vm::Thread&, const Value* args, int, Value*) {
  vm::StructObj* c = receiverStruct(args);
  SemaBucket& b = semaBucket(c);
  runtime::Waiter* wake = nullptr;
  runtime::Waiter** tail = &wake;
  {
    runtime::MutexLock lock(b.mu);
    setCounter(c, kNotify, counter(c, kWait));
    while (runtime::Waiter* w = semaFirst(b, c)) {
      b.queue.remove(w);
      *tail = w;
      tail = &w->next;
    }
  }
  while (wake != nullptr) {
    runtime::Waiter* next = wake->next;
    wake->next = nullptr;
    wakeCondWaiter(wake);
    wake = next;
  }
  return 0;
}

const vm::Type* condType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("sync", "Cond",
                                   {field("L", lockerType()), field("wait", vm::types::uint32Type()),
                                    field("notify", vm::types::uint32Type())});
    vm::addMethod(named, "Wait", waitMethod(), true);
    defineMethod(named, "Signal", condSignal, true);
    defineMethod(named, "Broadcast", condBroadcast, true);
    return named;
  }();
  return t;
}

int newCond(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* c = vm::newStruct(condType());
  c->fields()[kL] = arg(args, nargs, 0);
  out[0] = Value::ref(c);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(
      vm::NativePackage{"sync", "sync", {typeMember("Cond", condType), funcMember("NewCond", newCond)}});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
