#include "diff.h"

#include <string.h>

#include "textline.h"

#define NONE PL_DIFF_NONE

static guint64 sat_add(guint64 a, guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

/* Decimal digits at s[*i..n), saturating; returns the number of digits. */
static size_t parse_u64(const char *s, size_t n, size_t *i, guint64 *out)
{
  size_t d = *i;
  guint64 v = 0;
  while (*i < n && g_ascii_isdigit(s[*i])) {
    unsigned dig = (unsigned)(s[*i] - '0');
    v = v > (G_MAXUINT64 - dig) / 10 ? G_MAXUINT64 : v * 10 + dig;
    (*i)++;
  }
  *out = v;
  return *i - d;
}

static int expect(const char *s, size_t n, size_t *i, const char *word)
{
  size_t k = strlen(word);
  if (n - *i < k || memcmp(s + *i, word, k) != 0)
    return 0;
  *i += k;
  return 1;
}

/* A path git wrote C-style quoted ("a/\303\251.c"): s[0] is the quote.
 * Appends the unquoted bytes to out and returns the length consumed, or
 * 0 when the quote is not closed. */
static size_t unquote(const char *s, size_t n, GString *out)
{
  size_t i = 1;
  while (i < n && s[i] != '"') {
    char c = s[i++];
    if (c != '\\') {
      g_string_append_c(out, c);
      continue;
    }
    if (i >= n)
      return 0;
    c = s[i++];
    if (c >= '0' && c <= '7') {
      unsigned v = (unsigned)(c - '0');
      for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; k++)
        v = v * 8 + (unsigned)(s[i++] - '0');
      g_string_append_c(out, (char)(v & 0xff));
      continue;
    }
    switch (c) {
    case 'a': c = '\a'; break;
    case 'b': c = '\b'; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'v': c = '\v'; break;
    default: break; /* \" and \\ stand for themselves */
    }
    g_string_append_c(out, c);
  }
  if (i >= n)
    return 0;
  return i + 1;
}

/* The path s[0..n): unquoted when it is one quoted string. */
static char *path_dup(const char *s, size_t n)
{
  if (n >= 2 && s[0] == '"') {
    GString *out = g_string_new(NULL);
    if (unquote(s, n, out) == n)
      return g_string_free(out, FALSE);
    g_string_free(out, TRUE);
  }
  return g_strndup(s, n);
}

void pl_diff_stat_file_free(struct pl_diff_stat_file *file)
{
  if (!file)
    return;
  g_free(file->path);
  g_free(file->old_path);
  g_free(file);
}

void pl_diff_stat_free(struct pl_diff_stat *stat)
{
  if (!stat)
    return;
  g_ptr_array_unref(stat->files);
  g_free(stat);
}

/* Joins pre + mid + post for one side of `pre{a => b}post`; git writes
 * `dir/{ => sub}/f` for dir/f -> dir/sub/f, so an empty middle leaves a
 * doubled or leading '/' to drop. */
static char *join_side(const char *pre, size_t pn, const char *mid,
                       size_t mn, const char *post, size_t qn)
{
  if (mn == 0) {
    if (pn && pre[pn - 1] == '/' && qn && post[0] == '/') {
      post++;
      qn--;
    } else if (!pn && qn && post[0] == '/') {
      post++;
      qn--;
    } else if (!qn && pn && pre[pn - 1] == '/') {
      pn--;
    }
  }
  GString *out = g_string_sized_new(pn + mn + qn);
  g_string_append_len(out, pre, (gssize)pn);
  g_string_append_len(out, mid, (gssize)mn);
  g_string_append_len(out, post, (gssize)qn);
  return g_string_free(out, FALSE);
}

