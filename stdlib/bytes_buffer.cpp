// stdlib/bytes_buffer.cpp: bytes.Buffer and bytes.Reader.
//
// Buffer is a struct with Go's fields {buf []byte; off int; lastRead
// readOp}; its growth follows Go's (a first small buffer of 64 bytes,
// sliding the contents down when that frees enough room, else doubling
// rounded up to the allocator's size class), so Cap() reports what Go
// reports, and Bytes() and the slices Next returns alias the buffer as
// Go's do. Reader is {s []byte; i int64; prevRune int}.
#include "stdlib/bytes_types.h"

#include <cstring>
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/io_support.h"
#include "stdlib/io_types.h"
#include "stdlib/native_support.h"
#include "stdlib/utf8_codec.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

const vm::Type* bytesType() { return vm::sliceOf(vm::types::uint8Type()); }

// Go's readOp: the last read operation, so that Unread* can be checked.
constexpr int64_t kOpRead = -1;
constexpr int64_t kOpInvalid = 0;  // kOpReadRune1..4 are the rune widths 1..4

constexpr int64_t kSmallBufferSize = 64;
constexpr int64_t kMinRead = 512;

enum BufferField { kBuf, kOff, kLastRead };

class Buffer {
 public:
  explicit Buffer(vm::StructObj* o) : o_(o) {}

  Value buf() { return o_->fields()[kBuf]; }
  void setBuf(Value v) { o_->fields()[kBuf] = v; }
  int64_t off() { return vm::toInt64(o_->fields()[kOff]); }
  void setOff(int64_t v) { o_->fields()[kOff] = vm::makeInt(v); }
  void setLastRead(int64_t op) { o_->fields()[kLastRead] = vm::makeIntOfType(vm::types::int8Type(), op); }
  int64_t lastRead() { return vm::toInt64(o_->fields()[kLastRead]); }

  int64_t len() { return vm::sliceLen(buf()) - off(); }
  bool empty() { return vm::sliceLen(buf()) <= off(); }
  std::string_view unread() { return vm::byteSliceView(buf()).substr(static_cast<size_t>(off())); }
  Value reslice(int64_t lo, int64_t hi) { return vm::sliceExpr(buf(), lo, hi, 0, false); }

  void reset() {
    setBuf(reslice(0, 0));
    setOff(0);
    setLastRead(kOpInvalid);
  }

  bool tryGrowByReslice(int64_t n, int64_t* at) {
    int64_t l = vm::sliceLen(buf());
    if (n <= vm::sliceCap(buf()) - l) {
      setBuf(reslice(0, l + n));
      *at = l;
      return true;
    }
    return false;
  }

  // Makes room for n more bytes; returns the index where they go (the
  // buffer's length has grown by n).
  int64_t grow(int64_t n) {
    int64_t m = len();
    if (m == 0 && off() != 0) reset();
    int64_t at;
    if (tryGrowByReslice(n, &at)) return at;
    if (vm::isNilValue(buf()) && n <= kSmallBufferSize) {
      setBuf(vm::newByteSlice(bytesType(), n, kSmallBufferSize, nullptr));
      return 0;
    }
    int64_t c = vm::sliceCap(buf());
    if (n <= c / 2 - m) {
      // Slide the unread bytes down instead of allocating.
      size_t total = 0;
      uint8_t* data = vm::byteSliceData(reslice(0, c), &total);
      std::memmove(data, data + off(), static_cast<size_t>(m));
    } else if (c > INT64_MAX - c - n) {
      vm::throwPanic(newError("bytes.Buffer: too large"));
    } else {
      // Go's growSlice: at least double, rounded up to a size class.
      int64_t oldCap = c - off();
      int64_t want = m + off() + n;
      if (want < 2 * oldCap) want = 2 * oldCap;
      int64_t newCap = vm::goRoundUpSize(want);
      uint8_t* data = nullptr;
      Value nb = vm::newByteSlice(bytesType(), newCap, newCap, &data);
      std::memcpy(data, unread().data(), static_cast<size_t>(m));
      setBuf(nb);
    }
    setOff(0);
    setBuf(reslice(0, m + n));
    return m;
  }

