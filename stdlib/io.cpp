// stdlib/io.cpp: package io: the sentinel errors (EOF is shared with os,
// strings, bytes and bufio), the interfaces, and the functions that move
// bytes between readers and writers (Copy, CopyN, CopyBuffer, ReadAll,
// ReadFull, ReadAtLeast, WriteString). The reader and writer types
// (LimitedReader, SectionReader, MultiReader, ...) are in io_types.cpp.
//
// Every function calls its arguments' Read and Write methods exactly as Go's
// does (same buffer sizes, same order, same checks), so a script's own
// Reader sees the same calls it would see under Go. io.Pipe is in
// io_pipe.cpp.
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/io_support.h"
#include "stdlib/io_types.h"
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
constexpr char kShortBuffer[] = "short buffer";
constexpr char kNoProgress[] = "multiple Read calls return no data or error";
constexpr char kClosedPipe[] = "io: read/write on closed pipe";
constexpr char kInvalidWrite[] = "invalid write result";

const vm::Type* bytesType() { return vm::sliceOf(vm::types::uint8Type()); }
Value closedPipeError() { return sentinelError<kClosedPipe>(); }

const vm::Type* namedInterface(std::string_view name, std::initializer_list<std::string_view> ms) {
  std::vector<vm::IMethod> methods;
  for (std::string_view m : ms) methods.push_back(vm::IMethod{m, nullptr});
  return defineNamed("io", name, vm::interfaceOf(methods));
}

Value int64Value(int64_t n) { return vm::makeIntOfType(vm::types::int64Type(), n); }

int nWriteString(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value w = arg(args, nargs, 0);
  std::string_view s = argString(args, nargs, 1);
  if (hasMethod(w, "WriteString")) {
    Value sv = vm::makeString(s);
    Value res[vm::kMaxNativeResults];
    int n = callNamed(th, w, "WriteString", &sv, 1, res, vm::kMaxNativeResults);
    out[0] = n > 0 ? res[0] : vm::makeInt(0);
    out[1] = n > 1 ? res[1] : Value();
    return 2;
  }
  writeTo(th, w, s, out);
  return 2;
}

// Go 1.19's ReadAll: a buffer of capacity 512 grown by append, each Read
// given the unused capacity.
int nReadAll(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value r = arg(args, nargs, 0);
  Value b = vm::newByteSlice(bytesType(), 0, 512, nullptr);
  for (;;) {
    int64_t len = vm::sliceLen(b);
    if (len == vm::sliceCap(b)) {
      b = vm::appendBytes(b, std::string_view("\0", 1));
      b = vm::sliceExpr(b, 0, len, 0, false);
    }
    Value p = vm::sliceExpr(b, len, vm::sliceCap(b), 0, false);
    IoResult res = readInto(th, r, p);
    if (res.n < 0 || res.n > vm::sliceLen(p)) {
      vm::throwBoundsError("slice bounds out of range [:" + std::to_string(len + res.n) +
                           "] with capacity " + std::to_string(vm::sliceCap(b)));
    }
    b = vm::sliceExpr(b, 0, len + res.n, 0, false);
    if (!res.err.isNil()) {
      out[0] = b;
      out[1] = isEOF(res.err) ? Value() : res.err;
      return 2;
    }
  }
}

// ReadAtLeast(r, buf, min): Go's loop and error rules.
void readAtLeast(vm::Thread& th, Value r, Value buf, int64_t min, Value* out) {
  int64_t len = vm::sliceLen(buf);
  if (len < min) {
    out[0] = vm::makeInt(0);
    out[1] = sentinelError<kShortBuffer>();
    return;
  }
  int64_t n = 0;
  Value err;
  while (n < min && err.isNil()) {
    IoResult res = readInto(th, r, vm::sliceExpr(buf, n, len, 0, false));
    n += res.n;
    err = res.err;
  }
  if (n >= min) {
    err = Value();
  } else if (n > 0 && isEOF(err)) {
    err = unexpectedEOF();
  }
  out[0] = vm::makeInt(n);
  out[1] = err;
}

int nReadFull(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value buf = arg(args, nargs, 1);
  readAtLeast(th, arg(args, nargs, 0), buf, vm::sliceLen(buf), out);
  return 2;
}

