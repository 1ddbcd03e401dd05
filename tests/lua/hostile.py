#!/usr/bin/env python3
"""Hostile input never crashes patchlore and never makes it lie:
hostile.py PATCHLORE CASE...   (hostile.py --list names the cases)

Each case feeds the real binary one hostile input and asserts, exactly,
the exit status, every line on stderr (a diagnostic naming the input and
what is wrong, then the closing count) and what the script saw
(tests/lua/hostile_dump.lua prints one line per message). Small inputs are
tests/fixtures/hostile/*; big ones (a 50 MB message, a 100,000-line
header, 10,000 nested multiparts, an encoded-word bomb) and every git
archive are generated here into a temporary directory, git archives with
git's plumbing (hash-object, mktree, commit-tree) so that every object is
known, and then damaged by hand.
"""
import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(os.path.dirname(HERE), "fixtures", "hostile")
DUMP = os.path.join(HERE, "hostile_dump.lua")

patchlore = None
failures = []
CASES = {}


def case(fn):
    CASES[fn.__name__.replace("_", "-")] = fn
    return fn


def run(args, cwd, stdin=None, timeout=120):
    r = subprocess.run([patchlore] + args, cwd=cwd, input=stdin, capture_output=True,
                       timeout=timeout, env={k: v for k, v in os.environ.items()
                                             if k != "PATCHLORE_PATH"})
    return r


def dump(archive, *fields, rng="", cwd=None, stdin=None):
    return run([DUMP, archive, rng] + list(fields), cwd or FIXTURES, stdin=stdin)


def expect(what, r, rc, out, err):
    """out and err: the exact lines (str), without their newlines; None
    when that stream is not checked here."""
    got_out = r.stdout.decode("utf-8", "backslashreplace").splitlines()
    got_err = r.stderr.decode("utf-8", "backslashreplace").splitlines()
    ok = (r.returncode == rc and (err is None or got_err == err) and
          (out is None or got_out == out))
    if not ok:
        failures.append(what)
        print("FAIL: %s" % what)
        print("  exit status %d, want %d" % (r.returncode, rc))
        for name, got, want in (("stdout", got_out, out), ("stderr", got_err, err)):
            if want is not None and got != want:
                print("  %s:" % name)
                for line in got:
                    print("    got  " + line[:300])
                for line in want:
                    print("    want " + line[:300])


def summary(skipped, damaged):
    return "patchlore: %d message%s skipped, %d damaged" % (
        skipped, "" if skipped == 1 else "s", damaged)


NO_PREFIX = "prefix={n=0,total=0,counter=false,odd=false,too_big=false,tags=}"


# Single messages and mboxes (tests/fixtures/hostile).

@case
def no_headers():
    # Within an mbox such a message is read, empty, and reported: see
    # half_mbox_half_binary.
    expect("a file that is a message without headers is not an archive: exit 3",
           dump("no-headers.eml", "subject"), 3, [],
           ["patchlore: no-headers.eml: not an archive (neither an mbox nor a mail message: "
            "no headers found)"])


@case
def headers_only():
    expect("a message of headers only (no blank line, no body) is a message",
           dump("headers-only.eml", "subject", "from", "id", "text", "parts", "damage"), 0,
           ['1 subject="headers only" from="Alice <alice@example.org>" '
            'id="headers-only@example.org" text=0:"" parts=[text/plain:0:""] damage=nil',
            "messages 1"], [])


@case
def no_body():
    expect("a message with an empty body is a message",
           dump("no-body.eml", "subject", "id", "text", "damage"), 0,
           ['1 subject="no body" id="no-body@example.org" text=0:"" damage=nil', "messages 1"], [])


@case
def no_subject_from_id():
    expect("no Subject, From or Message-ID: empty subject, nil from and id",
           dump("no-subject-from-id.eml"), 0,
           ['1 commit=nil subject="" from=nil id=nil irt=nil refs={} date=1762160400 ' + NO_PREFIX +
            ' raw=90 text=25:"nothing says who or what\\n"'
            ' parts=[text/plain:25:"nothing says who or what\\n"] damage=nil', "messages 1"], [])


@case
def duplicate_message_id():
    expect("two messages with one Message-ID are both read",
           dump("duplicate-message-id.mbox", "subject", "from", "id", "text"), 0,
           ['1 subject="second of two" from="Bob <bob@example.net>" id="same@example.org" '
            'text=12:"second body\\n"',
            '2 subject="first of two" from="Alice <alice@example.org>" id="same@example.org" '
            'text=11:"first body\\n"', "messages 2"], [])


@case
def nul_bytes():
    expect("a NUL in a header cuts its value and is reported; a NUL in the body is kept",
           dump("nul-bytes.eml", "subject", "from", "text", "damage"), 0,
           ['1 subject="before" from="Alice <alice@example.org>" text=16:"body\\0with a NUL\\n" '
            'damage="a NUL byte in a header: its value is cut there"', "messages 1"],
           ["patchlore: nul-bytes.eml: a NUL byte in a header: its value is cut there",
            summary(0, 1)])


