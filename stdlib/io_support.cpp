// stdlib/io_support.cpp: see io_support.h.
#include "stdlib/io_support.h"

#include <string>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "vm/compare.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

// The io interface that consists of the method `name` (Read: Reader,
// ReadAt: ReaderAt, WriteTo: WriterTo, ...), for panic messages.
std::string interfaceFor(std::string_view name) {
  if (name == "Read") return "Reader";
  if (name == "Write") return "Writer";
  if (name == "ReadAt") return "ReaderAt";
  if (name == "WriteAt") return "WriterAt";
  if (name == "WriteTo") return "WriterTo";
  if (name == "ReadFrom") return "ReaderFrom";
  if (name == "WriteString") return "StringWriter";
  return std::string(name) + "er";
}

}  // namespace

int callNamed(vm::Thread& th, Value v, std::string_view name, const Value* args, int nargs, Value* out,
              int maxOut) {
  auto m = findMethod(v, name);
  if (!m) {
    if (v.isNil()) vm::throwNilDereference();
    vm::throwPanic(vm::makeString("interface conversion: " + vm::typeString(vm::typeOf(v)) +
                                  " is not io." + interfaceFor(name) + ": missing method " +
                                  std::string(name)));
  }
  return callMethodN(th, *m, args, nargs, out, maxOut);
}

namespace {

IoResult callIo(vm::Thread& th, Value v, std::string_view name, Value p) {
  Value res[vm::kMaxNativeResults];
  int n = callNamed(th, v, name, &p, 1, res, vm::kMaxNativeResults);
  IoResult r;
  r.n = n > 0 && !res[0].isNil() ? vm::toInt64(res[0]) : 0;
  r.err = n > 1 ? res[1] : Value();
  return r;
}

}  // namespace

IoResult readInto(vm::Thread& th, Value r, Value p) {
  if (fileDescriptor(r)) {
    size_t len = 0;
    uint8_t* data = vm::byteSliceData(p, &len);
    FileReadResult fr = readFile(r, data, len);
    return IoResult{fr.n, fr.err};
  }
  return callIo(th, r, "Read", p);
}

IoResult writeBytes(vm::Thread& th, Value w, Value p) {
  if (fileDescriptor(w)) return writeString(th, w, vm::byteSliceView(p));
  return callIo(th, w, "Write", p);
}

IoResult writeString(vm::Thread& th, Value w, std::string_view s) {
  Value out[2];
  writeTo(th, w, s, out);
  return IoResult{out[0].isNil() ? 0 : vm::toInt64(out[0]), out[1]};
}

bool isEOF(Value err) { return !err.isNil() && vm::valuesEqual(err, eofError()); }

}  // namespace gsl::stdlib
