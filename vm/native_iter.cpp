// vm/native_iter.cpp: the registry of native iterators' step functions
// (vm/native_iter.h). A handful of entries, registered during static
// initialisation and only read afterwards: a plain vector searched linearly.
#include "vm/native_iter.h"

#include <utility>
#include <vector>

namespace gsl::vm {

namespace {

std::vector<std::pair<NativeFn, NativeIterStep>>& steps() {
  static std::vector<std::pair<NativeFn, NativeIterStep>> table;
  return table;
}

}  // namespace

void registerNativeIterStep(NativeFn body, NativeIterStep step) { steps().emplace_back(body, step); }

NativeIterStep nativeIterStep(NativeFn body) {
  for (const auto& [b, s] : steps()) {
    if (b == body) return s;
  }
  return nullptr;
}

}  // namespace gsl::vm
