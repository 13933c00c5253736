// Unit tests for lexer/: tokens, positions, semicolon insertion, literal
// forms and their errors (with the messages and positions Go's compiler
// gives), and the decoding of literal text.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "lexer/lexer.h"
#include "lexer/literal.h"
#include "lexer/token.h"
#include "lexer/unicode.h"

using gsl::lexer::Lexer;
using gsl::lexer::LexError;
using gsl::lexer::Pos;
using gsl::lexer::Tok;
using gsl::lexer::Token;
using namespace std::string_view_literals;

namespace {

// Every token up to (not including) Eof.
std::vector<Token> lexAll(std::string_view src) {
  Lexer lexer(src);
  std::vector<Token> out;
  for (Token t = lexer.next(); t.kind != Tok::Eof; t = lexer.next()) out.push_back(t);
  return out;
}

// A compact picture of a token stream: identifiers and literals as
// KIND(text), an explicit ';' as ";", a semicolon inserted at a newline as
// "NL;", one inserted at the end of the file as "EOF;", anything else by its
// spelling; separated by spaces.
std::string show(std::string_view src) {
  std::string out;
  for (const Token& t : lexAll(src)) {
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case Tok::Ident:
      case Tok::Int:
      case Tok::Float:
      case Tok::Imag:
      case Tok::Char:
      case Tok::String:
        out += std::string(gsl::lexer::tokenSpelling(t.kind)) + "(" + std::string(t.text) + ")";
        break;
      case Tok::Semicolon:
        out += t.text == ";" ? ";" : t.text == "\n" ? "NL;" : t.text.empty() ? "EOF;" : "?;";
        break;
      default:
        out += std::string(gsl::lexer::tokenSpelling(t.kind));
    }
  }
  return out;
}

// The errors of lexing `src` to the end, as "line:col: msg" lines.
std::string errorsOf(std::string_view src) {
  Lexer lexer(src);
  while (lexer.next().kind != Tok::Eof) {
  }
  std::string out;
  for (const LexError& e : lexer.errors()) {
    if (!out.empty()) out += '\n';
    out += std::to_string(e.pos.line) + ":" + std::to_string(e.pos.col) + ": " + e.msg;
  }
  return out;
}

// The single token `src` lexes to (ignoring the semicolon inserted at EOF).
Token only(std::string_view src) {
  std::vector<Token> toks = lexAll(src);
  REQUIRE(!toks.empty());
  return toks[0];
}

std::string posOf(const Token& t) {
  return std::to_string(t.pos.line) + ":" + std::to_string(t.pos.col) + "@" + std::to_string(t.pos.offset);
}

std::string unquoted(std::string_view lit) {
  std::string out;
  REQUIRE_MESSAGE(gsl::lexer::unquoteString(lit, &out), lit);
  return out;
}

bool unquoteFails(std::string_view lit) {
  std::string out;
  return !gsl::lexer::unquoteString(lit, &out);
}

int32_t charValue(std::string_view lit) {
  int32_t v = -1;
  REQUIRE_MESSAGE(gsl::lexer::unquoteChar(lit, &v), lit);
  return v;
}

bool charFails(std::string_view lit) {
  int32_t v;
  return !gsl::lexer::unquoteChar(lit, &v);
}

unsigned __int128 intValue(std::string_view lit) {
  unsigned __int128 v = 0;
  REQUIRE_MESSAGE(gsl::lexer::parseIntLiteral(lit, &v), lit);
  return v;
}

bool intFails(std::string_view lit) {
  unsigned __int128 v;
  return !gsl::lexer::parseIntLiteral(lit, &v);
}

double floatValue(std::string_view lit) {
  double v = -1;
  REQUIRE_MESSAGE(gsl::lexer::parseFloatLiteral(lit, &v), lit);
  return v;
}

bool floatFails(std::string_view lit) {
  double v;
  return !gsl::lexer::parseFloatLiteral(lit, &v);
}

}  // namespace

