// The unit tests' main(): doctest's own. It runs every TEST_CASE linked into
// build/<config>/unit-tests; `unit-tests --help` lists its options (e.g.
// -ts=lexer to run one suite, -tc="*semicolon*" to pick test cases).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
