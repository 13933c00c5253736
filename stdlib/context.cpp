// stdlib/context.cpp: package context: Background, TODO, WithCancel,
// WithCancelCause, Cause, WithTimeout, WithTimeoutCause, WithDeadline,
// WithDeadlineCause, WithValue, WithoutCancel, AfterFunc; the Context
// interface; Canceled and DeadlineExceeded. It follows Go 1.21+'s
// context.go: the same types (%T prints context.backgroundCtx,
// *context.cancelCtx, *context.timerCtx, *context.valueCtx,
// context.withoutCancelCtx), the same String forms, the same order of
// effects when cancelling.
//
// Representation. Each context this package makes is a struct of its Go
// type name whose one field holds a CtxState, a collected object of the
// unexported type context.ctxState (like sync.WaitGroup's state). Background,
// TODO and WithoutCancel contexts are struct values (value receivers, as in
// Go); the others are pointers to their struct. A Context value a script
// passes in may be anything with the four methods: code here reads the
// state of its own contexts directly and calls the methods of any other.
//
// The cancellation tree. A cancelable state (WithCancel*, WithDeadline*,
// WithTimeout*, AfterFunc's) is registered as a child of the nearest
// cancelable ancestor found as Go finds it (parentCancelCtx: the parent's
// Value(&cancelCtxKey), if that state's Done channel is the parent's Done),
// so a script type embedding a context of ours joins the tree too. A parent
// of any other kind is watched by a goroutine (Go's propagateCancel
// goroutine; its body is bytecode, stdlib/context_glue.h) that selects on
// the parent's Done and the child's and cancels the child with the parent's
// Err and Cause.
//
// Invariants and locks. Each cancelable state has its own mutex `mu`,
// guarding err, cause, its list of children and its timer's armed flag.
// `done` (a `<-chan struct{}` made with the state) is closed exactly once,
// by the cancel that sets err (err != nil <=> done is closed). A child is on
// its parent's list (`parentState`, fixed at creation) while `listed` is
// true; the sibling links and `listed` are guarded by the parent's mu.
// Lock order: an ancestor's mu before a descendant's (cancel holds a
// state's mu while cancelling its children, as Go does; removing a child
// from its parent takes only the parent's mu, after the child's is
// released); then channel locks, then the scheduler's (closing Done may
// ready goroutines). Cancel never calls script code and needs no Thread, so
// a timer callback or a signal watcher may cancel. A timerCtx's timer is
// armed under mu only while err is nil, and cancel stops it under mu, so a
// cancelled context never leaves a timer in the runtime's heap.
#include "stdlib/context.h"

#include <atomic>
#include <new>
#include <string>

#include "runtime/chan.h"
#include "runtime/lock.h"
#include "runtime/timer.h"
#include "stdlib/context_glue.h"
#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/time.h"
#include "vm/compare.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

enum class CtxKind : uint8_t { Background, Todo, Cancel, Timer, Value, WithoutCancel, AfterFunc };

struct CtxState : vm::Object {
  CtxKind kind = CtxKind::Background;
  Value parent;  // the parent Context (nil for Background and TODO)
  // WithValue.
  Value key, val;
  // Cancelable kinds (Cancel, Timer, AfterFunc).
  runtime::Mutex mu;
  Value done;                                 // constant: <-chan struct{}
  Value err GSL_GUARDED_BY(mu);               // nil until cancelled
  Value cause GSL_GUARDED_BY(mu);
  CtxState* firstChild GSL_GUARDED_BY(mu) = nullptr;
  // Membership in parentState's list, guarded by parentState->mu.
  CtxState* parentState = nullptr;  // constant once propagation is done
  CtxState* prevSibling = nullptr;
  CtxState* nextSibling = nullptr;
  bool listed = false;
  // Timer: the deadline (a time.Time), the cause it cancels with, the timer.
  Value deadline;
  Value deadlineCause;
  runtime::Timer timer;
  bool timerArmed GSL_GUARDED_BY(mu) = false;
  // AfterFunc: f, started at most once (after cancel, unless stopped).
  Value fn;
  std::atomic<bool> fnClaimed{false};
  vm::ProgramState* program = nullptr;
};

