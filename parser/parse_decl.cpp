// Declaration productions of the parser (see parser_impl.h).
#include "lexer/literal.h"
#include "parser/parser_impl.h"

namespace gsl::parser {

// gotAssign is got(Assign) that also accepts ":=" (with an error), for
// better recovery.
bool Parser::gotAssign() {
  if (at(Tok::Define)) {
    syntaxError("expected =");
    next();
    return true;
  }
  return got(Tok::Assign);
}

// At top level, after `func (`: is this a method declaration
// (`func (r T) Name(`) rather than a function literal statement
// (`func(x int) { ... }(1)`)? Looks past the balanced parenthesis.
bool Parser::isMethodDeclAhead() {
  // Give up looking after this many tokens; a receiver is never this long.
  constexpr int kMaxLookahead = 4096;
  int depth = 0;
  for (int i = 1; i < kMaxLookahead; ++i) {
    Tok t = peek(i).kind;
    if (t == Tok::Eof) return true;  // Let funcDecl report the error.
    if (t == Tok::LParen) {
      ++depth;
    } else if (t == Tok::RParen) {
      if (--depth == 0) {
        // `func (r T) Name(` (or `Name[`, a malformed generic method).
        Tok after = peek(i + 2).kind;
        return peek(i + 1).kind == Tok::Ident && (after == Tok::LParen || after == Tok::LBrack);
      }
    }
  }
  return true;
}

// Declaration = ConstDecl | TypeDecl | VarDecl . ImportDecl similarly:
//   ConstDecl = "const" ( ConstSpec | "(" { ConstSpec ";" } ")" ) .
// The keyword is the current token.
GenDecl* Parser::genDecl(Tok keyword) {
  GenDecl* g = make<GenDecl>(pos());
  g->tok = keyword;
  next();
  auto spec = [&](int index, ValueSpec* prev) -> Spec* {
    switch (keyword) {
      case Tok::Import:
        return importSpec();
      case Tok::Const:
        return constSpec(index, prev);
      case Tok::Type:
        return typeSpec();
      default:
        return varSpec();
    }
  };
  if (at(Tok::LParen)) {
    g->lparen = pos();
    next();
    ValueSpec* prev = nullptr;
    g->rparen = list("grouped declaration", g->lparen, Tok::Semicolon, Tok::RParen, [&] {
      Spec* s = spec(static_cast<int>(g->specs.size()), prev);
      if (auto* vs = as<ValueSpec>(s)) prev = vs;
      g->specs.push_back(s);
      return false;
    });
  } else {
    g->specs.push_back(spec(0, nullptr));
  }
  return g;
}

// ImportSpec = [ "." | PackageName ] ImportPath .
// ImportPath = string_lit .
ImportSpec* Parser::importSpec() {
  ImportSpec* s = make<ImportSpec>(pos());
  if (at(Tok::Ident)) {
    s->name = name();
  } else if (at(Tok::Period)) {
    s->name = newIdent(pos(), ".");
    next();
  }
  s->path = literalOrNull();
  if (s->path == nullptr) {
    syntaxError("missing import path");
    advance({Tok::Semicolon, Tok::RParen});
    s->path = make<BasicLit>(pos());
    s->path->litKind = LitKind::String;
    return s;
  }
  if (s->path->litKind != LitKind::String) {
    syntaxErrorAt(s->path->pos, "import path must be a string");
    return s;
  }
  std::string value;
  if (lexer::unquoteString(s->path->value, &value)) s->pathValue = prog_.arena().save(value);
  return s;
}

// ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
ValueSpec* Parser::constSpec(int iota, ValueSpec* prev) {
  ValueSpec* s = make<ValueSpec>(pos());
  s->iota = iota;
  s->names = nameList(name());
  if (!at(Tok::Eof) && !at(Tok::Semicolon) && !at(Tok::RParen)) {
    s->type = typeOrNull();
    if (gotAssign()) s->values = exprList();
  }
  if (!s->values.empty()) {
    s->source = s;
  } else if (s->type == nullptr && prev != nullptr) {
    // Implicit repetition of the previous spec's type and values.
    s->source = prev->source;
  }
  return s;
}

// VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
ValueSpec* Parser::varSpec() {
  ValueSpec* s = make<ValueSpec>(pos());
  s->source = s;
  s->names = nameList(name());
  if (gotAssign()) {
    s->values = exprList();
  } else {
    s->type = type();
    if (gotAssign()) s->values = exprList();
  }
  return s;
}

// isTypeElem reports whether x can only be a type element (a type literal or
// a ~T term), never an ordinary expression.
static bool isTypeElem(Expr* x) {
  switch (x->kind) {
    case NodeKind::ArrayType:
    case NodeKind::StructType:
    case NodeKind::FuncType:
    case NodeKind::InterfaceType:
    case NodeKind::MapType:
    case NodeKind::ChanType:
      return true;
    case NodeKind::UnaryExpr: {
      auto* u = static_cast<UnaryExpr*>(x);
      return u->op == Tok::Tilde || isTypeElem(u->x);
    }
    case NodeKind::BinaryExpr: {
      // Loop down the left spine, which may be long.
      Expr* cur = x;
      while (auto* b = as<BinaryExpr>(cur)) {
        if (isTypeElem(b->y)) return true;
        cur = b->x;
      }
      return isTypeElem(cur);
    }
    case NodeKind::StarExpr:
      return isTypeElem(static_cast<StarExpr*>(x)->x);
    case NodeKind::ParenExpr:
      return isTypeElem(static_cast<ParenExpr*>(x)->x);
    default:
      return false;
  }
}

// extractName splits x into a type parameter name and its constraint if x
// can be read that way: `P *C` parsed as a product, `P ~int|string` as a
// union, `P(C)` as a call. A split of an expression that could also be an
// array length happens only when `force` is set (a comma follows).
// Returns {name, constraint-or-null}, or {null, x}.
namespace {
struct Split {
  Ident* name;
  Expr* constraint;
};
}  // namespace

static Split extractName(Arena& arena, Expr* x, bool force, int depth = 0) {
  // A union of more terms than this is not worth splitting (and the
  // recursion below follows the left spine).
  if (depth > kMaxNestingDepth) return {nullptr, x};
  switch (x->kind) {
    case NodeKind::Ident:
      return {static_cast<Ident*>(x), nullptr};
    case NodeKind::BinaryExpr: {
      auto* b = static_cast<BinaryExpr*>(x);
      if (b->op == Tok::Mul) {
        if (auto* n = as<Ident>(b->x); n != nullptr && (force || isTypeElem(b->y))) {
          StarExpr* s = arena.make<StarExpr>(b->opPos);
          s->x = b->y;
          return {n, s};
        }
      } else if (b->op == Tok::Or) {
        Split lhs = extractName(arena, b->x, force || isTypeElem(b->y), depth + 1);
        if (lhs.name != nullptr && lhs.constraint != nullptr) {
          BinaryExpr* u = arena.make<BinaryExpr>(lhs.constraint->pos);
          u->x = lhs.constraint;
          u->op = Tok::Or;
          u->opPos = b->opPos;
          u->y = b->y;
          return {lhs.name, u};
        }
      }
      break;
    }
    case NodeKind::CallExpr: {
      auto* c = static_cast<CallExpr*>(x);
      if (auto* n = as<Ident>(c->fun)) {
        if (c->args.size() == 1 && !c->hasEllipsis && (force || isTypeElem(c->args[0]))) {
          return {n, c->args[0]};
        }
      }
      break;
    }
    default:
      break;
  }
  return {nullptr, x};
}

// TypeSpec  = AliasDecl | TypeDef .
// AliasDecl = identifier [ TypeParameters ] "=" Type .
// TypeDef   = identifier [ TypeParameters ] Type .
TypeSpec* Parser::typeSpec() {
  TypeSpec* s = make<TypeSpec>(pos());
  s->name = name();
  if (at(Tok::LBrack)) {
    // An array or slice type, or a type parameter list: `[N]` starts both.
    Pos lbrack = pos();
    next();
    if (at(Tok::Ident)) {
      // A constraint may begin with "[" (`P []E`); `P[` is never a valid
      // array length, so only parse a full expression otherwise.
      Expr* x = name();
      if (!at(Tok::LBrack)) {
        ++xnest_;
        x = binaryExpr(pexpr(x), 0);
        --xnest_;
      }
      Split sp = extractName(prog_.arena(), x, at(Tok::Comma));
      if (sp.name != nullptr && (sp.constraint != nullptr || !at(Tok::RBrack))) {
        paramList(&s->typeParams, lbrack, Tok::RBrack, true, sp.name, sp.constraint);
        if (at(Tok::Assign)) s->assign = pos();
        gotAssign();
        s->type = typeOrNull();
      } else {
        s->type = arrayType(lbrack, x);
      }
    } else if (got(Tok::RBrack)) {
      ArrayType* a = make<ArrayType>(lbrack);
      a->elt = type();
      s->type = a;
    } else {
      s->type = arrayType(lbrack, nullptr);
    }
  } else {
    if (at(Tok::Assign)) s->assign = pos();
    gotAssign();
    s->type = typeOrNull();
  }
  if (s->type == nullptr) {
    s->type = badExpr();
    syntaxError("in type declaration");
    advance({Tok::Semicolon, Tok::RParen});
  }
  return s;
}

// FunctionDecl = "func" FunctionName [ TypeParameters ] Signature [ FunctionBody ] .
// MethodDecl   = "func" Receiver MethodName Signature [ FunctionBody ] .
// Receiver     = Parameters .
FuncDecl* Parser::funcDecl() {
  Pos fpos = pos();
  FuncDecl* f = make<FuncDecl>(fpos);
  want(Tok::Func);
  std::string_view context;
  if (at(Tok::LParen)) {
    context = "method";
    Pos lparen = pos();
    next();
    f->recv = prog_.arena().make<FieldList>();
    paramList(f->recv, lparen, Tok::RParen, false);
    int n = f->recv->numFields();
    if (n == 0) {
      errorAt(pos(), "method has no receiver");
    } else if (n > 1) {
      errorAt(pos(), "method has multiple receivers");
    }
  }
  if (at(Tok::Ident)) {
    f->name = name();
    f->type = funcType(fpos, context);
  } else {
    f->name = newIdent(pos(), "_");
    f->type = make<FuncType>(fpos);
    syntaxError(context.empty() ? "expected name or (" : "expected name");
    advance({Tok::LBrace, Tok::Semicolon});
  }
  if (at(Tok::LBrace)) f->body = funcBody();
  return f;
}

// FunctionBody = Block .
BlockStmt* Parser::funcBody() {
  ++fnest_;
  int outer = xnest_;
  xnest_ = 0;
  BlockStmt* b = blockStmt("");
  xnest_ = outer;
  --fnest_;
  return b;
}

}  // namespace gsl::parser
