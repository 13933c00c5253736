// stdlib/fmt_scan.cpp: see fmt_scan.h. The scanner is Go's ss type: a rune
// reader with one rune of push-back, a per-operand width limit, and the
// newline rules of the three families (Scan treats newlines as spaces,
// Scanln ends at one, Scanf matches them against the format).
//
// Errors unwind the scanning with a C++ exception (ScanAbort) that carries
// nothing: the error value itself is kept in the ScanState, which lives on
// the C++ stack where the collector sees it.
#include "stdlib/fmt_scan.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/blocking_io.h"
#include "stdlib/error_values.h"
#include "stdlib/io_support.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "stdlib/parse_number.h"
#include "stdlib/quote.h"
#include "stdlib/strconv_errors.h"
#include "stdlib/unicode_props.h"
#include "stdlib/utf8_codec.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"
#include "vm/type.h"

namespace gsl::stdlib::fmt {
namespace {

using vm::Kind;
using vm::Value;

constexpr int32_t kEOF = -1;
constexpr int64_t kHugeWidth = int64_t(1) << 30;

constexpr std::string_view kBinaryDigits = "01";
constexpr std::string_view kOctalDigits = "01234567";
constexpr std::string_view kDecimalDigits = "0123456789";
constexpr std::string_view kHexDigits = "0123456789aAbBcCdDeEfF";
constexpr std::string_view kSign = "+-";
constexpr std::string_view kFloatVerbs = "beEfFgGv";

struct ScanAbort {};

bool isSpace(int32_t r) { return r >= 0 && unicode::isSpace(r); }

bool contains(std::string_view set, int32_t r) {
  if (r < 0 || r >= 0x80) return false;
  return set.find(static_cast<char>(r)) != std::string_view::npos;
}

class ScanState {
 public:
  ScanState(std::string_view input, int fd, bool nlIsSpace, bool nlIsEnd)
      : data_(input), fd_(fd), nlIsSpace_(nlIsSpace), nlIsEnd_(nlIsEnd) {
    // A prompt printed before reading must be visible.
    if (fd_ >= 0) flushStdout();
  }
  // Reading an io.Reader (Fscan): through its ReadRune and UnreadRune when
  // it is an io.RuneScanner, else one byte per Read call, as Go's ss does
  // (so a rune read ahead and pushed back is lost when the call returns).
  ScanState(vm::Thread& th, Value reader, bool nlIsSpace, bool nlIsEnd)
      : fd_(-1), nlIsSpace_(nlIsSpace), nlIsEnd_(nlIsEnd), th_(&th), readerMode_(true), reader_(reader) {
    if (reader.isNil()) vm::throwNilDereference();
    runeScanner_ = hasMethod(reader, "ReadRune") && hasMethod(reader, "UnreadRune");
    if (!runeScanner_) byteBuf_ = vm::makeByteSlice(std::string_view("\0", 1));
  }

  Value err;  // the error being reported, once a scan fails

  // The goroutine's thread, for calling script code (Scan methods of
  // operands, the reader's methods).
  void setThread(vm::Thread& th) { th_ = &th; }

  // ---- Runes ------------------------------------------------------------

  int32_t getRune() {
    if (atEOF_ || count_ >= argLimit_) return kEOF;
    if (runeScanner_) return readRuneFromScanner();
    if (!fill(1)) {
      atEOF_ = true;
      return kEOF;
    }
    auto b0 = static_cast<uint8_t>(data_[pos_]);
    size_t need = b0 < 0x80 ? 1 : b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
    for (size_t k = 1; k < need; k++) {
      if (!fill(k + 1) || (static_cast<uint8_t>(data_[pos_ + k]) & 0xC0) != 0x80) break;
    }
    utf8::Decoded d = utf8::decodeRune(std::string_view(data_).substr(pos_));
    lastWidth_ = static_cast<size_t>(d.width);
    pos_ += lastWidth_;
    count_++;
    if (nlIsEnd_ && d.rune == '\n') atEOF_ = true;
    return d.rune;
  }