static void stat_paths(struct pl_diff_stat_file *f, const char *s, size_t n)
{
  if (n >= 2 && s[0] == '"') {
    f->path = path_dup(s, n);
  } else {
    const char *arrow = g_strstr_len(s, (gssize)n, " => ");
    const char *lb = arrow ? memchr(s, '{', (size_t)(arrow - s)) : NULL;
    const char *rb =
        arrow ? memchr(arrow + 4, '}', n - (size_t)(arrow + 4 - s)) : NULL;
    if (arrow && lb && rb) {
      const char *a = lb + 1, *b = arrow + 4, *post = rb + 1;
      size_t pn = (size_t)(lb - s), an = (size_t)(arrow - a);
      size_t bn = (size_t)(rb - b), qn = n - (size_t)(post - s);
      f->old_path = join_side(s, pn, a, an, post, qn);
      f->path = join_side(s, pn, b, bn, post, qn);
    } else if (arrow) {
      f->old_path = g_strndup(s, (size_t)(arrow - s));
      f->path = g_strndup(arrow + 4, n - (size_t)(arrow + 4 - s));
    } else {
      f->path = g_strndup(s, n);
    }
  }
  f->truncated = pl_starts(f->path, strlen(f->path), ".../");
}

struct pl_diff_stat_file *pl_diff_stat_parse_line(const char *line,
                                                  size_t len)
{
  if (!line || len < 4 || !(line[0] == ' ' || line[0] == '\t'))
    return NULL;
  const char *bar = NULL;
  for (size_t i = len; i > 0; i--)
    if (line[i - 1] == '|') {
      bar = line + i - 1;
      break;
    }
  if (!bar)
    return NULL;
  const char *p = line;
  size_t pn = (size_t)(bar - line);
  pl_trim(&p, &pn);
  if (!pn)
    return NULL;
  const char *r = bar + 1;
  size_t rn = len - (size_t)(r - line), i = 0;
  while (rn && g_ascii_isspace(r[rn - 1]))
    rn--;
  if (i >= rn || r[i] != ' ')
    return NULL;
  while (i < rn && r[i] == ' ')
    i++;

  struct pl_diff_stat_file f = {0};
  if (expect(r, rn, &i, "Bin")) {
    f.binary = 1;
    f.exact = 1;
    if (i < rn) {
      if (!expect(r, rn, &i, " ") || !parse_u64(r, rn, &i, &f.old_size) ||
          !expect(r, rn, &i, " -> ") || !parse_u64(r, rn, &i, &f.new_size) ||
          !expect(r, rn, &i, " bytes") || i != rn)
        return NULL;
    }
  } else {
    if (!parse_u64(r, rn, &i, &f.changes))
      return NULL;
    guint64 plus = 0, minus = 0;
    if (i < rn) {
      if (r[i] != ' ')
        return NULL;
      while (i < rn && r[i] == ' ')
        i++;
      for (; i < rn; i++) {
        if (r[i] == '+')
          plus++;
        else if (r[i] == '-')
          minus++;
        else
          return NULL;
      }
    }
    guint64 total = plus + minus;
    if (total == f.changes) {
      f.insertions = plus;
      f.deletions = minus;
      f.exact = 1;
    } else if (total) {
      /* git scaled the graph to the terminal: share the count out. */
      double share = (double)f.changes * ((double)plus / (double)total);
      f.insertions = share >= (double)f.changes ? f.changes
                                                : (guint64)(share + 0.5);
      if (f.insertions > f.changes)
        f.insertions = f.changes;
      f.deletions = f.changes - f.insertions;
    }
  }
  struct pl_diff_stat_file *out = g_new(struct pl_diff_stat_file, 1);
  *out = f;
  stat_paths(out, p, pn);
  return out;
}

