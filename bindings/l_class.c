#include "l_class.h"

#include <string.h>

/* Uservalue 1: the cache of computed fields; uservalue 2: the parent. */
enum { UV_CACHE = 1, UV_PARENT = 2 };

static int class_index(lua_State *L)
{
  /* upvalue 1: methods table; upvalue 2: fields (name -> getter) */
  if (lua_getiuservalue(L, 1, UV_CACHE) == LUA_TTABLE) {
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNIL)
      return 1;
    lua_pop(L, 1);
  }
  int cache = lua_gettop(L);
  lua_pushvalue(L, 2);
  if (lua_rawget(L, lua_upvalueindex(2)) == LUA_TFUNCTION) {
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    /* A nil (absent) result is not cached: rawset cannot store it. */
    if (!lua_isnil(L, -1)) {
      lua_pushvalue(L, 2);
      lua_pushvalue(L, -2);
      lua_rawset(L, cache);
    }
    return 1;
  }
  lua_pop(L, 1);
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1));
  return 1;
}

void pl_class_register(lua_State *L, const struct pl_class *cls)
{
  if (!luaL_newmetatable(L, cls->name)) {
    lua_pop(L, 1);
    return;
  }
  lua_newtable(L); /* methods */
  if (cls->methods)
    for (const luaL_Reg *r = cls->methods; r->name; r++) {
      lua_pushcfunction(L, r->func);
      if (r->name[0] == '_' && r->name[1] == '_')
        lua_setfield(L, -3, r->name); /* metamethods go on the metatable */
      else
        lua_setfield(L, -2, r->name);
    }
  lua_newtable(L); /* fields */
  if (cls->fields)
    for (const struct pl_field *f = cls->fields; f->name; f++) {
      lua_pushcfunction(L, f->get);
      lua_setfield(L, -2, f->name);
    }
  lua_pushcclosure(L, class_index, 2);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
}

void *pl_class_new(lua_State *L, const char *name, size_t size, int parent_idx)
{
  if (parent_idx)
    parent_idx = lua_absindex(L, parent_idx);
  void *data = lua_newuserdatauv(L, size, 2);
  memset(data, 0, size);
  lua_newtable(L);
  lua_setiuservalue(L, -2, UV_CACHE);
  if (parent_idx) {
    lua_pushvalue(L, parent_idx);
    lua_setiuservalue(L, -2, UV_PARENT);
  }
  luaL_setmetatable(L, name);
  return data;
}

void *pl_class_check(lua_State *L, int idx, const char *name)
{
  return luaL_checkudata(L, idx, name);
}

void pl_class_push_parent(lua_State *L, int idx)
{
  lua_getiuservalue(L, idx, UV_PARENT);
}

void pl_class_cache_set(lua_State *L, int idx, const char *key)
{
  idx = lua_absindex(L, idx);
  lua_getiuservalue(L, idx, UV_CACHE);
  lua_insert(L, -2);
  lua_setfield(L, -2, key);
  lua_pop(L, 1);
}

void pl_class_push_cache(lua_State *L, int idx)
{
  lua_getiuservalue(L, idx, UV_CACHE);
}

void pl_class_add_fields(lua_State *L, const char *name, const struct pl_field *fields)
{
  luaL_getmetatable(L, name);
  lua_getfield(L, -1, "__index");
  /* Upvalue 2 of class_index: the fields table. */
  lua_getupvalue(L, -1, 2);
  for (const struct pl_field *f = fields; f->name; f++) {
    lua_pushcfunction(L, f->get);
    lua_setfield(L, -2, f->name);
  }
  lua_pop(L, 3);
}
