// The abstract syntax tree of a gsl program: the whole Go 1.22 grammar plus
// gsl's top-level statements, and the scope-resolution results the compiler
// consumes.
//
// Design summary
// --------------
// * Every node starts with `kind` (a NodeKind) and `pos`. `pos` is where the
//   node starts in the source — what go/ast's Pos() reports. Nodes for which
//   Go's compiler reports errors at another token keep that position too
//   (BinaryExpr::opPos, AssignStmt::tokPos, CallExpr::lparen, ...).
// * Many errors of Go's compiler point at the syntax position of an
//   expression rather than its start: syntaxPos() gives it.
// * Trees can be deep only along the left operands of binary operators
//   (`a + b + ... + z`): see kMaxNestingDepth and kMaxBinaryChain in
//   parser.h before writing a recursive pass.
// * Nodes are allocated from the Arena owned by the Program and are never
//   deleted one by one; child pointers are plain pointers. Names and literal
//   texts are string_views into source text owned by the Program, so they
//   live exactly as long as the Program.
// * No RTTI: test a node with `is<T>(n)` and downcast with `as<T>(n)`, which
//   returns nullptr when the kind does not match.
// * Optional children are nullptr when absent (documented per field). Lists
//   are std::vector of pointers and never contain nullptr.
// * A File keeps its top-level declarations and its top-level statements (a
//   gsl extension) both in one `items` list, in source order, and also split
//   into `decls` and `stmts` for convenience. See File below for the scoping
//   rules of top-level statements.
// * Scope resolution fills Ident::obj. An Object is one declared entity
//   (variable, constant, type, function, package, builtin, label, nil). See
//   Object for the flags the compiler needs (captured, addressTaken, ...), and
//   FuncInfo for each function's free variables and locals.
//
// Which identifiers are resolved (Ident::obj set):
//   - every identifier used as an operand or a type name, including the left
//     operand of a selector (`fmt` in `fmt.Println`, `p` in `p.x`);
//   - every declaring identifier (var/const/type/func/param/result/receiver/
//     type parameter/range key and value/`:=` left side/import name/label),
//     whose obj is the Object it declares; on a `:=` that redeclares an
//     existing variable the identifier's obj is that existing Object. The
//     one exception is the `v` of `switch v := x.(type)`, whose obj is
//     nullptr: each clause declares its own variable, found in
//     CaseClause::implicitObj;
//   - label identifiers of break/continue/goto (to the Label object; a
//     label that is not defined leaves obj nullptr, with an error);
//   - the key of a composite-literal element when it is a bare identifier
//     that names something in scope (it may instead be a struct field name:
//     the compiler decides by the literal's type; if obj is nullptr no
//     error was reported, and the compiler must report `undefined: k` when
//     the literal turns out not to be a struct literal).
// Never resolved (obj stays nullptr): the blank identifier `_`, the selected
// name of a SelectorExpr (`Println`, field and method names), struct field
// names, interface method names, and the name of a method's FuncDecl.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lexer/token.h"

namespace gsl::parser {

using lexer::Pos;
using lexer::Tok;

// ---------------------------------------------------------------------------
// Arena
// ---------------------------------------------------------------------------

// A bump allocator that owns every node of a Program. Objects with
// non-trivial destructors (nodes hold std::vector) are destroyed, in reverse
// order of creation, when the arena dies.
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  template <class T, class... Args>
  T* make(Args&&... args) {
    void* mem = allocate(sizeof(T), alignof(T));
    T* obj = new (mem) T(std::forward<Args>(args)...);
    if constexpr (!std::is_trivially_destructible_v<T>) {
      dtors_.push_back({obj, [](void* p) { static_cast<T*>(p)->~T(); }});
    }
    return obj;
  }

  // Copies `s` into the arena; the view stays valid for the arena's life.
  std::string_view save(std::string_view s);

 private:
  void* allocate(size_t size, size_t align);

  static constexpr size_t kBlockSize = 64 * 1024;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  size_t left_ = 0;
  std::vector<std::pair<void*, void (*)(void*)>> dtors_;
};

// ---------------------------------------------------------------------------
// Node kinds
// ---------------------------------------------------------------------------

