// stdlib/fs.cpp: package io/fs and the file-system values it shares with
// os and path/filepath (see fs.h).
//
// Types, with Go's names and layouts (so %T and %v print what Go prints):
//   fs.FileMode      uint32 with String, IsDir, IsRegular, Perm, Type
//   syscall.Errno    uintptr with Error, Is, Timeout, Temporary
//   *fs.PathError    {Op, Path string; Err error}, Error and Unwrap
//   *os.LinkError    {Op, Old, New string; Err error}
//   *os.SyscallError {Syscall string; Err error}
//   *os.fileStat     {name string; size int64; mode FileMode; modTime int64
//                    (Unix nanoseconds); sys: omitted}, the FileInfo of Stat
//   *os.unixDirent   {parent, name string; typ FileMode; info FileInfo}
//   *fs.statDirEntry {info FileInfo}
#include "stdlib/fs.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "vm/compare.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

// ---- FileMode methods ---------------------------------------------------------------

int modeString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(fileModeString(fileModeBits(args[0])));
  return 1;
}
int modeIsDir(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeBool((fileModeBits(args[0]) & kModeDir) != 0);
  return 1;
}
int modeIsRegular(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeBool((fileModeBits(args[0]) & kModeType) == 0);
  return 1;
}
int modePerm(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = makeFileMode(fileModeBits(args[0]) & kModePerm);
  return 1;
}
int modeType(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = makeFileMode(fileModeBits(args[0]) & kModeType);
  return 1;
}

// ---- Errno ----------------------------------------------------------------------------

int errnoOf(Value v) { return static_cast<int>(vm::toInt64(v)); }

int errnoError(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(errnoText(errnoOf(args[0])));
  return 1;
}

// Go's Errno.Is: the errnos that mean "does not exist", "exists" and
// "permission denied" match the portable errors.
bool errnoMatches(int e, Value target) {
  auto same = [&](Value sentinel) { return vm::valuesEqual(target, sentinel); };
  switch (e) {
    case EACCES:
    case EPERM:
      return same(errPermission());
    case EEXIST:
    case ENOTEMPTY:
      return same(errExist());
    case ENOENT:
      return same(errNotExist());
    default:
      return false;
  }
}

int errnoIs(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(errnoMatches(errnoOf(args[0]), arg(args, nargs, 1)));
  return 1;
}
int errnoTimeout(vm::Thread&, const Value* args, int, Value* out) {
  int e = errnoOf(args[0]);
  out[0] = vm::makeBool(e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT);
  return 1;
}
int errnoTemporary(vm::Thread&, const Value* args, int, Value* out) {
  int e = errnoOf(args[0]);
  out[0] = vm::makeBool(e == EINTR || e == EMFILE || e == ENFILE || e == ECONNRESET ||
                        e == ECONNABORTED || e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT);
  return 1;
}

// ---- PathError, LinkError, SyscallError -------------------------------------------------

std::string messageOf(vm::Thread& th, Value err) {
  if (err.isNil()) return "<nil>";
  return errorMessage(th, err);
}

int pathErrorError(vm::Thread& th, const Value* args, int, Value* out) {
  vm::StructObj* e = receiverStruct(args);
  std::string s(vm::stringView(e->fields()[0]));
  s += ' ';
  s += vm::stringView(e->fields()[1]);
  s += ": ";
  s += messageOf(th, e->fields()[2]);
  out[0] = vm::makeString(s);
  return 1;
}
int pathErrorUnwrap(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[2];
  return 1;
}

int linkErrorError(vm::Thread& th, const Value* args, int, Value* out) {
  vm::StructObj* e = receiverStruct(args);
  std::string s(vm::stringView(e->fields()[0]));
  s += ' ';
  s += vm::stringView(e->fields()[1]);
  s += ' ';
  s += vm::stringView(e->fields()[2]);
  s += ": ";
  s += messageOf(th, e->fields()[3]);
  out[0] = vm::makeString(s);
  return 1;
}
int linkErrorUnwrap(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[3];
  return 1;
}

int syscallErrorError(vm::Thread& th, const Value* args, int, Value* out) {
  vm::StructObj* e = receiverStruct(args);
  std::string s(vm::stringView(e->fields()[0]));
  s += ": ";
  s += messageOf(th, e->fields()[1]);
  out[0] = vm::makeString(s);
  return 1;
}
int syscallErrorUnwrap(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[1];
  return 1;
}

// ---- fileStat ---------------------------------------------------------------------------

const vm::Type* fileStatType();

