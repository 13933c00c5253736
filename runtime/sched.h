// runtime/sched.h: the goroutine scheduler's public interface: running a
// program, spawning goroutines, the hooks the interpreter installs, blocking
// system calls, GOMAXPROCS, exit, and goroutine dumps.
//
// The scheduler is M:N in the shape of Go's (DESIGN §3, decision 4; the
// design note is at the top of runtime/sched.cpp, docs/runtime.md explains
// it at length):
//  * G: a goroutine (runtime/g.h), run by calling Hooks::run on it;
//  * M: an OS thread that runs Gs;
//  * P: a processor, the right to run Gs: an M must hold a P to run one.
//    There are GOMAXPROCS Ps, each with a local run queue (runtime/runq.h).
//
// The interpreter's side of the contract:
//  * Hooks::run(g) runs g->task until it yields, parks or finishes, and
//    returns Yield, Park or Exit. It is called on an M holding a P, with g
//    Running; the same g may be run by a different M next time.
//  * Yield when the instruction budget is spent or preemptRequested(g) is
//    true (check both at back-edges and calls): g goes to the back of the
//    local run queue.
//  * Park after preparePark (runtime/park.h) or prepareSleep
//    (runtime/timer.h); the scheduler completes the park.
//  * Exit when g's function has returned (or runtime.Goexit finished). When
//    the main goroutine (the one runMain started) exits, the program exits
//    with status 0. An unrecovered panic calls exitProgram(2) after printing.
//  * A native about to make a blocking system call brackets it with
//    enterSyscall()/exitSyscall() so that its P can run other goroutines.
//  * Hooks::threadStart/threadExit register Ms with the garbage collector
//    (vm::heapRegisterThread); Hooks::allocPinned gives the runtime memory
//    the collector scans and never frees (vm::allocRoot).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "runtime/g.h"

namespace gsl::runtime {

enum class RunResult : uint8_t {
  Yield,  // still runnable: time slice over, preempted, or runtime.Gosched
  Park,   // blocked: preparePark/prepareSleep was called (runtime/park.h)
  Exit,   // finished
};

// Callbacks the interpreter installs before runMain. All but `run` are
// optional.
struct Hooks {
  // Runs g until it yields, parks or exits (see above). Required.
  RunResult (*run)(G* g) = nullptr;
  // Called once when no goroutine can ever run again: none is runnable or
  // running, no timer is pending, no M is in a system call. Runs on an M
  // with no P while every other M is idle, so the goroutines are quiescent
  // and forEachG may dump them. The program then exits with status 2.
  // Default: prints Go's "fatal error: all goroutines are asleep -
  // deadlock!" and each goroutine's header to stderr.
  void (*onDeadlock)() = nullptr;
  // Run at the start and end of each M's thread (GC registration).
  void (*threadStart)() = nullptr;
  void (*threadExit)() = nullptr;
  // Memory the collector scans and never frees, zero-filled: G records,
  // sleep timers, the timer heap. Default: calloc/free.
  void* (*allocPinned)(size_t bytes) = nullptr;
  void (*freePinned)(void* p) = nullptr;
  // Where schedtrace lines go. Default: write(2) to stderr.
  void (*writeTrace)(const char* text, size_t len) = nullptr;
};

// Installs the hooks. Call before runMain, from the thread that calls it.
void setHooks(const Hooks& hooks);
const Hooks& hooks();

struct Config {
  // Number of Ps. 0: the environment's GOMAXPROCS if it is a positive
  // integer, else the number of CPUs this process may use.
  int maxProcs = 0;
  // GSLDEBUG=schedtrace=N: sysmon prints a SCHED line every N ms (0: off).
  int schedTraceMs = 0;
  // GSLDEBUG=scheddetail=1: the SCHED line is followed by per-P, per-M and
  // per-G lines.
  bool schedDetail = false;

  // GOMAXPROCS and GSLDEBUG from the environment.
  static Config fromEnvironment();
  // The same from explicit strings (either may be null).
  static Config parse(const char* gomaxprocs, const char* gsldebug);
};

// The most Ps a program may have (Go's limit).
constexpr int kMaxProcs = 1024;

// Runs a program: starts the Ps, the Ms and sysmon, makes `mainTask` the
// main goroutine (number 1), and blocks the calling thread (which is not an
// M) until exitProgram is called. Returns the exit status. Called from one
// thread at a time; may be called again after it returned (tests).
int runMain(void* mainTask, const Config& config);

// Starts a goroutine running `task` (the `go` statement, after the caller
// evaluated the function and its arguments): it goes to the current P's
// runnext slot and an idle M is woken if one is needed. Returns its G. Any
// thread while runMain runs (from a thread without a P, the global queue).
G* spawn(void* task);

// Ends the program with `code`: every M stops at its next scheduling point
// (running goroutines are asked to yield), runMain returns `code`. The first
// call wins. Any thread. Returns to the caller, whose run hook should then
// return promptly.
void exitProgram(int code);

// runtime.GOMAXPROCS(n): sets the number of Ps to n (clamped to
// [1, kMaxProcs]) by stopping the world, and returns the previous value;
// n <= 0 only reads it. Call from a running goroutine (its run hook).
int setMaxProcs(int n);
int maxProcs();
// runtime.NumCPU: CPUs usable by this process.
int numCPU();
// runtime.NumGoroutine: goroutines that have started and not finished.
int64_t numGoroutine();

// The goroutine the calling M is running, or null (not an M, or between
// goroutines).
G* currentG();

// A native about to block in a system call (read(2) on a pipe or stdin, a
// blocking file operation) calls enterSyscall() first and exitSyscall()
// after, from the goroutine's run hook. In between, the goroutine runs
// without a P: sysmon hands the P to another M if the call lasts more than
// a sysmon tick (20 µs) and there is other work, so the other goroutines
// keep running. exitSyscall() returns once this M holds a P again (its own
// if nobody took it). Between the two, the native must not touch runtime
// state or script values shared with other goroutines.
void enterSyscall();
void exitSyscall();

// Calls fn(g, ctx) for every goroutine that has started and not finished,
// under the all-goroutines lock (fn must not spawn or exit goroutines).
// Any thread; the statuses are snapshots unless the world is quiescent
// (onDeadlock). fn may compare g->task with a known task (a goroutine
// exiting meanwhile clears it only after fn returns); reading through it is
// safe only while the world is stopped.
void forEachG(void (*fn)(G* g, void* ctx), void* ctx);
// Go's header line for a dump: "goroutine 7 [chan receive]:",
// "goroutine 1 [running]:", "goroutine 3 [runnable]:".
std::string goroutineHeader(const G* g);
// The SCHED line sysmon prints (without the newline), and with `detail`
// the per-P/M/G lines after it. While runMain runs.
std::string schedTrace(bool detail);

}  // namespace gsl::runtime