// The order matters: each group is a contiguous range so isExpr/isStmt/...
// are range checks.
enum class NodeKind : uint8_t {
  // Expressions (and type expressions).
  BadExpr,
  Ident,
  Ellipsis,
  BasicLit,
  CompositeLit,
  FuncLit,
  ParenExpr,
  SelectorExpr,
  IndexExpr,
  IndexListExpr,
  SliceExpr,
  TypeAssertExpr,
  CallExpr,
  StarExpr,
  UnaryExpr,
  BinaryExpr,
  KeyValueExpr,
  ArrayType,
  StructType,
  FuncType,
  InterfaceType,
  MapType,
  ChanType,
  // Statements.
  BadStmt,
  DeclStmt,
  EmptyStmt,
  LabeledStmt,
  ExprStmt,
  SendStmt,
  IncDecStmt,
  AssignStmt,
  GoStmt,
  DeferStmt,
  ReturnStmt,
  BranchStmt,
  BlockStmt,
  IfStmt,
  CaseClause,
  SwitchStmt,
  TypeSwitchStmt,
  CommClause,
  SelectStmt,
  ForStmt,
  RangeStmt,
  // Specifications inside a GenDecl.
  ImportSpec,
  ValueSpec,
  TypeSpec,
  // Declarations.
  BadDecl,
  GenDecl,
  FuncDecl,
  // Others.
  Field,
  File,
};

// The name of a node kind ("BinaryExpr"), for dumps and debugging.
std::string_view nodeKindName(NodeKind k);

inline bool isExprKind(NodeKind k) { return k <= NodeKind::ChanType; }
inline bool isStmtKind(NodeKind k) {
  return k >= NodeKind::BadStmt && k <= NodeKind::RangeStmt;
}
inline bool isSpecKind(NodeKind k) {
  return k >= NodeKind::ImportSpec && k <= NodeKind::TypeSpec;
}
inline bool isDeclKind(NodeKind k) {
  return k >= NodeKind::BadDecl && k <= NodeKind::FuncDecl;
}

struct Object;
struct Scope;

// The root of every node.
struct Node {
  NodeKind kind;
  Pos pos;  // Start of the node (go/ast's Pos()).

 protected:
  Node(NodeKind k, Pos p) : kind(k), pos(p) {}
};

// Abstract groups, so child lists say what they hold.
struct Expr : Node {
 protected:
  using Node::Node;
};
struct Stmt : Node {
 protected:
  using Node::Node;
};
struct Spec : Node {
 protected:
  using Node::Node;
};
struct Decl : Node {
 protected:
  using Node::Node;
};

// Kind-checked casts. `as<Expr>` etc. check the group.
template <class T>
inline bool is(const Node* n) {
  if (n == nullptr) return false;
  if constexpr (std::is_same_v<T, Node>) {
    return true;
  } else if constexpr (std::is_same_v<T, Expr>) {
    return isExprKind(n->kind);
  } else if constexpr (std::is_same_v<T, Stmt>) {
    return isStmtKind(n->kind);
  } else if constexpr (std::is_same_v<T, Spec>) {
    return isSpecKind(n->kind);
  } else if constexpr (std::is_same_v<T, Decl>) {
    return isDeclKind(n->kind);
  } else {
    return n->kind == T::kKind;
  }
}
template <class T>
inline T* as(Node* n) {
  return is<T>(n) ? static_cast<T*>(n) : nullptr;
}
template <class T>
inline const T* as(const Node* n) {
  return is<T>(n) ? static_cast<const T*>(n) : nullptr;
}

#define GSL_AST_NODE(Name, Base)                               \
  static constexpr NodeKind kKind = NodeKind::Name;            \
  explicit Name(Pos p = Pos()) : Base(NodeKind::Name, p) {}

// ---------------------------------------------------------------------------
// Fields (parameters, results, struct fields, interface elements)
// ---------------------------------------------------------------------------

// One entry of a parameter list, struct field list or interface element list.
//   Parameters:  ParameterDecl = [ IdentifierList ] [ "..." ] Type .
//   Struct:      FieldDecl = (IdentifierList Type | EmbeddedField) [ Tag ] .
//   Interface:   MethodElem = MethodName Signature .  TypeElem = TypeTerm { "|" TypeTerm } .
// For a method element `names` holds the method name and `type` its FuncType.
// For an embedded struct field (`T`, `*T`, `pkg.T`) and an interface type
// element (`io.Reader`, `~int | string`), `names` is empty.
struct BasicLit;
struct Ident;
struct Field : Node {
  GSL_AST_NODE(Field, Node)
  std::vector<Ident*> names;  // Empty for unnamed params, embedded fields.
  Expr* type = nullptr;       // Never null. `...T` params: an Ellipsis.
  BasicLit* tag = nullptr;    // Struct field tag, or nullptr.
};

