// stdlib/time_zone.cpp: time.Location: UTC, Local, FixedZone and
// LoadLocation, with Go's zone lookup.
//
// A Location holds Go's fields (stdlib/time_impl.h): its zones, the
// transitions between them, and the POSIX TZ rule ("extend") that takes
// over after the last transition. Named locations are read from the tz
// database's compiled files (TZif, RFC 8536) in /usr/share/zoneinfo (or
// $ZONEINFO first), version 1 or the 64-bit data of versions 2 and 3, as
// Go reads them.
//
// Local follows Go's rules: $TZ unset means /etc/localtime (named
// "Local"); TZ="" or TZ="UTC" means UTC; TZ=":Name" or "Name" a zone
// file; an absolute path that file. Anything unreadable means UTC.
//
// Go caches the zone of "now" in each Location; the cache only saves time
// (a lookup without it gives the same answer), so it is not kept here.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/time_impl.h"
#include "vm/object.h"
#include "vm/slice.h"

namespace gsl::stdlib::timepkg {

using vm::Value;

// ---- Types ----------------------------------------------------------------------

enum LocField { kLocName, kLocZone, kLocTx, kLocExtend, kLocCacheStart, kLocCacheEnd, kLocCacheZone };
enum ZoneField { kZoneName, kZoneOffset, kZoneIsDST };
enum TxField { kTxWhen, kTxIndex, kTxIsStd, kTxIsUTC };

const vm::Type* zoneType() {
  static const vm::Type* t =
      defineStruct("time", "zone",
                   {field("name", vm::types::stringType()), field("offset", vm::types::intType()),
                    field("isDST", vm::types::boolType())});
  return t;
}

const vm::Type* zoneTransType() {
  static const vm::Type* t =
      defineStruct("time", "zoneTrans",
                   {field("when", vm::types::int64Type()), field("index", vm::types::uint8Type()),
                    field("isstd", vm::types::boolType()), field("isutc", vm::types::boolType())});
  return t;
}

namespace {

int locationString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(locationName(args[0]));
  return 1;
}

}  // namespace

const vm::Type* locationType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct(
        "time", "Location",
        {field("name", vm::types::stringType()), field("zone", vm::sliceOf(zoneType())),
         field("tx", vm::sliceOf(zoneTransType())), field("extend", vm::types::stringType()),
         field("cacheStart", vm::types::int64Type()), field("cacheEnd", vm::types::int64Type()),
         field("cacheZone", vm::pointerTo(zoneType()))});
    defineMethod(named, "String", locationString, true);
    return named;
  }();
  return t;
}

const vm::Type* locationPtrType() { return vm::pointerTo(locationType()); }

// ---- Zone data in C++ form --------------------------------------------------------

namespace {

struct Zone {
  std::string name;
  int64_t offset = 0;
  bool isDST = false;
};

struct Trans {
  int64_t when = 0;
  uint8_t index = 0;
  bool isstd = false;
  bool isutc = false;
};

struct ZoneData {
  std::vector<Zone> zones;
  std::vector<Trans> tx;
  std::string extend;
};

vm::StructObj* locObj(Value loc) { return static_cast<vm::StructObj*>(loc.refTarget()); }

Value newLocation(std::string_view name, const ZoneData& d) {
  vm::StructObj* l = vm::newStruct(locationType());
  Value* f = l->fields();
  f[kLocName] = vm::makeString(name);
  if (!d.zones.empty()) {
    Value zones = vm::makeSlice(vm::sliceOf(zoneType()), static_cast<int64_t>(d.zones.size()),
                                static_cast<int64_t>(d.zones.size()));
    for (size_t i = 0; i < d.zones.size(); i++) {
      vm::StructObj* z = vm::newStruct(zoneType());
      z->fields()[kZoneName] = vm::makeString(d.zones[i].name);
      z->fields()[kZoneOffset] = vm::makeInt(d.zones[i].offset);
      z->fields()[kZoneIsDST] = vm::makeBool(d.zones[i].isDST);
      vm::sliceStore(zones, static_cast<int64_t>(i), Value::object(z));
    }
    f[kLocZone] = zones;
  }
  if (!d.tx.empty()) {
    Value tx = vm::makeSlice(vm::sliceOf(zoneTransType()), static_cast<int64_t>(d.tx.size()),
                             static_cast<int64_t>(d.tx.size()));
    for (size_t i = 0; i < d.tx.size(); i++) {
      vm::StructObj* t = vm::newStruct(zoneTransType());
      t->fields()[kTxWhen] = vm::makeIntOfType(vm::types::int64Type(), d.tx[i].when);
      t->fields()[kTxIndex] = vm::makeIntOfType(vm::types::uint8Type(), int64_t{d.tx[i].index});
      t->fields()[kTxIsStd] = vm::makeBool(d.tx[i].isstd);
      t->fields()[kTxIsUTC] = vm::makeBool(d.tx[i].isutc);
      vm::sliceStore(tx, static_cast<int64_t>(i), Value::object(t));
    }
    f[kLocTx] = tx;
  }
  f[kLocExtend] = vm::makeString(d.extend);
  return Value::ref(l);
}

// Reads the zone data of a Location object (the fields a script cannot
// change, so reading them is all a lookup needs).
class LocReader {
 public:
  explicit LocReader(Value loc) : obj_(locObj(loc)) {}