enum FileStatField { kStatName, kStatSize, kStatMode, kStatModTime };

int statName(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[kStatName];
  return 1;
}
int statSize(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[kStatSize];
  return 1;
}
int statMode(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[kStatMode];
  return 1;
}
int statIsDir(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeBool((fileModeBits(receiverStruct(args)->fields()[kStatMode]) & kModeDir) != 0);
  return 1;
}
int statSys(vm::Thread&, const Value*, int, Value* out) {
  out[0] = Value();
  return 1;
}

// ModTime returns a time.Time, which belongs to package time: it is made by
// that package's Unix function, found through the package registry, so this
// file does not depend on how time is implemented.
int statModTime(vm::Thread& th, const Value* args, int, Value* out) {
  int64_t ns = vm::toInt64(receiverStruct(args)->fields()[kStatModTime]);
  const vm::NativePackage* timePkg = vm::findPackage("time");
  if (timePkg) {
    for (const vm::NativeMember& m : timePkg->members) {
      if (m.name == "Unix" && m.kind == vm::NativeMember::Kind::Func) {
        Value in[2] = {vm::makeIntOfType(vm::types::int64Type(), ns / 1000000000),
                       vm::makeIntOfType(vm::types::int64Type(), ns % 1000000000)};
        Value res[vm::kMaxNativeResults];
        int n = m.fn(th, in, 2, res);
        out[0] = n > 0 ? res[0] : Value();
        return 1;
      }
    }
  }
  vm::throwPanic(vm::makeString("os: FileInfo.ModTime needs package time, which is not available"));
}

const vm::Type* fileStatType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("os", "fileStat",
                                   {field("name", vm::types::stringType()),
                                    field("size", vm::types::int64Type()),
                                    field("mode", fileModeType()),
                                    field("modTime", vm::types::int64Type())});
    defineMethod(named, "Name", statName, true);
    defineMethod(named, "Size", statSize, true);
    defineMethod(named, "Mode", statMode, true);
    defineMethod(named, "ModTime", statModTime, true);
    defineMethod(named, "IsDir", statIsDir, true);
    defineMethod(named, "Sys", statSys, true);
    return named;
  }();
  return t;
}

// ---- unixDirent and statDirEntry ------------------------------------------------------

enum DirentField { kDirentParent, kDirentName, kDirentType, kDirentInfo };

int direntName(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[kDirentName];
  return 1;
}
int direntIsDir(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeBool((fileModeBits(receiverStruct(args)->fields()[kDirentType]) & kModeDir) != 0);
  return 1;
}
int direntType(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[kDirentType];
  return 1;
}
int direntInfo(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* d = receiverStruct(args);
  if (!d->fields()[kDirentInfo].isNil()) {
    out[0] = d->fields()[kDirentInfo];
    out[1] = Value();
    return 2;
  }
  std::string name(vm::stringView(d->fields()[kDirentName]));
  std::string path = std::string(vm::stringView(d->fields()[kDirentParent])) + "/" + name;
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    out[0] = Value();
    out[1] = makePathErrno("lstat", path, errno);
    return 2;
  }
  out[0] = makeFileInfo(name, st);
  out[1] = Value();
  return 2;
}

// fs.FormatDirEntry (Go 1.21): the type letters, a space, the name, and a
// slash after a directory's name: "- a.txt", "d sub/". unixDirent and
// statDirEntry print themselves this way since Go 1.21.
std::string formatDirEntry(std::string_view name, uint32_t typ) {
  std::string mode = fileModeString(typ & kModeType);
  std::string s = mode.substr(0, mode.size() - 9);
  s += ' ';
  s += name;
  if (typ & kModeDir) s += '/';
  return s;
}

int direntString(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* d = receiverStruct(args);
  out[0] = vm::makeString(formatDirEntry(vm::stringView(d->fields()[kDirentName]),
                                         fileModeBits(d->fields()[kDirentType])));
  return 1;
}

const vm::Type* unixDirentType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("os", "unixDirent",
                                   {field("parent", vm::types::stringType()),
                                    field("name", vm::types::stringType()),
                                    field("typ", fileModeType()),
                                    field("info", fileInfoInterface())});
    defineMethod(named, "Name", direntName, true);
    defineMethod(named, "IsDir", direntIsDir, true);
    defineMethod(named, "Type", direntType, true);
    defineMethod(named, "Info", direntInfo, true);
    defineMethod(named, "String", direntString, true);
    return named;
  }();
  return t;
}

