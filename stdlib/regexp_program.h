// stdlib/regexp_program.h: a compiled regular expression (RE2 underneath)
// and Go's regexp algorithms over it, independent of the VM.
//
// Program::compile checks a Go pattern (regexp_syntax.h), compiles it with
// RE2 and returns Go's *syntax.Error text on failure. Matching is RE2's;
// everything Go layers on top of "find the leftmost match at or after pos"
// is reproduced here exactly: how FindAll steps over empty matches, how
// ReplaceAll decides where to insert replacements, $-expansion, Split.
//
// Lifetime and threads: compiled programs are interned by (pattern, syntax,
// longest) and live until the process exits (the heap has no finalizers to
// release an RE2 object when its Regexp dies; interning bounds the cost to
// one program per distinct pattern). A Program is immutable and safe to use
// from any number of threads at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "stdlib/regexp_syntax.h"

namespace gsl::stdlib::regexp {

// A text to match. Go reads each byte that is not valid UTF-8 as U+FFFD
// (width one), so `.`, `[^a]` and `\x{FFFD}` match it; RE2 does not match
// such bytes at all. A text holding any is therefore matched as a copy in
// which each is replaced by U+FFFD's encoding, with offsets translated both
// ways. Offsets given to and returned by Program::match are always offsets
// of the original text.
class Text {
 public:
  explicit Text(std::string_view original);
  std::string_view original() const { return original_; }
  // Takes note that the bytes under original() have changed (a []byte the
  // script wrote to while it was being matched).
  void refresh();
  size_t size() const { return original_.size(); }

 private:
  friend class Program;
  // The text RE2 sees, and the offset conversions (identity when valid).
  std::string_view matched() const { return bad_.empty() ? original_ : std::string_view(fixed_); }
  size_t toMatched(size_t offset) const;
  size_t toOriginal(size_t offset) const;

  std::string_view original_;
  std::string fixed_;
  std::vector<size_t> bad_;  // offsets of the invalid bytes, ascending
};

class Program {
 public:
  // The program for a Go pattern, or nullptr with *err set to Go's error.
  static const Program* compile(std::string_view pattern, Flavor flavor, bool longest,
                                SyntaxError* err);

  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // The same pattern with leftmost-longest matching (Regexp.Longest).
  const Program* longestVariant() const;

  // A small number naming this program (never 0), for values that must not
  // hold a raw pointer: byId checks what it is given, so a forged or zero id
  // yields nullptr rather than a wild pointer. Lock-free.
  uint64_t id() const { return id_; }
  static const Program* byId(uint64_t id);

  const std::string& expr() const { return expr_; }
  bool longest() const { return longest_; }
  int numSubexp() const { return numSubexp_; }
  // Index 0 is the whole match ("" like unnamed groups).
  const std::vector<std::string>& subexpNames() const { return names_; }
  const LiteralPrefix& literalPrefix() const { return prefix_; }

  // The leftmost match in text that starts at or after pos, with text
  // before pos still visible to `^`, `\b` and the like, as Go's matchers
  // see it. Fills m[0, 2*ncap) with byte offsets of the match and its first
  // ncap-1 groups (-1 for a group that did not take part); ncap may be 0 to
  // ask only whether there is a match. Returns false when there is none.
  bool match(const Text& text, size_t pos, int ncap, int64_t* m) const;

 private:
  struct Engine;
  Program() = default;

  std::string expr_;
  uint64_t id_ = 0;
  Flavor flavor_ = Flavor::Perl;
  bool longest_ = false;
  int numSubexp_ = 0;
  std::vector<std::string> names_;
  LiteralPrefix prefix_;
  bool mayMatchInsideRune_ = true;
  std::unique_ptr<Engine> engine_;
};

// ---- Go's algorithms ------------------------------------------------------------

// Go's allMatches: the successive non-overlapping matches of p in text, at
// most n of them (n < 0: all), each as 2*ncap offsets (see Program::match),
// concatenated. An empty match right after the previous match is skipped.
std::vector<int64_t> allMatches(const Program& p, const Text& text, int64_t n, int ncap);

// Go's replaceAll: copies src, replacing each match (2*ncap offsets, given
// to repl with the text built so far) by what repl appends. A match of the
// empty string right after another match is not replaced.
using Replacer = std::function<void(std::string& dst, const int64_t* match)>;
std::string replaceAll(const Program& p, const Text& src, int ncap, const Replacer& repl);

// Go's Regexp.Expand: appends template to dst with $1, $name, ${1}, ${name}
// replaced by the submatches of src that match (nmatch offsets) gives, and
// $$ by $. A reference to an unmatched or unknown group expands to nothing;
// a malformed one is copied as is. Returns false, leaving dst partly
// written, when match holds offsets outside src (*badLo, *badHi: the
// offending slice bounds).
bool expand(const Program& p, std::string& dst, std::string_view tmpl, std::string_view src,
            const int64_t* match, size_t nmatch, int64_t* badLo, int64_t* badHi);

// Go's Regexp.Split: the pieces of s between matches, at most n (n < 0:
// all; n == 0: none, which Go returns as a nil slice).
std::vector<std::string_view> split(const Program& p, const Text& s, int64_t n);

}  // namespace gsl::stdlib::regexp
