/* Persons as Lua values: a table {name, address, domain} whose metatable
 * gives tostring "Name <address>" (or "<address>") and equality by address. */
#ifndef PL_L_PERSON_H
#define PL_L_PERSON_H

#include <lua.h>

/* Pushes a person; name may be NULL or "" (no name), address NULL or "". */
void pl_l_push_person(lua_State *L, const char *name, const char *address);

/* Registers the person metatable and the `patchlore.person(text)` parser. */
void pl_l_person_register(lua_State *L);

/* Pushes patchlore.person: parses "Name <address>" into a person or nil. */
int pl_l_person_parse(lua_State *L);

#endif
