// stdlib/time.cpp: package time: the Time type and its methods, Month and
// Weekday, Now (with Go's monotonic clock reading), Unix, Date, Parse,
// locations, and the package's constants.
//
// Representation and semantics are Go's (stdlib/time_impl.h): Add keeps
// the monotonic reading, Round/Truncate/In/UTC/Local and AddDate drop it,
// Sub/Before/After/Equal use it when both operands have one, and == on
// two Time values compares wall, ext and location exactly as Go's does.
// Durations are in time_duration.cpp, locations in time_zone.cpp, the
// calendar in time_calendar.cpp, layouts in time_format.cpp.
//
// Timers, tickers, After, Tick and AfterFunc need goroutines and channels;
// they belong to the runtime's part of the package (see stdlib/time.h).
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/time.h"
#include "stdlib/time_impl.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {

using vm::Value;

// ---- Clocks -----------------------------------------------------------------------

namespace {

int64_t steadyNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Monotonic readings count from just before the program started, so that
// none is 0 (Go's startNano).
const int64_t kStartNano = steadyNanos() - 1;

}  // namespace

int64_t monotonicNow() { return steadyNanos() - kStartNano; }

void sleepFor(int64_t ns) {
  // Blocks the OS thread: the runtime replaces this with parking the
  // goroutine on a timer, so that other goroutines keep running.
  if (ns <= 0) return;
  timespec ts{static_cast<time_t>(ns / 1000000000), static_cast<long>(ns % 1000000000)};
  while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
  }
}

