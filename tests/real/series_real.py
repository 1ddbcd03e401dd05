#!/usr/bin/env python3
"""Real-archive test of series (inbox:load): a bundle of ../shared/data
cloned into a temporary directory, read whole through the real patchlore
binary (tests/real/series_facts.lua), and checked against the figures
and the groupings hand-checked in the archive.

  series_real.py PATCHLORE BUNDLE kvm|hyperv

Each hand-checked grouping is also checked against the archive itself:
the raw headers of the messages involved (Message-ID, In-Reply-To,
References, Subject), read here with Python's email module.

Exit 77 (skipped) when the bundle is absent. Never writes beside it.
"""
import email.parser
import email.policy
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
FACTS = os.path.join(HERE, "series_facts.lua")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)
    return cond


def equal(got, want, what):
    return check(got == want, "%s: got %r, want %r" % (what, got, want))


class Archive:
    """Every message's headers, by commit, in git rev-list order."""

    def __init__(self, repo):
        self.repo = repo
        out = subprocess.run(["git", "-C", repo, "rev-list", "HEAD"], capture_output=True,
                             check=True).stdout.decode()
        self.order = out.split()
        batch = subprocess.run(["git", "-C", repo, "cat-file", "--batch"],
                               input="".join(c + ":m\n" for c in self.order).encode(),
                               capture_output=True, check=True).stdout
        self.msgs, self.by_id, pos = {}, {}, 0
        parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
        for c in self.order:
            nl = batch.index(b"\n", pos)
            size = int(batch[pos:nl].split()[2])
            raw = batch[nl + 1:nl + 1 + size]
            pos = nl + 1 + size + 1
            h = parser.parsebytes(raw.split(b"\n\n", 1)[0] + b"\n\n")
            m = {
                "commit": c,
                "id": ids(h.get("Message-ID", ""))[:1],
                "irt": ids(h.get("In-Reply-To", ""))[:1],
                "refs": ids(h.get("References", "")),
                "subject": re.sub(r"\s+", " ", str(h.get("Subject", ""))).strip(),
                "has_diff": b"\ndiff --git " in raw,
            }
            m["id"] = m["id"][0] if m["id"] else None
            m["irt"] = m["irt"][0] if m["irt"] else None
            self.msgs[c] = m
            if m["id"]:
                self.by_id.setdefault(m["id"], []).append(c)

    def full(self, prefix):
        found = [c for c in self.order if c.startswith(prefix)]
        assert len(found) == 1, prefix
        return found[0]

    def answering(self, commit):
        """The commits whose In-Reply-To is this commit's Message-ID and
        whose Subject is not a reply's."""
        mid = self.msgs[commit]["id"]
        return {c for c, m in self.msgs.items()
                if m["irt"] == mid and not re.match(r"(?i)re:", m["subject"])}

    def position(self, commit):
        return self.order.index(commit)


def ids(value):
    return [re.sub(r"\s+", "", x) for x in re.findall(r"<([^>]*)>", str(value))]


def load(patchlore, repo, details):
    r = subprocess.run([patchlore, FACTS, repo] + details, capture_output=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode("utf-8", "replace"))
    equal(r.returncode, 0, "series_facts.lua exit status")
    facts = json.loads(r.stdout)
    by_head = {s["head"]: s for s in facts["series"]}
    return facts, by_head


def series(by_head, archive, prefix):
    s = by_head.get(archive.full(prefix))
    check(s is not None, "a series headed by %s" % prefix)
    return s or {}


def short(commits):
    return [c[:9] for c in commits]


