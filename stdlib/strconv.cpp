// stdlib/strconv.cpp: package strconv. The conversions themselves are in
// parse_number.cpp, format_float.cpp and quote.cpp; this file adapts them
// to script values and builds Go's *strconv.NumError values.
#include <string>

#include "stdlib/error_values.h"
#include "stdlib/format_float.h"
#include "stdlib/native_support.h"
#include "stdlib/parse_number.h"
#include "stdlib/quote.h"
#include "stdlib/strconv_errors.h"
#include "stdlib/unicode_props.h"
#include "stdlib/utf8_codec.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// ---- *strconv.NumError --------------------------------------------------------

// Fields: Func string; Num string; Err error.
int numErrorError(vm::Thread& th, const Value* args, int, Value* out) {
  auto* e = receiverStruct(args);
  std::string msg = "strconv.";
  msg += vm::stringView(e->fields()[0]);
  msg += ": parsing ";
  appendQuote(msg, vm::stringView(e->fields()[1]));
  msg += ": ";
  Value inner = e->fields()[2];
  msg += inner.isNil() ? std::string("<nil>") : errorMessage(th, inner);
  out[0] = vm::makeString(msg);
  return 1;
}

int numErrorUnwrap(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[2];
  return 1;
}

const vm::Type* numErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("strconv", "NumError",
                                   {field("Func", vm::types::stringType()),
                                    field("Num", vm::types::stringType()),
                                    field("Err", vm::types::errorType())});
    defineMethod(named, "Error", numErrorError, true);
    defineMethod(named, "Unwrap", numErrorUnwrap, true);
    return named;
  }();
  return t;
}

// ---- Helpers --------------------------------------------------------------------

const vm::Type* int64Type() { return vm::types::int64Type(); }
const vm::Type* uint64Type() { return vm::types::uint64Type(); }

void checkBase(int64_t base) {
  if (base < 2 || base > 36) {
    vm::throwPanic(vm::makeString("strconv: illegal AppendInt/FormatInt base"));
  }
}

// Room for any uint64 in base 2 and a sign.
constexpr size_t kMaxIntDigits = 65;

// Writes u in base `base` (2..36), preceded by '-' if neg, so that it ends
// just before `end`; returns where it starts. Base 10, by far the most
// common, divides by a constant (which compiles to a multiplication).
char* formatBitsInto(char* end, uint64_t u, int base, bool neg) {
  static const char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  char* p = end;
  if (base == 10) {
    while (u >= 10) {
      *--p = static_cast<char>('0' + u % 10);
      u /= 10;
    }
    *--p = static_cast<char>('0' + u);
  } else {
    auto b = static_cast<uint64_t>(base);
    do {
      *--p = kDigits[u % b];
      u /= b;
    } while (u != 0);
  }
  if (neg) *--p = '-';
  return p;
}

std::string formatBits(uint64_t u, int base, bool neg) {
  char buf[kMaxIntDigits];
  char* end = buf + kMaxIntDigits;
  char* p = formatBitsInto(end, u, base, neg);
  return std::string(p, end);
}

std::string formatInt(int64_t i, int base) {
  bool neg = i < 0;
  uint64_t u = neg ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
  return formatBits(u, base, neg);
}

// strconv.Itoa / FormatInt's result as a string value, without a temporary
// std::string.
Value intString(int64_t i, int base) {
  bool neg = i < 0;
  uint64_t u = neg ? 0 - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
  char buf[kMaxIntDigits];
  char* end = buf + kMaxIntDigits;
  char* p = formatBitsInto(end, u, base, neg);
  return vm::makeString(std::string_view(p, static_cast<size_t>(end - p)));
}

Value errorOrNil(const NumError& e, std::string_view num) {
  return e ? makeNumError(e, num) : Value();
}

// Appends `s` to the []byte dst (which may be nil).
Value appendToBytes(Value dst, std::string_view s) {
  if (dst.isNil()) return makeByteSlice(s);
  requireByteSlice(dst);
  return vm::appendBytes(dst, s);
}

// ---- Natives: parsing -------------------------------------------------------------

int nativeAtoi(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  Parsed<int64_t> r = parseAtoi(s);
  out[0] = vm::makeInt(r.value);
  out[1] = errorOrNil(r.err, s);
  return 2;
}

