// runtime/sched_impl.h: the scheduler's internal structures (P, M and the
// Scheduler itself), shared by the runtime's .cpp files only. The design
// note, with the reasons behind each rule, is at the top of
// runtime/sched.cpp.
//
// Locks, and what each protects (lock order: left before right):
//
//   object locks (channels, mutexes) ─▶ (none: wakers unlock before ready())
//   Scheduler::lock_ ─▶ Scheduler::allgsLock_, Scheduler::gFreeLock_
//   TimerHeap::mu (runtime/timer.cpp): a leaf
//   Scheduler::sysmonLock_: a leaf (sysmon's sleep)
//
//  * lock_ ("the scheduler lock"): the global run queue, the idle P list,
//    the idle M list, the M count, the syscall-waiter list, the timer
//    waiter, stop-the-world bookkeeping, exit state; and the fields of P and
//    M marked "guarded by lock_".
//  * allgsLock_: the list of all Gs (dumps, deadlock check, exit).
//  * gFreeLock_: the global list of finished Gs.
//
// Atomics in the Scheduler, with memory order and partner:
//  * runqSize_, npidle_: written under lock_ (relaxed), read anywhere as
//    hints (relaxed; whoever acts on them re-checks under lock_).
//  * nmspinning_: seq_cst RMW and loads. The spinning protocol is a Dekker
//    pattern: a waker publishes work then reads nmspinning_ (wakep); a
//    spinning M decrements nmspinning_ then re-reads every run queue. At
//    least one of them sees the other (see sched.cpp).
//  * gomaxprocs_: stored under lock_ during stop-the-world (release), loaded
//    by thieves and sysmon (acquire) together with allp_[i] (acquire); P
//    objects are never freed while the program runs, so a stale count only
//    makes a thief look at a dead P's empty queue.
//  * gcwaiting_ (a stop-the-world is in progress) and exiting_: stored
//    under lock_ (seq_cst), polled without it at scheduling points; acted
//    on under lock_.
//  * nSyscallWaiters_: mirror of the syscall-waiter list length, written
//    under lock_, polled at scheduling points (relaxed).
//  * forEachActive_: seq_cst; counts forEachG calls in progress. Pairs
//    with G::status (Dekker: goexit sets Dead then reads the count;
//    forEachG counts itself then reads each status), so a callback never
//    reads G::task while its goroutine's exit clears it.
//  * mInSyscall_: seq_cst; counts Ms between enterSyscall and exitSyscall.
//    Pairs with exiting_ (Dekker: exit sets exiting_ then counts; an M
//    entering a syscall counts itself then checks exiting_).
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "runtime/g.h"
#include "runtime/lock.h"
#include "runtime/runq.h"
#include "runtime/sched.h"

namespace gsl::runtime {

class Scheduler;

// P states (numbered as Go's, for scheddetail):
//   Idle     on the idle list, no M, empty run queue
//   Running  held by an M (p->m) that runs Gs or looks for them
//   Syscall  its M is in a system call; sysmon or stop-the-world may take
//            it by compare-exchange; its run queue may still hold Gs
//   Stopped  taken by a stop-the-world
//   Dead     beyond GOMAXPROCS; its queue was emptied into the global one
enum class PStatus : uint8_t { Idle, Running, Syscall, Stopped, Dead };

struct P {
  explicit P(int32_t i) : id(i) {}
  const int32_t id;
  // Changed by the owning M (release), and from Syscall by compare-exchange
  // (acq_rel) by sysmon, stop-the-world or the returning M; read anywhere
  // (acquire).
  std::atomic<PStatus> status{PStatus::Stopped};
  RunQueue runq;
  // The M holding it (Running). Stored by that M (relaxed); read by sysmon
  // and traces to find the running G (a hint).
  std::atomic<M*> m{nullptr};
  // Incremented by the owner on every new time slice / system call
  // (relaxed); sysmon compares snapshots to see a P make no progress.
  std::atomic<uint32_t> schedtick{0};
  std::atomic<uint32_t> syscalltick{0};
  // Guarded by Scheduler::lock_: link in the idle P list.
  P* link = nullptr;
  // Owner M only (or a stopped world): finished Gs for reuse.
  GList gFree;
  // gFree.size, mirrored for scheddetail (stored by the owner, relaxed).
  std::atomic<uint32_t> gFreeCount{0};
  // sysmon's private snapshot (sysmon thread only).
  uint32_t sysmonSchedtick = 0;
  int64_t sysmonSchedwhen = 0;
  uint32_t sysmonSyscalltick = 0;
  int64_t sysmonSyscallwhen = 0;
};

struct M {
  M(int32_t i, Scheduler* s) : id(i), sched(s) {}
  const int32_t id;
  Scheduler* const sched;
  std::thread thread;
  // Own thread only.
  P* p = nullptr;     // the P it holds
  P* oldp = nullptr;  // the P it held when it entered a system call
  uint64_t rand = 0;  // xorshift state for stealing order
  // Own thread, or the M that hands it a P under lock_ before waking it;
  // scheddetail reads it from sysmon (hence atomic; seq_cst, as it changes
  // only when an M starts or stops looking for work).
  std::atomic<bool> spinning{false};  // looking for work without any (counted in nmspinning_)
  // Stored by its own thread (release); sysmon loads it (acquire) to set
  // the preemption flag of the running G.
  std::atomic<G*> curg{nullptr};
  std::atomic<bool> inSyscall{false};  // traces
  // Guarded by Scheduler::lock_.
  P* nextp = nullptr;        // the P it is given when woken
  M* link = nullptr;         // idle M list or syscall-waiter list
  bool idle = false;         // on the idle M list
  bool exited = false;       // its thread function returned
  CondVar park;              // where it sleeps, with lock_
};

// The calling thread's M (null on other threads).
extern thread_local M* tlsM;

// Memory from Hooks::allocPinned / freePinned (zeroed).
void* pinnedAlloc(size_t bytes);
void pinnedFree(void* p);

// Called by the timer heap when a timer became the earliest, without any
// lock held: wakes the timer-waiting M if it sleeps past `when`.
void timerBecameEarliest(int64_t when);

class Scheduler {
 public:
  explicit Scheduler(const Config& config);
  ~Scheduler();

