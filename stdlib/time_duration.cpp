// stdlib/time_duration.cpp: time.Duration: its String form ("1h2m3.5s",
// "1.5µs", "0s"), its conversions and rounding, and ParseDuration, all with
// Go's exact rules (including saturation at the int64 limits and Go's
// error messages).
#include <cstdint>
#include <string>
#include <string_view>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/time.h"
#include "stdlib/time_impl.h"
#include "vm/object.h"

namespace gsl::stdlib {

using vm::Value;

namespace timepkg {

namespace {

// Writes the fraction v/10^prec into the tail of buf (before w), without
// trailing zeros and without the point when the fraction is zero; returns
// v/10^prec.
uint64_t fmtFrac(char* buf, int& w, uint64_t v, int prec) {
  bool print = false;
  for (int i = 0; i < prec; i++) {
    auto digit = static_cast<char>(v % 10);
    print = print || digit != 0;
    if (print) buf[--w] = static_cast<char>('0' + digit);
    v /= 10;
  }
  if (print) buf[--w] = '.';
  return v;
}

void fmtInt(char* buf, int& w, uint64_t v) {
  if (v == 0) {
    buf[--w] = '0';
    return;
  }
  for (; v > 0; v /= 10) buf[--w] = static_cast<char>('0' + v % 10);
}

}  // namespace

std::string durationString(int64_t d) {
  // The longest is "-2562047h47m16.854775808s".
  char buf[32];
  int w = sizeof buf;
  auto u = static_cast<uint64_t>(d);
  bool neg = d < 0;
  if (neg) u = -u;
  if (u < static_cast<uint64_t>(kSecond)) {
    // Below a second, a smaller unit keeps the leading digit non-zero.
    int prec = 0;
    buf[--w] = 's';
    if (u == 0) return "0s";
    if (u < static_cast<uint64_t>(kMicrosecond)) {
      buf[--w] = 'n';
    } else if (u < static_cast<uint64_t>(kMillisecond)) {
      prec = 3;
      buf[--w] = '\xB5';  // U+00B5 MICRO SIGN, two bytes in UTF-8
      buf[--w] = '\xC2';
    } else {
      prec = 6;
      buf[--w] = 'm';
    }
    u = fmtFrac(buf, w, u, prec);
    fmtInt(buf, w, u);
  } else {
    buf[--w] = 's';
    u = fmtFrac(buf, w, u, 9);
    fmtInt(buf, w, u % 60);  // seconds
    u /= 60;
    if (u > 0) {
      buf[--w] = 'm';
      fmtInt(buf, w, u % 60);  // minutes
      u /= 60;
      if (u > 0) {
        // Hours are the largest unit: days have different lengths.
        buf[--w] = 'h';
        fmtInt(buf, w, u);
      }
    }
  }
  if (neg) buf[--w] = '-';
  return std::string(buf + w, sizeof buf - w);
}

namespace {

constexpr uint64_t kTwo63 = uint64_t{1} << 63;

// The leading [0-9]* of s as a number; false on overflow past 2^63.
bool leadingInt(std::string_view& s, uint64_t* x) {
  uint64_t v = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) {
    if (v > kTwo63 / 10) return false;
    v = v * 10 + static_cast<uint64_t>(s[i] - '0');
    if (v > kTwo63) return false;
  }
  *x = v;
  s.remove_prefix(i);
  return true;
}

// The leading [0-9]* of a fraction: digits past what 63 bits hold are
// read and ignored.
void leadingFraction(std::string_view& s, uint64_t* x, double* scale) {
  uint64_t v = 0;
  double sc = 1;
  bool overflow = false;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) {
    if (overflow) continue;
    if (v > (kTwo63 - 1) / 10) {
      overflow = true;
      continue;
    }
    uint64_t y = v * 10 + static_cast<uint64_t>(s[i] - '0');
    if (y > kTwo63) {
      overflow = true;
      continue;
    }
    v = y;
    sc *= 10;
  }
  *x = v;
  *scale = sc;
  s.remove_prefix(i);
}

bool unitOf(std::string_view u, uint64_t* unit) {
  if (u == "ns") {
    *unit = kNanosecond;
  } else if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") {  // µs (micro sign or Greek mu)
    *unit = kMicrosecond;
  } else if (u == "ms") {
    *unit = kMillisecond;
  } else if (u == "s") {
    *unit = kSecond;
  } else if (u == "m") {
    *unit = kMinute;
  } else if (u == "h") {
    *unit = kHour;
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool parseDuration(std::string_view s, int64_t* out, std::string* msg) {
  // [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+
  std::string_view orig = s;
  auto invalid = [&] {
    *msg = "time: invalid duration " + quote(orig);
    return false;
  };
  uint64_t d = 0;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    *out = 0;
    return true;
  }
  if (s.empty()) return invalid();
  while (!s.empty()) {
    uint64_t v = 0, f = 0;
    double scale = 1;
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid();
    size_t before = s.size();
    if (!leadingInt(s, &v)) return invalid();
    bool pre = before != s.size();
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      size_t at = s.size();
      leadingFraction(s, &f, &scale);
      post = at != s.size();
    }
    if (!pre && !post) return invalid();  // no digits, as in ".s"
    size_t i = 0;
    while (i < s.size() && s[i] != '.' && !(s[i] >= '0' && s[i] <= '9')) i++;
    if (i == 0) {
      *msg = "time: missing unit in duration " + quote(orig);
      return false;
    }
    std::string_view u = s.substr(0, i);
    s.remove_prefix(i);
    uint64_t unit = 0;
    if (!unitOf(u, &unit)) {
      *msg = "time: unknown unit " + quote(u) + " in duration " + quote(orig);
      return false;
    }
    if (v > kTwo63 / unit) return invalid();
    v *= unit;
    if (f > 0) {
      // float64 keeps fractions of an hour accurate to the nanosecond.
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kTwo63) return invalid();
    }
    d += v;
    if (d > kTwo63) return invalid();
  }
  if (neg) {
    *out = static_cast<int64_t>(-d);
    return true;
  }
  if (d > kTwo63 - 1) return invalid();
  *out = static_cast<int64_t>(d);
  return true;
}

