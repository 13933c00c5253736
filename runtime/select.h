// runtime/select.h: Go's select statement over channels (runtime/chan.h).
//
// The interpreter evaluates every case's channel and send value once, in
// source order, then calls selectGo with them. selectGo picks a case that
// can proceed now, uniformly at random among those that can; with none, it
// takes the default case if there is one, and otherwise blocks the
// goroutine on every case's channel at once until one of them fires. The
// algorithm (passes 1, 2 and 3) is described at the top of
// runtime/select.cpp.
#pragma once

#include <cstdint>

#include "runtime/chan.h"
#include "runtime/g.h"
#include "vm/value.h"

namespace gsl::runtime {

struct SelectCase {
  Channel* chan = nullptr;  // null (a nil channel): the case is never ready
  vm::Value value;          // send cases: the value to send (copied, converted)
  bool isSend = false;
};

enum class SelectStatus : uint8_t {
  Chosen,        // case out->index ran
  Default,       // no case was ready: run the default case
  Parked,        // canPark: the goroutine must park now (preparePark was called)
  SendOnClosed,  // case out->index is a send on a closed channel (the caller panics)
};

struct SelectOutcome {
  int32_t index = -1;
  vm::Value value;  // a receive case's value (nil when !ok: the caller uses the zero value)
  bool ok = false;  // a receive case got a value (false: the channel is closed)
};

// Runs select over cases[0, n) (n may be 0: `select {}` blocks forever)
// for goroutine g. When no case is ready and there is no default, the
// goroutine parks (canPark: returns Parked, and when g runs again the
// caller calls selectResumed with the same arguments) or waits in place
// (runtime/park.h) and returns the outcome. A select with one case and no
// default behaves exactly as that channel operation (Go compiles it so, and
// its wait reason is the operation's).
SelectStatus selectGo(G* g, const SelectCase* cases, int32_t n, bool hasDefault, bool canPark,
                      SelectOutcome* out);

// Pass 3 for a select that returned Parked: dequeues g from the channels
// that did not fire and reports the case that did.
SelectStatus selectResumed(G* g, const SelectCase* cases, int32_t n, bool hasDefault,
                           SelectOutcome* out);

// The channels a goroutine blocked in a select (wait reason Select) waits
// on, in case order, for deadlock explanations. Call only while the goroutines are
// quiescent (Hooks::onDeadlock). Returns how many were stored (at most max).
int32_t selectWaitingOn(G* g, Channel** out, int32_t max);

}  // namespace gsl::runtime
