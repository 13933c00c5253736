// vm/value.h: the one-word value representation (DESIGN §3, decision 2).
//
// Every gsl value is one 64-bit word. A word can never tear, which is what
// keeps a racing script memory-safe: a reader sees either the old or the new
// value, each of which is valid. The word carries enough to find the value's
// runtime type (vm/type.h) without looking anywhere else but the heap object
// it may point to.
//
// Encoding (low bits are the tag; heap objects are 16-byte aligned by the
// collector, so a pointer has its four low bits clear):
//
//   63                                              4 3 2 1 0
//  +-------------------------------------------------+-+-+-+-+
//  |            signed 63-bit integer                        |1|  Int: Go `int`
//  +-------------------------------------------------+-+-+-+-+
//  |    rotated IEEE double (see below)                  |s|1 0|  Flonum: `float64`
//  +-------------------------------------------------+-+-+-+-+
//  |            Object* (16-aligned)                 |0 0 0 0|  Object (0 = untyped nil)
//  +-------------------------------------------------+-+-+-+-+
//  | signed 44-bit payload (63..20) | type id (19..4)|0 1 0 0|  Scalar: typed immediate
//  +-------------------------------------------------+-+-+-+-+
//  |            Object* (16-aligned)                 |1 1 0 0|  Ref: pointer to that object
//  +-------------------------------------------------+-+-+-+-+
//
// * Int is Go's `int` only: the hottest kind gets the cheapest encoding.
//   Arithmetic wraps at 64 bits exactly as Go's; a result outside 63 bits is
//   boxed (an Object of type int holding the full int64) transparently.
// * Flonum is `float64` for every double whose exponent lies in [2^-255,
//   2^256], plus +0.0: the three top exponent bits are rotated to the bottom,
//   where the tag is. Other doubles (-0.0, denormals, huge values, Inf, NaN)
//   are boxed. The trick is the one Ruby's "flonum" uses; see
//   docs/architecture.md for why it beats NaN-boxing for Go's 64-bit ints.
// * Scalar holds any other basic or named-basic value that fits 44 bits, with
//   the 16-bit id of its type: bool, int8…int64, uint8…uint64, uintptr,
//   rune/byte, float32 (as its 32 bits), named types such as time.Duration,
//   and the typed nil of a nilable type (pointer, slice, map, chan, func) with
//   payload 0. Values that do not fit are boxed.
// * Ref is a Go pointer to a struct or array object (`&T{}`, `&s`): the
//   object itself is the pointee. Pointers to anything else (a variable cell,
//   a slice element, a struct field) are PointerObj heap objects.
// * Object is any other heap value: strings, slices, maps, struct and array
//   values, closures, channels, boxed scalars. Its first word is its Type*.
//
// The all-zero word is the untyped nil: a nil interface, the zero `any`.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace gsl::vm {

struct Type;
struct Object;

class Value {
 public:
  constexpr Value() : bits_(0) {}

  // ---- Construction -------------------------------------------------------

  static constexpr Value fromBits(uint64_t b) { return Value(b); }
  static constexpr Value nil() { return Value(0); }

  // An `int` known to fit in 63 bits. Use makeInt() (vm/object.h) for any
  // int64, which boxes when needed.
  static constexpr Value smallInt(int64_t i) {
    return Value((static_cast<uint64_t>(i) << 1) | 1u);
  }
  static constexpr bool fitsSmallInt(int64_t i) {
    return i >= -(int64_t(1) << 62) && i < (int64_t(1) << 62);
  }

  // A float64 that fitsFlonum(); use makeFloat() (vm/object.h) in general.
  static bool fitsFlonum(double d) {
    uint64_t b = std::bit_cast<uint64_t>(d);
    if (b == 0) return true;  // +0.0
    uint64_t top = (b >> 60) & 7;
    return top == 3 || top == 4;
  }
  static Value flonum(double d) {
    uint64_t b = std::bit_cast<uint64_t>(d);
    if (b == 0) return Value(kFlonumZero);
    // Rotate left by 3: sign and the two top exponent bits come to the
    // bottom; those two exponent bits are redundant (they are always 01 or
    // 10 for a flonum, and equal to the inverse of bit 60, now at bit 63),
    // so they are overwritten by the tag.
    uint64_t r = std::rotl(b, 3);
    return Value((r & ~uint64_t(3)) | kFlonumTag);
  }

  // A typed immediate. `payload` must fitScalar(); typeId is the Type's id.
  static constexpr bool fitsScalar(int64_t p) {
    return p >= -(int64_t(1) << 43) && p < (int64_t(1) << 43);
  }
  static constexpr Value scalar(uint16_t typeId, int64_t payload) {
    return Value((static_cast<uint64_t>(payload) << 20) |
                 (static_cast<uint64_t>(typeId) << 4) | kScalarTag);
  }

  static Value object(const Object* o) {
    return Value(reinterpret_cast<uint64_t>(o));
  }
  static Value ref(const Object* o) {
    return Value(reinterpret_cast<uint64_t>(o) | kRefTag);
  }

  // ---- Classification -----------------------------------------------------

  constexpr bool isNil() const { return bits_ == 0; }  // untyped nil only
  constexpr bool isInt() const { return bits_ & 1; }
  constexpr bool isFlonum() const { return (bits_ & 3) == kFlonumTag; }
  constexpr bool isScalar() const { return (bits_ & 15) == kScalarTag; }
  constexpr bool isRef() const { return (bits_ & 15) == kRefTag; }
  constexpr bool isObject() const { return (bits_ & 15) == 0 && bits_ != 0; }

  // ---- Decoding (callers check the class first) --------------------------

  constexpr int64_t asInt() const { return static_cast<int64_t>(bits_) >> 1; }
  double asFlonum() const {
    if (bits_ == kFlonumZero) return 0.0;
    // Rebuild the two exponent bits the tag overwrote (bit 63 holds the old
    // bit 60: 1 means the top exponent bits were 011, 0 means 100), then
    // rotate back.
    uint64_t restored = (bits_ & ~uint64_t(3)) | (2 - (bits_ >> 63));
    return std::bit_cast<double>(std::rotr(restored, 3));
  }
  constexpr uint16_t scalarTypeId() const {
    return static_cast<uint16_t>(bits_ >> 4);
  }
  constexpr int64_t scalarPayload() const {
    return static_cast<int64_t>(bits_) >> 20;
  }
  Object* asObject() const { return reinterpret_cast<Object*>(bits_); }
  Object* refTarget() const {
    return reinterpret_cast<Object*>(bits_ & ~uint64_t(15));
  }

  constexpr uint64_t bits() const { return bits_; }
  // Identity of the word (not Go's ==; see vm/object.h valuesEqual()).
  constexpr bool sameBits(Value o) const { return bits_ == o.bits_; }

 private:
  constexpr explicit Value(uint64_t b) : bits_(b) {}

  static constexpr uint64_t kFlonumTag = 2;   // ..10
  static constexpr uint64_t kScalarTag = 4;   // 0100
  static constexpr uint64_t kRefTag = 12;     // 1100
  // +0.0 rotated is 0 and would read as nil; it gets this otherwise unused
  // flonum pattern instead (a denormal's pattern, never produced by flonum()).
  static constexpr uint64_t kFlonumZero = 0x8000000000000002ull;

  uint64_t bits_;
};

static_assert(sizeof(Value) == 8, "a value is one machine word");

}  // namespace gsl::vm