@case
def invalid_utf8():
    # Undeclared 8-bit is UTF-8 when valid, else Latin-1 (API.md): a rule, not damage.
    expect("invalid UTF-8 without a charset reads as Latin-1, headers and body",
           dump("invalid-utf8.eml", "subject", "from", "text", "damage"), 0,
           ['1 subject="caf\u00e9 \u00ff\u00fe" from="J\u00f6rg <joerg@example.de>" '
            'text=20:"no charset \u00c3( here\\n" damage=nil', "messages 1"], [])


@case
def invalid_utf8_declared():
    expect("bytes invalid in the declared UTF-8 are reported and read as Latin-1",
           dump("invalid-utf8-declared.eml", "text", "damage"), 0,
           ['1 text=26:"says utf-8 \u00c3( but is not\\n" '
            'damage="text not valid in its declared charset"', "messages 1"],
           ["patchlore: invalid-utf8-declared.eml: text not valid in its declared charset",
            summary(0, 1)])


@case
def charset_unknown():
    expect("an unknown charset is reported; the text falls back to UTF-8, else Latin-1",
           dump("charset-unknown.eml", "text", "parts", "damage"), 0,
           ['1 text=8:"Qapla\u00e9\\n" parts=[text/plain:8:"Qapla\u00e9\\n"] '
            'damage="text not valid in its declared charset"', "messages 1"],
           ["patchlore: charset-unknown.eml: text not valid in its declared charset",
            summary(0, 1)])


@case
def charset_lying():
    expect("8-bit text declared us-ascii is reported; its bytes are not UTF-8, so Latin-1",
           dump("charset-lying.eml", "text", "damage"), 0,
           ['1 text=15:"na\u00efve caf\u00c3\u00a9\\n" '
            'damage="text not valid in its declared charset"', "messages 1"],
           ["patchlore: charset-lying.eml: text not valid in its declared charset",
            summary(0, 1)])


@case
def base64_broken():
    expect("base64 holding text that is not base64 is reported (its letters decode to junk)",
           dump("base64-broken.eml", "text", "damage"), 0,
           ['1 text=23:"hello world\\n\u017e\u2039[j\u00c7\u00ba" '
            'damage="base64 content holds text that is not base64; '
            'text not valid in its declared charset"', "messages 1"],
           ["patchlore: base64-broken.eml: base64 content holds text that is not base64",
            "patchlore: base64-broken.eml: text not valid in its declared charset",
            summary(0, 1)])


@case
def qp_broken():
    # RFC 2045 6.7: a '=' not followed by two hex digits is kept as it is.
    expect("quoted-printable with bad escapes keeps them; a final '=' is a soft break",
           dump("qp-broken.eml", "text", "damage"), 0,
           ['1 text=38:"bad =ZZ escape, softbreak, caf\u00e9, cut " damage=nil', "messages 1"], [])


@case
def references_loop():
    expect("self-references, a reference loop and a reply to a later message read as written",
           dump("references-loop.mbox", "id", "irt", "refs", "date"), 0,
           ['1 id="future@example.org" irt=nil refs={} date=4097383200',
            '2 id="past@example.org" irt="future@example.org" refs={} date=1762164000',
            '3 id="loop-b@example.org" irt="loop-a@example.org" refs={loop-a@example.org} date=nil',
            '4 id="loop-a@example.org" irt="loop-b@example.org" refs={loop-b@example.org} date=nil',
            '5 id="self@example.org" irt="self@example.org" '
            'refs={self@example.org,loop-b@example.org} date=nil', "messages 5"], [])


@case
def patch_counters():
    expect("[PATCH 0/0] is an odd counter; [PATCH 1/4294967296] a number too big, not a counter",
           dump("patch-counters.mbox", "subject", "prefix"), 0,
           ['1 subject="[PATCH 1/4294967296] one of many" '
            'prefix={n=0,total=0,counter=false,odd=false,too_big=true,tags=1/4294967296}',
            '2 subject="[PATCH 0/0] nothing at all" '
            'prefix={n=0,total=0,counter=true,odd=true,too_big=false,tags=}', "messages 2"], [])


@case
def header_line_not_a_field():
    expect("a header line that is not a field is reported, and the headers after it read",
           dump("header-line-not-a-field.eml", "subject", "from", "text", "damage"), 0,
           ['1 subject="a line in the header is not a field" from="Alice <alice@example.org>" '
            'text=5:"body\\n" '
            'damage="the line at byte 83 is not a header field and was left out"', "messages 1"],
           ["patchlore: header-line-not-a-field.eml: "
            "the line at byte 83 is not a header field and was left out", summary(0, 1)])


