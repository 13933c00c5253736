// stdlib/json_stream.h: json.Encoder and json.Decoder, which write JSON
// values to an io.Writer and read a stream of them from an io.Reader.
//
// Contract: the writer and reader may be any value with Go's Write / Read
// method, native (*os.File, *strings.Builder, *strings.Reader, ...) or
// defined by the script. Encode writes each value followed by a newline
// in one Write call; Decode reads as Go's Decoder does (buffers of at
// least 512 bytes, one complete value at a time), so offsets in errors and
// InputOffset() are Go's. Token and More follow Go's token state machine.
#pragma once

#include "vm/native.h"
#include "vm/value.h"

namespace gsl::stdlib::json {

const vm::Type* encoderType();
const vm::Type* decoderType();

// json.NewEncoder(w) and json.NewDecoder(r).
int newEncoder(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);
int newDecoder(vm::Thread& th, const vm::Value* args, int nargs, vm::Value* out);

}  // namespace gsl::stdlib::json
