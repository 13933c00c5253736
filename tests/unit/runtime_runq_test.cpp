// Unit tests of the local run queue (runtime/runq.h): ordering, runnext,
// overflow, stealing, and no G lost or duplicated under contention.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "runtime/g.h"
#include "runtime/runq.h"

namespace gsl::runtime {
namespace {

std::vector<std::unique_ptr<G>> makeGs(size_t n) {
  std::vector<std::unique_ptr<G>> gs;
  for (size_t i = 0; i < n; i++) {
    gs.push_back(std::make_unique<G>());
    gs.back()->id.store(i, std::memory_order_relaxed);
  }
  return gs;
}

uint64_t idOf(G* g) { return g->id.load(std::memory_order_relaxed); }

}  // namespace

TEST_SUITE("runtime") {

TEST_CASE("run queue: runnext runs first and the ring is FIFO") {
  auto gs = makeGs(4);
  RunQueue q;
  GList overflow;
  CHECK(q.empty());
  CHECK(q.put(gs[0].get(), false, &overflow));
  CHECK(q.put(gs[1].get(), false, &overflow));
  CHECK(q.put(gs[2].get(), false, &overflow));
  CHECK(q.put(gs[3].get(), true, &overflow));
  CHECK(q.size() == 3);
  CHECK(q.hasRunNext());
  bool inherit = false;
  CHECK(q.get(&inherit) == gs[3].get());
  CHECK(inherit);
  CHECK(q.get(&inherit) == gs[0].get());
  CHECK_FALSE(inherit);
  CHECK(q.get(&inherit) == gs[1].get());
  CHECK(q.get(&inherit) == gs[2].get());
  CHECK(q.get(&inherit) == nullptr);
  CHECK(q.empty());
  CHECK(overflow.empty());
}

TEST_CASE("run queue: a G displaced from runnext goes to the back of the ring") {
  auto gs = makeGs(3);
  RunQueue q;
  GList overflow;
  q.put(gs[0].get(), false, &overflow);
  q.put(gs[1].get(), true, &overflow);
  q.put(gs[2].get(), true, &overflow);  // gs[1] moves to the tail
  bool inherit;
  CHECK(q.get(&inherit) == gs[2].get());
  CHECK(q.get(&inherit) == gs[0].get());
  CHECK(q.get(&inherit) == gs[1].get());
  CHECK(q.get(&inherit) == nullptr);
}

TEST_CASE("run queue: a full ring moves half of itself and the new G to the overflow batch") {
  auto gs = makeGs(RunQueue::kSize + 1);
  RunQueue q;
  GList overflow;
  for (uint32_t i = 0; i < RunQueue::kSize; i++) REQUIRE(q.put(gs[i].get(), false, &overflow));
  CHECK(q.size() == RunQueue::kSize);
  CHECK_FALSE(q.put(gs[RunQueue::kSize].get(), false, &overflow));
  REQUIRE(overflow.size == RunQueue::kSize / 2 + 1);
  // The oldest half, in order, then the G that did not fit.
  for (uint32_t i = 0; i < RunQueue::kSize / 2; i++) CHECK(idOf(overflow.popFront()) == i);
  CHECK(idOf(overflow.popFront()) == RunQueue::kSize);
  CHECK(q.size() == RunQueue::kSize / 2);
  bool inherit;
  CHECK(idOf(q.get(&inherit)) == RunQueue::kSize / 2);
}

TEST_CASE("run queue: steal takes half of the victim's ring and returns one G to run") {
  auto gs = makeGs(10);
  RunQueue victim, thief;
  GList overflow;
  for (auto& g : gs) victim.put(g.get(), false, &overflow);
  G* g = thief.steal(victim, false, false);
  // Ten queued: five taken, the last of them returned, four kept.
  CHECK(idOf(g) == 4);
  CHECK(thief.size() == 4);
  CHECK(victim.size() == 5);
  bool inherit;
  for (uint64_t i = 0; i < 4; i++) CHECK(idOf(thief.get(&inherit)) == i);
  for (uint64_t i = 5; i < 10; i++) CHECK(idOf(victim.get(&inherit)) == i);
}

TEST_CASE("run queue: runnext is stolen only on request and only from an empty ring") {
  auto gs = makeGs(2);
  RunQueue victim, thief;
  GList overflow;
  victim.put(gs[0].get(), true, &overflow);
  CHECK(thief.steal(victim, false, false) == nullptr);
  CHECK(victim.hasRunNext());
  CHECK(thief.steal(victim, true, false) == gs[0].get());
  CHECK(victim.empty());
  // With Gs in the ring, the ring is stolen and runnext stays.
  victim.put(gs[0].get(), false, &overflow);
  victim.put(gs[1].get(), true, &overflow);
  CHECK(thief.steal(victim, true, false) == gs[0].get());
  CHECK(victim.hasRunNext());
}

TEST_CASE("run queue: under contention no G is lost or run twice") {
  // One owner puts (some as runnext, overflowing now and then) and pops;
  // four thieves steal from it and from each other and pop what they
  // stole. Every G must be consumed exactly once.
  constexpr size_t kGs = 100000;
  constexpr int kThieves = 4;
  auto gs = makeGs(kGs);
  std::vector<std::atomic<int>> seen(kGs);
  std::atomic<size_t> consumed{0};
  std::atomic<bool> ownerDone{false};
  RunQueue owner;
  std::vector<std::unique_ptr<RunQueue>> thiefQueues;
  for (int i = 0; i < kThieves; i++) thiefQueues.push_back(std::make_unique<RunQueue>());

  auto consume = [&](G* g) {
    seen[idOf(g)].fetch_add(1, std::memory_order_relaxed);
    consumed.fetch_add(1, std::memory_order_relaxed);
  };

  std::vector<std::thread> thieves;
  for (int t = 0; t < kThieves; t++) {
    thieves.emplace_back([&, t] {
      std::minstd_rand rng(t + 1);
      RunQueue& mine = *thiefQueues[t];
      while (consumed.load(std::memory_order_relaxed) < kGs) {
        int v = static_cast<int>(rng() % (kThieves + 1));
        RunQueue& victim = v == kThieves ? owner : *thiefQueues[v];
        // A P steals only when its own queue is empty; meanwhile other
        // thieves may be stealing from it.
        if (&victim != &mine && mine.empty()) {
          if (G* g = mine.steal(victim, rng() % 2 == 0, false)) consume(g);
        }
        bool inherit;
        for (int k = 0; k < 3; k++) {
          if (G* g = mine.get(&inherit)) consume(g);
        }
        if (ownerDone.load(std::memory_order_relaxed)) std::this_thread::yield();
      }
    });
  }

  std::minstd_rand rng(99);
  bool inherit;
  for (size_t i = 0; i < kGs; i++) {
    GList overflow;
    if (!owner.put(gs[i].get(), rng() % 7 == 0, &overflow)) {
      // What the scheduler would put on the global queue: run it here.
      while (G* g = overflow.popFront()) consume(g);
    }
    if (rng() % 3 == 0) {
      if (G* g = owner.get(&inherit)) consume(g);
    }
  }
  ownerDone.store(true);
  while (G* g = owner.get(&inherit)) consume(g);
  for (auto& th : thieves) th.join();

  CHECK(consumed.load() == kGs);
  size_t wrong = 0;
  for (size_t i = 0; i < kGs; i++)
    if (seen[i].load() != 1) wrong++;
  CHECK(wrong == 0);
}

}  // TEST_SUITE
}  // namespace gsl::runtime
