// stdlib/regexp.cpp: package regexp (and the error type of regexp/syntax),
// backed by RE2 through stdlib/regexp_program.h.
//
// A *regexp.Regexp is a struct {expr string; prog int}: prog names an
// interned, immutable Program (Program::byId), so copies of a Regexp share
// it and any number of goroutines may use one at once, as in Go. Longest()
// switches prog to the leftmost-longest program of the same pattern.
//
// Results follow Go's exactly: strings returned by Find* are substrings of
// the argument, []byte results of Find* are slices of the argument with
// their capacity cut at the match's end (b[i:j:j]); "no match" is a nil
// slice; unmatched groups are "" / nil / -1.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/quote.h"
#include "stdlib/regexp_program.h"
#include "stdlib/utf8_codec.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using regexp::Flavor;
using regexp::Program;
using vm::Value;
using ValueVec = std::vector<Value, vm::GcAllocator<Value>>;

// ---- Types --------------------------------------------------------------------

const vm::Type* regexpType();
const vm::Type* syntaxErrorType();
const vm::Type* errorCodeType();

const vm::Type* bytesType() { return vm::sliceOf(vm::types::uint8Type()); }
const vm::Type* intsType() { return vm::sliceOf(vm::types::intType()); }
const vm::Type* stringsType() { return vm::sliceOf(vm::types::stringType()); }

// A *syntax.Error value for e.
Value makeSyntaxError(const regexp::SyntaxError& e) {
  vm::StructObj* s = vm::newStruct(syntaxErrorType());
  s->fields()[0] = vm::makeStringOfType(errorCodeType(), e.code);
  s->fields()[1] = vm::makeString(e.expr);
  return Value::ref(s);
}

// A new *Regexp for program p.
Value makeRegexp(const Program* p) {
  vm::StructObj* s = vm::newStruct(regexpType());
  s->fields()[0] = vm::makeString(p->expr());
  s->fields()[1] = vm::makeInt(static_cast<int64_t>(p->id()));
  return Value::ref(s);
}

// The program of the receiver: nullptr for a zero Regexp (whose String,
// NumSubexp, SubexpNames and LiteralPrefix report nothing in Go); a nil
// *Regexp panics.
const Program* programOf(const Value* args) {
  Value id = receiverStruct(args)->fields()[1];
  return id.isInt() ? Program::byId(static_cast<uint64_t>(id.asInt())) : nullptr;
}

// The program of a receiver about to match: a zero Regexp panics, as Go's
// does when it reaches the missing program.
const Program* self(const Value* args) {
  const Program* p = programOf(args);
  if (p == nullptr) vm::throwNilDereference();
  return p;
}

// ---- Arguments and results ------------------------------------------------------

// A []byte argument (nil, typed or untyped, reads as empty).
std::string_view bytesArg(const Value* args, int nargs, int i) {
  Value v = arg(args, nargs, i);
  if (v.isNil()) return {};
  requireByteSlice(v);
  return vm::byteSliceView(v);
}

// b[lo:hi:hi], as Go's Find* return parts of their argument.
Value subslice(Value b, int64_t lo, int64_t hi) {
  if (!b.isObject()) return vm::nilOf(bytesType());
  return vm::sliceExpr(b, lo, hi, hi, true);
}

// A fresh []byte, nil when empty (Go's results built by append from nil).
Value newBytes(std::string_view s) {
  if (s.empty()) return vm::nilOf(bytesType());
  return vm::makeByteSlice(s);
}

Value intSlice(const int64_t* v, size_t n) {
  ValueVec vals;
  vals.reserve(n);
  for (size_t i = 0; i < n; i++) vals.push_back(vm::makeInt(v[i]));
  return vm::sliceFromValues(intsType(), vals.data(), static_cast<int64_t>(n));
}

Value sliceOfValues(const vm::Type* t, const ValueVec& vals) {
  return vm::sliceFromValues(t, vals.data(), static_cast<int64_t>(vals.size()));
}

// The text a string or []byte method works on, and how to return parts of
// it: substrings of the string, subslices of the []byte.
struct Subject {
  Value source;
  regexp::Text text;
  bool isBytes;