namespace timepkg {

// ---- The representation ------------------------------------------------------------

void TimeRep::addSec(int64_t d) {
  if (hasMono()) {
    auto s = static_cast<int64_t>((wall << 1) >> (kNsecShift + 1));
    int64_t ds = s + d;
    if (0 <= ds && ds <= (int64_t{1} << 33) - 1) {
      wall = (wall & kNsecMask) | (static_cast<uint64_t>(ds) << kNsecShift) | kHasMonotonic;
      return;
    }
    // The wall seconds no longer fit the packed field: move them to ext.
    stripMono();
  }
  // Saturate instead of overflowing.
  int64_t sum = static_cast<int64_t>(static_cast<uint64_t>(ext) + static_cast<uint64_t>(d));
  if ((sum > ext) == (d > 0)) {
    ext = sum;
  } else if (d > 0) {
    ext = INT64_MAX;
  } else {
    ext = -INT64_MAX;
  }
}

void TimeRep::setLoc(Value l) {
  loc = isUTC(l) ? vm::nilOf(locationPtrType()) : l;
  stripMono();
}

namespace {

enum TimeField { kWall, kExt, kLoc };

vm::StructObj* timeObj(Value v) {
  if (v.isRef()) return static_cast<vm::StructObj*>(v.refTarget());
  if (!v.isObject()) vm::throwNilDereference();
  return static_cast<vm::StructObj*>(v.asObject());
}

}  // namespace

TimeRep readTime(Value v) {
  const Value* f = timeObj(v)->fields();
  TimeRep t;
  t.wall = vm::toUint64(f[kWall]);
  t.ext = vm::toInt64(f[kExt]);
  t.loc = f[kLoc];
  return t;
}

Value makeTimeValue(const TimeRep& t) {
  vm::StructObj* o = vm::newStruct(timeType());
  Value* f = o->fields();
  f[kWall] = vm::makeIntOfType(vm::types::uint64Type(), t.wall);
  f[kExt] = vm::makeIntOfType(vm::types::int64Type(), t.ext);
  f[kLoc] = t.loc.isRef() ? t.loc : vm::nilOf(locationPtrType());
  return Value::object(o);
}

TimeRep addDuration(TimeRep t, int64_t d) {
  int64_t dsec = d / kSecond;
  int64_t nsec = t.nsec() + d % kSecond;
  if (nsec >= kSecond) {
    dsec++;
    nsec -= kSecond;
  } else if (nsec < 0) {
    dsec--;
    nsec += kSecond;
  }
  t.wall = (t.wall & ~kNsecMask) | static_cast<uint64_t>(nsec);
  t.addSec(dsec);
  if (t.hasMono()) {
    int64_t te = static_cast<int64_t>(static_cast<uint64_t>(t.ext) + static_cast<uint64_t>(d));
    if ((d < 0 && te > t.ext) || (d > 0 && te < t.ext)) {
      t.stripMono();  // the monotonic reading overflowed: keep the wall clock only
    } else {
      t.ext = te;
    }
  }
  return t;
}

bool timeAfter(const TimeRep& t, const TimeRep& u) {
  if (t.hasMono() && u.hasMono()) return t.ext > u.ext;
  int64_t ts = t.sec(), us = u.sec();
  return ts > us || (ts == us && t.nsec() > u.nsec());
}

bool timeBefore(const TimeRep& t, const TimeRep& u) {
  if (t.hasMono() && u.hasMono()) return t.ext < u.ext;
  int64_t ts = t.sec(), us = u.sec();
  return ts < us || (ts == us && t.nsec() < u.nsec());
}

bool timeEqual(const TimeRep& t, const TimeRep& u) {
  if (t.hasMono() && u.hasMono()) return t.ext == u.ext;
  return t.sec() == u.sec() && t.nsec() == u.nsec();
}

int64_t subTimes(const TimeRep& t, const TimeRep& u) {
  if (t.hasMono() && u.hasMono()) {
    int64_t te = t.ext, ue = u.ext;
    auto d = static_cast<int64_t>(static_cast<uint64_t>(te) - static_cast<uint64_t>(ue));
    if (d < 0 && te > ue) return INT64_MAX;
    if (d > 0 && te < ue) return INT64_MIN;
    return d;
  }
  uint64_t ds = static_cast<uint64_t>(t.sec()) - static_cast<uint64_t>(u.sec());
  auto d = static_cast<int64_t>(ds * static_cast<uint64_t>(kSecond) +
                                static_cast<uint64_t>(static_cast<int64_t>(t.nsec() - u.nsec())));
  // The wrapped difference is right exactly when adding it back gives t.
  if (timeEqual(addDuration(u, d), t)) return d;
  return timeBefore(t, u) ? INT64_MIN : INT64_MAX;
}

TimeRep unixTime(int64_t sec, int64_t nsec) {
  if (nsec < 0 || nsec >= kSecond) {
    int64_t n = nsec / kSecond;
    sec += n;
    nsec -= n * kSecond;
    if (nsec < 0) {
      nsec += kSecond;
      sec--;
    }
  }
  TimeRep t;
  t.wall = static_cast<uint64_t>(nsec);
  t.ext = sec + kUnixToInternal;
  t.loc = localLocation();
  return t;
}

namespace {

TimeRep nowRep() {
  auto wallNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  int64_t mono = monotonicNow();
  int64_t sec = wallNs / kSecond, nsec = wallNs % kSecond;
  if (nsec < 0) {
    nsec += kSecond;
    sec--;
  }
  sec += kUnixToInternal - kMinWall;
  TimeRep t;
  t.loc = localLocation();
  if ((static_cast<uint64_t>(sec) >> 33) != 0) {
    t.wall = static_cast<uint64_t>(nsec);
    t.ext = sec + kMinWall;
    return t;
  }
  t.wall = kHasMonotonic | (static_cast<uint64_t>(sec) << kNsecShift) | static_cast<uint64_t>(nsec);
  t.ext = mono;
  return t;
}

// Go's div(t, d): whether t/d is odd, and t mod d, for d > 0.
int64_t timeMod(const TimeRep& t, int64_t d) {
  bool neg = false;
  int64_t nsec = t.nsec(), sec = t.sec();
  if (sec < 0) {
    // Work with |t|, then reflect the remainder.
    neg = true;
    sec = -sec;
    nsec = -nsec;
    if (nsec < 0) {
      nsec += kSecond;
      sec--;
    }
  }
  unsigned __int128 total = static_cast<unsigned __int128>(static_cast<uint64_t>(sec)) * kSecond + nsec;
  auto r = static_cast<int64_t>(total % static_cast<uint64_t>(d));
  if (neg && r != 0) r = d - r;
  return r;
}

bool lessThanHalf(int64_t x, int64_t y) {
  return static_cast<uint64_t>(x) + static_cast<uint64_t>(x) < static_cast<uint64_t>(y);
}

Value intValue(int64_t v) { return vm::makeInt(v); }
Value int64Value(int64_t v) { return vm::makeIntOfType(vm::types::int64Type(), v); }
Value monthValue(int64_t m) { return vm::makeIntOfType(monthType(), m); }
Value weekdayValue(int64_t d) { return vm::makeIntOfType(weekdayType(), d); }

TimeRep self(const Value* args) { return readTime(args[0]); }
TimeRep timeArg(const Value* args, int nargs, int i) {
  if (i >= nargs) vm::throwNilDereference();
  return readTime(args[i]);
}

// ---- Month and Weekday -------------------------------------------------------------

int monthString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(monthName(vm::toInt64(args[0])));
  return 1;
}

int weekdayString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(weekdayName(vm::toInt64(args[0])));
  return 1;
}

