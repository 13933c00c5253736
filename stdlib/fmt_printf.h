// stdlib/fmt_printf.h: the format-string interpreter of fmt.Printf and
// friends (Go's pp.doPrintf), independent of how operands are represented.
//
// Contract: doPrintf() walks `format` as Go's does: flags, width and
// precision (literal, `*` from an operand, explicit argument indexes
// `%[n]d`), then the verb. It writes literal text and Go's error notations
// (%!d(MISSING), %!d(BADINDEX), %!(BADWIDTH), %!(BADPREC), %!(NOVERB),
// %!(EXTRA type=value, ...)) itself and asks the PrintfArgs for everything
// that depends on an operand's value. The formatter's flags, width and
// precision are set for each verb before printArg() is called.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "stdlib/fmt_formatter.h"

namespace gsl::stdlib::fmt {

class PrintfArgs {
 public:
  virtual ~PrintfArgs() = default;
  virtual size_t size() const = 0;
  // Formats operand i under `verb` with the formatter's current settings
  // (Go's printArg).
  virtual void printArg(size_t i, char32_t verb) = 0;
  // Operand i as a width or precision: any integer that fits an int.
  virtual std::optional<long long> intArg(size_t i) = 0;
  // Writes "type=value" for operand i, or "<nil>" for a nil interface, as
  // the EXTRA notation lists leftover operands.
  virtual void printExtra(size_t i) = 0;
  // Operand i is consumed by %w (only Errorf cares).
  virtual void noteWrapped(size_t) {}
};

struct PrintfResult {
  // An explicit argument index was used, so leftover operands are not
  // reported and %w operands may be out of order.
  bool reordered = false;
};

PrintfResult doPrintf(Formatter& f, std::string_view format, PrintfArgs& args);

}  // namespace gsl::stdlib::fmt
