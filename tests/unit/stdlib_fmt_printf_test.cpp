// Unit tests for stdlib/fmt_printf.h and stdlib/fmt_formatter.h, driven
// through a small operand model (int, uint, float64, string, bool, nil)
// that prints operands the way Go's printArg does for those types. Every
// expected string was produced by Go 1.19's fmt.Sprintf on the same format
// and operands.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "stdlib/fmt_printf.h"
#include "stdlib/utf8_codec.h"

using namespace gsl::stdlib::fmt;

namespace {

struct Nil {};
using Operand = std::variant<long long, unsigned long long, double, std::string, bool, Nil>;

Operand I(long long v) { return v; }
Operand U(unsigned long long v) { return v; }
Operand F(double v) { return v; }
// From a literal, keeping embedded NUL bytes.
template <size_t N>
Operand S(const char (&lit)[N]) {
  return std::string(lit, N - 1);
}
Operand B(bool v) { return v; }
Operand N() { return Nil{}; }

class TestArgs : public PrintfArgs {
 public:
  TestArgs(Formatter& f, std::vector<Operand> ops) : f_(f), ops_(std::move(ops)) {}

  size_t size() const override { return ops_.size(); }

  void printArg(size_t i, char32_t verb) override {
    const Operand& op = ops_[i];
    if (std::holds_alternative<Nil>(op)) {
      if (verb == 'T' || verb == 'v') {
        f_.pad("<nil>");
      } else {
        badVerb(i, verb);
      }
      return;
    }
    if (verb == 'T') {
      f_.fmtS(typeName(op));
      return;
    }
    bool ok = false;
    if (auto* v = std::get_if<long long>(&op)) {
      ok = f_.formatInteger(static_cast<uint64_t>(*v), true, verb);
    } else if (auto* u = std::get_if<unsigned long long>(&op)) {
      ok = f_.formatInteger(*u, false, verb);
    } else if (auto* d = std::get_if<double>(&op)) {
      ok = f_.formatFloat(*d, 64, verb);
    } else if (auto* s = std::get_if<std::string>(&op)) {
      ok = f_.formatString(*s, verb);
    } else if (auto* b = std::get_if<bool>(&op)) {
      ok = f_.formatBool(*b, verb);
    }
    if (!ok) badVerb(i, verb);
  }

  std::optional<long long> intArg(size_t i) override {
    if (auto* v = std::get_if<long long>(&ops_[i])) return *v;
    if (auto* u = std::get_if<unsigned long long>(&ops_[i])) {
      if (*u <= 0x7fffffffffffffffull) return static_cast<long long>(*u);
    }
    return std::nullopt;
  }

  void printExtra(size_t i) override {
    if (std::holds_alternative<Nil>(ops_[i])) {
      f_.buf() += "<nil>";
      return;
    }
    f_.buf() += typeName(ops_[i]);
    f_.buf() += '=';
    printArg(i, 'v');
  }

 private:
  static std::string typeName(const Operand& op) {
    switch (op.index()) {
      case 0: return "int";
      case 1: return "uint";
      case 2: return "float64";
      case 3: return "string";
      case 4: return "bool";
    }
    return "<nil>";
  }

  // Go's badVerb: %!verb(type=value), the value printed with %v under the
  // current flags.
  void badVerb(size_t i, char32_t verb) {
    f_.buf() += "%!";
    gsl::stdlib::utf8::appendRune(f_.buf(), verb);
    f_.buf() += '(';
    if (std::holds_alternative<Nil>(ops_[i])) {
      f_.buf() += "<nil>";
    } else {
      f_.buf() += typeName(ops_[i]);
      f_.buf() += '=';
      printArg(i, 'v');
    }
    f_.buf() += ')';
  }

  Formatter& f_;
  std::vector<Operand> ops_;
};

std::string goSprintf(std::string_view format, std::vector<Operand> ops) {
  std::string out;
  Formatter f(out);
  TestArgs args(f, std::move(ops));
  doPrintf(f, format, args);
  return out;
}

}  // namespace

