// vm/compare.cpp: equality, ordering and hashing of values.
#include "vm/compare.h"

#include <bit>
#include <chrono>
#include <cmath>
#include <cstring>
#include <random>

#include "vm/arith.h"
#include "vm/panic.h"
#include "vm/string.h"

namespace gsl::vm {

namespace {

[[noreturn]] void uncomparable(const Type* t) {
  throwRuntimeError("comparing uncomparable type " + typeString(t));
}

[[noreturn]] void unhashable(const Type* t) {
  throwRuntimeError("hash of unhashable type " + typeString(t));
}

bool floatKindEqual(Value a, Value b) { return toDouble(a) == toDouble(b); }

}  // namespace

bool valuesEqual(Value a, Value b) {
  if (a.isInt() || b.isInt()) return a.sameBits(b);  // canonical encoding
  if (a.isNil() || b.isNil()) return a.sameBits(b);
  const Type* ta = typeOf(a);
  const Type* tb = typeOf(b);
  if (ta != tb) return false;
  switch (ta->kind) {
    case Kind::Bool:
      return toBool(a) == toBool(b);
    case Kind::Float32:
    case Kind::Float64:
      return floatKindEqual(a, b);
    case Kind::Complex64:
    case Kind::Complex128:
      return toComplex(a) == toComplex(b);
    case Kind::String: {
      if (a.sameBits(b)) return true;
      return stringView(a) == stringView(b);
    }
    case Kind::Pointer: {
      if (a.sameBits(b)) return true;
      if (a.isObject() && b.isObject()) {
        auto* pa = static_cast<const PointerObj*>(static_cast<const Object*>(a.asObject()));
        auto* pb = static_cast<const PointerObj*>(static_cast<const Object*>(b.asObject()));
        return pa->address() == pb->address();
      }
      return false;
    }
    case Kind::Chan:
    case Kind::UnsafePointer:
      return a.sameBits(b);
    case Kind::Map:
    case Kind::Slice:
    case Kind::Func:
      uncomparable(ta);
    case Kind::Struct: {
      if (!isComparable(ta)) uncomparable(ta);
      const Value* fa = static_cast<const StructObj*>(static_cast<const Object*>(a.asObject()))->fields();
      const Value* fb = static_cast<const StructObj*>(static_cast<const Object*>(b.asObject()))->fields();
      for (size_t i = 0; i < ta->fields.size(); i++) {
        if (!valuesEqual(fa[i], fb[i])) return false;
      }
      return true;
    }
    case Kind::Array: {
      if (!isComparable(ta)) uncomparable(ta);
      auto* xa = static_cast<const ArrayObj*>(static_cast<const Object*>(a.asObject()));
      auto* xb = static_cast<const ArrayObj*>(static_cast<const Object*>(b.asObject()));
      if (xa->byteElems()) return std::memcmp(xa->bytes(), xb->bytes(), static_cast<size_t>(xa->len)) == 0;
      for (int64_t i = 0; i < xa->len; i++) {
        if (!valuesEqual(xa->elems()[i], xb->elems()[i])) return false;
      }
      return true;
    }
    default:
      // Integer kinds: equal values of one type have equal words unless
      // one of them is boxed, which the encoding rules out (canonical), but
      // compare by value anyway to be independent of that invariant.
      return toUint64(a) == toUint64(b);
  }
}

// ---- Hashing ----------------------------------------------------------------

namespace {

constexpr uint64_t kMulA = 0x9E3779B97F4A7C15ull;  // 2^64 / golden ratio
constexpr uint64_t kMulB = 0xD6E8FEB86659FD93ull;  // an odd constant with good bit spread
constexpr uint64_t kMulC = 0xA0761D6478BD642Full;

// Folded 64x64→128 multiply: a strong, cheap mixing step.
inline uint64_t mix(uint64_t a, uint64_t b) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t hashWord(uint64_t x, uint64_t seed) { return mix(x ^ seed ^ kMulC, kMulA ^ seed); }

inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

uint64_t hashDouble(double d, uint64_t seed) {
  if (d == 0) return hashWord(0, seed);  // +0 and -0 are ==
  if (d != d) return hashWord(randomSeed(), seed);  // NaN: every one distinct
  return hashWord(std::bit_cast<uint64_t>(d), seed);
}

}  // namespace

uint64_t hashBytes(std::string_view s, uint64_t seed) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = seed ^ mix(n ^ kMulC, kMulB);
  while (n >= 16) {
    h = mix(load64(p) ^ kMulA ^ h, load64(p + 8) ^ kMulB);
    p += 16;
    n -= 16;
  }
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    a = load64(p);
    b = load64(p + n - 8);
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    a = x;
    b = y;
  } else if (n > 0) {
    a = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
        (static_cast<uint64_t>(static_cast<unsigned char>(p[n >> 1])) << 8) |
        static_cast<unsigned char>(p[n - 1]);
  }
  return mix(mix(a ^ kMulA ^ h, b ^ kMulB), kMulC ^ s.size());
}

