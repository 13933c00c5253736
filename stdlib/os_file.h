// stdlib/os_file.h: *os.File values (os.Stdin, os.Stdout, os.Stderr) and
// the writes that fmt and os share.
//
// Contract: output to standard output goes through C's stdout, which the
// engine gives a large buffer when it is not a terminal (a terminal gets
// every write at once, as Go's unbuffered os.Stdout does). Anything that
// could reveal the buffering flushes it first: a write to another
// descriptor (standard error above all) and every read of standard input,
// so the order of output relative to stderr and to prompts is Go's. Other
// descriptors are written directly with write(2). writeTo() is
// io.Writer.Write for any writer value: an *os.File directly, anything else
// through its Write([]byte) (int, error) method.
#pragma once

#include <optional>
#include <string_view>

#include "vm/value.h"

namespace gsl::vm {
class Thread;
struct Type;
}  // namespace gsl::vm

namespace gsl::stdlib {

// The os.File struct type (values are *os.File, i.e. Refs to it).
const vm::Type* fileType();

// The file descriptor of an *os.File value, nullopt for other values.
std::optional<int> fileDescriptor(vm::Value v);

// Writes all of s to fd (retrying short writes; fd 1 through stdout, see
// above). Returns the bytes written and, on failure, the errno.
struct WriteResult {
  size_t n = 0;
  int err = 0;
};
WriteResult writeFd(int fd, std::string_view s);

// Flushes buffered standard output; call before reading standard input.
void flushStdout();

// w.Write([]byte(s)): stores n (int) and err (error) in out[0], out[1].
void writeTo(vm::Thread& th, vm::Value w, std::string_view s, vm::Value* out);

}  // namespace gsl::stdlib
