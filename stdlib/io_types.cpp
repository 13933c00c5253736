// stdlib/io_types.cpp: the readers and writers that package io builds on
// other readers and writers, each a struct with Go's name and fields:
//   *io.LimitedReader{R Reader; N int64}
//   *io.SectionReader{r ReaderAt; base, off, limit int64}
//   *io.multiReader{readers []Reader}, *io.multiWriter{writers []Writer}
//   *io.teeReader{r Reader; w Writer}
//   io.nopCloser{Reader} (a value, as in Go), io.discard{}
// Their methods follow Go's definitions call for call.
#include "stdlib/io_types.h"

#include <string>
#include <vector>

#include "stdlib/error_values.h"
#include "stdlib/io_support.h"
#include "stdlib/native_support.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

Value int64Value(int64_t n) { return vm::makeIntOfType(vm::types::int64Type(), n); }


template <const char* Msg>
Value sentinel() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    *s = newError(Msg);
    return s;
  }();
  return *slot;
}
constexpr char kShortWrite[] = "short write";
constexpr char kWhence[] = "Seek: invalid whence";
constexpr char kOffset[] = "Seek: invalid offset";

void setResult(Value* out, int64_t n, Value err) {
  out[0] = vm::makeInt(n);
  out[1] = err;
}

// ---- LimitedReader ----------------------------------------------------------------

int limitedRead(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* l = receiverStruct(args);
  Value p = arg(args, nargs, 1);
  int64_t n = vm::toInt64(l->fields()[1]);
  if (n <= 0) {
    setResult(out, 0, eofError());
    return 2;
  }
  if (vm::sliceLen(p) > n) p = vm::sliceExpr(p, 0, n, 0, false);
  IoResult r = readInto(th, l->fields()[0], p);
  l->fields()[1] = int64Value(n - r.n);
  setResult(out, r.n, r.err);
  return 2;
}

// ---- SectionReader ------------------------------------------------------------------

enum SectionField { kSecR, kSecBase, kSecOff, kSecLimit };

int64_t secGet(vm::StructObj* s, int i) { return vm::toInt64(s->fields()[i]); }

IoResult readAt(vm::Thread& th, Value r, Value p, int64_t off) {
  Value in[2] = {p, int64Value(off)};
  Value res[vm::kMaxNativeResults];
  int n = callNamed(th, r, "ReadAt", in, 2, res, vm::kMaxNativeResults);
  return IoResult{n > 0 ? vm::toInt64(res[0]) : 0, n > 1 ? res[1] : Value()};
}

int sectionRead(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* s = receiverStruct(args);
  Value p = arg(args, nargs, 1);
  int64_t off = secGet(s, kSecOff), limit = secGet(s, kSecLimit);
  if (off >= limit) {
    setResult(out, 0, eofError());
    return 2;
  }
  if (vm::sliceLen(p) > limit - off) p = vm::sliceExpr(p, 0, limit - off, 0, false);
  IoResult r = readAt(th, s->fields()[kSecR], p, off);
  s->fields()[kSecOff] = int64Value(off + r.n);
  setResult(out, r.n, r.err);
  return 2;
}

int sectionSeek(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* s = receiverStruct(args);
  int64_t offset = argInt(args, nargs, 1);
  switch (argInt(args, nargs, 2)) {
    case 0: offset += secGet(s, kSecBase); break;
    case 1: offset += secGet(s, kSecOff); break;
    case 2: offset += secGet(s, kSecLimit); break;
    default:
      out[0] = int64Value(0);
      out[1] = sentinel<kWhence>();
      return 2;
  }
  if (offset < secGet(s, kSecBase)) {
    out[0] = int64Value(0);
    out[1] = sentinel<kOffset>();
    return 2;
  }
  s->fields()[kSecOff] = int64Value(offset);
  out[0] = int64Value(offset - secGet(s, kSecBase));
  out[1] = Value();
  return 2;
}

