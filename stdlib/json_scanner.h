// stdlib/json_scanner.h: the JSON syntax of package encoding/json: Go's
// byte-at-a-time scanner, and the functions built on it (Valid, Compact,
// Indent, HTMLEscape and the check that precedes every Unmarshal).
//
// Contract: the scanner is a state machine fed one byte at a time, with the
// same opcodes, states and error texts as Go's encoding/json scanner, so
// every syntax error carries Go's message ("invalid character 'x' looking
// for beginning of value", "unexpected end of JSON input") and Go's offset
// (the number of bytes read when the error was found). Like Go's, it
// reports the byte after a complete top-level value as ScanOp::End and only
// complains about a non-space byte there on the next step or at eof().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gsl::stdlib::json {

// What a step tells the caller about the byte just scanned (Go's scan*
// constants, in Go's order: SkipSpace and everything after it are not part
// of a value's text).
enum class ScanOp : uint8_t {
  Continue,      // uninteresting byte inside a value
  BeginLiteral,  // first byte of a string, number or literal
  BeginObject,   // {
  ObjectKey,     // : after an object key
  ObjectValue,   // , after an object value
  EndObject,     // }
  BeginArray,    // [
  ArrayValue,    // , after an array element
  EndArray,      // ]
  SkipSpace,     // white space between tokens
  End,           // the top-level value ended before this byte
  Error,         // the input is not JSON; see errorMessage()
};

// A JSON syntax error: Go's *json.SyntaxError before it becomes a value.
struct SyntaxErrorInfo {
  std::string msg;
  int64_t offset = 0;
};

class Scanner {
 public:
  Scanner() { reset(); }

  // Prepares to scan a new top-level value. `bytes` is kept: a stream
  // decoder counts offsets across values, as Go's does.
  void reset();

  // Scans byte c. The caller increments `bytes` before each call, exactly
  // as Go's callers do, so that error offsets match.
  ScanOp step(uint8_t c);

  // The end of the input: End if a complete value was scanned, else Error
  // (an incomplete literal gets the error its next byte would cause,
  // otherwise "unexpected end of JSON input").
  ScanOp eof();

  // The same as stepping over a space: used by the stream decoder to learn
  // whether a value just ended without waiting for another byte.
  ScanOp stepSpace() { return stepEndValue(' '); }

  bool failed() const { return failed_; }
  const SyntaxErrorInfo& error() const { return err_; }
  // True once the top-level value is complete.
  bool endTop() const { return endTop_; }

  // Bytes consumed so far (maintained by the caller).
  int64_t bytes = 0;

 private:
  enum class State : uint8_t {
    BeginValueOrEmpty, BeginValue, BeginStringOrEmpty, BeginString, EndValue, EndTop,
    InString, InStringEsc, InStringEscU, InStringEscU1, InStringEscU12, InStringEscU123,
    Neg, One, Zero, Dot, Dot0, E, ESign, E0,
    T, Tr, Tru, F, Fa, Fal, Fals, N, Nu, Nul, Error,
  };
  enum class Parse : uint8_t { ObjectKey, ObjectValue, ArrayValue };

  ScanOp stepBeginValue(uint8_t c);
  ScanOp stepBeginString(uint8_t c);
  ScanOp stepEndValue(uint8_t c);
  ScanOp stepEndTop(uint8_t c);
  ScanOp stepZero(uint8_t c);
  ScanOp stepESign(uint8_t c);
  ScanOp stepLiteral(uint8_t c, uint8_t want, State next, const char* context);
  ScanOp push(uint8_t c, Parse p, ScanOp success);
  void pop();
  ScanOp fail(uint8_t c, std::string_view context);

  State state_ = State::BeginValue;
  std::vector<Parse> parse_;
  bool endTop_ = false;
  bool failed_ = false;
  SyntaxErrorInfo err_;
};

// Go's quoteChar: how a byte is shown in a syntax error ('x', '\'', '"',
// '\x01', 'ÿ').
std::string quoteChar(uint8_t c);

// Scans all of data; on a syntax error fills *err and returns false.
bool checkValid(std::string_view data, SyntaxErrorInfo* err);

// json.Compact: appends data without insignificant white space. With
// escapeHTML, <, >, & and U+2028/U+2029 are escaped as \u003c etc.
// Nothing is appended on error.
bool compact(std::string& dst, std::string_view src, bool escapeHTML, SyntaxErrorInfo* err);

// json.Indent: appends src with each element on a new line starting with
// prefix and one copy of indent per nesting level; empty objects and arrays
// stay {} and []. Leading white space is dropped, trailing white space kept.
// Nothing is appended on error.
bool indent(std::string& dst, std::string_view src, std::string_view prefix,
            std::string_view indentStr, SyntaxErrorInfo* err);

// json.HTMLEscape: appends src with <, >, & and U+2028/U+2029 inside it
// escaped (src need not be valid JSON).
void htmlEscape(std::string& dst, std::string_view src);

inline bool isSpace(uint8_t c) { return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n'); }

// The maximum nesting of arrays and objects Go accepts.
constexpr size_t kMaxNestingDepth = 10000;

}  // namespace gsl::stdlib::json
