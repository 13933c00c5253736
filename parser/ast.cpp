// Out-of-line parts of the AST: the arena, kind names, small helpers.
#include "parser/ast.h"

#include <cstring>

namespace gsl::parser {

Arena::~Arena() {
  for (auto it = dtors_.rbegin(); it != dtors_.rend(); ++it) it->second(it->first);
}

void* Arena::allocate(size_t size, size_t align) {
  size_t pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
  if (cur_ == nullptr || pad + size > left_) {
    // Oversized requests get a block of their own.
    size_t blockSize = size + align > kBlockSize ? size + align : kBlockSize;
    blocks_.push_back(std::make_unique<char[]>(blockSize));
    cur_ = blocks_.back().get();
    left_ = blockSize;
    pad = (align - reinterpret_cast<uintptr_t>(cur_) % align) % align;
  }
  char* p = cur_ + pad;
  cur_ = p + size;
  left_ -= pad + size;
  return p;
}

std::string_view Arena::save(std::string_view s) {
  if (s.empty()) return {};
  char* p = static_cast<char*>(allocate(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return {p, s.size()};
}

std::string_view nodeKindName(NodeKind k) {
  switch (k) {
#define GSL_KIND_NAME(n) \
  case NodeKind::n:      \
    return #n;
    GSL_KIND_NAME(BadExpr) GSL_KIND_NAME(Ident) GSL_KIND_NAME(Ellipsis)
    GSL_KIND_NAME(BasicLit) GSL_KIND_NAME(CompositeLit) GSL_KIND_NAME(FuncLit)
    GSL_KIND_NAME(ParenExpr) GSL_KIND_NAME(SelectorExpr) GSL_KIND_NAME(IndexExpr)
    GSL_KIND_NAME(IndexListExpr) GSL_KIND_NAME(SliceExpr)
    GSL_KIND_NAME(TypeAssertExpr) GSL_KIND_NAME(CallExpr) GSL_KIND_NAME(StarExpr)
    GSL_KIND_NAME(UnaryExpr) GSL_KIND_NAME(BinaryExpr) GSL_KIND_NAME(KeyValueExpr)
    GSL_KIND_NAME(ArrayType) GSL_KIND_NAME(StructType) GSL_KIND_NAME(FuncType)
    GSL_KIND_NAME(InterfaceType) GSL_KIND_NAME(MapType) GSL_KIND_NAME(ChanType)
    GSL_KIND_NAME(BadStmt) GSL_KIND_NAME(DeclStmt) GSL_KIND_NAME(EmptyStmt)
    GSL_KIND_NAME(LabeledStmt) GSL_KIND_NAME(ExprStmt) GSL_KIND_NAME(SendStmt)
    GSL_KIND_NAME(IncDecStmt) GSL_KIND_NAME(AssignStmt) GSL_KIND_NAME(GoStmt)
    GSL_KIND_NAME(DeferStmt) GSL_KIND_NAME(ReturnStmt) GSL_KIND_NAME(BranchStmt)
    GSL_KIND_NAME(BlockStmt) GSL_KIND_NAME(IfStmt) GSL_KIND_NAME(CaseClause)
    GSL_KIND_NAME(SwitchStmt) GSL_KIND_NAME(TypeSwitchStmt)
    GSL_KIND_NAME(CommClause) GSL_KIND_NAME(SelectStmt) GSL_KIND_NAME(ForStmt)
    GSL_KIND_NAME(RangeStmt) GSL_KIND_NAME(ImportSpec) GSL_KIND_NAME(ValueSpec)
    GSL_KIND_NAME(TypeSpec) GSL_KIND_NAME(BadDecl) GSL_KIND_NAME(GenDecl)
    GSL_KIND_NAME(FuncDecl) GSL_KIND_NAME(Field) GSL_KIND_NAME(File)
#undef GSL_KIND_NAME
  }
  return "?";
}

int FieldList::numFields() const {
  int n = 0;
  for (const Field* f : list) n += f->names.empty() ? 1 : static_cast<int>(f->names.size());
  return n;
}

Pos syntaxPos(const Expr* x) {
  switch (x->kind) {
    case NodeKind::BinaryExpr:
      return static_cast<const BinaryExpr*>(x)->opPos;
    case NodeKind::CallExpr:
      return static_cast<const CallExpr*>(x)->lparen;
    case NodeKind::SelectorExpr:
      return static_cast<const SelectorExpr*>(x)->dot;
    case NodeKind::TypeAssertExpr:
      return static_cast<const TypeAssertExpr*>(x)->dot;
    case NodeKind::IndexExpr:
      return static_cast<const IndexExpr*>(x)->lbrack;
    case NodeKind::IndexListExpr:
      return static_cast<const IndexListExpr*>(x)->lbrack;
    case NodeKind::SliceExpr:
      return static_cast<const SliceExpr*>(x)->lbrack;
    case NodeKind::CompositeLit:
      return static_cast<const CompositeLit*>(x)->lbrace;
    case NodeKind::KeyValueExpr:
      return static_cast<const KeyValueExpr*>(x)->colon;
    default:
      return x->pos;
  }
}

Object* Scope::lookup(std::string_view name) const {
  for (const Scope* s = this; s != nullptr; s = s->parent) {
    if (Object* obj = s->lookupLocal(name)) return obj;
  }
  return nullptr;
}

}  // namespace gsl::parser
