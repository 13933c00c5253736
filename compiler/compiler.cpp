// compiler/compiler.cpp: the compiler's entry point, diagnostics, and the
// generic AST traversal its analyses use.
#include <functional>

#include "compiler/compiler_impl.h"

namespace gsl::compiler {

using namespace parser;

bool compileProgram(Program& prog, CompileResult* out, std::vector<Diagnostic>* errors) {
  Compiler c(prog, errors);
  return c.compile(out);
}

bool compileSessionProgram(Program& prog, const CompileOptions& options, CompileResult* out,
                           SessionResult* session, std::vector<Diagnostic>* errors) {
  Compiler c(prog, errors);
  c.options_ = &options;
  c.session_ = session;
  c.numGlobals_ = options.firstGlobal;
  for (const SessionGlobal& g : options.externals) {
    VarInfo& vi = c.externalVars_.emplace_back();
    vi.owner = nullptr;
    vi.type = g.type;
    vi.index = static_cast<int>(g.index);
    vi.where = g.cell ? VarInfo::Where::GlobalCell : VarInfo::Where::Global;
    c.vars_[g.obj] = &vi;
  }
  bool ok = c.compile(out);
  if (session != nullptr) {
    for (VarInfo& vi : c.varInfos_) {
      if (vi.owner != nullptr) continue;
      for (auto& [obj, info] : c.vars_) {
        if (info != &vi) continue;
        session->globals.push_back({obj, static_cast<uint32_t>(vi.index), vi.type,
                                    vi.where == VarInfo::Where::GlobalCell});
      }
    }
  }
  return ok;
}

Compiler::Compiler(Program& prog, std::vector<Diagnostic>* errors) : prog_(prog), errors_(errors) {}

bool Compiler::compile(CompileResult* out) {
  if (prog_.files().empty()) return false;
  filename_ = prog_.files()[0]->filename;
  declareImports();
  declareTypes();
  declareFunctions();
  declareGlobals();
  compileFunctions();
  vm::Proto* entry = compileEntry();
  out->entry = entry;
  out->numGlobals = numGlobals_;
  out->functions = allProtos_;
  return errorCount_ == 0;
}

void Compiler::error(Pos pos, std::string msg) {
  std::string key = std::to_string(pos.line) + ":" + std::to_string(pos.col) + ":" + msg;
  if (!reported_.insert(key).second) return;
  errorCount_++;
  Diagnostic d;
  d.pos = pos;
  d.msg = std::move(msg);
  errors_->push_back(std::move(d));
}

void forEachChild(Node* n, const std::function<void(Node*)>& f) {
  if (n == nullptr) return;
  auto visit = [&](Node* c) {
    if (c != nullptr) f(c);
  };
  auto visitAll = [&](auto& list) {
    for (auto* c : list) visit(c);
  };
  auto visitFields = [&](FieldList& fl) {
    for (Field* fd : fl.list) visit(fd);
  };
  switch (n->kind) {
    case NodeKind::Ellipsis: visit(static_cast<Ellipsis*>(n)->elt); break;
    case NodeKind::CompositeLit: {
      auto* c = static_cast<CompositeLit*>(n);
      visit(c->type);
      visitAll(c->elts);
      break;
    }
    case NodeKind::FuncLit: {
      auto* c = static_cast<FuncLit*>(n);
      visit(c->type);
      visit(c->body);
      break;
    }
    case NodeKind::ParenExpr: visit(static_cast<ParenExpr*>(n)->x); break;
    case NodeKind::SelectorExpr: visit(static_cast<SelectorExpr*>(n)->x); break;
    case NodeKind::IndexExpr: {
      auto* c = static_cast<IndexExpr*>(n);
      visit(c->x);
      visit(c->index);
      break;
    }
    case NodeKind::IndexListExpr: {
      auto* c = static_cast<IndexListExpr*>(n);
      visit(c->x);
      visitAll(c->indices);
      break;
    }
    case NodeKind::SliceExpr: {
      auto* c = static_cast<SliceExpr*>(n);
      visit(c->x);
      visit(c->low);
      visit(c->high);
      visit(c->max);
      break;
    }
    case NodeKind::TypeAssertExpr: {
      auto* c = static_cast<TypeAssertExpr*>(n);
      visit(c->x);
      visit(c->type);
      break;
    }
    case NodeKind::CallExpr: {
      auto* c = static_cast<CallExpr*>(n);
      visit(c->fun);
      visitAll(c->args);
      break;
    }
    case NodeKind::StarExpr: visit(static_cast<StarExpr*>(n)->x); break;
    case NodeKind::UnaryExpr: visit(static_cast<UnaryExpr*>(n)->x); break;
    case NodeKind::BinaryExpr: {
      auto* c = static_cast<BinaryExpr*>(n);
      visit(c->x);
      visit(c->y);
      break;
    }
    case NodeKind::KeyValueExpr: {
      auto* c = static_cast<KeyValueExpr*>(n);
      visit(c->key);
      visit(c->value);
      break;
    }
    case NodeKind::ArrayType: {
      auto* c = static_cast<ArrayType*>(n);
      visit(c->len);
      visit(c->elt);
      break;
    }
    case NodeKind::StructType: visitFields(static_cast<StructType*>(n)->fields); break;
    case NodeKind::FuncType: {
      auto* c = static_cast<FuncType*>(n);
      visitFields(c->params);
      visitFields(c->results);
      break;
    }
    case NodeKind::InterfaceType: visitFields(static_cast<InterfaceType*>(n)->methods); break;
    case NodeKind::MapType: {
      auto* c = static_cast<MapType*>(n);
      visit(c->key);
      visit(c->value);
      break;
    }
    case NodeKind::ChanType: visit(static_cast<ChanType*>(n)->value); break;
    case NodeKind::DeclStmt: visit(static_cast<DeclStmt*>(n)->decl); break;
    case NodeKind::LabeledStmt: visit(static_cast<LabeledStmt*>(n)->stmt); break;
    case NodeKind::ExprStmt: visit(static_cast<ExprStmt*>(n)->x); break;
    case NodeKind::SendStmt: {
      auto* c = static_cast<SendStmt*>(n);
      visit(c->chan);
      visit(c->value);
      break;
    }
    case NodeKind::IncDecStmt: visit(static_cast<IncDecStmt*>(n)->x); break;
    case NodeKind::AssignStmt: {
      auto* c = static_cast<AssignStmt*>(n);
      visitAll(c->lhs);
      visitAll(c->rhs);
      break;
    }
    case NodeKind::GoStmt: visit(static_cast<GoStmt*>(n)->call); break;
    case NodeKind::DeferStmt: visit(static_cast<DeferStmt*>(n)->call); break;
    case NodeKind::ReturnStmt: visitAll(static_cast<ReturnStmt*>(n)->results); break;
    case NodeKind::BlockStmt: visitAll(static_cast<BlockStmt*>(n)->list); break;
    case NodeKind::IfStmt: {
      auto* c = static_cast<IfStmt*>(n);
      visit(c->init);
      visit(c->cond);
      visit(c->body);
      visit(c->els);
      break;
    }
    case NodeKind::CaseClause: {
      auto* c = static_cast<CaseClause*>(n);
      visitAll(c->list);
      visitAll(c->body);
      break;
    }
    case NodeKind::SwitchStmt: {
      auto* c = static_cast<SwitchStmt*>(n);
      visit(c->init);
      visit(c->tag);
      visit(c->body);
      break;
    }
    case NodeKind::TypeSwitchStmt: {
      auto* c = static_cast<TypeSwitchStmt*>(n);
      visit(c->init);
      visit(c->assign);
      visit(c->body);
      break;
    }
    case NodeKind::CommClause: {
      auto* c = static_cast<CommClause*>(n);
      visit(c->comm);
      visitAll(c->body);
      break;
    }
    case NodeKind::SelectStmt: visit(static_cast<SelectStmt*>(n)->body); break;
    case NodeKind::ForStmt: {
      auto* c = static_cast<ForStmt*>(n);
      visit(c->init);
      visit(c->cond);
      visit(c->post);
      visit(c->body);
      break;
    }
    case NodeKind::RangeStmt: {
      auto* c = static_cast<RangeStmt*>(n);
      visit(c->key);
      visit(c->value);
      visit(c->x);
      visit(c->body);
      break;
    }
    case NodeKind::ValueSpec: {
      auto* c = static_cast<ValueSpec*>(n);
      visit(c->type);
      visitAll(c->values);
      break;
    }
    case NodeKind::TypeSpec: visit(static_cast<TypeSpec*>(n)->type); break;
    case NodeKind::GenDecl: visitAll(static_cast<GenDecl*>(n)->specs); break;
    case NodeKind::FuncDecl: {
      auto* c = static_cast<FuncDecl*>(n);
      visit(c->type);
      visit(c->body);
      break;
    }
    case NodeKind::Field: visit(static_cast<Field*>(n)->type); break;
    default:
      break;
  }
}

}  // namespace gsl::compiler
