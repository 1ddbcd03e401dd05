#include "series_impl.h"

static const char *keep(struct pl_series_set *set, const char *s)
{
  return s ? g_string_chunk_insert(set->strings, s) : NULL;
}

struct pl_series_set *pl_series_set_new(const struct pl_series_options *opt)
{
  struct pl_series_set *set = g_new0(struct pl_series_set, 1);
  if (opt)
    set->opt = *opt;
  if (set->opt.window <= 0)
    set->opt.window = PL_SERIES_WINDOW_DEFAULT;
  set->msgs = g_array_new(FALSE, TRUE, sizeof(struct series_msg));
  set->strings = g_string_chunk_new(1 << 16);
  set->by_id = g_hash_table_new(g_str_hash, g_str_equal);
  set->series = g_ptr_array_new();
  return set;
}

static void text_clear(struct pl_series_text *t)
{
  g_free(t->author_name);
  g_free(t->author_address);
  g_free(t->change_id);
  g_free(t->supersedes);
  g_free(t->patch_id);
  if (t->trailers)
    g_ptr_array_unref(t->trailers);
  g_free(t->message_id);
  g_free(t->in_reply_to);
  if (t->references)
    g_ptr_array_unref(t->references);
  memset(t, 0, sizeof *t);
}

static void series_free(struct series_impl *s)
{
  g_array_unref(s->pub.patches);
  g_array_unref(s->pub.duplicates);
  g_array_unref(s->pub.missing);
  g_array_unref(s->pub.replies);
  g_ptr_array_unref(s->pub.newer);
  if (s->members)
    g_array_unref(s->members);
  if (s->held)
    g_hash_table_unref(s->held);
  if (s->trailers)
    g_array_unref(s->trailers);
  g_free(s->branch);
  g_free(s);
}

void pl_series_set_free(struct pl_series_set *set)
{
  if (!set)
    return;
  for (guint i = 0; i < set->series->len; i++)
    series_free(set->series->pdata[i]);
  g_ptr_array_unref(set->series);
  for (guint i = 0; i < set->msgs->len; i++) {
    struct series_msg *m = at(set, i);
    g_free(m->refs);
    pl_subject_free(m->subject);
    text_clear(&m->text);
  }
  g_array_unref(set->msgs);
  g_hash_table_unref(set->by_id);
  g_string_chunk_free(set->strings);
  g_free(set);
}

static void set_ids(struct pl_series_set *set, struct series_msg *m, const char *id,
                    const char *irt,
                    const char *const *refs, size_t n_refs)
{
  m->ids_known = 1;
  m->id = id && *id ? keep(set, id) : NULL;
  m->irt = irt && *irt ? keep(set, irt) : NULL;
  if (n_refs) {
    m->refs = g_new(const char *, n_refs);
    for (size_t i = 0; i < n_refs; i++)
      if (refs[i] && *refs[i])
        m->refs[m->n_refs++] = keep(set, refs[i]);
  }
}

size_t pl_series_set_add(struct pl_series_set *set, const struct pl_series_message *in,
                         struct pl_subject *subject)
{
  g_return_val_if_fail(!set->grouped, PL_SERIES_NONE);
  struct series_msg m = {0};
  if (!in->ids_later)
    set_ids(set, &m, in->message_id, in->in_reply_to, in->references, in->n_references);
  m.subject = subject ? subject : pl_subject_parse("");
  m.sender_name = keep(set, in->sender_name);
  m.sender_address = keep(set, in->sender_address);
  m.date = in->date;
  m.received = in->received;
  m.link = m.root = m.answers = PL_SERIES_NONE;
  m.first_follower = m.next_follower = PL_SERIES_NONE;
  m.canonical = set->msgs->len;
  g_array_append_val(set->msgs, m);
  return set->msgs->len - 1;
}

size_t pl_series_set_count_messages(const struct pl_series_set *set)
{
  return set->msgs->len;
}

const struct pl_subject *pl_series_set_subject(const struct pl_series_set *set, size_t msg)
{
  return msg < set->msgs->len ? at(set, msg)->subject : NULL;
}

