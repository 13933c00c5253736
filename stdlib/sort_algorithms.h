// stdlib/sort_algorithms.h: Go's sorting algorithms, step for step, over an
// abstract sequence that can compare and swap two of its elements.
//
// sortData is Go's pattern-defeating quicksort (sort.Sort, sort.Slice and,
// with the same generated code, slices.Sort/SortFunc): insertion sort below
// 13 elements, Tukey's ninther, the partial insertion sort for nearly sorted
// input, the xorshift pattern breaker seeded by the length, heapsort after
// too many bad pivots. stableSort is Go's insertion sort in blocks of 20
// followed by SymMerge (sort.Stable, sort.SliceStable, slices.SortStableFunc).
//
// Contract: the sequence of less() and swap() calls is exactly Go's for the
// same input, so the order Go leaves equal elements in, and anything a
// script's comparison function can observe, is reproduced.
#pragma once

#include <cstdint>

namespace gsl::stdlib {

// The sequence being sorted. less(i, j) reports whether element i must sort
// before element j; swap(i, j) exchanges them. Either may call script code
// (and so may panic: the exception passes through the algorithms).
class SortData {
 public:
  virtual ~SortData() = default;
  virtual bool less(int64_t i, int64_t j) = 0;
  virtual void swap(int64_t i, int64_t j) = 0;
};

// Sorts elements [0, n) with Go's pdqsort (unstable).
void sortData(SortData& d, int64_t n);

// Sorts elements [0, n) with Go's stable insertion sort + SymMerge.
void stableSort(SortData& d, int64_t n);

}  // namespace gsl::stdlib
