// stdlib/errors.cpp: package errors (New, Is, As, Unwrap, Join) and the
// shared error helpers of error_values.h.
//
// errors.Is and errors.As follow Go 1.20's algorithms, including the
// multi-error tree walk for errors whose Unwrap returns []error (from
// errors.Join and fmt.Errorf with several %w). Whether an Unwrap method
// returns error or []error is decided by what it returns, since values
// carry their types.
#include "stdlib/error_values.h"

#include <vector>

#include "stdlib/native_support.h"
#include "vm/compare.h"
#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

// ---- *errors.errorString ----------------------------------------------------

int errorStringError(vm::Thread&, const Value* args, int, Value* out) {
  auto* s = receiverStruct(args);
  out[0] = s->fields()[0];
  return 1;
}

const vm::Type* errorStringType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("errors", "errorString",
                                   {field("s", vm::types::stringType())});
    defineMethod(named, "Error", errorStringError, true);
    return named;
  }();
  return t;
}

// ---- *errors.joinError ------------------------------------------------------

int joinErrorError(vm::Thread& th, const Value* args, int, Value* out) {
  auto* s = receiverStruct(args);
  std::string msg;
  bool first = true;
  for (Value e : sliceView(s->fields()[0])) {
    if (!first) msg += '\n';
    first = false;
    msg += errorMessage(th, e);
  }
  out[0] = vm::makeString(msg);
  return 1;
}

int joinErrorUnwrap(vm::Thread&, const Value* args, int, Value* out) {
  auto* s = receiverStruct(args);
  out[0] = s->fields()[0];
  return 1;
}

const vm::Type* joinErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("errors", "joinError", {field("errs", errorSliceType())});
    defineMethod(named, "Error", joinErrorError, true);
    defineMethod(named, "Unwrap", joinErrorUnwrap, true);
    return named;
  }();
  return t;
}

// ---- Is and As --------------------------------------------------------------

bool isComparableValue(Value v) { return vm::isComparable(vm::typeOf(v)); }

// Walks err's tree depth first, as errors.Is and errors.As do: err itself,
// then what Unwrap() error returns, or each of Unwrap() []error in turn.
// Stops at the first error for which found(e) is true.
template <class Found>
bool searchErrorTree(vm::Thread& th, Value err, const Found& found) {
  for (;;) {
    if (found(err)) return true;
    Unwrapped u = unwrap(th, err);
    switch (u.kind) {
      case Unwrapped::Kind::None:
        return false;
      case Unwrapped::Kind::One:
        err = u.one;
        break;
      case Unwrapped::Kind::Many:
        for (Value e : u.many) {
          if (!e.isNil() && searchErrorTree(th, e, found)) return true;
        }
        return false;
    }
  }
}

bool errorsIs(vm::Thread& th, Value err, Value target) {
  if (target.isNil()) return err.isNil();
  bool comparable = isComparableValue(target);
  return searchErrorTree(th, err, [&](Value e) {
    if (comparable && vm::typeOf(e) == vm::typeOf(target) && vm::valuesEqual(e, target)) return true;
    auto is = findMethod(e, "Is");
    if (!is) return false;
    Value r = callMethod(th, *is, {target});
    return !r.isNil() && vm::toBool(r);
  });
}

// Stores err into *target (a pointer), as reflect's Elem().Set does.
void storeThrough(Value target, Value err) {
  if (target.isRef()) {
    vm::assignInPlace(target.refTarget(), err);
    return;
  }
  auto* p = static_cast<vm::PointerObj*>(target.asObject());
  vm::pointerStore(p, err);
}

bool assignableTo(Value err, const vm::Type* targetType) {
  const vm::Type* t = vm::typeOf(err);
  if (t == targetType) return true;
  return targetType->kind == vm::Kind::Interface && vm::implements(t, targetType);
}

bool errorsAs(vm::Thread& th, Value err, Value target, const vm::Type* targetType) {
  return searchErrorTree(th, err, [&](Value e) {
    if (assignableTo(e, targetType)) {
      storeThrough(target, e);
      return true;
    }
    auto as = findMethod(e, "As");
    if (!as) return false;
    Value r = callMethod(th, *as, {target});
    return !r.isNil() && vm::toBool(r);
  });
}

// ---- Natives ----------------------------------------------------------------

