// stdlib/path_lexical.cpp: see path_lexical.h.
#include "stdlib/path_lexical.h"

#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::pathlex {

std::string clean(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  const size_t n = path.size();
  std::string out;
  out.reserve(n);
  size_t r = 0;
  size_t dotdot = 0;  // where out can no longer be backtracked by ".."
  if (rooted) {
    out += '/';
    r = 1;
    dotdot = 1;
  }
  while (r < n) {
    if (path[r] == '/') {
      r++;
    } else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/')) {
      r++;  // a "." element
    } else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/')) {
      r += 2;  // a ".." element: remove the last element, if there is one
      if (out.size() > dotdot) {
        size_t w = out.size() - 1;
        while (w > dotdot && out[w] != '/') w--;
        out.resize(w);
      } else if (!rooted) {
        if (!out.empty()) out += '/';
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out += '/';
      for (; r < n && path[r] != '/'; r++) out += path[r];
    }
  }
  if (out.empty()) return ".";
  return out;
}

std::string join(const std::vector<std::string_view>& elems) {
  std::string joined;
  bool any = false;
  for (std::string_view e : elems) {
    if (e.empty()) continue;
    if (any) joined += '/';
    joined += e;
    any = true;
  }
  if (!any) return "";
  return clean(joined);
}

std::pair<std::string_view, std::string_view> split(std::string_view path) {
  size_t i = path.rfind('/');
  size_t cut = i == std::string_view::npos ? 0 : i + 1;
  return {path.substr(0, cut), path.substr(cut)};
}

std::string base(std::string_view path) {
  if (path.empty()) return ".";
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t i = path.rfind('/');
  if (i != std::string_view::npos) path = path.substr(i + 1);
  if (path.empty()) return "/";
  return std::string(path);
}

std::string dir(std::string_view path) { return clean(split(path).first); }

std::string_view ext(std::string_view path) {
  for (size_t i = path.size(); i > 0 && path[i - 1] != '/'; i--) {
    if (path[i - 1] == '.') return path.substr(i - 1);
  }
  return {};
}

std::optional<std::string> rel(std::string_view basePath, std::string_view targPath) {
  std::string base = clean(basePath);
  std::string targ = clean(targPath);
  if (targ == base) return std::string(".");
  if (base == ".") base.clear();
  bool baseSlashed = !base.empty() && base[0] == '/';
  bool targSlashed = !targ.empty() && targ[0] == '/';
  if (baseSlashed != targSlashed) return std::nullopt;
  // Find the first elements where the two paths differ.
  size_t bl = base.size(), tl = targ.size();
  size_t b0 = 0, bi = 0, t0 = 0, ti = 0;
  for (;;) {
    while (bi < bl && base[bi] != '/') bi++;
    while (ti < tl && targ[ti] != '/') ti++;
    if (std::string_view(targ).substr(t0, ti - t0) != std::string_view(base).substr(b0, bi - b0)) break;
    if (bi < bl) bi++;
    if (ti < tl) ti++;
    b0 = bi;
    t0 = ti;
  }
  if (std::string_view(base).substr(b0, bi - b0) == "..") return std::nullopt;
  if (b0 != bl) {
    // Elements of base remain: go up past each of them, then down.
    size_t seps = 0;
    for (size_t i = b0; i < bl; i++) seps += base[i] == '/';
    std::string out = "..";
    for (size_t i = 0; i < seps; i++) out += "/..";
    if (t0 != tl) {
      out += '/';
      out += std::string_view(targ).substr(t0);
    }
    return out;
  }
  return targ.substr(t0);
}

// ---- Match -------------------------------------------------------------------------

namespace {

// Splits off the leading stars and the chunk up to the next star outside
// a character class.
struct Chunk {
  bool star;
  std::string_view chunk;
  std::string_view rest;
};

Chunk scanChunk(std::string_view pattern) {
  bool star = false;
  while (!pattern.empty() && pattern[0] == '*') {
    pattern.remove_prefix(1);
    star = true;
  }
  bool inRange = false;
  size_t i = 0;
  for (; i < pattern.size(); i++) {
    char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size()) i++;  // a bad escape is reported by matchChunk
    } else if (c == '[') {
      inRange = true;
    } else if (c == ']') {
      inRange = false;
    } else if (c == '*' && !inRange) {
      break;
    }
  }
  return Chunk{star, pattern.substr(0, i), pattern.substr(i)};
}