@case
def no_blank_line():
    expect("a body without the blank line before it is reported, not silently lost",
           dump("no-blank-line.eml", "subject", "text", "damage"), 0,
           ['1 subject="no blank line before the body" text=0:"" '
            'damage="the line at byte 79 is not a header field and was left out"', "messages 1"],
           ["patchlore: no-blank-line.eml: "
            "the line at byte 79 is not a header field and was left out", summary(0, 1)])


@case
def multipart_boundary_missing():
    expect("a multipart whose boundary never appears is reported",
           dump("multipart-boundary-missing.eml", "text", "parts", "damage"), 0,
           ['1 text=0:"" parts=[] damage="the message ends inside its MIME structure (truncated); '
            'a multipart holds no parts (its boundary never appears)"', "messages 1"],
           ["patchlore: multipart-boundary-missing.eml: "
            "the message ends inside its MIME structure (truncated)",
            "patchlore: multipart-boundary-missing.eml: "
            "a multipart holds no parts (its boundary never appears)", summary(0, 1)])


@case
def multipart_without_boundary():
    expect("a multipart without a boundary parameter is reported",
           dump("multipart-without-boundary.eml", "text", "parts", "damage"), 0,
           ['1 text=0:"" parts=[] '
            'damage="a multipart without a boundary: its parts were not parsed"', "messages 1"],
           ["patchlore: multipart-without-boundary.eml: "
            "a multipart without a boundary: its parts were not parsed", summary(0, 1)])


@case
def multipart_truncated():
    expect("a multipart cut short keeps its parts and is reported",
           dump("multipart-truncated.eml", "text", "parts", "damage"), 0,
           ['1 text=14:"the first part" parts=[text/plain:14:"the first part" '
            'text/x-patch:19:"diff --git a/x b/x\\n"] '
            'damage="the message ends inside its MIME structure (truncated)"', "messages 1"],
           ["patchlore: multipart-truncated.eml: "
            "the message ends inside its MIME structure (truncated)", summary(0, 1)])


@case
def content_type_conflict():
    expect("two Content-Types are reported (GMime takes the last)",
           dump("content-type-conflict.eml", "text", "parts", "damage"), 0,
           ['1 text=0:"" parts=[text/html:18:"<p>which one?</p>\\n"] '
            'damage="conflicting Content-Type or Content-Transfer-Encoding headers"', "messages 1"],
           ["patchlore: content-type-conflict.eml: "
            "conflicting Content-Type or Content-Transfer-Encoding headers", summary(0, 1)])


@case
def content_type_invalid():
    expect("an invalid Content-Type is reported and read as application/octet-stream",
           dump("content-type-invalid.eml", "text", "parts", "damage"), 0,
           ['1 text=0:"" parts=[application/octet-stream:13:"what is this\\n"] '
            'damage="an invalid Content-Type, read as application/octet-stream"', "messages 1"],
           ["patchlore: content-type-invalid.eml: "
            "an invalid Content-Type, read as application/octet-stream", summary(0, 1)])


# Big inputs, generated.

def write(tmp, name, data):
    with open(os.path.join(tmp, name), "wb") as f:
        f.write(data)
    return name


