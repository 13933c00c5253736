// The recursive-descent parser's internal interface, shared by the files
// that implement it (parser.cpp, parse_expr.cpp, parse_type.cpp,
// parse_stmt.cpp, parse_decl.cpp). Not part of the public API: use
// parser/parser.h.
//
// The structure and the error messages follow Go's compiler front end
// (cmd/compile/internal/syntax), so syntax errors read exactly like `go
// build`'s; the tree it builds has go/ast's shape (parser/ast.h). Each
// parse function is annotated with the production it parses.
//
// Invariants:
//   * Every parse function that returns a node returns a non-null one,
//     except those named ...OrNull.
//   * Error recovery always makes progress: every loop either consumes a
//     token or stops at a token in its follow set, so any input terminates.
#pragma once

#include <deque>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "lexer/lexer.h"
#include "parser/parser.h"

namespace gsl::parser {

using lexer::Token;

// The binary operator precedence of a token (5 for * / % << >> & &^, 4 for
// + - | ^, 3 for comparisons, 2 for &&, 1 for ||), or 0 if it is not a
// binary operator.
int binaryPrecedence(Tok t);

class Parser {
 public:
  Parser(Program& prog, File* file, std::string_view src,
         std::vector<Diagnostic>* errors);

  // SourceFile = [ PackageClause ";" ] { ImportDecl ";" } { TopLevelDecl ";" | Statement ";" } .
  void parseFile();

 private:
  // --- Tokens (parser.cpp) ---
  void next();
  // The token n places after the current one (n >= 1).
  const Token& peek(int n = 1);
  bool got(Tok t);
  void want(Tok t);
  Pos pos() const { return tok_.pos; }
  bool at(Tok t) const { return tok_.kind == t; }

  // --- Errors (parser.cpp) ---
  // A plain error (no "syntax error: " prefix).
  void errorAt(Pos p, std::string msg);
  // A syntax error. Like Go's syntaxErrorAt, a message starting with "in ",
  // "at " or "after " is appended to "unexpected <token>"; one starting with
  // "expected " is appended after a comma; others are reported as is.
  void syntaxErrorAt(Pos p, std::string_view msg);
  void syntaxError(std::string_view msg) { syntaxErrorAt(pos(), msg); }
  // Skips tokens until one in `follow` (or, inside a function, a statement
  // keyword) or EOF. With an empty follow list it skips exactly one token.
  void advance(std::initializer_list<Tok> follow);
  void drainLexErrors();
  // How Go names the current token in "unexpected X".
  std::string currentTokenDesc() const;

  template <class T>
  T* make(Pos p) {
    return prog_.arena().make<T>(p);
  }
  Ident* newIdent(Pos p, std::string_view name);
  BadExpr* badExpr() { return make<BadExpr>(pos()); }

  // list = [ f { sep f } [sep] ] close . Calls f for each element; f
  // returns true to stop accepting elements. Returns the closing position.
  template <class F>
  Pos list(std::string_view context, Pos open, Tok sep, Tok close, F f);
  // want(close) for a bracket opened at `open`; at the end of the file the
  // error gets a hint naming where the bracket was opened.
  void wantClose(Tok close, Pos open);

  // --- Declarations (parse_decl.cpp) ---
  bool isMethodDeclAhead();
  GenDecl* genDecl(Tok keyword);
  ImportSpec* importSpec();
  ValueSpec* constSpec(int iota, ValueSpec* prev);
  ValueSpec* varSpec();
  TypeSpec* typeSpec();
  FuncDecl* funcDecl();
  BlockStmt* funcBody();
  bool gotAssign();

  // --- Expressions (parse_expr.cpp) ---
  Expr* expr();
  std::vector<Expr*> exprList();
  Expr* binaryExpr(Expr* x, int prec);
  Expr* unaryExpr();
  Expr* operand();
  Expr* pexpr(Expr* x);
  Expr* complitExpr();  // CompositeLit (type filled by the caller)
  Expr* bareComplitExpr();
  BasicLit* literalOrNull();
  Ident* name();
  std::vector<Ident*> nameList(Ident* first);
  // A comma-separated list of types or expressions inside brackets; sets
  // *comma if there was a (separating or trailing) comma.
  std::vector<Expr*> typeList(bool* comma);