  void unreadRune() {
    if (runeScanner_) {
      callNamed(*th_, reader_, "UnreadRune", nullptr, 0, nullptr, 0);
      atEOF_ = false;
      count_--;
      return;
    }
    pos_ -= lastWidth_;
    lastWidth_ = 0;
    atEOF_ = false;
    count_--;
  }

  int32_t mustReadRune() {
    int32_t r = getRune();
    if (r == kEOF) fail(unexpectedEOF());
    return r;
  }

  void notEOF() {
    int32_t r = getRune();
    if (r == kEOF) fail(eofError());
    unreadRune();
  }

  bool consume(std::string_view ok, bool accept) {
    int32_t r = getRune();
    if (r == kEOF) return false;
    if (contains(ok, r)) {
      if (accept) utf8::appendRune(buf_, r);
      return true;
    }
    if (accept) unreadRune();
    return false;
  }
  bool accept(std::string_view ok) { return consume(ok, true); }

  bool peek(std::string_view ok) {
    int32_t r = getRune();
    if (r != kEOF) unreadRune();
    return contains(ok, r);
  }

  void skipSpace() {
    for (;;) {
      int32_t r = getRune();
      if (r == kEOF) return;
      if (r == '\r' && peek("\n")) continue;
      if (r == '\n') {
        if (nlIsSpace_) continue;
        failString("unexpected newline");
      }
      if (!isSpace(r)) {
        unreadRune();
        return;
      }
    }
  }

  // ---- fmt.ScanState, for an operand's Scan method ----------------------------

  // ReadRune: the rune and its width in bytes; kEOF at the end (a reader's
  // error ends the scan through fail).
  int32_t readRune(int64_t* size) {
    int32_t r = getRune();
    *size = r == kEOF ? 0 : static_cast<int64_t>(lastWidth_);
    return r;
  }
  // Width: the operand's width limit, if the format gave one.
  bool width(int64_t* w) const {
    if (maxWid_ == kHugeWidth) return false;
    *w = maxWid_;
    return true;
  }
  // Token: the runes for which f (a script func(rune) bool; nil: not a
  // space) is true, after spaces if skip.
  std::string token(bool skip, Value f) {
    if (skip) skipSpace();
    buf_.clear();
    for (;;) {
      int32_t r = getRune();
      if (r == kEOF) break;
      bool ok = f.isNil() ? !isSpace(r)
                          : vm::toBool(vm::callFunction1(*th_, f, {vm::makeIntOfType(vm::types::int32Type(), int64_t{r})}));
      if (!ok) {
        unreadRune();
        break;
      }
      utf8::appendRune(buf_, r);
    }
    return buf_;
  }

  // ---- Errors -------------------------------------------------------------

  [[noreturn]] void fail(Value e) {
    err = e;
    throw ScanAbort{};
  }
  [[noreturn]] void failString(std::string_view msg) { fail(newError(msg)); }

  // ---- Operands -------------------------------------------------------------

  void scanOne(char32_t verb, Value arg);
  // An operand that is a fmt.Scanner scans itself: Scan(state, verb).
  void callScanner(char32_t verb, Value arg);

  // ---- Scanf ------------------------------------------------------------------

  int doScan(const Value* args, int nargs);
  int doScanf(std::string_view format, const Value* args, int nargs);

 private:
  // Go's ss.ReadRune over an io.RuneScanner.
  int32_t readRuneFromScanner() {
    Value res[3];
    int got = callNamed(*th_, reader_, "ReadRune", nullptr, 0, res, 3);
    Value e = got >= 3 ? res[2] : Value();
    if (e.isNil()) {
      auto r = static_cast<int32_t>(vm::toInt64(res[0]));
      lastWidth_ = static_cast<size_t>(vm::toInt64(res[1]));
      count_++;
      if (nlIsEnd_ && r == '\n') atEOF_ = true;
      return r;
    }
    if (isEOF(e)) {
      atEOF_ = true;
      return kEOF;
    }
    fail(e);
  }

