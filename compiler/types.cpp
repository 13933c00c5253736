// compiler/types.cpp: type expressions to run-time types (vm/type.h), and
// the static type queries code generation uses.
#include <map>
#include <mutex>

#include "compiler/compiler_impl.h"
#include "lexer/literal.h"
#include "vm/call.h"

namespace gsl::compiler {

using namespace parser;
using vm::Kind;

namespace {

const Type* predeclaredType(Predeclared p) {
  using namespace vm::types;
  switch (p) {
    case Predeclared::Bool: return boolType();
    case Predeclared::Byte: return byteType();
    case Predeclared::Complex64: return complex64Type();
    case Predeclared::Complex128: return complex128Type();
    case Predeclared::Error: return errorType();
    case Predeclared::Float32: return float32Type();
    case Predeclared::Float64: return float64Type();
    case Predeclared::Int: return intType();
    case Predeclared::Int8: return int8Type();
    case Predeclared::Int16: return int16Type();
    case Predeclared::Int32: return int32Type();
    case Predeclared::Int64: return int64Type();
    case Predeclared::Rune: return runeType();
    case Predeclared::String: return stringType();
    case Predeclared::Uint: return uintType();
    case Predeclared::Uint8: return uint8Type();
    case Predeclared::Uint16: return uint16Type();
    case Predeclared::Uint32: return uint32Type();
    case Predeclared::Uint64: return uint64Type();
    case Predeclared::Uintptr: return uintptrType();
    case Predeclared::Any:
    case Predeclared::Comparable: return anyType();
    default: return nullptr;
  }
}

// The name an embedded field takes from its type expression.
std::string_view embeddedName(Expr* t) {
  t = unparen(t);
  if (auto* s = as<StarExpr>(t)) return embeddedName(s->x);
  if (auto* id = as<Ident>(t)) return id->name;
  if (auto* sel = as<SelectorExpr>(t)) return sel->sel->name;
  if (auto* ix = as<IndexExpr>(t)) return embeddedName(ix->x);
  if (auto* il = as<IndexListExpr>(t)) return embeddedName(il->x);
  return "?";
}

bool isExported(std::string_view name) { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }

}  // namespace

bool Compiler::isLocalTypeDecl(TypeSpec* ts) const {
  return ts->name && ts->name->obj && ts->name->obj->scope &&
         ts->name->obj->scope->kind != ScopeKind::Package;
}

void Compiler::declareLocalType(TypeSpec* ts) {
  Object* obj = ts->name ? ts->name->obj : nullptr;
  if (obj == nullptr) return;
  if (ts->isAlias()) {
    types_[obj] = resolveType(ts->type);
    return;
  }
  Type* named = vm::newNamed("main", "main", ts->name->name, nullptr);
  types_[obj] = named;
  const Type* u = resolveType(ts->type);
  vm::setUnderlying(named, u ? u : vm::types::anyType());
}

const Type* Compiler::resolveType(Expr* e) {
  e = unparen(e);
  if (e == nullptr) return nullptr;
  switch (e->kind) {
    case NodeKind::Ident: {
      auto* id = static_cast<Ident*>(e);
      Object* obj = id->obj;
      if (obj == nullptr) return nullptr;
      if (obj->kind != ObjKind::Type) {
        error(id->pos, std::string(id->name) + " is not a type");
        return nullptr;
      }
      if (obj->predeclared != Predeclared::None) return predeclaredType(obj->predeclared);
      auto it = types_.find(obj);
      if (it != types_.end()) return it->second;
      Node* decl = obj->decl;
      if (auto* ts = as<TypeSpec>(decl)) {
        if (ts->isAlias()) {
          types_[obj] = vm::types::anyType();  // cycle guard
          const Type* t = resolveType(ts->type);
          types_[obj] = t;
          return t;
        }
        if (options_ != nullptr) {
          auto known = options_->knownTypes.find(ts);
          if (known != options_->knownTypes.end()) {
            types_[obj] = known->second;
            if (session_ != nullptr) session_->types[ts] = known->second;
            return known->second;
          }
        }
        Type* named = vm::newNamed("main", "main", ts->name->name, nullptr);
        types_[obj] = named;
        if (session_ != nullptr) session_->types[ts] = named;
        const Type* u = resolveType(ts->type);
        vm::setUnderlying(named, u ? u : vm::types::anyType());
        return named;
      }
      if (auto* fd = as<Field>(decl)) {
        // A type parameter: values are dynamic. In a signature it is `any`
        // (arguments keep their own types). In a body, a constraint that lists
        // types (int | float64) gives its first type, so `var zero T` has a
        // zero of a plausible kind; otherwise `any`.
        if (typeParamsAsAny_ > 0) return typeParamAny();
        Expr* c = unparen(fd->type);
        while (c != nullptr) {
          if (auto* it2 = as<InterfaceType>(c)) {
            c = nullptr;
            for (Field* m : it2->methods.list) {
              if (m->names.empty()) {
                c = unparen(m->type);
                break;
              }
            }
            continue;
          }
          if (auto* be = as<BinaryExpr>(c)) {
            c = unparen(be->x);
            continue;
          }
          if (auto* ue = as<UnaryExpr>(c); ue && ue->op == Tok::Tilde) {
            c = unparen(ue->x);
            continue;
          }
          if (auto* cid = as<Ident>(c); cid && cid->obj && cid->obj->kind == ObjKind::Type) {
            // A named constraint (type Number interface{ ~int | ~float64 }).
            if (auto* cts = as<TypeSpec>(cid->obj->decl); cts && cts->type && is<InterfaceType>(unparen(cts->type))) {
              c = unparen(cts->type);
              continue;
            }
          }
          break;
        }
        if (c != nullptr) {
          if (auto* cid = as<Ident>(c); cid && cid->obj && cid->obj->kind == ObjKind::Type &&
                                        cid->obj->predeclared != Predeclared::None) {
            const Type* t = predeclaredType(cid->obj->predeclared);
            if (t && vm::isBasicKind(t->kind)) return t;
          }
        }
        return vm::types::anyType();
      }
      return vm::types::anyType();
    }
    case NodeKind::SelectorExpr: {
      auto* se = static_cast<SelectorExpr*>(e);
      const vm::NativeMember* m = nullptr;
      if (packageMember(se, &m)) {
        if (m && m->kind == vm::NativeMember::Kind::Type && m->type) return m->type();
        error(se->sel->pos, "undefined: " + std::string(static_cast<Ident*>(unparen(se->x))->name) + "." +
                                std::string(se->sel->name));
        return nullptr;
      }
      error(e->pos, "not a type");
      return nullptr;
    }
    case NodeKind::StarExpr: {
      const Type* t = resolveType(static_cast<StarExpr*>(e)->x);
      return t ? vm::pointerTo(t) : nullptr;
    }
    case NodeKind::Ellipsis: {
      const Type* t = resolveType(static_cast<Ellipsis*>(e)->elt);
      return t ? vm::sliceOf(t) : nullptr;
    }
    case NodeKind::ArrayType: {
      auto* at = static_cast<ArrayType*>(e);
      const Type* elem = resolveType(at->elt);
      if (elem == nullptr) return nullptr;
      if (at->len == nullptr) return vm::sliceOf(elem);
      if (is<Ellipsis>(at->len)) {
        error(at->len->pos, "invalid use of [...] array (outside a composite literal)");
        return nullptr;
      }
      ConstValue c;
      if (!constEval(at->len, &c)) {
        error(at->len->pos, "array length must be a constant");
        return nullptr;
      }
      ConstValue n;
      std::string err;
      if (!constConvert(c, vm::types::intType(), &n, &err) || n.i < 0) {
        error(at->len->pos, "invalid array length " + constString(c));
        return nullptr;
      }
      return vm::arrayOf(elem, static_cast<int64_t>(n.i));
    }
    case NodeKind::MapType: {
      auto* mt = static_cast<MapType*>(e);
      const Type* k = resolveType(mt->key);
      const Type* v = resolveType(mt->value);
      if (!k || !v) return nullptr;
      return vm::mapOf(k, v);
    }
    case NodeKind::ChanType: {
      auto* ct = static_cast<ChanType*>(e);
      const Type* v = resolveType(ct->value);
      if (!v) return nullptr;
      vm::ChanDir d = ct->dir == parser::ChanDir::Send   ? vm::ChanDir::Send
                      : ct->dir == parser::ChanDir::Recv ? vm::ChanDir::Recv
                                                         : vm::ChanDir::Both;
      return vm::chanOf(v, d);
    }
    case NodeKind::FuncType:
      return funcTypeOf(static_cast<FuncType*>(e));
    case NodeKind::StructType: {
      auto* st = static_cast<StructType*>(e);
      std::vector<vm::Field> fields;
      for (parser::Field* f : st->fields.list) {
        const Type* ft = resolveType(f->type);
        if (ft == nullptr) ft = vm::types::anyType();
        std::string tag;
        if (f->tag != nullptr) lexer::unquoteString(f->tag->value, &tag);
        if (f->names.empty()) {
          vm::Field vf;
          vf.name = vm::internName(embeddedName(f->type));
          vf.type = ft;
          vf.tag = vm::internName(tag);
          vf.embedded = true;
          vf.exported = isExported(vf.name);
          fields.push_back(vf);
        } else {
          if (ft->kind == Kind::Func) {
            for (Ident* n : f->names) funcFieldNames_.insert(std::string(n->name));
          }
          for (Ident* n : f->names) {
            vm::Field vf;
            vf.name = vm::internName(n->name);
            vf.type = ft;
            vf.tag = vm::internName(tag);
            vf.exported = isExported(vf.name);
            fields.push_back(vf);
          }
        }
      }
      return vm::structOf(fields);
    }
    case NodeKind::InterfaceType: {
      auto* it = static_cast<InterfaceType*>(e);
      std::vector<vm::IMethod> methods;
      for (parser::Field* f : it->methods.list) {
        if (!f->names.empty()) {
          vm::IMethod m;
          m.name = vm::internName(f->names[0]->name);
          m.sig = as<FuncType>(f->type) ? funcTypeOf(static_cast<FuncType*>(f->type)) : nullptr;
          methods.push_back(m);
          continue;
        }
        // An embedded interface adds its methods; a type-set element
        // (~int | string) only constrains type parameters: ignored.
        Expr* t = unparen(f->type);
        if (is<Ident>(t) || is<SelectorExpr>(t)) {
          const Type* et = resolveType(t);
          if (et && et->kind == Kind::Interface) {
            for (const vm::IMethod& m : et->imethods) methods.push_back(m);
          }
        }
      }
      return vm::interfaceOf(methods);
    }
    case NodeKind::IndexExpr: {
      auto* ie = static_cast<IndexExpr*>(e);
      return instantiate(ie->x, resolveType(ie->x), {ie->index});
    }
    case NodeKind::IndexListExpr: {
      auto* il = static_cast<IndexListExpr*>(e);
      return instantiate(il->x, resolveType(il->x), il->indices);
    }
    default:
      error(e->pos, "not a type");
      return nullptr;
  }
}

const Type* Compiler::instantiate(Expr* generic, const Type* base, const std::vector<Expr*>& args) {
  // The script's generic types are one type for every instantiation (type
  // parameters are dynamic). A native package's generic type (atomic.Pointer)
  // gets one named type per list of type arguments, named as Go prints it
  // ("atomic.Pointer[int]"), sharing the generic type's structure and native
  // methods, which work on any instantiation.
  auto* se = as<SelectorExpr>(unparen(generic));
  const vm::NativeMember* m = nullptr;
  if (base == nullptr || se == nullptr || !packageMember(se, &m) || base->kind != Kind::Struct) return base;
  std::string name = std::string(base->name) + "[";
  for (size_t i = 0; i < args.size(); i++) {
    const Type* t = resolveType(args[i]);
    if (t == nullptr) return base;
    if (i > 0) name += ",";
    name += vm::typeString(t);
  }
  name += "]";
  // Instantiations are shared by every compilation (a REPL session compiles
  // many), so that the same instantiation is always the same type.
  static std::mutex mu;
  static std::map<std::pair<const Type*, std::string>, const Type*> cache;
  std::lock_guard<std::mutex> lock(mu);
  const Type*& inst = cache[{base, name}];
  if (inst == nullptr) {
    Type* t = vm::newNamed(base->pkg, base->pkgPath, vm::internName(name), base->underlying);
    for (const vm::Method& meth : base->methods()) vm::addMethod(t, meth.name, meth.fn, meth.ptrRecv);
    inst = t;
  }
  return inst;
}

bool Compiler::isTypeExpr(Expr* e) {
  e = unparen(e);
  if (e == nullptr) return false;
  switch (e->kind) {
    case NodeKind::Ident: {
      Object* obj = static_cast<Ident*>(e)->obj;
      return obj != nullptr && obj->kind == ObjKind::Type;
    }
    case NodeKind::SelectorExpr: {
      const vm::NativeMember* m = nullptr;
      return packageMember(static_cast<SelectorExpr*>(e), &m) && m &&
             m->kind == vm::NativeMember::Kind::Type;
    }
    case NodeKind::StarExpr:
      return isTypeExpr(static_cast<StarExpr*>(e)->x);
    case NodeKind::ArrayType:
    case NodeKind::StructType:
    case NodeKind::FuncType:
    case NodeKind::InterfaceType:
    case NodeKind::MapType:
    case NodeKind::ChanType:
      return true;
    case NodeKind::IndexExpr:
      return isTypeExpr(static_cast<IndexExpr*>(e)->x);
    case NodeKind::IndexListExpr:
      return isTypeExpr(static_cast<IndexListExpr*>(e)->x);
    default:
      return false;
  }
}

const Type* typeParamAny() {
  static const Type* t = vm::newNamed("", "", "any", vm::types::anyType());
  return t;
}

const Type* Compiler::funcTypeOf(FuncType* ft) {
  struct AnyGuard {
    int& n;
    explicit AnyGuard(int& c) : n(c) { n++; }
    ~AnyGuard() { n--; }
  } guard(typeParamsAsAny_);
  std::vector<const Type*> params, results;
  for (parser::Field* f : ft->params.list) {
    const Type* t = resolveType(f->type);
    if (t == nullptr) t = vm::types::anyType();
    size_t n = f->names.empty() ? 1 : f->names.size();
    for (size_t i = 0; i < n; i++) params.push_back(t);
  }
  for (parser::Field* f : ft->results.list) {
    const Type* t = resolveType(f->type);
    if (t == nullptr) t = vm::types::anyType();
    size_t n = f->names.empty() ? 1 : f->names.size();
    for (size_t i = 0; i < n; i++) results.push_back(t);
  }
  return vm::funcOf(params, results, ft->variadic);
}

bool Compiler::hasPointerMethods(const Type* t) {
  if (t == nullptr || !t->isNamed()) return false;
  for (const vm::Method& m : t->methods()) {
    if (m.ptrRecv) return true;
  }
  return false;
}

const Type* Compiler::fieldTypeOf(const Type* t, std::string_view name) {
  if (t == nullptr) return nullptr;
  if (t->kind == Kind::Pointer) t = t->elem;
  if (t == nullptr || t->kind != Kind::Struct) return nullptr;
  std::vector<int> path;
  const Type* ft = nullptr;
  if (!vm::lookupFieldPath(t, name, &path, &ft)) return nullptr;
  return ft;
}

const Type* Compiler::methodTypeOf(const Type* recv, std::string_view name, bool* ptrRecv) {
  if (recv == nullptr) return nullptr;
  if (recv->kind == Kind::Interface) {
    for (const vm::IMethod& m : recv->imethods) {
      if (m.name == name) {
        if (ptrRecv) *ptrRecv = false;
        return m.sig;
      }
    }
    return nullptr;
  }
  vm::MethodLookup ml = vm::lookupMethod(recv, name);
  if (ml.method == nullptr) return nullptr;
  if (ptrRecv) *ptrRecv = ml.method->ptrRecv && ml.path.empty();
  Value fn = ml.method->fn;
  if (!fn.isObject()) return nullptr;
  const Type* sig = fn.asObject()->type;
  if (sig == nullptr || sig->kind != Kind::Func || sig->params.empty()) return nullptr;
  std::vector<const Type*> params(sig->params.begin() + 1, sig->params.end());
  std::vector<const Type*> results(sig->results.begin(), sig->results.end());
  return vm::funcOf(params, results, sig->variadic);
}

}  // namespace gsl::compiler
