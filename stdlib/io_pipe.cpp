// stdlib/io_pipe.cpp: io.Pipe, a synchronous in-memory pipe: each Write
// blocks until readers have taken all of its bytes (one Read takes at most
// one Write's bytes, as in Go), each Read blocks until a Write offers
// bytes or either end is closed. Blocked calls park their goroutine through
// the runtime's park/resume protocol (runtime/park.h), as
// stdlib/sync_waitgroup.cpp does; inside a native's callback (io.Copy
// reading from a PipeReader) they wait in place.
//
// Both *PipeReader and *PipeWriter hold (in their one unexported field) the
// same PipeState. Everything in it is guarded by PipeState::mu:
//  * `readers` and `writers` are FIFO lists of PipeOps (one per blocked
//    call). Invariant: at most one of them is non-empty, except that the
//    front writer may sit alone while an arriving reader is served.
//  * The front writer's bytes are handed out from `woff`; `wonce` records
//    that it has made one hand-over (Go hands over even an empty Write
//    once). Writers behind it wait their turn, as Go's wrMu makes them.
//  * `done` is set by the first Close/CloseWithError of either end
//    (Go's closed `done` channel); rerr/werr are each end's first error.
// A call that completes another (a Write filling a waiting Read) writes the
// other's results into its PipeOp and, for a parked goroutine, into the
// result registers of its call (Thread::parkSlot), all under mu; the
// wake-ups happen after mu is released.
#include <cstring>
#include <new>

#include "runtime/g.h"
#include "runtime/lock.h"
#include "runtime/park.h"
#include "stdlib/error_values.h"
#include "stdlib/io_types.h"
#include "stdlib/native_support.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

// One Read or Write that has not completed. Collected memory: it is
// reachable from its state's list while queued, and from its caller's C++
// frame while that runs.
struct PipeOp : vm::Object {
  PipeOp* next = nullptr;
  runtime::Waiter* waiter = nullptr;  // null while the caller still holds mu
  Value buf;                          // the Read's destination, the Write's source
  int64_t n = 0;                      // bytes moved
  Value err;
  bool done = false;
};

struct OpList {
  PipeOp* first = nullptr;
  PipeOp* last = nullptr;
  bool empty() const { return first == nullptr; }
  void pushBack(PipeOp* op) {
    op->next = nullptr;
    if (last) last->next = op; else first = op;
    last = op;
  }
  PipeOp* popFront() {
    PipeOp* op = first;
    if (op) {
      first = op->next;
      if (!first) last = nullptr;
      op->next = nullptr;
    }
    return op;
  }
};

struct PipeState : vm::Object {
  runtime::Mutex mu;
  OpList readers GSL_GUARDED_BY(mu);
  OpList writers GSL_GUARDED_BY(mu);
  int64_t woff GSL_GUARDED_BY(mu) = 0;
  bool wonce GSL_GUARDED_BY(mu) = false;
  bool done GSL_GUARDED_BY(mu) = false;
  Value rerr GSL_GUARDED_BY(mu);
  Value werr GSL_GUARDED_BY(mu);
  // Wake-ups owed by a call that parks: its lock is released by the
  // scheduler (unlockAndWake), which wakes these after releasing it.
  runtime::Waiter* pendingWake GSL_GUARDED_BY(mu) = nullptr;
};

const vm::Type* stateType() {
  static const vm::Type* t = defineNamed("io", "pipe", vm::types::unsafePointerType());
  return t;
}

PipeOp* newOp(Value buf) {
  auto* op = new (vm::allocObject(sizeof(PipeOp))) PipeOp();
  op->type = stateType();
  op->buf = buf;
  return op;
}

// Completed operations whose goroutines must be woken once mu is released.
struct WakeList {
  runtime::Waiter* first = nullptr;
  void add(runtime::Waiter* w) {
    w->next = first;
    first = w;
  }
  void wakeAll() {
    while (first != nullptr) {
      runtime::Waiter* w = first;
      first = w->next;
      w->next = nullptr;
      runtime::wakeWaiter(w);
    }
  }
};

