// stdlib/os_file.h: *os.File values (os.Stdin, os.Stdout, os.Stderr, opened
// files) and the reads and writes that fmt, io, bufio and os share.
//
// Contract: output to standard output goes through C's stdout, which the
// engine gives a large buffer when it is not a terminal (a terminal gets
// every write at once, as Go's unbuffered os.Stdout does). Anything that
// could reveal the buffering flushes it first: a write to another
// descriptor (standard error above all) and every read of a file, so the
// order of output relative to stderr and to prompts is Go's. Other
// descriptors are written directly (stdlib/blocking_io.h). writeTo() is
// io.Writer.Write for any writer value: an *os.File directly, anything
// else through its Write([]byte) (int, error) method.
#pragma once

#include <cstddef>
#include <cstdint>
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

// A new *os.File for an open descriptor.
vm::Value newFile(int fd, std::string_view name);
// os.Stdin, os.Stdout, os.Stderr (fd 0, 1, 2): the same values everywhere.
vm::Value standardFile(int fd);

// The file descriptor of an *os.File value (-1 once closed), nullopt for
// other values (a nil *os.File included).
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

// f.Read(buf[0:n]) for an *os.File f: the count and the error Go's
// (*File).Read returns (io.EOF at the end, *fs.PathError on failure).
struct FileReadResult {
  int64_t n = 0;
  vm::Value err;
};
FileReadResult readFile(vm::Value f, uint8_t* buf, size_t n);

}  // namespace gsl::stdlib
