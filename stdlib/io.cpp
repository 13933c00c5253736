// stdlib/io.cpp: the parts of package io that other packages and simple
// programs need: the sentinel errors (EOF is shared with os and strings),
// the basic interfaces, WriteString, ReadAll, Copy and Discard.
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "vm/compare.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

template <const char* Msg>
Value sentinelError() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newError(Msg);
    return s;
  }();
  return *slot;
}
constexpr char kShortWrite[] = "short write";
constexpr char kShortBuffer[] = "short buffer";
constexpr char kNoProgress[] = "multiple Read calls return no data or error";
constexpr char kClosedPipe[] = "io: read/write on closed pipe";

const vm::Type* namedInterface(std::string_view name, std::initializer_list<std::string_view> ms) {
  std::vector<vm::IMethod> methods;
  for (std::string_view m : ms) methods.push_back(vm::IMethod{m, nullptr});
  return defineNamed("io", name, vm::interfaceOf(methods));
}

// Calls r.Read(buf) once; returns the bytes read and sets *err.
std::string readOnce(vm::Thread& th, const BoundMethod& read, size_t size, Value* err) {
  Value buf = makeByteSlice(std::string(size, '\0'));
  Value res[vm::kMaxNativeResults];
  int n = callMethodN(th, read, &buf, 1, res, vm::kMaxNativeResults);
  int64_t got = n > 0 ? vm::toInt64(res[0]) : 0;
  *err = n > 1 ? res[1] : Value();
  if (got < 0 || got > static_cast<int64_t>(size)) {
    vm::throwPanic(newError("io: invalid Read count"));
  }
  std::string all = bytesOf(buf);
  all.resize(static_cast<size_t>(got));
  return all;
}

int nWriteString(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value w = arg(args, nargs, 0);
  std::string_view s = argString(args, nargs, 1);
  if (auto m = findMethod(w, "WriteString")) {
    Value sv = vm::makeString(s);
    Value res[vm::kMaxNativeResults];
    int n = callMethodN(th, *m, &sv, 1, res, vm::kMaxNativeResults);
    out[0] = n > 0 ? res[0] : vm::makeInt(0);
    out[1] = n > 1 ? res[1] : Value();
    return 2;
  }
  writeTo(th, w, s, out);
  return 2;
}

int nReadAll(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value r = arg(args, nargs, 0);
  auto read = findMethod(r, "Read");
  if (!read) vm::throwNilDereference();
  std::string data;
  Value err;
  for (;;) {
    data += readOnce(th, *read, 512, &err);
    if (!err.isNil()) break;
  }
  if (vm::valuesEqual(err, eofError())) err = Value();
  out[0] = makeByteSlice(data);
  out[1] = err;
  return 2;
}

int nCopy(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value dst = arg(args, nargs, 0);
  Value src = arg(args, nargs, 1);
  auto read = findMethod(src, "Read");
  if (!read) vm::throwNilDereference();
  int64_t written = 0;
  Value err;
  for (;;) {
    Value rerr;
    std::string chunk = readOnce(th, *read, 32 * 1024, &rerr);
    if (!chunk.empty()) {
      Value res[2];
      writeTo(th, dst, chunk, res);
      int64_t nw = vm::toInt64(res[0]);
      written += nw;
      if (!res[1].isNil()) {
        err = res[1];
        break;
      }
      if (nw != static_cast<int64_t>(chunk.size())) {
        err = sentinelError<kShortWrite>();
        break;
      }
    }
    if (!rerr.isNil()) {
      if (!vm::valuesEqual(rerr, eofError())) err = rerr;
      break;
    }
  }
  out[0] = vm::makeIntOfType(vm::types::int64Type(), written);
  out[1] = err;
  return 2;
}

// io.Discard: a writer that accepts everything.
int discardWrite(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(static_cast<int64_t>(bytesOf(arg(args, nargs, 1)).size()));
  out[1] = Value();
  return 2;
}
int discardWriteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(static_cast<int64_t>(argString(args, nargs, 1).size()));
  out[1] = Value();
  return 2;
}

Value discard() {
  static Value* slot = [] {
    vm::Type* t = defineStruct("io", "discard", {});
    defineMethod(t, "Write", discardWrite, false);
    defineMethod(t, "WriteString", discardWriteString, false);
    Value* s = permanentSlot();
    *s = Value::object(vm::newStruct(t));
    return s;
  }();
  return *slot;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "io",
      "io",
      {
          varMember("EOF", eofError),
          varMember("ErrUnexpectedEOF", unexpectedEOF),
          varMember("ErrShortWrite", sentinelError<kShortWrite>),
          varMember("ErrShortBuffer", sentinelError<kShortBuffer>),
          varMember("ErrNoProgress", sentinelError<kNoProgress>),
          varMember("ErrClosedPipe", sentinelError<kClosedPipe>),
          varMember("Discard", discard),
          funcMember("WriteString", nWriteString),
          funcMember("ReadAll", nReadAll),
          funcMember("Copy", nCopy),
          typeMember("Reader", [] {
            static const vm::Type* t = namedInterface("Reader", {"Read"});
            return t;
          }),
          typeMember("Writer", [] {
            static const vm::Type* t = namedInterface("Writer", {"Write"});
            return t;
          }),
          typeMember("Closer", [] {
            static const vm::Type* t = namedInterface("Closer", {"Close"});
            return t;
          }),
          typeMember("ReadWriter", [] {
            static const vm::Type* t = namedInterface("ReadWriter", {"Read", "Write"});
            return t;
          }),
          typeMember("ReadCloser", [] {
            static const vm::Type* t = namedInterface("ReadCloser", {"Close", "Read"});
            return t;
          }),
          typeMember("WriteCloser", [] {
            static const vm::Type* t = namedInterface("WriteCloser", {"Close", "Write"});
            return t;
          }),
          typeMember("StringWriter", [] {
            static const vm::Type* t = namedInterface("StringWriter", {"WriteString"});
            return t;
          }),
          typeMember("ByteReader", [] {
            static const vm::Type* t = namedInterface("ByteReader", {"ReadByte"});
            return t;
          }),
          typeMember("RuneReader", [] {
            static const vm::Type* t = namedInterface("RuneReader", {"ReadRune"});
            return t;
          }),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
