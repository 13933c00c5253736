// vm/opcode.cpp: the opcode information table, expanded from vm/opcodes.def.
#include "vm/opcode.h"

namespace gsl::vm {

const OpInfo kOpInfo[kNumOps] = {
#define X(name, format, doc) {#name, OpFormat::format, doc},
#include "vm/opcodes.def"
#undef X
};

}  // namespace gsl::vm
