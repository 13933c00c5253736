// stdlib/json_stream.cpp: see json_stream.h. The Decoder follows Go's
// encoding/json/stream.go: readValue scans the buffer for one complete
// value (refilling it from the reader as needed), Decode unmarshals that
// value, and Token walks the stream with a small state machine.
//
// A Decoder's state lives in its struct's fields (so it survives between
// calls); each method loads it into a Stream on the C++ stack, works, and
// stores it back.
#include "stdlib/json_stream.h"

#include <string>

#include "stdlib/error_values.h"
#include "stdlib/json_decode.h"
#include "stdlib/json_encode.h"
#include "stdlib/json_scanner.h"
#include "stdlib/json_types.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "stdlib/strings_types.h"
#include "vm/compare.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib::json {

using vm::Value;

namespace {

const vm::Type* i64() { return vm::types::int64Type(); }

// ---- Encoder ------------------------------------------------------------------------
//
// Fields: w io.Writer; err error; escapeHTML bool; indentPrefix string;
// indentValue string.
enum EncoderField { kEncW, kEncErr, kEncEscapeHTML, kEncPrefix, kEncIndent };

int encoderEncode(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* self = receiverStruct(args);
  Value* f = self->fields();
  if (!f[kEncErr].isNil()) {
    out[0] = f[kEncErr];
    return 1;
  }
  std::string buf;
  Value err = encode(th, arg(args, nargs, 1), vm::toBool(f[kEncEscapeHTML]), buf);
  if (!err.isNil()) {
    out[0] = err;
    return 1;
  }
  buf += '\n';
  std::string_view prefix = vm::stringView(f[kEncPrefix]);
  std::string_view indentStr = vm::stringView(f[kEncIndent]);
  if (!prefix.empty() || !indentStr.empty()) {
    std::string indented;
    SyntaxErrorInfo se;
    if (!indent(indented, buf, prefix, indentStr, &se)) {
      out[0] = makeSyntaxError(se);
      return 1;
    }
    buf.swap(indented);
  }
  Value res[2];
  writeTo(th, f[kEncW], buf, res);
  if (!res[1].isNil()) {
    // A failed write makes the Encoder fail from then on, as Go's does.
    self->fields()[kEncErr] = res[1];
    out[0] = res[1];
    return 1;
  }
  out[0] = Value();
  return 1;
}

int encoderSetIndent(vm::Thread&, const Value* args, int nargs, Value*) {
  vm::StructObj* self = receiverStruct(args);
  self->fields()[kEncPrefix] = vm::makeString(argString(args, nargs, 1));
  self->fields()[kEncIndent] = vm::makeString(argString(args, nargs, 2));
  return 0;
}

int encoderSetEscapeHTML(vm::Thread&, const Value* args, int nargs, Value*) {
  receiverStruct(args)->fields()[kEncEscapeHTML] = vm::makeBool(argBool(args, nargs, 1));
  return 0;
}

// ---- Decoder ------------------------------------------------------------------------

// Fields: r io.Reader; buf string (read, not yet consumed past scanp);
// bufCap int (the capacity Go's buffer would have); scanp int; scanned
// int64; scanBytes int64 (the scanner's running byte count); err error;
// tokenState int; tokenStack string (one byte per saved state);
// useNumber bool; disallowUnknownFields bool.
enum DecoderField {
  kDecR, kDecBuf, kDecBufCap, kDecScanp, kDecScanned, kDecScanBytes, kDecErr, kDecTokenState,
  kDecTokenStack, kDecUseNumber, kDecDisallow, kDecNumFields
};

// Go's token states.
enum TokenState {
  kTokenTopValue, kTokenArrayStart, kTokenArrayValue, kTokenArrayComma, kTokenObjectStart,
  kTokenObjectKey, kTokenObjectColon, kTokenObjectValue, kTokenObjectComma
};

// Go's minRead: the smallest free space a refill asks the reader to fill.
constexpr int64_t kMinRead = 512;

class Stream {
 public:
  Stream(vm::Thread& th, vm::StructObj* self) : th_(th), self_(self) {
    Value* f = self->fields();
    r_ = f[kDecR];
    buf_ = std::string(vm::stringView(f[kDecBuf]));
    bufCap_ = vm::toInt64(f[kDecBufCap]);
    scanp_ = static_cast<size_t>(vm::toInt64(f[kDecScanp]));
    scanned_ = vm::toInt64(f[kDecScanned]);
    scanBytes_ = vm::toInt64(f[kDecScanBytes]);
    err_ = f[kDecErr];
    tokenState_ = static_cast<int>(vm::toInt64(f[kDecTokenState]));
    tokenStack_ = std::string(vm::stringView(f[kDecTokenStack]));
    opts_.useNumber = vm::toBool(f[kDecUseNumber]);
    opts_.disallowUnknownFields = vm::toBool(f[kDecDisallow]);
  }

