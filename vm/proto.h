// vm/proto.h: a compiled function (a "prototype"): its bytecode and the
// tables the bytecode indexes.
//
// A Proto is produced by the compiler and never changes afterwards, except
// for the inline caches of its sites, which the interpreter updates
// atomically (a cache entry is published whole, so a racing reader sees
// either the old entry or the new one). Several FuncObj closures share one
// Proto; the closure adds the captured variables (FuncObj::captures()).
//
// Memory: Protos live as long as the program. They are allocated in
// collector-scanned root memory (newProto), because `consts` holds Values
// (strings, boxed numbers) that nothing else keeps alive.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/heap.h"
#include "vm/opcode.h"
#include "vm/type.h"
#include "vm/value.h"

namespace gsl::vm {

// Where a closure's capture comes from when the Closure instruction runs in
// the enclosing function: its register `index` (holding a cell), or its own
// capture `index`.
struct CaptureDesc {
  bool fromRegister = true;
  uint16_t index = 0;
  std::string_view name;  // the captured variable's name (disassembly)
};

// A resolved selector, published whole into Site::cache. `key` is the
// receiver's typeKey() (vm/call.h). For fields: `path` leads from the
// receiver (dereferenced first if it is a pointer) through embedded fields
// to the field, dereferencing embedded pointers on the way. For methods:
// `path` reaches the value whose type declares the method, `fn` is the
// method's function value, and `recv` says how to turn that value into the
// receiver the method expects.
struct SiteCache {
  uintptr_t key = 0;
  enum class Recv : uint8_t {
    AsIs,   // pass the value as it is (a struct/array value is copied)
    Deref,  // it is a pointer and the method has a value receiver: pass *p
    Addr,   // it is a struct/array value and the method wants a pointer: pass a Ref
    Dynamic,  // it is an embedded interface value: dispatch again on its dynamic type
  };
  Recv recv = Recv::AsIs;
  const Type* fieldType = nullptr;  // fields: the field's declared type
  Value fn;                         // methods: the function value
  uint8_t pathLen = 0;
  int16_t path[7] = {};
};

// A selector site (`x.name` for a field or a method) with its inline cache.
struct Site {
  std::string_view name;
  bool isMethod = false;
  std::atomic<const SiteCache*> cache{nullptr};
  std::atomic<uint32_t> misses{0};  // entries published so far; capped

  Site() = default;
  Site(std::string_view n, bool method) : name(n), isMethod(method) {}
  Site(const Site& o) : name(o.name), isMethod(o.isMethod) {}
};

// One result of the function as seen by recover(): after a deferred call
// recovers, the function returns the current values of its results, read
// from these registers (`isCell`: the register holds the result's cell).
struct ResultSlot {
  uint16_t reg = 0;
  bool isCell = false;
};

struct Proto {
  // Identity, for stack traces and disassembly.
  std::string name;            // Go's spelling: "main.f", "main.(*T).M", "main.main.func1"
  std::string_view file;       // the source file's name as given
  int32_t line = 0;            // line of the `func` keyword
  const Type* sig = nullptr;   // the function's type (FuncObj type of its closures)
  bool hideInTrace = false;    // compiler-made glue (the program's entry) tracebacks skip

  // Signature. The receiver of a method counts as parameter 0.
  uint16_t numParams = 0;
  uint16_t numResults = 0;
  bool variadic = false;       // the last parameter collects extra arguments
  const Type* variadicType = nullptr;  // the []T of the variadic parameter
  uint16_t maxRegs = 0;        // registers the frame needs (parameters first)

  // Code: one source line per instruction.
  std::vector<Instr> code;
  std::vector<int32_t> lines;

  // Tables the instructions index.
  std::vector<Value, GcAllocator<Value>> consts;  // K
  std::vector<const Type*> types;                 // T
  std::vector<Proto*> protos;                     // P
  std::vector<CaptureDesc> captures;              // how closures of this proto capture
  // S. The buffer is collected memory so that the cache entries the sites
  // point at stay visible to the collector.
  std::vector<Site, GcAllocator<Site>> sites;

  // Defer support: whether the function contains a defer statement, where
  // its common exit sequence starts (run the remaining defers, then return
  // the results; a frame whose deferred call recovered continues here), and
  // where its results live.
  bool hasDefer = false;
  int32_t exitPc = -1;
  std::vector<ResultSlot> resultSlots;

  // The line of instruction `pc` (0 when unknown).
  int32_t lineAt(size_t pc) const { return pc < lines.size() ? lines[pc] : 0; }
};

// A new, empty Proto in root memory (see the top of this file).
Proto* newProto();

}  // namespace gsl::vm