int nReadAtLeast(vm::Thread& th, const Value* args, int nargs, Value* out) {
  readAtLeast(th, arg(args, nargs, 0), arg(args, nargs, 1), argInt(args, nargs, 2), out);
  return 2;
}

// Go's copyBuffer: WriterTo on the source first, then ReaderFrom on the
// destination, else a loop of Read and Write through one buffer.
void copyBuffer(vm::Thread& th, Value dst, Value src, Value buf, Value* out) {
  if (hasMethod(src, "WriteTo")) {
    Value res[vm::kMaxNativeResults];
    int n = callNamed(th, src, "WriteTo", &dst, 1, res, vm::kMaxNativeResults);
    out[0] = n > 0 ? res[0] : int64Value(0);
    out[1] = n > 1 ? res[1] : Value();
    return;
  }
  if (hasMethod(dst, "ReadFrom")) {
    Value res[vm::kMaxNativeResults];
    int n = callNamed(th, dst, "ReadFrom", &src, 1, res, vm::kMaxNativeResults);
    out[0] = n > 0 ? res[0] : int64Value(0);
    out[1] = n > 1 ? res[1] : Value();
    return;
  }
  if (buf.isNil()) {
    int64_t size = 32 * 1024;
    int64_t limit = 0;
    if (limitedReaderRemaining(src, &limit) && size > limit) size = limit < 1 ? 1 : limit;
    buf = vm::newByteSlice(bytesType(), size, size, nullptr);
  }
  int64_t written = 0;
  Value err;
  for (;;) {
    IoResult rd = readInto(th, src, buf);
    if (rd.n > 0) {
      IoResult wr = writeBytes(th, dst, vm::sliceExpr(buf, 0, rd.n, 0, false));
      if (wr.n < 0 || rd.n < wr.n) {
        wr.n = 0;
        if (wr.err.isNil()) wr.err = sentinelError<kInvalidWrite>();
      }
      written += wr.n;
      if (!wr.err.isNil()) {
        err = wr.err;
        break;
      }
      if (rd.n != wr.n) {
        err = errShortWrite();
        break;
      }
    }
    if (!rd.err.isNil()) {
      if (!isEOF(rd.err)) err = rd.err;
      break;
    }
  }
  out[0] = int64Value(written);
  out[1] = err;
}

int nCopy(vm::Thread& th, const Value* args, int nargs, Value* out) {
  copyBuffer(th, arg(args, nargs, 0), arg(args, nargs, 1), Value(), out);
  return 2;
}

int nCopyBuffer(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value buf = arg(args, nargs, 2);
  if (!vm::isNilValue(buf) && vm::sliceLen(buf) == 0) {
    vm::throwPanic(vm::makeString("empty buffer in CopyBuffer"));
  }
  copyBuffer(th, arg(args, nargs, 0), arg(args, nargs, 1), vm::isNilValue(buf) ? Value() : buf, out);
  return 2;
}

int nCopyN(vm::Thread& th, const Value* args, int nargs, Value* out) {
  int64_t n = argInt(args, nargs, 2);
  Value limited = newLimitedReader(arg(args, nargs, 1), n);
  copyBuffer(th, arg(args, nargs, 0), limited, Value(), out);
  int64_t written = vm::toInt64(out[0]);
  if (written == n) {
    out[1] = Value();
  } else if (written < n && out[1].isNil()) {
    out[1] = eofError();
  }
  return 2;
}

Value seekConstant0() { return vm::makeInt(0); }
Value seekConstant1() { return vm::makeInt(1); }
Value seekConstant2() { return vm::makeInt(2); }

// The interfaces, one named type each.
#define GSL_IO_INTERFACE(Name, ...)                                    \
  const vm::Type* iface##Name() {                                      \
    static const vm::Type* t = namedInterface(#Name, {__VA_ARGS__});   \
    return t;                                                          \
  }
