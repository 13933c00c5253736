// stdlib/sync_mutex.cpp: sync.Mutex, sync.RWMutex, sync.Locker and
// RWMutex.RLocker, on the address-keyed wait lists of stdlib/sync_sema.h.
//
// ---- Mutex ------------------------------------------------------------------
// Fields, as Go's: `state int32`, `sema uint32` (sema stays 0: the waiters
// live in the sema table under the Mutex's address). The state word is the
// field's Value word, an int32 Scalar whose payload is
//
//   bit 0  locked      some goroutine owns the mutex
//   bit 2  starving    handoff mode: newcomers queue instead of barging
//   3..    waiters     goroutines queued under the mutex's address
//
// All changes are compare-and-swaps on the whole word (std::atomic_ref);
// the payload sits at bit 20 of the word, so adding n << 20 to the word adds
// n to the payload.
//
// Invariants (with the mutex's bucket lock held): `waiters` equals the
// number of Waiters queued under the address; `starving` implies waiters >
// 0. Waiters are added and removed only under the bucket lock, so a thread
// holding it sees a stable count; `locked` may change under it (fast paths).
//
// Lock: one compare-and-swap 0 → locked when the word is zero. Otherwise
// (lockSlow) spin a little when other processors run and nobody is queued
// (the owner may release it within a few hundred nanoseconds; with waiters
// queued the release goes to one of them), then under the bucket lock: take it
// if it is free and not starving, else count ourselves a waiter and park
// (wait reason `sync.Mutex.Lock`).
//
// Unlock: subtract `locked`; if the word is now zero, done. Otherwise
// (unlockSlow, under the bucket lock) grant the mutex to the first waiter:
// set locked and remove one waiter in one compare-and-swap, then wake it.
// The woken goroutine owns the mutex when it runs: a native that parked
// cannot retry after the wake-up, so the wake-up *is* the acquisition. If
// another goroutine took the free mutex in between (barging, allowed in
// normal mode), unlockSlow leaves it: that owner's Unlock will grant it.
//
// Starvation (Go 1.9's rule, adapted): when the waiter being granted the
// mutex has waited over 1 ms and others still wait, the mutex enters
// handoff mode: newcomers neither spin nor barge but queue behind, so every
// waiter gets the mutex in FIFO order within one acquisition per waiter
// ahead of it. It leaves handoff mode when a waiter that waited less than
// 1 ms, or the last waiter, is granted the mutex.
//
// ---- RWMutex ----------------------------------------------------------------
// One field, `state int64`, an int64 Scalar whose payload is
//
//   bit 0  writer      a writer holds the lock
//   bit 1  wwait       writers are queued (under the address)
//   bit 2  rwait       readers are queued (under the address + 1)
//   3..    readers     readers holding the lock
//
// Invariants (bucket lock held): wwait ⇔ writers queued; rwait ⇔ readers
// queued; rwait ⇒ writer or wwait (a reader waits only behind a writer);
// writer ⇒ readers == 0. The bits are set or cleared only under the bucket
// lock; fast paths change only `readers` (and writer 0 ↔ 1 when the word is
// exactly 0 or exactly writer).
//
// RLock: readers+1 when neither writer nor wwait (a waiting writer blocks
// new readers, as in Go); else queue (`sync.RWMutex.RLock`). RUnlock:
// readers-1; the last reader out with a writer queued grants it the lock.
// Lock: 0 → writer; else queue (`sync.RWMutex.Lock`). Unlock: when readers
// are queued, all of them get the lock (Go lets the readers that arrived
// during a write in before the next writer); else the next writer; else 0.
#include "stdlib/sync_mutex.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "runtime/sched.h"
#include "stdlib/native_support.h"
#include "stdlib/sync_sema.h"
#include "vm/object.h"
#include "vm/panic.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

// ---- Words ------------------------------------------------------------------

constexpr int kPayloadShift = 20;

std::atomic_ref<uint64_t> wordOf(vm::StructObj* s, int field) {
  return std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(&s->fields()[field]));
}

