// stdlib/go_math.h: Go's algorithms for the math functions whose results
// on amd64 are not the correctly rounded ones C's libm gives.
//
// Contract: each function returns, bit for bit, what the Go function of the
// same name returns on amd64 (Go 1.19+), special cases included. Programs
// print these results with shortest formatting, so a one-ulp difference
// from libm would show in the output.
#pragma once

#include <cstdint>

namespace gsl::stdlib::go_math {

double sin(double x);
double cos(double x);
double tan(double x);
double asin(double x);
double acos(double x);
double atan(double x);
double atan2(double y, double x);
double sinh(double x);
double cosh(double x);
double tanh(double x);
double asinh(double x);
double acosh(double x);
double atanh(double x);
double exp(double x);
double exp2(double x);
double log(double x);
double log2(double x);
double log10(double x);
double log1p(double x);
double expm1(double x);
double pow(double x, double y);
double cbrt(double x);
double hypot(double p, double q);
double pow10(int64_t n);
double gamma(double x);
double erf(double x);
double erfc(double x);

}  // namespace gsl::stdlib::go_math
