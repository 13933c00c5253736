// vm/slice.cpp: slices, append growth and copy.
#include "vm/slice.h"

#include <algorithm>
#include <cstring>
#include <iterator>
#include <string>
#include <vector>

#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/string.h"

namespace gsl::vm {

namespace {

// Go 1.19's malloc size classes (runtime/sizeclasses.go, class_to_size):
// a small allocation gets the smallest class that holds it.
constexpr int64_t kSizeClasses[] = {
    8,     16,    24,    32,    48,    64,    80,    96,    112,   128,   144,   160,
    176,   192,   208,   224,   240,   256,   288,   320,   352,   384,   416,   448,
    480,   512,   576,   640,   704,   768,   896,   1024,  1152,  1280,  1408,  1536,
    1792,  2048,  2304,  2688,  3072,  3200,  3456,  4096,  4864,  5376,  6144,  6528,
    6784,  6912,  8192,  9472,  9728,  10240, 10880, 12288, 13568, 14336, 16384, 18432,
    19072, 20480, 21760, 24576, 27264, 28672, 32768};
constexpr int64_t kMaxSmallSize = 32768;  // Go's _MaxSmallSize
constexpr int64_t kPageSize = 8192;       // Go's _PageSize

// Go refuses slices whose backing store would exceed maxAlloc (2^48 on
// amd64); gsl uses the same limit in elements of 8 bytes.
constexpr int64_t kMaxElems = (int64_t(1) << 48) / 8;

SliceObj* header(Value v) { return asSlice(v); }

// A backing array with elements [from, cap) set to elem's zero value;
// the caller fills [0, from). Byte elements are allocated unscanned.
ArrayData* allocData(const Type* elem, int64_t cap, int64_t from) {
  if (isByteElem(elem)) {
    auto* d = static_cast<ArrayData*>(allocBytes(sizeof(ArrayData) + static_cast<size_t>(cap)));
    d->type = elem;
    d->cap = cap;
    std::memset(d->bytes() + from, 0, static_cast<size_t>(cap - from));
    return d;
  }
  auto* d = static_cast<ArrayData*>(allocObject(sizeof(ArrayData) + cap * sizeof(Value)));
  d->type = elem;
  d->cap = cap;
  Value* e = d->elems();
  Kind ek = elem->kind;
  if (ek == Kind::Struct || ek == Kind::Array) {
    for (int64_t i = from; i < cap; i++) e[i] = zeroValue(elem);
  } else {
    Value z = zeroValue(elem);
    if (z.bits() != 0) {
      for (int64_t i = from; i < cap; i++) e[i] = z;
    }
  }
  return d;
}

bool elemIsAggregate(const Type* elem) {
  return elem->kind == Kind::Struct || elem->kind == Kind::Array;
}

std::string boundsMsg(const char* pre, int64_t x, const char* mid, int64_t y, const char* post) {
  return std::string(pre) + std::to_string(x) + mid + std::to_string(y) + post;
}

// The header of a byte slice, or null for its nil; anything else is a
// caller's bug.
SliceObj* byteHeader(Value s) {
  SliceObj* h = header(s);
  GSL_ASSERT(!h || h->byteElems);
  return h;
}

}  // namespace

int64_t goRoundUpSize(int64_t bytes) {
  if (bytes < kMaxSmallSize) {
    return *std::lower_bound(std::begin(kSizeClasses), std::end(kSizeClasses), bytes);
  }
  return (bytes + kPageSize - 1) / kPageSize * kPageSize;
}

int64_t growCapacity(const Type* elem, int64_t oldLen, int64_t oldCap, int64_t needed) {
  (void)oldLen;
  int64_t es = goSizeOf(elem);
  if (es == 0) return needed;
  int64_t newcap = oldCap;
  int64_t doublecap = newcap + newcap;
  if (needed > doublecap) {
    newcap = needed;
  } else {
    constexpr int64_t kThreshold = 256;  // Go 1.18+: smooth growth above 256
    if (oldCap < kThreshold) {
      newcap = doublecap;
    } else {
      while (0 < newcap && newcap < needed) newcap += (newcap + 3 * kThreshold) / 4;
      if (newcap <= 0) newcap = needed;
    }
  }
  if (newcap > kMaxElems) throwRuntimeError("growslice: len out of range");
  return goRoundUpSize(newcap * es) / es;
}

ArrayData* newArrayData(const Type* elem, int64_t cap) { return allocData(elem, cap, 0); }

Value newSliceHeader(const Type* sliceType, Object* data, void* elems, int64_t len, int64_t cap) {
  auto* s = static_cast<SliceObj*>(allocObject(sizeof(SliceObj)));
  s->type = sliceType;
  s->data = data;
  s->bytes = static_cast<uint8_t*>(elems);
  s->len = len;
  s->cap = cap;
  s->byteElems = isByteElem(sliceType->elem);
  return Value::object(s);
}

Value makeSlice(const Type* sliceType, int64_t len, int64_t cap) {
  if (len < 0 || len > kMaxElems) throwRuntimeError("makeslice: len out of range");
  if (cap < len || cap > kMaxElems) throwRuntimeError("makeslice: cap out of range");
  ArrayData* d = newArrayData(sliceType->elem, cap);
  return newSliceHeader(sliceType, d, d->bytes(), len, cap);
}

Value sliceFromValues(const Type* sliceType, const Value* vals, int64_t n) {
  ArrayData* d = allocData(sliceType->elem, n, n);
  if (isByteElem(sliceType->elem)) {
    uint8_t* b = d->bytes();
    for (int64_t i = 0; i < n; i++) b[i] = byteOfValue(vals[i]);
    return newSliceHeader(sliceType, d, b, n, n);
  }
  Value* e = d->elems();
  for (int64_t i = 0; i < n; i++) e[i] = copyValue(vals[i]);
  return newSliceHeader(sliceType, d, e, n, n);
}

namespace {

// The header of s after checking 0 <= i < len(s).
SliceObj* checkedHeader(Value s, int64_t i) {
  SliceObj* h = header(s);
  int64_t len = h ? h->len : 0;
  if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(len)) throwIndexOutOfRange(i, len);
  return h;
}

}  // namespace