constexpr uint64_t encode(vm::Kind k, int64_t payload) {
  return Value::scalar(static_cast<uint16_t>(k), payload).bits();
}
constexpr int64_t payloadOf(uint64_t word) { return static_cast<int64_t>(word) >> kPayloadShift; }
constexpr uint64_t delta(int64_t n) { return static_cast<uint64_t>(n) << kPayloadShift; }

int64_t nowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// ---- Mutex ------------------------------------------------------------------

constexpr int64_t kLocked = 1;
constexpr int64_t kStarving = 4;
constexpr int64_t kWaiterUnit = 8;
constexpr uint64_t kMutexZero = encode(vm::Kind::Int32, 0);
constexpr uint64_t kMutexLocked = encode(vm::Kind::Int32, kLocked);
constexpr int64_t kStarvationNanos = 1000000;  // Go's starvationThresholdNs

void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Queues w under m (its goroutine not running); bucket lock held and the
// caller has just counted it in the state word.
void queueOnMutex(SemaBucket& b, vm::StructObj* m, runtime::Waiter* w) GSL_REQUIRES(b.mu) {
  w->object = m;
  w->value = Value::smallInt(nowNanos());
  b.queue.pushBack(w);
}

void mutexLockSlow(vm::Thread& th, vm::StructObj* m) {
  auto state = wordOf(m, 0);
  // Spin only when another processor may be running the owner: at
  // GOMAXPROCS=1 the owner cannot release the mutex while we spin.
  if (runtime::maxProcs() > 1) {
    for (int i = 0; i < 4; i++) {
      uint64_t s = state.load(std::memory_order_relaxed);
      int64_t p = payloadOf(s);
      // With waiters queued the next Unlock grants the mutex to one of
      // them: spinning cannot win it.
      if (p & ~kLocked) break;
      if (!(p & kLocked) && state.compare_exchange_weak(s, s + delta(kLocked), std::memory_order_acquire))
        return;
      for (int j = 0; j < 30; j++) cpuRelax();
    }
  }
  SemaBucket& b = semaBucket(m);
  b.mu.lock();
  for (;;) {
    uint64_t s = state.load(std::memory_order_relaxed);
    int64_t p = payloadOf(s);
    if (!(p & kLocked) && !(p & kStarving)) {
      if (state.compare_exchange_weak(s, s + delta(kLocked), std::memory_order_acquire)) {
        b.mu.unlock();
        return;
      }
      continue;
    }
    if (state.compare_exchange_weak(s, s + delta(kWaiterUnit), std::memory_order_relaxed)) {
      semaWait(th, b, m, runtime::WaitReason::SyncMutexLock, Value::smallInt(nowNanos()));
      return;
    }
  }
}

void mutexUnlockSlow(vm::StructObj* m) {
  auto state = wordOf(m, 0);
  SemaBucket& b = semaBucket(m);
  runtime::Waiter* grant = nullptr;
  {
    runtime::MutexLock lock(b.mu);
    for (;;) {
      uint64_t s = state.load(std::memory_order_relaxed);
      int64_t p = payloadOf(s);
      if (p & kLocked) return;  // a newcomer took it; its Unlock grants it
      runtime::Waiter* w = semaFirst(b, m);
      if (w == nullptr) {
        if (!(p & kStarving)) return;
        if (state.compare_exchange_weak(s, s - delta(kStarving), std::memory_order_relaxed)) return;
        continue;
      }
      int64_t np = (p | kLocked) - kWaiterUnit;
      bool longWait = nowNanos() - w->value.asInt() > kStarvationNanos;
      if (longWait && np >= kWaiterUnit) np |= kStarving;
      else np &= ~kStarving;
      if (state.compare_exchange_weak(s, encode(vm::Kind::Int32, np), std::memory_order_acq_rel)) {
        b.queue.remove(w);
        grant = w;
        break;
      }
    }
  }
  semaWake(grant);
}

}  // namespace

void mutexLock(vm::Thread& th, vm::StructObj* m) {
  uint64_t expect = kMutexZero;
  if (wordOf(m, 0).compare_exchange_strong(expect, kMutexLocked, std::memory_order_acquire)) return;
  mutexLockSlow(th, m);
}

