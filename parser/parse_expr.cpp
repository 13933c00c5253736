// Expression productions of the parser (see parser_impl.h).
#include "parser/expr_string.h"
#include "parser/parser_impl.h"

namespace gsl::parser {

// identifier = letter { letter | unicode_digit } .
Ident* Parser::name() {
  if (at(Tok::Ident)) {
    Ident* id = newIdent(pos(), tok_.text);
    next();
    return id;
  }
  Ident* id = newIdent(pos(), "_");
  syntaxError("expected name");
  advance({});
  return id;
}

// IdentifierList = identifier { "," identifier } .
std::vector<Ident*> Parser::nameList(Ident* first) {
  std::vector<Ident*> l{first};
  while (got(Tok::Comma)) l.push_back(name());
  return l;
}

BasicLit* Parser::literalOrNull() {
  LitKind kind;
  switch (tok_.kind) {
    case Tok::Int:
      kind = LitKind::Int;
      break;
    case Tok::Float:
      kind = LitKind::Float;
      break;
    case Tok::Imag:
      kind = LitKind::Imag;
      break;
    case Tok::Char:
      kind = LitKind::Char;
      break;
    case Tok::String:
      kind = LitKind::String;
      break;
    default:
      return nullptr;
  }
  BasicLit* b = make<BasicLit>(pos());
  b->litKind = kind;
  b->value = tok_.text;
  next();
  return b;
}

Expr* Parser::expr() { return binaryExpr(nullptr, 0); }

// ExpressionList = Expression { "," Expression } .
std::vector<Expr*> Parser::exprList() {
  std::vector<Expr*> l{expr()};
  while (got(Tok::Comma)) l.push_back(expr());
  return l;
}

// Expression = UnaryExpr | Expression binary_op Expression .
Expr* Parser::binaryExpr(Expr* x, int prec) {
  if (x == nullptr) x = unaryExpr();
  // A long chain `a + b + ... + z` nests to the left: each operator is
  // one level deeper in the tree.
  for (int chain = 1;; ++chain) {
    int tprec = binaryPrecedence(tok_.kind);
    if (tprec <= prec) return x;
    if (chain > kMaxBinaryChain) {
      nestingOverflow();
      return x;
    }
    BinaryExpr* b = make<BinaryExpr>(x->pos);
    b->x = x;
    b->op = tok_.kind;
    b->opPos = pos();
    next();
    b->y = binaryExpr(nullptr, tprec);
    x = b;
  }
}

// UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
// unary_op  = "+" | "-" | "!" | "^" | "*" | "&" | "<-" .
Expr* Parser::unaryExpr() {
  NestGuard guard(this);
  if (tooDeep()) return badExpr();
  switch (tok_.kind) {
    case Tok::Mul: {
      StarExpr* s = make<StarExpr>(pos());
      next();
      s->x = unaryExpr();
      return s;
    }
    case Tok::Add:
    case Tok::Sub:
    case Tok::Not:
    case Tok::Xor:
    case Tok::Tilde:
    case Tok::And: {
      UnaryExpr* u = make<UnaryExpr>(pos());
      u->op = tok_.kind;
      next();
      u->x = unaryExpr();
      return u;
    }
    case Tok::Arrow: {
      // A receive (<-x) or a receive-only channel type (<-chan E): which
      // one is known only after the operand has been parsed.
      Pos arrow = pos();
      next();
      Expr* x = unaryExpr();
      if (auto* c = as<ChanType>(x)) {
        // Re-associate the arrow with the channel type:
        //   <-(chan E)   =>  (<-chan E)
        //   <-(chan<-E)  =>  (<-chan (<-E))
        ChanDir dir = ChanDir::Send;
        Expr* t = c;
        Pos prevArrow = arrow;  // The arrow that now starts `t`.
        while (dir == ChanDir::Send) {
          auto* ct = as<ChanType>(t);
          if (ct == nullptr) break;
          dir = ct->dir;
          if (dir == ChanDir::Recv) {
            // <-<-chan E is not a type.
            syntaxError("unexpected <-, expected chan");
          }
          Pos ownArrow = ct->arrow;
          ct->dir = ChanDir::Recv;
          ct->arrow = prevArrow;
          ct->pos = prevArrow;
          prevArrow = ownArrow;
          t = ct->value;
        }
        if (dir == ChanDir::Send) {
          syntaxError("unexpected " + exprString(t) + ", expected chan");
        }
        return x;
      }
      UnaryExpr* u = make<UnaryExpr>(arrow);
      u->op = Tok::Arrow;
      u->x = x;
      return u;
    }
    default:
      return pexpr(nullptr);
  }
}

// Operand     = Literal | OperandName [ TypeArgs ] | "(" Expression ")" .
// Literal     = BasicLit | CompositeLit | FunctionLit .
// OperandName = identifier | QualifiedIdent .
Expr* Parser::operand() {
  switch (tok_.kind) {
    case Tok::Ident:
      return name();
    case Tok::Int:
    case Tok::Float:
    case Tok::Imag:
    case Tok::Char:
    case Tok::String:
      return literalOrNull();
    case Tok::LParen: {
      ParenExpr* p = make<ParenExpr>(pos());
      next();
      ++xnest_;
      p->x = expr();
      --xnest_;
      p->rparen = pos();
      wantClose(Tok::RParen, p->pos);
      return p;
    }
    case Tok::Func: {
      Pos fpos = pos();
      next();
      FuncType* ft = funcType(fpos, "function type");
      if (at(Tok::LBrace)) {
        ++xnest_;
        FuncLit* f = make<FuncLit>(fpos);
        f->type = ft;
        f->body = funcBody();
        --xnest_;
        return f;
      }
      return ft;
    }
    case Tok::LBrack:
    case Tok::Chan:
    case Tok::Map:
    case Tok::Struct:
    case Tok::Interface:
      return type();
    default: {
      Expr* x = badExpr();
      syntaxError("expected expression");
      advance({Tok::RParen, Tok::RBrack, Tok::RBrace});
      return x;
    }
  }
}

// isValue reports whether x syntactically must be a value (not a type).
static bool isValue(Expr* x) {
  switch (x->kind) {
    case NodeKind::BasicLit:
    case NodeKind::CompositeLit:
    case NodeKind::FuncLit:
    case NodeKind::SliceExpr:
    case NodeKind::TypeAssertExpr:
    case NodeKind::CallExpr:
    case NodeKind::UnaryExpr:
    case NodeKind::BinaryExpr:
      return true;
    case NodeKind::ParenExpr:
      return isValue(static_cast<ParenExpr*>(x)->x);
    case NodeKind::IndexExpr: {
      auto* ix = static_cast<IndexExpr*>(x);
      return isValue(ix->x) || isValue(ix->index);
    }
    case NodeKind::IndexListExpr:
      return isValue(static_cast<IndexListExpr*>(x)->x);
    default:
      return false;
  }
}

// typeList = arg { "," arg } [ "," ] . (inside brackets)
std::vector<Expr*> Parser::typeList(bool* comma) {
  *comma = false;
  ++xnest_;
  std::vector<Expr*> l{expr()};
  while (got(Tok::Comma)) {
    *comma = true;
    if (at(Tok::RBrack)) break;
    Expr* t = typeOrNull();
    if (t == nullptr) break;
    l.push_back(t);
  }
  --xnest_;
  return l;
}

// PrimaryExpr = Operand | Conversion | MethodExpr | PrimaryExpr Selector |
//               PrimaryExpr Index | PrimaryExpr Slice |
//               PrimaryExpr TypeAssertion | PrimaryExpr Arguments .
// Selector      = "." identifier .
// Index         = "[" Expression [ "," ] "]" .
// Slice         = "[" [ Expression ] ":" [ Expression ] "]" |
//                 "[" [ Expression ] ":" Expression ":" Expression "]" .
// TypeAssertion = "." "(" Type ")" .
// Arguments     = "(" [ ( ExpressionList | Type [ "," ExpressionList ] ) [ "..." ] [ "," ] ] ")" .
Expr* Parser::pexpr(Expr* x) {
  if (x == nullptr) x = operand();
  for (;;) {
    switch (tok_.kind) {
      case Tok::Period: {
        Pos dot = pos();
        next();
        if (at(Tok::Ident)) {
          SelectorExpr* s = make<SelectorExpr>(x->pos);
          s->x = x;
          s->dot = dot;
          s->sel = name();
          x = s;
        } else if (at(Tok::LParen)) {
          TypeAssertExpr* t = make<TypeAssertExpr>(x->pos);
          t->x = x;
          t->dot = dot;
          t->lparen = pos();
          next();
          if (!got(Tok::Type)) t->type = type();
          t->rparen = pos();
          wantClose(Tok::RParen, t->lparen);
          x = t;
        } else {
          syntaxError("expected name or (");
          advance({Tok::Semicolon, Tok::RParen});
        }
        break;
      }
      case Tok::LBrack: {
        Pos lbrack = pos();
        next();
        if (at(Tok::RBrack)) {
          // An empty index, slice or instance: accept but complain.
          syntaxError("expected operand");
          next();
          break;
        }
        Expr* i = nullptr;
        if (!at(Tok::Colon)) {
          bool comma = false;
          std::vector<Expr*> l = typeList(&comma);
          if (comma || at(Tok::RBrack)) {
            Pos rbrack = pos();
            wantClose(Tok::RBrack, lbrack);
            if (l.size() == 1) {
              IndexExpr* ix = make<IndexExpr>(x->pos);
              ix->x = x;
              ix->lbrack = lbrack;
              ix->index = l[0];
              ix->rbrack = rbrack;
              x = ix;
            } else {
              IndexListExpr* ix = make<IndexListExpr>(x->pos);
              ix->x = x;
              ix->lbrack = lbrack;
              ix->indices = std::move(l);
              ix->rbrack = rbrack;
              x = ix;
            }
            break;
          }
          i = l[0];
        }
        // x[i:...
        if (!got(Tok::Colon)) {
          syntaxError("expected comma, : or ]");
          advance({Tok::Comma, Tok::Colon, Tok::RBrack});
        }
        ++xnest_;
        SliceExpr* s = make<SliceExpr>(x->pos);
        s->x = x;
        s->lbrack = lbrack;
        s->low = i;
        if (!at(Tok::Colon) && !at(Tok::RBrack)) s->high = expr();
        if (at(Tok::Colon)) {
          s->slice3 = true;
          if (s->high == nullptr) {
            errorAt(pos(), "middle index required in 3-index slice");
            s->high = badExpr();
          }
          next();
          if (!at(Tok::RBrack)) {
            s->max = expr();
          } else {
            errorAt(pos(), "final index required in 3-index slice");
            s->max = badExpr();
          }
        }
        --xnest_;
        s->rbrack = pos();
        wantClose(Tok::RBrack, lbrack);
        x = s;
        break;
      }
      case Tok::LParen: {
        CallExpr* c = make<CallExpr>(x->pos);
        c->fun = x;
        c->lparen = pos();
        next();
        ++xnest_;
        c->rparen = list("argument list", c->lparen, Tok::Comma, Tok::RParen, [&] {
          c->args.push_back(expr());
          if (at(Tok::Ellipsis)) {
            c->hasEllipsis = true;
            c->ellipsis = pos();
            next();
          }
          return c->hasEllipsis;
        });
        --xnest_;
        x = c;
        break;
      }
      case Tok::LBrace: {
        // Does the brace open a composite literal or a block? Inside a
        // control clause header (xnest_ < 0) a bare type name cannot start
        // a composite literal: `if x == T {` opens the block.
        Expr* t = unparen(x);
        bool complitOk = false;
        switch (t->kind) {
          case NodeKind::Ident:
          case NodeKind::SelectorExpr:
            complitOk = xnest_ >= 0;
            break;
          case NodeKind::IndexExpr:
          case NodeKind::IndexListExpr:
            complitOk = xnest_ >= 0 && !isValue(t);
            break;
          case NodeKind::ArrayType:
          case NodeKind::StructType:
          case NodeKind::MapType:
            complitOk = true;
            break;
          default:
            break;
        }
        if (!complitOk) return x;
        if (t != x) syntaxError("cannot parenthesize type in composite literal");
        auto* lit = static_cast<CompositeLit*>(complitExpr());
        lit->type = x;
        lit->pos = x->pos;
        x = lit;
        break;
      }
      default:
        return x;
    }
  }
}

// Element = Expression | LiteralValue .
Expr* Parser::bareComplitExpr() {
  if (at(Tok::LBrace)) return complitExpr();
  return expr();
}

// LiteralValue = "{" [ ElementList [ "," ] ] "}" .
// ElementList  = KeyedElement { "," KeyedElement } .
// KeyedElement = [ Key ":" ] Element .
Expr* Parser::complitExpr() {
  NestGuard guard(this);
  CompositeLit* lit = make<CompositeLit>(pos());
  lit->lbrace = pos();
  ++xnest_;
  want(Tok::LBrace);
  lit->rbrace = list("composite literal", lit->lbrace, Tok::Comma, Tok::RBrace, [&] {
    Expr* e = bareComplitExpr();
    if (at(Tok::Colon)) {
      KeyValueExpr* kv = make<KeyValueExpr>(e->pos);
      kv->key = e;
      kv->colon = pos();
      next();
      kv->value = bareComplitExpr();
      e = kv;
    }
    lit->elts.push_back(e);
    return false;
  });
  --xnest_;
  return lit;
}

}  // namespace gsl::parser
