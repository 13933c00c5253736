#!/usr/bin/env bash
# Checks the `gsl test` golden tests of this folder against `go test`
# itself (scripts/check-against-go.sh only builds and runs programs, so
# these tests are marked `// gsl:nogo` for it and checked here instead).
#
#   tests/gsltest/compare-with-go.sh [--write] [NAME...]   (default: every test here)
#
# For each test NAME (NAME.gsl, the package's code, and NAME_test.gsl, its
# tests): both are copied into a temporary module as NAME.go and
# NAME_test.go, `go test` runs there with NAME.args (file names ending in
# .gsl renamed to .go), the file names in its output are renamed back
# (x_test.go:12 -> x_test.gsl:12), all.sed masks what varies (durations,
# benchmark figures, goroutine traces), and the result must equal NAME.out,
# and Go's exit status NAME.code (default 0). With --write, Go's masked
# output and status are written to NAME.out and NAME.code instead: this is
# how the .out files of this folder were made.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
write=0
names=()
for arg in "$@"; do
  case $arg in
    --write) write=1 ;;
    *) names+=("${arg%.gsl}") ;;
  esac
done
if ((${#names[@]} == 0)); then
  for pre in "$here"/*.pre; do
    names+=("$(basename "$pre" .pre)")
  done
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
for name in "${names[@]}"; do
  dir="$work/$name"
  mkdir -p "$dir"
  printf 'module example.com/gsltest\n\ngo 1.19\n' >"$dir/go.mod"
  cp "$here/$name.gsl" "$dir/$name.go"
  cp "$here/${name}_test.gsl" "$dir/${name}_test.go"
  args=()
  if [[ -f $here/$name.args ]]; then
    mapfile -t args <"$here/$name.args"
  fi
  for i in "${!args[@]}"; do
    [[ ${args[i]} == *.gsl ]] && args[i]=${args[i]%.gsl}.go
  done
  (cd "$dir" && GOFLAGS=-count=1 go test "$name.go" "${args[@]}") >"$dir/out" 2>"$dir/err"
  code=$?
  sed -E 's/([A-Za-z0-9_]+)\.go:([0-9]+)/\1.gsl:\2/g' "$dir/out" |
    sed -E -f "$here/all.sed" >"$dir/masked"
  if ((write)); then
    cp "$dir/masked" "$here/$name.out"
    if ((code != 0)); then echo "$code" >"$here/$name.code"; else rm -f "$here/$name.code"; fi
    echo "wrote $name.out (go test exit status $code)"
    continue
  fi
  want_code=0
  [[ -f $here/$name.code ]] && read -r want_code <"$here/$name.code"
  if ! diff -u --label "$name.out" --label "go test (masked)" "$here/$name.out" "$dir/masked" ||
    [[ $code != "$want_code" ]]; then
    echo "FAIL $name (go test exit status $code, want $want_code)"
    failed=$((failed + 1))
  else
    echo "ok   $name"
  fi
done
((failed == 0))
