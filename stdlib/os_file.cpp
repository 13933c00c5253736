// stdlib/os_file.cpp: the *os.File type and its methods, the functions
// that open files (Open, Create, OpenFile, ReadFile, WriteFile, CreateTemp),
// and the descriptor writes fmt shares (os_file.h).
//
// os.File is struct{fd int; name string; dirNames []string; dirPos int}.
// fd is -1 once the file is closed. dirNames/dirPos hold the names of a
// directory being read piecewise by ReadDir(n)/Readdir(n)/Readdirnames(n)
// with n > 0 (read once, sorted, then handed out in order). The three
// standard files are created once and are the same pointer values for
// every import. Methods on a nil *os.File return ErrInvalid, as Go's do.
#include "stdlib/os_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "stdlib/blocking_io.h"
#include "stdlib/error_values.h"
#include "stdlib/fs.h"
#include "stdlib/native_support.h"
#include "stdlib/os_natives.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

enum FileField { kFd, kName, kDirNames, kDirPos };

// The receiver's struct, or nullptr for a nil *os.File.
vm::StructObj* fileSelf(const Value* args) {
  Value r = args[0];
  if (!r.isRef()) return nullptr;
  return static_cast<vm::StructObj*>(r.refTarget());
}

int fdOf(vm::StructObj* f) { return static_cast<int>(vm::toInt64(f->fields()[kFd])); }
std::string_view nameOf(vm::StructObj* f) { return vm::stringView(f->fields()[kName]); }

// "use of closed file", Go's internal/poll.ErrFileClosing, which Stat
// reports for a closed file.
Value errFileClosing() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newError("use of closed file");
    return s;
  }();
  return *slot;
}

// Checks the receiver of a method: nil (ErrInvalid) or closed (a
// PathError with op and ErrClosed). Returns the descriptor, or -1 with
// *err set.
int checkFile(vm::StructObj* f, std::string_view op, Value* err) {
  if (!f) {
    *err = errInvalid();
    return -1;
  }
  int fd = fdOf(f);
  if (fd < 0) *err = makePathError(op, nameOf(f), errClosed());
  return fd;
}

// ---- Reading and writing ------------------------------------------------------------

int fileWriteBytes(const Value* args, std::string_view s, Value* out) {
  vm::StructObj* f = fileSelf(args);
  Value err;
  int fd = checkFile(f, "write", &err);
  if (fd < 0) {
    out[0] = vm::makeInt(0);
    out[1] = err;
    return 2;
  }
  WriteResult r = writeFd(fd, s);
  out[0] = vm::makeInt(static_cast<int64_t>(r.n));
  out[1] = r.err ? makePathErrno("write", nameOf(f), r.err) : Value();
  return 2;
}

int fileWrite(vm::Thread&, const Value* args, int nargs, Value* out) {
  return fileWriteBytes(args, vm::bytesView(arg(args, nargs, 1)), out);
}

int fileWriteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  return fileWriteBytes(args, argString(args, nargs, 1), out);
}

int fileRead(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value b = arg(args, nargs, 1);
  requireByteSlice(b);
  size_t len = 0;
  uint8_t* data = vm::byteSliceData(b, &len);
  FileReadResult r = readFile(args[0], data, len);
  out[0] = vm::makeInt(r.n);
  out[1] = r.err;
  return 2;
}

int fileReadAt(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* f = fileSelf(args);
  Value b = arg(args, nargs, 1);
  requireByteSlice(b);
  int64_t off = argInt(args, nargs, 2);
  Value err;
  int fd = checkFile(f, "read", &err);
  out[0] = vm::makeInt(0);
  if (fd < 0) {
    out[1] = err;
    return 2;
  }
  if (off < 0) {
    out[1] = makePathError("readat", nameOf(f), newError("negative offset"));
    return 2;
  }
  size_t len = 0;
  uint8_t* data = vm::byteSliceData(b, &len);
  size_t done = 0;
  flushStdout();
  while (done < len) {
    ssize_t k = blockingReadAt(fd, data + done, len - done, static_cast<off_t>(off + done));
    if (k < 0) {
      err = makePathErrno("read", nameOf(f), errno);
      break;
    }
    if (k == 0) {
      err = eofError();
      break;
    }
    done += static_cast<size_t>(k);
  }
  out[0] = vm::makeInt(static_cast<int64_t>(done));
  out[1] = err;
  return 2;
}

