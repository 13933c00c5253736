// Go-syntax rendering of expressions for error messages (see expr_string.h).
#include "parser/expr_string.h"

namespace gsl::parser {

namespace {

class Printer {
 public:
  std::string out;

  void expr(const Expr* x) {
    if (x == nullptr) return;
    switch (x->kind) {
      case NodeKind::BadExpr:
        out += "<bad expr>";
        break;
      case NodeKind::Ident:
        out += static_cast<const Ident*>(x)->name;
        break;
      case NodeKind::Ellipsis:
        out += "...";
        expr(static_cast<const Ellipsis*>(x)->elt);
        break;
      case NodeKind::BasicLit:
        out += static_cast<const BasicLit*>(x)->value;
        break;
      case NodeKind::CompositeLit: {
        auto* c = static_cast<const CompositeLit*>(x);
        expr(c->type);
        out += c->elts.empty() ? "{}" : "{…}";
        break;
      }
      case NodeKind::FuncLit: {
        auto* f = static_cast<const FuncLit*>(x);
        expr(f->type);
        out += (f->body != nullptr && !f->body->list.empty()) ? " {…}" : " {}";
        break;
      }
      case NodeKind::ParenExpr:
        out += '(';
        expr(static_cast<const ParenExpr*>(x)->x);
        out += ')';
        break;
      case NodeKind::SelectorExpr: {
        auto* s = static_cast<const SelectorExpr*>(x);
        expr(s->x);
        out += '.';
        expr(s->sel);
        break;
      }
      case NodeKind::IndexExpr: {
        auto* ix = static_cast<const IndexExpr*>(x);
        expr(ix->x);
        out += '[';
        expr(ix->index);
        out += ']';
        break;
      }
      case NodeKind::IndexListExpr: {
        auto* ix = static_cast<const IndexListExpr*>(x);
        expr(ix->x);
        out += '[';
        list(ix->indices);
        out += ']';
        break;
      }
      case NodeKind::SliceExpr: {
        auto* s = static_cast<const SliceExpr*>(x);
        expr(s->x);
        out += '[';
        expr(s->low);
        out += ':';
        expr(s->high);
        if (s->slice3) {
          out += ':';
          expr(s->max);
        }
        out += ']';
        break;
      }
      case NodeKind::TypeAssertExpr: {
        auto* t = static_cast<const TypeAssertExpr*>(x);
        expr(t->x);
        out += ".(";
        if (t->type == nullptr) {
          out += "type";
        } else {
          expr(t->type);
        }
        out += ')';
        break;
      }
      case NodeKind::CallExpr: {
        auto* c = static_cast<const CallExpr*>(x);
        expr(c->fun);
        out += '(';
        list(c->args);
        if (c->hasEllipsis) out += "...";
        out += ')';
        break;
      }
      case NodeKind::StarExpr:
        out += '*';
        expr(static_cast<const StarExpr*>(x)->x);
        break;
      case NodeKind::UnaryExpr: {
        auto* u = static_cast<const UnaryExpr*>(x);
        out += lexer::tokenSpelling(u->op);
        expr(u->x);
        break;
      }
      case NodeKind::BinaryExpr: {
        // The left spine may be long: loop over it.
        std::vector<const BinaryExpr*> spine;
        const Expr* cur = x;
        while (auto* b = as<BinaryExpr>(cur)) {
          spine.push_back(b);
          cur = b->x;
        }
        expr(cur);
        for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
          out += ' ';
          out += lexer::tokenSpelling((*it)->op);
          out += ' ';
          expr((*it)->y);
        }
        break;
      }
      case NodeKind::KeyValueExpr: {
        auto* kv = static_cast<const KeyValueExpr*>(x);
        expr(kv->key);
        out += ": ";
        expr(kv->value);
        break;
      }
      case NodeKind::ArrayType: {
        auto* a = static_cast<const ArrayType*>(x);
        out += '[';
        expr(a->len);
        out += ']';
        expr(a->elt);
        break;
      }
      case NodeKind::StructType: {
        auto* s = static_cast<const StructType*>(x);
        out += "struct{";
        fields(s->fields, "; ");
        out += '}';
        break;
      }
      case NodeKind::FuncType:
        out += "func";
        signature(static_cast<const FuncType*>(x));
        break;
      case NodeKind::InterfaceType: {
        auto* it = static_cast<const InterfaceType*>(x);
        out += "interface{";
        bool first = true;
        for (const Field* f : it->methods.list) {
          if (!first) out += "; ";
          first = false;
          if (!f->names.empty() && is<FuncType>(f->type)) {
            expr(f->names[0]);
            signature(static_cast<const FuncType*>(f->type));
          } else {
            expr(f->type);
          }
        }
        out += '}';
        break;
      }
      case NodeKind::MapType: {
        auto* m = static_cast<const MapType*>(x);
        out += "map[";
        expr(m->key);
        out += ']';
        expr(m->value);
        break;
      }
      case NodeKind::ChanType: {
        auto* c = static_cast<const ChanType*>(x);
        if (c->dir == ChanDir::Recv) out += "<-";
        out += "chan";
        if (c->dir == ChanDir::Send) out += "<-";
        out += ' ';
        auto* e = as<ChanType>(c->value);
        if (c->dir == ChanDir::Both && e != nullptr && e->dir == ChanDir::Recv) {
          // chan (<-chan T), not chan <-chan T.
          out += '(';
          expr(c->value);
          out += ')';
        } else {
          expr(c->value);
        }
        break;
      }
      default:
        out += "<?>";
        break;
    }
  }

