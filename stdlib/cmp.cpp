// stdlib/cmp.cpp: package cmp (Go 1.21; Or from Go 1.22).
//
// Compare and Less order integers, floats and strings as Go's generic
// functions do: a NaN sorts before every other value and equals another
// NaN, and -0 equals +0. Arguments of one call have one type in Go; an
// untyped constant that arrives as its default type (the 2 in
// `cmp.Compare(x, 2)` with x float64) is converted to the other argument's
// type first, as Go's type inference would.
#include "stdlib/native_support.h"
#include "vm/compare.h"
#include "vm/convert.h"
#include "vm/object.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// Brings a and b to one type when one of them is an untyped constant's
// default type.
void unify(Value& a, Value& b) {
  const vm::Type* ta = vm::typeOf(a);
  const vm::Type* tb = vm::typeOf(b);
  if (ta == tb || ta == nullptr || tb == nullptr) return;
  b = vm::assignConvert(ta, b);
  a = vm::assignConvert(vm::typeOf(b), a);
}

int nCompare(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value a = arg(args, nargs, 0), b = arg(args, nargs, 1);
  unify(a, b);
  out[0] = vm::makeInt(vm::compareValues(a, b));
  return 1;
}

int nLess(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value a = arg(args, nargs, 0), b = arg(args, nargs, 1);
  unify(a, b);
  out[0] = vm::makeBool(vm::compareValues(a, b) < 0);
  return 1;
}

bool isDefaultType(const vm::Type* t) {
  namespace types = vm::types;
  return t == types::intType() || t == types::float64Type() || t == types::stringType() ||
         t == types::boolType() || t == types::runeType() || t == types::complex128Type();
}

// Or(vals...): the first value that is not the zero value, else the zero
// value.
int nOr(vm::Thread&, const Value* args, int nargs, Value* out) {
  if (nargs == 0) {
    out[0] = Value();
    return 1;
  }
  // The arguments' common type: the first one that is not the default type
  // of an untyped constant, if any.
  const vm::Type* t = vm::typeOf(args[0]);
  for (int i = 0; i < nargs; i++) {
    if (!isDefaultType(vm::typeOf(args[i]))) {
      t = vm::typeOf(args[i]);
      break;
    }
  }
  for (int i = 0; i < nargs; i++) {
    Value v = t ? vm::assignConvert(t, args[i]) : args[i];
    if (v.isNil()) continue;
    if (!vm::valuesEqual(v, vm::zeroValue(vm::typeOf(v)))) {
      out[0] = vm::copyValue(v);
      return 1;
    }
  }
  out[0] = t ? vm::zeroValue(t) : Value();
  return 1;
}

const vm::Type* orderedType() {
  // A constraint: only usable in type parameter lists, which gsl parses and
  // ignores; as a type it admits any value.
  static const vm::Type* t = defineNamed("cmp", "Ordered", vm::types::anyType());
  return t;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "cmp",
      "cmp",
      {
          funcMember("Compare", nCompare),
          funcMember("Less", nLess),
          funcMember("Or", nOr),
          typeMember("Ordered", orderedType),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
