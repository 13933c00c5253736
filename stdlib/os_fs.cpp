// stdlib/os_fs.cpp: the functions of package os that work on paths: Stat,
// Lstat, ReadDir, Mkdir, MkdirAll, MkdirTemp, Remove, RemoveAll, Rename,
// Chmod, Truncate, Symlink, Link, Readlink, Getwd, Chdir, TempDir,
// UserHomeDir, SameFile and the IsNotExist family.
//
// Each follows the Go function's observable behaviour: the same checks in
// the same order and the same errors (*fs.PathError with Go's op names,
// *os.LinkError for the two-path operations).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/fs.h"
#include "stdlib/native_support.h"
#include "stdlib/os_natives.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

std::string argPath(const Value* args, int nargs, int i) { return std::string(argString(args, nargs, i)); }

// ---- Stat ------------------------------------------------------------------------------

int statWith(int (*statFn)(const char*, struct stat*), const char* op, const Value* args, int nargs,
             Value* out) {
  std::string name = argPath(args, nargs, 0);
  struct stat st;
  if (statFn(name.c_str(), &st) != 0) {
    out[0] = Value();
    out[1] = makePathErrno(op, name, errno);
    return 2;
  }
  out[0] = makeFileInfo(osBasename(name), st);
  out[1] = Value();
  return 2;
}

int nStat(vm::Thread&, const Value* args, int nargs, Value* out) {
  return statWith(::stat, "stat", args, nargs, out);
}
int nLstat(vm::Thread&, const Value* args, int nargs, Value* out) {
  return statWith(::lstat, "lstat", args, nargs, out);
}

// os.ReadDir: the entries sorted by name. A path that cannot be opened
// fails with "open"; one that is not a directory with "readdirent".
int nReadDir(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string name = argPath(args, nargs, 0);
  out[0] = vm::nilOf(dirEntrySliceType());
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    out[1] = makePathErrno("open", name, errno);
    return 2;
  }
  DIR* d = ::fdopendir(fd);
  if (!d) {
    out[1] = makePathErrno("readdirent", name, errno);
    ::close(fd);
    return 2;
  }
  struct Entry {
    std::string name;
    uint32_t typ;
  };
  std::vector<Entry> entries;
  while (struct dirent* e = ::readdir(d)) {
    std::string_view nm = e->d_name;
    if (nm == "." || nm == "..") continue;
    uint32_t typ;
    switch (e->d_type) {
      case DT_REG: typ = 0; break;
      case DT_DIR: typ = kModeDir; break;
      case DT_LNK: typ = kModeSymlink; break;
      case DT_FIFO: typ = kModeNamedPipe; break;
      case DT_SOCK: typ = kModeSocket; break;
      case DT_CHR: typ = kModeDevice | kModeCharDevice; break;
      case DT_BLK: typ = kModeDevice; break;
      default: typ = direntTypeBits(name, std::string(nm)); break;
    }
    entries.push_back(Entry{std::string(nm), typ});
  }
  ::closedir(d);
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  Value list = vm::makeSlice(dirEntrySliceType(), 0, static_cast<int64_t>(entries.size()));
  for (const Entry& e : entries) list = vm::appendValue(list, makeDirEntry(name, e.name, e.typ));
  out[0] = list;
  out[1] = Value();
  return 2;
}

// ---- Creating and removing ---------------------------------------------------------------

Value mkdir(const std::string& name, uint32_t perm) {
  if (::mkdir(name.c_str(), posixMode(perm)) != 0) return makePathErrno("mkdir", name, errno);
  return Value();
}

int nMkdir(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = mkdir(argPath(args, nargs, 0), fileModeBits(arg(args, nargs, 1)));
  return 1;
}

bool isDirPath(const std::string& path, int (*statFn)(const char*, struct stat*)) {
  struct stat st;
  return statFn(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Value mkdirAll(const std::string& path, uint32_t perm) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Value();
    return makePathErrno("mkdir", path, ENOTDIR);
  }
  size_t i = path.size();
  while (i > 0 && path[i - 1] == '/') i--;
  size_t j = i;
  while (j > 0 && path[j - 1] != '/') j--;
  if (j > 1) {
    Value err = mkdirAll(path.substr(0, j - 1), perm);
    if (!err.isNil()) return err;
  }
  Value err = mkdir(path, perm);
  if (!err.isNil() && isDirPath(path, ::lstat)) return Value();
  return err;
}