  void save() {
    Value* f = self_->fields();
    f[kDecBuf] = vm::makeString(buf_);
    f[kDecBufCap] = vm::makeInt(bufCap_);
    f[kDecScanp] = vm::makeInt(static_cast<int64_t>(scanp_));
    f[kDecScanned] = vm::makeIntOfType(i64(), scanned_);
    f[kDecScanBytes] = vm::makeIntOfType(i64(), scanBytes_);
    f[kDecErr] = err_;
    f[kDecTokenState] = vm::makeInt(tokenState_);
    f[kDecTokenStack] = vm::makeString(tokenStack_);
  }

  Value decode(Value target);
  Value token(Value* tok);
  bool more() {
    uint8_t c;
    return peek(&c).isNil() && c != ']' && c != '}';
  }
  int64_t inputOffset() const { return scanned_ + static_cast<int64_t>(scanp_); }
  std::string_view buffered() const { return std::string_view(buf_).substr(scanp_); }

 private:
  Value readValue(size_t* n);
  Value refill();
  Value peek(uint8_t* c);
  Value tokenPrepareForDecode();
  bool tokenValueAllowed() const {
    return tokenState_ == kTokenTopValue || tokenState_ == kTokenArrayStart ||
           tokenState_ == kTokenArrayValue || tokenState_ == kTokenObjectValue;
  }
  void tokenValueEnd() {
    if (tokenState_ == kTokenArrayStart || tokenState_ == kTokenArrayValue) {
      tokenState_ = kTokenArrayComma;
    } else if (tokenState_ == kTokenObjectValue) {
      tokenState_ = kTokenObjectComma;
    }
  }
  Value tokenError(uint8_t c);
  void pushState(int next) {
    tokenStack_ += static_cast<char>(tokenState_);
    tokenState_ = next;
  }
  void popState() {
    tokenState_ = static_cast<uint8_t>(tokenStack_.back());
    tokenStack_.pop_back();
  }

