// compiler/stmt.cpp: statements.
#include "compiler/compiler_impl.h"

namespace gsl::compiler {

using namespace parser;
using vm::Kind;

namespace {

bool isBlank(Expr* e) {
  auto* id = as<Ident>(unparen(e));
  return id != nullptr && id->name == "_";
}

// Whether compiling e straight into a variable's register is safe: the
// register is written only by the expression's last instruction. Calls,
// composite
// literals (zeroed first, then filled) and && / || (the left value is
// stored before the right is evaluated) may read the variable after an
// earlier write.
bool safeDirect(Expr* e) {
  e = unparen(e);
  if (is<CompositeLit>(e)) return false;
  // A call puts its function in the destination when that is the top
  // register, before evaluating arguments that may read the variable.
  if (is<CallExpr>(e)) return false;
  if (auto* be = as<BinaryExpr>(e)) return be->op != Tok::LAnd && be->op != Tok::LOr;
  if (auto* ue = as<UnaryExpr>(e)) return ue->op != Tok::And;
  return true;
}

Tok opOfAssign(Tok t) {
  switch (t) {
    case Tok::AddAssign: return Tok::Add;
    case Tok::SubAssign: return Tok::Sub;
    case Tok::MulAssign: return Tok::Mul;
    case Tok::QuoAssign: return Tok::Quo;
    case Tok::RemAssign: return Tok::Rem;
    case Tok::AndAssign: return Tok::And;
    case Tok::OrAssign: return Tok::Or;
    case Tok::XorAssign: return Tok::Xor;
    case Tok::ShlAssign: return Tok::Shl;
    case Tok::ShrAssign: return Tok::Shr;
    case Tok::AndNotAssign: return Tok::AndNot;
    default: return Tok::Illegal;
  }
}

vm::BuiltinId builtinIdOf(Predeclared p, bool* ok) {
  *ok = true;
  switch (p) {
    case Predeclared::Copy: return vm::BuiltinId::Copy;
    case Predeclared::Delete: return vm::BuiltinId::Delete;
    case Predeclared::Min: return vm::BuiltinId::Min;
    case Predeclared::Max: return vm::BuiltinId::Max;
    case Predeclared::Clear: return vm::BuiltinId::Clear;
    case Predeclared::Complex: return vm::BuiltinId::Complex;
    case Predeclared::Real: return vm::BuiltinId::Real;
    case Predeclared::Imag: return vm::BuiltinId::Imag;
    case Predeclared::Print: return vm::BuiltinId::Print;
    case Predeclared::Println: return vm::BuiltinId::Println;
    case Predeclared::Close: return vm::BuiltinId::Close;
    case Predeclared::Panic: return vm::BuiltinId::Panic;
    case Predeclared::Recover: return vm::BuiltinId::Recover;
    case Predeclared::Len: return vm::BuiltinId::Len;
    case Predeclared::Cap: return vm::BuiltinId::Cap;
    case Predeclared::Append: return vm::BuiltinId::Append;
    default: *ok = false; return vm::BuiltinId::Print;
  }
}

}  // namespace

void Compiler::block(const std::vector<Stmt*>& list) {
  int level = fs_->freeReg;
  for (Stmt* s : list) stmt(s);
  freeTo(level);
}

void Compiler::stmt(Stmt* s) {
  setLine(s->pos);
  int level = fs_->freeReg;
  bool isLoopOrSwitch = s->kind == NodeKind::ForStmt || s->kind == NodeKind::RangeStmt ||
                        s->kind == NodeKind::SwitchStmt || s->kind == NodeKind::TypeSwitchStmt ||
                        s->kind == NodeKind::SelectStmt;
  if (!isLoopOrSwitch && s->kind != NodeKind::LabeledStmt) fs_->pendingLabel = nullptr;
  switch (s->kind) {
    case NodeKind::BlockStmt:
      block(static_cast<BlockStmt*>(s)->list);
      break;
    case NodeKind::ExprStmt: {
      Expr* x = unparen(static_cast<ExprStmt*>(s)->x);
      if (auto* ce = as<CallExpr>(x)) {
        int base = allocReg();
        callExpr(ce, base, 0);
      } else {
        expr(x);
      }
      break;
    }
    case NodeKind::DeclStmt:
      declStmt(static_cast<DeclStmt*>(s)->decl);
      return;  // keeps the declared variables' registers
    case NodeKind::AssignStmt: {
      auto* asg = static_cast<AssignStmt*>(s);
      if (asg->tok == Tok::Define) {
        defineStmt(asg);
        return;
      }
      if (asg->tok == Tok::Assign) {
        assignStmt(asg);
      } else {
        opAssign(asg);
      }
      break;
    }
    case NodeKind::IncDecStmt:
      incDec(static_cast<IncDecStmt*>(s));
      break;
    case NodeKind::IfStmt:
      ifStmt(static_cast<IfStmt*>(s));
      break;
    case NodeKind::ForStmt:
      forStmt(static_cast<ForStmt*>(s));
      break;
    case NodeKind::RangeStmt:
      rangeStmt(static_cast<RangeStmt*>(s));
      break;
    case NodeKind::SwitchStmt:
      switchStmt(static_cast<SwitchStmt*>(s));
      break;
    case NodeKind::TypeSwitchStmt:
      typeSwitchStmt(static_cast<TypeSwitchStmt*>(s));
      break;
    case NodeKind::ReturnStmt:
      emitReturn(static_cast<ReturnStmt*>(s));
      break;
    case NodeKind::BranchStmt:
      branchStmt(static_cast<BranchStmt*>(s));
      break;
    case NodeKind::LabeledStmt:
      labeledStmt(static_cast<LabeledStmt*>(s));
      return;
    case NodeKind::DeferStmt:
      deferStmt(static_cast<DeferStmt*>(s));
      break;
    case NodeKind::GoStmt:
      goStmt(static_cast<GoStmt*>(s));
      break;
    case NodeKind::SelectStmt:
      selectStmt(static_cast<SelectStmt*>(s));
      break;
    case NodeKind::SendStmt:
      sendStmt(static_cast<SendStmt*>(s));
      break;
    case NodeKind::EmptyStmt:
      break;
    default:
      error(s->pos, "unexpected statement");
      break;
  }
  freeTo(level);
}

// ---- Assignments -----------------------------------------------------------------------

void Compiler::multiValue(Expr* e, int base, int n, std::vector<const Type*>* types) {
  e = unparen(e);
  types->assign(n, nullptr);
  if (auto* ce = as<CallExpr>(e)) {
    std::vector<const Type*> rt = resultTypes(ce);
    for (int i = 0; i < n && i < static_cast<int>(rt.size()); i++) (*types)[i] = rt[i];
    callExpr(ce, base, n);
    freeTo(base + n);
    return;
  }
  if (n == 2) {
    if (auto* ie = as<IndexExpr>(e)) {
      Operand x = expr(ie->x);
      const Type* kt = x.type && x.type->kind == Kind::Map ? x.type->key : nullptr;
      Operand k = expr(ie->index, kt);
      setLine(ie->lbrack);
      emitABC(Op::MapGet2, base, x.reg, k.reg);
      (*types)[0] = x.type && x.type->kind == Kind::Map ? x.type->elem : nullptr;
      (*types)[1] = vm::types::boolType();
      freeTo(base + n);
      return;
    }
    if (auto* ta = as<TypeAssertExpr>(e)) {
      Operand x = expr(ta->x);
      const Type* t = resolveType(ta->type);
      if (t != nullptr) {
        setLine(ta->lparen);
        emitABC(Op::Assert2, base, x.reg, typeIndex(t));
      }
      (*types)[0] = t;
      (*types)[1] = vm::types::boolType();
      freeTo(base + n);
      return;
    }
    if (auto* ue = as<UnaryExpr>(e); ue && ue->op == Tok::Arrow) {
      Operand v = recvExpr(ue, base, true);
      (*types)[0] = v.type;
      (*types)[1] = vm::types::boolType();
      freeTo(base + n);
      return;
    }
  }
  error(e->pos, "assignment mismatch: " + std::to_string(n) + " variables but 1 value");
}

void Compiler::defineStmt(AssignStmt* asg) {
  int n = static_cast<int>(asg->lhs.size());
  int base = allocRegs(n);
  std::vector<const Type*> types(n, nullptr);
  if (static_cast<int>(asg->rhs.size()) == n) {
    std::vector<const Type*> wants(n, nullptr);
    for (int i = 0; i < n; i++) {
      if (auto* id = as<Ident>(asg->lhs[i]); id && id->obj) {
        auto it = vars_.find(id->obj);
        if (it != vars_.end()) wants[i] = it->second->type;
      }
    }
    std::vector<Operand> ops;
    evalList(asg->rhs, base, wants, &ops);
    for (int i = 0; i < n; i++) types[i] = ops[i].type;
  } else if (asg->rhs.size() == 1) {
    multiValue(asg->rhs[0], base, n, &types);
  } else {
    error(asg->tokPos, "assignment mismatch: " + std::to_string(n) + " variables but " +
                          std::to_string(asg->rhs.size()) + " values");
  }
  for (int i = 0; i < n; i++) {
    auto* id = as<Ident>(asg->lhs[i]);
    if (id == nullptr || id->obj == nullptr) continue;
    if (vars_.count(id->obj)) {
      storeVar(id->obj, base + i, true, types[i]);
      continue;
    }
    if (id->obj->func == nullptr) {
      // A top-level `x := …`: a package-level variable.
      VarInfo* vi = varInfo(id->obj);
      if (vi != nullptr) {
        storeVar(id->obj, base + i, true, types[i]);
        continue;
      }
    }
    VarInfo* vi = bindLocal(id->obj, base + i, types[i]);
    if (vi->where == VarInfo::Where::Cell) emitNewCell(base + i, base + i, vi->type);
  }
  freeTo(base + n);
}

Compiler::LValue Compiler::lvalue(Expr* e, bool snapshot) {
  e = unparen(e);
  LValue lv;
  auto operand = [&](Expr* x, const Type* want) {
    if (!snapshot) return expr(x, want);
    return exprTo(x, allocReg(), want);
  };
  if (auto* id = as<Ident>(e)) {
    if (id->obj == nullptr) {
      if (id->name != "_") error(id->pos, "undefined: " + std::string(id->name));
      return lv;
    }
    if (id->obj->kind != ObjKind::Var) {
      error(id->pos, "cannot assign to " + std::string(id->name));
      return lv;
    }
    lv.kind = LValue::Kind::Var;
    lv.var = id->obj;
    VarInfo* vi = varInfo(id->obj);
    lv.type = vi ? vi->type : nullptr;
    return lv;
  }
  if (auto* se = as<SelectorExpr>(e)) {
    const vm::NativeMember* m = nullptr;
    if (packageMember(se, &m)) {
      error(se->pos, "cannot assign to a package member");
      return lv;
    }
    Operand x = operand(se->x, nullptr);
    checkSelector(se, x.type);
    lv.kind = LValue::Kind::Field;
    lv.obj = x.reg;
    lv.site = siteIndex(se->sel->name, false);
    lv.type = fieldTypeOf(x.type, se->sel->name);
    return lv;
  }
  if (auto* ie = as<IndexExpr>(e)) {
    Operand x = operand(ie->x, nullptr);
    const Type* t = x.type;
    if (t && t->kind == Kind::Pointer && t->elem && t->elem->kind == Kind::Array) t = t->elem;
    // An unknown type (a native's result) may be a map: its key's type is
    // then only known at run time.
    const Type* kt = t == nullptr ? nullptr : t->kind == Kind::Map ? t->key : vm::types::intType();
    Operand k = operand(ie->index, kt);
    lv.kind = LValue::Kind::Index;
    lv.obj = x.reg;
    lv.key = k.reg;
    if (t && (t->kind == Kind::Map || t->kind == Kind::Slice || t->kind == Kind::Array)) lv.type = t->elem;
    if (t && t->kind == Kind::String) error(ie->pos, "cannot assign to string element (strings are immutable)");
    return lv;
  }
  if (auto* st = as<StarExpr>(e)) {
    Operand p = operand(st->x, nullptr);
    lv.kind = LValue::Kind::Deref;
    lv.obj = p.reg;
    lv.type = p.type && p.type->kind == Kind::Pointer ? p.type->elem : nullptr;
    return lv;
  }
  error(e->pos, "cannot assign to expression");
  return lv;
}

void Compiler::storeLValue(const LValue& lv, int src, bool fresh, const Type* srcType) {
  switch (lv.kind) {
    case LValue::Kind::Blank:
      break;
    case LValue::Kind::Var:
      storeVar(lv.var, src, fresh, srcType);
      break;
    case LValue::Kind::Field:
      emitABC(Op::SetField, lv.obj, src, lv.site);
      break;
    case LValue::Kind::Index:
      emitABC(Op::SetIndex, lv.obj, lv.key, src);
      break;
    case LValue::Kind::Deref:
      emitABC(Op::SetDeref, lv.obj, src, 0);
      break;
  }
}

Operand Compiler::loadLValue(const LValue& lv, int dst) {
  switch (lv.kind) {
    case LValue::Kind::Var:
      return loadVar(lv.var, dst);
    case LValue::Kind::Field:
      emitABC(Op::GetField, dst, lv.obj, lv.site);
      break;
    case LValue::Kind::Index:
      emitABC(Op::GetIndex, dst, lv.obj, lv.key);
      break;
    case LValue::Kind::Deref:
      emitABC(Op::Deref, dst, lv.obj, 0);
      break;
    case LValue::Kind::Blank:
      error(Pos{line_, 0, 0}, "cannot use _ as value");
      break;
  }
  return {dst, lv.type, false};
}

void Compiler::assignStmt(AssignStmt* asg) {
  size_t n = asg->lhs.size();
  if (n == 1 && asg->rhs.size() == 1) {
    Expr* l = unparen(asg->lhs[0]);
    Expr* r = asg->rhs[0];
    if (isBlank(l)) {
      expr(r);
      return;
    }
    if (auto* id = as<Ident>(l); id && id->obj && id->obj->kind == ObjKind::Var) {
      VarInfo* vi = varInfo(id->obj);
      if (vi && vi->where == VarInfo::Where::Register && vi->owner == fs_ && !maybeAggregate(vi->type) &&
          safeDirect(r)) {
        Operand op = exprTo(r, vi->index, vi->type);
        copyIfShared(op, vi->index);
        return;
      }
    }
    // gc evaluates the right side's calls before the operands of the
    // left side (`a[i] = f()` indexes with the i that f left).
    bool rhsFirst = hasCall(r) && !hasCall(l);
    Operand op;
    if (rhsFirst) op = exprTo(r, allocReg(), peekType(l));
    LValue lv = lvalue(l);
    if (!rhsFirst) op = expr(r, lv.type);
    if (needsRetag(op, lv.type)) {
      int t = allocReg();
      emitABC(Op::Conv, t, op.reg, typeIndex(lv.type));
      op = {t, lv.type, true};
    }
    setLine(asg->tokPos);
    storeLValue(lv, op.reg, op.fresh, op.type);
    return;
  }
  // The left side's index and pointer operands are evaluated before the
  // right side when they contain calls, else after the right side's calls
  // as gc does (`i, a[i] = f(), 0` indexes with the i that f left).
  bool lhsCalls = false;
  for (Expr* l : asg->lhs) lhsCalls = lhsCalls || hasCall(l);
  std::vector<LValue> lvs;
  if (lhsCalls) {
    for (Expr* l : asg->lhs) lvs.push_back(lvalue(l, true));
  }
  int base = allocRegs(static_cast<int>(n));
  std::vector<const Type*> types(n, nullptr);
  if (asg->rhs.size() == n) {
    std::vector<const Type*> wants;
    if (lhsCalls) {
      for (const LValue& lv : lvs) wants.push_back(lv.type);
    } else {
      for (Expr* l : asg->lhs) wants.push_back(isBlank(unparen(l)) ? nullptr : peekType(l));
    }
    std::vector<Operand> ops;
    evalList(asg->rhs, base, wants, &ops);
    for (size_t i = 0; i < n; i++) types[i] = ops[i].type;
  } else if (asg->rhs.size() == 1) {
    multiValue(asg->rhs[0], base, static_cast<int>(n), &types);
  } else {
    error(asg->tokPos, "assignment mismatch: " + std::to_string(n) + " variables but " +
                          std::to_string(asg->rhs.size()) + " values");
    return;
  }
  if (!lhsCalls) {
    for (Expr* l : asg->lhs) lvs.push_back(lvalue(l, true));
  }
  setLine(asg->tokPos);
  for (size_t i = 0; i < n; i++) storeLValue(lvs[i], base + static_cast<int>(i), true, types[i]);
}

Operand Compiler::arithWith(Tok op, int dst, Operand x, Expr* yExpr, const ConstValue* yConst,
                           const Operand* yDone) {
  Op rr = Op::Add, rk = Op::AddK;
  switch (op) {
    case Tok::Add: rr = Op::Add; rk = Op::AddK; break;
    case Tok::Sub: rr = Op::Sub; rk = Op::SubK; break;
    case Tok::Mul: rr = Op::Mul; rk = Op::MulK; break;
    case Tok::Quo: rr = Op::Div; rk = Op::DivK; break;
    case Tok::Rem: rr = Op::Rem; rk = Op::RemK; break;
    case Tok::And: rr = Op::BitAnd; rk = Op::BitAndK; break;
    case Tok::Or: rr = Op::BitOr; rk = Op::BitOrK; break;
    case Tok::Xor: rr = Op::BitXor; rk = Op::BitXorK; break;
    case Tok::AndNot: rr = Op::AndNot; rk = Op::AndNotK; break;
    case Tok::Shl: rr = Op::Shl; rk = Op::ShlK; break;
    case Tok::Shr: rr = Op::Shr; rk = Op::ShrK; break;
    default: error(Pos{line_, 0, 0}, "invalid operator"); return x;
  }
  ConstValue c;
  bool isConst = yConst != nullptr;
  if (yConst != nullptr) {
    c = *yConst;
  } else if (yDone == nullptr && constEval(yExpr, &c) && c.kind != ConstValue::Kind::Nil) {
    isConst = true;
  }
  if (isConst) {
    Value k;
    if (op == Tok::Shl || op == Tok::Shr) {
      ConstValue n;
      std::string err;
      if (!constConvert(c, vm::types::uintType(), &n, &err)) error(Pos{line_, 0, 0}, "invalid shift count");
      k = vm::makeInt(static_cast<int64_t>(n.i > 1000 ? 1000 : n.i));
    } else {
      const Type* t = x.type && vm::isBasicKind(x.type->kind) ? x.type : nullptr;
      if ((op == Tok::Quo || op == Tok::Rem) && t && vm::isIntegerKind(t->kind) &&
          ((c.kind == ConstValue::Kind::Int && c.i == 0) ||
           (c.kind == ConstValue::Kind::Float && c.f.isZero()))) {
        error(Pos{line_, 0, 0}, "invalid operation: division by zero");
      }
      k = toValue(c, t);
    }
    emitABC(rk, dst, x.reg, constIndex(k));
  } else {
    Operand y = yDone ? *yDone : expr(yExpr, (op == Tok::Shl || op == Tok::Shr) ? nullptr : x.type);
    emitABC(rr, dst, x.reg, y.reg);
  }
  return {dst, x.type, true};
}

void Compiler::opAssign(AssignStmt* asg) {
  if (asg->lhs.size() != 1 || asg->rhs.size() != 1) {
    error(asg->tokPos, "assignment operation " + std::string(lexer::tokenSpelling(asg->tok)) +
                          " requires single-valued expressions");
    return;
  }
  Tok op = opOfAssign(asg->tok);
  Expr* l = unparen(asg->lhs[0]);
  if (auto* id = as<Ident>(l); id && id->obj && id->obj->kind == ObjKind::Var) {
    VarInfo* vi = varInfo(id->obj);
    if (vi && vi->where == VarInfo::Where::Register && vi->owner == fs_) {
      setLine(asg->tokPos);
      arithWith(op, vi->index, {vi->index, vi->type, false}, asg->rhs[0], nullptr);
      return;
    }
  }
  // gc evaluates the right side's calls before the left side's operands
  // and its current value (`m[k] += f()` reads m[k] after f).
  Expr* r = asg->rhs[0];
  if (hasCall(r) && !hasCall(l)) {
    bool shift = op == Tok::Shl || op == Tok::Shr;
    Operand y = exprTo(r, allocReg(), shift ? nullptr : peekType(l));
    LValue lv = lvalue(l);
    int t = allocReg();
    Operand x = loadLValue(lv, t);
    setLine(asg->tokPos);
    arithWith(op, t, x, nullptr, nullptr, &y);
    storeLValue(lv, t, true, x.type);
    return;
  }
  LValue lv = lvalue(l);
  int t = allocReg();
  Operand x = loadLValue(lv, t);
  setLine(asg->tokPos);
  arithWith(op, t, x, r, nullptr);
  storeLValue(lv, t, true, x.type);
}

void Compiler::incDec(IncDecStmt* s) {
  Tok op = s->tok == Tok::Inc ? Tok::Add : Tok::Sub;
  ConstValue one = ConstValue::makeInt(1);
  Expr* l = unparen(s->x);
  setLine(s->tokPos);
  if (auto* id = as<Ident>(l); id && id->obj && id->obj->kind == ObjKind::Var) {
    VarInfo* vi = varInfo(id->obj);
    if (vi && vi->where == VarInfo::Where::Register && vi->owner == fs_) {
      arithWith(op, vi->index, {vi->index, vi->type, false}, nullptr, &one);
      return;
    }
  }
  LValue lv = lvalue(l);
  int t = allocReg();
  Operand x = loadLValue(lv, t);
  arithWith(op, t, x, nullptr, &one);
  storeLValue(lv, t, true, x.type);
}

// ---- Control flow -------------------------------------------------------------------------

void Compiler::ifStmt(IfStmt* s) {
  int level = fs_->freeReg;
  if (s->init) stmt(s->init);
  std::vector<int> falseJumps;
  condJump(s->cond, false, &falseJumps);
  block(s->body->list);
  if (s->els != nullptr) {
    int end = emitJump();
    patchToHere(falseJumps);
    stmt(s->els);
    patchJump(end, pc());
  } else {
    patchToHere(falseJumps);
  }
  freeTo(level);
}

namespace {

// The variables a for statement's init declares.
std::vector<Object*> loopVars(Stmt* init) {
  std::vector<Object*> out;
  auto* asg = as<AssignStmt>(init);
  if (asg == nullptr || asg->tok != Tok::Define) return out;
  for (Expr* l : asg->lhs) {
    if (auto* id = as<Ident>(l); id && id->obj) out.push_back(id->obj);
  }
  return out;
}

}  // namespace

void Compiler::forStmt(ForStmt* s) {
  int level = fs_->freeReg;
  Object* label = fs_->pendingLabel;
  fs_->pendingLabel = nullptr;
  if (s->init) stmt(s->init);
  std::vector<Object*> vars = loopVars(s->init);
  size_t bt = fs_->breakables.size();
  fs_->breakables.push_back(BreakTarget{label, true, false, -1, {}, {}});

  // The counting loop `for i := a; i < n; i++` with i and n in registers
  // uses ForLoop: increment, test and jump back in one instruction.
  VarInfo* iv = nullptr;
  int limit = -1;
  if (vars.size() == 1 && s->cond && s->post) {
    VarInfo* vi = varInfo(vars[0]);
    auto* cond = as<BinaryExpr>(unparen(s->cond));
    auto* post = as<IncDecStmt>(s->post);
    if (vi && vi->where == VarInfo::Where::Register && vi->owner == fs_ &&
        (vi->type == nullptr || vi->type == vm::types::intType()) && cond && cond->op == Tok::Lss && post &&
        post->tok == Tok::Inc) {
      auto* cx = as<Ident>(unparen(cond->x));
      auto* px = as<Ident>(unparen(post->x));
      if (cx && px && cx->obj == vars[0] && px->obj == vars[0]) {
        ConstValue c;
        if (constEval(cond->y, &c) && c.kind == ConstValue::Kind::Int && c.type == nullptr) {
          limit = allocReg();  // holds the constant for the whole loop
          loadValue(limit, toValue(c, vm::types::intType()));
          iv = vi;
        } else if (auto* cy = as<Ident>(unparen(cond->y)); cy && cy->obj && cy->obj->kind == ObjKind::Var) {
          VarInfo* ny = varInfo(cy->obj);
          if (ny && ny->where == VarInfo::Where::Register && ny->owner == fs_ &&
              (ny->type == nullptr || ny->type == vm::types::intType())) {
            limit = ny->index;
            iv = vi;
          }
        }
      }
    }
  }

  std::vector<int> exitJumps;
  if (iv != nullptr) {
    condJump(s->cond, false, &exitJumps);
    int top = pc();
    block(s->body->list);
    patchToHere(fs_->breakables[bt].continues);
    setLine(s->post->pos);
    int offset = top - (pc() + 1);
    if (offset >= -32768) {
      vm::Instr ins = vm::encodeABC(Op::ForLoop, iv->index, limit, 0);
      emit(vm::withSC(ins, offset));
    } else {
      stmt(s->post);
      std::vector<int> back;
      condJump(s->cond, true, &back);
      // A conditional jump is forward-only; hop to a Loop.
      int skip = emitJump();
      patchToHere(back);
      emitLoop(top);
      patchJump(skip, pc());
    }
  } else {
    int top = pc();
    if (s->cond) condJump(s->cond, false, &exitJumps);
    block(s->body->list);
    patchToHere(fs_->breakables[bt].continues);
    // Go 1.22: each iteration has its own variables; the next iteration's
    // copy is made before the post statement.
    for (Object* v : vars) {
      VarInfo* vi = varInfo(v);
      if (vi == nullptr || vi->owner != fs_) continue;
      if (vi->where == VarInfo::Where::Cell) {
        int t = allocReg();
        emitABC(Op::GetCell, t, vi->index, 0);
        emitNewCell(vi->index, t, vi->type);
        freeTo(t);
      } else if (v->addressTaken && maybeAggregate(vi->type)) {
        emitABC(Op::Copy, vi->index, vi->index, 0);
      }
    }
    if (s->post) stmt(s->post);
    emitLoop(top);
  }
  patchToHere(exitJumps);
  patchToHere(fs_->breakables[bt].breaks);
  fs_->breakables.pop_back();
  freeTo(level);
}

void Compiler::rangeStmt(RangeStmt* s) {
  int level = fs_->freeReg;
  Object* label = fs_->pendingLabel;
  fs_->pendingLabel = nullptr;
  Operand x = expr(s->x);
  const Type* t = x.type;
  if (t && t->kind == Kind::Pointer && t->elem && t->elem->kind == Kind::Array) t = t->elem;
  const Type* keyType = nullptr;
  const Type* valueType = nullptr;
  if (t != nullptr) {
    switch (t->kind) {
      case Kind::Slice:
      case Kind::Array:
        keyType = vm::types::intType();
        valueType = t->elem;
        break;
      case Kind::String:
        keyType = vm::types::intType();
        valueType = vm::types::runeType();
        break;
      case Kind::Map:
        keyType = t->key;
        valueType = t->elem;
        break;
      case Kind::Chan:
        keyType = t->elem;  // the one iteration variable is the received value
        break;
      case Kind::Func:
        // Range over an iterator function: the values are yield's arguments.
        if (!t->params.empty() && t->params[0] && t->params[0]->kind == Kind::Func) {
          const Type* yt = t->params[0];
          if (yt->params.size() > 0) keyType = yt->params[0];
          if (yt->params.size() > 1) valueType = yt->params[1];
        }
        break;
      default:
        if (vm::isIntegerKind(t->kind)) keyType = t;
        break;
    }
  }
  bool hasKey = s->key != nullptr;
  bool hasValue = s->value != nullptr && !isBlank(s->value);
  int nout = hasValue ? 2 : (hasKey && !isBlank(s->key) ? 1 : 0);
  int state = allocRegs(3);
  setLine(s->rangePos);
  emitABC(Op::RangePrep, state, x.reg, hasValue ? 1 : 0);
  int out = allocRegs(2);
  size_t bt = fs_->breakables.size();
  fs_->breakables.push_back(BreakTarget{label, true, true, -1, {}, {}});
  bool mayBeFunc = t == nullptr || t->kind == Kind::Func;
  if (mayBeFunc) fs_->breakables.back().rangeState = state;
  int top = pc();
  emitABC(Op::RangeNext, state, out, nout);
  int exitJump = emitJump();
  int bodyLevel = fs_->freeReg;
  if (s->tok == Tok::Define) {
    Expr* vars[2] = {s->key, s->value};
    const Type* types[2] = {keyType, valueType};
    for (int i = 0; i < 2; i++) {
      auto* id = as<Ident>(vars[i]);
      if (id == nullptr || id->obj == nullptr) continue;
      VarInfo* vi = bindLocal(id->obj, out + i, types[i]);
      if (vi->where == VarInfo::Where::Cell) emitNewCell(out + i, out + i, vi->type);
    }
  } else if (s->tok == Tok::Assign) {
    Expr* vars[2] = {s->key, s->value};
    for (int i = 0; i < 2; i++) {
      if (vars[i] == nullptr || isBlank(vars[i])) continue;
      LValue lv = lvalue(vars[i]);
      storeLValue(lv, out + i, true, i == 0 ? keyType : valueType);
      freeTo(bodyLevel);
    }
  }
  block(s->body->list);
  patchToHere(fs_->breakables[bt].continues);
  emitLoop(top);
  patchJump(exitJump, pc());
  patchToHere(fs_->breakables[bt].breaks);
  if (mayBeFunc) emitABC(Op::RangeClose, state, 0, 0);
  fs_->breakables.pop_back();
  freeTo(level);
}

void Compiler::closeRanges(int downTo) {
  auto& bts = fs_->breakables;
  for (int i = static_cast<int>(bts.size()) - 1; i > downTo; i--) {
    if (bts[i].rangeState >= 0) emitABC(Op::RangeClose, bts[i].rangeState, 0, 0);
  }
}

void Compiler::switchStmt(SwitchStmt* s) {
  int level = fs_->freeReg;
  Object* label = fs_->pendingLabel;
  fs_->pendingLabel = nullptr;
  if (s->init) stmt(s->init);
  int tag = -1;
  const Type* tagType = nullptr;
  if (s->tag != nullptr) {
    tag = allocReg();
    Operand op = exprTo(s->tag, tag);
    tagType = op.type;
  }
  size_t bt = fs_->breakables.size();
  fs_->breakables.push_back(BreakTarget{label, false, false, -1, {}, {}});
  std::vector<CaseClause*> clauses;
  for (Stmt* st : s->body->list) {
    if (auto* cc = as<CaseClause>(st)) clauses.push_back(cc);
  }
  std::vector<std::vector<int>> bodyJumps(clauses.size());
  int defaultIdx = -1;
  int testLevel = fs_->freeReg;
  for (size_t i = 0; i < clauses.size(); i++) {
    CaseClause* cc = clauses[i];
    if (cc->isDefault) {
      defaultIdx = static_cast<int>(i);
      continue;
    }
    for (Expr* e : cc->list) {
      setLine(e->pos);
      if (tag >= 0) {
        ConstValue c;
        if (constEval(e, &c)) {
          if (c.kind == ConstValue::Kind::Nil) {
            if (isInterfaceType(tagType)) {
              emitABC(Op::EqK, tag, constIndex(Value()), 1);
            } else {
              emitABC(Op::IsNil, tag, 0, 1);
            }
          } else if (isInterfaceType(tagType)) {
            int r = allocReg();
            loadValue(r, toValue(c, nullptr));
            emitABC(Op::Eq, tag, r, 1);
          } else {
            const Type* kt = tagType && vm::isBasicKind(tagType->kind) ? tagType : nullptr;
            emitABC(Op::EqK, tag, constIndex(toValue(c, kt)), 1);
          }
        } else {
          Operand o = expr(e, tagType);
          emitABC(Op::Eq, tag, o.reg, 1);
        }
        bodyJumps[i].push_back(emitJump());
      } else {
        condJump(e, true, &bodyJumps[i]);
      }
      freeTo(testLevel);
    }
  }
  int noMatch = emitJump();
  std::vector<int> endJumps;
  for (size_t i = 0; i < clauses.size(); i++) {
    CaseClause* cc = clauses[i];
    patchToHere(bodyJumps[i]);
    if (static_cast<int>(i) == defaultIdx) patchJump(noMatch, pc());
    block(cc->body);
    bool falls = false;
    if (!cc->body.empty()) {
      if (auto* br = as<BranchStmt>(cc->body.back()); br && br->tok == Tok::Fallthrough) falls = true;
    }
    if (!falls) endJumps.push_back(emitJump());
  }
  if (defaultIdx < 0) patchJump(noMatch, pc());
  patchToHere(endJumps);
  patchToHere(fs_->breakables[bt].breaks);
  fs_->breakables.pop_back();
  freeTo(level);
}

void Compiler::typeSwitchStmt(TypeSwitchStmt* s) {
  int level = fs_->freeReg;
  Object* label = fs_->pendingLabel;
  fs_->pendingLabel = nullptr;
  if (s->init) stmt(s->init);
  TypeAssertExpr* ta = nullptr;
  if (auto* asg = as<AssignStmt>(s->assign); asg && !asg->rhs.empty()) {
    ta = as<TypeAssertExpr>(unparen(asg->rhs[0]));
  } else if (auto* es = as<ExprStmt>(s->assign)) {
    ta = as<TypeAssertExpr>(unparen(es->x));
  }
  if (ta == nullptr) {
    error(s->pos, "invalid type switch guard");
    return;
  }
  int x = allocReg();
  Operand ox = exprTo(ta->x, x);
  size_t bt = fs_->breakables.size();
  fs_->breakables.push_back(BreakTarget{label, false, false, -1, {}, {}});
  std::vector<CaseClause*> clauses;
  for (Stmt* st : s->body->list) {
    if (auto* cc = as<CaseClause>(st)) clauses.push_back(cc);
  }
  std::vector<std::vector<int>> bodyJumps(clauses.size());
  std::vector<const Type*> clauseTypes(clauses.size(), nullptr);
  int defaultIdx = -1;
  for (size_t i = 0; i < clauses.size(); i++) {
    CaseClause* cc = clauses[i];
    if (cc->isDefault) {
      defaultIdx = static_cast<int>(i);
      continue;
    }
    for (Expr* e : cc->list) {
      setLine(e->pos);
      auto* id = as<Ident>(unparen(e));
      if (id && id->obj && id->obj->kind == ObjKind::Nil) {
        emitABC(Op::EqK, x, constIndex(Value()), 1);
      } else {
        const Type* t = resolveType(e);
        if (t == nullptr) continue;
        if (cc->list.size() == 1) clauseTypes[i] = t;
        emitABC(Op::TypeIs, x, typeIndex(t), 1);
      }
      bodyJumps[i].push_back(emitJump());
    }
  }
  int noMatch = emitJump();
  std::vector<int> endJumps;
  for (size_t i = 0; i < clauses.size(); i++) {
    CaseClause* cc = clauses[i];
    patchToHere(bodyJumps[i]);
    if (static_cast<int>(i) == defaultIdx) patchJump(noMatch, pc());
    int clauseLevel = fs_->freeReg;
    if (cc->implicitObj != nullptr) {
      const Type* t = clauseTypes[i] ? clauseTypes[i] : ox.type;
      VarInfo* vi = declareLocal(cc->implicitObj, t);
      bool copy = clauseTypes[i] != nullptr && maybeAggregate(clauseTypes[i]);
      emitABC(copy ? Op::Copy : Op::Move, vi->index, x, 0);
      if (vi->where == VarInfo::Where::Cell) emitNewCell(vi->index, vi->index, vi->type);
    }
    block(cc->body);
    freeTo(clauseLevel);
    endJumps.push_back(emitJump());
  }
  if (defaultIdx < 0) patchJump(noMatch, pc());
  patchToHere(endJumps);
  patchToHere(fs_->breakables[bt].breaks);
  fs_->breakables.pop_back();
  freeTo(level);
}

void Compiler::branchStmt(BranchStmt* s) {
  Object* label = s->label ? s->label->obj : nullptr;
  auto& bts = fs_->breakables;
  switch (s->tok) {
    case Tok::Break:
    case Tok::Continue: {
      bool isContinue = s->tok == Tok::Continue;
      for (size_t i = bts.size(); i-- > 0;) {
        BreakTarget& bt = bts[i];
        if (label != nullptr ? bt.label != label : (isContinue && !bt.isLoop)) continue;
        if (isContinue && !bt.isLoop) {
          error(s->pos, "invalid continue label " + std::string(s->label->name));
          return;
        }
        // Leaving inner range-over-func loops finishes their iterators
        // (a break of this very loop does it at the loop's exit).
        closeRanges(static_cast<int>(i));
        int j = emitJump();
        (isContinue ? bts[i].continues : bts[i].breaks).push_back(j);
        return;
      }
      error(s->pos, isContinue ? "continue is not in a loop" : "break is not in a loop, switch, or select");
      return;
    }
    case Tok::Goto: {
      auto it = fs_->labelPcs.find(label);
      if (it != fs_->labelPcs.end()) {
        emitLoop(it->second);
      } else {
        fs_->pendingGotos[label].push_back(emitJump());
      }
      return;
    }
    case Tok::Fallthrough:
      return;  // the switch lays clause bodies out in order
    default:
      return;
  }
}

void Compiler::labeledStmt(LabeledStmt* s) {
  Object* label = s->label ? s->label->obj : nullptr;
  if (label != nullptr) {
    fs_->labelPcs[label] = pc();
    auto it = fs_->pendingGotos.find(label);
    if (it != fs_->pendingGotos.end()) {
      patchToHere(it->second);
      it->second.clear();
    }
  }
  fs_->pendingLabel = label;
  stmt(s->stmt);
}

void Compiler::deferStmt(DeferStmt* s) {
  int level = fs_->freeReg;
  CallExpr* ce = s->call;
  Expr* fun = unparen(ce->fun);
  int base = allocReg();
  Predeclared b = builtinOf(fun);
  if (b != Predeclared::None) {
    bool ok;
    vm::BuiltinId id = builtinIdOf(b, &ok);
    if (!ok) {
      error(s->pos, "defer discards result of " + std::string(lexer::tokenSpelling(Tok::Ident)));
      return;
    }
    loadValue(base, vm::builtinFunctionValue(id));
    for (Expr* a : ce->args) exprToStored(a, allocReg(), nullptr);
    setLine(s->pos);
    emitABC(Op::Defer, base, static_cast<int>(ce->args.size()), ce->hasEllipsis ? 1 : 0);
    freeTo(level);
    return;
  }
  if (isTypeExpr(fun)) {
    error(s->pos, "defer requires function call, not conversion");
    return;
  }
  bool spread = false;
  const Type* sig = nullptr;
  int nargs = prepareCall(ce, base, &spread, &sig);
  setLine(s->pos);
  emitABC(Op::Defer, base, nargs, spread ? 1 : 0);
  freeTo(level);
}

// ---- Declarations ----------------------------------------------------------------------

void Compiler::declStmt(GenDecl* d) {
  for (Spec* sp : d->specs) {
    if (auto* vs = as<ValueSpec>(sp)) {
      if (d->tok == Tok::Var) {
        varSpec(vs, false);
      } else {
        for (Ident* n : vs->names) {
          if (n->obj) constOfObject(n->obj);
        }
      }
    } else if (auto* ts = as<TypeSpec>(sp)) {
      if (ts->name && ts->name->obj) resolveType(ts->name);
    }
  }
}

void Compiler::varSpec(ValueSpec* vs, bool global) {
  const Type* t = vs->type ? resolveType(vs->type) : nullptr;
  int n = static_cast<int>(vs->names.size());
  int base = allocRegs(n);
  std::vector<const Type*> types(n, t);
  setLine(vs->pos);
  if (vs->values.empty()) {
    for (int i = 0; i < n; i++) {
      if (t != nullptr) {
        emitABx(Op::LoadZero, base + i, typeIndex(t));
      } else {
        emitABC(Op::LoadNil, base + i, 0, 0);
      }
    }
  } else if (static_cast<int>(vs->values.size()) == n) {
    std::vector<Operand> ops;
    if (global || n == 1) {
      evalList(vs->values, base, std::vector<const Type*>(n, t), &ops);
    } else {
      // gc initialises `var a, b = x, f()` in a function one variable at a
      // time, in order (unlike `a, b := x, f()`, which reads x after f).
      for (int i = 0; i < n; i++) {
        ops.push_back(exprToStored(vs->values[i], base + i, t));
        freeTo(base + n);
      }
    }
    for (int i = 0; i < n; i++) {
      if (t == nullptr) types[i] = ops[i].type;
    }
  } else if (vs->values.size() == 1) {
    std::vector<const Type*> rt;
    multiValue(vs->values[0], base, n, &rt);
    if (t == nullptr) types = rt;
  } else {
    error(vs->pos, "assignment mismatch: " + std::to_string(n) + " variables but " +
                       std::to_string(vs->values.size()) + " values");
  }
  for (int i = 0; i < n; i++) {
    Object* obj = vs->names[i]->obj;
    if (obj == nullptr) continue;
    if (global) {
      storeVar(obj, base + i, true, types[i]);
      continue;
    }
    VarInfo* vi = bindLocal(obj, base + i, types[i]);
    if (vi->where == VarInfo::Where::Cell) emitNewCell(base + i, base + i, vi->type);
  }
  freeTo(global ? base : base + n);
}

}  // namespace gsl::compiler
