// stdlib/blocking_io.cpp: see blocking_io.h.
//
// The handoff is not wired in yet: the interpreter does not run on the
// runtime's Ms today, so a blocking call simply blocks the only goroutine.
// When it does, each function below brackets its system call with
// runtime::enterSyscall() / runtime::exitSyscall().
#include "stdlib/blocking_io.h"

#include <unistd.h>

#include <cerrno>

namespace gsl::stdlib {

ssize_t blockingRead(int fd, void* buf, size_t n) {
  ssize_t k;
  do {
    k = ::read(fd, buf, n);
  } while (k < 0 && errno == EINTR);
  return k;
}

size_t blockingWrite(int fd, const void* buf, size_t n, int* err) {
  const char* p = static_cast<const char*>(buf);
  size_t done = 0;
  *err = 0;
  while (done < n) {
    ssize_t k = ::write(fd, p + done, n - done);
    if (k < 0) {
      if (errno == EINTR) continue;
      *err = errno;
      break;
    }
    done += static_cast<size_t>(k);
  }
  return done;
}

ssize_t blockingReadAt(int fd, void* buf, size_t n, off_t off) {
  ssize_t k;
  do {
    k = ::pread(fd, buf, n, off);
  } while (k < 0 && errno == EINTR);
  return k;
}

size_t blockingWriteAt(int fd, const void* buf, size_t n, off_t off, int* err) {
  const char* p = static_cast<const char*>(buf);
  size_t done = 0;
  *err = 0;
  while (done < n) {
    ssize_t k = ::pwrite(fd, p + done, n - done, off + static_cast<off_t>(done));
    if (k < 0) {
      if (errno == EINTR) continue;
      *err = errno;
      break;
    }
    done += static_cast<size_t>(k);
  }
  return done;
}

}  // namespace gsl::stdlib
