// stdlib/sync_mutex.h: sync.Mutex and sync.RWMutex as the other parts of
// package sync (Cond, Once) use them. The implementation and its invariants
// are in stdlib/sync_mutex.cpp; docs/runtime.md, "Package sync", has the
// overview.
#pragma once

#include "runtime/g.h"
#include "vm/object.h"
#include "vm/thread.h"
#include "vm/type.h"

namespace gsl::stdlib {

// The named struct types sync.Mutex, sync.RWMutex and the interface
// sync.Locker.
const vm::Type* mutexType();
const vm::Type* rwMutexType();
const vm::Type* lockerType();

// m.Lock() for the Mutex struct m. When it must wait it parks the goroutine
// (th.parkRequested is set: the calling native must return at once; the
// goroutine owns m when it runs again) or, inside a native's callback,
// waits in place and returns owning m.
void mutexLock(vm::Thread& th, vm::StructObj* m);
// m.Unlock(); Go's fatal error when m is not locked.
void mutexUnlock(vm::StructObj* m);
// Locks m for a goroutine that is not running (a Cond waiter being woken):
// true when m was free and is now owned on w's behalf (the caller then
// wakes w); false when w was queued on m instead (a later Unlock grants m
// to it and wakes it).
bool mutexLockFor(vm::StructObj* m, runtime::Waiter* w);

}  // namespace gsl::stdlib
