#!/usr/bin/env bash
# REPL tests, in two parts:
#
#   1. Transcripts: each tests/repl/NAME.in is fed to `gsl` with no
#      arguments on a pipe (the REPL's non-terminal mode), from
#      tests/repl/. NAME.out is the exact expected output, standard output
#      and standard error together (2>&1: the REPL flushes one before
#      writing the other, so their order is fixed); NAME.code the expected
#      exit status (default 0). Transcripts are not Go programs, so
#      check-against-go.sh does not see them: the .out files are checked by
#      hand.
#   2. Terminal: the real REPL under tmux (send-keys to type, capture-pane
#      to read the screen): prompts, continuation, history, completion,
#      Ctrl-C, output of goroutines while a line is being edited, Ctrl-D.
#      Skipped, with a message, when tmux is not installed.
#
#   scripts/run-repl-tests.sh [-v]
#
# Environment: GSL (the binary, default ./gsl), GSL_TEST_TIMEOUT (seconds a
# transcript may run, default 10).
# Output: a report for each failure, then `repl: N passed, M failed`.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
GSL=${GSL:-./gsl}
case $GSL in /*) ;; *) GSL="$root/$GSL" ;; esac
timeout_s=${GSL_TEST_TIMEOUT:-10}
verbose=0
[[ ${1:-} == -v ]] && verbose=1

passed=0
failed=0
pass() {
  passed=$((passed + 1))
  ((verbose)) && echo "ok   $1"
  return 0
}
fail() {
  failed=$((failed + 1))
  echo "FAIL $1"
  [[ -n ${2:-} ]] && sed 's/^/    /' <<<"$2"
  return 0
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---- 1. transcripts --------------------------------------------------------------
for input in tests/repl/*.in; do
  [[ -e $input ]] || continue
  name=${input%.in}
  want_code=0
  [[ -f $name.code ]] && want_code=$(<"$name.code")
  (cd tests/repl && HOME="$work" timeout "$timeout_s" "$GSL" <"${input##*/}" >"$work/out" 2>&1)
  code=$?
  if ((code == 124)); then
    fail "$input" "timed out after ${timeout_s}s"
  elif ! diff -u "$name.out" "$work/out" >"$work/diff"; then
    fail "$input" "$(head -n 40 "$work/diff")"
  elif [[ $code != "$want_code" ]]; then
    fail "$input" "exit status $code, want $want_code"
  else
    pass "$input"
  fi
done

# ---- 2. terminal -------------------------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
  echo "repl: terminal tests skipped: tmux is not installed (scripts/install-deps.sh installs it)"
