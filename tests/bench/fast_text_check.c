/* fast_text_check ARCHIVE [RANGE]: for every message of an archive, what
 * the mail model reads without GMime's parse (mail_fast.h) against what it
 * reads through it: the text (against the first text/plain, text/x-patch
 * or text/x-diff part of pl_mail_parts: the same content bytes, charset,
 * text and damage), and the fields read from raw header values (senders
 * and recipients, Message-ID, In-Reply-To, References). Counts patch
 * messages (a leading bracket group saying PATCH, as read_patch_texts.lua
 * decides) apart. Exit 0 when nothing differs, 1 on a mismatch, 3 when the
 * archive cannot be read. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "mail.h"
#include "mail_fast.h"
#include "rfc2047.h"
#include "source.h"

static int is_text_part(const struct pl_part *part)
{
  return strcmp(part->type, "text/plain") == 0 || strcmp(part->type, "text/x-patch") == 0 ||
         strcmp(part->type, "text/x-diff") == 0;
}

/* read_patch_texts.lua's rule: some leading balanced [...] group holds
 * PATCH in any case. */
static int is_patch_subject(const char *subject)
{
  const char *p = subject;
  while (g_ascii_isspace(*p))
    p++;
  while (*p == '[') {
    int depth = 0;
    const char *q = p;
    for (; *q; q++) {
      if (*q == '[')
        depth++;
      else if (*q == ']' && --depth == 0)
        break;
    }
    if (!*q)
      return 0;
    char *group = g_ascii_strup(p, q + 1 - p);
    int hit = strstr(group, "PATCH") != NULL;
    g_free(group);
    if (hit)
      return 1;
    p = q + 1;
    while (g_ascii_isspace(*p))
      p++;
  }
  return 0;
}

static int same_people(const GPtrArray *a, const GPtrArray *b)
{
  if (a->len != b->len)
    return 0;
  for (guint i = 0; i < a->len; i++) {
    const struct pl_person *x = a->pdata[i], *y = b->pdata[i];
    if (g_strcmp0(x->name, y->name) || g_strcmp0(x->address, y->address))
      return 0;
  }
  return 1;
}

static int same_strings(const GPtrArray *a, const GPtrArray *b)
{
  if (a->len != b->len)
    return 0;
  for (guint i = 0; i < a->len; i++)
    if (strcmp(a->pdata[i], b->pdata[i]))
      return 0;
  return 1;
}

/* The fields taken from raw header values, read on a mail whose GMime
 * parse is built (slow) and one whose is not (quick); NULL when they
 * agree, else which differs. */
static const char *compare_fields(struct pl_mail *slow, struct pl_mail *quick)
{
  static const char *const address_fields[] = {"From", "To", "Cc", "Reply-To", "Sender"};
  for (size_t i = 0; i < G_N_ELEMENTS(address_fields); i++)
    if (!same_people(pl_mail_addresses(slow, address_fields[i]),
                     pl_mail_addresses(quick, address_fields[i])))
      return address_fields[i];
  if (g_strcmp0(pl_mail_message_id(slow), pl_mail_message_id(quick)))
    return "Message-ID";
  if (!same_strings(pl_mail_in_reply_to(slow), pl_mail_in_reply_to(quick)))
    return "In-Reply-To";
  if (!same_strings(pl_mail_references(slow), pl_mail_references(quick)))
    return "References";
  return NULL;
}

static const char *or_null(const char *s)
{
  return s ? s : "(null)";
}

