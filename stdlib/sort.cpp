// stdlib/sort.cpp: package sort.
//
// sort.Sort and sort.Slice use Go's pattern-defeating quicksort and
// sort.Stable / sort.SliceStable Go's insertion-sort-plus-SymMerge, step
// for step: with a user's Less that does not distinguish every pair of
// elements, the final order of "equal" elements (and the sequence of Less
// and Swap calls a script can observe) is exactly Go's. sort.Ints,
// sort.Strings and sort.Float64s, whose equal elements are
// indistinguishable, sort directly (NaNs first, as Go's do).
#include <algorithm>
#include <bit>
#include <cmath>
#include <string_view>
#include <vector>

#include "stdlib/native_support.h"
#include "vm/compare.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// ---- The algorithms, over any Less/Swap pair ---------------------------------

class Data {
 public:
  virtual ~Data() = default;
  virtual bool less(int64_t i, int64_t j) = 0;
  virtual void swap(int64_t i, int64_t j) = 0;
};

int bitsLen(uint64_t x) { return 64 - std::countl_zero(x); }

void insertionSort(Data& d, int64_t a, int64_t b) {
  for (int64_t i = a + 1; i < b; i++) {
    for (int64_t j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
  }
}

void siftDown(Data& d, int64_t lo, int64_t hi, int64_t first) {
  int64_t root = lo;
  for (;;) {
    int64_t child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && d.less(first + child, first + child + 1)) child++;
    if (!d.less(first + root, first + child)) return;
    d.swap(first + root, first + child);
    root = child;
  }
}

void heapSort(Data& d, int64_t a, int64_t b) {
  int64_t first = a, lo = 0, hi = b - a;
  for (int64_t i = (hi - 1) / 2; i >= 0; i--) siftDown(d, i, hi, first);
  for (int64_t i = hi - 1; i >= 0; i--) {
    d.swap(first, first + i);
    siftDown(d, lo, i, first);
  }
}

enum class Hint { Unknown, Increasing, Decreasing };

void order2(Data& d, int64_t& a, int64_t& b, int& swaps) {
  if (d.less(b, a)) {
    swaps++;
    std::swap(a, b);
  }
}

int64_t median(Data& d, int64_t a, int64_t b, int64_t c, int& swaps) {
  order2(d, a, b, swaps);
  order2(d, b, c, swaps);
  order2(d, a, b, swaps);
  return b;
}

int64_t medianAdjacent(Data& d, int64_t a, int& swaps) { return median(d, a - 1, a, a + 1, swaps); }

int64_t choosePivot(Data& d, int64_t a, int64_t b, Hint& hint) {
  constexpr int64_t kShortestNinther = 50;
  constexpr int kMaxSwaps = 4 * 3;
  int64_t l = b - a;
  int swaps = 0;
  int64_t i = a + l / 4 * 1;
  int64_t j = a + l / 4 * 2;
  int64_t k = a + l / 4 * 3;
  if (l >= 8) {
    if (l >= kShortestNinther) {
      // Tukey's ninther.
      i = medianAdjacent(d, i, swaps);
      j = medianAdjacent(d, j, swaps);
      k = medianAdjacent(d, k, swaps);
    }
    j = median(d, i, j, k, swaps);
  }
  hint = swaps == 0 ? Hint::Increasing : swaps == kMaxSwaps ? Hint::Decreasing : Hint::Unknown;
  return j;
}

void reverseRange(Data& d, int64_t a, int64_t b) {
  for (int64_t i = a, j = b - 1; i < j; i++, j--) d.swap(i, j);
}

