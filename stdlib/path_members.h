// stdlib/path_members.h: the natives that packages path and path/filepath
// register under the same names with the same behaviour (Clean, Join,
// Split, Base, Dir, Ext, IsAbs). On Unix filepath's separator is '/', so
// both packages compute the same results (stdlib/path_lexical.h).
//
// Match and ErrBadPattern stay with each package: Go gives the two
// packages distinct ErrBadPattern values, and path.Match reports a syntax
// error later in a pattern that filepath.Match does not.
#pragma once

#include <vector>

#include "vm/native.h"

namespace gsl::stdlib {

std::vector<vm::NativeMember> sharedPathMembers();

}  // namespace gsl::stdlib