  int64_t numZones() const { return vm::sliceLen(obj_->fields()[kLocZone]); }
  int64_t numTx() const { return vm::sliceLen(obj_->fields()[kLocTx]); }
  Zone zone(int64_t i) const {
    auto* z = static_cast<vm::StructObj*>(vm::sliceIndex(obj_->fields()[kLocZone], i).asObject());
    Zone r;
    r.name = std::string(vm::stringView(z->fields()[kZoneName]));
    r.offset = vm::toInt64(z->fields()[kZoneOffset]);
    r.isDST = vm::toBool(z->fields()[kZoneIsDST]);
    return r;
  }
  vm::StructObj* tx(int64_t i) const {
    return static_cast<vm::StructObj*>(vm::sliceIndex(obj_->fields()[kLocTx], i).asObject());
  }
  int64_t txWhen(int64_t i) const { return vm::toInt64(tx(i)->fields()[kTxWhen]); }
  int64_t txIndex(int64_t i) const { return vm::toInt64(tx(i)->fields()[kTxIndex]); }
  std::string_view extend() const { return vm::stringView(obj_->fields()[kLocExtend]); }

 private:
  vm::StructObj* obj_;
};

// ---- POSIX TZ rules (the "extend" string) -----------------------------------------

// A zone name: at least three characters up to a digit, sign or comma, or
// anything between < and >.
bool tzName(std::string_view& s, std::string* name) {
  if (s.empty()) return false;
  if (s[0] != '<') {
    size_t i = 0;
    for (; i < s.size(); i++) {
      char c = s[i];
      if ((c >= '0' && c <= '9') || c == ',' || c == '-' || c == '+') break;
    }
    if (i < 3) return false;
    *name = std::string(s.substr(0, i));
    s.remove_prefix(i);
    return true;
  }
  size_t close = s.find('>');
  if (close == std::string_view::npos) return false;
  *name = std::string(s.substr(1, close - 1));
  s.remove_prefix(close + 1);
  return true;
}

bool tzNum(std::string_view& s, int64_t min, int64_t max, int64_t* num) {
  if (s.empty()) return false;
  int64_t n = 0;
  size_t i = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; i++) {
    n = n * 10 + (s[i] - '0');
    if (n > max) return false;
  }
  if (i == 0 || n < min) return false;
  *num = n;
  s.remove_prefix(i);
  return true;
}

// [+-]hh[:mm[:ss]], in seconds.
bool tzOffset(std::string_view& s, int64_t* off) {
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  int64_t hours = 0, mins = 0, secs = 0;
  if (!tzNum(s, 0, 24 * 7, &hours)) return false;
  int64_t o = hours * kSecondsPerHour;
  if (!s.empty() && s[0] == ':') {
    s.remove_prefix(1);
    if (!tzNum(s, 0, 59, &mins)) return false;
    o += mins * kSecondsPerMinute;
    if (!s.empty() && s[0] == ':') {
      s.remove_prefix(1);
      if (!tzNum(s, 0, 59, &secs)) return false;
      o += secs;
    }
  }
  *off = neg ? -o : o;
  return true;
}

enum class RuleKind { Julian, DayOfYear, MonthWeekDay };

struct Rule {
  RuleKind kind = RuleKind::Julian;
  int64_t day = 0, week = 0, mon = 0;
  int64_t time = 2 * kSecondsPerHour;  // 2am unless given
};

