// stdlib/quote.h: Go's string and rune quoting (strconv.Quote, QuoteRune,
// QuoteToASCII, QuoteToGraphic, CanBackquote, Unquote, UnquoteChar), shared
// by strconv and fmt (%q).
//
// Contract: output is byte-for-byte what the Go function of the same name
// produces. Unquoting reports failure as std::nullopt, which the callers
// turn into strconv.ErrSyntax.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gsl::stdlib {

void appendQuote(std::string& dst, std::string_view s);
void appendQuoteToASCII(std::string& dst, std::string_view s);
void appendQuoteToGraphic(std::string& dst, std::string_view s);
void appendQuoteRune(std::string& dst, int64_t r);
void appendQuoteRuneToASCII(std::string& dst, int64_t r);
void appendQuoteRuneToGraphic(std::string& dst, int64_t r);

std::string quote(std::string_view s);
std::string quoteToASCII(std::string_view s);
std::string quoteRune(int64_t r);

// True if s can be written as a raw (backquoted) string literal without
// changes: no control characters other than tab, no backquote, no U+FEFF,
// valid UTF-8.
bool canBackquote(std::string_view s);

// strconv.Unquote: the value of a Go string, rune or raw string literal.
std::optional<std::string> unquote(std::string_view s);

// strconv.QuotedPrefix: the quoted literal at the start of s.
std::optional<std::string_view> quotedPrefix(std::string_view s);

// strconv.UnquoteChar: decodes the first character or escape of s inside a
// literal delimited by `quote`.
struct UnquotedChar {
  int32_t value;
  bool multibyte;
  std::string_view tail;
};
std::optional<UnquotedChar> unquoteChar(std::string_view s, char quote);

}  // namespace gsl::stdlib
