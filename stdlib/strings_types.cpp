// stdlib/strings_types.cpp: strings.Builder, strings.Reader and
// strings.Replacer.
//
// Each is a struct with Go's field layout (so %v of one prints what Go
// prints), and methods implemented natively:
//  * Builder{addr *Builder; buf []byte}, Go's fields. addr detects a
//    Builder copied by value after use, which Go reports with a panic.
//    buf is nil until the first write; from then on it holds a private
//    BuilderBuffer{bytes []byte; n int}: `bytes` is the whole backing array
//    (len == cap, a header never changed) and `n` the length written so
//    far. Writes copy into the array and store n in place, so a write
//    allocates nothing until the array is full; it then grows with Go's
//    append growth, so Cap() reports Go's capacities. Because the buffer is
//    a struct value, copying a Builder copies it (sharing the array, as
//    copying Go's slice header does): the copy keeps its own length and
//    never sees the original's later writes, exactly as in Go.
//  * Reader{s string; i int64; prevRune int}.
//  * Replacer{oldnew []string}: replacement follows Go's generic algorithm:
//    at each position the pair listed first among those whose old string
//    matches there wins; an empty old string matches between runes.
#include "stdlib/strings_types.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "stdlib/utf8_codec.h"
#include "vm/heap.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

vm::StructObj* self(const Value* args) { return receiverStruct(args); }

// ---- Builder ----------------------------------------------------------------

vm::Type* gBuilder = nullptr;

// Go's copyCheck: the first use records the Builder's address; a use
// through another address means the Builder was copied by value.
vm::StructObj* builderSelf(const Value* args) {
  vm::StructObj* b = self(args);
  Value addr = b->fields()[0];
  if (addr.isRef()) {
    if (addr.refTarget() != b) {
      vm::throwPanic(vm::makeString("strings: illegal use of non-zero Builder copied by value"));
    }
  } else {
    b->fields()[0] = Value::ref(b);
  }
  return b;
}

vm::Type* gBuilderBuffer = nullptr;  // strings.builderBuffer (see the top)

const vm::Type* builderBytesType() {
  static const vm::Type* t = vm::sliceOf(vm::types::uint8Type());
  return t;
}

// The Builder's buffer fields, or nullptr before the first write.
vm::StructObj* builderBuffer(vm::StructObj* b) {
  Value buf = b->fields()[1];
  if (!buf.isObject() || buf.asObject()->type != gBuilderBuffer) return nullptr;
  return static_cast<vm::StructObj*>(buf.asObject());
}

// The bytes written so far (empty before the first write).
std::string_view builderBytes(vm::StructObj* b) {
  vm::StructObj* buf = builderBuffer(b);
  if (!buf) return {};
  auto n = static_cast<size_t>(buf->fields()[1].asInt());
  return vm::byteSliceView(buf->fields()[0]).substr(0, n);
}

// Makes room for k more bytes and returns the length written so far (where
// they go, in the array that *bufOut's `bytes` field holds). Grows the array
// as Go's append(b.buf, ...) would (or to exactly exactCap when that is set,
// for Grow), keeping the bytes written so far.
int64_t builderRoom(vm::StructObj* b, int64_t k, vm::StructObj** bufOut, int64_t exactCap = -1) {
  vm::StructObj* buf = builderBuffer(b);
  *bufOut = buf;
  int64_t n = buf ? buf->fields()[1].asInt() : 0;
  size_t cap = 0;
  uint8_t* bytes = buf ? vm::byteSliceData(buf->fields()[0], &cap) : nullptr;
  // n and the array are separate fields: a racing writer (the script's bug)
  // may leave n past this array's end, which must not make us overrun it.
  n = std::min(n, static_cast<int64_t>(cap));
  if (exactCap < 0 && n + k <= static_cast<int64_t>(cap)) return n;
  int64_t newCap = exactCap >= 0 ? exactCap
                                 : vm::growCapacity(vm::types::uint8Type(), n,
                                                    static_cast<int64_t>(cap), n + k);
  uint8_t* fresh = nullptr;
  Value array = vm::newByteSlice(builderBytesType(), newCap, newCap, &fresh);
  if (n > 0) std::memcpy(fresh, bytes, static_cast<size_t>(n));
  if (!buf) {
    buf = vm::newStruct(gBuilderBuffer);
    buf->fields()[1] = Value::smallInt(0);
    b->fields()[1] = Value::object(buf);
  }
  buf->fields()[0] = array;
  *bufOut = buf;
  return n;
}