// statDirEntry forwards to the FileInfo it wraps, which may be any value
// implementing FileInfo (a script's own type too).
Value infoCall(vm::Thread& th, const Value* args, std::string_view method) {
  Value info = receiverStruct(args)->fields()[0];
  auto m = findMethod(info, method);
  if (!m) vm::throwNilDereference();
  return callMethod(th, *m);
}
int statEntryName(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = infoCall(th, args, "Name");
  return 1;
}
int statEntryIsDir(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = infoCall(th, args, "IsDir");
  return 1;
}
int statEntryType(vm::Thread& th, const Value* args, int, Value* out) {
  out[0] = makeFileMode(fileModeBits(infoCall(th, args, "Mode")) & kModeType);
  return 1;
}
int statEntryString(vm::Thread& th, const Value* args, int, Value* out) {
  Value name = infoCall(th, args, "Name");
  uint32_t mode = fileModeBits(infoCall(th, args, "Mode"));
  out[0] = vm::makeString(formatDirEntry(vm::isString(name) ? vm::stringView(name) : "", mode));
  return 1;
}

int statEntryInfo(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[0];
  out[1] = Value();
  return 2;
}

const vm::Type* statDirEntryType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("fs", "statDirEntry", {field("info", fileInfoInterface())});
    defineMethod(named, "Name", statEntryName, true);
    defineMethod(named, "IsDir", statEntryIsDir, true);
    defineMethod(named, "Type", statEntryType, true);
    defineMethod(named, "Info", statEntryInfo, true);
    defineMethod(named, "String", statEntryString, true);
    return named;
  }();
  return t;
}

// ---- Sentinel errors --------------------------------------------------------------------

constexpr char kInvalid[] = "invalid argument";
constexpr char kPermission[] = "permission denied";
constexpr char kExist[] = "file already exists";
constexpr char kNotExist[] = "file does not exist";
constexpr char kClosed[] = "file already closed";
constexpr char kSkipDir[] = "skip this directory";
constexpr char kSkipAll[] = "skip everything and stop the walk";

// ---- Package io/fs ----------------------------------------------------------------------

int nValidPath(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view name = argString(args, nargs, 0);
  bool ok = true;
  if (name != ".") {
    for (;;) {
      size_t i = name.find('/');
      std::string_view elem = name.substr(0, i);
      if (elem.empty() || elem == "." || elem == "..") {
        ok = false;
        break;
      }
      if (i == std::string_view::npos) break;
      name = name.substr(i + 1);
    }
  }
  out[0] = vm::makeBool(ok);
  return 1;
}

int nFormatDirEntry(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value d = arg(args, nargs, 0);
  auto nameM = findMethod(d, "Name");
  auto typeM = findMethod(d, "Type");
  if (!nameM || !typeM) vm::throwNilDereference();
  Value name = callMethod(th, *nameM);
  out[0] = vm::makeString(formatDirEntry(vm::isString(name) ? vm::stringView(name) : "",
                                         fileModeBits(callMethod(th, *typeM))));
  return 1;
}

int nFileInfoToDirEntry(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value info = arg(args, nargs, 0);
  out[0] = info.isNil() ? Value() : dirEntryFromInfo(info);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "io/fs",
      "fs",
      {
          varMember("ErrInvalid", errInvalid),
          varMember("ErrPermission", errPermission),
          varMember("ErrExist", errExist),
          varMember("ErrNotExist", errNotExist),
          varMember("ErrClosed", errClosed),
          varMember("SkipDir", errSkipDir),
          varMember("SkipAll", errSkipAll),
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
          funcMember("ValidPath", nValidPath),
          funcMember("FileInfoToDirEntry", nFileInfoToDirEntry),
          funcMember("FormatDirEntry", nFormatDirEntry),
          typeMember("FileMode", fileModeType),
          typeMember("FileInfo", fileInfoInterface),
          typeMember("DirEntry", dirEntryInterface),
          typeMember("PathError", pathErrorType),
      },
  });
  return true;
}();

}  // namespace

// ---- FileMode -----------------------------------------------------------------------------

const vm::Type* fileModeType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("fs", "FileMode", vm::types::uint32Type());
    named->pkgPath = "io/fs";
    defineMethod(named, "String", modeString, false);
    defineMethod(named, "IsDir", modeIsDir, false);
    defineMethod(named, "IsRegular", modeIsRegular, false);
    defineMethod(named, "Perm", modePerm, false);
    defineMethod(named, "Type", modeType, false);
    return named;
  }();
  return t;
}

