// stdlib/regexp_syntax.cpp: see regexp_syntax.h.
//
// The scanner is a small recursive-descent parser that follows the order in
// which Go's regexp/syntax parser reads a pattern (regexp/syntax/parse.go),
// so that the errors it finds itself carry the text Go reports:
//
//   alternation := concat ('|' concat)*
//   concat      := (atom quantifier*)*
//   atom        := '(' group ')' | '[' class ']' | '\' escape | '.' | '^' | '$' | rune
//
// Anything it does not understand (most errors) ends the scan without a
// verdict: RE2 reports those, with the same text as Go.
#include "stdlib/regexp_syntax.h"

#include <algorithm>
#include <utility>

#include "stdlib/unicode_props.h"
#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::regexp {

std::string SyntaxError::message() const {
  return "error parsing regexp: " + code + ": `" + expr + "`";
}

std::string ScannedPattern::originalText(size_t begin, size_t end) const {
  std::string s;
  for (size_t i = begin; i < end && i < re2Pattern.size(); i++) {
    if (std::binary_search(inserted.begin(), inserted.end(), i)) continue;
    s += re2Pattern[i];
  }
  return s;
}

size_t ScannedPattern::rewrittenLength(size_t cut) const {
  // Each inserted character sits at a rewritten offset; walk them in order.
  size_t len = cut;
  for (size_t at : inserted) {
    if (at <= len) len++;
  }
  return len;
}

namespace {

using Kind = SyntaxNode::Kind;

// Go's maxHeight: a pattern whose tree is taller is rejected.
constexpr int kMaxHeight = 1000;
// Groups nested deeper than this end the scan with Go's nesting error
// rather than recursing further. Go rejects every such pattern that nests
// captures or repetitions; a tower of more than 1000 bare `(?:` groups,
// which Go accepts, is the one difference.
constexpr int kMaxGroupDepth = kMaxHeight;
// Go's limit on repetition counts.
constexpr int kMaxRepeat = 1000;

bool isAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Offset of the first invalid UTF-8 sequence in s, or npos.
size_t invalidUTF8At(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < utf8::kRuneSelf) {
      i++;
      continue;
    }
    utf8::Decoded d = utf8::decodeRune(s.substr(i));
    if (d.rune == utf8::kRuneError && d.width == 1) return i;
    i += static_cast<size_t>(d.width);
  }
  return std::string_view::npos;
}

// Go's isValidCaptureName: ASCII letters, digits and '_', not empty.
bool validCaptureName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c != '_' && !isAlnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

SyntaxNode leaf(Kind k) {
  SyntaxNode n;
  n.kind = k;
  return n;
}

// The flags that matter to the shape: (?i) and (?m).
struct Flags {
  bool fold = false;
  bool multiline = false;
};

class Scanner {
 public:
  Scanner(std::string_view p, Flavor flavor) : p_(p), perl_(flavor == Flavor::Perl) {}

  ScannedPattern run() {
    Flags flags;
    std::optional<SyntaxNode> shape = parseAlternation(flags);
    if (ok() && pos_ < p_.size()) fail();  // a stray ')': RE2 reports it
    if (!out_.error && ok() && shape && height(*shape) > kMaxHeight) {
      ownError(errcode::kNestingDepth, std::string(p_), p_.size());
    }
    if (ok() && shape) {
      out_.shape = std::move(shape);
      out_.mayMatchInsideRune = sawNotWordBoundary_;
    }
    buildRewritten();
    return std::move(out_);
  }

 private:
  std::string_view p_;
  bool perl_;
  size_t pos_ = 0;
  bool failed_ = false;        // something not understood: RE2 decides
  int groupDepth_ = 0;
  bool sawNotWordBoundary_ = false;
  std::vector<size_t> insertAt_;  // Go-pattern offsets where 'P' is inserted
  ScannedPattern out_;

  bool ok() const { return !failed_ && !out_.error; }
  void fail() { failed_ = true; }
  bool atEnd() const { return pos_ >= p_.size(); }
  char peek(size_t ahead = 0) const {
    return pos_ + ahead < p_.size() ? p_[pos_ + ahead] : '\0';
  }

