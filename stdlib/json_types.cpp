// stdlib/json_types.cpp: see json_types.h.
#include "stdlib/json_types.h"

#include <mutex>
#include <unordered_map>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/parse_number.h"
#include "stdlib/strconv_errors.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/string.h"
#include "vm/thread.h"

namespace gsl::stdlib::json {

using vm::Value;

namespace {

const vm::Type* str() { return vm::types::stringType(); }
const vm::Type* i64() { return vm::types::int64Type(); }

// ---- reflect.Type -----------------------------------------------------------

// *reflect.rtype{id}: id is the vm::Type id of the type it stands for.
const vm::Type* typeOfRtype(const Value* args) {
  return vm::typeById(static_cast<uint16_t>(vm::toInt64(receiverStruct(args)->fields()[0])));
}

int rtypeString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(vm::typeString(typeOfRtype(args)));
  return 1;
}

int rtypeName(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(typeOfRtype(args)->name);
  return 1;
}

const vm::Type* rtypeType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("reflect", "rtype", {field("id", vm::types::intType())});
    defineMethod(named, "String", rtypeString, true);
    defineMethod(named, "Name", rtypeName, true);
    return named;
  }();
  return t;
}

// The declared type of the Type fields: reflect.Type, as far as gsl has it.
const vm::Type* reflectTypeIface() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms{{"Name", nullptr}, {"String", nullptr}};
    return defineNamed("reflect", "Type", vm::interfaceOf(ms));
  }();
  return t;
}

// The text of a reflect.Type field ("" for nil).
std::string typeFieldString(Value rt) {
  if (!rt.isRef()) return "<nil>";
  auto* s = static_cast<vm::StructObj*>(rt.refTarget());
  return vm::typeString(vm::typeById(static_cast<uint16_t>(vm::toInt64(s->fields()[0]))));
}

const vm::Type* typeFieldType(Value rt) {
  if (!rt.isRef()) return nullptr;
  auto* s = static_cast<vm::StructObj*>(rt.refTarget());
  return vm::typeById(static_cast<uint16_t>(vm::toInt64(s->fields()[0])));
}

Value out1(Value* out, std::string_view s) {
  out[0] = vm::makeString(s);
  return out[0];
}

// ---- Error() methods ----------------------------------------------------------

// SyntaxError{msg string; Offset int64}
int syntaxErrorError(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[0];
  return 1;
}

// UnmarshalTypeError{Value string; Type reflect.Type; Offset int64; Struct string; Field string}
int unmarshalTypeErrorError(vm::Thread&, const Value* args, int, Value* out) {
  Value* f = receiverStruct(args)->fields();
  std::string_view structName = vm::stringView(f[3]);
  std::string_view fieldName = vm::stringView(f[4]);
  std::string msg = "json: cannot unmarshal ";
  msg += vm::stringView(f[0]);
  if (!structName.empty() || !fieldName.empty()) {
    msg += " into Go struct field ";
    msg += structName;
    msg += '.';
    msg += fieldName;
  } else {
    msg += " into Go value";
  }
  msg += " of type ";
  msg += typeFieldString(f[1]);
  out1(out, msg);
  return 1;
}

// InvalidUnmarshalError{Type reflect.Type}
int invalidUnmarshalErrorError(vm::Thread&, const Value* args, int, Value* out) {
  const vm::Type* t = typeFieldType(receiverStruct(args)->fields()[0]);
  if (!t) {
    out1(out, "json: Unmarshal(nil)");
  } else if (t->kind != vm::Kind::Pointer) {
    out1(out, "json: Unmarshal(non-pointer " + vm::typeString(t) + ")");
  } else {
    out1(out, "json: Unmarshal(nil " + vm::typeString(t) + ")");
  }
  return 1;
}

// UnsupportedTypeError{Type reflect.Type}
int unsupportedTypeErrorError(vm::Thread&, const Value* args, int, Value* out) {
  out1(out, "json: unsupported type: " + typeFieldString(receiverStruct(args)->fields()[0]));
  return 1;
}

// UnsupportedValueError{Value reflect.Value; Str string}
int unsupportedValueErrorError(vm::Thread&, const Value* args, int, Value* out) {
  out1(out, "json: unsupported value: " + std::string(vm::stringView(receiverStruct(args)->fields()[1])));
  return 1;
}

// MarshalerError{Type reflect.Type; Err error; sourceFunc string}
int marshalerErrorError(vm::Thread& th, const Value* args, int, Value* out) {
  Value* f = receiverStruct(args)->fields();
  std::string_view src = vm::stringView(f[2]);
  std::string msg = "json: error calling ";
  msg += src.empty() ? std::string_view("MarshalJSON") : src;
  msg += " for type ";
  msg += typeFieldString(f[0]);
  msg += ": ";
  msg += f[1].isNil() ? std::string("<nil>") : errorMessage(th, f[1]);
  out1(out, msg);
  return 1;
}

