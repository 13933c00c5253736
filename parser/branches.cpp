// Label and branch statement checks for one function body (see branches.h).
#include "parser/branches.h"

#include <string>
#include <unordered_map>

#include "parser/parser.h"

namespace gsl::parser {

namespace {

class BranchChecker {
 public:
  BranchChecker(Program& prog, DiagSink& sink, std::string_view filename, Node* func)
      : prog_(prog), sink_(sink), filename_(filename), func_(func) {}

  void run(const std::vector<Stmt*>& body) {
    labelScope_ = prog_.newScope(ScopeKind::Labels, nullptr, func_);
    collectList(body);
    walkList(body, nullptr);
    for (Object* obj : labelScope_->objects) {
      if (!used_[obj]) {
        sink_.report(obj->pos, "label " + std::string(obj->name) + " defined and not used");
      }
    }
  }

 private:
  // An enclosing statement that break (and, for loops, continue) may target.
  struct Target {
    Stmt* stmt;
    Ident* label;  // The label directly on the statement, or nullptr.
    bool isLoop;
  };
  // Where a statement sits when it is directly in a case clause's body.
  struct CaseCtx {
    bool typeSwitch;
    size_t index;  // The clause's index in its switch.
    size_t count;  // The number of clauses.
  };

  Program& prog_;
  DiagSink& sink_;
  std::string_view filename_;
  Node* func_;
  Scope* labelScope_ = nullptr;
  std::unordered_map<Object*, bool> used_;
  std::vector<Target> targets_;

  void error(Pos p, std::string msg) { sink_.report(p, std::move(msg)); }

  std::string posString(Pos p) const {
    return std::string(filename_) + ":" + std::to_string(p.line) + ":" + std::to_string(p.col);
  }

  // --- Pass 1: declare every label of the body. ---

  void collectList(const std::vector<Stmt*>& l) {
    for (Stmt* s : l) collect(s);
  }

  void collect(Stmt* s) {
    if (s == nullptr) return;
    switch (s->kind) {
      case NodeKind::LabeledStmt: {
        auto* ls = static_cast<LabeledStmt*>(s);
        Ident* id = ls->label;
        if (id->name != "_") {
          if (Object* alt = labelScope_->lookupLocal(id->name)) {
            error(id->pos, "label " + std::string(id->name) + " already defined at " +
                               posString(alt->pos));
            id->obj = alt;
          } else {
            Object* obj = prog_.newObject(ObjKind::Label, id->name, id->pos);
            obj->ident = id;
            obj->decl = ls;
            obj->scope = labelScope_;
            obj->func = func_;
            labelScope_->objects.push_back(obj);
            labelScope_->names[obj->name] = obj;
            used_[obj] = false;
            id->obj = obj;
          }
        }
        collect(ls->stmt);
        break;
      }
      case NodeKind::BlockStmt:
        collectList(static_cast<BlockStmt*>(s)->list);
        break;
      case NodeKind::IfStmt: {
        auto* st = static_cast<IfStmt*>(s);
        collect(st->body);
        collect(st->els);
        break;
      }
      case NodeKind::ForStmt:
        collect(static_cast<ForStmt*>(s)->body);
        break;
      case NodeKind::RangeStmt:
        collect(static_cast<RangeStmt*>(s)->body);
        break;
      case NodeKind::SwitchStmt:
        collect(static_cast<SwitchStmt*>(s)->body);
        break;
      case NodeKind::TypeSwitchStmt:
        collect(static_cast<TypeSwitchStmt*>(s)->body);
        break;
      case NodeKind::SelectStmt:
        collect(static_cast<SelectStmt*>(s)->body);
        break;
      case NodeKind::CaseClause:
        collectList(static_cast<CaseClause*>(s)->body);
        break;
      case NodeKind::CommClause:
        collectList(static_cast<CommClause*>(s)->body);
        break;
      default:
        break;
    }
  }

  // --- Pass 2: check branches against their context. ---

  void walkList(const std::vector<Stmt*>& l, const CaseCtx* cc) {
    // Trailing empty statements do not count (a fallthrough followed by a
    // stray ";" is still last).
    size_t n = l.size();
    while (n > 0 && is<EmptyStmt>(l[n - 1])) --n;
    for (size_t i = 0; i < n; ++i) walk(l[i], nullptr, cc, i + 1 == n);
  }

  void walkBody(Stmt* body) {
    if (auto* b = as<BlockStmt>(body)) walkList(b->list, nullptr);
  }

  void walkClauses(BlockStmt* body, bool typeSwitch) {
    if (body == nullptr) return;
    size_t n = body->list.size();
    for (size_t i = 0; i < n; ++i) {
      Stmt* c = body->list[i];
      if (auto* cc = as<CaseClause>(c)) {
        CaseCtx ctx{typeSwitch, i, n};
        walkList(cc->body, &ctx);
      } else if (auto* comm = as<CommClause>(c)) {
        walkList(comm->body, nullptr);
      }
    }
  }