// A parenthesized/braced/bracketed list of fields.
struct FieldList {
  Pos opening;  // `(`, `{` or `[`; invalid if the list had no brackets.
  std::vector<Field*> list;
  Pos closing;
  // The number of entities: named fields count each name, unnamed count 1.
  int numFields() const;
};

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

// A syntactically invalid expression; stands in where parsing failed.
struct BadExpr : Expr {
  GSL_AST_NODE(BadExpr, Expr)
};

// identifier = letter { letter | unicode_digit } .
struct Ident : Expr {
  GSL_AST_NODE(Ident, Expr)
  std::string_view name;
  Object* obj = nullptr;  // Filled by the resolver; see the top of this file.
};

// `...` in `[...]T` (as ArrayType::len, elt is nullptr) and in a variadic
// parameter `...T` (as Field::type, elt is T).
struct Ellipsis : Expr {
  GSL_AST_NODE(Ellipsis, Expr)
  Expr* elt = nullptr;
};

// BasicLit = int_lit | float_lit | imaginary_lit | rune_lit | string_lit .
enum class LitKind : uint8_t { Int, Float, Imag, Char, String };
struct BasicLit : Expr {
  GSL_AST_NODE(BasicLit, Expr)
  LitKind litKind = LitKind::Int;
  std::string_view value;  // Exactly as written: `0x1F`, `'a'`, `"a\n"`.
};

// CompositeLit = LiteralType LiteralValue .
// LiteralValue = "{" [ ElementList [ "," ] ] "}" .
// Element keys are KeyValueExpr elements. `type` is nullptr for an elided
// type inside another composite literal (`[]Point{{1, 2}}`).
struct CompositeLit : Expr {
  GSL_AST_NODE(CompositeLit, Expr)
  Expr* type = nullptr;
  Pos lbrace;
  std::vector<Expr*> elts;
  Pos rbrace;
};

struct FuncType;
struct BlockStmt;

// Per-function results of scope resolution, for FuncDecl, FuncLit and the
// File's top-level code.
struct FuncInfo {
  // Variables of enclosing functions this function uses (directly or from a
  // function literal nested in it), in order of first use. Package-level
  // objects are never free variables.
  std::vector<Object*> freeVars;
  // Every variable this function declares (receiver, params, results, then
  // locals in declaration order, including those of nested blocks and the
  // per-clause variables of type switches, but not those of nested
  // function literals).
  std::vector<Object*> locals;
  void* compilerData = nullptr;  // Opaque to the parser.
};

// FunctionLit = "func" Signature FunctionBody .
struct FuncLit : Expr {
  GSL_AST_NODE(FuncLit, Expr)
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
  FuncInfo info;
};

// `(` Expression `)`.
struct ParenExpr : Expr {
  GSL_AST_NODE(ParenExpr, Expr)
  Expr* x = nullptr;
  Pos rparen;
};

// Selector = "." identifier . Also qualified identifiers (`pkg.Name`) and
// method expressions (`T.M`, `(*T).M`).
struct SelectorExpr : Expr {
  GSL_AST_NODE(SelectorExpr, Expr)
  Expr* x = nullptr;
  Pos dot;
  Ident* sel = nullptr;  // Never resolved.
};

// Index = "[" Expression [ "," ] "]" . Also a generic instantiation with
// one type argument (`F[int]`), which cannot be told apart syntactically.
struct IndexExpr : Expr {
  GSL_AST_NODE(IndexExpr, Expr)
  Expr* x = nullptr;
  Pos lbrack;
  Expr* index = nullptr;
  Pos rbrack;
};

// A generic instantiation with several type arguments: `Map[K, V]`.
struct IndexListExpr : Expr {
  GSL_AST_NODE(IndexListExpr, Expr)
  Expr* x = nullptr;
  Pos lbrack;
  std::vector<Expr*> indices;
  Pos rbrack;
};

// Slice = "[" [ Expression ] ":" [ Expression ] "]" |
//         "[" [ Expression ] ":" Expression ":" Expression "]" .
struct SliceExpr : Expr {
  GSL_AST_NODE(SliceExpr, Expr)
  Expr* x = nullptr;
  Pos lbrack;
  Expr* low = nullptr;   // Optional.
  Expr* high = nullptr;  // Optional unless slice3.
  Expr* max = nullptr;   // Only with slice3.
  bool slice3 = false;   // x[a:b:c]
  Pos rbrack;
};

