/* inbox:load(range) and what it gives: a set of the range's messages
 * grouped into series (host/series.h). The set pins its messages; each
 * series pins the set; the series fields of messages and patches come
 * from the set that loaded them. */
#include <glib.h>
#include <string.h>

#include "bindings.h"
#include "l_class.h"
#include "l_person.h"
#include "series.h"
#include "subject.h"

#define PL_SET "patchlore.set"
#define PL_SERIES "patchlore.series"

struct l_set {
  struct pl_series_set *core;
  GPtrArray *msgs; /* struct l_message *, by number; pinned by the set's `messages` */
  int replies_cached; /* the replies' message.series are cached */
};

/* The key, in a message's cache, of the set that loaded it (for the
 * messages whose series is known only once replies are found). */
static const char set_key = 0;

struct l_series {
  struct l_set *set; /* pinned: the object's parent */
  struct pl_series *s;
};

/* Drops the parse a message did not have before, to keep a whole
 * archive's load small; it is read again when a script asks. Not for a
 * message found damaged or unreadable: its report must not repeat. */
static void release(struct l_message *msg, int had_mail, int had_patch)
{
  if (msg->damaged || msg->unreadable)
    return;
  if (!had_patch && msg->patch) {
    pl_patch_free(msg->patch);
    msg->patch = NULL;
  }
  if (!had_mail && !msg->patch && msg->mail) {
    pl_mail_free(msg->mail);
    msg->mail = NULL;
  }
}

/* The core's callback: what only a message's text says. */
static void set_need(void *data, size_t num, unsigned needs, struct pl_series_text *out)
{
  struct l_set *set = data;
  struct l_message *msg = set->msgs->pdata[num];
  int had_mail = msg->mail != NULL, had_patch = msg->patch != NULL;
  if (needs & PL_SERIES_NEED_IDS) {
    struct pl_mail *mail = pl_l_message_mail(msg);
    const GPtrArray *irt = pl_mail_in_reply_to(mail), *refs = pl_mail_references(mail);
    out->message_id = g_strdup(pl_mail_message_id(mail));
    out->in_reply_to = irt->len ? g_strdup(irt->pdata[0]) : NULL;
    out->references = g_ptr_array_new_full(refs->len, g_free);
    for (guint i = 0; i < refs->len; i++)
      g_ptr_array_add(out->references, g_strdup(refs->pdata[i]));
  }
  if (needs & PL_SERIES_NEED_PATCH) {
    const struct pl_patch *p = pl_l_message_patch(msg);
    out->has_diff = pl_patch_has_diff(p);
    if (p->author) {
      out->author_name = g_strdup(p->author->name);
      out->author_address = g_strdup(p->author->address);
    }
    out->change_id = g_strdup(pl_patch_info(p, "change-id"));
    out->supersedes = g_strdup(pl_patch_info(p, "Supersedes"));
    out->patch_id = g_strdup(p->patch_id);
  }
  if (needs & PL_SERIES_NEED_TRAILERS) {
    size_t len;
    const char *text = pl_mail_text(pl_l_message_mail(msg), &len);
    out->trailers = pl_trailer_find_in_reply(text, len);
  }
  release(msg, had_mail, had_patch);
}

/* Gives the core one message (at idx): subject, sender and dates through
 * the message's own getters, so that they agree (for a git archive, from
 * the commit: no blob read); its ids when the core asks for them. */
static void add_message(lua_State *L, struct l_set *set, int idx)
{
  struct l_message *msg = pl_class_check(L, idx, PL_MESSAGE);
  int had_mail = msg->mail != NULL, had_patch = msg->patch != NULL;
  lua_getfield(L, idx, "from");
  const char *name = NULL, *address = NULL;
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "name");
    lua_getfield(L, -2, "address");
    name = lua_tostring(L, -2);
    address = lua_tostring(L, -1);
  }
  lua_getfield(L, idx, "date");
  int64_t date = lua_tointeger(L, -1);
  lua_getfield(L, idx, "received");
  int64_t received = lua_tointeger(L, -1);
  lua_getfield(L, idx, "subject");
  const char *subject = lua_tostring(L, -1);

  struct pl_series_message rec = {
      .ids_later = 1,
      .sender_name = name,
      .sender_address = address,
      .date = date,
      .received = received,
  };
  g_ptr_array_add(set->msgs, msg);
  pl_series_set_add(set->core, &rec, pl_subject_parse(subject));
  release(msg, had_mail, had_patch);
  lua_settop(L, idx);
}

