// vm/range_func.h: `for x := range f` over a function (Go 1.23's
// range-over-func), for the interpreter's range instructions.
//
// Contract: startRangeFunc(f) makes the iterator that the loop's state
// register holds; nextRangeFunc fills up to two loop variables and returns
// false at the end; rangeClose(x), called when the loop is left early,
// makes the pending yield return false and runs the iterator to its end
// (its deferred calls run, as in Go); it ignores values that are not such
// iterators. A panic inside the iterator propagates to the loop.
#pragma once

#include <cstdint>

#include "vm/object.h"
#include "vm/value.h"

namespace gsl::vm {

class Thread;

// Marks the iterator objects (never a script type). Tested inline because
// every range step that misses the interpreter's slice fast path asks.
extern Type gRangeFuncIterType;
inline bool isRangeFuncIter(Value x) { return x.isObject() && x.asObject()->type == &gRangeFuncIterType; }

Value startRangeFunc(Thread& th, Value f);
bool nextRangeFunc(Value iter, Value* out, uint32_t nout);
void rangeClose(Value x);

}  // namespace gsl::vm
