// stdlib/log.cpp: package log (Go 1.19): the standard logger and *Logger
// values, with Go's header format (prefix, date, time, microseconds,
// file:line, UTC, Lmsgprefix).
//
// Contract: every log call builds its whole line first and hands it to the
// destination writer in one Write call, as Go's Output does, so lines from
// concurrent goroutines never interleave.
//
// Invariants and locking: a Logger is a native struct whose fields (prefix,
// flag, out) are read and written only while holding that Logger's lock, a
// std::mutex found in gLocks by the struct's address (created on first use,
// never freed: a later Logger at a reused address simply reuses it). The
// lock is held across the Write call, as Go's Logger.mu is, so writes to a
// shared bytes.Buffer are serialised. A goroutine that finds the lock taken
// waits for it inside enterSyscall/exitSyscall, so that its P keeps running
// other goroutines meanwhile (the holder may be waiting on one of them).
// gLocksMu protects only the gLocks table.
#include <sys/time.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "runtime/sched.h"
#include "stdlib/fmt_printer.h"
#include "stdlib/io_support.h"
#include "stdlib/io_types.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "stdlib/script_caller.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"
#include "vm/type.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// Go's flag constants.
constexpr int64_t kLdate = 1;
constexpr int64_t kLtime = 2;
constexpr int64_t kLmicroseconds = 4;
constexpr int64_t kLlongfile = 8;
constexpr int64_t kLshortfile = 16;
constexpr int64_t kLUTC = 32;
constexpr int64_t kLmsgprefix = 64;
constexpr int64_t kLstdFlags = kLdate | kLtime;

enum LoggerField { kPrefix, kFlag, kOut };

// ---- Locks -------------------------------------------------------------------

std::mutex gLocksMu;
std::unordered_map<const vm::StructObj*, std::unique_ptr<std::mutex>> gLocks;

std::mutex& lockOf(const vm::StructObj* l) {
  std::lock_guard<std::mutex> guard(gLocksMu);
  std::unique_ptr<std::mutex>& m = gLocks[l];
  if (!m) m = std::make_unique<std::mutex>();
  return *m;
}

// Holds a Logger's lock for a scope; waits for it with the P handed off.
class LoggerLock {
 public:
  explicit LoggerLock(const vm::StructObj* l) : mu_(lockOf(l)) {
    if (mu_.try_lock()) return;
    if (runtime::currentG() == nullptr) {
      mu_.lock();
      return;
    }
    runtime::enterSyscall();
    mu_.lock();
    runtime::exitSyscall();
  }
  ~LoggerLock() { mu_.unlock(); }
  LoggerLock(const LoggerLock&) = delete;
  LoggerLock& operator=(const LoggerLock&) = delete;

 private:
  std::mutex& mu_;
};

// ---- Types and the standard logger ------------------------------------------

const vm::Type* loggerType();

vm::StructObj* newLogger(Value out, std::string_view prefix, int64_t flag) {
  vm::StructObj* o = vm::newStruct(loggerType());
  o->fields()[kPrefix] = vm::makeString(prefix);
  o->fields()[kFlag] = vm::makeInt(flag);
  o->fields()[kOut] = out;
  return o;
}

vm::StructObj* stdLogger() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = Value::ref(newLogger(standardFile(2), "", kLstdFlags));
    return s;
  }();
  return static_cast<vm::StructObj*>(slot->refTarget());
}

// ---- Formatting --------------------------------------------------------------

// Go's itoa: i in decimal, zero-padded to wid digits (wid < 1: no padding).
void appendInt(std::string& buf, int64_t i, int wid) {
  std::string digits = std::to_string(i);
  for (int n = static_cast<int>(digits.size()); n < wid; ++n) buf += '0';
  buf += digits;
}

