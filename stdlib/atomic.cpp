// stdlib/atomic.cpp: package sync/atomic: the functions Add, Load, Store,
// Swap, CompareAndSwap, And and Or (Go 1.23) for int32, int64, uint32, uint64 and uintptr on
// `&x` (a variable, a struct field, a slice or array element), and the
// types Int32, Int64, Uint32, Uint64, Uintptr, Bool, Value and Pointer[T].
//
// Every Go integer variable is one Value word (vm/value.h): a typed Scalar,
// or a pointer to an immutable BoxObj when the value does not fit 44 bits.
// `&x` is a PointerObj whose slot is that word (vm/object.h). So every
// operation is a single atomic operation on the word itself
// (std::atomic_ref<uint64_t>), truly atomic across OS threads:
//  * Load / Store / Swap: an atomic load, store or exchange of the encoded
//    word (the new value is encoded, boxed if need be, before the store).
//  * Add, And, Or and CompareAndSwap: a compare-and-swap loop: decode the word, add
//    (wrapping at the type's width by makeIntOfType, as Go's) or compare the
//    numbers, encode, and swap only if the word is still the one decoded.
//    A box's address identifies its (immutable) value, and the decoded
//    Value keeps the box alive, so there is no ABA problem.
// Every word access is seq_cst: Go's memory model makes sync/atomic
// operations sequentially consistent.
//
// The types are structs with one unexported field `v` holding the word, so
// their zero values work and they embed in script structs; Value's field
// holds an interface value (any), whose dynamic type must not change
// (Go's panics).
#include <atomic>
#include <cstdint>

#include "stdlib/native_support.h"
#include "vm/compare.h"
#include "vm/object.h"
#include "vm/panic.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

std::atomic_ref<uint64_t> wordAt(Value* slot) { return std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(slot)); }

// The word `&x` points at; a nil pointer panics as Go's nil dereference.
Value* slotOf(Value p) {
  if (!p.isObject() || p.asObject()->type->kind != vm::Kind::Pointer) vm::throwNilDereference();
  auto* po = static_cast<vm::PointerObj*>(p.asObject());
  if (po->byteSlot) vm::throwRuntimeError("sync/atomic: pointer to a byte element");
  return po->slot;
}

// The integer value of v as t's bits (wrapped to t's width).
uint64_t bitsAs(const vm::Type* t, Value v) { return vm::toUint64(vm::makeIntOfType(t, vm::toUint64(v))); }

Value atomicLoad(Value* slot, const vm::Type* t) {
  Value v = Value::fromBits(wordAt(slot).load(std::memory_order_seq_cst));
  // Defensive: a word that was never initialised reads as t's zero.
  return v.isNil() ? vm::makeIntOfType(t, uint64_t{0}) : v;
}

void atomicStore(Value* slot, const vm::Type* t, Value v) {
  wordAt(slot).store(vm::makeIntOfType(t, vm::toUint64(v)).bits(), std::memory_order_seq_cst);
}

Value atomicSwap(Value* slot, const vm::Type* t, Value v) {
  uint64_t old = wordAt(slot).exchange(vm::makeIntOfType(t, vm::toUint64(v)).bits(), std::memory_order_seq_cst);
  return Value::fromBits(old);
}

// Whether payload v is in range of integer kind k (so it needs no wrapping).
bool inRange(vm::Kind k, int64_t v) {
  switch (k) {
    case vm::Kind::Int32: return v >= INT32_MIN && v <= INT32_MAX;
    case vm::Kind::Uint32: return v >= 0 && v <= int64_t{UINT32_MAX};
    case vm::Kind::Int64: return true;
    default: return v >= 0;  // uint64, uintptr
  }
}

// The word of cur + d when both are small (the common case: a counter):
// the Scalar payload plus d, without decoding through the general path.
// 0 when the general path is needed.
uint64_t fastAdd(uint64_t cur, const vm::Type* t, uint64_t d) {
  Value v = Value::fromBits(cur);
  if (!v.isScalar() || v.scalarTypeId() != t->id) return 0;
  int64_t next;
  if (__builtin_add_overflow(v.scalarPayload(), static_cast<int64_t>(d), &next)) return 0;
  if (!Value::fitsScalar(next) || !inRange(t->kind, next)) return 0;
  return Value::scalar(t->id, next).bits();
}

Value atomicAdd(Value* slot, const vm::Type* t, Value delta) {
  auto w = wordAt(slot);
  uint64_t d = vm::toUint64(delta);
  uint64_t cur = w.load(std::memory_order_relaxed);
  for (;;) {
    uint64_t fast = fastAdd(cur, t, d);
    Value next = fast != 0 ? Value::fromBits(fast) : vm::makeIntOfType(t, vm::toUint64(Value::fromBits(cur)) + d);
    if (w.compare_exchange_weak(cur, next.bits(), std::memory_order_seq_cst, std::memory_order_relaxed)) return next;
  }
}