Value makeFileMode(uint32_t mode) { return vm::makeIntOfType(fileModeType(), uint64_t{mode}); }

uint32_t fileModeBits(Value v) {
  if (v.isNil()) return 0;
  return static_cast<uint32_t>(vm::toUint64(v));
}

std::string fileModeString(uint32_t m) {
  static constexpr char kTypeLetters[] = "dalTLDpSugct?";
  std::string s;
  for (int i = 0; i < 13; i++) {
    if (m & (1u << (31 - i))) s += kTypeLetters[i];
  }
  if (s.empty()) s += '-';
  static constexpr char kPermLetters[] = "rwxrwxrwx";
  for (int i = 0; i < 9; i++) s += (m & (1u << (8 - i))) ? kPermLetters[i] : '-';
  return s;
}

uint32_t modeFromStat(mode_t st) {
  uint32_t m = static_cast<uint32_t>(st) & kModePerm;
  switch (st & S_IFMT) {
    case S_IFBLK: m |= kModeDevice; break;
    case S_IFCHR: m |= kModeDevice | kModeCharDevice; break;
    case S_IFDIR: m |= kModeDir; break;
    case S_IFIFO: m |= kModeNamedPipe; break;
    case S_IFLNK: m |= kModeSymlink; break;
    case S_IFSOCK: m |= kModeSocket; break;
    default: break;
  }
  if (st & S_ISGID) m |= kModeSetgid;
  if (st & S_ISUID) m |= kModeSetuid;
  if (st & S_ISVTX) m |= kModeSticky;
  return m;
}

// ---- Errors ----------------------------------------------------------------------------

Value errInvalid() { return sentinelError<kInvalid>(); }
Value errPermission() { return sentinelError<kPermission>(); }
Value errExist() { return sentinelError<kExist>(); }
Value errNotExist() { return sentinelError<kNotExist>(); }
Value errClosed() { return sentinelError<kClosed>(); }
Value errSkipDir() { return sentinelError<kSkipDir>(); }
Value errSkipAll() { return sentinelError<kSkipAll>(); }

const vm::Type* errnoType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("syscall", "Errno", vm::types::uintptrType());
    defineMethod(named, "Error", errnoError, false);
    defineMethod(named, "Is", errnoIs, false);
    defineMethod(named, "Timeout", errnoTimeout, false);
    defineMethod(named, "Temporary", errnoTemporary, false);
    return named;
  }();
  return t;
}

Value makeErrno(int errnum) { return vm::makeIntOfType(errnoType(), static_cast<int64_t>(errnum)); }

std::string errnoText(int errnum) {
  // Go's table is glibc's messages with a lower-case first letter, except
  // for these two, and "errno N" for numbers it does not name.
  if (errnum == 73) return "RFS specific error";
  if (errnum == 116) return "stale NFS file handle";
  if (errnum <= 0 || errnum > 133 || errnum == 41 || errnum == 58) {
    return "errno " + std::to_string(errnum);
  }
  std::string s = std::strerror(errnum);
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

const vm::Type* pathErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("fs", "PathError",
                                   {field("Op", vm::types::stringType()),
                                    field("Path", vm::types::stringType()),
                                    field("Err", vm::types::errorType())});
    named->pkgPath = "io/fs";
    defineMethod(named, "Error", pathErrorError, true);
    defineMethod(named, "Unwrap", pathErrorUnwrap, true);
    return named;
  }();
  return t;
}

Value makePathError(std::string_view op, std::string_view path, Value err) {
  vm::StructObj* e = vm::newStruct(pathErrorType());
  e->fields()[0] = vm::makeString(op);
  e->fields()[1] = vm::makeString(path);
  e->fields()[2] = err;
  return Value::ref(e);
}

const vm::Type* linkErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("os", "LinkError",
                                   {field("Op", vm::types::stringType()),
                                    field("Old", vm::types::stringType()),
                                    field("New", vm::types::stringType()),
                                    field("Err", vm::types::errorType())});
    defineMethod(named, "Error", linkErrorError, true);
    defineMethod(named, "Unwrap", linkErrorUnwrap, true);
    return named;
  }();
  return t;
}

Value makeLinkError(std::string_view op, std::string_view oldPath, std::string_view newPath,
                    int errnum) {
  vm::StructObj* e = vm::newStruct(linkErrorType());
  e->fields()[0] = vm::makeString(op);
  e->fields()[1] = vm::makeString(oldPath);
  e->fields()[2] = vm::makeString(newPath);
  e->fields()[3] = makeErrno(errnum);
  return Value::ref(e);
}

