#!/usr/bin/env python3
"""Generates stdlib/unicode_tables.inc from the Unicode Character Database.

Usage: python3 stdlib/gen_unicode_tables.py [UCD directory] > stdlib/unicode_tables.inc

The default input is Debian's unicode-data package (/usr/share/unicode),
version 15.0.0, the version Go 1.21 and later use. These tables are written:

  kPrintRanges  inclusive ranges of the categories L M N P S: Go's
                strconv.IsPrint / unicode.IsPrint (which also admit U+0020;
                the caller handles that one).
  kLetterRanges, kUpperRanges, kLowerRanges, kTitleRanges, kMarkRanges,
  kNumberRanges, kDigitRanges, kPunctRanges, kSymbolRanges
                the categories L, Lu, Ll, Lt, M, N, Nd, P, S (unicode.IsLetter,
                IsUpper, ...).
  kCaseRanges   simple upper/lower/title case mappings (UnicodeData fields
                12, 13, 14) as runs of code points sharing the same deltas,
                or as alternating Upper/Lower runs (even offsets upper case,
                odd offsets lower case), like Go's unicode.CaseRanges.
  kFoldOrbit    for unicode.SimpleFold: the code points whose next member of
                their case-folding orbit (simple and common foldings of
                CaseFolding.txt) is not what ToLower, then ToUpper, gives.

Every table is checked against the mappings it encodes before it is written.

With --ranges it writes stdlib/unicode_range_tables.inc instead, the data of
package unicode's range tables (unicode.Han, unicode.Lu, unicode.White_Space):

  python3 stdlib/gen_unicode_tables.py --ranges [UCD directory] > stdlib/unicode_range_tables.inc

  kRangeData    inclusive ranges (lo, hi), table after table
  kRangeTables  per table: its name, its kind (category, script or property)
                and its slice of kRangeData. Categories are the two-letter
                ones (Lu, Nd, ...); the one-letter unions (L, N, ...) are
                built from them when used. Scripts come from Scripts.txt,
                properties from PropList.txt.
"""
import sys

MAX_RUNE = 0x10FFFF
UPPER_LOWER = 0x110000  # delta marker for an alternating Upper/Lower run


def read_unicode_data(path):
    """Returns (categories, upper, lower): category ranges and case maps."""
    cats = []
    upper, lower, title = {}, {}, {}
    pending_first = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split(";")
            cp = int(fields[0], 16)
            name, cat = fields[1], fields[2]
            if fields[12]:
                upper[cp] = int(fields[12], 16)
            if fields[13]:
                lower[cp] = int(fields[13], 16)
            if fields[14].strip():
                title[cp] = int(fields[14], 16)
            if name.endswith(", First>"):
                pending_first = cp
                continue
            if name.endswith(", Last>"):
                cats.append((pending_first, cp, cat))
                continue
            cats.append((cp, cp, cat))
    return cats, upper, lower, title


def read_case_folding(path):
    """Returns {code point: simple fold} for status C and S entries."""
    fold = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line:
                continue
            fields = [x.strip() for x in line.split(";")]
            if fields[1] in ("C", "S"):
                fold[int(fields[0], 16)] = int(fields[2], 16)
    return fold


def category_ranges(cats, wanted):
    out = []
    for first, last, cat in cats:
        if not wanted(cat):
            continue
        if out and out[-1][1] + 1 == first:
            out[-1][1] = last
        else:
            out.append([first, last])
    return out


def case_ranges(upper, lower, title):
    """Encodes the case maps as (lo, hi, dUpper, dLower, dTitle) runs."""
    def up(c):
        return upper.get(c, c)

    def low(c):
        return lower.get(c, c)

    def tit(c):
        return title.get(c, c)

    points = sorted(set(upper) | set(lower) | set(title))
    mapped = set(points)
    out = []
    i = 0
    while i < len(points):
        c = points[i]
        # An alternating run: c upper with lower c+1, c+1 lower with upper c...
        n = 0
        while True:
            k = c + n
            if n % 2 == 0:
                ok = up(k) == k and low(k) == k + 1 and tit(k) == k
            else:
                ok = up(k) == k - 1 and low(k) == k and tit(k) == k - 1
            if not ok:
                break
            n += 1
        n -= n % 2
        if n >= 4:
            out.append((c, c + n - 1, UPPER_LOWER, UPPER_LOWER, UPPER_LOWER))
            i += n
            continue
        du, dl, dt = up(c) - c, low(c) - c, tit(c) - c
        hi = c
        while (hi + 1 in mapped and up(hi + 1) - (hi + 1) == du and
               low(hi + 1) - (hi + 1) == dl and tit(hi + 1) - (hi + 1) == dt):
            hi += 1
        out.append((c, hi, du, dl, dt))
        i += hi - c + 1
    return out


def lookup(ranges, c, which):
    for r in ranges:
        lo, hi = r[0], r[1]
        if lo <= c <= hi:
            d = r[2 + which]
            if d == UPPER_LOWER:
                off = c - lo
                return lo + (off | 1 if which == 1 else off & ~1)
            return c + d
    return c


