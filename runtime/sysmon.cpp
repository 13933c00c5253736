// runtime/sysmon.cpp: sysmon, the monitor thread: preemption of long
// runners, retaking Ps from Ms blocked in system calls, the timer
// backstop, and schedtrace.
//
// sysmon is a plain thread, not an M: it holds no P and runs no goroutine.
// It wakes every 20 µs while it finds something to do and backs off,
// doubling its sleep after 50 idle rounds (1 ms), up to 10 ms (Go's
// numbers: fine-grained enough to retake a P within tens of microseconds
// of a call blocking, cheap when nothing happens).
//
// Each round, for every P (P objects are never freed, so it reads allp_
// without a lock and checks each P's status):
//  * Preemption: if the P is running and its schedtick has not changed for
//    10 ms (Go's forcePreemptNS), the G it runs has had the CPU too long
//    (a ping-pong pair counts as one G, see execute's inheritTime): set
//    G::preempt, which the interpreter's budget check reads.
//  * Retake: if the P has been in Syscall since the previous round (its
//    syscalltick unchanged, so the same call for at least one tick), take it
//    by compare-exchange Syscall → Idle and hand it off (handoffp): to an M
//    that runs its queue if it has work, else to the idle list. A P with no
//    work is left alone for up to 10 ms when other Ms are spinning or other
//    Ps idle (nothing would run on it anyway; Go's rule).
// The P fields sysmon keeps (sysmonSchedtick ...) are its own: no other
// thread touches them.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "runtime/check.h"
#include "runtime/sched_impl.h"
#include "runtime/timer.h"

#include <unistd.h>

