// runtime/signal.cpp: the signal thread (interface and contract in
// runtime/signal.h).
//
// Design. Go's runtime installs a handler for every signal and forwards
// the ones a program asked for to a goroutine. Here the work happens on one
// plain thread that waits with sigwait() for the handled signals, which
// every other thread of the program blocks: a signal is then a message, not
// an interruption, and whatever it triggers (a channel send, a goroutine
// dump, flushing output) runs in ordinary code, with locks allowed.
//   * The mask: initSignals blocks the set on the thread that starts all
//     others, before it starts them; threads inherit their creator's mask.
//     Threads that existed before (the collector's marker threads) are
//     covered by forward(), an async-signal-safe handler that re-sends the
//     signal to the signal thread (pthread_kill); threads that block the
//     set never run it.
//   * The collector's suspend/restart signals (SIGPWR, SIGXCPU) are not in
//     the set: blocking them would hang its stop-the-world.
//   * The program's choice per signal (gActions, relaxed atomics: each is a
//     single word read once per arrival, and nothing else is published
//     through it) is set by os/signal.
//
// Known difference from Go: a child process started while the set is
// blocked would inherit the blocked mask (Go resets it in the child);
// gsl starts no child processes today.
#include "runtime/signal.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "runtime/sched.h"
#include "runtime/sched_impl.h"

namespace gsl::runtime {

namespace {

// The signals the runtime catches: the asynchronous ones a program may ask
// for with os/signal. Not SIGPIPE (a write to a closed pipe raises it in the
// writing thread; it keeps its default), not the job-control stops (their
// default action must stay the kernel's), not SIGPWR/SIGXCPU (the collector).
constexpr int kHandledSignals[] = {SIGHUP,  SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM,
                                   SIGTERM, SIGCHLD, SIGURG, SIGWINCH, SIGVTALRM, SIGIO};

std::atomic<SignalAction> gActions[kMaxSignal + 1];
bool gIgnoredAtStart[kMaxSignal + 1];
// The hooks, one atomic each (relaxed: a function pointer is the whole
// message; they are set at static initialisation, and again only by tests).
std::atomic<void (*)(int)> gDeliver{nullptr};
std::atomic<std::string (*)(G*)> gGoroutineStack{nullptr};
std::atomic<void (*)()> gFlush{nullptr};
std::atomic<bool> gInitialised{false};
// Set by the first Notify, never cleared (seq_cst: read by the deadlock
// check under the scheduler lock, written by any thread).
std::atomic<bool> gNotifyUsed{false};
// The signal thread, for forward(); valid once gHaveThread is set.
pthread_t gSignalThread;
std::atomic<bool> gHaveThread{false};

sigset_t handledSet() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : kHandledSignals) sigaddset(&set, s);
  return set;
}

// Runs only on threads that did not block the set (created before
// initSignals). Async-signal-safe: pthread_kill and errno only.
void forward(int sig) {
  int saved = errno;
  if (gHaveThread.load(std::memory_order_acquire)) pthread_kill(gSignalThread, sig);
  errno = saved;
}

void writeAll(const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(2, s.data() + off, s.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
}

void flushOutput() {
  if (auto flush = gFlush.load(std::memory_order_relaxed)) flush();
  std::fflush(stdout);
  std::fflush(stderr);
}

// Ends the process the way the signal's default action does, so that the
// parent sees it killed by sig (a shell reports status 128+sig).
[[noreturn]] void dieFromSignal(int sig) {
  flushOutput();
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, nullptr);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
  pthread_kill(pthread_self(), sig);
  // Only reached if the default action did not end the process.
  _exit(2);
}

void handle(int sig) {
  SignalAction a = gActions[sig].load(std::memory_order_relaxed);
  if (a == SignalAction::Ignore) return;
  if (a == SignalAction::Notify) {
    // Delivery may wake a goroutine: only while a program runs.
    if (currentScheduler() == nullptr) return;
    if (auto deliver = gDeliver.load(std::memory_order_relaxed)) deliver(sig);
    return;
  }
  // Go keeps a signal ignored at start ignored until Notify asks for it.
  if (gIgnoredAtStart[sig]) return;
  switch (sig) {
    case SIGHUP:
    case SIGINT:
    case SIGTERM: dieFromSignal(sig);
    case SIGQUIT: dumpGoroutinesAndExit("SIGQUIT: quit");
    default: return;  // Go ignores the others unless notified
  }
}

void signalLoop(sigset_t set, void (*threadStart)()) {
  // The loop may send on channels and wake goroutines: the collector must
  // know this thread (it reads and writes collected objects).
  if (threadStart) threadStart();
  for (;;) {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) continue;
    if (sig > 0 && sig <= kMaxSignal) handle(sig);
  }
}

struct DumpEntry {
  G* g;
  uint64_t id;
};

