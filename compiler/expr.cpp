// compiler/expr.cpp: expressions and conditions.
#include <cctype>

#include "compiler/compiler_impl.h"
#include "vm/arith.h"
#include "vm/call.h"

namespace gsl::compiler {

using namespace parser;
using vm::Kind;

namespace {

// The arithmetic instruction for a binary operator, with and without a
// constant right operand.
bool arithOps(Tok op, Op* rr, Op* rk) {
  switch (op) {
    case Tok::Add: *rr = Op::Add; *rk = Op::AddK; return true;
    case Tok::Sub: *rr = Op::Sub; *rk = Op::SubK; return true;
    case Tok::Mul: *rr = Op::Mul; *rk = Op::MulK; return true;
    case Tok::Quo: *rr = Op::Div; *rk = Op::DivK; return true;
    case Tok::Rem: *rr = Op::Rem; *rk = Op::RemK; return true;
    case Tok::And: *rr = Op::BitAnd; *rk = Op::BitAndK; return true;
    case Tok::Or: *rr = Op::BitOr; *rk = Op::BitOrK; return true;
    case Tok::Xor: *rr = Op::BitXor; *rk = Op::BitXorK; return true;
    case Tok::AndNot: *rr = Op::AndNot; *rk = Op::AndNotK; return true;
    case Tok::Shl: *rr = Op::Shl; *rk = Op::ShlK; return true;
    case Tok::Shr: *rr = Op::Shr; *rk = Op::ShrK; return true;
    default: return false;
  }
}

bool isComparison(Tok op) {
  return op == Tok::Eql || op == Tok::Neq || op == Tok::Lss || op == Tok::Leq || op == Tok::Gtr ||
         op == Tok::Geq;
}

// The static result type of arithmetic on operands of these types.
const Type* arithType(const Type* a, const Type* b) { return a ? a : b; }

bool isNumericType(const Type* t) { return t != nullptr && vm::isNumericKind(t->kind); }

}  // namespace

// ---- Entry points ------------------------------------------------------------------

Operand Compiler::expr(Expr* e, const Type* want) {
  Expr* u = unparen(e);
  if (!preEvaluated_.empty()) {
    auto it = preEvaluated_.find(u);
    if (it != preEvaluated_.end()) {
      Operand op = it->second;
      preEvaluated_.erase(it);
      return op;
    }
  }
  if (auto* id = as<Ident>(u); id && id->obj && id->obj->kind == ObjKind::Var) {
    auto it = vars_.find(id->obj);
    if (it != vars_.end()) {
      VarInfo* vi = it->second;
      if (vi->where == VarInfo::Where::Register && vi->owner == fs_) return {vi->index, vi->type, false};
    }
  }
  int r = allocReg();
  return exprTo(e, r, want);
}

Operand Compiler::exprToStored(Expr* e, int dst, const Type* want) {
  Operand op = exprTo(e, dst, want);
  if (needsRetag(op, want)) {
    // Assignability: a value of an unnamed type stored where a named type
    // with that underlying type is declared takes the named type (so its
    // methods work: `var add Op = func(a, b int) int {...}`).
    emitABC(Op::Conv, dst, dst, typeIndex(want));
    op.type = want;
    op.fresh = true;
  }
  copyIfShared(op, dst);
  return op;
}

bool Compiler::needsRetag(const Operand& op, const Type* want) {
  return want != nullptr && op.type != nullptr && op.type != want && want->isNamed() &&
         want->kind != Kind::Interface && !op.type->isNamed() && want->underlying == op.type;
}

void Compiler::copyIfShared(const Operand& op, int reg) {
  if (!op.fresh && maybeAggregate(op.type)) emitABC(Op::Copy, reg, reg, 0);
}

Operand Compiler::constOperand(const ConstValue& c, int dst, const Type* want) {
  if (c.kind == ConstValue::Kind::Nil) {
    if (want != nullptr && vm::isNilableKind(want->kind)) {
      emitABx(Op::LoadK, dst, constIndex(vm::nilOf(want)));
      return {dst, want, true};
    }
    emitABC(Op::LoadNil, dst, 0, 0);
    return {dst, isInterfaceType(want) ? want : nullptr, true};
  }
  const Type* w = want;
  if (w != nullptr && (w->kind == Kind::Interface || !vm::isBasicKind(w->kind))) w = nullptr;
  if (w != nullptr && c.type == nullptr && !representable(c, w)) {
    std::string err;
    ConstValue tmp;
    constConvert(c, w, &tmp, &err);
    error(Pos{line_, 0, 0}, err);
  }
  Value v = toValue(c, w);
  loadValue(dst, v);
  return {dst, vm::typeOf(v), true};
}

Operand Compiler::exprTo(Expr* e, int dst, const Type* want) {
  e = unparen(e);
  if (!preEvaluated_.empty()) {
    auto it = preEvaluated_.find(e);
    if (it != preEvaluated_.end()) {
      Operand op = it->second;
      preEvaluated_.erase(it);
      if (op.reg != dst) emitABC(Op::Move, dst, op.reg, 0);
      op.reg = dst;
      return op;
    }
  }
  ConstValue c;
  if (constEval(e, &c)) return constOperand(c, dst, want);
  switch (e->kind) {
    case NodeKind::Ident: {
      auto* id = static_cast<Ident*>(e);
      Object* obj = id->obj;
      if (obj == nullptr) {
        if (id->name == "_") {
          error(id->pos, "cannot use _ as value");
        } else {
          error(id->pos, "undefined: " + std::string(id->name));
        }
        return {dst, nullptr, true};
      }
      switch (obj->kind) {
        case ObjKind::Var:
          return loadVar(obj, dst);
        case ObjKind::Func: {
          Value fv = functionValue(obj);
          loadValue(dst, fv);
          return {dst, fv.isObject() ? fv.asObject()->type : nullptr, true};
        }
        case ObjKind::Builtin:
          error(id->pos, std::string(id->name) + " (built-in function " + std::string(id->name) +
                             ") must be called");
          return {dst, nullptr, true};
        case ObjKind::Type:
          error(id->pos, std::string(id->name) + " (type) is not an expression");
          return {dst, nullptr, true};
        case ObjKind::Package:
          error(id->pos, "use of package " + std::string(id->name) + " without selector");
          return {dst, nullptr, true};
        default:
          error(id->pos, "undefined: " + std::string(id->name));
          return {dst, nullptr, true};
      }
    }
    case NodeKind::CompositeLit:
      return compositeLit(static_cast<CompositeLit*>(e), dst, want);
    case NodeKind::FuncLit:
      return funcLit(static_cast<FuncLit*>(e), dst);
    case NodeKind::SelectorExpr:
      return selectorExpr(static_cast<SelectorExpr*>(e), dst);
    case NodeKind::IndexExpr:
      return indexExpr(static_cast<IndexExpr*>(e), dst);
    case NodeKind::IndexListExpr:
      return exprTo(static_cast<IndexListExpr*>(e)->x, dst, want);
    case NodeKind::SliceExpr:
      return sliceExpr(static_cast<SliceExpr*>(e), dst);
    case NodeKind::TypeAssertExpr:
      return typeAssert(static_cast<TypeAssertExpr*>(e), dst);
    case NodeKind::CallExpr:
      return callToReg(static_cast<CallExpr*>(e), dst);
    case NodeKind::StarExpr: {
      auto* se = static_cast<StarExpr*>(e);
      int level = fs_->freeReg;
      Operand p = expr(se->x);
      setLine(se->pos);
      emitABC(Op::Deref, dst, p.reg, 0);
      freeTo(level);
      return {dst, p.type && p.type->kind == Kind::Pointer ? p.type->elem : nullptr, false};
    }
    case NodeKind::UnaryExpr:
      return unaryExpr(static_cast<UnaryExpr*>(e), dst, want);
    case NodeKind::BinaryExpr:
      return binaryExpr(static_cast<BinaryExpr*>(e), dst, want);
    case NodeKind::KeyValueExpr:
      error(e->pos, "unexpected key:value expression");
      return {dst, nullptr, true};
    default:
      if (isTypeExpr(e)) {
        error(e->pos, "type is not an expression");
      } else {
        error(e->pos, "invalid expression");
      }
      return {dst, nullptr, true};
  }
}

// ---- Variables -------------------------------------------------------------------------

int Compiler::captureOf(Object* obj) {
  auto it = fs_->captures.find(obj);
  if (it == fs_->captures.end()) {
    error(obj->pos, "internal error: " + std::string(obj->name) + " is not captured");
    return 0;
  }
  return it->second;
}

Operand Compiler::loadVar(Object* obj, int dst) {
  VarInfo* vi = varInfo(obj);
  if (vi == nullptr) {
    error(obj->pos, "internal error: variable " + std::string(obj->name) + " used before its declaration");
    return {dst, nullptr, true};
  }
  switch (vi->where) {
    case VarInfo::Where::Register:
      if (vi->owner != fs_) {
        emitABC(Op::GetUpval, dst, captureOf(obj), 0);
      } else if (vi->index != dst) {
        emitABC(Op::Move, dst, vi->index, 0);
      }
      break;
    case VarInfo::Where::Cell:
      if (vi->owner != fs_) {
        emitABC(Op::GetUpval, dst, captureOf(obj), 0);
      } else {
        emitABC(Op::GetCell, dst, vi->index, 0);
      }
      break;
    case VarInfo::Where::Global:
      emitABx(Op::GetGlobal, dst, vi->index);
      break;
    case VarInfo::Where::GlobalCell:
      emitABx(Op::GetGlobal, dst, vi->index);
      emitABC(Op::GetCell, dst, dst, 0);
      break;
  }
  return {dst, vi->type, false};
}

void Compiler::storeVar(Object* obj, int src, bool fresh, const Type* srcType) {
  VarInfo* vi = varInfo(obj);
  if (vi == nullptr) {
    error(obj->pos, "internal error: variable " + std::string(obj->name) + " stored before its declaration");
    return;
  }
  switch (vi->where) {
    case VarInfo::Where::Register:
      if (vi->owner != fs_) {
        emitABC(Op::SetUpval, src, captureOf(obj), 0);
      } else if (vi->index != src) {
        if (maybeAggregate(vi->type) && !(fresh && !obj->addressTaken)) {
          emitABC(Op::Store, vi->index, src, 0);
        } else {
          // An interface variable receiving a struct from another location
          // gets its own copy.
          bool copy = !fresh && maybeAggregate(srcType);
          emitABC(copy ? Op::Copy : Op::Move, vi->index, src, 0);
        }
      }
      break;
    case VarInfo::Where::Cell:
      if (vi->owner != fs_) {
        emitABC(Op::SetUpval, src, captureOf(obj), 0);
      } else {
        emitABC(Op::SetCell, vi->index, src, 0);
      }
      break;
    case VarInfo::Where::Global:
      emitABx(Op::SetGlobal, src, vi->index);
      break;
    case VarInfo::Where::GlobalCell: {
      int t = allocReg();
      emitABx(Op::GetGlobal, t, vi->index);
      emitABC(Op::SetCell, t, src, 0);
      freeTo(t);
      break;
    }
  }
}

// ---- Operators ---------------------------------------------------------------------------

Operand Compiler::binaryExpr(BinaryExpr* be, int dst, const Type* want) {
  int level = fs_->freeReg;
  Tok op = be->op;
  if (op == Tok::LAnd || op == Tok::LOr) {
    // The left value is the result when it decides; otherwise the right's.
    Operand x = exprTo(be->x, dst, want);
    emitABC(Op::Test, dst, 0, op == Tok::LAnd ? 0 : 1);
    int j = emitJump();
    freeTo(level);
    exprTo(be->y, dst, want);
    patchJump(j, pc());
    freeTo(level);
    return {dst, x.type ? x.type : vm::types::boolType(), true};
  }
  if (isComparison(op)) {
    std::vector<int> trueJumps;
    condJump(be, true, &trueJumps);
    // A comparison is an untyped boolean: it takes the named boolean type
    // its context wants (`var b B = x == y`).
    const Type* bt = vm::types::boolType();
    if (want != nullptr && want->kind == Kind::Bool) bt = want;
    emitABx(Op::LoadK, dst, constIndex(toValue(ConstValue::makeBool(false, bt), bt)));
    int j = emitJump();
    patchToHere(trueJumps);
    emitABx(Op::LoadK, dst, constIndex(toValue(ConstValue::makeBool(true, bt), bt)));
    patchJump(j, pc());
    freeTo(level);
    return {dst, bt, true};
  }
  Op rr, rk;
  if (!arithOps(op, &rr, &rk)) {
    error(be->opPos, "invalid operator " + std::string(lexer::tokenSpelling(op)));
    return {dst, nullptr, true};
  }
  ConstValue cx, cy;
  bool xConst = constEval(be->x, &cx) && cx.kind != ConstValue::Kind::Nil;
  bool yConst = constEval(be->y, &cy) && cy.kind != ConstValue::Kind::Nil;
  bool shift = op == Tok::Shl || op == Tok::Shr;
  Operand result{dst, nullptr, true};
  if (shift) {
    // A constant left operand of a non-constant shift takes the type the
    // context gives (or int); the count never adapts.
    Operand x;
    if (xConst) {
      const Type* t = want && vm::isIntegerKind(want->kind) ? want : nullptr;
      x = constOperand(cx, allocReg(), t);
    } else {
      x = expr(be->x, want);
    }
    setLine(be->opPos);
    if (yConst) {
      ConstValue n;
      std::string err;
      if (!constConvert(cy, vm::types::uintType(), &n, &err)) {
        error(be->y->pos, "invalid shift count " + constString(cy));
      }
      emitABC(rk, dst, x.reg, constIndex(vm::makeInt(static_cast<int64_t>(n.i > 1000 ? 1000 : n.i))));
    } else {
      Operand y = expr(be->y);
      emitABC(rr, dst, x.reg, y.reg);
    }
    freeTo(level);
    return {dst, x.type, true};
  }
  if (yConst) {
    Operand x = expr(be->x, want);
    const Type* t = x.type && vm::isBasicKind(x.type->kind) ? x.type : nullptr;
    if (t == nullptr && cy.type != nullptr) t = cy.type;
    if ((op == Tok::Quo || op == Tok::Rem) && t && vm::isIntegerKind(t->kind) &&
        ((cy.kind == ConstValue::Kind::Int && cy.i == 0) ||
         (cy.kind == ConstValue::Kind::Float && cy.f.isZero()))) {
      error(be->y->pos, "invalid operation: division by zero");
    }
    setLine(be->opPos);
    emitABC(rk, dst, x.reg, constIndex(toValue(cy, t)));
    result.type = arithType(x.type, cy.type);
  } else if (xConst) {
    Operand y = expr(be->y, want);
    const Type* t = y.type && vm::isBasicKind(y.type->kind) ? y.type : nullptr;
    if (t == nullptr && cx.type != nullptr) t = cx.type;
    Value k = toValue(cx, t);
    bool commutative = (op == Tok::Mul || op == Tok::And || op == Tok::Or || op == Tok::Xor ||
                        (op == Tok::Add && isNumericType(t)));
    setLine(be->opPos);
    if (commutative) {
      emitABC(rk, dst, y.reg, constIndex(k));
    } else {
      int r = allocReg();
      loadValue(r, k);
      if (t == nullptr) emitABC(Op::Adapt, r, y.reg, 0);
      emitABC(rr, dst, r, y.reg);
    }
    result.type = arithType(y.type, cx.type);
  } else {
    Operand x, y;
    if (hasCall(be->y) && !hasCall(be->x)) {
      // gc evaluates the call first, then reads the other operand.
      y = expr(be->y, want);
      x = expr(be->x, y.type ? y.type : want);
    } else {
      x = expr(be->x, want);
      y = expr(be->y, x.type ? x.type : want);
    }
    setLine(be->opPos);
    emitABC(rr, dst, x.reg, y.reg);
    result.type = arithType(x.type, y.type);
  }
  freeTo(level);
  return result;
}

Operand Compiler::unaryExpr(UnaryExpr* ue, int dst, const Type* want) {
  int level = fs_->freeReg;
  switch (ue->op) {
    case Tok::Add:
      return exprTo(ue->x, dst, want);
    case Tok::Sub: {
      Operand x = expr(ue->x, want);
      setLine(ue->pos);
      emitABC(Op::Neg, dst, x.reg, 0);
      freeTo(level);
      return {dst, x.type, true};
    }
    case Tok::Xor: {
      Operand x = expr(ue->x, want);
      emitABC(Op::BitNot, dst, x.reg, 0);
      freeTo(level);
      return {dst, x.type, true};
    }
    case Tok::Not: {
      Operand x = expr(ue->x, want);
      emitABC(Op::Not, dst, x.reg, 0);
      freeTo(level);
      return {dst, x.type ? x.type : vm::types::boolType(), true};
    }
    case Tok::And:
      return addressOf(ue->x, dst);
    case Tok::Arrow:
      return recvExpr(ue, dst, false);
    default:
      error(ue->pos, "invalid unary operator " + std::string(lexer::tokenSpelling(ue->op)));
      return {dst, nullptr, true};
  }
}

Operand Compiler::addressOf(Expr* x, int dst) {
  x = unparen(x);
  int level = fs_->freeReg;
  if (auto* cl = as<CompositeLit>(x)) {
    Operand v = compositeLit(cl, dst, nullptr);
    const Type* pt = v.type ? vm::pointerTo(v.type) : nullptr;
    if (v.type && (v.type->kind == Kind::Struct || v.type->kind == Kind::Array)) {
      emitABC(Op::Ref, dst, dst, 0);
    } else {
      int c = allocReg();
      emitNewCell(c, dst, v.type);
      emitABC(Op::AddrCell, dst, c, pt ? typeIndex(pt) : vm::kNoType);
    }
    freeTo(level);
    return {dst, pt, true};
  }
  if (auto* id = as<Ident>(x)) {
    Object* obj = id->obj;
    VarInfo* vi = obj ? varInfo(obj) : nullptr;
    if (vi == nullptr) {
      error(x->pos, "invalid operation: cannot take address of " + std::string(id->name));
      return {dst, nullptr, true};
    }
    const Type* pt = vi->type ? vm::pointerTo(vi->type) : nullptr;
    int ti = pt ? typeIndex(pt) : vm::kNoType;
    switch (vi->where) {
      case VarInfo::Where::Register:
        if (vi->owner != fs_) {
          emitABC(Op::GetUpval, dst, captureOf(obj), 0);
          emitABC(Op::Ref, dst, dst, 0);
        } else {
          emitABC(Op::Ref, dst, vi->index, 0);
        }
        break;
      case VarInfo::Where::Cell:
        if (vi->owner != fs_) {
          emitABC(Op::GetUpvalCell, dst, captureOf(obj), 0);
          emitABC(Op::AddrCell, dst, dst, ti);
        } else {
          emitABC(Op::AddrCell, dst, vi->index, ti);
        }
        break;
      case VarInfo::Where::Global:
        emitABx(Op::GetGlobal, dst, vi->index);
        emitABC(Op::Ref, dst, dst, 0);
        break;
      case VarInfo::Where::GlobalCell:
        emitABx(Op::GetGlobal, dst, vi->index);
        emitABC(Op::AddrCell, dst, dst, ti);
        break;
    }
    return {dst, pt, true};
  }
  if (auto* se = as<SelectorExpr>(x)) {
    const vm::NativeMember* m = nullptr;
    if (packageMember(se, &m)) {
      error(x->pos, "cannot take the address of a package member");
      return {dst, nullptr, true};
    }
    Operand o = expr(se->x);
    const Type* ft = fieldTypeOf(o.type, se->sel->name);
    setLine(se->sel->pos);
    emitABC(Op::AddrField, dst, o.reg, siteIndex(se->sel->name, false));
    freeTo(level);
    return {dst, ft ? vm::pointerTo(ft) : nullptr, true};
  }
  if (auto* ie = as<IndexExpr>(x)) {
    Operand o = expr(ie->x);
    Operand i = expr(ie->index, vm::types::intType());
    setLine(ie->lbrack);
    emitABC(Op::AddrIndex, dst, o.reg, i.reg);
    freeTo(level);
    const Type* et = nullptr;
    if (o.type) {
      const Type* t = o.type->kind == Kind::Pointer ? o.type->elem : o.type;
      if (t && (t->kind == Kind::Slice || t->kind == Kind::Array)) et = t->elem;
    }
    return {dst, et ? vm::pointerTo(et) : nullptr, true};
  }
  if (auto* st = as<StarExpr>(x)) return exprTo(st->x, dst);
  error(x->pos, "invalid operation: cannot take address of expression");
  return {dst, nullptr, true};
}

// ---- Conditions -------------------------------------------------------------------------

void Compiler::condJump(Expr* e, bool jumpIf, std::vector<int>* jumps) {
  e = unparen(e);
  int level = fs_->freeReg;
  ConstValue c;
  if (constEval(e, &c) && c.kind == ConstValue::Kind::Bool) {
    if (c.b == jumpIf) jumps->push_back(emitJump());
    return;
  }
  if (auto* ue = as<UnaryExpr>(e); ue && ue->op == Tok::Not) {
    condJump(ue->x, !jumpIf, jumps);
    return;
  }
  if (auto* be = as<BinaryExpr>(e)) {
    if (be->op == Tok::LAnd) {
      if (jumpIf) {
        std::vector<int> skip;
        condJump(be->x, false, &skip);
        condJump(be->y, true, jumps);
        patchToHere(skip);
      } else {
        condJump(be->x, false, jumps);
        condJump(be->y, false, jumps);
      }
      return;
    }
    if (be->op == Tok::LOr) {
      if (jumpIf) {
        condJump(be->x, true, jumps);
        condJump(be->y, true, jumps);
      } else {
        std::vector<int> skip;
        condJump(be->x, true, &skip);
        condJump(be->y, false, jumps);
        patchToHere(skip);
      }
      return;
    }
    if (isComparison(be->op)) {
      Tok op = be->op;
      ConstValue cx, cy;
      bool xConst = constEval(be->x, &cx);
      bool yConst = constEval(be->y, &cy);
      Expr* ve = be->x;   // the non-constant side when one side is constant
      ConstValue k;
      bool haveK = false;
      if (yConst) {
        k = cy;
        haveK = true;
      } else if (xConst) {
        k = cx;
        haveK = true;
        ve = be->y;
        // Mirror the operator: K < x is x > K.
        switch (op) {
          case Tok::Lss: op = Tok::Gtr; break;
          case Tok::Leq: op = Tok::Geq; break;
          case Tok::Gtr: op = Tok::Lss; break;
          case Tok::Geq: op = Tok::Leq; break;
          default: break;
        }
      }
      if (haveK) {
        Operand v = expr(ve);
        setLine(be->opPos);
        bool eq = op == Tok::Eql || op == Tok::Neq;
        uint32_t flag = (op == Tok::Neq) ? !jumpIf : jumpIf;
        if (k.kind == ConstValue::Kind::Nil) {
          if (isInterfaceType(v.type)) {
            emitABC(Op::EqK, v.reg, constIndex(Value()), flag);
          } else {
            emitABC(Op::IsNil, v.reg, 0, flag);
          }
        } else if (isInterfaceType(v.type) && eq) {
          // Comparing an interface with a constant: the constant is an
          // interface value of its default type; no adaptation.
          int r = allocReg();
          loadValue(r, toValue(k, nullptr));
          emitABC(Op::Eq, v.reg, r, flag);
        } else {
          const Type* t = v.type && vm::isBasicKind(v.type->kind) ? v.type : nullptr;
          int ki = constIndex(toValue(k, t));
          Op cop = Op::EqK;
          switch (op) {
            case Tok::Eql:
            case Tok::Neq: cop = Op::EqK; break;
            case Tok::Lss: cop = Op::LtK; break;
            case Tok::Leq: cop = Op::LeK; break;
            case Tok::Gtr: cop = Op::GtK; break;
            case Tok::Geq: cop = Op::GeK; break;
            default: break;
          }
          emitABC(cop, v.reg, ki, flag);
        }
        jumps->push_back(emitJump());
        freeTo(level);
        return;
      }
      Operand x, y;
      if (hasCall(be->y) && !hasCall(be->x)) {
        y = expr(be->y);
        x = expr(be->x, y.type);
      } else {
        x = expr(be->x);
        y = expr(be->y, x.type);
      }
      setLine(be->opPos);
      switch (op) {
        case Tok::Eql: emitABC(Op::Eq, x.reg, y.reg, jumpIf); break;
        case Tok::Neq: emitABC(Op::Eq, x.reg, y.reg, !jumpIf); break;
        case Tok::Lss: emitABC(Op::Lt, x.reg, y.reg, jumpIf); break;
        case Tok::Leq: emitABC(Op::Le, x.reg, y.reg, jumpIf); break;
        case Tok::Gtr: emitABC(Op::Lt, y.reg, x.reg, jumpIf); break;
        case Tok::Geq: emitABC(Op::Le, y.reg, x.reg, jumpIf); break;
        default: break;
      }
      jumps->push_back(emitJump());
      freeTo(level);
      return;
    }
  }
  Operand v = expr(e);
  emitABC(Op::Test, v.reg, 0, jumpIf);
  jumps->push_back(emitJump());
  freeTo(level);
}

// ---- Selectors, indexing, slicing -----------------------------------------------------

bool Compiler::packageMember(SelectorExpr* se, const vm::NativeMember** member) {
  auto* id = as<Ident>(unparen(se->x));
  if (id == nullptr || id->obj == nullptr || id->obj->kind != ObjKind::Package) return false;
  auto it = packages_.find(id->obj);
  *member = nullptr;
  if (it == packages_.end() || it->second == nullptr) return true;
  for (const vm::NativeMember& m : it->second->members) {
    if (m.name == se->sel->name) {
      *member = &m;
      break;
    }
  }
  return true;
}

Operand Compiler::selectorExpr(SelectorExpr* se, int dst) {
  int level = fs_->freeReg;
  const vm::NativeMember* m = nullptr;
  if (packageMember(se, &m)) {
    auto* pkgId = static_cast<Ident*>(unparen(se->x));
    if (m == nullptr) {
      error(se->sel->pos, "undefined: " + std::string(pkgId->name) + "." + std::string(se->sel->name));
      return {dst, nullptr, true};
    }
    Value v = nativeValue(pkgId->name, m);
    switch (m->kind) {
      case vm::NativeMember::Kind::Func:
        loadValue(dst, v);
        return {dst, vm::typeOf(v), true};
      case vm::NativeMember::Kind::Var:
        loadValue(dst, v);
        return {dst, vm::typeOf(v), false};
      case vm::NativeMember::Kind::Const:
        loadValue(dst, v);
        return {dst, vm::typeOf(v), true};
      case vm::NativeMember::Kind::Type:
        error(se->pos, std::string(pkgId->name) + "." + std::string(se->sel->name) +
                           " (type) is not an expression");
        return {dst, nullptr, true};
    }
  }
  if (isTypeExpr(se->x)) {
    // A method expression T.M or (*T).M: the method's function, whose first
    // parameter is the receiver.
    const Type* t = resolveType(se->x);
    if (t == nullptr) return {dst, nullptr, true};
    if (t->kind == Kind::Interface) {
      for (const vm::IMethod& im : t->imethods) {
        if (im.name == se->sel->name && im.sig != nullptr) {
          Value fn = interfaceMethodExpr(t, im);
          loadValue(dst, fn);
          return {dst, vm::typeOf(fn), true};
        }
      }
      error(se->sel->pos, typeName(t) + "." + std::string(se->sel->name) + " undefined");
      return {dst, nullptr, true};
    }
    vm::MethodLookup ml = vm::lookupMethod(t, se->sel->name);
    if (ml.method == nullptr || !ml.path.empty()) {
      error(se->sel->pos, vm::typeString(t) + "." + std::string(se->sel->name) + " undefined");
      return {dst, nullptr, true};
    }
    Value fn = ml.method->fn;
    if (t->kind == Kind::Pointer && !ml.method->ptrRecv) fn = methodExprWrapper(t, ml.method);
    loadValue(dst, fn);
    return {dst, vm::typeOf(fn), true};
  }
  Operand x = expr(se->x);
  std::string_view name = se->sel->name;
  checkSelector(se, x.type);
  const Type* ft = fieldTypeOf(x.type, name);
  setLine(se->sel->pos);
  if (ft != nullptr || (x.type == nullptr && !isMethodName(name))) {
    emitABC(Op::GetField, dst, x.reg, siteIndex(name, false));
    freeTo(level);
    return {dst, ft, false};
  }
  // A method value x.M: the receiver is evaluated (and copied) now.
  bool ptrRecv = false;
  const Type* mt = methodTypeOf(x.type, name, &ptrRecv);
  int recv = x.reg;
  if (ptrRecv && x.type && x.type->kind != Kind::Pointer && !maybeAggregate(x.type)) {
    recv = allocReg();
    addressOf(se->x, recv);
  }
  emitABC(Op::BindMethod, dst, recv, siteIndex(name, true));
  freeTo(level);
  return {dst, mt, true};
}

std::string Compiler::typeName(const Type* t) {
  std::string s = vm::typeString(t);
  std::string out;
  // Drop the "main." qualifier as Go's messages do for the local package.
  for (size_t i = 0; i < s.size(); i++) {
    if (s.compare(i, 5, "main.") == 0 && (i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1])))) {
      i += 4;
      continue;
    }
    out += s[i];
  }
  return out;
}

