#!/usr/bin/env python3
"""Fixture inboxes built with the real public-inbox tools, read by the real
patchlore binary:

  public_inbox.py v2 PATCHLORE   a v2 inbox of three epochs
  public_inbox.py v1 PATCHLORE   a v1 inbox

The mail is tests/fixtures/example.mbox (6 messages) and
tests/fixtures/inbox/*.eml (4), delivered in that order, so the newest
message is the last .eml. Everything is built in a temporary directory
(HOME, PI_CONFIG and PI_EMERGENCY point into it). Exit 77 (skipped) when
public-inbox is not installed.
"""
import email
import email.policy
import mailbox
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
FIXTURES = os.path.join(TESTS, "fixtures")
DUMP = os.path.join(TESTS, "real", "dump_fields.lua")
LIST = os.path.join(TESTS, "real", "list_commits.lua")
ADDRESS = "demo-list@lists.example.org"
# Epochs of about two fixture messages each (see v2_add_rotating.pl).
ROTATE_BYTES = 1200
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)
    return cond


def run(cmd, env, stdin=None, ok=True):
    r = subprocess.run(cmd, env=env, input=stdin, capture_output=True)
    if ok and r.returncode != 0:
        raise SystemExit("%s failed (%d): %s" % (" ".join(cmd), r.returncode,
                                                 r.stderr.decode(errors="replace")))
    return r


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir=" + gitdir, *args], capture_output=True,
                          check=True).stdout.decode()


def unhex(field):
    return None if field == "-" else bytes.fromhex(field).decode("utf-8", "surrogateescape")


def messages_of(patchlore, archive, rng=None):
    """[(commit, subject, tostring(from), message_id, date)] read by patchlore."""
    r = subprocess.run([patchlore, DUMP, archive] + ([rng] if rng is not None else []),
                       capture_output=True)
    if not check(r.returncode == 0, "reading %s %s exits 0 (got %d: %s)"
                 % (archive, rng, r.returncode, r.stderr.decode(errors="replace"))):
        return []
    check(r.stderr == b"", "reading %s writes nothing on stderr (got %r)" % (archive, r.stderr))
    rows = []
    for line in r.stdout.decode().splitlines():
        c, s, _, _, i, d, _, f = line.split("\t")
        rows.append((c, unhex(s), unhex(f), unhex(i), None if d == "-" else int(d)))
    return rows


def commits_of(patchlore, archive, rng="", since="", until=""):
    """(exit status, commits, lower, stderr) of a range walked by patchlore."""
    r = subprocess.run([patchlore, LIST, archive, rng, str(since), str(until)],
                       capture_output=True)
    lines = r.stdout.decode().split()
    if r.returncode != 0 or not lines:
        return r.returncode, None, None, r.stderr.decode()
    return r.returncode, lines[:-2], lines[-1], r.stderr.decode()


def utc(t, fmt):
    return time.strftime(fmt, time.gmtime(t))


def kind_of(patchlore, archive):
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as f:
        f.write("print(assert(require('patchlore').open(arg[1])).kind)\n")
        f.flush()
        return subprocess.run([patchlore, f.name, archive],
                              capture_output=True).stdout.decode().strip()


def fixture_files(tmp):
    """The mail in delivery order, one file each (the mbox split)."""
    files = []
    box = mailbox.mbox(os.path.join(FIXTURES, "example.mbox"), create=False)
    for n, key in enumerate(box.keys()):
        path = os.path.join(tmp, "example-%d.eml" % n)
        with open(path, "wb") as f:
            f.write(box.get_bytes(key))
        files.append(path)
    inbox = os.path.join(FIXTURES, "inbox")
    files += [os.path.join(inbox, name) for name in sorted(os.listdir(inbox))
              if name.endswith(".eml")]
    return files


def person(addr):
    return "%s <%s>" % (addr.display_name, addr.addr_spec) if addr.display_name \
        else "<%s>" % addr.addr_spec