@case
def message_50mb(tmp):
    line = b"x" * 99 + b"\n"
    body = line * (50 * 1024 * 1024 // len(line))
    name = write(tmp, "big.eml", b"Message-ID: <big@example.org>\nSubject: [PATCH] big\n"
                 b"From: Alice <alice@example.org>\n\n" + body)
    expect("a 50 MB message is read whole",
           dump(name, "subject", "id", "raw", "text", "damage", cwd=tmp), 0,
           ['1 subject="[PATCH] big" id="big@example.org" raw=%d text=%d:"%s" damage=nil'
            % (len(body) + 84, len(body), "x" * 40), "messages 1"], [])


@case
def header_100k_lines(tmp):
    folded = b"X-Folded: start\n" + b"".join(b" fold %d\n" % i for i in range(100000))
    name = write(tmp, "folded.eml", b"Message-ID: <folded@example.org>\nSubject: folded\n" +
                 folded + b"\nbody\n")
    expect("a header folded over 100,000 lines is read",
           dump(name, "subject", "id", "text", "damage", cwd=tmp), 0,
           ['1 subject="folded" id="folded@example.org" text=5:"body\\n" damage=nil',
            "messages 1"], [])
    fields = b"".join(b"X-Field-%d: value\n" % i for i in range(100000))
    name = write(tmp, "fields.eml", b"Message-ID: <fields@example.org>\n" + fields +
                 b"Subject: after 100000 fields\n\nbody\n")
    expect("a header block of 100,000 fields is read, down to the last",
           dump(name, "subject", "id", "text", "damage", cwd=tmp), 0,
           ['1 subject="after 100000 fields" id="fields@example.org" text=5:"body\\n" damage=nil',
            "messages 1"], [])


def nested_multiparts(depth):
    out = [b'Message-ID: <nested@example.org>\nSubject: nested\nMIME-Version: 1.0\n'
           b'Content-Type: multipart/mixed; boundary="b0"\n\n']
    for i in range(1, depth):
        out.append(b'--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' % (i - 1, i))
    out.append(b"--b%d\nContent-Type: text/plain\n\ndeep text\n" % (depth - 1))
    out.extend(b"--b%d--\n" % i for i in range(depth - 1, -1, -1))
    return b"".join(out)


@case
def nested_multipart_10000(tmp):
    # GMime stops at 1024 levels (MAX_LEVEL, GMIME_CRIT_NESTING_OVERFLOW): no
    # recursion deeper than that, and what lies below is said to be left out.
    name = write(tmp, "nested.eml", nested_multiparts(10000))
    expect("10,000 nested multiparts: no crash, the parts below GMime's limit reported",
           dump(name, "subject", "text", "parts", "damage", cwd=tmp), 0,
           ['1 subject="nested" text=0:"" parts=[] '
            'damage="MIME parts nested deeper than GMime\'s limit were not parsed"', "messages 1"],
           ["patchlore: nested.eml: MIME parts nested deeper than GMime's limit were not parsed",
            summary(0, 1)])
    name = write(tmp, "nested-1000.eml", nested_multiparts(1000))
    # The line break before a boundary belongs to the boundary (RFC 2046 5.1.1).
    expect("1,000 nested multiparts are within the limit and read",
           dump(name, "text", "parts", "damage", cwd=tmp), 0,
           ['1 text=9:"deep text" parts=[text/plain:9:"deep text"] damage=nil',
            "messages 1"], [])


@case
def nested_message_10000(tmp):
    data = b"".join(b"Message-ID: <m%d@example.org>\nSubject: level %d\n"
                    b"Content-Type: message/rfc822\n\n" % (i, i) for i in range(10000))
    name = write(tmp, "messages.eml", data + b"Subject: innermost\n\ninner text\n")
    expect("10,000 nested message/rfc822: the outer part holds them all, the limit reported",
           dump(name, "subject", "text", "damage", cwd=tmp), 0,
           ['1 subject="level 0" text=0:"" '
            'damage="MIME parts nested deeper than GMime\'s limit were not parsed"', "messages 1"],
           ["patchlore: messages.eml: MIME parts nested deeper than GMime's limit were not parsed",
            summary(0, 1)])


@case
def encoded_word_bomb(tmp):
    word = "=?utf-8?B?%s?=" % base64.b64encode("\u00e9".encode()).decode()
    subject = " ".join([word] * 200000)
    sender = " ".join(["=?utf-8?Q?A?="] * 100000) + " <a@example.org>"
    name = write(tmp, "bomb.eml", ("Message-ID: <bomb@example.org>\nSubject: %s\nFrom: %s\n\n"
                                   "body\n" % (subject, sender)).encode())
    expect("200,000 encoded words in a Subject and 100,000 in a From decode in one pass",
           dump(name, "subject", "from", "damage", cwd=tmp), 0,
           ['1 subject="%s" from="%s <a@example.org>" damage=nil'
            % ("\u00e9" * 200000, "A" * 100000), "messages 1"], [])
    name = write(tmp, "unterminated.eml", b"Message-ID: <open@example.org>\nSubject: " +
                 b"=?utf-8?B?" * 300000 + b"\n\nbody\n")
    expect("300,000 unterminated encoded words stay as they are",
           dump(name, "subject", "damage", cwd=tmp), 0,
           ['1 subject="%s" damage=nil' % ("=?utf-8?B?" * 300000), "messages 1"], [])


def junk(n, seed):
    """n bytes that look like nothing, the same on every run."""
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(b"%s %d" % (seed, counter)).digest()
        counter += 1
    data = bytes(out[:n])
    assert b"From " not in data
    return data


@case
def half_mbox_half_binary(tmp):
    text = (b"From alice Mon Nov  3 10:00:00 2025\nMessage-ID: <one@example.org>\nSubject: one\n\n"
            b"body one\n\n"
            b"From alice Mon Nov  3 11:00:00 2025\nMessage-ID: <two@example.org>\nSubject: two\n\n"
            b"body two\n")
    separator = b"From junk Mon Nov  3 12:00:00 2025\n"
    binary = junk(20000, b"half") + b"\n\n" + separator + junk(5000, b"tail")
    name = write(tmp, "half.mbox", text + binary)
    third = len(text) + 20000 + 2 + len(separator)
    # The binary after message two is its body (no From line ends it); the
    # junk after the last From line is a message of no headers.
    expect("half mbox, half binary: the messages are read, the junk one is reported",
           dump(name, "subject", "id", "raw", "damage", cwd=tmp), 0,
           ['1 subject="" id=nil raw=5000 damage="not a mail message (no headers found)"',
            '2 subject="two" id="two@example.org" raw=%d damage=nil' % (53 + 20000 + 1),
            '3 subject="one" id="one@example.org" raw=53 damage=nil', "messages 3"],
           ["patchlore: half.mbox: message 3 at byte %d: not a mail message (no headers found)"
            % third, summary(0, 1)])


@case
def empty_mbox_message(tmp):
    name = write(tmp, "empty-one.mbox",
                 b"From a Mon Nov  3 10:00:00 2025\n\nFrom b Mon Nov  3 11:00:00 2025\n"
                 b"Message-ID: <b@example.org>\nSubject: b\n\nbody\n")
    expect("an empty message in an mbox is read and reported",
           dump(name, "id", "raw", "damage", cwd=tmp), 0,
           ['1 id="b@example.org" raw=45 damage=nil', '2 id=nil raw=0 damage="empty message"',
            "messages 2"],
           ["patchlore: empty-one.mbox: message 1 at byte 32: empty message", summary(0, 1)])


@case
def stdin_binary(tmp):
    expect("binary on standard input is not an archive: exit 3",
           dump("-", "id", cwd=tmp, stdin=junk(1000, b"stdin")), 3, [],
           ["patchlore: -: not an archive (neither an mbox nor a mail message: "
            "no headers found)"])
    expect("empty standard input holds no message",
           dump("-", "id", cwd=tmp, stdin=b""), 0, ["messages 0"], [])


@case
def mbox_blank_lines_first(tmp):
    mbox = (b"\n\r\n\nFrom alice Mon Nov  3 10:00:00 2025\nSubject: one\n\nbody one\n\n"
            b"From alice Mon Nov  3 11:00:00 2025\nSubject: two\n\nbody two\n")
    name = write(tmp, "blank-first.mbox", mbox)
    for archive, stdin, kind in ((name, None, "mbox"), ("-", mbox, "stdin")):
        expect("an mbox that starts with blank lines is an mbox (%s)" % kind,
               dump(archive, "subject", cwd=tmp, stdin=stdin), 0,
               ['1 subject="two"', '2 subject="one"', "messages 2"], [])


@case
def pipe_path(tmp):
    fifo = os.path.join(tmp, "pipe")
    os.mkfifo(fifo)
    mbox = open(os.path.join(FIXTURES, "duplicate-message-id.mbox"), "rb").read()
    writer = subprocess.Popen(["sh", "-c", 'cat > "$1"', "sh", fifo], stdin=subprocess.PIPE)
    writer.stdin.write(mbox)
    writer.stdin.close()
    r = dump("pipe", "subject", cwd=tmp)
    writer.wait()
    expect("a pipe (patchlore x <(zcat list.mbox.gz)) is read like a file",
           r, 0, ['1 subject="second of two"', '2 subject="first of two"', "messages 2"], [])


@case
def maildir_hostile(tmp):
    md = os.path.join(tmp, "md")
    for sub in ("cur", "new", "tmp", "cur/a-directory"):
        os.makedirs(os.path.join(md, sub))
    write(md, "cur/1700000000.1.host:2,S", b"Message-ID: <one@example.org>\nSubject: one\n\nb\n")
    write(md, "new/1700000001.2.host", b"")
    os.symlink("/nonexistent/file", os.path.join(md, "new/1700000002.3.host"))
    expect("a maildir's directory and dangling link are said, an empty file is damaged",
           dump("md", "subject", "damage", cwd=tmp), 0,
           ['1 subject="" damage="empty message"', '2 subject="one" damage=nil', "messages 2"],
           ["patchlore: md/cur/a-directory: a directory, not a message: left out",
            "patchlore: md/new/1700000002.3.host: cannot read: No such file or directory",
            "patchlore: md/new/1700000001.2.host: empty message",
            summary(1, 1)])


# Git archives, built with plumbing.

GIT_ENV = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Alice", "GIT_AUTHOR_EMAIL": "alice@example.org",
           "GIT_COMMITTER_NAME": "public-inbox", "GIT_COMMITTER_EMAIL": "inbox@example.org"}


