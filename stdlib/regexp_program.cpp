// stdlib/regexp_program.cpp: see regexp_program.h. RE2 stays inside this
// file.
#include "stdlib/regexp_program.h"

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <unordered_map>

#include "stdlib/unicode_props.h"
#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::regexp {

struct Program::Engine {
  RE2 re;
  Engine(const std::string& pattern, const RE2::Options& options) : re(pattern, options) {}
};

Program::~Program() = default;

namespace {

// RE2's memory budget per program. RE2's default (8 MiB) rejects patterns
// Go accepts, such as `\pL{1000}`; the budget also caps the lazily built
// DFA, which only grows as far as the texts matched need.
constexpr int64_t kMaxMem = int64_t{256} << 20;

RE2::Options optionsFor(Flavor flavor, bool longest) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(kMaxMem);
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_longest_match(longest);
  if (flavor == Flavor::Posix) {
    // Go's POSIX syntax: no Perl classes, \b or flags; `^` and `$` match at
    // line boundaries, as RE2 does without one_line.
    o.set_posix_syntax(true);
  }
  return o;
}

std::string_view codeText(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape: return errcode::kInvalidEscape;
    case RE2::ErrorBadCharClass: return errcode::kInvalidCharClass;
    case RE2::ErrorBadCharRange: return errcode::kInvalidCharRange;
    case RE2::ErrorMissingBracket: return errcode::kMissingBracket;
    case RE2::ErrorMissingParen: return errcode::kMissingParen;
    case RE2::ErrorUnexpectedParen: return errcode::kUnexpectedParen;
    case RE2::ErrorTrailingBackslash: return errcode::kTrailingBackslash;
    case RE2::ErrorRepeatArgument: return errcode::kMissingRepeatArgument;
    case RE2::ErrorRepeatSize: return errcode::kInvalidRepeatSize;
    case RE2::ErrorRepeatOp: return errcode::kInvalidRepeatOp;
    case RE2::ErrorBadPerlOp: return errcode::kInvalidPerlOp;
    case RE2::ErrorBadUTF8: return errcode::kInvalidUTF8;
    case RE2::ErrorBadNamedCapture: return errcode::kInvalidNamedCapture;
    case RE2::ErrorPatternTooLarge: return errcode::kLarge;
    default: return errcode::kInternalError;
  }
}

// Go's error for RE2's verdict on (a prefix of) the scanned pattern. RE2's
// offending text is Go's, except where Go quotes the whole pattern.
SyntaxError errorFromRE2(const RE2& re, const ScannedPattern& sp, std::string_view pattern) {
  SyntaxError e;
  e.code = std::string(codeText(re.error_code()));
  switch (re.error_code()) {
    case RE2::ErrorMissingParen:
    case RE2::ErrorUnexpectedParen:
    case RE2::ErrorPatternTooLarge:
      e.expr = std::string(pattern);
      return e;
    default:
      break;
  }
  const std::string& arg = re.error_arg();
  size_t at = sp.re2Pattern.find(arg);
  e.expr = at == std::string::npos ? arg : sp.originalText(at, at + arg.size());
  return e;
}

// What Go reports where RE2 reports invalid UTF-8 and the scan did not get
// that far: the first invalid byte, with the rest of the pattern; or, in a
// valid pattern, a `\x{` cut short by the end (RE2's other use of the
// code). *cut is where it is.
SyntaxError utf8Error(std::string_view pattern, size_t* cut) {
  for (size_t i = 0; i < pattern.size();) {
    utf8::Decoded d = utf8::decodeRune(pattern.substr(i));
    if (d.rune == utf8::kRuneError && d.width == 1) {
      *cut = i;
      return {std::string(errcode::kInvalidUTF8), std::string(pattern.substr(i))};
    }
    i += static_cast<size_t>(d.width);
  }
  size_t at = pattern.rfind("\\x{");
  if (at == std::string_view::npos) at = 0;
  *cut = at;
  return {std::string(errcode::kInvalidEscape), std::string(pattern.substr(at))};
}