def expected_message(path):
    """(subject, tostring(from), message_id) by Python's email parse."""
    with open(path, "rb") as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    return (str(msg["subject"]).strip(), person(msg["from"].addresses[0]),
            str(msg["message-id"]).strip()[1:-1])


def setup_env(tmp, name):
    home = os.path.join(tmp, name + "-home")
    os.makedirs(home)
    env = dict(os.environ, HOME=home, PI_CONFIG=os.path.join(home, "config"),
               PI_EMERGENCY=os.path.join(home, "emergency"), ORIGINAL_RECIPIENT=ADDRESS)
    env.pop("GIT_DIR", None)
    return env


def deliver(env, path):
    with open(path, "rb") as f:
        run(["public-inbox-mda"], env, f.read())


def learn_rm(env, path):
    with open(path, "rb") as f:
        run(["public-inbox-learn", "rm"], env, f.read())


def carries_message(gitdir, commit):
    """Whether a commit has a non-empty blob m (a deletion has d instead;
    public-inbox-purge leaves an empty m in a commit "purged <blob>")."""
    r = subprocess.run(["git", "--git-dir=" + gitdir, "cat-file", "-s", commit + ":m"],
                       capture_output=True)
    return r.returncode == 0 and int(r.stdout) > 0


def check_read_all(patchlore, archive, files, removed_commit, label):
    """Every message read, newest first, fields as Python parses them."""
    rows = messages_of(patchlore, archive)
    want = [expected_message(p) for p in reversed(files)]
    check(len(rows) == len(want), "%s: %d messages read, %d delivered"
          % (label, len(rows), len(want)))
    for row, w, path in zip(rows, want, reversed(files)):
        got = (row[1], row[2], row[3])
        check(got == w, "%s: %s read as %r, want %r" % (label, os.path.basename(path), got, w))
    check(removed_commit not in [r[0] for r in rows],
          "%s: the deletion commit %s (public-inbox-learn rm) is skipped"
          % (label, removed_commit[:12]))
    return rows


