#!/usr/bin/env bash
# The one test command: runs every kind of test gsl has and sums them up.
#
#   1. the C++ unit tests (doctest), counted per test case;
#   2. the layering check (scripts/check-layering.sh), one check, and the
#      check that docs/stdlib.md is what scripts/gen-stdlib-docs.py generates
#      from the packages (one check);
#   3. the golden script tests (scripts/run-golden.sh), then the REPL's
#      transcripts and terminal tests (scripts/run-repl-tests.sh);
#   4. when `go` is installed, the check that Go itself prints what the golden
#      tests expect (scripts/check-against-go.sh).
#
# Each part prints its own summary; the last line of output is always
# `N passed, M failed`, the totals over all parts. The exit status is non-zero
# if anything failed.
#
# Environment:
#   GSL           the gsl binary to test (default ./gsl)
#   UNIT          the unit-test binary (default build/release/unit-tests)
#   GSL_GO_CHECK  set to 0 to skip the Go check (the sanitizer builds do:
#                 it does not involve gsl)
#   and whatever run-golden.sh accepts (GSL_TEST_TIMEOUT, GSL_TEST_JOBS).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

GSL=${GSL:-./gsl}
UNIT=${UNIT:-build/release/unit-tests}
# The golden runner changes directory for each test, so the path must be absolute.
case $GSL in /*) ;; *) GSL="$root/$GSL" ;; esac
export GSL

total_passed=0
total_failed=0
summaries=()

# record NAME PASSED FAILED: adds a part's counts to the totals.
record() {
  summaries+=("$1: $2 passed, $3 failed")
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
}

# count_from LABEL FILE: reads "LABEL: N passed, M failed" from a part's output.
count_from() {
  local line
  line=$(grep -E "^$1: [0-9]+ passed, [0-9]+ failed$" "$2" | tail -n 1)
  if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
    echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
  fi
}

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# ---- 1. unit tests -----------------------------------------------------------
echo "== unit tests ($UNIT)"
if [[ ! -x $UNIT ]]; then
  echo "unit: the unit-test binary $UNIT does not exist (run make test)"
  record unit 0 1
else
  "$UNIT" 2>&1 | tee "$log/unit"
  status=${PIPESTATUS[0]}
  # doctest ends with: [doctest] test cases: 12 | 11 passed | 1 failed | 0 skipped
  line=$(grep -E '^\[doctest\] test cases:' "$log/unit" | tail -n 1)
  if [[ $line =~ \|\ *([0-9]+)\ passed\ *\|\ *([0-9]+)\ failed ]]; then
    passed=${BASH_REMATCH[1]}
    failed=${BASH_REMATCH[2]}
    if ((status != 0 && failed == 0)); then
      echo "unit: the unit tests exited with status $status although no test case failed"
      failed=1
    fi
  else
    echo "unit: the unit tests ended without a summary (exit status $status): crashed?"
    passed=0
    failed=1
  fi
  echo "unit: $passed passed, $failed failed"
  record unit "$passed" "$failed"
fi

# ---- 2. layering --------------------------------------------------------------
echo "== layering"
if bash scripts/check-layering.sh; then
  record layering 1 0
else
  record layering 0 1
fi

# ---- 2b. generated docs ----------------------------------------------------------
# docs/stdlib.md lists every package's API from `gsl --list-packages`.
echo "== docs (docs/stdlib.md up to date)"
if python3 scripts/gen-stdlib-docs.py --check; then
  record docs 1 0
else
  record docs 0 1
fi

# ---- 3. golden tests ------------------------------------------------------------
echo "== golden tests ($GSL)"
bash scripts/run-golden.sh 2>&1 | tee "$log/golden"
status=${PIPESTATUS[0]}
counts=$(count_from golden "$log/golden")
if [[ -n $counts ]]; then
  read -r passed failed <<<"$counts"
  if ((status != 0 && failed == 0)); then failed=1; fi
  record golden "$passed" "$failed"
else
  echo "golden: the runner failed without a summary (exit status $status)"
  record golden 0 1
fi

# ---- 3b. REPL tests ---------------------------------------------------------------
# Transcripts (tests/repl/NAME.in → NAME.out) and the terminal tests under tmux.
echo "== repl tests ($GSL)"
bash scripts/run-repl-tests.sh 2>&1 | tee "$log/repl"
status=${PIPESTATUS[0]}
counts=$(count_from repl "$log/repl")
if [[ -n $counts ]]; then
  read -r passed failed <<<"$counts"
  if ((status != 0 && failed == 0)); then failed=1; fi
  record repl "$passed" "$failed"
else
  echo "repl: the runner failed without a summary (exit status $status)"
  record repl 0 1
fi

# ---- 4. Go check -------------------------------------------------------------
if [[ ${GSL_GO_CHECK:-1} == 0 ]]; then
  echo "== go check: skipped (GSL_GO_CHECK=0)"
elif ! command -v go >/dev/null 2>&1; then
  echo "== go check: skipped (go is not installed)"
else
  echo "== go check"
  bash scripts/check-against-go.sh 2>&1 | tee "$log/go"
  status=${PIPESTATUS[0]}
  counts=$(count_from go-check "$log/go")
  if [[ -n $counts ]]; then
    read -r passed failed <<<"$counts"
    if ((status != 0 && failed == 0)); then failed=1; fi
    record go-check "$passed" "$failed"
  else
    echo "go-check: the checker failed without a summary (exit status $status)"
    record go-check 0 1
  fi
fi

echo "== summary"
for s in "${summaries[@]}"; do
  echo "  $s"
done
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))
