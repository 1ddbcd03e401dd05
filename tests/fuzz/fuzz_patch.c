/* The patch path (host/patch.h, diff.h, trailer.h, patchid.h) on any
 * text, given as a pointer and a length with no NUL after it (so the
 * address sanitizer sees a read past the end): every offset stays inside
 * the text and the parts come in the order patch.h documents. */
#include <string.h>

#include <glib.h>

#include "diff.h"
#include "fuzz.h"
#include "patch.h"
#include "patchid.h"
#include "trailer.h"

static void check_trailers(const GPtrArray *trailers)
{
  FUZZ_CHECK(trailers != NULL);
  for (guint i = 0; i < trailers->len; i++) {
    const struct pl_trailer *t = trailers->pdata[i];
    FUZZ_CHECK(t->key != NULL && *t->key != '\0' && t->value != NULL);
    FUZZ_CHECK(t->person == NULL || t->person->address != NULL);
  }
}

static void check_stat(const struct pl_diff_stat *st, size_t from, size_t to)
{
  FUZZ_CHECK(st->offset >= from && st->offset <= to && st->length <= to - st->offset);
  FUZZ_CHECK(st->summary_offset >= st->offset);
  FUZZ_CHECK(st->summary_offset + st->summary_length <= st->offset + st->length);
  for (guint i = 0; i < st->files->len; i++) {
    const struct pl_diff_stat_file *f = st->files->pdata[i];
    FUZZ_CHECK(f->path != NULL);
    FUZZ_CHECK(!f->binary || f->changes == 0);
  }
}

static void check_diff(const struct pl_diff *d, size_t start, size_t len)
{
  FUZZ_CHECK(d->files->len > 0);
  FUZZ_CHECK(d->offset == start && d->length <= len - d->offset);
  size_t end = d->offset;
  guint64 added = 0, removed = 0;
  for (guint i = 0; i < d->files->len; i++) {
    const struct pl_diff_file *f = d->files->pdata[i];
    FUZZ_CHECK(f->offset >= end && f->length <= d->offset + d->length - f->offset);
    /* Both paths may be NULL: `diff --git a/x` alone, or `--- /dev/null`
     * then `+++ /dev/null`, names no file at all. */
    FUZZ_CHECK(f->status != PL_DIFF_ADDED || f->old_path == NULL);
    FUZZ_CHECK(f->status != PL_DIFF_DELETED || f->new_path == NULL);
    size_t hend = f->offset;
    for (guint j = 0; j < f->hunks->len; j++) {
      const struct pl_diff_hunk *h = f->hunks->pdata[j];
      FUZZ_CHECK(h->offset >= hend && h->length <= f->offset + f->length - h->offset);
      hend = h->offset + h->length;
    }
    end = f->offset + f->length;
    added = added > G_MAXUINT64 - f->added ? G_MAXUINT64 : added + f->added;
    removed = removed > G_MAXUINT64 - f->removed ? G_MAXUINT64 : removed + f->removed;
  }
  FUZZ_CHECK(d->added == added && d->removed == removed);
}

static void check_patch(const struct pl_patch *p, size_t len)
{
  FUZZ_CHECK(p->headers != NULL && p->message != NULL);
  FUZZ_CHECK(p->body_offset <= len && p->message_end <= len);
  FUZZ_CHECK(p->body_offset <= p->message_end);
  FUZZ_CHECK(p->separator_offset == PL_PATCH_NONE ||
             (p->separator_offset == p->message_end && p->separator_offset < len));
  FUZZ_CHECK(p->signature_offset == PL_PATCH_NONE || p->signature_offset < len);
  FUZZ_CHECK(p->author == NULL || p->author->address != NULL);
  check_trailers(p->trailers);
  check_trailers(p->info);
  if (p->diffstat)
    check_stat(p->diffstat, 0, len);
  if (p->diff) {
    FUZZ_CHECK(pl_patch_has_diff(p));
    FUZZ_CHECK(p->diff->offset >= p->message_end);
    check_diff(p->diff, p->diff->offset, len);
  }
  FUZZ_CHECK(p->diff != NULL || p->patch_id == NULL);
  if (p->patch_id)
    FUZZ_CHECK(strlen(p->patch_id) == PL_PATCHID_HEX_LEN);
  if (p->pull)
    FUZZ_CHECK(p->pull->repository != NULL);
  (void)pl_patch_header(p, "From");
  (void)pl_patch_info(p, "base-commit");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *text = (const char *)data;

  struct pl_patch *p = pl_patch_parse(text, size);
  check_patch(p, size);
  pl_patch_free(p);
  if (size == 0) {
    p = pl_patch_parse(NULL, 0);
    check_patch(p, 0);
    pl_patch_free(p);
  }

  /* The pieces on their own, as a reply or a cover letter uses them. */
  size_t sig = 0;
  size_t start = pl_diff_find(text, size, 0, size, &sig);
  if (start != PL_DIFF_NONE) {
    FUZZ_CHECK(start < size);
    struct pl_diff *d = pl_diff_parse(text, size, start);
    if (d)
      check_diff(d, start, size);
    pl_diff_free(d);
  } else {
    FUZZ_CHECK(sig == PL_DIFF_NONE || sig < size);
  }
  struct pl_diff_stat *st = pl_diff_stat_find(text, size, 0, size);
  if (st)
    check_stat(st, 0, size);
  pl_diff_stat_free(st);

  GPtrArray *t = pl_trailer_parse(text, size);
  check_trailers(t);
  g_ptr_array_unref(t);
  t = pl_trailer_find_in_reply(text, size);
  check_trailers(t);
  g_ptr_array_unref(t);
  t = pl_trailer_find_info(text, size);
  check_trailers(t);
  g_ptr_array_unref(t);

  struct pl_trailer_person *person = pl_trailer_person_parse(text, size);
  FUZZ_CHECK(person == NULL || person->address != NULL);
  pl_trailer_person_free(person);

  char id[PL_PATCHID_HEX_LEN + 1];
  int have = pl_patchid_stable(text, size, id);
  FUZZ_CHECK(strlen(id) == (have ? PL_PATCHID_HEX_LEN : 0u));

  struct pl_patch_pull *pull = pl_patch_pull_parse(text, size);
  FUZZ_CHECK(pull == NULL || pull->repository != NULL);
  pl_patch_pull_free(pull);

  /* Every line alone, as the message and diffstat scanners see them. */
  for (size_t pos = 0; pos < size;) {
    const char *nl = memchr(text + pos, '\n', size - pos);
    size_t n = nl ? (size_t)(nl - (text + pos)) : size - pos;
    struct pl_diff_stat_file *f = pl_diff_stat_parse_line(text + pos, n);
    FUZZ_CHECK(f == NULL || f->path != NULL);
    pl_diff_stat_file_free(f);
    guint64 files, ins, del;
    (void)pl_diff_stat_is_summary(text + pos, n, &files, &ins, &del);
    (void)pl_trailer_is_info_line(text + pos, n);
    pos += n + 1;
  }
  return 0;
}
