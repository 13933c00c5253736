// compiler/constfold.cpp: evaluation of constant expressions (The Go
// Programming Language Specification, "Constant expressions").
#include "compiler/compiler_impl.h"
#include "vm/object.h"

namespace gsl::compiler {

using namespace parser;
using vm::Kind;

namespace {

// A native package constant as a compile-time constant. Values of a
// default type (int, float64, string, bool) stand for Go's untyped
// constants (math.Pi, math.MaxInt64); others keep their type
// (time.Second is a time.Duration).
bool constFromValue(Value v, ConstValue* out) {
  const Type* t = vm::typeOf(v);
  if (t == nullptr) return false;
  bool untyped = t == vm::types::intType() || t == vm::types::float64Type() ||
                 t == vm::types::stringType() || t == vm::types::boolType();
  const Type* ct = untyped ? nullptr : t;
  Kind k = t->kind;
  if (vm::isIntegerKind(k)) {
    if (vm::isUnsignedKind(k)) {
      *out = ConstValue::makeInt(static_cast<Int128>(vm::toUint64(v)), ct);
    } else {
      *out = ConstValue::makeInt(vm::toInt64(v), ct);
    }
    return true;
  }
  if (vm::isFloatKind(k)) {
    *out = ConstValue::makeFloat(Rat::fromDouble(vm::toDouble(v)), ct);
    return true;
  }
  if (k == Kind::String) {
    *out = ConstValue::makeString(std::string(vm::stringView(v)), ct);
    return true;
  }
  if (k == Kind::Bool) {
    *out = ConstValue::makeBool(vm::toBool(v), ct);
    return true;
  }
  return false;
}

bool containsCallOrReceive(Node* n) {
  if (n == nullptr) return false;
  if (n->kind == NodeKind::CallExpr) {
    // Conversions and len/cap themselves do not count.
    return true;
  }
  if (auto* ue = as<UnaryExpr>(n); ue && ue->op == Tok::Arrow) return true;
  bool found = false;
  forEachChild(n, [&](Node* c) {
    if (!found && containsCallOrReceive(c)) found = true;
  });
  return found;
}

}  // namespace

ConstValue* Compiler::constOfObject(Object* obj) {
  auto it = consts_.find(obj);
  if (it != consts_.end()) return &it->second;
  if (obj->predeclared == Predeclared::True || obj->predeclared == Predeclared::False) {
    consts_[obj] = ConstValue::makeBool(obj->predeclared == Predeclared::True);
    return &consts_[obj];
  }
  auto* spec = as<ValueSpec>(obj->decl);
  if (spec == nullptr) return nullptr;
  if (!constsInProgress_.insert(obj).second) {
    error(obj->pos, "initialization cycle or invalid recursive constant " + std::string(obj->name));
    return nullptr;
  }
  size_t idx = 0;
  for (; idx < spec->names.size(); idx++) {
    if (spec->names[idx]->obj == obj) break;
  }
  ValueSpec* src = spec->source ? spec->source : spec;
  ConstValue result;
  bool ok = false;
  if (idx < src->values.size()) {
    int savedIota = iota_;
    int32_t savedLine = line_;
    iota_ = spec->iota;
    ConstValue c;
    if (constEval(src->values[idx], &c)) {
      if (src->type != nullptr) {
        const Type* t = resolveType(src->type);
        std::string err;
        if (t && constConvert(c, t, &result, &err)) {
          ok = true;
        } else if (t) {
          error(src->values[idx]->pos, err);
        }
      } else {
        result = c;
        ok = true;
      }
    } else {
      error(src->values[idx]->pos, "missing init expr for const declaration or not constant");
    }
    iota_ = savedIota;
    line_ = savedLine;
  } else {
    error(obj->pos, "missing init expr for const declaration");
  }
  constsInProgress_.erase(obj);
  if (!ok) return nullptr;
  consts_[obj] = result;
  return &consts_[obj];
}

bool Compiler::isConstExpr(Expr* e) {
  ConstValue c;
  return constEval(e, &c);
}

bool Compiler::constEval(Expr* e, ConstValue* out) {
  e = unparen(e);
  if (e == nullptr) return false;
  switch (e->kind) {
    case NodeKind::BasicLit: {
      auto* bl = static_cast<BasicLit*>(e);
      if (!constFromLiteral(bl->value, static_cast<int>(bl->litKind), out)) {
        error(bl->pos, "invalid literal " + std::string(bl->value));
        return false;
      }
      return true;
    }
    case NodeKind::Ident: {
      Object* obj = static_cast<Ident*>(e)->obj;
      if (obj == nullptr) return false;
      if (obj->kind == ObjKind::Nil) {
        out->kind = ConstValue::Kind::Nil;
        out->type = nullptr;
        return true;
      }
      if (obj->kind != ObjKind::Const) return false;
      if (obj->predeclared == Predeclared::Iota) {
        if (iota_ < 0) {
          error(e->pos, "cannot use iota outside constant declaration");
          return false;
        }
        *out = ConstValue::makeInt(iota_);
        return true;
      }
      ConstValue* c = constOfObject(obj);
      if (c == nullptr) return false;
      *out = *c;
      return true;
    }
    case NodeKind::SelectorExpr: {
      const vm::NativeMember* m = nullptr;
      if (!packageMember(static_cast<SelectorExpr*>(e), &m) || m == nullptr) return false;
      if (m->kind != vm::NativeMember::Kind::Const || m->make == nullptr) return false;
      return constFromValue(m->make(), out);
    }
    case NodeKind::UnaryExpr: {
      auto* ue = static_cast<UnaryExpr*>(e);
      if (ue->op == Tok::And || ue->op == Tok::Arrow) return false;
      ConstValue x;
      if (!constEval(ue->x, &x)) return false;
      std::string err;
      if (!constUnary(ue->op, x, out, &err)) {
        error(ue->pos, err);
        return false;
      }
      return true;
    }
    case NodeKind::BinaryExpr: {
      auto* be = static_cast<BinaryExpr*>(e);
      ConstValue x, y;
      if (!constEval(be->x, &x)) return false;
      if (!constEval(be->y, &y)) return false;
      if (x.kind == ConstValue::Kind::Nil || y.kind == ConstValue::Kind::Nil) return false;
      std::string err;
      switch (be->op) {
        case Tok::Eql:
        case Tok::Neq:
        case Tok::Lss:
        case Tok::Leq:
        case Tok::Gtr:
        case Tok::Geq: {
          bool r;
          if (!constCompare(be->op, x, y, &r, &err)) {
            error(be->opPos, err);
            return false;
          }
          *out = ConstValue::makeBool(r);
          return true;
        }
        default:
          if (!constBinary(be->op, x, y, out, &err)) {
            error(be->opPos, err);
            return false;
          }
          return true;
      }
    }
    case NodeKind::CallExpr: {
      auto* ce = static_cast<CallExpr*>(e);
      Expr* fun = unparen(ce->fun);
      if (isTypeExpr(fun)) {
        if (ce->args.size() != 1) return false;
        const Type* t = resolveType(fun);
        if (t == nullptr || !vm::isBasicKind(t->kind)) return false;
        ConstValue x;
        if (!constEval(ce->args[0], &x)) return false;
        if (x.kind == ConstValue::Kind::Nil) return false;
        std::string err;
        if (!constConvert(x, t, out, &err)) {
          error(ce->args[0]->pos, err);
          return false;
        }
        return true;
      }
      Predeclared b = builtinOf(fun);
      switch (b) {
        case Predeclared::Len:
        case Predeclared::Cap: {
          if (ce->args.size() != 1) return false;
          Expr* a = unparen(ce->args[0]);
          ConstValue x;
          if (b == Predeclared::Len && constEval(a, &x) && x.kind == ConstValue::Kind::String) {
            *out = ConstValue::makeInt(static_cast<Int128>(x.s.size()));
            return true;
          }
          // len/cap of an array (or pointer to array) is constant when the
          // operand contains no function calls or channel receives.
          if (containsCallOrReceive(a)) return false;
          const Type* t = peekType(a);
          if (t && t->kind == Kind::Pointer) t = t->elem;
          if (t && t->kind == Kind::Array) {
            *out = ConstValue::makeInt(t->len);
            return true;
          }
          return false;
        }
        case Predeclared::Min:
        case Predeclared::Max: {
          if (ce->args.empty()) return false;
          ConstValue best;
          ConstValue zero = ConstValue::makeInt(0);  // raised to the most general kind seen
          for (size_t i = 0; i < ce->args.size(); i++) {
            ConstValue x;
            if (!constEval(ce->args[i], &x)) return false;
            std::string err;
            if (x.type == nullptr && x.kind == ConstValue::Kind::Float) {
              zero = ConstValue::makeFloat(Rat::fromInt(0));
            }
            if (i == 0) {
              best = x;
              continue;
            }
            bool take;
            if (!constCompare(b == Predeclared::Min ? Tok::Lss : Tok::Gtr, x, best, &take, &err)) {
              error(ce->args[i]->pos, err);
              return false;
            }
            if (take) best = x;
          }
          if (best.type == nullptr && best.kind == ConstValue::Kind::Int &&
              zero.kind == ConstValue::Kind::Float) {
            std::string err;
            constBinary(Tok::Add, best, zero, &best, &err);
          }
          *out = best;
          return true;
        }
        case Predeclared::Real:
        case Predeclared::Imag: {
          if (ce->args.size() != 1) return false;
          ConstValue x;
          if (!constEval(ce->args[0], &x)) return false;
          if (x.kind == ConstValue::Kind::Complex) {
            *out = ConstValue::makeFloat(b == Predeclared::Real ? x.f : x.im);
            return true;
          }
          if (x.kind == ConstValue::Kind::Int || x.kind == ConstValue::Kind::Float) {
            *out = ConstValue::makeFloat(b == Predeclared::Real
                                             ? (x.kind == ConstValue::Kind::Int ? Rat::fromInt(x.i) : x.f)
                                             : Rat::fromInt(0));
            return true;
          }
          return false;
        }
        case Predeclared::Complex: {
          if (ce->args.size() != 2) return false;
          ConstValue re, im;
          if (!constEval(ce->args[0], &re) || !constEval(ce->args[1], &im)) return false;
          auto asRat = [](const ConstValue& c) {
            return c.kind == ConstValue::Kind::Int ? Rat::fromInt(c.i) : c.f;
          };
          ConstValue r;
          r.kind = ConstValue::Kind::Complex;
          r.f = asRat(re);
          r.im = asRat(im);
          *out = r;
          return true;
        }
        default:
          return false;
      }
    }
    default:
      return false;
  }
}

}  // namespace gsl::compiler