int sectionReadAt(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* s = receiverStruct(args);
  Value p = arg(args, nargs, 1);
  int64_t off = argInt(args, nargs, 2);
  int64_t base = secGet(s, kSecBase), limit = secGet(s, kSecLimit);
  if (off < 0 || off >= limit - base) {
    setResult(out, 0, eofError());
    return 2;
  }
  off += base;
  if (vm::sliceLen(p) > limit - off) {
    IoResult r = readAt(th, s->fields()[kSecR], vm::sliceExpr(p, 0, limit - off, 0, false), off);
    setResult(out, r.n, r.err.isNil() ? eofError() : r.err);
    return 2;
  }
  IoResult r = readAt(th, s->fields()[kSecR], p, off);
  setResult(out, r.n, r.err);
  return 2;
}

int sectionSize(vm::Thread&, const Value* args, int, Value* out) {
  vm::StructObj* s = receiverStruct(args);
  out[0] = int64Value(secGet(s, kSecLimit) - secGet(s, kSecBase));
  return 1;
}

// ---- multiReader, multiWriter, teeReader ------------------------------------------------

const vm::Type* anySlice() { return vm::sliceOf(vm::types::anyType()); }

const vm::Type* multiReaderType();
const vm::Type* multiWriterType();

int multiRead(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* m = receiverStruct(args);
  Value p = arg(args, nargs, 1);
  for (;;) {
    Value readers = m->fields()[0];
    int64_t count = vm::sliceLen(readers);
    if (count == 0) break;
    Value first = vm::sliceIndex(readers, 0);
    // A single nested multiReader is flattened, as Go does.
    if (count == 1 && first.isRef() && first.refTarget()->type == multiReaderType()) {
      m->fields()[0] = static_cast<vm::StructObj*>(first.refTarget())->fields()[0];
      continue;
    }
    IoResult r = readInto(th, first, p);
    bool eof = isEOF(r.err);
    if (eof) {
      m->fields()[0] = vm::sliceExpr(readers, 1, count, 0, false);
      count--;
    }
    if (r.n > 0 || !eof) {
      setResult(out, r.n, eof && count > 0 ? Value() : r.err);
      return 2;
    }
  }
  setResult(out, 0, eofError());
  return 2;
}

int multiWrite(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* m = receiverStruct(args);
  Value p = arg(args, nargs, 1);
  int64_t len = vm::sliceLen(p);
  Value writers = m->fields()[0];
  for (int64_t i = 0; i < vm::sliceLen(writers); i++) {
    IoResult r = writeBytes(th, vm::sliceIndex(writers, i), p);
    if (!r.err.isNil()) {
      setResult(out, r.n, r.err);
      return 2;
    }
    if (r.n != len) {
      setResult(out, r.n, errShortWrite());
      return 2;
    }
  }
  setResult(out, len, Value());
  return 2;
}

int multiWriteString(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* m = receiverStruct(args);
  std::string_view s = argString(args, nargs, 1);
  auto len = static_cast<int64_t>(s.size());
  Value writers = m->fields()[0];
  Value p;  // made once, for the writers without WriteString
  for (int64_t i = 0; i < vm::sliceLen(writers); i++) {
    Value w = vm::sliceIndex(writers, i);
    IoResult r;
    if (hasMethod(w, "WriteString")) {
      Value sv = vm::makeString(s);
      Value res[vm::kMaxNativeResults];
      int n = callNamed(th, w, "WriteString", &sv, 1, res, vm::kMaxNativeResults);
      r = IoResult{n > 0 ? vm::toInt64(res[0]) : 0, n > 1 ? res[1] : Value()};
    } else {
      if (p.isNil()) p = vm::makeByteSlice(s);
      r = writeBytes(th, w, p);
    }
    if (!r.err.isNil()) {
      setResult(out, r.n, r.err);
      return 2;
    }
    if (r.n != len) {
      setResult(out, r.n, errShortWrite());
      return 2;
    }
  }
  setResult(out, len, Value());
  return 2;
}

