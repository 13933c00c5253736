// stdlib/bytes.cpp: package bytes, functions (Buffer and Reader are in
// bytes_buffer.cpp).
//
// Two kinds of functions:
//  * Those whose results are numbers, booleans or new bytes compute exactly
//    what the strings function of the same name computes on the same bytes,
//    so they call package strings' native (found through the package
//    registry) on the bytes as strings: one definition of each algorithm.
//  * Those whose results are parts of the argument (Trim*, Split*, Fields*,
//    Cut*) are written here, because Go returns subslices that alias the
//    argument, with Go's capacities (Split and Fields limit each piece's
//    capacity to its length; the last piece of Split keeps the rest) and
//    Go's nil results (Trim of an empty or all-trimmed slice is nil).
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/bytes_types.h"
#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/unicode_props.h"
#include "stdlib/utf8_codec.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;
using std::string_view;

const vm::Type* bytesType() { return vm::sliceOf(vm::types::uint8Type()); }
const vm::Type* bytesSliceType() { return vm::sliceOf(bytesType()); }

// ---- Calling package strings ----------------------------------------------------------

vm::NativeFn stringsFunction(string_view name) {
  const vm::NativePackage* pkg = vm::findPackage("strings");
  if (pkg) {
    for (const vm::NativeMember& m : pkg->members) {
      if (m.name == name && m.kind == vm::NativeMember::Kind::Func) return m.fn;
    }
  }
  vm::throwPanic(vm::makeString("bytes: strings." + std::string(name) + " is not available"));
}

// Calls strings.<fn> with every byte slice argument turned into a string.
int callStrings(vm::Thread& th, vm::NativeFn fn, const Value* args, int nargs, Value* out) {
  std::vector<Value, vm::GcAllocator<Value>> conv(args, args + nargs);
  for (Value& v : conv) {
    if (vm::isByteSlice(v)) v = vm::makeString(vm::byteSliceView(v));
  }
  return fn(th, conv.data(), nargs, out);
}

// bytes.F(...) with the result of strings.F(...).
template <const char* Name>
int sameResult(vm::Thread& th, const Value* args, int nargs, Value* out) {
  static const vm::NativeFn fn = stringsFunction(Name);
  return callStrings(th, fn, args, nargs, out);
}

// bytes.F(...) returning the bytes of strings.F(...) as a new slice.
template <const char* Name>
int newBytes(vm::Thread& th, const Value* args, int nargs, Value* out) {
  static const vm::NativeFn fn = stringsFunction(Name);
  int n = callStrings(th, fn, args, nargs, out);
  out[0] = vm::makeByteSlice(vm::stringView(out[0]));
  return n;
}

// Replace and ReplaceAll: as strings, except that Go returns a copy made
// by append, which is nil for an empty argument.
template <const char* Name>
int replaceBytes(vm::Thread& th, const Value* args, int nargs, Value* out) {
  static const vm::NativeFn fn = stringsFunction(Name);
  int n = callStrings(th, fn, args, nargs, out);
  string_view r = vm::stringView(out[0]);
  out[0] = r.empty() && vm::sliceLen(arg(args, nargs, 0)) == 0 ? vm::nilOf(bytesType()) : vm::makeByteSlice(r);
  return n;
}

#define GSL_NAME(N) constexpr char k##N[] = #N;
GSL_NAME(Contains)
GSL_NAME(ContainsAny)
GSL_NAME(ContainsRune)
GSL_NAME(ContainsFunc)
GSL_NAME(Count)
GSL_NAME(EqualFold)
GSL_NAME(HasPrefix)
GSL_NAME(HasSuffix)
GSL_NAME(Index)
GSL_NAME(IndexAny)
GSL_NAME(IndexByte)
GSL_NAME(IndexFunc)
GSL_NAME(IndexRune)
GSL_NAME(LastIndex)
GSL_NAME(LastIndexAny)
GSL_NAME(LastIndexByte)
GSL_NAME(LastIndexFunc)
GSL_NAME(Compare)
GSL_NAME(Repeat)
GSL_NAME(ToUpper)
GSL_NAME(ToLower)
GSL_NAME(Map)
GSL_NAME(ToValidUTF8)
GSL_NAME(Replace)
GSL_NAME(ReplaceAll)
#undef GSL_NAME

