// runtime/timer.cpp: the timer heap (design and invariants in
// runtime/timer.h).
//
// Lock: TimerHeap::mu guards everything in TimerHeap except nextWhen (an
// atomic mirror of the top's deadline, stored under mu with relaxed order
// and read anywhere; see timer.h for why relaxed suffices). mu is a leaf:
// nothing else is locked while it is held, and callbacks run without it.
#include "runtime/timer.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <new>

#include "runtime/check.h"
#include "runtime/lock.h"
#include "runtime/park.h"
#include "runtime/sched_impl.h"

namespace gsl::runtime {

int64_t nanotime() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

namespace {

struct TimerHeap {
  Mutex mu;
  Timer** items GSL_GUARDED_BY(mu) = nullptr;  // allocPinned memory
  int32_t size GSL_GUARDED_BY(mu) = 0;
  int32_t cap GSL_GUARDED_BY(mu) = 0;
  uint64_t orderGen GSL_GUARDED_BY(mu) = 0;
  bool running GSL_GUARDED_BY(mu) = false;  // an M is running callbacks
  bool rerun GSL_GUARDED_BY(mu) = false;    // another M found timers due meanwhile
  std::atomic<int64_t> nextWhen{0};

  static bool before(const Timer* a, const Timer* b) {
    return a->when < b->when || (a->when == b->when && a->order < b->order);
  }

  void place(int32_t i, Timer* t) GSL_REQUIRES(mu) {
    items[i] = t;
    t->heapIndex = i;
  }

  void siftUp(int32_t i) GSL_REQUIRES(mu) {
    Timer* t = items[i];
    while (i > 0) {
      int32_t parent = (i - 1) / 2;
      if (!before(t, items[parent])) break;
      place(i, items[parent]);
      i = parent;
    }
    place(i, t);
  }

  void siftDown(int32_t i) GSL_REQUIRES(mu) {
    Timer* t = items[i];
    for (;;) {
      int32_t child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && before(items[child + 1], items[child])) child++;
      if (!before(items[child], t)) break;
      place(i, items[child]);
      i = child;
    }
    place(i, t);
  }

  void publishNext() GSL_REQUIRES(mu) {
    nextWhen.store(size > 0 ? items[0]->when : 0, std::memory_order_relaxed);
  }

  void push(Timer* t) GSL_REQUIRES(mu) {
    if (size == cap) {
      int32_t newCap = cap ? cap * 2 : 64;
      auto* grown = static_cast<Timer**>(pinnedAlloc(sizeof(Timer*) * newCap));
      if (size) std::memcpy(grown, items, sizeof(Timer*) * size);
      if (items) pinnedFree(items);
      items = grown;
      cap = newCap;
    }
    t->order = orderGen++;
    place(size, t);
    size++;
    siftUp(size - 1);
  }

  void removeAt(int32_t i) GSL_REQUIRES(mu) {
    Timer* t = items[i];
    size--;
    if (i != size) {
      // The last timer fills the hole and moves whichever way it must.
      Timer* moved = items[size];
      items[size] = nullptr;
      place(i, moved);
      siftDown(i);
      siftUp(moved->heapIndex);
    } else {
      items[size] = nullptr;
    }
    t->heapIndex = -1;
  }

  // Adds t at `when`; returns whether t is now the earliest.
  bool add(Timer* t, int64_t when) GSL_REQUIRES(mu) {
    GSL_RUNTIME_CHECK(t->heapIndex < 0);
    t->when = when;
    push(t);
    publishNext();
    return t->heapIndex == 0;
  }
};

TimerHeap& heap() {
  // Never destroyed: Ms left blocked in system calls at exit may still
  // touch it while the process tears down.
  static TimerHeap* h = new TimerHeap;
  return *h;
}

}  // namespace

void addTimer(Timer* t, int64_t when) {
  TimerHeap& h = heap();
  bool earliest;
  {
    MutexLock lock(h.mu);
    earliest = h.add(t, when);
  }
  if (earliest) timerBecameEarliest(when);
}

bool stopTimer(Timer* t) {
  TimerHeap& h = heap();
  MutexLock lock(h.mu);
  if (t->heapIndex < 0) return false;
  h.removeAt(t->heapIndex);
  h.publishNext();
  return true;
}

bool resetTimer(Timer* t, int64_t when) {
  TimerHeap& h = heap();
  bool pending, earliest;
  {
    MutexLock lock(h.mu);
    pending = t->heapIndex >= 0;
    if (pending) h.removeAt(t->heapIndex);
    earliest = h.add(t, when);
  }
  if (earliest) timerBecameEarliest(when);
  return pending;
}

int64_t nextTimerWhen() { return heap().nextWhen.load(std::memory_order_relaxed); }

int32_t timerCount() {
  TimerHeap& h = heap();
  MutexLock lock(h.mu);
  return h.size;
}

void runTimers(int64_t now) {
  TimerHeap& h = heap();
  h.mu.lock();
  if (h.running) {
    // One runner at a time keeps callbacks in deadline order; tell it to
    // look again before it stops.
    h.rerun = true;
    h.mu.unlock();
    return;
  }
  h.running = true;
  for (;;) {
    while (h.size > 0 && h.items[0]->when <= now) {
      Timer* t = h.items[0];
      void (*fn)(void*, uint64_t) = t->fn;
      void* arg = t->arg;
      uint64_t seq = t->seq;
      if (t->period > 0) {
        // Next deadline after now, skipping whole missed periods.
        t->when += t->period * (1 + (now - t->when) / t->period);
        t->order = h.orderGen++;
        h.siftDown(0);
      } else {
        h.removeAt(0);
      }
      h.publishNext();
      h.mu.unlock();
      fn(arg, seq);
      h.mu.lock();
    }
    if (!h.rerun) break;
    h.rerun = false;
    now = nanotime();
  }
  h.running = false;
  h.mu.unlock();
}

void resetTimers() {
  TimerHeap& h = heap();
  MutexLock lock(h.mu);
  for (int32_t i = 0; i < h.size; i++) {
    h.items[i]->heapIndex = -1;
    h.items[i] = nullptr;
  }
  h.size = 0;
  h.running = false;
  h.rerun = false;
  h.publishNext();
}

// ---- Sleep ------------------------------------------------------------------

namespace {

void sleepFired(void* arg, uint64_t) { ready(static_cast<G*>(arg)); }

// The park's unlock step: g is Waiting now, so its timer may fire.
bool sleepArm(G*, void* arg) {
  auto* t = static_cast<Timer*>(arg);
  addTimer(t, t->when);
  return true;
}

}  // namespace

void prepareSleep(G* g, int64_t ns) {
  if (g->timer == nullptr) g->timer = new (pinnedAlloc(sizeof(Timer))) Timer();
  Timer* t = g->timer;
  t->fn = sleepFired;
  t->arg = g;
  t->period = 0;
  int64_t now = nanotime();
  t->when = ns > 0 && now + ns > now ? now + ns : (ns > 0 ? INT64_MAX : now);
  preparePark(g, WaitReason::Sleep, sleepArm, t);
}

}  // namespace gsl::runtime
