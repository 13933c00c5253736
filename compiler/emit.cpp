// compiler/emit.cpp: appending instructions and table entries to the proto
// being compiled, register allocation, and jump patching.
#include "compiler/compiler_impl.h"

namespace gsl::compiler {

// Operand fields are 16 bits; a register number or table index above this
// cannot be encoded. (kMulti and kNoType use the top values.)
constexpr int kMaxOperand = 0xFFF0;

int Compiler::emit(vm::Instr ins) {
  vm::Proto* p = fs_->proto;
  p->code.push_back(ins);
  p->lines.push_back(line_);
  return static_cast<int>(p->code.size()) - 1;
}

int Compiler::pc() const { return static_cast<int>(fs_->proto->code.size()); }

void Compiler::patchJump(int at, int target) {
  vm::Proto* p = fs_->proto;
  p->code[at] = vm::withSBx(p->code[at], target - (at + 1));
}

void Compiler::patchJumps(const std::vector<int>& jumps, int target) {
  for (int j : jumps) patchJump(j, target);
}

void Compiler::emitLoop(int target) { emitAsBx(Op::Loop, 0, target - (pc() + 1)); }

int Compiler::allocReg() {
  int r = fs_->freeReg++;
  if (fs_->freeReg > fs_->proto->maxRegs) {
    if (fs_->freeReg > kMaxOperand) {
      error(Pos{line_, 1, 0}, "function too large: more than 65000 registers");
      fs_->freeReg = kMaxOperand;
      return kMaxOperand - 1;
    }
    fs_->proto->maxRegs = static_cast<uint16_t>(fs_->freeReg);
  }
  return r;
}

int Compiler::allocRegs(int n) {
  int first = fs_->freeReg;
  for (int i = 0; i < n; i++) allocReg();
  return first;
}

int Compiler::constIndex(Value v) {
  vm::Proto* p = fs_->proto;
  bool isStr = v.isObject() && v.asObject()->type == vm::types::stringType();
  if (!isStr) {
    // Immediates and objects (function values, boxed numbers) by identity.
    auto it = fs_->constByBits.find(v.bits());
    if (it != fs_->constByBits.end()) return it->second;
  } else {
    std::string key(vm::stringView(v));
    auto it = fs_->constByString.find(key);
    if (it != fs_->constByString.end()) return it->second;
  }
  int idx = static_cast<int>(p->consts.size());
  if (idx >= kMaxOperand) {
    error(Pos{line_, 1, 0}, "function too large: more than 65000 constants");
    return 0;
  }
  p->consts.push_back(v);
  if (!isStr) {
    fs_->constByBits[v.bits()] = idx;
  } else {
    fs_->constByString[std::string(vm::stringView(v))] = idx;
  }
  return idx;
}

int Compiler::typeIndex(const Type* t) {
  auto it = fs_->typeByPtr.find(t);
  if (it != fs_->typeByPtr.end()) return it->second;
  vm::Proto* p = fs_->proto;
  int idx = static_cast<int>(p->types.size());
  p->types.push_back(t);
  fs_->typeByPtr[t] = idx;
  return idx;
}

int Compiler::siteIndex(std::string_view name, bool isMethod) {
  vm::Proto* p = fs_->proto;
  p->sites.emplace_back(vm::internName(name), isMethod);
  return static_cast<int>(p->sites.size()) - 1;
}

void Compiler::loadValue(int reg, Value v) {
  if (v.isNil()) {
    emitABC(Op::LoadNil, reg, 0, 0);
  } else if (v.isInt() && v.asInt() >= INT32_MIN && v.asInt() <= INT32_MAX) {
    emitAsBx(Op::LoadI, reg, static_cast<int32_t>(v.asInt()));
  } else {
    emitABx(Op::LoadK, reg, constIndex(v));
  }
}

}  // namespace gsl::compiler

namespace gsl::compiler {

void Compiler::emitNewCell(int a, int b, const Type* t) {
  emitABC(Op::NewCell, a, b, t != nullptr ? typeIndex(t) : vm::kNoType);
}

}  // namespace gsl::compiler
