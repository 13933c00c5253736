// stdlib/context.h: what other parts of gsl need from package context
// (stdlib/context.cpp): the Context interface type, its two errors, and
// contexts that native code creates and cancels (signal.NotifyContext).
//
// Contract: newCancelContext(th, parent) is context.WithCancel(parent) (it
// panics as Go does for a nil parent); the context it returns is cancelled
// with its parent and by cancelContext, which may be called from any OS
// thread, with or without a goroutine (a timer callback, a signal watcher),
// and never blocks or calls script code.
#pragma once

#include "vm/value.h"

namespace gsl::vm {
class Thread;
struct Type;
}  // namespace gsl::vm

namespace gsl::stdlib {

// The interface type context.Context.
const vm::Type* contextType();
// context.CancelFunc (func()).
const vm::Type* cancelFuncType();

// context.Canceled ("context canceled") and context.DeadlineExceeded
// ("context deadline exceeded", of type context.deadlineExceededError).
vm::Value canceledError();
vm::Value deadlineExceededError();

// context.WithCancel(parent): returns the new context; its CancelFunc (a
// function value of type context.CancelFunc) goes to *cancel when cancel is
// not null.
vm::Value newCancelContext(vm::Thread& th, vm::Value parent, vm::Value* cancel);

// Cancels ctx, a context made by newCancelContext (or any context that
// context.WithCancel, WithTimeout, ... returned), with err (nil: Canceled)
// and cause (nil: err), and every context derived from it. Cancelling
// twice does nothing. Returns false when ctx is not such a context.
bool cancelContext(vm::Value ctx, vm::Value err, vm::Value cause);

}  // namespace gsl::stdlib
