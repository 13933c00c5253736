// stdlib/blocking_io.h: the one place where the standard library makes a
// system call that may block for an unbounded time (reading standard input,
// a pipe or a terminal; writing to a full pipe).
//
// Contract: every read(2)/write(2) on a file descriptor that stdlib/ issues
// for a script goes through these functions, so that the runtime's
// blocking-call handoff (runtime/sched.h enterSyscall/exitSyscall: the P is
// handed to another M while the call blocks, so other goroutines keep
// running) is added here and nowhere else. Both retry on EINTR. They touch
// no script values, which is what the handoff requires of the code between
// enterSyscall and exitSyscall.
#pragma once

#include <sys/types.h>

#include <cstddef>

namespace gsl::stdlib {

// read(2) of at most n bytes into buf: the number read (0 at end of file),
// or -1 with errno set.
ssize_t blockingRead(int fd, void* buf, size_t n);

// write(2) of all n bytes of buf, retrying short writes: the number written
// (n unless an error stopped it), and *err receives the errno (0 on success).
size_t blockingWrite(int fd, const void* buf, size_t n, int* err);

// pread(2): like blockingRead, at offset off (for ReadAt).
ssize_t blockingReadAt(int fd, void* buf, size_t n, off_t off);

// pwrite(2) of all n bytes at offset off, like blockingWrite (for WriteAt).
size_t blockingWriteAt(int fd, const void* buf, size_t n, off_t off, int* err);

}  // namespace gsl::stdlib