// ---- Time methods --------------------------------------------------------------------

int tAdd(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeTimeValue(addDuration(self(args), argInt(args, nargs, 1)));
  return 1;
}

int tSub(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeDuration(subTimes(self(args), timeArg(args, nargs, 1)));
  return 1;
}

int tAddDate(vm::Thread&, const Value* args, int nargs, Value* out) {
  TimeRep t = self(args);
  LocalAbs la = localAbs(t);
  DateParts d = absDate(la.abs, true);
  int64_t hour, min, sec;
  absClock(la.abs, &hour, &min, &sec);
  out[0] = makeTimeValue(makeDate(d.year + argInt(args, nargs, 1), d.month + argInt(args, nargs, 2),
                                  d.day + argInt(args, nargs, 3), hour, min, sec, t.nsec(), locationOf(t.loc)));
  return 1;
}

int tAfter(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(timeAfter(self(args), timeArg(args, nargs, 1)));
  return 1;
}

int tBefore(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(timeBefore(self(args), timeArg(args, nargs, 1)));
  return 1;
}

int tEqual(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(timeEqual(self(args), timeArg(args, nargs, 1)));
  return 1;
}

int tCompare(vm::Thread&, const Value* args, int nargs, Value* out) {
  TimeRep t = self(args), u = timeArg(args, nargs, 1);
  int64_t tc, uc;
  if (t.hasMono() && u.hasMono()) {
    tc = t.ext;
    uc = u.ext;
  } else {
    tc = t.sec();
    uc = u.sec();
    if (tc == uc) {
      tc = t.nsec();
      uc = u.nsec();
    }
  }
  out[0] = intValue(tc < uc ? -1 : tc > uc ? 1 : 0);
  return 1;
}

int tIsZero(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  out[0] = vm::makeBool(t.sec() == 0 && t.nsec() == 0);
  return 1;
}

int tDate(vm::Thread&, const Value* args, int, Value* out) {
  DateParts d = absDate(absTime(self(args)), true);
  out[0] = intValue(d.year);
  out[1] = monthValue(d.month);
  out[2] = intValue(d.day);
  return 3;
}

int tYear(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = intValue(absDate(absTime(self(args)), false).year);
  return 1;
}

int tMonth(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = monthValue(absDate(absTime(self(args)), true).month);
  return 1;
}

int tDay(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = intValue(absDate(absTime(self(args)), true).day);
  return 1;
}

int tYearDay(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = intValue(absDate(absTime(self(args)), false).yday + 1);
  return 1;
}

int tWeekday(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = weekdayValue(absWeekday(absTime(self(args))));
  return 1;
}

int tISOWeek(vm::Thread&, const Value* args, int, Value* out) {
  // The ISO week is the one containing the week's Thursday.
  uint64_t abs = absTime(self(args));
  int64_t d = 4 - absWeekday(abs);
  if (d == 4) d = -3;  // Sunday belongs to the week before
  abs += static_cast<uint64_t>(d) * kSecondsPerDay;
  DateParts p = absDate(abs, false);
  out[0] = intValue(p.year);
  out[1] = intValue(p.yday / 7 + 1);
  return 2;
}

int tClock(vm::Thread&, const Value* args, int, Value* out) {
  int64_t h, m, s;
  absClock(absTime(self(args)), &h, &m, &s);
  out[0] = intValue(h);
  out[1] = intValue(m);
  out[2] = intValue(s);
  return 3;
}

