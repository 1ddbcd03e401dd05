#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static unsigned counts[3];
static int quiet;

void pl_diag(enum pl_diag_kind kind, const char *input, const char *fmt, ...)
{
  counts[kind]++;
  if (quiet)
    return;
  va_list ap;
  va_start(ap, fmt);
  fputs("patchlore: ", stderr);
  if (input)
    fprintf(stderr, "%s: ", input);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

unsigned pl_diag_count(enum pl_diag_kind kind)
{
  return counts[kind];
}

void pl_diag_summary(void)
{
  unsigned skipped = counts[PL_DIAG_SKIPPED], damaged = counts[PL_DIAG_DAMAGED];
  if (!skipped && !damaged)
    return;
  fprintf(stderr, "patchlore: %u message%s skipped, %u damaged\n", skipped,
          skipped == 1 ? "" : "s", damaged);
}

void pl_diag_set_quiet(int q)
{
  quiet = q;
}
