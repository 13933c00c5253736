// vm/disasm.cpp: the disassembler, written once per operand format.
#include "vm/disasm.h"

#include <cstdio>

#include "vm/builtins.h"
#include "vm/object.h"
#include "vm/opcode.h"

namespace gsl::vm {

namespace {

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string count(uint32_t n) { return n == kMulti ? "*" : std::to_string(n); }

}  // namespace

std::string constantText(Value v) {
  if (v.isNil()) return "nil";
  if (v.isInt()) return std::to_string(v.asInt());
  const Type* t = typeOf(v);
  std::string body;
  switch (t->kind) {
    case Kind::String:
      body = quote(stringView(v));
      break;
    case Kind::Bool:
      body = toBool(v) ? "true" : "false";
      break;
    case Kind::Float32:
    case Kind::Float64: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", toDouble(v));
      body = buf;
      break;
    }
    case Kind::Func: {
      if (!v.isObject()) return typeString(t) + "(nil)";
      const FuncObj* f = static_cast<const FuncObj*>(static_cast<const Object*>(v.asObject()));
      if (f->proto != nullptr) return "func " + f->proto->name;
      return "func " + std::string(f->name);
    }
    default:
      if (isSignedKind(t->kind)) {
        body = std::to_string(toInt64(v));
      } else if (isUnsignedKind(t->kind)) {
        body = std::to_string(toUint64(v));
      } else if (isNilValue(v)) {
        return typeString(t) + "(nil)";
      } else {
        return "<" + typeString(t) + ">";
      }
  }
  if (t == types::stringType() || t == types::boolType() || t == types::float64Type()) return body;
  return typeString(t) + "(" + body + ")";
}

std::string disassembleInstr(const Proto* p, size_t pc) {
  Instr ins = p->code[pc];
  Op op = opOf(ins);
  const OpInfo& info = opInfo(op);
  uint32_t a = argA(ins), b = argB(ins), c = argC(ins);
  auto R = [](uint32_t r) { return "R" + std::to_string(r); };
  auto K = [&](uint32_t k) {
    return "K" + std::to_string(k);
  };
  auto kComment = [&](uint32_t k) {
    return k < p->consts.size() ? "K" + std::to_string(k) + " = " + constantText(p->consts[k]) : std::string();
  };
  auto tComment = [&](uint32_t t) {
    if (t == kNoType) return std::string();
    if (t >= p->types.size()) return std::string("?");
    return "T" + std::to_string(t) + " = " + (p->types[t] ? typeString(p->types[t]) : std::string("<nil>"));
  };
  auto target = [&](int32_t off) { return "-> " + std::to_string(static_cast<int64_t>(pc) + 1 + off); };
  std::string ops, comment;
  switch (info.format) {
    case OpFormat::None:
      break;
    case OpFormat::A:
      ops = R(a);
      break;
    case OpFormat::AB:
      ops = R(a) + " " + R(b);
      break;
    case OpFormat::ABC:
      ops = R(a) + " " + R(b) + " " + R(c);
      break;
    case OpFormat::ABK:
      ops = R(a) + " " + R(b) + " " + K(c);
      comment = kComment(c);
      break;
    case OpFormat::AK:
      ops = R(a) + " " + K(argBx(ins));
      comment = kComment(argBx(ins));
      break;
    case OpFormat::AI:
      ops = R(a) + " " + std::to_string(argSBx(ins));
      break;
    case OpFormat::AT:
      ops = R(a) + " T" + std::to_string(argBx(ins));
      comment = tComment(argBx(ins));
      break;
    case OpFormat::AG:
      ops = R(a) + " G" + std::to_string(argBx(ins));
      break;
    case OpFormat::AU:
      ops = R(a) + " U" + std::to_string(b);
      if (b < p->captures.size()) comment = std::string(p->captures[b].name);
      break;
    case OpFormat::AP:
      ops = R(a) + " P" + std::to_string(argBx(ins));
      if (argBx(ins) < p->protos.size()) comment = p->protos[argBx(ins)]->name;
      break;
    case OpFormat::ABT:
      ops = R(a) + " " + R(b) + " T" + (c == kNoType ? std::string("-") : std::to_string(c));
      comment = tComment(c);
      break;
    case OpFormat::ATB:
      ops = R(a) + " T" + std::to_string(b) + " " + R(c);
      comment = tComment(b);
      break;
    case OpFormat::ABS:
      ops = R(a) + " " + R(b) + " S" + std::to_string(c);
      if (c < p->sites.size()) comment = "." + std::string(p->sites[c].name);
      break;
    case OpFormat::ABF:
      ops = R(a) + " " + R(b) + " " + std::to_string(c);
      break;
    case OpFormat::AKF:
      ops = R(a) + " " + K(b) + " " + std::to_string(c);
      comment = kComment(b);
      break;
    case OpFormat::AF:
      ops = R(a) + " " + std::to_string(c);
      break;
    case OpFormat::ATF:
      ops = R(a) + " T" + std::to_string(b) + " " + std::to_string(c);
      comment = tComment(b);
      break;
    case OpFormat::ABJ:
      ops = R(a) + " " + R(b) + " " + target(argSC(ins));
      break;
    case OpFormat::ANN:
      ops = R(a) + " " + count(b) + " " + count(c);
      break;
    case OpFormat::AN:
      ops = R(a) + " " + count(b);
      break;
    case OpFormat::ANB:
      ops = R(a) + " " + count(b) + " #" + std::to_string(c);
      comment = std::string(builtinName(static_cast<BuiltinId>(c)));
      break;
    case OpFormat::ABN:
      ops = R(a) + " " + R(b) + " " + std::to_string(c);
      break;
    case OpFormat::J:
      ops = target(argSBx(ins));
      break;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%-12s ", std::string(info.name).c_str());
  std::string out = buf + ops;
  if (!comment.empty()) {
    while (out.size() < 32) out += ' ';
    out += " ; " + comment;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string disassemble(const Proto* p) {
  std::string out = "func " + p->name + " (params " + std::to_string(p->numParams) + ", results " +
                    std::to_string(p->numResults) + ", registers " + std::to_string(p->maxRegs) + ")";
  if (!p->file.empty()) out += " at " + std::string(p->file) + ":" + std::to_string(p->line);
  out += "\n";
  for (size_t i = 0; i < p->code.size(); i++) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%6zu [%3d] ", i, p->lineAt(i));
    out += buf + disassembleInstr(p, i) + "\n";
  }
  return out;
}

}  // namespace gsl::vm
