// stdlib/strings.cpp: package strings, functions. The exported types
// (Builder, Reader, Replacer) are in strings_types.cpp.
//
// Every function follows Go's definition on arbitrary bytes, including
// invalid UTF-8: where Go decodes runes, an invalid byte is U+FFFD of width
// one; functions that build new text from runes (Map, ToUpper, ToLower)
// therefore turn invalid bytes into the encoding of U+FFFD, as Go's do.
// Results that are parts of an argument share its bytes (makeSubstring).
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/native_support.h"
#include "stdlib/strings_types.h"
#include "stdlib/unicode_props.h"
#include "stdlib/unicode_special_case.h"
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
constexpr size_t npos = string_view::npos;

// ---- Pure helpers ---------------------------------------------------------------

int64_t indexOf(string_view s, string_view sub) {
  size_t i = s.find(sub);
  return i == npos ? -1 : static_cast<int64_t>(i);
}

int64_t countOf(string_view s, string_view sub) {
  if (sub.empty()) return static_cast<int64_t>(utf8::runeCount(s)) + 1;
  int64_t n = 0;
  for (size_t i = s.find(sub); i != npos; i = s.find(sub, i + sub.size())) n++;
  return n;
}

// Go's IndexRune, including its treatment of RuneError and invalid runes.
int64_t indexRune(string_view s, int64_t r) {
  if (r >= 0 && r < utf8::kRuneSelf) {
    size_t i = s.find(static_cast<char>(r));
    return i == npos ? -1 : static_cast<int64_t>(i);
  }
  if (r == utf8::kRuneError) {
    for (size_t i = 0; i < s.size();) {
      utf8::Decoded d = utf8::decodeRune(s.substr(i));
      if (d.rune == utf8::kRuneError) return static_cast<int64_t>(i);
      i += static_cast<size_t>(d.width);
    }
    return -1;
  }
  if (!utf8::validRune(r)) return -1;
  std::string enc;
  utf8::appendRune(enc, r);
  return indexOf(s, enc);
}

template <typename F>
void forEachRune(string_view s, F&& f) {
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = static_cast<uint8_t>(s[i]) < 0x80
                          ? utf8::Decoded{static_cast<uint8_t>(s[i]), 1}
                          : utf8::decodeRune(s.substr(i));
    if (!f(i, d)) return;
    i += static_cast<size_t>(d.width);
  }
}

int64_t indexAny(string_view s, string_view chars) {
  if (chars.empty()) return -1;
  int64_t found = -1;
  forEachRune(s, [&](size_t i, utf8::Decoded d) {
    if (indexRune(chars, d.rune) >= 0) {
      found = static_cast<int64_t>(i);
      return false;
    }
    return true;
  });
  return found;
}

int64_t lastIndexAny(string_view s, string_view chars) {
  if (chars.empty()) return -1;
  for (size_t end = s.size(); end > 0;) {
    utf8::Decoded d = utf8::decodeLastRune(s.substr(0, end));
    end -= static_cast<size_t>(d.width);
    if (indexRune(chars, d.rune) >= 0) return static_cast<int64_t>(end);
  }
  return -1;
}

bool equalFold(string_view s, string_view t) {
  while (!s.empty() && !t.empty()) {
    utf8::Decoded a = utf8::decodeRune(s);
    utf8::Decoded b = utf8::decodeRune(t);
    s.remove_prefix(static_cast<size_t>(a.width));
    t.remove_prefix(static_cast<size_t>(b.width));
    int32_t sr = a.rune, tr = b.rune;
    if (sr == tr) continue;
    if (tr < sr) std::swap(sr, tr);
    // ASCII: only A-Z / a-z fold.
    if (tr < utf8::kRuneSelf) {
      if (sr >= 'A' && sr <= 'Z' && tr == sr + 'a' - 'A') continue;
      return false;
    }
    // General case: walk sr's fold orbit looking for tr.
    int32_t r = unicode::simpleFold(sr);
    while (r != sr && r < tr) r = unicode::simpleFold(r);
    if (r == tr) continue;
    return false;
  }
  return s.empty() && t.empty();
}