TEST_SUITE("lexer") {
  // ---- Tokens --------------------------------------------------------------

  TEST_CASE("every operator and punctuation token is recognised with its text") {
    struct Case {
      const char* src;
      Tok kind;
    };
    const Case cases[] = {
        {"+", Tok::Add},         {"-", Tok::Sub},           {"*", Tok::Mul},        {"/", Tok::Quo},
        {"%", Tok::Rem},         {"&", Tok::And},           {"|", Tok::Or},         {"^", Tok::Xor},
        {"<<", Tok::Shl},        {">>", Tok::Shr},          {"&^", Tok::AndNot},    {"+=", Tok::AddAssign},
        {"-=", Tok::SubAssign},  {"*=", Tok::MulAssign},    {"/=", Tok::QuoAssign}, {"%=", Tok::RemAssign},
        {"&=", Tok::AndAssign},  {"|=", Tok::OrAssign},     {"^=", Tok::XorAssign}, {"<<=", Tok::ShlAssign},
        {">>=", Tok::ShrAssign}, {"&^=", Tok::AndNotAssign}, {"&&", Tok::LAnd},     {"||", Tok::LOr},
        {"<-", Tok::Arrow},      {"++", Tok::Inc},          {"--", Tok::Dec},       {"==", Tok::Eql},
        {"<", Tok::Lss},         {">", Tok::Gtr},           {"=", Tok::Assign},     {"!", Tok::Not},
        {"!=", Tok::Neq},        {"<=", Tok::Leq},          {">=", Tok::Geq},       {":=", Tok::Define},
        {"...", Tok::Ellipsis},  {"~", Tok::Tilde},         {"(", Tok::LParen},     {"[", Tok::LBrack},
        {"{", Tok::LBrace},      {",", Tok::Comma},         {".", Tok::Period},     {")", Tok::RParen},
        {"]", Tok::RBrack},      {"}", Tok::RBrace},        {";", Tok::Semicolon},  {":", Tok::Colon},
    };
    for (const Case& c : cases) {
      CAPTURE(c.src);
      Lexer lexer(c.src);
      Token t = lexer.next();
      CHECK(t.kind == c.kind);
      CHECK(t.text == c.src);
      CHECK(gsl::lexer::tokenSpelling(t.kind) == c.src);
      CHECK(lexer.errors().empty());
    }
  }

  TEST_CASE("operators are scanned by longest match") {
    CHECK(show("a&^=b") == "IDENT(a) &^= IDENT(b) EOF;");
    CHECK(show("a&^b") == "IDENT(a) &^ IDENT(b) EOF;");
    CHECK(show("a&&^b") == "IDENT(a) && ^ IDENT(b) EOF;");
    CHECK(show("x<-ch") == "IDENT(x) <- IDENT(ch) EOF;");
    CHECK(show("x< -y") == "IDENT(x) < - IDENT(y) EOF;");
    CHECK(show("x<<=1") == "IDENT(x) <<= INT(1) EOF;");
    CHECK(show("x>>=1") == "IDENT(x) >>= INT(1) EOF;");
    CHECK(show("a...") == "IDENT(a) ...");
    CHECK(show("....") == "... .");
    CHECK(show("a..b") == "IDENT(a) . . IDENT(b) EOF;");
    CHECK(show("a+++b") == "IDENT(a) ++ + IDENT(b) EOF;");
    CHECK(show("a---b") == "IDENT(a) -- - IDENT(b) EOF;");
    CHECK(show("a!==b") == "IDENT(a) != = IDENT(b) EOF;");
    CHECK(show("a:==b") == "IDENT(a) := = IDENT(b) EOF;");
    CHECK(show("a||=b") == "IDENT(a) || = IDENT(b) EOF;");
  }

  TEST_CASE("keywords are recognised and words that merely contain one are identifiers") {
    const char* keywords[] = {"break",    "case",   "chan",      "const",  "continue", "default", "defer",
                              "else",     "fallthrough", "for",  "func",   "go",       "goto",    "if",
                              "import",   "interface", "map",    "package", "range",   "return",  "select",
                              "struct",   "switch", "type",      "var"};
    for (const char* kw : keywords) {
      CAPTURE(kw);
      Token t = only(kw);
      CHECK(gsl::lexer::isKeyword(t.kind));
      CHECK(gsl::lexer::tokenSpelling(t.kind) == kw);
      CHECK(t.text == kw);
    }
    for (const char* word : {"iff", "format", "go_", "breaks", "Func", "types", "_var", "sel", "structs", "ma",
                             "b", "rangefor", "defaults", "interfaces", "fallthroughs", "contin"}) {
      CAPTURE(word);
      CHECK(only(word).kind == Tok::Ident);
    }
    CHECK_FALSE(gsl::lexer::isKeyword(Tok::Ident));
    CHECK_FALSE(gsl::lexer::isKeyword(Tok::Colon));
  }

  TEST_CASE("token spellings are Go's scanner's") {
    CHECK(gsl::lexer::tokenSpelling(Tok::Illegal) == "ILLEGAL");
    CHECK(gsl::lexer::tokenSpelling(Tok::Eof) == "EOF");
    CHECK(gsl::lexer::tokenSpelling(Tok::Ident) == "IDENT");
    CHECK(gsl::lexer::tokenSpelling(Tok::Imag) == "IMAG");
    CHECK(gsl::lexer::tokenSpelling(Tok::Char) == "CHAR");
    CHECK(gsl::lexer::tokenSpelling(Tok::AndNotAssign) == "&^=");
    CHECK(gsl::lexer::tokenSpelling(Tok::Fallthrough) == "fallthrough");
  }

  TEST_CASE("the end of the file is reported again and again") {
    Lexer lexer("x");
    CHECK(lexer.next().kind == Tok::Ident);
    CHECK(lexer.next().kind == Tok::Semicolon);
    for (int i = 0; i < 3; i++) CHECK(lexer.next().kind == Tok::Eof);
    Lexer empty("");
    CHECK(empty.next().kind == Tok::Eof);
    CHECK(empty.next().kind == Tok::Eof);
  }

  // ---- Identifiers ---------------------------------------------------------

  TEST_CASE("identifiers may use Unicode letters and digits") {
    CHECK(show("π := 3") == "IDENT(π) := INT(3) EOF;");
    CHECK(show("变量 = x٣") == "IDENT(变量) = IDENT(x٣) EOF;");
    CHECK(show("_x1 αβγ Ünïcödé") == "IDENT(_x1) IDENT(αβγ) IDENT(Ünïcödé) EOF;");
    CHECK(show("_") == "IDENT(_) EOF;");
    CHECK(errorsOf("π 变量 x٣ ǅ ʰ") == "");
  }

  TEST_CASE("a non-letter character joins an identifier with an error, as in Go") {
    CHECK(show("a·b") == "IDENT(a·b) EOF;");
    CHECK(errorsOf("a·b") == "1:2: invalid character U+00B7 '·' in identifier");
    // A character that is not printable is shown by its code point alone.
    CHECK(errorsOf("x\u00a0y") == "1:2: invalid character U+00A0 in identifier");
    CHECK(errorsOf("٣x") == "1:1: identifier cannot begin with digit U+0663 '٣'");
    CHECK(errorsOf("😀") == "1:1: invalid character U+1F600 '😀' in identifier");
  }

  // ---- Integer literals ----------------------------------------------------

  TEST_CASE("integer literals in every base are one token") {
    CHECK(show("42 0 0x1F 0XaBc 0o17 0O7 0b101 0B1 0777 1_000_000 0x_1F 0b_1 0o_7 0_7") ==
          "INT(42) INT(0) INT(0x1F) INT(0XaBc) INT(0o17) INT(0O7) INT(0b101) INT(0B1) INT(0777) "
          "INT(1_000_000) INT(0x_1F) INT(0b_1) INT(0o_7) INT(0_7) EOF;");
    CHECK(errorsOf("42 0 0x1F 0XaBc 0o17 0O7 0b101 0B1 0777 1_000_000 0x_1F 0b_1 0o_7 0_7") == "");
  }

  TEST_CASE("an integer digit outside its base is reported at the digit") {
    CHECK(errorsOf("0778") == "1:4: invalid digit '8' in octal literal");
    CHECK(errorsOf("x := 0o19") == "1:9: invalid digit '9' in octal literal");
    CHECK(errorsOf("0b1012") == "1:6: invalid digit '2' in binary literal");
    CHECK(errorsOf("09") == "1:2: invalid digit '9' in octal literal");
    // The token is still an integer literal, so parsing can go on.
    CHECK(show("0778") == "INT(0778) EOF;");
  }

  TEST_CASE("a base prefix without digits is reported") {
    CHECK(errorsOf("0x") == "1:3: hexadecimal literal has no digits");
    CHECK(errorsOf("0o;") == "1:3: octal literal has no digits");
    CHECK(errorsOf("0b_") == "1:4: binary literal has no digits");
    CHECK(errorsOf("0X.p1") == "1:4: hexadecimal literal has no digits");
  }

  TEST_CASE("underscores must separate successive digits") {
    CHECK(errorsOf("1__0") == "1:3: '_' must separate successive digits");
    CHECK(errorsOf("1_") == "1:2: '_' must separate successive digits");
    CHECK(errorsOf("0x__1") == "1:4: '_' must separate successive digits");
    CHECK(errorsOf("1_.5") == "1:2: '_' must separate successive digits");
    CHECK(errorsOf("1._5") == "1:3: '_' must separate successive digits");
    CHECK(errorsOf("1e_5") == "1:3: '_' must separate successive digits");
    CHECK(errorsOf("0_") == "1:2: '_' must separate successive digits");
    CHECK(errorsOf("0x_1 1_000 0_7 0b_1_0 1_0.0_1e1_0") == "");
    // A leading underscore makes an identifier, not a number.
    CHECK(show("_1") == "IDENT(_1) EOF;");
  }

  // ---- Floating-point and imaginary literals ------------------------------

  TEST_CASE("decimal floating-point literals take every form") {
    CHECK(show("1.5 1. .5 1e10 1E+5 6.67e-11 0123.5 09.5 1_000.000_1 0.") ==
          "FLOAT(1.5) FLOAT(1.) FLOAT(.5) FLOAT(1e10) FLOAT(1E+5) FLOAT(6.67e-11) FLOAT(0123.5) FLOAT(09.5) "
          "FLOAT(1_000.000_1) FLOAT(0.) EOF;");
    CHECK(errorsOf("1.5 1. .5 1e10 1E+5 6.67e-11 0123.5 09.5 1_000.000_1 0.") == "");
  }

  TEST_CASE("hexadecimal floating-point literals need a p exponent") {
    CHECK(show("0x1p-2 0x1.8p3 0X.8P0 0x1_0p+1 0x1.") ==
          "FLOAT(0x1p-2) FLOAT(0x1.8p3) FLOAT(0X.8P0) FLOAT(0x1_0p+1) FLOAT(0x1.) EOF;");
    CHECK(errorsOf("0x1.8") == "1:6: hexadecimal mantissa requires a 'p' exponent");
    CHECK(errorsOf("x = 0x1p") == "1:9: exponent has no digits");
    CHECK(show("0x1e3") == "INT(0x1e3) EOF;");  // e is a hexadecimal digit
  }

  TEST_CASE("exponent and radix point errors name the culprit") {
    CHECK(errorsOf("1e") == "1:3: exponent has no digits");
    CHECK(errorsOf("1e+") == "1:4: exponent has no digits");
    CHECK(errorsOf("1p3") == "1:2: 'p' exponent requires hexadecimal mantissa");
    CHECK(errorsOf("0o1E3") == "1:4: 'E' exponent requires decimal mantissa");
    CHECK(errorsOf("0b1.0") == "1:4: invalid radix point in binary literal");
    CHECK(errorsOf("0o7.1") == "1:4: invalid radix point in octal literal");
  }

  TEST_CASE("imaginary literals end in i") {
    CHECK(show("1i 1.5i 0x1p-2i 0o17i 0b1i 1e3i .5i 0x10i") ==
          "IMAG(1i) IMAG(1.5i) IMAG(0x1p-2i) IMAG(0o17i) IMAG(0b1i) IMAG(1e3i) IMAG(.5i) IMAG(0x10i) EOF;");
    // An imaginary literal's all-decimal integer part is decimal, even with a
    // leading 0 (backward compatibility, per the spec).
    CHECK(show("0123i 089i") == "IMAG(0123i) IMAG(089i) EOF;");
    CHECK(errorsOf("0123i 089i 1i 0x10i") == "");
  }

  // ---- Rune literals -------------------------------------------------------

  TEST_CASE("rune literals accept every character and escape") {
    const char* src =
        R"('a' 'π' '😀' '\a' '\b' '\f' '\n' '\r' '\t' '\v' '\\' '\'' '\x41' '\101' '\377' '\u00e9' '\U0001F600' '\U0010FFFF')";
    for (const Token& t : lexAll(src)) {
      if (t.kind == Tok::Semicolon) continue;
      CAPTURE(t.text);
      CHECK(t.kind == Tok::Char);
    }
    CHECK(errorsOf(src) == "");
  }

  TEST_CASE("malformed rune literals are reported with Go's messages") {
    CHECK(errorsOf("''") == "1:2: empty rune literal or unescaped '");
    CHECK(errorsOf("x = 'ab'") == "1:5: more than one character in rune literal");
    CHECK(errorsOf("'\\\"'") == "1:3: unknown escape");  // \" is only for strings
    CHECK(errorsOf("'\\q'") == "1:3: unknown escape");
    CHECK(errorsOf("'a\n") == "1:3: newline in rune literal");
    CHECK(errorsOf("  'a") == "1:3: rune literal not terminated");
    CHECK(errorsOf("'\\400'") == "1:6: octal escape value 256 > 255");
    CHECK(errorsOf("'\\08'") == "1:4: invalid character '8' in octal escape");
    CHECK(errorsOf("'\\xZZ'") == "1:4: invalid character 'Z' in hexadecimal escape");
    CHECK(errorsOf("'\\x4'") == "1:5: invalid character '\\'' in hexadecimal escape");
    CHECK(errorsOf("'\\uD800'") == "1:8: escape is invalid Unicode code point U+D800");
    CHECK(errorsOf("'\\U00110000'") == "1:12: escape is invalid Unicode code point U+110000");
    // The token keeps its kind so the parser can go on.
    CHECK(show("'ab'") == "CHAR('ab') EOF;");
  }

  // ---- String literals -----------------------------------------------------

  TEST_CASE("interpreted strings accept every escape") {
    const char* src = R"("a\a\b\f\n\r\t\v\\\"\x41\101\u00e9\U0001F600π")";
    CHECK(show(src) == std::string("STRING(") + src + ") EOF;");
    CHECK(errorsOf(src) == "");
  }

  TEST_CASE("malformed interpreted strings are reported with Go's messages") {
    CHECK(errorsOf("\"abc\ny") == "1:5: newline in string");
    CHECK(errorsOf("x := \"abc") == "1:6: string not terminated");
    CHECK(errorsOf(R"("\'")") == "1:3: unknown escape");  // \' is only for runes
    CHECK(errorsOf(R"("\uDFFF")") == "1:8: escape is invalid Unicode code point U+DFFF");
    CHECK(errorsOf(R"("\z" "\x4g")") == "1:3: unknown escape\n1:10: invalid character 'g' in hexadecimal escape");
    // After a newline in a string, lexing resumes on the next line.
    CHECK(show("\"abc\nx") == "STRING(\"abc) NL; IDENT(x) EOF;");
  }

  TEST_CASE("raw strings may span lines and keep carriage returns in their text") {
    std::vector<Token> toks = lexAll("`a\r\nb\\n` x");
    REQUIRE(toks.size() == 3);
    CHECK(toks[0].kind == Tok::String);
    CHECK(toks[0].text == "`a\r\nb\\n`");
    CHECK(toks[1].kind == Tok::Ident);
    CHECK(posOf(toks[1]) == "2:6@9");
    CHECK(errorsOf("x = `abc\ndef") == "1:5: string not terminated");
  }

  // ---- Semicolon insertion -------------------------------------------------

  TEST_CASE("a semicolon is inserted after an identifier or literal at a line end") {
    CHECK(show("x\ny") == "IDENT(x) NL; IDENT(y) EOF;");
    CHECK(show("1\n2.5\n3i\n'c'\n\"s\"\n`r`\n") ==
          "INT(1) NL; FLOAT(2.5) NL; IMAG(3i) NL; CHAR('c') NL; STRING(\"s\") NL; STRING(`r`) NL;");
  }

  TEST_CASE("a semicolon is inserted after break continue fallthrough return") {
    CHECK(show("break\ncontinue\nfallthrough\nreturn\n") == "break NL; continue NL; fallthrough NL; return NL;");
  }

  TEST_CASE("a semicolon is inserted after ++ -- ) ] }") {
    CHECK(show("i++\ni--\nf()\na[1]\n}\n") ==
          "IDENT(i) ++ NL; IDENT(i) -- NL; IDENT(f) ( ) NL; IDENT(a) [ INT(1) ] NL; } NL;");
  }

  TEST_CASE("no semicolon is inserted after an operator, an opening bracket or another keyword") {
    CHECK(show("x +\ny") == "IDENT(x) + IDENT(y) EOF;");
    CHECK(show("if x {\n}") == "if IDENT(x) { } EOF;");
    CHECK(show("f(\n)") == "IDENT(f) ( ) EOF;");
    CHECK(show("a = [\n]") == "IDENT(a) = [ ] EOF;");
    CHECK(show("x,\ny") == "IDENT(x) , IDENT(y) EOF;");
    CHECK(show("func\ngo\nvar\n") == "func go var");
    CHECK(show("x.\ny") == "IDENT(x) . IDENT(y) EOF;");
  }

  TEST_CASE("a semicolon is inserted at the end of the file") {
    std::vector<Token> toks = lexAll("x");
    REQUIRE(toks.size() == 2);
    CHECK(toks[1].kind == Tok::Semicolon);
    CHECK(toks[1].text == "");
    CHECK(posOf(toks[1]) == "1:2@1");
    CHECK(show("}") == "} EOF;");
    CHECK(show("x +") == "IDENT(x) +");
  }

  TEST_CASE("an inserted semicolon sits at the newline and its text is a newline") {
    std::vector<Token> toks = lexAll("ab  \nc");
    REQUIRE(toks.size() == 4);
    CHECK(toks[1].kind == Tok::Semicolon);
    CHECK(toks[1].text == "\n");
    CHECK(posOf(toks[1]) == "1:5@4");
    CHECK(posOf(toks[2]) == "2:1@5");
  }

  TEST_CASE("blank lines and lines ending in a comment insert at most one semicolon") {
    CHECK(show("x\n\n\ny") == "IDENT(x) NL; IDENT(y) EOF;");
    std::vector<Token> toks = lexAll("x // note\ny");
    REQUIRE(toks.size() == 4);
    CHECK(toks[1].kind == Tok::Semicolon);
    CHECK(toks[1].text == "\n");
    CHECK(posOf(toks[1]) == "1:10@9");  // at the newline, after the comment
    CHECK(show("x /* note */\ny") == "IDENT(x) NL; IDENT(y) EOF;");
    CHECK(show("x // note") == "IDENT(x) EOF;");
  }

  TEST_CASE("a general comment spanning lines acts like a newline") {
    std::vector<Token> toks = lexAll("x /* a\nb */ y");
    REQUIRE(toks.size() == 4);
    CHECK(toks[1].kind == Tok::Semicolon);
    CHECK(toks[1].text == "\n");
    CHECK(posOf(toks[1]) == "1:3@2");  // at the comment
    CHECK(posOf(toks[2]) == "2:6@12");
    // When no semicolon is due, the comment is just skipped.
    CHECK(show("x + /* a\nb */ y") == "IDENT(x) + IDENT(y) EOF;");
    // A comment on one line inserts nothing.
    CHECK(show("x /* a */ y") == "IDENT(x) IDENT(y) EOF;");
  }

  TEST_CASE("an explicit semicolon has the text ;") {
    std::vector<Token> toks = lexAll("a; b");
    REQUIRE(toks.size() == 4);
    CHECK(toks[1].kind == Tok::Semicolon);
    CHECK(toks[1].text == ";");
  }

  TEST_CASE("carriage returns are white space") {
    CHECK(show("x\r\ny\r\n") == "IDENT(x) NL; IDENT(y) NL;");
    CHECK(errorsOf("x\r\ny\r\n") == "");
  }

  TEST_CASE("an unterminated comment is reported at its start") {
    CHECK(errorsOf("x /* never\nends") == "1:3: comment not terminated");
    CHECK(show("x /* never\nends") == "IDENT(x) NL;");
  }

  // ---- Positions -----------------------------------------------------------

  TEST_CASE("positions give line, byte column and byte offset") {
    std::vector<Token> toks = lexAll("package main\n\nfunc f() {\n\tπ := \"é\"\n}\n");
    std::vector<std::string> got;
    for (const Token& t : toks) got.push_back(std::string(t.text) + "=" + posOf(t));
    std::vector<std::string> want = {
        "package=1:1@0", "main=1:9@8", "\n=1:13@12", "func=3:1@14", "f=3:6@19",   "(=3:7@20",
        ")=3:8@21",      "{=3:10@23",  "π=4:2@26",   ":==4:5@29",   "\"é\"=4:8@32", "\n=4:12@36",
        "}=5:1@37",      "\n=5:2@38",
    };
    CHECK(got == want);
  }

  TEST_CASE("the end of the file has a position") {
    Lexer lexer("a\n");
    CHECK(lexer.next().kind == Tok::Ident);
    CHECK(lexer.next().kind == Tok::Semicolon);
    Token eof = lexer.next();
    CHECK(eof.kind == Tok::Eof);
    CHECK(posOf(eof) == "2:1@2");
    CHECK(eof.text == "");
  }

  // ---- Scripting extension and source encoding -----------------------------

  TEST_CASE("a first line starting with #! is skipped") {
    std::vector<Token> toks = lexAll("#!/usr/bin/env gsl\nx := 1\n");
    REQUIRE(!toks.empty());
    CHECK(toks[0].text == "x");
    CHECK(posOf(toks[0]) == "2:1@19");
    CHECK(show("#!gsl") == "");
    CHECK(errorsOf("#!/usr/bin/env gsl\nx") == "");
    // Only on the first line.
    CHECK(errorsOf("x\n#!y") == "2:1: invalid character U+0023 '#'");
    CHECK(show("x\n#!y") == "IDENT(x) NL; ! IDENT(y) EOF;");
  }

  TEST_CASE("a leading byte order mark is skipped but counts in columns") {
    std::vector<Token> toks = lexAll("\xEF\xBB\xBFx");
    REQUIRE(toks.size() == 2);
    CHECK(posOf(toks[0]) == "1:4@3");
    CHECK(errorsOf("\xEF\xBB\xBFx") == "");
    CHECK(errorsOf("x\xEF\xBB\xBFy") == "1:2: invalid BOM in the middle of the file");
    CHECK(show("\xEF\xBB\xBF#!gsl\nx") == "IDENT(x) EOF;");
  }

  TEST_CASE("NUL bytes and invalid UTF-8 are reported and skipped") {
    CHECK(errorsOf("x\0y"sv) == "1:2: invalid NUL character");
    CHECK(show("x\0y"sv) == std::string("IDENT(x\0y) EOF;", 15));
    CHECK(errorsOf("\"a\xffz\"") == "1:3: invalid UTF-8 encoding");
    CHECK(errorsOf("a \xC0\x80 b") == "1:3: invalid UTF-8 encoding\n1:4: invalid UTF-8 encoding");
    CHECK(errorsOf("\xED\xA0\x80") ==
          "1:1: invalid UTF-8 encoding\n1:2: invalid UTF-8 encoding\n1:3: invalid UTF-8 encoding");
    // Go's compiler calls a NUL at the very start an invalid character.
    CHECK(errorsOf("\0x"sv) == "1:1: invalid character U+0000");
  }

  TEST_CASE("bad bytes inside comments and strings are reported at their positions") {
    CHECK(errorsOf("// a\0b\nx"sv) == "1:5: invalid NUL character");
    std::vector<Token> toks = lexAll("/* é\n\xff */ x");
    REQUIRE(toks.size() == 2);
    CHECK(posOf(toks[0]) == "2:6@11");
    CHECK(errorsOf("/* é\n\xff */ x") == "2:1: invalid UTF-8 encoding");
    CHECK(errorsOf("`a\n\xff" "b`") == "2:1: invalid UTF-8 encoding");
    CHECK(errorsOf("\"π\0\""sv) == "1:4: invalid NUL character");
    // A skipped byte between '*' and '/' still lets them close the comment,
    // as in Go's compiler.
    CHECK(show("/* a *\xff/ x") == "IDENT(x) EOF;");
  }

  TEST_CASE("an invalid character is reported and skipped and lexing goes on") {
    CHECK(show("a @ b $ c ?") == "IDENT(a) IDENT(b) IDENT(c) EOF;");
    CHECK(errorsOf("a @ b\n$ c ?") ==
          "1:3: invalid character U+0040 '@'\n2:1: invalid character U+0024 '$'\n2:5: invalid character U+003F '?'");
    CHECK(errorsOf("\\") == "1:1: invalid character U+005C '\\'");
    CHECK(errorsOf("\f") == "1:1: invalid character U+000C");
  }

  TEST_CASE("several errors are collected in source order") {
    CHECK(errorsOf("x := 0b2 + '' + \"\\q\"\ny := 1__0") ==
          "1:8: invalid digit '2' in binary literal\n"
          "1:13: empty rune literal or unescaped '\n"
          "1:19: unknown escape\n"
          "2:8: '_' must separate successive digits");
  }

  // ---- Decoding literal text -----------------------------------------------

  TEST_CASE("unquoteString decodes every escape") {
    CHECK(unquoted(R"("")") == "");
    CHECK(unquoted(R"("abc")") == "abc");
    CHECK(unquoted(R"("\a\b\f\n\r\t\v\\\"")") == "\a\b\f\n\r\t\v\\\"");
    CHECK(unquoted(R"("\x41\x7a\xff")") == "Az\xff");  // bytes, not code points
    CHECK(unquoted(R"("\101\000\377")") == std::string("A\0\xff", 3));
    CHECK(unquoted(R"("\u00e9\U0001F600")") == "é😀");
    CHECK(unquoted(R"("\u65e5本\U00008a9e")") == "日本語");
    CHECK(unquoted(R"("héllo, 世界")") == "héllo, 世界");
  }

  TEST_CASE("unquoteString reads raw strings as written, less carriage returns") {
    CHECK(unquoted("`a\\nb`") == "a\\nb");
    CHECK(unquoted("`line1\r\nline2\r`") == "line1\nline2");
    CHECK(unquoted("``") == "");
    CHECK(unquoted("`\"'`") == "\"'");
  }

  TEST_CASE("unquoteString rejects malformed literals") {
    CHECK(unquoteFails(""));
    CHECK(unquoteFails("\""));
    CHECK(unquoteFails("\"abc"));
    CHECK(unquoteFails("abc"));
    CHECK(unquoteFails("'a'"));
    CHECK(unquoteFails(R"("\'")"));
    CHECK(unquoteFails(R"("\q")"));
    CHECK(unquoteFails(R"("\x4")"));
    CHECK(unquoteFails(R"("\xg0")"));
    CHECK(unquoteFails(R"("\400")"));
    CHECK(unquoteFails(R"("\08")"));
    CHECK(unquoteFails(R"("\uD800")"));
    CHECK(unquoteFails(R"("\U00110000")"));
    CHECK(unquoteFails(R"("\u12")"));
    CHECK(unquoteFails("\"a\"b\""));
    CHECK(unquoteFails("\"a\nb\""));
    CHECK(unquoteFails("\"a\\\""));
    CHECK(unquoteFails("`a`b`"));
    CHECK(unquoteFails("`abc"));
  }

  TEST_CASE("unquoteChar decodes every escape") {
    CHECK(charValue("'a'") == 'a');
    CHECK(charValue("'π'") == 0x3C0);
    CHECK(charValue("'😀'") == 0x1F600);
    CHECK(charValue(R"('\a')") == 7);
    CHECK(charValue(R"('\b')") == 8);
    CHECK(charValue(R"('\f')") == 12);
    CHECK(charValue(R"('\n')") == 10);
    CHECK(charValue(R"('\r')") == 13);
    CHECK(charValue(R"('\t')") == 9);
    CHECK(charValue(R"('\v')") == 11);
    CHECK(charValue(R"('\\')") == '\\');
    CHECK(charValue(R"('\'')") == '\'');
    CHECK(charValue(R"('\x41')") == 0x41);
    CHECK(charValue(R"('\xff')") == 0xFF);
    CHECK(charValue(R"('\101')") == 65);
    CHECK(charValue(R"('\377')") == 255);
    CHECK(charValue(R"('\000')") == 0);
    CHECK(charValue(R"('\u00e9')") == 0xE9);
    CHECK(charValue(R"('\U0010FFFF')") == 0x10FFFF);
    CHECK(charValue("'\"'") == '"');
  }

  TEST_CASE("unquoteChar rejects malformed literals") {
    CHECK(charFails("''"));
    CHECK(charFails("'ab'"));
    CHECK(charFails("'''"));
    CHECK(charFails(R"('\"')"));
    CHECK(charFails(R"('\q')"));
    CHECK(charFails(R"('\400')"));
    CHECK(charFails(R"('\uD800')"));
    CHECK(charFails(R"('\U00110000')"));
    CHECK(charFails(R"('\x4')"));
    CHECK(charFails(R"('\x41a')"));
    CHECK(charFails("'a"));
    CHECK(charFails("\"a\""));
    CHECK(charFails("'\xff'"));
    CHECK(charFails("'\n'"));
  }

  TEST_CASE("parseIntLiteral reads every base") {
    CHECK(intValue("0") == 0);
    CHECK(intValue("42") == 42);
    CHECK(intValue("1_000_000") == 1000000);
    CHECK(intValue("0x1F") == 31);
    CHECK(intValue("0XaB_cD") == 0xABCD);
    CHECK(intValue("0x_ff") == 255);
    CHECK(intValue("0o17") == 15);
    CHECK(intValue("0O_7_7") == 63);
    CHECK(intValue("0b101") == 5);
    CHECK(intValue("0B_1_0") == 2);
    CHECK(intValue("0777") == 511);  // legacy octal
    CHECK(intValue("0_7") == 7);
    CHECK(intValue("00") == 0);
    CHECK(intValue("9223372036854775807") == 9223372036854775807ull);
    CHECK(intValue("18446744073709551615") == 18446744073709551615ull);
    unsigned __int128 big = static_cast<unsigned __int128>(1) << 64;
    CHECK(intValue("18446744073709551616") == big);
    CHECK(intValue("0x1_0000_0000_0000_0000") == big);
    CHECK(intValue("340282366920938463463374607431768211455") == ~static_cast<unsigned __int128>(0));
    CHECK(intValue("0xffffffffffffffffffffffffffffffff") == ~static_cast<unsigned __int128>(0));
  }

  TEST_CASE("parseIntLiteral rejects malformed or too large literals") {
    CHECK(intFails(""));
    CHECK(intFails("0x"));
    CHECK(intFails("0b"));
    CHECK(intFails("0b2"));
    CHECK(intFails("0o8"));
    CHECK(intFails("08"));
    CHECK(intFails("0xg"));
    CHECK(intFails("1__0"));
    CHECK(intFails("1_"));
    CHECK(intFails("_1"));
    CHECK(intFails("0x__1"));
    CHECK(intFails("1.0"));
    CHECK(intFails("1e3"));
    CHECK(intFails("abc"));
    CHECK(intFails("340282366920938463463374607431768211456"));  // 2^128
    CHECK(intFails("0x1_00000000_00000000_00000000_00000000"));
  }

  TEST_CASE("parseFloatLiteral reads decimal and hexadecimal forms, correctly rounded") {
    CHECK(floatValue("1.5") == 1.5);
    CHECK(floatValue("1.") == 1.0);
    CHECK(floatValue(".5") == 0.5);
    CHECK(floatValue("1e10") == 1e10);
    CHECK(floatValue("1E+5") == 1e5);
    CHECK(floatValue("6.67e-11") == 6.67e-11);
    CHECK(floatValue("0.1") == 0.1);
    CHECK(floatValue("1_000.000_1") == 1000.0001);
    CHECK(floatValue("0123.5") == 123.5);
    CHECK(floatValue("0x1p-2") == 0.25);
    CHECK(floatValue("0x1.8p3") == 12.0);
    CHECK(floatValue("0X.8P0") == 0.5);
    CHECK(floatValue("0x_1p4") == 16.0);
    CHECK(floatValue("1.7976931348623157e308") == 1.7976931348623157e308);
    CHECK(floatValue("4.9406564584124654e-324") == 4.9406564584124654e-324);
    CHECK(floatValue("2.2250738585072011e-308") == 2.2250738585072011e-308);
    CHECK(floatValue("9007199254740993") == 9007199254740992.0);  // ties to even
  }

  TEST_CASE("parseFloatLiteral reads an imaginary literal's magnitude") {
    CHECK(floatValue("1.5i") == 1.5);
    CHECK(floatValue("2i") == 2.0);
    CHECK(floatValue("0123i") == 123.0);  // decimal, as the spec says
    CHECK(floatValue("0x10i") == 16.0);
    CHECK(floatValue("0o17i") == 15.0);
    CHECK(floatValue("0b101i") == 5.0);
    CHECK(floatValue("0x1p-2i") == 0.25);
  }

  TEST_CASE("parseFloatLiteral underflows to zero and refuses overflow") {
    CHECK(floatValue("1e-400") == 0.0);
    CHECK(floatValue("0x1p-1075") == 0.0);
    CHECK(floatValue("1e-99999") == 0.0);
    CHECK(floatFails("1e400"));
    CHECK(floatFails("1.7976931348623159e308"));
    CHECK(floatFails("0x1p1024"));
    CHECK(floatFails("1e99999"));
  }

  TEST_CASE("parseFloatLiteral rejects malformed literals") {
    CHECK(floatFails(""));
    CHECK(floatFails("i"));
    CHECK(floatFails("e5"));
    CHECK(floatFails("1e"));
    CHECK(floatFails("1__0.5"));
    CHECK(floatFails("1_.5"));
    CHECK(floatFails("-1.5"));
    CHECK(floatFails("+1.5"));
    CHECK(floatFails("inf"));
    CHECK(floatFails("nan"));
    CHECK(floatFails("1.5x"));
    CHECK(floatFails("0x1.8q3"));
    CHECK(floatFails("1e5e5"));
    CHECK(floatFails("0b102"));
  }

  // ---- Unicode helpers -----------------------------------------------------

  TEST_CASE("code points are formatted as Go's %#U and %q do") {
    using gsl::lexer::formatCodePoint;
    using gsl::lexer::quoteRune;
    CHECK(formatCodePoint('@') == "U+0040 '@'");
    CHECK(formatCodePoint(0) == "U+0000");
    CHECK(formatCodePoint(0xA0) == "U+00A0");
    CHECK(formatCodePoint(0x1F600) == "U+1F600 '😀'");
    CHECK(formatCodePoint(0xD800) == "U+D800");
    CHECK(formatCodePoint(0x110000) == "U+110000");
    CHECK(quoteRune('a') == "'a'");
    CHECK(quoteRune('\'') == "'\\''");
    CHECK(quoteRune('\\') == "'\\\\'");
    CHECK(quoteRune('\n') == "'\\n'");
    CHECK(quoteRune(0) == "'\\x00'");
    CHECK(quoteRune(0x7F) == "'\\x7f'");
    CHECK(quoteRune(0xA0) == "'\\u00a0'");
    CHECK(quoteRune(0xE0001) == "'\\U000e0001'");
    CHECK(quoteRune(0xE9) == "'é'");
    CHECK(quoteRune(0xD800) == "'�'");
  }

  TEST_CASE("UTF-8 decoding rejects what Go rejects") {
    using gsl::lexer::decodeRune;
    using gsl::lexer::kRuneError;
    int w = 0;
    CHECK(decodeRune("a", &w) == 'a');
    CHECK(w == 1);
    CHECK(decodeRune("é", &w) == 0xE9);
    CHECK(w == 2);
    CHECK(decodeRune("世", &w) == 0x4E16);
    CHECK(w == 3);
    CHECK(decodeRune("😀", &w) == 0x1F600);
    CHECK(w == 4);
    CHECK(decodeRune("\xEF\xBF\xBD", &w) == kRuneError);
    CHECK(w == 3);  // a real U+FFFD
    for (const char* bad : {"\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF0\x80\x80\x80",
                            "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xE4\xB8", "\xFF"}) {
      CAPTURE(bad);
      CHECK(decodeRune(bad, &w) == kRuneError);
      CHECK(w == 1);
    }
  }

  TEST_CASE("Unicode classes follow Go's letter, digit and printable sets") {
    using gsl::lexer::isDigit;
    using gsl::lexer::isLetter;
    using gsl::lexer::isPrint;
    CHECK(isLetter('a'));
    CHECK(isLetter(0x3C0));   // π
    CHECK(isLetter(0x53D8));  // 变
    CHECK(isLetter(0x2B0));   // ʰ, a modifier letter (Lm)
    CHECK_FALSE(isLetter('_'));
    CHECK_FALSE(isLetter('1'));
    CHECK_FALSE(isLetter(0xB7));
    CHECK(isDigit('7'));
    CHECK(isDigit(0x663));  // ARABIC-INDIC DIGIT THREE
    CHECK_FALSE(isDigit(0x2163));  // ROMAN NUMERAL FOUR is Nl, not Nd
    CHECK(isPrint(' '));
    CHECK_FALSE(isPrint(0xA0));
    CHECK_FALSE(isPrint(0x200B));
    CHECK(isPrint(0x1F600));
  }
}
