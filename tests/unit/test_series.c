#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "series.h"

/* A message as a test writes it; tests list them oldest first. */
struct tmsg {
  const char *id, *irt, *refs; /* refs: ids separated by spaces */
  const char *subject, *from;
  int64_t date;
  int has_diff;
  const char *change_id, *supersedes, *patch_id;
  const char *text; /* a reply's text, for its trailers */
};

struct fixture {
  struct pl_series_set *set;
  const struct tmsg *msgs;
  size_t n;
  int ids_later;
  unsigned asked_patch, asked_trailers, asked_ids;
};

static void need(void *data, size_t msg, unsigned what, struct pl_series_text *out)
{
  struct fixture *f = data;
  /* Messages are added newest first: number msg is test message n-1-msg. */
  const struct tmsg *t = &f->msgs[f->n - 1 - msg];
  if (what & PL_SERIES_NEED_IDS) {
    f->asked_ids++;
    out->message_id = g_strdup(t->id);
    out->in_reply_to = g_strdup(t->irt);
    out->references = g_ptr_array_new_with_free_func(g_free);
    char **refs = g_strsplit(t->refs ? t->refs : "", " ", -1);
    for (char **r = refs; *r; r++)
      g_ptr_array_add(out->references, g_strdup(*r));
    g_strfreev(refs);
  }
  if (what & PL_SERIES_NEED_TRAILERS) {
    f->asked_trailers++;
    const char *text = t->text ? t->text : "";
    out->trailers = pl_trailer_find_in_reply(text, strlen(text));
  }
  if (!(what & PL_SERIES_NEED_PATCH))
    return;
  f->asked_patch++;
  out->has_diff = t->has_diff;
  out->change_id = g_strdup(t->change_id);
  out->supersedes = g_strdup(t->supersedes);
  out->patch_id = g_strdup(t->patch_id);
}

/* Adds the messages newest first and groups them; unless ids_later,
 * also finds the replies. */
static void build_ids(struct fixture *f, const struct tmsg *msgs, size_t n, int64_t window,
                      int ids_later)
{
  memset(f, 0, sizeof *f);
  f->msgs = msgs;
  f->n = n;
  f->ids_later = ids_later;
  struct pl_series_options opt = {window, need, f};
  f->set = pl_series_set_new(&opt);
  for (size_t k = n; k-- > 0;) {
    const struct tmsg *t = &msgs[k];
    char **refs = g_strsplit(t->refs ? t->refs : "", " ", -1);
    struct pl_series_message m = {
        .ids_later = ids_later,
        .message_id = t->id,
        .in_reply_to = t->irt,
        .references = (const char *const *)refs,
        .n_references = g_strv_length(refs),
        .sender_name = NULL,
        .sender_address = t->from ? t->from : "ada@example.org",
        .date = t->date,
        .received = t->date + 1,
    };
    size_t num = pl_series_set_add(f->set, &m, pl_subject_parse(t->subject));
    assert_int_equal(num, n - 1 - k);
    g_strfreev(refs);
  }
  pl_series_set_group(f->set);
  if (!ids_later)
    pl_series_set_find_replies(f->set, 0);
}

static void build(struct fixture *f, const struct tmsg *msgs, size_t n, int64_t window)
{
  build_ids(f, msgs, n, window, 0);
}

/* The number of test message k. */
static size_t no(const struct fixture *f, size_t k)
{
  return f->n - 1 - k;
}

static size_t count(const struct fixture *f)
{
  return pl_series_set_list(f->set)->len;
}

static struct pl_series *series_of(const struct fixture *f, size_t k)
{
  return pl_series_set_series_of(f->set, no(f, k), NULL);
}

static enum pl_series_role role_of(const struct fixture *f, size_t k)
{
  enum pl_series_role role;
  pl_series_set_series_of(f->set, no(f, k), &role);
  return role;
}

