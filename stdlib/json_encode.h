// stdlib/json_encode.h: encoding values as JSON (json.Marshal and the
// Encoder's Encode).
//
// Contract: encode() appends exactly the bytes Go's encoder produces for v:
// map keys sorted, struct fields as json_fields.h lists them, strings with
// Go's escapes (HTML characters too when escapeHTML), invalid UTF-8 as
// \ufffd, floats in Go's 'f'/'e' choice, []byte as base64, MarshalJSON and
// MarshalText methods of script types called (pointer-receiver ones only
// for addressable values, as in Go). On failure it returns the error Go's
// Marshal returns (*json.UnsupportedTypeError, *json.UnsupportedValueError,
// *json.MarshalerError, ...) and leaves `out` in an unspecified state.
// A panic in a script method propagates.
#pragma once

#include <string>
#include <string_view>

#include "vm/value.h"

namespace gsl::vm {
class Thread;
}  // namespace gsl::vm

namespace gsl::stdlib::json {

// Appends the JSON encoding of v; returns nil or the error.
vm::Value encode(vm::Thread& th, vm::Value v, bool escapeHTML, std::string& out);

}  // namespace gsl::stdlib::json
