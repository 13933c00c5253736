// stdlib/time_timers.cpp: the part of package time that needs goroutines
// and channels: Sleep, After, Tick, NewTimer (C, Stop, Reset), NewTicker
// (C, Stop, Reset) and AfterFunc. It registers its members into package
// "time" alongside stdlib/time.cpp (vm::registerPackage accumulates).
//
// Sleep parks the goroutine on its own runtime timer (runtime::prepareSleep,
// wait reason "sleep"); inside a native's callback, where a goroutine
// cannot park, it sleeps in place with its P handed off (enterSyscall).
//
// A Timer or Ticker is Go's struct { C <-chan Time; r runtimeTimer }: `r`
// holds a TimerState (a collected object whose type is the unexported
// named type time.runtimeTimer over unsafe.Pointer, so fmt prints it as an
// address) with the runtime::Timer in the program's timer heap
// (runtime/timer.h). When it fires, the callback, running on an M outside
// any goroutine, sends Now() on C without blocking (C has room for one
// value; a slow reader misses ticks, as in Go), or for AfterFunc starts a
// goroutine running f. Stop and Reset follow Go 1.19 and earlier: Stop
// reports whether it stopped a pending timer and does not drain C.
#include <cerrno>
#include <ctime>
#include <new>

#include "runtime/chan.h"
#include "runtime/lock.h"
#include "runtime/sched.h"
#include "runtime/timer.h"
#include "stdlib/native_support.h"
#include "stdlib/time.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

// The collected object behind a Timer's or Ticker's `r` field.
struct TimerState : vm::Object {
  runtime::Timer timer;       // in the runtime's heap while pending
  runtime::Mutex mu;          // serialises Stop and Reset of one timer
  Value ch;                   // C (Timer, Ticker); nil for AfterFunc
  Value fn;                   // AfterFunc's function
  vm::ProgramState* program;  // for AfterFunc's goroutine
};

const vm::Type* runtimeTimerType() {
  static const vm::Type* t = defineNamed("time", "runtimeTimer", vm::types::unsafePointerType());
  return t;
}

const vm::Type* timeChanType() {
  static const vm::Type* t = vm::chanOf(timeType(), vm::ChanDir::Recv);
  return t;
}

// Runs on an M when the timer fires; must not block.
void timerFired(void* arg, uint64_t) {
  auto* ts = static_cast<TimerState*>(arg);
  if (!ts->fn.isNil()) {
    // AfterFunc: f runs in its own goroutine. Build the call on a scratch
    // Thread as the `go` statement would.
    vm::Thread* th = vm::newThread(ts->program);
    th->stack()[0] = ts->fn;
    vm::spawnGoroutine(*th, 0, 0, false);
    return;
  }
  runtime::chanSend(nullptr, runtime::asChannel(ts->ch), timeNow(), runtime::BlockMode::NoBlock);
}

TimerState* newTimerState(vm::Thread& th, int64_t periodNs, Value fn, std::string_view what) {
  auto* ts = new (vm::allocObject(sizeof(TimerState))) TimerState();
  ts->type = runtimeTimerType();
  ts->program = th.program();
  ts->fn = fn;
  if (fn.isNil()) ts->ch = vm::makeNativeChannel(timeChanType(), 1, what);
  ts->timer.fn = timerFired;
  ts->timer.arg = ts;
  ts->timer.period = periodNs;
  return ts;
}

// When a timer due in d nanoseconds fires (saturating; d <= 0: now).
int64_t deadline(int64_t d) {
  int64_t now = runtime::nanotime();
  if (d <= 0) return now;
  return now + d > now ? now + d : INT64_MAX;
}

void startTimer(TimerState* ts, int64_t d) {
  runtime::MutexLock lock(ts->mu);
  runtime::resetTimer(&ts->timer, deadline(d));
}

// A *Timer or *Ticker struct value holding ts: Ref to {C, r}.
Value timerStruct(const vm::Type* t, TimerState* ts) {
  vm::StructObj* o = vm::newStruct(t);
  o->fields()[0] = ts->ch.isNil() ? vm::nilOf(timeChanType()) : ts->ch;
  o->fields()[1] = Value::object(ts);
  return Value::ref(o);
}

// The TimerState of a *Timer / *Ticker receiver.
TimerState* stateOf(const Value* args, const char* method) {
  vm::StructObj* o = receiverStruct(args);
  Value r = o->fields()[1];
  if (!r.isObject() || r.asObject()->type != runtimeTimerType()) {
    vm::throwPlainError(std::string("time: ") + method + " called on uninitialized " +
                        std::string(o->type->name));
  }
  return static_cast<TimerState*>(r.asObject());
}

const vm::Type* timerType();
const vm::Type* tickerType();

// ---- Sleep --------------------------------------------------------------------------