/* The canonical message of an id, or PL_SERIES_NONE. */
size_t pl_series_resolve(const struct pl_series_set *set, const char *id)
{
  if (!id)
    return PL_SERIES_NONE;
  gpointer v = g_hash_table_lookup(set->by_id, id);
  return v ? GPOINTER_TO_SIZE(v) - 1 : PL_SERIES_NONE;
}

/* The k-th id a message points at, nearest first: In-Reply-To, then the
 * References from the last one back. NULL past the end. */
const char *pl_series_ref_at(const struct series_msg *m, size_t k)
{
  if (m->irt) {
    if (k == 0)
      return m->irt;
    k--;
  }
  return k < m->n_refs ? m->refs[m->n_refs - 1 - k] : NULL;
}

/* The nearest loaded ancestor of message i, skipping itself (a message
 * may name its own id). */
static size_t nearest(const struct pl_series_set *set, size_t i)
{
  const struct series_msg *m = at(set, i);
  const char *id;
  for (size_t k = 0; (id = pl_series_ref_at(m, k)); k++) {
    size_t a = pl_series_resolve(set, id);
    if (a != PL_SERIES_NONE && a != i)
      return a;
  }
  return PL_SERIES_NONE;
}

/* Asks the callback, in one call, for what of needs (enum pl_series_need
 * bits) is not known yet about message i, and keeps the answers. */
struct pl_series_text *pl_series_ask(struct pl_series_set *set, size_t i, unsigned needs)
{
  struct series_msg *m = at(set, i);
  if (m->ids_known)
    m->have |= PL_SERIES_NEED_IDS;
  unsigned missing = needs & ~m->have;
  if (!missing)
    return &m->text;
  m->have |= missing;
  struct pl_series_text t = {0};
  if (set->opt.need)
    set->opt.need(set->opt.need_data, i, missing, &t);
  struct pl_series_text *dst = &m->text;
#define TAKE(f)                                                                                  \
  if (!dst->f) {                                                                                 \
    dst->f = t.f;                                                                                \
    t.f = NULL;                                                                                  \
  }
  if (missing & PL_SERIES_NEED_PATCH) {
    dst->has_diff = t.has_diff;
    TAKE(author_name)
    TAKE(author_address)
    TAKE(change_id)
    TAKE(supersedes)
    TAKE(patch_id)
  }
  if (missing & PL_SERIES_NEED_TRAILERS)
    TAKE(trailers)
#undef TAKE
  if (missing & PL_SERIES_NEED_IDS)
    set_ids(set, m, t.message_id, t.in_reply_to,
            t.references ? (const char *const *)t.references->pdata : NULL,
            t.references ? t.references->len : 0);
  text_clear(&t);
  return dst;
}

struct pl_series_text *pl_series_text_of(struct pl_series_set *set, size_t i,
                                      enum pl_series_need need)
{
  return pl_series_ask(set, i, need);
}

/* Indexes the ids known by now, each by its first-archived copy: messages
 * are added newest first, so the one added last. A copy whose ids become
 * known after the id was indexed loses to the indexed one. */
static void index_ids(struct pl_series_set *set)
{
  for (size_t i = set->msgs->len; i-- > 0;) {
    struct series_msg *m = at(set, i);
    if (!m->id || m->canonical != i || pl_series_resolve(set, m->id) == i)
      continue;
    size_t c = pl_series_resolve(set, m->id);
    if (c == PL_SERIES_NONE)
      g_hash_table_insert(set->by_id, (gpointer)m->id, GSIZE_TO_POINTER(i + 1));
    else
      m->canonical = c;
  }
}

const struct pl_series_text *pl_series_set_text(struct pl_series_set *set, size_t msg)
{
  return msg < set->msgs->len ? pl_series_text_of(set, msg, PL_SERIES_NEED_PATCH) : NULL;
}

/* May numbered patch p (message number pi) follow loaded message a
 * (number ai) into a series? A patch of the same number answered by a
 * second copy from the same sender is followed too (the copy becomes a
 * duplicate), but only towards the older copy: links then always go down in (number claimed,
 * newness), so they can never loop. */
