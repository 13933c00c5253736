// runtime/procresize.cpp: stopping the world and changing GOMAXPROCS.
//
// runtime.GOMAXPROCS(n) changes the set of Ps, which every M's scheduling
// loop reads. It is done with the world stopped, as Go does:
//
//   stopTheWorld:  gcwaiting_ = true; stopwait_ = GOMAXPROCS. Every P must
//                  reach state Stopped, each counted once (stopwait_--):
//                    * the caller's own P, at once;
//                    * idle Ps, taken off the idle list at once;
//                    * Ps in Syscall, by compare-exchange Syscall → Stopped
//                      (here, or by enterSyscall if it sees gcwaiting_);
//                    * running Ps, by their Ms at the next scheduling point
//                      (gcstopm), hurried by the preemption flag, which is
//                      set again every 100 µs until all have stopped;
//                    * a P retaken by sysmon meanwhile, by pReleasedLocked.
//   procresize:    creates Ps up to n (P objects are kept forever, so
//                  thieves and sysmon may read allp_ without a lock), moves
//                  the queues and free Gs of Ps beyond n to the global lists
//                  and marks them Dead, keeps a P for the caller, and sorts
//                  the other Ps into those with work and idle ones.
//   startTheWorld: gcwaiting_ = false; Ms that were waiting in exitSyscall
//                  get Ps first (those with work first), then Ps with work
//                  go to idle or new Ms, and the rest to the idle list.
//
// Ms blocked in exitSyscall while the world is stopped find no idle P and
// wait as syscall waiters. A second goroutine asking to stop the world
// while a stop is in progress gives its P up through enterSyscall /
// exitSyscall and tries again once it has a P back.
#include <time.h>

#include <vector>

#include "runtime/check.h"
#include "runtime/sched_impl.h"
#include "runtime/timer.h"