  // Makes data_[pos_, pos_+n) available, reading stdin or the reader byte
  // by byte. A reader's error other than io.EOF ends the scan with it.
  bool fill(size_t n) {
    while (data_.size() < pos_ + n) {
      if (readerMode_) {
        IoResult r = readInto(*th_, reader_, byteBuf_);
        if (r.n == 1) {
          data_ += vm::byteSliceView(byteBuf_)[0];
          continue;
        }
        if (r.err.isNil()) continue;  // io.ReadFull: try again
        if (isEOF(r.err)) return false;
        fail(r.err);
      }
      if (fd_ < 0) return false;
      char c;
      // Through blocking_io.h, so other goroutines run while stdin waits.
      if (blockingRead(fd_, &c, 1) != 1) return false;
      data_ += c;
    }
    return true;
  }

  void okVerb(char32_t verb, std::string_view okVerbs, std::string_view type) {
    if (verb < 0x80 && okVerbs.find(static_cast<char>(verb)) != std::string_view::npos) return;
    std::string msg = "bad verb '%";
    utf8::appendRune(msg, verb);
    msg += "' for ";
    msg += type;
    failString(msg);
  }

  bool scanBool(char32_t verb);
  int64_t scanInt(char32_t verb, int bitSize);
  uint64_t scanUint(char32_t verb, int bitSize);
  int64_t scanRune(int bitSize);
  std::string scanNumber(std::string_view digits, bool haveDigits);
  int scanBasePrefix(std::string_view& digits, bool& zeroFound);
  int getBase(char32_t verb, std::string_view& digits);
  std::string floatToken();
  double convertFloat(const std::string& token, int bitSize);
  std::string convertString(char32_t verb);
  std::string quotedString();
  std::string hexString();
  int advance(std::string_view format);

  std::string data_;
  size_t pos_ = 0;
  size_t lastWidth_ = 0;
  int fd_;
  bool nlIsSpace_;
  bool nlIsEnd_;
  bool atEOF_ = false;
  int64_t count_ = 0;
  int64_t argLimit_ = kHugeWidth;
  std::string buf_;  // the token being accumulated
  vm::Thread* th_ = nullptr;
  // Fscan's reader.
  bool readerMode_ = false;
  Value reader_;
  // The width of the operand being scanned by Scanf (%5s), for ScanState.Width.
  int64_t maxWid_ = kHugeWidth;
  bool runeScanner_ = false;
  Value byteBuf_;  // a []byte of length 1 for Read
};

// ---- fmt.ScanState: the *fmt.ss a Scanner's Scan method receives -------------
//
// An *fmt.ss value holds the address of the C++ ScanState running the scan
// (field `state`, a uintptr), cleared when the Scan call returns: a script
// that keeps the value and uses it later gets a panic instead of touching a
// dead object. Errors inside its methods panic with a fmt.scanError, which
// the scan recovers when the Scan method lets it through, as Go's does.

const vm::Type* scanErrorType() {
  static const vm::Type* t = defineStruct("fmt", "scanError", {field("err", vm::types::errorType())});
  return t;
}

[[noreturn]] void panicScanError(Value err) {
  vm::StructObj* e = vm::newStruct(scanErrorType());
  e->fields()[0] = err;
  vm::throwPanic(Value::object(e));
}

ScanState* ssOf(const Value* args) {
  vm::StructObj* ss = receiverStruct(args);
  uint64_t addr = vm::toUint64(ss->fields()[0]);
  if (addr == 0) vm::throwPlainError("fmt: ScanState used after its Scan method returned");
  return reinterpret_cast<ScanState*>(addr);
}

int ssReadRune(vm::Thread&, const Value* args, int, Value* out) {
  ScanState* s = ssOf(args);
  int64_t size = 0;
  int32_t r = 0;
  out[2] = Value();
  try {
    r = s->readRune(&size);
    if (r == kEOF) {
      r = 0;
      out[2] = eofError();
    }
  } catch (const ScanAbort&) {
    r = 0;
    size = 0;
    out[2] = s->err;
  }
  out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{r});
  out[1] = vm::makeInt(size);
  return 3;
}

int ssUnreadRune(vm::Thread&, const Value* args, int, Value* out) {
  ssOf(args)->unreadRune();
  out[0] = Value();
  return 1;
}

int ssSkipSpace(vm::Thread&, const Value* args, int, Value*) {
  ScanState* s = ssOf(args);
  try {
    s->skipSpace();
  } catch (const ScanAbort&) {
    panicScanError(s->err);
  }
  return 0;
}

int ssToken(vm::Thread&, const Value* args, int nargs, Value* out) {
  ScanState* s = ssOf(args);
  try {
    std::string tok = s->token(argBool(args, nargs, 1), arg(args, nargs, 2));
    out[0] = makeByteSlice(tok);
    out[1] = Value();
  } catch (const ScanAbort&) {
    out[0] = vm::nilOf(vm::sliceOf(vm::types::uint8Type()));
    out[1] = s->err;
  }
  return 2;
}

int ssWidth(vm::Thread&, const Value* args, int, Value* out) {
  int64_t w = 0;
  bool ok = ssOf(args)->width(&w);
  out[0] = vm::makeInt(w);
  out[1] = vm::makeBool(ok);
  return 2;
}

int ssRead(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeInt(0);
  out[1] = newError("ScanState's Read should not be called. Use ReadRune");
  return 2;
}

const vm::Type* ssType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("fmt", "ss", {field("state", vm::types::uintptrType())});
    defineMethod(named, "ReadRune", ssReadRune, true);
    defineMethod(named, "UnreadRune", ssUnreadRune, true);
    defineMethod(named, "SkipSpace", ssSkipSpace, true);
    defineMethod(named, "Token", ssToken, true);
    defineMethod(named, "Width", ssWidth, true);
    defineMethod(named, "Read", ssRead, true);
    return named;
  }();
  return t;
}

