// stdlib/json_encode.cpp: see json_encode.h. The structure follows Go's
// encoding/json/encode.go: one case per kind, the Marshaler checks first,
// and the pointer/map/slice cycle check that starts after 1000 levels.
//
// Static and dynamic types. Values carry their dynamic type, so the encoder
// mostly dispatches on typeOf(v). The declared type of the location a value
// was read from still matters in two ways, and is passed along as `st`:
// a location of interface type holds a value that is not addressable (so its
// pointer-receiver MarshalJSON is not used, as in Go), and a nil in it is
// `null` whatever it would otherwise be.
#include "stdlib/json_encode.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/format_float.h"
#include "stdlib/json_fields.h"
#include "stdlib/json_scanner.h"
#include "stdlib/json_text.h"
#include "stdlib/json_types.h"
#include "stdlib/native_support.h"
#include "stdlib/quote.h"
#include "stdlib/utf8_codec.h"
#include "vm/heap.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib::json {

using vm::Kind;
using vm::Value;

namespace {

// Go's startDetectingCyclesAfter.
constexpr int kCycleCheckDepth = 1000;

// Where a value lives, when Go would consider it addressable: its slot and
// the object owning the slot, so that `&value` can be made for a
// pointer-receiver method. Struct and array values are their own address.
struct Loc {
  bool addressable = false;
  Value* slot = nullptr;
  const vm::Object* base = nullptr;
};

// Thrown once the encoder has recorded its error (the value stays in the
// Encoder, on the C++ stack where the collector sees it).
struct EncodeFailed {};

class Encoder {
 public:
  Encoder(vm::Thread& th, bool escapeHTML, std::string& out)
      : th_(th), escapeHTML_(escapeHTML), out_(out) {}

  void value(Value v, const vm::Type* st, Loc loc, bool quoted);

  Value err;

 private:
  [[noreturn]] void fail(Value e) {
    err = e;
    throw EncodeFailed{};
  }

  Value addressOf(Value v, const vm::Type* t, const Loc& loc);
  void marshalJSON(Value recv, const vm::Type* errType);
  void marshalText(Value recv, const vm::Type* errType);
  std::string callText(Value recv, const vm::Type* errType, bool forKey, const vm::Type* mapType);
  void floatValue(Value v, double f, int bits, bool quoted);
  void stringValue(Value v, const vm::Type* t, bool quoted);
  void structValue(Value v, const vm::Type* t, const Loc& loc);
  void mapValue(Value v, const vm::Type* t);
  void sliceValue(Value v, const vm::Type* t);
  void arrayValue(Value v, const vm::Type* t, const Loc& loc);
  void pointerValue(Value v, const vm::Type* t, bool quoted);
  void enterCycleCheck(Value v, const vm::Type* t, std::tuple<int, uintptr_t, int64_t> id);