// TypeAssertion = "." "(" Type ")" . `type` is nullptr for `x.(type)`,
// which the parser accepts only as a type switch guard.
struct TypeAssertExpr : Expr {
  GSL_AST_NODE(TypeAssertExpr, Expr)
  Expr* x = nullptr;
  Pos dot;
  Pos lparen;
  Expr* type = nullptr;
  Pos rparen;
};

// Arguments = "(" [ ( ExpressionList | Type [ "," ExpressionList ] ) [ "..." ] [ "," ] ] ")" .
// Also conversions (`[]byte(s)`) and builtin calls (`make([]int, 3)`),
// whose first argument may be a type expression.
struct CallExpr : Expr {
  GSL_AST_NODE(CallExpr, Expr)
  Expr* fun = nullptr;
  Pos lparen;  // cmd/compile reports call errors here.
  std::vector<Expr*> args;
  bool hasEllipsis = false;  // f(xs...)
  Pos ellipsis;              // Valid iff hasEllipsis.
  Pos rparen;
};

// `*` x: a pointer indirection or, in type position, a pointer type.
struct StarExpr : Expr {
  GSL_AST_NODE(StarExpr, Expr)
  Expr* x = nullptr;
};

// unary_op UnaryExpr, unary_op = "+" | "-" | "!" | "^" | "*" | "&" | "<-" .
// `*` is a StarExpr instead. Inside interface elements `~T` is a UnaryExpr
// with op Tilde. pos is the operator's position.
struct UnaryExpr : Expr {
  GSL_AST_NODE(UnaryExpr, Expr)
  Tok op = Tok::Illegal;
  Expr* x = nullptr;
};

// Expression binary_op Expression. pos is x's start; opPos is where Go's
// compiler reports "invalid operation" errors. Inside interface elements a
// union `A | B` is a BinaryExpr with op Or.
struct BinaryExpr : Expr {
  GSL_AST_NODE(BinaryExpr, Expr)
  Expr* x = nullptr;
  Tok op = Tok::Illegal;
  Pos opPos;
  Expr* y = nullptr;
};

// KeyedElement = [ Key ":" ] Element . Only inside CompositeLit::elts.
struct KeyValueExpr : Expr {
  GSL_AST_NODE(KeyValueExpr, Expr)
  Expr* key = nullptr;
  Pos colon;
  Expr* value = nullptr;
};

// ArrayType = "[" ArrayLength "]" ElementType . SliceType = "[" "]" ElementType .
// `len` is nullptr for a slice type and an Ellipsis for `[...]T`.
struct ArrayType : Expr {
  GSL_AST_NODE(ArrayType, Expr)
  Expr* len = nullptr;
  Expr* elt = nullptr;
};

// StructType = "struct" "{" { FieldDecl ";" } "}" .
struct StructType : Expr {
  GSL_AST_NODE(StructType, Expr)
  FieldList fields;
};

// FunctionType = "func" Signature . Signature = Parameters [ Result ] .
// Also the signature of a FuncDecl (then pos is the `func` keyword's) and of
// an interface method (then pos is the method name's).
struct FuncType : Expr {
  GSL_AST_NODE(FuncType, Expr)
  FieldList typeParams;  // `[T any]`; empty for non-generic functions.
  FieldList params;
  FieldList results;       // Empty when there is no result.
  bool variadic = false;   // The last parameter's type is an Ellipsis.
};

// InterfaceType = "interface" "{" { InterfaceElem ";" } "}" .
// Methods are Fields with one name and a FuncType; embedded interfaces and
// type-set elements (`~int | string`) are Fields without names.
struct InterfaceType : Expr {
  GSL_AST_NODE(InterfaceType, Expr)
  FieldList methods;
};

// MapType = "map" "[" KeyType "]" ElementType .
struct MapType : Expr {
  GSL_AST_NODE(MapType, Expr)
  Expr* key = nullptr;
  Expr* value = nullptr;
};

// ChannelType = ( "chan" | "chan" "<-" | "<-" "chan" ) ElementType .
enum class ChanDir : uint8_t { Both, Send, Recv };
struct ChanType : Expr {
  GSL_AST_NODE(ChanType, Expr)
  ChanDir dir = ChanDir::Both;
  Pos arrow;  // Position of `<-`, if any.
  Expr* value = nullptr;
};

// ---------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------

