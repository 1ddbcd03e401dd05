/* mbox sources (mboxrd and mboxo, a file or standard input). A message
 * starts after a "From " line at the start of the file or after a blank
 * line; its bytes are unquoted (">From " -> "From ", one '>' off every
 * ">>...From " line, which is mboxrd's rule and also mboxo's for the
 * lines mboxo quotes) when read. Messages are yielded last first, so that
 * like a git archive the newest comes first. */
#include "source_impl.h"

#include <string.h>

#include "mbox.h"

struct mbox_source {
  struct pl_source base;
  GBytes *contents;
  GArray *spans; /* struct pl_mbox_span, in file order */
};

struct mbox_walk {
  struct pl_walk base;
  guint next; /* spans left to yield, counting down */
};

static const struct pl_source_ops mbox_ops;

struct pl_source *pl_source_mbox_open(const char *path, GBytes *contents,
                                      enum pl_source_kind kind, struct pl_error **err)
{
  (void)err;
  struct mbox_source *src = g_new0(struct mbox_source, 1);
  src->base.ops = &mbox_ops;
  src->base.kind = kind;
  src->base.path = g_strdup(path);
  src->contents = contents;
  gsize len;
  const char *data = g_bytes_get_data(contents, &len);
  src->spans = pl_mbox_split(data, len);
  return &src->base;
}

static struct pl_walk *mbox_walk_start(struct pl_source *base, const struct pl_range *range,
                                       struct pl_error **err)
{
  if (pl_source_no_rev(base, range, err) != 0)
    return NULL;
  struct mbox_walk *walk = g_new0(struct mbox_walk, 1);
  walk->base.src = base;
  walk->next = ((struct mbox_source *)base)->spans->len;
  return &walk->base;
}

static int mbox_walk_next(struct pl_walk *base, struct pl_item *item, struct pl_error **err)
{
  (void)err;
  struct mbox_walk *walk = (struct mbox_walk *)base;
  struct mbox_source *src = (struct mbox_source *)base->src;
  if (walk->next == 0)
    return 0;
  struct pl_mbox_span *span = &g_array_index(src->spans, struct pl_mbox_span, --walk->next);
  item->offset = span->offset;
  item->length = span->length;
  item->number = walk->next + 1;
  return 1;
}

static void mbox_walk_free(struct pl_walk *walk)
{
  g_free(walk);
}

static GBytes *mbox_read(struct pl_source *base, const struct pl_item *item,
                         struct pl_error **err)
{
  (void)err;
  struct mbox_source *src = (struct mbox_source *)base;
  const char *data = g_bytes_get_data(src->contents, NULL);
  return pl_mbox_unquote(data + item->offset, item->length);
}

static void mbox_free(struct pl_source *base)
{
  struct mbox_source *src = (struct mbox_source *)base;
  g_array_unref(src->spans);
  g_bytes_unref(src->contents);
  g_free(src);
}

static const struct pl_source_ops mbox_ops = {
    .walk_start = mbox_walk_start,
    .walk_next = mbox_walk_next,
    .walk_free = mbox_walk_free,
    .read = mbox_read,
    .free = mbox_free,
};
