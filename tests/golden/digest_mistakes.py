#!/usr/bin/env python3
"""The kvm digest against the real one it corrects.

  digest_mistakes.py PATCHLORE

Clones ../shared/data/kvm-2025-10-reference.bundle into a temporary
directory, runs `patchlore digest --name KVM` on it (text and JSON), and
compares the text with ../shared/reference/kvm-digest-2025-10.txt, the
digest an unknown script made from the original archive:

  1. applying to the real digest the corrections DIGEST.md lists -- the
     range ids of the original archive, the holes of the reference archive
     (19/37 of the guest_memfd RFC, 1/2 and 2/2 of Longfang Liu's v10), and
     the five mistakes (folded subjects, quoted-printable, empty excerpt
     without a diffstat, in-body From, empty patch list) -- must give our
     output exactly, each correction being checked against what makes it
     one (the cut subject is a prefix at a fold, the raw text decodes to
     ours, ...);
  2. every hunk of `diff real ours` is classified by the corrections that
     touch its lines; a hunk that none explains fails the test, and so does
     a correction that no hunk needs (our output would then repeat a
     mistake).

Exit 77 (skipped) when ../shared is absent.
"""
import json
import os
import quopri
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "..", "shared")
BUNDLE = os.path.join(SHARED, "data", "kvm-2025-10-reference.bundle")
REAL = os.path.join(SHARED, "reference", "kvm-digest-2025-10.txt")

RULE = "-" * 70
STAT = re.compile(r"^ \d+ files? changed, ")
# DIGEST.md, "Holes in the reference archive": the messages missing from
# the public copies, by the rows they count in, and the entry one made.
HOLE_COUNTS = {
    "google.com": 1,
    "Ackerley Tng <ackerleytng@google.com>": 1,
    "huawei.com": 2,
    "Longfang Liu <liulongfang@huawei.com>": 2,
}
HOLE_ENTRY = "[PATCH v10 1/2] crypto: hisilicon - qm updates BAR configuration"

NAMES = {
    "range": "range ids of the original archive",
    "hole": "hole of the reference archive",
    "m1": "mistake 1 (folded subject cut at the fold)",
    "m2": "mistake 2 (quoted-printable not decoded)",
    "m3": "mistake 3 (empty excerpt without a diffstat)",
    "m4": "mistake 4 (in-body From ignored)",
    "m5": "mistake 5 (empty patch list)",
}

failures = []


def fail(what):
    failures.append(what)
    print("FAIL: " + what)


def parse(lines):
    """The digest's parts, each line's place recorded in `where`:
    ("range"|"domains"|"contributors"|"patchlist"|"heading", None) or
    ("entry", index)."""
    d = {"head": lines[:2], "domains": [], "contributors": [], "patchlist": [], "entries": []}
    where = [("range", None), ("range", None)]
    i = 2
    section = "heading"

    def take(kind, ref=None):
        nonlocal i
        where.append((kind, ref))
        i += 1
        return lines[i - 1]

    while i < len(lines):
        line = lines[i]
        if line.startswith("Top ") and "Email domains" in line:
            section = "domains"
            take("heading")
        elif line.startswith("Top ") and "contributors" in line:
            section = "contributors"
            take("heading")
        elif line == "===== Patch list in this time period =====":
            section = "patchlist"
            take("heading")
        elif line == "===== Patch Commit Messages ====":
            take("heading")
            take("heading")  # the blank line after it
            break
        elif line == "":
            take(section if section == "patchlist" else "heading")
        else:
            if section in ("domains", "contributors"):
                m = re.match(r"^ *(\d+) {1,2}(.*)$", line)
                d[section].append((int(m.group(1)), m.group(2)))
            else:
                d["patchlist"].append(line)
            take(section)
    while i < len(lines):
        k = len(d["entries"])
        line = lines[i]
        if line.startswith("Exist: "):
            exist = take("entry", k)[7:]
            skip = take("entry", k)
            assert skip.startswith(" Skip: "), skip
            d["entries"].append({"kind": "skip", "exist": exist, "subject": skip[7:]})
        elif line.startswith("New:  "):
            e = {"kind": "new", "title": take("entry", k)[6:], "subject": take("entry", k)}
            author = take("entry", k)
            assert author.startswith("Author: "), author
            e["author"] = author[8:]
            body = []
            while lines[i] != RULE:
                body.append(take("entry", k))
            take("entry", k)
            take("entry", k)  # the blank line after the rule
            e["body"] = body
            d["entries"].append(e)
        else:
            raise ValueError("line %d: %r is no entry" % (i + 1, line))
    return d, where