static int compatible(const struct series_msg *p, size_t pi, const struct series_msg *a, size_t ai)
{
  const struct pl_subject *ps = p->subject, *as = a->subject;
  if (a->naked)
    return as->version_rule == PL_SUBJECT_VERSION_DEFAULT || as->version == ps->version;
  if (!as->is_patch_like || !has_counter(a))
    return 0;
  /* A patch that gives no version takes its cover's ("[PATCH v4 00/55]"
   * answered by "[PATCH 01/55]"...: linux-hyperv 4184a3666). */
  int same_version = (as->version == ps->version && as->subversion == ps->subversion) ||
                     (is_cover(a) && ps->version_rule == PL_SUBJECT_VERSION_DEFAULT);
  if (!same_version || as->total != ps->total || as->is_resend != ps->is_resend)
    return 0;
  return is_cover(a) || (as->n >= 1 && as->n < ps->n) ||
         (as->n == ps->n && ai > pi && same_address(a->sender_address, p->sender_address));
}

static struct series_impl *series_new(struct pl_series_set *set, size_t head)
{
  struct series_impl *s = g_new0(struct series_impl, 1);
  s->pub.head = head;
  s->pub.cover = PL_SERIES_NONE;
  s->pub.patches = g_array_new(FALSE, FALSE, sizeof(size_t));
  s->pub.duplicates = g_array_new(FALSE, FALSE, sizeof(size_t));
  s->pub.missing = g_array_new(FALSE, FALSE, sizeof(unsigned));
  s->pub.replies = g_array_new(FALSE, FALSE, sizeof(size_t));
  s->pub.newer = g_ptr_array_new();
  s->members = g_array_new(FALSE, FALSE, sizeof(size_t));
  s->held = g_hash_table_new(g_direct_hash, g_direct_equal);
  s->first_time = INT64_MAX;
  s->last_time = INT64_MIN;
  g_ptr_array_add(set->series, s);
  return s;
}

static void note_time(struct series_impl *s, const struct series_msg *m)
{
  int64_t t = time_of(m);
  if (t < s->first_time)
    s->first_time = t;
  if (t > s->last_time)
    s->last_time = t;
}

static void add_member(struct pl_series_set *set, struct series_impl *s, size_t i)
{
  struct series_msg *m = at(set, i);
  m->series = s;
  note_time(s, m);
  if (is_cover(m) || m->naked) {
    m->role = PL_SERIES_ROLE_COVER;
    s->pub.cover = i;
    return;
  }
  g_array_append_val(s->members, i);
  g_hash_table_add(s->held, GUINT_TO_POINTER(number_of(m)));
}

/* Adds a root and every message whose chain of links ends at it. */
static void add_with_followers(struct pl_series_set *set, struct series_impl *s, size_t root)
{
  add_member(set, s, root);
  for (size_t f = at(set, root)->first_follower; f != PL_SERIES_NONE; f = at(set, f)->next_follower)
    add_member(set, s, f);
}

static char *window_key(const struct series_msg *m, unsigned version, unsigned total)
{
  char *addr = strdown(m->sender_address);
  char *key = g_strdup_printf("%s\x1f%u.%u\x1f%u\x1f%d", addr, version, m->subject->subversion,
                              total, m->subject->is_resend);
  g_free(addr);
  return key;
}

static void index_window(GHashTable *windows, const struct series_msg *m, unsigned version,
                         unsigned total, struct series_impl *s)
{
  char *key = window_key(m, version, total);
  GPtrArray *list = g_hash_table_lookup(windows, key);
  if (!list) {
    list = g_ptr_array_new();
    g_hash_table_insert(windows, key, list);
  } else {
    g_free(key);
  }
  g_ptr_array_add(list, s);
}

/* The series of the same sender, version and total nearest in time
 * (within the window) that does not hold p's number yet. */
static struct series_impl *window_match(struct pl_series_set *set, GHashTable *windows,
                                        const struct series_msg *p)
{
  char *key = window_key(p, p->subject->version, p->subject->total);
  GPtrArray *list = g_hash_table_lookup(windows, key);
  g_free(key);
  struct series_impl *best = NULL;
  int64_t best_gap = 0, t = time_of(p);
  for (guint i = 0; list && i < list->len; i++) {
    struct series_impl *s = list->pdata[i];
    if (g_hash_table_contains(s->held, GUINT_TO_POINTER(number_of(p))))
      continue;
    int64_t gap = t < s->first_time ? s->first_time - t : t > s->last_time ? t - s->last_time : 0;
    if (gap <= set->opt.window && (!best || gap < best_gap)) {
      best = s;
      best_gap = gap;
    }
  }
  return best;
}

