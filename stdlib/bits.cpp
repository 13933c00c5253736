// stdlib/bits.cpp: package math/bits.
//
// Every function of Go's math/bits, over C++20's <bit> and 128-bit
// arithmetic. Arguments are read as unsigned words of any integer kind (an
// untyped constant arrives as `int`); results have Go's exact types (the
// sized variants return their own width, the counting functions `int`).
// Div and Div32/Div64 panic as Go's do: "integer divide by zero" when the
// divisor is zero, "integer overflow" when the quotient does not fit.
#include <bit>
#include <cstdint>

#include "stdlib/native_support.h"
#include "vm/object.h"
#include "vm/panic.h"

namespace gsl::stdlib {
namespace {

using vm::Value;

uint64_t argWord(const Value* args, int nargs, int i) {
  return i < nargs ? vm::toUint64(args[i]) : 0;
}

// The unsigned type of each width, as a gsl type.
template <int W>
const vm::Type* uintOfWidth() {
  if constexpr (W == 8) return vm::types::uint8Type();
  if constexpr (W == 16) return vm::types::uint16Type();
  if constexpr (W == 32) return vm::types::uint32Type();
  if constexpr (W == 64) return vm::types::uint64Type();
  return vm::types::uintType();  // W == 0: Go's uint (64 bits)
}

// W is the bit width, with 0 standing for `uint`.
template <int W>
using Word = std::conditional_t<W == 8, uint8_t,
             std::conditional_t<W == 16, uint16_t, std::conditional_t<W == 32, uint32_t, uint64_t>>>;

template <int W>
Value word(uint64_t x) {
  return vm::makeIntOfType(uintOfWidth<W>(), x);
}

template <int W>
int leadingZeros(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(std::countl_zero(static_cast<Word<W>>(argWord(args, nargs, 0))));
  return 1;
}

template <int W>
int trailingZeros(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(std::countr_zero(static_cast<Word<W>>(argWord(args, nargs, 0))));
  return 1;
}

template <int W>
int onesCount(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(std::popcount(static_cast<Word<W>>(argWord(args, nargs, 0))));
  return 1;
}

template <int W>
int len(vm::Thread&, const Value* args, int nargs, Value* out) {
  out[0] = vm::makeInt(std::bit_width(static_cast<Word<W>>(argWord(args, nargs, 0))));
  return 1;
}

// RotateLeft(x, k): a negative k rotates right, as Go's does.
template <int W>
int rotateLeft(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto x = static_cast<Word<W>>(argWord(args, nargs, 0));
  int64_t k = argInt(args, nargs, 1);
  constexpr int kBits = sizeof(Word<W>) * 8;
  int s = static_cast<int>(((k % kBits) + kBits) % kBits);
  out[0] = word<W>(std::rotl(x, s));
  return 1;
}

template <int W>
int reverse(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto x = static_cast<Word<W>>(argWord(args, nargs, 0));
  Word<W> r = 0;
  for (size_t i = 0; i < sizeof(x) * 8; i++) {
    r = static_cast<Word<W>>((r << 1) | ((x >> i) & 1));
  }
  out[0] = word<W>(r);
  return 1;
}

template <int W>
int reverseBytes(vm::Thread&, const Value* args, int nargs, Value* out) {
  auto x = static_cast<Word<W>>(argWord(args, nargs, 0));
  Word<W> r = 0;
  for (size_t i = 0; i < sizeof(x); i++) {
    r = static_cast<Word<W>>((r << 8) | ((x >> (8 * i)) & 0xFF));
  }
  out[0] = word<W>(r);
  return 1;
}

// Add(x, y, carry) (sum, carryOut); the carry input is only 0 or 1 in Go's
// contract, and its low bit is what counts.
template <int W>
int add(vm::Thread&, const Value* args, int nargs, Value* out) {
  using T = Word<W>;
  auto x = static_cast<T>(argWord(args, nargs, 0));
  auto y = static_cast<T>(argWord(args, nargs, 1));
  auto c = static_cast<T>(argWord(args, nargs, 2));
  T sum = static_cast<T>(x + y + c);
  // Go's branch-free carry: ((x & y) | ((x | y) &^ sum)) >> (W-1).
  T carry = static_cast<T>(((x & y) | ((x | y) & static_cast<T>(~sum))) >> (sizeof(T) * 8 - 1));
  out[0] = word<W>(sum);
  out[1] = word<W>(carry);
  return 2;
}

template <int W>
int sub(vm::Thread&, const Value* args, int nargs, Value* out) {
  using T = Word<W>;
  auto x = static_cast<T>(argWord(args, nargs, 0));
  auto y = static_cast<T>(argWord(args, nargs, 1));
  auto b = static_cast<T>(argWord(args, nargs, 2));
  T diff = static_cast<T>(x - y - b);
  T borrow = static_cast<T>(((static_cast<T>(~x) & y) | (static_cast<T>(~(x ^ y)) & diff)) >>
                            (sizeof(T) * 8 - 1));
  out[0] = word<W>(diff);
  out[1] = word<W>(borrow);
  return 2;
}

// Mul(x, y) (hi, lo).
template <int W>
int mul(vm::Thread&, const Value* args, int nargs, Value* out) {
  if constexpr (W == 32) {
    uint64_t p = (argWord(args, nargs, 0) & 0xFFFFFFFFu) * (argWord(args, nargs, 1) & 0xFFFFFFFFu);
    out[0] = word<W>(p >> 32);
    out[1] = word<W>(p & 0xFFFFFFFFu);
  } else {
    unsigned __int128 p = static_cast<unsigned __int128>(argWord(args, nargs, 0)) * argWord(args, nargs, 1);
    out[0] = word<W>(static_cast<uint64_t>(p >> 64));
    out[1] = word<W>(static_cast<uint64_t>(p));
  }
  return 2;
}

// Div(hi, lo, y) (quo, rem).
template <int W>
int div(vm::Thread&, const Value* args, int nargs, Value* out) {
  uint64_t hi = argWord(args, nargs, 0), lo = argWord(args, nargs, 1), y = argWord(args, nargs, 2);
  if constexpr (W == 32) {
    hi &= 0xFFFFFFFFu;
    lo &= 0xFFFFFFFFu;
    y &= 0xFFFFFFFFu;
  }
  if (y == 0) vm::throwDivideByZero();
  if (y <= hi) vm::throwRuntimeError("integer overflow");
  constexpr int kShift = W == 32 ? 32 : 64;
  unsigned __int128 n = (static_cast<unsigned __int128>(hi) << kShift) | lo;
  out[0] = word<W>(static_cast<uint64_t>(n / y));
  out[1] = word<W>(static_cast<uint64_t>(n % y));
  return 2;
}

// Rem(hi, lo, y): the remainder of (hi, lo) / y, which never overflows.
template <int W>
int rem(vm::Thread&, const Value* args, int nargs, Value* out) {
  uint64_t hi = argWord(args, nargs, 0), lo = argWord(args, nargs, 1), y = argWord(args, nargs, 2);
  if constexpr (W == 32) {
    hi &= 0xFFFFFFFFu;
    lo &= 0xFFFFFFFFu;
    y &= 0xFFFFFFFFu;
  }
  if (y == 0) vm::throwDivideByZero();
  constexpr int kShift = W == 32 ? 32 : 64;
  unsigned __int128 n = (static_cast<unsigned __int128>(hi) << kShift) | lo;
  out[0] = word<W>(static_cast<uint64_t>(n % y));
  return 1;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "math/bits",
      "bits",
      {
          constMember("UintSize", [] { return vm::makeInt(64); }),
          funcMember("LeadingZeros", leadingZeros<0>),
          funcMember("LeadingZeros8", leadingZeros<8>),
          funcMember("LeadingZeros16", leadingZeros<16>),
          funcMember("LeadingZeros32", leadingZeros<32>),
          funcMember("LeadingZeros64", leadingZeros<64>),
          funcMember("TrailingZeros", trailingZeros<0>),
          funcMember("TrailingZeros8", trailingZeros<8>),
          funcMember("TrailingZeros16", trailingZeros<16>),
          funcMember("TrailingZeros32", trailingZeros<32>),
          funcMember("TrailingZeros64", trailingZeros<64>),
          funcMember("OnesCount", onesCount<0>),
          funcMember("OnesCount8", onesCount<8>),
          funcMember("OnesCount16", onesCount<16>),
          funcMember("OnesCount32", onesCount<32>),
          funcMember("OnesCount64", onesCount<64>),
          funcMember("RotateLeft", rotateLeft<0>),
          funcMember("RotateLeft8", rotateLeft<8>),
          funcMember("RotateLeft16", rotateLeft<16>),
          funcMember("RotateLeft32", rotateLeft<32>),
          funcMember("RotateLeft64", rotateLeft<64>),
          funcMember("Reverse", reverse<0>),
          funcMember("Reverse8", reverse<8>),
          funcMember("Reverse16", reverse<16>),
          funcMember("Reverse32", reverse<32>),
          funcMember("Reverse64", reverse<64>),
          funcMember("ReverseBytes", reverseBytes<0>),
          funcMember("ReverseBytes16", reverseBytes<16>),
          funcMember("ReverseBytes32", reverseBytes<32>),
          funcMember("ReverseBytes64", reverseBytes<64>),
          funcMember("Len", len<0>),
          funcMember("Len8", len<8>),
          funcMember("Len16", len<16>),
          funcMember("Len32", len<32>),
          funcMember("Len64", len<64>),
          funcMember("Add", add<0>),
          funcMember("Add32", add<32>),
          funcMember("Add64", add<64>),
          funcMember("Sub", sub<0>),
          funcMember("Sub32", sub<32>),
          funcMember("Sub64", sub<64>),
          funcMember("Mul", mul<0>),
          funcMember("Mul32", mul<32>),
          funcMember("Mul64", mul<64>),
          funcMember("Div", div<0>),
          funcMember("Div32", div<32>),
          funcMember("Div64", div<64>),
          funcMember("Rem", rem<0>),
          funcMember("Rem32", rem<32>),
          funcMember("Rem64", rem<64>),
      },
  });
  return true;
}();

}  // namespace
}  // namespace gsl::stdlib
