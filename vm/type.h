// vm/type.h: run-time types.
//
// Every gsl value carries its Go type (DESIGN §1: typing is dynamic, but
// zero values, conversions, integer wrapping, method sets and %T all depend
// on the type). A Type is immutable once published, with two exceptions that
// are safe to race with readers: the method table of a named type (replaced
// as a whole, copy-on-write, by addMethod) and the structure of a named type
// declared before its underlying type is known (setUnderlying, called by the
// compiler before any value of the type exists).
//
// Identity. Two unnamed types that Go considers identical are the same
// Type* (the constructors sliceOf, mapOf, … intern them, thread-safely), so
// type identity is pointer equality everywhere. Each newNamed() call makes a
// new, distinct type, as each Go type declaration does.
//
// Ids. Every type gets a 16-bit id, registered in a global table, so that a
// Scalar value (vm/value.h) can name its type: typeById(v.scalarTypeId()).
// The predeclared basic types have fixed ids equal to their Kind value
// (kTypeIdBool == Kind::Bool == 1, …), so constants such as kTrue are
// compile-time words. At most 65535 types can exist in one process; the
// 65536th is a fatal error.
//
// Storage. Types are never freed. The basic types are static; the others live
// in uncollectable, scanned memory (vm/heap.h allocRoot), so the function
// values in method tables stay visible to the collector.
//
// Named types: `name` and `pkg` are set, `underlying` points at the unnamed
// (or predeclared) type it was declared with, and the structural members
// (kind, elem, key, len, dir, fields, imethods, params, results, variadic) are
// copied from the underlying type, so code can switch on t->kind and read
// t->elem without first going to the underlying type. The predeclared types
// (int, string, error, …) are named types with an empty pkg; `int`'s
// underlying type is itself; `error`'s is `interface { Error() string }`.
// `byte` and `rune` are aliases: the same Type* as uint8 and int32. `any` is
// the same Type* as `interface {}`.
#pragma once

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "vm/value.h"

namespace gsl::vm {

// The kinds, in an order that the type ids of the predeclared basic types
// follow: Bool..UnsafePointer are 1..18 and are also those types' ids.
enum class Kind : uint8_t {
  Invalid = 0,  // a named type whose underlying type is not set yet
  Bool,
  Int,
  Int8,
  Int16,
  Int32,
  Int64,
  Uint,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Uintptr,
  Float32,
  Float64,
  Complex64,
  Complex128,
  String,
  UnsafePointer,
  // Composite kinds.
  Array,
  Slice,
  Struct,
  Pointer,
  Func,
  Interface,
  Map,
  Chan,
};

constexpr int kNumBasicKinds = static_cast<int>(Kind::UnsafePointer) + 1;

// The fixed ids of the predeclared basic types (their Kind value).
constexpr uint16_t kTypeIdBool = static_cast<uint16_t>(Kind::Bool);
constexpr uint16_t kTypeIdInt = static_cast<uint16_t>(Kind::Int);
constexpr uint16_t kTypeIdFloat64 = static_cast<uint16_t>(Kind::Float64);
constexpr uint16_t kTypeIdString = static_cast<uint16_t>(Kind::String);

// ---- Kind predicates ------------------------------------------------------

constexpr bool isIntegerKind(Kind k) { return k >= Kind::Int && k <= Kind::Uintptr; }
constexpr bool isSignedKind(Kind k) { return k >= Kind::Int && k <= Kind::Int64; }
constexpr bool isUnsignedKind(Kind k) { return k >= Kind::Uint && k <= Kind::Uintptr; }
constexpr bool isFloatKind(Kind k) { return k == Kind::Float32 || k == Kind::Float64; }
constexpr bool isComplexKind(Kind k) { return k == Kind::Complex64 || k == Kind::Complex128; }
constexpr bool isNumericKind(Kind k) { return k >= Kind::Int && k <= Kind::Complex128; }
constexpr bool isBasicKind(Kind k) { return k >= Kind::Bool && k <= Kind::UnsafePointer; }
// Kinds whose zero value is nil (a Scalar with payload 0, see vm/object.h).
constexpr bool isNilableKind(Kind k) {
  return k == Kind::Pointer || k == Kind::Slice || k == Kind::Map || k == Kind::Chan ||
         k == Kind::Func || k == Kind::UnsafePointer;
}
// Width in bits of an integer kind (int, uint and uintptr are 64 bits, as
// on the 64-bit platforms Go's output is compared against).
constexpr int integerBits(Kind k) {
  switch (k) {
    case Kind::Int8: case Kind::Uint8: return 8;
    case Kind::Int16: case Kind::Uint16: return 16;
    case Kind::Int32: case Kind::Uint32: return 32;
    default: return 64;
  }
}

// Channel direction, as written in the type (`chan T`, `chan<- T`, `<-chan T`).
enum class ChanDir : uint8_t { Both, Send, Recv };

struct Type;

// A struct field. Names and tags point at interned storage (internName).
struct Field {
  std::string_view name{};  // for an embedded field, the type's name ("T" for *pkg.T)
  const Type* type = nullptr;
  std::string_view tag{};   // raw tag text without quotes, "" if none
  bool embedded = false;
  bool exported = false;    // name starts with an upper-case letter
};

// A method of an interface type. The dynamic check (implements) looks at
// names only; `sig` (a Func type, or nullptr when unknown) is for %T.
struct IMethod {
  std::string_view name{};
  const Type* sig = nullptr;
};

// A method declared on a named type. `fn` is a function value (a FuncObj,
// vm/object.h) whose first parameter is the receiver: for a script method the
// compiled function takes the receiver as parameter 0; for a native method
// the receiver arrives as args[0].
struct Method {
  std::string_view name{};
  Value fn{};
  bool ptrRecv = false;  // declared with a pointer receiver: func (t *T) M()
};

// The method table of a named type, sorted by name. Replaced as a whole.
struct MethodTable {
  std::span<const Method> methods;
};

struct Type {
  Kind kind = Kind::Invalid;
  uint16_t id = 0;
  // The defined name ("int", "Duration", "T"); empty for unnamed types.
  std::string_view name{};
  // The package name as %T prints it ("main", "time", "atomic"); empty for
  // predeclared types and unnamed types.
  std::string_view pkg{};
  // The import path of the package ("sync/atomic"); empty like pkg.
  std::string_view pkgPath{};
  // The underlying type; the type itself for unnamed and predeclared basic
  // types. nullptr only for a named type not yet given its underlying type.
  const Type* underlying = nullptr;

