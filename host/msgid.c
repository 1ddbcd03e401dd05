#include "msgid.h"

#include <string.h>

struct tokenizer {
  const char *p;
  /* Once a comment or quoted string runs to the end of the value, later
   * '(' or '"' would too: they are plain text from then on, which also
   * keeps "((((..." linear. */
  int no_comments;
  int no_quotes;
};

static int is_ws(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Returns the position after the comment opened at p, or NULL when it does
 * not close. Comments nest and take backslash escapes (RFC 5322 3.2.2). */
static const char *skip_comment(const char *p)
{
  int depth = 0;

  for (; *p; p++) {
    if (*p == '\\' && p[1]) {
      p++;
    } else if (*p == '(') {
      depth++;
    } else if (*p == ')' && --depth == 0) {
      return p + 1;
    }
  }
  return NULL;
}

static const char *skip_quoted(const char *p)
{
  for (p++; *p; p++) {
    if (*p == '\\' && p[1])
      p++;
    else if (*p == '"')
      return p + 1;
  }
  return NULL;
}

/* The next non-empty <...> id, white space removed, or NULL at the end.
 * Brackets inside comments and quoted strings outside ids are not ids:
 * Emacs writes In-Reply-To: <id> (message from Name <addr> on Date), MH
 * writes In-reply-to: Your message of "Date." <id>. The caller frees the
 * id with g_free. */
static char *next_id(struct tokenizer *tk)
{
  const char *p = tk->p;

  while (*p) {
    if (*p == '(' && !tk->no_comments) {
      const char *q = skip_comment(p);
      if (q != NULL) {
        p = q;
        continue;
      }
      tk->no_comments = 1;
    }
    if (*p == '"' && !tk->no_quotes) {
      const char *q = skip_quoted(p);
      if (q != NULL) {
        p = q;
        continue;
      }
      tk->no_quotes = 1;
    }
    if (*p != '<') {
      p++;
      continue;
    }

    const char *start = p + 1, *end = start;
    while (*end && *end != '>' && *end != '<')
      end++;
    if (*end != '>') {
      /* Unterminated: drop it; a '<' here starts the next candidate. */
      p = end;
      continue;
    }
    p = end + 1;

    GString *id = g_string_sized_new((gsize)(end - start));
    for (const char *s = start; s < end; s++)
      if (!is_ws(*s))
        g_string_append_c(id, *s);
    if (id->len == 0) {
      g_string_free(id, TRUE);
      continue;
    }
    tk->p = p;
    return g_string_free(id, FALSE);
  }
  tk->p = p;
  return NULL;
}

GPtrArray *pl_msgid_list(const char *value)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func(g_free);
  if (value == NULL)
    return ids;

  /* The set borrows the array's strings. */
  GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
  struct tokenizer tk = {value, 0, 0};
  char *id;

  while ((id = next_id(&tk)) != NULL) {
    if (g_hash_table_contains(seen, id)) {
      g_free(id);
      continue;
    }
    g_hash_table_add(seen, id);
    g_ptr_array_add(ids, id);
  }
  g_hash_table_destroy(seen);
  return ids;
}

char *pl_msgid_one(const char *value)
{
  if (value == NULL)
    return NULL;

  struct tokenizer tk = {value, 0, 0};
  char *id = next_id(&tk);
  if (id != NULL)
    return id;

  /* No <...> token: the bare value, less a lone '<' or '>' left by a
   * truncated or half-bracketed id ("<abc@example.org"). */
  const char *start = value, *end = value + strlen(value);
  while (start < end && is_ws(*start))
    start++;
  if (start < end && *start == '<')
    start++;
  while (end > start && is_ws(end[-1]))
    end--;
  if (end > start && end[-1] == '>')
    end--;
  while (start < end && is_ws(*start))
    start++;
  while (end > start && is_ws(end[-1]))
    end--;
  if (start == end)
    return NULL;
  return g_strndup(start, (gsize)(end - start));
}
