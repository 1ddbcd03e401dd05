/* The `patchlore` module: the entry points a script starts from. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bindings.h"
#include "config.h"
#include "diag.h"
#include "l_person.h"

#define PL_EXIT "patchlore.exit"

int pl_l_raise_exit(lua_State *L, int code, const char *message)
{
  lua_createtable(L, 0, 2);
  lua_pushinteger(L, code);
  lua_setfield(L, -2, "code");
  lua_pushstring(L, message);
  lua_setfield(L, -2, "message");
  luaL_setmetatable(L, PL_EXIT);
  return lua_error(L);
}

/* patchlore.usage_error(msg) / patchlore.input_error(msg): end the run
 * with the documented exit code and "patchlore: msg" on stderr. */
static int usage_error(lua_State *L)
{
  return pl_l_raise_exit(L, PL_ERR_USAGE, luaL_checkstring(L, 1));
}

static int input_error(lua_State *L)
{
  return pl_l_raise_exit(L, PL_ERR_INPUT, luaL_checkstring(L, 1));
}

/* patchlore.write_file(path, contents): writes a temporary file beside
 * path and renames it over path, so a reader never sees half a file.
 * Returns true, or nil and a message. */
static int write_file(lua_State *L)
{
  const char *path = luaL_checkstring(L, 1);
  size_t len;
  const char *data = luaL_checklstring(L, 2, &len);
  char *tmp = g_strdup_printf("%s.tmp.XXXXXX", path);
  int fd = g_mkstemp_full(tmp, O_WRONLY, 0644);
  int ok = fd >= 0;
  for (size_t done = 0; ok && done < len;) {
    ssize_t n = write(fd, data + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    ok = n > 0;
    done += ok ? (size_t)n : 0;
  }
  int saved = errno;
  if (fd >= 0 && (fsync(fd) != 0 || close(fd) != 0) && ok) {
    ok = 0;
    saved = errno;
  }
  if (ok && rename(tmp, path) != 0) {
    ok = 0;
    saved = errno;
  }
  if (!ok && fd >= 0)
    unlink(tmp);
  g_free(tmp);
  if (!ok) {
    luaL_pushfail(L);
    lua_pushfstring(L, "%s: %s", path, strerror(saved));
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* patchlore.warn(input, message): a diagnostic on stderr, in the house
 * format, through the core's one function (counted as a note: nowhere). */
static int warn_input(lua_State *L)
{
  pl_diag(PL_DIAG_NOTE, luaL_checkstring(L, 1), "%s", luaL_checkstring(L, 2));
  return 0;
}

int luaopen_patchlore(lua_State *L)
{
  static const luaL_Reg functions[] = {
      {"open", pl_l_inbox_open},
      {"person", pl_l_person_parse},
      {"parse_subject", pl_l_parse_subject},
      {"usage_error", usage_error},
      {"input_error", input_error},
      {"write_file", write_file},
      {"warn", warn_input},
      {NULL, NULL},
  };
  luaL_newmetatable(L, PL_EXIT);
  lua_pop(L, 1);
  pl_l_person_register(L);
  pl_l_inbox_register(L);
  pl_l_message_register(L);
  pl_l_patch_register(L);
  pl_l_series_register(L);
  luaL_newlib(L, functions);
  lua_pushliteral(L, PL_VERSION);
  lua_setfield(L, -2, "version");
  return 1;
}
