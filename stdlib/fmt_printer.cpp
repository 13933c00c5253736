// stdlib/fmt_printer.cpp: see fmt_printer.h. The structure mirrors Go's
// print.go (printArg, handleMethods, printValue, badVerb, fmtPointer,
// catchPanic) because the visible details depend on it: which values get
// their methods called, at what depth pointers print as addresses, what a
// bad verb nested in a slice looks like.
#include "stdlib/fmt_printer.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "stdlib/fmt_printf.h"
#include "stdlib/fmt_sort.h"
#include "stdlib/native_support.h"
#include "stdlib/utf8_codec.h"
#include "vm/heap.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"
#include "vm/type.h"

namespace gsl::stdlib::fmt {

using vm::Kind;
using vm::Value;

namespace {

// True for the predeclared basic types themselves (int, string, ...), which
// Go's printArg formats without looking for methods; named types over them
// go through handleMethods.
bool isPredeclaredBasic(const vm::Type* t) {
  return t && vm::isBasicKind(t->kind) && t == vm::basicType(t->kind);
}

const vm::Type* byteSliceType() {
  static const vm::Type* t = vm::sliceOf(vm::types::uint8Type());
  return t;
}

// The machine address Go would print for a pointer-like value (0 for nil).
uint64_t pointerAddress(Value v) {
  if (v.isRef()) return reinterpret_cast<uintptr_t>(v.refTarget());
  if (!v.isObject()) return 0;  // typed nil
  const vm::Object* o = v.asObject();
  switch (o->type->kind) {
    case Kind::Pointer:
      return reinterpret_cast<uintptr_t>(static_cast<const vm::PointerObj*>(o)->address());
    case Kind::Slice: {
      auto* s = static_cast<const vm::SliceObj*>(o);
      return reinterpret_cast<uintptr_t>(s->cap > 0 ? static_cast<const void*>(s->bytes)
                                                    : static_cast<const void*>(s));
    }
    case Kind::Map:
      return reinterpret_cast<uintptr_t>(static_cast<const vm::MapObj*>(o)->data);
    default:
      return reinterpret_cast<uintptr_t>(o);
  }
}

// The object a non-nil pointer value points at when it is a struct/array
// (Ref) or a Value slot (PointerObj); for printing `&{...}` at top level.
std::optional<Value> pointee(Value v) {
  if (v.isRef()) return Value::object(v.refTarget());
  if (v.isObject() && v.asObject()->type->kind == Kind::Pointer) {
    return vm::pointerLoad(static_cast<const vm::PointerObj*>(static_cast<const vm::Object*>(v.asObject())));
  }
  return std::nullopt;
}

// Runs f(). If a Go panic escapes it, returns the panic value instead.
template <typename F>
std::optional<Value> catchGoPanic(vm::Thread& th, F&& f) {
  try {
    f();
    return std::nullopt;
  } catch (const vm::GoPanic& p) {
    return p.value();
  } catch (const vm::UnwindingPanic&) {
    // A script panic left the nested call unrecovered; fmt recovers it, as
    // Go's catchPanic does, by taking it off the goroutine's panic list.
    vm::PanicRecord* rec = th.panic;
    Value v = rec ? rec->value : Value();
    if (rec) th.panic = rec->link;
    return v;
  }
}

// Adapts the printer to the operand interface of doPrintf.
class ValueArgs : public PrintfArgs {
 public:
  ValueArgs(Printer& p, const Value* args, int nargs) : p_(p), args_(args), n_(nargs) {}
  size_t size() const override { return static_cast<size_t>(n_); }
  void printArg(size_t i, char32_t verb) override { p_.printArg(args_[i], verb); }
  std::optional<long long> intArg(size_t i) override {
    Value v = args_[i];
    if (v.isInt()) return v.asInt();
    Kind k = vm::kindOf(v);
    if (vm::isSignedKind(k)) return vm::toInt64(v);
    if (vm::isUnsignedKind(k)) {
      uint64_t u = vm::toUint64(v);
      if (u <= static_cast<uint64_t>(INT64_MAX)) return static_cast<long long>(u);
    }
    return std::nullopt;
  }
  void printExtra(size_t i) override { p_.printExtra(args_[i]); }
  void noteWrapped(size_t i) override { p_.noteWrapped(i); }