int pl_diff_stat_is_summary(const char *line, size_t len, guint64 *files,
                            guint64 *insertions, guint64 *deletions)
{
  guint64 nf = 0, ni = 0, nd = 0, v;
  size_t i = 0;
  if (!line)
    return 0;
  while (len && g_ascii_isspace(line[len - 1]))
    len--;
  while (i < len && (line[i] == ' ' || line[i] == '\t'))
    i++;
  if (!parse_u64(line, len, &i, &nf) || !expect(line, len, &i, " file"))
    return 0;
  expect(line, len, &i, "s");
  if (!expect(line, len, &i, " changed"))
    return 0;
  if (i < len) {
    if (!expect(line, len, &i, ", ") || !parse_u64(line, len, &i, &v))
      return 0;
    if (expect(line, len, &i, " insertion")) {
      expect(line, len, &i, "s");
      if (!expect(line, len, &i, "(+)"))
        return 0;
      ni = v;
      if (i < len && (!expect(line, len, &i, ", ") ||
                      !parse_u64(line, len, &i, &v) ||
                      !expect(line, len, &i, " deletion")))
        return 0;
      if (i < len) {
        expect(line, len, &i, "s");
        if (!expect(line, len, &i, "(-)"))
          return 0;
        nd = v;
      }
    } else if (expect(line, len, &i, " deletion")) {
      expect(line, len, &i, "s");
      if (!expect(line, len, &i, "(-)"))
        return 0;
      nd = v;
    } else {
      return 0;
    }
    if (i != len)
      return 0;
  }
  if (files)
    *files = nf;
  if (insertions)
    *insertions = ni;
  if (deletions)
    *deletions = nd;
  return 1;
}

/* The lines `git format-patch` prints after the summary (--summary). */
static int is_summary_extra(const char *s, size_t n)
{
  return pl_starts(s, n, " create mode ") || pl_starts(s, n, " delete mode ") ||
         pl_starts(s, n, " rename ") || pl_starts(s, n, " copy ") ||
         pl_starts(s, n, " mode change ") || pl_starts(s, n, " rewrite ");
}

struct pl_diff_stat *pl_diff_stat_find(const char *text, size_t len,
                                       size_t from, size_t to)
{
  if (!text || to > len)
    to = text ? len : 0;
  GPtrArray *run = g_ptr_array_new_with_free_func(
      (GDestroyNotify)pl_diff_stat_file_free);
  size_t run_start = NONE;
  struct pl_line l;
  for (size_t pos = from; pos < to && pl_line_get(text, to, pos, &l);
       pos = l.next) {
    guint64 nf, ni, nd;
    if (pl_diff_stat_is_summary(l.s, l.n, &nf, &ni, &nd)) {
      struct pl_diff_stat *st = g_new0(struct pl_diff_stat, 1);
      st->files_changed = nf;
      st->insertions = ni;
      st->deletions = nd;
      st->files = run;
      st->offset = run_start != NONE ? run_start : pos;
      st->summary_offset = pos;
      st->summary_length = l.n;
      size_t end = l.next;
      while (pl_line_get(text, to, end, &l) && is_summary_extra(l.s, l.n))
        end = l.next;
      st->length = end - st->offset;
      return st;
    }
    struct pl_diff_stat_file *f = pl_diff_stat_parse_line(l.s, l.n);
    if (f) {
      if (run_start == NONE)
        run_start = pos;
      g_ptr_array_add(run, f);
    } else if (run->len) {
      g_ptr_array_set_size(run, 0);
      run_start = NONE;
    }
  }
  g_ptr_array_unref(run);
  return NULL;
}

static void hunk_free(struct pl_diff_hunk *h)
{
  if (!h)
    return;
  g_free(h->section);
  g_free(h);
}

static void file_free(struct pl_diff_file *f)
{
  if (!f)
    return;
  g_free(f->old_path);
  g_free(f->new_path);
  g_free(f->old_id);
  g_free(f->new_id);
  g_ptr_array_unref(f->hunks);
  g_free(f);
}

void pl_diff_free(struct pl_diff *diff)
{
  if (!diff)
    return;
  g_ptr_array_unref(diff->files);
  g_free(diff);
}

static int plus_line_follows(const char *text, size_t len, const struct pl_line *l)
{
  struct pl_line m;
  return pl_line_get(text, len, l->next, &m) && pl_starts(m.s, m.n, "+++ ");
}

/* Lines that may stand between the files of a plain diff (quilt's
 * Index: and ====, `diff -u` command lines, CVS noise). */
static int is_plain_between(const char *s, size_t n)
{
  return pl_starts(s, n, "Index: ") || pl_starts(s, n, "diff ") ||
         pl_starts(s, n, "===") || pl_starts(s, n, "Only in ") ||
         pl_starts(s, n, "RCS file: ") || pl_starts(s, n, "retrieving revision ");
}