// ---- Types -----------------------------------------------------------------------------

const vm::Type* stateType() {
  static const vm::Type* t = defineNamed("context", "ctxState", vm::types::unsafePointerType());
  return t;
}

const vm::Type* emptyStructType() {
  static const vm::Type* t = vm::structOf({});
  return t;
}

const vm::Type* doneChanType() {
  static const vm::Type* t = vm::chanOf(emptyStructType(), vm::ChanDir::Recv);
  return t;
}

const vm::Type* funcType(std::initializer_list<const vm::Type*> params,
                         std::initializer_list<const vm::Type*> results) {
  return vm::funcOf(std::span<const vm::Type* const>(params.begin(), params.size()),
                    std::span<const vm::Type* const>(results.begin(), results.size()), false);
}

const vm::Type* backgroundType();
const vm::Type* todoType();
const vm::Type* cancelType();
const vm::Type* timerType();
const vm::Type* valueType();
const vm::Type* withoutCancelType();

bool isOurStructType(const vm::Type* t) {
  return t == backgroundType() || t == todoType() || t == cancelType() || t == timerType() ||
         t == valueType() || t == withoutCancelType();
}

// The state of one of our contexts, or null for any other value.
CtxState* nativeState(Value v) {
  const vm::Object* o = nullptr;
  if (v.isRef()) {
    o = v.refTarget();
  } else if (v.isObject()) {
    o = v.asObject();
  }
  if (o == nullptr || !isOurStructType(o->type)) return nullptr;
  Value s = static_cast<const vm::StructObj*>(o)->fields()[0];
  if (!s.isObject() || s.asObject()->type != stateType()) return nullptr;
  return static_cast<CtxState*>(s.asObject());
}

bool cancelable(const CtxState* s) {
  return s->kind == CtxKind::Cancel || s->kind == CtxKind::Timer || s->kind == CtxKind::AfterFunc;
}

CtxState* newState(CtxKind kind, Value parent) {
  auto* s = new (vm::allocObject(sizeof(CtxState))) CtxState();
  s->type = stateType();
  s->kind = kind;
  s->parent = parent;
  return s;
}

// The context value for state s: a struct of type t (a value) or a pointer
// to one.
Value contextValue(const vm::Type* t, CtxState* s, bool pointer) {
  vm::StructObj* o = vm::newStruct(t);
  o->fields()[0] = Value::object(s);
  return pointer ? Value::ref(o) : Value::object(o);
}

// The key Value(key) answers with the nearest cancelable state (Go's
// &cancelCtxKey): a pointer nobody else can make.
Value cancelCtxKey() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = vm::newPointee(vm::types::intType());
    return s;
  }();
  return *slot;
}

// ---- Errors ----------------------------------------------------------------------------

int deadlineError(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeString("context deadline exceeded");
  return 1;
}

int deadlineTrue(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::kTrue;
  return 1;
}

const vm::Type* deadlineExceededType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("context", "deadlineExceededError", emptyStructType());
    defineMethod(named, "Error", deadlineError, false);
    defineMethod(named, "Timeout", deadlineTrue, false);
    defineMethod(named, "Temporary", deadlineTrue, false);
    return named;
  }();
  return t;
}

// ---- Calling the methods of any Context -----------------------------------------------

Value callCtxMethod(vm::Thread& th, Value ctx, std::string_view name, std::initializer_list<Value> args = {}) {
  std::optional<BoundMethod> m = findMethod(ctx, name);
  if (!m) vm::throwNilDereference();
  return callMethod(th, *m, args);
}

Value ctxDone(vm::Thread& th, Value ctx);
Value ctxErr(vm::Thread& th, Value ctx);
Value ctxValue(vm::Thread& th, Value ctx, Value key);

