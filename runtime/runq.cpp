// runtime/runq.cpp: the local run queue (design, invariants and memory
// orders in runtime/runq.h).
#include "runtime/runq.h"

#include <chrono>
#include <thread>

#include "runtime/check.h"

namespace gsl::runtime {

namespace {
constexpr auto kRelaxed = std::memory_order_relaxed;
constexpr auto kAcquire = std::memory_order_acquire;
constexpr auto kRelease = std::memory_order_release;
constexpr auto kAcqRel = std::memory_order_acq_rel;
}  // namespace

bool RunQueue::put(G* g, bool next, GList* overflow) {
  if (next) {
    // Only thieves race with us here, and they only swap runnext to null.
    G* old = runnext_.exchange(g, kAcqRel);
    if (old == nullptr) return true;
    g = old;  // the displaced G goes to the tail
  }
  for (;;) {
    uint32_t h = head_.load(kAcquire);  // pairs with consumers' head CAS (release)
    uint32_t t = tail_.load(kRelaxed);  // we are its only writer
    if (t - h < kSize) {
      ring_[t % kSize].store(g, kRelaxed);
      tail_.store(t + 1, kRelease);  // publishes the slot; pairs with grab's acquire
      return true;
    }
    if (putSlow(g, h, t, overflow)) return false;
    // A thief took some Gs meanwhile: there is room now.
  }
}

bool RunQueue::putSlow(G* g, uint32_t h, uint32_t t, GList* overflow) {
  uint32_t n = (t - h) / 2;
  GSL_RUNTIME_CHECK(n == kSize / 2);
  G* batch[kSize / 2 + 1];
  for (uint32_t i = 0; i < n; i++) batch[i] = ring_[(h + i) % kSize].load(kRelaxed);
  // Commit the removal; a thief that moved head first makes us retry.
  if (!head_.compare_exchange_strong(h, h + n, kRelease, kRelaxed)) return false;
  batch[n] = g;
  for (uint32_t i = 0; i <= n; i++) overflow->pushBack(batch[i]);
  return true;
}

G* RunQueue::get(bool* inheritTime) {
  // runnext first. Thieves may null it concurrently, hence the exchange.
  if (runnext_.load(kRelaxed) != nullptr) {
    G* next = runnext_.exchange(nullptr, kAcqRel);
    if (next != nullptr) {
      *inheritTime = true;
      return next;
    }
  }
  *inheritTime = false;
  for (;;) {
    uint32_t h = head_.load(kAcquire);  // synchronise with other consumers
    uint32_t t = tail_.load(kRelaxed);
    if (t == h) return nullptr;
    G* g = ring_[h % kSize].load(kRelaxed);
    if (head_.compare_exchange_weak(h, h + 1, kRelease, kRelaxed)) return g;
  }
}

uint32_t RunQueue::grab(RunQueue& dst, uint32_t dstTail, bool stealRunNext, bool victimRunning) {
  for (;;) {
    uint32_t h = head_.load(kAcquire);  // synchronise with other consumers
    uint32_t t = tail_.load(kAcquire);  // pairs with the owner's tail store
    uint32_t n = t - h;
    n = n - n / 2;
    if (n == 0) {
      if (!stealRunNext) return 0;
      G* next = runnext_.load(kAcquire);
      if (next == nullptr) return 0;
      if (victimRunning) {
        // The victim is running a G that just readied `next` and will
        // most likely switch to it within microseconds; stealing it would
        // only bounce it between threads. Give the owner a moment.
        std::this_thread::sleep_for(std::chrono::microseconds(3));
      }
      if (!runnext_.compare_exchange_strong(next, nullptr, kAcqRel, kRelaxed)) continue;
      dst.ring_[dstTail % kSize].store(next, kRelaxed);
      return 1;
    }
    // h and t were read at different times: a consumer moved head past the
    // t we read, so t - h is garbage. Read again.
    if (n > kSize / 2) continue;
    for (uint32_t i = 0; i < n; i++) {
      G* g = ring_[(h + i) % kSize].load(kRelaxed);
      dst.ring_[(dstTail + i) % kSize].store(g, kRelaxed);
    }
    if (head_.compare_exchange_strong(h, h + n, kRelease, kRelaxed)) return n;
  }
}

G* RunQueue::steal(RunQueue& victim, bool stealRunNext, bool victimRunning) {
  uint32_t t = tail_.load(kRelaxed);  // we own this queue
  uint32_t n = victim.grab(*this, t, stealRunNext, victimRunning);
  if (n == 0) return nullptr;
  n--;
  G* g = ring_[(t + n) % kSize].load(kRelaxed);
  if (n == 0) return g;
  uint32_t h = head_.load(kAcquire);
  GSL_RUNTIME_CHECK(t - h + n < kSize);
  tail_.store(t + n, kRelease);  // publishes the stolen Gs; pairs with grab's acquire
  return g;
}

void RunQueue::drain(GList* out) {
  bool inherit;
  while (G* g = get(&inherit)) out->pushBack(g);
}

bool RunQueue::empty() const {
  // head, tail and runnext are read at different instants: accept them only
  // if tail did not move meanwhile, so that a G moving from runnext to the
  // ring (put with next) is not missed.
  for (;;) {
    uint32_t h = head_.load(kAcquire);
    uint32_t t = tail_.load(kAcquire);
    G* next = runnext_.load(kAcquire);
    if (t == tail_.load(kAcquire)) return h == t && next == nullptr;
  }
}

uint32_t RunQueue::size() const {
  for (;;) {
    uint32_t h = head_.load(kAcquire);
    uint32_t t = tail_.load(kAcquire);
    if (h == head_.load(kAcquire)) return t - h <= kSize ? t - h : 0;
  }
}

}  // namespace gsl::runtime