  Value part(int64_t lo, int64_t hi) const {
    if (isBytes) return subslice(source, lo, hi);
    return vm::makeSubstring(source, lo, hi - lo);
  }
  // An unmatched group: "" or nil.
  Value none() const { return isBytes ? vm::nilOf(bytesType()) : vm::makeString(""); }
  const vm::Type* partsType() const { return isBytes ? vm::sliceOf(bytesType()) : stringsType(); }
};

Subject subject(const Value* args, int nargs, int i, bool isBytes) {
  Value v = arg(args, nargs, i);
  if (isBytes) return {v, regexp::Text(bytesArg(args, nargs, i)), true};
  if (!vm::isString(v)) v = vm::makeString("");
  return {v, regexp::Text(vm::stringView(v)), false};
}

// The parts a match (2*ncap offsets) selects, as a []string or [][]byte.
Value matchParts(const Subject& s, const int64_t* m, int ncap) {
  ValueVec parts;
  parts.reserve(static_cast<size_t>(ncap));
  for (int i = 0; i < ncap; i++) {
    parts.push_back(m[2 * i] >= 0 ? s.part(m[2 * i], m[2 * i + 1]) : s.none());
  }
  return sliceOfValues(s.partsType(), parts);
}

// The first match at or after 0 with ncap groups, or false.
bool firstMatch(const Program* p, const regexp::Text& text, int ncap, std::vector<int64_t>& m) {
  m.assign(static_cast<size_t>(2 * ncap), -1);
  return p->match(text, 0, ncap, m.data());
}

// The runes an io.RuneReader yields until it reports an error or a size of
// 0, as text: Go's matchers read them one by one and report byte offsets
// counted in their sizes. A rune read from an invalid byte (U+FFFD, size 1)
// becomes one invalid byte, which matches as U+FFFD of width one, so the
// offsets agree. (Go stops reading once the match is decided; this reads
// the whole input first.)
std::string drainRuneReader(vm::Thread& th, Value reader) {
  std::optional<BoundMethod> readRune = findMethod(reader, "ReadRune");
  if (!readRune) vm::throwNilDereference();
  std::string text;
  for (;;) {
    Value res[3];
    int n = callMethodN(th, *readRune, nullptr, 0, res, 3);
    if (n < 3) break;
    int64_t size = res[1].isInt() ? res[1].asInt() : vm::toInt64(res[1]);
    if (size <= 0) break;
    int64_t r = res[0].isInt() ? res[0].asInt() : vm::toInt64(res[0]);
    if (utf8::runeLen(r) == size) {
      utf8::appendRune(text, r);
    } else {
      text.append(static_cast<size_t>(size), '\xff');
    }
    if (!res[2].isNil()) break;
  }
  return text;
}

// ---- Package functions ----------------------------------------------------------

int compileWith(const Value* args, int nargs, Value* out, Flavor flavor) {
  regexp::SyntaxError err;
  const Program* p = Program::compile(argString(args, nargs, 0), flavor, false, &err);
  if (p == nullptr) {
    out[0] = vm::nilOf(vm::pointerTo(regexpType()));
    out[1] = makeSyntaxError(err);
  } else {
    out[0] = makeRegexp(p);
    out[1] = Value();
  }
  return 2;
}

int nCompile(vm::Thread&, const Value* args, int nargs, Value* out) {
  return compileWith(args, nargs, out, Flavor::Perl);
}

int nCompilePOSIX(vm::Thread&, const Value* args, int nargs, Value* out) {
  return compileWith(args, nargs, out, Flavor::Posix);
}

// Go's quote in MustCompile's message: backquoted when possible.
std::string quotePattern(std::string_view s) {
  if (canBackquote(s)) return "`" + std::string(s) + "`";
  return quote(s);
}

int mustCompileWith(const Value* args, int nargs, Value* out, Flavor flavor) {
  std::string_view expr = argString(args, nargs, 0);
  regexp::SyntaxError err;
  const Program* p = Program::compile(expr, flavor, false, &err);
  if (p == nullptr) {
    std::string fn = flavor == Flavor::Perl ? "Compile" : "CompilePOSIX";
    vm::throwPanic(vm::makeString("regexp: " + fn + "(" + quotePattern(expr) +
                                  "): " + err.message()));
  }
  out[0] = makeRegexp(p);
  return 1;
}

