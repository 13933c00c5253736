// vm/convert.h: Go's conversions T(x), and the untyped-constant rule for
// stores into typed locations.
#pragma once

#include <cstdint>

#include "vm/object.h"

namespace gsl::vm {

// Wraps an integer's bits to the width of integer kind k: sign-extended for
// signed kinds, zero-extended for unsigned (int8: 300 → 44, 200 → -56).
uint64_t wrapToKind(Kind k, uint64_t bits);

// T(v) for every conversion Go allows at run time:
//  * between integer kinds (wrapping), integer ↔ float (float → int
//    truncates toward zero; out-of-range results are what amd64 Go
//    produces: 0x8000000000000000 for int64), float ↔ float (float32
//    rounds), complex ↔ complex;
//  * integer → string kind: the rune's UTF-8 ("\uFFFD" if invalid);
//  * string kind ↔ []byte / []rune (and named types over them): copies;
//  * between a named type and its underlying type, or two types with
//    identical underlying types: same value, new type (structs/arrays are
//    copied; slices, maps and funcs get a new header sharing the contents);
//  * slice → array [N]T (copy; panics if len < N, Go 1.20);
//  * to an interface type: v unchanged (its dynamic type stays), untyped
//    nil → untyped nil;
//  * untyped nil → the nil of a pointer/slice/map/chan/func type.
// Anything else is a compiler bug and panics with a runtime error naming
// both types.
Value convertTo(const Type* target, Value v);

// The value to store into a location of type `target` (variable, field,
// element, parameter, result, map key/value, channel element). If v has the
// default type of an untyped constant (int, float64, rune, string, bool,
// complex128) and target is a different basic or named-basic type, v is
// converted (`var x int8 = 3`, `var d time.Duration = 5`, `var f float32 =
// 1`); untyped nil becomes the target's typed nil for nilable kinds. Any
// other v (including every value stored into an interface location) is
// returned unchanged.
Value assignConvert(const Type* target, Value v);

// string(rune) for an integer value r, of string type t.
Value stringFromRune(const Type* t, int64_t r);
// string(b) for a []byte-like slice value b; string(r) for []rune-like.
Value stringFromBytes(const Type* t, Value bytes);
Value stringFromRunes(const Type* t, Value runes);
// []byte(s) / []rune(s) for a slice type t.
Value bytesFromString(const Type* t, Value s);
Value runesFromString(const Type* t, Value s);

}  // namespace gsl::vm
