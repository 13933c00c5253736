// Unit tests of channels and select (runtime/chan.h, runtime/select.h),
// driven by fake goroutines (tests/unit/runtime_test_support.h) at
// GOMAXPROCS 1, 2, 4, 8 and 64. Values are plain ints; the channels live in
// malloc'd memory (no collector is involved here).
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <vector>

#include "runtime/chan.h"
#include "runtime/select.h"
#include "tests/unit/runtime_test_support.h"

namespace gsl::runtime {
namespace {

using testing::go;
using testing::kProcCounts;
using testing::runProgram;

// A channel in malloc'd memory, freed with the object.
struct TestChan {
  explicit TestChan(int64_t cap) {
    buf = cap > 0 ? static_cast<vm::Value*>(std::calloc(cap, sizeof(vm::Value))) : nullptr;
    mem = std::calloc(1, sizeof(Channel));
    c = initChannel(mem, nullptr, cap, buf, "test.gsl", 1);
  }
  ~TestChan() {
    c->~Channel();
    std::free(mem);
    std::free(buf);
  }
  vm::Value* buf;
  void* mem;
  Channel* c;
};

vm::Value num(int64_t i) { return vm::Value::smallInt(i); }

// A fake goroutine sending from..to-1 on c (parking when it must), then
// optionally closing it.
testing::Step sender(Channel* c, int64_t from, int64_t to, bool closeAfter) {
  auto next = std::make_shared<int64_t>(from);
  auto parked = std::make_shared<bool>(false);
  return [=](G* g) {
    if (*parked) {
      *parked = false;
      REQUIRE(chanSendResumed(g) == ChanStatus::Done);
      ++*next;
    }
    while (*next < to) {
      ChanStatus st = chanSend(g, c, num(*next), BlockMode::Park);
      if (st == ChanStatus::Parked) {
        *parked = true;
        return RunResult::Park;
      }
      REQUIRE(st == ChanStatus::Done);
      ++*next;
    }
    if (closeAfter) chanClose(c);
    return RunResult::Exit;
  };
}

// A fake goroutine receiving until the channel is closed, appending what it
// gets to *got.
testing::Step receiver(Channel* c, std::vector<int64_t>* got, std::atomic<bool>* sawClose) {
  auto parked = std::make_shared<bool>(false);
  return [=](G* g) {
    for (;;) {
      vm::Value v;
      ChanStatus st;
      if (*parked) {
        *parked = false;
        st = chanRecvResumed(g, &v);
      } else {
        st = chanRecv(g, c, &v, BlockMode::Park);
      }
      if (st == ChanStatus::Parked) {
        *parked = true;
        return RunResult::Park;
      }
      if (st == ChanStatus::Closed) {
        sawClose->store(true);
        return RunResult::Exit;
      }
      got->push_back(v.asInt());
    }
  };
}

}  // namespace

TEST_SUITE("runtime") {

TEST_CASE("channel: values arrive in the order they were sent, unbuffered and buffered") {
  for (int64_t cap : {0, 1, 7}) {
    for (int procs : kProcCounts) {
      CAPTURE(cap);
      CAPTURE(procs);
      TestChan ch(cap);
      std::vector<int64_t> got;
      std::atomic<bool> closed{false};
      int code = runProgram(procs, [&, started = false, recv = receiver(ch.c, &got, &closed)](G* g) mutable {
        if (!started) {
          started = true;
          go(sender(ch.c, 0, 2000, true));
        }
        return recv(g);
      });
      CHECK(code == 0);
      CHECK(closed.load());
      REQUIRE(got.size() == 2000);
      for (int64_t i = 0; i < 2000; i++) REQUIRE(got[i] == i);
    }
  }
}

// The number of Waiters on q (the channel's lock held).
int queued(const WaitQueue& q) {
  int n = 0;
  for (Waiter* w = q.front(); w; w = w->next) n++;
  return n;
}

TEST_CASE("channel: a full buffer makes senders wait, and they are served first come, first served") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    TestChan ch(2);
    std::vector<int64_t> got;
    int code = runProgram(procs, [&, filled = false, spawned = 0](G* g) mutable {
      if (!filled) {
        filled = true;
        REQUIRE(chanSend(g, ch.c, num(0), BlockMode::NoBlock) == ChanStatus::Done);
        REQUIRE(chanSend(g, ch.c, num(1), BlockMode::NoBlock) == ChanStatus::Done);
        REQUIRE(chanSend(g, ch.c, num(2), BlockMode::NoBlock) == ChanStatus::WouldBlock);
      }
      // Start three senders, each once the previous one is queued.
      for (;;) {
        int n;
        {
          MutexLock lock(ch.c->mu);
          n = queued(ch.c->sendq);
        }
        if (n < spawned) return RunResult::Yield;
        if (spawned == 3) break;
        spawned++;
        go(sender(ch.c, 10 * spawned, 10 * spawned + 1, false));
      }
      while (got.size() < 5) {
        vm::Value v;
        ChanStatus st = chanRecv(g, ch.c, &v, BlockMode::NoBlock);
        if (st == ChanStatus::WouldBlock) return RunResult::Yield;
        got.push_back(v.asInt());
      }
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(got == std::vector<int64_t>{0, 1, 10, 20, 30});
  }
}

TEST_CASE("channel: close wakes every waiting receiver with ok == false") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    TestChan ch(0);
    constexpr int kReceivers = 200;
    std::vector<std::vector<int64_t>> got(kReceivers);
    std::unique_ptr<std::atomic<bool>[]> closed(new std::atomic<bool>[kReceivers]);
    for (int i = 0; i < kReceivers; i++) closed[i] = false;
    testing::WaitGroup wg;
    int code = runProgram(procs, [&, phase = 0](G* g) mutable {
      if (phase == 0) {
        phase = 1;
        wg.add(kReceivers);
        for (int i = 0; i < kReceivers; i++) {
          go([&, i, inner = receiver(ch.c, &got[i], &closed[i])](G* rg) mutable {
            RunResult r = inner(rg);
            if (r == RunResult::Exit) wg.done();
            return r;
          });
        }
      }
      if (phase == 1) {
        {
          MutexLock lock(ch.c->mu);
          if (queued(ch.c->recvq) < kReceivers) return RunResult::Yield;
        }
        CHECK(chanClose(ch.c));
        CHECK_FALSE(chanClose(ch.c));  // a second close reports it
        phase = 2;
        if (wg.waitParks(g)) return RunResult::Park;
      }
      return RunResult::Exit;
    });
    CHECK(code == 0);
    for (int i = 0; i < kReceivers; i++) {
      CHECK(closed[i].load());
      CHECK(got[i].empty());
    }
  }
}