// Errors that Go, reading left to right, reports as soon as it reaches them
// (unlike an unclosed group or class, which it reports at the end).
bool reportedInPlace(RE2::ErrorCode code) {
  switch (code) {
    case RE2::NoError:
    case RE2::ErrorMissingParen:
    case RE2::ErrorMissingBracket:
    case RE2::ErrorTrailingBackslash:
      return false;
    default:
      return true;
  }
}

struct Cache {
  std::mutex mu;
  std::unordered_map<std::string, std::unique_ptr<Program>> programs;
};

// Programs by id, for Program::byId: fixed-size chunks that never move, so
// readers need no lock. 2^14 chunks of 2^10 programs: 16 million patterns.
constexpr size_t kIdChunkBits = 10;
constexpr size_t kIdChunkSize = size_t{1} << kIdChunkBits;
constexpr size_t kIdChunks = size_t{1} << 14;
std::atomic<std::atomic<const Program*>*> gIdChunks[kIdChunks];
uint64_t gNextId = 1;  // guarded by cache().mu

// Publishes p under a new id; cache().mu must be held.
uint64_t publishId(const Program* p) {
  uint64_t id = gNextId;
  size_t chunk = static_cast<size_t>(id >> kIdChunkBits);
  if (chunk >= kIdChunks) return 0;  // table full: byId will reject it
  gNextId++;
  std::atomic<const Program*>* slots = gIdChunks[chunk].load(std::memory_order_relaxed);
  if (slots == nullptr) {
    slots = new std::atomic<const Program*>[kIdChunkSize]();
    // Pairs with the acquire load in byId.
    gIdChunks[chunk].store(slots, std::memory_order_release);
  }
  // Pairs with the acquire load in byId: the program is complete before
  // anyone can find it.
  slots[id & (kIdChunkSize - 1)].store(p, std::memory_order_release);
  return id;
}

Cache& cache() {
  // Never destroyed: programs stay valid while other threads finish.
  static Cache* c = new Cache;
  return *c;
}

std::string cacheKey(std::string_view pattern, Flavor flavor, bool longest) {
  std::string key;
  key += flavor == Flavor::Perl ? 'p' : 'x';
  key += longest ? 'l' : 'f';
  key += pattern;
  return key;
}

}  // namespace

const Program* Program::compile(std::string_view pattern, Flavor flavor, bool longest,
                                SyntaxError* err) {
  if (flavor == Flavor::Posix) longest = true;  // CompilePOSIX is leftmost-longest
  std::string key = cacheKey(pattern, flavor, longest);
  {
    std::lock_guard<std::mutex> lock(cache().mu);
    auto it = cache().programs.find(key);
    if (it != cache().programs.end()) return it->second.get();
  }

  ScannedPattern sp = scanPattern(pattern, flavor);
  RE2::Options options = optionsFor(flavor, longest);
  std::unique_ptr<Engine> engine;
  if (!sp.error) {
    engine = std::make_unique<Engine>(sp.re2Pattern, options);
    if (!engine->re.ok()) {
      if (engine->re.error_code() != RE2::ErrorBadUTF8) {
        *err = errorFromRE2(engine->re, sp, pattern);
        return nullptr;
      }
      // RE2 checks UTF-8 before parsing, where the scan stopped early.
      sp.error = utf8Error(pattern, &sp.errorCut);
    }
  }
  if (sp.error) {
    // Go would first have met any error in the text before this one.
    std::string head = sp.re2Pattern.substr(0, sp.rewrittenLength(sp.errorCut));
    RE2 before(head, options);
    if (!before.ok() && reportedInPlace(before.error_code())) {
      *err = errorFromRE2(before, sp, pattern);
    } else {
      *err = *sp.error;
    }
    return nullptr;
  }

  std::unique_ptr<Program> p(new Program);
  p->expr_ = std::string(pattern);
  p->flavor_ = flavor;
  p->longest_ = longest;
  p->numSubexp_ = engine->re.NumberOfCapturingGroups();
  p->names_.assign(static_cast<size_t>(p->numSubexp_) + 1, std::string());
  for (const auto& [index, name] : engine->re.CapturingGroupNames()) {
    if (index >= 0 && index <= p->numSubexp_) p->names_[static_cast<size_t>(index)] = name;
  }
  if (sp.shape) p->prefix_ = literalPrefixOf(*sp.shape);
  p->mayMatchInsideRune_ = sp.mayMatchInsideRune;
  p->engine_ = std::move(engine);

  std::lock_guard<std::mutex> lock(cache().mu);
  auto it = cache().programs.find(key);
  if (it != cache().programs.end()) return it->second.get();  // another thread won
  p->id_ = publishId(p.get());
  const Program* result = p.get();
  cache().programs.emplace(std::move(key), std::move(p));
  return result;
}

