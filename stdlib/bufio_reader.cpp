// stdlib/bufio_reader.cpp: bufio.Reader.
//
// A struct with Go's fields {buf []byte; rd io.Reader; r, w int; err error;
// lastByte, lastRuneSize int}; every method follows Go's definition, so
// the underlying reader sees the same Read calls (same buffer, same sizes)
// and the results alias the buffer exactly where Go's do (ReadSlice,
// ReadLine, Peek).
#include <cstring>
#include <string>
#include <vector>

#include "stdlib/bufio_types.h"
#include "stdlib/error_values.h"
#include "stdlib/io_support.h"
#include "stdlib/native_support.h"
#include "stdlib/utf8_codec.h"
#include "vm/compare.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib::bufio {
namespace {

using vm::Value;

const vm::Type* bytesType() { return vm::sliceOf(vm::types::uint8Type()); }

enum ReaderField { kBuf, kRd, kR, kW, kErr, kLastByte, kLastRuneSize };

class Reader {
 public:
  Reader(vm::Thread& th, const Value* args) : th_(th), o_(receiverStruct(args)) {}

  Value& field(int i) { return o_->fields()[i]; }
  int64_t get(int i) { return vm::toInt64(field(i)); }
  void set(int i, int64_t v) { field(i) = vm::makeInt(v); }

  Value buf() { return field(kBuf); }
  int64_t size() { return vm::sliceLen(buf()); }
  std::string_view bytes() { return vm::byteSliceView(buf()); }
  int64_t buffered() { return get(kW) - get(kR); }
  Value slice(int64_t lo, int64_t hi) { return vm::sliceExpr(buf(), lo, hi, 0, false); }

  Value readErr() {
    Value err = field(kErr);
    field(kErr) = Value();
    return err;
  }

  void resetMarks() {
    set(kLastByte, -1);
    set(kLastRuneSize, -1);
  }

  // Reads a new chunk into the buffer, after moving the unread bytes to
  // its front.
  void fill() {
    int64_t r = get(kR), w = get(kW);
    if (r > 0) {
      size_t n = 0;
      uint8_t* data = vm::byteSliceData(buf(), &n);
      std::memmove(data, data + r, static_cast<size_t>(w - r));
      w -= r;
      set(kW, w);
      set(kR, 0);
    }
    if (w >= size()) vm::throwPanic(vm::makeString("bufio: tried to fill full buffer"));
    for (int i = kMaxConsecutiveEmptyReads; i > 0; i--) {
      IoResult res = readInto(th_, field(kRd), slice(w, size()));
      if (res.n < 0) vm::throwPanic(newError("bufio: reader returned negative count from Read"));
      w += res.n;
      set(kW, w);
      if (!res.err.isNil()) {
        field(kErr) = res.err;
        return;
      }
      if (res.n > 0) return;
    }
    field(kErr) = newError("multiple Read calls return no data or error");
  }

  // ReadSlice: the bytes up to and including delim, aliasing the buffer.
  Value readSlice(uint8_t delim, Value* err) {
    int64_t s = 0;
    Value line;
    *err = Value();
    for (;;) {
      int64_t r = get(kR), w = get(kW);
      std::string_view unread = bytes().substr(static_cast<size_t>(r + s), static_cast<size_t>(w - r - s));
      size_t i = unread.find(static_cast<char>(delim));
      if (i != std::string_view::npos) {
        int64_t end = r + s + static_cast<int64_t>(i) + 1;
        line = slice(r, end);
        set(kR, end);
        break;
      }
      if (!field(kErr).isNil()) {
        line = slice(r, w);
        set(kR, w);
        *err = readErr();
        break;
      }
      if (buffered() >= size()) {
        set(kR, w);
        line = buf();
        *err = errBufferFull();
        break;
      }
      s = w - r;
      fill();
    }
    std::string_view lv = vm::byteSliceView(line);
    if (!lv.empty()) {
      set(kLastByte, static_cast<uint8_t>(lv.back()));
      set(kLastRuneSize, -1);
    }
    return line;
  }

  // ReadBytes/ReadString: the fragments ReadSlice returns, joined.
  std::string collect(uint8_t delim, Value* err) {
    std::string all;
    for (;;) {
      Value e;
      Value frag = readSlice(delim, &e);
      all += vm::byteSliceView(frag);
      if (e.isNil()) break;
      if (!vm::valuesEqual(e, errBufferFull())) {
        *err = e;
        return all;
      }
    }
    *err = Value();
    return all;
  }

