// runtime/signal.h: asynchronous signals (SIGINT, SIGTERM, SIGQUIT, ...):
// a dedicated signal thread, what happens to a signal nobody asked for
// (Go's default actions), delivery to os/signal, and the SIGQUIT dump.
//
// Contract:
//  * initSignals() runs once per process, on the thread that starts every
//    other thread of the program, before it starts them (runMain calls it
//    first thing, from the process's main thread). It blocks the handled
//    signals (kHandledSignals in signal.cpp) in that thread, so every M and
//    sysmon inherit the blocked mask, and starts the signal thread, which
//    takes them with sigwait(). No work is done in an asynchronous handler:
//    a thread created before initSignals (the collector's marker threads)
//    still has them unblocked, and for those a tiny handler forwards the
//    signal to the signal thread with pthread_kill.
//  * The collector's own signals (SIGPWR, SIGXCPU: libgc's stop-the-world)
//    and the synchronous ones (SIGSEGV, SIGPIPE, ...) are never touched.
//  * For each handled signal the program chooses an action
//    (setSignalAction, from os/signal): Notify (the signal thread calls
//    SignalHooks::deliver), Ignore (dropped), or Default, which is Go's:
//      - SIGINT, SIGTERM, SIGHUP: output is flushed and the process dies
//        of the signal (status 128+n to a shell), unless the signal was
//        ignored when the program started (nohup, `cmd &` in a script):
//        then it stays ignored, as in Go;
//      - SIGQUIT: "SIGQUIT: quit", every goroutine's state and stack
//        (Go's dump), exit status 2;
//      - the others (SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGWINCH, SIGURG):
//        ignored, as Go ignores them when nobody asked for them.
//  * The signal thread is registered with the collector (Hooks::threadStart)
//    and runs outside any goroutine: deliver() must not block (os/signal
//    sends without blocking, as Go's does).
#pragma once

#include <cstdint>
#include <string>

#include "runtime/g.h"

namespace gsl::runtime {

enum class SignalAction : uint8_t { Default, Notify, Ignore };

// The highest signal number os/signal may name (Linux's SIGRTMAX).
constexpr int kMaxSignal = 64;

// Whether the runtime catches sig (so that os/signal can notify it).
bool signalHandled(int sig);

// Starts signal handling (see above). Later calls do nothing.
void initSignals();

// What the program does with sig from now on (os/signal: Notify with a
// channel wanting sig → Notify; Ignore → Ignore; Stop/Reset with no channel
// left → Default). Any thread. No effect for signals not handled.
void setSignalAction(int sig, SignalAction action);
SignalAction signalAction(int sig);
// Whether os/signal ever asked for a signal. From then on, as in Go (whose
// signal-watching goroutine waits in a system call), a program whose
// goroutines are all blocked is waiting for a signal, not deadlocked: the
// deadlock check stays silent.
bool signalNotifyUsed();
// Called by runMain as a program starts: forgets a previous program's use.
void signalsProgramStart();
// Whether sig (SIGHUP or SIGINT) was ignored (SIG_IGN) when the program
// started; Go leaves such a signal ignored until Notify asks for it.
bool signalIgnoredAtStart(int sig);

struct SignalHooks {
  // A Notify signal arrived (on the signal thread). Must not block.
  void (*deliver)(int sig) = nullptr;
  // Go's traceback of a goroutine that is not running (its frames,
  // innermost first, and "created by" lines), for the SIGQUIT dump.
  std::string (*goroutineStack)(G* g) = nullptr;
  // Flushes the program's buffered output before the process ends.
  void (*flush)() = nullptr;
};
// Installs the hooks (a package's static initialiser may call it).
void setSignalHooks(const SignalHooks& hooks);
SignalHooks signalHooks();

// What SIGQUIT does by default, callable from any thread that is not an M
// running a goroutine: stops every goroutine at its next scheduling point
// (waiting up to a second for each), prints `header` ("SIGQUIT: quit") and
// every goroutine as Go does ("goroutine 7 [chan receive]:" and its stack;
// one still running after the wait is "goroutine running on other thread;
// stack unavailable"), flushes output and exits with status 2.
[[noreturn]] void dumpGoroutinesAndExit(const char* header);

// The text of the dump above, for goroutines already stopped (tests).
std::string goroutineDump();

// For a goroutine about to end the program with a fatal error (Go's
// "fatal error: concurrent map writes" prints every goroutine): stops the
// others as above and returns their part of the dump, each goroutine as
// "\ngoroutine N [state]:\n" and its stack, the caller's own left out.
std::string stopAndDumpOtherGoroutines();

}  // namespace gsl::runtime