template <typename Pred>
string_view trimLeftFunc(string_view s, Pred&& keep) {
  size_t i = 0;
  while (i < s.size()) {
    utf8::Decoded d = utf8::decodeRune(s.substr(i));
    if (!keep(d.rune)) break;
    i += static_cast<size_t>(d.width);
  }
  return s.substr(i);
}

template <typename Pred>
string_view trimRightFunc(string_view s, Pred&& keep) {
  size_t end = s.size();
  while (end > 0) {
    utf8::Decoded d = utf8::decodeLastRune(s.substr(0, end));
    if (!keep(d.rune)) break;
    end -= static_cast<size_t>(d.width);
  }
  return s.substr(0, end);
}

// Go's Map over a C++ mapping: invalid bytes become U+FFFD.
template <typename F>
std::string mapRunes(string_view s, F&& mapping) {
  std::string out;
  out.reserve(s.size());
  forEachRune(s, [&](size_t, utf8::Decoded d) {
    int64_t r = mapping(d.rune);
    if (r >= 0) utf8::appendRune(out, r);
    return true;
  });
  return out;
}

// A part [off, off+len) of the string value `parent`.
Value sub(Value parent, size_t off, size_t len) {
  return vm::makeSubstring(parent, static_cast<int64_t>(off), static_cast<int64_t>(len));
}
Value sub(Value parent, string_view whole, string_view part) {
  return sub(parent, static_cast<size_t>(part.data() - whole.data()), part.size());
}

Value stringSliceOf(const std::vector<Value, vm::GcAllocator<Value>>& parts) {
  return vm::sliceFromValues(vm::sliceOf(vm::types::stringType()), parts.data(),
                             static_cast<int64_t>(parts.size()));
}

// Go's genSplit: n < 0 means all; sepSave keeps that many bytes of each
// separator at the end of the part (SplitAfter).
Value genSplit(Value sv, string_view sep, size_t sepSave, int64_t n) {
  string_view s = vm::stringView(sv);
  if (n == 0) return vm::nilOf(vm::sliceOf(vm::types::stringType()));
  std::vector<Value, vm::GcAllocator<Value>> parts;
  if (sep.empty()) {
    // Split into UTF-8 sequences, the last part holding the rest.
    int64_t count = static_cast<int64_t>(utf8::runeCount(s));
    if (n < 0 || n > count) n = count;
    size_t i = 0;
    for (int64_t k = 0; k < n - 1 && i < s.size(); k++) {
      utf8::Decoded d = utf8::decodeRune(s.substr(i));
      auto w = static_cast<size_t>(d.width);
      // An invalid byte becomes "\uFFFD", as Go's explode makes it.
      parts.push_back(d.rune == utf8::kRuneError ? vm::makeString("\xEF\xBF\xBD") : sub(sv, i, w));
      i += w;
    }
    if (n > 0) parts.push_back(sub(sv, i, s.size() - i));
    return stringSliceOf(parts);
  }
  if (n < 0) n = countOf(s, sep) + 1;
  size_t start = 0;
  for (int64_t k = 0; k < n - 1; k++) {
    size_t m = s.find(sep, start);
    if (m == npos) break;
    parts.push_back(sub(sv, start, m - start + sepSave));
    start = m + sep.size();
  }
  parts.push_back(sub(sv, start, s.size() - start));
  return stringSliceOf(parts);
}

template <typename IsSep>
Value fieldsBy(Value sv, IsSep&& isSep) {
  string_view s = vm::stringView(sv);
  std::vector<Value, vm::GcAllocator<Value>> parts;
  size_t start = npos;
  forEachRune(s, [&](size_t i, utf8::Decoded d) {
    if (isSep(d.rune)) {
      if (start != npos) {
        parts.push_back(sub(sv, start, i - start));
        start = npos;
      }
    } else if (start == npos) {
      start = i;
    }
    return true;
  });
  if (start != npos) parts.push_back(sub(sv, start, s.size() - start));
  return stringSliceOf(parts);
}

