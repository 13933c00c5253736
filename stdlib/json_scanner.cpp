// stdlib/json_scanner.cpp: see json_scanner.h. The states and their
// transitions follow Go's encoding/json/scanner.go one for one; each
// function below is the state of the same name there.
#include "stdlib/json_scanner.h"

#include "stdlib/quote.h"
#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::json {

namespace {

constexpr char kHex[] = "0123456789abcdef";

bool isDigit(uint8_t c) { return c >= '0' && c <= '9'; }
bool isHex(uint8_t c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

}  // namespace

std::string quoteChar(uint8_t c) {
  if (c == '\'') return "'\\''";
  if (c == '"') return "'\"'";
  // Go quotes string(c): the byte taken as a rune, so 0xff shows as 'ÿ'.
  std::string utf8;
  utf8::appendRune(utf8, c);
  std::string q = quote(utf8);
  return "'" + q.substr(1, q.size() - 2) + "'";
}

void Scanner::reset() {
  state_ = State::BeginValue;
  parse_.clear();
  endTop_ = false;
  failed_ = false;
  err_ = SyntaxErrorInfo{};
}

ScanOp Scanner::eof() {
  if (failed_) return ScanOp::Error;
  if (endTop_) return ScanOp::End;
  step(' ');
  if (endTop_) return ScanOp::End;
  if (!failed_) {
    failed_ = true;
    err_ = SyntaxErrorInfo{"unexpected end of JSON input", bytes};
  }
  return ScanOp::Error;
}

ScanOp Scanner::fail(uint8_t c, std::string_view context) {
  state_ = State::Error;
  failed_ = true;
  err_ = SyntaxErrorInfo{"invalid character " + quoteChar(c) + " " + std::string(context), bytes};
  return ScanOp::Error;
}

ScanOp Scanner::push(uint8_t c, Parse p, ScanOp success) {
  parse_.push_back(p);
  if (parse_.size() <= kMaxNestingDepth) return success;
  return fail(c, "exceeded max depth");
}

void Scanner::pop() {
  parse_.pop_back();
  if (parse_.empty()) {
    state_ = State::EndTop;
    endTop_ = true;
  } else {
    state_ = State::EndValue;
  }
}

ScanOp Scanner::stepBeginValue(uint8_t c) {
  if (isSpace(c)) return ScanOp::SkipSpace;
  switch (c) {
    case '{':
      state_ = State::BeginStringOrEmpty;
      return push(c, Parse::ObjectKey, ScanOp::BeginObject);
    case '[':
      state_ = State::BeginValueOrEmpty;
      return push(c, Parse::ArrayValue, ScanOp::BeginArray);
    case '"':
      state_ = State::InString;
      return ScanOp::BeginLiteral;
    case '-':
      state_ = State::Neg;
      return ScanOp::BeginLiteral;
    case '0':
      state_ = State::Zero;
      return ScanOp::BeginLiteral;
    case 't':
      state_ = State::T;
      return ScanOp::BeginLiteral;
    case 'f':
      state_ = State::F;
      return ScanOp::BeginLiteral;
    case 'n':
      state_ = State::N;
      return ScanOp::BeginLiteral;
    default:
      break;
  }
  if (c >= '1' && c <= '9') {
    state_ = State::One;
    return ScanOp::BeginLiteral;
  }
  return fail(c, "looking for beginning of value");
}

ScanOp Scanner::stepBeginString(uint8_t c) {
  if (isSpace(c)) return ScanOp::SkipSpace;
  if (c == '"') {
    state_ = State::InString;
    return ScanOp::BeginLiteral;
  }
  return fail(c, "looking for beginning of object key string");
}

ScanOp Scanner::stepEndValue(uint8_t c) {
  if (parse_.empty()) {
    // The top-level value ended before this byte.
    state_ = State::EndTop;
    endTop_ = true;
    return stepEndTop(c);
  }
  if (isSpace(c)) {
    state_ = State::EndValue;
    return ScanOp::SkipSpace;
  }
  switch (parse_.back()) {
    case Parse::ObjectKey:
      if (c == ':') {
        parse_.back() = Parse::ObjectValue;
        state_ = State::BeginValue;
        return ScanOp::ObjectKey;
      }
      return fail(c, "after object key");
    case Parse::ObjectValue:
      if (c == ',') {
        parse_.back() = Parse::ObjectKey;
        state_ = State::BeginString;
        return ScanOp::ObjectValue;
      }
      if (c == '}') {
        pop();
        return ScanOp::EndObject;
      }
      return fail(c, "after object key:value pair");
    case Parse::ArrayValue:
      if (c == ',') {
        state_ = State::BeginValue;
        return ScanOp::ArrayValue;
      }
      if (c == ']') {
        pop();
        return ScanOp::EndArray;
      }
      return fail(c, "after array element");
  }
  return fail(c, "");
}

ScanOp Scanner::stepEndTop(uint8_t c) {
  // Go reports the non-space byte on the next call: this one still ends the
  // value (which is why "1x" fails only at eof with offset 2).
  if (!isSpace(c)) fail(c, "after top-level value");
  return ScanOp::End;
}

ScanOp Scanner::stepZero(uint8_t c) {
  if (c == '.') {
    state_ = State::Dot;
    return ScanOp::Continue;
  }
  if (c == 'e' || c == 'E') {
    state_ = State::E;
    return ScanOp::Continue;
  }
  return stepEndValue(c);
}

ScanOp Scanner::stepESign(uint8_t c) {
  if (isDigit(c)) {
    state_ = State::E0;
    return ScanOp::Continue;
  }
  return fail(c, "in exponent of numeric literal");
}

ScanOp Scanner::stepLiteral(uint8_t c, uint8_t want, State next, const char* context) {
  if (c == want) {
    state_ = next;
    return ScanOp::Continue;
  }
  return fail(c, context);
}

ScanOp Scanner::step(uint8_t c) {
  switch (state_) {
    case State::BeginValueOrEmpty:
      if (isSpace(c)) return ScanOp::SkipSpace;
      if (c == ']') return stepEndValue(c);
      return stepBeginValue(c);
    case State::BeginValue:
      return stepBeginValue(c);
    case State::BeginStringOrEmpty:
      if (isSpace(c)) return ScanOp::SkipSpace;
      if (c == '}') {
        parse_.back() = Parse::ObjectValue;
        return stepEndValue(c);
      }
      return stepBeginString(c);
    case State::BeginString:
      return stepBeginString(c);
    case State::EndValue:
      return stepEndValue(c);
    case State::EndTop:
      return stepEndTop(c);
    case State::InString:
      if (c == '"') {
        state_ = State::EndValue;
        return ScanOp::Continue;
      }
      if (c == '\\') {
        state_ = State::InStringEsc;
        return ScanOp::Continue;
      }
      if (c < 0x20) return fail(c, "in string literal");
      return ScanOp::Continue;
    case State::InStringEsc:
      switch (c) {
        case 'b': case 'f': case 'n': case 'r': case 't': case '\\': case '/': case '"':
          state_ = State::InString;
          return ScanOp::Continue;
        case 'u':
          state_ = State::InStringEscU;
          return ScanOp::Continue;
        default:
          return fail(c, "in string escape code");
      }
    case State::InStringEscU:
    case State::InStringEscU1:
    case State::InStringEscU12:
    case State::InStringEscU123:
      if (!isHex(c)) return fail(c, "in \\u hexadecimal character escape");
      state_ = state_ == State::InStringEscU      ? State::InStringEscU1
               : state_ == State::InStringEscU1   ? State::InStringEscU12
               : state_ == State::InStringEscU12  ? State::InStringEscU123
                                                  : State::InString;
      return ScanOp::Continue;
    case State::Neg:
      if (c == '0') {
        state_ = State::Zero;
        return ScanOp::Continue;
      }
      if (c >= '1' && c <= '9') {
        state_ = State::One;
        return ScanOp::Continue;
      }
      return fail(c, "in numeric literal");
    case State::One:
      if (isDigit(c)) return ScanOp::Continue;
      return stepZero(c);
    case State::Zero:
      return stepZero(c);
    case State::Dot:
      if (isDigit(c)) {
        state_ = State::Dot0;
        return ScanOp::Continue;
      }
      return fail(c, "after decimal point in numeric literal");
    case State::Dot0:
      if (isDigit(c)) return ScanOp::Continue;
      if (c == 'e' || c == 'E') {
        state_ = State::E;
        return ScanOp::Continue;
      }
      return stepEndValue(c);
    case State::E:
      if (c == '+' || c == '-') {
        state_ = State::ESign;
        return ScanOp::Continue;
      }
      return stepESign(c);
    case State::ESign:
      return stepESign(c);
    case State::E0:
      if (isDigit(c)) return ScanOp::Continue;
      return stepEndValue(c);
    case State::T: return stepLiteral(c, 'r', State::Tr, "in literal true (expecting 'r')");
    case State::Tr: return stepLiteral(c, 'u', State::Tru, "in literal true (expecting 'u')");
    case State::Tru: return stepLiteral(c, 'e', State::EndValue, "in literal true (expecting 'e')");
    case State::F: return stepLiteral(c, 'a', State::Fa, "in literal false (expecting 'a')");
    case State::Fa: return stepLiteral(c, 'l', State::Fal, "in literal false (expecting 'l')");
    case State::Fal: return stepLiteral(c, 's', State::Fals, "in literal false (expecting 's')");
    case State::Fals: return stepLiteral(c, 'e', State::EndValue, "in literal false (expecting 'e')");
    case State::N: return stepLiteral(c, 'u', State::Nu, "in literal null (expecting 'u')");
    case State::Nu: return stepLiteral(c, 'l', State::Nul, "in literal null (expecting 'l')");
    case State::Nul: return stepLiteral(c, 'l', State::EndValue, "in literal null (expecting 'l')");
    case State::Error:
      return ScanOp::Error;
  }
  return ScanOp::Error;
}

bool checkValid(std::string_view data, SyntaxErrorInfo* err) {
  Scanner s;
  for (char ch : data) {
    s.bytes++;
    if (s.step(static_cast<uint8_t>(ch)) == ScanOp::Error) {
      *err = s.error();
      return false;
    }
  }
  if (s.eof() == ScanOp::Error) {
    *err = s.error();
    return false;
  }
  return true;
}

bool compact(std::string& dst, std::string_view src, bool escapeHTML, SyntaxErrorInfo* err) {
  size_t origLen = dst.size();
  Scanner s;
  size_t start = 0;
  for (size_t i = 0; i < src.size(); i++) {
    auto c = static_cast<uint8_t>(src[i]);
    if (escapeHTML && (c == '<' || c == '>' || c == '&')) {
      dst.append(src.substr(start, i - start));
      dst += "\\u00";
      dst += kHex[c >> 4];
      dst += kHex[c & 0xF];
      start = i + 1;
    }
    // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
    if (escapeHTML && c == 0xE2 && i + 2 < src.size() && static_cast<uint8_t>(src[i + 1]) == 0x80 &&
        (static_cast<uint8_t>(src[i + 2]) & ~1u) == 0xA8) {
      dst.append(src.substr(start, i - start));
      dst += "\\u202";
      dst += kHex[static_cast<uint8_t>(src[i + 2]) & 0xF];
      start = i + 3;
    }
    s.bytes++;
    ScanOp op = s.step(c);
    if (op >= ScanOp::SkipSpace) {
      if (op == ScanOp::Error) break;
      if (start < i) dst.append(src.substr(start, i - start));
      start = i + 1;
    }
  }
  if (s.eof() == ScanOp::Error) {
    dst.resize(origLen);
    *err = s.error();
    return false;
  }
  if (start < src.size()) dst.append(src.substr(start));
  return true;
}

namespace {

void newline(std::string& dst, std::string_view prefix, std::string_view indentStr, int depth) {
  dst += '\n';
  dst.append(prefix);
  for (int i = 0; i < depth; i++) dst.append(indentStr);
}

}  // namespace

bool indent(std::string& dst, std::string_view src, std::string_view prefix,
            std::string_view indentStr, SyntaxErrorInfo* err) {
  size_t origLen = dst.size();
  Scanner s;
  bool needIndent = false;
  int depth = 0;
  for (char ch : src) {
    auto c = static_cast<uint8_t>(ch);
    s.bytes++;
    ScanOp op = s.step(c);
    if (op == ScanOp::SkipSpace) continue;
    if (op == ScanOp::Error) break;
    if (needIndent && op != ScanOp::EndObject && op != ScanOp::EndArray) {
      needIndent = false;
      depth++;
      newline(dst, prefix, indentStr, depth);
    }
    // Bytes inside literals (punctuation in strings above all) go through
    // unchanged.
    if (op == ScanOp::Continue) {
      dst += ch;
      continue;
    }
    switch (c) {
      case '{':
      case '[':
        // The newline waits for the first element so that empty objects and
        // arrays stay {} and [].
        needIndent = true;
        dst += ch;
        break;
      case ',':
        dst += ch;
        newline(dst, prefix, indentStr, depth);
        break;
      case ':':
        dst += ch;
        dst += ' ';
        break;
      case '}':
      case ']':
        if (needIndent) {
          needIndent = false;
        } else {
          depth--;
          newline(dst, prefix, indentStr, depth);
        }
        dst += ch;
        break;
      default:
        dst += ch;
        break;
    }
  }
  if (s.eof() == ScanOp::Error) {
    dst.resize(origLen);
    *err = s.error();
    return false;
  }
  return true;
}

void htmlEscape(std::string& dst, std::string_view src) {
  size_t start = 0;
  for (size_t i = 0; i < src.size(); i++) {
    auto c = static_cast<uint8_t>(src[i]);
    if (c == '<' || c == '>' || c == '&') {
      dst.append(src.substr(start, i - start));
      dst += "\\u00";
      dst += kHex[c >> 4];
      dst += kHex[c & 0xF];
      start = i + 1;
    }
    if (c == 0xE2 && i + 2 < src.size() && static_cast<uint8_t>(src[i + 1]) == 0x80 &&
        (static_cast<uint8_t>(src[i + 2]) & ~1u) == 0xA8) {
      dst.append(src.substr(start, i - start));
      dst += "\\u202";
      dst += kHex[static_cast<uint8_t>(src[i + 2]) & 0xF];
      start = i + 3;
    }
  }
  dst.append(src.substr(start));
}

}  // namespace gsl::stdlib::json
