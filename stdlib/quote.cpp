// stdlib/quote.cpp: see quote.h.
#include "stdlib/quote.h"

#include "stdlib/unicode_props.h"
#include "stdlib/utf8_codec.h"

namespace gsl::stdlib {
namespace {

constexpr char kLowerHex[] = "0123456789abcdef";

enum class Mode { Unicode, ASCII, Graphic };

void appendEscapedRune(std::string& dst, int32_t r, char quote, Mode mode) {
  if (r == quote || r == '\\') {
    dst += '\\';
    utf8::appendRune(dst, r);
    return;
  }
  if (mode == Mode::ASCII) {
    if (r < utf8::kRuneSelf && unicode::isPrint(r)) {
      dst += static_cast<char>(r);
      return;
    }
  } else if (unicode::isPrint(r) ||
             (mode == Mode::Graphic && unicode::isGraphic(r))) {
    utf8::appendRune(dst, r);
    return;
  }
  switch (r) {
    case '\a': dst += "\\a"; return;
    case '\b': dst += "\\b"; return;
    case '\f': dst += "\\f"; return;
    case '\n': dst += "\\n"; return;
    case '\r': dst += "\\r"; return;
    case '\t': dst += "\\t"; return;
    case '\v': dst += "\\v"; return;
  }
  if (r < ' ' || r == 0x7F) {
    dst += "\\x";
    dst += kLowerHex[(r >> 4) & 0xF];
    dst += kLowerHex[r & 0xF];
    return;
  }
  if (!utf8::validRune(r)) r = utf8::kRuneError;
  if (r < 0x10000) {
    dst += "\\u";
    for (int s = 12; s >= 0; s -= 4) dst += kLowerHex[(r >> s) & 0xF];
  } else {
    dst += "\\U";
    for (int s = 28; s >= 0; s -= 4) dst += kLowerHex[(r >> s) & 0xF];
  }
}

void appendQuotedWith(std::string& dst, std::string_view s, char quote,
                      Mode mode) {
  dst += quote;
  while (!s.empty()) {
    int32_t r = static_cast<uint8_t>(s[0]);
    int width = 1;
    if (r >= utf8::kRuneSelf) {
      utf8::Decoded d = utf8::decodeRune(s);
      r = d.rune;
      width = d.width;
    }
    if (width == 1 && r == utf8::kRuneError) {
      // An invalid byte is shown as itself.
      dst += "\\x";
      dst += kLowerHex[static_cast<uint8_t>(s[0]) >> 4];
      dst += kLowerHex[static_cast<uint8_t>(s[0]) & 0xF];
    } else {
      appendEscapedRune(dst, r, quote, mode);
    }
    s.remove_prefix(static_cast<size_t>(width));
  }
  dst += quote;
}

void appendQuotedRuneWith(std::string& dst, int64_t r, Mode mode) {
  if (!utf8::validRune(r)) r = utf8::kRuneError;
  dst += '\'';
  appendEscapedRune(dst, static_cast<int32_t>(r), '\'', mode);
  dst += '\'';
}

bool unhex(char c, int32_t& v) {
  if (c >= '0' && c <= '9') {
    v = c - '0';
  } else if (c >= 'a' && c <= 'f') {
    v = c - 'a' + 10;
  } else if (c >= 'A' && c <= 'F') {
    v = c - 'A' + 10;
  } else {
    return false;
  }
  return true;
}

// Go's unquote(): reads the literal at the start of in. On success, out (if
// non-null) receives its value and `rest` what follows it.
bool unquotePrefix(std::string_view in, std::string* out, std::string_view& rest) {
  if (in.size() < 2) return false;
  char quote = in[0];
  size_t endq = in.find(quote, 1);
  if (endq == std::string_view::npos) return false;
  size_t end = endq + 1;  // just past the closing quote, if there is no escape

  if (quote == '`') {
    if (out) {
      // Carriage returns inside raw literals are discarded, as Go's lexer does.
      for (size_t i = 1; i + 1 < end; i++) {
        if (in[i] != '\r') *out += in[i];
      }
    }
    rest = in.substr(end);
    return true;
  }
  if (quote != '"' && quote != '\'') return false;

  std::string_view body = in.substr(1, end - 2);
  if (body.find('\\') == std::string_view::npos &&
      body.find('\n') == std::string_view::npos) {
    bool valid;
    if (quote == '"') {
      valid = utf8::validString(body);
    } else {
      utf8::Decoded d = utf8::decodeRune(body);
      valid = static_cast<size_t>(d.width) + 2 == end &&
              (d.rune != utf8::kRuneError || d.width != 1);
    }
    if (valid) {
      if (out) *out += body;
      rest = in.substr(end);
      return true;
    }
  }

  std::string_view s = in.substr(1);
  while (!s.empty() && s[0] != quote) {
    if (s[0] == '\n') return false;
    auto c = unquoteChar(s, quote);
    if (!c) return false;
    s = c->tail;
    if (out) {
      if (c->value < utf8::kRuneSelf || !c->multibyte) {
        *out += static_cast<char>(c->value);
      } else {
        utf8::appendRune(*out, c->value);
      }
    }
    // A rune literal holds exactly one character.
    if (quote == '\'') break;
  }
  if (s.empty() || s[0] != quote) return false;
  rest = s.substr(1);
  return true;
}

}  // namespace

void appendQuote(std::string& dst, std::string_view s) {
  appendQuotedWith(dst, s, '"', Mode::Unicode);
}
void appendQuoteToASCII(std::string& dst, std::string_view s) {
  appendQuotedWith(dst, s, '"', Mode::ASCII);
}
void appendQuoteToGraphic(std::string& dst, std::string_view s) {
  appendQuotedWith(dst, s, '"', Mode::Graphic);
}
void appendQuoteRune(std::string& dst, int64_t r) {
  appendQuotedRuneWith(dst, r, Mode::Unicode);
}
void appendQuoteRuneToASCII(std::string& dst, int64_t r) {
  appendQuotedRuneWith(dst, r, Mode::ASCII);
}
void appendQuoteRuneToGraphic(std::string& dst, int64_t r) {
  appendQuotedRuneWith(dst, r, Mode::Graphic);
}

std::string quote(std::string_view s) {
  std::string out;
  appendQuote(out, s);
  return out;
}
std::string quoteToASCII(std::string_view s) {
  std::string out;
  appendQuoteToASCII(out, s);
  return out;
}
std::string quoteRune(int64_t r) {
  std::string out;
  appendQuoteRune(out, r);
  return out;
}

bool canBackquote(std::string_view s) {
  while (!s.empty()) {
    utf8::Decoded d = utf8::decodeRune(s);
    s.remove_prefix(static_cast<size_t>(d.width));
    if (d.width > 1) {
      // A byte order mark is invisible, so it must not hide in a raw string.
      if (d.rune == 0xFEFF) return false;
      continue;
    }
    if (d.rune == utf8::kRuneError) return false;
    if ((d.rune < ' ' && d.rune != '\t') || d.rune == '`' || d.rune == 0x7F) {
      return false;
    }
  }
  return true;
}

std::optional<std::string> unquote(std::string_view s) {
  std::string out;
  std::string_view rest;
  if (!unquotePrefix(s, &out, rest) || !rest.empty()) return std::nullopt;
  return out;
}

std::optional<std::string_view> quotedPrefix(std::string_view s) {
  std::string_view rest;
  if (!unquotePrefix(s, nullptr, rest)) return std::nullopt;
  return s.substr(0, s.size() - rest.size());
}

std::optional<UnquotedChar> unquoteChar(std::string_view s, char quote) {
  if (s.empty()) return std::nullopt;
  auto c = static_cast<uint8_t>(s[0]);
  if (c == static_cast<uint8_t>(quote) && (quote == '\'' || quote == '"')) {
    return std::nullopt;
  }
  if (c >= utf8::kRuneSelf) {
    utf8::Decoded d = utf8::decodeRune(s);
    return UnquotedChar{d.rune, true, s.substr(static_cast<size_t>(d.width))};
  }
  if (c != '\\') return UnquotedChar{c, false, s.substr(1)};

  if (s.size() <= 1) return std::nullopt;
  char e = s[1];
  s.remove_prefix(2);
  int32_t value = 0;
  bool multibyte = false;
  switch (e) {
    case 'a': value = '\a'; break;
    case 'b': value = '\b'; break;
    case 'f': value = '\f'; break;
    case 'n': value = '\n'; break;
    case 'r': value = '\r'; break;
    case 't': value = '\t'; break;
    case 'v': value = '\v'; break;
    case 'x':
    case 'u':
    case 'U': {
      size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      if (s.size() < n) return std::nullopt;
      int32_t v = 0;
      for (size_t j = 0; j < n; j++) {
        int32_t x;
        if (!unhex(s[j], x)) return std::nullopt;
        v = (v << 4) | x;
      }
      s.remove_prefix(n);
      if (e == 'x') {
        // A single byte, possibly not UTF-8.
        value = v;
        break;
      }
      if (!utf8::validRune(v)) return std::nullopt;
      value = v;
      multibyte = true;
      break;
    }
    case '0': case '1': case '2': case '3':
    case '4': case '5': case '6': case '7': {
      int32_t v = e - '0';
      if (s.size() < 2) return std::nullopt;
      for (size_t j = 0; j < 2; j++) {
        int32_t x = s[j] - '0';
        if (x < 0 || x > 7) return std::nullopt;
        v = (v << 3) | x;
      }
      s.remove_prefix(2);
      if (v > 255) return std::nullopt;
      value = v;
      break;
    }
    case '\\':
      value = '\\';
      break;
    case '\'':
    case '"':
      if (e != quote) return std::nullopt;
      value = e;
      break;
    default:
      return std::nullopt;
  }
  return UnquotedChar{value, multibyte, s};
}

}  // namespace gsl::stdlib
