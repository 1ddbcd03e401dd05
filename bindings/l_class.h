/* The one helper that defines a Lua class over a C object: a metatable
 * named after the class, methods, lazily computed fields cached in the
 * object's uservalue, and a parent pinned so children outlive it. */
#ifndef PL_L_CLASS_H
#define PL_L_CLASS_H

#include <lauxlib.h>
#include <lua.h>

/* A field computed on first read: pushes exactly one value, which is
 * cached in the object (so it is computed once). */
struct pl_field {
  const char *name;
  lua_CFunction get; /* called with the object at index 1 */
};

struct pl_class {
  const char *name;              /* "patchlore.message" */
  const luaL_Reg *methods;       /* may be NULL; include __gc, __tostring, __eq here */
  const struct pl_field *fields; /* may be NULL; ends with a NULL name */
};

/* Creates the class's metatable (once per state). */
void pl_class_register(lua_State *L, const struct pl_class *cls);

/* Pushes a new zeroed object of the class with size bytes of C data; when
 * parent_idx is not 0, the value at that index is pinned by the object. */
void *pl_class_new(lua_State *L, const char *name, size_t size, int parent_idx);

/* Checks that the value at idx is of the class; returns its C data. */
void *pl_class_check(lua_State *L, int idx, const char *name);

/* Pushes the object's pinned parent (nil when it has none). */
void pl_class_push_parent(lua_State *L, int idx);

/* Stores the value on top of the stack (and pops it) as the object's
 * cached field key, as if a getter had computed it. */
void pl_class_cache_set(lua_State *L, int idx, const char *key);

/* Pushes the object's cache table (for entries under keys that are not
 * field names, such as a light userdata: no script can read them). */
void pl_class_push_cache(lua_State *L, int idx);

/* Adds lazily computed fields to a registered class (a later module
 * extending an earlier one's objects); an existing name is replaced. */
void pl_class_add_fields(lua_State *L, const char *name, const struct pl_field *fields);

#endif
