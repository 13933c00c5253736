// stdlib/regexp_prefix.cpp: Regexp.LiteralPrefix (declared in
// regexp_syntax.h), computed from the shape of the pattern.
//
// Go computes the prefix from its compiled program (regexp/syntax's
// Prog.Prefix, or onePassPrefix for "one-pass" patterns anchored at both
// ends): the single, case-sensitive runes the program must match first,
// skipping capture markers, and whether the program then matches. The
// walk below reads the same off the pattern's shape, including the
// factoring Go's parser does on alternations (abc|abd is ab(?:c|d)) and the
// expansion of counted repetitions (a{2,3} starts with aa).
#include <string>
#include <vector>

#include "stdlib/regexp_syntax.h"
#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::regexp {
namespace {

using Kind = SyntaxNode::Kind;

bool isPrefixRune(const SyntaxNode& n) {
  return n.kind == Kind::Literal && !n.fold && n.rune != utf8::kRuneError;
}

// The literal runes a branch starts with (Go's leadingString), and whether
// they are the whole branch.
std::string leadingLiteral(const SyntaxNode& n, bool* whole) {
  std::string s;
  *whole = true;
  if (n.kind == Kind::Empty) return s;
  if (isPrefixRune(n)) {
    utf8::appendRune(s, n.rune);
    return s;
  }
  if (n.kind == Kind::Concat) {
    for (const SyntaxNode& item : n.subs) {
      if (!isPrefixRune(item)) {
        *whole = false;
        return s;
      }
      utf8::appendRune(s, item.rune);
    }
    return s;
  }
  *whole = false;
  return s;
}

// Go also factors a repetition x{n} of one literal rune that starts every
// branch of an alternation (x{n}y|x{n}z is x{n}(?:y|z)); the prefix is then
// x repeated n times. Returns true when the branches are nothing else.
bool walkCommonRepeat(const SyntaxNode& alt, std::string& out) {
  auto first = [](const SyntaxNode& b) { return b.kind == Kind::Concat ? &b.subs[0] : &b; };
  const SyntaxNode* f0 = first(alt.subs[0]);
  if (f0->kind != Kind::Repeat || f0->min != f0->max || f0->min <= 0 || !isPrefixRune(f0->subs[0])) {
    return false;
  }
  bool complete = true;
  for (const SyntaxNode& b : alt.subs) {
    const SyntaxNode* f = first(b);
    if (f->kind != Kind::Repeat || f->min != f0->min || f->max != f0->max ||
        f->subs[0].kind != Kind::Literal || f->subs[0].fold || f->subs[0].rune != f0->subs[0].rune) {
      return false;
    }
    if (f != &b) complete = false;
  }
  for (int i = 0; i < f0->min; i++) utf8::appendRune(out, f0->subs[0].rune);
  return complete;
}

// Appends the literal text every match of n starts with; returns true when
// that text is all n can match (the walk may go on after it).
bool walkPrefix(const SyntaxNode& n, std::string& out) {
  switch (n.kind) {
    case Kind::Empty:
      return true;
    case Kind::Literal:
      if (!isPrefixRune(n)) return false;
      utf8::appendRune(out, n.rune);
      return true;
    case Kind::Capture:
      return walkPrefix(n.subs[0], out);
    case Kind::Concat:
      for (const SyntaxNode& s : n.subs) {
        if (!walkPrefix(s, out)) return false;
      }
      return true;
    case Kind::Alternate: {
      // Go factors the common literal prefix out of the branches.
      bool allWhole = true;
      std::string common;
      for (size_t i = 0; i < n.subs.size(); i++) {
        bool whole = false;
        std::string lead = leadingLiteral(n.subs[i], &whole);
        allWhole = allWhole && whole;
        if (i == 0) {
          common = lead;
          continue;
        }
        size_t k = 0;
        while (k < common.size() && k < lead.size() && common[k] == lead[k]) k++;
        common.resize(k);
        if (whole && lead.size() != common.size()) allWhole = false;
      }
      // Cut back to a whole rune.
      while (!common.empty() && !utf8::validString(common)) common.pop_back();
      if (common.empty()) return walkCommonRepeat(n, out);
      bool complete = allWhole;
      for (const SyntaxNode& b : n.subs) {
        bool whole = false;
        if (leadingLiteral(b, &whole) != common) complete = false;
      }
      out += common;
      return complete;
    }
    case Kind::Repeat: {
      if (n.max == 0) return true;
      if (n.min == 0) return false;
      std::string one;
      bool whole = walkPrefix(n.subs[0], one);
      if (!whole) {
        out += one;
        return false;
      }
      for (int i = 0; i < n.min; i++) out += one;
      return n.max == n.min;
    }
    case Kind::BeginText:
    case Kind::EndText:
    case Kind::Other:
      return false;
  }
  return false;
}

}  // namespace

LiteralPrefix literalPrefixOf(const SyntaxNode& shape) {
  LiteralPrefix lp;
  std::vector<const SyntaxNode*> items;
  if (shape.kind == Kind::Concat) {
    for (const SyntaxNode& s : shape.subs) items.push_back(&s);
  } else {
    items.push_back(&shape);
  }
  if (items[0]->kind == Kind::BeginText) {
    // A pattern anchored at both ends is usually "one-pass" for Go, whose
    // prefix is the literal run right after the anchor; any other anchored
    // pattern has no prefix.
    if (items.size() < 2 || items.back()->kind != Kind::EndText) return lp;
    size_t i = 1;
    while (i < items.size() && isPrefixRune(*items[i])) {
      utf8::appendRune(lp.prefix, items[i]->rune);
      i++;
    }
    // Go only looks for the closing anchor after a non-empty literal run.
    lp.complete = !lp.prefix.empty() && i == items.size() - 1;
    return lp;
  }
  lp.complete = walkPrefix(shape, lp.prefix);
  return lp;
}

}  // namespace gsl::stdlib::regexp