void Compiler::checkSelector(SelectorExpr* se, const Type* t) {
  if (t == nullptr || t == typeParamAny()) return;
  std::string_view name = se->sel->name;
  if (t->kind == Kind::Interface) {
    for (const vm::IMethod& m : t->imethods) {
      if (m.name == name) return;
    }
  } else {
    if (fieldTypeOf(t, name) != nullptr) return;
    if (vm::lookupMethod(t, name).method != nullptr) return;
    const Type* base = t->kind == Kind::Pointer ? t->elem : t;
    if (base == nullptr) return;
    if (base->kind == Kind::Struct) {
      // An embedded interface may provide it.
      for (const vm::Field& f : base->fields) {
        if (f.embedded && f.type && (f.type->kind == Kind::Interface || f.type->kind == Kind::Pointer)) return;
      }
    }
    // Types of native packages may have methods the compiler cannot see.
    if (base->isNamed() && base->pkg != "main" && !base->pkg.empty()) return;
  }
  std::string expr;
  if (auto* id = as<Ident>(unparen(se->x))) {
    expr = std::string(id->name) + ".";
  } else {
    expr = "x.";
  }
  error(se->sel->pos, expr + std::string(name) + " undefined (type " + typeName(t) + " has no field or method " +
                          std::string(name) + ")");
}

