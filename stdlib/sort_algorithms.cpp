// stdlib/sort_algorithms.cpp: Go's sorting algorithms over any Less/Swap
// pair (see stdlib/sort_algorithms.h).
#include "stdlib/sort_algorithms.h"

#include <bit>
#include <cstdint>
#include <utility>

namespace gsl::stdlib {
namespace {

int bitsLen(uint64_t x) { return 64 - std::countl_zero(x); }

void insertionSort(SortData& d, int64_t a, int64_t b) {
  for (int64_t i = a + 1; i < b; i++) {
    for (int64_t j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
  }
}

void siftDown(SortData& d, int64_t lo, int64_t hi, int64_t first) {
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

void heapSort(SortData& d, int64_t a, int64_t b) {
  int64_t first = a, lo = 0, hi = b - a;
  for (int64_t i = (hi - 1) / 2; i >= 0; i--) siftDown(d, i, hi, first);
  for (int64_t i = hi - 1; i >= 0; i--) {
    d.swap(first, first + i);
    siftDown(d, lo, i, first);
  }
}

enum class Hint { Unknown, Increasing, Decreasing };

void order2(SortData& d, int64_t& a, int64_t& b, int& swaps) {
  if (d.less(b, a)) {
    swaps++;
    std::swap(a, b);
  }
}

int64_t median(SortData& d, int64_t a, int64_t b, int64_t c, int& swaps) {
  order2(d, a, b, swaps);
  order2(d, b, c, swaps);
  order2(d, a, b, swaps);
  return b;
}

int64_t medianAdjacent(SortData& d, int64_t a, int& swaps) { return median(d, a - 1, a, a + 1, swaps); }

int64_t choosePivot(SortData& d, int64_t a, int64_t b, Hint& hint) {
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

void reverseRange(SortData& d, int64_t a, int64_t b) {
  for (int64_t i = a, j = b - 1; i < j; i++, j--) d.swap(i, j);
}

bool partialInsertionSort(SortData& d, int64_t a, int64_t b) {
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

void breakPatterns(SortData& d, int64_t a, int64_t b) {
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

int64_t partitionEqual(SortData& d, int64_t a, int64_t b, int64_t pivot) {
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

int64_t partition(SortData& d, int64_t a, int64_t b, int64_t pivot, bool& alreadyPartitioned) {
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

void pdqsort(SortData& d, int64_t a, int64_t b, int limit) {
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

void swapRange(SortData& d, int64_t a, int64_t b, int64_t n) {
  for (int64_t i = 0; i < n; i++) d.swap(a + i, b + i);
}

void rotate(SortData& d, int64_t a, int64_t m, int64_t b) {
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

void symMerge(SortData& d, int64_t a, int64_t m, int64_t b) {
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

}  // namespace

void sortData(SortData& d, int64_t n) {
  if (n <= 1) return;
  pdqsort(d, 0, n, bitsLen(static_cast<uint64_t>(n)));
}

void stableSort(SortData& d, int64_t n) {
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

}  // namespace gsl::stdlib
