// stdlib/time_impl.h: the internals shared by the files of package time
// (time.cpp, time_calendar.cpp, time_zone.cpp, time_format.cpp).
//
// Representation (Go's, so that == on two Time values and every derived
// result are Go's):
//
//   time.Time     struct { wall uint64; ext int64; loc *Location }
//       wall: bit 63 hasMonotonic | 33-bit seconds since 1885 | 30-bit nanoseconds
//             (without the monotonic bit the seconds field is 0 and ext
//             holds the signed seconds since January 1, year 1);
//       ext:  the monotonic reading (ns since the program started) when
//             hasMonotonic is set;
//       loc:  nil for UTC (never the UTC Location itself).
//   time.Location struct { name string; zone []zone; tx []zoneTrans;
//                          extend string; cacheStart, cacheEnd int64;
//                          cacheZone *zone }
//   time.zone      struct { name string; offset int; isDST bool }
//   time.zoneTrans struct { when int64; index uint8; isstd, isutc bool }
//
// Calendar computations use Go's "absolute" time: seconds since the year
// -292277022399 as an unsigned 64-bit number, so that divisions round down
// and the results for extreme years are Go's too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "vm/value.h"

namespace gsl::vm {
struct Type;
class Thread;
}  // namespace gsl::vm

namespace gsl::stdlib::timepkg {

// ---- Constants (Go's) ------------------------------------------------------------

constexpr int64_t kSecondsPerMinute = 60;
constexpr int64_t kSecondsPerHour = 60 * kSecondsPerMinute;
constexpr int64_t kSecondsPerDay = 24 * kSecondsPerHour;
constexpr int64_t kSecondsPerWeek = 7 * kSecondsPerDay;
constexpr int64_t kDaysPer400Years = 365 * 400 + 97;
constexpr int64_t kDaysPer100Years = 365 * 100 + 24;
constexpr int64_t kDaysPer4Years = 365 * 4 + 1;

constexpr int64_t kAbsoluteZeroYear = -292277022399;
// (kAbsoluteZeroYear - 1) * 365.2425 days, in seconds.
constexpr int64_t kAbsoluteToInternal = -9223371966579724800;
constexpr int64_t kInternalToAbsolute = -kAbsoluteToInternal;
// Days from year 1 to 1970 (and to 1885), in seconds.
constexpr int64_t kUnixToInternal = (1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * kSecondsPerDay;
constexpr int64_t kInternalToUnix = -kUnixToInternal;
constexpr int64_t kWallToInternal = (1884 * 365 + 1884 / 4 - 1884 / 100 + 1884 / 400) * kSecondsPerDay;

constexpr uint64_t kHasMonotonic = uint64_t{1} << 63;
constexpr int64_t kMinWall = kWallToInternal;
constexpr int64_t kMaxWall = kWallToInternal + ((int64_t{1} << 33) - 1);
constexpr uint64_t kNsecMask = (uint64_t{1} << 30) - 1;
constexpr int kNsecShift = 30;

constexpr int64_t kAlpha = INT64_MIN;  // the start of time, for zone bounds
constexpr int64_t kOmega = INT64_MAX;  // its end

constexpr int64_t kNanosecond = 1;
constexpr int64_t kMicrosecond = 1000;
constexpr int64_t kMillisecond = 1000000;
constexpr int64_t kSecond = 1000000000;
constexpr int64_t kMinute = 60 * kSecond;
constexpr int64_t kHour = 60 * kMinute;

// ---- Types -----------------------------------------------------------------------

const vm::Type* monthType();
const vm::Type* weekdayType();
const vm::Type* locationType();
const vm::Type* locationPtrType();
const vm::Type* zoneType();
const vm::Type* zoneTransType();
const vm::Type* parseErrorType();

extern const char* const kLongMonthNames[12];
extern const char* const kLongDayNames[7];

// Go's Month.String / Weekday.String ("%!Month(13)" when out of range).
std::string monthName(int64_t m);
std::string weekdayName(int64_t d);

// ---- Time values -------------------------------------------------------------------

struct TimeRep {
  uint64_t wall = 0;
  int64_t ext = 0;
  vm::Value loc;  // a *Location, or a nil value for UTC

  bool hasMono() const { return (wall & kHasMonotonic) != 0; }
  int32_t nsec() const { return static_cast<int32_t>(wall & kNsecMask); }
  // Seconds since January 1, year 1.
  int64_t sec() const {
    if (hasMono()) return kWallToInternal + static_cast<int64_t>((wall << 1) >> (kNsecShift + 1));
    return ext;
  }
  int64_t unixSec() const { return sec() + kInternalToUnix; }
  void addSec(int64_t d);
  void stripMono() {
    if (hasMono()) {
      ext = sec();
      wall &= kNsecMask;
    }
  }
  // Sets the location (the UTC Location is stored as nil); strips the
  // monotonic reading, as Go's setLoc does.
  void setLoc(vm::Value l);
};

// Reads a time.Time value (a struct, or a pointer to one).
TimeRep readTime(vm::Value v);
// A fresh time.Time value.
vm::Value makeTimeValue(const TimeRep& t);

// Go's Time methods on the representation.
TimeRep addDuration(TimeRep t, int64_t d);
int64_t subTimes(const TimeRep& t, const TimeRep& u);
bool timeBefore(const TimeRep& t, const TimeRep& u);
bool timeAfter(const TimeRep& t, const TimeRep& u);
bool timeEqual(const TimeRep& t, const TimeRep& u);
// time.Unix(sec, nsec) in Local (nsec is normalised first).
TimeRep unixTime(int64_t sec, int64_t nsec);

// ---- Locations --------------------------------------------------------------------

// time.UTC and time.Local (the same values every time).
vm::Value utcLocation();
vm::Value localLocation();
// The location a Time's loc field means: UTC for nil.
vm::Value locationOf(vm::Value loc);
bool isUTC(vm::Value loc);
// time.FixedZone(name, offset).
vm::Value fixedZone(std::string_view name, int64_t offset);
// time.LoadLocation(name): the location, or an error value in *err.
vm::Value loadLocation(std::string_view name, vm::Value* err);
// Location.String().
std::string locationName(vm::Value loc);

// The zone in effect at a Unix second: name, offset east of UTC, the
// instants (Unix seconds) it starts and ends, and whether it is DST.
struct ZoneInfo {
  std::string name;
  int64_t offset = 0;
  int64_t start = kAlpha;
  int64_t end = kOmega;
  bool isDST = false;
};
ZoneInfo lookupZone(vm::Value loc, int64_t unixSec);
// Go's Location.lookupName: the offset of zone `name` near instant unix.
bool lookupZoneName(vm::Value loc, std::string_view name, int64_t unix, int64_t* offset);

// ---- Calendar ------------------------------------------------------------------------

bool isLeap(int64_t year);
int64_t daysIn(int64_t month, int64_t year);
// Days from the absolute zero year to January 1 of year.
uint64_t daysSinceEpoch(int64_t year);
extern const int32_t kDaysBefore[13];

struct DateParts {
  int64_t year = 0;
  int64_t month = 0;  // 1..12 (only when full)
  int64_t day = 0;    // 1..31 (only when full)
  int64_t yday = 0;   // 0-based day of the year
};
DateParts absDate(uint64_t abs, bool full);
void absClock(uint64_t abs, int64_t* hour, int64_t* min, int64_t* sec);
int64_t absWeekday(uint64_t abs);

// The absolute time of t in its location, with the zone's name and offset.
struct LocalAbs {
  std::string name;
  int64_t offset = 0;
  uint64_t abs = 0;
};
LocalAbs localAbs(const TimeRep& t);
uint64_t absTime(const TimeRep& t);

// time.Date(...): panics when loc is nil, as Go's does.
TimeRep makeDate(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec,
                 int64_t nsec, vm::Value loc);

// ---- Format and parse -------------------------------------------------------------------

std::string formatTime(const TimeRep& t, std::string_view layout);
// Go's Time.String().
std::string timeString(const TimeRep& t);
// parse(layout, value, defaultLocation, local): the time, or (ok false) a
// *time.ParseError value in *err.
bool parseTime(std::string_view layout, std::string_view value, vm::Value defaultLoc, vm::Value local,
               TimeRep* out, vm::Value* err);
// Go's time.quote (used by error messages).
std::string quote(std::string_view s);

// ---- Durations --------------------------------------------------------------------------

std::string durationString(int64_t d);
// ParseDuration: false with the error message in *msg on failure.
bool parseDuration(std::string_view s, int64_t* d, std::string* msg);

}  // namespace gsl::stdlib::timepkg
