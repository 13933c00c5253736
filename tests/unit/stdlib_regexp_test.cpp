// Unit tests for stdlib/regexp_syntax.h and stdlib/regexp_program.h, the
// VM-independent half of package regexp. Expected texts and offsets were
// produced by Go 1.19's regexp package (and, for (?<name>, read off Go
// 1.22's parser).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "stdlib/regexp_program.h"
#include "stdlib/regexp_syntax.h"

using namespace gsl::stdlib::regexp;

namespace {

const Program& mustCompile(std::string_view pattern, bool longest = false) {
  SyntaxError err;
  const Program* p = Program::compile(pattern, Flavor::Perl, longest, &err);
  REQUIRE_MESSAGE(p != nullptr, err.message());
  return *p;
}

std::string compileError(std::string_view pattern) {
  SyntaxError err;
  const Program* p = Program::compile(pattern, Flavor::Perl, false, &err);
  return p ? "<nil>" : err.message();
}

std::vector<std::string> findAll(std::string_view pattern, std::string_view text) {
  const Program& p = mustCompile(pattern);
  std::vector<int64_t> m = allMatches(p, Text(text), -1, 1);
  std::vector<std::string> out;
  for (size_t i = 0; i < m.size(); i += 2) {
    out.emplace_back(text.substr(static_cast<size_t>(m[i]), static_cast<size_t>(m[i + 1] - m[i])));
  }
  return out;
}

std::string replace(std::string_view pattern, std::string_view src, std::string_view tmpl) {
  const Program& p = mustCompile(pattern);
  int ncap = p.numSubexp() + 1;
  return replaceAll(p, Text(src), ncap, [&](std::string& dst, const int64_t* m) {
    int64_t lo = 0, hi = 0;
    REQUIRE(expand(p, dst, tmpl, src, m, static_cast<size_t>(2 * ncap), &lo, &hi));
  });
}

std::vector<std::string> splitAll(std::string_view pattern, std::string_view s, int64_t n) {
  std::vector<std::string> out;
  for (std::string_view piece : split(mustCompile(pattern), Text(s), n)) out.emplace_back(piece);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_SUITE("stdlib.regexp") {
TEST_CASE("RE2's errors are reported with Go's error codes and offending text") {
  CHECK(compileError("(a") == "error parsing regexp: missing closing ): `(a`");
  CHECK(compileError("abc)def") == "error parsing regexp: unexpected ): `abc)def`");
  CHECK(compileError("[z-a]") == "error parsing regexp: invalid character class range: `z-a`");
  CHECK(compileError("a**") == "error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(compileError("*a") == "error parsing regexp: missing argument to repetition operator: `*`");
  CHECK(compileError("a{1001}") == "error parsing regexp: invalid repeat count: `{1001}`");
  CHECK(compileError("(?x)") == "error parsing regexp: invalid or unsupported Perl syntax: `(?x`");
  CHECK(compileError("a\\") == "error parsing regexp: trailing backslash at end of expression: ``");
  CHECK(compileError("\\8") == "error parsing regexp: invalid escape sequence: `\\8`");
  CHECK(compileError("(?P<>a)") == "error parsing regexp: invalid named capture: `(?P<>`");
}

TEST_CASE("errors Go reports and RE2 does not are found by the scan") {
  CHECK(compileError("\\C") == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(compileError("(?P<n\xc3\xa9>x)") ==
        "error parsing regexp: invalid named capture: `(?P<n\xc3\xa9>`");
  CHECK(compileError("a\xff" "b") == "error parsing regexp: invalid UTF-8: `\xff" "b`");
  CHECK(compileError("\\Q\xff" "ab\\Ecd") == "error parsing regexp: invalid UTF-8: `\xff" "ab`");
  CHECK(compileError("[a-\xff" "b]") == "error parsing regexp: invalid UTF-8: `\xff" "b]`");
  CHECK(compileError("\\p{\xff}") == "error parsing regexp: invalid UTF-8: `\xff`");
  CHECK(compileError("x{1,3}{1001}") == "error parsing regexp: invalid repeat count: `{1001}`");
  CHECK(compileError("{1001}?") == "error parsing regexp: invalid repeat count: `{1001}`");
  CHECK(compileError("[1p\\p") == "error parsing regexp: invalid character class range: `\\p`");
  CHECK(compileError("a\\x{") == "error parsing regexp: invalid escape sequence: `\\x{`");
  CHECK(compileError("b(?i)?") == "<nil>");
  SyntaxError err;
  CHECK(Program::compile("[#0#-", Flavor::Posix, false, &err) == nullptr);
  CHECK(err.message() == "error parsing regexp: invalid character class range: `-`");
  std::string deep = std::string(1000, '(') + std::string(1000, ')');
  CHECK(compileError(deep) == "error parsing regexp: expression nests too deeply: `" + deep + "`");
  std::string fine = std::string(999, '(') + std::string(999, ')');
  CHECK(compileError(fine) == "<nil>");
}

TEST_CASE("an earlier error found by RE2 wins over a later one found by the scan") {
  CHECK(compileError("a**\\C") == "error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(compileError("\\C(") == "error parsing regexp: invalid escape sequence: `\\C`");
  CHECK(compileError("a)\xff") == "error parsing regexp: unexpected ): `a)\xff`");
}

TEST_CASE("(?<name>re) is accepted and errors quote the pattern as written") {
  const Program& p = mustCompile("(?<year>\\d+)-(?P<day>\\d+)");
  CHECK(p.subexpNames() == Strings{"", "year", "day"});
  CHECK(p.expr() == "(?<year>\\d+)-(?P<day>\\d+)");
  CHECK(compileError("(?<n>a") == "error parsing regexp: missing closing ): `(?<n>a`");
  CHECK(compileError("(?<>a)") == "error parsing regexp: invalid named capture: `(?<>`");
  CHECK(compileError("(?<=a)b") == "error parsing regexp: invalid named capture: `(?<=a)b`");
  CHECK(compileError("(?<a>x)**") == "error parsing regexp: invalid nested repetition operator: `**`");
  CHECK(compileError("[(?<a>)]") == "<nil>");
}

TEST_CASE("match reports offsets of the match and its groups, -1 for groups not taken") {
  const Program& p = mustCompile("(a)|(b)");
  int64_t m[6];
  REQUIRE(p.match(Text("xb"), 0, 3, m));
  CHECK(std::vector<int64_t>(m, m + 6) == std::vector<int64_t>{1, 2, -1, -1, 1, 2});
  CHECK_FALSE(p.match(Text("xyz"), 0, 0, nullptr));
  CHECK(p.match(Text("ab"), 1, 0, nullptr));
}

TEST_CASE("a match after pos still sees the text before it") {
  const Program& p = mustCompile("^a|\\bb");
  int64_t m[2];
  CHECK_FALSE(p.match(Text("aab"), 1, 1, m));
  REQUIRE(p.match(Text("a b"), 1, 1, m));
  CHECK(m[0] == 2);
}

TEST_CASE("bytes that are not UTF-8 match as U+FFFD, one byte each, as in Go") {
  CHECK(findAll(".", "a\xff" "b\xe2\x98" "c") == Strings{"a", "\xff", "b", "\xe2", "\x98", "c"});
  CHECK(findAll("\\x{FFFD}+", "a\xff\xfe" "b\xc3") == Strings{"\xff\xfe", "\xc3"});
  CHECK(findAll("b.c", "b\xff" "c b\xef\xbf\xbd" "c") == Strings{"b\xff" "c", "b\xef\xbf\xbd" "c"});
  CHECK(replace("x*", "\xff" "a", "-") == "-\xff-a-");
}

TEST_CASE("FindAll skips an empty match right after the previous match") {
  CHECK(findAll("a*", "baaac") == Strings{"", "aaa", ""});
  CHECK(findAll("x*", "\xe2\x98\xba\xe2\x98\xba") == Strings{"", "", ""});
  CHECK(findAll("a|", "xaa") == Strings{"", "a", "a"});
  CHECK(findAll("", "") == Strings{""});
}

TEST_CASE("ReplaceAll leaves out an empty match that touches the previous match") {
  CHECK(replace("a*", "baaac", "<$0>") == "<>b<aaa>c<>");
  CHECK(replace("x*", "abc", "-") == "-a-b-c-");
  CHECK(replace("a|b*", "abba", ".") == "...");
}

TEST_CASE("expansion takes the longest name: $1x is ${1x}") {
  CHECK(replace("(\\w+)=(\\w*)", "a=1", "$1x") == "");
  CHECK(replace("(\\w+)=(\\w*)", "a=1", "${1}x") == "ax");
  CHECK(replace("(?P<k>\\w+)=(?P<v>\\w*)", "a=1", "$v:$k $$ $") == "1:a $ $");
  CHECK(replace("(\\w+)=(\\w*)", "a=1", "$01|${01}|$10|${") == "|||${");
}

TEST_CASE("Expand reports match indices outside the source") {
  const Program& p = mustCompile("(a)");
  std::string dst;
  int64_t m[] = {0, 1, 0, 9};
  int64_t lo = 0, hi = 0;
  CHECK_FALSE(expand(p, dst, "$1", "abc", m, 4, &lo, &hi));
  CHECK(lo == 0);
  CHECK(hi == 9);
}

TEST_CASE("Split follows Go's rules for limits and empty matches") {
  CHECK(splitAll("a*", "abaabaccadaaae", -1) == Strings{"", "b", "b", "c", "c", "d", "e"});
  CHECK(splitAll("a*", "abaabaccadaaae", 2) == Strings{"", "baabaccadaaae"});
  CHECK(splitAll("a*", "abaabaccadaaae", 0).empty());
  CHECK(splitAll(",", "", -1) == Strings{""});
  CHECK(splitAll("", "abc", -1) == Strings{"a", "b", "c"});
  CHECK(splitAll("", "", -1).empty());
}

TEST_CASE("Longest selects leftmost-longest matching of the same pattern") {
  const Program& first = mustCompile("a|ab");
  const Program* longest = first.longestVariant();
  REQUIRE(longest != nullptr);
  CHECK(longest->longest());
  int64_t m[2];
  REQUIRE(first.match(Text("ab"), 0, 1, m));
  CHECK(m[1] == 1);
  REQUIRE(longest->match(Text("ab"), 0, 1, m));
  CHECK(m[1] == 2);
}

TEST_CASE("LiteralPrefix follows the shape of Go's compiled program") {
  auto prefix = [](std::string_view pat) {
    const LiteralPrefix& lp = mustCompile(pat).literalPrefix();
    return lp.prefix + (lp.complete ? "|complete" : "");
  };
  CHECK(prefix("abc") == "abc|complete");
  CHECK(prefix("abc+") == "abc");
  CHECK(prefix("(ab)c") == "abc|complete");
  CHECK(prefix("abc|abd") == "ab");
  CHECK(prefix("a{2,3}b") == "aa");
  CHECK(prefix("^abc") == "");
  CHECK(prefix("^abc$") == "abc|complete");
  CHECK(prefix("^$") == "");
  CHECK(prefix("(?i)abc") == "");
  CHECK(prefix("(?i)1a") == "1");
  CHECK(prefix("[.]com") == ".com|complete");
  CHECK(prefix("") == "|complete");
}

TEST_CASE("programs are interned and found again by id") {
  const Program& a = mustCompile("interned+");
  const Program& b = mustCompile("interned+");
  CHECK(&a == &b);
  CHECK(Program::byId(a.id()) == &a);
  CHECK(Program::byId(0) == nullptr);
  CHECK(Program::byId(uint64_t{1} << 40) == nullptr);
}

TEST_CASE("QuoteMeta escapes exactly Go's special characters") {
  CHECK(quoteMeta("1.5-2.0?") == "1\\.5-2\\.0\\?");
  CHECK(quoteMeta("[]{}()^$|*+\\") == "\\[\\]\\{\\}\\(\\)\\^\\$\\|\\*\\+\\\\");
  CHECK(quoteMeta("a-b_c") == "a-b_c");
}
}
