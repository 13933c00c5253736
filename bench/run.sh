#!/usr/bin/env bash
# bench/run.sh: run the shared benchmark programs under gsl and, in the same
# sitting, under go, yaegi, lua5.4 and python3, and print medians and ratios.
#
# The programs live outside this repository, in the project's shared bench
# folder (by default ../shared/bench from the repository root; set
# SHARED_BENCH to point elsewhere). They are run verbatim: gsl gets the same
# go/NAME.go file that `go build` compiles.
#
# Usage: bench/run.sh [NAME...]          (default: the single-threaded suite)
#        GSL=./gsl RUNS=5 bench/run.sh fib loop
# Environment is passed through to the shared run.sh (RUNS, IMPLS, TIMER, ...).
# Results: the shared script's table, plus $OUT_DIR/results.md. Copy the
# figures you quote into bench/RESULTS.md with the date and the machine.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-$root/../shared/bench}
if [ ! -f "$shared/run.sh" ]; then
  echo "bench: no shared benchmark suite at $shared (set SHARED_BENCH)" >&2
  exit 2
fi
export GSL=${GSL:-$root/gsl}
if [ ! -x "${GSL%% *}" ]; then
  echo "bench: $GSL is not built; run make first" >&2
  exit 2
fi
if [ $# -eq 0 ]; then
  set -- fib loop nbody binarytrees mapwords strbuild sort closure
fi
exec bash "$shared/run.sh" "$@"
