// Unit tests for stdlib/parse_number.h. Every expected value and error
// message was produced by Go 1.19's strconv package on the same input.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "stdlib/parse_number.h"

using namespace gsl::stdlib;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string messageOf(const NumError& e, std::string_view num) {
  return e ? e.message(num) : "";
}

void checkInt(const Parsed<int64_t>& got, long long value, std::string_view err,
              std::string_view num) {
  CHECK(got.value == value);
  CHECK(messageOf(got.err, num) == err);
}

void checkUint(const Parsed<uint64_t>& got, unsigned long long value,
               std::string_view err, std::string_view num) {
  CHECK(got.value == value);
  CHECK(messageOf(got.err, num) == err);
}

void checkFloat(const Parsed<double>& got, double value, std::string_view err,
                std::string_view num) {
  if (std::isnan(value)) {
    CHECK(std::isnan(got.value));
  } else {
    CHECK(got.value == value);
    CHECK(std::signbit(got.value) == std::signbit(value));
  }
  CHECK(messageOf(got.err, num) == err);
}

void checkBool(const Parsed<bool>& got, bool value, std::string_view err,
               std::string_view num) {
  CHECK(got.value == value);
  CHECK(messageOf(got.err, num) == err);
}
}  // namespace

TEST_SUITE("stdlib.parse_number") {
TEST_CASE("ParseInt with base 0 reads Go prefixes and underscores") {
  checkInt(parseInt("0x10", 0, 64), 16LL, "", "0x10");
  checkInt(parseInt("0X1f", 0, 64), 31LL, "", "0X1f");
  checkInt(parseInt("010", 0, 64), 8LL, "", "010");
  checkInt(parseInt("0b11", 0, 64), 3LL, "", "0b11");
  checkInt(parseInt("0o17", 0, 64), 15LL, "", "0o17");
  checkInt(parseInt("0O17", 0, 64), 15LL, "", "0O17");
  checkInt(parseInt("1_000", 0, 64), 1000LL, "", "1_000");
  checkInt(parseInt("0x_ff", 0, 64), 255LL, "", "0x_ff");
  checkInt(parseInt("-0b1_0", 0, 64), -2LL, "", "-0b1_0");
  checkInt(parseInt("+42", 0, 64), 42LL, "", "+42");
  checkInt(parseInt("0", 0, 64), 0LL, "", "0");
  checkInt(parseInt("-0", 0, 64), 0LL, "", "-0");
}

TEST_CASE("ParseInt rejects malformed input with a syntax error") {
  checkInt(parseInt("", 0, 64), 0LL, "strconv.ParseInt: parsing \"\": invalid syntax", "");
  checkInt(parseInt("+", 0, 64), 0LL, "strconv.ParseInt: parsing \"+\": invalid syntax", "+");
  checkInt(parseInt("-", 0, 64), 0LL, "strconv.ParseInt: parsing \"-\": invalid syntax", "-");
  checkInt(parseInt("0x", 0, 64), 0LL, "strconv.ParseInt: parsing \"0x\": invalid syntax", "0x");
  checkInt(parseInt("_1", 0, 64), 0LL, "strconv.ParseInt: parsing \"_1\": invalid syntax", "_1");
  checkInt(parseInt("1_", 0, 64), 0LL, "strconv.ParseInt: parsing \"1_\": invalid syntax", "1_");
  checkInt(parseInt("1__0", 0, 64), 0LL, "strconv.ParseInt: parsing \"1__0\": invalid syntax", "1__0");
  checkInt(parseInt("12a", 0, 64), 0LL, "strconv.ParseInt: parsing \"12a\": invalid syntax", "12a");
  checkInt(parseInt(" 1", 0, 64), 0LL, "strconv.ParseInt: parsing \" 1\": invalid syntax", " 1");
  checkInt(parseInt("1 ", 0, 64), 0LL, "strconv.ParseInt: parsing \"1 \": invalid syntax", "1 ");
  checkInt(parseInt("0b", 0, 64), 0LL, "strconv.ParseInt: parsing \"0b\": invalid syntax", "0b");
  checkInt(parseInt("0b2", 0, 64), 0LL, "strconv.ParseInt: parsing \"0b2\": invalid syntax", "0b2");
  checkInt(parseInt("08", 0, 64), 0LL, "strconv.ParseInt: parsing \"08\": invalid syntax", "08");
  checkInt(parseInt("\001\303\251", 0, 64), 0LL, "strconv.ParseInt: parsing \"\\x01\303\251\": invalid syntax", "\001\303\251");
  checkInt(parseInt("1_000", 10, 64), 0LL, "strconv.ParseInt: parsing \"1_000\": invalid syntax", "1_000");
  checkInt(parseInt("0x10", 10, 64), 0LL, "strconv.ParseInt: parsing \"0x10\": invalid syntax", "0x10");
  checkInt(parseInt("ff", 10, 64), 0LL, "strconv.ParseInt: parsing \"ff\": invalid syntax", "ff");
}

TEST_CASE("ParseInt clamps out-of-range values to the bit size's bounds") {
  checkInt(parseInt("9223372036854775807", 10, 64), 9223372036854775807LL, "", "9223372036854775807");
  checkInt(parseInt("9223372036854775808", 10, 64), 9223372036854775807LL, "strconv.ParseInt: parsing \"9223372036854775808\": value out of range", "9223372036854775808");
  checkInt(parseInt("-9223372036854775808", 10, 64), INT64_MIN, "", "-9223372036854775808");
  checkInt(parseInt("-9223372036854775809", 10, 64), INT64_MIN, "strconv.ParseInt: parsing \"-9223372036854775809\": value out of range", "-9223372036854775809");
  checkInt(parseInt("127", 10, 8), 127LL, "", "127");
  checkInt(parseInt("128", 10, 8), 127LL, "strconv.ParseInt: parsing \"128\": value out of range", "128");
  checkInt(parseInt("-129", 10, 8), -128LL, "strconv.ParseInt: parsing \"-129\": value out of range", "-129");
  checkInt(parseInt("99999999999999999999x", 10, 64), 9223372036854775807LL, "strconv.ParseInt: parsing \"99999999999999999999x\": value out of range", "99999999999999999999x");
  checkInt(parseInt("zz", 36, 8), 127LL, "strconv.ParseInt: parsing \"zz\": value out of range", "zz");
  checkInt(parseInt("ZZ", 36, 16), 1295LL, "", "ZZ");
  checkInt(parseInt("7fffffff", 16, 32), 2147483647LL, "", "7fffffff");
  checkInt(parseInt("80000000", 16, 32), 2147483647LL, "strconv.ParseInt: parsing \"80000000\": value out of range", "80000000");
  checkInt(parseInt("999", 10, 0), 999LL, "", "999");
}

TEST_CASE("ParseInt reports an invalid base or bit size") {
  checkInt(parseInt("1", 1, 64), 0LL, "strconv.ParseInt: parsing \"1\": invalid base 1", "1");
  checkInt(parseInt("1", 37, 64), 0LL, "strconv.ParseInt: parsing \"1\": invalid base 37", "1");
  checkInt(parseInt("1", 10, 65), 0LL, "strconv.ParseInt: parsing \"1\": invalid bit size 65", "1");
  checkInt(parseInt("1", 10, -1), 0LL, "strconv.ParseInt: parsing \"1\": invalid bit size -1", "1");
  checkInt(parseInt("-1", 99, 8), 0LL, "strconv.ParseInt: parsing \"-1\": invalid base 99", "-1");
}

TEST_CASE("ParseUint rejects signs and clamps to the maximum") {
  checkUint(parseUint("18446744073709551615", 10, 64), 18446744073709551615ULL, "", "18446744073709551615");
  checkUint(parseUint("18446744073709551616", 10, 64), 18446744073709551615ULL, "strconv.ParseUint: parsing \"18446744073709551616\": value out of range", "18446744073709551616");
  checkUint(parseUint("-1", 10, 64), 0ULL, "strconv.ParseUint: parsing \"-1\": invalid syntax", "-1");
  checkUint(parseUint("+1", 10, 64), 0ULL, "strconv.ParseUint: parsing \"+1\": invalid syntax", "+1");
  checkUint(parseUint("256", 10, 8), 255ULL, "strconv.ParseUint: parsing \"256\": value out of range", "256");
  checkUint(parseUint("1_000", 0, 8), 255ULL, "strconv.ParseUint: parsing \"1_000\": value out of range", "1_000");
  checkUint(parseUint("0xFFFF", 0, 16), 65535ULL, "", "0xFFFF");
}

TEST_CASE("Atoi accepts only decimal and names itself in errors") {
  checkInt(parseAtoi("123"), 123LL, "", "123");
  checkInt(parseAtoi("-123"), -123LL, "", "-123");
  checkInt(parseAtoi("+5"), 5LL, "", "+5");
  checkInt(parseAtoi(""), 0LL, "strconv.Atoi: parsing \"\": invalid syntax", "");
  checkInt(parseAtoi("+"), 0LL, "strconv.Atoi: parsing \"+\": invalid syntax", "+");
  checkInt(parseAtoi("-"), 0LL, "strconv.Atoi: parsing \"-\": invalid syntax", "-");
  checkInt(parseAtoi("0x10"), 0LL, "strconv.Atoi: parsing \"0x10\": invalid syntax", "0x10");
  checkInt(parseAtoi("1_000"), 0LL, "strconv.Atoi: parsing \"1_000\": invalid syntax", "1_000");
  checkInt(parseAtoi("12a"), 0LL, "strconv.Atoi: parsing \"12a\": invalid syntax", "12a");
  checkInt(parseAtoi("9223372036854775807"), 9223372036854775807LL, "", "9223372036854775807");
  checkInt(parseAtoi("9223372036854775808"), 9223372036854775807LL, "strconv.Atoi: parsing \"9223372036854775808\": value out of range", "9223372036854775808");
  checkInt(parseAtoi("-9223372036854775809"), INT64_MIN, "strconv.Atoi: parsing \"-9223372036854775809\": value out of range", "-9223372036854775809");
  checkInt(parseAtoi("123456789012345678"), 123456789012345678LL, "", "123456789012345678");
  checkInt(parseAtoi("00000000000000000000000001"), 1LL, "", "00000000000000000000000001");
}

TEST_CASE("ParseFloat follows Go's literal syntax") {
  checkFloat(parseFloat("1.5", 64), 1.5, "", "1.5");
  checkFloat(parseFloat(".5", 64), 0.5, "", ".5");
  checkFloat(parseFloat("5.", 64), 5, "", "5.");
  checkFloat(parseFloat("1e3", 64), 1000, "", "1e3");
  checkFloat(parseFloat("1E-3", 64), 0.001, "", "1E-3");
  checkFloat(parseFloat("1_000.5", 64), 1000.5, "", "1_000.5");
  checkFloat(parseFloat("0_1", 64), 1, "", "0_1");
  checkFloat(parseFloat("0x1p-2", 64), 0.25, "", "0x1p-2");
  checkFloat(parseFloat("0x1.8p1", 64), 3, "", "0x1.8p1");
  checkFloat(parseFloat("0X1P+3", 64), 8, "", "0X1P+3");
  checkFloat(parseFloat("0x_1p0", 64), 1, "", "0x_1p0");
  checkFloat(parseFloat("-0", 64), -0.0, "", "-0");
  checkFloat(parseFloat("+3.25", 64), 3.25, "", "+3.25");
  checkFloat(parseFloat("inf", 64), kInf, "", "inf");
  checkFloat(parseFloat("+Inf", 64), kInf, "", "+Inf");
  checkFloat(parseFloat("-infinity", 64), -kInf, "", "-infinity");
  checkFloat(parseFloat("INFINITY", 64), kInf, "", "INFINITY");
  checkFloat(parseFloat("nan", 64), NAN, "", "nan");
  checkFloat(parseFloat("NaN", 64), NAN, "", "NaN");
  checkFloat(parseFloat("infin", 64), 0, "strconv.ParseFloat: parsing \"infin\": invalid syntax", "infin");
  checkFloat(parseFloat("+nan", 64), 0, "strconv.ParseFloat: parsing \"+nan\": invalid syntax", "+nan");
  checkFloat(parseFloat(".", 64), 0, "strconv.ParseFloat: parsing \".\": invalid syntax", ".");
  checkFloat(parseFloat("1e", 64), 0, "strconv.ParseFloat: parsing \"1e\": invalid syntax", "1e");
  checkFloat(parseFloat("1e+", 64), 0, "strconv.ParseFloat: parsing \"1e+\": invalid syntax", "1e+");
  checkFloat(parseFloat("0x1.8", 64), 0, "strconv.ParseFloat: parsing \"0x1.8\": invalid syntax", "0x1.8");
  checkFloat(parseFloat("0x.p1", 64), 0, "strconv.ParseFloat: parsing \"0x.p1\": invalid syntax", "0x.p1");
  checkFloat(parseFloat("0x", 64), 0, "strconv.ParseFloat: parsing \"0x\": invalid syntax", "0x");
  checkFloat(parseFloat("1p3", 64), 0, "strconv.ParseFloat: parsing \"1p3\": invalid syntax", "1p3");
  checkFloat(parseFloat("0b101", 64), 0, "strconv.ParseFloat: parsing \"0b101\": invalid syntax", "0b101");
  checkFloat(parseFloat(" 1", 64), 0, "strconv.ParseFloat: parsing \" 1\": invalid syntax", " 1");
  checkFloat(parseFloat("1__0", 64), 0, "strconv.ParseFloat: parsing \"1__0\": invalid syntax", "1__0");
  checkFloat(parseFloat("1_", 64), 0, "strconv.ParseFloat: parsing \"1_\": invalid syntax", "1_");
  checkFloat(parseFloat("1.2.3", 64), 0, "strconv.ParseFloat: parsing \"1.2.3\": invalid syntax", "1.2.3");
  checkFloat(parseFloat("123456789012345678901234567890", 64), 1.2345678901234568e+29, "", "123456789012345678901234567890");
  checkFloat(parseFloat("2.2250738585072011e-308", 64), 2.225073858507201e-308, "", "2.2250738585072011e-308");
  checkFloat(parseFloat("0.1e-310", 64), 1e-311, "", "0.1e-310");
}

TEST_CASE("ParseFloat reports overflow as a range error with infinity but not underflow") {
  checkFloat(parseFloat("1e400", 64), kInf, "strconv.ParseFloat: parsing \"1e400\": value out of range", "1e400");
  checkFloat(parseFloat("-1e400", 64), -kInf, "strconv.ParseFloat: parsing \"-1e400\": value out of range", "-1e400");
  checkFloat(parseFloat("0x1p2000", 64), kInf, "strconv.ParseFloat: parsing \"0x1p2000\": value out of range", "0x1p2000");
  checkFloat(parseFloat("1e-400", 64), 0, "", "1e-400");
  checkFloat(parseFloat("0x1p-2000", 64), 0, "", "0x1p-2000");
  checkFloat(parseFloat("1.7976931348623159e308", 64), kInf, "strconv.ParseFloat: parsing \"1.7976931348623159e308\": value out of range", "1.7976931348623159e308");
  checkFloat(parseFloat("1.7976931348623158e308", 64), 1.7976931348623157e+308, "", "1.7976931348623158e308");
}

TEST_CASE("ParseFloat with bit size 32 rounds once, to float32") {
  checkFloat(parseFloat("0.1", 32), 0.10000000149011612, "", "0.1");
  checkFloat(parseFloat("3.4028235e38", 32), 3.4028234663852886e+38, "", "3.4028235e38");
  checkFloat(parseFloat("3.5e38", 32), kInf, "strconv.ParseFloat: parsing \"3.5e38\": value out of range", "3.5e38");
  checkFloat(parseFloat("1e-50", 32), 0, "", "1e-50");
  checkFloat(parseFloat("16777217", 32), 1.6777216e+07, "", "16777217");
  checkFloat(parseFloat("1.00000017881393432617187499", 32), 1.0000001192092896, "", "1.00000017881393432617187499");
}

TEST_CASE("ParseBool accepts Go's spellings only") {
  checkBool(parseBool("1"), true, "", "1");
  checkBool(parseBool("t"), true, "", "t");
  checkBool(parseBool("T"), true, "", "T");
  checkBool(parseBool("true"), true, "", "true");
  checkBool(parseBool("TRUE"), true, "", "TRUE");
  checkBool(parseBool("True"), true, "", "True");
  checkBool(parseBool("0"), false, "", "0");
  checkBool(parseBool("f"), false, "", "f");
  checkBool(parseBool("F"), false, "", "F");
  checkBool(parseBool("false"), false, "", "false");
  checkBool(parseBool("FALSE"), false, "", "FALSE");
  checkBool(parseBool("False"), false, "", "False");
  checkBool(parseBool("yes"), false, "strconv.ParseBool: parsing \"yes\": invalid syntax", "yes");
  checkBool(parseBool("tRUE"), false, "strconv.ParseBool: parsing \"tRUE\": invalid syntax", "tRUE");
  checkBool(parseBool(""), false, "strconv.ParseBool: parsing \"\": invalid syntax", "");
}
}
