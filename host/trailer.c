#include "trailer.h"

#include <string.h>

#include "textline.h"

#define NONE ((size_t)-1)

struct span {
  size_t start; /* offset of the line */
  size_t len;   /* without the LF */
};

/* git's isspace (sane_ctype): only these four; \v and \f are not. */
static int git_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_blank(const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    if (!git_space(s[i]))
      return 0;
  return 1;
}

/* Splits text into lines; a CR before the LF is not part of the line.
 * Returns a GArray of struct span. */
static GArray *split_lines(const char *text, size_t len)
{
  GArray *lines = g_array_new(FALSE, FALSE, sizeof(struct span));
  size_t pos = 0;
  while (pos < len) {
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - text) : len;
    struct span sp = {pos, end - pos};
    if (sp.len && text[end - 1] == '\r')
      sp.len--;
    g_array_append_val(lines, sp);
    pos = nl ? end + 1 : len;
  }
  return lines;
}

static int has_prefix(const char *s, size_t n, const char *prefix)
{
  size_t k = strlen(prefix);
  return n >= k && memcmp(s, prefix, k) == 0;
}

static int is_signature(const char *s, size_t n)
{
  return n == 3 && memcmp(s, "-- ", 3) == 0;
}

/* git trailer.c find_separator with the default separator ':': the token
 * is letters, digits and '-', optionally followed by white space. */
static long find_separator(const char *s, size_t n)
{
  int whitespace_found = 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == ':')
      return (long)i;
    if (!whitespace_found && (g_ascii_isalnum(c) || c == '-'))
      continue;
    if (i != 0 && (c == ' ' || c == '\t')) {
      whitespace_found = 1;
      continue;
    }
    break;
  }
  return -1;
}

/* Separator position of a trailer line, or -1. A URL ("https://...") has
 * a token and a colon too; it is never meant as a trailer. */
static long trailer_separator(const char *s, size_t n)
{
  if (n == 0 || git_space(s[0]))
    return -1;
  long sep = find_separator(s, n);
  if (sep < 1)
    return -1;
  if ((size_t)sep + 2 < n && s[sep + 1] == '/' && s[sep + 2] == '/')
    return -1;
  return sep;
}

static int key_is(const char *key, size_t n, const char *name)
{
  return strlen(name) == n && g_ascii_strncasecmp(key, name, n) == 0;
}

static int key_ends_by(const char *key, size_t n)
{
  return n > 3 && g_ascii_strncasecmp(key + n - 3, "-by", 3) == 0;
}

int pl_trailer_key_is_person(const char *key)
{
  if (!key)
    return 0;
  size_t n = strlen(key);
  return key_ends_by(key, n) || key_is(key, n, "Cc");
}

/* Keys of the kernel's list of trailers (Documentation/process). */
static int key_is_known(const char *key, size_t n)
{
  return key_ends_by(key, n) || key_is(key, n, "Cc") ||
         key_is(key, n, "Fixes") || key_is(key, n, "Link") ||
         key_is(key, n, "Closes");
}

static const char *const info_keys[] = {
    "base-commit",
    "change-id",
    "prerequisite-patch-id",
    "prerequisite-change-id",
    "prerequisite-message-id",
    "Supersedes",
    "Based-on",
    NULL,
};

static int key_is_info(const char *key, size_t n)
{
  for (const char *const *k = info_keys; *k; k++)
    if (key_is(key, n, *k))
      return 1;
  return 0;
}

/* Keys whose value names a thing (a commit, a URL, an id), never a
 * person, even when it holds an '@' (lore links do). */
static int key_is_thing(const char *key, size_t n)
{
  static const char *const things[] = {
      "Fixes",   "Link",       "Closes",      "BugLink", "Bug",
      "Message-Id", "Change-Id", "References", "Patchwork-Id", NULL,
  };
  for (const char *const *k = things; *k; k++)
    if (key_is(key, n, *k))
      return 1;
  return key_is_info(key, n);
}

