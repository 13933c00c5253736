// tests/unit/runtime_test_support.h: fake goroutines for the runtime's
// unit tests, and small synchronisation objects built on the park/resume
// protocol (runtime/park.h) the way channels and sync will be.
//
// A fake goroutine is a C++ state machine: the run hook calls its step
// function, which does a little work and returns Yield, Park (after
// preparePark) or Exit, exactly as the interpreter's dispatch loop will.
// Every scheduler test runs at GOMAXPROCS 1, 2, 4, 8 and 64 (kProcCounts).
// Code running on Ms records what it saw in atomics; the test's own thread
// makes the doctest assertions after runProgram returns.
#pragma once

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "runtime/g.h"
#include "runtime/lock.h"
#include "runtime/park.h"
#include "runtime/sched.h"
#include "runtime/timer.h"

namespace gsl::runtime::testing {

inline constexpr int kProcCounts[] = {1, 2, 4, 8, 64};

// One step of a fake goroutine.
using Step = std::function<RunResult(G*)>;

struct Task {
  Step step;
};

// The Tasks of the program being run, freed when runProgram returns.
struct TaskPool {
  std::mutex mu;
  std::vector<std::unique_ptr<Task>> tasks;
  static TaskPool& get() {
    static TaskPool pool;
    return pool;
  }
  Task* add(Step s) {
    std::lock_guard<std::mutex> lock(mu);
    tasks.push_back(std::make_unique<Task>(Task{std::move(s)}));
    return tasks.back().get();
  }
  void clear() {
    std::lock_guard<std::mutex> lock(mu);
    tasks.clear();
  }
};

// Starts a fake goroutine (the `go` statement).
inline G* go(Step s) { return spawn(TaskPool::get().add(std::move(s))); }

inline RunResult runTaskHook(G* g) { return static_cast<Task*>(g->task)->step(g); }

// Aborts the test binary if a run hangs (a lost wake-up would otherwise
// block the suite forever).
class Watchdog {
 public:
  Watchdog(int seconds, const char* what) : thread_([this, seconds, what] {
      std::unique_lock<std::mutex> lock(mu_);
      if (!cv_.wait_for(lock, std::chrono::seconds(seconds), [this] { return done_; })) {
        std::fprintf(stderr, "runtime test hung for %d s: %s\n", seconds, what);
        std::abort();
      }
    }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  std::thread thread_;
};

// Runs a program whose main goroutine is `mainStep` with `procs` Ps and
// returns its exit status. `hooks.run` is replaced by the fake-goroutine
// hook; the other hooks are used as given.
inline int runProgram(int procs, Step mainStep, Hooks hooks = {}, Config config = {}) {
  hooks.run = runTaskHook;
  setHooks(hooks);
  config.maxProcs = procs;
  Task* mainTask = TaskPool::get().add(std::move(mainStep));
  int code;
  {
    Watchdog watchdog(600, "runProgram");
    code = runMain(mainTask, config);
  }
  TaskPool::get().clear();
  return code;
}

// A sync.WaitGroup on the park/resume protocol.
class WaitGroup {
 public:
  void add(int n) {
    MutexLock lock(mu_);
    count_ += n;
  }
  // Any thread.
  void done() {
    std::vector<G*> wake;
    {
      MutexLock lock(mu_);
      if (count_ <= 0) {
        std::fprintf(stderr, "WaitGroup: negative counter\n");
        std::abort();
      }
      if (--count_ == 0) {
        while (Waiter* w = waiters_.dequeue()) wake.push_back(w->g);
      }
    }
    // Never wake while holding the object's lock.
    for (G* g : wake) ready(g);
  }
  // From g's step. Returns true if g must park: the step then returns
  // RunResult::Park, and g runs again once the count is zero.
  bool waitParks(G* g) GSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    if (count_ == 0) {
      mu_.unlock();
      return false;
    }
    g->waiter = Waiter();
    g->waiter.g = g;
    g->waiter.object = this;
    waiters_.pushBack(&g->waiter);
    // mu_ stays locked: the scheduler releases it once g is Waiting.
    preparePark(g, WaitReason::SyncWaitGroupWait, unlockMutex, &mu_);
    return true;
  }

 private:
  Mutex mu_;
  int count_ = 0;
  WaitQueue waiters_;
};

// A channel of int64 values (capacity 0: unbuffered) on the park/resume
// protocol, with Go's direct handoff to a waiting receiver.
class Chan {
 public:
  explicit Chan(size_t capacity) : cap_(capacity) {}

  // From g's step. Returns true if g must park; when it runs again the
  // value has been taken (g->parkSuccess is true).
  bool sendParks(G* g, int64_t v) GSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    if (Waiter* w = recvq_.dequeue()) {
      w->g->parkValue = vm::Value::smallInt(v);
      w->g->parkSuccess = true;
      mu_.unlock();
      ready(w->g);
      return false;
    }
    if (buf_.size() < cap_) {
      buf_.push_back(v);
      mu_.unlock();
      return false;
    }
    g->waiter = Waiter();
    g->waiter.g = g;
    g->waiter.object = this;
    g->waiter.value = vm::Value::smallInt(v);
    g->parkSuccess = false;
    sendq_.pushBack(&g->waiter);
    preparePark(g, WaitReason::ChanSend, unlockMutex, &mu_);
    return true;
  }

  // From g's step. Returns true if g must park (when it runs again the
  // value is g->parkValue); otherwise stores the value in *out.
  bool recvParks(G* g, int64_t* out) GSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    if (!buf_.empty()) {
      *out = buf_.front();
      buf_.pop_front();
      // A blocked sender's value takes the freed slot.
      if (Waiter* w = sendq_.dequeue()) {
        buf_.push_back(w->value.asInt());
        w->g->parkSuccess = true;
        mu_.unlock();
        ready(w->g);
        return false;
      }
      mu_.unlock();
      return false;
    }
    if (Waiter* w = sendq_.dequeue()) {
      *out = w->value.asInt();
      w->g->parkSuccess = true;
      mu_.unlock();
      ready(w->g);
      return false;
    }
    g->waiter = Waiter();
    g->waiter.g = g;
    g->waiter.object = this;
    g->parkSuccess = false;
    recvq_.pushBack(&g->waiter);
    preparePark(g, WaitReason::ChanReceive, unlockMutex, &mu_);
    return true;
  }

 private:
  Mutex mu_;
  size_t cap_;
  std::deque<int64_t> buf_;
  WaitQueue recvq_;
  WaitQueue sendq_;
};

// Parks g forever on an object nobody signals (with the given reason).
class Never {
 public:
  RunResult park(G* g, WaitReason reason) GSL_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    g->waiter = Waiter();
    g->waiter.g = g;
    q_.pushBack(&g->waiter);
    preparePark(g, reason, unlockMutex, &mu_);
    return RunResult::Park;
  }

 private:
  Mutex mu_;
  WaitQueue q_;
};

}  // namespace gsl::runtime::testing
