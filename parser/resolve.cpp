// Scope resolution: binds every identifier to its Object, fills the flags
// and per-function lists the compiler needs, and reports the name errors Go
// reports (types2's wording). See ast.h for which identifiers are resolved.
//
// Scopes, outermost first: universe -> package -> file (imports) ->
// function (receiver, type parameters, parameters, results and the body's
// top level share it, as in Go) -> blocks. if/for/switch/select headers
// and each case clause open their own block.
//
// Order of work:
//   1. Imports are declared in each file's scope.
//   2. Every package-level name of every file is declared (const, var,
//      type, func, and the variables of top-level `:=` statements), so
//      package-level references are order-independent.
//   3. Each file's items are resolved in source order: declarations'
//      types, values and function bodies, and top-level statements.
//   4. Unused imports are reported.
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "parser/ast_walk.h"
#include "parser/branches.h"
#include "parser/diag_sink.h"
#include "parser/expr_string.h"
#include "parser/parser.h"
#include "parser/terminating.h"

namespace gsl::parser {

namespace {

// The function whose body is being resolved.
struct FuncCtx {
  Node* node;  // FuncDecl, FuncLit, or File (top-level code).
  FuncInfo* info;
  std::unordered_set<Object*> freeSet;
  // The per-clause variables of type switches (checked for use apart).
  std::unordered_set<Object*> implicitVars;
};

// What the keys of a composite literal's elements are.
enum class LitKeys { Fields, Exprs, Unknown };

// The default package name of an import path: its last element, skipping
// a major version suffix ("math/rand/v2" is package rand).
std::string_view defaultImportName(std::string_view path) {
  auto elem = [](std::string_view p) {
    size_t i = p.rfind('/');
    return i == std::string_view::npos ? p : p.substr(i + 1);
  };
  std::string_view last = elem(path);
  auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  bool isVersion =
      last.size() >= 2 && last[0] == 'v' && std::all_of(last.begin() + 1, last.end(), isDigit);
  if (isVersion && last.size() < path.size()) {
    return elem(path.substr(0, path.size() - last.size() - 1));
  }
  return last;
}

class Resolver {
 public:
  Resolver(Program& prog, std::vector<Diagnostic>* errors, const ResolveOptions& opts)
      : prog_(prog), sink_(errors), opts_(opts) {}

  void run(const std::vector<File*>& files);

 private:
  Program& prog_;
  DiagSink sink_;
  ResolveOptions opts_;

  File* file_ = nullptr;
  Scope* scope_ = nullptr;
  std::vector<FuncCtx*> funcs_;
  std::unordered_map<File*, bool> dotImport_;
  // True while resolving top-level statements (and function literals in
  // them) and package-level initializers: there, variables declared by
  // top-level `:=` are visible only after their declaration.
  bool inTopLevelCode_ = false;
  // Variables of top-level `:=` statements not yet reached.
  std::unordered_set<Object*> pendingTopLevel_;
  int constDepth_ = 0;  // > 0 inside a const declaration's values.

  // --- Errors ---
  void error(Pos p, std::string msg) { sink_.report(p, std::move(msg)); }
  void redeclared(Object* obj, Object* alt) {
    std::string name(obj->name);
    sink_.report(obj->pos, name + " redeclared in this block", alt->pos,
                 "other declaration of " + name);
  }

  // --- Scopes and objects ---
  Node* funcNode() const { return funcs_.empty() ? nullptr : funcs_.back()->node; }

  void openScope(ScopeKind kind, Node* node) { scope_ = prog_.newScope(kind, scope_, node); }
  void closeScope() { scope_ = scope_->parent; }

  Object* newObj(ObjKind kind, Ident* id, Node* decl) {
    Object* obj = prog_.newObject(kind, id->name, id->pos);
    obj->ident = id;
    obj->decl = decl;
    obj->func = funcNode();
    if (kind == ObjKind::Var && !funcs_.empty()) funcs_.back()->info->locals.push_back(obj);
    return obj;
  }

  // Inserts obj into s; reports a redeclaration. The blank identifier is
  // never inserted (and its ident keeps obj == nullptr).
  void declare(Scope* s, Object* obj) {
    if (obj->name == "_") return;
    if (Object* alt = s->lookupLocal(obj->name)) {
      redeclared(obj, alt);
      return;
    }
    obj->scope = s;
    s->objects.push_back(obj);
    s->names[obj->name] = obj;
    if (obj->ident != nullptr) obj->ident->obj = obj;
  }

  Object* lookup(std::string_view name) const {
    for (Scope* s = scope_; s != nullptr; s = s->parent) {
      Object* obj = s->lookupLocal(name);
      if (obj == nullptr) continue;
      if (inTopLevelCode_ && pendingTopLevel_.count(obj) != 0) continue;
      return obj;
    }
    return nullptr;
  }