void mutexUnlock(vm::StructObj* m) {
  uint64_t old = wordOf(m, 0).fetch_sub(delta(kLocked), std::memory_order_release);
  if (!(payloadOf(old) & kLocked)) vm::fatalError("sync: unlock of unlocked mutex");
  if (old - delta(kLocked) != kMutexZero) mutexUnlockSlow(m);
}

bool mutexLockFor(vm::StructObj* m, runtime::Waiter* w) {
  auto state = wordOf(m, 0);
  SemaBucket& b = semaBucket(m);
  runtime::MutexLock lock(b.mu);
  for (;;) {
    uint64_t s = state.load(std::memory_order_relaxed);
    int64_t p = payloadOf(s);
    if (!(p & kLocked) && !(p & kStarving)) {
      if (state.compare_exchange_weak(s, s + delta(kLocked), std::memory_order_acquire)) return true;
      continue;
    }
    if (state.compare_exchange_weak(s, s + delta(kWaiterUnit), std::memory_order_relaxed)) {
      queueOnMutex(b, m, w);
      // A dump now shows what the goroutine waits for next.
      w->g->waitReason.store(runtime::WaitReason::SyncMutexLock, std::memory_order_relaxed);
      return false;
    }
  }
}

namespace {

bool mutexTryLock(vm::StructObj* m) {
  auto state = wordOf(m, 0);
  uint64_t s = state.load(std::memory_order_relaxed);
  for (;;) {
    int64_t p = payloadOf(s);
    if (p & (kLocked | kStarving)) return false;
    if (state.compare_exchange_weak(s, s + delta(kLocked), std::memory_order_acquire)) return true;
  }
}

int muLock(vm::Thread& th, const Value* args, int, Value*) {
  mutexLock(th, receiverStruct(args));
  return 0;
}

int muUnlock(vm::Thread&, const Value* args, int, Value*) {
  mutexUnlock(receiverStruct(args));
  return 0;
}

int muTryLock(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeBool(mutexTryLock(receiverStruct(args)));
  return 1;
}

// ---- RWMutex ----------------------------------------------------------------

constexpr int64_t kWriter = 1;
constexpr int64_t kWriterWait = 2;
constexpr int64_t kReaderWait = 4;
constexpr int64_t kReaderUnit = 8;
constexpr uint64_t kRWZero = encode(vm::Kind::Int64, 0);
constexpr uint64_t kRWWriter = encode(vm::Kind::Int64, kWriter);

// Readers wait under the address + 1, writers under the address.
const void* readerKey(vm::StructObj* rw) { return reinterpret_cast<const char*>(rw) + 1; }

void rlock(vm::Thread& th, vm::StructObj* rw) {
  auto state = wordOf(rw, 0);
  uint64_t s = state.load(std::memory_order_relaxed);
  while (!(payloadOf(s) & (kWriter | kWriterWait)))
    if (state.compare_exchange_weak(s, s + delta(kReaderUnit), std::memory_order_acquire)) return;
  SemaBucket& b = semaBucket(rw);
  b.mu.lock();
  for (;;) {
    s = state.load(std::memory_order_relaxed);
    int64_t p = payloadOf(s);
    if (!(p & (kWriter | kWriterWait))) {
      if (state.compare_exchange_weak(s, s + delta(kReaderUnit), std::memory_order_acquire)) {
        b.mu.unlock();
        return;
      }
      continue;
    }
    if ((p & kReaderWait) || state.compare_exchange_weak(s, s | delta(kReaderWait), std::memory_order_relaxed)) {
      semaWait(th, b, readerKey(rw), runtime::WaitReason::SyncRWMutexRLock);
      return;
    }
  }
}

// The last reader left while a writer waits: grant it the lock.
void runlockSlow(vm::StructObj* rw) {
  auto state = wordOf(rw, 0);
  SemaBucket& b = semaBucket(rw);
  runtime::Waiter* grant = nullptr;
  {
    runtime::MutexLock lock(b.mu);
    for (;;) {
      uint64_t s = state.load(std::memory_order_relaxed);
      int64_t p = payloadOf(s);
      if ((p & kWriter) || p >= kReaderUnit || !(p & kWriterWait)) return;
      runtime::Waiter* w = semaFirst(b, rw);
      if (w == nullptr) return;  // cannot happen: wwait means a writer is queued
      int64_t np = p | kWriter;
      bool more = false;
      for (runtime::Waiter* x = w->next; x != nullptr && !more; x = x->next) more = x->object == rw;
      if (!more) np &= ~kWriterWait;
      if (state.compare_exchange_weak(s, encode(vm::Kind::Int64, np), std::memory_order_acq_rel)) {
        b.queue.remove(w);
        grant = w;
        break;
      }
    }
  }
  semaWake(grant);
}

void runlock(vm::StructObj* rw) {
  uint64_t old = wordOf(rw, 0).fetch_sub(delta(kReaderUnit), std::memory_order_release);
  int64_t p = payloadOf(old);
  if (p < kReaderUnit) vm::fatalError("sync: RUnlock of unlocked RWMutex");
  p -= kReaderUnit;
  if (p < kReaderUnit && (p & kWriterWait) && !(p & kWriter)) runlockSlow(rw);
}

void wlock(vm::Thread& th, vm::StructObj* rw) {
  auto state = wordOf(rw, 0);
  uint64_t expect = kRWZero;
  if (state.compare_exchange_strong(expect, kRWWriter, std::memory_order_acquire)) return;
  SemaBucket& b = semaBucket(rw);
  b.mu.lock();
  for (;;) {
    uint64_t s = state.load(std::memory_order_relaxed);
    int64_t p = payloadOf(s);
    if (!(p & kWriter) && p < kReaderUnit) {
      if (state.compare_exchange_weak(s, s | delta(kWriter), std::memory_order_acquire)) {
        b.mu.unlock();
        return;
      }
      continue;
    }
    if ((p & kWriterWait) || state.compare_exchange_weak(s, s | delta(kWriterWait), std::memory_order_relaxed)) {
      semaWait(th, b, rw, runtime::WaitReason::SyncRWMutexLock);
      return;
    }
  }
}

void wunlock(vm::StructObj* rw) {
  auto state = wordOf(rw, 0);
  uint64_t s = state.load(std::memory_order_relaxed);
  if (!(payloadOf(s) & kWriter)) vm::fatalError("sync: Unlock of unlocked RWMutex");
  if (s == kRWWriter && state.compare_exchange_strong(s, kRWZero, std::memory_order_release)) return;
  SemaBucket& b = semaBucket(rw);
  runtime::Waiter* readers = nullptr;
  runtime::Waiter* writer = nullptr;
  {
    runtime::MutexLock lock(b.mu);
    s = state.load(std::memory_order_relaxed);
    int64_t p = payloadOf(s);
    if (!(p & kWriter)) vm::fatalError("sync: Unlock of unlocked RWMutex");
    if (p & kReaderWait) {
      // Every queued reader gets the lock; queued writers keep waiting.
      int64_t n = 0;
      runtime::Waiter** tail = &readers;
      const void* key = readerKey(rw);
      while (runtime::Waiter* w = semaFirst(b, key)) {
        b.queue.remove(w);
        *tail = w;
        tail = &w->next;
        n++;
      }
      int64_t np = (p & ~(kWriter | kReaderWait)) + n * kReaderUnit;
      state.store(encode(vm::Kind::Int64, np), std::memory_order_release);
    } else if (p & kWriterWait) {
      // The writer bit stays set: ownership passes to the next writer.
      writer = semaFirst(b, rw);
      b.queue.remove(writer);
      if (semaFirst(b, rw) == nullptr) state.store(encode(vm::Kind::Int64, p & ~kWriterWait), std::memory_order_release);
    } else {
      state.store(kRWZero, std::memory_order_release);
    }
  }
  while (readers != nullptr) {
    runtime::Waiter* next = readers->next;
    readers->next = nullptr;
    semaWake(readers);
    readers = next;
  }
  if (writer != nullptr) semaWake(writer);
}

bool tryWLock(vm::StructObj* rw) {
  uint64_t expect = kRWZero;
  return wordOf(rw, 0).compare_exchange_strong(expect, kRWWriter, std::memory_order_acquire);
}

bool tryRLock(vm::StructObj* rw) {
  auto state = wordOf(rw, 0);
  uint64_t s = state.load(std::memory_order_relaxed);
  for (;;) {
    if (payloadOf(s) & (kWriter | kWriterWait)) return false;
    if (state.compare_exchange_weak(s, s + delta(kReaderUnit), std::memory_order_acquire)) return true;
  }
}

int rwLock(vm::Thread& th, const Value* args, int, Value*) {
  wlock(th, receiverStruct(args));
  return 0;
}
int rwUnlock(vm::Thread&, const Value* args, int, Value*) {
  wunlock(receiverStruct(args));
  return 0;
}
int rwRLock(vm::Thread& th, const Value* args, int, Value*) {
  rlock(th, receiverStruct(args));
  return 0;
}
int rwRUnlock(vm::Thread&, const Value* args, int, Value*) {
  runlock(receiverStruct(args));
  return 0;
}
int rwTryLock(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeBool(tryWLock(receiverStruct(args)));
  return 1;
}
int rwTryRLock(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeBool(tryRLock(receiverStruct(args)));
  return 1;
}

// rw.RLocker(): a *sync.rlocker whose Lock and Unlock are rw's RLock and
// RUnlock. Go converts the pointer; here the rlocker holds it.
const vm::Type* rlockerType();

vm::StructObj* rlockerTarget(const Value* args) {
  vm::StructObj* r = receiverStruct(args);
  Value rw = r->fields()[0];
  if (!rw.isRef()) vm::throwNilDereference();
  return static_cast<vm::StructObj*>(rw.refTarget());
}
int rlLock(vm::Thread& th, const Value* args, int, Value*) {
  rlock(th, rlockerTarget(args));
  return 0;
}
int rlUnlock(vm::Thread&, const Value* args, int, Value*) {
  runlock(rlockerTarget(args));
  return 0;
}

const vm::Type* rlockerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("sync", "rlocker", {field("rw", vm::pointerTo(rwMutexType()))});
    defineMethod(named, "Lock", rlLock, true);
    defineMethod(named, "Unlock", rlUnlock, true);
    return named;
  }();
  return t;
}