void builderAppend(vm::StructObj* b, std::string_view s) {
  if (s.empty()) return;
  auto k = static_cast<int64_t>(s.size());
  // The fast path: room left in the current array.
  if (vm::StructObj* cur = builderBuffer(b)) {
    vm::SliceObj* array = vm::asSlice(cur->fields()[0]);
    int64_t n = cur->fields()[1].asInt();
    if (n >= 0 && n <= array->len - k) {
      std::memmove(array->bytes + n, s.data(), s.size());
      cur->fields()[1] = Value::smallInt(n + k);
      return;
    }
  }
  vm::StructObj* buf;
  int64_t n = builderRoom(b, k, &buf);
  size_t cap;
  uint8_t* bytes = vm::byteSliceData(buf->fields()[0], &cap);
  // Only a racing writer (the script's bug) can have swapped in an array
  // too small since builderRoom; never write past its end.
  if (n + k > static_cast<int64_t>(cap)) return;
  // s may view this Builder's own array (a []byte aliasing it): memmove;
  // after a growth s still views the old array, which is intact.
  std::memmove(bytes + n, s.data(), s.size());
  buf->fields()[1] = Value::smallInt(n + k);
}

int builderWriteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 1);
  builderAppend(builderSelf(args), s);
  out[0] = vm::makeInt(static_cast<int64_t>(s.size()));
  out[1] = Value();
  return 2;
}

int builderWrite(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value p = arg(args, nargs, 1);
  requireByteSlice(p);
  std::string_view s = vm::byteSliceView(p);
  builderAppend(builderSelf(args), s);
  out[0] = vm::makeInt(static_cast<int64_t>(s.size()));
  out[1] = Value();
  return 2;
}

int builderWriteByte(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value v = arg(args, nargs, 1);
  char c = static_cast<char>(v.isScalar() ? v.scalarPayload() : argInt(args, nargs, 1));
  builderAppend(builderSelf(args), std::string_view(&c, 1));
  out[0] = Value();
  return 1;
}

int builderWriteRune(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string s;
  utf8::appendRune(s, argInt(args, nargs, 1));
  builderAppend(builderSelf(args), s);
  out[0] = vm::makeInt(static_cast<int64_t>(s.size()));
  out[1] = Value();
  return 2;
}

int builderString(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeString(builderBytes(self(args)));
  return 1;
}

int builderLen(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(static_cast<int64_t>(builderBytes(self(args)).size()));
  return 1;
}

int builderCap(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* buf = builderBuffer(self(args));
  out[0] = vm::makeInt(buf ? vm::sliceCap(buf->fields()[0]) : 0);
  return 1;
}

int builderReset(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* b = self(args);
  b->fields()[0] = vm::nilOf(gBuilder->fields[0].type);
  b->fields()[1] = vm::nilOf(gBuilder->fields[1].type);
  (void)out;
  return 0;
}

int builderGrow(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* b = builderSelf(args);
  int64_t n = argInt(args, nargs, 1);
  if (n < 0) vm::throwPanic(vm::makeString("strings.Builder.Grow: negative count"));
  vm::StructObj* buf = builderBuffer(b);
  int64_t len = buf ? buf->fields()[1].asInt() : 0;
  int64_t cap = buf ? vm::sliceCap(buf->fields()[0]) : 0;
  // Go grows to 2*cap + n, keeping the contents.
  if (cap - len < n) builderRoom(b, 0, &buf, 2 * cap + n);
  (void)out;
  return 0;
}

// ---- Reader -------------------------------------------------------------------

vm::Type* gReader = nullptr;

