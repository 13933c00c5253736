// compiler/session.cpp: the REPL's persistent program (compiler/session.h).
//
// Each compile builds a fresh parser::Program from: the session's variables
// (Objects put in the package scope before resolution, which the compiler
// maps to their slots: CompileOptions::externals), one file per kept
// declaration (its source text, padded so that its positions are the
// input's that made it), and the input. Only the input's statements and
// variable initializers run; the declarations are compiled again so that
// they see each other's latest definitions.
#include "compiler/session.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "compiler/compiler.h"
#include "parser/parser.h"
#include "vm/disasm.h"
#include "vm/heap.h"
#include "vm/native.h"
#include "vm/object.h"
#include "vm/type.h"

namespace gsl::compiler {

using parser::Diagnostic;
using parser::File;

namespace {

constexpr std::string_view kFile = "repl";
// Global slots of a session: allocated once so that running goroutines
// never see the array move.
constexpr uint32_t kMaxGlobals = 1u << 16;

// A kept declaration: a func, a method, a type or a const declaration.
struct Chunk {
  enum class Kind { Func, Method, Type, Const } kind = Kind::Func;
  std::string text;                     // padded to the original positions
  std::vector<std::string> names;       // package names ("T.M" for a method)
  std::vector<const vm::Type*> types;   // Type: the named type of each spec, in order
  std::string summary;                  // for :env
};

struct Var {
  std::string name;
  uint32_t index = 0;
  const vm::Type* type = nullptr;
  bool cell = false;
  bool hidden = false;
};

struct Import {
  std::string name;  // local name
  std::string spec;  // `m "math"` or `"math"`
};

// What one top-level item of an input declares.
struct Item {
  enum class Kind { Chunk, Var, Import, Stmt } kind = Kind::Stmt;
  Chunk::Kind chunkKind = Chunk::Kind::Func;
  std::vector<std::string> names;
  parser::Node* node = nullptr;
  int32_t begin = 0, end = 0;  // byte offsets in the file's text
};

std::string_view importName(parser::ImportSpec* spec) {
  if (spec->name != nullptr) return spec->name->name;
  std::string_view p = spec->pathValue;
  size_t i = p.rfind('/');
  return i == std::string_view::npos ? p : p.substr(i + 1);
}

// The items of a parsed input, with the names each declares.
std::vector<Item> classify(File* f, std::string_view text, int32_t base) {
  std::vector<Item> items;
  for (size_t i = 0; i < f->items.size(); i++) {
    parser::Node* n = f->items[i];
    Item it;
    it.node = n;
    it.begin = n->pos.offset - base;
    it.end = i + 1 < f->items.size() ? f->items[i + 1]->pos.offset - base : static_cast<int32_t>(text.size());
    if (auto* fd = parser::as<parser::FuncDecl>(n)) {
      it.kind = Item::Kind::Chunk;
      if (fd->recv != nullptr && !fd->recv->list.empty()) {
        it.chunkKind = Chunk::Kind::Method;
        parser::Expr* t = parser::unparen(fd->recv->list[0]->type);
        if (auto* s = parser::as<parser::StarExpr>(t)) t = parser::unparen(s->x);
        if (auto* ix = parser::as<parser::IndexExpr>(t)) t = parser::unparen(ix->x);
        if (auto* il = parser::as<parser::IndexListExpr>(t)) t = parser::unparen(il->x);
        auto* id = parser::as<parser::Ident>(t);
        it.names.push_back(std::string(id ? id->name : "?") + "." + std::string(fd->name->name));
      } else if (fd->name->name == "init") {
        it.kind = Item::Kind::Stmt;  // runs once, with the input
      } else {
        it.chunkKind = Chunk::Kind::Func;
        it.names.push_back(std::string(fd->name->name));
      }
    } else if (auto* gd = parser::as<parser::GenDecl>(n)) {
      switch (gd->tok) {
        case lexer::Tok::Import:
          it.kind = Item::Kind::Import;
          for (parser::Spec* s : gd->specs) {
            if (auto* is = parser::as<parser::ImportSpec>(s)) it.names.push_back(std::string(importName(is)));
          }
          break;
        case lexer::Tok::Var:
          it.kind = Item::Kind::Var;
          for (parser::Spec* s : gd->specs) {
            if (auto* vs = parser::as<parser::ValueSpec>(s)) {
              for (parser::Ident* id : vs->names) it.names.push_back(std::string(id->name));
            }
          }
          break;
        default:
          it.kind = Item::Kind::Chunk;
          it.chunkKind = gd->tok == lexer::Tok::Type ? Chunk::Kind::Type : Chunk::Kind::Const;
          for (parser::Spec* s : gd->specs) {
            if (auto* vs = parser::as<parser::ValueSpec>(s)) {
              for (parser::Ident* id : vs->names) it.names.push_back(std::string(id->name));
            } else if (auto* ts = parser::as<parser::TypeSpec>(s)) {
              it.names.push_back(std::string(ts->name->name));
            }
          }
          break;
      }
    } else if (auto* as = parser::as<parser::AssignStmt>(n); as && as->tok == lexer::Tok::Define) {
      it.kind = Item::Kind::Stmt;
      for (parser::Expr* e : as->lhs) {
        if (auto* id = parser::as<parser::Ident>(e)) it.names.push_back(std::string(id->name));
      }
    }
    items.push_back(std::move(it));
  }
  // Drop "_" (declares nothing).
  for (Item& it : items) {
    it.names.erase(std::remove(it.names.begin(), it.names.end(), "_"), it.names.end());
  }
  return items;
}

// The TypeSpecs of a type declaration chunk's file, in order.
std::vector<parser::TypeSpec*> typeSpecsOf(File* f) {
  std::vector<parser::TypeSpec*> out;
  for (parser::Decl* d : f->decls) {
    if (auto* gd = parser::as<parser::GenDecl>(d)) {
      for (parser::Spec* s : gd->specs) {
        if (auto* ts = parser::as<parser::TypeSpec>(s)) out.push_back(ts);
      }
    }
  }
  return out;
}

std::string firstLine(std::string_view text) {
  size_t b = text.find_first_not_of(" \t\n");
  if (b == std::string_view::npos) return "";
  text = text.substr(b);
  size_t e = text.find('\n');
  std::string s(text.substr(0, e));
  while (!s.empty() && (s.back() == ' ' || s.back() == '{' || s.back() == '\t')) s.pop_back();
  return s;
}

bool incompleteDiagnostic(const Diagnostic& d, std::string_view text) {
  if (d.msg.find("unexpected EOF") != std::string::npos) return true;
  if (d.msg.find("not terminated") != std::string::npos) return true;
  // An error reported at the very end (e.g. "else must be followed by if
  // or statement block" when the input stops after `else`).
  return d.pos.offset >= static_cast<int32_t>(text.size());
}

}  // namespace

struct Session::Impl {
  std::vector<Chunk> chunks;
  std::vector<Var> vars;
  std::vector<Import> imports;
  uint32_t nextGlobal = 0;
  // Programs whose functions may still run (types and protos may view
  // their text).
  std::vector<std::unique_ptr<parser::Program>> programs;
  std::vector<vm::Proto*> functions;  // of the latest compile

