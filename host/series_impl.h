/* What the series files share (series.c groups, series_versions.c links
 * versions, series_reviews.c collects review trailers): the set's inner
 * layout and small helpers. Internal to them; see series.h. */
#ifndef PL_SERIES_IMPL_H
#define PL_SERIES_IMPL_H

#include <string.h>

#include "series.h"

struct series_msg {
  int ids_known;
  const char *id, *irt; /* in the set's string chunk */
  const char **refs;
  size_t n_refs;
  struct pl_subject *subject;
  const char *sender_name, *sender_address;
  int64_t date, received;

  size_t canonical; /* the first-archived message with this Message-ID */
  size_t link;      /* the compatible ancestor a numbered patch follows */
  size_t root;      /* the end of its chain of links */
  size_t first_follower, next_follower; /* messages whose root this is */
  int naked;        /* a naked cover */
  struct series_impl *series;
  enum pl_series_role role;
  size_t answers;
  int visit; /* 0, 1 in progress, 2 done: the reply walk */

  unsigned have; /* enum pl_series_need bits asked for */
  struct pl_series_text text;
};

struct series_impl {
  struct pl_series pub; /* first: a struct pl_series * is a struct series_impl * */
  GArray *members;      /* size_t, while grouping: everything but the cover */
  GHashTable *held;     /* numbers held, while grouping */
  int64_t first_time, last_time;
  GArray *trailers;
  int kind_done;
  enum pl_series_kind kind;
  unsigned identical;
  char *branch; /* the head's stable-branch tags ("AUTOSEL 5.15"), or "" */
};

struct pl_series_set {
  struct pl_series_options opt;
  GArray *msgs; /* struct series_msg */
  GStringChunk *strings;
  GHashTable *by_id; /* id -> canonical message number + 1 */
  GPtrArray *series; /* struct pl_series *, newest first */
  int grouped, replies_found;
};

static inline struct series_msg *at(const struct pl_series_set *set, size_t i)
{
  return &g_array_index(set->msgs, struct series_msg, i);
}

static inline struct series_impl *impl(struct pl_series *s)
{
  return (struct series_impl *)s;
}

static inline int64_t time_of(const struct series_msg *m)
{
  return m->date ? m->date : m->received;
}

static inline int has_counter(const struct series_msg *m)
{
  return m->subject->counter_rule != PL_SUBJECT_COUNTER_NONE;
}

/* A 0/N message with N > 0. "0/0" claims no patches: it is taken as a
 * single patch. */
static inline int is_cover(const struct series_msg *m)
{
  return m->subject->is_patch_like && has_counter(m) && m->subject->n == 0 &&
         m->subject->total > 0;
}

static inline int is_numbered(const struct series_msg *m)
{
  return m->subject->is_patch_like && has_counter(m) && m->subject->n >= 1;
}

static inline int is_single(const struct series_msg *m)
{
  return m->subject->is_patch_like && !is_cover(m) && !is_numbered(m);
}

/* The number a member stands for: a single patch is number 1. */
static inline unsigned number_of(const struct series_msg *m)
{
  return is_numbered(m) ? m->subject->n : 1;
}

static inline char *strdown(const char *s)
{
  return s ? g_ascii_strdown(s, -1) : g_strdup("");
}

static inline int same_address(const char *a, const char *b)
{
  return a && b && *a && g_ascii_strcasecmp(a, b) == 0;
}

static inline int is_member(const struct series_msg *m)
{
  return m->role == PL_SERIES_ROLE_COVER || m->role == PL_SERIES_ROLE_PATCH ||
         m->role == PL_SERIES_ROLE_DUPLICATE;
}

/* The canonical message of an id (its first-archived copy), or
 * PL_SERIES_NONE. */
size_t pl_series_resolve(const struct pl_series_set *set, const char *id);

/* The k-th id a message names, nearest first: In-Reply-To, then the
 * References from the last one back; NULL past the end. */
const char *pl_series_ref_at(const struct series_msg *m, size_t k);

/* Asks the callback, in one call, for what of needs (enum
 * pl_series_need bits) is not known yet about message i; returns what is
 * known (owned by the set). pl_series_text_of asks for one need. */
struct pl_series_text *pl_series_ask(struct pl_series_set *set, size_t i, unsigned needs);
struct pl_series_text *pl_series_text_of(struct pl_series_set *set, size_t i,
                                         enum pl_series_need need);

/* series_versions.c: the head's tags that name a stable branch ("4.19",
 * "AUTOSEL"), joined by spaces, "" for none (the caller frees it); and
 * the links between versions, once the series are finished. */
char *pl_series_branch(const struct pl_subject *sub);
void pl_series_link_versions(struct pl_series_set *set);

#endif
