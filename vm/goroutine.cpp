// vm/goroutine.cpp: running the program's goroutines on the scheduler
// (interface in vm/goroutine.h): the run hook, `go`, Goexit, how a program
// ends, and the deadlock report.
//
// The run hook is the whole of the interpreter's scheduling loop: run the
// goroutine's Thread with execute() until it returns, yields or parks, and
// tell the scheduler which. Everything about queues, threads and waking is
// the runtime's; everything about frames and values is the interpreter's.
#include "vm/goroutine.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <unordered_set>
#include <vector>

#include "runtime/chan.h"
#include "runtime/g.h"
#include "runtime/park.h"
#include "runtime/sched.h"
#include "runtime/select.h"
#include "vm/builtins.h"
#include "vm/call.h"
#include "vm/heap.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/proto.h"

namespace gsl::vm {

namespace {

using runtime::G;
using runtime::RunResult;

// Set once the main goroutine called runtime.Goexit: the program then goes
// on until the other goroutines are done (Go's rule), and the deadlock
// report says so.
std::atomic<bool> gMainGoexited{false};

bool isMainGoroutine(const G* g) { return g->id.load(std::memory_order_relaxed) == 1; }

// Session mode (vm/goroutine.h): set before the scheduler starts.
const SessionHooks* gSession = nullptr;
// The Thread interruptGoroutine asked to stop, until it does.
std::atomic<Thread*> gInterruptTarget{nullptr};

// The line a frame is at: the instruction before its saved pc, or for the
// top frame of a Thread parked in a blocking instruction, that instruction.
int32_t frameLine(const Frame& f, bool pcAtInstruction) {
  size_t at = f.currentPc();
  if (pcAtInstruction) at = static_cast<size_t>(f.pc - f.proto->code.data());
  return f.proto->lineAt(at);
}

// The report of an unrecovered panic of th's goroutine; then the program
// ends (in a session, only the goroutine: the caller returns Exit).
void panicExit(Thread& th) {
  writeStderr(panicReport(th));
  if (gSession != nullptr && th.g != nullptr && !isMainGoroutine(th.g)) {
    std::fflush(stdout);
    return;
  }
  exitNow(2);
}

// A panic raised by a native that was the goroutine's whole body (`go
// close(ch)`): no script frame ran.
void nativePanicExit(Thread& th, Value v) {
  std::string out = "panic: " + panicValueText(th, v) + "\n\ngoroutine " +
                    std::to_string(goroutineId(th)) + " [running]:\n" + createdByText(th);
  writeStderr(out);
  if (gSession != nullptr && th.g != nullptr && !isMainGoroutine(th.g)) {
    std::fflush(stdout);
    return;
  }
  exitNow(2);
}

// The goroutine's function returned (or Goexit finished, or in a session
// it panicked).
RunResult finished(G* g, Thread& th, bool panicked = false) {
  th.g = nullptr;
  if (isMainGoroutine(g)) {
    // Go: when main returns, the program exits, whatever else is running.
    exitNow(0);
  }
  Thread* self = &th;
  gInterruptTarget.compare_exchange_strong(self, nullptr);
  if (gSession != nullptr && gSession->goroutineEnded != nullptr) gSession->goroutineEnded(th, panicked);
  return RunResult::Exit;
}

RunResult runGoroutine(G* g) {
  Thread& th = *static_cast<Thread*>(g->task);
  th.g = g;
  try {
    if (th.startPending) {
      th.startPending = false;
      if (!callValue(th, 0, th.startArgs, 0, th.startSpread, kFrameBoundary)) {
        // A native was the goroutine's function and has run (`go
        // println(x)`), or asked to park (`go time.Sleep(d)`).
        if (th.parkRequested) {
          th.parkRequested = false;
          if (th.yieldRequested) {
            th.yieldRequested = false;
            return RunResult::Yield;
          }
          return RunResult::Park;
        }
        return finished(g, th);
      }
    } else if (th.numFrames() == 0) {
      return finished(g, th);  // a parked native entry was woken
    }
    if (gInterruptTarget.load(std::memory_order_relaxed) == &th) {
      // A session's interrupt (interruptGoroutine): unwind as Goexit does.
      Thread* self = &th;
      if (gInterruptTarget.compare_exchange_strong(self, nullptr) && beginGoexit(th)) {
        throw UnwindingPanic{};
      }
    }
    switch (execute(th)) {
      case ExecStatus::Returned: return finished(g, th);
      case ExecStatus::Preempted: return RunResult::Yield;
      case ExecStatus::Parked:
        if (th.yieldRequested) {
          th.yieldRequested = false;
          return RunResult::Yield;
        }
        return RunResult::Park;
    }
  } catch (const UnwindingPanic&) {
    if (th.panic != nullptr && th.panic->goexit) {
      th.panic = nullptr;
      if (isMainGoroutine(g)) {
        // The other goroutines go on; main waits forever (a Go program
        // then ends when they deadlock or one of them exits).
        gMainGoexited.store(true);
        th.g = nullptr;
        runtime::preparePark(g, runtime::WaitReason::None, nullptr, nullptr);
        return RunResult::Park;
      }
      return finished(g, th);
    }
    panicExit(th);
    return finished(g, th, true);
  } catch (const GoPanic& p) {
    nativePanicExit(th, p.value());
    return finished(g, th, true);
  } catch (const GoexitRequest&) {
    return finished(g, th);
  } catch (const ExitRequest& e) {
    exitNow(e.code);
  }
  return RunResult::Exit;
}

// ---- Deadlock report ----------------------------------------------------------------

// Finds the channels a goroutine can reach from its frames (registers,
// closures, deferred calls), following struct fields, array and slice
// elements, map entries, pointers, closure captures and channel buffers.
// Defensive: it is run on a quiescent heap, but a register may hold a
// variable's cell, whose header names the variable's type, so an object is
// read as that type's layout only if its allocation is large enough (a
// cell is 16 bytes: a header and one Value, which is read as such).
// Bounded: the finders of one report share a budget of objects to visit;
// past it they stop and say so.
class ChannelFinder {
 public:
  explicit ChannelFinder(size_t* budget) : budget_(budget) {}