std::string replace(string_view s, string_view oldS, string_view newS, int64_t n) {
  if (oldS == newS || n == 0) return std::string(s);
  int64_t m = countOf(s, oldS);
  if (m == 0) return std::string(s);
  if (n < 0 || m < n) n = m;
  std::string out;
  size_t start = 0;
  for (int64_t i = 0; i < n; i++) {
    size_t j = start;
    if (oldS.empty()) {
      if (i > 0) j += static_cast<size_t>(utf8::decodeRune(s.substr(start)).width);
    } else {
      j = s.find(oldS, start);
    }
    out.append(s.substr(start, j - start));
    out.append(newS);
    start = j + oldS.size();
  }
  out.append(s.substr(start));
  return out;
}

bool callPredicate(vm::Thread& th, Value f, int32_t r) {
  Value v = vm::callFunction1(th, f, {vm::makeIntOfType(vm::types::int32Type(), int64_t{r})});
  return !v.isNil() && vm::toBool(v);
}

// ---- Natives -------------------------------------------------------------------------

#define GSL_STR(i) argString(args, nargs, i)

int nContains(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(GSL_STR(0).find(GSL_STR(1)) != npos);
  return 1;
}
int nContainsRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(indexRune(GSL_STR(0), argInt(args, nargs, 1)) >= 0);
  return 1;
}
int nContainsAny(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(indexAny(GSL_STR(0), GSL_STR(1)) >= 0);
  return 1;
}
int nHasPrefix(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(GSL_STR(0).starts_with(GSL_STR(1)));
  return 1;
}
int nHasSuffix(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(GSL_STR(0).ends_with(GSL_STR(1)));
  return 1;
}
int nIndex(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(indexOf(GSL_STR(0), GSL_STR(1)));
  return 1;
}
int nLastIndex(vm::Thread&, const Value* args, int nargs, Value* out) {
  size_t i = GSL_STR(0).rfind(GSL_STR(1));
  out[0] = vm::makeInt(i == npos ? -1 : static_cast<int64_t>(i));
  return 1;
}
int nIndexByte(vm::Thread&, const Value* args, int nargs, Value* out) {
  size_t i = GSL_STR(0).find(static_cast<char>(argInt(args, nargs, 1)));
  out[0] = vm::makeInt(i == npos ? -1 : static_cast<int64_t>(i));
  return 1;
}
int nLastIndexByte(vm::Thread&, const Value* args, int nargs, Value* out) {
  size_t i = GSL_STR(0).rfind(static_cast<char>(argInt(args, nargs, 1)));
  out[0] = vm::makeInt(i == npos ? -1 : static_cast<int64_t>(i));
  return 1;
}
int nIndexRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(indexRune(GSL_STR(0), argInt(args, nargs, 1)));
  return 1;
}
int nIndexAny(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(indexAny(GSL_STR(0), GSL_STR(1)));
  return 1;
}
int nLastIndexAny(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(lastIndexAny(GSL_STR(0), GSL_STR(1)));
  return 1;
}
int nIndexFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  int64_t found = -1;
  Value f = arg(args, nargs, 1);
  forEachRune(GSL_STR(0), [&](size_t i, utf8::Decoded d) {
    if (callPredicate(th, f, d.rune)) {
      found = static_cast<int64_t>(i);
      return false;
    }
    return true;
  });
  out[0] = vm::makeInt(found);
  return 1;
}
int nLastIndexFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  string_view s = GSL_STR(0);
  Value f = arg(args, nargs, 1);
  int64_t found = -1;
  for (size_t end = s.size(); end > 0;) {
    utf8::Decoded d = utf8::decodeLastRune(s.substr(0, end));
    end -= static_cast<size_t>(d.width);
    if (callPredicate(th, f, d.rune)) {
      found = static_cast<int64_t>(end);
      break;
    }
  }
  out[0] = vm::makeInt(found);
  return 1;
}
int nContainsFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  bool found = false;
  Value f = arg(args, nargs, 1);
  forEachRune(GSL_STR(0), [&](size_t, utf8::Decoded d) {
    found = callPredicate(th, f, d.rune);
    return !found;
  });
  out[0] = vm::makeBool(found);
  return 1;
}

