#!/usr/bin/env bash
# Checks the golden tests against Go itself: every test that is a valid Go
# program is built with `go build` and run exactly as scripts/run-golden.sh
# runs gsl (same folder, arguments, standard input, os.Args[0]), and must
# print NAME.out and exit with NAME.code. This is what makes the .out files
# Go's truth rather than gsl's opinion.
#
#   scripts/check-against-go.sh [-v] [PATH...]     (default: tests/)
#
# The tests are found as run-golden.sh finds them. A test is skipped when its
# first line (after a `#!` line, if any) is
#   // gsl:nogo      it uses gsl extensions and is not valid Go;
#   // gsl:go1.N     it needs Go 1.N and the installed Go is older.
# What is compared:
#   * standard output with NAME.out and the exit status with NAME.code;
#   * a test expecting status 2 (a panic or fatal error) with NAME.err: the
#     first line of NAME.err must be the first line of Go's standard error;
#   * a test expecting status 1 with NAME.err (a compile error): `go build`
#     must fail; if Go builds it after all, it is run and compared as usual;
#   * any other test with NAME.err: its lines must appear in Go's standard
#     error, in order.
#
# A test that passed is remembered (in ~/.cache/gsl/go-check, keyed by the
# hash of its files, the Go version and this script) and not rebuilt until
# one of those changes.
#
# Environment: GSL_TEST_TIMEOUT, GSL_TEST_JOBS as for run-golden.sh;
# GSL_GO_CHECK_CACHE=0 to recheck everything; GOCACHE as for go.
# Output: a report per failing test, then `go-check: N passed, M failed`.
set -uo pipefail

self=$(realpath "${BASH_SOURCE[0]}")
root=$(dirname "$(dirname "$self")")

# first_code_line FILE: the first line, or the second if the first is `#!...`.
first_code_line() {
  local first second
  { IFS= read -r first; IFS= read -r second; } <"$1"
  if [[ $first == '#!'* ]]; then
    printf '%s\n' "${second:-}"
  else
    printf '%s\n' "${first:-}"
  fi
}

# ---- worker mode ----------------------------------------------------------------

check_subsequence() {
  awk 'NR == FNR { want[++n] = $0; next }
       i < n && $0 == want[i + 1] { i++ }
       END { if (i < n) { print want[i + 1]; exit 1 } }' "$1" "$2"
}

# signal_when_ready PID OUT ERR SIG DELAY: as in run-golden.sh (NAME.signal):
# once the program (the child of timeout, PID) has written to OUT or ERR,
# waits DELAY seconds and sends it SIG.
signal_when_ready() {
  local pid=$1 out=$2 err=$3 sig=$4 delay=$5 child
  while kill -0 "$pid" 2>/dev/null && [[ ! -s $out && ! -s $err ]]; do sleep 0.05; done
  sleep "$delay"
  child=$(pgrep -P "$pid" | head -n 1)
  kill -s "$sig" "${child:-$pid}" 2>/dev/null
}

