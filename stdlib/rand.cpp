// stdlib/rand.cpp: package math/rand.
//
// Sequences are Go's: rand.New(rand.NewSource(seed)) produces, call for
// call, the numbers Go's produces for the same seed, because the generator
// (Go's additive lagged Fibonacci source, seeded through the Park–Miller
// "minimal standard" generator) and every derived method (Intn, Int31n,
// Int63n, Float64, Perm, Shuffle, NormFloat64, ExpFloat64, Read, Zipf) use
// Go's algorithms with Go's rejection loops. The generator's starting state
// and the ziggurat tables are data read out of Go's math/rand by
// stdlib/gen_rand_tables.go (stdlib/rand_tables.inc).
//
// The top-level functions share one generator, randomly seeded at start-up
// as in Go 1.20 and later; rand.Seed(n) reseeds it, after which they produce
// what rand.New(rand.NewSource(n)) produces (Go 1.19's behaviour). It is
// safe for concurrent use: each draw from it holds a lock, as Go's locked
// source does (a script callback such as Shuffle's swap never runs under it).
//
// Layout: *rand.Rand is Go's struct {src Source; s64 Source64; readVal
// int64; readPos int8}. The native source is *rand.rngSource {tap int;
// feed int; vec []byte}: the 607 words of state live as raw bytes in a
// []byte, so a draw allocates nothing. A script type with Int63 and Seed
// methods is a Source too; Rand calls its methods.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <random>
#include <string_view>

#include "stdlib/go_math.h"
#include "stdlib/native_support.h"
#include "vm/object.h"
#include "vm/panic.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib {
namespace {

#include "stdlib/rand_tables.inc"

using vm::Value;

// ---- The lagged Fibonacci generator ---------------------------------------------

constexpr int kRngLen = 607;  // the generator's lag (Go's rngLen)
constexpr int kRngTap = 273;  // its tap (Go's rngTap)
constexpr int64_t kInt32Max = (int64_t{1} << 31) - 1;
constexpr uint64_t kMask63 = (uint64_t{1} << 63) - 1;

// One step of the Park–Miller generator x' = 48271·x mod (2^31−1),
// computed with Schrage's method as Go's seedrand does.
int32_t seedStep(int32_t x) {
  constexpr int32_t kA = 48271, kQ = 44488, kR = 3399;
  int32_t hi = x / kQ, lo = x % kQ;
  x = kA * lo - kR * hi;
  if (x < 0) x += static_cast<int32_t>(kInt32Max);
  return x;
}

// The generator's state, over the raw bytes of rngSource.vec.
struct RngState {
  int64_t tap;
  int64_t feed;
  uint8_t* vec;  // kRngLen little-endian int64 words

  int64_t word(int64_t i) const {
    int64_t w;
    std::memcpy(&w, vec + 8 * i, 8);
    return w;
  }
  void setWord(int64_t i, int64_t w) { std::memcpy(vec + 8 * i, &w, 8); }

  void seed(int64_t s) {
    tap = 0;
    feed = kRngLen - kRngTap;
    s %= kInt32Max;
    if (s < 0) s += kInt32Max;
    if (s == 0) s = 89482311;
    auto x = static_cast<int32_t>(s);
    for (int i = -20; i < kRngLen; i++) {
      x = seedStep(x);
      if (i >= 0) {
        int64_t u = static_cast<int64_t>(x) << 40;
        x = seedStep(x);
        u ^= static_cast<int64_t>(x) << 20;
        x = seedStep(x);
        u ^= static_cast<int64_t>(x);
        u ^= kRngCooked[i];
        setWord(i, u);
      }
    }
  }