int nMustCompile(vm::Thread&, const Value* args, int nargs, Value* out) {
  return mustCompileWith(args, nargs, out, Flavor::Perl);
}

int nMustCompilePOSIX(vm::Thread&, const Value* args, int nargs, Value* out) {
  return mustCompileWith(args, nargs, out, Flavor::Posix);
}

// The program for the pattern in args[0] of regexp.MatchString, Match and
// MatchReader; on error, sets their results (false, err) and returns null.
const Program* compileForMatch(const Value* args, int nargs, Value* out) {
  regexp::SyntaxError err;
  const Program* p = Program::compile(argString(args, nargs, 0), Flavor::Perl, false, &err);
  if (p == nullptr) {
    out[0] = vm::kFalse;
    out[1] = makeSyntaxError(err);
  }
  return p;
}

// regexp.MatchString(pattern, s) and regexp.Match(pattern, b).
int matchPattern(const Value* args, int nargs, Value* out, bool isBytes) {
  const Program* p = compileForMatch(args, nargs, out);
  if (p == nullptr) return 2;
  Subject s = subject(args, nargs, 1, isBytes);
  out[0] = vm::makeBool(p->match(s.text, 0, 0, nullptr));
  out[1] = Value();
  return 2;
}

int nMatchString(vm::Thread&, const Value* args, int nargs, Value* out) {
  return matchPattern(args, nargs, out, false);
}

int nMatch(vm::Thread&, const Value* args, int nargs, Value* out) {
  return matchPattern(args, nargs, out, true);
}

int nMatchReader(vm::Thread& th, const Value* args, int nargs, Value* out) {
  const Program* p = compileForMatch(args, nargs, out);
  if (p == nullptr) return 2;
  std::string text = drainRuneReader(th, arg(args, nargs, 1));
  out[0] = vm::makeBool(p->match(regexp::Text(text), 0, 0, nullptr));
  out[1] = Value();
  return 2;
}

int nQuoteMeta(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(regexp::quoteMeta(argString(args, nargs, 0)));
  return 1;
}

// ---- Simple methods ---------------------------------------------------------------

int mString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = receiverStruct(args)->fields()[0];
  return 1;
}

int mNumSubexp(vm::Thread&, const Value* args, int, Value* out) {
  const Program* p = programOf(args);
  out[0] = vm::makeInt(p ? p->numSubexp() : 0);
  return 1;
}

int mSubexpNames(vm::Thread&, const Value* args, int, Value* out) {
  const Program* p = programOf(args);
  if (p == nullptr) {
    out[0] = vm::nilOf(stringsType());
    return 1;
  }
  std::vector<std::string_view> views(p->subexpNames().begin(), p->subexpNames().end());
  out[0] = makeStringSlice(views);
  return 1;
}

int mSubexpIndex(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view name = argString(args, nargs, 1);
  const Program* p = programOf(args);
  int64_t index = -1;
  if (!name.empty() && p != nullptr) {
    const std::vector<std::string>& names = p->subexpNames();
    for (size_t i = 0; i < names.size(); i++) {
      if (names[i] == name) {
        index = static_cast<int64_t>(i);
        break;
      }
    }
  }
  out[0] = vm::makeInt(index);
  return 1;
}

int mLiteralPrefix(vm::Thread&, const Value* args, int, Value* out) {
  const Program* p = programOf(args);
  out[0] = vm::makeString(p ? std::string_view(p->literalPrefix().prefix) : std::string_view());
  out[1] = vm::makeBool(p && p->literalPrefix().complete);
  return 2;
}

int mLongest(vm::Thread&, const Value* args, int, Value*) {
  const Program* p = programOf(args);
  if (p != nullptr) {
    receiverStruct(args)->fields()[1] = vm::makeInt(static_cast<int64_t>(p->longestVariant()->id()));
  }
  return 0;
}

