// stdlib/time_format.cpp: Time.Format and time.Parse with Go's layouts.
//
// A layout is text in which the parts of Go's reference time, Mon Jan 2
// 15:04:05 MST 2006, stand for the corresponding fields: 2006 06 01 1 Jan
// January 02 2 _2 002 __2 15 03 3 04 4 05 5 PM pm Mon Monday MST -0700
// -07:00 -07 -070000 -07:00:00 Z0700 Z07:00 Z07 Z070000 Z07:00:00, and
// fractional seconds .000 / .999 (or with a comma). Everything else is
// literal. The scanner (nextChunk) recognises them exactly as Go 1.19's
// nextStdChunk does, so ambiguous layouts ("Month", "_2006") mean the same
// thing; Format and Parse then follow Go's rules field by field, including
// Parse's lenient fractional seconds, two-digit years (69..99 → 19xx), zone
// abbreviations matched against the local location, and Go's error values
// (*time.ParseError with Go's messages).
#include <cstdint>
#include <string>
#include <string_view>

#include "stdlib/native_support.h"
#include "stdlib/time_impl.h"
#include "vm/object.h"
#include "vm/panic.h"

namespace gsl::stdlib::timepkg {

using vm::Value;

namespace {

// ---- Layout elements ----------------------------------------------------------------

constexpr int kNeedDate = 1 << 8;
constexpr int kNeedClock = 2 << 8;
constexpr int kArgShift = 16;        // fractional seconds: digit count above this
constexpr int kSeparatorShift = 28;  // and the separator (1 = comma) above that
constexpr int kStdMask = (1 << kArgShift) - 1;

enum Std : int {
  kNone = 0,
  kLongMonth = 1 | kNeedDate,  // "January"
  kMonth,                      // "Jan"
  kNumMonth,                   // "1"
  kZeroMonth,                  // "01"
  kLongWeekDay,                // "Monday"
  kWeekDay,                    // "Mon"
  kDay,                        // "2"
  kUnderDay,                   // "_2"
  kZeroDay,                    // "02"
  kUnderYearDay,               // "__2"
  kZeroYearDay,                // "002"
  kStdHour = 12 | kNeedClock,     // "15"
  kHour12,                     // "3"
  kZeroHour12,                 // "03"
  kStdMinute,                     // "4"
  kZeroMinute,                 // "04"
  kStdSecond,                     // "5"
  kZeroSecond,                 // "05"
  kLongYear = 19 | kNeedDate,  // "2006"
  kYear,                       // "06"
  kPM = 21 | kNeedClock,       // "PM"
  kpm,                         // "pm"
  kTZ = 23,                    // "MST"
  kISO8601TZ,                  // "Z0700"
  kISO8601SecondsTZ,           // "Z070000"
  kISO8601ShortTZ,             // "Z07"
  kISO8601ColonTZ,             // "Z07:00"
  kISO8601ColonSecondsTZ,      // "Z07:00:00"
  kNumTZ,                      // "-0700"
  kNumSecondsTZ,               // "-070000"
  kNumShortTZ,                 // "-07"
  kNumColonTZ,                 // "-07:00"
  kNumColonSecondsTZ,          // "-07:00:00"
  kFracSecond0,                // ".0", ".00", ...: trailing zeros kept
  kFracSecond9,                // ".9", ".99", ...: trailing zeros dropped
};

constexpr int kStd0x[6] = {kZeroMonth, kZeroDay, kZeroHour12, kZeroMinute, kZeroSecond, kYear};

int fracStd(int code, int digits, char sep) {
  int s = code | ((digits & 0xfff) << kArgShift);
  if (sep == ',') s |= 1 << kSeparatorShift;
  return s;
}
int fracDigits(int std) { return (std >> kArgShift) & 0xfff; }
char fracSeparator(int std) { return (std >> kSeparatorShift) == 0 ? '.' : ','; }

bool startsWithLower(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }

bool isDigitAt(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

struct Chunk {
  std::string_view prefix;
  int std = kNone;
  std::string_view suffix;
};

// The first layout element in `layout`, with the text before and after it.
Chunk nextChunk(std::string_view layout) {
  auto at = [&](size_t i, std::string_view word) { return layout.substr(i, word.size()) == word; };
  auto chunk = [&](size_t i, int std, size_t len) {
    return Chunk{layout.substr(0, i), std, layout.substr(i + len)};
  };
  for (size_t i = 0; i < layout.size(); i++) {
    switch (layout[i]) {
      case 'J':  // January, Jan
        if (at(i, "Jan")) {
          if (at(i, "January")) return chunk(i, kLongMonth, 7);
          if (!startsWithLower(layout.substr(i + 3))) return chunk(i, kMonth, 3);
        }
        break;
      case 'M':  // Monday, Mon, MST
        if (at(i, "Mon")) {
          if (at(i, "Monday")) return chunk(i, kLongWeekDay, 6);
          if (!startsWithLower(layout.substr(i + 3))) return chunk(i, kWeekDay, 3);
        }
        if (at(i, "MST")) return chunk(i, kTZ, 3);
        break;
      case '0':  // 01, 02, 03, 04, 05, 06, 002
        if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
          return chunk(i, kStd0x[layout[i + 1] - '1'], 2);
        }
        if (at(i, "002")) return chunk(i, kZeroYearDay, 3);
        break;
      case '1':  // 15, 1
        if (at(i, "15")) return chunk(i, kStdHour, 2);
        return chunk(i, kNumMonth, 1);
      case '2':  // 2006, 2
        if (at(i, "2006")) return chunk(i, kLongYear, 4);
        return chunk(i, kDay, 1);
      case '_':  // _2, _2006, __2
        if (i + 1 < layout.size() && layout[i + 1] == '2') {
          // "_2006" is a literal underscore and a year.
          if (at(i + 1, "2006")) return Chunk{layout.substr(0, i + 1), kLongYear, layout.substr(i + 5)};
          return chunk(i, kUnderDay, 2);
        }
        if (at(i, "__2")) return chunk(i, kUnderYearDay, 3);
        break;
      case '3':
        return chunk(i, kHour12, 1);
      case '4':
        return chunk(i, kStdMinute, 1);
      case '5':
        return chunk(i, kStdSecond, 1);
      case 'P':  // PM
        if (at(i, "PM")) return chunk(i, kPM, 2);
        break;
      case 'p':  // pm
        if (at(i, "pm")) return chunk(i, kpm, 2);
        break;
      case '-':  // -070000, -07:00:00, -0700, -07:00, -07
        if (at(i, "-070000")) return chunk(i, kNumSecondsTZ, 7);
        if (at(i, "-07:00:00")) return chunk(i, kNumColonSecondsTZ, 9);
        if (at(i, "-0700")) return chunk(i, kNumTZ, 5);
        if (at(i, "-07:00")) return chunk(i, kNumColonTZ, 6);
        if (at(i, "-07")) return chunk(i, kNumShortTZ, 3);
        break;
      case 'Z':  // Z070000, Z07:00:00, Z0700, Z07:00, Z07
        if (at(i, "Z070000")) return chunk(i, kISO8601SecondsTZ, 7);
        if (at(i, "Z07:00:00")) return chunk(i, kISO8601ColonSecondsTZ, 9);
        if (at(i, "Z0700")) return chunk(i, kISO8601TZ, 5);
        if (at(i, "Z07:00")) return chunk(i, kISO8601ColonTZ, 6);
        if (at(i, "Z07")) return chunk(i, kISO8601ShortTZ, 3);
        break;
      case '.':
      case ',':  // .000 .999 ,000 ,999: a run of one digit not followed by more digits
        if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
          char ch = layout[i + 1];
          size_t j = i + 1;
          while (j < layout.size() && layout[j] == ch) j++;
          if (!isDigitAt(layout, j)) {
            int code = ch == '9' ? kFracSecond9 : kFracSecond0;
            return chunk(i, fracStd(code, static_cast<int>(j - (i + 1)), layout[i]), j - i);
          }
        }
        break;
      default:
        break;
    }
  }
  return Chunk{layout, kNone, {}};
}

const char* const kShortDayNames[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kShortMonthNames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// x in decimal, zero-padded to width digits (the sign not counted).
void appendInt(std::string& b, int64_t x, int width) {
  auto u = static_cast<uint64_t>(x);
  if (x < 0) {
    b += '-';
    u = -u;
  }
  char buf[20];
  int i = sizeof buf;
  do {
    buf[--i] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u > 0);
  for (int w = static_cast<int>(sizeof buf) - i; w < width; w++) b += '0';
  b.append(buf + i, sizeof buf - i);
}

void appendFrac(std::string& b, int64_t nanosec, int std) {
  int n = fracDigits(std);
  bool trim = (std & kStdMask) == kFracSecond9;
  char digits[9];
  for (int k = 8; k >= 0; k--) {
    digits[k] = static_cast<char>('0' + nanosec % 10);
    nanosec /= 10;
  }
  if (n > 9) n = 9;
  if (trim) {
    while (n > 0 && digits[n - 1] == '0') n--;
    if (n == 0) return;
  }
  b += fracSeparator(std);
  b.append(digits, n);
}

}  // namespace

const char* const kLongMonthNames[12] = {"January", "February", "March",     "April",   "May",      "June",
                                         "July",    "August",   "September", "October", "November", "December"};
const char* const kLongDayNames[7] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

// Out of range, Go prints the number as unsigned.
std::string monthName(int64_t m) {
  if (m >= 1 && m <= 12) return kLongMonthNames[m - 1];
  return "%!Month(" + std::to_string(static_cast<uint64_t>(m)) + ")";
}

std::string weekdayName(int64_t d) {
  if (d >= 0 && d <= 6) return kLongDayNames[d];
  return "%!Weekday(" + std::to_string(static_cast<uint64_t>(d)) + ")";
}

std::string formatTime(const TimeRep& t, std::string_view layout) {
  LocalAbs la = localAbs(t);
  std::string b;
  b.reserve(layout.size() + 10);
  DateParts date;
  bool haveDate = false, haveClock = false;
  int64_t hour = 0, min = 0, sec = 0;
  while (!layout.empty()) {
    Chunk c = nextChunk(layout);
    b.append(c.prefix);
    if (c.std == kNone) break;
    layout = c.suffix;
    int std = c.std;
    if (!haveDate && (std & kNeedDate)) {
      date = absDate(la.abs, true);
      date.yday++;
      haveDate = true;
    }
    if (!haveClock && (std & kNeedClock)) {
      absClock(la.abs, &hour, &min, &sec);
      haveClock = true;
    }
    switch (std & kStdMask) {
      case kYear: {
        int64_t y = date.year < 0 ? -date.year : date.year;
        appendInt(b, y % 100, 2);
        break;
      }
      case kLongYear:
        appendInt(b, date.year, 4);
        break;
      case kMonth:
        b += monthName(date.month).substr(0, 3);
        break;
      case kLongMonth:
        b += monthName(date.month);
        break;
      case kNumMonth:
        appendInt(b, date.month, 0);
        break;
      case kZeroMonth:
        appendInt(b, date.month, 2);
        break;
      case kWeekDay:
        b += weekdayName(absWeekday(la.abs)).substr(0, 3);
        break;
      case kLongWeekDay:
        b += weekdayName(absWeekday(la.abs));
        break;
      case kDay:
        appendInt(b, date.day, 0);
        break;
      case kUnderDay:
        if (date.day < 10) b += ' ';
        appendInt(b, date.day, 0);
        break;
      case kZeroDay:
        appendInt(b, date.day, 2);
        break;
      case kUnderYearDay:
        if (date.yday < 100) {
          b += ' ';
          if (date.yday < 10) b += ' ';
        }
        appendInt(b, date.yday, 0);
        break;
      case kZeroYearDay:
        appendInt(b, date.yday, 3);
        break;
      case kStdHour:
        appendInt(b, hour, 2);
        break;
      case kHour12:
      case kZeroHour12: {
        // Noon is 12PM, midnight 12AM.
        int64_t hr = hour % 12;
        if (hr == 0) hr = 12;
        appendInt(b, hr, (std & kStdMask) == kZeroHour12 ? 2 : 0);
        break;
      }
      case kStdMinute:
        appendInt(b, min, 0);
        break;
      case kZeroMinute:
        appendInt(b, min, 2);
        break;
      case kStdSecond:
        appendInt(b, sec, 0);
        break;
      case kZeroSecond:
        appendInt(b, sec, 2);
        break;
      case kPM:
        b += hour >= 12 ? "PM" : "AM";
        break;
      case kpm:
        b += hour >= 12 ? "pm" : "am";
        break;
      case kISO8601TZ:
      case kISO8601ColonTZ:
      case kISO8601SecondsTZ:
      case kISO8601ShortTZ:
      case kISO8601ColonSecondsTZ:
      case kNumTZ:
      case kNumColonTZ:
      case kNumSecondsTZ:
      case kNumShortTZ:
      case kNumColonSecondsTZ: {
        bool iso = std == kISO8601TZ || std == kISO8601ColonTZ || std == kISO8601SecondsTZ ||
                   std == kISO8601ShortTZ || std == kISO8601ColonSecondsTZ;
        // The Z forms print Z for UTC.
        if (la.offset == 0 && iso) {
          b += 'Z';
          break;
        }
        int64_t zone = la.offset / 60;
        int64_t absOffset = la.offset;
        if (zone < 0) {
          b += '-';
          zone = -zone;
          absOffset = -absOffset;
        } else {
          b += '+';
        }
        appendInt(b, zone / 60, 2);
        bool colon = std == kISO8601ColonTZ || std == kNumColonTZ || std == kISO8601ColonSecondsTZ ||
                     std == kNumColonSecondsTZ;
        if (colon) b += ':';
        if (std != kNumShortTZ && std != kISO8601ShortTZ) appendInt(b, zone % 60, 2);
        if (std == kISO8601SecondsTZ || std == kNumSecondsTZ || std == kNumColonSecondsTZ ||
            std == kISO8601ColonSecondsTZ) {
          if (std == kNumColonSecondsTZ || std == kISO8601ColonSecondsTZ) b += ':';
          appendInt(b, absOffset % 60, 2);
        }
        break;
      }
      case kTZ: {
        if (!la.name.empty()) {
          b += la.name;
          break;
        }
        // An unnamed zone prints as -0700.
        int64_t zone = la.offset / 60;
        if (zone < 0) {
          b += '-';
          zone = -zone;
        } else {
          b += '+';
        }
        appendInt(b, zone / 60, 2);
        appendInt(b, zone % 60, 2);
        break;
      }
      case kFracSecond0:
      case kFracSecond9:
        appendFrac(b, t.nsec(), std);
        break;
      default:
        break;
    }
  }
  return b;
}

std::string timeString(const TimeRep& t) {
  std::string s = formatTime(t, "2006-01-02 15:04:05.999999999 -0700 MST");
  if (t.hasMono()) {
    // The monotonic reading as m=±seconds.nanoseconds.
    auto m2 = static_cast<uint64_t>(t.ext);
    char sign = '+';
    if (t.ext < 0) {
      sign = '-';
      m2 = -m2;
    }
    uint64_t m1 = m2 / 1000000000, m0 = 0;
    m2 %= 1000000000;
    m0 = m1 / 1000000000;
    m1 %= 1000000000;
    s += " m=";
    s += sign;
    int wid = 0;
    if (m0 != 0) {
      appendInt(s, static_cast<int64_t>(m0), 0);
      wid = 9;
    }
    appendInt(s, static_cast<int64_t>(m1), wid);
    s += '.';
    appendInt(s, static_cast<int64_t>(m2), 9);
  }
  return s;
}

std::string quote(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string b = "\"";
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<uint8_t>(s[i]);
    if (c >= 0x80 || c < ' ') {
      // Go escapes each byte of a non-ASCII or control character (a valid
      // rune's bytes, or one invalid byte).
      size_t width = 1;
      if (c >= 0x80) {
        size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        bool valid = n > 1 && i + n <= s.size();
        for (size_t k = 1; valid && k < n; k++) valid = (static_cast<uint8_t>(s[i + k]) & 0xC0) == 0x80;
        width = valid ? n : 1;
      }
      for (size_t k = 0; k < width; k++) {
        auto byte = static_cast<uint8_t>(s[i + k]);
        b += "\\x";
        b += kHex[byte >> 4];
        b += kHex[byte & 0xF];
      }
      i += width;
      continue;
    }
    if (c == '"' || c == '\\') b += '\\';
    b += static_cast<char>(c);
    i++;
  }
  b += '"';
  return b;
}

