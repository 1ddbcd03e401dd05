/* Subject prefixes as Lua tables: what the leading groups of a Subject
 * say (patch or not, counter, version, RFC, RESEND, tags) and the title. */
#include "bindings.h"
#include "subject.h"

static void set_bool(lua_State *L, const char *key, int value)
{
  lua_pushboolean(L, value);
  lua_setfield(L, -2, key);
}

static void set_int(lua_State *L, const char *key, lua_Integer value)
{
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

static void set_str(lua_State *L, const char *key, const char *value)
{
  lua_pushstring(L, value);
  lua_setfield(L, -2, key);
}

void pl_l_push_subject(lua_State *L, const char *subject)
{
  struct pl_subject *s = pl_subject_parse(subject);
  lua_createtable(L, 0, 20);
  set_str(L, "title", s->title);
  lua_createtable(L, (int)s->tags->len, 0);
  for (guint i = 0; i < s->tags->len; i++) {
    lua_pushstring(L, s->tags->pdata[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "tags");
  set_bool(L, "is_reply", s->is_reply);
  set_int(L, "reply_depth", s->reply_depth);
  set_bool(L, "has_patch_group", s->has_patch_group);
  set_bool(L, "is_patch", s->is_patch);
  set_bool(L, "is_patch_like", s->is_patch_like);
  set_bool(L, "is_rfc", s->is_rfc);
  set_bool(L, "is_resend", s->is_resend);
  set_bool(L, "is_pull", s->is_pull);
  set_int(L, "version", s->version);
  set_int(L, "subversion", s->subversion);
  set_bool(L, "version_inferred", s->version_rule == PL_SUBJECT_VERSION_DEFAULT);
  set_str(L, "version_rule", pl_subject_version_rule_name(s->version_rule));
  set_bool(L, "has_counter", s->counter_rule != PL_SUBJECT_COUNTER_NONE);
  set_int(L, "n", s->n);
  set_int(L, "total", s->total);
  set_str(L, "counter_rule", pl_subject_counter_rule_name(s->counter_rule));
  set_bool(L, "number_too_big", s->flags & PL_SUBJECT_NUMBER_TOO_BIG);
  set_bool(L, "counter_odd", s->flags & PL_SUBJECT_COUNTER_ODD);
  set_bool(L, "duplicate", s->flags & PL_SUBJECT_DUPLICATE);
  set_bool(L, "unclosed", s->flags & PL_SUBJECT_UNCLOSED);
  pl_subject_free(s);
}

/* patchlore.parse_subject(subject) -> the prefix table. */
int pl_l_parse_subject(lua_State *L)
{
  pl_l_push_subject(L, luaL_checkstring(L, 1));
  return 1;
}
