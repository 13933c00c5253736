// vm/string.cpp: string operations and UTF-8 with Go's rules.
#include "vm/string.h"

#include <cstring>

#include "vm/heap.h"
#include "vm/panic.h"

namespace gsl::vm {

Value stringConcat(Value a, Value b) {
  std::string_view sa = stringView(a);
  std::string_view sb = stringView(b);
  const Type* ta = a.asObject()->type;
  const Type* tb = b.asObject()->type;
  // The mixing rule (vm/arith.h): a plain `string` operand adopts the other
  // operand's named string type.
  const Type* t = ta->id == kTypeIdString ? tb : ta;
  if (sb.empty() && ta == t) return a;
  if (sa.empty() && tb == t) return b;
  Value parts[2] = {a, b};
  return stringConcatN(t, parts, 2);
}

Value stringConcatN(const Type* t, const Value* parts, int n) {
  size_t total = 0;
  for (int i = 0; i < n; i++) total += stringView(parts[i]).size();
  if (total == 0) return makeStringOfType(t, {});
  auto* o = static_cast<StringObj*>(allocBytes(sizeof(StringObj) + total));
  char* bytes = reinterpret_cast<char*>(o + 1);
  size_t off = 0;
  for (int i = 0; i < n; i++) {
    std::string_view s = stringView(parts[i]);
    std::memcpy(bytes + off, s.data(), s.size());
    off += s.size();
  }
  o->type = t;
  o->len = static_cast<int64_t>(total);
  o->data = bytes;
  o->owner = nullptr;
  return Value::object(o);
}

int compareStrings(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  int c = n ? std::memcmp(a.data(), b.data(), n) : 0;
  if (c != 0) return c < 0 ? -1 : 1;
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

Value stringIndex(Value s, int64_t i) {
  std::string_view v = stringView(s);
  if (static_cast<uint64_t>(i) >= v.size()) throwIndexOutOfRange(i, static_cast<int64_t>(v.size()));
  return Value::scalar(static_cast<uint16_t>(Kind::Uint8), static_cast<unsigned char>(v[i]));
}

Value stringSlice(Value s, int64_t lo, int64_t hi) {
  int64_t n = static_cast<int64_t>(stringView(s).size());
  if (hi < 0) throwBoundsError("slice bounds out of range [:" + std::to_string(hi) + "]");
  if (hi > n) {
    throwBoundsError("slice bounds out of range [:" + std::to_string(hi) + "] with length " +
                     std::to_string(n));
  }
  if (lo < 0) throwBoundsError("slice bounds out of range [" + std::to_string(lo) + ":]");
  if (lo > hi) {
    throwBoundsError("slice bounds out of range [" + std::to_string(lo) + ":" +
                     std::to_string(hi) + "]");
  }
  return makeSubstring(s, lo, hi - lo);
}

// UTF-8 decoding follows the Unicode/Go definition of well-formed sequences:
// the second byte's range depends on the first (no overlongs, no surrogates,
// nothing past U+10FFFF).
DecodedRune decodeRune(std::string_view s, size_t i) {
  size_t n = s.size();
  if (i >= n) return {kRuneError, 0};
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c0 = b(0);
  if (c0 < 0x80) return {c0, 1};
  if (c0 < 0xC2 || c0 > 0xF4) return {kRuneError, 1};
  auto cont = [](unsigned char c) { return c >= 0x80 && c <= 0xBF; };
  if (c0 < 0xE0) {
    if (i + 1 >= n || !cont(b(1))) return {kRuneError, 1};
    return {static_cast<int32_t>(((c0 & 0x1F) << 6) | (b(1) & 0x3F)), 2};
  }
  unsigned char lo = 0x80, hi = 0xBF;
  if (c0 == 0xE0) lo = 0xA0;
  else if (c0 == 0xED) hi = 0x9F;
  else if (c0 == 0xF0) lo = 0x90;
  else if (c0 == 0xF4) hi = 0x8F;
  if (i + 1 >= n || b(1) < lo || b(1) > hi) return {kRuneError, 1};
  if (c0 < 0xF0) {
    if (i + 2 >= n || !cont(b(2))) return {kRuneError, 1};
    return {static_cast<int32_t>(((c0 & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F)), 3};
  }
  if (i + 2 >= n || !cont(b(2))) return {kRuneError, 1};
  if (i + 3 >= n || !cont(b(3))) return {kRuneError, 1};
  return {static_cast<int32_t>(((c0 & 0x07) << 18) | ((b(1) & 0x3F) << 12) |
                               ((b(2) & 0x3F) << 6) | (b(3) & 0x3F)),
          4};
}

DecodedRune decodeLastRune(std::string_view s) {
  size_t n = s.size();
  if (n == 0) return {kRuneError, 0};
  if (static_cast<unsigned char>(s[n - 1]) < 0x80) return {static_cast<unsigned char>(s[n - 1]), 1};
  // Back up over at most 3 continuation bytes to a possible start byte.
  size_t lim = n >= 4 ? n - 4 : 0;
  size_t start = n - 1;
  while (start > lim && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
  DecodedRune r = decodeRune(s, start);
  if (start + r.size != n) return {kRuneError, 1};
  return r;
}

int64_t runeCount(std::string_view s) {
  int64_t count = 0;
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      i++;
    } else {
      i += decodeRune(s, i).size;
    }
    count++;
  }
  return count;
}

void appendRune(std::string& out, int64_t r) {
  if (r < 0 || r > kMaxRune || (r >= 0xD800 && r <= 0xDFFF)) r = kRuneError;
  if (r < 0x80) {
    out += static_cast<char>(r);
  } else if (r < 0x800) {
    out += static_cast<char>(0xC0 | (r >> 6));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += static_cast<char>(0xE0 | (r >> 12));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (r >> 18));
    out += static_cast<char>(0x80 | ((r >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((r >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (r & 0x3F));
  }
}

int runeLength(int64_t r) {
  if (r < 0) return -1;
  if (r < 0x80) return 1;
  if (r < 0x800) return 2;
  if (r >= 0xD800 && r <= 0xDFFF) return -1;
  if (r < 0x10000) return 3;
  if (r <= kMaxRune) return 4;
  return -1;
}

bool validUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      i++;
      continue;
    }
    DecodedRune r = decodeRune(s, i);
    if (r.rune == kRuneError && r.size == 1) return false;
    i += r.size;
  }
  return true;
}

}  // namespace gsl::vm
