// The parser's core: the Program, token handling, error reporting and
// recovery, and the file-level production. The other productions live in
// parse_decl.cpp, parse_expr.cpp, parse_type.cpp and parse_stmt.cpp.
#include <algorithm>

#include "lexer/literal.h"
#include "parser/diag_sink.h"
#include "parser/parser_impl.h"

namespace gsl::parser {

// ---------------------------------------------------------------------------
// Diagnostics
// ---------------------------------------------------------------------------

DiagSink::DiagSink(std::vector<Diagnostic>* out) : out_(out) {
  for (const Diagnostic& d : *out) {
    if (isSyntaxErrorMsg(d.msg)) {
      lastSyntaxLine_ = d.pos.line;
    } else {
      lastOtherLine_ = d.pos.line;
      lastOtherMsg_ = d.msg;
    }
  }
}

bool DiagSink::report(Pos p, std::string msg, Pos notePos, std::string note) {
  if (isSyntaxErrorMsg(msg)) {
    // Only one syntax error per line, whatever the error.
    if (lastSyntaxLine_ != 0 && lastSyntaxLine_ == p.line) return false;
    lastSyntaxLine_ = p.line;
    sawSyntaxError_ = true;
  } else {
    if (lastOtherLine_ != 0 && lastOtherLine_ == p.line && lastOtherMsg_ == msg) return false;
    lastOtherLine_ = p.line;
    lastOtherMsg_ = msg;
  }
  Diagnostic d;
  d.pos = p;
  d.msg = std::move(msg);
  d.notePos = notePos;
  d.note = std::move(note);
  out_->push_back(std::move(d));
  ++count_;
  return true;
}

static std::string posString(std::string_view filename, Pos p) {
  std::string s(filename);
  s += ':';
  s += std::to_string(p.line);
  s += ':';
  s += std::to_string(p.col);
  return s;
}

std::string formatDiagnostic(std::string_view filename, const Diagnostic& d) {
  std::string s = posString(filename, d.pos);
  s += ": ";
  s += d.msg;
  if (!d.note.empty()) {
    s += "\n\t";
    s += posString(filename, d.notePos);
    s += ": ";
    s += d.note;
  }
  return s;
}

std::string formatDiagnostics(std::string_view filename, const std::vector<Diagnostic>& diags) {
  // Go stops at the 10th error (in the order found), then prints what it
  // has sorted by position, then "too many errors" at the 10th's position.
  size_t n = std::min(diags.size(), static_cast<size_t>(kMaxReportedErrors));
  std::vector<const Diagnostic*> shown;
  for (size_t i = 0; i < n; ++i) shown.push_back(&diags[i]);
  std::stable_sort(shown.begin(), shown.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->pos.line != b->pos.line) return a->pos.line < b->pos.line;
    return a->pos.col < b->pos.col;
  });
  std::string out;
  std::string prev;
  for (const Diagnostic* d : shown) {
    std::string line = formatDiagnostic(filename, *d);
    if (line == prev) continue;  // Go drops exact duplicates.
    out += line;
    out += '\n';
    prev = std::move(line);
  }
  if (diags.size() >= static_cast<size_t>(kMaxReportedErrors)) {
    out += posString(filename, diags[kMaxReportedErrors - 1].pos);
    out += ": too many errors\n";
  }
  return out;
}

// ---------------------------------------------------------------------------
// Program
// ---------------------------------------------------------------------------

Program::Program() {
  universe_ = newScope(ScopeKind::Universe, nullptr, nullptr);
  package_ = newScope(ScopeKind::Package, universe_, nullptr);
  struct Entry {
    Predeclared id;
    std::string_view name;
  };
  static const Entry kEntries[] = {
#define GSL_PREDECLARED_ENTRY(id, spelling) {Predeclared::id, spelling},
      GSL_PREDECLARED(GSL_PREDECLARED_ENTRY)
#undef GSL_PREDECLARED_ENTRY
  };
  predeclared_.resize(std::size(kEntries) + 1, nullptr);
  for (const Entry& e : kEntries) {
    ObjKind kind;
    if (e.id <= Predeclared::Comparable) {
      kind = ObjKind::Type;
    } else if (e.id <= Predeclared::Iota) {
      kind = ObjKind::Const;
    } else if (e.id == Predeclared::Nil) {
      kind = ObjKind::Nil;
    } else {
      kind = ObjKind::Builtin;
    }
    Object* obj = newObject(kind, e.name, Pos());
    obj->predeclared = e.id;
    obj->scope = universe_;
    universe_->objects.push_back(obj);
    universe_->names[obj->name] = obj;
    predeclared_[static_cast<size_t>(e.id)] = obj;
  }
}

Program::~Program() = default;

Object* Program::predeclared(Predeclared p) const {
  return predeclared_[static_cast<size_t>(p)];
}

std::string_view Program::keepSource(std::string_view text) {
  sources_.push_back(std::make_unique<std::string>(text));
  return *sources_.back();
}

Scope* Program::newScope(ScopeKind kind, Scope* parent, Node* node) {
  Scope* s = arena_.make<Scope>();
  s->kind = kind;
  s->parent = parent;
  s->node = node;
  return s;
}