// And (op '&') or Or (op '|') of the word with mask; returns the old value.
Value atomicBitOp(Value* slot, const vm::Type* t, Value mask, char op) {
  auto w = wordAt(slot);
  uint64_t m = vm::toUint64(mask);
  uint64_t cur = w.load(std::memory_order_relaxed);
  for (;;) {
    uint64_t old = vm::toUint64(Value::fromBits(cur));
    Value next = vm::makeIntOfType(t, op == '&' ? (old & m) : (old | m));
    if (w.compare_exchange_weak(cur, next.bits(), std::memory_order_seq_cst, std::memory_order_relaxed))
      return Value::fromBits(cur);
  }
}

bool atomicCas(Value* slot, const vm::Type* t, Value oldv, Value newv) {
  auto w = wordAt(slot);
  uint64_t want = bitsAs(t, oldv);
  uint64_t next = vm::makeIntOfType(t, vm::toUint64(newv)).bits();
  uint64_t cur = w.load(std::memory_order_relaxed);
  for (;;) {
    if (vm::toUint64(Value::fromBits(cur)) != want) return false;
    if (w.compare_exchange_weak(cur, next, std::memory_order_seq_cst, std::memory_order_relaxed)) return true;
  }
}

template <vm::Kind K>
const vm::Type* kindType() {
  return vm::basicType(K);
}

// ---- Functions on &x ----------------------------------------------------------

template <vm::Kind K>
int fnAdd(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicAdd(slotOf(arg(args, nargs, 0)), kindType<K>(), arg(args, nargs, 1));
  return 1;
}
template <vm::Kind K>
int fnLoad(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicLoad(slotOf(arg(args, nargs, 0)), kindType<K>());
  return 1;
}
template <vm::Kind K>
int fnStore(vm::Thread&, const Value* args, int nargs, Value*) {
  atomicStore(slotOf(arg(args, nargs, 0)), kindType<K>(), arg(args, nargs, 1));
  return 0;
}
template <vm::Kind K>
int fnSwap(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicSwap(slotOf(arg(args, nargs, 0)), kindType<K>(), arg(args, nargs, 1));
  return 1;
}
template <vm::Kind K>
int fnCas(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(atomicCas(slotOf(arg(args, nargs, 0)), kindType<K>(), arg(args, nargs, 1), arg(args, nargs, 2)));
  return 1;
}

template <vm::Kind K>
int fnAnd(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicBitOp(slotOf(arg(args, nargs, 0)), kindType<K>(), arg(args, nargs, 1), '&');
  return 1;
}
template <vm::Kind K>
int fnOr(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicBitOp(slotOf(arg(args, nargs, 0)), kindType<K>(), arg(args, nargs, 1), '|');
  return 1;
}

// ---- Methods of the types -----------------------------------------------------

Value* fieldSlot(const Value* args) { return &receiverStruct(args)->fields()[0]; }

template <vm::Kind K>
int mLoad(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = atomicLoad(fieldSlot(args), kindType<K>());
  return 1;
}
template <vm::Kind K>
int mStore(vm::Thread&, const Value* args, int nargs, Value*) {
  atomicStore(fieldSlot(args), kindType<K>(), arg(args, nargs, 1));
  return 0;
}
template <vm::Kind K>
int mSwap(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicSwap(fieldSlot(args), kindType<K>(), arg(args, nargs, 1));
  return 1;
}
template <vm::Kind K>
int mAdd(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicAdd(fieldSlot(args), kindType<K>(), arg(args, nargs, 1));
  return 1;
}
template <vm::Kind K>
int mCas(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(atomicCas(fieldSlot(args), kindType<K>(), arg(args, nargs, 1), arg(args, nargs, 2)));
  return 1;
}

template <vm::Kind K>
int mAnd(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicBitOp(fieldSlot(args), kindType<K>(), arg(args, nargs, 1), '&');
  return 1;
}
template <vm::Kind K>
int mOr(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = atomicBitOp(fieldSlot(args), kindType<K>(), arg(args, nargs, 1), '|');
  return 1;
}

template <vm::Kind K>
vm::Type* defineIntType(std::string_view name) {
  vm::Type* t = defineStruct("atomic", name, {field("v", kindType<K>())});
  defineMethod(t, "Load", mLoad<K>, true);
  defineMethod(t, "Store", mStore<K>, true);
  defineMethod(t, "Swap", mSwap<K>, true);
  defineMethod(t, "Add", mAdd<K>, true);
  defineMethod(t, "CompareAndSwap", mCas<K>, true);
  defineMethod(t, "And", mAnd<K>, true);
  defineMethod(t, "Or", mOr<K>, true);
  return t;
}

