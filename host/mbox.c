#include "mbox.h"

#include <string.h>

static int is_from_line(const char *p, const char *end)
{
  return end - p >= 5 && memcmp(p, "From ", 5) == 0;
}

GArray *pl_mbox_split(const char *data, size_t len)
{
  GArray *spans = g_array_new(FALSE, FALSE, sizeof(struct pl_mbox_span));
  const char *end = data + len, *p = data;
  struct pl_mbox_span cur = {0};
  int open = 0, prev_blank = 1;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *next = nl ? nl + 1 : end;
    if (prev_blank && is_from_line(p, end)) {
      if (open) {
        /* The blank line before the separator belongs to the separator. */
        size_t stop = (size_t)(p - data);
        if (stop > cur.offset && data[stop - 1] == '\n')
          stop--;
        if (stop > cur.offset && data[stop - 1] == '\r')
          stop--;
        cur.length = stop - cur.offset;
        g_array_append_val(spans, cur);
      }
      cur.offset = (size_t)(next - data);
      open = 1;
    }
    prev_blank = (next - p == 1) || (next - p == 2 && p[0] == '\r' && nl);
    p = next;
  }
  if (open) {
    cur.length = len - cur.offset;
    g_array_append_val(spans, cur);
  }
  return spans;
}

GBytes *pl_mbox_unquote(const char *data, size_t len)
{
  GByteArray *out = g_byte_array_sized_new(len);
  const char *end = data + len, *p = data;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *next = nl ? nl + 1 : end;
    const char *q = p;
    while (q < next && *q == '>')
      q++;
    if (q > p && is_from_line(q, next))
      p++;
    g_byte_array_append(out, (const guint8 *)p, (guint)(next - p));
    p = next;
  }
  return g_byte_array_free_to_bytes(out);
}
