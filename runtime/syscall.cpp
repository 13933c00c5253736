// runtime/syscall.cpp: blocking system calls: enterSyscall / exitSyscall,
// Go's entersyscall / exitsyscall.
//
// Protocol (the M running goroutine g, holding P p):
//
//   enterSyscall:  g Running → Syscall; the M lets go of p (m->p = null,
//                  m->oldp = p) and publishes p->status = Syscall. From now
//                  on sysmon may retake p (CAS Syscall → Idle, then
//                  handoffp), and a stop-the-world may stop it (CAS
//                  Syscall → Stopped). Thieves may steal p's queued Gs.
//   ...the blocking call...
//   exitSyscall:   fast path: CAS p->status Syscall → Running: nobody took
//                  it, carry on (one atomic; short calls cost almost
//                  nothing). Slow path: take an idle P; if there is none,
//                  join the syscall-waiter list and sleep until a P is handed
//                  over (the next P released anywhere, or the P of the next
//                  M to reach a scheduling point). Then g Syscall → Running.
//
// The goroutine continues on the same M in every case: its native's C++
// frame is on this M's stack (Go can move the goroutine to another M; a
// C++ frame cannot move).
//
// Memory order. p->status is the handover point: enterSyscall stores
// Syscall with seq_cst (release is what the taker needs: it then owns p's
// queue and counters; seq_cst also orders it before the gcwaiting_ load
// that follows, against the stop-the-world's store of gcwaiting_ and its
// scan of the statuses). Every taker (sysmon, stop-the-world, the M itself)
// uses a compare-exchange acq_rel, so exactly one of them wins.
//
// Exit. mInSyscall_ (seq_cst) counts Ms between the two calls; runMain does
// not wait for them. An M that finds the program exiting in exitSyscall
// never returns into the program: it parks for good.
#include "runtime/check.h"
#include "runtime/sched_impl.h"

namespace gsl::runtime {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr auto kAcquire = std::memory_order_acquire;
constexpr auto kSeqCst = std::memory_order_seq_cst;
constexpr auto kAcqRel = std::memory_order_acq_rel;

[[noreturn]] void parkForever() {
  static Mutex* mu = new Mutex;
  static CondVar* cv = new CondVar;
  mu->lock();
  for (;;) cv->wait(*mu);
}

}  // namespace

void Scheduler::enterSyscall() {
  M* m = tlsM;
  G* g = m->curg.load(kRelaxed);
  P* p = m->p;
  GSL_RUNTIME_CHECK(g != nullptr && p != nullptr);
  mInSyscall_.fetch_add(1, kSeqCst);
  m->inSyscall.store(true, kRelaxed);
  p->syscalltick.fetch_add(1, kRelaxed);
  casStatus(g, GStatus::Running, GStatus::Syscall);
  m->oldp = p;
  m->p = nullptr;
  p->m.store(nullptr, kRelaxed);
  p->status.store(PStatus::Syscall, kSeqCst);

  if (gcwaiting_.load(kSeqCst)) {
    // A stop-the-world is waiting for Ps: give it this one now.
    MutexLock lock(lock_);
    PStatus expect = PStatus::Syscall;
    if (gcwaiting_.load(kAcquire) && p->status.compare_exchange_strong(expect, PStatus::Stopped, kAcqRel)) {
      if (--stopwait_ == 0) stopCv_.notifyAll();
    }
  }
  if (exiting_.load(kSeqCst)) {
    // runMain may be waiting for this M to stop; it need not any more.
    MutexLock lock(lock_);
    exitCv_.notifyAll();
  }
}

void Scheduler::exitSyscall() {
  M* m = tlsM;
  G* g = m->curg.load(kRelaxed);
  P* oldp = m->oldp;
  GSL_RUNTIME_CHECK(g != nullptr && oldp != nullptr && m->p == nullptr);
  m->oldp = nullptr;
  if (exiting_.load(kSeqCst)) parkForever();

  PStatus expect = PStatus::Syscall;
  if (oldp->status.compare_exchange_strong(expect, PStatus::Running, kAcqRel)) {
    // Fast path: nobody took our P.
    m->p = oldp;
    oldp->m.store(m, kRelaxed);
    oldp->syscalltick.fetch_add(1, kRelaxed);
  } else {
    lock_.lock();
    P* p = pidleget();
    if (p == nullptr) {
      // Wait for the next P to be released (pReleasedLocked) or handed over
      // at a scheduling point (handOffToSyscallWaiter).
      m->link = syscallWaiters_;
      syscallWaiters_ = m;
      nSyscallWaiters_.store(nSyscallWaiters_.load(kRelaxed) + 1, kRelaxed);
      while (m->nextp == nullptr && !exiting_.load(kAcquire)) m->park.wait(lock_);
      if (m->nextp == nullptr) {
        lock_.unlock();
        parkForever();
      }
      p = m->nextp;
      m->nextp = nullptr;
    }
    lock_.unlock();
    acquirep(m, p);
  }
  casStatus(g, GStatus::Syscall, GStatus::Running);
  m->inSyscall.store(false, kRelaxed);
  mInSyscall_.fetch_sub(1, kSeqCst);
}

}  // namespace gsl::runtime
