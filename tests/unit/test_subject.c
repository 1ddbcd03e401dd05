/* Subject prefix parsing: a table of real-world subject forms (LKML, lore,
 * git@, qemu-devel, netdev's patchwork, stable review, tip-bot, syzbot),
 * each with every field of struct pl_subject checked, and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "subject.h"

enum {
  BIG = PL_SUBJECT_NUMBER_TOO_BIG,
  ODD = PL_SUBJECT_COUNTER_ODD,
  DUP = PL_SUBJECT_DUPLICATE,
  UNC = PL_SUBJECT_UNCLOSED,
};

struct row {
  const char *subject;
  const char *title;
  const char *tags;    /* the tags joined with '|' */
  const char *bools;   /* the true booleans, in this order: r is_reply,
                        * h has_patch_group, p is_patch, l is_patch_like,
                        * c is_rfc, s is_resend, u is_pull */
  unsigned reply_depth;
  const char *version; /* "N rule" or "N.M rule" */
  const char *counter; /* "n/N rule", or "none" */
  unsigned flags;
};

#define D1 "1 default"
#define NONE "none"

static const struct row rows[] = {
  /* Plain patches, as git format-patch writes them. */
  {"[PATCH] KVM: x86: Fix typo in comment", "KVM: x86: Fix typo in comment", "", "hpl", 0, D1, NONE, 0},
  {"[PATCH v2] KVM: arm64: Handle DABT from EL2", "KVM: arm64: Handle DABT from EL2", "", "hpl", 0, "2 vN", NONE, 0},
  {"[PATCH v10 1/2] crypto: hisilicon - qm updates BAR configuration",
   "crypto: hisilicon - qm updates BAR configuration", "", "hpl", 0, "10 vN", "1/2 n/N", 0},
  {"[PATCH 0/3] KVM: selftests: Fix a few nits", "KVM: selftests: Fix a few nits", "", "hpl", 0, D1, "0/3 n/N", 0},
  {"[PATCH v3 00/10] iommu: Add PASID support", "iommu: Add PASID support", "", "hpl", 0, "3 vN", "0/10 n/N", 0},
  {"[PATCH v2 08/11] mm: shmem: add large folio support", "mm: shmem: add large folio support", "", "hpl", 0, "2 vN", "8/11 n/N", 0},
  {"[PATCH v2 1/1] KVM: x86: Don't inject PV async #PF", "KVM: x86: Don't inject PV async #PF", "", "hpl", 0, "2 vN", "1/1 n/N", 0},
  {"[PATCH v3 1/3] dt-bindings: iio: adc: add AD7606C", "dt-bindings: iio: adc: add AD7606C", "", "hpl", 0, "3 vN", "1/3 n/N", 0},
  {"[PATCH] Revert \"drm/amd: fix it\"", "Revert \"drm/amd: fix it\"", "", "hpl", 0, D1, NONE, 0},
  {"[RFC PATCH v1 01/37] KVM: guest_memfd: Introduce per-gmem attributes, use to guard user mappings",
   "KVM: guest_memfd: Introduce per-gmem attributes, use to guard user mappings", "", "hplc", 0, "1 vN", "1/37 n/N", 0},

  /* PATCH in other cases and run together. */
  {"[patch 1/8] genirq: Remove unused argument", "genirq: Remove unused argument", "", "hpl", 0, D1, "1/8 n/N", 0},
  {"[patch V2 11/20] x86/cpu: Use a new feature flag", "x86/cpu: Use a new feature flag", "", "hpl", 0, "2 vN", "11/20 n/N", 0},
  {"[Patch v2] net: dsa: fix a leak", "net: dsa: fix a leak", "", "hpl", 0, "2 vN", NONE, 0},
  {"[PATCHv3 2/5] mm: page_alloc: fix a race", "mm: page_alloc: fix a race", "", "hpl", 0, "3 PATCHvN", "2/5 n/N", 0},
  {"[PATCHv2] scsi: sd: check the result", "scsi: sd: check the result", "", "hpl", 0, "2 PATCHvN", NONE, 0},
  {"[PATCH-v3 1/2] staging: rtl8723bs: tidy", "staging: rtl8723bs: tidy", "", "hpl", 0, "3 PATCHvN", "1/2 n/N", 0},
  {"[PATCH_v2] ARM: dts: fix", "ARM: dts: fix", "", "hpl", 0, "2 PATCHvN", NONE, 0},
  {"[PATCH1/8] usb: gadget: fix", "usb: gadget: fix", "", "hpl", 0, D1, "1/8 PATCHn/N", 0},
  {"[PATCHv2 3/7] block: fix", "block: fix", "", "hpl", 0, "2 PATCHvN", "3/7 n/N", 0},
  {"[PATCHES] x86 fixes", "x86 fixes", "PATCHES", "hpl", 0, D1, NONE, 0},

  /* Counters. */
  {"[PATCH 0001/0128] drm: add it", "drm: add it", "", "hpl", 0, D1, "1/128 n/N", 0},
  {"[PATCH 01/37] x", "x", "", "hpl", 0, D1, "1/37 n/N", 0},
  {"[PATCH 3 of 5] hgweb: fix", "hgweb: fix", "", "hpl", 0, D1, "3/5 n of N", 0},
  {"[PATCH 3 of 5 v2] hgweb: fix", "hgweb: fix", "", "hpl", 0, "2 vN", "3/5 n of N", 0},
  {"[PATCH 3 of] x", "x", "3|of", "hpl", 0, D1, NONE, 0},
  {"[PATCH 6/5] extra patch found later", "extra patch found later", "", "hpl", 0, D1, "6/5 n/N", ODD},
  {"[PATCH 1/1234] treewide: big conversion", "treewide: big conversion", "", "hpl", 0, D1, "1/1234 n/N", 0},
  {"[PATCH 1/4294967296] hostile", "hostile", "1/4294967296", "hpl", 0, D1, NONE, BIG},
  {"[PATCH 0/0] hostile", "hostile", "", "hpl", 0, D1, "0/0 n/N", ODD},
  {"[PATCH 5 of 99999999999] hostile", "hostile", "5|of|99999999999", "hpl", 0, D1, NONE, BIG},
  {"[PATCH 2/3 v2] i2c: fix", "i2c: fix", "", "hpl", 0, "2 vN", "2/3 n/N", 0},
  {"[PATCH 1/2 3/4] two counters", "two counters", "3/4", "hpl", 0, D1, "1/2 n/N", DUP},
  {"[PATCH 00/10] x", "x", "", "hpl", 0, D1, "0/10 n/N", 0},

  /* Versions. */
  {"[PATCH V3 0/7] regulator: new driver", "regulator: new driver", "", "hpl", 0, "3 vN", "0/7 n/N", 0},
  {"[PATCH V02 3/5] x", "x", "", "hpl", 0, "2 vN", "3/5 n/N", 0},
  {"[PATCH v0] first try", "first try", "", "hpl", 0, "0 vN", NONE, 0},
  {"[PATCH v5.1 3/7] KVM: x86: fix the fix", "KVM: x86: fix the fix", "", "hpl", 0, "5.1 vN", "3/7 n/N", 0},
  {"[PATCH v6.1 1/2] ambiguous with a stable branch", "ambiguous with a stable branch", "", "hpl", 0, "6.1 vN", "1/2 n/N", 0},
  {"[PATCH] foo: bar (v3)", "foo: bar (v3)", "", "hpl", 0, "3 (vN)", NONE, 0},
  {"[PATCH] foo (V4)", "foo (V4)", "", "hpl", 0, "4 (vN)", NONE, 0},
  {"[PATCH v2 3/4] foo (v3)", "foo (v3)", "", "hpl", 0, "2 vN", "3/4 n/N", 0},
  {"[PATCH] foo (v) (v3a) (v)", "foo (v) (v3a) (v)", "", "hpl", 0, D1, NONE, 0},
  {"[PATCH] (v99999999999) hostile", "(v99999999999) hostile", "", "hpl", 0, D1, NONE, 0},
  {"[PATCH v2] [PATCH v3] twice", "twice", "v3", "hpl", 0, "2 vN", NONE, DUP},
  {"[PATCH v99999999999] hostile", "hostile", "v99999999999", "hpl", 0, D1, NONE, BIG},
  {"[PATCH v3a] x", "x", "v3a", "hpl", 0, D1, NONE, 0},

  /* RFC. */
  {"[RFC] mm: a new idea", "mm: a new idea", "", "lc", 0, D1, NONE, 0},
  {"[RFC PATCH] mm: a new idea", "mm: a new idea", "", "hplc", 0, D1, NONE, 0},
  {"[PATCH RFC v2 3/4] x", "x", "", "hplc", 0, "2 vN", "3/4 n/N", 0},
  {"[PATCH v2 RFC 1/5] x", "x", "", "hplc", 0, "2 vN", "1/5 n/N", 0},
  {"[RFCv2 PATCH 1/3] x", "x", "", "hplc", 0, "2 PATCHvN", "1/3 n/N", 0},
  {"[RFC v2 3/4] no PATCH word", "no PATCH word", "", "lc", 0, "2 vN", "3/4 n/N", 0},
  {"[RFC/PATCH] x", "x", "", "hplc", 0, D1, NONE, 0},
  {"[PATCH/RFC] x", "x", "", "hplc", 0, D1, NONE, 0},
  {"[RFC-PATCH] x", "x", "", "hplc", 0, D1, NONE, 0},
  {"[RFC][PATCH 0/3] x", "x", "", "hplc", 0, D1, "0/3 n/N", 0},
  {"[RFC PATCH 3/3 v2] x", "x", "", "hplc", 0, "2 vN", "3/3 n/N", 0},
  {"[PATCH RFC 00/13] x", "x", "", "hplc", 0, D1, "0/13 n/N", 0},
  {"[RFC PATCH net-next v2 2/7] net: x", "net: x", "net-next", "hplc", 0, "2 vN", "2/7 n/N", 0},

  /* RESEND. */
  {"[RESEND PATCH] x", "x", "", "hpls", 0, D1, NONE, 0},
  {"[PATCH RESEND] x", "x", "", "hpls", 0, D1, NONE, 0},
  {"[PATCH RESEND v2 1/3] x", "x", "", "hpls", 0, "2 vN", "1/3 n/N", 0},
  {"[RESEND PATCH v2 1/2] x", "x", "", "hpls", 0, "2 vN", "1/2 n/N", 0},
  {"[PATCH V2 RESEND] x", "x", "", "hpls", 0, "2 vN", NONE, 0},
  {"[PATCH v3 RESEND 0/2] x", "x", "", "hpls", 0, "3 vN", "0/2 n/N", 0},
  {"[RESEND][PATCH v2] x", "x", "", "hpls", 0, "2 vN", NONE, 0},
  {"[PATCH v2-RESEND] x", "x", "", "hpls", 0, "2 PATCHvN", NONE, 0},
  {"[PATCH REPOST] x", "x", "REPOST", "hpl", 0, D1, NONE, 0},

  /* Pull requests. */
  {"[GIT PULL] KVM changes for Linux 6.18", "KVM changes for Linux 6.18", "", "u", 0, D1, NONE, 0},
  {"[git pull] Input updates for v6.8-rc0", "Input updates for v6.8-rc0", "", "u", 0, D1, NONE, 0},
  {"[GIT pull] irq/urgent for v6.8-rc1", "irq/urgent for v6.8-rc1", "", "u", 0, D1, NONE, 0},
  {"[GIT PULL REQUEST] watchdog - v6.8 release cycle.", "watchdog - v6.8 release cycle.", "", "u", 0, D1, NONE, 0},
  {"[PULL REQUEST] i2c for v6.8", "i2c for v6.8", "", "u", 0, D1, NONE, 0},
  {"[PULL] drm-misc-next", "drm-misc-next", "", "u", 0, D1, NONE, 0},
  {"[PULL 00/21] Migration 20231115 patches", "Migration 20231115 patches", "", "lu", 0, D1, "0/21 n/N", 0},
  {"[PULL v2 00/12] target-arm queue", "target-arm queue", "", "lu", 0, "2 vN", "0/12 n/N", 0},
  {"[GIT,PULL] patchwork kept the comma", "patchwork kept the comma", "", "u", 0, D1, NONE, 0},
  {"[GIT] not a pull", "not a pull", "GIT", "", 0, D1, NONE, 0},

  /* Tree, branch and project tags, never versions. */
  {"[PATCH net-next] net: phy: add it", "net: phy: add it", "net-next", "hpl", 0, D1, NONE, 0},
  {"[PATCH net-next v3 0/4] net: x", "net: x", "net-next", "hpl", 0, "3 vN", "0/4 n/N", 0},
  {"[PATCH net-next,v3,0/4] net: x", "net: x", "net-next", "hpl", 0, "3 vN", "0/4 n/N", 0},
  {"[net-next,v3,0/4] net: x", "net: x", "net-next", "l", 0, "3 vN", "0/4 n/N", 0},
  {"[PATCH v3 net-next 0/4] net: x", "net: x", "net-next", "hpl", 0, "3 vN", "0/4 n/N", 0},
  {"[PATCH net v2] net: fix", "net: fix", "net", "hpl", 0, "2 vN", NONE, 0},
  {"[PATCH V2 net 1/1] net: fix", "net: fix", "net", "hpl", 0, "2 vN", "1/1 n/N", 0},
  {"[PATCH iwl-next v3 2/3] ice: x", "ice: x", "iwl-next", "hpl", 0, "3 vN", "2/3 n/N", 0},
  {"[PATCH bpf-next/net v2] bpf: x", "bpf: x", "bpf-next/net", "hpl", 0, "2 vN", NONE, 0},
  {"[PATCH bpf v2] bpf: fix", "bpf: fix", "bpf", "hpl", 0, "2 vN", NONE, 0},
  {"[kvm-unit-tests PATCH v2 03/17] x86: add a test", "x86: add a test", "kvm-unit-tests", "hpl", 0, "2 vN", "3/17 n/N", 0},
  {"[PATCH kvm-unit-tests] s390x: x", "s390x: x", "kvm-unit-tests", "hpl", 0, D1, NONE, 0},
  {"[PATCH AUTOSEL 6.1 05/20] drm: x", "drm: x", "AUTOSEL|6.1", "hpl", 0, D1, "5/20 n/N", 0},
  {"[PATCH 5.15 012/128] ext4: x", "ext4: x", "5.15", "hpl", 0, D1, "12/128 n/N", 0},
  {"[PATCH 6.6 000/124] 6.6.58-rc1 review", "6.6.58-rc1 review", "6.6", "hpl", 0, D1, "0/124 n/N", 0},
  {"[PATCH 6.1.y] mm: backport", "mm: backport", "6.1.y", "hpl", 0, D1, NONE, 0},
  {"[PATCH stable 6.1 1/2] x", "x", "stable|6.1", "hpl", 0, D1, "1/2 n/N", 0},
  {"[v4.19-stable PATCH] x", "x", "v4.19-stable", "hpl", 0, D1, NONE, 0},
  {"[PATCH -net] net: fix", "net: fix", "-net", "hpl", 0, D1, NONE, 0},
  {"[PATCH -next] fix", "fix", "-next", "hpl", 0, D1, NONE, 0},
  {"[PATCH][next] wifi: fix", "wifi: fix", "next", "hpl", 0, D1, NONE, 0},
  {"[PATCH v4 next] x", "x", "next", "hpl", 0, "4 vN", NONE, 0},
  {"[PATCH for-8.2 1/3] hw: x", "hw: x", "for-8.2", "hpl", 0, D1, "1/3 n/N", 0},
  {"[PATCH-for-9.0 v2 3/4] hw/arm: x", "hw/arm: x", "PATCH-for-9.0", "hpl", 0, "2 vN", "3/4 n/N", 0},
  {"[PATCH v2 for-next] RDMA/mlx5: x", "RDMA/mlx5: x", "for-next", "hpl", 0, "2 vN", NONE, 0},
  {"[GSoC][PATCH v3 2/5] t7527: x", "t7527: x", "GSoC", "hpl", 0, "3 vN", "2/5 n/N", 0},
  {"[PATCH [net-next] v2] nested", "nested", "net-next", "hpl", 0, "2 vN", NONE, 0},
  {"[PATCH] [media] v4l2: fix", "v4l2: fix", "media", "hpl", 0, D1, NONE, 0},
  {"[PATCH 1/2] [SCSI] lpfc: fix", "lpfc: fix", "SCSI", "hpl", 0, D1, "1/2 n/N", 0},
  {"[for-linus][PATCH 1/3] tracing: fix", "tracing: fix", "for-linus", "hpl", 0, D1, "1/3 n/N", 0},
  {"[f2fs-dev] [PATCH v2] f2fs: x", "f2fs: x", "f2fs-dev", "hpl", 0, "2 vN", NONE, 0},
  {"[dpdk-dev] [PATCH v3 05/12] net/mlx5: x", "net/mlx5: x", "dpdk-dev", "hpl", 0, "3 vN", "5/12 n/N", 0},

  /* Not patches. */
  {"[ANNOUNCE] Git v2.43.0", "Git v2.43.0", "ANNOUNCE", "", 0, D1, NONE, 0},
  {"[to-be-updated] mm-foo.patch removed from -mm tree", "mm-foo.patch removed from -mm tree", "to-be-updated", "", 0, D1, NONE, 0},
  {"[merged mm-stable] mm-fix.patch removed from -mm tree", "mm-fix.patch removed from -mm tree", "merged|mm-stable", "", 0, D1, NONE, 0},
  {"+ mm-foo.patch added to mm-unstable branch", "+ mm-foo.patch added to mm-unstable branch", "", "", 0, D1, NONE, 0},
  {"[tip: x86/urgent] x86/cpu: fix", "x86/cpu: fix", "tip:|x86/urgent", "", 0, D1, NONE, 0},
  {"[syzbot] [kvm?] KASAN: slab-use-after-free Read in foo", "KASAN: slab-use-after-free Read in foo", "syzbot|kvm?", "", 0, D1, NONE, 0},
  {"KVM: x86: a question (v2 of the idea)", "KVM: x86: a question (v2 of the idea)", "", "", 0, D1, NONE, 0},
  {"Reply: [PATCH] not a reply word", "Reply: [PATCH] not a reply word", "", "", 0, D1, NONE, 0},

  /* Replies and forwards. */
  {"Re: [PATCH v2 3/4] KVM: x86: fix", "KVM: x86: fix", "", "rh", 1, "2 vN", "3/4 n/N", 0},
  {"Re: [PATCH 0/3] KVM: cover", "KVM: cover", "", "rh", 1, D1, "0/3 n/N", 0},
  {"RE: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"re: [patch] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Re:[PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Re : [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Re [PATCH] no colon", "no colon", "", "rh", 1, D1, NONE, 0},
  {"Re: Re: [PATCH] x", "x", "", "rh", 2, D1, NONE, 0},
  {"Re: AW: [PATCH v3] x", "x", "", "rh", 2, "3 vN", NONE, 0},
  {"AW: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Aw: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Sv: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Odp: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Antw: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Fwd: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Fw: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Fwd: Re: [PATCH] x", "x", "", "rh", 2, D1, NONE, 0},
  {"Re[2]: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"\xe5\x9b\x9e\xe5\xa4\x8d: [PATCH v2] x", "x", "", "rh", 1, "2 vN", NONE, 0},
  {"\xe7\xad\x94\xe5\xa4\x8d: [PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"RE: \xe5\x9b\x9e\xe5\xa4\x8d: [PATCH] x", "x", "", "rh", 2, D1, NONE, 0},
  {"\xe5\x9b\x9e\xe5\xa4\x8d\xef\xbc\x9a[PATCH] x", "x", "", "rh", 1, D1, NONE, 0},
  {"Re: foo bar", "foo bar", "", "r", 1, D1, NONE, 0},
  {"Re: (subset) [PATCH v2 0/5] iommu: x", "iommu: x", "", "rh", 1, "2 vN", "0/5 n/N", 0},
  {"(subset) [PATCH] not after a reply", "(subset) [PATCH] not after a reply", "", "", 0, D1, NONE, 0},
  {"[PATCH 2/1] i8253: one more than announced", "i8253: one more than announced", "", "hpl", 0, D1, "2/1 n/N", ODD},
  {"[PPATCH net v3] typo still counts", "typo still counts", "PPATCH|net", "hpl", 0, "3 vN", NONE, 0},
  {"[PATHC v6] typo without patch", "typo without patch", "PATHC", "l", 0, "6 vN", NONE, 0},
  {"[net-next, v3] net: mana: x", "net: mana: x", "net-next", "l", 0, "3 vN", NONE, 0},
  {"Subject: [PATCH v2] pasted header", "Subject: [PATCH v2] pasted header", "", "", 0, D1, NONE, 0},
  {"Re: [RFC v2 3/4] x", "x", "", "rc", 1, "2 vN", "3/4 n/N", 0},
  {"Re: [PATCH] foo (v2)", "foo (v2)", "", "rh", 1, "2 (vN)", NONE, 0},
  {"Re: [syzbot] KASAN: x", "KASAN: x", "syzbot", "r", 1, D1, NONE, 0},
  {"[Qemu-devel] Re: [PATCH v2] block: x", "block: x", "Qemu-devel", "rh", 1, "2 vN", NONE, 0},
  {"Re: [Qemu-devel] [PATCH] x", "x", "Qemu-devel", "rh", 1, D1, NONE, 0},
  {"[PATCH] Re: foo", "Re: foo", "", "hpl", 0, D1, NONE, 0},

  /* White space and odd shapes. */
  {"   [PATCH]  leading and trailing   ", "leading and trailing", "", "hpl", 0, D1, NONE, 0},
  {"[PATCH]no-space", "no-space", "", "hpl", 0, D1, NONE, 0},
  {"[PATCH\tv2\t1/2]\ttabs", "tabs", "", "hpl", 0, "2 vN", "1/2 n/N", 0},
  {"[PATCH]: net: fix", ": net: fix", "", "hpl", 0, D1, NONE, 0},
  {"[PATCH v2][RFC] x", "x", "", "hplc", 0, "2 vN", NONE, 0},
  {"[PATCH] ", "", "", "hpl", 0, D1, NONE, 0},
  {"[] x", "x", "", "", 0, D1, NONE, 0},
  {"", "", "", "", 0, D1, NONE, 0},
  {"[PATCH v2 foo", "[PATCH v2 foo", "", "", 0, D1, NONE, UNC},
  {"[PATCH v2] [unclosed", "[unclosed", "", "hpl", 0, "2 vN", NONE, UNC},
  {"[PATCH] \xff\xfe not UTF-8", "\xff\xfe not UTF-8", "", "hpl", 0, D1, NONE, 0},
};

static char *render_tags(const struct pl_subject *s)
{
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < s->tags->len; i++) {
    if (i)
      g_string_append_c(out, '|');
    g_string_append(out, g_ptr_array_index(s->tags, i));
  }
  return g_string_free(out, FALSE);
}

static char *render_bools(const struct pl_subject *s)
{
  GString *out = g_string_new(NULL);
  if (s->is_reply)
    g_string_append_c(out, 'r');
  if (s->has_patch_group)
    g_string_append_c(out, 'h');
  if (s->is_patch)
    g_string_append_c(out, 'p');
  if (s->is_patch_like)
    g_string_append_c(out, 'l');
  if (s->is_rfc)
    g_string_append_c(out, 'c');
  if (s->is_resend)
    g_string_append_c(out, 's');
  if (s->is_pull)
    g_string_append_c(out, 'u');
  return g_string_free(out, FALSE);
}

static char *render_version(const struct pl_subject *s)
{
  const char *rule = pl_subject_version_rule_name(s->version_rule);
  if (s->subversion)
    return g_strdup_printf("%u.%u %s", s->version, s->subversion, rule);
  return g_strdup_printf("%u %s", s->version, rule);
}

static char *render_counter(const struct pl_subject *s)
{
  if (s->counter_rule == PL_SUBJECT_COUNTER_NONE)
    return g_strdup_printf(s->n || s->total ? "%u/%u none" : "none", s->n, s->total);
  return g_strdup_printf("%u/%u %s", s->n, s->total,
                         pl_subject_counter_rule_name(s->counter_rule));
}

static void check(const char *field, const char *want, char *got)
{
  if (strcmp(want, got) != 0)
    print_error("%s: want \"%s\", got \"%s\"\n", field, want, got);
  assert_string_equal(want, got);
  g_free(got);
}

static void test_row(void **state)
{
  const struct row *r = *state;
  struct pl_subject *s = pl_subject_parse(r->subject);

  check("title", r->title, g_strdup(s->title));
  check("tags", r->tags, render_tags(s));
  check("booleans", r->bools, render_bools(s));
  assert_int_equal(s->reply_depth, r->reply_depth);
  check("version", r->version, render_version(s));
  check("counter", r->counter, render_counter(s));
  assert_int_equal(s->flags, r->flags);
  pl_subject_free(s);
}

static void test_null_is_empty(void **state)
{
  (void)state;
  struct pl_subject *s = pl_subject_parse(NULL);
  assert_string_equal(s->title, "");
  assert_int_equal(s->tags->len, 0);
  assert_false(s->is_patch);
  assert_int_equal(s->version, 1);
  assert_int_equal(s->version_rule, PL_SUBJECT_VERSION_DEFAULT);
  pl_subject_free(s);
  pl_subject_free(NULL);
}

static void test_rule_names(void **state)
{
  (void)state;
  assert_string_equal(pl_subject_version_rule_name(PL_SUBJECT_VERSION_DEFAULT), "default");
  assert_string_equal(pl_subject_version_rule_name(PL_SUBJECT_VERSION_TOKEN), "vN");
  assert_string_equal(pl_subject_version_rule_name(PL_SUBJECT_VERSION_JOINED), "PATCHvN");
  assert_string_equal(pl_subject_version_rule_name(PL_SUBJECT_VERSION_TITLE), "(vN)");
  assert_string_equal(pl_subject_version_rule_name((enum pl_subject_version_rule)99), "?");
  assert_string_equal(pl_subject_counter_rule_name(PL_SUBJECT_COUNTER_NONE), "none");
  assert_string_equal(pl_subject_counter_rule_name(PL_SUBJECT_COUNTER_SLASH), "n/N");
  assert_string_equal(pl_subject_counter_rule_name(PL_SUBJECT_COUNTER_JOINED), "PATCHn/N");
  assert_string_equal(pl_subject_counter_rule_name(PL_SUBJECT_COUNTER_OF), "n of N");
  assert_string_equal(pl_subject_counter_rule_name((enum pl_subject_counter_rule)99), "?");
}

/* Hostile inputs of a few megabytes: each must finish (a quadratic or
 * recursive parser would hang or overflow its stack) and give exact
 * results. */
#define HOSTILE (1u << 20)

static char *repeat(const char *unit, size_t times, const char *tail)
{
  GString *s = g_string_sized_new(strlen(unit) * times + strlen(tail) + 1);
  for (size_t i = 0; i < times; i++)
    g_string_append(s, unit);
  g_string_append(s, tail);
  return g_string_free(s, FALSE);
}

static void test_hostile_unclosed(void **state)
{
  (void)state;
  char *in = repeat("[", HOSTILE, "PATCH x");
  struct pl_subject *s = pl_subject_parse(in);
  assert_string_equal(s->title, in);
  assert_int_equal(s->flags, PL_SUBJECT_UNCLOSED);
  assert_false(s->has_patch_group);
  pl_subject_free(s);
  g_free(in);
}

static void test_hostile_nesting(void **state)
{
  (void)state;
  char *open = repeat("[", HOSTILE, "PATCH v2 ");
  char *in = repeat("]", HOSTILE, " x");
  char *all = g_strconcat(open, in, NULL);
  struct pl_subject *s = pl_subject_parse(all);
  assert_string_equal(s->title, "x");
  assert_true(s->is_patch);
  assert_int_equal(s->version, 2);
  assert_int_equal(s->tags->len, 0);
  pl_subject_free(s);
  g_free(all);
  g_free(in);
  g_free(open);
}

static void test_hostile_many_replies(void **state)
{
  (void)state;
  char *in = repeat("Re: ", HOSTILE, "[PATCH] x");
  struct pl_subject *s = pl_subject_parse(in);
  assert_int_equal(s->reply_depth, HOSTILE);
  assert_true(s->is_reply);
  assert_false(s->is_patch);
  assert_true(s->has_patch_group);
  assert_string_equal(s->title, "x");
  pl_subject_free(s);
  g_free(in);
}

static void test_hostile_many_groups(void **state)
{
  (void)state;
  char *in = repeat("[a] ", HOSTILE / 4, "[PATCH 1/2] x");
  struct pl_subject *s = pl_subject_parse(in);
  assert_int_equal(s->tags->len, HOSTILE / 4);
  assert_true(s->is_patch);
  assert_int_equal(s->n, 1);
  assert_int_equal(s->total, 2);
  pl_subject_free(s);
  g_free(in);
}

static void test_hostile_long_numbers(void **state)
{
  (void)state;
  char *digits = repeat("9", HOSTILE, "");
  char *in = g_strdup_printf("[PATCH v%s %s/%s %s of %s] x (v%s)", digits, digits, digits,
                             digits, digits, digits);
  struct pl_subject *s = pl_subject_parse(in);
  assert_int_equal(s->flags, PL_SUBJECT_NUMBER_TOO_BIG);
  assert_int_equal(s->counter_rule, PL_SUBJECT_COUNTER_NONE);
  assert_int_equal(s->version_rule, PL_SUBJECT_VERSION_DEFAULT);
  assert_int_equal(s->version, 1);
  assert_int_equal(s->tags->len, 5);
  pl_subject_free(s);
  g_free(in);
  g_free(digits);
}

static void test_hostile_tokens(void **state)
{
  (void)state;
  /* Look-ahead for "n of N" and "GIT PULL" never consumes: every token
   * is still seen once. */
  char *in = repeat("1 of x GIT git ", HOSTILE / 16, "] (v(v(v(v x");
  in[0] = '[';
  struct pl_subject *s = pl_subject_parse(in);
  assert_int_equal(s->tags->len, HOSTILE / 16 * 5 - 1);
  assert_int_equal(s->version_rule, PL_SUBJECT_VERSION_DEFAULT);
  assert_string_equal(s->title, "(v(v(v(v x");
  pl_subject_free(s);
  g_free(in);
}

#define N_ROWS G_N_ELEMENTS(rows)
#define N_OTHER 8

int main(void)
{
  static struct CMUnitTest tests[N_ROWS + N_OTHER];
  const struct CMUnitTest other[N_OTHER] = {
    cmocka_unit_test(test_null_is_empty),
    cmocka_unit_test(test_rule_names),
    cmocka_unit_test(test_hostile_unclosed),
    cmocka_unit_test(test_hostile_nesting),
    cmocka_unit_test(test_hostile_many_replies),
    cmocka_unit_test(test_hostile_many_groups),
    cmocka_unit_test(test_hostile_long_numbers),
    cmocka_unit_test(test_hostile_tokens),
  };

  for (size_t i = 0; i < N_ROWS; i++) {
    tests[i] = (struct CMUnitTest){
      .name = rows[i].subject[0] ? rows[i].subject : "(empty subject)",
      .test_func = test_row,
      .initial_state = (void *)&rows[i],
    };
  }
  for (size_t i = 0; i < N_OTHER; i++)
    tests[N_ROWS + i] = other[i];
  return cmocka_run_group_tests(tests, NULL, NULL);
}