GSL_IO_INTERFACE(Reader, "Read")
GSL_IO_INTERFACE(Writer, "Write")
GSL_IO_INTERFACE(Closer, "Close")
GSL_IO_INTERFACE(Seeker, "Seek")
GSL_IO_INTERFACE(ReadWriter, "Read", "Write")
GSL_IO_INTERFACE(ReadCloser, "Close", "Read")
GSL_IO_INTERFACE(WriteCloser, "Close", "Write")
GSL_IO_INTERFACE(ReadWriteCloser, "Close", "Read", "Write")
GSL_IO_INTERFACE(ReadSeeker, "Read", "Seek")
GSL_IO_INTERFACE(ReadSeekCloser, "Close", "Read", "Seek")
GSL_IO_INTERFACE(WriteSeeker, "Seek", "Write")
GSL_IO_INTERFACE(ReadWriteSeeker, "Read", "Seek", "Write")
GSL_IO_INTERFACE(ReaderFrom, "ReadFrom")
GSL_IO_INTERFACE(WriterTo, "WriteTo")
GSL_IO_INTERFACE(ReaderAt, "ReadAt")
GSL_IO_INTERFACE(WriterAt, "WriteAt")
GSL_IO_INTERFACE(StringWriter, "WriteString")
GSL_IO_INTERFACE(ByteReader, "ReadByte")
GSL_IO_INTERFACE(ByteScanner, "ReadByte", "UnreadByte")
GSL_IO_INTERFACE(ByteWriter, "WriteByte")
GSL_IO_INTERFACE(RuneReader, "ReadRune")
GSL_IO_INTERFACE(RuneScanner, "ReadRune", "UnreadRune")
#undef GSL_IO_INTERFACE

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "io",
      "io",
      {
          varMember("EOF", eofError),
          varMember("ErrUnexpectedEOF", unexpectedEOF),
          varMember("ErrShortWrite", errShortWrite),
          varMember("ErrShortBuffer", sentinelError<kShortBuffer>),
          varMember("ErrNoProgress", sentinelError<kNoProgress>),
          varMember("ErrClosedPipe", closedPipeError),
          varMember("Discard", ioDiscard),
          constMember("SeekStart", seekConstant0),
          constMember("SeekCurrent", seekConstant1),
          constMember("SeekEnd", seekConstant2),
          funcMember("WriteString", nWriteString),
          funcMember("ReadAll", nReadAll),
          funcMember("ReadFull", nReadFull),
          funcMember("ReadAtLeast", nReadAtLeast),
          funcMember("Copy", nCopy),
          funcMember("CopyBuffer", nCopyBuffer),
          funcMember("CopyN", nCopyN),
          funcMember("LimitReader", ioLimitReader),
          funcMember("MultiReader", ioMultiReader),
          funcMember("MultiWriter", ioMultiWriter),
          funcMember("TeeReader", ioTeeReader),
          funcMember("NopCloser", ioNopCloser),
          funcMember("NewSectionReader", ioNewSectionReader),
          typeMember("LimitedReader", limitedReaderType),
          typeMember("SectionReader", sectionReaderType),
          typeMember("Reader", ifaceReader),
          typeMember("Writer", ifaceWriter),
          typeMember("Closer", ifaceCloser),
          typeMember("Seeker", ifaceSeeker),
          typeMember("ReadWriter", ifaceReadWriter),
          typeMember("ReadCloser", ifaceReadCloser),
          typeMember("WriteCloser", ifaceWriteCloser),
          typeMember("ReadWriteCloser", ifaceReadWriteCloser),
          typeMember("ReadSeeker", ifaceReadSeeker),
          typeMember("ReadSeekCloser", ifaceReadSeekCloser),
          typeMember("WriteSeeker", ifaceWriteSeeker),
          typeMember("ReadWriteSeeker", ifaceReadWriteSeeker),
          typeMember("ReaderFrom", ifaceReaderFrom),
          typeMember("WriterTo", ifaceWriterTo),
          typeMember("ReaderAt", ifaceReaderAt),
          typeMember("WriterAt", ifaceWriterAt),
          typeMember("StringWriter", ifaceStringWriter),
          typeMember("ByteReader", ifaceByteReader),
          typeMember("ByteScanner", ifaceByteScanner),
          typeMember("ByteWriter", ifaceByteWriter),
          typeMember("RuneReader", ifaceRuneReader),
          typeMember("RuneScanner", ifaceRuneScanner),
      },
  });
  return true;
}();

}  // namespace

Value ioErrClosedPipe() { return closedPipeError(); }

}  // namespace gsl::stdlib
