// stdlib/filepath.cpp: package path/filepath on Unix: the lexical
// functions (shared with package path, path_members.h), Abs, Rel, Glob,
// Walk and WalkDir.
//
// Walk and WalkDir visit entries in lexical order and call the script's
// function exactly as Go's do: Walk lstats every entry and passes its
// FileInfo; WalkDir passes fs.DirEntry values (the root's is an
// *fs.statDirEntry, the others *os.unixDirent) and calls the function a
// second time for a directory that cannot be read. SkipDir skips a
// directory (or, returned for a file, the rest of its directory); SkipAll
// stops the walk; both make the walk return nil, as in Go 1.20 and later.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/fs.h"
#include "stdlib/native_support.h"
#include "stdlib/path_lexical.h"
#include "stdlib/path_members.h"
#include "vm/compare.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

constexpr char kBadPattern[] = "syntax error in pattern";
Value errBadPattern() { return sentinelError<kBadPattern>(); }

// ---- Lexical ----------------------------------------------------------------------

int nMatch(vm::Thread&, const Value* args, int nargs, Value* out) {
  pathlex::MatchResult m = pathlex::match(argString(args, nargs, 0), argString(args, nargs, 1), false);
  out[0] = vm::makeBool(m.matched);
  out[1] = m.badPattern ? errBadPattern() : Value();
  return 2;
}

// ToSlash and FromSlash are the identity on Unix; VolumeName is "".
int nIdentity(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::isString(arg(args, nargs, 0)) ? args[0] : vm::makeString("");
  return 1;
}

int nVolumeName(vm::Thread&, const Value*, int, Value* out) {
  out[0] = vm::makeString("");
  return 1;
}

int nSplitList(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 0);
  std::vector<std::string_view> parts;
  if (!s.empty()) {
    for (;;) {
      size_t i = s.find(':');
      parts.push_back(s.substr(0, i));
      if (i == std::string_view::npos) break;
      s = s.substr(i + 1);
    }
  }
  out[0] = makeStringSlice(parts);
  return 1;
}

int nAbs(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view path = argString(args, nargs, 0);
  if (pathlex::isAbs(path)) {
    out[0] = vm::makeString(pathlex::clean(path));
    out[1] = Value();
    return 2;
  }
  std::string wd(4096, '\0');
  if (!::getcwd(wd.data(), wd.size())) {
    out[0] = vm::makeString("");
    out[1] = makeSyscallError("getwd", errno);
    return 2;
  }
  wd.resize(std::char_traits<char>::length(wd.c_str()));
  // Go's Getwd prefers $PWD when it names the same directory.
  const char* pwd = std::getenv("PWD");
  struct stat a, b;
  if (pwd && pwd[0] == '/' && ::stat(pwd, &a) == 0 && ::stat(".", &b) == 0 && a.st_dev == b.st_dev &&
      a.st_ino == b.st_ino) {
    wd = pwd;
  }
  out[0] = vm::makeString(pathlex::join({wd, path}));
  out[1] = Value();
  return 2;
}

int nRel(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view base = argString(args, nargs, 0);
  std::string_view targ = argString(args, nargs, 1);
  std::optional<std::string> r = pathlex::rel(base, targ);
  if (!r) {
    out[0] = vm::makeString("");
    out[1] = newError("Rel: can't make " + std::string(targ) + " relative to " + std::string(base));
    return 2;
  }
  out[0] = vm::makeString(*r);
  out[1] = Value();
  return 2;
}

// ---- Glob ------------------------------------------------------------------------------

// Appends dir's entries matching pattern (Go's glob); I/O errors are
// ignored, a bad pattern is reported.
bool globDir(const std::string& dir, std::string_view pattern, std::vector<std::string>* matches) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return true;
  std::vector<std::string> names;
  int e = 0;
  if (!readDirNames(dir, &names, &e)) return true;
  for (const std::string& n : names) {
    pathlex::MatchResult m = pathlex::match(pattern, n, false);
    if (m.badPattern) return false;
    if (m.matched) matches->push_back(pathlex::join({dir, n}));
  }
  return true;
}

