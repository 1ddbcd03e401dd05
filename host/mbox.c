#include "mbox.h"

#include <string.h>

static int is_from_line(const char *p, const char *end)
{
  return end - p >= 5 && memcmp(p, "From ", 5) == 0;
}

/* Where a message that ends with a blank line stops without it: the blank
 * line before a "From " line, and the one mbox writers (mboxrd, git
 * format-patch --stdout) put after the last message, belong to the format. */
static size_t before_blank_line(const char *data, size_t start, size_t stop)
{
  if (stop > start && data[stop - 1] == '\n')
    stop--;
  if (stop > start && data[stop - 1] == '\r')
    stop--;
  return stop;
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
        cur.length = before_blank_line(data, cur.offset, (size_t)(p - data)) - cur.offset;
        g_array_append_val(spans, cur);
      }
      cur.offset = (size_t)(next - data);
      open = 1;
    }
    prev_blank = nl && ((next - p == 1) || (next - p == 2 && p[0] == '\r'));
    p = next;
  }
  if (open) {
    cur.length = (prev_blank ? before_blank_line(data, cur.offset, len) : len) - cur.offset;
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
