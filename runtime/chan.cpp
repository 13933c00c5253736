// runtime/chan.cpp: channels (interface in runtime/chan.h).
//
// Design note
// ===========
//
// The shape is Go's (src/runtime/chan.go): a channel is a ring buffer of
// `cap` values plus two FIFO queues of waiting goroutines, recvq and sendq,
// all under one lock, Channel::mu. Waiting uses the park/resume protocol of
// runtime/park.h: a goroutine that cannot complete enqueues a Waiter and
// parks with the channel's lock still held; the scheduler releases it once
// the goroutine is Waiting. A waker dequeues the Waiter, writes the
// goroutine's park slot (parkValue, parkSuccess, parkCase), releases the
// lock and only then wakes it (wakeWaiter): never under the channel lock.
//
// Invariants (mu held):
//  * 0 <= count <= cap; the buffered values are buf[recvx], buf[recvx+1],
//    ... (mod cap), count of them; the other slots are nil (no stale
//    references for the collector).
//  * recvq non-empty => count == 0 (a receiver waits only when there is
//    nothing to take) and sendq is empty (a sender would have handed its
//    value over).
//  * sendq non-empty => count == cap (a sender waits only when the buffer
//    is full, including cap == 0) and recvq is empty.
//  * closed => sendq is empty (close wakes every sender, and nobody enqueues
//    on a closed channel); recvq is empty too.
//  * Every queued Waiter belongs to a goroutine that is Waiting (or about
//    to be: the scheduler makes it Waiting before releasing mu), or that
//    waits in place; select Waiters whose goroutine another channel already
//    claimed may linger until the next dequeue drops them.
//
// FIFO: waiters are served in arrival order (WaitQueue is a FIFO), values
// leave the buffer in arrival order, and a sender that finds the buffer full
// joins sendq: when a receiver frees a slot it takes the head value and puts
// the first waiting sender's value at the tail (recvFromSender), so values
// keep their order across the two.
//
// Direct handoff: a sender that finds a waiting receiver gives it the value
// through its park slot without touching the buffer (which is empty then),
// and a receiver that finds a waiting sender of an unbuffered channel takes
// the sender's value from its Waiter.
//
// Rejected: a lock-free fast path for buffered channels (Go has only the
// "closed or empty" check without the lock). The lock is uncontended in the
// common case and keeps every operation obviously linearisable; measured
// channel costs are dominated by goroutine switches, not this lock.
#include "runtime/chan.h"

#include <new>

#include "runtime/check.h"