int nMkdirAll(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = mkdirAll(argPath(args, nargs, 0), fileModeBits(arg(args, nargs, 1)));
  return 1;
}

int nMkdirTemp(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string dir = argPath(args, nargs, 0);
  std::string_view pattern = argString(args, nargs, 1);
  if (dir.empty()) dir = osTempDir();
  out[0] = vm::makeString("");
  TempPattern tp;
  if (!splitTempPattern(pattern, &tp)) {
    out[1] = makePathError("mkdirtemp", pattern, newError("pattern contains path separator"));
    return 2;
  }
  std::string prefix = joinTempDir(dir, tp.prefix);
  for (int tries = 0;; tries++) {
    std::string name = prefix + tempRandom() + tp.suffix;
    if (::mkdir(name.c_str(), 0700) == 0) {
      out[0] = vm::makeString(name);
      out[1] = Value();
      return 2;
    }
    int e = errno;
    if (e == EEXIST && tries < 10000) continue;
    if (e == ENOENT) {
      struct stat st;
      if (::stat(dir.c_str(), &st) != 0 && errno == ENOENT) {
        out[1] = makePathErrno("stat", dir, ENOENT);
        return 2;
      }
    }
    out[1] = makePathErrno("mkdir", name, e);
    return 2;
  }
}

int nRemove(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string name = argPath(args, nargs, 0);
  out[0] = Value();
  if (::unlink(name.c_str()) == 0) return 1;
  int e = errno;
  if (::rmdir(name.c_str()) == 0) return 1;
  if (errno != ENOTDIR) e = errno;
  out[0] = makePathErrno("remove", name, e);
  return 1;
}

// Removes path and everything under it; a missing path is not an error.
Value removeAll(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) {
    return errno == ENOENT ? Value() : makePathErrno("lstat", path, errno);
  }
  if (!S_ISDIR(st.st_mode)) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return makePathErrno("unlinkat", path, errno);
    return Value();
  }
  std::vector<std::string> names;
  int e = 0;
  if (!readDirNames(path, &names, &e)) {
    if (e == ENOENT) return Value();
    return makePathErrno("openfdat", path, e);
  }
  Value first;
  for (const std::string& n : names) {
    Value err = removeAll(path + "/" + n);
    if (!err.isNil() && first.isNil()) first = err;
  }
  if (::rmdir(path.c_str()) != 0 && errno != ENOENT) {
    if (first.isNil()) first = makePathErrno("unlinkat", path, errno);
  }
  return first;
}

int nRemoveAll(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string path = argPath(args, nargs, 0);
  out[0] = Value();
  if (path.empty()) return 1;
  // Go refuses a path ending in "." (it would remove the current directory).
  if (path == "." || (path.size() >= 2 && path.compare(path.size() - 2, 2, "/.") == 0)) {
    out[0] = makePathErrno("RemoveAll", path, EINVAL);
    return 1;
  }
  out[0] = removeAll(path);
  return 1;
}

int nRename(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string from = argPath(args, nargs, 0);
  std::string to = argPath(args, nargs, 1);
  out[0] = Value();
  // Go refuses to replace a directory (rename(2) would replace an empty
  // one), reporting a bad source first if the source is bad too.
  struct stat tst;
  if (::lstat(to.c_str(), &tst) == 0 && S_ISDIR(tst.st_mode)) {
    struct stat fst;
    if (::lstat(from.c_str(), &fst) != 0) {
      out[0] = makeLinkError("rename", from, to, errno);
      return 1;
    }
    if (from == to || fst.st_dev != tst.st_dev || fst.st_ino != tst.st_ino) {
      out[0] = makeLinkError("rename", from, to, EEXIST);
      return 1;
    }
  }
  if (::rename(from.c_str(), to.c_str()) != 0) out[0] = makeLinkError("rename", from, to, errno);
  return 1;
}

int nChmod(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string name = argPath(args, nargs, 0);
  out[0] = ::chmod(name.c_str(), posixMode(fileModeBits(arg(args, nargs, 1)))) == 0
               ? Value()
               : makePathErrno("chmod", name, errno);
  return 1;
}

int nTruncate(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string name = argPath(args, nargs, 0);
  out[0] = ::truncate(name.c_str(), static_cast<off_t>(argInt(args, nargs, 1))) == 0
               ? Value()
               : makePathErrno("truncate", name, errno);
  return 1;
}

