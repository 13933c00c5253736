// stdlib/maps.cpp: package maps (Go 1.21's functions and Go 1.23's
// iterators).
//
// The functions are generic in Go; here they work on any map value, and a
// map they create has the type of their argument (a named map type stays
// named). Keys, Values and All walk the live map the way a `for range`
// over it would (vm/map.h): entries deleted before they are reached are
// not produced, so `slices.Sorted(maps.Keys(m))` and direct calls of the
// iterators behave as Go's.
#include "stdlib/native_support.h"
#include "stdlib/seq.h"
#include "vm/compare.h"
#include "vm/map.h"
#include "vm/native_iter.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

const vm::Type* mapTypeOf(Value m) {
  const vm::Type* t = vm::typeOf(m);
  return t && t->kind == vm::Kind::Map ? t : nullptr;
}

bool callBool(vm::Thread& th, Value fn, Value a, Value b) {
  Value args[2] = {vm::copyValue(a), vm::copyValue(b)};
  Value out[1];
  int n = vm::callFunction(th, fn, args, 2, out, 1);
  return n > 0 && !out[0].isNil() && vm::toBool(out[0]);
}

// Calls f(k, v) for each entry of m (as `for k, v := range m`) until f
// returns false.
template <class F>
void forEachEntry(Value m, F f) {
  if (vm::asMap(m) == nullptr) return;
  vm::MapIter* it = vm::newMapIter(m);
  Value k, v;
  while (vm::mapIterNext(*it, &k, &v)) {
    if (!f(k, v)) return;
  }
}

// ---- Iterators ----------------------------------------------------------------

int allBody(vm::Thread& th, const Value* args, int, Value*) {
  Value yield = args[1];
  forEachEntry(args[0], [&](Value k, Value v) { return yieldTwo(th, yield, k, v); });
  return 0;
}

int keysBody(vm::Thread& th, const Value* args, int, Value*) {
  Value yield = args[1];
  forEachEntry(args[0], [&](Value k, Value) { return yieldOne(th, yield, k); });
  return 0;
}

int valuesBody(vm::Thread& th, const Value* args, int, Value*) {
  Value yield = args[1];
  forEachEntry(args[0], [&](Value, Value v) { return yieldOne(th, yield, v); });
  return 0;
}

// Step functions (vm/native_iter.h) for `for k, v := range maps.All(m)`:
// the cursor is a live map iterator, so entries deleted before they are
// reached are not produced, as in the bodies above.
bool stepEntry(Value m, Value* cursor, Value* k, Value* v) {
  if (cursor->isNil()) *cursor = Value::object(vm::newMapIter(m));
  return vm::mapIterNext(*static_cast<vm::MapIter*>(cursor->asObject()), k, v);
}

int allStep(vm::Thread&, Value m, Value* cursor, Value* out) {
  return stepEntry(m, cursor, &out[0], &out[1]) ? 2 : 0;
}

int keysStep(vm::Thread&, Value m, Value* cursor, Value* out) {
  Value v;
  return stepEntry(m, cursor, &out[0], &v) ? 1 : 0;
}

int valuesStep(vm::Thread&, Value m, Value* cursor, Value* out) {
  Value k;
  return stepEntry(m, cursor, &k, &out[0]) ? 1 : 0;
}

const bool kStepsRegistered = [] {
  vm::registerNativeIterStep(allBody, allStep);
  vm::registerNativeIterStep(keysBody, keysStep);
  vm::registerNativeIterStep(valuesBody, valuesStep);
  return true;
}();

int nAll(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value m = arg(args, nargs, 0);
  const vm::Type* t = mapTypeOf(m);
  out[0] = makeSeq("maps.All.func1", allBody, m, t ? t->key : nullptr,
                   t ? t->elem : vm::types::anyType());
  return 1;
}

int nKeys(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value m = arg(args, nargs, 0);
  const vm::Type* t = mapTypeOf(m);
  out[0] = makeSeq("maps.Keys.func1", keysBody, m, t ? t->key : nullptr);
  return 1;
}

int nValues(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value m = arg(args, nargs, 0);
  const vm::Type* t = mapTypeOf(m);
  out[0] = makeSeq("maps.Values.func1", valuesBody, m, t ? t->elem : nullptr);
  return 1;
}