/* The test indexes of the series' patches, as "1 2 3". */
static char *patch_list(const struct fixture *f, const GArray *a)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < a->len; i++)
    g_string_append_printf(s, "%s%zu", i ? " " : "", f->n - 1 - g_array_index(a, size_t, i));
  return g_string_free(s, FALSE);
}

static void assert_members(const struct fixture *f, const GArray *a, const char *want)
{
  char *got = patch_list(f, a);
  assert_string_equal(got, want);
  g_free(got);
}

static void done(struct fixture *f)
{
  pl_series_set_free(f->set);
}

static void test_threaded_with_cover_and_reviews(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      {"c@x", NULL, NULL, "[PATCH 0/3] mm: tidy", NULL, 1000, 0, NULL, NULL, NULL, NULL},
      {"p1@x", "c@x", "c@x", "[PATCH 1/3] mm: one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
      {"p2@x", "c@x", "c@x", "[PATCH 2/3] mm: two", NULL, 1002, 1, NULL, NULL, NULL, NULL},
      {"p3@x", "c@x", "c@x", "[PATCH 3/3] mm: three", NULL, 1003, 1, NULL, NULL, NULL, NULL},
      {"r1@y", "p2@x", "c@x p2@x", "Re: [PATCH 2/3] mm: two", "rev@example.org", 2000, 0, NULL,
       NULL, NULL,
       "> quoted\nReviewed-by: Rev Iewer <rev@example.org>\n> Signed-off-by: A <a@b.c>\n"},
      {"r2@z", "c@x", "c@x", "Re: [PATCH 0/3] mm: tidy", "ack@example.org", 3000, 0, NULL, NULL,
       NULL, "For the series:\nAcked-by: Ack Er <ack@example.org>\n"},
      {"r3@y", "r1@y", "c@x p2@x r1@y", "Re: [PATCH 2/3] mm: two", "ada@example.org", 4000, 0,
       NULL, NULL, NULL, "Thanks.\n"},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 0);
  assert_int_equal(count(&f), 1);
  struct pl_series *s = series_of(&f, 0);
  assert_non_null(s);
  assert_int_equal(s->cover_kind, PL_SERIES_COVER_COUNTER);
  assert_int_equal(s->cover, no(&f, 0));
  assert_int_equal(s->head, no(&f, 0));
  assert_string_equal(s->title, "mm: tidy");
  assert_int_equal(s->version, 1);
  assert_int_equal(s->total, 3);
  assert_members(&f, s->patches, "1 2 3");
  assert_int_equal(s->duplicates->len, 0);
  assert_int_equal(s->expected, 3);
  assert_int_equal(s->received_count, 3);
  assert_int_equal(s->n_missing, 0);
  assert_true(s->complete);
  assert_false(s->by_window);
  assert_members(&f, s->replies, "4 5 6");
  assert_int_equal(pl_series_set_answers(f.set, no(&f, 6)), no(&f, 2));
  assert_int_equal(role_of(&f, 0), PL_SERIES_ROLE_COVER);
  assert_int_equal(role_of(&f, 2), PL_SERIES_ROLE_PATCH);
  assert_int_equal(role_of(&f, 5), PL_SERIES_ROLE_REPLY);
  /* Grouping read the cover's text only (the head); no reply yet. */
  assert_int_equal(f.asked_trailers, 0);

  const GArray *t = pl_series_trailers(f.set, s);
  assert_int_equal(f.asked_trailers, 3);
  assert_int_equal(t->len, 4);
  const struct pl_series_trailer *e = &g_array_index(t, struct pl_series_trailer, 0);
  assert_int_equal(e->patch, no(&f, 1));
  assert_string_equal(e->trailer->key, "Acked-by");
  assert_int_equal(e->answered, no(&f, 0));
  e = &g_array_index(t, struct pl_series_trailer, 1);
  assert_int_equal(e->patch, no(&f, 2));
  assert_string_equal(e->trailer->key, "Reviewed-by");
  assert_string_equal(e->trailer->person->address, "rev@example.org");
  assert_int_equal(e->reply, no(&f, 4));
  e = &g_array_index(t, struct pl_series_trailer, 2);
  assert_int_equal(e->patch, no(&f, 2));
  assert_string_equal(e->trailer->key, "Acked-by");
  e = &g_array_index(t, struct pl_series_trailer, 3);
  assert_int_equal(e->patch, no(&f, 3));
  /* Cached. */
  assert_ptr_equal(pl_series_trailers(f.set, s), t);
  assert_int_equal(f.asked_trailers, 3);
  assert_int_equal(pl_series_kind(f.set, s, NULL), PL_SERIES_KIND_FIRST);
  done(&f);
}