// A syntactically invalid statement.
struct BadStmt : Stmt {
  GSL_AST_NODE(BadStmt, Stmt)
};

struct GenDecl;

// Declaration = ConstDecl | TypeDecl | VarDecl . A declaration inside a
// block. (A `var`/`const`/`type` directly at top level is a GenDecl in
// File::decls, never a DeclStmt.)
struct DeclStmt : Stmt {
  GSL_AST_NODE(DeclStmt, Stmt)
  GenDecl* decl = nullptr;
};

// EmptyStmt = . `implicit` when it stands for a missing statement before
// an (inserted) semicolon.
struct EmptyStmt : Stmt {
  GSL_AST_NODE(EmptyStmt, Stmt)
  bool implicit = false;
};

// LabeledStmt = Label ":" Statement .
struct LabeledStmt : Stmt {
  GSL_AST_NODE(LabeledStmt, Stmt)
  Ident* label = nullptr;  // obj is the Label object.
  Pos colon;
  Stmt* stmt = nullptr;    // Never null (an EmptyStmt before `}`).
};

// ExpressionStmt = Expression .
struct ExprStmt : Stmt {
  GSL_AST_NODE(ExprStmt, Stmt)
  Expr* x = nullptr;
};

// SendStmt = Channel "<-" Expression .
struct SendStmt : Stmt {
  GSL_AST_NODE(SendStmt, Stmt)
  Expr* chan = nullptr;
  Pos arrow;
  Expr* value = nullptr;
};

// IncDecStmt = Expression ( "++" | "--" ) .
struct IncDecStmt : Stmt {
  GSL_AST_NODE(IncDecStmt, Stmt)
  Expr* x = nullptr;
  Pos tokPos;
  Tok tok = Tok::Inc;  // Inc or Dec.
};

// Assignment = ExpressionList assign_op ExpressionList .
// ShortVarDecl = IdentifierList ":=" ExpressionList .
// tok is Assign, Define, or an op-assign (AddAssign ... AndNotAssign).
struct AssignStmt : Stmt {
  GSL_AST_NODE(AssignStmt, Stmt)
  std::vector<Expr*> lhs;
  Pos tokPos;  // cmd/compile reports assignment errors here.
  Tok tok = Tok::Assign;
  std::vector<Expr*> rhs;
};

struct CallExpr;

// GoStmt = "go" Expression . (the expression is always a call)
struct GoStmt : Stmt {
  GSL_AST_NODE(GoStmt, Stmt)
  CallExpr* call = nullptr;
};

// DeferStmt = "defer" Expression . (the expression is always a call)
struct DeferStmt : Stmt {
  GSL_AST_NODE(DeferStmt, Stmt)
  CallExpr* call = nullptr;
};

// ReturnStmt = "return" [ ExpressionList ] .
struct ReturnStmt : Stmt {
  GSL_AST_NODE(ReturnStmt, Stmt)
  std::vector<Expr*> results;
};

// BreakStmt = "break" [ Label ] . ContinueStmt = "continue" [ Label ] .
// GotoStmt = "goto" Label . FallthroughStmt = "fallthrough" .
struct BranchStmt : Stmt {
  GSL_AST_NODE(BranchStmt, Stmt)
  Tok tok = Tok::Break;      // Break, Continue, Goto or Fallthrough.
  Ident* label = nullptr;    // Optional; obj is the Label object.
};

// Block = "{" StatementList "}" .
struct BlockStmt : Stmt {
  GSL_AST_NODE(BlockStmt, Stmt)
  std::vector<Stmt*> list;
  Pos rbrace;
};

// IfStmt = "if" [ SimpleStmt ";" ] Expression Block [ "else" ( IfStmt | Block ) ] .
struct IfStmt : Stmt {
  GSL_AST_NODE(IfStmt, Stmt)
  Stmt* init = nullptr;  // Optional.
  Expr* cond = nullptr;  // Never null after a successful parse.
  BlockStmt* body = nullptr;
  Stmt* els = nullptr;   // nullptr, an IfStmt or a BlockStmt.
};

// ExprCaseClause = ExprSwitchCase ":" StatementList .
// TypeCaseClause = TypeSwitchCase ":" StatementList .
// `list` is empty for `default`.
struct CaseClause : Stmt {
  GSL_AST_NODE(CaseClause, Stmt)
  bool isDefault = false;
  std::vector<Expr*> list;  // Expressions, or types in a type switch.
  Pos colon;
  std::vector<Stmt*> body;
  // In a type switch with a bound variable (`switch v := x.(type)`), the
  // variable that clause declares (go/types' "implicit" object); its ident
  // is the TypeSwitchStmt's lhs Ident. nullptr otherwise.
  Object* implicitObj = nullptr;
};

