// vm/thread.h: the interpreter state of one goroutine, and the entry points
// that run script code on it.
//
// A Thread owns a growable register stack and a growable array of Frames
// (vm/frame.h); together with each frame's saved pc they are the whole
// state of the goroutine's script execution, so a goroutine can stop at any
// safe point and resume later on another OS thread (DESIGN §3, decision 3).
//
// Whether a goroutine is runnable, running, waiting or finished is the
// runtime's business: its G (runtime/g.h) holds the one authoritative state
// (casStatus). What the interpreter keeps here is only what it needs to
// stop and continue:
//
//  * execute() interprets the Thread until its boundary frame returns
//    (ExecStatus::Returned: the goroutine's function is done), the time
//    slice ends at a back-edge or call (Preempted: every frame's pc is
//    saved, calling execute() again continues exactly there), or a blocking
//    operation parks it (Parked). The run hook (vm/goroutine.cpp) maps these
//    to the scheduler's Exit, Yield and Park.
//  * Parking, two shapes. A blocking *instruction* (Send, Recv, Select, a
//    RangeNext over a channel) saves pc pointing at itself and sets
//    blockedOp; when the goroutine runs again, the instruction runs again
//    and completes from the G's park slot instead of starting over. A
//    blocking *native* (time.Sleep) sets parkRequested and returns; the
//    interpreter stops right after its call.
//  * A nested dispatch loop (callFunction from a native) never returns
//    Preempted or Parked: its budget is simply renewed, and an operation
//    that must wait inside it waits in place (runtime/park.h), blocking
//    the OS thread, since the native's C++ frame cannot be suspended.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "vm/frame.h"
#include "vm/object.h"
#include "vm/value.h"

namespace gsl::runtime {
struct G;
}

namespace gsl::vm {

// The instruction budget of one time slice: back-edges and calls each spend
// one unit. 2^14 units is a few hundred microseconds of a tight loop, in the
// range of Go's own preemption granularity (10 ms is its upper bound).
constexpr int32_t kTimeSliceBudget = 1 << 14;

// Limits equivalent to Go's 1 GB maximum goroutine stack: Go's frames are
// around 64-128 bytes for small functions, ours cost a Frame (40 bytes) plus
// 8 bytes per register.
constexpr uint32_t kMaxFrames = 1u << 22;     // about 4 million calls deep
constexpr uint32_t kMaxRegisters = 1u << 25;  // 256 MiB of registers

// One panic in progress (Go's _panic). The newest is at the head of the
// Thread's list; `link` is the panic that was in progress when this one
// started (a deferred call panicked while running for it).
struct PanicRecord {
  const Type* type = nullptr;   // heap-object header slot (always null)
  Value value;
  PanicRecord* link = nullptr;
  // Index of the frame whose deferred calls this panic is running (the
  // frame below the kFramePanicDefer frame it started), or -1.
  int32_t deferringFrame = -1;
  bool recovered = false;
  bool aborted = false;  // a later panic unwound past the deferred call running for this one
  bool goexit = false;   // runtime.Goexit, not a panic (later)
  // The stack when the panic started, innermost first, for the report.
  struct TraceEntry {
    const Proto* proto;
    int32_t line;
  };
  TraceEntry* trace = nullptr;  // collected-heap array
  uint32_t traceLen = 0;
};

enum class ExecStatus : uint8_t {
  Returned,   // the boundary frame execute() was entered for has returned
  Preempted,  // the time slice is over; call execute() again to continue
  Parked,     // blocked; the scheduler resumes it with execute() once woken
};

// Shared, program-wide data a Thread runs against.
struct ProgramState {
  Value* globals = nullptr;     // package-level variables (in root memory)
  uint32_t numGlobals = 0;
  std::string_view file;        // the main file's name, for traces
  std::vector<std::string> args;  // os.Args: the script's path, then its arguments
};

class Thread {
 public:
  // A Thread with room for `initialRegisters` registers and
  // `initialFrames` frames to start with (0: the defaults, 32 and 4); both
  // grow on demand.
  explicit Thread(ProgramState* program, uint32_t initialRegisters = 0, uint32_t initialFrames = 0);
  Thread(const Thread&) = delete;
  Thread& operator=(const Thread&) = delete;
  ~Thread();

  ProgramState* program() const { return program_; }

  // ---- Register stack -------------------------------------------------

  Value* stack() { return stack_; }
  uint32_t stackSize() const { return stackSize_; }
  // Makes stack indices [0, needed) valid. May move the stack: every cached
  // Value* into it is stale afterwards. Exceeding kMaxRegisters is Go's
  // fatal "stack overflow".
  void ensureStack(uint64_t needed) {
    if (needed > stackSize_) growStack(needed);
  }

  // The stack index just past the last value of the last multi-valued
  // result or argument list (kMulti operands).
  uint32_t top = 0;

  // ---- Frames ---------------------------------------------------------

  uint32_t numFrames() const { return numFrames_; }
  Frame* frames() { return frames_; }
  Frame& frameAt(uint32_t i) { return frames_[i]; }
  Frame* currentFrame() { return numFrames_ ? &frames_[numFrames_ - 1] : nullptr; }
  // Pushes a zeroed frame (growing the array, which moves it: cached Frame*
  // are stale afterwards). Exceeding kMaxFrames is "stack overflow".
  Frame* pushFrame() {
    if (numFrames_ == framesCap_) growFrames();
    Frame* f = &frames_[numFrames_++];
    *f = Frame();
    return f;
  }
  void popFrame() { --numFrames_; }
  // The first stack index not used by the current frame (where a nested
  // call or a deferred call places its function and arguments).
  uint32_t frameTop() const;

