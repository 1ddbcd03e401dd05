#include "patch.h"

#include <string.h>

#include "patchid.h"
#include "rfc2047.h"
#include "textline.h"

#define NONE PL_PATCH_NONE

static int is_signature(const struct pl_line *l)
{
  return l->n == 3 && memcmp(l->s, "-- ", 3) == 0;
}

/* [*start, *end) without its leading blank lines and trailing white
 * space; the first line keeps its indentation. */
static void trim_block(const char *text, size_t *start, size_t *end)
{
  struct pl_line l;
  while (*start < *end && pl_line_get(text, *end, *start, &l) &&
         pl_is_blank(l.s, l.n))
    *start = l.next;
  while (*end > *start && g_ascii_isspace(text[*end - 1]))
    (*end)--;
}

static const char *const inbody_names[] = {"From", "Date", "Subject", NULL};

/* Length of the name of an in-body header line ("From:" then white space
 * or the end, any case, as git mailinfo takes them), or 0. */
static size_t inbody_name(const struct pl_line *l)
{
  for (const char *const *h = inbody_names; *h; h++) {
    size_t k = strlen(*h);
    if (l->n > k && g_ascii_strncasecmp(l->s, *h, k) == 0 &&
        l->s[k] == ':' && (l->n == k + 1 || l->s[k + 1] == ' ' ||
                           l->s[k + 1] == '\t'))
      return k;
  }
  return 0;
}

static void header_free(struct pl_patch_header *h)
{
  if (!h)
    return;
  g_free(h->name);
  g_free(h->value);
  g_free(h);
}

/* Reads the pseudo-header block at pos; returns where the body starts. */
static size_t parse_headers(struct pl_patch *p, const char *text, size_t len,
                            size_t pos)
{
  struct pl_line l;
  while (pl_line_get(text, len, pos, &l) && pl_is_blank(l.s, l.n))
    pos = l.next;
  size_t k;
  while (pl_line_get(text, len, pos, &l) && (k = inbody_name(&l))) {
    struct pl_patch_header *h = g_new0(struct pl_patch_header, 1);
    h->name = g_strndup(l.s, k);
    GString *value = g_string_new_len(l.s + k + 1, (gssize)(l.n - k - 1));
    pos = l.next;
    /* a folded header goes on on lines that start with white space */
    while (pl_line_get(text, len, pos, &l) && l.n &&
           (l.s[0] == ' ' || l.s[0] == '\t') && !pl_is_blank(l.s, l.n)) {
      g_string_append_len(value, l.s, (gssize)l.n);
      pos = l.next;
    }
    const char *v = value->str;
    size_t vn = value->len;
    pl_trim(&v, &vn);
    /* Encoded words are decoded, as git mailinfo does for in-body headers. */
    char *raw = g_strndup(v, vn);
    h->value = pl_rfc2047_decode(raw);
    g_free(raw);
    g_string_free(value, TRUE);
    g_ptr_array_add(p->headers, h);
  }
  return pos;
}

/* The commit id at s (hex, 7 to 64 digits), up to a ':' or white space. */
static char *commit_word(const char *s, size_t n)
{
  pl_trim(&s, &n);
  size_t i = 0;
  while (i < n && g_ascii_isxdigit(s[i]))
    i++;
  if (i < 7 || i > 64 || (i < n && s[i] != ':' && !g_ascii_isspace(s[i])))
    return NULL;
  return g_ascii_strdown(s, (gssize)i);
}

struct pl_patch_pull *pl_patch_pull_parse(const char *text, size_t len)
{
  static const char since[] = "The following changes since commit ";
  static const char upto[] = "for you to fetch changes up to ";
  struct pl_line l;
  size_t pos = 0;
  char *base = NULL;
  int found = 0;
  while (text && pl_line_get(text, len, pos, &l)) {
    pos = l.next;
    const char *s = l.s;
    size_t n = l.n;
    pl_trim(&s, &n);
    if (pl_starts_nocase(s, n, since)) {
      base = commit_word(s + strlen(since), n - strlen(since));
      found = 1;
      break;
    }
  }
  if (!found)
    return NULL;

