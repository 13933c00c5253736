// vm/range_func.cpp: see range_func.h.
//
// A script's iterator function runs as a coroutine: a Thread of its own,
// started with a yield function whose call parks that Thread
// (vm/thread.h). Each RangeNext resumes it until the next yield (a value)
// or until it returns (the end). A native iterator with a step function
// (vm/native_iter.h: slices.All, maps.Keys, ...) is pulled directly,
// without a coroutine.
#include "vm/range_func.h"

#include <new>

#include "vm/heap.h"
#include "vm/native_iter.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"
#include "vm/type.h"

namespace gsl::vm {

Type gRangeFuncIterType;

namespace {

struct RangeFuncIter : Object {
  Thread* co;
  bool started;
  bool done;
  // A native iterator pulled through its step function (vm/native_iter.h)
  // instead of a coroutine: co is null.
  NativeIterStep step;
  Value state;
  Value cursor;
};

int rangeYield(Thread& th, const Value* args, int nargs, Value* out) {
  if (th.nestedLoops > 0) throwRuntimeError("range-over-func yield called from inside native code");
  th.parkCount = nargs < 2 ? nargs : 2;
  for (int i = 0; i < th.parkCount; i++) th.parkValues[i] = args[i];
  th.parkRequested = true;
  out[0] = kTrue;
  return 1;
}

}  // namespace

Value startRangeFunc(Thread& th, Value f) {
  auto* it = static_cast<RangeFuncIter*>(allocObject(sizeof(RangeFuncIter)));
  it->type = &gRangeFuncIterType;
  if (auto* fo = static_cast<FuncObj*>(f.asObject()); fo->native != nullptr && fo->hasBound) {
    if (NativeIterStep step = nativeIterStep(fo->native)) {
      it->step = step;
      it->state = fo->bound;
      return Value::object(it);
    }
  }
  it->co = new (allocObject(sizeof(Thread))) Thread(th.program());
  const Type* sig = typeOf(f);
  const Type* yieldType = sig && !sig->params.empty() ? sig->params[0] : nullptr;
  Thread& co = *it->co;
  co.stack()[0] = f;
  co.stack()[1] = Value::object(makeNative("yield", &rangeYield, yieldType));
  if (!startCall(co, 0, 1)) it->done = true;  // a native iterator ran to completion
  return Value::object(it);
}

bool nextRangeFunc(Value iter, Value* out, uint32_t nout) {
  auto* it = static_cast<RangeFuncIter*>(iter.asObject());
  if (it->done) return false;
  if (it->step != nullptr) {
    Value got[2];
    int n = it->step(*currentThread(), it->state, &it->cursor, got);
    if (n == 0) {
      it->done = true;
      return false;
    }
    for (uint32_t i = 0; i < nout && i < 2; i++) out[i] = static_cast<int>(i) < n ? copyValue(got[i]) : Value();
    return true;
  }
  Thread& co = *it->co;
  // The previous yield returns true: the loop body went on.
  if (it->started) co.stack()[co.parkSlot] = kTrue;
  it->started = true;
  for (;;) {
    ExecStatus s;
    try {
      s = execute(co);
    } catch (const UnwindingPanic&) {
      it->done = true;
      Value v = co.panic ? co.panic->value : Value();
      throwPanic(v);
    }
    if (s == ExecStatus::Preempted) continue;
    if (s == ExecStatus::Returned) {
      it->done = true;
      return false;
    }
    for (uint32_t i = 0; i < nout && i < 2; i++) {
      out[i] = static_cast<int>(i) < co.parkCount ? copyValue(co.parkValues[i]) : Value();
    }
    return true;
  }
}

// The loop was left early (break, return): yield returns false, and the
// iterator runs to its end (its deferred calls run, as in Go).
void rangeClose(Value x) {
  if (!isRangeFuncIter(x)) return;
  auto* it = static_cast<RangeFuncIter*>(x.asObject());
  if (it->done || !it->started) return;  // (a stepped native iterator never starts)
  Thread& co = *it->co;
  co.stack()[co.parkSlot] = kFalse;
  it->done = true;
  for (;;) {
    ExecStatus s;
    try {
      s = execute(co);
    } catch (const UnwindingPanic&) {
      throwPanic(co.panic ? co.panic->value : Value());
    }
    if (s == ExecStatus::Preempted) continue;
    if (s == ExecStatus::Returned) return;
    throwRuntimeError("range function continued iteration after function for loop body returned false");
  }
}

}  // namespace gsl::vm
