// runtime/park.cpp: the parking side of the park/resume protocol and wait
// queues (the protocol is in runtime/park.h; ready() is in sched.cpp).
#include "runtime/park.h"

#include "runtime/check.h"

namespace gsl::runtime {

void preparePark(G* g, WaitReason reason, UnlockFn unlock, void* arg) {
  GSL_RUNTIME_CHECK(readStatus(g) == GStatus::Running);
  // Published to dumps by the scheduler's Running → Waiting change.
  g->waitReason.store(reason, std::memory_order_relaxed);
  g->parkUnlock = unlock;
  g->parkArg = arg;
}

// The lock was taken by the parking goroutine's code, out of the
// analysis' sight.
bool unlockMutex(G*, void* mutex) GSL_NO_THREAD_SAFETY_ANALYSIS {
  static_cast<Mutex*>(mutex)->unlock();
  return true;
}

void WaitQueue::pushBack(Waiter* w) {
  GSL_RUNTIME_CHECK(!w->queued);
  w->next = nullptr;
  w->prev = last_;
  if (last_) last_->next = w;
  else first_ = w;
  last_ = w;
  w->queued = true;
}

void WaitQueue::remove(Waiter* w) {
  if (!w->queued) return;
  if (w->prev) w->prev->next = w->next;
  else first_ = w->next;
  if (w->next) w->next->prev = w->prev;
  else last_ = w->prev;
  w->next = w->prev = nullptr;
  w->queued = false;
}

Waiter* WaitQueue::dequeue() {
  while (Waiter* w = first_) {
    remove(w);
    if (w->isSelect) {
      // Another object may have woken this goroutine's select already.
      uint32_t expect = 0;
      if (!w->g->selectDone.compare_exchange_strong(expect, 1, std::memory_order_acq_rel))
        continue;
    }
    return w;
  }
  return nullptr;
}

}  // namespace gsl::runtime