  Object* labelObj(Ident* id) {
    Object* obj = labelScope_->lookupLocal(id->name);
    if (obj != nullptr) {
      id->obj = obj;
      used_[obj] = true;
    }
    return obj;
  }

  void walk(Stmt* s, Ident* label, const CaseCtx* cc, bool last) {
    if (s == nullptr) return;
    switch (s->kind) {
      case NodeKind::LabeledStmt: {
        auto* ls = static_cast<LabeledStmt*>(s);
        walk(ls->stmt, ls->label->name == "_" ? nullptr : ls->label, cc, last);
        break;
      }
      case NodeKind::BlockStmt:
        walkList(static_cast<BlockStmt*>(s)->list, nullptr);
        break;
      case NodeKind::IfStmt: {
        auto* st = static_cast<IfStmt*>(s);
        walkBody(st->body);
        if (st->els != nullptr) walk(st->els, nullptr, nullptr, false);
        break;
      }
      case NodeKind::ForStmt:
      case NodeKind::RangeStmt: {
        targets_.push_back(Target{s, label, true});
        auto* body = s->kind == NodeKind::ForStmt ? static_cast<ForStmt*>(s)->body
                                                  : static_cast<RangeStmt*>(s)->body;
        walkBody(body);
        targets_.pop_back();
        break;
      }
      case NodeKind::SwitchStmt:
        targets_.push_back(Target{s, label, false});
        walkClauses(static_cast<SwitchStmt*>(s)->body, false);
        targets_.pop_back();
        break;
      case NodeKind::TypeSwitchStmt:
        targets_.push_back(Target{s, label, false});
        walkClauses(static_cast<TypeSwitchStmt*>(s)->body, true);
        targets_.pop_back();
        break;
      case NodeKind::SelectStmt:
        targets_.push_back(Target{s, label, false});
        walkClauses(static_cast<SelectStmt*>(s)->body, false);
        targets_.pop_back();
        break;
      case NodeKind::BranchStmt:
        branch(static_cast<BranchStmt*>(s), cc, last);
        break;
      default:
        break;
    }
  }

  void branch(BranchStmt* s, const CaseCtx* cc, bool last) {
    switch (s->tok) {
      case Tok::Break:
        if (s->label == nullptr) {
          if (targets_.empty()) error(s->pos, "break is not in a loop, switch, or select");
          return;
        } else {
          std::string name(s->label->name);
          Object* obj = labelObj(s->label);
          for (const Target& t : targets_) {
            if (t.label != nullptr && t.label->name == s->label->name) return;
          }
          if (obj != nullptr) {
            error(s->label->pos, "invalid break label " + name);
          } else {
            error(s->label->pos, "break label not defined: " + name);
          }
        }
        return;
      case Tok::Continue:
        if (s->label == nullptr) {
          for (const Target& t : targets_) {
            if (t.isLoop) return;
          }
          error(s->pos, "continue is not in a loop");
        } else {
          std::string name(s->label->name);
          Object* obj = labelObj(s->label);
          for (const Target& t : targets_) {
            if (t.label != nullptr && t.label->name == s->label->name && t.isLoop) return;
          }
          if (obj != nullptr) {
            error(s->label->pos, "invalid continue label " + name);
          } else {
            error(s->label->pos, "continue label not defined: " + name);
          }
        }
        return;
      case Tok::Goto:
        if (s->label != nullptr && labelObj(s->label) == nullptr) {
          error(s->label->pos, "label " + std::string(s->label->name) + " not defined");
        }
        return;
      case Tok::Fallthrough: {
        const char* msg = "fallthrough statement out of place";
        bool innermostIsSwitch = !targets_.empty() &&
                                 (is<SwitchStmt>(targets_.back().stmt) ||
                                  is<TypeSwitchStmt>(targets_.back().stmt));
        if (innermostIsSwitch) {
          if (is<TypeSwitchStmt>(targets_.back().stmt)) {
            msg = "cannot fallthrough in type switch";
          } else if (cc == nullptr || !last) {
            // Nested in a block, or not the clause's last statement.
          } else if (cc->index + 1 == cc->count) {
            msg = "cannot fallthrough final case in switch";
          } else {
            return;  // A valid fallthrough.
          }
        }
        error(s->pos, msg);
        return;
      }
      default:
        return;
    }
  }
};

}  // namespace

void checkBranches(Program& prog, DiagSink& sink, std::string_view filename, Node* func,
                   const std::vector<Stmt*>& body) {
  BranchChecker(prog, sink, filename, func).run(body);
}

}  // namespace gsl::parser
