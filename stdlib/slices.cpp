// stdlib/slices.cpp: package slices (Go 1.21, with the additions of Go 1.22
// and the iterator functions of Go 1.23).
//
// The functions are generic in Go; here they work on any slice value, and
// results keep the argument's slice type (a named slice type stays named).
// They follow Go 1.22's implementations where the difference shows:
//  * Delete, DeleteFunc, Compact, CompactFunc and Replace zero the elements
//    they leave past the new length (visible through the original slice);
//  * Insert and Replace behave as if the inserted values were copied first,
//    even when they alias the slice.
// Element moves follow Go's memory semantics: a store copies a struct or
// array element into the destination's own object (vm/object.h), so a
// pointer to s[i] keeps seeing whatever value s[i] holds. Elements are
// read and written through vm/slice.h's accessors (either element layout).
//
// Sorting uses Go's algorithms step for step (stdlib/sort_algorithms.h), so
// SortFunc leaves equal elements where Go's does and calls cmp in Go's
// order. Sort on integer and string elements, whose equal elements cannot
// be told apart, sorts directly.
//
// A value argument of the element type (Index(s, v), Insert(s, i, v...))
// that arrives as an untyped constant's default type is converted to the
// element type first, as Go's type checker would.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "stdlib/native_support.h"
#include "stdlib/seq.h"
#include "stdlib/sort_algorithms.h"
#include "vm/compare.h"
#include "vm/convert.h"
#include "vm/native_iter.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// ---- Helpers -----------------------------------------------------------------

const vm::Type* elemOf(Value s) {
  const vm::Type* t = vm::typeOf(s);
  return t && t->kind == vm::Kind::Slice ? t->elem : nullptr;
}

// A value to be stored as an element of s (see the header comment).
Value asElem(Value s, Value v) {
  const vm::Type* e = elemOf(s);
  return e ? vm::assignConvert(e, v) : v;
}

int64_t lenOf(Value s) { return vm::kindOf(s) == vm::Kind::Slice ? vm::sliceLen(s) : 0; }

// Elements are reached through vm/slice.h's accessors, which work for both
// element layouts (byte slices keep one byte per element).
Value at(Value s, int64_t i) { return vm::sliceIndex(s, i); }
void put(Value s, int64_t i, Value v) { vm::sliceStore(s, i, v); }

// s[k] = zero value, for k in [from, to).
void clearRange(Value s, int64_t from, int64_t to) {
  const vm::Type* e = elemOf(s);
  for (int64_t k = from; k < to; k++) put(s, k, vm::zeroValue(e));
}

Value reslice(Value s, int64_t lo, int64_t hi) { return vm::sliceExpr(s, lo, hi, 0, false); }