// fmt.ScanState: the interface Scan methods receive.
const vm::Type* scanStateIface() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms;
    for (std::string_view m : {"Read", "ReadRune", "SkipSpace", "Token", "UnreadRune", "Width"}) {
      ms.push_back(vm::IMethod{m, nullptr});
    }
    return defineNamed("fmt", "ScanState", vm::interfaceOf(ms));
  }();
  return t;
}

const vm::Type* scannerIface() {
  static const vm::Type* t = defineNamed("fmt", "Scanner", vm::interfaceOf(std::vector<vm::IMethod>{{"Scan", nullptr}}));
  return t;
}

void ScanState::callScanner(char32_t verb, Value arg) {
  std::optional<BoundMethod> m = findMethod(arg, "Scan");
  if (!m) failString("can't scan type: " + vm::typeString(vm::typeOf(arg)));
  vm::StructObj* ss = vm::newStruct(ssType());
  ss->fields()[0] = vm::makeIntOfType(vm::types::uintptrType(), static_cast<uint64_t>(reinterpret_cast<uintptr_t>(this)));
  Value callArgs[3] = {m->recv, Value::ref(ss), vm::makeIntOfType(vm::types::int32Type(), int64_t{static_cast<int32_t>(verb)})};
  Value res[1];
  int nres = 0;
  Value panicValue;
  bool ok = vm::callFunctionRecover(*th_, m->fn, callArgs, 3, res, 1, &nres, &panicValue);
  ss->fields()[0] = vm::makeIntOfType(vm::types::uintptrType(), uint64_t{0});
  if (!ok) {
    if (panicValue.isObject() && panicValue.asObject()->type == scanErrorType()) {
      fail(static_cast<vm::StructObj*>(panicValue.asObject())->fields()[0]);
    }
    vm::throwPanic(panicValue);
  }
  Value e = nres > 0 ? res[0] : Value();
  if (!e.isNil()) fail(isEOF(e) ? unexpectedEOF() : e);
}

bool ScanState::scanBool(char32_t verb) {
  skipSpace();
  notEOF();
  okVerb(verb, "tv", "boolean");
  switch (getRune()) {
    case '0':
      return false;
    case '1':
      return true;
    case 't':
    case 'T':
      if (accept("rR") && (!accept("uU") || !accept("eE"))) failString("syntax error scanning boolean");
      return true;
    case 'f':
    case 'F':
      if (accept("aA") && (!accept("lL") || !accept("sS") || !accept("eE"))) {
        failString("syntax error scanning boolean");
      }
      return false;
  }
  return false;
}

