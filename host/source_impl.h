/* What every source kind implements; only source*.c include this. */
#ifndef PL_SOURCE_IMPL_H
#define PL_SOURCE_IMPL_H

#include "source.h"

struct pl_source_ops {
  struct pl_walk *(*walk_start)(struct pl_source *src, const struct pl_range *range,
                                struct pl_error **err);
  int (*walk_next)(struct pl_walk *walk, struct pl_item *item, struct pl_error **err);
  const char *(*walk_lower)(struct pl_walk *walk);
  void (*walk_free)(struct pl_walk *walk);
  GBytes *(*read)(struct pl_source *src, const struct pl_item *item, struct pl_error **err);
  void (*free)(struct pl_source *src);
};

/* The first member of every kind's source struct. */
struct pl_source {
  const struct pl_source_ops *ops;
  enum pl_source_kind kind;
  char *path;
};

/* The first member of every kind's walk struct. */
struct pl_walk {
  struct pl_source *src;
  unsigned yielded;
};

/* Openers: each returns NULL with *err set when path is not of its kind
 * or cannot be read. */
struct pl_source *pl_source_git_open(const char *path, struct pl_error **err);
struct pl_source *pl_source_mbox_open(const char *path, GBytes *contents,
                                      enum pl_source_kind kind, struct pl_error **err);
struct pl_source *pl_source_maildir_open(const char *path, struct pl_error **err);
struct pl_source *pl_source_eml_open(const char *path, GBytes *contents,
                                     enum pl_source_kind kind, struct pl_error **err);

/* Rejects a revision range on a source that has no revisions. */
int pl_source_no_rev(const struct pl_source *src, const struct pl_range *range,
                     struct pl_error **err);

#endif
