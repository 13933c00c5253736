// stdlib/ffi.cpp: package ffi, gsl's own package for calling C functions in
// shared libraries, on libffi (docs/ffi.md is the user's manual).
//
//   lib, err := ffi.Open("libm.so.6")                 // dlopen
//   cos, err := lib.Func("cos", ffi.Double, ffi.Double) // dlsym + ffi_prep_cif
//   cos(0.5)                                          // ffi_call
//   err = lib.Close()                                 // dlclose
//
// Values the script sees:
//  * ffi.Type is `type Type int` with the constants Void … CString (the
//    order of kTypes below) and a String method.
//  * *ffi.Lib points at struct{path string; id int}. `id` names a LibState
//    in a process-wide registry (1-based; 0 means "not made by Open"). The
//    C++ state is kept out of the struct because a script may copy the
//    struct or build a zero one: an id is only ever looked up, so a forged
//    or stale one yields an error, never a wild pointer.
//  * A function made by Func is an ordinary native FuncObj, bound (like a
//    method value) to a CallDesc: a collected object holding the prepared
//    ffi_cif, the symbol's address and the LibState. Scripts cannot reach
//    the bound value, so the CallDesc's C++ layout is safe from them. Its
//    Go type is the func type that matches the declared C types, so %T of
//    `cos` prints "func(float64) float64".
//
// Closing while calls are in flight. A LibState's `use` word counts the
// calls running through the library and carries a closed bit; dlclose runs
// once, when the library is closed and no call is running, by whichever of
// Close or the last call gets there first (a second bit records that it
// ran). A call that finds the closed bit panics without touching the
// library, so a racing script cannot make the VM jump into unmapped code.
#include <dlfcn.h>
#include <ffi.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include "runtime/sched.h"
#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/type.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// ---- The C types ------------------------------------------------------------

// The values of ffi.Type, in the order of the constants.
enum class CType : uint8_t {
  Void,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Float,
  Double,
  Pointer,
  CString,
};
constexpr int kNumCTypes = static_cast<int>(CType::CString) + 1;

struct CTypeInfo {
  const char* name;        // the constant's name, also what String() returns
  ffi_type* ffi;           // libffi's description
  vm::Kind goKind;         // the Go kind a result (and a func value's %T) has
};

// ffi_type_* are globals of libffi, so this table is built on first use
// rather than as a constant initialiser.
const std::array<CTypeInfo, kNumCTypes>& cTypes() {
  static const std::array<CTypeInfo, kNumCTypes> table = {{
      {"Void", &ffi_type_void, vm::Kind::Invalid},
      {"Int8", &ffi_type_sint8, vm::Kind::Int8},
      {"Int16", &ffi_type_sint16, vm::Kind::Int16},
      {"Int32", &ffi_type_sint32, vm::Kind::Int32},
      {"Int64", &ffi_type_sint64, vm::Kind::Int64},
      {"Uint8", &ffi_type_uint8, vm::Kind::Uint8},
      {"Uint16", &ffi_type_uint16, vm::Kind::Uint16},
      {"Uint32", &ffi_type_uint32, vm::Kind::Uint32},
      {"Uint64", &ffi_type_uint64, vm::Kind::Uint64},
      {"Float", &ffi_type_float, vm::Kind::Float32},
      {"Double", &ffi_type_double, vm::Kind::Float64},
      {"Pointer", &ffi_type_pointer, vm::Kind::Uintptr},
      {"CString", &ffi_type_pointer, vm::Kind::String},
  }};
  return table;
}

const CTypeInfo& info(CType t) { return cTypes()[static_cast<size_t>(t)]; }

bool isIntegerCType(CType t) { return t >= CType::Int8 && t <= CType::Uint64; }

// `type Type int`, with a String method.
const vm::Type* typeType();

int typeStringMethod(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t v = argInt(args, nargs, 0);
  if (v >= 0 && v < kNumCTypes) {
    out[0] = vm::makeString(info(static_cast<CType>(v)).name);
  } else {
    out[0] = vm::makeString("ffi.Type(" + std::to_string(v) + ")");
  }
  return 1;
}

