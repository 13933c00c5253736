// stdlib/io_support.h: calling io.Reader / io.Writer methods of any value
// from C++, for the packages that wrap readers and writers (io, bufio,
// bytes, fmt).
//
// Contract: readInto calls r.Read(p) on any reader: an *os.File is read
// directly, any other value (a native type or a script's own type) through
// its Read method with vm/thread.h's callFunction, so script types work
// wherever a Reader is accepted. A nil reader panics with Go's nil
// dereference; a value without Read panics naming its type. A count
// outside [0, len(p)] is returned as is: callers check it the way the Go
// function they mirror does. writeBytes is the same for Write(p).
#pragma once

#include <cstdint>
#include <string_view>

#include "vm/value.h"

namespace gsl::vm {
class Thread;
}  // namespace gsl::vm

namespace gsl::stdlib {

struct IoResult {
  int64_t n = 0;
  vm::Value err;
};

// r.Read(p), p a []byte value.
IoResult readInto(vm::Thread& th, vm::Value r, vm::Value p);
// w.Write(p), p a []byte value (passed as is: the writer sees p itself).
IoResult writeBytes(vm::Thread& th, vm::Value w, vm::Value p);
// w.Write([]byte(s)) through os_file.h's writeTo.
IoResult writeString(vm::Thread& th, vm::Value w, std::string_view s);

// Calls method `name` of v with args; returns its results (at most maxOut)
// and how many there were. Panics as readInto does when v has no such
// method.
int callNamed(vm::Thread& th, vm::Value v, std::string_view name, const vm::Value* args, int nargs,
              vm::Value* out, int maxOut);

// The io.EOF test every reader loop needs.
bool isEOF(vm::Value err);

}  // namespace gsl::stdlib