/* Chronological: by time, then older in the archive (a larger number) first. */
static int cmp_chrono(const void *a, const void *b, void *data)
{
  const struct pl_series_set *set = data;
  size_t i = *(const size_t *)a, j = *(const size_t *)b;
  const struct series_msg *x = at(set, i), *y = at(set, j);
  int64_t tx = time_of(x), ty = time_of(y);
  if (tx != ty)
    return tx < ty ? -1 : 1;
  return i > j ? -1 : i < j ? 1 : 0;
}

/* Members by number, then chronologically. */
static int cmp_number(const void *a, const void *b, void *data)
{
  const struct pl_series_set *set = data;
  unsigned x = number_of(at(set, *(const size_t *)a)), y = number_of(at(set, *(const size_t *)b));
  if (x != y)
    return x < y ? -1 : 1;
  return cmp_chrono(a, b, data);
}

static void find_naked_covers(struct pl_series_set *set)
{
  size_t n = set->msgs->len;
  for (size_t i = 0; i < n; i++) {
    struct series_msg *p = at(set, i);
    if (p->canonical != i || !is_numbered(p))
      continue;
    size_t c = nearest(set, i);
    if (c == PL_SERIES_NONE)
      continue;
    struct series_msg *cm = at(set, c);
    if (cm->naked || cm->subject->is_reply || has_counter(cm))
      continue;
    /* A message without counter that numbered patches answer: a cover
     * letter when it holds no diff, else a patch they follow up on. */
    if (!pl_series_text_of(set, c, PL_SERIES_NEED_PATCH)->has_diff)
      at(set, c)->naked = 1;
  }
}

/* The end of a message's chain of links; the chain's messages remember
 * it, so long chains (each patch answering the one before) stay linear. */
static size_t root_of(struct pl_series_set *set, size_t i)
{
  size_t r = i;
  while (at(set, r)->link != PL_SERIES_NONE) {
    if (at(set, r)->root != PL_SERIES_NONE) {
      r = at(set, r)->root;
      break;
    }
    r = at(set, r)->link;
  }
  for (size_t j = i; at(set, j)->link != PL_SERIES_NONE && at(set, j)->root == PL_SERIES_NONE;
       j = at(set, j)->link)
    at(set, j)->root = r;
  return r;
}

static void find_links(struct pl_series_set *set)
{
  size_t n = set->msgs->len;
  for (size_t i = 0; i < n; i++) {
    struct series_msg *p = at(set, i);
    if (p->canonical != i || !is_numbered(p))
      continue;
    const char *id;
    for (size_t k = 0; (id = pl_series_ref_at(p, k)); k++) {
      size_t a = pl_series_resolve(set, id);
      if (a == PL_SERIES_NONE || a == i)
        continue;
      if (compatible(p, i, at(set, a), a)) {
        p->link = a;
        break;
      }
    }
  }
  /* Links go to a lower number, an older copy or a cover: no loops. */
  for (size_t i = 0; i < n; i++) {
    if (at(set, i)->link == PL_SERIES_NONE)
      continue;
    size_t r = root_of(set, i);
    at(set, i)->next_follower = at(set, r)->first_follower;
    at(set, r)->first_follower = i;
  }
}

/* Whether every id a message names is outside the loaded range (and it
 * names at least one); *outside gets the nearest. */
static int all_outside(const struct pl_series_set *set, size_t i, const char **outside)
{
  const struct series_msg *m = at(set, i);
  const char *id;
  *outside = NULL;
  for (size_t k = 0; (id = pl_series_ref_at(m, k)); k++) {
    size_t a = pl_series_resolve(set, id);
    if (a == i)
      continue;
    if (a != PL_SERIES_NONE)
      return 0;
    if (!*outside)
      *outside = id;
  }
  return *outside != NULL;
}

