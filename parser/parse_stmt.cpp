// Statement productions of the parser (see parser_impl.h).
#include "parser/expr_string.h"
#include "parser/parser_impl.h"

namespace gsl::parser {

namespace {

bool isOpAssign(Tok t) {
  switch (t) {
    case Tok::AddAssign:
    case Tok::SubAssign:
    case Tok::MulAssign:
    case Tok::QuoAssign:
    case Tok::RemAssign:
    case Tok::AndAssign:
    case Tok::OrAssign:
    case Tok::XorAssign:
    case Tok::ShlAssign:
    case Tok::ShrAssign:
    case Tok::AndNotAssign:
      return true;
    default:
      return false;
  }
}

// `x.(type)` (a parenthesized one is not a guard).
bool isTypeSwitchGuardExpr(Expr* x) {
  auto* t = as<TypeAssertExpr>(x);
  return t != nullptr && t->type == nullptr;
}

// Where Go's compiler places errors about a simple statement: at the
// operator for assignments, inc/dec and sends.
Pos simpleStmtPos(Stmt* s) {
  if (auto* a = as<AssignStmt>(s)) return a->tokPos;
  if (auto* i = as<IncDecStmt>(s)) return i->tokPos;
  if (auto* snd = as<SendStmt>(s)) return snd->arrow;
  return s->pos;
}

// Go's "emphasize": a binary expression is parenthesized.
std::string emphasize(const std::vector<Expr*>& l) {
  std::string s;
  for (size_t i = 0; i < l.size(); ++i) {
    if (i > 0) s += ", ";
    s += exprString(l[i]);
  }
  if (l.size() == 1 && is<BinaryExpr>(l[0])) s = "(" + s + ")";
  return s;
}

std::string semiDesc(std::string_view text) {
  if (text == ";") return "semicolon";
  if (text.empty()) return "EOF";
  return "newline";
}

}  // namespace

// SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt | Assignment | ShortVarDecl .
// `keyword` is For when a range clause is permitted, Switch when a type
// switch guard may follow; Illegal otherwise.
Stmt* Parser::simpleStmt(std::vector<Expr*> lhs, Tok keyword) {
  if (keyword == Tok::For && at(Tok::Range)) return rangeClause({}, Pos(), Tok::Illegal);
  if (lhs.empty()) lhs = exprList();

  if (lhs.size() == 1 && !at(Tok::Assign) && !at(Tok::Define)) {
    Pos p = pos();
    Tok t = tok_.kind;
    if (isOpAssign(t)) {
      // lhs op= rhs
      next();
      AssignStmt* a = make<AssignStmt>(lhs[0]->pos);
      a->lhs = std::move(lhs);
      a->tokPos = p;
      a->tok = t;
      a->rhs.push_back(expr());
      return a;
    }
    if (t == Tok::Inc || t == Tok::Dec) {
      next();
      IncDecStmt* s = make<IncDecStmt>(lhs[0]->pos);
      s->x = lhs[0];
      s->tokPos = p;
      s->tok = t;
      return s;
    }
    if (t == Tok::Arrow) {
      // SendStmt = Channel "<-" Expression .
      next();
      SendStmt* s = make<SendStmt>(lhs[0]->pos);
      s->chan = lhs[0];
      s->arrow = p;
      s->value = expr();
      return s;
    }
    ExprStmt* s = make<ExprStmt>(lhs[0]->pos);
    s->x = lhs[0];
    return s;
  }

  if (at(Tok::Assign) || at(Tok::Define)) {
    Pos p = pos();
    Tok t = tok_.kind;
    next();
    if (keyword == Tok::For && at(Tok::Range)) return rangeClause(std::move(lhs), p, t);
    AssignStmt* a = make<AssignStmt>(lhs[0]->pos);
    a->lhs = std::move(lhs);
    a->tokPos = p;
    a->tok = t;
    a->rhs = exprList();
    return a;
  }

  syntaxError("expected := or = or comma");
  advance({Tok::Semicolon, Tok::RBrace});
  ExprStmt* s = make<ExprStmt>(lhs[0]->pos);
  s->x = lhs[0];
  return s;
}

// RangeClause = [ ExpressionList "=" | IdentifierList ":=" ] "range" Expression .
RangeStmt* Parser::rangeClause(std::vector<Expr*> lhs, Pos tokPos, Tok tok) {
  RangeStmt* r = make<RangeStmt>(lhs.empty() ? pos() : lhs[0]->pos);
  if (!lhs.empty()) r->key = lhs[0];
  if (lhs.size() > 1) r->value = lhs[1];
  if (lhs.size() > 2) {
    errorAt(lhs[2]->pos, "range clause permits at most two iteration variables");
  }
  r->tokPos = tokPos;
  r->tok = tok;
  r->rangePos = pos();
  next();  // range
  r->x = expr();
  return r;
}

// LabeledStmt = Label ":" Statement .
Stmt* Parser::labeledStmtOrNull(Ident* label) {
  LabeledStmt* s = make<LabeledStmt>(label->pos);
  s->label = label;
  s->colon = pos();
  want(Tok::Colon);
  if (at(Tok::RBrace)) {
    // A label before "}" labels an empty statement.
    EmptyStmt* e = make<EmptyStmt>(pos());
    e->implicit = true;
    s->stmt = e;
    return s;
  }
  s->stmt = stmtOrNull();
  if (s->stmt != nullptr) return s;
  syntaxErrorAt(s->colon, "missing statement after label");
  return nullptr;
}

// Block = "{" StatementList "}" .
// `context` names what the block belongs to, for the error when "{" is
// missing ("expected { after if clause").
BlockStmt* Parser::blockStmt(std::string_view context) {
  BlockStmt* b = make<BlockStmt>(pos());
  if (!got(Tok::LBrace)) {
    syntaxError("expected { after " + std::string(context));
    advance({Tok::Ident, Tok::RBrace});
    b->rbrace = pos();
    if (got(Tok::RBrace)) return b;
  }
  b->list = stmtList();
  b->rbrace = pos();
  wantClose(Tok::RBrace, b->pos);
  return b;
}

// GoStmt = "go" Expression .  DeferStmt = "defer" Expression .
Stmt* Parser::callStmt() {
  Pos p = pos();
  Tok t = tok_.kind;
  next();
  Expr* x = pexpr(nullptr);
  std::string kw(lexer::tokenSpelling(t));
  if (is<ParenExpr>(x)) {
    errorAt(x->pos, "expression in " + kw + " must not be parenthesized");
    x = unparen(x);
  }
  CallExpr* call = as<CallExpr>(x);
  if (call == nullptr) {
    errorAt(x->pos, "expression in " + kw + " must be function call");
    // Assume the common mistake of leaving out the call's parentheses.
    call = make<CallExpr>(x->pos);
    call->fun = x;
  }
  if (t == Tok::Go) {
    GoStmt* s = make<GoStmt>(p);
    s->call = call;
    return s;
  }
  DeferStmt* s = make<DeferStmt>(p);
  s->call = call;
  return s;
}

// The header of an if, for or switch statement:
//   "if" [ SimpleStmt ";" ] Expression
//   "for" [ Condition | ForClause | RangeClause ]
//   "switch" [ SimpleStmt ";" ] [ Expression | TypeSwitchGuard ]
Parser::Header Parser::header(Tok keyword) {
  Header h;
  want(keyword);
  if (at(Tok::LBrace)) {
    if (keyword == Tok::If) {
      syntaxError("missing condition in if statement");
      h.cond = badExpr();
    }
    return h;
  }

  // Composite literals with a bare type name are not allowed here: the
  // "{" opens the statement's block.
  int outer = xnest_;
  xnest_ = -1;

  if (!at(Tok::Semicolon)) {
    if (got(Tok::Var)) {
      syntaxError("var declaration not allowed in " + std::string(lexer::tokenSpelling(keyword)) +
                  " initializer");
    }
    h.init = simpleStmt({}, keyword);
    if (is<RangeStmt>(h.init)) {
      xnest_ = outer;
      return h;
    }
  }

  Stmt* condStmt = nullptr;
  Pos semiPos;
  std::string_view semiText;
  if (!at(Tok::LBrace)) {
    if (at(Tok::Semicolon)) {
      semiPos = pos();
      semiText = tok_.text;
      next();
    } else {
      // Asking for "{" rather than ";" gives the better message here.
      want(Tok::LBrace);
      if (!at(Tok::LBrace)) advance({Tok::LBrace, Tok::RBrace});
    }
    if (keyword == Tok::For) {
      bool missingCond = false;
      if (!at(Tok::Semicolon)) {
        if (at(Tok::LBrace)) {
          syntaxError("expected for loop condition");
          missingCond = true;
        } else {
          condStmt = simpleStmt({}, Tok::Illegal);
        }
      }
      if (!missingCond) {
        want(Tok::Semicolon);
        if (!at(Tok::LBrace)) {
          h.post = simpleStmt({}, Tok::Illegal);
          auto* a = as<AssignStmt>(h.post);
          if (a != nullptr && a->tok == Tok::Define) {
            syntaxErrorAt(a->tokPos, "cannot declare in post statement of for loop");
          }
        }
      }
    } else if (!at(Tok::LBrace)) {
      condStmt = simpleStmt({}, keyword);
    }
  } else {
    condStmt = h.init;
    h.init = nullptr;
  }

  // Unpack the condition.
  if (condStmt == nullptr) {
    if (keyword == Tok::If && semiPos.valid()) {
      if (semiDesc(semiText) != "semicolon") {
        syntaxErrorAt(semiPos, "unexpected " + semiDesc(semiText) + ", expected { after if clause");
      } else {
        syntaxErrorAt(semiPos, "missing condition in if statement");
      }
      h.cond = make<BadExpr>(semiPos);
    }
  } else if (auto* es = as<ExprStmt>(condStmt)) {
    if (keyword == Tok::Switch && isTypeSwitchGuardExpr(es->x)) {
      h.guard = es;
    } else {
      h.cond = es->x;
    }
  } else if (auto* a = as<AssignStmt>(condStmt);
             keyword == Tok::Switch && a != nullptr && a->tok == Tok::Define &&
             a->lhs.size() == 1 && is<Ident>(a->lhs[0]) && a->rhs.size() == 1 &&
             isTypeSwitchGuardExpr(a->rhs[0])) {
    h.guard = a;
  } else {
    // A common mistake is `=` for `==`, which turns the condition into an
    // assignment; say so explicitly.
    std::string str;
    auto* asg = as<AssignStmt>(condStmt);
    if (asg != nullptr && asg->tok == Tok::Assign) {
      str = "assignment " + emphasize(asg->lhs) + " = " + emphasize(asg->rhs);
    } else {
      str = stmtString(condStmt);
    }
    syntaxErrorAt(simpleStmtPos(condStmt), "cannot use " + str + " as value");
    h.cond = make<BadExpr>(condStmt->pos);
  }
  xnest_ = outer;
  return h;
}

// ForStmt = "for" [ Condition | ForClause | RangeClause ] Block .
Stmt* Parser::forStmt() {
  Pos p = pos();
  Header h = header(Tok::For);
  if (auto* r = as<RangeStmt>(h.init)) {
    r->pos = p;
    r->body = blockStmt("for clause");
    return r;
  }
  ForStmt* f = make<ForStmt>(p);
  f->init = h.init;
  f->cond = h.cond;
  f->post = h.post;
  f->body = blockStmt("for clause");
  return f;
}

// IfStmt = "if" [ SimpleStmt ";" ] Expression Block [ "else" ( IfStmt | Block ) ] .
IfStmt* Parser::ifStmt() {
  NestGuard guard(this);
  IfStmt* s = make<IfStmt>(pos());
  Header h = header(Tok::If);
  s->init = h.init;
  s->cond = h.cond != nullptr ? h.cond : make<BadExpr>(s->pos);
  s->body = blockStmt("if clause");
  if (got(Tok::Else)) {
    if (at(Tok::If)) {
      s->els = ifStmt();
    } else if (at(Tok::LBrace)) {
      s->els = blockStmt("");
    } else {
      syntaxError("else must be followed by if or statement block");
      advance({Tok::Ident, Tok::RBrace});
    }
  }
  return s;
}

// SwitchStmt = ExprSwitchStmt | TypeSwitchStmt .
Stmt* Parser::switchStmt() {
  Pos p = pos();
  Header h = header(Tok::Switch);
  BlockStmt* body = make<BlockStmt>(pos());
  if (!got(Tok::LBrace)) {
    syntaxError("missing { after switch clause");
    advance({Tok::Case, Tok::Default, Tok::RBrace});
  }
  while (!at(Tok::Eof) && !at(Tok::RBrace)) body->list.push_back(caseClause());
  body->rbrace = pos();
  wantClose(Tok::RBrace, body->pos);
  if (h.guard != nullptr) {
    TypeSwitchStmt* s = make<TypeSwitchStmt>(p);
    s->init = h.init;
    s->assign = h.guard;
    s->body = body;
    return s;
  }
  SwitchStmt* s = make<SwitchStmt>(p);
  s->init = h.init;
  s->tag = h.cond;
  s->body = body;
  return s;
}

// ExprCaseClause = ExprSwitchCase ":" StatementList .
// ExprSwitchCase = "case" ExpressionList | "default" .
CaseClause* Parser::caseClause() {
  CaseClause* c = make<CaseClause>(pos());
  if (got(Tok::Case)) {
    c->list = exprList();
  } else if (got(Tok::Default)) {
    c->isDefault = true;
  } else {
    syntaxError("expected case or default or }");
    advance({Tok::Colon, Tok::Case, Tok::Default, Tok::RBrace});
  }
  c->colon = pos();
  want(Tok::Colon);
  c->body = stmtList();
  return c;
}

// SelectStmt = "select" "{" { CommClause } "}" .
SelectStmt* Parser::selectStmt() {
  SelectStmt* s = make<SelectStmt>(pos());
  want(Tok::Select);
  BlockStmt* body = make<BlockStmt>(pos());
  if (!got(Tok::LBrace)) {
    syntaxError("missing { after select clause");
    advance({Tok::Case, Tok::Default, Tok::RBrace});
  }
  while (!at(Tok::Eof) && !at(Tok::RBrace)) body->list.push_back(commClause());
  body->rbrace = pos();
  wantClose(Tok::RBrace, body->pos);
  s->body = body;
  return s;
}

// CommClause = CommCase ":" StatementList .
// CommCase   = "case" ( SendStmt | RecvStmt ) | "default" .
// Any simple statement is accepted here; the resolver rejects the ones
// that are neither a send nor a receive.
CommClause* Parser::commClause() {
  CommClause* c = make<CommClause>(pos());
  if (got(Tok::Case)) {
    c->comm = simpleStmt({}, Tok::Illegal);
  } else if (!got(Tok::Default)) {
    syntaxError("expected case or default or }");
    advance({Tok::Colon, Tok::Case, Tok::Default, Tok::RBrace});
  }
  c->colon = pos();
  want(Tok::Colon);
  c->body = stmtList();
  return c;
}

// Statement = Declaration | LabeledStmt | SimpleStmt | GoStmt | ReturnStmt |
//             BreakStmt | ContinueStmt | GotoStmt | FallthroughStmt | Block |
//             IfStmt | SwitchStmt | SelectStmt | ForStmt | DeferStmt .
Stmt* Parser::stmtOrNull() {
  NestGuard guard(this);
  if (tooDeep()) return nullptr;
  // Most statements start with an identifier.
  if (at(Tok::Ident)) {
    std::vector<Expr*> lhs = exprList();
    if (lhs.size() == 1 && at(Tok::Colon)) {
      if (auto* label = as<Ident>(lhs[0])) return labeledStmtOrNull(label);
    }
    return simpleStmt(std::move(lhs), Tok::Illegal);
  }

  switch (tok_.kind) {
    case Tok::Var:
    case Tok::Const:
    case Tok::Type: {
      DeclStmt* s = make<DeclStmt>(pos());
      s->decl = genDecl(tok_.kind);
      return s;
    }
    case Tok::LBrace:
      return blockStmt("");
    case Tok::Add:
    case Tok::Sub:
    case Tok::Mul:
    case Tok::And:
    case Tok::Xor:
    case Tok::Not:
    case Tok::Int:
    case Tok::Float:
    case Tok::Imag:
    case Tok::Char:
    case Tok::String:
    case Tok::Func:
    case Tok::LParen:
    case Tok::LBrack:
    case Tok::Struct:
    case Tok::Map:
    case Tok::Chan:
    case Tok::Interface:
    case Tok::Arrow:
      return simpleStmt({}, Tok::Illegal);
    case Tok::For:
      return forStmt();
    case Tok::Switch:
      return switchStmt();
    case Tok::Select:
      return selectStmt();
    case Tok::If:
      return ifStmt();
    case Tok::Fallthrough: {
      BranchStmt* s = make<BranchStmt>(pos());
      s->tok = Tok::Fallthrough;
      next();
      return s;
    }
    case Tok::Break:
    case Tok::Continue: {
      BranchStmt* s = make<BranchStmt>(pos());
      s->tok = tok_.kind;
      next();
      if (at(Tok::Ident)) s->label = name();
      return s;
    }
    case Tok::Go:
    case Tok::Defer:
      return callStmt();
    case Tok::Goto: {
      BranchStmt* s = make<BranchStmt>(pos());
      s->tok = Tok::Goto;
      next();
      s->label = name();
      return s;
    }
    case Tok::Return: {
      ReturnStmt* s = make<ReturnStmt>(pos());
      next();
      if (!at(Tok::Semicolon) && !at(Tok::RBrace)) s->results = exprList();
      return s;
    }
    case Tok::Semicolon: {
      EmptyStmt* s = make<EmptyStmt>(pos());
      s->implicit = tok_.text != ";";
      return s;
    }
    default:
      return nullptr;
  }
}

// StatementList = { Statement ";" } .
std::vector<Stmt*> Parser::stmtList() {
  std::vector<Stmt*> l;
  while (!at(Tok::Eof) && !at(Tok::RBrace) && !at(Tok::Case) && !at(Tok::Default)) {
    Stmt* s = stmtOrNull();
    if (s == nullptr) break;
    l.push_back(s);
    // ";" is optional before "}".
    if (!got(Tok::Semicolon) && !at(Tok::RBrace)) {
      syntaxError("at end of statement");
      advance({Tok::Semicolon, Tok::RBrace, Tok::Case, Tok::Default});
      got(Tok::Semicolon);  // Avoid a spurious empty statement.
    }
  }
  return l;
}

}  // namespace gsl::parser
