// stdlib/sort.cpp: package sort.
//
// sort.Sort and sort.Slice use Go's pattern-defeating quicksort and
// sort.Stable / sort.SliceStable Go's insertion-sort-plus-SymMerge, step
// for step (stdlib/sort_algorithms.h): with a user's Less that does not
// distinguish every pair of elements, the final order of "equal" elements
// (and the sequence of Less and Swap calls a script can observe) is exactly
// Go's. sort.Ints, sort.Strings and sort.Float64s, whose equal elements are
// indistinguishable, sort directly (NaNs first, as Go's do).
#include <algorithm>
#include <bit>
#include <cmath>
#include <string_view>
#include <vector>

#include "stdlib/native_support.h"
#include "stdlib/sort_algorithms.h"
#include "vm/compare.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// ---- Data sources -----------------------------------------------------------

Value* elementsOf(Value s, int64_t* n) {
  if (s.isRef()) {
    // A pointer to an array is not a slice, but reflect.Swapper accepts
    // only slices; treat it as Go would reject it.
    vm::throwPanic(vm::makeString("reflect: call of Swapper on ptr Value"));
  }
  if (vm::isByteSlice(s)) {
    // Byte slices have no Value elements: SliceData swaps through sliceSwap.
    *n = vm::sliceLen(s);
    return nullptr;
  }
  SliceView v = sliceView(s);
  *n = v.len;
  return v.data;
}

// sort.Slice: less is a script function of two indexes; swaps exchange
// the slice's elements in place.
class SliceData : public SortData {
 public:
  // elems: the slice's Values, or nullptr for a byte slice.
  SliceData(vm::Thread& th, Value slice, Value* elems, Value less)
      : th_(th), slice_(slice), elems_(elems), less_(less) {}
  bool less(int64_t i, int64_t j) override {
    Value r = vm::callFunction1(th_, less_, {vm::makeInt(i), vm::makeInt(j)});
    return !r.isNil() && vm::toBool(r);
  }
  void swap(int64_t i, int64_t j) override {
    if (elems_) {
      std::swap(elems_[i], elems_[j]);
    } else {
      vm::sliceSwap(slice_, i, j);
    }
  }

 private:
  vm::Thread& th_;
  Value slice_;
  Value* elems_;
  Value less_;
};

// sort.Sort: the Len, Less and Swap methods of a sort.Interface value.
class InterfaceData : public SortData {
 public:
  InterfaceData(vm::Thread& th, Value data) : th_(th) {
    auto lessM = findMethod(data, "Less");
    auto swapM = findMethod(data, "Swap");
    if (!lessM || !swapM) vm::throwPanic(vm::makeString("sort: value does not implement sort.Interface"));
    less_ = *lessM;
    swap_ = *swapM;
  }
  bool less(int64_t i, int64_t j) override {
    Value r = callMethod(th_, less_, {vm::makeInt(i), vm::makeInt(j)});
    return !r.isNil() && vm::toBool(r);
  }
  void swap(int64_t i, int64_t j) override { callMethod(th_, swap_, {vm::makeInt(i), vm::makeInt(j)}); }

 private:
  vm::Thread& th_;
  BoundMethod less_;
  BoundMethod swap_;
};

int64_t callLen(vm::Thread& th, Value data) {
  auto m = findMethod(data, "Len");
  if (!m) vm::throwPanic(vm::makeString("sort: value does not implement sort.Interface"));
  return vm::toInt64(callMethod(th, *m));
}

// ---- Orderings of the basic element kinds --------------------------------------

bool lessInt(Value a, Value b) { return vm::toInt64(a) < vm::toInt64(b); }
bool lessString(Value a, Value b) { return vm::stringView(a) < vm::stringView(b); }
bool lessFloat(Value a, Value b) {
  double x = vm::toDouble(a), y = vm::toDouble(b);
  return x < y || (std::isnan(x) && !std::isnan(y));
}

template <bool (*Less)(Value, Value)>
void sortValues(Value s) {
  SliceView v = sliceView(s);
  std::sort(v.begin(), v.end(), [](Value a, Value b) { return Less(a, b); });
}

template <bool (*Less)(Value, Value)>
bool valuesSorted(Value s) {
  SliceView v = sliceView(s);
  for (int64_t i = v.len - 1; i > 0; i--) {
    if (Less(v.data[i], v.data[i - 1])) return false;
  }
  return true;
}