  // Whether the bytes at offset i do not start a valid UTF-8 sequence.
  bool badRuneAt(size_t i) const {
    utf8::Decoded d = utf8::decodeRune(p_.substr(i));
    return d.rune == utf8::kRuneError && d.width == 1;
  }

  void ownError(std::string_view code, std::string expr, size_t cut) {
    if (out_.error) return;
    out_.error = SyntaxError{std::string(code), std::move(expr)};
    out_.errorCut = cut;
  }
  // Go reports invalid UTF-8 with the text from the bad byte to the end of
  // the piece it was decoding; cut is where Go met the construct holding it.
  void utf8Error(std::string_view piece, size_t badAt, size_t cut) {
    ownError(errcode::kInvalidUTF8, std::string(piece.substr(badAt)), cut);
  }

  void buildRewritten() {
    std::string& r = out_.re2Pattern;
    r.reserve(p_.size() + insertAt_.size());
    size_t from = 0;
    for (size_t at : insertAt_) {
      r.append(p_.substr(from, at - from));
      out_.inserted.push_back(r.size());
      r += 'P';
      from = at;
    }
    r.append(p_.substr(from));
  }

  // ---- Shapes ---------------------------------------------------------------

  static SyntaxNode makeConcat(std::vector<SyntaxNode> items) {
    std::vector<SyntaxNode> flat;
    for (SyntaxNode& it : items) {
      if (it.kind == Kind::Concat) {
        for (SyntaxNode& s : it.subs) flat.push_back(std::move(s));
      } else if (it.kind != Kind::Empty) {
        flat.push_back(std::move(it));
      }
    }
    if (flat.empty()) return leaf(Kind::Empty);
    if (flat.size() == 1) return std::move(flat[0]);
    SyntaxNode n = leaf(Kind::Concat);
    n.subs = std::move(flat);
    return n;
  }

  static SyntaxNode makeAlternate(std::vector<SyntaxNode> branches) {
    if (branches.size() == 1) return std::move(branches[0]);
    SyntaxNode n = leaf(Kind::Alternate);
    for (SyntaxNode& b : branches) {
      if (b.kind == Kind::Alternate) {
        for (SyntaxNode& s : b.subs) n.subs.push_back(std::move(s));
      } else {
        n.subs.push_back(std::move(b));
      }
    }
    return n;
  }

  static int height(const SyntaxNode& n) {
    int h = 1;
    for (const SyntaxNode& s : n.subs) h = std::max(h, 1 + height(s));
    return h;
  }

  SyntaxNode literal(int32_t r, const Flags& flags) {
    SyntaxNode n = leaf(Kind::Literal);
    n.rune = r;
    n.fold = flags.fold && unicode::simpleFold(r) != r;
    return n;
  }

  // ---- Grammar ----------------------------------------------------------------

  std::optional<SyntaxNode> parseAlternation(Flags& flags) {
    std::vector<SyntaxNode> branches;
    for (;;) {
      std::optional<SyntaxNode> c = parseConcat(flags);
      if (!c) return std::nullopt;
      branches.push_back(std::move(*c));
      if (peek() != '|' || atEnd()) break;
      pos_++;
    }
    return makeAlternate(std::move(branches));
  }

  std::optional<SyntaxNode> parseConcat(Flags& flags) {
    std::vector<SyntaxNode> items;
    // Whether the last item may take a quantifier (Go: a repetition needs an
    // argument, and a repetition of a repetition is an error).
    bool canRepeat = false;
    while (ok() && !atEnd()) {
      char c = peek();
      if (c == '|' || c == ')') break;
      int min = 0, max = 0;
      size_t qlen = quantifierAt(pos_, &min, &max);
      if (!ok()) return std::nullopt;
      if (qlen > 0) {
        if (!canRepeat) {
          fail();
          return std::nullopt;
        }
        pos_ += qlen;
        if (perl_ && peek() == '?' && !atEnd()) pos_++;  // non-greedy
        SyntaxNode rep = leaf(Kind::Repeat);
        rep.min = min;
        rep.max = max;
        rep.subs.push_back(std::move(items.back()));
        items.back() = std::move(rep);
        canRepeat = false;
        continue;
      }
      bool flagsOnly = false;
      bool quoted = peek() == '\\' && peek(1) == 'Q' && perl_;
      std::optional<SyntaxNode> atom = parseAtom(flags, &flagsOnly);
      if (!atom) return std::nullopt;
      // A flags group adds nothing: a quantifier after it applies to the
      // item before it, as in Go (b(?i)? is b?).
      if (flagsOnly) continue;
      if (quoted) {
        // \Q...\E is a run of single runes: a quantifier takes the last one.
        if (atom->kind == Kind::Empty) continue;
        if (atom->kind == Kind::Concat) {
          for (SyntaxNode& r : atom->subs) items.push_back(std::move(r));
        } else {
          items.push_back(std::move(*atom));
        }
        canRepeat = true;
        continue;
      }
      items.push_back(std::move(*atom));
      canRepeat = true;
    }
    if (!ok()) return std::nullopt;
    return makeConcat(std::move(items));
  }

