// vm/object.cpp: value constructors and readers, object allocation, and the
// copy rules of struct and array values.
#include "vm/object.h"

#include <bit>
#include <cstring>
#include <new>

#include "vm/convert.h"
#include "vm/heap.h"
#include "vm/panic.h"

namespace gsl::vm {

// ---- Type of a value --------------------------------------------------------

const Type* typeOf(Value v) {
  if (v.isInt()) return types::intType();
  if (v.isFlonum()) return types::float64Type();
  if (v.isScalar()) return typeById(v.scalarTypeId());
  if (v.isRef()) return pointerTo(v.refTarget()->type);
  if (v.isNil()) return nullptr;
  return v.asObject()->type;
}

Kind kindOf(Value v) {
  if (v.isInt()) return Kind::Int;
  if (v.isFlonum()) return Kind::Float64;
  if (v.isScalar()) return typeById(v.scalarTypeId())->kind;
  if (v.isRef()) return Kind::Pointer;
  if (v.isNil()) return Kind::Invalid;
  return v.asObject()->type->kind;
}

// ---- Boxes ------------------------------------------------------------------

namespace {

Value boxInt(const Type* t, uint64_t bits) {
  auto* b = static_cast<BoxObj*>(allocBytes(sizeof(BoxObj)));
  b->type = t;
  b->u = bits;
  return Value::object(b);
}

Value boxFloat(const Type* t, double d) {
  auto* b = static_cast<BoxObj*>(allocBytes(sizeof(BoxObj)));
  b->type = t;
  b->f = d;
  return Value::object(b);
}

// The shared "" of a string type. Kept in root memory so it never moves or
// dies; cached on the type.
const StringObj* emptyString(const Type* t) {
  if (const void* e = t->emptyString_.load(std::memory_order_acquire)) {
    return static_cast<const StringObj*>(e);
  }
  auto* s = static_cast<StringObj*>(allocRoot(sizeof(StringObj) + 16));
  s->type = t;
  s->len = 0;
  s->data = reinterpret_cast<const char*>(s + 1);
  s->owner = nullptr;
  const void* expected = nullptr;
  if (!t->emptyString_.compare_exchange_strong(expected, s, std::memory_order_acq_rel)) {
    freeRoot(s);
    return static_cast<const StringObj*>(expected);
  }
  return s;
}

// Substrings at most this long are copied rather than shared: a copy is one
// pointer-free allocation and does not pin a large parent.
constexpr int64_t kCopySubstringMax = 16;

// The 256 one-byte values of type `string`, built once in root memory.
// string(rune) of ASCII, s[i:i+1] and one-character pieces are common and
// are then no allocation at all (Go's runtime keeps the same table). Strings
// are immutable and compared by content, so sharing them is invisible.
const StringObj* const* oneByteStrings() {
  static const StringObj* const* table = [] {
    auto* block = static_cast<StringObj*>(allocRoot(256 * (sizeof(StringObj) + 16)));
    static const StringObj* entries[256];
    for (int i = 0; i < 256; i++) {
      auto* o = reinterpret_cast<StringObj*>(reinterpret_cast<char*>(block) +
                                             i * (sizeof(StringObj) + 16));
      char* bytes = reinterpret_cast<char*>(o + 1);
      bytes[0] = static_cast<char>(i);
      o->type = types::stringType();
      o->len = 1;
      o->data = bytes;
      o->owner = nullptr;
      entries[i] = o;
    }
    return entries;
  }();
  return table;
}

}  // namespace

// ---- Constructors -----------------------------------------------------------

Value makeInt(int64_t i) {
  if (Value::fitsSmallInt(i)) return Value::smallInt(i);
  return boxInt(types::intType(), static_cast<uint64_t>(i));
}

Value makeIntOfType(const Type* t, uint64_t bits) {
  Kind k = t->kind;
  GSL_ASSERT(isIntegerKind(k));
  uint64_t w = wrapToKind(k, bits);
  if (t->id == kTypeIdInt) return makeInt(static_cast<int64_t>(w));
  if (isUnsignedKind(k)) {
    if (w < (uint64_t(1) << 43)) return Value::scalar(t->id, static_cast<int64_t>(w));
    return boxInt(t, w);
  }
  int64_t s = static_cast<int64_t>(w);
  if (Value::fitsScalar(s)) return Value::scalar(t->id, s);
  return boxInt(t, w);
}

Value makeFloat(double d) {
  if (Value::fitsFlonum(d)) return Value::flonum(d);
  return boxFloat(types::float64Type(), d);
}

Value makeFloatOfType(const Type* t, double d) {
  if (t->id == kTypeIdFloat64) return makeFloat(d);
  if (t->kind == Kind::Float32) {
    float f = static_cast<float>(d);
    return Value::scalar(t->id, static_cast<int64_t>(std::bit_cast<uint32_t>(f)));
  }
  GSL_ASSERT(t->kind == Kind::Float64);
  uint64_t bits = std::bit_cast<uint64_t>(d);
  if ((bits & 0xFFFFF) == 0) return Value::scalar(t->id, static_cast<int64_t>(bits) >> 20);
  return boxFloat(t, d);
}

Value makeComplexOfType(const Type* t, std::complex<double> c) {
  GSL_ASSERT(isComplexKind(t->kind));
  auto* o = static_cast<ComplexObj*>(allocBytes(sizeof(ComplexObj)));
  o->type = t;
  if (t->kind == Kind::Complex64) {
    o->re = static_cast<float>(c.real());
    o->im = static_cast<float>(c.imag());
  } else {
    o->re = c.real();
    o->im = c.imag();
  }
  return Value::object(o);
}

Value makeBoolOfType(const Type* t, bool b) { return Value::scalar(t->id, b ? 1 : 0); }

Value makeString(std::string_view s) { return makeStringOfType(types::stringType(), s); }

Value makeStringOfType(const Type* t, std::string_view s) {
  if (s.empty()) return Value::object(emptyString(t));
  if (s.size() == 1 && t->id == kTypeIdString) {
    return Value::object(oneByteStrings()[static_cast<uint8_t>(s[0])]);
  }
  // Header and bytes in one pointer-free block: the only pointers in it are
  // the Type* (permanent) and `data`, which points into the block itself.
  auto* o = static_cast<StringObj*>(allocBytes(sizeof(StringObj) + s.size()));
  char* bytes = reinterpret_cast<char*>(o + 1);
  std::memcpy(bytes, s.data(), s.size());
  o->type = t;
  o->len = static_cast<int64_t>(s.size());
  o->data = bytes;
  o->owner = nullptr;
  return Value::object(o);
}

Value makeSubstring(Value parent, int64_t off, int64_t len) {
  auto* p = static_cast<const StringObj*>(static_cast<const Object*>(parent.asObject()));
  if (off == 0 && len == p->len) return parent;
  if (len <= kCopySubstringMax) {
    return makeStringOfType(p->type, std::string_view(p->data + off, static_cast<size_t>(len)));
  }
  auto* o = static_cast<StringObj*>(allocObject(sizeof(StringObj)));
  o->type = p->type;
  o->len = len;
  o->data = p->data + off;
  o->owner = p->owner ? p->owner : p;
  return Value::object(o);
}

Value zeroValue(const Type* t) {
  if (!t) return Value();
  switch (t->kind) {
    case Kind::Bool:
      return Value::scalar(t->id, 0);
    case Kind::Int:
      if (t->id == kTypeIdInt) return Value::smallInt(0);
      return Value::scalar(t->id, 0);
    case Kind::Float64:
      if (t->id == kTypeIdFloat64) return Value::flonum(0.0);
      return Value::scalar(t->id, 0);
    case Kind::Complex64:
    case Kind::Complex128:
      return makeComplexOfType(t, {0.0, 0.0});
    case Kind::String:
      return Value::object(emptyString(t));
    case Kind::Struct:
      return Value::object(newStruct(t));
    case Kind::Array:
      return Value::object(newArray(t));
    case Kind::Interface:
    case Kind::Invalid:
      return Value();
    default:
      // Other integer kinds, float32 (bits 0 = +0.0) and the nilable kinds.
      return Value::scalar(t->id, 0);
  }
}

StructObj* newStruct(const Type* t) {
  size_t n = t->fields.size();
  auto* s = static_cast<StructObj*>(allocObject(sizeof(StructObj) + n * sizeof(Value)));
  s->type = t;
  Value* f = s->fields();
  for (size_t i = 0; i < n; i++) f[i] = zeroValue(t->fields[i].type);
  return s;
}

namespace {

// A [N]byte-like array with its bytes zeroed (unscanned: see ArrayObj).
ArrayObj* newByteArray(const Type* t) {
  int64_t n = t->len;
  auto* a = static_cast<ArrayObj*>(allocBytes(sizeof(ArrayObj) + static_cast<size_t>(n)));
  a->type = t;
  a->len = n;
  std::memset(a->bytes(), 0, static_cast<size_t>(n));
  return a;
}

}  // namespace

ArrayObj* newArray(const Type* t) {
  if (isByteElem(t->elem)) return newByteArray(t);
  int64_t n = t->len;
  auto* a = static_cast<ArrayObj*>(allocObject(sizeof(ArrayObj) + n * sizeof(Value)));
  a->type = t;
  a->len = n;
  Value* e = a->elems();
  Kind ek = t->elem->kind;
  if (ek == Kind::Struct || ek == Kind::Array) {
    for (int64_t i = 0; i < n; i++) e[i] = zeroValue(t->elem);
  } else {
    // Every other zero value is immutable, so one serves all elements.
    Value z = zeroValue(t->elem);
    for (int64_t i = 0; i < n; i++) e[i] = z;
  }
  return a;
}

CellObj* newCell(const Type* t, Value v) {
  auto* c = static_cast<CellObj*>(allocObject(sizeof(CellObj)));
  c->type = t;
  c->value = v;
  return c;
}

Value makePointer(const Type* ptrType, const Object* base, Value* slot) {
  auto* p = static_cast<PointerObj*>(allocObject(sizeof(PointerObj)));
  p->type = ptrType;
  p->slot = slot;
  p->base = base;
  return Value::object(p);
}

Value makeBytePointer(const Type* ptrType, const Object* base, uint8_t* byte) {
  auto* p = static_cast<PointerObj*>(allocObject(sizeof(PointerObj)));
  p->type = ptrType;
  p->byte = byte;
  p->base = base;
  p->byteSlot = true;
  return Value::object(p);
}

void pointerStore(PointerObj* p, Value v) {
  if (p->byteSlot) {
    *p->byte = byteOfValue(v);
  } else if (p->type != nullptr && p->type->elem != nullptr &&
             p->type->elem->kind == Kind::Interface) {
    // An interface location is never assigned in place: the struct it holds
    // may be shared with copies of the interface value.
    *p->slot = copyValue(v);
  } else {
    storeValue(p->slot, v);
  }
}

Value newPointee(const Type* t) {
  if (t->kind == Kind::Struct) return Value::ref(newStruct(t));
  if (t->kind == Kind::Array) return Value::ref(newArray(t));
  CellObj* c = newCell(t, zeroValue(t));
  return makePointer(pointerTo(t), c, &c->value);
}

namespace {
const Type* defaultFuncType() {
  static const Type* t = funcOf({}, {}, false);
  return t;
}
}  // namespace

FuncObj* makeNative(std::string_view name, NativeFn fn, const Type* sig) {
  auto* f = static_cast<FuncObj*>(allocObject(sizeof(FuncObj)));
  f->type = sig ? sig : defaultFuncType();
  f->proto = nullptr;
  f->native = fn;
  f->name = internName(name);
  f->bound = Value();
  f->ncaptures = 0;
  f->hasBound = false;
  return f;
}

FuncObj* makeClosure(const Type* sig, Proto* proto, uint32_t ncaptures) {
  auto* f = static_cast<FuncObj*>(allocObject(sizeof(FuncObj) + ncaptures * sizeof(Value)));
  f->type = sig ? sig : defaultFuncType();
  f->proto = proto;
  f->native = nullptr;
  f->ncaptures = ncaptures;
  f->hasBound = false;
  return f;
}

FuncObj* bindReceiver(const FuncObj* src, Value recv) {
  size_t bytes = sizeof(FuncObj) + src->ncaptures * sizeof(Value);
  auto* f = static_cast<FuncObj*>(allocObject(bytes));
  std::memcpy(static_cast<void*>(f), static_cast<const void*>(src), bytes);
  f->bound = recv;
  f->hasBound = true;
  return f;
}

// ---- Readers ----------------------------------------------------------------

int64_t toInt64(Value v) {
  if (v.isInt()) return v.asInt();
  if (v.isScalar()) {
    const Type* t = typeById(v.scalarTypeId());
    if (isFloatKind(t->kind)) return static_cast<int64_t>(toDouble(v));
    return v.scalarPayload();
  }
  if (v.isFlonum()) return static_cast<int64_t>(v.asFlonum());
  GSL_ASSERT(v.isObject());
  const Object* o = v.asObject();
  if (isFloatKind(o->type->kind)) return static_cast<int64_t>(static_cast<const BoxObj*>(o)->f);
  GSL_ASSERT(isIntegerKind(o->type->kind));
  return static_cast<const BoxObj*>(o)->i;
}

uint64_t toUint64(Value v) { return static_cast<uint64_t>(toInt64(v)); }

double toDouble(Value v) {
  if (v.isFlonum()) return v.asFlonum();
  if (v.isInt()) return static_cast<double>(v.asInt());
  if (v.isScalar()) {
    const Type* t = typeById(v.scalarTypeId());
    int64_t p = v.scalarPayload();
    switch (t->kind) {
      case Kind::Float32:
        return std::bit_cast<float>(static_cast<uint32_t>(p));
      case Kind::Float64:
        return std::bit_cast<double>(static_cast<uint64_t>(p) << 20);
      default:
        // Unsigned payloads are non-negative, so this is right for both.
        return static_cast<double>(p);
    }
  }
  GSL_ASSERT(v.isObject());
  const Object* o = v.asObject();
  switch (o->type->kind) {
    case Kind::Float64:
    case Kind::Float32:
      return static_cast<const BoxObj*>(o)->f;
    case Kind::Complex64:
    case Kind::Complex128:
      return static_cast<const ComplexObj*>(o)->re;
    default:
      GSL_ASSERT(isIntegerKind(o->type->kind));
      if (isUnsignedKind(o->type->kind)) {
        return static_cast<double>(static_cast<const BoxObj*>(o)->u);
      }
      return static_cast<double>(static_cast<const BoxObj*>(o)->i);
  }
}

std::complex<double> toComplex(Value v) {
  if (v.isObject() && isComplexKind(v.asObject()->type->kind)) {
    auto* c = static_cast<const ComplexObj*>(static_cast<const Object*>(v.asObject()));
    return {c->re, c->im};
  }
  return {toDouble(v), 0.0};
}

bool toBool(Value v) { return v.scalarPayload() != 0; }

bool isNilValue(Value v) {
  if (v.isNil()) return true;
  if (!v.isScalar() || v.scalarPayload() != 0) return false;
  return isNilableKind(typeById(v.scalarTypeId())->kind);
}

// ---- Value semantics --------------------------------------------------------

Value copyAggregate(Value v) {
  const Object* o = v.asObject();
  const Type* t = o->type;
  if (t->kind == Kind::Struct) {
    auto* src = static_cast<const StructObj*>(o);
    size_t n = t->fields.size();
    auto* dst = static_cast<StructObj*>(allocObject(sizeof(StructObj) + n * sizeof(Value)));
    dst->type = t;
    const Value* sf = src->fields();
    Value* df = dst->fields();
    for (size_t i = 0; i < n; i++) df[i] = copyValue(sf[i]);
    return Value::object(dst);
  }
  GSL_ASSERT(t->kind == Kind::Array);
  auto* src = static_cast<const ArrayObj*>(o);
  int64_t n = src->len;
  if (isByteElem(t->elem)) {
    ArrayObj* dst = newByteArray(t);
    std::memcpy(dst->bytes(), src->bytes(), static_cast<size_t>(n));
    return Value::object(dst);
  }
  auto* dst = static_cast<ArrayObj*>(allocObject(sizeof(ArrayObj) + n * sizeof(Value)));
  dst->type = t;
  dst->len = n;
  const Value* se = src->elems();
  Value* de = dst->elems();
  Kind ek = t->elem->kind;
  if (ek == Kind::Struct || ek == Kind::Array) {
    for (int64_t i = 0; i < n; i++) de[i] = copyValue(se[i]);
  } else {
    std::memcpy(static_cast<void*>(de), se, n * sizeof(Value));
  }
  return Value::object(dst);
}

void assignInPlace(Object* dst, Value src) {
  GSL_ASSERT(src.isObject() && src.asObject()->type == dst->type);
  const Object* so = src.asObject();
  if (so == dst) return;
  const Type* t = dst->type;
  if (t->kind == Kind::Struct) {
    size_t n = t->fields.size();
    const Value* sf = static_cast<const StructObj*>(so)->fields();
    Value* df = static_cast<StructObj*>(dst)->fields();
    for (size_t i = 0; i < n; i++) storeValue(&df[i], sf[i]);
    return;
  }
  GSL_ASSERT(t->kind == Kind::Array);
  int64_t n = static_cast<ArrayObj*>(dst)->len;
  if (isByteElem(t->elem)) {
    // Bytes cannot tear, so memmove is as safe for racing readers as the
    // word-by-word loop below.
    std::memmove(static_cast<ArrayObj*>(dst)->bytes(), static_cast<const ArrayObj*>(so)->bytes(),
                 static_cast<size_t>(n));
    return;
  }
  const Value* se = static_cast<const ArrayObj*>(so)->elems();
  Value* de = static_cast<ArrayObj*>(dst)->elems();
  Kind ek = t->elem->kind;
  if (ek == Kind::Struct || ek == Kind::Array) {
    for (int64_t i = 0; i < n; i++) storeValue(&de[i], se[i]);
  } else {
    // Word by word (never memcpy): a racing reader must see whole words.
    for (int64_t i = 0; i < n; i++) de[i] = se[i];
  }
}

}  // namespace gsl::vm
