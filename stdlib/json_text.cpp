// stdlib/json_text.cpp: see json_text.h.
#include "stdlib/json_text.h"

#include "stdlib/utf8_codec.h"

namespace gsl::stdlib::json {

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The value of a \uXXXX escape at s[0..6), or -1.
int32_t getU4(std::string_view s) {
  if (s.size() < 6 || s[0] != '\\' || s[1] != 'u') return -1;
  int32_t r = 0;
  for (size_t i = 2; i < 6; i++) {
    char c = s[i];
    int d;
    if (c >= '0' && c <= '9') {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return -1;
    }
    r = r * 16 + d;
  }
  return r;
}

}  // namespace

void appendString(std::string& out, std::string_view s, bool escapeHTML) {
  out += '"';
  size_t start = 0;
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<uint8_t>(s[i]);
    if (b < 0x80) {
      bool safe = b >= 0x20 && b != '"' && b != '\\' && (!escapeHTML || (b != '<' && b != '>' && b != '&'));
      if (safe) {
        i++;
        continue;
      }
      out.append(s.substr(start, i - start));
      out += '\\';
      switch (b) {
        case '\\':
        case '"':
          out += static_cast<char>(b);
          break;
        case '\n':
          out += 'n';
          break;
        case '\r':
          out += 'r';
          break;
        case '\t':
          out += 't';
          break;
        default:
          // Other control characters, and <, >, & when escaping HTML.
          out += "u00";
          out += kHex[b >> 4];
          out += kHex[b & 0xF];
          break;
      }
      i++;
      start = i;
      continue;
    }
    utf8::Decoded d = utf8::decodeRune(s.substr(i));
    if (d.rune == utf8::kRuneError && d.width == 1) {
      out.append(s.substr(start, i - start));
      out += "\\ufffd";
      i++;
      start = i;
      continue;
    }
    // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR end lines in
    // JavaScript, so Go always escapes them.
    if (d.rune == 0x2028 || d.rune == 0x2029) {
      out.append(s.substr(start, i - start));
      out += "\\u202";
      out += kHex[d.rune & 0xF];
      i += static_cast<size_t>(d.width);
      start = i;
      continue;
    }
    i += static_cast<size_t>(d.width);
  }
  out.append(s.substr(start));
  out += '"';
}

// Go's unquoteBytes: the value of a JSON string literal, with invalid UTF-8
// and lone surrogates replaced by U+FFFD. nullopt if it is not a literal
// (possible only for text that came from a ,string field).
std::optional<std::string> unquoteJSON(std::string_view s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return std::nullopt;
  s = s.substr(1, s.size() - 2);
  std::string out;
  out.reserve(s.size());
  size_t r = 0;
  while (r < s.size()) {
    auto c = static_cast<uint8_t>(s[r]);
    if (c == '\\') {
      r++;
      if (r >= s.size()) return std::nullopt;
      switch (s[r]) {
        case '"': case '\\': case '/': case '\'':
          out += s[r++];
          break;
        case 'b': out += '\b'; r++; break;
        case 'f': out += '\f'; r++; break;
        case 'n': out += '\n'; r++; break;
        case 'r': out += '\r'; r++; break;
        case 't': out += '\t'; r++; break;
        case 'u': {
          r--;
          int32_t rr = getU4(s.substr(r));
          if (rr < 0) return std::nullopt;
          r += 6;
          if (rr >= 0xD800 && rr < 0xE000) {
            int32_t rr1 = getU4(s.substr(r));
            if (rr < 0xDC00 && rr1 >= 0xDC00 && rr1 < 0xE000) {
              // A valid surrogate pair.
              r += 6;
              utf8::appendRune(out, 0x10000 + ((rr - 0xD800) << 10) + (rr1 - 0xDC00));
              break;
            }
            rr = utf8::kRuneError;
          }
          utf8::appendRune(out, rr);
          break;
        }
        default:
          return std::nullopt;
      }
      continue;
    }
    if (c == '"' || c < ' ') return std::nullopt;
    if (c < 0x80) {
      out += static_cast<char>(c);
      r++;
      continue;
    }
    utf8::Decoded d = utf8::decodeRune(s.substr(r));
    r += static_cast<size_t>(d.width);
    utf8::appendRune(out, d.rune);
  }
  return out;
}

