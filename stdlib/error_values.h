// stdlib/error_values.h: error values made and inspected by native code,
// shared by the packages that return or wrap errors (errors, fmt, strconv,
// os, io).
//
// Contract: newError() is errors.New (a *errors.errorString, so %T, %v and
// %#v print what Go prints, and two calls give distinct errors).
// errorMessage() is err.Error() for any error value, script or native.
// unwrap() calls err's Unwrap method the way errors.Is and errors.As do.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vm/heap.h"
#include "vm/value.h"

namespace gsl::vm {
class Thread;
struct Type;
}  // namespace gsl::vm

namespace gsl::stdlib {

// errors.New(msg).
vm::Value newError(std::string_view msg);

// err.Error() (err must not be nil).
std::string errorMessage(vm::Thread& th, vm::Value err);

// The result of calling err.Unwrap(): none (no method, or it returned nil),
// one error (Unwrap() error) or several (Unwrap() []error).
struct Unwrapped {
  enum class Kind { None, One, Many } kind = Kind::None;
  vm::Value one;
  std::vector<vm::Value, vm::GcAllocator<vm::Value>> many;
};
Unwrapped unwrap(vm::Thread& th, vm::Value err);

// The `[]error` type.
const vm::Type* errorSliceType();

// A package's `var ErrX = errors.New(Msg)`: made on first use, then the
// same value on every call, so == and errors.Is work. Distinct Msg arrays
// give distinct errors even when their texts are equal, as two errors.New
// calls do (path.ErrBadPattern is not filepath.ErrBadPattern).
vm::Value* permanentErrorSlot(std::string_view msg);
template <const char* Msg>
vm::Value sentinelError() {
  static vm::Value* slot = permanentErrorSlot(Msg);
  return *slot;
}

// io.EOF and io.ErrUnexpectedEOF: one value each, shared by every package
// that reports the end of input.
vm::Value eofError();
vm::Value unexpectedEOF();

}  // namespace gsl::stdlib