  uint64_t next() {
    if (--tap < 0) tap += kRngLen;
    if (--feed < 0) feed += kRngLen;
    auto x = static_cast<uint64_t>(word(feed)) + static_cast<uint64_t>(word(tap));
    setWord(feed, static_cast<int64_t>(x));
    return x;
  }
};

// ---- Types ------------------------------------------------------------------------

// Field indexes of rngSource and Rand.
enum RngField { kTap, kFeed, kVec };
enum RandField { kSrc, kS64, kReadVal, kReadPos };

vm::Type* rngSourceType();

const vm::Type* sourceType() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms{{"Int63", nullptr}, {"Seed", nullptr}};
    return defineNamed("rand", "Source", vm::interfaceOf(ms));
  }();
  return t;
}

const vm::Type* source64Type() {
  static const vm::Type* t = [] {
    std::vector<vm::IMethod> ms{{"Int63", nullptr}, {"Seed", nullptr}, {"Uint64", nullptr}};
    return defineNamed("rand", "Source64", vm::interfaceOf(ms));
  }();
  return t;
}

// The generator behind an rngSource struct (its fields are read now and
// written back by store()).
struct NativeRng {
  vm::StructObj* obj;
  RngState st;

  explicit NativeRng(vm::StructObj* o) : obj(o) {
    size_t n = 0;
    st.tap = vm::toInt64(o->fields()[kTap]);
    st.feed = vm::toInt64(o->fields()[kFeed]);
    st.vec = vm::byteSliceData(o->fields()[kVec], &n);
  }
  void store() {
    obj->fields()[kTap] = vm::makeInt(st.tap);
    obj->fields()[kFeed] = vm::makeInt(st.feed);
  }
};

// The rngSource a value points at, or nullptr for any other source.
vm::StructObj* nativeRngOf(Value src) {
  if (!src.isRef()) return nullptr;
  auto* o = static_cast<vm::StructObj*>(src.refTarget());
  return o->type == rngSourceType() ? o : nullptr;
}

Value newRngSource(int64_t seed) {
  vm::StructObj* o = vm::newStruct(rngSourceType());
  o->fields()[kVec] = vm::newByteSlice(vm::sliceOf(vm::types::byteType()), 8 * kRngLen, 8 * kRngLen, nullptr);
  NativeRng rng(o);
  rng.st.seed(seed);
  rng.store();
  return Value::ref(o);
}

// The top-level functions' generator and its lock.
std::mutex gGlobalLock;
Value* gGlobalRand = nullptr;

bool isGlobal(vm::StructObj* r);

// Draws from the source of one *Rand.
class Draw {
 public:
  Draw(vm::Thread& th, vm::StructObj* r) : th_(th), r_(r), global_(isGlobal(r)) {}

  vm::Thread& thread() { return th_; }
  vm::StructObj* rand() { return r_; }

  uint64_t nativeStep(vm::StructObj* o) {
    std::unique_lock<std::mutex> lock(gGlobalLock, std::defer_lock);
    if (global_) lock.lock();
    NativeRng rng(o);
    uint64_t x = rng.st.next();
    rng.store();
    return x;
  }

  int64_t int63() {
    Value src = r_->fields()[kSrc];
    if (vm::StructObj* o = nativeRngOf(src)) return static_cast<int64_t>(nativeStep(o) & kMask63);
    auto m = findMethod(src, "Int63");
    if (!m) vm::throwNilDereference();
    return vm::toInt64(callMethod(th_, *m));
  }

  uint64_t uint64() {
    Value s64 = r_->fields()[kS64];
    if (vm::StructObj* o = nativeRngOf(s64)) return nativeStep(o);
    if (!s64.isNil() && !vm::isNilValue(s64)) {
      auto m = findMethod(s64, "Uint64");
      if (m) return vm::toUint64(callMethod(th_, *m));
    }
    uint64_t lo = static_cast<uint64_t>(int63()) >> 31;
    uint64_t hi = static_cast<uint64_t>(int63()) << 32;
    return lo | hi;
  }

  uint32_t uint32() { return static_cast<uint32_t>(int63() >> 31); }
  int32_t int31() { return static_cast<int32_t>(int63() >> 32); }