int teeRead(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* t = receiverStruct(args);
  Value p = arg(args, nargs, 1);
  IoResult r = readInto(th, t->fields()[0], p);
  if (r.n > 0) {
    IoResult w = writeBytes(th, t->fields()[1], vm::sliceExpr(p, 0, r.n, 0, false));
    if (!w.err.isNil()) {
      setResult(out, w.n, w.err);
      return 2;
    }
  }
  setResult(out, r.n, r.err);
  return 2;
}

// ---- nopCloser and discard ---------------------------------------------------------------

int nopRead(vm::Thread& th, const Value* args, int nargs, Value* out) {
  IoResult r = readInto(th, static_cast<vm::StructObj*>(args[0].asObject())->fields()[0],
                        arg(args, nargs, 1));
  setResult(out, r.n, r.err);
  return 2;
}

int nopClose(vm::Thread&, const Value*, int, Value* out) {
  out[0] = Value();
  return 1;
}

int nopWriteTo(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Value r = static_cast<vm::StructObj*>(args[0].asObject())->fields()[0];
  Value w = arg(args, nargs, 1);
  Value res[vm::kMaxNativeResults];
  int n = callNamed(th, r, "WriteTo", &w, 1, res, vm::kMaxNativeResults);
  out[0] = n > 0 ? res[0] : int64Value(0);
  out[1] = n > 1 ? res[1] : Value();
  return 2;
}

const vm::Type* readerField() { return vm::types::anyType(); }

const vm::Type* nopCloserType() {
  static const vm::Type* t = [] {
    vm::Field f = field("Reader", readerField());
    f.embedded = true;
    vm::Type* named = vm::newNamed("io", "io", "nopCloser", vm::structOf(std::vector<vm::Field>{f}));
    defineMethod(named, "Read", nopRead, false);
    defineMethod(named, "Close", nopClose, false);
    return named;
  }();
  return t;
}

const vm::Type* nopCloserWriterToType() {
  static const vm::Type* t = [] {
    vm::Field f = field("Reader", readerField());
    f.embedded = true;
    vm::Type* named =
        vm::newNamed("io", "io", "nopCloserWriterTo", vm::structOf(std::vector<vm::Field>{f}));
    defineMethod(named, "Read", nopRead, false);
    defineMethod(named, "Close", nopClose, false);
    defineMethod(named, "WriteTo", nopWriteTo, false);
    return named;
  }();
  return t;
}

int discardWrite(vm::Thread&, const Value* args, int nargs, Value* out) {
  setResult(out, vm::sliceLen(arg(args, nargs, 1)), Value());
  return 2;
}
int discardWriteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  setResult(out, static_cast<int64_t>(argString(args, nargs, 1).size()), Value());
  return 2;
}

const vm::Type* multiReaderType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("io", "multiReader", {field("readers", anySlice())});
    defineMethod(named, "Read", multiRead, true);
    return named;
  }();
  return t;
}

const vm::Type* multiWriterType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("io", "multiWriter", {field("writers", anySlice())});
    defineMethod(named, "Write", multiWrite, true);
    defineMethod(named, "WriteString", multiWriteString, true);
    return named;
  }();
  return t;
}

const vm::Type* teeReaderType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("io", "teeReader",
                                   {field("r", vm::types::anyType()), field("w", vm::types::anyType())});
    defineMethod(named, "Read", teeRead, true);
    return named;
  }();
  return t;
}

// A []any holding the variadic arguments from index `from` on.
Value argsSlice(const Value* args, int nargs, int from) {
  int n = nargs > from ? nargs - from : 0;
  return vm::sliceFromValues(anySlice(), args + from, n);
}

}  // namespace

// ---- Exported --------------------------------------------------------------------------------

const vm::Type* limitedReaderType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("io", "LimitedReader",
                                   {field("R", vm::types::anyType()), field("N", vm::types::int64Type())});
    defineMethod(named, "Read", limitedRead, true);
    return named;
  }();
  return t;
}