  // runMain's body; returns the exit status.
  int run(void* mainTask);
  // Whether every M's thread has been joined (the object may be deleted).
  bool allMsJoined() const { return allJoined_; }

  G* spawn(void* task);
  void ready(G* g);
  void exitProgram(int code);
  int setMaxProcs(int n);
  void enterSyscall();
  void exitSyscall();
  void timerBecameEarliest(int64_t when);
  void forEachG(void (*fn)(G* g, void* ctx), void* ctx);
  std::string schedTrace(bool detail);
  // Stops every P for good (a goroutine dump before the process exits):
  // like stopTheWorld, never restarted. The caller is a thread that is not
  // an M (the signal thread), or a goroutine about to end the program,
  // whose own P counts as stopped at once. Records in *running the Gs that were running when it
  // began. Gives up after timeoutNs; returns whether every P stopped.
  bool freezeWorld(int64_t timeoutNs, std::vector<G*>* running) GSL_EXCLUDES(lock_);

  int32_t maxProcs() const { return gomaxprocs_.load(std::memory_order_acquire); }
  int64_t numGoroutine() const { return ngoroutines_.load(std::memory_order_relaxed); }

 private:
  // ---- Ms (sched.cpp) ----
  void mstart(M* m);
  void scheduleLoop(M* m);
  G* findRunnable(M* m, bool* inheritTime);
  G* stealWork(M* m);
  G* execute(M* m, G* g, bool inheritTime);
  G* finishPark(M* m, G* g);
  void goexit(M* m, G* g);
  bool stopm(M* m) GSL_EXCLUDES(lock_);
  void startm(P* p, bool spinning) GSL_EXCLUDES(lock_);
  void wakep();
  void resetSpinning(M* m);
  bool handOffToSyscallWaiter(M* m) GSL_EXCLUDES(lock_);
  M* newmLocked(P* p, bool spinning) GSL_REQUIRES(lock_);
  void acquirep(M* m, P* p);
  P* releasep(M* m);
  void runqput(P* p, G* g, bool next) GSL_EXCLUDES(lock_);

  // ---- Lists, all under lock_ ----
  void pidleput(P* p) GSL_REQUIRES(lock_);
  P* pidleget() GSL_REQUIRES(lock_);
  void pReleasedLocked(P* p) GSL_REQUIRES(lock_);
  void mput(M* m) GSL_REQUIRES(lock_);
  M* mget() GSL_REQUIRES(lock_);
  void midleRemove(M* m) GSL_REQUIRES(lock_);
  void globrunqput(G* g) GSL_REQUIRES(lock_);
  void globrunqputBatch(GList* batch) GSL_REQUIRES(lock_);
  G* globrunqget(P* p, uint32_t max) GSL_REQUIRES(lock_);
  bool checkdeadLocked() GSL_REQUIRES(lock_);
  void reportDeadlock() GSL_EXCLUDES(lock_);
  void ensureTimerWaiterLocked() GSL_REQUIRES(lock_);

