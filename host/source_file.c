/* A single message: an .eml file, or standard input that is not an mbox. */
#include "source_impl.h"

struct eml_source {
  struct pl_source base;
  GBytes *contents;
};

struct eml_walk {
  struct pl_walk base;
  int done;
};

static const struct pl_source_ops eml_ops;

struct pl_source *pl_source_eml_open(const char *path, GBytes *contents,
                                     enum pl_source_kind kind, struct pl_error **err)
{
  (void)err;
  struct eml_source *src = g_new0(struct eml_source, 1);
  src->base.ops = &eml_ops;
  src->base.kind = kind;
  src->base.path = g_strdup(path);
  src->contents = contents;
  return &src->base;
}

static struct pl_walk *eml_walk_start(struct pl_source *base, const struct pl_range *range,
                                      struct pl_error **err)
{
  if (pl_source_no_rev(base, range, err) != 0)
    return NULL;
  struct eml_walk *walk = g_new0(struct eml_walk, 1);
  walk->base.src = base;
  /* An empty file or input holds no message. */
  walk->done = g_bytes_get_size(((struct eml_source *)base)->contents) == 0;
  return &walk->base;
}

static int eml_walk_next(struct pl_walk *base, struct pl_item *item, struct pl_error **err)
{
  (void)err;
  struct eml_walk *walk = (struct eml_walk *)base;
  if (walk->done)
    return 0;
  walk->done = 1;
  item->length = g_bytes_get_size(((struct eml_source *)base->src)->contents);
  return 1;
}

static void eml_walk_free(struct pl_walk *walk)
{
  g_free(walk);
}

static GBytes *eml_read(struct pl_source *base, const struct pl_item *item,
                        struct pl_error **err)
{
  (void)item;
  (void)err;
  return g_bytes_ref(((struct eml_source *)base)->contents);
}

static void eml_free(struct pl_source *base)
{
  struct eml_source *src = (struct eml_source *)base;
  g_bytes_unref(src->contents);
  g_free(src);
}

static const struct pl_source_ops eml_ops = {
    .walk_start = eml_walk_start,
    .walk_next = eml_walk_next,
    .walk_free = eml_walk_free,
    .read = eml_read,
    .free = eml_free,
};
