// stdlib/unicode_utf8.cpp: package unicode/utf8, over utf8_codec.h.
#include <cstring>
#include <string>

#include "stdlib/native_support.h"
#include "stdlib/utf8_codec.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

Value rune(int64_t r) { return vm::makeIntOfType(vm::types::int32Type(), r); }

// Whether p starts with a complete encoding: anything that is not the
// valid beginning of a longer sequence counts, since it decodes as an
// error of width 1.
bool fullRune(std::string_view p) {
  if (p.empty()) return false;
  auto b0 = static_cast<uint8_t>(p[0]);
  size_t need;
  uint8_t lo = 0x80, hi = 0xBF;
  if (b0 < 0x80) return true;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return true;
  }
  if (p.size() >= need) return true;
  for (size_t i = 1; i < p.size(); i++) {
    auto b = static_cast<uint8_t>(p[i]);
    uint8_t l = i == 1 ? lo : 0x80, h = i == 1 ? hi : 0xBF;
    if (b < l || b > h) return true;
  }
  return false;
}

int nRuneLen(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(utf8::runeLen(argInt(args, nargs, 0)));
  return 1;
}

int nRuneCount(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(static_cast<int64_t>(utf8::runeCount(vm::bytesView(arg(args, nargs, 0)))));
  return 1;
}

int nRuneCountInString(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(static_cast<int64_t>(utf8::runeCount(argString(args, nargs, 0))));
  return 1;
}

int decoded(utf8::Decoded d, Value* out) {
  out[0] = rune(d.rune);
  out[1] = vm::makeInt(d.width);
  return 2;
}

int nDecodeRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  return decoded(utf8::decodeRune(vm::bytesView(arg(args, nargs, 0))), out);
}
int nDecodeRuneInString(vm::Thread&, const Value* args, int nargs, Value* out) {
  return decoded(utf8::decodeRune(argString(args, nargs, 0)), out);
}
int nDecodeLastRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  return decoded(utf8::decodeLastRune(vm::bytesView(arg(args, nargs, 0))), out);
}
int nDecodeLastRuneInString(vm::Thread&, const Value* args, int nargs, Value* out) {
  return decoded(utf8::decodeLastRune(argString(args, nargs, 0)), out);
}

int nEncodeRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value p = arg(args, nargs, 0);
  requireByteSlice(p);
  std::string enc;
  utf8::appendRune(enc, argInt(args, nargs, 1));
  // Go checks the last index first, so a short slice panics with it.
  vm::sliceIndex(p, static_cast<int64_t>(enc.size()) - 1);
  size_t n;
  std::memcpy(vm::byteSliceData(p, &n), enc.data(), enc.size());
  out[0] = vm::makeInt(static_cast<int64_t>(enc.size()));
  return 1;
}

int nAppendRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value p = arg(args, nargs, 0);
  std::string enc;
  utf8::appendRune(enc, argInt(args, nargs, 1));
  if (p.isNil()) {
    out[0] = makeByteSlice(enc);
    return 1;
  }
  requireByteSlice(p);
  out[0] = vm::appendBytes(p, enc);
  return 1;
}

int nValid(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(utf8::validString(vm::bytesView(arg(args, nargs, 0))));
  return 1;
}
int nValidString(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(utf8::validString(argString(args, nargs, 0)));
  return 1;
}
int nValidRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(utf8::validRune(argInt(args, nargs, 0)));
  return 1;
}
int nFullRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(fullRune(vm::bytesView(arg(args, nargs, 0))));
  return 1;
}
int nFullRuneInString(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(fullRune(argString(args, nargs, 0)));
  return 1;
}
int nRuneStart(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool((argInt(args, nargs, 0) & 0xC0) != 0x80);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "unicode/utf8",
      "utf8",
      {
          funcMember("RuneLen", nRuneLen),
          funcMember("RuneCount", nRuneCount),
          funcMember("RuneCountInString", nRuneCountInString),
          funcMember("DecodeRune", nDecodeRune),
          funcMember("DecodeRuneInString", nDecodeRuneInString),
          funcMember("DecodeLastRune", nDecodeLastRune),
          funcMember("DecodeLastRuneInString", nDecodeLastRuneInString),
          funcMember("EncodeRune", nEncodeRune),
          funcMember("AppendRune", nAppendRune),
          funcMember("Valid", nValid),
          funcMember("ValidString", nValidString),
          funcMember("ValidRune", nValidRune),
          funcMember("FullRune", nFullRune),
          funcMember("FullRuneInString", nFullRuneInString),
          funcMember("RuneStart", nRuneStart),
          constMember("RuneError", [] { return rune(0xFFFD); }),
          constMember("MaxRune", [] { return rune(0x10FFFF); }),
          constMember("RuneSelf", [] { return vm::makeInt(0x80); }),
          constMember("UTFMax", [] { return vm::makeInt(4); }),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