  int64_t int63n(int64_t n) {
    if (n <= 0) vm::throwPanic(vm::makeString("invalid argument to Int63n"));
    if ((n & (n - 1)) == 0) return int63() & (n - 1);
    auto max = static_cast<int64_t>(kMask63 - (uint64_t{1} << 63) % static_cast<uint64_t>(n));
    int64_t v = int63();
    while (v > max) v = int63();
    return v % n;
  }

  int32_t int31n(int32_t n) {
    if (n <= 0) vm::throwPanic(vm::makeString("invalid argument to Int31n"));
    if ((n & (n - 1)) == 0) return int31() & (n - 1);
    auto max = static_cast<int32_t>(kInt32Max - static_cast<int64_t>((uint32_t{1} << 31) % static_cast<uint32_t>(n)));
    int32_t v = int31();
    while (v > max) v = int31();
    return v % n;
  }

  // Lemire's multiply-and-reject method, which Shuffle uses (Go's int31n).
  int32_t int31nFast(int32_t n) {
    uint32_t v = uint32();
    uint64_t prod = static_cast<uint64_t>(v) * static_cast<uint64_t>(n);
    auto low = static_cast<uint32_t>(prod);
    if (low < static_cast<uint32_t>(n)) {
      uint32_t thresh = static_cast<uint32_t>(-n) % static_cast<uint32_t>(n);
      while (low < thresh) {
        v = uint32();
        prod = static_cast<uint64_t>(v) * static_cast<uint64_t>(n);
        low = static_cast<uint32_t>(prod);
      }
    }
    return static_cast<int32_t>(prod >> 32);
  }

  int64_t intn(int64_t n) {
    if (n <= 0) vm::throwPanic(vm::makeString("invalid argument to Intn"));
    if (n <= kInt32Max) return int31n(static_cast<int32_t>(n));
    return int63n(n);
  }

  int64_t int_() { return static_cast<int64_t>((static_cast<uint64_t>(int63()) << 1) >> 1); }

  double float64() {
    for (;;) {
      double f = static_cast<double>(int63()) / 0x1p63;
      if (f != 1) return f;
    }
  }

  float float32() {
    for (;;) {
      auto f = static_cast<float>(float64());
      if (f != 1) return f;
    }
  }

  double normFloat64() {
    constexpr double kRn = 3.442619855899;
    for (;;) {
      auto j = static_cast<int32_t>(uint32());
      int i = j & 0x7F;
      double x = static_cast<double>(j) * static_cast<double>(kNormW[i]);
      uint32_t absj = j < 0 ? static_cast<uint32_t>(-static_cast<int64_t>(j)) : static_cast<uint32_t>(j);
      if (absj < kNormK[i]) return x;  // the fast path: inside the rectangle
      if (i == 0) {
        // The base strip's tail, by Marsaglia's method.
        for (;;) {
          x = -go_math::log(float64()) * (1.0 / kRn);
          double y = -go_math::log(float64());
          if (y + y >= x * x) break;
        }
        return j > 0 ? kRn + x : -kRn - x;
      }
      if (kNormF[i] + static_cast<float>(float64()) * (kNormF[i - 1] - kNormF[i]) <
          static_cast<float>(go_math::exp(-.5 * x * x))) {
        return x;
      }
    }
  }

  double expFloat64() {
    constexpr double kRe = 7.69711747013104972;
    for (;;) {
      uint32_t j = uint32();
      int i = static_cast<int>(j & 0xFF);
      double x = static_cast<double>(j) * static_cast<double>(kExpW[i]);
      if (j < kExpK[i]) return x;
      if (i == 0) return kRe - go_math::log(float64());
      if (kExpF[i] + static_cast<float>(float64()) * (kExpF[i - 1] - kExpF[i]) <
          static_cast<float>(go_math::exp(-x))) {
        return x;
      }
    }
  }

 private:
  vm::Thread& th_;
  vm::StructObj* r_;
  bool global_;
};