// ExprSwitchStmt = "switch" [ SimpleStmt ";" ] [ Expression ] "{" { ExprCaseClause } "}" .
// body->list holds only CaseClauses.
struct SwitchStmt : Stmt {
  GSL_AST_NODE(SwitchStmt, Stmt)
  Stmt* init = nullptr;  // Optional.
  Expr* tag = nullptr;   // Optional.
  BlockStmt* body = nullptr;
};

// TypeSwitchStmt = "switch" [ SimpleStmt ";" ] TypeSwitchGuard "{" { TypeCaseClause } "}" .
// TypeSwitchGuard = [ identifier ":=" ] PrimaryExpr "." "(" "type" ")" .
// `assign` is an AssignStmt (`v := x.(type)`, one Ident lhs, Define) or an
// ExprStmt (`x.(type)`); its rhs/x is a TypeAssertExpr with type nullptr.
// body->list holds only CaseClauses.
struct TypeSwitchStmt : Stmt {
  GSL_AST_NODE(TypeSwitchStmt, Stmt)
  Stmt* init = nullptr;
  Stmt* assign = nullptr;
  BlockStmt* body = nullptr;
};

// CommClause = CommCase ":" StatementList .
// CommCase = "case" ( SendStmt | RecvStmt ) | "default" .
// RecvStmt = [ ExpressionList "=" | IdentifierList ":=" ] RecvExpr .
// `comm` is nullptr for default, a SendStmt, an ExprStmt (`<-ch`), or an
// AssignStmt whose single rhs is a UnaryExpr with op Arrow.
struct CommClause : Stmt {
  GSL_AST_NODE(CommClause, Stmt)
  Stmt* comm = nullptr;
  Pos colon;
  std::vector<Stmt*> body;
};

// SelectStmt = "select" "{" { CommClause } "}" . body->list holds only CommClauses.
struct SelectStmt : Stmt {
  GSL_AST_NODE(SelectStmt, Stmt)
  BlockStmt* body = nullptr;
};

// ForStmt = "for" [ Condition | ForClause ] Block .
// ForClause = [ InitStmt ] ";" [ Condition ] ";" [ PostStmt ] .
// Go 1.22 semantics: variables declared by init are fresh per iteration.
struct ForStmt : Stmt {
  GSL_AST_NODE(ForStmt, Stmt)
  Stmt* init = nullptr;  // Optional.
  Expr* cond = nullptr;  // Optional.
  Stmt* post = nullptr;  // Optional.
  BlockStmt* body = nullptr;
};

// RangeClause = [ ExpressionList "=" | IdentifierList ":=" ] "range" Expression .
// `for range x` has no key, value or tok (tok == Illegal). x may be an int
// or a function (range-over-func): it is just an expression here.
struct RangeStmt : Stmt {
  GSL_AST_NODE(RangeStmt, Stmt)
  Expr* key = nullptr;    // Optional.
  Expr* value = nullptr;  // Optional.
  Pos tokPos;
  Tok tok = Tok::Illegal;  // Illegal, Assign or Define.
  Pos rangePos;
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
};

// ---------------------------------------------------------------------------
// Specifications and declarations
// ---------------------------------------------------------------------------

// ImportSpec = [ "." | PackageName ] ImportPath .
struct ImportSpec : Spec {
  GSL_AST_NODE(ImportSpec, Spec)
  Ident* name = nullptr;  // Optional; may be `.` or `_`. obj is the Package.
  BasicLit* path = nullptr;
  std::string_view pathValue;  // Unquoted path, e.g. "math/rand".
  Object* obj = nullptr;       // The Package object (nullptr for `_`, `.`).
};

// VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
// ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
// For a const spec without values, `source` is the earlier spec of the same
// group whose type and values it repeats (Go's implicit repetition); the
// compiler evaluates source->values with this spec's `iota`. For any spec
// with its own values, source == this.
struct ValueSpec : Spec {
  GSL_AST_NODE(ValueSpec, Spec)
  std::vector<Ident*> names;
  Expr* type = nullptr;  // Optional.
  std::vector<Expr*> values;
  int iota = 0;                 // Index of the spec in its const group.
  ValueSpec* source = nullptr;  // See above; always this for vars.
};

