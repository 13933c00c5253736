// vm/map.cpp: the hash table behind Go maps (design in vm/map.h).
#include "vm/map.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <string>

#include "runtime/sched.h"
#include "runtime/signal.h"
#include "vm/builtins.h"
#include "vm/compare.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::vm {

namespace {

constexpr int32_t kEmpty = -1;
constexpr int32_t kTombstone = -2;
constexpr int64_t kMinIndexSize = 8;
// Entries capacity is 3/4 of the index size: linear probing stays short at
// a load factor of at most 0.75.
constexpr int64_t kLoadNum = 3;
constexpr int64_t kLoadDen = 4;

MapData* dataOf(Value m) {
  MapObj* o = asMap(m);
  return o ? o->data : nullptr;
}

// Go's report of a map race (runtime/map.go's fatal): "fatal error:
// concurrent map writes", the goroutine that saw it, then every other
// goroutine (stopped first, so their stacks hold still), status 2.
[[noreturn]] __attribute__((noinline, cold)) void mapRaceFatal(const char* msg) {
  static std::atomic<bool> reported{false};
  if (reported.exchange(true)) {
    // Another goroutine is reporting (the same race seen twice): it ends
    // the program.
    for (;;) pause();
  }
  std::string out = std::string("fatal error: ") + msg + "\n";
  if (Thread* th = currentThread()) {
    out += "\ngoroutine " + std::to_string(goroutineId(*th)) + " [running]:\n" + goroutineTrace(*th);
  }
  if (runtime::currentG() != nullptr) out += runtime::stopAndDumpOtherGoroutines();
  writeStderr(out);
  exitNow(2);
}

MapTable* newTable(int64_t minEntries) {
  int64_t size = kMinIndexSize;
  while (size * kLoadNum / kLoadDen < minEntries) size *= 2;
  int64_t cap = size * kLoadNum / kLoadDen;
  if (cap > INT32_MAX) fatalError("runtime: map too large");
  auto* t = static_cast<MapTable*>(allocObject(sizeof(MapTable) + cap * sizeof(MapEntry)));
  t->type = nullptr;
  t->index = static_cast<int32_t*>(allocBytes(size * sizeof(int32_t)));
  std::memset(t->index, 0xFF, size * sizeof(int32_t));  // all kEmpty
  t->mask = static_cast<uint64_t>(size - 1);
  t->cap = cap;
  t->used.store(0, std::memory_order_relaxed);
  return t;
}

// Key equality, with the common cases (int and string keys) inline.
inline bool keyEqual(Value a, Value b) {
  if (a.isInt() || b.isInt()) return a.sameBits(b);
  if (a.isObject() && b.isObject()) {
    const Object* oa = a.asObject();
    const Object* ob = b.asObject();
    if (oa->type == ob->type && oa->type->kind == Kind::String) {
      if (oa == ob) return true;
      auto* sa = static_cast<const StringObj*>(oa);
      auto* sb = static_cast<const StringObj*>(ob);
      return sa->len == sb->len && std::memcmp(sa->data, sb->data, sa->len) == 0;
    }
  }
  return valuesEqual(a, b);
}

inline uint64_t keyHash(Value key, uint64_t seed) { return hashValue(key, seed); }

// The entry for key, or nullptr.
MapEntry* findEntry(MapTable* t, Value key, uint64_t h) {
  MapEntry* entries = t->entries();
  uint64_t i = h & t->mask;
  for (;;) {
    int32_t idx = t->index[i];
    if (idx == kEmpty) return nullptr;
    if (idx >= 0 && idx < t->cap) {
      MapEntry* e = &entries[idx];
      if (e->hash == h && keyEqual(e->key, key)) return e;
    }
    i = (i + 1) & t->mask;
  }
}

// Appends an entry (the key must be absent) to a table with room for it.
MapEntry* appendEntry(MapTable* t, Value key, Value value, uint64_t h) {
  int64_t n = t->used.load(std::memory_order_relaxed);
  // Only two writers racing past the write flag can find the table full
  // here (each saw room before the other appended): report the race rather
  // than write past the entries.
  if (n >= t->cap) mapRaceFatal("concurrent map writes");
  MapEntry* e = &t->entries()[n];
  e->key = key;
  e->value = value;
  e->hash = h;
  uint64_t i = h & t->mask;
  while (t->index[i] >= 0) i = (i + 1) & t->mask;  // empty or tombstone
  t->index[i] = static_cast<int32_t>(n);
  t->used.store(n + 1, std::memory_order_release);
  return e;
}

// A new table holding d's live entries with room for at least one more;
// same size when at least half the entries are deleted, else double.
MapTable* grow(MapData* d, MapTable* old) {
  int64_t live = d->count.load(std::memory_order_relaxed);
  int64_t want = old ? (live * 2 < old->cap ? old->cap : old->cap * 2) : 1;
  if (want < live + 1) want = live + 1;
  MapTable* t = newTable(want);
  if (old) {
    int64_t used = old->used.load(std::memory_order_relaxed);
    MapEntry* es = old->entries();
    for (int64_t i = 0; i < used; i++) {
      if (es[i].key.sameBits(kDeletedKey)) continue;
      appendEntry(t, es[i].key, es[i].value, es[i].hash);
    }
  }
  d->table.store(t, std::memory_order_release);
  return t;
}

// Go's checks for racing map use: a flag set for the duration of each
// write, checked at the start of every read and write. Plain relaxed loads
// and stores (no read-modify-write, no lock), as Go's are: best effort, they
// catch a race in the act most of the time without slowing the fast path.
inline void beginWrite(MapData* d) {
  uint32_t f = d->flags.load(std::memory_order_relaxed);
  if (f & kMapWriting) mapRaceFatal("concurrent map writes");
  d->flags.store(f | kMapWriting, std::memory_order_relaxed);
}

inline void endWrite(MapData* d) {
  uint32_t f = d->flags.load(std::memory_order_relaxed);
  if (!(f & kMapWriting)) mapRaceFatal("concurrent map writes");
  d->flags.store(f & ~kMapWriting, std::memory_order_relaxed);
}

inline void checkRead(MapData* d) {
  if (d->flags.load(std::memory_order_relaxed) & kMapWriting) {
    mapRaceFatal("concurrent map read and map write");
  }
}

// Inserts key if absent (with `value`, or the zero value if `useZero`) and
// returns its entry. The caller holds the write flag.
MapEntry* insert(MapData* d, const Type* mapType, Value key, uint64_t h, Value value,
                 bool useZero, bool* inserted) {
  MapTable* t = d->table.load(std::memory_order_relaxed);
  if (t) {
    if (MapEntry* e = findEntry(t, key, h)) {
      *inserted = false;
      return e;
    }
  }
  if (!t || t->used.load(std::memory_order_relaxed) == t->cap) t = grow(d, t);
  *inserted = true;
  Value v = useZero ? zeroValue(mapType->elem) : value;
  MapEntry* e = appendEntry(t, copyValue(key), v, h);
  d->count.fetch_add(1, std::memory_order_relaxed);
  return e;
}

// The entry that this thread's last successful lookup found, so that the
// store of `m[k]++` / `m[k] op= v` (compiled as a lookup, then a store of
// the same key) finds it again without hashing and probing. Only a hint:
// the raw pointers are compared, never followed, until the map's current
// table is known to be the same object and the entry at `index` is checked
// to hold a key equal to the one being stored (keys are unique in a table),
// so a map cleared, grown, or freed and reallocated at the same address in
// between just misses.
struct LastFound {
  const MapData* data = nullptr;
  const MapTable* table = nullptr;
  int64_t index = 0;
  uint64_t keyBits = 0;
};
thread_local LastFound tLastFound;

// The entry of key in d if tLastFound designates it, else nullptr.
inline MapEntry* lastFoundEntry(MapData* d, Value key) {
  const LastFound& lf = tLastFound;
  if (lf.data != d || lf.keyBits != key.bits()) return nullptr;
  MapTable* t = d->table.load(std::memory_order_acquire);
  if (t != lf.table || lf.index >= t->used.load(std::memory_order_acquire)) return nullptr;
  MapEntry* e = &t->entries()[lf.index];
  Value k = e->key;
  if (k.sameBits(kDeletedKey)) return nullptr;  // deleted since
  return keyEqual(k, key) ? e : nullptr;
}

const Type* mapIterType() {
  static const Type* t = newNamed("runtime", "runtime", "hiter", nullptr);
  return t;
}

// A per-thread generator for iteration start points.
uint64_t fastRandom() {
  thread_local uint64_t s = randomSeed() | 1;
  s ^= s << 13;
  s ^= s >> 7;
  s ^= s << 17;
  return s;
}

}  // namespace

