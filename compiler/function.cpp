// compiler/function.cpp: compiling one function: parameters, results,
// captures, the body, returns and the exit sequence of functions with defer.
#include "compiler/compiler_impl.h"

namespace gsl::compiler {

using namespace parser;
using vm::Kind;

namespace {

// Whether a body contains a defer statement (not counting nested function
// literals, which are functions of their own).
bool containsDefer(Node* n) {
  if (n == nullptr) return false;
  if (n->kind == NodeKind::DeferStmt) return true;
  if (n->kind == NodeKind::FuncLit) return false;
  bool found = false;
  forEachChild(n, [&](Node* c) {
    if (!found && containsDefer(c)) found = true;
  });
  return found;
}

// Whether a parameter of declared type t needs a FixType check on entry:
// a caller that did not know the callee's signature passes an untyped
// constant in its default type (int, float64, string, bool), which must
// become t.
bool needsFixType(const Type* t) {
  if (t == nullptr || !vm::isBasicKind(t->kind)) return false;
  return t != vm::types::intType() && t != vm::types::stringType() && t != vm::types::boolType();
}

}  // namespace

bool Compiler::needsCell(Object* obj, const Type* type) const {
  if (obj == nullptr) return false;
  if (obj->captured) return true;
  bool aggregate = type != nullptr && (type->kind == Kind::Struct || type->kind == Kind::Array);
  if (aggregate) return false;
  if (obj->addressTaken) return true;
  return const_cast<Compiler*>(this)->hasPointerMethods(type);
}

VarInfo* Compiler::declareLocal(Object* obj, const Type* type) {
  int r = allocReg();
  return bindLocal(obj, r, type);
}

VarInfo* Compiler::bindLocal(Object* obj, int reg, const Type* type) {
  VarInfo& vi = varInfos_.emplace_back();
  vi.owner = fs_;
  vi.type = type;
  vi.index = reg;
  vi.where = needsCell(obj, type) ? VarInfo::Where::Cell : VarInfo::Where::Register;
  if (obj != nullptr) vars_[obj] = &vi;
  return &vi;
}

vm::Proto* Compiler::compileFunction(Node* node, FuncType* type, BlockStmt* body, FuncInfo* info,
                                     FieldList* recv, const std::string& name, const Type* recvType,
                                     vm::Proto* proto) {
  FuncState fs;
  fs.parent = fs_;
  fs.node = node;
  fs.info = info;
  fs.proto = proto ? proto : vm::newProto();
  fs.name = name;
  vm::Proto* p = fs.proto;
  p->name = name;
  p->file = vm::internName(filename_);
  p->line = node->pos.line;
  allProtos_.push_back(p);

  // Captures: where each free variable is in the enclosing function.
  for (size_t i = 0; i < info->freeVars.size(); i++) {
    Object* obj = info->freeVars[i];
    fs.captures[obj] = static_cast<int>(i);
    vm::CaptureDesc d;
    d.name = vm::internName(obj->name);
    VarInfo* vi = varInfo(obj);
    if (vi != nullptr && vi->owner == fs_) {
      d.fromRegister = true;
      d.index = static_cast<uint16_t>(vi->index);
      if (vi->where != VarInfo::Where::Cell) {
        error(obj->pos, "internal error: captured variable " + std::string(obj->name) + " is not in a cell");
      }
    } else if (fs_ != nullptr) {
      d.fromRegister = false;
      auto it = fs_->captures.find(obj);
      d.index = it != fs_->captures.end() ? static_cast<uint16_t>(it->second) : 0;
      if (it == fs_->captures.end()) {
        error(obj->pos, "internal error: " + std::string(obj->name) + " is not visible to the closure");
      }
    }
    p->captures.push_back(d);
  }

  FuncState* outer = fs_;
  int32_t outerLine = line_;
  fs_ = &fs;
  setLine(node->pos);

  // Parameters, the receiver first.
  std::vector<std::pair<Object*, VarInfo*>> params;
  std::vector<const Type*> paramTypes;
  auto declareParam = [&](Object* obj, const Type* t) {
    int r = allocReg();
    VarInfo* vi = nullptr;
    if (obj != nullptr) {
      vi = &varInfos_.emplace_back();
      vi->owner = &fs;
      vi->type = t;
      vi->index = r;
      vi->where = needsCell(obj, t) ? VarInfo::Where::Cell : VarInfo::Where::Register;
      vars_[obj] = vi;
    }
    params.push_back({obj, vi});
    paramTypes.push_back(t);
  };
  if (recv != nullptr && !recv->list.empty()) {
    parser::Field* f = recv->list[0];
    declareParam(f->names.empty() ? nullptr : f->names[0]->obj, recvType);
  }
  // Parameters and results typed by a type parameter are `any` here: the
  // arguments keep their own dynamic types.
  typeParamsAsAny_++;
  for (parser::Field* f : type->params.list) {
    const Type* t = resolveType(f->type);
    if (f->names.empty()) {
      declareParam(nullptr, t);
    } else {
      for (Ident* n : f->names) declareParam(n->obj, t);
    }
  }
  p->numParams = static_cast<uint16_t>(params.size());
  p->variadic = type->variadic;
  if (type->variadic && !paramTypes.empty()) p->variadicType = paramTypes.back();
  {
    const Type* sig = funcTypeOf(type);
    if (recvType != nullptr) {
      std::vector<const Type*> ps{recvType};
      ps.insert(ps.end(), sig->params.begin(), sig->params.end());
      std::vector<const Type*> rs(sig->results.begin(), sig->results.end());
      sig = vm::funcOf(ps, rs, sig->variadic);
    }
    p->sig = sig;
  }
  // Prologue: untyped constants passed by callers that did not know the
  // signature take the parameter's type; captured parameters move to cells.
  for (size_t i = 0; i < params.size(); i++) {
    const Type* t = paramTypes[i];
    if (needsFixType(t) && !(type->variadic && i + 1 == params.size())) {
      emitABx(Op::FixType, static_cast<int>(i), typeIndex(t));
    }
    VarInfo* vi = params[i].second;
    if (vi != nullptr && vi->where == VarInfo::Where::Cell) {
      emitNewCell(vi->index, vi->index, vi->type);
    }
  }
  // Results.
  for (parser::Field* f : type->results.list) {
    const Type* t = resolveType(f->type);
    size_t n = f->names.empty() ? 1 : f->names.size();
    for (size_t i = 0; i < n; i++) {
      fs.resultTypes.push_back(t);
      if (!f->names.empty()) fs.namedResults.push_back(f->names[i]->obj);
    }
  }
  typeParamsAsAny_--;
  p->numResults = static_cast<uint16_t>(fs.resultTypes.size());
  for (size_t i = 0; i < fs.namedResults.size(); i++) {
    Object* obj = fs.namedResults[i];
    const Type* t = fs.resultTypes[i];
    VarInfo* vi = declareLocal(obj, t);
    if (t != nullptr) {
      emitABx(Op::LoadZero, vi->index, typeIndex(t));
    } else {
      emitABC(Op::LoadNil, vi->index, 0, 0);
    }
    if (vi->where == VarInfo::Where::Cell) emitNewCell(vi->index, vi->index, vi->type);
  }
  fs.hasDefer = containsDefer(body);
  p->hasDefer = fs.hasDefer;
  if (fs.hasDefer && fs.namedResults.empty()) {
    for (const Type* t : fs.resultTypes) {
      int r = allocReg();
      fs.hiddenResultRegs.push_back(r);
      if (t != nullptr) {
        emitABx(Op::LoadZero, r, typeIndex(t));
      } else {
        emitABC(Op::LoadNil, r, 0, 0);
      }
    }
  }

  if (body != nullptr) {
    block(body->list);
    setLine(body->rbrace);
  }
  if (fs.hasDefer) {
    emitExitSequence();
  } else {
    emitABC(Op::Return, 0, 0, 0);
  }
  for (auto& [label, jumps] : fs.pendingGotos) {
    if (!jumps.empty()) error(label->pos, "label " + std::string(label->name) + " not defined");
  }
  fs_ = outer;
  line_ = outerLine;
  return p;
}

void Compiler::emitExitSequence() {
  patchToHere(fs_->exitJumps);
  fs_->proto->exitPc = pc();
  emitABC(Op::RunDefers, 0, 0, 0);
  int n = static_cast<int>(fs_->resultTypes.size());
  if (n == 0) {
    emitABC(Op::Return, 0, 0, 0);
    return;
  }
  if (!fs_->namedResults.empty()) {
    int base = allocRegs(n);
    for (int i = 0; i < n; i++) loadVar(fs_->namedResults[i], base + i);
    emitABC(Op::Return, base, n, 0);
    freeTo(base);
    return;
  }
  emitABC(Op::Return, fs_->hiddenResultRegs[0], n, 0);
}

void Compiler::emitReturn(ReturnStmt* rs) {
  int level = fs_->freeReg;
  FuncState* fs = fs_;
  int n = static_cast<int>(fs->resultTypes.size());
  auto& results = rs->results;
  setLine(rs->pos);
  if (results.empty()) {
    closeRanges(-1);
    if (fs->hasDefer) {
      fs->exitJumps.push_back(emitJump());
      return;
    }
    if (n == 0) {
      emitABC(Op::Return, 0, 0, 0);
      return;
    }
    int base = allocRegs(n);
    for (int i = 0; i < n; i++) loadVar(fs->namedResults[i], base + i);
    emitABC(Op::Return, base, n, 0);
    freeTo(level);
    return;
  }
  int base = -1;
  if (static_cast<int>(results.size()) == 1 && n > 1) {
    auto* ce = as<CallExpr>(unparen(results[0]));
    if (ce == nullptr) {
      error(results[0]->pos, "not enough return values");
      return;
    }
    base = allocRegs(n);
    freeTo(base + 1);
    callExpr(ce, base, n);
    freeTo(base + n);
  } else {
    if (static_cast<int>(results.size()) != n) {
      error(results[0]->pos, static_cast<int>(results.size()) > n ? "too many return values"
                                                                  : "not enough return values");
      return;
    }
    // A single plain local needs no move.
    if (n == 1 && !fs->hasDefer) {
      Operand op = expr(results[0], fs->resultTypes[0]);
      if (!op.fresh && maybeAggregate(op.type)) {
        int r = allocReg();
        emitABC(Op::Copy, r, op.reg, 0);
        op.reg = r;
      }
      closeRanges(-1);
      emitABC(Op::Return, op.reg, 1, 0);
      freeTo(level);
      return;
    }
    base = allocRegs(n);
    std::vector<Operand> ops;
    evalList(results, base, fs->resultTypes, &ops);
  }
  closeRanges(-1);
  if (fs->hasDefer) {
    for (int i = 0; i < n; i++) {
      if (!fs->namedResults.empty()) {
        storeVar(fs->namedResults[i], base + i, true, fs->resultTypes[i]);
      } else {
        emitABC(Op::Move, fs->hiddenResultRegs[i], base + i, 0);
      }
    }
    fs->exitJumps.push_back(emitJump());
  } else {
    emitABC(Op::Return, base, n, 0);
  }
  freeTo(level);
}

}  // namespace gsl::compiler