def check_kvm(patchlore, repo):
    a = Archive(repo)
    facts, by_head = load(patchlore, repo, ["6159404", "7c660a0", "9eec2a4", "95680a1"])
    equal(facts["counts"], {
        "messages": 106, "patch_messages": 99, "set_patches": 91, "series": 11,
        "with_cover": 8, "complete": 8, "incomplete": 3, "version_links": 1,
        "links": {"supersedes": 1}, "cover_kinds": {"counter": 8, "none": 3}, "by_window": 0,
    }, "kvm counts")
    # All 11, as README.md of ../shared/data tells them.
    want = {
        "6159404": ("KVM: x86: User-return MSR cleanups", 4, 4, 4, "counter"),
        "ba1da72": ("Documentation: KVM: Formalizing taking vcpu->mutex *outside* of "
                    "kvm->slots_lock", 1, 1, 1, "none"),
        "4a7c061": ("KVM: x86/mmu: TDX post-populate cleanups", 3, 25, 25, "counter"),
        "6bd1588": ("update live migration configuration region", 10, 0, 2, "counter"),
        "9eec2a4": ("Trivial patches, mostly PC-related", 1, 8, 8, "counter"),
        "95680a1": ("Cleanup patches, mostly PC-related", 2, 11, 11, "counter"),
        "b92e7b0": ("arm64: Support for Arm CCA in KVM", 11, 0, 42, "counter"),
        "7c660a0": ("SBI MPXY support for KVM Guest", 1, 4, 4, "counter"),
        "264913a": ("KVM: selftests: fix ITS collection target addresses in vgic_lpi_stress",
                    1, 1, 1, "none"),
        "ebd355a": ("guest_memfd: In-place conversion support", 1, 36, 37, "counter"),
        "936de5c": ("KVM: TDX: Use struct_size and simplify tdx_get_capabilities", 1, 1, 1,
                    "none"),
    }
    for prefix, (title, version, received, expected, cover) in want.items():
        s = series(by_head, a, prefix)
        equal((s.get("title"), s.get("version"), s.get("received"), s.get("expected"),
               s.get("cover_kind")), (title, version, received, expected, cover),
              "kvm series " + prefix)
        if cover == "counter":
            # Every patch answers its cover (git send-email's threading).
            equal(set(s["patches"]), a.answering(s["head"]), "kvm %s: patches" % prefix)
    equal(by_head[a.full("ebd355a")]["missing"], [19], "guest_memfd RFC: missing")
    equal(by_head[a.full("b92e7b0")]["missing_count"], 42, "CCA v11: missing")
    # The CCA v11 cover answers its v10, which is not in the archive.
    cca = a.msgs[a.full("b92e7b0")]
    check(cca["irt"] and cca["irt"] not in a.by_id, "CCA v11 answers a message not archived")
    equal(by_head[a.full("b92e7b0")]["previous"], None, "CCA v11: no earlier version loaded")
    v2 = by_head[a.full("95680a1")]
    equal((v2["previous"][:7], v2["link"], v2["kind"], v2["identical_patches"]),
          ("9eec2a4", "supersedes", "new-version", 7), "Beschow v2 -> v1")
    equal(by_head[a.full("9eec2a4")]["newer"], [a.full("95680a1")], "Beschow v1: newer")
    sbi = by_head[a.full("7c660a0")]
    equal([(t["key"], t["person"], t["patch"]) for t in sbi["trailers"]],
          [("Reviewed-by", "ajones@ventanamicro.com", p) for p in sbi["patches"]],
          "SBI MPXY: one Reviewed-by per patch")
    equal(sbi["repliers"], ["ajones@ventanamicro.com"], "SBI MPXY: repliers")
    ur = by_head[a.full("6159404")]
    equal((len(ur["replies"]), ur["repliers"], ur["trailers"]),
          (3, ["chao.gao@intel.com", "seanjc@google.com"], []), "user-return: replies")


def chain(by_head, head):
    out = []
    while head:
        s = by_head[head]
        out.append((s["version"], s["head"][:9], s["link"]))
        head = s["previous"]
    return out