// ---- Parse ----------------------------------------------------------------------------

namespace {

enum ParseErrField { kPELayout, kPEValue, kPELayoutElem, kPEValueElem, kPEMessage };

int parseErrorError(vm::Thread&, const Value* args, int, Value* out) {
  const Value* f = receiverStruct(args)->fields();
  std::string_view value = vm::stringView(f[kPEValue]);
  std::string_view message = vm::stringView(f[kPEMessage]);
  std::string s;
  if (message.empty()) {
    s = "parsing time " + quote(value) + " as " + quote(vm::stringView(f[kPELayout])) + ": cannot parse " +
        quote(vm::stringView(f[kPEValueElem])) + " as " + quote(vm::stringView(f[kPELayoutElem]));
  } else {
    s = "parsing time " + quote(value) + std::string(message);
  }
  out[0] = vm::makeString(s);
  return 1;
}

}  // namespace

const vm::Type* parseErrorType() {
  static const vm::Type* t = [] {
    const vm::Type* str = vm::types::stringType();
    vm::Type* named = defineStruct("time", "ParseError",
                                   {field("Layout", str), field("Value", str), field("LayoutElem", str),
                                    field("ValueElem", str), field("Message", str)});
    defineMethod(named, "Error", parseErrorError, true);
    return named;
  }();
  return t;
}