const vm::Type* typeType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("ffi", "Type", vm::types::intType());
    defineMethod(named, "String", typeStringMethod, false);
    return named;
  }();
  return t;
}

template <CType T>
Value typeConstant() {
  return vm::makeIntOfType(typeType(), static_cast<int64_t>(T));
}

// ---- Libraries --------------------------------------------------------------

// What Open made. Never freed (a few dozen bytes per Open), so a pointer to
// one stays valid for the life of the process; see the header comment.
struct LibState {
  std::string path;  // as given to Open; names the library in messages
  void* handle = nullptr;
  // Bit 63: closed. Bit 62: dlclose has run (or is running). Bits 0..61:
  // calls in flight. Calls add and remove themselves with acq_rel
  // read-modify-writes; the closed bit pairs with them so that a call either
  // sees it (and backs out) or is counted before Close looks at the count.
  std::atomic<uint64_t> use{0};
};

constexpr uint64_t kClosedBit = uint64_t{1} << 63;
constexpr uint64_t kReleasedBit = uint64_t{1} << 62;

std::mutex& registryMutex() {
  static std::mutex m;
  return m;
}
std::vector<LibState*>& registry() {
  static std::vector<LibState*> r;
  return r;
}

// The LibState with this 1-based id, or nullptr.
LibState* findLib(int64_t id) {
  std::lock_guard<std::mutex> lock(registryMutex());
  if (id <= 0 || id > static_cast<int64_t>(registry().size())) return nullptr;
  return registry()[static_cast<size_t>(id - 1)];
}

int64_t registerLib(LibState* s) {
  std::lock_guard<std::mutex> lock(registryMutex());
  registry().push_back(s);
  return static_cast<int64_t>(registry().size());
}

// Runs dlclose if the library is closed, idle, and nobody has run it yet.
// Returns dlclose's error text ("" on success or when it was not this
// caller's turn).
std::string releaseIfIdle(LibState* s) {
  uint64_t expected = kClosedBit;
  if (!s->use.compare_exchange_strong(expected, kClosedBit | kReleasedBit,
                                      std::memory_order_acq_rel)) {
    return "";
  }
  if (::dlclose(s->handle) != 0) {
    const char* e = ::dlerror();
    return e ? e : "dlclose failed";
  }
  return "";
}

int libFunc(vm::Thread& th, const Value* args, int nargs, Value* out);
int libClose(vm::Thread& th, const Value* args, int nargs, Value* out);

// struct{path string; id int} with the methods Func and Close.
const vm::Type* libType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct(
        "ffi", "Lib", {field("path", vm::types::stringType()), field("id", vm::types::intType())});
    defineMethod(named, "Func", libFunc, true);
    defineMethod(named, "Close", libClose, true);
    return named;
  }();
  return t;
}

// The LibState of a *Lib receiver (nullptr for a Lib that Open did not
// make); a nil receiver panics with Go's nil dereference.
LibState* receiverLib(const Value* args) {
  vm::StructObj* lib = receiverStruct(args);
  if (lib->type != libType()) vm::throwNilDereference();
  Value id = lib->fields()[1];
  return vm::kindOf(id) == vm::Kind::Int ? findLib(vm::toInt64(id)) : nullptr;
}

constexpr const char* kNotOpened = "library not opened with ffi.Open";

// The name of a library in messages: its path, or what Open("") opens.
std::string displayName(const LibState* s) {
  return s->path.empty() ? std::string("the running program") : s->path;
}

