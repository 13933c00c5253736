// The listing behind `gsl --list-packages` (cli/package_list.h).
#include "cli/package_list.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "vm/heap.h"
#include "vm/native.h"
#include "vm/native_packages.h"
#include "vm/type.h"

namespace gsl::cli {

namespace {

using vm::NativeMember;

std::string_view kindWord(NativeMember::Kind k) {
  switch (k) {
    case NativeMember::Kind::Const: return "const";
    case NativeMember::Kind::Var: return "var";
    case NativeMember::Kind::Func: return "func";
    case NativeMember::Kind::Type: return "type";
  }
  return "?";
}

// Go's documentation order: constants, variables, functions, types.
int kindRank(NativeMember::Kind k) {
  switch (k) {
    case NativeMember::Kind::Const: return 0;
    case NativeMember::Kind::Var: return 1;
    case NativeMember::Kind::Func: return 2;
    case NativeMember::Kind::Type: return 3;
  }
  return 4;
}

// The word a type's declaration would use: struct, interface, func, or the
// underlying basic type's name (type Duration int64).
std::string typeShape(const vm::Type* t) {
  switch (t->kind) {
    case vm::Kind::Struct: return "struct";
    case vm::Kind::Interface: return "interface";
    default: break;
  }
  return vm::typeString(t->underlying ? t->underlying : t);
}

void listType(std::string& out, const vm::Type* t) {
  std::vector<std::string> lines;
  if (t->kind == vm::Kind::Struct) {
    for (const vm::Field& f : t->fields) {
      if (f.embedded) {
        lines.push_back("      embed " + vm::typeString(f.type));
      } else if (f.exported) {
        lines.push_back("      field " + std::string(f.name) + " " + vm::typeString(f.type));
      }
    }
  }
  if (t->kind == vm::Kind::Interface) {
    for (const vm::IMethod& m : t->imethods) {
      lines.push_back("      imethod " + std::string(m.name));
    }
  }
  // Exported methods by name, whatever the receiver.
  std::vector<const vm::Method*> methods;
  for (const vm::Method& m : t->methods()) {
    if (!m.name.empty() && m.name[0] >= 'A' && m.name[0] <= 'Z') methods.push_back(&m);
  }
  std::sort(methods.begin(), methods.end(),
            [](const vm::Method* a, const vm::Method* b) { return a->name < b->name; });
  for (const vm::Method* m : methods) {
    lines.push_back("      method " + std::string(m->ptrRecv ? "*" : "") + std::string(m->name));
  }
  for (const std::string& l : lines) out += l + "\n";
}

}  // namespace

std::string packageListing() {
  // Exported types are built on first use, in collected memory.
  vm::heapInit();
  std::string out;
  for (const vm::NativePackage* pkg : vm::registeredPackages()) {
    out += "package " + std::string(pkg->path) + " " + std::string(pkg->name) + "\n";
    std::vector<const NativeMember*> members;
    for (const NativeMember& m : pkg->members) members.push_back(&m);
    std::stable_sort(members.begin(), members.end(), [](const NativeMember* a, const NativeMember* b) {
      if (a->kind != b->kind) return kindRank(a->kind) < kindRank(b->kind);
      return a->name < b->name;
    });
    std::string_view previous;
    for (const NativeMember* m : members) {
      // A package registered in pieces may name a member twice.
      if (!previous.empty() && m->name == previous) continue;
      previous = m->name;
      out += "  " + std::string(kindWord(m->kind)) + " " + std::string(m->name);
      if (m->kind == NativeMember::Kind::Type && m->type) {
        const vm::Type* t = m->type();
        out += " " + typeShape(t) + "\n";
        listType(out, t);
      } else {
        out += "\n";
      }
    }
  }
  return out;
}

}  // namespace gsl::cli