// ---- Slices of the argument ----------------------------------------------------------

Value sub(Value s, int64_t lo, int64_t hi) { return vm::sliceExpr(s, lo, hi, 0, false); }
// s[lo:hi:hi]: a piece whose capacity ends where it ends.
Value piece(Value s, int64_t lo, int64_t hi) { return vm::sliceExpr(s, lo, hi, hi, true); }
Value nilBytes() { return vm::nilOf(bytesType()); }

// The argument as a byte slice value (a nil interface becomes a nil []byte).
Value bytesArg(const Value* args, int nargs, int i) {
  Value v = arg(args, nargs, i);
  return v.isNil() ? nilBytes() : v;
}

int nEqual(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(vm::bytesView(arg(args, nargs, 0)) == vm::bytesView(arg(args, nargs, 1)));
  return 1;
}

int nClone(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value b = arg(args, nargs, 0);
  out[0] = vm::isNilValue(b) ? nilBytes() : vm::makeByteSlice(vm::byteSliceView(b));
  return 1;
}

int nRunes(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view s = vm::byteSliceView(arg(args, nargs, 0));
  std::vector<Value, vm::GcAllocator<Value>> runes;
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::decodeRune(s.substr(i));
    runes.push_back(vm::makeIntOfType(vm::types::int32Type(), int64_t{d.rune}));
    i += static_cast<size_t>(d.width);
  }
  out[0] = vm::sliceFromValues(vm::sliceOf(vm::types::int32Type()), runes.data(),
                               static_cast<int64_t>(runes.size()));
  return 1;
}

int nJoin(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value list = arg(args, nargs, 0);
  string_view sep = vm::bytesView(arg(args, nargs, 1));
  int64_t n = vm::sliceLen(list);
  if (n == 0) {
    out[0] = vm::makeByteSlice("");
    return 1;
  }
  std::string joined;
  for (int64_t i = 0; i < n; i++) {
    if (i > 0) joined += sep;
    joined += vm::bytesView(vm::sliceIndex(list, i));
  }
  out[0] = vm::makeByteSlice(joined);
  return 1;
}

// ---- Trim ---------------------------------------------------------------------------------

bool inCutset(string_view cutset, int32_t r) {
  for (size_t i = 0; i < cutset.size();) {
    utf8::Decoded d = utf8::decodeRune(cutset.substr(i));
    if (d.rune == r) return true;
    i += static_cast<size_t>(d.width);
  }
  return false;
}

// The first index whose rune is not in the set / past the last such rune.
template <typename Pred>
int64_t trimLeftIndex(string_view s, Pred&& in) {
  size_t i = 0;
  while (i < s.size()) {
    utf8::Decoded d = utf8::decodeRune(s.substr(i));
    if (!in(d.rune)) break;
    i += static_cast<size_t>(d.width);
  }
  return static_cast<int64_t>(i);
}

template <typename Pred>
int64_t trimRightIndex(string_view s, int64_t lo, Pred&& in) {
  size_t end = s.size();
  while (end > static_cast<size_t>(lo)) {
    utf8::Decoded d = utf8::decodeLastRune(s.substr(static_cast<size_t>(lo), end - static_cast<size_t>(lo)));
    if (!in(d.rune)) break;
    end -= static_cast<size_t>(d.width);
  }
  return static_cast<int64_t>(end);
}

int nTrim(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view cutset = argString(args, nargs, 1);
  string_view v = vm::byteSliceView(s);
  if (v.empty()) {
    out[0] = nilBytes();
    return 1;
  }
  if (cutset.empty()) {
    out[0] = s;
    return 1;
  }
  auto in = [&](int32_t r) { return inCutset(cutset, r); };
  int64_t hi = trimRightIndex(v, 0, in);
  int64_t lo = trimLeftIndex(v.substr(0, static_cast<size_t>(hi)), in);
  out[0] = lo == hi ? nilBytes() : sub(s, lo, hi);
  return 1;
}

