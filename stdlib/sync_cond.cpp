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
// Locker (a script type, an RWMutex) the goroutine waits in place and calls
// L.Lock() itself after the wake-up.
#include "runtime/g.h"
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

void callLocker(vm::Thread& th, Value l, const char* method) {
  std::optional<BoundMethod> m = findMethod(l, method);
  if (!m) vm::throwNilDereference();
  callMethod(th, *m);
}

int condWait(vm::Thread& th, const Value* args, int, Value*) {
  vm::StructObj* c = receiverStruct(args);
  Value l = c->fields()[kL];
  vm::StructObj* mu = mutexLocker(l);
  SemaBucket& b = semaBucket(c);
  uint32_t ticket;
  {
    runtime::MutexLock lock(b.mu);
    ticket = counter(c, kWait);
    setCounter(c, kWait, ticket + 1);
  }
  if (mu != nullptr) mutexUnlock(mu);
  else callLocker(th, l, "Unlock");
  b.mu.lock();
  if (static_cast<int32_t>(ticket - counter(c, kNotify)) < 0) {
    // Notified between the Unlock and now.
    b.mu.unlock();
    if (mu != nullptr) mutexLock(th, mu);
    else callLocker(th, l, "Lock");
    return 0;
  }
  semaWait(th, b, c, runtime::WaitReason::SyncCondWait, mu != nullptr ? l : Value(),
           static_cast<int32_t>(ticket), mu == nullptr);
  // Parked (the waker relocks the mutex for us), or woken in place: a
  // *sync.Mutex was relocked by the waker; any other Locker is ours to lock.
  if (mu == nullptr) callLocker(th, l, "Lock");
  return 0;
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
    defineMethod(named, "Wait", condWait, true);
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