int nSplit(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = genSplit(arg(args, nargs, 0), GSL_STR(1), 0, -1);
  return 1;
}
int nSplitN(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = genSplit(arg(args, nargs, 0), GSL_STR(1), 0, argInt(args, nargs, 2));
  return 1;
}
int nSplitAfter(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = genSplit(arg(args, nargs, 0), GSL_STR(1), GSL_STR(1).size(), -1);
  return 1;
}
int nSplitAfterN(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = genSplit(arg(args, nargs, 0), GSL_STR(1), GSL_STR(1).size(), argInt(args, nargs, 2));
  return 1;
}
// strings.Fields. ASCII text (the common case) takes Go's fast path: one
// pass counts the fields, the result is allocated at its exact size, a
// second pass fills it; anything else goes through the rune-by-rune loop.
int nFields(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value sv = arg(args, nargs, 0);
  string_view s = vm::stringView(sv);
  static constexpr auto kAsciiSpace = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'\t', '\n', '\v', '\f', '\r', ' '}) t[c] = true;
    return t;
  }();
  size_t n = 0;
  bool wasSpace = true;
  unsigned char seen = 0;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    seen |= c;
    bool isSpace = kAsciiSpace[c];
    n += static_cast<size_t>(wasSpace && !isSpace);
    wasSpace = isSpace;
  }
  if (seen >= 0x80) {
    out[0] = fieldsBy(sv, [](int32_t r) { return unicode::isSpace(r); });
    return 1;
  }
  const vm::Type* t = vm::sliceOf(vm::types::stringType());
  Value result = vm::makeSlice(t, static_cast<int64_t>(n), static_cast<int64_t>(n));
  size_t k = 0, i = 0;
  while (k < n) {
    while (kAsciiSpace[static_cast<unsigned char>(s[i])]) i++;
    size_t start = i;
    while (i < s.size() && !kAsciiSpace[static_cast<unsigned char>(s[i])]) i++;
    vm::sliceStore(result, static_cast<int64_t>(k++), sub(sv, start, i - start));
  }
  out[0] = result;
  return 1;
}
int nFieldsFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value f = arg(args, nargs, 1);
  out[0] = fieldsBy(arg(args, nargs, 0), [&](int32_t r) { return callPredicate(th, f, r); });
  return 1;
}

int nJoin(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view sep = GSL_STR(1);
  std::string s;
  bool first = true;
  for (Value e : sliceView(arg(args, nargs, 0))) {
    if (!first) s += sep;
    first = false;
    s += vm::stringView(e);
  }
  out[0] = vm::makeString(s);
  return 1;
}

int nRepeat(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view s = GSL_STR(0);
  int64_t count = argInt(args, nargs, 1);
  if (count < 0) vm::throwPanic(vm::makeString("strings: negative Repeat count"));
  if (!s.empty() && static_cast<uint64_t>(count) > (uint64_t(1) << 62) / s.size()) {
    vm::throwPanic(vm::makeString("strings: Repeat output length overflow"));
  }
  std::string r;
  r.reserve(s.size() * static_cast<size_t>(count));
  for (int64_t i = 0; i < count; i++) r += s;
  out[0] = vm::makeString(r);
  return 1;
}

int nReplace(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(replace(GSL_STR(0), GSL_STR(1), GSL_STR(2), argInt(args, nargs, 3)));
  return 1;
}
int nReplaceAll(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(replace(GSL_STR(0), GSL_STR(1), GSL_STR(2), -1));
  return 1;
}

// ToUpperSpecial(c unicode.SpecialCase, s string) and its siblings:
// Map(c.ToUpper, s).
template <int Which>
int nToSpecial(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value c = arg(args, nargs, 0);
  out[0] = vm::makeString(mapRunes(GSL_STR(1), [&](int32_t r) { return unicode::specialCaseTo(c, Which, r); }));
  return 1;
}

int nToUpper(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(mapRunes(GSL_STR(0), [](int32_t r) { return unicode::toUpper(r); }));
  return 1;
}
int nToLower(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(mapRunes(GSL_STR(0), [](int32_t r) { return unicode::toLower(r); }));
  return 1;
}
int nToTitle(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(mapRunes(GSL_STR(0), [](int32_t r) { return unicode::toTitle(r); }));
  return 1;
}

