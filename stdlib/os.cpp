// stdlib/os.cpp: package os (Args, Exit, Getenv, LookupEnv, Setenv,
// Unsetenv, Environ, Getpid, Stdin, Stdout, Stderr and the *os.File
// methods they need), and the file-descriptor writes fmt shares
// (os_file.h).
//
// os.File is struct{fd int; name string}; the three standard files are
// created once and are the same pointer values for every import.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "vm/engine.h"
#include "stdlib/os_file.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

extern char** environ;

namespace gsl::stdlib {
namespace {

using vm::Value;

// ---- *os.File ------------------------------------------------------------------

vm::StructObj* fileSelf(const Value* args) { return receiverStruct(args); }

int fileFd(const Value* args) { return static_cast<int>(vm::toInt64(fileSelf(args)->fields()[0])); }

std::string fileName(const Value* args) {
  return std::string(vm::stringView(fileSelf(args)->fields()[1]));
}

// A *PathError-like message: "write /dev/stdout: bad file descriptor".
Value ioError(const char* op, const std::string& name, int err) {
  return newError(std::string(op) + " " + name + ": " + std::strerror(err));
}

int fileWriteBytes(const Value* args, std::string_view s, Value* out) {
  WriteResult r = writeFd(fileFd(args), s);
  out[0] = vm::makeInt(static_cast<int64_t>(r.n));
  out[1] = r.err ? ioError("write", fileName(args), r.err) : Value();
  return 2;
}

int fileWrite(vm::Thread&, const Value* args, int nargs, Value* out) {
  return fileWriteBytes(args, bytesOf(arg(args, nargs, 1)), out);
}

int fileWriteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  return fileWriteBytes(args, argString(args, nargs, 1), out);
}

int fileRead(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value b = arg(args, nargs, 1);
  requireByteSlice(b);
  SliceView dst = sliceView(b);
  if (dst.len == 0) {
    out[0] = vm::makeInt(0);
    out[1] = Value();
    return 2;
  }
  std::string buf(static_cast<size_t>(dst.len), '\0');
  flushStdout();
  ssize_t n;
  do {
    n = ::read(fileFd(args), buf.data(), buf.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    out[0] = vm::makeInt(0);
    out[1] = ioError("read", fileName(args), errno);
    return 2;
  }
  if (n == 0) {
    out[0] = vm::makeInt(0);
    out[1] = eofError();
    return 2;
  }
  const vm::Type* elem = vm::typeOf(b)->elem;
  for (ssize_t i = 0; i < n; i++) {
    dst.data[i] = vm::makeIntOfType(elem, static_cast<uint64_t>(static_cast<uint8_t>(buf[static_cast<size_t>(i)])));
  }
  out[0] = vm::makeInt(n);
  out[1] = Value();
  return 2;
}

int fileClose(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* f = fileSelf(args);
  int fd = static_cast<int>(vm::toInt64(f->fields()[0]));
  if (fd < 0 || ::close(fd) != 0) {
    out[0] = newError("close " + fileName(args) + ": file already closed");
    return 1;
  }
  f->fields()[0] = vm::makeInt(-1);
  out[0] = Value();
  return 1;
}

int fileName_(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(fileName(args));
  return 1;
}

int fileFdMethod(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeIntOfType(vm::types::uintptrType(), static_cast<int64_t>(fileFd(args)));
  return 1;
}

Value standardFile(int fd) {
  static Value* files = [] {
    auto* slots = static_cast<Value*>(vm::allocRoot(3 * sizeof(Value)));
    const char* names[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    for (int i = 0; i < 3; i++) {
      vm::StructObj* f = vm::newStruct(fileType());
      f->fields()[0] = vm::makeInt(i);
      f->fields()[1] = vm::makeString(names[i]);
      slots[i] = Value::ref(f);
    }
    return slots;
  }();
  return files[fd];
}

// ---- Natives --------------------------------------------------------------------

int nativeExit(vm::Thread&, const Value* args, int nargs, Value*) {
  throw vm::ExitRequest{static_cast<int>(argInt(args, nargs, 0))};
}

// The environment is shared by all goroutines: getenv/setenv are not
// thread-safe against each other, so they are serialised here.
std::mutex& envMutex() {
  static std::mutex m;
  return m;
}

int nativeGetenv(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string key(argString(args, nargs, 0));
  std::lock_guard<std::mutex> lock(envMutex());
  const char* v = std::getenv(key.c_str());
  out[0] = vm::makeString(v ? v : "");
  return 1;
}

int nativeLookupEnv(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string key(argString(args, nargs, 0));
  std::lock_guard<std::mutex> lock(envMutex());
  const char* v = std::getenv(key.c_str());
  out[0] = vm::makeString(v ? v : "");
  out[1] = vm::makeBool(v != nullptr);
  return 2;
}

int nativeSetenv(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string key(argString(args, nargs, 0));
  std::string value(argString(args, nargs, 1));
  if (key.empty() || key.find('=') != std::string::npos || key.find('\0') != std::string::npos ||
      value.find('\0') != std::string::npos) {
    out[0] = newError("setenv: invalid argument");
    return 1;
  }
  std::lock_guard<std::mutex> lock(envMutex());
  ::setenv(key.c_str(), value.c_str(), 1);
  out[0] = Value();
  return 1;
}

int nativeUnsetenv(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string key(argString(args, nargs, 0));
  std::lock_guard<std::mutex> lock(envMutex());
  ::unsetenv(key.c_str());
  out[0] = Value();
  return 1;
}

int nativeEnviron(vm::Thread&, const Value*, int, Value* out) {
  std::vector<std::string> copies;
  {
    std::lock_guard<std::mutex> lock(envMutex());
    for (char** e = environ; e && *e; e++) copies.emplace_back(*e);
  }
  std::vector<std::string_view> views(copies.begin(), copies.end());
  out[0] = makeStringSlice(views);
  return 1;
}

int nativeGetpid(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeInt(::getpid());
  return 1;
}

// The portable file errors (io/fs's ErrNotExist and friends), one value each.
template <const char* Msg>
Value sentinelError() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newError(Msg);
    return s;
  }();
  return *slot;
}
constexpr char kErrInvalid[] = "invalid argument";
constexpr char kErrPermission[] = "permission denied";
constexpr char kErrExist[] = "file already exists";
constexpr char kErrNotExist[] = "file does not exist";
constexpr char kErrClosed[] = "file already closed";

Value makeArgs() {
  const std::vector<std::string>& args = vm::programArgs();
  std::vector<std::string_view> views(args.begin(), args.end());
  return makeStringSlice(views);
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "os",
      "os",
      {
          funcMember("Exit", nativeExit),
          funcMember("Getenv", nativeGetenv),
          funcMember("LookupEnv", nativeLookupEnv),
          funcMember("Setenv", nativeSetenv),
          funcMember("Unsetenv", nativeUnsetenv),
          funcMember("Environ", nativeEnviron),
          funcMember("Getpid", nativeGetpid),
          varMember("Args", makeArgs),
          varMember("ErrInvalid", sentinelError<kErrInvalid>),
          varMember("ErrPermission", sentinelError<kErrPermission>),
          varMember("ErrExist", sentinelError<kErrExist>),
          varMember("ErrNotExist", sentinelError<kErrNotExist>),
          varMember("ErrClosed", sentinelError<kErrClosed>),
          varMember("Stdin", [] { return standardFile(0); }),
          varMember("Stdout", [] { return standardFile(1); }),
          varMember("Stderr", [] { return standardFile(2); }),
          typeMember("File", fileType),
      },
  });
  return true;
}();

}  // namespace


