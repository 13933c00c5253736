// runtime/check.h: the runtime's internal-bug abort (Go's `throw`).
//
// A broken scheduler invariant (a goroutine in the wrong state, a run queue
// overflowing) is a bug in gsl, not in the script: it is reported with the
// file, line and function that noticed it, and the process aborts so a core
// dump or debugger shows the state. Script-level fatal errors (deadlock) are
// not reported here; they go through the interpreter's hooks.
#pragma once

namespace gsl::runtime {

[[noreturn]] void throwInternal(const char* what, const char* file, int line, const char* func);

}  // namespace gsl::runtime

// Checks a runtime invariant. Always on: the cost is a predictable branch.
#define GSL_RUNTIME_CHECK(cond)                                               \
  do {                                                                        \
    if (__builtin_expect(!(cond), 0))                                         \
      ::gsl::runtime::throwInternal(#cond, __FILE__, __LINE__, __func__);     \
  } while (0)