// ---- Named slice types (IntSlice, StringSlice, Float64Slice) and reverse --------

const vm::Type* intSliceType();
const vm::Type* stringSliceType();
const vm::Type* float64SliceType();
const vm::Type* reverseType();

// Sorts a value directly when its order is known (the named slice types
// and their reverse), which cannot be told apart from Go's pdqsort.
bool sortKnown(Value data) {
  const vm::Type* t = vm::typeOf(data);
  if (t == intSliceType()) {
    sortValues<lessInt>(data);
    return true;
  }
  if (t == stringSliceType()) {
    sortValues<lessString>(data);
    return true;
  }
  if (t == float64SliceType()) {
    sortValues<lessFloat>(data);
    return true;
  }
  return false;
}

template <bool (*Less)(Value, Value)>
int sliceLenM(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(vm::sliceLen(args[0]));
  return 1;
}

template <bool (*Less)(Value, Value)>
int sliceLessM(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = args[0];
  out[0] = vm::makeBool(Less(vm::sliceIndex(s, argInt(args, nargs, 1)),
                             vm::sliceIndex(s, argInt(args, nargs, 2))));
  return 1;
}

int sliceSwapM(vm::Thread&, const Value* args, int nargs, Value*) {
  Value* a = vm::sliceElemSlot(args[0], argInt(args, nargs, 1));
  Value* b = vm::sliceElemSlot(args[0], argInt(args, nargs, 2));
  std::swap(*a, *b);
  return 0;
}

template <bool (*Less)(Value, Value)>
int sliceSortM(vm::Thread&, const Value* args, int, Value*) {
  sortValues<Less>(args[0]);
  return 0;
}

template <bool (*Less)(Value, Value)>
int64_t searchValues(Value s, Value x) {
  SliceView v = sliceView(s);
  int64_t i = 0, j = v.len;
  while (i < j) {
    auto h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
    // a[h] >= x  ⇔  !(a[h] < x)
    if (Less(v.data[h], x)) {
      i = h + 1;
    } else {
      j = h;
    }
  }
  return i;
}

template <bool (*Less)(Value, Value)>
int sliceSearchM(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(searchValues<Less>(args[0], arg(args, nargs, 1)));
  return 1;
}

template <bool (*Less)(Value, Value)>
vm::Type* defineSliceType(std::string_view name, const vm::Type* elem) {
  vm::Type* t = defineNamed("sort", name, vm::sliceOf(elem));
  defineMethod(t, "Len", sliceLenM<Less>, false);
  defineMethod(t, "Less", sliceLessM<Less>, false);
  defineMethod(t, "Swap", sliceSwapM, false);
  defineMethod(t, "Sort", sliceSortM<Less>, false);
  defineMethod(t, "Search", sliceSearchM<Less>, false);
  return t;
}

const vm::Type* intSliceType() {
  static const vm::Type* t = defineSliceType<lessInt>("IntSlice", vm::types::intType());
  return t;
}
const vm::Type* stringSliceType() {
  static const vm::Type* t = defineSliceType<lessString>("StringSlice", vm::types::stringType());
  return t;
}
const vm::Type* float64SliceType() {
  static const vm::Type* t = defineSliceType<lessFloat>("Float64Slice", vm::types::float64Type());
  return t;
}

const vm::Type* interfaceType() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms{{"Len", nullptr}, {"Less", nullptr}, {"Swap", nullptr}};
    return defineNamed("sort", "Interface", vm::interfaceOf(ms));
  }();
  return t;
}

// reverse embeds the Interface it reverses; only Less is its own.
int reverseLess(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value inner = receiverStruct(args)->fields()[0];
  auto m = findMethod(inner, "Less");
  if (!m) vm::throwNilDereference();
  out[0] = callMethod(th, *m, {arg(args, nargs, 2), arg(args, nargs, 1)});
  return 1;
}

const vm::Type* reverseType() {
  static const vm::Type* t = [] {
    vm::Field f = field("Interface", interfaceType());
    f.embedded = true;
    vm::Type* named = defineStruct("sort", "reverse", {f});
    defineMethod(named, "Less", reverseLess, true);
    return named;
  }();
  return t;
}

// ---- Natives --------------------------------------------------------------------

