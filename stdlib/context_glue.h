// stdlib/context_glue.h: small functions in bytecode that packages context,
// errgroup and sync need where a native cannot do the job alone.
//
// A native runs to completion on the caller's C++ stack: it may park its
// goroutine only as its last act (the interpreter stops right after the
// call, and nothing of the native runs when the goroutine is woken), and a
// script function it calls back (callFunction) runs in a nested dispatch
// loop that cannot park at all. Some steps of context and errgroup must
// wait and then go on, or must run a user's function that waits: a
// goroutine watching a parent context that is a script's own type, the
// body of an errgroup goroutine, Group.Go waiting for a slot under
// SetLimit, Group.Wait returning the first error. Each is a short Proto,
// assembled here instruction by instruction, whose steps are calls: to
// natives (each may park as its last act, and the Proto continues with the
// next step when the goroutine is woken) and to the user's function (an
// ordinary script call, free to park anywhere).
//
// ProtoBuilder is the assembler: registers are numbered from 0, parameters
// first; every emitted instruction carries the line given to `line()`.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "vm/native.h"
#include "vm/opcode.h"
#include "vm/value.h"

namespace gsl::vm {
class Thread;
struct Proto;
struct Type;
}  // namespace gsl::vm

namespace gsl::stdlib {

class ProtoBuilder {
 public:
  // A function named `name` (Go's spelling, for tracebacks) in `file`
  // (permanent text) with `params` parameters and `results` results.
  ProtoBuilder(std::string_view name, std::string_view file, int params, int results);

  void line(int32_t l) { line_ = l; }
  // R[a] := the native function fn (its name for tracebacks: name).
  void loadNative(int a, std::string_view name, vm::NativeFn fn);
  // R[a] := constant v.
  void loadConst(int a, vm::Value v);
  void move(int a, int b);
  // R[a .. a+results) := R[a](R[a+1 .. a+1+nargs)).
  void call(int a, int nargs, int results);
  // defer R[a](R[a+1 .. a+1+nargs)).
  void deferCall(int a, int nargs);
  // select over receive cases, channel i in R[base + 2i]; received value
  // and ok to R[out], R[out+1]. Returns the index of the first of the
  // ncases + 1 Jmps that follow, to patch with jumpTo.
  int selectRecv(int out, int base, int ncases);
  // Points the Jmp at index `jmp` at the next instruction emitted.
  void patchHere(int jmp);
  // if R[a] (a bool) == c, jump: returns the Jmp's index, for patchHere.
  int jumpIf(int a, bool c);
  // The index of the next instruction emitted (a target for loopBack).
  int here() const;
  // Jumps back to the instruction at `target` (a loop's back edge, which
  // spends the instruction budget, so the loop can be preempted).
  void loopBack(int target);
  // R[a] := recover() (meaningful in a function called by a deferred call).
  void recover(int a);
  // The common exit of a function with deferred calls (RunDefers; Return).
  void exitWithDefers();
  // return R[a .. a+n).
  void ret(int a, int n);

  // The finished function value, of type sig.
  vm::Value finish(const vm::Type* sig);

 private:
  int emit(vm::Instr ins);
  int constIndex(vm::Value v);

  vm::Proto* p_;
  int32_t line_ = 0;
  int maxReg_ = 0;
  void note(int reg) {
    if (reg + 1 > maxReg_) maxReg_ = reg + 1;
  }
};

// Assembles func(s, f) { defer fin(s); f() }, the shape of WaitGroup.Go's
// goroutine body and of Once's doSlow: f is an ordinary call, free to park,
// and fin(s) runs however f ends (return, panic, Goexit). The name, file
// and the lines of the defer, the call and the exit are for tracebacks.
vm::Value deferThenCallFunction(std::string_view name, std::string_view file, std::string_view finName,
                                vm::NativeFn fin, int32_t deferLine, int32_t callLine, int32_t exitLine);

// Starts a goroutine running fn(a, b) from inside a native. The call is laid
// out past the caller's frame, so the goroutine records the calling script
// function as its creator; a native that is itself a goroutine's whole body
// (`go wg.Go(f)`) has no frame, and a scratch Thread carries the call.
void spawnCall(vm::Thread& th, vm::Value fn, vm::Value a, vm::Value b);

}  // namespace gsl::stdlib