// Title's word boundaries (Go's isSeparator): ASCII other than letters,
// digits and '_'; beyond ASCII, spaces (letters and digits never).
bool isTitleSeparator(int32_t r) {
  if (r <= 0x7F) {
    bool word = (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_';
    return !word;
  }
  if (unicode::isLetter(r) || unicode::isDigit(r)) return false;
  return unicode::isSpace(r);
}

// strings.Title (deprecated in Go, still used): the first letter of each
// word in title case.
int nTitle(vm::Thread&, const Value* args, int nargs, Value* out) {
  int32_t prev = ' ';
  out[0] = vm::makeString(mapRunes(GSL_STR(0), [&](int32_t r) {
    bool start = isTitleSeparator(prev);
    prev = r;
    return start ? unicode::toTitle(r) : r;
  }));
  return 1;
}
int nMap(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value f = arg(args, nargs, 0);
  out[0] = vm::makeString(mapRunes(GSL_STR(1), [&](int32_t r) -> int64_t {
    Value v = vm::callFunction1(th, f, {vm::makeIntOfType(vm::types::int32Type(), int64_t{r})});
    return vm::toInt64(v);
  }));
  return 1;
}

int nTrimSpace(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view s = GSL_STR(0);
  auto space = [](int32_t r) { return unicode::isSpace(r); };
  string_view t = trimRightFunc(trimLeftFunc(s, space), space);
  out[0] = sub(arg(args, nargs, 0), s, t);
  return 1;
}

template <bool Left, bool Right>
int nTrimCutset(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view s = GSL_STR(0);
  string_view cutset = GSL_STR(1);
  auto inSet = [&](int32_t r) { return indexRune(cutset, r) >= 0; };
  string_view t = s;
  if (!cutset.empty()) {
    if (Left) t = trimLeftFunc(t, inSet);
    if (Right) t = trimRightFunc(t, inSet);
  }
  out[0] = sub(arg(args, nargs, 0), s, t);
  return 1;
}

template <bool Left, bool Right>
int nTrimFunc(vm::Thread& th, const Value* args, int nargs, Value* out) {
  string_view s = GSL_STR(0);
  Value f = arg(args, nargs, 1);
  auto pred = [&](int32_t r) { return callPredicate(th, f, r); };
  string_view t = s;
  if (Left) t = trimLeftFunc(t, pred);
  if (Right) t = trimRightFunc(t, pred);
  out[0] = sub(arg(args, nargs, 0), s, t);
  return 1;
}

int nTrimPrefix(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view s = GSL_STR(0), p = GSL_STR(1);
  out[0] = s.starts_with(p) ? sub(arg(args, nargs, 0), p.size(), s.size() - p.size())
                            : arg(args, nargs, 0);
  return 1;
}
int nTrimSuffix(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view s = GSL_STR(0), p = GSL_STR(1);
  out[0] = s.ends_with(p) ? sub(arg(args, nargs, 0), 0, s.size() - p.size())
                          : arg(args, nargs, 0);
  return 1;
}

int nCount(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(countOf(GSL_STR(0), GSL_STR(1)));
  return 1;
}
int nEqualFold(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeBool(equalFold(GSL_STR(0), GSL_STR(1)));
  return 1;
}
int nCompare(vm::Thread&, const Value* args, int nargs, Value* out) {
  int c = GSL_STR(0).compare(GSL_STR(1));
  out[0] = vm::makeInt(c < 0 ? -1 : (c > 0 ? 1 : 0));
  return 1;
}

int nCut(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value sv = arg(args, nargs, 0);
  string_view s = GSL_STR(0), sep = GSL_STR(1);
  size_t i = s.find(sep);
  if (i == npos) {
    out[0] = sv;
    out[1] = vm::makeString("");
    out[2] = vm::kFalse;
  } else {
    out[0] = sub(sv, 0, i);
    out[1] = sub(sv, i + sep.size(), s.size() - i - sep.size());
    out[2] = vm::kTrue;
  }
  return 3;
}
int nCutPrefix(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value sv = arg(args, nargs, 0);
  string_view s = GSL_STR(0), p = GSL_STR(1);
  bool ok = s.starts_with(p);
  out[0] = ok ? sub(sv, p.size(), s.size() - p.size()) : sv;
  out[1] = vm::makeBool(ok);
  return 2;
}
int nCutSuffix(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value sv = arg(args, nargs, 0);
  string_view s = GSL_STR(0), p = GSL_STR(1);
  bool ok = s.ends_with(p);
  out[0] = ok ? sub(sv, 0, s.size() - p.size()) : sv;
  out[1] = vm::makeBool(ok);
  return 2;
}

int nClone(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(GSL_STR(0));
  return 1;
}

int nToValidUTF8(vm::Thread&, const Value* args, int nargs, Value* out) {
  string_view s = GSL_STR(0), rep = GSL_STR(1);
  std::string r;
  bool invalid = false;  // the previous byte was invalid (runs collapse)
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::decodeRune(s.substr(i));
    if (d.rune == utf8::kRuneError && d.width == 1) {
      if (!invalid) r += rep;
      invalid = true;
      i++;
      continue;
    }
    invalid = false;
    r.append(s.substr(i, static_cast<size_t>(d.width)));
    i += static_cast<size_t>(d.width);
  }
  out[0] = vm::makeString(r);
  return 1;
}

