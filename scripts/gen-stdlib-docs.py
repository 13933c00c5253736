#!/usr/bin/env python3
"""Generates docs/stdlib.md, the reference of gsl's standard library.

The API part (every package with its constants, variables, functions, types,
fields and methods) comes from `gsl --list-packages`, which walks the
registry of native packages, so it cannot drift from the code. The
hand-written part, what differs from Go, comes from docs/stdlib-notes.md:

    Text before the first `## ` heading: the introduction.
    ## PATH                     one section per import path (optional)
    Not implemented: A, B, T.M  names Go has and gsl lacks (checked: each
                                must really be missing from the listing)
    any other Markdown          the notes, copied as they are

Usage:
    scripts/gen-stdlib-docs.py           rewrite docs/stdlib.md
    scripts/gen-stdlib-docs.py --check   exit 1, with a diff, if docs/stdlib.md
                                         is not what would be generated

The gsl binary is $GSL (default ./gsl). Both modes also fail when the notes
name a package that does not exist or call something missing that exists.
"""

import difflib
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTES = os.path.join(ROOT, "docs", "stdlib-notes.md")
OUTPUT = os.path.join(ROOT, "docs", "stdlib.md")


class Package:
    def __init__(self, path, name):
        self.path = path
        self.name = name
        self.consts = []
        self.vars = []
        self.funcs = []
        self.types = []  # [Type]

    def names(self):
        """Every name the package defines: X, T, T.M, T.Field."""
        out = set(self.consts + self.vars + self.funcs)
        for t in self.types:
            out.add(t.name)
            for m in t.methods + t.imethods:
                out.add(t.name + "." + m.lstrip("*"))
            for f, _ in t.fields:
                out.add(t.name + "." + f)
        return out


class Type:
    def __init__(self, name, shape):
        self.name = name
        self.shape = shape
        self.embeds = []  # embedded types, as %T spells them
        self.fields = []  # [(name, type)]
        self.methods = []  # "M" or "*M" (pointer receiver)
        self.imethods = []


def read_listing(gsl):
    try:
        text = subprocess.run([gsl, "--list-packages"], check=True, capture_output=True,
                              text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"gen-stdlib-docs: cannot run {gsl} --list-packages: {e}")
    packages = []
    for line in text.splitlines():
        words = line.split()
        if not words:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0 and words[0] == "package":
            packages.append(Package(words[1], words[2]))
            continue
        pkg = packages[-1]
        kind = words[0]
        if indent == 2:
            if kind == "const":
                pkg.consts.append(words[1])
            elif kind == "var":
                pkg.vars.append(words[1])
            elif kind == "func":
                pkg.funcs.append(words[1])
            elif kind == "type":
                pkg.types.append(Type(words[1], " ".join(words[2:])))
        elif indent == 6:
            t = pkg.types[-1]
            if kind == "embed":
                t.embeds.append(" ".join(words[1:]))
            elif kind == "field":
                t.fields.append((words[1], " ".join(words[2:])))
            elif kind == "method":
                t.methods.append(words[1])
            elif kind == "imethod":
                t.imethods.append(words[1])
    if not packages:
        sys.exit(f"gen-stdlib-docs: {gsl} --list-packages listed no packages")
    return packages


def read_notes():
    intro = []
    sections = {}  # path -> (missing names, lines)
    current = None
    with open(NOTES, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if line.startswith("## "):
                current = line[3:].strip()
                if current in sections:
                    sys.exit(f"gen-stdlib-docs: {NOTES}: two sections for {current}")
                sections[current] = ([], [])
                continue
            if current is None:
                intro.append(line)
            elif line.startswith("Not implemented:"):
                names = [n.strip() for n in line[len("Not implemented:"):].split(",")]
                sections[current][0].extend(n for n in names if n)
            else:
                sections[current][1].append(line)
    return intro, sections


def trim(lines):
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def code_list(names):
    return ", ".join(f"`{n}`" for n in names)


def render(packages, intro, sections):
    problems = []
    known = {p.path: p for p in packages}
    for path in sections:
        if path not in known:
            problems.append(f"docs/stdlib-notes.md has notes for {path}, which gsl does not have")
    out = ["# gsl's standard library", "",
           "<!-- Generated by scripts/gen-stdlib-docs.py from `gsl --list-packages` and",
           "     docs/stdlib-notes.md. Do not edit: edit the notes (or the code) and run",
           "     the script; `make test` fails while this file is out of date. -->", ""]
    out += trim(intro)
    out += ["", "## Packages", "", "| import path | names | differences noted |", "| --- | --- | --- |"]
    for p in packages:
        count = len(p.names())
        missing, notes = sections.get(p.path, ([], []))
        has_notes = "yes" if missing or trim(notes) else ""
        # GitHub's heading anchors: lower case, punctuation dropped.
        anchor = re.sub(r"[^a-z0-9_ -]", "", p.path.lower()).replace(" ", "-")
        out.append(f"| [{p.path}](#{anchor}) | {count} | {has_notes} |")
    for p in packages:
        out += ["", f"## {p.path}", ""]
        if p.name != p.path.rsplit("/", 1)[-1]:
            out += [f"Package name: `{p.name}`.", ""]
        missing, notes = sections.get(p.path, ([], []))
        names = p.names()
        for m in missing:
            if m in names:
                problems.append(f"docs/stdlib-notes.md says {p.path}.{m} is not implemented, "
                                "but gsl has it: remove it from the notes")
        notes = trim(notes)
        if notes:
            out += notes + [""]
        else:
            out += ["No notes: it is meant to behave exactly as Go's.", ""]
        if missing:
            out += ["Not implemented: " + code_list(missing) + ".", ""]
        if p.consts:
            out.append("- Constants: " + code_list(p.consts))
        if p.vars:
            out.append("- Variables: " + code_list(p.vars))
        if p.funcs:
            out.append("- Functions: " + code_list(p.funcs))
        for t in p.types:
            parts = []
            if t.embeds:
                parts.append("embeds " + code_list(t.embeds))
            if t.fields:
                parts.append("fields " + ", ".join(f"`{n} {ty}`" for n, ty in t.fields))
            if t.imethods:
                parts.append("methods " + code_list(t.imethods))
            if t.methods:
                parts.append("methods " + ", ".join(
                    f"`(*{t.name}) {m[1:]}`" if m.startswith("*") else f"`({t.name}) {m}`"
                    for m in t.methods))
            line = f"- Type `{t.name}` ({t.shape})"
            if parts:
                line += ": " + "; ".join(parts)
            out.append(line)
    return "\n".join(out).rstrip("\n") + "\n", problems


def main():
    check = sys.argv[1:] == ["--check"]
    if sys.argv[1:] and not check:
        sys.exit("usage: gen-stdlib-docs.py [--check]")
    gsl = os.environ.get("GSL", os.path.join(ROOT, "gsl"))
    text, problems = render(read_listing(gsl), *read_notes())
    for p in problems:
        print("gen-stdlib-docs: " + p, file=sys.stderr)
    if check:
        try:
            with open(OUTPUT, encoding="utf-8") as f:
                current = f.read()
        except OSError:
            current = ""
        if current != text:
            sys.stdout.writelines(difflib.unified_diff(
                current.splitlines(True), text.splitlines(True),
                "docs/stdlib.md", "docs/stdlib.md (generated)"))
            print("docs/stdlib.md is out of date: run scripts/gen-stdlib-docs.py")
            return 1
        return 1 if problems else 0
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
