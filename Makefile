# Building and testing gsl.
#
#   make                  build ./gsl (release configuration)
#   make test             build ./gsl and the unit tests, then run scripts/test.sh
#   make asan             ASan+UBSan build in build/asan/, then the whole test suite on it
#   make tsan             ThreadSanitizer build in build/tsan/, then the whole test suite on it
#   make CONFIG=debug     any target in another configuration (release, debug, asan, tsan)
#   make fuzz             build and run the front-end fuzzer (clang, libFuzzer) for FUZZ_TIME s
#   make bench            run the benchmarks (bench/run.sh)
#   make install PREFIX=/usr/local
#   make clean
#   make V=1 ...          show the full compiler command lines
#
# Every .cpp file in the source folders (and their subfolders) is compiled,
# so adding a file needs no change here. Objects and dependency files go to
# build/<config>/, mirroring the source tree. The release binary is ./gsl;
# the other configurations put theirs in build/<config>/gsl.

CONFIG ?= release
JOBS ?= 2
PREFIX ?= /usr/local
FUZZ_TIME ?= 60

# Build in parallel by default (the reference machine has 2 cores). An
# explicit -jN on the command line still wins; sub-makes (make asan, ...)
# share the top-level make's job slots.
ifeq ($(MAKELEVEL)$(filter -j%,$(MAKEFLAGS)),0)
MAKEFLAGS += -j$(JOBS)
endif
MAKEFLAGS += --no-builtin-rules
# `make clean all` must not build while it deletes.
ifneq ($(filter clean,$(MAKECMDGOALS)),)
.NOTPARALLEL:
endif
.SUFFIXES:
.DELETE_ON_ERROR:

ifeq ($(filter $(CONFIG),release debug asan tsan),)
$(error CONFIG must be one of release, debug, asan, tsan (got '$(CONFIG)'))
endif

ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-7s %s\n'
endif

CXX := g++
CLANGXX := clang++

# ---- Configurations --------------------------------------------------------

CONFIG_FLAGS_release := -O2
CONFIG_FLAGS_debug := -O0 -g -DGSL_DEBUG=1
CONFIG_FLAGS_asan := -O1 -g -fno-omit-frame-pointer \
  -fsanitize=address,undefined -fno-sanitize-recover=all
CONFIG_FLAGS_tsan := -O1 -g -fno-omit-frame-pointer -fsanitize=thread

CONFIG_LDFLAGS_asan := -fsanitize=address,undefined
CONFIG_LDFLAGS_tsan := -fsanitize=thread

# The environment the test suite runs in, per configuration.
#  * Sanitizer reports must fail the test that triggered them, so each
#    sanitizer exits with a status no test expects.
#  * LeakSanitizer is off: objects reachable only from the garbage-collected
#    heap look leaked to it, because it does not scan that heap.
#  * ASan's fake stacks (stack-use-after-return detection) would hide
#    pointers from the collector's stack scan, so they stay off.
#  * Sanitized binaries run several times slower: a longer per-test timeout.
#  * The Go check does not involve gsl at all, so the sanitizer runs skip it.
#  * GSL_TEST_SANITIZER tells the golden runner: memory limits (NAME.maxrss)
#    are not checked, and NAME.tsan / NAME.asan adapt or skip a test (why is
#    written in each; docs/testing.md, "Sanitizer builds").
TEST_ENV_asan := ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=0:exitcode=86 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87 \
  GSL_TEST_TIMEOUT=60 GSL_GO_CHECK=0 GSL_TEST_SANITIZER=asan
TEST_ENV_tsan := TSAN_OPTIONS=halt_on_error=1:exitcode=66:second_deadlock_stack=1 \
  GSL_TEST_TIMEOUT=120 GSL_GO_CHECK=0 GSL_TEST_SANITIZER=tsan

