// Unit tests of the scheduler (runtime/sched.h) with fake goroutines:
// yielding, spawning, park/ready ping-pong, a producer/consumer queue,
// GOMAXPROCS changes, and exit. Each runs at GOMAXPROCS 1, 2, 4, 8, 64.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <set>
#include <vector>

#include "tests/unit/runtime_test_support.h"

namespace gsl::runtime {
namespace {

using testing::go;
using testing::kProcCounts;
using testing::runProgram;
using testing::WaitGroup;

}  // namespace

TEST_SUITE("runtime") {

TEST_CASE("scheduler: the main goroutine is number 1 and its exit ends the program with status 0") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    std::atomic<uint64_t> mainId{0};
    std::atomic<int> seenProcs{0};
    std::atomic<bool> currentIsMain{false};
    int code = runProgram(procs, [&](G* g) {
      mainId.store(g->id.load());
      seenProcs.store(maxProcs());
      currentIsMain.store(currentG() == g);
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(mainId.load() == 1);
    CHECK(seenProcs.load() == procs);
    CHECK(currentIsMain.load());
  }
}

TEST_CASE("scheduler: exitProgram's code is what runMain returns, even with goroutines running") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    int code = runProgram(procs, [](G*) {
      for (int i = 0; i < 20; i++) go([](G*) { return RunResult::Yield; });  // never finish
      exitProgram(3);
      return RunResult::Yield;
    });
    CHECK(code == 3);
  }
}

