#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses, made from the project's fixtures.

  seeds.py OUTDIR

writes OUTDIR/<harness>/<sha1 of the seed> for each harness: the committed
seeds of tests/fuzz/corpus/<harness>/, plus
  mail     every fixture message (tests/fixtures/**, mbox files split)
  mbox     the fixture mbox files, and the fixture messages as one mbox
  subject  the fixtures' Subject values and the strings of test_subject.c
  msgid    the fixtures' Message-ID, In-Reply-To and References values and
           the strings of test_msgid.c
  rfc2047  every fixture header value, folded as written, and the strings
           of test_rfc2047.c
  patch    the patch fixtures, every fixture message's body, and the
           strings of test_diff.c, test_patch.c, test_patchid.c and
           test_trailer.c
  series   each fixture mbox as fuzz_series.c reads it: one line per
           message (ids, subject, sender, date, and for a text its first
           review trailer and the word "diff" when it has one)
Strings of a unit test are its runs of adjacent C string literals, escapes
undone; expected values come along, which does no harm to a seed corpus.
"""
import email.utils
import hashlib
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
UNIT = os.path.join(ROOT, "tests", "unit")
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
HARNESSES = sorted(n[len("fuzz_"):-2] for n in os.listdir(os.path.join(ROOT, "tests", "fuzz"))
                   if n.startswith("fuzz_") and n.endswith(".c"))

LITERAL = re.compile(rb'"((?:[^"\\\n]|\\.)*)"')
BETWEEN = re.compile(rb"(?:\s|\\\n|/\*.*?\*/)*", re.S)
ESCAPES = {b"n": 10, b"t": 9, b"r": 13, b"a": 7, b"b": 8, b"f": 12, b"v": 11,
           b"0": 0, b"\\": 92, b'"': 34, b"'": 39, b"?": 63}