Operand Compiler::indexExpr(IndexExpr* ie, int dst) {
  int level = fs_->freeReg;
  // A generic function instantiated explicitly: F[int].
  if (isTypeExpr(ie->index)) {
    Operand f = exprTo(ie->x, dst);
    return f;
  }
  Operand x = expr(ie->x);
  const Type* t = x.type;
  if (t && t->kind == Kind::Pointer && t->elem && t->elem->kind == Kind::Array) t = t->elem;
  // Unknown type (a native's result): it may be a map, whose key's type is
  // only known at run time.
  const Type* keyType = t == nullptr ? nullptr : vm::types::intType();
  const Type* elemType = nullptr;
  if (t != nullptr) {
    switch (t->kind) {
      case Kind::Map:
        keyType = t->key;
        elemType = t->elem;
        break;
      case Kind::Slice:
      case Kind::Array:
        elemType = t->elem;
        break;
      case Kind::String:
        elemType = vm::types::uint8Type();
        break;
      default:
        break;
    }
  }
  Operand i = expr(ie->index, keyType);
  setLine(ie->lbrack);
  emitABC(Op::GetIndex, dst, x.reg, i.reg);
  freeTo(level);
  bool fresh = t != nullptr && (t->kind == Kind::String);
  return {dst, elemType, fresh};
}