Value* sliceElemSlot(Value s, int64_t i) {
  SliceObj* h = checkedHeader(s, i);
  GSL_ASSERT(!h->byteElems);
  return &h->elems[i];
}

Value sliceIndex(Value s, int64_t i) {
  SliceObj* h = checkedHeader(s, i);
  if (h->byteElems) return byteValue(h->type->elem, h->bytes[i]);
  return h->elems[i];
}

void sliceStore(Value s, int64_t i, Value v) {
  SliceObj* h = checkedHeader(s, i);
  if (h->byteElems) {
    h->bytes[i] = byteOfValue(v);
  } else {
    storeValue(&h->elems[i], v);
  }
}

void sliceSwap(Value s, int64_t i, int64_t j) {
  SliceObj* h = checkedHeader(s, i);
  checkedHeader(s, j);
  if (h->byteElems) {
    std::swap(h->bytes[i], h->bytes[j]);
    return;
  }
  Value a = h->elems[i];
  if (!isAggregate(a)) {
    h->elems[i] = h->elems[j];
    h->elems[j] = a;
    return;
  }
  // Struct/array elements are swapped by value, in place, so that pointers
  // taken earlier (&s[i], a Ref to the slot's object) keep addressing their
  // slot, as in Go.
  Value b = copyAggregate(h->elems[j]);
  storeValue(&h->elems[j], a);
  storeValue(&h->elems[i], b);
}

Value elemPointer(Value s, int64_t i) {
  SliceObj* h = checkedHeader(s, i);
  const Type* elem = h->type->elem;
  if (h->byteElems) return makeBytePointer(pointerTo(elem), h->data, &h->bytes[i]);
  Value* slot = &h->elems[i];
  Value current = loadSlotAtomic(slot);  // sync/atomic may be updating it
  if (isAggregate(current)) return Value::ref(current.asObject());
  return makePointer(pointerTo(elem), h->data, slot);
}

