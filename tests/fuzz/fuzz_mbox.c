/* The mbox splitter and the ">From " unquoting (host/mbox.h) on raw
 * bytes: spans stay inside the data, in order and apart, and unquoting
 * only ever removes bytes, one '>' per quoted line. */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "mbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *text = (const char *)data;
  GArray *spans = pl_mbox_split(text, size);
  size_t end = 0;
  for (guint i = 0; i < spans->len; i++) {
    const struct pl_mbox_span *s = &g_array_index(spans, struct pl_mbox_span, i);
    FUZZ_CHECK(s->offset >= end);
    FUZZ_CHECK(s->offset <= size && s->length <= size - s->offset);
    end = s->offset + s->length;
    GBytes *msg = pl_mbox_unquote(text + s->offset, s->length);
    FUZZ_CHECK(g_bytes_get_size(msg) <= s->length);
    g_bytes_unref(msg);
  }
  g_array_unref(spans);

  /* The whole input as one message: each line loses at most one byte. */
  GBytes *all = pl_mbox_unquote(text, size);
  gsize n;
  const char *out = g_bytes_get_data(all, &n);
  size_t lines = 0;
  for (size_t i = 0; i < size; i++)
    lines += data[i] == '\n';
  FUZZ_CHECK(n <= size && n + lines + 1 >= size);
  FUZZ_CHECK(n == 0 || out != NULL);
  g_bytes_unref(all);
  return 0;
}