namespace {

Value newParseError(std::string_view layout, std::string_view value, std::string_view layoutElem,
                    std::string_view valueElem, std::string_view message) {
  vm::StructObj* e = vm::newStruct(parseErrorType());
  Value* f = e->fields();
  f[kPELayout] = vm::makeString(layout);
  f[kPEValue] = vm::makeString(value);
  f[kPELayoutElem] = vm::makeString(layoutElem);
  f[kPEValueElem] = vm::makeString(valueElem);
  f[kPEMessage] = vm::makeString(message);
  return Value::ref(e);
}

// Case-insensitive match of ASCII letters (s1 and s2 have one length).
bool matchFold(std::string_view s1, std::string_view s2) {
  for (size_t i = 0; i < s1.size(); i++) {
    auto c1 = static_cast<uint8_t>(s1[i]), c2 = static_cast<uint8_t>(s2[i]);
    if (c1 != c2) {
      c1 |= 'a' - 'A';
      c2 |= 'a' - 'A';
      if (c1 != c2 || c1 < 'a' || c1 > 'z') return false;
    }
  }
  return true;
}

// The index in names of the name that starts value (consumed), or -1.
template <size_t N>
int lookupName(const char* const (&names)[N], std::string_view& value) {
  for (size_t i = 0; i < N; i++) {
    std::string_view v = names[i];
    if (value.size() >= v.size() && matchFold(value.substr(0, v.size()), v)) {
      value.remove_prefix(v.size());
      return static_cast<int>(i);
    }
  }
  return -1;
}

// One or two digits (exactly two when fixed); 0 on failure.
bool getNum(std::string_view& s, bool fixed, int64_t* n) {
  *n = 0;
  if (!isDigitAt(s, 0)) return false;
  if (!isDigitAt(s, 1)) {
    if (fixed) return false;
    *n = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  *n = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

// One to three digits (exactly three when fixed); 0 on failure.
bool getNum3(std::string_view& s, bool fixed, int64_t* n) {
  *n = 0;
  int64_t v = 0;
  size_t i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) v = v * 10 + (s[i] - '0');
  if (i == 0 || (fixed && i != 3)) return false;
  *n = v;
  s.remove_prefix(i);
  return true;
}

std::string_view cutSpace(std::string_view s) {
  while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  return s;
}

// Removes prefix from value; a run of spaces in the prefix matches any
// run of spaces in the value.
bool skipPrefix(std::string_view& value, std::string_view prefix) {
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!value.empty() && value[0] != ' ') return false;
      prefix = cutSpace(prefix);
      value = cutSpace(value);
      continue;
    }
    if (value.empty() || value[0] != prefix[0]) return false;
    prefix.remove_prefix(1);
    value.remove_prefix(1);
  }
  return true;
}