  void visitValue(Value v) {
    if (v.isRef()) {
      visitObject(v.refTarget());
    } else if (v.isObject()) {
      visitObject(v.asObject());
    }
  }

  void visitValues(const Value* vs, size_t n) {
    for (size_t i = 0; i < n; i++) visitValue(vs[i]);
  }

  void visitThread(Thread& th) {
    uint32_t top = std::min(th.frameTop(), th.stackSize());
    visitValues(th.stack(), top);
    for (uint32_t i = 0; i < th.numFrames(); i++) {
      Frame& f = th.frameAt(i);
      visitObject(f.fn);
      for (DeferRecord* d = f.defers; d != nullptr; d = d->next) {
        visitValue(d->fn);
        visitValues(d->args(), d->nargs);
      }
    }
  }

  bool found(const runtime::Channel* c) const { return channels_.count(c) > 0; }
  bool exhausted() const { return exhausted_; }

 private:
  void visitObject(const Object* o) {
    if (o == nullptr || seen_.count(o)) return;
    size_t size = heapObjectSize(o);
    if (size == 0) return;
    if (*budget_ == 0) {
      exhausted_ = true;
      return;
    }
    --*budget_;
    seen_.insert(o);
    const Type* t = o->type;
    auto asCell = [&] {
      if (size >= 2 * sizeof(Value)) visitValue(reinterpret_cast<const Value*>(o)[1]);
    };
    if (t == nullptr) return asCell();
    switch (t->kind) {
      case Kind::Chan: {
        if (size < sizeof(runtime::Channel)) return asCell();
        auto* c = static_cast<const runtime::Channel*>(o);
        channels_.insert(c);
        if (c->buf != nullptr) visitValues(c->buf, static_cast<size_t>(c->cap));
        return;
      }
      case Kind::Struct: {
        size_t n = t->fields.size();
        if (size < sizeof(StructObj) + n * sizeof(Value)) return asCell();
        visitValues(static_cast<const StructObj*>(o)->fields(), n);
        return;
      }
      case Kind::Array: {
        auto* a = static_cast<const ArrayObj*>(o);
        if (size < sizeof(ArrayObj) || isByteElem(t->elem)) return asCell();
        if (size < sizeof(ArrayObj) + static_cast<size_t>(t->len) * sizeof(Value)) return asCell();
        visitValues(a->elems(), static_cast<size_t>(t->len));
        return;
      }
      case Kind::Slice: {
        if (size < sizeof(SliceObj)) return asCell();
        auto* s = static_cast<const SliceObj*>(o);
        if (s->byteElems || s->elems == nullptr || s->len <= 0) return;
        if (heapObjectSize(s->data) == 0) return;
        visitValues(s->elems, static_cast<size_t>(s->len));
        return;
      }
      case Kind::Func: {
        if (size < sizeof(FuncObj)) return asCell();
        auto* f = static_cast<const FuncObj*>(o);
        if (f->hasBound) visitValue(f->bound);
        if (size >= sizeof(FuncObj) + f->ncaptures * sizeof(Value)) visitValues(f->captures(), f->ncaptures);
        return;
      }
      case Kind::Pointer: {
        if (size < sizeof(PointerObj)) return asCell();
        auto* p = static_cast<const PointerObj*>(o);
        if (!p->byteSlot && p->slot != nullptr) visitValue(*p->slot);
        return;
      }
      case Kind::Map: {
        if (size < sizeof(MapObj)) return asCell();
        MapIter it;
        mapIterInit(it, Value::object(o));
        Value k, v;
        while (mapIterNext(it, &k, &v)) {
          visitValue(k);
          visitValue(v);
        }
        return;
      }
      case Kind::Interface:
        return asCell();
      default:
        // Basic kinds: a box or a string holds no channel; a 16-byte
        // object may also be a cell of a basic type, whose one Value is read.
        if (size == 2 * sizeof(Value)) asCell();
        return;
    }
  }

