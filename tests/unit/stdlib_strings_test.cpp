// Unit tests for package strings (stdlib/strings.cpp, strings_types.cpp),
// called as natives on VM values. Expected results are Go 1.19's, printed
// with %q (several results separated by spaces); the generator program
// wrote one CHECK per call.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/unit/stdlib_test_support.h"

using namespace gsl::vm;
using gsl::stdlib::testing::call;
using gsl::stdlib::testing::callMethod;
using gsl::stdlib::testing::quoted;
using gsl::stdlib::testing::str;

namespace {

template <size_t N>
Value S(const char (&lit)[N]) {
  return makeString(std::string_view(lit, N - 1));
}
Value I(int64_t i) { return makeInt(i); }
Value R(int64_t r) { return makeIntOfType(types::int32Type(), r); }
Value B(int64_t b) { return makeIntOfType(types::uint8Type(), b); }
Value Strs(std::vector<std::string_view> parts) {
  std::vector<Value> vals;
  for (std::string_view p : parts) vals.push_back(makeString(p));
  return gsl::stdlib::testing::sliceOfValues(types::stringType(), vals);
}

// Calls strings.fn and renders its results as Go's %q does.
std::string run(std::string_view fn, std::vector<Value> args) {
  std::vector<Value> results = call("strings", fn, args);
  std::string out;
  for (size_t i = 0; i < results.size(); i++) {
    if (i > 0) out += ' ';
    Value r = results[i];
    if (kindOf(r) == Kind::Bool) {
      out += toBool(r) ? "%!q(bool=true)" : "%!q(bool=false)";
    } else {
      out += quoted(r);
    }
  }
  return out;
}

}  // namespace