else
  sock="gsl-repl-test-$$"
  tm() { tmux -L "$sock" "$@"; }
  screen() { tm capture-pane -p -t t; }
  # wait_for REGEX [SECONDS]: until the screen matches (extended regex).
  wait_for() {
    local deadline=$((SECONDS + ${2:-8}))
    while ((SECONDS < deadline)); do
      screen | grep -Eq -- "$1" && return 0
      sleep 0.1
    done
    return 1
  }
  # count_of REGEX: how many screen lines match.
  count_of() { screen | grep -Ec -- "$1"; }
  # wait_count REGEX N: until at least N screen lines match.
  wait_count() {
    local deadline=$((SECONDS + 8))
    while ((SECONDS < deadline)); do
      (($(count_of "$1") >= $2)) && return 0
      sleep 0.1
    done
    return 1
  }
  # last_line: the last non-empty line of the screen.
  last_line() { screen | sed '/^[[:space:]]*$/d' | tail -n 1; }
  # check NAME CONDITION...: records a pass or a failure (with the screen).
  check() {
    local name=$1
    shift
    if "$@"; then
      pass "terminal: $name"
    else
      fail "terminal: $name" "$(screen | sed '/^[[:space:]]*$/d' | tail -n 15)"
    fi
  }
  start() {
    # The previous server must be gone before a new one starts on the socket.
    tm kill-server 2>/dev/null
    local i
    for ((i = 0; i < 50; i++)); do
      tm ls >/dev/null 2>&1 || break
      sleep 0.1
    done
    sleep 0.2
    mkdir -p "$work/home"
    tm new-session -d -s t -x 120 -y 40 "env HOME='$work/home' TERM=xterm '$GSL'; echo \"EXITED \$?\"; sleep 60"
  }

  start
  check "banner and prompt" wait_for '^gsl> ?$'
  tm send-keys -t t 'x := 7' Enter
  tm send-keys -t t '1 + 41' Enter
  check "an expression echoes its value" wait_for '^42$'

  # Arrow-key history: Up brings back the last line, Enter runs it again.
  tm send-keys -t t Up
  check "Up recalls the previous line" wait_for '^gsl> 1 \+ 41$'
  tm send-keys -t t Enter
  check "Up then Enter runs the line again" wait_count '^42$' 2

  # Tab completion of a package's members.
  tm send-keys -t t 'strings.Sp' Tab Tab
  check "Tab completes strings.Sp" wait_for 'strings\.SplitAfter'
  tm send-keys -t t C-u
  tm send-keys -t t 'strings.ToU' Tab
  check "a single completion is inserted" wait_for '^gsl> strings\.ToUpper$'
  tm send-keys -t t '("go")' Enter
  check "the completed call runs" wait_for '^GO$'

  # Tab completion of a value's fields and methods.
  tm send-keys -t t 'type Point struct{ X, Y int }' Enter
  tm send-keys -t t 'func (p Point) Norm() int { return p.X*p.X + p.Y*p.Y }' Enter
  tm send-keys -t t 'pt := Point{3, 4}' Enter
  tm send-keys -t t 'pt.' Tab Tab
  check "Tab completes a value's fields and methods" wait_for 'pt\.Norm +pt\.X +pt\.Y'
  tm send-keys -t t C-u

  # Continuation prompt on an open brace.
  tm send-keys -t t 'func double(n int) int {' Enter
  check "an open brace asks for more" wait_for '^\.\.\.> ?$'
  tm send-keys -t t 'return n * 2' Enter '}' Enter 'double(21)' Enter
  check "a function typed over three lines works" wait_count '^42$' 3

  # Ctrl-C interrupts `for {}`; the session's state is intact.
  tm send-keys -t t 'for {}' Enter
  sleep 0.5
  tm send-keys -t t C-c
  check "Ctrl-C interrupts for {}" wait_for '^interrupted$'
  tm send-keys -t t 'x * 6' Enter
  check "state survives the interrupt" wait_count '^42$' 4

  # Ctrl-C also ends an input blocked on a channel (a sleeping goroutine
  # keeps the runtime from calling it a deadlock): it is abandoned.
  tm send-keys -t t 'go func() { time.Sleep(time.Hour) }()' Enter
  tm send-keys -t t 'blocked := make(chan int)' Enter
  tm send-keys -t t '<-blocked' Enter
  sleep 0.5
  tm send-keys -t t C-c
  check "Ctrl-C abandons a blocked input" wait_for '^interrupted \(the input was blocked'
  tm send-keys -t t 'x * 6' Enter
  check "the session goes on after it" wait_count '^42$' 5

  # Output of a goroutine while a line is being edited appears above it.
  tm send-keys -t t 'go func() { time.Sleep(500 * time.Millisecond); fmt.Println("from the background") }()' Enter
  tm send-keys -t t 'half typed'
  check "goroutine output appears" wait_for '^from the background$'
  sleep 0.3
  check "the line being edited is redrawn after it" test "$(last_line)" = "gsl> half typed"

  # Ctrl-D on an empty line exits with status 0.
  tm send-keys -t t C-u C-d
  check "Ctrl-D on an empty line exits" wait_for '^EXITED 0$'
  check "history is saved in ~/.gsl_history" grep -q 'double' "$work/home/.gsl_history"

  # The next session starts with that history.
  start
  wait_for '^gsl> ?$' >/dev/null
  tm send-keys -t t Up
  check "Up recalls the previous session's last line" wait_for '^gsl> go func\(\) \{ time\.Sleep'
  tm kill-server 2>/dev/null
fi

echo "repl: $passed passed, $failed failed"
((failed == 0))
