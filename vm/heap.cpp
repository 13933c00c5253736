// vm/heap.cpp: the heap interface implemented over libgc (Boehm–Demers–
// Weiser). The only file that includes <gc.h>.
#define GC_THREADS 1
#include <gc.h>

#include "vm/heap.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "vm/panic.h"
#include "vm/type.h"

namespace gsl::vm {

namespace {

std::atomic<bool> gInitialised{false};

constexpr size_t kInitialHeapBytes = size_t(4) << 20;
std::atomic<uint64_t> gCollections{0};

void onCollectionEvent(GC_EventType e) {
  if (e == GC_EVENT_END) gCollections.fetch_add(1, std::memory_order_relaxed);
}

[[noreturn]] void outOfMemory(size_t bytes) {
  fatalError("runtime: out of memory: cannot allocate " + std::to_string(bytes) + "-byte block");
}

inline void* checked(void* p, size_t bytes) {
  if (__builtin_expect(p == nullptr, 0)) outOfMemory(bytes);
  return p;
}

}  // namespace

void heapInit() {
  if (gInitialised.exchange(true)) return;
  // Values tagged as Refs point 12 bytes into an object, substrings and
  // slices point into the middle of their owners: interior pointers must
  // keep objects alive.
  GC_set_all_interior_pointers(1);
  GC_INIT();
  GC_allow_register_threads();
  GC_set_on_collection_event(onCollectionEvent);
  // Start with a 4 MiB heap, Go's minimum heap target (GOGC's floor), unless
  // the user chose a size with libgc's GC_INITIAL_HEAP_SIZE. libgc would
  // otherwise start at 64 KiB and, while a program's live data stays small,
  // collect after every few hundred KiB allocated: string-building loops
  // then spent a fifth of their time in collections (measured on
  // bench strbuild: 0.89 s wall before, 0.70 s after; 4 MiB more resident).
  if (std::getenv("GC_INITIAL_HEAP_SIZE") == nullptr) GC_expand_hp(kInitialHeapBytes);
  // The type-id table is large (512 KiB) and refers only to types, which
  // are permanent: scanning it at every collection would be wasted work.
  GC_exclude_static_roots(&gTypesById[0], &gTypesById[65536]);
  // The smallest object granule must match our 16-byte alignment.
  GSL_ASSERT(GC_get_all_interior_pointers() == 1);
  void* probe = GC_MALLOC(1);
  GSL_ASSERT((reinterpret_cast<uintptr_t>(probe) & (kObjectAlignment - 1)) == 0);
}

void* allocObject(size_t bytes) {
  void* p = checked(GC_MALLOC(bytes), bytes);
  return p;
}

void* allocBytes(size_t bytes) { return checked(GC_MALLOC_ATOMIC(bytes), bytes); }

void* allocRoot(size_t bytes) { return checked(GC_MALLOC_UNCOLLECTABLE(bytes), bytes); }

void freeRoot(void* p) { GC_FREE(p); }

void heapFree(void* p) { GC_FREE(p); }

void heapCollect() { GC_gcollect(); }

size_t heapObjectSize(const void* p) {
  if (p == nullptr) return 0;
  void* base = GC_base(const_cast<void*>(p));
  if (base != p) return 0;
  return GC_size(base);
}

size_t heapBytesInUse() { return GC_get_heap_size() - GC_get_free_bytes(); }

size_t heapSize() { return GC_get_heap_size(); }

uint64_t heapTotalAllocated() { return GC_get_total_bytes(); }

uint64_t heapCollections() { return gCollections.load(std::memory_order_relaxed); }

void heapRegisterThread() {
  GC_stack_base sb;
  if (GC_get_stack_base(&sb) != GC_SUCCESS) fatalError("runtime: cannot find thread stack");
  GC_register_my_thread(&sb);
}

void heapUnregisterThread() { GC_unregister_my_thread(); }

}  // namespace gsl::vm
