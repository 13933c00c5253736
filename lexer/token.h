// Tokens of the Go 1.22 language (The Go Programming Language Specification,
// "Lexical elements"), with the exact source position of each.
//
// The token list is declared once, in GSL_TOKENS, and expanded into the enum
// and the spelling table so the two can never drift apart.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gsl::lexer {

// X(name, spelling). Spelling is what Go's own scanner prints for the token
// (operators and keywords as written; classes of literal by their kind name).
#define GSL_TOKENS(X)                                                   \
  X(Illegal, "ILLEGAL")                                                 \
  X(Eof, "EOF")                                                         \
  X(Comment, "COMMENT")                                                 \
  /* Literal classes: the token's text holds the literal as written. */ \
  X(Ident, "IDENT")                                                     \
  X(Int, "INT")                                                         \
  X(Float, "FLOAT")                                                     \
  X(Imag, "IMAG")                                                       \
  X(Char, "CHAR")                                                       \
  X(String, "STRING")                                                   \
  /* Operators and punctuation. */                                      \
  X(Add, "+")                                                           \
  X(Sub, "-")                                                           \
  X(Mul, "*")                                                           \
  X(Quo, "/")                                                           \
  X(Rem, "%")                                                           \
  X(And, "&")                                                           \
  X(Or, "|")                                                            \
  X(Xor, "^")                                                           \
  X(Shl, "<<")                                                          \
  X(Shr, ">>")                                                          \
  X(AndNot, "&^")                                                       \
  X(AddAssign, "+=")                                                    \
  X(SubAssign, "-=")                                                    \
  X(MulAssign, "*=")                                                    \
  X(QuoAssign, "/=")                                                    \
  X(RemAssign, "%=")                                                    \
  X(AndAssign, "&=")                                                    \
  X(OrAssign, "|=")                                                     \
  X(XorAssign, "^=")                                                    \
  X(ShlAssign, "<<=")                                                   \
  X(ShrAssign, ">>=")                                                   \
  X(AndNotAssign, "&^=")                                                \
  X(LAnd, "&&")                                                         \
  X(LOr, "||")                                                          \
  X(Arrow, "<-")                                                        \
  X(Inc, "++")                                                          \
  X(Dec, "--")                                                          \
  X(Eql, "==")                                                          \
  X(Lss, "<")                                                           \
  X(Gtr, ">")                                                           \
  X(Assign, "=")                                                        \
  X(Not, "!")                                                           \
  X(Neq, "!=")                                                          \
  X(Leq, "<=")                                                          \
  X(Geq, ">=")                                                          \
  X(Define, ":=")                                                       \
  X(Ellipsis, "...")                                                    \
  X(Tilde, "~")                                                         \
  X(LParen, "(")                                                        \
  X(LBrack, "[")                                                        \
  X(LBrace, "{")                                                        \
  X(Comma, ",")                                                         \
  X(Period, ".")                                                        \
  X(RParen, ")")                                                        \
  X(RBrack, "]")                                                        \
  X(RBrace, "}")                                                        \
  X(Semicolon, ";")                                                     \
  X(Colon, ":")                                                         \
  /* Keywords. */                                                       \
  X(Break, "break")                                                     \
  X(Case, "case")                                                       \
  X(Chan, "chan")                                                       \
  X(Const, "const")                                                     \
  X(Continue, "continue")                                               \
  X(Default, "default")                                                 \
  X(Defer, "defer")                                                     \
  X(Else, "else")                                                       \
  X(Fallthrough, "fallthrough")                                         \
  X(For, "for")                                                         \
  X(Func, "func")                                                       \
  X(Go, "go")                                                           \
  X(Goto, "goto")                                                       \
  X(If, "if")                                                           \
  X(Import, "import")                                                   \
  X(Interface, "interface")                                             \
  X(Map, "map")                                                         \
  X(Package, "package")                                                 \
  X(Range, "range")                                                     \
  X(Return, "return")                                                   \
  X(Select, "select")                                                   \
  X(Struct, "struct")                                                   \
  X(Switch, "switch")                                                   \
  X(Type, "type")                                                       \
  X(Var, "var")

enum class Tok : uint8_t {
#define GSL_TOKEN_ENUM(name, spelling) name,
  GSL_TOKENS(GSL_TOKEN_ENUM)
#undef GSL_TOKEN_ENUM
};

// The spelling of a token kind: "+", "func", "IDENT".
std::string_view tokenSpelling(Tok t);

// True for the keyword tokens (Break … Var).
bool isKeyword(Tok t);

// A 1-based line and column (column counts bytes, as Go's does), plus the
// byte offset into the source. Line 0 means "no position".
struct Pos {
  int32_t line = 0;
  int32_t col = 0;
  int32_t offset = 0;
  bool valid() const { return line > 0; }
};

// One token. `text` is the exact source text for identifiers and literals
// (quotes and prefixes included, e.g. `"a\n"`, `0x1F`, `'x'`); for an
// automatically inserted semicolon it is "\n" (or "" at end of file), as in
// Go's scanner. `text` views the source buffer, which must outlive the token.
struct Token {
  Tok kind = Tok::Illegal;
  Pos pos;
  std::string_view text;
};

}  // namespace gsl::lexer
