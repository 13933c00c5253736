// runtime/park.h: the one park/resume protocol for everything that waits:
// channel operations, select, time.Sleep, the sync primitives, and later
// I/O. It is Go's gopark/goready, adapted to a stackless interpreter whose
// goroutine stops by *returning* from the scheduler's run hook.
//
// Parking (code running for goroutine g inside the run hook, on g's M):
//
//   1. lock(obj.mu)
//   2. If the operation can complete now, complete it, unlock, carry on.
//   3. Otherwise fill in a Waiter (g->waiter for one object; one per case
//      for select) and obj.queue.pushBack(&w).
//   4. preparePark(g, reason, unlockMutex, &obj.mu)   -- obj.mu stays held
//   5. Save the interpreter's state so that g resumes after the operation,
//      and return RunResult::Park from the run hook. From here on the
//      goroutine's code must not touch obj, g's park slot or g's task.
//
//   The scheduler, once the hook has returned (g's stack is no longer in
//   use by this M):
//   6. casStatus(g, Running, Waiting)
//   7. unlock(g, arg) -- releases obj.mu. If it returns false the park is
//      cancelled: g becomes Runnable and runs again at once (the unlock
//      function re-checked the condition and found it satisfied; it must
//      then have made sure that no waker will ready g, e.g. by removing
//      g's Waiter, and it still releases whatever it holds).
//
// Waking (any goroutine, a timer callback, any M or even a non-M thread):
//
//   1. lock(obj.mu)
//   2. w = obj.queue.dequeue()          -- null: nobody waits
//   3. Write w->g's park slot (parkValue, parkSuccess, parkCase).
//   4. unlock(obj.mu)
//   5. ready(w->g)                      -- never while holding obj.mu
//
// Why this order:
//  * A waker cannot ready a goroutine that is still running: it can only
//    dequeue g after taking obj.mu, which the scheduler releases only after
//    g's status is Waiting, so ready()'s casStatus(Waiting, Runnable) always
//    holds and g's M has stopped touching g's stack (the Go runtime's
//    "unlock after the status change" rule).
//  * Never waking under the object's lock keeps lock order trivial (object
//    locks are leaves; ready() may take the scheduler's lock and wake an M)
//    and keeps the hold time short.
//  * Happens-before for the handed-over words: the waker's park-slot writes
//    precede its unlock (release) and ready()'s status change and run-queue
//    publication (release); the M that runs g next acquires both.
//
// select: the goroutine locks all its channels (in address order), sets
// g->selectDone to 0, enqueues one Waiter per case (isSelect = true,
// caseIndex = its case), and parks with an unlock function that releases
// every channel lock. A waker's dequeue() claims g by changing selectDone
// 0 → 1; waiters whose g was claimed by another channel are dropped. When g
// resumes, parkCase says which case fired; it then locks its channels again
// and remove()s its other Waiters.
//
// Waiting in place. Script code that runs inside a native's callback (a
// String method called by fmt, a sort.Slice less function, the body of a
// range-over-func iterator) cannot return to the scheduler: the native's
// C++ frame is on the M's stack. Such a goroutine waits *in place*: it
// enqueues its Waiters as above with Waiter::blocker pointing at a Blocker
// on its own C++ stack, releases the object's lock, and blocks its M in
// Blocker::wait(), inside enterSyscall()/exitSyscall() so that its P runs
// other goroutines meanwhile. A waker does steps 1-4 unchanged and then
// wakeWaiter(w), which calls blocker->wake() instead of ready(g). The
// goroutine stays Syscall (not Waiting) throughout, so a deadlock among
// goroutines that wait in place is not detected (the check sees an M in a
// system call); it hangs instead, which is documented.
#pragma once

#include "runtime/g.h"
#include "runtime/lock.h"

namespace gsl::runtime {

// Step 4 of parking: records why g waits and how to release the object's
// lock. The run hook must then return RunResult::Park. unlock may be null
// (select {} or a wait with no object lock). Owner M of g only (g Running).
void preparePark(G* g, WaitReason reason, UnlockFn unlock, void* arg);

// An UnlockFn for the common case: `arg` is the object's runtime::Mutex.
// Always returns true (park).
bool unlockMutex(G* g, void* mutex);

// Makes a Waiting goroutine Runnable: puts it in the current P's runnext
// slot (it runs next, in the current time slice, as in Go), or on the
// global run queue when called from a thread that holds no P, and wakes an
// idle M if there is an idle P and no M is already looking for work. Any
// thread; a thread that is not an M must have returned from it before the
// program ends (runMain frees the scheduler). Aborts if g is not Waiting.
void ready(G* g);

// A one-shot wake-up for a goroutine that waits in place (see above).
// Lives on the waiting M's stack.
class Blocker {
 public:
  // Blocks the calling thread until wake(). On an M, the wait is bracketed
  // by enterSyscall()/exitSyscall(). Called once, by the waiting goroutine,
  // after it released the object's lock.
  void wait() GSL_EXCLUDES(mu_);
  // Wakes the waiter (any thread; at most once). Touches nothing of the
  // Blocker after releasing its lock: the waiter may return and free it.
  void wake() GSL_EXCLUDES(mu_);

 private:
  Mutex mu_;
  CondVar cv_;
  bool woken_ GSL_GUARDED_BY(mu_) = false;
};

// Step 5 of waking a goroutine found on a wait queue: ready(w->g), or
// w->blocker->wake() for one that waits in place. Call it after releasing
// the object's lock; it reads w before waking (the woken goroutine may
// reuse w at once).
void wakeWaiter(Waiter* w);

// A goroutine that can never be woken: parks it (reason `reason`, no lock to
// release) when it may park, else blocks its M in a system call forever.
// Returns true when the caller must now return RunResult::Park.
bool blockForever(G* g, WaitReason reason, bool canPark);

// An object's queue of waiting goroutines: a FIFO of Waiters linked through
// Waiter::next/prev. Not synchronised: every call must hold the lock of
// the object that owns the queue.
class WaitQueue {
 public:
  bool empty() const { return first_ == nullptr; }
  Waiter* front() const { return first_; }

  // Appends w (not already queued).
  void pushBack(Waiter* w);
  // Removes and returns the first waiter whose goroutine can be woken:
  // a select waiter is returned only if this call claimed its goroutine
  // (G::selectDone 0 → 1); waiters of goroutines already claimed by another
  // object are dropped. Null when nobody is left.
  Waiter* dequeue();
  // Removes w if it is still queued here (a select cleaning up).
  void remove(Waiter* w);

 private:
  Waiter* first_ = nullptr;
  Waiter* last_ = nullptr;
};

}  // namespace gsl::runtime