#undef GSL_STR

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "strings",
      "strings",
      {
          funcMember("Contains", nContains),
          funcMember("ContainsRune", nContainsRune),
          funcMember("ContainsAny", nContainsAny),
          funcMember("ContainsFunc", nContainsFunc),
          funcMember("HasPrefix", nHasPrefix),
          funcMember("HasSuffix", nHasSuffix),
          funcMember("Index", nIndex),
          funcMember("IndexByte", nIndexByte),
          funcMember("IndexRune", nIndexRune),
          funcMember("IndexAny", nIndexAny),
          funcMember("IndexFunc", nIndexFunc),
          funcMember("LastIndex", nLastIndex),
          funcMember("LastIndexByte", nLastIndexByte),
          funcMember("LastIndexAny", nLastIndexAny),
          funcMember("LastIndexFunc", nLastIndexFunc),
          funcMember("Split", nSplit),
          funcMember("SplitN", nSplitN),
          funcMember("SplitAfter", nSplitAfter),
          funcMember("SplitAfterN", nSplitAfterN),
          funcMember("Fields", nFields),
          funcMember("FieldsFunc", nFieldsFunc),
          funcMember("Join", nJoin),
          funcMember("Repeat", nRepeat),
          funcMember("Replace", nReplace),
          funcMember("ReplaceAll", nReplaceAll),
          funcMember("ToUpper", nToUpper),
          funcMember("ToUpperSpecial", nToSpecial<0>),
          funcMember("ToLowerSpecial", nToSpecial<1>),
          funcMember("ToTitleSpecial", nToSpecial<2>),
          funcMember("ToLower", nToLower),
          funcMember("ToTitle", nToTitle),
          funcMember("Title", nTitle),
          funcMember("Map", nMap),
          funcMember("TrimSpace", nTrimSpace),
          funcMember("Trim", nTrimCutset<true, true>),
          funcMember("TrimLeft", nTrimCutset<true, false>),
          funcMember("TrimRight", nTrimCutset<false, true>),
          funcMember("TrimFunc", nTrimFunc<true, true>),
          funcMember("TrimLeftFunc", nTrimFunc<true, false>),
          funcMember("TrimRightFunc", nTrimFunc<false, true>),
          funcMember("TrimPrefix", nTrimPrefix),
          funcMember("TrimSuffix", nTrimSuffix),
          funcMember("Count", nCount),
          funcMember("EqualFold", nEqualFold),
          funcMember("Compare", nCompare),
          funcMember("Cut", nCut),
          funcMember("CutPrefix", nCutPrefix),
          funcMember("CutSuffix", nCutSuffix),
          funcMember("Clone", nClone),
          funcMember("ToValidUTF8", nToValidUTF8),
          funcMember("NewReplacer", stringsNewReplacer),
          funcMember("NewReader", stringsNewReader),
          typeMember("Builder", stringsBuilderType),
          typeMember("Reader", stringsReaderType),
          typeMember("Replacer", stringsReplacerType),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
