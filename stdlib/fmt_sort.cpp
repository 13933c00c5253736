// stdlib/fmt_sort.cpp: see fmt_sort.h.
#include "stdlib/fmt_sort.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>

#include "vm/map.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/type.h"

namespace gsl::stdlib::fmt {

using vm::Kind;
using vm::Value;

namespace {

template <typename T>
int cmp3(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

int compareFloats(double a, double b) {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a == b) return 0;
  // NaN sorts before everything else.
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an && !bn) return -1;
  if (!an && bn) return 1;
  return 0;
}

uintptr_t addressOf(Value v) {
  if (v.isRef()) return reinterpret_cast<uintptr_t>(v.refTarget());
  if (v.isObject()) return reinterpret_cast<uintptr_t>(v.asObject());
  return 0;
}

const Value* elementsOf(Value v, int64_t* n) {
  const vm::Object* o = v.asObject();
  if (o->type->kind == Kind::Struct) {
    auto* s = static_cast<const vm::StructObj*>(o);
    *n = static_cast<int64_t>(s->numFields());
    return s->fields();
  }
  auto* a = static_cast<const vm::ArrayObj*>(o);
  *n = a->len;
  return a->elems();
}

}  // namespace

int compareKeys(Value a, Value b) {
  // Keys of an interface-typed map: nil first, then by dynamic type.
  if (a.isNil() || b.isNil()) {
    if (a.isNil() && b.isNil()) return 0;
    return a.isNil() ? -1 : 1;
  }
  const vm::Type* ta = vm::typeOf(a);
  const vm::Type* tb = vm::typeOf(b);
  if (ta != tb) {
    int c = vm::typeString(ta).compare(vm::typeString(tb));
    if (c != 0) return c < 0 ? -1 : 1;
    return cmp3(ta->id, tb->id);
  }
  Kind k = ta->kind;
  if (vm::isSignedKind(k)) return cmp3(vm::toInt64(a), vm::toInt64(b));
  if (vm::isUnsignedKind(k)) return cmp3(vm::toUint64(a), vm::toUint64(b));
  switch (k) {
    case Kind::String: {
      int c = vm::stringView(a).compare(vm::stringView(b));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Kind::Float32:
    case Kind::Float64:
      return compareFloats(vm::toDouble(a), vm::toDouble(b));
    case Kind::Complex64:
    case Kind::Complex128: {
      auto ca = vm::toComplex(a), cb = vm::toComplex(b);
      if (int c = compareFloats(ca.real(), cb.real())) return c;
      return compareFloats(ca.imag(), cb.imag());
    }
    case Kind::Bool: {
      bool x = vm::toBool(a), y = vm::toBool(b);
      return x == y ? 0 : (x ? 1 : -1);
    }
    case Kind::Pointer:
    case Kind::UnsafePointer:
    case Kind::Chan:
      return cmp3(addressOf(a), addressOf(b));
    case Kind::Array:
      if (vm::isByteElem(ta->elem)) {
        int c = vm::bytesView(a).compare(vm::bytesView(b));
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
      }
      [[fallthrough]];
    case Kind::Struct: {
      int64_t n = 0, m = 0;
      const Value* ea = elementsOf(a, &n);
      const Value* eb = elementsOf(b, &m);
      for (int64_t i = 0; i < n && i < m; i++) {
        if (int c = compareKeys(ea[i], eb[i])) return c;
      }
      return 0;
    }
    default:
      return 0;
  }
}

SortedMap sortMap(Value m) {
  SortedMap out;
  if (vm::mapLen(m) == 0) return out;
  vm::MapIter it;
  vm::mapIterInit(it, m);
  Value k, v;
  while (vm::mapIterNext(it, &k, &v)) {
    out.keys.push_back(k);
    out.values.push_back(v);
  }
  std::vector<size_t> order(out.keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t i, size_t j) {
    return compareKeys(out.keys[i], out.keys[j]) < 0;
  });
  SortedMap sorted;
  sorted.keys.reserve(order.size());
  sorted.values.reserve(order.size());
  for (size_t i : order) {
    sorted.keys.push_back(out.keys[i]);
    sorted.values.push_back(out.values[i]);
  }
  return sorted;
}

}  // namespace gsl::stdlib::fmt
