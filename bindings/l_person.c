#include "l_person.h"

#include <glib.h>
#include <lauxlib.h>
#include <string.h>

#include "mail.h"

#define PERSON "patchlore.person"

void pl_l_push_person(lua_State *L, const char *name, const char *address)
{
  lua_createtable(L, 0, 3);
  if (name && *name) {
    lua_pushstring(L, name);
    lua_setfield(L, -2, "name");
  }
  address = address ? address : "";
  lua_pushstring(L, address);
  lua_setfield(L, -2, "address");
  const char *at = strrchr(address, '@');
  if (at) {
    char *domain = g_ascii_strdown(at + 1, -1);
    lua_pushstring(L, domain);
    lua_setfield(L, -2, "domain");
    g_free(domain);
  }
  luaL_setmetatable(L, PERSON);
}

static int person_tostring(lua_State *L)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_getfield(L, 1, "name");
  lua_getfield(L, 1, "address");
  const char *name = lua_tostring(L, -2), *address = lua_tostring(L, -1);
  if (name)
    lua_pushfstring(L, "%s <%s>", name, address ? address : "");
  else
    lua_pushfstring(L, "<%s>", address ? address : "");
  return 1;
}

static int person_eq(lua_State *L)
{
  lua_getfield(L, 1, "address");
  lua_getfield(L, 2, "address");
  const char *a = lua_tostring(L, -2), *b = lua_tostring(L, -1);
  lua_pushboolean(L, a && b && g_ascii_strcasecmp(a, b) == 0);
  return 1;
}

int pl_l_person_parse(lua_State *L)
{
  struct pl_person p;
  if (!pl_person_parse(luaL_checkstring(L, 1), &p)) {
    lua_pushnil(L);
    return 1;
  }
  pl_l_push_person(L, p.name, p.address);
  pl_person_clear(&p);
  return 1;
}

void pl_l_person_register(lua_State *L)
{
  if (luaL_newmetatable(L, PERSON)) {
    lua_pushcfunction(L, person_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, person_eq);
    lua_setfield(L, -2, "__eq");
  }
  lua_pop(L, 1);
}