// Records op's results; a parked caller finds them in its result registers.
void complete(PipeOp* op, int64_t n, Value err, WakeList& wake) {
  op->n = n;
  op->err = err;
  op->done = true;
  runtime::Waiter* w = op->waiter;
  if (w == nullptr) return;  // its caller is still running and reads op
  if (w->blocker == nullptr) {
    auto* th = static_cast<vm::Thread*>(w->g->task);
    Value* res = th->stack() + th->parkSlot;
    res[0] = vm::makeInt(n);
    res[1] = err;
  }
  wake.add(w);
}

Value readCloseError(PipeState* s) GSL_REQUIRES(s->mu) {
  if (s->rerr.isNil() && !s->werr.isNil()) return s->werr;
  return ioErrClosedPipe();
}

Value writeCloseError(PipeState* s) GSL_REQUIRES(s->mu) {
  if (s->werr.isNil() && !s->rerr.isNil()) return s->rerr;
  return ioErrClosedPipe();
}

// Moves bytes from the front writer to waiting readers, one Write's bytes
// (or what fits) per Read, completing each Read served and each Write
// emptied, until one side has nobody left.
void pump(PipeState* s, WakeList& wake) GSL_REQUIRES(s->mu) {
  while (!s->readers.empty() && !s->writers.empty()) {
    PipeOp* w = s->writers.first;
    PipeOp* r = s->readers.popFront();
    size_t dstLen = 0, srcLen = 0;
    uint8_t* dst = vm::byteSliceData(r->buf, &dstLen);
    uint8_t* src = vm::byteSliceData(w->buf, &srcLen);
    int64_t left = static_cast<int64_t>(srcLen) - s->woff;
    int64_t n = std::min<int64_t>(left, static_cast<int64_t>(dstLen));
    if (n > 0) std::memmove(dst, src + s->woff, static_cast<size_t>(n));
    s->woff += n;
    s->wonce = true;
    w->n += n;
    complete(r, n, Value(), wake);
    if (s->woff == static_cast<int64_t>(srcLen)) {
      s->writers.popFront();
      s->woff = 0;
      s->wonce = false;
      complete(w, w->n, Value(), wake);
    }
  }
}

// Ends both directions: every blocked call returns its close error.
void closeEnd(PipeState* s, bool reader, Value err) {
  WakeList wake;
  {
    runtime::MutexLock lock(s->mu);
    if (reader) {
      if (s->rerr.isNil()) s->rerr = err.isNil() ? ioErrClosedPipe() : err;
    } else {
      if (s->werr.isNil()) s->werr = err.isNil() ? eofError() : err;
    }
    s->done = true;
    while (PipeOp* r = s->readers.popFront()) complete(r, 0, readCloseError(s), wake);
    while (PipeOp* w = s->writers.popFront()) complete(w, w->n, writeCloseError(s), wake);
    s->woff = 0;
    s->wonce = false;
  }
  wake.wakeAll();
}

PipeState* stateOf(const Value* args) {
  vm::StructObj* end = receiverStruct(args);
  Value v = end->fields()[0];
  if (!v.isObject() || v.asObject()->type != stateType()) {
    // A zero PipeReader{} (not made by io.Pipe): Go dereferences a nil *pipe.
    vm::throwRuntimeError("invalid memory address or nil pointer dereference");
  }
  return static_cast<PipeState*>(v.asObject());
}

// Queues op (already pushed on `list`), then either returns its results at
// once or waits: parks the goroutine (results arrive in the call's result
// registers) or, inside a callback, waits in place.
// The park's unlock function: releases mu, then wakes whoever the parking
// call completed (never waking under the object's lock).
bool unlockAndWake(runtime::G*, void* arg) GSL_NO_THREAD_SAFETY_ANALYSIS {
  auto* s = static_cast<PipeState*>(arg);
  WakeList wake;
  wake.first = s->pendingWake;
  s->pendingWake = nullptr;
  s->mu.unlock();
  wake.wakeAll();
  return true;
}