 private:
  vm::Thread& th_;
  vm::StructObj* o_;
};

void resetReader(vm::StructObj* o, Value buf, Value rd) {
  o->fields()[kBuf] = buf;
  o->fields()[kRd] = rd;
  o->fields()[kR] = vm::makeInt(0);
  o->fields()[kW] = vm::makeInt(0);
  o->fields()[kErr] = Value();
  o->fields()[kLastByte] = vm::makeInt(-1);
  o->fields()[kLastRuneSize] = vm::makeInt(-1);
}

Value makeReader(Value rd, int64_t size) {
  if (rd.isRef() && rd.refTarget()->type == readerType()) {
    auto* existing = static_cast<vm::StructObj*>(rd.refTarget());
    if (vm::sliceLen(existing->fields()[kBuf]) >= size) return rd;
  }
  if (size < kMinReadBufferSize) size = kMinReadBufferSize;
  vm::StructObj* o = vm::newStruct(readerType());
  resetReader(o, vm::newByteSlice(bytesType(), size, size, nullptr), rd);
  return Value::ref(o);
}

// ---- Methods ------------------------------------------------------------------------------

int rSize(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(Reader(th, args).size());
  return 1;
}

int rReset(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader b(th, args);
  Value buf = b.buf();
  if (vm::isNilValue(buf)) buf = vm::newByteSlice(bytesType(), kDefaultBufSize, kDefaultBufSize, nullptr);
  resetReader(receiverStruct(args), buf, arg(args, nargs, 1));
  (void)out;
  return 0;
}

int rBuffered(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(Reader(th, args).buffered());
  return 1;
}

int rPeek(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader b(th, args);
  int64_t n = argInt(args, nargs, 1);
  if (n < 0) {
    out[0] = vm::nilOf(bytesType());
    out[1] = errNegativeCount();
    return 2;
  }
  b.resetMarks();
  while (b.buffered() < n && b.buffered() < b.size() && b.field(kErr).isNil()) b.fill();
  int64_t r = b.get(kR);
  if (n > b.size()) {
    out[0] = b.slice(r, b.get(kW));
    out[1] = errBufferFull();
    return 2;
  }
  Value err;
  if (int64_t avail = b.buffered(); avail < n) {
    n = avail;
    err = b.readErr();
    if (err.isNil()) err = errBufferFull();
  }
  out[0] = b.slice(r, r + n);
  out[1] = err;
  return 2;
}

int rDiscard(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader b(th, args);
  int64_t n = argInt(args, nargs, 1);
  out[0] = vm::makeInt(0);
  out[1] = Value();
  if (n < 0) {
    out[1] = errNegativeCount();
    return 2;
  }
  if (n == 0) return 2;
  b.resetMarks();
  int64_t remain = n;
  for (;;) {
    int64_t skip = b.buffered();
    if (skip == 0) {
      b.fill();
      skip = b.buffered();
    }
    if (skip > remain) skip = remain;
    b.set(kR, b.get(kR) + skip);
    remain -= skip;
    if (remain == 0) {
      out[0] = vm::makeInt(n);
      return 2;
    }
    if (!b.field(kErr).isNil()) {
      out[0] = vm::makeInt(n - remain);
      out[1] = b.readErr();
      return 2;
    }
  }
}

int rRead(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader b(th, args);
  Value p = arg(args, nargs, 1);
  int64_t n = vm::sliceLen(p);
  out[0] = vm::makeInt(0);
  if (n == 0) {
    out[1] = b.buffered() > 0 ? Value() : b.readErr();
    return 2;
  }
  if (b.get(kR) == b.get(kW)) {
    if (!b.field(kErr).isNil()) {
      out[1] = b.readErr();
      return 2;
    }
    if (n >= b.size()) {
      // A large read with an empty buffer goes straight to the reader.
      IoResult res = readInto(th, b.field(kRd), p);
      if (res.n < 0) vm::throwPanic(newError("bufio: reader returned negative count from Read"));
      b.field(kErr) = res.err;
      if (res.n > 0) {
        b.set(kLastByte, static_cast<uint8_t>(vm::byteSliceView(p)[static_cast<size_t>(res.n - 1)]));
        b.set(kLastRuneSize, -1);
      }
      out[0] = vm::makeInt(res.n);
      out[1] = b.readErr();
      return 2;
    }
    b.set(kR, 0);
    b.set(kW, 0);
    IoResult res = readInto(th, b.field(kRd), b.buf());
    if (res.n < 0) vm::throwPanic(newError("bufio: reader returned negative count from Read"));
    b.field(kErr) = res.err;
    if (res.n == 0) {
      out[1] = b.readErr();
      return 2;
    }
    b.set(kW, res.n);
  }
  int64_t r = b.get(kR);
  int64_t k = std::min(n, b.get(kW) - r);
  size_t plen = 0;
  uint8_t* dst = vm::byteSliceData(p, &plen);
  std::memmove(dst, b.bytes().data() + r, static_cast<size_t>(k));
  b.set(kR, r + k);
  b.set(kLastByte, static_cast<uint8_t>(b.bytes()[static_cast<size_t>(r + k - 1)]));
  b.set(kLastRuneSize, -1);
  out[0] = vm::makeInt(k);
  out[1] = Value();
  return 2;
}

int rReadByte(vm::Thread& th, const Value* args, int, Value* out) {
  Reader b(th, args);
  b.set(kLastRuneSize, -1);
  while (b.get(kR) == b.get(kW)) {
    if (!b.field(kErr).isNil()) {
      out[0] = vm::makeIntOfType(vm::types::uint8Type(), int64_t{0});
      out[1] = b.readErr();
      return 2;
    }
    b.fill();
  }
  int64_t r = b.get(kR);
  auto c = static_cast<uint8_t>(b.bytes()[static_cast<size_t>(r)]);
  b.set(kR, r + 1);
  b.set(kLastByte, c);
  out[0] = vm::makeIntOfType(vm::types::uint8Type(), uint64_t{c});
  out[1] = Value();
  return 2;
}

int rUnreadByte(vm::Thread& th, const Value* args, int, Value* out) {
  Reader b(th, args);
  int64_t r = b.get(kR), w = b.get(kW);
  if (b.get(kLastByte) < 0 || (r == 0 && w > 0)) {
    out[0] = errInvalidUnreadByte();
    return 1;
  }
  if (r > 0) {
    r--;
    b.set(kR, r);
  } else {
    b.set(kW, 1);
  }
  size_t n = 0;
  uint8_t* data = vm::byteSliceData(b.buf(), &n);
  data[r] = static_cast<uint8_t>(b.get(kLastByte));
  b.resetMarks();
  out[0] = Value();
  return 1;
}

int rReadRune(vm::Thread& th, const Value* args, int, Value* out) {
  Reader b(th, args);
  auto unread = [&] {
    return b.bytes().substr(static_cast<size_t>(b.get(kR)), static_cast<size_t>(b.buffered()));
  };
  while (b.get(kR) + utf8::kUTFMax > b.get(kW) && !fullRune(unread()) && b.field(kErr).isNil() &&
         b.buffered() < b.size()) {
    b.fill();
  }
  b.set(kLastRuneSize, -1);
  if (b.get(kR) == b.get(kW)) {
    out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{0});
    out[1] = vm::makeInt(0);
    out[2] = b.readErr();
    return 3;
  }
  std::string_view u = unread();
  int32_t rune = static_cast<uint8_t>(u[0]);
  int size = 1;
  if (rune >= utf8::kRuneSelf) {
    utf8::Decoded d = utf8::decodeRune(u);
    rune = d.rune;
    size = d.width;
  }
  int64_t r = b.get(kR) + size;
  b.set(kR, r);
  b.set(kLastByte, static_cast<uint8_t>(b.bytes()[static_cast<size_t>(r - 1)]));
  b.set(kLastRuneSize, size);
  out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{rune});
  out[1] = vm::makeInt(size);
  out[2] = Value();
  return 3;
}