namespace gsl::runtime {

namespace {
constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr auto kAcquire = std::memory_order_acquire;
constexpr auto kRelease = std::memory_order_release;
constexpr auto kSeqCst = std::memory_order_seq_cst;
constexpr auto kAcqRel = std::memory_order_acq_rel;
// How often a stopping world re-sends its preemption requests.
constexpr int64_t kStopRetryNs = 100'000;
}  // namespace

int Scheduler::setMaxProcs(int n) {
  int32_t old = gomaxprocs_.load(kAcquire);
  if (n <= 0 || n == old) return old;
  if (n > kMaxProcs) n = kMaxProcs;
  M* m = tlsM;
  GSL_RUNTIME_CHECK(m != nullptr && m->sched == this && m->p != nullptr);
  if (!stopTheWorld(m)) return old;
  {
    MutexLock lock(lock_);
    std::vector<P*> runnable, idle;
    procresize(n, m, &runnable, &idle);
    startTheWorldLocked(runnable, idle);
  }
  wakep();
  return old;
}

bool Scheduler::stopTheWorld(M* m) {
  lock_.lock();
  while (gcwaiting_.load(kAcquire)) {
    // Someone else is stopping the world and waits for our P.
    lock_.unlock();
    enterSyscall();
    exitSyscall();
    lock_.lock();
  }
  if (exiting_.load(kAcquire)) {
    lock_.unlock();
    return false;
  }
  gcwaiting_.store(true, kSeqCst);
  int32_t n = gomaxprocs_.load(kRelaxed);
  stopwait_ = n;
  m->p->status.store(PStatus::Stopped, kRelease);
  stopwait_--;
  while (P* p = pidleget()) {
    p->status.store(PStatus::Stopped, kRelease);
    stopwait_--;
  }
  while (stopwait_ > 0 && !exiting_.load(kAcquire)) {
    preemptall();
    for (int32_t i = 0; i < n; i++) {
      P* p = allpAt(i);
      PStatus expect = PStatus::Syscall;
      if (p->status.compare_exchange_strong(expect, PStatus::Stopped, kAcqRel)) {
        p->syscalltick.fetch_add(1, kRelaxed);
        stopwait_--;
      }
    }
    if (stopwait_ > 0) stopCv_.waitUntil(lock_, nanotime() + kStopRetryNs);
  }
  bool stopped = stopwait_ == 0 && !exiting_.load(kAcquire);
  if (!stopped) {
    // The program is exiting: leave the world as it is.
    m->p->status.store(PStatus::Running, kRelease);
  }
  lock_.unlock();
  return stopped;
}

bool Scheduler::freezeWorld(int64_t timeoutNs, std::vector<G*>* running) {
  int64_t deadline = nanotime() + timeoutNs;
  lock_.lock();
  // A GOMAXPROCS change in progress finishes first (it restarts the world
  // within microseconds).
  while (gcwaiting_.load(kAcquire) && nanotime() < deadline) {
    lock_.unlock();
    struct timespec ts = {0, 100'000};
    nanosleep(&ts, nullptr);
    lock_.lock();
  }
  if (gcwaiting_.load(kAcquire)) {
    lock_.unlock();
    return false;
  }
  int32_t n = gomaxprocs_.load(kRelaxed);
  for (int32_t i = 0; i < n; i++) {
    P* p = allpAt(i);
    if (p->status.load(kAcquire) != PStatus::Running) continue;
    M* m = p->m.load(kRelaxed);
    G* g = m != nullptr ? m->curg.load(kAcquire) : nullptr;
    if (g != nullptr) running->push_back(g);
  }
  gcwaiting_.store(true, kSeqCst);
  stopwait_ = n;
  // Called by a goroutine (a fatal error): its own P stops here and now.
  M* self = tlsM;
  if (self != nullptr && self->sched == this && self->p != nullptr) {
    self->p->status.store(PStatus::Stopped, kRelease);
    stopwait_--;
  }
  while (P* p = pidleget()) {
    p->status.store(PStatus::Stopped, kRelease);
    stopwait_--;
  }
  while (stopwait_ > 0 && !exiting_.load(kAcquire) && nanotime() < deadline) {
    preemptall();
    for (int32_t i = 0; i < n; i++) {
      P* p = allpAt(i);
      PStatus expect = PStatus::Syscall;
      if (p->status.compare_exchange_strong(expect, PStatus::Stopped, kAcqRel)) {
        p->syscalltick.fetch_add(1, kRelaxed);
        stopwait_--;
      }
    }
    if (stopwait_ > 0) stopCv_.waitUntil(lock_, nanotime() + kStopRetryNs);
  }
  bool stopped = stopwait_ == 0;
  lock_.unlock();
  return stopped;
}

void Scheduler::gcstopm(M* m) {
  if (m->spinning) {
    m->spinning = false;
    nmspinning_.fetch_sub(1, kSeqCst);
  }
  MutexLock lock(lock_);
  if (!gcwaiting_.load(kAcquire)) return;  // restarted meanwhile: keep the P
  P* p = releasep(m);
  pReleasedLocked(p);  // counts it as stopped
}

void Scheduler::procresize(int32_t n, M* caller, std::vector<P*>* runnable, std::vector<P*>* idle) {
  int32_t old = gomaxprocs_.load(kRelaxed);
  for (int32_t i = 0; i < n; i++) {
    P* p = allpAt(i);
    if (p == nullptr) {
      p = new P(i);
      allp_[i].store(p, kRelease);
    }
    if (i >= old) p->status.store(PStatus::Stopped, kRelease);
  }
  for (int32_t i = n; i < old; i++) {
    P* p = allpAt(i);
    GList gs;
    p->runq.drain(&gs);
    globrunqputBatch(&gs);
    if (!p->gFree.empty()) {
      MutexLock lock(gFreeLock_);
      gFree_.append(p->gFree);
      p->gFreeCount.store(0, kRelaxed);
    }
    p->m.store(nullptr, kRelaxed);
    p->status.store(PStatus::Dead, kRelease);
  }
  gomaxprocs_.store(n, kRelease);

  P* keep = caller ? caller->p : nullptr;
  if (keep != nullptr && keep->id >= n) {
    caller->p = nullptr;  // its P is dead now
    keep = nullptr;
  }
  if (caller != nullptr && keep == nullptr) {
    keep = allpAt(0);
    keep->status.store(PStatus::Idle, kRelease);
    acquirep(caller, keep);
  } else if (keep != nullptr) {
    keep->status.store(PStatus::Running, kRelease);
  }
  for (int32_t i = n - 1; i >= 0; i--) {
    P* p = allpAt(i);
    if (p == keep) continue;
    p->m.store(nullptr, kRelaxed);
    p->status.store(PStatus::Idle, kRelease);
    (p->runq.empty() ? idle : runnable)->push_back(p);
  }
}

void Scheduler::startTheWorldLocked(std::vector<P*>& runnable, std::vector<P*>& idle) {
  gcwaiting_.store(false, kSeqCst);
  // Ms waiting in exitSyscall hold a goroutine mid-call: serve them first,
  // with Ps that have work, then with idle ones.
  auto serveWaiter = [this](P* p) GSL_REQUIRES(lock_) {
    M* w = syscallWaiters_;
    syscallWaiters_ = w->link;
    w->link = nullptr;
    nSyscallWaiters_.store(nSyscallWaiters_.load(kRelaxed) - 1, kRelaxed);
    w->nextp = p;
    w->park.notifyOne();
  };
  for (P* p : runnable) {
    if (syscallWaiters_ != nullptr) {
      serveWaiter(p);
      continue;
    }
    if (M* nm = mget()) {
      nm->spinning = false;
      nm->nextp = p;
      nm->park.notifyOne();
    } else {
      newmLocked(p, false);
    }
  }
  for (P* p : idle) {
    if (syscallWaiters_ != nullptr) serveWaiter(p);
    else pidleput(p);
  }
}

}  // namespace gsl::runtime
