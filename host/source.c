#include "source_impl.h"

#include "mail.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void pl_item_clear(struct pl_item *item)
{
  g_free(item->summary);
  g_free(item->author_name);
  g_free(item->author_email);
  g_free(item->path);
  memset(item, 0, sizeof *item);
}

void pl_item_copy(struct pl_item *dst, const struct pl_item *src)
{
  *dst = *src;
  dst->summary = g_strdup(src->summary);
  dst->author_name = g_strdup(src->author_name);
  dst->author_email = g_strdup(src->author_email);
  dst->path = g_strdup(src->path);
}

static int is_dir(const char *path)
{
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int has_subdir(const char *path, const char *sub)
{
  char *p = g_build_filename(path, sub, NULL);
  int yes = is_dir(p);
  g_free(p);
  return yes;
}

/* A file holds an mbox when it starts with a "From " separator line, after
 * any blank lines (some tools write one before the first separator). */
static int looks_like_mbox(GBytes *contents)
{
  gsize len;
  const char *p = g_bytes_get_data(contents, &len), *end = p + len;
  while (p < end && (*p == '\n' || (*p == '\r' && end - p > 1 && p[1] == '\n')))
    p += *p == '\n' ? 1 : 2;
  return end - p >= 5 && memcmp(p, "From ", 5) == 0;
}

/* Where the header block ends: at its blank line, else at the end. */
static size_t header_block_length(const char *data, size_t len)
{
  for (const char *p = data, *end = data + len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
    if (p + 1 < end && (p[1] == '\n' || (p[1] == '\r' && p + 2 < end && p[2] == '\n')))
      return (size_t)(p + 1 - data);
  return len;
}

/* Anything else must be one message, with headers: a README or a binary
 * is not an archive, and reading it as an empty message would hide that.
 * An empty file holds no message and is fine. GMime decides, on the header
 * block alone: the body is parsed once, when the message is read. */
static int looks_like_message(GBytes *contents)
{
  gsize len;
  const char *data = g_bytes_get_data(contents, &len);
  if (len == 0)
    return 1;
  GBytes *head = g_bytes_new_from_bytes(contents, 0, header_block_length(data, len));
  struct pl_mail *mail = pl_mail_parse(head);
  g_bytes_unref(head);
  int yes = pl_mail_header_list(mail)->len > 0;
  pl_mail_free(mail);
  return yes;
}

/* An mbox, or a single message, from a file's or stdin's bytes; takes
 * contents. */
static struct pl_source *open_bytes(const char *path, GBytes *contents, int is_stdin,
                                    struct pl_error **err)
{
  if (looks_like_mbox(contents))
    return pl_source_mbox_open(path, contents, is_stdin ? PL_SOURCE_STDIN : PL_SOURCE_MBOX, err);
  if (!looks_like_message(contents)) {
    g_bytes_unref(contents);
    pl_fail(err, PL_ERR_INPUT,
            "%s: not an archive (neither an mbox nor a mail message: no headers found)", path);
    return NULL;
  }
  return pl_source_eml_open(path, contents, is_stdin ? PL_SOURCE_STDIN : PL_SOURCE_EML, err);
}

static GBytes *read_stdin(struct pl_error **err)
{
  GByteArray *buf = g_byte_array_new();
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
    g_byte_array_append(buf, (const guint8 *)chunk, n);
  if (ferror(stdin)) {
    g_byte_array_unref(buf);
    pl_fail(err, PL_ERR_INPUT, "-: cannot read standard input: %s", strerror(errno));
    return NULL;
  }
  return g_byte_array_free_to_bytes(buf);
}

static GBytes *read_file(const char *path, const struct stat *st, struct pl_error **err)
{
  GError *gerr = NULL;
  if (!S_ISREG(st->st_mode)) {
    /* A pipe (patchlore digest <(zcat list.mbox.gz)) cannot be mapped. */
    char *data = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &data, &len, &gerr)) {
      pl_fail(err, PL_ERR_INPUT, "%s: cannot read: %s", path, gerr->message);
      g_error_free(gerr);
      return NULL;
    }
    return g_bytes_new_take(data, len);
  }
  GMappedFile *map = g_mapped_file_new(path, FALSE, &gerr);
  if (!map) {
    pl_fail(err, PL_ERR_INPUT, "%s: cannot read: %s", path, gerr->message);
    g_error_free(gerr);
    return NULL;
  }
  GBytes *bytes = g_mapped_file_get_bytes(map);
  g_mapped_file_unref(map);
  return bytes;
}

