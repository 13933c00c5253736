// compiler/program.cpp: the package level: imports, types, functions and
// methods, package variables and their initialization order, and the entry
// function that runs the program (compiler/compiler.h).
#include <algorithm>
#include <functional>

#include "compiler/compiler_impl.h"

namespace gsl::compiler {

using namespace parser;
using vm::Kind;

namespace {

// The named type a method's receiver type expression names, and whether
// the receiver is a pointer.
Ident* receiverTypeName(Expr* t, bool* ptr) {
  t = unparen(t);
  *ptr = false;
  if (auto* s = as<StarExpr>(t)) {
    *ptr = true;
    t = unparen(s->x);
  }
  if (auto* ix = as<IndexExpr>(t)) t = unparen(ix->x);
  if (auto* il = as<IndexListExpr>(t)) t = unparen(il->x);
  return as<Ident>(t);
}

}  // namespace

VarInfo* Compiler::varInfo(Object* obj) {
  auto it = vars_.find(obj);
  return it == vars_.end() ? nullptr : it->second;
}

Value Compiler::functionValue(Object* fn) {
  auto it = funcValues_.find(fn);
  return it == funcValues_.end() ? Value() : it->second;
}

void Compiler::declareImports() {
  for (File* f : prog_.files()) {
    for (ImportSpec* spec : f->imports) {
      const vm::NativePackage* pkg = vm::findPackage(spec->pathValue);
      if (pkg == nullptr) {
        error(spec->path ? spec->path->pos : spec->pos,
              "package " + std::string(spec->pathValue) + " is not in std");
        continue;
      }
      if (spec->obj != nullptr) packages_[spec->obj] = pkg;
      if (spec->name && spec->name->name == ".") {
        error(spec->pos, "dot imports are not supported");
      }
    }
  }
}

void Compiler::declareTypes() {
  for (File* f : prog_.files()) {
    for (Decl* d : f->decls) {
      auto* gd = as<GenDecl>(d);
      if (gd == nullptr || gd->tok != Tok::Type) continue;
      for (Spec* sp : gd->specs) {
        auto* ts = as<TypeSpec>(sp);
        if (ts && ts->name && ts->name->obj) resolveType(ts->name);
      }
    }
  }
}

void Compiler::declareFunctions() {
  for (File* f : prog_.files()) {
    for (Decl* d : f->decls) {
      auto* fd = as<FuncDecl>(d);
      if (fd == nullptr) continue;
      vm::Proto* proto = vm::newProto();
      declProtos_[fd] = proto;
      if (fd->recv == nullptr || fd->recv->list.empty()) {
        std::string_view name = fd->name->name;
        if (name == "init" && fd->type->params.list.empty() && fd->type->results.list.empty()) {
          initFuncs_.push_back(fd);
          continue;
        }
        if (name == "main") mainFunc_ = fd;
        const Type* sig = funcTypeOf(fd->type);
        proto->sig = sig;
        vm::FuncObj* fo = vm::makeClosure(sig, proto, 0);
        if (fd->name->obj != nullptr) {
          funcValues_[fd->name->obj] = Value::object(fo);
          funcProtos_[fd->name->obj] = proto;
          funcSigs_[fd->name->obj] = sig;
        }
        continue;
      }
      bool ptr = false;
      Ident* tn = receiverTypeName(fd->recv->list[0]->type, &ptr);
      const Type* base = tn ? resolveType(tn) : nullptr;
      if (base == nullptr || !base->isNamed() || base->pkg != "main") {
        error(fd->recv->list[0]->type->pos, "invalid receiver type");
        continue;
      }
      const Type* recvType = ptr ? vm::pointerTo(base) : base;
      const Type* msig = funcTypeOf(fd->type);
      std::vector<const Type*> ps{recvType};
      ps.insert(ps.end(), msig->params.begin(), msig->params.end());
      std::vector<const Type*> rs(msig->results.begin(), msig->results.end());
      const Type* sig = vm::funcOf(ps, rs, msig->variadic);
      proto->sig = sig;
      vm::FuncObj* fo = vm::makeClosure(sig, proto, 0);
      vm::addMethod(const_cast<Type*>(base), vm::internName(fd->name->name), Value::object(fo), ptr);
      methods_.push_back({fd, base});
      methodNames_.insert(std::string(fd->name->name));
    }
  }
}

namespace {

const Type* knownType(Compiler& c, Expr* type) { return type ? c.resolveType(type) : nullptr; }

}  // namespace

void Compiler::declareGlobals() {
  auto declare = [&](Object* obj, const Type* t) {
    if (obj == nullptr || vars_.count(obj)) return;
    VarInfo& vi = varInfos_.emplace_back();
    vi.owner = nullptr;
    vi.type = t;
    vi.index = static_cast<int>(numGlobals_++);
    bool aggregate = t != nullptr && (t->kind == Kind::Struct || t->kind == Kind::Array);
    bool later = options_ != nullptr && options_->globalsInCells;  // a session's later inputs may take &v
    bool cell = !aggregate && (obj->addressTaken || hasPointerMethods(t) || later);
    vi.where = cell ? VarInfo::Where::GlobalCell : VarInfo::Where::Global;
    vars_[obj] = &vi;
  };
  for (File* f : prog_.files()) {
    for (Decl* d : f->decls) {
      auto* gd = as<GenDecl>(d);
      if (gd == nullptr || gd->tok != Tok::Var) continue;
      for (Spec* sp : gd->specs) {
        auto* vs = as<ValueSpec>(sp);
        if (vs == nullptr) continue;
        const Type* t = knownType(*this, vs->type);
        for (size_t i = 0; i < vs->names.size(); i++) {
          const Type* vt = t;
          if (vt == nullptr && vs->values.size() == vs->names.size()) vt = peekType(vs->values[i]);
          declare(vs->names[i]->obj, vt);
        }
      }
    }
    // Top-level `x := …` statements declare package-level variables.
    for (Stmt* s : f->stmts) {
      auto* asg = as<AssignStmt>(s);
      if (asg == nullptr || asg->tok != Tok::Define) continue;
      for (size_t i = 0; i < asg->lhs.size(); i++) {
        auto* id = as<Ident>(asg->lhs[i]);
        if (id == nullptr || id->obj == nullptr || id->obj->func != nullptr) continue;
        const Type* vt = asg->rhs.size() == asg->lhs.size() ? peekType(asg->rhs[i]) : nullptr;
        if (vt == nullptr && asg->rhs.size() == 1 && asg->lhs.size() > 1) {
          if (auto* ce = as<CallExpr>(unparen(asg->rhs[0]))) {
            std::vector<const Type*> rt = resultTypes(ce);
            if (i < rt.size()) vt = rt[i];
          }
        }
        declare(id->obj, vt);
      }
    }
  }
}

std::vector<ValueSpec*> Compiler::varInitOrder() {
  std::vector<ValueSpec*> specs;
  for (File* f : prog_.files()) {
    for (Decl* d : f->decls) {
      auto* gd = as<GenDecl>(d);
      if (gd == nullptr || gd->tok != Tok::Var) continue;
      for (Spec* sp : gd->specs) {
        if (auto* vs = as<ValueSpec>(sp)) specs.push_back(vs);
      }
    }
  }
  // Package-level objects each function body refers to (Go's "references"
  // include those reached through called functions and methods).
  std::unordered_map<std::string, std::vector<FuncDecl*>> methodsByName;
  std::unordered_map<Object*, FuncDecl*> funcDecls;
  for (File* f : prog_.files()) {
    for (Decl* d : f->decls) {
      auto* fd = as<FuncDecl>(d);
      if (fd == nullptr) continue;
      if (fd->recv != nullptr && !fd->recv->list.empty()) {
        methodsByName[std::string(fd->name->name)].push_back(fd);
      } else if (fd->name->obj != nullptr) {
        funcDecls[fd->name->obj] = fd;
      }
    }
  }
  std::unordered_map<Node*, std::vector<Object*>> memo;
  std::function<void(Node*, std::unordered_set<Node*>&, std::unordered_set<Object*>&)> collect;
  collect = [&](Node* n, std::unordered_set<Node*>& seenFuncs, std::unordered_set<Object*>& out) {
    if (n == nullptr) return;
    if (auto* id = as<Ident>(n)) {
      Object* obj = id->obj;
      if (obj == nullptr) return;
      if (obj->kind == ObjKind::Var && obj->func == nullptr && vars_.count(obj)) out.insert(obj);
      if (obj->kind == ObjKind::Func) {
        auto it = funcDecls.find(obj);
        if (it != funcDecls.end() && seenFuncs.insert(it->second).second) {
          collect(it->second->body, seenFuncs, out);
        }
      }
      return;
    }
    if (auto* se = as<SelectorExpr>(n)) {
      auto it = methodsByName.find(std::string(se->sel->name));
      if (it != methodsByName.end()) {
        for (FuncDecl* fd : it->second) {
          if (seenFuncs.insert(fd).second) collect(fd->body, seenFuncs, out);
        }
      }
    }
    forEachChild(n, [&](Node* c) { collect(c, seenFuncs, out); });
  };
  std::vector<std::unordered_set<Object*>> deps(specs.size());
  for (size_t i = 0; i < specs.size(); i++) {
    std::unordered_set<Node*> seen;
    for (Expr* v : specs[i]->values) collect(v, seen, deps[i]);
    for (Ident* n : specs[i]->names) {
      if (n->obj) deps[i].erase(n->obj);
    }
  }
  std::unordered_set<Object*> initialized;
  std::vector<ValueSpec*> order;
  std::vector<bool> done(specs.size(), false);
  for (size_t round = 0; round < specs.size(); round++) {
    size_t pick = specs.size();
    for (size_t i = 0; i < specs.size() && pick == specs.size(); i++) {
      if (done[i]) continue;
      bool ready = true;
      for (Object* o : deps[i]) {
        // A dependency declared by a spec without initializer is ready.
        if (!initialized.count(o)) {
          bool hasInit = false;
          for (size_t j = 0; j < specs.size(); j++) {
            if (done[j]) continue;
            for (Ident* n : specs[j]->names) {
              if (n->obj == o && !specs[j]->values.empty()) hasInit = true;
            }
          }
          if (hasInit) ready = false;
        }
      }
      if (ready) pick = i;
    }
    if (pick == specs.size()) {
      for (size_t i = 0; i < specs.size(); i++) {
        if (!done[i]) {
          error(specs[i]->pos, "initialization cycle");
          pick = i;
          break;
        }
      }
    }
    done[pick] = true;
    for (Ident* n : specs[pick]->names) {
      if (n->obj) initialized.insert(n->obj);
    }
    order.push_back(specs[pick]);
  }
  return order;
}

void Compiler::compileFunctions() {
  for (File* f : prog_.files()) {
    // Each function's traceback and caller positions name its own file.
    filename_ = f->filename;
    for (Decl* d : f->decls) {
      auto* fd = as<FuncDecl>(d);
      if (fd == nullptr) continue;
      auto pit = declProtos_.find(fd);
      if (pit == declProtos_.end()) continue;
      if (fd->body == nullptr) {
        error(fd->name->pos, "missing function body");
        continue;
      }
      std::string name;
      const Type* recvType = nullptr;
      if (fd->recv != nullptr && !fd->recv->list.empty()) {
        bool ptr = false;
        Ident* tn = receiverTypeName(fd->recv->list[0]->type, &ptr);
        const Type* base = tn ? resolveType(tn) : nullptr;
        if (base == nullptr) continue;
        recvType = ptr ? vm::pointerTo(base) : base;
        name = ptr ? "main.(*" + std::string(base->name) + ")." + std::string(fd->name->name)
                   : "main." + std::string(base->name) + "." + std::string(fd->name->name);
      } else if (fd->name->name == "init") {
        int k = 0;
        for (FuncDecl* i : initFuncs_) {
          if (i == fd) break;
          k++;
        }
        name = "main.init." + std::to_string(k);
      } else {
        name = "main." + std::string(fd->name->name);
      }
      compileFunction(fd, fd->type, fd->body, &fd->info, fd->recv, name, recvType, pit->second);
    }
  }
  filename_ = prog_.files()[0]->filename;
}

vm::Proto* Compiler::compileEntry() {
  File* file = prog_.files()[0];
  FuncState fs;
  fs.node = file;
  fs.info = &file->scriptInfo;
  fs.proto = vm::newProto();
  bool hasStmts = false;
  for (File* f : prog_.files()) hasStmts = hasStmts || !f->stmts.empty();
  fs.name = (mainFunc_ != nullptr && hasStmts) ? "main.init" : "main.main";
  vm::Proto* p = fs.proto;
  p->name = fs.name;
  p->file = vm::internName(filename_);
  p->line = 1;
  p->hideInTrace = !hasStmts;
  const Type* sig = vm::funcOf({}, {}, false);
  p->sig = sig;
  allProtos_.push_back(p);
  fs_ = &fs;
  line_ = 1;

  // Every package variable starts as its type's zero value, so that code
  // running before its initializer sees the zero (as in Go).
  for (auto& [obj, vi] : vars_) {
    (void)obj;
    if (vi->owner != nullptr) continue;
  }
  std::vector<VarInfo*> globals;
  for (VarInfo& vi : varInfos_) {
    if (vi.owner == nullptr) globals.push_back(&vi);
  }
  std::sort(globals.begin(), globals.end(), [](VarInfo* a, VarInfo* b) { return a->index < b->index; });
  for (VarInfo* vi : globals) {
    int r = allocReg();
    if (vi->type != nullptr) {
      emitABx(Op::LoadZero, r, typeIndex(vi->type));
    } else {
      emitABC(Op::LoadNil, r, 0, 0);
    }
    if (vi->where == VarInfo::Where::GlobalCell) emitNewCell(r, r, vi->type);
    emitABx(Op::SetGlobal, r, vi->index);
    freeTo(r);
  }
  // Initializers in dependency order.
  for (ValueSpec* vs : varInitOrder()) {
    if (vs->values.empty()) continue;
    inGlobalInit_ = true;
    setLine(vs->pos);
    varSpec(vs, true);
    inGlobalInit_ = false;
  }
  // init() functions in source order.
  for (FuncDecl* fd : initFuncs_) {
    vm::Proto* ip = declProtos_[fd];
    int r = allocReg();
    setLine(fd->pos);
    loadValue(r, Value::object(vm::makeClosure(sig, ip, 0)));
    emitABC(Op::Call, r, 0, 0);
    freeTo(r);
  }
  // Top-level statements in source order.
  for (File* f : prog_.files()) {
    bool echo = options_ != nullptr && !options_->echo.isNil() && f == prog_.files().back();
    for (Node* item : f->items) {
      if (echo && is<ExprStmt>(item)) {
        echoStmt(static_cast<ExprStmt*>(item));
      } else if (is<Stmt>(item)) {
        stmt(static_cast<Stmt*>(item));
      }
    }
  }
  bool callMain = options_ == nullptr || options_->callMain;
  if (callMain && mainFunc_ != nullptr && mainFunc_->name->obj != nullptr) {
    int r = allocReg();
    setLine(mainFunc_->pos);
    loadValue(r, functionValue(mainFunc_->name->obj));
    emitABC(Op::Call, r, 0, 0);
    freeTo(r);
  }
  emitABC(Op::Return, 0, 0, 0);
  fs_ = nullptr;
  return p;
}

// ---- Static types without compiling ------------------------------------------------------

const Type* Compiler::peekType(Expr* e) {
  e = unparen(e);
  if (e == nullptr) return nullptr;
  ConstValue c;
  switch (e->kind) {
    case NodeKind::BasicLit:
      if (constEval(e, &c)) return defaultType(c);
      return nullptr;
    case NodeKind::Ident: {
      Object* obj = static_cast<Ident*>(e)->obj;
      if (obj == nullptr) return nullptr;
      if (obj->kind == ObjKind::Var) {
        VarInfo* vi = varInfo(obj);
        return vi ? vi->type : nullptr;
      }
      if (obj->kind == ObjKind::Func) {
        auto it = funcSigs_.find(obj);
        return it == funcSigs_.end() ? nullptr : it->second;
      }
      if (obj->kind == ObjKind::Const && constEval(e, &c)) return defaultType(c);
      return nullptr;
    }
    case NodeKind::CompositeLit: {
      auto* cl = static_cast<CompositeLit*>(e);
      if (cl->type == nullptr) return nullptr;
      auto* at = as<ArrayType>(unparen(cl->type));
      if (at && at->len && is<Ellipsis>(at->len)) return nullptr;
      return resolveType(cl->type);
    }
    case NodeKind::FuncLit:
      return funcTypeOf(static_cast<FuncLit*>(e)->type);
    case NodeKind::UnaryExpr: {
      auto* ue = static_cast<UnaryExpr*>(e);
      const Type* t = peekType(ue->x);
      if (ue->op == Tok::And) return t ? vm::pointerTo(t) : nullptr;
      if (ue->op == Tok::Not) return vm::types::boolType();
      return t;
    }
    case NodeKind::StarExpr: {
      const Type* t = peekType(static_cast<StarExpr*>(e)->x);
      return t && t->kind == Kind::Pointer ? t->elem : nullptr;
    }
    case NodeKind::BinaryExpr: {
      auto* be = static_cast<BinaryExpr*>(e);
      switch (be->op) {
        case Tok::Eql: case Tok::Neq: case Tok::Lss: case Tok::Leq: case Tok::Gtr: case Tok::Geq:
        case Tok::LAnd: case Tok::LOr:
          return vm::types::boolType();
        case Tok::Shl: case Tok::Shr:
          return peekType(be->x);
        default: {
          if (constEval(e, &c)) return defaultType(c);
          ConstValue cx;
          if (constEval(be->x, &cx)) return peekType(be->y);
          return peekType(be->x);
        }
      }
    }
    case NodeKind::CallExpr: {
      auto* ce = static_cast<CallExpr*>(e);
      Expr* fun = unparen(ce->fun);
      if (isTypeExpr(fun)) return resolveType(fun);
      switch (builtinOf(fun)) {
        case Predeclared::None: break;
        case Predeclared::Len: case Predeclared::Cap: case Predeclared::Copy:
          return vm::types::intType();
        case Predeclared::Make:
          return ce->args.empty() ? nullptr : resolveType(ce->args[0]);
        case Predeclared::New: {
          const Type* t = ce->args.empty() ? nullptr : resolveType(ce->args[0]);
          return t ? vm::pointerTo(t) : nullptr;
        }
        case Predeclared::Append:
          return ce->args.empty() ? nullptr : peekType(ce->args[0]);
        case Predeclared::Recover:
          return vm::types::anyType();
        default:
          return nullptr;
      }
      std::vector<const Type*> rt = resultTypes(ce);
      return rt.empty() ? nullptr : rt[0];
    }
    case NodeKind::SelectorExpr: {
      auto* se = static_cast<SelectorExpr*>(e);
      const vm::NativeMember* m = nullptr;
      if (packageMember(se, &m)) {
        if (m == nullptr || m->kind == vm::NativeMember::Kind::Type) return nullptr;
        auto* pkgId = static_cast<Ident*>(unparen(se->x));
        Value v = nativeValue(pkgId->name, m);
        if (m->kind == vm::NativeMember::Kind::Const && constEval(e, &c)) return defaultType(c);
        return vm::typeOf(v);
      }
      const Type* t = peekType(se->x);
      const Type* ft = fieldTypeOf(t, se->sel->name);
      if (ft != nullptr) return ft;
      return methodTypeOf(t, se->sel->name, nullptr);
    }
    case NodeKind::IndexExpr: {
      auto* ie = static_cast<IndexExpr*>(e);
      const Type* t = peekType(ie->x);
      if (t && t->kind == Kind::Pointer) t = t->elem;
      if (t == nullptr) return nullptr;
      if (t->kind == Kind::String) return vm::types::uint8Type();
      if (t->kind == Kind::Map || t->kind == Kind::Slice || t->kind == Kind::Array) return t->elem;
      if (t->kind == Kind::Func) return t;  // a generic function instantiated
      return nullptr;
    }
    case NodeKind::SliceExpr: {
      const Type* t = peekType(static_cast<SliceExpr*>(e)->x);
      if (t && t->kind == Kind::Pointer) t = t->elem;
      if (t && t->kind == Kind::Array) return vm::sliceOf(t->elem);
      return t;
    }
    case NodeKind::TypeAssertExpr: {
      auto* ta = static_cast<TypeAssertExpr*>(e);
      return ta->type ? resolveType(ta->type) : nullptr;
    }
    default:
      return nullptr;
  }
}

}  // namespace gsl::compiler