int ScanState::getBase(char32_t verb, std::string_view& digits) {
  okVerb(verb, "bdoUxXv", "integer");
  digits = kDecimalDigits;
  switch (verb) {
    case 'b':
      digits = kBinaryDigits;
      return 2;
    case 'o':
      digits = kOctalDigits;
      return 8;
    case 'x':
    case 'X':
    case 'U':
      digits = kHexDigits;
      return 16;
  }
  return 10;
}

std::string ScanState::scanNumber(std::string_view digits, bool haveDigits) {
  if (!haveDigits) {
    notEOF();
    if (!accept(digits)) failString("expected integer");
  }
  while (accept(digits)) {
  }
  return buf_;
}

// %v accepts Go's base prefixes (and underscores, checked by ParseInt).
int ScanState::scanBasePrefix(std::string_view& digits, bool& zeroFound) {
  static const std::string kDec = std::string(kDecimalDigits) + "_";
  static const std::string kBin = std::string(kBinaryDigits) + "_";
  static const std::string kOct = std::string(kOctalDigits) + "_";
  static const std::string kHex = std::string(kHexDigits) + "_";
  if (!peek("0")) {
    digits = kDec;
    zeroFound = false;
    return 0;
  }
  accept("0");
  zeroFound = true;
  if (peek("bB")) {
    consume("bB", true);
    digits = kBin;
  } else if (peek("oO")) {
    consume("oO", true);
    digits = kOct;
  } else if (peek("xX")) {
    consume("xX", true);
    digits = kHex;
  } else {
    digits = kOct;
  }
  return 0;
}

int64_t ScanState::scanRune(int bitSize) {
  notEOF();
  int64_t r = getRune();
  int n = 64 - bitSize;
  int64_t x = n == 0 ? r : static_cast<int64_t>(static_cast<uint64_t>(r) << n) >> n;
  if (x != r) {
    std::string msg = "overflow on character value ";
    utf8::appendRune(msg, r);
    failString(msg);
  }
  return r;
}

int64_t ScanState::scanInt(char32_t verb, int bitSize) {
  if (verb == 'c') return scanRune(bitSize);
  skipSpace();
  notEOF();
  std::string_view digits;
  int base = getBase(verb, digits);
  bool haveDigits = false;
  if (verb == 'U') {
    if (!consume("U", false) || !consume("+", false)) failString("bad unicode format ");
  } else {
    accept(kSign);  // a sign stays in the token
    if (verb == 'v') base = scanBasePrefix(digits, haveDigits);
  }
  std::string tok = scanNumber(digits, haveDigits);
  Parsed<int64_t> p = parseInt(tok, base, 64);
  if (p.err) fail(makeNumError(p.err, tok));
  int n = 64 - bitSize;
  int64_t x = n == 0 ? p.value : static_cast<int64_t>(static_cast<uint64_t>(p.value) << n) >> n;
  if (x != p.value) failString("integer overflow on token " + tok);
  return p.value;
}

uint64_t ScanState::scanUint(char32_t verb, int bitSize) {
  if (verb == 'c') return static_cast<uint64_t>(scanRune(bitSize));
  skipSpace();
  notEOF();
  std::string_view digits;
  int base = getBase(verb, digits);
  bool haveDigits = false;
  if (verb == 'U') {
    if (!consume("U", false) || !consume("+", false)) failString("bad unicode format ");
  } else if (verb == 'v') {
    base = scanBasePrefix(digits, haveDigits);
  }
  std::string tok = scanNumber(digits, haveDigits);
  Parsed<uint64_t> p = parseUint(tok, base, 64);
  if (p.err) fail(makeNumError(p.err, tok));
  int n = 64 - bitSize;
  uint64_t x = n == 0 ? p.value : (p.value << n) >> n;
  if (x != p.value) failString("unsigned integer overflow on token " + tok);
  return p.value;
}