struct pl_source *pl_source_open(const char *path, struct pl_error **err)
{
  if (strcmp(path, "-") == 0) {
    GBytes *in = read_stdin(err);
    return in ? open_bytes(path, in, 1, err) : NULL;
  }
  struct stat st;
  if (stat(path, &st) != 0) {
    pl_fail(err, PL_ERR_INPUT, "%s: %s", path, strerror(errno));
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    if (has_subdir(path, "cur") && has_subdir(path, "new"))
      return pl_source_maildir_open(path, err);
    return pl_source_git_open(path, err);
  }
  GBytes *contents = read_file(path, &st, err);
  return contents ? open_bytes(path, contents, 0, err) : NULL;
}

void pl_source_free(struct pl_source *src)
{
  if (!src)
    return;
  char *path = src->path;
  src->ops->free(src);
  g_free(path);
}

enum pl_source_kind pl_source_kind(const struct pl_source *src)
{
  return src->kind;
}

const char *pl_source_kind_name(enum pl_source_kind kind)
{
  static const char *const names[] = {
      [PL_SOURCE_V2] = "public-inbox-v2", [PL_SOURCE_GIT] = "git",
      [PL_SOURCE_V1] = "public-inbox-v1", [PL_SOURCE_MBOX] = "mbox",
      [PL_SOURCE_MAILDIR] = "maildir",    [PL_SOURCE_EML] = "eml",
      [PL_SOURCE_STDIN] = "stdin",
  };
  return names[kind];
}

const char *pl_source_path(const struct pl_source *src)
{
  return src->path;
}

int pl_source_is_git(const struct pl_source *src)
{
  return src->kind == PL_SOURCE_V2 || src->kind == PL_SOURCE_GIT || src->kind == PL_SOURCE_V1;
}

int pl_source_no_rev(const struct pl_source *src, const struct pl_range *range,
                     struct pl_error **err)
{
  if (range && range->rev && *range->rev)
    return pl_fail(err, PL_ERR_USAGE, "%s: revision '%s' given, but a %s has no revisions",
                   src->path, range->rev, pl_source_kind_name(src->kind));
  return 0;
}

struct pl_walk *pl_walk_start(struct pl_source *src, const struct pl_range *range,
                              struct pl_error **err)
{
  static const struct pl_range everything;
  return src->ops->walk_start(src, range ? range : &everything, err);
}

int pl_walk_next(struct pl_walk *walk, struct pl_item *item, struct pl_error **err)
{
  int rc = walk->src->ops->walk_next(walk, item, err);
  if (rc == 1)
    item->index = walk->yielded++;
  return rc;
}

const char *pl_walk_lower(const struct pl_walk *walk)
{
  return walk->src->ops->walk_lower ? walk->src->ops->walk_lower((struct pl_walk *)walk) : "";
}

void pl_walk_free(struct pl_walk *walk)
{
  if (walk)
    walk->src->ops->walk_free(walk);
}

GBytes *pl_source_read(struct pl_source *src, const struct pl_item *item,
                       struct pl_error **err)
{
  return src->ops->read(src, item, err);
}

char *pl_item_describe(const struct pl_source *src, const struct pl_item *item)
{
  if (item->has_commit) {
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &item->commit);
    return g_strdup_printf("%s: commit %.12s", src->path, hex);
  }
  if (item->path)
    return g_strdup(item->path);
  if (item->number)
    return g_strdup_printf("%s: message %u at byte %zu", src->path, item->number,
                           item->offset);
  return g_strdup(src->path);
}