Value ctxDone(vm::Thread& th, Value ctx) {
  for (;;) {
    CtxState* s = nativeState(ctx);
    if (s == nullptr) return callCtxMethod(th, ctx, "Done");
    switch (s->kind) {
      case CtxKind::Cancel:
      case CtxKind::Timer:
      case CtxKind::AfterFunc: return s->done;
      case CtxKind::Value: ctx = s->parent; continue;
      default: return vm::nilOf(doneChanType());
    }
  }
}

Value stateErr(CtxState* s) {
  runtime::MutexLock lock(s->mu);
  return s->err;
}

Value ctxErr(vm::Thread& th, Value ctx) {
  for (;;) {
    CtxState* s = nativeState(ctx);
    if (s == nullptr) return callCtxMethod(th, ctx, "Err");
    switch (s->kind) {
      case CtxKind::Cancel:
      case CtxKind::Timer:
      case CtxKind::AfterFunc: return stateErr(s);
      case CtxKind::Value: ctx = s->parent; continue;
      default: return Value();
    }
  }
}

// Go's value(c, key): walks our own contexts without calling methods.
Value ctxValue(vm::Thread& th, Value ctx, Value key) {
  for (;;) {
    CtxState* s = nativeState(ctx);
    if (s == nullptr) return callCtxMethod(th, ctx, "Value", {key});
    switch (s->kind) {
      case CtxKind::Value:
        if (vm::valuesEqual(s->key, key)) return s->val;
        ctx = s->parent;
        continue;
      case CtxKind::Cancel:
      case CtxKind::Timer:
      case CtxKind::AfterFunc:
        if (key.bits() == cancelCtxKey().bits()) return Value::object(s);
        ctx = s->parent;
        continue;
      case CtxKind::WithoutCancel:
        if (key.bits() == cancelCtxKey().bits()) return Value();
        ctx = s->parent;
        continue;
      default: return Value();
    }
  }
}

// (deadline, ok) of any Context.
void ctxDeadline(vm::Thread& th, Value ctx, Value* out) {
  for (;;) {
    CtxState* s = nativeState(ctx);
    if (s == nullptr) {
      std::optional<BoundMethod> m = findMethod(ctx, "Deadline");
      if (!m) vm::throwNilDereference();
      Value res[vm::kMaxNativeResults];
      int n = callMethodN(th, *m, nullptr, 0, res, vm::kMaxNativeResults);
      out[0] = n > 0 ? res[0] : vm::zeroValue(timeType());
      out[1] = n > 1 ? res[1] : vm::kFalse;
      return;
    }
    switch (s->kind) {
      case CtxKind::Timer:
        out[0] = vm::copyValue(s->deadline);
        out[1] = vm::kTrue;
        return;
      case CtxKind::Cancel:
      case CtxKind::Value:
      case CtxKind::AfterFunc: ctx = s->parent; continue;
      default:
        out[0] = vm::zeroValue(timeType());
        out[1] = vm::kFalse;
        return;
    }
  }
}

// ---- Starting goroutines ---------------------------------------------------------------

// Starts a goroutine running fn(args...). From a script's call (th with
// frames) the goroutine records that caller as its creator; from a timer
// callback (th null) it starts from a scratch Thread.
void startGoroutine(vm::Thread* th, vm::ProgramState* program, Value fn, std::initializer_list<Value> args) {
  uint32_t n = static_cast<uint32_t>(args.size());
  vm::Thread* on = th;
  uint32_t slot = 0;
  if (on != nullptr && on->numFrames() > 0) {
    slot = on->frameTop();
  } else {
    on = vm::newThread(program);
  }
  on->ensureStack(static_cast<uint64_t>(slot) + n + 2);
  Value* st = on->stack() + slot;
  st[0] = fn;
  uint32_t i = 1;
  for (Value a : args) st[i++] = a;
  vm::spawnGoroutine(*on, slot, n, false);
  for (i = 0; i <= n; i++) on->stack()[slot + i] = Value();
}

// ---- Cancellation ----------------------------------------------------------------------