int marshalerErrorUnwrap(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[1];
  return 1;
}

// base64.CorruptInputError (an int64).
int corruptInputErrorError(vm::Thread&, const Value* args, int, Value* out) {
  out1(out, "illegal base64 data at input byte " + std::to_string(vm::toInt64(args[0])));
  return 1;
}

const vm::Type* corruptInputErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("base64", "CorruptInputError", i64());
    defineMethod(named, "Error", corruptInputErrorError, false);
    return named;
  }();
  return t;
}

// ---- Number -------------------------------------------------------------------

int numberString(vm::Thread&, const Value* args, int nargs, Value* out) {
  out1(out, argString(args, nargs, 0));
  return 1;
}

int numberFloat64(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  Parsed<double> p = parseFloat(s, 64);
  out[0] = vm::makeFloat(p.value);
  out[1] = p.err ? makeNumError(p.err, s) : Value();
  return 2;
}

int numberInt64(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  Parsed<int64_t> p = parseInt(s, 10, 64);
  out[0] = vm::makeIntOfType(i64(), p.value);
  out[1] = p.err ? makeNumError(p.err, s) : Value();
  return 2;
}

// ---- RawMessage -----------------------------------------------------------------

int rawMarshalJSON(vm::Thread&, const Value* args, int, Value* out) {
  Value m = args[0];
  out[0] = vm::isNilValue(m) ? vm::makeByteSlice("null") : m;
  out[1] = Value();
  return 2;
}

int rawUnmarshalJSON(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value p = args[0];
  if (!p.isObject()) {
    out[0] = newError("json.RawMessage: UnmarshalJSON on nil pointer");
    return 1;
  }
  auto* ptr = static_cast<vm::PointerObj*>(p.asObject());
  // *m = append((*m)[0:0], data...): reuses the old storage, as Go does.
  std::string data(vm::bytesView(arg(args, nargs, 1)));
  Value cur = *ptr->slot;
  Value empty = vm::isNilValue(cur) ? cur : vm::sliceExpr(cur, 0, 0, 0, false);
  *ptr->slot = vm::appendBytes(empty, data);
  out[0] = Value();
  return 1;
}

// ---- Delim ------------------------------------------------------------------------

int delimString(vm::Thread&, const Value* args, int, Value* out) {
  std::string s;
  vm::appendRune(s, vm::toInt64(args[0]));
  out1(out, s);
  return 1;
}

vm::StructObj* newErrorStruct(const vm::Type* t) { return vm::newStruct(t); }

}  // namespace

// ---- Types ---------------------------------------------------------------------------

const vm::Type* syntaxErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("json", "SyntaxError", {field("msg", str()), field("Offset", i64())});
    defineMethod(named, "Error", syntaxErrorError, true);
    return named;
  }();
  return t;
}

const vm::Type* unmarshalTypeErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("json", "UnmarshalTypeError",
                                   {field("Value", str()), field("Type", reflectTypeIface()),
                                    field("Offset", i64()), field("Struct", str()), field("Field", str())});
    defineMethod(named, "Error", unmarshalTypeErrorError, true);
    return named;
  }();
  return t;
}

const vm::Type* invalidUnmarshalErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("json", "InvalidUnmarshalError", {field("Type", reflectTypeIface())});
    defineMethod(named, "Error", invalidUnmarshalErrorError, true);
    return named;
  }();
  return t;
}

const vm::Type* unsupportedTypeErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("json", "UnsupportedTypeError", {field("Type", reflectTypeIface())});
    defineMethod(named, "Error", unsupportedTypeErrorError, true);
    return named;
  }();
  return t;
}

const vm::Type* unsupportedValueErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("json", "UnsupportedValueError",
                                   {field("Value", vm::types::anyType()), field("Str", str())});
    defineMethod(named, "Error", unsupportedValueErrorError, true);
    return named;
  }();
  return t;
}

const vm::Type* marshalerErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("json", "MarshalerError",
                                   {field("Type", reflectTypeIface()), field("Err", vm::types::errorType()),
                                    field("sourceFunc", str())});
    defineMethod(named, "Error", marshalerErrorError, true);
    defineMethod(named, "Unwrap", marshalerErrorUnwrap, true);
    return named;
  }();
  return t;
}

const vm::Type* numberType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("json", "Number", str());
    defineMethod(named, "String", numberString, false);
    defineMethod(named, "Float64", numberFloat64, false);
    defineMethod(named, "Int64", numberInt64, false);
    return named;
  }();
  return t;
}

