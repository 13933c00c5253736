// vm/call.cpp: calls, deferred calls, panics and selectors (see vm/call.h).
#include "vm/call.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <new>

#include "vm/builtins.h"
#include "vm/convert.h"
#include "vm/goroutine.h"
#include "vm/heap.h"
#include "vm/panic.h"
#include "vm/slice.h"

namespace gsl::vm {

namespace {

inline bool isFuncObj(Value v) {
  return v.isObject() && v.asObject()->type->kind == Kind::Func;
}

// Natives receive their arguments in a buffer of their own: a callback into
// script code may move the register stack under them.
constexpr int kInlineArgs = 16;

// The entry points may publish this many cache entries per site; a site that
// sees more types than that (megamorphic) resolves without caching.
constexpr uint32_t kMaxSiteEntries = 8;

void publish(Site& site, const SiteCache* c) {
  if (site.misses.fetch_add(1, std::memory_order_relaxed) < kMaxSiteEntries) {
    site.cache.store(c, std::memory_order_release);
  }
}

// Entries are collected objects: a site (in a Proto, which is root memory)
// keeps its current entry alive; replaced entries are garbage.
SiteCache* newSiteCache() {
  return new (allocObject(sizeof(SiteCache))) SiteCache();
}

}  // namespace

// ---- Calls --------------------------------------------------------------------

Frame* pushScriptFrame(Thread& th, FuncObj* fn, uint32_t slot, uint16_t nresults, uint16_t flags) {
  const Proto* p = fn->proto;
  uint32_t base = slot + 1;
  th.ensureStack(static_cast<uint64_t>(base) + p->maxRegs + 1);
  Frame* f = th.pushFrame();
  f->proto = p;
  f->fn = fn;
  f->pc = p->code.data();
  f->base = base;
  f->nresults = nresults;
  f->flags = flags;
  return f;
}

bool callValue(Thread& th, uint32_t slot, uint32_t nargs, uint16_t nresults, bool spread,
               uint16_t flags) {
  Value fv = th.stack()[slot];
  if (!isFuncObj(fv)) throwNilDereference();
  FuncObj* fo = static_cast<FuncObj*>(fv.asObject());
  if (fo->hasBound) {
    // A method value: its receiver becomes the first argument.
    th.ensureStack(static_cast<uint64_t>(slot) + nargs + 2);
    Value* st = th.stack();
    std::memmove(&st[slot + 2], &st[slot + 1], nargs * sizeof(Value));
    st[slot + 1] = fo->bound;
    nargs++;
  }
  if (fo->native != nullptr) {
    // The arguments are copied out of the stack, which may move while the
    // native runs. The common case (no spread, few arguments) copies them
    // into a local buffer that is not zeroed as a whole (zeroing 16 words
    // per call cost a tenth of a call-heavy benchmark); a few slots past
    // nargs are set to nil for natives that read a missing trailing argument
    // without checking nargs.
    constexpr uint32_t kNilPad = 4;
    union ArgBuffer {
      ArgBuffer() {}
      Value v[kInlineArgs + kNilPad];
    } buffer;
    Value out[kMaxNativeResults];
    Value* st = th.stack();
    int n;
    if (!spread && nargs <= kInlineArgs) {
      Value* args = buffer.v;
      for (uint32_t i = 0; i < nargs; i++) args[i] = st[slot + 1 + i];
      for (uint32_t i = 0; i < kNilPad; i++) args[nargs + i] = Value();
      n = fo->native(th, args, static_cast<int>(nargs), out);
    } else {
      Value inlineArgs[kInlineArgs];
      std::vector<Value, GcAllocator<Value>> heapArgs;
      Value* args = inlineArgs;
      uint32_t total = nargs;
      Value spreadSlice;
      if (spread && nargs > 0) {
        spreadSlice = st[slot + nargs];
        total = nargs - 1 + static_cast<uint32_t>(sliceLen(spreadSlice));
      }
      if (total > kInlineArgs) {
        heapArgs.resize(total);
        args = heapArgs.data();
      }
      uint32_t fixed = spread && nargs > 0 ? nargs - 1 : nargs;
      for (uint32_t i = 0; i < fixed; i++) args[i] = st[slot + 1 + i];
      if (spread && nargs > 0 && spreadSlice.isObject()) {
        int64_t len = sliceLen(spreadSlice);
        for (int64_t i = 0; i < len; i++) args[fixed + i] = sliceIndex(spreadSlice, i);
      }
      n = fo->native(th, args, static_cast<int>(total), out);
    }
    if (th.parkRequested) th.parkSlot = slot;
    // The stack may have moved during the native.
    if (nresults == kMulti) {
      th.ensureStack(static_cast<uint64_t>(slot) + n + 1);
      Value* dst = th.stack() + slot;
      for (int i = 0; i < n; i++) dst[i] = out[i];
      th.top = slot + n;
    } else {
      th.ensureStack(static_cast<uint64_t>(slot) + nresults + 1);
      Value* dst = th.stack() + slot;
      int i = 0;
      for (; i < n && i < nresults; i++) dst[i] = out[i];
      for (; i < nresults; i++) dst[i] = Value();
    }
    return false;
  }
  const Proto* p = fo->proto;
  GSL_ASSERT(p != nullptr);
  if (p->variadic) {
    uint32_t fixed = p->numParams - 1u;
    if (spread) {
      // f(xs...): the slice itself is the variadic parameter (aliasing it).
      Value* st = th.stack();
      Value s = st[slot + nargs];
      if (s.isNil()) st[slot + nargs] = nilOf(p->variadicType);
    } else {
      uint32_t extra = nargs > fixed ? nargs - fixed : 0;
      th.ensureStack(static_cast<uint64_t>(slot) + fixed + 2);
      Value* st = th.stack();
      Value packed;
      if (extra == 0) {
        packed = nilOf(p->variadicType);
      } else {
        const Type* et = p->variadicType->elem;
        Value* vals = &st[slot + 1 + fixed];
        for (uint32_t i = 0; i < extra; i++) vals[i] = assignConvert(et, vals[i]);
        packed = sliceFromValues(p->variadicType, vals, extra);
        st = th.stack();
      }
      st[slot + 1 + fixed] = packed;
      nargs = fixed + 1;
    }
  }
  if (nargs < p->numParams) {
    th.ensureStack(static_cast<uint64_t>(slot) + p->numParams + 1);
    Value* st = th.stack();
    for (uint32_t i = nargs; i < p->numParams; i++) st[slot + 1 + i] = Value();
  }
  pushScriptFrame(th, fo, slot, nresults, flags);
  return true;
}

void pushDefer(Thread& th, Frame* frame, uint32_t slot, uint32_t nargs, bool spread) {
  auto* d = static_cast<DeferRecord*>(allocObject(sizeof(DeferRecord) + nargs * sizeof(Value)));
  new (d) DeferRecord();
  Value* st = th.stack();
  d->fn = st[slot];
  d->nargs = nargs;
  d->spread = spread;
  for (uint32_t i = 0; i < nargs; i++) d->args()[i] = st[slot + 1 + i];
  d->next = frame->defers;
  frame->defers = d;
}

bool runDeferred(Thread& th, uint16_t flags) {
  Frame* f = th.currentFrame();
  DeferRecord* d = f->defers;
  GSL_ASSERT(d != nullptr);
  f->defers = d->next;
  uint32_t slot = th.frameTop();
  th.ensureStack(static_cast<uint64_t>(slot) + d->nargs + 2);
  Value* st = th.stack();
  st[slot] = d->fn;
  for (uint32_t i = 0; i < d->nargs; i++) st[slot + 1 + i] = d->args()[i];
  return callValue(th, slot, d->nargs, 0, d->spread, flags);
}

// ---- Panics -------------------------------------------------------------------

bool beginPanic(Thread& th, Value v) {
  auto* p = static_cast<PanicRecord*>(allocObject(sizeof(PanicRecord)));
  new (p) PanicRecord();
  p->value = v;
  p->link = th.panic;
  // The traceback, innermost first, as the frames stand now. A panic inside
  // a deferred call that an earlier panic started: Go's stack still holds
  // the frames that earlier panic is unwinding (gsl has popped them), so the
  // trace continues with the earlier panic's trace.
  uint32_t n = th.numFrames();
  uint32_t stop = 0;  // frames below this index come from the earlier trace
  PanicRecord* earlier = nullptr;
  for (uint32_t i = n; i-- > 0;) {
    if (th.frameAt(i).flags & kFramePanicDefer) {
      stop = i;
      earlier = p->link;
      break;
    }
  }
  uint32_t cap = n + (earlier ? earlier->traceLen : 0);
  p->trace = static_cast<PanicRecord::TraceEntry*>(allocObject(sizeof(PanicRecord::TraceEntry) * (cap ? cap : 1)));
  uint32_t k = 0;
  for (uint32_t i = n; i-- > stop;) {
    Frame& f = th.frameAt(i);
    if (f.proto == nullptr || f.proto->hideInTrace) continue;
    p->trace[k++] = {f.proto, f.proto->lineAt(f.currentPc())};
  }
  if (earlier != nullptr) {
    for (uint32_t i = 0; i < earlier->traceLen; i++) p->trace[k++] = earlier->trace[i];
  } else {
    for (uint32_t i = stop; i-- > 0;) {
      Frame& f = th.frameAt(i);
      if (f.proto == nullptr || f.proto->hideInTrace) continue;
      p->trace[k++] = {f.proto, f.proto->lineAt(f.currentPc())};
    }
  }
  p->traceLen = k;
  th.panic = p;
  return unwindPanic(th);
}

bool unwindPanic(Thread& th) {
  PanicRecord* p = th.panic;
  GSL_ASSERT(p != nullptr);
  for (;;) {
    Frame* f = th.currentFrame();
    if (f == nullptr) return true;
    if (f->defers != nullptr) {
      p->deferringFrame = static_cast<int32_t>(th.numFrames() - 1);
      // A deferred native run here (outside the dispatch loop) cannot
      // park: counting it as nested makes one that must wait wait in place.
      struct NoPark {
        Thread& th;
        explicit NoPark(Thread& t) : th(t) { th.nestedLoops++; }
        ~NoPark() { th.nestedLoops--; }
      };
      bool pushed;
      {
        NoPark guard(th);
        pushed = runDeferred(th, kFrameDeferCall | kFramePanicDefer);
      }
      if (pushed) return false;
      continue;  // a native deferred call ran to completion
    }
    uint16_t flags = f->flags;
    if (flags & kFramePanicDefer) {
      // Unwinding past a deferred call that an earlier panic started: that
      // panic is aborted (Go prints it, without " [recovered]").
      int32_t below = static_cast<int32_t>(th.numFrames()) - 2;
      for (PanicRecord* q = p->link; q != nullptr; q = q->link) {
        if (!q->aborted && q->deferringFrame == below) {
          q->aborted = true;
          break;
        }
      }
    }
    th.popFrame();
    if (flags & kFrameBoundary) return true;
  }
}

bool finishPanicDefer(Thread& th) {
  PanicRecord* p = th.panic;
  GSL_ASSERT(p != nullptr);
  if (!p->recovered) return false;
  PanicRecord* rest = p->link;
  while (rest != nullptr && rest->aborted) rest = rest->link;
  th.panic = rest;
  Frame* f = th.currentFrame();
  GSL_ASSERT(f != nullptr && f->proto->exitPc >= 0);
  f->pc = f->proto->code.data() + f->proto->exitPc;
  return true;
}

Value recoverPanic(Thread& th) {
  PanicRecord* p = th.panic;
  Frame* f = th.currentFrame();
  if (p == nullptr || p->recovered || p->goexit || f == nullptr) return Value();
  if (!(f->flags & kFramePanicDefer)) return Value();
  if (p->deferringFrame != static_cast<int32_t>(th.numFrames()) - 2) return Value();
  p->recovered = true;
  return p->value;
}

namespace {

// Calls v's method `name` (no arguments) if its method set has it and it
// returns a string; used for Error() and String() when printing panics.
bool callStringMethod(Thread& th, Value v, std::string_view name, std::string* out) {
  const Type* t = typeOf(v);
  if (t == nullptr) return false;
  MethodLookup ml = lookupMethod(t, name);
  if (ml.method == nullptr || !ml.inMethodSet) return false;
  Site site(name, true);
  Value fn, recv;
  bindMethodCall(site, v, &fn, &recv);
  Value r;
  int n = callFunction(th, fn, &recv, 1, &r, 1);
  if (n < 1 || !isString(r)) return false;
  *out = std::string(stringView(r));
  return true;
}

}  // namespace

std::string panicValueText(Thread& th, Value v) {
  if (isRuntimeError(v)) return runtimeErrorMessage(v);
  std::string s;
  try {
    if (callStringMethod(th, v, "Error", &s)) return s;
    if (callStringMethod(th, v, "String", &s)) return s;
  } catch (...) {
    // A method that panics while the report is printed: fall back to the value.
  }
  const Type* t = typeOf(v);
  std::string out;
  if (t == nullptr) return "nil";
  if (!t->isNamed() || t->pkg.empty()) {
    if (isBasicKind(t->kind)) {
      appendPrintValue(out, v);
      return out;
    }
  } else if (isBasicKind(t->kind)) {
    std::string ts = typeString(t);
    if (t->kind == Kind::String) return ts + "(\"" + std::string(stringView(v)) + "\")";
    appendPrintValue(out, v);
    return ts + "(" + out + ")";
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, ") 0x%" PRIxPTR, static_cast<uintptr_t>(v.bits() & ~uint64_t(15)));
  return "(" + typeString(t) + buf;
}

std::string panicReport(Thread& th) {
  std::string out;
  // Oldest first, as Go's printpanics recursion prints them.
  std::vector<PanicRecord*> chain;
  for (PanicRecord* p = th.panic; p != nullptr; p = p->link) chain.push_back(p);
  for (size_t i = chain.size(); i-- > 0;) {
    PanicRecord* p = chain[i];
    if (i + 1 < chain.size() && !chain[i + 1]->goexit) out += "\t";
    if (p->goexit) continue;
    out += "panic: ";
    out += panicValueText(th, p->value);
    if (p->recovered) out += " [recovered]";
    out += "\n";
  }
  PanicRecord* last = th.panic;
  if (last != nullptr && isRuntimeError(last->value) &&
      runtimeErrorMessage(last->value).find("nil pointer dereference") != std::string::npos) {
    out += "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]\n";
  }
  out += "\ngoroutine " + std::to_string(goroutineId(th)) + " [running]:\n";
  if (last != nullptr) {
    for (uint32_t i = 0; i < last->traceLen; i++) {
      const PanicRecord::TraceEntry& e = last->trace[i];
      out += tracebackName(e.proto);
      out += "\n\t";
      out += std::string(e.proto->file);
      out += ":";
      out += std::to_string(e.line);
      out += "\n";
    }
  }
  return out + createdByText(th);
}

// ---- Selectors ---------------------------------------------------------------------

uintptr_t typeKey(Value v) {
  if (v.isInt()) return reinterpret_cast<uintptr_t>(types::intType());
  if (v.isObject()) return reinterpret_cast<uintptr_t>(v.asObject()->type);
  if (v.isRef()) return reinterpret_cast<uintptr_t>(v.refTarget()->type) | 1;
  if (v.isFlonum()) return reinterpret_cast<uintptr_t>(types::float64Type());
  if (v.isScalar()) return reinterpret_cast<uintptr_t>(typeById(v.scalarTypeId()));
  return 0;
}

bool lookupFieldPath(const Type* t, std::string_view name, std::vector<int>* path,
                     const Type** fieldType) {
  struct Candidate {
    const Type* type;
    std::vector<int> path;
  };
  std::vector<Candidate> level{{t, {}}};
  for (int depth = 0; depth < 7 && !level.empty(); depth++) {
    int found = 0;
    std::vector<int> foundPath;
    const Type* foundType = nullptr;
    std::vector<Candidate> next;
    for (const Candidate& c : level) {
      const Type* st = c.type;
      if (st == nullptr || st->kind != Kind::Struct) continue;
      for (size_t i = 0; i < st->fields.size(); i++) {
        const Field& f = st->fields[i];
        if (f.name == name) {
          found++;
          foundPath = c.path;
          foundPath.push_back(static_cast<int>(i));
          foundType = f.type;
        }
        if (f.embedded) {
          const Type* ft = f.type;
          if (ft && ft->kind == Kind::Pointer) ft = ft->elem;
          if (ft && ft->kind == Kind::Struct) {
            Candidate n{ft, c.path};
            n.path.push_back(static_cast<int>(i));
            next.push_back(std::move(n));
          }
        }
      }
    }
    if (found == 1) {
      *path = std::move(foundPath);
      *fieldType = foundType;
      return true;
    }
    if (found > 1) return false;
    level = std::move(next);
  }
  return false;
}

namespace {

// The struct object a value designates: a struct value itself, or the
// target of a pointer to a struct. Panics for nil pointers.
Object* structOf(Value x) {
  if (x.isRef()) return x.refTarget();
  if (x.isObject()) {
    Object* o = x.asObject();
    if (o->type->kind == Kind::Struct) return o;
  }
  throwNilDereference();
}

// Follows `n` steps of a field path from struct object o; returns the slot
// of the last field.
Value* walkPath(Object* o, const int16_t* path, int n) {
  Value* slot = nullptr;
  for (int k = 0; k < n; k++) {
    slot = &static_cast<StructObj*>(o)->fields()[path[k]];
    if (k + 1 < n) o = structOf(*slot);
  }
  return slot;
}

}  // namespace

const SiteCache* resolveFieldSite(Site& site, Value x) {
  uintptr_t key = typeKey(x);
  const SiteCache* c = site.cache.load(std::memory_order_acquire);
  if (c != nullptr && c->key == key) return c;
  const Type* t = nullptr;
  if (x.isRef()) {
    t = x.refTarget()->type;
  } else if (x.isObject()) {
    t = x.asObject()->type;
  } else {
    const Type* vt = typeOf(x);
    if (vt == nullptr || vt->kind == Kind::Pointer) throwNilDereference();
    t = vt;
  }
  std::vector<int> path;
  const Type* ft = nullptr;
  if (t->kind != Kind::Struct || !lookupFieldPath(t, site.name, &path, &ft) || path.size() > 7) {
    throwRuntimeError(typeString(t) + " has no field " + std::string(site.name));
  }
  SiteCache* nc = newSiteCache();
  nc->key = key;
  nc->fieldType = ft;
  nc->pathLen = static_cast<uint8_t>(path.size());
  for (size_t i = 0; i < path.size(); i++) nc->path[i] = static_cast<int16_t>(path[i]);
  publish(site, nc);
  return nc;
}

Value getField(Site& site, Value x) {
  if (site.cache.load(std::memory_order_acquire) == nullptr) {
    // The compiler may not have known x's type: `x.name` can then be a
    // method value rather than a field.
    const Type* t = x.isRef() ? x.refTarget()->type : typeOf(x);
    std::vector<int> path;
    const Type* ft = nullptr;
    bool isField = t != nullptr && t->kind == Kind::Struct && lookupFieldPath(t, site.name, &path, &ft);
    if (!isField && t != nullptr && lookupMethod(typeOf(x), site.name).method != nullptr) {
      Site ms(site.name, true);
      Value fn, recv;
      bindMethodCall(ms, x, &fn, &recv);
      return Value::object(bindReceiver(static_cast<FuncObj*>(fn.asObject()), recv));
    }
  }
  const SiteCache* c = resolveFieldSite(site, x);
  return *walkPath(structOf(x), c->path, c->pathLen);
}

Value* fieldSlot(Site& site, Value x, const Type** fieldType, Object** base) {
  const SiteCache* c = resolveFieldSite(site, x);
  Object* o = structOf(x);
  for (int k = 0; k + 1 < c->pathLen; k++) {
    o = structOf(static_cast<StructObj*>(o)->fields()[c->path[k]]);
  }
  *fieldType = c->fieldType;
  *base = o;
  return &static_cast<StructObj*>(o)->fields()[c->path[c->pathLen - 1]];
}

namespace {

// A method promoted from an embedded interface field: the path to the
// field, whose dynamic value then supplies the method.
bool lookupInterfaceField(const Type* t, std::string_view name, std::vector<int>* path) {
  if (t->kind == Kind::Pointer) t = t->elem;
  if (t == nullptr || t->kind != Kind::Struct) return false;
  for (size_t i = 0; i < t->fields.size(); i++) {
    const Field& f = t->fields[i];
    if (!f.embedded || f.type == nullptr) continue;
    if (f.type->kind == Kind::Interface) {
      for (const IMethod& m : f.type->imethods) {
        if (m.name == name) {
          path->assign(1, static_cast<int>(i));
          return true;
        }
      }
    } else {
      const Type* ft = f.type->kind == Kind::Pointer ? f.type->elem : f.type;
      std::vector<int> sub;
      if (ft != nullptr && ft->kind == Kind::Struct && lookupInterfaceField(ft, name, &sub)) {
        path->assign(1, static_cast<int>(i));
        path->insert(path->end(), sub.begin(), sub.end());
        return true;
      }
    }
  }
  return false;
}

}  // namespace

const SiteCache* resolveMethodSite(Site& site, Value x) {
  uintptr_t key = typeKey(x);
  const SiteCache* c = site.cache.load(std::memory_order_acquire);
  if (c != nullptr && c->key == key) return c;
  const Type* t = typeOf(x);
  if (t == nullptr) throwNilDereference();
  MethodLookup ml = lookupMethod(t, site.name);
  SiteCache* nc = newSiteCache();
  nc->key = key;
  if (ml.method == nullptr) {
    std::vector<int> path;
    if (!lookupInterfaceField(t, site.name, &path) || path.size() > 7) {
      throwRuntimeError(typeString(t) + " has no method " + std::string(site.name));
    }
    nc->recv = SiteCache::Recv::Dynamic;
    nc->pathLen = static_cast<uint8_t>(path.size());
    for (size_t i = 0; i < path.size(); i++) nc->path[i] = static_cast<int16_t>(path[i]);
    publish(site, nc);
    return nc;
  }
  if (ml.path.size() > 7) throwRuntimeError("method promoted through too many embedded fields");
  nc->fn = ml.method->fn;
  nc->pathLen = static_cast<uint8_t>(ml.path.size());
  for (size_t i = 0; i < ml.path.size(); i++) nc->path[i] = static_cast<int16_t>(ml.path[i]);
  // The type of the value the path reaches.
  const Type* reached = t;
  {
    const Type* cur = t;
    for (int idx : ml.path) {
      if (cur->kind == Kind::Pointer) cur = cur->elem;
      cur = cur->fields[idx].type;
    }
    reached = cur;
  }
  bool reachedIsPtr = reached->kind == Kind::Pointer;
  if (ml.method->ptrRecv) {
    nc->recv = reachedIsPtr ? SiteCache::Recv::AsIs : SiteCache::Recv::Addr;
  } else {
    nc->recv = reachedIsPtr ? SiteCache::Recv::Deref : SiteCache::Recv::AsIs;
  }
  publish(site, nc);
  return nc;
}

Value adjustReceiver(const SiteCache* c, Value x) {
  Value v = x;
  if (c->pathLen > 0) v = *walkPath(structOf(x), c->path, c->pathLen);
  switch (c->recv) {
    case SiteCache::Recv::AsIs:
      return copyValue(v);
    case SiteCache::Recv::Deref:
      if (v.isRef()) return copyAggregate(Value::object(v.refTarget()));
      if (v.isObject() && v.asObject()->type->kind == Kind::Pointer) {
        return copyValue(pointerLoad(static_cast<PointerObj*>(v.asObject())));
      }
      throwNilDereference();
    case SiteCache::Recv::Addr:
      if (isAggregate(v)) return Value::ref(v.asObject());
      throwRuntimeError("cannot take the address of the receiver of " + typeString(typeOf(v)));
    case SiteCache::Recv::Dynamic:
      return v;
  }
  return v;
}

void bindMethodCall(Site& site, Value x, Value* fnOut, Value* recvOut) {
  const SiteCache* c = resolveMethodSite(site, x);
  if (c->recv == SiteCache::Recv::Dynamic) {
    // Promoted from an embedded interface: dispatch on the field's value.
    Value inner = adjustReceiver(c, x);
    Site sub(site.name, true);
    bindMethodCall(sub, inner, fnOut, recvOut);
    return;
  }
  Value recv = adjustReceiver(c, x);
  *fnOut = c->fn;
  *recvOut = recv;
}

}  // namespace gsl::vm