  // ---- Gs ----
  G* allocG();
  G* gfget(P* p);
  void gfput(P* p, G* g);

  // ---- sysmon (sysmon.cpp) ----
  void sysmonLoop();
  uint32_t retake(int64_t now);
  void handoffp(P* p) GSL_EXCLUDES(lock_);
  void preemptone(P* p);
  void preemptall();

  // ---- Stop-the-world and GOMAXPROCS (procresize.cpp) ----
  bool stopTheWorld(M* m) GSL_EXCLUDES(lock_);
  void startTheWorldLocked(std::vector<P*>& runnable, std::vector<P*>& idle) GSL_REQUIRES(lock_);
  void gcstopm(M* m) GSL_EXCLUDES(lock_);
  void procresize(int32_t n, M* caller, std::vector<P*>* runnable, std::vector<P*>* idle)
      GSL_REQUIRES(lock_);

  P* allpAt(int32_t i) const { return allp_[i].load(std::memory_order_acquire); }

  const Config config_;
  const int64_t startTime_;

  Mutex lock_;
  // Global run queue.
  GList runq_ GSL_GUARDED_BY(lock_);
  std::atomic<int32_t> runqSize_{0};
  // Idle Ps and Ms.
  P* pidle_ GSL_GUARDED_BY(lock_) = nullptr;
  std::atomic<int32_t> npidle_{0};
  M* midle_ GSL_GUARDED_BY(lock_) = nullptr;
  int32_t nmidle_ GSL_GUARDED_BY(lock_) = 0;
  // Every M ever started, and how many thread functions are still running.
  std::vector<M*> allm_ GSL_GUARDED_BY(lock_);
  int32_t mcount_ GSL_GUARDED_BY(lock_) = 0;
  int32_t liveMs_ GSL_GUARDED_BY(lock_) = 0;
  std::atomic<int32_t> nmspinning_{0};
  std::atomic<int32_t> mInSyscall_{0};
  // Ms back from a system call waiting for a P (linked through M::link).
  // Invariant: non-empty only while the idle P list is empty.
  M* syscallWaiters_ GSL_GUARDED_BY(lock_) = nullptr;
  std::atomic<int32_t> nSyscallWaiters_{0};
  // The idle M that sleeps until the next timer, and its deadline.
  // Invariant: while timers are pending and some M is idle, there is a
  // timer waiter (or one has just been woken to become it).
  M* timerWaiter_ GSL_GUARDED_BY(lock_) = nullptr;
  int64_t timerWaiterUntil_ GSL_GUARDED_BY(lock_) = 0;
  // Ps: allp_[0, gomaxprocs_) are in use; P objects are created on demand
  // and kept until the Scheduler is destroyed.
  std::atomic<P*> allp_[kMaxProcs] = {};
  std::atomic<int32_t> gomaxprocs_{0};
  // Stop-the-world.
  std::atomic<bool> gcwaiting_{false};
  int32_t stopwait_ GSL_GUARDED_BY(lock_) = 0;
  CondVar stopCv_;
  // Exit.
  std::atomic<bool> exiting_{false};
  int exitCode_ GSL_GUARDED_BY(lock_) = 0;
  bool deadlockReported_ GSL_GUARDED_BY(lock_) = false;
  CondVar exitCv_;
  bool allJoined_ = false;
  // Goroutines.
  G* mainG_ = nullptr;
  std::atomic<uint64_t> goidgen_{0};
  std::atomic<int64_t> ngoroutines_{0};
  Mutex allgsLock_;
  std::vector<G*> allgs_ GSL_GUARDED_BY(allgsLock_);
  // forEachG calls in progress (seq_cst): goexit clears a dying G's task
  // under allgsLock_ only while one runs (see goexit).
  std::atomic<int32_t> forEachActive_{0};
  Mutex gFreeLock_;
  GList gFree_ GSL_GUARDED_BY(gFreeLock_);
  // sysmon. traceStart_: nanotime() of the first schedtrace line (0 until
  // then; set once by compare-exchange, relaxed: only its value matters).
  std::thread sysmonThread_;
  std::atomic<int64_t> traceStart_{0};
  Mutex sysmonLock_;
  CondVar sysmonCv_;
  bool sysmonStop_ GSL_GUARDED_BY(sysmonLock_) = false;
};

// The scheduler of the running program (null when none runs).
Scheduler* currentScheduler();

// A full StoreLoad barrier between a store and a later load of different
// atomics (the spinning protocol). ThreadSanitizer does not model fences,
// so under it a seq_cst read-modify-write stands in (as strong on x86-64).
void storeLoadBarrier();

}  // namespace gsl::runtime
