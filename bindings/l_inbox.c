/* patchlore.open(path) and the inbox: an archive opened read-only, whose
 * messages a script walks newest first. */
#include <glib.h>
#include <string.h>

#include "bindings.h"
#include "diag.h"
#include "l_class.h"

struct l_walk {
  struct pl_walk *walk;
  int64_t since, until; /* applied here to sources without commit times */
};

static struct l_inbox *check_inbox(lua_State *L)
{
  struct l_inbox *inbox = pl_class_check(L, 1, PL_INBOX);
  if (!inbox->src)
    luaL_error(L, "inbox is closed");
  return inbox;
}

int pl_l_inbox_open(lua_State *L)
{
  const char *path = luaL_checkstring(L, 1);
  struct pl_error *err = NULL;
  struct pl_source *src = pl_source_open(path, &err);
  if (!src) {
    luaL_pushfail(L);
    lua_pushstring(L, err->message);
    pl_error_free(err);
    return 2;
  }
  struct l_inbox *inbox = pl_class_new(L, PL_INBOX, sizeof *inbox, 0);
  inbox->src = src;
  return 1;
}

/* "2025-10-17", "2025-10-17 22:28[:05]", ISO 8601 with a zone, or seconds
 * since the epoch (a number, or a string of digits as a command line
 * gives it); dates without a zone are UTC. */
static int64_t check_time(lua_State *L, int idx, const char *what)
{
  if (lua_type(L, idx) == LUA_TNUMBER)
    return (int64_t)lua_tointeger(L, idx);
  const char *s = luaL_checkstring(L, idx);
  size_t len = strlen(s);
  if (len > 0 && len <= 18 && strspn(s, "0123456789") == len)
    return g_ascii_strtoll(s, NULL, 10);
  /* GLib wants the seconds and the time: supply what was left out. */
  const char *tail = len == 10 ? "T00:00:00" : len == 16 ? ":00" : "";
  char *iso = g_strconcat(s, tail, NULL);
  g_strdelimit(iso, " ", 'T');
  GTimeZone *utc = g_time_zone_new_utc();
  GDateTime *dt = g_date_time_new_from_iso8601(iso, utc);
  g_time_zone_unref(utc);
  g_free(iso);
  if (!dt)
    return pl_l_raise_exit(L, PL_ERR_USAGE,
                           lua_pushfstring(L,
                                           "%s: '%s' is not a date (YYYY-MM-DD[ HH:MM[:SS]] "
                                           "or seconds since the epoch)",
                                           what, s));
  int64_t t = g_date_time_to_unix(dt);
  g_date_time_unref(dt);
  return t;
}

/* Reads a range argument: nil, a revision string, or a table
 * {range = "A..B", since = date, ["until"] = date}. */
static void check_range(lua_State *L, int idx, struct pl_range *range)
{
  memset(range, 0, sizeof *range);
  if (lua_isnoneornil(L, idx))
    return;
  if (lua_type(L, idx) == LUA_TSTRING) {
    range->rev = lua_tostring(L, idx);
    return;
  }
  luaL_checktype(L, idx, LUA_TTABLE);
  if (lua_getfield(L, idx, "range") != LUA_TNIL)
    range->rev = luaL_checkstring(L, -1);
  if (lua_getfield(L, idx, "since") != LUA_TNIL)
    range->since = check_time(L, lua_gettop(L), "since");
  if (lua_getfield(L, idx, "until") != LUA_TNIL)
    range->until = check_time(L, lua_gettop(L), "until");
  lua_pop(L, 3); /* the strings stay referenced by the table */
}

static struct pl_walk *start_walk(lua_State *L, struct l_inbox *inbox, struct pl_range *range)
{
  struct pl_error *err = NULL;
  struct pl_walk *walk = pl_walk_start(inbox->src, range, &err);
  if (!walk) {
    lua_pushstring(L, err->message);
    int code = err->code;
    pl_error_free(err);
    pl_l_raise_exit(L, code, lua_tostring(L, -1));
  }
  return walk;
}

static int walk_gc(lua_State *L)
{
  struct l_walk *w = luaL_checkudata(L, 1, PL_WALK);
  pl_walk_free(w->walk);
  w->walk = NULL;
  return 0;
}