  void write(std::string_view s) {
    setLastRead(kOpInvalid);
    int64_t at;
    auto n = static_cast<int64_t>(s.size());
    if (!tryGrowByReslice(n, &at)) at = grow(n);
    if (n > 0) {
      size_t total = 0;
      uint8_t* data = vm::byteSliceData(buf(), &total);
      std::memmove(data + at, s.data(), s.size());
    }
  }

  // The bytes up to and including delim (or all, with io.EOF), aliasing
  // the buffer.
  Value readSlice(uint8_t delim, Value* err) {
    std::string_view u = unread();
    size_t i = u.find(static_cast<char>(delim));
    int64_t end = i == std::string_view::npos ? vm::sliceLen(buf()) : off() + static_cast<int64_t>(i) + 1;
    *err = i == std::string_view::npos ? eofError() : Value();
    Value line = reslice(off(), end);
    setOff(end);
    setLastRead(kOpRead);
    return line;
  }

 private:
  vm::StructObj* o_;
};

Buffer self(const Value* args) { return Buffer(receiverStruct(args)); }

void result(Value* out, int64_t n, Value err) {
  out[0] = vm::makeInt(n);
  out[1] = err;
}

int bBytes(vm::Thread&, const Value* args, int, Value* out) {
  Buffer b = self(args);
  out[0] = b.reslice(b.off(), vm::sliceLen(b.buf()));
  return 1;
}

int bString(vm::Thread&, const Value* args, int, Value* out) {
  if (!args[0].isRef()) {
    out[0] = vm::makeString("<nil>");
    return 1;
  }
  out[0] = vm::makeString(self(args).unread());
  return 1;
}

int bLen(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(self(args).len());
  return 1;
}

int bCap(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(vm::sliceCap(self(args).buf()));
  return 1;
}

int bAvailable(vm::Thread&, const Value* args, int, Value* out) {
  Buffer b = self(args);
  out[0] = vm::makeInt(vm::sliceCap(b.buf()) - vm::sliceLen(b.buf()));
  return 1;
}

int bAvailableBuffer(vm::Thread&, const Value* args, int, Value* out) {
  Buffer b = self(args);
  int64_t l = vm::sliceLen(b.buf());
  out[0] = vm::sliceExpr(vm::sliceExpr(b.buf(), l, vm::sliceCap(b.buf()), 0, false), 0, 0, 0, false);
  return 1;
}

int bTruncate(vm::Thread&, const Value* args, int nargs, Value*) {
  Buffer b = self(args);
  int64_t n = argInt(args, nargs, 1);
  if (n == 0) {
    b.reset();
    return 0;
  }
  b.setLastRead(kOpInvalid);
  if (n < 0 || n > b.len()) vm::throwPanic(vm::makeString("bytes.Buffer: truncation out of range"));
  b.setBuf(b.reslice(0, b.off() + n));
  return 0;
}

int bReset(vm::Thread&, const Value* args, int, Value*) {
  self(args).reset();
  return 0;
}

int bGrow(vm::Thread&, const Value* args, int nargs, Value*) {
  Buffer b = self(args);
  int64_t n = argInt(args, nargs, 1);
  if (n < 0) vm::throwPanic(vm::makeString("bytes.Buffer.Grow: negative count"));
  int64_t m = b.grow(n);
  b.setBuf(b.reslice(0, m));
  return 0;
}

int bWrite(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = vm::bytesView(arg(args, nargs, 1));
  self(args).write(s);
  result(out, static_cast<int64_t>(s.size()), Value());
  return 2;
}

int bWriteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 1);
  self(args).write(s);
  result(out, static_cast<int64_t>(s.size()), Value());
  return 2;
}

int bWriteByte(vm::Thread&, const Value* args, int nargs, Value* out) {
  char c = static_cast<char>(argInt(args, nargs, 1));
  self(args).write(std::string_view(&c, 1));
  out[0] = Value();
  return 1;
}

int bWriteRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string enc;
  utf8::appendRune(enc, argInt(args, nargs, 1));
  self(args).write(enc);
  result(out, static_cast<int64_t>(enc.size()), Value());
  return 2;
}

int bRead(vm::Thread&, const Value* args, int nargs, Value* out) {
  Buffer b = self(args);
  Value p = arg(args, nargs, 1);
  b.setLastRead(kOpInvalid);
  if (b.empty()) {
    b.reset();
    result(out, 0, vm::sliceLen(p) == 0 ? Value() : eofError());
    return 2;
  }
  size_t plen = 0;
  uint8_t* dst = vm::byteSliceData(p, &plen);
  std::string_view u = b.unread();
  size_t n = std::min(plen, u.size());
  if (n > 0) std::memmove(dst, u.data(), n);
  b.setOff(b.off() + static_cast<int64_t>(n));
  if (n > 0) b.setLastRead(kOpRead);
  result(out, static_cast<int64_t>(n), Value());
  return 2;
}

int bNext(vm::Thread&, const Value* args, int nargs, Value* out) {
  Buffer b = self(args);
  int64_t n = argInt(args, nargs, 1);
  b.setLastRead(kOpInvalid);
  int64_t m = b.len();
  if (n > m) n = m;
  out[0] = b.reslice(b.off(), b.off() + n);
  b.setOff(b.off() + n);
  if (n > 0) b.setLastRead(kOpRead);
  return 1;
}

int bReadByte(vm::Thread&, const Value* args, int, Value* out) {
  Buffer b = self(args);
  if (b.empty()) {
    b.reset();
    out[0] = vm::makeIntOfType(vm::types::uint8Type(), int64_t{0});
    out[1] = eofError();
    return 2;
  }
  auto c = static_cast<uint8_t>(b.unread()[0]);
  b.setOff(b.off() + 1);
  b.setLastRead(kOpRead);
  out[0] = vm::makeIntOfType(vm::types::uint8Type(), uint64_t{c});
  out[1] = Value();
  return 2;
}

int bReadRune(vm::Thread&, const Value* args, int, Value* out) {
  Buffer b = self(args);
  if (b.empty()) {
    b.reset();
    out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{0});
    out[1] = vm::makeInt(0);
    out[2] = eofError();
    return 3;
  }
  utf8::Decoded d = utf8::decodeRune(b.unread());
  b.setOff(b.off() + d.width);
  b.setLastRead(d.width);
  out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{d.rune});
  out[1] = vm::makeInt(d.width);
  out[2] = Value();
  return 3;
}

int bUnreadRune(vm::Thread&, const Value* args, int, Value* out) {
  Buffer b = self(args);
  int64_t op = b.lastRead();
  if (op <= kOpInvalid) {
    out[0] = newError("bytes.Buffer: UnreadRune: previous operation was not a successful ReadRune");
    return 1;
  }
  if (b.off() >= op) b.setOff(b.off() - op);
  b.setLastRead(kOpInvalid);
  out[0] = Value();
  return 1;
}

int bUnreadByte(vm::Thread&, const Value* args, int, Value* out) {
  Buffer b = self(args);
  if (b.lastRead() == kOpInvalid) {
    out[0] = newError("bytes.Buffer: UnreadByte: previous operation was not a successful read");
    return 1;
  }
  b.setLastRead(kOpInvalid);
  if (b.off() > 0) b.setOff(b.off() - 1);
  out[0] = Value();
  return 1;
}

int bReadBytes(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value line = self(args).readSlice(static_cast<uint8_t>(argInt(args, nargs, 1)), &out[1]);
  out[0] = vm::appendBytes(vm::nilOf(bytesType()), vm::byteSliceView(line));
  return 2;
}

int bReadString(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value line = self(args).readSlice(static_cast<uint8_t>(argInt(args, nargs, 1)), &out[1]);
  out[0] = vm::makeString(vm::byteSliceView(line));
  return 2;
}