TEST_SUITE("stdlib.fmt_printf") {
TEST_CASE("integers honour flags, width and precision") {
  CHECK(goSprintf("%d|%+d|% d|%5d|%-5d|%05d|%.3d|%8.3d|%08.3d", {I(42), I(42), I(42), I(42), I(42), I(-42), I(7), I(7), I(7)}) == "42|+42| 42|   42|42   |-0042|007|     007|     007");
  CHECK(goSprintf("%x|%X|%#x|%#X|%o|%#o|%O|%b|%#b|%.0d|%5.0d|", {I(-255), I(255), I(255), I(255), I(8), I(8), I(8), I(5), I(5), I(0), I(0)}) == "-ff|FF|0xff|0XFF|10|010|0o10|101|0b101||     |");
  CHECK(goSprintf("%c|%c|%q|%+q|%U|%#U|%#U|%.6U|%-8U|", {I(65), I(128512), I(120), I(233), I(65), I(65), I(128512), I(65), I(65)}) == "A|\360\237\230\200|'x'|'\\u00e9'|U+0041|U+0041 'A'|U+1F600 '\360\237\230\200'|U+000041|U+0041  |");
  CHECK(goSprintf("%c|%q|%U|%#U", {I(1114112), I(1114112), I(1114112), I(55296)}) == "\357\277\275|'\357\277\275'|U+110000|U+D800");
  CHECK(goSprintf("%+05d|% 05d|%-+5d|%#5x|%#-8o|%08b|%x|%+x", {I(3), I(3), I(3), I(255), I(8), I(5), I(-1), I(17)}) == "+0003| 0003|+3   | 0xff|010     |00000101|-1|+11");
  CHECK(goSprintf("%v|%#v|%v|%#v|%d|%x", {U(7ull), U(7ull), I(-9223372036854775808), I(42), U(18446744073709551615ull), U(18446744073709551615ull)}) == "7|0x7|-9223372036854775808|42|18446744073709551615|ffffffffffffffff");
}

TEST_CASE("floats honour flags, width and precision") {
  CHECK(goSprintf("%v|%v|%v|%v|%v|%v", {F(1e+06), F(123456), F(1e-05), F(0.0001), F(1e+21), F(100)}) == "1e+06|123456|1e-05|0.0001|1e+21|100");
  CHECK(goSprintf("%08.3f|%-8.2f|%+.1e|% f|%8.3g|%.0f|%#.0f|%#g|%#.3g|%#e", {F(-3.14159), F(2.5), F(12345.678), F(1), F(1234.5678), F(2.5), F(2), F(1), F(2), F(3)}) == "-003.142|2.50    |+1.2e+04| 1.000000|1.23e+03|2|2.|1.00000|2.00|3.000000e+00");
  CHECK(goSprintf("%e|%E|%g|%G|%.3g|%10.2e|%F|%x|%X|%.2x|%#x|%b", {F(123456.789), F(0.000123), F(1e-07), F(1e+21), F(1234.5678), F(1), F(1.5), F(3), F(-1.5), F(0.3333333333333333), F(1), F(2.5)}) == "1.234568e+05|1.230000E-04|1e-07|1E+21|1.23e+03|  1.00e+00|1.500000|0x1.8p+01|-0X1.8P+00|0x1.55p-02|0x1.0000p+00|5629499534213120p-51");
  CHECK(goSprintf("%v|%+v|% v|%08v|%-8v|%+08.2f|% 08.2f|%08.2f", {F(0), F(1.5), F(1.5), F(1e+100), F(2.5), F(3.14159), F(3.14159), F(-3.14159)}) == "0|1.5| 1.5|001e+100|2.5     |+0003.14| 0003.14|-0003.14");
  CHECK(goSprintf("%#v|%#v|%#v|%10.3v|%-10v|", {F(1), F(1e+06), F(1e+21), F(3.14159), F(1.5)}) == "1|1e+06|1e+21|      3.14|1.5       |");
}

TEST_CASE("infinities and NaN are padded with spaces, never zeros") {
  CHECK(goSprintf("%08f|%+08f|%-8f|%8f|% f|%+f|%f|%08.2f", {F(INFINITY), F(INFINITY), F(-INFINITY), F(NAN), F(NAN), F(NAN), F(-INFINITY), F(NAN)}) == "    +Inf|    +Inf|-Inf    |     NaN| NaN|+NaN|-Inf|     NaN");
}

TEST_CASE("strings and runes honour width, precision and quoting flags") {
  CHECK(goSprintf("%s|%5s|%-5s|%05s|%.2s|%5.1s|%.0s|%q|%+q|%#q|%#q|%x|% x|%#x|% #x|%X", {S("hi"), S("hi"), S("hi"), S("ab"), S("h\303\251llo"), S("\346\227\245\346\234\254"), S("abc"), S("a\"b\012"), S("h\303\251llo"), S("back`tick"), S("ok"), S("hello"), S("hello"), S("hello"), S("hello"), S("hi")}) == "hi|   hi|hi   |000ab|h\303\251|    \346\227\245||\"a\\\"b\\n\"|\"h\\u00e9llo\"|\"back`tick\"|`ok`|68656c6c6f|68 65 6c 6c 6f|0x68656c6c6f|0x68 0x65 0x6c 0x6c 0x6f|6869");
  CHECK(goSprintf("%10x|%-10x|%.2x|%010x|%x|%5x|%q|%v|%#v|%05q", {S("hi"), S("hi"), S("hello"), S("hi"), S(""), S(""), S("\000\377"), S("x"), S("x"), S("a")}) == "      6869|6869      |6865|0000006869||     |\"\\x00\\xff\"|x|\"x\"|00\"a\"");
  CHECK(goSprintf("%t|%v|%5t|%-7t|", {B(true), B(false), B(true), B(false)}) == "true|false| true|false  |");
}

TEST_CASE("a verb that does not fit the operand is reported with its type and value") {
  CHECK(goSprintf("%d|%s|%t|%z|%!|%x", {S("x"), I(42), I(1), I(6), I(5), B(true)}) == "%!d(string=x)|%!s(int=42)|%!t(int=1)|%!z(int=6)|%!!(int=5)|%!x(bool=true)");
  CHECK(goSprintf("%s|%d|%v|%T", {N(), N(), N(), N()}) == "%!s(<nil>)|%!d(<nil>)|<nil>|<nil>");
  CHECK(goSprintf("%10d|%-10t|", {S("x"), S("y")}) == "%!d(string=         x)|%!t(string=y         )|");
}

TEST_CASE("missing, extra and misindexed operands are reported") {
  CHECK(goSprintf("%d %d", {I(1)}) == "1 %!d(MISSING)");
  CHECK(goSprintf("%d", {I(1), I(2), S("x"), N()}) == "1%!(EXTRA int=2, string=x, <nil>)");
  CHECK(goSprintf("%", {I(1)}) == "%!(NOVERB)%!(EXTRA int=1)");
  CHECK(goSprintf("%-", {}) == "%!(NOVERB)");
  CHECK(goSprintf("%5.2", {}) == "%!(NOVERB)");
  CHECK(goSprintf("%[2]d %[1]d", {I(1), I(2)}) == "2 1");
  CHECK(goSprintf("%[3]d|%[0]d|%[x]d|%[2]*d|%[1]d", {I(1), I(2), I(3)}) == "3|%!d(BADINDEX)|%!d(BADINDEX)| 3|1");
  CHECK(goSprintf("%[2]d %d", {I(1), I(2), I(3)}) == "2 3");
  CHECK(goSprintf("%[3]2d|%[2].2d|%[5]d|%[1]d%[]d", {I(1), I(2), I(3)}) == "%!d(BADINDEX)|%!d(BADINDEX)|%!d(BADINDEX)|1%!d(BADINDEX)");
  CHECK(goSprintf("%.[2]d|%.[2]*d", {I(1), I(2), I(3)}) == "2|03");
  CHECK(goSprintf("%d %% %5% %-5% %d", {I(1), I(2)}) == "1 % % % 2");
  CHECK(goSprintf("%!d(MISSING)|%\303\251|%\346\227\245", {I(1), I(2)}) == "%!!(int=1)d(MISSING)|%!\303\251(int=2)|%!\346\227\245(MISSING)");
}

TEST_CASE("star widths and precisions come from integer operands") {
  CHECK(goSprintf("%*d|%-*d|%.*d|%*d|%*.*f|%*s|%.*s", {I(5), I(3), I(4), I(8), I(2), I(9), I(-4), I(7), I(8), I(2), F(3.14159), I(-6), S("ab"), I(2), S("abcdef")}) == "    3|8   |09|7   |    3.14|ab    |ab");
  CHECK(goSprintf("%*d|%.*d|%*d", {S("x"), I(1), F(1.5), I(2), I(2000000), I(3)}) == "%!(BADWIDTH)1|%!(BADPREC)2|%!(BADWIDTH)3");
  CHECK(goSprintf("%*d|%.*d", {U(4ull), I(1), I(-3), I(7)}) == "   1|%!(BADPREC)7");
}

}
