/* Maildir sources: the files of cur/ and new/, yielded by file name,
 * descending (maildir names begin with the delivery time, so the newest
 * comes first, as in a git archive). */
#include "source_impl.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"

struct maildir_source {
  struct pl_source base;
  GPtrArray *files; /* full paths, sorted by base name, ascending */
};

struct maildir_walk {
  struct pl_walk base;
  guint next;
};

static const struct pl_source_ops maildir_ops;

static int list_dir(GPtrArray *files, const char *root, const char *sub, struct pl_error **err)
{
  char *dir = g_build_filename(root, sub, NULL);
  GError *gerr = NULL;
  GDir *d = g_dir_open(dir, 0, &gerr);
  if (!d) {
    pl_fail(err, PL_ERR_INPUT, "%s: cannot read: %s", dir, gerr->message);
    g_error_free(gerr);
    g_free(dir);
    return -1;
  }
  const char *name;
  while ((name = g_dir_read_name(d)))
    if (name[0] != '.')
      g_ptr_array_add(files, g_build_filename(dir, name, NULL));
  g_dir_close(d);
  g_free(dir);
  return 0;
}

static gint by_base_name(gconstpointer a, gconstpointer b)
{
  const char *pa = *(const char *const *)a, *pb = *(const char *const *)b;
  int c = strcmp(strrchr(pa, '/') + 1, strrchr(pb, '/') + 1);
  return c ? c : strcmp(pa, pb);
}

struct pl_source *pl_source_maildir_open(const char *path, struct pl_error **err)
{
  struct maildir_source *src = g_new0(struct maildir_source, 1);
  src->base.ops = &maildir_ops;
  src->base.kind = PL_SOURCE_MAILDIR;
  src->base.path = g_strdup(path);
  src->files = g_ptr_array_new_with_free_func(g_free);
  if (list_dir(src->files, path, "cur", err) != 0 || list_dir(src->files, path, "new", err) != 0) {
    g_ptr_array_unref(src->files);
    g_free(src->base.path);
    g_free(src);
    return NULL;
  }
  g_ptr_array_sort(src->files, by_base_name);
  return &src->base;
}

static struct pl_walk *maildir_walk_start(struct pl_source *base, const struct pl_range *range,
                                          struct pl_error **err)
{
  if (pl_source_no_rev(base, range, err) != 0)
    return NULL;
  struct maildir_walk *walk = g_new0(struct maildir_walk, 1);
  walk->base.src = base;
  walk->next = ((struct maildir_source *)base)->files->len;
  return &walk->base;
}

static int maildir_walk_next(struct pl_walk *base, struct pl_item *item, struct pl_error **err)
{
  (void)err;
  struct maildir_walk *walk = (struct maildir_walk *)base;
  while (walk->next > 0) {
    const char *path = ((struct maildir_source *)base->src)->files->pdata[--walk->next];
    /* Only a file holds a message; anything else is said, not yielded. */
    struct stat st;
    if (stat(path, &st) != 0) {
      pl_diag(PL_DIAG_SKIPPED, path, "cannot read: %s", strerror(errno));
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      pl_diag(PL_DIAG_NOTE, path, "a directory, not a message: left out");
      continue;
    }
    if (!S_ISREG(st.st_mode)) {
      pl_diag(PL_DIAG_SKIPPED, path, "not a regular file: left out");
      continue;
    }
    item->path = g_strdup(path);
    return 1;
  }
  return 0;
}

static void maildir_walk_free(struct pl_walk *walk)
{
  g_free(walk);
}

static GBytes *maildir_read(struct pl_source *base, const struct pl_item *item,
                            struct pl_error **err)
{
  (void)base;
  char *data = NULL;
  gsize len = 0;
  GError *gerr = NULL;
  if (!g_file_get_contents(item->path, &data, &len, &gerr)) {
    pl_fail(err, PL_ERR_INPUT, "%s: cannot read: %s", item->path, gerr->message);
    g_error_free(gerr);
    return NULL;
  }
  return g_bytes_new_take(data, len);
}

static void maildir_free(struct pl_source *base)
{
  struct maildir_source *src = (struct maildir_source *)base;
  g_ptr_array_unref(src->files);
  g_free(src);
}

static const struct pl_source_ops maildir_ops = {
    .walk_start = maildir_walk_start,
    .walk_next = maildir_walk_next,
    .walk_free = maildir_walk_free,
    .read = maildir_read,
    .free = maildir_free,
};
