// stdlib/syscall.h: the part of package syscall other packages share:
// the Signal type (syscall.SIGINT, ...; os.Signal values). syscall.Errno
// is stdlib/fs.h's.
//
// Contract: a signal value is a syscall.Signal (a named int whose String
// is Go's description, "interrupt", "terminated", ...), a small scalar, so
// making one never allocates (the signal thread makes them).
#pragma once

#include <cstdint>

#include "vm/value.h"

namespace gsl::vm {
struct Type;
}

namespace gsl::stdlib {

// The type syscall.Signal.
const vm::Type* signalType();
// syscall.Signal(n).
vm::Value makeSignal(int n);
// Whether v is a syscall.Signal; its number in *n.
bool signalNumber(vm::Value v, int* n);

}  // namespace gsl::stdlib
