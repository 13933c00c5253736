// vm/slice.h: slices and their backing arrays (SliceObj, ArrayData in
// vm/object.h).
//
// A slice header is immutable once published; append returns a new header
// that shares the backing array while capacity lasts, exactly as Go's does.
// A nil slice is the typed-nil Scalar of its slice type: every function here
// accepts it (length 0, capacity 0).
//
// Element layout: every element is one Value (8 bytes), except that byte
// elements (isByteElem: kind Uint8, so byte, uint8 and named types over
// them) are one byte each (vm/object.h, "Byte layout"). Code outside vm/
// reaches elements only through this API: sliceIndex/sliceStore/sliceSwap
// work for both layouts, sliceElemSlot only for Value layout, and the byte
// functions below for byte slices. Go's element size is used only to
// reproduce Go's capacities (append growth follows Go 1.19's growslice and
// malloc size classes, so printed cap() values match Go's).
//
// Errors are Go panics with Go's messages (vm/panic.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

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

// Every function taking an index panics "index out of range [i] with
// length n" as Go does.
//
// The slot of s[i] for a slice of Value layout (not a byte slice: asserted).
Value* sliceElemSlot(Value s, int64_t i);
// s[i], and s[i] = v (with storeValue's value semantics; v already has the
// element type). Both layouts.
Value sliceIndex(Value s, int64_t i);
void sliceStore(Value s, int64_t i, Value v);
// s[i], s[j] = s[j], s[i]. Both layouts.
void sliceSwap(Value s, int64_t i, int64_t j);
// &s[i]: a Ref for struct/array elements, else a PointerObj (a byte
// pointer for byte slices). Both layouts.
Value elemPointer(Value s, int64_t i);

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

// A new slice header over data's elements [elems, elems+cap) (Values, or
// bytes for a byte slice type: the layout follows sliceType->elem). Headers
// are immutable: make a new one rather than changing a published one.
Value newSliceHeader(const Type* sliceType, Object* data, void* elems, int64_t len, int64_t cap);

// ---- Byte elements ------------------------------------------------------------
//
// Slices and arrays whose element type has kind Uint8 (isByteElem: byte,
// uint8 and named types over them) keep one byte per element. Natives that
// read or write their bytes use the functions below rather than element
// Values: they never box a byte and work on whole runs at once. Example:
//
//   std::string_view in = byteSliceView(args[0]);        // read p []byte
//   size_t n; uint8_t* p = byteSliceData(args[0], &n);   // fill p in place
//   out[0] = makeByteSlice(result);                      // return []byte
//   buf = appendBytes(buf, "abc");                       // append(buf, ...)

// Whether v is a slice value (or the typed nil) of a byte slice type.
bool isByteSlice(Value v);

// The bytes of a byte slice s (nil: empty). The view aliases the slice's
// storage: it stays valid while s is reachable, and it sees later stores
// into the slice (copy it into a std::string to keep a snapshot).
std::string_view byteSliceView(Value s);
// The writable bytes of a byte slice s and their number (*len); nullptr and
// 0 for a nil or empty slice. Writes through the pointer are stores into the
// slice's elements [0, len).
uint8_t* byteSliceData(Value s, size_t* len);
// The bytes of a byte slice, of a [N]byte-like array value, or of a pointer
// (Ref) to such an array; "" for nil. Aliases the storage like byteSliceView.
std::string_view bytesView(Value v);

// A fresh []byte / a fresh slice of byte slice type sliceType holding a copy
// of bytes (len == cap == bytes.size()).
Value makeByteSlice(std::string_view bytes);
Value makeByteSliceOfType(const Type* sliceType, std::string_view bytes);
// make(sliceType, len, cap) for a byte slice type: the elements are zero and
// *data (when data is not null) receives a pointer to them, to fill in place.
Value newByteSlice(const Type* sliceType, int64_t len, int64_t cap, uint8_t** data);
// append(s, bytes...) for a byte slice s (or its typed nil): Go's growth.
// bytes may be a view of s's own storage.
Value appendBytes(Value s, std::string_view bytes);

// Go's malloc size-class rounding (runtime.roundupsize): the size of the
// block that a request of `bytes` gets.
int64_t goRoundUpSize(int64_t bytes);

// Go 1.19's capacity for growing a slice of elem from oldCap to hold at least
// needed elements (doubling below 256, then by (newcap + 3*256)/4, then
// rounded up to the allocator's size class for Go's element size).
int64_t growCapacity(const Type* elem, int64_t oldLen, int64_t oldCap, int64_t needed);

}  // namespace gsl::vm
