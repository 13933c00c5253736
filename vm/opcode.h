// vm/opcode.h: the instruction set, generated from vm/opcodes.def.
//
// The layout of an instruction word is drawn at the top of opcodes.def. This
// header gives the Op enum, each opcode's name, format and one-line meaning,
// and the encode/decode helpers the compiler and the interpreter share.
#pragma once

#include <cstdint>
#include <string_view>

namespace gsl::vm {

using Instr = uint64_t;

enum class Op : uint16_t {
#define X(name, format, doc) name,
#include "vm/opcodes.def"
#undef X
};

constexpr int kNumOps = 0
#define X(name, format, doc) +1
#include "vm/opcodes.def"
#undef X
    ;

// Operand formats: which fields an instruction uses and what each indexes
// (letters as in opcodes.def: R register, K constant, U capture, G global,
// T type, P proto, S site, N count, F flag, I immediate, J jump offset, B
// builtin number). The disassembler has one case per format.
enum class OpFormat : uint8_t {
  None,  // -
  A,     // R[A]
  AB,    // R[A] R[B]
  ABC,   // R[A] R[B] R[C]
  ABK,   // R[A] R[B] K[C]
  AK,    // R[A] K[Bx]
  AI,    // R[A] sBx
  AT,    // R[A] T[Bx]
  AG,    // R[A] G[Bx]
  AU,    // R[A] U[B]
  AP,    // R[A] P[Bx]
  ABT,   // R[A] R[B] T[C]
  ATB,   // R[A] T[B] R[C]
  ABS,   // R[A] R[B] S[C]
  ABF,   // R[A] R[B] flag C
  AKF,   // R[A] K[B] flag C
  AF,    // R[A] flag C
  ATF,   // R[A] T[B] flag C
  ABJ,   // R[A] R[B] jump sC
  ANN,   // R[A] count B count C
  AN,    // R[A] count B
  ANB,   // R[A] count B builtin C
  ABN,   // R[A] R[B] count C
  J,     // jump sBx
};

struct OpInfo {
  std::string_view name;
  OpFormat format;
  std::string_view doc;
};

extern const OpInfo kOpInfo[kNumOps];

inline const OpInfo& opInfo(Op op) { return kOpInfo[static_cast<int>(op)]; }

// A count operand meaning "up to the stack top" (see opcodes.def).
constexpr uint16_t kMulti = 0xFFFF;
// A T operand meaning "no type known" (e.g. AddrCell infers the pointer type).
constexpr uint16_t kNoType = 0xFFFF;

// ---- Encoding -------------------------------------------------------------

constexpr Instr encodeABC(Op op, uint32_t a, uint32_t b, uint32_t c) {
  return static_cast<Instr>(static_cast<uint16_t>(op)) | (static_cast<Instr>(a & 0xFFFF) << 16) |
         (static_cast<Instr>(b & 0xFFFF) << 32) | (static_cast<Instr>(c & 0xFFFF) << 48);
}
constexpr Instr encodeABx(Op op, uint32_t a, uint32_t bx) {
  return static_cast<Instr>(static_cast<uint16_t>(op)) | (static_cast<Instr>(a & 0xFFFF) << 16) |
         (static_cast<Instr>(bx) << 32);
}
constexpr Instr encodeAsBx(Op op, uint32_t a, int32_t sbx) {
  return encodeABx(op, a, static_cast<uint32_t>(sbx));
}

// ---- Decoding -------------------------------------------------------------

constexpr Op opOf(Instr i) { return static_cast<Op>(i & 0xFFFF); }
constexpr uint32_t argA(Instr i) { return static_cast<uint32_t>(i >> 16) & 0xFFFF; }
constexpr uint32_t argB(Instr i) { return static_cast<uint32_t>(i >> 32) & 0xFFFF; }
constexpr uint32_t argC(Instr i) { return static_cast<uint32_t>(i >> 48); }
constexpr int32_t argSC(Instr i) { return static_cast<int16_t>(i >> 48); }
constexpr uint32_t argBx(Instr i) { return static_cast<uint32_t>(i >> 32); }
constexpr int32_t argSBx(Instr i) { return static_cast<int32_t>(i >> 32); }

// Rewrites the sBx field (jump patching).
constexpr Instr withSBx(Instr i, int32_t sbx) {
  return (i & 0xFFFFFFFFull) | (static_cast<Instr>(static_cast<uint32_t>(sbx)) << 32);
}
// Rewrites the C field as a signed 16-bit value.
constexpr Instr withSC(Instr i, int32_t sc) {
  return (i & 0x0000FFFFFFFFFFFFull) | (static_cast<Instr>(static_cast<uint16_t>(sc)) << 48);
}

}  // namespace gsl::vm
