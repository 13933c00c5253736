// stdlib/io_types.h: the reader and writer types of package io
// (io_types.cpp), for the package table in io.cpp.
#pragma once

#include <cstdint>

#include "vm/native.h"
#include "vm/value.h"

namespace gsl::stdlib {

// *io.LimitedReader{R, N}.
const vm::Type* limitedReaderType();
vm::Value newLimitedReader(vm::Value r, int64_t n);
// Whether v is an *io.LimitedReader, and its N.
bool limitedReaderRemaining(vm::Value v, int64_t* n);
// *io.SectionReader.
const vm::Type* sectionReaderType();

// io.ErrClosedPipe ("io: read/write on closed pipe").
vm::Value ioErrClosedPipe();

// io.ErrShortWrite and io.Discard.
vm::Value errShortWrite();
vm::Value ioDiscard();

// The constructors (natives).
int ioLimitReader(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int ioMultiReader(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int ioMultiWriter(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int ioTeeReader(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int ioNopCloser(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int ioNewSectionReader(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);

}  // namespace gsl::stdlib