// The characters that may form a float, not checked for syntax (ParseFloat
// does that).
std::string ScanState::floatToken() {
  buf_.clear();
  if (accept("nN") && accept("aA") && accept("nN")) return buf_;
  accept(kSign);
  if (accept("iI") && accept("nN") && accept("fF")) return buf_;
  std::string digits = std::string(kDecimalDigits) + "_";
  std::string_view exp = "eEpP";
  if (accept("0") && accept("xX")) {
    digits = std::string(kHexDigits) + "_";
    exp = "pP";
  }
  while (accept(digits)) {
  }
  if (accept(".")) {
    while (accept(digits)) {
    }
  }
  if (accept(exp)) {
    accept(kSign);
    while (accept("0123456789_")) {
    }
  }
  return buf_;
}

double ScanState::convertFloat(const std::string& token, int bitSize) {
  // Go's scanner accepts a decimal mantissa with a binary exponent (1.5p3).
  size_t p = token.find('p');
  if (p != std::string::npos && token.find_first_of("xX") == std::string::npos) {
    Parsed<double> f = parseFloat(std::string_view(token).substr(0, p), bitSize);
    if (f.err) fail(makeNumError(f.err, token));
    Parsed<int64_t> e = parseAtoi(std::string_view(token).substr(p + 1));
    if (e.err) fail(makeNumError(e.err, token));
    return std::ldexp(f.value, static_cast<int>(e.value));
  }
  Parsed<double> f = parseFloat(token, bitSize);
  if (f.err) fail(makeNumError(f.err, token));
  return f.value;
}

std::string ScanState::quotedString() {
  notEOF();
  buf_.clear();
  int32_t q = getRune();
  if (q == '`') {
    for (;;) {
      int32_t r = mustReadRune();
      if (r == q) break;
      utf8::appendRune(buf_, r);
    }
    return buf_;
  }
  if (q == '"') {
    buf_ += '"';
    for (;;) {
      int32_t r = mustReadRune();
      utf8::appendRune(buf_, r);
      if (r == '\\') {
        utf8::appendRune(buf_, mustReadRune());
      } else if (r == '"') {
        break;
      }
    }
    auto s = unquote(buf_);
    if (!s) fail(errSyntax());
    return *s;
  }
  failString("expected quoted string");
}

std::string ScanState::hexString() {
  notEOF();
  buf_.clear();
  auto hexDigit = [](int32_t d) -> int {
    if (d >= '0' && d <= '9') return d - '0';
    if (d >= 'a' && d <= 'f') return d - 'a' + 10;
    if (d >= 'A' && d <= 'F') return d - 'A' + 10;
    return -1;
  };
  for (;;) {
    int32_t r1 = getRune();
    if (r1 == kEOF) break;
    int v1 = hexDigit(r1);
    if (v1 < 0) {
      unreadRune();
      break;
    }
    int v2 = hexDigit(mustReadRune());
    if (v2 < 0) failString("illegal hex digit");
    buf_ += static_cast<char>(v1 << 4 | v2);
  }
  if (buf_.empty()) failString("no hex data for %x string");
  return buf_;
}

std::string ScanState::convertString(char32_t verb) {
  okVerb(verb, "svqxX", "string");
  skipSpace();
  notEOF();
  if (verb == 'q') return quotedString();
  if (verb == 'x' || verb == 'X') return hexString();
  // %s and %v: the next space-delimited word.
  buf_.clear();
  for (;;) {
    int32_t r = getRune();
    if (r == kEOF) break;
    if (isSpace(r)) {
      unreadRune();
      break;
    }
    utf8::appendRune(buf_, r);
  }
  return buf_;
}