TEST_SUITE("stdlib.strings") {
TEST_CASE("functions match Go on ordinary, empty and invalid UTF-8 input") {
  CHECK(run("Contains", {S("seafood"), S("foo")}) == "%!q(bool=true)");
  CHECK(run("Contains", {S(""), S("")}) == "%!q(bool=true)");
  CHECK(run("ContainsRune", {S("a\377b"), R(65533)}) == "%!q(bool=true)");
  CHECK(run("ContainsAny", {S("failure"), S("ui")}) == "%!q(bool=true)");
  CHECK(run("Index", {S("chicken"), S("ken")}) == "'\\x04'");
  CHECK(run("Index", {S("chicken"), S("")}) == "'\\x00'");
  CHECK(run("LastIndex", {S("go gopher"), S("go")}) == "'\\x03'");
  CHECK(run("IndexByte", {S("golang"), B(108)}) == "'\\x02'");
  CHECK(run("IndexRune", {S("chicken"), R(107)}) == "'\\x04'");
  CHECK(run("IndexRune", {S("a\377b"), R(65533)}) == "'\\x01'");
  CHECK(run("IndexRune", {S("abc"), R(55296)}) == "'\357\277\275'");
  CHECK(run("IndexAny", {S("golang"), S("xyzn")}) == "'\\x04'");
  CHECK(run("LastIndexAny", {S("go gopher"), S("ordent")}) == "'\\b'");
  CHECK(run("Split", {S("a,b,c"), S(",")}) == "[\"a\" \"b\" \"c\"]");
  CHECK(run("Split", {S("a man a plan a canal panama"), S("a ")}) == "[\"\" \"man \" \"plan \" \"canal panama\"]");
  CHECK(run("Split", {S(" xyz "), S("")}) == "[\" \" \"x\" \"y\" \"z\" \" \"]");
  CHECK(run("Split", {S(""), S("Bernardo O'Higgins")}) == "[\"\"]");
  CHECK(run("Split", {S("a\377b"), S("")}) == "[\"a\" \"\357\277\275\" \"b\"]");
  CHECK(run("SplitN", {S("a,b,c,d"), S(","), I(2)}) == "[\"a\" \"b,c,d\"]");
  CHECK(run("SplitN", {S("a,b,c,d"), S(","), I(-1)}) == "[\"a\" \"b\" \"c\" \"d\"]");
  CHECK(run("SplitN", {S("abc"), S(""), I(2)}) == "[\"a\" \"bc\"]");
  CHECK(run("SplitAfter", {S("a,b,c"), S(",")}) == "[\"a,\" \"b,\" \"c\"]");
  CHECK(run("SplitAfterN", {S("a,b,c"), S(","), I(2)}) == "[\"a,\" \"b,c\"]");
  CHECK(run("Fields", {S("  foo bar  baz   ")}) == "[\"foo\" \"bar\" \"baz\"]");
  CHECK(run("Fields", {S("\342\200\203a\302\240b\205c")}) == "[\"a\" \"b\\x85c\"]");
  CHECK(run("Fields", {S("")}) == "[]");
  CHECK(run("Join", {Strs({"foo", "bar", "baz"}), S(", ")}) == "\"foo, bar, baz\"");
  CHECK(run("Repeat", {S("na"), I(2)}) == "\"nana\"");
  CHECK(run("Replace", {S("oink oink oink"), S("k"), S("ky"), I(2)}) == "\"oinky oinky oink\"");
  CHECK(run("Replace", {S("oink oink oink"), S("oink"), S("moo"), I(-1)}) == "\"moo moo moo\"");
  CHECK(run("Replace", {S("\346\227\245\346\234\254"), S(""), S("-"), I(-1)}) == "\"-\346\227\245-\346\234\254-\"");
  CHECK(run("ReplaceAll", {S("aaa"), S("aa"), S("b")}) == "\"ba\"");
  CHECK(run("ToUpper", {S("Gopher \303\237 \307\263 \357\254\200 \377")}) == "\"GOPHER \303\237 \307\261 \357\254\200 \357\277\275\"");
  CHECK(run("ToLower", {S("GOPHER \304\260 \316\243 \307\261")}) == "\"gopher i \317\203 \307\263\"");
  CHECK(run("TrimSpace", {S(" \011\012 Hello, Gophers \012\011\015\012\343\200\200")}) == "\"Hello, Gophers\"");
  CHECK(run("Trim", {S("\302\241\302\241\302\241Hello, Gophers!!!"), S("!\302\241")}) == "\"Hello, Gophers\"");
  CHECK(run("TrimLeft", {S("\302\241\302\241\302\241Hello, Gophers!!!"), S("!\302\241")}) == "\"Hello, Gophers!!!\"");
  CHECK(run("TrimRight", {S("\302\241\302\241\302\241Hello, Gophers!!!"), S("!\302\241")}) == "\"\302\241\302\241\302\241Hello, Gophers\"");
  CHECK(run("Trim", {S("\377x\377"), S("\376")}) == "\"x\"");
  CHECK(run("TrimPrefix", {S("\302\241\302\241\302\241Hello"), S("\302\241\302\241\302\241")}) == "\"Hello\"");
  CHECK(run("TrimSuffix", {S("Hello, Gophers!!!"), S("!!!")}) == "\"Hello, Gophers\"");
  CHECK(run("Count", {S("cheese"), S("e")}) == "'\\x03'");
  CHECK(run("Count", {S("five"), S("")}) == "'\\x05'");
  CHECK(run("EqualFold", {S("Gopher"), S("GOPHER")}) == "%!q(bool=true)");
  CHECK(run("EqualFold", {S("\307\206"), S("\307\205")}) == "%!q(bool=true)");
  CHECK(run("EqualFold", {S("\303\237"), S("\341\272\236")}) == "%!q(bool=true)");
  CHECK(run("EqualFold", {S("a\377"), S("A\376")}) == "%!q(bool=true)");
  CHECK(run("EqualFold", {S("abc"), S("ab")}) == "%!q(bool=false)");
  CHECK(run("Compare", {S("a"), S("b")}) == "'\357\277\275'");
  CHECK(run("Cut", {S("k=v=w"), S("=")}) == "\"k\" \"v=w\" %!q(bool=true)");
  CHECK(run("Cut", {S("kv"), S("=")}) == "\"kv\" \"\" %!q(bool=false)");
  CHECK(run("ToValidUTF8", {S("a\377\376b\300"), S("\357\277\275")}) == "\"a\357\277\275b\357\277\275\"");
}

TEST_CASE("a Replacer applies the first matching pair at each position") {
  Value r = call("strings", "NewReplacer", {S("a"), S("1"), S("aa"), S("2"), S("b"), S("")})[0];
  CHECK(str(callMethod(r, "Replace", {S("aaab")})) == "111");
  Value e = call("strings", "NewReplacer", {S(""), S("X")})[0];
  CHECK(str(callMethod(e, "Replace", {S("ab")})) == "XaXbX");
  Value p = call("strings", "NewReplacer", {S("abc"), S("x"), S("ab"), S("y")})[0];
  CHECK(str(callMethod(p, "Replace", {S("abcab")})) == "xy");
}

TEST_CASE("a Builder accumulates bytes, runes and strings") {
  Value b = Value::ref(newStruct(gsl::stdlib::testing::findMember("strings", "Builder")->type()));
  callMethod(b, "WriteString", {S("hi ")});
  callMethod(b, "WriteByte", {B('x')});
  callMethod(b, "WriteRune", {R(0x4E16)});
  CHECK(str(callMethod(b, "String", {})) == "hi x\xe4\xb8\x96");
  CHECK(toInt64(callMethod(b, "Len", {})) == 7);
  callMethod(b, "Reset", {});
  CHECK(str(callMethod(b, "String", {})).empty());
}
}
