// cli/repl_complete.cpp: the REPL's tab completion (Repl::complete in
// cli/repl_impl.h): keywords, builtins, commands, names the session
// defines, package names and their members (`strings.Sp` -> strings.Split,
// strings.SplitN, ...), and the fields and methods of a variable's value
// (`p.` -> p.X, p.Y, p.String).
#include <algorithm>
#include <set>

#include "cli/repl_impl.h"
#include "vm/native.h"
#include "vm/native_packages.h"
#include "vm/object.h"
#include "vm/type.h"

namespace gsl::cli {

namespace {

const char* const kWords[] = {
    // keywords
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
    "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
    "switch", "type", "var",
    // predeclared
    "any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex", "complex128",
    "complex64", "copy", "delete", "error", "false", "float32", "float64", "imag", "int", "int16", "int32",
    "int64", "int8", "iota", "len", "make", "max", "min", "new", "nil", "panic", "print", "println", "real",
    "recover", "rune", "string", "true", "uint", "uint16", "uint32", "uint64", "uint8", "uintptr",
};

const char* const kCommands[] = {":help", ":quit", ":goroutines", ":stack", ":type", ":disasm",
                                 ":load", ":reset", ":time", ":env"};

bool hasPrefix(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

void addMembersOfType(const vm::Type* t, std::string_view prefix, const std::string& lead,
                      std::set<std::string>* out) {
  for (int depth = 0; t != nullptr && depth < 2; depth++) {
    for (const vm::Method& m : t->methods()) {
      if (hasPrefix(m.name, prefix)) out->insert(lead + std::string(m.name));
    }
    const vm::Type* u = t;
    if (u->kind == vm::Kind::Pointer) {
      t = u->elem;
      continue;
    }
    if (u->kind == vm::Kind::Struct) {
      for (const vm::Field& f : u->fields) {
        if (hasPrefix(f.name, prefix)) out->insert(lead + std::string(f.name));
      }
    }
    break;
  }
}

}  // namespace

std::vector<std::string> Repl::complete(std::string_view word) {
  std::set<std::string> out;
  if (hasPrefix(word, ":")) {
    for (const char* c : kCommands) {
      if (hasPrefix(c, word)) out.insert(c);
    }
    return {out.begin(), out.end()};
  }
  size_t dot = word.rfind('.');
  if (dot != std::string_view::npos) {
    std::string_view base = word.substr(0, dot);
    std::string_view prefix = word.substr(dot + 1);
    std::string lead = std::string(base) + ".";
    vm::Value v;
    if (base.find('.') == std::string_view::npos && session_.lookupVar(base, &v)) {
      addMembersOfType(vm::typeOf(v), prefix, lead, &out);
      return {out.begin(), out.end()};
    }
    for (const vm::NativePackage* p : vm::registeredPackages()) {
      if (p->name != base) continue;
      for (const vm::NativeMember& m : p->members) {
        if (m.name.empty() || !(m.name[0] >= 'A' && m.name[0] <= 'Z')) continue;
        if (hasPrefix(m.name, prefix)) out.insert(lead + std::string(m.name));
      }
    }
    return {out.begin(), out.end()};
  }
  for (const char* w : kWords) {
    if (hasPrefix(w, word)) out.insert(w);
  }
  for (const std::string& n : session_.names()) {
    if (hasPrefix(n, word)) out.insert(n);
  }
  for (const vm::NativePackage* p : vm::registeredPackages()) {
    if (p->name.find(':') == std::string_view::npos && hasPrefix(p->name, word)) out.insert(std::string(p->name));
  }
  return {out.begin(), out.end()};
}

}  // namespace gsl::cli
