#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <glib.h>
#include <string.h>

#include "msgid.h"

/* Asserts that value lists exactly the NULL-terminated ids, in order. */
static void check_list(const char *value, const char *const *want)
{
  GPtrArray *ids = pl_msgid_list(value);
  size_t n = 0;

  assert_non_null(ids);
  while (want[n] != NULL)
    n++;
  assert_int_equal(ids->len, n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(g_ptr_array_index(ids, i), want[i]);
  g_ptr_array_unref(ids);
}

#define LIST(value, ...) check_list(value, (const char *const[]){__VA_ARGS__, NULL})
#define EMPTY(value) check_list(value, (const char *const[]){NULL})

static void check_one(const char *value, const char *want)
{
  char *id = pl_msgid_one(value);
  if (want == NULL) {
    assert_null(id);
    return;
  }
  assert_non_null(id);
  assert_string_equal(id, want);
  g_free(id);
}

static void references_with_several_ids(void **state)
{
  (void)state;
  LIST("<a@b> <c@d> <e@f>", "a@b", "c@d", "e@f");
  LIST("<20240101.1-1-git-send-email-x@kernel.org> <87abc.fsf@intel.com>",
       "20240101.1-1-git-send-email-x@kernel.org", "87abc.fsf@intel.com");
}

static void ids_separated_by_newlines_and_tabs(void **state)
{
  (void)state;
  LIST("<a@b>\n\t<c@d>\r\n <e@f>", "a@b", "c@d", "e@f");
  LIST("\t<a@b>\t\t<c@d>\n", "a@b", "c@d");
  /* No separator at all. */
  LIST("<a@b><c@d>", "a@b", "c@d");
}

static void malformed_ids_in_the_middle(void **state)
{
  (void)state;
  LIST("<a@b> garbage <c@d", "a@b");
  LIST("<a@b> <c@d <e@f>", "a@b", "e@f");
  LIST("<a@b> <> <e@f>", "a@b", "e@f");
  LIST("<a@b> < \t> <e@f>", "a@b", "e@f");
  LIST("<<a@b>>", "a@b");
  LIST("a@b> <c@d> >", "c@d");
}

static void trailing_dots_are_kept(void **state)
{
  (void)state;
  LIST("<foo.@bar.> <x..y@z.>", "foo.@bar.", "x..y@z.");
}

static void white_space_inside_brackets_is_removed(void **state)
{
  (void)state;
  LIST("<foo@\n bar.example>", "foo@bar.example");
  LIST("< a@b >  <c @\r\n\td>", "a@b", "c@d");
}

static void duplicates_are_kept_once(void **state)
{
  (void)state;
  LIST("<a@b> <c@d> <a@b> <e@f> <c@d>", "a@b", "c@d", "e@f");
  /* White space removal happens before the comparison. */
  LIST("<a@b> < a@b>", "a@b");
}

static void unbracketed_words_are_ignored_in_lists(void **state)
{
  (void)state;
  LIST("a@b <c@d> e@f", "c@d");
  EMPTY("a@b c@d");
}

static void ids_without_at_sign_are_ids(void **state)
{
  (void)state;
  LIST("<12345> <local-part-only>", "12345", "local-part-only");
}

static void brackets_in_comments_are_not_ids(void **state)
{
  (void)state;
  LIST("<87h6@host.example> (message from Foo Bar <foo@bar.com> on Mon, 1 Jan)",
       "87h6@host.example");
  EMPTY("((nested) <y@z>)");
  LIST("(a \\) <x@y>) <id@h>", "id@h");
}

static void brackets_in_quoted_strings_are_not_ids(void **state)
{
  (void)state;
  LIST("Message from \"Foo <foo@bar>\" of \"Mon, 01 Jan 2001.\" <id@host>", "id@host");
  LIST("\"a \\\" <x@y>\" <id@h>", "id@h");
}

static void unbalanced_comment_or_quote_is_plain_text(void **state)
{
  (void)state;
  LIST("( <a@b>", "a@b");
  LIST("\" <a@b>", "a@b");
  LIST("<a@b> (unclosed <c@d> (x)", "a@b", "c@d");
}

static void null_or_empty_list(void **state)
{
  (void)state;
  EMPTY(NULL);
  EMPTY("");
  EMPTY("   \n\t");
  EMPTY("garbage only");
  EMPTY("<>");
}

static void long_references_keep_order(void **state)
{
  (void)state;
  GString *value = g_string_new(NULL);
  for (int i = 0; i < 2000; i++)
    g_string_append_printf(value, "<%d@x>\n ", i % 1000);
  GPtrArray *ids = pl_msgid_list(value->str);
  assert_int_equal(ids->len, 1000);
  for (int i = 0; i < 1000; i++) {
    char want[16];
    g_snprintf(want, sizeof want, "%d@x", i);
    assert_string_equal(g_ptr_array_index(ids, i), want);
  }
  g_ptr_array_unref(ids);
  g_string_free(value, TRUE);
}

static void unclosed_bomb_is_linear(void **state)
{
  (void)state;
  static const char *const units[] = {"(", "\"", "<"};
  for (size_t u = 0; u < G_N_ELEMENTS(units); u++) {
    GString *value = g_string_new(NULL);
    for (int i = 0; i < 200000; i++)
      g_string_append(value, units[u]);
    g_string_append(value, "<a@b>");
    if (u == 1)
      /* An even count of '"' is empty quoted strings: add one more. */
      g_string_prepend(value, "\"");
    LIST(value->str, "a@b");
    g_string_free(value, TRUE);
  }
}

static void one_bracketed(void **state)
{
  (void)state;
  check_one("<a@b>", "a@b");
  check_one("  <a@b> (added by postmaster)\n", "a@b");
  check_one("<a@b> <c@d>", "a@b");
  check_one("<foo.@bar.>", "foo.@bar.");
  check_one("< a@\n b>", "a@b");
  check_one("(comment <x@y>) <a@b>", "a@b");
}

static void one_unbracketed(void **state)
{
  (void)state;
  check_one("a@b", "a@b");
  check_one("  a@b \r\n", "a@b");
  check_one("\t1234.5678@host.example.", "1234.5678@host.example.");
}

static void one_half_bracketed(void **state)
{
  (void)state;
  check_one("<abc@example.org", "abc@example.org");
  check_one("abc@example.org> ", "abc@example.org");
  check_one(" < abc@example.org ", "abc@example.org");
}

static void one_null_or_empty(void **state)
{
  (void)state;
  check_one(NULL, NULL);
  check_one("", NULL);
  check_one(" \t\r\n", NULL);
  check_one("<>", NULL);
  check_one(" < > ", NULL);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(references_with_several_ids),
      cmocka_unit_test(ids_separated_by_newlines_and_tabs),
      cmocka_unit_test(malformed_ids_in_the_middle),
      cmocka_unit_test(trailing_dots_are_kept),
      cmocka_unit_test(white_space_inside_brackets_is_removed),
      cmocka_unit_test(duplicates_are_kept_once),
      cmocka_unit_test(unbracketed_words_are_ignored_in_lists),
      cmocka_unit_test(ids_without_at_sign_are_ids),
      cmocka_unit_test(brackets_in_comments_are_not_ids),
      cmocka_unit_test(brackets_in_quoted_strings_are_not_ids),
      cmocka_unit_test(unbalanced_comment_or_quote_is_plain_text),
      cmocka_unit_test(null_or_empty_list),
      cmocka_unit_test(long_references_keep_order),
      cmocka_unit_test(unclosed_bomb_is_linear),
      cmocka_unit_test(one_bracketed),
      cmocka_unit_test(one_unbracketed),
      cmocka_unit_test(one_half_bracketed),
      cmocka_unit_test(one_null_or_empty),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