// TypeSpec = AliasDecl | TypeDef .
// AliasDecl = identifier "=" Type .  TypeDef = identifier [ TypeParameters ] Type .
struct TypeSpec : Spec {
  GSL_AST_NODE(TypeSpec, Spec)
  Ident* name = nullptr;
  FieldList typeParams;
  Pos assign;  // Valid for an alias (`type A = B`).
  Expr* type = nullptr;
  bool isAlias() const { return assign.valid(); }
};

// A declaration the parser could not make sense of.
struct BadDecl : Decl {
  GSL_AST_NODE(BadDecl, Decl)
};

// ImportDecl, ConstDecl, TypeDecl, VarDecl: tok is Import, Const, Type or
// Var. lparen is invalid for an unparenthesized declaration.
struct GenDecl : Decl {
  GSL_AST_NODE(GenDecl, Decl)
  Tok tok = Tok::Var;
  Pos lparen;
  std::vector<Spec*> specs;
  Pos rparen;
};

// FunctionDecl = "func" FunctionName [ TypeParameters ] Signature [ FunctionBody ] .
// MethodDecl = "func" Receiver MethodName Signature [ FunctionBody ] .
struct FuncDecl : Decl {
  GSL_AST_NODE(FuncDecl, Decl)
  FieldList* recv = nullptr;  // nullptr for a function; one Field for a method.
  Ident* name = nullptr;      // obj: the function's Object (also for methods).
  FuncType* type = nullptr;   // Type parameters are in type->typeParams.
  BlockStmt* body = nullptr;  // nullptr for a declaration without body.
  FuncInfo info;
};

// SourceFile = [ PackageClause ";" ] { ImportDecl ";" } { TopLevelDecl ";" | Statement ";" } .
//
// gsl extension: statements may appear at top level, interleaved with
// declarations, and run in source order. Scoping:
//   * Package-level declarations (GenDecl, FuncDecl in `decls`) are visible
//     everywhere in the package, whatever their position, as in Go.
//   * A top-level short variable declaration (`x := 1`, `x, err := f()`)
//     declares package-level variables (Object::func is nullptr, like a
//     `var`). They are visible in every function body of the package, but
//     top-level statements may use them only after their declaration.
//   * A top-level `var`, `const` or `type` is a GenDecl in `decls`, never a
//     DeclStmt. In a file with top-level statements, the compiler should run
//     package-level var initializers in source order, interleaved with the
//     statements (what a script's author expects); in a file without any,
//     Go's dependency order applies.
//   * Everything declared inside a top-level statement (for/if/switch init
//     variables, block locals) is local to the file's top-level code, whose
//     FuncInfo is File::scriptInfo and whose Object::func is the File.
struct File : Node {
  GSL_AST_NODE(File, Node)
  std::string_view filename;
  Ident* packageName = nullptr;        // nullptr when the clause is omitted.
  std::vector<GenDecl*> importDecls;   // Also present in decls/items.
  std::vector<ImportSpec*> imports;    // All import specs, in order.
  std::vector<Node*> items;            // Decls and Stmts, in source order.
  std::vector<Decl*> decls;            // Top-level declarations, in order.
  std::vector<Stmt*> stmts;            // Top-level statements, in order.
  FuncInfo scriptInfo;                 // Locals/free vars of top-level code.
  Scope* scope = nullptr;              // File scope (imports live here).
};

#undef GSL_AST_NODE

// The position Go's compiler (cmd/compile/internal/syntax) gives x, which
// is where many of its errors point: the operator of a unary or binary
// expression, the "(" of a call, the "." of a selector or type assertion,
// the "[" of an index or slice, the "{" of a composite literal, the ":" of
// a key-value pair; the start for anything else.
Pos syntaxPos(const Expr* x);

// x without the parentheses around it.
inline Expr* unparen(Expr* x) {
  while (auto* p = as<ParenExpr>(x)) x = p->x;
  return x;
}

// ---------------------------------------------------------------------------
// Scope resolution
// ---------------------------------------------------------------------------

enum class ObjKind : uint8_t {
  Bad,      // Placeholder after an error.
  Package,  // An imported package (decl: ImportSpec).
  Const,    // decl: ValueSpec (user) or nullptr (true, false, iota).
  Type,     // decl: TypeSpec, a type parameter's Field, or nullptr.
  Var,      // decl: see Object::decl.
  Func,     // decl: FuncDecl; nullptr for builtins (see Builtin).
  Builtin,  // A builtin function such as len; see Object::predeclared.
  Label,    // decl: LabeledStmt. Labels live in their function's label scope.
  Nil,      // The predeclared nil.
};

