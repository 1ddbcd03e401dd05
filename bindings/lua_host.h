/* The Lua host: a sandboxed Lua 5.4 state with patchlore's modules, the
 * user's module directories before the bundled scripts, and limits. */
#ifndef PL_LUA_HOST_H
#define PL_LUA_HOST_H

#include <stddef.h>
#include <stdio.h>

struct pl_lua_options {
  const char *const *lib_dirs; /* searched before the bundled scripts */
  size_t n_lib_dirs;
  size_t max_memory;           /* bytes the script may hold; 0: no limit */
  double timeout;              /* seconds of running time; 0: no limit */
};

/* Runs a command (a module name such as "digest") or a script file (a path
 * containing '/' or ending in ".lua") with args as `arg` and `...`.
 * Returns the process exit status: 0, or PL_ERR_* (error.h). */
int pl_lua_run(const struct pl_lua_options *opt, const char *script, int argc,
               char *const argv[]);

/* Prints the bundled commands with their one-line summaries on out. */
void pl_lua_list_commands(FILE *out);

#endif
