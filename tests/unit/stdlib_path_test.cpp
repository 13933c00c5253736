// Unit tests for stdlib/path_lexical.h and the FileMode and errno texts of
// stdlib/fs.h. Expected values are what Go 1.19's path, path/filepath,
// io/fs and syscall packages return.
#include <doctest/doctest.h>

#include <cerrno>

#include "stdlib/fs.h"
#include "stdlib/path_lexical.h"

using namespace gsl::stdlib;

TEST_SUITE("stdlib.path") {
TEST_CASE("Clean removes dot, dot-dot and repeated slashes lexically") {
  CHECK(pathlex::clean("") == ".");
  CHECK(pathlex::clean("/") == "/");
  CHECK(pathlex::clean("a/b/../c") == "a/c");
  CHECK(pathlex::clean("/../a") == "/a");
  CHECK(pathlex::clean("a/../..") == "..");
  CHECK(pathlex::clean("../../x/y/..") == "../../x");
  CHECK(pathlex::clean("./a/./b/") == "a/b");
  CHECK(pathlex::clean("a//b///c") == "a/b/c");
  CHECK(pathlex::clean("/a/b/../../..") == "/");
}

TEST_CASE("Join skips empty elements and cleans the result") {
  CHECK(pathlex::join({"a", "b", "c"}) == "a/b/c");
  CHECK(pathlex::join({"a/", "/b"}) == "a/b");
  CHECK(pathlex::join({"", ""}) == "");
  CHECK(pathlex::join({"", "x"}) == "x");
  CHECK(pathlex::join({"/", "..", "y"}) == "/y");
}

TEST_CASE("Base, Dir, Ext and Split follow Go's corner cases") {
  CHECK(pathlex::base("") == ".");
  CHECK(pathlex::base("/") == "/");
  CHECK(pathlex::base("//x//") == "x");
  CHECK(pathlex::dir("") == ".");
  CHECK(pathlex::dir("/a/b.txt") == "/a");
  CHECK(pathlex::dir("a/b/") == "a/b");
  CHECK(pathlex::ext("dir/file.tar.gz") == ".gz");
  CHECK(pathlex::ext("a.b/c") == "");
  CHECK(pathlex::split("a/b/c").first == "a/b/");
  CHECK(pathlex::split("a/b/c").second == "c");
  CHECK(pathlex::split("c").first == "");
}

TEST_CASE("Rel walks up past the differing elements of the base") {
  CHECK(*pathlex::rel("/a/b", "/a/b/c/d") == "c/d");
  CHECK(*pathlex::rel("/a/b/c", "/a/x") == "../../x");
  CHECK(*pathlex::rel("a/b", "a/b") == ".");
  CHECK(*pathlex::rel(".", "x/y") == "x/y");
  CHECK(*pathlex::rel("a/b/c", "a") == "../..");
  CHECK_FALSE(pathlex::rel("/a", "b").has_value());
  CHECK_FALSE(pathlex::rel("../a", "b").has_value());
}

TEST_CASE("Match handles stars, classes, escapes and reports bad patterns") {
  CHECK(pathlex::match("*.go", "main.go", false).matched);
  CHECK_FALSE(pathlex::match("*.go", "dir/main.go", false).matched);
  CHECK(pathlex::match("a*b?c*x", "abxbbxdbxebxczzx", false).matched);
  CHECK(pathlex::match("ab[^e-g]", "abc", false).matched);
  CHECK(pathlex::match("a\\*b", "a*b", false).matched);
  CHECK(pathlex::match("[", "a", false).badPattern);
  CHECK(pathlex::match("a[", "x", false).badPattern);
  // Only path.Match reports a bad pattern in a chunk after a failed one.
  CHECK_FALSE(pathlex::match("x*[", "y", false).badPattern);
  CHECK(pathlex::match("x*[", "y", true).badPattern);
}
}

TEST_SUITE("stdlib.fs") {
TEST_CASE("FileMode.String lists the type letters, then the permissions") {
  CHECK(fileModeString(0644) == "-rw-r--r--");
  CHECK(fileModeString(kModeDir | 0755) == "drwxr-xr-x");
  CHECK(fileModeString(kModeSymlink | 0777) == "Lrwxrwxrwx");
  CHECK(fileModeString(kModeDevice | kModeCharDevice | 0666) == "Dcrw-rw-rw-");
  CHECK(fileModeString(kModeSetuid | kModeSetgid | kModeSticky | 0755) == "ugtrwxr-xr-x");
  CHECK(fileModeString(0) == "----------");
}

TEST_CASE("errno texts are Go's") {
  CHECK(errnoText(ENOENT) == "no such file or directory");
  CHECK(errnoText(EEXIST) == "file exists");
  CHECK(errnoText(ENOTEMPTY) == "directory not empty");
  CHECK(errnoText(EXDEV) == "invalid cross-device link");
  CHECK(errnoText(116) == "stale NFS file handle");
  CHECK(errnoText(41) == "errno 41");
}
}