  // The length of the quantifier at offset i (0 if there is none): `*`,
  // `+`, `?` or a well-formed `{n}`, `{n,}`, `{n,m}` (anything else starting
  // with `{` is a literal brace, as in Go). A count past Go's limit is an
  // error.
  size_t quantifierAt(size_t i, int* min, int* max) {
    char c = i < p_.size() ? p_[i] : '\0';
    if (c == '*') { *min = 0; *max = -1; return 1; }
    if (c == '+') { *min = 1; *max = -1; return 1; }
    if (c == '?') { *min = 0; *max = 1; return 1; }
    if (c != '{') return 0;
    size_t j = i + 1;
    auto number = [&](int* out) {
      size_t start = j;
      long v = 0;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') {
        if (v < 100000000) v = v * 10 + (p_[j] - '0');
        j++;
      }
      if (j == start) return false;
      if (j - start >= 2 && p_[start] == '0') return false;  // Go: no leading zeros
      *out = static_cast<int>(std::min<long>(v, 100000000));
      return true;
    };
    int lo = 0, hi = 0;
    if (!number(&lo)) return 0;
    if (j < p_.size() && p_[j] == ',') {
      j++;
      if (j < p_.size() && p_[j] == '}') {
        hi = -1;
      } else if (!number(&hi)) {
        return 0;
      }
    } else {
      hi = lo;
    }
    if (j >= p_.size() || p_[j] != '}') return 0;
    if (lo > kMaxRepeat || hi > kMaxRepeat || (hi >= 0 && hi < lo)) {
      // Go checks the count before anything else about the repetition
      // (RE2 first reports a missing argument or a nested repetition).
      ownError(errcode::kInvalidRepeatSize, std::string(p_.substr(i, j + 1 - i)), i);
      return 0;
    }
    *min = lo;
    *max = hi;
    return j + 1 - i;
  }

  std::optional<SyntaxNode> parseAtom(Flags& flags, bool* flagsOnly) {
    size_t start = pos_;
    char c = peek();
    switch (c) {
      case '(':
        return parseGroup(flags, flagsOnly);
      case '[':
        return parseClass(flags);
      case '\\':
        return parseEscape(flags);
      case '.':
        pos_++;
        return leaf(Kind::Other);
      case '^':
        pos_++;
        return leaf(perl_ && !flags.multiline ? Kind::BeginText : Kind::Other);
      case '$':
        pos_++;
        return leaf(perl_ && !flags.multiline ? Kind::EndText : Kind::Other);
      default:
        break;
    }
    utf8::Decoded d = utf8::decodeRune(p_.substr(pos_));
    if (d.rune == utf8::kRuneError && d.width == 1) {
      utf8Error(p_, start, start);
      return std::nullopt;
    }
    pos_ += static_cast<size_t>(d.width);
    return literal(d.rune, flags);
  }

  std::optional<SyntaxNode> parseGroup(Flags& flags, bool* flagsOnly) {
    size_t open = pos_;
    std::string_view t = p_.substr(pos_);
    Flags inner = flags;
    bool capture = true;
    if (t.size() >= 2 && t[1] == '?') {
      if (!perl_) {
        fail();
        return std::nullopt;
      }
      bool startsWithP = t.size() > 4 && t[2] == 'P' && t[3] == '<';
      bool startsWithName = t.size() > 3 && t[2] == '<';
      if (startsWithP || startsWithName) {
        size_t nameStart = startsWithP ? 4 : 3;
        size_t end = t.find('>');
        if (end == std::string_view::npos) {
          size_t bad = invalidUTF8At(t);
          if (bad != std::string_view::npos) {
            utf8Error(t, bad, open);
          } else {
            ownError(errcode::kInvalidNamedCapture, std::string(t), open);
          }
          return std::nullopt;
        }
        std::string_view name = t.substr(nameStart, end - nameStart);
        size_t bad = invalidUTF8At(name);
        if (bad != std::string_view::npos) {
          utf8Error(name, bad, open);
          return std::nullopt;
        }
        if (!validCaptureName(name)) {
          ownError(errcode::kInvalidNamedCapture, std::string(t.substr(0, end + 1)), open);
          return std::nullopt;
        }
        if (startsWithName) insertAt_.push_back(open + 2);
        pos_ += end + 1;
      } else {
        // Flags, then `)` (they apply to the rest of the current group) or
        // `:` (a non-capturing group with them).
        size_t j = pos_ + 2;
        int sign = +1;
        bool sawFlag = false;
        for (;;) {
          if (j >= p_.size()) {
            fail();
            return std::nullopt;
          }
          utf8::Decoded d = utf8::decodeRune(p_.substr(j));
          if (d.rune == utf8::kRuneError && d.width == 1) {
            utf8Error(p_, j, open);
            return std::nullopt;
          }
          j += static_cast<size_t>(d.width);
          int32_t f = d.rune;
          if (f == 'i' || f == 'm' || f == 's' || f == 'U') {
            if (f == 'i') inner.fold = sign > 0;
            if (f == 'm') inner.multiline = sign > 0;
            sawFlag = true;
          } else if (f == '-') {
            if (sign < 0) {
              fail();
              return std::nullopt;
            }
            sign = -1;
            sawFlag = false;
          } else if (f == ':' || f == ')') {
            if (sign < 0 && !sawFlag) {
              fail();
              return std::nullopt;
            }
            pos_ = j;
            if (f == ')') {
              flags = inner;
              *flagsOnly = true;
              return leaf(Kind::Empty);
            }
            capture = false;
            break;
          } else {
            fail();
            return std::nullopt;
          }
        }
      }
    } else {
      pos_++;
    }
    if (++groupDepth_ > kMaxGroupDepth) {
      ownError(errcode::kNestingDepth, std::string(p_), open);
      return std::nullopt;
    }
    std::optional<SyntaxNode> body = parseAlternation(inner);
    groupDepth_--;
    if (!body) return std::nullopt;
    if (peek() != ')' || atEnd()) {
      fail();  // missing closing ): RE2 reports it
      return std::nullopt;
    }
    pos_++;
    if (!capture) return body;
    SyntaxNode n = leaf(Kind::Capture);
    n.subs.push_back(std::move(*body));
    return n;
  }

  // One character of a class or an escape, as Go's parseClassChar and
  // parseEscape read it. Returns false (and fails or records an error) when
  // it is not a plain rune.
  bool classOrEscapeRune(size_t cut, int32_t* r) {
    if (atEnd()) {
      fail();
      return false;
    }
    if (peek() != '\\') {
      utf8::Decoded d = utf8::decodeRune(p_.substr(pos_));
      if (d.rune == utf8::kRuneError && d.width == 1) {
        utf8Error(p_, pos_, cut);
        return false;
      }
      pos_ += static_cast<size_t>(d.width);
      *r = d.rune;
      return true;
    }
    // An escape: pos_ at the backslash.
    if (pos_ + 1 >= p_.size()) {
      fail();  // trailing backslash
      return false;
    }
    unsigned char c = static_cast<unsigned char>(p_[pos_ + 1]);
    if (c >= utf8::kRuneSelf) {
      utf8::Decoded d = utf8::decodeRune(p_.substr(pos_ + 1));
      if (d.rune == utf8::kRuneError && d.width == 1) {
        utf8Error(p_, pos_ + 1, cut);
      } else {
        fail();  // \é: an invalid escape, RE2 reports it
      }
      return false;
    }
    size_t j = pos_ + 2;
    switch (c) {
      case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        // A lone digit would be a backreference, which Go rejects.
        if (j >= p_.size() || p_[j] < '0' || p_[j] > '7') {
          fail();
          return false;
        }
        [[fallthrough]];
      case '0': {
        int32_t v = c - '0';
        for (int k = 1; k < 3 && j < p_.size() && p_[j] >= '0' && p_[j] <= '7'; k++) {
          v = v * 8 + (p_[j] - '0');
          j++;
        }
        pos_ = j;
        *r = v;
        return true;
      }
      case 'x': {
        if (j < p_.size() && p_[j] == '{') {
          j++;
          if (j >= p_.size()) {
            // RE2 calls this invalid UTF-8; Go, an unfinished escape.
            ownError(errcode::kInvalidEscape, std::string(p_.substr(pos_)), pos_);
            return false;
          }
          int64_t v = 0;
          size_t digits = 0;
          while (j < p_.size() && hexValue(p_[j]) >= 0) {
            v = v * 16 + hexValue(p_[j]);
            if (v > utf8::kMaxRune) break;
            j++;
            digits++;
          }
          if (j < p_.size() && badRuneAt(j)) {
            utf8Error(p_, j, cut);
            return false;
          }
          if (digits == 0 || j >= p_.size() || p_[j] != '}' || v > utf8::kMaxRune) {
            fail();
            return false;
          }
          pos_ = j + 1;
          *r = static_cast<int32_t>(v);
          return true;
        }
        for (size_t k = 0; k < 2; k++) {
          if (j + k < p_.size() && badRuneAt(j + k)) {
            utf8Error(p_, j + k, cut);
            return false;
          }
          if (j + k >= p_.size() || hexValue(p_[j + k]) < 0) {
            fail();
            return false;
          }
        }
        pos_ = j + 2;
        *r = hexValue(p_[j]) * 16 + hexValue(p_[j + 1]);
        return true;
      }
      case 'a': *r = '\a'; break;
      case 'f': *r = '\f'; break;
      case 'n': *r = '\n'; break;
      case 'r': *r = '\r'; break;
      case 't': *r = '\t'; break;
      case 'v': *r = '\v'; break;
      default:
        if (isAlnum(c)) {
          fail();  // an unknown escape: RE2 reports it
          return false;
        }
        *r = c;  // escaped punctuation
        break;
    }
    pos_ = j;
    return true;
  }

  // `\p{Name}` / `\pN` at pos_ (Perl syntax): skips it. Returns false when
  // it is malformed (RE2 reports it) or holds invalid UTF-8.
  bool skipUnicodeClass(size_t cut) {
    size_t j = pos_ + 2;
    if (j >= p_.size()) {
      // Go looks up the empty class name (RE2 calls it an invalid escape).
      ownError(errcode::kInvalidCharRange, std::string(p_.substr(pos_)), cut);
      return false;
    }
    if (p_[j] == '{') {
      size_t close = p_.find('}', j);
      if (close == std::string_view::npos) {
        fail();
        return false;
      }
      std::string_view name = p_.substr(j + 1, close - j - 1);
      size_t bad = invalidUTF8At(name);
      if (bad != std::string_view::npos) {
        utf8Error(name, bad, cut);
        return false;
      }
      pos_ = close + 1;
      return true;
    }
    utf8::Decoded d = utf8::decodeRune(p_.substr(j));
    if (d.rune == utf8::kRuneError && d.width == 1) {
      utf8Error(p_, j, cut);
      return false;
    }
    pos_ = j + static_cast<size_t>(d.width);
    return true;
  }

  static bool isPerlClassLetter(char c) {
    return c == 'd' || c == 'D' || c == 's' || c == 'S' || c == 'w' || c == 'W';
  }

  std::optional<SyntaxNode> parseEscape(const Flags& flags) {
    size_t start = pos_;
    char c = peek(1);
    if (perl_ && pos_ + 1 < p_.size()) {
      switch (c) {
        case 'A':
          pos_ += 2;
          return leaf(Kind::BeginText);
        case 'z':
          pos_ += 2;
          return leaf(Kind::EndText);
        case 'b':
        case 'B':
          if (c == 'B') sawNotWordBoundary_ = true;
          pos_ += 2;
          return leaf(Kind::Other);
        case 'Q': {
          // Literal text up to \E or the end; Go checks its UTF-8 as a piece.
          std::string_view lit = p_.substr(pos_ + 2);
          size_t e = lit.find("\\E");
          size_t next = e == std::string_view::npos ? p_.size() : pos_ + 2 + e + 2;
          if (e != std::string_view::npos) lit = lit.substr(0, e);
          size_t bad = invalidUTF8At(lit);
          if (bad != std::string_view::npos) {
            utf8Error(lit, bad, start);
            return std::nullopt;
          }
          std::vector<SyntaxNode> runes;
          for (size_t i = 0; i < lit.size();) {
            utf8::Decoded d = utf8::decodeRune(lit.substr(i));
            runes.push_back(literal(d.rune, flags));
            i += static_cast<size_t>(d.width);
          }
          pos_ = next;
          return makeConcat(std::move(runes));  // spliced by parseConcat
        }
        case 'p':
        case 'P':
          if (!skipUnicodeClass(start)) return std::nullopt;
          return leaf(Kind::Other);
        default:
          if (isPerlClassLetter(c)) {
            pos_ += 2;
            return leaf(Kind::Other);
          }
          break;
      }
    }
    if (c == 'C' && pos_ + 1 < p_.size()) {
      // RE2's "any byte"; Go has no such escape.
      ownError(errcode::kInvalidEscape, "\\C", start);
      return std::nullopt;
    }
    int32_t r = 0;
    if (!classOrEscapeRune(start, &r)) return std::nullopt;
    return literal(r, flags);
  }

  std::optional<SyntaxNode> parseClass(const Flags& flags) {
    size_t open = pos_;
    pos_++;
    bool negated = false;
    if (peek() == '^' && !atEnd()) {
      negated = true;
      pos_++;
    }
    bool first = true;
    bool single = true;  // exactly one rune so far (and nothing else)
    int items = 0;
    int32_t only = 0;
    for (;;) {
      if (atEnd()) {
        fail();  // missing closing ]
        return std::nullopt;
      }
      if (peek() == ']' && !first) {
        pos_++;
        break;
      }
      // POSIX syntax allows '-' only first or last in a class.
      if (!perl_ && peek() == '-' && !first && peek(1) != ']') {
        size_t end = pos_ + 1;
        if (end < p_.size()) end += static_cast<size_t>(utf8::decodeRune(p_.substr(end)).width);
        ownError(errcode::kInvalidCharRange, std::string(p_.substr(pos_, end - pos_)), open);
        return std::nullopt;
      }
      first = false;
      items++;
      if (peek() == '[' && peek(1) == ':' && pos_ + 2 < p_.size()) {
        size_t close = p_.find(":]", pos_ + 2);
        if (close != std::string_view::npos) {
          pos_ = close + 2;
          single = false;
          continue;
        }
      }
      if (perl_ && peek() == '\\' && (peek(1) == 'p' || peek(1) == 'P')) {
        if (!skipUnicodeClass(open)) return std::nullopt;
        single = false;
        continue;
      }
      if (perl_ && peek() == '\\' && isPerlClassLetter(peek(1))) {
        pos_ += 2;
        single = false;
        continue;
      }
      int32_t lo = 0;
      if (!classOrEscapeRune(open, &lo)) return std::nullopt;
      if (peek() == '-' && pos_ + 1 < p_.size() && p_[pos_ + 1] != ']') {
        pos_++;
        int32_t hi = 0;
        if (!classOrEscapeRune(open, &hi)) return std::nullopt;
        if (hi < lo) {
          fail();  // invalid character class range: RE2 reports it
          return std::nullopt;
        }
        if (hi != lo) single = false;
      }
      only = lo;
    }
    if (!negated && single && items == 1) return literal(only, flags);
    return leaf(Kind::Other);
  }
};

}  // namespace

ScannedPattern scanPattern(std::string_view pattern, Flavor flavor) {
  return Scanner(pattern, flavor).run();
}

std::string quoteMeta(std::string_view s) {
  constexpr std::string_view kSpecial = "\\.+*?()|[]{}^$";
  std::string out;
  out.reserve(s.size() * 2);
  for (char c : s) {
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace gsl::stdlib::regexp
