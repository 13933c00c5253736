// vm/compare.h: Go's == and ordering on values, and hashing for map keys.
//
// valuesEqual is Go's == between two values whose dynamic types are known
// to be comparable with each other: different dynamic types are unequal
// (interface comparison), numbers compare by value (NaN != NaN, -0 == +0),
// strings by content, structs and arrays element-wise, pointers, channels
// and maps by identity. Comparing two slices, maps or funcs (or aggregates
// containing them) panics "runtime error: comparing uncomparable type T",
// except against nil. It is strict: int8(3) != int(3). For the == *operator*
// in script code, where an operand may be an untyped constant that defaulted
// to int/float64/rune/string/bool, use opEqual, which applies the mixing rule
// of vm/arith.h first.
//
// hashValue is consistent with valuesEqual (+0 and -0 hash alike; each NaN
// hashes randomly). An unhashable dynamic type panics
// "runtime error: hash of unhashable type T".
#pragma once

#include <cstdint>
#include <string_view>

#include "vm/object.h"

namespace gsl::vm {

bool valuesEqual(Value a, Value b);
uint64_t hashValue(Value v, uint64_t seed);
// The string hash used for keys (exposed for stdlib, e.g. hash/maphash).
uint64_t hashBytes(std::string_view s, uint64_t seed);
// A fresh random seed (per map, per process).
uint64_t randomSeed();

// The == and != operators (with the untyped-constant mixing rule). An
// untyped nil operand compares as the nil of the other operand's type, so
// `p == nil` is true for a nil pointer, slice, map, func or chan. Go's rule
// that an interface holding a typed nil is not == nil cannot be seen from
// the values alone: when the compiler knows an operand has an interface
// type, it compares with nil by Value::isNil() instead.
bool opEqual(Value a, Value b);
// The ordering operators on integer, float and string kinds (with the
// mixing rule). Any comparison involving NaN is false.
bool opLess(Value a, Value b);
bool opLessEqual(Value a, Value b);
inline bool opGreater(Value a, Value b) { return opLess(b, a); }
inline bool opGreaterEqual(Value a, Value b) { return opLessEqual(b, a); }
// Three-way comparison for sorting (cmp.Compare semantics: NaN sorts
// before everything, -1/0/+1).
int compareValues(Value a, Value b);

}  // namespace gsl::vm