static int valid_address(const char *a, size_t n)
{
  size_t at = NONE;
  for (size_t i = 0; i < n; i++) {
    char c = a[i];
    if (g_ascii_isspace(c) || c == '<' || c == '>')
      return 0;
    if (c == '@')
      at = i;
    if (c == ':' && i + 2 < n && a[i + 1] == '/' && a[i + 2] == '/')
      return 0;
  }
  return at != NONE && at > 0 && at + 1 < n;
}

/* The name part: trimmed, and when it is one quoted string, without the
 * quotes and with backslash escapes undone. NULL when empty. */
static char *clean_name(const char *s, size_t n)
{
  pl_trim(&s, &n);
  if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
    GString *out = g_string_sized_new(n);
    for (size_t i = 1; i + 1 < n; i++) {
      if (s[i] == '\\' && i + 2 < n)
        i++;
      g_string_append_c(out, s[i]);
    }
    const char *t = out->str;
    size_t tn = out->len;
    pl_trim(&t, &tn);
    char *name = tn ? g_strndup(t, tn) : NULL;
    g_string_free(out, TRUE);
    return name;
  }
  return n ? g_strndup(s, n) : NULL;
}

static struct pl_trailer_person *person_new(char *name, const char *addr,
                                            size_t n)
{
  struct pl_trailer_person *p = g_new0(struct pl_trailer_person, 1);
  p->name = name;
  p->address = g_strndup(addr, n);
  return p;
}

struct pl_trailer_person *pl_trailer_person_parse(const char *s, size_t len)
{
  if (!s)
    return NULL;
  pl_trim(&s, &len);

  /* "Name <address>": the first bracketed token that is an address. */
  size_t lt = NONE;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '<') {
      lt = i;
    } else if (s[i] == '>' && lt != NONE) {
      const char *a = s + lt + 1;
      size_t an = i - lt - 1;
      pl_trim(&a, &an);
      if (valid_address(a, an))
        return person_new(clean_name(s, lt), a, an);
      lt = NONE;
    }
  }

  /* A bare address: the first word with an '@', with the punctuation
   * people put around it; the name is the text before it, or a comment
   * in parentheses after it ("addr (Name)"). */
  size_t i = 0;
  while (i < len) {
    while (i < len && g_ascii_isspace(s[i]))
      i++;
    size_t w = i;
    while (i < len && !g_ascii_isspace(s[i]))
      i++;
    const char *a = s + w;
    size_t an = i - w;
    if (!memchr(a, '@', an))
      continue;
    while (an && strchr("<([\"'", a[0])) {
      a++;
      an--;
    }
    while (an && strchr(">)],;.:\"'", a[an - 1]))
      an--;
    if (!valid_address(a, an))
      return NULL;
    char *name = clean_name(s, w);
    if (!name) {
      const char *r = s + i;
      size_t rn = len - i;
      pl_trim(&r, &rn);
      if (rn >= 2 && r[0] == '(' && r[rn - 1] == ')')
        name = clean_name(r + 1, rn - 2);
    }
    return person_new(name, a, an);
  }
  return NULL;
}

void pl_trailer_person_free(struct pl_trailer_person *person)
{
  if (!person)
    return;
  g_free(person->name);
  g_free(person->address);
  g_free(person);
}

void pl_trailer_free(struct pl_trailer *trailer)
{
  if (!trailer)
    return;
  g_free(trailer->key);
  g_free(trailer->value);
  pl_trailer_person_free(trailer->person);
  g_free(trailer);
}

static GPtrArray *trailer_array(void)
{
  return g_ptr_array_new_with_free_func((GDestroyNotify)pl_trailer_free);
}

static struct pl_trailer *trailer_new(const char *key, size_t kn,
                                      const char *value, size_t vn)
{
  struct pl_trailer *t = g_new0(struct pl_trailer, 1);
  pl_trim(&key, &kn);
  pl_trim(&value, &vn);
  t->key = g_strndup(key, kn);
  t->value = g_strndup(value, vn);
  return t;
}

static void trailer_set_person(struct pl_trailer *t)
{
  pl_trailer_person_free(t->person);
  t->person = NULL;
  if (!key_is_thing(t->key, strlen(t->key)))
    t->person = pl_trailer_person_parse(t->value, strlen(t->value));
}

