// vm/panic.h: the three kinds of failure (STYLE §7).
//
// 1. A Go panic raised from C++ (a native, a runtime check in vm/) is a C++
//    exception of type GoPanic carrying the panic value. The interpreter
//    catches it at the call site or instruction that raised it and unwinds
//    the script's frames through their defers; it never crosses the
//    scheduler.
// 2. fatalError: an unrecoverable script fault (deadlock, concurrent map
//    writes): prints "fatal error: MSG" to stderr, runs the fatal handler
//    (the runtime's goroutine dump), exits with status 2. No recover.
// 3. GSL_ASSERT: a broken VM invariant, i.e. a bug in gsl: prints file, line
//    and function, then aborts.
//
// Run-time errors are Go's runtime.Error values, with Go's dynamic types so
// that %T and %v of a recovered value print what Go prints:
//   runtime.errorString        "runtime error: " + msg  (nil deref, divide
//                              by zero, unhashable/uncomparable types)
//   runtime.boundsError        "runtime error: " + msg  (index and slice
//                              bounds)
//   runtime.plainError         msg as is ("assignment to entry in nil map",
//                              "close of closed channel", …)
//   *runtime.TypeAssertionError "interface conversion: …"
// Each type has the methods Error() string and RuntimeError(), so it
// satisfies `error` and `runtime.Error`. Go prints an unrecovered one as
// "panic: " + Error() (plus " [recovered]" when re-panicked, and for a nil
// dereference Go adds a "[signal SIGSEGV…]" line: the interpreter's job).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vm/type.h"
#include "vm/value.h"

namespace gsl::vm {

// The exception that carries a Go panic. The value lives in a collector
// root for the exception's lifetime (C++ exception memory is not scanned).
class GoPanic {
 public:
  explicit GoPanic(Value v);
  GoPanic(const GoPanic& other);
  GoPanic& operator=(const GoPanic& other);
  ~GoPanic();
  Value value() const { return *root_; }

 private:
  Value* root_;
};

// panic(v).
[[noreturn]] void throwPanic(Value v);

// Panics with a runtime.errorString: Error() is "runtime error: " + msg.
// E.g. "integer divide by zero", "hash of unhashable type []int".
[[noreturn]] void throwRuntimeError(std::string_view msg);
// Panics with a runtime.boundsError: Error() is "runtime error: " + msg.
// E.g. "index out of range [5] with length 3",
// "slice bounds out of range [:5] with capacity 3".
[[noreturn]] void throwBoundsError(std::string_view msg);
// Panics with a runtime.plainError: Error() is msg itself.
// E.g. "assignment to entry in nil map", "close of nil channel".
[[noreturn]] void throwPlainError(std::string_view msg);

// The common ones, with Go's exact messages.
[[noreturn]] void throwIndexOutOfRange(int64_t index, int64_t length);
[[noreturn]] void throwNilDereference();  // invalid memory address or nil pointer dereference
[[noreturn]] void throwDivideByZero();    // integer divide by zero
[[noreturn]] void throwNilMapWrite();     // assignment to entry in nil map

// A failed x.(T). `iface` is the static interface type of x (nullptr prints
// "interface", as Go does for some assertions), `concrete` the dynamic type
// of x (nullptr when x is nil), `asserted` T. With missingMethod, the message
// is "interface conversion: C is not T: missing method M"; otherwise
// "interface conversion: I is C, not T" / "interface conversion: I is nil, not T".
[[noreturn]] void throwTypeAssertionError(const Type* iface, const Type* concrete,
                                          const Type* asserted,
                                          std::string_view missingMethod = {});

// The same values without throwing (for natives that return errors).
enum class RuntimeErrorKind { ErrorString, Bounds, Plain, TypeAssertion };
Value makeRuntimeError(RuntimeErrorKind kind, std::string_view msg);

// Whether v is one of the runtime error values above, and its Error() text.
bool isRuntimeError(Value v);
std::string runtimeErrorMessage(Value v);

// The `runtime.Error` interface type (methods Error, RuntimeError).
const Type* runtimeErrorType();

// Unrecoverable: prints "fatal error: " + msg and a newline to stderr, calls
// the fatal handler if one is set, and exits with status 2.
[[noreturn]] void fatalError(std::string_view msg);
using FatalHandler = void (*)(std::string_view msg);
void setFatalHandler(FatalHandler handler);

[[noreturn]] void assertFailed(const char* cond, const char* file, int line, const char* func);

}  // namespace gsl::vm

// Checks a VM invariant (always on: the cost is a predictable branch).
#define GSL_ASSERT(cond)                                                      \
  do {                                                                        \
    if (__builtin_expect(!(cond), 0))                                         \
      ::gsl::vm::assertFailed(#cond, __FILE__, __LINE__, __func__);           \
  } while (0)