void removeChild(CtxState* child) {
  CtxState* p = child->parentState;
  if (p == nullptr) return;
  runtime::MutexLock lock(p->mu);
  if (!child->listed) return;
  if (child->prevSibling != nullptr) {
    child->prevSibling->nextSibling = child->nextSibling;
  } else {
    p->firstChild = child->nextSibling;
  }
  if (child->nextSibling != nullptr) child->nextSibling->prevSibling = child->prevSibling;
  child->prevSibling = child->nextSibling = nullptr;
  child->listed = false;
}

// Go's cancelCtx.cancel (with timerCtx's and afterFuncCtx's additions).
// s->mu is not held by the caller; the caller may hold an ancestor's.
void cancelState(CtxState* s, bool removeFromParent, Value err, Value cause) {
  if (cause.isNil()) cause = err;
  {
    runtime::MutexLock lock(s->mu);
    if (!s->err.isNil()) return;  // already cancelled
    s->err = err;
    s->cause = cause;
    runtime::chanClose(runtime::asChannel(s->done));
    CtxState* child = s->firstChild;
    s->firstChild = nullptr;
    while (child != nullptr) {
      CtxState* next = child->nextSibling;
      child->prevSibling = child->nextSibling = nullptr;
      child->listed = false;
      cancelState(child, false, err, cause);
      child = next;
    }
  }
  if (removeFromParent) removeChild(s);
  if (s->kind == CtxKind::Timer) {
    runtime::MutexLock lock(s->mu);
    if (s->timerArmed) {
      runtime::stopTimer(&s->timer);
      s->timerArmed = false;
    }
  }
  if (s->kind == CtxKind::AfterFunc && !s->fnClaimed.exchange(true)) {
    startGoroutine(vm::currentThread(), s->program, s->fn, {});
  }
}

// Go's parentCancelCtx: the cancelable state whose Done is parent's Done.
CtxState* parentCancelState(vm::Thread& th, Value parent, Value parentDone) {
  Value v = ctxValue(th, parent, cancelCtxKey());
  if (!v.isObject() || v.asObject()->type != stateType()) return nullptr;
  auto* p = static_cast<CtxState*>(v.asObject());
  if (!cancelable(p) || p->done.bits() != parentDone.bits()) return nullptr;
  return p;
}

Value causeOf(vm::Thread& th, Value ctx);

// The watcher goroutine's step when the parent is done first.
int watcherFired(vm::Thread& th, const Value* args, int nargs, Value*) {
  auto* child = static_cast<CtxState*>(arg(args, nargs, 0).asObject());
  Value parent = arg(args, nargs, 1);
  Value err = ctxErr(th, parent);
  cancelState(child, false, err, causeOf(th, parent));
  return 0;
}

// func(child ctxState, parent Context, parentDone, childDone <-chan struct{})
// { select { case <-parentDone: watcherFired(child, parent); case <-childDone: } }
Value watcherFunction() {
  static Value* slot = [] {
    ProtoBuilder b("context.(*cancelCtx).propagateCancel.func2", "context/context.go", 4, 0);
    b.line(510);
    b.move(6, 2);
    b.move(8, 3);
    int jmp = b.selectRecv(4, 6, 2);
    b.patchHere(jmp);
    b.loadNative(6, "context.watcherFired", watcherFired);
    b.move(7, 0);
    b.move(8, 1);
    b.call(6, 2, 0);
    b.patchHere(jmp + 1);
    b.patchHere(jmp + 2);
    b.ret(0, 0);
    Value* s = permanentSlot();
    const vm::Type* any = vm::types::anyType();
    *s = b.finish(funcType({any, any, any, any}, {}));
    return s;
  }();
  return *slot;
}

