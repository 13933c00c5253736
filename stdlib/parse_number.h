// stdlib/parse_number.h: Go's string-to-number conversions (strconv.ParseInt,
// ParseUint, Atoi, ParseFloat, ParseBool) over plain C++ types.
//
// Contract: for every input the value and the error kind are those Go
// returns: syntax errors for anything Go's grammar rejects (prefixes and
// underscores only where Go allows them), range errors with Go's clamped
// value (the bound for integers, ±Inf for floats), and Go's "invalid base"
// and "invalid bit size" errors. `func` names the Go function the error is
// attributed to ("ParseInt" even when the failure came from the unsigned
// parse inside it, "Atoi" for Atoi), as in *strconv.NumError.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gsl::stdlib {

enum class NumErrorKind { None, Syntax, Range, Base, BitSize };

struct NumError {
  NumErrorKind kind = NumErrorKind::None;
  std::string_view func;  // "ParseInt", "ParseUint", "Atoi", ...
  int arg = 0;            // the invalid base or bit size

  explicit operator bool() const { return kind != NumErrorKind::None; }
  // The text of the error's Err field: "invalid syntax", "value out of range",
  // "invalid base 1", "invalid bit size 65".
  std::string errText() const;
  // The whole message: strconv.FUNC: parsing "NUM": ERR.
  std::string message(std::string_view num) const;
};

template <typename T>
struct Parsed {
  T value{};
  NumError err;
};

Parsed<uint64_t> parseUint(std::string_view s, int base, int bitSize);
Parsed<int64_t> parseInt(std::string_view s, int base, int bitSize);
Parsed<int64_t> parseAtoi(std::string_view s);
// bitSize 32 rounds directly to float32 (no double rounding) and range-checks
// against float32; the result is returned widened to double.
Parsed<double> parseFloat(std::string_view s, int bitSize);
Parsed<bool> parseBool(std::string_view s);

}  // namespace gsl::stdlib
