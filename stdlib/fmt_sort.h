// stdlib/fmt_sort.h: the key order fmt prints maps in (Go's
// internal/fmtsort).
//
// Contract: keys are ordered as fmtsort orders them: integers and floats
// numerically (NaN first), strings byte-wise, false before true, pointers
// and channels by address, structs and arrays field by field; for keys of
// interface type, nil first, then grouped by dynamic type and by value
// within a type. Go orders the types by the addresses of their type
// descriptors, which its linker lays out sorted by name; gsl orders them by
// type name, which gives the same order (bool, float64, int, string, ...).
// The sort is stable.
#pragma once

#include <vector>

#include "vm/heap.h"
#include "vm/value.h"

namespace gsl::stdlib::fmt {

struct SortedMap {
  std::vector<vm::Value, vm::GcAllocator<vm::Value>> keys;
  std::vector<vm::Value, vm::GcAllocator<vm::Value>> values;
};

// The entries of map value m (nil map: none) in fmtsort order.
SortedMap sortMap(vm::Value m);

// fmtsort's three-way comparison of two keys of the same map.
int compareKeys(vm::Value a, vm::Value b);

}  // namespace gsl::stdlib::fmt
