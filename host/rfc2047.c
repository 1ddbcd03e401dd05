#include "rfc2047.h"

#include <glib.h>
#include <string.h>

#include "charset.h"

char *pl_header_unfold(const char *value)
{
  if (value == NULL)
    return NULL;

  /* Both rules (a break before white space goes, any other CR/LF goes)
   * come to dropping every CR and LF. */
  GString *s = g_string_sized_new(strlen(value));
  for (const char *p = value; *p; p++)
    if (*p != '\r' && *p != '\n')
      g_string_append_c(s, *p);
  return g_string_free(s, FALSE);
}

struct word {
  const char *charset; /* not NUL-terminated */
  size_t charset_len;  /* without an RFC 2231 "*lang" suffix */
  char encoding;       /* 'B' or 'Q' */
  const char *text;
  size_t text_len;
  const char *end; /* just after "?=" */
};

/* The last search for the end of an encoded text: [from, stop) holds no
 * white space and no "?=", so a later search starting inside it ends at
 * stop too. Without this, a value full of unterminated words is quadratic. */
struct scan {
  const char *from;
  const char *stop;
};

struct run {
  GString *bytes;      /* decoded bytes of adjacent words in one charset */
  const char *charset; /* NULL when no run is open */
  size_t charset_len;
};

static int is_ws(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* RFC 2047 token: no space, controls, 8-bit or especials. '.' is an
 * especial but ANSI_X3.4-1968 is a name mailers use. Leaving out '=' and
 * '?' also means no "=?" can start inside a charset. */
static int is_token(char c)
{
  unsigned char u = (unsigned char)c;
  return u > 0x20 && u < 0x7f && !strchr("()<>@,;:\"/[]?=", c);
}

static int b64_value(char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

static const char *find_text_end(const char *t, struct scan *sc)
{
  if (sc->from != NULL && t >= sc->from && t <= sc->stop)
    return sc->stop;

  const char *s = t;
  while (*s && !is_ws(*s) && !(s[0] == '?' && s[1] == '='))
    s++;
  sc->from = t;
  sc->stop = s;
  return s;
}

/* Parses "=?charset[*lang]?B|Q?text?=" at p. The text may not hold white
 * space (RFC 2047 section 5), so an unterminated word cannot swallow the
 * words after it. */
static int parse_word(const char *p, struct word *w, struct scan *sc)
{
  const char *cs = p + 2, *q = cs;

  while (is_token(*q))
    q++;
  if (*q != '?' || q == cs)
    return 0;
  const char *star = memchr(cs, '*', (size_t)(q - cs));
  w->charset = cs;
  w->charset_len = (size_t)((star ? star : q) - cs);
  if (w->charset_len == 0)
    return 0;

  q++;
  char e = g_ascii_toupper(*q);
  if ((e != 'B' && e != 'Q') || q[1] != '?')
    return 0;

  const char *t = q + 2;
  const char *stop = find_text_end(t, sc);
  if (stop[0] != '?' || stop[1] != '=')
    return 0;

  if (e == 'B')
    for (const char *s = t; s < stop; s++)
      if (*s != '=' && b64_value(*s) < 0)
        return 0;

  w->encoding = e;
  w->text = t;
  w->text_len = (size_t)(stop - t);
  w->end = stop + 2;
  return 1;
}

/* Decodes one word's text on its own; the caller joins the bytes. Because
 * a '=' only ends the current quantum, a padded word never cuts off the
 * next one (what gmime #133 does when it joins the base64 texts). */
static void decode_text(const struct word *w, GString *out)
{
  const char *s = w->text, *end = w->text + w->text_len;

  if (w->encoding == 'B') {
    guint32 acc = 0;
    int bits = 0;
    for (; s < end; s++) {
      if (*s == '=') {
        acc = 0;
        bits = 0;
        continue;
      }
      acc = (acc << 6) | (guint32)b64_value(*s);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        g_string_append_c(out, (char)((acc >> bits) & 0xff));
        acc &= (1u << bits) - 1;
      }
    }
    return;
  }

  for (; s < end; s++) {
    if (*s == '_') {
      g_string_append_c(out, ' ');
    } else if (*s == '=' && end - s >= 3 && g_ascii_isxdigit(s[1]) &&
               g_ascii_isxdigit(s[2])) {
      g_string_append_c(out, (char)(g_ascii_xdigit_value(s[1]) * 16 +
                                    g_ascii_xdigit_value(s[2])));
      s += 2;
    } else {
      /* A '=' without two hex digits is kept, as readers do. */
      g_string_append_c(out, *s);
    }
  }
}

/* A NUL would cut the C string the caller gets; a header has no use for it. */
static void append_no_nul(GString *out, const char *s, size_t n)
{
  const char *end = s + n;

  while (s < end) {
    const char *nul = memchr(s, '\0', (size_t)(end - s));
    const char *stop = nul ? nul : end;
    g_string_append_len(out, s, stop - s);
    s = stop + (nul != NULL);
  }
}

static void flush_run(GString *out, struct run *run)
{
  if (run->charset == NULL)
    return;

  char *cs = g_strndup(run->charset, run->charset_len);
  size_t n = 0;
  char *text = pl_charset_to_utf8(run->bytes->str, run->bytes->len, cs, &n, NULL);
  append_no_nul(out, text, n);
  g_free(text);
  g_free(cs);
  g_string_truncate(run->bytes, 0);
  run->charset = NULL;
}

static void add_word(GString *out, struct run *run, const struct word *w)
{
  if (run->charset != NULL && (run->charset_len != w->charset_len ||
                               g_ascii_strncasecmp(run->charset, w->charset,
                                                   w->charset_len) != 0))
    flush_run(out, run);
  if (run->charset == NULL) {
    run->charset = w->charset;
    run->charset_len = w->charset_len;
  }
  decode_text(w, run->bytes);
}

static void flush_literal(GString *out, const char *start, const char *end)
{
  size_t n = (size_t)(end - start);

  for (size_t i = 0; i < n; i++) {
    if ((unsigned char)start[i] >= 0x80) {
      size_t len = 0;
      char *text = pl_charset_to_utf8(start, n, NULL, &len, NULL);
      g_string_append_len(out, text, (gssize)len);
      g_free(text);
      return;
    }
  }
  g_string_append_len(out, start, (gssize)n);
}

char *pl_rfc2047_decode(const char *value)
{
  if (value == NULL)
    return NULL;

  GString *out = g_string_sized_new(strlen(value));
  struct run run = {g_string_new(NULL), NULL, 0};
  struct scan sc = {NULL, NULL};
  struct word w;
  const char *p = value, *lit = value;
  int after_word = 0;

  while (*p) {
    if (after_word && is_ws(*p)) {
      const char *q = p;
      while (is_ws(*q))
        q++;
      if (q[0] == '=' && q[1] == '?' && parse_word(q, &w, &sc)) {
        /* White space between two words is not part of the text. */
        add_word(out, &run, &w);
        p = lit = w.end;
        continue;
      }
      flush_run(out, &run);
      after_word = 0;
      p = q;
      continue;
    }
    if (p[0] == '=' && p[1] == '?' && parse_word(p, &w, &sc)) {
      flush_literal(out, lit, p);
      add_word(out, &run, &w);
      p = lit = w.end;
      after_word = 1;
      continue;
    }
    if (after_word) {
      flush_run(out, &run);
      after_word = 0;
    }
    p++;
  }
  flush_run(out, &run);
  flush_literal(out, lit, p);

  g_string_free(run.bytes, TRUE);
  return g_string_free(out, FALSE);
}