  void list(const std::vector<Expr*>& l) {
    for (size_t i = 0; i < l.size(); ++i) {
      if (i > 0) out += ", ";
      expr(l[i]);
    }
  }

  void fields(const FieldList& fl, const char* sep) {
    for (size_t i = 0; i < fl.list.size(); ++i) {
      if (i > 0) out += sep;
      const Field* f = fl.list[i];
      for (size_t j = 0; j < f->names.size(); ++j) {
        if (j > 0) out += ", ";
        expr(f->names[j]);
      }
      if (!f->names.empty()) out += ' ';
      expr(f->type);
      if (f->tag != nullptr) {
        out += ' ';
        expr(f->tag);
      }
    }
  }

  void signature(const FuncType* ft) {
    if (!ft->typeParams.list.empty()) {
      out += '[';
      fields(ft->typeParams, ", ");
      out += ']';
    }
    out += '(';
    fields(ft->params, ", ");
    out += ')';
    const auto& res = ft->results.list;
    if (res.empty()) return;
    out += ' ';
    if (res.size() == 1 && res[0]->names.empty()) {
      expr(res[0]->type);
    } else {
      out += '(';
      fields(ft->results, ", ");
      out += ')';
    }
  }
};

}  // namespace

std::string exprString(const Expr* x) {
  Printer p;
  p.expr(x);
  return std::move(p.out);
}

std::string stmtString(const Stmt* s) {
  Printer p;
  switch (s->kind) {
    case NodeKind::ExprStmt:
      p.expr(static_cast<const ExprStmt*>(s)->x);
      break;
    case NodeKind::SendStmt: {
      auto* st = static_cast<const SendStmt*>(s);
      p.expr(st->chan);
      p.out += " <- ";
      p.expr(st->value);
      break;
    }
    case NodeKind::IncDecStmt: {
      auto* st = static_cast<const IncDecStmt*>(s);
      p.expr(st->x);
      p.out += lexer::tokenSpelling(st->tok);
      break;
    }
    case NodeKind::AssignStmt: {
      auto* st = static_cast<const AssignStmt*>(s);
      p.list(st->lhs);
      p.out += ' ';
      p.out += lexer::tokenSpelling(st->tok);
      p.out += ' ';
      p.list(st->rhs);
      break;
    }
    case NodeKind::RangeStmt: {
      auto* st = static_cast<const RangeStmt*>(s);
      if (st->key != nullptr) {
        p.expr(st->key);
        if (st->value != nullptr) {
          p.out += ", ";
          p.expr(st->value);
        }
        p.out += ' ';
        p.out += lexer::tokenSpelling(st->tok);
        p.out += ' ';
      }
      p.out += "range ";
      p.expr(st->x);
      break;
    }
    default:
      p.out += nodeKindName(s->kind);
      break;
  }
  return std::move(p.out);
}

}  // namespace gsl::parser
