// stdlib/sync_map.cpp: sync.Map and sync.Pool.
//
// Both are structs whose state lives in a collected object hung off an
// unexported field, installed on first use by one compare-and-swap on the
// field's word (racing first uses agree on one state; the zero value is
// usable, as in Go). A copied Map or Pool shares its state (Go's vet
// forbids copying them).
//
// Map: a map[any]any guarded by the state's runtime::Mutex, held only for
// the map operation itself (never across script code: Range copies the
// entries under the lock and calls f without it, so f may use the Map, as
// Go allows). Keys hash and compare as Go's interface keys (an unhashable
// key panics, as in Go).
//
// Pool: a stack of values under the state's lock; Get pops (LIFO, like a
// P's private slot) or calls New without the lock. Items are never dropped
// (Go may drop them at any collection; nothing may rely on either).
#include <atomic>
#include <new>
#include <vector>

#include "runtime/lock.h"
#include "stdlib/native_support.h"
#include "vm/compare.h"
#include "vm/heap.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

// The state object in field `field` of the struct the receiver points at,
// created on first use.
template <typename State>
State* lazyState(const Value* args, int field, const vm::Type* stateType) {
  vm::StructObj* s = receiverStruct(args);
  std::atomic_ref<uint64_t> word(*reinterpret_cast<uint64_t*>(&s->fields()[field]));
  Value cur = Value::fromBits(word.load(std::memory_order_acquire));
  if (cur.isObject() && cur.asObject()->type == stateType) return static_cast<State*>(cur.asObject());
  auto* fresh = new (vm::allocObject(sizeof(State))) State();
  fresh->type = stateType;
  uint64_t expected = cur.bits();
  if (word.compare_exchange_strong(expected, Value::object(fresh).bits(), std::memory_order_acq_rel)) return fresh;
  return static_cast<State*>(Value::fromBits(expected).asObject());
}

// ---- Map --------------------------------------------------------------------

struct MapState : vm::Object {
  runtime::Mutex mu;
  Value m GSL_GUARDED_BY(mu);  // map[any]any, made on first use
};

const vm::Type* mapStateType() {
  static const vm::Type* t = defineNamed("sync", "mapState", vm::types::unsafePointerType());
  return t;
}

MapState* mapState(const Value* args) {
  MapState* s = lazyState<MapState>(args, 0, mapStateType());
  return s;
}

Value& mapOfState(MapState* s) GSL_REQUIRES(s->mu) {
  if (s->m.isNil()) s->m = vm::makeMap(vm::mapOf(vm::types::anyType(), vm::types::anyType()));
  return s->m;
}

int mLoad(vm::Thread&, const Value* args, int nargs, Value* out) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  bool ok = false;
  Value* slot = vm::mapFind(mapOfState(s), arg(args, nargs, 1));
  if (slot != nullptr) {
    out[0] = *slot;
    ok = true;
  }
  out[1] = vm::makeBool(ok);
  return 2;
}

int mStore(vm::Thread&, const Value* args, int nargs, Value*) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  vm::mapSet(mapOfState(s), arg(args, nargs, 1), arg(args, nargs, 2));
  return 0;
}

int mLoadOrStore(vm::Thread&, const Value* args, int nargs, Value* out) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  Value m = mapOfState(s);
  Value* slot = vm::mapFind(m, arg(args, nargs, 1));
  if (slot != nullptr) {
    out[0] = *slot;
    out[1] = vm::kTrue;
    return 2;
  }
  Value v = vm::copyValue(arg(args, nargs, 2));
  vm::mapSet(m, arg(args, nargs, 1), v);
  out[0] = v;
  out[1] = vm::kFalse;
  return 2;
}

int mLoadAndDelete(vm::Thread&, const Value* args, int nargs, Value* out) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  Value m = mapOfState(s);
  Value* slot = vm::mapFind(m, arg(args, nargs, 1));
  if (slot == nullptr) {
    out[0] = Value();
    out[1] = vm::kFalse;
    return 2;
  }
  out[0] = *slot;
  out[1] = vm::kTrue;
  vm::mapDelete(m, arg(args, nargs, 1));
  return 2;
}

int mDelete(vm::Thread&, const Value* args, int nargs, Value*) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  vm::mapDelete(mapOfState(s), arg(args, nargs, 1));
  return 0;
}

int mSwap(vm::Thread&, const Value* args, int nargs, Value* out) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  Value m = mapOfState(s);
  Value* slot = vm::mapFind(m, arg(args, nargs, 1));
  out[0] = slot != nullptr ? *slot : Value();
  out[1] = vm::makeBool(slot != nullptr);
  vm::mapSet(m, arg(args, nargs, 1), arg(args, nargs, 2));
  return 2;
}

