// Unit tests for stdlib/quote.h. Expected strings were produced by Go 1.19's
// strconv package (C++ literals escape every non-ASCII byte in octal).
#include <doctest/doctest.h>

#include "stdlib/quote.h"

using namespace gsl::stdlib;
using namespace std::literals;

namespace {
std::string graphic(std::string_view s) {
  std::string out;
  appendQuoteToGraphic(out, s);
  return out;
}
std::string runeASCII(int64_t r) {
  std::string out;
  appendQuoteRuneToASCII(out, r);
  return out;
}
}  // namespace

TEST_SUITE("stdlib.quote") {
TEST_CASE("Quote escapes what is not printable and keeps printable Unicode") {
  CHECK(quote("") == "\"\"");
  CHECK(quote("hello") == "\"hello\"");
  CHECK(quote("a\"b") == "\"a\\\"b\"");
  CHECK(quote("back\\slash") == "\"back\\\\slash\"");
  CHECK(quote("tab\011here") == "\"tab\\there\"");
  CHECK(quote("nl\012") == "\"nl\\n\"");
  CHECK(quote("\007\010\014\015\013") == "\"\\a\\b\\f\\r\\v\"");
  CHECK(quote("\000\001\037\177"sv) == "\"\\x00\\x01\\x1f\\x7f\""sv);
  CHECK(quote("h\303\251llo") == "\"h\303\251llo\"");
  CHECK(quote("\346\227\245\346\234\254\350\252\236") == "\"\346\227\245\346\234\254\350\252\236\"");
  CHECK(quote("\377") == "\"\\xff\"");
  CHECK(quote("a\303") == "\"a\\xc3\"");
  CHECK(quote("\302\240") == "\"\\u00a0\"");
  CHECK(quote("\342\200\250") == "\"\\u2028\"");
  CHECK(quote("\360\237\230\200") == "\"\360\237\230\200\"");
  CHECK(quote("\357\273\277") == "\"\\ufeff\"");
  CHECK(quote("\342\200\213") == "\"\\u200b\"");
  CHECK(quote("'") == "\"'\"");
  CHECK(quote("`") == "\"`\"");
  CHECK(quote("\315\270") == "\"\\u0378\"");
  CHECK(quote("\363\240\200\201") == "\"\\U000e0001\"");
  CHECK(quote("\355\240\200") == "\"\\xed\\xa0\\x80\"");
  CHECK(quote("\357\277\275") == "\"\357\277\275\"");
}

TEST_CASE("QuoteToASCII escapes everything outside printable ASCII") {
  CHECK(quoteToASCII("") == "\"\"");
  CHECK(quoteToASCII("hello") == "\"hello\"");
  CHECK(quoteToASCII("a\"b") == "\"a\\\"b\"");
  CHECK(quoteToASCII("back\\slash") == "\"back\\\\slash\"");
  CHECK(quoteToASCII("tab\011here") == "\"tab\\there\"");
  CHECK(quoteToASCII("nl\012") == "\"nl\\n\"");
  CHECK(quoteToASCII("\007\010\014\015\013") == "\"\\a\\b\\f\\r\\v\"");
  CHECK(quoteToASCII("\000\001\037\177"sv) == "\"\\x00\\x01\\x1f\\x7f\""sv);
  CHECK(quoteToASCII("h\303\251llo") == "\"h\\u00e9llo\"");
  CHECK(quoteToASCII("\346\227\245\346\234\254\350\252\236") == "\"\\u65e5\\u672c\\u8a9e\"");
  CHECK(quoteToASCII("\377") == "\"\\xff\"");
  CHECK(quoteToASCII("a\303") == "\"a\\xc3\"");
  CHECK(quoteToASCII("\302\240") == "\"\\u00a0\"");
  CHECK(quoteToASCII("\342\200\250") == "\"\\u2028\"");
  CHECK(quoteToASCII("\360\237\230\200") == "\"\\U0001f600\"");
  CHECK(quoteToASCII("\357\273\277") == "\"\\ufeff\"");
  CHECK(quoteToASCII("\342\200\213") == "\"\\u200b\"");
  CHECK(quoteToASCII("'") == "\"'\"");
  CHECK(quoteToASCII("`") == "\"`\"");
  CHECK(quoteToASCII("\315\270") == "\"\\u0378\"");
  CHECK(quoteToASCII("\363\240\200\201") == "\"\\U000e0001\"");
  CHECK(quoteToASCII("\355\240\200") == "\"\\xed\\xa0\\x80\"");
  CHECK(quoteToASCII("\357\277\275") == "\"\\ufffd\"");
}

TEST_CASE("QuoteToGraphic keeps Unicode space separators") {
  CHECK(graphic("") == "\"\"");
  CHECK(graphic("hello") == "\"hello\"");
  CHECK(graphic("a\"b") == "\"a\\\"b\"");
  CHECK(graphic("back\\slash") == "\"back\\\\slash\"");
  CHECK(graphic("tab\011here") == "\"tab\\there\"");
  CHECK(graphic("nl\012") == "\"nl\\n\"");
  CHECK(graphic("\007\010\014\015\013") == "\"\\a\\b\\f\\r\\v\"");
  CHECK(graphic("\000\001\037\177"sv) == "\"\\x00\\x01\\x1f\\x7f\""sv);
  CHECK(graphic("h\303\251llo") == "\"h\303\251llo\"");
  CHECK(graphic("\346\227\245\346\234\254\350\252\236") == "\"\346\227\245\346\234\254\350\252\236\"");
  CHECK(graphic("\377") == "\"\\xff\"");
  CHECK(graphic("a\303") == "\"a\\xc3\"");
  CHECK(graphic("\302\240") == "\"\302\240\"");
  CHECK(graphic("\342\200\250") == "\"\\u2028\"");
  CHECK(graphic("\360\237\230\200") == "\"\360\237\230\200\"");
  CHECK(graphic("\357\273\277") == "\"\\ufeff\"");
  CHECK(graphic("\342\200\213") == "\"\\u200b\"");
  CHECK(graphic("'") == "\"'\"");
  CHECK(graphic("`") == "\"`\"");
  CHECK(graphic("\315\270") == "\"\\u0378\"");
  CHECK(graphic("\363\240\200\201") == "\"\\U000e0001\"");
  CHECK(graphic("\355\240\200") == "\"\\xed\\xa0\\x80\"");
  CHECK(graphic("\357\277\275") == "\"\357\277\275\"");
}

TEST_CASE("CanBackquote rejects control characters, backquotes, BOM and invalid UTF-8") {
  CHECK(canBackquote("") == true);
  CHECK(canBackquote("hello") == true);
  CHECK(canBackquote("a\"b") == true);
  CHECK(canBackquote("back\\slash") == true);
  CHECK(canBackquote("tab\011here") == true);
  CHECK(canBackquote("nl\012") == false);
  CHECK(canBackquote("\007\010\014\015\013") == false);
  CHECK(canBackquote("\000\001\037\177"sv) == false);
  CHECK(canBackquote("h\303\251llo") == true);
  CHECK(canBackquote("\346\227\245\346\234\254\350\252\236") == true);
  CHECK(canBackquote("\377") == false);
  CHECK(canBackquote("a\303") == false);
  CHECK(canBackquote("\302\240") == true);
  CHECK(canBackquote("\342\200\250") == true);
  CHECK(canBackquote("\360\237\230\200") == true);
  CHECK(canBackquote("\357\273\277") == false);
  CHECK(canBackquote("\342\200\213") == true);
  CHECK(canBackquote("'") == true);
  CHECK(canBackquote("`") == false);
  CHECK(canBackquote("\315\270") == true);
  CHECK(canBackquote("\363\240\200\201") == true);
  CHECK(canBackquote("\355\240\200") == false);
  CHECK(canBackquote("\357\277\275") == true);
}

TEST_CASE("QuoteRune quotes a rune and replaces invalid runes with U+FFFD") {
  CHECK(quoteRune(97) == "'a'");
  CHECK(quoteRune(39) == "'\\''");
  CHECK(quoteRune(34) == "'\"'");
  CHECK(quoteRune(92) == "'\\\\'");
  CHECK(quoteRune(10) == "'\\n'");
  CHECK(quoteRune(0) == "'\\x00'");
  CHECK(quoteRune(127) == "'\\x7f'");
  CHECK(quoteRune(233) == "'\303\251'");
  CHECK(quoteRune(26085) == "'\346\227\245'");
  CHECK(quoteRune(128512) == "'\360\237\230\200'");
  CHECK(quoteRune(55296) == "'\357\277\275'");
  CHECK(quoteRune(1114112) == "'\357\277\275'");
  CHECK(quoteRune(-1) == "'\357\277\275'");
  CHECK(quoteRune(160) == "'\\u00a0'");
  CHECK(quoteRune(8232) == "'\\u2028'");
  CHECK(quoteRune(65533) == "'\357\277\275'");
}

TEST_CASE("QuoteRuneToASCII escapes non-ASCII runes") {
  CHECK(runeASCII(97) == "'a'");
  CHECK(runeASCII(39) == "'\\''");
  CHECK(runeASCII(34) == "'\"'");
  CHECK(runeASCII(92) == "'\\\\'");
  CHECK(runeASCII(10) == "'\\n'");
  CHECK(runeASCII(0) == "'\\x00'");
  CHECK(runeASCII(127) == "'\\x7f'");
  CHECK(runeASCII(233) == "'\\u00e9'");
  CHECK(runeASCII(26085) == "'\\u65e5'");
  CHECK(runeASCII(128512) == "'\\U0001f600'");
  CHECK(runeASCII(55296) == "'\\ufffd'");
  CHECK(runeASCII(1114112) == "'\\ufffd'");
  CHECK(runeASCII(-1) == "'\\ufffd'");
  CHECK(runeASCII(160) == "'\\u00a0'");
  CHECK(runeASCII(8232) == "'\\u2028'");
  CHECK(runeASCII(65533) == "'\\ufffd'");
}

TEST_CASE("Unquote accepts Go literals and rejects malformed ones") {
  CHECK(unquote("\"hello\"").value() == "hello");
  CHECK(unquote("\"a\\nb\"").value() == "a\012b");
  CHECK(unquote("\"\\x41\\101\\u00e9\\U0001F600\"").value() == "AA\303\251\360\237\230\200");
  CHECK(unquote("'a'").value() == "a");
  CHECK(unquote("'\\n'").value() == "\012");
  CHECK_FALSE(unquote("'ab'").has_value());
  CHECK(unquote("''").value() == "");
  CHECK(unquote("`raw\\n`").value() == "raw\\n");
  CHECK(unquote("`a\015b`").value() == "ab");
  CHECK_FALSE(unquote("\"unterminated").has_value());
  CHECK_FALSE(unquote("\"bad\\q\"").has_value());
  CHECK_FALSE(unquote("\"\\'\"").has_value());
  CHECK_FALSE(unquote("'\\\"'").has_value());
  CHECK(unquote("'\\''").value() == "'");
  CHECK(unquote("\"\\\"\"").value() == "\"");
  CHECK_FALSE(unquote("\"a\012b\"").has_value());
  CHECK(unquote("\"\\xff\"").value() == "\377");
  CHECK(unquote("\"\377\"").value() == "\357\277\275");
  CHECK(unquote("'\377'").value() == "\357\277\275");
  CHECK_FALSE(unquote("\"\\400\"").has_value());
  CHECK_FALSE(unquote("\"\\ud800\"").has_value());
  CHECK_FALSE(unquote("\"\\U00110000\"").has_value());
  CHECK_FALSE(unquote("x").has_value());
  CHECK(unquote("\"\"").value() == "");
  CHECK_FALSE(unquote("\"a\"b\"").has_value());
  CHECK_FALSE(unquote("`a`b`").has_value());
  CHECK(unquote("'\303\251'").value() == "\303\251");
  CHECK(unquote("'\\u00e9'").value() == "\303\251");
  CHECK_FALSE(unquote("\"\\x4\"").has_value());
  CHECK(unquote("'\\x80'").value() == "\200");
}

TEST_CASE("QuotedPrefix returns the literal at the start of a string") {
  CHECK(quotedPrefix("\"abc\"def").value() == "\"abc\"");
  CHECK(quotedPrefix("`x`y").value() == "`x`");
  CHECK_FALSE(quotedPrefix("abc").has_value());
}

TEST_CASE("UnquoteChar decodes one escape and returns the rest") {
  auto c = unquoteChar("\\u00e9rest", '"');
  REQUIRE(c.has_value());
  CHECK(c->value == 0xE9);
  CHECK(c->multibyte);
  CHECK(c->tail == "rest");
  CHECK_FALSE(unquoteChar("\"", '"').has_value());
}
}