int callInt(vm::Thread& th, Value fn, Value a, Value b) {
  Value r = vm::callFunction1(th, fn, {vm::copyValue(a), vm::copyValue(b)});
  int64_t c = vm::toInt64(r);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool callBool(vm::Thread& th, Value fn, std::initializer_list<Value> args) {
  Value copies[2];
  int n = 0;
  for (Value a : args) copies[n++] = vm::copyValue(a);
  Value out[1];
  int got = vm::callFunction(th, fn, copies, n, out, 1);
  return got > 0 && !out[0].isNil() && vm::toBool(out[0]);
}

// cmp.Less on ordered values: NaN sorts first.
bool lessOrdered(Value a, Value b) { return vm::compareValues(a, b) < 0; }

// Whether equal elements of this kind are indistinguishable (so any
// correct sort gives Go's result).
bool tiesInvisible(const vm::Type* e) {
  return e && (vm::isIntegerKind(e->kind) || e->kind == vm::Kind::String);
}

// ---- Sorting data ---------------------------------------------------------------

class OrderedData : public SortData {
 public:
  explicit OrderedData(Value s) : s_(s) {}
  bool less(int64_t i, int64_t j) override { return lessOrdered(at(s_, i), at(s_, j)); }
  void swap(int64_t i, int64_t j) override { vm::sliceSwap(s_, i, j); }

 private:
  Value s_;
};

class CmpFuncData : public SortData {
 public:
  CmpFuncData(vm::Thread& th, Value s, Value cmp) : th_(th), s_(s), cmp_(cmp) {}
  bool less(int64_t i, int64_t j) override { return callInt(th_, cmp_, at(s_, i), at(s_, j)) < 0; }
  void swap(int64_t i, int64_t j) override { vm::sliceSwap(s_, i, j); }

 private:
  vm::Thread& th_;
  Value s_;
  Value cmp_;
};

void sortOrdered(Value s) {
  int64_t n = lenOf(s);
  if (n < 2) return;
  const vm::Type* e = elemOf(s);
  if (vm::isByteElem(e)) {
    size_t len = 0;
    uint8_t* bytes = vm::byteSliceData(s, &len);
    std::sort(bytes, bytes + len);
    return;
  }
  if (tiesInvisible(e)) {
    Value* first = vm::sliceElemSlot(s, 0);
    std::sort(first, first + n, lessOrdered);
    return;
  }
  OrderedData d(s);
  sortData(d, n);
}

// ---- Searching and comparing ------------------------------------------------------

int nIndex(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  Value x = asElem(s, arg(args, nargs, 1));
  int64_t found = -1;
  for (int64_t i = 0; i < lenOf(s); i++) {
    if (vm::valuesEqual(at(s, i), x)) {
      found = i;
      break;
    }
  }
  out[0] = vm::makeInt(found);
  return 1;
}

int nContains(vm::Thread& th, const Value* args, int nargs, Value* out) {
  nIndex(th, args, nargs, out);
  out[0] = vm::makeBool(out[0].asInt() >= 0);
  return 1;
}

int64_t indexFunc(vm::Thread& th, Value s, Value f) {
  int64_t n = lenOf(s);
  for (int64_t i = 0; i < n; i++) {
    if (callBool(th, f, {vm::sliceIndex(s, i)})) return i;
  }
  return -1;
}

int nIndexFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(indexFunc(th, arg(args, nargs, 0), arg(args, nargs, 1)));
  return 1;
}

int nContainsFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(indexFunc(th, arg(args, nargs, 0), arg(args, nargs, 1)) >= 0);
  return 1;
}

int nEqual(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value a = arg(args, nargs, 0), b = arg(args, nargs, 1);
  bool eq = lenOf(a) == lenOf(b);
  for (int64_t i = 0; eq && i < lenOf(a); i++) eq = vm::valuesEqual(at(a, i), at(b, i));
  out[0] = vm::makeBool(eq);
  return 1;
}

int nEqualFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value a = arg(args, nargs, 0), b = arg(args, nargs, 1), eqf = arg(args, nargs, 2);
  bool eq = lenOf(a) == lenOf(b);
  for (int64_t i = 0; eq && i < lenOf(a); i++) {
    eq = callBool(th, eqf, {vm::sliceIndex(a, i), vm::sliceIndex(b, i)});
  }
  out[0] = vm::makeBool(eq);
  return 1;
}

int nCompare(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value a = arg(args, nargs, 0), b = arg(args, nargs, 1);
  int r = 0;
  for (int64_t i = 0; i < lenOf(a) && r == 0; i++) {
    if (i >= lenOf(b)) {
      r = 1;
      break;
    }
    r = vm::compareValues(at(a, i), at(b, i));
  }
  if (r == 0 && lenOf(a) < lenOf(b)) r = -1;
  out[0] = vm::makeInt(r);
  return 1;
}

int nCompareFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value a = arg(args, nargs, 0), b = arg(args, nargs, 1), cmp = arg(args, nargs, 2);
  for (int64_t i = 0; i < lenOf(a); i++) {
    if (i >= lenOf(b)) {
      out[0] = vm::makeInt(1);
      return 1;
    }
    // Go returns cmp's own result, not just its sign.
    Value c = vm::callFunction1(th, cmp, {vm::copyValue(vm::sliceIndex(a, i)),
                                          vm::copyValue(vm::sliceIndex(b, i))});
    if (vm::toInt64(c) != 0) {
      out[0] = vm::makeInt(vm::toInt64(c));
      return 1;
    }
  }
  out[0] = vm::makeInt(lenOf(a) < lenOf(b) ? -1 : 0);
  return 1;
}

