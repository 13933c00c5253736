// S-expression dumps of the AST (see ast_dump.h).
#include "parser/ast_dump.h"

namespace gsl::parser {

namespace {

class Dumper {
 public:
  explicit Dumper(bool multiline) : multiline_(multiline) {}
  std::string out;

  void node(const Node* n) {
    if (n == nullptr) {
      out += "nil";
      return;
    }
    if (isExprKind(n->kind)) {
      expr(static_cast<const Expr*>(n));
    } else if (isStmtKind(n->kind)) {
      stmt(static_cast<const Stmt*>(n));
    } else if (isSpecKind(n->kind)) {
      spec(static_cast<const Spec*>(n));
    } else if (isDeclKind(n->kind)) {
      decl(static_cast<const Decl*>(n));
    } else if (auto* f = as<Field>(n)) {
      field(f);
    } else {
      out += "(file)";
    }
  }

 private:
  bool multiline_;
  bool embedded_ = false;  // Inside a struct or interface field list.
  int depth_ = 0;

  void sp() { out += ' '; }

  template <class T>
  void each(const std::vector<T*>& l) {
    for (const T* x : l) {
      sp();
      node(x);
    }
  }

  void exprs(const char* head, const std::vector<Expr*>& l) {
    out += '(';
    out += head;
    for (size_t i = 0; i < l.size(); ++i) {
      if (i > 0 || *head != '\0') sp();
      node(l[i]);
    }
    out += ')';
  }

  void fieldList(const char* head, const FieldList& fl) {
    bool outer = embedded_;
    embedded_ = std::string_view(head) == "struct" || std::string_view(head) == "interface";
    out += '(';
    out += head;
    each(fl.list);
    out += ')';
    embedded_ = outer;
  }

  void field(const Field* f) {
    // (field a b T "tag"); an embedded struct field or interface element
    // without a name is (embed T).
    out += f->names.empty() && embedded_ ? "(embed" : "(field";
    each(f->names);
    sp();
    node(f->type);
    if (f->tag != nullptr) {
      sp();
      node(f->tag);
    }
    out += ')';
  }

  void expr(const Expr* x) {
    switch (x->kind) {
      case NodeKind::BadExpr:
        out += "(bad)";
        break;
      case NodeKind::Ident:
        out += static_cast<const Ident*>(x)->name;
        break;
      case NodeKind::Ellipsis:
        out += "(...";
        if (auto* e = static_cast<const Ellipsis*>(x)->elt) {
          sp();
          node(e);
        }
        out += ')';
        break;
      case NodeKind::BasicLit:
        out += static_cast<const BasicLit*>(x)->value;
        break;
      case NodeKind::CompositeLit: {
        auto* c = static_cast<const CompositeLit*>(x);
        out += "(lit ";
        node(c->type);
        each(c->elts);
        out += ')';
        break;
      }
      case NodeKind::FuncLit: {
        auto* f = static_cast<const FuncLit*>(x);
        out += "(funclit ";
        node(f->type);
        sp();
        node(f->body);
        out += ')';
        break;
      }
      case NodeKind::ParenExpr:
        out += "(paren ";
        node(static_cast<const ParenExpr*>(x)->x);
        out += ')';
        break;
      case NodeKind::SelectorExpr: {
        auto* s = static_cast<const SelectorExpr*>(x);
        out += "(. ";
        node(s->x);
        sp();
        node(s->sel);
        out += ')';
        break;
      }
      case NodeKind::IndexExpr: {
        auto* ix = static_cast<const IndexExpr*>(x);
        out += "(index ";
        node(ix->x);
        sp();
        node(ix->index);
        out += ')';
        break;
      }
      case NodeKind::IndexListExpr: {
        auto* ix = static_cast<const IndexListExpr*>(x);
        out += "(index ";
        node(ix->x);
        each(ix->indices);
        out += ')';
        break;
      }
      case NodeKind::SliceExpr: {
        auto* s = static_cast<const SliceExpr*>(x);
        out += "(slice ";
        node(s->x);
        sp();
        node(s->low);
        sp();
        node(s->high);
        if (s->slice3) {
          sp();
          node(s->max);
        }
        out += ')';
        break;
      }
      case NodeKind::TypeAssertExpr: {
        auto* t = static_cast<const TypeAssertExpr*>(x);
        out += "(assert ";
        node(t->x);
        sp();
        if (t->type == nullptr) {
          out += "type";
        } else {
          node(t->type);
        }
        out += ')';
        break;
      }
      case NodeKind::CallExpr: {
        auto* c = static_cast<const CallExpr*>(x);
        out += c->hasEllipsis ? "(call... " : "(call ";
        node(c->fun);
        each(c->args);
        out += ')';
        break;
      }
      case NodeKind::StarExpr:
        out += "(star ";
        node(static_cast<const StarExpr*>(x)->x);
        out += ')';
        break;
      case NodeKind::UnaryExpr: {
        auto* u = static_cast<const UnaryExpr*>(x);
        out += '(';
        out += lexer::tokenSpelling(u->op);
        sp();
        node(u->x);
        out += ')';
        break;
      }
      case NodeKind::BinaryExpr: {
        // (op (op a b) c): the left spine may be long, so loop over it.
        std::vector<const BinaryExpr*> spine;
        const Expr* cur = x;
        while (auto* b = as<BinaryExpr>(cur)) {
          out += '(';
          out += lexer::tokenSpelling(b->op);
          sp();
          spine.push_back(b);
          cur = b->x;
        }
        node(cur);
        for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
          sp();
          node((*it)->y);
          out += ')';
        }
        break;
      }
      case NodeKind::KeyValueExpr: {
        auto* kv = static_cast<const KeyValueExpr*>(x);
        out += "(kv ";
        node(kv->key);
        sp();
        node(kv->value);
        out += ')';
        break;
      }
      case NodeKind::ArrayType: {
        auto* a = static_cast<const ArrayType*>(x);
        if (a->len == nullptr) {
          out += "(slicetype ";
        } else {
          out += "(array ";
          if (is<Ellipsis>(a->len)) {
            out += "...";
          } else {
            node(a->len);
          }
          sp();
        }
        node(a->elt);
        out += ')';
        break;
      }
      case NodeKind::StructType:
        fieldList("struct", static_cast<const StructType*>(x)->fields);
        break;
      case NodeKind::FuncType: {
        auto* f = static_cast<const FuncType*>(x);
        out += "(functype ";
        if (!f->typeParams.list.empty()) {
          fieldList("typeparams", f->typeParams);
          sp();
        }
        fieldList("params", f->params);
        sp();
        fieldList("results", f->results);
        out += ')';
        break;
      }
      case NodeKind::InterfaceType:
        fieldList("interface", static_cast<const InterfaceType*>(x)->methods);
        break;
      case NodeKind::MapType: {
        auto* m = static_cast<const MapType*>(x);
        out += "(map ";
        node(m->key);
        sp();
        node(m->value);
        out += ')';
        break;
      }
      case NodeKind::ChanType: {
        auto* c = static_cast<const ChanType*>(x);
        out += c->dir == ChanDir::Both   ? "(chan "
               : c->dir == ChanDir::Send ? "(chan<- "
                                         : "(<-chan ";
        node(c->value);
        out += ')';
        break;
      }
      default:
        out += "(?)";
        break;
    }
  }