// Go's formatHeader.
void appendHeader(std::string& buf, std::string_view prefix, int64_t flag, const timeval& now,
                  std::string_view file, int64_t line) {
  if ((flag & kLmsgprefix) == 0) buf += prefix;
  if ((flag & (kLdate | kLtime | kLmicroseconds)) != 0) {
    std::tm tm{};
    time_t secs = now.tv_sec;
    if ((flag & kLUTC) != 0) {
      gmtime_r(&secs, &tm);
    } else {
      localtime_r(&secs, &tm);
    }
    if ((flag & kLdate) != 0) {
      appendInt(buf, tm.tm_year + 1900, 4);
      buf += '/';
      appendInt(buf, tm.tm_mon + 1, 2);
      buf += '/';
      appendInt(buf, tm.tm_mday, 2);
      buf += ' ';
    }
    if ((flag & (kLtime | kLmicroseconds)) != 0) {
      appendInt(buf, tm.tm_hour, 2);
      buf += ':';
      appendInt(buf, tm.tm_min, 2);
      buf += ':';
      appendInt(buf, tm.tm_sec, 2);
      if ((flag & kLmicroseconds) != 0) {
        buf += '.';
        appendInt(buf, now.tv_usec, 6);
      }
      buf += ' ';
    }
  }
  if ((flag & (kLshortfile | kLlongfile)) != 0) {
    if ((flag & kLshortfile) != 0) {
      size_t slash = file.find_last_of('/');
      if (slash != std::string_view::npos) file = file.substr(slash + 1);
    }
    buf += file;
    buf += ':';
    appendInt(buf, line, -1);
    buf += ": ";
  }
  if ((flag & kLmsgprefix) != 0) buf += prefix;
}

// The file and line of the script frame `depth` frames out from the
// innermost one (the script function that called the native): Go's
// runtime.Caller as Output uses it. "???" and 0 when there is none.
void callerAt(vm::Thread& th, int64_t depth, bool longName, std::string& file, int64_t& line) {
  file = "???";
  line = 0;
  if (depth < 0) return;
  forEachScriptFrame(th, [&](const vm::Proto& proto, int32_t at) {
    if (depth-- > 0) return true;
    file = std::string(proto.file);
    line = at;
    return false;
  });
  if (longName && file != "???") {
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(file, ec);
    if (!ec) file = abs.lexically_normal().string();
  }
}

// Go's Output: `depth` counts script frames out from the native's caller.
// Returns the writer's error.
Value output(vm::Thread& th, vm::StructObj* l, int64_t depth, std::string_view s) {
  timeval now{};
  gettimeofday(&now, nullptr);
  int64_t flag;
  {
    LoggerLock lock(l);
    flag = vm::toInt64(l->fields()[kFlag]);
  }
  std::string file;
  int64_t line = 0;
  if ((flag & (kLshortfile | kLlongfile)) != 0) {
    callerAt(th, depth, (flag & kLshortfile) == 0, file, line);
  }
  LoggerLock lock(l);
  flag = vm::toInt64(l->fields()[kFlag]);
  std::string buf;
  appendHeader(buf, vm::stringView(l->fields()[kPrefix]), flag, now, file, line);
  buf += s;
  if (s.empty() || s.back() != '\n') buf += '\n';
  Value out = l->fields()[kOut];
  return writeString(th, out, buf).err;
}

bool isDiscard(vm::StructObj* l) {
  LoggerLock lock(l);
  Value out = l->fields()[kOut];
  return !out.isNil() && vm::typeOf(out) == vm::typeOf(ioDiscard());
}

// ---- Print, Fatal, Panic -----------------------------------------------------

enum class Mode { Print, Println, Printf };
enum class Then { Return, Exit, Panic };

std::string format(vm::Thread& th, Mode mode, const Value* args, int nargs) {
  fmt::Printer p(th);
  switch (mode) {
    case Mode::Print:
      p.doPrint(args, nargs);
      break;
    case Mode::Println:
      p.doPrintln(args, nargs);
      break;
    case Mode::Printf:
      p.doPrintf(argString(args, nargs, 0), args + 1, nargs > 0 ? nargs - 1 : 0);
      break;
  }
  return p.buf();
}

