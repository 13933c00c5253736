// cli/test_command_harness.cpp: the test runner `gsl test` compiles with the
// package under test (see cli/test_command.h). It is gsl code, like the
// Go testing package it mirrors (tRunner, T.Run, T.Parallel, the chatty
// printer, the benchmark loop), so that each test runs in its own goroutine,
// FailNow is runtime.Goexit and a panicking test is reported by an ordinary
// deferred recover. Every package-level name starts with `gslt` and every
// import is renamed, so the runner cannot collide with the package's names.
//
// The runner's state for one test or benchmark is a *gsltCommon; the
// *testing.T or *testing.B the test sees holds it in its hidden `common`
// field. gsltMain attaches the runner's functions as the methods of
// *testing.T and *testing.B (testdeps.Bind) before any test runs.
//
// Examples run after the tests, with standard output captured
// (testdeps.CaptureStart/CaptureStop), and are checked against their
// `// Output:` comment as Go's are.
//
// Locks: each gsltCommon's `mu` (a one-slot channel) guards its output,
// flags, cleanups and sub list; flushToParent takes the parent's lock before
// the child's. gsltPrintMu serialises the verbose printer (gsltLastName);
// gsltNamesMu the unique subtest names; gsltParMu the parallel accounting.
#include "cli/test_command.h"