int mCopy(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* copy = vm::newStruct(regexpType());
  vm::StructObj* orig = receiverStruct(args);
  copy->fields()[0] = orig->fields()[0];
  copy->fields()[1] = orig->fields()[1];
  out[0] = Value::ref(copy);
  return 1;
}

int mMarshalText(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeByteSlice(vm::stringView(receiverStruct(args)->fields()[0]));
  out[1] = Value();
  return 2;
}

int mUnmarshalText(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* re = receiverStruct(args);
  regexp::SyntaxError err;
  const Program* p = Program::compile(std::string(bytesArg(args, nargs, 1)), Flavor::Perl,
                                      false, &err);
  if (p == nullptr) {
    out[0] = makeSyntaxError(err);
    return 1;
  }
  re->fields()[0] = vm::makeString(p->expr());
  re->fields()[1] = vm::makeInt(static_cast<int64_t>(p->id()));
  out[0] = Value();
  return 1;
}

// ---- Matching -------------------------------------------------------------------

template <bool kBytes>
int mMatch(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, kBytes);
  out[0] = vm::makeBool(p->match(s.text, 0, 0, nullptr));
  return 1;
}

// Find / FindString.
template <bool kBytes>
int mFind(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, kBytes);
  std::vector<int64_t> m;
  if (!firstMatch(p, s.text, 1, m)) {
    out[0] = kBytes ? vm::nilOf(bytesType()) : vm::makeString("");
  } else {
    out[0] = s.part(m[0], m[1]);
  }
  return 1;
}

// FindIndex / FindStringIndex (kSub false), FindSubmatchIndex /
// FindStringSubmatchIndex (kSub true).
template <bool kBytes, bool kSub>
int mFindIndex(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, kBytes);
  int ncap = kSub ? p->numSubexp() + 1 : 1;
  std::vector<int64_t> m;
  out[0] = firstMatch(p, s.text, ncap, m) ? intSlice(m.data(), m.size()) : vm::nilOf(intsType());
  return 1;
}

// FindSubmatch / FindStringSubmatch.
template <bool kBytes>
int mFindSubmatch(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, kBytes);
  int ncap = p->numSubexp() + 1;
  std::vector<int64_t> m;
  out[0] = firstMatch(p, s.text, ncap, m) ? matchParts(s, m.data(), ncap) : vm::nilOf(s.partsType());
  return 1;
}

// MatchReader, FindReaderIndex and FindReaderSubmatchIndex.
int mMatchReader(vm::Thread& th, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  std::string text = drainRuneReader(th, arg(args, nargs, 1));
  out[0] = vm::makeBool(p->match(regexp::Text(text), 0, 0, nullptr));
  return 1;
}

template <bool kSub>
int mFindReaderIndex(vm::Thread& th, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  std::string text = drainRuneReader(th, arg(args, nargs, 1));
  int ncap = kSub ? p->numSubexp() + 1 : 1;
  std::vector<int64_t> m;
  regexp::Text t(text);
  out[0] = firstMatch(p, t, ncap, m) ? intSlice(m.data(), m.size()) : vm::nilOf(intsType());
  return 1;
}

// What each FindAll* method delivers per match.
enum class AllKind { Text, Index, Submatch, SubmatchIndex };

template <bool kBytes, AllKind kKind>
int mFindAll(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, kBytes);
  int64_t n = argInt(args, nargs, 2);
  bool sub = kKind == AllKind::Submatch || kKind == AllKind::SubmatchIndex;
  int ncap = sub ? p->numSubexp() + 1 : 1;
  std::vector<int64_t> all = regexp::allMatches(*p, s.text, n, ncap);
  const vm::Type* elemType = nullptr;
  switch (kKind) {
    case AllKind::Text: elemType = kBytes ? bytesType() : vm::types::stringType(); break;
    case AllKind::Index:
    case AllKind::SubmatchIndex: elemType = intsType(); break;
    case AllKind::Submatch: elemType = s.partsType(); break;
  }
  const vm::Type* resultType = vm::sliceOf(elemType);
  if (all.empty()) {
    out[0] = vm::nilOf(resultType);
    return 1;
  }
  ValueVec results;
  size_t stride = static_cast<size_t>(2 * ncap);
  for (size_t k = 0; k < all.size(); k += stride) {
    const int64_t* m = all.data() + k;
    switch (kKind) {
      case AllKind::Text: results.push_back(s.part(m[0], m[1])); break;
      case AllKind::Index:
      case AllKind::SubmatchIndex: results.push_back(intSlice(m, stride)); break;
      case AllKind::Submatch: results.push_back(matchParts(s, m, ncap)); break;
    }
  }
  out[0] = sliceOfValues(resultType, results);
  return 1;
}