int nSort(vm::Thread& th, const Value* args, int nargs, Value*) {
  Value data = arg(args, nargs, 0);
  if (sortKnown(data)) return 0;
  int64_t n = callLen(th, data);
  InterfaceData d(th, data);
  sortData(d, n);
  return 0;
}

int nStable(vm::Thread& th, const Value* args, int nargs, Value*) {
  Value data = arg(args, nargs, 0);
  int64_t n = callLen(th, data);
  InterfaceData d(th, data);
  stableSort(d, n);
  return 0;
}

int nIsSorted(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value data = arg(args, nargs, 0);
  int64_t n = callLen(th, data);
  InterfaceData d(th, data);
  bool sorted = true;
  for (int64_t i = n - 1; i > 0 && sorted; i--) sorted = !d.less(i, i - 1);
  out[0] = vm::makeBool(sorted);
  return 1;
}

int nSlice(vm::Thread& th, const Value* args, int nargs, Value*) {
  int64_t n = 0;
  Value* elems = elementsOf(arg(args, nargs, 0), &n);
  SliceData d(th, arg(args, nargs, 0), elems, arg(args, nargs, 1));
  sortData(d, n);
  return 0;
}

int nSliceStable(vm::Thread& th, const Value* args, int nargs, Value*) {
  int64_t n = 0;
  Value* elems = elementsOf(arg(args, nargs, 0), &n);
  SliceData d(th, arg(args, nargs, 0), elems, arg(args, nargs, 1));
  stableSort(d, n);
  return 0;
}

int nSliceIsSorted(vm::Thread& th, const Value* args, int nargs, Value* out) {
  int64_t n = 0;
  Value* elems = elementsOf(arg(args, nargs, 0), &n);
  SliceData d(th, arg(args, nargs, 0), elems, arg(args, nargs, 1));
  bool sorted = true;
  for (int64_t i = n - 1; i > 0 && sorted; i--) sorted = !d.less(i, i - 1);
  out[0] = vm::makeBool(sorted);
  return 1;
}

int nReverse(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* r = vm::newStruct(reverseType());
  r->fields()[0] = arg(args, nargs, 0);
  out[0] = Value::ref(r);
  return 1;
}

int nSearch(vm::Thread& th, const Value* args, int nargs, Value* out) {
  int64_t i = 0, j = argInt(args, nargs, 0);
  Value f = arg(args, nargs, 1);
  while (i < j) {
    auto h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
    Value r = vm::callFunction1(th, f, {vm::makeInt(h)});
    if (r.isNil() || !vm::toBool(r)) {
      i = h + 1;
    } else {
      j = h;
    }
  }
  out[0] = vm::makeInt(i);
  return 1;
}

template <bool (*Less)(Value, Value)>
int nSortValues(vm::Thread&, const Value* args, int nargs, Value*) {
  sortValues<Less>(arg(args, nargs, 0));
  return 0;
}

template <bool (*Less)(Value, Value)>
int nValuesSorted(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(valuesSorted<Less>(arg(args, nargs, 0)));
  return 1;
}

template <bool (*Less)(Value, Value)>
int nSearchValues(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(searchValues<Less>(arg(args, nargs, 0), arg(args, nargs, 1)));
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "sort",
      "sort",
      {
          funcMember("Sort", nSort),
          funcMember("Stable", nStable),
          funcMember("IsSorted", nIsSorted),
          funcMember("Slice", nSlice),
          funcMember("SliceStable", nSliceStable),
          funcMember("SliceIsSorted", nSliceIsSorted),
          funcMember("Reverse", nReverse),
          funcMember("Search", nSearch),
          funcMember("Ints", nSortValues<lessInt>),
          funcMember("Strings", nSortValues<lessString>),
          funcMember("Float64s", nSortValues<lessFloat>),
          funcMember("IntsAreSorted", nValuesSorted<lessInt>),
          funcMember("StringsAreSorted", nValuesSorted<lessString>),
          funcMember("Float64sAreSorted", nValuesSorted<lessFloat>),
          funcMember("SearchInts", nSearchValues<lessInt>),
          funcMember("SearchStrings", nSearchValues<lessString>),
          funcMember("SearchFloat64s", nSearchValues<lessFloat>),
          typeMember("Interface", interfaceType),
          typeMember("IntSlice", intSliceType),
          typeMember("StringSlice", stringSliceType),
          typeMember("Float64Slice", float64SliceType),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