Value sliceExpr(Value x, int64_t lo, int64_t hi, int64_t max, bool hasMax) {
  if (isString(x)) {
    GSL_ASSERT(!hasMax);
    return stringSlice(x, lo, hi);
  }
  const Type* resultType;
  Object* data;
  uint8_t* base;  // first element; elements are esize bytes apart
  int64_t cap;
  bool isArray;
  const Object* arr = nullptr;
  if (x.isRef()) {
    arr = x.refTarget();
  } else if (x.isObject() && x.asObject()->type->kind == Kind::Array) {
    arr = x.asObject();
  }
  if (arr) {
    GSL_ASSERT(arr->type->kind == Kind::Array);
    auto* a = const_cast<ArrayObj*>(static_cast<const ArrayObj*>(arr));
    resultType = sliceOf(a->type->elem);
    data = a;
    base = a->bytes();
    cap = a->len;
    isArray = true;
  } else {
    const Type* t = typeOf(x);
    if (t && t->kind == Kind::Pointer) throwNilDereference();  // nil *[N]T
    GSL_ASSERT(t && t->kind == Kind::Slice);
    resultType = t;
    SliceObj* h = header(x);
    data = h ? h->data : nullptr;
    base = h ? h->bytes : nullptr;
    cap = h ? h->cap : 0;
    isArray = false;
  }
  const char* capWord = isArray ? "] with length " : "] with capacity ";
  auto ucmpGt = [](int64_t a, int64_t b) {
    return static_cast<uint64_t>(a) > static_cast<uint64_t>(b);
  };
  if (hasMax) {
    if (ucmpGt(max, cap)) {
      if (max < 0) throwBoundsError("slice bounds out of range [::" + std::to_string(max) + "]");
      throwBoundsError(boundsMsg("slice bounds out of range [::", max, capWord, cap, ""));
    }
    if (ucmpGt(hi, max)) {
      if (hi < 0) throwBoundsError("slice bounds out of range [:" + std::to_string(hi) + ":]");
      throwBoundsError(boundsMsg("slice bounds out of range [:", hi, ":", max, "]"));
    }
    if (ucmpGt(lo, hi)) {
      if (lo < 0) throwBoundsError("slice bounds out of range [" + std::to_string(lo) + "::]");
      throwBoundsError(boundsMsg("slice bounds out of range [", lo, ":", hi, ":]"));
    }
  } else {
    if (ucmpGt(hi, cap)) {
      if (hi < 0) throwBoundsError("slice bounds out of range [:" + std::to_string(hi) + "]");
      throwBoundsError(boundsMsg("slice bounds out of range [:", hi, capWord, cap, ""));
    }
    if (ucmpGt(lo, hi)) {
      if (lo < 0) throwBoundsError("slice bounds out of range [" + std::to_string(lo) + ":]");
      throwBoundsError(boundsMsg("slice bounds out of range [", lo, ":", hi, "]"));
    }
    max = cap;
  }
  if (!base) return nilOf(resultType);  // slicing a nil slice gives nil
  int64_t esize = isByteElem(resultType->elem) ? 1 : static_cast<int64_t>(sizeof(Value));
  return newSliceHeader(resultType, data, base + lo * esize, hi - lo, max - lo);
}

