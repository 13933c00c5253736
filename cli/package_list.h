// cli/package_list.h: the text `gsl --list-packages` prints, a plain listing
// of every native package's exported API, from which
// scripts/gen-stdlib-docs.py generates docs/stdlib.md (and checks that the
// committed file is up to date).
//
// Contract: the output depends only on what the packages register (never on
// addresses, hash order or the environment), so two builds of the same
// source print the same text. Format, one item per line, sorted:
//   package PATH NAME
//     const NAME | var NAME | func NAME
//     type NAME KIND
//       embed TYPE                (embedded struct fields)
//       field NAME TYPE           (exported struct fields)
//       method NAME | method *NAME  (pointer receiver)
//       imethod NAME              (interface methods)
// Constants and variables are listed by name only: their values are made
// when a program imports the package, which this listing never does.
#pragma once

#include <string>

namespace gsl::cli {

std::string packageListing();

}  // namespace gsl::cli