size_t pl_diff_find(const char *text, size_t len, size_t from, size_t to,
                    size_t *signature)
{
  if (signature)
    *signature = NONE;
  if (!text)
    return NONE;
  if (to > len)
    to = len;
  struct pl_line l;
  size_t preamble = NONE; /* a run of Index:/====/diff -u lines */
  for (size_t pos = from; pos < to && pl_line_get(text, len, pos, &l);
       pos = l.next) {
    if (l.n == 3 && memcmp(l.s, "-- ", 3) == 0) {
      if (signature)
        *signature = pos;
      return NONE;
    }
    if (pl_starts(l.s, l.n, "diff --git "))
      return pos;
    if (pl_starts(l.s, l.n, "--- ") && plus_line_follows(text, len, &l))
      return preamble != NONE ? preamble : pos;
    if (is_plain_between(l.s, l.n)) {
      if (preamble == NONE)
        preamble = pos;
    } else {
      preamble = NONE;
    }
  }
  return NONE;
}

/* Drops git's a/ and b/ (or the mnemonic c/ i/ o/ w/) prefix. */
static void strip_git_prefix(const char **s, size_t *n)
{
  if (*n > 2 && (*s)[1] == '/' && strchr("abciow", (*s)[0])) {
    *s += 2;
    *n -= 2;
  }
}

/* A plain diff's path loses its first component, as `patch -p1` does
 * (a/x, linux.orig/x); a path without a '/' is kept. */
static void strip_plain_prefix(const char **s, size_t *n)
{
  const char *slash = memchr(*s, '/', *n);
  if (slash && slash != *s && (size_t)(slash - *s) + 1 < *n) {
    *n -= (size_t)(slash - *s) + 1;
    *s = slash + 1;
  }
}

/* Sets *dst to the path of a ---/+++ line value; NULL for /dev/null. */
static void set_path(char **dst, const char *s, size_t n, int git)
{
  const char *tab = memchr(s, '\t', n);
  if (tab)
    n = (size_t)(tab - s);
  while (n && g_ascii_isspace(s[n - 1]))
    n--;
  g_free(*dst);
  *dst = NULL;
  if ((n == 9 && memcmp(s, "/dev/null", 9) == 0) || n == 0)
    return;
  char *p = path_dup(s, n);
  const char *q = p;
  size_t qn = strlen(p);
  if (git)
    strip_git_prefix(&q, &qn);
  else
    strip_plain_prefix(&q, &qn);
  *dst = g_strndup(q, qn);
  g_free(p);
}

/* The two names of `diff --git a/x b/y`. When neither is quoted and the
 * file keeps its name, the line is two equal halves (names may hold
 * spaces); a renamed file's names come again in `rename from/to`. */
static void git_header_names(struct pl_diff_file *f, const char *s, size_t n)
{
  const char *a, *b;
  size_t an, bn;
  GString *qa = NULL, *qb = NULL;
  if (n && s[0] == '"') {
    qa = g_string_new(NULL);
    size_t used = unquote(s, n, qa);
    if (!used || used >= n || s[used] != ' ') {
      g_string_free(qa, TRUE);
      return;
    }
    a = qa->str;
    an = qa->len;
    b = s + used + 1;
    bn = n - used - 1;
  } else {
    const char *sp = NULL;
    const char *q = g_strstr_len(s, (gssize)n, " \"");
    if (q) {
      sp = q;
    } else if (n % 2 == 1 && s[n / 2] == ' ' && n >= 3) {
      const char *x = s, *y = s + n / 2 + 1;
      size_t xn = n / 2, yn = n / 2;
      strip_git_prefix(&x, &xn);
      strip_git_prefix(&y, &yn);
      if (xn == yn && memcmp(x, y, xn) == 0)
        sp = s + n / 2;
    }
    if (!sp)
      sp = g_strstr_len(s, (gssize)n, " b/");
    if (!sp)
      sp = memchr(s, ' ', n);
    if (!sp)
      return;
    a = s;
    an = (size_t)(sp - s);
    b = sp + 1;
    bn = n - an - 1;
  }
  if (bn && b[0] == '"') {
    qb = g_string_new(NULL);
    if (unquote(b, bn, qb) == bn) {
      b = qb->str;
      bn = qb->len;
    }
  }
  strip_git_prefix(&a, &an);
  strip_git_prefix(&b, &bn);
  f->old_path = g_strndup(a, an);
  f->new_path = g_strndup(b, bn);
  if (qa)
    g_string_free(qa, TRUE);
  if (qb)
    g_string_free(qb, TRUE);
}