const vm::Type* int32Type() {
  static const vm::Type* t = defineIntType<vm::Kind::Int32>("Int32");
  return t;
}
const vm::Type* int64Type() {
  static const vm::Type* t = defineIntType<vm::Kind::Int64>("Int64");
  return t;
}
const vm::Type* uint32Type() {
  static const vm::Type* t = defineIntType<vm::Kind::Uint32>("Uint32");
  return t;
}
const vm::Type* uint64Type() {
  static const vm::Type* t = defineIntType<vm::Kind::Uint64>("Uint64");
  return t;
}
const vm::Type* uintptrType() {
  static const vm::Type* t = defineIntType<vm::Kind::Uintptr>("Uintptr");
  return t;
}

// ---- Bool -----------------------------------------------------------------------

bool boolOf(uint64_t word) { return word == vm::kTrue.bits(); }

int bLoad(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeBool(boolOf(wordAt(fieldSlot(args)).load(std::memory_order_seq_cst)));
  return 1;
}
int bStore(vm::Thread&, const Value* args, int nargs, Value*) {
  wordAt(fieldSlot(args)).store(vm::makeBool(argBool(args, nargs, 1)).bits(), std::memory_order_seq_cst);
  return 0;
}
int bSwap(vm::Thread&, const Value* args, int nargs, Value* out) {
  uint64_t old = wordAt(fieldSlot(args)).exchange(vm::makeBool(argBool(args, nargs, 1)).bits(), std::memory_order_seq_cst);
  out[0] = vm::makeBool(boolOf(old));
  return 1;
}
int bCas(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto w = wordAt(fieldSlot(args));
  bool want = argBool(args, nargs, 1);
  uint64_t next = vm::makeBool(argBool(args, nargs, 2)).bits();
  uint64_t cur = w.load(std::memory_order_relaxed);
  for (;;) {
    if (boolOf(cur) != want) {
      out[0] = vm::kFalse;
      return 1;
    }
    if (w.compare_exchange_weak(cur, next, std::memory_order_seq_cst, std::memory_order_relaxed)) break;
  }
  out[0] = vm::kTrue;
  return 1;
}

const vm::Type* boolType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("atomic", "Bool", {field("v", vm::types::boolType())});
    defineMethod(named, "Load", bLoad, true);
    defineMethod(named, "Store", bStore, true);
    defineMethod(named, "Swap", bSwap, true);
    defineMethod(named, "CompareAndSwap", bCas, true);
    return named;
  }();
  return t;
}

// ---- Value ------------------------------------------------------------------------

[[noreturn]] void valuePanic(const char* msg) { vm::throwPanic(vm::makeString(msg)); }

int vLoad(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = Value::fromBits(wordAt(fieldSlot(args)).load(std::memory_order_seq_cst));
  return 1;
}

int vStore(vm::Thread&, const Value* args, int nargs, Value*) {
  Value v = arg(args, nargs, 1);
  if (v.isNil()) valuePanic("sync/atomic: store of nil value into Value");
  auto w = wordAt(fieldSlot(args));
  uint64_t next = vm::copyValue(v).bits();
  uint64_t cur = w.load(std::memory_order_relaxed);
  for (;;) {
    if (cur != 0 && vm::typeOf(Value::fromBits(cur)) != vm::typeOf(v))
      valuePanic("sync/atomic: store of inconsistently typed value into Value");
    if (w.compare_exchange_weak(cur, next, std::memory_order_seq_cst, std::memory_order_relaxed)) return 0;
  }
}

int vSwap(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value v = arg(args, nargs, 1);
  if (v.isNil()) valuePanic("sync/atomic: swap of nil value into Value");
  auto w = wordAt(fieldSlot(args));
  uint64_t next = vm::copyValue(v).bits();
  uint64_t cur = w.load(std::memory_order_relaxed);
  for (;;) {
    if (cur != 0 && vm::typeOf(Value::fromBits(cur)) != vm::typeOf(v))
      valuePanic("sync/atomic: swap of inconsistently typed value into Value");
    if (w.compare_exchange_weak(cur, next, std::memory_order_seq_cst, std::memory_order_relaxed)) {
      out[0] = Value::fromBits(cur);
      return 1;
    }
  }
}