// The yield function of Insert and Collect: stores each pair into the map
// it is bound to as soon as it is yielded, as Go's loop body does.
int insertYield(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::mapSet(args[0], arg(args, nargs, 1), arg(args, nargs, 2));
  out[0] = vm::kTrue;
  return 1;
}

void insertFrom(vm::Thread& th, Value m, Value seq) {
  if (seq.isNil() || !seq.isObject()) vm::throwNilDereference();
  const vm::Type* t = mapTypeOf(m);
  const vm::Type* params[2] = {t ? t->key : vm::types::anyType(), t ? t->elem : vm::types::anyType()};
  const vm::Type* boolResult[] = {vm::types::boolType()};
  const vm::Type* yieldType = vm::funcOf(params, boolResult, false);
  Value yield = Value::object(vm::bindReceiver(vm::makeNative("maps.Insert.func1", insertYield, yieldType), m));
  vm::callFunction(th, seq, &yield, 1, nullptr, 0);
}

int nInsert(vm::Thread& th, const Value* args, int nargs, Value*) {
  insertFrom(th, arg(args, nargs, 0), arg(args, nargs, 1));
  return 0;
}

int nCollect(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value seq = arg(args, nargs, 0);
  const vm::Type* k = seqParamType(seq, 0);
  const vm::Type* v = seqParamType(seq, 1);
  Value m = vm::makeMap(vm::mapOf(k ? k : vm::types::anyType(), v ? v : vm::types::anyType()));
  insertFrom(th, m, seq);
  out[0] = m;
  return 1;
}

// ---- Copying, deleting, comparing ------------------------------------------------

int nClone(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value m = arg(args, nargs, 0);
  const vm::Type* t = mapTypeOf(m);
  if (t == nullptr || vm::asMap(m) == nullptr) {
    out[0] = m;
    return 1;
  }
  Value r = vm::makeMap(t, vm::mapLen(m));
  forEachEntry(m, [&](Value k, Value v) {
    vm::mapSet(r, k, v);
    return true;
  });
  out[0] = r;
  return 1;
}

int nCopy(vm::Thread&, const Value* args, int nargs, Value*) {
  Value dst = arg(args, nargs, 0);
  forEachEntry(arg(args, nargs, 1), [&](Value k, Value v) {
    vm::mapSet(dst, k, v);
    return true;
  });
  return 0;
}

int nDeleteFunc(vm::Thread& th, const Value* args, int nargs, Value*) {
  Value m = arg(args, nargs, 0), del = arg(args, nargs, 1);
  forEachEntry(m, [&](Value k, Value v) {
    if (callBool(th, del, k, v)) vm::mapDelete(m, k);
    return true;
  });
  return 0;
}

int nEqual(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value a = arg(args, nargs, 0), b = arg(args, nargs, 1);
  bool eq = vm::mapLen(a) == vm::mapLen(b);
  if (eq) {
    forEachEntry(a, [&](Value k, Value v1) {
      bool ok = false;
      Value v2 = vm::mapGet(b, k, &ok);
      eq = ok && vm::valuesEqual(v1, v2);
      return eq;
    });
  }
  out[0] = vm::makeBool(eq);
  return 1;
}

int nEqualFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value a = arg(args, nargs, 0), b = arg(args, nargs, 1), eqf = arg(args, nargs, 2);
  bool eq = vm::mapLen(a) == vm::mapLen(b);
  if (eq) {
    forEachEntry(a, [&](Value k, Value v1) {
      bool ok = false;
      Value v2 = vm::mapGet(b, k, &ok);
      eq = ok && callBool(th, eqf, v1, v2);
      return eq;
    });
  }
  out[0] = vm::makeBool(eq);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "maps",
      "maps",
      {
          funcMember("All", nAll),
          funcMember("Clone", nClone),
          funcMember("Collect", nCollect),
          funcMember("Copy", nCopy),
          funcMember("DeleteFunc", nDeleteFunc),
          funcMember("Equal", nEqual),
          funcMember("EqualFunc", nEqualFunc),
          funcMember("Insert", nInsert),
          funcMember("Keys", nKeys),
          funcMember("Values", nValues),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