static void form_series(struct pl_series_set *set)
{
  size_t n = set->msgs->len;
  GHashTable *windows =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
  GHashTable *outside =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

  /* Heads: covers, naked covers, single patches. */
  for (size_t i = n; i-- > 0;) {
    struct series_msg *m = at(set, i);
    if (m->canonical != i || !(is_cover(m) || m->naked || is_single(m)))
      continue;
    struct series_impl *s = series_new(set, i);
    add_with_followers(set, s, i);
    unsigned version = m->subject->version, total = m->subject->total;
    if (m->naked) {
      /* A naked cover seldom says its version or count: its patches do. */
      size_t first = m->first_follower;
      if (first != PL_SERIES_NONE) {
        if (m->subject->version_rule == PL_SUBJECT_VERSION_DEFAULT)
          version = at(set, first)->subject->version;
        total = at(set, first)->subject->total;
      }
    }
    index_window(windows, m, version, total, s);
  }

  /* Numbered patches that follow no loaded cover or earlier patch, oldest
   * first: by the message outside the range they answer, else by sender,
   * version and total within the window, else a series of their own. */
  GArray *loose = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t i = 0; i < n; i++) {
    struct series_msg *m = at(set, i);
    if (m->canonical == i && is_numbered(m) && m->link == PL_SERIES_NONE)
      g_array_append_val(loose, i);
  }
  g_array_sort_with_data(loose, cmp_chrono, set);
  for (guint k = 0; k < loose->len; k++) {
    size_t i = g_array_index(loose, size_t, k);
    struct series_msg *m = at(set, i);
    const char *out_id;
    int threaded_out = all_outside(set, i, &out_id);
    char *okey = NULL;
    struct series_impl *s = NULL;
    if (threaded_out) {
      okey = g_strdup_printf("%s\x1f%u.%u\x1f%u\x1f%d", out_id, m->subject->version,
                             m->subject->subversion, m->subject->total, m->subject->is_resend);
      s = g_hash_table_lookup(outside, okey);
    }
    if (!s) {
      s = window_match(set, windows, m);
      if (s)
        s->pub.by_window = 1;
    }
    if (!s) {
      s = series_new(set, i);
      if (threaded_out) {
        s->pub.cover_kind = PL_SERIES_COVER_OUTSIDE;
        s->pub.outside_id = out_id;
      }
      index_window(windows, m, m->subject->version, m->subject->total, s);
    }
    if (okey && !g_hash_table_contains(outside, okey))
      g_hash_table_insert(outside, okey, s);
    else
      g_free(okey);
    add_with_followers(set, s, i);
  }
  g_array_unref(loose);
  g_hash_table_unref(outside);
  g_hash_table_unref(windows);

  /* Further copies of a member's Message-ID. */
  for (size_t i = 0; i < n; i++) {
    struct series_msg *m = at(set, i);
    if (m->canonical == i)
      continue;
    struct series_msg *c = at(set, m->canonical);
    if (!c->series)
      continue;
    m->series = c->series;
    m->role = PL_SERIES_ROLE_DUPLICATE;
    g_array_append_val(c->series->pub.duplicates, i);
  }
}