  vm::Thread& th_;
  vm::StructObj* self_;
  Value r_;
  std::string buf_;
  int64_t bufCap_ = 0;
  size_t scanp_ = 0;
  int64_t scanned_ = 0;
  int64_t scanBytes_ = 0;
  Value err_;
  int tokenState_ = kTokenTopValue;
  std::string tokenStack_;
  DecodeOptions opts_;
};

Value Stream::refill() {
  // Slide the consumed bytes out, then grow the buffer if less than
  // kMinRead bytes are free, exactly as Go's Decoder does (the sizes decide
  // how much each Read call is asked for).
  if (scanp_ > 0) {
    scanned_ += static_cast<int64_t>(scanp_);
    buf_.erase(0, scanp_);
    scanp_ = 0;
  }
  auto len = static_cast<int64_t>(buf_.size());
  if (bufCap_ - len < kMinRead) bufCap_ = 2 * bufCap_ + kMinRead;
  auto read = findMethod(r_, "Read");
  if (!read) vm::throwNilDereference();
  Value p = vm::makeByteSlice(std::string(static_cast<size_t>(bufCap_ - len), '\0'));
  Value res[vm::kMaxNativeResults];
  int n = callMethodN(th_, *read, &p, 1, res, vm::kMaxNativeResults);
  int64_t got = n > 0 ? vm::toInt64(res[0]) : 0;
  if (got < 0 || got > bufCap_ - len) got = 0;
  buf_.append(vm::byteSliceView(p).substr(0, static_cast<size_t>(got)));
  return n > 1 ? res[1] : Value();
}

Value Stream::readValue(size_t* n) {
  Scanner scan;
  scan.bytes = scanBytes_;
  size_t scanp = scanp_;
  Value err;
  for (;;) {
    // Look in the buffer for the end of the value.
    for (; scanp < buf_.size(); scanp++) {
      auto c = static_cast<uint8_t>(buf_[scanp]);
      scan.bytes++;
      ScanOp op = scan.step(c);
      if (op == ScanOp::End) {
        // The end shows one byte late: that byte belongs to the next value.
        scan.bytes--;
        goto done;
      }
      if ((op == ScanOp::EndObject || op == ScanOp::EndArray) && scan.stepSpace() == ScanOp::End) {
        // Rather than wait for another byte, see whether a space would end it.
        scanp++;
        goto done;
      }
      if (op == ScanOp::Error) {
        scanBytes_ = scan.bytes;
        err_ = makeSyntaxError(scan.error());
        return err_;
      }
    }
    // An error from the last read counts only now that its bytes are scanned.
    if (!err.isNil()) {
      if (vm::valuesEqual(err, eofError())) {
        if (scan.step(' ') == ScanOp::End) goto done;
        for (char ch : buf_) {
          if (!isSpace(static_cast<uint8_t>(ch))) {
            err = unexpectedEOF();
            break;
          }
        }
      }
      scanBytes_ = scan.bytes;
      err_ = err;
      return err;
    }
    size_t consumed = scanp - scanp_;
    err = refill();
    scanp = scanp_ + consumed;
  }
done:
  scanBytes_ = scan.bytes;
  *n = scanp - scanp_;
  return Value();
}

Value Stream::peek(uint8_t* c) {
  Value err;
  for (;;) {
    for (size_t i = scanp_; i < buf_.size(); i++) {
      auto ch = static_cast<uint8_t>(buf_[i]);
      if (isSpace(ch)) continue;
      scanp_ = i;
      *c = ch;
      return Value();
    }
    if (!err.isNil()) return err;
    err = refill();
  }
}

Value Stream::tokenPrepareForDecode() {
  uint8_t c;
  if (tokenState_ == kTokenArrayComma) {
    Value err = peek(&c);
    if (!err.isNil()) return err;
    if (c != ',') return makeSyntaxError("expected comma after array element", inputOffset());
    scanp_++;
    tokenState_ = kTokenArrayValue;
  } else if (tokenState_ == kTokenObjectColon) {
    Value err = peek(&c);
    if (!err.isNil()) return err;
    if (c != ':') return makeSyntaxError("expected colon after object key", inputOffset());
    scanp_++;
    tokenState_ = kTokenObjectValue;
  }
  return Value();
}

Value Stream::decode(Value target) {
  if (!err_.isNil()) return err_;
  Value err = tokenPrepareForDecode();
  if (!err.isNil()) return err;
  if (!tokenValueAllowed()) return makeSyntaxError("not at beginning of value", inputOffset());
  size_t n = 0;
  err = readValue(&n);
  if (!err.isNil()) return err;
  std::string value = buf_.substr(scanp_, n);
  scanp_ += n;
  // Errors from decoding are not sticky: the stream itself is still fine.
  save();
  err = unmarshalValid(th_, value, target, opts_);
  tokenValueEnd();
  return err;
}

Value Stream::tokenError(uint8_t c) {
  std::string context;
  switch (tokenState_) {
    case kTokenTopValue:
    case kTokenArrayStart:
    case kTokenArrayValue:
    case kTokenObjectValue:
      context = " looking for beginning of value";
      break;
    case kTokenArrayComma:
      context = " after array element";
      break;
    case kTokenObjectKey:
      context = " looking for beginning of object key string";
      break;
    case kTokenObjectColon:
      context = " after object key";
      break;
    case kTokenObjectComma:
      context = " after object key:value pair";
      break;
    default:
      break;
  }
  return makeSyntaxError("invalid character " + quoteChar(c) + context, inputOffset());
}

Value Stream::token(Value* tok) {
  *tok = Value();
  for (;;) {
    uint8_t c;
    Value err = peek(&c);
    if (!err.isNil()) return err;
    switch (c) {
      case '[':
      case '{':
        if (!tokenValueAllowed()) return tokenError(c);
        scanp_++;
        pushState(c == '[' ? kTokenArrayStart : kTokenObjectStart);
        *tok = vm::makeIntOfType(delimType(), static_cast<int64_t>(c));
        return Value();
      case ']':
        if (tokenState_ != kTokenArrayStart && tokenState_ != kTokenArrayComma) return tokenError(c);
        scanp_++;
        popState();
        tokenValueEnd();
        *tok = vm::makeIntOfType(delimType(), static_cast<int64_t>(c));
        return Value();
      case '}':
        if (tokenState_ != kTokenObjectStart && tokenState_ != kTokenObjectComma) return tokenError(c);
        scanp_++;
        popState();
        tokenValueEnd();
        *tok = vm::makeIntOfType(delimType(), static_cast<int64_t>(c));
        return Value();
      case ':':
        if (tokenState_ != kTokenObjectColon) return tokenError(c);
        scanp_++;
        tokenState_ = kTokenObjectValue;
        continue;
      case ',':
        if (tokenState_ == kTokenArrayComma) {
          scanp_++;
          tokenState_ = kTokenArrayValue;
          continue;
        }
        if (tokenState_ == kTokenObjectComma) {
          scanp_++;
          tokenState_ = kTokenObjectKey;
          continue;
        }
        return tokenError(c);
      case '"':
        if (tokenState_ == kTokenObjectStart || tokenState_ == kTokenObjectKey) {
          // An object key: decoded as a string on its own.
          int old = tokenState_;
          tokenState_ = kTokenTopValue;
          Value p = vm::newPointee(vm::types::stringType());
          err = decode(p);
          tokenState_ = old;
          if (!err.isNil()) return err;
          tokenState_ = kTokenObjectColon;
          *tok = *static_cast<vm::PointerObj*>(p.asObject())->slot;
          return Value();
        }
        [[fallthrough]];
      default: {
        if (!tokenValueAllowed()) return tokenError(c);
        Value p = vm::newPointee(vm::types::anyType());
        err = decode(p);
        if (!err.isNil()) return err;
        *tok = *static_cast<vm::PointerObj*>(p.asObject())->slot;
        return Value();
      }
    }
  }
}

vm::StructObj* decoderSelf(const Value* args) { return receiverStruct(args); }

int decoderDecode(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Stream s(th, decoderSelf(args));
  out[0] = s.decode(arg(args, nargs, 1));
  s.save();
  return 1;
}

int decoderToken(vm::Thread& th, const Value* args, int, Value* out) {
  Stream s(th, decoderSelf(args));
  out[1] = s.token(&out[0]);
  s.save();
  return 2;
}

int decoderMore(vm::Thread& th, const Value* args, int, Value* out) {
  Stream s(th, decoderSelf(args));
  out[0] = vm::makeBool(s.more());
  s.save();
  return 1;
}

int decoderInputOffset(vm::Thread& th, const Value* args, int, Value* out) {
  Stream s(th, decoderSelf(args));
  out[0] = vm::makeIntOfType(i64(), s.inputOffset());
  return 1;
}

int decoderBuffered(vm::Thread& th, const Value* args, int, Value* out) {
  Stream s(th, decoderSelf(args));
  Value rest = vm::makeString(s.buffered());
  return stringsNewReader(th, &rest, 1, out);
}

int decoderUseNumber(vm::Thread&, const Value* args, int, Value*) {
  decoderSelf(args)->fields()[kDecUseNumber] = vm::kTrue;
  return 0;
}

int decoderDisallowUnknownFields(vm::Thread&, const Value* args, int, Value*) {
  decoderSelf(args)->fields()[kDecDisallow] = vm::kTrue;
  return 0;
}

}  // namespace