def excerpt_of(body):
    """An entry's body lines (between Author: and the rule) -> the excerpt."""
    if body == ["", ""]:
        return []
    assert body[0] == "" and body[-1] == "", body[:2]
    return body[1:-1]


def render(d):
    """Our text layout (DIGEST.md) of parsed parts."""
    out = list(d["head"]) + [""]
    out += [d["domains_heading"], ""] + ["%7d %s" % r for r in d["domains"]] + [""]
    out += [d["contributors_heading"], ""] + ["%7d  %s" % r for r in d["contributors"]] + [""]
    out += ["===== Patch list in this time period =====", ""] + d["patchlist"] + [""]
    out += ["===== Patch Commit Messages ====", ""]
    for e in d["entries"]:
        if e["kind"] == "skip":
            out += ["Exist: " + e["exist"], " Skip: " + e["subject"]]
            continue
        out += ["New:  " + e["title"], e["subject"], "Author: " + e["author"], ""]
        ex = excerpt_of(e["body"])
        out += (ex + [""]) if ex else [""]
        out += [RULE, ""]
    return out


def resort(rows):
    # Count, highest first; ties in descending byte order of the text.
    return sorted(rows, key=lambda r: (-r[0], [-b for b in r[1].encode()] + [1]))


def correct(real, ours, ours_json, real_lines):
    """Applies DIGEST.md's corrections to the real digest; returns the
    corrected parts and, per correction, the real and our entry indexes and
    sections it touched."""
    touched = {k: set() for k in NAMES}
    c = {"head": ours["head"]}
    if not all(re.match(r"^(From|KVM mailing list update from) [0-9a-f]{9} to [0-9a-f]{9}$", l)
               for l in real["head"]):
        fail("the real digest's first two lines are not range lines: %r" % real["head"])
    touched["range"].add(("range", None))
    c["domains_heading"] = real_lines[3]
    c["contributors_heading"] = next(l for l in real_lines if l.startswith("Top ") and
                                     l.endswith("contributors (Based on Email Body)"))
    for section in ("domains", "contributors"):
        rows = []
        for count, text in real[section]:
            if text in HOLE_COUNTS:
                count -= HOLE_COUNTS[text]
                touched["hole"].add((section, text))
            rows.append((count, text))
        c[section] = resort([r for r in rows if r[0] > 0])

    # Entries: the hole's goes; the others pair with ours in order.
    real_entries = [(k, e) for k, e in enumerate(real["entries"])
                    if not (e["kind"] == "new" and e["subject"] == HOLE_ENTRY)]
    for k, e in enumerate(real["entries"]):
        if e["subject"] == HOLE_ENTRY:
            touched["hole"].add(("real-entry", k))
    if len(real_entries) != len(ours["entries"]):
        fail("%d real entries (without the hole's) but %d of ours" %
             (len(real_entries), len(ours["entries"])))
        return None, touched
    entries = []
    for (rk, r), (ok, o) in zip(real_entries, enumerate(ours["entries"])):
        r = dict(r)
        tag = [("real-entry", rk), ("entry", ok)]
        if r["kind"] != o["kind"]:
            fail("entry %d: real %s, ours %s" % (ok + 1, r["kind"], o["kind"]))
            entries.append(r)
            continue
        # Mistake 1: the subject cut at its fold (ours goes on after a space).
        for key in ("subject", "title", "exist"):
            if key in r and r[key] != o[key]:
                if o[key].startswith(r[key]) and o[key][len(r[key])] == " ":
                    r[key] = o[key]
                    touched["m1"].update(tag)
        if r["kind"] == "new":
            j = ours_json["entries"][ok]
            # Mistake 4: the sender printed for the in-body author, and the
            # pseudo-header deleted but its blank line kept.
            if r["author"] != o["author"]:
                if (r["author"] == j["sender"]["text"] and o["author"] == j["author"]["text"]
                        and r["body"][:2] == ["", ""] and r["body"][1:] != ["", ""]):
                    r["author"] = o["author"]
                    r["body"] = r["body"][1:]
                    touched["m4"].update(tag)
            rex, oex = excerpt_of(r["body"]), excerpt_of(o["body"])
            if rex != oex:
                raw = "\n".join(rex)
                if not rex and oex and not any(STAT.match(l) for l in oex):
                    # Mistake 3: nothing printed for a text without a diffstat.
                    r["body"] = o["body"]
                    touched["m3"].update(tag)
                elif re.search(r"=0D$|=$", raw, re.M):
                    # Mistake 2: the raw quoted-printable, decoded, is ours.
                    text = quopri.decodestring(raw.encode()).decode("utf-8")
                    text = text.replace("\r\n", "\n").replace("\r", "")
                    if text.strip("\n").split("\n") == oex:
                        r["body"] = [""] + oex + [""]
                        touched["m2"].update(tag)
        entries.append(r)
    c["entries"] = entries
    # Mistake 5: the patch list holds the subjects of the New entries.
    c["patchlist"] = [e["subject"] for e in entries if e["kind"] == "new"]
    if c["patchlist"] != real["patchlist"]:
        touched["m5"].add(("patchlist", None))
    return c, touched