// ---- Replacing and expanding ------------------------------------------------------

// The panic for a match index outside the source, as slicing it in Go.
[[noreturn]] void throwBadMatchIndex(int64_t lo, int64_t hi, size_t len) {
  if (hi > static_cast<int64_t>(len)) {
    vm::throwBoundsError("slice bounds out of range [:" + std::to_string(hi) + "] with length " +
                         std::to_string(len));
  }
  vm::throwBoundsError("slice bounds out of range [" + std::to_string(lo) + ":" +
                       std::to_string(hi) + "]");
}

void expandInto(const Program& p, std::string& dst, std::string_view tmpl, std::string_view src,
                const int64_t* m, size_t n) {
  int64_t lo = 0, hi = 0;
  if (!regexp::expand(p, dst, tmpl, src, m, n, &lo, &hi)) throwBadMatchIndex(lo, hi, src.size());
}

// ReplaceAllString / ReplaceAll: repl with $ expansion.
template <bool kBytes>
int mReplaceAll(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, kBytes);
  std::string tmpl(kBytes ? bytesArg(args, nargs, 2) : argString(args, nargs, 2));
  int ncap = tmpl.find('$') != std::string::npos ? p->numSubexp() + 1 : 1;
  std::string src(s.text.original());
  std::string result =
      regexp::replaceAll(*p, regexp::Text(src), ncap, [&](std::string& dst, const int64_t* m) {
        expandInto(*p, dst, tmpl, src, m, static_cast<size_t>(2 * ncap));
      });
  out[0] = kBytes ? newBytes(result) : vm::makeString(result);
  return 1;
}

// ReplaceAllLiteralString / ReplaceAllLiteral.
template <bool kBytes>
int mReplaceAllLiteral(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, kBytes);
  std::string repl(kBytes ? bytesArg(args, nargs, 2) : argString(args, nargs, 2));
  std::string result = regexp::replaceAll(*p, s.text, 1, [&](std::string& dst, const int64_t*) {
    dst += repl;
  });
  out[0] = kBytes ? newBytes(result) : vm::makeString(result);
  return 1;
}

// ReplaceAllStringFunc / ReplaceAllFunc: repl is script code, called with
// the matched text: a substring, or for []byte the slice src[i:j], whose
// capacity runs to the end of src as in Go (so a callback that appends to
// it writes into src, and the rest of the replacement sees that).
template <bool kBytes>
int mReplaceAllFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, kBytes);
  Value fn = arg(args, nargs, 2);
  auto matched = [&](int64_t lo, int64_t hi) {
    if (!kBytes) return s.part(lo, hi);
    if (!s.source.isObject()) return vm::nilOf(bytesType());
    return vm::sliceExpr(s.source, lo, hi, 0, false);
  };
  std::string result = regexp::replaceAll(*p, s.text, 1, [&](std::string& dst, const int64_t* m) {
    // Appending to the argument writes into src right after the match:
    // watch those bytes, since the search goes on over src as it now is.
    std::string_view sv = s.text.original();
    size_t after = static_cast<size_t>(m[1]);
    std::string watched;
    if (kBytes) watched = sv.substr(after, 4);
    Value r = vm::callFunction1(th, fn, {matched(m[0], m[1])});
    if (kBytes) {
      if (sv.substr(after, 4) != watched) s.text.refresh();
      if (!r.isNil()) {
        requireByteSlice(r);
        dst += vm::byteSliceView(r);
      }
    } else if (vm::isString(r)) {
      dst += vm::stringView(r);
    }
  });
  out[0] = kBytes ? newBytes(result) : vm::makeString(result);
  return 1;
}

