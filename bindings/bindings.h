/* What the binding files share: class names, object layouts, registration. */
#ifndef PL_BINDINGS_H
#define PL_BINDINGS_H

#include <lauxlib.h>
#include <lua.h>

#include "mail.h"
#include "patch.h"
#include "source.h"

#define PL_INBOX "patchlore.inbox"
#define PL_WALK "patchlore.walk"
#define PL_MESSAGE "patchlore.message"
#define PL_PATCH "patchlore.patch"

struct l_inbox {
  struct pl_source *src;
};

struct l_message {
  struct pl_source *src; /* owned by the inbox the message pins */
  struct pl_item item;
  struct pl_mail *mail;  /* parsed on first use */
  struct pl_patch *patch; /* the text parsed as a patch, on first use */
  char *unreadable;       /* why its bytes could not be read, or NULL */
  int damaged;            /* reported as damaged (counted once) */
};

void pl_l_inbox_register(lua_State *L);
int pl_l_inbox_open(lua_State *L);

void pl_l_message_register(lua_State *L);

/* Pushes a message of the inbox at inbox_idx, taking over *item. */
void pl_l_push_message(lua_State *L, int inbox_idx, struct pl_item *item);

/* The message's parsed mail, read and parsed now if it was not yet. */
struct pl_mail *pl_l_message_mail(struct l_message *msg);

/* Pushes the parsed prefix of a subject (see API.md, "prefix"). */
void pl_l_push_subject(lua_State *L, const char *subject);
int pl_l_parse_subject(lua_State *L);

void pl_l_patch_register(lua_State *L);

/* The message's text parsed as a patch, parsed now if it was not yet. */
const struct pl_patch *pl_l_message_patch(struct l_message *msg);

/* Pushes a patch object for the message at msg_idx (which it pins). */
void pl_l_push_message_patch(lua_State *L, int msg_idx);

/* Pushes a list of trailers as tables {key, value, person}. */
void pl_l_push_trailers(lua_State *L, const GPtrArray *trailers);

/* inbox:load: reads every message the iterator at iter_idx yields (the
 * inbox's messages walk) and pushes the set of them grouped into series
 * (l_series.c), which pins the inbox at inbox_idx. */
int pl_l_load(lua_State *L, int inbox_idx, int iter_idx);

/* Registers the set and series classes and the series fields of patches
 * (after pl_l_patch_register). */
void pl_l_series_register(lua_State *L);

/* Raises an error that ends the script with exit code `code` and the
 * one-line message "patchlore: <message>", without a traceback. */
int pl_l_raise_exit(lua_State *L, int code, const char *message);

/* Opens the `patchlore` module (package.preload["patchlore"]). */
int luaopen_patchlore(lua_State *L);

#endif
