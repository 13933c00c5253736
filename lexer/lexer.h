// The lexer: turns Go source text into tokens (The Go Programming Language
// Specification, "Lexical elements"), inserting semicolons as Go does.
//
// Contract:
// * Positions are 1-based lines and columns; a column counts bytes, as Go's
//   do, and `offset` is the byte offset into the source.
// * Semicolons are inserted exactly where the spec says: at a newline, or at
//   the end of the file, when the line's last token is an identifier, a
//   literal, one of the keywords break continue fallthrough return, or one of
//   ++ -- ) ] }. An inserted semicolon's text is "\n" and its position is that
//   of the newline; at the end of the file its text is "" and its position is
//   the end of the file. An explicit ';' has text ";". (Omitting a semicolon
//   before a closing ")" or "}" is the parser's business.)
// * Comments are skipped. A line comment ends before its newline, so the
//   newline still inserts a semicolon. A general comment that spans lines
//   acts like a newline: if a semicolon is due, the lexer yields one (text
//   "\n") at the comment's position.
// * A leading UTF-8 byte order mark is skipped, then a first line starting
//   with "#!" (a scripting extension; the newline itself is kept). Columns
//   still count the skipped bytes.
// * Errors are collected, never thrown, with Go's compiler's messages and
//   positions ("newline in string", "invalid character U+0040 '@'", ...).
//   After an error the lexer keeps going so several can be reported:
//     - a malformed literal is still returned as a token of its kind, with
//       the text as scanned (the unquote/parse functions of literal.h may
//       then fail on it; the error has already been reported);
//     - an ASCII character that cannot start a token is reported and
//       skipped, as Go's compiler does (no token is returned for it);
//     - a non-ASCII character that is not a letter is reported and taken
//       into an identifier, as Go's compiler does ("a·b" is one IDENT);
//     - a NUL byte, a byte that is not valid UTF-8, and a byte order mark
//       past the start are reported and then ignored (a NUL as the very
//       first byte is reported as "invalid character U+0000", as Go does).
//   Tok::Illegal is therefore never returned.
// * After the end of the file, next() keeps returning Tok::Eof.
// * No allocation per token: token texts view the source.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexer/token.h"

namespace gsl::lexer {

// One lexical error: where it is and Go's wording of it.
struct LexError {
  Pos pos;
  std::string msg;
};

class Lexer {
 public:
  // `src` must outlive the lexer and every token it returns.
  explicit Lexer(std::string_view src);

  // The next token.
  Token next();

  // The errors found so far, in the order they were found.
  const std::vector<LexError>& errors() const { return errors_; }

 private:
  // Moves to the next character, decoding UTF-8 and reporting (then
  // skipping) NUL bytes, invalid encodings and misplaced byte order marks.
  void advance();
  void advanceSlow();
  // Makes the character at `offset` current. Only for skipping forward over
  // ASCII bytes (other than NUL) whose newlines the caller has counted.
  void jumpTo(int32_t offset);
  // Skips bytewise from the current ASCII character up to the next `stop`
  // byte, NUL or non-ASCII byte, counting newlines.
  void skipAsciiRun(char stop);

  // The position of the current character.
  Pos pos() const { return Pos{line_, cur_ - lineStart_ + 1, cur_}; }
  // The position `delta` bytes after the start of the current token, which
  // is on the same line.
  Pos tokenPos(int32_t delta) const {
    return Pos{tokLine_, tokOffset_ - tokLineStart_ + 1 + delta, tokOffset_ + delta};
  }
  void error(Pos p, std::string msg);

  // Scanners for the token classes; each starts at the token's first
  // character and leaves the lexer on the character after the token.
  Tok identifier();
  Tok number(bool seenPoint);
  void digits(int base, int32_t* invalid, int* digsep);
  Tok runeLiteral();
  Tok stringLiteral();
  Tok rawStringLiteral();
  bool escape(char32_t quote);
  void skipLineComment();
  bool skipGeneralComment();
  // Returns `withAssign` if the current character is '=' (consuming it),
  // else `plain`.
  Tok maybeAssign(Tok plain, Tok withAssign);
  // Checks a number literal's underscores; reports the first misplaced one.
  bool checkSeparators(std::string_view lit);

  std::string_view src_;
  int32_t cur_ = 0;        // offset of ch_
  int32_t chWidth_ = 0;    // bytes in ch_ (0 at the end)
  int32_t ch_ = -1;        // current character, -1 at the end
  int32_t line_ = 1;       // line of ch_
  int32_t lineStart_ = 0;  // offset of the first byte of line_
  // Start of the token being scanned.
  int32_t tokOffset_ = 0;
  int32_t tokLine_ = 1;
  int32_t tokLineStart_ = 0;
  // True if a newline or the end of the file should yield a semicolon.
  bool semiDue_ = false;
  std::vector<LexError> errors_;
};

}  // namespace gsl::lexer
