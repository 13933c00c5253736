// Unit tests for the syntax side of encoding/json: the scanner's errors and
// offsets, Compact and Indent, struct tags, key folding and number syntax.
#include <doctest/doctest.h>

#include <string>

#include "stdlib/json_fields.h"
#include "stdlib/json_scanner.h"
#include "stdlib/json_text.h"
#include "stdlib/json_types.h"

namespace json = gsl::stdlib::json;

namespace {

std::string syntaxError(std::string_view data) {
  json::SyntaxErrorInfo e;
  if (json::checkValid(data, &e)) return "ok";
  return e.msg + " @" + std::to_string(e.offset);
}

}  // namespace

TEST_SUITE("json") {
  TEST_CASE("valid documents scan without error") {
    CHECK(syntaxError("{}") == "ok");
    CHECK(syntaxError(" [1, -2.5e+3, \"x\\u00e9\", true, false, null, {\"a\": []}] ") == "ok");
    CHECK(syntaxError("0") == "ok");
    CHECK(syntaxError("-0.0E-0") == "ok");
  }

  TEST_CASE("syntax errors carry Go's message and offset") {
    CHECK(syntaxError("") == "unexpected end of JSON input @0");
    CHECK(syntaxError("[1,2") == "unexpected end of JSON input @4");
    CHECK(syntaxError("tru") == "invalid character ' ' in literal true (expecting 'e') @3");
    CHECK(syntaxError("{\"a\"}") == "invalid character '}' after object key @5");
    CHECK(syntaxError("[1 2]") == "invalid character '2' after array element @4");
    CHECK(syntaxError("01") == "invalid character '1' after top-level value @2");
    CHECK(syntaxError("1.") == "invalid character ' ' after decimal point in numeric literal @2");
    CHECK(syntaxError("\"\\x\"") == "invalid character 'x' in string escape code @3");
    CHECK(syntaxError("\"\\u12g4\"") == "invalid character 'g' in \\u hexadecimal character escape @6");
    CHECK(syntaxError("{\"a\":1,}") == "invalid character '}' looking for beginning of object key string @8");
  }

  TEST_CASE("bytes in errors are quoted as Go quotes them") {
    CHECK(json::quoteChar('x') == "'x'");
    CHECK(json::quoteChar('\'') == "'\\''");
    CHECK(json::quoteChar('"') == "'\"'");
    CHECK(json::quoteChar(1) == "'\\x01'");
    CHECK(json::quoteChar(0xff) == "'ÿ'");
    CHECK(json::quoteChar(0x80) == "'\\u0080'");
  }

  TEST_CASE("nesting deeper than 10000 levels is an error") {
    std::string deep(10001, '[');
    CHECK(syntaxError(deep) == "invalid character '[' exceeded max depth @10001");
  }

  TEST_CASE("compact removes white space and can escape HTML") {
    std::string out;
    json::SyntaxErrorInfo e;
    REQUIRE(json::compact(out, " { \"a\" : [ 1 , \"<b>\" ] } ", false, &e));
    CHECK(out == "{\"a\":[1,\"<b>\"]}");
    out.clear();
    REQUIRE(json::compact(out, "\"<&>\"", true, &e));
    CHECK(out == "\"\\u003c\\u0026\\u003e\"");
    out = "keep";
    CHECK_FALSE(json::compact(out, "[1,", false, &e));
    CHECK(out == "keep");
  }

  TEST_CASE("indent keeps empty containers on one line") {
    std::string out;
    json::SyntaxErrorInfo e;
    REQUIRE(json::indent(out, "{\"a\":[],\"b\":{},\"c\":[1,{\"d\":2}]}", ">", "  ", &e));
    CHECK(out == "{\n>  \"a\": [],\n>  \"b\": {},\n>  \"c\": [\n>    1,\n>    {\n>      \"d\": 2\n>    }\n>  ]\n>}");
  }

  TEST_CASE("struct tags are looked up as reflect.StructTag does") {
    std::string v;
    CHECK(json::lookupTag("json:\"name,omitempty\" xml:\"x\"", "json", &v));
    CHECK(v == "name,omitempty");
    CHECK(json::lookupTag("xml:\"x\" json:\"-\"", "json", &v));
    CHECK(v == "-");
    CHECK_FALSE(json::lookupTag("xml:\"x\"", "json", &v));
    CHECK_FALSE(json::lookupTag("json:name", "json", &v));
  }

  TEST_CASE("keys match field names under Unicode case folding") {
    CHECK(json::equalFold("Name", "nAME"));
    CHECK(json::equalFold("Kelvin", "\u212Aelvin"));
    CHECK_FALSE(json::equalFold("Name", "Names"));
    CHECK_FALSE(json::equalFold("a", "b"));
  }

  TEST_CASE("number literals follow the JSON grammar") {
    CHECK(json::isValidNumber("0"));
    CHECK(json::isValidNumber("-12.5e+3"));
    CHECK_FALSE(json::isValidNumber("01"));
    CHECK_FALSE(json::isValidNumber("1."));
    CHECK_FALSE(json::isValidNumber("+1"));
    CHECK_FALSE(json::isValidNumber("1e"));
    CHECK_FALSE(json::isValidNumber(""));
  }

  TEST_CASE("strings are escaped as Go's encoder escapes them") {
    std::string out;
    json::appendString(out, "a\"b\\c\n\t\x01<&>\xff\u2028", true);
    CHECK(out == "\"a\\\"b\\\\c\\n\\t\\u0001\\u003c\\u0026\\u003e\\ufffd\\u2028\"");
    out.clear();
    json::appendString(out, "<&>\x7f", false);
    CHECK(out == "\"<&>\x7f\"");
  }

  TEST_CASE("string literals unquote with surrogates joined and bad ones replaced") {
    CHECK(json::unquoteJSON("\"a\\u00e9\\/\"") == std::optional<std::string>("a\u00e9/"));
    CHECK(json::unquoteJSON("\"\\ud83d\\ude00\"") == std::optional<std::string>("\U0001F600"));
    CHECK(json::unquoteJSON("\"\\ud800x\"") == std::optional<std::string>("\uFFFDx"));
    CHECK(json::unquoteJSON("\"a\xff" "b\"") == std::optional<std::string>("a\uFFFDb"));
    CHECK_FALSE(json::unquoteJSON("abc").has_value());
    std::string buf;
    auto plain = json::unquoteView("\"plain\"", &buf);
    REQUIRE(plain.has_value());
    CHECK(*plain == "plain");
    CHECK(buf.empty());
  }

  TEST_CASE("base64 round-trips and reports Go's error offsets") {
    std::string enc;
    json::appendBase64(enc, "hello, world");
    CHECK(enc == "aGVsbG8sIHdvcmxk");
    enc.clear();
    json::appendBase64(enc, std::string("\xde\xad\xbe\xef", 4));
    CHECK(enc == "3q2+7w==");
    std::string dec;
    CHECK(json::decodeBase64("3q2+7w==", &dec) == -1);
    CHECK(dec == std::string("\xde\xad\xbe\xef", 4));
    dec.clear();
    CHECK(json::decodeBase64("AQI", &dec) == 0);
    dec.clear();
    CHECK(json::decodeBase64("!!", &dec) == 0);
    dec.clear();
    CHECK(json::decodeBase64("AQID!", &dec) == 4);
    dec.clear();
    CHECK(json::decodeBase64("AQ==x", &dec) == 4);
  }
}
