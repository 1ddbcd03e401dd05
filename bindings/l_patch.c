/* Patches: the patch inside a message's text (in-body headers, commit
 * message, trailers, notes, diffstat, diff, patch-id, b4's lines, pull
 * requests), as an object that pins its message. */
#include <stdio.h>
#include <string.h>

#include "bindings.h"
#include "l_class.h"
#include "l_person.h"
#include "patch.h"

struct l_patch {
  struct l_message *msg; /* pinned: the patch's parse lives in it */
};

static const struct pl_patch *check_patch(lua_State *L)
{
  struct l_patch *p = pl_class_check(L, 1, PL_PATCH);
  /* Parsed when first read, and again after the message dropped its
   * parse to save memory (a load reads many messages once). */
  return pl_l_message_patch(p->msg);
}

const struct pl_patch *pl_l_message_patch(struct l_message *msg)
{
  if (!msg->patch) {
    size_t len;
    const char *text = pl_mail_text(pl_l_message_mail(msg), &len);
    msg->patch = pl_patch_parse(text, len);
  }
  return msg->patch;
}

void pl_l_push_message_patch(lua_State *L, int msg_idx)
{
  msg_idx = lua_absindex(L, msg_idx);
  struct l_message *msg = pl_class_check(L, msg_idx, PL_MESSAGE);
  struct l_patch *p = pl_class_new(L, PL_PATCH, sizeof *p, msg_idx);
  p->msg = msg;
}

static void set_string(lua_State *L, const char *key, const char *value)
{
  if (value) {
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
  }
}

static void set_count(lua_State *L, const char *key, guint64 value)
{
  /* Counts saturate at G_MAXUINT64; Lua integers stop at 2^63-1. */
  lua_pushinteger(L, value > (guint64)LUA_MAXINTEGER ? LUA_MAXINTEGER : (lua_Integer)value);
  lua_setfield(L, -2, key);
}

/* A file mode in octal ("100644"), unless 0; lua_pushfstring has no %o. */
static void set_mode(lua_State *L, const char *key, unsigned mode)
{
  char octal[24];
  if (mode) {
    snprintf(octal, sizeof octal, "%o", mode);
    lua_pushstring(L, octal);
    lua_setfield(L, -2, key);
  }
}

