// vm/convert.cpp: conversions between types, with Go's (amd64) results.
#include "vm/convert.h"

#include <cmath>
#include <cstring>
#include <string>

#include "vm/arith.h"
#include "vm/heap.h"
#include "vm/map.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/string.h"

namespace gsl::vm {

uint64_t wrapToKind(Kind k, uint64_t bits) {
  switch (k) {
    case Kind::Int8: return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(bits)));
    case Kind::Int16: return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(bits)));
    case Kind::Int32: return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(bits)));
    case Kind::Uint8: return bits & 0xFF;
    case Kind::Uint16: return bits & 0xFFFF;
    case Kind::Uint32: return bits & 0xFFFFFFFF;
    default: return bits;
  }
}

namespace {

// The x86-64 truncating conversions Go's compiler emits (CVTTSD2SQ /
// CVTTSD2SL): NaN and out-of-range inputs give the "integer indefinite"
// value, the most negative integer of the width.
int64_t cvt64(double d) {
  if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) {
    return INT64_MIN;
  }
  return static_cast<int64_t>(d);
}

int32_t cvt32(double d) {
  if (!(d > -2147483649.0 && d < 2147483648.0)) return INT32_MIN;
  return static_cast<int32_t>(d);
}

// float → integer kind k, as Go on amd64 computes it (checked against go1.19:
// int32(1e300) = -2147483648, uint32(-1.5) = 4294967295, uint8(1e300) = 0,
// uint64(3.9e19) = 9223372036854775808).
uint64_t floatToIntBits(Kind k, double d) {
  switch (k) {
    case Kind::Int8: case Kind::Int16: case Kind::Int32:
    case Kind::Uint8: case Kind::Uint16:
      return static_cast<uint64_t>(static_cast<int64_t>(cvt32(d)));
    case Kind::Uint: case Kind::Uint64: case Kind::Uintptr:
      if (!(d >= 9223372036854775808.0)) return static_cast<uint64_t>(cvt64(d));
      return static_cast<uint64_t>(cvt64(d - 9223372036854775808.0)) | (uint64_t(1) << 63);
    default:  // Int, Int64, Uint32
      return static_cast<uint64_t>(cvt64(d));
  }
}

Value retypeString(const Type* target, Value v) {
  auto* s = static_cast<const StringObj*>(static_cast<const Object*>(v.asObject()));
  if (s->len <= 16) return makeStringOfType(target, s->view());
  auto* o = static_cast<StringObj*>(allocObject(sizeof(StringObj)));
  o->type = target;
  o->len = s->len;
  o->data = s->data;
  o->owner = s->owner ? s->owner : s;
  return Value::object(o);
}

Value retypeAggregate(const Type* target, Value v) {
  Value c = copyAggregate(v);
  c.asObject()->type = target;
  return c;
}

[[noreturn]] void badConversion(const Type* target, Value v) {
  throwRuntimeError("cannot convert " + typeString(typeOf(v)) + " to " + typeString(target));
}

bool isBasicValueKind(Kind k) { return k == Kind::Bool || isNumericKind(k) || k == Kind::String; }

}  // namespace

Value stringFromRune(const Type* t, int64_t r) {
  std::string s;
  appendRune(s, r);
  return makeStringOfType(t, s);
}

Value stringFromBytes(const Type* t, Value bytes) {
  return makeStringOfType(t, byteSliceView(bytes));
}

Value stringFromRunes(const Type* t, Value runes) {
  SliceObj* s = asSlice(runes);
  if (!s || s->len == 0) return makeStringOfType(t, {});
  std::string out;
  out.reserve(static_cast<size_t>(s->len));
  for (int64_t i = 0; i < s->len; i++) appendRune(out, toInt64(s->elems[i]));
  return makeStringOfType(t, out);
}

// Go gives []byte(s) and []rune(s) a capacity equal to the length when the
// result escapes a constant conversion; gsl always does (documented).
Value bytesFromString(const Type* t, Value str) {
  return makeByteSliceOfType(t, stringView(str));
}

Value runesFromString(const Type* t, Value str) {
  std::string_view s = stringView(str);
  int64_t n = runeCount(s);
  ArrayData* d = newArrayData(t->elem, n);
  Value* e = d->elems();
  uint16_t id = t->elem->id;
  size_t pos = 0;
  for (int64_t i = 0; i < n; i++) {
    DecodedRune r = decodeRune(s, pos);
    e[i] = Value::scalar(id, r.rune);
    pos += r.size;
  }
  return newSliceHeader(t, d, e, n, n);
}

