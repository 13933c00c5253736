// stdlib/native_support.cpp: see native_support.h.
#include "stdlib/native_support.h"

#include <vector>

#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

std::string_view argString(const Value* args, int nargs, int i) {
  Value v = arg(args, nargs, i);
  if (!vm::isString(v)) return {};
  return vm::stringView(v);
}

int64_t argInt(const Value* args, int nargs, int i) {
  Value v = arg(args, nargs, i);
  if (v.isNil()) return 0;
  if (v.isInt()) return v.asInt();
  vm::Kind k = vm::kindOf(v);
  if (vm::isIntegerKind(k)) return vm::toInt64(v);
  if (vm::isFloatKind(k)) return static_cast<int64_t>(vm::toDouble(v));
  return 0;
}

double argFloat(const Value* args, int nargs, int i) {
  Value v = arg(args, nargs, i);
  if (v.isNil()) return 0;
  if (v.isFlonum()) return v.asFlonum();
  vm::Kind k = vm::kindOf(v);
  if (vm::isFloatKind(k) || vm::isIntegerKind(k)) return vm::toDouble(v);
  return 0;
}

bool argBool(const Value* args, int nargs, int i) {
  Value v = arg(args, nargs, i);
  return !v.isNil() && vm::kindOf(v) == vm::Kind::Bool && vm::toBool(v);
}

vm::StructObj* receiverStruct(const Value* args) {
  Value r = args[0];
  if (!r.isRef() || r.refTarget()->type->kind != vm::Kind::Struct) vm::throwNilDereference();
  return static_cast<vm::StructObj*>(r.refTarget());
}

void requireByteSlice(Value v) {
  const vm::Type* t = vm::typeOf(v);
  if (!t || t->kind != vm::Kind::Slice || !t->elem || t->elem->kind != vm::Kind::Uint8) {
    vm::throwRuntimeError("invalid argument: " + vm::typeString(t) + " is not a byte slice");
  }
}

// ---- Values -----------------------------------------------------------------

void appendBytesOf(std::string& out, Value v) { out += vm::bytesView(v); }

std::string bytesOf(Value v) {
  std::string s;
  appendBytesOf(s, v);
  return s;
}

Value makeStringSlice(const std::vector<std::string_view>& parts) {
  const vm::Type* t = vm::sliceOf(vm::types::stringType());
  auto n = static_cast<int64_t>(parts.size());
  Value s = vm::makeSlice(t, n, n);
  if (n == 0) return s;
  Value* elems = vm::asSlice(s)->elems;
  for (int64_t i = 0; i < n; i++) elems[i] = vm::makeString(parts[static_cast<size_t>(i)]);
  return s;
}

SliceView sliceView(Value s) {
  vm::SliceObj* so = vm::asSlice(s);
  if (!so || so->type->kind != vm::Kind::Slice) return {};
  // Byte slices have no Value elements (vm/slice.h): a caller reaching here
  // with one must use the byte functions or sliceIndex/sliceStore instead.
  GSL_ASSERT(!so->byteElems);
  return {so->elems, so->len};
}

// ---- Types ------------------------------------------------------------------

vm::Field field(std::string_view name, const vm::Type* type) {
  vm::Field f;
  f.name = name;
  f.type = type;
  f.exported = !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
  return f;
}

vm::Type* defineStruct(std::string_view pkg, std::string_view name,
                       std::initializer_list<vm::Field> fields) {
  std::vector<vm::Field> fs(fields);
  const vm::Type* st = vm::structOf(fs);
  return vm::newNamed(pkg, pkg, name, st);
}

vm::Type* defineNamed(std::string_view pkg, std::string_view name, const vm::Type* underlying) {
  return vm::newNamed(pkg, pkg, name, underlying);
}

void defineMethod(vm::Type* t, std::string_view name, vm::NativeFn fn, bool ptrRecv) {
  std::string full = std::string(t->pkg) + "." + std::string(t->name) + "." + std::string(name);
  vm::addMethod(t, name, Value::object(vm::makeNative(full, fn)), ptrRecv);
}

