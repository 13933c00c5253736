// Type productions of the parser (see parser_impl.h): type literals,
// signatures and parameter lists, struct and interface bodies.
#include "parser/parser_impl.h"

namespace gsl::parser {

Expr* Parser::type() {
  Expr* t = typeOrNull();
  if (t == nullptr) {
    t = badExpr();
    syntaxError("expected type");
    advance({Tok::Comma, Tok::Colon, Tok::Semicolon, Tok::RParen, Tok::RBrack, Tok::RBrace});
  }
  return t;
}

// Type     = TypeName [ TypeArgs ] | TypeLit | "(" Type ")" .
// TypeName = identifier | QualifiedIdent .
// TypeLit  = ArrayType | StructType | PointerType | FunctionType |
//            InterfaceType | SliceType | MapType | ChannelType .
Expr* Parser::typeOrNull() {
  NestGuard guard(this);
  if (tooDeep()) return nullptr;
  Pos p = pos();
  switch (tok_.kind) {
    case Tok::Mul: {
      // PointerType = "*" BaseType .
      next();
      StarExpr* s = make<StarExpr>(p);
      s->x = type();
      return s;
    }
    case Tok::Arrow: {
      // "<-" "chan" ElementType
      next();
      want(Tok::Chan);
      ChanType* c = make<ChanType>(p);
      c->dir = ChanDir::Recv;
      c->arrow = p;
      c->value = chanElem();
      return c;
    }
    case Tok::Func:
      // FunctionType = "func" Signature .
      next();
      return funcType(p, "function type");
    case Tok::LBrack: {
      // "[" ArrayLength "]" ElementType | "[" "]" ElementType
      next();
      if (got(Tok::RBrack)) {
        ArrayType* a = make<ArrayType>(p);
        a->elt = type();
        return a;
      }
      return arrayType(p, nullptr);
    }
    case Tok::Chan: {
      // "chan" [ "<-" ] ElementType
      next();
      ChanType* c = make<ChanType>(p);
      if (at(Tok::Arrow)) {
        c->dir = ChanDir::Send;
        c->arrow = pos();
        next();
      }
      c->value = chanElem();
      return c;
    }
    case Tok::Map: {
      // MapType = "map" "[" KeyType "]" ElementType .
      next();
      want(Tok::LBrack);
      MapType* m = make<MapType>(p);
      m->key = type();
      want(Tok::RBrack);
      m->value = type();
      return m;
    }
    case Tok::Struct:
      return structType();
    case Tok::Interface:
      return interfaceType();
    case Tok::Ident:
      return qualifiedName(nullptr);
    case Tok::LParen: {
      ParenExpr* pe = make<ParenExpr>(p);
      next();
      pe->x = type();
      pe->rparen = pos();
      wantClose(Tok::RParen, pe->pos);
      return pe;
    }
    default:
      return nullptr;
  }
}

// QualifiedIdent = PackageName "." identifier . (optionally instantiated)
Expr* Parser::qualifiedName(Ident* n) {
  Expr* x;
  if (n != nullptr) {
    x = n;
  } else if (at(Tok::Ident)) {
    x = name();
  } else {
    x = newIdent(pos(), "_");
    syntaxError("expected name");
    advance({Tok::Period, Tok::Semicolon, Tok::RBrace});
  }
  if (at(Tok::Period)) {
    SelectorExpr* s = make<SelectorExpr>(x->pos);
    s->dot = pos();
    next();
    s->x = x;
    s->sel = name();
    x = s;
  }
  if (at(Tok::LBrack)) x = typeInstance(x);
  return x;
}

// TypeArgs = "[" TypeList [ "," ] "]" .
Expr* Parser::typeInstance(Expr* x) {
  Pos lbrack = pos();
  want(Tok::LBrack);
  std::vector<Expr*> l;
  if (at(Tok::RBrack)) {
    syntaxError("expected type");
    l.push_back(badExpr());
  } else {
    bool comma = false;
    l = typeList(&comma);
  }
  Pos rbrack = pos();
  wantClose(Tok::RBrack, lbrack);
  if (l.size() == 1) {
    IndexExpr* ix = make<IndexExpr>(x->pos);
    ix->x = x;
    ix->lbrack = lbrack;
    ix->index = l[0];
    ix->rbrack = rbrack;
    return ix;
  }
  IndexListExpr* ix = make<IndexListExpr>(x->pos);
  ix->x = x;
  ix->lbrack = lbrack;
  ix->indices = std::move(l);
  ix->rbrack = rbrack;
  return ix;
}

// Signature = [ TypeParameters ] Parameters [ Result ] .
// If context is not empty, type parameters are not permitted.
FuncType* Parser::funcType(Pos p, std::string_view context) {
  FuncType* ft = make<FuncType>(p);
  if (at(Tok::LBrack)) {
    Pos lbrack = pos();
    next();
    if (!context.empty()) {
      syntaxErrorAt(lbrack, std::string(context) + " must have no type parameters");
    }
    if (at(Tok::RBrack)) {
      syntaxError("empty type parameter list");
      next();
    } else {
      paramList(&ft->typeParams, lbrack, Tok::RBrack, true);
    }
  }
  Pos lparen = pos();
  want(Tok::LParen);
  paramList(&ft->params, lparen, Tok::RParen, false);
  funcResult(&ft->results);
  if (!ft->params.list.empty() && is<Ellipsis>(ft->params.list.back()->type)) {
    ft->variadic = true;
  }
  return ft;
}

// Result = Parameters | Type .
void Parser::funcResult(FieldList* out) {
  if (at(Tok::LParen)) {
    Pos lparen = pos();
    next();
    paramList(out, lparen, Tok::RParen, false);
    return;
  }
  Pos p = pos();
  if (Expr* t = typeOrNull()) {
    Field* f = make<Field>(p);
    f->type = t;
    out->list.push_back(f);
  }
}

// ArrayType = "[" ArrayLength "]" ElementType . ("[" already consumed.)
// If len is not null it is the already parsed array length.
Expr* Parser::arrayType(Pos lbrack, Expr* len) {
  if (len == nullptr) {
    if (at(Tok::Ellipsis)) {
      len = make<Ellipsis>(pos());
      next();
    } else {
      ++xnest_;
      len = expr();
      --xnest_;
    }
  }
  if (at(Tok::Comma)) {
    // Trailing commas are allowed in type parameter lists, not here.
    syntaxError("unexpected comma; expected ]");
    next();
  }
  want(Tok::RBrack);
  ArrayType* a = make<ArrayType>(lbrack);
  a->len = len;
  a->elt = type();
  return a;
}

Expr* Parser::chanElem() {
  Expr* t = typeOrNull();
  if (t == nullptr) {
    t = badExpr();
    syntaxError("missing channel element type");
    // Assume the element type is simply absent: don't advance.
  }
  return t;
}

// StructType = "struct" "{" { FieldDecl ";" } "}" .
StructType* Parser::structType() {
  StructType* st = make<StructType>(pos());
  want(Tok::Struct);
  st->fields.opening = pos();
  want(Tok::LBrace);
  st->fields.closing = list("struct type", st->fields.opening, Tok::Semicolon, Tok::RBrace, [&] {
    fieldDecl(st);
    return false;
  });
  return st;
}

// FieldDecl     = (IdentifierList Type | EmbeddedField) [ Tag ] .
// EmbeddedField = [ "*" ] TypeName [ TypeArgs ] .
// Tag           = string_lit .
void Parser::fieldDecl(StructType* st) {
  Pos p = pos();
  Field* f = make<Field>(p);
  switch (tok_.kind) {
    case Tok::Ident: {
      Ident* n = name();
      if (at(Tok::Period) || at(Tok::String) || at(Tok::Semicolon) || at(Tok::RBrace)) {
        // An embedded type.
        f->type = qualifiedName(n);
        f->tag = literalOrNull();
        break;
      }
      // name1, name2, ... Type [ tag ]
      std::vector<Ident*> names = nameList(n);
      if (names.size() == 1 && at(Tok::LBrack)) {
        // A field of array/slice type `a [N]E`, or an embedded generic
        // type `T[P1, P2]`.
        Expr* t = arrayOrTypeArgs();
        if (auto* ix = as<IndexExpr>(t)) {
          ix->x = n;
          ix->pos = n->pos;
          f->type = ix;
          f->tag = literalOrNull();
          break;
        }
        if (auto* ix = as<IndexListExpr>(t)) {
          ix->x = n;
          ix->pos = n->pos;
          f->type = ix;
          f->tag = literalOrNull();
          break;
        }
        f->names = std::move(names);
        f->type = t;
      } else {
        f->names = std::move(names);
        f->type = type();
      }
      f->tag = literalOrNull();
      break;
    }
    case Tok::Mul: {
      next();
      Expr* t;
      if (at(Tok::LParen)) {
        // *(T)
        syntaxError("cannot parenthesize embedded type");
        next();
        t = qualifiedName(nullptr);
        got(Tok::RParen);
      } else {
        t = qualifiedName(nullptr);
      }
      StarExpr* s = make<StarExpr>(p);
      s->x = t;
      f->type = s;
      f->tag = literalOrNull();
      break;
    }
    case Tok::LParen: {
      syntaxError("cannot parenthesize embedded type");
      next();
      if (at(Tok::Mul)) {
        // (*T)
        StarExpr* s = make<StarExpr>(pos());
        next();
        s->x = qualifiedName(nullptr);
        f->type = s;
      } else {
        // (T)
        f->type = qualifiedName(nullptr);
      }
      got(Tok::RParen);
      f->tag = literalOrNull();
      break;
    }
    default:
      syntaxError("expected field name or embedded type");
      advance({Tok::Semicolon, Tok::RBrace});
      return;
  }
  st->fields.list.push_back(f);
}

// After a field name: "[" "]" E (a slice), "[" N "]" E (an array), or
// "[" T1, T2 "]" (type arguments; returned as an IndexExpr or
// IndexListExpr whose x the caller fills in).
Expr* Parser::arrayOrTypeArgs() {
  Pos lbrack = pos();
  want(Tok::LBrack);
  if (got(Tok::RBrack)) {
    ArrayType* a = make<ArrayType>(lbrack);
    a->elt = type();
    return a;
  }
  bool comma = false;
  std::vector<Expr*> l = typeList(&comma);
  Pos rbrack = pos();
  wantClose(Tok::RBrack, lbrack);
  if (!comma) {
    if (Expr* elt = typeOrNull()) {
      ArrayType* a = make<ArrayType>(lbrack);
      a->len = l[0];
      a->elt = elt;
      return a;
    }
  }
  if (l.size() == 1) {
    IndexExpr* ix = make<IndexExpr>(lbrack);
    ix->lbrack = lbrack;
    ix->index = l[0];
    ix->rbrack = rbrack;
    return ix;
  }
  IndexListExpr* ix = make<IndexListExpr>(lbrack);
  ix->lbrack = lbrack;
  ix->indices = std::move(l);
  ix->rbrack = rbrack;
  return ix;
}

// InterfaceType  = "interface" "{" { InterfaceElem ";" } "}" .
// InterfaceElem  = MethodElem | TypeElem .
// MethodElem     = MethodName Signature .
// TypeElem       = TypeTerm { "|" TypeTerm } .
InterfaceType* Parser::interfaceType() {
  InterfaceType* it = make<InterfaceType>(pos());
  want(Tok::Interface);
  it->methods.opening = pos();
  want(Tok::LBrace);
  Pos open = it->methods.opening;
  it->methods.closing = list("interface type", open, Tok::Semicolon, Tok::RBrace, [&] {
    Field* f = nullptr;
    if (at(Tok::Ident)) f = methodElem();
    if (f == nullptr || f->names.empty()) f = embeddedElem(f);
    it->methods.list.push_back(f);
    return false;
  });
  return it;
}

// MethodElem = MethodName Signature . Or an embedded (qualified,
// possibly instantiated) interface name.
Field* Parser::methodElem() {
  Field* f = make<Field>(pos());
  Ident* n = name();
  if (at(Tok::LParen)) {
    f->names.push_back(n);
    f->type = funcType(n->pos, "interface method");
    return f;
  }
  if (at(Tok::LBrack)) {
    // A generic method m[T C](x T) is not allowed; an instantiated type
    // T[A, B] is. Both look like a parameter list: parse one and decide.
    Pos lbrack = pos();
    next();
    FieldList params;
    if (at(Tok::RBrack)) {
      Pos rbrack = pos();
      next();
      errorAt(rbrack, at(Tok::LParen) ? "empty type parameter list" : "empty type argument list");
    } else {
      paramList(&params, lbrack, Tok::RBrack, false);
    }
    if (params.list.empty() || !params.list[0]->names.empty()) {
      if (!params.list.empty()) errorAt(lbrack, "interface method must have no type parameters");
      if (at(Tok::LParen)) {
        f->names.push_back(n);
        f->type = funcType(n->pos, "interface method");
      } else {
        f->type = n;
      }
      return f;
    }
    // An embedded instantiated type.
    std::vector<Expr*> args;
    for (Field* p : params.list) args.push_back(p->type);
    if (args.size() == 1) {
      IndexExpr* ix = make<IndexExpr>(n->pos);
      ix->x = n;
      ix->lbrack = lbrack;
      ix->index = args[0];
      ix->rbrack = params.closing;
      f->type = ix;
    } else {
      IndexListExpr* ix = make<IndexListExpr>(n->pos);
      ix->x = n;
      ix->lbrack = lbrack;
      ix->indices = std::move(args);
      ix->rbrack = params.closing;
      f->type = ix;
    }
    return f;
  }
  f->type = qualifiedName(n);
  return f;
}

// TypeElem = TypeTerm { "|" TypeTerm } .
Field* Parser::embeddedElem(Field* f) {
  if (f == nullptr) {
    f = make<Field>(pos());
    f->type = embeddedTerm();
  }
  while (at(Tok::Or)) {
    BinaryExpr* b = make<BinaryExpr>(f->type->pos);
    b->x = f->type;
    b->op = Tok::Or;
    b->opPos = pos();
    next();
    b->y = embeddedTerm();
    f->type = b;
  }
  return f;
}

// TypeTerm = Type | UnderlyingType .  UnderlyingType = "~" Type .
Expr* Parser::embeddedTerm() {
  if (at(Tok::Tilde)) {
    UnaryExpr* u = make<UnaryExpr>(pos());
    u->op = Tok::Tilde;
    next();
    u->x = type();
    return u;
  }
  Expr* t = typeOrNull();
  if (t == nullptr) {
    t = badExpr();
    syntaxError("expected ~ term or type");
    advance({Tok::Or, Tok::Semicolon, Tok::RParen, Tok::RBrack, Tok::RBrace});
  }
  return t;
}

// ParameterDecl = [ IdentifierList ] [ "..." ] Type .
// Parses one entry: a name, a type, or a name followed by a type. In a type
// parameter list (follow == "]") type sets (`~int | string`) are allowed.
bool Parser::paramDecl(Ident* n, Tok follow, Param* out) {
  bool typeSetsOk = follow == Tok::RBrack;
  out->pos = n != nullptr ? n->pos : pos();
  if (n == nullptr && typeSetsOk && at(Tok::Tilde)) {
    out->type = embeddedElem(nullptr)->type;
    return true;
  }
  auto unionWith = [&](Expr* t) {
    Field tmp(t->pos);
    tmp.type = t;
    return embeddedElem(&tmp)->type;
  };

  if (at(Tok::Ident) || n != nullptr) {
    if (n == nullptr) n = name();
    if (at(Tok::LBrack)) {
      // name "[" ...
      Expr* t = arrayOrTypeArgs();
      if (auto* ix = as<IndexExpr>(t)) {
        ix->x = n;
        ix->pos = n->pos;
      } else if (auto* ix = as<IndexListExpr>(t)) {
        ix->x = n;
        ix->pos = n->pos;
      } else {
        out->name = n;  // name "[" n "]" E
      }
      if (typeSetsOk && at(Tok::Or)) t = unionWith(t);
      out->type = t;
      return true;
    }
    if (at(Tok::Period)) {
      // name "." ...
      Expr* t = qualifiedName(n);
      if (typeSetsOk && at(Tok::Or)) t = unionWith(t);
      out->type = t;
      return true;
    }
    if (typeSetsOk && at(Tok::Or)) {
      // name "|" ...
      out->type = unionWith(n);
      return true;
    }
    out->name = n;
  }

  if (at(Tok::Ellipsis)) {
    // [name] "..." ...
    Ellipsis* e = make<Ellipsis>(pos());
    next();
    e->elt = typeOrNull();
    if (e->elt == nullptr) {
      e->elt = badExpr();
      syntaxError("... is missing type");
    }
    out->type = e;
    return true;
  }
  if (typeSetsOk && at(Tok::Tilde)) {
    // [name] "~" ...
    out->type = embeddedElem(nullptr)->type;
    return true;
  }
  out->type = typeOrNull();
  if (typeSetsOk && at(Tok::Or) && out->type != nullptr) out->type = unionWith(out->type);
  if (out->name != nullptr || out->type != nullptr) return true;

  syntaxError("expected " + std::string(follow == Tok::RBrack ? "]" : ")"));
  advance({Tok::Comma, follow});
  return false;
}

// Parameters    = "(" [ ParameterList [ "," ] ] ")" .
// ParameterList = ParameterDecl { "," ParameterDecl } .
// TypeParameters = "[" TypeParamList [ "," ] "]" .
void Parser::paramList(FieldList* out, Pos opening, Tok close, bool requireNames, Ident* n,
                       Expr* typ) {
  out->opening = opening;
  std::vector<Param> params;
  if (n != nullptr && typ != nullptr && at(close)) {
    // A complete first parameter and nothing else.
    out->closing = pos();
    next();
    params.push_back(Param{n->pos, n, typ});
  } else {
    out->closing = list("parameter list", opening, Tok::Comma, close, [&] {
      Param par;
      bool ok;
      if (typ != nullptr) {
        par = Param{n->pos, n, typ};
        ok = true;
      } else {
        ok = paramDecl(n, close, &par);
      }
      n = nullptr;
      typ = nullptr;
      if (ok) params.push_back(par);
      return false;
    });
  }
  if (params.empty()) return;

  int named = 0;  // Parameters with an explicit name and type.
  int typed = 0;  // Parameters with an explicit type.
  for (const Param& par : params) {
    if (par.name != nullptr && par.type != nullptr) ++named;
    if (par.type != nullptr) ++typed;
  }

  if (named == 0 && !requireNames) {
    // All unnamed: the names found are type names.
    for (Param& par : params) {
      if (par.name != nullptr) {
        par.type = par.name;
        par.name = nullptr;
      }
    }
  } else if (named != static_cast<int>(params.size())) {
    // Some are named: then all must have names and types. Types are
    // distributed from right to left (`a, b int`).
    Pos errPos;
    Expr* t = nullptr;
    for (size_t i = params.size(); i-- > 0;) {
      Param& par = params[i];
      if (par.type != nullptr) {
        t = par.type;
        if (par.name == nullptr) {
          errPos = t->pos;
          par.name = newIdent(errPos, "_");
        }
      } else if (t != nullptr) {
        par.type = t;
      } else {
        // Only a name, and no type follows it.
        errPos = par.name->pos;
        par.type = make<BadExpr>(errPos);
      }
    }
    if (errPos.valid()) {
      std::string msg;
      if (requireNames) {
        if (named == typed) {
          errPos = out->closing;
          msg = "missing type constraint";
        } else {
          msg = "missing type parameter name";
          if (params.size() == 1) msg += " or invalid array length";
        }
      } else {
        msg = "mixed named and unnamed parameters";
      }
      syntaxErrorAt(errPos, msg);
    }
  }

  // Group consecutive names sharing one type expression into one Field.
  Field* cur = nullptr;
  for (const Param& par : params) {
    if (cur != nullptr && par.name != nullptr && cur->type == par.type && !cur->names.empty()) {
      cur->names.push_back(par.name);
      continue;
    }
    cur = make<Field>(par.pos);
    if (par.name != nullptr) cur->names.push_back(par.name);
    cur->type = par.type;
    out->list.push_back(cur);
  }
}

}  // namespace gsl::parser
