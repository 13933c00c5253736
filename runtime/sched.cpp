// runtime/sched.cpp: the goroutine scheduler.
//
// Design note
// ===========
//
// The shape is Go's (src/runtime/proc.go), for the same reasons: goroutines
// (G) are multiplexed onto OS threads (M); an M must hold a P (processor) to
// run a G; there are GOMAXPROCS Ps. Each P has a local run queue (a ring of
// 256 plus runnext, runtime/runq.h) that only its M adds to, so the common
// path (a goroutine readies another, a `go` statement) takes no lock. One
// global queue (a list under the scheduler lock) takes overflow and Gs made
// runnable by threads without a P.
//
// The scheduling loop (scheduleLoop → findRunnable → execute) of an M:
//   1. Run due timers (one atomic load when none is due).
//   2. Every 61st time slice, take one G from the global queue first, so a
//      P whose local queue never empties cannot starve it (61: Go's prime,
//      out of step with any periodic pattern).
//   3. Local queue: runnext, then the ring.
//   4. Global queue (a batch: its share, at most half a ring).
//   5. Steal: four passes over the other Ps in a random order (random start,
//      random stride coprime with GOMAXPROCS), taking half of a victim's
//      ring; the last pass may take runnext too.
//   6. Nothing: release the P and park the M on its condition variable.
// execute() calls Hooks::run(g), which returns Yield (g goes to the back of
// the global queue, as Go's preemption and Gosched do), Park (the park
// completes: runtime/park.h), or Exit (g goes to the P's free list).
//
// Spinning. An M in step 5 is "spinning" (looking for work it has not
// found). At most half the busy Ps may have a spinning M (more would only
// contend on the same queues), and a new runnable G wakes an idle M only if
// there is an idle P and no M is spinning (wakep): the spinning M will find
// the G, and when it does it stops spinning and wakes another M to keep
// looking (resetSpinning). This keeps thread wake-ups to what the work
// needs, while no G is left unseen:
//   * A waker publishes the G (run-queue release store), then, after a
//     StoreLoad barrier, reads nmspinning_ (wakep).
//   * A spinning M that gives up decrements nmspinning_, then, after a
//     StoreLoad barrier, re-reads every P's queue, and if one has work,
//     takes an idle P and spins again.
//   Either the waker sees the spinner (who then sees the G) or the spinner
//   sees the G. (Go's "spinning → non-spinning transition" argument.)
//   A G put on the global queue is safe more simply: it is put under the
//   scheduler lock, and an M releases its P only after checking the global
//   queue under that same lock.
//
// Parking an M. An idle M sits on the idle M list and waits on its own
// condition variable with the scheduler lock. It is woken by startm, which
// gives it a P (M::nextp) under the lock; or, if it is the "timer waiter",
// by its deadline or by an earlier timer being added (runtime/timer.h).
// No M busy-waits: the only spinning is the bounded steal passes.
//
// Blocking system calls (runtime/syscall.cpp). enterSyscall puts the M's P
// in state Syscall without giving it away; if the call returns quickly the
// M takes it back with one compare-exchange. sysmon (runtime/sysmon.cpp)
// retakes a P that has stayed in Syscall for a whole sysmon tick (>= 20 µs)
// and hands it to another M. An M back from a system call that finds its P
// gone takes an idle P, or waits on the syscall-waiter list: the next P to
// be released goes to it, and every M checks that list at each scheduling
// point, handing over its P. (Go instead queues the G globally and lets any
// M run it; here the goroutine's native frame is on this M's C++ stack, so
// the goroutine must continue on this M.)
//
// Preemption (runtime/sysmon.cpp). The interpreter yields when its
// instruction budget runs out; on top of that sysmon sets G::preempt on a G
// whose P has been in one time slice for over 10 ms (P::schedtick
// unchanged), which the budget check also reads.
//
// Deadlock (checkdeadLocked). When the last M goes idle (all Ms on the idle
// list), no timer is pending and no G is runnable, running or in a system
// call, nothing can ever make progress: Hooks::onDeadlock, then exit 2.
//
// Designs rejected:
//  * One global queue only: every ready/spawn would take a lock; the local
//    rings make the common path lock-free and keep a ping-pong pair on one
//    thread (runnext).
//  * A thread per goroutine: 1,000,000 goroutines must be cheap.
//  * Waking an M for every new G: most would find nothing (the spinning
//    rule above wakes one at a time).
//  * Busy-waiting idle Ms: wastes a core per idle M on a 2-core machine.
//  * Yield to the back of the yielding P's own ring (lock-free): a goroutine
//    that spawns faster than its P runs the new ones keeps the ring busy,
//    the spawned goroutines overflow to the global queue, which then
//    drains by one G every 61 slices, and the backlog grows without bound
//    (measured: a loop starting 1,000,000 goroutines at GOMAXPROCS=1 held
//    them all, 870 MB). Yielding to the global queue puts the yielder
//    behind its own overflow, as in Go; the lock is taken once per time
//    slice.
//
// Locks, atomics and their partners: runtime/sched_impl.h.
#include "runtime/sched.h"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <numeric>