int nativeParseInt(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  Parsed<int64_t> r = parseInt(s, static_cast<int>(argInt(args, nargs, 1)),
                               static_cast<int>(argInt(args, nargs, 2)));
  out[0] = vm::makeIntOfType(int64Type(), r.value);
  out[1] = errorOrNil(r.err, s);
  return 2;
}

int nativeParseUint(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  Parsed<uint64_t> r = parseUint(s, static_cast<int>(argInt(args, nargs, 1)),
                                 static_cast<int>(argInt(args, nargs, 2)));
  out[0] = vm::makeIntOfType(uint64Type(), r.value);
  out[1] = errorOrNil(r.err, s);
  return 2;
}

int nativeParseFloat(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  Parsed<double> r = parseFloat(s, static_cast<int>(argInt(args, nargs, 1)));
  out[0] = vm::makeFloat(r.value);
  out[1] = errorOrNil(r.err, s);
  return 2;
}

int nativeParseBool(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  Parsed<bool> r = parseBool(s);
  out[0] = vm::makeBool(r.value);
  out[1] = errorOrNil(r.err, s);
  return 2;
}

// ---- Natives: formatting ------------------------------------------------------------

int nativeItoa(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = intString(argInt(args, nargs, 0), 10);
  return 1;
}

int nativeFormatInt(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t base = argInt(args, nargs, 1);
  checkBase(base);
  out[0] = intString(argInt(args, nargs, 0), static_cast<int>(base));
  return 1;
}

int nativeFormatUint(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t base = argInt(args, nargs, 1);
  checkBase(base);
  uint64_t u = vm::toUint64(arg(args, nargs, 0));
  out[0] = vm::makeString(formatBits(u, static_cast<int>(base), false));
  return 1;
}

std::string floatText(const Value* args, int nargs, int first) {
  return formatFloat(argFloat(args, nargs, first),
                     static_cast<char>(argInt(args, nargs, first + 1)),
                     static_cast<int>(argInt(args, nargs, first + 2)),
                     static_cast<int>(argInt(args, nargs, first + 3)));
}

int nativeFormatFloat(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(floatText(args, nargs, 0));
  return 1;
}

int nativeFormatBool(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(argBool(args, nargs, 0) ? "true" : "false");
  return 1;
}

int nativeAppendInt(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t base = argInt(args, nargs, 2);
  checkBase(base);
  out[0] = appendToBytes(arg(args, nargs, 0),
                         formatInt(argInt(args, nargs, 1), static_cast<int>(base)));
  return 1;
}

int nativeAppendUint(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t base = argInt(args, nargs, 2);
  checkBase(base);
  out[0] = appendToBytes(arg(args, nargs, 0), formatBits(vm::toUint64(arg(args, nargs, 1)),
                                                         static_cast<int>(base), false));
  return 1;
}

int nativeAppendFloat(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = appendToBytes(arg(args, nargs, 0), floatText(args, nargs, 1));
  return 1;
}

int nativeAppendBool(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = appendToBytes(arg(args, nargs, 0), argBool(args, nargs, 1) ? "true" : "false");
  return 1;
}

// ---- Natives: quoting -------------------------------------------------------------------

template <void (*F)(std::string&, std::string_view)>
int nativeQuoteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string s;
  F(s, argString(args, nargs, 0));
  out[0] = vm::makeString(s);
  return 1;
}

template <void (*F)(std::string&, int64_t)>
int nativeQuoteRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string s;
  F(s, argInt(args, nargs, 0));
  out[0] = vm::makeString(s);
  return 1;
}

template <void (*F)(std::string&, std::string_view)>
int nativeAppendQuote(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string s;
  F(s, argString(args, nargs, 1));
  out[0] = appendToBytes(arg(args, nargs, 0), s);
  return 1;
}

template <void (*F)(std::string&, int64_t)>
int nativeAppendQuoteRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string s;
  F(s, argInt(args, nargs, 1));
  out[0] = appendToBytes(arg(args, nargs, 0), s);
  return 1;
}

int nativeUnquote(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto r = unquote(argString(args, nargs, 0));
  out[0] = vm::makeString(r ? *r : std::string());
  out[1] = r ? Value() : errSyntax();
  return 2;
}