static void finish_series(struct pl_series_set *set, struct series_impl *s)
{
  struct pl_series *pub = &s->pub;
  g_array_sort_with_data(s->members, cmp_number, set);
  unsigned last = 0;
  for (guint k = 0; k < s->members->len; k++) {
    size_t i = g_array_index(s->members, size_t, k);
    struct series_msg *m = at(set, i);
    unsigned num = number_of(m);
    if (pub->patches->len && num == last) {
      m->role = PL_SERIES_ROLE_DUPLICATE;
      g_array_append_val(pub->duplicates, i);
    } else {
      m->role = PL_SERIES_ROLE_PATCH;
      g_array_append_val(pub->patches, i);
    }
    last = num;
  }
  g_array_sort_with_data(pub->duplicates, cmp_chrono, set);
  g_array_unref(s->members);
  s->members = NULL;
  g_hash_table_unref(s->held);
  s->held = NULL;

  if (pub->cover != PL_SERIES_NONE) {
    pub->head = pub->cover;
    pub->cover_kind = at(set, pub->cover)->naked ? PL_SERIES_COVER_NAKED : PL_SERIES_COVER_COUNTER;
  } else if (pub->patches->len) {
    pub->head = g_array_index(pub->patches, size_t, 0);
  }
  const struct series_msg *h = at(set, pub->head);
  const struct series_msg *first =
      pub->patches->len ? at(set, g_array_index(pub->patches, size_t, 0)) : h;
  pub->title = h->subject->title;
  pub->version = h->subject->version;
  pub->subversion = h->subject->subversion;
  pub->total = h->subject->total;
  if (h->naked) {
    if (h->subject->version_rule == PL_SUBJECT_VERSION_DEFAULT) {
      pub->version = first->subject->version;
      pub->subversion = first->subject->subversion;
    }
    pub->total = first->subject->total;
  }
  s->branch = pl_series_branch(h->subject);
  pub->is_rfc = h->subject->is_rfc;
  pub->is_resend = h->subject->is_resend;
  pub->sender_name = h->sender_name;
  pub->sender_address = h->sender_address;
  pub->date = h->date;
  pub->received = h->received;

  pub->expected = pub->total ? pub->total : 1;
  /* Missing numbers from the gaps between the numbers held: never an
   * array of the size a subject claims. */
  unsigned next = 1;
  for (guint k = 0; k < pub->patches->len; k++) {
    unsigned num = number_of(at(set, g_array_index(pub->patches, size_t, k)));
    if (num > pub->expected) {
      pub->extra++;
      continue;
    }
    pub->received_count++;
    for (unsigned x = next; x < num; x++) {
      if (pub->missing->len < PL_SERIES_MISSING_MAX)
        g_array_append_val(pub->missing, x);
    }
    pub->n_missing += num - next;
    next = num + 1;
  }
  if (next <= pub->expected) {
    for (unsigned x = next; x <= pub->expected && pub->missing->len < PL_SERIES_MISSING_MAX; x++)
      g_array_append_val(pub->missing, x);
    pub->n_missing += pub->expected - next + 1;
  }
  pub->missing_truncated = pub->n_missing > pub->missing->len;
  pub->complete = pub->n_missing == 0 && pub->patches->len > 0;
}

/* The member a message answers: the first member among the ids it names,
 * else what its nearest loaded ancestor answers. Iterative, and a loop of
 * references answers nothing. */
static void find_answers(struct pl_series_set *set)
{
  size_t n = set->msgs->len;
  GArray *stack = g_array_new(FALSE, FALSE, sizeof(size_t));
  for (size_t start = 0; start < n; start++) {
    if (at(set, start)->visit || is_member(at(set, start)))
      continue;
    g_array_append_val(stack, start);
    while (stack->len) {
      size_t i = g_array_index(stack, size_t, stack->len - 1);
      struct series_msg *m = at(set, i);
      if (m->visit == 2) {
        g_array_set_size(stack, stack->len - 1);
        continue;
      }
      size_t found = PL_SERIES_NONE, parent = PL_SERIES_NONE;
      const char *id;
      for (size_t k = 0; (id = pl_series_ref_at(m, k)); k++) {
        size_t a = pl_series_resolve(set, id);
        if (a == PL_SERIES_NONE || a == i)
          continue;
        if (parent == PL_SERIES_NONE)
          parent = a;
        if (is_member(at(set, a))) {
          found = a;
          break;
        }
      }
      if (found == PL_SERIES_NONE && parent != PL_SERIES_NONE) {
        struct series_msg *pm = at(set, parent);
        if (pm->visit == 0) {
          m->visit = 1;
          g_array_append_val(stack, parent);
          continue;
        }
        /* Done: take its answer; in progress: a loop, no answer. */
        if (pm->visit == 2)
          found = pm->answers;
      }
      m->answers = found;
      m->visit = 2;
      g_array_set_size(stack, stack->len - 1);
    }
  }
  g_array_unref(stack);
  for (size_t i = 0; i < n; i++) {
    struct series_msg *m = at(set, i);
    if (is_member(m) || m->answers == PL_SERIES_NONE)
      continue;
    m->role = PL_SERIES_ROLE_REPLY;
    m->series = at(set, m->answers)->series;
    g_array_append_val(m->series->pub.replies, i);
  }
}