int nativeOpen(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string path(argString(args, nargs, 0));
  if (path.find('\0') != std::string::npos) {
    // dlopen would see only the part before the NUL; os.Open says the same.
    out[0] = vm::nilOf(vm::pointerTo(libType()));
    out[1] = newError("ffi: open " + path + ": invalid argument");
    return 2;
  }
  ::dlerror();  // clear any stale message
  // RTLD_LOCAL: a library's symbols serve only lookups through its own Lib.
  // RTLD_NOW: an unresolvable library fails here, not at some later call.
  void* h = ::dlopen(path.empty() ? nullptr : path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (h == nullptr) {
    const char* e = ::dlerror();
    out[0] = vm::nilOf(vm::pointerTo(libType()));
    out[1] = newError("ffi: open " + path + ": " + (e ? e : "cannot open library"));
    return 2;
  }
  auto* s = new LibState;
  s->path = path;
  s->handle = h;
  vm::StructObj* lib = vm::newStruct(libType());
  lib->fields()[0] = vm::makeString(path);
  lib->fields()[1] = vm::makeInt(registerLib(s));
  out[0] = Value::ref(lib);
  out[1] = Value();
  return 2;
}

int libClose(vm::Thread&, const Value* args, int, Value* out) {
  LibState* s = receiverLib(args);
  if (s == nullptr) {
    out[0] = newError(std::string("ffi: close: ") + kNotOpened);
    return 1;
  }
  uint64_t before = s->use.fetch_or(kClosedBit, std::memory_order_acq_rel);
  if (before & kClosedBit) {
    out[0] = newError("ffi: close " + displayName(s) + ": library already closed");
    return 1;
  }
  std::string err = releaseIfIdle(s);
  out[0] = err.empty() ? Value() : newError("ffi: close " + displayName(s) + ": " + err);
  return 1;
}

// ---- Call descriptors -------------------------------------------------------

// Everything one function made by Func needs per call. Collected memory; the
// argument type arrays follow the header.
struct CallDesc : vm::Object {
  ffi_cif cif;
  void (*fn)();
  LibState* lib;
  std::string_view name;  // the C symbol (interned)
  uint32_t nargs;
  CType ret;
  ffi_type** ffiTypes() { return reinterpret_cast<ffi_type**>(this + 1); }
  CType* argTypes() { return reinterpret_cast<CType*>(ffiTypes() + nargs); }
  const CType* argTypes() const {
    return reinterpret_cast<const CType*>(reinterpret_cast<ffi_type* const*>(this + 1) + nargs);
  }
};

// The header type of CallDesc objects: a struct with no fields, so that
// anything generic that met one (it is only ever reached through a Ref)
// would see an empty struct.
const vm::Type* callDescType() {
  static const vm::Type* t = defineStruct("ffi", "call", {});
  return t;
}

const vm::Type* goTypeOf(CType t) { return vm::basicType(info(t).goKind); }

// The Go func type of a function with these C types.
const vm::Type* funcTypeOf(CType ret, const std::vector<CType>& params) {
  std::vector<const vm::Type*> ps;
  for (CType p : params) ps.push_back(goTypeOf(p));
  std::vector<const vm::Type*> rs;
  if (ret != CType::Void) rs.push_back(goTypeOf(ret));
  return vm::funcOf(ps, rs, false);
}

// Reads a Type argument of Func. Returns "" and sets *t, or the complaint.
std::string readCType(Value v, const char* role, CType* t) {
  vm::Kind k = vm::kindOf(v);
  if (!vm::isIntegerKind(k)) {
    std::string got = v.isNil() ? "nil" : vm::typeString(vm::typeOf(v));
    return std::string(role) + " must be an ffi.Type, not " + got;
  }
  int64_t n = vm::toInt64(v);
  if (n < 0 || n >= kNumCTypes) return "invalid type ffi.Type(" + std::to_string(n) + ")";
  *t = static_cast<CType>(n);
  return "";
}

int callNative(vm::Thread& th, const Value* args, int nargs, Value* out);

// (*Lib).Func(name string, ret Type, args ...Type) (f, error)
int libFunc(vm::Thread&, const Value* args, int nargs, Value* out) {
  LibState* s = receiverLib(args);
  std::string name(argString(args, nargs, 1));
  auto fail = [&](const std::string& msg) {
    out[0] = Value();
    out[1] = newError(msg);
    return 2;
  };
  if (s == nullptr) return fail("ffi: symbol " + name + ": " + kNotOpened);

  CType ret = CType::Void;
  if (nargs < 3) return fail("ffi: " + name + ": missing return type");
  if (std::string e = readCType(args[2], "return type", &ret); !e.empty()) {
    return fail("ffi: " + name + ": " + e);
  }
  std::vector<CType> params;
  for (int i = 3; i < nargs; i++) {
    CType t;
    std::string role = "argument " + std::to_string(i - 2) + " type";
    if (std::string e = readCType(args[i], role.c_str(), &t); !e.empty()) {
      return fail("ffi: " + name + ": " + e);
    }
    if (t == CType::Void) {
      return fail("ffi: " + name + ": Void is not an argument type (argument " +
                  std::to_string(i - 2) + ")");
    }
    params.push_back(t);
  }

  // Count ourselves as a user so that Close cannot dlclose between the
  // check and dlsym.
  uint64_t before = s->use.fetch_add(1, std::memory_order_acq_rel);
  void* sym = nullptr;
  const char* err = nullptr;
  if (!(before & kClosedBit)) {
    ::dlerror();
    sym = ::dlsym(s->handle, name.c_str());
    err = ::dlerror();
  }
  uint64_t last = s->use.fetch_sub(1, std::memory_order_acq_rel);
  if (last == (kClosedBit | 1)) releaseIfIdle(s);
  if (before & kClosedBit) {
    return fail("ffi: lookup of " + name + " after " + displayName(s) + " was closed");
  }
  if (sym == nullptr || err != nullptr || name.empty() ||
      name.find('\0') != std::string::npos) {
    return fail("ffi: symbol " + name + " not found in " + displayName(s));
  }

  auto n = static_cast<uint32_t>(params.size());
  size_t bytes = sizeof(CallDesc) + n * sizeof(ffi_type*) + n * sizeof(CType);
  auto* d = static_cast<CallDesc*>(vm::allocObject(bytes));
  new (d) CallDesc();
  d->type = callDescType();
  d->fn = reinterpret_cast<void (*)()>(sym);
  d->lib = s;
  d->name = vm::internName(name);
  d->nargs = n;
  d->ret = ret;
  for (uint32_t i = 0; i < n; i++) {
    d->argTypes()[i] = params[i];
    d->ffiTypes()[i] = info(params[i]).ffi;
  }
  if (ffi_prep_cif(&d->cif, FFI_DEFAULT_ABI, n, info(ret).ffi, d->ffiTypes()) != FFI_OK) {
    return fail("ffi: " + name + ": libffi cannot prepare this signature");
  }
  vm::FuncObj* native = vm::makeNative("C." + name, callNative, funcTypeOf(ret, params));
  out[0] = Value::object(vm::bindReceiver(native, Value::ref(d)));
  out[1] = Value();
  return 2;
}

// ---- Calls ------------------------------------------------------------------

// One argument's C storage; avalue[i] points at the member of its type.
union ArgSlot {
  int8_t i8;
  int16_t i16;
  int32_t i32;
  int64_t i64;
  uint8_t u8;
  uint16_t u16;
  uint32_t u32;
  uint64_t u64;
  float f;
  double d;
  void* p;
  const char* s;
};

// A result's C storage: libffi widens integers narrower than a register
// to ffi_arg, so the buffer is at least that large.
union RetSlot {
  ffi_arg u;
  ffi_sarg i;
  float f;
  double d;
  void* p;
  const char* s;
  uint64_t pad[2];
};

std::string plural(uint32_t n) {
  return std::to_string(n) + (n == 1 ? " argument" : " arguments");
}

[[noreturn]] void cannotUse(const CallDesc* d, uint32_t i, Value v) {
  std::string got = v.isNil() ? "nil" : vm::typeString(vm::typeOf(v));
  vm::throwPanic(vm::makeString("ffi: " + std::string(d->name) + " argument " +
                                std::to_string(i + 1) + ": cannot use " + got + " as " +
                                info(d->argTypes()[i]).name));
}

// Converts script value v to C type t in *slot (a CString's bytes go to
// *text, which must outlive the call). Panics when v's kind cannot convert.
void convertArg(const CallDesc* d, uint32_t i, Value v, ArgSlot* slot, std::string* text) {
  CType t = d->argTypes()[i];
  vm::Kind k = vm::kindOf(v);
  if (isIntegerCType(t)) {
    if (!vm::isIntegerKind(k)) cannotUse(d, i, v);
    // C's conversion: keep the low bits of the two's complement value.
    uint64_t bits = vm::toUint64(v);
    switch (t) {
      case CType::Int8: slot->i8 = static_cast<int8_t>(bits); break;
      case CType::Int16: slot->i16 = static_cast<int16_t>(bits); break;
      case CType::Int32: slot->i32 = static_cast<int32_t>(bits); break;
      case CType::Int64: slot->i64 = static_cast<int64_t>(bits); break;
      case CType::Uint8: slot->u8 = static_cast<uint8_t>(bits); break;
      case CType::Uint16: slot->u16 = static_cast<uint16_t>(bits); break;
      case CType::Uint32: slot->u32 = static_cast<uint32_t>(bits); break;
      default: slot->u64 = bits; break;
    }
    return;
  }
  switch (t) {
    case CType::Float:
    case CType::Double: {
      if (!vm::isFloatKind(k) && !vm::isIntegerKind(k)) cannotUse(d, i, v);
      double x = vm::toDouble(v);  // integers convert by value, signed or not
      if (t == CType::Float) {
        slot->f = static_cast<float>(x);
      } else {
        slot->d = x;
      }
      return;
    }
    case CType::Pointer:
      if (v.isNil()) {
        slot->p = nullptr;
      } else if (vm::isIntegerKind(k)) {
        slot->p = reinterpret_cast<void*>(static_cast<uintptr_t>(vm::toUint64(v)));
      } else if ((k == vm::Kind::Pointer || k == vm::Kind::UnsafePointer) && vm::isNilValue(v)) {
        slot->p = nullptr;  // a typed nil pointer is NULL too
      } else {
        cannotUse(d, i, v);  // a gsl pointer is not a C address
      }
      return;
    case CType::CString:
      if (v.isNil()) {
        slot->s = nullptr;
        return;
      }
      if (k != vm::Kind::String) cannotUse(d, i, v);
      text->assign(vm::stringView(v));
      if (text->find('\0') != std::string::npos) {
        vm::throwPanic(vm::makeString("ffi: " + std::string(d->name) + " argument " +
                                      std::to_string(i + 1) + ": string contains a NUL byte"));
      }
      slot->s = text->c_str();
      return;
    default:
      cannotUse(d, i, v);  // Void never reaches here: Func rejects it
  }
}

// The script value of a C result of type t.
Value convertResult(CType t, const RetSlot& r) {
  const vm::Type* gt = goTypeOf(t);
  switch (t) {
    case CType::Int8: return vm::makeIntOfType(gt, static_cast<int64_t>(static_cast<int8_t>(r.i)));
    case CType::Int16: return vm::makeIntOfType(gt, static_cast<int64_t>(static_cast<int16_t>(r.i)));
    case CType::Int32: return vm::makeIntOfType(gt, static_cast<int64_t>(static_cast<int32_t>(r.i)));
    case CType::Int64: return vm::makeIntOfType(gt, static_cast<int64_t>(r.i));
    case CType::Uint8: return vm::makeIntOfType(gt, static_cast<uint64_t>(static_cast<uint8_t>(r.u)));
    case CType::Uint16: return vm::makeIntOfType(gt, static_cast<uint64_t>(static_cast<uint16_t>(r.u)));
    case CType::Uint32: return vm::makeIntOfType(gt, static_cast<uint64_t>(static_cast<uint32_t>(r.u)));
    case CType::Uint64: return vm::makeIntOfType(gt, static_cast<uint64_t>(r.u));
    case CType::Float: return vm::makeFloatOfType(gt, static_cast<double>(r.f));
    case CType::Double: return vm::makeFloat(r.d);
    case CType::Pointer:
      return vm::makeIntOfType(gt, static_cast<uint64_t>(reinterpret_cast<uintptr_t>(r.p)));
    case CType::CString: return vm::makeString(r.s ? std::string_view(r.s) : std::string_view());
    case CType::Void: break;
  }
  return Value();
}

// Arguments up to this count live on the C++ stack; more go to the heap.
constexpr uint32_t kInlineArgs = 8;

// The native behind every function made by Func: args[0] is its CallDesc.
int callNative(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value self = args[0];
  if (!self.isRef() || self.refTarget()->type != callDescType()) {
    vm::throwPanic(vm::makeString("ffi: call through an invalid function value"));
  }
  auto* d = static_cast<CallDesc*>(self.refTarget());
  auto given = static_cast<uint32_t>(nargs - 1);
  if (given != d->nargs) {
    vm::throwPanic(vm::makeString("ffi: " + std::string(d->name) + " expects " +
                                  plural(d->nargs) + ", got " + std::to_string(given)));
  }

  // Convert everything before the library is pinned, so a conversion panic
  // leaves nothing to undo.
  std::array<ArgSlot, kInlineArgs> inlineSlots{};
  std::array<void*, kInlineArgs> inlinePtrs{};
  std::array<std::string, kInlineArgs> inlineTexts;
  std::vector<ArgSlot> heapSlots;
  std::vector<void*> heapPtrs;
  std::vector<std::string> heapTexts;
  ArgSlot* slots = inlineSlots.data();
  void** ptrs = inlinePtrs.data();
  std::string* texts = inlineTexts.data();
  if (d->nargs > kInlineArgs) {
    heapSlots.resize(d->nargs);
    heapPtrs.resize(d->nargs);
    heapTexts.resize(d->nargs);
    slots = heapSlots.data();
    ptrs = heapPtrs.data();
    texts = heapTexts.data();
  }
  for (uint32_t i = 0; i < d->nargs; i++) {
    convertArg(d, i, args[i + 1], &slots[i], &texts[i]);
    ptrs[i] = &slots[i];
  }

  LibState* lib = d->lib;
  uint64_t before = lib->use.fetch_add(1, std::memory_order_acq_rel);
  if (before & kClosedBit) {
    if (lib->use.fetch_sub(1, std::memory_order_acq_rel) == (kClosedBit | 1)) releaseIfIdle(lib);
    vm::throwPanic(vm::makeString("ffi: " + std::string(d->name) + " called after " +
                                  displayName(lib) + " was closed"));
  }

  // C code may write to file descriptor 1 directly: what the script has
  // printed so far must be out first.
  flushStdout();

  RetSlot r{};
  // BLOCKING CALL. The C function may run for as long as it likes (sleep,
  // read, a long computation): it runs between runtime::enterSyscall() and
  // runtime::exitSyscall() (runtime/sched.h), so its P is handed to another
  // M and the other goroutines keep running. The arguments are already
  // converted and the result is converted after, so no script value is
  // touched in between, as that protocol requires. (Outside a goroutine,
  // e.g. at package initialisation, the call is made directly.)
  bool handoff = runtime::currentG() != nullptr;
  if (handoff) runtime::enterSyscall();
  ffi_call(&d->cif, d->fn, &r, ptrs);
  if (handoff) runtime::exitSyscall();

  // The last call out of a closed library unloads it.
  if (lib->use.fetch_sub(1, std::memory_order_acq_rel) == (kClosedBit | 1)) releaseIfIdle(lib);

  if (d->ret == CType::Void) return 0;
  out[0] = convertResult(d->ret, r);
  return 1;
}

// ---- The package ------------------------------------------------------------

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "ffi",
      "ffi",
      {
          funcMember("Open", nativeOpen),
          typeMember("Lib", libType),
          typeMember("Type", typeType),
          constMember("Void", typeConstant<CType::Void>),
          constMember("Int8", typeConstant<CType::Int8>),
          constMember("Int16", typeConstant<CType::Int16>),
          constMember("Int32", typeConstant<CType::Int32>),
          constMember("Int64", typeConstant<CType::Int64>),
          constMember("Uint8", typeConstant<CType::Uint8>),
          constMember("Uint16", typeConstant<CType::Uint16>),
          constMember("Uint32", typeConstant<CType::Uint32>),
          constMember("Uint64", typeConstant<CType::Uint64>),
          constMember("Float", typeConstant<CType::Float>),
          constMember("Double", typeConstant<CType::Double>),
          constMember("Pointer", typeConstant<CType::Pointer>),
          constMember("CString", typeConstant<CType::CString>),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