def git(repo, *args, data=None, env=None):
    full = dict(os.environ)
    full.update(GIT_ENV)
    full.update(env or {})
    r = subprocess.run(["git", "-C", repo] + list(args), input=data, capture_output=True,
                       env=full, check=True)
    return r.stdout.decode().strip()


def init(path):
    os.makedirs(path)
    git(path, "init", "-q", "--bare")
    git(path, "symbolic-ref", "HEAD", "refs/heads/master")
    return path


def message(subject, t):
    return ("Message-ID: <%s@example.org>\nSubject: %s\nFrom: Alice <alice@example.org>\n"
            "Date: %s\n\nbody of %s\n" % (subject.replace(" ", "-"), subject,
                                          "Tue, 14 Nov 2023 22:13:%02d +0000" % (20 + t), subject))


def commit(repo, parent, subject, t, name="m", data=None):
    """A commit like public-inbox's: the message as blob `name` of its tree,
    the Subject as commit message. Returns (commit, blob)."""
    blob = git(repo, "hash-object", "-w", "--stdin",
               data=(data if data is not None else message(subject, t)).encode())
    tree = git(repo, "mktree", data=("100644 blob %s\t%s\n" % (blob, name)).encode())
    when = "%d +0000" % (1700000000 + t)
    args = ["commit-tree", tree, "-m", subject] + (["-p", parent] if parent else [])
    c = git(repo, *args, env={"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    git(repo, "update-ref", "refs/heads/master", c)
    return c, blob


def history(repo, subjects, first_t=0, **kw):
    ids, parent = [], None
    for i, s in enumerate(subjects):
        parent, blob = commit(repo, parent, s, first_t + i, **(kw.get(s) or {}))
        ids.append((parent, blob))
    return ids


def loose(repo, oid):
    return os.path.join(repo, "objects", oid[:2], oid[2:])


def v2_inbox(tmp, name="inbox"):
    """Two epochs of three messages each; returns the commits, oldest first."""
    e0 = init(os.path.join(tmp, name, "git", "0.git"))
    e1 = init(os.path.join(tmp, name, "git", "1.git"))
    return [c for c, _ in history(e0, ["e0 one", "e0 two", "e0 three"]) +
            history(e1, ["e1 four", "e1 five", "e1 six"], first_t=3)]


def listing(subjects):
    return ['%d subject="%s"' % (i + 1, s) for i, s in enumerate(subjects)] + \
        ["messages %d" % len(subjects)]


@case
def v2_two_epochs(tmp):
    ids = v2_inbox(tmp)
    subjects = ["e1 six", "e1 five", "e1 four", "e0 three", "e0 two", "e0 one"]
    expect("a v2 inbox reads newest epoch first, each newest first",
           dump("inbox", "commit", "subject", "id", cwd=tmp), 0,
           ['%d commit=%s subject="%s" id="%s@example.org"'
            % (i + 1, c[:12], s, s.replace(" ", "-"))
            for i, (c, s) in enumerate(zip(reversed(ids), subjects))] + ["messages 6"], [])


@case
def v2_range_across_epochs(tmp):
    ids = v2_inbox(tmp)
    expect("A..B with A in epoch 0 and B in epoch 1 spans both",
           dump("inbox", "subject", rng="%s..%s" % (ids[1][:7], ids[4][:7]), cwd=tmp), 0,
           listing(["e1 five", "e1 four", "e0 three"]), [])
    expect("A.. from epoch 0 runs to the newest of epoch 1",
           dump("inbox", "subject", rng="%s.." % ids[0], cwd=tmp), 0,
           listing(["e1 six", "e1 five", "e1 four", "e0 three", "e0 two"]), [])
    expect("..B in epoch 1 takes all of epoch 0",
           dump("inbox", "subject", rng="..%s" % ids[3][:10], cwd=tmp), 0,
           listing(["e1 four", "e0 three", "e0 two", "e0 one"]), [])
    expect("a lower end newer than the upper one is an empty range",
           dump("inbox", "subject", rng="%s..%s" % (ids[4], ids[1]), cwd=tmp), 0,
           ["messages 0"], [])


@case
def unknown_revision(tmp):
    ids = v2_inbox(tmp)
    for rng, rev in (("deadbeef", "deadbeef"), ("deadbeef..%s" % ids[4][:8], "deadbeef"),
                     ("%s..HEAD~7" % ids[0][:8], "HEAD~7"), ("no-such-branch", "no-such-branch")):
        expect("unknown revision %s: exit 3 naming it and the archive" % rng,
               dump("inbox", "subject", rng=rng, cwd=tmp), 3, [],
               ["patchlore: inbox: unknown revision '%s'" % rev])


def colliding_blobs():
    """Two blob contents whose ids share their first 4 hex digits."""
    seen = {}
    for i in range(100000):
        data = b"blob number %d\n" % i
        oid = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
        if oid[:4] in seen:
            return seen[oid[:4]], data, oid[:4]
        seen[oid[:4]] = data
    raise AssertionError("no collision")


@case
def ambiguous_revision(tmp):
    repo = init(os.path.join(tmp, "one.git"))
    history(repo, ["first", "second"])
    a, b, prefix = colliding_blobs()
    git(repo, "hash-object", "-w", "--stdin", data=a)
    git(repo, "hash-object", "-w", "--stdin", data=b)
    expect("an id prefix naming two objects: exit 3, ambiguous",
           dump("one.git", "subject", rng=prefix, cwd=tmp), 3, [],
           ["patchlore: one.git: revision '%s' is ambiguous" % prefix])
    # The same commit (same tree, parents, dates, message) in two epochs.
    e0 = init(os.path.join(tmp, "twice", "git", "0.git"))
    e1 = init(os.path.join(tmp, "twice", "git", "1.git"))
    c0, _ = commit(e0, None, "the same", 0)
    c1, _ = commit(e1, None, "the same", 0)
    assert c0 == c1
    expect("an id found in two epochs: exit 3, ambiguous, how many",
           dump("twice", "subject", rng=c0[:10] + "..", cwd=tmp), 3, [],
           ["patchlore: twice: revision '%s' is ambiguous (found in 2 epochs)" % c0[:10]])


@case
def revision_not_a_commit(tmp):
    repo = init(os.path.join(tmp, "one.git"))
    (_, blob), = history(repo, ["only"])
    expect("a revision naming a blob: exit 3, what it is",
           dump("one.git", "subject", rng=blob[:8], cwd=tmp), 3, [],
           ["patchlore: one.git: revision '%s' is a blob, not a commit" % blob[:8]])
    expect("HEAD:m is a blob too",
           dump("one.git", "subject", rng="HEAD:m", cwd=tmp), 3, [],
           ["patchlore: one.git: revision 'HEAD:m' is a blob, not a commit"])


@case
def revision_bad_syntax(tmp):
    repo = init(os.path.join(tmp, "one.git"))
    history(repo, ["only"])
    for rng, line in (("a b", "'a b' is not a revision (bad syntax)"),
                      ("HEAD~99999999999999999999", "'HEAD~99999999999999999999' is not a "
                       "revision (bad syntax)"),
                      ("abc", "'abc' is too short for a commit id (4 hex digits at least)"),
                      ("..", "'..' is not a range"),
                      ("HEAD...HEAD", "'HEAD...HEAD': symmetric ranges (A...B) are not supported")):
        expect("bad revision syntax %r: usage error, exit 2" % rng,
               dump("one.git", "subject", rng=rng, cwd=tmp), 2, [],
               ["patchlore: one.git: " + line])
    expect("a since that is not a date: usage error, exit 2",
           dump("one.git", "subject", rng="since=not-a-date", cwd=tmp), 2, [],
           ["patchlore: since: 'not-a-date' is not a date (YYYY-MM-DD[ HH:MM[:SS]] "
            "or seconds since the epoch)"])


@case
def revision_on_mbox():
    expect("a revision given for an mbox: usage error, exit 2",
           dump("duplicate-message-id.mbox", "subject", rng="HEAD"), 2, [],
           ["patchlore: duplicate-message-id.mbox: revision 'HEAD' given, but a mbox has no "
            "revisions"])


@case
def git_commit_without_m(tmp):
    repo = init(os.path.join(tmp, "nom.git"))
    ids = history(repo, ["first", "no m here", "third"], **{"no m here": {"name": "x"}})
    expect("a commit without blob m: reported once, skipped, the rest read",
           dump("nom.git", "subject", "id", cwd=tmp), 0,
           ['1 subject="third" id="third@example.org"', '2 subject="first" id="first@example.org"',
            "messages 2"],
           ["patchlore: nom.git: commit %s: no message in it (no blob m)" % ids[1][0][:12],
            summary(1, 0)])


@case
def git_missing_blob(tmp):
    repo = init(os.path.join(tmp, "partial.git"))
    ids = history(repo, ["first", "its blob is gone", "third"])
    os.unlink(loose(repo, ids[1][1]))
    expect("a missing blob: reported once, skipped, never fatal",
           dump("partial.git", "subject", "id", cwd=tmp), 0,
           ['1 subject="third" id="third@example.org"', '2 subject="first" id="first@example.org"',
            "messages 2"],
           ["patchlore: partial.git: commit %s: its message (blob %s) is missing from the "
            "repository" % (ids[1][0][:12], ids[1][1][:12]), summary(1, 0)])


def garble(path):
    os.chmod(path, 0o644)
    with open(path, "wb") as f:
        f.write(b"not a zlib stream\n" * 4)


@case
def git_corrupt_blob(tmp):
    repo = init(os.path.join(tmp, "corrupt.git"))
    ids = history(repo, ["first", "its blob is garbage", "third"])
    garble(loose(repo, ids[1][1]))
    why = "corrupt.git: commit %s: cannot read its message: failed to inflate loose object" \
        % ids[1][0][:12]
    # Found only when read (checking every blob up front would read every
    # blob): the commit's fields stay, the message reads as empty, and the
    # damage field says why.
    expect("a corrupt blob: reported once, counted skipped, the rest read",
           dump("corrupt.git", "subject", "id", "raw", "damage", cwd=tmp), 0,
           ['1 subject="third" id="third@example.org" raw=132 damage=nil',
            '2 subject="its blob is garbage" id=nil raw=0 damage="%s"' % why,
            '3 subject="first" id="first@example.org" raw=132 damage=nil', "messages 3"],
           ["patchlore: " + why, summary(1, 0)])


@case
def git_corrupt_commit(tmp):
    repo = init(os.path.join(tmp, "corrupt.git"))
    ids = history(repo, ["first", "this commit is garbage", "third"])
    garble(loose(repo, ids[1][0]))
    # The history past it cannot be known: going on would drop it silently.
    # What comes before it (newer) has been read by then.
    expect("a corrupt commit: the newer messages read, then exit 3 naming it",
           dump("corrupt.git", "subject", cwd=tmp), 3, ['1 subject="third"'],
           ["patchlore: corrupt.git: commit %s: cannot be read: failed to inflate loose object "
            "(the history cannot be walked past it)" % ids[1][0][:12]])
    os.unlink(loose(repo, ids[1][0]))
    expect("a missing commit: the newer messages read, then exit 3 naming it",
           dump("corrupt.git", "subject", cwd=tmp), 3, ['1 subject="third"'],
           ["patchlore: corrupt.git: commit %s: cannot be read: object not found - no match for "
            "id (%s) (the history cannot be walked past it)" % (ids[1][0][:12], ids[1][0])])


@case
def git_corrupt_tree(tmp):
    repo = init(os.path.join(tmp, "corrupt.git"))
    ids = history(repo, ["first", "its tree is garbage", "third"])
    garble(loose(repo, git(repo, "rev-parse", ids[1][0] + "^{tree}")))
    expect("a corrupt tree: reported once, skipped, the rest read",
           dump("corrupt.git", "subject", cwd=tmp), 0, listing(["third", "first"]),
           ["patchlore: corrupt.git: commit %s: its tree cannot be read: failed to inflate loose "
            "object" % ids[1][0][:12], summary(1, 0)])


@case
def git_empty(tmp):
    init(os.path.join(tmp, "empty.git"))
    expect("an empty repository: no message, exit 0",
           dump("empty.git", "subject", cwd=tmp), 0, ["messages 0"], [])
    init(os.path.join(tmp, "empty-inbox", "git", "0.git"))
    expect("a v2 inbox of one empty epoch: no message, exit 0",
           dump("empty-inbox", "subject", cwd=tmp), 0, ["messages 0"], [])


@case
def v2_epoch_gap(tmp):
    v2_inbox(tmp)
    inbox = os.path.join(tmp, "inbox", "git")
    os.rename(os.path.join(inbox, "1.git"), os.path.join(inbox, "3.git"))
    os.rename(os.path.join(inbox, "0.git"), os.path.join(inbox, "1.git"))
    os.makedirs(os.path.join(inbox, "not-an-epoch.git"))
    expect("epochs missing from a v2 inbox are said, the others read",
           dump("inbox", "subject", cwd=tmp), 0,
           listing(["e1 six", "e1 five", "e1 four", "e0 three", "e0 two", "e0 one"]),
           ["patchlore: inbox: git/0.git is missing: its messages are not read",
            "patchlore: inbox: git/2.git is missing: its messages are not read"])


@case
def not_an_archive(tmp):
    os.makedirs(os.path.join(tmp, "plain-dir"))
    repo = init(os.path.join(tmp, "code.git"))
    history(repo, ["code"], **{"code": {"name": "README"}})
    for path, line in (("plain-dir", "plain-dir: not an archive (not a git repository, mbox, "
                        "maildir or message)"),
                       ("no-such-path", "no-such-path: No such file or directory"),
                       ("code.git", "code.git: a git repository, but not a mail archive (its "
                        "newest commit has no blob m)")):
        expect("%s is not an archive: exit 3" % path, dump(path, cwd=tmp), 3, [],
               ["patchlore: " + line])
        expect("digest %s: exit 3" % path, run(["digest", path], tmp), 3, [],
               ["patchlore: " + line])


# Bad arguments.

@case
def bad_arguments(tmp):
    for args, line in ((["--bogus"], "unknown option '--bogus' (patchlore --help)"),
                       (["--max-memory", "lots", "digest"],
                        "--max-memory needs a positive number (patchlore --help)"),
                       (["--timeout", "-1", "digest"],
                        "--timeout needs a positive number (patchlore --help)"),
                       (["-L"], "-L needs a directory (patchlore --help)"),
                       (["no-such-command"],
                        "unknown command 'no-such-command' (patchlore --help lists them)"),
                       (["./missing.lua"], "cannot open ./missing.lua: No such file or directory")):
        expect("patchlore %s: usage error, exit 2" % " ".join(args), run(args, tmp), 2, [],
               ["patchlore: " + line])
    r = run([], tmp)
    expect("no command: the usage on stderr, all of it, exit 2", r, 2, [], None)
    if r.stdout or b"  digest " not in r.stderr:
        failures.append("no command: usage")
        print("FAIL: no command: usage went to stdout: %r" % r.stdout[:200])


def main():
    global patchlore
    if sys.argv[1:] == ["--list"]:
        print("\n".join(CASES))
        return 0
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    patchlore = os.path.abspath(sys.argv[1])
    for name in sys.argv[2:]:
        fn = CASES[name]
        if fn.__code__.co_argcount:
            tmp = tempfile.mkdtemp(prefix="patchlore-hostile-")
            try:
                fn(tmp)
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
        else:
            fn()
    print("%d failure(s)" % len(failures) if failures else "ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
