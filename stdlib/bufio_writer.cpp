// stdlib/bufio_writer.cpp: bufio.Writer and bufio.ReadWriter.
//
// Writer is a struct with Go's fields {err error; buf []byte; n int;
// wr io.Writer}; its methods follow Go's, so the underlying writer gets the
// same Write calls (a full buffer at a time, large writes directly when the
// buffer is empty). Over os.Stdout the bytes go through os_file.h's
// writeFd, the same path fmt uses, so output written through a Writer and
// output printed by fmt appear in the order the program produced them
// (given Flush, as in Go).
//
// ReadWriter is struct{*Reader; *Writer}: its methods are the embedded
// pointers' methods, promoted as Go promotes them.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "stdlib/bufio_types.h"
#include "stdlib/error_values.h"
#include "stdlib/io_support.h"
#include "stdlib/io_types.h"
#include "stdlib/native_support.h"
#include "stdlib/utf8_codec.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib::bufio {
namespace {

using vm::Value;

const vm::Type* bytesType() { return vm::sliceOf(vm::types::uint8Type()); }

enum WriterField { kErr, kBuf, kN, kWr };

class Writer {
 public:
  Writer(vm::Thread& th, const Value* args) : th_(th), o_(receiverStruct(args)) {}

  Value& field(int i) { return o_->fields()[i]; }
  Value err() { return field(kErr); }
  int64_t n() { return vm::toInt64(field(kN)); }
  void setN(int64_t v) { field(kN) = vm::makeInt(v); }
  int64_t size() { return vm::sliceLen(field(kBuf)); }
  int64_t available() { return size() - n(); }

  // Copies as much of s as fits into the buffer; returns how much.
  int64_t copyIn(std::string_view s) {
    int64_t k = std::min(available(), static_cast<int64_t>(s.size()));
    if (k > 0) {
      size_t len = 0;
      uint8_t* data = vm::byteSliceData(field(kBuf), &len);
      std::memmove(data + n(), s.data(), static_cast<size_t>(k));
      setN(n() + k);
    }
    return k;
  }

  Value flush() {
    if (!err().isNil()) return err();
    int64_t count = n();
    if (count == 0) return Value();
    Value data = vm::sliceExpr(field(kBuf), 0, count, 0, false);
    IoResult r = writeBytes(th_, field(kWr), data);
    Value e = r.err;
    if (r.n < count && e.isNil()) e = errShortWrite();
    if (!e.isNil()) {
      if (r.n > 0 && r.n < count) {
        size_t len = 0;
        uint8_t* bytes = vm::byteSliceData(field(kBuf), &len);
        std::memmove(bytes, bytes + r.n, static_cast<size_t>(count - r.n));
      }
      setN(count - std::max<int64_t>(r.n, 0));
      field(kErr) = e;
      return e;
    }
    setN(0);
    return Value();
  }

  // Write(p) where p's bytes are `s` and, when the caller has it, `p` is
  // the []byte itself (handed to the writer as is for a large write).
  IoResult write(std::string_view s, Value p) {
    int64_t total = 0;
    while (static_cast<int64_t>(s.size()) > available() && err().isNil()) {
      int64_t k;
      if (n() == 0) {
        // A large write with an empty buffer goes straight to the writer.
        if (p.isNil()) p = vm::makeByteSlice(s);
        IoResult r = writeBytes(th_, field(kWr), p);
        k = r.n;
        field(kErr) = r.err;
      } else {
        k = copyIn(s);
        flush();
      }
      total += k;
      s = s.substr(static_cast<size_t>(std::clamp<int64_t>(k, 0, static_cast<int64_t>(s.size()))));
      if (!p.isNil()) p = vm::sliceExpr(p, std::clamp<int64_t>(k, 0, vm::sliceLen(p)), vm::sliceLen(p), 0, false);
    }
    if (!err().isNil()) return IoResult{total, err()};
    total += copyIn(s);
    return IoResult{total, Value()};
  }

  IoResult writeString(std::string_view s) {
    int64_t total = 0;
    while (static_cast<int64_t>(s.size()) > available() && err().isNil()) {
      int64_t k = copyIn(s);
      total += k;
      s = s.substr(static_cast<size_t>(k));
      flush();
    }
    if (!err().isNil()) return IoResult{total, err()};
    total += copyIn(s);
    return IoResult{total, Value()};
  }

  Value writeByte(uint8_t c) {
    if (!err().isNil()) return err();
    if (available() <= 0 && !flush().isNil()) return err();
    copyIn(std::string_view(reinterpret_cast<const char*>(&c), 1));
    return Value();
  }

