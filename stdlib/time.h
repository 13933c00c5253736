// stdlib/time.h: what other parts of gsl need from package time.
//
// Package time is implemented by stdlib/time*.cpp (Duration, Time,
// Location, Format and Parse); timers and tickers, which need the
// runtime's goroutines and channels, live elsewhere and register their
// members into the same package (vm::registerPackage accumulates). They and
// other packages (os.FileInfo.ModTime) build time values with these
// functions, so the values are exactly those package time itself makes.
#pragma once

#include <cstdint>

#include "vm/value.h"

namespace gsl::vm {
struct Type;
}

namespace gsl::stdlib {

// time.Duration, and a Duration value of ns nanoseconds.
const vm::Type* durationType();
vm::Value makeDuration(int64_t ns);
// The nanoseconds of a Duration (or any integer) value.
int64_t durationOf(vm::Value d);

// time.Time (a struct value), time.Now() (with its monotonic reading) and
// time.Unix(sec, nsec) (in time.Local).
const vm::Type* timeType();
vm::Value timeNow();
vm::Value timeFromUnix(int64_t sec, int64_t nsec);

// The monotonic clock reading Now() records, in nanoseconds since the
// program started (always > 0).
int64_t monotonicNow();

// The wait of time.Sleep(d): blocks the calling OS thread for ns
// nanoseconds (nothing when ns <= 0). This is the single place where the
// runtime substitutes parking the goroutine on a timer, so that a sleeping
// goroutine does not hold its thread.
void sleepFor(int64_t ns);

}  // namespace gsl::stdlib
