// vm/heap.h: the narrow interface to the garbage-collected heap.
//
// Today the heap is the Boehm–Demers–Weiser collector (libgc), a
// conservative, mostly-parallel mark-sweep collector with thread-local
// allocation (DESIGN §3, decision 5). Nothing outside vm/heap.cpp includes
// <gc.h>, so a precise, per-P-allocating collector can replace it later. To
// keep that possible, code follows these rules already:
//  * every heap object starts with its Type* (vm/object.h) and is allocated
//    by allocObject (contains pointers/Values) or allocBytes (contains none);
//  * a pointer into the middle of an object is always accompanied by a
//    pointer to the object itself somewhere reachable (StringObj::owner,
//    SliceObj::data, PointerObj::base); libgc recognises interior pointers,
//    a precise collector would not need to;
//  * every C++ container that holds Values (or pointers to heap objects)
//    uses GcAllocator, so the collector sees its buffer;
//  * a Value held only by C++ memory the collector does not scan (malloc'd
//    memory, a C++ exception object) lives in a root: allocRoot.
//
// Threads: every thread that touches Values must be registered with
// heapRegisterThread() (the main thread is registered by heapInit()). Stacks
// and registers of registered threads are scanned conservatively.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

namespace gsl::vm {

// Objects are 16-byte aligned: the low four bits of a Value are its tag.
constexpr size_t kObjectAlignment = 16;

// Initialises the collector. Must be called once, from the main thread,
// before any allocation; later calls do nothing. libgc's own environment
// variables apply (GC_PRINT_STATS=1 prints a line per collection).
void heapInit();

// Memory for an object that may contain Values or heap pointers: scanned,
// zero-filled, 16-byte aligned. Never returns null (out of memory is a
// fatal error). Freed when unreachable.
void* allocObject(size_t bytes);

// Memory for bytes that contain no pointers (string bytes, boxed numbers):
// not scanned, NOT zero-filled, 16-byte aligned. Freed when unreachable.
void* allocBytes(size_t bytes);

// Scanned memory that is never collected: roots for Values held by
// unscanned C++ memory, and the permanent Type objects. Zero-filled.
void* allocRoot(size_t bytes);
// Frees memory from allocRoot.
void freeRoot(void* p);

// Returns memory from allocObject/allocBytes that the caller knows is no
// longer referenced (a container's old buffer). Optional: the collector
// would reclaim it anyway.
void heapFree(void* p);

// Runs a full collection now (runtime.GC()).
void heapCollect();

// The usable size of the collected (or root) object that starts at p, or 0
// when p is not the start of one. For diagnostics that walk the object
// graph defensively (deadlock explanations): it tells a CellObj (16 bytes)
// from a larger object whose header names the same type.
size_t heapObjectSize(const void* p);

// Statistics.
size_t heapBytesInUse();      // heap size minus free bytes, as of the last GC
size_t heapSize();            // bytes the collector has obtained from the OS
uint64_t heapTotalAllocated();  // bytes allocated since start
uint64_t heapCollections();   // number of collections so far

// Registration of threads other than the main thread (runtime Ms). Call at
// the start and end of the thread's function.
void heapRegisterThread();
void heapUnregisterThread();

// A standard allocator whose buffers the collector scans (and frees when
// unreachable). Use it for every std container that holds Values. The
// container object itself must live where the collector looks (a stack, a
// static, a heap object, a root); inside malloc'd memory its buffer would be
// freed under it.
template <class T>
struct GcAllocator {
  using value_type = T;
  GcAllocator() noexcept = default;
  template <class U>
  GcAllocator(const GcAllocator<U>&) noexcept {}
  T* allocate(size_t n) {
    if (n > SIZE_MAX / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(allocObject(n * sizeof(T)));
  }
  void deallocate(T* p, size_t) noexcept { heapFree(p); }
  template <class U>
  bool operator==(const GcAllocator<U>&) const noexcept { return true; }
};

}  // namespace gsl::vm
