// runtime/timer.h: timers, and time.Sleep as a park on a timer.
//
// All timers of the program live in one min-heap ordered by deadline (ties
// by insertion order), guarded by one lock. Go keeps a heap per P to avoid
// that lock; gsl's timer traffic (Sleep, After, Tick, timeouts in select)
// is far below the rate where one briefly held lock matters, and one heap
// makes "when is the next timer" a single atomic read.
//
// Who runs timers. Any M that finds one due runs it: at the top of every
// scheduling round, an M holding a P checks the earliest deadline (one
// relaxed load) and runs the due timers. When every M is idle, one of them
// is the "timer waiter": it sleeps on its condition variable until the
// earliest deadline, then takes an idle P and runs the due timers
// (runtime/sched.cpp). Callbacks run one at a time, in deadline order, each
// without the heap lock held; while one M runs them, others skip.
//
// Invariants (heap lock held):
//  * t->heapIndex is t's position in the heap, or -1 when t is not pending.
//  * nextWhen (the earliest deadline, 0 when the heap is empty) equals the
//    heap top's `when`; it is an atomic mirror stored under the lock and
//    read without it (relaxed: a stale value delays a check by one
//    scheduling round, and the lock decides).
//
// A Timer belongs to its creator (a time.Timer object, a goroutine's sleep
// slot). The heap array is allocated with Hooks::allocPinned so that the
// collector sees the Timers (and their `arg`) while they are pending.
#pragma once

#include <cstdint>

#include "runtime/g.h"

namespace gsl::runtime {

// The monotonic clock all deadlines use, in nanoseconds (CLOCK_MONOTONIC,
// the same clock as std::chrono::steady_clock).
int64_t nanotime();

struct Timer {
  // Deadline in nanotime() nanoseconds.
  int64_t when = 0;
  // > 0: after firing, the timer is re-armed `period` ns later (a Ticker),
  // skipping periods that were missed entirely, as Go's tickers do.
  int64_t period = 0;
  // Called once per firing, on an M, without any runtime lock held, with
  // the arg and seq the timer had when it fired. Must not block: it may
  // ready goroutines, make non-blocking channel sends, add timers.
  void (*fn)(void* arg, uint64_t seq) = nullptr;
  void* arg = nullptr;
  // Free for the owner (time.Timer uses it to discard stale firings).
  uint64_t seq = 0;
  // Heap bookkeeping, guarded by the heap lock.
  int32_t heapIndex = -1;
  uint64_t order = 0;  // insertion counter: FIFO among equal deadlines
};

// Arms t to fire at `when` (t->fn, arg, period set by the caller). t must
// not be pending. Any thread.
void addTimer(Timer* t, int64_t when);
// Disarms t. Returns true if it was pending (it will not fire), false if it
// had already fired or been stopped. A callback already running is not
// waited for. Any thread.
bool stopTimer(Timer* t);
// Re-arms t at `when`, pending or not. Returns whether it was pending.
// Any thread.
bool resetTimer(Timer* t, int64_t when);

// time.Sleep(ns) for goroutine g, from its run hook: arms g's sleep timer
// and prepares to park with reason "sleep"; the hook must then return
// RunResult::Park. The timer is added by the park's unlock step, after g
// is Waiting, so it can never fire on a goroutine still running. ns <= 0
// still parks and is readied by the next timer check (Go yields too).
// Owner M of g only.
void prepareSleep(G* g, int64_t ns);

// ---- For the scheduler ----------------------------------------------------

// The earliest deadline, or 0 if no timer is pending. Any thread, relaxed.
int64_t nextTimerWhen();
// Whether any timer is pending. Any thread.
inline bool timersPending() { return nextTimerWhen() != 0; }
// Runs every timer due at `now` (and those that fall due while it runs).
// If another M is already running timers, asks it to look again and
// returns at once. Any M, with or without a P.
void runTimers(int64_t now);
// Number of pending timers (traces). Any thread.
int32_t timerCount();
// Forgets every pending timer (a new program run starts). No M running.
void resetTimers();

}  // namespace gsl::runtime
