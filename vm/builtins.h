// vm/builtins.h: Go's predeclared functions that are not instructions of
// their own (len, cap, append, new, make, panic and recover are), and the
// runtime's `print` formatting.
//
// The Builtin instruction calls callBuiltin with its arguments in consecutive
// registers. For `defer close(ch)` and the like, the compiler needs the
// builtin as a function value: builtinFunctionValue gives a native FuncObj
// with the same behaviour.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vm/thread.h"
#include "vm/value.h"

namespace gsl::vm {

#define GSL_BUILTINS(X) \
  X(Copy, "copy")       \
  X(Delete, "delete")   \
  X(Min, "min")         \
  X(Max, "max")         \
  X(Clear, "clear")     \
  X(Complex, "complex") \
  X(Real, "real")       \
  X(Imag, "imag")       \
  X(Print, "print")     \
  X(Println, "println") \
  X(Close, "close")     \
  X(Panic, "panic")     \
  X(Recover, "recover") \
  X(Len, "len")         \
  X(Cap, "cap")         \
  X(Append, "append")

enum class BuiltinId : uint16_t {
#define GSL_BUILTIN_ENUM(name, spelling) name,
  GSL_BUILTINS(GSL_BUILTIN_ENUM)
#undef GSL_BUILTIN_ENUM
};

// "copy", "println", …
std::string_view builtinName(BuiltinId id);

// Applies builtin `id` to args[0..n). Returns its result (nil for those
// without one). May panic with Go's messages.
Value callBuiltin(Thread& th, BuiltinId id, Value* args, uint32_t n);

// A native function value behaving like the builtin (for defer and go).
Value builtinFunctionValue(BuiltinId id);

// Appends v formatted as Go's runtime print/println prints it: integers in
// decimal, floats as +1.500000e+000, bools, strings as is, complex as
// (re+imi), slices as [len/cap]0xADDR, other references as 0xADDR.
void appendPrintValue(std::string& out, Value v);

// Writes text to standard error, after flushing standard output so the two
// streams interleave as the program wrote them.
void writeStderr(std::string_view text);

// Channel hooks for len, cap and close; the runtime installs the real ones.
int64_t builtinChanLen(Value ch);
int64_t builtinChanCap(Value ch);
struct ChanHooks {
  int64_t (*len)(Value ch) = nullptr;
  int64_t (*cap)(Value ch) = nullptr;
  void (*close)(Value ch) = nullptr;
};
void setChanHooks(const ChanHooks& hooks);

}  // namespace gsl::vm
