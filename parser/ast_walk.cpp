// Pre-order AST traversal (see ast_walk.h).
#include "parser/ast_walk.h"

namespace gsl::parser {

namespace {

class Walker {
 public:
  explicit Walker(const std::function<bool(Node*)>& visit) : visit_(visit) {}

  void node(Node* n) {
    if (n == nullptr || !visit_(n)) return;
    children(n);
  }

 private:
  const std::function<bool(Node*)>& visit_;

  // Not inlined, so that the recursive children() keeps a small frame.
  template <class T>
  [[gnu::noinline]] void list(const std::vector<T*>& l) {
    for (T* x : l) node(x);
  }
  [[gnu::noinline]] void fields(const FieldList& fl) { list(fl.list); }

  // The children of b, whose chain of left operands may be very long
  // (see kMaxBinaryChain): walked in a loop, in the same pre-order.
  [[gnu::noinline]] void binaryChain(BinaryExpr* b) {
    std::vector<BinaryExpr*> spine{b};
    Expr* cur = b->x;
    while (auto* inner = as<BinaryExpr>(cur)) {
      if (!visit_(inner)) {
        cur = nullptr;
        break;
      }
      spine.push_back(inner);
      cur = inner->x;
    }
    node(cur);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) node((*it)->y);
  }

  void children(Node* n) {
    switch (n->kind) {
      case NodeKind::BadExpr:
      case NodeKind::Ident:
      case NodeKind::BasicLit:
      case NodeKind::BadStmt:
      case NodeKind::EmptyStmt:
      case NodeKind::BadDecl:
        break;
      case NodeKind::Ellipsis:
        node(static_cast<Ellipsis*>(n)->elt);
        break;
      case NodeKind::CompositeLit: {
        auto* c = static_cast<CompositeLit*>(n);
        node(c->type);
        list(c->elts);
        break;
      }
      case NodeKind::FuncLit: {
        auto* f = static_cast<FuncLit*>(n);
        node(f->type);
        node(f->body);
        break;
      }
      case NodeKind::ParenExpr:
        node(static_cast<ParenExpr*>(n)->x);
        break;
      case NodeKind::SelectorExpr: {
        auto* s = static_cast<SelectorExpr*>(n);
        node(s->x);
        node(s->sel);
        break;
      }
      case NodeKind::IndexExpr: {
        auto* ix = static_cast<IndexExpr*>(n);
        node(ix->x);
        node(ix->index);
        break;
      }
      case NodeKind::IndexListExpr: {
        auto* ix = static_cast<IndexListExpr*>(n);
        node(ix->x);
        list(ix->indices);
        break;
      }
      case NodeKind::SliceExpr: {
        auto* s = static_cast<SliceExpr*>(n);
        node(s->x);
        node(s->low);
        node(s->high);
        node(s->max);
        break;
      }
      case NodeKind::TypeAssertExpr: {
        auto* t = static_cast<TypeAssertExpr*>(n);
        node(t->x);
        node(t->type);
        break;
      }
      case NodeKind::CallExpr: {
        auto* c = static_cast<CallExpr*>(n);
        node(c->fun);
        list(c->args);
        break;
      }
      case NodeKind::StarExpr:
        node(static_cast<StarExpr*>(n)->x);
        break;
      case NodeKind::UnaryExpr:
        node(static_cast<UnaryExpr*>(n)->x);
        break;
      case NodeKind::BinaryExpr:
        binaryChain(static_cast<BinaryExpr*>(n));
        break;
      case NodeKind::KeyValueExpr: {
        auto* kv = static_cast<KeyValueExpr*>(n);
        node(kv->key);
        node(kv->value);
        break;
      }
      case NodeKind::ArrayType: {
        auto* a = static_cast<ArrayType*>(n);
        node(a->len);
        node(a->elt);
        break;
      }
      case NodeKind::StructType:
        fields(static_cast<StructType*>(n)->fields);
        break;
      case NodeKind::FuncType: {
        auto* f = static_cast<FuncType*>(n);
        fields(f->typeParams);
        fields(f->params);
        fields(f->results);
        break;
      }
      case NodeKind::InterfaceType:
        fields(static_cast<InterfaceType*>(n)->methods);
        break;
      case NodeKind::MapType: {
        auto* m = static_cast<MapType*>(n);
        node(m->key);
        node(m->value);
        break;
      }
      case NodeKind::ChanType:
        node(static_cast<ChanType*>(n)->value);
        break;
      case NodeKind::DeclStmt:
        node(static_cast<DeclStmt*>(n)->decl);
        break;
      case NodeKind::LabeledStmt: {
        auto* l = static_cast<LabeledStmt*>(n);
        node(l->label);
        node(l->stmt);
        break;
      }
      case NodeKind::ExprStmt:
        node(static_cast<ExprStmt*>(n)->x);
        break;
      case NodeKind::SendStmt: {
        auto* s = static_cast<SendStmt*>(n);
        node(s->chan);
        node(s->value);
        break;
      }
      case NodeKind::IncDecStmt:
        node(static_cast<IncDecStmt*>(n)->x);
        break;
      case NodeKind::AssignStmt: {
        auto* a = static_cast<AssignStmt*>(n);
        list(a->lhs);
        list(a->rhs);
        break;
      }
      case NodeKind::GoStmt:
        node(static_cast<GoStmt*>(n)->call);
        break;
      case NodeKind::DeferStmt:
        node(static_cast<DeferStmt*>(n)->call);
        break;
      case NodeKind::ReturnStmt:
        list(static_cast<ReturnStmt*>(n)->results);
        break;
      case NodeKind::BranchStmt:
        node(static_cast<BranchStmt*>(n)->label);
        break;
      case NodeKind::BlockStmt:
        list(static_cast<BlockStmt*>(n)->list);
        break;
      case NodeKind::IfStmt: {
        auto* s = static_cast<IfStmt*>(n);
        node(s->init);
        node(s->cond);
        node(s->body);
        node(s->els);
        break;
      }
      case NodeKind::CaseClause: {
        auto* c = static_cast<CaseClause*>(n);
        list(c->list);
        list(c->body);
        break;
      }
      case NodeKind::SwitchStmt: {
        auto* s = static_cast<SwitchStmt*>(n);
        node(s->init);
        node(s->tag);
        node(s->body);
        break;
      }
      case NodeKind::TypeSwitchStmt: {
        auto* s = static_cast<TypeSwitchStmt*>(n);
        node(s->init);
        node(s->assign);
        node(s->body);
        break;
      }
      case NodeKind::CommClause: {
        auto* c = static_cast<CommClause*>(n);
        node(c->comm);
        list(c->body);
        break;
      }
      case NodeKind::SelectStmt:
        node(static_cast<SelectStmt*>(n)->body);
        break;
      case NodeKind::ForStmt: {
        auto* s = static_cast<ForStmt*>(n);
        node(s->init);
        node(s->cond);
        node(s->post);
        node(s->body);
        break;
      }
      case NodeKind::RangeStmt: {
        auto* s = static_cast<RangeStmt*>(n);
        node(s->key);
        node(s->value);
        node(s->x);
        node(s->body);
        break;
      }
      case NodeKind::ImportSpec: {
        auto* s = static_cast<ImportSpec*>(n);
        node(s->name);
        node(s->path);
        break;
      }
      case NodeKind::ValueSpec: {
        auto* s = static_cast<ValueSpec*>(n);
        list(s->names);
        node(s->type);
        list(s->values);
        break;
      }
      case NodeKind::TypeSpec: {
        auto* s = static_cast<TypeSpec*>(n);
        node(s->name);
        fields(s->typeParams);
        node(s->type);
        break;
      }
      case NodeKind::GenDecl:
        list(static_cast<GenDecl*>(n)->specs);
        break;
      case NodeKind::FuncDecl: {
        auto* f = static_cast<FuncDecl*>(n);
        if (f->recv != nullptr) fields(*f->recv);
        node(f->name);
        node(f->type);
        node(f->body);
        break;
      }
      case NodeKind::Field: {
        auto* f = static_cast<Field*>(n);
        list(f->names);
        node(f->type);
        node(f->tag);
        break;
      }
      case NodeKind::File: {
        auto* f = static_cast<File*>(n);
        node(f->packageName);
        list(f->items);
        break;
      }
    }
  }
};

}  // namespace

void walkAst(Node* n, const std::function<bool(Node*)>& visit) { Walker(visit).node(n); }

}  // namespace gsl::parser