  // The import declarations that every file of a compile starts with, for
  // imports not declared in `except`.
  std::string importPrefix(const std::unordered_set<std::string>& except) const {
    std::string out;
    for (const Import& im : imports) {
      if (except.count(im.name)) continue;
      out += "import " + im.spec + "; ";
    }
    return out;
  }
};

Session::Session() : impl_(std::make_unique<Impl>()) {
  state_.globals = static_cast<vm::Value*>(vm::allocRoot(sizeof(vm::Value) * (kMaxGlobals + 1)));
  state_.numGlobals = 0;
  state_.file = kFile;
  state_.args = {"gsl"};
}

Session::~Session() = default;

bool Session::isIncomplete(std::string_view text) {
  parser::Program prog;
  std::vector<Diagnostic> diags;
  parser::parseFile(prog, kFile, text, &diags);
  for (const Diagnostic& d : diags) {
    if (incompleteDiagnostic(d, text)) return true;
  }
  return false;
}

void Session::defineHidden(std::string_view name, vm::Value value) {
  uint32_t index = impl_->nextGlobal++;
  state_.globals[index] = value;
  state_.numGlobals = impl_->nextGlobal;
  Var v;
  v.name = std::string(name);
  v.index = index;
  v.hidden = true;
  impl_->vars.push_back(v);
}

namespace {

struct Plan {
  bool file = false;       // :load: package clause removed, main called
  bool commit = true;
  vm::Value echo;
};

}  // namespace

static Session::Compiled compileInput(Session::Impl& im, vm::ProgramState& state, std::string_view text,
                                      const Plan& plan) {
  Session::Compiled res;
  // 1. Parse the input alone: syntax errors, and the names it declares.
  auto scratch = std::make_unique<parser::Program>();
  std::vector<Diagnostic> diags;
  File* sf = parser::parseFile(*scratch, kFile, text, &diags);
  if (!diags.empty()) {
    res.errors = parser::formatDiagnostics(kFile, diags);
    return res;
  }
  std::vector<Item> items = classify(sf, text, 0);
  std::unordered_set<std::string> declared, importNames;
  for (const Item& it : items) {
    for (const std::string& n : it.names) {
      if (it.kind == Item::Kind::Import) {
        importNames.insert(n);
      } else {
        declared.insert(n);
      }
    }
  }
  auto superseded = [&](const std::vector<std::string>& names) {
    for (const std::string& n : names) {
      if (declared.count(n)) return true;
    }
    return false;
  };

  // 2. The program: the session's variables, kept declarations, then the
  // input. The variables go in the universe scope, outside the package's:
  // a declaration of the same name in the input shadows them, and
  // `x := x + 1` reads the old x (the new one is not yet declared there).
  auto prog = std::make_unique<parser::Program>();
  parser::Scope* pkg = prog->universe();
  std::vector<SessionGlobal> externals;
  std::vector<size_t> keptVars;
  for (size_t i = 0; i < im.vars.size(); i++) {
    const Var& v = im.vars[i];
    std::string_view name = prog->keepSource(v.name);
    parser::Object* obj = prog->newObject(parser::ObjKind::Var, name, lexer::Pos{});
    obj->scope = pkg;
    obj->used = true;
    pkg->objects.push_back(obj);
    pkg->names[name] = obj;
    externals.push_back({obj, v.index, v.type, v.cell});
    if (!declared.count(v.name)) keptVars.push_back(i);
  }
  std::unordered_set<std::string> none;
  std::string prefix = im.importPrefix(none);
  std::vector<size_t> keptChunks;
  std::vector<File*> chunkFiles;
  for (size_t i = 0; i < im.chunks.size(); i++) {
    const Chunk& c = im.chunks[i];
    if (superseded(c.names)) continue;
    // A chunk's text starts with the newlines that put it on its line, so
    // the imports go on a line of their own unless the chunk started on
    // the input's first line (whose columns then shift).
    std::string src = prefix + c.text;
    std::string_view kept = prog->keepSource(src);
    File* f = parser::parseFile(*prog, kFile, kept, &diags);
    keptChunks.push_back(i);
    chunkFiles.push_back(f);
  }
  std::string inputPrefix = im.importPrefix(importNames);
  std::string inputText = inputPrefix + std::string(text);
  if (plan.file) {
    // `package main` becomes spaces, so positions stay those of the file.
    if (sf->packageName != nullptr) {
      int32_t end = sf->packageName->pos.offset + static_cast<int32_t>(sf->packageName->name.size());
      size_t start = std::string(text.substr(0, static_cast<size_t>(end))).rfind("package");
      if (start != std::string::npos) {
        for (size_t k = start; k < static_cast<size_t>(end); k++) inputText[inputPrefix.size() + k] = ' ';
      }
    }
  }
  std::string_view inputKept = prog->keepSource(inputText);
  File* input = parser::parseFile(*prog, kFile, inputKept, &diags);
  // Diagnostics on the input's first line are shifted by the prefix.
  auto fixColumns = [&](std::vector<Diagnostic>& ds) {
    if (inputPrefix.empty()) return;
    int32_t shift = static_cast<int32_t>(inputPrefix.size());
    for (Diagnostic& d : ds) {
      if (d.pos.line == 1 && d.pos.col > shift) d.pos.col -= shift;
      if (d.notePos.line == 1 && d.notePos.col > shift) d.notePos.col -= shift;
    }
  };
  if (diags.empty()) {
    parser::ResolveOptions ro;
    ro.reportUnusedImports = false;
    ro.packageForName = vm::packagePathForName;
    parser::resolveFiles(*prog, prog->files(), &diags, ro);
  }
  if (!diags.empty()) {
    fixColumns(diags);
    res.errors = parser::formatDiagnostics(kFile, diags);
    return res;
  }

  // 3. Compile.
  CompileOptions opts;
  opts.externals = externals;
  opts.firstGlobal = im.nextGlobal;
  opts.callMain = plan.file;
  opts.globalsInCells = true;
  opts.echo = plan.echo;
  for (size_t k = 0; k < keptChunks.size(); k++) {
    const Chunk& c = im.chunks[keptChunks[k]];
    if (c.kind != Chunk::Kind::Type) continue;
    std::vector<parser::TypeSpec*> specs = typeSpecsOf(chunkFiles[k]);
    for (size_t j = 0; j < specs.size() && j < c.types.size(); j++) {
      if (c.types[j] != nullptr) opts.knownTypes[specs[j]] = c.types[j];
    }
  }
  CompileResult out;
  SessionResult sres;
  if (!compileSessionProgram(*prog, opts, &out, &sres, &diags)) {
    fixColumns(diags);
    res.errors = parser::formatDiagnostics(kFile, diags);
    return res;
  }
  if (out.numGlobals > kMaxGlobals) {
    res.errors = "repl: too many variables in one session (use :reset)\n";
    return res;
  }

  // 4. Commit.
  if (plan.commit) {
    std::vector<Chunk> chunks;
    for (size_t k = 0; k < keptChunks.size(); k++) {
      Chunk c = im.chunks[keptChunks[k]];
      if (c.kind == Chunk::Kind::Type) {
        std::vector<parser::TypeSpec*> specs = typeSpecsOf(chunkFiles[k]);
        c.types.clear();
        for (parser::TypeSpec* ts : specs) {
          auto it = sres.types.find(ts);
          c.types.push_back(it == sres.types.end() ? nullptr : it->second);
        }
      }
      chunks.push_back(std::move(c));
    }
    int32_t base = static_cast<int32_t>(inputPrefix.size());
    std::vector<Item> inputItems = classify(input, text, base);
    for (const Item& it : inputItems) {
      if (it.kind == Item::Kind::Import) {
        auto* gd = static_cast<parser::GenDecl*>(it.node);
        for (parser::Spec* s : gd->specs) {
          auto* is = parser::as<parser::ImportSpec>(s);
          if (is == nullptr) continue;
          std::string name(importName(is));
          im.imports.erase(std::remove_if(im.imports.begin(), im.imports.end(),
                                          [&](const Import& x) { return x.name == name; }),
                           im.imports.end());
          std::string spec = is->name ? std::string(is->name->name) + " " : "";
          spec += "\"" + std::string(is->pathValue) + "\"";
          im.imports.push_back({name, spec});
        }
        continue;
      }
      if (it.kind != Item::Kind::Chunk) continue;
      Chunk c;
      c.kind = it.chunkKind;
      c.names = it.names;
      parser::Pos p = it.node->pos;
      int32_t line = p.line, col = p.col;
      if (line == 1) col -= base;
      c.text = std::string(static_cast<size_t>(line - 1), '\n') + std::string(static_cast<size_t>(std::max(col - 1, 0)), ' ') +
               std::string(text.substr(static_cast<size_t>(it.begin), static_cast<size_t>(it.end - it.begin)));
      c.summary = firstLine(text.substr(static_cast<size_t>(it.begin), static_cast<size_t>(it.end - it.begin)));
      if (c.kind == Chunk::Kind::Type) {
        auto* gd = static_cast<parser::GenDecl*>(it.node);
        for (parser::Spec* s : gd->specs) {
          auto* ts = parser::as<parser::TypeSpec>(s);
          if (ts == nullptr) continue;
          auto t = sres.types.find(ts);
          c.types.push_back(t == sres.types.end() ? nullptr : t->second);
        }
      }
      chunks.push_back(std::move(c));
    }
    im.chunks = std::move(chunks);
    std::vector<Var> vars;
    for (size_t i : keptVars) vars.push_back(im.vars[i]);
    for (const SessionGlobal& g : sres.globals) {
      Var v;
      v.name = std::string(g.obj->name);
      v.index = g.index;
      v.type = g.type;
      v.cell = g.cell;
      vars.push_back(v);
    }
    std::sort(vars.begin(), vars.end(), [](const Var& a, const Var& b) { return a.index < b.index; });
    im.vars = std::move(vars);
    im.nextGlobal = std::max(im.nextGlobal, out.numGlobals);
    state.numGlobals = im.nextGlobal;
  } else {
    // Slots of an uncommitted compile are still written by its entry.
    im.nextGlobal = std::max(im.nextGlobal, out.numGlobals);
    state.numGlobals = im.nextGlobal;
  }
  im.functions = out.functions;
  im.programs.push_back(std::move(prog));
  res.entry = vm::Value::object(vm::makeClosure(out.entry->sig, out.entry, 0));
  res.outcome = Session::Outcome::Ok;
  return res;
}

Session::Compiled Session::compile(std::string_view text, vm::Value echo) {
  Plan plan;
  plan.echo = echo;
  return compileInput(*impl_, state_, text, plan);
}

Session::Compiled Session::compileScratch(std::string_view text) {
  Plan plan;
  plan.commit = false;
  return compileInput(*impl_, state_, text, plan);
}

Session::Compiled Session::compileFile(std::string_view path, std::string_view text) {
  (void)path;
  Plan plan;
  plan.file = true;
  return compileInput(*impl_, state_, text, plan);
}

void Session::reset() {
  std::vector<Var> hidden;
  for (const Var& v : impl_->vars) {
    if (v.hidden) hidden.push_back(v);
  }
  impl_->vars = hidden;
  impl_->chunks.clear();
  impl_->imports.clear();
}

std::vector<std::string> Session::describe() const {
  std::vector<std::string> out;
  for (const Import& im : impl_->imports) out.push_back("import " + im.spec);
  for (const Chunk& c : impl_->chunks) out.push_back(c.summary);
  for (const Var& v : impl_->vars) {
    if (v.hidden) continue;
    const vm::Type* t = v.type;
    vm::Value val = state_.globals[v.index];
    if (v.cell && val.isObject()) val = reinterpret_cast<const vm::Value*>(val.asObject())[1];
    if (t == nullptr) t = vm::typeOf(val);
    out.push_back("var " + v.name + " " + (t ? vm::typeString(t) : std::string("any")));
  }
  return out;
}

std::vector<std::string> Session::names() const {
  std::vector<std::string> out;
  for (const Import& im : impl_->imports) out.push_back(im.name);
  for (const Chunk& c : impl_->chunks) {
    for (const std::string& n : c.names) {
      if (n.find('.') == std::string::npos) out.push_back(n);
    }
  }
  for (const Var& v : impl_->vars) {
    if (!v.hidden) out.push_back(v.name);
  }
  return out;
}

bool Session::lookupVar(std::string_view name, vm::Value* value) const {
  for (auto it = impl_->vars.rbegin(); it != impl_->vars.rend(); ++it) {
    if (it->hidden || it->name != name) continue;
    vm::Value val = state_.globals[it->index];
    if (it->cell && val.isObject()) val = reinterpret_cast<const vm::Value*>(val.asObject())[1];
    *value = val;
    return true;
  }
  return false;
}

void Session::hideLatestFromTraces() {
  for (vm::Proto* p : impl_->functions) p->hideInTrace = true;
}

std::string Session::disassemble(std::string_view name) {
  std::string want = "main." + std::string(name);
  std::string out;
  for (const vm::Proto* p : impl_->functions) {
    if (p->name == want || p->name.rfind(want + ".", 0) == 0) out += vm::disassemble(p) + "\n";
  }
  return out;
}

}  // namespace gsl::compiler