  // --- Types (parse_type.cpp) ---
  Expr* type();
  Expr* typeOrNull();
  Expr* qualifiedName(Ident* name);
  Expr* typeInstance(Expr* x);
  FuncType* funcType(Pos p, std::string_view context);
  void funcResult(FieldList* out);
  Expr* arrayType(Pos lbrack, Expr* len);
  Expr* chanElem();
  StructType* structType();
  void fieldDecl(StructType* st);
  Expr* arrayOrTypeArgs();
  InterfaceType* interfaceType();
  Field* methodElem();
  Field* embeddedElem(Field* f);
  Expr* embeddedTerm();
  // A parameter before type distribution: a name, a type, or both.
  struct Param {
    Pos pos;
    Ident* name = nullptr;
    Expr* type = nullptr;
  };
  bool paramDecl(Ident* name, Tok follow, Param* out);
  // Parameters = "(" [ ParameterList [ "," ] ] ")" . The opening bracket has
  // been consumed. name/typ: an already parsed first parameter (type
  // parameter lists of type declarations).
  void paramList(FieldList* out, Pos opening, Tok close, bool requireNames,
                 Ident* name = nullptr, Expr* typ = nullptr);

  // --- Statements (parse_stmt.cpp) ---
  Stmt* stmtOrNull();
  std::vector<Stmt*> stmtList();
  Stmt* simpleStmt(std::vector<Expr*> lhs, Tok keyword);
  RangeStmt* rangeClause(std::vector<Expr*> lhs, Pos tokPos, Tok tok);
  Stmt* labeledStmtOrNull(Ident* label);
  BlockStmt* blockStmt(std::string_view context);
  Stmt* callStmt();
  // The header of an if, for or switch statement. `cond` is the raw
  // condition statement (unpacked by the caller).
  struct Header {
    Stmt* init = nullptr;  // Also a RangeStmt (without body) for `for`.
    Expr* cond = nullptr;
    Stmt* post = nullptr;
    // A switch's type switch guard: an ExprStmt (`x.(type)`) or an
    // AssignStmt (`v := x.(type)`).
    Stmt* guard = nullptr;
  };
  Header header(Tok keyword);
  Stmt* forStmt();
  IfStmt* ifStmt();
  Stmt* switchStmt();
  CaseClause* caseClause();
  SelectStmt* selectStmt();
  CommClause* commClause();

  static constexpr int kMaxNesting = kMaxNestingDepth;
  // Counts one level of nesting for the scope of a parse function; when
  // the limit is exceeded, reports it and skips to the end of the file so
  // every caller unwinds.
  class NestGuard {
   public:
    explicit NestGuard(Parser* p) : p_(p) {
      if (++p_->nest_ > kMaxNesting && !p_->at(Tok::Eof)) p_->nestingOverflow();
    }
    ~NestGuard() { --p_->nest_; }
    NestGuard(const NestGuard&) = delete;
    NestGuard& operator=(const NestGuard&) = delete;

   private:
    Parser* p_;
  };
  void nestingOverflow();
  bool tooDeep() const { return nest_ > kMaxNesting; }

  Program& prog_;
  File* file_;
  lexer::Lexer lexer_;
  size_t lexErrorsSeen_ = 0;
  Token tok_;
  std::deque<Token> ahead_;
  std::vector<Diagnostic>* errors_;
  bool hadError_ = false;
  int fnest_ = 0;  // Function nesting level (for error recovery).
  int xnest_ = 0;  // Expression nesting; < 0 in control clause headers.
  int nest_ = 0;   // Recursion depth of the parse functions (NestGuard).
};

template <class F>
Pos Parser::list(std::string_view context, Pos open, Tok sep, Tok close, F f) {
  bool done = false;
  while (!at(Tok::Eof) && !at(close) && !done) {
    done = f();
    // The separator is optional before the closing token.
    if (!got(sep) && !at(close)) {
      std::string msg = "in ";
      msg += context;
      msg += "; possibly missing ";
      msg += sep == Tok::Comma ? "comma" : "semicolon or newline";
      msg += " or ";
      msg += lexer::tokenSpelling(close);
      syntaxError(msg);
      advance({Tok::RParen, Tok::RBrack, Tok::RBrace});
      if (!at(close)) return pos();
    }
  }
  Pos p = pos();
  wantClose(close, open);
  return p;
}

}  // namespace gsl::parser
