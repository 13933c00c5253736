// Token spellings and classes; see token.h.
#include "lexer/token.h"

namespace gsl::lexer {

namespace {

constexpr std::string_view kSpellings[] = {
#define GSL_TOKEN_SPELLING(name, spelling) spelling,
    GSL_TOKENS(GSL_TOKEN_SPELLING)
#undef GSL_TOKEN_SPELLING
};

}  // namespace

std::string_view tokenSpelling(Tok t) {
  auto i = static_cast<size_t>(t);
  return i < std::size(kSpellings) ? kSpellings[i] : std::string_view("ILLEGAL");
}

bool isKeyword(Tok t) { return t >= Tok::Break && t <= Tok::Var; }

}  // namespace gsl::lexer