check_one() {
  local index=${1%%:*} test=${1#*:}
  local dir=. file=$test
  if [[ $test == */* ]]; then
    dir=${test%/*}
    file=${test##*/}
  fi
  local name=${file%.*}
  [[ $dir == /* ]] || dir="$root/$dir"
  local base="$dir/$name"
  local res="$GOCHECK_WORK/$index"
  local work="$res.d"
  mkdir -p "$work"

  local marker
  marker=$(first_code_line "$dir/$file")
  if [[ $marker =~ ^//[[:space:]]*gsl:nogo ]]; then
    echo "SKIP" >"$res.status"
    return
  fi
  if [[ $marker =~ ^//[[:space:]]*gsl:go1\.([0-9]+) ]] && ((BASH_REMATCH[1] > GOCHECK_GO_MINOR)); then
    echo "SKIP" >"$res.status"
    return
  fi

  # A `#!` line is not Go: make it a comment (keeping the line numbers).
  sed '1s|^#!|//#!|' "$dir/$file" >"$work/main.go"
  cp "$GOCHECK_WORK/go.mod" "$work/go.mod"

  # A test that passed before with exactly these files, this Go and this
  # checker passes again without being rebuilt.
  local key="" stamp=""
  if [[ -n $GOCHECK_CACHE ]]; then
    key=$({
      echo "$GOCHECK_SALT"
      local f
      for f in "$work/main.go" "$base.args" "$base.in" "$base.out" "$base.code" "$base.err" \
        "$base.env" "$base.signal"; do
        if [[ -f $f ]]; then
          echo "== ${f##*.} $(wc -c <"$f")"
          cat "$f"
        else
          echo "== ${f##*.} absent"
        fi
      done
    } | sha256sum)
    stamp="$GOCHECK_CACHE/${key%% *}"
    if [[ -f $stamp ]]; then
      echo PASS >"$res.status"
      rm -rf "$work"
      return
    fi
  fi

  local -a args=()
  [[ -f $base.args ]] && mapfile -t args <"$base.args"
  local stdin=/dev/null
  [[ -f $base.in ]] && stdin=$base.in
  local want_out=/dev/null
  [[ -f $base.out ]] && want_out=$base.out
  local want_code=0
  if [[ -f $base.code ]]; then
    read -r want_code <"$base.code"
    want_code=${want_code//[[:space:]]/}
  fi

  local -a problems=()
  if ! (cd "$work" && go build -o prog . ) >"$res.build" 2>&1; then
    if [[ $want_code == 1 && -f $base.err ]]; then
      echo PASS >"$res.status"
      [[ -n $stamp ]] && : >"$stamp"
      return
    fi
    {
      echo "FAIL $test"
      echo "    go build failed:"
      head -n 15 "$res.build" | sed 's/^/    | /'
    } >"$res.report"
    echo FAIL >"$res.status"
    return
  fi

  # Run it as gsl would be run: from the test's folder, named NAME.gsl in
  # os.Args[0] (found through PATH, so argv[0] is exactly the file name).
  mkdir "$work/bin" && ln -s ../prog "$work/bin/$file"
  local limit=$GOCHECK_TIMEOUT
  if [[ -f $base.timeout ]]; then
    read -r limit <"$base.timeout"
    ((limit < GOCHECK_TIMEOUT)) && limit=$GOCHECK_TIMEOUT
  fi
  local -a envs=()
  [[ -f $base.env ]] && mapfile -t envs <"$base.env"
  local sig="" sig_delay="" code
  [[ -f $base.signal ]] && read -r sig sig_delay <"$base.signal"
  if [[ -z $sig ]]; then
    { (cd "$dir" && PATH="$work/bin:$PATH" exec env "${envs[@]}" timeout -k 2 "$limit" "$file" "${args[@]}") \
      <"$stdin" >"$res.stdout" 2>"$res.stderr"; } 2>/dev/null
    code=$?
  else
    (cd "$dir" && PATH="$work/bin:$PATH" exec env "${envs[@]}" timeout -k 2 "$limit" "$file" "${args[@]}") \
      <"$stdin" >"$res.stdout" 2>"$res.stderr" &
    local pid=$!
    signal_when_ready "$pid" "$res.stdout" "$res.stderr" "$sig" "${sig_delay:-0}"
    wait "$pid"
    code=$?
  fi

  if ((code == 124)); then
    problems+=("timed out after ${limit}s")
  elif [[ $code != "$want_code" ]]; then
    problems+=("Go exits with status $code, $name.code says $want_code")
  fi
  local out_differs=0
  if ! cmp -s "$want_out" "$res.stdout"; then
    out_differs=1
    problems+=("Go's stdout differs from ${want_out##*/}")
  fi
  if [[ -f $base.err ]]; then
    if [[ $want_code == 2 ]]; then
      local want_first got_first
      IFS= read -r want_first <"$base.err"
      IFS= read -r got_first <"$res.stderr"
      if [[ $want_first != "$got_first" ]]; then
        problems+=("Go's first stderr line is \"$got_first\", $name.err says \"$want_first\"")
      fi
    else
      local missing
      if ! missing=$(check_subsequence "$base.err" "$res.stderr"); then
        problems+=("Go's stderr lacks this line of $name.err: $missing")
      fi
    fi
  fi

  if ((${#problems[@]} == 0)); then
    echo PASS >"$res.status"
    [[ -n $stamp ]] && : >"$stamp"
    rm -rf "$work"
    return
  fi
  echo FAIL >"$res.status"
  {
    echo "FAIL $test"
    printf '    %s\n' "${problems[@]}"
    if ((out_differs)); then
      diff -a -u --label "want (${want_out##*/})" --label "go (stdout)" "$want_out" "$res.stdout" |
        head -n 60 | sed 's/^/    /'
    fi
    if [[ -s $res.stderr ]]; then
      echo "    Go's stderr (first lines):"
      head -n 10 "$res.stderr" | sed 's/^/    | /'
    fi
  } >"$res.report"
  rm -rf "$work"
}

if [[ ${1:-} == --worker ]]; then
  shift
  for t in "$@"; do
    check_one "$t"
  done
  exit 0
fi

# ---- main ------------------------------------------------------------------------

verbose=0
pass_args=()
for arg in "$@"; do
  case $arg in
    -v) verbose=1 ;;
    -h | --help) sed -n '2,/^set -uo/{/^set -uo/d;s/^# \{0,1\}//;p}' "$self"; exit 0 ;;
    -*) echo "check-against-go: unknown flag $arg" >&2; exit 2 ;;
    *) pass_args+=("$arg") ;;
  esac
done

if ! command -v go >/dev/null 2>&1; then
  echo "check-against-go: go is not installed (apt-get install golang-go)" >&2
  echo "go-check: 0 passed, 1 failed"
  exit 1
fi

# The same test list as the golden runner's.
mapfile -t tests < <(bash "$root/scripts/run-golden.sh" --list "${pass_args[@]}")
if ((${#tests[@]} == 0)); then
  echo "go-check: 0 passed, 0 failed"
  exit 0
fi

GOCHECK_WORK=$(mktemp -d)
trap 'rm -rf "$GOCHECK_WORK"' EXIT

# Go must never try the network (there is none to rely on) nor a workspace.
export GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off GOWORK=off GO111MODULE=on \
  GOTOOLCHAIN=local CGO_ENABLED=0
if [[ -z ${HOME:-} || ! -w ${HOME:-/nonexistent} ]]; then
  export GOCACHE=${GOCACHE:-$GOCHECK_WORK/gocache} GOPATH=${GOPATH:-$GOCHECK_WORK/gopath}
fi

go_version=$(go env GOVERSION 2>/dev/null)
if [[ ! $go_version =~ ^go1\.([0-9]+) ]]; then
  echo "check-against-go: cannot tell the Go version (go env GOVERSION says '$go_version')" >&2
  echo "go-check: 0 passed, 1 failed"
  exit 1
fi
go_minor=${BASH_REMATCH[1]}

# One go.mod for every test. The `go` line selects the language version (loop
# variables are per-iteration from 1.22 on). golang.org/x/sync comes from
# Debian's golang-golang-x-sync-dev when it is installed.
{
  echo "module gsltest"
  echo
  echo "go 1.$go_minor"
  xsync=/usr/share/gocode/src/golang.org/x/sync
  if [[ -f $xsync/go.mod ]]; then
    echo
    echo "require golang.org/x/sync v0.0.0"
    echo
    echo "replace golang.org/x/sync => $xsync"
  fi
} >"$GOCHECK_WORK/go.mod"

# Where passes are remembered (see check_one); GSL_GO_CHECK_CACHE=0 turns it off.
GOCHECK_CACHE=""
if [[ ${GSL_GO_CHECK_CACHE:-1} != 0 ]]; then
  cache_home=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}
  if [[ -n $cache_home ]] && mkdir -p "$cache_home/gsl/go-check" 2>/dev/null; then
    GOCHECK_CACHE="$cache_home/gsl/go-check"
  fi
fi
GOCHECK_SALT="$(go version) $(sha256sum <"$self") $(sha256sum <"$GOCHECK_WORK/go.mod")"

export GOCHECK_WORK GOCHECK_CACHE GOCHECK_SALT GOCHECK_GO_MINOR=$go_minor \
  GOCHECK_TIMEOUT=${GSL_TEST_TIMEOUT:-10}
jobs=${GSL_TEST_JOBS:-2}
for i in "${!tests[@]}"; do
  printf '%s:%s\0' "$i" "${tests[i]}"
done | xargs -0 -n 4 -P "$jobs" bash "$self" --worker

passed=0
failed=0
skipped=0
for i in "${!tests[@]}"; do
  status=$(cat "$GOCHECK_WORK/$i.status" 2>/dev/null)
  case $status in
    PASS)
      passed=$((passed + 1))
      ((verbose)) && echo "ok   ${tests[i]}"
      ;;
    SKIP)
      skipped=$((skipped + 1))
      ((verbose)) && echo "skip ${tests[i]}"
      ;;
    *)
      failed=$((failed + 1))
      if [[ -f $GOCHECK_WORK/$i.report ]]; then
        cat "$GOCHECK_WORK/$i.report"
      else
        echo "FAIL ${tests[i]}"
        echo "    the checker did not finish this test"
      fi
      ;;
  esac
done
echo "go-check: $skipped skipped ($go_version; marked gsl:nogo or needing a newer Go)"
echo "go-check: $passed passed, $failed failed"
((failed == 0))
