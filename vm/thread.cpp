// vm/thread.cpp: the Thread's stacks, and running script code from C++.
#include "vm/thread.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#include "vm/builtins.h"
#include "vm/call.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/panic.h"

namespace gsl::vm {

namespace {

// A new goroutine starts small (DESIGN §3: a parked goroutine should cost
// well under 1 KiB): 32 registers and 4 frames, 416 bytes.
constexpr uint32_t kInitialRegisters = 32;
constexpr uint32_t kInitialFrames = 4;

// Go's report for a goroutine that outgrew its stack, then exit status 2.
[[noreturn]] void stackOverflow(Thread& th) {
  std::string out = "runtime: goroutine stack exceeds 1000000000-byte limit\n";
  out += "fatal error: stack overflow\n\n";
  out += "goroutine " + std::to_string(goroutineId(th)) + " [running]:\n";
  uint32_t n = th.numFrames();
  uint32_t shown = 0;
  for (uint32_t i = n; i-- > 0;) {
    Frame& f = th.frameAt(i);
    if (f.proto == nullptr || f.proto->hideInTrace) continue;
    if (shown == 50 && i > 50) {
      out += "...additional frames elided...\n";
      i = 50;
    }
    out += tracebackName(f.proto);
    out += "\n\t";
    out += std::string(f.proto->file);
    out += ":" + std::to_string(f.proto->lineAt(f.currentPc())) + "\n";
    shown++;
  }
  out += createdByText(th);
  writeStderr(out);
  std::_Exit(2);
}

}  // namespace

Proto* newProto() { return new (allocRoot(sizeof(Proto))) Proto(); }

Thread::Thread(ProgramState* program, uint32_t initialRegisters, uint32_t initialFrames)
    : program_(program) {
  uint32_t regs = initialRegisters > 0 ? initialRegisters : kInitialRegisters;
  stack_ = static_cast<Value*>(allocObject(regs * sizeof(Value)));
  stackSize_ = regs;
  uint32_t frames = initialFrames > 0 ? initialFrames : kInitialFrames;
  frames_ = static_cast<Frame*>(allocObject(frames * sizeof(Frame)));
  framesCap_ = frames;
}

Thread::~Thread() = default;

void Thread::growStack(uint64_t needed) {
  if (needed > kMaxRegisters) stackOverflow(*this);
  uint64_t size = stackSize_ ? stackSize_ : kInitialRegisters;
  while (size < needed) size *= 2;
  if (size > kMaxRegisters) size = kMaxRegisters;
  auto* fresh = static_cast<Value*>(allocObject(size * sizeof(Value)));
  std::memcpy(fresh, stack_, stackSize_ * sizeof(Value));
  heapFree(stack_);
  stack_ = fresh;
  stackSize_ = static_cast<uint32_t>(size);
}

void Thread::growFrames() {
  if (framesCap_ >= kMaxFrames) stackOverflow(*this);
  uint32_t cap = framesCap_ * 2;
  auto* fresh = static_cast<Frame*>(allocObject(cap * sizeof(Frame)));
  std::memcpy(static_cast<void*>(fresh), frames_, numFrames_ * sizeof(Frame));
  heapFree(frames_);
  frames_ = fresh;
  framesCap_ = cap;
}

uint32_t Thread::frameTop() const {
  if (numFrames_ == 0) return top;
  const Frame& f = frames_[numFrames_ - 1];
  return f.base + f.proto->maxRegs;
}

bool startCall(Thread& th, uint32_t slot, uint32_t nargs) {
  return callValue(th, slot, nargs, kMulti, false, kFrameBoundary);
}

int callFunction(Thread& th, Value fn, const Value* args, int nargs, Value* out, int maxOut) {
  uint32_t slot = th.frameTop();
  th.ensureStack(static_cast<uint64_t>(slot) + nargs + 2);
  Value* st = th.stack();
  st[slot] = fn;
  for (int i = 0; i < nargs; i++) st[slot + 1 + i] = args[i];
  struct NestGuard {
    Thread& th;
    explicit NestGuard(Thread& t) : th(t) { th.nestedLoops++; }
    ~NestGuard() { th.nestedLoops--; }
  } guard(th);
  if (callValue(th, slot, static_cast<uint32_t>(nargs), kMulti, false, kFrameBoundary)) {
    ExecStatus s = execute(th);
    GSL_ASSERT(s == ExecStatus::Returned);
  }
  int n = static_cast<int>(th.top - slot);
  Value* res = th.stack() + slot;
  for (int i = 0; i < n && i < maxOut; i++) out[i] = res[i];
  return n;
}

Value callFunction1(Thread& th, Value fn, std::initializer_list<Value> args) {
  Value out[1];
  int n = callFunction(th, fn, args.begin(), static_cast<int>(args.size()), out, 1);
  return n > 0 ? out[0] : Value();
}

bool callFunctionRecover(Thread& th, Value fn, const Value* args, int nargs, Value* out, int maxOut,
                         int* nresults, Value* panicValue) {
  PanicRecord* before = th.panic;
  try {
    *nresults = callFunction(th, fn, args, nargs, out, maxOut);
    return true;
  } catch (const GoPanic& p) {
    // A native's own panic before any script frame ran.
    *panicValue = p.value();
  } catch (const UnwindingPanic&) {
    *panicValue = th.panic ? th.panic->value : Value();
    th.panic = before;
  }
  *nresults = 0;
  return false;
}

std::string tracebackName(const Proto* p) {
  return p->name + (p->numParams > 0 ? "(...)" : "()");
}

}  // namespace gsl::vm