Operand Compiler::sliceExpr(SliceExpr* se, int dst) {
  int level = fs_->freeReg;
  Operand x = expr(se->x);
  int n = se->slice3 ? 3 : 2;
  int base = allocRegs(n);
  Expr* bounds[3] = {se->low, se->high, se->max};
  for (int i = 0; i < n; i++) {
    if (bounds[i] == nullptr) {
      emitABC(Op::LoadNil, base + i, 0, 0);
    } else {
      exprTo(bounds[i], base + i, vm::types::intType());
    }
  }
  setLine(se->lbrack);
  emitABC(se->slice3 ? Op::Slice3 : Op::Slice, dst, x.reg, base);
  freeTo(level);
  const Type* t = x.type;
  if (t && t->kind == Kind::Pointer) t = t->elem;
  if (t && t->kind == Kind::Array) t = vm::sliceOf(t->elem);
  return {dst, t, true};
}

Operand Compiler::typeAssert(TypeAssertExpr* ta, int dst) {
  int level = fs_->freeReg;
  if (ta->type == nullptr) {
    error(ta->pos, "use of .(type) outside type switch");
    return {dst, nullptr, true};
  }
  Operand x = expr(ta->x);
  const Type* t = resolveType(ta->type);
  if (t == nullptr) return {dst, nullptr, true};
  setLine(ta->lparen);
  emitABC(Op::Assert, dst, x.reg, assertTypes(t, x.type));
  freeTo(level);
  return {dst, t, false};
}

