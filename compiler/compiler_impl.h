// compiler/compiler_impl.h: the compiler's internal state, shared by the
// files of compiler/ (not a public header; see compiler/compiler.h).
//
// Code generation in one paragraph: each function gets a FuncState whose
// registers are allocated like a stack. Parameters take the first registers,
// each local variable takes the next free register when it is declared and
// gives it back when its block ends, and temporaries live above the locals
// for the duration of one statement. An expression is compiled either into a
// given register (exprTo) or wherever is cheapest (expr: a local variable's
// own register needs no code). A variable that a closure captures, or whose
// address is taken (and that is not a struct/array, whose object can be
// pointed at directly), lives in a cell held by its register. Conditions
// compile to comparison+Jmp pairs whose jump lists are patched later.
//
// Static types: the compiler tracks the Go type of each expression when it
// can (declared types, literals, results of known functions). They pick
// zero values, convert untyped constants to their context's type at compile
// time, and avoid needless copies of values that cannot be structs or arrays.
// Where a type is unknown (nullptr) the instructions adapt at run time (the
// K-operand arithmetic converts its constant to the other operand's type;
// stores into typed locations convert constants; Copy checks the kind).
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/compiler.h"
#include "compiler/constant.h"
#include "parser/ast.h"
#include "parser/parser.h"
#include "vm/builtins.h"
#include "vm/native.h"
#include "vm/object.h"
#include "vm/opcode.h"
#include "vm/proto.h"
#include "vm/type.h"

namespace gsl::compiler {

using lexer::Pos;
using lexer::Tok;
using vm::Op;
using vm::Type;
using vm::Value;

class FuncState;

// Where a variable lives.
struct VarInfo {
  enum class Where : uint8_t {
    Register,    // R[index] holds the value
    Cell,        // R[index] holds a cell holding the value
    Global,      // G[index] holds the value
    GlobalCell,  // G[index] holds a cell holding the value
  };
  Where where = Where::Register;
  int index = 0;
  const Type* type = nullptr;  // static type; nullptr when unknown
  FuncState* owner = nullptr;  // the function whose frame holds it (nullptr: global)
};

// The result of compiling an expression.
struct Operand {
  int reg = -1;
  const Type* type = nullptr;  // static type, nullptr when unknown
  // True when no variable or element holds this value (a call result, a
  // composite literal, arithmetic): storing it needs no copy.
  bool fresh = false;
};

// A statement that `break` (and, for loops, `continue`) can leave.
struct BreakTarget {
  parser::Object* label = nullptr;
  bool isLoop = false;
  bool isRange = false;
  // For a range loop that may range over an iterator function: its state
  // register, closed (RangeClose) when the loop is left early.
  int rangeState = -1;
  std::vector<int> breaks;     // Jmp instructions to patch to the end
  std::vector<int> continues;  // Jmp instructions to patch to the continue point
};

// Per-function compilation state.
class FuncState {
 public:
  FuncState* parent = nullptr;
  parser::Node* node = nullptr;  // FuncDecl, FuncLit, or File (top-level code)
  parser::FuncInfo* info = nullptr;
  vm::Proto* proto = nullptr;
  std::string name;              // Go's name, for closures' names
  int closureCount = 0;          // func literals named so far inside this function
  int freeReg = 0;
  // Capture index of each free variable (FuncInfo::freeVars order).
  std::unordered_map<parser::Object*, int> captures;
  std::vector<BreakTarget> breakables;
  // Labels: position of each label's statement, and gotos waiting for it.
  std::unordered_map<parser::Object*, int> labelPcs;
  std::unordered_map<parser::Object*, std::vector<int>> pendingGotos;
  // A label seen immediately before the statement being compiled.
  parser::Object* pendingLabel = nullptr;
  // Results.
  std::vector<const Type*> resultTypes;
  std::vector<parser::Object*> namedResults;  // empty when results are unnamed
  std::vector<int> hiddenResultRegs;          // unnamed results of a function with defers
  bool hasDefer = false;
  std::vector<int> exitJumps;                 // returns that jump to the exit sequence
  // Constant and type table deduplication.
  std::unordered_map<uint64_t, int> constByBits;
  std::unordered_map<std::string, int> constByString;
  std::unordered_map<const Type*, int> typeByPtr;
};

class Compiler {
 public:
  Compiler(parser::Program& prog, std::vector<parser::Diagnostic>* errors);
  bool compile(CompileResult* out);

