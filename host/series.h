/* Series: the patch messages of a range grouped the way a reviewer reads
 * them, with their cover letters, completeness, replies, the review
 * trailers given in those replies, and the links between versions.
 *
 * Pure: no mail parsing and no Lua. The caller adds one record per
 * message (ids, parsed subject, sender, dates), then groups once. What
 * only a message's text can say (has it a diff, its in-body author,
 * change-id, Supersedes, patch-id, the trailers of a reply) is asked for
 * through a callback, only for the messages that need it: candidate naked
 * covers and series heads while grouping, the replies of one series when
 * its trailers are first asked for, the patches of two versions when
 * their resubmission kind is. So grouping a whole archive reads few texts.
 * A message's ids may be asked for the same way: replies ("Re:") never
 * change the grouping, so their ids are asked for only when replies are
 * first needed (pl_series_set_find_replies), and a caller that reads ids
 * from the message itself reads no reply to group a range.
 *
 * Ownership: the set owns everything it hands out (series, strings,
 * arrays, trailers); pl_series_set_free frees it all. Messages are named
 * by their number: the order they were added in, from 0. */
#ifndef PL_SERIES_H
#define PL_SERIES_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

#include "subject.h"
#include "trailer.h"

#define PL_SERIES_NONE ((size_t)-1)

/* Default of pl_series_options.window: patches that thread to nothing
 * useful join a series of the same sender, version and total whose
 * latest message is at most this far away in time. */
#define PL_SERIES_WINDOW_DEFAULT 3600

/* At most this many missing numbers are listed per series (a subject may
 * claim 1/999999); the count of missing numbers is always exact. */
#define PL_SERIES_MISSING_MAX 1000

/* One message as the caller adds it. Strings are copied. */
struct pl_series_message {
  int ids_later; /* the three ids below are not given: asked for with
                  * PL_SERIES_NEED_IDS when needed */
  const char *message_id;  /* without angle brackets; NULL when none */
  const char *in_reply_to; /* the first id of In-Reply-To, or NULL */
  const char *const *references; /* References, in header order */
  size_t n_references;
  const char *sender_name;    /* the From; either may be NULL */
  const char *sender_address;
  int64_t date;     /* the Date header, seconds since the epoch; 0: unknown */
  int64_t received; /* when the archive received it; 0: unknown */
};

/* What a message's text says, filled by the callback. The set takes
 * over every pointer (strings freed with g_free, trailers with
 * g_ptr_array_unref); leave what is unknown NULL. */
struct pl_series_text {
  int has_diff;
  char *author_name;    /* the in-body From, when the text starts with one */
  char *author_address;
  char *change_id;  /* b4's change-id line */
  char *supersedes; /* a Supersedes line: a Message-ID, brackets or not */
  char *patch_id;   /* git patch-id --stable of the diff */
  GPtrArray *trailers; /* PL_SERIES_NEED_TRAILERS: pl_trailer_find_in_reply's array */
  /* PL_SERIES_NEED_IDS: as in struct pl_series_message; references is an
   * array of strings that owns them (or NULL). */
  char *message_id, *in_reply_to;
  GPtrArray *references;
};

enum pl_series_need {
  PL_SERIES_NEED_PATCH = 1,    /* the text parsed as a patch: has_diff to patch_id */
  PL_SERIES_NEED_TRAILERS = 2, /* the trailers a reply gives */
  PL_SERIES_NEED_IDS = 4,      /* Message-ID, In-Reply-To, References */
};

/* Fills *out (zeroed) with what needs (enum pl_series_need bits, one or
 * more) asks about message msg. Asked at most once per message and bit,
 * never after pl_series_set_free. It must not longjmp. */
typedef void (*pl_series_need_fn)(void *data, size_t msg, unsigned needs,
                                  struct pl_series_text *out);

struct pl_series_options {
  int64_t window; /* seconds; 0: PL_SERIES_WINDOW_DEFAULT */
  pl_series_need_fn need; /* NULL: every text is taken as empty (no diff) */
  void *need_data;
};