// Go's propagateCancel: arranges for child to be cancelled with parent.
void propagateCancel(vm::Thread& th, Value parent, CtxState* child) {
  Value done = ctxDone(th, parent);
  runtime::Channel* dc = runtime::asChannel(done);
  if (dc == nullptr) return;  // parent is never cancelled
  Value scratch;
  if (runtime::chanRecv(nullptr, dc, &scratch, runtime::BlockMode::NoBlock) != runtime::ChanStatus::WouldBlock) {
    // Parent is already cancelled.
    Value err = ctxErr(th, parent);
    cancelState(child, false, err, causeOf(th, parent));
    return;
  }
  if (CtxState* p = parentCancelState(th, parent, done)) {
    bool cancelNow = false;
    Value err, cause;
    {
      runtime::MutexLock lock(p->mu);
      if (!p->err.isNil()) {
        cancelNow = true;
        err = p->err;
        cause = p->cause;
      } else {
        child->parentState = p;
        child->nextSibling = p->firstChild;
        if (p->firstChild != nullptr) p->firstChild->prevSibling = child;
        p->firstChild = child;
        child->listed = true;
      }
    }
    if (cancelNow) cancelState(child, false, err, cause);
    return;
  }
  startGoroutine(&th, th.program(), watcherFunction(), {Value::object(child), parent, done, child->done});
}

void requireParent(Value parent) {
  if (parent.isNil()) vm::throwPanic(vm::makeString("cannot create context from nil parent"));
}

CtxState* newCancelable(vm::Thread& th, CtxKind kind, Value parent) {
  requireParent(parent);
  CtxState* s = newState(kind, parent);
  s->done = vm::makeNativeChannel(doneChanType(), 0, "context.Context.Done()");
  s->program = th.program();
  return s;
}

// ---- Cancel functions -------------------------------------------------------------------

CtxState* boundState(const Value* args) { return static_cast<CtxState*>(args[0].asObject()); }

int cancelFunc(vm::Thread&, const Value* args, int, Value*) {
  cancelState(boundState(args), true, canceledError(), Value());
  return 0;
}

int cancelCauseFunc(vm::Thread&, const Value* args, int nargs, Value*) {
  cancelState(boundState(args), true, canceledError(), arg(args, nargs, 1));
  return 0;
}

const vm::Type* cancelCauseFuncType() {
  static const vm::Type* t = defineNamed("context", "CancelCauseFunc", funcType({vm::types::errorType()}, {}));
  return t;
}

Value bind(vm::NativeFn fn, std::string_view name, const vm::Type* sig, CtxState* s) {
  vm::FuncObj* base = vm::makeNative(name, fn, sig);
  return Value::object(vm::bindReceiver(base, Value::object(s)));
}

// ---- Constructors -----------------------------------------------------------------------

Value background() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = contextValue(backgroundType(), newState(CtxKind::Background, Value()), false);
    return s;
  }();
  return *slot;
}

Value todo() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = contextValue(todoType(), newState(CtxKind::Todo, Value()), false);
    return s;
  }();
  return *slot;
}

int nBackground(vm::Thread&, const Value*, int, Value* out) {
  out[0] = background();
  return 1;
}

int nTODO(vm::Thread&, const Value*, int, Value* out) {
  out[0] = todo();
  return 1;
}

Value withCancel(vm::Thread& th, Value parent, CtxState** state) {
  CtxState* s = newCancelable(th, CtxKind::Cancel, parent);
  Value ctx = contextValue(cancelType(), s, true);
  propagateCancel(th, parent, s);
  *state = s;
  return ctx;
}

int nWithCancel(vm::Thread& th, const Value* args, int nargs, Value* out) {
  CtxState* s = nullptr;
  out[0] = withCancel(th, arg(args, nargs, 0), &s);
  out[1] = bind(cancelFunc, "context.WithCancel.func1", cancelFuncType(), s);
  return 2;
}

int nWithCancelCause(vm::Thread& th, const Value* args, int nargs, Value* out) {
  CtxState* s = nullptr;
  out[0] = withCancel(th, arg(args, nargs, 0), &s);
  out[1] = bind(cancelCauseFunc, "context.WithCancelCause.func1", cancelCauseFuncType(), s);
  return 2;
}

Value causeOf(vm::Thread& th, Value ctx) {
  Value v = ctxValue(th, ctx, cancelCtxKey());
  if (v.isObject() && v.asObject()->type == stateType()) {
    auto* s = static_cast<CtxState*>(v.asObject());
    runtime::MutexLock lock(s->mu);
    return s->cause;
  }
  // Not one of ours underneath: Go 1.21+ answers with its Err.
  return ctxErr(th, ctx);
}