// Jn (1..365, no leap day), n (0..365), or Mm.w.d; then [/time].
bool tzRule(std::string_view& s, Rule* r) {
  if (s.empty()) return false;
  if (s[0] == 'J') {
    s.remove_prefix(1);
    if (!tzNum(s, 1, 365, &r->day)) return false;
    r->kind = RuleKind::Julian;
  } else if (s[0] == 'M') {
    s.remove_prefix(1);
    if (!tzNum(s, 1, 12, &r->mon) || s.empty() || s[0] != '.') return false;
    s.remove_prefix(1);
    if (!tzNum(s, 1, 5, &r->week) || s.empty() || s[0] != '.') return false;
    s.remove_prefix(1);
    if (!tzNum(s, 0, 6, &r->day)) return false;
    r->kind = RuleKind::MonthWeekDay;
  } else {
    if (!tzNum(s, 0, 365, &r->day)) return false;
    r->kind = RuleKind::DayOfYear;
  }
  if (s.empty() || s[0] != '/') return true;
  s.remove_prefix(1);
  return tzOffset(s, &r->time);
}

// Seconds since the start of `year` at which rule r takes effect, for a
// zone whose offset before the change is off.
int64_t ruleTime(int64_t year, const Rule& r, int64_t off) {
  int64_t s = 0;
  switch (r.kind) {
    case RuleKind::Julian:
      s = (r.day - 1) * kSecondsPerDay;
      if (isLeap(year) && r.day >= 60) s += kSecondsPerDay;
      break;
    case RuleKind::DayOfYear:
      s = r.day * kSecondsPerDay;
      break;
    case RuleKind::MonthWeekDay: {
      // Zeller's congruence gives the weekday of the month's first day.
      int64_t m1 = (r.mon + 9) % 12 + 1;
      int64_t yy0 = r.mon <= 2 ? year - 1 : year;
      int64_t yy1 = yy0 / 100, yy2 = yy0 % 100;
      int64_t dow = ((26 * m1 - 2) / 10 + 1 + yy2 + yy2 / 4 + yy1 / 4 - 2 * yy1) % 7;
      if (dow < 0) dow += 7;
      int64_t d = r.day - dow;
      if (d < 0) d += 7;
      for (int64_t i = 1; i < r.week; i++) {
        if (d + 7 >= daysIn(r.mon, year)) break;
        d += 7;
      }
      d += kDaysBefore[r.mon - 1];
      if (isLeap(year) && r.mon > 2) d++;
      s = d * kSecondsPerDay;
      break;
    }
  }
  return s + r.time - off;
}

// The zone a POSIX TZ rule gives at Unix second sec (after the last
// transition, lastTxSec).
bool tzset(std::string_view s, int64_t lastTxSec, int64_t sec, ZoneInfo* out) {
  std::string stdName, dstName;
  int64_t stdOffset = 0, dstOffset = 0;
  if (!tzName(s, &stdName) || !tzOffset(s, &stdOffset)) return false;
  stdOffset = -stdOffset;  // POSIX offsets are west of UTC
  if (s.empty() || s[0] == ',') {
    *out = ZoneInfo{stdName, stdOffset, lastTxSec, kOmega, false};
    return true;
  }
  if (!tzName(s, &dstName)) return false;
  if (s.empty() || s[0] == ',') {
    dstOffset = stdOffset + kSecondsPerHour;
  } else {
    if (!tzOffset(s, &dstOffset)) return false;
    dstOffset = -dstOffset;
  }
  // The default rule is the United States' since 2007.
  std::string_view rules = s.empty() ? std::string_view(",M3.2.0,M11.1.0") : s;
  if (rules[0] != ',' && rules[0] != ';') return false;
  rules.remove_prefix(1);
  Rule startRule, endRule;
  if (!tzRule(rules, &startRule) || rules.empty() || rules[0] != ',') return false;
  rules.remove_prefix(1);
  if (!tzRule(rules, &endRule) || !rules.empty()) return false;

  DateParts dp = absDate(static_cast<uint64_t>(sec + kUnixToInternal + kInternalToAbsolute), false);
  int64_t ysec = dp.yday * kSecondsPerDay + sec % kSecondsPerDay;
  // The Unix second at which the year starts.
  auto abs = static_cast<int64_t>(daysSinceEpoch(dp.year) * kSecondsPerDay);
  abs += kAbsoluteToInternal + kInternalToUnix;

  int64_t startSec = ruleTime(dp.year, startRule, stdOffset);
  int64_t endSec = ruleTime(dp.year, endRule, dstOffset);
  bool dstIsDST = true, stdIsDST = false;
  // Southern hemisphere: the DST period spans the new year.
  if (endSec < startSec) {
    std::swap(startSec, endSec);
    std::swap(stdName, dstName);
    std::swap(stdOffset, dstOffset);
    std::swap(stdIsDST, dstIsDST);
  }
  if (ysec < startSec) {
    *out = ZoneInfo{stdName, stdOffset, abs, startSec + abs, stdIsDST};
  } else if (ysec >= endSec) {
    *out = ZoneInfo{stdName, stdOffset, endSec + abs, abs + 365 * kSecondsPerDay, stdIsDST};
  } else {
    *out = ZoneInfo{dstName, dstOffset, startSec + abs, endSec + abs, dstIsDST};
  }
  return true;
}