namespace gsl::runtime {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr auto kAcquire = std::memory_order_acquire;
constexpr auto kSeqCst = std::memory_order_seq_cst;

constexpr int64_t kMinDelayNs = 20'000;          // 20 µs
constexpr int64_t kMaxDelayNs = 10'000'000;      // 10 ms
constexpr int kIdleRoundsBeforeBackoff = 50;
constexpr int64_t kForcePreemptNs = 10'000'000;  // 10 ms, Go's forcePreemptNS
constexpr int64_t kSyscallGraceNs = 10'000'000;  // 10 ms, see retake
// A timer overdue by this much with nobody watching the clock gets one.
constexpr int64_t kTimerBackstopNs = 1'000'000;

void writeTraceText(const std::string& s) {
  if (hooks().writeTrace) {
    hooks().writeTrace(s.data(), s.size());
    return;
  }
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(2, s.data() + off, s.size() - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

}  // namespace

void Scheduler::sysmonLoop() {
  int64_t delay = kMinDelayNs;
  int idleRounds = 0;
  int64_t traceEvery = static_cast<int64_t>(config_.schedTraceMs) * 1'000'000;
  // Like Go, the first line (SCHED 0ms) comes at once.
  int64_t nextTrace = startTime_;
  for (;;) {
    if (idleRounds == 0) delay = kMinDelayNs;
    else if (idleRounds > kIdleRoundsBeforeBackoff) delay = std::min(delay * 2, kMaxDelayNs);
    int64_t until = nanotime() + delay;
    if (traceEvery > 0) until = std::min(until, nextTrace);
    {
      MutexLock lock(sysmonLock_);
      while (!sysmonStop_ && nanotime() < until) sysmonCv_.waitUntil(sysmonLock_, until);
      if (sysmonStop_) return;
    }
    int64_t now = nanotime();
    if (retake(now) != 0) idleRounds = 0;
    else idleRounds++;

    int64_t when = nextTimerWhen();
    if (when != 0 && when + kTimerBackstopNs < now) {
      MutexLock lock(lock_);
      ensureTimerWaiterLocked();
    }

    if (traceEvery > 0 && now >= nextTrace) {
      writeTraceText(schedTrace(config_.schedDetail) + "\n");
      while (nextTrace <= now) nextTrace += traceEvery;
    }
  }
}

uint32_t Scheduler::retake(int64_t now) {
  uint32_t taken = 0;
  int32_t n = gomaxprocs_.load(kAcquire);
  for (int32_t i = 0; i < n; i++) {
    P* p = allpAt(i);
    if (p == nullptr) continue;
    PStatus s = p->status.load(kAcquire);
    if (s == PStatus::Running || s == PStatus::Syscall) {
      uint32_t t = p->schedtick.load(kRelaxed);
      if (p->sysmonSchedtick != t) {
        p->sysmonSchedtick = t;
        p->sysmonSchedwhen = now;
      } else if (p->sysmonSchedwhen + kForcePreemptNs <= now) {
        preemptone(p);
        taken++;  // count as activity: keep watching closely
      }
    }
    if (s != PStatus::Syscall) continue;
    uint32_t t = p->syscalltick.load(kRelaxed);
    if (p->sysmonSyscalltick != t) {
      // A call we have not seen before: give it one round.
      p->sysmonSyscalltick = t;
      p->sysmonSyscallwhen = now;
      continue;
    }
    if (p->runq.empty() && nmspinning_.load(kSeqCst) + npidle_.load(kSeqCst) > 0 &&
        p->sysmonSyscallwhen + kSyscallGraceNs > now)
      continue;
    PStatus expect = PStatus::Syscall;
    if (p->status.compare_exchange_strong(expect, PStatus::Idle, std::memory_order_acq_rel)) {
      p->syscalltick.fetch_add(1, kRelaxed);
      taken++;
      handoffp(p);
    }
  }
  return taken;
}

void Scheduler::handoffp(P* p) {
  // p is Idle and nobody holds it. If it has work, start an M for it.
  if (!p->runq.empty() || runqSize_.load(kRelaxed) > 0) {
    startm(p, false);
    return;
  }
  // No work here, and nobody looking for any: start a spinning M with it,
  // in case work appears that only this P could take.
  if (nmspinning_.load(kSeqCst) + npidle_.load(kSeqCst) == 0) {
    int32_t zero = 0;
    if (nmspinning_.compare_exchange_strong(zero, 1, kSeqCst)) {
      startm(p, true);
      return;
    }
  }
  lock_.lock();
  if (!gcwaiting_.load(kAcquire) && runq_.size > 0) {
    lock_.unlock();
    startm(p, false);
    return;
  }
  pReleasedLocked(p);
  ensureTimerWaiterLocked();
  lock_.unlock();
}

void Scheduler::preemptone(P* p) {
  M* m = p->m.load(kRelaxed);
  if (m == nullptr) return;
  // A stale curg (the M moved on) only makes that G yield early.
  G* g = m->curg.load(kAcquire);
  if (g != nullptr) g->preempt.store(true, kRelaxed);
}

void Scheduler::preemptall() {
  int32_t n = gomaxprocs_.load(kAcquire);
  for (int32_t i = 0; i < n; i++) {
    P* p = allpAt(i);
    if (p != nullptr && p->status.load(kAcquire) == PStatus::Running) preemptone(p);
  }
}

namespace {

// Go's numbering of G states (runtime2.go: _Gidle 0, _Grunnable 1,
// _Grunning 2, _Gsyscall 3, _Gwaiting 4, _Gdead 6), which scheddetail prints.
int goStatusNumber(GStatus s) {
  switch (s) {
    case GStatus::Idle: return 0;
    case GStatus::Runnable: return 1;
    case GStatus::Running: return 2;
    case GStatus::Syscall: return 3;
    case GStatus::Waiting: return 4;
    case GStatus::Dead: return 6;
  }
  return 0;
}

}  // namespace

std::string Scheduler::schedTrace(bool detail) {
  // Go 1.19's format (proc.go, schedtrace):
  //   SCHED 1000ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=0
  //   idlethreads=1 runqueue=0 [3 1]
  // and with detail, instead of the brackets, " gcwaiting=0 nmidlelocked=0
  // stopwait=0 sysmonwait=0" and one line per P, M and G. Fields Go has and
  // gsl has no counterpart for (mallocing, throwing, preemptoff, locks,
  // dying, lockedg, lockedm, nmidlelocked, sysmonwait) print the values an
  // ordinary Go program shows, so that tools reading Go's format read ours.
  int64_t now = nanotime();
  // As Go: times count from the first trace, which prints SCHED 0ms.
  int64_t base = 0;
  if (!traceStart_.compare_exchange_strong(base, now, kRelaxed)) now = std::max(now, base);
  else base = now;
  int32_t timers = timerCount();
  MutexLock lock(lock_);
  int32_t n = gomaxprocs_.load(kAcquire);
  std::string out = "SCHED " + std::to_string((now - base) / 1'000'000) + "ms:";
  out += " gomaxprocs=" + std::to_string(n);
  out += " idleprocs=" + std::to_string(npidle_.load(kRelaxed));
  // Go counts sysmon among its threads (it is an M there).
  out += " threads=" + std::to_string(mcount_ + 1);
  out += " spinningthreads=" + std::to_string(nmspinning_.load(kRelaxed));
  out += " idlethreads=" + std::to_string(nmidle_);
  out += " runqueue=" + std::to_string(runq_.size);
  if (!detail) {
    out += " [";
    for (int32_t i = 0; i < n; i++) {
      if (i) out += ' ';
      P* p = allpAt(i);
      out += std::to_string(p ? p->runq.size() : 0);
    }
    out += "]";
    return out;
  }
  out += " gcwaiting=" + std::to_string(gcwaiting_.load(kRelaxed) ? 1 : 0);
  out += " nmidlelocked=0";
  out += " stopwait=" + std::to_string(stopwait_);
  out += " sysmonwait=0";
  // Which P each M holds, read from the Ps' side (P::m is atomic; M::p is
  // its thread's own).
  std::vector<std::pair<const M*, int32_t>> held;
  for (int32_t i = 0; i < n; i++) {
    P* p = allpAt(i);
    if (p == nullptr) continue;
    M* m = p->m.load(kRelaxed);
    if (m != nullptr && p->status.load(kAcquire) == PStatus::Running) held.emplace_back(m, i);
    // One timer heap for the program (docs/runtime.md §9): P0 shows it.
    out += "\n  P" + std::to_string(i) +
           ": status=" + std::to_string(static_cast<int>(p->status.load(kAcquire))) +
           " schedtick=" + std::to_string(p->schedtick.load(kRelaxed)) +
           " syscalltick=" + std::to_string(p->syscalltick.load(kRelaxed)) +
           " m=" + (m ? std::to_string(m->id) : std::string("-1")) +
           " runqsize=" + std::to_string(p->runq.size()) +
           " gfreecnt=" + std::to_string(p->gFreeCount.load(kRelaxed)) +
           " timerslen=" + std::to_string(i == 0 ? timers : 0);
  }
  // The G each M runs, for the G lines' m=.
  std::vector<std::pair<const G*, int32_t>> running;
  // Go lists the newest M first.
  for (auto it = allm_.rbegin(); it != allm_.rend(); ++it) {
    const M* m = *it;
    G* g = m->curg.load(kAcquire);
    if (g != nullptr) running.emplace_back(g, m->id);
    int32_t pid = -1;
    for (auto& [hm, i] : held)
      if (hm == m) pid = i;
    out += "\n  M" + std::to_string(m->id) + ": p=" + std::to_string(pid) +
           " curg=" + (g ? std::to_string(g->id.load(kRelaxed)) : std::string("-1")) +
           " mallocing=0 throwing=0 preemptoff= locks=0 dying=0" +
           " spinning=" + (m->spinning.load() ? "true" : "false") +
           " blocked=" + (m->idle ? "true" : "false") + " lockedg=-1";
  }
  struct Ctx {
    std::string* out;
    std::vector<std::pair<const G*, int32_t>>* running;
  } ctx{&out, &running};
  lock_.assertHeld();
  forEachG(
      [](G* g, void* c) {
        auto& x = *static_cast<Ctx*>(c);
        GStatus s = readStatus(g);
        int32_t mid = -1;
        if (s == GStatus::Running || s == GStatus::Syscall) {
          for (auto& [rg, id] : *x.running)
            if (rg == g) mid = id;
        }
        *x.out += "\n  G" + std::to_string(g->id.load(kRelaxed)) +
                  ": status=" + std::to_string(goStatusNumber(s)) + "(" +
                  (s == GStatus::Waiting ? waitReasonString(g->waitReason.load(kRelaxed)) : "") +
                  ") m=" + std::to_string(mid) + " lockedm=-1";
      },
      &ctx);
  return out;
}

}  // namespace gsl::runtime