bool glob(std::string_view pattern, int depth, std::vector<std::string>* matches) {
  if (depth == 10000) return false;
  if (pathlex::match(pattern, "", false).badPattern) return false;
  if (!pathlex::hasMeta(pattern)) {
    struct stat st;
    if (::lstat(std::string(pattern).c_str(), &st) == 0) matches->emplace_back(pattern);
    return true;
  }
  auto [dirPart, file] = pathlex::split(pattern);
  std::string dir;
  if (dirPart.empty()) dir = ".";
  else if (dirPart == "/") dir = "/";
  else dir = std::string(dirPart.substr(0, dirPart.size() - 1));
  if (!pathlex::hasMeta(dir)) return globDir(dir, file, matches);
  if (dir == pattern) return false;
  std::vector<std::string> dirs;
  if (!glob(dir, depth + 1, &dirs)) return false;
  for (const std::string& d : dirs) {
    if (!globDir(d, file, matches)) return false;
  }
  return true;
}

int nGlob(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::vector<std::string> matches;
  bool ok = glob(argString(args, nargs, 0), 0, &matches);
  const vm::Type* t = vm::sliceOf(vm::types::stringType());
  if (!ok) {
    out[0] = vm::nilOf(t);
    out[1] = errBadPattern();
    return 2;
  }
  if (matches.empty()) {
    out[0] = vm::nilOf(t);
  } else {
    std::vector<std::string_view> views(matches.begin(), matches.end());
    out[0] = makeStringSlice(views);
  }
  out[1] = Value();
  return 2;
}

// ---- Walk and WalkDir ------------------------------------------------------------------------

bool isErr(Value err, Value sentinel) { return !err.isNil() && vm::valuesEqual(err, sentinel); }

Value call3(vm::Thread& th, Value fn, Value a, Value b, Value c) {
  Value in[3] = {a, b, c};
  Value res[vm::kMaxNativeResults];
  int n = vm::callFunction(th, fn, in, 3, res, vm::kMaxNativeResults);
  return n > 0 ? res[0] : Value();
}

bool infoIsDir(Value info) {
  uint32_t mode = 0;
  return fileInfoMode(info, &mode) && (mode & kModeDir) != 0;
}

// The sorted names in dir, or an "open" *PathError.
Value listDir(const std::string& dir, std::vector<std::string>* names) {
  int e = 0;
  if (!readDirNames(dir, names, &e)) {
    names->clear();
    return makePathErrno(e == ENOTDIR ? "readdirent" : "open", dir, e);
  }
  return Value();
}

Value walk(vm::Thread& th, const std::string& path, Value info, Value fn) {
  if (!infoIsDir(info)) return call3(th, fn, vm::makeString(path), info, Value());
  std::vector<std::string> names;
  Value err = listDir(path, &names);
  Value err1 = call3(th, fn, vm::makeString(path), info, err);
  if (!err.isNil() || !err1.isNil()) return err1;
  for (const std::string& name : names) {
    std::string filename = pathlex::join({path, name});
    struct stat st;
    if (::lstat(filename.c_str(), &st) != 0) {
      Value e = call3(th, fn, vm::makeString(filename), Value(), makePathErrno("lstat", filename, errno));
      if (!e.isNil() && !isErr(e, errSkipDir())) return e;
      continue;
    }
    Value fi = makeFileInfo(name, st);
    Value e = walk(th, filename, fi, fn);
    if (!e.isNil() && (!S_ISDIR(st.st_mode) || !isErr(e, errSkipDir()))) return e;
  }
  return Value();
}