bool partialInsertionSort(Data& d, int64_t a, int64_t b) {
  constexpr int kMaxSteps = 5;
  constexpr int64_t kShortestShifting = 50;
  int64_t i = a + 1;
  for (int step = 0; step < kMaxSteps; step++) {
    while (i < b && !d.less(i, i - 1)) i++;
    if (i == b) return true;
    if (b - a < kShortestShifting) return false;
    d.swap(i, i - 1);
    // Shift the smaller one to the left (down to index 1, as Go's does).
    if (i - a >= 2) {
      for (int64_t j = i - 1; j >= 1; j--) {
        if (!d.less(j, j - 1)) break;
        d.swap(j, j - 1);
      }
    }
    // Shift the greater one to the right.
    if (b - i >= 2) {
      for (int64_t j = i + 1; j < b; j++) {
        if (!d.less(j, j - 1)) break;
        d.swap(j, j - 1);
      }
    }
  }
  return false;
}

void breakPatterns(Data& d, int64_t a, int64_t b) {
  int64_t length = b - a;
  if (length < 8) return;
  uint64_t random = static_cast<uint64_t>(length);  // Go's xorshift, seeded by the length
  uint64_t modulus = uint64_t(1) << bitsLen(static_cast<uint64_t>(length));
  for (int64_t idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; idx++) {
    random ^= random << 13;
    random ^= random >> 17;
    random ^= random << 5;
    auto other = static_cast<int64_t>(random & (modulus - 1));
    if (other >= length) other -= length;
    d.swap(idx, a + other);
  }
}