Value Compiler::methodExprWrapper(const Type* ptrType, const vm::Method* m) {
  // (*T).M for a method with a value receiver: a function taking *T that
  // calls M with a copy of *p and passes every result through.
  auto it = methodWrappers_.find(m);
  if (it != methodWrappers_.end()) return it->second;
  const Type* msig = m->fn.asObject()->type;
  std::vector<const Type*> params(msig->params.begin(), msig->params.end());
  if (!params.empty()) params[0] = ptrType;
  std::vector<const Type*> results(msig->results.begin(), msig->results.end());
  const Type* sig = vm::funcOf(params, results, msig->variadic);
  vm::Proto* p = vm::newProto();
  p->name = vm::typeString(ptrType).insert(0, "(") + ")." + std::string(m->name);
  p->file = vm::internName(filename_);
  p->sig = sig;
  int n = static_cast<int>(params.size());
  p->numParams = static_cast<uint16_t>(n);
  p->numResults = static_cast<uint16_t>(results.size());
  p->variadic = msig->variadic;
  if (p->variadic) p->variadicType = params.back();
  p->maxRegs = static_cast<uint16_t>(2 * n + 2);
  p->consts.push_back(m->fn);
  auto add = [&](vm::Instr ins) {
    p->code.push_back(ins);
    p->lines.push_back(0);
  };
  add(vm::encodeABC(Op::Deref, 0, 0, 0));
  add(vm::encodeABC(Op::Copy, 0, 0, 0));
  add(vm::encodeABx(Op::LoadK, n, 0));
  for (int i = 0; i < n; i++) add(vm::encodeABC(Op::Move, n + 1 + i, i, 0));
  add(vm::encodeABC(p->variadic ? Op::CallSpread : Op::Call, n, n, vm::kMulti));
  add(vm::encodeABC(Op::Return, n, vm::kMulti, 0));
  allProtos_.push_back(p);
  Value v = Value::object(vm::makeClosure(sig, p, 0));
  methodWrappers_[m] = v;
  return v;
}