def check_hyperv(patchlore, repo):
    a = Archive(repo)
    details = ["67b3e4d37", "eb6db19d5", "ca3701888", "b972cd109"]
    facts, by_head = load(patchlore, repo, details)
    equal(facts["counts"], {
        "messages": 26431, "patch_messages": 10086, "set_patches": 9270, "series": 2834,
        "with_cover": 1002, "complete": 2517, "incomplete": 317, "version_links": 1158,
        "links": {"change-id": 36, "reply": 60, "title": 1062},
        "cover_kinds": {"counter": 989, "naked": 13, "none": 1624, "outside": 208},
        "by_window": 28,
    }, "hyperv counts")

    # 1. The largest series: 61 patches, each answering the cover.
    big = max(facts["series"], key=lambda s: s["received"])
    equal(big["head"][:9], "ca3701888", "largest series")
    equal((big["received"], big["expected"], big["complete"], big["cover_kind"]),
          (61, 61, True, "counter"), "treewide IS_ERR_OR_NULL")
    equal(set(big["patches"]), a.answering(big["head"]), "treewide: patches")

    # 2. Out of order: patch 06/11 archived before its cover, and the
    # others after it in the archive's order.
    s = series(by_head, a, "d46b85bbe")
    equal((s["title"], s["version"], s["received"], s["expected"], s["complete"]),
          ("Hyper-V: Support PAGE_SIZE larger than 4K", 3, 11, 11, True), "PAGE_SIZE v3")
    equal(set(s["patches"]), a.answering(s["head"]), "PAGE_SIZE v3: patches")
    before = [p for p in s["patches"] if a.position(p) > a.position(s["head"])]
    equal([a.msgs[p]["subject"][:17] for p in before], ["[PATCH v3 06/11] "],
          "PAGE_SIZE v3: archived before the cover")
    # The cover alone gives the version ("[PATCH v4 00/55]", then
    # "[PATCH 01/55]"...).
    s = series(by_head, a, "4184a3666")
    equal((s["version"], s["received"], s["expected"], s["complete"]), (4, 55, 55, True),
          "dxgkrnl v4")
    equal(set(s["patches"]), a.answering(s["head"]), "dxgkrnl: patches")

    # 3. A series archived twice (every Message-ID twice): 22 patches, 23 copies.
    s = series(by_head, a, "99ebd1e05")
    equal((s["received"], s["expected"], len(s["duplicates"])), (22, 22, 23), "genirq/msi")
    members = [s["head"]] + s["patches"] + s["duplicates"]
    same = [c for c, m in a.msgs.items()
            if re.match(r"\[patch \d\d/22\] ", m["subject"]) and m["id"] and
            m["id"].endswith("@linutronix.de") and m["id"].startswith("20211126")]
    equal(sorted(members), sorted(same), "genirq/msi: members")
    equal({len(a.by_id[a.msgs[c]["id"]]) for c in members}, {2}, "genirq/msi: ids twice")

    # 4. A naked cover with an empty Subject, answered by 5 numbered
    # patches; it answers the v9 cover: a version link by reply.
    s = series(by_head, a, "eb6db19d5")
    cover = a.msgs[s["head"]]
    equal((cover["subject"], cover["has_diff"]), ("", False), "jinankjain v10: cover")
    equal((s["cover_kind"], s["version"], s["received"], s["expected"]), ("naked", 10, 5, 5),
          "jinankjain v10")
    equal(set(s["patches"]), a.answering(s["head"]), "jinankjain v10: patches")
    equal((s["previous"], s["link"]), (a.by_id[cover["irt"]][0], "reply"),
          "jinankjain v10: previous")
    equal((s["kind"], s["identical_patches"], len(s["replies"])), ("new-version", 2, 9),
          "jinankjain v10: kind, replies")

    # 5. A naked cover with the version in its title.
    s = series(by_head, a, "234197432")
    equal((s["cover_kind"], s["title"], s["received"], s["complete"]),
          ("naked", "cleanup swiotlb initialization v8", 15, True), "swiotlb v8")
    equal(a.msgs[s["head"]]["has_diff"], False, "swiotlb v8: cover has no diff")
    equal(set(s["patches"]), a.answering(s["head"]), "swiotlb v8: patches")

    # 6. Patches threaded to a Message-ID no message has: by the window.
    s = series(by_head, a, "972939389")
    equal((short(s["patches"]), s["missing"], s["by_window"]),
          (["7e1104d16", "aa503f73e"], [1], True), "RFC fbdev removal")
    for p in s["patches"]:
        check(a.msgs[p]["irt"] not in a.by_id, "fbdev RFC: %s answers no message" % p[:9])

    # 7. The same patch sent twice, the copy answering the first: a duplicate.
    s = series(by_head, a, "8db1fa96d")
    equal((short(s["patches"]), short(s["duplicates"]), s["complete"]),
          (["033bdc175", "66fe6df66"], ["a01ae6e32"], True), "mana VF unload v3")
    dup, first = a.msgs[a.full("a01ae6e32")], a.msgs[a.full("033bdc175")]
    equal((dup["subject"], dup["irt"]), (first["subject"], first["id"]), "mana: the copy")

    # 8. Patches re-sent within a version (v11.1, v11.2 of 10/19): two
    # series, the second a new version of the first.
    s1, s2 = series(by_head, a, "7269e61ed"), series(by_head, a, "b972cd109")
    equal((s1["subversion"], s2["subversion"], s1["received"], s1["expected"]), (1, 2, 1, 19),
          "kexec v11.1/v11.2")
    equal((s2["previous"], s2["link"], s2["kind"]), (s1["head"], "title", "new-version"),
          "kexec v11.2 -> v11.1")
    equal((s1["cover_kind"], s1["outside_id"]),
          ("outside", "20240529104257.GIZlcGsTkJHVBblkrY@fat_crate.local"), "kexec: outside")

    # 9. A cover sent alone, again with one patch, then a RESEND of all.
    chain9 = chain(by_head, a.full("67b3e4d37"))
    equal(chain9[:4], [(6, "67b3e4d37", "title"), (6, "ce30a8e16", "title"),
                       (6, "2f32e2de3", "title"), (5, "502c62b27", "title")], "Secure AVIC chain")
    equal([by_head[a.full(h)]["received"] for h in ("2f32e2de3", "ce30a8e16", "67b3e4d37")],
          [0, 1, 4], "Secure AVIC: received")
    equal(by_head[a.full("67b3e4d37")]["kind"], "resend", "Secure AVIC: RESEND")

    # 10. Ten versions of one series (v4 to v13; v1 to v3 went to other
    # lists), linked by title and author.
    chain10 = chain(by_head, a.full("6a94e6e85"))
    equal([v for v, _, _ in chain10], list(range(13, 3, -1)), "TLB flush: versions")
    equal([l for _, _, l in chain10], ["title"] * 9 + [None], "TLB flush: links")
    equal([by_head[a.full(h)]["received"] for _, h, _ in chain10],
          [48, 46, 46, 39, 40, 39, 39, 38, 37, 37], "TLB flush: received")
    for _, h, _ in chain10:
        head = a.full(h)
        equal(set(by_head[head]["patches"]), a.answering(head), "TLB flush %s: patches" % h)

    # 11. Two patches of a v8.1, threaded to the v8 patches they replace:
    # together by the window, linked to v8 by reply.
    s = series(by_head, a, "d7e039ed4")
    equal((short(s["patches"]), s["by_window"], s["missing"], s["link"]),
          (["d7e039ed4", "e8aa3cd50"], True, [1, 2, 3, 4, 7, 8, 9], "reply"), "sev v8.1")
    equal(by_head[s["previous"]]["version"], 8, "sev v8.1 -> v8")

    # 12. One patch of a stable review series whose cover went elsewhere.
    s = series(by_head, a, "2df7f0af1")
    equal((s["cover_kind"], s["received"], s["expected"], s["missing_count"]),
          ("outside", 1, 913, 912), "stable 5.15 review")
    check(s["outside_id"] not in a.by_id, "stable 5.15: the cover is not archived")
    check(len(s["missing"]) == 912 and s["missing"][6] == 8, "stable 5.15: missing listed")


def main():
    patchlore, bundle, which = sys.argv[1], sys.argv[2], sys.argv[3]
    if not os.path.isfile(bundle):
        print("SKIP: %s is absent" % bundle)
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        repo = os.path.join(tmp, "archive.git")
        subprocess.run(["git", "clone", "-q", "--bare", bundle, repo], check=True)
        {"kvm": check_kvm, "hyperv": check_hyperv}[which](patchlore, repo)
    if failures:
        print("%d failures" % len(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