struct ReaderState {
  vm::StructObj* obj;
  std::string_view s() const { return vm::stringView(obj->fields()[0]); }
  int64_t i() const { return vm::toInt64(obj->fields()[1]); }
  void setI(int64_t v) { obj->fields()[1] = vm::makeIntOfType(vm::types::int64Type(), v); }
  void setPrevRune(int64_t v) { obj->fields()[2] = vm::makeInt(v); }
  int64_t prevRune() const { return vm::toInt64(obj->fields()[2]); }
};

int readerLen(vm::Thread&, const Value* args, int, Value* out) {
  ReaderState r{self(args)};
  int64_t n = static_cast<int64_t>(r.s().size()) - r.i();
  out[0] = vm::makeInt(n < 0 ? 0 : n);
  return 1;
}

int readerSize(vm::Thread&, const Value* args, int, Value* out) {
  ReaderState r{self(args)};
  out[0] = vm::makeIntOfType(vm::types::int64Type(), static_cast<int64_t>(r.s().size()));
  return 1;
}

int readerRead(vm::Thread&, const Value* args, int nargs, Value* out) {
  ReaderState r{self(args)};
  std::string_view s = r.s();
  int64_t i = r.i();
  if (i >= static_cast<int64_t>(s.size())) {
    out[0] = vm::makeInt(0);
    out[1] = eofError();
    return 2;
  }
  r.setPrevRune(-1);
  Value b = arg(args, nargs, 1);
  requireByteSlice(b);
  size_t len;
  uint8_t* dst = vm::byteSliceData(b, &len);
  int64_t n = std::min<int64_t>(static_cast<int64_t>(len), static_cast<int64_t>(s.size()) - i);
  if (n > 0) std::memcpy(dst, s.data() + i, static_cast<size_t>(n));
  r.setI(i + n);
  out[0] = vm::makeInt(n);
  out[1] = Value();
  return 2;
}

// ReadAt(b, off) leaves the reader's position alone (io.ReaderAt).
int readerReadAt(vm::Thread&, const Value* args, int nargs, Value* out) {
  ReaderState r{self(args)};
  std::string_view s = r.s();
  Value b = arg(args, nargs, 1);
  requireByteSlice(b);
  int64_t off = argInt(args, nargs, 2);
  out[0] = vm::makeInt(0);
  if (off < 0) {
    out[1] = newError("strings.Reader.ReadAt: negative offset");
    return 2;
  }
  if (off >= static_cast<int64_t>(s.size())) {
    out[1] = eofError();
    return 2;
  }
  size_t len;
  uint8_t* dst = vm::byteSliceData(b, &len);
  int64_t n = std::min<int64_t>(static_cast<int64_t>(len), static_cast<int64_t>(s.size()) - off);
  if (n > 0) std::memcpy(dst, s.data() + off, static_cast<size_t>(n));
  out[0] = vm::makeInt(n);
  out[1] = n < static_cast<int64_t>(len) ? eofError() : Value();
  return 2;
}

// Seek(offset, whence): any position at or past the start, even past the end.
int readerSeek(vm::Thread&, const Value* args, int nargs, Value* out) {
  ReaderState r{self(args)};
  r.setPrevRune(-1);
  int64_t offset = argInt(args, nargs, 1);
  int64_t abs = 0;
  out[0] = vm::makeIntOfType(vm::types::int64Type(), int64_t{0});
  switch (argInt(args, nargs, 2)) {
    case 0: abs = offset; break;
    case 1: abs = r.i() + offset; break;
    case 2: abs = static_cast<int64_t>(r.s().size()) + offset; break;
    default:
      out[1] = newError("strings.Reader.Seek: invalid whence");
      return 2;
  }
  if (abs < 0) {
    out[1] = newError("strings.Reader.Seek: negative position");
    return 2;
  }
  r.setI(abs);
  out[0] = vm::makeIntOfType(vm::types::int64Type(), abs);
  out[1] = Value();
  return 2;
}

