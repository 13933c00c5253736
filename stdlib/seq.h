// stdlib/seq.h: range-over-func iterators (Go 1.23's iter.Seq[V] and
// iter.Seq2[K, V]) implemented natively, and running any iterator to its
// end from C++ (slices.Collect, slices.Sorted, maps.Collect, ...).
//
// A native iterator is a native function bound to its state (the map or
// slice it walks): calling it with a yield function calls yield once per
// element until yield returns false. It has Go's function type
// `func(yield func(V) bool)` / `func(yield func(K, V) bool)`, so code that
// calls it directly, or passes it to a function that does, sees an
// ordinary iterator. A native cannot be suspended between two yields, so a
// `for range` loop over one relies on the interpreter running it without a
// coroutine (see vm/interp.cpp, range over a function).
//
// Contract of collectSeq: the iterator is called once with a native yield
// that records its arguments and returns true; yielded aggregates (struct
// and array values) are copied, as Go copies arguments.
#pragma once

#include <string_view>
#include <vector>

#include "vm/heap.h"
#include "vm/native.h"
#include "vm/value.h"

namespace gsl::stdlib {

using ValueVector = std::vector<vm::Value, vm::GcAllocator<vm::Value>>;

// A new iterator value: `body` is called with args[0] = state and
// args[1] = yield. k is the yielded value's type (Seq) or the key's (Seq2,
// with v the value's type; v == nullptr makes a Seq).
vm::Value makeSeq(std::string_view name, vm::NativeFn body, vm::Value state, const vm::Type* k,
                  const vm::Type* v = nullptr);

// yield(a) / yield(a, b): whether the loop goes on (aggregates are copied).
bool yieldOne(vm::Thread& th, vm::Value yield, vm::Value a);
bool yieldTwo(vm::Thread& th, vm::Value yield, vm::Value a, vm::Value b);

// Runs seq (a Seq when arity is 1, a Seq2 when 2) to its end and returns
// everything it yielded, pairs flattened (k0, v0, k1, v1, ...). A nil seq
// panics as calling a nil function does.
ValueVector collectSeq(vm::Thread& th, vm::Value seq, int arity);

// The type of the i-th parameter of seq's yield function (nullptr when the
// function's type does not say).
const vm::Type* seqParamType(vm::Value seq, int i);

}  // namespace gsl::stdlib
