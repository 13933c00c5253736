// stdlib/fmt_formatter.h: the leaf formatting of package fmt: flags, width,
// precision, padding, and the text of one bool, integer, float, string or
// byte string under one verb. This is the part of fmt that needs no
// knowledge of script values (Go's unexported `fmt` type in format.go); the
// printer (fmt_printer.h) walks values and calls into it.
//
// Contract: every function appends to the buffer exactly what Go's
// formatter appends for the same flags, width, precision and operand. The
// verb-dispatching functions (formatInteger, formatFloat, formatString,
// formatBool) return false, having written nothing, when the verb does not
// apply to the operand; the printer then writes Go's %!verb(type=value).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gsl::stdlib::fmt {

struct Flags {
  bool widPresent = false;
  bool precPresent = false;
  bool minus = false;
  bool plus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  // %+v and %#v: plus and sharp are moved here for the 'v' verb, because
  // they change how composite values are laid out rather than numbers.
  bool plusV = false;
  bool sharpV = false;
};

class Formatter {
 public:
  explicit Formatter(std::string& buf) : buf_(buf) {}

  Flags flags;
  int wid = 0;
  int prec = 0;

  std::string& buf() { return buf_; }
  // Resets the flags but, as Go's clearflags, not wid and prec: their
  // presence flags say whether they apply (a Formatter's Width() and
  // Precision() can observe the stale values, as in Go).
  void clearFlags() { flags = Flags{}; }

  // ---- Padding ------------------------------------------------------------

  // Appends n padding bytes: '0' when the zero flag is set, else ' '.
  void writePadding(int n);
  // Appends s padded to the width (counted in runes), left- or right-aligned.
  void pad(std::string_view s);

  // ---- One operand under a known verb (Go's fmt.fmtX methods) -------------

  void fmtBoolean(bool v);
  // %U: U+0041, with %#U adding the quoted character when printable.
  void fmtUnicode(uint64_t u);
  // An integer in base 2, 8, 10 or 16. `upper` selects upper-case hex
  // digits; verb 'O' adds the 0o prefix.
  void fmtInteger(uint64_t u, int base, bool isSigned, char32_t verb, bool upper);
  // A float under 'b', 'e', 'E', 'f', 'g', 'G', 'x', 'X' with the default
  // precision `prec` (-1: shortest), overridden by an explicit precision.
  void fmtFloat(double v, int size, char verb, int prec);
  void fmtS(std::string_view s);  // also Go's fmtBs
  // Hexadecimal encoding of a byte string (%x on strings and []byte).
  void fmtSbx(std::string_view s, bool upper);
  void fmtQ(std::string_view s);  // double-quoted, or `raw` with %#q
  void fmtC(uint64_t c);          // the character with this code point
  void fmtQc(uint64_t c);         // single-quoted character

  // ---- Verb dispatch for the basic kinds (Go's pp.fmtX methods) -----------

  bool formatBool(bool v, char32_t verb);
  bool formatInteger(uint64_t v, bool isSigned, char32_t verb);
  bool formatFloat(double v, int size, char32_t verb);
  bool formatString(std::string_view s, char32_t verb);
  // %x with the 0x prefix forced on or off (Go's fmt0x64), used for
  // pointers and for %#v of unsigned integers.
  void fmt0x64(uint64_t v, bool leading0x);

 private:
  std::string_view truncate(std::string_view s) const;

  std::string& buf_;
};

}  // namespace gsl::stdlib::fmt
