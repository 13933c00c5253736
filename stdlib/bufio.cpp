// stdlib/bufio.cpp: package bufio: its member table, the split functions
// (ScanLines, ScanWords, ScanRunes, ScanBytes) and Scanner. Reader is in
// bufio_reader.cpp, Writer and ReadWriter in bufio_writer.cpp.
//
// Scanner is a struct with Go's fields
//   {r io.Reader; split SplitFunc; maxTokenSize int; token []byte;
//    buf []byte; start, end int; err error; empties int;
//    scanCalled, done bool}
// and Scan follows Go's algorithm step for step: the same buffer sizes
// (4096, doubling up to maxTokenSize), the same calls of Read and of the
// split function with the same data and atEOF, the same errors. A split
// function written in the script is called through callFunction; the four
// predeclared ones run directly on the buffer's bytes.
#include <cstring>
#include <string>
#include <string_view>

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

constexpr char kTooLong[] = "bufio.Scanner: token too long";
constexpr char kNegativeAdvance[] = "bufio.Scanner: SplitFunc returns negative advance count";
constexpr char kAdvanceTooFar[] = "bufio.Scanner: SplitFunc returns advance count beyond input";
constexpr char kBadReadCount[] = "bufio.Scanner: Read returned impossible count";
constexpr char kFinalToken[] = "final token";
constexpr char kBufferFull[] = "bufio: buffer full";
constexpr char kNegativeCount[] = "bufio: negative count";
constexpr char kInvalidUnreadByte[] = "bufio: invalid use of UnreadByte";
constexpr char kInvalidUnreadRune[] = "bufio: invalid use of UnreadRune";
constexpr char kNoProgress[] = "multiple Read calls return no data or error";

const vm::Type* bytesType() { return vm::sliceOf(vm::types::uint8Type()); }

// ---- Split functions -------------------------------------------------------------

// What a split function decided: how far to advance, and the token as a
// range of the data (tokLen < 0: no token), or the encoding of U+FFFD.
struct SplitResult {
  int64_t advance = 0;
  int64_t tokStart = 0;
  int64_t tokLen = -1;
  bool errorRune = false;
};

SplitResult token(int64_t advance, int64_t start, int64_t len) {
  return SplitResult{advance, start, len, false};
}

SplitResult scanLines(std::string_view d, bool atEOF) {
  if (atEOF && d.empty()) return {};
  auto dropCR = [&](int64_t len) { return len > 0 && d[static_cast<size_t>(len - 1)] == '\r' ? len - 1 : len; };
  size_t nl = d.find('\n');
  if (nl != std::string_view::npos) {
    auto i = static_cast<int64_t>(nl);
    return token(i + 1, 0, dropCR(i));
  }
  if (atEOF) return token(static_cast<int64_t>(d.size()), 0, dropCR(static_cast<int64_t>(d.size())));
  return {};
}

SplitResult scanBytes(std::string_view d, bool atEOF) {
  if (atEOF && d.empty()) return {};
  if (d.empty()) return {};
  return token(1, 0, 1);
}

SplitResult scanRunes(std::string_view d, bool atEOF) {
  if (atEOF && d.empty()) return {};
  if (d.empty()) return {};
  if (static_cast<uint8_t>(d[0]) < utf8::kRuneSelf) return token(1, 0, 1);
  utf8::Decoded r = utf8::decodeRune(d);
  if (r.width > 1) return token(r.width, 0, r.width);
  if (!atEOF && !fullRune(d)) return {};
  SplitResult s;
  s.advance = 1;
  s.errorRune = true;
  return s;
}

// bufio's isSpace (the white space of unicode.IsSpace, written out).
bool isSpace(int32_t r) {
  if (r <= 0xFF) {
    return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' || r == 0x85 ||
           r == 0xA0;
  }
  if (r >= 0x2000 && r <= 0x200a) return true;
  return r == 0x1680 || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000;
}

SplitResult scanWords(std::string_view d, bool atEOF) {
  size_t start = 0;
  while (start < d.size()) {
    utf8::Decoded r = utf8::decodeRune(d.substr(start));
    if (!isSpace(r.rune)) break;
    start += static_cast<size_t>(r.width);
  }
  for (size_t i = start; i < d.size();) {
    utf8::Decoded r = utf8::decodeRune(d.substr(i));
    if (isSpace(r.rune)) {
      return token(static_cast<int64_t>(i) + r.width, static_cast<int64_t>(start),
                   static_cast<int64_t>(i - start));
    }
    i += static_cast<size_t>(r.width);
  }
  if (atEOF && d.size() > start) {
    return token(static_cast<int64_t>(d.size()), static_cast<int64_t>(start),
                 static_cast<int64_t>(d.size() - start));
  }
  return SplitResult{static_cast<int64_t>(start), 0, -1, false};
}

