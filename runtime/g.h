// runtime/g.h: the goroutine record G, its one state machine, its wait
// reasons, and the wait-queue entry (Waiter) that parks it on an object.
//
// A G is what the scheduler knows of a goroutine: its number, its state, the
// interpreter's state for it (`task`, a vm::Thread) and the few words a
// waker hands over when it resumes it. It is kept small (136 bytes;
// the interpreter's Thread with its small initial stacks comes on top) so
// that a parked goroutine costs well under 1 KiB all told (DESIGN §3,
// decision 3; Go's cost about 2.7 KiB).
//
// Lifetime. Gs are never freed while the program runs: a finished G goes to
// a free list and is reused by a later `go` statement, as in Go, so a G*
// held by a dump or by sysmon always points at a G (possibly a recycled
// one). They are allocated with Hooks::allocPinned (memory the collector
// scans and never frees), because `task` and `parkValue` may be the only
// references to heap objects.
//
// State machine. Every change goes through casStatus(g, from, to), which
// aborts if the G is not in `from`. The only transitions:
//
//   Idle     → Runnable   spawn() of a freshly allocated G
//   Dead     → Runnable   spawn() reusing a finished G
//   Runnable → Running    the scheduler starts running it (execute)
//   Running  → Runnable   the run hook returned Yield
//   Running  → Waiting    the run hook returned Park; made by the scheduler
//                         after the hook returned, before it releases the
//                         object's lock (runtime/park.h)
//   Waiting  → Runnable   ready(), by the waker (or a timer)
//   Running  → Syscall    enterSyscall(), by the goroutine's own M
//   Syscall  → Running    exitSyscall(), once that M holds a P again
//   Running  → Dead       the run hook returned Exit
//
//   state     runs code?            on a run queue?   who owns task/parkValue
//   Idle      no                    no                the allocating P (fresh G)
//   Runnable  no                    yes (ring, runnext,  the queue: whoever pops
//                                   or global queue)     or steals it next
//   Running   script or native code no                the M running it
//   Waiting   no                    no (on a wait     nobody; a waker may write
//                                   queue or a timer) the park slot under the
//                                                     object's lock, then ready()
//   Syscall   native code, blocked  no                the M running it (which
//             in a system call                        has no P meanwhile)
//   Dead      no                    no (free list)    the free list
//
// Atomics in G, with their memory order and partner:
//  * status: compare-exchange acq_rel, loads acquire. Each transition
//    acquires what the previous one published (the task's progress, the
//    park slot, waitReason); the run queues and object locks already order
//    these, the status adds a check, and lets dumps read a settled state.
//  * waitReason, waitSince: relaxed; written by the goroutine's own M before
//    it returns Park, published by the Running → Waiting status change
//    (release), read by dumps after loading status (acquire).
//  * preempt: relaxed. A request, not a synchronisation: sysmon (and
//    stop-the-world, exit) set it, the interpreter's budget check reads it,
//    the scheduler clears it when the G starts running. Nothing is published
//    through it; a stale read only delays the yield by one check.
//  * selectDone: compare-exchange acq_rel. A goroutine blocked in select sits
//    on several wait queues; the first waker to change it 0 → 1 owns the
//    wake-up (WaitQueue::dequeue skips waiters whose G lost). The selecting
//    goroutine resets it to 0 before enqueueing, while holding all of its
//    channels' locks.
//  * id: relaxed. Written when the G is (re)spawned, read by dumps that may
//    race with reuse; a dump of a recycled G may show its new number.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "vm/value.h"

