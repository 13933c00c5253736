// stdlib/strings_types.cpp: strings.Builder, strings.Reader and
// strings.Replacer.
//
// Each is a struct with Go's field layout (so %v of one prints what Go
// prints), and methods implemented natively:
//  * Builder{addr *Builder; buf []byte}: the buffer is a []byte grown by
//    append, and addr detects a Builder copied by value after use, which
//    Go reports with a panic.
//  * Reader{s string; i int64; prevRune int}.
//  * Replacer{oldnew []string}: replacement follows Go's generic algorithm:
//    at each position the pair listed first among those whose old string
//    matches there wins; an empty old string matches between runes.
#include "stdlib/strings_types.h"

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

void builderAppend(vm::StructObj* b, std::string_view s) {
  if (s.empty()) return;
  const vm::Type* bytesType = gBuilder->fields[1].type;
  const vm::Type* elem = bytesType->elem;
  std::vector<Value, vm::GcAllocator<Value>> bytes;
  bytes.reserve(s.size());
  for (char c : s) bytes.push_back(vm::makeIntOfType(elem, static_cast<uint64_t>(static_cast<uint8_t>(c))));
  b->fields()[1] = vm::appendValues(b->fields()[1], bytes.data(), static_cast<int64_t>(bytes.size()));
}

int builderWriteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 1);
  builderAppend(builderSelf(args), s);
  out[0] = vm::makeInt(static_cast<int64_t>(s.size()));
  out[1] = Value();
  return 2;
}

int builderWrite(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string s = bytesOf(arg(args, nargs, 1));
  builderAppend(builderSelf(args), s);
  out[0] = vm::makeInt(static_cast<int64_t>(s.size()));
  out[1] = Value();
  return 2;
}

int builderWriteByte(vm::Thread&, const Value* args, int nargs, Value* out) {
  char c = static_cast<char>(argInt(args, nargs, 1));
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
  out[0] = vm::makeString(bytesOf(self(args)->fields()[1]));
  return 1;
}

int builderLen(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(vm::sliceLen(self(args)->fields()[1]));
  return 1;
}

int builderCap(vm::Thread&, const Value* args, int, Value* out) {
  out[0] = vm::makeInt(vm::sliceCap(self(args)->fields()[1]));
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
  Value buf = b->fields()[1];
  int64_t len = vm::sliceLen(buf), cap = vm::sliceCap(buf);
  if (cap - len < n) {
    // Go grows to 2*cap + n, keeping the contents.
    const vm::Type* bytesType = gBuilder->fields[1].type;
    Value nb = vm::makeSlice(bytesType, len, 2 * cap + n);
    vm::copySlice(nb, buf);
    b->fields()[1] = nb;
  }
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
  SliceView dst = sliceView(b);
  int64_t n = std::min<int64_t>(dst.len, static_cast<int64_t>(s.size()) - i);
  const vm::Type* elem = vm::typeOf(b)->elem;
  for (int64_t k = 0; k < n; k++) {
    dst.data[k] = vm::makeIntOfType(elem, static_cast<uint64_t>(static_cast<uint8_t>(s[static_cast<size_t>(i + k)])));
  }
  r.setI(i + n);
  out[0] = vm::makeInt(n);
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
  std::string rest(i < static_cast<int64_t>(s.size()) ? s.substr(static_cast<size_t>(i)) : "");
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