int nCause(vm::Thread& th, const Value* args, int nargs, Value* out) {
  out[0] = causeOf(th, arg(args, nargs, 0));
  return 1;
}

// The timer of a WithDeadline context fired.
void deadlineFired(void* arg, uint64_t) {
  auto* s = static_cast<CtxState*>(arg);
  {
    runtime::MutexLock lock(s->mu);
    s->timerArmed = false;
  }
  cancelState(s, true, deadlineExceededError(), s->deadlineCause);
}

Value timeMethod(vm::Thread& th, Value t, std::string_view name, std::initializer_list<Value> args = {}) {
  std::optional<BoundMethod> m = findMethod(t, name);
  if (!m) vm::throwNilDereference();
  return callMethod(th, *m, args);
}

// Go's WithDeadlineCause; the cancel function is a CancelFunc.
void withDeadline(vm::Thread& th, Value parent, Value d, Value cause, Value* out) {
  requireParent(parent);
  Value cur[2];
  ctxDeadline(th, parent, cur);
  if (vm::toBool(cur[1]) && vm::toBool(timeMethod(th, cur[0], "Before", {d}))) {
    // The current deadline is already sooner than the new one.
    CtxState* s = nullptr;
    out[0] = withCancel(th, parent, &s);
    out[1] = bind(cancelFunc, "context.WithDeadlineCause.func1", cancelFuncType(), s);
    return;
  }
  CtxState* s = newCancelable(th, CtxKind::Timer, parent);
  s->deadline = vm::copyValue(d);
  s->deadlineCause = cause;
  s->timer.fn = deadlineFired;
  s->timer.arg = s;
  out[0] = contextValue(timerType(), s, true);
  out[1] = bind(cancelFunc, "context.WithDeadlineCause.func2", cancelFuncType(), s);
  propagateCancel(th, parent, s);
  int64_t dur = durationOf(timeMethod(th, s->deadline, "Sub", {timeNow()}));
  if (dur <= 0) {
    cancelState(s, true, deadlineExceededError(), cause);  // deadline has already passed
    return;
  }
  runtime::MutexLock lock(s->mu);
  if (s->err.isNil()) {
    int64_t now = runtime::nanotime();
    runtime::addTimer(&s->timer, now + dur > now ? now + dur : INT64_MAX);
    s->timerArmed = true;
  }
}

int nWithDeadline(vm::Thread& th, const Value* args, int nargs, Value* out) {
  withDeadline(th, arg(args, nargs, 0), arg(args, nargs, 1), Value(), out);
  return 2;
}

int nWithDeadlineCause(vm::Thread& th, const Value* args, int nargs, Value* out) {
  withDeadline(th, arg(args, nargs, 0), arg(args, nargs, 1), arg(args, nargs, 2), out);
  return 2;
}

Value deadlineIn(vm::Thread& th, Value d) { return timeMethod(th, timeNow(), "Add", {d}); }

int nWithTimeout(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value parent = arg(args, nargs, 0);
  requireParent(parent);
  withDeadline(th, parent, deadlineIn(th, arg(args, nargs, 1)), Value(), out);
  return 2;
}

int nWithTimeoutCause(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value parent = arg(args, nargs, 0);
  requireParent(parent);
  withDeadline(th, parent, deadlineIn(th, arg(args, nargs, 1)), arg(args, nargs, 2), out);
  return 2;
}

int nWithValue(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value parent = arg(args, nargs, 0);
  Value key = arg(args, nargs, 1);
  requireParent(parent);
  if (key.isNil()) vm::throwPanic(vm::makeString("nil key"));
  if (!vm::isComparable(vm::typeOf(key))) vm::throwPanic(vm::makeString("key is not comparable"));
  CtxState* s = newState(CtxKind::Value, parent);
  s->key = key;
  s->val = arg(args, nargs, 2);
  out[0] = contextValue(valueType(), s, true);
  return 1;
}

