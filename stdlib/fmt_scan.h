// stdlib/fmt_scan.h: fmt's scanning functions (Sscan, Sscanln, Sscanf, the
// Scan family on os.Stdin and the Fscan family on any io.Reader),
// following Go's scan.go.
//
// Contract: the count of stored operands and the error are Go's for the
// same input: io.EOF when input ends before an operand starts, "unexpected
// newline" / "expected newline" for the ln variants, "expected integer",
// "input does not match format", "too many operands", strconv's errors for
// out-of-range numbers, "can't scan type: T" for unsupported operands.
// Operands are pointers to bool, integer, float, string or []byte kinds
// (named or not). Reading os.Stdin takes one byte at a time, as Go does, so
// the bytes after the last scanned value stay available to other readers.
#pragma once

#include "vm/native.h"
#include "vm/value.h"

namespace gsl::stdlib::fmt {

int nativeSscan(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int nativeSscanln(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int nativeSscanf(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int nativeScan(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int nativeScanln(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int nativeScanf(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
// Fscan, Fscanln, Fscanf on any io.Reader (an io.RuneScanner is read
// through ReadRune/UnreadRune, so nothing past the last operand is lost).
int nativeFscan(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int nativeFscanln(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int nativeFscanf(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);

}  // namespace gsl::stdlib::fmt