/* Ids asked for through the callback: the replies' only when replies are
 * first needed, and the grouping is the same. */
static void test_reply_ids_asked_late(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      {"c@x", NULL, NULL, "[PATCH 0/2] late", NULL, 1000, 0, NULL, NULL, NULL, NULL},
      {"p1@x", "c@x", "c@x", "[PATCH 1/2] one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
      {"r1@y", "p1@x", "c@x p1@x", "Re: [PATCH 1/2] one", "rev@example.org", 1500, 0, NULL, NULL,
       NULL, "Reviewed-by: Rev <rev@example.org>\n"},
      {"p2@x", "r1@y", "c@x p1@x r1@y", "[PATCH 2/2] two", NULL, 1002, 1, NULL, NULL, NULL, NULL},
      {"x@z", NULL, NULL, "unrelated", NULL, 1600, 0, NULL, NULL, NULL, NULL},
  };
  struct fixture f;
  build_ids(&f, m, G_N_ELEMENTS(m), 0, 1);
  assert_int_equal(f.asked_ids, 4);
  assert_int_equal(count(&f), 1);
  struct pl_series *s = series_of(&f, 0);
  /* 2/2 answers a reply not read yet: it finds the cover in References. */
  assert_members(&f, s->patches, "1 3");
  assert_true(s->complete);
  assert_int_equal(s->replies->len, 0);
  assert_int_equal(role_of(&f, 2), PL_SERIES_ROLE_NONE);
  const GArray *t = pl_series_trailers(f.set, s);
  assert_int_equal(f.asked_ids, 5);
  assert_int_equal(t->len, 1);
  assert_int_equal(g_array_index(t, struct pl_series_trailer, 0).patch, no(&f, 1));
  assert_members(&f, s->replies, "2");
  assert_int_equal(role_of(&f, 2), PL_SERIES_ROLE_REPLY);
  assert_int_equal(role_of(&f, 4), PL_SERIES_ROLE_NONE);
  done(&f);
}