int finishOrWait(vm::Thread& th, PipeState* s, PipeOp* op, WakeList& wake, Value* out)
    GSL_NO_THREAD_SAFETY_ANALYSIS {
  pump(s, wake);
  if (op->done) {
    s->mu.unlock();
    wake.wakeAll();
    out[0] = vm::makeInt(op->n);
    out[1] = op->err;
    return 2;
  }
  runtime::G* g = vm::goroutineOf(th);
  runtime::Waiter* w = &g->waiter;
  *w = runtime::Waiter();
  w->g = g;
  w->object = s;
  op->waiter = w;
  if (vm::canPark(th)) {
    // mu stays held until the scheduler has parked g, so nobody completes
    // op before then.
    s->pendingWake = wake.first;
    runtime::preparePark(g, runtime::WaitReason::Select, unlockAndWake, s);
    th.parkRequested = true;
    // Placeholders: the waker overwrites them with the call's results.
    out[0] = vm::makeInt(0);
    out[1] = Value();
    return 2;
  }
  runtime::Blocker blocker;
  w->blocker = &blocker;
  s->mu.unlock();
  wake.wakeAll();
  blocker.wait();
  out[0] = vm::makeInt(op->n);
  out[1] = op->err;
  return 2;
}

int pipeRead(vm::Thread& th, const Value* args, int nargs, Value* out) GSL_NO_THREAD_SAFETY_ANALYSIS {
  PipeState* s = stateOf(args);
  Value buf = arg(args, nargs, 1);
  if (!buf.isNil()) requireByteSlice(buf);  // an untyped nil is an empty []byte
  s->mu.lock();
  if (s->done) {
    Value err = readCloseError(s);
    s->mu.unlock();
    out[0] = vm::makeInt(0);
    out[1] = err;
    return 2;
  }
  PipeOp* op = newOp(buf);
  s->readers.pushBack(op);
  WakeList wake;
  return finishOrWait(th, s, op, wake, out);
}

int pipeWrite(vm::Thread& th, const Value* args, int nargs, Value* out) GSL_NO_THREAD_SAFETY_ANALYSIS {
  PipeState* s = stateOf(args);
  Value buf = arg(args, nargs, 1);
  if (!buf.isNil()) requireByteSlice(buf);  // an untyped nil is an empty []byte
  s->mu.lock();
  if (s->done) {
    Value err = writeCloseError(s);
    s->mu.unlock();
    out[0] = vm::makeInt(0);
    out[1] = err;
    return 2;
  }
  PipeOp* op = newOp(buf);
  s->writers.pushBack(op);
  WakeList wake;
  return finishOrWait(th, s, op, wake, out);
}

int readerClose(vm::Thread&, const Value* args, int, Value* out) {
  closeEnd(stateOf(args), true, Value());
  out[0] = Value();
  return 1;
}

int readerCloseWithError(vm::Thread&, const Value* args, int nargs, Value* out) {
  closeEnd(stateOf(args), true, arg(args, nargs, 1));
  out[0] = Value();
  return 1;
}

int writerClose(vm::Thread&, const Value* args, int, Value* out) {
  closeEnd(stateOf(args), false, Value());
  out[0] = Value();
  return 1;
}

int writerCloseWithError(vm::Thread&, const Value* args, int nargs, Value* out) {
  closeEnd(stateOf(args), false, arg(args, nargs, 1));
  out[0] = Value();
  return 1;
}

const vm::Type* pipeReaderType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("io", "PipeReader", {field("p", stateType())});
    defineMethod(named, "Read", pipeRead, true);
    defineMethod(named, "Close", readerClose, true);
    defineMethod(named, "CloseWithError", readerCloseWithError, true);
    return named;
  }();
  return t;
}

const vm::Type* pipeWriterType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("io", "PipeWriter", {field("p", stateType())});
    defineMethod(named, "Write", pipeWrite, true);
    defineMethod(named, "Close", writerClose, true);
    defineMethod(named, "CloseWithError", writerCloseWithError, true);
    return named;
  }();
  return t;
}

// Pipe() (*PipeReader, *PipeWriter).
int ioPipe(vm::Thread&, const Value*, int, Value* out) {
  auto* s = new (vm::allocObject(sizeof(PipeState))) PipeState();
  s->type = stateType();
  vm::StructObj* r = vm::newStruct(pipeReaderType());
  r->fields()[0] = Value::object(s);
  vm::StructObj* w = vm::newStruct(pipeWriterType());
  w->fields()[0] = Value::object(s);
  out[0] = Value::ref(r);
  out[1] = Value::ref(w);
  return 2;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"io",
                                        "io",
                                        {
                                            funcMember("Pipe", ioPipe),
                                            typeMember("PipeReader", pipeReaderType),
                                            typeMember("PipeWriter", pipeWriterType),
                                        }});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