Value newLimitedReader(Value r, int64_t n) {
  vm::StructObj* l = vm::newStruct(limitedReaderType());
  l->fields()[0] = r;
  l->fields()[1] = int64Value(n);
  return Value::ref(l);
}

bool limitedReaderRemaining(Value v, int64_t* n) {
  if (!v.isRef() || v.refTarget()->type != limitedReaderType()) return false;
  *n = vm::toInt64(static_cast<vm::StructObj*>(v.refTarget())->fields()[1]);
  return true;
}

const vm::Type* sectionReaderType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("io", "SectionReader",
                                   {field("r", vm::types::anyType()), field("base", vm::types::int64Type()),
                                    field("off", vm::types::int64Type()),
                                    field("limit", vm::types::int64Type())});
    defineMethod(named, "Read", sectionRead, true);
    defineMethod(named, "Seek", sectionSeek, true);
    defineMethod(named, "ReadAt", sectionReadAt, true);
    defineMethod(named, "Size", sectionSize, true);
    return named;
  }();
  return t;
}

Value errShortWrite() { return sentinel<kShortWrite>(); }

Value ioDiscard() {
  static Value* slot = [] {
    vm::Type* t = defineStruct("io", "discard", {});
    defineMethod(t, "Write", discardWrite, false);
    defineMethod(t, "WriteString", discardWriteString, false);
    Value* s = permanentSlot();
    *s = Value::object(vm::newStruct(t));
    return s;
  }();
  return *slot;
}

int ioLimitReader(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = newLimitedReader(arg(args, nargs, 0), argInt(args, nargs, 1));
  return 1;
}

int ioMultiReader(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* m = vm::newStruct(multiReaderType());
  m->fields()[0] = argsSlice(args, nargs, 0);
  out[0] = Value::ref(m);
  return 1;
}

int ioMultiWriter(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::vector<Value, vm::GcAllocator<Value>> all;
  for (int i = 0; i < nargs; i++) {
    Value w = args[i];
    if (w.isRef() && w.refTarget()->type == multiWriterType()) {
      Value inner = static_cast<vm::StructObj*>(w.refTarget())->fields()[0];
      for (int64_t k = 0; k < vm::sliceLen(inner); k++) all.push_back(vm::sliceIndex(inner, k));
    } else {
      all.push_back(w);
    }
  }
  vm::StructObj* m = vm::newStruct(multiWriterType());
  m->fields()[0] = vm::sliceFromValues(anySlice(), all.data(), static_cast<int64_t>(all.size()));
  out[0] = Value::ref(m);
  return 1;
}

int ioTeeReader(vm::Thread&, const Value* args, int nargs, Value* out) {
  vm::StructObj* t = vm::newStruct(teeReaderType());
  t->fields()[0] = arg(args, nargs, 0);
  t->fields()[1] = arg(args, nargs, 1);
  out[0] = Value::ref(t);
  return 1;
}

int ioNopCloser(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value r = arg(args, nargs, 0);
  vm::StructObj* n = vm::newStruct(hasMethod(r, "WriteTo") ? nopCloserWriterToType() : nopCloserType());
  n->fields()[0] = r;
  out[0] = Value::object(n);
  return 1;
}

int ioNewSectionReader(vm::Thread&, const Value* args, int nargs, Value* out) {
  int64_t off = argInt(args, nargs, 1);
  int64_t n = argInt(args, nargs, 2);
  constexpr int64_t kMaxInt64 = INT64_MAX;
  int64_t limit = off <= kMaxInt64 - n ? n + off : kMaxInt64;
  vm::StructObj* s = vm::newStruct(sectionReaderType());
  s->fields()[kSecR] = arg(args, nargs, 0);
  s->fields()[kSecBase] = int64Value(off);
  s->fields()[kSecOff] = int64Value(off);
  s->fields()[kSecLimit] = int64Value(limit);
  out[0] = Value::ref(s);
  return 1;
}

}  // namespace gsl::stdlib
