// runtime/g.cpp: names of goroutine states and wait reasons, and the
// report of an impossible status change.
#include "runtime/g.h"

#include <cstdio>
#include <cstdlib>

namespace gsl::runtime {

const char* waitReasonString(WaitReason r) {
  switch (r) {
#define GSL_WAIT_REASON_CASE(name, text) \
  case WaitReason::name: return text;
    GSL_WAIT_REASONS(GSL_WAIT_REASON_CASE)
#undef GSL_WAIT_REASON_CASE
  }
  return "?";
}

const char* statusString(GStatus s) {
  switch (s) {
    case GStatus::Idle: return "idle";
    case GStatus::Runnable: return "runnable";
    case GStatus::Running: return "running";
    case GStatus::Waiting: return "waiting";
    case GStatus::Syscall: return "syscall";
    case GStatus::Dead: return "dead";
  }
  return "?";
}

void casStatusFailed(G* g, GStatus from, GStatus to, GStatus actual) {
  std::fprintf(stderr,
               "fatal error: runtime: internal error: casStatus: goroutine %llu: %s -> %s, "
               "but it is %s\n",
               static_cast<unsigned long long>(g->id.load(std::memory_order_relaxed)),
               statusString(from), statusString(to), statusString(actual));
  std::fflush(stderr);
  std::abort();
}

}  // namespace gsl::runtime
