// cli/repl_runner.h: runs the REPL's inputs on the goroutine scheduler,
// which keeps running between them.
//
// Design. Goroutine 1 is the session's keeper, a small gsl loop compiled
// into the session:
//
//   for { f := next(); go func() { begin(); f() }(); wait() }
//
// next() waits for the REPL thread to hand over an input's function, in a
// system call (runtime/sched.h enterSyscall), so that while the REPL waits
// at its prompt the scheduler never sees a deadlock: goroutines blocked on
// channels may be woken by a later input. While an input runs, the keeper
// is parked in wait() (woken when the input ends), so if the input and every other goroutine block, the
// runtime's deadlock check fires; it prints Go's report and stops the
// scheduler, and the runner starts a new one (the blocked goroutines are
// gone; the session's variables and definitions stay).
//
// The input runs on its own goroutine (begin() records its Thread). Its end
// is reported by the interpreter's session hook (vm/goroutine.h), after any
// panic report was written: run() then returns. Ctrl-C asks the input's
// goroutine to unwind as runtime.Goexit would (vm::interruptGoroutine); an
// input blocked in a wait is abandoned after half a second (it stays
// blocked, and unwinds as soon as it runs again), and the keeper woken.
//
// Threads and locks: the REPL thread calls run()/interrupt(); the keeper's
// next() and the end hook run on scheduler threads. One mutex guards the
// hand-over state (pending input, current input Thread, outcome); the
// pending function itself sits in a hidden global slot, which the collector
// scans.
#pragma once

#include <functional>

#include "compiler/session.h"
#include "vm/value.h"

namespace gsl::cli {

class ReplRunner {
 public:
  explicit ReplRunner(compiler::Session& session);
  ~ReplRunner();

  enum class End { Returned, Panicked, Deadlocked, Interrupted };

  // Runs one input's function to its end. `idle` is called while waiting,
  // about every 20 ms (the terminal REPL copies goroutine output and checks
  // for Ctrl-C there); it may call interrupt().
  End run(vm::Value fn, const std::function<void()>& idle = nullptr);
  // Asks the running input to stop (any thread).
  void interrupt();

  // The Thread of the running input (nullptr between inputs).
  vm::Thread* current();
  // Whether the last run() gave up on an interrupted input that was
  // blocked (it stays blocked in the background).
  bool abandoned() const { return abandoned_; }

 private:
  void startScheduler();
  compiler::Session& session_;
  bool abandoned_ = false;
};

}  // namespace gsl::cli