int nWithoutCancel(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value parent = arg(args, nargs, 0);
  requireParent(parent);
  out[0] = contextValue(withoutCancelType(), newState(CtxKind::WithoutCancel, parent), false);
  return 1;
}

// AfterFunc's stop: true if it stopped f from being run.
int afterFuncStop(vm::Thread&, const Value* args, int, Value* out) {
  CtxState* s = boundState(args);
  bool stopped = !s->fnClaimed.exchange(true);
  if (stopped) cancelState(s, true, canceledError(), Value());
  out[0] = vm::makeBool(stopped);
  return 1;
}

int nAfterFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value ctx = arg(args, nargs, 0);
  Value f = arg(args, nargs, 1);
  CtxState* s = newCancelable(th, CtxKind::AfterFunc, ctx);
  s->fn = f;
  propagateCancel(th, ctx, s);
  static const vm::Type* stopType = funcType({}, {vm::types::boolType()});
  out[0] = bind(afterFuncStop, "context.AfterFunc.func1", stopType, s);
  return 1;
}

// ---- Methods -----------------------------------------------------------------------------

CtxState* receiverState(const Value* args) {
  CtxState* s = nativeState(args[0]);
  if (s == nullptr) vm::throwNilDereference();
  return s;
}

int mDeadline(vm::Thread& th, const Value* args, int, Value* out) {
  receiverState(args);
  ctxDeadline(th, args[0], out);
  return 2;
}

int mDone(vm::Thread& th, const Value* args, int, Value* out) {
  receiverState(args);
  out[0] = ctxDone(th, args[0]);
  return 1;
}

int mErr(vm::Thread& th, const Value* args, int, Value* out) {
  receiverState(args);
  out[0] = ctxErr(th, args[0]);
  return 1;
}

int mValue(vm::Thread& th, const Value* args, int nargs, Value* out) {
  receiverState(args);
  out[0] = ctxValue(th, args[0], arg(args, nargs, 1));
  return 1;
}

std::string contextName(vm::Thread& th, Value ctx);

// Go's stringify (1.21+): String(), a string itself, <nil>, else the type.
std::string stringify(vm::Thread& th, Value v) {
  if (v.isNil()) return "<nil>";
  if (std::optional<BoundMethod> m = findMethod(v, "String")) {
    Value s = callMethod(th, *m);
    if (vm::isString(s)) return std::string(vm::stringView(s));
  }
  if (vm::isString(v)) return std::string(vm::stringView(v));
  return vm::typeString(vm::typeOf(v));
}

std::string stateString(vm::Thread& th, CtxState* s) {
  switch (s->kind) {
    case CtxKind::Background: return "context.Background";
    case CtxKind::Todo: return "context.TODO";
    case CtxKind::Cancel:
    case CtxKind::AfterFunc: return contextName(th, s->parent) + ".WithCancel";
    case CtxKind::Timer: {
      std::string out = contextName(th, s->parent) + ".WithDeadline(";
      out += stringify(th, s->deadline);
      out += " [";
      out += stringify(th, timeMethod(th, s->deadline, "Sub", {timeNow()}));
      return out + "])";
    }
    case CtxKind::Value: {
      std::string out = contextName(th, s->parent) + ".WithValue(";
      out += stringify(th, s->key);
      out += ", ";
      out += stringify(th, s->val);
      return out + ")";
    }
    case CtxKind::WithoutCancel: return contextName(th, s->parent) + ".WithoutCancel";
  }
  return "";
}

std::string contextName(vm::Thread& th, Value ctx) {
  if (CtxState* s = nativeState(ctx)) return stateString(th, s);
  if (std::optional<BoundMethod> m = findMethod(ctx, "String")) {
    Value s = callMethod(th, *m);
    if (vm::isString(s)) return std::string(vm::stringView(s));
  }
  return vm::typeString(vm::typeOf(ctx));
}

int mString(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = vm::makeString(stateString(th, receiverState(args)));
  return 1;
}