static unsigned parse_mode(const char *s, size_t n)
{
  unsigned v = 0;
  size_t i = 0;
  while (i < n && s[i] == ' ')
    i++;
  for (; i < n && s[i] >= '0' && s[i] <= '7'; i++)
    if (v < 01000000)
      v = v * 8 + (unsigned)(s[i] - '0');
  return v < 01000000 ? v : 0;
}

static int parse_percent(const char *s, size_t n)
{
  size_t i = 0;
  guint64 v;
  if (!parse_u64(s, n, &i, &v) || v > 100)
    return -1;
  return (int)v;
}

static void parse_index_line(struct pl_diff_file *f, const char *s, size_t n)
{
  const char *dots = g_strstr_len(s, (gssize)n, "..");
  if (!dots)
    return;
  const char *b = dots + 2;
  const char *sp = memchr(b, ' ', n - (size_t)(b - s));
  size_t bn = sp ? (size_t)(sp - b) : n - (size_t)(b - s);
  g_free(f->old_id);
  g_free(f->new_id);
  f->old_id = g_strndup(s, (size_t)(dots - s));
  f->new_id = g_strndup(b, bn);
  if (sp) {
    unsigned mode = parse_mode(sp, n - (size_t)(sp - s));
    if (mode && !f->old_mode && !f->new_mode)
      f->old_mode = f->new_mode = mode;
  }
}

/* `@@ -a[,b] +c[,d] @@[ section]` */
static struct pl_diff_hunk *parse_hunk_header(const char *s, size_t n)
{
  struct pl_diff_hunk h = {0};
  size_t i = 0;
  if (!expect(s, n, &i, "@@ -") || !parse_u64(s, n, &i, &h.old_start))
    return NULL;
  h.old_count = 1;
  if (expect(s, n, &i, ",") && !parse_u64(s, n, &i, &h.old_count))
    return NULL;
  if (!expect(s, n, &i, " +") || !parse_u64(s, n, &i, &h.new_start))
    return NULL;
  h.new_count = 1;
  if (expect(s, n, &i, ",") && !parse_u64(s, n, &i, &h.new_count))
    return NULL;
  if (!expect(s, n, &i, " @@"))
    return NULL;
  const char *sec = s + i;
  size_t sn = n - i;
  pl_trim(&sec, &sn);
  struct pl_diff_hunk *out = g_new(struct pl_diff_hunk, 1);
  *out = h;
  out->section = sn ? g_strndup(sec, sn) : NULL;
  return out;
}

/* A line of a `GIT binary patch`: its length character, then base85. */
static int is_base85_line(const char *s, size_t n)
{
  static const char alphabet[] = "0123456789"
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                 "abcdefghijklmnopqrstuvwxyz"
                                 "!#$%&()*+-;<=>?@^_`{|}~";
  if (n < 6 || !g_ascii_isalpha(s[0]))
    return 0;
  for (size_t i = 1; i < n; i++)
    if (!memchr(alphabet, s[i], sizeof alphabet - 1))
      return 0;
  return 1;
}

enum state { S_HUNKS, S_HEADER, S_BODY, S_BINARY };

struct parser {
  struct pl_diff *diff;
  struct pl_diff_file *file;
  struct pl_diff_hunk *hunk;
  guint64 old_rem, new_rem;
  int old_null, new_null; /* ---/+++ said /dev/null */
  size_t file_end;
};