int nTrimLeft(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view cutset = argString(args, nargs, 1);
  string_view v = vm::byteSliceView(s);
  if (v.empty()) {
    out[0] = nilBytes();
    return 1;
  }
  if (cutset.empty()) {
    out[0] = s;
    return 1;
  }
  int64_t lo = trimLeftIndex(v, [&](int32_t r) { return inCutset(cutset, r); });
  out[0] = lo == static_cast<int64_t>(v.size()) ? nilBytes() : sub(s, lo, static_cast<int64_t>(v.size()));
  return 1;
}

int nTrimRight(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view cutset = argString(args, nargs, 1);
  string_view v = vm::byteSliceView(s);
  if (v.empty() || cutset.empty()) {
    out[0] = s;
    return 1;
  }
  out[0] = sub(s, 0, trimRightIndex(v, 0, [&](int32_t r) { return inCutset(cutset, r); }));
  return 1;
}

int nTrimSpace(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view v = vm::byteSliceView(s);
  auto space = [](int32_t r) { return unicode::isSpace(r); };
  int64_t lo = trimLeftIndex(v, space);
  int64_t hi = trimRightIndex(v, lo, space);
  out[0] = lo == hi ? nilBytes() : sub(s, lo, hi);
  return 1;
}

// f(r) for a script predicate.
bool callPredicate(vm::Thread& th, Value f, int32_t r) {
  Value res = vm::callFunction1(th, f, {vm::makeIntOfType(vm::types::int32Type(), int64_t{r})});
  return !res.isNil() && vm::toBool(res);
}

int nTrimLeftFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  Value f = arg(args, nargs, 1);
  string_view v = vm::byteSliceView(s);
  int64_t lo = trimLeftIndex(v, [&](int32_t r) { return callPredicate(th, f, r); });
  out[0] = lo == static_cast<int64_t>(v.size()) ? nilBytes() : sub(s, lo, static_cast<int64_t>(v.size()));
  return 1;
}

int nTrimRightFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  Value f = arg(args, nargs, 1);
  string_view v = vm::byteSliceView(s);
  out[0] = sub(s, 0, trimRightIndex(v, 0, [&](int32_t r) { return callPredicate(th, f, r); }));
  return 1;
}

int nTrimFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  Value f = arg(args, nargs, 1);
  string_view v = vm::byteSliceView(s);
  auto pred = [&](int32_t r) { return callPredicate(th, f, r); };
  int64_t lo = trimLeftIndex(v, pred);
  if (lo == static_cast<int64_t>(v.size())) {
    out[0] = nilBytes();
    return 1;
  }
  out[0] = sub(s, lo, trimRightIndex(v, lo, pred));
  return 1;
}

int nTrimPrefix(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view v = vm::byteSliceView(s);
  string_view prefix = vm::bytesView(arg(args, nargs, 1));
  out[0] = v.starts_with(prefix) ? sub(s, static_cast<int64_t>(prefix.size()), static_cast<int64_t>(v.size())) : s;
  return 1;
}

int nTrimSuffix(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view v = vm::byteSliceView(s);
  string_view suffix = vm::bytesView(arg(args, nargs, 1));
  out[0] = v.ends_with(suffix) ? sub(s, 0, static_cast<int64_t>(v.size() - suffix.size())) : s;
  return 1;
}

// ---- Cut ------------------------------------------------------------------------------------

int nCut(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view v = vm::byteSliceView(s);
  string_view sep = vm::bytesView(arg(args, nargs, 1));
  size_t i = v.find(sep);
  if (i == string_view::npos) {
    out[0] = s;
    out[1] = nilBytes();
    out[2] = vm::kFalse;
    return 3;
  }
  out[0] = sub(s, 0, static_cast<int64_t>(i));
  out[1] = sub(s, static_cast<int64_t>(i + sep.size()), static_cast<int64_t>(v.size()));
  out[2] = vm::kTrue;
  return 3;
}

