// Collects diagnostics the way Go's compiler does (cmd/compile/internal/base,
// ErrorfAt): at most one syntax error per line, and an error identical to
// the previous one on the same line is dropped. Internal to parser/.
#pragma once

#include <string>
#include <vector>

#include "parser/parser.h"

namespace gsl::parser {

class DiagSink {
 public:
  // Appends to *out; the filtering state continues from what *out holds.
  explicit DiagSink(std::vector<Diagnostic>* out);

  // Reports msg at p. Returns false if it was filtered out.
  bool report(Pos p, std::string msg, Pos notePos = Pos(), std::string note = {});

  // True if a syntax error was reported through this sink.
  bool sawSyntaxError() const { return sawSyntaxError_; }
  int count() const { return count_; }

 private:
  std::vector<Diagnostic>* out_;
  int32_t lastSyntaxLine_ = 0;
  int32_t lastOtherLine_ = 0;
  std::string lastOtherMsg_;
  bool sawSyntaxError_ = false;
  int count_ = 0;
};

inline bool isSyntaxErrorMsg(const std::string& msg) {
  return msg.rfind("syntax error", 0) == 0;
}

}  // namespace gsl::parser
