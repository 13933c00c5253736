// vm/interp.cpp: the dispatch loop.
//
// One function, run(), interprets the frames of one Thread until the
// innermost boundary frame returns, the time slice ends, or the goroutine
// parks. execute() wraps it with the handling of panics, which arrive as
// C++ exceptions (GoPanic from helpers and natives, UnwindingPanic from a
// nested loop or from a deferred call that returned without recovering).
//
// The rules of the loop:
//
//  1. Save pc (SAVE_PC, or one of the MAY_ macros) before anything that may
//     panic, call, or park. A panic's traceback and its unwinding read
//     frame->pc; a callee returns to it; a parked goroutine resumes there.
//  2. Growing the register stack or the frame array moves it. After anything
//     that may push a frame, grow the stack, or call a native (which may call
//     back into script code and grow either), reload the cached frame,
//     registers and constants (LOAD_FRAME). The MAY_CALL macro does both.
//  3. Preemption happens only at back-edges (Loop, ForLoop) and calls: those
//     spend the instruction budget and only there may run() return
//     ExecStatus::Preempted. So a `for {}` cannot starve other goroutines, and
//     every other instruction may assume it runs to completion.
//  4. Each instruction decodes its operands, tries its fast path inline (Go
//     `int`, float64, slices, cached selectors), and otherwise calls a
//     non-inlined helper.
//  5. A comparison or test is followed by a Jmp whose offset it takes
//     directly when its condition holds (COND_JUMP), so the pair costs one
//     dispatch. Such jumps are always forward; backward jumps are Loop.
//
// Dispatch is computed goto (GCC's labels as values) unless
// GSL_SWITCH_DISPATCH is defined; both expand the same case bodies.
#include <cstring>
#include <mutex>
#include <new>

#include "vm/arith.h"
#include "vm/builtins.h"
#include "vm/call.h"
#include "vm/compare.h"
#include "vm/convert.h"
#include "vm/goroutine.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/opcode.h"
#include "vm/panic.h"
#include "vm/range_func.h"
#include "vm/slice.h"
#include "vm/string.h"
#include "vm/thread.h"
#include "runtime/g.h"

#if !defined(GSL_SWITCH_DISPATCH) && defined(__GNUC__)
#define GSL_COMPUTED_GOTO 1
#else
#define GSL_COMPUTED_GOTO 0
#endif