int fileWriteAt(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* f = fileSelf(args);
  std::string_view s = vm::bytesView(arg(args, nargs, 1));
  int64_t off = argInt(args, nargs, 2);
  Value err;
  int fd = checkFile(f, "write", &err);
  out[0] = vm::makeInt(0);
  if (fd < 0) {
    out[1] = err;
    return 2;
  }
  if (off < 0) {
    out[1] = makePathError("writeat", nameOf(f), newError("negative offset"));
    return 2;
  }
  int e = 0;
  size_t done = blockingWriteAt(fd, s.data(), s.size(), static_cast<off_t>(off), &e);
  if (e) err = makePathErrno("write", nameOf(f), e);
  out[0] = vm::makeInt(static_cast<int64_t>(done));
  out[1] = err;
  return 2;
}

int fileSeek(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* f = fileSelf(args);
  int64_t off = argInt(args, nargs, 1);
  int whence = static_cast<int>(argInt(args, nargs, 2));
  Value err;
  int fd = checkFile(f, "seek", &err);
  out[0] = vm::makeIntOfType(vm::types::int64Type(), int64_t{0});
  if (fd < 0) {
    out[1] = err;
    return 2;
  }
  if (fd == 1) flushStdout();
  off_t r = ::lseek(fd, static_cast<off_t>(off), whence);
  if (r < 0) {
    out[1] = makePathErrno("seek", nameOf(f), errno);
    return 2;
  }
  f->fields()[kDirNames] = vm::nilOf(vm::sliceOf(vm::types::stringType()));
  f->fields()[kDirPos] = vm::makeInt(0);
  out[0] = vm::makeIntOfType(vm::types::int64Type(), static_cast<int64_t>(r));
  out[1] = Value();
  return 2;
}

// ---- Other methods -------------------------------------------------------------------

int fileClose(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* f = fileSelf(args);
  Value err;
  int fd = checkFile(f, "close", &err);
  if (fd < 0) {
    out[0] = err;
    return 1;
  }
  if (fd == 1) flushStdout();
  f->fields()[kFd] = vm::makeInt(-1);
  out[0] = ::close(fd) != 0 && errno != EINTR ? makePathErrno("close", nameOf(f), errno) : Value();
  return 1;
}

int fileNameMethod(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* f = fileSelf(args);
  if (!f) vm::throwNilDereference();
  out[0] = f->fields()[kName];
  return 1;
}

int fileFdMethod(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* f = fileSelf(args);
  int64_t fd = f ? fdOf(f) : -1;
  out[0] = vm::makeIntOfType(vm::types::uintptrType(), fd);
  return 1;
}

int fileStat(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* f = fileSelf(args);
  out[0] = Value();
  if (!f) {
    out[1] = errInvalid();
    return 2;
  }
  int fd = fdOf(f);
  if (fd < 0) {
    out[1] = makePathError("stat", nameOf(f), errFileClosing());
    return 2;
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    out[1] = makePathErrno("stat", nameOf(f), errno);
    return 2;
  }
  out[0] = makeFileInfo(osBasename(nameOf(f)), st);
  out[1] = Value();
  return 2;
}

// Sync, Truncate and Chmod: one system call on the descriptor each.
int fileSync(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* f = fileSelf(args);
  Value err;
  int fd = checkFile(f, "sync", &err);
  if (fd >= 0 && ::fsync(fd) != 0) err = makePathErrno("sync", nameOf(f), errno);
  out[0] = err;
  return 1;
}

int fileTruncate(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* f = fileSelf(args);
  Value err;
  int fd = checkFile(f, "truncate", &err);
  if (fd >= 0 && ::ftruncate(fd, static_cast<off_t>(argInt(args, nargs, 1))) != 0) {
    err = makePathErrno("truncate", nameOf(f), errno);
  }
  out[0] = err;
  return 1;
}

int fileChmod(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* f = fileSelf(args);
  Value err;
  int fd = checkFile(f, "chmod", &err);
  if (fd >= 0 && ::fchmod(fd, posixMode(fileModeBits(arg(args, nargs, 1)))) != 0) {
    err = makePathErrno("chmod", nameOf(f), errno);
  }
  out[0] = err;
  return 1;
}

// ---- Reading directories ---------------------------------------------------------------