int nSleep(vm::Thread& th, const Value* args, int nargs, Value*) {
  int64_t ns = durationOf(arg(args, nargs, 0));
  if (ns <= 0) return 0;  // Go returns at once
  if (vm::canPark(th)) {
    runtime::prepareSleep(th.g, ns);
    th.parkRequested = true;
    return 0;
  }
  // Inside a native's callback: sleep in place, letting the P go.
  bool onM = runtime::currentG() != nullptr;
  if (onM) runtime::enterSyscall();
  timespec ts{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
  while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
  }
  if (onM) runtime::exitSyscall();
  return 0;
}

// ---- Timer --------------------------------------------------------------------------

int nNewTimer(vm::Thread& th, const Value* args, int nargs, Value* out) {
  TimerState* ts = newTimerState(th, 0, Value(), "time.Timer.C");
  startTimer(ts, durationOf(arg(args, nargs, 0)));
  out[0] = timerStruct(timerType(), ts);
  return 1;
}

int nAfter(vm::Thread& th, const Value* args, int nargs, Value* out) {
  TimerState* ts = newTimerState(th, 0, Value(), "of time.After");
  startTimer(ts, durationOf(arg(args, nargs, 0)));
  out[0] = ts->ch;
  return 1;
}

int nAfterFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value f = arg(args, nargs, 1);
  if (vm::kindOf(f) != vm::Kind::Func || !f.isObject()) vm::throwNilDereference();
  TimerState* ts = newTimerState(th, 0, f, "");
  startTimer(ts, durationOf(arg(args, nargs, 0)));
  out[0] = timerStruct(timerType(), ts);
  return 1;
}

int timerStop(vm::Thread&, const Value* args, int, Value* out) {
  TimerState* ts = stateOf(args, "Stop");
  runtime::MutexLock lock(ts->mu);
  out[0] = vm::makeBool(runtime::stopTimer(&ts->timer));
  return 1;
}

int timerReset(vm::Thread&, const Value* args, int nargs, Value* out) {
  TimerState* ts = stateOf(args, "Reset");
  runtime::MutexLock lock(ts->mu);
  out[0] = vm::makeBool(runtime::resetTimer(&ts->timer, deadline(durationOf(arg(args, nargs, 1)))));
  return 1;
}

// ---- Ticker -------------------------------------------------------------------------

int nNewTicker(vm::Thread& th, const Value* args, int nargs, Value* out) {
  int64_t d = durationOf(arg(args, nargs, 0));
  if (d <= 0) vm::throwPlainError("non-positive interval for NewTicker");
  TimerState* ts = newTimerState(th, d, Value(), "time.Ticker.C");
  startTimer(ts, d);
  out[0] = timerStruct(tickerType(), ts);
  return 1;
}

int nTick(vm::Thread& th, const Value* args, int nargs, Value* out) {
  int64_t d = durationOf(arg(args, nargs, 0));
  if (d <= 0) {
    out[0] = vm::nilOf(timeChanType());
    return 1;
  }
  TimerState* ts = newTimerState(th, d, Value(), "of time.Tick");
  startTimer(ts, d);
  out[0] = ts->ch;
  return 1;
}

int tickerStop(vm::Thread&, const Value* args, int, Value*) {
  TimerState* ts = stateOf(args, "Stop");
  runtime::MutexLock lock(ts->mu);
  runtime::stopTimer(&ts->timer);
  return 0;
}

int tickerReset(vm::Thread&, const Value* args, int nargs, Value*) {
  int64_t d = durationOf(arg(args, nargs, 1));
  if (d <= 0) vm::throwPlainError("non-positive interval for Ticker.Reset");
  TimerState* ts = stateOf(args, "Reset");
  runtime::MutexLock lock(ts->mu);
  // Out of the heap first: the period may only change while nobody runs it.
  runtime::stopTimer(&ts->timer);
  ts->timer.period = d;
  runtime::resetTimer(&ts->timer, deadline(d));
  return 0;
}

const vm::Type* timerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("time", "Timer", {field("C", timeChanType()), field("r", runtimeTimerType())});
    defineMethod(named, "Stop", timerStop, true);
    defineMethod(named, "Reset", timerReset, true);
    return named;
  }();
  return t;
}

const vm::Type* tickerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("time", "Ticker", {field("C", timeChanType()), field("r", runtimeTimerType())});
    defineMethod(named, "Stop", tickerStop, true);
    defineMethod(named, "Reset", tickerReset, true);
    return named;
  }();
  return t;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "time",
      "time",
      {
          typeMember("Timer", timerType),
          typeMember("Ticker", tickerType),
          funcMember("Sleep", nSleep),
          funcMember("NewTimer", nNewTimer),
          funcMember("After", nAfter),
          funcMember("AfterFunc", nAfterFunc),
          funcMember("NewTicker", nNewTicker),
          funcMember("Tick", nTick),
      },
  });
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
