// stdlib/os.cpp: package os: its member table, the environment (Getenv,
// Setenv, LookupEnv, Unsetenv, Clearenv, Environ, Expand, ExpandEnv) and the
// process (Args, Exit, Getpid, Hostname, ...). Files are in os_file.cpp,
// operations on paths in os_fs.cpp, the shared error and FileInfo values in
// fs.cpp.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/fs.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "stdlib/os_natives.h"
#include "vm/engine.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

extern char** environ;

namespace gsl::stdlib {
namespace {

using vm::Value;

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


int nativeClearenv(vm::Thread&, const Value*, int, Value*) {
  std::lock_guard<std::mutex> lock(envMutex());
  ::clearenv();
  return 0;
}

// ---- Expand ---------------------------------------------------------------------

bool isShellSpecial(char c) {
  return std::string_view("*#$@!?-0123456789").find(c) != std::string_view::npos;
}
bool isAlphaNum(char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Go's getShellName: the variable name at the start of s (just after a
// '$') and how many bytes it spans. An empty name with a non-zero width is
// bad syntax, whose bytes are dropped; an empty name of width 0 leaves the
// '$' as it is.
std::string_view shellName(std::string_view s, size_t* width) {
  if (s[0] == '{') {
    if (s.size() > 2 && isShellSpecial(s[1]) && s[2] == '}') {
      *width = 3;
      return s.substr(1, 1);
    }
    for (size_t i = 1; i < s.size(); i++) {
      if (s[i] == '}') {
        if (i == 1) {
          *width = 2;
          return {};
        }
        *width = i + 1;
        return s.substr(1, i - 1);
      }
    }
    *width = 1;
    return {};
  }
  if (isShellSpecial(s[0])) {
    *width = 1;
    return s.substr(0, 1);
  }
  size_t i = 0;
  while (i < s.size() && isAlphaNum(s[i])) i++;
  *width = i;
  return s.substr(0, i);
}

// os.Expand with a mapping given as a C++ callable.
template <typename Mapping>
std::string expand(std::string_view s, Mapping&& mapping) {
  std::string out;
  size_t i = 0;
  for (size_t j = 0; j < s.size(); j++) {
    if (s[j] != '$' || j + 1 >= s.size()) continue;
    out.append(s.substr(i, j - i));
    size_t w = 0;
    std::string_view name = shellName(s.substr(j + 1), &w);
    if (name.empty() && w > 0) {
      // Bad syntax: the characters are dropped.
    } else if (name.empty()) {
      out += '$';
    } else {
      out += mapping(name);
    }
    j += w;
    i = j + 1;
  }
  out.append(s.substr(std::min(i, s.size())));
  return out;
}

int nativeExpand(vm::Thread& th, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  Value fn = arg(args, nargs, 1);
  out[0] = vm::makeString(expand(s, [&](std::string_view name) {
    Value r = vm::callFunction1(th, fn, {vm::makeString(name)});
    return std::string(vm::isString(r) ? vm::stringView(r) : std::string_view());
  }));
  return 1;
}

int nativeExpandEnv(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  out[0] = vm::makeString(expand(s, [&](std::string_view name) {
    std::string key(name);
    std::lock_guard<std::mutex> lock(envMutex());
    const char* v = std::getenv(key.c_str());
    return std::string(v ? v : "");
  }));
  return 1;
}

// ---- Process ----------------------------------------------------------------------

int nativeHostname(vm::Thread&, const Value*, int, Value* out) {
  char buf[256];
  if (::gethostname(buf, sizeof buf) != 0) {
    out[0] = vm::makeString("");
    out[1] = makePathErrno("open", "/proc/sys/kernel/hostname", errno);
    return 2;
  }
  buf[sizeof buf - 1] = '\0';
  out[0] = vm::makeString(buf);
  out[1] = Value();
  return 2;
}

template <auto Fn>
int intResult(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeInt(static_cast<int64_t>(Fn()));
  return 1;
}

int getPageSize() { return static_cast<int>(::sysconf(_SC_PAGESIZE)); }

template <int64_t V>
Value intConstant() {
  return vm::makeInt(V);
}

Value makeArgs() {
  const std::vector<std::string>& args = vm::programArgs();
  std::vector<std::string_view> views(args.begin(), args.end());
  return makeStringSlice(views);
}

std::vector<vm::NativeMember> members() {
  std::vector<vm::NativeMember> ms = {
      funcMember("Exit", nativeExit),
      funcMember("Getenv", nativeGetenv),
      funcMember("LookupEnv", nativeLookupEnv),
      funcMember("Setenv", nativeSetenv),
      funcMember("Unsetenv", nativeUnsetenv),
      funcMember("Clearenv", nativeClearenv),
      funcMember("Environ", nativeEnviron),
      funcMember("Expand", nativeExpand),
      funcMember("ExpandEnv", nativeExpandEnv),
      funcMember("Hostname", nativeHostname),
      funcMember("Getpid", nativeGetpid),
      funcMember("Getppid", intResult<::getppid>),
      funcMember("Getuid", intResult<::getuid>),
      funcMember("Geteuid", intResult<::geteuid>),
      funcMember("Getgid", intResult<::getgid>),
      funcMember("Getegid", intResult<::getegid>),
      funcMember("Getpagesize", intResult<getPageSize>),
      varMember("Args", makeArgs),
      varMember("ErrInvalid", errInvalid),
      varMember("ErrPermission", errPermission),
      varMember("ErrExist", errExist),
      varMember("ErrNotExist", errNotExist),
      varMember("ErrClosed", errClosed),
      varMember("Stdin", [] { return standardFile(0); }),
      varMember("Stdout", [] { return standardFile(1); }),
      varMember("Stderr", [] { return standardFile(2); }),
      constMember("O_RDONLY", intConstant<O_RDONLY>),
      constMember("O_WRONLY", intConstant<O_WRONLY>),
      constMember("O_RDWR", intConstant<O_RDWR>),
      constMember("O_APPEND", intConstant<O_APPEND>),
      constMember("O_CREATE", intConstant<O_CREAT>),
      constMember("O_EXCL", intConstant<O_EXCL>),
      constMember("O_SYNC", intConstant<O_SYNC>),
      constMember("O_TRUNC", intConstant<O_TRUNC>),
      constMember("SEEK_SET", intConstant<SEEK_SET>),
      constMember("SEEK_CUR", intConstant<SEEK_CUR>),
      constMember("SEEK_END", intConstant<SEEK_END>),
      constMember("PathSeparator", [] { return vm::makeIntOfType(vm::types::int32Type(), int64_t{'/'}); }),
      constMember("PathListSeparator", [] { return vm::makeIntOfType(vm::types::int32Type(), int64_t{':'}); }),
      constMember("DevNull", [] { return vm::makeString("/dev/null"); }),
      constMember("ModeDir", modeConstant<kModeDir>),
      constMember("ModeAppend", modeConstant<kModeAppend>),
      constMember("ModeExclusive", modeConstant<kModeExclusive>),
      constMember("ModeTemporary", modeConstant<kModeTemporary>),
      constMember("ModeSymlink", modeConstant<kModeSymlink>),
      constMember("ModeDevice", modeConstant<kModeDevice>),
      constMember("ModeNamedPipe", modeConstant<kModeNamedPipe>),
      constMember("ModeSocket", modeConstant<kModeSocket>),
      constMember("ModeSetuid", modeConstant<kModeSetuid>),
      constMember("ModeSetgid", modeConstant<kModeSetgid>),
      constMember("ModeCharDevice", modeConstant<kModeCharDevice>),
      constMember("ModeSticky", modeConstant<kModeSticky>),
      constMember("ModeIrregular", modeConstant<kModeIrregular>),
      constMember("ModeType", modeConstant<kModeType>),
      constMember("ModePerm", modeConstant<kModePerm>),
      typeMember("File", fileType),
      typeMember("FileMode", fileModeType),
      typeMember("FileInfo", fileInfoInterface),
      typeMember("DirEntry", dirEntryInterface),
      typeMember("PathError", pathErrorType),
      typeMember("LinkError", linkErrorType),
      typeMember("SyscallError", syscallErrorType),
  };
  for (const vm::NativeMember& m : osFileMembers()) ms.push_back(m);
  for (const vm::NativeMember& m : osFsMembers()) ms.push_back(m);
  return ms;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"os", "os", members()});
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
