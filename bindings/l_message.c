/* Messages: the fields a git archive's commit already carries (subject,
 * sender, date) come from it without reading the blob; everything else
 * reads and parses the message on first use. */
#include <glib.h>
#include <string.h>

#include "bindings.h"
#include "diag.h"
#include "l_class.h"
#include "l_person.h"
#include "rfc2047.h"

static struct l_message *check_message(lua_State *L, int idx)
{
  return pl_class_check(L, idx, PL_MESSAGE);
}

void pl_l_push_message(lua_State *L, int inbox_idx, struct pl_item *item)
{
  struct l_inbox *inbox = pl_class_check(L, inbox_idx, PL_INBOX);
  struct l_message *msg = pl_class_new(L, PL_MESSAGE, sizeof *msg, inbox_idx);
  msg->src = inbox->src;
  msg->item = *item;
  memset(item, 0, sizeof *item);
}

/* Damage is reported as it is found (reading the text or the parts can
 * find more than the parse did), but the summary counts messages. */
static void report_damage(void *data, const char *what)
{
  struct l_message *msg = data;
  char *where = pl_item_describe(msg->src, &msg->item);
  pl_diag(msg->damaged ? PL_DIAG_NOTE : PL_DIAG_DAMAGED, where, "%s", what);
  msg->damaged = 1;
  g_free(where);
}

struct pl_mail *pl_l_message_mail(struct l_message *msg)
{
  if (msg->mail)
    return msg->mail;
  struct pl_error *err = NULL;
  GBytes *raw = pl_source_read(msg->src, &msg->item, &err);
  if (!raw) {
    /* Reported, and read as an empty message so the run goes on. */
    pl_diag(PL_DIAG_SKIPPED, NULL, "%s", err->message);
    msg->unreadable = g_strdup(err->message);
    pl_error_free(err);
    raw = g_bytes_new(NULL, 0);
  }
  msg->mail = pl_mail_parse(raw);
  g_bytes_unref(raw);
  if (!msg->unreadable)
    pl_mail_on_damage(msg->mail, report_damage, msg);
  return msg->mail;
}

static struct pl_mail *mail_of(lua_State *L)
{
  return pl_l_message_mail(check_message(L, 1));
}

static void push_string_or_nil(lua_State *L, const char *s)
{
  if (s)
    lua_pushstring(L, s);
  else
    lua_pushnil(L);
}

