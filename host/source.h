/* Sources: where raw messages come from. A source yields messages in
 * archive order, newest first for git archives (git log order), file order
 * for mbox and maildir, and reads a message's bytes only when asked. */
#ifndef PL_SOURCE_H
#define PL_SOURCE_H

#include <git2.h>
#include <glib.h>
#include <stdint.h>

#include "error.h"

enum pl_source_kind {
  PL_SOURCE_V2,      /* public-inbox v2 inbox: git/0.git, git/1.git, ... */
  PL_SOURCE_GIT,     /* one epoch, or any git repo whose commits carry blob m */
  PL_SOURCE_V1,      /* public-inbox v1: one file per message, 2/38 tree */
  PL_SOURCE_MBOX,    /* mboxrd or mboxo */
  PL_SOURCE_MAILDIR, /* cur/ and new/ */
  PL_SOURCE_EML,     /* one message in a file */
  PL_SOURCE_STDIN,   /* "-": an mbox or a single message */
};

/* One message as a source yields it: where to read it, and for git
 * sources the commit's metadata (public-inbox writes the decoded Subject
 * as the commit message and the From as the author), so that a script
 * that reads only subjects and senders never inflates a blob. */
struct pl_item {
  unsigned index;        /* position in the walk, 0 for the first yielded */
  int has_commit;        /* git sources: the fields below are set */
  git_oid commit;
  git_oid blob;
  unsigned epoch;        /* v2: which git/N.git */
  char *summary;         /* commit message: the Subject, folds kept */
  char *author_name;
  char *author_email;
  int64_t author_time;   /* = the Date header, seconds since the epoch */
  int author_offset;     /* minutes east of UTC */
  int64_t commit_time;   /* when the archive received the message */
  size_t offset, length; /* mbox / stdin: the message's bytes in the file */
  unsigned number;       /* mbox / stdin: its place in the file, 1 for the first */
  char *path;            /* maildir / eml: the message's file */
};

/* Frees what an item owns and zeroes it. */
void pl_item_clear(struct pl_item *item);

/* Copies an item (deep). */
void pl_item_copy(struct pl_item *dst, const struct pl_item *src);

/* What to walk. For git sources, rev is "A..B", "A..", "..B", "B" or NULL
 * (everything); since/until bound the commit (received) time, 0 meaning
 * unbounded. Other sources take no rev; since/until there bound the Date
 * and are applied by the caller. */
struct pl_range {
  const char *rev;
  int64_t since, until;
};

struct pl_source;
struct pl_walk;

/* Opens the archive at path, detecting its kind, read-only. "-" is stdin
 * (read whole, now). Returns NULL and sets *err (PL_ERR_INPUT) when path
 * is not an archive. Free with pl_source_free. */
struct pl_source *pl_source_open(const char *path, struct pl_error **err);
void pl_source_free(struct pl_source *src);

enum pl_source_kind pl_source_kind(const struct pl_source *src);
const char *pl_source_kind_name(enum pl_source_kind kind);
const char *pl_source_path(const struct pl_source *src);
int pl_source_is_git(const struct pl_source *src);

/* Starts a walk over range (NULL: everything). An unknown or ambiguous
 * revision, or a rev on a source that has none, is an error naming it and
 * the archive. Free with pl_walk_free. */
struct pl_walk *pl_walk_start(struct pl_source *src, const struct pl_range *range,
                              struct pl_error **err);

/* Fills *item (which the caller clears) with the next message. Returns 1
 * for a message, 0 at the end, -1 on an error that ends the walk. Commits
 * without a message (deletions, no blob m, blob missing from the pack) are
 * reported through pl_diag where that is news and skipped. */
int pl_walk_next(struct pl_walk *walk, struct pl_item *item, struct pl_error **err);

/* The lower end of a git range as given, resolved to a full id (the root
 * commit of the oldest epoch when the range has none); "" for other sources. */
const char *pl_walk_lower(const struct pl_walk *walk);
void pl_walk_free(struct pl_walk *walk);

/* Reads an item's raw message. Returns NULL and sets *err when the bytes
 * cannot be had (blob missing, file gone). The caller unrefs the bytes. */
GBytes *pl_source_read(struct pl_source *src, const struct pl_item *item,
                       struct pl_error **err);

/* A short name of an item for diagnostics: the commit id (12 hex), the
 * file path, or "mbox: message N at byte O" (N counting from the file's
 * first message). The caller frees it. */
char *pl_item_describe(const struct pl_source *src, const struct pl_item *item);

#endif