std::optional<std::string_view> unquoteView(std::string_view s, std::string* buf) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    std::string_view in = s.substr(1, s.size() - 2);
    size_t r = 0;
    while (r < in.size()) {
      auto c = static_cast<uint8_t>(in[r]);
      if (c == '\\' || c == '"' || c < ' ') break;
      if (c < 0x80) {
        r++;
        continue;
      }
      utf8::Decoded d = utf8::decodeRune(in.substr(r));
      if (d.rune == utf8::kRuneError && d.width == 1) break;
      r += static_cast<size_t>(d.width);
    }
    if (r == in.size()) return in;
  }
  std::optional<std::string> u = unquoteJSON(s);
  if (!u) return std::nullopt;
  *buf = std::move(*u);
  return std::string_view(*buf);
}

// base64.StdEncoding.Decode, with Go's error offsets. Returns the offset of
// the first bad byte, or -1 when all is well.
int64_t decodeBase64(std::string_view src, std::string* dst) {
  auto decodeChar = [](uint8_t c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  size_t si = 0;
  while (si < src.size()) {
    uint8_t dbuf[4] = {0, 0, 0, 0};
    int dlen = 4;
    int64_t err = -1;
    bool done = false;
    for (int j = 0; j < 4; j++) {
      if (si == src.size()) {
        if (j == 0) return -1;
        // The standard encoding needs padding.
        return static_cast<int64_t>(si) - j;
      }
      auto in = static_cast<uint8_t>(src[si]);
      si++;
      int out = decodeChar(in);
      if (out >= 0) {
        dbuf[j] = static_cast<uint8_t>(out);
        continue;
      }
      if (in == '\n' || in == '\r') {
        j--;
        continue;
      }
      if (in != '=') return static_cast<int64_t>(si) - 1;
      // Padding.
      switch (j) {
        case 0:
        case 1:
          return static_cast<int64_t>(si) - 1;
        case 2:
          while (si < src.size() && (src[si] == '\n' || src[si] == '\r')) si++;
          if (si == src.size()) return static_cast<int64_t>(src.size());
          if (src[si] != '=') return static_cast<int64_t>(si) - 1;
          si++;
          break;
        default:
          break;
      }
      while (si < src.size() && (src[si] == '\n' || src[si] == '\r')) si++;
      if (si < src.size()) err = static_cast<int64_t>(si);
      dlen = j;
      done = true;
      break;
    }
    uint32_t val = static_cast<uint32_t>(dbuf[0]) << 18 | static_cast<uint32_t>(dbuf[1]) << 12 |
                   static_cast<uint32_t>(dbuf[2]) << 6 | static_cast<uint32_t>(dbuf[3]);
    if (dlen >= 2) *dst += static_cast<char>(val >> 16);
    if (dlen >= 3) *dst += static_cast<char>(val >> 8 & 0xFF);
    if (dlen >= 4) *dst += static_cast<char>(val & 0xFF);
    if (err >= 0) return err;
    if (done) break;
  }
  return -1;
}

void appendBase64(std::string& out, std::string_view b) {
  size_t i = 0;
  for (; i + 3 <= b.size(); i += 3) {
    uint32_t v = static_cast<uint32_t>(static_cast<uint8_t>(b[i])) << 16 |
                 static_cast<uint32_t>(static_cast<uint8_t>(b[i + 1])) << 8 |
                 static_cast<uint32_t>(static_cast<uint8_t>(b[i + 2]));
    out += kBase64[v >> 18 & 0x3F];
    out += kBase64[v >> 12 & 0x3F];
    out += kBase64[v >> 6 & 0x3F];
    out += kBase64[v & 0x3F];
  }
  size_t rest = b.size() - i;
  if (rest == 0) return;
  uint32_t v = static_cast<uint32_t>(static_cast<uint8_t>(b[i])) << 16;
  if (rest == 2) v |= static_cast<uint32_t>(static_cast<uint8_t>(b[i + 1])) << 8;
  out += kBase64[v >> 18 & 0x3F];
  out += kBase64[v >> 12 & 0x3F];
  out += rest == 2 ? kBase64[v >> 6 & 0x3F] : '=';
  out += '=';
}

}  // namespace gsl::stdlib::json
