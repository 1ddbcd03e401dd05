#include "lua_host.h"

#include <glib.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bindings.h"
#include "diag.h"
#include "error.h"
#include "scripts.h"

struct limits {
  size_t used, max;
  double deadline; /* CLOCK_MONOTONIC seconds; 0: none */
  int hit_memory, hit_timeout;
  lua_State *L; /* for the allocator to arm the hook */
};

static void limit_hook(lua_State *L, lua_Debug *ar);

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The allocator counts what the script holds and refuses past the cap;
 * Lua turns the refusal into a "not enough memory" error. */
static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  struct limits *lim = ud;
  if (!ptr)
    osize = 0;
  if (nsize == 0) {
    free(ptr);
    lim->used -= osize;
    return NULL;
  }
  if (lim->max && nsize > osize && lim->used + (nsize - osize) > lim->max) {
    /* From now on the hook fails every instruction, so a pcall in the
     * script cannot catch the refusal and allocate again. */
    if (!lim->hit_memory && lim->L)
      lua_sethook(lim->L, limit_hook, LUA_MASKCOUNT, 1);
    lim->hit_memory = 1;
    return NULL;
  }
  void *p = realloc(ptr, nsize);
  if (p)
    lim->used = lim->used - osize + nsize;
  return p;
}

static struct limits *limits_of(lua_State *L)
{
  void *ud;
  lua_getallocf(L, &ud);
  return ud;
}

/* Once a limit is hit, the hook fires at every instruction, so a pcall in
 * the script cannot swallow the error and carry on. */
static void limit_hook(lua_State *L, lua_Debug *ar)
{
  (void)ar;
  struct limits *lim = limits_of(L);
  if (lim->hit_memory)
    luaL_error(L, "script stopped: --max-memory reached");
  if (!lim->hit_timeout && (!lim->deadline || now() < lim->deadline))
    return;
  if (!lim->hit_timeout) {
    lim->hit_timeout = 1;
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, 1);
  }
  luaL_error(L, "script stopped: --timeout reached");
}

static const struct pl_script *bundled(const char *module)
{
  for (const struct pl_script *s = pl_scripts; s->module; s++)
    if (strcmp(s->module, module) == 0)
      return s;
  return NULL;
}

/* Searcher for the bundled scripts, after the user's directories. */
static int search_bundled(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  const struct pl_script *s = bundled(name);
  if (!s) {
    lua_pushfstring(L, "no bundled module '%s'", name);
    return 1;
  }
  if (luaL_loadbufferx(L, s->source, s->len, s->chunkname, "t") != LUA_OK)
    return lua_error(L);
  lua_pushstring(L, s->chunkname + 1);
  return 2;
}

/* Searcher for the user's directories: like Lua's own, text chunks only. */
static int search_path(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "path");
  const char *path = lua_tostring(L, -1);
  if (!path || !*path) {
    lua_pushliteral(L, "no user module directories");
    return 1;
  }
  lua_getfield(L, -2, "searchpath"); /* the package table */
  lua_pushstring(L, name);
  lua_pushstring(L, path);
  lua_call(L, 2, 2);
  if (lua_isnil(L, -2))
    return 1; /* the message listing the files tried */
  const char *found = lua_tostring(L, -2);
  if (luaL_loadfilex(L, found, "t") != LUA_OK)
    return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", name, found,
                      lua_tostring(L, -1));
  lua_pushstring(L, found);
  return 2;
}

/* Only preload (the C module "patchlore"), the user's directories, then
 * the bundled scripts; no C modules at all. */
static void set_searchers(lua_State *L, const struct pl_lua_options *opt)
{
  lua_getglobal(L, "package");
  GString *path = g_string_new(NULL);
  for (size_t i = 0; i < opt->n_lib_dirs; i++) {
    /* Absolute, so that no entry depends on the working directory. */
    char *dir = g_canonicalize_filename(opt->lib_dirs[i], NULL);
    g_string_append_printf(path, "%s%s/?.lua;%s/?/init.lua", path->len ? ";" : "", dir, dir);
    g_free(dir);
  }
  lua_pushstring(L, path->str);
  lua_setfield(L, -2, "path");
  g_string_free(path, TRUE);
  lua_pushliteral(L, "");
  lua_setfield(L, -2, "cpath");
  /* package.loadlib would load any shared library: no C code at all. */
  lua_pushnil(L);
  lua_setfield(L, -2, "loadlib");

  lua_getfield(L, -1, "preload");
  lua_pushcfunction(L, luaopen_patchlore);
  lua_setfield(L, -2, "patchlore");
  lua_pop(L, 1);

  lua_getfield(L, -1, "searchers");
  lua_rawgeti(L, -1, 1); /* the preload searcher */
  lua_newtable(L);
  lua_insert(L, -2);
  lua_rawseti(L, -2, 1);
  lua_pushcfunction(L, search_path);
  lua_rawseti(L, -2, 2);
  lua_pushcfunction(L, search_bundled);
  lua_rawseti(L, -2, 3);
  lua_setfield(L, -3, "searchers");
  lua_pop(L, 2);
}

/* load, loadfile and dofile refuse precompiled chunks. */
static const char text_only[] =
    "local load, loadfile, select = load, loadfile, select\n"
    "_G.load = function(chunk, name, mode, ...)\n"
    "  if select('#', ...) > 0 then return load(chunk, name, 't', ...) end\n"
    "  return load(chunk, name, 't')\n"
    "end\n"
    "_G.loadfile = function(file, mode, ...)\n"
    "  if select('#', ...) > 0 then return loadfile(file, 't', ...) end\n"
    "  return loadfile(file, 't')\n"
    "end\n"
    "_G.dofile = function(file)\n"
    "  local f = assert(loadfile(file, 't'))\n"
    "  return f()\n"
    "end\n";

