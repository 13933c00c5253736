// vm/object.h: heap objects, value constructors and readers, and the value
// semantics of struct and array values.
//
// Every heap object starts with its Type* (struct Object). The layouts below
// are the contract between the interpreter, the runtime and the stdlib; all
// objects are allocated through vm/heap.h and are 16-byte aligned.
//
// How each kind of Go value is encoded (see vm/value.h for the word format):
//
//   kind                  encoding
//   --------------------  ----------------------------------------------------
//   untyped nil           Value() (all zero): the nil interface
//   int                   Int immediate; BoxObj if outside 63 bits
//   float64               Flonum; BoxObj for -0.0, NaN, Inf, denormals, huge
//   bool (and named)      Scalar, payload 0 or 1 (kTrue, kFalse for `bool`)
//   other integer kinds   Scalar, payload = the value, if it fits 44 signed
//   (incl. named `int`)   bits; else BoxObj (bits = two's complement / uint64)
//   float32 (and named)   Scalar, payload = the 32 IEEE bits (zero-extended)
//   named float64 kinds   Scalar, payload = the IEEE bits >> 20 (arithmetic)
//                         when the low 20 bits are zero; else BoxObj
//   complex64/128         ComplexObj (complex64 parts rounded to float)
//   string kinds          StringObj, never an immediate; "" is one shared
//                         StringObj per string type, so stringView() of any
//                         string value is just a load (never null)
//   nil of a nilable type Scalar of that type, payload 0 (pointer, slice,
//                         map, chan, func, unsafe.Pointer)
//   slice                 SliceObj (nil slice: typed-nil Scalar); byte
//                         elements are one byte each ("Byte layout" below)
//   map                   MapObj (vm/map.h); shared by reference
//   chan                  ChanObj (runtime/); shared by reference
//   func                  FuncObj
//   struct value          StructObj          | copied on every store, see
//   array value           ArrayObj           | "Value semantics" below
//   pointer to struct or  Ref to the StructObj/ArrayObj itself
//     array (&s, &T{}, &s.inner, &arr[i] when the element is a struct/array)
//   any other pointer     PointerObj: a slot inside a CellObj, a slice's
//                         ArrayData, an ArrayObj or a StructObj, or one
//                         byte of a byte-layout ArrayData/ArrayObj
//
// Every encoding is canonical (an immediate is used whenever it fits), so two
// values of an integer or bool kind are == exactly when their words are equal.
//
// Value semantics (the interpreter applies these rules):
//  * Struct and array objects are values. Every store into a storage location
//    (variable, field, element, map entry, argument, result, channel buffer,
//    interface conversion) stores copyValue(v): a fresh object, deep for
//    nested struct/array fields, shallow for everything else (slices, maps,
//    pointers share).
//  * An assignment to a location that already holds a struct/array object of
//    the same type copies the fields in place (storeValue / assignInPlace), so
//    that Refs taken earlier (`p := &s; s = T{1}`) still alias the variable.
//  * Consequently no two locations share a struct/array object; sharing
//    happens only through Refs.
//  * Reading a struct/array from a location yields the object itself, not a
//    copy. A reader that keeps it across later stores must copy it first:
//    in `a, b = b, a` the right-hand values are copyValue()d into
//    temporaries before either store, or the in-place copy into `a` would
//    change what is then stored into `b`.
#pragma once

#include <atomic>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vm/native.h"
#include "vm/type.h"
#include "vm/value.h"