int mCompareAndSwap(vm::Thread&, const Value* args, int nargs, Value* out) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  Value m = mapOfState(s);
  Value* slot = vm::mapFind(m, arg(args, nargs, 1));
  bool swapped = slot != nullptr && vm::opEqual(*slot, arg(args, nargs, 2));
  if (swapped) vm::mapSet(m, arg(args, nargs, 1), arg(args, nargs, 3));
  out[0] = vm::makeBool(swapped);
  return 1;
}

int mCompareAndDelete(vm::Thread&, const Value* args, int nargs, Value* out) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  Value m = mapOfState(s);
  Value* slot = vm::mapFind(m, arg(args, nargs, 1));
  bool deleted = slot != nullptr && vm::opEqual(*slot, arg(args, nargs, 2));
  if (deleted) vm::mapDelete(m, arg(args, nargs, 1));
  out[0] = vm::makeBool(deleted);
  return 1;
}

int mClear(vm::Thread&, const Value* args, int, Value*) {
  MapState* s = mapState(args);
  runtime::MutexLock lock(s->mu);
  vm::mapClear(mapOfState(s));
  return 0;
}

int mRange(vm::Thread& th, const Value* args, int nargs, Value*) {
  MapState* s = mapState(args);
  std::vector<Value, vm::GcAllocator<Value>> entries;
  {
    runtime::MutexLock lock(s->mu);
    Value m = mapOfState(s);
    entries.reserve(static_cast<size_t>(vm::mapLen(m)) * 2);
    vm::MapIter it;
    vm::mapIterInit(it, m);
    Value k, v;
    while (vm::mapIterNext(it, &k, &v)) {
      entries.push_back(k);
      entries.push_back(v);
    }
  }
  Value f = arg(args, nargs, 1);
  for (size_t i = 0; i < entries.size(); i += 2) {
    Value kv[2] = {entries[i], entries[i + 1]};
    Value more;
    vm::callFunction(th, f, kv, 2, &more, 1);
    if (!vm::toBool(more)) break;
  }
  return 0;
}

const vm::Type* syncMapType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("sync", "Map", {field("state", mapStateType())});
    defineMethod(named, "Load", mLoad, true);
    defineMethod(named, "Store", mStore, true);
    defineMethod(named, "LoadOrStore", mLoadOrStore, true);
    defineMethod(named, "LoadAndDelete", mLoadAndDelete, true);
    defineMethod(named, "Delete", mDelete, true);
    defineMethod(named, "Swap", mSwap, true);
    defineMethod(named, "CompareAndSwap", mCompareAndSwap, true);
    defineMethod(named, "CompareAndDelete", mCompareAndDelete, true);
    defineMethod(named, "Clear", mClear, true);
    defineMethod(named, "Range", mRange, true);
    return named;
  }();
  return t;
}

// ---- Pool -------------------------------------------------------------------

struct PoolState : vm::Object {
  runtime::Mutex mu;
  std::vector<Value, vm::GcAllocator<Value>> items GSL_GUARDED_BY(mu);
};

const vm::Type* poolStateType() {
  static const vm::Type* t = defineNamed("sync", "poolState", vm::types::unsafePointerType());
  return t;
}

// Field 0 is New (exported, so `sync.Pool{New: f}` works), field 1 the state.
int pGet(vm::Thread& th, const Value* args, int, Value* out) {
  PoolState* s = lazyState<PoolState>(args, 1, poolStateType());
  {
    runtime::MutexLock lock(s->mu);
    if (!s->items.empty()) {
      out[0] = s->items.back();
      s->items.pop_back();
      return 1;
    }
  }
  Value fn = receiverStruct(args)->fields()[0];
  out[0] = vm::isNilValue(fn) ? Value() : vm::callFunction1(th, fn, {});
  return 1;
}

int pPut(vm::Thread&, const Value* args, int nargs, Value*) {
  Value v = arg(args, nargs, 1);
  if (v.isNil()) return 0;  // Go drops a nil x
  PoolState* s = lazyState<PoolState>(args, 1, poolStateType());
  runtime::MutexLock lock(s->mu);
  s->items.push_back(vm::copyValue(v));
  return 0;
}

const vm::Type* poolType() {
  static const vm::Type* t = [] {
    const vm::Type* newFn = vm::funcOf({}, std::span<const vm::Type* const>(new const vm::Type*[1]{vm::types::anyType()}, 1), false);
    vm::Type* named = defineStruct("sync", "Pool", {field("New", newFn), field("state", poolStateType())});
    defineMethod(named, "Get", pGet, true);
    defineMethod(named, "Put", pPut, true);
    return named;
  }();
  return t;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"sync", "sync", {typeMember("Map", syncMapType), typeMember("Pool", poolType)}});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
