// stdlib/time_calendar.cpp: the Gregorian calendar of package time:
// absolute times to dates and clocks and back (time.Date), with Go's
// normalisation of out-of-range fields (October 32 is November 1).
//
// Arithmetic on absolute times is unsigned and wraps as Go's does, so the
// results for absurd inputs (year 10^12, day -10^15) are Go's as well;
// signed intermediate values that Go lets overflow are computed as
// uint64 here to keep that wrapping defined in C++.
#include <cstdint>

#include "stdlib/time_impl.h"
#include "vm/object.h"
#include "vm/panic.h"

namespace gsl::stdlib::timepkg {

const int32_t kDaysBefore[13] = {
    0,
    31,
    31 + 28,
    31 + 28 + 31,
    31 + 28 + 31 + 30,
    31 + 28 + 31 + 30 + 31,
    31 + 28 + 31 + 30 + 31 + 30,
    31 + 28 + 31 + 30 + 31 + 30 + 31,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30,
    31 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31,
};

bool isLeap(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int64_t daysIn(int64_t month, int64_t year) {
  if (month == 2 && isLeap(year)) return 29;
  return kDaysBefore[month] - kDaysBefore[month - 1];
}

uint64_t daysSinceEpoch(int64_t year) {
  uint64_t y = static_cast<uint64_t>(year) - static_cast<uint64_t>(kAbsoluteZeroYear);
  // Whole 400-, 100- and 4-year cycles, then single years.
  uint64_t n = y / 400;
  y -= 400 * n;
  uint64_t d = kDaysPer400Years * n;
  n = y / 100;
  y -= 100 * n;
  d += kDaysPer100Years * n;
  n = y / 4;
  y -= 4 * n;
  d += kDaysPer4Years * n;
  d += 365 * y;
  return d;
}

DateParts absDate(uint64_t abs, bool full) {
  DateParts r;
  uint64_t d = abs / kSecondsPerDay;
  // 400-year cycles.
  uint64_t n = d / kDaysPer400Years;
  uint64_t y = 400 * n;
  d -= kDaysPer400Years * n;
  // 100-year cycles; the last one of a 400-year cycle is a day longer, so
  // its last day would count as a fifth cycle: n>>2 takes it back.
  n = d / kDaysPer100Years;
  n -= n >> 2;
  y += 100 * n;
  d -= kDaysPer100Years * n;
  // 4-year cycles.
  n = d / kDaysPer4Years;
  y += 4 * n;
  d -= kDaysPer4Years * n;
  // Single years; the fourth is the leap year, same correction.
  n = d / 365;
  n -= n >> 2;
  y += n;
  d -= 365 * n;

  r.year = static_cast<int64_t>(y + static_cast<uint64_t>(kAbsoluteZeroYear));
  r.yday = static_cast<int64_t>(d);
  if (!full) return r;

  int64_t day = r.yday;
  if (isLeap(r.year)) {
    if (day > 31 + 29 - 1) {
      day--;  // after February 29: count as in a common year
    } else if (day == 31 + 29 - 1) {
      r.month = 2;
      r.day = 29;
      return r;
    }
  }
  // Guess the month as if every month had 31 days; the guess is at most
  // one month early.
  int64_t month = day / 31;
  int64_t end = kDaysBefore[month + 1];
  int64_t begin;
  if (day >= end) {
    month++;
    begin = end;
  } else {
    begin = kDaysBefore[month];
  }
  r.month = month + 1;
  r.day = day - begin + 1;
  return r;
}

void absClock(uint64_t abs, int64_t* hour, int64_t* min, int64_t* sec) {
  int64_t s = static_cast<int64_t>(abs % kSecondsPerDay);
  *hour = s / kSecondsPerHour;
  s -= *hour * kSecondsPerHour;
  *min = s / kSecondsPerMinute;
  *sec = s - *min * kSecondsPerMinute;
}

int64_t absWeekday(uint64_t abs) {
  // January 1 of the absolute zero year, like January 1, 2001, was a Monday.
  uint64_t s = (abs + 1 * kSecondsPerDay) % kSecondsPerWeek;
  return static_cast<int64_t>(s) / kSecondsPerDay;
}

LocalAbs localAbs(const TimeRep& t) {
  LocalAbs r;
  int64_t sec = t.unixSec();
  if (isUTC(t.loc)) {
    r.name = "UTC";
  } else {
    ZoneInfo z = lookupZone(t.loc, sec);
    r.name = z.name;
    r.offset = z.offset;
    sec = static_cast<int64_t>(static_cast<uint64_t>(sec) + static_cast<uint64_t>(z.offset));
  }
  r.abs = static_cast<uint64_t>(sec) + static_cast<uint64_t>(kUnixToInternal + kInternalToAbsolute);
  return r;
}

uint64_t absTime(const TimeRep& t) { return localAbs(t).abs; }

namespace {

// Moves whole multiples of base from lo into hi so that 0 <= lo < base.
void norm(int64_t& hi, int64_t& lo, int64_t base) {
  if (lo < 0) {
    int64_t n = (-lo - 1) / base + 1;
    hi -= n;
    lo += n * base;
  }
  if (lo >= base) {
    int64_t n = lo / base;
    hi += n;
    lo -= n * base;
  }
}

}  // namespace

TimeRep makeDate(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec,
                 int64_t nsec, vm::Value loc) {
  if (loc.isNil() || vm::isNilValue(loc)) vm::throwPanic(vm::makeString("time: missing Location in call to Date"));
  int64_t m = month - 1;
  norm(year, m, 12);
  month = m + 1;
  norm(sec, nsec, 1000000000);
  norm(min, sec, 60);
  norm(hour, min, 60);
  norm(day, hour, 24);

  uint64_t d = daysSinceEpoch(year);
  d += static_cast<uint64_t>(kDaysBefore[month - 1]);
  if (isLeap(year) && month >= 3) d++;  // February 29
  d += static_cast<uint64_t>(day - 1);
  uint64_t abs = d * kSecondsPerDay;
  abs += static_cast<uint64_t>(hour * kSecondsPerHour + min * kSecondsPerMinute + sec);
  auto unix = static_cast<int64_t>(abs + static_cast<uint64_t>(kAbsoluteToInternal + kInternalToUnix));

  // The offset in effect at the local wall time; around a transition, the
  // offset in effect at the resulting instant wins.
  ZoneInfo z = lookupZone(loc, unix);
  if (z.offset != 0) {
    int64_t utc = unix - z.offset;
    if (utc < z.start || utc >= z.end) z = lookupZone(loc, utc);
    unix -= z.offset;
  }
  TimeRep t = unixTime(unix, nsec);
  t.setLoc(loc);
  return t;
}

}  // namespace gsl::stdlib::timepkg