using SplitFn = SplitResult (*)(std::string_view, bool);

// The token of a SplitResult as a slice of `data` (or of buf[base:...]).
Value tokenValue(const SplitResult& r, Value buf, int64_t base) {
  if (r.errorRune) return vm::makeByteSlice("\xEF\xBF\xBD");
  if (r.tokLen < 0) return vm::nilOf(bytesType());
  return vm::sliceExpr(buf, base + r.tokStart, base + r.tokStart + r.tokLen, 0, false);
}

template <SplitFn Fn>
int nSplit(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value data = arg(args, nargs, 0);
  SplitResult r = Fn(vm::byteSliceView(data), argBool(args, nargs, 1));
  out[0] = vm::makeInt(r.advance);
  out[1] = tokenValue(r, data, 0);
  out[2] = Value();
  return 3;
}

// The built-in split function a function value is, if any.
SplitFn builtinSplit(Value f) {
  if (!f.isObject() || f.asObject()->type->kind != vm::Kind::Func) return nullptr;
  auto* fn = static_cast<const vm::FuncObj*>(static_cast<const vm::Object*>(f.asObject()));
  if (fn->hasBound || !fn->native) return nullptr;
  if (fn->native == nSplit<scanLines>) return scanLines;
  if (fn->native == nSplit<scanWords>) return scanWords;
  if (fn->native == nSplit<scanRunes>) return scanRunes;
  if (fn->native == nSplit<scanBytes>) return scanBytes;
  return nullptr;
}

const vm::Type* splitFuncType() {
  static const vm::Type* t = [] {
    const vm::Type* params[] = {bytesType(), vm::types::boolType()};
    const vm::Type* results[] = {vm::types::intType(), bytesType(), vm::types::errorType()};
    return defineNamed("bufio", "SplitFunc", vm::funcOf(params, results, false));
  }();
  return t;
}

// bufio.ScanLines as a function value, the default split of a Scanner.
Value scanLinesValue() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = Value::object(vm::makeNative("bufio.ScanLines", nSplit<scanLines>));
    return s;
  }();
  return *slot;
}

// ---- Scanner -----------------------------------------------------------------------

enum ScannerField {
  kR, kSplit, kMaxTokenSize, kToken, kBuf, kStart, kEnd, kErr, kEmpties, kScanCalled, kDone,
};

const vm::Type* scannerType();

class Scanner {
 public:
  explicit Scanner(const Value* args) : o_(receiverStruct(args)) {}

  Value& field(int i) { return o_->fields()[i]; }
  int64_t get(int i) { return vm::toInt64(field(i)); }
  void set(int i, int64_t v) { field(i) = vm::makeInt(v); }
  bool flag(int i) { return vm::toBool(field(i)); }

  void setErr(Value err) {
    Value cur = field(kErr);
    if (cur.isNil() || isEOF(cur)) field(kErr) = err;
  }

  bool advance(int64_t n) {
    if (n < 0) {
      setErr(sentinelError<kNegativeAdvance>());
      return false;
    }
    if (n > get(kEnd) - get(kStart)) {
      setErr(sentinelError<kAdvanceTooFar>());
      return false;
    }
    set(kStart, get(kStart) + n);
    return true;
  }

  // Calls the split function on buf[start:end]; returns false (with the
  // scan's result in *result) when Scan must return now.
  bool split(vm::Thread& th, bool* result) {
    Value buf = field(kBuf);
    int64_t start = get(kStart), end = get(kEnd);
    bool atEOF = !field(kErr).isNil();
    int64_t adv;
    Value tok;
    Value err;
    if (SplitFn fn = builtinSplit(field(kSplit))) {
      std::string_view data = vm::byteSliceView(buf).substr(static_cast<size_t>(start),
                                                           static_cast<size_t>(end - start));
      SplitResult r = fn(data, atEOF);
      adv = r.advance;
      tok = tokenValue(r, buf, start);
    } else {
      Value in[2] = {vm::sliceExpr(buf, start, end, 0, false), vm::makeBool(atEOF)};
      Value res[vm::kMaxNativeResults];
      int n = vm::callFunction(th, field(kSplit), in, 2, res, vm::kMaxNativeResults);
      adv = n > 0 && !res[0].isNil() ? vm::toInt64(res[0]) : 0;
      tok = n > 1 ? res[1] : Value();
      err = n > 2 ? res[2] : Value();
    }
    if (!err.isNil()) {
      if (vm::valuesEqual(err, sentinelError<kFinalToken>())) {
        field(kToken) = tok;
        field(kDone) = vm::kTrue;
        // Go 1.22: a nil final token ends the scan without a token.
        *result = !vm::isNilValue(tok);
        return false;
      }
      setErr(err);
      *result = false;
      return false;
    }
    if (!advance(adv)) {
      *result = false;
      return false;
    }
    field(kToken) = tok;
    if (!vm::isNilValue(tok)) {
      if (field(kErr).isNil() || adv > 0) {
        set(kEmpties, 0);
      } else {
        set(kEmpties, get(kEmpties) + 1);
        if (get(kEmpties) > kMaxConsecutiveEmptyReads) {
          vm::throwPanic(vm::makeString("bufio.Scan: too many empty tokens without progressing"));
        }
      }
      *result = true;
      return false;
    }
    return true;
  }