// One character of a class, with its escape; false on a syntax error.
bool getEsc(std::string_view& chunk, int32_t* r) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return false;
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) return false;
  }
  utf8::Decoded d = utf8::decodeRune(chunk);
  bool ok = !(d.rune == utf8::kRuneError && d.width == 1);
  chunk.remove_prefix(static_cast<size_t>(d.width));
  *r = d.rune;
  return ok && !chunk.empty();
}

struct ChunkMatch {
  bool ok = false;
  bool bad = false;
  std::string_view rest;
};

// Matches chunk against the start of s. The whole chunk is always scanned
// (even after a mismatch) so that a syntax error in it is reported.
ChunkMatch matchChunk(std::string_view chunk, std::string_view s) {
  bool failed = false;
  ChunkMatch bad;
  bad.bad = true;
  while (!chunk.empty()) {
    if (!failed && s.empty()) failed = true;
    switch (chunk[0]) {
      case '[': {
        int32_t r = 0;
        if (!failed) {
          utf8::Decoded d = utf8::decodeRune(s);
          r = d.rune;
          s.remove_prefix(static_cast<size_t>(d.width));
        }
        chunk.remove_prefix(1);
        bool negated = false;
        if (!chunk.empty() && chunk[0] == '^') {
          negated = true;
          chunk.remove_prefix(1);
        }
        bool matched = false;
        int nrange = 0;
        for (;;) {
          if (!chunk.empty() && chunk[0] == ']' && nrange > 0) {
            chunk.remove_prefix(1);
            break;
          }
          int32_t lo, hi;
          if (!getEsc(chunk, &lo)) return bad;
          hi = lo;
          if (chunk[0] == '-') {
            chunk.remove_prefix(1);
            if (!getEsc(chunk, &hi)) return bad;
          }
          if (lo <= r && r <= hi) matched = true;
          nrange++;
        }
        if (matched == negated) failed = true;
        break;
      }
      case '?':
        if (!failed) {
          if (s[0] == '/') failed = true;
          utf8::Decoded d = utf8::decodeRune(s);
          s.remove_prefix(static_cast<size_t>(d.width));
        }
        chunk.remove_prefix(1);
        break;
      case '\\':
        chunk.remove_prefix(1);
        if (chunk.empty()) return bad;
        [[fallthrough]];
      default:
        if (!failed) {
          if (chunk[0] != s[0]) failed = true;
          s.remove_prefix(1);
        }
        chunk.remove_prefix(1);
        break;
    }
  }
  if (failed) return {};
  return ChunkMatch{true, false, s};
}

}  // namespace

MatchResult match(std::string_view pattern, std::string_view name, bool checkRest) {
  MatchResult bad;
  bad.badPattern = true;
  while (!pattern.empty()) {
    Chunk c = scanChunk(pattern);
    pattern = c.rest;
    if (c.star && c.chunk.empty()) {
      // A trailing star matches the rest of the name, if it has no '/'.
      return MatchResult{name.find('/') == std::string_view::npos, false};
    }
    ChunkMatch m = matchChunk(c.chunk, name);
    // A match of the chunk is only accepted if it is at the end of the
    // name or more pattern remains.
    if (m.ok && (m.rest.empty() || !pattern.empty())) {
      name = m.rest;
      continue;
    }
    if (m.bad) return bad;
    bool advanced = false;
    if (c.star) {
      // Try the chunk at each later position, as the star may cover any
      // run of non-separator bytes.
      for (size_t i = 0; i < name.size() && name[i] != '/'; i++) {
        ChunkMatch t = matchChunk(c.chunk, name.substr(i + 1));
        if (t.ok) {
          if (pattern.empty() && !t.rest.empty()) continue;
          name = t.rest;
          advanced = true;
          break;
        }
        if (t.bad) return bad;
      }
    }
    if (advanced) continue;
    if (checkRest) {
      while (!pattern.empty()) {
        Chunk rest = scanChunk(pattern);
        pattern = rest.rest;
        if (matchChunk(rest.chunk, "").bad) return bad;
      }
    }
    return {};
  }
  return MatchResult{name.empty(), false};
}

bool hasMeta(std::string_view path) { return path.find_first_of("*?[\\") != std::string_view::npos; }

}  // namespace gsl::stdlib::pathlex
