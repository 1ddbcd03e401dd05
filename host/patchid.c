#include "patchid.h"

#include <glib.h>
#include <limits.h>
#include <string.h>

/* The state machine follows git's builtin/patch-id.c line by line, so
 * that ids compare equal to what `git patch-id --stable` prints; the
 * comments name git's quirks that it keeps on purpose. */

#define SHA1_LEN 20
#define OID_HEX_MAX 64 /* GIT_MAX_HEXSZ: git copies at most this much */

struct line {
  const char *s;
  size_t n; /* as git sees it: up to the first NUL, LF included */
};

static char at(const struct line *l, size_t i)
{
  return i < l->n ? l->s[i] : '\0';
}

static int starts(const struct line *l, const char *prefix)
{
  size_t k = strlen(prefix);
  return l->n >= k && memcmp(l->s, prefix, k) == 0;
}

/* git's sane_ctype: isspace is only these four, isalpha ASCII only. */
static int git_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int c_space(char c)
{
  return c == ' ' || (c >= '\t' && c <= '\r');
}

/* get_oid_hex: 40 hex digits at s (anything may follow). */
static int is_oid_hex(const struct line *l, size_t from)
{
  for (size_t i = 0; i < 40; i++)
    if (!g_ascii_isxdigit(at(l, from + i)))
      return 0;
  return 1;
}

/* strtoi_with_tail(s, 10, ...): strtol's syntax, failing on no digits
 * and on values outside int. */
static int strtoi_tail(const struct line *l, size_t i, int *result,
                       size_t *end)
{
  while (c_space(at(l, i)))
    i++;
  int neg = 0;
  if (at(l, i) == '+' || at(l, i) == '-')
    neg = at(l, i++) == '-';
  size_t d = i;
  long long v = 0;
  int over = 0;
  while (g_ascii_isdigit(at(l, i))) {
    if (v > ((long long)INT_MAX + 1) / 10)
      over = 1;
    else
      v = v * 10 + (at(l, i) - '0');
    i++;
  }
  if (i == d)
    return -1;
  if (neg)
    v = -v;
  if (over || v > INT_MAX || v < INT_MIN)
    return -1;
  *result = (int)v;
  *end = i;
  return 0;
}

static size_t digits_span(const struct line *l, size_t i)
{
  size_t j = i;
  while (g_ascii_isdigit(at(l, j)))
    j++;
  return j - i;
}

/* git's scan_hunk_header: counts of "@@ -a,b +c,d @@"; a count left out
 * is 1. It may set *before and then fail, as git's does. */
static int scan_hunk_header(const struct line *l, long long *before,
                            long long *after)
{
  size_t q = 4, r, end;
  int v;
  size_t n = digits_span(l, q);
  if (at(l, q + n) == ',') {
    q += n + 1;
    if (strtoi_tail(l, q, &v, &end) != 0)
      return 0;
    *before = v;
    n = end - q;
  } else {
    *before = 1;
  }
  if (n == 0 || at(l, q + n) != ' ' || at(l, q + n + 1) != '+')
    return 0;
  r = q + n + 2;
  n = digits_span(l, r);
  if (at(l, r + n) == ',') {
    r += n + 1;
    if (strtoi_tail(l, r, &v, &end) != 0)
      return 0;
    *after = v;
    n = end - r;
  } else {
    *after = 1;
  }
  return n != 0;
}

struct hasher {
  GChecksum *ctx;
  guint8 result[SHA1_LEN];
  unsigned char buf[4096];
  size_t fill;
};

static void hash_flush_buf(struct hasher *h)
{
  if (h->fill)
    g_checksum_update(h->ctx, h->buf, (gssize)h->fill);
  h->fill = 0;
}

/* Hashes the line without white space (git's remove_space); returns the
 * number of bytes hashed. */
static size_t hash_line(struct hasher *h, const struct line *l)
{
  size_t count = 0;
  for (size_t i = 0; i < l->n; i++) {
    char c = l->s[i];
    if (git_space(c))
      continue;
    if (h->fill == sizeof h->buf)
      hash_flush_buf(h);
    h->buf[h->fill++] = (unsigned char)c;
    count++;
  }
  return count;
}

static void hash_raw(struct hasher *h, const char *s)
{
  hash_flush_buf(h);
  g_checksum_update(h->ctx, (const guchar *)s, (gssize)strlen(s));
}

/* git's flush_one_hunk: the file's SHA-1 added to the result, byte 0
 * first, with carry. */
static void flush_one(struct hasher *h)
{
  guint8 digest[SHA1_LEN];
  gsize dlen = sizeof digest;
  hash_flush_buf(h);
  g_checksum_get_digest(h->ctx, digest, &dlen);
  g_checksum_reset(h->ctx);
  unsigned carry = 0;
  for (int i = 0; i < SHA1_LEN; i++) {
    carry += (unsigned)h->result[i] + digest[i];
    h->result[i] = (guint8)carry;
    carry >>= 8;
  }
}

