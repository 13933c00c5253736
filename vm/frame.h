// vm/frame.h: the activation record of one script function call, and the
// record of one deferred call.
//
// Frames live in an array owned by the goroutine's Thread (vm/thread.h);
// their registers live in the Thread's register stack. A call never
// recurses in C++: the interpreter pushes a Frame and keeps going in the
// same dispatch loop (DESIGN §3, decision 3).
//
// Register stack around a call `R[A](args...)` made by frame F:
//
//     F.base                       F.base+A  F.base+A+1                 top of F's regs
//       |                              |         |                          |
//       v                              v         v                          v
//   ... | R0 | R1 | ... locals, temps  | callee  | arg0 | arg1 | ...       |
//                                        (fn)    ^
//                                                 callee frame's base: its R[0]
//
//   * The callee's parameters are its first registers (a method's receiver is
//     parameter 0), so arguments are never moved on a call.
//   * The function value stays in the slot below the callee's base for the
//     whole call; results are copied there (stack[base-1 ...]) on return, so
//     for the caller they land in R[A], R[A+1], ...
//   * A frame needs proto->maxRegs registers; the stack grows (and moves) on
//     a call when it is short. Any cached Value* into it is then stale: see
//     the interpreter's rules in vm/interp.cpp.
//   * A deferred call is pushed above all of the deferring frame's registers
//     (at F.base + maxRegs), with the same layout.
#pragma once

#include <cstdint>

#include "vm/object.h"
#include "vm/opcode.h"
#include "vm/proto.h"
#include "vm/value.h"

namespace gsl::vm {

// One pending `defer f(args)`: the function and its arguments, evaluated
// when the defer statement ran. Allocated on the collected heap (it holds
// Values); starts with a Type* slot like every heap object (always null).
struct DeferRecord {
  const Type* type = nullptr;
  DeferRecord* next = nullptr;  // the previously deferred call (runs after this one)
  Value fn;
  uint32_t nargs = 0;
  bool spread = false;          // the last argument is a slice for the variadic parameter
  Value* args() { return reinterpret_cast<Value*>(this + 1); }
};

// Frame flags.
enum FrameFlag : uint16_t {
  // Entered from C++ (the program's entry or callFunction): when this frame
  // returns, the dispatch loop returns to its C++ caller.
  kFrameBoundary = 1 << 0,
  // Runs a deferred call of the frame below it; its results are discarded.
  kFrameDeferCall = 1 << 1,
  // The deferred call was started by a panic's unwinding (recover() works
  // only directly in such a frame).
  kFramePanicDefer = 1 << 2,
};

struct Frame {
  const Proto* proto = nullptr;  // the running function's code
  FuncObj* fn = nullptr;         // its closure (captures)
  // The next instruction to run. Up to date whenever the frame is not the
  // running one, and for the running one at every instruction that may
  // panic, call, or park (rule 1 of the dispatch loop).
  const Instr* pc = nullptr;
  uint32_t base = 0;             // stack index of R[0]; the function value is at base-1
  uint16_t nresults = 0;         // results the caller wants; kMulti: all, setting top
  uint16_t flags = 0;            // FrameFlag bits
  DeferRecord* defers = nullptr; // pending deferred calls, latest first

  // Index of the instruction being executed (the one before pc).
  size_t currentPc() const {
    return pc > proto->code.data() ? static_cast<size_t>(pc - proto->code.data() - 1) : 0;
  }
};

}  // namespace gsl::vm