/* Gives the trailer its unfolded value and, from it, its person. */
static void finish_trailer(struct pl_trailer *t, const GString *value)
{
  if (!t)
    return;
  g_free(t->value);
  t->value = g_strndup(value->str, value->len);
  trailer_set_person(t);
}

enum kind { K_OTHER, K_TRAILER };

/* git's verdict on the paragraph lines[a..b): is it a trailer block? The
 * loop in git's find_trailer_block_start runs from the bottom and counts
 * a run of white-space-led lines as continuations when a trailer is
 * above them and as non-trailers otherwise; this forward pass counts the
 * same. */
static int is_trailer_block(const char *text, const struct span *lines,
                            size_t a, size_t b)
{
  size_t trailers = 0, others = 0;
  int recognized = 0;
  enum kind prev = K_OTHER;
  for (size_t i = a; i < b; i++) {
    const char *s = text + lines[i].start;
    size_t n = lines[i].len;
    if (n && s[0] == '#') {
      prev = K_OTHER;
      continue;
    }
    if (has_prefix(s, n, "Signed-off-by: ") ||
        has_prefix(s, n, "(cherry picked from commit ")) {
      trailers++;
      recognized = 1;
      prev = K_TRAILER;
    } else if (trailer_separator(s, n) >= 1) {
      trailers++;
      prev = K_TRAILER;
    } else if (n && git_space(s[0])) {
      if (prev != K_TRAILER)
        others++;
    } else {
      others++;
      prev = K_OTHER;
    }
  }
  if (recognized && trailers * 3 >= others)
    return 1;
  return trailers && !others;
}

/* A paragraph above the block joins it when each line is a trailer of a
 * known key or a continuation of one. */
static int is_known_trailer_paragraph(const char *text,
                                      const struct span *lines, size_t a,
                                      size_t b)
{
  int prev_trailer = 0;
  for (size_t i = a; i < b; i++) {
    const char *s = text + lines[i].start;
    size_t n = lines[i].len;
    if (n && git_space(s[0])) {
      if (!prev_trailer)
        return 0;
      continue;
    }
    long sep = trailer_separator(s, n);
    if (sep < 1)
      return 0;
    const char *k = s;
    size_t kn = (size_t)sep;
    pl_trim(&k, &kn);
    if (!key_is_known(k, kn))
      return 0;
    prev_trailer = 1;
  }
  return 1;
}

static int line_blank(const char *text, const struct span *sp)
{
  return is_blank(text + sp->start, sp->len);
}

GPtrArray *pl_trailer_parse(const char *message, size_t len)
{
  GPtrArray *out = trailer_array();
  if (!message || !len)
    return out;
  GArray *arr = split_lines(message, len);
  const struct span *lines = (const struct span *)(void *)arr->data;
  size_t n = arr->len;

  size_t end = n;
  while (end > 0 && line_blank(message, &lines[end - 1]))
    end--;
  size_t start = end;
  while (start > 0 && !line_blank(message, &lines[start - 1]))
    start--;
  if (end == 0 || !is_trailer_block(message, lines, start, end)) {
    g_array_unref(arr);
    return out;
  }

  for (;;) {
    size_t e = start;
    while (e > 0 && line_blank(message, &lines[e - 1]))
      e--;
    size_t s = e;
    while (s > 0 && !line_blank(message, &lines[s - 1]))
      s--;
    if (e == 0 || !is_known_trailer_paragraph(message, lines, s, e))
      break;
    start = s;
  }

  struct pl_trailer *last = NULL;
  GString *value = g_string_new(NULL);
  for (size_t i = start; i < end; i++) {
    const char *s = message + lines[i].start;
    size_t sn = lines[i].len;
    if (!is_blank(s, sn) && s[0] == '#')
      continue;
    if (!is_blank(s, sn) && git_space(s[0])) {
      if (last) {
        pl_trim(&s, &sn);
        g_string_append_c(value, ' ');
        g_string_append_len(value, s, (gssize)sn);
      }
      continue;
    }
    finish_trailer(last, value);
    last = NULL;
    long sep = trailer_separator(s, sn);
    if (sep < 1)
      continue;
    last = trailer_new(s, (size_t)sep, s + sep + 1, sn - (size_t)sep - 1);
    g_string_assign(value, last->value);
    g_ptr_array_add(out, last);
  }
  finish_trailer(last, value);
  g_string_free(value, TRUE);
  g_array_unref(arr);
  return out;
}