int64_t partitionEqual(Data& d, int64_t a, int64_t b, int64_t pivot) {
  d.swap(a, pivot);
  int64_t i = a + 1, j = b - 1;
  for (;;) {
    while (i <= j && !d.less(a, i)) i++;
    while (i <= j && d.less(a, j)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  return i;
}

int64_t partition(Data& d, int64_t a, int64_t b, int64_t pivot, bool& alreadyPartitioned) {
  d.swap(a, pivot);
  int64_t i = a + 1, j = b - 1;
  while (i <= j && d.less(i, a)) i++;
  while (i <= j && !d.less(j, a)) j--;
  if (i > j) {
    d.swap(j, a);
    alreadyPartitioned = true;
    return j;
  }
  d.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && d.less(i, a)) i++;
    while (i <= j && !d.less(j, a)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  d.swap(j, a);
  alreadyPartitioned = false;
  return j;
}

void pdqsort(Data& d, int64_t a, int64_t b, int limit) {
  constexpr int64_t kMaxInsertion = 12;
  bool wasBalanced = true;
  bool wasPartitioned = true;
  for (;;) {
    int64_t length = b - a;
    if (length <= kMaxInsertion) {
      insertionSort(d, a, b);
      return;
    }
    // Too many bad pivots: fall back to heapsort.
    if (limit == 0) {
      heapSort(d, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(d, a, b);
      limit--;
    }
    Hint hint;
    int64_t pivot = choosePivot(d, a, b, hint);
    if (hint == Hint::Decreasing) {
      reverseRange(d, a, b);
      pivot = (b - 1) - (pivot - a);
      hint = Hint::Increasing;
    }
    // Probably already sorted.
    if (wasBalanced && wasPartitioned && hint == Hint::Increasing) {
      if (partialInsertionSort(d, a, b)) return;
    }
    // Probably many duplicates: split off the elements equal to the pivot.
    if (a > 0 && !d.less(a - 1, pivot)) {
      a = partitionEqual(d, a, b, pivot);
      continue;
    }
    bool alreadyPartitioned = false;
    int64_t mid = partition(d, a, b, pivot, alreadyPartitioned);
    wasPartitioned = alreadyPartitioned;
    int64_t leftLen = mid - a, rightLen = b - mid;
    int64_t balanceThreshold = length / 8;
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

void sortData(Data& d, int64_t n) {
  if (n <= 1) return;
  pdqsort(d, 0, n, bitsLen(static_cast<uint64_t>(n)));
}

void swapRange(Data& d, int64_t a, int64_t b, int64_t n) {
  for (int64_t i = 0; i < n; i++) d.swap(a + i, b + i);
}

void rotate(Data& d, int64_t a, int64_t m, int64_t b) {
  int64_t i = m - a, j = b - m;
  while (i != j) {
    if (i > j) {
      swapRange(d, m - i, m, j);
      i -= j;
    } else {
      swapRange(d, m - i, m + j - i, i);
      j -= i;
    }
  }
  swapRange(d, m - i, m, i);
}

void symMerge(Data& d, int64_t a, int64_t m, int64_t b) {
  if (m - a == 1) {
    // Insert data[a] into data[m:b] by binary search and rotation by swaps.
    int64_t i = m, j = b;
    while (i < j) {
      auto h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
      if (d.less(h, a)) {
        i = h + 1;
      } else {
        j = h;
      }
    }
    for (int64_t k = a; k < i - 1; k++) d.swap(k, k + 1);
    return;
  }
  if (b - m == 1) {
    int64_t i = a, j = m;
    while (i < j) {
      auto h = static_cast<int64_t>(static_cast<uint64_t>(i + j) >> 1);
      if (!d.less(m, h)) {
        i = h + 1;
      } else {
        j = h;
      }
    }
    for (int64_t k = m; k > i; k--) d.swap(k, k - 1);
    return;
  }
  auto mid = static_cast<int64_t>(static_cast<uint64_t>(a + b) >> 1);
  int64_t n = mid + m;
  int64_t start, r;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  int64_t p = n - 1;
  while (start < r) {
    auto c = static_cast<int64_t>(static_cast<uint64_t>(start + r) >> 1);
    if (!d.less(p - c, c)) {
      start = c + 1;
    } else {
      r = c;
    }
  }
  int64_t end = n - start;
  if (start < m && m < end) rotate(d, start, m, end);
  if (a < start && start < mid) symMerge(d, a, start, mid);
  if (mid < end && end < b) symMerge(d, mid, end, b);
}

void stableSort(Data& d, int64_t n) {
  int64_t blockSize = 20;
  int64_t a = 0, b = blockSize;
  while (b <= n) {
    insertionSort(d, a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(d, a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(d, a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    if (int64_t m = a + blockSize; m < n) symMerge(d, a, m, n);
    blockSize *= 2;
  }
}

// ---- Data sources -----------------------------------------------------------

Value* elementsOf(Value s, int64_t* n) {
  if (s.isRef()) {
    // A pointer to an array is not a slice, but reflect.Swapper accepts
    // only slices; treat it as Go would reject it.
    vm::throwPanic(vm::makeString("reflect: call of Swapper on ptr Value"));
  }
  SliceView v = sliceView(s);
  *n = v.len;
  return v.data;
}

// sort.Slice: less is a script function of two indexes; swaps exchange
// the slice's elements in place.
class SliceData : public Data {
 public:
  SliceData(vm::Thread& th, Value* elems, Value less) : th_(th), elems_(elems), less_(less) {}
  bool less(int64_t i, int64_t j) override {
    Value r = vm::callFunction1(th_, less_, {vm::makeInt(i), vm::makeInt(j)});
    return !r.isNil() && vm::toBool(r);
  }
  void swap(int64_t i, int64_t j) override { std::swap(elems_[i], elems_[j]); }

 private:
  vm::Thread& th_;
  Value* elems_;
  Value less_;
};

// sort.Sort: the Len, Less and Swap methods of a sort.Interface value.
class InterfaceData : public Data {
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
  SliceData d(th, elems, arg(args, nargs, 1));
  sortData(d, n);
  return 0;
}

int nSliceStable(vm::Thread& th, const Value* args, int nargs, Value*) {
  int64_t n = 0;
  Value* elems = elementsOf(arg(args, nargs, 0), &n);
  SliceData d(th, elems, arg(args, nargs, 1));
  stableSort(d, n);
  return 0;
}

int nSliceIsSorted(vm::Thread& th, const Value* args, int nargs, Value* out) {
  int64_t n = 0;
  Value* elems = elementsOf(arg(args, nargs, 0), &n);
  SliceData d(th, elems, arg(args, nargs, 1));
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
