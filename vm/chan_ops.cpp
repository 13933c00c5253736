// vm/chan_ops.cpp: the slow paths of the channel and select instructions
// (declared in vm/goroutine.h) over runtime/chan.h and runtime/select.h.
//
// The runtime moves words; this file adds what the language says about
// them: the element type's zero value for a receive from a closed channel,
// conversion of an untyped constant to the element type, Go's panics, and
// the choice between parking the goroutine and waiting in place.
#include <vector>

#include "runtime/chan.h"
#include "runtime/select.h"
#include "vm/builtins.h"
#include "vm/convert.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/proto.h"

namespace gsl::vm {

namespace {

using runtime::BlockMode;
using runtime::Channel;
using runtime::ChanStatus;

// The largest buffer make accepts: far beyond any memory, but it keeps the
// byte count from overflowing (Go's limit is the address space too).
constexpr int64_t kMaxChanCap = int64_t(1) << 40;

BlockMode modeOf(const Thread& th) { return canPark(th) ? BlockMode::Park : BlockMode::InPlace; }

// v converted to c's element type when it is a constant that took its
// default type (ch <- 1 on a chan float64 whose type the compiler did not
// know).
inline Value elemValue(const Channel* c, Value v) {
  const Type* et = c->type->elem;
  if (et == nullptr || et->kind == Kind::Interface) return v;
  if (v.isInt() && et == types::intType()) return v;
  if (typeOf(v) == et) return v;
  return assignConvert(et, v);
}

// The zero value of channel value ch's element type.
Value zeroElem(Value ch) {
  const Type* t = typeOf(ch);
  return t != nullptr && t->kind == Kind::Chan ? zeroValue(t->elem) : Value();
}

[[noreturn]] void sendOnClosed() { throwPlainError("send on closed channel"); }

}  // namespace

Value makeChannel(const Type* t, Value size, const Proto* proto, int32_t line) {
  int64_t n = 0;
  if (!size.isNil()) {
    n = size.isInt() ? size.asInt() : toInt64(size);
    Kind k = kindOf(size);
    if (isUnsignedKind(k) && static_cast<int64_t>(toUint64(size)) < 0) n = -1;
  }
  if (n < 0 || n > kMaxChanCap) throwPlainError("makechan: size out of range");
  auto* buf = n > 0 ? static_cast<Value*>(allocObject(static_cast<size_t>(n) * sizeof(Value))) : nullptr;
  void* mem = allocObject(sizeof(Channel));
  std::string_view file = proto != nullptr ? proto->file : std::string_view();
  return Value::object(runtime::initChannel(mem, t, n, buf, file, line));
}

Value makeNativeChannel(const Type* t, int64_t cap, std::string_view what) {
  auto* buf = cap > 0 ? static_cast<Value*>(allocObject(static_cast<size_t>(cap) * sizeof(Value))) : nullptr;
  void* mem = allocObject(sizeof(Channel));
  return Value::object(runtime::initChannel(mem, t, cap, buf, what, 0));
}

bool chanSendOp(Thread& th, Value ch, Value v) {
  ChanStatus st;
  if (th.blockedOp) {
    th.blockedOp = false;
    st = runtime::chanSendResumed(th.g);
  } else {
    Channel* c = runtime::asChannel(ch);
    if (c != nullptr) v = elemValue(c, v);
    st = runtime::chanSend(goroutineOf(th), c, v, modeOf(th));
    if (st == ChanStatus::Parked) {
      th.blockedOp = true;
      return false;
    }
  }
  if (st == ChanStatus::Closed) sendOnClosed();
  return true;
}

bool chanRecvOp(Thread& th, Value ch, Value* out) {
  ChanStatus st;
  Value v;
  if (th.blockedOp) {
    th.blockedOp = false;
    st = runtime::chanRecvResumed(th.g, &v);
  } else {
    st = runtime::chanRecv(goroutineOf(th), runtime::asChannel(ch), &v, modeOf(th));
    if (st == ChanStatus::Parked) {
      th.blockedOp = true;
      return false;
    }
  }
  bool ok = st == ChanStatus::Done;
  out[0] = ok ? v : zeroElem(ch);
  out[1] = makeBool(ok);
  return true;
}

int rangeChanNext(Thread& th, Value ch, Value* out) {
  Value r[2];
  if (!chanRecvOp(th, ch, r)) return -1;
  if (!r[1].sameBits(kTrue)) return 0;
  out[0] = r[0];
  return 1;
}

bool selectOp(Thread& th, const Value* operands, std::string_view kinds, Value* out, int* chosen) {
  bool hasDefault = !kinds.empty() && kinds.back() == 'd';
  int32_t n = static_cast<int32_t>(kinds.size()) - (hasDefault ? 1 : 0);
  constexpr int32_t kSmall = 8;
  runtime::SelectCase small[kSmall];
  std::vector<runtime::SelectCase> big;
  runtime::SelectCase* cases = small;
  if (n > kSmall) {
    big.resize(n);
    cases = big.data();
  }
  bool resuming = th.blockedOp;
  for (int32_t i = 0; i < n; i++) {
    runtime::SelectCase& cas = cases[i];
    cas.chan = runtime::asChannel(operands[2 * i]);
    cas.isSend = kinds[i] == 's';
    // On resumption the values are not needed (and were converted already).
    if (cas.isSend && !resuming) cas.value = cas.chan ? elemValue(cas.chan, operands[2 * i + 1]) : Value();
  }
  runtime::SelectOutcome o;
  runtime::SelectStatus st;
  if (resuming) {
    th.blockedOp = false;
    st = runtime::selectResumed(th.g, cases, n, hasDefault, &o);
  } else {
    st = runtime::selectGo(goroutineOf(th), cases, n, hasDefault, canPark(th), &o);
    if (st == runtime::SelectStatus::Parked) {
      th.blockedOp = true;
      return false;
    }
  }
  switch (st) {
    case runtime::SelectStatus::Default:
      *chosen = n;
      return true;
    case runtime::SelectStatus::SendOnClosed:
      sendOnClosed();
    default:
      break;
  }
  *chosen = o.index;
  if (!cases[o.index].isSend) {
    out[0] = o.ok ? o.value : zeroElem(operands[2 * o.index]);
    out[1] = makeBool(o.ok);
  }
  return true;
}

namespace {

int64_t chanLenHook(Value ch) {
  Channel* c = runtime::asChannel(ch);
  return c ? runtime::chanLen(c) : 0;
}

int64_t chanCapHook(Value ch) {
  Channel* c = runtime::asChannel(ch);
  return c ? runtime::chanCap(c) : 0;
}

void chanCloseHook(Value ch) {
  Channel* c = runtime::asChannel(ch);
  if (c == nullptr) {
    if (kindOf(ch) != Kind::Chan) throwRuntimeError("close of a non-channel value");
    throwPlainError("close of nil channel");
  }
  if (!runtime::chanClose(c)) throwPlainError("close of closed channel");
}

}  // namespace

void installChanHooks() {
  ChanHooks h;
  h.len = chanLenHook;
  h.cap = chanCapHook;
  h.close = chanCloseHook;
  setChanHooks(h);
}

}  // namespace gsl::vm
