// vm/native.cpp: the registry of packages implemented in C++ (vm/native.h).
//
// Packages register themselves during static initialisation, in whatever
// order the linker runs the initialisers, so the registry is a function-local
// static (constructed on first use) rather than a global object.
#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>

#include "vm/native.h"
#include "vm/native_packages.h"

namespace gsl::vm {

namespace {

std::unordered_map<std::string, std::unique_ptr<NativePackage>>& registry() {
  static std::unordered_map<std::string, std::unique_ptr<NativePackage>> packages;
  return packages;
}

}  // namespace

void registerPackage(NativePackage pkg) {
  std::string path(pkg.path);
  auto& slot = registry()[path];
  if (slot) {
    // A package may be registered in pieces (e.g. one file per type):
    // members accumulate.
    for (NativeMember& m : pkg.members) slot->members.push_back(m);
    return;
  }
  slot = std::make_unique<NativePackage>(std::move(pkg));
}

const NativePackage* findPackage(std::string_view path) {
  auto it = registry().find(std::string(path));
  return it == registry().end() ? nullptr : it->second.get();
}

std::vector<const NativePackage*> registeredPackages() {
  std::vector<const NativePackage*> out;
  out.reserve(registry().size());
  for (const auto& [path, pkg] : registry()) out.push_back(pkg.get());
  std::sort(out.begin(), out.end(),
            [](const NativePackage* a, const NativePackage* b) { return a->path < b->path; });
  return out;
}

std::string packagePathForName(std::string_view name) {
  std::string found;
  for (const auto& [path, pkg] : registry()) {
    if (pkg->name != name) continue;
    if (!found.empty()) return "";  // ambiguous: the script must import it
    found = path;
  }
  return found;
}

}  // namespace gsl::vm
