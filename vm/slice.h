// vm/slice.h: slices and their backing arrays (SliceObj, ArrayData in
// vm/object.h).
//
// A slice header is immutable once published; append returns a new header
// that shares the backing array while capacity lasts, exactly as Go's does.
// A nil slice is the typed-nil Scalar of its slice type: every function here
// accepts it (length 0, capacity 0). Every element is one Value (8 bytes),
// whatever Go's element size; Go's element size is used only to reproduce
// Go's capacities (append growth follows Go 1.19's growslice and malloc size
// classes, so printed cap() values match Go's).
//
// Errors are Go panics with Go's messages (vm/panic.h).
#pragma once

#include <cstdint>

#include "vm/object.h"

namespace gsl::vm {

// A backing array of cap elements of type elem, each the elem's zero value.
ArrayData* newArrayData(const Type* elem, int64_t cap);

// make(T, len, cap) for a slice type T; panics "makeslice: len out of range"
// / "makeslice: cap out of range" like Go.
Value makeSlice(const Type* sliceType, int64_t len, int64_t cap);
// A slice of type T holding copies (copyValue) of vals[0..n) — composite
// literals and variadic parameters.
Value sliceFromValues(const Type* sliceType, const Value* vals, int64_t n);

// Length and capacity (nil slice: 0). v must be a slice value.
inline int64_t sliceLen(Value v) {
  return v.isObject() ? static_cast<const SliceObj*>(static_cast<const Object*>(v.asObject()))->len : 0;
}
inline int64_t sliceCap(Value v) {
  return v.isObject() ? static_cast<const SliceObj*>(static_cast<const Object*>(v.asObject()))->cap : 0;
}
inline SliceObj* asSlice(Value v) {
  return v.isObject() ? static_cast<SliceObj*>(v.asObject()) : nullptr;
}

// The slot of s[i]; panics "index out of range [i] with length n".
Value* sliceElemSlot(Value s, int64_t i);
// s[i], and s[i] = v (with storeValue's value semantics).
inline Value sliceIndex(Value s, int64_t i) { return *sliceElemSlot(s, i); }
inline void sliceStore(Value s, int64_t i, Value v) { storeValue(sliceElemSlot(s, i), v); }

// x[lo:hi] or x[lo:hi:max] (hasMax) where x is a slice, a string, an array
// value (ArrayObj: the result shares its storage) or a Ref to an array.
// Missing lo/hi are passed as 0 / len(x) by the caller. Panics with Go's
// messages: "slice bounds out of range [:5] with capacity 3", "… [3:2]", …
// A string result is a string (substring); otherwise a slice of the
// array's/slice's type ([]T for [N]T, the same type for a slice).
Value sliceExpr(Value x, int64_t lo, int64_t hi, int64_t max, bool hasMax);

// append(s, vals[0..n)...) where s is a slice value or the typed nil of a
// slice type. Stored elements are copyValue()d.
Value appendValues(Value s, const Value* vals, int64_t n);
inline Value appendValue(Value s, Value v) { return appendValues(s, &v, 1); }
// append(s, t...) where t is a slice of the same type, or a string when s
// is a []byte.
Value appendSlice(Value s, Value t);

// copy(dst, src): src a slice or (for []byte dst) a string; overlap-safe.
// Returns the number of elements copied.
int64_t copySlice(Value dst, Value src);

// A new slice header over data's elements [elems, elems+cap). Headers are
// immutable: make a new one rather than changing a published one.
Value newSliceHeader(const Type* sliceType, Object* data, Value* elems, int64_t len, int64_t cap);

// Go's malloc size-class rounding (runtime.roundupsize): the size of the
// block that a request of `bytes` gets.
int64_t goRoundUpSize(int64_t bytes);

// Go 1.19's capacity for growing a slice of elem from oldCap to hold at least
// needed elements (doubling below 256, then by (newcap + 3*256)/4, then
// rounded up to the allocator's size class for Go's element size).
int64_t growCapacity(const Type* elem, int64_t oldLen, int64_t oldCap, int64_t needed);

}  // namespace gsl::vm