namespace gsl::vm {

namespace {

thread_local Thread* tCurrentThread = nullptr;

// How often (in budget units) the loop looks at the scheduler's preemption
// request besides its own budget: often enough that a goroutine sysmon
// wants off the CPU leaves within microseconds, rarely enough that the
// check costs nothing (a power of two: SPEND_BUDGET masks the count).
constexpr int32_t kPreemptCheckInterval = 256;
static_assert(kTimeSliceBudget % kPreemptCheckInterval == 0);

// Whether the time slice of th is over: its budget is spent, or the
// scheduler asked its goroutine to yield (sysmon, stop-the-world, exit).
[[gnu::noinline]] bool timeSliceOver(const Thread& th) {
#if defined(__SANITIZE_THREAD__)
  // ThreadSanitizer delivers asynchronous signals (the collector's
  // stop-the-world request) only inside intercepted library calls; a loop
  // that makes none would make the collector give up ("Signals delivery
  // fails constantly"). An uncontended lock is such a call.
  thread_local std::mutex signalPoint;
  signalPoint.lock();
  signalPoint.unlock();
#endif
  return th.budget <= 0 || (th.g != nullptr && runtime::preemptRequested(th.g));
}

// ---- Small inline helpers -----------------------------------------------------

inline Value floatResult(double d) {
  return Value::fitsFlonum(d) ? Value::flonum(d) : makeFloat(d);
}

inline bool isFuncObj(Value v) {
  return v.isObject() && v.asObject()->type->kind == Kind::Func;
}

inline CellObj* asCell(Value v) { return static_cast<CellObj*>(v.asObject()); }

// Whether v may be an untyped constant that took its default type and so
// may need converting to a typed location (vm/convert.h assignConvert).
inline bool mayNeedAssignConvert(Value v, const Type* target) {
  if (target->kind == Kind::Interface) return false;
  if (v.isInt()) return target != types::intType();
  if (v.isFlonum()) return target != types::float64Type();
  if (v.isNil()) return true;
  if (v.isScalar()) {
    uint16_t id = v.scalarTypeId();
    return id != target->id && (id == kTypeIdBool || id == types::int32Type()->id);
  }
  if (v.isObject()) {
    const Type* t = v.asObject()->type;
    return t != target && isDefaultConstType(t);
  }
  return false;
}

// Stores v into a location of declared type t with Go's value semantics,
// converting an untyped constant's default-typed value to t. A location of
// interface type is never assigned in place: the struct it holds may be
// shared with other interface values (interface copies share it).
inline void storeTyped(Value* slot, const Type* t, Value v) {
  if (t != nullptr) {
    if (t->kind == Kind::Interface) {
      *slot = copyValue(v);
      return;
    }
    if (mayNeedAssignConvert(v, t)) v = assignConvert(t, v);
  }
  storeValue(slot, v);
}

// Stores into a cell: its declared type (if known) decides as above.
inline void storeCell(CellObj* c, Value v) { storeTyped(&c->value, c->type, v); }

inline Value typedForStore(const Type* t, Value v) {
  if (t != nullptr && mayNeedAssignConvert(v, t)) return assignConvert(t, v);
  return v;
}

// ---- Slow paths (never inlined: they keep the loop small) -----------------------

[[gnu::noinline]] Value arithSlow(ArithOp op, Value a, Value b) {
  // String concatenation, the common non-numeric case, skips arith's
  // operand unification when the types agree (or one is plain `string`,
  // which stringConcat's mixing rule handles).
  if (op == ArithOp::Add && a.isObject() && b.isObject()) {
    const Type* ta = a.asObject()->type;
    const Type* tb = b.asObject()->type;
    if (ta->kind == Kind::String && tb->kind == Kind::String &&
        (ta == tb || ta->id == kTypeIdString || tb->id == kTypeIdString)) {
      return stringConcat(a, b);
    }
  }
  return arith(op, a, b);
}

[[gnu::noinline]] Value arithConstSlow(ArithOp op, Value a, Value k) {
  if (op != ArithOp::Shl && op != ArithOp::Shr) k = convertUntypedConst(k, a);
  return arith(op, a, k);
}

// Two typed immediates of one integer (or bool) type, such as two bytes:
// the low 20 bits of their words (tag and type id) are equal, so the words
// compare as their signed 44-bit payloads do. Not for float32, whose
// payload is its bit pattern.
inline bool sameIntegerScalar(Value a, Value b) {
  if (!a.isScalar() || ((a.bits() ^ b.bits()) & 0xFFFFF) != 0) return false;
  Kind k = typeById(a.scalarTypeId())->kind;
  return isIntegerKind(k) || k == Kind::Bool;
}

[[gnu::noinline]] bool compareSlow(Op op, Value a, Value b) {
  switch (op) {
    // Two non-constant operands have the same static type, or are compared
    // as interfaces: Go's == is then strict (int(1) != int64(1)).
    case Op::Eq: return valuesEqual(a, b);
    case Op::Lt: return opLess(a, b);
    case Op::Le: return opLessEqual(a, b);
    default: break;
  }
  // `x == nil` for an interface x: only the nil interface is nil.
  if (b.isNil()) return op == Op::EqK && a.isNil();
  // Constant right operand: it adapts to the left operand's type.
  b = convertUntypedConst(b, a);
  switch (op) {
    case Op::EqK: return opEqual(a, b);
    case Op::LtK: return opLess(a, b);
    case Op::LeK: return opLessEqual(a, b);
    case Op::GtK: return opGreater(a, b);
    case Op::GeK: return opGreaterEqual(a, b);
    default: GSL_ASSERT(false && "not a comparison");
  }
  return false;
}

int64_t indexValue(Value i) {
  if (i.isInt()) return i.asInt();
  return toInt64(i);
}

// The array object an array value or a pointer to an array designates.
ArrayObj* arrayOf(Value x) {
  if (x.isRef()) return static_cast<ArrayObj*>(x.refTarget());
  return static_cast<ArrayObj*>(x.asObject());
}

[[noreturn]] void throwIndex(int64_t i, int64_t len) { throwIndexOutOfRange(i, len); }

// The location of x[i] for slices and arrays: a Value slot, or one byte for
// the byte layout (vm/object.h); the element type and the owning object.
struct ElemLoc {
  Value* slot;    // Value layout, else nullptr
  uint8_t* byte;  // byte layout
  const Type* elemType;
  Object* base;
};

ElemLoc elementLoc(Value x, Value iv) {
  Kind k = kindOf(x);
  int64_t i = indexValue(iv);
  if (k == Kind::Slice) {
    const Type* t = typeOf(x);
    if (!x.isObject()) throwIndex(i, 0);
    SliceObj* s = static_cast<SliceObj*>(x.asObject());
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(s->len)) throwIndex(i, s->len);
    if (s->byteElems) return {nullptr, &s->bytes[i], t->elem, s->data};
    return {&s->elems[i], nullptr, t->elem, s->data};
  }
  if (k == Kind::Array || (k == Kind::Pointer && x.isRef())) {
    ArrayObj* a = arrayOf(x);
    if (static_cast<uint64_t>(i) >= static_cast<uint64_t>(a->len)) throwIndex(i, a->len);
    if (a->byteElems()) return {nullptr, &a->bytes()[i], a->type->elem, a};
    return {&a->elems()[i], nullptr, a->type->elem, a};
  }
  if (k == Kind::Pointer) throwNilDereference();  // nil *[N]T
  throwRuntimeError("index of a non-indexable value");
}

[[gnu::noinline]] Value getIndexSlow(Value x, Value i) {
  Kind k = kindOf(x);
  switch (k) {
    case Kind::String: return stringIndex(x, indexValue(i));
    case Kind::Map: {
      const Type* mt = typeOf(x);
      return mapGet(x, typedForStore(mt->key, i));
    }
    case Kind::Invalid: throwNilDereference();
    default: {
      ElemLoc loc = elementLoc(x, i);
      return loc.slot ? *loc.slot : byteValue(loc.elemType, *loc.byte);
    }
  }
}

[[gnu::noinline]] void setIndexSlow(Value x, Value i, Value v) {
  Kind k = kindOf(x);
  if (k == Kind::Map) {
    const Type* mt = typeOf(x);
    mapSet(x, typedForStore(mt->key, i), typedForStore(mt->elem, v));
    return;
  }
  if (k == Kind::Invalid) throwNilDereference();
  ElemLoc loc = elementLoc(x, i);
  if (loc.slot) {
    storeTyped(loc.slot, loc.elemType, v);
  } else {
    *loc.byte = byteOfValue(typedForStore(loc.elemType, v));
  }
}

[[gnu::noinline]] Value addrIndexSlow(Value x, Value i) {
  ElemLoc loc = elementLoc(x, i);
  if (!loc.slot) return makeBytePointer(pointerTo(loc.elemType), loc.base, loc.byte);
  Value current = loadSlotAtomic(loc.slot);
  if (isAggregate(current)) return Value::ref(current.asObject());
  return makePointer(pointerTo(loc.elemType), loc.base, loc.slot);
}

[[gnu::noinline]] void mapGet2(Value x, Value key, Value* out) {
  bool ok = false;
  if (kindOf(x) != Kind::Map) throwRuntimeError("comma-ok index of a non-map value");
  const Type* mt = typeOf(x);
  out[0] = mapGet(x, typedForStore(mt->key, key), &ok);
  out[1] = makeBool(ok);
}

int64_t lengthOf(Value x) {
  switch (kindOf(x)) {
    case Kind::String: return stringView(x).size();
    case Kind::Slice: return sliceLen(x);
    case Kind::Map: return mapLen(x);
    case Kind::Array: return arrayOf(x)->len;
    case Kind::Pointer:
      if (x.isRef()) return arrayOf(x)->len;
      if (typeOf(x)->elem && typeOf(x)->elem->kind == Kind::Array) return typeOf(x)->elem->len;
      break;
    case Kind::Chan: return builtinChanLen(x);
    default: break;
  }
  throwRuntimeError("invalid argument for len");
}

[[gnu::noinline]] Value lenSlow(Value x) { return makeInt(lengthOf(x)); }

[[gnu::noinline]] Value capSlow(Value x) {
  switch (kindOf(x)) {
    case Kind::Slice: return makeInt(sliceCap(x));
    case Kind::Array: return makeInt(arrayOf(x)->len);
    case Kind::Pointer: return makeInt(lengthOf(x));
    case Kind::Chan: return makeInt(builtinChanCap(x));
    default: break;
  }
  throwRuntimeError("invalid argument for cap");
}

[[gnu::noinline]] Value sliceSlow(Value x, const Value* bounds, bool three) {
  int64_t lo = bounds[0].isNil() ? 0 : indexValue(bounds[0]);
  bool hasHi = !bounds[1].isNil();
  int64_t hi = 0;
  if (hasHi) {
    hi = indexValue(bounds[1]);
  } else {
    Kind k = kindOf(x);
    if (k == Kind::Pointer && !x.isRef()) throwNilDereference();
    hi = lengthOf(x);
  }
  int64_t max = three ? indexValue(bounds[2]) : 0;
  return sliceExpr(x, lo, hi, max, three);
}

[[gnu::noinline]] Value appendSlow(Value s, Value* vals, int64_t n) {
  const Type* st = typeOf(s);
  if (st == nullptr || st->kind != Kind::Slice) throwRuntimeError("append to a non-slice value");
  for (int64_t i = 0; i < n; i++) vals[i] = typedForStore(st->elem, vals[i]);
  return appendValues(s, vals, n);
}

[[gnu::noinline]] Value derefSlow(Value p) {
  if (p.isRef()) return Value::object(p.refTarget());
  if (p.isObject() && p.asObject()->type->kind == Kind::Pointer) {
    return pointerLoad(static_cast<PointerObj*>(p.asObject()));
  }
  throwNilDereference();
}

[[gnu::noinline]] void setDerefSlow(Value p, Value v) {
  if (p.isRef()) {
    assignInPlace(p.refTarget(), v);
    return;
  }
  if (p.isObject() && p.asObject()->type->kind == Kind::Pointer) {
    PointerObj* po = static_cast<PointerObj*>(p.asObject());
    if (po->byteSlot) {
      *po->byte = byteOfValue(typedForStore(po->type->elem, v));
    } else {
      storeTyped(po->slot, po->type->elem, v);
    }
    return;
  }
  throwNilDereference();
}

[[gnu::noinline]] Value addrCell(Value cellv, const Type* ptrType) {
  CellObj* c = asCell(cellv);
  // &s of a struct or array variable is a Ref to the object it owns; but a
  // variable of interface type that happens to hold a struct is a different
  // thing: &x is a *interface{} pointing at the variable.
  const Type* declared = ptrType != nullptr ? ptrType->elem : c->type;
  bool interfaceVar = declared != nullptr && declared->kind == Kind::Interface;
  Value current = loadSlotAtomic(&c->value);
  if (isAggregate(current) && !interfaceVar) return Value::ref(current.asObject());
  if (ptrType == nullptr) {
    const Type* t = c->type ? c->type : typeOf(c->value);
    ptrType = pointerTo(t ? t : types::anyType());
  }
  return makePointer(ptrType, c, &c->value);
}

bool hasType(Value x, const Type* t) {
  if (t->kind == Kind::Interface) {
    if (x.isNil()) return false;
    return implements(typeOf(x), t);
  }
  return typeOf(x) == t;
}

[[gnu::noinline]] Value assertSlow(Value x, const Type* t, const Type* iface) {
  if (x.isNil()) throwTypeAssertionError(iface, nullptr, t);
  if (t->kind == Kind::Interface) {
    std::string missing;
    if (!implements(typeOf(x), t, &missing)) throwTypeAssertionError(iface, typeOf(x), t, missing);
    return x;
  }
  if (typeOf(x) != t) throwTypeAssertionError(iface, typeOf(x), t);
  return x;
}

[[gnu::noinline]] void assert2(Value x, const Type* t, Value* out) {
  if (hasType(x, t)) {
    out[0] = x;
    out[1] = kTrue;
  } else {
    out[0] = t->kind == Kind::Interface ? Value() : zeroValue(t);
    out[1] = kFalse;
  }
}

// ---- Range -------------------------------------------------------------------------
//
// State registers: R[A] the collection (or a MapIter), R[A+1] the next
// position (an int), R[A+2] the length when the loop started (an int).

[[gnu::noinline]] void rangePrep(Value* st, Value x, bool wantValue) {
  Kind k = kindOf(x);
  st[1] = Value::smallInt(0);
  switch (k) {
    case Kind::Slice:
      st[0] = x;
      st[2] = makeInt(sliceLen(x));
      return;
    case Kind::Array:
      st[0] = wantValue ? copyValue(x) : x;
      st[2] = makeInt(arrayOf(x)->len);
      return;
    case Kind::Pointer:
      st[0] = x;
      st[2] = makeInt(lengthOf(x));
      return;
    case Kind::String:
      st[0] = x;
      st[2] = makeInt(static_cast<int64_t>(stringView(x).size()));
      return;
    case Kind::Map:
      st[0] = Value::object(newMapIter(x));
      st[2] = Value::smallInt(0);
      return;
    case Kind::Chan:
      // RangeNext receives (and may park) in the dispatch loop itself.
      st[0] = x;
      st[2] = Value::smallInt(0);
      return;
    case Kind::Func:
      if (x.isObject()) {
        st[0] = startRangeFunc(*currentThread(), x);
        return;
      }
      throwNilDereference();
    default:
      if (isIntegerKind(k)) {
        st[0] = x;
        int64_t n = toInt64(x);
        if (isUnsignedKind(k) && static_cast<int64_t>(toUint64(x)) < 0) n = INT64_MAX;
        st[2] = makeInt(n < 0 ? 0 : n);
        return;
      }
      if (x.isNil()) throwRuntimeError("range over nil");
      throwRuntimeError("cannot range over " + typeString(typeOf(x)));
  }
}

// Advances the iteration; false when it is over. Writes C outputs to out.
[[gnu::noinline]] bool rangeNext(Value* st, Value* out, uint32_t nout) {
  Value x = st[0];
  if (isRangeFuncIter(x)) return nextRangeFunc(x, out, nout);
  int64_t pos = st[1].asInt();
  if (x.isObject() && x.asObject()->type != nullptr && x.asObject()->type->kind == Kind::Invalid) {
    // A map iterator.
    MapIter* it = static_cast<MapIter*>(x.asObject());
    Value k, v;
    if (!mapIterNext(*it, &k, nout >= 2 ? &v : nullptr)) return false;
    if (nout >= 1) out[0] = k;
    if (nout >= 2) out[1] = copyValue(v);
    return true;
  }
  int64_t n = st[2].isInt() ? st[2].asInt() : toInt64(st[2]);
  if (pos >= n) return false;
  Kind k = kindOf(x);
  switch (k) {
    case Kind::Slice:
    case Kind::Array:
    case Kind::Pointer: {
      if (nout >= 1) out[0] = Value::smallInt(pos);
      if (nout >= 2) {
        if (k == Kind::Slice) {
          out[1] = copyValue(sliceIndex(x, pos));
        } else if (k == Kind::Pointer && !x.isRef()) {
          throwNilDereference();
        } else {
          ArrayObj* a = arrayOf(x);
          out[1] = a->byteElems() ? byteValue(a->type->elem, a->bytes()[pos]) : copyValue(a->elems()[pos]);
        }
      }
      st[1] = Value::smallInt(pos + 1);
      return true;
    }
    case Kind::String: {
      DecodedRune r = decodeRune(stringView(x), static_cast<size_t>(pos));
      if (nout >= 1) out[0] = Value::smallInt(pos);
      if (nout >= 2) out[1] = makeIntOfType(types::runeType(), static_cast<int64_t>(r.rune));
      st[1] = Value::smallInt(pos + (r.size > 0 ? r.size : 1));
      return true;
    }
    default: {
      // An integer.
      if (nout >= 1) {
        const Type* t = typeOf(x);
        out[0] = t == types::intType() ? makeInt(pos) : makeIntOfType(t, pos);
      }
      st[1] = Value::smallInt(pos + 1);
      return true;
    }
  }
}

[[gnu::noinline]] Value makeSliceOp(const Type* t, Value len, Value cap) {
  int64_t n = indexValue(len);
  int64_t c = cap.isNil() ? n : indexValue(cap);
  return makeSlice(t, n, c);
}

// A method value x.M: the method with its receiver bound, typed as the
// method's signature without the receiver (%T of x.M is func(string) string).
[[gnu::noinline]] Value methodValue(Value fn, Value recv) {
  FuncObj* f = bindReceiver(static_cast<FuncObj*>(fn.asObject()), recv);
  const Type* sig = fn.asObject()->type;
  if (sig != nullptr && sig->kind == Kind::Func && !sig->params.empty()) {
    std::vector<const Type*> params(sig->params.begin() + 1, sig->params.end());
    std::vector<const Type*> results(sig->results.begin(), sig->results.end());
    f->type = funcOf(params, results, sig->variadic);
  }
  return Value::object(f);
}

[[gnu::noinline]] Value closureOp(const Proto* p, Value* R, FuncObj* enclosing) {
  FuncObj* f = makeClosure(p->sig, const_cast<Proto*>(p), static_cast<uint32_t>(p->captures.size()));
  Value* caps = f->captures();
  for (size_t i = 0; i < p->captures.size(); i++) {
    const CaptureDesc& d = p->captures[i];
    caps[i] = d.fromRegister ? R[d.index] : enclosing->captures()[d.index];
  }
  return Value::object(f);
}

}  // namespace

