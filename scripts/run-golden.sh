#!/usr/bin/env bash
# Golden test runner: runs gsl scripts and compares what they do with what
# the files next to them expect. The format is described in docs/testing.md.
#
#   scripts/run-golden.sh [-v] [--list] [PATH...]
#
# PATH is a test file (NAME.gsl or NAME.go) or a folder searched for tests;
# the default is tests/. A folder search skips folders named pending/ (tests
# written ahead of their features), unit/ (C++ unit tests) and testdata/
# (files that tests read or import), and files named *_test.gsl or *_test.go
# (inputs of `gsl test`). A test named explicitly always runs.
#
# Each test runs from its own folder as `$GSL PRE... NAME.gsl ARGS...`, with
#   NAME.args  the arguments, one per line (default: none)
#   NAME.pre   words put before NAME.gsl, one per line (default: none); for
#              tests of gsl's subcommands, e.g. `test` runs `gsl test NAME.gsl ...`
#   NAME.sed   a sed -E script applied to standard output before it is
#              compared with NAME.out (default: the folder's all.sed if it
#              has one, else none); for output that varies from run to run,
#              e.g. the durations `gsl test` prints
#   NAME.in    standard input (default: /dev/null)
#   NAME.out   the exact expected standard output (default: empty)
#   NAME.code  the expected exit status (default: 0)
#   NAME.err   lines that must appear in standard error, in this order, as
#              a subsequence of its lines (default: standard error is not checked)
#   NAME.timeout  seconds this test may run, when it needs more than
#              GSL_TEST_TIMEOUT (a sanitizer build's larger value still wins)
#   NAME.maxrss  the most resident memory the run may use, in MiB (measured
#              with GNU time; default: not checked)
#   NAME.env   environment settings for the run, VAR=value, one per line
#   NAME.signal  "SIG [DELAY]": once the program has written to stdout or
#              stderr, wait DELAY seconds (default 0) and send it signal SIG
#              (a name for kill -s: INT, TERM, QUIT, ...)
#   NAME.tsan, NAME.asan  how the test runs against a sanitizer build
#              (GSL_TEST_SANITIZER): lines "env VAR=value" (added to its
#              environment) and "skip REASON" (not run; listed as skipped)
#
# Environment:
#   GSL               the binary under test (default: ./gsl of the project)
#   GSL_TEST_TIMEOUT  seconds a test may run (default 10)
#   GSL_TEST_JOBS     tests run at once (default 2)
#   GSL_TEST_SANITIZER  tsan or asan when GSL is a sanitizer build (make tsan,
#                     make asan): NAME.maxrss is not checked (shadow memory
#                     inflates the resident size) and NAME.tsan / NAME.asan
#                     apply
#
# Output: a report for each failing test (sorted by path, so it is the same
# from run to run), then the line `golden: N passed, M failed`. The exit
# status is 1 when a test failed, 2 on a usage error.
set -uo pipefail

self=$(realpath "${BASH_SOURCE[0]}")
root=$(dirname "$(dirname "$self")")

# ---- worker mode: run the tests given as INDEX:PATH, write results ----------

# check_subsequence WANT GOT: succeeds when WANT's lines appear in GOT in
# order (not necessarily adjacent); otherwise prints the first missing line.
check_subsequence() {
  awk 'NR == FNR { want[++n] = $0; next }
       i < n && $0 == want[i + 1] { i++ }
       END { if (i < n) { print want[i + 1]; exit 1 } }' "$1" "$2"
}

# indent PREFIX: copies standard input, each line prefixed.
indent() {
  sed "s/^/$1/"
}

# signal_when_ready PID OUT ERR SIG DELAY: once the test started as PID
# (timeout, whose child is the program) has written to OUT or ERR, waits
# DELAY seconds and sends SIG to the program.
signal_when_ready() {
  local pid=$1 out=$2 err=$3 sig=$4 delay=$5 child
  while kill -0 "$pid" 2>/dev/null && [[ ! -s $out && ! -s $err ]]; do sleep 0.05; done
  sleep "$delay"
  child=$(pgrep -P "$pid" | head -n 1)
  kill -s "$sig" "${child:-$pid}" 2>/dev/null
}

