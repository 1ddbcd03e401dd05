/* Subject prefixes of patch mail; see subject.h for what is recognised.
 *
 * The parser is a single forward scan: reply words and bracket groups are
 * taken off the front, each group is cut into tokens (white space, commas
 * and the brackets of nested groups separate them), and each token is
 * classified on its own, with at most two tokens of look-ahead ("3 of 5",
 * "GIT PULL REQUEST"). Nothing recurses and nothing is scanned more than
 * a constant number of times, so hostile subjects cost linear time. */
#include "subject.h"

#include <string.h>

static bool is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

static char to_lower(char c)
{
  return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static const char *skip_space(const char *p)
{
  while (is_space(*p))
    p++;
  return p;
}

/* Does [p, p+len) equal lit (lower case) in any ASCII case? */
static bool ieq(const char *p, size_t len, const char *lit)
{
  size_t n = strlen(lit);
  if (len != n)
    return false;
  for (size_t i = 0; i < n; i++)
    if (to_lower(p[i]) != lit[i])
      return false;
  return true;
}

/* Does [p, p+len) start with lit (lower case) in any ASCII case? */
static bool iprefix(const char *p, size_t len, const char *lit)
{
  size_t n = strlen(lit);
  if (len < n)
    return false;
  for (size_t i = 0; i < n; i++)
    if (to_lower(p[i]) != lit[i])
      return false;
  return true;
}

/* Does the NUL-terminated p start with lit (lower case) in any ASCII case? */
static bool starts_with_ci(const char *p, const char *lit)
{
  for (; *lit; p++, lit++)
    if (to_lower(*p) != *lit)
      return false;
  return true;
}

/* Does [p, p+len) contain "patch" in any ASCII case? */
static bool has_patch(const char *p, size_t len)
{
  for (size_t i = 0; i + 5 <= len; i++)
    if (to_lower(p[i]) == 'p' && iprefix(p + i, len - i, "patch"))
      return true;
  return false;
}

/* Decimal digits, leading zeros allowed. Returns 1 with *out set, 0 when
 * [p, p+len) is not all digits (or empty), -1 when the value is over
 * PL_SUBJECT_NUMBER_MAX (however many digits: accumulation stops there, so
 * "1/4294967296" can neither wrap nor overflow). */
static int parse_number(const char *p, size_t len, unsigned *out)
{
  unsigned v = 0;
  bool big = false;
  if (len == 0)
    return 0;
  for (size_t i = 0; i < len; i++) {
    if (!is_digit(p[i]))
      return 0;
    if (!big) {
      v = v * 10 + (unsigned)(p[i] - '0');
      big = v > PL_SUBJECT_NUMBER_MAX;
    }
  }
  if (big)
    return -1;
  *out = v;
  return 1;
}

/* "n/N": returns as parse_number, with both numbers. */
static int parse_counter(const char *p, size_t len, unsigned *n, unsigned *total)
{
  const char *slash = memchr(p, '/', len);
  if (!slash)
    return 0;
  size_t left = (size_t)(slash - p);
  int a = parse_number(p, left, n);
  int b = parse_number(slash + 1, len - left - 1, total);
  if (a == 0 || b == 0)
    return 0;
  return (a < 0 || b < 0) ? -1 : 1;
}

/* "vN" or "vN.M", either case of v: returns as parse_number. "v4.19-stable"
 * and "v6.1.y" are not versions. */
static int parse_version(const char *p, size_t len, unsigned *v, unsigned *sub)
{
  if (len < 2 || (p[0] != 'v' && p[0] != 'V'))
    return 0;
  p++;
  len--;
  const char *dot = memchr(p, '.', len);
  if (!dot) {
    *sub = 0;
    return parse_number(p, len, v);
  }
  size_t left = (size_t)(dot - p);
  int a = parse_number(p, left, v);
  int b = parse_number(dot + 1, len - left - 1, sub);
  if (a == 0 || b == 0)
    return 0;
  return (a < 0 || b < 0) ? -1 : 1;
}

enum keyword {
  KW_PATCH = 1u << 0,
  KW_RFC = 1u << 1,
  KW_RESEND = 1u << 2,
  KW_PULL = 1u << 3,
};

static const struct {
  const char *name;
  unsigned kw;
} keywords[] = {
  {"patch", KW_PATCH},
  {"rfc", KW_RFC},
  {"resend", KW_RESEND},
  {"pull", KW_PULL},
};

static unsigned keyword_exact(const char *p, size_t len)
{
  for (size_t i = 0; i < G_N_ELEMENTS(keywords); i++)
    if (ieq(p, len, keywords[i].name))
      return keywords[i].kw;
  return 0;
}

enum kind {
  T_TAG,      /* not understood: kept as a tag */
  T_BIG,      /* a counter or version whose number is too big */
  T_NUMBER,   /* digits alone: maybe the n or N of "n of N" */
  T_OF,       /* "of" */
  T_GIT,      /* "GIT", before "PULL" */
  T_REQUEST,  /* "REQUEST", after "PULL" */
  T_KEYWORDS, /* keywords only: "PATCH", "RFC/PATCH", "RFC-PATCH" */
  T_VERSION,  /* a version, perhaps run into keywords: "v3", "PATCHv3" */
  T_COUNTER,  /* a counter, perhaps run into a keyword: "1/8", "PATCH1/8" */
};

struct token {
  const char *p;
  size_t len;
  enum kind kind;
  unsigned kw;  /* enum keyword bits the token carries */
  bool joined;  /* the version or counter was run into a keyword */
  bool big;     /* T_NUMBER: over PL_SUBJECT_NUMBER_MAX */
  unsigned a, b; /* version and subversion, n and total, or the number */
};

/* "RFC/PATCH", "PATCH/RFC", "RFC-PATCH", "v2-RESEND": parts split on '/'
 * and '-' that are all keywords, with at most one version among them.
 * Anything else ("bpf-next/net", "v4.19-stable", "-net") is not split. */
static bool classify_split(struct token *t)
{
  const char *p = t->p, *end = t->p + t->len;
  unsigned kw = 0, v = 0, sub = 0;
  bool have_version = false;
  for (;;) {
    const char *q = p;
    while (q < end && *q != '/' && *q != '-')
      q++;
    size_t len = (size_t)(q - p);
    unsigned k = keyword_exact(p, len);
    if (k)
      kw |= k;
    else if (!have_version && parse_version(p, len, &v, &sub) == 1)
      have_version = true;
    else
      return false;
    if (q == end)
      break;
    p = q + 1;
  }
  if (!kw)
    return false;
  t->kw = kw;
  if (have_version) {
    t->kind = T_VERSION;
    t->joined = true;
    t->a = v;
    t->b = sub;
  } else {
    t->kind = T_KEYWORDS;
  }
  return true;
}

static void classify(struct token *t)
{
  const char *p = t->p;
  size_t len = t->len;
  int r;

  t->kind = T_TAG;
  t->kw = 0;
  t->joined = false;
  t->big = false;
  t->a = t->b = 0;

  if ((r = parse_number(p, len, &t->a)) != 0) {
    t->kind = T_NUMBER;
    t->big = r < 0;
    return;
  }
  if ((r = parse_counter(p, len, &t->a, &t->b)) != 0) {
    t->kind = r > 0 ? T_COUNTER : T_BIG;
    return;
  }
  if ((r = parse_version(p, len, &t->a, &t->b)) != 0) {
    t->kind = r > 0 ? T_VERSION : T_BIG;
    return;
  }
  if ((t->kw = keyword_exact(p, len)) != 0) {
    t->kind = T_KEYWORDS;
    return;
  }
  if (ieq(p, len, "of")) {
    t->kind = T_OF;
    return;
  }
  if (ieq(p, len, "git")) {
    t->kind = T_GIT;
    return;
  }
  if (ieq(p, len, "request")) {
    t->kind = T_REQUEST;
    return;
  }
  /* A keyword run together with a version or counter: "PATCHv3",
   * "RFCv2", "PATCH1/8", "PATCH-v3", "PATCH_v2". */
  for (size_t i = 0; i < G_N_ELEMENTS(keywords); i++) {
    size_t n = strlen(keywords[i].name);
    if (len <= n || !iprefix(p, len, keywords[i].name))
      continue;
    const char *rest = p + n;
    size_t rlen = len - n;
    if (rlen > 1 && (rest[0] == '-' || rest[0] == '_')) {
      rest++;
      rlen--;
    }
    if ((r = parse_version(rest, rlen, &t->a, &t->b)) != 0)
      t->kind = r > 0 ? T_VERSION : T_BIG;
    else if ((r = parse_counter(rest, rlen, &t->a, &t->b)) != 0)
      t->kind = r > 0 ? T_COUNTER : T_BIG;
    else
      break;
    t->kw = keywords[i].kw;
    t->joined = true;
    return;
  }
  if (classify_split(t))
    return;
  t->kind = T_TAG;
  t->kw = 0;
}

/* Tokens of a group: runs between white space, commas and brackets. */
struct cursor {
  const char *p, *end;
};

static bool is_sep(char c)
{
  return is_space(c) || c == ',' || c == '[' || c == ']';
}

static bool next_token(struct cursor *c, struct token *t)
{
  while (c->p < c->end && is_sep(*c->p))
    c->p++;
  if (c->p == c->end)
    return false;
  t->p = c->p;
  while (c->p < c->end && !is_sep(*c->p))
    c->p++;
  t->len = (size_t)(c->p - t->p);
  classify(t);
  return true;
}

static void add_tag(struct pl_subject *s, const struct token *t)
{
  g_ptr_array_add(s->tags, g_strndup(t->p, t->len));
}

static void apply_keywords(struct pl_subject *s, unsigned kw)
{
  if (kw & KW_RFC)
    s->is_rfc = true;
  if (kw & KW_RESEND)
    s->is_resend = true;
  if (kw & KW_PULL)
    s->is_pull = true;
}

static void set_counter(struct pl_subject *s, const struct token *t, unsigned n,
                        unsigned total, enum pl_subject_counter_rule rule)
{
  if (s->counter_rule != PL_SUBJECT_COUNTER_NONE) {
    s->flags |= PL_SUBJECT_DUPLICATE;
    add_tag(s, t);
    return;
  }
  s->n = n;
  s->total = total;
  s->counter_rule = rule;
}

/* Takes the token after c when it is a "REQUEST" ("PULL REQUEST"). */
static void take_request(struct cursor *c)
{
  struct cursor save = *c;
  struct token t;
  if (!next_token(c, &t) || t.kind != T_REQUEST)
    *c = save;
}

/* The tokens of one group, [p, end) being what lies between its brackets. */
static void parse_group(struct pl_subject *s, const char *p, const char *end)
{
  struct cursor c = {p, end};
  struct token t;

  while (next_token(&c, &t)) {
    if (has_patch(t.p, t.len))
      s->has_patch_group = true;
    switch (t.kind) {
    case T_NUMBER: {
      struct cursor save = c;
      struct token of, total;
      if (next_token(&c, &of) && of.kind == T_OF && next_token(&c, &total) &&
          total.kind == T_NUMBER) {
        if (t.big || total.big) {
          s->flags |= PL_SUBJECT_NUMBER_TOO_BIG;
          add_tag(s, &t);
          add_tag(s, &of);
          add_tag(s, &total);
        } else if (s->counter_rule != PL_SUBJECT_COUNTER_NONE) {
          s->flags |= PL_SUBJECT_DUPLICATE;
          add_tag(s, &t);
          add_tag(s, &of);
          add_tag(s, &total);
        } else {
          set_counter(s, &t, t.a, total.a, PL_SUBJECT_COUNTER_OF);
        }
      } else {
        c = save;
        add_tag(s, &t);
      }
      break;
    }
    case T_GIT: {
      struct cursor save = c;
      struct token pull;
      if (next_token(&c, &pull) && pull.kind == T_KEYWORDS && pull.kw == KW_PULL) {
        s->is_pull = true;
        take_request(&c);
      } else {
        c = save;
        add_tag(s, &t);
      }
      break;
    }
    case T_KEYWORDS:
      apply_keywords(s, t.kw);
      if (t.kw & KW_PULL)
        take_request(&c);
      break;
    case T_VERSION:
      apply_keywords(s, t.kw);
      if (s->version_rule != PL_SUBJECT_VERSION_DEFAULT) {
        s->flags |= PL_SUBJECT_DUPLICATE;
        add_tag(s, &t);
        break;
      }
      s->version = t.a;
      s->subversion = t.b;
      s->version_rule = t.joined ? PL_SUBJECT_VERSION_JOINED : PL_SUBJECT_VERSION_TOKEN;
      break;
    case T_COUNTER:
      apply_keywords(s, t.kw);
      set_counter(s, &t, t.a, t.b,
                  t.joined ? PL_SUBJECT_COUNTER_JOINED : PL_SUBJECT_COUNTER_SLASH);
      break;
    case T_BIG:
      apply_keywords(s, t.kw);
      s->flags |= PL_SUBJECT_NUMBER_TOO_BIG;
      add_tag(s, &t);
      break;
    case T_OF:
    case T_REQUEST:
    case T_TAG:
      add_tag(s, &t);
      break;
    }
  }
}

/* The ']' closing the group opened at p, counting nested brackets; NULL
 * when it is never closed. */
static const char *group_end(const char *p)
{
  size_t depth = 0;
  for (; *p; p++) {
    if (*p == '[') {
      depth++;
    } else if (*p == ']') {
      if (--depth == 0)
        return p;
    }
  }
  return NULL;
}

/* Reply and forward words. Forward words count as replies: a forwarded
 * patch is not a patch submission. "vs", "wg", "tr" and such are left out
 * on purpose: they are also plausible subsystem prefixes of a title. */
static const struct {
  const char *word;
  bool bare; /* also taken without a colon when a '[' follows: "Re [PATCH]" */
} reply_words[] = {
  {"re", true},
  {"fwd", true},
  {"fw", true},
  {"aw", true},
  {"sv", false},
  {"odp", false},
  {"antw", false},
  {"\xe5\x9b\x9e\xe5\xa4\x8d", false}, /* 回复, Chinese Outlook "reply" */
  {"\xe7\xad\x94\xe5\xa4\x8d", false}, /* 答复, Chinese Outlook "reply" */
  {"\xe8\xbd\xac\xe5\x8f\x91", false}, /* 转发, Chinese Outlook "forward" */
};

/* When p starts with a reply prefix, returns what follows it; else NULL. */
static const char *reply_prefix(const char *p)
{
  for (size_t i = 0; i < G_N_ELEMENTS(reply_words); i++) {
    const char *w = reply_words[i].word;
    size_t n = strlen(w), k;
    for (k = 0; k < n; k++)
      if (to_lower(p[k]) != w[k])
        break;
    if (k < n)
      continue;
    const char *q = p + n;
    /* "Re[2]:", as some clients count replies. */
    if (*q == '[' && is_digit(q[1])) {
      const char *r = q + 1;
      while (is_digit(*r))
        r++;
      if (*r == ']')
        q = r + 1;
    }
    const char *r = skip_space(q);
    if (*r == ':')
      return r + 1;
    /* '：', the full-width colon of CJK mail clients. */
    if (r[0] == '\xef' && r[1] == '\xbc' && r[2] == '\x9a')
      return r + 3;
    if (reply_words[i].bare && r > q && *r == '[')
      return r;
  }
  return NULL;
}

/* "(v3)" in the title, either case of v: patchwork's fallback. */
static bool title_version(const char *p, unsigned *v)
{
  for (; (p = strchr(p, '(')) != NULL; p++) {
    if (p[1] != 'v' && p[1] != 'V')
      continue;
    const char *q = p + 2;
    while (is_digit(*q))
      q++;
    if (*q == ')' && q > p + 2 && parse_number(p + 2, (size_t)(q - p - 2), v) == 1)
      return true;
  }
  return false;
}

struct pl_subject *pl_subject_parse(const char *subject)
{
  struct pl_subject *s = g_new0(struct pl_subject, 1);
  unsigned groups = 0;

  s->tags = g_ptr_array_new_with_free_func(g_free);
  s->version = 1;
  if (!subject)
    subject = "";

  const char *p = skip_space(subject);
  for (;;) {
    const char *q;
    /* Reply words after groups only while no group said PATCH: that is a
     * list tag before the reply ("[Qemu-devel] Re: [PATCH]"), whereas
     * "[PATCH] Re: foo" is a patch whose title starts with "Re:". */
    if (!s->has_patch_group && (q = reply_prefix(p)) != NULL) {
      s->reply_depth++;
      p = skip_space(q);
      /* b4 ty's thank-you notes for part of a series: "Re: (subset) [PATCH". */
      if (starts_with_ci(p, "(subset)"))
        p = skip_space(p + 8);
      continue;
    }
    if (*p != '[')
      break;
    q = group_end(p);
    if (!q) {
      s->flags |= PL_SUBJECT_UNCLOSED;
      break;
    }
    parse_group(s, p + 1, q);
    groups++;
    p = skip_space(q + 1);
  }

  const char *end = p + strlen(p);
  while (end > p && is_space(end[-1]))
    end--;
  s->title = g_strndup(p, (gsize)(end - p));

  if (s->version_rule == PL_SUBJECT_VERSION_DEFAULT && title_version(s->title, &s->version))
    s->version_rule = PL_SUBJECT_VERSION_TITLE;
  if (s->counter_rule != PL_SUBJECT_COUNTER_NONE && (s->total == 0 || s->n > s->total))
    s->flags |= PL_SUBJECT_COUNTER_ODD;

  s->is_reply = s->reply_depth > 0;
  s->is_patch = s->has_patch_group && !s->is_reply;
  s->is_patch_like =
      !s->is_reply && groups > 0 &&
      (s->has_patch_group || s->is_rfc || s->counter_rule != PL_SUBJECT_COUNTER_NONE ||
       s->version_rule == PL_SUBJECT_VERSION_TOKEN ||
       s->version_rule == PL_SUBJECT_VERSION_JOINED);
  return s;
}

void pl_subject_free(struct pl_subject *s)
{
  if (!s)
    return;
  g_free(s->title);
  g_ptr_array_unref(s->tags);
  g_free(s);
}

const char *pl_subject_version_rule_name(enum pl_subject_version_rule rule)
{
  switch (rule) {
  case PL_SUBJECT_VERSION_DEFAULT:
    return "default";
  case PL_SUBJECT_VERSION_TOKEN:
    return "vN";
  case PL_SUBJECT_VERSION_JOINED:
    return "PATCHvN";
  case PL_SUBJECT_VERSION_TITLE:
    return "(vN)";
  }
  return "?";
}

const char *pl_subject_counter_rule_name(enum pl_subject_counter_rule rule)
{
  switch (rule) {
  case PL_SUBJECT_COUNTER_NONE:
    return "none";
  case PL_SUBJECT_COUNTER_SLASH:
    return "n/N";
  case PL_SUBJECT_COUNTER_JOINED:
    return "PATCHn/N";
  case PL_SUBJECT_COUNTER_OF:
    return "n of N";
  }
  return "?";
}