TEST_CASE("channel: a sender blocked on a channel that gets closed learns it was closed") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    TestChan ch(0);
    std::atomic<int> outcome{-1};
    int code = runProgram(procs, [&, phase = 0](G* g) mutable {
      if (phase == 0) {
        phase = 1;
        go([&, parked = false](G* sg) mutable {
          if (parked) {
            outcome.store(chanSendResumed(sg) == ChanStatus::Closed ? 1 : 0);
            return RunResult::Exit;
          }
          ChanStatus st = chanSend(sg, ch.c, num(5), BlockMode::Park);
          REQUIRE(st == ChanStatus::Parked);
          parked = true;
          return RunResult::Park;
        });
      }
      if (phase == 1) {
        {
          MutexLock lock(ch.c->mu);
          if (ch.c->sendq.empty()) return RunResult::Yield;
        }
        chanClose(ch.c);
        phase = 2;
      }
      if (outcome.load() < 0) return RunResult::Yield;
      // Sending on the closed channel now fails at once.
      CHECK(chanSend(g, ch.c, num(1), BlockMode::Park) == ChanStatus::Closed);
      vm::Value v;
      CHECK(chanRecv(g, ch.c, &v, BlockMode::Park) == ChanStatus::Closed);
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(outcome.load() == 1);
  }
}