def fold_orbit(fold, to_upper, to_lower):
    classes = {}
    for c, f in fold.items():
        classes.setdefault(f, {f}).add(c)
    nxt = {}
    for members in classes.values():
        ms = sorted(members)
        for j, c in enumerate(ms):
            nxt[c] = ms[(j + 1) % len(ms)]

    def fallback(c):
        lo = to_lower(c)
        return lo if lo != c else to_upper(c)

    out = []
    for c in range(MAX_RUNE + 1):
        want = nxt.get(c, c)
        if want != fallback(c):
            out.append((c, want))
    return out


def emit_pairs(name, ctype, rows, per_line, fmt):
    print(f"// {len(rows)} entries.")
    print(f"constexpr {ctype} {name}[] = {{")
    for i in range(0, len(rows), per_line):
        print("    " + " ".join(fmt(r) for r in rows[i:i + per_line]))
    print("};")
    print()


def main():
    ucd = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
    cats, upper, lower, title = read_unicode_data(ucd + "/UnicodeData.txt")
    fold = read_case_folding(ucd + "/CaseFolding.txt")

    categories = [
        ("kPrintRanges", lambda c: c[0] in "LMNPS"),
        ("kLetterRanges", lambda c: c[0] == "L"),
        ("kUpperRanges", lambda c: c == "Lu"),
        ("kLowerRanges", lambda c: c == "Ll"),
        ("kTitleRanges", lambda c: c == "Lt"),
        ("kMarkRanges", lambda c: c[0] == "M"),
        ("kNumberRanges", lambda c: c[0] == "N"),
        ("kDigitRanges", lambda c: c == "Nd"),
        ("kPunctRanges", lambda c: c[0] == "P"),
        ("kSymbolRanges", lambda c: c[0] == "S"),
    ]
    cases = case_ranges(upper, lower, title)
    for c in range(MAX_RUNE + 1):
        assert lookup(cases, c, 0) == upper.get(c, c), hex(c)
        assert lookup(cases, c, 1) == lower.get(c, c), hex(c)
        assert lookup(cases, c, 2) == title.get(c, c), hex(c)
    orbit = fold_orbit(fold, lambda c: upper.get(c, c), lambda c: lower.get(c, c))

    def delta(d):
        return "kUpperLower" if d == UPPER_LOWER else str(d)

    print("// Generated by stdlib/gen_unicode_tables.py from the Unicode 15.0.0")
    print("// Character Database; do not edit. Included by stdlib/unicode_props.cpp, which")
    print("// defines RuneRange, CaseRange, FoldPair and kUpperLower.")
    print()
    for name, wanted in categories:
        emit_pairs(name, "RuneRange", category_ranges(cats, wanted), 4,
                   lambda r: f"{{0x{r[0]:04X}, 0x{r[1]:04X}}},")
    emit_pairs("kCaseRanges", "CaseRange", cases, 2,
               lambda r: f"{{0x{r[0]:04X}, 0x{r[1]:04X}, {delta(r[2])}, {delta(r[3])}, {delta(r[4])}}},")
    emit_pairs("kFoldOrbit", "FoldPair", orbit, 4,
               lambda r: f"{{0x{r[0]:04X}, 0x{r[1]:04X}}},")


def read_property_file(path):
    """Returns {name: [(lo, hi)]} from Scripts.txt or PropList.txt."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if not line:
                continue
            cps, name = [x.strip() for x in line.split(";")]
            lo, _, hi = cps.partition("..")
            out.setdefault(name, []).append((int(lo, 16), int(hi or lo, 16)))
    return out


def merged(ranges):
    out = []
    for lo, hi in sorted(ranges):
        if out and out[-1][1] + 1 >= lo:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return out


def ranges_main(ucd):
    cats, _, _, _ = read_unicode_data(ucd + "/UnicodeData.txt")
    tables = []  # (name, kind, ranges)
    two_letter = sorted({c for _, _, c in cats if c != "Cn"})
    for cat in two_letter:
        tables.append((cat, 0, category_ranges(cats, lambda c, cat=cat: c == cat)))
    for kind, fname in ((1, "Scripts.txt"), (2, "PropList.txt")):
        for name, ranges in sorted(read_property_file(ucd + "/" + fname).items()):
            tables.append((name, kind, merged(ranges)))
    for name, _, ranges in tables:
        for i, (lo, hi) in enumerate(ranges):
            assert lo <= hi <= MAX_RUNE, name
            assert i == 0 or ranges[i - 1][1] + 1 < lo, name
    print("// Generated by stdlib/gen_unicode_tables.py --ranges from the Unicode 15.0.0")
    print("// Character Database; do not edit. Included by stdlib/unicode_ranges.cpp, which")
    print("// defines RangeTableEntry.")
    print()
    data = []
    entries = []
    for name, kind, ranges in tables:
        entries.append((name, kind, len(data) // 2, len(ranges)))
        for lo, hi in ranges:
            data += [lo, hi]
    print(f"constexpr uint32_t kRangeData[] = {{  // {len(data) // 2} ranges")
    for i in range(0, len(data), 8):
        print("    " + " ".join(f"0x{x:X}," for x in data[i:i + 8]))
    print("};")
    print()
    print("constexpr RangeTableEntry kRangeTables[] = {")
    for name, kind, offset, count in entries:
        print(f'    {{"{name}", {kind}, {offset}, {count}}},')
    print("};")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--ranges":
        ranges_main(sys.argv[2] if len(sys.argv) > 2 else "/usr/share/unicode")
    else:
        main()
