#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "mbox.h"

struct mbox {
  gchar *data;
  gsize len;
  GArray *spans;
};

static void load(struct mbox *m, const char *name)
{
  char *path = g_build_filename(FIXTURES, "mail", name, NULL);
  GError *error = NULL;
  gboolean ok = g_file_get_contents(path, &m->data, &m->len, &error);
  if (!ok)
    fail_msg("%s: %s", path, error->message);
  g_free(path);
  m->spans = pl_mbox_split(m->data, m->len);
  assert_non_null(m->spans);
}

static void unload(struct mbox *m)
{
  g_array_unref(m->spans);
  g_free(m->data);
}

/* Span i holds exactly want (bytes as in the file, still quoted). */
static void check_span(const struct mbox *m, guint i, const char *want)
{
  assert_true(i < m->spans->len);
  const struct pl_mbox_span *s = &g_array_index(m->spans, struct pl_mbox_span, i);
  assert_true(s->offset <= m->len);
  assert_true(s->length <= m->len - s->offset);
  assert_int_equal(s->length, strlen(want));
  assert_memory_equal(m->data + s->offset, want, s->length);
}

/* Span i, unquoted, holds exactly want. */
static void check_unquoted(const struct mbox *m, guint i, const char *want)
{
  const struct pl_mbox_span *s = &g_array_index(m->spans, struct pl_mbox_span, i);
  GBytes *b = pl_mbox_unquote(m->data + s->offset, s->length);
  gsize len;
  const char *data = g_bytes_get_data(b, &len);
  assert_int_equal(len, strlen(want));
  assert_memory_equal(data, want, len);
  g_bytes_unref(b);
}

static void check_unquote(const char *in, const char *want)
{
  GBytes *b = pl_mbox_unquote(in, strlen(in));
  gsize len;
  const char *data = g_bytes_get_data(b, &len);
  assert_int_equal(len, strlen(want));
  assert_memory_equal(data, want, len);
  g_bytes_unref(b);
}

static void split_several_messages(void **state)
{
  (void)state;
  struct mbox m;
  load(&m, "mbox-several.mbox");
  assert_int_equal(m.spans->len, 3);
  check_span(&m, 0, "Subject: one\nMessage-ID: <one@example.org>\n\nfirst body\n");
  check_span(&m, 1, "Subject: two\nMessage-ID: <two@example.org>\n\nsecond body\nline two\n");
  /* The blank line after the last message is the format's too. */
  check_span(&m, 2, "Subject: three\nMessage-ID: <three@example.org>\n\nthird body\n");
  unload(&m);
}

static void split_crlf_mbox(void **state)
{
  (void)state;
  struct mbox m;
  load(&m, "mbox-crlf.mbox");
  assert_int_equal(m.spans->len, 3);
  check_span(&m, 0, "Subject: one\r\nMessage-ID: <one@example.org>\r\n\r\nfirst body\r\n");
  check_span(&m, 1,
             "Subject: two\r\nMessage-ID: <two@example.org>\r\n\r\nsecond body\r\nline two\r\n");
  check_span(&m, 2, "Subject: three\r\nMessage-ID: <three@example.org>\r\n\r\nthird body\r\n");
  unload(&m);
}

static void split_empty_file(void **state)
{
  (void)state;
  struct mbox m;
  load(&m, "mbox-empty.mbox");
  assert_int_equal(m.len, 0);
  assert_int_equal(m.spans->len, 0);
  unload(&m);

  GArray *spans = pl_mbox_split("", 0);
  assert_int_equal(spans->len, 0);
  g_array_unref(spans);
  GBytes *b = pl_mbox_unquote("", 0);
  assert_int_equal(g_bytes_get_size(b), 0);
  g_bytes_unref(b);
}

static void from_line_without_blank_line_before_does_not_split(void **state)
{
  (void)state;
  struct mbox m;
  load(&m, "mbox-from-in-body.mbox");
  assert_int_equal(m.spans->len, 2);
  check_span(&m, 0,
             "Subject: from in body\nMessage-ID: <from-in-body@example.org>\n\n"
             "Some text\n"
             "From this line on, nothing is split: the line before is not blank.\n"
             "more\n");
  check_span(&m, 1, "Subject: after\nMessage-ID: <after@example.org>\n\nx\n");
  unload(&m);
}

static void only_the_last_blank_line_before_a_separator_is_dropped(void **state)
{
  (void)state;
  struct mbox m;
  load(&m, "mbox-trailing-blank.mbox");
  assert_int_equal(m.spans->len, 2);
  check_span(&m, 0,
             "Subject: blank lines\nMessage-ID: <blank-lines@example.org>\n\n"
             "the body ends with a blank line of its own\n\n");
  /* No newline at the end of the file: nothing is dropped. */
  check_span(&m, 1,
             "Subject: no final newline\nMessage-ID: <no-final-newline@example.org>\n\nlast");
  unload(&m);
}

static void mboxrd_unquoting(void **state)
{
  (void)state;
  struct mbox m;
  load(&m, "mboxrd-quoted.mbox");
  assert_int_equal(m.spans->len, 1);
  check_unquoted(&m, 0,
                 "Subject: quoting\nMessage-ID: <quoting@example.org>\n\n"
                 "From the start of a line.\n"
                 ">From a quoted From line.\n"
                 ">>From deeper.\n"
                 "> From after a space is not quoting.\n"
                 ">Fromage is not a From line.\n");
  unload(&m);
}

static void mboxo_split_and_unquote(void **state)
{
  (void)state;
  struct mbox m;
  load(&m, "mboxo.mbox");
  assert_int_equal(m.spans->len, 2);
  check_span(&m, 0,
             "Subject: mboxo one\nMessage-ID: <mboxo-one@example.org>\n\n"
             "Quoted by the writer:\n\n>From here the line began with From.\n");
  check_unquoted(&m, 0,
                 "Subject: mboxo one\nMessage-ID: <mboxo-one@example.org>\n\n"
                 "Quoted by the writer:\n\nFrom here the line began with From.\n");
  check_span(&m, 1, "Subject: mboxo two\nMessage-ID: <mboxo-two@example.org>\n\nsecond\n");
  unload(&m);
}

static void unquote_rules(void **state)
{
  (void)state;
  check_unquote(">From a\n", "From a\n");
  check_unquote(">>From a\n", ">From a\n");
  check_unquote("x\n>From a\r\n>>>From b", "x\nFrom a\r\n>>From b");
  check_unquote("From a\n", "From a\n");
  check_unquote(">From\n", ">From\n");
  check_unquote(">from a\n", ">from a\n");
  check_unquote(" >From a\n", " >From a\n");
  check_unquote(">", ">");
}

static void text_before_the_first_from_line_is_not_a_message(void **state)
{
  (void)state;
  const char *data = "stray text\n\nFrom x\nSubject: a\n\nbody\n";
  GArray *spans = pl_mbox_split(data, strlen(data));
  assert_int_equal(spans->len, 1);
  const struct pl_mbox_span *s = &g_array_index(spans, struct pl_mbox_span, 0);
  assert_int_equal(s->offset, strlen("stray text\n\nFrom x\n"));
  assert_int_equal(s->length, strlen("Subject: a\n\nbody\n"));
  g_array_unref(spans);

  data = "Subject: not an mbox\n\nbody\n";
  spans = pl_mbox_split(data, strlen(data));
  assert_int_equal(spans->len, 0);
  g_array_unref(spans);
}

static void from_lines_with_nothing_between(void **state)
{
  (void)state;
  const char *data = "From a\n\nFrom b\nFrom c\n";
  GArray *spans = pl_mbox_split(data, strlen(data));
  assert_int_equal(spans->len, 2);
  const struct pl_mbox_span *s = &g_array_index(spans, struct pl_mbox_span, 0);
  assert_int_equal(s->offset, 7);
  assert_int_equal(s->length, 0);
  /* "From c" follows a non-blank line: it is the second message's body. */
  s = &g_array_index(spans, struct pl_mbox_span, 1);
  assert_int_equal(s->offset, 15);
  assert_int_equal(s->length, 7);
  g_array_unref(spans);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(split_several_messages),
      cmocka_unit_test(split_crlf_mbox),
      cmocka_unit_test(split_empty_file),
      cmocka_unit_test(from_line_without_blank_line_before_does_not_split),
      cmocka_unit_test(only_the_last_blank_line_before_a_separator_is_dropped),
      cmocka_unit_test(mboxrd_unquoting),
      cmocka_unit_test(mboxo_split_and_unquote),
      cmocka_unit_test(unquote_rules),
      cmocka_unit_test(text_before_the_first_from_line_is_not_a_message),
      cmocka_unit_test(from_lines_with_nothing_between),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
