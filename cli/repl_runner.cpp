// cli/repl_runner.cpp: the REPL's inputs on the scheduler (cli/repl_runner.h).
//
// Invariants, all under gMu:
//  * gPending: an input's function waits in the hidden global gSlot for the
//    keeper's next(); at most one input is handed over at a time.
//  * gInput: the Thread running the current input, set by begin() and
//    cleared by the end hook; gEnded/gPanicked say how it ended.
//  * gStopped: the scheduler returned (a deadlock); run() starts a new one.
//  * gWantInterrupt: Ctrl-C arrived for the current input; applied as soon
//    as its Thread is known.
#include "cli/repl_runner.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "runtime/lock.h"
#include "runtime/park.h"
#include "runtime/sched.h"
#include "vm/builtins.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/thread.h"

namespace gsl::cli {

namespace {

std::mutex gMu;
std::condition_variable gCv;
vm::ProgramState* gState = nullptr;
uint32_t gSlot = 0;
bool gPending = false;
vm::Thread* gInput = nullptr;
runtime::G* gInputG = nullptr;  // gInput's goroutine
bool gEnded = false;
bool gPanicked = false;
bool gStopped = false;
bool gWantInterrupt = false;
bool gInterrupted = false;
vm::Value gKeeper;  // the keeper's function (also in a hidden global)

// The keeper's wait for the end of an input (wait() below), under
// gKeeperMu, a leaf lock of the runtime's kind (the scheduler releases it
// when the park is complete, runtime/park.h): inputs are numbered as they
// are handed over (gHanded); gFinished is the last one that ended or was
// abandoned; gKeeperParked says whether the keeper waits for it.
runtime::Mutex gKeeperMu;
runtime::G* gKeeperG = nullptr;
bool gKeeperParked = false;
uint64_t gHanded = 0;
uint64_t gFinished = 0;

// Input `gen` is over: wakes the keeper if it waits. Any thread; not with
// gMu held.
void finishInput(uint64_t gen) {
  gKeeperMu.lock();
  if (gen > gFinished) gFinished = gen;
  runtime::G* g = gKeeperParked && gFinished >= gHanded ? gKeeperG : nullptr;
  if (g != nullptr) gKeeperParked = false;
  gKeeperMu.unlock();
  if (g != nullptr) runtime::ready(g);
}

// wait(): the keeper parks until the input it handed out is over.
int keeperWait(vm::Thread& th, const vm::Value*, int, vm::Value*) GSL_NO_THREAD_SAFETY_ANALYSIS {
  gKeeperMu.lock();
  if (gFinished >= gHanded) {
    gKeeperMu.unlock();
    return 0;
  }
  runtime::G* g = vm::goroutineOf(th);
  gKeeperG = g;
  gKeeperParked = true;
  runtime::preparePark(g, runtime::WaitReason::ChanReceive, runtime::unlockMutex, &gKeeperMu);
  th.parkRequested = true;
  return 0;
}

// next(): the keeper waits here, in a system call, for the next input.
int keeperNext(vm::Thread&, const vm::Value*, int, vm::Value* out) {
  runtime::enterSyscall();
  vm::Value fn;
  {
    std::unique_lock<std::mutex> lock(gMu);
    gCv.wait(lock, [] { return gPending; });
    gPending = false;
    fn = gState->globals[gSlot];
    gState->globals[gSlot] = vm::Value();
  }
  gKeeperMu.lock();
  gHanded++;
  gKeeperMu.unlock();
  runtime::exitSyscall();
  out[0] = fn;
  return 1;
}

// begin(): the input's goroutine says which Thread it is.
int keeperBegin(vm::Thread& th, const vm::Value*, int, vm::Value*) {
  std::lock_guard<std::mutex> lock(gMu);
  gInput = &th;
  gInputG = vm::goroutineOf(th);
  if (gWantInterrupt) {
    gWantInterrupt = false;
    gInterrupted = true;
    vm::interruptGoroutine(&th, gInputG);
  }
  return 0;
}

uint64_t gHandedSnapshot() {
  gKeeperMu.lock();
  uint64_t n = gHanded;
  gKeeperMu.unlock();
  return n;
}

// The goroutine of the input that ended last: run() waits until the
// scheduler has retired it, so that a command that follows (:goroutines)
// does not see it. (forEachG skips dead goroutines, reading their status
// atomically; a G reused meanwhile only makes run() wait its 0.1 s.)
runtime::G* gEndedG = nullptr;

void findG(runtime::G* g, void* ctx) {
  auto* want = static_cast<std::pair<runtime::G*, bool>*>(ctx);
  if (g == want->first) want->second = true;
}

void goroutineEnded(vm::Thread& th, bool panicked) {
  {
    std::lock_guard<std::mutex> lock(gMu);
    if (&th != gInput) return;
    gInput = nullptr;
    gEndedG = gInputG;
    gEnded = true;
    gPanicked = panicked;
    gCv.notify_all();
  }
  finishInput(gHandedSnapshot());
}

const vm::SessionHooks kHooks{goroutineEnded};

const char* kKeeperSource =
    "for {\n"
    "\tf := __gslReplNext()\n"
    "\tgo func() {\n"
    "\t\t__gslReplBegin()\n"
    "\t\tf()\n"
    "\t}()\n"
    "\t__gslReplWait()\n"
    "}\n";

}  // namespace

ReplRunner::ReplRunner(compiler::Session& session) : session_(session) {
  gState = session.program();
  session.defineHidden("__gslReplNext", vm::Value::object(vm::makeNative("repl.next", keeperNext)));
  session.defineHidden("__gslReplBegin", vm::Value::object(vm::makeNative("repl.begin", keeperBegin)));
  session.defineHidden("__gslReplWait", vm::Value::object(vm::makeNative("repl.wait", keeperWait)));
  gSlot = gState->numGlobals;
  session.defineHidden("__gslReplInput", vm::Value());
  compiler::Session::Compiled keeper = session.compileScratch(kKeeperSource);
  if (keeper.outcome != compiler::Session::Outcome::Ok) {
    vm::writeStderr("gsl: internal error: the REPL's keeper does not compile:\n" + keeper.errors);
    std::abort();
  }
  session.hideLatestFromTraces();
  session.defineHidden("__gslReplKeeper", keeper.entry);
  gKeeper = keeper.entry;
  vm::setSessionHooks(&kHooks);
  startScheduler();
}

ReplRunner::~ReplRunner() = default;

void ReplRunner::startScheduler() {
  {
    std::lock_guard<std::mutex> lock(gMu);
    gStopped = false;
    gPending = false;
    gInput = nullptr;
  }
  gKeeperMu.lock();
  gKeeperParked = false;
  gKeeperG = nullptr;
  gHanded = gFinished = 0;
  gKeeperMu.unlock();
  vm::Thread* main = vm::newThread(gState);
  main->stack()[0] = gKeeper;
  main->startPending = true;
  main->startArgs = 0;
  std::thread([main] {
    vm::heapRegisterThread();
    vm::runGoroutines(main);
    std::fflush(stdout);
    std::lock_guard<std::mutex> lock(gMu);
    gStopped = true;
    gInput = nullptr;
    gCv.notify_all();
    // The thread stays registered with the collector: it exits with the
    // process (unregistering would race the scheduler's own threads).
  }).detach();
}

ReplRunner::End ReplRunner::run(vm::Value fn, const std::function<void()>& idle) {
  std::unique_lock<std::mutex> lock(gMu);
  gState->globals[gSlot] = fn;
  gPending = true;
  gEnded = false;
  gPanicked = false;
  gWantInterrupt = false;
  gInterrupted = false;
  abandoned_ = false;
  gCv.notify_all();
  // After Ctrl-C, a running input ends within microseconds; one that is
  // blocked (a channel, a sleep) is abandoned after a while: it stays
  // blocked in the background, and ends as soon as it runs again.
  int waitedAfterInterrupt = 0;
  while (!gEnded && !gStopped) {
    gCv.wait_for(lock, std::chrono::milliseconds(20));
    if (idle && !gEnded && !gStopped) {
      lock.unlock();
      idle();
      lock.lock();
    }
    if (gInterrupted && !gEnded && !gStopped && ++waitedAfterInterrupt > 25) {
      gInput = nullptr;
      gWantInterrupt = false;
      abandoned_ = true;
      lock.unlock();
      finishInput(gHandedSnapshot());
      return End::Interrupted;
    }
  }
  if (gStopped) {
    lock.unlock();
    startScheduler();
    return End::Deadlocked;
  }
  runtime::G* ended = gEndedG;
  gEndedG = nullptr;
  End end = gInterrupted ? End::Interrupted : gPanicked ? End::Panicked : End::Returned;
  lock.unlock();
  for (int i = 0; i < 1000 && ended != nullptr; i++) {
    std::pair<runtime::G*, bool> want{ended, false};
    runtime::forEachG(findG, &want);
    if (!want.second) break;
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  return end;
}

void ReplRunner::interrupt() {
  std::lock_guard<std::mutex> lock(gMu);
  gInterrupted = true;
  if (gInput != nullptr) {
    vm::interruptGoroutine(gInput, gInputG);
  } else {
    gWantInterrupt = true;
  }
}

vm::Thread* ReplRunner::current() {
  std::lock_guard<std::mutex> lock(gMu);
  return gInput;
}

}  // namespace gsl::cli