static int is_hex_word(const char *s, size_t n)
{
  size_t i = 0;
  while (i < n && g_ascii_isxdigit(s[i]))
    i++;
  return i >= 7 && (i == n || g_ascii_isspace(s[i]));
}

GPtrArray *pl_trailer_find_in_reply(const char *text, size_t len)
{
  GPtrArray *out = trailer_array();
  if (!text || !len)
    return out;
  GArray *arr = split_lines(text, len);
  const struct span *lines = (const struct span *)(void *)arr->data;
  for (size_t i = 0; i < arr->len; i++) {
    const char *s = text + lines[i].start;
    size_t n = lines[i].len;
    if (is_signature(s, n))
      break;
    while (n && (s[0] == ' ' || s[0] == '\t')) {
      s++;
      n--;
    }
    if (!n || s[0] == '>')
      continue;
    long sep = find_separator(s, n);
    if (sep < 1)
      continue;
    const char *k = s;
    size_t kn = (size_t)sep;
    pl_trim(&k, &kn);
    const char *v = s + sep + 1;
    size_t vn = n - (size_t)sep - 1;
    pl_trim(&v, &vn);
    if (key_ends_by(k, kn)) {
      struct pl_trailer *t = trailer_new(k, kn, v, vn);
      t->person = pl_trailer_person_parse(v, vn);
      if (!t->person && i + 1 < arr->len) {
        const char *w = text + lines[i + 1].start;
        size_t wn = lines[i + 1].len;
        pl_trim(&w, &wn);
        if (wn >= 3 && w[0] == '<' && w[wn - 1] == '>') {
          GString *joined = g_string_new(t->value);
          g_string_append_c(joined, ' ');
          g_string_append_len(joined, w, (gssize)wn);
          g_free(t->value);
          t->value = g_string_free(joined, FALSE);
          t->person = pl_trailer_person_parse(t->value, strlen(t->value));
          if (t->person)
            i++;
        }
      }
      if (t->person)
        g_ptr_array_add(out, t);
      else
        pl_trailer_free(t);
    } else if (key_is(k, kn, "Fixes") && is_hex_word(v, vn)) {
      g_ptr_array_add(out, trailer_new(k, kn, v, vn));
    }
  }
  g_array_unref(arr);
  return out;
}

/* Key length of an info line, or 0. */
static size_t info_key_len(const char *s, size_t n)
{
  const char *colon = memchr(s, ':', n);
  if (!colon || colon == s)
    return 0;
  size_t kn = (size_t)(colon - s);
  return key_is_info(s, kn) ? kn : 0;
}

int pl_trailer_is_info_line(const char *line, size_t len)
{
  if (!line)
    return 0;
  size_t kn = info_key_len(line, len);
  if (!kn)
    return 0;
  const char *v = line + kn + 1;
  size_t vn = len - kn - 1;
  pl_trim(&v, &vn);
  return vn > 0;
}

GPtrArray *pl_trailer_find_info(const char *text, size_t len)
{
  GPtrArray *out = trailer_array();
  size_t pos = 0;
  while (text && pos < len) {
    const char *s = text + pos;
    const char *nl = memchr(s, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - s) : len - pos;
    pos += nl ? n + 1 : n;
    if (n && s[n - 1] == '\r')
      n--;
    if (is_signature(s, n))
      break;
    if (pl_trailer_is_info_line(s, n)) {
      size_t kn = info_key_len(s, n);
      g_ptr_array_add(out, trailer_new(s, kn, s + kn + 1, n - kn - 1));
    }
  }
  return out;
}
