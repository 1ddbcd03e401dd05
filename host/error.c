#include "error.h"

#include <glib.h>
#include <stdarg.h>

int pl_fail(struct pl_error **err, enum pl_status code, const char *fmt, ...)
{
  if (!err || *err)
    return -1;
  struct pl_error *e = g_new0(struct pl_error, 1);
  va_list ap;
  va_start(ap, fmt);
  e->code = code;
  e->message = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  *err = e;
  return -1;
}

void pl_error_free(struct pl_error *err)
{
  if (!err)
    return;
  g_free(err->message);
  g_free(err);
}