// Expand(dst []byte, template []byte, src []byte, match []int) []byte and
// ExpandString(dst []byte, template string, src string, match []int) []byte.
template <bool kBytes>
int mExpand(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Value dst = arg(args, nargs, 1);
  std::string tmpl(kBytes ? bytesArg(args, nargs, 2) : argString(args, nargs, 2));
  std::string src(kBytes ? bytesArg(args, nargs, 3) : argString(args, nargs, 3));
  std::vector<int64_t> m;
  for (Value v : sliceView(arg(args, nargs, 4))) m.push_back(v.isInt() ? v.asInt() : vm::toInt64(v));
  std::string added;
  expandInto(*p, added, tmpl, src, m.data(), m.size());
  if (dst.isNil()) {
    out[0] = newBytes(added);
  } else {
    requireByteSlice(dst);
    out[0] = added.empty() ? dst : vm::appendBytes(dst, added);
  }
  return 1;
}

int mSplit(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Program* p = self(args);
  Subject s = subject(args, nargs, 1, false);
  int64_t n = argInt(args, nargs, 2);
  if (n == 0) {
    out[0] = vm::nilOf(stringsType());
    return 1;
  }
  std::vector<std::string_view> pieces = regexp::split(*p, s.text, n);
  ValueVec vals;
  vals.reserve(pieces.size());
  const char* base = s.text.original().data();
  for (std::string_view piece : pieces) {
    vals.push_back(s.part(piece.data() - base, piece.data() - base + static_cast<int64_t>(piece.size())));
  }
  out[0] = sliceOfValues(stringsType(), vals);
  return 1;
}

// ---- syntax.Error -------------------------------------------------------------------

int syntaxErrorError(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* e = receiverStruct(args);
  regexp::SyntaxError err{std::string(vm::stringView(e->fields()[0])),
                          std::string(vm::stringView(e->fields()[1]))};
  out[0] = vm::makeString(err.message());
  return 1;
}

int errorCodeString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(vm::stringView(args[0]));
  return 1;
}

const vm::Type* errorCodeType() {
  static const vm::Type* t = [] {
    vm::Type* named = vm::newNamed("syntax", "regexp/syntax", "ErrorCode", vm::types::stringType());
    defineMethod(named, "String", errorCodeString, false);
    return named;
  }();
  return t;
}

const vm::Type* syntaxErrorType() {
  static const vm::Type* t = [] {
    vm::Type* named = vm::newNamed("syntax", "regexp/syntax", "Error", nullptr);
    vm::setUnderlying(named, vm::structOf(std::vector<vm::Field>{
                                 field("Code", errorCodeType()),
                                 field("Expr", vm::types::stringType())}));
    defineMethod(named, "Error", syntaxErrorError, true);
    return named;
  }();
  return t;
}

// ---- Registration ---------------------------------------------------------------------

