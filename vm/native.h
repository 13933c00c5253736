// vm/native.h: how C++ code (stdlib/, builtins) plugs into the VM.
//
// A native function is a plain C++ function over values. Natives are stored
// in function values like script closures, so `f := strings.ToUpper; f("a")`
// works, and the interpreter calls them directly from its dispatch loop.
//
// Contract for every native:
//  * Arguments arrive already evaluated in `args[0..nargs)`. A variadic call
//    with a spread (`fmt.Println(xs...)`) arrives flattened: one argument per
//    element, so a native never sees the difference.
//  * Results are written to `out[0..n)` and n is returned (n <= kMaxNativeResults).
//  * A native may allocate, and may raise a Go panic with the functions of
//    vm/panic.h (a C++ exception that the interpreter catches at the call
//    site and turns into an ordinary script panic; it never crosses the
//    scheduler).
//  * A native may call back into script code with callFunction() (the
//    interpreter runs a nested dispatch loop until that call returns). Such a
//    nested call cannot park its goroutine; natives that would need to wait
//    follow the park/resume protocol of runtime/ instead (docs/architecture.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vm/value.h"

namespace gsl::vm {

class Thread;  // the interpreter state of one goroutine (vm/thread.h)
struct Type;

constexpr int kMaxNativeResults = 8;

using NativeFn = int (*)(Thread& th, const Value* args, int nargs, Value* out);

// One exported name of a package implemented in C++.
struct NativeMember {
  enum class Kind { Func, Const, Var, Type };
  std::string_view name;
  Kind kind = Kind::Func;
  NativeFn fn = nullptr;              // Kind::Func
  Value (*make)() = nullptr;          // Kind::Const and Kind::Var: initial value
  const Type* (*type)() = nullptr;    // Kind::Type
};

// A package implemented in C++, e.g. path "strings", name "strings".
struct NativePackage {
  std::string_view path;
  std::string_view name;
  std::vector<NativeMember> members;
};

// Registers a package at static-initialisation time (see stdlib/). Packages
// are looked up by import path when a script imports them.
void registerPackage(NativePackage pkg);
const NativePackage* findPackage(std::string_view path);
// The import path of the one registered package whose name is `name`
// ("rand" -> "math/rand"); "" when there is none, or more than one.
std::string packagePathForName(std::string_view name);

}  // namespace gsl::vm