namespace gsl::runtime {

struct G;
struct M;
struct Timer;
struct Blocker;
struct SelectBuffer;

enum class GStatus : uint8_t { Idle, Runnable, Running, Waiting, Syscall, Dead };

// Why a goroutine is Waiting; the strings are Go's (dumps print
// `goroutine 7 [chan receive]:`).
#define GSL_WAIT_REASONS(X)                              \
  X(None, "")                                            \
  X(ChanReceive, "chan receive")                         \
  X(ChanSend, "chan send")                               \
  X(ChanReceiveNilChan, "chan receive (nil chan)")       \
  X(ChanSendNilChan, "chan send (nil chan)")             \
  X(Select, "select")                                    \
  X(SelectNoCases, "select (no cases)")                  \
  X(Sleep, "sleep")                                      \
  X(SyncMutexLock, "sync.Mutex.Lock")                    \
  X(SyncRWMutexRLock, "sync.RWMutex.RLock")              \
  X(SyncRWMutexLock, "sync.RWMutex.Lock")                \
  X(SyncWaitGroupWait, "sync.WaitGroup.Wait")            \
  X(SyncCondWait, "sync.Cond.Wait")                      \
  X(Semacquire, "semacquire")                            \
  X(IOWait, "IO wait")                                   \
  X(Preempted, "preempted")                              \
  X(GarbageCollection, "garbage collection")             \
  X(FinalizerWait, "finalizer wait")

enum class WaitReason : uint8_t {
#define GSL_WAIT_REASON_ENUM(name, text) name,
  GSL_WAIT_REASONS(GSL_WAIT_REASON_ENUM)
#undef GSL_WAIT_REASON_ENUM
};

// Go's spelling of a wait reason ("chan receive").
const char* waitReasonString(WaitReason r);
// "idle", "runnable", "running", "waiting", "syscall", "dead".
const char* statusString(GStatus s);

// An entry on an object's wait queue (Go's sudog). A goroutine waiting on
// one object uses the Waiter embedded in its G; one blocked in select uses
// one Waiter per case. All fields are guarded by the lock of the object
// whose queue holds the entry.
struct Waiter {
  G* g = nullptr;
  Waiter* next = nullptr;
  Waiter* prev = nullptr;
  void* object = nullptr;  // what it waits on (a channel, a mutex), for dumps
  vm::Value value;         // a blocked sender's value, for the receiver to take
  int32_t caseIndex = -1;  // the select case this entry stands for
  bool isSelect = false;   // the G waits on several queues (see G::selectDone)
  bool queued = false;     // on a WaitQueue now
  // Non-null when the goroutine waits in place instead of parking (its
  // code runs inside a native's callback and cannot return to the
  // scheduler): the waker calls blocker->wake() instead of ready(g).
  // See runtime/park.h, "Waiting in place".
  Blocker* blocker = nullptr;
};

// The park/resume callback: see runtime/park.h.
using UnlockFn = bool (*)(G* g, void* arg);

struct G {
  std::atomic<GStatus> status{GStatus::Idle};
  std::atomic<WaitReason> waitReason{WaitReason::None};
  std::atomic<bool> preempt{false};
  // ---- Park slot: written by the waker under the object's lock, before
  // ready(); read by the goroutine once it runs again.
  bool parkSuccess = false;   // a channel op completed (false: closed channel)
  int32_t parkCase = -1;      // the select case that fired
  vm::Value parkValue;        // the value handed over (a received element)
  // ----
  std::atomic<uint32_t> selectDone{0};
  std::atomic<uint64_t> id{0};   // Go's goroutine number; main is 1
  void* task = nullptr;          // the interpreter's state (a vm::Thread)
  // Set by preparePark, consumed by the scheduler after the run hook
  // returned Park (owned by the M running the G).
  UnlockFn parkUnlock = nullptr;
  void* parkArg = nullptr;
  // Link in the global run queue or a free list (owned by that list's
  // holder: the scheduler lock or the owning P).
  G* schedLink = nullptr;
  // The M running it (Running, Syscall); owned by that M.
  M* m = nullptr;
  // The sleep timer, allocated on the first time.Sleep and kept for reuse.
  Timer* timer = nullptr;
  std::atomic<int64_t> waitSince{0};  // nanotime() when it parked (dumps)
  // For waits on a single object (chan op, Lock, Wait, Cond).
  Waiter waiter;
  // A select's wait-queue entries and lock order (runtime/select.cpp):
  // allocPinned memory, grown on demand and kept for the G's next selects.
  // Owned by the goroutine; the entries, while queued, are guarded by the
  // locks of the channels whose queues hold them.
  SelectBuffer* sel = nullptr;
};

// Changes g's status from `from` to `to`. Aborts (an internal bug) if the
// status is not `from`. Any thread, following the ownership table above.
void casStatusFailed(G* g, GStatus from, GStatus to, GStatus actual);
inline void casStatus(G* g, GStatus from, GStatus to) {
  GStatus seen = from;
  if (__builtin_expect(!g->status.compare_exchange_strong(seen, to, std::memory_order_acq_rel,
                                                          std::memory_order_acquire),
                       0))
    casStatusFailed(g, from, to, seen);
}

inline GStatus readStatus(const G* g) { return g->status.load(std::memory_order_acquire); }

// A goroutine's wait reason if it is Waiting, else WaitReason::None.
inline WaitReason readWaitReason(const G* g) {
  if (readStatus(g) != GStatus::Waiting) return WaitReason::None;
  return g->waitReason.load(std::memory_order_relaxed);
}

// Whether the scheduler asked this goroutine to yield (sysmon saw it run
// for over 10 ms, the world is stopping, or the program is exiting). The
// interpreter checks it with its instruction budget at back-edges and calls
// and, when set, returns RunResult::Yield. Any thread; relaxed (see above).
inline bool preemptRequested(const G* g) { return g->preempt.load(std::memory_order_relaxed); }

// A FIFO of Gs linked through schedLink (Go's gQueue): the global run
// queue, overflow batches, free lists. Not synchronised: its owner's lock
// guards it.
struct GList {
  G* head = nullptr;
  G* tail = nullptr;
  uint32_t size = 0;

  bool empty() const { return head == nullptr; }
  void pushBack(G* g) {
    g->schedLink = nullptr;
    if (tail) tail->schedLink = g;
    else head = g;
    tail = g;
    size++;
  }
  void pushFront(G* g) {
    g->schedLink = head;
    head = g;
    if (!tail) tail = g;
    size++;
  }
  // Moves all of `other` to the end of this list.
  void append(GList& other) {
    if (other.empty()) return;
    if (tail) tail->schedLink = other.head;
    else head = other.head;
    tail = other.tail;
    size += other.size;
    other = GList();
  }
  G* popFront() {
    G* g = head;
    if (!g) return nullptr;
    head = g->schedLink;
    if (!head) tail = nullptr;
    g->schedLink = nullptr;
    size--;
    return g;
  }
};

}  // namespace gsl::runtime