  // Records a reference to obj from the current function. `markUsed` is
  // false for the target of an assignment, which is not a use in Go.
  void noteUse(Object* obj, bool markUsed) {
    if (markUsed) obj->used = true;
    if (obj->kind != ObjKind::Var || obj->func == nullptr || funcs_.empty()) return;
    if (obj->func == funcs_.back()->node) return;
    // A variable of an enclosing function: every function between the use
    // and the declaring one must carry it.
    obj->captured = true;
    for (size_t i = funcs_.size(); i-- > 0;) {
      FuncCtx* ctx = funcs_[i];
      if (ctx->node == obj->func) break;
      if (ctx->freeSet.insert(obj).second) ctx->info->freeVars.push_back(obj);
    }
  }

  // Resolves a use of id. Returns the object or nullptr (error reported).
  Object* use(Ident* id, bool markUsed = true, bool allowPackage = false) {
    if (id->name == "_") {
      if (markUsed) error(id->pos, "cannot use _ as value or type");
      return nullptr;
    }
    Object* obj = lookup(id->name);
    if (obj == nullptr) {
      if (!dotImport_[file_]) error(id->pos, "undefined: " + std::string(id->name));
      return nullptr;
    }
    id->obj = obj;
    if (obj->kind == ObjKind::Package && !allowPackage) {
      error(id->pos, "use of package " + std::string(id->name) + " without selector");
    }
    if (obj->predeclared == Predeclared::Iota && constDepth_ == 0) {
      error(id->pos, "cannot use iota outside constant declaration");
    }
    noteUse(obj, markUsed);
    return obj;
  }

  // --- Declarations ---
  void declareImports(File* f);
  void declareImport(File* f, ImportSpec* spec);
  void autoImport(Ident* id);
  void declarePackageLevel(File* f);
  void resolveFile(File* f);
  void resolveGenDecl(GenDecl* g, bool packageLevel);
  void resolveFuncDecl(FuncDecl* f);
  void declareTypeParams(const FieldList& tparams);
  void declareParams(const FieldList& fl, bool isResult, bool isRecv);
  void resolveRecvType(Expr* t);
  void finishFunc(FuncCtx* ctx, const FuncType* type, const BlockStmt* body);

  // --- Expressions ---
  void expr(Expr* x);
  void exprs(const std::vector<Expr*>& l) {
    for (Expr* x : l) expr(x);
  }
  void fieldTypes(const FieldList& fl) {
    for (Field* f : fl.list) expr(f->type);
  }
  void funcLit(FuncLit* f);
  void compositeLit(CompositeLit* lit, Expr* elidedType);
  Expr* underlyingTypeExpr(Expr* t);
  LitKeys keysOf(Expr* type);
  Expr* elementType(Expr* type, bool forKey);
  void addressOf(Expr* x);
  void assignTarget(Expr* x);

