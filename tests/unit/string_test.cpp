// Unit tests for vm/string.h: UTF-8 with Go's rules (expected values are
// those of Go's unicode/utf8), concatenation, indexing and slicing errors.
#include <doctest/doctest.h>

#include <string>

#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/string.h"

using namespace gsl::vm;

namespace {

const bool kHeapReady = (heapInit(), true);

std::string panicText(auto f) {
  try {
    f();
  } catch (const GoPanic& p) {
    return runtimeErrorMessage(p.value());
  }
  return "<no panic>";
}

}  // namespace

TEST_SUITE("string") {

TEST_CASE("decodeRune decodes valid sequences of every length") {
  std::string s = "a\u00e9\u4e16\U0001F600";
  DecodedRune r = decodeRune(s, 0);
  CHECK(r.rune == 'a');
  CHECK(r.size == 1);
  r = decodeRune(s, 1);
  CHECK(r.rune == 0xE9);
  CHECK(r.size == 2);
  r = decodeRune(s, 3);
  CHECK(r.rune == 0x4E16);
  CHECK(r.size == 3);
  r = decodeRune(s, 6);
  CHECK(r.rune == 0x1F600);
  CHECK(r.size == 4);
  r = decodeRune(s, 10);
  CHECK(r.rune == kRuneError);
  CHECK(r.size == 0);
}

TEST_CASE("decodeRune gives RuneError of width 1 for every invalid form") {
  const char* bad[] = {
      "\x80",              // lone continuation byte
      "\xC0\x80",          // overlong NUL
      "\xC1\xBF",          // overlong
      "\xE0\x80\x80",      // overlong 3-byte
      "\xED\xA0\x80",      // surrogate U+D800
      "\xF4\x90\x80\x80",  // past U+10FFFF
      "\xF5\x80\x80\x80",  // invalid start byte
      "\xE4\xB8",          // truncated
      "\xF0\x9F\x98",      // truncated 4-byte
      "\xC3",              // truncated 2-byte
      "\xFF",
  };
  for (const char* b : bad) {
    DecodedRune r = decodeRune(b, 0);
    INFO("input " << b);
    CHECK(r.rune == kRuneError);
    CHECK(r.size == 1);
  }
  // U+FFFD itself is valid, width 3.
  DecodedRune ok = decodeRune("\xEF\xBF\xBD", 0);
  CHECK(ok.rune == kRuneError);
  CHECK(ok.size == 3);
}

TEST_CASE("decodeLastRune finds the final rune or an error byte") {
  DecodedRune r = decodeLastRune("ab\u4e16");
  CHECK(r.rune == 0x4E16);
  CHECK(r.size == 3);
  r = decodeLastRune("ab\xE4\xB8");
  CHECK(r.rune == kRuneError);
  CHECK(r.size == 1);
  r = decodeLastRune("");
  CHECK(r.size == 0);
}

TEST_CASE("runeCount counts each invalid byte as one rune") {
  CHECK(runeCount("") == 0);
  CHECK(runeCount("hello") == 5);
  CHECK(runeCount("h\u00e9llo, \u4e16\u754c") == 9);
  CHECK(runeCount("\xFF\xFE") == 2);
  CHECK(runeCount("a\xE4\xB8") == 3);  // a truncated sequence decodes byte by byte
}

TEST_CASE("appendRune encodes, replacing invalid runes with U+FFFD") {
  std::string out;
  appendRune(out, 'A');
  appendRune(out, 0xE9);
  appendRune(out, 0x1F600);
  CHECK(out == "A\u00e9\U0001F600");
  std::string bad;
  appendRune(bad, -1);
  appendRune(bad, 0xD800);
  appendRune(bad, 0x110000);
  CHECK(bad == "\uFFFD\uFFFD\uFFFD");
  CHECK(runeLength('a') == 1);
  CHECK(runeLength(0x4E16) == 3);
  CHECK(runeLength(0xD800) == -1);
  CHECK(validUtf8("h\u00e9"));
  CHECK_FALSE(validUtf8("\xC0\x80"));
}

TEST_CASE("concatenation keeps a named string type") {
  Value a = makeString("foo");
  Value b = makeString("bar");
  CHECK(stringView(stringConcat(a, b)) == "foobar");
  Type* named = newNamed("main", "main", "Path", types::stringType());
  Value p = makeStringOfType(named, "/usr");
  Value r = stringConcat(p, makeString("/bin"));
  CHECK(stringView(r) == "/usr/bin");
  CHECK(typeOf(r) == named);
  CHECK(typeOf(stringConcat(makeString("x"), p)) == named);
  CHECK(stringConcat(a, makeString("")).sameBits(a));
  Value parts[3] = {a, b, a};
  CHECK(stringView(stringConcatN(types::stringType(), parts, 3)) == "foobarfoo");
}

TEST_CASE("compareStrings orders bytewise") {
  CHECK(compareStrings("a", "b") < 0);
  CHECK(compareStrings("ab", "a") > 0);
  CHECK(compareStrings("", "") == 0);
  CHECK(compareStrings("\xFF", "a") > 0);
}

TEST_CASE("indexing gives bytes and panics with Go's message") {
  Value s = makeString("h\u00e9");
  Value b = stringIndex(s, 1);
  CHECK(typeOf(b) == types::uint8Type());
  CHECK(toInt64(b) == 0xC3);
  CHECK(panicText([&] { stringIndex(s, 3); }) == "runtime error: index out of range [3] with length 3");
  CHECK(panicText([&] { stringIndex(s, -1); }) == "runtime error: index out of range [-1]");
}

TEST_CASE("slicing checks bounds with Go's messages") {
  Value s = makeString("hello");
  CHECK(stringView(stringSlice(s, 1, 3)) == "el");
  CHECK(stringView(stringSlice(s, 5, 5)).empty());
  CHECK(panicText([&] { stringSlice(s, 0, 6); }) ==
        "runtime error: slice bounds out of range [:6] with length 5");
  CHECK(panicText([&] { stringSlice(s, 3, 2); }) == "runtime error: slice bounds out of range [3:2]");
  CHECK(panicText([&] { stringSlice(s, -1, 2); }) == "runtime error: slice bounds out of range [-1:]");
}

}  // TEST_SUITE