int bReadFrom(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Buffer b = self(args);
  Value r = arg(args, nargs, 1);
  b.setLastRead(kOpInvalid);
  int64_t total = 0;
  for (;;) {
    int64_t i = b.grow(kMinRead);
    b.setBuf(b.reslice(0, i));
    IoResult res = readInto(th, r, b.reslice(i, vm::sliceCap(b.buf())));
    if (res.n < 0) vm::throwPanic(newError("bytes.Buffer: reader returned negative count from Read"));
    b.setBuf(b.reslice(0, i + res.n));
    total += res.n;
    if (!res.err.isNil()) {
      out[0] = vm::makeIntOfType(vm::types::int64Type(), total);
      out[1] = isEOF(res.err) ? Value() : res.err;
      return 2;
    }
  }
}

int bWriteTo(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Buffer b = self(args);
  b.setLastRead(kOpInvalid);
  int64_t n = 0;
  if (int64_t nBytes = b.len(); nBytes > 0) {
    IoResult res = writeBytes(th, arg(args, nargs, 1), b.reslice(b.off(), vm::sliceLen(b.buf())));
    if (res.n > nBytes) vm::throwPanic(vm::makeString("bytes.Buffer.WriteTo: invalid Write count"));
    b.setOff(b.off() + res.n);
    n = res.n;
    Value err = !res.err.isNil() ? res.err : res.n != nBytes ? errShortWrite() : Value();
    if (!err.isNil()) {
      out[0] = vm::makeIntOfType(vm::types::int64Type(), n);
      out[1] = err;
      return 2;
    }
  }
  b.reset();
  out[0] = vm::makeIntOfType(vm::types::int64Type(), n);
  out[1] = Value();
  return 2;
}

// ---- Reader -------------------------------------------------------------------------------

enum ReaderField { kS, kI, kPrevRune };

class Reader {
 public:
  explicit Reader(const Value* args) : o_(receiverStruct(args)) {}
  std::string_view s() { return vm::byteSliceView(o_->fields()[kS]); }
  int64_t size() { return static_cast<int64_t>(s().size()); }
  int64_t i() { return vm::toInt64(o_->fields()[kI]); }
  void setI(int64_t v) { o_->fields()[kI] = vm::makeIntOfType(vm::types::int64Type(), v); }
  int64_t prevRune() { return vm::toInt64(o_->fields()[kPrevRune]); }
  void setPrevRune(int64_t v) { o_->fields()[kPrevRune] = vm::makeInt(v); }
  vm::StructObj* obj() { return o_; }

 private:
  vm::StructObj* o_;
};

int rLen(vm::Thread&, const Value* args, int, Value* out) {
  Reader r(args);
  out[0] = vm::makeInt(r.i() >= r.size() ? 0 : r.size() - r.i());
  return 1;
}

int rSize(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeIntOfType(vm::types::int64Type(), Reader(args).size());
  return 1;
}

int rRead(vm::Thread&, const Value* args, int nargs, Value* out) {
  Reader r(args);
  if (r.i() >= r.size()) {
    result(out, 0, eofError());
    return 2;
  }
  r.setPrevRune(-1);
  size_t plen = 0;
  uint8_t* dst = vm::byteSliceData(arg(args, nargs, 1), &plen);
  std::string_view rest = r.s().substr(static_cast<size_t>(r.i()));
  size_t n = std::min(plen, rest.size());
  if (n > 0) std::memmove(dst, rest.data(), n);
  r.setI(r.i() + static_cast<int64_t>(n));
  result(out, static_cast<int64_t>(n), Value());
  return 2;
}