Thread* currentThread() { return tCurrentThread; }

// ---- The loop ------------------------------------------------------------------

namespace {

ExecStatus run(Thread& th) {
  Frame* frame;
  const Proto* proto;
  const Instr* pc;
  Value* R;
  const Value* K;
  Value* G = th.program() ? th.program()->globals : nullptr;
  Instr ins;

#define LOAD_FRAME()                          \
  do {                                        \
    frame = th.currentFrame();                \
    proto = frame->proto;                     \
    pc = frame->pc;                           \
    R = th.stack() + frame->base;             \
    K = proto->consts.data();                 \
  } while (0)
#define SAVE_PC() (frame->pc = pc)
// The helper call `expr` may panic: the traceback needs pc.
#define MAY_PANIC(expr) (SAVE_PC(), (expr))
// `stmt` may call script code or natives, grow the stack or push frames.
#define MAY_CALL(stmt) \
  do {                 \
    SAVE_PC();         \
    stmt;              \
    LOAD_FRAME();      \
  } while (0)
#define A() argA(ins)
#define B() argB(ins)
#define C() argC(ins)
#define RA R[argA(ins)]
#define RB R[argB(ins)]
#define RC R[argC(ins)]
// Takes the Jmp that follows a comparison when `cond` == C.
#define COND_JUMP(cond)                           \
  do {                                            \
    if (static_cast<uint32_t>(cond) == C()) {     \
      pc += 1 + argSBx(*pc);                      \
    } else {                                      \
      pc += 1;                                    \
    }                                             \
  } while (0)
// Spends one unit of budget at a back-edge or call. Every
// kPreemptCheckInterval units it asks whether the time slice is over (the
// budget is spent, or the scheduler wants the goroutine to yield); then the
// outermost loop returns Preempted with every pc saved (rule 3), and a
// nested loop only renews the budget.
#define SPEND_BUDGET()                                                           \
  do {                                                                           \
    if (__builtin_expect((--th.budget & (kPreemptCheckInterval - 1)) == 0, 0) && \
        timeSliceOver(th)) {                                                     \
      th.budget = kTimeSliceBudget;                                              \
      if (th.nestedLoops == 0) {                                                 \
        SAVE_PC();                                                               \
        return ExecStatus::Preempted;                                            \
      }                                                                          \
    }                                                                            \
  } while (0)
// A blocking instruction parked the goroutine (vm/goroutine.h): it runs
// again when the goroutine is woken, so pc is saved pointing at it.
#define PARK_AT_INSTRUCTION()  \
  do {                         \
    frame->pc = pc - 1;        \
    return ExecStatus::Parked; \
  } while (0)

// A native asked to park (vm/thread.h): stop after its call, pc saved.
#define PARK_IF_REQUESTED()                                       \
  do {                                                            \
    if (__builtin_expect(th.parkRequested, 0)) {                  \
      th.parkRequested = false;                                   \
      if (th.nestedLoops > 0) throwRuntimeError("cannot park inside a nested call from native code"); \
      return ExecStatus::Parked;                                  \
    }                                                             \
  } while (0)

#if GSL_COMPUTED_GOTO
  static void* const kDispatch[kNumOps] = {
#define X(name, format, doc) &&op_##name,
#include "vm/opcodes.def"
#undef X
  };
#define DISPATCH()                     \
  do {                                 \
    ins = *pc++;                       \
    goto* kDispatch[ins & 0xFFFF];     \
  } while (0)
#define CASE(name) op_##name:
#else
#define DISPATCH() goto dispatch
#define CASE(name) case Op::name:
#endif

  LOAD_FRAME();

#if GSL_COMPUTED_GOTO
  DISPATCH();
  {
#else
dispatch:
  ins = *pc++;
  switch (opOf(ins)) {
#endif

    // ---- Loads and moves ---------------------------------------------------
    CASE(Nop) { DISPATCH(); }
    CASE(Move) {
      RA = RB;
      DISPATCH();
    }
    CASE(Copy) {
      Value v = RB;
      RA = isAggregate(v) ? copyAggregate(v) : v;
      DISPATCH();
    }
    CASE(Store) {
      storeValue(&RA, RB);
      DISPATCH();
    }
    CASE(LoadK) {
      RA = K[argBx(ins)];
      DISPATCH();
    }
    CASE(LoadI) {
      RA = Value::smallInt(argSBx(ins));
      DISPATCH();
    }
    CASE(LoadNil) {
      RA = Value();
      DISPATCH();
    }
    CASE(LoadZero) {
      RA = zeroValue(proto->types[argBx(ins)]);
      DISPATCH();
    }
    CASE(Adapt) {
      RA = convertUntypedConst(RA, RB);
      DISPATCH();
    }
    CASE(FixType) {
      const Type* t = proto->types[argBx(ins)];
      if (mayNeedAssignConvert(RA, t)) RA = MAY_PANIC(assignConvert(t, RA));
      DISPATCH();
    }

    // ---- Variables outside the registers ------------------------------------
    CASE(GetGlobal) {
      RA = G[argBx(ins)];
      DISPATCH();
    }
    CASE(SetGlobal) {
      storeValue(&G[argBx(ins)], RA);
      DISPATCH();
    }
    CASE(GetUpval) {
      RA = asCell(frame->fn->captures()[B()])->value;
      DISPATCH();
    }
    CASE(SetUpval) {
      storeCell(asCell(frame->fn->captures()[B()]), RA);
      DISPATCH();
    }
    CASE(GetUpvalCell) {
      RA = frame->fn->captures()[B()];
      DISPATCH();
    }
    CASE(NewCell) {
      uint32_t t = C();
      RA = Value::object(newCell(t == kNoType ? nullptr : proto->types[t], RB));
      DISPATCH();
    }
    CASE(GetCell) {
      RA = asCell(RB)->value;
      DISPATCH();
    }
    CASE(SetCell) {
      storeCell(asCell(RA), RB);
      DISPATCH();
    }
    CASE(AddrCell) {
      uint32_t t = C();
      RA = addrCell(RB, t == kNoType ? nullptr : proto->types[t]);
      DISPATCH();
    }

    // ---- Arithmetic -----------------------------------------------------------
    // Int fast paths work on the tagged words: an int x is 2x+1, so
    // (2x+1) + (2y+1) - 1 = 2(x+y)+1, and int64 overflow of the tagged sum is
    // exactly overflow of the 63-bit immediate (the slow path then boxes).
#define ARITH_INT_ADD(b, c, out)                                                           \
  (b.isInt() && c.isInt() &&                                                               \
   !__builtin_add_overflow(static_cast<int64_t>(b.bits()), static_cast<int64_t>(c.bits() - 1), &out))
#define ARITH_INT_SUB(b, c, out)                                                           \
  (b.isInt() && c.isInt() &&                                                               \
   !__builtin_sub_overflow(static_cast<int64_t>(b.bits()), static_cast<int64_t>(c.bits() - 1), &out))
#define ARITH_INT_MUL(b, c, out)                                                           \
  (b.isInt() && c.isInt() &&                                                               \
   !__builtin_mul_overflow(b.asInt(), static_cast<int64_t>(c.bits() - 1), &out))

#define BINARY_OP(Name, K_OR_R, FAST, FLOAT_OP, ARITH_OP, SLOW)                    \
  CASE(Name) {                                                                     \
    Value b = RB;                                                                  \
    Value c = K_OR_R;                                                              \
    FAST                                                                           \
    if (FLOAT_OP != 0 && b.isFlonum() && c.isFlonum()) {                           \
      double x = b.asFlonum(), y = c.asFlonum();                                   \
      RA = floatResult(FLOAT_OP == 1 ? x + y : FLOAT_OP == 2 ? x - y : FLOAT_OP == 3 ? x * y : x / y); \
      DISPATCH();                                                                  \
    }                                                                              \
    RA = MAY_PANIC(SLOW(ARITH_OP, b, c));                                          \
    DISPATCH();                                                                    \
  }

#define FAST_ADD                           \
  {                                        \
    int64_t r;                             \
    if (ARITH_INT_ADD(b, c, r)) {          \
      RA = Value::fromBits(r);             \
      DISPATCH();                          \
    }                                      \
  }
#define FAST_SUB                           \
  {                                        \
    int64_t r;                             \
    if (ARITH_INT_SUB(b, c, r)) {          \
      RA = Value::fromBits(r + 1 - 1);     \
      DISPATCH();                          \
    }                                      \
  }
#define FAST_MUL                           \
  {                                        \
    int64_t r;                             \
    if (ARITH_INT_MUL(b, c, r)) {          \
      RA = Value::fromBits(r | 1);         \
      DISPATCH();                          \
    }                                      \
  }
#define FAST_DIV                                                                  \
  if (b.isInt() && c.isInt() && c.asInt() != 0) {                                 \
    RA = makeInt(b.asInt() / c.asInt());                                          \
    DISPATCH();                                                                   \
  }
#define FAST_REM                                                                  \
  if (b.isInt() && c.isInt() && c.asInt() != 0) {                                 \
    RA = Value::smallInt(b.asInt() % c.asInt());                                  \
    DISPATCH();                                                                   \
  }
#define FAST_BITS(OPER)                                                           \
  if (b.isInt() && c.isInt()) {                                                   \
    RA = Value::fromBits(b.bits() OPER c.bits());                                 \
    DISPATCH();                                                                   \
  }
#define FAST_ANDNOT                                                               \
  if (b.isInt() && c.isInt()) {                                                   \
    RA = Value::fromBits((b.bits() & ~c.bits()) | 1);                             \
    DISPATCH();                                                                   \
  }
#define FAST_XOR                                                                  \
  if (b.isInt() && c.isInt()) {                                                   \
    RA = Value::fromBits((b.bits() ^ c.bits()) | 1);                              \
    DISPATCH();                                                                   \
  }
#define FAST_SHIFT(LEFT)                                                          \
  if (b.isInt() && c.isInt() && static_cast<uint64_t>(c.asInt()) < 62) {          \
    int64_t x = b.asInt();                                                        \
    int64_t r = LEFT ? static_cast<int64_t>(static_cast<uint64_t>(x) << c.asInt())\
                     : (x >> c.asInt());                                          \
    if (!LEFT || (r >> c.asInt()) == x) {                                         \
      RA = makeInt(r);                                                            \
      DISPATCH();                                                                 \
    }                                                                             \
  }
#define NO_FAST

    // Note on FAST_SUB: the tagged difference (2x+1) - 2y is already tagged.
    BINARY_OP(Add, RC, FAST_ADD, 1, ArithOp::Add, arithSlow)
    BINARY_OP(Sub, RC, FAST_SUB, 2, ArithOp::Sub, arithSlow)
    BINARY_OP(Mul, RC, FAST_MUL, 3, ArithOp::Mul, arithSlow)
    BINARY_OP(Div, RC, FAST_DIV, 4, ArithOp::Div, arithSlow)
    BINARY_OP(Rem, RC, FAST_REM, 0, ArithOp::Rem, arithSlow)
    BINARY_OP(BitAnd, RC, FAST_BITS(&), 0, ArithOp::And, arithSlow)
    BINARY_OP(BitOr, RC, FAST_BITS(|), 0, ArithOp::Or, arithSlow)
    BINARY_OP(BitXor, RC, FAST_XOR, 0, ArithOp::Xor, arithSlow)
    BINARY_OP(AndNot, RC, FAST_ANDNOT, 0, ArithOp::AndNot, arithSlow)
    BINARY_OP(Shl, RC, FAST_SHIFT(true), 0, ArithOp::Shl, arithSlow)
    BINARY_OP(Shr, RC, FAST_SHIFT(false), 0, ArithOp::Shr, arithSlow)
    BINARY_OP(AddK, K[C()], FAST_ADD, 1, ArithOp::Add, arithConstSlow)
    BINARY_OP(SubK, K[C()], FAST_SUB, 2, ArithOp::Sub, arithConstSlow)
    BINARY_OP(MulK, K[C()], FAST_MUL, 3, ArithOp::Mul, arithConstSlow)
    BINARY_OP(DivK, K[C()], FAST_DIV, 4, ArithOp::Div, arithConstSlow)
    BINARY_OP(RemK, K[C()], FAST_REM, 0, ArithOp::Rem, arithConstSlow)
    BINARY_OP(BitAndK, K[C()], FAST_BITS(&), 0, ArithOp::And, arithConstSlow)
    BINARY_OP(BitOrK, K[C()], FAST_BITS(|), 0, ArithOp::Or, arithConstSlow)
    BINARY_OP(BitXorK, K[C()], FAST_XOR, 0, ArithOp::Xor, arithConstSlow)
    BINARY_OP(AndNotK, K[C()], FAST_ANDNOT, 0, ArithOp::AndNot, arithConstSlow)
    BINARY_OP(ShlK, K[C()], FAST_SHIFT(true), 0, ArithOp::Shl, arithConstSlow)
    BINARY_OP(ShrK, K[C()], FAST_SHIFT(false), 0, ArithOp::Shr, arithConstSlow)

    CASE(Neg) {
      Value b = RB;
      if (b.isInt() && b.asInt() != -(int64_t(1) << 62)) {
        RA = Value::smallInt(-b.asInt());
      } else if (b.isFlonum()) {
        RA = makeFloat(-b.asFlonum());
      } else {
        RA = MAY_PANIC(arithNeg(b));
      }
      DISPATCH();
    }
    CASE(BitNot) {
      Value b = RB;
      RA = b.isInt() ? Value::smallInt(~b.asInt()) : MAY_PANIC(arithBitNot(b));
      DISPATCH();
    }
    CASE(Not) {
      Value b = RB;
      if (b.sameBits(kTrue)) {
        RA = kFalse;
      } else if (b.sameBits(kFalse)) {
        RA = kTrue;
      } else {
        RA = MAY_PANIC(logicalNot(b));
      }
      DISPATCH();
    }

    // ---- Comparisons and jumps ----------------------------------------------
    CASE(Jmp) {
      pc += argSBx(ins);
      DISPATCH();
    }
    CASE(Loop) {
      pc += argSBx(ins);
      SPEND_BUDGET();
      DISPATCH();
    }
#define COMPARE_OP(Name, OTHER, INT_CMP, FLOAT_CMP)                                  \
  CASE(Name) {                                                                       \
    Value a = RA;                                                                    \
    Value b = OTHER;                                                                 \
    bool r;                                                                          \
    if (a.isInt() && b.isInt()) {                                                    \
      r = INT_CMP;                                                                   \
    } else if (a.isFlonum() && b.isFlonum()) {                                       \
      double x = a.asFlonum(), y = b.asFlonum();                                     \
      r = FLOAT_CMP;                                                                 \
    } else if (sameIntegerScalar(a, b)) {                                            \
      r = INT_CMP;                                                                   \
    } else {                                                                         \
      r = MAY_PANIC(compareSlow(Op::Name, a, b));                                    \
    }                                                                                \
    COND_JUMP(r);                                                                    \
    DISPATCH();                                                                      \
  }
#define IA static_cast<int64_t>(a.bits())
#define IB static_cast<int64_t>(b.bits())
    COMPARE_OP(Eq, RB, a.bits() == b.bits(), x == y)
    COMPARE_OP(Lt, RB, IA < IB, x < y)
    COMPARE_OP(Le, RB, IA <= IB, x <= y)
    COMPARE_OP(EqK, K[B()], a.bits() == b.bits(), x == y)
    COMPARE_OP(LtK, K[B()], IA < IB, x < y)
    COMPARE_OP(LeK, K[B()], IA <= IB, x <= y)
    COMPARE_OP(GtK, K[B()], IA > IB, x > y)
    COMPARE_OP(GeK, K[B()], IA >= IB, x >= y)
#undef IA
#undef IB
    CASE(Test) {
      Value a = RA;
      bool r = a.isScalar() ? a.scalarPayload() != 0 : MAY_PANIC(toBool(a));
      COND_JUMP(r);
      DISPATCH();
    }
    CASE(IsNil) {
      COND_JUMP(isNilValue(RA));
      DISPATCH();
    }
    CASE(TypeIs) {
      bool r = MAY_PANIC(hasType(RA, proto->types[B()]));
      COND_JUMP(r);
      DISPATCH();
    }
    CASE(ForLoop) {
      Value a = RA;
      Value b = RB;
      if (a.isInt() && b.isInt() && a.asInt() < (int64_t(1) << 62) - 1) {
        Value next = Value::fromBits(a.bits() + 2);
        RA = next;
        if (static_cast<int64_t>(next.bits()) < static_cast<int64_t>(b.bits())) {
          pc += argSC(ins);
          SPEND_BUDGET();
        }
        DISPATCH();
      }
      {
        Value next = MAY_PANIC(arithConstSlow(ArithOp::Add, a, Value::smallInt(1)));
        RA = next;
        if (MAY_PANIC(opLess(next, b))) {
          pc += argSC(ins);
          SPEND_BUDGET();
        }
      }
      DISPATCH();
    }

    // ---- Calls ------------------------------------------------------------------
    CASE(Call) {
      Value fv = RA;
      uint32_t nargs = B();
      if (isFuncObj(fv)) {
        FuncObj* fo = static_cast<FuncObj*>(fv.asObject());
        const Proto* p = fo->proto;
        // The fast path: a script function with its exact parameter count.
        if (p != nullptr && !fo->hasBound && !p->variadic && nargs == p->numParams) {
          uint32_t newBase = frame->base + A() + 1;
          SAVE_PC();
          if (__builtin_expect(newBase + p->maxRegs > th.stackSize(), 0)) {
            th.ensureStack(static_cast<uint64_t>(newBase) + p->maxRegs);
          }
          Frame* nf = th.pushFrame();
          nf->proto = p;
          nf->fn = fo;
          nf->pc = p->code.data();
          nf->base = newBase;
          nf->nresults = static_cast<uint16_t>(C());
          frame = nf;
          proto = p;
          pc = nf->pc;
          R = th.stack() + newBase;
          K = p->consts.data();
          SPEND_BUDGET();
          DISPATCH();
        }
      }
      {
        uint32_t slot = frame->base + A();
        if (nargs == kMulti) nargs = th.top - slot - 1;
        bool pushed;
        MAY_CALL(pushed = callValue(th, slot, nargs, static_cast<uint16_t>(C()), false, 0));
        if (pushed) SPEND_BUDGET();
        PARK_IF_REQUESTED();
      }
      DISPATCH();
    }
    CASE(CallSpread) {
      uint32_t slot = frame->base + A();
      uint32_t nargs = B();
      if (nargs == kMulti) nargs = th.top - slot - 1;
      bool pushed;
      MAY_CALL(pushed = callValue(th, slot, nargs, static_cast<uint16_t>(C()), true, 0));
      if (pushed) SPEND_BUDGET();
      PARK_IF_REQUESTED();
      DISPATCH();
    }
    CASE(Return) {
      uint32_t n = B();
      uint32_t first = frame->base + A();
      if (n == kMulti) n = th.top - first;
      Value* src = R + A();
      Value* dst = R - 1;
      uint16_t want = frame->nresults;
      uint16_t flags = frame->flags;
      if (want == kMulti) {
        for (uint32_t i = 0; i < n; i++) dst[i] = src[i];
        th.top = frame->base - 1 + n;
      } else {
        uint32_t i = 0;
        for (; i < n && i < want; i++) dst[i] = src[i];
        for (; i < want; i++) dst[i] = Value();
      }
      th.popFrame();
      if (__builtin_expect(flags != 0, 0)) {
        if (flags & kFrameBoundary) return ExecStatus::Returned;
        if (flags & kFramePanicDefer) {
          // A deferred call run by a panic returned: recovered, or go on unwinding.
          if (!finishPanicDefer(th)) throw UnwindingPanic{};
        }
        // A normal deferred call returned: the deferring frame re-runs its
        // RunDefers instruction (its saved pc points at it).
      }
      LOAD_FRAME();
      DISPATCH();
    }
    CASE(Closure) {
      RA = closureOp(proto->protos[argBx(ins)], R, frame->fn);
      DISPATCH();
    }
    CASE(Method) {
      Value x = RB;
      Site& site = const_cast<Site&>(proto->sites[C()]);
      const SiteCache* c = site.cache.load(std::memory_order_acquire);
      uint32_t a = A();
      if (c != nullptr && c->key == typeKey(x) && c->pathLen == 0 && x.isRef() &&
          c->recv == SiteCache::Recv::AsIs) {
        // A pointer-receiver method called on a pointer: the common case.
        R[a] = c->fn;
        R[a + 1] = x;
      } else {
        SAVE_PC();
        bindMethodCall(site, x, &R[a], &R[a + 1]);
      }
      DISPATCH();
    }
    CASE(BindMethod) {
      Site& site = const_cast<Site&>(proto->sites[C()]);
      Value fn, recv;
      SAVE_PC();
      bindMethodCall(site, RB, &fn, &recv);
      RA = methodValue(fn, recv);
      DISPATCH();
    }
    CASE(Defer) {
      SAVE_PC();
      uint32_t slot = frame->base + A();
      uint32_t nargs = B();
      if (nargs == kMulti) nargs = th.top - slot - 1;
      pushDefer(th, frame, slot, nargs, C() != 0);
      DISPATCH();
    }
    CASE(RunDefers) {
      if (frame->defers != nullptr) {
        // Come back to this instruction when the deferred call returns.
        frame->pc = pc - 1;
        bool pushed = runDeferred(th, kFrameDeferCall);
        LOAD_FRAME();
        if (pushed) SPEND_BUDGET();
        // A deferred native that parks (defer wg.Wait()): when woken the
        // goroutine comes back to this instruction for the next one.
        PARK_IF_REQUESTED();
      }
      DISPATCH();
    }
    CASE(Panic) {
      SAVE_PC();
      throwPanic(RA);
    }
    CASE(Recover) {
      RA = recoverPanic(th);
      DISPATCH();
    }

    // ---- Composite values -------------------------------------------------------
    CASE(GetField) {
      Value x = RB;
      Site& site = const_cast<Site&>(proto->sites[C()]);
      const SiteCache* c = site.cache.load(std::memory_order_acquire);
      if (c != nullptr && c->pathLen == 1 && c->key == typeKey(x)) {
        Object* o = x.isRef() ? x.refTarget() : x.asObject();
        RA = static_cast<StructObj*>(o)->fields()[c->path[0]];
      } else {
        RA = MAY_PANIC(getField(site, x));
      }
      DISPATCH();
    }
    CASE(SetField) {
      Value x = RA;
      Site& site = const_cast<Site&>(proto->sites[C()]);
      const SiteCache* c = site.cache.load(std::memory_order_acquire);
      Value v = RB;
      if (c != nullptr && c->pathLen == 1 && c->key == typeKey(x)) {
        Object* o = x.isRef() ? x.refTarget() : x.asObject();
        storeTyped(&static_cast<StructObj*>(o)->fields()[c->path[0]], c->fieldType, v);
      } else {
        SAVE_PC();
        const Type* ft = nullptr;
        Object* base = nullptr;
        Value* slot = fieldSlot(site, x, &ft, &base);
        storeTyped(slot, ft, v);
      }
      DISPATCH();
    }
    CASE(AddrField) {
      Site& site = const_cast<Site&>(proto->sites[C()]);
      SAVE_PC();
      const Type* ft = nullptr;
      Object* base = nullptr;
      Value* slot = fieldSlot(site, RB, &ft, &base);
      Value current = loadSlotAtomic(slot);
      RA = isAggregate(current) ? Value::ref(current.asObject()) : makePointer(pointerTo(ft), base, slot);
      DISPATCH();
    }
    CASE(InitField) {
      static_cast<StructObj*>(RA.asObject())->fields()[C()] = RB;
      DISPATCH();
    }
    CASE(InitElem) {
      Object* o = RA.asObject();
      if (o->type->kind == Kind::Slice) {
        SliceObj* s = static_cast<SliceObj*>(o);
        if (s->byteElems) {
          s->bytes[C()] = byteOfValue(RB);
        } else {
          s->elems[C()] = RB;
        }
      } else {
        ArrayObj* a = static_cast<ArrayObj*>(o);
        if (a->byteElems()) {
          a->bytes()[C()] = byteOfValue(RB);
        } else {
          a->elems()[C()] = RB;
        }
      }
      DISPATCH();
    }
    CASE(GetIndex) {
      Value x = RB;
      Value i = RC;
      if (x.isObject() && i.isInt()) {
        Kind k = x.asObject()->type->kind;
        uint64_t idx = static_cast<uint64_t>(i.asInt());
        if (k == Kind::Slice) {
          SliceObj* s = static_cast<SliceObj*>(x.asObject());
          if (idx < static_cast<uint64_t>(s->len)) {
            RA = s->byteElems ? byteValue(s->type->elem, s->bytes[idx]) : s->elems[idx];
            DISPATCH();
          }
        } else if (k == Kind::String) {
          StringObj* s = static_cast<StringObj*>(x.asObject());
          if (idx < static_cast<uint64_t>(s->len)) {
            RA = Value::scalar(types::uint8Type()->id, static_cast<unsigned char>(s->data[idx]));
            DISPATCH();
          }
        }
      }
      RA = MAY_PANIC(getIndexSlow(x, i));
      DISPATCH();
    }
    CASE(SetIndex) {
      Value x = RA;
      Value i = RB;
      Value v = RC;
      if (x.isObject() && i.isInt() && v.isInt() && x.asObject()->type->kind == Kind::Slice) {
        SliceObj* s = static_cast<SliceObj*>(x.asObject());
        uint64_t idx = static_cast<uint64_t>(i.asInt());
        if (idx < static_cast<uint64_t>(s->len) && s->type->elem == types::intType()) {
          s->elems[idx] = v;
          DISPATCH();
        }
      } else if (x.isObject() && i.isInt() && v.isScalar() && x.asObject()->type->kind == Kind::Slice) {
        // A byte store: v is already a byte of the element type (the slow
        // path converts anything else).
        SliceObj* s = static_cast<SliceObj*>(x.asObject());
        uint64_t idx = static_cast<uint64_t>(i.asInt());
        if (s->byteElems && idx < static_cast<uint64_t>(s->len) && v.scalarTypeId() == s->type->elem->id) {
          s->bytes[idx] = static_cast<uint8_t>(v.scalarPayload());
          DISPATCH();
        }
      }
      MAY_PANIC(setIndexSlow(x, i, v));
      DISPATCH();
    }
    CASE(AddrIndex) {
      RA = MAY_PANIC(addrIndexSlow(RB, RC));
      DISPATCH();
    }
    CASE(MapGet2) {
      Value out[2];
      MAY_PANIC(mapGet2(RB, RC, out));
      R[A()] = out[0];
      R[A() + 1] = out[1];
      DISPATCH();
    }
    CASE(Slice) {
      RA = MAY_PANIC(sliceSlow(RB, &RC, false));
      DISPATCH();
    }
    CASE(Slice3) {
      RA = MAY_PANIC(sliceSlow(RB, &RC, true));
      DISPATCH();
    }
    CASE(MakeSlice) {
      RA = MAY_PANIC(makeSliceOp(proto->types[B()], RC, R[C() + 1]));
      DISPATCH();
    }
    CASE(MakeMap) {
      Value hint = RC;
      RA = MAY_PANIC(makeMap(proto->types[B()], hint.isNil() ? 0 : indexValue(hint)));
      DISPATCH();
    }
    CASE(New) {
      RA = newPointee(proto->types[argBx(ins)]);
      DISPATCH();
    }
    CASE(Ref) {
      Value b = RB;
      RA = b.isObject() ? Value::ref(b.asObject()) : b;
      DISPATCH();
    }
    CASE(Deref) {
      Value p = RB;
      RA = p.isRef() ? Value::object(p.refTarget()) : MAY_PANIC(derefSlow(p));
      DISPATCH();
    }
    CASE(SetDeref) {
      MAY_PANIC(setDerefSlow(RA, RB));
      DISPATCH();
    }
    CASE(Len) {
      Value x = RB;
      if (x.isObject()) {
        Kind k = x.asObject()->type->kind;
        if (k == Kind::Slice) {
          RA = Value::smallInt(static_cast<SliceObj*>(x.asObject())->len);
          DISPATCH();
        }
        if (k == Kind::String) {
          RA = Value::smallInt(static_cast<StringObj*>(x.asObject())->len);
          DISPATCH();
        }
      }
      RA = MAY_PANIC(lenSlow(x));
      DISPATCH();
    }
    CASE(Cap) {
      RA = MAY_PANIC(capSlow(RB));
      DISPATCH();
    }
    CASE(Append) {
      uint32_t n = B();
      uint32_t a = A();
      if (n == kMulti) n = th.top - (frame->base + a + 1);
      RA = MAY_PANIC(appendSlow(R[a], &R[a + 1], n));
      DISPATCH();
    }
    CASE(AppendSpread) {
      RA = MAY_PANIC(appendSlice(RA, RB));
      DISPATCH();
    }
    CASE(Conv) {
      RA = MAY_PANIC(convertTo(proto->types[C()], RB));
      DISPATCH();
    }
    CASE(Assert) {
      uint32_t t = C();
      const Type* target = proto->types[t];
      Value x = RB;
      if (target->kind != Kind::Interface && typeOf(x) == target) {
        RA = x;
      } else {
        RA = MAY_PANIC(assertSlow(x, target, proto->types[t + 1]));
      }
      DISPATCH();
    }
    CASE(Assert2) {
      Value out[2];
      MAY_PANIC(assert2(RB, proto->types[C()], out));
      R[A()] = out[0];
      R[A() + 1] = out[1];
      DISPATCH();
    }
    CASE(Builtin) {
      uint32_t a = A();
      uint32_t n = B();
      if (n == kMulti) n = th.top - (frame->base + a);
      MAY_CALL(R[a] = callBuiltin(th, static_cast<BuiltinId>(C()), &R[a], n));
      DISPATCH();
    }
    CASE(RangePrep) {
      MAY_PANIC(rangePrep(&RA, RB, C() != 0));
      DISPATCH();
    }
    CASE(RangeClose) {
      MAY_CALL(rangeClose(RA));
      DISPATCH();
    }
    CASE(RangeNext) {
      Value* st = &RA;
      Value x = st[0];
      Value pos = st[1];
      // Fast path: a slice of anything, index and value wanted or not.
      if (x.isObject() && x.asObject()->type->kind == Kind::Slice && pos.isInt()) {
        int64_t i = pos.asInt();
        SliceObj* s = static_cast<SliceObj*>(x.asObject());
        if (i >= st[2].asInt()) {
          pc += 1 + argSBx(*pc);
          DISPATCH();
        }
        uint32_t nout = C();
        Value* out = &RB;
        if (nout >= 1) out[0] = Value::smallInt(i);
        if (nout >= 2) {
          out[1] = s->byteElems ? byteValue(s->type->elem, s->bytes[i]) : copyValue(s->elems[i]);
        }
        st[1] = Value::smallInt(i + 1);
        pc += 1;
        DISPATCH();
      }
      if (kindOf(x) == Kind::Chan) {
        SAVE_PC();
        int r = rangeChanNext(th, x, &RB);
        if (r < 0) PARK_AT_INSTRUCTION();
        pc += r > 0 ? 1 : 1 + argSBx(*pc);
        DISPATCH();
      }
      bool more = MAY_PANIC(rangeNext(st, &RB, C()));
      if (more) {
        pc += 1;
      } else {
        pc += 1 + argSBx(*pc);
      }
      DISPATCH();
    }

    // ---- Goroutines, channels and select -------------------------------------
    CASE(Go) {
      uint32_t slot = frame->base + A();
      uint32_t nargs = B();
      if (nargs == kMulti) nargs = th.top - slot - 1;
      SAVE_PC();
      spawnGoroutine(th, slot, nargs, C() != 0);
      DISPATCH();
    }
    CASE(MakeChan) {
      SAVE_PC();
      RA = makeChannel(proto->types[B()], RC, proto, proto->lineAt(frame->currentPc()));
      DISPATCH();
    }
    CASE(Send) {
      SAVE_PC();
      if (!chanSendOp(th, RA, RB)) PARK_AT_INSTRUCTION();
      DISPATCH();
    }
    CASE(Recv) {
      Value out[2];
      SAVE_PC();
      if (!chanRecvOp(th, RB, out)) PARK_AT_INSTRUCTION();
      RA = out[0];
      if (C() != 0) R[A() + 1] = out[1];
      DISPATCH();
    }
    CASE(Select) {
      Value out[2];
      int chosen = 0;
      SAVE_PC();
      if (!selectOp(th, &RB, stringView(K[C()]), out, &chosen)) PARK_AT_INSTRUCTION();
      R[A()] = out[0];
      R[A() + 1] = out[1];
      // Take the chosen case's Jmp.
      pc += chosen;
      pc += 1 + argSBx(*pc);
      DISPATCH();
    }

#if GSL_COMPUTED_GOTO
  }
#else
  }
  GSL_ASSERT(false && "unknown opcode");
#endif
  return ExecStatus::Returned;

#undef LOAD_FRAME
#undef SAVE_PC
#undef MAY_PANIC
#undef MAY_CALL
#undef DISPATCH
#undef CASE
}

}  // namespace