int tHour(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = intValue(static_cast<int64_t>(absTime(self(args)) % kSecondsPerDay) / kSecondsPerHour);
  return 1;
}

int tMinute(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = intValue(static_cast<int64_t>(absTime(self(args)) % kSecondsPerHour) / kSecondsPerMinute);
  return 1;
}

int tSecond(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = intValue(static_cast<int64_t>(absTime(self(args)) % kSecondsPerMinute));
  return 1;
}

int tNanosecond(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = intValue(self(args).nsec());
  return 1;
}

int tUnix(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = int64Value(self(args).unixSec());
  return 1;
}

int tUnixMilli(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  out[0] = int64Value(t.unixSec() * 1000 + t.nsec() / 1000000);
  return 1;
}

int tUnixMicro(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  out[0] = int64Value(t.unixSec() * 1000000 + t.nsec() / 1000);
  return 1;
}

int tUnixNano(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  // Wraps like Go's for times outside 1678..2262.
  out[0] = int64Value(static_cast<int64_t>(static_cast<uint64_t>(t.unixSec()) * kSecond + t.nsec()));
  return 1;
}

int tTruncate(vm::Thread&, const Value* args, int nargs, Value* out) {
  TimeRep t = self(args);
  t.stripMono();
  int64_t d = argInt(args, nargs, 1);
  if (d > 0) t = addDuration(t, -timeMod(t, d));
  out[0] = makeTimeValue(t);
  return 1;
}

int tRound(vm::Thread&, const Value* args, int nargs, Value* out) {
  TimeRep t = self(args);
  t.stripMono();
  int64_t d = argInt(args, nargs, 1);
  if (d > 0) {
    int64_t r = timeMod(t, d);
    t = lessThanHalf(r, d) ? addDuration(t, -r) : addDuration(t, d - r);
  }
  out[0] = makeTimeValue(t);
  return 1;
}

int tUTC(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  t.setLoc(utcLocation());
  out[0] = makeTimeValue(t);
  return 1;
}

int tLocal(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  t.setLoc(localLocation());
  out[0] = makeTimeValue(t);
  return 1;
}

int tIn(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value loc = arg(args, nargs, 1);
  if (!loc.isRef()) vm::throwPanic(vm::makeString("time: missing Location in call to Time.In"));
  TimeRep t = self(args);
  t.setLoc(loc);
  out[0] = makeTimeValue(t);
  return 1;
}

int tLocation(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = locationOf(self(args).loc);
  return 1;
}

int tZone(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  ZoneInfo z = lookupZone(t.loc, t.unixSec());
  out[0] = vm::makeString(z.name);
  out[1] = intValue(z.offset);
  return 2;
}

int tZoneBounds(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  ZoneInfo z = lookupZone(t.loc, t.unixSec());
  TimeRep start, end;
  if (z.start != kAlpha) {
    start = unixTime(z.start, 0);
    start.setLoc(locationOf(t.loc));
  }
  if (z.end != kOmega) {
    end = unixTime(z.end, 0);
    end.setLoc(locationOf(t.loc));
  }
  out[0] = makeTimeValue(start);
  out[1] = makeTimeValue(end);
  return 2;
}

int tIsDST(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  out[0] = vm::makeBool(lookupZone(t.loc, t.unixSec()).isDST);
  return 1;
}

int tFormat(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(formatTime(self(args), argString(args, nargs, 1)));
  return 1;
}

int tAppendFormat(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value b = arg(args, nargs, 1);
  std::string s = formatTime(self(args), argString(args, nargs, 2));
  if (b.isNil()) b = vm::nilOf(vm::sliceOf(vm::types::byteType()));
  out[0] = vm::appendBytes(b, s);
  return 1;
}

int tString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(timeString(self(args)));
  return 1;
}

int tGoString(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  LocalAbs la = localAbs(t);
  DateParts d = absDate(la.abs, true);
  int64_t h, m, s;
  absClock(la.abs, &h, &m, &s);
  std::string b = "time.Date(" + std::to_string(d.year);
  b += ", time." + monthName(d.month);
  b += ", " + std::to_string(d.day) + ", " + std::to_string(h) + ", " + std::to_string(m) + ", " +
       std::to_string(s) + ", " + std::to_string(t.nsec()) + ", ";
  Value loc = locationOf(t.loc);
  if (isUTC(loc)) {
    b += "time.UTC";
  } else if (loc.refTarget() == localLocation().refTarget()) {
    b += "time.Local";
  } else {
    b += "time.Location(" + quote(locationName(loc)) + ")";
  }
  out[0] = vm::makeString(b + ")");
  return 1;
}