  bool scan(vm::Thread& th) {
    if (flag(kDone)) return false;
    field(kScanCalled) = vm::kTrue;
    for (;;) {
      if (get(kEnd) > get(kStart) || !field(kErr).isNil()) {
        bool result;
        if (!split(th, &result)) return result;
      }
      if (!field(kErr).isNil()) {
        set(kStart, 0);
        set(kEnd, 0);
        return false;
      }
      if (!makeRoom()) return false;
      readMore(th);
    }
  }

 private:
  // Moves the unread bytes to the front of the buffer when that frees
  // enough space, and grows a full buffer (up to maxTokenSize).
  bool makeRoom() {
    Value buf = field(kBuf);
    int64_t len = vm::sliceLen(buf);
    int64_t start = get(kStart), end = get(kEnd);
    if (start > 0 && (end == len || start > len / 2)) {
      size_t n = 0;
      uint8_t* data = vm::byteSliceData(buf, &n);
      std::memmove(data, data + start, static_cast<size_t>(end - start));
      end -= start;
      start = 0;
      set(kStart, start);
      set(kEnd, end);
    }
    if (end == len) {
      int64_t maxTok = get(kMaxTokenSize);
      if (len >= maxTok || len > INT64_MAX / 2) {
        setErr(sentinelError<kTooLong>());
        return false;
      }
      int64_t newSize = len == 0 ? kStartBufSize : len * 2;
      if (newSize > maxTok) newSize = maxTok;
      uint8_t* fresh = nullptr;
      Value nb = vm::newByteSlice(bytesType(), newSize, newSize, &fresh);
      if (end > start) {
        std::memcpy(fresh, vm::byteSliceView(buf).data() + start, static_cast<size_t>(end - start));
      }
      field(kBuf) = nb;
      set(kEnd, end - start);
      set(kStart, 0);
    }
    return true;
  }

  void readMore(vm::Thread& th) {
    for (int loop = 0;;) {
      Value buf = field(kBuf);
      int64_t len = vm::sliceLen(buf), end = get(kEnd);
      IoResult r = readInto(th, field(kR), vm::sliceExpr(buf, end, len, 0, false));
      if (r.n < 0 || len - end < r.n) {
        setErr(sentinelError<kBadReadCount>());
        return;
      }
      set(kEnd, end + r.n);
      if (!r.err.isNil()) {
        setErr(r.err);
        return;
      }
      if (r.n > 0) {
        set(kEmpties, 0);
        return;
      }
      if (++loop > kMaxConsecutiveEmptyReads) {
        setErr(sentinelError<kNoProgress>());
        return;
      }
    }
  }

  vm::StructObj* o_;
};

int nNewScanner(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* s = vm::newStruct(scannerType());
  s->fields()[kR] = arg(args, nargs, 0);
  s->fields()[kSplit] = scanLinesValue();
  s->fields()[kMaxTokenSize] = vm::makeInt(kMaxScanTokenSize);
  out[0] = Value::ref(s);
  return 1;
}

int scannerScan(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = vm::makeBool(Scanner(args).scan(th));
  return 1;
}

int scannerText(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(vm::byteSliceView(Scanner(args).field(kToken)));
  return 1;
}

int scannerBytes(vm::Thread&, const Value* args, int, Value* out) {
  Value tok = Scanner(args).field(kToken);
  out[0] = tok.isNil() ? vm::nilOf(bytesType()) : tok;
  return 1;
}

int scannerErr(vm::Thread&, const Value* args, int, Value* out) {
  Value err = Scanner(args).field(kErr);
  out[0] = isEOF(err) ? Value() : err;
  return 1;
}

