// Unit tests for vm/heap.h: alignment, zeroing, that garbage is collected
// (bounded RSS under a 2 GB allocation stream), and that what the
// collector must see (GcAllocator buffers, roots) stays alive.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

#include "vm/heap.h"
#include "vm/object.h"

using namespace gsl::vm;

namespace {

const bool kHeapReady = (heapInit(), true);

// Resident set size in bytes, from /proc/self/statm (second field, pages).
size_t residentBytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return n == 2 ? resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace

TEST_SUITE("heap") {

TEST_CASE("objects are 16-byte aligned and zero-filled") {
  for (size_t size : {1, 8, 16, 24, 100, 4096, 100000}) {
    auto* p = static_cast<unsigned char*>(allocObject(size));
    CHECK(reinterpret_cast<uintptr_t>(p) % kObjectAlignment == 0);
    bool zero = true;
    for (size_t i = 0; i < size; i++) zero = zero && p[i] == 0;
    CHECK(zero);
    CHECK(reinterpret_cast<uintptr_t>(allocBytes(size)) % kObjectAlignment == 0);
  }
}

TEST_CASE("allocating 2 GB of garbage keeps the resident set bounded") {
  heapCollect();
  size_t before = residentBytes();
  uint64_t collectionsBefore = heapCollections();
  const size_t total = size_t(2) << 30;
  size_t done = 0;
  Value keep;  // some live data throughout
  int i = 0;
  while (done < total) {
    // A mix of scanned objects holding Values and pointer-free bytes.
    auto* slots = static_cast<Value*>(allocObject(64 * sizeof(Value)));
    slots[0] = keep;
    slots[1] = makeString(std::string(900, static_cast<char>('a' + i % 26)));
    if (i % 1000 == 0) keep = Value::object(reinterpret_cast<Object*>(slots));
    done += 64 * sizeof(Value) + 900 + 16384;
    allocBytes(16384);
    i++;
  }
  size_t after = residentBytes();
  INFO("RSS before " << before / 1048576 << " MiB, after " << after / 1048576 << " MiB");
  CHECK(after < before + (size_t(256) << 20));
  CHECK(heapCollections() > collectionsBefore);
  CHECK(heapTotalAllocated() >= total);
}

TEST_CASE("a GcAllocator container keeps its values alive across collections") {
  std::vector<Value, GcAllocator<Value>> values;
  for (int i = 0; i < 2000; i++) values.push_back(makeString("value-" + std::to_string(i)));
  for (int round = 0; round < 3; round++) {
    heapCollect();
    // Churn so that freed memory would be reused and overwritten.
    for (int j = 0; j < 20000; j++) makeString(std::string(40, 'z'));
  }
  bool intact = true;
  for (int i = 0; i < 2000; i++) intact = intact && stringView(values[i]) == "value-" + std::to_string(i);
  CHECK(intact);
}

TEST_CASE("a root keeps its value alive while unscanned memory refers to it") {
  auto* holder = new Value*;  // malloc'd: invisible to the collector
  *holder = static_cast<Value*>(allocRoot(sizeof(Value)));
  **holder = makeString(std::string(64, 'r'));
  for (int round = 0; round < 3; round++) {
    heapCollect();
    for (int j = 0; j < 20000; j++) makeString(std::string(64, 'q'));
  }
  CHECK(stringView(**holder) == std::string(64, 'r'));
  freeRoot(*holder);
  delete holder;
}

TEST_CASE("statistics report the heap") {
  heapCollect();
  CHECK(heapSize() > 0);
  CHECK(heapBytesInUse() <= heapSize());
}

}  // TEST_SUITE