int nativeNew(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = newError(argString(args, nargs, 0));
  return 1;
}

int nativeIs(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value err = arg(args, nargs, 0);
  Value target = arg(args, nargs, 1);
  bool r = err.isNil() || target.isNil() ? err.isNil() && target.isNil()
                                         : errorsIs(th, err, target);
  out[0] = vm::makeBool(r);
  return 1;
}

int nativeAs(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value err = arg(args, nargs, 0);
  Value target = arg(args, nargs, 1);
  if (err.isNil()) {
    out[0] = vm::kFalse;
    return 1;
  }
  if (target.isNil()) vm::throwPanic(vm::makeString("errors: target cannot be nil"));
  const vm::Type* pt = vm::typeOf(target);
  if (pt->kind != vm::Kind::Pointer || vm::isNilValue(target)) {
    vm::throwPanic(vm::makeString("errors: target must be a non-nil pointer"));
  }
  const vm::Type* targetType = pt->elem;
  if (targetType->kind != vm::Kind::Interface &&
      !vm::implements(targetType, vm::types::errorType())) {
    vm::throwPanic(vm::makeString("errors: *target must be interface or implement error"));
  }
  out[0] = vm::makeBool(errorsAs(th, err, target, targetType));
  return 1;
}

int nativeUnwrap(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value err = arg(args, nargs, 0);
  out[0] = Value();
  if (err.isNil()) return 1;
  // Unwrap only follows `Unwrap() error`; joined errors are not unwrapped.
  Unwrapped u = unwrap(th, err);
  if (u.kind == Unwrapped::Kind::One) out[0] = u.one;
  return 1;
}

int nativeJoin(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::vector<Value, vm::GcAllocator<Value>> errs;
  for (int i = 0; i < nargs; i++) {
    if (!args[i].isNil()) errs.push_back(args[i]);
  }
  if (errs.empty()) {
    out[0] = Value();
    return 1;
  }
  vm::StructObj* e = vm::newStruct(joinErrorType());
  e->fields()[0] = vm::sliceFromValues(errorSliceType(), errs.data(),
                                       static_cast<int64_t>(errs.size()));
  out[0] = Value::ref(e);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "errors",
      "errors",
      {
          funcMember("New", nativeNew),
          funcMember("Is", nativeIs),
          funcMember("As", nativeAs),
          funcMember("Unwrap", nativeUnwrap),
          funcMember("Join", nativeJoin),
          varMember("ErrUnsupported",
                    [] {
                      static Value* slot = [] {
                        Value* s = permanentSlot();
                        *s = newError("unsupported operation");
                        return s;
                      }();
                      return *slot;
                    }),
      },
  });
  return true;
}();

}  // namespace

// ---- Shared helpers ---------------------------------------------------------

Value newError(std::string_view msg) {
  vm::StructObj* e = vm::newStruct(errorStringType());
  e->fields()[0] = vm::makeString(msg);
  return Value::ref(e);
}

std::string errorMessage(vm::Thread& th, Value err) {
  auto m = findMethod(err, "Error");
  if (!m) return "<nil>";
  Value r = callMethod(th, *m);
  return vm::isString(r) ? std::string(vm::stringView(r)) : std::string();
}

Unwrapped unwrap(vm::Thread& th, Value err) {
  Unwrapped u;
  auto m = findMethod(err, "Unwrap");
  if (!m) return u;
  Value r = callMethod(th, *m);
  if (vm::kindOf(r) == vm::Kind::Slice) {
    u.kind = Unwrapped::Kind::Many;
    for (Value e : sliceView(r)) u.many.push_back(e);
    return u;
  }
  if (r.isNil() || vm::isNilValue(r)) return u;
  u.kind = Unwrapped::Kind::One;
  u.one = r;
  return u;
}

const vm::Type* errorSliceType() {
  static const vm::Type* t = vm::sliceOf(vm::types::errorType());
  return t;
}

Value* permanentErrorSlot(std::string_view msg) {
  Value* slot = permanentSlot();
  *slot = newError(msg);
  return slot;
}

namespace {
constexpr char kEOF[] = "EOF";
constexpr char kUnexpectedEOF[] = "unexpected EOF";
}  // namespace

Value eofError() { return sentinelError<kEOF>(); }
Value unexpectedEOF() { return sentinelError<kUnexpectedEOF>(); }

}  // namespace gsl::stdlib