static void finish_file(struct parser *p)
{
  struct pl_diff_file *f = p->file;
  if (!f)
    return;
  f->length = p->file_end - f->offset;
  if (f->status == PL_DIFF_MODIFIED) {
    if (p->old_null && !p->new_null)
      f->status = PL_DIFF_ADDED;
    else if (p->new_null && !p->old_null)
      f->status = PL_DIFF_DELETED;
  }
  if (f->status == PL_DIFF_ADDED) {
    g_free(f->old_path);
    f->old_path = NULL;
  } else if (f->status == PL_DIFF_DELETED) {
    g_free(f->new_path);
    f->new_path = NULL;
  }
  p->diff->added = sat_add(p->diff->added, f->added);
  p->diff->removed = sat_add(p->diff->removed, f->removed);
  p->file = NULL;
  p->hunk = NULL;
}

static void start_file(struct parser *p, size_t pos, int git)
{
  finish_file(p);
  struct pl_diff_file *f = g_new0(struct pl_diff_file, 1);
  f->hunks = g_ptr_array_new_with_free_func((GDestroyNotify)hunk_free);
  f->similarity = f->dissimilarity = -1;
  f->git = git;
  f->offset = pos;
  p->old_null = p->new_null = 0;
  g_ptr_array_add(p->diff->files, f);
  p->file = f;
}

static void commit(struct parser *p, const struct pl_line *l)
{
  p->file_end = l->next;
  if (p->hunk)
    p->hunk->length = l->next - p->hunk->offset;
}

/* The extended header lines of a `diff --git` file; 0 when l is none. */
static int header_line(struct parser *p, const struct pl_line *l)
{
  struct pl_diff_file *f = p->file;
  const char *s = l->s;
  size_t n = l->n;
#define VALUE(prefix) (s + strlen(prefix)), (n - strlen(prefix))
  if (pl_starts(s, n, "old mode ")) {
    f->old_mode = parse_mode(VALUE("old mode "));
  } else if (pl_starts(s, n, "new mode ")) {
    f->new_mode = parse_mode(VALUE("new mode "));
  } else if (pl_starts(s, n, "deleted file mode ")) {
    f->status = PL_DIFF_DELETED;
    f->old_mode = parse_mode(VALUE("deleted file mode "));
  } else if (pl_starts(s, n, "new file mode ")) {
    f->status = PL_DIFF_ADDED;
    f->new_mode = parse_mode(VALUE("new file mode "));
  } else if (pl_starts(s, n, "similarity index ")) {
    f->similarity = parse_percent(VALUE("similarity index "));
  } else if (pl_starts(s, n, "dissimilarity index ")) {
    f->dissimilarity = parse_percent(VALUE("dissimilarity index "));
  } else if (pl_starts(s, n, "rename from ") || pl_starts(s, n, "copy from ")) {
    size_t k = s[0] == 'r' ? strlen("rename from ") : strlen("copy from ");
    f->status = s[0] == 'r' ? PL_DIFF_RENAMED : PL_DIFF_COPIED;
    g_free(f->old_path);
    f->old_path = path_dup(s + k, n - k);
  } else if (pl_starts(s, n, "rename to ") || pl_starts(s, n, "copy to ")) {
    size_t k = s[0] == 'r' ? strlen("rename to ") : strlen("copy to ");
    f->status = s[0] == 'r' ? PL_DIFF_RENAMED : PL_DIFF_COPIED;
    g_free(f->new_path);
    f->new_path = path_dup(s + k, n - k);
  } else if (pl_starts(s, n, "index ")) {
    parse_index_line(f, VALUE("index "));
  } else if (pl_starts(s, n, "--- ")) {
    char *path = NULL;
    set_path(&path, VALUE("--- "), 1);
    p->old_null = path == NULL;
    if (path && f->status != PL_DIFF_RENAMED && f->status != PL_DIFF_COPIED) {
      g_free(f->old_path);
      f->old_path = path;
    } else {
      g_free(path);
    }
  } else {
    return 0;
  }
#undef VALUE
  return 1;
}

static void plus_path(struct parser *p, const struct pl_line *l)
{
  struct pl_diff_file *f = p->file;
  char *path = NULL;
  set_path(&path, l->s + 4, l->n - 4, f->git);
  p->new_null = path == NULL;
  if (path && f->status != PL_DIFF_RENAMED && f->status != PL_DIFF_COPIED) {
    g_free(f->new_path);
    f->new_path = path;
  } else {
    g_free(path);
  }
}

