/* Series grouping (host/series.h) on any set of messages: one line each,
 * "id<TAB>in-reply-to<TAB>references<TAB>subject<TAB>sender<TAB>date<TAB>text"
 * (missing fields empty; references separated by spaces; a text holding
 * "diff" has a diff, its trailers are a reply's). Checks that every
 * message belongs to at most one series, numbers and counts agree, the
 * missing list stays bounded, version links never loop, and trailers go
 * to the series' own patches. */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "series.h"

static void need(void *data, size_t msg, unsigned needs, struct pl_series_text *out)
{
  GPtrArray *lines = data;
  char **f = g_strsplit(lines->pdata[lines->len - 1 - msg], "\t", 7);
  guint n = g_strv_length(f);
  const char *text = n > 6 ? f[6] : "";
  if (needs & PL_SERIES_NEED_IDS) {
    out->message_id = n > 0 ? g_strdup(f[0]) : NULL;
    out->in_reply_to = n > 1 ? g_strdup(f[1]) : NULL;
    out->references = g_ptr_array_new_with_free_func(g_free);
    char **refs = g_strsplit(n > 2 ? f[2] : "", " ", -1);
    for (char **r = refs; *r; r++)
      g_ptr_array_add(out->references, g_strdup(*r));
    g_strfreev(refs);
  }
  if (needs & PL_SERIES_NEED_PATCH) {
    out->has_diff = strstr(text, "diff") != NULL;
    out->patch_id = g_strdup(text);
    if (strstr(text, "change"))
      out->change_id = g_strdup("c");
    if (strstr(text, "supersedes "))
      out->supersedes = g_strdup(strstr(text, "supersedes ") + 11);
  }
  if (needs & PL_SERIES_NEED_TRAILERS)
    out->trailers = pl_trailer_find_in_reply(text, strlen(text));
  g_strfreev(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *input = g_strndup((const char *)data, size);
  char **split = g_strsplit(input, "\n", 2000);
  GPtrArray *lines = g_ptr_array_new();
  for (char **l = split; *l; l++)
    g_ptr_array_add(lines, *l);
  struct pl_series_options opt = {600, need, lines};
  struct pl_series_set *set = pl_series_set_new(&opt);
  /* Newest first, as sources yield them; every other message's ids are
   * given now, the rest asked for later. */
  for (guint i = lines->len; i-- > 0;) {
    char **f = g_strsplit(lines->pdata[i], "\t", 7);
    guint n = g_strv_length(f);
    char **refs = g_strsplit(n > 2 ? f[2] : "", " ", -1);
    struct pl_series_message m = {
        .ids_later = i % 2,
        .message_id = n > 0 ? f[0] : NULL,
        .in_reply_to = n > 1 ? f[1] : NULL,
        .references = (const char *const *)refs,
        .n_references = g_strv_length(refs),
        .sender_address = n > 4 ? f[4] : NULL,
        .date = n > 5 ? g_ascii_strtoll(f[5], NULL, 10) : 0,
    };
    pl_series_set_add(set, &m, pl_subject_parse(n > 3 ? f[3] : ""));
    g_strfreev(refs);
    g_strfreev(f);
  }
  pl_series_set_group(set);
  pl_series_set_find_replies(set, PL_SERIES_NEED_TRAILERS);

  const GPtrArray *list = pl_series_set_list(set);
  size_t members = 0;
  for (guint i = 0; i < list->len; i++) {
    struct pl_series *s = list->pdata[i];
    FUZZ_CHECK(s->index == i);
    FUZZ_CHECK(s->received_count + s->n_missing == s->expected);
    FUZZ_CHECK(s->missing->len <= PL_SERIES_MISSING_MAX && s->missing->len <= s->n_missing);
    FUZZ_CHECK(s->complete == (s->n_missing == 0 && s->patches->len > 0));
    unsigned last = 0;
    for (guint k = 0; k < s->patches->len; k++) {
      size_t msg = g_array_index(s->patches, size_t, k);
      enum pl_series_role role;
      FUZZ_CHECK(pl_series_set_series_of(set, msg, &role) == s && role == PL_SERIES_ROLE_PATCH);
      const struct pl_subject *sub = pl_series_set_subject(set, msg);
      unsigned num = sub->counter_rule != PL_SUBJECT_COUNTER_NONE && sub->n ? sub->n : 1;
      FUZZ_CHECK(k == 0 || num > last);
      last = num;
    }
    members += s->patches->len + s->duplicates->len + (s->cover != PL_SERIES_NONE);
    size_t steps = 0;
    for (const struct pl_series *p = s->previous; p; p = p->previous)
      FUZZ_CHECK(++steps <= list->len);
    const GArray *t = pl_series_trailers(set, s);
    for (guint k = 0; k < t->len; k++) {
      const struct pl_series_trailer *e = &g_array_index(t, struct pl_series_trailer, k);
      enum pl_series_role role;
      FUZZ_CHECK(pl_series_set_series_of(set, e->patch, &role) == s);
      FUZZ_CHECK(role == PL_SERIES_ROLE_PATCH);
      FUZZ_CHECK(pl_series_set_series_of(set, e->reply, &role) == s);
      FUZZ_CHECK(role == PL_SERIES_ROLE_REPLY);
    }
    unsigned identical;
    FUZZ_CHECK(strcmp(pl_series_kind_name(pl_series_kind(set, s, &identical)), "?") != 0);
    FUZZ_CHECK(identical <= s->patches->len);
  }
  FUZZ_CHECK(members <= pl_series_set_count_messages(set));

  pl_series_set_free(set);
  g_ptr_array_unref(lines);
  g_strfreev(split);
  g_free(input);
  return 0;
}
