// stdlib/unicode_special_case.h: unicode.SpecialCase (language-specific case
// mappings such as unicode.TurkishCase), shared by package unicode (the type
// and its methods, unicode_special_case.cpp) and package strings
// (ToUpperSpecial, ToLowerSpecial, ToTitleSpecial).
//
// Contract: specialCaseTo(c, which, r) is Go's SpecialCase.ToUpper /
// ToLower / ToTitle (which = 0, 1, 2, Go's UpperCase, LowerCase, TitleCase)
// for any value c of type unicode.SpecialCase (a []unicode.CaseRange, nil
// included), including tables a script builds: the first range holding r
// (binary search, as Go's) gives the mapping, else unicode.ToUpper and its
// siblings do.
#pragma once

#include <cstdint>

#include "vm/value.h"

namespace gsl::stdlib::unicode {

int32_t specialCaseTo(vm::Value c, int which, int32_t r);

}  // namespace gsl::stdlib::unicode
