// vm/call.h: calls, returns, deferred calls, panics and selectors: the slow
// paths of the dispatch loop that deal with functions and frames.
//
// These functions are the interpreter's, not a public API: they assume the
// calling frame's pc is saved (rule 1 of vm/interp.cpp) and they may move the
// register stack and the frame array (rule 2), so the caller reloads every
// cached pointer afterwards.
#pragma once

#include <cstdint>
#include <string>

#include "vm/frame.h"
#include "vm/proto.h"
#include "vm/thread.h"

namespace gsl::vm {

// ---- Calls ------------------------------------------------------------------

// Calls the function value at stack[slot] with the nargs arguments at
// stack[slot+1 ...]; `spread`: the last argument is a slice to pass as the
// variadic parameter (or, for a native, to flatten). For a script function
// pushes a frame with `flags` and returns true: the dispatch loop continues
// in it. For a native, calls it, stores its results at stack[slot ...]
// (exactly `nresults` of them, nil-filled, or all with th.top set when
// nresults is kMulti) and returns false. Panics for a nil function.
bool callValue(Thread& th, uint32_t slot, uint32_t nargs, uint16_t nresults, bool spread,
               uint16_t flags);

// Pushes the frame of script function `fn` whose arguments (already packed
// for a variadic function) sit at stack[slot+1 ...]. Grows the stack.
Frame* pushScriptFrame(Thread& th, FuncObj* fn, uint32_t slot, uint16_t nresults, uint16_t flags);

// Runs the latest pending deferred call of the current frame (which must
// have one), normally (`flags` = kFrameDeferCall) or for a panic
// (kFrameDeferCall | kFramePanicDefer). Returns true if a script frame was
// pushed, false if a native ran to completion.
bool runDeferred(Thread& th, uint16_t flags);

// Records `defer R[slot](args)`: nargs arguments at stack[slot+1 ...].
void pushDefer(Thread& th, Frame* frame, uint32_t slot, uint32_t nargs, bool spread);

// ---- Panics -----------------------------------------------------------------

// Starts a new panic with value v at the current top frame: records the
// traceback, marks the panics it interrupts, then unwinds (see unwindPanic).
// Returns unwindPanic's result.
bool beginPanic(Thread& th, Value v);

// Continues unwinding th.panic from the top frame: runs the frame's pending
// deferred calls one by one (a script one is pushed as a frame, and this
// returns false so the dispatch loop runs it), popping frames that have none
// left. Returns true when a kFrameBoundary frame was popped: the panic has
// left this dispatch loop.
bool unwindPanic(Thread& th);

// Called when a kFramePanicDefer frame returns normally (it has been
// popped). If its panic was recovered, the deferring frame resumes at its
// exit sequence and this returns true; otherwise returns false and the
// caller continues unwinding.
bool finishPanicDefer(Thread& th);

// recover(): the current panic's value if the running frame is a deferred
// call started by that panic's unwinding, else nil.
Value recoverPanic(Thread& th);

// The text Go prints for an unrecovered panic chain ("panic: x [recovered]\n
// \tpanic: y\n"), calling Error()/String() methods as Go's preprintpanics
// does, followed by the blank line, "goroutine N [running]:", the trace and,
// for a goroutine started by `go`, its "created by" lines.
std::string panicReport(Thread& th);

// Go's "panic: …" rendering of one panic value (printpanicval).
std::string panicValueText(Thread& th, Value v);

// ---- Selectors ----------------------------------------------------------------

// A key for a value's dynamic type that is cheap to compute: the Type* for
// objects and scalars, the target's Type* with the low bit set for Refs (so
// no pointerTo lookup is needed), 0 for untyped nil.
uintptr_t typeKey(Value v);

// The resolved entry of `site` for receiver x, from the cache or (on a miss)
// computed and published. Panics for a field access through a nil pointer.
const SiteCache* resolveFieldSite(Site& site, Value x);
const SiteCache* resolveMethodSite(Site& site, Value x);

// x.f for the field site (through pointers and embedded fields).
Value getField(Site& site, Value x);
// The slot of x.f (x must be addressable through a pointer or be a struct
// object); panics on a nil pointer on the way.
Value* fieldSlot(Site& site, Value x, const Type** fieldType, Object** base);
// R[A] := method, R[A+1] := receiver, for `x.M(...)`.
void bindMethodCall(Site& site, Value x, Value* fnOut, Value* recvOut);

// The receiver value the entry `c` says to pass, starting from x.
Value adjustReceiver(const SiteCache* c, Value x);

// The field path and final field type of `name` in struct type t, searching
// embedded fields breadth-first (Go's selector rule). Returns false if not
// found or ambiguous.
bool lookupFieldPath(const Type* t, std::string_view name, std::vector<int>* path,
                     const Type** fieldType);

}  // namespace gsl::vm