// The zone used before the first transition: the first standard-time zone
// (Go's lookupFirstZone).
int64_t firstZone(const LocReader& l) {
  bool firstUsed = false;
  for (int64_t i = 0; i < l.numTx(); i++) {
    if (l.txIndex(i) == 0) {
      firstUsed = true;
      break;
    }
  }
  if (!firstUsed) return 0;
  if (l.numTx() > 0 && l.zone(l.txIndex(0)).isDST) {
    for (int64_t zi = l.txIndex(0) - 1; zi >= 0; zi--) {
      if (!l.zone(zi).isDST) return zi;
    }
  }
  for (int64_t zi = 0; zi < l.numZones(); zi++) {
    if (!l.zone(zi).isDST) return zi;
  }
  return 0;
}

// ---- Reading TZif files ----------------------------------------------------------------

class Bytes {
 public:
  explicit Bytes(std::string_view d) : d_(d) {}
  std::string_view read(size_t n) {
    if (d_.size() < n) {
      bad_ = true;
      d_ = {};
      return {};
    }
    std::string_view r = d_.substr(0, n);
    d_.remove_prefix(n);
    return r;
  }
  uint32_t big4() {
    std::string_view p = read(4);
    if (p.size() < 4) return 0;
    return (uint32_t{static_cast<uint8_t>(p[0])} << 24) | (uint32_t{static_cast<uint8_t>(p[1])} << 16) |
           (uint32_t{static_cast<uint8_t>(p[2])} << 8) | uint32_t{static_cast<uint8_t>(p[3])};
  }
  uint64_t big8() {
    uint64_t hi = big4();
    return (hi << 32) | big4();
  }
  uint8_t byte() {
    std::string_view p = read(1);
    return p.empty() ? 0 : static_cast<uint8_t>(p[0]);
  }
  std::string_view rest() {
    std::string_view r = d_;
    d_ = {};
    return r;
  }
  bool bad() const { return bad_; }

 private:
  std::string_view d_;
  bool bad_ = false;
};

