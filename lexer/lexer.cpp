// The lexer; see lexer.h for the contract.
//
// The scanner reads one character ahead (ch_, at offset cur_) and decides
// every token from it with one switch, the way Go's compiler does; its
// errors and their positions follow cmd/compile/internal/syntax, which is
// what `go run` prints. A character is a decoded UTF-8 code point; ASCII takes
// a short inline path in advance(), and runs of plain ASCII inside
// identifiers, strings and comments are skipped bytewise.
#include "lexer/lexer.h"

#include <limits>

#include "lexer/literal.h"
#include "lexer/unicode.h"

namespace gsl::lexer {

namespace {

// The lower-case form of an ASCII letter; other characters are left alone
// or mapped to non-letters, which is all the callers need.
inline int32_t lower(int32_t ch) { return ch | 0x20; }

inline bool isAsciiLetter(int32_t ch) {
  return (lower(ch) >= 'a' && lower(ch) <= 'z') || ch == '_';
}
inline bool isDecimal(int32_t ch) { return ch >= '0' && ch <= '9'; }
inline bool isAsciiIdentByte(char c) {
  return isAsciiLetter(static_cast<unsigned char>(c)) || isDecimal(c);
}
// A byte that needs the careful path of advance(): NUL or non-ASCII.
inline bool isSpecialByte(char c) {
  auto b = static_cast<uint8_t>(c);
  return b == 0 || b >= 0x80;
}
inline bool isHex(int32_t ch) {
  return isDecimal(ch) || (lower(ch) >= 'a' && lower(ch) <= 'f');
}

const char* baseName(int base) {
  switch (base) {
    case 2: return "binary";
    case 8: return "octal";
    case 10: return "decimal";
    default: return "hexadecimal";
  }
}

// The keyword spelled `s`, or Tok::Ident.
Tok keywordOf(std::string_view s) {
  if (s.size() < 2 || s.size() > 11) return Tok::Ident;
  auto is = [&](std::string_view kw, Tok t) { return s == kw ? t : Tok::Ident; };
  switch (s[0]) {
    case 'b': return is("break", Tok::Break);
    case 'c':
      if (s.size() == 4) return s[1] == 'a' ? is("case", Tok::Case) : is("chan", Tok::Chan);
      if (s.size() == 5) return is("const", Tok::Const);
      return is("continue", Tok::Continue);
    case 'd':
      if (s.size() == 5) return is("defer", Tok::Defer);
      return is("default", Tok::Default);
    case 'e': return is("else", Tok::Else);
    case 'f':
      if (s.size() == 3) return is("for", Tok::For);
      if (s.size() == 4) return is("func", Tok::Func);
      return is("fallthrough", Tok::Fallthrough);
    case 'g':
      if (s.size() == 2) return is("go", Tok::Go);
      return is("goto", Tok::Goto);
    case 'i':
      if (s.size() == 2) return is("if", Tok::If);
      if (s.size() == 6) return is("import", Tok::Import);
      return is("interface", Tok::Interface);
    case 'm': return is("map", Tok::Map);
    case 'p': return is("package", Tok::Package);
    case 'r':
      if (s.size() == 5) return is("range", Tok::Range);
      return is("return", Tok::Return);
    case 's':
      if (s.size() != 6) return Tok::Ident;
      if (s[1] == 'e') return is("select", Tok::Select);
      if (s[1] == 't') return is("struct", Tok::Struct);
      return is("switch", Tok::Switch);
    case 't': return is("type", Tok::Type);
    case 'v': return is("var", Tok::Var);
    default: return Tok::Ident;
  }
}

// The text of a semicolon inserted at a newline; see token.h.
constexpr std::string_view kNewlineText = "\n";

}  // namespace

Lexer::Lexer(std::string_view src) : src_(src) {
  // Offsets are 32 bits (see Pos); a larger source is cut short, with an
  // error, rather than mis-positioned.
  constexpr size_t kMaxSize = std::numeric_limits<int32_t>::max() - 8;
  if (src_.size() > kMaxSize) {
    src_ = src_.substr(0, kMaxSize);
    error(Pos{1, 1, 0}, "source file too large");
  }
  int32_t start = 0;
  if (src_.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  if (src_.substr(start, 2) == "#!") {
    while (start < static_cast<int32_t>(src_.size()) && src_[start] != '\n') start++;
  }
  cur_ = start;
  chWidth_ = 0;
  ch_ = ' ';
  advance();
}

inline void Lexer::advance() {
  if (ch_ == '\n') {
    line_++;
    lineStart_ = cur_ + 1;
  }
  cur_ += chWidth_;
  if (static_cast<size_t>(cur_) < src_.size()) {
    auto b = static_cast<uint8_t>(src_[cur_]);
    if (b != 0 && b < 0x80) {
      ch_ = b;
      chWidth_ = 1;
      return;
    }
  }
  advanceSlow();
}

inline void Lexer::jumpTo(int32_t offset) {
  cur_ = offset;
  chWidth_ = 0;
  ch_ = 0;  // not '\n': the caller has accounted for every newline skipped
  advance();
}

void Lexer::advanceSlow() {
  for (;;) {
    if (static_cast<size_t>(cur_) >= src_.size()) {
      ch_ = -1;
      chWidth_ = 0;
      return;
    }
    auto b = static_cast<uint8_t>(src_[cur_]);
    if (b == 0 && cur_ > 0) {
      // A NUL at the very start of the file is left to the switch in
      // next(), which reports an invalid character: Go's compiler does so
      // there, because its first read of a file takes another path.
      error(pos(), "invalid NUL character");
      cur_++;
      continue;
    }
    if (b < 0x80) {
      ch_ = b;
      chWidth_ = 1;
      return;
    }
    int width;
    char32_t r = decodeRune(src_.substr(cur_), &width);
    if (r == kRuneError && width == 1) {
      error(pos(), "invalid UTF-8 encoding");
      cur_++;
      continue;
    }
    if (r == 0xFEFF) {
      // Only a byte order mark at the very start is allowed, and the
      // constructor has skipped that one.
      error(pos(), "invalid BOM in the middle of the file");
      cur_ += width;
      continue;
    }
    ch_ = static_cast<int32_t>(r);
    chWidth_ = width;
    return;
  }
}

void Lexer::error(Pos p, std::string msg) { errors_.push_back(LexError{p, std::move(msg)}); }

Token Lexer::next() {
  bool semiDue = semiDue_;
  semiDue_ = false;
  for (;;) {
    while (ch_ == ' ' || ch_ == '\t' || ch_ == '\r' || (ch_ == '\n' && !semiDue)) advance();

    tokOffset_ = cur_;
    tokLine_ = line_;
    tokLineStart_ = lineStart_;
    Token tok;
    tok.pos = pos();
    auto finish = [&](Tok kind) {
      tok.kind = kind;
      tok.text = src_.substr(tokOffset_, cur_ - tokOffset_);
      return tok;
    };
    auto finishSemi = [&](std::string_view text) {
      tok.kind = Tok::Semicolon;
      tok.text = text;
      return tok;
    };

    if (isAsciiLetter(ch_) || ch_ >= 0x80) return finish(identifier());

    switch (ch_) {
      case -1:
        tok.text = src_.substr(src_.size());
        tok.kind = semiDue ? Tok::Semicolon : Tok::Eof;
        return tok;
      case '\n':
        advance();
        return finishSemi(src_.substr(tokOffset_, 1));
      case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        return finish(number(false));
      case '"':
        return finish(stringLiteral());
      case '`':
        return finish(rawStringLiteral());
      case '\'':
        return finish(runeLiteral());
      case '(':
        advance();
        return finish(Tok::LParen);
      case '[':
        advance();
        return finish(Tok::LBrack);
      case '{':
        advance();
        return finish(Tok::LBrace);
      case ',':
        advance();
        return finish(Tok::Comma);
      case ';':
        advance();
        return finishSemi(src_.substr(tokOffset_, 1));
      case ')':
        advance();
        semiDue_ = true;
        return finish(Tok::RParen);
      case ']':
        advance();
        semiDue_ = true;
        return finish(Tok::RBrack);
      case '}':
        advance();
        semiDue_ = true;
        return finish(Tok::RBrace);
      case ':':
        advance();
        return finish(maybeAssign(Tok::Colon, Tok::Define));
      case '.':
        advance();
        if (isDecimal(ch_)) return finish(number(true));
        // "..." is one token; ".." is two periods.
        if (ch_ == '.' && static_cast<size_t>(cur_) + 1 < src_.size() && src_[cur_ + 1] == '.') {
          advance();
          advance();
          return finish(Tok::Ellipsis);
        }
        return finish(Tok::Period);
      case '+':
        advance();
        if (ch_ == '+') {
          advance();
          semiDue_ = true;
          return finish(Tok::Inc);
        }
        return finish(maybeAssign(Tok::Add, Tok::AddAssign));
      case '-':
        advance();
        if (ch_ == '-') {
          advance();
          semiDue_ = true;
          return finish(Tok::Dec);
        }
        return finish(maybeAssign(Tok::Sub, Tok::SubAssign));
      case '*':
        advance();
        return finish(maybeAssign(Tok::Mul, Tok::MulAssign));
      case '/':
        advance();
        if (ch_ == '/') {
          advance();
          skipLineComment();
          continue;  // the newline, if any, is scanned next
        }
        if (ch_ == '*') {
          advance();
          skipGeneralComment();
          // A comment that spans lines acts like a newline.
          if (line_ > tokLine_ && semiDue) return finishSemi(kNewlineText);
          continue;
        }
        return finish(maybeAssign(Tok::Quo, Tok::QuoAssign));
      case '%':
        advance();
        return finish(maybeAssign(Tok::Rem, Tok::RemAssign));
      case '&':
        advance();
        if (ch_ == '&') {
          advance();
          return finish(Tok::LAnd);
        }
        if (ch_ == '^') {
          advance();
          return finish(maybeAssign(Tok::AndNot, Tok::AndNotAssign));
        }
        return finish(maybeAssign(Tok::And, Tok::AndAssign));
      case '|':
        advance();
        if (ch_ == '|') {
          advance();
          return finish(Tok::LOr);
        }
        return finish(maybeAssign(Tok::Or, Tok::OrAssign));
      case '^':
        advance();
        return finish(maybeAssign(Tok::Xor, Tok::XorAssign));
      case '<':
        advance();
        if (ch_ == '=') {
          advance();
          return finish(Tok::Leq);
        }
        if (ch_ == '<') {
          advance();
          return finish(maybeAssign(Tok::Shl, Tok::ShlAssign));
        }
        if (ch_ == '-') {
          advance();
          return finish(Tok::Arrow);
        }
        return finish(Tok::Lss);
      case '>':
        advance();
        if (ch_ == '=') {
          advance();
          return finish(Tok::Geq);
        }
        if (ch_ == '>') {
          advance();
          return finish(maybeAssign(Tok::Shr, Tok::ShrAssign));
        }
        return finish(Tok::Gtr);
      case '=':
        advance();
        return finish(maybeAssign(Tok::Assign, Tok::Eql));
      case '!':
        advance();
        return finish(maybeAssign(Tok::Not, Tok::Neq));
      case '~':
        advance();
        return finish(Tok::Tilde);
      default:
        // Go's compiler reports the character and carries on after it.
        error(pos(), "invalid character " + formatCodePoint(static_cast<char32_t>(ch_)));
        advance();
        continue;
    }
  }
}

Tok Lexer::maybeAssign(Tok plain, Tok withAssign) {
  if (ch_ != '=') return plain;
  advance();
  return withAssign;
}

// identifier = letter { letter | unicode_digit } .
//
// As in Go's compiler, any non-ASCII character that is not a letter is taken
// into the identifier with an error, so a stray symbol yields one error
// rather than a cascade.
Tok Lexer::identifier() {
  // Runs of ASCII letters and digits are skipped bytewise; ch_ is either an
  // ASCII letter or '_' (so a digit can follow) or a non-ASCII character.
  bool first = true;
  for (;;) {
    if (ch_ < 0x80) {
      if (!(isAsciiLetter(ch_) || (!first && isDecimal(ch_)))) break;
      int32_t end = cur_ + 1;
      while (static_cast<size_t>(end) < src_.size() && isAsciiIdentByte(src_[end])) end++;
      jumpTo(end);
    } else {
      auto r = static_cast<char32_t>(ch_);
      if (!isLetter(r)) {
        if (isDigit(r)) {
          if (first) error(pos(), "identifier cannot begin with digit " + formatCodePoint(r));
        } else {
          error(pos(), "invalid character " + formatCodePoint(r) + " in identifier");
        }
      }
      advance();
    }
    first = false;
  }

  Tok kind = keywordOf(src_.substr(tokOffset_, cur_ - tokOffset_));
  switch (kind) {
    case Tok::Ident:
    case Tok::Break:
    case Tok::Continue:
    case Tok::Fallthrough:
    case Tok::Return:
      semiDue_ = true;
      break;
    default:
      break;
  }
  return kind;
}

// Accepts { digit | '_' }. Bit 0 of *digsep records a digit, bit 1 a '_'.
// For bases up to 10 every decimal digit is accepted, and the offset (from
// the token start) of the first one too large for the base is recorded in
// *invalid, so the error can name it.
void Lexer::digits(int base, int32_t* invalid, int* digsep) {
  if (base <= 10) {
    int32_t max = '0' + base;
    while (isDecimal(ch_) || ch_ == '_') {
      if (ch_ == '_') {
        *digsep |= 2;
      } else {
        *digsep |= 1;
        if (ch_ >= max && *invalid < 0) *invalid = cur_ - tokOffset_;
      }
      advance();
    }
  } else {
    while (isHex(ch_) || ch_ == '_') {
      *digsep |= ch_ == '_' ? 2 : 1;
      advance();
    }
  }
}

// int_lit, float_lit and imaginary_lit. `seenPoint` is set when the literal
// starts with '.', which has been consumed.
Tok Lexer::number(bool seenPoint) {
  bool ok = true;
  Tok kind = Tok::Int;
  int base = 10;
  char prefix = 0;  // 0 decimal, '0' legacy octal, 'x', 'o' or 'b'
  int digsep = 0;
  int32_t invalid = -1;

  if (!seenPoint) {
    if (ch_ == '0') {
      advance();
      switch (lower(ch_)) {
        case 'x':
          advance();
          base = 16;
          prefix = 'x';
          break;
        case 'o':
          advance();
          base = 8;
          prefix = 'o';
          break;
        case 'b':
          advance();
          base = 2;
          prefix = 'b';
          break;
        default:
          base = 8;
          prefix = '0';
          digsep = 1;  // the leading 0 is a digit
      }
    }
    digits(base, &invalid, &digsep);
    if (ch_ == '.') {
      if (prefix == 'o' || prefix == 'b') {
        error(pos(), std::string("invalid radix point in ") + baseName(base) + " literal");
        ok = false;
      }
      advance();
      seenPoint = true;
    }
  }

  if (seenPoint) {
    kind = Tok::Float;
    digits(base, &invalid, &digsep);
  }

  if ((digsep & 1) == 0 && ok) {
    error(pos(), std::string(baseName(base)) + " literal has no digits");
    ok = false;
  }

  int32_t e = lower(ch_);
  if (e == 'e' || e == 'p') {
    if (ok) {
      if (e == 'e' && prefix != 0 && prefix != '0') {
        error(pos(), quoteRune(static_cast<char32_t>(ch_)) + " exponent requires decimal mantissa");
        ok = false;
      } else if (e == 'p' && prefix != 'x') {
        error(pos(), quoteRune(static_cast<char32_t>(ch_)) + " exponent requires hexadecimal mantissa");
        ok = false;
      }
    }
    advance();
    kind = Tok::Float;
    if (ch_ == '+' || ch_ == '-') advance();
    int expDigsep = 0;
    int32_t unused = 0;  // base 10 accepts every decimal digit
    digits(10, &unused, &expDigsep);
    digsep = expDigsep | (digsep & 2);
    if ((expDigsep & 1) == 0 && ok) {
      error(pos(), "exponent has no digits");
      ok = false;
    }
  } else if (prefix == 'x' && kind == Tok::Float && ok) {
    error(pos(), "hexadecimal mantissa requires a 'p' exponent");
    ok = false;
  }

  if (ch_ == 'i') {
    kind = Tok::Imag;
    advance();
  }
  semiDue_ = true;

  std::string_view lit = src_.substr(tokOffset_, cur_ - tokOffset_);
  // A digit too large for the base only matters in an integer: "09.5" and
  // "09i" are decimal (the spec keeps them so for backward compatibility).
  if (kind == Tok::Int && invalid >= 0 && ok) {
    error(tokenPos(invalid), "invalid digit " + quoteRune(static_cast<uint8_t>(lit[invalid])) + " in " +
                                 baseName(base) + " literal");
    ok = false;
  }
  if ((digsep & 2) != 0 && ok) {
    int i = firstMisplacedUnderscore(lit);
    if (i >= 0) error(tokenPos(i), "'_' must separate successive digits");
  }
  return kind;
}

// rune_lit = "'" ( unicode_value | byte_value ) "'" .
Tok Lexer::runeLiteral() {
  bool ok = true;
  advance();  // the opening quote
  for (int n = 0;; n++) {
    if (ch_ == '\'') {
      if (ok) {
        if (n == 0) {
          error(pos(), "empty rune literal or unescaped '");
          ok = false;
        } else if (n != 1) {
          error(tokenPos(0), "more than one character in rune literal");
          ok = false;
        }
      }
      advance();
      break;
    }
    if (ch_ == '\\') {
      advance();
      if (!escape('\'')) ok = false;
      continue;
    }
    if (ch_ == '\n') {
      if (ok) error(pos(), "newline in rune literal");
      break;
    }
    if (ch_ < 0) {
      if (ok) error(tokenPos(0), "rune literal not terminated");
      break;
    }
    advance();
  }
  semiDue_ = true;
  return Tok::Char;
}

// interpreted_string_lit = `"` { unicode_value | byte_value } `"` .
Tok Lexer::stringLiteral() {
  advance();  // the opening quote
  for (;;) {
    if (ch_ == '"') {
      advance();
      break;
    }
    if (ch_ == '\\') {
      advance();
      escape('"');
      continue;
    }
    if (ch_ == '\n') {
      error(pos(), "newline in string");
      break;
    }
    if (ch_ < 0) {
      error(tokenPos(0), "string not terminated");
      break;
    }
    if (ch_ >= 0x80) {
      advance();
      continue;
    }
    // Skip plain ASCII bytewise.
    int32_t end = cur_ + 1;
    while (static_cast<size_t>(end) < src_.size()) {
      char c = src_[end];
      if (c == '"' || c == '\\' || c == '\n' || isSpecialByte(c)) break;
      end++;
    }
    jumpTo(end);
  }
  semiDue_ = true;
  return Tok::String;
}

// raw_string_lit = "`" { unicode_char | newline } "`" .
Tok Lexer::rawStringLiteral() {
  advance();  // the opening quote
  for (;;) {
    if (ch_ == '`') {
      advance();
      break;
    }
    if (ch_ < 0) {
      error(tokenPos(0), "string not terminated");
      break;
    }
    if (ch_ >= 0x80) {
      advance();
      continue;
    }
    skipAsciiRun('`');
  }
  semiDue_ = true;
  return Tok::String;
}

// The escape after a backslash (already consumed) in a literal quoted by
// `quote`. Returns false if it was reported as invalid. At the end of the
// file it returns true and leaves the complaint to the caller.
bool Lexer::escape(char32_t quote) {
  int n;
  uint32_t base, max;
  switch (ch_) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      advance();
      return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      n = 3, base = 8, max = 255;
      break;
    case 'x':
      advance();
      n = 2, base = 16, max = 255;
      break;
    case 'u':
      advance();
      n = 4, base = 16, max = kMaxRune;
      break;
    case 'U':
      advance();
      n = 8, base = 16, max = kMaxRune;
      break;
    default:
      if (ch_ == static_cast<int32_t>(quote)) {
        advance();
        return true;
      }
      if (ch_ < 0) return true;
      error(pos(), "unknown escape");
      return false;
  }

  uint32_t x = 0;
  for (int i = n; i > 0; i--) {
    if (ch_ < 0) return true;
    uint32_t d = base;
    if (isDecimal(ch_)) {
      d = static_cast<uint32_t>(ch_ - '0');
    } else if (lower(ch_) >= 'a' && lower(ch_) <= 'f') {
      d = static_cast<uint32_t>(lower(ch_) - 'a' + 10);
    }
    if (d >= base) {
      error(pos(), "invalid character " + quoteRune(static_cast<char32_t>(ch_)) + " in " + baseName(base) +
                       " escape");
      return false;
    }
    x = x * base + d;
    advance();
  }

  if (x > max && base == 8) {
    error(pos(), "octal escape value " + std::to_string(x) + " > 255");
    return false;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    error(pos(), "escape is invalid Unicode code point " + formatCodePoint(x));
    return false;
  }
  return true;
}

// Skips bytewise from the current character, which is ASCII, to the next
// `stop` byte, NUL or non-ASCII byte, counting the newlines passed.
void Lexer::skipAsciiRun(char stop) {
  int32_t end = cur_;
  while (static_cast<size_t>(end) < src_.size()) {
    char c = src_[end];
    if (c == stop || isSpecialByte(c)) break;
    if (c == '\n') {
      line_++;
      lineStart_ = end + 1;
    }
    end++;
  }
  jumpTo(end);
}

// A line comment ends before its newline, which is then scanned as usual.
void Lexer::skipLineComment() {
  for (;;) {
    if (ch_ < 0 || ch_ == '\n') return;
    if (ch_ >= 0x80) {
      advance();
      continue;
    }
    int32_t end = cur_ + 1;
    while (static_cast<size_t>(end) < src_.size() && src_[end] != '\n' && !isSpecialByte(src_[end])) end++;
    jumpTo(end);
  }
}

// Skips a general comment after its opening "/*". Returns false (having
// reported it) if the file ends first.
bool Lexer::skipGeneralComment() {
  for (;;) {
    if (ch_ < 0) {
      error(tokenPos(0), "comment not terminated");
      return false;
    }
    if (ch_ == '*') {
      advance();
      if (ch_ == '/') {
        advance();
        return true;
      }
      continue;
    }
    if (ch_ >= 0x80) {
      advance();
      continue;
    }
    skipAsciiRun('*');
  }
}

}  // namespace gsl::lexer