void collect(G* g, void* ctx) {
  static_cast<std::vector<DumpEntry>*>(ctx)->push_back({g, g->id.load(std::memory_order_relaxed)});
}

std::string dumpText(const std::vector<G*>& wereRunning, const G* skip = nullptr) {
  std::vector<DumpEntry> gs;
  forEachG(collect, &gs);
  std::sort(gs.begin(), gs.end(), [](const DumpEntry& a, const DumpEntry& b) { return a.id < b.id; });
  std::string out;
  for (const DumpEntry& e : gs) {
    if (e.g == skip) continue;
    GStatus s = readStatus(e.g);
    bool wasRunning = std::find(wereRunning.begin(), wereRunning.end(), e.g) != wereRunning.end();
    out += "\n";
    if (s == GStatus::Running) {
      // Still running after the wait (a long native call): its frames are
      // changing under us, so, as Go says of such goroutines:
      out += "goroutine " + std::to_string(e.id) +
             " [running]:\n\tgoroutine running on other thread; stack unavailable\n";
      continue;
    }
    if (wasRunning && s == GStatus::Runnable) {
      out += "goroutine " + std::to_string(e.id) + " [running]:\n";
    } else {
      out += goroutineHeader(e.g) + "\n";
    }
    if (auto stack = gGoroutineStack.load(std::memory_order_relaxed)) out += stack(e.g);
  }
  return out;
}

}  // namespace

bool signalHandled(int sig) {
  for (int s : kHandledSignals)
    if (s == sig) return true;
  return false;
}

void initSignals() {
  bool expected = false;
  if (!gInitialised.compare_exchange_strong(expected, true)) return;
  sigset_t set = handledSet();
  // Go respects an inherited SIG_IGN for SIGHUP and SIGINT only (nohup,
  // `cmd &` in a script); every other signal gets its Go behaviour.
  for (int s : {SIGHUP, SIGINT}) {
    struct sigaction old;
    if (sigaction(s, nullptr, &old) == 0 && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN)
      gIgnoredAtStart[s] = true;
  }
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  void (*threadStart)() = hooks().threadStart;
  std::thread t([set, threadStart] { signalLoop(set, threadStart); });
  gSignalThread = t.native_handle();
  t.detach();
  gHaveThread.store(true, std::memory_order_release);
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward;
  sa.sa_flags = SA_RESTART;
  sigfillset(&sa.sa_mask);
  for (int s : kHandledSignals) sigaction(s, &sa, nullptr);
}

void setSignalAction(int sig, SignalAction action) {
  if (sig <= 0 || sig > kMaxSignal || !signalHandled(sig)) return;
  if (action == SignalAction::Notify) gNotifyUsed.store(true);
  gActions[sig].store(action, std::memory_order_relaxed);
}

bool signalNotifyUsed() { return gNotifyUsed.load(); }

void signalsProgramStart() {
  // A new run (unit tests run many) starts unwatched unless an action is
  // still Notify.
  bool any = false;
  for (int s : kHandledSignals) any = any || gActions[s].load(std::memory_order_relaxed) == SignalAction::Notify;
  gNotifyUsed.store(any);
}

SignalAction signalAction(int sig) {
  if (sig <= 0 || sig > kMaxSignal) return SignalAction::Default;
  return gActions[sig].load(std::memory_order_relaxed);
}

bool signalIgnoredAtStart(int sig) { return sig > 0 && sig <= kMaxSignal && gIgnoredAtStart[sig]; }

void setSignalHooks(const SignalHooks& h) {
  gDeliver.store(h.deliver, std::memory_order_relaxed);
  gGoroutineStack.store(h.goroutineStack, std::memory_order_relaxed);
  gFlush.store(h.flush, std::memory_order_relaxed);
}

SignalHooks signalHooks() {
  SignalHooks h;
  h.deliver = gDeliver.load(std::memory_order_relaxed);
  h.goroutineStack = gGoroutineStack.load(std::memory_order_relaxed);
  h.flush = gFlush.load(std::memory_order_relaxed);
  return h;
}

std::string goroutineDump() { return dumpText({}); }

std::string stopAndDumpOtherGoroutines() {
  std::vector<G*> running;
  G* self = currentG();
  if (Scheduler* s = currentScheduler()) s->freezeWorld(1'000'000'000, &running);
  return dumpText(running, self);
}

void dumpGoroutinesAndExit(const char* header) {
  std::vector<G*> running;
  if (Scheduler* s = currentScheduler()) {
    // A second is plenty for a goroutine running script code (it checks
    // for preemption every few hundred instructions); one busy in a long
    // native call is reported without its stack.
    s->freezeWorld(1'000'000'000, &running);
  }
  flushOutput();
  writeAll(std::string(header) + "\n" + dumpText(running));
  _exit(2);
}

}  // namespace gsl::runtime