int nBinarySearch(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  Value target = asElem(s, arg(args, nargs, 1));
  int64_t n = lenOf(s);
  int64_t i = 0, j = n;
  while (i < j) {
    auto h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
    if (lessOrdered(at(s, h), target)) {
      i = h + 1;
    } else {
      j = h;
    }
  }
  out[0] = vm::makeInt(i);
  out[1] = vm::makeBool(i < n && vm::compareValues(at(s, i), target) == 0);
  return 2;
}

int nBinarySearchFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0), target = arg(args, nargs, 1), cmp = arg(args, nargs, 2);
  int64_t n = lenOf(s);
  int64_t i = 0, j = n;
  while (i < j) {
    auto h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
    if (callInt(th, cmp, vm::sliceIndex(s, h), target) < 0) {
      i = h + 1;
    } else {
      j = h;
    }
  }
  out[0] = vm::makeInt(i);
  out[1] = vm::makeBool(i < n && callInt(th, cmp, vm::sliceIndex(s, i), target) == 0);
  return 2;
}

// ---- Min and max ------------------------------------------------------------------

// The builtin max/min of two values of one ordered type: NaN wins, and
// max prefers +0 over -0 (min the reverse).
Value pick(Value best, Value x, bool wantMin) {
  if (vm::isFloatKind(vm::kindOf(x))) {
    double db = vm::toDouble(best), dx = vm::toDouble(x);
    if (std::isnan(db)) return best;
    if (std::isnan(dx)) return x;
    if (dx == db && dx == 0) return (wantMin ? std::signbit(dx) : !std::signbit(dx)) ? x : best;
  }
  return (wantMin ? vm::opLess(x, best) : vm::opLess(best, x)) ? x : best;
}

template <bool kMin>
int nMinMax(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  if (lenOf(s) < 1) vm::throwPanic(vm::makeString(kMin ? "slices.Min: empty list" : "slices.Max: empty list"));
  Value best = at(s, 0);
  for (int64_t i = 1; i < lenOf(s); i++) best = pick(best, at(s, i), kMin);
  out[0] = vm::copyValue(best);
  return 1;
}

template <bool kMin>
int nMinMaxFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0), cmp = arg(args, nargs, 1);
  if (lenOf(s) < 1) {
    vm::throwPanic(vm::makeString(kMin ? "slices.MinFunc: empty list" : "slices.MaxFunc: empty list"));
  }
  Value best = vm::sliceIndex(s, 0);
  for (int64_t i = 1; i < lenOf(s); i++) {
    Value x = vm::sliceIndex(s, i);
    int c = callInt(th, cmp, x, best);
    if (kMin ? c < 0 : c > 0) best = x;
  }
  out[0] = vm::copyValue(best);
  return 1;
}

// ---- Sorting ------------------------------------------------------------------------

int nSort(vm::Thread&, const Value* args, int nargs, Value*) {
  sortOrdered(arg(args, nargs, 0));
  return 0;
}

int nSortFunc(vm::Thread& th, const Value* args, int nargs, Value*) {
  Value s = arg(args, nargs, 0);
  CmpFuncData d(th, s, arg(args, nargs, 1));
  sortData(d, lenOf(s));
  return 0;
}

int nSortStableFunc(vm::Thread& th, const Value* args, int nargs, Value*) {
  Value s = arg(args, nargs, 0);
  CmpFuncData d(th, s, arg(args, nargs, 1));
  stableSort(d, lenOf(s));
  return 0;
}

int nIsSorted(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  bool sorted = true;
  for (int64_t i = lenOf(s) - 1; i > 0 && sorted; i--) sorted = !lessOrdered(at(s, i), at(s, i - 1));
  out[0] = vm::makeBool(sorted);
  return 1;
}

int nIsSortedFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0), cmp = arg(args, nargs, 1);
  bool sorted = true;
  for (int64_t i = lenOf(s) - 1; i > 0 && sorted; i--) {
    sorted = callInt(th, cmp, vm::sliceIndex(s, i), vm::sliceIndex(s, i - 1)) >= 0;
  }
  out[0] = vm::makeBool(sorted);
  return 1;
}

int nReverse(vm::Thread&, const Value* args, int nargs, Value*) {
  Value s = arg(args, nargs, 0);
  for (int64_t i = 0, j = lenOf(s) - 1; i < j; i++, j--) vm::sliceSwap(s, i, j);
  return 0;
}

// ---- Building and editing slices ------------------------------------------------------

// Clone(s): nil stays nil; otherwise append(S([]E{}), s...), with Go's capacity.
int nClone(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  if (s.isNil() || !s.isObject()) {
    out[0] = s;
    return 1;
  }
  out[0] = vm::appendSlice(vm::sliceExpr(s, 0, 0, 0, true), s);
  return 1;
}

int nClip(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  int64_t n = lenOf(s);
  out[0] = vm::sliceExpr(s, 0, n, n, true);
  return 1;
}

// Grow(s, n): room for n more elements without another allocation.
int nGrow(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  int64_t n = argInt(args, nargs, 1);
  if (n < 0) vm::throwPanic(vm::makeString("cannot be negative"));
  int64_t len = lenOf(s), cap = vm::kindOf(s) == vm::Kind::Slice ? vm::sliceCap(s) : 0;
  n -= cap - len;
  if (n > 0) {
    ValueVector zeros(static_cast<size_t>(n), vm::zeroValue(elemOf(s)));
    if (vm::isAggregate(zeros[0])) {
      for (auto& z : zeros) z = vm::zeroValue(elemOf(s));
    }
    Value full = reslice(s, 0, cap);
    s = reslice(vm::appendValues(full, zeros.data(), n), 0, len);
  }
  out[0] = s;
  return 1;
}

int nConcat(vm::Thread&, const Value* args, int nargs, Value* out) {
  if (nargs == 0) {
    out[0] = Value();
    return 1;
  }
  ValueVector all;
  for (int i = 0; i < nargs; i++) {
    for (int64_t k = 0; k < lenOf(args[i]); k++) all.push_back(at(args[i], k));
  }
  const vm::Type* t = vm::typeOf(args[0]);
  Value r = vm::nilOf(t);
  if (!all.empty()) r = vm::appendValues(r, all.data(), static_cast<int64_t>(all.size()));
  out[0] = r;
  return 1;
}

// The values args[from...] as fresh elements of s's type.
ValueVector elemArgs(Value s, const Value* args, int nargs, int from) {
  ValueVector v;
  for (int i = from; i < nargs; i++) v.push_back(vm::copyValue(asElem(s, args[i])));
  return v;
}

int nInsert(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  int64_t i = argInt(args, nargs, 1);
  int64_t n = lenOf(s);
  vm::sliceExpr(s, i, n, 0, false);  // Go's bounds check `_ = s[i:]`
  ValueVector v = elemArgs(s, args, nargs, 2);
  auto m = static_cast<int64_t>(v.size());
  if (m == 0) {
    out[0] = s;
    return 1;
  }
  if (i == n) {
    out[0] = vm::appendValues(s, v.data(), m);
    return 1;
  }
  ValueVector tail;
  for (int64_t k = i; k < n; k++) tail.push_back(vm::copyValue(at(s, k)));
  if (n + m > vm::sliceCap(s)) {
    // append(s[:i], make(S, n+m-i)...) then fill: a new array, Go's capacity.
    ValueVector rest(v);
    rest.insert(rest.end(), tail.begin(), tail.end());
    out[0] = vm::appendValues(reslice(s, 0, i), rest.data(), static_cast<int64_t>(rest.size()));
    return 1;
  }
  Value r = reslice(s, 0, n + m);
  for (int64_t k = 0; k < m; k++) put(r, i + k, v[k]);
  for (int64_t k = 0; k < n - i; k++) put(r, i + m + k, tail[k]);
  out[0] = r;
  return 1;
}