// MarshalJSON / MarshalText: RFC 3339 with nanoseconds, years 0..9999 only.
template <bool kJSON>
int tMarshal(vm::Thread&, const Value* args, int, Value* out) {
  TimeRep t = self(args);
  int64_t y = absDate(absTime(t), false).year;
  if (y < 0 || y >= 10000) {
    out[0] = vm::nilOf(vm::sliceOf(vm::types::byteType()));
    out[1] = newError(kJSON ? "Time.MarshalJSON: year outside of range [0,9999]"
                            : "Time.MarshalText: year outside of range [0,9999]");
    return 2;
  }
  std::string s = formatTime(t, "2006-01-02T15:04:05.999999999Z07:00");
  out[0] = makeByteSlice(kJSON ? "\"" + s + "\"" : s);
  out[1] = Value();
  return 2;
}

// UnmarshalJSON / UnmarshalText: the receiver is a *Time.
template <bool kJSON>
int tUnmarshal(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string data = bytesOf(arg(args, nargs, 1));
  out[0] = Value();
  if (kJSON && data == "null") return 1;
  TimeRep t;
  Value err;
  std::string layout = kJSON ? "\"2006-01-02T15:04:05Z07:00\"" : "2006-01-02T15:04:05Z07:00";
  if (!parseTime(layout, data, utcLocation(), localLocation(), &t, &err)) {
    out[0] = err;
    return 1;
  }
  vm::StructObj* o = receiverStruct(args);
  Value v = makeTimeValue(t);
  for (int i = 0; i < 3; i++) o->fields()[i] = static_cast<vm::StructObj*>(v.asObject())->fields()[i];
  return 1;
}

// ---- Package functions ------------------------------------------------------------------

int nNow(vm::Thread&, const Value*, int, Value* out) {
  out[0] = makeTimeValue(nowRep());
  return 1;
}

// Since and Until: a time with a monotonic reading is compared with the
// monotonic clock alone, as Go does.
TimeRep nowFor(const TimeRep& t) {
  if (t.hasMono()) {
    TimeRep n;
    n.wall = kHasMonotonic;
    n.ext = monotonicNow();
    return n;
  }
  return nowRep();
}

int nSince(vm::Thread&, const Value* args, int nargs, Value* out) {
  TimeRep t = timeArg(args, nargs, 0);
  out[0] = makeDuration(subTimes(nowFor(t), t));
  return 1;
}

int nUntil(vm::Thread&, const Value* args, int nargs, Value* out) {
  TimeRep t = timeArg(args, nargs, 0);
  out[0] = makeDuration(subTimes(t, nowFor(t)));
  return 1;
}

int nUnix(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = makeTimeValue(unixTime(argInt(args, nargs, 0), argInt(args, nargs, 1)));
  return 1;
}

int nUnixMilli(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t ms = argInt(args, nargs, 0);
  out[0] = makeTimeValue(unixTime(ms / 1000, (ms % 1000) * 1000000));
  return 1;
}

int nUnixMicro(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t us = argInt(args, nargs, 0);
  out[0] = makeTimeValue(unixTime(us / 1000000, (us % 1000000) * 1000));
  return 1;
}

int nDate(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value loc = arg(args, nargs, 7);
  if (!loc.isRef()) vm::throwPanic(vm::makeString("time: missing Location in call to Date"));
  out[0] = makeTimeValue(makeDate(argInt(args, nargs, 0), argInt(args, nargs, 1), argInt(args, nargs, 2),
                                  argInt(args, nargs, 3), argInt(args, nargs, 4), argInt(args, nargs, 5),
                                  argInt(args, nargs, 6), loc));
  return 1;
}

int parseResult(bool ok, const TimeRep& t, Value err, Value* out) {
  out[0] = makeTimeValue(ok ? t : TimeRep{});
  out[1] = ok ? Value() : err;
  return 2;
}

