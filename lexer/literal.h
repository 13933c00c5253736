// Decoding of literal text: the values of the string, rune, integer and
// floating-point literals the lexer returns (Go spec, "Integer literals" to
// "String literals"). Used by the parser and the constant folder.
//
// Every function takes the literal exactly as written in the source (the
// token's text) and returns false if it is not a well-formed literal of its
// kind; the lexer has then already reported why, so a caller that got the
// text from a token need not report it again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gsl::lexer {

// The value of a string literal, "…" or `…`, stored in *out (replacing its
// contents). Escapes in an interpreted literal are decoded: \a \b \f \n \r
// \t \v \\ \" ; \ooo (three octal digits, at most 255) and \xhh yield one
// byte; \uhhhh and \Uhhhhhhhh yield the UTF-8 encoding of the code point,
// which must not be a surrogate half or past U+10FFFF. In a raw literal the
// text is taken as is, except that carriage returns are discarded.
bool unquoteString(std::string_view lit, std::string* out);

// The value of a rune literal '…': exactly one character or escape (\' is
// allowed here, \" is not). \ooo and \xhh give values 0 to 255.
bool unquoteChar(std::string_view lit, int32_t* out);

// The value of an integer literal: decimal, 0x/0X hexadecimal, 0o/0O octal,
// 0b/0B binary, or legacy octal with a leading 0 ("0777"); underscores may
// separate digits or follow a base prefix. Go's untyped constants may exceed
// 64 bits, so the value is 128 bits wide; a larger value returns false.
bool parseIntLiteral(std::string_view lit, unsigned __int128* out);

// The value of a floating-point literal, correctly rounded to a double:
// decimal ("1.5e3", ".5", "1.") or hexadecimal with its mandatory p exponent
// ("0x1.8p-2"), with underscores. An imaginary literal's trailing 'i' is
// ignored, so its magnitude can be read here too; for that reason integer
// forms are accepted as well ("0x10", "0b11", "0o17"), and a digit sequence
// with a leading 0 is decimal ("0123" is 123, as the spec says of "0123i").
// A value too small for a double rounds to 0; one too large for a double
// returns false (the caller decides whether that is an error).
bool parseFloatLiteral(std::string_view lit, double* out);

// The index of the first misplaced '_' in a number literal, or -1. An
// underscore must sit between two digits, or between a base prefix and a
// digit ("0x_1"). The lexer uses this to report
// "'_' must separate successive digits".
int firstMisplacedUnderscore(std::string_view lit);

}  // namespace gsl::lexer
