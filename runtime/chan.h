// runtime/chan.h: Go's channels: a buffer and two queues of waiting
// goroutines under one lock, driven by the park/resume protocol
// (runtime/park.h). The design note and invariants are at the top of
// runtime/chan.cpp; select is runtime/select.h.
//
// A Channel is a heap object of the collected heap: it starts with the
// vm::Object header (the channel's type), so a Value holds it directly
// (kind Chan), and the collector scans it (the buffer and the waiting
// goroutines' Waiters are reached through it). The interpreter allocates the
// object and the buffer (collected memory, zero-filled) and calls
// initChannel; this file never allocates collected memory and never raises
// a Go panic: operations return a status and the caller panics with Go's
// message (vm/chan_ops.cpp).
//
// Operations run on behalf of goroutine g (running, on its M). Each takes a
// BlockMode saying what to do when it cannot complete at once:
//  * Park:   enqueue g, preparePark, return ChanStatus::Parked; the run hook
//            must then return RunResult::Park without touching the channel.
//            When g runs again, chanSendResumed / chanRecvResumed give the
//            outcome from g's park slot.
//  * InPlace: wait in place (runtime/park.h) and return the outcome.
//  * NoBlock: return ChanStatus::WouldBlock (timers' sends, select default).
#pragma once

#include <cstdint>
#include <string_view>

#include "runtime/g.h"
#include "runtime/lock.h"
#include "runtime/park.h"
#include "vm/object.h"
#include "vm/value.h"

namespace gsl::runtime {

struct Channel : vm::Object {
  // Guards everything below except the constant fields.
  Mutex mu;
  // ---- Constant after initChannel ----
  int64_t cap = 0;            // buffer slots (0: unbuffered)
  vm::Value* buf = nullptr;   // cap slots of collected memory (null when cap == 0)
  // Where `make` created it, for deadlock explanations ("channel made at
  // prog.gsl:12"). siteFile is a program file name (permanent).
  std::string_view siteFile;
  int32_t siteLine = 0;
  // ---- Guarded by mu ----
  int64_t count GSL_GUARDED_BY(mu) = 0;  // values in the buffer
  int64_t sendx GSL_GUARDED_BY(mu) = 0;  // next slot to fill
  int64_t recvx GSL_GUARDED_BY(mu) = 0;  // next slot to take
  bool closed GSL_GUARDED_BY(mu) = false;
  WaitQueue recvq GSL_GUARDED_BY(mu);    // receivers waiting for a value
  WaitQueue sendq GSL_GUARDED_BY(mu);    // senders waiting for room or a receiver
};

enum class BlockMode : uint8_t { Park, InPlace, NoBlock };

enum class ChanStatus : uint8_t {
  Done,        // completed: sent, or received a value (ok = true)
  Closed,      // send: the channel is closed (the caller panics);
               // receive: it is closed and drained (zero value, ok = false)
  Parked,      // mode Park: g must park now (preparePark was called)
  WouldBlock,  // mode NoBlock: nothing happened
};

// Constructs a channel in `mem` (zeroed collected memory of
// sizeof(Channel)), of channel type `type` with `cap` buffer slots in `buf`.
Channel* initChannel(void* mem, const vm::Type* type, int64_t cap, vm::Value* buf,
                     std::string_view siteFile, int32_t siteLine);

// The channel a value holds, or null for a nil channel (a typed nil, or
// anything that is not a channel object).
inline Channel* asChannel(vm::Value v) {
  if (!v.isObject()) return nullptr;
  vm::Object* o = v.asObject();
  return o->type->kind == vm::Kind::Chan ? static_cast<Channel*>(o) : nullptr;
}

// ch <- v. `v` must already be the value to store (copied, converted): the
// receiver gets exactly this word. A nil channel blocks forever.
ChanStatus chanSend(G* g, Channel* c, vm::Value v, BlockMode mode);
// v, ok := <-ch. On Done, *out is the value; on Closed the caller supplies
// the zero value. A nil channel blocks forever.
ChanStatus chanRecv(G* g, Channel* c, vm::Value* out, BlockMode mode);

// The outcome of a send / receive that returned Parked, once g runs again
// (Done or Closed); clears the park slot.
ChanStatus chanSendResumed(G* g);
ChanStatus chanRecvResumed(G* g, vm::Value* out);

// close(ch) of a non-nil channel. Returns false if it was already closed
// (the caller panics). Wakes every waiting receiver (zero value, !ok) and
// sender (which then panics).
bool chanClose(Channel* c);

// len(ch), cap(ch).
int64_t chanLen(Channel* c);
inline int64_t chanCap(const Channel* c) { return c->cap; }

// ---- Shared with select.cpp (the channel's lock held) ----------------------

// Completes a receive from waiting sender w (already dequeued): the value
// comes from w (unbuffered) or from the buffer head, w's value going to the
// tail. Fills w's goroutine's park slot; the caller unlocks, then
// wakeWaiter(w).
vm::Value recvFromSender(Channel* c, Waiter* w) GSL_REQUIRES(c->mu);
// Hands v to waiting receiver w (already dequeued); the caller unlocks,
// then wakeWaiter(w).
void sendToReceiver(Waiter* w, vm::Value v);
// Buffer operations (count < cap / count > 0 checked by the caller).
void bufferPut(Channel* c, vm::Value v) GSL_REQUIRES(c->mu);
vm::Value bufferTake(Channel* c) GSL_REQUIRES(c->mu);

}  // namespace gsl::runtime