// The predeclared identifiers of the universe scope, so the compiler can
// switch on them without comparing names (a user declaration that shadows
// one of them is an ordinary Object with predeclared == None).
#define GSL_PREDECLARED(X)                                                   \
  /* Types. */                                                               \
  X(Bool, "bool") X(Byte, "byte") X(Complex64, "complex64")                  \
  X(Complex128, "complex128") X(Error, "error") X(Float32, "float32")        \
  X(Float64, "float64") X(Int, "int") X(Int8, "int8") X(Int16, "int16")      \
  X(Int32, "int32") X(Int64, "int64") X(Rune, "rune") X(String, "string")    \
  X(Uint, "uint") X(Uint8, "uint8") X(Uint16, "uint16") X(Uint32, "uint32")  \
  X(Uint64, "uint64") X(Uintptr, "uintptr") X(Any, "any")                    \
  X(Comparable, "comparable")                                                \
  /* Constants and nil. */                                                   \
  X(True, "true") X(False, "false") X(Iota, "iota") X(Nil, "nil")            \
  /* Builtin functions. */                                                   \
  X(Append, "append") X(Cap, "cap") X(Clear, "clear") X(Close, "close")      \
  X(Complex, "complex") X(Copy, "copy") X(Delete, "delete") X(Imag, "imag")  \
  X(Len, "len") X(Make, "make") X(Max, "max") X(Min, "min") X(New, "new")    \
  X(Panic, "panic") X(Print, "print") X(Println, "println") X(Real, "real")  \
  X(Recover, "recover")

enum class Predeclared : uint8_t {
  None,
#define GSL_PREDECLARED_ENUM(name, spelling) name,
  GSL_PREDECLARED(GSL_PREDECLARED_ENUM)
#undef GSL_PREDECLARED_ENUM
};

enum class ScopeKind : uint8_t {
  Universe,
  Package,
  File,      // Imports.
  Func,      // Receiver, type params, params and results of one function.
  Block,     // Any block, if/for/switch header, case clause.
  Labels,    // The labels of one function (a separate namespace).
};

// A declared entity.
struct Object {
  ObjKind kind = ObjKind::Bad;
  std::string_view name;
  Predeclared predeclared = Predeclared::None;
  Pos pos;                 // The declaring identifier's position.
  Ident* ident = nullptr;  // The declaring identifier (nullptr for universe).
  // The declaring construct: ValueSpec, TypeSpec, FuncDecl, ImportSpec,
  // LabeledStmt, Field (receiver/param/result/type param), AssignStmt (:=),
  // RangeStmt (key/value), TypeSwitchStmt (the bound variable, one object
  // per clause: see CaseClause::implicitObj). nullptr for universe objects.
  Node* decl = nullptr;
  Scope* scope = nullptr;  // The scope it is declared in.
  // The function whose frame holds it: a FuncDecl, a FuncLit, or the File
  // for locals of top-level code. nullptr for package-level and universe
  // objects (globals), packages, and methods.
  Node* func = nullptr;
  int iota = 0;  // Const: the ValueSpec's iota.

  // Filled by the resolver.
  bool used = false;          // Read at least once (assigning is not a use).
  bool captured = false;      // Used from a nested function literal.
  bool addressTaken = false;  // Operand of `&` (`&x`, also `&x.f`, `&x[i]`).
  bool isParam = false;       // A parameter or the receiver.
  bool isRecv = false;        // The receiver.
  bool isResult = false;      // A named result.

  // For the compiler.
  int slot = -1;
  void* compilerData = nullptr;
};

// A lexical scope. Lookups go outward through `parent`.
struct Scope {
  ScopeKind kind = ScopeKind::Block;
  Scope* parent = nullptr;
  Node* node = nullptr;  // The node that opened it (nullptr: universe/package).
  std::vector<Object*> objects;  // In declaration order.
  std::unordered_map<std::string_view, Object*> names;

  Object* lookupLocal(std::string_view name) const {
    auto it = names.find(name);
    return it == names.end() ? nullptr : it->second;
  }
  // Looks `name` up here and in enclosing scopes.
  Object* lookup(std::string_view name) const;
};

}  // namespace gsl::parser