TEST_CASE("select: the choice among ready cases is uniformly random") {
  TestChan a(1000), b(1000), c(1000);
  // Without blocking, select needs no goroutine.
  for (int i = 0; i < 1000; i++) {
    chanSend(nullptr, a.c, num(0), BlockMode::NoBlock);
    chanSend(nullptr, b.c, num(1), BlockMode::NoBlock);
    chanSend(nullptr, c.c, num(2), BlockMode::NoBlock);
  }
  SelectCase cases[4];
  cases[0].chan = a.c;
  cases[1].chan = nullptr;  // a nil channel is never chosen
  cases[2].chan = b.c;
  cases[3].chan = c.c;
  int counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < 1500; i++) {
    SelectOutcome out;
    REQUIRE(selectGo(nullptr, cases, 4, true, false, &out) == SelectStatus::Chosen);
    REQUIRE(out.ok);
    counts[out.index]++;
  }
  CHECK(counts[1] == 0);
  // Each of the three should get about 500; 350 is over 8 standard
  // deviations away.
  CHECK(counts[0] > 350);
  CHECK(counts[2] > 350);
  CHECK(counts[3] > 350);
}

TEST_CASE("select: with nothing ready it takes the default case, and a closed channel is ready") {
  TestChan a(0), b(1);
  SelectCase cases[2];
  cases[0].chan = a.c;
  cases[1].chan = b.c;
  cases[1].isSend = true;
  cases[1].value = num(9);
  SelectOutcome out;
  CHECK(selectGo(nullptr, cases, 2, true, false, &out) == SelectStatus::Chosen);  // room in b
  CHECK(out.index == 1);
  CHECK(selectGo(nullptr, cases, 2, true, false, &out) == SelectStatus::Default);  // b is full now
  chanClose(a.c);
  CHECK(selectGo(nullptr, cases, 2, true, false, &out) == SelectStatus::Chosen);
  CHECK(out.index == 0);
  CHECK_FALSE(out.ok);
  chanClose(b.c);
  cases[0].chan = nullptr;
  CHECK(selectGo(nullptr, cases, 2, true, false, &out) == SelectStatus::SendOnClosed);
  CHECK(out.index == 1);
}

TEST_CASE("select: a blocked select is woken by one channel and leaves every other queue") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    TestChan a(0), b(0), c(0);
    std::atomic<int> fired{-1};
    std::atomic<int64_t> value{-1};
    int code = runProgram(procs, [&, phase = 0](G* g) mutable {
      if (phase == 0) {
        phase = 1;
        go([&, parked = false](G* sg) mutable {
          SelectCase cases[3];
          cases[0].chan = a.c;
          cases[1].chan = b.c;
          cases[2].chan = c.c;
          cases[2].isSend = true;
          cases[2].value = num(7);
          SelectOutcome out;
          SelectStatus st = parked ? selectResumed(sg, cases, 3, false, &out)
                                   : selectGo(sg, cases, 3, false, true, &out);
          if (st == SelectStatus::Parked) {
            parked = true;
            return RunResult::Park;
          }
          REQUIRE(st == SelectStatus::Chosen);
          fired.store(out.index);
          value.store(out.value.asInt());
          return RunResult::Exit;
        });
      }
      if (phase == 1) {
        // One channel lock at a time: select takes them in address order.
        auto empty = [](Channel* ch, bool send) {
          MutexLock lock(ch->mu);
          return send ? ch->sendq.empty() : ch->recvq.empty();
        };
        if (empty(a.c, false) || empty(b.c, false) || empty(c.c, true)) return RunResult::Yield;
        REQUIRE(chanSend(g, b.c, num(42), BlockMode::Park) == ChanStatus::Done);
        phase = 2;
      }
      if (fired.load() < 0) return RunResult::Yield;
      auto empty = [](Channel* ch, bool send) {
        MutexLock lock(ch->mu);
        return send ? ch->sendq.empty() : ch->recvq.empty();
      };
      CHECK(empty(a.c, false));
      CHECK(empty(b.c, false));
      CHECK(empty(c.c, true));
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(fired.load() == 1);
    CHECK(value.load() == 42);
  }
}