int nCutPrefix(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view v = vm::byteSliceView(s);
  string_view prefix = vm::bytesView(arg(args, nargs, 1));
  bool found = v.starts_with(prefix);
  out[0] = found ? sub(s, static_cast<int64_t>(prefix.size()), static_cast<int64_t>(v.size())) : s;
  out[1] = vm::makeBool(found);
  return 2;
}

int nCutSuffix(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value s = bytesArg(args, nargs, 0);
  string_view v = vm::byteSliceView(s);
  string_view suffix = vm::bytesView(arg(args, nargs, 1));
  bool found = v.ends_with(suffix);
  out[0] = found ? sub(s, 0, static_cast<int64_t>(v.size() - suffix.size())) : s;
  out[1] = vm::makeBool(found);
  return 2;
}

// ---- Split and Fields ------------------------------------------------------------------------

Value pieces(const std::vector<Value, vm::GcAllocator<Value>>& parts) {
  return vm::sliceFromValues(bytesSliceType(), parts.data(), static_cast<int64_t>(parts.size()));
}

// Go's explode: at most n pieces of one UTF-8 sequence each (the last
// piece takes the rest).
Value explode(Value s, int64_t n) {
  string_view v = vm::byteSliceView(s);
  auto len = static_cast<int64_t>(v.size());
  if (n <= 0 || n > len) n = len;
  std::vector<Value, vm::GcAllocator<Value>> parts;
  int64_t at = 0;
  while (at < len) {
    if (static_cast<int64_t>(parts.size()) + 1 >= n) {
      parts.push_back(sub(s, at, len));
      break;
    }
    int width = utf8::decodeRune(v.substr(static_cast<size_t>(at))).width;
    parts.push_back(piece(s, at, at + width));
    at += width;
  }
  return pieces(parts);
}

// Go's genSplit: split around sep, keeping sepSave bytes of it.
Value genSplit(Value s, string_view sep, int64_t sepSave, int64_t n) {
  if (n == 0) return vm::nilOf(bytesSliceType());
  if (sep.empty()) return explode(s, n);
  string_view v = vm::byteSliceView(s);
  auto len = static_cast<int64_t>(v.size());
  if (n < 0) {
    n = 1;
    for (size_t i = v.find(sep); i != string_view::npos; i = v.find(sep, i + sep.size())) n++;
  }
  if (n > len + 1) n = len + 1;
  std::vector<Value, vm::GcAllocator<Value>> parts;
  int64_t at = 0;
  while (static_cast<int64_t>(parts.size()) < n - 1) {
    size_t m = v.find(sep, static_cast<size_t>(at));
    if (m == string_view::npos) break;
    auto end = static_cast<int64_t>(m) + sepSave;
    parts.push_back(piece(s, at, end));
    at = static_cast<int64_t>(m + sep.size());
  }
  parts.push_back(sub(s, at, len));
  return pieces(parts);
}

int nSplit(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = genSplit(bytesArg(args, nargs, 0), vm::bytesView(arg(args, nargs, 1)), 0, -1);
  return 1;
}
int nSplitN(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = genSplit(bytesArg(args, nargs, 0), vm::bytesView(arg(args, nargs, 1)), 0, argInt(args, nargs, 2));
  return 1;
}
int nSplitAfter(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view sep = vm::bytesView(arg(args, nargs, 1));
  out[0] = genSplit(bytesArg(args, nargs, 0), sep, static_cast<int64_t>(sep.size()), -1);
  return 1;
}
int nSplitAfterN(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view sep = vm::bytesView(arg(args, nargs, 1));
  out[0] = genSplit(bytesArg(args, nargs, 0), sep, static_cast<int64_t>(sep.size()), argInt(args, nargs, 2));
  return 1;
}

// The fields of s between runs of runes for which isSep holds.
template <typename Pred>
Value fields(Value s, Pred&& isSep) {
  string_view v = vm::byteSliceView(s);
  std::vector<Value, vm::GcAllocator<Value>> parts;
  int64_t start = -1;
  for (size_t i = 0; i < v.size();) {
    utf8::Decoded d = static_cast<uint8_t>(v[i]) < 0x80 ? utf8::Decoded{static_cast<uint8_t>(v[i]), 1}
                                                        : utf8::decodeRune(v.substr(i));
    if (isSep(d.rune)) {
      if (start >= 0) {
        parts.push_back(piece(s, start, static_cast<int64_t>(i)));
        start = -1;
      }
    } else if (start < 0) {
      start = static_cast<int64_t>(i);
    }
    i += static_cast<size_t>(d.width);
  }
  if (start >= 0) parts.push_back(piece(s, start, static_cast<int64_t>(v.size())));
  return pieces(parts);
}

