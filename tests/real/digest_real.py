#!/usr/bin/env python3
"""`patchlore digest` on a real archive (a bundle of ../shared/data cloned
into a temporary directory).

  digest_real.py PATCHLORE BUNDLE RANGE

  - the whole history: the text digest exits 0, its first line names the
    root and the newest commit, and the JSON digest is valid JSON with the
    same counts;
  - RANGE: the text, Markdown and JSON digests agree on the counts, both
    tables and every entry (verdict, subject, title, author, excerpt);
  - --since-last: a first run from a state seeded with RANGE's lower end
    gives RANGE's digest and records the newest commit (full id), a second
    run gives an empty digest and exits 0; the state file is replaced by a
    rename (a hard link to the old one keeps the old content) and leaves no
    temporary file beside it.

Exit 77 (skipped) when the bundle is absent. Never writes beside it.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

failures = []


def fail(what):
    failures.append(what)
    if len(failures) <= 40:
        print("FAIL: " + what)


def check(cond, what):
    if not cond:
        fail(what)
    return cond


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, check=True,
                          text=True).stdout.strip()


def digest(patchlore, *args):
    r = subprocess.run([patchlore, "digest", *args], capture_output=True)
    check(r.returncode == 0, "digest %s exits 0 (got %d: %s)" %
          (" ".join(args), r.returncode, r.stderr.decode(errors="replace")[-400:]))
    return r.stdout.decode("utf-8", errors="surrogateescape")


RULE = "-" * 70


def parse_text(text):
    lines = text.split("\n")
    d = {"domains": [], "contributors": [], "patch_list": [], "entries": []}
    i = 0
    section = None
    while i < len(lines):
        line = lines[i]
        if line.startswith("Top ") and "Email domains" in line:
            section = "domains"
        elif line.startswith("Top ") and "contributors" in line:
            section = "contributors"
        elif line == "===== Patch list in this time period =====":
            section = "patch_list"
        elif line == "===== Patch Commit Messages ====":
            i += 2
            break
        elif line and section in ("domains", "contributors"):
            m = re.match(r"^ *(\d+) {1,2}(.*)$", line)
            d[section].append((int(m.group(1)), m.group(2)))
        elif line and section == "patch_list":
            d["patch_list"].append(line)
        i += 1
    while i < len(lines) and lines[i] != "":
        if lines[i].startswith("Exist: "):
            d["entries"].append(("skip", lines[i + 1][7:], None, None, None))
            i += 2
            continue
        title, subject, author = lines[i][6:], lines[i + 1], lines[i + 2][8:]
        i += 4
        body = []
        while lines[i] != RULE:
            body.append(lines[i])
            i += 1
        excerpt = "\n".join(body[:-1]) if body else ""
        d["entries"].append(("new", subject, title, author, excerpt))
        i += 2
    return d


def md_unescape(s):
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", s)


def parse_markdown(text):
    lines = text.split("\n")
    d = {"domains": [], "contributors": [], "patch_list": [], "entries": []}
    section = None
    i = 0
    link = re.compile(r"^\[(.*)\]\((\S*)\)$")
    while i < len(lines):
        line = lines[i]
        if line.startswith("## Top ") and "domains" in line:
            section = "domains"
        elif line.startswith("## Top ") and "contributors" in line:
            section = "contributors"
        elif line == "## Patch list in this time period":
            section = "patch_list"
        elif line == "## Patch commit messages":
            section = "entries"
        elif section in ("domains", "contributors") and re.match(r"^\| \d+ \| ", line):
            m = re.match(r"^\| (\d+) \| (.*) \|$", line)
            d[section].append((int(m.group(1)), md_unescape(m.group(2))))
        elif section == "patch_list" and re.match(r"^\d+\. ", line):
            m = re.match(r"^\d+\. \[(.*)\]\(\S*\) \([^()]*\)$", line)
            d["patch_list"].append(md_unescape(m.group(1)))
        elif section == "entries" and line.startswith("> **Skipped:** "):
            m = re.match(r"^> \*\*Skipped:\*\* \[(.*?)\]\(\S*\) repeats ", line)
            d["entries"].append(("skip", md_unescape(m.group(1)), None, None, None))
        elif section == "entries" and line.startswith("### "):
            title = md_unescape(line[4:])
            m = link.match(lines[i + 2][:-2])
            subject = md_unescape(m.group(1))
            author = md_unescape(lines[i + 4][8:])
            i += 6
            if lines[i] == "*No text.*":
                excerpt = ""
            else:
                fence = lines[i][:-4]
                i += 1
                body = []
                while lines[i] != fence:
                    body.append(lines[i])
                    i += 1
                excerpt = "\n".join(body)
            d["entries"].append(("new", subject, title, author, excerpt))
        i += 1
    return d


def from_json(doc):
    d = {
        "domains": [(r["count"], r["domain"]) for r in doc["domains"]],
        "contributors": [(r["count"], r["contributor"]) for r in doc["contributors"]],
        "patch_list": doc["patch_list"],
        "entries": [],
    }
    for e in doc["entries"]:
        if e["verdict"] == "skip":
            d["entries"].append(("skip", e["subject"], None, None, None))
        else:
            d["entries"].append(("new", e["subject"], e["title"], e["author"]["text"],
                                 e["excerpt"]))
    return d


def agree(name, a, b):
    for key in ("domains", "contributors", "patch_list"):
        check(a[key] == b[key], "%s: %s differ" % (name, key))
    check(len(a["entries"]) == len(b["entries"]),
          "%s: %d entries against %d" % (name, len(a["entries"]), len(b["entries"])))
    for k, (x, y) in enumerate(zip(a["entries"], b["entries"])):
        if not check(x == y, "%s: entry %d differs:\n  %r\n  %r" % (name, k + 1, x[:4], y[:4])):
            break


def main():
    if len(sys.argv) != 4:
        print("usage: digest_real.py PATCHLORE BUNDLE RANGE", file=sys.stderr)
        return 2
    patchlore, bundle, rng = sys.argv[1:]
    if not os.path.isfile(bundle):
        print("skipped: %s is absent" % bundle)
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "archive.git")
        subprocess.run(["git", "clone", "-q", "--bare", bundle, repo], check=True)
        root = git(repo, "rev-list", "--max-parents=0", "HEAD")
        head = git(repo, "rev-parse", "HEAD")

        whole = digest(patchlore, repo)
        check(whole.startswith("From %s to %s\n" % (root[:9], head[:9])),
              "whole history: first line names root and newest commit (%r)" % whole[:40])
        try:
            doc = json.loads(digest(patchlore, repo, "--format", "json"))
            check(doc["counts"]["messages"] == int(git(repo, "rev-list", "--count", "HEAD")),
                  "whole history: every commit read")
            check(from_json(doc) == parse_text(whole), "whole history: JSON and text agree")
        except ValueError as e:
            fail("whole history: the JSON digest does not parse: %s" % e)
        print("ok whole history: %d lines of text" % whole.count("\n"))

        text = digest(patchlore, repo, rng)
        md = digest(patchlore, repo, rng, "--format", "markdown")
        doc = json.loads(digest(patchlore, repo, rng, "--format", "json"))
        t, m, j = parse_text(text), parse_markdown(md), from_json(doc)
        c = doc["counts"]
        check(c["entries"] == len(j["entries"]) and c["new"] == len(j["patch_list"]) and
              c["new"] + c["skipped"] == c["entries"], "JSON counts add up: %r" % c)
        check(sum(n for n, _ in t["domains"]) <= c["patch_messages"], "domain rows count patches")
        check(("%d patch messages in %d messages; %d entries: %d new, %d skipped" %
               (c["patch_messages"], c["messages"], c["entries"], c["new"], c["skipped"])) in md
              or c["entries"] == 1 or c["patch_messages"] == 1, "Markdown states the counts")
        agree("%s text/json" % rng, t, j)
        agree("%s markdown/json" % rng, m, j)
        print("ok %s: three formats agree on %d entries (%d new)" % (rng, c["entries"], c["new"]))

        # --since-last: seeded with RANGE's lower end, then again.
        lower = rng.split("..")[0]
        state_dir = os.path.join(tmp, "state")
        os.mkdir(state_dir)
        state = os.path.join(state_dir, "digest.state")
        with open(state, "w") as f:
            f.write(git(repo, "rev-parse", lower) + "\n")
        old = os.path.join(tmp, "old.state")
        os.link(state, old)
        first = digest(patchlore, repo, "--since-last", state)
        check(first == text, "--since-last from %s gives the digest of %s" % (lower, rng))
        with open(state) as f:
            check(f.read() == head + "\n", "--since-last records the newest commit")
        with open(old) as f:
            check(f.read() != head + "\n", "the state file was replaced by a rename, not rewritten")
        check(os.listdir(state_dir) == ["digest.state"], "no temporary file left: %r" %
              os.listdir(state_dir))
        second = digest(patchlore, repo, "--since-last", state, "--format", "json")
        empty = json.loads(second)
        check(empty["counts"]["messages"] == 0 and empty["entries"] == [],
              "second --since-last run: empty digest")
        check(empty["range"]["a"] == head[:9] == empty["range"]["b"],
              "an empty digest runs from the newest commit to itself")
        with open(state) as f:
            check(f.read() == head + "\n", "the state stays at the newest commit")
        print("ok --since-last twice")
    if failures:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