/* The "index <pre>..<post> <mode>" line, cut as git cuts it: post ends
 * at the first space after "..", else one byte before the end of the
 * line (the LF, or the last byte of an unterminated last line). */
static void parse_index(const struct line *l, char *pre, char *post)
{
  const char *s = l->s;
  const char *dots = g_strstr_len(s, (gssize)l->n, "..");
  if (!dots || l->n == 0)
    return;
  size_t d = (size_t)(dots - s);
  const char *sp = memchr(dots, ' ', l->n - d);
  size_t e = sp ? (size_t)(sp - s) : l->n - 1;
  size_t pn = d - 6; /* "index " */
  if (pn > OID_HEX_MAX)
    pn = OID_HEX_MAX;
  memcpy(pre, s + 6, pn);
  pre[pn] = '\0';
  size_t qn = e >= d + 2 ? e - d - 2 : 0;
  if (qn > OID_HEX_MAX)
    qn = OID_HEX_MAX;
  memcpy(post, s + d + 2, qn);
  post[qn] = '\0';
}

/* Lines between the files of a plain unified diff. */
static int plain_between(const struct line *l)
{
  return starts(l, "Index: ") || starts(l, "diff ") || starts(l, "===") ||
         starts(l, "Only in ") || starts(l, "Binary files ");
}

int pl_patchid_stable(const char *text, size_t len,
                      char out[PL_PATCHID_HEX_LEN + 1])
{
  out[0] = '\0';
  if (!text)
    return 0;
  struct hasher h = {.ctx = g_checksum_new(G_CHECKSUM_SHA1)};
  size_t patchlen = 0;
  long long before = -1, after = -1;
  int binary = 0;
  char pre[OID_HEX_MAX + 1] = "", post[OID_HEX_MAX + 1] = "";
  int plain = len >= 4 && memcmp(text, "--- ", 4) == 0;
  const char *start = plain ? "--- " : "diff ";

  size_t pos = 0;
  while (pos < len) {
    const char *s = text + pos;
    const char *nl = memchr(s, '\n', len - pos);
    size_t whole = nl ? (size_t)(nl - s) + 1 : len - pos;
    pos += whole;
    const char *nul = memchr(s, '\0', whole);
    struct line l = {s, nul ? (size_t)(nul - s) : whole};

    /* "\ No newline at end of file" says nothing about the change. */
    if (starts(&l, "\\ ") && l.n > 12)
      continue;

    /* A commit id (git log or format-patch output) starts the next
     * patch; before any diff line it only restarts this one. */
    size_t p = starts(&l, "commit ") ? 7 : starts(&l, "From ") ? 5 : 0;
    if (is_oid_hex(&l, p)) {
      if (patchlen)
        break;
      before = after = -1;
      binary = 0;
      g_checksum_reset(h.ctx);
      memset(h.result, 0, sizeof h.result);
      h.fill = 0;
      continue;
    }

    if (!patchlen && !starts(&l, start))
      continue;

    if (before == -1) {
      if (starts(&l, "GIT binary patch") || starts(&l, "Binary files")) {
        binary = 1;
        before = 0;
        hash_raw(&h, pre);
        hash_raw(&h, post);
        flush_one(&h);
        continue;
      } else if (starts(&l, "index ")) {
        parse_index(&l, pre, post);
        continue;
      } else if (starts(&l, "--- ")) {
        before = after = 1;
      } else if (!g_ascii_isalpha(at(&l, 0))) {
        break;
      }
    }

    /* git skips the "diff" line that ends a binary file unhashed. */
    if (binary) {
      if (starts(&l, "diff ")) {
        binary = 0;
        before = -1;
      }
      continue;
    }

    if (before == 0 && after == 0) {
      if (starts(&l, "@@ -")) {
        scan_hunk_header(&l, &before, &after);
        continue;
      }
      if (plain) {
        if (!starts(&l, "--- ")) {
          if (plain_between(&l))
            continue;
          break;
        }
        flush_one(&h);
        before = after = 1;
      } else {
        if (!starts(&l, "diff "))
          break;
        flush_one(&h);
        before = after = -1;
      }
    }

    if (at(&l, 0) == '-' || at(&l, 0) == ' ')
      before--;
    if (at(&l, 0) == '+' || at(&l, 0) == ' ')
      after--;
    patchlen += hash_line(&h, &l);
  }
  flush_one(&h);
  g_checksum_free(h.ctx);
  if (!patchlen)
    return 0;
  for (int i = 0; i < SHA1_LEN; i++) {
    static const char hex[] = "0123456789abcdef";
    out[2 * i] = hex[h.result[i] >> 4];
    out[2 * i + 1] = hex[h.result[i] & 15];
  }
  out[PL_PATCHID_HEX_LEN] = '\0';
  return 1;
}