// Go's leadingInt: digits as an unsigned number, false past 2^63.
bool leadingInt(std::string_view& s, uint64_t* x) {
  constexpr uint64_t kTwo63 = uint64_t{1} << 63;
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

// Go's time.atoi: an optionally signed decimal that must fill s.
bool atoi(std::string_view s, int64_t* x) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  uint64_t q = 0;
  if (!leadingInt(s, &q) || !s.empty()) return false;
  auto v = static_cast<int64_t>(q);
  *x = neg ? -v : v;
  return true;
}

bool commaOrPeriod(char c) { return c == '.' || c == ','; }

// A fractional second of nbytes characters (separator included), scaled
// to nanoseconds.
bool parseNanoseconds(std::string_view value, size_t nbytes, int64_t* ns, std::string* rangeErr) {
  if (!commaOrPeriod(value[0])) return false;
  if (nbytes > 10) {
    value = value.substr(0, 10);
    nbytes = 10;
  }
  int64_t v = 0;
  if (!atoi(value.substr(1, nbytes - 1), &v)) return false;
  if (v < 0) {
    *rangeErr = "fractional second";
    return true;
  }
  for (size_t i = 0; i < 10 - nbytes; i++) v *= 10;
  *ns = v;
  return true;
}

// [+-]hh (hours 0..23, not empty), after "GMT" or alone.
size_t parseSignedOffset(std::string_view value) {
  if (value.empty() || (value[0] != '-' && value[0] != '+')) return 0;
  std::string_view rest = value.substr(1);
  uint64_t x = 0;
  size_t before = rest.size();
  if (!leadingInt(rest, &x) || rest.size() == before) return 0;
  if (x > 23) return 0;
  return value.size() - rest.size();
}