int scannerBuffer(vm::Thread&, const Value* args, int nargs, Value* out) {
  Scanner s(args);
  if (s.flag(kScanCalled)) vm::throwPanic(vm::makeString("Buffer called after Scan"));
  Value buf = arg(args, nargs, 1);
  s.field(kBuf) = vm::sliceExpr(buf, 0, vm::sliceCap(buf), 0, false);
  s.set(kMaxTokenSize, argInt(args, nargs, 2));
  (void)out;
  return 0;
}

int scannerSplit(vm::Thread&, const Value* args, int nargs, Value* out) {
  Scanner s(args);
  if (s.flag(kScanCalled)) vm::throwPanic(vm::makeString("Split called after Scan"));
  s.field(kSplit) = arg(args, nargs, 1);
  (void)out;
  return 0;
}

const vm::Type* scannerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct(
        "bufio", "Scanner",
        {field("r", vm::types::anyType()), field("split", splitFuncType()),
         field("maxTokenSize", vm::types::intType()), field("token", bytesType()),
         field("buf", bytesType()), field("start", vm::types::intType()),
         field("end", vm::types::intType()), field("err", vm::types::errorType()),
         field("empties", vm::types::intType()), field("scanCalled", vm::types::boolType()),
         field("done", vm::types::boolType())});
    defineMethod(named, "Scan", scannerScan, true);
    defineMethod(named, "Text", scannerText, true);
    defineMethod(named, "Bytes", scannerBytes, true);
    defineMethod(named, "Err", scannerErr, true);
    defineMethod(named, "Buffer", scannerBuffer, true);
    defineMethod(named, "Split", scannerSplit, true);
    return named;
  }();
  return t;
}

Value maxScanTokenSize() { return vm::makeInt(kMaxScanTokenSize); }

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "bufio",
      "bufio",
      {
          funcMember("NewScanner", nNewScanner),
          funcMember("ScanLines", nSplit<scanLines>),
          funcMember("ScanWords", nSplit<scanWords>),
          funcMember("ScanRunes", nSplit<scanRunes>),
          funcMember("ScanBytes", nSplit<scanBytes>),
          funcMember("NewReader", newReader),
          funcMember("NewReaderSize", newReaderSize),
          funcMember("NewWriter", newWriter),
          funcMember("NewWriterSize", newWriterSize),
          funcMember("NewReadWriter", newReadWriter),
          constMember("MaxScanTokenSize", maxScanTokenSize),
          varMember("ErrTooLong", sentinelError<kTooLong>),
          varMember("ErrNegativeAdvance", sentinelError<kNegativeAdvance>),
          varMember("ErrAdvanceTooFar", sentinelError<kAdvanceTooFar>),
          varMember("ErrBadReadCount", sentinelError<kBadReadCount>),
          varMember("ErrFinalToken", sentinelError<kFinalToken>),
          varMember("ErrBufferFull", errBufferFull),
          varMember("ErrNegativeCount", errNegativeCount),
          varMember("ErrInvalidUnreadByte", errInvalidUnreadByte),
          varMember("ErrInvalidUnreadRune", errInvalidUnreadRune),
          typeMember("Scanner", scannerType),
          typeMember("SplitFunc", splitFuncType),
          typeMember("Reader", readerType),
          typeMember("Writer", writerType),
          typeMember("ReadWriter", readWriterType),
      },
  });
  return true;
}();

}  // namespace

Value errBufferFull() { return sentinelError<kBufferFull>(); }
Value errNegativeCount() { return sentinelError<kNegativeCount>(); }
Value errInvalidUnreadByte() { return sentinelError<kInvalidUnreadByte>(); }
Value errInvalidUnreadRune() { return sentinelError<kInvalidUnreadRune>(); }

bool fullRune(std::string_view s) {
  if (s.empty()) return false;
  auto b0 = static_cast<uint8_t>(s[0]);
  if (b0 < 0x80 || b0 < 0xC2 || b0 > 0xF4) return true;  // ASCII, or invalid: width 1
  size_t need = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  if (s.size() >= need) return true;
  uint8_t lo = 0x80, hi = 0xBF;
  if (b0 == 0xE0) lo = 0xA0;
  if (b0 == 0xED) hi = 0x9F;
  if (b0 == 0xF0) lo = 0x90;
  if (b0 == 0xF4) hi = 0x8F;
  if (s.size() > 1) {
    auto b1 = static_cast<uint8_t>(s[1]);
    if (b1 < lo || b1 > hi) return true;
  }
  if (s.size() > 2) {
    auto b2 = static_cast<uint8_t>(s[2]);
    if (b2 < 0x80 || b2 > 0xBF) return true;
  }
  return false;
}

}  // namespace gsl::stdlib::bufio