// The next (up to n, all when n <= 0) names of the directory open as f, in
// sorted order. Returns false with *err set on failure; an exhausted
// directory with n > 0 gives io.EOF, as Go's does.
bool nextDirNames(vm::StructObj* f, int64_t n, std::vector<std::string>* names, Value* err) {
  int fd = checkFile(f, "readdirent", err);
  if (fd < 0) return false;
  Value all = f->fields()[kDirNames];
  if (vm::isNilValue(all)) {
    int dupFd = ::dup(fd);
    DIR* d = dupFd >= 0 ? ::fdopendir(dupFd) : nullptr;
    if (!d) {
      int e = errno;
      if (dupFd >= 0) ::close(dupFd);
      *err = makePathErrno("readdirent", nameOf(f), e);
      return false;
    }
    ::rewinddir(d);
    std::vector<std::string> read;
    while (struct dirent* e = ::readdir(d)) {
      std::string_view nm = e->d_name;
      if (nm != "." && nm != "..") read.emplace_back(nm);
    }
    ::closedir(d);
    std::sort(read.begin(), read.end());
    std::vector<std::string_view> views(read.begin(), read.end());
    all = makeStringSlice(views);
    f->fields()[kDirNames] = all;
    f->fields()[kDirPos] = vm::makeInt(0);
  }
  int64_t pos = vm::toInt64(f->fields()[kDirPos]);
  int64_t total = vm::sliceLen(all);
  int64_t end = n > 0 ? std::min(total, pos + n) : total;
  for (int64_t i = pos; i < end; i++) names->emplace_back(vm::stringView(vm::sliceIndex(all, i)));
  f->fields()[kDirPos] = vm::makeInt(end);
  if (n > 0 && names->empty()) {
    *err = eofError();
    return false;
  }
  return true;
}

int fileReaddirnames(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::vector<std::string> names;
  Value err;
  if (!nextDirNames(fileSelf(args), argInt(args, nargs, 1), &names, &err)) {
    out[0] = vm::nilOf(vm::sliceOf(vm::types::stringType()));
    out[1] = err;
    return 2;
  }
  std::vector<std::string_view> views(names.begin(), names.end());
  out[0] = makeStringSlice(views);
  out[1] = Value();
  return 2;
}

int fileReadDir(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* f = fileSelf(args);
  std::vector<std::string> names;
  Value err;
  if (!nextDirNames(f, argInt(args, nargs, 1), &names, &err)) {
    out[0] = vm::nilOf(dirEntrySliceType());
    out[1] = err;
    return 2;
  }
  std::string dir(nameOf(f));
  Value entries = vm::makeSlice(dirEntrySliceType(), 0, static_cast<int64_t>(names.size()));
  for (const std::string& nm : names) {
    entries = vm::appendValue(entries, makeDirEntry(dir, nm, direntTypeBits(dir, nm)));
  }
  out[0] = entries;
  out[1] = Value();
  return 2;
}

int fileReaddir(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* f = fileSelf(args);
  const vm::Type* sliceType = vm::sliceOf(fileInfoInterface());
  std::vector<std::string> names;
  Value err;
  if (!nextDirNames(f, argInt(args, nargs, 1), &names, &err)) {
    out[0] = vm::nilOf(sliceType);
    out[1] = err;
    return 2;
  }
  std::string dir(nameOf(f));
  Value infos = vm::makeSlice(sliceType, 0, static_cast<int64_t>(names.size()));
  for (const std::string& nm : names) {
    struct stat st;
    std::string path = dir + "/" + nm;
    if (::lstat(path.c_str(), &st) != 0) continue;  // vanished meanwhile, as Go skips it
    infos = vm::appendValue(infos, makeFileInfo(nm, st));
  }
  out[0] = infos;
  out[1] = Value();
  return 2;
}

// ---- Opening files ---------------------------------------------------------------------

// open(2) with Go's conventions: close-on-exec, the permission bits of a
// FileMode; the error is a *PathError with op "open".
Value openFile(std::string_view name, int flags, uint32_t perm, Value* err) {
  std::string path(name);
  int fd;
  do {
    fd = ::open(path.c_str(), flags | O_CLOEXEC, posixMode(perm));
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    *err = makePathErrno("open", name, errno);
    return vm::nilOf(vm::pointerTo(fileType()));
  }
  *err = Value();
  return newFile(fd, name);
}

int nOpen(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = openFile(argString(args, nargs, 0), O_RDONLY, 0, &out[1]);
  return 2;
}