int nSymlink(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string from = argPath(args, nargs, 0);
  std::string to = argPath(args, nargs, 1);
  out[0] = ::symlink(from.c_str(), to.c_str()) == 0 ? Value() : makeLinkError("symlink", from, to, errno);
  return 1;
}

int nLink(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string from = argPath(args, nargs, 0);
  std::string to = argPath(args, nargs, 1);
  out[0] = ::link(from.c_str(), to.c_str()) == 0 ? Value() : makeLinkError("link", from, to, errno);
  return 1;
}

int nReadlink(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string name = argPath(args, nargs, 0);
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlink(name.c_str(), buf.data(), buf.size());
    if (n < 0) {
      out[0] = vm::makeString("");
      out[1] = makePathErrno("readlink", name, errno);
      return 2;
    }
    if (static_cast<size_t>(n) < buf.size()) {
      buf.resize(static_cast<size_t>(n));
      break;
    }
    buf.resize(buf.size() * 2);
  }
  out[0] = vm::makeString(buf);
  out[1] = Value();
  return 2;
}

// ---- Working directory and well-known directories ------------------------------------------

bool sameFile(const struct stat& a, const struct stat& b) {
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int nGetwd(vm::Thread&, const Value*, int, Value* out) {
  // Like Go, prefer $PWD when it names the current directory, so that a
  // path through a symbolic link is kept.
  struct stat dot;
  if (::stat(".", &dot) != 0) {
    out[0] = vm::makeString("");
    out[1] = makePathErrno("stat", ".", errno);
    return 2;
  }
  const char* pwd = std::getenv("PWD");
  struct stat st;
  if (pwd && pwd[0] == '/' && ::stat(pwd, &st) == 0 && sameFile(st, dot)) {
    out[0] = vm::makeString(pwd);
    out[1] = Value();
    return 2;
  }
  std::string buf(4096, '\0');
  if (!::getcwd(buf.data(), buf.size())) {
    out[0] = vm::makeString("");
    out[1] = makeSyscallError("getwd", errno);
    return 2;
  }
  buf.resize(std::char_traits<char>::length(buf.c_str()));
  out[0] = vm::makeString(buf);
  out[1] = Value();
  return 2;
}

int nChdir(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string dir = argPath(args, nargs, 0);
  out[0] = ::chdir(dir.c_str()) == 0 ? Value() : makePathErrno("chdir", dir, errno);
  return 1;
}

int nTempDir(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeString(osTempDir());
  return 1;
}

int nUserHomeDir(vm::Thread&, const Value*, int, Value* out) {
  const char* home = std::getenv("HOME");
  if (home && *home) {
    out[0] = vm::makeString(home);
    out[1] = Value();
  } else {
    out[0] = vm::makeString("");
    out[1] = newError("$HOME is not defined");
  }
  return 2;
}

// ---- Error predicates ---------------------------------------------------------------------

int nIsNotExist(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(osErrorIs(arg(args, nargs, 0), errNotExist()));
  return 1;
}
int nIsExist(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(osErrorIs(arg(args, nargs, 0), errExist()));
  return 1;
}
int nIsPermission(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(osErrorIs(arg(args, nargs, 0), errPermission()));
  return 1;
}

}  // namespace

const std::vector<vm::NativeMember>& osFsMembers() {
  static const std::vector<vm::NativeMember> members = {
      funcMember("Stat", nStat),
      funcMember("Lstat", nLstat),
      funcMember("ReadDir", nReadDir),
      funcMember("Mkdir", nMkdir),
      funcMember("MkdirAll", nMkdirAll),
      funcMember("MkdirTemp", nMkdirTemp),
      funcMember("Remove", nRemove),
      funcMember("RemoveAll", nRemoveAll),
      funcMember("Rename", nRename),
      funcMember("Chmod", nChmod),
      funcMember("Truncate", nTruncate),
      funcMember("Symlink", nSymlink),
      funcMember("Link", nLink),
      funcMember("Readlink", nReadlink),
      funcMember("Getwd", nGetwd),
      funcMember("Chdir", nChdir),
      funcMember("TempDir", nTempDir),
      funcMember("UserHomeDir", nUserHomeDir),
      funcMember("IsNotExist", nIsNotExist),
      funcMember("IsExist", nIsExist),
      funcMember("IsPermission", nIsPermission),
  };
  return members;
}

}  // namespace gsl::stdlib