const vm::Type* encoderType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("json", "Encoder",
                                   {field("w", vm::types::anyType()), field("err", vm::types::errorType()),
                                    field("escapeHTML", vm::types::boolType()),
                                    field("indentPrefix", vm::types::stringType()),
                                    field("indentValue", vm::types::stringType())});
    defineMethod(named, "Encode", encoderEncode, true);
    defineMethod(named, "SetIndent", encoderSetIndent, true);
    defineMethod(named, "SetEscapeHTML", encoderSetEscapeHTML, true);
    return named;
  }();
  return t;
}

const vm::Type* decoderType() {
  static const vm::Type* t = [] {
    const vm::Type* str = vm::types::stringType();
    const vm::Type* integer = vm::types::intType();
    vm::Type* named = defineStruct(
        "json", "Decoder",
        {field("r", vm::types::anyType()), field("buf", str), field("bufCap", integer), field("scanp", integer),
         field("scanned", i64()), field("scanBytes", i64()), field("err", vm::types::errorType()),
         field("tokenState", integer), field("tokenStack", str), field("useNumber", vm::types::boolType()),
         field("disallowUnknownFields", vm::types::boolType())});
    defineMethod(named, "Decode", decoderDecode, true);
    defineMethod(named, "Token", decoderToken, true);
    defineMethod(named, "More", decoderMore, true);
    defineMethod(named, "InputOffset", decoderInputOffset, true);
    defineMethod(named, "Buffered", decoderBuffered, true);
    defineMethod(named, "UseNumber", decoderUseNumber, true);
    defineMethod(named, "DisallowUnknownFields", decoderDisallowUnknownFields, true);
    return named;
  }();
  return t;
}

int newEncoder(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* e = vm::newStruct(encoderType());
  e->fields()[kEncW] = arg(args, nargs, 0);
  e->fields()[kEncEscapeHTML] = vm::kTrue;
  out[0] = Value::ref(e);
  return 1;
}

int newDecoder(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* d = vm::newStruct(decoderType());
  d->fields()[kDecR] = arg(args, nargs, 0);
  static_assert(kDecNumFields == 11, "the Decoder's fields");
  out[0] = Value::ref(d);
  return 1;
}

}  // namespace gsl::stdlib::json