namespace {

// Appends n values produced by get(i) to s (a slice of Value layout).
// `get` must not read from s's backing beyond what the in-place path has not
// yet overwritten (callers copy overlapping sources first).
template <class Get, class Bytes>
Value appendImpl(Value s, int64_t n, Get get, Bytes ifBytes) {
  const Type* t = typeOf(s);
  GSL_ASSERT(t && t->kind == Kind::Slice);
  if (n == 0) return s;
  SliceObj* h = header(s);
  if (h ? h->byteElems : isByteElem(t->elem)) return ifBytes();
  int64_t len = h ? h->len : 0;
  int64_t cap = h ? h->cap : 0;
  int64_t newLen = len + n;
  if (newLen < len || newLen > kMaxElems) throwRuntimeError("growslice: len out of range");
  if (newLen <= cap) {
    Value* e = h->elems;
    // storeValue keeps earlier pointers to these slots (&t[len+i] through
    // a longer reslice) aliasing the stored values, as in Go.
    for (int64_t i = 0; i < n; i++) storeValue(&e[len + i], get(i));
    return newSliceHeader(t, h->data, h->elems, newLen, cap);
  }
  const Type* elem = t->elem;
  int64_t newCap = growCapacity(elem, len, cap, newLen);
  ArrayData* d = allocData(elem, newCap, newLen);
  Value* e = d->elems();
  if (len > 0) {
    if (elemIsAggregate(elem)) {
      for (int64_t i = 0; i < len; i++) e[i] = copyAggregate(h->elems[i]);
    } else {
      std::memcpy(static_cast<void*>(e), h->elems, len * sizeof(Value));
    }
  }
  for (int64_t i = 0; i < n; i++) e[len + i] = copyValue(get(i));
  return newSliceHeader(t, d, e, newLen, newCap);
}

// The room for n more bytes at the end of byte slice s (or its typed nil):
// a header of length len(s)+n and a pointer to its first new byte, which
// the caller fills. Shares s's array while capacity lasts, else grows it
// with Go's growth.
Value appendByteRoom(Value s, int64_t n, uint8_t** dst) {
  SliceObj* h = header(s);
  const Type* t = h ? h->type : typeOf(s);
  GSL_ASSERT(t && t->kind == Kind::Slice && isByteElem(t->elem));
  int64_t len = h ? h->len : 0;
  int64_t cap = h ? h->cap : 0;
  int64_t newLen = len + n;
  if (newLen < len || newLen > kMaxElems) throwRuntimeError("growslice: len out of range");
  if (newLen <= cap) {
    *dst = h->bytes + len;
    auto* r = static_cast<SliceObj*>(allocObject(sizeof(SliceObj)));
    r->type = t;
    r->data = h->data;
    r->bytes = h->bytes;
    r->len = newLen;
    r->cap = cap;
    r->byteElems = true;
    return Value::object(r);
  }
  int64_t newCap = growCapacity(t->elem, len, cap, newLen);
  ArrayData* d = allocData(t->elem, newCap, newLen);
  if (len > 0) std::memcpy(d->bytes(), h->bytes, static_cast<size_t>(len));
  *dst = d->bytes() + len;
  return newSliceHeader(t, d, d->bytes(), newLen, newCap);
}

[[gnu::noinline]] Value appendByteValues(Value s, const Value* vals, int64_t n) {
  uint8_t* dst;
  Value r = appendByteRoom(s, n, &dst);
  for (int64_t i = 0; i < n; i++) dst[i] = byteOfValue(vals[i]);
  return r;
}

}  // namespace

Value appendValues(Value s, const Value* vals, int64_t n) {
  return appendImpl(s, n, [&](int64_t i) { return vals[i]; },
                    [&] { return appendByteValues(s, vals, n); });
}

Value appendBytes(Value s, std::string_view bytes) {
  if (bytes.empty()) return s;
  uint8_t* dst;
  // bytes may alias s's own array (append(b, b[i:j]...) through a view): the
  // room is past len(s), so an overlap is possible only when the source lies
  // beyond len(s) within cap; memmove handles it, and when the array grows
  // the source is still intact in the old array.
  Value r = appendByteRoom(s, static_cast<int64_t>(bytes.size()), &dst);
  std::memmove(dst, bytes.data(), bytes.size());
  return r;
}

Value appendSlice(Value s, Value src) {
  if (isString(src)) return appendBytes(s, stringView(src));
  SliceObj* sh = header(src);
  if (!sh || sh->len == 0) return s;
  if (sh->byteElems) {
    return appendBytes(s, {reinterpret_cast<const char*>(sh->bytes), static_cast<size_t>(sh->len)});
  }
  // From here the source has Value layout, so the destination has too
  // (append requires identical element types).
  auto notBytes = [&]() -> Value {
    GSL_ASSERT(!"append of a Value-layout slice to a byte slice");
    return s;
  };
  SliceObj* dh = header(s);
  if (dh && dh->data == sh->data && dh->len + sh->len <= dh->cap) {
    // The source may overlap the region being written: copy it first.
    std::vector<Value, GcAllocator<Value>> tmp(sh->elems, sh->elems + sh->len);
    return appendImpl(s, sh->len, [&](int64_t i) { return tmp[i]; }, notBytes);
  }
  return appendImpl(s, sh->len, [&](int64_t i) { return sh->elems[i]; }, notBytes);
}