void ScanState::scanOne(char32_t verb, Value arg) {
  buf_.clear();
  if (th_ != nullptr && hasMethod(arg, "Scan")) {
    callScanner(verb, arg);
    return;
  }
  const vm::Type* pt = vm::typeOf(arg);
  if (!pt || pt->kind != Kind::Pointer) {
    failString("type not a pointer: " + vm::typeString(pt));
  }
  const vm::Type* et = pt->elem;
  if (arg.isRef() || !arg.isObject()) {
    // A pointer to a struct or array (or a nil pointer) cannot be scanned.
    failString("can't scan type: " + vm::typeString(pt));
  }
  auto* target = static_cast<vm::PointerObj*>(arg.asObject());
  // pointerStore also handles a pointer to a byte element (&b[i]).
  auto store = [target](Value v) { vm::pointerStore(target, v); };
  Kind k = et->kind;
  if (k == Kind::Bool) {
    store(vm::makeBoolOfType(et, scanBool(verb)));
  } else if (vm::isSignedKind(k)) {
    store(vm::makeIntOfType(et, scanInt(verb, vm::integerBits(k))));
  } else if (vm::isUnsignedKind(k)) {
    store(vm::makeIntOfType(et, scanUint(verb, vm::integerBits(k))));
  } else if (vm::isFloatKind(k)) {
    std::string name = k == Kind::Float32 ? "float32" : "float64";
    okVerb(verb, kFloatVerbs, name);
    skipSpace();
    notEOF();
    double f = convertFloat(floatToken(), k == Kind::Float32 ? 32 : 64);
    store(vm::makeFloatOfType(et, f));
  } else if (k == Kind::String) {
    store(vm::makeStringOfType(et, convertString(verb)));
  } else if (k == Kind::Slice && et->elem->kind == Kind::Uint8) {
    store(makeByteSliceOfType(et, convertString(verb)));
  } else {
    failString("can't scan type: " + vm::typeString(pt));
  }
}

int ScanState::doScan(const Value* args, int nargs) {
  int n = 0;
  try {
    for (int i = 0; i < nargs; i++) {
      scanOne('v', args[i]);
      n++;
    }
    // Scanln: the operands must be followed by a newline or the end.
    if (nlIsEnd_) {
      for (;;) {
        int32_t r = getRune();
        if (r == '\n' || r == kEOF) break;
        if (!isSpace(r)) failString("expected newline");
      }
    }
  } catch (const ScanAbort&) {
  }
  return n;
}

// Matches the literal text and spaces at the start of format against the
// input (Go's advance). Returns the bytes of format consumed, 0 at a verb
// (or the end of input), -1 if a literal did not match.
int ScanState::advance(std::string_view format) {
  size_t i = 0;
  while (i < format.size()) {
    utf8::Decoded fc = utf8::decodeRune(format.substr(i));
    int32_t fmtc = fc.rune;
    size_t w = static_cast<size_t>(fc.width);
    if (isSpace(fmtc)) {
      // A newline in the format matches spaces then a newline or the end;
      // spaces before it collapse into it; spaces after it match spaces
      // after the input's newline; other spaces match one or more spaces.
      int newlines = 0;
      bool trailingSpace = false;
      while (isSpace(fmtc) && i < format.size()) {
        if (fmtc == '\n') {
          newlines++;
          trailingSpace = false;
        } else {
          trailingSpace = true;
        }
        i += w;
        if (i < format.size()) {
          fc = utf8::decodeRune(format.substr(i));
          fmtc = fc.rune;
          w = static_cast<size_t>(fc.width);
        } else {
          fmtc = kEOF;
        }
      }
      for (int j = 0; j < newlines; j++) {
        int32_t in = getRune();
        while (isSpace(in) && in != '\n') in = getRune();
        if (in != '\n' && in != kEOF) failString("newline in format does not match input");
      }
      if (trailingSpace) {
        int32_t in = getRune();
        if (newlines == 0) {
          if (!isSpace(in) && in != kEOF) failString("expected space in input to match format");
          if (in == '\n') failString("newline in input does not match format");
        }
        while (isSpace(in) && in != '\n') in = getRune();
        if (in != kEOF) unreadRune();
      }
      continue;
    }
    if (fmtc == '%') {
      if (i + w == format.size()) failString("missing verb: % at end of format string");
      if (format[i + w] != '%') return static_cast<int>(i);
      i += w;  // %% matches a literal percent
    }
    int32_t in = mustReadRune();
    if (fmtc != in) {
      unreadRune();
      return -1;
    }
    i += w;
  }
  return static_cast<int>(i);
}