void logThen(vm::Thread& th, vm::StructObj* l, Mode mode, Then then, const Value* args, int nargs) {
  if (then == Then::Return && isDiscard(l)) return;
  std::string s = format(th, mode, args, nargs);
  output(th, l, 0, s);
  if (then == Then::Exit) throw vm::ExitRequest{1};
  if (then == Then::Panic) vm::throwPanic(vm::makeString(s));
}

template <Mode M, Then T>
int nLog(vm::Thread& th, const Value* args, int nargs, Value*) {
  logThen(th, stdLogger(), M, T, args, nargs);
  return 0;
}

template <Mode M, Then T>
int mLog(vm::Thread& th, const Value* args, int nargs, Value*) {
  vm::StructObj* l = receiverStruct(args);
  logThen(th, l, M, T, args + 1, nargs - 1);
  return 0;
}

// ---- Accessors ----------------------------------------------------------------

int flagsOf(vm::StructObj* l, Value* out) {
  LoggerLock lock(l);
  out[0] = vm::makeInt(vm::toInt64(l->fields()[kFlag]));
  return 1;
}
int setFlagsOf(vm::StructObj* l, int64_t flag) {
  LoggerLock lock(l);
  l->fields()[kFlag] = vm::makeInt(flag);
  return 0;
}
int prefixOf(vm::StructObj* l, Value* out) {
  LoggerLock lock(l);
  out[0] = vm::makeString(vm::stringView(l->fields()[kPrefix]));
  return 1;
}
int setPrefixOf(vm::StructObj* l, std::string_view prefix) {
  LoggerLock lock(l);
  l->fields()[kPrefix] = vm::makeString(prefix);
  return 0;
}
int writerOf(vm::StructObj* l, Value* out) {
  LoggerLock lock(l);
  out[0] = l->fields()[kOut];
  return 1;
}
int setOutputOf(vm::StructObj* l, Value w) {
  LoggerLock lock(l);
  l->fields()[kOut] = w;
  return 0;
}
int outputOf(vm::Thread& th, vm::StructObj* l, const Value* args, int nargs, Value* out) {
  // Output(calldepth, s): calldepth 1 is the caller of Output, the
  // innermost script frame.
  out[0] = output(th, l, argInt(args, nargs, 0) - 1, argString(args, nargs, 1));
  return 1;
}

int nFlags(vm::Thread&, const Value*, int, Value* out) { return flagsOf(stdLogger(), out); }
int nSetFlags(vm::Thread&, const Value* args, int nargs, Value*) {
  return setFlagsOf(stdLogger(), argInt(args, nargs, 0));
}
int nPrefix(vm::Thread&, const Value*, int, Value* out) { return prefixOf(stdLogger(), out); }
int nSetPrefix(vm::Thread&, const Value* args, int nargs, Value*) {
  return setPrefixOf(stdLogger(), argString(args, nargs, 0));
}
int nWriter(vm::Thread&, const Value*, int, Value* out) { return writerOf(stdLogger(), out); }
int nSetOutput(vm::Thread&, const Value* args, int nargs, Value*) {
  return setOutputOf(stdLogger(), arg(args, nargs, 0));
}
int nOutput(vm::Thread& th, const Value* args, int nargs, Value* out) {
  return outputOf(th, stdLogger(), args, nargs, out);
}
int nDefault(vm::Thread&, const Value*, int, Value* out) {
  out[0] = Value::ref(stdLogger());
  return 1;
}
int nNew(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = Value::ref(newLogger(arg(args, nargs, 0), argString(args, nargs, 1), argInt(args, nargs, 2)));
  return 1;
}