TEST_CASE("select: two goroutines selecting on the same channels in opposite orders never deadlock") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    TestChan a(0), b(0);
    constexpr int kRounds = 500;
    std::atomic<int> received{0};
    // Goroutine X sends on a or b; goroutine Y receives from b or a.
    auto selector = [&](bool sending) {
      return [&, sending, round = 0, parked = false](G* g) mutable {
        for (;;) {
          if (round == kRounds) return RunResult::Exit;
          SelectCase cases[2];
          cases[0].chan = sending ? a.c : b.c;
          cases[1].chan = sending ? b.c : a.c;
          cases[0].isSend = cases[1].isSend = sending;
          cases[0].value = cases[1].value = num(round);
          SelectOutcome out;
          SelectStatus st = parked ? selectResumed(g, cases, 2, false, &out)
                                   : selectGo(g, cases, 2, false, true, &out);
          parked = false;
          if (st == SelectStatus::Parked) {
            parked = true;
            return RunResult::Park;
          }
          REQUIRE(st == SelectStatus::Chosen);
          if (!sending) {
            REQUIRE(out.ok);
            REQUIRE(out.value.asInt() == round);
            received.fetch_add(1);
          }
          round++;
        }
      };
    };
    testing::WaitGroup wg;
    int code = runProgram(procs, [&, phase = 0](G* g) mutable {
      if (phase == 0) {
        phase = 1;
        wg.add(2);
        go([&, inner = selector(true)](G* sg) mutable {
          RunResult r = inner(sg);
          if (r == RunResult::Exit) wg.done();
          return r;
        });
        go([&, inner = selector(false)](G* sg) mutable {
          RunResult r = inner(sg);
          if (r == RunResult::Exit) wg.done();
          return r;
        });
      }
      if (phase == 1) {
        phase = 2;
        if (wg.waitParks(g)) return RunResult::Park;
      }
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(received.load() == kRounds);
  }
}

TEST_CASE("channel: a goroutine that cannot park waits in place and is woken by a sender") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    TestChan ch(0);
    std::atomic<int64_t> got{-1};
    int code = runProgram(procs, [&, phase = 0](G* g) mutable {
      if (phase == 0) {
        phase = 1;
        go(sender(ch.c, 5, 6, false));
        // As script code inside a native's callback would: no parking.
        vm::Value v;
        ChanStatus st = chanRecv(g, ch.c, &v, BlockMode::InPlace);
        REQUIRE(st == ChanStatus::Done);
        got.store(v.asInt());
      }
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(got.load() == 5);
  }
}

TEST_CASE("channel: 10000 goroutines parked on one channel are all released by close") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    TestChan ch(0);
    constexpr int kParked = 10000;
    std::atomic<int> woken{0};
    testing::WaitGroup wg;
    int code = runProgram(procs, [&, phase = 0](G* g) mutable {
      if (phase == 0) {
        phase = 1;
        wg.add(kParked);
        for (int i = 0; i < kParked; i++) {
          go([&, parked = false](G* rg) mutable {
            vm::Value v;
            ChanStatus st = parked ? chanRecvResumed(rg, &v) : chanRecv(rg, ch.c, &v, BlockMode::Park);
            if (st == ChanStatus::Parked) {
              parked = true;
              return RunResult::Park;
            }
            REQUIRE(st == ChanStatus::Closed);
            woken.fetch_add(1);
            wg.done();
            return RunResult::Exit;
          });
        }
      }
      if (phase == 1) {
        {
          MutexLock lock(ch.c->mu);
          if (queued(ch.c->recvq) < kParked) return RunResult::Yield;
        }
        chanClose(ch.c);
        phase = 2;
        if (wg.waitParks(g)) return RunResult::Park;
      }
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(woken.load() == kParked);
  }
}

}  // TEST_SUITE("runtime")

}  // namespace gsl::runtime