run_one() {
  local index=${1%%:*} test=${1#*:}
  local dir=. file=$test
  if [[ $test == */* ]]; then
    dir=${test%/*}
    file=${test##*/}
  fi
  local name=${file%.*}
  [[ $dir == /* ]] || dir="$root/$dir"
  local base="$dir/$name"
  local res="$GOLDEN_RESULTS/$index"
  local out="$res.stdout" err="$res.stderr" report="$res.report"

  local -a args=() pre=()
  [[ -f $base.args ]] && mapfile -t args <"$base.args"
  [[ -f $base.pre ]] && mapfile -t pre <"$base.pre"
  local stdin=/dev/null
  [[ -f $base.in ]] && stdin=$base.in
  local want_out=/dev/null
  [[ -f $base.out ]] && want_out=$base.out
  local want_code=0
  if [[ -f $base.code ]]; then
    read -r want_code <"$base.code"
    want_code=${want_code//[[:space:]]/}
  fi

  local -a envs=()
  [[ -f $base.env ]] && mapfile -t envs <"$base.env"
  local sanitizer=${GSL_TEST_SANITIZER:-}
  if [[ -n $sanitizer && -f $base.$sanitizer ]]; then
    local directive rest
    while read -r directive rest; do
      case $directive in
        env) envs+=("$rest") ;;
        skip)
          echo SKIP >"$res.status"
          echo "skip $test under $sanitizer: $rest" >"$res.report"
          return
          ;;
      esac
    done <"$base.$sanitizer"
  fi
  local sig="" sig_delay=""
  [[ -f $base.signal ]] && read -r sig sig_delay <"$base.signal"

  local -a measure=()
  local max_rss=""
  if [[ -f $base.maxrss && -z $sanitizer ]]; then
    read -r max_rss <"$base.maxrss"
    measure=(/usr/bin/time -f '%M' -o "$res.rss")
  fi
  local limit=$GOLDEN_TIMEOUT
  if [[ -f $base.timeout ]]; then
    read -r limit <"$base.timeout"
    ((limit < GOLDEN_TIMEOUT)) && limit=$GOLDEN_TIMEOUT
  fi
  local code
  if [[ -z $sig ]]; then
    # (The braces' redirection keeps bash's "Terminated" notice, for a
    # program killed by a signal, out of the report.)
    { (cd "$dir" && exec env "${envs[@]}" timeout -k 2 "$limit" "${measure[@]}" "$GSL" "${pre[@]}" "$file" "${args[@]}") \
      <"$stdin" >"$out" 2>"$err"; } 2>/dev/null
    code=$?
  else
    (cd "$dir" && exec env "${envs[@]}" timeout -k 2 "$limit" "$GSL" "${pre[@]}" "$file" "${args[@]}") \
      <"$stdin" >"$out" 2>"$err" &
    local pid=$!
    signal_when_ready "$pid" "$out" "$err" "$sig" "${sig_delay:-0}"
    wait "$pid"
    code=$?
  fi
  local filter=$base.sed
  [[ -f $filter ]] || filter=$(dirname "$base")/all.sed
  if [[ -f $filter ]]; then
    sed -E -f "$filter" "$out" >"$out.sed" && mv "$out.sed" "$out"
  fi

  local -a problems=()
  if ((code == 124)); then
    problems+=("timed out after ${limit}s")
  elif [[ $code != "$want_code" ]]; then
    problems+=("exit status $code, want $want_code")
  fi
  if [[ -n $max_rss && -f $res.rss ]]; then
    local rss_kib
    rss_kib=$(tail -n 1 "$res.rss")
    if ((rss_kib > max_rss * 1024)); then
      problems+=("peak resident memory $((rss_kib / 1024)) MiB, more than $name.maxrss allows ($max_rss MiB)")
    fi
  fi
  local out_differs=0
  if ! cmp -s "$want_out" "$out"; then
    out_differs=1
    if [[ -f $base.out ]]; then
      problems+=("stdout differs from $name.out")
    else
      problems+=("stdout is not empty (there is no $name.out)")
    fi
  fi
  if [[ -f $base.err ]]; then
    local missing
    if ! missing=$(check_subsequence "$base.err" "$err"); then
      problems+=("stderr lacks this line of $name.err (or has it out of order): $missing")
    fi
  fi

  if ((${#problems[@]} == 0)); then
    echo PASS >"$res.status"
    rm -f "$out" "$err"
    return
  fi
  echo FAIL >"$res.status"
  {
    echo "FAIL $test"
    printf '    %s\n' "${problems[@]}"
    if ((out_differs)); then
      local lines
      diff -a -u --label "want ($name.out)" --label "got (stdout)" "$want_out" "$out" >"$res.diff"
      lines=$(wc -l <"$res.diff")
      head -n 60 "$res.diff" | indent '    '
      if ((lines > 60)); then
        echo "    ... ($((lines - 60)) more lines of diff)"
      fi
    fi
    if [[ -s $err ]]; then
      echo "    stderr (first lines):"
      head -n 15 "$err" | indent '    | '
    else
      echo "    stderr: empty"
    fi
  } >"$report"
}

if [[ ${1:-} == --worker ]]; then
  shift
  for t in "$@"; do
    run_one "$t"
  done
  exit 0
fi

# ---- main: find the tests, run them in parallel, report ----------------------

usage() {
  sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "$self"
}

list=0
verbose=0
paths=()
for arg in "$@"; do
  case $arg in
    --list) list=1 ;;
    -v) verbose=1 ;;
    -h | --help) usage; exit 0 ;;
    -*) echo "run-golden: unknown flag $arg" >&2; exit 2 ;;
    *)
      if [[ ! -e $arg ]]; then
        echo "run-golden: $arg: no such file or directory" >&2
        exit 2
      fi
      paths+=("$(realpath "$arg")")
      ;;
  esac
done
((${#paths[@]} == 0)) && paths=("$root/tests")

GSL=${GSL:-$root/gsl}
if [[ $GSL != /* ]]; then
  if [[ $GSL == */* || -e $GSL ]]; then
    GSL=$(realpath -m "$GSL")
  else
    GSL=$(command -v "$GSL" || echo "$GSL")
  fi
fi

# Test paths are printed relative to the project root when they are inside it.
tests=()
for p in "${paths[@]}"; do
  if [[ -d $p ]]; then
    while IFS= read -r -d '' t; do
      tests+=("$t")
    done < <(find "$p" -mindepth 1 \
      \( -type d \( -name pending -o -name unit -o -name testdata \) -prune \) -o \
      \( -type f \( -name '*.gsl' -o -name '*.go' \) \
         ! -name '*_test.gsl' ! -name '*_test.go' -print0 \))
  else
    tests+=("$p")
  fi
done
for i in "${!tests[@]}"; do
  tests[i]=${tests[i]#"$root/"}
done
if ((${#tests[@]} > 0)); then
  mapfile -t tests < <(printf '%s\n' "${tests[@]}" | LC_ALL=C sort -u)
fi

if ((list)); then
  ((${#tests[@]} > 0)) && printf '%s\n' "${tests[@]}"
  exit 0
fi

if ((${#tests[@]} == 0)); then
  echo "golden: 0 passed, 0 failed"
  exit 0
fi

if [[ ! -x $GSL ]]; then
  echo "run-golden: the gsl binary $GSL does not exist or is not executable (build it with make)" >&2
  echo "golden: 0 passed, ${#tests[@]} failed"
  exit 1
fi

GOLDEN_RESULTS=$(mktemp -d)
trap 'rm -rf "$GOLDEN_RESULTS"' EXIT
export GSL GOLDEN_RESULTS GOLDEN_TIMEOUT=${GSL_TEST_TIMEOUT:-10}

jobs=${GSL_TEST_JOBS:-2}
for i in "${!tests[@]}"; do
  printf '%s:%s\0' "$i" "${tests[i]}"
done | xargs -0 -n 8 -P "$jobs" bash "$self" --worker

passed=0
failed=0
skipped=0
for i in "${!tests[@]}"; do
  status=$(cat "$GOLDEN_RESULTS/$i.status" 2>/dev/null)
  if [[ $status == PASS ]]; then
    passed=$((passed + 1))
    ((verbose)) && echo "ok   ${tests[i]}"
  elif [[ $status == SKIP ]]; then
    skipped=$((skipped + 1))
    cat "$GOLDEN_RESULTS/$i.report"
  else
    failed=$((failed + 1))
    if [[ -f $GOLDEN_RESULTS/$i.report ]]; then
      cat "$GOLDEN_RESULTS/$i.report"
    else
      echo "FAIL ${tests[i]}"
      echo "    the runner did not finish this test"
    fi
  fi
done
((skipped > 0)) && echo "golden: $skipped skipped under $GSL_TEST_SANITIZER (see above)"
echo "golden: $passed passed, $failed failed"
((failed == 0))
