// stdlib/json.cpp: package encoding/json: the package table and the
// top-level functions (Marshal, MarshalIndent, Unmarshal, Valid, Compact,
// Indent, HTMLEscape). The work is done in json_scanner (syntax),
// json_encode, json_decode, json_fields, json_stream and json_types.
//
// Differences from Go 1.19's encoding/json: reflect.Type fields of the
// error types hold a stand-in with String() and Name() only; the Encoder's
// and Decoder's fields are not Go's (both are opaque in Go anyway).
#include <string>

#include "stdlib/json_decode.h"
#include "stdlib/json_encode.h"
#include "stdlib/json_scanner.h"
#include "stdlib/json_stream.h"
#include "stdlib/json_types.h"
#include "stdlib/native_support.h"
#include "stdlib/os_file.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/thread.h"

namespace gsl::stdlib::json {

namespace {

using vm::Value;

Value nilBytes() { return vm::nilOf(vm::sliceOf(vm::types::uint8Type())); }

int nMarshal(vm::Thread& th, const Value* args, int nargs, Value* out) {
  std::string buf;
  Value err = encode(th, arg(args, nargs, 0), true, buf);
  if (!err.isNil()) {
    out[0] = nilBytes();
    out[1] = err;
    return 2;
  }
  out[0] = vm::makeByteSlice(buf);
  out[1] = Value();
  return 2;
}

int nMarshalIndent(vm::Thread& th, const Value* args, int nargs, Value* out) {
  std::string buf;
  Value err = encode(th, arg(args, nargs, 0), true, buf);
  if (!err.isNil()) {
    out[0] = nilBytes();
    out[1] = err;
    return 2;
  }
  std::string indented;
  SyntaxErrorInfo se;
  if (!indent(indented, buf, argString(args, nargs, 1), argString(args, nargs, 2), &se)) {
    out[0] = nilBytes();
    out[1] = makeSyntaxError(se);
    return 2;
  }
  out[0] = vm::makeByteSlice(indented);
  out[1] = Value();
  return 2;
}

int nUnmarshal(vm::Thread& th, const Value* args, int nargs, Value* out) {
  // A copy: the input must not change under the decoder, even if a
  // script's UnmarshalJSON writes to the slice it came from.
  std::string data(vm::bytesView(arg(args, nargs, 0)));
  out[0] = unmarshal(th, data, arg(args, nargs, 1), DecodeOptions{});
  return 1;
}

int nValid(vm::Thread&, const Value* args, int nargs, Value* out) {
  SyntaxErrorInfo se;
  out[0] = vm::makeBool(checkValid(vm::bytesView(arg(args, nargs, 0)), &se));
  return 1;
}

// Writes the result of a buffer transformation to dst (a *bytes.Buffer in
// Go; any writer here).
void writeResult(vm::Thread& th, Value dst, const std::string& s) {
  if (s.empty()) return;
  Value res[2];
  writeTo(th, dst, s, res);
}

int nCompact(vm::Thread& th, const Value* args, int nargs, Value* out) {
  std::string buf;
  SyntaxErrorInfo se;
  if (!compact(buf, vm::bytesView(arg(args, nargs, 1)), false, &se)) {
    out[0] = makeSyntaxError(se);
    return 1;
  }
  writeResult(th, arg(args, nargs, 0), buf);
  out[0] = Value();
  return 1;
}

int nIndent(vm::Thread& th, const Value* args, int nargs, Value* out) {
  std::string buf;
  SyntaxErrorInfo se;
  if (!indent(buf, vm::bytesView(arg(args, nargs, 1)), argString(args, nargs, 2), argString(args, nargs, 3),
              &se)) {
    out[0] = makeSyntaxError(se);
    return 1;
  }
  writeResult(th, arg(args, nargs, 0), buf);
  out[0] = Value();
  return 1;
}

int nHTMLEscape(vm::Thread& th, const Value* args, int nargs, Value*) {
  std::string buf;
  htmlEscape(buf, vm::bytesView(arg(args, nargs, 1)));
  writeResult(th, arg(args, nargs, 0), buf);
  return 0;
}

const vm::Type* tokenType() { return vm::types::anyType(); }

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{
      "encoding/json",
      "json",
      {
          funcMember("Marshal", nMarshal),
          funcMember("MarshalIndent", nMarshalIndent),
          funcMember("Unmarshal", nUnmarshal),
          funcMember("Valid", nValid),
          funcMember("Compact", nCompact),
          funcMember("Indent", nIndent),
          funcMember("HTMLEscape", nHTMLEscape),
          funcMember("NewEncoder", newEncoder),
          funcMember("NewDecoder", newDecoder),
          typeMember("Encoder", encoderType),
          typeMember("Decoder", decoderType),
          typeMember("Number", numberType),
          typeMember("RawMessage", rawMessageType),
          typeMember("Delim", delimType),
          typeMember("Token", tokenType),
          typeMember("Marshaler", marshalerType),
          typeMember("Unmarshaler", unmarshalerType),
          typeMember("SyntaxError", syntaxErrorType),
          typeMember("UnmarshalTypeError", unmarshalTypeErrorType),
          typeMember("InvalidUnmarshalError", invalidUnmarshalErrorType),
          typeMember("UnsupportedTypeError", unsupportedTypeErrorType),
          typeMember("UnsupportedValueError", unsupportedValueErrorType),
          typeMember("MarshalerError", marshalerErrorType),
      },
  });
  return true;
}();

}  // namespace

}  // namespace gsl::stdlib::json
