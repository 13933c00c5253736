#!/usr/bin/env bash
# Checks that each source folder includes only what its layer may use.
#
# Data flows one way (docs in README.md):
#   lexer/ -> parser/ -> compiler/ -> vm/ <-> runtime/ <- stdlib/ ; cli/ uses all.
# The rules, per folder (a name ending in / is a whole folder):
#   lexer/     lexer/
#   parser/    lexer/ parser/
#   compiler/  lexer/ parser/ vm/ compiler/
#   vm/        vm/ runtime/ lexer/token.h (for source positions)
#   runtime/   vm/ runtime/
#   stdlib/    vm/ runtime/ stdlib/
#   cli/, tests/, fuzz/, bench/: anything
#
# It also checks two conventions the layering relies on:
#  * project includes are written from the project root ("vm/value.h"), never
#    relative to the including file ("value.h");
#  * headers of the library folders include no third-party header (libgc, RE2,
#    libffi, libedit, doctest stay inside .cpp files).
#
# Prints one line per violation and exits 1 if there is any.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

declare -A allowed=(
  [lexer]="lexer/"
  [parser]="lexer/ parser/"
  [compiler]="lexer/ parser/ vm/ compiler/"
  [vm]="vm/ runtime/ lexer/token.h"
  [runtime]="vm/ runtime/"
  [stdlib]="vm/ runtime/ stdlib/"
)
project_dirs=" lexer parser compiler vm runtime stdlib cli tests fuzz bench "
third_party='^(gc\.h|gc/|gc_cpp\.h|gc_allocator\.h|re2/|ffi\.h|histedit\.h|editline/|doctest/)'

include_re='^[[:space:]]*#[[:space:]]*include[[:space:]]*(["<])([^">]+)[">]'

violations=0
checked=0

report() {
  echo "layering: $1"
  violations=$((violations + 1))
}

for layer in lexer parser compiler vm runtime stdlib; do
  [[ -d $layer ]] || continue
  mapfile -d '' files < <(find "$layer" -type f \( -name '*.h' -o -name '*.hpp' -o -name '*.cpp' \
    -o -name '*.def' -o -name '*.inc' \) -print0 | LC_ALL=C sort -z)
  ((${#files[@]} == 0)) && continue
  checked=$((checked + ${#files[@]}))
  # One grep per folder: FILE:LINE:TEXT for every #include line.
  while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    lineno=${rest%%:*}
    line=${rest#*:}
    [[ $line =~ $include_re ]] || continue
    kind=${BASH_REMATCH[1]}
    inc=${BASH_REMATCH[2]}
    if [[ $kind == "<" ]]; then
      if [[ $file == *.h && $inc =~ $third_party ]]; then
        report "$file:$lineno: the header includes the third-party header <$inc>; include it in a .cpp file only"
      fi
      continue
    fi
    if [[ $inc != */* ]]; then
      if [[ -e $(dirname "$file")/$inc ]]; then
        report "$file:$lineno: \"$inc\" must be written from the project root, as \"$(dirname "$file")/$inc\""
      fi
      continue
    fi
    top=${inc%%/*}
    # Quoted includes of folders that are not ours are not our business.
    [[ $project_dirs == *" $top "* ]] || continue
    ok=0
    for rule in ${allowed[$layer]}; do
      if [[ $rule == */ ]]; then
        [[ $inc == "$rule"* ]] && ok=1
      else
        [[ $inc == "$rule" ]] && ok=1
      fi
    done
    if ((!ok)); then
      report "$file:$lineno: $layer/ may not include \"$inc\" ($layer/ may include: ${allowed[$layer]})"
    fi
  done < <(grep -HnE '^[[:space:]]*#[[:space:]]*include' "${files[@]}")
done

if ((violations > 0)); then
  echo "layering: $violations forbidden include(s) in $checked files"
  exit 1
fi
echo "layering: ok ($checked files checked)"
