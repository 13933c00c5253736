// Helpers for the unit tests of native packages: a VM thread to run
// natives on, and calls of package members by name.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "vm/heap.h"
#include "vm/native.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/thread.h"
#include "vm/type.h"

namespace gsl::stdlib::testing {

// The collector must be initialised before the Thread allocates its stack,
// so it comes first among the members.
struct HeapInit {
  HeapInit() { vm::heapInit(); }
};
struct Env {
  HeapInit heap;
  vm::ProgramState program;
  vm::Thread th{&program};
};

inline Env& env() {
  static Env e;
  return e;
}

inline const vm::NativeMember* findMember(std::string_view pkg, std::string_view name) {
  const vm::NativePackage* p = vm::findPackage(pkg);
  REQUIRE(p != nullptr);
  for (const vm::NativeMember& m : p->members) {
    if (m.name == name) return &m;
  }
  FAIL("no such member: " << std::string(name));
  return nullptr;
}

// Calls the native function pkg.name and returns its results.
inline std::vector<vm::Value> call(std::string_view pkg, std::string_view name,
                                   std::vector<vm::Value> args) {
  const vm::NativeMember* m = findMember(pkg, name);
  vm::Value out[vm::kMaxNativeResults];
  int n = m->fn(env().th, args.data(), static_cast<int>(args.size()), out);
  return std::vector<vm::Value>(out, out + n);
}

// Calls method `name` of recv's dynamic type (a native method) directly.
inline vm::Value callMethod(vm::Value recv, std::string_view name, std::vector<vm::Value> args) {
  const vm::Type* t = vm::typeOf(recv);
  vm::MethodLookup lk = vm::lookupMethod(t, name);
  REQUIRE(lk.found);
  args.insert(args.begin(), recv);
  auto* fn = static_cast<const vm::FuncObj*>(static_cast<const vm::Object*>(lk.method->fn.asObject()));
  vm::Value out[vm::kMaxNativeResults];
  int n = fn->native(env().th, args.data(), static_cast<int>(args.size()), out);
  return n > 0 ? out[0] : vm::Value();
}

// The value of a constant or variable member.
inline vm::Value member(std::string_view pkg, std::string_view name) {
  return findMember(pkg, name)->make();
}

inline std::string str(vm::Value v) { return std::string(vm::stringView(v)); }

inline vm::Value sliceOfValues(const vm::Type* elem, std::vector<vm::Value> vals) {
  return vm::sliceFromValues(vm::sliceOf(elem), vals.data(), static_cast<int64_t>(vals.size()));
}

// fmt.Sprintf("%q", v): a readable rendering of any result.
inline std::string quoted(vm::Value v) {
  std::vector<vm::Value> args{vm::makeString("%q"), v};
  return str(call("fmt", "Sprintf", args)[0]);
}

}  // namespace gsl::stdlib::testing
