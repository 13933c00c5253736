// stdlib/format_float.h: Go's floating-point to text conversion
// (strconv.FormatFloat / AppendFloat), shared by strconv and fmt.
//
// Contract: appendFloat() produces exactly the bytes Go's
// strconv.AppendFloat(dst, f, fmt, prec, bitSize) produces, for every
// format Go accepts ('b', 'e', 'E', 'f', 'g', 'G', 'x', 'X'); an unknown
// format yields "%" followed by the format byte, as Go's does.
//
// The digits come from std::to_chars: without a precision it gives the
// shortest digit string that reads back as the same value (the property
// Go's shortest mode guarantees), and with a precision it gives correctly
// rounded digits, ties to even on the exact binary value, which is what
// Go's exact decimal rounding computes. Go's layout rules (when 'g'
// switches to an exponent, two-digit exponents, trimming) are applied on
// top of those digits here.
#pragma once

#include <string>

namespace gsl::stdlib {

// Appends f formatted as strconv.AppendFloat does. bitSize is 32 or 64: with
// 32, f is first rounded to float32 and the shortest digits are those that
// identify the float32.
void appendFloat(std::string& dst, double f, char fmt, int prec, int bitSize);

// strconv.FormatFloat.
std::string formatFloat(double f, char fmt, int prec, int bitSize);

}  // namespace gsl::stdlib
