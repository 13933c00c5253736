// Unit tests for stdlib/format_float.h. Every expected string was produced
// by Go 1.19's strconv.FormatFloat with the same arguments.
#include <doctest/doctest.h>

#include <limits>

#include "stdlib/format_float.h"

using gsl::stdlib::formatFloat;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_SUITE("stdlib.format_float") {
TEST_CASE("shortest formats use the fewest digits that read back exactly") {
  CHECK(formatFloat(0.1, 'g', -1, 64) == "0.1");
  CHECK(formatFloat(0.3333333333333333, 'g', -1, 64) == "0.3333333333333333");
  CHECK(formatFloat(0.1, 'g', -1, 32) == "0.1");
  CHECK(formatFloat(100, 'g', -1, 64) == "100");
  CHECK(formatFloat(1e+06, 'g', -1, 64) == "1e+06");
  CHECK(formatFloat(123456, 'g', -1, 64) == "123456");
  CHECK(formatFloat(1.234567e+06, 'g', -1, 64) == "1.234567e+06");
  CHECK(formatFloat(0.0001, 'g', -1, 64) == "0.0001");
  CHECK(formatFloat(1e-05, 'g', -1, 64) == "1e-05");
  CHECK(formatFloat(1e+21, 'g', -1, 64) == "1e+21");
  CHECK(formatFloat(5e-324, 'g', -1, 64) == "5e-324");
  CHECK(formatFloat(1.7976931348623157e+308, 'g', -1, 64) == "1.7976931348623157e+308");
  CHECK(formatFloat(0.1, 'e', -1, 64) == "1e-01");
  CHECK(formatFloat(0.1, 'f', -1, 64) == "0.1");
  CHECK(formatFloat(1e+21, 'f', -1, 64) == "1000000000000000000000");
  CHECK(formatFloat(1.5, 'E', -1, 64) == "1.5E+00");
  CHECK(formatFloat(1e-07, 'G', -1, 64) == "1E-07");
  CHECK(formatFloat(1.6777216e+07, 'g', -1, 32) == "1.6777216e+07");
  CHECK(formatFloat(3.4028234663852886e+38, 'g', -1, 32) == "3.4028235e+38");
  CHECK(formatFloat(0, 'e', -1, 64) == "0e+00");
}

TEST_CASE("fixed precisions round to nearest with ties to even") {
  CHECK(formatFloat(0.125, 'f', 2, 64) == "0.12");
  CHECK(formatFloat(0.375, 'f', 2, 64) == "0.38");
  CHECK(formatFloat(2.5, 'f', 0, 64) == "2");
  CHECK(formatFloat(3.5, 'f', 0, 64) == "4");
  CHECK(formatFloat(0.5, 'f', 0, 64) == "0");
  CHECK(formatFloat(1.005, 'f', 2, 64) == "1.00");
  CHECK(formatFloat(9.995, 'f', 2, 64) == "9.99");
  CHECK(formatFloat(999999.5, 'e', 5, 64) == "1.00000e+06");
  CHECK(formatFloat(0.05, 'f', 1, 64) == "0.1");
  CHECK(formatFloat(0.0001, 'f', 1, 64) == "0.0");
  CHECK(formatFloat(123.456, 'e', 2, 64) == "1.23e+02");
  CHECK(formatFloat(123.456, 'E', 0, 64) == "1E+02");
  CHECK(formatFloat(1, 'e', 3, 64) == "1.000e+00");
  CHECK(formatFloat(0, 'f', 3, 64) == "0.000");
  CHECK(formatFloat(0, 'e', 0, 64) == "0e+00");
  CHECK(formatFloat(0.1, 'f', 20, 64) == "0.10000000000000000555");
  CHECK(formatFloat(0.1, 'e', 30, 64) == "1.000000000000000055511151231258e-01");
  CHECK(formatFloat(1e+23, 'f', 0, 64) == "99999999999999991611392");
  CHECK(formatFloat(0.1, 'f', 20, 32) == "0.10000000149011611938");
}

TEST_CASE("g with a precision trims trailing zeros and picks the exponent form by that precision") {
  CHECK(formatFloat(1, 'g', 3, 64) == "1");
  CHECK(formatFloat(100, 'g', 3, 64) == "100");
  CHECK(formatFloat(1000, 'g', 3, 64) == "1e+03");
  CHECK(formatFloat(123456, 'g', 4, 64) == "1.235e+05");
  CHECK(formatFloat(0.0001234, 'g', 2, 64) == "0.00012");
  CHECK(formatFloat(1.234e-05, 'g', 2, 64) == "1.2e-05");
  CHECK(formatFloat(1.5, 'g', 0, 64) == "2");
  CHECK(formatFloat(2.5, 'G', 1, 64) == "2");
  CHECK(formatFloat(1e+21, 'g', 25, 64) == "1000000000000000000000");
  CHECK(formatFloat(0.3333333333333333, 'g', 17, 64) == "0.33333333333333331");
  CHECK(formatFloat(0.3333333333333333, 'g', 30, 64) == "0.333333333333333314829616256247");
  CHECK(formatFloat(1.23456789e+08, 'g', 10, 64) == "123456789");
}

TEST_CASE("infinities and NaN are spelled as Go spells them") {
  CHECK(formatFloat(kInf, 'g', -1, 64) == "+Inf");
  CHECK(formatFloat(-kInf, 'f', 2, 64) == "-Inf");
  CHECK(formatFloat(std::numeric_limits<double>::quiet_NaN(), 'e', 3, 64) == "NaN");
  CHECK(formatFloat(kInf, 'x', -1, 32) == "+Inf");
  CHECK(formatFloat(-0.0, 'g', -1, 64) == "-0");
  CHECK(formatFloat(-0.0, 'f', 2, 64) == "-0.00");
}

TEST_CASE("b and x formats show the binary exponent") {
  CHECK(formatFloat(1, 'b', -1, 64) == "4503599627370496p-52");
  CHECK(formatFloat(2.5, 'b', -1, 64) == "5629499534213120p-51");
  CHECK(formatFloat(2.5, 'b', -1, 32) == "10485760p-22");
  CHECK(formatFloat(5e-324, 'b', -1, 64) == "1p-1074");
  CHECK(formatFloat(-0.1, 'b', 0, 32) == "-13421773p-27");
  CHECK(formatFloat(1, 'x', -1, 64) == "0x1p+00");
  CHECK(formatFloat(3, 'x', -1, 64) == "0x1.8p+01");
  CHECK(formatFloat(-1.5, 'X', -1, 64) == "-0X1.8P+00");
  CHECK(formatFloat(0.3333333333333333, 'x', 2, 64) == "0x1.55p-02");
  CHECK(formatFloat(0.3333333333333333, 'x', 0, 64) == "0x1p-02");
  CHECK(formatFloat(0, 'x', -1, 64) == "0x0p+00");
  CHECK(formatFloat(0, 'x', 3, 64) == "0x0.000p+00");
  CHECK(formatFloat(1.96875, 'x', 1, 64) == "0x1.0p+01");
  CHECK(formatFloat(1e+300, 'x', -1, 64) == "0x1.7e43c8800759cp+996");
  CHECK(formatFloat(5e-324, 'x', -1, 64) == "0x1p-1074");
  CHECK(formatFloat(0.1, 'x', 20, 32) == "0x1.99999a00000000000000p-04");
  CHECK(formatFloat(0.3333333333333333, 'X', 14, 64) == "0X1.55555555555550P-02");
}

TEST_CASE("an unknown format byte is echoed after a percent sign") {
  CHECK(formatFloat(1, 'z', -1, 64) == "%z");
  CHECK(formatFloat(1, 'v', 2, 64) == "%v");
}

}
