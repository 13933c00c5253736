// stdlib/unicode_special_case.cpp: unicode.SpecialCase, unicode.CaseRange,
// TurkishCase, AzeriCase and CaseRanges (see unicode_special_case.h). Registers into
// package "unicode" alongside unicode.cpp.
//
// Layout is Go's: CaseRange{Lo, Hi uint32; Delta d} with d the unexported
// [MaxCase]rune (upper, lower, title deltas; a delta of MaxRune+1 marks an
// alternating Upper/Lower run), and SpecialCase []CaseRange.
#include "stdlib/unicode_special_case.h"

#include <vector>

#include "stdlib/native_support.h"
#include "stdlib/unicode_props.h"
#include "vm/object.h"
#include "vm/slice.h"
#include "vm/type.h"

namespace gsl::stdlib {

using vm::Value;

namespace {

constexpr int32_t kMaxRune = 0x10FFFF;

const vm::Type* deltaType() {
  static const vm::Type* t = defineNamed("unicode", "d", vm::arrayOf(vm::types::int32Type(), 3));
  return t;
}

const vm::Type* caseRangeType() {
  static const vm::Type* t = defineStruct("unicode", "CaseRange",
                                          {field("Lo", vm::types::uint32Type()), field("Hi", vm::types::uint32Type()),
                                           field("Delta", deltaType())});
  return t;
}

// Go's unexported `to`: the mapping of r in the table, and whether the
// table had one.
bool lookup(Value c, int which, int32_t r, int32_t* mapped) {
  int64_t lo = 0;
  int64_t hi = c.isObject() ? vm::sliceLen(c) : 0;
  while (lo < hi) {
    int64_t m = lo + (hi - lo) / 2;
    auto* cr = static_cast<vm::StructObj*>(vm::sliceIndex(c, m).asObject());
    int64_t crLo = vm::toInt64(cr->fields()[0]);
    int64_t crHi = vm::toInt64(cr->fields()[1]);
    if (crLo <= r && r <= crHi) {
      auto* delta = static_cast<vm::ArrayObj*>(cr->fields()[2].asObject());
      int64_t d = vm::toInt64(delta->elems()[which]);
      if (d > kMaxRune) {
        // An Upper/Lower run: even offsets upper case, odd lower.
        *mapped = static_cast<int32_t>(crLo + (((r - crLo) & ~int64_t{1}) | (which & 1)));
      } else {
        *mapped = static_cast<int32_t>(r + d);
      }
      return true;
    }
    if (r < crLo) {
      hi = m;
    } else {
      lo = m + 1;
    }
  }
  *mapped = r;
  return false;
}

Value caseRange(uint32_t lo, uint32_t hi, int32_t up, int32_t low, int32_t title) {
  vm::StructObj* s = vm::newStruct(caseRangeType());
  s->fields()[0] = vm::makeIntOfType(vm::types::uint32Type(), uint64_t{lo});
  s->fields()[1] = vm::makeIntOfType(vm::types::uint32Type(), uint64_t{hi});
  vm::ArrayObj* d = vm::newArray(deltaType());
  d->elems()[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{up});
  d->elems()[1] = vm::makeIntOfType(vm::types::int32Type(), int64_t{low});
  d->elems()[2] = vm::makeIntOfType(vm::types::int32Type(), int64_t{title});
  s->fields()[2] = Value::object(d);
  return Value::object(s);
}

const vm::Type* specialCaseType();

// Turkish and Azeri: dotted and dotless i are distinct letters, so I
// lowers to ı (U+0131) and i uppers to İ (U+0130).
Value turkishCase() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    Value ranges[] = {
        caseRange(0x49, 0x49, 0, 0x131 - 0x49, 0),
        caseRange(0x69, 0x69, 0x130 - 0x69, 0, 0x130 - 0x69),
        caseRange(0x130, 0x130, 0, 0x69 - 0x130, 0),
        caseRange(0x131, 0x131, 0x49 - 0x131, 0, 0x49 - 0x131),
    };
    *s = vm::sliceFromValues(specialCaseType(), ranges, 4);
    return s;
  }();
  return *slot;
}

// unicode.CaseRanges: every simple case mapping, as a []CaseRange.
Value caseRanges() {
  static Value* slot = [] {
    Value* s = permanentSlot();
    std::vector<Value> ranges;
    for (int i = 0; i < unicode::caseRangeCount(); i++) {
      unicode::CaseRun c = unicode::caseRangeAt(i);
      ranges.push_back(caseRange(static_cast<uint32_t>(c.lo), static_cast<uint32_t>(c.hi), c.dUpper, c.dLower, c.dTitle));
    }
    *s = vm::sliceFromValues(vm::sliceOf(caseRangeType()), ranges.data(), static_cast<int64_t>(ranges.size()));
    return s;
  }();
  return *slot;
}

template <int Which>
int specialMethod(vm::Thread&, const Value* args, int nargs, Value* out) {
  int32_t r = static_cast<int32_t>(argInt(args, nargs, 1));
  out[0] = vm::makeIntOfType(vm::types::int32Type(), int64_t{unicode::specialCaseTo(arg(args, nargs, 0), Which, r)});
  return 1;
}

const vm::Type* specialCaseType() {
  static const vm::Type* t = [] {
    vm::Type* named = defineNamed("unicode", "SpecialCase", vm::sliceOf(caseRangeType()));
    defineMethod(named, "ToUpper", specialMethod<0>, false);
    defineMethod(named, "ToLower", specialMethod<1>, false);
    defineMethod(named, "ToTitle", specialMethod<2>, false);
    return named;
  }();
  return t;
}

const bool kRegistered = [] {
  vm::registerPackage(vm::NativePackage{"unicode",
                                        "unicode",
                                        {
                                            typeMember("SpecialCase", specialCaseType),
                                            typeMember("CaseRange", caseRangeType),
                                            varMember("TurkishCase", turkishCase),
                                            varMember("AzeriCase", turkishCase),
                                            varMember("CaseRanges", caseRanges),
                                        }});
  return true;
}();

}  // namespace

int32_t unicode::specialCaseTo(Value c, int which, int32_t r) {
  int32_t mapped;
  bool had = lookup(c, which, r, &mapped);
  if (mapped == r && !had) {
    switch (which) {
      case 0: return unicode::toUpper(r);
      case 1: return unicode::toLower(r);
      default: return unicode::toTitle(r);
    }
  }
  return mapped;
}

}  // namespace gsl::stdlib
