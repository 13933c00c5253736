// stdlib/signal.cpp: package os/signal (Notify, Stop, Ignore, Ignored,
// Reset, and NotifyContext on stdlib/context.h) over the runtime's signal
// thread (runtime/signal.h), and the interpreter's part of the SIGQUIT
// dump (each goroutine's script stack).
//
// State: the handlers, one per channel given to Notify or context made by
// NotifyContext, each with the set of signals it wants, under gMu. The
// list lives in collected memory held by a static vector (the collector
// scans static data), so a channel or context stays alive while it is
// registered. Lock order: gMu, then what a delivery takes: a channel's
// lock (the send) or a context's (cancelContext), then the scheduler's
// (waking a goroutine).
//
// Semantics, as Go's:
//  * Notify(c, sigs...) adds sigs (none: every signal gsl catches) to c's
//    set and makes the runtime deliver them instead of its default action.
//  * Delivery never blocks: a signal is dropped for a channel whose buffer
//    is full (Go's advice: a buffered channel).
//  * Stop(c) forgets c; a signal no channel wants any more gets its
//    default action back. Reset(sigs...) does that for sigs (none: all);
//    Ignore(sigs...) makes the runtime drop them; Ignored(sig) reports it,
//    including a signal ignored when the program started (nohup).
#include <signal.h>

#include <mutex>
#include <vector>

#include "runtime/chan.h"
#include "runtime/signal.h"
#include "stdlib/context.h"
#include "stdlib/native_support.h"
#include "stdlib/syscall.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {

