// stdlib/blocking_io.cpp: see blocking_io.h.
//
// Each function brackets its system call with the runtime's blocking-call
// handoff (runtime/sched.h): enterSyscall() before, exitSyscall() after.
// While the call blocks, the goroutine holds no P; sysmon hands the P to
// another M after a tick (20 µs), so the other goroutines keep running,
// even at GOMAXPROCS=1, and the deadlock check knows a call is in progress
// (an M in a system call may still make progress). A call that returns at
// once costs two compare-exchanges. Outside a goroutine (no current G:
// package initialisation before the scheduler starts, the exit path) the
// call is made directly.
//
// Between the two calls nothing here touches runtime state or script
// values other than the caller's buffer, as enterSyscall requires.
#include "stdlib/blocking_io.h"

#include <unistd.h>

#include <cerrno>

#include "runtime/sched.h"

namespace gsl::stdlib {

namespace {

// Brackets a blocking system call (RAII, so that a C++ exception cannot
// leave the goroutine without its P; none is thrown in between today).
class SyscallScope {
 public:
  SyscallScope() : active_(runtime::currentG() != nullptr) {
    if (active_) runtime::enterSyscall();
  }
  ~SyscallScope() {
    if (active_) runtime::exitSyscall();
  }
  SyscallScope(const SyscallScope&) = delete;
  SyscallScope& operator=(const SyscallScope&) = delete;

 private:
  bool active_;
};

}  // namespace

ssize_t blockingRead(int fd, void* buf, size_t n) {
  SyscallScope scope;
  ssize_t k;
  do {
    k = ::read(fd, buf, n);
  } while (k < 0 && errno == EINTR);
  return k;
}

size_t blockingWrite(int fd, const void* buf, size_t n, int* err) {
  SyscallScope scope;
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
  SyscallScope scope;
  ssize_t k;
  do {
    k = ::pread(fd, buf, n, off);
  } while (k < 0 && errno == EINTR);
  return k;
}

size_t blockingWriteAt(int fd, const void* buf, size_t n, off_t off, int* err) {
  SyscallScope scope;
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