int nDelete(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  int64_t i = argInt(args, nargs, 1), j = argInt(args, nargs, 2);
  int64_t n = lenOf(s);
  vm::sliceExpr(s, i, j, n, true);  // Go's bounds check `_ = s[i:j:len(s)]`
  if (i == j) {
    out[0] = s;
    return 1;
  }
  for (int64_t k = j; k < n; k++) put(s, i + k - j, at(s, k));
  int64_t newLen = n - (j - i);
  clearRange(s, newLen, n);
  out[0] = reslice(s, 0, newLen);
  return 1;
}

int nDeleteFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0), del = arg(args, nargs, 1);
  int64_t i = indexFunc(th, s, del);
  if (i == -1) {
    out[0] = s;
    return 1;
  }
  int64_t n = lenOf(s);
  for (int64_t j = i + 1; j < n; j++) {
    Value x = vm::sliceIndex(s, j);
    if (!callBool(th, del, {x})) {
      put(s, i, x);
      i++;
    }
  }
  clearRange(s, i, n);
  out[0] = reslice(s, 0, i);
  return 1;
}

// Compact and CompactFunc: keep the first of each run of equal neighbours.
template <class Eq>
Value compact(Value s, Eq eq) {
  int64_t n = lenOf(s);
  if (n < 2) return s;
  int64_t kept = 1;
  for (int64_t k = 1; k < n; k++) {
    Value cur = vm::sliceIndex(s, k), prev = vm::sliceIndex(s, k - 1);
    if (!eq(cur, prev)) {
      if (kept != k) put(s, kept, cur);
      kept++;
    }
  }
  clearRange(s, kept, n);
  return reslice(s, 0, kept);
}

int nCompact(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = compact(arg(args, nargs, 0), [](Value a, Value b) { return vm::valuesEqual(a, b); });
  return 1;
}

int nCompactFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value eq = arg(args, nargs, 1);
  out[0] = compact(arg(args, nargs, 0), [&](Value a, Value b) { return callBool(th, eq, {a, b}); });
  return 1;
}

// Replace(s, i, j, v...): s[i:j] replaced by v.
int nReplace(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  int64_t i = argInt(args, nargs, 1), j = argInt(args, nargs, 2);
  int64_t n = lenOf(s);
  vm::sliceExpr(s, i, j, 0, false);  // Go's bounds check `_ = s[i:j]`
  if (i == j) {
    // Insert(s, i, v...), with the arguments rearranged.
    ValueVector insArgs{s, vm::makeInt(i)};
    for (int k = 3; k < nargs; k++) insArgs.push_back(args[k]);
    return nInsert(th, insArgs.data(), static_cast<int>(insArgs.size()), out);
  }
  ValueVector v = elemArgs(s, args, nargs, 3);
  auto m = static_cast<int64_t>(v.size());
  if (j == n) {
    Value r = vm::appendValues(reslice(s, 0, i), v.data(), m);
    if (lenOf(r) < n) clearRange(s, lenOf(r), n);
    out[0] = r;
    return 1;
  }
  ValueVector tail;
  for (int64_t k = j; k < n; k++) tail.push_back(vm::copyValue(at(s, k)));
  int64_t tot = i + m + (n - j);
  if (tot > vm::sliceCap(s)) {
    ValueVector rest(v);
    rest.insert(rest.end(), tail.begin(), tail.end());
    out[0] = vm::appendValues(reslice(s, 0, i), rest.data(), static_cast<int64_t>(rest.size()));
    return 1;
  }
  Value r = reslice(s, 0, tot);
  for (int64_t k = 0; k < m; k++) put(r, i + k, v[k]);
  for (int64_t k = 0; k < n - j; k++) put(r, i + m + k, tail[k]);
  if (tot < n) clearRange(s, tot, n);
  out[0] = r;
  return 1;
}