def test_v2(patchlore, tmp):
    env = setup_env(tmp, "v2")
    inbox = os.path.join(tmp, "v2")
    run(["public-inbox-init", "-V2", "demo2", inbox, "http://example.org/demo2", ADDRESS], env)
    run(["git", "config", "-f", env["PI_CONFIG"], "publicinboxmda.spamcheck", "none"], env)
    files = fixture_files(tmp)
    mbox_files, eml_files = files[:6], files[6:]
    out = run(["perl", os.path.join(HERE, "v2_add_rotating.pl"), "demo2", str(ROTATE_BYTES)]
              + mbox_files, env).stdout.decode()
    print("v2_add_rotating.pl: " + out.strip())
    for path in eml_files:
        deliver(env, path)                # -mda appends to the newest epoch
    learn_rm(env, mbox_files[3])          # Bjørn's reply, in epoch 1

    epochs = []
    while os.path.isdir(os.path.join(inbox, "git", "%d.git" % len(epochs))):
        epochs.append(os.path.join(inbox, "git", "%d.git" % len(epochs)))
    if not check(len(epochs) >= 3, "the v2 inbox has at least 3 epochs (has %d)" % len(epochs)):
        return
    # The whole history as git has it: newest epoch first, each newest first.
    history, epoch_of = [], {}
    for k in reversed(range(len(epochs))):
        for c in git(epochs[k], "rev-list", "HEAD").split():
            history.append(c)
            epoch_of[c] = k
    layout = [len(git(e, "rev-list", "HEAD").split()) for e in epochs]
    print("epochs: %d, commits per epoch (oldest first): %s" % (len(epochs), layout))
    with_m = [c for c in history if carries_message(epochs[epoch_of[c]], c)]
    removed = [c for c in history if c not in with_m]
    check(len(removed) == 1, "one commit carries no m (the deletion): %d" % len(removed))
    if not removed:
        return

    rows = check_read_all(patchlore, inbox, files, removed[0], "v2")
    check([r[0] for r in rows] == with_m,
          "v2: commits read newest first across epochs, as git rev-list gives them per epoch")

    def lister(*args):
        return commits_of(patchlore, inbox, *args)

    def expect_range(label, rng, want, lower=None, since="", until=""):
        rc, got, got_lower, err = lister(rng, since, until)
        if check(rc == 0, "v2 %s: range %r exits 0 (got %d: %s)" % (label, rng, rc, err)):
            want = [c for c in want if c in with_m]
            check(got == want, "v2 %s: range %r gives %s, want %s"
                  % (label, rng, [c[:7] for c in got], [c[:7] for c in want]))
            if lower is not None:
                check(got_lower == lower, "v2 %s: lower end %s, want %s"
                      % (label, got_lower, lower))

    def between(lo, hi):
        """Commits newer than lo, down from hi (inclusive): history[hi:lo)."""
        start = history.index(hi) if hi else 0
        end = history.index(lo) if lo else len(history)
        return history[start:end]

    def in_epoch(k):
        return [c for c in history if epoch_of[c] == k]

    e0, e1, e2 = in_epoch(0), in_epoch(1), in_epoch(len(epochs) - 1)
    root = e0[-1]
    a, b = e0[-1], e2[1]            # the root of epoch 0; the newest epoch's second
    expect_range("A..B across three epochs", a + ".." + b, between(a, b), lower=a)
    expect_range("A..B, ends in neighbouring epochs", e1[-1] + ".." + e2[-1],
                 between(e1[-1], e2[-1]), lower=e1[-1])
    expect_range("A.. from epoch 1", e1[-1] + "..", between(e1[-1], None), lower=e1[-1])
    expect_range("..B in epoch 1", ".." + e1[0], between(None, e1[0]), lower=root)
    expect_range("bare B in epoch 0", e0[0], between(None, e0[0]), lower=root)
    expect_range("no range", "", history, lower=root)
    expect_range("abbreviated ids in epochs 0 and 2", a[:7] + ".." + b[:7], between(a, b),
                 lower=a)
    expect_range("abbreviated bare B in epoch 1", e1[0][:8], between(None, e1[0]))
    expect_range("lower end in a newer epoch than the upper is empty",
                 e2[-1] + ".." + e0[0], [])
    expect_range("HEAD is the newest epoch's", "HEAD~1", between(None, e2[1]))
    # Commit times are the Date headers here (no Received:), one per message.
    times = {c: int(git(epochs[epoch_of[c]], "log", "-1", "--format=%ct", c)) for c in history}
    since, until = times[e0[0]], times[e2[1]]
    def bounded(lo, hi):
        return [c for c in history if lo <= times[c] <= hi]
    expect_range("since/until over epochs", "", bounded(since, until), since=since, until=until)
    expect_range("since/until as Lua numbers", "", bounded(since, until),
                 since="=%d" % since, until="=%d" % until)
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S+00:00"):
        expect_range("since/until as %s" % fmt, "", bounded(since, until),
                     since=utc(since, fmt), until=utc(until, fmt))
    # Without seconds or a time, a date is its first second (UTC).
    expect_range("since/until as YYYY-MM-DD HH:MM", "", bounded(since // 60 * 60, until // 60 * 60),
                 since=utc(since, "%Y-%m-%d %H:%M"), until=utc(until, "%Y-%m-%d %H:%M"))
    expect_range("since/until as YYYY-MM-DD", "", bounded(since // 86400 * 86400,
                                                         until // 86400 * 86400),
                 since=utc(since, "%Y-%m-%d"), until=utc(until, "%Y-%m-%d"))

    for bad in ("deadbeef", "0123456789abcdef0123456789abcdef01234567", "nosuchref"):
        for rng in (bad, e0[0] + ".." + bad, bad + ".."):
            rc, _, _, err = lister(rng)
            check(rc == 3 and err == "patchlore: %s: unknown revision '%s'\n" % (inbox, bad),
                  "v2: %r, found in no epoch, exits 3 naming it and the inbox (got %d: %r)"
                  % (rng, rc, err))

    check(kind_of(patchlore, inbox) == "public-inbox-v2",
          "v2: inbox.kind is public-inbox-v2 (got %r)" % kind_of(patchlore, inbox))

    # public-inbox-purge rewrites the history of the epoch that held the
    # message, leaving a commit "purged <blob>" with an empty m: the message
    # is gone, that commit is skipped, and the rest reads as before.
    purged = mbox_files[1]
    with open(purged, "rb") as f:
        run(["public-inbox-purge", inbox], env, f.read())
    rows = messages_of(patchlore, inbox)
    ids = [r[3] for r in rows]
    gone = expected_message(purged)[2]
    check(gone not in ids and len(rows) == len(files) - 1,
          "v2 after public-inbox-purge: %d messages, %s not among them" % (len(rows), gone))
    history = []
    for k in reversed(range(len(epochs))):
        history += [c for c in git(epochs[k], "rev-list", "HEAD").split()
                    if carries_message(epochs[k], c)]
    check([r[0] for r in rows] == history, "v2 after purge: commits as git rev-list gives them")
    print("v2: %d messages read, %d after the purge" % (len(files), len(rows)))


def test_v1(patchlore, tmp):
    env = setup_env(tmp, "v1")
    inbox = os.path.join(tmp, "v1")
    run(["public-inbox-init", "-V1", "demo1", inbox, "http://example.org/demo1", ADDRESS], env)
    run(["git", "config", "-f", env["PI_CONFIG"], "publicinboxmda.spamcheck", "none"], env)
    files = fixture_files(tmp)
    for path in files:
        deliver(env, path)
    learn_rm(env, files[3])
    history = git(inbox, "rev-list", "HEAD").split()
    # v1 keeps one file per message (2/38 fan-out): the deletion removes one.
    deletion = history[0]
    check(git(inbox, "diff-tree", "--no-commit-id", "--name-status", "-r", deletion)
          .startswith("D\t"), "v1: the newest commit deletes a file (public-inbox-learn rm)")
    rows = check_read_all(patchlore, inbox, files, deletion, "v1")
    check([r[0] for r in rows] == history[1:], "v1: commits read newest first, as git log")
    check(kind_of(patchlore, inbox) == "public-inbox-v1",
          "v1: inbox.kind is public-inbox-v1 (got %r)" % kind_of(patchlore, inbox))
    a, b = history[-2], history[2]
    rc, got, lower, err = commits_of(patchlore, inbox, a[:7] + ".." + b[:7])
    want = git(inbox, "rev-list", a + ".." + b).split()
    check(rc == 0 and got == want and lower == a,
          "v1: abbreviated A..B gives git rev-list's %d commits (got %d: %s)"
          % (len(want), rc, got if got is None else len(got)))
    rc, _, _, err = commits_of(patchlore, inbox, "feedface")
    check(rc == 3 and err == "patchlore: %s: unknown revision 'feedface'\n" % inbox,
          "v1: an unknown revision exits 3 (got %d: %r)" % (rc, err))
    print("v1: %d messages read, %d commits" % (len(rows), len(history)))


def main():
    mode, patchlore = sys.argv[1], os.path.abspath(sys.argv[2])
    for tool in ("public-inbox-init", "public-inbox-mda", "public-inbox-learn",
                 "public-inbox-purge", "perl", "git"):
        if not shutil.which(tool):
            print("skipped: %s is not installed (apt-get install public-inbox)" % tool)
            return 77
    with tempfile.TemporaryDirectory(prefix="patchlore-pi-") as tmp:
        {"v2": test_v2, "v1": test_v1}[mode](patchlore, tmp)
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