const vm::Type* randType();

Value newRand(Value src) {
  vm::StructObj* r = vm::newStruct(randType());
  r->fields()[kSrc] = src;
  r->fields()[kS64] = hasMethod(src, "Uint64") ? src : Value();
  return Value::ref(r);
}

bool isGlobal(vm::StructObj* r) { return gGlobalRand && gGlobalRand->refTarget() == r; }

vm::StructObj* globalRand() {
  static const bool once = [] {
    gGlobalRand = permanentSlot();
    std::random_device rd;
    int64_t seed = (static_cast<int64_t>(rd()) << 32) ^ rd();
    *gGlobalRand = newRand(newRngSource(seed));
    return true;
  }();
  (void)once;
  return static_cast<vm::StructObj*>(gGlobalRand->refTarget());
}

// ---- Rand methods (and the top-level functions, on the global Rand) -----------------

// The *Rand a method runs on: the receiver, or the global one for the
// package-level functions (whose arguments then start at index 0).
template <bool kMethod>
vm::StructObj* self(const Value* args) {
  if constexpr (kMethod) return receiverStruct(args);
  return globalRand();
}

template <bool kMethod>
int firstArg() {
  return kMethod ? 1 : 0;
}

template <bool kMethod>
int mInt63(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeIntOfType(vm::types::int64Type(), d.int63());
  return 1;
}

template <bool kMethod>
int mUint32(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeIntOfType(vm::types::uint32Type(), static_cast<uint64_t>(d.uint32()));
  return 1;
}

template <bool kMethod>
int mUint64(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeIntOfType(vm::types::uint64Type(), d.uint64());
  return 1;
}

template <bool kMethod>
int mInt31(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeIntOfType(vm::types::int32Type(), static_cast<int64_t>(d.int31()));
  return 1;
}

template <bool kMethod>
int mInt(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeInt(d.int_());
  return 1;
}

template <bool kMethod>
int mInt63n(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeIntOfType(vm::types::int64Type(), d.int63n(argInt(args, nargs, firstArg<kMethod>())));
  return 1;
}

template <bool kMethod>
int mInt31n(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Draw d(th, self<kMethod>(args));
  auto n = static_cast<int32_t>(argInt(args, nargs, firstArg<kMethod>()));
  out[0] = vm::makeIntOfType(vm::types::int32Type(), static_cast<int64_t>(d.int31n(n)));
  return 1;
}

template <bool kMethod>
int mIntn(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeInt(d.intn(argInt(args, nargs, firstArg<kMethod>())));
  return 1;
}

template <bool kMethod>
int mFloat64(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeFloat(d.float64());
  return 1;
}

template <bool kMethod>
int mFloat32(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeFloatOfType(vm::types::float32Type(), d.float32());
  return 1;
}

template <bool kMethod>
int mNormFloat64(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeFloat(d.normFloat64());
  return 1;
}

template <bool kMethod>
int mExpFloat64(vm::Thread& th, const Value* args, int, Value* out) {
  Draw d(th, self<kMethod>(args));
  out[0] = vm::makeFloat(d.expFloat64());
  return 1;
}

// Perm(n): Go's "inside-out" Fisher–Yates, m[i] = m[j]; m[j] = i.
template <bool kMethod>
int mPerm(vm::Thread& th, const Value* args, int nargs, Value* out) {
  Draw d(th, self<kMethod>(args));
  int64_t n = argInt(args, nargs, firstArg<kMethod>());
  Value m = vm::makeSlice(vm::sliceOf(vm::types::intType()), n, n);  // panics for n < 0 as make does
  for (int64_t i = 0; i < n; i++) {
    int64_t j = d.intn(i + 1);
    vm::sliceStore(m, i, vm::sliceIndex(m, j));
    vm::sliceStore(m, j, vm::makeInt(i));
  }
  out[0] = m;
  return 1;
}