  // Structure, by kind (copied into named types from their underlying type).
  const Type* elem = nullptr;  // Array, Slice, Pointer, Chan element; Map value
  const Type* key = nullptr;   // Map key
  int64_t len = 0;             // Array length
  ChanDir dir = ChanDir::Both;                 // Chan
  std::span<const Field> fields{};             // Struct, in declaration order
  std::span<const IMethod> imethods{};         // Interface, sorted by name
  std::span<const Type* const> params{};       // Func; a variadic func's last param is []T
  std::span<const Type* const> results{};      // Func
  bool variadic = false;                       // Func

  // Methods declared on this (named) type; empty for others. Lock-free read.
  std::span<const Method> methods() const {
    const MethodTable* t = methods_.load(std::memory_order_acquire);
    return t ? t->methods : std::span<const Method>();
  }
  // The method with this name declared directly on this type, or nullptr.
  const Method* findDeclaredMethod(std::string_view name) const;

  bool isNamed() const { return !name.empty(); }
  bool isInterface() const { return kind == Kind::Interface; }

  // Internal state; use the free functions below.
  std::atomic<const MethodTable*> methods_{nullptr};  // written by addMethod only
  mutable std::atomic<const Type*> ptrTo_{nullptr};   // cache for pointerTo(this)
  mutable std::atomic<const Type*> sliceOf_{nullptr}; // cache for sliceOf(this)
  mutable std::atomic<const void*> emptyString_{nullptr};  // String kinds: the shared "" object
};

// ---- Lookup by id -----------------------------------------------------------

// The table behind typeById; an entry is written once, before the type's
// first value can exist.
extern std::atomic<const Type*> gTypesById[65536];

// The type with this id. Lock-free; the id must come from a live value.
inline const Type* typeById(uint16_t id) {
  return gTypesById[id].load(std::memory_order_acquire);
}

// ---- Predeclared types ------------------------------------------------------

// Static storage for the basic types, indexed by Kind (entry 0 unused).
extern Type gBasicTypes[kNumBasicKinds];

// The predeclared type of a basic kind (Kind::Bool … Kind::UnsafePointer).
inline const Type* basicType(Kind k) { return &gBasicTypes[static_cast<int>(k)]; }

namespace types {
inline const Type* boolType() { return basicType(Kind::Bool); }
inline const Type* intType() { return basicType(Kind::Int); }
inline const Type* int8Type() { return basicType(Kind::Int8); }
inline const Type* int16Type() { return basicType(Kind::Int16); }
inline const Type* int32Type() { return basicType(Kind::Int32); }
inline const Type* int64Type() { return basicType(Kind::Int64); }
inline const Type* uintType() { return basicType(Kind::Uint); }
inline const Type* uint8Type() { return basicType(Kind::Uint8); }
inline const Type* uint16Type() { return basicType(Kind::Uint16); }
inline const Type* uint32Type() { return basicType(Kind::Uint32); }
inline const Type* uint64Type() { return basicType(Kind::Uint64); }
inline const Type* uintptrType() { return basicType(Kind::Uintptr); }
inline const Type* float32Type() { return basicType(Kind::Float32); }
inline const Type* float64Type() { return basicType(Kind::Float64); }
inline const Type* complex64Type() { return basicType(Kind::Complex64); }
inline const Type* complex128Type() { return basicType(Kind::Complex128); }
inline const Type* stringType() { return basicType(Kind::String); }
inline const Type* unsafePointerType() { return basicType(Kind::UnsafePointer); }
inline const Type* byteType() { return uint8Type(); }  // alias
inline const Type* runeType() { return int32Type(); }  // alias
// `interface {}`, also spelled `any`.
const Type* anyType();
// The universe's `error`: named interface with method Error() string.
const Type* errorType();
}  // namespace types

// ---- Construction (thread-safe; identical unnamed types are one Type*) ----

const Type* sliceOf(const Type* elem);
const Type* pointerTo(const Type* elem);
const Type* arrayOf(const Type* elem, int64_t len);
const Type* mapOf(const Type* key, const Type* value);
const Type* chanOf(const Type* elem, ChanDir dir);
// For a variadic function the last parameter type is the slice type []T.
const Type* funcOf(std::span<const Type* const> params, std::span<const Type* const> results,
                   bool variadic);
// Field names and tags are copied (interned). Two struct types are identical
// when names, types, tags and embeddedness match field by field (Go also
// compares the package of unexported names; gsl does not).
const Type* structOf(std::span<const Field> fields);
// Method names are copied, sorted and deduplicated. An embedded interface is
// expanded by the caller (list its methods).
const Type* interfaceOf(std::span<const IMethod> methods);

// Declares a new named type. `pkg` is the package name ("main"), `pkgPath`
// its import path ("main" for the script). `underlying` may be nullptr for a
// recursive declaration (type Node struct{ next *Node }); call setUnderlying
// before creating any value of the type. If `underlying` is itself named,
// its underlying type is used (type A B gets B's structure, not B's methods).
Type* newNamed(std::string_view pkg, std::string_view pkgPath, std::string_view name,
               const Type* underlying);
void setUnderlying(Type* named, const Type* underlying);

// Adds (or replaces, for a REPL redefinition) a method of a named type.
// Safe while other threads read the table.
void addMethod(Type* named, std::string_view name, Value fn, bool ptrRecv);

// Copies a name into storage that lives as long as the process.
std::string_view internName(std::string_view s);

// ---- Queries ----------------------------------------------------------------

// Go's %T spelling: "int", "[]string", "map[string]int", "*main.T",
// "func(int, ...string) (int, error)", "struct { X int; y string \"tag\" }",
// "interface {}", "chan (<-chan int)", "[3]int", "error". nullptr → "<nil>".
std::string typeString(const Type* t);

// The element type for a pointer type (nullptr otherwise).
inline const Type* pointerElem(const Type* t) {
  return t && t->kind == Kind::Pointer ? t->elem : nullptr;
}

// Whether values of the type can be compared with == (and be map keys):
// not slices, maps or funcs, nor structs/arrays containing them. Interfaces
// are comparable (the check moves to run time).
bool isComparable(const Type* t);

// Go's unsafe.Sizeof and Alignof for the type on a 64-bit platform (string
// 16, slice 24, interface 16, pointer/map/chan/func 8, struct with padding).
// Used to reproduce Go's slice growth (capacity follows allocation size
// classes), never for gsl's own layout.
int64_t goSizeOf(const Type* t);
int64_t goAlignOf(const Type* t);

// Result of a method lookup through the method set of a type, including
// methods promoted from embedded fields (Go's selector rules: the shallowest
// depth wins; two at the same depth are ambiguous, reported as not found).
struct MethodLookup {
  bool found = false;  // false: no such method (or ambiguous)
  // The method, or nullptr when it comes from an embedded interface field:
  // then follow `path` to the interface value and look the name up on that
  // value's dynamic type.
  const Method* method = nullptr;
  const Type* declaredOn = nullptr;  // the type whose table holds it
  // Field indices from the receiver's struct value down through embedded
  // fields to the value whose type declares the method; empty when the
  // method is declared on the receiver's own type. At each step, if the
  // current value is a pointer (Ref), dereference it before taking the field.
  std::vector<int> path;
  // True when the method is in the method set of the receiver type itself.
  // False means only the pointer type has it (a pointer-receiver method
  // reached without passing through an embedded pointer): a call needs an
  // addressable receiver, and the type does not implement interfaces
  // needing it.
  bool inMethodSet = false;
};

// Looks up `name` in the method set of `t` (for a pointer type *T: T's
// methods of both receiver kinds and those promoted into T).
MethodLookup lookupMethod(const Type* t, std::string_view name);

// Whether a value of dynamic type `t` satisfies interface type `iface`
// (structurally, by method names). On failure, *missing (if given) receives
// the first missing method's name, as Go's "missing method M" reports it.
bool implements(const Type* t, const Type* iface, std::string* missing = nullptr);

}  // namespace gsl::vm