static int traceback(lua_State *L)
{
  /* An exit request (usage or input error) passes through untouched. */
  if (lua_getmetatable(L, 1)) {
    luaL_getmetatable(L, "patchlore.exit");
    int is_exit = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (is_exit)
      return 1;
  }
  const char *msg = lua_tostring(L, 1);
  if (!msg)
    msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
  luaL_traceback(L, L, msg, 1);
  return 1;
}

static int load_script(lua_State *L, const char *script, const struct pl_lua_options *opt)
{
  (void)opt;
  int is_file = strchr(script, '/') || g_str_has_suffix(script, ".lua");
  if (is_file) {
    int status = luaL_loadfilex(L, script, "t");
    if (status != LUA_OK) {
      /* A file that cannot be opened is a bad argument; one that does
       * not compile is a script that failed. */
      fprintf(stderr, "patchlore: %s\n", lua_tostring(L, -1));
      return status == LUA_ERRFILE ? PL_ERR_USAGE : PL_ERR_RUNTIME;
    }
    return 0;
  }
  /* A command: a user module of that name wins over the bundled one. */
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "searchers");
  for (int i = 2; i <= 3; i++) {
    lua_rawgeti(L, -1, i);
    lua_pushstring(L, script);
    lua_call(L, 1, 2);
    if (lua_isfunction(L, -2)) {
      lua_pop(L, 1);
      lua_replace(L, -3);
      lua_pop(L, 1);
      return 0;
    }
    lua_pop(L, 2);
  }
  lua_pop(L, 2);
  fprintf(stderr, "patchlore: unknown command '%s' (patchlore --help lists them)\n", script);
  return PL_ERR_USAGE;
}

static int report(lua_State *L, int status)
{
  struct limits *lim = limits_of(L);
  if (lim->hit_timeout) {
    fprintf(stderr, "patchlore: script stopped: --timeout reached\n");
    return PL_ERR_RUNTIME;
  }
  if (status == LUA_ERRMEM || lim->hit_memory) {
    fprintf(stderr, "patchlore: script stopped: --max-memory (%zu bytes) reached\n", lim->max);
    return PL_ERR_RUNTIME;
  }
  if (lua_istable(L, -1) && lua_getmetatable(L, -1)) {
    luaL_getmetatable(L, "patchlore.exit");
    int is_exit = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (is_exit) {
      lua_getfield(L, -1, "code");
      lua_getfield(L, -2, "message");
      fprintf(stderr, "patchlore: %s\n", lua_tostring(L, -1));
      return (int)lua_tointeger(L, -2);
    }
  }
  fprintf(stderr, "%s\n", lua_tostring(L, -1) ? lua_tostring(L, -1) : "(error)");
  return PL_ERR_RUNTIME;
}

int pl_lua_run(const struct pl_lua_options *opt, const char *script, int argc,
               char *const argv[])
{
  struct limits lim = {.max = opt->max_memory};
  lua_State *L = lua_newstate(capped_alloc, &lim);
  if (!L) {
    fprintf(stderr, "patchlore: cannot create the Lua state\n");
    return PL_ERR_RUNTIME;
  }
  luaL_openlibs(L);
  set_searchers(L, opt);
  if (luaL_loadbufferx(L, text_only, sizeof text_only - 1, "=text_only", "t") != LUA_OK ||
      lua_pcall(L, 0, 0, 0) != LUA_OK) {
    fprintf(stderr, "patchlore: %s\n", lua_tostring(L, -1));
    lua_close(L);
    return PL_ERR_RUNTIME;
  }

  lua_createtable(L, argc, 1);
  lua_pushstring(L, script);
  lua_rawseti(L, -2, 0);
  for (int i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setglobal(L, "arg");

  int rc = load_script(L, script, opt);
  if (rc != 0) {
    lua_close(L);
    return rc;
  }
  lua_pushcfunction(L, traceback);
  lua_insert(L, -2);
  for (int i = 0; i < argc; i++)
    lua_pushstring(L, argv[i]);
  lim.L = L;
  if (opt->timeout > 0) {
    lim.deadline = now() + opt->timeout;
    lua_sethook(L, limit_hook, LUA_MASKCOUNT, 10000);
  }
  int status = lua_pcall(L, argc, 1, 1);
  if (status != LUA_OK)
    rc = report(L, status);
  else if (lua_isinteger(L, -1))
    rc = (int)lua_tointeger(L, -1);
  lua_sethook(L, NULL, 0, 0);
  lua_close(L);
  pl_diag_summary();
  return rc;
}

/* A command's summary is the first line of its script, "-- summary". */
void pl_lua_list_commands(FILE *out)
{
  for (const struct pl_script *s = pl_scripts; s->module; s++) {
    if (strchr(s->module, '.'))
      continue;
    const char *end = memchr(s->source, '\n', s->len);
    int n = end ? (int)(end - s->source) : (int)s->len;
    const char *line = s->source;
    if (n >= 3 && strncmp(line, "-- ", 3) == 0) {
      line += 3;
      n -= 3;
    }
    fprintf(out, "  %-12s %.*s\n", s->module, n, line);
  }
}