int nFields(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = fields(bytesArg(args, nargs, 0), [](int32_t r) { return unicode::isSpace(r); });
  return 1;
}

int nFieldsFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value f = arg(args, nargs, 1);
  out[0] = fields(bytesArg(args, nargs, 0), [&](int32_t r) { return callPredicate(th, f, r); });
  return 1;
}

Value minRead() { return vm::makeInt(512); }

Value errTooLarge() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newError("bytes.Buffer: too large");
    return s;
  }();
  return *slot;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "bytes",
      "bytes",
      {
          funcMember("Contains", sameResult<kContains>),
          funcMember("ContainsAny", sameResult<kContainsAny>),
          funcMember("ContainsRune", sameResult<kContainsRune>),
          funcMember("ContainsFunc", sameResult<kContainsFunc>),
          funcMember("Count", sameResult<kCount>),
          funcMember("EqualFold", sameResult<kEqualFold>),
          funcMember("HasPrefix", sameResult<kHasPrefix>),
          funcMember("HasSuffix", sameResult<kHasSuffix>),
          funcMember("Index", sameResult<kIndex>),
          funcMember("IndexAny", sameResult<kIndexAny>),
          funcMember("IndexByte", sameResult<kIndexByte>),
          funcMember("IndexFunc", sameResult<kIndexFunc>),
          funcMember("IndexRune", sameResult<kIndexRune>),
          funcMember("LastIndex", sameResult<kLastIndex>),
          funcMember("LastIndexAny", sameResult<kLastIndexAny>),
          funcMember("LastIndexByte", sameResult<kLastIndexByte>),
          funcMember("LastIndexFunc", sameResult<kLastIndexFunc>),
          funcMember("Compare", sameResult<kCompare>),
          funcMember("Repeat", newBytes<kRepeat>),
          funcMember("ToUpper", newBytes<kToUpper>),
          funcMember("ToLower", newBytes<kToLower>),
          funcMember("Map", newBytes<kMap>),
          funcMember("ToValidUTF8", newBytes<kToValidUTF8>),
          funcMember("Replace", replaceBytes<kReplace>),
          funcMember("ReplaceAll", replaceBytes<kReplaceAll>),
          funcMember("Equal", nEqual),
          funcMember("Clone", nClone),
          funcMember("Runes", nRunes),
          funcMember("Join", nJoin),
          funcMember("Trim", nTrim),
          funcMember("TrimLeft", nTrimLeft),
          funcMember("TrimRight", nTrimRight),
          funcMember("TrimSpace", nTrimSpace),
          funcMember("TrimFunc", nTrimFunc),
          funcMember("TrimLeftFunc", nTrimLeftFunc),
          funcMember("TrimRightFunc", nTrimRightFunc),
          funcMember("TrimPrefix", nTrimPrefix),
          funcMember("TrimSuffix", nTrimSuffix),
          funcMember("Cut", nCut),
          funcMember("CutPrefix", nCutPrefix),
          funcMember("CutSuffix", nCutSuffix),
          funcMember("Split", nSplit),
          funcMember("SplitN", nSplitN),
          funcMember("SplitAfter", nSplitAfter),
          funcMember("SplitAfterN", nSplitAfterN),
          funcMember("Fields", nFields),
          funcMember("FieldsFunc", nFieldsFunc),
          funcMember("NewBuffer", bytesNewBuffer),
          funcMember("NewBufferString", bytesNewBufferString),
          funcMember("NewReader", bytesNewReader),
          constMember("MinRead", minRead),
          varMember("ErrTooLarge", errTooLarge),
          typeMember("Buffer", bytesBufferType),
          typeMember("Reader", bytesReaderType),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
