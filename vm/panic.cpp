// vm/panic.cpp: Go panics raised from C++, runtime error values, fatal
// errors and internal assertions.
#include "vm/panic.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "vm/heap.h"
#include "vm/object.h"

namespace gsl::vm {

// ---- GoPanic ----------------------------------------------------------------

GoPanic::GoPanic(Value v) : root_(static_cast<Value*>(allocRoot(sizeof(Value)))) {
  *root_ = v;
}

GoPanic::GoPanic(const GoPanic& other)
    : root_(static_cast<Value*>(allocRoot(sizeof(Value)))) {
  *root_ = *other.root_;
}

GoPanic& GoPanic::operator=(const GoPanic& other) {
  *root_ = *other.root_;
  return *this;
}

GoPanic::~GoPanic() { freeRoot(root_); }

void throwPanic(Value v) { throw GoPanic(v); }

// ---- Runtime error types ----------------------------------------------------

namespace {

std::string_view receiverText(Value recv) {
  if (recv.isRef()) {
    // *runtime.TypeAssertionError: the message is the struct's only field.
    auto* s = static_cast<StructObj*>(recv.refTarget());
    return stringView(s->fields()[0]);
  }
  return stringView(recv);
}

int errorWithPrefix(Thread&, const Value* args, int, Value* out) {
  std::string msg = "runtime error: ";
  msg += receiverText(args[0]);
  out[0] = makeString(msg);
  return 1;
}

int errorPlain(Thread&, const Value* args, int, Value* out) {
  out[0] = makeString(receiverText(args[0]));
  return 1;
}

int runtimeErrorMarker(Thread&, const Value*, int, Value*) { return 0; }

struct RuntimeTypes {
  Type* errorString;
  Type* boundsError;
  Type* plainError;
  Type* typeAssertion;  // the struct; values are Refs to it (*runtime.TypeAssertionError)
  const Type* errorIface;
};

Type* newRuntimeErrorType(std::string_view name, const Type* underlying, bool prefixed,
                          bool ptrRecv) {
  const Type* str = types::stringType();
  const Type* errSig = funcOf({}, std::span<const Type* const>(&str, 1), false);
  const Type* markerSig = funcOf({}, {}, false);
  Type* t = newNamed("runtime", "runtime", name, underlying);
  addMethod(t, "Error",
            Value::object(makeNative("Error", prefixed ? errorWithPrefix : errorPlain, errSig)),
            ptrRecv);
  addMethod(t, "RuntimeError", Value::object(makeNative("RuntimeError", runtimeErrorMarker, markerSig)),
            ptrRecv);
  return t;
}

const RuntimeTypes& runtimeTypes() {
  static const RuntimeTypes types = [] {
    RuntimeTypes r;
    r.errorString = newRuntimeErrorType("errorString", types::stringType(), true, false);
    r.boundsError = newRuntimeErrorType("boundsError", types::stringType(), true, false);
    r.plainError = newRuntimeErrorType("plainError", types::stringType(), false, false);
    Field msg{"msg", types::stringType(), "", false, false};
    r.typeAssertion = newRuntimeErrorType(
        "TypeAssertionError", structOf(std::span<const Field>(&msg, 1)), false, true);
    const Type* str = types::stringType();
    IMethod ms[2] = {
        {"Error", funcOf({}, std::span<const Type* const>(&str, 1), false)},
        {"RuntimeError", funcOf({}, {}, false)},
    };
    r.errorIface = newNamed("runtime", "runtime", "Error", interfaceOf(ms));
    return r;
  }();
  return types;
}

}  // namespace

const Type* runtimeErrorType() { return runtimeTypes().errorIface; }

Value makeRuntimeError(RuntimeErrorKind kind, std::string_view msg) {
  const RuntimeTypes& rt = runtimeTypes();
  switch (kind) {
    case RuntimeErrorKind::ErrorString: return makeStringOfType(rt.errorString, msg);
    case RuntimeErrorKind::Bounds: return makeStringOfType(rt.boundsError, msg);
    case RuntimeErrorKind::Plain: return makeStringOfType(rt.plainError, msg);
    case RuntimeErrorKind::TypeAssertion: {
      StructObj* s = newStruct(rt.typeAssertion);
      s->fields()[0] = makeString(msg);
      return Value::ref(s);
    }
  }
  return Value();
}

bool isRuntimeError(Value v) {
  const RuntimeTypes& rt = runtimeTypes();
  if (v.isRef()) return v.refTarget()->type == rt.typeAssertion;
  if (!v.isObject()) return false;
  const Type* t = v.asObject()->type;
  return t == rt.errorString || t == rt.boundsError || t == rt.plainError;
}

std::string runtimeErrorMessage(Value v) {
  const RuntimeTypes& rt = runtimeTypes();
  std::string_view text = receiverText(v);
  if (!v.isRef() && v.asObject()->type != rt.plainError) {
    return "runtime error: " + std::string(text);
  }
  return std::string(text);
}

void throwRuntimeError(std::string_view msg) {
  throwPanic(makeRuntimeError(RuntimeErrorKind::ErrorString, msg));
}

void throwBoundsError(std::string_view msg) {
  throwPanic(makeRuntimeError(RuntimeErrorKind::Bounds, msg));
}

void throwPlainError(std::string_view msg) {
  throwPanic(makeRuntimeError(RuntimeErrorKind::Plain, msg));
}

void throwIndexOutOfRange(int64_t index, int64_t length) {
  if (index < 0) throwBoundsError("index out of range [" + std::to_string(index) + "]");
  throwBoundsError("index out of range [" + std::to_string(index) + "] with length " +
                   std::to_string(length));
}

void throwNilDereference() {
  throwRuntimeError("invalid memory address or nil pointer dereference");
}

void throwDivideByZero() { throwRuntimeError("integer divide by zero"); }

void throwNilMapWrite() { throwPlainError("assignment to entry in nil map"); }

void throwTypeAssertionError(const Type* iface, const Type* concrete, const Type* asserted,
                             std::string_view missingMethod) {
  std::string inter = iface ? typeString(iface) : "interface";
  std::string as = typeString(asserted);
  std::string msg;
  if (!concrete) {
    msg = "interface conversion: " + inter + " is nil, not " + as;
  } else if (missingMethod.empty()) {
    std::string cs = typeString(concrete);
    msg = "interface conversion: " + inter + " is " + cs + ", not " + as;
    if (cs == as) {
      msg += concrete->pkgPath != asserted->pkgPath ? " (types from different packages)"
                                                    : " (types from different scopes)";
    }
  } else {
    msg = "interface conversion: " + typeString(concrete) + " is not " + as +
          ": missing method " + std::string(missingMethod);
  }
  throwPanic(makeRuntimeError(RuntimeErrorKind::TypeAssertion, msg));
}

// ---- Fatal errors and assertions --------------------------------------------

namespace {
std::atomic<FatalHandler> gFatalHandler{nullptr};
}

void setFatalHandler(FatalHandler handler) { gFatalHandler.store(handler); }

void fatalError(std::string_view msg) {
  std::fflush(stdout);
  std::fprintf(stderr, "fatal error: %.*s\n", static_cast<int>(msg.size()), msg.data());
  if (FatalHandler h = gFatalHandler.load()) h(msg);
  std::fflush(stderr);
  std::fflush(stdout);
  // _Exit: other threads may still be running; static destructors must not.
  std::_Exit(2);
}

void assertFailed(const char* cond, const char* file, int line, const char* func) {
  std::fflush(stdout);
  std::fprintf(stderr, "gsl: internal error: assertion failed: %s\n  at %s:%d in %s\n", cond,
               file, line, func);
  std::abort();
}

}  // namespace gsl::vm