  size_t* budget_;
  bool exhausted_ = false;
  std::unordered_set<const Object*> seen_;
  std::unordered_set<const runtime::Channel*> channels_;
};

std::string channelSite(const runtime::Channel* c) {
  if (c->siteFile.empty()) return "a channel";
  if (c->siteLine == 0) return "the channel " + std::string(c->siteFile);  // made by a native
  return "channel made at " + std::string(c->siteFile) + ":" + std::to_string(c->siteLine);
}

struct Blocked {
  G* g;
  Thread* th;
  runtime::WaitReason reason;
};

// "goroutine 7 waits to receive on channel made at prog.gsl:12; no other
// goroutine holds it" for each blocked goroutine (at most kMaxExplained).
std::string explainDeadlock(const std::vector<Blocked>& blocked, ProgramState* program) {
  constexpr size_t kMaxExplained = 100;
  // Objects visited in all: the search is linear in what it visits, and a
  // deadlock report should take well under a second.
  size_t budget = 2000000;
  std::vector<ChannelFinder> finders;
  finders.reserve(blocked.size());
  size_t analysed = std::min(blocked.size(), kMaxExplained);
  // Every goroutine's reach is needed to say who holds a channel; past a
  // few thousand goroutines that costs too much and holders are not named.
  bool findHolders = blocked.size() <= 2000;
  ChannelFinder globals(&budget);
  if (program != nullptr && program->globals != nullptr) {
    globals.visitValues(program->globals, program->numGlobals);
  }
  if (findHolders) {
    for (const Blocked& b : blocked) {
      finders.emplace_back(&budget);
      finders.back().visitThread(*b.th);
    }
  }
  std::string out;
  for (size_t i = 0; i < analysed; i++) {
    const Blocked& b = blocked[i];
    std::string who = "goroutine " + std::to_string(b.g->id.load(std::memory_order_relaxed));
    std::vector<const runtime::Channel*> chans;
    std::string what;
    switch (b.reason) {
      case runtime::WaitReason::ChanReceive:
      case runtime::WaitReason::ChanSend: {
        auto* c = static_cast<const runtime::Channel*>(b.g->waiter.object);
        if (c != nullptr) chans.push_back(c);
        what = std::string(b.reason == runtime::WaitReason::ChanReceive ? " waits to receive on "
                                                                         : " waits to send on ") +
               (c != nullptr ? channelSite(c) : "a channel");
        break;
      }
      case runtime::WaitReason::ChanReceiveNilChan:
        out += who + " waits to receive from a nil channel, which never delivers\n";
        continue;
      case runtime::WaitReason::ChanSendNilChan:
        out += who + " waits to send on a nil channel, which never accepts\n";
        continue;
      case runtime::WaitReason::SelectNoCases:
        out += who + " waits in select {}, which never proceeds\n";
        continue;
      case runtime::WaitReason::Select: {
        runtime::Channel* cs[64];
        int32_t n = runtime::selectWaitingOn(b.g, cs, 64);
        if (n == 0) {
          out += who + " waits in a select whose channels are all nil, which never proceeds\n";
          continue;
        }
        for (int32_t k = 0; k < n; k++) {
          if (std::find(chans.begin(), chans.end(), cs[k]) == chans.end()) chans.push_back(cs[k]);
        }
        if (chans.size() == 1) {
          what = " waits in select on " + channelSite(chans[0]);
          break;
        }
        // "channels made at a.gsl:4, a.gsl:5"
        what = " waits in select on channels made at ";
        for (size_t k = 0; k < chans.size(); k++) {
          if (k > 0) what += ", ";
          if (chans[k]->siteFile.empty() || chans[k]->siteLine == 0) {
            what += chans[k]->siteFile.empty() ? "?" : std::string(chans[k]->siteFile);
          } else {
            what += std::string(chans[k]->siteFile) + ":" + std::to_string(chans[k]->siteLine);
          }
        }
        break;
      }
      default:
        out += who + " is blocked (" + runtime::waitReasonString(b.reason) + ")\n";
        continue;
    }
    bool many = chans.size() > 1;
    std::string holders;
    int nholders = 0;
    bool viaGlobals = false;
    bool unsure = false;
    for (const runtime::Channel* c : chans) {
      if (globals.found(c)) viaGlobals = true;
    }
    if (globals.exhausted()) unsure = true;
    if (findHolders) {
      for (size_t k = 0; k < blocked.size(); k++) {
        if (k == i) continue;
        if (finders[k].exhausted()) unsure = true;
        bool holds = false;
        for (const runtime::Channel* c : chans) holds = holds || finders[k].found(c);
        if (!holds) continue;
        if (nholders < 5) {
          if (nholders > 0) holders += ", ";
          holders += std::to_string(blocked[k].g->id.load(std::memory_order_relaxed)) + " [" +
                     runtime::waitReasonString(blocked[k].reason) + "]";
        }
        nholders++;
      }
    }
    out += who + what;
    if (!findHolders) {
      out += "\n";
    } else if (nholders > 0) {
      out += "; goroutine" + std::string(nholders > 1 ? "s " : " ") + holders;
      if (nholders > 5) out += " and " + std::to_string(nholders - 5) + " more";
      out += nholders > 1 ? " also hold " : " also holds ";
      out += many ? "them" : "it";
      out += nholders > 1 ? ", but are blocked too\n" : ", but is blocked too\n";
    } else if (viaGlobals) {
      out += "; package-level variables hold " + std::string(many ? "them" : "it") +
             ", but every goroutine is blocked\n";
    } else if (unsure) {
      out += "; no other goroutine was found to hold " + std::string(many ? "them" : "it") +
             " (the search stopped early)\n";
    } else {
      out += "; no other goroutine holds " + std::string(many ? "them" : "it") + "\n";
    }
  }
  if (blocked.size() > analysed) {
    out += "... and " + std::to_string(blocked.size() - analysed) + " more blocked goroutines\n";
  }
  return out;
}

void collectG(G* g, void* ctx) { static_cast<std::vector<G*>*>(ctx)->push_back(g); }

void onDeadlock() {
  std::vector<G*> gs;
  runtime::forEachG(collectG, &gs);
  std::vector<Blocked> blocked;
  ProgramState* program = nullptr;
  bool mainGone = gMainGoexited.load();
  for (G* g : gs) {
    auto* th = static_cast<Thread*>(g->task);
    if (th == nullptr) continue;
    if (mainGone && isMainGoroutine(g)) continue;
    if (gSession != nullptr && isMainGoroutine(g)) continue;  // the session's keeper
    program = th->program();
    blocked.push_back({g, th, runtime::readWaitReason(g)});
  }
  if (mainGone && blocked.empty()) {
    writeStderr("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n");
    return;
  }
  // A session (the REPL) goes on after its input deadlocked.
  std::string out = gSession != nullptr ? "deadlock: the input waits forever: all goroutines are asleep\n"
                                        : "fatal error: all goroutines are asleep - deadlock!\n";
  for (const Blocked& b : blocked) {
    out += "\n" + runtime::goroutineHeader(b.g) + "\n" + goroutineTrace(*b.th);
  }
  out += "\n" + explainDeadlock(blocked, program);
  writeStderr(out);
}

// A fatal error (vm::fatalError: concurrent map writes, ...) prints the
// goroutine that hit it, as Go does; the others may be running.
void onFatal(std::string_view) {
  Thread* th = currentThread();
  if (th == nullptr) return;
  std::string out = "\ngoroutine " + std::to_string(goroutineId(*th)) + " [running]:\n" + goroutineTrace(*th);
  std::fwrite(out.data(), 1, out.size(), stderr);
}

void registerThread() { heapRegisterThread(); }
void unregisterThread() { heapUnregisterThread(); }
void* allocPinned(size_t bytes) { return allocRoot(bytes); }
void freePinned(void* p) { freeRoot(p); }
void writeTrace(const char* text, size_t len) { writeStderr(std::string_view(text, len)); }

}  // namespace

Thread* newThread(ProgramState* program, uint32_t initialRegisters, uint32_t initialFrames) {
  return new (allocObject(sizeof(Thread))) Thread(program, initialRegisters, initialFrames);
}

int runGoroutines(Thread* main) {
  installChanHooks();
  setFatalHandler(onFatal);
  runtime::Hooks hooks;
  hooks.run = runGoroutine;
  hooks.onDeadlock = onDeadlock;
  hooks.threadStart = registerThread;
  hooks.threadExit = unregisterThread;
  hooks.allocPinned = allocPinned;
  hooks.freePinned = freePinned;
  hooks.writeTrace = writeTrace;
  runtime::setHooks(hooks);
  return runtime::runMain(main, runtime::Config::fromEnvironment());
}

void spawnGoroutine(Thread& th, uint32_t slot, uint32_t nargs, bool spread) {
  Value fn = th.stack()[slot];
  if (!fn.isObject() || fn.asObject()->type->kind != Kind::Func) fatalError("go of nil func value");
  // A parked goroutine should cost well under 1 KiB (DESIGN §3): start with
  // just the registers the first call needs (the function's, the function
  // value's slot and one spare) and two frames; both grow on demand. An
  // odd register count fills the collector's size class exactly (it adds a
  // byte to every object for interior pointers).
  const Proto* p = static_cast<FuncObj*>(fn.asObject())->proto;
  uint32_t regs = std::max<uint32_t>(p != nullptr ? p->maxRegs + 2u : 0u, nargs + 3u) | 1u;
  Thread* nt = newThread(th.program(), regs, 2);
  nt->ensureStack(static_cast<uint64_t>(nargs) + 2);
  Value* src = th.stack() + slot;
  Value* dst = nt->stack();
  for (uint32_t i = 0; i <= nargs; i++) dst[i] = src[i];
  nt->startPending = true;
  nt->startArgs = nargs;
  nt->startSpread = spread;
  for (uint32_t i = th.numFrames(); i-- > 0;) {
    Frame& f = th.frameAt(i);
    if (f.proto == nullptr || f.proto->hideInTrace) continue;
    nt->creatorProto = f.proto;
    nt->creatorLine = f.proto->lineAt(f.currentPc());
    break;
  }
  nt->creatorGoid = goroutineId(th);
  runtime::spawn(nt);
}

G* goroutineOf(const Thread& th) { return th.g != nullptr ? th.g : runtime::currentG(); }

uint64_t goroutineId(const Thread& th) {
  G* g = goroutineOf(th);
  return g != nullptr ? g->id.load(std::memory_order_relaxed) : 1;
}

std::string createdByText(const Thread& th) {
  if (th.creatorProto == nullptr) return "";
  return "created by " + th.creatorProto->name + " in goroutine " + std::to_string(th.creatorGoid) +
         "\n\t" + std::string(th.creatorProto->file) + ":" + std::to_string(th.creatorLine) + "\n";
}

std::string goroutineTrace(Thread& th) {
  std::string out;
  uint32_t n = th.numFrames();
  for (uint32_t i = n; i-- > 0;) {
    Frame& f = th.frameAt(i);
    if (f.proto == nullptr || f.proto->hideInTrace) continue;
    out += tracebackName(f.proto);
    out += "\n\t";
    out += std::string(f.proto->file);
    out += ":" + std::to_string(frameLine(f, th.blockedOp && i == n - 1)) + "\n";
  }
  return out + createdByText(th);
}

bool beginGoexit(Thread& th) {
  auto* p = static_cast<PanicRecord*>(allocObject(sizeof(PanicRecord)));
  new (p) PanicRecord();
  p->goexit = true;
  p->link = th.panic;
  th.panic = p;
  return unwindPanic(th);
}

void setSessionHooks(const SessionHooks* hooks) { gSession = hooks; }

void interruptGoroutine(Thread* th, G* g) {
  gInterruptTarget.store(th);
  if (g != nullptr) g->preempt.store(true, std::memory_order_relaxed);
}

void cancelInterrupt() { gInterruptTarget.store(nullptr); }

void exitNow(int code) {
  std::fflush(stdout);
  std::fflush(stderr);
  // _Exit: other goroutines may be running on other threads; nothing of
  // the program may run after this point (no static destructors either).
  std::_Exit(code);
}

}  // namespace gsl::vm