uint64_t randomSeed() {
  // splitmix64 over a per-thread state seeded from the OS.
  thread_local uint64_t state = [] {
    std::random_device rd;
    uint64_t s = (static_cast<uint64_t>(rd()) << 32) ^ rd();
    return s ^ static_cast<uint64_t>(
                   std::chrono::steady_clock::now().time_since_epoch().count());
  }();
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t hashValue(Value v, uint64_t seed) {
  if (v.isInt()) return hashWord(v.bits(), seed);
  if (v.isNil()) return hashWord(0, seed);
  if (v.isFlonum()) return hashDouble(v.asFlonum(), seed);
  const Type* t = typeOf(v);
  switch (t->kind) {
    case Kind::String:
      return hashBytes(stringView(v), seed);
    case Kind::Bool:
      return hashWord(toBool(v), seed);
    case Kind::Float32:
    case Kind::Float64:
      return hashDouble(toDouble(v), seed);
    case Kind::Complex64:
    case Kind::Complex128: {
      std::complex<double> c = toComplex(v);
      return hashDouble(c.imag(), hashDouble(c.real(), seed));
    }
    case Kind::Pointer:
      if (v.isRef()) return hashWord(reinterpret_cast<uint64_t>(v.refTarget()), seed);
      if (v.isObject()) {
        auto* p = static_cast<const PointerObj*>(static_cast<const Object*>(v.asObject()));
        return hashWord(reinterpret_cast<uint64_t>(p->address()), seed);
      }
      return hashWord(0, seed);
    case Kind::Chan:
    case Kind::UnsafePointer:
      return hashWord(v.bits(), seed);
    case Kind::Slice:
    case Kind::Map:
    case Kind::Func:
      unhashable(t);
    case Kind::Struct: {
      if (!isComparable(t)) unhashable(t);
      const Value* f = static_cast<const StructObj*>(static_cast<const Object*>(v.asObject()))->fields();
      uint64_t h = seed;
      for (size_t i = 0; i < t->fields.size(); i++) h = hashValue(f[i], h ^ kMulB);
      return h;
    }
    case Kind::Array: {
      if (!isComparable(t)) unhashable(t);
      auto* a = static_cast<const ArrayObj*>(static_cast<const Object*>(v.asObject()));
      if (a->byteElems()) {
        return hashBytes({reinterpret_cast<const char*>(a->bytes()), static_cast<size_t>(a->len)}, seed);
      }
      uint64_t h = seed;
      for (int64_t i = 0; i < a->len; i++) h = hashValue(a->elems()[i], h ^ kMulA);
      return h;
    }
    default:
      return hashWord(toUint64(v), seed);
  }
}

// ---- Operators --------------------------------------------------------------

bool opEqual(Value a, Value b) {
  if (a.isInt() && b.isInt()) return a.sameBits(b);
  if (a.isNil()) return isNilValue(b);
  if (b.isNil()) return isNilValue(a);
  // Two operands of one nilable type where one is nil: Go allows s == nil
  // for slices, maps and funcs; compare without the uncomparable panic.
  if (isNilValue(a) || isNilValue(b)) {
    if (a.isScalar() && b.isScalar()) return a.sameBits(b);
    if (typeOf(a) == typeOf(b)) {
      Kind k = typeOf(a)->kind;
      if (k == Kind::Slice || k == Kind::Map || k == Kind::Func) return false;
    }
  }
  OperandPair p = unifyOperands(a, b);
  return valuesEqual(p.a, p.b);
}

namespace {

// -1, 0, +1, or 2 for "unordered" (a NaN operand).
int orderedCompare(Value a, Value b) {
  if (a.isInt() && b.isInt()) {
    int64_t x = a.asInt(), y = b.asInt();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  OperandPair p = unifyOperands(a, b);
  Kind k = kindOf(p.a);
  if (k == Kind::String) return compareStrings(stringView(p.a), stringView(p.b));
  if (isFloatKind(k) || isFloatKind(kindOf(p.b))) {
    double x = toDouble(p.a), y = toDouble(p.b);
    if (x < y) return -1;
    if (x > y) return 1;
    if (x == y) return 0;
    return 2;
  }
  if (isUnsignedKind(k)) {
    uint64_t x = toUint64(p.a), y = toUint64(p.b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  GSL_ASSERT(isIntegerKind(k));
  int64_t x = toInt64(p.a), y = toInt64(p.b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

}  // namespace

bool opLess(Value a, Value b) { return orderedCompare(a, b) == -1; }

bool opLessEqual(Value a, Value b) {
  int c = orderedCompare(a, b);
  return c == -1 || c == 0;
}

int compareValues(Value a, Value b) {
  int c = orderedCompare(a, b);
  if (c != 2) return c;
  // cmp.Compare: a NaN is less than any non-NaN, and NaNs are equal.
  bool an = std::isnan(toDouble(a)), bn = std::isnan(toDouble(b));
  if (an && bn) return 0;
  return an ? -1 : 1;
}

}  // namespace gsl::vm