bool parseTZif(std::string_view data, ZoneData* out) {
  Bytes d(data);
  if (d.read(4) != "TZif") return false;
  std::string_view hdr = d.read(16);
  if (hdr.size() != 16) return false;
  int version = hdr[0] == 0 ? 1 : hdr[0] == '2' ? 2 : hdr[0] == '3' ? 3 : 0;
  if (version == 0) return false;
  // Counts: isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt.
  enum { kUTCLocal, kStdWall, kLeap, kTime, kZone, kChar };
  int64_t n[6];
  for (int64_t& c : n) c = d.big4();
  if (d.bad()) return false;
  size_t size = 4;
  if (version > 1) {
    // Skip the 32-bit data and the second header's magic and version:
    // the 64-bit data that follows is the one to use.
    size_t skip = n[kTime] * 4 + n[kTime] + n[kZone] * 6 + n[kChar] + n[kLeap] * 8 + n[kStdWall] +
                  n[kUTCLocal] + 4 + 16;
    d.read(skip);
    for (int64_t& c : n) c = d.big4();
    if (d.bad()) return false;
    size = 8;
  }
  Bytes times(d.read(n[kTime] * size));
  std::string_view txZones = d.read(n[kTime]);
  Bytes zoneData(d.read(n[kZone] * 6));
  std::string_view abbrev = d.read(n[kChar]);
  d.read(n[kLeap] * (size + 4));
  std::string_view isstd = d.read(n[kStdWall]);
  std::string_view isutc = d.read(n[kUTCLocal]);
  if (d.bad()) return false;
  std::string_view rest = d.rest();
  if (rest.size() > 2 && rest[0] == '\n' && rest.back() == '\n') {
    out->extend = std::string(rest.substr(1, rest.size() - 2));
  }
  if (n[kZone] == 0) return false;
  for (int64_t i = 0; i < n[kZone]; i++) {
    Zone z;
    z.offset = static_cast<int32_t>(zoneData.big4());
    z.isDST = zoneData.byte() != 0;
    uint8_t ai = zoneData.byte();
    if (zoneData.bad() || ai >= abbrev.size()) return false;
    std::string_view name = abbrev.substr(ai);
    z.name = std::string(name.substr(0, name.find('\0')));
    out->zones.push_back(z);
  }
  for (int64_t i = 0; i < n[kTime]; i++) {
    Trans t;
    t.when = size == 4 ? static_cast<int64_t>(static_cast<int32_t>(times.big4()))
                       : static_cast<int64_t>(times.big8());
    if (times.bad()) return false;
    auto zi = static_cast<uint8_t>(txZones[i]);
    if (zi >= out->zones.size()) return false;
    t.index = zi;
    if (static_cast<size_t>(i) < isstd.size()) t.isstd = isstd[i] != 0;
    if (static_cast<size_t>(i) < isutc.size()) t.isutc = isutc[i] != 0;
    out->tx.push_back(t);
  }
  // A zone file without transitions: one that starts at the dawn of time.
  if (out->tx.empty()) out->tx.push_back(Trans{kAlpha, 0, false, false});
  return true;
}

enum class ReadResult { Ok, NotFound, IsDir, TooLarge };

ReadResult readFile(const std::string& path, std::string* out) {
  constexpr size_t kMaxFileSize = 10 << 20;  // Go's limit
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return ReadResult::NotFound;
  char buf[4096];
  ReadResult r = ReadResult::Ok;
  for (;;) {
    size_t got = std::fread(buf, 1, sizeof buf, f);
    out->append(buf, got);
    if (got == 0) {
      if (std::ferror(f) && errno == EISDIR) r = ReadResult::IsDir;
      break;
    }
    if (out->size() > kMaxFileSize) {
      r = ReadResult::TooLarge;
      break;
    }
  }
  std::fclose(f);
  return r;
}

// Loads zone `name` from the given directories (each ending in '/', or ""
// for an absolute name). On failure returns a nil value and the message of
// Go's error.
Value loadFrom(std::string_view name, const std::vector<std::string>& dirs, std::string* err) {
  for (const std::string& dir : dirs) {
    std::string path = dir + std::string(name);
    std::string data;
    ReadResult r = readFile(path, &data);
    if (r == ReadResult::NotFound) continue;
    if (r == ReadResult::IsDir) {
      if (err->empty()) *err = "is a directory";
      continue;
    }
    if (r == ReadResult::TooLarge) {
      if (err->empty()) *err = "time: file " + path + " is too large";
      continue;
    }
    ZoneData zd;
    if (parseTZif(data, &zd)) return newLocation(name, zd);
    if (err->empty()) *err = "malformed time zone information";
  }
  return Value();
}

// Where Go looks for zone files on Unix systems.
const std::vector<std::string>& zoneSources() {
  static const std::vector<std::string> dirs{"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
                                             "/usr/lib/locale/TZ/"};
  return dirs;
}

// Go's initLocal, returning the Local location's contents.
Value makeLocal() {
  const char* tz = std::getenv("TZ");
  std::string err;
  if (tz == nullptr) {
    Value z = loadFrom("localtime", {"/etc/"}, &err);
    if (!z.isNil()) {
      locObj(z)->fields()[kLocName] = vm::makeString("Local");
      return z;
    }
  } else if (*tz != '\0') {
    std::string_view name = tz;
    if (name[0] == ':') name.remove_prefix(1);
    if (!name.empty() && name[0] == '/') {
      Value z = loadFrom(name, {""}, &err);
      if (!z.isNil()) {
        if (name == "/etc/localtime") locObj(z)->fields()[kLocName] = vm::makeString("Local");
        return z;
      }
    } else if (!name.empty() && name != "UTC") {
      Value z = loadFrom(name, zoneSources(), &err);
      if (!z.isNil()) return z;
    }
  }
  return newLocation("UTC", ZoneData{});
}

}  // namespace