int ScanState::doScanf(std::string_view format, const Value* args, int nargs) {
  int n = 0;
  try {
    size_t end = format.size();
    size_t i = 0;
    while (i < end) {
      int w = advance(format.substr(i));
      if (w > 0) {
        i += static_cast<size_t>(w);
        continue;
      }
      if (format[i] != '%') {
        if (w < 0) failString("input does not match format");
        break;  // out of input; "too many operands" is reported below
      }
      i++;
      // An optional width limits the runes read for this operand.
      int64_t width = 0;
      bool widPresent = false;
      while (i < end && format[i] >= '0' && format[i] <= '9') {
        width = width * 10 + (format[i] - '0');
        widPresent = true;
        i++;
      }
      if (!widPresent) width = kHugeWidth;
      utf8::Decoded vd = utf8::decodeRune(format.substr(i));
      char32_t c = static_cast<char32_t>(vd.rune);
      size_t verbStart = i;
      i += static_cast<size_t>(vd.width);
      if (c != 'c') skipSpace();
      if (c == '%') {
        skipSpace();
        notEOF();
        if (!accept("%")) failString("missing literal %");
        continue;
      }
      argLimit_ = kHugeWidth;
      if (count_ + width < argLimit_) argLimit_ = count_ + width;
      maxWid_ = width;
      if (n >= nargs) {
        failString("too few operands for format '%" + std::string(format.substr(verbStart)) + "'");
      }
      scanOne(c, args[n]);
      n++;
      argLimit_ = kHugeWidth;
      maxWid_ = kHugeWidth;
    }
    if (n < nargs) failString("too many operands");
  } catch (const ScanAbort&) {
  }
  return n;
}

int finish(ScanState& s, int n, Value* out) {
  out[0] = vm::makeInt(n);
  out[1] = s.err;
  return 2;
}

}  // namespace

int nativeSscan(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s(argString(args, nargs, 0), -1, true, false);
  s.setThread(th);
  int n = s.doScan(args + 1, nargs > 0 ? nargs - 1 : 0);
  return finish(s, n, out);
}

int nativeSscanln(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s(argString(args, nargs, 0), -1, false, true);
  s.setThread(th);
  int n = s.doScan(args + 1, nargs > 0 ? nargs - 1 : 0);
  return finish(s, n, out);
}

int nativeSscanf(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s(argString(args, nargs, 0), -1, false, false);
  s.setThread(th);
  int n = s.doScanf(argString(args, nargs, 1), args + 2, nargs > 1 ? nargs - 2 : 0);
  return finish(s, n, out);
}

int nativeScan(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s({}, 0, true, false);
  s.setThread(th);
  int n = s.doScan(args, nargs);
  return finish(s, n, out);
}

int nativeScanln(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s({}, 0, false, true);
  s.setThread(th);
  int n = s.doScan(args, nargs);
  return finish(s, n, out);
}

int nativeScanf(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s({}, 0, false, false);
  s.setThread(th);
  int n = s.doScanf(argString(args, nargs, 0), args + 1, nargs > 0 ? nargs - 1 : 0);
  return finish(s, n, out);
}

int nativeFscan(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s(th, arg(args, nargs, 0), true, false);
  int n = s.doScan(args + 1, nargs > 0 ? nargs - 1 : 0);
  return finish(s, n, out);
}

int nativeFscanln(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s(th, arg(args, nargs, 0), false, true);
  int n = s.doScan(args + 1, nargs > 0 ? nargs - 1 : 0);
  return finish(s, n, out);
}

int nativeFscanf(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ScanState s(th, arg(args, nargs, 0), false, false);
  int n = s.doScanf(argString(args, nargs, 1), args + 2, nargs > 1 ? nargs - 2 : 0);
  return finish(s, n, out);
}

namespace {

// The Fscan family joins the rest of package fmt (registered in fmt.cpp).
const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"fmt",
                                        "fmt",
                                        {
                                            funcMember("Fscan", nativeFscan),
                                            funcMember("Fscanln", nativeFscanln),
                                            funcMember("Fscanf", nativeFscanf),
                                            typeMember("ScanState", scanStateIface),
                                            typeMember("Scanner", scannerIface),
                                        }});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib::fmt