// ---- Iterators (Go 1.23) ----------------------------------------------------------------

int allBody(vm::Thread& th, const Value* args, int, Value*) {
  Value s = args[0];
  for (int64_t i = 0; i < lenOf(s); i++) {
    if (!yieldTwo(th, args[1], vm::makeInt(i), vm::sliceIndex(s, i))) break;
  }
  return 0;
}

int valuesBody(vm::Thread& th, const Value* args, int, Value*) {
  Value s = args[0];
  for (int64_t i = 0; i < lenOf(s); i++) {
    if (!yieldOne(th, args[1], vm::sliceIndex(s, i))) break;
  }
  return 0;
}

int backwardBody(vm::Thread& th, const Value* args, int, Value*) {
  Value s = args[0];
  for (int64_t i = lenOf(s) - 1; i >= 0; i--) {
    if (!yieldTwo(th, args[1], vm::makeInt(i), vm::sliceIndex(s, i))) break;
  }
  return 0;
}

// The state of Chunk's iterator is []any{s, n}.
int chunkBody(vm::Thread& th, const Value* args, int, Value*) {
  Value s = vm::sliceIndex(args[0], 0);
  int64_t n = vm::toInt64(vm::sliceIndex(args[0], 1));
  for (int64_t i = 0; i < lenOf(s); i += n) {
    int64_t end = std::min(n, lenOf(s) - i);
    if (!yieldOne(th, args[1], vm::sliceExpr(s, i, i + end, i + end, true))) break;
  }
  return 0;
}

// Step functions (vm/native_iter.h) so that `for i, v := range
// slices.All(s)` pulls one element per iteration; the cursor is the next
// index. They visit exactly what the bodies above yield.
int64_t cursorIndex(Value* cursor, int64_t start) { return cursor->isNil() ? start : vm::toInt64(*cursor); }

int allStep(vm::Thread&, Value s, Value* cursor, Value* out) {
  int64_t i = cursorIndex(cursor, 0);
  if (i >= lenOf(s)) return 0;
  out[0] = vm::makeInt(i);
  out[1] = vm::sliceIndex(s, i);
  *cursor = vm::makeInt(i + 1);
  return 2;
}

int valuesStep(vm::Thread&, Value s, Value* cursor, Value* out) {
  int64_t i = cursorIndex(cursor, 0);
  if (i >= lenOf(s)) return 0;
  out[0] = vm::sliceIndex(s, i);
  *cursor = vm::makeInt(i + 1);
  return 1;
}

int backwardStep(vm::Thread&, Value s, Value* cursor, Value* out) {
  int64_t i = cursorIndex(cursor, lenOf(s) - 1);
  if (i < 0) return 0;
  out[0] = vm::makeInt(i);
  out[1] = vm::sliceIndex(s, i);
  *cursor = vm::makeInt(i - 1);
  return 2;
}

int chunkStep(vm::Thread&, Value st, Value* cursor, Value* out) {
  Value s = vm::sliceIndex(st, 0);
  int64_t n = vm::toInt64(vm::sliceIndex(st, 1));
  int64_t i = cursorIndex(cursor, 0);
  if (i >= lenOf(s)) return 0;
  int64_t end = std::min(n, lenOf(s) - i);
  out[0] = vm::sliceExpr(s, i, i + end, i + end, true);
  *cursor = vm::makeInt(i + n);
  return 1;
}

const bool kStepsRegistered = [] {
  vm::registerNativeIterStep(allBody, allStep);
  vm::registerNativeIterStep(valuesBody, valuesStep);
  vm::registerNativeIterStep(backwardBody, backwardStep);
  vm::registerNativeIterStep(chunkBody, chunkStep);
  return true;
}();

int nAll(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  out[0] = makeSeq("slices.All.func1", allBody, s, vm::types::intType(), elemOf(s));
  return 1;
}

int nValues(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  out[0] = makeSeq("slices.Values.func1", valuesBody, s, elemOf(s));
  return 1;
}