const vm::Type* rawMessageType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("json", "RawMessage", vm::sliceOf(vm::types::uint8Type()));
    defineMethod(named, "MarshalJSON", rawMarshalJSON, false);
    defineMethod(named, "UnmarshalJSON", rawUnmarshalJSON, true);
    return named;
  }();
  return t;
}

const vm::Type* delimType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("json", "Delim", vm::types::int32Type());
    defineMethod(named, "String", delimString, false);
    return named;
  }();
  return t;
}

const vm::Type* marshalerType() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms{{"MarshalJSON", nullptr}};
    return defineNamed("json", "Marshaler", vm::interfaceOf(ms));
  }();
  return t;
}

const vm::Type* unmarshalerType() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms{{"UnmarshalJSON", nullptr}};
    return defineNamed("json", "Unmarshaler", vm::interfaceOf(ms));
  }();
  return t;
}

// ---- Values ----------------------------------------------------------------------------

Value reflectTypeValue(const vm::Type* t) {
  if (!t) return Value();
  static std::mutex mu;
  static std::unordered_map<const vm::Type*, Value*> cache;
  std::lock_guard<std::mutex> lock(mu);
  Value*& slot = cache[t];
  if (!slot) {
    slot = permanentSlot();
    vm::StructObj* s = vm::newStruct(rtypeType());
    s->fields()[0] = vm::makeInt(t->id);
    *slot = Value::ref(s);
  }
  return *slot;
}

Value makeSyntaxError(std::string_view msg, int64_t offset) {
  vm::StructObj* s = newErrorStruct(syntaxErrorType());
  s->fields()[0] = vm::makeString(msg);
  s->fields()[1] = vm::makeIntOfType(i64(), offset);
  return Value::ref(s);
}

Value makeSyntaxError(const SyntaxErrorInfo& e) { return makeSyntaxError(e.msg, e.offset); }

Value makeUnmarshalTypeError(std::string_view what, const vm::Type* t, int64_t offset) {
  vm::StructObj* s = newErrorStruct(unmarshalTypeErrorType());
  s->fields()[0] = vm::makeString(what);
  s->fields()[1] = reflectTypeValue(t);
  s->fields()[2] = vm::makeIntOfType(i64(), offset);
  return Value::ref(s);
}

void setErrorContext(Value err, std::string_view structName, std::string_view field) {
  if (!err.isRef() || err.refTarget()->type != unmarshalTypeErrorType()) return;
  auto* s = static_cast<vm::StructObj*>(err.refTarget());
  s->fields()[3] = vm::makeString(structName);
  s->fields()[4] = vm::makeString(field);
}

Value makeInvalidUnmarshalError(const vm::Type* t) {
  vm::StructObj* s = newErrorStruct(invalidUnmarshalErrorType());
  s->fields()[0] = reflectTypeValue(t);
  return Value::ref(s);
}

Value makeUnsupportedTypeError(const vm::Type* t) {
  vm::StructObj* s = newErrorStruct(unsupportedTypeErrorType());
  s->fields()[0] = reflectTypeValue(t);
  return Value::ref(s);
}

Value makeUnsupportedValueError(Value v, std::string_view str) {
  vm::StructObj* s = newErrorStruct(unsupportedValueErrorType());
  s->fields()[0] = vm::copyValue(v);
  s->fields()[1] = vm::makeString(str);
  return Value::ref(s);
}

Value makeMarshalerError(const vm::Type* t, Value err, std::string_view sourceFunc) {
  vm::StructObj* s = newErrorStruct(marshalerErrorType());
  s->fields()[0] = reflectTypeValue(t);
  s->fields()[1] = err;
  s->fields()[2] = vm::makeString(sourceFunc);
  return Value::ref(s);
}

Value makeCorruptInputError(int64_t offset) {
  return vm::makeIntOfType(corruptInputErrorType(), offset);
}

bool isValidNumber(std::string_view s) {
  // The grammar of https://www.json.org/ numbers, as Go's isValidNumber.
  if (s.empty()) return false;
  size_t i = 0;
  auto digit = [&](size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (s[i] == '-') {
    i++;
    if (i == s.size()) return false;
  }
  if (s[i] == '0') {
    i++;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (digit(i)) i++;
  } else {
    return false;
  }
  if (i + 1 < s.size() && s[i] == '.' && digit(i + 1)) {
    i += 2;
    while (digit(i)) i++;
  }
  if (i + 1 < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (s[i] == '+' || s[i] == '-') {
      i++;
      if (i == s.size()) return false;
    }
    while (digit(i)) i++;
  }
  return i == s.size();
}

}  // namespace gsl::stdlib::json