int rUnreadRune(vm::Thread& th, const Value* args, int, Value* out) {
  Reader b(th, args);
  int64_t last = b.get(kLastRuneSize);
  if (last < 0 || b.get(kR) < last) {
    out[0] = errInvalidUnreadRune();
    return 1;
  }
  b.set(kR, b.get(kR) - last);
  b.resetMarks();
  out[0] = Value();
  return 1;
}

int rReadSlice(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader b(th, args);
  out[0] = b.readSlice(static_cast<uint8_t>(argInt(args, nargs, 1)), &out[1]);
  return 2;
}

int rReadLine(vm::Thread& th, const Value* args, int, Value* out) {
  Reader b(th, args);
  Value err;
  Value line = b.readSlice('\n', &err);
  std::string_view lv = vm::byteSliceView(line);
  auto len = static_cast<int64_t>(lv.size());
  if (!err.isNil() && vm::valuesEqual(err, errBufferFull())) {
    // Leave a '\r' that may be the first half of "\r\n" in the buffer.
    if (len > 0 && lv.back() == '\r') {
      if (b.get(kR) == 0) vm::throwPanic(vm::makeString("bufio: tried to rewind past start of buffer"));
      b.set(kR, b.get(kR) - 1);
      line = vm::sliceExpr(line, 0, len - 1, 0, false);
    }
    out[0] = line;
    out[1] = vm::kTrue;
    out[2] = Value();
    return 3;
  }
  out[1] = vm::kFalse;
  if (len == 0) {
    out[0] = err.isNil() ? line : vm::nilOf(bytesType());
    out[2] = err;
    return 3;
  }
  if (lv.back() == '\n') {
    int64_t drop = len > 1 && lv[lv.size() - 2] == '\r' ? 2 : 1;
    line = vm::sliceExpr(line, 0, len - drop, 0, false);
  }
  out[0] = line;
  out[2] = Value();
  return 3;
}

