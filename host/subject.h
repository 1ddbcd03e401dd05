/* Subject prefixes of patch mail: reply markers, the leading bracket groups
 * ("[RFC PATCH net-next v3 02/17]") and what they say (version, counter,
 * RFC, RESEND, pull request, other tags), and the title left after them.
 *
 * The input is an unfolded, RFC 2047-decoded UTF-8 subject. Only ASCII
 * bytes (and a few UTF-8 reply words) mean anything to the parser; other
 * bytes, valid UTF-8 or not, are copied through untouched. */
#ifndef PL_SUBJECT_H
#define PL_SUBJECT_H

#include <stdbool.h>

#include <glib.h>

/* Numbers above this in a counter or a version are not believed: the token
 * is rejected (kept as a tag, PL_SUBJECT_NUMBER_TOO_BIG set), never
 * saturated or wrapped. Real series stay in the thousands. */
#define PL_SUBJECT_NUMBER_MAX 999999u

/* Which rule gave the version. */
enum pl_subject_version_rule {
  PL_SUBJECT_VERSION_DEFAULT = 0, /* none given: inferred as 1 */
  PL_SUBJECT_VERSION_TOKEN,       /* a token of its own: "v3", "V3", "v5.1" */
  PL_SUBJECT_VERSION_JOINED,      /* run into a keyword: "PATCHv3", "RFCv2", "PATCH-v3" */
  PL_SUBJECT_VERSION_TITLE,       /* "(v3)" anywhere in the title, when no group gave one */
};

/* Which rule gave the counter. */
enum pl_subject_counter_rule {
  PL_SUBJECT_COUNTER_NONE = 0, /* no counter: n and total are 0 */
  PL_SUBJECT_COUNTER_SLASH,    /* "1/8", "01/37", "0001/0128" */
  PL_SUBJECT_COUNTER_JOINED,   /* run into a keyword: "PATCH1/8" */
  PL_SUBJECT_COUNTER_OF,       /* three tokens of one group: "3 of 5" */
};

/* Oddities met while parsing; the parse still succeeds. */
enum pl_subject_flag {
  PL_SUBJECT_NUMBER_TOO_BIG = 1u << 0, /* a counter or version over PL_SUBJECT_NUMBER_MAX
                                        * ("1/4294967296"): not used, kept as a tag */
  PL_SUBJECT_COUNTER_ODD = 1u << 1,    /* the counter used has n > total ("6/5") or
                                        * total 0 ("0/0"): kept as given */
  PL_SUBJECT_DUPLICATE = 1u << 2,      /* a second counter or version: the first one
                                        * is used, the later token kept as a tag */
  PL_SUBJECT_UNCLOSED = 1u << 3,       /* a '[' is never closed: it is not a group,
                                        * it and what follows are the title */
};

struct pl_subject {
  /* The subject without its reply prefixes and leading bracket groups,
   * white space trimmed at both ends; "" when nothing is left. Anything
   * after the groups is kept as written: "(v3)", a leading ':'. */
  char *title;
  /* Every token of the groups that is not understood, in order, as
   * written: "net-next", "bpf-next/net", "5.15", "AUTOSEL", "-net",
   * "v4.19-stable", "GSoC", "PATCHES". Array of char *, owned. */
  GPtrArray *tags;

  /* Reply and forward prefixes seen: "Re:", "RE:", "Fwd:", "Fw:", "Aw:",
   * "Sv:", "Odp:", "Antw:", "回复:", "答复:", "转发:" (any
   * ASCII case, ':' or '：', white space allowed before the colon,
   * "Re[2]:"), and "Re", "Fw", "Fwd", "Aw" without a colon when a '['
   * follows. They are taken at the start and, after list tags such as
   * "[Qemu-devel] Re: [PATCH]", between groups as long as no group so far
   * contained PATCH (so "[PATCH] Re: foo" is a patch titled "Re: foo").
   * The "(subset)" b4 puts after "Re:" in its thank-you notes goes too. */
  unsigned reply_depth;
  bool is_reply; /* reply_depth > 0 */

  /* A leading group contains "patch" in any ASCII case, alone or run
   * together ("[PATCH]", "[PATCHv3 2/5]", "[patch 1/8]", "[PATCHES]"),
   * reply or not. */
  bool has_patch_group;
  /* DIGEST.md's patch message: has_patch_group and not is_reply. */
  bool is_patch;
  /* Looks like one patch of a series though it may not say PATCH: not a
   * reply, has leading groups, and they hold PATCH, RFC, a counter or a
   * version ("[RFC v2 3/4]", "[PULL 03/12]", "[RFC]"). is_patch implies it. */
  bool is_patch_like;

  bool is_rfc;    /* an "RFC" token, alone or in "RFCv2", "RFC/PATCH", "PATCH-RFC" */
  bool is_resend; /* a "RESEND" token: "[RESEND PATCH]", "[PATCH RESEND]" */
  bool is_pull;   /* "GIT PULL", "PULL" (a "REQUEST" after it is taken too) */

  /* Version: 1 with PL_SUBJECT_VERSION_DEFAULT when none is given.
   * subversion is the M of "v5.1" (one patch re-sent within version 5),
   * 0 when absent ("v5.0" also gives 0). */
  unsigned version;
  unsigned subversion;
  enum pl_subject_version_rule version_rule;

  /* Counter n/total: 0/0 with PL_SUBJECT_COUNTER_NONE when there is none
   * (a real "[PATCH 0/0]" says PL_SUBJECT_COUNTER_SLASH). Leading zeros
   * are dropped. */
  unsigned n;
  unsigned total;
  enum pl_subject_counter_rule counter_rule;

  unsigned flags; /* enum pl_subject_flag bits */
};

/* Parses a subject (NULL is taken as ""). Never fails: anything not
 * understood ends up in tags or in the title. Cost: one pass over the
 * subject, linear whatever the input (no recursion; nesting depth, group
 * count and digit runs are unbounded but only counted), a few small
 * allocations. Returns a new object the caller frees with pl_subject_free. */
struct pl_subject *pl_subject_parse(const char *subject);

/* Frees what pl_subject_parse returned; NULL is fine. */
void pl_subject_free(struct pl_subject *s);

/* Short names of the rules, for scripts and diagnostics: "default", "vN",
 * "PATCHvN", "(vN)"; "none", "n/N", "PATCHn/N", "n of N". Static strings;
 * "?" for a value out of range. */
const char *pl_subject_version_rule_name(enum pl_subject_version_rule rule);
const char *pl_subject_counter_rule_name(enum pl_subject_counter_rule rule);

#endif
