/* Review trailers: the Reviewed-by, Acked-by and Tested-by a series'
 * replies give, attributed to the patch each reply answers (to every patch
 * for a reply to the cover). */
#include "series_impl.h"

static const char *const review_keys[] = {"Reviewed-by", "Acked-by", "Tested-by"};

static int is_review_key(const char *key)
{
  for (size_t i = 0; i < G_N_ELEMENTS(review_keys); i++)
    if (g_ascii_strcasecmp(key, review_keys[i]) == 0)
      return 1;
  return 0;
}

struct ranked_trailer {
  struct pl_series_trailer t;
  guint patch_pos, seq;
  int64_t time;
};

static int cmp_ranked(const void *a, const void *b)
{
  const struct ranked_trailer *x = a, *y = b;
  if (x->patch_pos != y->patch_pos)
    return x->patch_pos < y->patch_pos ? -1 : 1;
  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

/* The position in patches of the patch holding a member's number. */
static guint patch_position(const struct pl_series_set *set, const struct pl_series *s,
                            size_t member)
{
  unsigned want = number_of(at(set, member));
  guint lo = 0, hi = s->patches->len;
  while (lo < hi) {
    guint mid = lo + (hi - lo) / 2;
    if (number_of(at(set, g_array_index(s->patches, size_t, mid))) < want)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

const GArray *pl_series_trailers(struct pl_series_set *set, struct pl_series *series)
{
  struct series_impl *s = impl(series);
  if (s->trailers)
    return s->trailers;
  pl_series_set_find_replies(set, PL_SERIES_NEED_TRAILERS);
  GArray *ranked = g_array_new(FALSE, FALSE, sizeof(struct ranked_trailer));
  guint seq = 0;
  for (guint r = 0; r < series->replies->len; r++) {
    size_t reply = g_array_index(series->replies, size_t, r);
    const struct pl_series_text *t = pl_series_text_of(set, reply, PL_SERIES_NEED_TRAILERS);
    size_t answered = at(set, reply)->answers;
    const struct series_msg *am = at(set, answered);
    for (guint k = 0; t->trailers && k < t->trailers->len; k++) {
      const struct pl_trailer *tr = t->trailers->pdata[k];
      if (!tr->key || !tr->person || !is_review_key(tr->key))
        continue;
      struct ranked_trailer rt = {{0}, 0, 0, time_of(at(set, reply))};
      rt.t.reply = reply;
      rt.t.answered = answered;
      rt.t.trailer = tr;
      guint from = 0, to = 0;
      if (am->role == PL_SERIES_ROLE_COVER) {
        to = series->patches->len;
      } else {
        from = patch_position(set, series, answered);
        to = from < series->patches->len ? from + 1 : from;
      }
      for (guint p = from; p < to; p++) {
        rt.t.patch = g_array_index(series->patches, size_t, p);
        rt.patch_pos = p;
        rt.seq = seq++;
        g_array_append_val(ranked, rt);
      }
    }
  }
  g_array_sort(ranked, cmp_ranked);
  s->trailers = g_array_sized_new(FALSE, FALSE, sizeof(struct pl_series_trailer), ranked->len);
  for (guint i = 0; i < ranked->len; i++)
    g_array_append_val(s->trailers, g_array_index(ranked, struct ranked_trailer, i).t);
  g_array_unref(ranked);
  return s->trailers;
}