struct pl_diff *pl_diff_parse(const char *text, size_t len, size_t start)
{
  if (!text || start >= len)
    return NULL;
  struct parser p = {0};
  p.diff = g_new0(struct pl_diff, 1);
  p.diff->files =
      g_ptr_array_new_with_free_func((GDestroyNotify)file_free);
  enum state state = S_HUNKS;
  size_t end = start; /* end of the last line that belongs to the diff */
  struct pl_line l;
  size_t pos = start;

  while (pl_line_get(text, len, pos, &l)) {
    const char *s = l.s;
    size_t n = l.n;
    int done = 0;
    /* A line that ends the state it came in is looked at again in
     * S_HUNKS, which always takes it or ends the diff: two looks at most. */
    for (;;) {
      if (state == S_BODY) {
        char c = n ? s[0] : ' ';
        if (c == ' ' && p.old_rem && p.new_rem) {
          p.old_rem--;
          p.new_rem--;
        } else if (c == '-' && p.old_rem) {
          p.old_rem--;
          p.hunk->removed++;
          p.file->removed++;
        } else if (c == '+' && p.new_rem) {
          p.new_rem--;
          p.hunk->added++;
          p.file->added++;
        } else if (c != '\\') {
          p.hunk->truncated = 1;
          state = S_HUNKS;
          continue;
        }
        commit(&p, &l);
        if (!p.old_rem && !p.new_rem)
          state = S_HUNKS;
        break;
      }
      if (state == S_HEADER) {
        if (header_line(&p, &l)) {
          commit(&p, &l);
        } else if (pl_starts(s, n, "+++ ")) {
          plus_path(&p, &l);
          commit(&p, &l);
          state = S_HUNKS;
        } else if (pl_starts(s, n, "GIT binary patch")) {
          p.file->binary = PL_DIFF_BINARY_PATCH;
          commit(&p, &l);
          state = S_BINARY;
        } else if (pl_starts(s, n, "Binary files ")) {
          p.file->binary = PL_DIFF_BINARY_DIFFERS;
          commit(&p, &l);
          state = S_HUNKS;
        } else {
          state = S_HUNKS;
          continue;
        }
        break;
      }
      if (state == S_BINARY) {
        if (pl_starts(s, n, "literal ") || pl_starts(s, n, "delta ") ||
            is_base85_line(s, n)) {
          commit(&p, &l);
          break;
        }
        if (pl_is_blank(s, n))
          break;
        state = S_HUNKS;
        continue;
      }
      /* S_HUNKS: between hunks and between files. */
      struct pl_diff_hunk *h;
      if (p.file && pl_starts(s, n, "@@ -") && (h = parse_hunk_header(s, n))) {
        h->offset = pos;
        g_ptr_array_add(p.file->hunks, h);
        p.hunk = h;
        p.old_rem = h->old_count;
        p.new_rem = h->new_count;
        commit(&p, &l);
        if (p.old_rem || p.new_rem)
          state = S_BODY;
      } else if (p.hunk && pl_starts(s, n, "\\ ")) {
        commit(&p, &l);
      } else if (pl_starts(s, n, "diff --git ")) {
        start_file(&p, pos, 1);
        git_header_names(p.file, s + 11, n - 11);
        commit(&p, &l);
        state = S_HEADER;
      } else if (pl_starts(s, n, "--- ") && plus_line_follows(text, len, &l)) {
        start_file(&p, pos, 0);
        set_path(&p.file->old_path, s + 4, n - 4, 0);
        p.old_null = p.file->old_path == NULL;
        commit(&p, &l);
        pos = l.next;
        pl_line_get(text, len, pos, &l);
        plus_path(&p, &l);
        commit(&p, &l);
      } else if (is_plain_between(s, n)) {
        /* maybe the next file's preamble: kept only if a file follows */
      } else {
        done = 1;
      }
      break;
    }
    if (done)
      break;
    if (p.file)
      end = p.file_end;
    pos = l.next;
  }
  finish_file(&p);
  if (!p.diff->files->len) {
    pl_diff_free(p.diff);
    return NULL;
  }
  p.diff->offset = start;
  p.diff->length = end - start;
  return p.diff;
}
