// runtime/park.cpp: the parking side of the park/resume protocol and wait
// queues (the protocol is in runtime/park.h; ready() is in sched.cpp).
#include "runtime/park.h"

#include "runtime/check.h"
#include "runtime/sched.h"
#include "runtime/sched_impl.h"

namespace gsl::runtime {

void Blocker::wait() {
  bool onM = tlsM != nullptr;
  if (onM) enterSyscall();
  {
    MutexLock lock(mu_);
    while (!woken_) cv_.wait(mu_);
  }
  if (onM) exitSyscall();
}

void Blocker::wake() {
  // Notify under the lock: once it is released the waiter may return and
  // its Blocker (on its stack) be gone.
  MutexLock lock(mu_);
  woken_ = true;
  cv_.notifyOne();
}

void wakeWaiter(Waiter* w) {
  Blocker* b = w->blocker;
  G* g = w->g;
  if (b != nullptr) {
    b->wake();
  } else {
    ready(g);
  }
}

bool blockForever(G* g, WaitReason reason, bool canPark) {
  if (canPark) {
    preparePark(g, reason, nullptr, nullptr);
    return true;
  }
  Blocker never;
  never.wait();  // nobody holds it: returns only if the process ends first
  return false;
}

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
