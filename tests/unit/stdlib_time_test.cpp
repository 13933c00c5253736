// Unit tests for package time's internals (stdlib/time_impl.h): Duration
// formatting and parsing, the calendar against an independent algorithm,
// and Time arithmetic at its limits.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "stdlib/time_impl.h"
#include "tests/unit/stdlib_test_support.h"

using namespace gsl::stdlib::timepkg;

namespace {

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm), an
// oracle independent of Go's 400-year-cycle arithmetic.
void civilFromDays(int64_t z, int64_t* y, int64_t* m, int64_t* d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

uint64_t absOfUnix(int64_t unix) {
  return static_cast<uint64_t>(unix) + static_cast<uint64_t>(kUnixToInternal + kInternalToAbsolute);
}

}  // namespace

TEST_SUITE("stdlib time") {
  TEST_CASE("Duration.String uses Go's units and precision") {
    CHECK(durationString(0) == "0s");
    CHECK(durationString(1) == "1ns");
    CHECK(durationString(1500) == "1.5\xC2\xB5s");
    CHECK(durationString(1500000) == "1.5ms");
    CHECK(durationString(1500000000) == "1.5s");
    CHECK(durationString(3723000000000) == "1h2m3s");
    CHECK(durationString(-120000000000) == "-2m0s");
    CHECK(durationString(INT64_MIN) == "-2562047h47m16.854775808s");
    CHECK(durationString(INT64_MAX) == "2562047h47m16.854775807s");
  }

  TEST_CASE("ParseDuration accepts Go's syntax and reports Go's errors") {
    int64_t d = 0;
    std::string msg;
    CHECK(parseDuration("1h2m3.5s", &d, &msg));
    CHECK(d == 3723500000000);
    CHECK(parseDuration("-.5us", &d, &msg));
    CHECK(d == -500);
    CHECK(!parseDuration("1", &d, &msg));
    CHECK(msg == "time: missing unit in duration \"1\"");
    CHECK(!parseDuration("1d", &d, &msg));
    CHECK(msg == "time: unknown unit \"d\" in duration \"1d\"");
    CHECK(!parseDuration("9223372036854775808ns", &d, &msg));
    CHECK(msg == "time: invalid duration \"9223372036854775808ns\"");
  }

  TEST_CASE("absDate agrees with the civil calendar for every day of 1600..2400") {
    int64_t first = (1600 - 1970) * 366, last = (2400 - 1970) * 366;
    for (int64_t day = first; day <= last; day++) {
      int64_t y, m, d;
      civilFromDays(day, &y, &m, &d);
      DateParts p = absDate(absOfUnix(day * kSecondsPerDay), true);
      REQUIRE(p.year == y);
      REQUIRE(p.month == m);
      REQUIRE(p.day == d);
    }
  }

  TEST_CASE("daysSinceEpoch inverts absDate at the start of each year") {
    for (int64_t year = -1000; year <= 3000; year += 7) {
      DateParts p = absDate(daysSinceEpoch(year) * kSecondsPerDay, true);
      CHECK(p.year == year);
      CHECK(p.month == 1);
      CHECK(p.day == 1);
      CHECK(p.yday == 0);
    }
  }

  TEST_CASE("weekdays follow the calendar (1970-01-01 was a Thursday)") {
    CHECK(absWeekday(absOfUnix(0)) == 4);
    CHECK(absWeekday(absOfUnix(3 * kSecondsPerDay)) == 0);
    CHECK(absWeekday(absOfUnix(-kSecondsPerDay)) == 3);
  }

  TEST_CASE("adding seconds saturates instead of wrapping") {
    TimeRep t;
    t.ext = INT64_MAX - 5;
    t.addSec(10);
    CHECK(t.ext == INT64_MAX);
    t.ext = -INT64_MAX + 5;
    t.addSec(-10);
    CHECK(t.ext == -INT64_MAX);
  }

  TEST_CASE("a monotonic time moves its wall seconds out of the packed field when they overflow") {
    TimeRep t;
    t.wall = kHasMonotonic | (uint64_t{5} << kNsecShift) | 7;
    t.ext = 1000;
    int64_t sec = t.sec();
    t.addSec(int64_t{1} << 34);
    CHECK(!t.hasMono());
    CHECK(t.sec() == sec + (int64_t{1} << 34));
    CHECK(t.nsec() == 7);
  }

  TEST_CASE("Format and Parse round-trip a time with nanoseconds and an offset") {
    gsl::stdlib::testing::env();
    TimeRep t = makeDate(2021, 3, 4, 5, 6, 7, 890123456, fixedZone("", -9000));
    std::string s = formatTime(t, "2006-01-02T15:04:05.999999999Z07:00");
    CHECK(s == "2021-03-04T05:06:07.890123456-02:30");
    TimeRep back;
    gsl::vm::Value err;
    REQUIRE(parseTime("2006-01-02T15:04:05.999999999Z07:00", s, utcLocation(), utcLocation(), &back, &err));
    CHECK(timeEqual(back, t));
    CHECK(lookupZone(back.loc, back.unixSec()).offset == -9000);
  }
}