def hunks(real_path, ours_path):
    r = subprocess.run(["diff", real_path, ours_path], capture_output=True, text=True)
    for line in r.stdout.splitlines():
        m = re.match(r"^(\d+)(?:,(\d+))?([acd])(\d+)(?:,(\d+))?$", line)
        if m:
            a1, a2, op, b1, b2 = m.groups()
            a1, b1 = int(a1), int(b1)
            a2 = int(a2) if a2 else a1
            b2 = int(b2) if b2 else b1
            yield line, (range(a1 - 1, a2) if op != "a" else range(0)), \
                (range(b1 - 1, b2) if op != "d" else range(0))


def main():
    if len(sys.argv) != 2:
        print("usage: digest_mistakes.py PATCHLORE", file=sys.stderr)
        return 2
    patchlore = sys.argv[1]
    if not os.path.isfile(BUNDLE) or not os.path.isfile(REAL):
        print("skipped: %s or %s is absent" % (BUNDLE, REAL))
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "kvm.git")
        subprocess.run(["git", "clone", "-q", "--bare", BUNDLE, repo], check=True)
        text = subprocess.run([patchlore, "digest", repo, "--name", "KVM"], check=True,
                              capture_output=True).stdout.decode()
        ours_json = json.loads(subprocess.run(
            [patchlore, "digest", repo, "--name", "KVM", "--format", "json"], check=True,
            capture_output=True).stdout)
        ours_path = os.path.join(tmp, "ours.txt")
        with open(ours_path, "w") as f:
            f.write(text)
        with open(REAL) as f:
            real_lines = f.read().split("\n")[:-1]
        ours_lines = text.split("\n")[:-1]
        real, real_where = parse(real_lines)
        ours, ours_where = parse(ours_lines)
        corrected, touched = correct(real, ours, ours_json, real_lines)
        if corrected is not None:
            fixed = render(corrected)
            if fixed != ours_lines:
                fail("the real digest with DIGEST.md's corrections is not our output")
                for k, (a, b) in enumerate(zip(fixed, ours_lines)):
                    if a != b:
                        print("  line %d: corrected %r, ours %r" % (k + 1, a, b))
                        break
            else:
                print("ok the real digest, corrected as DIGEST.md lists, is our output")

        used = set()
        n_lines = 0
        for header, real_range, ours_range in hunks(REAL, ours_path):
            kinds = set()
            places = [("real", real_where[i], real_lines[i]) for i in real_range] + \
                     [("ours", ours_where[i], ours_lines[i]) for i in ours_range]
            n_lines += len(places)
            unexplained = 0
            for side, (kind, ref), line in places:
                found = set()
                if kind in ("domains", "contributors"):
                    # A row of a count the holes lowered (and so maybe moved).
                    key = re.match(r"^ *\d+ {1,2}(.*)$", line).group(1)
                    if (kind, key) in touched["hole"]:
                        found.add("hole")
                elif kind == "entry":
                    key = ("real-entry" if side == "real" else "entry", ref)
                    found = {name for name, refs in touched.items() if key in refs}
                else:
                    found = {name for name, refs in touched.items() if (kind, None) in refs}
                if not found:
                    unexplained += 1
                kinds |= found
            used |= kinds
            verdict = ", ".join(NAMES[k] for k in NAMES if k in kinds) or "UNEXPLAINED"
            print("hunk %-18s %3d lines: %s" % (header, len(places), verdict))
            if unexplained:
                fail("hunk %s: %d lines no correction explains" % (header, unexplained))
        for name in NAMES:
            if name not in used:
                fail("no hunk needs the correction '%s': our output repeats it" % NAMES[name])
        print("%d differing lines in all" % n_lines)
    if failures:
        return 1
    print("ok every differing hunk is one of DIGEST.md's corrections")
    return 0


if __name__ == "__main__":
    sys.exit(main())