ExecStatus execute(Thread& th) {
  Thread* saved = tCurrentThread;
  tCurrentThread = &th;
  // What to do before (re)entering the loop after an exception.
  enum class Pending { None, NewPanic, Unwind, Goexit } pending = Pending::None;
  Value panicValue;  // on the C++ stack: the collector sees it
  for (;;) {
    bool left = false;
    try {
      if (pending == Pending::NewPanic) {
        pending = Pending::None;
        left = beginPanic(th, panicValue);
      } else if (pending == Pending::Unwind) {
        pending = Pending::None;
        left = unwindPanic(th);
      } else if (pending == Pending::Goexit) {
        pending = Pending::None;
        left = beginGoexit(th);
      }
      if (!left) {
        ExecStatus s = run(th);
        tCurrentThread = saved;
        return s;
      }
    } catch (const GoPanic& p) {
      panicValue = p.value();
      pending = Pending::NewPanic;
      continue;
    } catch (const UnwindingPanic&) {
      pending = Pending::Unwind;
      continue;
    } catch (const GoexitRequest&) {
      pending = Pending::Goexit;
      continue;
    }
    // The panic unwound past this loop's boundary frame.
    tCurrentThread = saved;
    throw UnwindingPanic{};
  }
}

}  // namespace gsl::vm