 private:
  Printer& p_;
  const Value* args_;
  int n_;
};

// Whether v's Format method is fmt.Formatter's Format(State, rune), judged
// by its signature (receiver first), so that a method such as
// Format(layout string) string is not mistaken for one.
bool isFormatter(Value v) {
  const vm::Type* t = vm::typeOf(v);
  if (!t) return false;
  vm::MethodLookup lk = vm::lookupMethod(t, "Format");
  if (!lk.found || !lk.inMethodSet || !lk.method) return false;
  Value fn = lk.method->fn;
  if (!fn.isObject()) return false;
  const vm::Type* sig = fn.asObject()->type;
  return sig && sig->kind == Kind::Func && sig->params.size() == 3 && sig->results.empty() &&
         sig->params[2]->kind == Kind::Int32;
}

// ---- fmt.State for Format methods ---------------------------------------------
//
// A Format method receives a *fmt.pp whose only field holds the address of
// the C++ Printer; its methods (Write, WriteString, Width, Precision, Flag)
// act on that printer. As in Go, the State must not be used after Format
// returns.

Printer* statePrinter(const Value* args) {
  vm::StructObj* s = receiverStruct(args);
  return reinterpret_cast<Printer*>(static_cast<uintptr_t>(vm::toUint64(s->fields()[0])));
}

int stateWrite(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view b = vm::bytesView(arg(args, nargs, 1));
  statePrinter(args)->buf() += b;
  out[0] = vm::makeInt(static_cast<int64_t>(b.size()));
  out[1] = Value();
  return 2;
}

int stateWriteString(vm::Thread&, const Value* args, int nargs, Value* out) {
  std::string_view s = argString(args, nargs, 1);
  statePrinter(args)->buf() += s;
  out[0] = vm::makeInt(static_cast<int64_t>(s.size()));
  out[1] = Value();
  return 2;
}

int stateWidth(vm::Thread&, const Value* args, int, Value* out) {
  Formatter& f = statePrinter(args)->formatter();
  out[0] = vm::makeInt(f.wid);
  out[1] = vm::makeBool(f.flags.widPresent);
  return 2;
}

int statePrecision(vm::Thread&, const Value* args, int, Value* out) {
  Formatter& f = statePrinter(args)->formatter();
  out[0] = vm::makeInt(f.prec);
  out[1] = vm::makeBool(f.flags.precPresent);
  return 2;
}

int stateFlag(vm::Thread&, const Value* args, int nargs, Value* out) {
  const Flags& fl = statePrinter(args)->formatter().flags;
  bool r = false;
  switch (argInt(args, nargs, 1)) {
    case '-': r = fl.minus; break;
    case '+': r = fl.plus || fl.plusV; break;
    case '#': r = fl.sharp || fl.sharpV; break;
    case ' ': r = fl.space; break;
    case '0': r = fl.zero; break;
  }
  out[0] = vm::makeBool(r);
  return 1;
}

const vm::Type* ppType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineStruct("fmt", "pp", {field("p", vm::types::uintptrType())});
    defineMethod(named, "Write", stateWrite, true);
    defineMethod(named, "WriteString", stateWriteString, true);
    defineMethod(named, "Width", stateWidth, true);
    defineMethod(named, "Precision", statePrecision, true);
    defineMethod(named, "Flag", stateFlag, true);
    return named;
  }();
  return t;
}

}  // namespace

Printer::Printer(vm::Thread& th) : th_(th), fmt_(buf_) {}

// ---- Entry points -----------------------------------------------------------

void Printer::doPrint(const Value* args, int nargs) {
  bool prevString = false;
  for (int i = 0; i < nargs; i++) {
    Value a = args[i];
    bool isString = !a.isNil() && vm::kindOf(a) == Kind::String;
    // A space goes between operands when neither is a string.
    if (i > 0 && !isString && !prevString) buf_ += ' ';
    fmt_.clearFlags();
    printArg(a, 'v');
    prevString = isString;
  }
}