Value Compiler::interfaceMethodExpr(const Type* iface, const vm::IMethod& m) {
  // I.M: a function taking an I that calls M on its dynamic value.
  std::vector<const Type*> params{iface};
  params.insert(params.end(), m.sig->params.begin(), m.sig->params.end());
  std::vector<const Type*> results(m.sig->results.begin(), m.sig->results.end());
  const Type* sig = vm::funcOf(params, results, m.sig->variadic);
  vm::Proto* p = vm::newProto();
  p->name = typeName(iface) + "." + std::string(m.name);
  p->name.insert(0, "main.");
  p->file = vm::internName(filename_);
  p->sig = sig;
  int n = static_cast<int>(params.size());
  p->numParams = static_cast<uint16_t>(n);
  p->numResults = static_cast<uint16_t>(results.size());
  p->variadic = m.sig->variadic;
  if (p->variadic) p->variadicType = params.back();
  p->maxRegs = static_cast<uint16_t>(2 * n + 2);
  p->sites.emplace_back(m.name, true);
  auto add = [&](vm::Instr ins) {
    p->code.push_back(ins);
    p->lines.push_back(0);
  };
  add(vm::encodeABC(Op::Method, n, 0, 0));
  for (int i = 1; i < n; i++) add(vm::encodeABC(Op::Move, n + 1 + i, i, 0));
  add(vm::encodeABC(p->variadic ? Op::CallSpread : Op::Call, n, n, vm::kMulti));
  add(vm::encodeABC(Op::Return, n, vm::kMulti, 0));
  allProtos_.push_back(p);
  return Value::object(vm::makeClosure(sig, p, 0));
}

