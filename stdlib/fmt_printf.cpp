// stdlib/fmt_printf.cpp: see fmt_printf.h. The structure follows Go's
// doPrintf closely, because its quirks (which operand a bad index consumes,
// when EXTRA is reported, how a negative `*` width turns into the minus
// flag) are visible in output.
#include "stdlib/fmt_printf.h"

#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::fmt {
namespace {

// Widths, precisions and indexes larger than this are treated as malformed
// rather than allocating absurd padding (Go's tooLarge bound).
constexpr long long kMaxNumber = 1000000;

struct Num {
  int value = 0;
  bool present = false;
  size_t next = 0;
};

// Go's parsenum: the decimal number at format[start, end).
Num parseNum(std::string_view s, size_t start, size_t end) {
  Num n;
  if (start >= end) {
    n.next = end;
    return n;
  }
  long long v = 0;
  size_t i = start;
  for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
    if (v > kMaxNumber || v < -kMaxNumber) return Num{0, false, end};
    v = v * 10 + (s[i] - '0');
    n.present = true;
  }
  n.value = static_cast<int>(v);
  n.next = i;
  return n;
}

class Parser {
 public:
  Parser(Formatter& f, std::string_view format, PrintfArgs& args)
      : f_(f), format_(format), args_(args) {}

  PrintfResult run();

 private:
  struct Index {
    size_t argNum;
    size_t i;
    bool found;
  };

  // Go's argNumber: an optional [n] at format[i].
  Index argNumber(size_t argNum, size_t i);
  void intFromArg(size_t& argNum, int& num, bool& isInt);
  void moveVFlags() {
    f_.flags.sharpV = f_.flags.sharp;
    f_.flags.sharp = false;
    f_.flags.plusV = f_.flags.plus;
    f_.flags.plus = false;
  }
  void writeVerb(char32_t verb) { utf8::appendRune(f_.buf(), verb); }

  Formatter& f_;
  std::string_view format_;
  PrintfArgs& args_;
  bool reordered_ = false;
  bool goodArgNum_ = true;
};

Parser::Index Parser::argNumber(size_t argNum, size_t i) {
  if (format_.size() <= i || format_[i] != '[') return {argNum, i, false};
  reordered_ = true;
  // Go's parseArgNumber on format_[i:]: "[n]" with n >= 1.
  std::string_view s = format_.substr(i);
  size_t wid = 1;
  bool ok = false;
  long long index = 0;
  if (s.size() >= 3) {
    for (size_t j = 1; j < s.size(); j++) {
      if (s[j] == ']') {
        Num n = parseNum(s, 1, j);
        wid = j + 1;
        if (n.present && n.next == j) {
          ok = true;
          index = n.value - 1;  // indexes are one-based
        }
        break;
      }
    }
  }
  if (ok && index >= 0 && static_cast<size_t>(index) < args_.size()) {
    return {static_cast<size_t>(index), i + wid, true};
  }
  goodArgNum_ = false;
  return {argNum, i + wid, ok};
}

void Parser::intFromArg(size_t& argNum, int& num, bool& isInt) {
  num = 0;
  isInt = false;
  if (argNum >= args_.size()) return;
  if (auto v = args_.intArg(argNum)) {
    if (*v <= kMaxNumber && *v >= -kMaxNumber) {
      num = static_cast<int>(*v);
      isInt = true;
    }
  }
  argNum++;
}