static void push_ids(lua_State *L, const GPtrArray *ids)
{
  lua_createtable(L, (int)ids->len, 0);
  for (guint i = 0; i < ids->len; i++) {
    lua_pushstring(L, ids->pdata[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static void push_people(lua_State *L, const GPtrArray *people)
{
  lua_createtable(L, (int)people->len, 0);
  for (guint i = 0; i < people->len; i++) {
    const struct pl_person *p = people->pdata[i];
    pl_l_push_person(L, p->name, p->address);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

static int get_subject(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  if (msg->item.has_commit) {
    /* public-inbox keeps the Subject's folds in the commit message. */
    char *s = pl_header_unfold(msg->item.summary ? msg->item.summary : "");
    /* public-inbox leaves a Subject it could not decode as it was
     * (linux-hyperv 7199e7c3633a: two gb2312 words): decode it here. */
    if (strstr(s, "=?")) {
      char *decoded = pl_rfc2047_decode(s);
      g_free(s);
      s = decoded;
    }
    lua_pushstring(L, g_strstrip(s));
    g_free(s);
  } else {
    lua_pushstring(L, pl_mail_subject(mail_of(L)));
  }
  return 1;
}

/* Whether the commit's author name may stand for the From's display name.
 * public-inbox writes a From without one as the address (lore's older
 * imports: 1,057 of linux-hyperv's messages) or as the address's local part
 * (public-inbox 1.9's PublicInbox::Address::names), so such a name is only
 * a guess, and the blob is read to know. */
static int commit_name_trusted(const char *name, const char *email)
{
  if (!name || !*name || !email)
    return 0;
  const char *at = strrchr(email, '@');
  size_t local = at ? (size_t)(at - email) : strlen(email);
  return strcmp(name, email) != 0 && !(strlen(name) == local && strncmp(name, email, local) == 0);
}

static int get_from(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  const char *name = msg->item.author_name, *email = msg->item.author_email;
  if (msg->item.has_commit && commit_name_trusted(name, email)) {
    pl_l_push_person(L, name, email);
    return 1;
  }
  const GPtrArray *from = pl_mail_addresses(mail_of(L), "From");
  if (!from->len && msg->item.has_commit) {
    pl_l_push_person(L, name, email);
    return 1;
  }
  if (!from->len)
    return 0;
  const struct pl_person *p = from->pdata[0];
  pl_l_push_person(L, p->name, p->address);
  return 1;
}

/* The subject's prefix, parsed: from the commit when there is one, so no
 * blob is read. */
static int get_prefix(lua_State *L)
{
  lua_getfield(L, 1, "subject");
  pl_l_push_subject(L, lua_tostring(L, -1));
  return 1;
}

static int get_to(lua_State *L)
{
  push_people(L, pl_mail_addresses(mail_of(L), "To"));
  return 1;
}

static int get_cc(lua_State *L)
{
  push_people(L, pl_mail_addresses(mail_of(L), "Cc"));
  return 1;
}

static int get_date(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  if (msg->item.has_commit) {
    lua_pushinteger(L, msg->item.author_time);
    return 1;
  }
  int64_t when;
  int offset;
  if (!pl_mail_date(mail_of(L), &when, &offset))
    return 0;
  lua_pushinteger(L, when);
  return 1;
}

static int get_received(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  if (!msg->item.has_commit)
    return 0;
  lua_pushinteger(L, msg->item.commit_time);
  return 1;
}

static int get_message_id(lua_State *L)
{
  push_string_or_nil(L, pl_mail_message_id(mail_of(L)));
  return 1;
}

static int get_in_reply_to(lua_State *L)
{
  const GPtrArray *ids = pl_mail_in_reply_to(mail_of(L));
  push_string_or_nil(L, ids->len ? ids->pdata[0] : NULL);
  return 1;
}

static int get_references(lua_State *L)
{
  push_ids(L, pl_mail_references(mail_of(L)));
  return 1;
}

static int get_list_id(lua_State *L)
{
  push_string_or_nil(L, pl_mail_list_id(mail_of(L)));
  return 1;
}

static int get_commit(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  if (!msg->item.has_commit)
    return 0;
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &msg->item.commit);
  lua_pushstring(L, hex);
  return 1;
}

static int get_text(lua_State *L)
{
  size_t len;
  const char *text = pl_mail_text(mail_of(L), &len);
  lua_pushlstring(L, text, len);
  return 1;
}

static int get_raw(lua_State *L)
{
  gsize len;
  const char *raw = g_bytes_get_data(pl_mail_raw(mail_of(L)), &len);
  lua_pushlstring(L, raw ? raw : "", len);
  return 1;
}

/* Everything is decoded first, so that the field (cached once read) says
 * all that is broken, not what the fields read so far found. */
static int get_damage(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  struct pl_mail *mail = pl_l_message_mail(msg);
  if (msg->unreadable) {
    lua_pushstring(L, msg->unreadable);
    return 1;
  }
  pl_mail_parts(mail);
  pl_mail_text(mail, NULL);
  push_string_or_nil(L, pl_mail_damage(mail));
  return 1;
}

/* message:header(name) -> the first value, or nil. */
static int message_header(lua_State *L)
{
  struct pl_mail *mail = mail_of(L);
  push_string_or_nil(L, pl_mail_header(mail, luaL_checkstring(L, 2)));
  return 1;
}

/* message:headers([name]) -> every value of a header; without a name,
 * every header as {name = ..., value = ...}, in order. */
static int message_headers(lua_State *L)
{
  struct pl_mail *mail = mail_of(L);
  if (!lua_isnoneornil(L, 2)) {
    GPtrArray *values = pl_mail_headers(mail, luaL_checkstring(L, 2));
    push_ids(L, values);
    g_ptr_array_unref(values);
    return 1;
  }
  const GPtrArray *all = pl_mail_header_list(mail);
  lua_createtable(L, (int)all->len, 0);
  for (guint i = 0; i < all->len; i++) {
    const struct pl_header *h = all->pdata[i];
    lua_createtable(L, 0, 2);
    lua_pushstring(L, h->name);
    lua_setfield(L, -2, "name");
    lua_pushstring(L, h->value);
    lua_setfield(L, -2, "value");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static void set_string(lua_State *L, const char *key, const char *value)
{
  if (value) {
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
  }
}

/* message:parts() -> every leaf MIME part as a table {type, charset,
 * filename, disposition, content (decoded bytes), text (text/ parts, UTF-8)}. */
static int message_parts(lua_State *L)
{
  const GPtrArray *parts = pl_mail_parts(mail_of(L));
  lua_createtable(L, (int)parts->len, 0);
  for (guint i = 0; i < parts->len; i++) {
    const struct pl_part *p = parts->pdata[i];
    lua_createtable(L, 0, 6);
    set_string(L, "type", p->type);
    set_string(L, "charset", p->charset);
    set_string(L, "filename", p->filename);
    set_string(L, "disposition", p->disposition);
    gsize len;
    const char *data = g_bytes_get_data(p->content, &len);
    lua_pushlstring(L, data ? data : "", len);
    lua_setfield(L, -2, "content");
    if (p->text) {
      lua_pushlstring(L, p->text, p->text_len);
      lua_setfield(L, -2, "text");
    }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* A patch when the subject says so (a pull request too) or the text holds
 * a diff; else nil. */
static int get_patch(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  lua_getfield(L, 1, "prefix");
  int prefix = lua_gettop(L);
  lua_getfield(L, prefix, "is_patch_like");
  lua_getfield(L, prefix, "is_pull");
  lua_getfield(L, prefix, "is_reply");
  int says_patch = lua_toboolean(L, -3) || (lua_toboolean(L, -2) && !lua_toboolean(L, -1));
  if (!says_patch && !pl_patch_has_diff(pl_l_message_patch(msg)))
    return 0;
  pl_l_push_message_patch(L, 1);
  return 1;
}

/* The author by git's convention: the in-body From when the text starts
 * with one, else the header From. */
static int get_author(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  /* Only the pseudo-headers are needed: no diff, no patch-id, unless the
   * whole patch was parsed already. */
  struct pl_patch *head = NULL;
  if (!msg->patch) {
    size_t len;
    const char *text = pl_mail_text(pl_l_message_mail(msg), &len);
    head = pl_patch_parse_headers(text, len);
  }
  const struct pl_trailer_person *author = (msg->patch ? msg->patch : head)->author;
  if (author) {
    /* Copied to the stack first: nothing of ours may be held across a
     * Lua call that can raise. */
    lua_pushstring(L, author->name);
    lua_pushstring(L, author->address);
    pl_patch_free(head);
    pl_l_push_person(L, lua_tostring(L, -2), lua_tostring(L, -1));
    return 1;
  }
  pl_patch_free(head);
  lua_getfield(L, 1, "from");
  return 1;
}

/* message:reply_trailers() -> the tags a reply gives outside quoted
 * lines: every Token-by naming an address (Signed-off-by too), and Fixes. */
static int message_reply_trailers(lua_State *L)
{
  size_t len;
  const char *text = pl_mail_text(mail_of(L), &len);
  GPtrArray *trailers = pl_trailer_find_in_reply(text, len);
  pl_l_push_trailers(L, trailers);
  g_ptr_array_unref(trailers);
  return 1;
}

static int message_gc(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  pl_patch_free(msg->patch);
  msg->patch = NULL;
  pl_mail_free(msg->mail);
  msg->mail = NULL;
  g_free(msg->unreadable);
  msg->unreadable = NULL;
  pl_item_clear(&msg->item);
  return 0;
}

static int message_tostring(lua_State *L)
{
  struct l_message *msg = check_message(L, 1);
  char *where = pl_item_describe(msg->src, &msg->item);
  lua_pushfstring(L, "patchlore.message %s", where);
  g_free(where);
  return 1;
}

void pl_l_message_register(lua_State *L)
{
  static const luaL_Reg methods[] = {
      {"header", message_header},
      {"headers", message_headers},
      {"parts", message_parts},
      {"reply_trailers", message_reply_trailers},
      {"__gc", message_gc},
      {"__tostring", message_tostring},
      {NULL, NULL},
  };
  static const struct pl_field fields[] = {
      {"subject", get_subject},
      {"prefix", get_prefix},
      {"from", get_from},
      {"author", get_author},
      {"patch", get_patch},
      {"to", get_to},
      {"cc", get_cc},
      {"date", get_date},
      {"received", get_received},
      {"message_id", get_message_id},
      {"in_reply_to", get_in_reply_to},
      {"references", get_references},
      {"list_id", get_list_id},
      {"commit", get_commit},
      {"text", get_text},
      {"raw", get_raw},
      {"damage", get_damage},
      {NULL, NULL},
  };
  static const struct pl_class message = {PL_MESSAGE, methods, fields};
  pl_class_register(L, &message);
}
