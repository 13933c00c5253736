// runtime/lock.h: the runtime's lock, condition variable and the
// thread-safety annotations that name what each lock protects.
//
// Every runtime structure that is shared between threads says, member by
// member, which lock guards it (GSL_GUARDED_BY) and which functions must be
// called with it held (GSL_REQUIRES). Clang checks these statically:
//
//   clang++ -std=c++20 -fsyntax-only -Wthread-safety -I. runtime/*.cpp
//
// GCC ignores the attributes. libstdc++'s std::mutex carries no annotations,
// so the runtime wraps it: Mutex is a std::mutex that Clang knows to be a
// capability, MutexLock its scoped holder, and CondVar a condition variable
// that waits on a Mutex (the waiter holds the Mutex before and after).
//
// Members guarded by a lock that lives in another object (a P's idle-list
// link is guarded by the scheduler's lock) cannot be named in an attribute;
// their comment says "guarded by <lock>" instead.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

#if defined(__clang__)
#define GSL_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define GSL_THREAD_ANNOTATION(x)
#endif

#define GSL_CAPABILITY(name) GSL_THREAD_ANNOTATION(capability(name))
#define GSL_SCOPED_CAPABILITY GSL_THREAD_ANNOTATION(scoped_lockable)
#define GSL_GUARDED_BY(mu) GSL_THREAD_ANNOTATION(guarded_by(mu))
#define GSL_PT_GUARDED_BY(mu) GSL_THREAD_ANNOTATION(pt_guarded_by(mu))
#define GSL_REQUIRES(...) GSL_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define GSL_EXCLUDES(...) GSL_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define GSL_ACQUIRE(...) GSL_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define GSL_RELEASE(...) GSL_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define GSL_TRY_ACQUIRE(...) GSL_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define GSL_ASSERT_CAPABILITY(x) GSL_THREAD_ANNOTATION(assert_capability(x))
#define GSL_NO_THREAD_SAFETY_ANALYSIS GSL_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace gsl::runtime {

class CondVar;

// A mutual-exclusion lock (a std::mutex that Clang's analysis understands).
// Not recursive. Hold it briefly: runtime locks are never held while script
// code runs, and never across a call that may block the thread.
class GSL_CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() GSL_ACQUIRE() { mu_.lock(); }
  void unlock() GSL_RELEASE() { mu_.unlock(); }
  bool tryLock() GSL_TRY_ACQUIRE(true) { return mu_.try_lock(); }
  // Tells the analysis that the caller holds the lock (where the holding
  // cannot be seen statically, e.g. in a callback the scheduler runs).
  void assertHeld() const GSL_ASSERT_CAPABILITY(this) {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

// Holds a Mutex for the lifetime of a scope.
class GSL_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) GSL_ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() GSL_RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

// A condition variable used with a Mutex. Wake-ups may be spurious: every
// wait sits in a loop that re-checks its condition under the Mutex.
class CondVar {
 public:
  // Atomically releases mu and sleeps; holds mu again on return.
  void wait(Mutex& mu) GSL_REQUIRES(mu) {
    std::unique_lock<std::mutex> held(mu.mu_, std::adopt_lock);
    cv_.wait(held);
    held.release();
  }
  // As wait, until the monotonic clock (nanotime(), steady_clock) reaches
  // deadlineNs. Returns false if it returned because the deadline passed.
  bool waitUntil(Mutex& mu, int64_t deadlineNs) GSL_REQUIRES(mu) {
    std::unique_lock<std::mutex> held(mu.mu_, std::adopt_lock);
    auto deadline = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadlineNs));
    bool woken = cv_.wait_until(held, deadline) == std::cv_status::no_timeout;
    held.release();
    return woken;
  }
  void notifyOne() { cv_.notify_one(); }
  void notifyAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace gsl::runtime
