// stdlib/native_support.h: helpers shared by the native packages: reading
// arguments, building results ([]byte, []string), declaring the named types
// that packages export (strings.Builder, *strconv.NumError, ...) with native
// methods, and calling methods of script values (String, Error, Less, ...).
//
// Conventions for every native in stdlib/ (see vm/native.h for the calling
// contract):
//  * Arguments are read by kind, not by exact type: an integer parameter
//    accepts any integer kind (an untyped constant arrives as `int`), a
//    float parameter accepts integers too, a string parameter any string
//    kind. A missing trailing argument reads as the zero value.
//  * Results have Go's exact types (ParseInt returns int64, Atoi int), since
//    %T and later arithmetic depend on them.
//  * A method's receiver arrives as args[0]: a Ref (or PointerObj) for a
//    pointer receiver, the value itself for a value receiver.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vm/native.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/type.h"
#include "vm/value.h"

namespace gsl::stdlib {

// ---- Arguments --------------------------------------------------------------

inline vm::Value arg(const vm::Value* args, int nargs, int i) {
  return i < nargs ? args[i] : vm::Value();
}
// A string-kind argument ("" when missing or nil).
std::string_view argString(const vm::Value* args, int nargs, int i);
// An integer-kind argument (0 when missing).
int64_t argInt(const vm::Value* args, int nargs, int i);
// A float- or integer-kind argument (0 when missing).
double argFloat(const vm::Value* args, int nargs, int i);
bool argBool(const vm::Value* args, int nargs, int i);

// The struct a pointer receiver points at; a nil receiver panics with Go's
// nil dereference error, as the method's first field access would.
vm::StructObj* receiverStruct(const vm::Value* args);

// Checks that v is a []byte-like slice (or its typed nil), panicking with a
// runtime error otherwise, so a wrongly typed argument never reaches code
// that assumes the layout.
void requireByteSlice(vm::Value v);

// ---- Values -----------------------------------------------------------------

// A fresh []byte holding a copy of `bytes`; a fresh slice of type sliceType
// (a []byte-like type) holding `bytes`. These are vm/slice.h's, which also
// has the fast readers (byteSliceView, byteSliceData, bytesView).
using vm::makeByteSlice;
using vm::makeByteSliceOfType;
// A copy of the bytes of a []byte-like slice, [N]byte-like array value or
// pointer to one (nil: ""). vm::bytesView gives them without copying.
std::string bytesOf(vm::Value v);
// Appends the bytes of a []byte-like slice to out.
void appendBytesOf(std::string& out, vm::Value v);
// A fresh []string.
vm::Value makeStringSlice(const std::vector<std::string_view>& parts);
// The elements of a slice value of Value layout as a span (nil slice:
// empty). Not for byte slices (asserted): they have no Value elements; use
// vm/slice.h's byteSliceView/byteSliceData, or sliceIndex/sliceStore/
// sliceSwap for code generic over element types.
struct SliceView {
  vm::Value* data = nullptr;
  int64_t len = 0;
  vm::Value* begin() const { return data; }
  vm::Value* end() const { return data + len; }
};
SliceView sliceView(vm::Value s);

// ---- Declaring exported types with native methods ---------------------------

// A new named struct type pkg.name with the given fields (field types must
// be set; names starting with a lower-case letter are unexported).
vm::Type* defineStruct(std::string_view pkg, std::string_view name,
                       std::initializer_list<vm::Field> fields);
// A new named type pkg.name over an existing underlying type.
vm::Type* defineNamed(std::string_view pkg, std::string_view name, const vm::Type* underlying);
// Adds a native method; its receiver arrives as args[0].
void defineMethod(vm::Type* t, std::string_view name, vm::NativeFn fn, bool ptrRecv);
// The Field describing an exported or unexported field.
vm::Field field(std::string_view name, const vm::Type* type);

// A package member table entry.
inline vm::NativeMember funcMember(std::string_view name, vm::NativeFn fn) {
  vm::NativeMember m;
  m.name = name;
  m.kind = vm::NativeMember::Kind::Func;
  m.fn = fn;
  return m;
}
inline vm::NativeMember constMember(std::string_view name, vm::Value (*make)()) {
  vm::NativeMember m;
  m.name = name;
  m.kind = vm::NativeMember::Kind::Const;
  m.make = make;
  return m;
}
inline vm::NativeMember varMember(std::string_view name, vm::Value (*make)()) {
  vm::NativeMember m;
  m.name = name;
  m.kind = vm::NativeMember::Kind::Var;
  m.make = make;
  return m;
}
inline vm::NativeMember typeMember(std::string_view name, const vm::Type* (*type)()) {
  vm::NativeMember m;
  m.name = name;
  m.kind = vm::NativeMember::Kind::Type;
  m.type = type;
  return m;
}

// A value kept alive for the life of the process (package-level variables
// such as io.EOF or strconv.ErrRange, created once on first use).
vm::Value* permanentSlot();

// ---- Methods of script values -----------------------------------------------

// A method found in the method set of a value's dynamic type, with the
// receiver to pass as the first argument (already adjusted through
// embedded fields, dereferenced or addressed as the method expects).
struct BoundMethod {
  vm::Value fn;
  vm::Value recv;
};

// Looks `name` up in the method set of v's dynamic type (Go's rule: a
// pointer-receiver method is not in the method set of a non-pointer value).
// Returns nullopt for untyped nil and when there is no such method.
std::optional<BoundMethod> findMethod(vm::Value v, std::string_view name);
// Whether the method set of v's dynamic type has `name` (no receiver is
// computed, so this never panics).
bool hasMethod(vm::Value v, std::string_view name);

// Calls a bound method with extra arguments; returns its first result (nil
// when it has none). Panics in the method propagate (see vm/thread.h).
vm::Value callMethod(vm::Thread& th, const BoundMethod& m,
                     std::initializer_list<vm::Value> args = {});
// Calls a bound method and returns all its results (at most maxOut).
int callMethodN(vm::Thread& th, const BoundMethod& m, const vm::Value* args, int nargs,
                vm::Value* out, int maxOut);

}  // namespace gsl::stdlib