const Program* Program::byId(uint64_t id) {
  size_t chunk = static_cast<size_t>(id >> kIdChunkBits);
  if (id == 0 || chunk >= kIdChunks) return nullptr;
  std::atomic<const Program*>* slots = gIdChunks[chunk].load(std::memory_order_acquire);
  if (slots == nullptr) return nullptr;
  return slots[id & (kIdChunkSize - 1)].load(std::memory_order_acquire);
}

const Program* Program::longestVariant() const {
  if (longest_) return this;
  SyntaxError ignored;
  const Program* p = compile(expr_, flavor_, true, &ignored);
  return p ? p : this;  // cannot fail: the same pattern compiled before
}

Text::Text(std::string_view original) : original_(original) { refresh(); }

void Text::refresh() {
  std::string_view original = original_;
  fixed_.clear();
  bad_.clear();
  if (utf8::validString(original)) return;
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  fixed_.reserve(original.size() + 16);
  for (size_t i = 0; i < original.size();) {
    utf8::Decoded d = utf8::decodeRune(original.substr(i));
    if (d.rune == utf8::kRuneError && d.width == 1) {
      bad_.push_back(i);
      fixed_ += kReplacement;
    } else {
      fixed_.append(original.substr(i, static_cast<size_t>(d.width)));
    }
    i += static_cast<size_t>(d.width);
  }
}

// Each invalid byte grew by two bytes in the matched text.
size_t Text::toMatched(size_t offset) const {
  auto before = std::lower_bound(bad_.begin(), bad_.end(), offset) - bad_.begin();
  return offset + 2 * static_cast<size_t>(before);
}