#include "runtime/check.h"
#include "runtime/park.h"
#include "runtime/sched_impl.h"
#include "runtime/signal.h"
#include "runtime/timer.h"

namespace gsl::runtime {

thread_local M* tlsM = nullptr;

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr auto kAcquire = std::memory_order_acquire;
constexpr auto kRelease = std::memory_order_release;
constexpr auto kSeqCst = std::memory_order_seq_cst;

Hooks gHooks;
std::atomic<Scheduler*> gSched{nullptr};

// Finished Gs kept on a P before half of them move to the global list
// (Go's numbers).
constexpr uint32_t kLocalFreeGs = 64;
constexpr uint32_t kFreeGBatch = 32;

uint32_t nextRand(M* m) {
  uint64_t x = m->rand;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  m->rand = x;
  return static_cast<uint32_t>(x >> 32);
}

// A stride in [1, n] coprime with n: stepping by it from any start visits
// every P exactly once.
uint32_t coprimeStride(uint32_t n, uint32_t r) {
  uint32_t step = r % n + 1;
  while (std::gcd(step, n) != 1) step = step % n + 1;
  return step;
}

void writeStderr(const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(2, s.data() + off, s.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace

void throwInternal(const char* what, const char* file, int line, const char* func) {
  std::fprintf(stderr, "fatal error: runtime: internal error: %s\n\tat %s:%d (%s)\n", what, file,
               line, func);
  std::fflush(stderr);
  std::abort();
}

void setHooks(const Hooks& h) { gHooks = h; }
const Hooks& hooks() { return gHooks; }

void* pinnedAlloc(size_t bytes) {
  void* p = gHooks.allocPinned ? gHooks.allocPinned(bytes) : std::calloc(1, bytes);
  GSL_RUNTIME_CHECK(p != nullptr);
  return p;
}

void pinnedFree(void* p) {
  if (gHooks.freePinned) gHooks.freePinned(p);
  else std::free(p);
}

Scheduler* currentScheduler() {
  if (M* m = tlsM) return m->sched;
  return gSched.load(kAcquire);
}

void storeLoadBarrier() {
#if defined(__SANITIZE_THREAD__)
  static std::atomic<uint32_t> fence{0};
  fence.fetch_add(0, kSeqCst);
#else
  std::atomic_thread_fence(kSeqCst);
#endif
}

// ---- Lifecycle ----------------------------------------------------------------

Scheduler::Scheduler(const Config& config) : config_(config), startTime_(nanotime()) {}

Scheduler::~Scheduler() {
  // Only reached when every M has been joined: nothing runs any more.
  for (G* g : allgs_) {
    if (g->timer) pinnedFree(g->timer);
    if (g->sel) pinnedFree(g->sel);
    g->~G();
    pinnedFree(g);
  }
  for (M* m : allm_) delete m;
  for (auto& slot : allp_) delete slot.load(kRelaxed);
}

int Scheduler::run(void* mainTask) {
  GSL_RUNTIME_CHECK(gHooks.run != nullptr);
  // Before any M or sysmon exists, so that they inherit the blocked mask
  // (runtime/signal.h).
  initSignals();
  signalsProgramStart();
  resetTimers();
  gSched.store(this, kRelease);
  int32_t n = config_.maxProcs > 0 ? std::min(config_.maxProcs, kMaxProcs) : numCPU();
  {
    MutexLock lock(lock_);
    std::vector<P*> runnable, idle;
    procresize(n, nullptr, &runnable, &idle);
    for (P* p : idle) pidleput(p);
    G* g = allocG();
    g->task = mainTask;
    g->id.store(1, kRelaxed);
    goidgen_.store(1, kRelaxed);
    ngoroutines_.store(1, kRelaxed);
    casStatus(g, GStatus::Idle, GStatus::Runnable);
    mainG_ = g;
    globrunqput(g);
  }
  sysmonThread_ = std::thread([this] { sysmonLoop(); });
  startm(nullptr, false);

  int code;
  std::vector<M*> ms;
  {
    MutexLock lock(lock_);
    // Ms blocked in system calls are not waited for: they may never return
    // (a read of a terminal nobody types into).
    while (!(exiting_.load(kSeqCst) && liveMs_ <= mInSyscall_.load(kSeqCst))) exitCv_.wait(lock_);
    code = exitCode_;
  }
  {
    MutexLock lock(sysmonLock_);
    sysmonStop_ = true;
  }
  sysmonCv_.notifyAll();
  sysmonThread_.join();
  bool all = true;
  {
    MutexLock lock(lock_);
    for (M* m : allm_) {
      if (m->exited) ms.push_back(m);
      else all = false;
    }
    for (M* m : allm_)
      if (!m->exited) m->thread.detach();
  }
  for (M* m : ms) m->thread.join();
  allJoined_ = all;
  // Timers still pending (goroutines asleep at exit) may live in Gs that
  // the destructor frees: forget them while they are valid.
  if (all) resetTimers();
  Scheduler* self = this;
  gSched.compare_exchange_strong(self, nullptr);
  return code;
}

void Scheduler::mstart(M* m) {
  tlsM = m;
  if (gHooks.threadStart) gHooks.threadStart();
  m->rand = 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(m->id + 1) | 1;
  P* p;
  {
    MutexLock lock(lock_);
    p = m->nextp;
    m->nextp = nullptr;
  }
  bool run = true;
  if (p) acquirep(m, p);
  else run = stopm(m);
  if (run) scheduleLoop(m);
  {
    MutexLock lock(lock_);
    liveMs_--;
    m->exited = true;
    exitCv_.notifyAll();
  }
  if (gHooks.threadExit) gHooks.threadExit();
  tlsM = nullptr;
}

// ---- The scheduling loop ------------------------------------------------------

void Scheduler::scheduleLoop(M* m) {
  G* next = nullptr;  // a G to run at once (its park was cancelled)
  bool inherit = false;
  for (;;) {
    if (exiting_.load(kAcquire)) return;
    if (next == nullptr) {
      if (m->p == nullptr) {
        if (!stopm(m)) return;
        continue;
      }
      if (gcwaiting_.load(kAcquire)) {
        gcstopm(m);
        continue;
      }
      if (nSyscallWaiters_.load(kRelaxed) > 0 && handOffToSyscallWaiter(m)) continue;
      next = findRunnable(m, &inherit);
      if (next == nullptr) continue;
      if (m->spinning) resetSpinning(m);
    }
    G* g = next;
    next = execute(m, g, inherit);
    inherit = true;
  }
}

G* Scheduler::findRunnable(M* m, bool* inheritTime) {
  for (;;) {
    if (exiting_.load(kAcquire) || gcwaiting_.load(kAcquire)) return nullptr;
    P* p = m->p;
    *inheritTime = false;

    int64_t when = nextTimerWhen();
    if (when != 0) {
      int64_t now = nanotime();
      if (when <= now) runTimers(now);
    }

    if (p->schedtick.load(kRelaxed) % 61 == 0 && runqSize_.load(kRelaxed) > 0) {
      MutexLock lock(lock_);
      if (G* g = globrunqget(p, 1)) return g;
    }
    if (G* g = p->runq.get(inheritTime)) return g;
    if (runqSize_.load(kRelaxed) > 0) {
      MutexLock lock(lock_);
      if (G* g = globrunqget(p, 0)) return g;
    }

    int32_t procs = gomaxprocs_.load(kAcquire);
    if (m->spinning || 2 * nmspinning_.load(kSeqCst) < procs - npidle_.load(kSeqCst)) {
      if (!m->spinning) {
        m->spinning = true;
        nmspinning_.fetch_add(1, kSeqCst);
      }
      if (G* g = stealWork(m)) return g;
      if (exiting_.load(kAcquire) || gcwaiting_.load(kAcquire)) return nullptr;
    }

    // Nothing to do: give up the P.
    lock_.lock();
    if (exiting_.load(kAcquire) || gcwaiting_.load(kAcquire)) {
      lock_.unlock();
      return nullptr;
    }
    if (runq_.size > 0) {
      G* g = globrunqget(p, 0);
      lock_.unlock();
      return g;
    }
    releasep(m);
    pReleasedLocked(p);
    lock_.unlock();

    if (m->spinning) {
      m->spinning = false;
      int32_t left = nmspinning_.fetch_sub(1, kSeqCst) - 1;
      GSL_RUNTIME_CHECK(left >= 0);
      // Pairs with wakep's barrier: a G readied after our last look by an
      // M that saw us spinning (and so woke nobody) is visible now.
      storeLoadBarrier();
      bool again = false;
      int32_t n = gomaxprocs_.load(kAcquire);
      for (int32_t i = 0; i < n && !again; i++) {
        P* q = allpAt(i);
        if (q == nullptr || q->runq.empty()) continue;
        lock_.lock();
        P* idle = pidleget();
        lock_.unlock();
        if (idle) {
          acquirep(m, idle);
          m->spinning = true;
          nmspinning_.fetch_add(1, kSeqCst);
          again = true;
        }
        break;
      }
      if (again) continue;
    }
    if (!stopm(m)) return nullptr;
  }
}

G* Scheduler::stealWork(M* m) {
  P* p = m->p;
  uint32_t n = static_cast<uint32_t>(gomaxprocs_.load(kAcquire));
  if (n <= 1) return nullptr;
  // Four passes, as Go: a victim may refill between passes, and the last
  // pass also takes runnext, which the owner is about to run itself.
  for (int pass = 0; pass < 4; pass++) {
    bool lastPass = pass == 3;
    uint32_t r = nextRand(m);
    uint32_t pos = r % n;
    uint32_t stride = coprimeStride(n, r >> 12);
    for (uint32_t k = 0; k < n; k++, pos = (pos + stride) % n) {
      if (gcwaiting_.load(kRelaxed) || exiting_.load(kRelaxed)) return nullptr;
      P* victim = allpAt(static_cast<int32_t>(pos));
      if (victim == nullptr || victim == p) continue;
      PStatus st = victim->status.load(kAcquire);
      // Idle Ps have empty queues; stopped and dead ones are off limits.
      if (st != PStatus::Running && st != PStatus::Syscall) continue;
      if (G* g = p->runq.steal(victim->runq, lastPass, st == PStatus::Running)) return g;
    }
  }
  return nullptr;
}

G* Scheduler::execute(M* m, G* g, bool inheritTime) {
  P* p = m->p;
  casStatus(g, GStatus::Runnable, GStatus::Running);
  g->m = m;
  g->preempt.store(false, kRelaxed);
  m->curg.store(g, kRelease);
  // A G taken from runnext shares the slice of the G that readied it, so
  // that a ping-pong pair is preempted like one long-running G.
  if (!inheritTime) p->schedtick.store(p->schedtick.load(kRelaxed) + 1, kRelaxed);

  RunResult r = gHooks.run(g);

  m->curg.store(nullptr, kRelease);
  switch (r) {
    case RunResult::Yield: {
      // To the back of the global queue, behind whatever overflowed from
      // the local ring meanwhile (see "Designs rejected").
      casStatus(g, GStatus::Running, GStatus::Runnable);
      g->m = nullptr;
      MutexLock lock(lock_);
      globrunqput(g);
      return nullptr;
    }
    case RunResult::Park:
      return finishPark(m, g);
    case RunResult::Exit:
      goexit(m, g);
      return nullptr;
  }
  GSL_RUNTIME_CHECK(false && "bad RunResult");
  return nullptr;
}

G* Scheduler::finishPark(M*, G* g) {
  UnlockFn unlock = g->parkUnlock;
  void* arg = g->parkArg;
  g->parkUnlock = nullptr;
  g->parkArg = nullptr;
  g->m = nullptr;
  // The hook has returned: this M no longer uses g's stack. Only now may
  // g be seen as Waiting, and only after that may the object's lock (held
  // since g registered on its wait queue) be released.
  casStatus(g, GStatus::Running, GStatus::Waiting);
  if (unlock != nullptr && !unlock(g, arg)) {
    casStatus(g, GStatus::Waiting, GStatus::Runnable);
    return g;
  }
  // g may already be running on another M: do not touch it.
  return nullptr;
}

void Scheduler::goexit(M* m, G* g) {
  bool isMain = g == mainG_;
  casStatus(g, GStatus::Running, GStatus::Dead);
  // A forEachG callback may be reading g->task (it saw g alive a moment
  // ago): if one is in progress, clear it under allgsLock_, which that
  // callback holds. Otherwise none can read it: a forEachG starting later
  // sees g Dead (Dekker with forEachActive_: status, then count, against
  // count, then status).
  storeLoadBarrier();
  if (forEachActive_.load(kSeqCst) != 0) {
    MutexLock lock(allgsLock_);
    g->task = nullptr;
  } else {
    g->task = nullptr;
  }
  g->m = nullptr;
  g->parkValue = vm::Value();
  g->waitReason.store(WaitReason::None, kRelaxed);
  ngoroutines_.fetch_sub(1, kRelaxed);
  if (m->p) {
    gfput(m->p, g);
  } else {
    MutexLock lock(gFreeLock_);
    gFree_.pushBack(g);
  }
  // Go: when main.main returns, the program exits.
  if (isMain) exitProgram(0);
}

// ---- Ms: parking and waking ---------------------------------------------------

bool Scheduler::stopm(M* m) {
  GSL_RUNTIME_CHECK(m->p == nullptr);
  lock_.lock();
  mput(m);
  if (checkdeadLocked()) {
    lock_.unlock();
    reportDeadlock();
    lock_.lock();
  }
  for (;;) {
    if (m->nextp != nullptr) break;
    if (exiting_.load(kAcquire)) {
      if (m->idle) midleRemove(m);
      if (timerWaiter_ == m) timerWaiter_ = nullptr;
      lock_.unlock();
      return false;
    }
    if (timerWaiter_ == nullptr && timersPending()) timerWaiter_ = m;
    if (timerWaiter_ != m) {
      m->park.wait(lock_);
      continue;
    }
    // The timer waiter: sleep until the earliest deadline (an earlier
    // timer, or a P for us, wakes us sooner), then run what is due.
    int64_t when = nextTimerWhen();
    if (when == 0) {
      timerWaiter_ = nullptr;
      continue;
    }
    int64_t now = nanotime();
    if (when > now) {
      timerWaiterUntil_ = when;
      m->park.waitUntil(lock_, when);
      continue;
    }
    timerWaiter_ = nullptr;
    midleRemove(m);
    if (P* p = pidleget()) {
      // findRunnable runs the timers first thing, with this P.
      m->nextp = p;
      break;
    }
    // Every P is busy (so some M will soon look at timers anyway): run
    // them here; readied Gs go to the global queue.
    lock_.unlock();
    runTimers(now);
    lock_.lock();
    mput(m);
    if (checkdeadLocked()) {
      lock_.unlock();
      reportDeadlock();
      lock_.lock();
    }
  }
  P* p = m->nextp;
  m->nextp = nullptr;
  lock_.unlock();
  acquirep(m, p);
  return true;
}

void Scheduler::startm(P* p, bool spinning) {
  MutexLock lock(lock_);
  if (exiting_.load(kAcquire)) {
    if (spinning) nmspinning_.fetch_sub(1, kSeqCst);
    return;
  }
  if (p == nullptr) {
    p = pidleget();
    if (p == nullptr) {
      if (spinning) nmspinning_.fetch_sub(1, kSeqCst);
      return;
    }
  }
  M* nm = mget();
  if (nm == nullptr) {
    newmLocked(p, spinning);
    return;
  }
  nm->spinning = spinning;
  nm->nextp = p;
  nm->park.notifyOne();
}

void Scheduler::wakep() {
  // Pairs with the barrier of an M that stops spinning (findRunnable): the
  // G our caller just published is visible to it, or its decrement is
  // visible to us.
  storeLoadBarrier();
  if (npidle_.load(kSeqCst) == 0) return;
  if (nmspinning_.load(kSeqCst) != 0) return;
  int32_t zero = 0;
  if (!nmspinning_.compare_exchange_strong(zero, 1, kSeqCst)) return;
  startm(nullptr, true);
}

void Scheduler::resetSpinning(M* m) {
  m->spinning = false;
  int32_t left = nmspinning_.fetch_sub(1, kSeqCst) - 1;
  GSL_RUNTIME_CHECK(left >= 0);
  // We found work; there may be more. Start another spinner so that it is
  // not left waiting (Go's deliberately conservative wake-up policy).
  wakep();
}

bool Scheduler::handOffToSyscallWaiter(M* m) {
  MutexLock lock(lock_);
  if (syscallWaiters_ == nullptr) return false;
  P* p = releasep(m);
  pReleasedLocked(p);
  return true;
}

M* Scheduler::newmLocked(P* p, bool spinning) {
  M* m = new M(mcount_, this);
  m->nextp = p;
  m->spinning = spinning;
  allm_.push_back(m);
  mcount_++;
  liveMs_++;
  m->thread = std::thread([this, m] { mstart(m); });
  return m;
}

void Scheduler::acquirep(M* m, P* p) {
  GSL_RUNTIME_CHECK(m->p == nullptr);
  GSL_RUNTIME_CHECK(p->status.load(kAcquire) == PStatus::Idle);
  m->p = p;
  p->m.store(m, kRelaxed);
  p->status.store(PStatus::Running, kRelease);
}

P* Scheduler::releasep(M* m) {
  P* p = m->p;
  GSL_RUNTIME_CHECK(p != nullptr && p->status.load(kAcquire) == PStatus::Running);
  p->m.store(nullptr, kRelaxed);
  p->status.store(PStatus::Idle, kRelease);
  m->p = nullptr;
  return p;
}

void Scheduler::runqput(P* p, G* g, bool next) {
  GList overflow;
  if (!p->runq.put(g, next, &overflow)) {
    MutexLock lock(lock_);
    globrunqputBatch(&overflow);
  }
}

// ---- Lists under the scheduler lock ---------------------------------------------

void Scheduler::pidleput(P* p) {
  GSL_RUNTIME_CHECK(p->runq.empty());
  GSL_RUNTIME_CHECK(syscallWaiters_ == nullptr);
  p->link = pidle_;
  pidle_ = p;
  npidle_.store(npidle_.load(kRelaxed) + 1, kSeqCst);
}

P* Scheduler::pidleget() {
  P* p = pidle_;
  if (p == nullptr) return nullptr;
  pidle_ = p->link;
  p->link = nullptr;
  npidle_.store(npidle_.load(kRelaxed) - 1, kSeqCst);
  return p;
}

void Scheduler::pReleasedLocked(P* p) {
  if (gcwaiting_.load(kAcquire)) {
    p->status.store(PStatus::Stopped, kRelease);
    if (--stopwait_ == 0) stopCv_.notifyAll();
    return;
  }
  if (M* w = syscallWaiters_) {
    syscallWaiters_ = w->link;
    w->link = nullptr;
    nSyscallWaiters_.store(nSyscallWaiters_.load(kRelaxed) - 1, kRelaxed);
    w->nextp = p;
    w->park.notifyOne();
    return;
  }
  pidleput(p);
}

void Scheduler::mput(M* m) {
  GSL_RUNTIME_CHECK(!m->idle);
  m->link = midle_;
  midle_ = m;
  m->idle = true;
  nmidle_++;
}

M* Scheduler::mget() {
  M* m = midle_;
  if (m == nullptr) return nullptr;
  midle_ = m->link;
  m->link = nullptr;
  m->idle = false;
  nmidle_--;
  if (timerWaiter_ == m) {
    // Keep a timer waiter among the idle Ms: wake the next one to take over.
    timerWaiter_ = nullptr;
    if (midle_) midle_->park.notifyOne();
  }
  return m;
}

void Scheduler::midleRemove(M* m) {
  for (M** link = &midle_; *link; link = &(*link)->link) {
    if (*link == m) {
      *link = m->link;
      m->link = nullptr;
      m->idle = false;
      nmidle_--;
      return;
    }
  }
  GSL_RUNTIME_CHECK(false && "M not on the idle list");
}

void Scheduler::globrunqput(G* g) {
  runq_.pushBack(g);
  runqSize_.store(static_cast<int32_t>(runq_.size), kRelaxed);
}

void Scheduler::globrunqputBatch(GList* batch) {
  runq_.append(*batch);
  runqSize_.store(static_cast<int32_t>(runq_.size), kRelaxed);
}

G* Scheduler::globrunqget(P* p, uint32_t max) {
  if (runq_.size == 0) return nullptr;
  // Take this P's share, so that the other Ps find some too.
  uint32_t procs = static_cast<uint32_t>(gomaxprocs_.load(kRelaxed));
  uint32_t n = std::min(runq_.size / procs + 1, runq_.size);
  if (max > 0) n = std::min(n, max);
  n = std::min(n, RunQueue::kSize / 2);
  G* g = runq_.popFront();
  // The caller found its local ring empty: half a ring always fits.
  for (n--; n > 0; n--) {
    GList overflow;
    bool fit = p->runq.put(runq_.popFront(), false, &overflow);
    GSL_RUNTIME_CHECK(fit);
  }
  runqSize_.store(static_cast<int32_t>(runq_.size), kRelaxed);
  return g;
}

void Scheduler::ensureTimerWaiterLocked() {
  if (!timersPending() || timerWaiter_ != nullptr || exiting_.load(kAcquire)) return;
  if (midle_ != nullptr) {
    // It appoints itself in stopm's loop.
    midle_->park.notifyOne();
    return;
  }
  // No M is idle. If none holds a P either (all in system calls), nobody
  // would look at the clock: start one that will.
  if (npidle_.load(kRelaxed) == gomaxprocs_.load(kRelaxed)) newmLocked(nullptr, false);
}

void Scheduler::timerBecameEarliest(int64_t when) {
  MutexLock lock(lock_);
  if (timerWaiter_ != nullptr) {
    if (when < timerWaiterUntil_) timerWaiter_->park.notifyOne();
    return;
  }
  ensureTimerWaiterLocked();
}

// ---- Deadlock -------------------------------------------------------------------

bool Scheduler::checkdeadLocked() {
  if (exiting_.load(kAcquire) || deadlockReported_ || gcwaiting_.load(kAcquire)) return false;
  // A signal may still arrive and wake a goroutine (runtime/signal.h).
  if (signalNotifyUsed()) return false;
  // An M that is not idle holds a P, is in a system call, waits for a P or
  // is starting: it may still make progress.
  if (mcount_ - nmidle_ > 0) return false;
  if (timersPending()) return false;
  // A G put on the global queue by a thread that is not an M (its wakep is
  // on the way).
  if (runq_.size > 0) return false;
  {
    MutexLock lock(allgsLock_);
    for (G* g : allgs_) {
      GStatus s = readStatus(g);
      if (s == GStatus::Runnable || s == GStatus::Running || s == GStatus::Syscall) return false;
    }
  }
  deadlockReported_ = true;
  return true;
}

void Scheduler::reportDeadlock() {
  if (gHooks.onDeadlock) {
    gHooks.onDeadlock();
  } else {
    std::string out = "fatal error: all goroutines are asleep - deadlock!\n\n";
    forEachG(
        [](G* g, void* ctx) { *static_cast<std::string*>(ctx) += goroutineHeader(g) + "\n\n"; },
        &out);
    writeStderr(out);
  }
  exitProgram(2);
}

// ---- Goroutines ---------------------------------------------------------------

G* Scheduler::allocG() {
  G* g = new (pinnedAlloc(sizeof(G))) G();
  MutexLock lock(allgsLock_);
  allgs_.push_back(g);
  return g;
}

G* Scheduler::gfget(P* p) {
  if (p->gFree.empty()) {
    MutexLock lock(gFreeLock_);
    for (uint32_t i = 0; i < kFreeGBatch && !gFree_.empty(); i++) p->gFree.pushBack(gFree_.popFront());
  }
  G* g = p->gFree.popFront();
  p->gFreeCount.store(p->gFree.size, kRelaxed);
  return g;
}

void Scheduler::gfput(P* p, G* g) {
  p->gFree.pushBack(g);
  if (p->gFree.size >= kLocalFreeGs) {
    MutexLock lock(gFreeLock_);
    while (p->gFree.size > kFreeGBatch) gFree_.pushBack(p->gFree.popFront());
  }
  p->gFreeCount.store(p->gFree.size, kRelaxed);
}

G* Scheduler::spawn(void* task) {
  M* m = tlsM;
  P* p = m != nullptr && m->sched == this ? m->p : nullptr;
  G* g = p ? gfget(p) : nullptr;
  if (g == nullptr) {
    MutexLock lock(gFreeLock_);
    g = gFree_.popFront();
  }
  if (g == nullptr) g = allocG();
  GStatus from = readStatus(g);  // Idle (new) or Dead (reused)
  g->task = task;
  g->parkValue = vm::Value();
  g->parkSuccess = false;
  g->parkCase = -1;
  g->parkUnlock = nullptr;
  g->parkArg = nullptr;
  g->waitReason.store(WaitReason::None, kRelaxed);
  g->preempt.store(false, kRelaxed);
  g->selectDone.store(0, kRelaxed);
  g->waiter = Waiter();
  g->id.store(goidgen_.fetch_add(1, kRelaxed) + 1, kRelaxed);
  ngoroutines_.fetch_add(1, kRelaxed);
  casStatus(g, from, GStatus::Runnable);
  if (p) {
    runqput(p, g, true);
  } else {
    MutexLock lock(lock_);
    globrunqput(g);
  }
  wakep();
  return g;
}

void Scheduler::ready(G* g) {
  casStatus(g, GStatus::Waiting, GStatus::Runnable);
  M* m = tlsM;
  P* p = m != nullptr && m->sched == this ? m->p : nullptr;
  if (p) {
    runqput(p, g, true);
  } else {
    MutexLock lock(lock_);
    globrunqput(g);
  }
  wakep();
}

void Scheduler::exitProgram(int code) {
  {
    MutexLock lock(lock_);
    if (exiting_.load(kAcquire)) return;
    exitCode_ = code;
    exiting_.store(true, kSeqCst);
    for (M* m : allm_) m->park.notifyAll();
    stopCv_.notifyAll();
    exitCv_.notifyAll();
  }
  MutexLock lock(allgsLock_);
  for (G* g : allgs_) g->preempt.store(true, kRelaxed);
}

void Scheduler::forEachG(void (*fn)(G* g, void* ctx), void* ctx) {
  forEachActive_.fetch_add(1, kSeqCst);
  {
    MutexLock lock(allgsLock_);
    for (G* g : allgs_) {
      GStatus s = readStatus(g);
      if (s != GStatus::Idle && s != GStatus::Dead) fn(g, ctx);
    }
  }
  forEachActive_.fetch_sub(1, kSeqCst);
}

// ---- Public interface ----------------------------------------------------------

int runMain(void* mainTask, const Config& config) {
  auto* s = new Scheduler(config);
  int code = s->run(mainTask);
  // Ms still blocked in system calls keep using the scheduler: it is then
  // left allocated for the rest of the process.
  if (s->allMsJoined()) delete s;
  return code;
}

G* spawn(void* task) {
  Scheduler* s = currentScheduler();
  GSL_RUNTIME_CHECK(s != nullptr);
  return s->spawn(task);
}

void ready(G* g) {
  Scheduler* s = currentScheduler();
  GSL_RUNTIME_CHECK(s != nullptr);
  s->ready(g);
}

void exitProgram(int code) {
  if (Scheduler* s = currentScheduler()) s->exitProgram(code);
}

int setMaxProcs(int n) {
  Scheduler* s = currentScheduler();
  GSL_RUNTIME_CHECK(s != nullptr);
  return s->setMaxProcs(n);
}

int maxProcs() {
  if (Scheduler* s = currentScheduler()) return s->maxProcs();
  Config c = Config::fromEnvironment();
  return c.maxProcs > 0 ? c.maxProcs : numCPU();
}

int numCPU() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return std::min(n, kMaxProcs);
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<int>(std::min<long>(n, kMaxProcs)) : 1;
}

int64_t numGoroutine() {
  Scheduler* s = currentScheduler();
  return s ? s->numGoroutine() : 0;
}

G* currentG() {
  M* m = tlsM;
  return m ? m->curg.load(kRelaxed) : nullptr;
}

void enterSyscall() {
  M* m = tlsM;
  GSL_RUNTIME_CHECK(m != nullptr);
  m->sched->enterSyscall();
}

void exitSyscall() {
  M* m = tlsM;
  GSL_RUNTIME_CHECK(m != nullptr);
  m->sched->exitSyscall();
}

void forEachG(void (*fn)(G* g, void* ctx), void* ctx) {
  if (Scheduler* s = currentScheduler()) s->forEachG(fn, ctx);
}

std::string goroutineHeader(const G* g) {
  GStatus s = readStatus(g);
  std::string what;
  switch (s) {
    case GStatus::Waiting: what = waitReasonString(g->waitReason.load(kRelaxed)); break;
    default: what = statusString(s); break;
  }
  return "goroutine " + std::to_string(g->id.load(kRelaxed)) + " [" + what + "]:";
}

std::string schedTrace(bool detail) {
  Scheduler* s = currentScheduler();
  return s ? s->schedTrace(detail) : std::string();
}

void timerBecameEarliest(int64_t when) {
  if (Scheduler* s = currentScheduler()) s->timerBecameEarliest(when);
}

Config Config::fromEnvironment() { return parse(std::getenv("GOMAXPROCS"), std::getenv("GSLDEBUG")); }

Config Config::parse(const char* gomaxprocs, const char* gsldebug) {
  Config c;
  auto parseInt = [](std::string_view s, int* out) {
    if (s.empty() || s.size() > 9) return false;
    int v = 0;
    for (char ch : s) {
      if (ch < '0' || ch > '9') return false;
      v = v * 10 + (ch - '0');
    }
    *out = v;
    return true;
  };
  int n;
  if (gomaxprocs && parseInt(gomaxprocs, &n) && n > 0) c.maxProcs = std::min(n, kMaxProcs);
  if (gsldebug) {
    std::string_view rest = gsldebug;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      size_t eq = item.find('=');
      if (eq == std::string_view::npos) continue;
      std::string_view key = item.substr(0, eq);
      int v;
      if (!parseInt(item.substr(eq + 1), &v)) continue;
      if (key == "schedtrace") c.schedTraceMs = v;
      else if (key == "scheddetail") c.schedDetail = v != 0;
    }
  }
  return c;
}

}  // namespace gsl::runtime