Value* permanentSlot() { return static_cast<Value*>(vm::allocRoot(sizeof(Value))); }

// ---- Methods ----------------------------------------------------------------

namespace {

// The receiver for a method with a value receiver, from a value or a
// pointer to it. A nil pointer panics as Go's automatic dereference does.
Value derefForValueMethod(Value v) {
  if (v.isRef()) return vm::copyValue(Value::object(v.refTarget()));
  vm::Kind k = vm::kindOf(v);
  if (k == vm::Kind::Pointer && !vm::typeOf(v)->isNamed()) {
    if (!v.isObject()) vm::throwNilDereference();
    auto* p = static_cast<const vm::PointerObj*>(static_cast<const vm::Object*>(v.asObject()));
    return vm::copyValue(vm::pointerLoad(p));
  }
  return vm::copyValue(v);
}

}  // namespace

std::optional<BoundMethod> findMethod(Value v, std::string_view name) {
  const vm::Type* t = vm::typeOf(v);
  if (!t) return std::nullopt;
  vm::MethodLookup lk = vm::lookupMethod(t, name);
  if (!lk.found || !lk.inMethodSet) return std::nullopt;

  // Walk the embedded fields down to the value that declares the method,
  // remembering where the last one lives so that it can be addressed.
  Value cur = v;
  vm::StructObj* holder = nullptr;
  int holderIndex = -1;
  for (int idx : lk.path) {
    vm::Object* obj = nullptr;
    if (cur.isRef()) {
      obj = cur.refTarget();
    } else if (cur.isObject()) {
      obj = cur.asObject();
    } else {
      vm::throwNilDereference();  // an embedded nil pointer on the way
    }
    holder = static_cast<vm::StructObj*>(obj);
    holderIndex = idx;
    cur = holder->fields()[idx];
  }

  if (!lk.method) {
    // Declared by an embedded interface: dispatch on the value it holds.
    if (cur.isNil()) vm::throwNilDereference();
    return findMethod(cur, name);
  }

  Value recv;
  if (lk.method->ptrRecv) {
    if (lk.path.empty() || cur.isRef() || vm::kindOf(cur) == vm::Kind::Pointer) {
      recv = cur;  // already a pointer
    } else if (vm::isAggregate(cur)) {
      recv = Value::ref(cur.asObject());  // &outer.inner for a struct/array field
    } else {
      const vm::Type* ft = holder->type->fields[static_cast<size_t>(holderIndex)].type;
      recv = vm::makePointer(vm::pointerTo(ft), holder, &holder->fields()[holderIndex]);
    }
  } else {
    recv = derefForValueMethod(cur);
  }
  return BoundMethod{lk.method->fn, recv};
}

bool hasMethod(Value v, std::string_view name) {
  const vm::Type* t = vm::typeOf(v);
  if (!t) return false;
  vm::MethodLookup lk = vm::lookupMethod(t, name);
  return lk.found && lk.inMethodSet;
}

int callMethodN(vm::Thread& th, const BoundMethod& m, const Value* args, int nargs, Value* out,
                int maxOut) {
  std::vector<Value, vm::GcAllocator<Value>> all;
  all.reserve(static_cast<size_t>(nargs) + 1);
  all.push_back(m.recv);
  for (int i = 0; i < nargs; i++) all.push_back(args[i]);
  return vm::callFunction(th, m.fn, all.data(), static_cast<int>(all.size()), out, maxOut);
}

Value callMethod(vm::Thread& th, const BoundMethod& m, std::initializer_list<Value> args) {
  Value out[vm::kMaxNativeResults];
  int n = callMethodN(th, m, args.begin(), static_cast<int>(args.size()), out,
                      vm::kMaxNativeResults);
  return n > 0 ? out[0] : Value();
}

}  // namespace gsl::stdlib
