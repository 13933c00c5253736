// stdlib/strings_types.h: the types of package strings (Builder, Reader,
// Replacer), for the package table in strings.cpp.
#pragma once

#include "vm/native.h"
#include "vm/value.h"

namespace gsl::stdlib {

const vm::Type* stringsBuilderType();
const vm::Type* stringsReaderType();
const vm::Type* stringsReplacerType();

int stringsNewReader(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int stringsNewReplacer(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);

}  // namespace gsl::stdlib
