// Terminating statement analysis (see terminating.h).
#include "parser/terminating.h"

namespace gsl::parser {

namespace {

bool isTerminating(const Stmt* s, const Ident* label);

// True if a break inside `list` targets the enclosing statement: an
// unlabeled break not nested in another for/switch/select, or a break
// with the statement's label. Function literals are not entered (a break
// cannot cross them).
bool hasBreakList(const std::vector<Stmt*>& list, const Ident* label, bool implicit);

bool hasBreak(const Stmt* s, const Ident* label, bool implicit) {
  if (s == nullptr) return false;
  switch (s->kind) {
    case NodeKind::BranchStmt: {
      auto* b = static_cast<const BranchStmt*>(s);
      if (b->tok != Tok::Break) return false;
      if (b->label == nullptr) return implicit;
      return label != nullptr && b->label->name == label->name;
    }
    case NodeKind::LabeledStmt:
      return hasBreak(static_cast<const LabeledStmt*>(s)->stmt, label, implicit);
    case NodeKind::BlockStmt:
      return hasBreakList(static_cast<const BlockStmt*>(s)->list, label, implicit);
    case NodeKind::IfStmt: {
      auto* st = static_cast<const IfStmt*>(s);
      return hasBreak(st->body, label, implicit) || hasBreak(st->els, label, implicit);
    }
    case NodeKind::CaseClause:
      return hasBreakList(static_cast<const CaseClause*>(s)->body, label, implicit);
    case NodeKind::CommClause:
      return hasBreakList(static_cast<const CommClause*>(s)->body, label, implicit);
    // Inside these, an unlabeled break targets the inner statement.
    case NodeKind::SwitchStmt:
      return label != nullptr && hasBreak(static_cast<const SwitchStmt*>(s)->body, label, false);
    case NodeKind::TypeSwitchStmt:
      return label != nullptr &&
             hasBreak(static_cast<const TypeSwitchStmt*>(s)->body, label, false);
    case NodeKind::SelectStmt:
      return label != nullptr && hasBreak(static_cast<const SelectStmt*>(s)->body, label, false);
    case NodeKind::ForStmt:
      return label != nullptr && hasBreak(static_cast<const ForStmt*>(s)->body, label, false);
    case NodeKind::RangeStmt:
      return label != nullptr && hasBreak(static_cast<const RangeStmt*>(s)->body, label, false);
    default:
      return false;
  }
}

bool hasBreakList(const std::vector<Stmt*>& list, const Ident* label, bool implicit) {
  for (const Stmt* s : list) {
    if (hasBreak(s, label, implicit)) return true;
  }
  return false;
}

// The clauses of a switch or select: each must end in a terminating
// statement (or, in a switch, a fallthrough), and none may break out.
bool clausesTerminate(const BlockStmt* body, const Ident* label, bool needDefault) {
  bool hasDefault = false;
  for (const Stmt* c : body->list) {
    const std::vector<Stmt*>* stmts = nullptr;
    if (auto* cc = as<CaseClause>(c)) {
      hasDefault |= cc->isDefault;
      stmts = &cc->body;
    } else if (auto* comm = as<CommClause>(c)) {
      stmts = &comm->body;
    } else {
      continue;
    }
    if (hasBreakList(*stmts, label, true)) return false;
    size_t n = stmts->size();
    while (n > 0 && is<EmptyStmt>((*stmts)[n - 1])) --n;
    if (n > 0) {
      auto* b = as<BranchStmt>((*stmts)[n - 1]);
      if (b != nullptr && b->tok == Tok::Fallthrough) continue;
    }
    if (!isTerminatingList(*stmts)) return false;
  }
  return !needDefault || hasDefault;
}

bool isTerminating(const Stmt* s, const Ident* label) {
  switch (s->kind) {
    case NodeKind::ReturnStmt:
      return true;
    case NodeKind::BranchStmt: {
      Tok t = static_cast<const BranchStmt*>(s)->tok;
      return t == Tok::Goto || t == Tok::Fallthrough;
    }
    case NodeKind::ExprStmt: {
      // A call of the builtin panic.
      auto* call = as<CallExpr>(unparen(static_cast<const ExprStmt*>(s)->x));
      if (call == nullptr) return false;
      auto* id = as<Ident>(unparen(call->fun));
      return id != nullptr && id->obj != nullptr && id->obj->predeclared == Predeclared::Panic;
    }
    case NodeKind::LabeledStmt: {
      auto* l = static_cast<const LabeledStmt*>(s);
      return isTerminating(l->stmt, l->label);
    }
    case NodeKind::BlockStmt:
      return isTerminatingList(static_cast<const BlockStmt*>(s)->list);
    case NodeKind::IfStmt: {
      auto* st = static_cast<const IfStmt*>(s);
      return st->els != nullptr && isTerminatingList(st->body->list) &&
             isTerminating(st->els, nullptr);
    }
    case NodeKind::ForStmt: {
      auto* st = static_cast<const ForStmt*>(s);
      return st->cond == nullptr && !hasBreak(st->body, label, true);
    }
    case NodeKind::SwitchStmt:
      return clausesTerminate(static_cast<const SwitchStmt*>(s)->body, label, true);
    case NodeKind::TypeSwitchStmt:
      return clausesTerminate(static_cast<const TypeSwitchStmt*>(s)->body, label, true);
    case NodeKind::SelectStmt:
      return clausesTerminate(static_cast<const SelectStmt*>(s)->body, label, false);
    default:
      return false;
  }
}

}  // namespace

bool isTerminatingList(const std::vector<Stmt*>& list) {
  size_t n = list.size();
  while (n > 0 && is<EmptyStmt>(list[n - 1])) --n;
  return n > 0 && isTerminating(list[n - 1], nullptr);
}

}  // namespace gsl::parser