int nCreate(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = openFile(argString(args, nargs, 0), O_RDWR | O_CREAT | O_TRUNC, 0666, &out[1]);
  return 2;
}

int nOpenFile(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = openFile(argString(args, nargs, 0), static_cast<int>(argInt(args, nargs, 1)),
                    fileModeBits(arg(args, nargs, 2)), &out[1]);
  return 2;
}

int nReadFile(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view name = argString(args, nargs, 0);
  Value err;
  Value f = openFile(name, O_RDONLY, 0, &err);
  const vm::Type* bytesType = vm::sliceOf(vm::types::uint8Type());
  if (!err.isNil()) {
    out[0] = vm::nilOf(bytesType);
    out[1] = err;
    return 2;
  }
  int fd = *fileDescriptor(f);
  std::string data;
  struct stat st;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) data.reserve(static_cast<size_t>(st.st_size) + 1);
  flushStdout();
  char buf[64 * 1024];
  for (;;) {
    ssize_t k = blockingRead(fd, buf, sizeof buf);
    if (k < 0) {
      err = makePathErrno("read", name, errno);
      break;
    }
    if (k == 0) break;
    data.append(buf, static_cast<size_t>(k));
  }
  ::close(fd);
  static_cast<vm::StructObj*>(f.refTarget())->fields()[kFd] = vm::makeInt(-1);
  out[0] = vm::makeByteSlice(data);
  out[1] = err;
  return 2;
}

int nWriteFile(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view name = argString(args, nargs, 0);
  std::string_view data = vm::bytesView(arg(args, nargs, 1));
  Value err;
  Value f = openFile(name, O_WRONLY | O_CREAT | O_TRUNC, fileModeBits(arg(args, nargs, 2)), &err);
  if (!err.isNil()) {
    out[0] = err;
    return 1;
  }
  int fd = *fileDescriptor(f);
  WriteResult r = writeFd(fd, data);
  if (r.err) err = makePathErrno("write", name, r.err);
  if (::close(fd) != 0 && err.isNil() && errno != EINTR) err = makePathErrno("close", name, errno);
  static_cast<vm::StructObj*>(f.refTarget())->fields()[kFd] = vm::makeInt(-1);
  out[0] = err;
  return 1;
}

int nCreateTemp(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string dir(argString(args, nargs, 0));
  std::string_view pattern = argString(args, nargs, 1);
  if (dir.empty()) dir = osTempDir();
  TempPattern tp;
  if (!splitTempPattern(pattern, &tp)) {
    out[0] = vm::nilOf(vm::pointerTo(fileType()));
    out[1] = makePathError("createtemp", pattern, newError("pattern contains path separator"));
    return 2;
  }
  std::string prefix = joinTempDir(dir, tp.prefix);
  for (int tries = 0;; tries++) {
    std::string name = prefix + tempRandom() + tp.suffix;
    int fd = ::open(name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      out[0] = newFile(fd, name);
      out[1] = Value();
      return 2;
    }
    if (errno == EEXIST && tries < 10000) continue;
    out[0] = vm::nilOf(vm::pointerTo(fileType()));
    out[1] = makePathErrno("open", name, errno);
    return 2;
  }
}

}  // namespace

// ---- Shared with os.cpp -------------------------------------------------------------------

mode_t posixMode(uint32_t perm) {
  mode_t m = perm & kModePerm;
  if (perm & kModeSetuid) m |= S_ISUID;
  if (perm & kModeSetgid) m |= S_ISGID;
  if (perm & kModeSticky) m |= S_ISVTX;
  return m;
}

std::string osBasename(std::string_view name) {
  size_t end = name.size();
  while (end > 1 && name[end - 1] == '/') end--;
  name = name.substr(0, end);
  size_t slash = name.size() > 1 ? name.rfind('/', name.size() - 2) : std::string_view::npos;
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  return std::string(name);
}

std::string osTempDir() {
  const char* t = std::getenv("TMPDIR");
  return t && *t ? std::string(t) : std::string("/tmp");
}

bool splitTempPattern(std::string_view pattern, TempPattern* out) {
  if (pattern.find('/') != std::string_view::npos) return false;
  size_t star = pattern.rfind('*');
  if (star == std::string_view::npos) {
    out->prefix = std::string(pattern);
    out->suffix.clear();
  } else {
    out->prefix = std::string(pattern.substr(0, star));
    out->suffix = std::string(pattern.substr(star + 1));
  }
  return true;
}