static int cmp_head(const void *a, const void *b)
{
  const struct pl_series *x = *(const struct pl_series *const *)a;
  const struct pl_series *y = *(const struct pl_series *const *)b;
  return x->head < y->head ? -1 : x->head > y->head ? 1 : 0;
}

void pl_series_set_group(struct pl_series_set *set)
{
  if (set->grouped)
    return;
  set->grouped = 1;
  /* Replies never join a series nor make a cover: their ids can wait.
   * Covers and single patches head their series: their texts are asked
   * for with their ids, so that a caller reads each once. */
  for (size_t i = 0; i < set->msgs->len; i++) {
    const struct series_msg *m = at(set, i);
    if (!m->subject->is_reply)
      pl_series_ask(set, i,
                    PL_SERIES_NEED_IDS | (is_cover(m) || is_single(m) ? PL_SERIES_NEED_PATCH : 0));
  }
  index_ids(set);
  find_naked_covers(set);
  find_links(set);
  form_series(set);
  for (guint i = 0; i < set->series->len; i++)
    finish_series(set, set->series->pdata[i]);
  g_ptr_array_sort(set->series, cmp_head);
  for (guint i = 0; i < set->series->len; i++) {
    struct pl_series *s = set->series->pdata[i];
    s->index = i;
    const struct pl_series_text *t = pl_series_text_of(set, s->head, PL_SERIES_NEED_PATCH);
    s->author_name = t->author_address ? t->author_name : s->sender_name;
    s->author_address = t->author_address ? t->author_address : s->sender_address;
    s->change_id = t->change_id;
    s->supersedes = t->supersedes;
  }
  pl_series_link_versions(set);
}

void pl_series_set_find_replies(struct pl_series_set *set, unsigned also)
{
  if (!set->grouped || set->replies_found)
    return;
  set->replies_found = 1;
  also &= PL_SERIES_NEED_PATCH | PL_SERIES_NEED_TRAILERS;
  for (size_t i = 0; i < set->msgs->len; i++)
    pl_series_ask(set, i, PL_SERIES_NEED_IDS | (at(set, i)->subject->is_reply ? also : 0));
  index_ids(set);
  find_answers(set);
  for (guint i = 0; i < set->series->len; i++) {
    struct series_impl *s = set->series->pdata[i];
    g_array_sort_with_data(s->pub.replies, cmp_chrono, set);
  }
}

const GPtrArray *pl_series_set_list(const struct pl_series_set *set)
{
  return set->series;
}

struct pl_series *pl_series_set_series_of(const struct pl_series_set *set, size_t msg,
                                          enum pl_series_role *role)
{
  const struct series_msg *m = msg < set->msgs->len ? at(set, msg) : NULL;
  if (role)
    *role = m ? m->role : PL_SERIES_ROLE_NONE;
  return m && m->series ? &m->series->pub : NULL;
}

size_t pl_series_set_answers(const struct pl_series_set *set, size_t msg)
{
  if (msg >= set->msgs->len || at(set, msg)->role != PL_SERIES_ROLE_REPLY)
    return PL_SERIES_NONE;
  return at(set, msg)->answers;
}

const char *pl_series_cover_kind_name(enum pl_series_cover_kind kind)
{
  static const char *const names[] = {"none", "counter", "naked", "outside"};
  return (unsigned)kind < G_N_ELEMENTS(names) ? names[kind] : "?";
}

const char *pl_series_link_name(enum pl_series_link link)
{
  static const char *const names[] = {"none", "change-id", "supersedes", "reply", "title"};
  return (unsigned)link < G_N_ELEMENTS(names) ? names[link] : "?";
}

const char *pl_series_kind_name(enum pl_series_kind kind)
{
  static const char *const names[] = {"first", "resend", "identical", "new-version"};
  return (unsigned)kind < G_N_ELEMENTS(names) ? names[kind] : "?";
}

const char *pl_series_role_name(enum pl_series_role role)
{
  static const char *const names[] = {"none", "cover", "patch", "duplicate", "reply"};
  return (unsigned)role < G_N_ELEMENTS(names) ? names[role] : "?";
}
