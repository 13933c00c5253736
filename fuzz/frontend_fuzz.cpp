// Fuzz target for the front end: feeds arbitrary bytes to the lexer and then
// to the parser (with name resolution). Whatever the input, both must finish
// without crashing, hanging or touching memory they do not own, as their
// contracts promise (lexer/lexer.h, parser/parser.h). Built and run by
// `make fuzz` with libFuzzer, AddressSanitizer and UBSan; the golden tests'
// sources seed the search.
//
// Besides "no crash", the target checks the lexer's documented invariants on
// every token: positions are 1-based and inside the source, offsets never go
// backwards, and the token stream ends. A broken invariant aborts, which
// libFuzzer records as a crash with the input that caused it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lexer/lexer.h"
#include "parser/parser.h"

namespace {

// Aborts with a message when an invariant does not hold.
void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "frontend_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

void lexAll(std::string_view src) {
  gsl::lexer::Lexer lexer(src);
  // Every token consumes at least one byte, except inserted semicolons (at
  // most one per newline or comment, and one at the end), so a stream
  // longer than this means the lexer stopped advancing.
  const size_t limit = 2 * src.size() + 2;
  size_t count = 0;
  int32_t lastOffset = 0;
  for (;;) {
    gsl::lexer::Token tok = lexer.next();
    require(tok.pos.line >= 1 && tok.pos.col >= 1, "token position is 1-based");
    require(tok.pos.offset >= 0 && static_cast<size_t>(tok.pos.offset) <= src.size(),
            "token offset is inside the source");
    require(tok.pos.offset >= lastOffset, "token offsets never go backwards");
    lastOffset = tok.pos.offset;
    if (tok.kind == gsl::lexer::Tok::Eof) break;
    require(++count <= limit, "the token stream ends");
  }
  // After the end, the lexer keeps returning Eof.
  require(lexer.next().kind == gsl::lexer::Tok::Eof, "Eof repeats after the end");
}

void parseAll(std::string_view src) {
  std::vector<gsl::parser::Diagnostic> errors;
  auto program = gsl::parser::parseProgram("fuzz.gsl", src, &errors);
  require(program != nullptr, "parseProgram returns a program");
  for (const auto& d : errors) {
    // Formatting exercises every diagnostic's text and positions.
    std::string line = gsl::parser::formatDiagnostic("fuzz.gsl", d);
    require(!line.empty(), "a diagnostic formats to a non-empty line");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A heap copy exactly the size of the input (no terminating NUL, no spare
  // capacity), so ASan catches any read past its end.
  std::unique_ptr<char[]> copy(new char[size]);
  if (size > 0) std::memcpy(copy.get(), data, size);
  std::string_view src(copy.get(), size);
  lexAll(src);
  parseAll(src);
  return 0;
}