void Printer::doPrintln(const Value* args, int nargs) {
  for (int i = 0; i < nargs; i++) {
    if (i > 0) buf_ += ' ';
    fmt_.clearFlags();
    printArg(args[i], 'v');
  }
  buf_ += '\n';
}

void Printer::doPrintf(std::string_view format, const Value* args, int nargs) {
  ValueArgs va(*this, args, nargs);
  PrintfResult r = fmt::doPrintf(fmt_, format, va);
  reordered_ = r.reordered;
}

void Printer::printExtra(Value arg) {
  if (arg.isNil()) {
    buf_ += "<nil>";
    return;
  }
  buf_ += vm::typeString(vm::typeOf(arg));
  buf_ += '=';
  printArg(arg, 'v');
}

// ---- printArg ---------------------------------------------------------------

void Printer::printArg(Value arg, char32_t verb) {
  cur_ = Current{arg, !arg.isNil(), true};

  if (arg.isNil()) {
    if (verb == 'T' || verb == 'v') {
      fmt_.pad("<nil>");
    } else {
      badVerb(verb);
    }
    return;
  }
  const vm::Type* t = vm::typeOf(arg);
  if (verb == 'T') {
    fmt_.fmtS(vm::typeString(t));
    return;
  }
  if (verb == 'p') {
    fmtPointer(arg, 'p');
    return;
  }

  if (isPredeclaredBasic(t)) {
    Kind k = t->kind;
    bool ok = true;
    if (k == Kind::Bool) {
      ok = fmt_.formatBool(vm::toBool(arg), verb);
    } else if (vm::isSignedKind(k)) {
      ok = fmt_.formatInteger(static_cast<uint64_t>(vm::toInt64(arg)), true, verb);
    } else if (vm::isUnsignedKind(k)) {
      ok = fmt_.formatInteger(vm::toUint64(arg), false, verb);
    } else if (vm::isFloatKind(k)) {
      ok = fmt_.formatFloat(vm::toDouble(arg), k == Kind::Float32 ? 32 : 64, verb);
    } else if (vm::isComplexKind(k)) {
      std::complex<double> c = vm::toComplex(arg);
      fmtComplex(c.real(), c.imag(), k == Kind::Complex64 ? 64 : 128, verb);
    } else if (k == Kind::String) {
      ok = fmt_.formatString(vm::stringView(arg), verb);
    } else {
      ok = false;
      printValue(arg, t, verb, 0, false);
      return;
    }
    if (!ok) badVerb(verb);
    return;
  }
  if (t == byteSliceType()) {
    fmtBytes(vm::byteSliceView(arg), vm::isNilValue(arg), verb, "[]byte", arg);
    return;
  }
  if (!handleMethods(verb)) printValue(arg, t, verb, 0, false);
}

// ---- Methods ----------------------------------------------------------------

void Printer::callStringMethod(const char* name, char32_t verb, bool goSyntax) {
  Value arg = cur_.value;
  std::optional<BoundMethod> m;
  std::string result;
  bool isFormat = std::string_view(name) == "Format";
  auto panicked = catchGoPanic(th_, [&] {
    m = findMethod(arg, name);
    if (!m) return;
    if (isFormat) {
      vm::StructObj* state = vm::newStruct(ppType());
      state->fields()[0] = vm::makeIntOfType(vm::types::uintptrType(),
                                             static_cast<uint64_t>(reinterpret_cast<uintptr_t>(this)));
      callMethod(th_, *m, {Value::ref(state), vm::makeIntOfType(vm::types::int32Type(), int64_t{verb})});
      return;
    }
    Value r = callMethod(th_, *m);
    if (vm::isString(r)) result = std::string(vm::stringView(r));
  });
  if (!panicked) {
    if (isFormat) return;
    if (goSyntax) {
      fmt_.fmtS(result);
    } else if (!fmt_.formatString(result, verb)) {
      badVerb(verb);
    }
    return;
  }
  // Go's catchPanic: a nil pointer receiver most likely caused it, and
  // "<nil>" is the nicest result then.
  if (vm::kindOf(arg) == Kind::Pointer && vm::isNilValue(arg)) {
    buf_ += "<nil>";
    return;
  }
  if (panicking_) vm::throwPanic(*panicked);  // nested panics cannot be printed
  Flags oldFlags = fmt_.flags;
  fmt_.clearFlags();
  buf_ += "%!";
  utf8::appendRune(buf_, verb);
  buf_ += "(PANIC=";
  buf_ += name;
  buf_ += " method: ";
  panicking_ = true;
  printArg(*panicked, 'v');
  panicking_ = false;
  buf_ += ')';
  fmt_.flags = oldFlags;
}