const vm::Type* fileType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("os", "File",
                                   {field("fd", vm::types::intType()),
                                    field("name", vm::types::stringType())});
    defineMethod(named, "Write", fileWrite, true);
    defineMethod(named, "WriteString", fileWriteString, true);
    defineMethod(named, "Read", fileRead, true);
    defineMethod(named, "Close", fileClose, true);
    defineMethod(named, "Name", fileName_, true);
    defineMethod(named, "Fd", fileFdMethod, true);
    return named;
  }();
  return t;
}

std::optional<int> fileDescriptor(Value v) {
  if (!v.isRef() || v.refTarget()->type != fileType()) return std::nullopt;
  return static_cast<int>(vm::toInt64(static_cast<vm::StructObj*>(v.refTarget())->fields()[0]));
}

void flushStdout() { std::fflush(stdout); }

WriteResult writeFd(int fd, std::string_view s) {
  WriteResult r;
  if (fd == 1) {
    static const bool tty = ::isatty(1) != 0;
    r.n = std::fwrite(s.data(), 1, s.size(), stdout);
    if (r.n < s.size()) r.err = errno ? errno : EIO;
    if (tty) std::fflush(stdout);
    return r;
  }
  std::fflush(stdout);
  while (r.n < s.size()) {
    ssize_t k = ::write(fd, s.data() + r.n, s.size() - r.n);
    if (k < 0) {
      if (errno == EINTR) continue;
      r.err = errno;
      break;
    }
    r.n += static_cast<size_t>(k);
  }
  return r;
}

void writeTo(vm::Thread& th, Value w, std::string_view s, Value* out) {
  if (auto fd = fileDescriptor(w)) {
    WriteResult r = writeFd(*fd, s);
    out[0] = vm::makeInt(static_cast<int64_t>(r.n));
    out[1] = r.err ? newError(std::string("write: ") + std::strerror(r.err)) : Value();
    return;
  }
  auto m = findMethod(w, "Write");
  if (!m) {
    if (w.isNil()) vm::throwNilDereference();
    vm::throwPanic(vm::makeString("fmt: writer has no Write method"));
  }
  Value bytes = makeByteSlice(s);
  Value res[vm::kMaxNativeResults];
  int n = callMethodN(th, *m, &bytes, 1, res, vm::kMaxNativeResults);
  out[0] = n > 0 ? res[0] : vm::makeInt(0);
  out[1] = n > 1 ? res[1] : Value();
}

}  // namespace gsl::stdlib