namespace gsl::cli {

std::string_view testHarnessSource() {
  return R"gsl(
import (
	gslterrors "errors"
	gsltfmt "fmt"
	gsltos "os"
	gsltregexp "regexp"
	gsltruntime "runtime"
	gsltsort "sort"
	gsltstrconv "strconv"
	gsltstrings "strings"
	gslttesting "testing"
	gsltdeps "testing/internal/testdeps"
	gslttime "time"
	gsltunicode "unicode"
)

type gsltTest struct {
	name string
	f    func(*gslttesting.T)
}

type gsltBench struct {
	name string
	f    func(*gslttesting.B)
}

type gsltExample struct {
	name      string
	f         func()
	output    string
	unordered bool
}

type gsltOptions struct {
	run        string
	bench      string
	benchTime  string
	importPath string
	count      int
	verbose    bool
	short      bool
	failfast   bool
	benchmem   bool
}

type gsltCommon struct {
	mu         chan bool
	name       string
	parent     *gsltCommon
	level      int
	output     string
	failed     bool
	skipped    bool
	finished   bool
	done       bool
	isParallel bool
	isEnvSet   bool
	hasSub     bool
	ran        bool
	bench      bool
	helpers    string
	cleanups   []func()
	sub        []*gsltCommon
	signal     chan bool
	barrier    chan bool
	start      gslttime.Time
	duration   gslttime.Duration
	t          *gslttesting.T
	b          *gslttesting.B
	tempDir    string
	tempDirSeq int

	benchFunc  func(*gslttesting.B)
	benchN     int
	benchD     gslttime.Duration
	timerOn    bool
	timerStart gslttime.Time
	startBytes int64
	netBytes   int64
	bytes      int64
	showAllocs bool
	resultN    int
	resultT    gslttime.Duration
	resultMem  int64
	extra      map[string]float64

	parallelism      int
	previousN        int
	previousDuration gslttime.Duration
}

var (
	gsltOpts        gsltOptions
	gsltChatty      bool
	gsltLastName    string
	gsltPrintMu     = make(chan bool, 1)
	gsltNamesMu     = make(chan bool, 1)
	gsltSubNames    = map[string]int{}
	gsltRunFilter   [][]*gsltregexp.Regexp
	gsltBenchFilter [][]*gsltregexp.Regexp
	gsltParMu       = make(chan bool, 1)
	gsltRunning     int
	gsltWaiting     int
	gsltMaxParallel int
	gsltStartPar    = make(chan bool)
	gsltNumFailed   int
	gsltBenchMaxLen int
	gsltBenchExtLen int
	gsltLabelsDone  bool
	gsltDeadline    gslttime.Time

	gsltErrNilPanicOrGoexit = gslterrors.New("test executed panic(nil) or runtime.Goexit")
)

func (c *gsltCommon) lock()   { c.mu <- true }
func (c *gsltCommon) unlock() { <-c.mu }

func gsltNewCommon(name string, parent *gsltCommon) *gsltCommon {
	c := &gsltCommon{mu: make(chan bool, 1), name: name, parent: parent}
	c.signal = make(chan bool, 1)
	c.barrier = make(chan bool)
	c.parallelism = 1
	if parent != nil {
		c.level = parent.level + 1
	}
	return c
}

func gsltOf(x any) *gsltCommon {
	switch v := x.(type) {
	case *gslttesting.T:
		return v.common.(*gsltCommon)
	case *gslttesting.B:
		return v.common.(*gsltCommon)
	}
	panic("testing: not a *testing.T or *testing.B")
}

// ---- output -------------------------------------------------------------------

func gsltUpdatef(name, s string) {
	gsltPrintMu <- true
	gsltLastName = name
	gsltfmt.Print(s)
	<-gsltPrintMu
}

func gsltPrintf(name, s string) {
	gsltPrintMu <- true
	if gsltLastName == "" {
		gsltLastName = name
	} else if gsltLastName != name {
		gsltfmt.Printf("=== CONT  %s\n", name)
		gsltLastName = name
	}
	gsltfmt.Print(s)
	<-gsltPrintMu
}

func gsltIndent(s string) string {
	out := ""
	for len(s) > 0 {
		end := gsltstrings.IndexByte(s, '\n')
		if end < 0 {
			end = len(s)
		} else {
			end++
		}
		out += "    " + s[:end]
		s = s[end:]
	}
	return out
}

func (c *gsltCommon) decorate(s string) string {
	file, line := gsltdeps.Caller(gsltRunnerFile, c.helpers)
	if line == 0 {
		line = 1
	}
	var buf gsltstrings.Builder
	buf.WriteString("    ")
	gsltfmt.Fprintf(&buf, "%s:%d: ", file, line)
	lines := gsltstrings.Split(s, "\n")
	if l := len(lines); l > 1 && lines[l-1] == "" {
		lines = lines[:l-1]
	}
	for i, l := range lines {
		if i > 0 {
			buf.WriteString("\n        ")
		}
		buf.WriteString(l)
	}
	buf.WriteByte('\n')
	return buf.String()
}

// writes s where c's output goes: standard output for the root test and for
// benchmarks, otherwise c's buffer, indented.
func (c *gsltCommon) write(s string) {
	if c.parent == nil || c.bench {
		gsltfmt.Print(s)
		return
	}
	c.output += gsltIndent(s)
}

func (c *gsltCommon) flushToParent(testName, header string) {
	p := c.parent
	p.lock()
	c.lock()
	s := header + c.output
	c.output = ""
	if p.parent == nil && gsltChatty {
		gsltUpdatef(testName, s)
	} else {
		p.write(s)
	}
	c.unlock()
	p.unlock()
}

func (c *gsltCommon) log(s string) {
	c.lock()
	if c.done {
		c.unlock()
		for p := c.parent; p != nil; p = p.parent {
			p.lock()
			if !p.done {
				p.output += p.decorate(s)
				p.unlock()
				return
			}
			p.unlock()
		}
		panic("Log in goroutine after " + c.name + " has completed: " + s)
	}
	if gsltChatty {
		if c.bench {
			gsltfmt.Print(c.decorate(s))
		} else {
			gsltPrintf(c.name, c.decorate(s))
		}
		c.unlock()
		return
	}
	c.output += c.decorate(s)
	c.unlock()
}

func gsltFmtDuration(d gslttime.Duration) string {
	return gsltfmt.Sprintf("%.2fs", d.Seconds())
}

// ---- the methods common to T and B ------------------------------------------------

func gsltFail(x any) { gsltOf(x).fail() }

func (c *gsltCommon) fail() {
	if c.parent != nil {
		c.parent.fail()
	}
	c.lock()
	defer c.unlock()
	if c.done {
		panic("Fail in goroutine after " + c.name + " has completed")
	}
	c.failed = true
}

func gsltFailed(x any) bool {
	c := gsltOf(x)
	c.lock()
	defer c.unlock()
	return c.failed
}

func gsltFailNow(x any) {
	c := gsltOf(x)
	c.fail()
	c.lock()
	c.finished = true
	c.unlock()
	gsltruntime.Goexit()
}

func gsltLog(x any, args ...any)                 { gsltOf(x).log(gsltfmt.Sprintln(args...)) }
func gsltLogf(x any, format string, args ...any) { gsltOf(x).log(gsltfmt.Sprintf(format, args...)) }

func gsltError(x any, args ...any) {
	c := gsltOf(x)
	c.log(gsltfmt.Sprintln(args...))
	c.fail()
}

func gsltErrorf(x any, format string, args ...any) {
	c := gsltOf(x)
	c.log(gsltfmt.Sprintf(format, args...))
	c.fail()
}

func gsltFatal(x any, args ...any) {
	gsltOf(x).log(gsltfmt.Sprintln(args...))
	gsltFailNow(x)
}

func gsltFatalf(x any, format string, args ...any) {
	gsltOf(x).log(gsltfmt.Sprintf(format, args...))
	gsltFailNow(x)
}

func gsltSkip(x any, args ...any) {
	gsltOf(x).log(gsltfmt.Sprintln(args...))
	gsltSkipNow(x)
}

func gsltSkipf(x any, format string, args ...any) {
	gsltOf(x).log(gsltfmt.Sprintf(format, args...))
	gsltSkipNow(x)
}

func gsltSkipNow(x any) {
	c := gsltOf(x)
	c.lock()
	c.skipped = true
	c.finished = true
	c.unlock()
	gsltruntime.Goexit()
}

func gsltSkipped(x any) bool {
	c := gsltOf(x)
	c.lock()
	defer c.unlock()
	return c.skipped
}

func gsltName(x any) string { return gsltOf(x).name }

func gsltHelper(x any) {
	c := gsltOf(x)
	name := "|" + gsltdeps.CallerName(gsltRunnerFile) + "|"
	c.lock()
	if !gsltstrings.Contains(c.helpers, name) {
		if c.helpers == "" {
			c.helpers = name
		} else {
			c.helpers += name[1:]
		}
	}
	c.unlock()
}

func gsltCleanup(x any, f func()) {
	c := gsltOf(x)
	c.lock()
	c.cleanups = append(c.cleanups, f)
	c.unlock()
}

func gsltTempDir(x any) string {
	c := gsltOf(x)
	c.lock()
	if c.tempDir == "" {
		pattern := gsltstrings.Map(func(r rune) rune {
			if gsltstrings.ContainsRune("<>:\"/\\|?*", r) {
				return -1
			}
			return r
		}, c.name)
		dir, err := gsltos.MkdirTemp("", pattern)
		if err != nil {
			c.unlock()
			gsltFatalf(x, "TempDir: %v", err)
		}
		c.tempDir = dir
		c.cleanups = append(c.cleanups, func() { gsltos.RemoveAll(dir) })
	}
	c.tempDirSeq++
	dir := gsltfmt.Sprintf("%s%c%03d", c.tempDir, '/', c.tempDirSeq)
	c.unlock()
	if err := gsltos.Mkdir(dir, 0777); err != nil {
		gsltFatalf(x, "TempDir: %v", err)
	}
	return dir
}

func gsltSetenv(x any, key, value string) {
	c := gsltOf(x)
	if c.isParallel {
		panic("testing: t.Setenv called after t.Parallel; cannot set environment variables in parallel tests")
	}
	c.isEnvSet = true
	prev, ok := gsltos.LookupEnv(key)
	if err := gsltos.Setenv(key, value); err != nil {
		gsltFatalf(x, "cannot set environment variable: %v", err)
	}
	if ok {
		gsltCleanup(x, func() { gsltos.Setenv(key, prev) })
	} else {
		gsltCleanup(x, func() { gsltos.Unsetenv(key) })
	}
}

func gsltDeadlineOf(t *gslttesting.T) (gslttime.Time, bool) { return gsltDeadline, true }

// runCleanup runs c's cleanups, last registered first; with recoverPanic it
// stops a panic and returns its value.
func (c *gsltCommon) runCleanup(recoverPanic bool) (panicVal any) {
	if recoverPanic {
		defer func() { panicVal = recover() }()
	}
	defer func() {
		c.lock()
		recur := len(c.cleanups) > 0
		c.unlock()
		if recur {
			c.runCleanup(false)
		}
	}()
	for {
		var cleanup func()
		c.lock()
		if n := len(c.cleanups); n > 0 {
			cleanup = c.cleanups[n-1]
			c.cleanups = c.cleanups[:n-1]
		}
		c.unlock()
		if cleanup == nil {
			return nil
		}
		cleanup()
	}
}

// ---- names and -run / -bench ------------------------------------------------------

// gsltSplitPattern splits a -run or -bench pattern as Go 1.19 does: into
// alternatives at each top-level '|', each into one regexp per name level
// at each top-level '/'.
func gsltSplitPattern(s string) [][]string {
	var alts [][]string
	var cur []string
	cs, cp := 0, 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '[':
			cs++
		case ']':
			if cs--; cs < 0 {
				cs = 0
			}
		case '(':
			if cs == 0 {
				cp++
			}
		case ')':
			if cs == 0 {
				cp--
			}
		case '\\':
			i++
		case '/', '|':
			if cs == 0 && cp == 0 {
				cur = append(cur, s[:i])
				if s[i] == '|' {
					alts = append(alts, cur)
					cur = nil
				}
				s = s[i+1:]
				i = 0
				continue
			}
		}
		i++
	}
	return append(alts, append(cur, s))
}