  struct pl_patch_pull *pull = NULL;
  while (pl_line_get(text, len, pos, &l)) {
    pos = l.next;
    const char *s = l.s;
    size_t n = l.n;
    pl_trim(&s, &n);
    if (!pl_starts_nocase(s, n, "are available") || !n || s[n - 1] != ':')
      continue;
    while (pl_line_get(text, len, pos, &l) && pl_is_blank(l.s, l.n))
      pos = l.next;
    if (!pl_line_get(text, len, pos, &l))
      break;
    pos = l.next;
    s = l.s;
    n = l.n;
    pl_trim(&s, &n);
    size_t w = 0;
    while (w < n && !g_ascii_isspace(s[w]))
      w++;
    pull = g_new0(struct pl_patch_pull, 1);
    pull->repository = g_strndup(s, w);
    const char *r = s + w;
    size_t rn = n - w;
    pl_trim(&r, &rn);
    pull->ref = rn ? g_strndup(r, rn) : NULL;
    break;
  }
  if (!pull) {
    g_free(base);
    return NULL;
  }
  pull->base = base;
  while (pl_line_get(text, len, pos, &l)) {
    pos = l.next;
    const char *s = l.s;
    size_t n = l.n;
    pl_trim(&s, &n);
    if (pl_starts_nocase(s, n, upto)) {
      pull->head = commit_word(s + strlen(upto), n - strlen(upto));
      break;
    }
  }
  return pull;
}

void pl_patch_pull_free(struct pl_patch_pull *pull)
{
  if (!pull)
    return;
  g_free(pull->repository);
  g_free(pull->ref);
  g_free(pull->base);
  g_free(pull->head);
  g_free(pull);
}

enum stop { STOP_END, STOP_SEPARATOR, STOP_DIFF, STOP_STAT, STOP_SIGNATURE };

/* git mailinfo's patchbreak: where the commit message ends. */
static enum stop patch_break(const struct pl_line *l)
{
  if (pl_starts(l->s, l->n, "diff -") || pl_starts(l->s, l->n, "Index: "))
    return STOP_DIFF;
  if (l->n < 3 || !pl_starts(l->s, l->n, "---"))
    return STOP_END;
  /* "--- <filename>" starts a diff without a git header... */
  if (l->n >= 5 && l->s[3] == ' ' && !g_ascii_isspace(l->s[4]))
    return STOP_DIFF;
  /* ...and "---" with only white space after it is the separator. */
  return pl_is_blank(l->s + 3, l->n - 3) ? STOP_SEPARATOR : STOP_END;
}

/* Finds the end of the message from pos; sets *stop to why it ended. */
static size_t message_end(const char *text, size_t len, size_t pos,
                          enum stop *stop)
{
  struct pl_line l;
  size_t run = NONE; /* start of the diffstat file lines before pos */
  while (pl_line_get(text, len, pos, &l)) {
    if (is_signature(&l)) {
      *stop = STOP_SIGNATURE;
      return pos;
    }
    enum stop b = patch_break(&l);
    if (b != STOP_END) {
      *stop = b;
      return pos;
    }
    if (pl_diff_stat_is_summary(l.s, l.n, NULL, NULL, NULL)) {
      *stop = STOP_STAT;
      return run != NONE ? run : pos;
    }
    struct pl_diff_stat_file *f = pl_diff_stat_parse_line(l.s, l.n);
    if (f) {
      if (run == NONE)
        run = pos;
      pl_diff_stat_file_free(f);
    } else {
      run = NONE;
    }
    pos = l.next;
  }
  *stop = STOP_END;
  return len;
}