static void test_out_of_order_and_chained(void **state)
{
  (void)state;
  /* Patches archived before their cover, each answering the one before
   * (git send-email --chain-reply-to), numbers out of order. */
  static const struct tmsg m[] = {
      {"p3@x", "p2@x", "c@x p1@x p2@x", "[PATCH v2 3/4] three", NULL, 1003, 1, NULL, NULL, NULL,
       NULL},
      {"p1@x", "c@x", "c@x", "[PATCH v2 1/4] one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
      {"p4@x", "p3@x", "c@x p1@x p2@x p3@x", "[PATCH v2 4/4] four", NULL, 1004, 1, NULL, NULL,
       NULL, NULL},
      {"p2@x", "p1@x", "c@x p1@x", "[PATCH v2 2/4] two", NULL, 1002, 1, NULL, NULL, NULL, NULL},
      {"c@x", NULL, NULL, "[PATCH v2 0/4] things", NULL, 1000, 0, NULL, NULL, NULL, NULL},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 0);
  assert_int_equal(count(&f), 1);
  struct pl_series *s = series_of(&f, 0);
  assert_int_equal(s->cover, no(&f, 4));
  assert_int_equal(s->version, 2);
  assert_members(&f, s->patches, "1 3 0 2");
  assert_true(s->complete);
  done(&f);
}

static void test_unthreaded_within_window(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      {"a1@x", NULL, NULL, "[PATCH 1/3] a one", "ada@example.org", 1000, 1, NULL, NULL, NULL, NULL},
      {"b1@x", NULL, NULL, "[PATCH 1/3] b one", "bob@example.org", 1001, 1, NULL, NULL, NULL, NULL},
      {"a3@x", NULL, NULL, "[PATCH 3/3] a three", "ADA@example.org", 1003, 1, NULL, NULL, NULL,
       NULL},
      {"a2@x", NULL, NULL, "[PATCH 2/3] a two", "ada@example.org", 1002, 1, NULL, NULL, NULL, NULL},
      /* The same sender's next series: number 1 is held, so a new one. */
      {"c1@x", NULL, NULL, "[PATCH 1/3] c one", "ada@example.org", 1010, 1, NULL, NULL, NULL, NULL},
      /* Too late for either. */
      {"d2@x", NULL, NULL, "[PATCH 2/3] d two", "ada@example.org", 9000, 1, NULL, NULL, NULL, NULL},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 600);
  assert_int_equal(count(&f), 4);
  struct pl_series *a = series_of(&f, 0);
  assert_members(&f, a->patches, "0 3 2");
  assert_true(a->by_window);
  assert_true(a->complete);
  assert_int_equal(a->cover_kind, PL_SERIES_COVER_NONE);
  struct pl_series *b = series_of(&f, 1);
  assert_ptr_not_equal(a, b);
  assert_members(&f, b->patches, "1");
  assert_false(b->complete);
  assert_int_equal(b->n_missing, 2);
  assert_int_equal(g_array_index(b->missing, unsigned, 0), 2);
  assert_int_equal(g_array_index(b->missing, unsigned, 1), 3);
  struct pl_series *c = series_of(&f, 4);
  assert_members(&f, c->patches, "4");
  struct pl_series *d = series_of(&f, 5);
  assert_ptr_not_equal(c, d);
  assert_members(&f, d->patches, "5");
  assert_int_equal(d->head, no(&f, 5));
  done(&f);
}

static void test_two_series_replying_to_each_other(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      {"v10@x", NULL, NULL, "[PATCH v10 0/2] arm64: realms", NULL, 1000, 0, NULL, NULL, NULL, NULL},
      {"v10-1@x", "v10@x", "v10@x", "[PATCH v10 1/2] one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
      {"v10-2@x", "v10@x", "v10@x", "[PATCH v10 2/2] two", NULL, 1002, 1, NULL, NULL, NULL, NULL},
      {"re@y", "v10@x", "v10@x", "Re: [PATCH v10 0/2] arm64: realms", "r@example.org", 1500, 0,
       NULL, NULL, NULL, NULL},
      {"v11@x", "v10@x", "v10@x", "[PATCH v11 0/2] arm64: realms", NULL, 2000, 0, NULL, NULL,
       NULL, NULL},
      {"v11-1@x", "v11@x", "v10@x v11@x", "[PATCH v11 1/2] one", NULL, 2001, 1, NULL, NULL, NULL,
       NULL},
      {"v11-2@x", "v11@x", "v10@x v11@x", "[PATCH v11 2/2] two", NULL, 2002, 1, NULL, NULL, NULL,
       NULL},
      {"re11@y", "v11-2@x", "v10@x v11@x v11-2@x", "Re: [PATCH v11 2/2] two", "r@example.org",
       2500, 0, NULL, NULL, NULL, NULL},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 0);
  assert_int_equal(count(&f), 2);
  struct pl_series *v10 = series_of(&f, 0), *v11 = series_of(&f, 4);
  assert_ptr_not_equal(v10, v11);
  assert_members(&f, v10->patches, "1 2");
  assert_members(&f, v11->patches, "5 6");
  assert_members(&f, v10->replies, "3");
  assert_members(&f, v11->replies, "7");
  assert_int_equal(role_of(&f, 4), PL_SERIES_ROLE_COVER);
  /* Newest first. */
  assert_ptr_equal(pl_series_set_list(f.set)->pdata[0], v11);
  assert_ptr_equal(v11->previous, v10);
  assert_int_equal(v11->link, PL_SERIES_LINK_REPLY);
  assert_int_equal(v10->newer->len, 1);
  assert_null(v10->previous);
  done(&f);
}

static void test_naked_cover(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      {"n@x", NULL, NULL, "hv: a few cleanups", NULL, 1000, 0, NULL, NULL, NULL, NULL},
      {"n1@x", "n@x", "n@x", "[PATCH 1/2] hv: one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
      {"n2@x", "n@x", "n@x", "[PATCH 2/2] hv: two", NULL, 1002, 1, NULL, NULL, NULL, NULL},
      /* A patch answered by numbered patches is not a cover. */
      {"s@x", NULL, NULL, "[PATCH] hv: base fix", NULL, 2000, 1, NULL, NULL, NULL, NULL},
      {"s1@x", "s@x", "s@x", "[PATCH 1/2] hv: follow-up one", NULL, 2001, 1, NULL, NULL, NULL,
       NULL},
      {"s2@x", "s1@x", "s@x s1@x", "[PATCH 2/2] hv: follow-up two", NULL, 2002, 1, NULL, NULL,
       NULL, NULL},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 0);
  assert_int_equal(count(&f), 3);
  struct pl_series *s = series_of(&f, 0);
  assert_int_equal(s->cover_kind, PL_SERIES_COVER_NAKED);
  assert_int_equal(s->cover, no(&f, 0));
  assert_string_equal(s->title, "hv: a few cleanups");
  assert_int_equal(s->total, 2);
  assert_members(&f, s->patches, "1 2");
  assert_true(s->complete);
  struct pl_series *single = series_of(&f, 3), *follow = series_of(&f, 4);
  assert_ptr_not_equal(single, follow);
  assert_int_equal(single->cover_kind, PL_SERIES_COVER_NONE);
  assert_members(&f, single->patches, "3");
  assert_int_equal(single->expected, 1);
  assert_true(single->complete);
  assert_members(&f, follow->patches, "4 5");
  assert_int_equal(follow->cover_kind, PL_SERIES_COVER_NONE);
  done(&f);
}