Object* Program::newObject(ObjKind kind, std::string_view name, Pos pos) {
  Object* obj = arena_.make<Object>();
  obj->kind = kind;
  obj->name = name;
  obj->pos = pos;
  return obj;
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

File* parseFile(Program& prog, std::string_view filename, std::string_view source,
                std::vector<Diagnostic>* errors) {
  std::string_view src = prog.keepSource(source);
  File* file = prog.arena().make<File>(Pos{1, 1, 0});
  file->filename = prog.arena().save(filename);
  Parser p(prog, file, src, errors);
  p.parseFile();
  prog.addFile(file);
  return file;
}

std::unique_ptr<Program> parseProgram(std::string_view filename, std::string_view source,
                                      std::vector<Diagnostic>* errors,
                                      const ResolveOptions& options) {
  auto prog = std::make_unique<Program>();
  size_t before = errors->size();
  File* file = parseFile(*prog, filename, source, errors);
  bool syntaxErrors = false;
  for (size_t i = before; i < errors->size(); ++i) {
    if (isSyntaxErrorMsg((*errors)[i].msg)) syntaxErrors = true;
  }
  if (!syntaxErrors) resolveFiles(*prog, {file}, errors, options);
  return prog;
}

// ---------------------------------------------------------------------------
// Parser: tokens
// ---------------------------------------------------------------------------

int binaryPrecedence(Tok t) {
  switch (t) {
    case Tok::LOr:
      return 1;
    case Tok::LAnd:
      return 2;
    case Tok::Eql:
    case Tok::Neq:
    case Tok::Lss:
    case Tok::Leq:
    case Tok::Gtr:
    case Tok::Geq:
      return 3;
    case Tok::Add:
    case Tok::Sub:
    case Tok::Or:
    case Tok::Xor:
      return 4;
    case Tok::Mul:
    case Tok::Quo:
    case Tok::Rem:
    case Tok::Shl:
    case Tok::Shr:
    case Tok::And:
    case Tok::AndNot:
      return 5;
    default:
      return 0;
  }
}

Parser::Parser(Program& prog, File* file, std::string_view src, std::vector<Diagnostic>* errors)
    : prog_(prog), file_(file), lexer_(src), errors_(errors) {
  next();
}

void Parser::drainLexErrors() {
  const auto& errs = lexer_.errors();
  while (lexErrorsSeen_ < errs.size()) {
    errorAt(errs[lexErrorsSeen_].pos, errs[lexErrorsSeen_].msg);
    ++lexErrorsSeen_;
  }
}

void Parser::next() {
  if (!ahead_.empty()) {
    tok_ = ahead_.front();
    ahead_.pop_front();
    return;
  }
  tok_ = lexer_.next();
  drainLexErrors();
}

const Token& Parser::peek(int n) {
  while (static_cast<int>(ahead_.size()) < n) {
    ahead_.push_back(lexer_.next());
    drainLexErrors();
  }
  return ahead_[n - 1];
}

bool Parser::got(Tok t) {
  if (tok_.kind == t) {
    next();
    return true;
  }
  return false;
}

static std::string tokString(Tok t) {
  switch (t) {
    case Tok::Comma:
      return "comma";
    case Tok::Semicolon:
      return "semicolon or newline";
    case Tok::Ident:
      return "name";
    default:
      break;
  }
  return std::string(lexer::tokenSpelling(t));
}

void Parser::want(Tok t) {
  if (!got(t)) {
    syntaxError("expected " + tokString(t));
    advance({});
  }
}

void Parser::wantClose(Tok close, Pos open) {
  if (got(close)) return;
  bool eof = at(Tok::Eof);
  size_t before = errors_->size();
  want(close);
  if (eof && errors_->size() > before && open.valid()) {
    Diagnostic& d = errors_->back();
    d.hintPos = open;
    d.hint = "the " + std::string(lexer::tokenSpelling(close == Tok::RBrace   ? Tok::LBrace
                                                        : close == Tok::RParen ? Tok::LParen
                                                                               : Tok::LBrack)) +
             " opened here is never closed";
  }
}

Ident* Parser::newIdent(Pos p, std::string_view n) {
  Ident* id = make<Ident>(p);
  id->name = n;
  return id;
}

// ---------------------------------------------------------------------------
// Parser: errors
// ---------------------------------------------------------------------------

void Parser::errorAt(Pos p, std::string msg) {
  hadError_ = true;
  DiagSink(errors_).report(p, std::move(msg));
}

std::string Parser::currentTokenDesc() const {
  Tok k = tok_.kind;
  switch (k) {
    case Tok::Ident:
      return "name " + std::string(tok_.text);
    case Tok::Semicolon:
      if (tok_.text == ";") return "semicolon";
      if (tok_.text.empty()) return "EOF";
      return "newline";
    case Tok::Int:
    case Tok::Float:
    case Tok::Imag:
    case Tok::Char:
    case Tok::String:
      return "literal " + std::string(tok_.text);
    default:
      if (lexer::isKeyword(k)) return "keyword " + tokString(k);
      return tokString(k);
  }
}

void Parser::syntaxErrorAt(Pos p, std::string_view msg) {
  // At EOF after an earlier error, more errors are only consequences.
  if (at(Tok::Eof) && hadError_) return;
  std::string suffix;
  if (msg.empty()) {
    // Nothing to add.
  } else if (msg.rfind("in ", 0) == 0 || msg.rfind("at ", 0) == 0 ||
             msg.rfind("after ", 0) == 0) {
    suffix = " " + std::string(msg);
  } else if (msg.rfind("expected ", 0) == 0) {
    suffix = ", " + std::string(msg);
  } else {
    // A plain message that does not talk about the current token.
    errorAt(p, "syntax error: " + std::string(msg));
    return;
  }
  errorAt(p, "syntax error: unexpected " + currentTokenDesc() + suffix);
}

// Statement keywords are good synchronization points after an error; they
// are used only inside a function body (or top-level code).
static bool inStopSet(Tok t) {
  switch (t) {
    case Tok::Break:
    case Tok::Const:
    case Tok::Continue:
    case Tok::Defer:
    case Tok::Fallthrough:
    case Tok::For:
    case Tok::Go:
    case Tok::Goto:
    case Tok::If:
    case Tok::Return:
    case Tok::Select:
    case Tok::Switch:
    case Tok::Type:
    case Tok::Var:
      return true;
    default:
      return false;
  }
}

void Parser::nestingOverflow() {
  errorAt(pos(), "exceeded max nesting depth");
  while (!at(Tok::Eof)) next();
}

void Parser::advance(std::initializer_list<Tok> follow) {
  if (follow.size() == 0) {
    if (!at(Tok::Eof)) next();
    return;
  }
  for (;;) {
    if (at(Tok::Eof)) return;
    if (fnest_ > 0 && inStopSet(tok_.kind)) return;
    for (Tok t : follow) {
      if (at(t)) return;
    }
    next();
  }
}

// ---------------------------------------------------------------------------
// Parser: source file
// ---------------------------------------------------------------------------

// SourceFile = [ PackageClause ";" ] { ImportDecl ";" } { TopLevelDecl ";" | Statement ";" } .
// PackageClause = "package" PackageName .
void Parser::parseFile() {
  if (got(Tok::Package)) {
    file_->packageName = name();
    want(Tok::Semicolon);
    // A broken package clause makes everything after it doubtful.
    if (hadError_) return;
  }

  bool sawOther = false;  // A declaration or statement other than an import.
  while (!at(Tok::Eof)) {
    if (at(Tok::Import) && sawOther) {
      syntaxError("imports must appear before other declarations");
    }
    Decl* decl = nullptr;
    switch (tok_.kind) {
      case Tok::Import: {
        GenDecl* g = genDecl(Tok::Import);
        file_->importDecls.push_back(g);
        for (Spec* s : g->specs) file_->imports.push_back(as<ImportSpec>(s));
        decl = g;
        break;
      }
      case Tok::Const:
      case Tok::Type:
      case Tok::Var:
        sawOther = true;
        decl = genDecl(tok_.kind);
        break;
      case Tok::Func:
        sawOther = true;
        // `func name`, `func (recv) name(` and malformed headers are
        // declarations; anything else (`func() { ... }()`) is a statement.
        if (peek().kind != Tok::LParen || isMethodDeclAhead()) decl = funcDecl();
        break;
      default:
        sawOther = true;
        break;
    }

    if (decl != nullptr) {
      file_->decls.push_back(decl);
      file_->items.push_back(decl);
      if (!at(Tok::Eof) && !got(Tok::Semicolon)) {
        syntaxError("after top level declaration");
        advance({Tok::Import, Tok::Const, Tok::Type, Tok::Var, Tok::Func});
      }
      continue;
    }

    if (at(Tok::LBrace) && !file_->decls.empty()) {
      auto* fd = as<FuncDecl>(file_->decls.back());
      if (fd != nullptr && fd->body == nullptr && file_->items.back() == fd) {
        // The "{" of a function body on the line after its signature.
        syntaxError("unexpected semicolon or newline before {");
        advance({Tok::Import, Tok::Const, Tok::Type, Tok::Var, Tok::Func});
        continue;
      }
    }

    // A top-level statement (gsl extension): parsed like one in a body.
    int32_t before = tok_.pos.offset;
    Tok beforeKind = tok_.kind;
    ++fnest_;
    Stmt* s = stmtOrNull();
    --fnest_;
    if (s == nullptr) {
      if (tok_.pos.offset == before && tok_.kind == beforeKind) {
        // Nothing here can start a statement: report it and skip it.
        syntaxError("");
        advance({});
      }
      continue;
    }
    file_->stmts.push_back(s);
    file_->items.push_back(s);
    if (!at(Tok::Eof) && !got(Tok::Semicolon)) {
      syntaxError("at end of statement");
      ++fnest_;
      advance({Tok::Semicolon, Tok::Import, Tok::Func});
      --fnest_;
      got(Tok::Semicolon);
    }
  }
}

}  // namespace gsl::parser
