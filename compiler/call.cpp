// compiler/call.cpp: calls, method calls, builtins and conversions.
#include "compiler/compiler_impl.h"
#include "vm/call.h"

namespace gsl::compiler {

using namespace parser;
using vm::Kind;

Predeclared Compiler::builtinOf(Expr* fun) {
  auto* id = as<Ident>(unparen(fun));
  if (id == nullptr || id->obj == nullptr || id->obj->kind != ObjKind::Builtin) return Predeclared::None;
  return id->obj->predeclared;
}

Value Compiler::nativeValue(std::string_view pkgName, const vm::NativeMember* m) {
  auto it = nativeValues_.find(m);
  if (it != nativeValues_.end()) return it->second;
  Value v;
  switch (m->kind) {
    case vm::NativeMember::Kind::Func: {
      std::string full = std::string(pkgName) + "." + std::string(m->name);
      v = Value::object(vm::makeNative(vm::internName(full), m->fn));
      break;
    }
    case vm::NativeMember::Kind::Const:
    case vm::NativeMember::Kind::Var:
      v = m->make ? m->make() : Value();
      break;
    case vm::NativeMember::Kind::Type:
      break;
  }
  nativeValues_[m] = v;
  return v;
}

bool Compiler::isMethodName(std::string_view name) {
  return methodNames_.count(std::string(name)) > 0;
}

bool Compiler::isOrdered(Node* n) {
  if (auto* ce = as<CallExpr>(n)) {
    Expr* fun = unparen(ce->fun);
    if (isTypeExpr(fun)) {
      // gc orders []byte(s) and []rune(s) like calls; other conversions
      // are read with the plain operands.
      const Type* to = resolveType(fun);
      const Type* from = ce->args.size() == 1 ? peekType(ce->args[0]) : nullptr;
      return to && to->kind == Kind::Slice && from && from->kind == Kind::String;
    }
    switch (builtinOf(fun)) {
      case Predeclared::Min: case Predeclared::Max:
        return false;
      case Predeclared::Len: case Predeclared::Cap: case Predeclared::Real: case Predeclared::Imag:
      case Predeclared::Complex:
        // gc evaluates these in order with the calls (len(c) before a
        // later <-c); only their constant forms are plain.
        return !isConstExpr(ce);
      default:
        return true;
    }
  }
  if (auto* ue = as<UnaryExpr>(n); ue && ue->op == Tok::Arrow) return true;
  // gc also evaluates in order && and || (a temporary and a branch),
  // slicing and assertions to types that are not pointer-shaped.
  if (auto* be = as<BinaryExpr>(n); be && (be->op == Tok::LAnd || be->op == Tok::LOr)) return !isConstExpr(be);
  if (is<SliceExpr>(n)) return true;
  // A map literal with entries that are not constants becomes one store
  // per entry, each ordered on its own.
  if (auto* cl = as<CompositeLit>(n); cl && cl->type && !is<ArrayType>(unparen(cl->type))) {
    const Type* t = resolveType(cl->type);
    if (t == nullptr || t->kind != Kind::Map) return false;
    for (Expr* el : cl->elts) {
      auto* kv = as<KeyValueExpr>(el);
      if (kv == nullptr || !isConstExpr(kv->key) || !isConstExpr(kv->value)) return true;
    }
    return false;
  }
  if (auto* ta = as<TypeAssertExpr>(n); ta && ta->type) {
    const Type* t = resolveType(ta->type);
    return t == nullptr || !(t->kind == Kind::Pointer || t->kind == Kind::Map || t->kind == Kind::Chan ||
                             t->kind == Kind::Func || t->kind == Kind::UnsafePointer);
  }
  return false;
}

bool Compiler::hasCall(Node* n) {
  if (n == nullptr || n->kind == NodeKind::FuncLit) return false;
  if (isOrdered(n)) return true;
  return hasCallInside(n);
}

bool Compiler::hasCallInside(Node* n) {
  bool found = false;
  forEachChild(n, [&](Node* c) {
    if (!found && hasCall(c)) found = true;
  });
  return found;
}

void Compiler::orderedParts(Node* n, std::vector<Expr*>* out) {
  if (n == nullptr || n->kind == NodeKind::FuncLit) return;
  if (isOrdered(n)) {
    out->push_back(static_cast<Expr*>(n));
    return;
  }
  forEachChild(n, [&](Node* c) { orderedParts(c, out); });
}

// Whether gc copies operand e into a temporary, in order with the calls,
// when it is converted to the interface type of its parameter: values whose
// interface data word is made from their address (every type but 2-, 4- and
// 8-byte scalars, strings and slices), unless e is a package variable.
static bool orderedConversion(Compiler& c, Expr* e, const Type* want) {
  if (!isInterfaceType(want)) return false;
  Expr* u = unparen(e);
  if (auto* id = as<Ident>(u); id && id->obj && id->obj->kind == ObjKind::Var) {
    VarInfo* vi = c.varInfo(id->obj);
    if (vi == nullptr || vi->owner == nullptr) return false;
  }
  // Addressable operands (fields, elements, indirections) are not copied.
  if (is<StarExpr>(u)) return false;
  if (auto* ie = as<IndexExpr>(u)) {
    const Type* xt = c.peekType(ie->x);
    if (xt && (xt->kind == Kind::Slice || xt->kind == Kind::Array || xt->kind == Kind::Pointer)) return false;
  }
  if (auto* se = as<SelectorExpr>(u)) {
    const vm::NativeMember* m = nullptr;
    if (!c.packageMember(se, &m) && c.fieldTypeOf(c.peekType(se->x), se->sel->name) != nullptr) return false;
  }
  if (c.isConstExpr(u)) return false;
  const Type* t = c.peekType(u);
  if (t == nullptr) return false;
  switch (t->kind) {
    case Kind::Bool: case Kind::Int8: case Kind::Uint8: case Kind::Complex128: case Kind::Struct:
    case Kind::Array: case Kind::Pointer: case Kind::Map: case Kind::Chan: case Kind::Func:
      return true;
    default:
      return false;
  }
}

void Compiler::evalList(const std::vector<Expr*>& exprs, int base, const std::vector<const Type*>& wants,
                        std::vector<Operand>* out) {
  size_t n = exprs.size();
  out->assign(n, Operand{});
  int top = base + static_cast<int>(n);
  std::vector<bool> calls(n);
  bool anyCall = false, anyPlain = false;
  bool anyArgs = anyArgs_;
  anyArgs_ = false;
  for (size_t i = 0; i < n; i++) {
    const Type* w = i < wants.size() ? wants[i] : nullptr;
    if (w == nullptr && anyArgs) w = vm::types::anyType();
    calls[i] = hasCall(exprs[i]) || orderedConversion(*this, exprs[i], w);
    (calls[i] ? anyCall : anyPlain) = true;
  }
  if (!anyCall) {
    for (size_t i = 0; i < n; i++) {
      const Type* w = i < wants.size() ? wants[i] : nullptr;
      (*out)[i] = exprToStored(exprs[i], base + static_cast<int>(i), w);
      freeTo(top);
    }
    return;
  }
  // First, in order, the operands that are themselves calls (receives, ...)
  // and the calls inside the other call-containing operands (into
  // temporaries that those operands' compilation picks up: `x + len(s)`
  // reads x after every call of the list); then the rest.
  // (Only an operand whose plain parts another operand's calls may change
  // needs the split.)
  int callCount = 0;
  for (size_t i = 0; i < n; i++) callCount += calls[i] ? 1 : 0;
  std::vector<bool> done(n);
  std::vector<Expr*> parts;
  int keep = top;  // registers below are live: the operands and the temporaries
  for (size_t i = 0; i < n; i++) {
    if (!calls[i]) continue;
    Expr* e = unparen(exprs[i]);
    const Type* w = i < wants.size() ? wants[i] : nullptr;
    if (isOrdered(e) || !hasCall(e) || callCount < 2) {
      (*out)[i] = exprToStored(exprs[i], base + static_cast<int>(i), w);
      done[i] = true;
      freeTo(keep);
      continue;
    }
    size_t from = parts.size();
    orderedParts(e, &parts);
    for (size_t j = from; j < parts.size(); j++) {
      Expr* p = parts[j];
      int r = allocReg();
      preEvaluated_[p] = exprTo(p, r, nullptr);
      keep = r + 1;
      freeTo(keep);
    }
  }
  for (size_t i = 0; i < n; i++) {
    if (done[i]) continue;
    const Type* w = i < wants.size() ? wants[i] : nullptr;
    (*out)[i] = exprToStored(exprs[i], base + static_cast<int>(i), w);
    freeTo(keep);
  }
  // Every part was taken by its operand's compilation; none may linger.
  for (Expr* p : parts) preEvaluated_.erase(p);
  freeTo(top);
}

int Compiler::resultCount(CallExpr* ce) {
  std::vector<const Type*> r = resultTypes(ce);
  if (!r.empty()) return static_cast<int>(r.size());
  Expr* fun = unparen(ce->fun);
  if (isTypeExpr(fun)) return 1;
  switch (builtinOf(fun)) {
    case Predeclared::None: break;
    case Predeclared::Len: case Predeclared::Cap: case Predeclared::Append: case Predeclared::Make:
    case Predeclared::New: case Predeclared::Recover: case Predeclared::Copy: case Predeclared::Min:
    case Predeclared::Max: case Predeclared::Complex: case Predeclared::Real: case Predeclared::Imag:
      return 1;
    default:
      return 0;
  }
  const Type* ft = peekType(fun);
  if (ft != nullptr && ft->kind == Kind::Func) return static_cast<int>(ft->results.size());
  if (auto* se = as<SelectorExpr>(fun)) {
    const vm::NativeMember* m = nullptr;
    if (packageMember(se, &m)) return -1;
    const Type* rt = peekType(se->x);
    const Type* mt = methodTypeOf(rt, se->sel->name, nullptr);
    if (mt != nullptr) return static_cast<int>(mt->results.size());
  }
  return -1;
}

std::vector<const Type*> Compiler::resultTypes(CallExpr* ce) {
  Expr* fun = unparen(ce->fun);
  const Type* ft = nullptr;
  if (auto* se = as<SelectorExpr>(fun)) {
    const vm::NativeMember* m = nullptr;
    if (packageMember(se, &m)) {
      if (m && m->kind == vm::NativeMember::Kind::Func) {
        auto* pkgId = static_cast<Ident*>(unparen(se->x));
        Value v = nativeValue(pkgId->name, m);
        const Type* t = vm::typeOf(v);
        if (t && t->kind == Kind::Func && !t->results.empty()) ft = t;
      }
    } else if (!isTypeExpr(se->x)) {
      const Type* rt = peekType(se->x);
      ft = fieldTypeOf(rt, se->sel->name);
      if (ft == nullptr) ft = methodTypeOf(rt, se->sel->name, nullptr);
    }
  } else if (!isTypeExpr(fun) && builtinOf(fun) == Predeclared::None) {
    ft = peekType(fun);
  }
  if (ft == nullptr || ft->kind != Kind::Func) return {};
  return std::vector<const Type*>(ft->results.begin(), ft->results.end());
}

int Compiler::prepareCall(CallExpr* ce, int base, bool* spread, const Type** sigOut) {
  freeTo(base + 1);
  Expr* fun = unparen(ce->fun);
  const Type* sig = nullptr;
  int nargs = 0;
  bool handled = false;
  if (auto* se = as<SelectorExpr>(fun)) {
    const vm::NativeMember* m = nullptr;
    if (!packageMember(se, &m) && !isTypeExpr(se->x)) {
      handled = true;
      Operand x = expr(se->x);
      std::string_view name = se->sel->name;
      checkSelector(se, x.type);
      const Type* ft = fieldTypeOf(x.type, name);
      setLine(se->sel->pos);
      // With the receiver's type unknown, a name that only ever names a
      // function-valued struct field is a field call; anything else is a
      // method call (resolved on the dynamic type at run time).
      bool fieldCall = ft != nullptr;
      if (!fieldCall && x.type == nullptr && funcFieldNames_.count(std::string(name)) && !isMethodName(name)) {
        fieldCall = true;
      }
      if (fieldCall) {
        // A call of a function-valued field.
        emitABC(Op::GetField, base, x.reg, siteIndex(name, false));
        sig = ft;
        freeTo(base + 1);
      } else {
        bool ptrRecv = false;
        sig = methodTypeOf(x.type, name, &ptrRecv);
        int recv = x.reg;
        if (ptrRecv && x.type && x.type->kind != Kind::Pointer && !maybeAggregate(x.type)) {
          // Go's implicit &x for a pointer method on an addressable value.
          recv = allocReg();
          addressOf(se->x, recv);
        }
        emitABC(Op::Method, base, recv, siteIndex(name, true));
        freeTo(base + 2);
        nargs = 1;
      }
    }
  }
  if (!handled) {
    Operand f = exprTo(fun, base);
    sig = f.type;
    freeTo(base + 1);
  }
  if (sig != nullptr && sig->kind != Kind::Func) sig = nullptr;
  *sigOut = sig;
  size_t np = sig ? sig->params.size() : 0;
  bool variadic = sig && sig->variadic;
  *spread = ce->hasEllipsis;
  if (ce->args.size() == 1 && !ce->hasEllipsis) {
    if (auto* inner = as<CallExpr>(unparen(ce->args[0]))) {
      int rc = resultCount(inner);
      if (rc > 1 || (rc < 0 && (np > 1 || variadic || sig == nullptr))) {
        // f(g()) with g multi-valued: g's results become the arguments.
        int r = allocReg();
        callExpr(inner, r, vm::kMulti);
        return vm::kMulti;
      }
    }
  }
  std::vector<const Type*> wants(ce->args.size(), nullptr);
  for (size_t i = 0; i < ce->args.size(); i++) {
    if (sig != nullptr && np > 0) {
      if (variadic && i >= np - 1) {
        wants[i] = ce->hasEllipsis ? sig->params[np - 1] : sig->params[np - 1]->elem;
      } else if (i < np) {
        wants[i] = sig->params[i];
      }
    }
  }
  int first = allocRegs(static_cast<int>(ce->args.size()));
  std::vector<Operand> ops;
  // fmt's printing functions take ...any: their arguments are converted
  // to interfaces, which decides gc's evaluation order (orderedConversion).
  bool saved = anyArgs_;
  anyArgs_ = false;
  if (auto* se = as<SelectorExpr>(fun); se && (sig == nullptr || sig->params.empty())) {
    const vm::NativeMember* m = nullptr;
    auto* pkg = as<Ident>(unparen(se->x));
    auto it = pkg && pkg->obj ? packages_.find(pkg->obj) : packages_.end();
    if (it != packages_.end() && it->second && it->second->path == "fmt" && packageMember(se, &m)) {
      std::string_view n = se->sel->name;
      anyArgs_ = n.find("rint") != std::string_view::npos || n == "Errorf";
    }
  }
  evalList(ce->args, first, wants, &ops);
  anyArgs_ = saved;
  nargs += static_cast<int>(ce->args.size());
  return nargs;
}

Operand Compiler::callExpr(CallExpr* ce, int base, int nresults) {
  Expr* fun = unparen(ce->fun);
  if (isTypeExpr(fun)) {
    freeTo(base + 1);
    return conversion(ce, resolveType(fun), base);
  }
  Predeclared b = builtinOf(fun);
  if (b != Predeclared::None) {
    freeTo(base + 1);
    return builtinCall(ce, b, base, nresults);
  }
  bool spread = false;
  const Type* sig = nullptr;
  int nargs = prepareCall(ce, base, &spread, &sig);
  setLine(ce->lparen);
  emitABC(spread ? Op::CallSpread : Op::Call, base, nargs, nresults);
  freeTo(base + 1);
  const Type* rt = sig && !sig->results.empty() ? sig->results[0] : nullptr;
  return {base, rt, true};
}

Operand Compiler::callToReg(CallExpr* ce, int dst) {
  Expr* fun = unparen(ce->fun);
  if (isTypeExpr(fun)) return conversion(ce, resolveType(fun), dst);
  Predeclared b = builtinOf(fun);
  if (b != Predeclared::None) return builtinCall(ce, b, dst, 1);
  int level = fs_->freeReg;
  int base = (dst == level - 1) ? dst : allocReg();
  Operand r = callExpr(ce, base, 1);
  if (base != dst) emitABC(Op::Move, dst, base, 0);
  freeTo(level);
  return {dst, r.type, true};
}

Operand Compiler::conversion(CallExpr* ce, const Type* t, int dst) {
  int level = fs_->freeReg;
  if (ce->args.size() != 1) {
    error(ce->lparen, "wrong argument count in conversion to " + (t ? vm::typeString(t) : std::string("type")));
    return {dst, t, true};
  }
  if (t == nullptr) return {dst, nullptr, true};
  if (t->kind == Kind::Interface) {
    Operand x = exprToStored(ce->args[0], dst, t);
    (void)x;
    return {dst, t, true};
  }
  Operand x = expr(ce->args[0], vm::isBasicKind(t->kind) ? nullptr : t);
  setLine(ce->lparen);
  emitABC(Op::Conv, dst, x.reg, typeIndex(t));
  freeTo(level);
  return {dst, t, true};
}

Operand Compiler::builtinCall(CallExpr* ce, Predeclared which, int dst, int nresults) {
  (void)nresults;
  int level = fs_->freeReg;
  auto& args = ce->args;
  auto need = [&](size_t n) {
    if (args.size() < n) {
      error(ce->rparen, "not enough arguments in call to builtin");
      return false;
    }
    return true;
  };
  Operand result{dst, nullptr, true};
  switch (which) {
    case Predeclared::Len:
    case Predeclared::Cap: {
      if (!need(1)) break;
      Operand x = expr(args[0]);
      setLine(ce->lparen);
      emitABC(which == Predeclared::Len ? Op::Len : Op::Cap, dst, x.reg, 0);
      result.type = vm::types::intType();
      break;
    }
    case Predeclared::Append: {
      if (!need(1)) break;
      int s = allocReg();
      Operand so = exprTo(args[0], s);
      const Type* elem = so.type && so.type->kind == Kind::Slice ? so.type->elem : nullptr;
      if (ce->hasEllipsis && args.size() == 2) {
        int t = allocReg();
        exprTo(args[1], t);
        setLine(ce->lparen);
        emitABC(Op::AppendSpread, s, t, 0);
      } else {
        for (size_t i = 1; i < args.size(); i++) {
          int r = allocReg();
          exprToStored(args[i], r, elem);
        }
        setLine(ce->lparen);
        emitABC(Op::Append, s, static_cast<int>(args.size() - 1), 0);
      }
      if (s != dst) emitABC(Op::Move, dst, s, 0);
      result.type = so.type;
      break;
    }
    case Predeclared::Make: {
      if (!need(1)) break;
      const Type* t = resolveType(args[0]);
      if (t == nullptr) break;
      setLine(ce->lparen);
      if (t->kind == Kind::Slice) {
        if (!need(2)) break;
        int r = allocRegs(2);
        exprTo(args[1], r, vm::types::intType());
        if (args.size() > 2) {
          exprTo(args[2], r + 1, vm::types::intType());
        } else {
          emitABC(Op::LoadNil, r + 1, 0, 0);
        }
        emitABC(Op::MakeSlice, dst, typeIndex(t), r);
      } else if (t->kind == Kind::Map) {
        int r = allocReg();
        if (args.size() > 1) {
          exprTo(args[1], r, vm::types::intType());
        } else {
          emitABC(Op::LoadNil, r, 0, 0);
        }
        emitABC(Op::MakeMap, dst, typeIndex(t), r);
      } else if (t->kind == Kind::Chan) {
        int r = allocReg();
        if (args.size() > 1) {
          exprTo(args[1], r, vm::types::intType());
        } else {
          emitABC(Op::LoadNil, r, 0, 0);
        }
        emitABC(Op::MakeChan, dst, typeIndex(t), r);
      } else {
        error(args[0]->pos, "invalid argument: cannot make " + vm::typeString(t));
      }
      result.type = t;
      break;
    }
    case Predeclared::New: {
      if (!need(1)) break;
      const Type* t = resolveType(args[0]);
      if (t == nullptr) break;
      emitABx(Op::New, dst, typeIndex(t));
      result.type = vm::pointerTo(t);
      break;
    }
    case Predeclared::Panic: {
      if (!need(1)) break;
      int r = allocReg();
      exprToStored(args[0], r, vm::types::anyType());
      setLine(ce->lparen);
      emitABC(Op::Panic, r, 0, 0);
      break;
    }
    case Predeclared::Recover:
      emitABC(Op::Recover, dst, 0, 0);
      result.type = vm::types::anyType();
      break;
    case Predeclared::Close:
    case Predeclared::Print:
    case Predeclared::Println:
    case Predeclared::Copy:
    case Predeclared::Delete:
    case Predeclared::Min:
    case Predeclared::Max:
    case Predeclared::Clear:
    case Predeclared::Complex:
    case Predeclared::Real:
    case Predeclared::Imag: {
      vm::BuiltinId id = vm::BuiltinId::Print;
      switch (which) {
        case Predeclared::Print: id = vm::BuiltinId::Print; break;
        case Predeclared::Println: id = vm::BuiltinId::Println; break;
        case Predeclared::Close: id = vm::BuiltinId::Close; break;
        case Predeclared::Copy: id = vm::BuiltinId::Copy; result.type = vm::types::intType(); break;
        case Predeclared::Delete: id = vm::BuiltinId::Delete; break;
        case Predeclared::Min: id = vm::BuiltinId::Min; break;
        case Predeclared::Max: id = vm::BuiltinId::Max; break;
        case Predeclared::Clear: id = vm::BuiltinId::Clear; break;
        case Predeclared::Complex: id = vm::BuiltinId::Complex; result.type = vm::types::complex128Type(); break;
        case Predeclared::Real: id = vm::BuiltinId::Real; result.type = vm::types::float64Type(); break;
        case Predeclared::Imag: id = vm::BuiltinId::Imag; result.type = vm::types::float64Type(); break;
        default: break;
      }
      // Constants among min/max/complex arguments take the type of the
      // first non-constant argument.
      const Type* want = nullptr;
      if (which == Predeclared::Min || which == Predeclared::Max || which == Predeclared::Complex) {
        for (Expr* a : args) {
          if (!isConstExpr(a)) {
            want = peekType(a);
            break;
          }
        }
      }
      int base = allocRegs(static_cast<int>(args.size()));
      for (size_t i = 0; i < args.size(); i++) {
        const Type* w = want;
        if (which == Predeclared::Delete && i == 1) {
          const Type* mt = peekType(args[0]);
          w = mt && mt->kind == Kind::Map ? mt->key : nullptr;
        }
        Operand o = exprTo(args[i], base + static_cast<int>(i), w);
        if ((which == Predeclared::Min || which == Predeclared::Max) && result.type == nullptr) {
          result.type = o.type;
        }
      }
      setLine(ce->lparen);
      emitABC(Op::Builtin, base, static_cast<int>(args.size()), static_cast<int>(id));
      if (base != dst) emitABC(Op::Move, dst, base, 0);
      break;
    }
    default:
      error(ce->pos, "unsupported builtin");
      break;
  }
  freeTo(level);
  return result;
}

}  // namespace gsl::compiler
