// stdlib/json_decode.cpp: see json_decode.h. The structure follows Go's
// encoding/json/decode.go: value → object / array / literalStore, each
// starting with `indirect`, which walks through pointers (allocating nil
// ones) and interfaces holding pointers, and stops at an Unmarshaler.
//
// The input has been checked by the scanner before decoding starts, so the
// parsing here never meets a syntax error: it only needs to find where each
// value ends. Offsets in *json.UnmarshalTypeError follow Go's: the end of a
// literal, or the byte after the `{` / `[` of an object or array.
//
// Locations. Go's decoder works on reflect.Values that are either settable
// locations or plain values. Here a Cur is either a slot (a Value* with the
// object that owns it, and the slot's declared type), or a free value: a
// pointer handed in by the caller or found in an interface, or a struct or
// array object reached through a pointer (which is modified in place and
// never replaced, so it needs no slot).
#include "stdlib/json_decode.h"

#include <optional>
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/json_fields.h"
#include "stdlib/json_scanner.h"
#include "stdlib/json_text.h"
#include "stdlib/json_types.h"
#include "stdlib/native_support.h"
#include "stdlib/parse_number.h"
#include "stdlib/quote.h"
#include "stdlib/utf8_codec.h"
#include "vm/heap.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/string.h"
#include "vm/thread.h"

namespace gsl::stdlib::json {

using vm::Kind;
using vm::Value;

namespace {

// ---- Locations ------------------------------------------------------------------

struct Cur {
  bool valid = false;
  Value* slot = nullptr;            // a settable location, or nullptr
  const vm::Object* base = nullptr; // the object owning slot
  Value val;                        // the value itself when there is no slot
  const vm::Type* type = nullptr;   // declared type (slot) or dynamic type
  bool readOnly = false;            // an unexported embedded field

  static Cur location(Value* slot, const vm::Object* base, const vm::Type* type) {
    Cur c;
    c.valid = true;
    c.slot = slot;
    c.base = base;
    // A location whose type is unknown can hold anything, like interface{}.
    c.type = type ? type : vm::types::anyType();
    return c;
  }
  static Cur free(Value v, const vm::Type* type) {
    Cur c;
    c.valid = true;
    c.val = v;
    c.type = type;
    return c;
  }

  Value get() const { return slot ? *slot : val; }
  void set(Value v) const { *slot = v; }
  // Go's CanAddr: slots and objects reached through pointers.
  bool addressable() const { return slot != nullptr || vm::isAggregate(val); }
};

Value addressOf(const Cur& c) {
  Value v = c.get();
  if (vm::isAggregate(v)) return Value::ref(v.asObject());
  return vm::makePointer(vm::pointerTo(c.type), c.base, c.slot);
}

// *p for a non-nil pointer p of type t: the pointee as a location.
Cur deref(Value p, const vm::Type* t) {
  if (p.isRef()) return Cur::free(Value::object(p.refTarget()), p.refTarget()->type);
  auto* po = static_cast<vm::PointerObj*>(p.asObject());
  return Cur::location(po->slot, po->base, t->elem);
}

// The kind of what pointer p points to.
Kind pointeeKind(Value p) {
  if (p.isRef()) return p.refTarget()->type->kind;
  const vm::Type* t = vm::typeOf(p);
  return t && t->elem ? t->elem->kind : Kind::Invalid;
}

bool isEmptyInterface(const vm::Type* t) { return t->kind == Kind::Interface && t->imethods.empty(); }

struct Indirect {
  std::optional<BoundMethod> unmarshalJSON;
  std::optional<BoundMethod> unmarshalText;
  Cur target;
};

// Thrown when an error ends decoding (the error is in Decoder::aborted_).
struct DecodeAbort {};

class Decoder {
 public:
  Decoder(vm::Thread& th, std::string_view data, const DecodeOptions& opts)
      : th_(th), data_(data), opts_(opts) {}

  Value run(Value target);

 private:
  // ---- Scanning valid input ----
  void skipSpace() {
    while (pos_ < data_.size() && isSpace(static_cast<uint8_t>(data_[pos_]))) pos_++;
  }
  size_t literalEnd(size_t i) const;
  size_t valueEnd(size_t i) const;
  void skipValue() { pos_ = valueEnd(pos_); }

