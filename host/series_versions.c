/* Version chains: which loaded series is an earlier version of which, and
 * why (change-id, Supersedes, a reply, the same title and author); and
 * what a resubmission is against its previous version. */
#include "series_impl.h"

/* Is e an earlier version than s? A total order: version, subversion,
 * date, then older in the archive; so links never loop. */
static int earlier(const struct pl_series *e, const struct pl_series *s)
{
  if (e == s)
    return 0;
  if (e->version != s->version)
    return e->version < s->version;
  if (e->subversion != s->subversion)
    return e->subversion < s->subversion;
  if (e->date != s->date)
    return e->date < s->date;
  return e->head > s->head;
}

static char *norm_title(const char *title)
{
  GString *out = g_string_new(NULL);
  int space = 0;
  for (const char *p = title ? title : ""; *p; p++) {
    if (g_ascii_isspace(*p)) {
      space = out->len > 0;
      continue;
    }
    if (space)
      g_string_append_c(out, ' ');
    space = 0;
    g_string_append_c(out, g_ascii_tolower(*p));
  }
  return g_string_free(out, FALSE);
}

/* The Message-ID a Supersedes line names: brackets and white space off. */
static char *supersedes_id(const char *value)
{
  const char *lt = strchr(value, '<'), *gt = lt ? strchr(lt, '>') : NULL;
  char *id = lt && gt ? g_strndup(lt + 1, (size_t)(gt - lt - 1)) : g_strdup(value);
  return g_strstrip(id);
}

static void add_candidate(GHashTable *index, char *key, struct pl_series *s)
{
  GPtrArray *list = g_hash_table_lookup(index, key);
  if (!list) {
    list = g_ptr_array_new();
    g_hash_table_insert(index, key, list);
  } else {
    g_free(key);
  }
  g_ptr_array_add(list, s);
}

/* The latest of the candidates under key earlier than s. */
static struct pl_series *latest_earlier(GHashTable *index, const char *key, struct pl_series *s)
{
  GPtrArray *list = key ? g_hash_table_lookup(index, key) : NULL;
  struct pl_series *best = NULL;
  for (guint i = 0; list && i < list->len; i++) {
    struct pl_series *e = list->pdata[i];
    if (earlier(e, s) && (!best || earlier(best, e)))
      best = e;
  }
  return best;
}

/* The tags that name a stable branch: "4.19", "5.15.y", "AUTOSEL". The
 * same patch backported to several branches is no new version of itself. */
char *pl_series_branch(const struct pl_subject *sub)
{
  GString *out = g_string_new(NULL);
  for (guint i = 0; i < sub->tags->len; i++) {
    const char *t = sub->tags->pdata[i];
    if (g_ascii_isdigit(t[0]) || g_ascii_strcasecmp(t, "AUTOSEL") == 0 ||
        g_ascii_strcasecmp(t, "stable") == 0) {
      char *low = g_ascii_strdown(t, -1);
      g_string_append_printf(out, "%s%s", out->len ? " " : "", low);
      g_free(low);
    }
  }
  return g_string_free(out, FALSE);
}

static int same_branch(const struct pl_series *a, const struct pl_series *b)
{
  return strcmp(impl((struct pl_series *)a)->branch, impl((struct pl_series *)b)->branch) == 0;
}

static char *title_key(const struct pl_series *s)
{
  char *t = norm_title(s->title);
  if (!*t) {
    g_free(t);
    return NULL;
  }
  char *a = strdown(s->author_address);
  char *key = g_strconcat(t, "\x1f", a, "\x1f", impl((struct pl_series *)s)->branch, NULL);
  g_free(t);
  g_free(a);
  return key;
}

void pl_series_link_versions(struct pl_series_set *set)
{
  GHashTable *by_change = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify)g_ptr_array_unref);
  GHashTable *by_title = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < set->series->len; i++) {
    struct pl_series *s = set->series->pdata[i];
    if (s->change_id)
      add_candidate(by_change, g_strdup(s->change_id), s);
    char *key = title_key(s);
    if (key)
      add_candidate(by_title, key, s);
  }
  for (guint i = 0; i < set->series->len; i++) {
    struct pl_series *s = set->series->pdata[i];
    struct pl_series *e = NULL;
    enum pl_series_link why = PL_SERIES_LINK_NONE;
    if (s->change_id && (e = latest_earlier(by_change, s->change_id, s)))
      why = PL_SERIES_LINK_CHANGE_ID;
    if (!e && s->supersedes) {
      char *id = supersedes_id(s->supersedes);
      size_t m = pl_series_resolve(set, id);
      g_free(id);
      if (m != PL_SERIES_NONE && is_member(at(set, m)) && earlier(&at(set, m)->series->pub, s)) {
        e = &at(set, m)->series->pub;
        why = PL_SERIES_LINK_SUPERSEDES;
      }
    }
    if (!e) {
      const struct series_msg *h = at(set, s->head);
      const char *id;
      for (size_t k = 0; (id = pl_series_ref_at(h, k)); k++) {
        size_t a = pl_series_resolve(set, id);
        if (a == PL_SERIES_NONE || a == s->head || !is_member(at(set, a)))
          continue;
        struct pl_series *c = &at(set, a)->series->pub;
        if (c != s && earlier(c, s) && same_branch(c, s) &&
            (same_address(c->sender_address, s->sender_address) ||
             same_address(c->author_address, s->author_address))) {
          e = c;
          why = PL_SERIES_LINK_REPLY;
          break;
        }
      }
    }
    if (!e) {
      char *key = title_key(s);
      if ((e = latest_earlier(by_title, key, s)))
        why = PL_SERIES_LINK_TITLE;
      g_free(key);
    }
    if (e) {
      s->previous = e;
      s->link = why;
      g_ptr_array_add(e->newer, s);
    }
  }
  g_hash_table_unref(by_change);
  g_hash_table_unref(by_title);
}

enum pl_series_kind pl_series_kind(struct pl_series_set *set, struct pl_series *series,
                                   unsigned *identical)
{
  struct series_impl *s = impl(series);
  if (!s->kind_done) {
    s->kind_done = 1;
    struct pl_series *e = series->previous;
    if (!e) {
      s->kind = PL_SERIES_KIND_FIRST;
    } else {
      GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
      for (guint i = 0; i < e->patches->len; i++) {
        size_t p = g_array_index(e->patches, size_t, i);
        const char *id = pl_series_text_of(set, p, PL_SERIES_NEED_PATCH)->patch_id;
        if (id)
          g_hash_table_add(ids, (gpointer)id);
      }
      for (guint i = 0; i < series->patches->len; i++) {
        size_t p = g_array_index(series->patches, size_t, i);
        const char *id = pl_series_text_of(set, p, PL_SERIES_NEED_PATCH)->patch_id;
        if (id && g_hash_table_contains(ids, id))
          s->identical++;
      }
      g_hash_table_unref(ids);
      if (series->is_resend)
        s->kind = PL_SERIES_KIND_RESEND;
      else if (s->identical && s->identical == series->patches->len &&
               series->patches->len == e->patches->len)
        s->kind = PL_SERIES_KIND_IDENTICAL;
      else
        s->kind = PL_SERIES_KIND_NEW_VERSION;
    }
  }
  if (identical)
    *identical = s->identical;
  return s->kind;
}
