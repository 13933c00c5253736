// stdlib/os_natives.h: what the files of package os share among
// themselves (os.cpp holds the package table; os_file.cpp the *os.File
// type and the functions that open files; os_fs.cpp the functions on paths).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/native.h"

namespace gsl::stdlib {

// The members of package os defined in os_file.cpp and os_fs.cpp.
const std::vector<vm::NativeMember>& osFileMembers();
const std::vector<vm::NativeMember>& osFsMembers();

// The st_mode permission bits for a FileMode (perm, setuid, setgid, sticky).
mode_t posixMode(uint32_t perm);

// Go's os.basename: the last element of name, trailing slashes removed
// (what Stat reports as FileInfo.Name).
std::string osBasename(std::string_view name);

// os.TempDir(): $TMPDIR, or /tmp.
std::string osTempDir();

// A CreateTemp/MkdirTemp pattern split at its last '*' (the random part
// goes there; at the end when there is none). Returns false when the
// pattern contains a path separator.
struct TempPattern {
  std::string prefix;
  std::string suffix;
};
bool splitTempPattern(std::string_view pattern, TempPattern* out);
// dir joined with prefix, as Go's joinPath does.
std::string joinTempDir(const std::string& dir, const std::string& prefix);
// The random part of a temporary name (a decimal uint32, like Go's).
std::string tempRandom();

}  // namespace gsl::stdlib
