#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing gsl need.
#
# Run as root, it installs whatever is missing with apt-get (refreshing the
# package lists once if the first attempt fails, as it does on a machine whose
# lists were never downloaded). Run as anyone else, it prints the one
# `sudo apt-get install` command that would do it and exits with status 1.
# When every package is already there it prints nothing and exits 0, so the
# Makefile can call it as often as it likes.
set -euo pipefail

# What each package is for:
#   g++, make             the compiler (g++ 12) and the build
#   libgc-dev             the garbage collector behind vm/heap
#   libre2-dev            the regexp package
#   libffi-dev            the ffi package
#   doctest-dev           the C++ unit tests
#   libedit-dev           line editing in the REPL
#   golang-go             scripts/check-against-go.sh (Go is the reference)
#   golang-golang-x-sync-dev  golang.org/x/sync/errgroup for that check
#   clang, libclang-rt-14-dev  `make fuzz` (libFuzzer)
#   tmux                  driving the REPL in tests
#   time                  GNU time: golden tests with NAME.maxrss measure peak memory
packages=(
  g++ make libgc-dev libre2-dev libffi-dev doctest-dev libedit-dev
  golang-go golang-golang-x-sync-dev clang libclang-rt-14-dev tmux time
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: this is not a Debian system; install the equivalents of: ${packages[*]}" >&2
  exit 1
fi

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ $status != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if ((EUID != 0)); then
  echo "gsl needs Debian packages that are not installed. Install them with:" >&2
  echo "sudo apt-get install -y ${missing[*]}"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
if ! apt-get install -y -q "${missing[@]}"; then
  echo "install-deps: refreshing the package lists and trying again"
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi
