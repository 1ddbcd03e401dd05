/* The subject-prefix parser (host/subject.h) on any subject: the fields
 * agree with each other as subject.h documents them, numbers stay within
 * PL_SUBJECT_NUMBER_MAX, the tags are pieces of the input in its order
 * and the title is a trimmed piece of it. */
#include <string.h>

#include <glib.h>

#include "fuzz.h"
#include "subject.h"

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Where needle starts in [from, end), or NULL. A plain loop rather than
 * strstr: the sanitizer's strstr measures the whole haystack on every
 * call, which made this check quadratic in the number of tags. */
static const char *find(const char *from, const char *end, const char *needle)
{
  size_t n = strlen(needle);
  for (; from + n <= end; from++)
    if (memcmp(from, needle, n) == 0)
      return from;
  return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* Subjects are C strings: the input up to its first NUL. */
  char *subject = g_strndup((const char *)data, size);
  struct pl_subject *s = pl_subject_parse(subject);

  FUZZ_CHECK(s->title != NULL && s->tags != NULL);
  size_t tlen = strlen(s->title);
  FUZZ_CHECK(tlen <= strlen(subject));
  FUZZ_CHECK(tlen == 0 || (!is_space(s->title[0]) && !is_space(s->title[tlen - 1])));
  FUZZ_CHECK(strstr(subject, s->title) != NULL);
  /* Tags are pieces of the subject, in the order they appear there. */
  const char *at = subject, *end = subject + strlen(subject);
  for (guint i = 0; i < s->tags->len; i++) {
    const char *tag = g_ptr_array_index(s->tags, i);
    FUZZ_CHECK(*tag != '\0');
    at = find(at, end, tag);
    FUZZ_CHECK(at != NULL);
    at += strlen(tag);
  }

  FUZZ_CHECK(s->is_reply == (s->reply_depth > 0));
  FUZZ_CHECK(s->is_patch == (s->has_patch_group && !s->is_reply));
  FUZZ_CHECK(!s->is_patch || s->is_patch_like);
  FUZZ_CHECK(!s->is_patch_like || !s->is_reply);

  FUZZ_CHECK(s->version <= PL_SUBJECT_NUMBER_MAX && s->subversion <= PL_SUBJECT_NUMBER_MAX);
  FUZZ_CHECK(s->n <= PL_SUBJECT_NUMBER_MAX && s->total <= PL_SUBJECT_NUMBER_MAX);
  if (s->version_rule == PL_SUBJECT_VERSION_DEFAULT)
    FUZZ_CHECK(s->version == 1 && s->subversion == 0);
  if (s->counter_rule == PL_SUBJECT_COUNTER_NONE)
    FUZZ_CHECK(s->n == 0 && s->total == 0);
  else
    FUZZ_CHECK(((s->flags & PL_SUBJECT_COUNTER_ODD) != 0) == (s->total == 0 || s->n > s->total));
  FUZZ_CHECK(strcmp(pl_subject_version_rule_name(s->version_rule), "?") != 0);
  FUZZ_CHECK(strcmp(pl_subject_counter_rule_name(s->counter_rule), "?") != 0);

  pl_subject_free(s);
  g_free(subject);
  return 0;
}