/* A message passes the date bounds of a source without commit times. */
static int in_dates(struct l_walk *w, lua_State *L, int msg_idx)
{
  if (!w->since && !w->until)
    return 1;
  struct l_message *msg = lua_touserdata(L, msg_idx);
  int64_t when;
  int offset;
  if (!pl_mail_date(pl_l_message_mail(msg), &when, &offset))
    return 0;
  return (!w->since || when >= w->since) && (!w->until || when <= w->until);
}

static int walk_step(lua_State *L)
{
  struct l_walk *w = luaL_checkudata(L, lua_upvalueindex(1), PL_WALK);
  if (!w->walk)
    return 0;
  for (;;) {
    struct pl_item item = {0};
    struct pl_error *err = NULL;
    int rc = pl_walk_next(w->walk, &item, &err);
    if (rc < 0) {
      lua_pushstring(L, err->message);
      int code = err->code;
      pl_error_free(err);
      return pl_l_raise_exit(L, code, lua_tostring(L, -1));
    }
    if (rc == 0) {
      pl_walk_free(w->walk);
      w->walk = NULL;
      return 0;
    }
    pl_class_push_parent(L, lua_upvalueindex(1)); /* the inbox */
    pl_l_push_message(L, lua_gettop(L), &item);
    if (in_dates(w, L, lua_gettop(L)))
      return 1;
    lua_pop(L, 2);
  }
}

/* inbox:messages([range]) -> iterator over messages, newest first. */
static int inbox_messages(lua_State *L)
{
  struct l_inbox *inbox = check_inbox(L);
  struct pl_range range;
  check_range(L, 2, &range);
  struct pl_walk *walk = start_walk(L, inbox, &range);
  struct l_walk *w = pl_class_new(L, PL_WALK, sizeof *w, 1);
  w->walk = walk;
  if (!pl_source_is_git(inbox->src)) {
    w->since = range.since;
    w->until = range.until;
  }
  lua_pushcclosure(L, walk_step, 1);
  return 1;
}

/* inbox:load([range]) -> the range's messages as a set grouped into
 * series (l_series.c), read with the same walk as inbox:messages. */
static int inbox_load(lua_State *L)
{
  lua_settop(L, 2);
  inbox_messages(L);
  return pl_l_load(L, 1, 3);
}

/* inbox:lower([range]) -> the full id of the range's lower end as given,
 * the root commit when it has none; "" for sources without commits. */
static int inbox_lower(lua_State *L)
{
  struct l_inbox *inbox = check_inbox(L);
  struct pl_range range;
  check_range(L, 2, &range);
  struct pl_walk *walk = start_walk(L, inbox, &range);
  lua_pushstring(L, pl_walk_lower(walk));
  pl_walk_free(walk);
  return 1;
}

static int inbox_close(lua_State *L)
{
  struct l_inbox *inbox = pl_class_check(L, 1, PL_INBOX);
  /* Messages pin their inbox, so a collected inbox has none left. */
  pl_source_free(inbox->src);
  inbox->src = NULL;
  return 0;
}

static int inbox_tostring(lua_State *L)
{
  struct l_inbox *inbox = pl_class_check(L, 1, PL_INBOX);
  if (!inbox->src)
    lua_pushliteral(L, "patchlore.inbox (closed)");
  else
    lua_pushfstring(L, "patchlore.inbox %s (%s)", pl_source_path(inbox->src),
                    pl_source_kind_name(pl_source_kind(inbox->src)));
  return 1;
}

static int get_path(lua_State *L)
{
  lua_pushstring(L, pl_source_path(check_inbox(L)->src));
  return 1;
}

static int get_kind(lua_State *L)
{
  lua_pushstring(L, pl_source_kind_name(pl_source_kind(check_inbox(L)->src)));
  return 1;
}

void pl_l_inbox_register(lua_State *L)
{
  static const luaL_Reg methods[] = {
      {"messages", inbox_messages},
      {"lower", inbox_lower},
      {"load", inbox_load},
      {"__gc", inbox_close},
      {"__tostring", inbox_tostring},
      {NULL, NULL},
  };
  static const struct pl_field fields[] = {
      {"path", get_path},
      {"kind", get_kind},
      {NULL, NULL},
  };
  static const struct pl_class inbox = {PL_INBOX, methods, fields};
  pl_class_register(L, &inbox);
  static const luaL_Reg walk_methods[] = {{"__gc", walk_gc}, {NULL, NULL}};
  static const struct pl_class walk = {PL_WALK, walk_methods, NULL};
  pl_class_register(L, &walk);
}
