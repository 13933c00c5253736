// Unit tests of deadlock detection and goroutine dumps (runtime/sched.cpp
// checkdeadLocked, forEachG, goroutineHeader; wait reasons in runtime/g.h).
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "tests/unit/runtime_test_support.h"

namespace gsl::runtime {
namespace {

using testing::go;
using testing::kProcCounts;
using testing::Never;
using testing::runProgram;

std::atomic<int> deadlocks{0};
std::vector<std::string> dump;  // written by the hook while every M is idle

void recordDeadlock() {
  deadlocks++;
  dump.clear();
  forEachG([](G* g, void*) { dump.push_back(goroutineHeader(g)); }, nullptr);
}

}  // namespace

TEST_SUITE("runtime") {

TEST_CASE("deadlock: the hook is called once when every goroutine is parked, and the exit status is 2") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    deadlocks = 0;
    dump.clear();
    Hooks hooks;
    hooks.onDeadlock = recordDeadlock;
    auto never = std::make_shared<Never>();
    auto started = std::make_shared<bool>(false);
    int code = runProgram(procs, [never, started](G* g) {
      if (!*started) {
        *started = true;
        go([never](G* self) { return never->park(self, WaitReason::ChanSend); });
        go([never](G* self) { return never->park(self, WaitReason::SyncMutexLock); });
        // One that yields a while before parking for good.
        auto left = std::make_shared<int>(50);
        go([never, left](G* self) {
          if ((*left)-- > 0) return RunResult::Yield;
          return never->park(self, WaitReason::Select);
        });
      }
      return never->park(g, WaitReason::ChanReceive);
    }, hooks);
    CHECK(code == 2);
    CHECK(deadlocks.load() == 1);
    std::sort(dump.begin(), dump.end());
    std::vector<std::string> want = {"goroutine 1 [chan receive]:", "goroutine 2 [chan send]:",
                                     "goroutine 3 [sync.Mutex.Lock]:", "goroutine 4 [select]:"};
    CHECK(dump == want);
  }
}

TEST_CASE("deadlock: it is detected once the last pending timer has fired") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    deadlocks = 0;
    dump.clear();
    Hooks hooks;
    hooks.onDeadlock = recordDeadlock;
    auto never = std::make_shared<Never>();
    auto slept = std::make_shared<bool>(false);
    int code = runProgram(procs, [never, slept](G* g) {
      if (!*slept) {
        *slept = true;
        prepareSleep(g, 15'000'000);
        return RunResult::Park;
      }
      return never->park(g, WaitReason::SelectNoCases);
    }, hooks);
    CHECK(code == 2);
    CHECK(deadlocks.load() == 1);
    CHECK(dump == std::vector<std::string>{"goroutine 1 [select (no cases)]:"});
  }
}

TEST_CASE("deadlock: goroutines parked forever after main exits are not a deadlock") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    deadlocks = 0;
    Hooks hooks;
    hooks.onDeadlock = recordDeadlock;
    auto never = std::make_shared<Never>();
    int code = runProgram(procs, [never](G*) {
      for (int i = 0; i < 10; i++) go([never](G* self) { return never->park(self, WaitReason::ChanReceive); });
      return RunResult::Exit;
    }, hooks);
    CHECK(code == 0);
    CHECK(deadlocks.load() == 0);
  }
}

TEST_CASE("dumps: goroutine headers use Go's words and wait reasons") {
  G g;
  g.id.store(7);
  g.status.store(GStatus::Waiting);
  g.waitReason.store(WaitReason::ChanReceive);
  CHECK(goroutineHeader(&g) == "goroutine 7 [chan receive]:");
  g.waitReason.store(WaitReason::SelectNoCases);
  CHECK(goroutineHeader(&g) == "goroutine 7 [select (no cases)]:");
  g.status.store(GStatus::Running);
  CHECK(goroutineHeader(&g) == "goroutine 7 [running]:");
  g.status.store(GStatus::Runnable);
  CHECK(goroutineHeader(&g) == "goroutine 7 [runnable]:");
  g.status.store(GStatus::Syscall);
  CHECK(goroutineHeader(&g) == "goroutine 7 [syscall]:");
  CHECK(readWaitReason(&g) == WaitReason::None);
}

TEST_CASE("dumps: wait reasons are spelled as Go spells them") {
  CHECK(std::string(waitReasonString(WaitReason::ChanReceive)) == "chan receive");
  CHECK(std::string(waitReasonString(WaitReason::ChanSend)) == "chan send");
  CHECK(std::string(waitReasonString(WaitReason::ChanReceiveNilChan)) == "chan receive (nil chan)");
  CHECK(std::string(waitReasonString(WaitReason::ChanSendNilChan)) == "chan send (nil chan)");
  CHECK(std::string(waitReasonString(WaitReason::Select)) == "select");
  CHECK(std::string(waitReasonString(WaitReason::SelectNoCases)) == "select (no cases)");
  CHECK(std::string(waitReasonString(WaitReason::Sleep)) == "sleep");
  CHECK(std::string(waitReasonString(WaitReason::SyncMutexLock)) == "sync.Mutex.Lock");
  CHECK(std::string(waitReasonString(WaitReason::SyncRWMutexRLock)) == "sync.RWMutex.RLock");
  CHECK(std::string(waitReasonString(WaitReason::SyncRWMutexLock)) == "sync.RWMutex.Lock");
  CHECK(std::string(waitReasonString(WaitReason::SyncWaitGroupWait)) == "sync.WaitGroup.Wait");
  CHECK(std::string(waitReasonString(WaitReason::SyncCondWait)) == "sync.Cond.Wait");
  CHECK(std::string(waitReasonString(WaitReason::IOWait)) == "IO wait");
}

TEST_CASE("goroutine record: a parked goroutine's G stays small") {
  // The whole parked goroutine (G + the interpreter's Thread with its
  // initial stacks) must stay well under 1 KiB.
  CHECK(sizeof(G) <= 192);
}

}  // TEST_SUITE
}  // namespace gsl::runtime