static void push_trailers(lua_State *L, const GPtrArray *trailers)
{
  lua_createtable(L, trailers ? (int)trailers->len : 0, 0);
  for (guint i = 0; trailers && i < trailers->len; i++) {
    const struct pl_trailer *t = trailers->pdata[i];
    lua_createtable(L, 0, 3);
    set_string(L, "key", t->key);
    set_string(L, "value", t->value);
    if (t->person) {
      pl_l_push_person(L, t->person->name, t->person->address);
      lua_setfield(L, -2, "person");
    }
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
}

void pl_l_push_trailers(lua_State *L, const GPtrArray *trailers)
{
  push_trailers(L, trailers);
}

static int get_headers(lua_State *L)
{
  const struct pl_patch *patch = check_patch(L);
  lua_createtable(L, (int)patch->headers->len, 0);
  for (guint i = 0; i < patch->headers->len; i++) {
    const struct pl_patch_header *h = patch->headers->pdata[i];
    lua_createtable(L, 0, 2);
    set_string(L, "name", h->name);
    set_string(L, "value", h->value);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int get_inbody_author(lua_State *L)
{
  const struct pl_patch *patch = check_patch(L);
  if (!patch->author)
    return 0;
  pl_l_push_person(L, patch->author->name, patch->author->address);
  return 1;
}

/* The author: the in-body From when the text starts with one, else the
 * header From (git's convention for a patch sent by someone else). */
static int get_author(lua_State *L)
{
  if (get_inbody_author(L))
    return 1;
  pl_class_push_parent(L, 1);
  lua_getfield(L, -1, "from");
  return 1;
}

static int get_sender(lua_State *L)
{
  pl_class_push_parent(L, 1);
  lua_getfield(L, -1, "from");
  return 1;
}

static int get_commit_message(lua_State *L)
{
  lua_pushstring(L, check_patch(L)->message);
  return 1;
}

static int get_trailers(lua_State *L)
{
  push_trailers(L, check_patch(L)->trailers);
  return 1;
}

static int get_notes(lua_State *L)
{
  const char *notes = check_patch(L)->notes;
  if (!notes)
    return 0;
  lua_pushstring(L, notes);
  return 1;
}

static int get_diffstat(lua_State *L)
{
  const struct pl_diff_stat *stat = check_patch(L)->diffstat;
  if (!stat)
    return 0;
  lua_createtable(L, 0, 5);
  lua_createtable(L, (int)stat->files->len, 0);
  for (guint i = 0; i < stat->files->len; i++) {
    const struct pl_diff_stat_file *f = stat->files->pdata[i];
    lua_createtable(L, 0, 8);
    set_string(L, "path", f->path);
    set_string(L, "old_path", f->old_path);
    lua_pushboolean(L, f->binary);
    lua_setfield(L, -2, "binary");
    lua_pushboolean(L, f->truncated);
    lua_setfield(L, -2, "truncated");
    set_count(L, "changes", f->changes);
    set_count(L, "insertions", f->insertions);
    set_count(L, "deletions", f->deletions);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  lua_setfield(L, -2, "files");
  set_count(L, "files_changed", stat->files_changed);
  set_count(L, "insertions", stat->insertions);
  set_count(L, "deletions", stat->deletions);
  return 1;
}

static const char *status_name(enum pl_diff_status s)
{
  static const char *const names[] = {"modified", "added", "deleted", "renamed", "copied"};
  return s <= PL_DIFF_COPIED ? names[s] : "modified";
}

static int get_files(lua_State *L)
{
  const struct pl_diff *diff = check_patch(L)->diff;
  int n = diff ? (int)diff->files->len : 0;
  lua_createtable(L, n, 0);
  for (int i = 0; i < n; i++) {
    const struct pl_diff_file *f = diff->files->pdata[i];
    lua_createtable(L, 0, 12);
    set_string(L, "old_path", f->old_path);
    set_string(L, "new_path", f->new_path);
    set_string(L, "status", status_name(f->status));
    set_mode(L, "old_mode", f->old_mode);
    set_mode(L, "new_mode", f->new_mode);
    if (f->similarity >= 0) {
      lua_pushinteger(L, f->similarity);
      lua_setfield(L, -2, "similarity");
    }
    lua_pushboolean(L, f->binary != PL_DIFF_TEXT);
    lua_setfield(L, -2, "binary");
    set_count(L, "added", f->added);
    set_count(L, "removed", f->removed);
    lua_pushinteger(L, f->hunks->len);
    lua_setfield(L, -2, "hunks");
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

static int get_has_diff(lua_State *L)
{
  lua_pushboolean(L, pl_patch_has_diff(check_patch(L)));
  return 1;
}

static int get_added(lua_State *L)
{
  const struct pl_diff *diff = check_patch(L)->diff;
  lua_pushinteger(L, diff ? (lua_Integer)MIN(diff->added, (guint64)LUA_MAXINTEGER) : 0);
  return 1;
}

static int get_removed(lua_State *L)
{
  const struct pl_diff *diff = check_patch(L)->diff;
  lua_pushinteger(L, diff ? (lua_Integer)MIN(diff->removed, (guint64)LUA_MAXINTEGER) : 0);
  return 1;
}

static int get_patch_id(lua_State *L)
{
  const char *id = check_patch(L)->patch_id;
  if (!id)
    return 0;
  lua_pushstring(L, id);
  return 1;
}

static int push_info(lua_State *L, const char *key)
{
  const char *value = pl_patch_info(check_patch(L), key);
  if (!value)
    return 0;
  lua_pushstring(L, value);
  return 1;
}

static int get_base_commit(lua_State *L)
{
  return push_info(L, "base-commit");
}

static int get_change_id(lua_State *L)
{
  return push_info(L, "change-id");
}

static int get_supersedes(lua_State *L)
{
  return push_info(L, "Supersedes");
}

static int get_info(lua_State *L)
{
  push_trailers(L, check_patch(L)->info);
  return 1;
}

static int get_prerequisite_patch_ids(lua_State *L)
{
  const GPtrArray *info = check_patch(L)->info;
  lua_newtable(L);
  int n = 0;
  for (guint i = 0; info && i < info->len; i++) {
    const struct pl_trailer *t = info->pdata[i];
    if (g_ascii_strcasecmp(t->key, "prerequisite-patch-id") == 0) {
      lua_pushstring(L, t->value);
      lua_rawseti(L, -2, ++n);
    }
  }
  return 1;
}

static int get_pull(lua_State *L)
{
  const struct pl_patch_pull *pull = check_patch(L)->pull;
  if (!pull)
    return 0;
  lua_createtable(L, 0, 4);
  set_string(L, "repository", pull->repository);
  set_string(L, "ref", pull->ref);
  set_string(L, "base", pull->base);
  set_string(L, "head", pull->head);
  return 1;
}

static int get_message(lua_State *L)
{
  pl_class_push_parent(L, 1);
  return 1;
}

static int patch_header(lua_State *L)
{
  const char *value = pl_patch_header(check_patch(L), luaL_checkstring(L, 2));
  if (!value)
    return 0;
  lua_pushstring(L, value);
  return 1;
}

static int patch_tostring(lua_State *L)
{
  const struct pl_patch *patch = check_patch(L);
  lua_pushfstring(L, "patchlore.patch (%d files)",
                  patch->diff ? (int)patch->diff->files->len : 0);
  return 1;
}

void pl_l_patch_register(lua_State *L)
{
  static const luaL_Reg methods[] = {
      {"header", patch_header},
      {"__tostring", patch_tostring},
      {NULL, NULL},
  };
  static const struct pl_field fields[] = {
      {"message", get_message},
      {"headers", get_headers},
      {"author", get_author},
      {"inbody_author", get_inbody_author},
      {"sender", get_sender},
      {"commit_message", get_commit_message},
      {"trailers", get_trailers},
      {"notes", get_notes},
      {"diffstat", get_diffstat},
      {"files", get_files},
      {"has_diff", get_has_diff},
      {"added", get_added},
      {"removed", get_removed},
      {"patch_id", get_patch_id},
      {"base_commit", get_base_commit},
      {"change_id", get_change_id},
      {"supersedes", get_supersedes},
      {"prerequisite_patch_ids", get_prerequisite_patch_ids},
      {"info", get_info},
      {"pull", get_pull},
      {NULL, NULL},
  };
  static const struct pl_class patch = {PL_PATCH, methods, fields};
  pl_class_register(L, &patch);
}
