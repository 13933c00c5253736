// stdlib/strconv_errors.h: strconv's error values for other packages
// (fmt's scanning reports strconv errors as Go's does).
#pragma once

#include <string_view>

#include "stdlib/parse_number.h"
#include "vm/value.h"

namespace gsl::stdlib {

// A *strconv.NumError for parsing `num`, with Err = ErrSyntax, ErrRange or
// the invalid base / bit size error that e describes.
vm::Value makeNumError(const NumError& e, std::string_view num);

// strconv.ErrSyntax and strconv.ErrRange.
vm::Value errSyntax();
vm::Value errRange();

}  // namespace gsl::stdlib