int nativeUnquoteChar(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto r = unquoteChar(argString(args, nargs, 0), static_cast<char>(argInt(args, nargs, 1)));
  out[0] = vm::makeIntOfType(vm::types::int32Type(), static_cast<int64_t>(r ? r->value : 0));
  out[1] = vm::makeBool(r && r->multibyte);
  out[2] = vm::makeString(r ? r->tail : std::string_view());
  out[3] = r ? Value() : errSyntax();
  return 4;
}

int nativeQuotedPrefix(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto r = quotedPrefix(argString(args, nargs, 0));
  out[0] = vm::makeString(r ? *r : std::string_view());
  out[1] = r ? Value() : errSyntax();
  return 2;
}

int nativeCanBackquote(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(canBackquote(argString(args, nargs, 0)));
  return 1;
}

int nativeIsPrint(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(unicode::isPrint(static_cast<int32_t>(argInt(args, nargs, 0))));
  return 1;
}

int nativeIsGraphic(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(unicode::isGraphic(static_cast<int32_t>(argInt(args, nargs, 0))));
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "strconv",
      "strconv",
      {
          funcMember("Atoi", nativeAtoi),
          funcMember("Itoa", nativeItoa),
          funcMember("ParseInt", nativeParseInt),
          funcMember("ParseUint", nativeParseUint),
          funcMember("ParseFloat", nativeParseFloat),
          funcMember("ParseBool", nativeParseBool),
          funcMember("FormatInt", nativeFormatInt),
          funcMember("FormatUint", nativeFormatUint),
          funcMember("FormatFloat", nativeFormatFloat),
          funcMember("FormatBool", nativeFormatBool),
          funcMember("AppendInt", nativeAppendInt),
          funcMember("AppendUint", nativeAppendUint),
          funcMember("AppendFloat", nativeAppendFloat),
          funcMember("AppendBool", nativeAppendBool),
          funcMember("Quote", nativeQuoteString<appendQuote>),
          funcMember("QuoteToASCII", nativeQuoteString<appendQuoteToASCII>),
          funcMember("QuoteToGraphic", nativeQuoteString<appendQuoteToGraphic>),
          funcMember("QuoteRune", nativeQuoteRune<appendQuoteRune>),
          funcMember("QuoteRuneToASCII", nativeQuoteRune<appendQuoteRuneToASCII>),
          funcMember("QuoteRuneToGraphic", nativeQuoteRune<appendQuoteRuneToGraphic>),
          funcMember("AppendQuote", nativeAppendQuote<appendQuote>),
          funcMember("AppendQuoteToASCII", nativeAppendQuote<appendQuoteToASCII>),
          funcMember("AppendQuoteToGraphic", nativeAppendQuote<appendQuoteToGraphic>),
          funcMember("AppendQuoteRune", nativeAppendQuoteRune<appendQuoteRune>),
          funcMember("AppendQuoteRuneToASCII", nativeAppendQuoteRune<appendQuoteRuneToASCII>),
          funcMember("Unquote", nativeUnquote),
          funcMember("UnquoteChar", nativeUnquoteChar),
          funcMember("QuotedPrefix", nativeQuotedPrefix),
          funcMember("CanBackquote", nativeCanBackquote),
          funcMember("IsPrint", nativeIsPrint),
          funcMember("IsGraphic", nativeIsGraphic),
          constMember("IntSize", [] { return vm::makeInt(64); }),
          varMember("ErrSyntax", errSyntax),
          varMember("ErrRange", errRange),
          typeMember("NumError", numErrorType),
      },
  });
  return true;
}();

}  // namespace

Value errSyntax() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newError("invalid syntax");
    return s;
  }();
  return *slot;
}

Value errRange() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newError("value out of range");
    return s;
  }();
  return *slot;
}

Value makeNumError(const NumError& e, std::string_view num) {
  vm::StructObj* s = vm::newStruct(numErrorType());
  s->fields()[0] = vm::makeString(e.func);
  s->fields()[1] = vm::makeString(num);
  switch (e.kind) {
    case NumErrorKind::Syntax:
      s->fields()[2] = errSyntax();
      break;
    case NumErrorKind::Range:
      s->fields()[2] = errRange();
      break;
    default:
      s->fields()[2] = newError(e.errText());
      break;
  }
  return Value::ref(s);
}

}  // namespace gsl::stdlib