Value makeMap(const Type* t, int64_t hint) {
  if (hint < 0) throwRuntimeError("makemap: size out of range");
  auto* m = static_cast<MapObj*>(allocObject(sizeof(MapObj)));
  auto* d = static_cast<MapData*>(allocObject(sizeof(MapData)));
  new (d) MapData{};
  d->seed = randomSeed();
  if (hint > 0) d->table.store(newTable(hint), std::memory_order_relaxed);
  m->type = t;
  m->data = d;
  return Value::object(m);
}

Value mapWithType(const Type* t, Value m) {
  MapObj* src = asMap(m);
  if (!src) return nilOf(t);
  auto* o = static_cast<MapObj*>(allocObject(sizeof(MapObj)));
  o->type = t;
  o->data = src->data;
  return Value::object(o);
}

int64_t mapLen(Value m) {
  MapData* d = dataOf(m);
  return d ? d->count.load(std::memory_order_relaxed) : 0;
}

Value* mapFind(Value m, Value key) {
  MapData* d = dataOf(m);
  if (!d) {
    hashValue(key, 0);  // an unhashable key panics even on a nil map
    return nullptr;
  }
  uint64_t h = keyHash(key, d->seed);
  checkRead(d);
  MapTable* t = d->table.load(std::memory_order_acquire);
  if (!t) return nullptr;
  MapEntry* e = findEntry(t, key, h);
  if (!e) return nullptr;
  tLastFound = {d, t, e - t->entries(), key.bits()};
  return &e->value;
}

