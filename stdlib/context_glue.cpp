// stdlib/context_glue.cpp: the bytecode assembler of context_glue.h.
#include "stdlib/context_glue.h"

#include "vm/goroutine.h"
#include "vm/object.h"
#include "vm/proto.h"
#include "vm/thread.h"
#include "vm/type.h"

namespace gsl::stdlib {

using vm::Op;
using vm::Value;

ProtoBuilder::ProtoBuilder(std::string_view name, std::string_view file, int params, int results)
    : p_(vm::newProto()) {
  p_->name = std::string(name);
  p_->file = file;
  p_->numParams = static_cast<uint16_t>(params);
  p_->numResults = static_cast<uint16_t>(results);
  maxReg_ = params;
}

int ProtoBuilder::emit(vm::Instr ins) {
  p_->code.push_back(ins);
  p_->lines.push_back(line_);
  return static_cast<int>(p_->code.size()) - 1;
}

int ProtoBuilder::constIndex(Value v) {
  p_->consts.push_back(v);
  return static_cast<int>(p_->consts.size()) - 1;
}

void ProtoBuilder::loadNative(int a, std::string_view name, vm::NativeFn fn) {
  loadConst(a, Value::object(vm::makeNative(name, fn)));
}

void ProtoBuilder::loadConst(int a, Value v) {
  note(a);
  emit(vm::encodeABx(Op::LoadK, a, static_cast<uint32_t>(constIndex(v))));
}

void ProtoBuilder::move(int a, int b) {
  note(a);
  note(b);
  emit(vm::encodeABC(Op::Move, a, b, 0));
}

void ProtoBuilder::call(int a, int nargs, int results) {
  note(a + nargs);
  if (results > 0) note(a + results - 1);
  emit(vm::encodeABC(Op::Call, a, nargs, results));
}

void ProtoBuilder::deferCall(int a, int nargs) {
  note(a + nargs);
  p_->hasDefer = true;
  emit(vm::encodeABC(Op::Defer, a, nargs, 0));
}

int ProtoBuilder::selectRecv(int out, int base, int ncases) {
  note(out + 1);
  note(base + 2 * ncases - 1);
  std::string kinds(static_cast<size_t>(ncases), 'r');
  emit(vm::encodeABC(Op::Select, out, base, constIndex(vm::makeString(kinds))));
  int first = emit(vm::encodeAsBx(Op::Jmp, 0, 0));
  for (int i = 0; i < ncases; i++) emit(vm::encodeAsBx(Op::Jmp, 0, 0));
  return first;
}

void ProtoBuilder::patchHere(int jmp) {
  int target = static_cast<int>(p_->code.size());
  p_->code[jmp] = vm::withSBx(p_->code[jmp], target - (jmp + 1));
}

int ProtoBuilder::jumpIf(int a, bool c) {
  note(a);
  emit(vm::encodeABC(Op::Test, a, 0, c ? 1 : 0));
  return emit(vm::encodeAsBx(Op::Jmp, 0, 0));
}

int ProtoBuilder::here() const { return static_cast<int>(p_->code.size()); }

void ProtoBuilder::loopBack(int target) {
  int at = here();
  emit(vm::encodeAsBx(Op::Loop, 0, target - (at + 1)));
}

void ProtoBuilder::recover(int a) {
  note(a);
  emit(vm::encodeABC(Op::Recover, a, 0, 0));
}

void ProtoBuilder::exitWithDefers() {
  p_->exitPc = static_cast<int32_t>(p_->code.size());
  emit(vm::encodeABC(Op::RunDefers, 0, 0, 0));
  emit(vm::encodeABC(Op::Return, 0, 0, 0));
}

void ProtoBuilder::ret(int a, int n) {
  if (n > 0) note(a + n - 1);
  emit(vm::encodeABC(Op::Return, a, n, 0));
}

Value ProtoBuilder::finish(const vm::Type* sig) {
  p_->sig = sig;
  p_->maxRegs = static_cast<uint16_t>(maxReg_);
  return Value::object(vm::makeClosure(sig, p_, 0));
}

Value deferThenCallFunction(std::string_view name, std::string_view file, std::string_view finName,
                            vm::NativeFn fin, int32_t deferLine, int32_t callLine, int32_t exitLine) {
  ProtoBuilder b(name, file, 2, 0);
  b.line(deferLine);
  b.loadNative(2, finName, fin);
  b.move(3, 0);
  b.deferCall(2, 1);
  b.line(callLine);
  b.move(2, 1);
  b.call(2, 0, 0);
  b.line(exitLine);
  b.exitWithDefers();
  const vm::Type* any = vm::types::anyType();
  const vm::Type* params[] = {any, any};
  return b.finish(vm::funcOf(params, {}, false));
}

void spawnCall(vm::Thread& th, Value fn, Value a, Value b) {
  vm::Thread* on = &th;
  uint32_t slot = 0;
  if (th.numFrames() > 0) {
    slot = th.frameTop();
  } else {
    on = vm::newThread(th.program());
  }
  on->ensureStack(static_cast<uint64_t>(slot) + 4);
  Value* st = on->stack() + slot;
  st[0] = fn;
  st[1] = a;
  st[2] = b;
  vm::spawnGoroutine(*on, slot, 2, false);
  st = on->stack() + slot;  // spawning may have moved the stack
  st[0] = st[1] = st[2] = Value();
}

}  // namespace gsl::stdlib