enum pl_series_cover_kind {
  PL_SERIES_COVER_NONE = 0, /* no cover letter */
  PL_SERIES_COVER_COUNTER,  /* a 0/N message */
  PL_SERIES_COVER_NAKED,    /* a message without counter or diff, not a reply,
                             * that numbered patches answer */
  PL_SERIES_COVER_OUTSIDE,  /* the patches answer a message (outside_id)
                             * that is no loaded patch, cover or other
                             * non-reply: the cover outside the range, most
                             * likely, or a reply (replies never group) */
};

/* Why a series was linked to an earlier version (in order of precedence). */
enum pl_series_link {
  PL_SERIES_LINK_NONE = 0,
  PL_SERIES_LINK_CHANGE_ID,  /* the same b4 change-id */
  PL_SERIES_LINK_SUPERSEDES, /* its Supersedes: names a message of the earlier one */
  PL_SERIES_LINK_REPLY,      /* its head answers a message of the earlier one
                              * (same sender or author, same stable branch) */
  PL_SERIES_LINK_TITLE,      /* the same normalised title, author and stable
                              * branch (tags "4.19", "AUTOSEL"; none for mainline) */
};

/* What a resubmission is, against its previous version. */
enum pl_series_kind {
  PL_SERIES_KIND_FIRST = 0,   /* no earlier version was loaded */
  PL_SERIES_KIND_RESEND,      /* marked RESEND */
  PL_SERIES_KIND_IDENTICAL,   /* every patch-id equal to the previous version's */
  PL_SERIES_KIND_NEW_VERSION, /* anything else */
};

/* How a message belongs to a series. */
enum pl_series_role {
  PL_SERIES_ROLE_NONE = 0,  /* not in any series, nor in the thread of one */
  PL_SERIES_ROLE_COVER,
  PL_SERIES_ROLE_PATCH,     /* in the series' patches */
  PL_SERIES_ROLE_DUPLICATE, /* a further copy: the number (or the Message-ID)
                             * was already held */
  PL_SERIES_ROLE_REPLY,     /* in the thread of a member, not a member */
};

/* One series. Read-only for callers; message numbers index the set. */
struct pl_series {
  size_t index; /* position in pl_series_set_list */
  size_t head;  /* the cover, else the lowest-numbered patch */
  size_t cover; /* PL_SERIES_NONE when cover_kind is NONE or OUTSIDE */
  enum pl_series_cover_kind cover_kind;
  const char *outside_id; /* COVER_OUTSIDE: the id the patches answer */
  const char *title;      /* the head's subject title */
  unsigned version;       /* the head's (a naked cover's, when it gives none:
                           * its first patch's) */
  unsigned subversion;    /* the M of "v5.1": a patch re-sent within a version */
  unsigned total;         /* the N of n/N (0 for a single patch) */
  int is_rfc, is_resend;  /* the head's subject says so */
  const char *sender_name, *sender_address; /* the head's From */
  const char *author_name, *author_address; /* the head's in-body From, else its From */
  int64_t date, received; /* the head's */
  const char *change_id, *supersedes; /* the head's, or NULL */

  GArray *patches;    /* size_t: one message per number, ascending; a single
                       * patch (no counter, or "0/0") is its only patch */
  GArray *duplicates; /* size_t: the other messages claiming a number (or a
                       * Message-ID) already held, in order of arrival */
  unsigned expected;  /* total, or 1 when total is 0 */
  unsigned received_count; /* numbers 1..expected present (a single: 1) */
  unsigned extra;          /* patches numbered above total */
  GArray *missing;         /* unsigned: numbers 1..expected absent, ascending,
                            * at most PL_SERIES_MISSING_MAX */
  unsigned n_missing;      /* exact */
  int missing_truncated;   /* n_missing > missing->len */
  int complete;            /* nothing missing and at least one patch */
  int by_window;           /* a patch joined by sender, version, total and time
                            * rather than by threading */
  GArray *replies; /* size_t: non-members in the thread of a member, by
                    * date; empty until pl_series_set_find_replies */

  struct pl_series *previous; /* the earlier version loaded, or NULL */
  enum pl_series_link link;   /* why previous */
  GPtrArray *newer;           /* struct pl_series *: those whose previous this is */

};