func gsltCompileFilter(pattern, flag string) [][]*gsltregexp.Regexp {
	if pattern == "" {
		return nil
	}
	var filter [][]*gsltregexp.Regexp
	for _, alt := range gsltSplitPattern(pattern) {
		var res []*gsltregexp.Regexp
		for i, p := range alt {
			re, err := gsltregexp.Compile(p)
			if err != nil {
				gsltfmt.Fprintf(gsltos.Stderr, "testing: invalid regexp for element %d of %s (%q): %s\n", i, flag, p, err)
				gsltos.Exit(1)
			}
			res = append(res, re)
		}
		filter = append(filter, res)
	}
	return filter
}

func gsltRewrite(s string) string {
	var b gsltstrings.Builder
	for _, r := range s {
		switch {
		case gsltunicode.IsSpace(r):
			b.WriteByte('_')
		case !gsltstrconv.IsPrint(r):
			q := gsltstrconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func gsltUnique(parent, subname string) string {
	name := parent + "/" + subname
	empty := subname == ""
	for {
		next, exists := gsltSubNames[name]
		if !empty && !exists {
			gsltSubNames[name] = 1
			return name
		}
		gsltSubNames[name] = next + 1
		name = gsltfmt.Sprintf("%s#%02d", name, next)
		empty = false
	}
}

func gsltFullName(c *gsltCommon, subname string, filter [][]*gsltregexp.Regexp) (string, bool, bool) {
	name := subname
	gsltNamesMu <- true
	if c != nil && c.level > 0 {
		name = gsltUnique(c.name, gsltRewrite(subname))
	}
	<-gsltNamesMu
	if filter == nil {
		return name, true, false
	}
	elem := gsltstrings.Split(name, "/")
	for _, alt := range filter {
		matched := true
		for i, s := range elem {
			if i >= len(alt) {
				break
			}
			if !alt[i].MatchString(s) {
				matched = false
				break
			}
		}
		if matched {
			return name, true, len(elem) < len(alt)
		}
	}
	return name, false, false
}

// ---- running tests --------------------------------------------------------------

func gsltWaitParallel() {
	gsltParMu <- true
	if gsltRunning < gsltMaxParallel {
		gsltRunning++
		<-gsltParMu
		return
	}
	gsltWaiting++
	<-gsltParMu
	<-gsltStartPar
}

func gsltRelease() {
	gsltParMu <- true
	if gsltWaiting == 0 {
		gsltRunning--
		<-gsltParMu
		return
	}
	gsltWaiting--
	<-gsltParMu
	gsltStartPar <- true
}

func (c *gsltCommon) setRan() {
	for p := c; p != nil; p = p.parent {
		p.lock()
		p.ran = true
		p.unlock()
	}
}

func (c *gsltCommon) report() {
	if c.parent == nil {
		return
	}
	d := gsltFmtDuration(c.duration)
	if c.failed {
		c.flushToParent(c.name, gsltfmt.Sprintf("--- FAIL: %s (%s)\n", c.name, d))
	} else if gsltChatty {
		if c.skipped {
			c.flushToParent(c.name, gsltfmt.Sprintf("--- SKIP: %s (%s)\n", c.name, d))
		} else {
			c.flushToParent(c.name, gsltfmt.Sprintf("--- PASS: %s (%s)\n", c.name, d))
		}
	}
}

func gsltRunner(c *gsltCommon, fn func()) {
	defer func() {
		if c.failed {
			gsltParMu <- true
			gsltNumFailed++
			<-gsltParMu
		}
		err := recover()
		signal := true
		c.lock()
		finished := c.finished
		c.unlock()
		if !finished && err == nil {
			err = gsltErrNilPanicOrGoexit
			for p := c.parent; p != nil; p = p.parent {
				p.lock()
				finished = p.finished
				p.unlock()
				if finished {
					gsltErrorf(c.t, "%v: subtest may have called FailNow on a parent test", err)
					err = nil
					signal = false
					break
				}
			}
		}
		didPanic := false
		defer func() {
			if didPanic {
				return
			}
			if err != nil {
				panic(err)
			}
			c.signal <- signal
		}()
		doPanic := func(err any) {
			c.fail()
			if r := c.runCleanup(true); r != nil {
				gsltLogf(c.t, "cleanup panicked with %v", r)
			}
			for root := c; root.parent != nil; root = root.parent {
				root.lock()
				root.duration += gslttime.Since(root.start)
				d := root.duration
				root.unlock()
				root.flushToParent(root.name, gsltfmt.Sprintf("--- FAIL: %s (%s)\n", root.name, gsltFmtDuration(d)))
				if r := root.parent.runCleanup(true); r != nil {
					root.parent.write(gsltfmt.Sprintf("cleanup panicked with %v", r))
				}
			}
			didPanic = true
			panic(err)
		}
		if err != nil {
			doPanic(err)
		}
		c.duration += gslttime.Since(c.start)
		if len(c.sub) > 0 {
			gsltRelease()
			close(c.barrier)
			for _, sub := range c.sub {
				<-sub.signal
			}
			cleanupStart := gslttime.Now()
			err := c.runCleanup(true)
			c.duration += gslttime.Since(cleanupStart)
			if err != nil {
				doPanic(err)
			}
			if !c.isParallel {
				gsltWaitParallel()
			}
		} else if c.isParallel {
			gsltRelease()
		}
		c.report()
		c.done = true
		if c.parent != nil && !c.hasSub {
			c.setRan()
		}
	}()
	defer func() {
		if len(c.sub) == 0 {
			c.runCleanup(false)
		}
	}()
	c.start = gslttime.Now()
	fn()
	c.lock()
	c.finished = true
	c.unlock()
}

func gsltRun(t *gslttesting.T, name string, f func(t *gslttesting.T)) bool {
	c := gsltOf(t)
	c.lock()
	c.hasSub = true
	c.unlock()
	testName, ok, _ := gsltFullName(c, name, gsltRunFilter)
	if !ok || (gsltOpts.failfast && gsltNumFailed > 0) {
		return true
	}
	sub := gsltNewCommon(testName, c)
	st := new(gslttesting.T)
	st.common = sub
	sub.t = st
	if gsltChatty {
		gsltUpdatef(testName, "=== RUN   "+testName+"\n")
	}
	go gsltRunner(sub, func() { f(st) })
	if !<-sub.signal {
		gsltruntime.Goexit()
	}
	return !sub.failed
}

func gsltParallel(t *gslttesting.T) {
	c := gsltOf(t)
	if c.isParallel {
		panic("testing: t.Parallel called multiple times")
	}
	if c.isEnvSet {
		panic("testing: t.Parallel called after t.Setenv; cannot set environment variables in parallel tests")
	}
	c.isParallel = true
	c.duration += gslttime.Since(c.start)
	p := c.parent
	p.lock()
	p.sub = append(p.sub, c)
	p.unlock()
	if gsltChatty {
		gsltUpdatef(c.name, "=== PAUSE "+c.name+"\n")
	}
	c.signal <- true
	<-p.barrier
	gsltWaitParallel()
	if gsltChatty {
		gsltUpdatef(c.name, "=== CONT  "+c.name+"\n")
	}
	c.start = gslttime.Now()
}

func gsltRunTests(tests []gsltTest) (ran, ok bool) {
	ok = true
	for i := 0; i < gsltOpts.count; i++ {
		if gsltOpts.failfast && gsltNumFailed > 0 {
			break
		}
		if i > 0 && !ran {
			break
		}
		gsltSubNames = map[string]int{}
		gsltRunning, gsltWaiting = 1, 0
		gsltLastName = ""
		root := gsltNewCommon("", nil)
		root.t = new(gslttesting.T)
		root.t.common = root
		gsltRunner(root, func() {
			for _, test := range tests {
				gsltRun(root.t, test.name, test.f)
			}
		})
		<-root.signal
		ok = ok && !root.failed
		ran = ran || root.ran
	}
	return ran, ok
}

// ---- benchmarks -------------------------------------------------------------------

func gsltBenchName(name string, procs int) string {
	if procs != 1 {
		return gsltfmt.Sprintf("%s-%d", name, procs)
	}
	return name
}

func gsltParseBenchTime(s string) (gslttime.Duration, int) {
	if gsltstrings.HasSuffix(s, "x") {
		n, err := gsltstrconv.ParseInt(s[:len(s)-1], 10, 0)
		if err != nil || n <= 0 {
			gsltfmt.Fprintf(gsltos.Stderr, "invalid value %q for flag -test.benchtime: invalid count\n", s)
			gsltos.Exit(2)
		}
		return 0, int(n)
	}
	d, err := gslttime.ParseDuration(s)
	if err != nil || d <= 0 {
		gsltfmt.Fprintf(gsltos.Stderr, "invalid value %q for flag -test.benchtime: invalid duration\n", s)
		gsltos.Exit(2)
	}
	return d, 0
}

func gsltResetTimer(b *gslttesting.B) {
	c := gsltOf(b)
	if c.timerOn {
		c.timerStart = gslttime.Now()
		c.startBytes = gsltdeps.AllocatedBytes()
	}
	c.duration = 0
	c.netBytes = 0
}

func gsltStartTimer(b *gslttesting.B) {
	c := gsltOf(b)
	if !c.timerOn {
		c.timerStart = gslttime.Now()
		c.startBytes = gsltdeps.AllocatedBytes()
		c.timerOn = true
	}
}

func gsltStopTimer(b *gslttesting.B) {
	c := gsltOf(b)
	if c.timerOn {
		c.duration += gslttime.Since(c.timerStart)
		c.netBytes += gsltdeps.AllocatedBytes() - c.startBytes
		c.timerOn = false
	}
}

func gsltReportAllocs(b *gslttesting.B)       { gsltOf(b).showAllocs = true }
func gsltSetBytes(b *gslttesting.B, n int64)  { gsltOf(b).bytes = n }
func gsltElapsed(b *gslttesting.B) gslttime.Duration {
	c := gsltOf(b)
	d := c.duration
	if c.timerOn {
		d += gslttime.Since(c.timerStart)
	}
	return d
}

func gsltReportMetric(b *gslttesting.B, n float64, unit string) {
	if unit == "" || gsltstrings.IndexFunc(unit, gsltunicode.IsSpace) >= 0 {
		panic("metric unit must not be empty or contain white space")
	}
	c := gsltOf(b)
	if c.extra == nil {
		c.extra = map[string]float64{}
	}
	c.extra[unit] = n
}

// RunParallel: GOMAXPROCS goroutines (times SetParallelism's factor) share
// the b.N iterations, taking them in batches (Go's grain: about 100µs of
// work, from the previous run's speed).
type gsltPBState struct {
	mu    chan bool
	n     int64
	bN    int64
	grain int64
}

type gsltPB struct {
	state *gsltPBState
	cache int64
}

func gsltPBNext(pb *gslttesting.PB) bool {
	p := pb.common.(*gsltPB)
	if p.cache == 0 {
		s := p.state
		s.mu <- true
		s.n += s.grain
		n := s.n
		<-s.mu
		if n <= s.bN {
			p.cache = s.grain
		} else if n < s.bN+s.grain {
			p.cache = s.bN + s.grain - n
		} else {
			return false
		}
	}
	p.cache--
	return true
}

func gsltSetParallelism(b *gslttesting.B, p int) {
	if p >= 1 {
		gsltOf(b).parallelism = p
	}
}

func gsltRunParallel(b *gslttesting.B, body func(*gslttesting.PB)) {
	c := gsltOf(b)
	if b.N == 0 {
		return
	}
	grain := int64(0)
	if c.previousN > 0 && c.previousDuration > 0 {
		grain = 100000 * int64(c.previousN) / int64(c.previousDuration)
	}
	if grain < 1 {
		grain = 1
	}
	if grain > 10000 {
		grain = 10000
	}
	state := &gsltPBState{mu: make(chan bool, 1), bN: int64(b.N), grain: grain}
	procs := c.parallelism * gsltruntime.GOMAXPROCS(0)
	done := make(chan bool, procs)
	for i := 0; i < procs; i++ {
		go func() {
			defer func() { done <- true }()
			pb := new(gslttesting.PB)
			pb.common = &gsltPB{state: state}
			body(pb)
		}()
	}
	for i := 0; i < procs; i++ {
		<-done
	}
	if state.n <= int64(b.N) && !gsltFailed(b) {
		gsltFatal(b, "RunParallel: body exited without pb.Next() == false")
	}
}

func (c *gsltCommon) runN(n int) {
	defer c.runCleanup(false)
	gsltruntime.GC()
	c.b.N = n
	gsltResetTimer(c.b)
	gsltStartTimer(c.b)
	c.benchFunc(c.b)
	gsltStopTimer(c.b)
	c.previousN = n
	c.previousDuration = c.duration
}

func (c *gsltCommon) run1() bool {
	if n := len(c.name) + gsltBenchExtLen + 1; n > gsltBenchMaxLen {
		gsltBenchMaxLen = n + 8
	}
	go func() {
		defer func() { c.signal <- true }()
		c.runN(1)
	}()
	<-c.signal
	if c.failed {
		gsltfmt.Printf("--- FAIL: %s\n%s", c.name, c.output)
		return false
	}
	c.lock()
	finished := c.finished
	c.unlock()
	if c.hasSub || finished {
		tag := "BENCH"
		if c.skipped {
			tag = "SKIP"
		}
		if gsltChatty && (len(c.output) > 0 || finished) {
			gsltfmt.Printf("--- %s: %s\n%s", tag, c.name, c.output)
		}
		return false
	}
	return true
}

func gsltLabels() {
	if gsltLabelsDone {
		return
	}
	gsltLabelsDone = true
	gsltfmt.Printf("goos: %s\n", gsltruntime.GOOS)
	gsltfmt.Printf("goarch: %s\n", gsltruntime.GOARCH)
	if gsltOpts.importPath != "" {
		gsltfmt.Printf("pkg: %s\n", gsltOpts.importPath)
	}
	if cpu := gsltdeps.CPUName(); cpu != "" {
		gsltfmt.Printf("cpu: %s\n", cpu)
	}
}

func (c *gsltCommon) launch() {
	defer func() { c.signal <- true }()
	if c.benchN > 0 {
		if c.benchN > 1 {
			c.runN(c.benchN)
		}
	} else {
		d := c.benchD
		for n := int64(1); !c.failed && c.duration < d && n < 1e9; {
			last := n
			goalns := d.Nanoseconds()
			prevIters := int64(c.b.N)
			prevns := c.duration.Nanoseconds()
			if prevns <= 0 {
				prevns = 1
			}
			n = goalns * prevIters / prevns
			n += n / 5
			if n > 100*last {
				n = 100 * last
			}
			if n < last+1 {
				n = last + 1
			}
			if n > 1e9 {
				n = 1e9
			}
			c.runN(int(n))
		}
	}
	c.resultN = c.b.N
	c.resultT = c.duration
	c.resultMem = c.netBytes
}

func gsltPretty(x float64, unit string) string {
	y := x
	if y < 0 {
		y = -y
	}
	var format string
	switch {
	case y == 0 || y >= 999.95:
		format = "%10.0f %s"
	case y >= 99.995:
		format = "%12.1f %s"
	case y >= 9.9995:
		format = "%13.2f %s"
	case y >= 0.99995:
		format = "%14.3f %s"
	case y >= 0.099995:
		format = "%15.4f %s"
	case y >= 0.0099995:
		format = "%16.5f %s"
	case y >= 0.00099995:
		format = "%17.6f %s"
	default:
		format = "%18.7f %s"
	}
	return gsltfmt.Sprintf(format, x, unit)
}

func (c *gsltCommon) resultString() string {
	s := gsltfmt.Sprintf("%8d", c.resultN)
	ns, ok := c.extra["ns/op"]
	if !ok {
		ns = float64(c.resultT.Nanoseconds()) / float64(c.resultN)
	}
	if ns != 0 {
		s += "\t" + gsltPretty(ns, "ns/op")
	}
	if c.bytes > 0 && c.resultT > 0 {
		mbs := (float64(c.bytes) * float64(c.resultN) / 1e6) / c.resultT.Seconds()
		if mbs != 0 {
			s += gsltfmt.Sprintf("\t%7.2f MB/s", mbs)
		}
	}
	var keys []string
	for k := range c.extra {
		switch k {
		case "ns/op", "MB/s", "B/op", "allocs/op":
			continue
		}
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	for _, k := range keys {
		s += "\t" + gsltPretty(c.extra[k], k)
	}
	return s
}

// memString: B/op is the collector's count of bytes allocated; allocs/op
// is an estimate (see docs/testing.md): gsl does not count allocations.
func (c *gsltCommon) memString() string {
	perOp := c.resultMem / int64(c.resultN)
	allocs := int64(0)
	if perOp > 0 {
		allocs = (perOp + 15) / 16
	}
	return gsltfmt.Sprintf("%8d B/op\t%8d allocs/op", perOp, allocs)
}

func (c *gsltCommon) processBench() {
	procs := gsltruntime.GOMAXPROCS(0)
	b := c
	for j := 0; j < gsltOpts.count; j++ {
		benchName := gsltBenchName(b.name, procs)
		if !gsltChatty {
			gsltfmt.Printf("%-*s\t", gsltBenchMaxLen, benchName)
		}
		if j > 0 {
			nb := gsltNewCommon(b.name, nil)
			nb.bench = true
			nb.benchFunc = b.benchFunc
			nb.benchN, nb.benchD = b.benchN, b.benchD
			nb.showAllocs = b.showAllocs
			nb.b = new(gslttesting.B)
			nb.b.common = nb
			b = nb
			b.run1()
		}
		go b.launch()
		<-b.signal
		if b.failed {
			gsltfmt.Printf("--- FAIL: %s\n%s", benchName, b.output)
			continue
		}
		results := b.resultString()
		if gsltChatty {
			gsltfmt.Printf("%-*s\t", gsltBenchMaxLen, benchName)
		}
		if gsltOpts.benchmem || b.showAllocs {
			results += "\t" + b.memString()
		}
		gsltfmt.Println(results)
		if len(b.output) > 0 {
			gsltfmt.Printf("--- BENCH: %s\n%s", benchName, b.output)
		}
	}
}

func gsltBenchRun(b *gslttesting.B, name string, f func(b *gslttesting.B)) bool {
	c := gsltOf(b)
	c.hasSub = true
	benchName, ok, partial := gsltFullName(c, name, gsltBenchFilter)
	if !ok {
		return true
	}
	sub := gsltNewCommon(benchName, c)
	sub.bench = true
	sub.benchFunc = f
	sub.benchN, sub.benchD = c.benchN, c.benchD
	sub.b = new(gslttesting.B)
	sub.b.common = sub
	if partial {
		sub.hasSub = true
	}
	if gsltChatty {
		gsltLabels()
		gsltfmt.Println(benchName)
	}
	if sub.run1() {
		gsltLabels()
		sub.processBench()
	}
	return !sub.failed
}

func gsltRunBenchmarks(benches []gsltBench) bool {
	if gsltOpts.bench == "" {
		return true
	}
	procs := gsltruntime.GOMAXPROCS(0)
	gsltBenchExtLen = len(gsltBenchName("", procs))
	var bs []gsltBench
	for _, b := range benches {
		if _, ok, _ := gsltFullName(nil, b.name, gsltBenchFilter); ok {
			bs = append(bs, b)
			if l := len(gsltBenchName(b.name, procs)) + gsltBenchExtLen + 1; l > gsltBenchMaxLen {
				gsltBenchMaxLen = l
			}
		}
	}
	d, n := gsltParseBenchTime(gsltOpts.benchTime)
	main := gsltNewCommon("Main", nil)
	main.bench = true
	main.benchN, main.benchD = n, d
	main.b = new(gslttesting.B)
	main.b.common = main
	main.benchFunc = func(b *gslttesting.B) {
		for _, bench := range bs {
			gsltBenchRun(b, bench.name, bench.f)
		}
	}
	main.runN(1)
	return !main.failed
}

// ---- main ---------------------------------------------------------------------------

func gsltBind() {
	for _, k := range []string{"T", "B"} {
		gsltdeps.Bind(k, "Cleanup", gsltCleanup)
		gsltdeps.Bind(k, "Error", gsltError)
		gsltdeps.Bind(k, "Errorf", gsltErrorf)
		gsltdeps.Bind(k, "Fail", gsltFail)
		gsltdeps.Bind(k, "FailNow", gsltFailNow)
		gsltdeps.Bind(k, "Failed", gsltFailed)
		gsltdeps.Bind(k, "Fatal", gsltFatal)
		gsltdeps.Bind(k, "Fatalf", gsltFatalf)
		gsltdeps.Bind(k, "Helper", gsltHelper)
		gsltdeps.Bind(k, "Log", gsltLog)
		gsltdeps.Bind(k, "Logf", gsltLogf)
		gsltdeps.Bind(k, "Name", gsltName)
		gsltdeps.Bind(k, "Setenv", gsltSetenv)
		gsltdeps.Bind(k, "Skip", gsltSkip)
		gsltdeps.Bind(k, "SkipNow", gsltSkipNow)
		gsltdeps.Bind(k, "Skipf", gsltSkipf)
		gsltdeps.Bind(k, "Skipped", gsltSkipped)
		gsltdeps.Bind(k, "TempDir", gsltTempDir)
	}
	gsltdeps.Bind("T", "Run", gsltRun)
	gsltdeps.Bind("T", "Parallel", gsltParallel)
	gsltdeps.Bind("T", "Deadline", gsltDeadlineOf)
	gsltdeps.Bind("B", "Run", gsltBenchRun)
	gsltdeps.Bind("B", "ResetTimer", gsltResetTimer)
	gsltdeps.Bind("B", "StartTimer", gsltStartTimer)
	gsltdeps.Bind("B", "StopTimer", gsltStopTimer)
	gsltdeps.Bind("B", "ReportAllocs", gsltReportAllocs)
	gsltdeps.Bind("B", "SetBytes", gsltSetBytes)
	gsltdeps.Bind("B", "Elapsed", gsltElapsed)
	gsltdeps.Bind("B", "ReportMetric", gsltReportMetric)
	gsltdeps.Bind("B", "RunParallel", gsltRunParallel)
	gsltdeps.Bind("B", "SetParallelism", gsltSetParallelism)
	gsltdeps.Bind("PB", "Next", gsltPBNext)
}

var (
	gsltTests    []gsltTest
	gsltBenches  []gsltBench
	gsltExamples []gsltExample
	gsltExitCode int
)

// ---- examples ---------------------------------------------------------------------

func gsltSortLines(s string) string {
	lines := gsltstrings.Split(s, "\n")
	gsltsort.Strings(lines)
	return gsltstrings.Join(lines, "\n")
}

func gsltRunExamples(examples []gsltExample) (ran, ok bool) {
	ok = true
	var re *gsltregexp.Regexp
	if gsltOpts.run != "" {
		var err error
		if re, err = gsltregexp.Compile(gsltOpts.run); err != nil {
			gsltfmt.Fprintf(gsltos.Stderr, "testing: invalid regexp for -test.run: %s\n", err)
			gsltos.Exit(1)
		}
	}
	for _, eg := range examples {
		if re != nil && !re.MatchString(eg.name) {
			continue
		}
		ran = true
		if !gsltRunExample(eg) {
			ok = false
		}
	}
	return ran, ok
}

func gsltRunExample(eg gsltExample) (ok bool) {
	if gsltChatty {
		gsltfmt.Printf("=== RUN   %s\n", eg.name)
	}
	gsltdeps.CaptureStart()
	finished := false
	start := gslttime.Now()
	defer func() {
		timeSpent := gslttime.Since(start)
		out := gsltdeps.CaptureStop()
		err := recover()
		ok = gsltExampleResult(eg, out, timeSpent, finished, err)
	}()
	eg.f()
	finished = true
	return
}

func gsltExampleResult(eg gsltExample, stdout string, timeSpent gslttime.Duration, finished bool, recovered any) bool {
	passed := true
	var fail string
	got := gsltstrings.TrimSpace(stdout)
	want := gsltstrings.TrimSpace(eg.output)
	if eg.unordered {
		if gsltSortLines(got) != gsltSortLines(want) && recovered == nil {
			fail = gsltfmt.Sprintf("got:\n%s\nwant (unordered):\n%s\n", stdout, eg.output)
		}
	} else if got != want && recovered == nil {
		fail = gsltfmt.Sprintf("got:\n%s\nwant:\n%s\n", got, want)
	}
	if fail != "" || !finished || recovered != nil {
		gsltfmt.Printf("--- FAIL: %s (%s)\n%s", eg.name, gsltFmtDuration(timeSpent), fail)
		passed = false
	} else if gsltChatty {
		gsltfmt.Printf("--- PASS: %s (%s)\n", eg.name, gsltFmtDuration(timeSpent))
	}
	if recovered != nil {
		panic(recovered)
	}
	if !finished {
		panic(gsltErrNilPanicOrGoexit)
	}
	return passed
}

// gsltMRun is M.Run: runs the tests and benchmarks, prints PASS or FAIL
// and returns the exit status.
func gsltMRun(m *gslttesting.M) int {
	gsltRunFilter = gsltCompileFilter(gsltOpts.run, "-test.run")
	gsltBenchFilter = gsltCompileFilter(gsltOpts.bench, "-test.bench")
	testRan, testOk := gsltRunTests(gsltTests)
	exampleRan, exampleOk := gsltRunExamples(gsltExamples)
	if !testRan && !exampleRan && gsltOpts.bench == "" {
		gsltfmt.Fprintln(gsltos.Stderr, "testing: warning: no tests to run")
	}
	if !testOk || !exampleOk || !gsltRunBenchmarks(gsltBenches) {
		gsltfmt.Println("FAIL")
		gsltExitCode = 1
		return 1
	}
	gsltfmt.Println("PASS")
	gsltExitCode = 0
	return 0
}

func gsltMain(o gsltOptions, tests []gsltTest, benches []gsltBench, examples []gsltExample, testMain func(*gslttesting.M)) {
	gsltOpts = o
	gsltChatty = o.verbose
	gsltTests, gsltBenches, gsltExamples = tests, benches, examples
	gsltMaxParallel = gsltruntime.GOMAXPROCS(0)
	gsltDeadline = gslttime.Now().Add(10 * gslttime.Minute)
	gsltdeps.SetFlags(o.verbose, o.short)
	gsltBind()
	gsltdeps.Bind("M", "Run", gsltMRun)
	if testMain != nil {
		testMain(new(gslttesting.M))
		gsltos.Exit(gsltExitCode)
	}
	gsltos.Exit(gsltMRun(nil))
}
)gsl";
}

}  // namespace gsl::cli