  // ---- Panics -----------------------------------------------------------

  PanicRecord* panic = nullptr;

  // ---- Scheduling -------------------------------------------------------

  // Units left in this time slice (see kTimeSliceBudget).
  int32_t budget = kTimeSliceBudget;
  // Depth of nested dispatch loops (callFunction from natives). Only the
  // outermost loop may return Preempted or Parked.
  uint32_t nestedLoops = 0;

  // ---- Park/resume (docs/architecture.md, "Parking") ------------------------
  //
  // A native that must wait sets parkRequested and returns; the interpreter
  // then stops after that call with every pc saved and execute() returns
  // ExecStatus::Parked. parkSlot is the stack index where the call's
  // results go: whoever resumes the goroutine stores them there first, then
  // calls execute() again. parkValues carries what a range-over-func
  // iterator's yield handed over.
  bool parkRequested = false;
  uint32_t parkSlot = 0;
  Value parkValues[2];
  int parkCount = 0;

  // ---- Goroutine (vm/goroutine.h) -----------------------------------------

  // The goroutine this Thread is the stack of, set by the run hook each
  // time it runs it (G records are recycled: only valid while running).
  // Null for a Thread that no goroutine owns (a range-over-func iterator's
  // coroutine): operations that wait then wait in place.
  runtime::G* g = nullptr;
  // The top frame's pc points at a Send/Recv/Select/RangeNext that parked:
  // when it runs again it completes from the park slot.
  bool blockedOp = false;
  // Set with parkRequested by runtime.Gosched: the goroutine stops after
  // the call and yields (stays runnable) instead of parking.
  bool yieldRequested = false;
  // The goroutine's first call, fn at stack[0] and startArgs arguments
  // after it (the last one a `...` slice when startSpread), not made yet.
  bool startPending = false;
  bool startSpread = false;
  uint32_t startArgs = 0;
  // The `go` statement that started it, for "created by" in tracebacks
  // (creatorProto null for the main goroutine).
  const Proto* creatorProto = nullptr;
  int32_t creatorLine = 0;
  uint64_t creatorGoid = 0;

 private:
  void growStack(uint64_t needed);
  void growFrames();

  ProgramState* program_;
  Value* stack_ = nullptr;
  uint32_t stackSize_ = 0;
  Frame* frames_ = nullptr;
  uint32_t numFrames_ = 0;
  uint32_t framesCap_ = 0;
};

// ---- Running script code --------------------------------------------------

// Interprets th's frames until the innermost kFrameBoundary frame returns
// (ExecStatus::Returned), or the time slice ends / the goroutine blocks at a
// safe point (only when th.nestedLoops == 0). A panic that unwinds past the
// boundary frame leaves execute() as a C++ exception (see vm/panic.h and
// UnwindingPanic below).
ExecStatus execute(Thread& th);

// Calls the function value `fn` with `args` from C++: a native calling back
// into script code (fmt calling String(), sort.Slice calling less). Runs a
// nested dispatch loop until the call returns; copies at most maxOut results
// to `out` and returns how many the function produced. A panic inside that
// is not recovered there propagates out of callFunction as a C++ exception
// (let it pass: the interpreter that called the native continues unwinding).
int callFunction(Thread& th, Value fn, const Value* args, int nargs, Value* out, int maxOut);
// The first result of fn(args...), or nil when it returns nothing.
Value callFunction1(Thread& th, Value fn, std::initializer_list<Value> args);

// callFunction that stops a panic escaping the call, as Go's fmt does for a
// panicking String method: returns false and stores the panic value in
// *panicValue (the panic is over; deferred calls inside fn have run).
bool callFunctionRecover(Thread& th, Value fn, const Value* args, int nargs, Value* out, int maxOut,
                         int* nresults, Value* panicValue);

// Prepares the call of `fn` with `nargs` arguments already stored at
// stack[slot+1 ...] (fn itself at stack[slot]) as a new boundary frame, so
// that the next execute() runs it. For a native, calls it at once and
// returns false (results at stack[slot ...], th.top set). Used by runProgram
// and, later, by the runtime to start goroutines.
bool startCall(Thread& th, uint32_t slot, uint32_t nargs);

// Thrown out of a nested dispatch loop when a panic unwinds past its
// boundary frame. The PanicRecord stays on th.panic; the outer dispatch loop
// that catches it continues unwinding the same panic (it is not a new one).
struct UnwindingPanic {};

// os.Exit(code): thrown by the os package, caught by runProgram, which
// flushes output and exits with `code` without running deferred calls.
struct ExitRequest {
  int code;
};

// The current Thread of the calling OS thread (set while execute() runs),
// for natives that need it without a parameter (rare).
Thread* currentThread();

// Go's name of a frame's function as a traceback prints it, with "(...)" or
// "()" appended: "main.f(...)", "main.main()".
std::string tracebackName(const Proto* p);

}  // namespace gsl::vm