 private:
  vm::Thread& th_;
  vm::StructObj* o_;
};

Value makeWriter(Value w, int64_t size) {
  if (w.isRef() && w.refTarget()->type == writerType()) {
    auto* existing = static_cast<vm::StructObj*>(w.refTarget());
    if (vm::sliceLen(existing->fields()[kBuf]) >= size) return w;
  }
  if (size <= 0) size = kDefaultBufSize;
  vm::StructObj* o = vm::newStruct(writerType());
  o->fields()[kBuf] = vm::newByteSlice(bytesType(), size, size, nullptr);
  o->fields()[kN] = vm::makeInt(0);
  o->fields()[kWr] = w;
  return Value::ref(o);
}

void result(Value* out, int64_t n, Value err) {
  out[0] = vm::makeInt(n);
  out[1] = err;
}

int wFlush(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = Writer(th, args).flush();
  return 1;
}

int wAvailable(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(Writer(th, args).available());
  return 1;
}

int wAvailableBuffer(vm::Thread& th, const Value* args, int, Value* out) {
  Writer w(th, args);
  Value rest = vm::sliceExpr(w.field(kBuf), w.n(), w.size(), 0, false);
  out[0] = vm::sliceExpr(rest, 0, 0, 0, false);
  return 1;
}

int wBuffered(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(Writer(th, args).n());
  return 1;
}

int wSize(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(Writer(th, args).size());
  return 1;
}

int wReset(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Writer w(th, args);
  if (vm::isNilValue(w.field(kBuf))) {
    w.field(kBuf) = vm::newByteSlice(bytesType(), kDefaultBufSize, kDefaultBufSize, nullptr);
  }
  w.field(kErr) = Value();
  w.setN(0);
  w.field(kWr) = arg(args, nargs, 1);
  (void)out;
  return 0;
}

int wWrite(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value p = arg(args, nargs, 1);
  IoResult r = Writer(th, args).write(vm::byteSliceView(p), p);
  result(out, r.n, r.err);
  return 2;
}

int wWriteString(vm::Thread& th, const Value* args, int nargs, Value* out) {
  IoResult r = Writer(th, args).writeString(argString(args, nargs, 1));
  result(out, r.n, r.err);
  return 2;
}

int wWriteByte(vm::Thread& th, const Value* args, int nargs, Value* out) {
  out[0] = Writer(th, args).writeByte(static_cast<uint8_t>(argInt(args, nargs, 1)));
  return 1;
}

int wWriteRune(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Writer w(th, args);
  int64_t r = argInt(args, nargs, 1);
  if (static_cast<uint32_t>(r) < static_cast<uint32_t>(utf8::kRuneSelf)) {
    Value err = w.writeByte(static_cast<uint8_t>(r));
    result(out, err.isNil() ? 1 : 0, err);
    return 2;
  }
  if (!w.err().isNil()) {
    result(out, 0, w.err());
    return 2;
  }
  std::string enc;
  utf8::appendRune(enc, r);
  if (w.available() < utf8::kUTFMax) {
    w.flush();
    if (!w.err().isNil()) {
      result(out, 0, w.err());
      return 2;
    }
    if (w.available() < utf8::kUTFMax) {
      IoResult res = w.writeString(enc);
      result(out, res.n, res.err);
      return 2;
    }
  }
  w.copyIn(enc);
  result(out, static_cast<int64_t>(enc.size()), Value());
  return 2;
}

int wReadFrom(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Writer w(th, args);
  Value r = arg(args, nargs, 1);
  int64_t total = 0;
  auto done = [&](Value err) {
    out[0] = vm::makeIntOfType(vm::types::int64Type(), total);
    out[1] = err;
    return 2;
  };
  if (!w.err().isNil()) return done(w.err());
  Value err;
  for (;;) {
    if (w.available() == 0) {
      if (Value e = w.flush(); !e.isNil()) return done(e);
    }
    if (w.n() == 0 && hasMethod(w.field(kWr), "ReadFrom")) {
      Value res[vm::kMaxNativeResults];
      int k = callNamed(th, w.field(kWr), "ReadFrom", &r, 1, res, vm::kMaxNativeResults);
      total += k > 0 ? vm::toInt64(res[0]) : 0;
      w.field(kErr) = k > 1 ? res[1] : Value();
      return done(w.field(kErr));
    }
    int tries = 0;
    IoResult rd;
    for (; tries < kMaxConsecutiveEmptyReads; tries++) {
      rd = readInto(th, r, vm::sliceExpr(w.field(kBuf), w.n(), w.size(), 0, false));
      if (rd.n != 0 || !rd.err.isNil()) break;
    }
    if (tries == kMaxConsecutiveEmptyReads) {
      return done(newError("multiple Read calls return no data or error"));
    }
    w.setN(w.n() + rd.n);
    total += rd.n;
    if (!rd.err.isNil()) {
      err = rd.err;
      break;
    }
  }
  if (isEOF(err)) err = w.available() == 0 ? w.flush() : Value();
  return done(err);
}

}  // namespace

const vm::Type* writerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("bufio", "Writer",
                                   {field("err", vm::types::errorType()), field("buf", bytesType()),
                                    field("n", vm::types::intType()), field("wr", vm::types::anyType())});
    defineMethod(named, "Flush", wFlush, true);
    defineMethod(named, "Available", wAvailable, true);
    defineMethod(named, "AvailableBuffer", wAvailableBuffer, true);
    defineMethod(named, "Buffered", wBuffered, true);
    defineMethod(named, "Size", wSize, true);
    defineMethod(named, "Reset", wReset, true);
    defineMethod(named, "Write", wWrite, true);
    defineMethod(named, "WriteString", wWriteString, true);
    defineMethod(named, "WriteByte", wWriteByte, true);
    defineMethod(named, "WriteRune", wWriteRune, true);
    defineMethod(named, "ReadFrom", wReadFrom, true);
    return named;
  }();
  return t;
}

const vm::Type* readWriterType() {
  static const vm::Type* t = [] {
    vm::Field r = field("Reader", vm::pointerTo(readerType()));
    r.embedded = true;
    vm::Field w = field("Writer", vm::pointerTo(writerType()));
    w.embedded = true;
    return vm::newNamed("bufio", "bufio", "ReadWriter", vm::structOf(std::vector<vm::Field>{r, w}));
  }();
  return t;
}

int newWriter(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeWriter(arg(args, nargs, 0), kDefaultBufSize);
  return 1;
}

int newWriterSize(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeWriter(arg(args, nargs, 0), argInt(args, nargs, 1));
  return 1;
}

int newReadWriter(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* rw = vm::newStruct(readWriterType());
  rw->fields()[0] = arg(args, nargs, 0);
  rw->fields()[1] = arg(args, nargs, 1);
  out[0] = Value::ref(rw);
  return 1;
}

}  // namespace gsl::stdlib::bufio