def unescape(s):
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i:i + 1]
        if c != b"\\" or i + 1 == len(s):
            out += c
            i += 1
            continue
        e = s[i + 1:i + 2]
        if e == b"x":
            m = re.match(rb"[0-9a-fA-F]+", s[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF if m else 0)
            i += 2 + (len(m.group(0)) if m else 0)
        elif e in b"01234567" and e:
            m = re.match(rb"[0-7]{1,3}", s[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:
            out.append(ESCAPES.get(e, e[0]))
            i += 2
    return bytes(out)


def c_strings(path):
    """Runs of adjacent string literals in a C file, unescaped."""
    try:
        with open(path, "rb") as f:
            src = f.read()
    except FileNotFoundError:
        return []
    runs = []
    pos = 0
    while True:
        m = LITERAL.search(src, pos)
        if not m:
            break
        # Skip character literals such as '"'.
        if m.start() > 0 and src[m.start() - 1:m.start()] == b"'":
            pos = m.start() + 1
            continue
        parts = [m.group(1)]
        pos = m.end()
        while True:
            b = BETWEEN.match(src, pos)
            n = LITERAL.match(src, b.end())
            if not n:
                break
            parts.append(n.group(1))
            pos = n.end()
        runs.append(unescape(b"".join(parts)))
    return runs


def split_mbox(data):
    msgs = []
    cur = None
    prev_blank = True
    for line in data.splitlines(keepends=True):
        if prev_blank and line.startswith(b"From "):
            if cur is not None:
                msgs.append(b"".join(cur))
            cur = []
        elif cur is not None:
            cur.append(line[1:] if re.match(rb">+From ", line) else line)
        prev_blank = line in (b"\n", b"\r\n")
    if cur is not None:
        msgs.append(b"".join(cur))
    return msgs


def fixture_messages():
    msgs = []
    for dirpath, _, files in sorted(os.walk(FIXTURES)):
        for name in sorted(files):
            with open(os.path.join(dirpath, name), "rb") as f:
                data = f.read()
            if name.endswith(".mbox"):
                msgs += split_mbox(data)
            else:
                msgs.append(data)
    return msgs


def headers(msg):
    """(name, raw value with its folds) of each header of a message."""
    head = re.split(rb"\r?\n\r?\n", msg, maxsplit=1)[0]
    out = []
    for line in re.split(rb"\r?\n(?![ \t])", head):
        name, colon, value = line.partition(b":")
        if colon and name and not name[:1].isspace():
            out.append((name.strip().lower(), value.lstrip(b" \t")))
    return out


def series_line(msg):
    """A message as one line of fuzz_series.c's input."""
    h = {}
    for name, value in headers(msg):
        h.setdefault(name, re.sub(rb"\s+", b" ", value).strip())
    ids = lambda v: re.findall(rb"<([^<>\s]+)>", v or b"")
    when = 0
    try:
        when = int(email.utils.parsedate_to_datetime(h.get(b"date", b"").decode("latin-1")).timestamp())
    except (TypeError, ValueError):
        pass
    sender = ids(h.get(b"from")) or [h.get(b"from", b"")]
    text = body(msg)
    # A review trailer first: the harness reads the text as one line.
    words = [l.strip() for l in text.splitlines()
             if re.match(rb"\s*[A-Za-z-]+-by: ", l) and b"\t" not in l][:1]
    words += [b"diff"] if b"\ndiff --git " in b"\n" + text else []
    fields = [(ids(h.get(b"message-id")) or [b""])[0], (ids(h.get(b"in-reply-to")) or [b""])[0],
              b" ".join(ids(h.get(b"references"))), h.get(b"subject", b""), sender[0],
              str(when).encode(), b" ".join(words)]
    return b"\t".join(f.replace(b"\t", b" ") for f in fields)


def body(msg):
    parts = re.split(rb"\r?\n\r?\n", msg, maxsplit=1)
    return parts[1] if len(parts) == 2 else b""


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: seeds.py OUTDIR")
    out = sys.argv[1]
    seeds = {h: [] for h in HARNESSES}
    for h in HARNESSES:
        d = os.path.join(CORPUS, h)
        for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            with open(os.path.join(d, name), "rb") as f:
                seeds[h].append(f.read())

    msgs = fixture_messages()
    seeds["mail"] += msgs
    for dirpath, _, files in os.walk(FIXTURES):
        for name in files:
            if name.endswith(".mbox"):
                with open(os.path.join(dirpath, name), "rb") as f:
                    data = f.read()
                seeds["mbox"].append(data)
                if "series" in seeds:
                    seeds["series"].append(b"\n".join(series_line(m) for m in split_mbox(data)))
    seeds["mbox"].append(b"".join(b"From fuzz@z Thu Jan  1 00:00:00 1970\n" +
                                  re.sub(rb"(?m)^(>*From )", rb">\1", m) + b"\n"
                                  for m in msgs))
    for m in msgs:
        for name, value in headers(m):
            seeds["rfc2047"].append(value)
            if name == b"subject":
                seeds["subject"].append(re.sub(rb"\r?\n", b"", value))
            if name in (b"message-id", b"in-reply-to", b"references"):
                seeds["msgid"].append(value)
        seeds["patch"].append(body(m))
    for t in ("subject", "msgid", "rfc2047"):
        seeds[t] += c_strings(os.path.join(UNIT, "test_%s.c" % t))
    for t in ("diff", "patch", "patchid", "trailer"):
        seeds["patch"] += c_strings(os.path.join(UNIT, "test_%s.c" % t))

    for h, items in seeds.items():
        d = os.path.join(out, h)
        os.makedirs(d, exist_ok=True)
        n = 0
        for s in items:
            if not s:
                continue
            path = os.path.join(d, hashlib.sha1(s).hexdigest())
            if not os.path.exists(path):
                with open(path, "wb") as f:
                    f.write(s)
                n += 1
        print("%-8s %4d seeds" % (h, n))


if __name__ == "__main__":
    main()
