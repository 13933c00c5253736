// stdlib/path_lexical.h: the purely lexical operations on slash-separated
// paths that packages path and path/filepath share (on Unix, filepath's
// separator is '/', so both packages compute the same results).
//
// Contract: each function is Go's function of the same name (path.Clean,
// path.Join, filepath.Rel, ...), byte for byte, including the corner cases
// ("" cleans to ".", Base("") is ".", Join of only empty elements is "").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gsl::stdlib::pathlex {

std::string clean(std::string_view path);
// Joins the non-empty elements with '/' and cleans the result ("" when all
// are empty).
std::string join(const std::vector<std::string_view>& elems);
// {dir, file}: dir ends with the last '/' (or is empty).
std::pair<std::string_view, std::string_view> split(std::string_view path);
std::string base(std::string_view path);
std::string dir(std::string_view path);
std::string_view ext(std::string_view path);
inline bool isAbs(std::string_view path) { return !path.empty() && path[0] == '/'; }

// filepath.Rel: nullopt when targ cannot be made relative to base (the
// caller builds Go's error message).
std::optional<std::string> rel(std::string_view base, std::string_view targ);

// The result of Match: matched, or a syntax error in the pattern.
struct MatchResult {
  bool matched = false;
  bool badPattern = false;
};
// path.Match / filepath.Match. `checkRest` is path.Match's extra rule: a
// failed match still reports a syntax error later in the pattern.
MatchResult match(std::string_view pattern, std::string_view name, bool checkRest);

// Whether a pattern contains any of Match's special characters.
bool hasMeta(std::string_view path);

}  // namespace gsl::stdlib::pathlex