bool Printer::handleMethods(char32_t verb) {
  if (erroring_) return false;
  Value arg = cur_.value;
  if (verb == 'w') {
    // %w is valid only in Errorf, and only for an error operand.
    if (!wrapErrs_ || !hasMethod(arg, "Error")) {
      badVerb(verb);
      return true;
    }
    verb = 'v';
  }
  // A Formatter formats itself, for every verb.
  if (isFormatter(arg)) {
    callStringMethod("Format", verb, false);
    return true;
  }
  if (fmt_.flags.sharpV) {
    if (hasMethod(arg, "GoString")) {
      callStringMethod("GoString", verb, true);
      return true;
    }
    return false;
  }
  switch (verb) {
    case 'v':
    case 's':
    case 'x':
    case 'X':
    case 'q':
      if (hasMethod(arg, "Error")) {
        callStringMethod("Error", verb, false);
        return true;
      }
      if (hasMethod(arg, "String")) {
        callStringMethod("String", verb, false);
        return true;
      }
      break;
  }
  return false;
}

// ---- printValue -------------------------------------------------------------

void Printer::printValue(Value v, const vm::Type* staticType, char32_t verb, int depth,
                         bool readOnly) {
  // Nested values get their methods consulted here (top-level operands did
  // in printArg), unless reached through an unexported field.
  if (depth > 0 && !v.isNil() && !readOnly) {
    cur_ = Current{v, true, true};
    if (handleMethods(verb)) return;
  }
  cur_ = Current{v, !v.isNil(), false};

  if (v.isNil()) {
    // A nil interface inside a composite value.
    if (fmt_.flags.sharpV) {
      buf_ += staticType ? vm::typeString(staticType) : std::string("interface {}");
      buf_ += "(nil)";
    } else {
      buf_ += "<nil>";
    }
    return;
  }

  const vm::Type* t = vm::typeOf(v);
  Kind k = t->kind;
  bool ok = true;
  switch (k) {
    case Kind::Bool:
      ok = fmt_.formatBool(vm::toBool(v), verb);
      break;
    case Kind::Int: case Kind::Int8: case Kind::Int16: case Kind::Int32: case Kind::Int64:
      ok = fmt_.formatInteger(static_cast<uint64_t>(vm::toInt64(v)), true, verb);
      break;
    case Kind::Uint: case Kind::Uint8: case Kind::Uint16: case Kind::Uint32:
    case Kind::Uint64: case Kind::Uintptr:
      ok = fmt_.formatInteger(vm::toUint64(v), false, verb);
      break;
    case Kind::Float32:
    case Kind::Float64:
      ok = fmt_.formatFloat(vm::toDouble(v), k == Kind::Float32 ? 32 : 64, verb);
      break;
    case Kind::Complex64:
    case Kind::Complex128: {
      std::complex<double> c = vm::toComplex(v);
      fmtComplex(c.real(), c.imag(), k == Kind::Complex64 ? 64 : 128, verb);
      break;
    }
    case Kind::String:
      ok = fmt_.formatString(vm::stringView(v), verb);
      break;
    case Kind::Map:
      printMap(v, t, verb, depth, readOnly);
      break;
    case Kind::Struct:
      printStruct(v, t, verb, depth, readOnly);
      break;
    case Kind::Array:
    case Kind::Slice:
      printList(v, t, verb, depth, readOnly);
      break;
    case Kind::Pointer:
      // A pointer to an array, slice, struct or map prints as &value at the
      // top level only, which also stops cycles.
      if (depth == 0 && !vm::isNilValue(v)) {
        if (auto target = pointee(v)) {
          Kind tk = vm::kindOf(*target);
          if (tk == Kind::Array || tk == Kind::Slice || tk == Kind::Struct || tk == Kind::Map) {
            buf_ += '&';
            printValue(*target, t->elem, verb, depth + 1, readOnly);
            return;
          }
        }
      }
      fmtPointer(v, verb);
      break;
    case Kind::Chan:
    case Kind::Func:
    case Kind::UnsafePointer:
      fmtPointer(v, verb);
      break;
    default:
      buf_ += '?';
      buf_ += vm::typeString(t);
      buf_ += '?';
      break;
  }
  if (!ok) badVerb(verb);
}

