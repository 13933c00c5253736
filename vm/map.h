// vm/map.h: Go maps.
//
// Design: an insertion-ordered entry array plus an open-addressing index
// (linear probing over 32-bit entry numbers), the layout CPython's dict uses.
//
//   MapObj ──► MapData ──► MapTable (immutable shape, replaced on growth)
//   (type)     (count,      ├── entries[cap]: {key, value, hash}, appended
//               flags,      │                 in insertion order; a deleted
//               seed)       │                 entry keeps its slot with
//                           │                 key == kDeletedKey
//                           └── index[mask+1]: entry number, kEmpty or
//                                              kTombstone
//
// * A MapObj is the Go map value (shared by reference). Converting between
//   named map types makes a new MapObj sharing the same MapData.
// * Growth (entries full) builds a new MapTable (same size when at least half
//   the entries are deleted, else double) and publishes it with one pointer
//   store, so a racing reader always sees a consistent table: races are the
//   script's bug, never a crash. A per-map "writing" flag catches concurrent
//   writers and reports "fatal error: concurrent map writes" as Go does (best
//   effort, like Go's).
// * Keys are compared with Go's == and hashed with a per-map random seed
//   (vm/compare.h); an unhashable key panics "hash of unhashable type T".
// * Iteration (MapIter) starts at a random entry and wraps around, so the
//   order differs between loops as Go's does. It walks the table it started
//   with: entries deleted before they are reached are skipped; entries
//   inserted during the loop may or may not be produced; every entry is
//   produced at most once. If the map grew (or was cleared) meanwhile, each
//   remaining key is looked up in the current table to get its live value
//   (or skip it if deleted), as Go's iterator does during growth.
#pragma once

#include <atomic>
#include <cstdint>

#include "vm/object.h"

namespace gsl::vm {

struct MapEntry {
  Value key;    // kDeletedKey once deleted
  Value value;
  uint64_t hash;
};

// A word no value ever has (tag 1000 is unused by vm/value.h).
inline constexpr Value kDeletedKey = Value::fromBits(8);

struct MapTable : Object {  // type: nullptr (internal)
  int32_t* index;      // mask+1 slots: entry number, or kEmpty/kTombstone
  uint64_t mask;
  int64_t cap;         // entries capacity
  std::atomic<int64_t> used;  // entries appended so far (live + deleted)
  MapEntry* entries() { return reinterpret_cast<MapEntry*>(this + 1); }
};

struct MapData {
  std::atomic<MapTable*> table;  // nullptr until the first insertion
  std::atomic<int64_t> count;    // live entries (len)
  std::atomic<uint32_t> flags;   // kMapWriting while a write is in progress
  uint64_t seed;
};

struct MapObj : Object {
  MapData* data;
};

constexpr uint32_t kMapWriting = 1;

// make(map[K]V, hint). t is a map type (named or not).
Value makeMap(const Type* t, int64_t hint = 0);
// A map of type t sharing m's contents (conversion between map types).
Value mapWithType(const Type* t, Value m);

inline MapObj* asMap(Value m) {
  return m.isObject() ? static_cast<MapObj*>(m.asObject()) : nullptr;
}
// len(m); 0 for a nil map.
int64_t mapLen(Value m);
// The value slot for key, or nullptr if absent (nil map: nullptr; an
// unhashable key panics even then, as in Go). The pointer is valid until
// the next insertion into the map.
Value* mapFind(Value m, Value key);
// v, ok := m[key]. A missing key gives the zero value of the element type.
Value mapGet(Value m, Value key, bool* ok = nullptr);
// m[key] = v (v is copyValue()d). Panics "assignment to entry in nil map".
// A store of the key that this thread's last mapFind/mapGet found reuses
// that lookup (checked, see map.cpp), so `m[k]++` hashes k once.
void mapSet(Value m, Value key, Value v);
// The value slot for key, inserting the element type's zero value if
// absent: one lookup for `m[k] op= v` and `m[k]++`. Valid until the next
// insertion. Panics on a nil map.
Value* mapSlot(Value m, Value key);
// delete(m, key); no-op for a nil map or a missing key.
void mapDelete(Value m, Value key);
// clear(m).
void mapClear(Value m);

// Iteration state for `for k, v := range m`. Keep it in scanned memory (a
// frame register via newMapIter, or a stack variable).
struct MapIter : Object {  // type: an internal type of Kind::Invalid
  MapObj* map;
  MapTable* table;  // the table the loop started with
  int64_t start;    // random first entry
  int64_t n;        // entries to visit (table->used at the start)
  int64_t pos;      // visited so far
};

// Starts an iteration (m may be nil).
void mapIterInit(MapIter& it, Value m);
// A heap-allocated iterator, e.g. to keep in an interpreter register.
MapIter* newMapIter(Value m);
// The next entry; false when done. key/value may be null when not wanted.
bool mapIterNext(MapIter& it, Value* key, Value* value);

}  // namespace gsl::vm