vm::Type* defineContextStruct(std::string_view name, bool ptrRecv) {
  vm::Type* t = defineStruct("context", name, {field("state", stateType())});
  defineMethod(t, "Deadline", mDeadline, ptrRecv);
  defineMethod(t, "Done", mDone, ptrRecv);
  defineMethod(t, "Err", mErr, ptrRecv);
  defineMethod(t, "Value", mValue, ptrRecv);
  defineMethod(t, "String", mString, ptrRecv);
  return t;
}

const vm::Type* backgroundType() {
  static const vm::Type* t = defineContextStruct("backgroundCtx", false);
  return t;
}
const vm::Type* todoType() {
  static const vm::Type* t = defineContextStruct("todoCtx", false);
  return t;
}
const vm::Type* cancelType() {
  static const vm::Type* t = defineContextStruct("cancelCtx", true);
  return t;
}
const vm::Type* timerType() {
  static const vm::Type* t = defineContextStruct("timerCtx", true);
  return t;
}
const vm::Type* valueType() {
  static const vm::Type* t = defineContextStruct("valueCtx", true);
  return t;
}
const vm::Type* withoutCancelType() {
  static const vm::Type* t = defineContextStruct("withoutCancelCtx", false);
  return t;
}

const vm::Type* contextTypeFn() { return contextType(); }
const vm::Type* cancelFuncTypeFn() { return cancelFuncType(); }
const vm::Type* cancelCauseFuncTypeFn() { return cancelCauseFuncType(); }
Value canceledVar() { return canceledError(); }
Value deadlineExceededVar() { return deadlineExceededError(); }

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "context",
      "context",
      {
          typeMember("Context", contextTypeFn),
          typeMember("CancelFunc", cancelFuncTypeFn),
          typeMember("CancelCauseFunc", cancelCauseFuncTypeFn),
          varMember("Canceled", canceledVar),
          varMember("DeadlineExceeded", deadlineExceededVar),
          funcMember("Background", nBackground),
          funcMember("TODO", nTODO),
          funcMember("WithCancel", nWithCancel),
          funcMember("WithCancelCause", nWithCancelCause),
          funcMember("Cause", nCause),
          funcMember("WithDeadline", nWithDeadline),
          funcMember("WithDeadlineCause", nWithDeadlineCause),
          funcMember("WithTimeout", nWithTimeout),
          funcMember("WithTimeoutCause", nWithTimeoutCause),
          funcMember("WithValue", nWithValue),
          funcMember("WithoutCancel", nWithoutCancel),
          funcMember("AfterFunc", nAfterFunc),
      },
  });
  return true;
}();

}  // namespace

// ---- The interface of context.h -----------------------------------------------------------

const vm::Type* contextType() {
  static const vm::Type* t = [] {
    const vm::Type* any = vm::types::anyType();
    vm::IMethod ms[] = {
        {"Deadline", funcType({}, {timeType(), vm::types::boolType()})},
        {"Done", funcType({}, {doneChanType()})},
        {"Err", funcType({}, {vm::types::errorType()})},
        {"Value", funcType({any}, {any})},
    };
    return defineNamed("context", "Context", vm::interfaceOf(ms));
  }();
  return t;
}

const vm::Type* cancelFuncType() {
  static const vm::Type* t = defineNamed("context", "CancelFunc", funcType({}, {}));
  return t;
}

Value canceledError() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newError("context canceled");
    return s;
  }();
  return *slot;
}

Value deadlineExceededError() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = Value::object(vm::newStruct(deadlineExceededType()));
    return s;
  }();
  return *slot;
}

Value newCancelContext(vm::Thread& th, Value parent, Value* cancel) {
  CtxState* s = nullptr;
  Value ctx = withCancel(th, parent, &s);
  if (cancel != nullptr) *cancel = bind(cancelFunc, "context.WithCancel.func1", cancelFuncType(), s);
  return ctx;
}

bool cancelContext(Value ctx, Value err, Value cause) {
  CtxState* s = nativeState(ctx);
  if (s == nullptr || !cancelable(s)) return false;
  cancelState(s, true, err.isNil() ? canceledError() : err, cause);
  return true;
}

}  // namespace gsl::stdlib