Value convertTo(const Type* target, Value v) {
  if (!target) return v;
  Kind tk = target->kind;
  if (tk == Kind::Interface) return v;
  if (v.isNil()) {
    if (isNilableKind(tk)) return nilOf(target);
    badConversion(target, v);
  }
  const Type* st = typeOf(v);
  if (st == target) return v;
  Kind sk = st->kind;

  if (isIntegerKind(tk)) {
    if (isIntegerKind(sk)) return makeIntOfType(target, toUint64(v));
    if (isFloatKind(sk)) return makeIntOfType(target, floatToIntBits(tk, toDouble(v)));
    badConversion(target, v);
  }
  if (isFloatKind(tk)) {
    if (isIntegerKind(sk)) {
      if (tk == Kind::Float32) {
        // Round once, straight from the integer (not via double).
        float f = isUnsignedKind(sk) ? static_cast<float>(toUint64(v))
                                     : static_cast<float>(toInt64(v));
        return makeFloatOfType(target, f);
      }
      double d = isUnsignedKind(sk) ? static_cast<double>(toUint64(v))
                                    : static_cast<double>(toInt64(v));
      return makeFloatOfType(target, d);
    }
    if (isFloatKind(sk)) return makeFloatOfType(target, toDouble(v));
    badConversion(target, v);
  }
  if (isComplexKind(tk)) {
    if (isComplexKind(sk)) return makeComplexOfType(target, toComplex(v));
    badConversion(target, v);
  }
  if (tk == Kind::Bool) {
    if (sk == Kind::Bool) return makeBoolOfType(target, toBool(v));
    badConversion(target, v);
  }
  if (tk == Kind::String) {
    if (sk == Kind::String) return retypeString(target, v);
    if (isIntegerKind(sk)) {
      if (isUnsignedKind(sk) && toUint64(v) > static_cast<uint64_t>(kMaxRune)) {
        return stringFromRune(target, kRuneError);
      }
      return stringFromRune(target, toInt64(v));
    }
    if (sk == Kind::Slice) {
      if (st->elem->kind == Kind::Uint8) return stringFromBytes(target, v);
      if (st->elem->kind == Kind::Int32) return stringFromRunes(target, v);
    }
    badConversion(target, v);
  }
  if (tk == Kind::Slice) {
    if (sk == Kind::String) {
      if (target->elem->kind == Kind::Uint8) return bytesFromString(target, v);
      if (target->elem->kind == Kind::Int32) return runesFromString(target, v);
      badConversion(target, v);
    }
    if (sk == Kind::Slice) {
      SliceObj* s = asSlice(v);
      if (!s) return nilOf(target);
      return newSliceHeader(target, s->data, s->bytes, s->len, s->cap);
    }
    badConversion(target, v);
  }
  if (tk == Kind::Array) {
    if (sk == Kind::Array) return retypeAggregate(target, v);
    if (sk == Kind::Slice) {
      int64_t n = sliceLen(v);
      if (n < target->len) {
        throwRuntimeError("cannot convert slice with length " + std::to_string(n) +
                          " to array or pointer to array with length " +
                          std::to_string(target->len));
      }
      ArrayObj* a = newArray(target);
      SliceObj* s = asSlice(v);
      if (a->byteElems()) {
        if (target->len > 0) std::memcpy(a->bytes(), s->bytes, static_cast<size_t>(target->len));
      } else {
        for (int64_t i = 0; i < target->len; i++) a->elems()[i] = copyValue(s->elems[i]);
      }
      return Value::object(a);
    }
    badConversion(target, v);
  }
  if (tk == Kind::Struct) {
    if (sk == Kind::Struct) return retypeAggregate(target, v);
    badConversion(target, v);
  }
  // The reference kinds: a typed nil converts to the target's nil; a value
  // gets a new header of the target type sharing what it refers to.
  if (isNilValue(v)) {
    if (isNilableKind(tk)) return nilOf(target);
    badConversion(target, v);
  }
  if (tk == Kind::Map && sk == Kind::Map) return mapWithType(target, v);
  if (tk == Kind::Func && sk == Kind::Func) {
    auto* f = static_cast<const FuncObj*>(static_cast<const Object*>(v.asObject()));
    size_t bytes = sizeof(FuncObj) + f->ncaptures * sizeof(Value);
    auto* g = static_cast<FuncObj*>(allocObject(bytes));
    std::memcpy(static_cast<void*>(g), static_cast<const void*>(f), bytes);
    g->type = target;
    return Value::object(g);
  }
  if (tk == Kind::Pointer && sk == Kind::Pointer) {
    // A Ref's type is always the unnamed *T (see vm/object.h); a PointerObj
    // can carry a named pointer type.
    if (v.isRef()) return v;
    auto* p = static_cast<const PointerObj*>(static_cast<const Object*>(v.asObject()));
    if (p->byteSlot) return makeBytePointer(target, p->base, p->byte);
    return makePointer(target, p->base, p->slot);
  }
  if (tk == Kind::Chan && sk == Kind::Chan) {
    // Channel objects belong to the runtime; a converted channel keeps its
    // original (identical underlying) type.
    return v;
  }
  if (tk == Kind::UnsafePointer || sk == Kind::UnsafePointer) badConversion(target, v);
  badConversion(target, v);
}

Value assignConvert(const Type* target, Value v) {
  if (!target) return v;
  Kind tk = target->kind;
  if (tk == Kind::Interface) return v;
  if (v.isNil()) return isNilableKind(tk) ? nilOf(target) : v;
  const Type* st = typeOf(v);
  if (st == target) return v;
  Kind sk = st->kind;
  if (isDefaultConstType(st) && isBasicValueKind(tk)) {
    bool ok = (isNumericKind(sk) && isNumericKind(tk)) ||
              (sk == Kind::String && tk == Kind::String) ||
              (sk == Kind::Bool && tk == Kind::Bool);
    if (ok) {
      if (isComplexKind(tk) && !isComplexKind(sk)) {
        return makeComplexOfType(target, {toDouble(v), 0.0});
      }
      if (isComplexKind(sk) && !isComplexKind(tk)) {
        std::complex<double> c = toComplex(v);
        return convertTo(target, makeFloat(c.real()));
      }
      return convertTo(target, v);
    }
    return v;
  }
  // An unnamed composite value stored into a named type with that
  // underlying type takes the named type (var s MySlice = []int{1}).
  if (target->isNamed() && !st->isNamed() && target->underlying == st) {
    if (sk == Kind::Pointer && v.isRef()) return v;
    return convertTo(target, v);
  }
  // A typed nil of an unnamed type into a named nilable type.
  return v;
}

}  // namespace gsl::vm
