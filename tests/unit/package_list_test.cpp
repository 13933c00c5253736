// The listing of native packages behind `gsl --list-packages`
// (cli/package_list.h) and the registry walk it rests on
// (vm/native_packages.h).
#include <doctest/doctest.h>

#include <string>

#include "cli/package_list.h"
#include "vm/native_packages.h"

TEST_SUITE("package_list") {
  TEST_CASE("the registry lists every package once, sorted by import path") {
    auto pkgs = gsl::vm::registeredPackages();
    REQUIRE(pkgs.size() > 10);
    for (size_t i = 1; i < pkgs.size(); i++) CHECK(pkgs[i - 1]->path < pkgs[i]->path);
    bool sawRand = false;
    for (const auto* p : pkgs) {
      if (p->path == "math/rand") sawRand = p->name == "rand";
    }
    CHECK(sawRand);
  }

  TEST_CASE("the listing shows members by kind and the methods of types") {
    std::string text = gsl::cli::packageListing();
    CHECK(text.find("package strings strings\n") != std::string::npos);
    CHECK(text.find("\n  func ToUpper\n") != std::string::npos);
    CHECK(text.find("\n  var EOF\n") != std::string::npos);
    CHECK(text.find("\n  const Pi\n") != std::string::npos);
    CHECK(text.find("\n  type Builder struct\n") != std::string::npos);
    CHECK(text.find("\n      method *WriteString\n") != std::string::npos);
    CHECK(text.find("\n      field Offset int64\n") != std::string::npos);
    // Constants come before functions within a package.
    size_t math = text.find("package math math\n");
    REQUIRE(math != std::string::npos);
    CHECK(text.find("  const Pi\n", math) < text.find("  func Abs\n", math));
    // Two listings are identical (no addresses, no hash order).
    CHECK(text == gsl::cli::packageListing());
  }
}