int mFlags(vm::Thread&, const Value* args, int, Value* out) { return flagsOf(receiverStruct(args), out); }
int mSetFlags(vm::Thread&, const Value* args, int nargs, Value*) {
  return setFlagsOf(receiverStruct(args), argInt(args, nargs, 1));
}
int mPrefix(vm::Thread&, const Value* args, int, Value* out) { return prefixOf(receiverStruct(args), out); }
int mSetPrefix(vm::Thread&, const Value* args, int nargs, Value*) {
  return setPrefixOf(receiverStruct(args), argString(args, nargs, 1));
}
int mWriter(vm::Thread&, const Value* args, int, Value* out) { return writerOf(receiverStruct(args), out); }
int mSetOutput(vm::Thread&, const Value* args, int nargs, Value*) {
  return setOutputOf(receiverStruct(args), arg(args, nargs, 1));
}
int mOutput(vm::Thread& th, const Value* args, int nargs, Value* out) {
  return outputOf(th, receiverStruct(args), args + 1, nargs - 1, out);
}

const vm::Type* loggerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("log", "Logger",
                                   {field("prefix", vm::types::stringType()),
                                    field("flag", vm::types::intType()),
                                    field("out", vm::types::anyType())});
    defineMethod(named, "Print", mLog<Mode::Print, Then::Return>, true);
    defineMethod(named, "Printf", mLog<Mode::Printf, Then::Return>, true);
    defineMethod(named, "Println", mLog<Mode::Println, Then::Return>, true);
    defineMethod(named, "Fatal", mLog<Mode::Print, Then::Exit>, true);
    defineMethod(named, "Fatalf", mLog<Mode::Printf, Then::Exit>, true);
    defineMethod(named, "Fatalln", mLog<Mode::Println, Then::Exit>, true);
    defineMethod(named, "Panic", mLog<Mode::Print, Then::Panic>, true);
    defineMethod(named, "Panicf", mLog<Mode::Printf, Then::Panic>, true);
    defineMethod(named, "Panicln", mLog<Mode::Println, Then::Panic>, true);
    defineMethod(named, "Flags", mFlags, true);
    defineMethod(named, "SetFlags", mSetFlags, true);
    defineMethod(named, "Prefix", mPrefix, true);
    defineMethod(named, "SetPrefix", mSetPrefix, true);
    defineMethod(named, "Writer", mWriter, true);
    defineMethod(named, "SetOutput", mSetOutput, true);
    defineMethod(named, "Output", mOutput, true);
    return named;
  }();
  return t;
}

template <int64_t V>
Value intConst() {
  return vm::makeInt(V);
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"log",
                                        "log",
                                        {
                                            typeMember("Logger", loggerType),
                                            constMember("Ldate", intConst<kLdate>),
                                            constMember("Ltime", intConst<kLtime>),
                                            constMember("Lmicroseconds", intConst<kLmicroseconds>),
                                            constMember("Llongfile", intConst<kLlongfile>),
                                            constMember("Lshortfile", intConst<kLshortfile>),
                                            constMember("LUTC", intConst<kLUTC>),
                                            constMember("Lmsgprefix", intConst<kLmsgprefix>),
                                            constMember("LstdFlags", intConst<kLstdFlags>),
                                            funcMember("Print", nLog<Mode::Print, Then::Return>),
                                            funcMember("Printf", nLog<Mode::Printf, Then::Return>),
                                            funcMember("Println", nLog<Mode::Println, Then::Return>),
                                            funcMember("Fatal", nLog<Mode::Print, Then::Exit>),
                                            funcMember("Fatalf", nLog<Mode::Printf, Then::Exit>),
                                            funcMember("Fatalln", nLog<Mode::Println, Then::Exit>),
                                            funcMember("Panic", nLog<Mode::Print, Then::Panic>),
                                            funcMember("Panicf", nLog<Mode::Printf, Then::Panic>),
                                            funcMember("Panicln", nLog<Mode::Println, Then::Panic>),
                                            funcMember("Flags", nFlags),
                                            funcMember("SetFlags", nSetFlags),
                                            funcMember("Prefix", nPrefix),
                                            funcMember("SetPrefix", nSetPrefix),
                                            funcMember("Writer", nWriter),
                                            funcMember("SetOutput", nSetOutput),
                                            funcMember("Output", nOutput),
                                            funcMember("Default", nDefault),
                                            funcMember("New", nNew),
                                        }});
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib
