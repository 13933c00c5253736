// stdlib/fs.h: the file-system values that packages os, io/fs and
// path/filepath share: fs.FileMode, the portable errors (fs.ErrNotExist,
// ...), *fs.PathError, *os.LinkError, syscall.Errno, fs.FileInfo values
// (*os.fileStat) and fs.DirEntry values (*os.unixDirent).
//
// Contract:
//  * os.ErrNotExist and fs.ErrNotExist are the same value (and so on for
//    the others), as in Go.
//  * An error from a system call is a syscall.Errno whose Error() is Go's
//    text ("no such file or directory") and whose Is method maps it to the
//    portable errors, so errors.Is(err, fs.ErrNotExist) holds for an
//    *fs.PathError wrapping ENOENT.
//  * File modes follow Go's bit layout (ModeDir = 1<<31, ...), converted
//    from stat(2)'s st_mode by modeFromStat.
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vm/native.h"
#include "vm/value.h"

namespace gsl::vm {
struct Type;
class Thread;
}  // namespace gsl::vm

namespace gsl::stdlib {

// ---- FileMode -------------------------------------------------------------------

constexpr uint32_t kModeDir = 1u << 31;
constexpr uint32_t kModeAppend = 1u << 30;
constexpr uint32_t kModeExclusive = 1u << 29;
constexpr uint32_t kModeTemporary = 1u << 28;
constexpr uint32_t kModeSymlink = 1u << 27;
constexpr uint32_t kModeDevice = 1u << 26;
constexpr uint32_t kModeNamedPipe = 1u << 25;
constexpr uint32_t kModeSocket = 1u << 24;
constexpr uint32_t kModeSetuid = 1u << 23;
constexpr uint32_t kModeSetgid = 1u << 22;
constexpr uint32_t kModeCharDevice = 1u << 21;
constexpr uint32_t kModeSticky = 1u << 20;
constexpr uint32_t kModeIrregular = 1u << 19;
constexpr uint32_t kModeType = kModeDir | kModeSymlink | kModeNamedPipe | kModeSocket |
                               kModeDevice | kModeCharDevice | kModeIrregular;
constexpr uint32_t kModePerm = 0777;

// The fs.FileMode type (named uint32; os.FileMode is an alias of it).
const vm::Type* fileModeType();
vm::Value makeFileMode(uint32_t mode);
// Go's FileMode.String: "-rw-r--r--", "drwxr-xr-x", "Lrwxrwxrwx".
std::string fileModeString(uint32_t mode);
// Go's mode bits for a stat(2) st_mode.
uint32_t modeFromStat(mode_t m);
// The bits of a FileMode value (any integer kind is accepted).
uint32_t fileModeBits(vm::Value v);

// ---- Errors ---------------------------------------------------------------------

vm::Value errInvalid();     // "invalid argument"
vm::Value errPermission();  // "permission denied"
vm::Value errExist();       // "file already exists"
vm::Value errNotExist();    // "file does not exist"
vm::Value errClosed();      // "file already closed"
vm::Value errSkipDir();     // fs.SkipDir: "skip this directory"
vm::Value errSkipAll();     // fs.SkipAll: "skip everything and stop the walk"

// syscall.Errno(errnum).
const vm::Type* errnoType();
vm::Value makeErrno(int errnum);
// Go's text for an errno value ("no such file or directory").
std::string errnoText(int errnum);

// &fs.PathError{Op: op, Path: path, Err: err}.
const vm::Type* pathErrorType();
vm::Value makePathError(std::string_view op, std::string_view path, vm::Value err);
inline vm::Value makePathErrno(std::string_view op, std::string_view path, int errnum) {
  return makePathError(op, path, makeErrno(errnum));
}
// &os.LinkError{Op: op, Old: oldPath, New: newPath, Err: Errno(errnum)}.
const vm::Type* linkErrorType();
vm::Value makeLinkError(std::string_view op, std::string_view oldPath, std::string_view newPath,
                        int errnum);
// &os.SyscallError{Syscall: name, Err: Errno(errnum)}.
const vm::Type* syscallErrorType();
vm::Value makeSyscallError(std::string_view name, int errnum);

// os.IsNotExist / IsExist / IsPermission: err itself or, for a *PathError,
// *LinkError or *SyscallError, the error it wraps, is the given portable
// error or an Errno that maps to it.
bool osErrorIs(vm::Value err, vm::Value target);

// ---- FileInfo and DirEntry ------------------------------------------------------

// The interfaces fs.FileInfo and fs.DirEntry (os re-exports both).
const vm::Type* fileInfoInterface();
const vm::Type* dirEntryInterface();
// []fs.DirEntry.
const vm::Type* dirEntrySliceType();

// A *os.fileStat for `name` (the base name Go reports) from stat(2) data.
vm::Value makeFileInfo(std::string_view name, const struct stat& st);
// Whether a value is a FileInfo made here, and its mode bits.
bool fileInfoMode(vm::Value info, uint32_t* mode);

// A *os.unixDirent for the entry `name` of directory `dir`, whose type bits
// (kModeDir, kModeSymlink, ... or 0 for a regular file) are `typ`; Info()
// lstats dir/name when called.
vm::Value makeDirEntry(std::string_view dir, std::string_view name, uint32_t typ);
// A *fs.statDirEntry wrapping a FileInfo (fs.FileInfoToDirEntry).
vm::Value dirEntryFromInfo(vm::Value info);

// Reads the names in a directory (without "." and ".."), sorted; on
// failure returns false and sets *errnum.
bool readDirNames(const std::string& dir, std::vector<std::string>* names, int* errnum);
// The type bits of an entry of a directory, from lstat(dir/name) (0 when
// it cannot be read: the entry vanished).
uint32_t direntTypeBits(const std::string& dir, const std::string& name);

// A FileMode constant as a package member (os.ModeDir, fs.ModePerm, ...).
template <uint32_t Bits>
vm::Value modeConstant() {
  return makeFileMode(Bits);
}

}  // namespace gsl::stdlib