static struct l_set *check_set(lua_State *L, int idx)
{
  return pl_class_check(L, idx, PL_SET);
}

static struct l_series *check_series(lua_State *L, int idx)
{
  return pl_class_check(L, idx, PL_SERIES);
}

/* Pushes the set's message number num. */
static void push_message(lua_State *L, int set_idx, size_t num)
{
  lua_getfield(L, set_idx, "messages");
  lua_rawgeti(L, -1, (lua_Integer)num + 1);
  lua_remove(L, -2);
}

/* Pushes the patch object of message num: its `patch` field, so the
 * same object every way it is reached. */
static void push_patch(lua_State *L, int set_idx, size_t num)
{
  push_message(L, set_idx, num);
  lua_getfield(L, -1, "patch");
  lua_remove(L, -2);
}

static void push_series_object(lua_State *L, int set_idx, const struct pl_series *s)
{
  lua_getfield(L, set_idx, "series");
  lua_rawgeti(L, -1, (lua_Integer)s->index + 1);
  lua_remove(L, -2);
}

int pl_l_load(lua_State *L, int inbox_idx, int iter_idx)
{
  inbox_idx = lua_absindex(L, inbox_idx);
  iter_idx = lua_absindex(L, iter_idx);
  /* The core set belongs to the userdata from the start, so an error
   * while reading frees it with the set. */
  struct l_set *set = pl_class_new(L, PL_SET, sizeof *set, inbox_idx);
  int set_idx = lua_gettop(L);
  set->msgs = g_ptr_array_new();
  struct pl_series_options opt = {0, set_need, set};
  set->core = pl_series_set_new(&opt);

  lua_newtable(L);
  int list = lua_gettop(L);
  lua_Integer n = 0;
  for (;;) {
    lua_pushvalue(L, iter_idx);
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      break;
    }
    add_message(L, set, lua_gettop(L));
    lua_rawseti(L, list, ++n);
  }
  lua_pushvalue(L, list);
  pl_class_cache_set(L, set_idx, "messages");
  pl_series_set_group(set->core);

  const GPtrArray *all = pl_series_set_list(set->core);
  lua_createtable(L, (int)all->len, 0);
  for (guint i = 0; i < all->len; i++) {
    struct l_series *o = pl_class_new(L, PL_SERIES, sizeof *o, set_idx);
    o->set = set;
    o->s = all->pdata[i];
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  int series_list = lua_gettop(L);
  lua_pushvalue(L, series_list);
  pl_class_cache_set(L, set_idx, "series");
  /* message.series: cached in each member, which so pins the series;
   * the others keep the set, to look for replies when asked. */
  for (size_t num = 0; num < set->msgs->len; num++) {
    const struct pl_series *s = pl_series_set_series_of(set->core, num, NULL);
    lua_rawgeti(L, list, (lua_Integer)num + 1);
    if (s) {
      lua_rawgeti(L, series_list, (lua_Integer)s->index + 1);
      pl_class_cache_set(L, -2, "series");
    } else {
      pl_class_push_cache(L, -1);
      lua_pushvalue(L, set_idx);
      lua_rawsetp(L, -2, &set_key);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_settop(L, set_idx);
  return 1;
}

/* Finds the replies (reading the ids of every message not read yet) and
 * caches each reply's message.series; once. The trailers of messages
 * that are replies by their subject are read with their ids: a script
 * that asks for replies mostly asks for trailers too, and reading the
 * text of a message already read costs less than reading it again. */
static void find_replies(lua_State *L, int set_idx)
{
  struct l_set *set = check_set(L, set_idx);
  if (set->replies_cached)
    return;
  set->replies_cached = 1;
  pl_series_set_find_replies(set->core, PL_SERIES_NEED_TRAILERS);
  for (size_t num = 0; num < set->msgs->len; num++) {
    enum pl_series_role role;
    const struct pl_series *s = pl_series_set_series_of(set->core, num, &role);
    if (role != PL_SERIES_ROLE_REPLY)
      continue;
    push_message(L, set_idx, num);
    push_series_object(L, set_idx, s);
    pl_class_cache_set(L, -2, "series");
    lua_pop(L, 1);
  }
}

/* message.series for a message that is not a member: what it is a reply
 * of, once replies are found; nil for messages not loaded with a set. */
static int message_get_series(lua_State *L)
{
  pl_class_push_cache(L, 1);
  if (lua_rawgetp(L, -1, &set_key) == LUA_TNIL)
    return 0;
  find_replies(L, lua_gettop(L));
  pl_class_push_cache(L, 1);
  lua_getfield(L, -1, "series");
  return 1;
}

static int set_gc(lua_State *L)
{
  struct l_set *set = check_set(L, 1);
  pl_series_set_free(set->core);
  set->core = NULL;
  if (set->msgs)
    g_ptr_array_unref(set->msgs);
  set->msgs = NULL;
  return 0;
}

static int set_tostring(lua_State *L)
{
  struct l_set *set = check_set(L, 1);
  if (!set->core) {
    lua_pushliteral(L, "patchlore.set (freed)");
    return 1;
  }
  lua_pushfstring(L, "patchlore.set (%d messages, %d series)", (int)set->msgs->len,
                  (int)pl_series_set_list(set->core)->len);
  return 1;
}

/* set.patches: the patch object of every patch message in a series
 * (duplicates too, covers not), newest first. */
static int set_get_patches(lua_State *L)
{
  struct l_set *set = check_set(L, 1);
  lua_newtable(L);
  lua_Integer n = 0;
  for (size_t num = 0; num < set->msgs->len; num++) {
    enum pl_series_role role;
    pl_series_set_series_of(set->core, num, &role);
    if (role != PL_SERIES_ROLE_PATCH && role != PL_SERIES_ROLE_DUPLICATE)
      continue;
    push_patch(L, 1, num);
    if (lua_isnil(L, -1)) {
      lua_pop(L, 1);
      continue;
    }
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* The series object at 1 and its set, pushed (at the returned index). */
static int series_and_set(lua_State *L, struct l_series **o)
{
  *o = check_series(L, 1);
  pl_class_push_parent(L, 1);
  return lua_gettop(L);
}

static const struct pl_series *series_of(lua_State *L)
{
  return check_series(L, 1)->s;
}

static void push_string_or_nil(lua_State *L, const char *s)
{
  if (s)
    lua_pushstring(L, s);
  else
    lua_pushnil(L);
}

static int get_title(lua_State *L)
{
  lua_pushstring(L, series_of(L)->title);
  return 1;
}

static int get_version(lua_State *L)
{
  lua_pushinteger(L, series_of(L)->version);
  return 1;
}

static int get_subversion(lua_State *L)
{
  lua_pushinteger(L, series_of(L)->subversion);
  return 1;
}

static int get_total(lua_State *L)
{
  lua_pushinteger(L, series_of(L)->total);
  return 1;
}

static int get_rfc(lua_State *L)
{
  lua_pushboolean(L, series_of(L)->is_rfc);
  return 1;
}

static int get_resend(lua_State *L)
{
  lua_pushboolean(L, series_of(L)->is_resend);
  return 1;
}

static int get_head(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  push_message(L, set_idx, o->s->head);
  return 1;
}

static int get_cover(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  if (o->s->cover == PL_SERIES_NONE)
    return 0;
  push_message(L, set_idx, o->s->cover);
  return 1;
}

static int get_cover_kind(lua_State *L)
{
  lua_pushstring(L, pl_series_cover_kind_name(series_of(L)->cover_kind));
  return 1;
}

static int get_outside_id(lua_State *L)
{
  push_string_or_nil(L, series_of(L)->outside_id);
  return 1;
}

static int get_patches(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  const GArray *p = o->s->patches;
  lua_createtable(L, (int)p->len, 0);
  for (guint i = 0; i < p->len; i++) {
    push_patch(L, set_idx, g_array_index(p, size_t, i));
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static void push_messages(lua_State *L, int set_idx, const GArray *nums)
{
  lua_createtable(L, (int)nums->len, 0);
  for (guint i = 0; i < nums->len; i++) {
    push_message(L, set_idx, g_array_index(nums, size_t, i));
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static int get_duplicates(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  push_messages(L, set_idx, o->s->duplicates);
  return 1;
}

static int get_replies(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  find_replies(L, set_idx);
  push_messages(L, set_idx, o->s->replies);
  return 1;
}

/* Who replied: the senders of the replies, each address once (any case),
 * in the order of their first reply. */
static int get_repliers(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  find_replies(L, set_idx);
  lua_newtable(L); /* seen */
  int seen = lua_gettop(L);
  lua_newtable(L);
  lua_Integer n = 0;
  const GArray *r = o->s->replies;
  for (guint i = 0; i < r->len; i++) {
    push_message(L, set_idx, g_array_index(r, size_t, i));
    lua_getfield(L, -1, "from");
    lua_remove(L, -2);
    if (!lua_istable(L, -1)) {
      lua_pop(L, 1);
      continue;
    }
    lua_getfield(L, -1, "address");
    char *key = g_ascii_strdown(lua_tostring(L, -1) ? lua_tostring(L, -1) : "", -1);
    lua_pop(L, 1);
    lua_pushstring(L, key);
    g_free(key);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, seen) != LUA_TNIL) {
      lua_pop(L, 3);
      continue;
    }
    lua_pop(L, 1);
    lua_pushboolean(L, 1);
    lua_rawset(L, seen);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

static int get_expected(lua_State *L)
{
  lua_pushinteger(L, series_of(L)->expected);
  return 1;
}

static int get_received(lua_State *L)
{
  lua_pushinteger(L, series_of(L)->received_count);
  return 1;
}

static int get_extra(lua_State *L)
{
  lua_pushinteger(L, series_of(L)->extra);
  return 1;
}

static int get_complete(lua_State *L)
{
  lua_pushboolean(L, series_of(L)->complete);
  return 1;
}

static int get_missing(lua_State *L)
{
  const GArray *m = series_of(L)->missing;
  lua_createtable(L, (int)m->len, 0);
  for (guint i = 0; i < m->len; i++) {
    lua_pushinteger(L, g_array_index(m, unsigned, i));
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int get_missing_count(lua_State *L)
{
  lua_pushinteger(L, series_of(L)->n_missing);
  return 1;
}

static int get_missing_truncated(lua_State *L)
{
  lua_pushboolean(L, series_of(L)->missing_truncated);
  return 1;
}

static int get_by_window(lua_State *L)
{
  lua_pushboolean(L, series_of(L)->by_window);
  return 1;
}

static int get_sender(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  push_message(L, set_idx, o->s->head);
  lua_getfield(L, -1, "from");
  return 1;
}

static int get_author(lua_State *L)
{
  const struct pl_series *s = series_of(L);
  if (s->author_address != s->sender_address) {
    pl_l_push_person(L, s->author_name, s->author_address);
    return 1;
  }
  return get_sender(L);
}

static int get_date(lua_State *L)
{
  const struct pl_series *s = series_of(L);
  if (!s->date)
    return 0;
  lua_pushinteger(L, s->date);
  return 1;
}

static int get_change_id(lua_State *L)
{
  push_string_or_nil(L, series_of(L)->change_id);
  return 1;
}

static int get_supersedes(lua_State *L)
{
  push_string_or_nil(L, series_of(L)->supersedes);
  return 1;
}

static int get_previous(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  if (!o->s->previous)
    return 0;
  push_series_object(L, set_idx, o->s->previous);
  return 1;
}

static int get_link(lua_State *L)
{
  const struct pl_series *s = series_of(L);
  if (!s->previous)
    return 0;
  lua_pushstring(L, pl_series_link_name(s->link));
  return 1;
}

static int get_newer(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  const GPtrArray *newer = o->s->newer;
  lua_createtable(L, (int)newer->len, 0);
  for (guint i = 0; i < newer->len; i++) {
    push_series_object(L, set_idx, newer->pdata[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* This series and its earlier versions, oldest first. */
static int get_versions(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  int len = 0;
  for (const struct pl_series *s = o->s; s; s = s->previous)
    len++;
  lua_createtable(L, len, 0);
  int i = len;
  for (const struct pl_series *s = o->s; s; s = s->previous) {
    push_series_object(L, set_idx, s);
    lua_rawseti(L, -2, i--);
  }
  return 1;
}

static int get_kind(lua_State *L)
{
  struct l_series *o = check_series(L, 1);
  lua_pushstring(L, pl_series_kind_name(pl_series_kind(o->set->core, o->s, NULL)));
  return 1;
}

static int get_identical_patches(lua_State *L)
{
  struct l_series *o = check_series(L, 1);
  unsigned identical = 0;
  pl_series_kind(o->set->core, o->s, &identical);
  lua_pushinteger(L, identical);
  return 1;
}

static void push_trailer_entry(lua_State *L, int set_idx, struct l_set *set,
                               const struct pl_series_trailer *t)
{
  lua_createtable(L, 0, 7);
  lua_pushstring(L, t->trailer->key);
  lua_setfield(L, -2, "key");
  lua_pushstring(L, t->trailer->value);
  lua_setfield(L, -2, "value");
  pl_l_push_person(L, t->trailer->person->name, t->trailer->person->address);
  lua_setfield(L, -2, "person");
  push_patch(L, set_idx, t->patch);
  lua_setfield(L, -2, "patch");
  push_message(L, set_idx, t->reply);
  lua_setfield(L, -2, "reply");
  push_message(L, set_idx, t->answered);
  lua_setfield(L, -2, "answered");
  enum pl_series_role role;
  pl_series_set_series_of(set->core, t->answered, &role);
  lua_pushboolean(L, role == PL_SERIES_ROLE_COVER);
  lua_setfield(L, -2, "to_cover");
}

static int get_trailers(lua_State *L)
{
  struct l_series *o;
  int set_idx = series_and_set(L, &o);
  find_replies(L, set_idx);
  const GArray *t = pl_series_trailers(o->set->core, o->s);
  lua_createtable(L, (int)t->len, 0);
  for (guint i = 0; i < t->len; i++) {
    push_trailer_entry(L, set_idx, o->set, &g_array_index(t, struct pl_series_trailer, i));
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int get_set(lua_State *L)
{
  pl_class_push_parent(L, 1);
  return 1;
}

/* series:patch(n) -> the patch numbered n (a single patch is 1), or nil. */
static int series_patch(lua_State *L)
{
  struct l_series *o = check_series(L, 1);
  lua_Integer want = luaL_checkinteger(L, 2);
  pl_class_push_parent(L, 1);
  int set_idx = lua_gettop(L);
  const GArray *p = o->s->patches;
  for (guint i = 0; i < p->len; i++) {
    size_t num = g_array_index(p, size_t, i);
    const struct pl_subject *sub = pl_series_set_subject(o->set->core, num);
    lua_Integer n = sub->counter_rule != PL_SUBJECT_COUNTER_NONE && sub->n ? sub->n : 1;
    if (n == want) {
      push_patch(L, set_idx, num);
      return 1;
    }
  }
  return 0;
}

/* The number of message object idx in the set, or PL_SERIES_NONE. Only
 * the series' own messages are searched. */
static size_t number_in(const struct l_set *set, const struct pl_series *s,
                        const struct l_message *msg)
{
  const GArray *lists[] = {s->patches, s->duplicates, s->replies};
  if (s->cover != PL_SERIES_NONE && set->msgs->pdata[s->cover] == msg)
    return s->cover;
  for (size_t l = 0; l < G_N_ELEMENTS(lists); l++)
    for (guint i = 0; i < lists[l]->len; i++) {
      size_t num = g_array_index(lists[l], size_t, i);
      if (set->msgs->pdata[num] == msg)
        return num;
    }
  return PL_SERIES_NONE;
}

/* series:role(message) -> "cover", "patch", "duplicate", "reply", or nil
 * when the message is not this series'. */
static int series_role(lua_State *L)
{
  struct l_series *o = check_series(L, 1);
  struct l_message *msg = pl_class_check(L, 2, PL_MESSAGE);
  pl_class_push_parent(L, 1);
  find_replies(L, lua_gettop(L));
  size_t num = number_in(o->set, o->s, msg);
  if (num == PL_SERIES_NONE)
    return 0;
  enum pl_series_role role;
  pl_series_set_series_of(o->set->core, num, &role);
  lua_pushstring(L, pl_series_role_name(role));
  return 1;
}

static int series_tostring(lua_State *L)
{
  const struct pl_series *s = series_of(L);
  lua_pushfstring(L, "patchlore.series v%d %d/%d %s", (int)s->version, (int)s->received_count,
                  (int)s->expected, s->title);
  return 1;
}

/* The series of the patch object at 1 (through its message), pushed with
 * the C objects; 0 when the message was not loaded into a series. */
static int patch_series(lua_State *L, struct l_series **o, struct l_message **msg)
{
  pl_class_push_parent(L, 1);
  *msg = pl_class_check(L, -1, PL_MESSAGE);
  lua_getfield(L, -1, "series");
  if (lua_isnil(L, -1))
    return 0;
  *o = check_series(L, -1);
  pl_class_push_parent(L, -1);
  find_replies(L, lua_gettop(L));
  return lua_gettop(L);
}

static int patch_get_series(lua_State *L)
{
  pl_class_push_parent(L, 1);
  lua_getfield(L, -1, "series");
  return 1;
}

/* patch.review_trailers: the series' trailers given to this patch. */
static int patch_get_review_trailers(lua_State *L)
{
  struct l_series *o;
  struct l_message *msg;
  int set_idx = patch_series(L, &o, &msg);
  lua_newtable(L);
  if (!set_idx)
    return 1;
  const GArray *t = pl_series_trailers(o->set->core, o->s);
  lua_Integer n = 0;
  for (guint i = 0; i < t->len; i++) {
    const struct pl_series_trailer *e = &g_array_index(t, struct pl_series_trailer, i);
    if (o->set->msgs->pdata[e->patch] != msg)
      continue;
    push_trailer_entry(L, set_idx, o->set, e);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* patch.replies: the replies of the series that answer this message. */
static int patch_get_replies(lua_State *L)
{
  struct l_series *o;
  struct l_message *msg;
  int set_idx = patch_series(L, &o, &msg);
  lua_newtable(L);
  if (!set_idx)
    return 1;
  const GArray *r = o->s->replies;
  lua_Integer n = 0;
  for (guint i = 0; i < r->len; i++) {
    size_t num = g_array_index(r, size_t, i);
    size_t answered = pl_series_set_answers(o->set->core, num);
    if (answered == PL_SERIES_NONE || o->set->msgs->pdata[answered] != msg)
      continue;
    push_message(L, set_idx, num);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

void pl_l_series_register(lua_State *L)
{
  static const luaL_Reg set_methods[] = {
      {"__gc", set_gc},
      {"__tostring", set_tostring},
      {NULL, NULL},
  };
  static const struct pl_field set_fields[] = {
      {"patches", set_get_patches},
      {NULL, NULL},
  };
  static const struct pl_class set_class = {PL_SET, set_methods, set_fields};
  pl_class_register(L, &set_class);

  static const luaL_Reg methods[] = {
      {"patch", series_patch},
      {"role", series_role},
      {"__tostring", series_tostring},
      {NULL, NULL},
  };
  static const struct pl_field fields[] = {
      {"title", get_title},
      {"version", get_version},
      {"subversion", get_subversion},
      {"total", get_total},
      {"rfc", get_rfc},
      {"resend", get_resend},
      {"head", get_head},
      {"cover", get_cover},
      {"cover_kind", get_cover_kind},
      {"outside_id", get_outside_id},
      {"patches", get_patches},
      {"duplicates", get_duplicates},
      {"expected", get_expected},
      {"received", get_received},
      {"extra", get_extra},
      {"missing", get_missing},
      {"missing_count", get_missing_count},
      {"missing_truncated", get_missing_truncated},
      {"complete", get_complete},
      {"by_window", get_by_window},
      {"author", get_author},
      {"sender", get_sender},
      {"date", get_date},
      {"replies", get_replies},
      {"repliers", get_repliers},
      {"trailers", get_trailers},
      {"change_id", get_change_id},
      {"supersedes", get_supersedes},
      {"previous", get_previous},
      {"link", get_link},
      {"newer", get_newer},
      {"versions", get_versions},
      {"kind", get_kind},
      {"identical_patches", get_identical_patches},
      {"set", get_set},
      {NULL, NULL},
  };
  static const struct pl_class series_class = {PL_SERIES, methods, fields};
  pl_class_register(L, &series_class);

  static const struct pl_field patch_fields[] = {
      {"series", patch_get_series},
      {"review_trailers", patch_get_review_trailers},
      {"replies", patch_get_replies},
      {NULL, NULL},
  };
  pl_class_add_fields(L, PL_PATCH, patch_fields);

  static const struct pl_field message_fields[] = {
      {"series", message_get_series},
      {NULL, NULL},
  };
  pl_class_add_fields(L, PL_MESSAGE, message_fields);
}
