// runtime/runq.h: a P's local run queue, Go's design: a lock-free ring of
// 256 runnable Gs plus a one-G `runnext` slot.
//
// Who may call what. Each P owns one RunQueue. Only the M holding that P
// (the "owner") may put Gs in it or pop them from its head; any M may steal
// from it. Every function says "owner P only" or "any P".
//
// Layout and invariants:
//
//     head (thieves and owner CAS it)          tail (owner only stores it)
//       │                                        │
//       ▼                                        ▼
//   ... [ G ][ G ][ G ][ G ][ G ] ... (ring_ of kSize slots, index mod kSize)
//
//  * The Gs in the queue are ring_[h % kSize] … ring_[(t-1) % kSize] for
//    head h and tail t; 0 <= t - h <= kSize (uint32 arithmetic wraps).
//  * Only the owner stores tail_, always after writing the slots it
//    publishes; it writes slots only at positions >= tail, which no consumer
//    reads as valid.
//  * Consumers (owner pop, thieves) read slots first, then commit by
//    compare-exchanging head from h to h + n; a failed CAS discards what
//    they read (a stale reader may read a slot being overwritten: the slots
//    are relaxed atomics so that read is harmless).
//  * runnext_ holds a G that runs before anything in the ring (the goroutine
//    just readied by the running one: a ping-pong pair shares a time
//    slice). The owner exchanges it; thieves may only CAS it to null, and
//    only as the last resort of a steal.
//
// Memory order, each with its partner:
//  * tail_ store: release (owner put, steal into own ring) ⇄ tail_ load:
//    acquire (thieves' grab): a thief that sees the new tail sees the slots
//    and the Gs' contents written before them.
//  * head_ CAS: release (owner pop, thieves' grab, overflow) ⇄ head_ load:
//    acquire (owner put): the owner reuses a slot only after the consumer
//    that emptied it has finished reading it.
//  * runnext_ CAS/exchange: acq_rel both ways (owner put/get, thief steal):
//    whoever takes the G acquires what the one that stored it published.
//  * ring_ slots: relaxed; ordered by tail_ and head_ as above.
#pragma once

#include <atomic>
#include <cstdint>

#include "runtime/g.h"

namespace gsl::runtime {

class RunQueue {
 public:
  // Go's size: enough to absorb bursts of `go` statements; a full ring
  // moves half of itself to the global queue.
  static constexpr uint32_t kSize = 256;

  RunQueue() = default;
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  // Owner P only. Puts g at the tail, or in runnext when `next` (the G that
  // was in runnext moves to the tail). When the ring is full, moves half of
  // it plus the G being put into *overflow (in order, linked through
  // schedLink) and returns false: the caller puts that batch on the global
  // queue. Returns true when everything fit.
  bool put(G* g, bool next, GList* overflow);

  // Owner P only. Pops runnext if set (then *inheritTime is true: the G
  // runs in the current time slice), else the head of the ring, else null.
  G* get(bool* inheritTime);

  // Owner P of *this* only, and *this must be empty (a P steals only when
  // it has nothing to run: the stolen half must fit); `victim` is any other
  // P's queue. Steals about
  // half of victim's Gs into this queue and returns one of them to run now,
  // or null if victim had nothing. With stealRunNext, takes victim's
  // runnext when its ring is empty; if victimRunning, first waits 3 µs so
  // the victim's owner, which is about to schedule it, usually wins (Go's
  // measured trade-off: a channel handoff takes ~50 ns).
  G* steal(RunQueue& victim, bool stealRunNext, bool victimRunning);

  // Owner P only (or a stopped world). Removes every G, runnext first, and
  // appends them to *out.
  void drain(GList* out);

  // Any P. Whether the queue (ring and runnext) looked empty at one instant.
  bool empty() const;
  // Any P. Gs in the ring (not runnext): a snapshot for traces.
  uint32_t size() const;
  // Any P. Whether runnext holds a G.
  bool hasRunNext() const { return runnext_.load(std::memory_order_acquire) != nullptr; }

 private:
  bool putSlow(G* g, uint32_t h, uint32_t t, GList* overflow);
  // Any P: copies about half of this queue's Gs into dst's ring starting at
  // dstTail, commits by CAS on head_, returns how many.
  uint32_t grab(RunQueue& dst, uint32_t dstTail, bool stealRunNext, bool victimRunning);

  std::atomic<uint32_t> head_{0};
  std::atomic<uint32_t> tail_{0};
  std::atomic<G*> runnext_{nullptr};
  std::atomic<G*> ring_[kSize] = {};
};

}  // namespace gsl::runtime