template <bool kMethod>
int mShuffle(vm::Thread& th, const Value* args, int nargs, Value*) {
  Draw d(th, self<kMethod>(args));
  int64_t n = argInt(args, nargs, firstArg<kMethod>());
  Value swap = arg(args, nargs, firstArg<kMethod>() + 1);
  if (n < 0) vm::throwPanic(vm::makeString("invalid argument to Shuffle"));
  int64_t i = n - 1;
  for (; i > kInt32Max - 1; i--) {
    int64_t j = d.int63n(i + 1);
    vm::callFunction1(th, swap, {vm::makeInt(i), vm::makeInt(j)});
  }
  for (; i > 0; i--) {
    int64_t j = d.int31nFast(static_cast<int32_t>(i + 1));
    vm::callFunction1(th, swap, {vm::makeInt(i), vm::makeInt(j)});
  }
  return 0;
}

// Read(p): 7 bytes from each Int63, low byte first; the bytes left over
// from the last draw are kept (readVal, readPos) for the next Read.
template <bool kMethod>
int mRead(vm::Thread& th, const Value* args, int nargs, Value* out) {
  vm::StructObj* r = self<kMethod>(args);
  Draw d(th, r);
  Value p = arg(args, nargs, firstArg<kMethod>());
  int64_t pos = vm::toInt64(r->fields()[kReadPos]);
  int64_t val = vm::toInt64(r->fields()[kReadVal]);
  int64_t n = vm::sliceLen(p);
  for (int64_t k = 0; k < n; k++) {
    if (pos == 0) {
      val = d.int63();
      pos = 7;
    }
    vm::sliceStore(p, k, vm::makeIntOfType(vm::types::uint8Type(), static_cast<uint64_t>(val & 0xFF)));
    val >>= 8;
    pos--;
  }
  r->fields()[kReadPos] = vm::makeIntOfType(vm::types::int8Type(), pos);
  r->fields()[kReadVal] = vm::makeIntOfType(vm::types::int64Type(), val);
  out[0] = vm::makeInt(n);
  out[1] = Value();
  return 2;
}

template <bool kMethod>
int mSeed(vm::Thread& th, const Value* args, int nargs, Value*) {
  vm::StructObj* r = self<kMethod>(args);
  int64_t seed = argInt(args, nargs, firstArg<kMethod>());
  Value src = r->fields()[kSrc];
  if (vm::StructObj* o = nativeRngOf(src)) {
    std::unique_lock<std::mutex> lock(gGlobalLock, std::defer_lock);
    if (isGlobal(r)) lock.lock();
    NativeRng rng(o);
    rng.st.seed(seed);
    rng.store();
  } else {
    auto m = findMethod(src, "Seed");
    if (!m) vm::throwNilDereference();
    callMethod(th, *m, {vm::makeIntOfType(vm::types::int64Type(), seed)});
  }
  r->fields()[kReadPos] = vm::makeIntOfType(vm::types::int8Type(), int64_t{0});
  return 0;
}

// ---- rngSource methods ------------------------------------------------------------------

int srcInt63(vm::Thread&, const Value* args, int, Value* out) {
  NativeRng rng(receiverStruct(args));
  uint64_t x = rng.st.next();
  rng.store();
  out[0] = vm::makeIntOfType(vm::types::int64Type(), static_cast<int64_t>(x & kMask63));
  return 1;
}

int srcUint64(vm::Thread&, const Value* args, int, Value* out) {
  NativeRng rng(receiverStruct(args));
  uint64_t x = rng.st.next();
  rng.store();
  out[0] = vm::makeIntOfType(vm::types::uint64Type(), x);
  return 1;
}

int srcSeed(vm::Thread&, const Value* args, int nargs, Value*) {
  NativeRng rng(receiverStruct(args));
  rng.st.seed(argInt(args, nargs, 1));
  rng.store();
  return 0;
}

