// vm/builtins.cpp: the builtins of vm/builtins.h and Go's runtime print.
#include "vm/builtins.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "vm/arith.h"
#include "vm/call.h"
#include "vm/compare.h"
#include "vm/convert.h"
#include "vm/map.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"

namespace gsl::vm {

namespace {

ChanHooks gChanHooks;

constexpr std::string_view kBuiltinNames[] = {
#define GSL_BUILTIN_NAME(name, spelling) spelling,
    GSL_BUILTINS(GSL_BUILTIN_NAME)
#undef GSL_BUILTIN_NAME
};

// Go's runtime printfloat: sign, one digit, '.', six digits, 'e', sign and
// three exponent digits, computed by repeated scaling exactly as the runtime
// does (so the last digit rounds the way Go's does, not as printf's %e).
void appendRuntimeFloat(std::string& out, double v) {
  if (v != v) {
    out += "NaN";
    return;
  }
  if (v + v == v && v > 0) {
    out += "+Inf";
    return;
  }
  if (v + v == v && v < 0) {
    out += "-Inf";
    return;
  }
  constexpr int kDigits = 7;
  char buf[kDigits + 7];
  buf[0] = '+';
  int e = 0;
  if (v == 0) {
    if (std::signbit(v)) buf[0] = '-';
  } else {
    if (v < 0) {
      v = -v;
      buf[0] = '-';
    }
    while (v >= 10) {
      e++;
      v /= 10;
    }
    while (v < 1) {
      e--;
      v *= 10;
    }
    double h = 5.0;
    for (int i = 0; i < kDigits; i++) h /= 10;
    v += h;
    if (v >= 10) {
      e++;
      v /= 10;
    }
  }
  for (int i = 0; i < kDigits; i++) {
    int s = static_cast<int>(v);
    buf[i + 2] = static_cast<char>(s + '0');
    v -= s;
    v *= 10;
  }
  buf[1] = buf[2];
  buf[2] = '.';
  buf[kDigits + 2] = 'e';
  buf[kDigits + 3] = '+';
  if (e < 0) {
    e = -e;
    buf[kDigits + 3] = '-';
  }
  buf[kDigits + 4] = static_cast<char>(e / 100 + '0');
  buf[kDigits + 5] = static_cast<char>(e / 10 % 10 + '0');
  buf[kDigits + 6] = static_cast<char>(e % 10 + '0');
  out.append(buf, sizeof buf);
}

void appendHex(std::string& out, uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%" PRIx64, v);
  out += buf;
}

uint64_t addressOf(Value v) {
  if (v.isRef()) return reinterpret_cast<uint64_t>(v.refTarget());
  if (v.isObject()) return reinterpret_cast<uint64_t>(v.asObject());
  return 0;
}

Value minMax(Value* args, uint32_t n, bool wantMin) {
  if (n == 0) throwRuntimeError("min/max of no arguments");
  Value best = args[0];
  for (uint32_t i = 1; i < n; i++) {
    Value x = convertUntypedConst(args[i], best);
    best = convertUntypedConst(best, x);
    Kind k = kindOf(x);
    if (isFloatKind(k)) {
      double dx = toDouble(x), db = toDouble(best);
      if (std::isnan(db)) continue;
      if (std::isnan(dx)) {
        best = x;
        continue;
      }
      if (dx == db && dx == 0) {
        // min prefers -0, max prefers +0.
        if (wantMin ? std::signbit(dx) : !std::signbit(dx)) best = x;
        continue;
      }
    }
    if (wantMin ? opLess(x, best) : opLess(best, x)) best = x;
  }
  return best;
}

Value clearValue(Value x) {
  Kind k = kindOf(x);
  if (k == Kind::Map) {
    mapClear(x);
  } else if (k == Kind::Slice) {
    if (SliceObj* s = asSlice(x)) {
      const Type* et = s->type->elem;
      if (s->byteElems) {
        std::memset(s->bytes, 0, static_cast<size_t>(s->len));
      } else {
        for (int64_t i = 0; i < s->len; i++) s->elems[i] = zeroValue(et);
      }
    }
  }
  return Value();
}

Value complexOf(Value re, Value im) {
  re = convertUntypedConst(re, im);
  im = convertUntypedConst(im, re);
  bool single = kindOf(re) == Kind::Float32 || kindOf(im) == Kind::Float32;
  const Type* t = single ? types::complex64Type() : types::complex128Type();
  return makeComplexOfType(t, {toDouble(re), toDouble(im)});
}

Value partOf(Value c, bool real) {
  std::complex<double> z = toComplex(c);
  double d = real ? z.real() : z.imag();
  if (kindOf(c) == Kind::Complex64) return makeFloatOfType(types::float32Type(), d);
  return makeFloat(d);
}

// Natives standing for builtins (defer println(x), defer close(ch), …).
template <BuiltinId kId>
int builtinNative(Thread& th, const Value* args, int nargs, Value* out) {
  Value buf[32];
  std::vector<Value, GcAllocator<Value>> big;
  Value* a = buf;
  if (nargs > 32) {
    big.assign(args, args + nargs);
    a = big.data();
  } else {
    for (int i = 0; i < nargs; i++) buf[i] = args[i];
  }
  if (kId == BuiltinId::Recover) {
    // `defer recover()`: recover is not called *by* a deferred function, so
    // it returns nil and stops nothing (the Go spec's rule).
    out[0] = Value();
    return 1;
  }
  Value r = callBuiltin(th, kId, a, static_cast<uint32_t>(nargs));
  out[0] = r;
  switch (kId) {
    case BuiltinId::Copy:
    case BuiltinId::Min:
    case BuiltinId::Max:
    case BuiltinId::Complex:
    case BuiltinId::Real:
    case BuiltinId::Imag:
    case BuiltinId::Len:
    case BuiltinId::Cap:
    case BuiltinId::Append:
      return 1;
    default:
      return 0;
  }
}

}  // namespace

std::string_view builtinName(BuiltinId id) { return kBuiltinNames[static_cast<int>(id)]; }

void setChanHooks(const ChanHooks& hooks) { gChanHooks = hooks; }

int64_t builtinChanLen(Value ch) {
  if (gChanHooks.len == nullptr) return 0;
  return gChanHooks.len(ch);
}

int64_t builtinChanCap(Value ch) {
  if (gChanHooks.cap == nullptr) return 0;
  return gChanHooks.cap(ch);
}

void writeStderr(std::string_view text) {
  std::fflush(stdout);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

void appendPrintValue(std::string& out, Value v) {
  if (v.isNil()) {
    out += "nil";
    return;
  }
  if (v.isInt()) {
    out += std::to_string(v.asInt());
    return;
  }
  if (v.isFlonum()) {
    appendRuntimeFloat(out, v.asFlonum());
    return;
  }
  const Type* t = typeOf(v);
  Kind k = t->kind;
  if (k == Kind::Bool) {
    out += toBool(v) ? "true" : "false";
  } else if (isSignedKind(k)) {
    out += std::to_string(toInt64(v));
  } else if (isUnsignedKind(k)) {
    out += std::to_string(toUint64(v));
  } else if (isFloatKind(k)) {
    appendRuntimeFloat(out, toDouble(v));
  } else if (isComplexKind(k)) {
    std::complex<double> z = toComplex(v);
    out += "(";
    appendRuntimeFloat(out, z.real());
    appendRuntimeFloat(out, z.imag());
    out += "i)";
  } else if (k == Kind::String) {
    out += stringView(v);
  } else if (k == Kind::Slice) {
    out += "[" + std::to_string(sliceLen(v)) + "/" + std::to_string(sliceCap(v)) + "]";
    SliceObj* s = asSlice(v);
    appendHex(out, s ? reinterpret_cast<uint64_t>(s->bytes) : 0);
  } else {
    appendHex(out, addressOf(v));
  }
}

Value callBuiltin(Thread& th, BuiltinId id, Value* args, uint32_t n) {
  switch (id) {
    case BuiltinId::Copy:
      return makeInt(copySlice(args[0], args[1]));
    case BuiltinId::Delete: {
      if (kindOf(args[0]) == Kind::Map) {
        const Type* mt = typeOf(args[0]);
        mapDelete(args[0], assignConvert(mt->key, args[1]));
      }
      return Value();
    }
    case BuiltinId::Min:
      return minMax(args, n, true);
    case BuiltinId::Max:
      return minMax(args, n, false);
    case BuiltinId::Clear:
      return clearValue(args[0]);
    case BuiltinId::Complex:
      return complexOf(args[0], args[1]);
    case BuiltinId::Real:
      return partOf(args[0], true);
    case BuiltinId::Imag:
      return partOf(args[0], false);
    case BuiltinId::Print:
    case BuiltinId::Println: {
      std::string out;
      bool ln = id == BuiltinId::Println;
      for (uint32_t i = 0; i < n; i++) {
        if (ln && i > 0) out += ' ';
        appendPrintValue(out, args[i]);
      }
      if (ln) out += '\n';
      writeStderr(out);
      return Value();
    }
    case BuiltinId::Close:
      if (gChanHooks.close == nullptr) throwPlainError("close of a non-channel value");
      gChanHooks.close(args[0]);
      return Value();
    case BuiltinId::Panic:
      throwPanic(n > 0 ? args[0] : Value());
    case BuiltinId::Recover:
      return recoverPanic(th);
    case BuiltinId::Len: {
      Value x = args[0];
      switch (kindOf(x)) {
        case Kind::String: return makeInt(static_cast<int64_t>(stringView(x).size()));
        case Kind::Slice: return makeInt(sliceLen(x));
        case Kind::Map: return makeInt(mapLen(x));
        case Kind::Chan: return makeInt(builtinChanLen(x));
        case Kind::Array: return makeInt(typeOf(x)->len);
        default: return makeInt(0);
      }
    }
    case BuiltinId::Cap: {
      Value x = args[0];
      switch (kindOf(x)) {
        case Kind::Slice: return makeInt(sliceCap(x));
        case Kind::Chan: return makeInt(builtinChanCap(x));
        case Kind::Array: return makeInt(typeOf(x)->len);
        default: return makeInt(0);
      }
    }
    case BuiltinId::Append:
      return appendValues(args[0], args + 1, n - 1);
  }
  return Value();
}

Value builtinFunctionValue(BuiltinId id) {
  NativeFn fn = nullptr;
  switch (id) {
#define GSL_BUILTIN_CASE(name, spelling) \
  case BuiltinId::name:                  \
    fn = &builtinNative<BuiltinId::name>; \
    break;
    GSL_BUILTINS(GSL_BUILTIN_CASE)
#undef GSL_BUILTIN_CASE
  }
  return Value::object(makeNative(builtinName(id), fn));
}

}  // namespace gsl::vm
