// stdlib/path.cpp: package path (slash-separated paths, lexically): Clean,
// Join, Split, Base, Dir, Ext, IsAbs, Match and ErrBadPattern. The first
// seven are shared with path/filepath (stdlib/path_members.h).
#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/path_members.h"
#include "stdlib/path_lexical.h"
#include "vm/object.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

constexpr char kBadPattern[] = "syntax error in pattern";
Value errBadPattern() { return sentinelError<kBadPattern>(); }

// The string argument i as a result that shares its bytes: a part of an
// argument is returned as a substring, as Go's slicing does.
Value part(const Value* args, int nargs, int i, std::string_view piece) {
  Value s = arg(args, nargs, i);
  if (!vm::isString(s) || piece.empty()) return vm::makeString(piece);
  return vm::makeSubstring(s, piece.data() - vm::stringView(s).data(), static_cast<int64_t>(piece.size()));
}

int nClean(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(pathlex::clean(argString(args, nargs, 0)));
  return 1;
}

int nJoin(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::vector<std::string_view> elems;
  for (int i = 0; i < nargs; i++) elems.push_back(argString(args, nargs, i));
  out[0] = vm::makeString(pathlex::join(elems));
  return 1;
}

int nSplit(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto [dir, file] = pathlex::split(argString(args, nargs, 0));
  out[0] = part(args, nargs, 0, dir);
  out[1] = part(args, nargs, 0, file);
  return 2;
}

int nBase(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(pathlex::base(argString(args, nargs, 0)));
  return 1;
}

int nDir(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(pathlex::dir(argString(args, nargs, 0)));
  return 1;
}

int nExt(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = part(args, nargs, 0, pathlex::ext(argString(args, nargs, 0)));
  return 1;
}

int nIsAbs(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(pathlex::isAbs(argString(args, nargs, 0)));
  return 1;
}

int nMatch(vm::Thread&, const Value* args, int nargs, Value* out) {
  pathlex::MatchResult m = pathlex::match(argString(args, nargs, 0), argString(args, nargs, 1), true);
  out[0] = vm::makeBool(m.matched);
  out[1] = m.badPattern ? errBadPattern() : Value();
  return 2;
}

const bool kRegistered = [] {
  std::vector<vm::NativeMember> members = sharedPathMembers();
  members.push_back(funcMember("Match", nMatch));
  members.push_back(varMember("ErrBadPattern", errBadPattern));
  vm::registerPackage(vm::NativePackage{"path", "path", std::move(members)});
  return true;
}();

}  // namespace

std::vector<vm::NativeMember> sharedPathMembers() {
  return {
      funcMember("Clean", nClean), funcMember("Join", nJoin), funcMember("Split", nSplit),
      funcMember("Base", nBase),   funcMember("Dir", nDir),   funcMember("Ext", nExt),
      funcMember("IsAbs", nIsAbs),
  };
}

}  // namespace gsl::stdlib