namespace {

using vm::Value;

// A channel given to Notify, or a context made by NotifyContext (ch nil):
// a signal it wants is sent on ch, or cancels ctx.
struct Handler {
  Value ch;
  Value ctx;
  uint64_t want = 0;  // bit sig-1 for each signal wanted
};

std::mutex gMu;
std::vector<Handler, vm::GcAllocator<Handler>> gHandlers;

uint64_t bit(int sig) { return uint64_t{1} << (sig - 1); }

// Recomputes the runtime's action for sig after a change of the handlers
// (gMu held): Notify while some channel wants it.
void refreshLocked(int sig, runtime::SignalAction otherwise) {
  for (const Handler& h : gHandlers) {
    if (h.want & bit(sig)) {
      runtime::setSignalAction(sig, runtime::SignalAction::Notify);
      return;
    }
  }
  runtime::setSignalAction(sig, otherwise);
}

// The signal numbers named by args[from..nargs), or every handled signal
// when there are none.
std::vector<int> signalsOf(const Value* args, int nargs, int from) {
  std::vector<int> sigs;
  if (nargs <= from) {
    for (int s = 1; s <= runtime::kMaxSignal; s++)
      if (runtime::signalHandled(s)) sigs.push_back(s);
    return sigs;
  }
  for (int i = from; i < nargs; i++) {
    int n;
    if (!signalNumber(args[i], &n)) continue;  // not a syscall.Signal: Go ignores it too
    if (n >= 1 && n <= runtime::kMaxSignal) sigs.push_back(n);
  }
  return sigs;
}

// signal.Notify(c chan<- os.Signal, sig ...os.Signal)
int notifyNative(vm::Thread&, const Value* args, int nargs, Value*) {
  Value c = arg(args, nargs, 0);
  if (runtime::asChannel(c) == nullptr) vm::throwPanic(vm::makeString("os/signal: Notify using nil channel"));
  std::vector<int> sigs = signalsOf(args, nargs, 1);
  std::lock_guard<std::mutex> lock(gMu);
  Handler* h = nullptr;
  for (Handler& x : gHandlers)
    if (x.ch.bits() == c.bits()) h = &x;
  if (h == nullptr) {
    gHandlers.push_back(Handler{c, Value(), 0});
    h = &gHandlers.back();
  }
  for (int s : sigs) {
    if (!runtime::signalHandled(s)) continue;
    h->want |= bit(s);
    runtime::setSignalAction(s, runtime::SignalAction::Notify);
  }
  return 0;
}

// Removes the first handler `key` selects (its channel or its context) and
// recomputes the action of each signal it wanted. Requires gMu.
template <class Key>
void removeHandlerLocked(Key key) {
  for (size_t i = 0; i < gHandlers.size(); i++) {
    if (!key(gHandlers[i])) continue;
    uint64_t want = gHandlers[i].want;
    gHandlers.erase(gHandlers.begin() + static_cast<std::ptrdiff_t>(i));
    for (int s = 1; s <= runtime::kMaxSignal; s++)
      if (want & bit(s)) refreshLocked(s, runtime::SignalAction::Default);
    return;
  }
}

// signal.Stop(c chan<- os.Signal)
int stopNative(vm::Thread&, const Value* args, int nargs, Value*) {
  Value c = arg(args, nargs, 0);
  std::lock_guard<std::mutex> lock(gMu);
  removeHandlerLocked([&](const auto& h) { return h.ch.bits() == c.bits(); });
  return 0;
}

// Removes sigs from every handler and gives them `action` (Reset, Ignore).
void cancel(const Value* args, int nargs, runtime::SignalAction action) {
  std::vector<int> sigs = signalsOf(args, nargs, 0);
  std::lock_guard<std::mutex> lock(gMu);
  for (int s : sigs) {
    for (Handler& h : gHandlers) h.want &= ~bit(s);
    runtime::setSignalAction(s, action);
  }
  // Go keeps a handler whose set became empty until Stop; so do we.
}

int resetNative(vm::Thread&, const Value* args, int nargs, Value*) {
  cancel(args, nargs, runtime::SignalAction::Default);
  return 0;
}

int ignoreNative(vm::Thread&, const Value* args, int nargs, Value*) {
  cancel(args, nargs, runtime::SignalAction::Ignore);
  return 0;
}

// signal.Ignored(sig os.Signal) bool
int ignoredNative(vm::Thread&, const Value* args, int nargs, Value* out) {
  int n;
  bool ignored = false;
  if (signalNumber(arg(args, nargs, 0), &n)) {
    runtime::SignalAction a = runtime::signalAction(n);
    ignored = a == runtime::SignalAction::Ignore ||
              (a == runtime::SignalAction::Default && runtime::signalIgnoredAtStart(n));
  }
  out[0] = vm::makeBool(ignored);
  return 1;
}

// signal.NotifyContext(parent, sigs...) (ctx, stop): ctx is
// context.WithCancel(parent), cancelled by the first of sigs to arrive
// (on the signal thread, which cancelContext allows). Go wraps it in a type
// whose String is "signal.NotifyContext(...)"; here ctx prints as the
// WithCancel context it is.
int stopNotifyContext(vm::Thread&, const Value* args, int nargs, Value*) {
  Value ctx = arg(args, nargs, 0);
  cancelContext(ctx, Value(), Value());
  std::lock_guard<std::mutex> lock(gMu);
  removeHandlerLocked([&](const auto& h) { return h.ctx.bits() == ctx.bits(); });
  return 0;
}

int notifyContextNative(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value ctx = newCancelContext(th, arg(args, nargs, 0), nullptr);
  std::vector<int> sigs = signalsOf(args, nargs, 1);
  {
    std::lock_guard<std::mutex> lock(gMu);
    Handler h{Value(), ctx, 0};
    for (int s : sigs) {
      if (!runtime::signalHandled(s)) continue;
      h.want |= bit(s);
      runtime::setSignalAction(s, runtime::SignalAction::Notify);
    }
    gHandlers.push_back(h);
  }
  vm::FuncObj* stop = vm::makeNative("signal.NotifyContext.func1", stopNotifyContext, cancelFuncType());
  out[0] = ctx;
  out[1] = Value::object(vm::bindReceiver(stop, ctx));
  return 2;
}

// On the signal thread: a non-blocking send to every channel wanting sig,
// and the cancellation of every NotifyContext context wanting it.
void deliver(int sig) {
  Value v = makeSignal(sig);
  std::lock_guard<std::mutex> lock(gMu);
  for (const Handler& h : gHandlers) {
    if (!(h.want & bit(sig))) continue;
    if (!h.ctx.isNil()) {
      cancelContext(h.ctx, Value(), Value());
    } else if (runtime::Channel* c = runtime::asChannel(h.ch)) {
      runtime::chanSend(nullptr, c, v, runtime::BlockMode::NoBlock);
    }
  }
}

std::string goroutineStack(runtime::G* g) {
  auto* th = static_cast<vm::Thread*>(g->task);
  return th != nullptr ? vm::goroutineTrace(*th) : std::string();
}

const bool kRegistered = [] {
  runtime::SignalHooks hooks;
  hooks.deliver = deliver;
  hooks.goroutineStack = goroutineStack;
  runtime::setSignalHooks(hooks);
  vm::registerPackage(vm::NativePackage{
      "os/signal",
      "signal",
      {
          funcMember("Notify", notifyNative),
          funcMember("Stop", stopNative),
          funcMember("Reset", resetNative),
          funcMember("Ignore", ignoreNative),
          funcMember("Ignored", ignoredNative),
          funcMember("NotifyContext", notifyContextNative),
      },
  });
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
