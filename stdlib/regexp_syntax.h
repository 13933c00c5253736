// stdlib/regexp_syntax.h: Go's regexp syntax in front of RE2.
//
// Go's regexp syntax is RE2's, and RE2 reports the same errors with the same
// offending text as Go's regexp/syntax for nearly every bad pattern. This
// file covers the rest, by scanning the Go pattern before RE2 sees it:
//  * `(?<name>re)` (accepted since Go 1.22) is rewritten as `(?P<name>re)`
//    for RE2; error texts are mapped back to the pattern the user wrote.
//  * Errors Go reports and RE2 does not, or reports differently: `\C`
//    (RE2's any-byte escape, an invalid escape in Go), capture names that
//    are not ASCII letters, digits and `_`, invalid UTF-8 (with Go's choice
//    of offending text), patterns that nest too deeply, repeat counts over
//    1000 (Go checks them first), `\p` or `\x{` cut short by the end, and
//    POSIX syntax's rule that `-` is only first or last in a class.
//  * The parsed shape of the pattern, for Regexp.LiteralPrefix.
//
// Contract: scanPattern never fails on any input; it stops building the
// shape at the first construct it does not understand and leaves the
// verdict to RE2. Its own error, when it has one, says where Go's parser
// would have found it (errorCut), so that an earlier error found by RE2 in
// the text before that point can take precedence, as it does in Go.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gsl::stdlib::regexp {

// Go's regexp/syntax ErrorCode texts.
namespace errcode {
inline constexpr std::string_view kInternalError = "regexp/syntax: internal error";
inline constexpr std::string_view kInvalidCharClass = "invalid character class";
inline constexpr std::string_view kInvalidCharRange = "invalid character class range";
inline constexpr std::string_view kInvalidEscape = "invalid escape sequence";
inline constexpr std::string_view kInvalidNamedCapture = "invalid named capture";
inline constexpr std::string_view kInvalidPerlOp = "invalid or unsupported Perl syntax";
inline constexpr std::string_view kInvalidRepeatOp = "invalid nested repetition operator";
inline constexpr std::string_view kInvalidRepeatSize = "invalid repeat count";
inline constexpr std::string_view kInvalidUTF8 = "invalid UTF-8";
inline constexpr std::string_view kMissingBracket = "missing closing ]";
inline constexpr std::string_view kMissingParen = "missing closing )";
inline constexpr std::string_view kMissingRepeatArgument = "missing argument to repetition operator";
inline constexpr std::string_view kTrailingBackslash = "trailing backslash at end of expression";
inline constexpr std::string_view kUnexpectedParen = "unexpected )";
inline constexpr std::string_view kNestingDepth = "expression nests too deeply";
inline constexpr std::string_view kLarge = "expression too large";
}  // namespace errcode

// A *syntax.Error: Go prints it as
// "error parsing regexp: <code>: `<expr>`".
struct SyntaxError {
  std::string code;
  std::string expr;
  std::string message() const;
};

// The syntax family: Go's Compile (Perl-like) or CompilePOSIX (POSIX ERE).
enum class Flavor { Perl, Posix };

// The shape of a pattern, reduced to what LiteralPrefix and the nesting
// check need. Non-capturing groups disappear (their content takes their
// place); flags are applied (a literal under (?i) with case variants has
// fold set); `^`/`\A` and `$`/`\z` outside (?m) are BeginText/EndText.
struct SyntaxNode {
  enum class Kind : uint8_t {
    Empty,      // matches the empty string
    Literal,    // one rune
    Capture,    // subs[0] is the group's content
    Concat,     // subs in sequence (at least two)
    Alternate,  // subs are the branches (at least two)
    Repeat,     // subs[0] repeated min..max times (max -1: unbounded)
    BeginText,
    EndText,
    Other,      // anything else: classes, `.`, other assertions
  };
  Kind kind = Kind::Empty;
  bool fold = false;
  int32_t rune = 0;
  int min = 0;
  int max = 0;
  std::vector<SyntaxNode> subs;
};

struct ScannedPattern {
  // The pattern to give RE2.
  std::string re2Pattern;
  // Offsets in re2Pattern of the characters the rewriting inserted.
  std::vector<size_t> inserted;
  // An error Go reports that RE2 would not (or not the same way), and the
  // offset in the Go pattern before which Go's parser found no error.
  std::optional<SyntaxError> error;
  size_t errorCut = 0;
  // The shape, when the scan understood the whole pattern.
  std::optional<SyntaxNode> shape;
  // Whether the pattern uses \B (or the scan stopped before knowing): RE2,
  // which works on bytes, may find an empty \B match inside a multi-byte
  // character, where Go never looks.
  bool mayMatchInsideRune = true;

  // The Go pattern text for re2Pattern[begin, end) (drops inserted chars).
  std::string originalText(size_t begin, size_t end) const;
  // The length of re2Pattern's first `cut` original characters.
  size_t rewrittenLength(size_t cut) const;
};

ScannedPattern scanPattern(std::string_view pattern, Flavor flavor);

// Go's Regexp.LiteralPrefix for a pattern of this shape: the literal text
// every match must start with, and whether it is the whole match.
struct LiteralPrefix {
  std::string prefix;
  bool complete = false;
};
LiteralPrefix literalPrefixOf(const SyntaxNode& shape);

// regexp.QuoteMeta: escapes every character of Go's special set.
std::string quoteMeta(std::string_view s);

}  // namespace gsl::stdlib::regexp