TEST_CASE("scheduler: 100,000 goroutines that yield several times all complete") {
  constexpr int kGoroutines = 100000;
  constexpr int kYields = 3;
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    std::atomic<int> finished{0};
    std::atomic<int64_t> steps{0};
    std::atomic<int64_t> maxLive{0};
    auto wg = std::make_shared<WaitGroup>();
    auto spawned = std::make_shared<bool>(false);
    int code = runProgram(procs, [&, wg, spawned](G* g) {
      if (!*spawned) {
        *spawned = true;
        wg->add(kGoroutines);
        for (int i = 0; i < kGoroutines; i++) {
          auto left = std::make_shared<int>(kYields);
          go([&, wg, left](G*) {
            steps.fetch_add(1, std::memory_order_relaxed);
            if ((*left)-- > 0) return RunResult::Yield;
            finished.fetch_add(1, std::memory_order_relaxed);
            wg->done();
            return RunResult::Exit;
          });
        }
        int64_t live = numGoroutine();
        maxLive.store(live);
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(finished.load() == kGoroutines);
    CHECK(steps.load() == int64_t{kGoroutines} * (kYields + 1));
    CHECK(maxLive.load() <= kGoroutines + 1);
  }
}

TEST_CASE("scheduler: goroutine numbers are unique and numGoroutine counts the live ones") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    constexpr int kRounds = 3;
    constexpr int kPerRound = 500;
    std::mutex mu;
    std::set<uint64_t> ids;
    std::atomic<int> dups{0};
    std::atomic<int64_t> liveAtEnd{-1};
    auto wg = std::make_shared<WaitGroup>();
    auto round = std::make_shared<int>(0);
    auto yields = std::make_shared<int>(0);
    int code = runProgram(procs, [&, wg, round, yields](G* g) {
      // Each round spawns goroutines that record their number and exit;
      // later rounds reuse the finished Gs, with fresh numbers.
      if (*round == kRounds) {
        // The last goroutines may still be between wg->done() and their
        // exit: wait for them by yielding (bounded).
        if (numGoroutine() > 1 && ++*yields < 1000000) return RunResult::Yield;
        liveAtEnd.store(numGoroutine());
        return RunResult::Exit;
      }
      (*round)++;
      wg->add(kPerRound);
      for (int i = 0; i < kPerRound; i++) {
        go([&, wg](G* self) {
          {
            std::lock_guard<std::mutex> lock(mu);
            if (!ids.insert(self->id.load()).second) dups++;
          }
          wg->done();
          return RunResult::Exit;
        });
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Yield;
    });
    CHECK(code == 0);
    CHECK(dups.load() == 0);
    CHECK(ids.size() == size_t{kRounds * kPerRound});
    CHECK(ids.count(1) == 0);  // main's
    CHECK(liveAtEnd.load() == 1);
  }
}

TEST_CASE("scheduler: two goroutines ping-pong 100,000 times through park and ready") {
  // A baton: each goroutine waits (parked) until the other hands it over
  // with the round number in the park slot.
  struct Baton {
    Mutex mu;
    int turn = 0;         // whose turn: 0 or 1
    G* waiting[2] = {nullptr, nullptr};
  };
  constexpr int64_t kRounds = 100000;
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    auto baton = std::make_shared<Baton>();
    auto wg = std::make_shared<WaitGroup>();
    std::atomic<int> badValues{0};
    std::atomic<int64_t> parks{0};
    auto started = std::make_shared<bool>(false);
    int code = runProgram(procs, [&, baton, wg, started](G* g) {
      if (!*started) {
        *started = true;
        wg->add(2);
        for (int me = 0; me < 2; me++) {
          auto round = std::make_shared<int64_t>(0);
          auto resumed = std::make_shared<bool>(false);
          go([&, baton, wg, me, round, resumed](G* self) GSL_NO_THREAD_SAFETY_ANALYSIS {
            for (;;) {
              if (*resumed) {
                // The waker handed us the round it finished.
                *resumed = false;
                if (self->parkValue.asInt() != *round * 2 + me - 1) badValues++;
              }
              if (*round == kRounds) {
                wg->done();
                return RunResult::Exit;
              }
              baton->mu.lock();
              if (baton->turn != me) {
                baton->waiting[me] = self;
                *resumed = true;
                parks++;
                preparePark(self, WaitReason::ChanReceive, unlockMutex, &baton->mu);
                return RunResult::Park;
              }
              // Our turn: play, pass the baton, wake the other if it waits.
              int64_t played = *round * 2 + me;
              (*round)++;
              baton->turn = 1 - me;
              G* other = baton->waiting[1 - me];
              baton->waiting[1 - me] = nullptr;
              if (other) other->parkValue = vm::Value::smallInt(played);
              baton->mu.unlock();
              if (other) ready(other);
            }
          });
        }
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(badValues.load() == 0);
    // Each round, at least one of the two had to wait for the other.
    CHECK(parks.load() >= kRounds);
  }
}

TEST_CASE("scheduler: a producer/consumer queue on park/ready delivers every item once, in order") {
  // Each producer ends with one stop value, so there are as many
  // producers as consumers.
  constexpr int kProducers = 4;
  constexpr int kConsumers = kProducers;
  constexpr int64_t kItems = 10000;  // per producer
  for (size_t capacity : {size_t{0}, size_t{16}}) {
    for (int procs : kProcCounts) {
      CAPTURE(capacity);
      CAPTURE(procs);
      auto ch = std::make_shared<testing::Chan>(capacity);
      auto wg = std::make_shared<WaitGroup>();
      std::atomic<int64_t> received{0};
      std::atomic<int64_t> sum{0};
      std::atomic<int> outOfOrder{0};
      auto started = std::make_shared<bool>(false);
      int code = runProgram(procs, [&, ch, wg, started](G* g) {
        if (!*started) {
          *started = true;
          wg->add(kProducers + kConsumers);
          for (int p = 0; p < kProducers; p++) {
            auto next = std::make_shared<int64_t>(0);
            auto sent = std::make_shared<bool>(false);
            go([&, ch, wg, p, next, sent](G* self) {
              for (;;) {
                if (*sent) {  // resumed after a blocked send completed
                  *sent = false;
                  (*next)++;
                }
                if (*next == kItems + 1) {
                  wg->done();
                  return RunResult::Exit;
                }
                // Items are producer * kItems + sequence number; the last
                // one, -1, tells one consumer to stop.
                int64_t v = *next < kItems ? p * kItems + *next : -1;
                if (ch->sendParks(self, v)) {
                  *sent = true;
                  return RunResult::Park;
                }
                (*next)++;
                if (*next % 64 == 0) return RunResult::Yield;
              }
            });
          }
          for (int c = 0; c < kConsumers; c++) {
            auto last = std::make_shared<std::vector<int64_t>>(kProducers, -1);
            auto waiting = std::make_shared<bool>(false);
            go([&, ch, wg, last, waiting](G* self) {
              // Returns false for the stop value.
              auto take = [&](int64_t v) {
                if (v < 0) return false;
                int64_t producer = v / kItems, seq = v % kItems;
                if (seq <= (*last)[producer]) outOfOrder++;
                (*last)[producer] = seq;
                sum.fetch_add(v);
                received.fetch_add(1);
                return true;
              };
              for (;;) {
                int64_t v;
                if (*waiting) {
                  *waiting = false;
                  v = self->parkValue.asInt();
                } else if (ch->recvParks(self, &v)) {
                  *waiting = true;
                  return RunResult::Park;
                }
                if (!take(v)) {
                  wg->done();
                  return RunResult::Exit;
                }
              }
            });
          }
        }
        if (wg->waitParks(g)) return RunResult::Park;
        return RunResult::Exit;
      });
      CHECK(code == 0);
      CHECK(received.load() == kProducers * kItems);
      int64_t n = kProducers * kItems;
      CHECK(sum.load() == n * (n - 1) / 2);
      CHECK(outOfOrder.load() == 0);
    }
  }
}

TEST_CASE("scheduler: setMaxProcs changes the number of Ps while goroutines run") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    constexpr int kWorkers = 200;
    constexpr int kYields = 200;
    std::atomic<int> finished{0};
    std::atomic<int> wrongPrevious{0};
    auto wg = std::make_shared<WaitGroup>();
    auto stage = std::make_shared<int>(0);
    const std::vector<int> sizes = {3, 1, 8, 2, procs};
    int code = runProgram(procs, [&, wg, stage, sizes](G* g) {
      if (*stage == 0) {
        wg->add(kWorkers);
        for (int i = 0; i < kWorkers; i++) {
          auto left = std::make_shared<int>(kYields);
          go([&, wg, left](G*) {
            if ((*left)-- > 0) return RunResult::Yield;
            finished++;
            wg->done();
            return RunResult::Exit;
          });
        }
      }
      if (*stage < static_cast<int>(sizes.size())) {
        int want = sizes[*stage];
        int previous = setMaxProcs(want);
        int expected = *stage == 0 ? procs : sizes[*stage - 1];
        if (previous != expected || maxProcs() != want) wrongPrevious++;
        (*stage)++;
        return RunResult::Yield;  // let the workers run a little at this size
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(finished.load() == kWorkers);
    CHECK(wrongPrevious.load() == 0);
  }
}

TEST_CASE("scheduler: Config reads GOMAXPROCS and GSLDEBUG") {
  Config c = Config::parse("3", "schedtrace=1000,scheddetail=1");
  CHECK(c.maxProcs == 3);
  CHECK(c.schedTraceMs == 1000);
  CHECK(c.schedDetail);
  Config d = Config::parse("0", "foo=1,schedtrace=x");
  CHECK(d.maxProcs == 0);  // not positive: the number of CPUs
  CHECK(d.schedTraceMs == 0);
  CHECK_FALSE(d.schedDetail);
  CHECK(Config::parse(nullptr, nullptr).maxProcs == 0);
  CHECK(Config::parse("5000", nullptr).maxProcs == kMaxProcs);
  CHECK(numCPU() >= 1);
}

}  // TEST_SUITE
}  // namespace gsl::runtime