void Printer::printMap(Value v, const vm::Type* t, char32_t verb, int depth, bool readOnly) {
  if (fmt_.flags.sharpV) {
    buf_ += vm::typeString(t);
    if (vm::isNilValue(v)) {
      buf_ += "(nil)";
      return;
    }
    buf_ += '{';
  } else {
    buf_ += "map[";
  }
  SortedMap sorted = sortMap(v);
  for (size_t i = 0; i < sorted.keys.size(); i++) {
    if (i > 0) {
      if (fmt_.flags.sharpV) {
        buf_ += ", ";
      } else {
        buf_ += ' ';
      }
    }
    printValue(sorted.keys[i], t->key, verb, depth + 1, readOnly);
    buf_ += ':';
    printValue(sorted.values[i], t->elem, verb, depth + 1, readOnly);
  }
  buf_ += fmt_.flags.sharpV ? '}' : ']';
}

void Printer::printStruct(Value v, const vm::Type* t, char32_t verb, int depth, bool readOnly) {
  if (fmt_.flags.sharpV) buf_ += vm::typeString(t);
  buf_ += '{';
  auto* s = static_cast<const vm::StructObj*>(static_cast<const vm::Object*>(v.asObject()));
  for (size_t i = 0; i < t->fields.size(); i++) {
    const vm::Field& f = t->fields[i];
    if (i > 0) {
      if (fmt_.flags.sharpV) {
        buf_ += ", ";
      } else {
        buf_ += ' ';
      }
    }
    if ((fmt_.flags.plusV || fmt_.flags.sharpV) && !f.name.empty()) {
      buf_ += f.name;
      buf_ += ':';
    }
    printValue(s->fields()[i], f.type, verb, depth + 1, readOnly || !f.exported);
  }
  buf_ += '}';
}

void Printer::printList(Value v, const vm::Type* t, char32_t verb, int depth, bool readOnly) {
  const Value* elems = nullptr;
  int64_t n = 0;
  bool isNilSlice = t->kind == Kind::Slice && !v.isObject();
  // Byte slices and arrays hold bytes, not Values (vm/slice.h).
  bool byteLayout = vm::isByteElem(t->elem);
  std::string_view bytes;
  if (byteLayout) {
    bytes = vm::bytesView(v);
    n = static_cast<int64_t>(bytes.size());
  } else if (t->kind == Kind::Slice) {
    SliceView sv = sliceView(v);
    elems = sv.data;
    n = sv.len;
  } else {
    auto* a = static_cast<const vm::ArrayObj*>(static_cast<const vm::Object*>(v.asObject()));
    elems = a->elems();
    n = a->len;
  }
  // Byte slices and arrays print as strings for %s %q %x %X.
  if (byteLayout && (verb == 's' || verb == 'q' || verb == 'x' || verb == 'X')) {
    fmtBytes(bytes, isNilSlice, verb, vm::typeString(t), v);
    return;
  }
  auto elemAt = [&](int64_t i) {
    return byteLayout ? vm::byteValue(t->elem, static_cast<uint8_t>(bytes[static_cast<size_t>(i)]))
                      : elems[i];
  };
  if (fmt_.flags.sharpV) {
    buf_ += vm::typeString(t);
    if (isNilSlice) {
      buf_ += "(nil)";
      return;
    }
    buf_ += '{';
    for (int64_t i = 0; i < n; i++) {
      if (i > 0) buf_ += ", ";
      printValue(elemAt(i), t->elem, verb, depth + 1, readOnly);
    }
    buf_ += '}';
    return;
  }
  buf_ += '[';
  for (int64_t i = 0; i < n; i++) {
    if (i > 0) buf_ += ' ';
    printValue(elemAt(i), t->elem, verb, depth + 1, readOnly);
  }
  buf_ += ']';
}