int nParse(vm::Thread&, const Value* args, int nargs, Value* out) {
  TimeRep t;
  Value err;
  bool ok = parseTime(argString(args, nargs, 0), argString(args, nargs, 1), utcLocation(), localLocation(), &t,
                      &err);
  return parseResult(ok, t, err, out);
}

int nParseInLocation(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value loc = arg(args, nargs, 2);
  if (!loc.isRef()) vm::throwNilDereference();
  TimeRep t;
  Value err;
  bool ok = parseTime(argString(args, nargs, 0), argString(args, nargs, 1), loc, loc, &t, &err);
  return parseResult(ok, t, err, out);
}

int nFixedZone(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = fixedZone(argString(args, nargs, 0), argInt(args, nargs, 1));
  return 1;
}

int nLoadLocation(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value err;
  out[0] = loadLocation(argString(args, nargs, 0), &err);
  out[1] = err;
  return 2;
}

// ---- Constants -------------------------------------------------------------------------

template <int64_t kMonth>
Value monthConst() {
  return monthValue(kMonth);
}

template <int64_t kDay>
Value weekdayConst() {
  return weekdayValue(kDay);
}

template <const char* kLayout>
Value layoutConst() {
  return vm::makeString(kLayout);
}

constexpr char kLayout[] = "01/02 03:04:05PM '06 -0700";
constexpr char kANSIC[] = "Mon Jan _2 15:04:05 2006";
constexpr char kUnixDate[] = "Mon Jan _2 15:04:05 MST 2006";
constexpr char kRubyDate[] = "Mon Jan 02 15:04:05 -0700 2006";
constexpr char kRFC822[] = "02 Jan 06 15:04 MST";
constexpr char kRFC822Z[] = "02 Jan 06 15:04 -0700";
constexpr char kRFC850[] = "Monday, 02-Jan-06 15:04:05 MST";
constexpr char kRFC1123[] = "Mon, 02 Jan 2006 15:04:05 MST";
constexpr char kRFC1123Z[] = "Mon, 02 Jan 2006 15:04:05 -0700";
constexpr char kRFC3339[] = "2006-01-02T15:04:05Z07:00";
constexpr char kRFC3339Nano[] = "2006-01-02T15:04:05.999999999Z07:00";
constexpr char kKitchen[] = "3:04PM";
constexpr char kStamp[] = "Jan _2 15:04:05";
constexpr char kStampMilli[] = "Jan _2 15:04:05.000";
constexpr char kStampMicro[] = "Jan _2 15:04:05.000000";
constexpr char kStampNano[] = "Jan _2 15:04:05.000000000";
constexpr char kDateTime[] = "2006-01-02 15:04:05";
constexpr char kDateOnly[] = "2006-01-02";
constexpr char kTimeOnly[] = "15:04:05";