int nBackward(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  out[0] = makeSeq("slices.Backward.func1", backwardBody, s, vm::types::intType(), elemOf(s));
  return 1;
}

int nChunk(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  int64_t n = argInt(args, nargs, 1);
  if (n < 1) vm::throwPanic(vm::makeString("cannot be less than 1"));
  Value state[2] = {s, vm::makeInt(n)};
  Value st = vm::sliceFromValues(vm::sliceOf(vm::types::anyType()), state, 2);
  const vm::Type* t = vm::typeOf(s);
  out[0] = makeSeq("slices.Chunk.func1", chunkBody, st, t ? t : vm::sliceOf(vm::types::anyType()));
  return 1;
}

// The slice type []E for what seq yields.
const vm::Type* collectedType(Value seq) {
  const vm::Type* e = seqParamType(seq, 0);
  return vm::sliceOf(e ? e : vm::types::anyType());
}

Value appendAll(Value s, const ValueVector& vals) {
  if (vals.empty()) return s;
  return vm::appendValues(s, vals.data(), static_cast<int64_t>(vals.size()));
}

int nAppendSeq(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = arg(args, nargs, 0);
  out[0] = appendAll(s, collectSeq(th, arg(args, nargs, 1), 1));
  return 1;
}

int nCollect(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value seq = arg(args, nargs, 0);
  out[0] = appendAll(vm::nilOf(collectedType(seq)), collectSeq(th, seq, 1));
  return 1;
}

int nSorted(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value seq = arg(args, nargs, 0);
  Value s = appendAll(vm::nilOf(collectedType(seq)), collectSeq(th, seq, 1));
  sortOrdered(s);
  out[0] = s;
  return 1;
}

template <bool kStable>
int nSortedFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value seq = arg(args, nargs, 0);
  Value s = appendAll(vm::nilOf(collectedType(seq)), collectSeq(th, seq, 1));
  CmpFuncData d(th, s, arg(args, nargs, 1));
  if (kStable) {
    stableSort(d, lenOf(s));
  } else {
    sortData(d, lenOf(s));
  }
  out[0] = s;
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "slices",
      "slices",
      {
          funcMember("All", nAll),
          funcMember("AppendSeq", nAppendSeq),
          funcMember("Backward", nBackward),
          funcMember("BinarySearch", nBinarySearch),
          funcMember("BinarySearchFunc", nBinarySearchFunc),
          funcMember("Chunk", nChunk),
          funcMember("Clip", nClip),
          funcMember("Clone", nClone),
          funcMember("Collect", nCollect),
          funcMember("Compact", nCompact),
          funcMember("CompactFunc", nCompactFunc),
          funcMember("Compare", nCompare),
          funcMember("CompareFunc", nCompareFunc),
          funcMember("Concat", nConcat),
          funcMember("Contains", nContains),
          funcMember("ContainsFunc", nContainsFunc),
          funcMember("Delete", nDelete),
          funcMember("DeleteFunc", nDeleteFunc),
          funcMember("Equal", nEqual),
          funcMember("EqualFunc", nEqualFunc),
          funcMember("Grow", nGrow),
          funcMember("Index", nIndex),
          funcMember("IndexFunc", nIndexFunc),
          funcMember("Insert", nInsert),
          funcMember("IsSorted", nIsSorted),
          funcMember("IsSortedFunc", nIsSortedFunc),
          funcMember("Max", nMinMax<false>),
          funcMember("MaxFunc", nMinMaxFunc<false>),
          funcMember("Min", nMinMax<true>),
          funcMember("MinFunc", nMinMaxFunc<true>),
          funcMember("Replace", nReplace),
          funcMember("Reverse", nReverse),
          funcMember("Sort", nSort),
          funcMember("SortFunc", nSortFunc),
          funcMember("SortStableFunc", nSortStableFunc),
          funcMember("Sorted", nSorted),
          funcMember("SortedFunc", nSortedFunc<false>),
          funcMember("SortedStableFunc", nSortedFunc<true>),
          funcMember("Values", nValues),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