// ---- The public functions -----------------------------------------------------------------

Value utcLocation() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newLocation("UTC", ZoneData{});
    return s;
  }();
  return *slot;
}

Value localLocation() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = makeLocal();
    return s;
  }();
  return *slot;
}

bool isUTC(Value loc) {
  if (!loc.isRef()) return true;
  return loc.refTarget() == utcLocation().refTarget();
}

Value locationOf(Value loc) { return loc.isRef() ? loc : utcLocation(); }

std::string locationName(Value loc) {
  return std::string(vm::stringView(locObj(locationOf(loc))->fields()[kLocName]));
}

Value fixedZone(std::string_view name, int64_t offset) {
  ZoneData d;
  d.zones.push_back(Zone{std::string(name), offset, false});
  d.tx.push_back(Trans{kAlpha, 0, false, false});
  Value l = newLocation(name, d);
  // Go's FixedZone fills the cache with its only zone.
  vm::StructObj* o = locObj(l);
  o->fields()[kLocCacheStart] = vm::makeIntOfType(vm::types::int64Type(), kAlpha);
  o->fields()[kLocCacheEnd] = vm::makeIntOfType(vm::types::int64Type(), kOmega);
  o->fields()[kLocCacheZone] = vm::elemPointer(o->fields()[kLocZone], 0);
  return l;
}

Value loadLocation(std::string_view name, Value* err) {
  *err = Value();
  if (name.empty() || name == "UTC") return utcLocation();
  if (name == "Local") return localLocation();
  if (name.find("..") != std::string_view::npos || name[0] == '/' || name[0] == '\\') {
    *err = newError("time: invalid location name");
    return vm::nilOf(locationPtrType());
  }
  std::string msg;
  const char* zoneinfo = std::getenv("ZONEINFO");
  if (zoneinfo != nullptr && *zoneinfo != '\0') {
    std::string dir = std::string(zoneinfo) + "/";
    Value z = loadFrom(name, {dir}, &msg);
    if (!z.isNil()) return z;
  }
  Value z = loadFrom(name, zoneSources(), &msg);
  if (!z.isNil()) return z;
  *err = newError(msg.empty() ? "unknown time zone " + std::string(name) : msg);
  return vm::nilOf(locationPtrType());
}

ZoneInfo lookupZone(Value loc, int64_t sec) {
  LocReader l(locationOf(loc));
  if (l.numZones() == 0) return ZoneInfo{"UTC", 0, kAlpha, kOmega, false};
  int64_t ntx = l.numTx();
  if (ntx == 0 || sec < l.txWhen(0)) {
    Zone z = l.zone(firstZone(l));
    return ZoneInfo{z.name, z.offset, kAlpha, ntx > 0 ? l.txWhen(0) : kOmega, z.isDST};
  }
  // Binary search for the last transition at or before sec.
  int64_t end = kOmega, lo = 0, hi = ntx;
  while (hi - lo > 1) {
    int64_t m = lo + (hi - lo) / 2;
    int64_t lim = l.txWhen(m);
    if (sec < lim) {
      end = lim;
      hi = m;
    } else {
      lo = m;
    }
  }
  Zone z = l.zone(l.txIndex(lo));
  ZoneInfo r{z.name, z.offset, l.txWhen(lo), end, z.isDST};
  if (lo == ntx - 1 && !l.extend().empty()) {
    ZoneInfo e;
    if (tzset(l.extend(), r.start, sec, &e)) return e;
  }
  return r;
}

bool lookupZoneName(Value loc, std::string_view name, int64_t unix, int64_t* offset) {
  LocReader l(locationOf(loc));
  // First a zone of that name in effect at the right time...
  for (int64_t i = 0; i < l.numZones(); i++) {
    Zone z = l.zone(i);
    if (z.name == name) {
      ZoneInfo at = lookupZone(loc, unix - z.offset);
      if (at.name == z.name) {
        *offset = at.offset;
        return true;
      }
    }
  }
  // ...else any zone of that name.
  for (int64_t i = 0; i < l.numZones(); i++) {
    Zone z = l.zone(i);
    if (z.name == name) {
      *offset = z.offset;
      return true;
    }
  }
  return false;
}

}  // namespace gsl::stdlib::timepkg