  // ---- Diagnostics (compiler.cpp) -------------------------------------------
  void error(Pos pos, std::string msg);
  bool failed() const { return errorCount_ > 0; }

  // ---- Package level (program.cpp) ----------------------------------------
  void declareImports();
  void declareTypes();
  void declareFunctions();
  void declareGlobals();
  std::vector<parser::ValueSpec*> varInitOrder();
  void compileFunctions();
  vm::Proto* compileEntry();
  Value functionValue(parser::Object* fn);
  VarInfo* varInfo(parser::Object* obj);
  bool isLocalTypeDecl(parser::TypeSpec* ts) const;
  void declareLocalType(parser::TypeSpec* ts);

  // ---- Types (types.cpp) ------------------------------------------------------
  // The type an expression in type position denotes; nullptr (after an
  // error, or for a generic type parameter) when unknown.
  const Type* resolveType(parser::Expr* e);
  // Whether e denotes a type rather than a value.
  bool isTypeExpr(parser::Expr* e);
  // The generic type `base` (denoted by `generic`) instantiated with the
  // type arguments `args`.
  const Type* instantiate(parser::Expr* generic, const Type* base, const std::vector<parser::Expr*>& args);
  const Type* funcTypeOf(parser::FuncType* ft);
  bool hasPointerMethods(const Type* t);
  // Field type of `name` in struct type t (through pointers/embedding), or nullptr.
  const Type* fieldTypeOf(const Type* t, std::string_view name);
  // The method's signature without receiver, for a static receiver type.
  const Type* methodTypeOf(const Type* recv, std::string_view name, bool* ptrRecv);

  // ---- Constants (constfold.cpp) ----------------------------------------------
  // Evaluates e if it is a constant expression; reports malformed constant
  // expressions (overflow, division by zero) and returns false for those too.
  bool constEval(parser::Expr* e, ConstValue* out);
  bool isConstExpr(parser::Expr* e);
  ConstValue* constOfObject(parser::Object* obj);

  // ---- Emission (emit.cpp) ---------------------------------------------------
  int emit(vm::Instr ins);
  int emitABC(Op op, int a, int b, int c) { return emit(vm::encodeABC(op, a, b, c)); }
  int emitABx(Op op, int a, uint32_t bx) { return emit(vm::encodeABx(op, a, bx)); }
  int emitAsBx(Op op, int a, int32_t sbx) { return emit(vm::encodeAsBx(op, a, sbx)); }
  int emitJump() { return emitAsBx(Op::Jmp, 0, 0); }
  int pc() const;
  void patchJump(int at, int target);
  void patchJumps(const std::vector<int>& jumps, int target);
  void patchToHere(const std::vector<int>& jumps) { patchJumps(jumps, pc()); }
  void emitLoop(int target);
  // NewCell for a variable of static type t (nullptr: unknown).
  void emitNewCell(int a, int b, const Type* t);
  int allocReg();
  int allocRegs(int n);
  void freeTo(int level) { fs_->freeReg = level; }
  int constIndex(Value v);
  int typeIndex(const Type* t);
  int siteIndex(std::string_view name, bool isMethod);
  void loadValue(int reg, Value v);
  void setLine(Pos p) {
    if (p.line > 0) line_ = p.line;
  }

  // ---- Functions (function.cpp) -----------------------------------------------
  vm::Proto* compileFunction(parser::Node* node, parser::FuncType* type, parser::BlockStmt* body,
                             parser::FuncInfo* info, parser::FieldList* recv, const std::string& name,
                             const Type* recvType, vm::Proto* proto);
  // A new local variable in the next free register / in register `reg`.
  // The caller initialises the register (and wraps it in a cell with
  // NewCell when the result says Where::Cell).
  VarInfo* declareLocal(parser::Object* obj, const Type* type);
  VarInfo* bindLocal(parser::Object* obj, int reg, const Type* type);
  bool needsCell(parser::Object* obj, const Type* type) const;
  void emitReturn(parser::ReturnStmt* rs);
  // RangeClose for every enclosing range-over-func loop above breakables
  // index `downTo` (all of them for -1), innermost first.
  void closeRanges(int downTo);
  void emitExitSequence();
  int captureOf(parser::Object* obj);