const vm::Type* regexpType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("regexp", "Regexp",
                                   {field("expr", vm::types::stringType()),
                                    field("prog", vm::types::intType())});
    struct Method {
      std::string_view name;
      vm::NativeFn fn;
    };
    const Method methods[] = {
        {"String", mString},
        {"NumSubexp", mNumSubexp},
        {"SubexpNames", mSubexpNames},
        {"SubexpIndex", mSubexpIndex},
        {"LiteralPrefix", mLiteralPrefix},
        {"Longest", mLongest},
        {"Copy", mCopy},
        {"MarshalText", mMarshalText},
        {"UnmarshalText", mUnmarshalText},
        {"Match", mMatch<true>},
        {"MatchString", mMatch<false>},
        {"Find", mFind<true>},
        {"FindString", mFind<false>},
        {"FindIndex", mFindIndex<true, false>},
        {"FindStringIndex", mFindIndex<false, false>},
        {"FindSubmatchIndex", mFindIndex<true, true>},
        {"FindStringSubmatchIndex", mFindIndex<false, true>},
        {"FindSubmatch", mFindSubmatch<true>},
        {"FindStringSubmatch", mFindSubmatch<false>},
        {"FindAll", mFindAll<true, AllKind::Text>},
        {"FindAllString", mFindAll<false, AllKind::Text>},
        {"FindAllIndex", mFindAll<true, AllKind::Index>},
        {"FindAllStringIndex", mFindAll<false, AllKind::Index>},
        {"FindAllSubmatch", mFindAll<true, AllKind::Submatch>},
        {"FindAllStringSubmatch", mFindAll<false, AllKind::Submatch>},
        {"FindAllSubmatchIndex", mFindAll<true, AllKind::SubmatchIndex>},
        {"FindAllStringSubmatchIndex", mFindAll<false, AllKind::SubmatchIndex>},
        {"ReplaceAll", mReplaceAll<true>},
        {"ReplaceAllString", mReplaceAll<false>},
        {"ReplaceAllLiteral", mReplaceAllLiteral<true>},
        {"ReplaceAllLiteralString", mReplaceAllLiteral<false>},
        {"ReplaceAllFunc", mReplaceAllFunc<true>},
        {"ReplaceAllStringFunc", mReplaceAllFunc<false>},
        {"Expand", mExpand<true>},
        {"ExpandString", mExpand<false>},
        {"Split", mSplit},
        {"MatchReader", mMatchReader},
        {"FindReaderIndex", mFindReaderIndex<false>},
        {"FindReaderSubmatchIndex", mFindReaderIndex<true>},
    };
    for (const Method& m : methods) defineMethod(named, m.name, m.fn, true);
    return named;
  }();
  return t;
}

template <const std::string_view& kCode>
Value errorCodeConst() {
  return vm::makeStringOfType(errorCodeType(), kCode);
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "regexp",
      "regexp",
      {
          funcMember("Compile", nCompile),
          funcMember("CompilePOSIX", nCompilePOSIX),
          funcMember("MustCompile", nMustCompile),
          funcMember("MustCompilePOSIX", nMustCompilePOSIX),
          funcMember("MatchString", nMatchString),
          funcMember("Match", nMatch),
          funcMember("MatchReader", nMatchReader),
          funcMember("QuoteMeta", nQuoteMeta),
          typeMember("Regexp", regexpType),
      },
  });
  namespace ec = regexp::errcode;
  vm::registerPackage(vm::NativePackage{
      "regexp/syntax",
      "syntax",
      {
          typeMember("Error", syntaxErrorType),
          typeMember("ErrorCode", errorCodeType),
          constMember("ErrInternalError", errorCodeConst<ec::kInternalError>),
          constMember("ErrInvalidCharClass", errorCodeConst<ec::kInvalidCharClass>),
          constMember("ErrInvalidCharRange", errorCodeConst<ec::kInvalidCharRange>),
          constMember("ErrInvalidEscape", errorCodeConst<ec::kInvalidEscape>),
          constMember("ErrInvalidNamedCapture", errorCodeConst<ec::kInvalidNamedCapture>),
          constMember("ErrInvalidPerlOp", errorCodeConst<ec::kInvalidPerlOp>),
          constMember("ErrInvalidRepeatOp", errorCodeConst<ec::kInvalidRepeatOp>),
          constMember("ErrInvalidRepeatSize", errorCodeConst<ec::kInvalidRepeatSize>),
          constMember("ErrInvalidUTF8", errorCodeConst<ec::kInvalidUTF8>),
          constMember("ErrMissingBracket", errorCodeConst<ec::kMissingBracket>),
          constMember("ErrMissingParen", errorCodeConst<ec::kMissingParen>),
          constMember("ErrMissingRepeatArgument", errorCodeConst<ec::kMissingRepeatArgument>),
          constMember("ErrTrailingBackslash", errorCodeConst<ec::kTrailingBackslash>),
          constMember("ErrUnexpectedParen", errorCodeConst<ec::kUnexpectedParen>),
          constMember("ErrNestingDepth", errorCodeConst<ec::kNestingDepth>),
          constMember("ErrLarge", errorCodeConst<ec::kLarge>),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
