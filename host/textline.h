/* Small helpers the text parsers (patch, diff, trailer) share: walking a
 * text line by line without copying, and comparing or trimming a piece of
 * it. The text is a pointer and a length; nothing needs a NUL. */
#ifndef PL_TEXTLINE_H
#define PL_TEXTLINE_H

#include <glib.h>
#include <string.h>

struct pl_line {
  const char *s;
  size_t n;    /* without the LF (and a CR before it) */
  size_t next; /* offset of the next line */
};

/* The line starting at pos: 1 with *l set, 0 at the end of the text. */
static inline int pl_line_get(const char *text, size_t len, size_t pos, struct pl_line *l)
{
  if (pos >= len)
    return 0;
  const char *s = text + pos;
  const char *nl = memchr(s, '\n', len - pos);
  l->s = s;
  l->n = nl ? (size_t)(nl - s) : len - pos;
  l->next = nl ? pos + l->n + 1 : len;
  if (l->n && s[l->n - 1] == '\r')
    l->n--;
  return 1;
}

static inline int pl_starts(const char *s, size_t n, const char *prefix)
{
  size_t k = strlen(prefix);
  return n >= k && memcmp(s, prefix, k) == 0;
}

static inline int pl_starts_nocase(const char *s, size_t n, const char *prefix)
{
  size_t k = strlen(prefix);
  return n >= k && g_ascii_strncasecmp(s, prefix, k) == 0;
}

/* Only ASCII white space. */
static inline int pl_is_blank(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!g_ascii_isspace(s[i]))
      return 0;
  return 1;
}

/* Narrows [*s, *s + *n) to drop ASCII white space at both ends. */
static inline void pl_trim(const char **s, size_t *n)
{
  while (*n && g_ascii_isspace((*s)[0])) {
    (*s)++;
    (*n)--;
  }
  while (*n && g_ascii_isspace((*s)[*n - 1]))
    (*n)--;
}

#endif