int rwRLocker(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* r = vm::newStruct(rlockerType());
  Value rw = args[0];
  if (!rw.isRef()) vm::throwNilDereference();
  r->fields()[0] = rw;
  out[0] = Value::ref(r);
  return 1;
}

}  // namespace

const vm::Type* mutexType() {
  static const vm::Type* t = [] {
    vm::Type* named =
        defineStruct("sync", "Mutex", {field("state", vm::types::int32Type()), field("sema", vm::types::uint32Type())});
    defineMethod(named, "Lock", muLock, true);
    defineMethod(named, "Unlock", muUnlock, true);
    defineMethod(named, "TryLock", muTryLock, true);
    return named;
  }();
  return t;
}

const vm::Type* rwMutexType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("sync", "RWMutex", {field("state", vm::types::int64Type())});
    defineMethod(named, "Lock", rwLock, true);
    defineMethod(named, "Unlock", rwUnlock, true);
    defineMethod(named, "RLock", rwRLock, true);
    defineMethod(named, "RUnlock", rwRUnlock, true);
    defineMethod(named, "TryLock", rwTryLock, true);
    defineMethod(named, "TryRLock", rwTryRLock, true);
    defineMethod(named, "RLocker", rwRLocker, true);
    return named;
  }();
  return t;
}

const vm::Type* lockerType() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms{vm::IMethod{"Lock", nullptr}, vm::IMethod{"Unlock", nullptr}};
    return defineNamed("sync", "Locker", vm::interfaceOf(ms));
  }();
  return t;
}

namespace {

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"sync",
                                        "sync",
                                        {typeMember("Mutex", mutexType), typeMember("RWMutex", rwMutexType),
                                         typeMember("Locker", lockerType)}});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