  void newline() {
    out += '\n';
    out.append(static_cast<size_t>(depth_) * 2, ' ');
  }

  void stmtList(const std::vector<Stmt*>& l) {
    ++depth_;
    for (const Stmt* s : l) {
      if (multiline_) {
        newline();
      } else {
        sp();
      }
      node(s);
    }
    --depth_;
  }

  void block(const BlockStmt* b) {
    if (b == nullptr) {
      out += "nil";
      return;
    }
    out += "(block";
    stmtList(b->list);
    out += ')';
  }

  void stmt(const Stmt* s) {
    switch (s->kind) {
      case NodeKind::BadStmt:
        out += "(badstmt)";
        break;
      case NodeKind::DeclStmt:
        node(static_cast<const DeclStmt*>(s)->decl);
        break;
      case NodeKind::EmptyStmt:
        out += "(empty)";
        break;
      case NodeKind::LabeledStmt: {
        auto* l = static_cast<const LabeledStmt*>(s);
        out += "(label ";
        node(l->label);
        sp();
        node(l->stmt);
        out += ')';
        break;
      }
      case NodeKind::ExprStmt:
        out += "(expr ";
        node(static_cast<const ExprStmt*>(s)->x);
        out += ')';
        break;
      case NodeKind::SendStmt: {
        auto* st = static_cast<const SendStmt*>(s);
        out += "(send ";
        node(st->chan);
        sp();
        node(st->value);
        out += ')';
        break;
      }
      case NodeKind::IncDecStmt: {
        auto* st = static_cast<const IncDecStmt*>(s);
        out += '(';
        out += lexer::tokenSpelling(st->tok);
        sp();
        node(st->x);
        out += ')';
        break;
      }
      case NodeKind::AssignStmt: {
        auto* st = static_cast<const AssignStmt*>(s);
        out += '(';
        out += lexer::tokenSpelling(st->tok);
        sp();
        exprs("", st->lhs);
        sp();
        exprs("", st->rhs);
        out += ')';
        break;
      }
      case NodeKind::GoStmt:
        out += "(go ";
        node(static_cast<const GoStmt*>(s)->call);
        out += ')';
        break;
      case NodeKind::DeferStmt:
        out += "(defer ";
        node(static_cast<const DeferStmt*>(s)->call);
        out += ')';
        break;
      case NodeKind::ReturnStmt:
        exprs("return", static_cast<const ReturnStmt*>(s)->results);
        break;
      case NodeKind::BranchStmt: {
        auto* b = static_cast<const BranchStmt*>(s);
        out += '(';
        out += lexer::tokenSpelling(b->tok);
        if (b->label != nullptr) {
          sp();
          node(b->label);
        }
        out += ')';
        break;
      }
      case NodeKind::BlockStmt:
        block(static_cast<const BlockStmt*>(s));
        break;
      case NodeKind::IfStmt: {
        auto* st = static_cast<const IfStmt*>(s);
        out += "(if ";
        node(st->init);
        sp();
        node(st->cond);
        sp();
        block(st->body);
        if (st->els != nullptr) {
          sp();
          node(st->els);
        }
        out += ')';
        break;
      }
      case NodeKind::CaseClause: {
        auto* c = static_cast<const CaseClause*>(s);
        if (c->isDefault) {
          out += "(default";
        } else {
          exprs("case", c->list);
          out.pop_back();
        }
        stmtList(c->body);
        out += ')';
        break;
      }
      case NodeKind::SwitchStmt: {
        auto* st = static_cast<const SwitchStmt*>(s);
        out += "(switch ";
        node(st->init);
        sp();
        node(st->tag);
        stmtList(st->body->list);
        out += ')';
        break;
      }
      case NodeKind::TypeSwitchStmt: {
        auto* st = static_cast<const TypeSwitchStmt*>(s);
        out += "(typeswitch ";
        node(st->init);
        sp();
        node(st->assign);
        stmtList(st->body->list);
        out += ')';
        break;
      }
      case NodeKind::CommClause: {
        auto* c = static_cast<const CommClause*>(s);
        if (c->comm == nullptr) {
          out += "(default";
        } else {
          out += "(comm ";
          node(c->comm);
        }
        stmtList(c->body);
        out += ')';
        break;
      }
      case NodeKind::SelectStmt:
        out += "(select";
        stmtList(static_cast<const SelectStmt*>(s)->body->list);
        out += ')';
        break;
      case NodeKind::ForStmt: {
        auto* st = static_cast<const ForStmt*>(s);
        out += "(for ";
        node(st->init);
        sp();
        node(st->cond);
        sp();
        node(st->post);
        sp();
        block(st->body);
        out += ')';
        break;
      }
      case NodeKind::RangeStmt: {
        auto* st = static_cast<const RangeStmt*>(s);
        out += "(range ";
        node(st->key);
        sp();
        node(st->value);
        sp();
        out += st->tok == Tok::Illegal ? "nil" : lexer::tokenSpelling(st->tok);
        sp();
        node(st->x);
        sp();
        block(st->body);
        out += ')';
        break;
      }
      default:
        out += "(?)";
        break;
    }
  }

