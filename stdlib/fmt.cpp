// stdlib/fmt.cpp: package fmt's functions (the printing is in
// fmt_printer.cpp, the scanning in fmt_scan.cpp).
//
// Errorf follows Go 1.20: with no %w the result is an *errors.errorString
// as errors.New makes; with one %w operand it is a *fmt.wrapError whose
// Unwrap returns that operand; with several, a *fmt.wrapErrors whose
// Unwrap returns them all ([]error, in operand order).
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/fmt_printer.h"
#include "stdlib/fmt_scan.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// ---- Errorf's error types ---------------------------------------------------

int wrapErrorError(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[0];
  return 1;
}

int wrapErrorUnwrap(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[1];
  return 1;
}

const vm::Type* wrapErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("fmt", "wrapError",
                                   {field("msg", vm::types::stringType()),
                                    field("err", vm::types::errorType())});
    defineMethod(named, "Error", wrapErrorError, true);
    defineMethod(named, "Unwrap", wrapErrorUnwrap, true);
    return named;
  }();
  return t;
}

const vm::Type* wrapErrorsType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("fmt", "wrapErrors",
                                   {field("msg", vm::types::stringType()),
                                    field("errs", errorSliceType())});
    defineMethod(named, "Error", wrapErrorError, true);
    defineMethod(named, "Unwrap", wrapErrorUnwrap, true);
    return named;
  }();
  return t;
}

// ---- Interface types ----------------------------------------------------------

const vm::Type* namedInterface(std::string_view name, std::initializer_list<std::string_view> ms) {
  std::vector<vm::IMethod> methods;
  for (std::string_view m : ms) methods.push_back(vm::IMethod{m, nullptr});
  return defineNamed("fmt", name, vm::interfaceOf(methods));
}

const vm::Type* stringerType() {
  static const vm::Type* t = namedInterface("Stringer", {"String"});
  return t;
}
const vm::Type* goStringerType() {
  static const vm::Type* t = namedInterface("GoStringer", {"GoString"});
  return t;
}
const vm::Type* formatterType() {
  static const vm::Type* t = namedInterface("Formatter", {"Format"});
  return t;
}
const vm::Type* stateType() {
  static const vm::Type* t = namedInterface("State", {"Flag", "Precision", "Width", "Write"});
  return t;
}

// ---- Printing ---------------------------------------------------------------

enum class Mode { Print, Println, Printf };

// Formats args (for Printf, args[0] is the format) into p's buffer.
void format(fmt::Printer& p, Mode mode, const Value* args, int nargs) {
  switch (mode) {
    case Mode::Print:
      p.doPrint(args, nargs);
      break;
    case Mode::Println:
      p.doPrintln(args, nargs);
      break;
    case Mode::Printf:
      p.doPrintf(argString(args, nargs, 0), args + 1, nargs > 0 ? nargs - 1 : 0);
      break;
  }
}

template <Mode M>
int nativePrint(vm::Thread& th, const Value* args, int nargs, Value* out) {
  fmt::Printer p(th);
  format(p, M, args, nargs);
  WriteResult r = writeFd(1, p.buf());
  out[0] = vm::makeInt(static_cast<int64_t>(r.n));
  out[1] = r.err ? newError(std::string("write /dev/stdout: ") + std::strerror(r.err)) : Value();
  return 2;
}

template <Mode M>
int nativeFprint(vm::Thread& th, const Value* args, int nargs, Value* out) {
  fmt::Printer p(th);
  format(p, M, args + 1, nargs > 0 ? nargs - 1 : 0);
  writeTo(th, arg(args, nargs, 0), p.buf(), out);
  return 2;
}

template <Mode M>
int nativeSprint(vm::Thread& th, const Value* args, int nargs, Value* out) {
  fmt::Printer p(th);
  format(p, M, args, nargs);
  out[0] = vm::makeString(p.buf());
  return 1;
}

template <Mode M>
int nativeAppend(vm::Thread& th, const Value* args, int nargs, Value* out) {
  fmt::Printer p(th);
  format(p, M, args + 1, nargs > 0 ? nargs - 1 : 0);
  Value b = arg(args, nargs, 0);
  const std::string& s = p.buf();
  if (b.isNil()) {
    out[0] = makeByteSlice(s);
    return 1;
  }
  requireByteSlice(b);
  const vm::Type* elem = vm::typeOf(b)->elem;
  std::vector<Value, vm::GcAllocator<Value>> bytes;
  bytes.reserve(s.size());
  for (char c : s) bytes.push_back(vm::makeIntOfType(elem, static_cast<uint64_t>(static_cast<uint8_t>(c))));
  out[0] = vm::appendValues(b, bytes.data(), static_cast<int64_t>(bytes.size()));
  return 1;
}

int nativeErrorf(vm::Thread& th, const Value* args, int nargs, Value* out) {
  fmt::Printer p(th);
  p.setWrapErrors(true);
  const Value* ops = args + 1;
  int nops = nargs > 0 ? nargs - 1 : 0;
  p.doPrintf(argString(args, nargs, 0), ops, nops);
  std::vector<size_t> wrapped = p.wrapped();
  Value msg = vm::makeString(p.buf());
  if (wrapped.empty()) {
    out[0] = newError(p.buf());
    return 1;
  }
  if (wrapped.size() == 1) {
    vm::StructObj* e = vm::newStruct(wrapErrorType());
    e->fields()[0] = msg;
    Value w = ops[wrapped[0]];
    e->fields()[1] = hasMethod(w, "Error") ? w : Value();
    out[0] = Value::ref(e);
    return 1;
  }
  if (p.reordered()) std::sort(wrapped.begin(), wrapped.end());
  std::vector<Value, vm::GcAllocator<Value>> errs;
  for (size_t i = 0; i < wrapped.size(); i++) {
    if (i > 0 && wrapped[i - 1] == wrapped[i]) continue;
    Value w = ops[wrapped[i]];
    if (hasMethod(w, "Error")) errs.push_back(w);
  }
  vm::StructObj* e = vm::newStruct(wrapErrorsType());
  e->fields()[0] = msg;
  e->fields()[1] = vm::sliceFromValues(errorSliceType(), errs.data(),
                                       static_cast<int64_t>(errs.size()));
  out[0] = Value::ref(e);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "fmt",
      "fmt",
      {
          funcMember("Print", nativePrint<Mode::Print>),
          funcMember("Println", nativePrint<Mode::Println>),
          funcMember("Printf", nativePrint<Mode::Printf>),
          funcMember("Fprint", nativeFprint<Mode::Print>),
          funcMember("Fprintln", nativeFprint<Mode::Println>),
          funcMember("Fprintf", nativeFprint<Mode::Printf>),
          funcMember("Sprint", nativeSprint<Mode::Print>),
          funcMember("Sprintln", nativeSprint<Mode::Println>),
          funcMember("Sprintf", nativeSprint<Mode::Printf>),
          funcMember("Append", nativeAppend<Mode::Print>),
          funcMember("Appendln", nativeAppend<Mode::Println>),
          funcMember("Appendf", nativeAppend<Mode::Printf>),
          funcMember("Errorf", nativeErrorf),
          funcMember("Sscan", fmt::nativeSscan),
          funcMember("Sscanln", fmt::nativeSscanln),
          funcMember("Sscanf", fmt::nativeSscanf),
          funcMember("Scan", fmt::nativeScan),
          funcMember("Scanln", fmt::nativeScanln),
          funcMember("Scanf", fmt::nativeScanf),
          typeMember("Stringer", stringerType),
          typeMember("GoStringer", goStringerType),
          typeMember("Formatter", formatterType),
          typeMember("State", stateType),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
