// Unit tests of sysmon (runtime/sysmon.cpp) and blocking system calls
// (runtime/syscall.cpp): preemption of long runners, P handoff while a
// goroutine blocks in read(2), and schedtrace.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
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

std::mutex traceMu;
std::string traceText;
void collectTrace(const char* text, size_t len) {
  std::lock_guard<std::mutex> lock(traceMu);
  traceText.append(text, len);
}

struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() { REQUIRE(::pipe(fd) == 0); }
  ~Pipe() {
    ::close(fd[0]);
    ::close(fd[1]);
  }
};

}  // namespace

TEST_SUITE("runtime") {

TEST_CASE("sysmon: a goroutine running for over 10 ms is asked to yield") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    std::atomic<int64_t> flaggedAfter{-1};
    std::atomic<int> othersDone{0};
    auto wg = std::make_shared<WaitGroup>();
    auto started = std::make_shared<bool>(false);
    int code = runProgram(procs, [&, wg, started](G* g) {
      if (!*started) {
        *started = true;
        int64_t t0 = nanotime();
        wg->add(1 + 4);
        // Spins (as `for {}` would between budget checks) until sysmon sets
        // its flag; gives up after 20 s.
        go([&, wg, t0](G* self) {
          while (!preemptRequested(self)) {
            if (nanotime() - t0 > 20'000 * kMs) break;
          }
          if (preemptRequested(self)) flaggedAfter.store(nanotime() - t0);
          wg->done();
          return RunResult::Exit;
        });
        // Other goroutines still get to run (on other Ps, or after it).
        for (int i = 0; i < 4; i++) {
          go([&, wg](G*) {
            othersDone++;
            wg->done();
            return RunResult::Exit;
          });
        }
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(othersDone.load() == 4);
    // 10 ms after sysmon first saw the slice, which began before t0 by
    // at most the main goroutine's few microseconds of work.
    CHECK(flaggedAfter.load() >= 9 * kMs);
    CHECK(flaggedAfter.load() < 20'000 * kMs);
  }
}

TEST_CASE("sysmon: a ping-pong pair sharing one time slice is preempted so the others run") {
  // A and B hand a baton back and forth through runnext, so each runs in
  // the time slice of the other (inheritTime) and the ring behind them
  // never moves; only sysmon's flag makes one of them yield to the ring.
  struct Baton {
    Mutex mu;
    int turn = 0;
    G* waiting[2] = {nullptr, nullptr};
  };
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    auto baton = std::make_shared<Baton>();
    auto wg = std::make_shared<WaitGroup>();
    std::atomic<bool> otherRan{false};
    std::atomic<int> preemptions{0};
    auto started = std::make_shared<bool>(false);
    int code = runProgram(procs, [&, baton, wg, started](G* g) {
      if (!*started) {
        *started = true;
        wg->add(3);
        for (int me = 0; me < 2; me++) {
          auto first = std::make_shared<bool>(true);
          go([&, baton, wg, me, first](G* self) GSL_NO_THREAD_SAFETY_ANALYSIS {
            for (;;) {
              if (otherRan.load()) {
                baton->mu.lock();
                G* other = baton->waiting[1 - me];
                baton->waiting[1 - me] = nullptr;
                baton->turn = 1 - me;
                baton->mu.unlock();
                if (other) ready(other);
                wg->done();
                return RunResult::Exit;
              }
              if (preemptRequested(self)) {
                preemptions++;
                return RunResult::Yield;
              }
              baton->mu.lock();
              if (baton->turn != me) {
                baton->waiting[me] = self;
                preparePark(self, WaitReason::ChanReceive, unlockMutex, &baton->mu);
                return RunResult::Park;
              }
              baton->turn = 1 - me;
              G* other = baton->waiting[1 - me];
              baton->waiting[1 - me] = nullptr;
              baton->mu.unlock();
              if (me == 0 && *first) {
                // Queued behind the pair, which keeps runnext busy.
                *first = false;
                go([&, wg](G*) {
                  otherRan.store(true);
                  wg->done();
                  return RunResult::Exit;
                });
              }
              if (other) ready(other);
            }
          });
        }
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(otherRan.load());
    if (procs == 1) CHECK(preemptions.load() >= 1);
  }
}

TEST_CASE("syscalls: other goroutines keep running while one blocks in read() on a pipe") {
  constexpr int kWorkers = 8;
  constexpr int kYields = 100;
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    auto pipe = std::make_shared<Pipe>();
    std::atomic<bool> readerBlocked{false};
    std::atomic<int> workersDone{0};
    std::atomic<int> workersDoneBeforeWrite{-1};
    std::atomic<char> got{0};
    auto wg = std::make_shared<WaitGroup>();
    auto started = std::make_shared<bool>(false);
    int code = runProgram(procs, [&, pipe, wg, started](G* g) {
      if (!*started) {
        *started = true;
        wg->add(1 + 1 + kWorkers);
        // The reader blocks in read(2) with its P handed off.
        go([&, pipe, wg](G*) {
          enterSyscall();
          readerBlocked.store(true);
          char c = 0;
          ssize_t n = ::read(pipe->fd[0], &c, 1);
          exitSyscall();
          if (n == 1) got.store(c);
          wg->done();
          return RunResult::Exit;
        });
        // Workers must all finish while the reader is blocked: at
        // GOMAXPROCS=1 that needs the reader's P to be handed to another M.
        for (int i = 0; i < kWorkers; i++) {
          auto left = std::make_shared<int>(kYields);
          go([&, wg, left](G*) {
            if (!readerBlocked.load() || (*left)-- > 0) return RunResult::Yield;
            workersDone++;
            wg->done();
            return RunResult::Exit;
          });
        }
        // The writer unblocks the reader once the workers are done.
        go([&, pipe, wg](G*) {
          if (workersDone.load() < kWorkers) return RunResult::Yield;
          workersDoneBeforeWrite.store(workersDone.load());
          char c = 'x';
          if (::write(pipe->fd[1], &c, 1) != 1) return RunResult::Yield;
          wg->done();
          return RunResult::Exit;
        });
      }
      if (wg->waitParks(g)) return RunResult::Park;
      return RunResult::Exit;
    });
    CHECK(code == 0);
    CHECK(got.load() == 'x');
    CHECK(workersDoneBeforeWrite.load() == kWorkers);
  }
}

TEST_CASE("syscalls: short and long system calls mixed with yielding goroutines and GOMAXPROCS changes") {
  constexpr int kCallers = 40;
  constexpr int kCalls = 20;
  constexpr int kYielders = 40;
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    std::atomic<int> callsDone{0}, yieldersDone{0};
    auto wg = std::make_shared<WaitGroup>();
    auto stage = std::make_shared<int>(0);
    int code = runProgram(procs, [&, wg, stage](G* g) {
      switch ((*stage)++) {
        case 0:
          wg->add(kCallers + kYielders);
          for (int i = 0; i < kCallers; i++) {
            auto left = std::make_shared<int>(kCalls);
            go([&, wg, left, i](G*) {
              // 0 to 300 µs: some return before sysmon looks, some after
              // their P was handed off.
              useconds_t us = static_cast<useconds_t>((i * 37 + *left * 11) % 300);
              enterSyscall();
              ::usleep(us);
              exitSyscall();
              callsDone++;
              if (--*left > 0) return RunResult::Yield;
              wg->done();
              return RunResult::Exit;
            });
          }
          for (int i = 0; i < kYielders; i++) {
            auto left = std::make_shared<int>(300);
            go([&, wg, left](G*) {
              if (--*left > 0) return RunResult::Yield;
              yieldersDone++;
              wg->done();
              return RunResult::Exit;
            });
          }
          return RunResult::Yield;
        case 1:
          setMaxProcs(procs == 1 ? 3 : 1);
          return RunResult::Yield;
        case 2:
          setMaxProcs(2);
          return RunResult::Yield;
        case 3:
          setMaxProcs(procs);
          return RunResult::Yield;
        default:
          if (wg->waitParks(g)) return RunResult::Park;
          return RunResult::Exit;
      }
    });
    CHECK(code == 0);
    CHECK(callsDone.load() == kCallers * kCalls);
    CHECK(yieldersDone.load() == kYielders);
  }
}

TEST_CASE("syscalls: a goroutine blocked in a system call is not a deadlock") {
  for (int procs : kProcCounts) {
    CAPTURE(procs);
    deadlocks = 0;
    Hooks hooks;
    hooks.onDeadlock = countDeadlock;
    auto pipe = std::make_shared<Pipe>();
    // A thread outside the scheduler writes after 30 ms, while every other
    // M is idle.
    std::thread writer([pipe] {
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      char c = 'y';
      if (::write(pipe->fd[1], &c, 1) != 1) std::abort();
    });
    std::atomic<char> got{0};
    int code = runProgram(procs, [&, pipe](G*) {
      char c = 0;
      enterSyscall();
      ssize_t n = ::read(pipe->fd[0], &c, 1);
      exitSyscall();
      if (n == 1) got.store(c);
      return RunResult::Exit;
    }, hooks);
    writer.join();
    CHECK(code == 0);
    CHECK(got.load() == 'y');
    CHECK(deadlocks.load() == 0);
  }
}

TEST_CASE("schedtrace: sysmon prints Go's SCHED line every N ms") {
  for (int procs : {1, 2, 4}) {
    CAPTURE(procs);
    traceText.clear();
    Hooks hooks;
    hooks.writeTrace = collectTrace;
    Config config;
    config.schedTraceMs = 5;
    // Sleep in steps until three lines have been printed.
    int code = runProgram(procs, [](G* g) {
      size_t lines;
      {
        std::lock_guard<std::mutex> lock(traceMu);
        lines = static_cast<size_t>(std::count(traceText.begin(), traceText.end(), '\n'));
      }
      if (lines < 3) {
        prepareSleep(g, 5 * kMs);
        return RunResult::Park;
      }
      return RunResult::Exit;
    }, hooks, config);
    CHECK(code == 0);
    std::string text;
    {
      std::lock_guard<std::mutex> lock(traceMu);
      text = traceText;
    }
    // One queue length per P in the brackets.
    std::string queues = "\\d+";
    for (int i = 1; i < procs; i++) queues += " \\d+";
    std::regex line("SCHED \\d+ms: gomaxprocs=" + std::to_string(procs) +
                    " idleprocs=\\d+ threads=\\d+ spinningthreads=\\d+ idlethreads=\\d+ "
                    "runqueue=\\d+ \\[" + queues + "\\]\n");
    auto begin = std::sregex_iterator(text.begin(), text.end(), line);
    CHECK(std::distance(begin, std::sregex_iterator()) >= 3);
    CHECK(text.rfind("SCHED 0ms: ", 0) == 0);
  }
}

TEST_CASE("schedtrace: scheddetail adds a line per P, M and goroutine in Go 1.19's format") {
  traceText.clear();
  Hooks hooks;
  hooks.writeTrace = collectTrace;
  Config config;
  config.schedTraceMs = 5;
  config.schedDetail = true;
  // Sleep in steps until a trace has caught main asleep (Go's status 4,
  // _Gwaiting, with the wait reason).
  int code = runProgram(2, [](G* g) {
    bool seen;
    {
      std::lock_guard<std::mutex> lock(traceMu);
      seen = traceText.find("\n  G1: status=4(sleep) m=-1 lockedm=-1\n") != std::string::npos;
    }
    if (!seen) {
      prepareSleep(g, 5 * kMs);
      return RunResult::Park;
    }
    return RunResult::Exit;
  }, hooks, config);
  CHECK(code == 0);
  std::string text;
  {
    std::lock_guard<std::mutex> lock(traceMu);
    text = traceText;
  }
  // Every line of every trace is one of Go's five shapes (proc.go,
  // schedtrace with detailed = true).
  std::regex shapes[] = {
      std::regex("SCHED \\d+ms: gomaxprocs=2 idleprocs=\\d+ threads=\\d+ spinningthreads=\\d+ "
                 "idlethreads=\\d+ runqueue=\\d+ gcwaiting=[01] nmidlelocked=0 stopwait=-?\\d+ sysmonwait=0"),
      std::regex("  P[01]: status=[0-4] schedtick=\\d+ syscalltick=\\d+ m=-?\\d+ runqsize=\\d+ "
                 "gfreecnt=\\d+ timerslen=\\d+"),
      std::regex("  M\\d+: p=-?\\d+ curg=-?\\d+ mallocing=0 throwing=0 preemptoff= locks=0 dying=0 "
                 "spinning=(true|false) blocked=(true|false) lockedg=-1"),
      std::regex("  G\\d+: status=[0-6]\\(.*\\) m=-?\\d+ lockedm=-1"),
  };
  std::istringstream in(text);
  std::string line;
  int lines = 0, sched = 0, ps = 0, ms = 0, gs = 0;
  while (std::getline(in, line)) {
    CAPTURE(line);
    lines++;
    int which = -1;
    for (int i = 0; i < 4; i++)
      if (std::regex_match(line, shapes[i])) which = i;
    CHECK(which >= 0);
    sched += which == 0;
    ps += which == 1;
    ms += which == 2;
    gs += which == 3;
  }
  CHECK(sched >= 1);
  CHECK(ps == 2 * sched);  // one line per P in each trace
  CHECK(ms >= 1);          // (the first trace may come before any M starts)
  CHECK(gs >= sched);      // main is in every trace
  CHECK(text.rfind("SCHED 0ms: ", 0) == 0);
  CHECK(text.find("\n  P1: status=") != std::string::npos);
}

}  // TEST_SUITE
}  // namespace gsl::runtime