// The length of a zone abbreviation at the start of value (0: none).
size_t parseTimeZone(std::string_view value, bool* ok) {
  *ok = false;
  if (value.size() < 3) return 0;
  // ChST and MeST are the only abbreviations with a lower-case letter.
  if (value.substr(0, 4) == "ChST" || value.substr(0, 4) == "MeST") {
    *ok = true;
    return 4;
  }
  if (value.substr(0, 3) == "GMT") {
    *ok = true;
    return value.size() == 3 ? 3 : 3 + parseSignedOffset(value.substr(3));
  }
  if (value[0] == '+' || value[0] == '-') {
    size_t n = parseSignedOffset(value);
    *ok = n > 0;
    return n;
  }
  size_t upper = 0;
  while (upper < 6 && upper < value.size() && value[upper] >= 'A' && value[upper] <= 'Z') upper++;
  switch (upper) {
    case 5:  // must end in T
      if (value[4] == 'T') {
        *ok = true;
        return 5;
      }
      break;
    case 4:  // must end in T, except WITA
      if (value[3] == 'T' || value.substr(0, 4) == "WITA") {
        *ok = true;
        return 4;
      }
      break;
    case 3:
      *ok = true;
      return 3;
    default:
      break;
  }
  return 0;
}

}  // namespace

