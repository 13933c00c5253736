// stdlib/seq.cpp: native iterators and collecting iterators (stdlib/seq.h).
#include "stdlib/seq.h"

#include <initializer_list>

#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"
#include "vm/type.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

bool callYield(vm::Thread& th, Value yield, std::initializer_list<Value> args) {
  if (yield.isNil() || !yield.isObject()) vm::throwNilDereference();
  Value r = vm::callFunction1(th, yield, args);
  return !r.isNil() && vm::toBool(r);
}

// The yield function of collectSeq: its bound state is a cell whose value
// is a []any of everything yielded so far.
int collectYield(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto* cell = static_cast<vm::CellObj*>(args[0].asObject());
  for (int i = 1; i < nargs; i++) cell->value = vm::appendValue(cell->value, vm::copyValue(args[i]));
  out[0] = vm::kTrue;
  return 1;
}

}  // namespace

Value makeSeq(std::string_view name, vm::NativeFn body, Value state, const vm::Type* k,
              const vm::Type* v) {
  const vm::Type* key = k ? k : vm::types::anyType();
  std::vector<const vm::Type*> yieldParams{key};
  if (v) yieldParams.push_back(v);
  const vm::Type* boolResult[] = {vm::types::boolType()};
  const vm::Type* yieldType = vm::funcOf(yieldParams, boolResult, false);
  const vm::Type* seqParams[] = {yieldType};
  const vm::Type* sig = vm::funcOf(seqParams, {}, false);
  return Value::object(vm::bindReceiver(vm::makeNative(name, body, sig), state));
}

bool yieldOne(vm::Thread& th, Value yield, Value a) { return callYield(th, yield, {vm::copyValue(a)}); }

bool yieldTwo(vm::Thread& th, Value yield, Value a, Value b) {
  return callYield(th, yield, {vm::copyValue(a), vm::copyValue(b)});
}

ValueVector collectSeq(vm::Thread& th, Value seq, int arity) {
  if (seq.isNil() || !seq.isObject()) vm::throwNilDereference();
  const vm::Type* anySlice = vm::sliceOf(vm::types::anyType());
  vm::CellObj* cell = vm::newCell(nullptr, vm::nilOf(anySlice));
  std::vector<const vm::Type*> yieldParams;
  for (int i = 0; i < arity; i++) {
    const vm::Type* t = seqParamType(seq, i);
    yieldParams.push_back(t ? t : vm::types::anyType());
  }
  const vm::Type* boolResult[] = {vm::types::boolType()};
  const vm::Type* yieldType = vm::funcOf(yieldParams, boolResult, false);
  Value yield = Value::object(
      vm::bindReceiver(vm::makeNative("iter.yield", collectYield, yieldType), Value::object(cell)));
  vm::callFunction(th, seq, &yield, 1, nullptr, 0);
  ValueVector got;
  for (int64_t i = 0; i < vm::sliceLen(cell->value); i++) got.push_back(vm::sliceIndex(cell->value, i));
  return got;
}

const vm::Type* seqParamType(Value seq, int i) {
  const vm::Type* t = vm::typeOf(seq);
  if (t == nullptr || t->kind != vm::Kind::Func || t->params.empty()) return nullptr;
  const vm::Type* yield = t->params[0];
  if (yield == nullptr || yield->kind != vm::Kind::Func) return nullptr;
  if (i >= static_cast<int>(yield->params.size())) return nullptr;
  return yield->params[i];
}

}  // namespace gsl::stdlib