  void spec(const Spec* s) {
    if (auto* is = as<ImportSpec>(s)) {
      out += "(import ";
      node(is->name);
      sp();
      node(is->path);
      out += ')';
    } else if (auto* vs = as<ValueSpec>(s)) {
      out += "(spec";
      each(vs->names);
      sp();
      node(vs->type);
      sp();
      exprs("", vs->values);
      out += ')';
    } else if (auto* ts = as<TypeSpec>(s)) {
      out += ts->isAlias() ? "(alias " : "(typespec ";
      node(ts->name);
      sp();
      if (!ts->typeParams.list.empty()) {
        fieldList("typeparams", ts->typeParams);
        sp();
      }
      node(ts->type);
      out += ')';
    }
  }

  void decl(const Decl* d) {
    if (auto* g = as<GenDecl>(d)) {
      out += '(';
      out += lexer::tokenSpelling(g->tok);
      for (const Spec* s : g->specs) {
        sp();
        if (auto* vs = as<ValueSpec>(s); vs != nullptr && g->tok == Tok::Const) {
          out += "iota=" + std::to_string(vs->iota) + ":";
        }
        node(s);
      }
      out += ')';
    } else if (auto* f = as<FuncDecl>(d)) {
      out += "(func ";
      if (f->recv != nullptr) {
        fieldList("recv", *f->recv);
        sp();
      }
      node(f->name);
      sp();
      node(f->type);
      sp();
      block(f->body);
      out += ')';
    } else {
      out += "(baddecl)";
    }
  }
};

}  // namespace

std::string dumpAst(const File& file) {
  Dumper d(true);
  d.out += "(package ";
  d.out += file.packageName != nullptr ? file.packageName->name : std::string_view("nil");
  d.out += ")\n";
  for (const Node* n : file.items) {
    d.node(n);
    d.out += '\n';
  }
  return std::move(d.out);
}

std::string dumpNode(const Node* n) {
  Dumper d(false);
  d.node(n);
  return std::move(d.out);
}

}  // namespace gsl::parser