vm::Type* rngSourceType() {
  static vm::Type* t = [] {
    vm::Type* named = defineStruct("rand", "rngSource",
                                   {field("tap", vm::types::intType()), field("feed", vm::types::intType()),
                                    field("vec", vm::sliceOf(vm::types::byteType()))});
    defineMethod(named, "Int63", srcInt63, true);
    defineMethod(named, "Uint64", srcUint64, true);
    defineMethod(named, "Seed", srcSeed, true);
    return named;
  }();
  return t;
}

// ---- Zipf ---------------------------------------------------------------------------------

// Zipf's fields, in Go's order.
enum ZipfField { kZR, kZImax, kZV, kZQ, kZS, kZOneMinusQ, kZOneMinusQInv, kZHxm, kZHx0MinusHxm };

const vm::Type* zipfType();

struct ZipfParams {
  double imax, v, q, s, oneMinusQ, oneMinusQInv, hxm, hx0MinusHxm;

  double h(double x) const { return go_math::exp(oneMinusQ * go_math::log(v + x)) * oneMinusQInv; }
  double hinv(double x) const { return go_math::exp(oneMinusQInv * go_math::log(oneMinusQ * x)) - v; }
};

// NewZipf(r, s, v, imax): nil unless s > 1 and v >= 1.
int nNewZipf(vm::Thread&, const Value* args, int nargs, Value* out) {
  double s = argFloat(args, nargs, 1), v = argFloat(args, nargs, 2);
  uint64_t imax = nargs > 3 ? vm::toUint64(args[3]) : 0;
  if (s <= 1.0 || v < 1) {
    out[0] = vm::nilOf(vm::pointerTo(zipfType()));
    return 1;
  }
  ZipfParams z{};
  z.imax = static_cast<double>(imax);
  z.v = v;
  z.q = s;
  z.oneMinusQ = 1.0 - z.q;
  z.oneMinusQInv = 1.0 / z.oneMinusQ;
  z.hxm = z.h(z.imax + 0.5);
  z.hx0MinusHxm = z.h(0.5) - go_math::exp(go_math::log(z.v) * (-z.q)) - z.hxm;
  z.s = 1 - z.hinv(z.h(1.5) - go_math::exp(-z.q * go_math::log(z.v + 1.0)));
  vm::StructObj* o = vm::newStruct(zipfType());
  Value* f = o->fields();
  f[kZR] = arg(args, nargs, 0);
  f[kZImax] = vm::makeFloat(z.imax);
  f[kZV] = vm::makeFloat(z.v);
  f[kZQ] = vm::makeFloat(z.q);
  f[kZS] = vm::makeFloat(z.s);
  f[kZOneMinusQ] = vm::makeFloat(z.oneMinusQ);
  f[kZOneMinusQInv] = vm::makeFloat(z.oneMinusQInv);
  f[kZHxm] = vm::makeFloat(z.hxm);
  f[kZHx0MinusHxm] = vm::makeFloat(z.hx0MinusHxm);
  out[0] = Value::ref(o);
  return 1;
}

// (*Zipf).Uint64: rejection-inversion sampling.
int zipfUint64(vm::Thread& th, const Value* args, int, Value* out) {
  if (!args[0].isRef()) vm::throwPanic(vm::makeString("rand: nil Zipf"));
  const Value* f = static_cast<vm::StructObj*>(args[0].refTarget())->fields();
  ZipfParams z{vm::toDouble(f[kZImax]),         vm::toDouble(f[kZV]),    vm::toDouble(f[kZQ]),
               vm::toDouble(f[kZS]),            vm::toDouble(f[kZOneMinusQ]),
               vm::toDouble(f[kZOneMinusQInv]), vm::toDouble(f[kZHxm]), vm::toDouble(f[kZHx0MinusHxm])};
  Value r = f[kZR];
  if (!r.isRef()) vm::throwNilDereference();
  Draw d(th, static_cast<vm::StructObj*>(r.refTarget()));
  double k = 0;
  for (;;) {
    double u = d.float64();
    double ur = z.hxm + u * z.hx0MinusHxm;
    double x = z.hinv(ur);
    k = std::floor(x + 0.5);
    if (k - x <= z.s) break;
    if (ur >= z.h(k + 0.5) - go_math::exp(-go_math::log(k + z.v) * z.q)) break;
  }
  out[0] = vm::makeIntOfType(vm::types::uint64Type(), static_cast<uint64_t>(k));
  return 1;
}