BUILD := build/$(CONFIG)
# -fno-tree-slp-vectorize: g++ 12.2's basic-block vectorizer drops paired
# float64 -> float32 -> float64 round trips (two conversions side by side, as
# in complex64 parts or float32 arithmetic on two operands), silently keeping
# the unrounded doubles. tests/unit/value_test.cpp's complex64 case catches it.
ALL_CXXFLAGS := -std=c++20 -Wall -Wextra -I. -MMD -MP -fno-tree-slp-vectorize \
  $(CONFIG_FLAGS_$(CONFIG)) $(CXXFLAGS)
ALL_LDFLAGS := $(CONFIG_LDFLAGS_$(CONFIG)) $(LDFLAGS)
LDLIBS := -lgc -lre2 -lffi -ledit -lpthread

ifeq ($(CONFIG),release)
GSL_BIN := gsl
else
GSL_BIN := $(BUILD)/gsl
endif
UNIT_BIN := $(BUILD)/unit-tests

# ---- Sources ---------------------------------------------------------------

LIB_DIRS := lexer parser compiler vm runtime stdlib
# Subfolders count too (stdlib/ may give a package a folder of its own).
find_cpp = $(sort $(shell find $(1) -name '*.cpp' -type f 2>/dev/null))
LIB_SRCS := $(call find_cpp,$(LIB_DIRS))
CLI_SRCS := $(call find_cpp,cli)
UNIT_SRCS := $(sort $(wildcard tests/unit/*.cpp))

objs_of = $(patsubst %.cpp,$(BUILD)/%.o,$(1))
LIB_OBJS := $(call objs_of,$(LIB_SRCS))
CLI_OBJS := $(call objs_of,$(CLI_SRCS))
UNIT_OBJS := $(call objs_of,$(UNIT_SRCS))
# The unit tests link everything except the command's main().
UNIT_LINK_OBJS := $(UNIT_OBJS) $(LIB_OBJS) $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJS))

# The binaries are relinked when the set of objects changes (a source file
# was added or removed), not only when an object is newer: the list is kept in
# a file that is rewritten only when it changes.
OBJ_LIST := $(BUILD)/objects.txt
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(shell mkdir -p $(BUILD) && printf '%s\n' $(LIB_OBJS) $(CLI_OBJS) $(UNIT_OBJS) >$(OBJ_LIST).new && \
  { cmp -s $(OBJ_LIST).new $(OBJ_LIST) && rm -f $(OBJ_LIST).new || mv -f $(OBJ_LIST).new $(OBJ_LIST); })
endif
$(OBJ_LIST):
	@mkdir -p $(@D) && printf '%s\n' $(LIB_OBJS) $(CLI_OBJS) $(UNIT_OBJS) >$@

# ---- Targets ---------------------------------------------------------------

.DEFAULT_GOAL := all

.PHONY: all test asan tsan debug fuzz bench install clean check-layering deps

all: $(GSL_BIN)

$(GSL_BIN): $(LIB_OBJS) $(CLI_OBJS) $(OBJ_LIST)
	$(say) LINK $@
	$(Q)$(CXX) $(ALL_LDFLAGS) -o $@ $(LIB_OBJS) $(CLI_OBJS) $(LDLIBS)

$(UNIT_BIN): $(UNIT_LINK_OBJS) $(OBJ_LIST)
	$(say) LINK $@
	$(Q)$(CXX) $(ALL_LDFLAGS) -o $@ $(UNIT_LINK_OBJS) $(LDLIBS)

$(BUILD)/%.o: %.cpp | build/.deps-ok
	$(say) CXX $<
	@mkdir -p $(@D)
	$(Q)$(CXX) $(ALL_CXXFLAGS) -c $< -o $@

test: $(GSL_BIN) $(UNIT_BIN)
	@$(TEST_ENV_$(CONFIG)) GSL="$(CURDIR)/$(GSL_BIN)" UNIT="$(CURDIR)/$(UNIT_BIN)" bash scripts/test.sh

asan:
	@$(MAKE) --no-print-directory CONFIG=asan test

tsan:
	@$(MAKE) --no-print-directory CONFIG=tsan test

debug:
	@$(MAKE) --no-print-directory CONFIG=debug

check-layering:
	@bash scripts/check-layering.sh

bench: $(GSL_BIN)
	@if [ -f bench/run.sh ]; then GSL="$(CURDIR)/$(GSL_BIN)" bash bench/run.sh; \
	else echo "bench/run.sh does not exist yet: no benchmarks to run"; fi

install: $(GSL_BIN)
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 $(GSL_BIN) "$(DESTDIR)$(PREFIX)/bin/gsl"

clean:
	rm -rf build gsl

# ---- Missing packages ------------------------------------------------------
#
# Before the first compilation, check that the libraries' headers can be
# found. If one cannot, scripts/install-deps.sh installs the missing Debian
# packages (as root) or prints the apt-get command and stops the build.

REQUIRED_HEADERS := gc.h re2/re2.h ffi.h doctest/doctest.h histedit.h

deps: build/.deps-ok

build/.deps-ok:
	@if ! printf '#include <%s>\n' $(REQUIRED_HEADERS) | \
	    $(CXX) -std=c++20 -E -x c++ - -o /dev/null >/dev/null 2>&1; then \
	  echo "Some headers gsl needs ($(REQUIRED_HEADERS)) are missing; checking the Debian packages."; \
	  bash scripts/install-deps.sh || exit 1; \
	fi
	@mkdir -p $(@D) && touch $@

# ---- Fuzzing ----------------------------------------------------------------
#
# The front-end fuzzer feeds arbitrary bytes to the lexer and the parser,
# which must never crash. It links only lexer/ and parser/ objects, which also
# proves those two folders do not depend on anything else. New inputs go to
# fuzz/corpus/, crashing inputs to fuzz/crash-*; the golden tests' sources seed
# the search.

FUZZ_BUILD := build/fuzz
FUZZ_SRCS := $(call find_cpp,lexer parser)
FUZZ_OBJS := $(patsubst %.cpp,$(FUZZ_BUILD)/%.o,$(FUZZ_SRCS))
FUZZ_BIN := $(FUZZ_BUILD)/frontend_fuzz
FUZZ_CXXFLAGS := -std=c++20 -O1 -g -Wall -Wextra -I. -MMD -MP -fno-omit-frame-pointer \
  -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined

fuzz: $(FUZZ_BIN)
	@rm -rf $(FUZZ_BUILD)/seeds && mkdir -p $(FUZZ_BUILD)/seeds fuzz/corpus
	@find tests examples -type f \( -name '*.gsl' -o -name '*.go' \) 2>/dev/null | \
	  while read -r f; do cp "$$f" "$(FUZZ_BUILD)/seeds/$$(echo "$$f" | tr / _)"; done
	ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BIN) -max_total_time=$(FUZZ_TIME) -timeout=10 \
	  -dict=fuzz/go.dict -artifact_prefix=fuzz/ fuzz/corpus $(FUZZ_BUILD)/seeds

$(FUZZ_BIN): $(FUZZ_BUILD)/fuzz/frontend_fuzz.o $(FUZZ_OBJS)
	$(say) LINK $@
	$(Q)$(CLANGXX) $(FUZZ_LDFLAGS) -o $@ $^

$(FUZZ_BUILD)/%.o: %.cpp | build/.fuzz-deps-ok
	$(say) CLANG $<
	@mkdir -p $(@D)
	$(Q)$(CLANGXX) $(FUZZ_CXXFLAGS) -c $< -o $@

build/.fuzz-deps-ok:
	@if ! command -v $(CLANGXX) >/dev/null 2>&1; then \
	  echo "$(CLANGXX) is missing; checking the Debian packages."; \
	  bash scripts/install-deps.sh || exit 1; \
	fi
	@mkdir -p $(@D) && touch $@

-include $(wildcard $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(UNIT_OBJS:.o=.d))
-include $(wildcard $(FUZZ_BUILD)/fuzz/frontend_fuzz.d $(FUZZ_OBJS:.o=.d))
