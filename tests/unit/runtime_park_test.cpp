// Unit tests of the park/resume protocol (runtime/park.h): wait queues,
// select claiming, the unlock-after-Waiting rule, cancelled parks, and
// ready() from a thread that is not an M.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <thread>

#include "tests/unit/runtime_test_support.h"

namespace gsl::runtime {
namespace {

using testing::go;
using testing::kProcCounts;
using testing::runProgram;

// An object with one waiting slot, for the tests below.
struct Slot {
  Mutex mu;
  G* waiting = nullptr;
  std::atomic<int> statusAtUnlock{-1};
  std::atomic<bool> heldAtUnlock{false};
};

// An unlock function that records what the scheduler guarantees when it
// runs: the goroutine is Waiting and the object's lock is still held.
bool checkingUnlock(G* g, void* arg) GSL_NO_THREAD_SAFETY_ANALYSIS {
  auto* slot = static_cast<Slot*>(arg);
  slot->statusAtUnlock.store(static_cast<int>(readStatus(g)));
  bool free = slot->mu.tryLock();
  if (free) slot->mu.unlock();
  slot->heldAtUnlock.store(!free);
  slot->mu.unlock();
  return true;
}

}  // namespace

TEST_SUITE("runtime") {

TEST_CASE("wait queue: waiters come out first in, first out, and remove unlinks any of them") {
  WaitQueue q;
  Waiter w[4];
  CHECK(q.empty());
  for (auto& x : w) q.pushBack(&x);
  q.remove(&w[1]);
  q.remove(&w[1]);  // already removed: nothing happens
  CHECK_FALSE(w[1].queued);
  CHECK(q.front() == &w[0]);
  CHECK(q.dequeue() == &w[0]);
  CHECK(q.dequeue() == &w[2]);
  q.remove(&w[3]);
  CHECK(q.dequeue() == nullptr);
  CHECK(q.empty());
}

TEST_CASE("wait queue: a select waiter is claimed once; its other waiters are dropped") {
  G selecting, plain;
  WaitQueue a, b;
  Waiter wa, wb, wp;
  wa.g = &selecting;
  wa.isSelect = true;
  wa.caseIndex = 0;
  wb.g = &selecting;
  wb.isSelect = true;
  wb.caseIndex = 1;
  wp.g = &plain;
  a.pushBack(&wa);
  b.pushBack(&wb);
  b.pushBack(&wp);
  Waiter* first = a.dequeue();
  REQUIRE(first == &wa);
  CHECK(selecting.selectDone.load() == 1);
  // Channel b finds the select already claimed by a: it skips to the next.
  CHECK(b.dequeue() == &wp);
  CHECK(b.empty());
}

TEST_CASE("park: the object's lock is released only after the goroutine is Waiting") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    auto slot = std::make_shared<Slot>();
    std::atomic<int64_t> got{0};
    auto parked = std::make_shared<bool>(false);
    int code = runProgram(procs, [&, slot, parked](G* g) GSL_NO_THREAD_SAFETY_ANALYSIS {
      if (*parked) {
        got.store(g->parkValue.asInt());
        return RunResult::Exit;
      }
      *parked = true;
      slot->mu.lock();
      slot->waiting = g;
      // The waker may run at once on another P; it needs the lock first.
      go([slot](G*) {
        slot->mu.lock();
        G* w = slot->waiting;
        slot->waiting = nullptr;
        w->parkValue = vm::Value::smallInt(42);
        slot->mu.unlock();
        ready(w);  // aborts unless w is Waiting
        return RunResult::Exit;
      });
      preparePark(g, WaitReason::ChanReceive, checkingUnlock, slot.get());
      return RunResult::Park;
    });
    CHECK(code == 0);
    CHECK(got.load() == 42);
    CHECK(slot->statusAtUnlock.load() == static_cast<int>(GStatus::Waiting));
    CHECK(slot->heldAtUnlock.load());
  }
}

TEST_CASE("park: an unlock function that returns false resumes the goroutine at once") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    std::atomic<int> steps{0};
    std::atomic<int> otherRanBetween{0};
    std::atomic<bool> inPark{false};
    int code = runProgram(procs, [&](G* g) {
      if (steps++ == 0) {
        // Something else runnable, to show that the cancelled park does
        // not go through the run queue.
        go([&](G*) {
          if (inPark.load()) otherRanBetween++;
          return RunResult::Exit;
        });
        inPark.store(true);
        preparePark(g, WaitReason::Select, [](G*, void*) { return false; }, nullptr);
        return RunResult::Park;
      }
      inPark.store(false);
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(steps.load() == 2);
    if (procs == 1) CHECK(otherRanBetween.load() == 0);
  }
}

TEST_CASE("park: ready from a thread that is not an M resumes the goroutine") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    auto slot = std::make_shared<Slot>();
    auto waker = std::make_shared<std::thread>();
    std::atomic<bool> resumed{false}, wakerReturned{false};
    std::atomic<int64_t> got{0};
    auto parked = std::make_shared<bool>(false);
    int code = runProgram(procs, [&, slot, waker, parked](G* g) GSL_NO_THREAD_SAFETY_ANALYSIS {
      if (*parked) {
        got.store(g->parkValue.asInt());
        resumed.store(true);
        // ready() from a foreign thread must have returned before the
        // program ends (runMain frees the scheduler).
        return wakerReturned.load() ? RunResult::Exit : RunResult::Yield;
      }
      *parked = true;
      // Keep a goroutine busy meanwhile: with every goroutine parked and
      // only a foreign thread left to wake one, it would be a deadlock.
      go([&](G*) { return resumed.load() ? RunResult::Exit : RunResult::Yield; });
      slot->mu.lock();
      slot->waiting = g;
      *waker = std::thread([slot, &wakerReturned] {
        for (;;) {
          slot->mu.lock();
          G* w = slot->waiting;
          if (w) {
            slot->waiting = nullptr;
            w->parkValue = vm::Value::smallInt(7);
          }
          slot->mu.unlock();
          if (w) {
            ready(w);
            wakerReturned.store(true);
            return;
          }
          std::this_thread::yield();
        }
      });
      preparePark(g, WaitReason::ChanReceive, unlockMutex, &slot->mu);
      return RunResult::Park;
    });
    waker->join();
    CHECK(code == 0);
    CHECK(got.load() == 7);
  }
}

}  // TEST_SUITE
}  // namespace gsl::runtime
