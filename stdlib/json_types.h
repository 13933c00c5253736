// stdlib/json_types.h: the exported types of encoding/json (error types,
// Number, RawMessage, Delim, the Marshaler interfaces) and constructors for
// the error values the encoder and decoder return.
//
// Contract: every error has Go's dynamic type (*json.SyntaxError,
// *json.UnmarshalTypeError, ...), Go's exported fields (so `se.Offset` and
// errors.As work) and Go's Error() text. Fields of type reflect.Type hold a
// *reflect.rtype: a small value whose String() is the type's Go spelling
// (gsl has no reflect package; %v of the field prints what Go prints).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "stdlib/json_scanner.h"
#include "vm/value.h"

namespace gsl::vm {
struct Type;
}  // namespace gsl::vm

namespace gsl::stdlib::json {

const vm::Type* syntaxErrorType();
const vm::Type* unmarshalTypeErrorType();
const vm::Type* invalidUnmarshalErrorType();
const vm::Type* unsupportedTypeErrorType();
const vm::Type* unsupportedValueErrorType();
const vm::Type* marshalerErrorType();
const vm::Type* numberType();      // json.Number (a string type)
const vm::Type* rawMessageType();  // json.RawMessage (a []byte type)
const vm::Type* delimType();       // json.Delim (a rune type)
const vm::Type* marshalerType();   // interface { MarshalJSON() ([]byte, error) }
const vm::Type* unmarshalerType(); // interface { UnmarshalJSON([]byte) error }

// *json.SyntaxError{msg, Offset}.
vm::Value makeSyntaxError(const SyntaxErrorInfo& e);
vm::Value makeSyntaxError(std::string_view msg, int64_t offset);
// *json.UnmarshalTypeError{Value: what, Type: t, Offset: offset}.
vm::Value makeUnmarshalTypeError(std::string_view what, const vm::Type* t, int64_t offset);
// Sets Struct and Field of a *json.UnmarshalTypeError (other errors are
// left alone), as Go's decoder does when an error leaves a struct field.
void setErrorContext(vm::Value err, std::string_view structName, std::string_view field);
// *json.InvalidUnmarshalError{Type: t} (t == nullptr: Unmarshal(nil)).
vm::Value makeInvalidUnmarshalError(const vm::Type* t);
// *json.UnsupportedTypeError{Type: t}.
vm::Value makeUnsupportedTypeError(const vm::Type* t);
// *json.UnsupportedValueError{Value: v, Str: str}.
vm::Value makeUnsupportedValueError(vm::Value v, std::string_view str);
// *json.MarshalerError{Type: t, Err: err, sourceFunc: "MarshalJSON" or "MarshalText"}.
vm::Value makeMarshalerError(const vm::Type* t, vm::Value err, std::string_view sourceFunc);
// base64.CorruptInputError(offset).
vm::Value makeCorruptInputError(int64_t offset);

// The reflect.Type value standing for t (one value per type).
vm::Value reflectTypeValue(const vm::Type* t);

// Go's isValidNumber: s is a JSON number literal.
bool isValidNumber(std::string_view s);

}  // namespace gsl::stdlib::json