const vm::Type* zipfType() {
  static const vm::Type* t = [] {
    const vm::Type* f64 = vm::types::float64Type();
    vm::Type* named = defineStruct(
        "rand", "Zipf",
        {field("r", vm::pointerTo(randType())), field("imax", f64), field("v", f64), field("q", f64),
         field("s", f64), field("oneminusQ", f64), field("oneminusQinv", f64), field("hxm", f64),
         field("hx0minusHxm", f64)});
    defineMethod(named, "Uint64", zipfUint64, true);
    return named;
  }();
  return t;
}

// ---- The Rand type and the package ----------------------------------------------------------

const vm::Type* randType() {
  static vm::Type* t = [] {
    vm::Type* named = defineStruct("rand", "Rand",
                                   {field("src", sourceType()), field("s64", source64Type()),
                                    field("readVal", vm::types::int64Type()),
                                    field("readPos", vm::types::int8Type())});
    defineMethod(named, "ExpFloat64", mExpFloat64<true>, true);
    defineMethod(named, "Float32", mFloat32<true>, true);
    defineMethod(named, "Float64", mFloat64<true>, true);
    defineMethod(named, "Int", mInt<true>, true);
    defineMethod(named, "Int31", mInt31<true>, true);
    defineMethod(named, "Int31n", mInt31n<true>, true);
    defineMethod(named, "Int63", mInt63<true>, true);
    defineMethod(named, "Int63n", mInt63n<true>, true);
    defineMethod(named, "Intn", mIntn<true>, true);
    defineMethod(named, "NormFloat64", mNormFloat64<true>, true);
    defineMethod(named, "Perm", mPerm<true>, true);
    defineMethod(named, "Read", mRead<true>, true);
    defineMethod(named, "Seed", mSeed<true>, true);
    defineMethod(named, "Shuffle", mShuffle<true>, true);
    defineMethod(named, "Uint32", mUint32<true>, true);
    defineMethod(named, "Uint64", mUint64<true>, true);
    return named;
  }();
  return t;
}

int nNewSource(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = newRngSource(argInt(args, nargs, 0));
  return 1;
}

int nNew(vm::Thread&, const Value* args, int nargs, Value* out) {
  Value src = arg(args, nargs, 0);
  if (src.isNil() || vm::isNilValue(src)) vm::throwNilDereference();
  out[0] = newRand(src);
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "math/rand",
      "rand",
      {
          funcMember("New", nNew),
          funcMember("NewSource", nNewSource),
          funcMember("NewZipf", nNewZipf),
          funcMember("ExpFloat64", mExpFloat64<false>),
          funcMember("Float32", mFloat32<false>),
          funcMember("Float64", mFloat64<false>),
          funcMember("Int", mInt<false>),
          funcMember("Int31", mInt31<false>),
          funcMember("Int31n", mInt31n<false>),
          funcMember("Int63", mInt63<false>),
          funcMember("Int63n", mInt63n<false>),
          funcMember("Intn", mIntn<false>),
          funcMember("NormFloat64", mNormFloat64<false>),
          funcMember("Perm", mPerm<false>),
          funcMember("Read", mRead<false>),
          funcMember("Seed", mSeed<false>),
          funcMember("Shuffle", mShuffle<false>),
          funcMember("Uint32", mUint32<false>),
          funcMember("Uint64", mUint64<false>),
          typeMember("Rand", randType),
          typeMember("Source", sourceType),
          typeMember("Source64", source64Type),
          typeMember("Zipf", zipfType),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