int main(int argc, char **argv)
{
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: fast_text_check ARCHIVE [RANGE]\n");
    return 2;
  }
  pl_diag_set_quiet(1);
  struct pl_error *err = NULL;
  struct pl_source *src = pl_source_open(argv[1], &err);
  struct pl_range range = {.rev = argc > 2 ? argv[2] : NULL};
  struct pl_walk *walk = src ? pl_walk_start(src, &range, &err) : NULL;
  if (!walk) {
    fprintf(stderr, "fast_text_check: %s\n", err->message);
    return 3;
  }
  unsigned n = 0, unclean = 0, fast = 0, patches = 0, patches_fast = 0, mismatches = 0;
  unsigned field_mismatches = 0;
  struct pl_item item = {0};
  int rc;
  while ((rc = pl_walk_next(walk, &item, &err)) > 0) {
    GBytes *raw = pl_source_read(src, &item, &err);
    if (!raw) {
      fprintf(stderr, "fast_text_check: %s\n", err->message);
      pl_error_free(err);
      err = NULL;
      pl_item_clear(&item);
      continue;
    }
    n++;
    char *subject = pl_header_unfold(item.summary ? item.summary : "");
    int patch = item.has_commit && is_patch_subject(subject);
    g_free(subject);
    patches += patch;

    gsize len;
    const char *data = g_bytes_get_data(raw, &len);
    struct pl_mail_scan scan;
    pl_mail_scan(data, len, &scan);
    unclean += !scan.clean;
    const char *content;
    size_t content_len;
    char *owned = NULL, *charset = NULL;
    if (pl_mail_fast_content(data, len, &scan, &content, &content_len, &owned, &charset)) {
      fast++;
      patches_fast += patch;
      /* The GMime path, on its own mail. */
      struct pl_mail *slow = pl_mail_parse(raw);
      const GPtrArray *parts = pl_mail_parts(slow);
      const struct pl_part *part = NULL;
      for (guint i = 0; i < parts->len && !part; i++)
        if (is_text_part(parts->pdata[i]))
          part = parts->pdata[i];
      /* The model's text, on another: it takes the fast path. */
      struct pl_mail *quick = pl_mail_parse(raw);
      size_t text_len;
      const char *text = pl_mail_text(quick, &text_len);
      gsize slow_len = 0;
      const char *slow_content = part ? g_bytes_get_data(part->content, &slow_len) : NULL;
      const char *why = NULL;
      if (parts->len != 1 || !part)
        why = "not a single text part in GMime";
      else if (slow_len != content_len || (content_len && memcmp(slow_content, content, content_len)))
        why = "content";
      else if (g_strcmp0(part->charset, charset) != 0)
        why = "charset";
      else if (part->text_len != text_len || memcmp(part->text, text, text_len))
        why = "text";
      else if (g_strcmp0(pl_mail_damage(slow), pl_mail_damage(quick)) != 0)
        why = "damage";
      if (why) {
        mismatches++;
        char *where = pl_item_describe(src, &item);
        fprintf(stderr, "MISMATCH %s: %s (charset %s vs %s)\n", where, why,
                or_null(part ? part->charset : NULL), or_null(charset));
        g_free(where);
      }
      pl_mail_free(quick);
      pl_mail_free(slow);
    }
    g_free(owned);
    g_free(charset);

    struct pl_mail *slow = pl_mail_parse(raw), *quick = pl_mail_parse(raw);
    pl_mail_parts(slow); /* builds its GMime parse */
    const char *field = compare_fields(slow, quick);
    if (field) {
      field_mismatches++;
      char *where = pl_item_describe(src, &item);
      fprintf(stderr, "MISMATCH %s: %s\n", where, field);
      g_free(where);
    }
    pl_mail_free(quick);
    pl_mail_free(slow);
    g_bytes_unref(raw);
    pl_item_clear(&item);
  }
  if (rc < 0) {
    fprintf(stderr, "fast_text_check: %s\n", err->message);
    return 3;
  }
  pl_walk_free(walk);
  pl_source_free(src);
  printf("messages %u: fast path %u, GMime path %u (header block not clean: %u)\n", n, fast,
         n - fast, unclean);
  printf("patch messages %u: fast path %u, GMime path %u\n", patches, patches_fast,
         patches - patches_fast);
  printf("texts compared %u, mismatches %u\n", fast, mismatches);
  printf("header fields compared in %u messages (%u with a clean header block), mismatches %u\n",
         n, n - unclean, field_mismatches);
  return mismatches || field_mismatches ? 1 : 0;
}