int vCas(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value oldv = arg(args, nargs, 1);
  Value newv = arg(args, nargs, 2);
  if (newv.isNil()) valuePanic("sync/atomic: compare and swap of nil value into Value");
  if (!oldv.isNil() && vm::typeOf(oldv) != vm::typeOf(newv))
    valuePanic("sync/atomic: compare and swap of inconsistently typed values");
  auto w = wordAt(fieldSlot(args));
  uint64_t next = vm::copyValue(newv).bits();
  uint64_t cur = w.load(std::memory_order_relaxed);
  for (;;) {
    if (cur == 0) {
      if (!oldv.isNil()) {
        out[0] = vm::kFalse;
        return 1;
      }
    } else {
      Value curv = Value::fromBits(cur);
      if (vm::typeOf(curv) != vm::typeOf(newv))
        valuePanic("sync/atomic: compare and swap of inconsistently typed value into Value");
      if (!vm::opEqual(curv, oldv)) {
        out[0] = vm::kFalse;
        return 1;
      }
    }
    if (w.compare_exchange_weak(cur, next, std::memory_order_seq_cst, std::memory_order_acquire)) {
      out[0] = vm::kTrue;
      return 1;
    }
  }
}

const vm::Type* valueType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("atomic", "Value", {field("v", vm::types::anyType())});
    defineMethod(named, "Load", vLoad, true);
    defineMethod(named, "Store", vStore, true);
    defineMethod(named, "Swap", vSwap, true);
    defineMethod(named, "CompareAndSwap", vCas, true);
    return named;
  }();
  return t;
}

// ---- Pointer[T] --------------------------------------------------------------------
//
// The compiler ignores type arguments of a generic type from a native
// package (compiler/types.cpp), so atomic.Pointer[T] is this one type for
// every T: its field holds the pointer value as stored (the zero value holds
// the untyped nil, which prints and compares as Go's nil *T).

// Two pointer values are the same pointer (every nil is the same nil).
bool samePointer(Value a, Value b) {
  bool an = vm::isNilValue(a), bn = vm::isNilValue(b);
  if (an || bn) return an && bn;
  return vm::opEqual(a, b);
}

int ptrLoad(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = Value::fromBits(wordAt(fieldSlot(args)).load(std::memory_order_seq_cst));
  return 1;
}
int ptrStore(vm::Thread&, const Value* args, int nargs, Value*) {
  wordAt(fieldSlot(args)).store(arg(args, nargs, 1).bits(), std::memory_order_seq_cst);
  return 0;
}
int ptrSwap(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = Value::fromBits(wordAt(fieldSlot(args)).exchange(arg(args, nargs, 1).bits(), std::memory_order_seq_cst));
  return 1;
}
int ptrCas(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto w = wordAt(fieldSlot(args));
  Value oldv = arg(args, nargs, 1);
  uint64_t next = arg(args, nargs, 2).bits();
  // Acquire: samePointer may look inside the object cur points at, which
  // another thread published with its (seq_cst) store.
  uint64_t cur = w.load(std::memory_order_acquire);
  for (;;) {
    if (!samePointer(Value::fromBits(cur), oldv)) {
      out[0] = vm::kFalse;
      return 1;
    }
    if (w.compare_exchange_weak(cur, next, std::memory_order_seq_cst, std::memory_order_acquire)) {
      out[0] = vm::kTrue;
      return 1;
    }
  }
}

const vm::Type* pointerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("atomic", "Pointer", {field("v", vm::types::anyType())});
    defineMethod(named, "Load", ptrLoad, true);
    defineMethod(named, "Store", ptrStore, true);
    defineMethod(named, "Swap", ptrSwap, true);
    defineMethod(named, "CompareAndSwap", ptrCas, true);
    return named;
  }();
  return t;
}

// ---- Registration -------------------------------------------------------------------

#define GSL_ATOMIC_FUNCS(Name, K)                                                                  \
  funcMember("Add" Name, fnAdd<K>), funcMember("Load" Name, fnLoad<K>),                          \
      funcMember("Store" Name, fnStore<K>), funcMember("Swap" Name, fnSwap<K>),                   \
      funcMember("CompareAndSwap" Name, fnCas<K>), funcMember("And" Name, fnAnd<K>), \
      funcMember("Or" Name, fnOr<K>)

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"sync/atomic",
                                        "atomic",
                                        {GSL_ATOMIC_FUNCS("Int32", vm::Kind::Int32),
                                         GSL_ATOMIC_FUNCS("Int64", vm::Kind::Int64),
                                         GSL_ATOMIC_FUNCS("Uint32", vm::Kind::Uint32),
                                         GSL_ATOMIC_FUNCS("Uint64", vm::Kind::Uint64),
                                         GSL_ATOMIC_FUNCS("Uintptr", vm::Kind::Uintptr),
                                         typeMember("Int32", int32Type), typeMember("Int64", int64Type),
                                         typeMember("Uint32", uint32Type), typeMember("Uint64", uint64Type),
                                         typeMember("Uintptr", uintptrType), typeMember("Bool", boolType),
                                         typeMember("Value", valueType), typeMember("Pointer", pointerType)}});
  return true;
}();

#undef GSL_ATOMIC_FUNCS

}  // namespace

}  // namespace gsl::stdlib