size_t Text::toOriginal(size_t offset) const {
  // Replacement i starts at bad_[i] + 2i in the matched text; offsets that
  // RE2 returns are rune boundaries, never inside a replacement.
  size_t lo = 0, hi = bad_.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (bad_[mid] + 2 * mid < offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return offset - 2 * lo;
}

bool Program::match(const Text& subject, size_t pos, int ncap, int64_t* m) const {
  if (pos > subject.size()) return false;
  std::string_view text = subject.matched();
  pos = subject.toMatched(pos);
  // A matched empty group is told from an unmatched one by its non-null
  // data pointer, so the text must have one even when empty.
  static const char kEmpty[1] = {0};
  const char* base = text.data() != nullptr ? text.data() : kEmpty;
  re2::StringPiece t(base, text.size());
  int want = std::min(ncap, numSubexp_ + 1);
  // Where a match may start inside a character, its position is needed to
  // tell; such a match is dropped and the search resumes at the next
  // character, which is where Go would look next.
  if (mayMatchInsideRune_) want = std::max(want, 1);
  constexpr int kInline = 16;
  re2::StringPiece inlineGroups[kInline];
  std::vector<re2::StringPiece> heapGroups;
  re2::StringPiece* groups = inlineGroups;
  if (want > kInline) {
    heapGroups.resize(static_cast<size_t>(want));
    groups = heapGroups.data();
  }
  auto isContinuation = [&](size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  for (;;) {
    if (!engine_->re.Match(t, pos, t.size(), RE2::UNANCHORED, groups, want)) return false;
    if (!mayMatchInsideRune_) break;
    auto start = static_cast<size_t>(groups[0].data() - base);
    if (!isContinuation(start)) break;
    pos = start + 1;
    while (isContinuation(pos)) pos++;
  }
  for (int i = 0; i < ncap; i++) {
    if (i < want && groups[i].data() != nullptr) {
      auto begin = static_cast<size_t>(groups[i].data() - base);
      m[2 * i] = static_cast<int64_t>(subject.toOriginal(begin));
      m[2 * i + 1] = static_cast<int64_t>(subject.toOriginal(begin + groups[i].size()));
    } else {
      m[2 * i] = -1;
      m[2 * i + 1] = -1;
    }
  }
  return true;
}

// ---- Go's algorithms ------------------------------------------------------------

namespace {

// The width of the rune at text[pos] (0 at the end), as Go's decoders
// step: an invalid byte is one rune.
int64_t runeWidthAt(std::string_view text, int64_t pos) {
  if (pos >= static_cast<int64_t>(text.size())) return 0;
  return utf8::decodeRune(text.substr(static_cast<size_t>(pos))).width;
}

}  // namespace

std::vector<int64_t> allMatches(const Program& p, const Text& subject, int64_t n, int ncap) {
  std::string_view text = subject.original();
  std::vector<int64_t> out;
  std::vector<int64_t> m(static_cast<size_t>(2 * std::max(ncap, 1)));
  auto end = static_cast<int64_t>(text.size());
  if (n < 0) n = end + 1;
  int64_t pos = 0, found = 0, prevMatchEnd = -1;
  while (found < n && pos <= end) {
    if (!p.match(subject, static_cast<size_t>(pos), std::max(ncap, 1), m.data())) break;
    bool accept = true;
    if (m[1] == pos) {
      // An empty match right after the previous match is not a new match.
      if (m[0] == prevMatchEnd) accept = false;
      int64_t width = runeWidthAt(text, pos);
      pos = width > 0 ? pos + width : end + 1;
    } else {
      pos = m[1];
    }
    prevMatchEnd = m[1];
    if (accept) {
      out.insert(out.end(), m.begin(), m.begin() + 2 * std::max(ncap, 1));
      found++;
    }
  }
  return out;
}

std::string replaceAll(const Program& p, const Text& subject, int ncap, const Replacer& repl) {
  std::string_view src = subject.original();
  std::string buf;
  ncap = std::max(1, std::min(ncap, p.numSubexp() + 1));
  std::vector<int64_t> a(static_cast<size_t>(2 * ncap));
  auto endPos = static_cast<int64_t>(src.size());
  int64_t lastMatchEnd = 0, searchPos = 0;
  while (searchPos <= endPos) {
    if (!p.match(subject, static_cast<size_t>(searchPos), ncap, a.data())) break;
    buf.append(src.substr(static_cast<size_t>(lastMatchEnd),
                          static_cast<size_t>(a[0] - lastMatchEnd)));
    // No replacement for an empty match right after another match: a
    // pattern matching both would otherwise replace twice.
    if (a[1] > lastMatchEnd || a[0] == 0) repl(buf, a.data());
    lastMatchEnd = a[1];
    // Advance past this match, and always by at least one rune.
    int64_t width = runeWidthAt(src, searchPos);
    if (searchPos + width > a[1]) {
      searchPos += width;
    } else if (searchPos + 1 > a[1]) {
      searchPos++;  // only at the end of the input, where width is 0
    } else {
      searchPos = a[1];
    }
  }
  buf.append(src.substr(static_cast<size_t>(lastMatchEnd)));
  return buf;
}

namespace {

// Go's extract: the group reference at the start of s (after a '$'): a
// name or number, optionally in braces. Returns false if malformed.
bool extractReference(std::string_view s, std::string_view* name, int64_t* num,
                      std::string_view* rest) {
  if (s.empty()) return false;
  bool brace = false;
  if (s[0] == '{') {
    brace = true;
    s = s.substr(1);
  }
  size_t i = 0;
  while (i < s.size()) {
    utf8::Decoded d = utf8::decodeRune(s.substr(i));
    if (!unicode::isLetter(d.rune) && !unicode::isDigit(d.rune) && d.rune != '_') break;
    i += static_cast<size_t>(d.width);
  }
  if (i == 0) return false;  // an empty name is not a reference
  *name = s.substr(0, i);
  if (brace) {
    if (i >= s.size() || s[i] != '}') return false;
    i++;
  }
  *num = 0;
  for (char c : *name) {
    if (c < '0' || c > '9' || *num >= 100000000) {
      *num = -1;
      break;
    }
    *num = *num * 10 + (c - '0');
  }
  if ((*name)[0] == '0' && name->size() > 1) *num = -1;  // no leading zeros
  *rest = s.substr(i);
  return true;
}

}  // namespace

bool expand(const Program& p, std::string& dst, std::string_view tmpl, std::string_view src,
            const int64_t* match, size_t nmatch, int64_t* badLo, int64_t* badHi) {
  auto appendGroup = [&](size_t i) {
    if (2 * i + 1 >= nmatch || match[2 * i] < 0) return true;
    int64_t lo = match[2 * i], hi = match[2 * i + 1];
    if (hi < lo || hi > static_cast<int64_t>(src.size())) {
      *badLo = lo;
      *badHi = hi;
      return false;
    }
    dst.append(src.substr(static_cast<size_t>(lo), static_cast<size_t>(hi - lo)));
    return true;
  };
  while (!tmpl.empty()) {
    size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    dst.append(tmpl.substr(0, dollar));
    tmpl = tmpl.substr(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {
      dst += '$';  // $$ is a literal $
      tmpl = tmpl.substr(1);
      continue;
    }
    std::string_view name, rest;
    int64_t num = 0;
    if (!extractReference(tmpl, &name, &num, &rest)) {
      dst += '$';  // malformed: the $ is plain text
      continue;
    }
    tmpl = rest;
    if (num >= 0) {
      if (!appendGroup(static_cast<size_t>(num))) return false;
    } else {
      const std::vector<std::string>& names = p.subexpNames();
      for (size_t i = 0; i < names.size(); i++) {
        if (names[i] == name && 2 * i + 1 < nmatch && match[2 * i] >= 0) {
          if (!appendGroup(i)) return false;
          break;
        }
      }
    }
  }
  dst.append(tmpl);
  return true;
}

std::vector<std::string_view> split(const Program& p, const Text& subject, int64_t n) {
  std::string_view s = subject.original();
  std::vector<std::string_view> pieces;
  if (n == 0) return pieces;
  if (!p.expr().empty() && s.empty()) {
    pieces.push_back(s);
    return pieces;
  }
  std::vector<int64_t> matches = allMatches(p, subject, n, 1);
  size_t beg = 0, end = 0;
  for (size_t k = 0; k + 1 < matches.size(); k += 2) {
    if (n > 0 && static_cast<int64_t>(pieces.size()) == n - 1) break;
    end = static_cast<size_t>(matches[k]);
    if (matches[k + 1] != 0) pieces.push_back(s.substr(beg, end - beg));
    beg = static_cast<size_t>(matches[k + 1]);
  }
  if (end != s.size()) pieces.push_back(s.substr(beg));
  return pieces;
}

}  // namespace gsl::stdlib::regexp