namespace gsl::vm {

// ---- Layouts ----------------------------------------------------------------

struct Object {
  const Type* type;
};

// An immutable string of bytes (UTF-8 by convention, any bytes allowed).
// Either owns its bytes inline, right after the header (owner == nullptr),
// or shares the bytes of another string (a substring): owner is that string,
// which keeps the bytes alive. data is never null; bytes are not
// NUL-terminated.
struct StringObj : Object {
  int64_t len;
  const char* data;
  const Object* owner;
  std::string_view view() const { return {data, static_cast<size_t>(len)}; }
};

// A boxed integer or float that does not fit its immediate encoding.
// Integer kinds: `i`/`u` hold the value (two's complement). float64 kinds:
// `f`. float32 never needs a box.
struct BoxObj : Object {
  union {
    int64_t i;
    uint64_t u;
    double f;
  };
};

// A complex number; complex64 parts are kept rounded to float.
struct ComplexObj : Object {
  double re;
  double im;
};

// Byte layout. Slices and arrays whose element type has kind Uint8 (byte,
// uint8 and named types over them) store one byte per element instead of
// one Value: a 1 MB []byte takes 1 MB, and natives read it as plain bytes
// (vm/slice.h: byteSliceView, byteSliceData). isByteElem(elem) decides the
// layout, so every ArrayData, ArrayObj and slice header over a byte element
// type uses it: slicing an array shares its bytes. Byte storage holds no
// pointers except the header's Type* (types are permanent), so it is
// allocated unscanned (allocBytes). A byte element is read back as the
// Scalar of the element type (Value::scalar(elem->id, b)).
inline bool isByteElem(const Type* elem) { return elem != nullptr && elem->kind == Kind::Uint8; }

// The backing store of slices. `type` is the element type (an ArrayData is
// never itself a Value). Elements follow the header: cap Values, or cap
// bytes when isByteElem(type).
struct ArrayData : Object {
  int64_t cap;
  Value* elems() { return reinterpret_cast<Value*>(this + 1); }
  const Value* elems() const { return reinterpret_cast<const Value*>(this + 1); }
  uint8_t* bytes() { return reinterpret_cast<uint8_t*>(this + 1); }
  const uint8_t* bytes() const { return reinterpret_cast<const uint8_t*>(this + 1); }
};
static_assert(sizeof(ArrayData) == 16);

// A slice header: immutable once published (append makes a new header).
// `data` owns the elements: an ArrayData, or the ArrayObj of an array that
// was sliced (arr[i:j] shares the array's storage). elems (bytes when
// byteElems) points inside it; len <= cap; elements [0, cap) are all inside
// data. byteElems caches isByteElem(type->elem) so that the interpreter's
// index fast paths test one byte of the header they already loaded.
struct SliceObj : Object {
  Object* data;
  union {
    Value* elems;    // !byteElems
    uint8_t* bytes;  // byteElems
  };
  int64_t len;
  int64_t cap;
  bool byteElems;
};

// A Go array value ([N]T): len (== type->len) inline Values, or len inline
// bytes when isByteElem(type->elem) (arrays share the byte layout so that a
// slice of an array is laid out like any other slice).
struct ArrayObj : Object {
  int64_t len;
  Value* elems() { return reinterpret_cast<Value*>(this + 1); }
  const Value* elems() const { return reinterpret_cast<const Value*>(this + 1); }
  uint8_t* bytes() { return reinterpret_cast<uint8_t*>(this + 1); }
  const uint8_t* bytes() const { return reinterpret_cast<const uint8_t*>(this + 1); }
  bool byteElems() const { return isByteElem(type->elem); }
};
static_assert(sizeof(ArrayObj) == 16);

// A Go struct value: type->fields.size() inline Values, one per field.
struct StructObj : Object {
  Value* fields() { return reinterpret_cast<Value*>(this + 1); }
  const Value* fields() const { return reinterpret_cast<const Value*>(this + 1); }
  size_t numFields() const { return type->fields.size(); }
};
static_assert(sizeof(StructObj) == 8);

// A heap variable: one that a closure captures or whose address is taken.
// `type` is the variable's declared type when known, else nullptr (a cell
// is never itself a Value that script code sees).
struct CellObj : Object {
  Value value;
};

// A pointer to a Value slot that is not a whole struct/array object: a cell
// (&x for x int), a slice element (&s[i]), an array element or a struct field
// (&s.f) whose type is not a struct or array. `type` is the pointer type
// (*T). `slot` points into `base`. Two pointers are == when their slots are.
// A pointer to an element of byte layout (&b[i] for a []byte or [N]byte)
// addresses one byte instead: byteSlot is set and `byte` is the address.
// Read and write through pointerLoad / pointerStore, which handle both.
struct PointerObj : Object {
  union {
    Value* slot;    // !byteSlot
    uint8_t* byte;  // byteSlot
  };
  const Object* base;
  bool byteSlot;
  // The address pointed at (identity for == and hashing).
  const void* address() const {
    return byteSlot ? static_cast<const void*>(byte) : static_cast<const void*>(slot);
  }
};

struct Proto;    // a compiled script function (vm/proto.h)
struct MapObj;   // vm/map.h
struct ChanObj;  // runtime/ (starts with Object)

// A function value: a script closure (proto != nullptr) or a native
// (native != nullptr). A method value `x.M` is a FuncObj with hasBound set:
// calling it passes `bound` as the first argument before the call's own.
// Captured variables follow the header (ncaptures Values; the compiler
// decides what each holds, typically a CellObj or a copied value).
struct FuncObj : Object {
  Proto* proto;
  NativeFn native;
  std::string_view name;  // natives: "strings.ToUpper"; closures: optional
  Value bound;
  uint32_t ncaptures;
  bool hasBound;
  Value* captures() { return reinterpret_cast<Value*>(this + 1); }
  const Value* captures() const { return reinterpret_cast<const Value*>(this + 1); }
};
static_assert(sizeof(FuncObj) % 8 == 0);

// ---- Type of a value --------------------------------------------------------

// The dynamic type: Int → int; Flonum → float64; Scalar → typeById; Ref →
// pointerTo(target's type); Object → its header; untyped nil → nullptr.
const Type* typeOf(Value v);

// The kind of typeOf(v), Kind::Invalid for untyped nil. Cheaper than typeOf
// for a Ref (no pointerTo lookup).
Kind kindOf(Value v);

// ---- Constructors -----------------------------------------------------------

constexpr Value kTrue = Value::scalar(kTypeIdBool, 1);
constexpr Value kFalse = Value::scalar(kTypeIdBool, 0);
inline Value makeBool(bool b) { return b ? kTrue : kFalse; }

// Go `int`: the immediate when it fits 63 bits, else a box.
Value makeInt(int64_t i);
// An integer of type t (an integer kind, named or not). `bits` is wrapped to
// t's width first (int8 of 300 is 44; uint8 of -1 is 255), then encoded.
Value makeIntOfType(const Type* t, uint64_t bits);
inline Value makeIntOfType(const Type* t, int64_t i) {
  return makeIntOfType(t, static_cast<uint64_t>(i));
}
// Go `float64`.
Value makeFloat(double d);
// A float of type t (a float kind, named or not); float32 kinds round d.
Value makeFloatOfType(const Type* t, double d);
// A complex of type t (a complex kind); complex64 rounds the parts.
Value makeComplexOfType(const Type* t, std::complex<double> c);
// A bool of type t (a bool kind, named or not).
Value makeBoolOfType(const Type* t, bool b);
// A string of type `string` / of string type t. The bytes are copied.
Value makeString(std::string_view s);
Value makeStringOfType(const Type* t, std::string_view s);
// A string that shares `parent`'s bytes [off, off+len) (for s[i:j]).
Value makeSubstring(Value parent, int64_t off, int64_t len);
// The nil of a nilable type (pointer, slice, map, chan, func).
inline Value nilOf(const Type* t) { return Value::scalar(t->id, 0); }
// Go's zero value of t: 0 of the right kind, false, "", nil of the type, or
// a fresh zeroed struct/array object (recursively). nullptr and interface
// types give the untyped nil.
Value zeroValue(const Type* t);

// Fresh objects. Elements/fields are the zero values of their types.
StructObj* newStruct(const Type* t);
ArrayObj* newArray(const Type* t);
// A heap variable holding v (type may be nullptr).
CellObj* newCell(const Type* t, Value v);
// A pointer (*T, ptrType) to slot inside base.
Value makePointer(const Type* ptrType, const Object* base, Value* slot);
// A pointer (*T, ptrType, T a byte kind) to the byte element at `byte`
// inside base (an ArrayData or ArrayObj of byte layout).
Value makeBytePointer(const Type* ptrType, const Object* base, uint8_t* byte);
// `new(T)`: a Ref to a zeroed struct/array for those kinds, else a
// PointerObj to a fresh cell holding T's zero value.
Value newPointee(const Type* t);
// A native function value. `sig` is its Func type (nullptr: `func()`).
FuncObj* makeNative(std::string_view name, NativeFn fn, const Type* sig = nullptr);
// A closure of proto with ncaptures nil captures; `sig` is its Func type.
FuncObj* makeClosure(const Type* sig, Proto* proto, uint32_t ncaptures);
// A copy of f with `recv` bound as first argument (a method value).
FuncObj* bindReceiver(const FuncObj* f, Value recv);

// ---- Readers ----------------------------------------------------------------
// Callers know the kind; a mismatch is a VM bug (GSL_ASSERT in debug paths).

// An integer kind's value; unsigned values reinterpreted as int64.
int64_t toInt64(Value v);
// An integer kind's value as uint64 bits (signed values sign-extended).
uint64_t toUint64(Value v);
// A float kind's value (float32 widened exactly); integer kinds convert
// numerically (signed or unsigned by kind).
double toDouble(Value v);
std::complex<double> toComplex(Value v);
bool toBool(Value v);
// A string kind's bytes. The view stays valid while v is reachable.
inline std::string_view stringView(Value v) {
  return static_cast<const StringObj*>(static_cast<const Object*>(v.asObject()))->view();
}
inline bool isString(Value v) {
  return v.isObject() && v.asObject()->type->kind == Kind::String;
}
// The byte that a value of a byte kind (Uint8) holds; an `int` (an untyped
// constant not yet converted) is wrapped to 8 bits.
inline uint8_t byteOfValue(Value v) {
  return static_cast<uint8_t>(v.isScalar() ? v.scalarPayload() : static_cast<int64_t>(toUint64(v)));
}
// The value of byte b as an element of byte type elem.
inline Value byteValue(const Type* elem, uint8_t b) { return Value::scalar(elem->id, b); }

// *p for a PointerObj (a Value slot or a byte element).
inline Value pointerLoad(const PointerObj* p) {
  return p->byteSlot ? byteValue(p->type->elem, *p->byte) : *p->slot;
}
// *p = v for a PointerObj, with storeValue's value semantics. The caller
// has already converted v to the pointee type.
void pointerStore(PointerObj* p, Value v);

// Whether v is the nil of its type (untyped nil, or a typed-nil Scalar of a
// nilable kind).
bool isNilValue(Value v);

// ---- Value semantics --------------------------------------------------------

// v itself, unless v is a struct/array object: then a copy (deep for nested
// struct/array fields). Call for every store of a value into a location.
inline bool isAggregate(Value v) {
  if (!v.isObject()) return false;
  Kind k = v.asObject()->type->kind;
  return k == Kind::Struct || k == Kind::Array;
}
Value copyAggregate(Value v);
inline Value copyValue(Value v) { return isAggregate(v) ? copyAggregate(v) : v; }

// The word in *slot, read atomically. `&x` of a variable, field or element
// looks at the value to tell an aggregate from a scalar, while sync/atomic
// may be updating that word on another thread (atomic.AddInt64(&x, 1) races
// with &x by design); the memory model, and ThreadSanitizer, want an atomic
// read there. Relaxed: a plain load on the targets gsl runs on.
inline Value loadSlotAtomic(Value* slot) {
  return Value::fromBits(std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(slot)).load(std::memory_order_relaxed));
}

// Copies src's fields/elements into dst (same type, asserted), in place,
// recursing into nested struct/array fields so inner Refs keep aliasing.
void assignInPlace(Object* dst, Value src);

// `*slot = v` with Go's value semantics: in place if *slot holds an object
// of v's struct/array type, else *slot = copyValue(v).
inline void storeValue(Value* slot, Value v) {
  if (isAggregate(v)) {
    Value old = *slot;
    if (old.isObject() && old.asObject()->type == v.asObject()->type) {
      assignInPlace(old.asObject(), v);
      return;
    }
    *slot = copyAggregate(v);
    return;
  }
  *slot = v;
}

}  // namespace gsl::vm
