// vm/native_iter.h: native iterators that a `for range` loop can pull one
// element at a time.
//
// A native iterator (stdlib/seq.h: slices.All, maps.Keys, ...) is a native
// function that calls its yield argument in a loop. A range-over-func loop
// runs an iterator as a coroutine and suspends it inside yield, which a
// native cannot be (its C++ frame would have to stay on the stack). So the
// package that defines such an iterator also registers a *step* function
// for its body: the loop then calls step once per iteration instead of
// calling the iterator.
//
// Contract of a step function: `state` is the value the iterator function
// is bound to (FuncObj::bound); `cursor` starts as nil and belongs to the
// step function (any value: an index, a map iterator), kept by the loop in
// collected memory. Each call writes the next element's one or two values to
// out[0..n) and returns n, or returns 0 at the end (it is not called again).
// It may allocate, call script code (callFunction) and panic.
//
// Registration happens during static initialisation only (the registry is
// read without a lock afterwards).
#pragma once

#include "vm/native.h"
#include "vm/value.h"

namespace gsl::vm {

using NativeIterStep = int (*)(Thread& th, Value state, Value* cursor, Value* out);

void registerNativeIterStep(NativeFn body, NativeIterStep step);
// The step function registered for body, or nullptr.
NativeIterStep nativeIterStep(NativeFn body);

}  // namespace gsl::vm
