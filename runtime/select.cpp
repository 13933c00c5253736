// runtime/select.cpp: select (interface in runtime/select.h).
//
// Design note
// ===========
//
// As Go's selectgo (src/runtime/select.go):
//
//  Pass 0 - orders. The poll order is a uniformly random permutation of the
//    cases with a non-nil channel (Fisher-Yates with a per-thread xorshift),
//    so the first ready case in that order is a uniformly random choice
//    among the ready ones. The lock order is the distinct channels sorted by
//    address: every goroutine that locks several channels locks them in the
//    same global order, so two selects cannot deadlock each other.
//  Lock every channel (lock order).
//  Pass 1 - look for a case that can proceed, in poll order: a receive
//    finds a waiting sender, a buffered value, or a closed channel; a send
//    finds the channel closed (a panic), a waiting receiver, or room in the
//    buffer. The first one found completes (as chan.cpp would), every lock
//    is released, and the woken partner (if any) is readied afterwards.
//  Default: nothing was ready; release the locks and take it.
//  Pass 2 - enqueue: one Waiter per case (isSelect, caseIndex), on each
//    case's channel's recvq or sendq, in lock order; G::selectDone is reset
//    to 0 first, under all the locks. Then park with an unlock function that
//    releases every lock once the goroutine is Waiting (runtime/park.h).
//    The first waker to claim the goroutine (selectDone 0 -> 1, in
//    WaitQueue::dequeue) completes its case and fills the park slot
//    (parkCase = the case); other channels' wakers drop its stale Waiters.
//  Pass 3 - on resumption: lock every channel again, remove the Waiters
//    that did not fire (one may already have been dropped), unlock, and
//    report parkCase's outcome.
//
// The Waiters and the lock order live in the goroutine's SelectBuffer
// (pinned memory, kept for its next selects), because a parked goroutine's
// interpreter state cannot hold C++ objects and the collector must see the
// send values they carry. Nil channels take part in nothing: a select whose
// channels are all nil parks forever with reason "select"; `select {}` (no
// cases at all) with "select (no cases)", as in Go.
#include "runtime/select.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <vector>

#include "runtime/check.h"
#include "runtime/park.h"
#include "runtime/sched_impl.h"
#include "runtime/timer.h"