bool parseTime(std::string_view layout, std::string_view value, Value defaultLoc, Value local, TimeRep* out,
               Value* err) {
  const std::string_view alayout = layout, avalue = value;
  std::string rangeErr;  // set when a field is out of range
  bool amSet = false, pmSet = false;
  int64_t year = 0, month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
  Value z;  // a location given by the value ("Z", "UTC")
  int64_t zoneOffset = -1;
  std::string zoneName;

  for (;;) {
    Chunk c = nextChunk(layout);
    std::string_view stdstr = layout.substr(c.prefix.size(), layout.size() - c.prefix.size() - c.suffix.size());
    if (!skipPrefix(value, c.prefix)) {
      *err = newParseError(alayout, avalue, c.prefix, value, "");
      return false;
    }
    if (c.std == kNone) {
      if (!value.empty()) {
        *err = newParseError(alayout, avalue, "", value, ": extra text: " + quote(value));
        return false;
      }
      break;
    }
    layout = c.suffix;
    int std = c.std;
    bool ok = true;
    switch (std & kStdMask) {
      case kYear: {
        if (value.size() < 2) {
          ok = false;
          break;
        }
        std::string_view p = value.substr(0, 2);
        if (atoi(p, &year)) {
          value.remove_prefix(2);
          year += year >= 69 ? 1900 : 2000;  // Unix time starts Dec 31 1969 in some zones
        } else {
          ok = false;
        }
        break;
      }
      case kLongYear:
        if (value.size() < 4 || !isDigitAt(value, 0)) {
          ok = false;
          break;
        }
        ok = atoi(value.substr(0, 4), &year);
        value.remove_prefix(4);
        break;
      case kMonth:
        month = lookupName(kShortMonthNames, value) + 1;
        ok = month > 0;
        break;
      case kLongMonth:
        month = lookupName(kLongMonthNames, value) + 1;
        ok = month > 0;
        break;
      case kNumMonth:
      case kZeroMonth:
        ok = getNum(value, std == kZeroMonth, &month);
        if (ok && (month <= 0 || month > 12)) rangeErr = "month";
        break;
      case kWeekDay:  // checked for syntax, otherwise ignored
        ok = lookupName(kShortDayNames, value) >= 0;
        break;
      case kLongWeekDay:
        ok = lookupName(kLongDayNames, value) >= 0;
        break;
      case kDay:
      case kUnderDay:
      case kZeroDay:
        if (std == kUnderDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
        ok = getNum(value, std == kZeroDay, &day);
        // Any one- or two-digit day: checked against the month at the end.
        break;
      case kUnderYearDay:
      case kZeroYearDay:
        for (int i = 0; i < 2; i++) {
          if (std == kUnderYearDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
        }
        ok = getNum3(value, std == kZeroYearDay, &yday);
        break;
      case kStdHour:
        ok = getNum(value, false, &hour);
        if (hour < 0 || hour >= 24) rangeErr = "hour";
        break;
      case kHour12:
      case kZeroHour12:
        ok = getNum(value, std == kZeroHour12, &hour);
        if (hour < 0 || hour > 12) rangeErr = "hour";
        break;
      case kStdMinute:
      case kZeroMinute:
        ok = getNum(value, std == kZeroMinute, &min);
        if (min < 0 || min >= 60) rangeErr = "minute";
        break;
      case kStdSecond:
      case kZeroSecond: {
        // As in Go, the fraction check below runs even when the digits
        // failed (and a fraction then clears the error).
        ok = getNum(value, std == kZeroSecond, &sec);
        if (sec < 0 || sec >= 60) {
          rangeErr = "second";
          break;
        }
        // A fractional second in the value that the layout does not
        // mention right here is accepted anyway.
        if (value.size() >= 2 && commaOrPeriod(value[0]) && isDigitAt(value, 1)) {
          int next = nextChunk(layout).std & kStdMask;
          if (next == kFracSecond0 || next == kFracSecond9) break;
          size_t n = 2;
          while (n < value.size() && isDigitAt(value, n)) n++;
          ok = parseNanoseconds(value, n, &nsec, &rangeErr);
          value.remove_prefix(n);
        }
        break;
      }
      case kPM:
      case kpm: {
        if (value.size() < 2) {
          ok = false;
          break;
        }
        std::string_view p = value.substr(0, 2);
        value.remove_prefix(2);
        bool upper = (std & kStdMask) == kPM;
        if (p == (upper ? "PM" : "pm")) {
          pmSet = true;
        } else if (p == (upper ? "AM" : "am")) {
          amSet = true;
        } else {
          ok = false;
        }
        break;
      }
      case kISO8601TZ:
      case kISO8601ColonTZ:
      case kISO8601SecondsTZ:
      case kISO8601ShortTZ:
      case kISO8601ColonSecondsTZ:
      case kNumTZ:
      case kNumShortTZ:
      case kNumColonTZ:
      case kNumSecondsTZ:
      case kNumColonSecondsTZ: {
        if ((std == kISO8601TZ || std == kISO8601ShortTZ || std == kISO8601ColonTZ) && !value.empty() &&
            value[0] == 'Z') {
          value.remove_prefix(1);
          z = utcLocation();
          break;
        }
        std::string_view sign, hh, mm, ss;
        if (std == kISO8601ColonTZ || std == kNumColonTZ) {
          if (value.size() < 6 || value[3] != ':') {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(4, 2), ss = "00";
          value.remove_prefix(6);
        } else if (std == kNumShortTZ || std == kISO8601ShortTZ) {
          if (value.size() < 3) {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = "00", ss = "00";
          value.remove_prefix(3);
        } else if (std == kISO8601ColonSecondsTZ || std == kNumColonSecondsTZ) {
          if (value.size() < 9 || value[3] != ':' || value[6] != ':') {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(4, 2), ss = value.substr(7, 2);
          value.remove_prefix(9);
        } else if (std == kISO8601SecondsTZ || std == kNumSecondsTZ) {
          if (value.size() < 7) {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(3, 2), ss = value.substr(5, 2);
          value.remove_prefix(7);
        } else {
          if (value.size() < 5) {
            ok = false;
            break;
          }
          sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(3, 2), ss = "00";
          value.remove_prefix(5);
        }
        int64_t hr = 0, mi = 0, se = 0;
        ok = atoi(hh, &hr) && atoi(mm, &mi) && atoi(ss, &se);
        zoneOffset = (hr * 60 + mi) * 60 + se;
        if (sign[0] == '-') {
          zoneOffset = -zoneOffset;
        } else if (sign[0] != '+') {
          ok = false;
        }
        break;
      }
      case kTZ: {
        if (value.substr(0, 3) == "UTC") {
          z = utcLocation();
          value.remove_prefix(3);
          break;
        }
        bool found = false;
        size_t n = parseTimeZone(value, &found);
        if (!found) {
          ok = false;
          break;
        }
        zoneName = std::string(value.substr(0, n));
        value.remove_prefix(n);
        break;
      }
      case kFracSecond0: {
        // Exactly as many digits as the layout has.
        size_t ndigit = 1 + fracDigits(std);
        if (value.size() < ndigit) {
          ok = false;
          break;
        }
        ok = parseNanoseconds(value, ndigit, &nsec, &rangeErr);
        value.remove_prefix(ndigit);
        break;
      }
      case kFracSecond9: {
        if (value.size() < 2 || !commaOrPeriod(value[0]) || value[1] < '0' || value[1] > '9') break;
        // Any number of digits (up to 9 counted), as after a plain second.
        size_t i = 0;
        while (i < 9 && i + 1 < value.size() && value[i + 1] >= '0' && value[i + 1] <= '9') i++;
        ok = parseNanoseconds(value, 1 + i, &nsec, &rangeErr);
        value.remove_prefix(1 + i);
        break;
      }
      default:
        break;
    }
    if (!rangeErr.empty()) {
      *err = newParseError(alayout, avalue, stdstr, value, ": " + rangeErr + " out of range");
      return false;
    }
    if (!ok) {
      *err = newParseError(alayout, avalue, stdstr, value, "");
      return false;
    }
  }
  if (pmSet && hour < 12) {
    hour += 12;
  } else if (amSet && hour == 12) {
    hour = 0;
  }

  // A day of the year sets (or must agree with) the month and day.
  if (yday >= 0) {
    int64_t d = 0, m = 0;
    if (isLeap(year)) {
      if (yday == 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        yday--;
      }
    }
    if (yday < 1 || yday > 365) {
      *err = newParseError(alayout, avalue, "", value, ": day-of-year out of range");
      return false;
    }
    if (m == 0) {
      m = (yday - 1) / 31 + 1;
      if (kDaysBefore[m] < yday) m++;
      d = yday - kDaysBefore[m - 1];
    }
    if (month >= 0 && month != m) {
      *err = newParseError(alayout, avalue, "", value, ": day-of-year does not match month");
      return false;
    }
    month = m;
    if (day >= 0 && day != d) {
      *err = newParseError(alayout, avalue, "", value, ": day-of-year does not match day");
      return false;
    }
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) {
    *err = newParseError(alayout, avalue, "", value, ": day out of range");
    return false;
  }

  if (!z.isNil()) {
    *out = makeDate(year, month, day, hour, min, sec, nsec, z);
    return true;
  }
  if (zoneOffset != -1) {
    TimeRep t = makeDate(year, month, day, hour, min, sec, nsec, utcLocation());
    t.addSec(-zoneOffset);
    // The local location, if it had that offset (and name) then.
    ZoneInfo zi = lookupZone(local, t.unixSec());
    if (zi.offset == zoneOffset && (zoneName.empty() || zi.name == zoneName)) {
      t.setLoc(local);
      *out = t;
      return true;
    }
    t.setLoc(fixedZone(zoneName, zoneOffset));
    *out = t;
    return true;
  }
  if (!zoneName.empty()) {
    TimeRep t = makeDate(year, month, day, hour, min, sec, nsec, utcLocation());
    int64_t offset = 0;
    if (lookupZoneName(local, zoneName, t.unixSec(), &offset)) {
      t.addSec(-offset);
      t.setLoc(local);
      *out = t;
      return true;
    }
    // An unknown abbreviation: a made-up zone of that name, offset zero
    // (or GMT's hours).
    if (zoneName.size() > 3 && zoneName.substr(0, 3) == "GMT") {
      atoi(std::string_view(zoneName).substr(3), &offset);
      offset *= 3600;
    }
    t.setLoc(fixedZone(zoneName, offset));
    *out = t;
    return true;
  }
  *out = makeDate(year, month, day, hour, min, sec, nsec, defaultLoc);
  return true;
}

}  // namespace gsl::stdlib::timepkg
