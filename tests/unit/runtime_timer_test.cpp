// Unit tests of timers (runtime/timer.h): deadline order, stop and reset,
// periodic timers, and sleeping goroutines.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <random>
#include <vector>

#include "tests/unit/runtime_test_support.h"

namespace gsl::runtime {
namespace {

using testing::go;
using testing::kProcCounts;
using testing::runProgram;
using testing::WaitGroup;

constexpr int64_t kMs = 1'000'000;

std::atomic<int> deadlocks{0};
void countDeadlock() { deadlocks++; }

// Makes a step that sleeps `ns` once, then runs `after`.
testing::Step sleepThen(int64_t ns, testing::Step after) {
  auto slept = std::make_shared<bool>(false);
  return [ns, after, slept](G* g) {
    if (!*slept) {
      *slept = true;
      prepareSleep(g, ns);
      return RunResult::Park;
    }
    return after(g);
  };
}

}  // namespace

TEST_SUITE("runtime") {

TEST_CASE("timers: callbacks fire in deadline order, alongside sleeping goroutines") {
  constexpr int kTimers = 24;
  constexpr int kSleepers = 24;
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    struct State;
    struct Arg {
      State* st;
      int index;
    };
    struct State {
      std::mutex mu;
      std::vector<int> fired;  // timer indices in firing order
      Timer timers[kTimers];
      Arg args[kTimers];
      std::shared_ptr<WaitGroup> wg = std::make_shared<WaitGroup>();
    };
    auto st = std::make_shared<State>();
    std::atomic<int> early{0};
    auto wg = st->wg;
    auto started = std::make_shared<bool>(false);
    int code = runProgram(procs, [&, st, wg, started](G* g) {
      if (!*started) {
        *started = true;
        wg->add(kTimers + kSleepers);
        std::vector<int> order(kTimers);
        for (int i = 0; i < kTimers; i++) order[i] = i;
        std::shuffle(order.begin(), order.end(), std::minstd_rand(procs));
        int64_t base = nanotime() + 2 * kMs;
        // Timer i fires at base + i ms; they are armed in a random order.
        for (int i : order) {
          Timer& t = st->timers[i];
          st->args[i] = Arg{st.get(), i};
          t.arg = &st->args[i];
          t.fn = [](void* arg, uint64_t) {
            auto* a = static_cast<Arg*>(arg);
            {
              std::lock_guard<std::mutex> lock(a->st->mu);
              a->st->fired.push_back(a->index);
            }
            a->st->wg->done();
          };
          addTimer(&t, base + i * kMs);
        }
        // Sleepers in between, on the same heap.
        for (int i = 0; i < kSleepers; i++) {
          int64_t d = (i % 12) * kMs + kMs / 2;
          int64_t start = nanotime();
          go(sleepThen(d, [&, wg, d, start](G*) {
            if (nanotime() - start < d) early++;
            wg->done();
            return RunResult::Exit;
          }));
        }
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(early.load() == 0);
    REQUIRE(st->fired.size() == size_t{kTimers});
    CHECK(std::is_sorted(st->fired.begin(), st->fired.end()));
  }
}

TEST_CASE("timers: a stopped timer does not fire and a reset one fires at its new deadline") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    auto fired = std::make_shared<std::array<std::atomic<int>, 2>>();
    auto timers = std::make_shared<std::array<Timer, 2>>();
    std::atomic<bool> stopWasPending{false}, resetWasPending{false}, stopAfterFire{true};
    std::atomic<int64_t> resetFiredAt{0};
    auto step = std::make_shared<int>(0);
    int code = runProgram(procs, [&, fired, timers, step](G* g) {
      if ((*step)++ == 0) {
        for (int i = 0; i < 2; i++) {
          Timer& t = (*timers)[i];
          t.arg = &(*fired)[i];
          t.fn = [](void* arg, uint64_t) { static_cast<std::atomic<int>*>(arg)->fetch_add(1); };
        }
        int64_t now = nanotime();
        addTimer(&(*timers)[0], now + 5 * kMs);
        stopWasPending.store(stopTimer(&(*timers)[0]));
        addTimer(&(*timers)[1], now + 500 * kMs);
        resetWasPending.store(resetTimer(&(*timers)[1], now + 5 * kMs));
        prepareSleep(g, 40 * kMs);
        return RunResult::Park;
      }
      resetFiredAt.store((*fired)[1].load());
      stopAfterFire.store(stopTimer(&(*timers)[1]));
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(stopWasPending.load());
    CHECK(resetWasPending.load());
    CHECK((*fired)[0].load() == 0);
    CHECK(resetFiredAt.load() == 1);
    CHECK_FALSE(stopAfterFire.load());  // it had fired already
  }
}

TEST_CASE("timers: a periodic timer fires again and again until it is stopped") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    auto count = std::make_shared<std::atomic<int>>(0);
    auto ticker = std::make_shared<Timer>();
    std::atomic<int> atStop{0}, later{0};
    std::atomic<bool> pendingAtStop{false};
    auto step = std::make_shared<int>(0);
    int64_t begin = nanotime();
    int code = runProgram(procs, [&, count, ticker, step](G* g) {
      switch (*step) {
        case 0:
          ticker->period = 2 * kMs;
          ticker->arg = count.get();
          ticker->fn = [](void* arg, uint64_t) { static_cast<std::atomic<int>*>(arg)->fetch_add(1); };
          addTimer(ticker.get(), nanotime() + 2 * kMs);
          *step = 1;
          [[fallthrough]];
        case 1:
          // Check every 5 ms until it fired three times (no deadline on a
          // loaded machine: the watchdog catches a ticker that stopped).
          if (count->load() < 3) {
            prepareSleep(g, 5 * kMs);
            return RunResult::Park;
          }
          pendingAtStop.store(stopTimer(ticker.get()));  // a periodic timer stays pending
          atStop.store(count->load());
          *step = 2;
          prepareSleep(g, 10 * kMs);
          return RunResult::Park;
        default:
          later.store(count->load());
          return RunResult::Exit;
      }
    });
    CHECK(code == 0);
    CHECK(pendingAtStop.load());
    CHECK(atStop.load() >= 3);
    CHECK(later.load() == atStop.load());
    // Three periods of 2 ms cannot take less than 6 ms.
    CHECK(nanotime() - begin >= 6 * kMs);
  }
}

TEST_CASE("timers: sleeping goroutines wake no earlier than their deadlines, and none is lost") {
  constexpr int kSleepers = 200;
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    std::atomic<int> early{0}, woke{0};
    auto wg = std::make_shared<WaitGroup>();
    auto started = std::make_shared<bool>(false);
    int64_t begin = nanotime();
    int code = runProgram(procs, [&, wg, started](G* g) {
      if (!*started) {
        *started = true;
        wg->add(kSleepers);
        std::minstd_rand rng(procs);
        for (int i = 0; i < kSleepers; i++) {
          int64_t d = static_cast<int64_t>(rng() % 20'000) * 1000;  // 0 to 20 ms
          int64_t start = nanotime();
          go(sleepThen(d, [&, wg, d, start](G*) {
            if (nanotime() - start < d) early++;
            woke++;
            wg->done();
            return RunResult::Exit;
          }));
        }
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(early.load() == 0);
    CHECK(woke.load() == kSleepers);
    CHECK(nanotime() - begin < 10'000 * kMs);  // generous: sanitizers are slow
  }
}

TEST_CASE("timers: a pending sleep is not a deadlock") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    deadlocks = 0;
    Hooks hooks;
    hooks.onDeadlock = countDeadlock;
    int64_t start = nanotime();
    int code = runProgram(procs, sleepThen(20 * kMs, [](G*) { return RunResult::Exit; }), hooks);
    CHECK(code == 0);
    CHECK(deadlocks.load() == 0);
    CHECK(nanotime() - start >= 20 * kMs);
  }
}

}  // TEST_SUITE
}  // namespace gsl::runtime