  vm::Thread& th_;
  bool escapeHTML_;
  std::string& out_;
  int ptrLevel_ = 0;
  std::set<std::tuple<int, uintptr_t, int64_t>> ptrSeen_;
};

Value Encoder::addressOf(Value v, const vm::Type* t, const Loc& loc) {
  if (vm::isAggregate(v)) return Value::ref(v.asObject());
  return vm::makePointer(vm::pointerTo(t), loc.base, loc.slot);
}

void Encoder::marshalJSON(Value recv, const vm::Type* errType) {
  auto m = findMethod(recv, "MarshalJSON");
  if (!m) {
    out_ += "null";
    return;
  }
  Value res[vm::kMaxNativeResults];
  int n = callMethodN(th_, *m, nullptr, 0, res, vm::kMaxNativeResults);
  Value bytes = n > 0 ? res[0] : Value();
  Value e = n > 1 ? res[1] : Value();
  if (!e.isNil()) fail(makeMarshalerError(errType, e, "MarshalJSON"));
  // The method's output is checked and compacted (and HTML-escaped).
  std::string data(vm::bytesView(bytes));
  SyntaxErrorInfo se;
  if (!compact(out_, data, escapeHTML_, &se)) {
    fail(makeMarshalerError(errType, makeSyntaxError(se), "MarshalJSON"));
  }
}

std::string Encoder::callText(Value recv, const vm::Type* errType, bool forKey, const vm::Type* mapType) {
  auto m = findMethod(recv, "MarshalText");
  if (!m) return "";
  Value res[vm::kMaxNativeResults];
  int n = callMethodN(th_, *m, nullptr, 0, res, vm::kMaxNativeResults);
  Value bytes = n > 0 ? res[0] : Value();
  Value e = n > 1 ? res[1] : Value();
  if (!e.isNil()) {
    if (forKey) {
      std::string msg = "json: encoding error for type ";
      msg += quote(vm::typeString(mapType));
      msg += ": ";
      msg += quote(errorMessage(th_, e));
      fail(newError(msg));
    }
    fail(makeMarshalerError(errType, e, "MarshalText"));
  }
  return std::string(vm::bytesView(bytes));
}

void Encoder::marshalText(Value recv, const vm::Type* errType) {
  std::string text = callText(recv, errType, false, nullptr);
  appendString(out_, text, escapeHTML_);
}

void Encoder::value(Value v, const vm::Type* st, Loc loc, bool quoted) {
  const vm::Type* t = vm::typeOf(v);
  if (st == nullptr || st->kind == Kind::Interface) {
    // The value held by an interface is not addressable.
    loc = Loc{};
  }
  if (t == nullptr) {
    out_ += "null";
    return;
  }

  // Marshaler and TextMarshaler first, as Go's newTypeEncoder checks them.
  bool isPtr = t->kind == Kind::Pointer;
  const JsonMethods& ms = methodsOf(t);
  if (!isPtr && loc.addressable && ms.marshalJSONPtr) {
    marshalJSON(addressOf(v, t, loc), t);
    return;
  }
  if (ms.marshalJSON) {
    if (vm::isNilValue(v)) {
      out_ += "null";
      return;
    }
    marshalJSON(v, t);
    return;
  }
  if (!isPtr && loc.addressable && ms.marshalTextPtr) {
    marshalText(addressOf(v, t, loc), t);
    return;
  }
  if (ms.marshalText) {
    if (vm::isNilValue(v)) {
      out_ += "null";
      return;
    }
    marshalText(v, t);
    return;
  }

  Kind k = t->kind;
  switch (k) {
    case Kind::Bool:
      if (quoted) out_ += '"';
      out_ += vm::toBool(v) ? "true" : "false";
      if (quoted) out_ += '"';
      return;
    case Kind::Int: case Kind::Int8: case Kind::Int16: case Kind::Int32: case Kind::Int64:
      if (quoted) out_ += '"';
      out_ += std::to_string(vm::toInt64(v));
      if (quoted) out_ += '"';
      return;
    case Kind::Uint: case Kind::Uint8: case Kind::Uint16: case Kind::Uint32: case Kind::Uint64:
    case Kind::Uintptr:
      if (quoted) out_ += '"';
      out_ += std::to_string(vm::toUint64(v));
      if (quoted) out_ += '"';
      return;
    case Kind::Float32:
      floatValue(v, vm::toDouble(v), 32, quoted);
      return;
    case Kind::Float64:
      floatValue(v, vm::toDouble(v), 64, quoted);
      return;
    case Kind::String:
      stringValue(v, t, quoted);
      return;
    case Kind::Struct:
      structValue(v, t, loc);
      return;
    case Kind::Map:
      mapValue(v, t);
      return;
    case Kind::Slice:
      sliceValue(v, t);
      return;
    case Kind::Array:
      arrayValue(v, t, loc);
      return;
    case Kind::Pointer:
      pointerValue(v, t, quoted);
      return;
    default:
      fail(makeUnsupportedTypeError(t));
  }
}

void Encoder::floatValue(Value v, double f, int bits, bool quoted) {
  if (std::isinf(f) || std::isnan(f)) {
    fail(makeUnsupportedValueError(v, formatFloat(f, 'g', -1, bits)));
  }
  // Go's choice: like ES6, 'f' unless the magnitude is below 1e-6 or at
  // least 1e21, compared at the value's own precision.
  double a = std::fabs(f);
  char fmt = 'f';
  if (a != 0) {
    if (bits == 64 && (a < 1e-6 || a >= 1e21)) fmt = 'e';
    if (bits == 32 && (static_cast<float>(a) < 1e-6f || static_cast<float>(a) >= 1e21f)) fmt = 'e';
  }
  if (quoted) out_ += '"';
  size_t start = out_.size();
  appendFloat(out_, f, fmt, -1, bits);
  if (fmt == 'e') {
    // e-09 becomes e-9.
    size_t n = out_.size() - start;
    if (n >= 4 && out_[out_.size() - 4] == 'e' && out_[out_.size() - 3] == '-' &&
        out_[out_.size() - 2] == '0') {
      out_[out_.size() - 2] = out_[out_.size() - 1];
      out_.pop_back();
    }
  }
  if (quoted) out_ += '"';
}

void Encoder::stringValue(Value v, const vm::Type* t, bool quoted) {
  std::string_view s = vm::stringView(v);
  if (t == numberType()) {
    std::string num = s.empty() ? std::string("0") : std::string(s);
    if (!isValidNumber(num)) fail(newError("json: invalid number literal " + quote(num)));
    if (quoted) out_ += '"';
    out_ += num;
    if (quoted) out_ += '"';
    return;
  }
  if (quoted) {
    // The string is encoded twice; only the first pass escapes HTML.
    std::string inner;
    appendString(inner, s, escapeHTML_);
    appendString(out_, inner, false);
    return;
  }
  appendString(out_, s, escapeHTML_);
}

bool isEmptyValue(Value v, const vm::Type* t) {
  switch (t->kind) {
    case Kind::Array:
      return t->len == 0;
    case Kind::Map:
      return vm::mapLen(v) == 0;
    case Kind::Slice:
      return vm::sliceLen(v) == 0;
    case Kind::String:
      return vm::isString(v) ? vm::stringView(v).empty() : true;
    case Kind::Bool:
      return !vm::toBool(v);
    case Kind::Interface:
      return v.isNil();
    case Kind::Pointer:
      return vm::isNilValue(v);
    default:
      if (vm::isIntegerKind(t->kind)) return vm::toUint64(v) == 0;
      if (vm::isFloatKind(t->kind)) return vm::toDouble(v) == 0;
      return false;
  }
}

void Encoder::structValue(Value v, const vm::Type* t, const Loc& loc) {
  const StructFields& fields = fieldsOf(t);
  char next = '{';
  for (const FieldInfo& f : fields.list) {
    // Follow the index path through embedded structs and pointers.
    Value cur = v;
    bool addressable = loc.addressable;
    Loc fieldLoc;
    bool skip = false;
    for (int idx : f.index) {
      if (cur.isRef()) {
        cur = Value::object(cur.refTarget());
        addressable = true;
      } else if (!cur.isObject()) {
        skip = true;  // a nil embedded pointer: its fields are not encoded
        break;
      }
      auto* obj = static_cast<vm::StructObj*>(cur.asObject());
      fieldLoc = Loc{addressable, &obj->fields()[idx], obj};
      cur = obj->fields()[idx];
    }
    if (skip) continue;
    if (f.omitEmpty && isEmptyValue(cur, f.type)) continue;
    out_ += next;
    next = ',';
    out_ += escapeHTML_ ? f.keyHTML : f.keyPlain;
    value(cur, f.type, fieldLoc, f.quoted);
  }
  if (next == '{') {
    out_ += "{}";
  } else {
    out_ += '}';
  }
}

void Encoder::enterCycleCheck(Value v, const vm::Type* t, std::tuple<int, uintptr_t, int64_t> id) {
  if (ptrLevel_++ <= kCycleCheckDepth) return;
  if (!ptrSeen_.insert(id).second) {
    fail(makeUnsupportedValueError(v, "encountered a cycle via " + vm::typeString(t)));
  }
}

struct KeyedValue {
  std::string key;
  Value value;
};

void Encoder::mapValue(Value v, const vm::Type* t) {
  const vm::Type* kt = t->key;
  Kind kk = kt->kind;
  bool textKey = methodsOf(kt).marshalText;
  if (kk != Kind::String && !vm::isIntegerKind(kk) && !textKey) {
    fail(makeUnsupportedTypeError(t));
  }
  if (vm::isNilValue(v)) {
    out_ += "null";
    return;
  }
  vm::MapObj* m = vm::asMap(v);
  auto id = std::make_tuple(1, reinterpret_cast<uintptr_t>(m->data), int64_t{0});
  enterCycleCheck(v, t, id);

  std::vector<KeyedValue, vm::GcAllocator<KeyedValue>> entries;
  vm::MapIter it;
  vm::mapIterInit(it, v);
  Value key;
  Value val;
  while (vm::mapIterNext(it, &key, &val)) {
    KeyedValue kv;
    if (kk == Kind::String) {
      kv.key = std::string(vm::stringView(key));
    } else if (textKey) {
      if (!vm::isNilValue(key)) kv.key = callText(key, kt, true, t);
    } else if (vm::isSignedKind(kk)) {
      kv.key = std::to_string(vm::toInt64(key));
    } else {
      kv.key = std::to_string(vm::toUint64(key));
    }
    kv.value = val;
    entries.push_back(std::move(kv));
  }
  std::sort(entries.begin(), entries.end(),
            [](const KeyedValue& a, const KeyedValue& b) { return a.key < b.key; });
  out_ += '{';
  for (size_t i = 0; i < entries.size(); i++) {
    if (i > 0) out_ += ',';
    appendString(out_, entries[i].key, escapeHTML_);
    out_ += ':';
    value(entries[i].value, t->elem, Loc{}, false);
  }
  out_ += '}';
  ptrLevel_--;
  ptrSeen_.erase(id);
}

void Encoder::sliceValue(Value v, const vm::Type* t) {
  const vm::Type* et = t->elem;
  if (et->kind == Kind::Uint8 && !methodsOf(et).marshalJSONPtr && !methodsOf(et).marshalTextPtr) {
    if (vm::isNilValue(v)) {
      out_ += "null";
      return;
    }
    out_ += '"';
    appendBase64(out_, vm::byteSliceView(v));
    out_ += '"';
    return;
  }
  if (vm::isNilValue(v)) {
    out_ += "null";
    return;
  }
  vm::SliceObj* s = vm::asSlice(v);
  auto id = std::make_tuple(2, reinterpret_cast<uintptr_t>(s->elems), s->len);
  enterCycleCheck(v, t, id);
  out_ += '[';
  for (int64_t i = 0; i < s->len; i++) {
    if (i > 0) out_ += ',';
    // Slice elements are always addressable.
    value(s->elems[i], et, Loc{true, &s->elems[i], s->data}, false);
  }
  out_ += ']';
  ptrLevel_--;
  ptrSeen_.erase(id);
}

void Encoder::arrayValue(Value v, const vm::Type* t, const Loc& loc) {
  const vm::Type* et = t->elem;
  out_ += '[';
  if (vm::isByteElem(et)) {
    // Byte arrays have their own storage layout: read the bytes and make
    // each element's value (such elements are encoded as not addressable).
    std::string b(vm::bytesView(v));
    for (size_t i = 0; i < b.size(); i++) {
      if (i > 0) out_ += ',';
      value(vm::makeIntOfType(et, static_cast<uint64_t>(static_cast<uint8_t>(b[i]))), et, Loc{}, false);
    }
    out_ += ']';
    return;
  }
  auto* a = static_cast<vm::ArrayObj*>(v.asObject());
  for (int64_t i = 0; i < a->len; i++) {
    if (i > 0) out_ += ',';
    value(a->elems()[i], et, Loc{loc.addressable, &a->elems()[i], a}, false);
  }
  out_ += ']';
}

void Encoder::pointerValue(Value v, const vm::Type* t, bool quoted) {
  if (vm::isNilValue(v)) {
    out_ += "null";
    return;
  }
  if (v.isRef()) {
    auto id = std::make_tuple(3, reinterpret_cast<uintptr_t>(v.refTarget()), int64_t{0});
    enterCycleCheck(v, t, id);
    value(Value::object(v.refTarget()), t->elem, Loc{true, nullptr, v.refTarget()}, quoted);
    ptrLevel_--;
    ptrSeen_.erase(id);
    return;
  }
  auto* p = static_cast<vm::PointerObj*>(v.asObject());
  auto id = std::make_tuple(3, reinterpret_cast<uintptr_t>(p->slot), int64_t{0});
  enterCycleCheck(v, t, id);
  value(*p->slot, t->elem, Loc{true, p->slot, p->base}, quoted);
  ptrLevel_--;
  ptrSeen_.erase(id);
}

}  // namespace

Value encode(vm::Thread& th, Value v, bool escapeHTML, std::string& out) {
  Encoder enc(th, escapeHTML, out);
  try {
    enc.value(v, nullptr, Loc{}, false);
  } catch (const EncodeFailed&) {
    return enc.err;
  }
  return Value();
}

}  // namespace gsl::stdlib::json
