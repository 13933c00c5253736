// vm/native_packages.h: enumerating the registry of native packages
// (vm/native.h), for tools that describe the standard library rather than
// run a program (`gsl --list-packages`, which docs/stdlib.md is generated
// from).
//
// Contract: the result lists every package registered so far, sorted by
// import path; the pointers stay valid for the life of the process. Call it
// after static initialisation (from main or later), when every package has
// registered all of its pieces.
#pragma once

#include <vector>

#include "vm/native.h"

namespace gsl::vm {

std::vector<const NativePackage*> registeredPackages();

}  // namespace gsl::vm