  // ---- Errors ----
  void saveError(Value err) {
    if (saved_.isNil()) {
      addContext(err);
      saved_ = err;
    }
  }
  [[noreturn]] void abort(Value err) {
    aborted_ = err;
    throw DecodeAbort{};
  }
  void addContext(Value err);
  void typeError(std::string_view what, const vm::Type* t, size_t offset) {
    saveError(makeUnmarshalTypeError(what, t, static_cast<int64_t>(offset)));
  }

  // ---- Decoding ----
  Indirect indirect(Cur v, bool decodingNull);
  void callUnmarshaler(const BoundMethod& m, std::string_view text);
  void value(const Cur& v);
  void object(Cur v);
  void array(Cur v);
  void byteArray(const Cur& v);
  void literalStore(std::string_view item, Cur v, bool fromQuoted);
  void numberStore(std::string_view item, const Cur& v, bool fromQuoted);
  Value valueInterface();
  Value literalInterface(std::string_view item);
  Value convertNumber(std::string_view s);
  Cur fieldTarget(Cur v, const FieldInfo& f);
  Value mapKey(std::string_view item, std::string_view key, const vm::Type* kt, size_t keyStart);

  vm::Thread& th_;
  std::string_view data_;
  DecodeOptions opts_;
  size_t pos_ = 0;
  Value saved_;
  Value aborted_;
  // Go's errorContext: the struct whose field is being decoded and the
  // JSON names of the fields from the top.
  const vm::Type* ctxStruct_ = nullptr;
  std::vector<std::string_view> fieldStack_;  // names owned by the cached field lists
};

size_t Decoder::literalEnd(size_t i) const {
  if (data_[i] == '"') {
    for (i++; i < data_.size(); i++) {
      if (data_[i] == '\\') {
        i++;
      } else if (data_[i] == '"') {
        return i + 1;
      }
    }
    return i;
  }
  while (i < data_.size()) {
    char c = data_[i];
    if (c == ',' || c == '}' || c == ']' || c == ':' || isSpace(static_cast<uint8_t>(c))) break;
    i++;
  }
  return i;
}

size_t Decoder::valueEnd(size_t i) const {
  char c = data_[i];
  if (c != '{' && c != '[') return literalEnd(i);
  int depth = 0;
  while (i < data_.size()) {
    c = data_[i];
    if (c == '"') {
      i = literalEnd(i);
      continue;
    }
    if (c == '{' || c == '[') depth++;
    if (c == '}' || c == ']') {
      depth--;
      if (depth == 0) return i + 1;
    }
    i++;
  }
  return i;
}

void Decoder::addContext(Value err) {
  if (ctxStruct_ == nullptr && fieldStack_.empty()) return;
  std::string path;
  for (size_t i = 0; i < fieldStack_.size(); i++) {
    if (i > 0) path += '.';
    path += fieldStack_[i];
  }
  setErrorContext(err, ctxStruct_ ? ctxStruct_->name : std::string_view(), path);
}

Indirect Decoder::indirect(Cur v, bool decodingNull) {
  // A named non-pointer value is first seen through its address, so that
  // methods with pointer receivers are found (Go's haveAddr step).
  if (v.type->kind != Kind::Pointer && v.type->isNamed() && v.addressable()) {
    const JsonMethods& ms = methodsOf(v.type);
    if (ms.unmarshalJSONPtr) {
      Indirect r;
      r.unmarshalJSON = findMethod(addressOf(v), "UnmarshalJSON");
      return r;
    }
    if (!decodingNull && ms.unmarshalTextPtr) {
      Indirect r;
      r.unmarshalText = findMethod(addressOf(v), "UnmarshalText");
      return r;
    }
  }
  for (;;) {
    // Look inside an interface, but only to reach a pointer that can be
    // decoded into.
    if (v.type->kind == Kind::Interface) {
      Value e = v.get();
      if (!e.isNil() && vm::kindOf(e) == Kind::Pointer && !vm::isNilValue(e) &&
          (!decodingNull || pointeeKind(e) == Kind::Pointer)) {
        v = Cur::free(e, vm::typeOf(e));
        continue;
      }
    }
    if (v.type->kind != Kind::Pointer) break;
    if (decodingNull && v.slot) break;
    if (vm::isNilValue(v.get())) {
      if (!v.slot) break;
      v.set(vm::newPointee(v.type->elem));
    }
    if (methodsOf(v.type).unmarshalJSON) {
      Indirect r;
      r.unmarshalJSON = findMethod(v.get(), "UnmarshalJSON");
      return r;
    }
    if (!decodingNull && methodsOf(v.type).unmarshalText) {
      Indirect r;
      r.unmarshalText = findMethod(v.get(), "UnmarshalText");
      return r;
    }
    v = deref(v.get(), v.type);
  }
  Indirect r;
  r.target = v;
  return r;
}

void Decoder::callUnmarshaler(const BoundMethod& m, std::string_view text) {
  Value arg = vm::makeByteSlice(text);
  Value res[vm::kMaxNativeResults];
  int n = callMethodN(th_, m, &arg, 1, res, vm::kMaxNativeResults);
  if (n > 0 && !res[0].isNil()) abort(res[0]);
}

void Decoder::value(const Cur& v) {
  char c = data_[pos_];
  if (c == '[') {
    if (v.valid) {
      array(v);
    } else {
      skipValue();
    }
    return;
  }
  if (c == '{') {
    if (v.valid) {
      object(v);
    } else {
      skipValue();
    }
    return;
  }
  size_t start = pos_;
  pos_ = literalEnd(pos_);
  if (v.valid) literalStore(data_.substr(start, pos_ - start), v, false);
}

// ---- Objects ------------------------------------------------------------------------

Cur Decoder::fieldTarget(Cur v, const FieldInfo& f) {
  Cur cur = v;
  for (int idx : f.index) {
    if (cur.type->kind == Kind::Pointer) {
      if (vm::isNilValue(cur.get())) {
        if (cur.readOnly) {
          // Go cannot set an unexported embedded pointer either.
          saveError(newError("json: cannot set embedded pointer to unexported struct: " +
                             vm::typeString(cur.type->elem)));
          return Cur{};
        }
        cur.set(vm::newPointee(cur.type->elem));
      }
      cur = deref(cur.get(), cur.type);
    }
    auto* obj = static_cast<vm::StructObj*>(cur.get().asObject());
    const vm::Field& sf = obj->type->fields[static_cast<size_t>(idx)];
    cur = Cur::location(&obj->fields()[idx], obj, sf.type);
    cur.readOnly = sf.embedded && !sf.exported;
  }
  return cur;
}

Value Decoder::mapKey(std::string_view item, std::string_view key, const vm::Type* kt, size_t keyStart) {
  if (methodsOf(kt).unmarshalTextPtr) {
    Value p = vm::newPointee(kt);
    literalStore(item, Cur::free(p, vm::pointerTo(kt)), true);
    return p.isRef() ? vm::copyValue(Value::object(p.refTarget()))
                     : *static_cast<vm::PointerObj*>(p.asObject())->slot;
  }
  if (kt->kind == Kind::String) return vm::makeStringOfType(kt, key);
  auto badKey = [&] {
    typeError("number " + std::string(key), kt, keyStart + 1);
    return Value::fromBits(0);
  };
  int bits = vm::integerBits(kt->kind);
  if (vm::isSignedKind(kt->kind)) {
    Parsed<int64_t> n = parseInt(key, 10, 64);
    if (n.err || (bits < 64 && (n.value < -(int64_t(1) << (bits - 1)) || n.value >= (int64_t(1) << (bits - 1))))) {
      return badKey();
    }
    return vm::makeIntOfType(kt, n.value);
  }
  Parsed<uint64_t> n = parseUint(key, 10, 64);
  if (n.err || (bits < 64 && n.value >= (uint64_t(1) << bits))) return badKey();
  return vm::makeIntOfType(kt, n.value);
}

void Decoder::object(Cur v) {
  size_t start = pos_;
  size_t off = start + 1;
  Indirect ind = indirect(v, false);
  if (ind.unmarshalJSON) {
    skipValue();
    callUnmarshaler(*ind.unmarshalJSON, data_.substr(start, pos_ - start));
    return;
  }
  if (ind.unmarshalText) {
    typeError("object", v.type, off);
    skipValue();
    return;
  }
  v = ind.target;
  const vm::Type* t = v.type;

  if (isEmptyInterface(t)) {
    v.set(valueInterface());
    return;
  }
  const StructFields* fields = nullptr;
  if (t->kind == Kind::Map) {
    Kind kk = t->key->kind;
    if (kk != Kind::String && !vm::isIntegerKind(kk) &&
        !methodsOf(t->key).unmarshalTextPtr) {
      typeError("object", t, off);
      skipValue();
      return;
    }
    if (vm::isNilValue(v.get())) v.set(vm::makeMap(t));
  } else if (t->kind == Kind::Struct) {
    fields = &fieldsOf(t);
  } else {
    typeError("object", t, off);
    skipValue();
    return;
  }

  const vm::Type* origStruct = ctxStruct_;
  size_t origDepth = fieldStack_.size();
  pos_ = start + 1;
  for (;;) {
    skipSpace();
    if (data_[pos_] == '}') {
      pos_++;
      break;
    }
    size_t keyStart = pos_;
    pos_ = literalEnd(pos_);
    std::string_view item = data_.substr(keyStart, pos_ - keyStart);
    std::string keyBuf;
    std::string_view key = unquoteView(item, &keyBuf).value_or(std::string_view());

    Cur subv;
    bool destring = false;
    vm::CellObj* elemCell = nullptr;
    if (fields == nullptr) {
      // A map element is decoded into a fresh zero value, then stored.
      elemCell = vm::newCell(t->elem, vm::zeroValue(t->elem));
      subv = Cur::location(&elemCell->value, elemCell, t->elem);
    } else {
      const FieldInfo* f = nullptr;
      auto it = fields->byName.find(key);
      if (it != fields->byName.end()) {
        f = &fields->list[it->second];
      } else {
        for (const FieldInfo& ff : fields->list) {
          if (equalFold(ff.name, key)) {
            f = &ff;
            break;
          }
        }
      }
      if (f != nullptr) {
        subv = fieldTarget(v, *f);
        destring = subv.valid && f->quoted;
        fieldStack_.push_back(f->name);
        ctxStruct_ = t;
      } else if (opts_.disallowUnknownFields) {
        saveError(newError("json: unknown field " + quote(key)));
      }
    }

    skipSpace();
    pos_++;  // ':'
    skipSpace();

    if (destring) {
      // ,string: the value must be a string holding the literal.
      char c = data_[pos_];
      if (c == '{' || c == '[') {
        skipValue();
        saveError(newError("json: invalid use of ,string struct tag, trying to unmarshal unquoted value into " +
                           vm::typeString(subv.type)));
      } else {
        size_t ls = pos_;
        pos_ = literalEnd(pos_);
        std::string_view lit = data_.substr(ls, pos_ - ls);
        if (lit == "null") {
          literalStore("null", subv, false);
        } else if (lit[0] == '"') {
          std::string qv = unquoteJSON(lit).value_or(std::string());
          literalStore(qv, subv, true);
        } else {
          saveError(newError("json: invalid use of ,string struct tag, trying to unmarshal unquoted value into " +
                             vm::typeString(subv.type)));
        }
      }
    } else {
      value(subv);
    }

    if (fields == nullptr) {
      Value kv = mapKey(item, key, t->key, keyStart);
      if (!kv.isNil()) {
        vm::mapSet(v.get(), kv, elemCell->value);
      }
    }

    // Restore the error context for the next key.
    fieldStack_.resize(origDepth);
    ctxStruct_ = origStruct;

    skipSpace();
    char c = data_[pos_++];
    if (c == '}') break;
  }
}

// ---- Arrays -------------------------------------------------------------------------

void Decoder::byteArray(const Cur& v) {
  // A JSON array into a []byte: decode each element as the byte type,
  // then store the bytes (byte slices have their own storage layout).
  const vm::Type* et = v.type->elem;
  std::string bytes;
  pos_++;
  for (;;) {
    skipSpace();
    if (data_[pos_] == ']') {
      pos_++;
      break;
    }
    vm::CellObj* cell = vm::newCell(et, vm::zeroValue(et));
    value(Cur::location(&cell->value, cell, et));
    bytes += static_cast<char>(vm::toUint64(cell->value));
    skipSpace();
    if (data_[pos_++] == ']') break;
  }
  v.set(bytes.empty() ? vm::makeSlice(v.type, 0, 0) : vm::makeByteSliceOfType(v.type, bytes));
}

void Decoder::array(Cur v) {
  size_t start = pos_;
  size_t off = start + 1;
  Indirect ind = indirect(v, false);
  if (ind.unmarshalJSON) {
    skipValue();
    callUnmarshaler(*ind.unmarshalJSON, data_.substr(start, pos_ - start));
    return;
  }
  if (ind.unmarshalText) {
    typeError("array", v.type, off);
    skipValue();
    return;
  }
  v = ind.target;
  const vm::Type* t = v.type;
  if (t->kind == Kind::Interface) {
    if (t->imethods.empty()) {
      v.set(valueInterface());
      return;
    }
    typeError("array", t, off);
    skipValue();
    return;
  }
  if (t->kind != Kind::Array && t->kind != Kind::Slice) {
    typeError("array", t, off);
    skipValue();
    return;
  }
  if (t->kind == Kind::Slice && vm::isByteElem(t->elem)) {
    byteArray(v);
    return;
  }

  const vm::Type* et = t->elem;
  // The slice being filled: Go reuses the storage up to its capacity and
  // grows it by half (at least to 4) when it runs out.
  vm::Object* data = nullptr;
  Value* elems = nullptr;
  int64_t len = 0;
  int64_t cap = 0;
  vm::ArrayObj* arr = nullptr;
  if (t->kind == Kind::Slice) {
    if (vm::SliceObj* s = vm::asSlice(v.get())) {
      data = s->data;
      elems = s->elems;
      len = s->len;
      cap = s->cap;
    }
  } else {
    arr = static_cast<vm::ArrayObj*>(v.get().asObject());
    data = arr;
    elems = arr->elems();
    len = cap = arr->len;
  }
  auto publish = [&] { v.set(vm::newSliceHeader(t, data, elems, len, cap)); };

  pos_ = start + 1;
  int64_t i = 0;
  for (;;) {
    skipSpace();
    if (data_[pos_] == ']') {
      pos_++;
      break;
    }
    if (t->kind == Kind::Slice) {
      if (i >= cap) {
        int64_t newcap = cap + cap / 2;
        if (newcap < 4) newcap = 4;
        vm::ArrayData* nd = vm::newArrayData(et, newcap);
        for (int64_t k = 0; k < len; k++) nd->elems()[k] = vm::copyValue(elems[k]);
        data = nd;
        elems = nd->elems();
        cap = newcap;
      }
      if (i >= len) len = i + 1;
    }
    if (i < len) {
      try {
        value(Cur::location(&elems[i], data, et));
      } catch (const DecodeAbort&) {
        // The slice grows as Go's does, element by element: an error that
        // stops decoding leaves it holding what was decoded so far.
        if (arr == nullptr) publish();
        throw;
      }
    } else {
      value(Cur{});  // past the end of an array: skipped
    }
    i++;
    skipSpace();
    if (data_[pos_++] == ']') break;
  }
  if (i < len) {
    if (arr != nullptr) {
      for (; i < len; i++) vm::storeValue(&elems[i], vm::zeroValue(et));
    } else {
      len = i;
    }
  }
  if (arr == nullptr && i > 0) publish();
  if (i == 0 && t->kind == Kind::Slice) v.set(vm::makeSlice(t, 0, 0));
}

// ---- Literals -----------------------------------------------------------------------

std::string invalidStringUse(std::string_view item, const vm::Type* t) {
  return "json: invalid use of ,string struct tag, trying to unmarshal " + quote(item) + " into " +
         vm::typeString(t);
}

void Decoder::literalStore(std::string_view item, Cur v, bool fromQuoted) {
  if (item.empty()) {
    // Only a ,string field holding "" gets here.
    saveError(newError(invalidStringUse(item, v.type)));
    return;
  }
  size_t offset = pos_;  // Go's readIndex: the end of the literal
  bool isNull = item[0] == 'n';
  Indirect ind = indirect(v, isNull);
  if (ind.unmarshalJSON) {
    callUnmarshaler(*ind.unmarshalJSON, item);
    return;
  }
  if (ind.unmarshalText) {
    if (item[0] != '"') {
      if (fromQuoted) {
        saveError(newError(invalidStringUse(item, v.type)));
        return;
      }
      std::string_view what = "number";
      if (item[0] == 'n') what = "null";
      if (item[0] == 't' || item[0] == 'f') what = "bool";
      typeError(what, v.type, offset);
      return;
    }
    std::optional<std::string> s = unquoteJSON(item);
    if (!s) abort(newError(invalidStringUse(item, v.type)));
    callUnmarshaler(*ind.unmarshalText, *s);
    return;
  }
  v = ind.target;
  const vm::Type* t = v.type;
  Kind k = t->kind;

  switch (item[0]) {
    case 'n':
      if (fromQuoted && item != "null") {
        saveError(newError(invalidStringUse(item, t)));
        return;
      }
      if (k == Kind::Interface || k == Kind::Pointer || k == Kind::Map || k == Kind::Slice) {
        v.set(vm::zeroValue(t));
      }
      return;
    case 't':
    case 'f': {
      bool b = item[0] == 't';
      if (fromQuoted && item != "true" && item != "false") {
        saveError(newError(invalidStringUse(item, t)));
        return;
      }
      if (k == Kind::Bool) {
        v.set(vm::makeBoolOfType(t, b));
      } else if (isEmptyInterface(t)) {
        v.set(vm::makeBool(b));
      } else if (fromQuoted) {
        saveError(newError(invalidStringUse(item, t)));
      } else {
        typeError("bool", t, offset);
      }
      return;
    }
    case '"': {
      std::string buf;
      std::optional<std::string_view> s = unquoteView(item, &buf);
      if (!s) {
        abort(newError(invalidStringUse(item, t)));
      }
      if (k == Kind::Slice) {
        if (!vm::isByteElem(t->elem)) {
          typeError("string", t, offset);
          return;
        }
        std::string bytes;
        int64_t bad = decodeBase64(*s, &bytes);
        if (bad >= 0) {
          saveError(makeCorruptInputError(bad));
          return;
        }
        v.set(vm::makeByteSliceOfType(t, bytes));
      } else if (k == Kind::String) {
        if (t == numberType() && !isValidNumber(*s)) {
          abort(newError("json: invalid number literal, trying to unmarshal " + quote(item) + " into Number"));
        }
        v.set(vm::makeStringOfType(t, *s));
      } else if (isEmptyInterface(t)) {
        v.set(vm::makeString(*s));
      } else {
        typeError("string", t, offset);
      }
      return;
    }
    default:
      numberStore(item, v, fromQuoted);
      return;
  }
}

void Decoder::numberStore(std::string_view item, const Cur& v, bool fromQuoted) {
  size_t offset = pos_;
  const vm::Type* t = v.type;
  Kind k = t->kind;
  char c = item[0];
  if (c != '-' && (c < '0' || c > '9')) {
    // Only text from a ,string field can get here.
    abort(newError(invalidStringUse(item, t)));
  }
  std::string s(item);
  if (k == Kind::Interface) {
    Value n = convertNumber(s);
    if (n.isNil()) return;
    if (!t->imethods.empty()) {
      typeError("number", t, offset);
      return;
    }
    v.set(n);
    return;
  }
  if (vm::isSignedKind(k)) {
    Parsed<int64_t> n = parseInt(s, 10, 64);
    int bits = vm::integerBits(k);
    if (n.err || (bits < 64 && (n.value < -(int64_t(1) << (bits - 1)) || n.value >= (int64_t(1) << (bits - 1))))) {
      typeError("number " + s, t, offset);
      return;
    }
    v.set(vm::makeIntOfType(t, n.value));
    return;
  }
  if (vm::isUnsignedKind(k)) {
    Parsed<uint64_t> n = parseUint(s, 10, 64);
    int bits = vm::integerBits(k);
    if (n.err || (bits < 64 && n.value >= (uint64_t(1) << bits))) {
      typeError("number " + s, t, offset);
      return;
    }
    v.set(vm::makeIntOfType(t, n.value));
    return;
  }
  if (vm::isFloatKind(k)) {
    Parsed<double> n = parseFloat(s, k == Kind::Float32 ? 32 : 64);
    if (n.err) {
      typeError("number " + s, t, offset);
      return;
    }
    v.set(vm::makeFloatOfType(t, n.value));
    return;
  }
  if (t == numberType()) {
    v.set(vm::makeStringOfType(t, s));
    return;
  }
  if (fromQuoted) abort(newError(invalidStringUse(item, t)));
  typeError("number", t, offset);
}

Value Decoder::convertNumber(std::string_view s) {
  if (opts_.useNumber) return vm::makeStringOfType(numberType(), s);
  Parsed<double> n = parseFloat(s, 64);
  if (n.err) {
    saveError(makeUnmarshalTypeError("number " + std::string(s), vm::types::float64Type(),
                                     static_cast<int64_t>(pos_ + 1)));
    return Value();
  }
  return vm::makeFloat(n.value);
}

// ---- Generic values ---------------------------------------------------------------

Value Decoder::literalInterface(std::string_view item) {
  switch (item[0]) {
    case 'n':
      return Value();
    case 't':
      return vm::kTrue;
    case 'f':
      return vm::kFalse;
    case '"':
    {
      std::string buf;
      return vm::makeString(unquoteView(item, &buf).value_or(std::string_view()));
    }
    default:
      return convertNumber(item);
  }
}

Value Decoder::valueInterface() {
  char c = data_[pos_];
  if (c == '[') {
    const vm::Type* st = vm::sliceOf(vm::types::anyType());
    Value s = vm::makeSlice(st, 0, 0);
    pos_++;
    for (;;) {
      skipSpace();
      if (data_[pos_] == ']') {
        pos_++;
        break;
      }
      s = vm::appendValue(s, valueInterface());
      skipSpace();
      if (data_[pos_++] == ']') break;
    }
    return s;
  }
  if (c == '{') {
    Value m = vm::makeMap(vm::mapOf(vm::types::stringType(), vm::types::anyType()));
    pos_++;
    for (;;) {
      skipSpace();
      if (data_[pos_] == '}') {
        pos_++;
        break;
      }
      size_t ks = pos_;
      pos_ = literalEnd(pos_);
      std::string buf;
      Value key = vm::makeString(unquoteView(data_.substr(ks, pos_ - ks), &buf).value_or(std::string_view()));
      skipSpace();
      pos_++;  // ':'
      skipSpace();
      Value val = valueInterface();
      vm::mapSet(m, key, val);
      skipSpace();
      if (data_[pos_++] == '}') break;
    }
    return m;
  }
  size_t start = pos_;
  pos_ = literalEnd(pos_);
  return literalInterface(data_.substr(start, pos_ - start));
}

Value Decoder::run(Value target) {
  const vm::Type* t = vm::typeOf(target);
  if (t == nullptr || t->kind != Kind::Pointer || vm::isNilValue(target)) {
    return makeInvalidUnmarshalError(t);
  }
  skipSpace();
  try {
    value(Cur::free(target, t));
  } catch (const DecodeAbort&) {
    addContext(aborted_);
    return aborted_;
  }
  return saved_;
}

}  // namespace

Value unmarshalValid(vm::Thread& th, std::string_view data, Value target, const DecodeOptions& opts) {
  Decoder d(th, data, opts);
  return d.run(target);
}

Value unmarshal(vm::Thread& th, std::string_view data, Value target, const DecodeOptions& opts) {
  SyntaxErrorInfo err;
  if (!checkValid(data, &err)) return makeSyntaxError(err);
  return unmarshalValid(th, data, target, opts);
}

}  // namespace gsl::stdlib::json