int rReadAt(vm::Thread&, const Value* args, int nargs, Value* out) {
  Reader r(args);
  int64_t off = argInt(args, nargs, 2);
  if (off < 0) {
    result(out, 0, newError("bytes.Reader.ReadAt: negative offset"));
    return 2;
  }
  if (off >= r.size()) {
    result(out, 0, eofError());
    return 2;
  }
  size_t plen = 0;
  uint8_t* dst = vm::byteSliceData(arg(args, nargs, 1), &plen);
  std::string_view rest = r.s().substr(static_cast<size_t>(off));
  size_t n = std::min(plen, rest.size());
  if (n > 0) std::memmove(dst, rest.data(), n);
  result(out, static_cast<int64_t>(n), n < plen ? eofError() : Value());
  return 2;
}

int rReadByte(vm::Thread&, const Value* args, int, Value* out) {
  Reader r(args);
  r.setPrevRune(-1);
  if (r.i() >= r.size()) {
    out[0] = vm::makeIntOfType(vm::types::uint8Type(), int64_t{0});
    out[1] = eofError();
    return 2;
  }
  auto c = static_cast<uint8_t>(r.s()[static_cast<size_t>(r.i())]);
  r.setI(r.i() + 1);
  out[0] = vm::makeIntOfType(vm::types::uint8Type(), uint64_t{c});
  out[1] = Value();
  return 2;
}

int rUnreadByte(vm::Thread&, const Value* args, int, Value* out) {
  Reader r(args);
  if (r.i() <= 0) {
    out[0] = newError("bytes.Reader.UnreadByte: at beginning of slice");
    return 1;
  }
  r.setPrevRune(-1);
  r.setI(r.i() - 1);
  out[0] = Value();
  return 1;
}

int rReadRune(vm::Thread&, const Value* args, int, Value* out) {
  Reader r(args);
  if (r.i() >= r.size()) {
    r.setPrevRune(-1);
    out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{0});
    out[1] = vm::makeInt(0);
    out[2] = eofError();
    return 3;
  }
  r.setPrevRune(r.i());
  utf8::Decoded d = utf8::decodeRune(r.s().substr(static_cast<size_t>(r.i())));
  r.setI(r.i() + d.width);
  out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{d.rune});
  out[1] = vm::makeInt(d.width);
  out[2] = Value();
  return 3;
}

int rUnreadRune(vm::Thread&, const Value* args, int, Value* out) {
  Reader r(args);
  if (r.i() <= 0) {
    out[0] = newError("bytes.Reader.UnreadRune: at beginning of slice");
    return 1;
  }
  if (r.prevRune() < 0) {
    out[0] = newError("bytes.Reader.UnreadRune: previous operation was not ReadRune");
    return 1;
  }
  r.setI(r.prevRune());
  r.setPrevRune(-1);
  out[0] = Value();
  return 1;
}

int rSeek(vm::Thread&, const Value* args, int nargs, Value* out) {
  Reader r(args);
  r.setPrevRune(-1);
  int64_t offset = argInt(args, nargs, 1);
  int64_t abs;
  switch (argInt(args, nargs, 2)) {
    case 0: abs = offset; break;
    case 1: abs = r.i() + offset; break;
    case 2: abs = r.size() + offset; break;
    default:
      out[0] = vm::makeIntOfType(vm::types::int64Type(), int64_t{0});
      out[1] = newError("bytes.Reader.Seek: invalid whence");
      return 2;
  }
  if (abs < 0) {
    out[0] = vm::makeIntOfType(vm::types::int64Type(), int64_t{0});
    out[1] = newError("bytes.Reader.Seek: negative position");
    return 2;
  }
  r.setI(abs);
  out[0] = vm::makeIntOfType(vm::types::int64Type(), abs);
  out[1] = Value();
  return 2;
}

int rWriteTo(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Reader r(args);
  r.setPrevRune(-1);
  out[0] = vm::makeIntOfType(vm::types::int64Type(), int64_t{0});
  out[1] = Value();
  if (r.i() >= r.size()) return 2;
  Value rest = vm::sliceExpr(r.obj()->fields()[kS], r.i(), r.size(), 0, false);
  int64_t want = r.size() - r.i();
  IoResult res = writeBytes(th, arg(args, nargs, 1), rest);
  if (res.n > want) vm::throwPanic(vm::makeString("bytes.Reader.WriteTo: invalid Write count"));
  r.setI(r.i() + res.n);
  out[0] = vm::makeIntOfType(vm::types::int64Type(), res.n);
  out[1] = !res.err.isNil() ? res.err : res.n != want ? errShortWrite() : Value();
  return 2;
}

