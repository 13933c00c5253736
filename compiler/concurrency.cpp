// compiler/concurrency.cpp: the go statement, channel send and receive, and
// select.
//
// Code shapes:
//
//   go f(x, y)        R[b] := f; R[b+1] := x; R[b+2] := y; Go b 2 0
//                     (method calls and closures are prepared exactly as for
//                     a call; builtins become their function values)
//   ch <- v           Send ch v          (v copied and converted first)
//   v := <-ch         Recv v ch 0
//   v, ok := <-ch     Recv v ch 1        (ok in the next register)
//
//   select {          R[o], R[o+1] := ch1, v1     (every operand once, in
//   case ch1 <- v1:   R[o+2] := ch2                 source order)
//     A               Select r o K["srd"]
//   case x := <-ch2:  Jmp case0 ; Jmp case1 ; Jmp default
//     B               case0: A ; Jmp end
//   default:          case1: x is R[r] ; B ; Jmp end
//     C               default: C
//   }                 end:
//
// A received value lands in R[r] and ok in R[r+1]; a case's `v, ok :=`
// variables are bound to those registers, and `v, ok =` stores from them.
#include "compiler/compiler_impl.h"

namespace gsl::compiler {

using namespace parser;
using vm::Kind;

namespace {

const Type* elemOfChan(const Type* t) { return t != nullptr && t->kind == Kind::Chan ? t->elem : nullptr; }

// The builtins a go statement may call (as an expression statement could)
// and their ids.
bool goBuiltin(Predeclared p, vm::BuiltinId* id) {
  switch (p) {
    case Predeclared::Close: *id = vm::BuiltinId::Close; return true;
    case Predeclared::Copy: *id = vm::BuiltinId::Copy; return true;
    case Predeclared::Delete: *id = vm::BuiltinId::Delete; return true;
    case Predeclared::Panic: *id = vm::BuiltinId::Panic; return true;
    case Predeclared::Print: *id = vm::BuiltinId::Print; return true;
    case Predeclared::Println: *id = vm::BuiltinId::Println; return true;
    case Predeclared::Recover: *id = vm::BuiltinId::Recover; return true;
    case Predeclared::Clear: *id = vm::BuiltinId::Clear; return true;
    default: return false;
  }
}

// The receive expression of a select case (`<-ch`, `v := <-ch`, ...), or null.
UnaryExpr* recvOf(Stmt* comm) {
  Expr* e = nullptr;
  if (auto* es = as<ExprStmt>(comm)) e = es->x;
  if (auto* asg = as<AssignStmt>(comm); asg && asg->rhs.size() == 1) e = asg->rhs[0];
  auto* ue = as<UnaryExpr>(unparen(e));
  return ue != nullptr && ue->op == Tok::Arrow ? ue : nullptr;
}

}  // namespace

void Compiler::goStmt(GoStmt* s) {
  int level = fs_->freeReg;
  CallExpr* ce = s->call;
  Expr* fun = unparen(ce->fun);
  int base = allocReg();
  Predeclared b = builtinOf(fun);
  if (b != Predeclared::None) {
    vm::BuiltinId id;
    if (!goBuiltin(b, &id)) {
      error(s->pos, "go discards result of " + std::string(as<Ident>(fun)->name) + "(...)");
      freeTo(level);
      return;
    }
    loadValue(base, vm::builtinFunctionValue(id));
    for (Expr* a : ce->args) exprToStored(a, allocReg(), nullptr);
    setLine(s->pos);
    emitABC(Op::Go, base, static_cast<int>(ce->args.size()), ce->hasEllipsis ? 1 : 0);
    freeTo(level);
    return;
  }
  if (isTypeExpr(fun)) {
    error(s->pos, "go requires function call, not conversion");
    freeTo(level);
    return;
  }
  bool spread = false;
  const Type* sig = nullptr;
  int nargs = prepareCall(ce, base, &spread, &sig);
  setLine(s->pos);
  emitABC(Op::Go, base, nargs, spread ? 1 : 0);
  freeTo(level);
}

void Compiler::sendStmt(SendStmt* s) {
  int level = fs_->freeReg;
  Operand c = expr(s->chan);
  int v = allocReg();
  exprToStored(s->value, v, elemOfChan(c.type));
  setLine(s->arrow);
  emitABC(Op::Send, c.reg, v, 0);
  freeTo(level);
}

Operand Compiler::recvExpr(UnaryExpr* ue, int dst, bool commaOk) {
  int level = fs_->freeReg;
  Operand c = expr(ue->x);
  setLine(ue->pos);
  emitABC(Op::Recv, dst, c.reg, commaOk ? 1 : 0);
  freeTo(level);
  return {dst, elemOfChan(c.type), true};
}

void Compiler::selectStmt(SelectStmt* s) {
  int level = fs_->freeReg;
  Object* label = fs_->pendingLabel;
  fs_->pendingLabel = nullptr;
  std::vector<CommClause*> cases;
  CommClause* def = nullptr;
  for (Stmt* st : s->body->list) {
    auto* cc = as<CommClause>(st);
    if (cc == nullptr) continue;
    if (cc->comm == nullptr) {
      def = cc;
    } else {
      cases.push_back(cc);
    }
  }
  int n = static_cast<int>(cases.size());
  int res = allocRegs(2);
  int ops = n > 0 ? allocRegs(2 * n) : res;
  std::string kinds;
  std::vector<const Type*> elemTypes(n, nullptr);
  for (int i = 0; i < n; i++) {
    Stmt* comm = cases[i]->comm;
    setLine(comm->pos);
    if (auto* send = as<SendStmt>(comm)) {
      Operand c = exprTo(send->chan, ops + 2 * i);
      exprToStored(send->value, ops + 2 * i + 1, elemOfChan(c.type));
      kinds += 's';
    } else if (UnaryExpr* ue = recvOf(comm)) {
      Operand c = exprTo(ue->x, ops + 2 * i);
      elemTypes[i] = elemOfChan(c.type);
      kinds += 'r';
    } else {
      error(comm->pos, "select case must be receive, send or assign recv");
      kinds += 'r';
    }
    freeTo(ops + 2 * n);
  }
  if (def != nullptr) kinds += 'd';
  setLine(s->pos);
  emitABC(Op::Select, res, ops, constIndex(vm::makeString(kinds)));
  std::vector<int> jumps;
  for (int i = 0; i <= n; i++) jumps.push_back(emitJump());

  size_t bt = fs_->breakables.size();
  fs_->breakables.push_back(BreakTarget{label, false, false, -1, {}, {}});
  int bodyLevel = fs_->freeReg;
  for (int i = 0; i < n; i++) {
    CommClause* cc = cases[i];
    patchJump(jumps[i], pc());
    if (auto* asg = as<AssignStmt>(cc->comm)) {
      const Type* types[2] = {elemTypes[i], vm::types::boolType()};
      for (size_t j = 0; j < asg->lhs.size() && j < 2; j++) {
        Expr* lhs = asg->lhs[j];
        if (asg->tok == Tok::Define) {
          auto* id = as<Ident>(lhs);
          if (id == nullptr || id->obj == nullptr || id->name == "_") continue;
          VarInfo* vi = bindLocal(id->obj, res + static_cast<int>(j), types[j]);
          if (vi->where == VarInfo::Where::Cell) emitNewCell(res + static_cast<int>(j), res + static_cast<int>(j), vi->type);
        } else {
          auto* id = as<Ident>(unparen(lhs));
          if (id != nullptr && id->name == "_") continue;
          LValue lv = lvalue(lhs);
          storeLValue(lv, res + static_cast<int>(j), true, types[j]);
          freeTo(bodyLevel);
        }
      }
    }
    block(cc->body);
    fs_->breakables[bt].breaks.push_back(emitJump());
    freeTo(bodyLevel);
  }
  patchJump(jumps[n], pc());
  if (def != nullptr) block(def->body);
  patchToHere(fs_->breakables[bt].breaks);
  fs_->breakables.pop_back();
  freeTo(level);
}

}  // namespace gsl::compiler
