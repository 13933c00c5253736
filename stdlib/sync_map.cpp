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
// Go allows). Range and Pool.Get are bytecode (stdlib/context_glue.h)
// whose steps are natives and the calls of f or New, which are ordinary
// calls that may park. Keys hash and compare as Go's interface keys (an unhashable
// key panics, as in Go).
//
// Pool: a stack of values under the state's lock; Get pops (LIFO, like a
// P's private slot) or calls New without the lock. Items are never dropped
// (Go may drop them at any collection; nothing may rely on either).
#include <atomic>
#include <new>
#include <vector>

#include "runtime/lock.h"
#include "stdlib/context_glue.h"
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

// The entries Range visits: copied under the Map's lock by its first
// step, then handed out one by one without it.
struct RangeState : vm::Object {
  std::vector<Value, vm::GcAllocator<Value>> entries;  // key, value, key, value, ...
  size_t next = 0;
};

const vm::Type* rangeStateType() {
  static const vm::Type* t = defineNamed("sync", "rangeState", vm::types::unsafePointerType());
  return t;
}

int rangeSnapshot(vm::Thread&, const Value* args, int, Value* out) {
  MapState* s = mapState(args);
  auto* r = new (vm::allocObject(sizeof(RangeState))) RangeState();
  r->type = rangeStateType();
  {
    runtime::MutexLock lock(s->mu);
    Value m = mapOfState(s);
    r->entries.reserve(static_cast<size_t>(vm::mapLen(m)) * 2);
    vm::MapIter it;
    vm::mapIterInit(it, m);
    Value k, v;
    while (vm::mapIterNext(it, &k, &v)) {
      r->entries.push_back(k);
      r->entries.push_back(v);
    }
  }
  out[0] = Value::object(r);
  return 1;
}

// out: whether there is another entry, then its key and value.
int rangeNext(vm::Thread&, const Value* args, int, Value* out) {
  auto* r = static_cast<RangeState*>(args[0].asObject());
  if (r->next >= r->entries.size()) {
    out[0] = vm::kFalse;
    out[1] = out[2] = Value();
    r->entries.clear();
    return 3;
  }
  out[0] = vm::kTrue;
  out[1] = r->entries[r->next];
  out[2] = r->entries[r->next + 1];
  r->next += 2;
  return 3;
}

// func (m *Map) Range(f func(k, v any) bool) {
//   r := snapshot(m); for { ok, k, v := next(r); if !ok || !f(k, v) { return } } }
// in bytecode, so f is an ordinary call that parks as usual.
Value rangeMethod() {
  ProtoBuilder b("sync.(*Map).Range", "sync/map.go", 2, 0);
  b.line(476);
  b.loadNative(2, "sync.(*Map).snapshot", rangeSnapshot);
  b.move(3, 0);
  b.call(2, 1, 1);
  int loop = b.here();
  b.loadNative(3, "sync.(*Map).next", rangeNext);
  b.move(4, 2);
  b.call(3, 1, 3);
  int end1 = b.jumpIf(3, false);
  b.line(481);
  b.move(6, 1);
  b.move(7, 4);
  b.move(8, 5);
  b.call(6, 2, 1);
  int end2 = b.jumpIf(6, false);
  b.loopBack(loop);
  b.patchHere(end1);
  b.patchHere(end2);
  b.ret(0, 0);
  const vm::Type* any = vm::types::anyType();
  const vm::Type* fParams[] = {any, any};
  const vm::Type* fResults[] = {vm::types::boolType()};
  const vm::Type* params[] = {any, vm::funcOf(fParams, fResults, false)};
  return b.finish(vm::funcOf(params, {}, false));
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
    vm::addMethod(named, "Range", rangeMethod(), true);
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
// Get's first step: (an item, true), or (nil, true) when the Pool is
// empty and has no New, or (New, false) for Get to call.
int pTake(vm::Thread&, const Value* args, int, Value* out) {
  PoolState* s = lazyState<PoolState>(args, 1, poolStateType());
  out[1] = vm::kTrue;
  {
    runtime::MutexLock lock(s->mu);
    if (!s->items.empty()) {
      out[0] = s->items.back();
      s->items.pop_back();
      return 2;
    }
  }
  Value fn = receiverStruct(args)->fields()[0];
  if (vm::isNilValue(fn)) {
    out[0] = Value();
  } else {
    out[0] = fn;
    out[1] = vm::kFalse;
  }
  return 2;
}

// func (p *Pool) Get() any { x, ok := take(p); if !ok { x = x() }; return x },
// in bytecode, so New is an ordinary call that parks as usual.
Value getMethod() {
  ProtoBuilder b("sync.(*Pool).Get", "sync/pool.go", 1, 1);
  b.line(128);
  b.loadNative(1, "sync.(*Pool).take", pTake);
  b.move(2, 0);
  b.call(1, 1, 2);
  int done = b.jumpIf(2, true);
  b.line(150);
  b.call(1, 0, 1);
  b.patchHere(done);
  b.ret(1, 1);
  const vm::Type* params[] = {vm::types::anyType()};
  const vm::Type* results[] = {vm::types::anyType()};
  return b.finish(vm::funcOf(params, results, false));
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
    vm::addMethod(named, "Get", getMethod(), true);
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