  // --- Statements ---
  void stmt(Stmt* s);
  void stmts(const std::vector<Stmt*>& l) {
    for (Stmt* s : l) stmt(s);
  }
  void shortVarDecl(AssignStmt* a);
  void defineVars(const std::vector<Expr*>& lhs, Node* decl, Pos tokPos,
                  bool initFailed = false);
  void typeSwitch(TypeSwitchStmt* s);
  void commClause(CommClause* c);
};

// ---------------------------------------------------------------------------
// Files and package-level declarations
// ---------------------------------------------------------------------------

void Resolver::run(const std::vector<File*>& files) {
  // Go checks labels and branches while parsing, so their errors come
  // first, function by function in the order their bodies end.
  for (File* f : files) {
    std::vector<std::pair<Node*, BlockStmt*>> bodies;
    walkAst(f, [&](Node* n) {
      if (auto* fd = as<FuncDecl>(n); fd != nullptr && fd->body != nullptr) {
        bodies.push_back({fd, fd->body});
      } else if (auto* fl = as<FuncLit>(n); fl != nullptr && fl->body != nullptr) {
        bodies.push_back({fl, fl->body});
      }
      return true;
    });
    std::stable_sort(bodies.begin(), bodies.end(), [](const auto& a, const auto& b) {
      return a.second->rbrace.offset < b.second->rbrace.offset;
    });
    for (auto& [fn, body] : bodies) checkBranches(prog_, sink_, f->filename, fn, body->list);
    checkBranches(prog_, sink_, f->filename, f, f->stmts);
  }

  for (File* f : files) declareImports(f);
  for (File* f : files) declarePackageLevel(f);

  // Names in the package scope must not collide with a file's imports.
  for (File* f : files) {
    for (Object* imp : f->scope->objects) {
      if (Object* alt = prog_.packageScope()->lookupLocal(imp->name)) {
        std::string name(alt->name);
        auto* spec = as<ImportSpec>(imp->decl);
        std::string path(spec != nullptr ? spec->pathValue : std::string_view());
        sink_.report(alt->pos,
                     name + " already declared through import of package " +
                         std::string(defaultImportName(path)) + " (\"" + path + "\")",
                     imp->pos, "other declaration of " + name);
      }
    }
  }

  for (File* f : files) resolveFile(f);

  if (opts_.reportUnusedImports) {
    for (File* f : files) {
      for (ImportSpec* spec : f->imports) {
        Object* obj = spec->obj;
        if (obj == nullptr || obj->used) continue;
        std::string path(spec->pathValue);
        std::string_view elem = path;
        if (size_t i = elem.rfind('/'); i != std::string_view::npos) elem = elem.substr(i + 1);
        if (spec->name == nullptr || spec->name->name == elem) {
          error(spec->pos, "\"" + path + "\" imported and not used");
        } else {
          error(spec->pos,
                "\"" + path + "\" imported as " + std::string(obj->name) + " and not used");
        }
      }
    }
  }
}

void Resolver::declareImports(File* f) {
  f->scope = prog_.newScope(ScopeKind::File, prog_.packageScope(), f);
  for (ImportSpec* spec : f->imports) {
    if (spec == nullptr || spec->pathValue.empty()) continue;
    if (spec->name != nullptr && spec->name->name == "_") continue;
    if (spec->name != nullptr && spec->name->name == ".") {
      // The package's exported names are not known here: leave names that
      // do not resolve to the compiler.
      dotImport_[f] = true;
      continue;
    }
    declareImport(f, spec);
  }
}

void Resolver::declareImport(File* f, ImportSpec* spec) {
  std::string_view name =
      spec->name != nullptr ? spec->name->name : defaultImportName(spec->pathValue);
  Object* obj = prog_.newObject(ObjKind::Package, name, spec->pos);
  obj->ident = spec->name;
  obj->decl = spec;
  spec->obj = obj;
  if (Object* alt = f->scope->lookupLocal(name)) {
    redeclared(obj, alt);
    return;
  }
  obj->scope = f->scope;
  f->scope->objects.push_back(obj);
  f->scope->names[name] = obj;
  if (spec->name != nullptr) spec->name->obj = obj;
}

// The scripting extension of ResolveOptions::packageForName: `strings.ToUpper`
// in a file without a package clause imports "strings". The implicit import
// counts as used, and it is added to the file's imports so that later stages
// load the package exactly as for a written import.
void Resolver::autoImport(Ident* id) {
  if (!opts_.packageForName || file_ == nullptr || file_->packageName != nullptr) return;
  std::string path = opts_.packageForName(id->name);
  if (path.empty()) return;
  auto* spec = prog_.arena().make<ImportSpec>();
  spec->pos = id->pos;
  spec->pathValue = prog_.arena().save(path);
  file_->imports.push_back(spec);
  declareImport(file_, spec);
  if (spec->obj != nullptr) spec->obj->used = true;
}

void Resolver::declarePackageLevel(File* f) {
  Scope* pkg = prog_.packageScope();
  file_ = f;
  for (Node* item : f->items) {
    if (auto* g = as<GenDecl>(item)) {
      if (g->tok == Tok::Import) continue;
      for (Spec* s : g->specs) {
        if (auto* vs = as<ValueSpec>(s)) {
          for (Ident* id : vs->names) {
            Object* obj = newObj(g->tok == Tok::Const ? ObjKind::Const : ObjKind::Var, id, vs);
            obj->iota = vs->iota;
            declare(pkg, obj);
          }
        } else if (auto* ts = as<TypeSpec>(s)) {
          declare(pkg, newObj(ObjKind::Type, ts->name, ts));
        }
      }
    } else if (auto* fd = as<FuncDecl>(item)) {
      Object* obj = newObj(ObjKind::Func, fd->name, fd);
      fd->name->obj = obj;
      std::string_view name = fd->name->name;
      if (fd->recv == nullptr && name != "init") declare(pkg, obj);
      if (fd->recv == nullptr && (name == "init" || name == "main") &&
          (!fd->type->params.list.empty() || !fd->type->results.list.empty())) {
        error(fd->name->pos, "func " + std::string(name) +
                                 " must have no arguments and no return values");
      }
      if (fd->recv == nullptr && (name == "init" || name == "main") &&
          !fd->type->typeParams.list.empty()) {
        error(fd->name->pos, "func " + std::string(name) + " must have no type parameters");
      }
      if (fd->body == nullptr) error(fd->name->pos, "missing function body");
    } else if (auto* a = as<AssignStmt>(item); a != nullptr && a->tok == Tok::Define) {
      // A top-level short variable declaration declares package-level
      // variables, visible to top-level code only after the statement.
      for (Expr* e : a->lhs) {
        auto* id = as<Ident>(e);
        if (id == nullptr || id->name == "_" || pkg->lookupLocal(id->name) != nullptr) continue;
        Object* obj = newObj(ObjKind::Var, id, a);
        declare(pkg, obj);
        id->obj = nullptr;  // Set when the statement is reached.
        pendingTopLevel_.insert(obj);
      }
    }
  }
}

void Resolver::resolveFile(File* f) {
  file_ = f;
  scope_ = f->scope;
  FuncCtx scriptCtx{f, &f->scriptInfo, {}, {}};
  FuncCtx* script = &scriptCtx;
  for (Node* item : f->items) {
    scope_ = f->scope;
    if (auto* g = as<GenDecl>(item)) {
      if (g->tok == Tok::Import) continue;
      inTopLevelCode_ = true;
      resolveGenDecl(g, true);
      inTopLevelCode_ = false;
    } else if (auto* fd = as<FuncDecl>(item)) {
      resolveFuncDecl(fd);
    } else if (auto* s = as<Stmt>(item)) {
      funcs_.push_back(script);
      inTopLevelCode_ = true;
      stmt(s);
      inTopLevelCode_ = false;
      funcs_.pop_back();
    }
  }
  scope_ = f->scope;
  finishFunc(script, nullptr, nullptr);
}

// Resolves a const, var or type declaration. Package-level names have
// already been declared; local ones are declared here, after their values
// (a local variable's scope begins after its spec) but before a type's
// definition (so recursive types work).
void Resolver::resolveGenDecl(GenDecl* g, bool packageLevel) {
  for (Spec* s : g->specs) {
    if (auto* vs = as<ValueSpec>(s)) {
      bool isConst = g->tok == Tok::Const;
      int before = sink_.count();
      if (isConst) ++constDepth_;
      expr(vs->type);
      if (vs->source == vs || !isConst) exprs(vs->values);
      if (isConst) --constDepth_;
      bool initFailed = sink_.count() != before;
      if (isConst && vs->source == nullptr) {
        error(vs->names[0]->pos, "missing init expr for const declaration");
      }
      if (packageLevel) continue;  // Declared in advance.
      for (Ident* id : vs->names) {
        Object* obj = newObj(isConst ? ObjKind::Const : ObjKind::Var, id, vs);
        obj->iota = vs->iota;
        if (initFailed) obj->used = true;
        declare(scope_, obj);
      }
    } else if (auto* ts = as<TypeSpec>(s)) {
      if (!packageLevel) declare(scope_, newObj(ObjKind::Type, ts->name, ts));
      bool generic = !ts->typeParams.list.empty();
      if (generic) {
        openScope(ScopeKind::Block, ts);
        declareTypeParams(ts->typeParams);
      }
      expr(ts->type);
      if (generic) closeScope();
    }
  }
}

void Resolver::declareTypeParams(const FieldList& tparams) {
  for (Field* f : tparams.list) {
    for (Ident* id : f->names) declare(scope_, newObj(ObjKind::Type, id, f));
  }
  for (Field* f : tparams.list) expr(f->type);
}

void Resolver::declareParams(const FieldList& fl, bool isResult, bool isRecv) {
  for (Field* f : fl.list) {
    expr(f->type);
    for (Ident* id : f->names) {
      Object* obj = newObj(ObjKind::Var, id, f);
      obj->isParam = !isResult;
      obj->isRecv = isRecv;
      obj->isResult = isResult;
      declare(scope_, obj);
    }
  }
}

// A receiver type `T`, `*T`, `T[K, V]` or `*T[K, V]`: the bracketed names
// declare the receiver's type parameters.
void Resolver::resolveRecvType(Expr* t) {
  Expr* base = unparen(t);
  if (auto* s = as<StarExpr>(base)) base = unparen(s->x);
  std::vector<Expr*> params;
  if (auto* ix = as<IndexExpr>(base)) {
    params.push_back(ix->index);
    base = ix->x;
  } else if (auto* ix = as<IndexListExpr>(base)) {
    params = ix->indices;
    base = ix->x;
  }
  for (Expr* p : params) {
    if (auto* id = as<Ident>(p)) {
      declare(scope_, newObj(ObjKind::Type, id, t));
    } else {
      error(p->pos, "receiver type parameter " + exprString(p) + " must be an identifier");
    }
  }
  expr(base);
}

void Resolver::resolveFuncDecl(FuncDecl* f) {
  FuncCtx ctx{f, &f->info, {}, {}};
  funcs_.push_back(&ctx);
  openScope(ScopeKind::Func, f);
  if (f->recv != nullptr) {
    for (Field* field : f->recv->list) {
      resolveRecvType(field->type);
      for (Ident* id : field->names) {
        Object* obj = newObj(ObjKind::Var, id, field);
        obj->isParam = true;
        obj->isRecv = true;
        declare(scope_, obj);
      }
    }
  }
  declareTypeParams(f->type->typeParams);
  declareParams(f->type->params, false, false);
  declareParams(f->type->results, true, false);
  if (f->body != nullptr) stmts(f->body->list);
  closeScope();
  funcs_.pop_back();
  finishFunc(&ctx, f->type, f->body);
}

// End of a function: report a missing return and the variables declared
// and never used.
void Resolver::finishFunc(FuncCtx* ctx, const FuncType* type, const BlockStmt* body) {
  if (type != nullptr && body != nullptr && !type->results.list.empty() &&
      !isTerminatingList(body->list)) {
    error(body->rbrace, "missing return");
  }
  if (!opts_.reportUnusedVars) return;
  std::vector<Object*> unused;
  for (Object* obj : ctx->info->locals) {
    if (obj->used || obj->isParam || obj->isResult || obj->name == "_") continue;
    if (obj->scope == nullptr || obj->scope->kind == ScopeKind::Package) continue;
    if (ctx->implicitVars.count(obj) != 0) continue;
    unused.push_back(obj);
  }
  std::stable_sort(unused.begin(), unused.end(), [](Object* a, Object* b) {
    return a->pos.offset < b->pos.offset;
  });
  for (Object* obj : unused) error(obj->pos, "declared and not used: " + std::string(obj->name));
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

void Resolver::expr(Expr* x) {
  if (x == nullptr) return;
  switch (x->kind) {
    case NodeKind::BadExpr:
    case NodeKind::BasicLit:
      break;
    case NodeKind::Ident:
      use(static_cast<Ident*>(x));
      break;
    case NodeKind::Ellipsis:
      expr(static_cast<Ellipsis*>(x)->elt);
      break;
    case NodeKind::CompositeLit:
      compositeLit(static_cast<CompositeLit*>(x), nullptr);
      break;
    case NodeKind::FuncLit:
      funcLit(static_cast<FuncLit*>(x));
      break;
    case NodeKind::ParenExpr:
      expr(static_cast<ParenExpr*>(x)->x);
      break;
    case NodeKind::SelectorExpr: {
      auto* s = static_cast<SelectorExpr*>(x);
      if (auto* id = as<Ident>(s->x)) {
        if (lookup(id->name) == nullptr) autoImport(id);
        use(id, true, /*allowPackage=*/true);
      } else {
        expr(s->x);
      }
      break;
    }
    case NodeKind::IndexExpr: {
      auto* ix = static_cast<IndexExpr*>(x);
      expr(ix->x);
      expr(ix->index);
      break;
    }
    case NodeKind::IndexListExpr: {
      auto* ix = static_cast<IndexListExpr*>(x);
      expr(ix->x);
      exprs(ix->indices);
      break;
    }
    case NodeKind::SliceExpr: {
      auto* s = static_cast<SliceExpr*>(x);
      expr(s->x);
      expr(s->low);
      expr(s->high);
      expr(s->max);
      break;
    }
    case NodeKind::TypeAssertExpr: {
      auto* t = static_cast<TypeAssertExpr*>(x);
      if (t->type == nullptr) {
        // Like Go, do not look into x (its variables stay unused).
        error(t->pos, "invalid syntax tree: use of .(type) outside type switch");
      } else {
        expr(t->x);
        expr(t->type);
      }
      break;
    }
    case NodeKind::CallExpr: {
      auto* c = static_cast<CallExpr*>(x);
      expr(c->fun);
      exprs(c->args);
      break;
    }
    case NodeKind::StarExpr:
      expr(static_cast<StarExpr*>(x)->x);
      break;
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<UnaryExpr*>(x);
      expr(u->x);
      if (u->op == Tok::And) addressOf(u->x);
      break;
    }
    case NodeKind::BinaryExpr: {
      // The left spine may be long (kMaxBinaryChain): loop over it.
      std::vector<BinaryExpr*> spine;
      Expr* cur = x;
      while (auto* b = as<BinaryExpr>(cur)) {
        spine.push_back(b);
        cur = b->x;
      }
      expr(cur);
      for (auto it = spine.rbegin(); it != spine.rend(); ++it) expr((*it)->y);
      break;
    }
    case NodeKind::KeyValueExpr: {
      auto* kv = static_cast<KeyValueExpr*>(x);
      expr(kv->key);
      expr(kv->value);
      break;
    }
    case NodeKind::ArrayType: {
      auto* a = static_cast<ArrayType*>(x);
      if (!is<Ellipsis>(a->len)) expr(a->len);
      expr(a->elt);
      break;
    }
    case NodeKind::StructType:
      fieldTypes(static_cast<StructType*>(x)->fields);
      break;
    case NodeKind::FuncType: {
      // A function type outside a declaration: parameter names declare
      // nothing; only the types are resolved.
      auto* ft = static_cast<FuncType*>(x);
      fieldTypes(ft->typeParams);
      fieldTypes(ft->params);
      fieldTypes(ft->results);
      break;
    }
    case NodeKind::InterfaceType:
      fieldTypes(static_cast<InterfaceType*>(x)->methods);
      break;
    case NodeKind::MapType: {
      auto* m = static_cast<MapType*>(x);
      expr(m->key);
      expr(m->value);
      break;
    }
    case NodeKind::ChanType:
      expr(static_cast<ChanType*>(x)->value);
      break;
    default:
      break;
  }
}

// &x, &x.f, &x[i], &(x): the variable at the root becomes address-taken.
void Resolver::addressOf(Expr* x) {
  for (;;) {
    x = unparen(x);
    if (auto* s = as<SelectorExpr>(x)) {
      x = s->x;
    } else if (auto* ix = as<IndexExpr>(x)) {
      x = ix->x;
    } else {
      break;
    }
  }
  if (auto* id = as<Ident>(x); id != nullptr && id->obj != nullptr) id->obj->addressTaken = true;
}

void Resolver::funcLit(FuncLit* f) {
  FuncCtx ctx{f, &f->info, {}, {}};
  funcs_.push_back(&ctx);
  openScope(ScopeKind::Func, f);
  declareTypeParams(f->type->typeParams);
  declareParams(f->type->params, false, false);
  declareParams(f->type->results, true, false);
  if (f->body != nullptr) stmts(f->body->list);
  closeScope();
  funcs_.pop_back();
  finishFunc(&ctx, f->type, f->body);
  // Free variables of f that are not this function's own are free here
  // too; noteUse already propagated them through every enclosing function.
}

// The type expression a (possibly named or instantiated) type stands for,
// following package-level type declarations: `T` with `type T struct{...}`
// gives the StructType.
Expr* Resolver::underlyingTypeExpr(Expr* t) {
  for (int depth = 0; t != nullptr && depth < 16; ++depth) {
    t = unparen(t);
    if (auto* id = as<Ident>(t)) {
      Object* obj = id->obj != nullptr ? id->obj : lookup(id->name);
      if (obj == nullptr || obj->kind != ObjKind::Type) return t;
      auto* spec = as<TypeSpec>(obj->decl);
      if (spec == nullptr) return t;
      t = spec->type;
    } else if (auto* ix = as<IndexExpr>(t)) {
      t = ix->x;
    } else if (auto* ix = as<IndexListExpr>(t)) {
      t = ix->x;
    } else {
      return t;
    }
  }
  return t;
}

LitKeys Resolver::keysOf(Expr* type) {
  Expr* t = underlyingTypeExpr(type);
  if (t == nullptr) return LitKeys::Unknown;
  switch (t->kind) {
    case NodeKind::StructType:
      return LitKeys::Fields;
    case NodeKind::ArrayType:
    case NodeKind::MapType:
      return LitKeys::Exprs;
    default:
      // Includes types of other packages (`url.Values` is a map).
      return LitKeys::Unknown;
  }
}

// The type of the elements (or keys) of a composite literal of type `type`,
// which elided element literals take; `*T` elements elide `&T`.
Expr* Resolver::elementType(Expr* type, bool forKey) {
  Expr* t = underlyingTypeExpr(type);
  Expr* elt = nullptr;
  if (auto* a = as<ArrayType>(t)) {
    elt = a->elt;
  } else if (auto* m = as<MapType>(t)) {
    elt = forKey ? m->key : m->value;
  }
  if (auto* s = as<StarExpr>(elt)) elt = s->x;
  return elt;
}

void Resolver::compositeLit(CompositeLit* lit, Expr* elidedType) {
  expr(lit->type);
  Expr* type = lit->type != nullptr ? lit->type : elidedType;
  LitKeys keys = keysOf(type);
  for (Expr* e : lit->elts) {
    Expr* value = e;
    if (auto* kv = as<KeyValueExpr>(e)) {
      value = kv->value;
      if (keys == LitKeys::Fields && !is<Ident>(kv->key)) {
        error(kv->key->pos, "invalid field name " + exprString(kv->key) + " in struct literal");
      } else if (auto* id = as<Ident>(kv->key)) {
        if (keys == LitKeys::Exprs) {
          use(id);
        } else if (keys == LitKeys::Unknown && id->name != "_") {
          // A field name or a map key: resolve it if it can be one.
          if (Object* obj = lookup(id->name)) {
            id->obj = obj;
            noteUse(obj, true);
          }
        }
      } else if (auto* k = as<CompositeLit>(kv->key); k != nullptr && k->type == nullptr) {
        compositeLit(k, elementType(type, true));
      } else {
        expr(kv->key);
      }
    }
    if (auto* v = as<CompositeLit>(value); v != nullptr && v->type == nullptr) {
      compositeLit(v, elementType(type, false));
    } else {
      expr(value);
    }
  }
}

// The left side of `=`: a bare variable is assigned, not used.
void Resolver::assignTarget(Expr* x) {
  if (auto* id = as<Ident>(unparen(x))) {
    if (id->name == "_") return;
    use(id, /*markUsed=*/false);
    return;
  }
  expr(x);
}

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

void Resolver::stmt(Stmt* s) {
  if (s == nullptr) return;
  switch (s->kind) {
    case NodeKind::BadStmt:
    case NodeKind::EmptyStmt:
    case NodeKind::BranchStmt:
      break;
    case NodeKind::DeclStmt:
      resolveGenDecl(static_cast<DeclStmt*>(s)->decl, false);
      break;
    case NodeKind::LabeledStmt:
      stmt(static_cast<LabeledStmt*>(s)->stmt);
      break;
    case NodeKind::ExprStmt:
      expr(static_cast<ExprStmt*>(s)->x);
      break;
    case NodeKind::SendStmt: {
      auto* st = static_cast<SendStmt*>(s);
      expr(st->chan);
      expr(st->value);
      break;
    }
    case NodeKind::IncDecStmt:
      expr(static_cast<IncDecStmt*>(s)->x);
      break;
    case NodeKind::AssignStmt: {
      auto* a = static_cast<AssignStmt*>(s);
      if (a->tok == Tok::Define) {
        shortVarDecl(a);
      } else if (a->tok == Tok::Assign) {
        exprs(a->rhs);
        for (Expr* x : a->lhs) assignTarget(x);
      } else {
        exprs(a->lhs);
        exprs(a->rhs);
      }
      break;
    }
    case NodeKind::GoStmt:
      expr(static_cast<GoStmt*>(s)->call);
      break;
    case NodeKind::DeferStmt:
      expr(static_cast<DeferStmt*>(s)->call);
      break;
    case NodeKind::ReturnStmt:
      exprs(static_cast<ReturnStmt*>(s)->results);
      break;
    case NodeKind::BlockStmt:
      openScope(ScopeKind::Block, s);
      stmts(static_cast<BlockStmt*>(s)->list);
      closeScope();
      break;
    case NodeKind::IfStmt: {
      auto* st = static_cast<IfStmt*>(s);
      openScope(ScopeKind::Block, s);
      stmt(st->init);
      expr(st->cond);
      stmt(st->body);
      stmt(st->els);
      closeScope();
      break;
    }
    case NodeKind::SwitchStmt: {
      auto* st = static_cast<SwitchStmt*>(s);
      openScope(ScopeKind::Block, s);
      stmt(st->init);
      expr(st->tag);
      for (Stmt* c : st->body->list) {
        auto* cc = as<CaseClause>(c);
        if (cc == nullptr) continue;
        exprs(cc->list);
        openScope(ScopeKind::Block, cc);
        stmts(cc->body);
        closeScope();
      }
      closeScope();
      break;
    }
    case NodeKind::TypeSwitchStmt:
      typeSwitch(static_cast<TypeSwitchStmt*>(s));
      break;
    case NodeKind::SelectStmt:
      for (Stmt* c : static_cast<SelectStmt*>(s)->body->list) {
        if (auto* cc = as<CommClause>(c)) commClause(cc);
      }
      break;
    case NodeKind::ForStmt: {
      auto* st = static_cast<ForStmt*>(s);
      openScope(ScopeKind::Block, s);
      stmt(st->init);
      expr(st->cond);
      stmt(st->post);
      stmt(st->body);
      closeScope();
      break;
    }
    case NodeKind::RangeStmt: {
      auto* st = static_cast<RangeStmt*>(s);
      openScope(ScopeKind::Block, s);
      expr(st->x);
      std::vector<Expr*> lhs;
      if (st->key != nullptr) lhs.push_back(st->key);
      if (st->value != nullptr) lhs.push_back(st->value);
      if (st->tok == Tok::Define) {
        defineVars(lhs, st, st->tokPos);
      } else if (st->tok == Tok::Assign) {
        for (Expr* x : lhs) assignTarget(x);
      }
      stmt(st->body);
      closeScope();
      break;
    }
    default:
      break;
  }
}

// ShortVarDecl = IdentifierList ":=" ExpressionList .
void Resolver::shortVarDecl(AssignStmt* a) {
  int before = sink_.count();
  exprs(a->rhs);
  // Like Go, variables whose initialization failed are not also reported
  // as unused.
  bool initFailed = sink_.count() != before;
  if (scope_->kind == ScopeKind::File) {
    // A top-level `:=`: its variables live in the package scope and were
    // declared in advance; they become visible to top-level code now.
    Scope* pkg = prog_.packageScope();
    bool anyNew = false;
    bool hasErr = false;
    std::unordered_set<std::string_view> seen;
    for (Expr* e : a->lhs) {
      auto* id = as<Ident>(e);
      if (id == nullptr) {
        expr(e);
        error(e->pos, "non-name " + exprString(e) + " on left side of :=");
        hasErr = true;
        continue;
      }
      if (id->name == "_") continue;
      if (!seen.insert(id->name).second) {
        error(id->pos, std::string(id->name) + " repeated on left side of :=");
        hasErr = true;
        continue;
      }
      Object* obj = pkg->lookupLocal(id->name);
      if (obj != nullptr && pendingTopLevel_.count(obj) != 0 && obj->decl == a) {
        pendingTopLevel_.erase(obj);
        id->obj = obj;
        anyNew = true;
      } else if (obj != nullptr && pendingTopLevel_.count(obj) == 0) {
        id->obj = obj;
        if (obj->kind != ObjKind::Var) {
          error(id->pos, "cannot assign to " + std::string(id->name));
          hasErr = true;
        }
      } else {
        // Declared by a later statement (or a nested one): declare here.
        Object* nobj = prog_.newObject(ObjKind::Var, id->name, id->pos);
        nobj->ident = id;
        nobj->decl = a;
        if (obj == nullptr) {
          declare(pkg, nobj);
        } else {
          id->obj = nobj;
        }
        anyNew = true;
      }
    }
    if (!anyNew && !hasErr) error(a->tokPos, "no new variables on left side of :=");
    return;
  }
  defineVars(a->lhs, a, a->tokPos, initFailed);
}

// Declares the identifiers on the left of `:=` (also in range clauses and
// select cases) in the current scope; existing variables of this scope are
// reused (assigned).
void Resolver::defineVars(const std::vector<Expr*>& lhs, Node* decl, Pos tokPos,
                          bool initFailed) {
  bool anyNew = false;
  bool hasErr = false;
  std::vector<Object*> fresh;
  std::unordered_set<std::string_view> seen;
  for (Expr* e : lhs) {
    auto* id = as<Ident>(e);
    if (id == nullptr) {
      expr(e);
      error(e->pos, "non-name " + exprString(e) + " on left side of :=");
      hasErr = true;
      continue;
    }
    if (id->name != "_" && !seen.insert(id->name).second) {
      error(id->pos, std::string(id->name) + " repeated on left side of :=");
      hasErr = true;
      continue;
    }
    if (id->name == "_") continue;  // Never new, never declared.
    if (Object* alt = scope_->lookupLocal(id->name)) {
      id->obj = alt;
      if (alt->kind != ObjKind::Var) {
        error(id->pos, "cannot assign to " + std::string(id->name));
        hasErr = true;
      } else {
        noteUse(alt, false);
      }
      continue;
    }
    // The new variables' scope begins after the statement: declare them
    // once all left-hand sides have been looked at.
    Object* obj = newObj(ObjKind::Var, id, decl);
    fresh.push_back(obj);
    anyNew = true;
  }
  for (Object* obj : fresh) {
    declare(scope_, obj);
    // After an error, do not also complain that the variables are unused.
    if (hasErr || initFailed) obj->used = true;
  }
  if (!anyNew && !hasErr) error(tokPos, "no new variables on left side of :=");
}

// TypeSwitchStmt: each clause gets its own variable for `v := x.(type)`.
void Resolver::typeSwitch(TypeSwitchStmt* s) {
  openScope(ScopeKind::Block, s);
  stmt(s->init);
  Ident* lhs = nullptr;
  Expr* guard = nullptr;
  if (auto* a = as<AssignStmt>(s->assign)) {
    lhs = as<Ident>(a->lhs[0]);
    guard = a->rhs[0];
  } else if (auto* es = as<ExprStmt>(s->assign)) {
    guard = es->x;
  }
  if (auto* ta = as<TypeAssertExpr>(unparen(guard))) expr(ta->x);
  if (lhs != nullptr && lhs->name == "_") {
    error(lhs->pos, "no new variable on left side of :=");
    lhs = nullptr;
  }
  std::vector<Object*> objs;
  for (Stmt* c : s->body->list) {
    auto* cc = as<CaseClause>(c);
    if (cc == nullptr) continue;
    exprs(cc->list);
    openScope(ScopeKind::Block, cc);
    if (lhs != nullptr) {
      Object* obj = newObj(ObjKind::Var, lhs, s);
      obj->scope = scope_;
      scope_->objects.push_back(obj);
      scope_->names[obj->name] = obj;
      cc->implicitObj = obj;
      objs.push_back(obj);
    }
    stmts(cc->body);
    closeScope();
  }
  if (lhs != nullptr) {
    lhs->obj = nullptr;
    // Go reports an unused bound variable at the end of the switch.
    bool used = std::any_of(objs.begin(), objs.end(), [](Object* o) { return o->used; });
    if (!used && opts_.reportUnusedVars) {
      error(lhs->pos, std::string(lhs->name) + " declared and not used");
    }
    if (!funcs_.empty()) funcs_.back()->implicitVars.insert(objs.begin(), objs.end());
  }
  closeScope();
}

// CommClause: a send, a receive, or a receive assigned or declared.
void Resolver::commClause(CommClause* c) {
  openScope(ScopeKind::Block, c);
  Stmt* comm = c->comm;
  bool valid = comm == nullptr || is<SendStmt>(comm);
  Expr* recv = nullptr;
  if (auto* a = as<AssignStmt>(comm)) {
    bool assign = a->tok == Tok::Assign || a->tok == Tok::Define;
    if (assign && a->rhs.size() == 1 && a->lhs.size() <= 2) {
      recv = a->rhs[0];
      if (auto* u = as<UnaryExpr>(recv); u == nullptr || u->op != Tok::Arrow) recv = nullptr;
    }
  } else if (auto* es = as<ExprStmt>(comm)) {
    recv = unparen(es->x);
    if (auto* u = as<UnaryExpr>(recv); u == nullptr || u->op != Tok::Arrow) recv = nullptr;
  }
  if (recv != nullptr) valid = true;
  // Like Go, an invalid case is reported and not looked into.
  if (valid) stmt(comm);
  if (!valid) {
    // cmd/compile places an expression statement at its expression's
    // syntax position (the operator of `x > 1`), others at their start.
    Pos p = comm->pos;
    if (auto* es = as<ExprStmt>(comm)) p = syntaxPos(es->x);
    error(p, "select case must be receive, send or assign recv");
  }
  stmts(c->body);
  closeScope();
}

}  // namespace

void resolveFiles(Program& prog, const std::vector<File*>& files, std::vector<Diagnostic>* errors,
                  const ResolveOptions& options) {
  Resolver(prog, errors, options).run(files);
}

}  // namespace gsl::parser