namespace {

int64_t recv(const Value* args) { return vm::toInt64(args[0]); }

int dString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(durationString(recv(args)));
  return 1;
}

Value int64Value(int64_t v) { return vm::makeIntOfType(vm::types::int64Type(), v); }

int dNanoseconds(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = int64Value(recv(args));
  return 1;
}

int dMicroseconds(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = int64Value(recv(args) / kMicrosecond);
  return 1;
}

int dMilliseconds(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = int64Value(recv(args) / kMillisecond);
  return 1;
}

// Seconds, Minutes, Hours: the integer part and the fraction are converted
// separately, so that truncating the float gives the integer division.
template <int64_t kUnit>
int dFloatUnits(vm::Thread&, const Value* args, int, Value* out) {
  int64_t d = recv(args);
  int64_t whole = d / kUnit, rest = d % kUnit;
  out[0] = vm::makeFloat(static_cast<double>(whole) + static_cast<double>(rest) / static_cast<double>(kUnit));
  return 1;
}

int dTruncate(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t d = recv(args), m = argInt(args, nargs, 1);
  out[0] = makeDuration(m <= 0 ? d : d - d % m);
  return 1;
}

// Whether x+x < y, without overflow (x, y >= 0).
bool lessThanHalf(int64_t x, int64_t y) {
  return static_cast<uint64_t>(x) + static_cast<uint64_t>(x) < static_cast<uint64_t>(y);
}

int dRound(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t d = recv(args), m = argInt(args, nargs, 1);
  int64_t r = d;
  if (m > 0) {
    int64_t rem = d % m;
    if (d < 0) {
      rem = -rem;
      if (lessThanHalf(rem, m)) {
        r = d + rem;
      } else {
        // Halfway rounds away from zero; saturate on overflow.
        int64_t d1 = static_cast<int64_t>(static_cast<uint64_t>(d) - static_cast<uint64_t>(m) + static_cast<uint64_t>(rem));
        r = d1 < d ? d1 : INT64_MIN;
      }
    } else if (lessThanHalf(rem, m)) {
      r = d - rem;
    } else {
      int64_t d1 = static_cast<int64_t>(static_cast<uint64_t>(d) + static_cast<uint64_t>(m) - static_cast<uint64_t>(rem));
      r = d1 > d ? d1 : INT64_MAX;
    }
  }
  out[0] = makeDuration(r);
  return 1;
}

int dAbs(vm::Thread&, const Value* args, int, Value* out) {
  int64_t d = recv(args);
  out[0] = makeDuration(d >= 0 ? d : d == INT64_MIN ? INT64_MAX : -d);
  return 1;
}

int nParseDuration(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t d = 0;
  std::string msg;
  if (parseDuration(argString(args, nargs, 0), &d, &msg)) {
    out[0] = makeDuration(d);
    out[1] = Value();
  } else {
    out[0] = makeDuration(0);
    out[1] = newError(msg);
  }
  return 2;
}

template <int64_t kUnit>
Value unitConst() {
  return makeDuration(kUnit);
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "time",
      "time",
      {
          typeMember("Duration", durationType),
          constMember("Nanosecond", unitConst<kNanosecond>),
          constMember("Microsecond", unitConst<kMicrosecond>),
          constMember("Millisecond", unitConst<kMillisecond>),
          constMember("Second", unitConst<kSecond>),
          constMember("Minute", unitConst<kMinute>),
          constMember("Hour", unitConst<kHour>),
          funcMember("ParseDuration", nParseDuration),
      },
  });
  return true;
}();

}  // namespace
}  // namespace timepkg

const vm::Type* durationType() {
  static const vm::Type* t = [] {
    using namespace timepkg;
    vm::Type* named = defineNamed("time", "Duration", vm::types::int64Type());
    defineMethod(named, "String", dString, false);
    defineMethod(named, "Nanoseconds", dNanoseconds, false);
    defineMethod(named, "Microseconds", dMicroseconds, false);
    defineMethod(named, "Milliseconds", dMilliseconds, false);
    defineMethod(named, "Seconds", dFloatUnits<kSecond>, false);
    defineMethod(named, "Minutes", dFloatUnits<kMinute>, false);
    defineMethod(named, "Hours", dFloatUnits<kHour>, false);
    defineMethod(named, "Truncate", dTruncate, false);
    defineMethod(named, "Round", dRound, false);
    defineMethod(named, "Abs", dAbs, false);
    return named;
  }();
  return t;
}

Value makeDuration(int64_t ns) { return vm::makeIntOfType(durationType(), ns); }

int64_t durationOf(Value d) { return vm::toInt64(d); }

}  // namespace gsl::stdlib