/* Drops a closing run of b4 lines (base-commit: ...) and blank lines
 * from the message region, so that a cover letter's last paragraph is
 * not taken for its trailers. Walks back line by line from end. */
static size_t drop_info_tail(const char *text, size_t start, size_t end)
{
  size_t keep = end;
  while (keep > start) {
    size_t e = keep;
    if (text[e - 1] == '\n')
      e--;
    size_t b = e;
    while (b > start && text[b - 1] != '\n')
      b--;
    size_t n = e - b;
    if (n && text[b + n - 1] == '\r')
      n--;
    if (!pl_is_blank(text + b, n) && !pl_trailer_is_info_line(text + b, n))
      break;
    keep = b;
  }
  return keep;
}

static char *dup_range(const char *text, size_t start, size_t end)
{
  trim_block(text, &start, &end);
  return g_strndup(text + start, end - start);
}

static void append_notes(GString *notes, const char *text, size_t start,
                         size_t end)
{
  trim_block(text, &start, &end);
  if (start >= end)
    return;
  if (notes->len)
    g_string_append(notes, "\n\n");
  g_string_append_len(notes, text + start, (gssize)(end - start));
}

/* Notes run up to a "---" line or a b4 line: a b4 cover letter closes
 * with "---", base-commit, change-id and a greeting, which are not notes. */
static size_t notes_end(const char *text, size_t pos, size_t end)
{
  struct pl_line l;
  while (pl_line_get(text, end, pos, &l)) {
    if (patch_break(&l) == STOP_SEPARATOR ||
        pl_trailer_is_info_line(l.s, l.n))
      return pos;
    pos = l.next;
  }
  return end;
}

/* The signature after a diff; there a bare "--" is one too (mailers
 * strip the space of "-- "), as no hunk line can be left. */
static size_t find_signature(const char *text, size_t len, size_t pos)
{
  struct pl_line l;
  while (pl_line_get(text, len, pos, &l)) {
    if (is_signature(&l) || (l.n == 2 && memcmp(l.s, "--", 2) == 0))
      return pos;
    pos = l.next;
  }
  return NONE;
}

struct pl_patch *pl_patch_parse_headers(const char *text, size_t len)
{
  struct pl_patch *p = g_new0(struct pl_patch, 1);
  p->headers = g_ptr_array_new_with_free_func((GDestroyNotify)header_free);
  p->separator_offset = NONE;
  p->signature_offset = NONE;
  if (!text) {
    text = "";
    len = 0;
  }

  p->body_offset = parse_headers(p, text, len, 0);
  struct pl_line l;
  if (p->headers->len && pl_line_get(text, len, p->body_offset, &l) &&
      pl_is_blank(l.s, l.n))
    p->body_offset = l.next;
  for (guint i = 0; i < p->headers->len; i++) {
    struct pl_patch_header *h = g_ptr_array_index(p->headers, i);
    if (!g_ascii_strcasecmp(h->name, "From")) {
      p->author = pl_trailer_person_parse(h->value, strlen(h->value));
      break;
    }
  }
  return p;
}

struct pl_patch *pl_patch_parse(const char *text, size_t len)
{
  struct pl_patch *p = pl_patch_parse_headers(text, len);
  if (!text) {
    text = "";
    len = 0;
  }
  struct pl_line l;

  enum stop stop;
  size_t mend = message_end(text, len, p->body_offset, &stop);
  p->message_end = mend;
  size_t diff_start = NONE, sig = NONE;
  if (stop == STOP_SEPARATOR) {
    p->separator_offset = mend;
    /* The separator is a line of the text, so get_line finds it. */
    size_t rs = pl_line_get(text, len, mend, &l) ? l.next : len;
    diff_start = pl_diff_find(text, len, rs, len, &sig);
    size_t re = diff_start != NONE ? diff_start : sig != NONE ? sig : len;
    p->diffstat = pl_diff_stat_find(text, len, rs, re);
    GString *notes = g_string_new(NULL);
    if (p->diffstat) {
      size_t se = p->diffstat->offset + p->diffstat->length;
      append_notes(notes, text, rs, p->diffstat->offset);
      append_notes(notes, text, se, notes_end(text, se, re));
    } else {
      append_notes(notes, text, rs, notes_end(text, rs, re));
    }
    p->notes = notes->len ? g_string_free(notes, FALSE)
                          : (g_string_free(notes, TRUE), NULL);
  } else if (stop == STOP_DIFF) {
    diff_start = pl_diff_find(text, len, mend, len, &sig);
  } else if (stop == STOP_STAT) {
    p->diffstat = pl_diff_stat_find(text, len, mend, len);
    size_t after = p->diffstat ? p->diffstat->offset + p->diffstat->length
                               : mend;
    diff_start = pl_diff_find(text, len, after, len, &sig);
  } else if (stop == STOP_SIGNATURE) {
    sig = mend;
  }

  if (diff_start != NONE)
    p->diff = pl_diff_parse(text, len, diff_start);
  if (p->diff) {
    char id[PL_PATCHID_HEX_LEN + 1];
    const struct pl_diff_file *first = g_ptr_array_index(p->diff->files, 0);
    if (pl_patchid_stable(text + first->offset, len - first->offset, id))
      p->patch_id = g_strdup(id);
    sig = find_signature(text, len, p->diff->offset + p->diff->length);
  } else if (diff_start != NONE) {
    sig = find_signature(text, len, diff_start);
  }
  p->signature_offset = sig;

  size_t mstart = p->body_offset;
  size_t mstop = drop_info_tail(text, mstart, mend);
  if (p->diff) {
    /* b4 lines closing the message or the notes, and git format-patch
     * --base's after the diff; never inside it, where a removed "- "
     * line reads as a signature. */
    size_t dstart = p->diff->offset, dend = dstart + p->diff->length;
    p->info = pl_trailer_find_info(text + mstop, dstart - mstop);
    g_ptr_array_extend_and_steal(p->info, pl_trailer_find_info(text + dend, len - dend));
  } else {
    p->info = pl_trailer_find_info(text + mstart, len - mstart);
  }
  p->message = dup_range(text, mstart, mstop);
  p->trailers = pl_trailer_parse(p->message, strlen(p->message));
  p->pull = pl_patch_pull_parse(text, len);
  return p;
}

void pl_patch_free(struct pl_patch *patch)
{
  if (!patch)
    return;
  g_ptr_array_unref(patch->headers);
  pl_trailer_person_free(patch->author);
  g_free(patch->message);
  if (patch->trailers)
    g_ptr_array_unref(patch->trailers);
  g_free(patch->notes);
  pl_diff_stat_free(patch->diffstat);
  pl_diff_free(patch->diff);
  g_free(patch->patch_id);
  if (patch->info)
    g_ptr_array_unref(patch->info);
  pl_patch_pull_free(patch->pull);
  g_free(patch);
}

int pl_patch_has_diff(const struct pl_patch *patch)
{
  return patch && patch->diff && patch->diff->files->len > 0;
}

const char *pl_patch_header(const struct pl_patch *patch, const char *name)
{
  if (!patch || !name)
    return NULL;
  for (guint i = 0; i < patch->headers->len; i++) {
    struct pl_patch_header *h = g_ptr_array_index(patch->headers, i);
    if (!g_ascii_strcasecmp(h->name, name))
      return h->value;
  }
  return NULL;
}

const char *pl_patch_info(const struct pl_patch *patch, const char *key)
{
  if (!patch || !key)
    return NULL;
  for (guint i = 0; i < patch->info->len; i++) {
    struct pl_trailer *t = g_ptr_array_index(patch->info, i);
    if (!g_ascii_strcasecmp(t->key, key))
      return t->value;
  }
  return NULL;
}
