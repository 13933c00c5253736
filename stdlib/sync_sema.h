// stdlib/sync_sema.h: the wait lists of package sync, keyed by address (Go's
// semaRoot table), and the helpers that park a goroutine on them through the
// runtime's park/resume protocol (runtime/park.h).
//
// Why a table keyed by address rather than a queue object in each value:
// Go's Mutex, RWMutex, Once and Cond are plain words (state, counters), and
// copying one copies those words and nothing else (a copied locked Mutex is
// locked, and its waiters stay with the original). Keeping the queue outside
// the value, under the value's address, gives exactly that: the struct holds
// only integers, prints as Go's does ({0 0}), and a copy has a different
// address and so no waiters. The collector never moves objects, and a value
// with waiters stays reachable from their registers, so an address cannot be
// reused while anyone waits under it.
//
// Structure and invariants. 251 buckets (Go's number); each has a
// runtime::Mutex and one FIFO WaitQueue holding the Waiters of every key that
// hashes to it, each Waiter tagged with its key in Waiter::object. A key's
// waiters are thus in arrival order within the bucket. Everything in a
// bucket is guarded by its lock; bucket locks are leaves of the lock order
// (never two at once, never held across ready() or script code).
//
// A woken waiter has been *granted* what it waited for (the mutex, a read
// lock, a Cond signal): a native that parks cannot run again after the
// wake-up (the interpreter continues after its call), so the waker finishes
// the operation on the waiter's behalf before waking it.
#pragma once

#include <atomic>
#include <cstdint>

#include "runtime/g.h"
#include "runtime/lock.h"
#include "runtime/park.h"
#include "vm/object.h"
#include "vm/thread.h"

namespace gsl::stdlib {

struct SemaBucket {
  runtime::Mutex mu;
  runtime::WaitQueue queue GSL_GUARDED_BY(mu);
};

// The bucket of `key` (any address).
SemaBucket& semaBucket(const void* key);

// The first waiter under `key` in b, or null. b.mu held.
runtime::Waiter* semaFirst(SemaBucket& b, const void* key) GSL_REQUIRES(b.mu);
// The number of waiters under `key` in b. b.mu held.
int64_t semaCount(SemaBucket& b, const void* key) GSL_REQUIRES(b.mu);

// Enqueues the running goroutine of th under `key` and makes it wait, with
// b.mu held on entry; b.mu is released in every case. When the goroutine
// may park, this fills in its Waiter, calls preparePark (the scheduler
// releases b.mu once the goroutine is Waiting) and sets th.parkRequested:
// the calling native must return at once. Otherwise (script code inside a
// native's callback) it waits in place and returns once woken. `value` is
// stored in the Waiter for the waker (a Cond waiter's mutex), `ticket` in
// its caseIndex. inPlace forces waiting in place (a caller that has more
// script code to run after the wake-up, such as Cond.Wait relocking a
// Locker that is not a *sync.Mutex).
void semaWait(vm::Thread& th, SemaBucket& b, const void* key, runtime::WaitReason reason,
              vm::Value value = vm::Value(), int32_t ticket = -1, bool inPlace = false)
    GSL_RELEASE(b.mu);

// Field i of struct s as an atomic word (a sync value's state). The field
// holds an integer Value whose payload starts at bit 20 (vm/value.h).
inline std::atomic_ref<uint64_t> fieldWord(vm::StructObj* s, int i) {
  return std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(&s->fields()[i]));
}

// Wakes w, already removed from its queue and granted what it waited for.
// Never with a bucket lock held.
inline void semaWake(runtime::Waiter* w) { runtime::wakeWaiter(w); }

}  // namespace gsl::stdlib
