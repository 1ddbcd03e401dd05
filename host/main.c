/* The command line: global options, then a command or a script. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "error.h"
#include "lua_host.h"

static void usage(FILE *out)
{
  fprintf(out,
          "usage: patchlore [OPTIONS] COMMAND [ARGS...]\n"
          "       patchlore [OPTIONS] ./script.lua [ARGS...]\n"
          "\n"
          "Options (before the command):\n"
          "  -L, --lib DIR        look for Lua modules in DIR first (repeatable;\n"
          "                       PATCHLORE_PATH, colon-separated, comes after)\n"
          "  --max-memory MB      stop a script that holds more than MB megabytes\n"
          "  --timeout SECONDS    stop a script that runs longer than SECONDS\n"
          "  -h, --help           this text\n"
          "  --version            the version\n"
          "\n"
          "Commands:\n");
  pl_lua_list_commands(out);
  fprintf(out, "\n'patchlore COMMAND --help' tells more. Exit status: 0 success, 1 script\n"
               "or runtime error, 2 usage error, 3 input error.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
  fprintf(stderr, "patchlore: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, " (patchlore --help)\n");
  return PL_ERR_USAGE;
}

static int parse_number(const char *s, double *out)
{
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || end == s || *end || v <= 0)
    return -1;
  *out = v;
  return 0;
}

int main(int argc, char **argv)
{
  struct pl_lua_options opt = {0};
  const char **dirs = calloc((size_t)argc + 64, sizeof *dirs);
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    const char *a = argv[i];
    double v;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(stdout);
      free(dirs);
      return 0;
    } else if (!strcmp(a, "--version")) {
      printf("patchlore %s\n", PL_VERSION);
      free(dirs);
      return 0;
    } else if (!strcmp(a, "-L") || !strcmp(a, "--lib")) {
      if (++i >= argc) {
        free(dirs);
        return usage_error("%s needs a directory", a);
      }
      dirs[opt.n_lib_dirs++] = argv[i];
    } else if (!strcmp(a, "--max-memory") || !strcmp(a, "--timeout")) {
      if (i + 1 >= argc || parse_number(argv[i + 1], &v) != 0) {
        free(dirs);
        return usage_error("%s needs a positive number", a);
      }
      i++;
      if (a[2] == 'm')
        opt.max_memory = (size_t)(v * 1024 * 1024);
      else
        opt.timeout = v;
    } else {
      free(dirs);
      return usage_error("unknown option '%s'", a);
    }
  }
  if (i >= argc) {
    usage(stderr);
    free(dirs);
    return PL_ERR_USAGE;
  }
  const char *env = getenv("PATCHLORE_PATH");
  char *env_copy = env ? strdup(env) : NULL;
  for (char *save = NULL, *d = env_copy ? strtok_r(env_copy, ":", &save) : NULL;
       d && opt.n_lib_dirs < (size_t)argc + 63; d = strtok_r(NULL, ":", &save))
    dirs[opt.n_lib_dirs++] = d;
  opt.lib_dirs = dirs;
  int rc = pl_lua_run(&opt, argv[i], argc - i - 1, argv + i + 1);
  free(env_copy);
  free(dirs);
  return rc;
}
