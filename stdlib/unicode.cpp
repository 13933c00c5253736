// stdlib/unicode.cpp: package unicode: the character classes and case
// mappings (over the tables of unicode_props.cpp, Unicode 15.0.0) and the
// package's constants. Range tables (unicode.Latin, unicode.Is, unicode.In)
// are not provided.
#include "stdlib/native_support.h"
#include "stdlib/unicode_props.h"
#include "vm/object.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

Value rune(int64_t r) { return vm::makeIntOfType(vm::types::int32Type(), r); }

int32_t argRune(const Value* args, int nargs, int i) {
  return static_cast<int32_t>(argInt(args, nargs, i));
}

template <bool (*F)(int32_t)>
int predicate(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(F(argRune(args, nargs, 0)));
  return 1;
}

template <int32_t (*F)(int32_t)>
int mapping(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = rune(F(argRune(args, nargs, 0)));
  return 1;
}

// unicode.To(_case, r): UpperCase 0, LowerCase 1, TitleCase 2; any other
// case maps to unicode.ReplacementChar, as Go's does.
int nativeTo(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t c = argInt(args, nargs, 0);
  int32_t r = argRune(args, nargs, 1);
  switch (c) {
    case 0: r = unicode::toUpper(r); break;
    case 1: r = unicode::toLower(r); break;
    case 2: r = unicode::toTitle(r); break;
    default: r = 0xFFFD; break;
  }
  out[0] = rune(r);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "unicode",
      "unicode",
      {
          funcMember("IsLetter", predicate<unicode::isLetter>),
          funcMember("IsUpper", predicate<unicode::isUpper>),
          funcMember("IsLower", predicate<unicode::isLower>),
          funcMember("IsTitle", predicate<unicode::isTitle>),
          funcMember("IsMark", predicate<unicode::isMark>),
          funcMember("IsNumber", predicate<unicode::isNumber>),
          funcMember("IsDigit", predicate<unicode::isDigit>),
          funcMember("IsPunct", predicate<unicode::isPunct>),
          funcMember("IsSymbol", predicate<unicode::isSymbol>),
          funcMember("IsControl", predicate<unicode::isControl>),
          funcMember("IsSpace", predicate<unicode::isSpace>),
          funcMember("IsGraphic", predicate<unicode::isGraphic>),
          funcMember("IsPrint", predicate<unicode::isPrint>),
          funcMember("ToUpper", mapping<unicode::toUpper>),
          funcMember("ToLower", mapping<unicode::toLower>),
          funcMember("ToTitle", mapping<unicode::toTitle>),
          funcMember("SimpleFold", mapping<unicode::simpleFold>),
          funcMember("To", nativeTo),
          constMember("MaxRune", [] { return rune(0x10FFFF); }),
          constMember("ReplacementChar", [] { return rune(0xFFFD); }),
          constMember("MaxASCII", [] { return rune(0x7F); }),
          constMember("MaxLatin1", [] { return rune(0xFF); }),
          constMember("UpperCase", [] { return vm::makeInt(0); }),
          constMember("LowerCase", [] { return vm::makeInt(1); }),
          constMember("TitleCase", [] { return vm::makeInt(2); }),
          constMember("MaxCase", [] { return vm::makeInt(3); }),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
