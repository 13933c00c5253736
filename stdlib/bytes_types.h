// stdlib/bytes_types.h: the types of package bytes (Buffer, Reader, in
// bytes_buffer.cpp) and their constructors, for the package table in
// bytes.cpp.
#pragma once

#include "vm/native.h"
#include "vm/value.h"

namespace gsl::stdlib {

const vm::Type* bytesBufferType();
const vm::Type* bytesReaderType();

int bytesNewBuffer(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int bytesNewBufferString(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int bytesNewReader(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);

}  // namespace gsl::stdlib
