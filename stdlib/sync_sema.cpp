// stdlib/sync_sema.cpp: the address-keyed wait lists of package sync (see
// stdlib/sync_sema.h for the structure, its invariants and its lock).
#include "stdlib/sync_sema.h"

#include "vm/goroutine.h"

namespace gsl::stdlib {

namespace {

constexpr uintptr_t kBuckets = 251;  // Go's semTabSize: a prime, so strides spread

SemaBucket gBuckets[kBuckets];

}  // namespace

SemaBucket& semaBucket(const void* key) {
  // Objects are 16-byte aligned; drop the bits that never vary.
  return gBuckets[(reinterpret_cast<uintptr_t>(key) >> 3) % kBuckets];
}

runtime::Waiter* semaFirst(SemaBucket& b, const void* key) {
  for (runtime::Waiter* w = b.queue.front(); w != nullptr; w = w->next)
    if (w->object == key) return w;
  return nullptr;
}

int64_t semaCount(SemaBucket& b, const void* key) {
  int64_t n = 0;
  for (runtime::Waiter* w = b.queue.front(); w != nullptr; w = w->next)
    if (w->object == key) n++;
  return n;
}

// The park path leaves b.mu held for the scheduler to release (step 7 of
// the protocol), which the analysis cannot follow.
void semaWait(vm::Thread& th, SemaBucket& b, const void* key, runtime::WaitReason reason,
              vm::Value value, int32_t ticket, bool inPlace) GSL_NO_THREAD_SAFETY_ANALYSIS {
  runtime::G* g = vm::goroutineOf(th);
  runtime::Waiter* w = &g->waiter;
  *w = runtime::Waiter();
  w->g = g;
  w->object = const_cast<void*>(key);
  w->value = value;
  w->caseIndex = ticket;
  if (!inPlace && vm::canPark(th)) {
    b.queue.pushBack(w);
    runtime::preparePark(g, reason, runtime::unlockMutex, &b.mu);
    th.parkRequested = true;
    return;
  }
  runtime::Blocker blocker;
  w->blocker = &blocker;
  b.queue.pushBack(w);
  b.mu.unlock();
  blocker.wait();
}

}  // namespace gsl::stdlib
