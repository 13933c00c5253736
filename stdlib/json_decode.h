// stdlib/json_decode.h: decoding JSON into script values (json.Unmarshal
// and the Decoder's Decode).
//
// Contract: the effects and the returned error are those of Go's decoder.
// The target must be a non-nil pointer (else *json.InvalidUnmarshalError);
// objects fill structs (exact key match first, then case-insensitive),
// maps (string, integer and TextUnmarshaler keys) and empty interfaces
// (map[string]interface{}); arrays fill slices (reusing their storage),
// arrays and empty interfaces ([]interface{}); numbers go to float64 in
// interfaces (json.Number with useNumber); nil pointers on the way are
// allocated; UnmarshalJSON / UnmarshalText methods of script types are
// called. A value of the wrong type is skipped and the first such
// *json.UnmarshalTypeError is returned at the end (decoding goes on, as in
// Go); an error from an Unmarshaler method stops decoding at once. A panic
// in a script method propagates.
#pragma once

#include <string_view>

#include "vm/value.h"

namespace gsl::vm {
class Thread;
}  // namespace gsl::vm

namespace gsl::stdlib::json {

struct DecodeOptions {
  bool useNumber = false;
  bool disallowUnknownFields = false;
};

// json.Unmarshal(data, target): checks the syntax of all of data first
// (a *json.SyntaxError decodes nothing), then decodes.
vm::Value unmarshal(vm::Thread& th, std::string_view data, vm::Value target, const DecodeOptions& opts);

// Decodes data that is known to hold exactly one valid JSON value
// (surrounding white space allowed), as the stream Decoder does after
// scanning a value.
vm::Value unmarshalValid(vm::Thread& th, std::string_view data, vm::Value target,
                         const DecodeOptions& opts);

}  // namespace gsl::stdlib::json