  // ---- Expressions (expr.cpp) ---------------------------------------------------
  Operand expr(parser::Expr* e, const Type* want = nullptr);
  Operand exprTo(parser::Expr* e, int dst, const Type* want = nullptr);
  // Evaluates e as a value to be stored in a new location (copying a shared
  // struct/array) into dst.
  Operand exprToStored(parser::Expr* e, int dst, const Type* want);
  void condJump(parser::Expr* e, bool jumpIf, std::vector<int>* jumps);
  Operand loadVar(parser::Object* obj, int dst);
  void storeVar(parser::Object* obj, int src, bool fresh, const Type* srcType);
  Operand binaryExpr(parser::BinaryExpr* be, int dst, const Type* want);
  Operand unaryExpr(parser::UnaryExpr* ue, int dst, const Type* want);
  Operand selectorExpr(parser::SelectorExpr* se, int dst);
  Operand indexExpr(parser::IndexExpr* ie, int dst);
  Operand sliceExpr(parser::SliceExpr* se, int dst);
  Operand compositeLit(parser::CompositeLit* cl, int dst, const Type* want);
  Operand funcLit(parser::FuncLit* fl, int dst);
  Operand addressOf(parser::Expr* x, int dst);
  Operand typeAssert(parser::TypeAssertExpr* ta, int dst);
  void copyIfShared(const Operand& op, int reg);
  // Whether storing op where `want` is declared changes its type (an
  // unnamed type assigned to a named type with that underlying type).
  bool needsRetag(const Operand& op, const Type* want);
  // (*T).M for a value method M: a synthesized function taking *T.
  Value methodExprWrapper(const Type* ptrType, const vm::Method* m);
  // I.M for an interface type I: a synthesized function dispatching M.
  Value interfaceMethodExpr(const Type* iface, const vm::IMethod& m);
  Operand constOperand(const ConstValue& c, int dst, const Type* want);
  // The name an expression denotes when it is a package member (`fmt.Println`).
  bool packageMember(parser::SelectorExpr* se, const vm::NativeMember** member);
  // The value of a package member (a native function value, a variable's
  // value, a constant), created once per member.
  Value nativeValue(std::string_view pkgName, const vm::NativeMember* m);
  // Whether some type of the program or its packages has a method `name`
  // (a selector on a value of unknown type is then taken as a method).
  bool isMethodName(std::string_view name);
  // Reports "x.f undefined (type T has no field or method f)" when the
  // static type of x is known and has neither.
  void checkSelector(parser::SelectorExpr* se, const Type* t);
  // Go's spelling of a type in messages: package main's names unqualified.
  std::string typeName(const Type* t);
  // Adds the type pair an Assert instruction reads; returns its index.
  int assertTypes(const Type* asserted, const Type* iface);
  // The static type of an expression without compiling it (nullptr if not
  // obvious); for package-level variables, whose uses may be compiled
  // before their initializers.
  const Type* peekType(parser::Expr* e);

