// vm/disasm.h: the bytecode disassembler behind `gsl --disasm`.
//
// Output, one function at a time:
//
//   func main.fib (params 1, results 1, registers 5) at prog.gsl:3
//       0  [  4] LtK          R0 K0 1         ; K0 = 2
//       1  [  4] Jmp          -> 3
//
// Each instruction shows its index, its source line, the opcode's name and
// its operands as its format (vm/opcodes.def) says: R registers, K
// constants, U captures, G globals, T types, P nested functions, S selector
// sites, "-> n" jump targets, "*" for kMulti counts; a comment names the
// constant, type, site or builtin an operand refers to.
#pragma once

#include <string>

#include "vm/proto.h"

namespace gsl::vm {

// The listing of one function (not of the functions nested in it).
std::string disassemble(const Proto* p);

// One instruction's text without index and line ("LtK          R0 K0 1 ; K0 = 2").
std::string disassembleInstr(const Proto* p, size_t pc);

// A constant as the disassembler prints it: 42, 1.5, "s", true, nil, T(v).
std::string constantText(Value v);

}  // namespace gsl::vm