int nWalk(vm::Thread& th, const Value* args, int nargs, Value* out) {
  std::string root(argString(args, nargs, 0));
  Value fn = arg(args, nargs, 1);
  struct stat st;
  Value err;
  if (::lstat(root.c_str(), &st) != 0) {
    err = call3(th, fn, vm::makeString(root), Value(), makePathErrno("lstat", root, errno));
  } else {
    err = walk(th, root, makeFileInfo(pathlex::base(root), st), fn);
  }
  out[0] = isErr(err, errSkipDir()) || isErr(err, errSkipAll()) ? Value() : err;
  return 1;
}

bool entryIsDir(vm::Thread& th, Value d) {
  auto m = findMethod(d, "IsDir");
  if (!m) return false;
  Value r = callMethod(th, *m);
  return !r.isNil() && vm::toBool(r);
}

Value walkDir(vm::Thread& th, const std::string& path, Value d, Value fn) {
  bool isDir = entryIsDir(th, d);
  Value err = call3(th, fn, vm::makeString(path), d, Value());
  if (!err.isNil() || !isDir) {
    if (isErr(err, errSkipDir()) && isDir) err = Value();
    return err;
  }
  std::vector<std::string> names;
  Value rerr = listDir(path, &names);
  if (!rerr.isNil()) {
    // A second call reports the error reading the directory.
    err = call3(th, fn, vm::makeString(path), d, rerr);
    if (!err.isNil()) {
      if (isErr(err, errSkipDir()) && isDir) err = Value();
      return err;
    }
  }
  for (const std::string& name : names) {
    std::string child = pathlex::join({path, name});
    Value entry = makeDirEntry(path, name, direntTypeBits(path, name));
    Value e = walkDir(th, child, entry, fn);
    if (!e.isNil()) {
      if (isErr(e, errSkipDir())) break;
      return e;
    }
  }
  return Value();
}

int nWalkDir(vm::Thread& th, const Value* args, int nargs, Value* out) {
  std::string root(argString(args, nargs, 0));
  Value fn = arg(args, nargs, 1);
  struct stat st;
  Value err;
  if (::lstat(root.c_str(), &st) != 0) {
    err = call3(th, fn, vm::makeString(root), Value(), makePathErrno("lstat", root, errno));
  } else {
    err = walkDir(th, root, dirEntryFromInfo(makeFileInfo(pathlex::base(root), st)), fn);
  }
  out[0] = isErr(err, errSkipDir()) || isErr(err, errSkipAll()) ? Value() : err;
  return 1;
}

const vm::Type* walkFuncType() {
  static const vm::Type* t = [] {
    const vm::Type* params[] = {vm::types::stringType(), fileInfoInterface(), vm::types::errorType()};
    const vm::Type* results[] = {vm::types::errorType()};
    return defineNamed("filepath", "WalkFunc", vm::funcOf(params, results, false));
  }();
  return t;
}

Value separator() { return vm::makeIntOfType(vm::types::int32Type(), int64_t{'/'}); }
Value listSeparator() { return vm::makeIntOfType(vm::types::int32Type(), int64_t{':'}); }

const bool kRegistered = [] {
  std::vector<vm::NativeMember> members = sharedPathMembers();
  members.insert(members.end(), {
          funcMember("Match", nMatch),
          funcMember("ToSlash", nIdentity),
          funcMember("FromSlash", nIdentity),
          funcMember("VolumeName", nVolumeName),
          funcMember("SplitList", nSplitList),
          funcMember("Abs", nAbs),
          funcMember("Rel", nRel),
          funcMember("Glob", nGlob),
          funcMember("Walk", nWalk),
          funcMember("WalkDir", nWalkDir),
          constMember("Separator", separator),
          constMember("ListSeparator", listSeparator),
          varMember("ErrBadPattern", errBadPattern),
          varMember("SkipDir", errSkipDir),
          varMember("SkipAll", errSkipAll),
          typeMember("WalkFunc", walkFuncType),
      });
  vm::registerPackage(vm::NativePackage{"path/filepath", "filepath", std::move(members)});
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