  // ---- Calls (call.cpp) ----------------------------------------------------------
  // Compiles a call with its function at register `base` (which must be the
  // top register) wanting `nresults` results (kMulti for all); results land
  // at base.... Returns the static type of the first result.
  Operand callExpr(parser::CallExpr* ce, int base, int nresults);
  Operand callToReg(parser::CallExpr* ce, int dst);
  // Number of results the call produces, when known statically (-1 if not).
  int resultCount(parser::CallExpr* ce);
  // The static result types of the call, when known.
  std::vector<const Type*> resultTypes(parser::CallExpr* ce);
  Operand builtinCall(parser::CallExpr* ce, parser::Predeclared which, int dst, int nresults);
  Operand conversion(parser::CallExpr* ce, const Type* t, int dst);
  // Places callee and arguments of ce at base.. for Call/Defer; returns
  // the argument count (kMulti when spread from a multi-value call) and
  // whether the last argument is a `...` spread.
  int prepareCall(parser::CallExpr* ce, int base, bool* spread, const Type** sig);
  parser::Predeclared builtinOf(parser::Expr* fun);
  // Whether n contains an operation that gc evaluates in order with the
  // calls of its statement: a call, a receive, len/cap/real/imag/complex,
  // []byte(s), && and ||, slicing, an assertion to a non-pointer type, a map
  // literal with non-constant entries (see isOrdered). gc evaluates those
  // first, left to right, and the other operands (variables, fields,
  // indexing, arithmetic) afterwards: `fmt.Println(x, f())` prints the x
  // that f left, while `fmt.Println(len(c), <-c)` takes len first. evalList
  // and assignments follow the same rule.
  bool hasCall(parser::Node* n);
  // Whether gc evaluates n itself in order with the calls of its statement
  // (a call, a receive, len, &&, ...; see hasCall).
  bool isOrdered(parser::Node* n);
  bool hasCallInside(parser::Node* n);  // hasCall of n's children
  // The outermost ordered subexpressions of n, in evaluation order.
  void orderedParts(parser::Node* n, std::vector<parser::Expr*>* out);
  // Evaluates exprs[i] into base+i (registers already allocated) in gc's
  // order: the ordered parts of every operand first, left to right (those
  // nested in a larger operand go to temporaries, preEvaluated_), then the
  // rest; `wants` may be shorter than exprs.
  void evalList(const std::vector<parser::Expr*>& exprs, int base, const std::vector<const Type*>& wants,
                std::vector<Operand>* out);

  // ---- Statements (stmt.cpp) -------------------------------------------------------
  void block(const std::vector<parser::Stmt*>& list);
  void stmt(parser::Stmt* s);
  void assignStmt(parser::AssignStmt* as);
  void defineStmt(parser::AssignStmt* as);
  void opAssign(parser::AssignStmt* as);
  void incDec(parser::IncDecStmt* s);
  void ifStmt(parser::IfStmt* s);
  void forStmt(parser::ForStmt* s);
  void rangeStmt(parser::RangeStmt* s);
  void switchStmt(parser::SwitchStmt* s);
  void typeSwitchStmt(parser::TypeSwitchStmt* s);
  void branchStmt(parser::BranchStmt* s);
  void labeledStmt(parser::LabeledStmt* s);
  void deferStmt(parser::DeferStmt* s);
  // go, channel operations and select (concurrency.cpp).
  void goStmt(parser::GoStmt* s);
  void sendStmt(parser::SendStmt* s);
  void selectStmt(parser::SelectStmt* s);
  // dst := <-ue->x; with commaOk also dst+1 := ok (allocated by the caller).
  Operand recvExpr(parser::UnaryExpr* ue, int dst, bool commaOk);
  void declStmt(parser::GenDecl* d);
  void varSpec(parser::ValueSpec* vs, bool global);
  // Assignment targets: evaluates the operands of an lvalue (container,
  // index) now, and stores into it later.
  struct LValue {
    enum class Kind { Blank, Var, Field, Index, Deref } kind = Kind::Blank;
    parser::Object* var = nullptr;
    int obj = -1;       // container / pointer register
    int key = -1;       // index register
    int site = -1;      // field site
    const Type* type = nullptr;  // static type of the location
  };
  // `snapshot`: copy operands that are variables into temporaries, for a
  // multiple assignment that may change them before the stores (Go
  // evaluates every index operand on the left first).
  LValue lvalue(parser::Expr* e, bool snapshot = false);
  void storeLValue(const LValue& lv, int src, bool fresh, const Type* srcType);
  Operand loadLValue(const LValue& lv, int dst);
  // Evaluates an expression producing n values (a call, or the comma-ok
  // forms of map index and type assertion) into base..base+n-1.
  void multiValue(parser::Expr* e, int base, int n, std::vector<const Type*>* types);
  // dst := x op y (y given as an expression, a constant, or an operand
  // already evaluated), using the constant-operand instructions when y is
  // constant.
  Operand arithWith(Tok op, int dst, Operand x, parser::Expr* yExpr, const ConstValue* yConst,
                    const Operand* yDone = nullptr);