namespace gsl::runtime {

Channel* initChannel(void* mem, const vm::Type* type, int64_t cap, vm::Value* buf,
                     std::string_view siteFile, int32_t siteLine) {
  auto* c = new (mem) Channel();
  c->type = type;
  c->cap = cap;
  c->buf = buf;
  c->siteFile = siteFile;
  c->siteLine = siteLine;
  return c;
}

// ---- Pieces shared with select -------------------------------------------------

void bufferPut(Channel* c, vm::Value v) {
  c->buf[c->sendx] = v;
  if (++c->sendx == c->cap) c->sendx = 0;
  c->count++;
}

vm::Value bufferTake(Channel* c) {
  vm::Value v = c->buf[c->recvx];
  c->buf[c->recvx] = vm::Value();
  if (++c->recvx == c->cap) c->recvx = 0;
  c->count--;
  return v;
}

vm::Value recvFromSender(Channel* c, Waiter* w) {
  vm::Value v;
  if (c->cap == 0) {
    v = w->value;
  } else {
    // The buffer is full (a sender waits): take its head, and the sender's
    // value goes to the tail, which is the slot just freed.
    v = c->buf[c->recvx];
    c->buf[c->recvx] = w->value;
    if (++c->recvx == c->cap) c->recvx = 0;
    c->sendx = c->recvx;
  }
  w->value = vm::Value();
  G* sg = w->g;
  sg->parkSuccess = true;
  sg->parkCase = w->caseIndex;
  return v;
}

void sendToReceiver(Waiter* w, vm::Value v) {
  G* rg = w->g;
  rg->parkValue = v;
  rg->parkSuccess = true;
  rg->parkCase = w->caseIndex;
}

namespace {

// Fills in g's single-object Waiter for a wait on c.
Waiter* singleWaiter(G* g, Channel* c, vm::Value v) {
  Waiter* w = &g->waiter;
  *w = Waiter();
  w->g = g;
  w->object = c;
  w->value = v;
  return w;
}

}  // namespace

// ---- Operations -----------------------------------------------------------------

// The lock analysis cannot follow a lock left held for the scheduler to
// release (the Parked path).
ChanStatus chanSend(G* g, Channel* c, vm::Value v, BlockMode mode) GSL_NO_THREAD_SAFETY_ANALYSIS {
  if (c == nullptr) {
    if (mode == BlockMode::NoBlock) return ChanStatus::WouldBlock;
    return blockForever(g, WaitReason::ChanSendNilChan, mode == BlockMode::Park)
               ? ChanStatus::Parked
               : ChanStatus::Done;
  }
  c->mu.lock();
  if (c->closed) {
    c->mu.unlock();
    return ChanStatus::Closed;
  }
  if (Waiter* w = c->recvq.dequeue()) {
    sendToReceiver(w, v);
    c->mu.unlock();
    wakeWaiter(w);
    return ChanStatus::Done;
  }
  if (c->count < c->cap) {
    bufferPut(c, v);
    c->mu.unlock();
    return ChanStatus::Done;
  }
  if (mode == BlockMode::NoBlock) {
    c->mu.unlock();
    return ChanStatus::WouldBlock;
  }
  GSL_RUNTIME_CHECK(g != nullptr);
  Waiter* w = singleWaiter(g, c, v);
  g->parkSuccess = false;
  if (mode == BlockMode::Park) {
    c->sendq.pushBack(w);
    preparePark(g, WaitReason::ChanSend, unlockMutex, &c->mu);  // c->mu stays held
    return ChanStatus::Parked;
  }
  Blocker blocker;
  w->blocker = &blocker;
  c->sendq.pushBack(w);
  c->mu.unlock();
  blocker.wait();
  return chanSendResumed(g);
}

ChanStatus chanRecv(G* g, Channel* c, vm::Value* out, BlockMode mode) GSL_NO_THREAD_SAFETY_ANALYSIS {
  if (c == nullptr) {
    if (mode == BlockMode::NoBlock) return ChanStatus::WouldBlock;
    return blockForever(g, WaitReason::ChanReceiveNilChan, mode == BlockMode::Park)
               ? ChanStatus::Parked
               : ChanStatus::Closed;
  }
  c->mu.lock();
  if (Waiter* w = c->sendq.dequeue()) {
    *out = recvFromSender(c, w);
    c->mu.unlock();
    wakeWaiter(w);
    return ChanStatus::Done;
  }
  if (c->count > 0) {
    *out = bufferTake(c);
    c->mu.unlock();
    return ChanStatus::Done;
  }
  if (c->closed) {
    c->mu.unlock();
    return ChanStatus::Closed;
  }
  if (mode == BlockMode::NoBlock) {
    c->mu.unlock();
    return ChanStatus::WouldBlock;
  }
  GSL_RUNTIME_CHECK(g != nullptr);
  Waiter* w = singleWaiter(g, c, vm::Value());
  g->parkSuccess = false;
  g->parkValue = vm::Value();
  if (mode == BlockMode::Park) {
    c->recvq.pushBack(w);
    preparePark(g, WaitReason::ChanReceive, unlockMutex, &c->mu);  // c->mu stays held
    return ChanStatus::Parked;
  }
  Blocker blocker;
  w->blocker = &blocker;
  c->recvq.pushBack(w);
  c->mu.unlock();
  blocker.wait();
  return chanRecvResumed(g, out);
}

ChanStatus chanSendResumed(G* g) {
  // The waker's writes were published by its unlock and ready() (or the
  // Blocker's lock); nobody else writes the park slot now.
  bool sent = g->parkSuccess;
  g->parkSuccess = false;
  g->waiter.value = vm::Value();
  return sent ? ChanStatus::Done : ChanStatus::Closed;
}

ChanStatus chanRecvResumed(G* g, vm::Value* out) {
  bool ok = g->parkSuccess;
  *out = g->parkValue;
  g->parkValue = vm::Value();
  g->parkSuccess = false;
  return ok ? ChanStatus::Done : ChanStatus::Closed;
}

bool chanClose(Channel* c) {
  // Waiters to wake, chained through Waiter::next (free once dequeued).
  Waiter* wake = nullptr;
  Waiter** tail = &wake;
  {
    MutexLock lock(c->mu);
    if (c->closed) return false;
    c->closed = true;
    while (Waiter* w = c->recvq.dequeue()) {
      G* rg = w->g;
      rg->parkValue = vm::Value();
      rg->parkSuccess = false;
      rg->parkCase = w->caseIndex;
      *tail = w;
      tail = &w->next;
    }
    while (Waiter* w = c->sendq.dequeue()) {
      G* sg = w->g;
      w->value = vm::Value();
      sg->parkSuccess = false;
      sg->parkCase = w->caseIndex;
      *tail = w;
      tail = &w->next;
    }
  }
  while (wake != nullptr) {
    // Read the link before waking: the goroutine may reuse its Waiter at once.
    Waiter* next = wake->next;
    wake->next = nullptr;
    wakeWaiter(wake);
    wake = next;
  }
  return true;
}

int64_t chanLen(Channel* c) {
  MutexLock lock(c->mu);
  return c->count;
}

}  // namespace gsl::runtime
