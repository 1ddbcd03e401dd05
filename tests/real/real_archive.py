#!/usr/bin/env python3
"""Real-archive tests: a bundle of ../shared/data cloned into a temporary
directory and read whole through the real patchlore binary.

  real_archive.py messages PATCHLORE BUNDLE STEP
      every message read (exit 0), in git rev-list order, their count that
      of git rev-list --count HEAD; every STEP-th message's subject, From
      name and address, Message-ID and Date equal to an independent parse
      of its blob with Python's email module.
  real_archive.py ranges PATCHLORE BUNDLE
      A..B, A.., ..B, B, abbreviated ids and since/until give git rev-list's
      commits for the same range; an unknown revision exits 3 naming it and
      the archive.

Exit 77 (skipped) when the bundle is absent. Never writes beside the bundle.
"""
import email
import email.header
import email.policy
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DUMP = os.path.join(HERE, "dump_fields.lua")
failures = []


def fail(what):
    failures.append(what)
    if len(failures) <= 40:
        print("FAIL: " + what)


def check(cond, what):
    if not cond:
        fail(what)
    return cond


def git(repo, *args, input=None):
    r = subprocess.run(["git", "-C", repo, *args], input=input, capture_output=True, check=True)
    return r.stdout


def clone(bundle, tmp):
    repo = os.path.join(tmp, "archive.git")
    subprocess.run(["git", "clone", "-q", "--bare", bundle, repo], check=True)
    return repo


def run_patchlore(patchlore, *args):
    return subprocess.run([patchlore, *args], capture_output=True)


def unhex(field):
    return None if field == "-" else bytes.fromhex(field).decode("utf-8", "surrogateescape")


def dump(patchlore, repo, rng=None):
    """[(commit, subject, name, address, message_id, date, text_len, tostring(from))]
    or None."""
    args = [DUMP, repo] + ([rng] if rng is not None else [])
    r = run_patchlore(patchlore, *args)
    if not check(r.returncode == 0,
                 "reading %s %s exits 0 (got %d: %s)" % (repo, rng or "(all)", r.returncode,
                                                         r.stderr.decode(errors="replace")[-500:])):
        return None
    rows = []
    for line in r.stdout.decode().splitlines():
        c, s, n, a, i, d, t, f = line.split("\t")
        rows.append((c, unhex(s), unhex(n), unhex(a), unhex(i),
                     None if d == "-" else int(d), int(t), unhex(f)))
    return rows


def unfold(value):
    """DIGEST.md's unfolding: each line break before white space removed,
    the white space kept."""
    return re.sub(r"\r?\n(?=[ \t])", "", value).rstrip("\r\n")