Value utcVar() { return utcLocation(); }
Value localVar() { return localLocation(); }

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "time",
      "time",
      {
          typeMember("Time", timeType),
          typeMember("Month", monthType),
          typeMember("Weekday", weekdayType),
          typeMember("Location", locationType),
          typeMember("ParseError", parseErrorType),
          funcMember("Now", nNow),
          funcMember("Since", nSince),
          funcMember("Until", nUntil),
          funcMember("Unix", nUnix),
          funcMember("UnixMilli", nUnixMilli),
          funcMember("UnixMicro", nUnixMicro),
          funcMember("Date", nDate),
          funcMember("Parse", nParse),
          funcMember("ParseInLocation", nParseInLocation),
          funcMember("FixedZone", nFixedZone),
          funcMember("LoadLocation", nLoadLocation),
          varMember("UTC", utcVar),
          varMember("Local", localVar),
          constMember("January", monthConst<1>),
          constMember("February", monthConst<2>),
          constMember("March", monthConst<3>),
          constMember("April", monthConst<4>),
          constMember("May", monthConst<5>),
          constMember("June", monthConst<6>),
          constMember("July", monthConst<7>),
          constMember("August", monthConst<8>),
          constMember("September", monthConst<9>),
          constMember("October", monthConst<10>),
          constMember("November", monthConst<11>),
          constMember("December", monthConst<12>),
          constMember("Sunday", weekdayConst<0>),
          constMember("Monday", weekdayConst<1>),
          constMember("Tuesday", weekdayConst<2>),
          constMember("Wednesday", weekdayConst<3>),
          constMember("Thursday", weekdayConst<4>),
          constMember("Friday", weekdayConst<5>),
          constMember("Saturday", weekdayConst<6>),
          constMember("Layout", layoutConst<kLayout>),
          constMember("ANSIC", layoutConst<kANSIC>),
          constMember("UnixDate", layoutConst<kUnixDate>),
          constMember("RubyDate", layoutConst<kRubyDate>),
          constMember("RFC822", layoutConst<kRFC822>),
          constMember("RFC822Z", layoutConst<kRFC822Z>),
          constMember("RFC850", layoutConst<kRFC850>),
          constMember("RFC1123", layoutConst<kRFC1123>),
          constMember("RFC1123Z", layoutConst<kRFC1123Z>),
          constMember("RFC3339", layoutConst<kRFC3339>),
          constMember("RFC3339Nano", layoutConst<kRFC3339Nano>),
          constMember("Kitchen", layoutConst<kKitchen>),
          constMember("Stamp", layoutConst<kStamp>),
          constMember("StampMilli", layoutConst<kStampMilli>),
          constMember("StampMicro", layoutConst<kStampMicro>),
          constMember("StampNano", layoutConst<kStampNano>),
          constMember("DateTime", layoutConst<kDateTime>),
          constMember("DateOnly", layoutConst<kDateOnly>),
          constMember("TimeOnly", layoutConst<kTimeOnly>),
      },
  });
  return true;
}();

}  // namespace

const vm::Type* monthType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("time", "Month", vm::types::intType());
    defineMethod(named, "String", monthString, false);
    return named;
  }();
  return t;
}

const vm::Type* weekdayType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("time", "Weekday", vm::types::intType());
    defineMethod(named, "String", weekdayString, false);
    return named;
  }();
  return t;
}

}  // namespace timepkg

// ---- The Time type and the public API (stdlib/time.h) -----------------------------------

const vm::Type* timeType() {
  static const vm::Type* t = [] {
    using namespace timepkg;
    vm::Type* named = defineStruct("time", "Time",
                                   {field("wall", vm::types::uint64Type()), field("ext", vm::types::int64Type()),
                                    field("loc", locationPtrType())});
    struct {
      const char* name;
      vm::NativeFn fn;
    } const valueMethods[] = {
        {"Add", tAdd},           {"AddDate", tAddDate},         {"After", tAfter},
        {"AppendFormat", tAppendFormat}, {"Before", tBefore},   {"Clock", tClock},
        {"Compare", tCompare},   {"Date", tDate},               {"Day", tDay},
        {"Equal", tEqual},       {"Format", tFormat},           {"GoString", tGoString},
        {"Hour", tHour},         {"ISOWeek", tISOWeek},         {"In", tIn},
        {"IsDST", tIsDST},       {"IsZero", tIsZero},           {"Local", tLocal},
        {"Location", tLocation}, {"MarshalJSON", tMarshal<true>}, {"MarshalText", tMarshal<false>},
        {"Minute", tMinute},     {"Month", tMonth},             {"Nanosecond", tNanosecond},
        {"Round", tRound},       {"Second", tSecond},           {"String", tString},
        {"Sub", tSub},           {"Truncate", tTruncate},       {"UTC", tUTC},
        {"Unix", tUnix},         {"UnixMicro", tUnixMicro},     {"UnixMilli", tUnixMilli},
        {"UnixNano", tUnixNano}, {"Weekday", tWeekday},         {"Year", tYear},
        {"YearDay", tYearDay},   {"Zone", tZone},               {"ZoneBounds", tZoneBounds},
    };
    for (const auto& m : valueMethods) defineMethod(named, m.name, m.fn, false);
    defineMethod(named, "UnmarshalJSON", tUnmarshal<true>, true);
    defineMethod(named, "UnmarshalText", tUnmarshal<false>, true);
    return named;
  }();
  return t;
}

Value timeNow() { return timepkg::makeTimeValue(timepkg::nowRep()); }

Value timeFromUnix(int64_t sec, int64_t nsec) { return timepkg::makeTimeValue(timepkg::unixTime(sec, nsec)); }

}  // namespace gsl::stdlib