std::string joinTempDir(const std::string& dir, const std::string& prefix) {
  if (!dir.empty() && dir.back() == '/') return dir + prefix;
  return dir + "/" + prefix;
}

std::string tempRandom() {
  static thread_local std::mt19937 rng{std::random_device{}()};
  return std::to_string(static_cast<uint32_t>(rng()));
}

const std::vector<vm::NativeMember>& osFileMembers() {
  static const std::vector<vm::NativeMember> members = {
      funcMember("Open", nOpen),
      funcMember("Create", nCreate),
      funcMember("OpenFile", nOpenFile),
      funcMember("ReadFile", nReadFile),
      funcMember("WriteFile", nWriteFile),
      funcMember("CreateTemp", nCreateTemp),
  };
  return members;
}

// ---- os_file.h ---------------------------------------------------------------------------

const vm::Type* fileType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("os", "File",
                                   {field("fd", vm::types::intType()),
                                    field("name", vm::types::stringType()),
                                    field("dirNames", vm::sliceOf(vm::types::stringType())),
                                    field("dirPos", vm::types::intType())});
    defineMethod(named, "Write", fileWrite, true);
    defineMethod(named, "WriteString", fileWriteString, true);
    defineMethod(named, "WriteAt", fileWriteAt, true);
    defineMethod(named, "Read", fileRead, true);
    defineMethod(named, "ReadAt", fileReadAt, true);
    defineMethod(named, "Seek", fileSeek, true);
    defineMethod(named, "Close", fileClose, true);
    defineMethod(named, "Name", fileNameMethod, true);
    defineMethod(named, "Fd", fileFdMethod, true);
    defineMethod(named, "Stat", fileStat, true);
    defineMethod(named, "Sync", fileSync, true);
    defineMethod(named, "Truncate", fileTruncate, true);
    defineMethod(named, "Chmod", fileChmod, true);
    defineMethod(named, "ReadDir", fileReadDir, true);
    defineMethod(named, "Readdir", fileReaddir, true);
    defineMethod(named, "Readdirnames", fileReaddirnames, true);
    return named;
  }();
  return t;
}

Value newFile(int fd, std::string_view name) {
  vm::StructObj* f = vm::newStruct(fileType());
  f->fields()[kFd] = vm::makeInt(fd);
  f->fields()[kName] = vm::makeString(name);
  return Value::ref(f);
}

Value standardFile(int fd) {
  static Value* files = [] {
    auto* slots = static_cast<Value*>(vm::allocRoot(3 * sizeof(Value)));
    const char* names[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    for (int i = 0; i < 3; i++) slots[i] = newFile(i, names[i]);
    return slots;
  }();
  return files[fd];
}

std::optional<int> fileDescriptor(Value v) {
  if (!v.isRef() || v.refTarget()->type != fileType()) return std::nullopt;
  return fdOf(static_cast<vm::StructObj*>(v.refTarget()));
}

FileReadResult readFile(Value fv, uint8_t* buf, size_t n) {
  FileReadResult r;
  vm::StructObj* f = fv.isRef() ? static_cast<vm::StructObj*>(fv.refTarget()) : nullptr;
  int fd = checkFile(f, "read", &r.err);
  if (fd < 0 || n == 0) return r;
  flushStdout();
  ssize_t k = blockingRead(fd, buf, n);
  if (k < 0) {
    r.err = makePathErrno("read", nameOf(f), errno);
  } else if (k == 0) {
    r.err = eofError();
  } else {
    r.n = k;
  }
  return r;
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
  r.n = blockingWrite(fd, s.data(), s.size(), &r.err);
  return r;
}

void writeTo(vm::Thread& th, Value w, std::string_view s, Value* out) {
  if (auto fd = fileDescriptor(w)) {
    Value self[1] = {w};
    fileWriteBytes(self, s, out);
    return;
  }
  auto m = findMethod(w, "Write");
  if (!m) {
    if (w.isNil()) vm::throwNilDereference();
    vm::throwPanic(vm::makeString("fmt: writer has no Write method"));
  }
  Value bytes = vm::makeByteSlice(s);
  Value res[vm::kMaxNativeResults];
  int n = callMethodN(th, *m, &bytes, 1, res, vm::kMaxNativeResults);
  out[0] = n > 0 ? res[0] : vm::makeInt(0);
  out[1] = n > 1 ? res[1] : Value();
}

}  // namespace gsl::stdlib