int Compiler::assertTypes(const Type* asserted, const Type* iface) {
  // Assert reads T[C] (the asserted type) and T[C+1] (the static interface
  // type of the operand, for the panic message): a fresh pair.
  vm::Proto* p = fs_->proto;
  int idx = static_cast<int>(p->types.size());
  p->types.push_back(asserted);
  p->types.push_back(iface && iface->kind == Kind::Interface ? iface : nullptr);
  return idx;
}

// ---- Composite literals and function literals --------------------------------------

Operand Compiler::compositeLit(CompositeLit* cl, int dst, const Type* want) {
  int level = fs_->freeReg;
  const Type* t = nullptr;
  if (cl->type != nullptr) {
    auto* at = as<ArrayType>(unparen(cl->type));
    if (at != nullptr && at->len != nullptr && is<Ellipsis>(at->len)) {
      // [...]T{...}: the length is the largest index plus one.
      const Type* elem = resolveType(at->elt);
      int64_t n = 0, idx = 0;
      for (Expr* el : cl->elts) {
        if (auto* kv = as<KeyValueExpr>(el)) {
          ConstValue k;
          if (constEval(kv->key, &k) && k.kind == ConstValue::Kind::Int) idx = static_cast<int64_t>(k.i);
        }
        idx++;
        if (idx > n) n = idx;
      }
      t = elem ? vm::arrayOf(elem, n) : nullptr;
    } else {
      t = resolveType(cl->type);
    }
  } else {
    t = want;
  }
  if (t == nullptr) {
    if (cl->type == nullptr) error(cl->pos, "invalid composite literal type: missing type");
    return {dst, nullptr, true};
  }
  if (t->kind == Kind::Pointer && cl->type == nullptr) {
    // An elided &T in a literal of []*T or map[K]*T.
    const Type* elem = t->elem;
    Operand v = compositeLit(cl, dst, elem);
    (void)v;
    if (elem->kind == Kind::Struct || elem->kind == Kind::Array) {
      emitABC(Op::Ref, dst, dst, 0);
    } else {
      int c = allocReg();
      emitNewCell(c, dst, elem);
      emitABC(Op::AddrCell, dst, c, typeIndex(t));
    }
    freeTo(level);
    return {dst, t, true};
  }
  setLine(cl->pos);
  switch (t->kind) {
    case Kind::Struct: {
      emitABx(Op::LoadZero, dst, typeIndex(t));
      size_t pos = 0;
      std::vector<int> fieldIdx;
      std::vector<Expr*> values;
      std::vector<const Type*> wants;
      for (Expr* el : cl->elts) {
        int fieldIndex = -1;
        Expr* valueExpr = el;
        if (auto* kv = as<KeyValueExpr>(el)) {
          auto* key = as<Ident>(unparen(kv->key));
          valueExpr = kv->value;
          if (key != nullptr) {
            for (size_t i = 0; i < t->fields.size(); i++) {
              if (t->fields[i].name == key->name) fieldIndex = static_cast<int>(i);
            }
          }
          if (fieldIndex < 0) {
            error(kv->key->pos, "unknown field " + std::string(key ? key->name : "?") + " in struct literal of type " +
                                    vm::typeString(t));
            continue;
          }
        } else {
          fieldIndex = static_cast<int>(pos);
          if (pos >= t->fields.size()) {
            error(el->pos, "too many values in struct literal of type " + vm::typeString(t));
            break;
          }
        }
        pos++;
        fieldIdx.push_back(fieldIndex);
        values.push_back(valueExpr);
        wants.push_back(t->fields[fieldIndex].type);
      }
      // Values with calls are evaluated before the others, as gc does.
      bool anyCall = false, anyPlain = false;
      for (Expr* v : values) (hasCall(v) ? anyCall : anyPlain) = true;
      if (anyCall && anyPlain) {
        int pre = allocRegs(static_cast<int>(values.size()));
        std::vector<Operand> ops;
        evalList(values, pre, wants, &ops);
        for (size_t i = 0; i < values.size(); i++) emitABC(Op::InitField, dst, pre + static_cast<int>(i), fieldIdx[i]);
        freeTo(pre);
      } else {
        for (size_t i = 0; i < values.size(); i++) {
          int r = allocReg();
          exprToStored(values[i], r, wants[i]);
          emitABC(Op::InitField, dst, r, fieldIdx[i]);
          freeTo(r);
        }
      }
      if (pos > 0 && pos < t->fields.size() && !cl->elts.empty() && !is<KeyValueExpr>(cl->elts[0])) {
        error(cl->rbrace, "too few values in struct literal of type " + vm::typeString(t));
      }
      break;
    }
    case Kind::Array:
    case Kind::Slice: {
      int64_t n = 0, idx = 0;
      for (Expr* el : cl->elts) {
        if (auto* kv = as<KeyValueExpr>(el)) {
          ConstValue k;
          if (constEval(kv->key, &k) && k.kind == ConstValue::Kind::Int) {
            idx = static_cast<int64_t>(k.i);
          } else {
            error(kv->key->pos, "index must be non-negative integer constant");
          }
        }
        idx++;
        if (idx > n) n = idx;
      }
      if (t->kind == Kind::Array) {
        emitABx(Op::LoadZero, dst, typeIndex(t));
      } else {
        int lenReg = allocRegs(2);
        loadValue(lenReg, vm::makeInt(n));
        emitABC(Op::LoadNil, lenReg + 1, 0, 0);
        emitABC(Op::MakeSlice, dst, typeIndex(t), lenReg);
        freeTo(lenReg);
      }
      // Elements with calls are evaluated before the others, as gc does.
      std::vector<Expr*> values;
      for (Expr* el : cl->elts) values.push_back(is<KeyValueExpr>(el) ? static_cast<KeyValueExpr*>(el)->value : el);
      bool mixed = false;
      if (values.size() <= 64) {
        bool anyCall = false, anyPlain = false;
        for (Expr* v : values) (hasCall(v) ? anyCall : anyPlain) = true;
        mixed = anyCall && anyPlain;
      }
      int pre = -1;
      if (mixed) {
        pre = allocRegs(static_cast<int>(values.size()));
        std::vector<Operand> ops;
        evalList(values, pre, std::vector<const Type*>(values.size(), t->elem), &ops);
      }
      idx = 0;
      size_t vi = 0;
      for (Expr* el : cl->elts) {
        Expr* valueExpr = values[vi];
        if (auto* kv = as<KeyValueExpr>(el)) {
          ConstValue k;
          if (constEval(kv->key, &k) && k.kind == ConstValue::Kind::Int) idx = static_cast<int64_t>(k.i);
        }
        int r = allocReg();
        if (mixed) {
          emitABC(Op::Move, r, pre + static_cast<int>(vi), 0);
        } else {
          exprToStored(valueExpr, r, t->elem);
        }
        vi++;
        if (idx < 0xFFF0) {
          emitABC(Op::InitElem, dst, r, static_cast<int>(idx));
        } else {
          int ir = allocReg();
          loadValue(ir, vm::makeInt(idx));
          emitABC(Op::SetIndex, dst, ir, r);
        }
        freeTo(r);
        idx++;
      }
      break;
    }
    case Kind::Map: {
      int hint = allocReg();
      emitABC(Op::LoadNil, hint, 0, 0);
      emitABC(Op::MakeMap, dst, typeIndex(t), hint);
      freeTo(hint);
      for (Expr* el : cl->elts) {
        auto* kv = as<KeyValueExpr>(el);
        if (kv == nullptr) {
          error(el->pos, "missing key in map literal");
          continue;
        }
        int k = allocReg();
        exprToStored(kv->key, k, t->key);
        int v = allocReg();
        exprToStored(kv->value, v, t->elem);
        emitABC(Op::SetIndex, dst, k, v);
        freeTo(k);
      }
      break;
    }
    default:
      error(cl->pos, "invalid composite literal type " + vm::typeString(t));
      break;
  }
  freeTo(level);
  return {dst, t, true};
}

Operand Compiler::funcLit(FuncLit* fl, int dst) {
  FuncState* outer = fs_;
  // Go's names: main.f.func1 for a literal in f, main.f.func1.2 inside that.
  bool topLevel = outer->node != nullptr && outer->node->kind != NodeKind::FuncLit;
  std::string name = outer->name + (topLevel ? ".func" : ".") + std::to_string(++outer->closureCount);
  if (outer->node != nullptr && outer->node->kind == NodeKind::File && inGlobalInit_) {
    name = "main.glob..func" + std::to_string(++globInitClosures_);
  }
  vm::Proto* p = compileFunction(fl, fl->type, fl->body, &fl->info, nullptr, name, nullptr, nullptr);
  const Type* sig = p->sig;
  if (p->captures.empty()) {
    // Nothing captured: one function value serves every evaluation.
    vm::FuncObj* f = vm::makeClosure(sig, p, 0);
    loadValue(dst, Value::object(f));
    return {dst, sig, true};
  }
  int idx = static_cast<int>(outer->proto->protos.size());
  outer->proto->protos.push_back(p);
  setLine(fl->pos);
  emitABx(Op::Closure, dst, idx);
  return {dst, sig, true};
}

}  // namespace gsl::compiler