Value mapGet(Value m, Value key, bool* ok) {
  Value* slot = mapFind(m, key);
  if (ok) *ok = slot != nullptr;
  if (slot) return *slot;
  const Type* t = typeOf(m);
  return zeroValue(t ? t->elem : nullptr);
}

void mapSet(Value m, Value key, Value v) {
  MapData* d = dataOf(m);
  if (!d) {
    hashValue(key, 0);
    throwNilMapWrite();
  }
  Value stored = copyValue(v);
  if (MapEntry* e = lastFoundEntry(d, key)) {
    beginWrite(d);
    e->value = stored;
    endWrite(d);
    return;
  }
  uint64_t h = keyHash(key, d->seed);
  beginWrite(d);
  bool inserted;
  MapEntry* e = insert(d, asMap(m)->type, key, h, stored, false, &inserted);
  if (!inserted) e->value = stored;
  endWrite(d);
}

Value* mapSlot(Value m, Value key) {
  MapData* d = dataOf(m);
  if (!d) {
    hashValue(key, 0);
    throwNilMapWrite();
  }
  uint64_t h = keyHash(key, d->seed);
  beginWrite(d);
  bool inserted;
  MapEntry* e = insert(d, asMap(m)->type, key, h, Value(), true, &inserted);
  endWrite(d);
  return &e->value;
}

void mapDelete(Value m, Value key) {
  MapData* d = dataOf(m);
  if (!d) {
    hashValue(key, 0);
    return;
  }
  uint64_t h = keyHash(key, d->seed);
  beginWrite(d);
  MapTable* t = d->table.load(std::memory_order_relaxed);
  if (t) {
    uint64_t i = h & t->mask;
    MapEntry* entries = t->entries();
    for (;;) {
      int32_t idx = t->index[i];
      if (idx == kEmpty) break;
      if (idx >= 0) {
        MapEntry* e = &entries[idx];
        if (e->hash == h && keyEqual(e->key, key)) {
          t->index[i] = kTombstone;
          e->key = kDeletedKey;
          e->value = Value();
          d->count.fetch_sub(1, std::memory_order_relaxed);
          break;
        }
      }
      i = (i + 1) & t->mask;
    }
  }
  endWrite(d);
}

void mapClear(Value m) {
  MapData* d = dataOf(m);
  if (!d) return;
  beginWrite(d);
  d->table.store(nullptr, std::memory_order_release);
  d->count.store(0, std::memory_order_relaxed);
  endWrite(d);
}

// ---- Iteration --------------------------------------------------------------

void mapIterInit(MapIter& it, Value m) {
  it.type = mapIterType();
  it.map = asMap(m);
  it.table = nullptr;
  it.start = 0;
  it.n = 0;
  it.pos = 0;
  if (!it.map) return;
  MapTable* t = it.map->data->table.load(std::memory_order_acquire);
  if (!t) return;
  it.table = t;
  it.n = t->used.load(std::memory_order_acquire);
  it.start = it.n ? static_cast<int64_t>(fastRandom() % static_cast<uint64_t>(it.n)) : 0;
}

MapIter* newMapIter(Value m) {
  auto* it = static_cast<MapIter*>(allocObject(sizeof(MapIter)));
  mapIterInit(*it, m);
  return it;
}

bool mapIterNext(MapIter& it, Value* key, Value* value) {
  while (it.pos < it.n) {
    int64_t idx = it.start + it.pos;
    if (idx >= it.n) idx -= it.n;
    it.pos++;
    MapEntry& e = it.table->entries()[idx];
    Value k = e.key;
    if (k.sameBits(kDeletedKey)) continue;
    MapData* d = it.map->data;
    checkRead(d);
    MapTable* current = d->table.load(std::memory_order_acquire);
    Value v;
    if (current == it.table) {
      v = e.value;
    } else {
      // The map grew or was cleared since the loop began: the key's live
      // value (or its absence) is in the current table. A NaN key can never
      // be found again; produce it from the old table, as Go does.
      MapEntry* live = current ? findEntry(current, k, e.hash) : nullptr;
      if (live) {
        v = live->value;
      } else {
        bool nan = kindOf(k) == Kind::Float64 || kindOf(k) == Kind::Float32
                       ? std::isnan(toDouble(k))
                       : false;
        if (!nan || !current) continue;
        v = e.value;
      }
    }
    if (key) *key = k;
    if (value) *value = v;
    return true;
  }
  return false;
}

}  // namespace gsl::vm