int64_t copySlice(Value dst, Value src) {
  SliceObj* dh = header(dst);
  if (!dh) return 0;
  if (isString(src)) {
    std::string_view bytes = stringView(src);
    int64_t n = std::min<int64_t>(dh->len, static_cast<int64_t>(bytes.size()));
    if (n > 0) std::memcpy(dh->bytes, bytes.data(), static_cast<size_t>(n));
    return n;
  }
  SliceObj* sh = header(src);
  if (!sh) return 0;
  int64_t n = std::min(dh->len, sh->len);
  if (n == 0 || dh->elems == sh->elems) return n;
  if (dh->byteElems) {
    // Bytes cannot tear: memmove is safe for racing readers.
    std::memmove(dh->bytes, sh->bytes, static_cast<size_t>(n));
    return n;
  }
  bool aggregate = elemIsAggregate(dh->type->elem);
  // memmove semantics, word by word so that racing readers never see a torn
  // Value: copy backwards when the destination starts inside the source.
  if (dh->elems > sh->elems && dh->elems < sh->elems + n) {
    for (int64_t i = n - 1; i >= 0; i--) {
      if (aggregate) storeValue(&dh->elems[i], sh->elems[i]);
      else dh->elems[i] = sh->elems[i];
    }
  } else {
    for (int64_t i = 0; i < n; i++) {
      if (aggregate) storeValue(&dh->elems[i], sh->elems[i]);
      else dh->elems[i] = sh->elems[i];
    }
  }
  return n;
}

// ---- Byte elements ----------------------------------------------------------

bool isByteSlice(Value v) {
  if (v.isObject()) {
    const Object* o = v.asObject();
    return o->type->kind == Kind::Slice && static_cast<const SliceObj*>(o)->byteElems;
  }
  const Type* t = typeOf(v);
  return t != nullptr && t->kind == Kind::Slice && isByteElem(t->elem);
}

std::string_view byteSliceView(Value s) {
  SliceObj* h = byteHeader(s);
  if (!h) return {};
  return {reinterpret_cast<const char*>(h->bytes), static_cast<size_t>(h->len)};
}

uint8_t* byteSliceData(Value s, size_t* len) {
  SliceObj* h = byteHeader(s);
  if (!h || h->len == 0) {
    *len = 0;
    return nullptr;
  }
  *len = static_cast<size_t>(h->len);
  return h->bytes;
}

std::string_view bytesView(Value v) {
  const Object* o = nullptr;
  if (v.isRef()) {
    o = v.refTarget();
  } else if (v.isObject()) {
    o = v.asObject();
  } else {
    return {};  // nil slice, nil pointer or untyped nil
  }
  if (o->type->kind == Kind::Array) {
    auto* a = static_cast<const ArrayObj*>(o);
    GSL_ASSERT(a->byteElems());
    return {reinterpret_cast<const char*>(a->bytes()), static_cast<size_t>(a->len)};
  }
  return byteSliceView(v);
}

Value makeByteSliceOfType(const Type* sliceType, std::string_view bytes) {
  auto n = static_cast<int64_t>(bytes.size());
  uint8_t* dst;
  Value s = newByteSlice(sliceType, n, n, &dst);
  if (n > 0) std::memcpy(dst, bytes.data(), bytes.size());
  return s;
}

Value makeByteSlice(std::string_view bytes) {
  return makeByteSliceOfType(sliceOf(types::uint8Type()), bytes);
}

Value newByteSlice(const Type* sliceType, int64_t len, int64_t cap, uint8_t** data) {
  GSL_ASSERT(isByteElem(sliceType->elem));
  if (len < 0 || len > kMaxElems) throwRuntimeError("makeslice: len out of range");
  if (cap < len || cap > kMaxElems) throwRuntimeError("makeslice: cap out of range");
  ArrayData* d = allocData(sliceType->elem, cap, 0);
  if (data) *data = d->bytes();
  return newSliceHeader(sliceType, d, d->bytes(), len, cap);
}

}  // namespace gsl::vm
