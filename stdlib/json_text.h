// stdlib/json_text.h: the text inside JSON values: string literals (Go's
// encoder escaping and decoder unescaping) and the base64 form of []byte.
//
// Contract: appendString produces exactly Go's escapes (\" \\ \n \r \t,
// \u00XX for other control characters and, when escapeHTML, for < > &;
// \u2028 and \u2029 always; \ufffd for each invalid UTF-8 byte).
// unquoteJSON is Go's unquoteBytes: escapes decoded, surrogate pairs
// joined, lone surrogates and invalid UTF-8 turned into U+FFFD. Base64 is
// base64.StdEncoding (padded), and decoding reports the offset Go's
// CorruptInputError would.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gsl::stdlib::json {

// Appends s as a JSON string literal, quotes included.
void appendString(std::string& out, std::string_view s, bool escapeHTML);

// The value of the JSON string literal s (quotes included); nullopt if s is
// not one (possible only for text that came from a ,string field, since the
// scanner has checked everything else).
std::optional<std::string> unquoteJSON(std::string_view s);

// unquoteJSON as a view: s's own bytes when the literal needs no
// unescaping (the common case, no copy), else the unescaped text kept in
// *buf.
std::optional<std::string_view> unquoteView(std::string_view s, std::string* buf);

// Appends the standard, padded base64 encoding of b.
void appendBase64(std::string& out, std::string_view b);

// Decodes standard base64 (line breaks ignored) and appends the bytes to
// *dst. Returns -1, or the offset of the first bad input byte.
int64_t decodeBase64(std::string_view src, std::string* dst);

}  // namespace gsl::stdlib::json
