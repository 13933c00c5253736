// stdlib/bufio_types.h: what the files of package bufio share: the types
// (bufio.cpp: Scanner and the split functions; bufio_reader.cpp: Reader;
// bufio_writer.cpp: Writer and ReadWriter), their constructors, and the
// package's error values, for the package table in bufio.cpp.
#pragma once

#include <cstddef>
#include <string_view>

#include "vm/native.h"
#include "vm/value.h"

namespace gsl::stdlib::bufio {

// Go's sizes: defaultBufSize, minReadBufferSize, MaxScanTokenSize,
// startBufSize and maxConsecutiveEmptyReads (bufio.go, scan.go).
constexpr int64_t kDefaultBufSize = 4096;
constexpr int64_t kMinReadBufferSize = 16;
constexpr int64_t kMaxScanTokenSize = 64 * 1024;
constexpr int64_t kStartBufSize = 4096;
constexpr int kMaxConsecutiveEmptyReads = 100;

// The package's exported errors, one value each.
vm::Value errBufferFull();
vm::Value errNegativeCount();
vm::Value errInvalidUnreadByte();
vm::Value errInvalidUnreadRune();

const vm::Type* readerType();
const vm::Type* writerType();
const vm::Type* readWriterType();

int newReader(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int newReaderSize(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int newWriter(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int newWriterSize(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int newReadWriter(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);

// Go's utf8.FullRune: whether s starts with a complete encoding (an invalid
// one counts as complete: it decodes as RuneError of width 1).
bool fullRune(std::string_view s);

}  // namespace gsl::stdlib::bufio