/* A review trailer given in a reply, attributed to one patch. */
struct pl_series_trailer {
  size_t patch;    /* the patch it applies to */
  size_t reply;    /* the message that gives it */
  size_t answered; /* the member the reply answers: the patch, or the cover
                    * (then the trailer is given to every patch) */
  const struct pl_trailer *trailer; /* owned by the set */
};

struct pl_series_set;

/* A new, empty set; opt may be NULL. Free with pl_series_set_free. */
struct pl_series_set *pl_series_set_new(const struct pl_series_options *opt);

/* Frees the set and everything it handed out; NULL is fine. */
void pl_series_set_free(struct pl_series_set *set);

/* Adds a message, taking over subject (pl_subject_parse's result, freed
 * with the set). Returns its number. Only before pl_series_set_group.
 * Cost: copies the strings; amortised constant. */
size_t pl_series_set_add(struct pl_series_set *set, const struct pl_series_message *msg,
                         struct pl_subject *subject);

/* Groups the messages into series and links versions; once. Cost: about
 * linear in messages and references (a sort of the patches), plus the
 * callback for candidate naked covers and for each series head. Safe on
 * hostile input: reference loops, self-references, replies to later
 * messages, duplicate Message-IDs, odd and huge counters. */
void pl_series_set_group(struct pl_series_set *set);

/* The series, newest first (by the position of their heads in the order
 * messages were added). The array belongs to the set. */
const GPtrArray *pl_series_set_list(const struct pl_series_set *set);

size_t pl_series_set_count_messages(const struct pl_series_set *set);

/* A message's parsed subject (owned by the set). */
const struct pl_subject *pl_series_set_subject(const struct pl_series_set *set, size_t msg);

/* Finds the replies of every series (the messages in the thread of a
 * member that are not members), once: asks for the ids not known yet,
 * and, in the same calls, for what of also (PL_SERIES_NEED_TRAILERS when
 * trailers will be wanted) the messages that are replies by their subject
 * will need, so that the caller reads each once. Cost: linear in messages
 * and references, plus the callback. */
void pl_series_set_find_replies(struct pl_series_set *set, unsigned also);

/* The series a message is a member or a reply of, or NULL; *role (when
 * not NULL) gets how. Replies are known after pl_series_set_find_replies. */
struct pl_series *pl_series_set_series_of(const struct pl_series_set *set, size_t msg,
                                          enum pl_series_role *role);

/* For a reply: the member it answers (its nearest ancestor in the
 * series); PL_SERIES_NONE for others (and before pl_series_set_find_replies). */
size_t pl_series_set_answers(const struct pl_series_set *set, size_t msg);

/* The review trailers (Reviewed-by, Acked-by, Tested-by) given in the
 * series' replies, as struct pl_series_trailer ordered by patch, then by
 * reply date. A trailer in a reply to the cover gives one entry per patch.
 * Computed on first call (finds the replies, reads their texts through the
 * callback); the array belongs to the series. */
const GArray *pl_series_trailers(struct pl_series_set *set, struct pl_series *series);

/* The resubmission kind of a series against its previous version, and
 * (when identical is not NULL) how many of its patches have a patch-id
 * found among the previous version's. Computed on first call (reads the
 * patches of both through the callback). */
enum pl_series_kind pl_series_kind(struct pl_series_set *set, struct pl_series *series,
                                   unsigned *identical);

/* A message's text fields, asked for now if they were not yet
 * (PL_SERIES_NEED_PATCH). The struct belongs to the set. */
const struct pl_series_text *pl_series_set_text(struct pl_series_set *set, size_t msg);

/* Short names: "none", "counter", "naked", "outside"; "none", "change-id",
 * "supersedes", "reply", "title"; "first", "resend", "identical",
 * "new-version"; "none", "cover", "patch", "duplicate", "reply". */
const char *pl_series_cover_kind_name(enum pl_series_cover_kind kind);
const char *pl_series_link_name(enum pl_series_link link);
const char *pl_series_kind_name(enum pl_series_kind kind);
const char *pl_series_role_name(enum pl_series_role role);

#endif