// ---- Leaves -----------------------------------------------------------------

void Printer::fmtBytes(std::string_view bytes, bool isNil, char32_t verb,
                       std::string_view typeString, Value original) {
  switch (verb) {
    case 'v':
    case 'd':
      if (fmt_.flags.sharpV) {
        buf_ += typeString;
        if (isNil) {
          buf_ += "(nil)";
          return;
        }
        buf_ += '{';
        for (size_t i = 0; i < bytes.size(); i++) {
          if (i > 0) buf_ += ", ";
          fmt_.fmt0x64(static_cast<uint8_t>(bytes[i]), true);
        }
        buf_ += '}';
      } else {
        buf_ += '[';
        for (size_t i = 0; i < bytes.size(); i++) {
          if (i > 0) buf_ += ' ';
          fmt_.fmtInteger(static_cast<uint8_t>(bytes[i]), 10, false, verb, false);
        }
        buf_ += ']';
      }
      return;
    case 's':
      fmt_.fmtS(bytes);
      return;
    case 'x':
      fmt_.fmtSbx(bytes, false);
      return;
    case 'X':
      fmt_.fmtSbx(bytes, true);
      return;
    case 'q':
      fmt_.fmtQ(bytes);
      return;
  }
  printValue(original, vm::typeOf(original), verb, 0, false);
}

void Printer::fmtPointer(Value v, char32_t verb) {
  Kind k = vm::kindOf(v);
  if (k != Kind::Chan && k != Kind::Func && k != Kind::Map && k != Kind::Pointer &&
      k != Kind::Slice && k != Kind::UnsafePointer) {
    badVerb(verb);
    return;
  }
  uint64_t u = pointerAddress(v);
  switch (verb) {
    case 'v':
      if (fmt_.flags.sharpV) {
        buf_ += '(';
        buf_ += vm::typeString(vm::typeOf(v));
        buf_ += ")(";
        if (u == 0) {
          buf_ += "nil";
        } else {
          fmt_.fmt0x64(u, true);
        }
        buf_ += ')';
      } else if (u == 0) {
        fmt_.pad("<nil>");
      } else {
        fmt_.fmt0x64(u, !fmt_.flags.sharp);
      }
      return;
    case 'p':
      fmt_.fmt0x64(u, !fmt_.flags.sharp);
      return;
    case 'b':
    case 'o':
    case 'd':
    case 'x':
    case 'X':
      fmt_.formatInteger(u, false, verb);
      return;
  }
  badVerb(verb);
}

void Printer::fmtComplex(double re, double im, int size, char32_t verb) {
  switch (verb) {
    case 'v': case 'b': case 'g': case 'G': case 'x': case 'X':
    case 'f': case 'F': case 'e': case 'E': {
      bool oldPlus = fmt_.flags.plus;
      buf_ += '(';
      fmt_.formatFloat(re, size / 2, verb);
      // The imaginary part always has a sign.
      fmt_.flags.plus = true;
      fmt_.formatFloat(im, size / 2, verb);
      buf_ += "i)";
      fmt_.flags.plus = oldPlus;
      return;
    }
  }
  badVerb(verb);
}

void Printer::badVerb(char32_t verb) {
  erroring_ = true;
  buf_ += "%!";
  utf8::appendRune(buf_, verb);
  buf_ += '(';
  Current c = cur_;
  if (c.valid) {
    buf_ += vm::typeString(vm::typeOf(c.value));
    buf_ += '=';
    if (c.isArg) {
      printArg(c.value, 'v');
    } else {
      printValue(c.value, vm::typeOf(c.value), 'v', 0, false);
    }
  } else {
    buf_ += "<nil>";
  }
  buf_ += ')';
  erroring_ = false;
}

}  // namespace gsl::stdlib::fmt