const vm::Type* syscallErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("os", "SyscallError",
                                   {field("Syscall", vm::types::stringType()),
                                    field("Err", vm::types::errorType())});
    defineMethod(named, "Error", syscallErrorError, true);
    defineMethod(named, "Unwrap", syscallErrorUnwrap, true);
    return named;
  }();
  return t;
}

Value makeSyscallError(std::string_view name, int errnum) {
  vm::StructObj* e = vm::newStruct(syscallErrorType());
  e->fields()[0] = vm::makeString(name);
  e->fields()[1] = makeErrno(errnum);
  return Value::ref(e);
}

bool osErrorIs(Value err, Value target) {
  if (err.isRef()) {
    const vm::Type* t = err.refTarget()->type;
    auto* s = static_cast<vm::StructObj*>(err.refTarget());
    if (t == pathErrorType()) err = s->fields()[2];
    else if (t == linkErrorType()) err = s->fields()[3];
    else if (t == syscallErrorType()) err = s->fields()[1];
  }
  if (err.isNil()) return false;
  if (vm::typeOf(err) == vm::typeOf(target) && vm::valuesEqual(err, target)) return true;
  if (vm::typeOf(err) == errnoType()) return errnoMatches(errnoOf(err), target);
  return false;
}

// ---- FileInfo and DirEntry -------------------------------------------------------------

const vm::Type* fileInfoInterface() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms;
    for (std::string_view m : {"IsDir", "ModTime", "Mode", "Name", "Size", "Sys"}) {
      ms.push_back(vm::IMethod{m, nullptr});
    }
    vm::Type* named = defineNamed("fs", "FileInfo", vm::interfaceOf(ms));
    named->pkgPath = "io/fs";
    return named;
  }();
  return t;
}

const vm::Type* dirEntryInterface() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms;
    for (std::string_view m : {"Info", "IsDir", "Name", "Type"}) ms.push_back(vm::IMethod{m, nullptr});
    vm::Type* named = defineNamed("fs", "DirEntry", vm::interfaceOf(ms));
    named->pkgPath = "io/fs";
    return named;
  }();
  return t;
}

const vm::Type* dirEntrySliceType() { return vm::sliceOf(dirEntryInterface()); }

Value makeFileInfo(std::string_view name, const struct stat& st) {
  vm::StructObj* fi = vm::newStruct(fileStatType());
  fi->fields()[kStatName] = vm::makeString(name);
  fi->fields()[kStatSize] = vm::makeIntOfType(vm::types::int64Type(), static_cast<int64_t>(st.st_size));
  fi->fields()[kStatMode] = makeFileMode(modeFromStat(st.st_mode));
  int64_t ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  fi->fields()[kStatModTime] = vm::makeIntOfType(vm::types::int64Type(), ns);
  return Value::ref(fi);
}

bool fileInfoMode(Value info, uint32_t* mode) {
  if (!info.isRef() || info.refTarget()->type != fileStatType()) return false;
  *mode = fileModeBits(static_cast<vm::StructObj*>(info.refTarget())->fields()[kStatMode]);
  return true;
}

Value makeDirEntry(std::string_view dir, std::string_view name, uint32_t typ) {
  vm::StructObj* d = vm::newStruct(unixDirentType());
  d->fields()[kDirentParent] = vm::makeString(dir);
  d->fields()[kDirentName] = vm::makeString(name);
  d->fields()[kDirentType] = makeFileMode(typ);
  return Value::ref(d);
}

Value dirEntryFromInfo(Value info) {
  vm::StructObj* d = vm::newStruct(statDirEntryType());
  d->fields()[0] = info;
  return Value::ref(d);
}

bool readDirNames(const std::string& dir, std::vector<std::string>* names, int* errnum) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) {
    *errnum = errno;
    return false;
  }
  errno = 0;
  while (struct dirent* e = ::readdir(d)) {
    std::string_view n = e->d_name;
    if (n == "." || n == "..") continue;
    names->emplace_back(n);
  }
  int err = errno;
  ::closedir(d);
  if (err != 0) {
    *errnum = err;
    return false;
  }
  std::sort(names->begin(), names->end());
  return true;
}

uint32_t direntTypeBits(const std::string& dir, const std::string& name) {
  struct stat st;
  std::string path = dir + "/" + name;
  if (::lstat(path.c_str(), &st) != 0) return 0;
  return modeFromStat(st.st_mode) & kModeType;
}

}  // namespace gsl::stdlib