int rReset(vm::Thread&, const Value* args, int nargs, Value*) {
  Reader r(args);
  r.obj()->fields()[kS] = arg(args, nargs, 1);
  r.setI(0);
  r.setPrevRune(-1);
  return 0;
}

}  // namespace

const vm::Type* bytesBufferType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("bytes", "Buffer",
                                   {field("buf", bytesType()), field("off", vm::types::intType()),
                                    field("lastRead", vm::types::int8Type())});
    defineMethod(named, "Bytes", bBytes, true);
    defineMethod(named, "String", bString, true);
    defineMethod(named, "Len", bLen, true);
    defineMethod(named, "Cap", bCap, true);
    defineMethod(named, "Available", bAvailable, true);
    defineMethod(named, "AvailableBuffer", bAvailableBuffer, true);
    defineMethod(named, "Truncate", bTruncate, true);
    defineMethod(named, "Reset", bReset, true);
    defineMethod(named, "Grow", bGrow, true);
    defineMethod(named, "Write", bWrite, true);
    defineMethod(named, "WriteString", bWriteString, true);
    defineMethod(named, "WriteByte", bWriteByte, true);
    defineMethod(named, "WriteRune", bWriteRune, true);
    defineMethod(named, "Read", bRead, true);
    defineMethod(named, "Next", bNext, true);
    defineMethod(named, "ReadByte", bReadByte, true);
    defineMethod(named, "ReadRune", bReadRune, true);
    defineMethod(named, "UnreadRune", bUnreadRune, true);
    defineMethod(named, "UnreadByte", bUnreadByte, true);
    defineMethod(named, "ReadBytes", bReadBytes, true);
    defineMethod(named, "ReadString", bReadString, true);
    defineMethod(named, "ReadFrom", bReadFrom, true);
    defineMethod(named, "WriteTo", bWriteTo, true);
    return named;
  }();
  return t;
}

const vm::Type* bytesReaderType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("bytes", "Reader",
                                   {field("s", bytesType()), field("i", vm::types::int64Type()),
                                    field("prevRune", vm::types::intType())});
    defineMethod(named, "Len", rLen, true);
    defineMethod(named, "Size", rSize, true);
    defineMethod(named, "Read", rRead, true);
    defineMethod(named, "ReadAt", rReadAt, true);
    defineMethod(named, "ReadByte", rReadByte, true);
    defineMethod(named, "UnreadByte", rUnreadByte, true);
    defineMethod(named, "ReadRune", rReadRune, true);
    defineMethod(named, "UnreadRune", rUnreadRune, true);
    defineMethod(named, "Seek", rSeek, true);
    defineMethod(named, "WriteTo", rWriteTo, true);
    defineMethod(named, "Reset", rReset, true);
    return named;
  }();
  return t;
}

int bytesNewBuffer(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* b = vm::newStruct(bytesBufferType());
  Value buf = arg(args, nargs, 0);
  b->fields()[kBuf] = buf.isNil() ? vm::nilOf(bytesType()) : buf;
  out[0] = Value::ref(b);
  return 1;
}

int bytesNewBufferString(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* b = vm::newStruct(bytesBufferType());
  b->fields()[kBuf] = vm::makeByteSlice(argString(args, nargs, 0));
  out[0] = Value::ref(b);
  return 1;
}

int bytesNewReader(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* r = vm::newStruct(bytesReaderType());
  Value s = arg(args, nargs, 0);
  r->fields()[kS] = s.isNil() ? vm::nilOf(bytesType()) : s;
  r->fields()[kPrevRune] = vm::makeInt(-1);
  out[0] = Value::ref(r);
  return 1;
}

}  // namespace gsl::stdlib