namespace gsl::runtime {

// A goroutine's select scratch space: `cap` Waiters, then `cap` lock-order
// slots, in one allocPinned block (scanned: Waiter::value holds send values).
struct SelectBuffer {
  int32_t cap = 0;
  int32_t nwait = 0;   // Waiters enqueued by the select now blocked
  int32_t nlocks = 0;  // distinct channels of the current select, in lock order
  Waiter* waiters() { return reinterpret_cast<Waiter*>(this + 1); }
  Channel** locks() { return reinterpret_cast<Channel**>(waiters() + cap); }
};

namespace {

// A per-thread xorshift64* generator for poll orders: cheap, no lock, and
// statistically uniform enough for picking among ready cases.
uint32_t fastrand() {
  thread_local uint64_t state = 0;
  if (state == 0) {
    state = static_cast<uint64_t>(nanotime()) ^ reinterpret_cast<uintptr_t>(&state) ^
            0x9E3779B97F4A7C15ull;
    if (state == 0) state = 1;
  }
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return static_cast<uint32_t>((state * 0x2545F4914F6CDD1Dull) >> 32);
}

// A uniform integer in [0, n).
uint32_t fastrandn(uint32_t n) {
  return static_cast<uint32_t>((static_cast<uint64_t>(fastrand()) * n) >> 32);
}

SelectBuffer* ensureBuffer(G* g, int32_t n) {
  SelectBuffer* sb = g->sel;
  if (sb != nullptr && sb->cap >= n) return sb;
  int32_t cap = 4;
  while (cap < n) cap *= 2;
  size_t bytes = sizeof(SelectBuffer) + cap * (sizeof(Waiter) + sizeof(Channel*));
  void* mem = pinnedAlloc(bytes);
  if (sb != nullptr) pinnedFree(sb);
  sb = new (mem) SelectBuffer();
  sb->cap = cap;
  for (int32_t i = 0; i < cap; i++) new (&sb->waiters()[i]) Waiter();
  g->sel = sb;
  return sb;
}

// Locks channels in lock order. The analysis cannot follow a variable set
// of locks.
void lockAll(Channel* const* locks, int32_t n) GSL_NO_THREAD_SAFETY_ANALYSIS {
  for (int32_t i = 0; i < n; i++) locks[i]->mu.lock();
}

void unlockAll(Channel* const* locks, int32_t n) GSL_NO_THREAD_SAFETY_ANALYSIS {
  for (int32_t i = n; i-- > 0;) locks[i]->mu.unlock();
}

// The park's unlock step: g is Waiting now, so wakers may proceed.
bool selectUnlock(G* g, void*) {
  unlockAll(g->sel->locks(), g->sel->nlocks);
  return true;
}

// A select with one case and no default is that channel operation.
SelectStatus singleCase(G* g, const SelectCase& cas, bool canPark, SelectOutcome* out) {
  out->index = 0;
  BlockMode mode = canPark ? BlockMode::Park : BlockMode::InPlace;
  ChanStatus st;
  if (cas.isSend) {
    st = chanSend(g, cas.chan, cas.value, mode);
    if (st == ChanStatus::Closed) return SelectStatus::SendOnClosed;
  } else {
    st = chanRecv(g, cas.chan, &out->value, mode);
    out->ok = st == ChanStatus::Done;
    if (!out->ok) out->value = vm::Value();
  }
  return st == ChanStatus::Parked ? SelectStatus::Parked : SelectStatus::Chosen;
}

}  // namespace

SelectStatus selectGo(G* g, const SelectCase* cases, int32_t n, bool hasDefault, bool canPark,
                      SelectOutcome* out) GSL_NO_THREAD_SAFETY_ANALYSIS {
  *out = SelectOutcome();
  if (n == 0 && !hasDefault) {
    return blockForever(g, WaitReason::SelectNoCases, canPark) ? SelectStatus::Parked
                                                                : SelectStatus::Default;
  }
  if (n == 1 && !hasDefault) return singleCase(g, cases[0], canPark, out);

  // ---- Pass 0: poll order and lock order.
  constexpr int32_t kSmall = 16;
  int32_t pollSmall[kSmall], orderSmall[kSmall];
  Channel* locksSmall[kSmall];
  std::vector<int32_t> pollBig, orderBig;
  std::vector<Channel*> locksBig;
  int32_t* poll = pollSmall;
  int32_t* order = orderSmall;
  Channel** locks = locksSmall;
  if (n > kSmall) {
    pollBig.resize(n);
    orderBig.resize(n);
    locksBig.resize(n);
    poll = pollBig.data();
    order = orderBig.data();
    locks = locksBig.data();
  }
  int32_t norder = 0;
  for (int32_t i = 0; i < n; i++) {
    if (cases[i].chan == nullptr) continue;
    // Inside-out Fisher-Yates: case i lands at a random position.
    uint32_t j = fastrandn(static_cast<uint32_t>(norder) + 1);
    poll[norder] = poll[j];
    poll[j] = i;
    order[norder] = i;
    norder++;
  }
  std::sort(order, order + norder, [cases](int32_t a, int32_t b) {
    return reinterpret_cast<uintptr_t>(cases[a].chan) < reinterpret_cast<uintptr_t>(cases[b].chan);
  });
  int32_t nlocks = 0;
  for (int32_t k = 0; k < norder; k++) {
    Channel* c = cases[order[k]].chan;
    if (nlocks == 0 || locks[nlocks - 1] != c) locks[nlocks++] = c;
  }
  lockAll(locks, nlocks);

  // ---- Pass 1: a case that can proceed now, in poll order.
  for (int32_t k = 0; k < norder; k++) {
    int32_t i = poll[k];
    const SelectCase& cas = cases[i];
    Channel* c = cas.chan;
    if (cas.isSend) {
      if (c->closed) {
        unlockAll(locks, nlocks);
        out->index = i;
        return SelectStatus::SendOnClosed;
      }
      if (Waiter* w = c->recvq.dequeue()) {
        sendToReceiver(w, cas.value);
        unlockAll(locks, nlocks);
        wakeWaiter(w);
        out->index = i;
        return SelectStatus::Chosen;
      }
      if (c->count < c->cap) {
        bufferPut(c, cas.value);
        unlockAll(locks, nlocks);
        out->index = i;
        return SelectStatus::Chosen;
      }
    } else {
      if (Waiter* w = c->sendq.dequeue()) {
        out->value = recvFromSender(c, w);
        out->ok = true;
        unlockAll(locks, nlocks);
        wakeWaiter(w);
        out->index = i;
        return SelectStatus::Chosen;
      }
      if (c->count > 0) {
        out->value = bufferTake(c);
        out->ok = true;
        unlockAll(locks, nlocks);
        out->index = i;
        return SelectStatus::Chosen;
      }
      if (c->closed) {
        unlockAll(locks, nlocks);
        out->index = i;
        return SelectStatus::Chosen;
      }
    }
  }

  if (hasDefault) {
    unlockAll(locks, nlocks);
    return SelectStatus::Default;
  }

  // ---- Pass 2: enqueue on every channel, then park (or wait in place).
  GSL_RUNTIME_CHECK(g != nullptr);
  SelectBuffer* sb = ensureBuffer(g, n);
  std::memcpy(sb->locks(), locks, sizeof(Channel*) * nlocks);
  sb->nlocks = nlocks;
  sb->nwait = 0;
  Blocker blocker;
  g->selectDone.store(0, std::memory_order_release);
  g->parkSuccess = false;
  g->parkCase = -1;
  g->parkValue = vm::Value();
  Waiter* ws = sb->waiters();
  for (int32_t k = 0; k < norder; k++) {
    int32_t i = order[k];
    const SelectCase& cas = cases[i];
    Waiter* w = &ws[sb->nwait++];
    *w = Waiter();
    w->g = g;
    w->object = cas.chan;
    w->caseIndex = i;
    w->isSelect = true;
    if (!canPark) w->blocker = &blocker;
    if (cas.isSend) {
      w->value = cas.value;
      cas.chan->sendq.pushBack(w);
    } else {
      cas.chan->recvq.pushBack(w);
    }
  }
  if (canPark) {
    preparePark(g, WaitReason::Select, selectUnlock, nullptr);  // the locks stay held
    return SelectStatus::Parked;
  }
  unlockAll(locks, nlocks);
  blocker.wait();
  return selectResumed(g, cases, n, hasDefault, out);
}

SelectStatus selectResumed(G* g, const SelectCase* cases, int32_t n, bool hasDefault,
                           SelectOutcome* out) GSL_NO_THREAD_SAFETY_ANALYSIS {
  *out = SelectOutcome();
  if (n == 1 && !hasDefault) {
    out->index = 0;
    if (cases[0].isSend) {
      return chanSendResumed(g) == ChanStatus::Done ? SelectStatus::Chosen
                                                    : SelectStatus::SendOnClosed;
    }
    out->ok = chanRecvResumed(g, &out->value) == ChanStatus::Done;
    if (!out->ok) out->value = vm::Value();
    return SelectStatus::Chosen;
  }
  // ---- Pass 3: leave the queues of the cases that did not fire.
  SelectBuffer* sb = g->sel;
  GSL_RUNTIME_CHECK(sb != nullptr);
  int32_t fired = g->parkCase;
  GSL_RUNTIME_CHECK(fired >= 0 && fired < n);
  lockAll(sb->locks(), sb->nlocks);
  Waiter* ws = sb->waiters();
  for (int32_t k = 0; k < sb->nwait; k++) {
    Waiter* w = &ws[k];
    auto* c = static_cast<Channel*>(w->object);
    if (cases[w->caseIndex].isSend) {
      c->sendq.remove(w);
    } else {
      c->recvq.remove(w);
    }
    w->value = vm::Value();
    w->blocker = nullptr;
  }
  unlockAll(sb->locks(), sb->nlocks);
  sb->nwait = 0;
  sb->nlocks = 0;
  out->index = fired;
  bool success = g->parkSuccess;
  vm::Value v = g->parkValue;
  g->parkValue = vm::Value();
  g->parkSuccess = false;
  g->parkCase = -1;
  if (cases[fired].isSend) return success ? SelectStatus::Chosen : SelectStatus::SendOnClosed;
  out->ok = success;
  if (success) out->value = v;
  return SelectStatus::Chosen;
}

int32_t selectWaitingOn(G* g, Channel** out, int32_t max) {
  SelectBuffer* sb = g->sel;
  if (sb == nullptr) return 0;
  // The waiters are in lock order; report them in case order.
  std::vector<std::pair<int32_t, Channel*>> byCase;
  Waiter* ws = sb->waiters();
  for (int32_t k = 0; k < sb->nwait; k++) byCase.emplace_back(ws[k].caseIndex, static_cast<Channel*>(ws[k].object));
  std::sort(byCase.begin(), byCase.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  int32_t n = 0;
  for (const auto& [index, c] : byCase) {
    if (n == max) break;
    out[n++] = c;
  }
  return n;
}

}  // namespace gsl::runtime