PrintfResult Parser::run() {
  const size_t end = format_.size();
  size_t argNum = 0;
  bool afterIndex = false;  // the previous item was an index like [3]
  std::string& buf = f_.buf();

  for (size_t i = 0; i < end;) {
    goodArgNum_ = true;
    size_t lasti = i;
    while (i < end && format_[i] != '%') i++;
    if (i > lasti) buf.append(format_.substr(lasti, i - lasti));
    if (i >= end) break;
    i++;  // skip '%'

    f_.clearFlags();
    bool simpleDone = false;
    for (; i < end; i++) {
      char c = format_[i];
      if (c == '#') {
        f_.flags.sharp = true;
      } else if (c == '0') {
        f_.flags.zero = !f_.flags.minus;  // zero padding only on the left
      } else if (c == '+') {
        f_.flags.plus = true;
      } else if (c == '-') {
        f_.flags.minus = true;
        f_.flags.zero = false;
      } else if (c == ' ') {
        f_.flags.space = true;
      } else {
        // Fast path: flags followed directly by a lower-case verb.
        if (c >= 'a' && c <= 'z' && argNum < args_.size()) {
          if (c == 'w') args_.noteWrapped(argNum);
          if (c == 'v' || c == 'w') moveVFlags();
          args_.printArg(argNum, static_cast<char32_t>(c));
          argNum++;
          i++;
          simpleDone = true;
        }
        break;
      }
    }
    if (simpleDone) continue;

    Index ix = argNumber(argNum, i);
    argNum = ix.argNum;
    i = ix.i;
    afterIndex = ix.found;

    // Width.
    if (i < end && format_[i] == '*') {
      i++;
      intFromArg(argNum, f_.wid, f_.flags.widPresent);
      if (!f_.flags.widPresent) buf += "%!(BADWIDTH)";
      // A negative width means left alignment.
      if (f_.wid < 0) {
        f_.wid = -f_.wid;
        f_.flags.minus = true;
        f_.flags.zero = false;
      }
      afterIndex = false;
    } else {
      Num n = parseNum(format_, i, end);
      f_.wid = n.value;
      f_.flags.widPresent = n.present;
      i = n.next;
      if (afterIndex && f_.flags.widPresent) goodArgNum_ = false;  // "%[3]2d"
    }

    // Precision.
    if (i + 1 < end && format_[i] == '.') {
      i++;
      if (afterIndex) goodArgNum_ = false;  // "%[3].2d"
      ix = argNumber(argNum, i);
      argNum = ix.argNum;
      i = ix.i;
      afterIndex = ix.found;
      if (i < end && format_[i] == '*') {
        i++;
        intFromArg(argNum, f_.prec, f_.flags.precPresent);
        // A negative precision makes no sense: treat it as absent.
        if (f_.prec < 0) {
          f_.prec = 0;
          f_.flags.precPresent = false;
        }
        if (!f_.flags.precPresent) buf += "%!(BADPREC)";
        afterIndex = false;
      } else {
        Num n = parseNum(format_, i, end);
        f_.prec = n.value;
        f_.flags.precPresent = n.present;
        i = n.next;
        if (!f_.flags.precPresent) {
          f_.prec = 0;
          f_.flags.precPresent = true;
        }
      }
    }

    if (!afterIndex) {
      ix = argNumber(argNum, i);
      argNum = ix.argNum;
      i = ix.i;
      afterIndex = ix.found;
    }

    if (i >= end) {
      buf += "%!(NOVERB)";
      break;
    }

    char32_t verb = static_cast<uint8_t>(format_[i]);
    size_t size = 1;
    if (verb >= static_cast<char32_t>(utf8::kRuneSelf)) {
      utf8::Decoded d = utf8::decodeRune(format_.substr(i));
      verb = static_cast<char32_t>(d.rune);
      size = static_cast<size_t>(d.width);
    }
    i += size;

    if (verb == '%') {
      buf += '%';  // consumes no operand; width and precision are ignored
    } else if (!goodArgNum_) {
      buf += "%!";
      writeVerb(verb);
      buf += "(BADINDEX)";
    } else if (argNum >= args_.size()) {
      buf += "%!";
      writeVerb(verb);
      buf += "(MISSING)";
    } else {
      if (verb == 'w') args_.noteWrapped(argNum);
      if (verb == 'v' || verb == 'w') moveVFlags();
      args_.printArg(argNum, verb);
      argNum++;
    }
  }

  // Leftover operands are reported unless indexes were used, in which case
  // it is too costly to know which were used (and arguably fine).
  if (!reordered_ && argNum < args_.size()) {
    f_.clearFlags();
    buf += "%!(EXTRA ";
    for (size_t k = argNum; k < args_.size(); k++) {
      if (k > argNum) buf += ", ";
      args_.printExtra(k);
    }
    buf += ')';
  }
  return PrintfResult{reordered_};
}

}  // namespace

PrintfResult doPrintf(Formatter& f, std::string_view format, PrintfArgs& args) {
  return Parser(f, format, args).run();
}

}  // namespace gsl::stdlib::fmt