int rReadBytes(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader b(th, args);
  std::string s = b.collect(static_cast<uint8_t>(argInt(args, nargs, 1)), &out[1]);
  out[0] = vm::makeByteSlice(s);
  return 2;
}

int rReadString(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader b(th, args);
  std::string s = b.collect(static_cast<uint8_t>(argInt(args, nargs, 1)), &out[1]);
  out[0] = vm::makeString(s);
  return 2;
}

int rWriteTo(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader b(th, args);
  Value w = arg(args, nargs, 1);
  b.resetMarks();
  int64_t total = 0;
  auto writeBuf = [&]() -> Value {
    IoResult res = writeBytes(th, w, b.slice(b.get(kR), b.get(kW)));
    if (res.n < 0) vm::throwPanic(newError("bufio: writer returned negative count from Write"));
    b.set(kR, b.get(kR) + res.n);
    total += res.n;
    return res.err;
  };
  auto result = [&](Value err) {
    out[0] = vm::makeIntOfType(vm::types::int64Type(), total);
    out[1] = err;
    return 2;
  };
  if (Value err = writeBuf(); !err.isNil()) return result(err);
  Value rd = b.field(kRd);
  if (hasMethod(rd, "WriteTo")) {
    Value res[vm::kMaxNativeResults];
    int n = callNamed(th, rd, "WriteTo", &w, 1, res, vm::kMaxNativeResults);
    total += n > 0 ? vm::toInt64(res[0]) : 0;
    return result(n > 1 ? res[1] : Value());
  }
  if (hasMethod(w, "ReadFrom")) {
    Value res[vm::kMaxNativeResults];
    int n = callNamed(th, w, "ReadFrom", &rd, 1, res, vm::kMaxNativeResults);
    total += n > 0 ? vm::toInt64(res[0]) : 0;
    return result(n > 1 ? res[1] : Value());
  }
  if (b.buffered() < b.size()) b.fill();
  while (b.get(kR) < b.get(kW)) {
    if (Value err = writeBuf(); !err.isNil()) return result(err);
    b.fill();
  }
  if (isEOF(b.field(kErr))) b.field(kErr) = Value();
  return result(b.readErr());
}

}  // namespace

const vm::Type* readerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct(
        "bufio", "Reader",
        {field("buf", bytesType()), field("rd", vm::types::anyType()), field("r", vm::types::intType()),
         field("w", vm::types::intType()), field("err", vm::types::errorType()),
         field("lastByte", vm::types::intType()), field("lastRuneSize", vm::types::intType())});
    defineMethod(named, "Size", rSize, true);
    defineMethod(named, "Reset", rReset, true);
    defineMethod(named, "Buffered", rBuffered, true);
    defineMethod(named, "Peek", rPeek, true);
    defineMethod(named, "Discard", rDiscard, true);
    defineMethod(named, "Read", rRead, true);
    defineMethod(named, "ReadByte", rReadByte, true);
    defineMethod(named, "UnreadByte", rUnreadByte, true);
    defineMethod(named, "ReadRune", rReadRune, true);
    defineMethod(named, "UnreadRune", rUnreadRune, true);
    defineMethod(named, "ReadSlice", rReadSlice, true);
    defineMethod(named, "ReadLine", rReadLine, true);
    defineMethod(named, "ReadBytes", rReadBytes, true);
    defineMethod(named, "ReadString", rReadString, true);
    defineMethod(named, "WriteTo", rWriteTo, true);
    return named;
  }();
  return t;
}

int newReader(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeReader(arg(args, nargs, 0), kDefaultBufSize);
  return 1;
}

int newReaderSize(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeReader(arg(args, nargs, 0), argInt(args, nargs, 1));
  return 1;
}

}  // namespace gsl::stdlib::bufio
