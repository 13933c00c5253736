// vm/goroutine.h: the interpreter's side of the goroutine runtime: running
// the program on the M:N scheduler (runtime/sched.h), the `go` statement,
// the channel and select instructions, and what a goroutine prints when it
// panics or the program deadlocks.
//
// The contract with runtime/ (docs/runtime.md §15, "The interpreter's
// side") in short:
//  * Every goroutine is a G whose task is a Thread (vm/thread.h) in
//    collected memory; goroutine 1 runs the program's entry. The run hook
//    (goroutine.cpp) runs a Thread with execute() and maps its result:
//    Returned -> Exit, Preempted -> Yield, Parked -> Park.
//  * The instruction budget check at back-edges and calls also reads the
//    G's preemption flag (vm/interp.cpp, SPEND_BUDGET).
//  * When the main goroutine returns, os.Exit is called, or a goroutine
//    panics without recovering, the program ends at once, as Go's does:
//    standard output is flushed and the process exits (exitNow); other
//    goroutines do not run again.
//  * A deadlock (runtime's check) prints Go's report and, beyond Go, one
//    line per blocked goroutine saying what it waits on and who could wake
//    it; the status is 2.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vm/thread.h"
#include "vm/value.h"

namespace gsl::runtime {
struct G;
}

namespace gsl::vm {

struct Proto;
struct Type;

// ---- Goroutines (vm/goroutine.cpp) -----------------------------------------

// A new Thread in collected memory (the sizes: as Thread's constructor).
Thread* newThread(ProgramState* program, uint32_t initialRegisters = 0, uint32_t initialFrames = 0);

// Runs the program whose entry call is prepared on `main` (fn at stack[0],
// startPending set) as goroutine 1 on the scheduler, with the interpreter's
// hooks installed. Returns the exit status when the scheduler returns (a
// deadlock: 2); the other ways a program ends exit the process directly.
int runGoroutines(Thread* main);

// `go R[slot](R[slot+1 .. slot+nargs])` (the Go instruction): starts a
// goroutine whose first call is that one, with the function and arguments
// evaluated already. A nil function is Go's fatal "go of nil func value".
void spawnGoroutine(Thread& th, uint32_t slot, uint32_t nargs, bool spread);

// Whether an operation of th that must wait may park its goroutine (th is
// a goroutine's own Thread, in its outermost dispatch loop); otherwise it
// waits in place (runtime/park.h).
inline bool canPark(const Thread& th) { return th.g != nullptr && th.nestedLoops == 0; }
// The goroutine th runs for: th.g, or for a Thread no goroutine owns (a
// range-over-func coroutine) the goroutine of the calling M.
runtime::G* goroutineOf(const Thread& th);
// Go's number of the goroutine th runs for (1 outside the scheduler).
uint64_t goroutineId(const Thread& th);

// Go's traceback lines of th's frames, innermost first ("main.f(...)\n
// \tprog.gsl:12\n" each), then "created by main.main in goroutine 1\n
// \tprog.gsl:20\n" for a goroutine started by a go statement.
std::string goroutineTrace(Thread& th);
// Just the "created by" lines (empty for the main goroutine).
std::string createdByText(const Thread& th);

// runtime.Goexit(): thrown by the runtime package's native, caught by
// execute(), which runs the goroutine's deferred calls as a panic would
// (recover returns nil meanwhile) and then ends the goroutine.
struct GoexitRequest {};
// Starts the Goexit unwinding of th (execute()'s handler); returns as
// unwindPanic does.
bool beginGoexit(Thread& th);

// Ends the program now with `code`: flushes standard output and exits the
// process without running anything else (Go's exit).
[[noreturn]] void exitNow(int code);

// ---- Sessions (the REPL, compiler/session.h) --------------------------------
//
// A REPL keeps one program running across its inputs, so a goroutine's end
// must not end the process the way a program's does. With session hooks
// installed, an unrecovered panic in a goroutine other than 1 prints Go's
// report and ends that goroutine only; every goroutine's end is reported to
// goroutineEnded (from the M that ran it, after any report was written).
// Goroutine 1 (the session's own, which never returns) and os.Exit behave
// as in a program.
struct SessionHooks {
  void (*goroutineEnded)(Thread& th, bool panicked) = nullptr;
};
// Installs the hooks (null: a program's behaviour). Before runGoroutines.
void setSessionHooks(const SessionHooks* hooks);
// Asks the goroutine g, whose Thread is th, to end as runtime.Goexit would
// (its deferred calls run) the next time it checks for preemption, which a
// running loop does within microseconds. One request at a time; any thread
// (g as the goroutine itself reported it: goroutineOf(th), since th.g is
// its M's to change).
void interruptGoroutine(Thread* th, runtime::G* g);
// Takes back a request interruptGoroutine made that was not acted on.
void cancelInterrupt();

// ---- Channels and select (vm/chan_ops.cpp) -----------------------------------
//
// The instructions' slow paths. Each returns false when the goroutine must
// park: the caller saves pc pointing at the instruction and returns
// ExecStatus::Parked; th.blockedOp is set, and when the instruction runs
// again the same call completes from the goroutine's park slot. They raise
// Go's panics (send on closed channel, close of nil channel, ...).

// make(chan T, size) for channel type t; the channel remembers where it
// was made (proto's file, `line`) for deadlock explanations.
Value makeChannel(const Type* t, Value size, const Proto* proto, int32_t line);
// A channel made by a native (a time.Timer's C): deadlock explanations name
// it as "the channel <what>".
Value makeNativeChannel(const Type* t, int64_t cap, std::string_view what);
// ch <- v (v already copied and converted by the compiler's code).
bool chanSendOp(Thread& th, Value ch, Value v);
// out[0] := <-ch, out[1] := ok.
bool chanRecvOp(Thread& th, Value ch, Value* out);
// select over the cases described by `kinds` (one 's' or 'r' per case, then
// 'd' when there is a default), case i's channel at operands[2i] and send
// value at operands[2i+1]. Sets *chosen (the number of cases for default)
// and, for a receive case, out[0] := value, out[1] := ok.
bool selectOp(Thread& th, const Value* operands, std::string_view kinds, Value* out, int* chosen);
// One step of `for v := range ch`: 1 with out[0] := v, 0 when ch is closed
// and drained, -1 when the goroutine must park.
int rangeChanNext(Thread& th, Value ch, Value* out);

// Installs len, cap and close for channels (vm/builtins.h ChanHooks).
void installChanHooks();

}  // namespace gsl::vm