int readerReadByte(vm::Thread&, const Value* args, int, Value* out) {
  ReaderState r{self(args)};
  r.setPrevRune(-1);
  std::string_view s = r.s();
  int64_t i = r.i();
  if (i >= static_cast<int64_t>(s.size())) {
    out[0] = vm::makeIntOfType(vm::types::uint8Type(), int64_t{0});
    out[1] = eofError();
    return 2;
  }
  out[0] = vm::makeIntOfType(vm::types::uint8Type(), static_cast<uint64_t>(static_cast<uint8_t>(s[static_cast<size_t>(i)])));
  out[1] = Value();
  r.setI(i + 1);
  return 2;
}

int readerUnreadByte(vm::Thread&, const Value* args, int, Value* out) {
  ReaderState r{self(args)};
  if (r.i() <= 0) {
    out[0] = newError("strings.Reader.UnreadByte: at beginning of string");
    return 1;
  }
  r.setPrevRune(-1);
  r.setI(r.i() - 1);
  out[0] = Value();
  return 1;
}

int readerReadRune(vm::Thread&, const Value* args, int, Value* out) {
  ReaderState r{self(args)};
  std::string_view s = r.s();
  int64_t i = r.i();
  if (i >= static_cast<int64_t>(s.size())) {
    r.setPrevRune(-1);
    out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{0});
    out[1] = vm::makeInt(0);
    out[2] = eofError();
    return 3;
  }
  r.setPrevRune(i);
  utf8::Decoded d = utf8::decodeRune(s.substr(static_cast<size_t>(i)));
  r.setI(i + d.width);
  out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{d.rune});
  out[1] = vm::makeInt(d.width);
  out[2] = Value();
  return 3;
}

int readerUnreadRune(vm::Thread&, const Value* args, int, Value* out) {
  ReaderState r{self(args)};
  if (r.i() <= 0) {
    out[0] = newError("strings.Reader.UnreadRune: at beginning of string");
    return 1;
  }
  if (r.prevRune() < 0) {
    out[0] = newError("strings.Reader.UnreadRune: previous operation was not ReadRune");
    return 1;
  }
  r.setI(r.prevRune());
  r.setPrevRune(-1);
  out[0] = Value();
  return 1;
}

int readerReset(vm::Thread&, const Value* args, int nargs, Value* out) {
  ReaderState r{self(args)};
  r.obj->fields()[0] = vm::makeString(argString(args, nargs, 1));
  r.setI(0);
  r.setPrevRune(-1);
  (void)out;
  return 0;
}

int readerWriteTo(vm::Thread& th, const Value* args, int nargs, Value* out) {
  ReaderState r{self(args)};
  r.setPrevRune(-1);
  std::string_view s = r.s();
  int64_t i = r.i();
  if (i >= static_cast<int64_t>(s.size())) {
    // Nothing left: the writer is not called at all, as in Go.
    out[0] = vm::makeIntOfType(vm::types::int64Type(), int64_t{0});
    out[1] = Value();
    return 2;
  }
  std::string rest(s.substr(static_cast<size_t>(i)));
  Value res[2];
  writeTo(th, arg(args, nargs, 1), rest, res);
  int64_t n = vm::toInt64(res[0]);
  r.setI(i + n);
  out[0] = vm::makeIntOfType(vm::types::int64Type(), n);
  out[1] = res[1];
  return 2;
}

// ---- Replacer -------------------------------------------------------------------

vm::Type* gReplacer = nullptr;

std::string replaceAll(const std::vector<std::string_view>& oldnew, std::string_view s) {
  std::string out;
  bool prevMatchEmpty = false;
  size_t last = 0;
  for (size_t i = 0; i <= s.size();) {
    // The first pair (in argument order) whose old string matches here;
    // after an empty match, an empty old string may not match again.
    bool match = false;
    size_t keyLen = 0;
    std::string_view val;
    for (size_t k = 0; k + 1 < oldnew.size(); k += 2) {
      std::string_view old = oldnew[k];
      if (old.empty() && prevMatchEmpty) continue;
      if (s.substr(i).starts_with(old)) {
        match = true;
        keyLen = old.size();
        val = oldnew[k + 1];
        break;
      }
    }
    prevMatchEmpty = match && keyLen == 0;
    if (match) {
      out.append(s.substr(last, i - last));
      out.append(val);
      i += keyLen;
      last = i;
      continue;
    }
    i++;
  }
  if (last < s.size()) out.append(s.substr(last));
  return out;
}

