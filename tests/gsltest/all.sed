# Durations vary from run to run: "(0.01s)" and the summary's "0.012s".
s/\([0-9]+\.[0-9]+s\)/(X.XXs)/g
s/^(ok  |FAIL)\t([^\t]*)\t[0-9]+\.[0-9]+s/\1\t\2\tX.XXXs/
# A panic's goroutine trace names the runner's frames, not Go's.
/^goroutine [0-9]+ \[running\]:$/,/^exit status/{/^exit status/!d}
# Benchmark figures and the processor's name vary.
s/^cpu: .*/cpu: CPU/
s/^(Benchmark[^\t]*\t) *[0-9]+\t *[0-9.]+ ns\/op/\1N\tT ns\/op/
s/\t *[0-9]+ B\/op\t *[0-9]+ allocs\/op/\tB B\/op\tA allocs\/op/
