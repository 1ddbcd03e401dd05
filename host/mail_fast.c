#include "mail_fast.h"

#include <glib.h>
#include <gmime/gmime.h>
#include <string.h>

/* The rules below are GMime 3.2's (gmime-parser.c step_headers,
 * gmime-parse-utils.c g_mime_parse_content_type, gmime-param.c
 * decode_param_list, gmime-encodings.c g_mime_content_encoding_from_string),
 * narrowed to input where they leave no choice: whatever falls outside is
 * not guessed at but handed back to the GMime path. */

static int is_blank(char c)
{
  return c == ' ' || c == '\t';
}

/* GMime's lwsp: what g_mime_utils_header_unfold trims. */
static int is_lwsp(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* GMime's ttoken, ASCII only: printable, not a tspecial. */
static int is_token(char c)
{
  return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?=", c);
}

static int name_is(const char *name, size_t n, const char *want)
{
  return strlen(want) == n && g_ascii_strncasecmp(name, want, n) == 0;
}

void pl_mail_scan(const char *data, size_t len, struct pl_mail_scan *scan)
{
  memset(scan, 0, sizeof *scan);
  size_t p = 0;
  size_t *value_end = NULL; /* the end of the field being read, which folds extend */
  size_t ignored_end;
  while (p < len) {
    const char *line = data + p;
    const char *nl = memchr(line, '\n', len - p);
    if (!nl)
      return; /* the header block runs into the end of the input */
    size_t n = (size_t)(nl - line);
    if (n == 0 || (n == 1 && line[0] == '\r')) {
      scan->clean = 1;
      scan->body = p + n + 1;
      return;
    }
    /* GMime cuts a header's value at a NUL. */
    if (memchr(line, '\0', n))
      return;
    if (is_blank(line[0])) {
      /* A fold; before any field GMime reads it as a bad first line. */
      if (!value_end)
        return;
      *value_end = p + n + 1;
    } else {
      size_t i = 0;
      while (i < n && line[i] > 0x20 && line[i] < 0x7f && line[i] != ':')
        i++;
      size_t name_len = i;
      /* Blanks may stand between the name and the colon. */
      while (i < n && is_blank(line[i]))
        i++;
      if (name_len == 0 || i >= n || line[i] != ':')
        return;
      size_t *at;
      if (name_is(line, name_len, "Content-Type")) {
        scan->n_type++;
        at = &scan->type_at;
        value_end = &scan->type_end;
      } else if (name_is(line, name_len, "Content-Transfer-Encoding")) {
        scan->n_encoding++;
        at = &scan->encoding_at;
        value_end = &scan->encoding_end;
      } else {
        at = &ignored_end;
        value_end = &ignored_end;
      }
      *at = p + i + 1;
      *value_end = p + n + 1;
    }
    p += n + 1;
  }
}

const char *pl_mail_fast_header(const char *data, const struct pl_mail_scan *scan,
                                const char *name, size_t *value_len)
{
  if (!scan->clean)
    return NULL;
  size_t want = strlen(name);
  const char *p = data, *end = data + scan->body, *found = NULL;
  while (p < end) {
    /* Every line of a clean block ends in '\n'. */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (found) {
      if (!is_blank(*p))
        break;
    } else if ((size_t)(nl - p) > want && g_ascii_strncasecmp(p, name, want) == 0) {
      const char *q = p + want;
      while (is_blank(*q))
        q++;
      if (*q == ':')
        found = q + 1;
    }
    p = nl + 1;
  }
  if (found)
    *value_len = (size_t)(p - found);
  return found;
}

/* A raw value as g_mime_utils_header_unfold makes it (lwsp trimmed at
 * both ends, CR and LF dropped), into buf; 0 when it does not fit or holds
 * anything but printable ASCII and tabs. */
static int unfold(const char *raw, size_t n, char *buf, size_t size)
{
  size_t start = 0;
  while (start < n && is_lwsp(raw[start]))
    start++;
  while (n > start && is_lwsp(raw[n - 1]))
    n--;
  size_t w = 0;
  for (size_t i = start; i < n; i++) {
    char c = raw[i];
    if (c == '\r' || c == '\n')
      continue;
    if (!(c == '\t' || (c >= 0x20 && c < 0x7f)) || w + 1 >= size)
      return 0;
    buf[w++] = c;
  }
  buf[w] = '\0';
  return 1;
}

static const char *skip_blanks(const char *p)
{
  while (is_blank(*p))
    p++;
  return p;
}

static int span_is(const char *s, size_t n, const char *want)
{
  return name_is(s, n, want);
}

/* Reads an unfolded Content-Type value: 1 when it is text/plain,
 * text/x-patch or text/x-diff with parameters GMime reads the same way
 * (*charset set to the first charset parameter or NULL), else 0. No
 * comments, no RFC 2231 or RFC 2047 parameters, no escapes in quoted
 * strings, nothing after a value but its ';'. */
static int read_content_type(const char *v, char **charset)
{
  /* RFC 2047 words are decoded across the whole value first. */
  if (strstr(v, "=?"))
    return 0;
  const char *p = skip_blanks(v), *type = p;
  while (is_token(*p))
    p++;
  size_t type_len = (size_t)(p - type);
  p = skip_blanks(p);
  if (type_len == 0 || *p != '/')
    return 0;
  p = skip_blanks(p + 1);
  const char *sub = p;
  while (is_token(*p))
    p++;
  size_t sub_len = (size_t)(p - sub);
  if (!span_is(type, type_len, "text") ||
      !(span_is(sub, sub_len, "plain") || span_is(sub, sub_len, "x-patch") ||
        span_is(sub, sub_len, "x-diff")))
    return 0;
  p = skip_blanks(p);
  if (*p && *p != ';')
    return 0;
  const char *found = NULL;
  size_t found_len = 0;
  while (*p == ';') {
    p = skip_blanks(p + 1);
    if (!*p)
      break;
    const char *name = p;
    while (is_token(*p) && *p != '*')
      p++;
    size_t name_len = (size_t)(p - name);
    p = skip_blanks(p);
    if (name_len == 0 || *p != '=')
      return 0;
    p = skip_blanks(p + 1);
    const char *value;
    size_t value_len;
    if (*p == '"') {
      value = ++p;
      while (*p && *p != '"' && *p != '\\')
        p++;
      if (*p != '"')
        return 0;
      value_len = (size_t)(p - value);
      p++;
    } else {
      value = p;
      while (is_token(*p))
        p++;
      value_len = (size_t)(p - value);
      if (value_len == 0)
        return 0;
    }
    p = skip_blanks(p);
    if (*p && *p != ';')
      return 0;
    if (!found && span_is(name, name_len, "charset")) {
      found = value;
      found_len = value_len;
    }
  }
  *charset = found ? g_strndup(found, found_len) : NULL;
  return 1;
}

/* An unfolded Content-Transfer-Encoding value to the encoding GMime
 * decodes it as; 0 for anything but the values spelt out here. */
static int read_encoding(const char *v, GMimeContentEncoding *encoding)
{
  static const struct {
    const char *name;
    GMimeContentEncoding encoding;
  } known[] = {
      {"7bit", GMIME_CONTENT_ENCODING_7BIT},
      {"8bit", GMIME_CONTENT_ENCODING_8BIT},
      {"7-bit", GMIME_CONTENT_ENCODING_7BIT},
      {"8-bit", GMIME_CONTENT_ENCODING_8BIT},
      {"binary", GMIME_CONTENT_ENCODING_BINARY},
      {"base64", GMIME_CONTENT_ENCODING_BASE64},
      {"quoted-printable", GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE},
  };
  for (size_t i = 0; i < G_N_ELEMENTS(known); i++) {
    if (g_ascii_strcasecmp(v, known[i].name) == 0) {
      *encoding = known[i].encoding;
      return 1;
    }
  }
  return 0;
}

int pl_mail_fast_content(const char *data, size_t len, const struct pl_mail_scan *scan,
                         const char **content, size_t *content_len, char **owned,
                         char **charset)
{
  /* One of each at most: GMime takes the last of repeated fields in some
   * places and the first in others. */
  if (!scan->clean || scan->n_type > 1 || scan->n_encoding > 1)
    return 0;
  char buf[512];
  char *cs = NULL;
  if (scan->n_type &&
      (!unfold(data + scan->type_at, scan->type_end - scan->type_at, buf, sizeof buf) ||
       !read_content_type(buf, &cs)))
    return 0;
  /* No Content-Type: GMime's default, text/plain without a charset. */
  GMimeContentEncoding encoding = GMIME_CONTENT_ENCODING_DEFAULT;
  if (scan->n_encoding &&
      (!unfold(data + scan->encoding_at, scan->encoding_end - scan->encoding_at, buf,
               sizeof buf) ||
       !read_encoding(buf, &encoding))) {
    g_free(cs);
    return 0;
  }

  const char *body = data + scan->body;
  size_t n = len - scan->body;
  *owned = NULL;
  if (encoding == GMIME_CONTENT_ENCODING_BASE64 ||
      encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE) {
    /* GMime's own decoder, stepped once over the whole body: its state
     * machine gives the same bytes as the data wrapper's 4 KiB blocks. */
    GMimeEncoding state;
    g_mime_encoding_init_decode(&state, encoding);
    char *out = g_malloc(g_mime_encoding_outlen(&state, n) + 1);
    size_t w = g_mime_encoding_step(&state, body, n, out);
    w += g_mime_encoding_flush(&state, "", 0, out + w);
    *owned = out;
    body = out;
    n = w;
  }
  *content = body;
  *content_len = n;
  *charset = cs;
  return 1;
}