def expected_fields(raw):
    """Subject, From name, From address, Message-ID and Date of a message,
    parsed by Python's email module (policy.default)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    raw_headers = {}
    for name, value in msg.raw_items():
        raw_headers.setdefault(name.lower(), value)
    subject = None
    if "subject" in raw_headers:
        header = email.policy.default.header_factory("subject", unfold(raw_headers["subject"]))
        subject = str(header).strip()
    name = address = None
    if msg["from"] is not None and msg["from"].addresses:
        first = msg["from"].addresses[0]
        # "without its quotes" (DIGEST.md): Python keeps the quotes that an
        # encoded word carries inside it (=?UTF-8?Q? "Name" ?=).
        name = first.display_name.strip()
        if len(name) >= 2 and name[0] == name[-1] == '"':
            name = name[1:-1].strip()
        name = name or None
        address = first.addr_spec
    message_id = None
    if "message-id" in raw_headers:
        value = unfold(raw_headers["message-id"])
        m = re.search(r"<([^>]*)>", value)
        message_id = re.sub(r"\s", "", m.group(1)) if m else value.strip() or None
    date = None
    if msg["date"] is not None and msg["date"].datetime is not None:
        date = int(msg["date"].datetime.timestamp())
    return subject, name, address, message_id, date


def blobs(repo, commits):
    """Yields the raw message (blob m) of each commit, in order, through one
    git cat-file --batch (fed from a thread, so neither pipe can fill up)."""
    proc = subprocess.Popen(["git", "-C", repo, "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def feed():
        proc.stdin.write("".join(c + ":m\n" for c in commits).encode())
        proc.stdin.close()

    writer = threading.Thread(target=feed)
    writer.start()
    for _ in commits:
        size = int(proc.stdout.readline().split()[2])
        yield proc.stdout.read(size)
        proc.stdout.read(1)
    writer.join()
    proc.wait()


def head_of(raw):
    end = raw.find(b"\n\n")
    return raw if end < 0 else raw[:end]


def decode_words(value):
    """RFC 2047 words decoded the way DIGEST.md asks: adjacent words of one
    charset joined before conversion (email.header.decode_header does),
    white space between them dropped; gb2312 read as its superset gb18030."""
    out = []
    for data, charset in email.header.decode_header(value):
        if isinstance(data, str):
            out.append(data)
            continue
        charset = {"gb2312": "gb18030"}.get((charset or "utf-8").lower(), charset or "utf-8")
        out.append(data.decode(charset, "replace"))
    return "".join(out).strip()


def test_messages(patchlore, repo, step):
    expected = git(repo, "rev-list", "HEAD").decode().split()
    count = int(git(repo, "rev-list", "--count", "HEAD"))
    rows = dump(patchlore, repo)
    if rows is None:
        return
    print("messages read: %d, git rev-list --count HEAD: %d" % (len(rows), count))
    check(len(rows) == count, "message count %d equals git rev-list --count HEAD %d"
          % (len(rows), count))
    if not check([r[0] for r in rows] == expected, "messages come in git rev-list HEAD order"):
        return
    authors = git(repo, "log", "--format=%an%x00%ae").decode("utf-8", "surrogateescape")
    # public-inbox records a From without a display name with the address
    # (lore's older imports) or its local part (public-inbox 1.9) as the name.
    nameless = []
    for line in authors.splitlines():
        name, address = line.split("\0")
        nameless.append(name in (address, address.rsplit("@", 1)[0]))

    sampled = encoded = unnamed = 0
    labels = ("subject", "from name", "from address", "message_id", "date")
    for i, (row, raw) in enumerate(zip(rows, blobs(repo, [r[0] for r in rows]))):
        # The hard cases of the whole history are compared as well as the
        # sample: Subjects with encoded words, and Froms that public-inbox
        # recorded without a display name (author name = address).
        has_words = re.search(rb"(?im)^subject:(.*\n[ \t])*.*=\?", head_of(raw)) is not None
        if i % step and not has_words and not nameless[i]:
            continue
        want = list(expected_fields(raw))
        if has_words:
            encoded += 1
            msg = email.message_from_bytes(raw, policy=email.policy.compat32)
            want[0] = decode_words(unfold(msg.get("subject", "")))
        unnamed += nameless[i]
        sampled += i % step == 0
        for label, g, w in zip(labels, row[1:6], want):
            check(g == w, "commit %s: %s is %r, the blob says %r" % (row[0][:12], label, g, w))
    print("fields compared with Python's email parse: one message in %d (%d), every "
          "Subject with encoded words (%d), every From recorded without a name (%d)"
          % (step, sampled, encoded, unnamed))


def rev_list(repo, *args):
    return git(repo, "rev-list", *args).decode().split()


LIST = os.path.join(HERE, "list_commits.lua")


def listed(patchlore, repo, rng="", since="", until=""):
    """(commits, lower) of a range as the binary walks it, or None."""
    r = run_patchlore(patchlore, LIST, repo, rng, str(since), str(until))
    if not check(r.returncode == 0, "range %r since %r until %r exits 0 (got %d: %s)"
                 % (rng, since, until, r.returncode, r.stderr.decode(errors="replace"))):
        return None, None
    lines = r.stdout.decode().split()
    return lines[:-2], lines[-1]


def check_range(patchlore, repo, label, rng, git_args, since="", until="", lower=None):
    got, got_lower = listed(patchlore, repo, rng, since, until)
    want = rev_list(repo, *git_args)
    if got is not None:
        check(got == want, "%s: range %r gives %d commits, git rev-list %s gives %d"
              % (label, rng, len(got), " ".join(git_args), len(want)))
        if lower is not None:
            check(got_lower == lower, "%s: inbox:lower(%r) is %s, want %s"
                  % (label, rng, got_lower, lower))
    return len(want)


def test_ranges(patchlore, repo):
    all_commits = rev_list(repo, "HEAD")
    n = len(all_commits)
    newer, older = all_commits[n // 4], all_commits[(3 * n) // 4]
    root = all_commits[-1]
    sizes = {}
    sizes["A..B"] = check_range(patchlore, repo, "A..B", older + ".." + newer,
                                [older + ".." + newer], lower=older)
    sizes["A.."] = check_range(patchlore, repo, "A..", older + "..", [older + "..HEAD"],
                               lower=older)
    sizes["..B"] = check_range(patchlore, repo, "..B", ".." + newer, [newer], lower=root)
    sizes["B"] = check_range(patchlore, repo, "bare B", newer, [newer], lower=root)
    sizes["abbreviated A..B"] = check_range(
        patchlore, repo, "abbreviated ids (9 hex digits) resolve", older[:9] + ".." + newer[:9],
        [older + ".." + newer], lower=older)
    sizes["whole"] = check_range(patchlore, repo, "no range: the whole history", "", ["HEAD"],
                                 lower=root)
    check_range(patchlore, repo, "root..HEAD leaves the root out", root + "..HEAD",
                [root + "..HEAD"], lower=root)
    check_range(patchlore, repo, "HEAD~5 (a revision expression)", "HEAD~5", ["HEAD~5"])
    check_range(patchlore, repo, "B..B is empty", newer + ".." + newer, [newer + ".." + newer])
    check_range(patchlore, repo, "newer..older is empty", newer + ".." + older,
                [newer + ".." + older])

    # since/until bound the commit (received) time, both ends inclusive.
    times = [int(t) for t in git(repo, "log", "--format=%ct", "HEAD").decode().split()]
    since, until = times[(3 * n) // 4], times[n // 4]
    sizes["since/until"] = check_range(
        patchlore, repo, "since/until", "", ["--since=@%d" % since, "--until=@%d" % until, "HEAD"],
        since, until)
    sizes["since"] = check_range(patchlore, repo, "since only", "",
                                 ["--since=@%d" % since, "HEAD"], since)
    sizes["until"] = check_range(patchlore, repo, "until only", "",
                                 ["--until=@%d" % until, "HEAD"], "", until)
    sizes["..B since"] = check_range(patchlore, repo, "since with a range", ".." + newer,
                                     ["--since=@%d" % since, newer], since)
    day = time.strftime("%Y-%m-%d", time.gmtime(times[n // 2]))
    next_day = time.strftime("%Y-%m-%d", time.gmtime(times[n // 2] + 86400))
    sizes["one day"] = check_range(
        patchlore, repo, "since/until as dates (UTC)", "",
        ["--since=%sT00:00:00Z" % day, "--until=%sT00:00:00Z" % next_day, "HEAD"], day, next_day)

    # An unknown revision is an input error naming it and the archive.
    for bad in ("0123456789abcdef0123", "nosuchbranch", "deadbeef..HEAD", "HEAD..feedface"):
        r = run_patchlore(patchlore, LIST, repo, bad)
        rev = [part for part in bad.split("..") if part != "HEAD"][0]
        err = r.stderr.decode()
        check(r.returncode == 3, "unknown revision %r exits 3 (got %d)" % (bad, r.returncode))
        check(err == "patchlore: %s: unknown revision '%s'\n" % (repo, rev),
              "unknown revision %r: the message names it and the archive (got %r)" % (bad, err))
    # An abbreviation shared by two objects is ambiguous, also an input error.
    ambiguous = next((c[:4] for c in all_commits
                      if subprocess.run(["git", "-C", repo, "rev-parse", "-q", "--verify",
                                         c[:4] + "^{commit}"],
                                        capture_output=True).returncode != 0), None)
    if ambiguous:
        r = run_patchlore(patchlore, LIST, repo, ambiguous)
        check(r.returncode == 3 and
              r.stderr.decode() == "patchlore: %s: revision '%s' is ambiguous\n" % (repo, ambiguous),
              "ambiguous abbreviation %r exits 3 (got %d: %r)"
              % (ambiguous, r.returncode, r.stderr.decode()))
    print("range sizes: " + ", ".join("%s %d" % kv for kv in sizes.items())
          + "; ambiguous abbreviation tried: %s" % ambiguous)


def main():
    mode, patchlore, bundle = sys.argv[1:4]
    if not os.path.exists(bundle):
        print("skipped: %s is absent" % bundle)
        return 77
    with tempfile.TemporaryDirectory(prefix="patchlore-real-") as tmp:
        repo = clone(bundle, tmp)
        if mode == "messages":
            test_messages(patchlore, repo, int(sys.argv[4]))
        elif mode == "ranges":
            test_ranges(patchlore, repo)
        else:
            print("unknown mode " + mode)
            return 2
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