static void test_cover_outside_range(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      {"o2@x", "gone@x", "gone@x", "[PATCH 2/3] two", NULL, 1002, 1, NULL, NULL, NULL, NULL},
      {"o1@x", "gone@x", "gone@x", "[PATCH 1/3] one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 0);
  assert_int_equal(count(&f), 1);
  struct pl_series *s = series_of(&f, 0);
  assert_int_equal(s->cover_kind, PL_SERIES_COVER_OUTSIDE);
  assert_string_equal(s->outside_id, "gone@x");
  assert_int_equal(s->cover, PL_SERIES_NONE);
  assert_int_equal(s->head, no(&f, 1));
  assert_members(&f, s->patches, "1 0");
  assert_int_equal(s->n_missing, 1);
  assert_false(s->complete);
  done(&f);
}

static void test_hostile_references(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      {"c@x", "c@x", "c@x", "[PATCH 0/2] self", NULL, 1000, 0, NULL, NULL, NULL, NULL},
      {"p1@x", "c@x", "p1@x c@x", "[PATCH 1/2] one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
      /* A loop of replies, and one answering a message from the future. */
      {"a@y", "b@y", "b@y", "Re: loop a", NULL, 1100, 0, NULL, NULL, NULL, NULL},
      {"b@y", "a@y", "a@y", "Re: loop b", NULL, 1101, 0, NULL, NULL, NULL, NULL},
      {"f@y", "later@y", "later@y", "Re: [PATCH 1/2] one", NULL, 1200, 0, NULL, NULL, NULL, NULL},
      {"later@y", "p1@x", "c@x p1@x", "Re: [PATCH 1/2] one", NULL, 5000, 0, NULL, NULL, NULL, NULL},
      /* A patch claiming to answer itself only. */
      {"me@x", "me@x", "me@x me@x", "[PATCH 2/2] two", NULL, 1002, 1, NULL, NULL, NULL, NULL},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 0);
  struct pl_series *s = series_of(&f, 0);
  assert_int_equal(s->cover_kind, PL_SERIES_COVER_COUNTER);
  /* 2/2 threads to nothing but itself: it joins by the window. */
  assert_members(&f, s->patches, "1 6");
  assert_true(s->by_window);
  assert_int_equal(role_of(&f, 2), PL_SERIES_ROLE_NONE);
  assert_int_equal(role_of(&f, 3), PL_SERIES_ROLE_NONE);
  assert_int_equal(role_of(&f, 4), PL_SERIES_ROLE_REPLY);
  assert_int_equal(pl_series_set_answers(f.set, no(&f, 4)), no(&f, 1));
  assert_members(&f, s->replies, "4 5");
  done(&f);
}

static void test_hostile_counters(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      {"c@x", NULL, NULL, "[PATCH 0/3] odd", NULL, 1000, 0, NULL, NULL, NULL, NULL},
      {"p1@x", "c@x", "c@x", "[PATCH 1/3] one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
      {"p2@x", "c@x", "c@x", "[PATCH 2/3] two", NULL, 1002, 1, NULL, NULL, NULL, NULL},
      {"p2b@x", "c@x", "c@x", "[PATCH 2/3] two again", NULL, 1003, 1, NULL, NULL, NULL, NULL},
      {"p5@x", "c@x", "c@x", "[PATCH 5/3] five", NULL, 1004, 1, NULL, NULL, NULL, NULL},
      /* The same message archived twice. */
      {"p1@x", "c@x", "c@x", "[PATCH 1/3] one", NULL, 1001, 1, NULL, NULL, NULL, NULL},
      {"z@x", NULL, NULL, "[PATCH 0/0] nothing", NULL, 2000, 0, NULL, NULL, NULL, NULL},
      /* A second copy of 1/3 sent in reply to the first. */
      {"p1c@x", "p1@x", "p1@x", "[PATCH 1/3] one", NULL, 1005, 1, NULL, NULL, NULL, NULL},
      {"h@x", NULL, NULL, "[PATCH 1/999999] huge", "huge@example.org", 3000, 1, NULL, NULL, NULL,
       NULL},
      {"h7@x", "h@x", "h@x", "[PATCH 7/999999] huge", "huge@example.org", 3001, 1, NULL, NULL,
       NULL, NULL},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 0);
  assert_int_equal(count(&f), 3);
  struct pl_series *s = series_of(&f, 0);
  assert_members(&f, s->patches, "1 2 4");
  assert_members(&f, s->duplicates, "5 3 7");
  assert_int_equal(role_of(&f, 7), PL_SERIES_ROLE_DUPLICATE);
  assert_int_equal(role_of(&f, 5), PL_SERIES_ROLE_DUPLICATE);
  assert_int_equal(s->received_count, 2);
  assert_int_equal(s->extra, 1);
  assert_int_equal(s->n_missing, 1);
  assert_int_equal(g_array_index(s->missing, unsigned, 0), 3);
  assert_false(s->complete);

  struct pl_series *z = series_of(&f, 6);
  assert_int_equal(z->cover_kind, PL_SERIES_COVER_NONE);
  assert_members(&f, z->patches, "6");
  assert_int_equal(z->expected, 1);
  assert_true(z->complete);

  struct pl_series *h = series_of(&f, 8);
  assert_members(&f, h->patches, "8 9");
  assert_int_equal(h->expected, 999999);
  assert_int_equal(h->n_missing, 999997);
  assert_int_equal(h->missing->len, PL_SERIES_MISSING_MAX);
  assert_true(h->missing_truncated);
  assert_int_equal(g_array_index(h->missing, unsigned, 0), 2);
  assert_int_equal(g_array_index(h->missing, unsigned, 5), 8);
  done(&f);
}

static void test_version_links_and_kinds(void **state)
{
  (void)state;
  static const struct tmsg m[] = {
      /* change-id */
      {"a1@x", NULL, NULL, "[PATCH 0/1] alpha", NULL, 1000, 0, "20250101-alpha", NULL, NULL, NULL},
      {"a1-1@x", "a1@x", "a1@x", "[PATCH 1/1] alpha one", NULL, 1001, 1, NULL, NULL, "pid-a", NULL},
      {"a2@x", NULL, NULL, "[PATCH v2 0/1] alpha, reworked", NULL, 2000, 0, "20250101-alpha",
       NULL, NULL, NULL},
      {"a2-1@x", "a2@x", "a2@x", "[PATCH v2 1/1] alpha one", NULL, 2001, 1, NULL, NULL, "pid-a",
       NULL},
      /* Supersedes */
      {"b1@x", NULL, NULL, "[PATCH 0/2] trivial", NULL, 3000, 0, NULL, NULL, NULL, NULL},
      {"b1-1@x", "b1@x", "b1@x", "[PATCH 1/2] b one", NULL, 3001, 1, NULL, NULL, "pid-b1", NULL},
      {"b1-2@x", "b1@x", "b1@x", "[PATCH 2/2] b two", NULL, 3002, 1, NULL, NULL, "pid-b2", NULL},
      {"b2@x", NULL, NULL, "[PATCH v2 0/2] cleanup", NULL, 4000, 0, NULL, "<b1@x>", NULL, NULL},
      {"b2-1@x", "b2@x", "b2@x", "[PATCH v2 1/2] b one", NULL, 4001, 1, NULL, NULL, "pid-b1", NULL},
      {"b2-2@x", "b2@x", "b2@x", "[PATCH v2 2/2] b two", NULL, 4002, 1, NULL, NULL, "pid-b2x",
       NULL},
      /* Same title and author; a RESEND; another author's same title. */
      {"c1@x", NULL, NULL, "[PATCH] hv: fix it", NULL, 5000, 1, NULL, NULL, "pid-c", NULL},
      {"c2@x", NULL, NULL, "[PATCH v2] hv: Fix  it", NULL, 6000, 1, NULL, NULL, "pid-c", NULL},
      {"c3@x", NULL, NULL, "[RESEND PATCH v2] hv: fix it", NULL, 7000, 1, NULL, NULL, "pid-c",
       NULL},
      {"o1@x", NULL, NULL, "[PATCH v3] hv: fix it", "other@example.org", 8000, 1, NULL, NULL,
       NULL, NULL},
  };
  struct fixture f;
  build(&f, m, G_N_ELEMENTS(m), 0);
  assert_int_equal(count(&f), 8);
  struct pl_series *a1 = series_of(&f, 0), *a2 = series_of(&f, 2);
  assert_ptr_equal(a2->previous, a1);
  assert_int_equal(a2->link, PL_SERIES_LINK_CHANGE_ID);
  unsigned same = 9;
  assert_int_equal(pl_series_kind(f.set, a2, &same), PL_SERIES_KIND_IDENTICAL);
  assert_int_equal(same, 1);

  struct pl_series *b1 = series_of(&f, 4), *b2 = series_of(&f, 7);
  assert_ptr_equal(b2->previous, b1);
  assert_int_equal(b2->link, PL_SERIES_LINK_SUPERSEDES);
  assert_int_equal(pl_series_kind(f.set, b2, &same), PL_SERIES_KIND_NEW_VERSION);
  assert_int_equal(same, 1);

  struct pl_series *c1 = series_of(&f, 10), *c2 = series_of(&f, 11), *c3 = series_of(&f, 12);
  assert_ptr_equal(c2->previous, c1);
  assert_int_equal(c2->link, PL_SERIES_LINK_TITLE);
  assert_int_equal(pl_series_kind(f.set, c2, NULL), PL_SERIES_KIND_IDENTICAL);
  assert_ptr_equal(c3->previous, c2);
  assert_int_equal(pl_series_kind(f.set, c3, NULL), PL_SERIES_KIND_RESEND);
  assert_null(series_of(&f, 13)->previous);
  assert_int_equal(c1->newer->len, 1);
  done(&f);
}

static void test_no_callback_and_empty(void **state)
{
  (void)state;
  struct pl_series_set *set = pl_series_set_new(NULL);
  pl_series_set_group(set);
  assert_int_equal(pl_series_set_list(set)->len, 0);
  pl_series_set_free(set);

  set = pl_series_set_new(NULL);
  struct pl_series_message m = {.message_id = NULL, .sender_address = NULL};
  pl_series_set_add(set, &m, pl_subject_parse("[PATCH 2/2] x"));
  pl_series_set_add(set, &m, pl_subject_parse(NULL));
  pl_series_set_add(set, &m, NULL);
  pl_series_set_group(set);
  assert_int_equal(pl_series_set_list(set)->len, 1);
  const struct pl_series *s = pl_series_set_list(set)->pdata[0];
  assert_int_equal(s->n_missing, 1);
  assert_string_equal(s->author_address ? s->author_address : "", "");
  pl_series_set_free(set);
}

/* Many messages in one long reference chain, and a long chain of patches
 * answering each other: linear, no recursion. */
static void test_long_chains(void **state)
{
  (void)state;
  enum { N = 20000 };
  struct pl_series_set *set = pl_series_set_new(NULL);
  for (int i = N; i-- > 0;) {
    char id[32], prev[32], subject[64];
    g_snprintf(id, sizeof id, "m%d@x", i);
    g_snprintf(prev, sizeof prev, "m%d@x", i - 1);
    g_snprintf(subject, sizeof subject, "[PATCH %d/%d] p", i + 1, N);
    struct pl_series_message m = {
        .message_id = id, .in_reply_to = i ? prev : NULL, .sender_address = "a@b", .date = i};
    pl_series_set_add(set, &m, pl_subject_parse(subject));
  }
  for (int i = 0; i < N; i++) {
    char id[32], prev[32];
    g_snprintf(id, sizeof id, "r%d@x", i);
    g_snprintf(prev, sizeof prev, i ? "r%d@x" : "m%d@x", i ? i - 1 : N - 1);
    struct pl_series_message m = {.message_id = id, .in_reply_to = prev, .date = N + i};
    pl_series_set_add(set, &m, pl_subject_parse("Re: [PATCH] p"));
  }
  pl_series_set_group(set);
  pl_series_set_find_replies(set, 0);
  assert_int_equal(pl_series_set_list(set)->len, 1);
  const struct pl_series *s = pl_series_set_list(set)->pdata[0];
  assert_int_equal(s->patches->len, N);
  assert_true(s->complete);
  assert_int_equal(s->replies->len, N);
  pl_series_set_free(set);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_threaded_with_cover_and_reviews),
      cmocka_unit_test(test_reply_ids_asked_late),
      cmocka_unit_test(test_out_of_order_and_chained),
      cmocka_unit_test(test_unthreaded_within_window),
      cmocka_unit_test(test_two_series_replying_to_each_other),
      cmocka_unit_test(test_naked_cover),
      cmocka_unit_test(test_cover_outside_range),
      cmocka_unit_test(test_hostile_references),
      cmocka_unit_test(test_hostile_counters),
      cmocka_unit_test(test_version_links_and_kinds),
      cmocka_unit_test(test_no_callback_and_empty),
      cmocka_unit_test(test_long_chains),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