  // ---- State ------------------------------------------------------------------------
  parser::Program& prog_;
  std::vector<parser::Diagnostic>* errors_;
  int errorCount_ = 0;
  std::unordered_set<std::string> reported_;
  FuncState* fs_ = nullptr;
  int32_t line_ = 0;
  std::string_view filename_;

  std::deque<VarInfo> varInfos_;
  std::deque<VarInfo> externalVars_;  // a session's earlier variables (options_)
  std::unordered_map<parser::Object*, VarInfo*> vars_;
  std::unordered_map<parser::Object*, const Type*> types_;
  std::unordered_map<parser::Object*, ConstValue> consts_;
  std::unordered_set<parser::Object*> constsInProgress_;
  std::unordered_map<parser::Object*, const vm::NativePackage*> packages_;
  // Maps holding Values keep their nodes in collected memory: the Compiler
  // lives on the C++ stack, which the collector scans, so the values stay
  // alive until the protos' constant tables hold them.
  template <class K>
  using ValueMap = std::unordered_map<K, Value, std::hash<K>, std::equal_to<K>,
                                      vm::GcAllocator<std::pair<const K, Value>>>;
  ValueMap<parser::Object*> funcValues_;
  std::unordered_map<parser::Object*, vm::Proto*> funcProtos_;
  std::unordered_map<parser::Object*, const Type*> funcSigs_;
  std::vector<std::pair<parser::FuncDecl*, const Type*>> methods_;  // with receiver base type
  std::vector<vm::Proto*> allProtos_;
  std::vector<parser::FuncDecl*> initFuncs_;
  parser::FuncDecl* mainFunc_ = nullptr;
  uint32_t numGlobals_ = 0;
  int globInitClosures_ = 0;
  bool inGlobalInit_ = false;
  ValueMap<const vm::NativeMember*> nativeValues_;
  std::unordered_set<std::string> methodNames_;
  std::unordered_set<std::string> funcFieldNames_;  // struct fields of func type
  std::unordered_map<parser::FuncDecl*, vm::Proto*> declProtos_;
  ValueMap<const vm::Method*> methodWrappers_;
  std::unordered_map<parser::Node*, const Type*> localTypes_;
  // While > 0, type parameters resolve to `any` (inside signatures).
  int typeParamsAsAny_ = 0;
  // While compiling the arguments of a fmt printing function (whose
  // ...any parameter the compiler does not see as a signature).
  bool anyArgs_ = false;
  // Subexpressions already evaluated (by evalList, in gc's order) and the
  // operand holding each; exprTo takes an entry instead of compiling it.
  std::unordered_map<parser::Expr*, Operand> preEvaluated_;
  // Iota of the constant spec being evaluated (-1 outside const specs).
  int iota_ = -1;
  // Incremental compilation (compiler.h, CompileOptions); null for a
  // whole program.
  const CompileOptions* options_ = nullptr;
  SessionResult* session_ = nullptr;
  // A top-level expression statement whose values go to options_->echo.
  void echoStmt(parser::ExprStmt* es);
};

// ---- Helpers shared by the compiler's files ---------------------------------------

// Whether a value of static type t may be a struct or array (unknown types may).
inline bool maybeAggregate(const Type* t) {
  return t == nullptr || t->kind == vm::Kind::Struct || t->kind == vm::Kind::Array;
}
// The static type of a type parameter in a signature: behaves as `any`
// (values are dynamic), but unlike a declared `any` it does not make the
// compiler reject x.M() on a generic function's result.
const Type* typeParamAny();
inline bool isInterfaceType(const Type* t) { return t != nullptr && t->kind == vm::Kind::Interface; }

using parser::unparen;

// Calls f on every direct child node of n (expressions, statements, specs).
void forEachChild(parser::Node* n, const std::function<void(parser::Node*)>& f);

}  // namespace gsl::compiler