std::vector<std::string_view> replacerPairs(const Value* args) {
  std::vector<std::string_view> pairs;
  for (Value v : sliceView(self(args)->fields()[0])) pairs.push_back(vm::stringView(v));
  return pairs;
}

int replacerReplace(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeString(replaceAll(replacerPairs(args), argString(args, nargs, 1)));
  return 1;
}

int replacerWriteString(vm::Thread& th, const Value* args, int nargs, Value* out) {
  std::string s = replaceAll(replacerPairs(args), argString(args, nargs, 2));
  writeTo(th, arg(args, nargs, 1), s, out);
  return 2;
}

}  // namespace

const vm::Type* stringsBuilderType() {
  static const vm::Type* t = [] {
    vm::Type* named = vm::newNamed("strings", "strings", "Builder", nullptr);
    vm::setUnderlying(named, vm::structOf(std::vector<vm::Field>{
                                 field("addr", vm::pointerTo(named)),
                                 field("buf", vm::sliceOf(vm::types::uint8Type()))}));
    gBuilder = named;
    gBuilderBuffer = defineStruct("strings", "builderBuffer",
                                  {field("bytes", builderBytesType()),
                                   field("n", vm::types::intType())});
    defineMethod(named, "WriteString", builderWriteString, true);
    defineMethod(named, "Write", builderWrite, true);
    defineMethod(named, "WriteByte", builderWriteByte, true);
    defineMethod(named, "WriteRune", builderWriteRune, true);
    defineMethod(named, "String", builderString, true);
    defineMethod(named, "Len", builderLen, true);
    defineMethod(named, "Cap", builderCap, true);
    defineMethod(named, "Reset", builderReset, true);
    defineMethod(named, "Grow", builderGrow, true);
    return named;
  }();
  return t;
}

const vm::Type* stringsReaderType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("strings", "Reader",
                                   {field("s", vm::types::stringType()),
                                    field("i", vm::types::int64Type()),
                                    field("prevRune", vm::types::intType())});
    gReader = named;
    defineMethod(named, "Len", readerLen, true);
    defineMethod(named, "Size", readerSize, true);
    defineMethod(named, "Read", readerRead, true);
    defineMethod(named, "ReadByte", readerReadByte, true);
    defineMethod(named, "UnreadByte", readerUnreadByte, true);
    defineMethod(named, "ReadRune", readerReadRune, true);
    defineMethod(named, "UnreadRune", readerUnreadRune, true);
    defineMethod(named, "ReadAt", readerReadAt, true);
    defineMethod(named, "Seek", readerSeek, true);
    defineMethod(named, "Reset", readerReset, true);
    defineMethod(named, "WriteTo", readerWriteTo, true);
    return named;
  }();
  return t;
}

const vm::Type* stringsReplacerType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("strings", "Replacer",
                                   {field("oldnew", vm::sliceOf(vm::types::stringType()))});
    gReplacer = named;
    defineMethod(named, "Replace", replacerReplace, true);
    defineMethod(named, "WriteString", replacerWriteString, true);
    return named;
  }();
  return t;
}

int stringsNewReader(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* r = vm::newStruct(stringsReaderType());
  r->fields()[0] = vm::makeString(argString(args, nargs, 0));
  r->fields()[1] = vm::makeIntOfType(vm::types::int64Type(), int64_t{0});
  r->fields()[2] = vm::makeInt(-1);
  out[0] = Value::ref(r);
  return 1;
}

int stringsNewReplacer(vm::Thread&, const Value* args, int nargs, Value* out) {
  if (nargs % 2 == 1) vm::throwPanic(vm::makeString("strings.NewReplacer: odd argument count"));
  vm::StructObj* r = vm::newStruct(stringsReplacerType());
  r->fields()[0] = vm::sliceFromValues(vm::sliceOf(vm::types::stringType()), args, nargs);
  out[0] = Value::ref(r);
  return 1;
}

}  // namespace gsl::stdlib
